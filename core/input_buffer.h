/* core/input_buffer.h - buffered reading of a byte source as records:
 * one line at a time (JSONL) or the whole stream (a text or HTML file),
 * with max_doc_bytes enforced without holding an overlong record in
 * memory.
 *
 * The buffer grows to hold the longest record seen, but never much past
 * the limit: an overlong line is read on in fixed chunks and thrown away
 * up to its newline, so memory stays bounded by about twice max_doc_bytes
 * whatever the input holds. A line that grows that long and holds NUL
 * bytes ends the stream: looking for a newline in binary data could go on
 * for ever (/dev/zero).
 */
#ifndef SLUICE_CORE_INPUT_BUFFER_H
#define SLUICE_CORE_INPUT_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input_source.h"
#include "read_error.h"
#include "sha256.h"

/* Bytes asked of the source per read. */
#define SL_INPUT_READ_CHUNK ((size_t)1 << 20)

/* Bytes of an overlong record kept for the error report. */
#define SL_INPUT_LONG_PREFIX ((size_t)4096)

typedef struct sl_input_buffer {
    sl_source *src; /* borrowed */
    uint64_t max;   /* record limit in bytes; 0: none */
    char *buf;
    size_t cap, start, end; /* unread bytes are buf[start..end) */
    uint64_t buf_offset;    /* stream offset of buf[0] */
    uint64_t line;          /* lines taken so far */
    bool eof;
    char long_prefix[SL_INPUT_LONG_PREFIX];
} sl_input_buffer;

/* One record. text is valid until the next call. */
typedef struct sl_input_record {
    const char *text; /* the bytes, without the '\n' (a '\r' before it is
                         kept); for an overlong record its first bytes */
    size_t len;
    uint64_t line;       /* 1-based line of the record's first byte */
    uint64_t offset;     /* stream offset of the record's first byte */
    uint64_t full_len;   /* the record's real length (differs when too long) */
    bool too_long;       /* over max: text holds only a prefix */
    bool binary;         /* a NUL byte in a line past max (or, without a
                            limit, past SL_INPUT_READ_CHUNK) with no newline:
                            binary data such as /dev/zero. The record is too
                            long and the stream gives no more lines. */
    uint64_t nul_offset; /* binary: stream offset of the first NUL byte */
    /* an overlong line (too_long, not binary): the SHA-256 of its
     * full_len bytes, hashed as they were skipped; else "" */
    char sha256[SL_SHA256_HEX_SIZE];
} sl_input_record;

/* Prepares b over src, starting at stream offset `offset` (0, or where
 * src was seeked to) and line `line` (lines before it). Returns 0, or -1
 * when out of memory. */
int sl_input_buffer_init(sl_input_buffer *b, sl_source *src, uint64_t max,
                         uint64_t offset, uint64_t line);

/* The next line. Returns 1 with *rec filled, 0 at the end of the stream,
 * or -1 with err filled (the source failed; err->record holds the partial
 * line). A final line without '\n' is returned like the others. */
int sl_input_buffer_next_line(sl_input_buffer *b, sl_input_record *rec,
                              sl_read_error *err);

/* The rest of the stream as one record. When it is longer than max, stops
 * reading after max bytes and returns the record with too_long set and
 * full_len = what was read (at least max + 1). Returns 1, or -1 with err
 * filled. */
int sl_input_buffer_read_all(sl_input_buffer *b, sl_input_record *rec,
                             sl_read_error *err);

/* Makes sure some bytes are buffered (at most one read), then points
 * *data at the unread bytes. Returns their count (0 at the end), or -1
 * with err filled. For sniffing the format of standard input. */
ssize_t sl_input_buffer_peek(sl_input_buffer *b, const char **data,
                             sl_read_error *err);

/* Drops every record that starts before stream offset `offset`: the
 * bytes before it, and the rest of the line it falls in, counting lines
 * (so later records keep their line numbers). Memory stays bounded
 * whatever the line lengths. Returns 0, or -1 with err filled. */
int sl_input_buffer_skip_before(sl_input_buffer *b, uint64_t offset,
                                sl_read_error *err);

/* Makes sure at least `want` bytes are buffered unless the stream ends
 * first, then points *data at the unread bytes (valid until the next
 * call). Returns their count (less than want only at the end), or -1
 * with err filled. For formats that frame their own records (WARC). */
ssize_t sl_input_buffer_fill_to(sl_input_buffer *b, size_t want,
                                const char **data, sl_read_error *err);

/* Consumes n unread bytes (n at most what is buffered). */
void sl_input_buffer_drop(sl_input_buffer *b, size_t n);

/* The stream offset of the first unread byte. */
uint64_t sl_input_buffer_offset(const sl_input_buffer *b);

/* Forgets the buffered bytes and the end of the stream, keeping the
 * offset count going: after sl_source_resync the source has more. */
void sl_input_buffer_discard(sl_input_buffer *b);

/* Points b (set up by sl_input_buffer_init before) at another source,
 * keeping its memory unless one long record made it large. Returns 0, or
 * -1 when out of memory. */
int sl_input_buffer_start(sl_input_buffer *b, sl_source *src, uint64_t max,
                          uint64_t offset, uint64_t line);

/* Frees the memory when it grew past what is worth keeping for the next
 * file (a whole large file was read): the next start allocates afresh. */
void sl_input_buffer_trim(sl_input_buffer *b);

/* Frees the buffer's memory; b may be started again. */
void sl_input_buffer_free(sl_input_buffer *b);

#endif
