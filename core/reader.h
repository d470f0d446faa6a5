/* core/reader.h - turns the run's inputs into a stream of documents.
 *
 * Inputs are files, folders (walked recursively, entries in byte-sorted
 * order) and "-" (standard input). Each file is read through its
 * decompressor (.gz with zlib, .zst with libzstd) and split into
 * documents by its format: plain text (one document per file), JSONL (one
 * document per line), HTML (one document per file, raw) or WARC (one
 * document per record that holds a page; see input_warc_doc.h). The reader
 * validates UTF-8 and enforces max_doc_bytes; a record that fails is
 * reported as SL_READ_BAD_DOC with the place it failed, and the stream goes
 * on with the next record.
 *
 * Rules, in the order a record meets them:
 * - Compression is recognised by magic bytes (so "-" may be compressed);
 *   a .gz/.zst name whose bytes disagree is an error. A truncated or
 *   corrupt stream is an error naming the file and the offsets reached;
 *   the documents read before it are kept.
 * - format "auto": .jsonl/.ndjson are JSONL, .html/.htm HTML,
 *   .warc/.wet/.wat WARC, looking through .gz/.zst/.zstd; a file with
 *   another name that starts with "WARC/1." is WARC, else text; on
 *   standard input (and a pipe such as <(zcat ...) without such a name)
 *   a first non-blank byte '{' means JSONL.
 * - text and html: one document per file, id and source = the path ("-"
 *   for standard input). An empty file gives a document with empty text.
 * - jsonl: one document per non-blank line. A record without the id
 *   field (or with null, "" or a string holding NUL) gets the id
 *   "FILE:LINE"; a number id is written in decimal. Every field but the
 *   text and the id goes to doc->meta.
 * - content_type "auto": HTML for .html/.htm files and for text that
 *   starts (after white space, a BOM, comments or an XML declaration)
 *   with "<!DOCTYPE" or "<html"; else text.
 * - A leading UTF-8 byte-order mark (of a file, a JSONL line or a text
 *   field) is stripped. CRLF line ends are kept in text (the line splitter
 *   handles them) and dropped from JSONL lines.
 * - Invalid UTF-8 (overlong forms, surrogates, truncated sequences, stray
 *   continuation bytes, bytes above U+10FFFF) and NUL bytes make the record
 *   fail with "FILE:LINE: invalid UTF-8 at byte offset N (what: bytes)",
 *   N counted in the (decompressed) file. HTML files are the exception:
 *   a page that is not UTF-8 is converted from cfg->charset, else from
 *   its <meta> charset, else from a guess (see input_charset.h), and
 *   doc->meta gets "charset".
 * - max_doc_bytes: a record (a JSONL line or a whole file, decompressed)
 *   longer than it is refused without being read into memory; the reader
 *   skips to the next line. SL_INPUT_DEFAULT_MAX_DOC_BYTES is the default
 *   a pipeline gets when it does not say; 0 means no limit.
 * - Folders are walked recursively in byte-sorted order, hidden entries
 *   skipped; a symlink back to a folder on the current path is reported as
 *   a loop (SL_READ_BAD_DOC, reader "fs") and not followed; so are dangling
 *   links and unreadable folders. Unreadable files fail the same way.
 */
#ifndef SLUICE_CORE_READER_H
#define SLUICE_CORE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <sluice/doc.h>

#include "read_error.h"

/* The max_doc_bytes a pipeline gets when its input section does not set
 * one: 64 MiB. */
#define SL_INPUT_DEFAULT_MAX_DOC_BYTES ((uint64_t)64 << 20)

typedef struct sl_input_config {
    const char *format;       /* "auto", "text", "jsonl", "html", "warc" */
    const char *content_type; /* "auto", "text", "html" */
    const char *text_field;   /* JSONL: field holding the text ("text") */
    const char *id_field;     /* JSONL: field holding the id ("id");
                                 WARC: a header naming the id (default:
                                 WARC-Record-ID) */
    uint64_t max_doc_bytes;   /* larger records are refused; 0: no limit */
    const char *charset;      /* HTML files that are not UTF-8: decode
                                 them from this charset ("gbk", "big5");
                                 NULL or "": the page's declaration, else
                                 a guess (GB18030 or Windows-1252) */
} sl_input_config;

typedef enum sl_read_result {
    SL_READ_DOC = 0, /* *doc holds a new document; the caller frees it */
    SL_READ_END,     /* no more input */
    SL_READ_BAD_DOC, /* one record failed (see err); call again for more */
    SL_READ_FATAL    /* the reader cannot go on (see err) */
} sl_read_result;

typedef struct sl_reader sl_reader;

/* Opens a reader over paths (copied). n_paths == 0 means standard input.
 * Returns NULL with *err filled when an input cannot be found. */
sl_reader *sl_reader_open(const sl_input_config *cfg, const char *const *paths,
                          size_t n_paths, sl_read_error *err);

/* The next document: id set (from id_field, else "FILE:LINE" for JSONL,
 * else the file path), source, source_line, source_offset, seq, meta (the
 * record's other fields), content_type, and raw (the text). Blocks are not
 * made here: the engine splits plain text into lines. */
sl_read_result sl_reader_next(sl_reader *reader, sl_doc **doc,
                              sl_read_error *err);

/* A JSONL line found but not yet parsed. */
typedef struct sl_deferred_line sl_deferred_line;

/* sl_reader_next, except that a JSONL line comes back unparsed, in *line
 * (SL_READ_DOC with *doc NULL), so that the UTF-8 check and the JSON
 * parse, most of the reading's work, can run on another thread with
 * sl_deferred_line_parse. Blank lines, lines outside the range and
 * overlong or binary lines are dealt with here as sl_reader_next does. */
sl_read_result sl_reader_next_deferred(sl_reader *reader, sl_doc **doc,
                                       sl_deferred_line **line,
                                       sl_read_error *err);

/* An empty line store for sl_reader_next_deferred_into; NULL when out of
 * memory. Freed with sl_deferred_line_free. */
sl_deferred_line *sl_deferred_line_new(void);

/* sl_reader_next_deferred, except that a JSONL line is copied into store,
 * whose buffer is kept from one line to the next (no allocation per
 * line), and *deferred says whether one was. The store's line lasts until
 * the next call with it. */
sl_read_result sl_reader_next_deferred_into(sl_reader *reader, sl_doc **doc,
                                            sl_deferred_line *store,
                                            bool *deferred, sl_read_error *err);

/* What sl_reader_next would have returned for the line: SL_READ_DOC with
 * *doc, or SL_READ_BAD_DOC with err filled. Any thread, while the reader
 * is open; several lines at once. */
sl_read_result sl_deferred_line_parse(const sl_deferred_line *line,
                                      sl_doc **doc, sl_read_error *err);

/* The line's length in bytes. */
size_t sl_deferred_line_bytes(const sl_deferred_line *line);

void sl_deferred_line_free(sl_deferred_line *line);

/* Bytes consumed from the inputs so far (compressed size where
 * compressed), and the total size of regular input files (0 when
 * unknown, as for standard input). For progress. */
uint64_t sl_reader_bytes_read(const sl_reader *reader);
uint64_t sl_reader_bytes_total(const sl_reader *reader);

/* True when a read may wait for input: standard input, a pipe, a FIFO or
 * a device is among the inputs (a regular file never makes it wait). */
bool sl_reader_may_wait(const sl_reader *reader);

/* Restricts the reader to the byte range [start, end) of the inputs taken
 * as one stream (regular files concatenated in the order they are read,
 * as sized on disk; sl_reader_bytes_total gives the whole length). Call
 * before the first sl_reader_next. A document belongs to the range that
 * holds its first byte: in an uncompressed JSONL file each line counts on
 * its own (line numbers and FILE:LINE ids stay those of the whole file);
 * in a WARC file each record counts on its own, placed at the start of
 * the gzip member or zstd frame that holds its first byte (so a .warc.gz
 * of a member per record is cut by record; records before the range are
 * framed and passed over, not made into documents); a compressed JSONL
 * file, a text or HTML file, and an empty file count as one
 * record starting at the file's first byte. So ranges that tile
 * [0, total) give every document exactly once, whatever the cut points
 * (a range whose end is at or past the total also takes what starts at
 * the very end, such as a trailing empty file).
 * Standard input is not meant to be cut. Returns 0, or -1 when reading
 * has already started or start > end. */
int sl_reader_set_range(sl_reader *reader, uint64_t start, uint64_t end);

/* What the reader counted besides documents, for --stats: NULL when no
 * WARC file was read, else {"warc_records": N, "warc_skipped_total": N,
 * "warc_skipped": {"request": N, "http_4xx": N, ...}} (only reasons that
 * occurred; see input_warc_doc.h), over the records in the range. A new
 * reference. */
json_t *sl_reader_stats_json(const sl_reader *reader);

void sl_reader_close(sl_reader *reader);

#endif
