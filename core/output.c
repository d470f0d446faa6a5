/* core/output.c - output files for exporters (see sluice/output.h).
 *
 * An output is written to a temporary file next to its final path
 * ("DIR/.NAME.tmp-PID-N") and renamed onto the final path by
 * sl_output_commit, after the data is flushed, compressed to the end and
 * synced; so a run that stops early never leaves a truncated file under the
 * final name. "-", /dev/stdout and /dev/stderr are the standard streams,
 * and devices and FIFOs are opened by name: all are written in place, never
 * renamed over (see output_path.h). A final name ending in ".gz" is
 * gzip-compressed (zlib, level 6), one ending in ".zst" is
 * zstd-compressed (level 3); both are deterministic (no time stamp).
 * Standard output and what is written in place, uncompressed, keep whole
 * finished records in their buffer until 64 KB of them wait, the retiring
 * thread is about to wait, or the run ends, and a crash writes them out
 * (sl_outputs_write_finished, from the crash report's handler). The
 * path may hold "{shard}", replaced by the run's shard number. Two open
 * outputs may not share a final path (two export stages writing one file
 * would silently lose one of them).
 */
#ifdef HAVE_CONFIG_H
#include "config.h" /* _GNU_SOURCE, HAVE_SYNC_FILE_RANGE */
#endif
#include <sluice/output.h>

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "atomic_write.h"
#include "ctx.h"
#include "engine_outputs.h"
#include "gzip_blocks.h"
#include "output_path.h"
#include "write_all.h"

enum {
    OUTPUT_BUFFER_SIZE = 1 << 18,
    /* a stream's finished records are written once this many bytes of
     * them wait (see sl_outputs_record_done) */
    STREAM_FLUSH_BYTES = 64 << 10,
    /* a piece at least this large that finds a stream's buffer empty is
     * written from the caller's bytes instead of copied into the buffer
     * first (see put_raw): it would be written at the record's end */
    STREAM_DIRECT_MIN = STREAM_FLUSH_BYTES,
    /* the streams a crash can write out (see crash_streams) */
    MAX_CRASH_STREAMS = 8,
    /* a file's written bytes are sent to the disk in the background every
     * this many bytes, so a sync waits for the last few only */
    WRITEBACK_EVERY = 8 << 20
};

typedef enum output_codec {
    CODEC_NONE = 0,
    CODEC_GZIP,
    CODEC_ZSTD
} output_codec;

struct sl_output {
    char *final_path; /* after {shard} was replaced */
    char *temp_path;  /* NULL for standard output */
    int fd;
    output_codec codec;
    sl_gzip_blocks *gz;
    ZSTD_CCtx *zstd;
    unsigned char *buf; /* bytes waiting to be written to fd */
    size_t buf_len;
    unsigned long long bytes_in;
    unsigned long long checkpointed_in; /* bytes_in at the last checkpoint */
    size_t not_sent; /* bytes written to the file since the last
                        start_writeback */
    bool discard;    /* resuming: drop what init writes again */
    /* A stream (standard output, a pipe or a device written in place,
     * uncompressed): how many bytes at the front of buf end a retired
     * record and are not written yet. The retiring thread sets it after
     * each record; the crash handler takes it, leaving STREAM_TAKEN, and
     * writes those bytes (see sl_outputs_write_finished). */
    atomic_size_t finished;
    size_t finished_set; /* what the retiring thread last stored there */
    bool crash_listed;   /* in crash_streams */
    bool crash_unlisted; /* a plain stream counted in unlisted_streams */
    char *failure;       /* why the output was given up, or NULL: after a failed
                            write the file has a hole, so nothing more is written
                            and it is never committed */
};

static atomic_uint temp_counter;

/* A stream's finished bytes once the crash handler took them. */
static const size_t STREAM_TAKEN = SIZE_MAX;

/* The streams whose finished records a crash writes out, read by the
 * crash handler without a lock: a slot is filled when a stream opens and
 * emptied before it is freed. A stream that finds no free slot is written
 * after every record instead (unlisted_streams counts them). */
static sl_output *_Atomic crash_streams[MAX_CRASH_STREAMS];
static atomic_size_t unlisted_streams;

/* Standard output, a pipe or a device written in place, uncompressed:
 * the outputs whose buffer holds whole finished records between writes. */
static bool is_plain_stream(const sl_output *out)
{
    return !out->temp_path && out->codec == CODEC_NONE;
}

/* Lists a plain stream for the crash handler (other outputs are not). */
static void list_for_crash(sl_output *out)
{
    if (!is_plain_stream(out))
        return;
    for (size_t i = 0; i < MAX_CRASH_STREAMS; i++) {
        sl_output *empty = NULL;
        if (atomic_compare_exchange_strong(&crash_streams[i], &empty, out)) {
            out->crash_listed = true;
            return;
        }
    }
    out->crash_unlisted = true;
    atomic_fetch_add(&unlisted_streams, 1);
}

/* Takes the stream off crash_streams (or off the count of the others)
 * before it is closed; again, it does nothing. */
static void unlist_for_crash(sl_output *out)
{
    if (out->crash_unlisted) {
        atomic_fetch_sub(&unlisted_streams, 1);
        out->crash_unlisted = false;
    }
    if (!out->crash_listed)
        return;
    for (size_t i = 0; i < MAX_CRASH_STREAMS; i++) {
        sl_output *self = out;
        if (atomic_compare_exchange_strong(&crash_streams[i], &self, NULL))
            break;
    }
    out->crash_listed = false;
}

/* Takes a listed stream's finished bytes back from the crash handler's
 * reach before its buffer is written or emptied: false when the handler
 * took them first (the process is ending, and they are the handler's to
 * write). */
static bool claim_finished(sl_output *out)
{
    if (!out->crash_listed)
        return true;
    size_t expected = out->finished_set;
    if (!atomic_compare_exchange_strong(&out->finished, &expected, 0))
        return false;
    out->finished_set = 0;
    return true;
}

/* Offers the whole buffer, which ends a record, to the crash handler. */
static void offer_finished(sl_output *out)
{
    size_t expected = out->finished_set;
    if (atomic_compare_exchange_strong(&out->finished, &expected, out->buf_len))
        out->finished_set = out->buf_len;
}

/* True when an open output (of another export stage) already has this
 * final path. */
static bool path_in_use(const char *final_path)
{
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        const sl_output *other = sl_outputs_get(i);
        if (other && strcmp(other->final_path, final_path) == 0)
            return true;
    }
    return false;
}

/* Notes that the output can no longer be finished correctly. The engine
 * learns of it through the registry and stops the run. */
static void note_given_up(sl_output *out, const char *what, int err)
{
    if (!out->failure) {
        char *m = malloc(strlen(out->final_path) + strlen(what) + 128);
        if (m)
            sprintf(m, "%s '%s': %s", what, out->final_path, strerror(err));
        out->failure = m;
        sl_outputs_note_failure(m ? m : "an output failed");
    }
}

/* Gives the output up, and fails the stage that was writing. */
static void give_up(sl_ctx *ctx, sl_output *out, const char *what, int err)
{
    note_given_up(out, what, err);
    sl_fail(ctx, "%s", out->failure ? out->failure : "an output failed");
}

/* Asks the kernel to start writing the file's written bytes to the disk,
 * without waiting, once WRITEBACK_EVERY bytes were written since it last
 * did: the disk then works while the run does, and the fsync of a
 * checkpoint or of the commit waits only for what is left. It changes
 * nothing that is promised (the fsync still decides); an error here
 * surfaces at that fsync. Standard streams and devices are left alone. */
static void start_writeback(sl_output *out, size_t written)
{
    out->not_sent += written;
    if (!out->temp_path || out->not_sent < WRITEBACK_EVERY)
        return;
    out->not_sent = 0;
#ifdef HAVE_SYNC_FILE_RANGE
    (void)sync_file_range(out->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
}

/* Writes bytes to the file; a failure gives the output up. */
static int write_out(sl_ctx *ctx, sl_output *out, const unsigned char *data,
                     size_t len)
{
    if (out->failure) {
        sl_fail(ctx, "%s", out->failure);
        return -1;
    }
    if (sl_write_all(out->fd, data, len) != 0) {
        give_up(ctx, out, "cannot write", errno);
        return -1;
    }
    start_writeback(out, len);
    return 0;
}

static int drain_buffer(sl_ctx *ctx, sl_output *out)
{
    if (out->failure) {
        sl_fail(ctx, "%s", out->failure);
        return -1;
    }
    if (out->buf_len == 0)
        return 0;
    if (!claim_finished(out)) {
        sl_fail(ctx, "output '%s' is being written by the crash report",
                out->final_path);
        return -1;
    }
    if (write_out(ctx, out, out->buf, out->buf_len) != 0)
        return -1;
    out->buf_len = 0;
    return 0;
}

/* Writes what a plain stream's buffer holds, between records; a write
 * that fails gives the output up. */
static void write_stream_buffer(sl_output *out)
{
    if (out->failure || out->buf_len == 0 || !claim_finished(out))
        return;
    if (sl_write_all(out->fd, out->buf, out->buf_len) != 0) {
        note_given_up(out, "cannot write", errno);
        return;
    }
    out->buf_len = 0;
}

void sl_outputs_flush_streams(void)
{
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        sl_output *out = sl_outputs_get(i);
        if (out && is_plain_stream(out))
            write_stream_buffer(out);
    }
}

void sl_outputs_record_done(void)
{
    if (atomic_load_explicit(&unlisted_streams, memory_order_relaxed) > 0) {
        for (size_t i = 0; i < sl_outputs_count(); i++) {
            sl_output *out = sl_outputs_get(i);
            if (out && is_plain_stream(out) && !out->crash_listed)
                write_stream_buffer(out);
        }
    }
    for (size_t i = 0; i < MAX_CRASH_STREAMS; i++) {
        sl_output *out =
            atomic_load_explicit(&crash_streams[i], memory_order_relaxed);
        if (!out || out->failure)
            continue;
        if (out->buf_len >= STREAM_FLUSH_BYTES)
            write_stream_buffer(out);
        else
            offer_finished(out);
    }
}

bool sl_outputs_streams_hold_records(void)
{
    for (size_t i = 0; i < MAX_CRASH_STREAMS; i++) {
        const sl_output *out =
            atomic_load_explicit(&crash_streams[i], memory_order_relaxed);
        if (out && !out->failure && out->buf_len > 0)
            return true;
    }
    return false;
}

void sl_outputs_write_finished(void)
{
    for (size_t i = 0; i < MAX_CRASH_STREAMS; i++) {
        sl_output *out = atomic_load(&crash_streams[i]);
        if (!out)
            continue;
        size_t n = atomic_exchange(&out->finished, STREAM_TAKEN);
        const unsigned char *at = out->buf;
        while (n > 0 && n != STREAM_TAKEN) {
            ssize_t wrote = write(out->fd, at, n);
            if (wrote < 0 && errno == EINTR)
                continue;
            if (wrote <= 0)
                break;
            at += wrote;
            n -= (size_t)wrote;
        }
    }
}

void sl_outputs_go_live(void)
{
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        sl_output *out = sl_outputs_get(i);
        if (out)
            sl_output_set_discard(out, false);
    }
}

/* Writes a stream's piece straight from the caller's bytes, as
 * sl_outputs_flush_streams would have written it from the buffer: a
 * failure gives the output up without failing the stage (the engine stops
 * the run when the record is retired, as after a failed flush). */
static int put_stream_direct(sl_output *out, const unsigned char *data,
                             size_t len)
{
    if (sl_write_all(out->fd, data, len) != 0)
        note_given_up(out, "cannot write", errno);
    return 0;
}

/* Appends bytes to the raw (already compressed) buffer. A large piece of
 * an uncompressed stream whose buffer is empty is written at once: the
 * copy would buy nothing. */
static int put_raw(sl_ctx *ctx, sl_output *out, const unsigned char *data,
                   size_t len)
{
    if (!out->temp_path && out->codec == CODEC_NONE && out->buf_len == 0 &&
        len >= STREAM_DIRECT_MIN)
        return put_stream_direct(out, data, len);
    if (out->buf_len + len > OUTPUT_BUFFER_SIZE) {
        if (drain_buffer(ctx, out) != 0)
            return -1;
        if (len >= OUTPUT_BUFFER_SIZE)
            return write_out(ctx, out, data, len);
    }
    memcpy(out->buf + out->buf_len, data, len);
    out->buf_len += len;
    return 0;
}

/* Where gzip_blocks puts the compressed bytes: the raw buffer. */
typedef struct gzip_sink_to {
    sl_ctx *ctx;
    sl_output *out;
} gzip_sink_to;

static int put_compressed(void *user, const unsigned char *data, size_t len)
{
    const gzip_sink_to *to = user;
    return put_raw(to->ctx, to->out, data, len);
}

/* Adds bytes to the gzip member (end: ends it), compressed in blocks
 * (gzip_blocks.h) and written in order into the raw buffer. */
static int gzip_put(sl_ctx *ctx, sl_output *out, const void *data, size_t len,
                    bool end)
{
    gzip_sink_to to = {ctx, out};
    int rc =
        end ? sl_gzip_blocks_end_member(out->gz, put_compressed, &to)
            : sl_gzip_blocks_write(out->gz, data, len, put_compressed, &to);
    if (rc != 0 && !out->failure)
        give_up(ctx, out, "gzip compression failed for", ENOMEM);
    return rc;
}

static int zstd_pump(sl_ctx *ctx, sl_output *out, const void *data, size_t len,
                     ZSTD_EndDirective mode)
{
    ZSTD_inBuffer in = {data, len, 0};
    for (;;) {
        if (out->buf_len == OUTPUT_BUFFER_SIZE && drain_buffer(ctx, out) != 0)
            return -1;
        ZSTD_outBuffer zout = {out->buf, OUTPUT_BUFFER_SIZE, out->buf_len};
        size_t left = ZSTD_compressStream2(out->zstd, &zout, &in, mode);
        out->buf_len = zout.pos;
        if (ZSTD_isError(left)) {
            give_up(ctx, out, "zstd compression failed for", EIO);
            return -1;
        }
        if (mode == ZSTD_e_end ? left == 0 : in.pos == in.size)
            return 0;
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "DIR/.BASE.tmp-PID-N" next to final_path; created exclusively. */
static int create_temp(sl_output *out)
{
    const char *slash = strrchr(out->final_path, '/');
    size_t dir_len = slash ? (size_t)(slash - out->final_path) + 1 : 0;
    const char *base = out->final_path + dir_len;
    size_t size = strlen(out->final_path) + 64;
    out->temp_path = malloc(size);
    if (!out->temp_path) {
        errno = ENOMEM;
        return -1;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned n = atomic_fetch_add(&temp_counter, 1);
        snprintf(out->temp_path, size, "%.*s.%s.tmp-%ld-%u", (int)dir_len,
                 out->final_path, base, (long)getpid(), n);
        out->fd =
            open(out->temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (out->fd >= 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

/* Closes a device or pipe opened by name; standard output stays open. */
static void close_stream(sl_output *out)
{
    unlist_for_crash(out);
    if (out->fd > STDERR_FILENO)
        close(out->fd);
    out->fd = -1;
}

static void free_output(sl_output *out)
{
    sl_gzip_blocks_free(out->gz);
    ZSTD_freeCCtx(out->zstd);
    unlist_for_crash(out);
    free(out->failure);
    free(out->buf);
    free(out->temp_path);
    free(out->final_path);
    free(out);
}

/* jobs: the run's threads; with more than one, gzip blocks wait for
 * them (four per thread at most, 256 KB of input each) rather than being
 * compressed in order. */
static int start_codec(sl_output *out, unsigned jobs)
{
    if (ends_with(out->final_path, ".gz")) {
        out->codec = CODEC_GZIP;
        out->gz = sl_gzip_blocks_new(6, jobs > 1 ? 4 * (size_t)jobs : 0);
        if (!out->gz)
            return -1;
    } else if (ends_with(out->final_path, ".zst")) {
        out->codec = CODEC_ZSTD;
        out->zstd = ZSTD_createCCtx();
        if (!out->zstd)
            return -1;
        ZSTD_CCtx_setParameter(out->zstd, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(out->zstd, ZSTD_c_checksumFlag, 1);
    }
    return 0;
}

/* --resume: takes back the temporary file a checkpoint names, cut to the
 * checkpointed size. Returns 1 when resumed, 0 when there is nothing to
 * resume, -1 on failure (errno set). */
static int reopen_temp(sl_output *out)
{
    const char *temp = NULL;
    uint64_t size = 0, bytes = 0;
    int found = sl_outputs_resume_entry(out->final_path, &temp, &size, &bytes);
    if (found <= 0)
        return found;
    out->temp_path = strdup(temp);
    if (!out->temp_path) {
        errno = ENOMEM;
        return -1;
    }
    out->fd = open(out->temp_path, O_WRONLY | O_CLOEXEC);
    if (out->fd < 0 || ftruncate(out->fd, (off_t)size) != 0 ||
        lseek(out->fd, 0, SEEK_END) < 0)
        return -1;
    out->bytes_in = bytes;
    out->checkpointed_in = bytes;
    out->discard = true;
    return 1;
}

sl_output *sl_output_open(sl_ctx *ctx, const char *path, bool overwrite)
{
    const sl_run_info *run = sl_ctx_run_info(ctx);
    if (!path || !*path) {
        sl_fail(ctx, "empty output path");
        return NULL;
    }
    sl_output *out = calloc(1, sizeof *out);
    if (!out) {
        sl_fail(ctx, "out of memory");
        return NULL;
    }
    out->fd = -1;
    out->final_path = sl_output_expand_shard(path, run->shard, run->shards);
    out->buf = malloc(OUTPUT_BUFFER_SIZE);
    if (!out->final_path || !out->buf || start_codec(out, run->jobs) != 0) {
        sl_fail(ctx, "out of memory opening output '%s'", path);
        free_output(out);
        return NULL;
    }
    if (path_in_use(out->final_path)) {
        sl_fail(ctx, "output '%s' is already being written by another stage",
                out->final_path);
        free_output(out);
        return NULL;
    }
    int std_fd = sl_output_std_stream(out->final_path);
    if (std_fd >= 0) {
        /* "-", /dev/stdout, /dev/stderr: the descriptor already open,
         * written in place whatever it leads to (a terminal, a pipe, a
         * file the shell opened) */
        out->fd = std_fd;
        list_for_crash(out);
        sl_outputs_register(out);
        return out;
    }
    if (run->shards > 1 && !strstr(path, "{shard}") &&
        !sl_output_is_stream(out->final_path)) {
        sl_fail(ctx,
                "output '%s' has no {shard} in its name, but the run has %u "
                "shards that would all write it",
                path, run->shards);
        free_output(out);
        return NULL;
    }
    struct stat st;
    if (stat(out->final_path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            sl_fail(ctx, "output '%s' is a folder", out->final_path);
            free_output(out);
            return NULL;
        }
        if (!S_ISREG(st.st_mode)) {
            /* A device or a pipe (/dev/null, a FIFO) is written through
             * like standard output: renaming a file over it would
             * replace it. */
            out->fd = open(out->final_path, O_WRONLY | O_CLOEXEC);
            if (out->fd < 0) {
                sl_fail(ctx, "cannot open output '%s': %s", out->final_path,
                        strerror(errno));
                free_output(out);
                return NULL;
            }
            list_for_crash(out);
            sl_outputs_register(out);
            return out;
        }
        if (!overwrite && !run->force) {
            sl_fail(ctx,
                    "output '%s' exists; remove it, use --force, or set the "
                    "stage's overwrite option",
                    out->final_path);
            free_output(out);
            return NULL;
        }
    }
    int resumed = reopen_temp(out);
    if (resumed < 0) {
        const char *why = sl_outputs_resume_error();
        if (why)
            sl_fail(ctx, "cannot resume output '%s': %s", out->final_path, why);
        else
            sl_fail(ctx, "cannot resume output '%s' from '%s': %s",
                    out->final_path, out->temp_path, strerror(errno));
        free_output(out);
        return NULL;
    }
    if (!resumed && (sl_output_make_parent_dirs(out->final_path) != 0 ||
                     create_temp(out) != 0)) {
        sl_fail(ctx, "cannot create output '%s': %s", out->final_path,
                strerror(errno));
        free_output(out);
        return NULL;
    }
    sl_outputs_register(out);
    return out;
}

int sl_output_write(sl_ctx *ctx, sl_output *out, const void *data, size_t len)
{
    if (len == 0 || out->discard)
        return 0;
    if (out->failure) {
        sl_fail(ctx, "%s", out->failure);
        return -1;
    }
    out->bytes_in += len;
    switch (out->codec) {
    case CODEC_GZIP: return gzip_put(ctx, out, data, len, false);
    case CODEC_ZSTD: return zstd_pump(ctx, out, data, len, ZSTD_e_continue);
    default: return put_raw(ctx, out, data, len);
    }
}

const char *sl_output_path(const sl_output *out)
{
    return out->final_path;
}

unsigned long long sl_output_bytes(const sl_output *out)
{
    return out->bytes_in;
}

static int finish_stream(sl_ctx *ctx, sl_output *out)
{
    switch (out->codec) {
    case CODEC_GZIP:
        if (gzip_put(ctx, out, "", 0, true) != 0)
            return -1;
        break;
    case CODEC_ZSTD:
        if (zstd_pump(ctx, out, "", 0, ZSTD_e_end) != 0)
            return -1;
        break;
    default: break;
    }
    return drain_buffer(ctx, out);
}

int sl_output_commit(sl_ctx *ctx, sl_output *out)
{
    sl_outputs_unregister(out, sl_output_bytes(out));
    int rc = finish_stream(ctx, out);
    if (!out->temp_path) { /* a stream: nothing to rename */
        close_stream(out);
        free_output(out);
        return rc;
    }
    if (rc == 0 && fsync(out->fd) != 0 && errno != EINVAL) {
        give_up(ctx, out, "cannot sync", errno);
        rc = -1;
    }
    if (close(out->fd) != 0 && rc == 0) {
        sl_fail(ctx, "cannot close '%s': %s", out->final_path, strerror(errno));
        rc = -1;
    }
    out->fd = -1;
    if (rc == 0 && rename(out->temp_path, out->final_path) != 0) {
        sl_fail(ctx, "cannot rename '%s' to '%s': %s", out->temp_path,
                out->final_path, strerror(errno));
        rc = -1;
    }
    if (rc == 0)
        sl_sync_parent_dir(out->final_path);
    else
        unlink(out->temp_path);
    free_output(out);
    return rc;
}

bool sl_output_kept_for_resume(const sl_output *out)
{
    return out->temp_path && sl_outputs_keep_temps();
}

void sl_output_abort(sl_output *out)
{
    if (!out)
        return;
    sl_outputs_unregister(out, sl_output_bytes(out));
    if (out->temp_path) {
        if (out->fd >= 0)
            close(out->fd);
        /* an interrupted run keeps it for --resume (its checkpoint says
         * where the good part ends) */
        if (!sl_outputs_keep_temps())
            unlink(out->temp_path);
    } else {
        /* standard output or a device: what was buffered still goes
         * out, since the stream has no temporary name to fall back on */
        if (!out->failure && claim_finished(out))
            sl_write_all(out->fd, out->buf, out->buf_len);
        close_stream(out);
    }
    free_output(out);
}

int sl_output_checkpoint(sl_output *out, uint64_t *file_size, char **message)
{
    sl_ctx *ctx = sl_ctx_new("output", NULL);
    if (!ctx) {
        *message = strdup("out of memory");
        return -1;
    }
    int rc = 0;
    if (out->bytes_in != out->checkpointed_in) {
        /* end the gzip member or zstd frame, so the file can be cut here
         * and continued with a new one */
        if (out->codec == CODEC_GZIP) {
            rc = gzip_put(ctx, out, "", 0, true);
        } else if (out->codec == CODEC_ZSTD) {
            rc = zstd_pump(ctx, out, "", 0, ZSTD_e_end);
        }
    }
    if (rc == 0)
        rc = drain_buffer(ctx, out);
    if (rc == 0 && fsync(out->fd) != 0 && errno != EINVAL) {
        give_up(ctx, out, "cannot sync", errno);
        rc = -1;
    }
    off_t at = rc == 0 ? lseek(out->fd, 0, SEEK_CUR) : -1;
    if (rc == 0 && at < 0) {
        sl_fail(ctx, "cannot checkpoint '%s': %s", out->final_path,
                strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        *file_size = (uint64_t)at;
        out->checkpointed_in = out->bytes_in;
    } else {
        const char *why = sl_ctx_error(ctx);
        *message = strdup(why ? why : "checkpoint failed");
    }
    sl_ctx_free(ctx);
    return rc;
}

const char *sl_output_temp_path(const sl_output *out)
{
    return out->temp_path;
}

void sl_output_set_discard(sl_output *out, bool discard)
{
    out->discard = discard;
}
