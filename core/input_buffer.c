/* core/input_buffer.c - lines and whole files from a byte source, with
 * the record size limit (see input_buffer.h).
 */
#include "input_buffer.h"

#include <stdlib.h>
#include <string.h>

#include <sluice/invariant.h>

#include "input_error.h"

/* The buffer's first size. */
#define BUFFER_START_CAP ((size_t)2 << 20)

/* A buffer grown past this for one long record is not kept for the next
 * source. */
#define BUFFER_KEEP_CAP ((size_t)8 << 20)

int sl_input_buffer_init(sl_input_buffer *b, sl_source *src, uint64_t max,
                         uint64_t offset, uint64_t line)
{
    memset(b, 0, sizeof *b);
    return sl_input_buffer_start(b, src, max, offset, line);
}

int sl_input_buffer_start(sl_input_buffer *b, sl_source *src, uint64_t max,
                          uint64_t offset, uint64_t line)
{
    sl_input_buffer_trim(b);
    if (!b->buf) {
        b->buf = malloc(BUFFER_START_CAP);
        if (!b->buf)
            return -1;
        b->cap = BUFFER_START_CAP;
    }
    b->src = src;
    b->max = max;
    b->start = b->end = 0;
    b->buf_offset = offset;
    b->line = line;
    b->eof = false;
    return 0;
}

void sl_input_buffer_trim(sl_input_buffer *b)
{
    if (b->buf && b->cap > BUFFER_KEEP_CAP)
        sl_input_buffer_free(b);
}

void sl_input_buffer_free(sl_input_buffer *b)
{
    free(b->buf);
    b->buf = NULL;
    b->cap = 0;
}

/* Makes at least one read chunk of room after end: moves the unread bytes
 * to the front, then grows. Returns 0 or -1 (out of memory). */
static int make_room(sl_input_buffer *b)
{
    if (b->cap - b->end >= SL_INPUT_READ_CHUNK)
        return 0;
    if (b->start > 0) {
        memmove(b->buf, b->buf + b->start, b->end - b->start);
        b->buf_offset += b->start;
        b->end -= b->start;
        b->start = 0;
        if (b->cap - b->end >= SL_INPUT_READ_CHUNK)
            return 0;
    }
    size_t need = b->end + SL_INPUT_READ_CHUNK;
    if (need < b->end || b->cap > SIZE_MAX / 2)
        return -1; /* would overflow */
    size_t want = b->cap * 2 > need ? b->cap * 2 : need;
    if (b->max > 0 && b->max < SIZE_MAX / 4) {
        /* Past the limit a line is discarded, not kept: no more room. */
        size_t limit = (size_t)b->max + 2 * SL_INPUT_READ_CHUNK;
        if (want > limit && need <= limit)
            want = limit;
    }
    /* want >= need > 0 here; the analyzer loses track of it.
     * NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI) */
    char *grown = realloc(b->buf, want);
    if (!grown)
        return -1;
    b->buf = grown;
    b->cap = want;
    return 0;
}

/* Reads once into the room after end. Returns the bytes read (0: end of
 * stream), or -1 with err filled. */
static ssize_t fill(sl_input_buffer *b, sl_read_error *err)
{
    if (make_room(b) < 0) {
        sl_input_error_set(err, "fs", sl_source_path(b->src), 0,
                           b->buf_offset + b->end,
                           "out of memory reading a record");
        return -1;
    }
    ssize_t got = sl_source_read(b->src, b->buf + b->end, b->cap - b->end, err);
    if (got < 0)
        return -1;
    if (got == 0)
        b->eof = true;
    b->end += (size_t)got;
    SL_INVARIANT(b->start <= b->end && b->end <= b->cap);
    return got;
}

static void keep_prefix(sl_input_buffer *b, sl_input_record *rec,
                        const char *text, size_t len)
{
    if (len > SL_INPUT_LONG_PREFIX)
        len = SL_INPUT_LONG_PREFIX;
    memcpy(b->long_prefix, text, len);
    rec->text = b->long_prefix;
    rec->len = len;
    rec->too_long = true;
}

/* Takes buf[start..start+len) as the record and moves past it and the
 * `skip` bytes after it (the newline). */
static void take(sl_input_buffer *b, sl_input_record *rec, size_t len,
                 size_t skip)
{
    rec->text = b->buf + b->start;
    rec->len = len;
    rec->full_len = len;
    rec->too_long = false;
    rec->binary = false;
    rec->line = ++b->line;
    rec->offset = b->buf_offset + b->start;
    rec->sha256[0] = '\0';
    if (b->max > 0 && len > b->max) {
        sl_sha256 hash;
        sl_sha256_init(&hash);
        sl_sha256_update(&hash, rec->text, len);
        sl_sha256_hex(&hash, rec->sha256);
        keep_prefix(b, rec, rec->text, len);
    }
    b->start += len + skip;
    SL_INVARIANT(b->start <= b->end);
}

/* The overlong line holds a NUL byte at buf[nul]: binary data, where a
 * newline may never come. The record ends there and so does the stream. */
static int end_in_binary(sl_input_buffer *b, sl_input_record *rec,
                         uint64_t seen, const char *nul)
{
    rec->binary = true;
    rec->nul_offset = b->buf_offset + (uint64_t)(nul - b->buf);
    rec->full_len = seen;
    b->start = b->end = 0;
    b->eof = true;
    return 1;
}

/* The current line is over the limit (or, without a limit, holds a NUL
 * byte past a read chunk) and has no newline in the buffer: keep its first
 * bytes, then read on and drop bytes up to the newline. */
static int discard_long_line(sl_input_buffer *b, sl_input_record *rec,
                             sl_read_error *err)
{
    rec->line = ++b->line;
    rec->offset = b->buf_offset + b->start;
    rec->sha256[0] = '\0';
    uint64_t seen = b->end - b->start;
    keep_prefix(b, rec, b->buf + b->start, b->end - b->start);
    rec->binary = false;
    const char *nul = memchr(b->buf + b->start, '\0', b->end - b->start);
    if (nul)
        return end_in_binary(b, rec, seen, nul);
    /* the line's hash, fed with each piece before it is dropped */
    sl_sha256 hash;
    sl_sha256_init(&hash);
    sl_sha256_update(&hash, b->buf + b->start, b->end - b->start);
    for (;;) {
        b->buf_offset += b->end;
        b->start = b->end = 0;
        ssize_t got = fill(b, err);
        if (got < 0) {
            sl_input_error_set_record(err, rec->text, rec->len);
            return -1;
        }
        if (got == 0)
            break;
        char *nl = memchr(b->buf, '\n', b->end);
        size_t part = nl ? (size_t)(nl - b->buf) : b->end;
        nul = memchr(b->buf, '\0', part);
        if (nul)
            return end_in_binary(b, rec, seen + (uint64_t)(nul - b->buf), nul);
        sl_sha256_update(&hash, b->buf, part);
        if (nl) {
            seen += part;
            b->start = part + 1;
            break;
        }
        seen += (uint64_t)got;
    }
    rec->full_len = seen;
    sl_sha256_hex(&hash, rec->sha256);
    return 1;
}

int sl_input_buffer_next_line(sl_input_buffer *b, sl_input_record *rec,
                              sl_read_error *err)
{
    size_t scanned = 0;  /* bytes after start known to hold no newline */
    size_t nul_free = 0; /* without a limit: bytes known to hold no NUL */
    for (;;) {
        size_t avail = b->end - b->start;
        char *nl = scanned < avail ? memchr(b->buf + b->start + scanned, '\n',
                                            avail - scanned)
                                   : NULL;
        if (nl) {
            take(b, rec, (size_t)(nl - (b->buf + b->start)), 1);
            return 1;
        }
        scanned = avail;
        if (b->max > 0 && scanned > b->max)
            return discard_long_line(b, rec, err);
        if (b->max == 0 && scanned > SL_INPUT_READ_CHUNK) {
            if (memchr(b->buf + b->start + nul_free, '\0', scanned - nul_free))
                return discard_long_line(b, rec, err);
            nul_free = scanned;
        }
        if (b->eof) {
            if (avail == 0)
                return 0;
            take(b, rec, avail, 0);
            return 1;
        }
        if (fill(b, err) < 0) {
            sl_input_error_set_record(err, b->buf + b->start,
                                      b->end - b->start);
            return -1;
        }
    }
}

int sl_input_buffer_read_all(sl_input_buffer *b, sl_input_record *rec,
                             sl_read_error *err)
{
    while (!b->eof) {
        if (b->max > 0 && b->end - b->start > b->max)
            break;
        if (fill(b, err) < 0) {
            sl_input_error_set_record(err, b->buf + b->start,
                                      b->end - b->start);
            return -1;
        }
    }
    size_t len = b->end - b->start;
    rec->text = b->buf + b->start;
    rec->len = len;
    rec->full_len = len;
    rec->too_long = false;
    rec->binary = false;
    rec->line = b->line + 1;
    rec->offset = b->buf_offset + b->start;
    rec->sha256[0] = '\0'; /* the rest of an overlong file is not read */
    if (b->max > 0 && len > b->max)
        keep_prefix(b, rec, rec->text, len);
    b->start = b->end;
    return 1;
}

ssize_t sl_input_buffer_peek(sl_input_buffer *b, const char **data,
                             sl_read_error *err)
{
    if (b->end == b->start && !b->eof && fill(b, err) < 0)
        return -1;
    *data = b->buf + b->start;
    return (ssize_t)(b->end - b->start);
}

/* Lines ending in s[0..len). */
static uint64_t count_newlines(const char *s, size_t len)
{
    uint64_t n = 0;
    const char *end = s + len;
    while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        n++;
        s++;
    }
    return n;
}

/* Reads more when nothing is buffered. Returns 1 when bytes are there, 0
 * at the end, -1 with err filled. */
static int have_bytes(sl_input_buffer *b, sl_read_error *err)
{
    while (b->start == b->end) {
        if (b->eof)
            return 0;
        if (fill(b, err) < 0)
            return -1;
    }
    return 1;
}

int sl_input_buffer_skip_before(sl_input_buffer *b, uint64_t offset,
                                sl_read_error *err)
{
    bool mid_line = false;
    while (b->buf_offset + b->start < offset) {
        int ready = have_bytes(b, err);
        if (ready <= 0)
            return ready;
        uint64_t left = offset - (b->buf_offset + b->start);
        size_t take = b->end - b->start;
        if (take > left)
            take = (size_t)left;
        b->line += count_newlines(b->buf + b->start, take);
        mid_line = b->buf[b->start + take - 1] != '\n';
        b->start += take;
    }
    while (mid_line) { /* drop the rest of the line offset falls in */
        int ready = have_bytes(b, err);
        if (ready <= 0)
            return ready;
        char *nl = memchr(b->buf + b->start, '\n', b->end - b->start);
        if (nl) {
            b->start = (size_t)(nl - b->buf) + 1;
            b->line++;
            mid_line = false;
        } else {
            b->start = b->end;
        }
    }
    return 0;
}

ssize_t sl_input_buffer_fill_to(sl_input_buffer *b, size_t want,
                                const char **data, sl_read_error *err)
{
    while (b->end - b->start < want && !b->eof)
        if (fill(b, err) < 0)
            return -1;
    *data = b->buf + b->start;
    return (ssize_t)(b->end - b->start);
}

void sl_input_buffer_drop(sl_input_buffer *b, size_t n)
{
    b->start += n;
}

uint64_t sl_input_buffer_offset(const sl_input_buffer *b)
{
    return b->buf_offset + b->start;
}

void sl_input_buffer_discard(sl_input_buffer *b)
{
    b->buf_offset += b->end;
    b->start = b->end = 0;
    b->eof = false;
}
