/* core/input_warc.h - WARC records (ISO 28500, WARC/1.0 and WARC/1.1)
 * framed out of a byte source: the version line, the named fields up to
 * the blank line, Content-Length bytes of block, and the two line ends
 * after it.
 *
 * A record is held in memory whole (its block at most max_doc_bytes); a
 * longer block is passed over in chunks, keeping its first bytes for the
 * report. A record that cannot be framed (no "WARC/1." line, no
 * Content-Length, a header block that does not end, a block the file cuts
 * short, or bytes after the block that are not the two line ends a wrong
 * Content-Length leaves) is reported with its offset, and reading picks
 * up at the next line that starts with "WARC/1."; corrupt compressed data
 * is passed over to the next gzip member or zstd frame first.
 *
 * Offsets: `offset` counts decompressed bytes; `file_offset` is where the
 * gzip member or zstd frame holding the record starts in the file (the
 * offset a CDX index gives), the same as `offset` in an uncompressed file.
 */
#ifndef SLUICE_CORE_INPUT_WARC_H
#define SLUICE_CORE_INPUT_WARC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input_buffer.h"
#include "input_source.h"
#include "read_error.h"

/* The longest header block read (named fields of one record). */
#define SL_WARC_MAX_HEADER ((size_t)1 << 20)

typedef struct sl_warc_record {
    uint64_t offset;       /* decompressed offset of "WARC/1." */
    uint64_t file_offset;  /* compressed offset of its member or frame */
    uint64_t block_offset; /* decompressed offset of the block */
    sl_codec codec;        /* the file's compression */
    const char *fields;    /* the header block after the version line */
    size_t fields_len;
    const char *block; /* the content (a prefix when too_long) */
    size_t block_len;
    uint64_t content_length;
    bool too_long; /* the block is over max_doc_bytes */
    /* too_long: the SHA-256 of the whole block, hashed while it was
     * skipped; "" when the file ended first */
    char block_sha256[SL_SHA256_HEX_SIZE];
} sl_warc_record;

typedef struct sl_warc_framer {
    sl_input_buffer *buf; /* borrowed, started over src */
    sl_source *src;       /* borrowed */
    const char *path;
    uint64_t max;       /* max_doc_bytes; 0: none */
    size_t consumed;    /* bytes of the last record still buffered */
    bool lost;          /* after a bad record: look for the next one */
    bool at_unit_start; /* lost at the start of a member or frame */
    bool done;          /* nothing more can be read */
    char *hold;         /* an overlong record's header and first bytes */
} sl_warc_framer;

/* Sets up f over buf (already started over src). */
void sl_warc_framer_init(sl_warc_framer *f, sl_input_buffer *buf,
                         sl_source *src, const char *path, uint64_t max);

/* Frees what f holds (not the buffer or the source). */
void sl_warc_framer_free(sl_warc_framer *f);

/* The next record. Returns 1 with *rec filled (valid until the next
 * call), 0 at the end, or -1 with err filled (reader "warc": the file,
 * the record's offset and what is wrong, and the record's bytes as far as
 * they were read); call again for the records after it. */
int sl_warc_next(sl_warc_framer *f, sl_warc_record *rec, sl_read_error *err);

/* Fills err (reader "warc") for the record at decompressed offset `at`
 * whose member or frame starts at file_at: "PATH: WARC record at byte
 * offset N: WHAT", naming the member's offset in a compressed file.
 * err->offset is file_at. */
void sl_warc_error(sl_read_error *err, const char *path, sl_codec codec,
                   uint64_t at, uint64_t file_at, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The value of the named field (case-insensitive), with *len set, or
 * NULL when the record has none. Surrounding white space is trimmed. */
const char *sl_warc_field(const sl_warc_record *rec, const char *name,
                          size_t *len);

#endif
