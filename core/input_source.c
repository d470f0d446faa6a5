/* core/input_source.c - plain, gzip and zstd byte sources (see
 * input_source.h). Compressed input is read in large chunks into an input
 * buffer and inflated straight into the caller's buffer.
 */
#include "input_source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include "input_error.h"
#include "input_wait.h"

/* Compressed bytes read from the file at a time. */
#define SOURCE_IN_CAP ((size_t)256 * 1024)

/* Bytes read first, to look for magic bytes. A plain file needs no more:
 * its later reads go straight into the caller's buffer. */
#define SOURCE_PEEK_CAP ((size_t)64)

struct sl_source {
    char *path;
    int fd;
    bool own_fd;
    sl_codec codec;

    unsigned char *in; /* bytes read from the file, not yet used */
    size_t in_pos, in_len, in_cap;
    bool in_eof;
    bool failed;           /* an error is waiting in pending, or was given */
    sl_read_error pending; /* delivered once the bytes before it are read */

    uint64_t consumed; /* bytes read from the file */
    uint64_t produced; /* bytes handed to the caller */

    z_stream z;
    bool z_ready;
    bool member_open; /* inside a gzip member */

    ZSTD_DStream *zstd;
    size_t zstd_hint; /* last ZSTD_decompressStream result; 0: frame done */
    bool frame_open;  /* inside a zstd frame */

    bool resyncable; /* the failure was corrupt data: sl_source_resync may
                        find the next member or frame */

    /* Where members or frames started, oldest first:
     * units[unit_head..n_units). */
    struct unit_start {
        uint64_t compressed, decompressed;
    } * units;
    size_t unit_head, n_units, units_cap;
};

/* Remembers that a member or frame starts here. Out of memory, the start
 * is not remembered: the records in it count as the previous member's. */
static void note_unit(sl_source *src, uint64_t decompressed)
{
    uint64_t compressed = src->consumed - (src->in_len - src->in_pos);
    if (src->unit_head > 0 && src->unit_head * 2 >= src->n_units) {
        memmove(src->units, src->units + src->unit_head,
                (src->n_units - src->unit_head) * sizeof *src->units);
        src->n_units -= src->unit_head;
        src->unit_head = 0;
    }
    if (src->n_units == src->units_cap) {
        size_t cap = src->units_cap ? src->units_cap * 2 : 64;
        struct unit_start *grown = realloc(src->units, cap * sizeof *grown);
        if (!grown)
            return;
        src->units = grown;
        src->units_cap = cap;
    }
    src->units[src->n_units].compressed = compressed;
    src->units[src->n_units].decompressed = decompressed;
    src->n_units++;
}

/* Reads from the file into the input buffer after what is there.
 * Returns 0, or -1 with err filled. */
static int fill_input(sl_source *src, sl_read_error *err)
{
    if (src->in_pos == src->in_len)
        src->in_pos = src->in_len = 0;
    if (src->in_pos > 0 && src->in_len == src->in_cap) {
        memmove(src->in, src->in + src->in_pos, src->in_len - src->in_pos);
        src->in_len -= src->in_pos;
        src->in_pos = 0;
    }
    for (;;) {
        ssize_t got = sl_input_read(src->fd, src->in + src->in_len,
                                    src->in_cap - src->in_len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            sl_input_error_set(err, "fs", src->path, 0, src->produced,
                               "read failed at byte offset %llu: %s",
                               (unsigned long long)src->consumed,
                               strerror(errno));
            return -1;
        }
        if (got == 0)
            src->in_eof = true;
        src->in_len += (size_t)got;
        src->consumed += (uint64_t)got;
        return 0;
    }
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* True when b starts a zstd frame: a compressed frame (28 b5 2f fd) or a
 * skippable one (5? 2a 4d 18, which pzstd writes first), as `zstd -d`
 * reads both. */
static bool starts_zstd_frame(const unsigned char *b, size_t len)
{
    if (len < 4)
        return false;
    uint32_t magic = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
                     (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return magic == ZSTD_MAGICNUMBER ||
           (magic & ZSTD_MAGIC_SKIPPABLE_MASK) == ZSTD_MAGIC_SKIPPABLE_START;
}

static sl_codec codec_from_magic(const unsigned char *b, size_t len)
{
    if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b)
        return SL_CODEC_GZIP;
    if (starts_zstd_frame(b, len))
        return SL_CODEC_ZSTD;
    return SL_CODEC_PLAIN;
}

/* Reads the first bytes, picks the codec and checks it against the name.
 * Returns 0, or -1 with err filled. */
static int detect_codec(sl_source *src, sl_read_error *err)
{
    while (src->in_len < 4 && !src->in_eof)
        if (fill_input(src, err) < 0)
            return -1;
    src->codec = codec_from_magic(src->in, src->in_len);
    bool named_gz = has_suffix(src->path, ".gz");
    bool named_zst =
        has_suffix(src->path, ".zst") || has_suffix(src->path, ".zstd");
    if (src->in_len == 0)
        return 0; /* an empty file is an empty stream, whatever its name */
    if (named_gz && src->codec != SL_CODEC_GZIP) {
        sl_input_error_set(err, "gzip", src->path, 0, 0,
                           "named .gz but is not gzip data (no 1f 8b magic)");
        return -1;
    }
    if (named_zst && src->codec != SL_CODEC_ZSTD) {
        sl_input_error_set(err, "zstd", src->path, 0, 0,
                           "named .zst but is not zstd data "
                           "(no 28 b5 2f fd or skippable-frame magic)");
        return -1;
    }
    return 0;
}

static int start_codec(sl_source *src, sl_read_error *err)
{
    if (src->codec != SL_CODEC_PLAIN) {
        unsigned char *grown = realloc(src->in, SOURCE_IN_CAP);
        if (!grown) {
            sl_input_error_set(err, "fs", src->path, 0, 0, "out of memory");
            return -1;
        }
        src->in = grown;
        src->in_cap = SOURCE_IN_CAP;
    }
    if (src->codec == SL_CODEC_GZIP) {
        memset(&src->z, 0, sizeof src->z);
        if (inflateInit2(&src->z, 15 + 16) != Z_OK) {
            sl_input_error_set(err, "gzip", src->path, 0, 0,
                               "cannot start the gzip decoder");
            return -1;
        }
        src->z_ready = true;
    } else if (src->codec == SL_CODEC_ZSTD) {
        src->zstd = ZSTD_createDStream();
        if (!src->zstd || ZSTD_isError(ZSTD_initDStream(src->zstd))) {
            sl_input_error_set(err, "zstd", src->path, 0, 0,
                               "cannot start the zstd decoder");
            return -1;
        }
    }
    return 0;
}

sl_source *sl_source_open(const char *path, sl_read_error *err)
{
    sl_source *src = calloc(1, sizeof *src);
    if (!src) {
        sl_input_error_set(err, "fs", path, 0, 0, "out of memory");
        return NULL;
    }
    src->fd = -1;
    src->path = strdup(path);
    src->in_cap = SOURCE_PEEK_CAP;
    src->in = malloc(src->in_cap);
    if (!src->path || !src->in) {
        sl_input_error_set(err, "fs", path, 0, 0, "out of memory");
        sl_source_close(src);
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        src->fd = STDIN_FILENO;
    } else {
        src->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (src->fd < 0) {
            sl_input_error_set(err, "fs", path, 0, 0, "cannot open: %s",
                               strerror(errno));
            sl_source_close(src);
            return NULL;
        }
        src->own_fd = true;
#ifdef POSIX_FADV_SEQUENTIAL
        (void)posix_fadvise(src->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    }
    if (detect_codec(src, err) < 0 || start_codec(src, err) < 0) {
        sl_source_close(src);
        return NULL;
    }
    return src;
}

/* Marks the source failed (the error is in src->pending) and returns the
 * bytes made before the failure, which the caller gets first. */
static ssize_t fail(sl_source *src, size_t produced)
{
    src->failed = true;
    return (ssize_t)produced;
}

static ssize_t read_plain(sl_source *src, char *buf, size_t cap,
                          sl_read_error *err)
{
    if (src->in_pos < src->in_len) { /* the bytes looked at for magic */
        size_t n = src->in_len - src->in_pos;
        if (n > cap)
            n = cap;
        memcpy(buf, src->in + src->in_pos, n);
        src->in_pos += n;
        return (ssize_t)n;
    }
    if (src->in_eof)
        return 0;
    for (;;) {
        ssize_t got = sl_input_read(src->fd, buf, cap);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            sl_input_error_set(err, "fs", src->path, 0, src->produced,
                               "read failed at byte offset %llu: %s",
                               (unsigned long long)src->produced,
                               strerror(errno));
            return fail(src, 0);
        }
        if (got == 0)
            src->in_eof = true;
        src->consumed += (uint64_t)got;
        return got;
    }
}

static ssize_t truncated(sl_source *src, size_t out_now, sl_read_error *err)
{
    src->resyncable = true; /* nothing follows, but say so the same way */
    const char *what = src->codec == SL_CODEC_GZIP ? "gzip" : "zstd";
    uint64_t reached = src->produced + (uint64_t)out_now;
    sl_input_error_set(err, what, src->path, 0, reached,
                       "truncated %s stream: input ends at compressed byte "
                       "offset %llu (decompressed byte offset %llu)",
                       what, (unsigned long long)src->consumed,
                       (unsigned long long)reached);
    return fail(src, out_now);
}

static ssize_t read_gzip(sl_source *src, char *buf, size_t cap,
                         sl_read_error *err)
{
    size_t out = 0;
    while (out < cap) {
        if (src->in_pos == src->in_len && !src->in_eof &&
            fill_input(src, err) < 0)
            return fail(src, out);
        if (src->in_pos == src->in_len) {
            if (src->member_open)
                return truncated(src, out, err);
            break; /* the end, between members */
        }
        if (!src->member_open) {
            if (src->in[src->in_pos] != 0x1f) {
                src->resyncable = true;
                sl_input_error_set(
                    err, "gzip", src->path, 0, src->produced + out,
                    "data after the last gzip member at compressed byte "
                    "offset %llu is not gzip",
                    (unsigned long long)(src->consumed -
                                         (src->in_len - src->in_pos)));
                return fail(src, out);
            }
            inflateReset(&src->z);
            src->member_open = true;
            note_unit(src, src->produced + out);
        }
        src->z.next_in = src->in + src->in_pos;
        src->z.avail_in = (uInt)(src->in_len - src->in_pos);
        src->z.next_out = (Bytef *)buf + out;
        size_t room = cap - out;
        if (room > (size_t)UINT32_MAX)
            room = UINT32_MAX;
        src->z.avail_out = (uInt)room;
        int ret = inflate(&src->z, Z_NO_FLUSH);
        src->in_pos = src->in_len - src->z.avail_in;
        out += room - src->z.avail_out;
        if (ret == Z_STREAM_END) {
            src->member_open = false;
            continue;
        }
        if (ret == Z_BUF_ERROR || ret == Z_OK)
            continue;
        src->resyncable = true;
        sl_input_error_set(
            err, "gzip", src->path, 0, src->produced + out,
            "corrupt gzip data near compressed byte offset "
            "%llu: %s",
            (unsigned long long)(src->consumed - (src->in_len - src->in_pos)),
            src->z.msg ? src->z.msg : "inflate failed");
        return fail(src, out);
    }
    return (ssize_t)out;
}

static ssize_t read_zstd(sl_source *src, char *buf, size_t cap,
                         sl_read_error *err)
{
    ZSTD_outBuffer output = {buf, cap, 0};
    while (output.pos < output.size) {
        if (src->in_pos == src->in_len && !src->in_eof &&
            fill_input(src, err) < 0)
            return fail(src, output.pos);
        if (!src->frame_open && src->in_pos < src->in_len) {
            note_unit(src, src->produced + output.pos);
            src->frame_open = true;
        }
        ZSTD_inBuffer input = {src->in + src->in_pos, src->in_len - src->in_pos,
                               0};
        size_t before = output.pos;
        size_t ret = ZSTD_decompressStream(src->zstd, &output, &input);
        src->in_pos += input.pos;
        if (ret == 0)
            src->frame_open = false;
        if (ZSTD_isError(ret)) {
            src->resyncable = true;
            sl_input_error_set(
                err, "zstd", src->path, 0, src->produced + output.pos,
                "corrupt zstd data near compressed byte "
                "offset %llu: %s",
                (unsigned long long)(src->consumed -
                                     (src->in_len - src->in_pos)),
                ZSTD_getErrorName(ret));
            return fail(src, output.pos);
        }
        /* A call that neither took nor gave bytes says nothing about the
         * frame (after a finished frame it asks for the next header). */
        if (input.pos > 0 || output.pos > before)
            src->zstd_hint = ret;
        bool no_input = src->in_pos == src->in_len && src->in_eof;
        if (no_input && output.pos == before) {
            if (src->zstd_hint != 0)
                return truncated(src, output.pos, err);
            break;
        }
    }
    return (ssize_t)output.pos;
}

/* Hands the waiting error to the caller, once. */
static ssize_t deliver_error(sl_source *src, sl_read_error *err)
{
    if (!src->pending.message && !src->pending.source)
        return 0; /* already delivered */
    if (err) {
        sl_read_error_clear(err);
        *err = src->pending;
    } else {
        sl_read_error_clear(&src->pending);
    }
    memset(&src->pending, 0, sizeof src->pending);
    return -1;
}

ssize_t sl_source_read(sl_source *src, char *buf, size_t cap,
                       sl_read_error *err)
{
    if (src->failed)
        return deliver_error(src, err);
    if (cap == 0)
        return 0;
    ssize_t got;
    switch (src->codec) {
    case SL_CODEC_GZIP: got = read_gzip(src, buf, cap, &src->pending); break;
    case SL_CODEC_ZSTD: got = read_zstd(src, buf, cap, &src->pending); break;
    default: got = read_plain(src, buf, cap, &src->pending); break;
    }
    if (got > 0) {
        src->produced += (uint64_t)got;
        return got;
    }
    if (src->failed)
        return deliver_error(src, err);
    return 0;
}

uint64_t sl_source_consumed(const sl_source *src)
{
    return src->consumed;
}

sl_codec sl_source_codec(const sl_source *src)
{
    return src->codec;
}

const char *sl_source_path(const sl_source *src)
{
    return src->path;
}

uint64_t sl_source_unit_start(sl_source *src, uint64_t at)
{
    if (src->codec == SL_CODEC_PLAIN)
        return at;
    while (src->unit_head + 1 < src->n_units &&
           src->units[src->unit_head + 1].decompressed <= at)
        src->unit_head++;
    if (src->unit_head < src->n_units)
        return src->units[src->unit_head].compressed;
    return 0;
}

/* True when in[at..at+4) can start a gzip member (magic, deflate, no
 * reserved flag bits) or a zstd frame. */
static bool starts_unit(const sl_source *src, size_t at)
{
    const unsigned char *b = src->in + at;
    if (src->codec == SL_CODEC_GZIP)
        return b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && (b[3] & 0xE0) == 0;
    return starts_zstd_frame(b, 4);
}

int sl_source_resync(sl_source *src)
{
    if (!src->failed || !src->resyncable || src->codec == SL_CODEC_PLAIN)
        return 0;
    sl_read_error_clear(&src->pending);
    memset(&src->pending, 0, sizeof src->pending);
    src->resyncable = false;
    if (src->in_pos < src->in_len)
        src->in_pos++; /* not the header that just failed */
    for (;;) {
        for (; src->in_pos + 4 <= src->in_len; src->in_pos++) {
            if (!starts_unit(src, src->in_pos))
                continue;
            if (src->codec == SL_CODEC_GZIP) {
                inflateReset(&src->z);
                src->member_open = false;
            } else {
                ZSTD_initDStream(src->zstd);
                src->zstd_hint = 0;
                src->frame_open = false;
            }
            src->failed = false;
            return 1;
        }
        if (src->in_eof) {
            src->in_pos = src->in_len;
            return 0;
        }
        if (fill_input(src, &src->pending) < 0)
            return 0; /* the read error is delivered next */
    }
}

void sl_source_close(sl_source *src)
{
    if (!src)
        return;
    if (src->z_ready)
        inflateEnd(&src->z);
    if (src->zstd)
        ZSTD_freeDStream(src->zstd);
    if (src->own_fd && src->fd >= 0)
        close(src->fd);
    sl_read_error_clear(&src->pending);
    free(src->units);
    free(src->in);
    free(src->path);
    free(src);
}
