/* core/input_warc.c - framing WARC records out of a byte source, and
 * finding the next record after a bad one (see input_warc.h).
 */
#include "input_warc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input_error.h"

#define WARC_MAGIC "WARC/1."
#define WARC_MAGIC_LEN ((size_t)7)

/* Bytes read ahead at a time while looking for a record. */
#define SCAN_CHUNK ((size_t)64 << 10)

/* Bytes of a record that could not be framed kept for the report. */
#define BAD_RECORD_KEEP ((size_t)4096)

void sl_warc_framer_init(sl_warc_framer *f, sl_input_buffer *buf,
                         sl_source *src, const char *path, uint64_t max)
{
    memset(f, 0, sizeof *f);
    f->buf = buf;
    f->src = src;
    f->path = path;
    f->max = max;
}

void sl_warc_framer_free(sl_warc_framer *f)
{
    free(f->hold);
    f->hold = NULL;
}

static void describe(sl_read_error *err, const char *path, sl_codec codec,
                     uint64_t at, uint64_t file_at, const char *what)
{
    if (codec == SL_CODEC_PLAIN)
        sl_input_error_set(err, "warc", path, 0, file_at,
                           "WARC record at byte offset %llu: %s",
                           (unsigned long long)at, what);
    else
        sl_input_error_set(err, "warc", path, 0, file_at,
                           "WARC record at byte offset %llu (decompressed; "
                           "its %s starts at byte offset %llu): %s",
                           (unsigned long long)at,
                           codec == SL_CODEC_GZIP ? "gzip member"
                                                  : "zstd frame",
                           (unsigned long long)file_at, what);
}

void sl_warc_error(sl_read_error *err, const char *path, sl_codec codec,
                   uint64_t at, uint64_t file_at, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    describe(err, path, codec, at, file_at, what);
}

/* Fills err for the record at decompressed offset `at` and attaches
 * record[0..len) (NULL: nothing), at most BAD_RECORD_KEEP bytes. */
__attribute__((format(printf, 6, 7))) static void
bad_record(const sl_warc_framer *f, sl_read_error *err, uint64_t at,
           const char *record, size_t len, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    describe(err, f->path, sl_source_codec(f->src), at,
             sl_source_unit_start(f->src, at), what);
    if (record)
        sl_input_error_set_record(
            err, record, len < BAD_RECORD_KEEP ? len : BAD_RECORD_KEEP);
}

/* The source failed (err holds why). Reports it against the record at
 * `at` with the bytes read of it, then moves past the corrupt data when
 * the source can. Returns -1. */
static int source_failed(sl_warc_framer *f, sl_read_error *err, uint64_t at,
                         const char *record, size_t len)
{
    const char *why = err->message ? err->message : "the input failed";
    size_t path_len = strlen(f->path);
    if (strncmp(why, f->path, path_len) == 0 && why[path_len] == ':')
        why += path_len + 1 + (why[path_len + 1] == ' ');
    char *copy = strdup(why);
    const char *reader = err->reader;
    bad_record(f, err, at, record, len, "%s", copy ? copy : "the input failed");
    free(copy);
    if (reader && strcmp(reader, "fs") == 0)
        err->reader = "fs";
    f->consumed = 0;
    if (sl_source_resync(f->src) == 1) {
        sl_input_buffer_discard(f->buf);
        f->lost = true;
        f->at_unit_start = true;
    } else {
        f->done = true;
    }
    return -1;
}

/* Moves to the next line that starts with "WARC/1." (at the start of a
 * member after a resync, the first byte counts as a line start). Corrupt
 * compressed data on the way is passed over quietly: the bad record was
 * reported. Returns 1 when found, 0 at the end, -1 on a read error. */
static int find_next_record(sl_warc_framer *f, sl_read_error *err)
{
    size_t from = f->at_unit_start ? 0 : 1; /* not the bad record again */
    bool line_start = f->at_unit_start;
    for (;;) {
        const char *data;
        size_t want = from + SCAN_CHUNK;
        ssize_t got = sl_input_buffer_fill_to(f->buf, want, &data, err);
        if (got < 0) {
            if (err->reader && strcmp(err->reader, "fs") == 0) {
                f->done = true;
                return -1;
            }
            sl_read_error_clear(err);
            if (sl_source_resync(f->src) != 1) {
                f->done = true;
                return 0;
            }
            sl_input_buffer_discard(f->buf);
            from = 0;
            line_start = true;
            continue;
        }
        size_t n = (size_t)got;
        for (size_t i = from; i + WARC_MAGIC_LEN <= n; i++) {
            const char *w = memchr(data + i, 'W', n - i);
            if (!w)
                break;
            i = (size_t)(w - data);
            if (i + WARC_MAGIC_LEN > n)
                break;
            bool at_line = i == 0 ? line_start : data[i - 1] == '\n';
            if (at_line && memcmp(w, WARC_MAGIC, WARC_MAGIC_LEN) == 0) {
                sl_input_buffer_drop(f->buf, i);
                f->lost = false;
                f->at_unit_start = false;
                return 1;
            }
        }
        if (n < want) { /* the end of the stream */
            sl_input_buffer_drop(f->buf, n);
            f->done = true;
            return 0;
        }
        /* keep the last bytes: a version line may start there */
        size_t keep = WARC_MAGIC_LEN;
        line_start = data[n - keep - 1] == '\n';
        sl_input_buffer_drop(f->buf, n - keep);
        from = 0;
    }
}

/* Offset just past the blank line ending the header block in s[0..len),
 * or 0 when it is not there. */
static size_t header_end(const char *s, size_t len, size_t from)
{
    for (size_t i = from; i < len; i++) {
        const char *nl = memchr(s + i, '\n', len - i);
        if (!nl)
            return 0;
        i = (size_t)(nl - s);
        if (i + 1 < len && s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < len && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Parses a decimal Content-Length. Returns false when it is not one. */
static bool parse_length(const char *s, size_t len, uint64_t *out)
{
    uint64_t n = 0;
    if (len == 0 || len > 19)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        n = n * 10 + (uint64_t)(s[i] - '0');
    }
    *out = n;
    return true;
}

/* The length of the record's end after its block at s[0..len): 4 for
 * CRLF CRLF, 2 for two bare LFs; when the stream ends (at_end) part of it
 * may be missing. Returns -1 when the bytes there are something else. */
static int trailer_length(const char *s, size_t len, bool at_end)
{
    if (len >= 4 && memcmp(s, "\r\n\r\n", 4) == 0)
        return 4;
    if (len >= 2 && memcmp(s, "\n\n", 2) == 0)
        return 2;
    if (at_end && len < 4 && memcmp(s, "\r\n\r\n", len) == 0)
        return (int)len;
    if (at_end && len < 2 && memcmp(s, "\n\n", len) == 0)
        return (int)len;
    return -1;
}

/* Reads the header block of the record at the buffer's start. Returns its
 * length with *data set, or 0 with err filled. */
static size_t read_header(sl_warc_framer *f, const char **data, uint64_t at,
                          sl_read_error *err)
{
    /* look in what is buffered first: asking for more than the record
     * needs could meet a broken member after it */
    size_t want = 0, searched = 0;
    for (;;) {
        ssize_t got = sl_input_buffer_fill_to(f->buf, want, data, err);
        if (got < 0) {
            source_failed(f, err, at, NULL, 0);
            return 0;
        }
        size_t n = (size_t)got;
        size_t end = header_end(*data, n, searched > 3 ? searched - 3 : 0);
        if (end > 0)
            return end;
        if (want > 0 && n < want) {
            bad_record(f, err, at, *data, n,
                       "the file ends inside the record's header");
            f->consumed = n;
            f->done = true;
            return 0;
        }
        if (n >= SL_WARC_MAX_HEADER) {
            bad_record(f, err, at, *data, n,
                       "the header does not end within %zu bytes",
                       SL_WARC_MAX_HEADER);
            f->lost = true;
            return 0;
        }
        searched = n;
        want = n < 4096 ? 4096 : n * 2;
    }
}

/* Passes over `left` bytes of an overlong block, feeding them to hash.
 * Returns 0, or -1 with err filled (*cut set when the stream ended
 * first). */
static int skip_block(sl_warc_framer *f, uint64_t left, uint64_t at,
                      sl_sha256 *hash, sl_read_error *err)
{
    while (left > 0) {
        const char *data;
        size_t want =
            left < SL_INPUT_READ_CHUNK ? (size_t)left : SL_INPUT_READ_CHUNK;
        ssize_t got = sl_input_buffer_fill_to(f->buf, want, &data, err);
        if (got < 0)
            return source_failed(f, err, at, NULL, 0);
        size_t take = (size_t)got < want ? (size_t)got : want;
        sl_sha256_update(hash, data, take);
        sl_input_buffer_drop(f->buf, take);
        left -= take;
        if ((size_t)got < want) {
            bad_record(f, err, at, NULL, 0,
                       "truncated: the file ends %llu bytes before the end "
                       "of the record's block",
                       (unsigned long long)left);
            f->done = true;
            return -1;
        }
    }
    return 0;
}

/* The record's block is over max_doc_bytes: keeps its header and first
 * bytes in f->hold and passes over the rest. Returns 1 or -1. */
static int read_long_block(sl_warc_framer *f, sl_warc_record *rec,
                           size_t header_len, size_t fields_at,
                           sl_read_error *err)
{
    const char *data;
    ssize_t got = sl_input_buffer_fill_to(
        f->buf, header_len + SL_INPUT_LONG_PREFIX, &data, err);
    if (got < 0)
        return source_failed(f, err, rec->offset, NULL, 0);
    size_t prefix = (size_t)got - header_len;
    if (prefix > SL_INPUT_LONG_PREFIX)
        prefix = SL_INPUT_LONG_PREFIX;
    char *hold = realloc(f->hold, header_len + prefix + 1);
    if (!hold) {
        sl_input_error_set(err, "fs", f->path, 0, rec->file_offset,
                           "out of memory");
        return -1;
    }
    f->hold = hold;
    memcpy(hold, data, header_len + prefix);
    rec->fields = hold + fields_at;
    rec->block = hold + header_len;
    rec->block_len = prefix;
    rec->too_long = true;
    sl_input_buffer_drop(f->buf, header_len);
    sl_sha256 hash;
    sl_sha256_init(&hash);
    if (skip_block(f, rec->content_length, rec->offset, &hash, err) < 0)
        return -1;
    sl_sha256_hex(&hash, rec->block_sha256);
    ssize_t tail = sl_input_buffer_fill_to(f->buf, 4, &data, err);
    if (tail < 0)
        return source_failed(f, err, rec->offset, NULL, 0);
    int trailer = trailer_length(data, (size_t)tail, tail < 4);
    f->consumed = trailer < 0 ? 0 : (size_t)trailer;
    return 1;
}

int sl_warc_next(sl_warc_framer *f, sl_warc_record *rec, sl_read_error *err)
{
    if (f->consumed) {
        sl_input_buffer_drop(f->buf, f->consumed);
        f->consumed = 0;
    }
    if (f->done)
        return 0;
    if (f->lost) {
        int found = find_next_record(f, err);
        if (found <= 0)
            return found;
    }
    const char *data;
    ssize_t got;
    for (;;) { /* blank lines between records are passed over */
        got = sl_input_buffer_fill_to(f->buf, WARC_MAGIC_LEN + 1, &data, err);
        if (got < 0)
            return source_failed(f, err, sl_input_buffer_offset(f->buf), NULL,
                                 0);
        size_t blank = 0;
        while (blank < (size_t)got &&
               (data[blank] == '\r' || data[blank] == '\n'))
            blank++;
        if (blank == 0)
            break;
        sl_input_buffer_drop(f->buf, blank);
    }
    memset(rec, 0, sizeof *rec);
    rec->offset = sl_input_buffer_offset(f->buf);
    rec->file_offset = sl_source_unit_start(f->src, rec->offset);
    rec->codec = sl_source_codec(f->src);
    if (got == 0) {
        f->done = true;
        return 0;
    }
    if ((size_t)got < WARC_MAGIC_LEN ||
        memcmp(data, WARC_MAGIC, WARC_MAGIC_LEN) != 0) {
        bad_record(f, err, rec->offset, data, (size_t)got,
                   "not the start of a WARC record (no \"WARC/1.0\" or "
                   "\"WARC/1.1\" line)");
        f->lost = true;
        return -1;
    }
    size_t header_len = read_header(f, &data, rec->offset, err);
    if (header_len == 0)
        return -1;
    const char *nl = memchr(data, '\n', header_len);
    size_t fields_at = (size_t)(nl + 1 - data);
    rec->fields = data + fields_at;
    rec->fields_len = header_len - fields_at;
    rec->block_offset = rec->offset + header_len;
    size_t len_len;
    const char *length = sl_warc_field(rec, "Content-Length", &len_len);
    if (!length || !parse_length(length, len_len, &rec->content_length)) {
        bad_record(f, err, rec->offset, data, header_len,
                   length ? "Content-Length is not a number"
                          : "the record has no Content-Length");
        f->lost = true;
        return -1;
    }
    if (f->max == 0 && rec->content_length > SIZE_MAX / 4) {
        bad_record(f, err, rec->offset, data, header_len,
                   "Content-Length %llu is too large",
                   (unsigned long long)rec->content_length);
        f->lost = true;
        return -1;
    }
    if (f->max > 0 && rec->content_length > f->max)
        return read_long_block(f, rec, header_len, fields_at, err);
    size_t whole = header_len + (size_t)rec->content_length;
    got = sl_input_buffer_fill_to(f->buf, whole + 4, &data, err);
    if (got < 0)
        return source_failed(f, err, rec->offset, NULL, 0);
    if ((size_t)got < whole) {
        bad_record(f, err, rec->offset, data, (size_t)got,
                   "truncated: Content-Length is %llu, but the file ends "
                   "after %zu bytes of the block",
                   (unsigned long long)rec->content_length,
                   (size_t)got - header_len);
        f->consumed = (size_t)got;
        f->done = true;
        return -1;
    }
    int trailer = trailer_length(data + whole, (size_t)got - whole,
                                 (size_t)got < whole + 4);
    if (trailer < 0) {
        bad_record(f, err, rec->offset, data, whole,
                   "the block does not end where Content-Length (%llu) "
                   "says: no blank line after it",
                   (unsigned long long)rec->content_length);
        f->lost = true;
        return -1;
    }
    rec->fields = data + fields_at; /* the buffer may have moved */
    rec->block = data + header_len;
    rec->block_len = (size_t)rec->content_length;
    f->consumed = whole + (size_t)trailer;
    return 1;
}

const char *sl_warc_field(const sl_warc_record *rec, const char *name,
                          size_t *len)
{
    size_t name_len = strlen(name);
    const char *s = rec->fields, *end = rec->fields + rec->fields_len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = nl ? nl : end;
        if ((size_t)(line_end - s) > name_len && s[name_len] == ':' &&
            strncasecmp(s, name, name_len) == 0) {
            const char *v = s + name_len + 1;
            while (v < line_end && (*v == ' ' || *v == '\t'))
                v++;
            const char *e = line_end;
            while (e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
                e--;
            *len = (size_t)(e - v);
            return v;
        }
        s = nl ? nl + 1 : end;
    }
    return NULL;
}
