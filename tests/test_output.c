/* tests/test_output.c - the output layer (core/output.c): files appear
 * under their final name only on commit, abort leaves nothing, existing
 * files are kept unless overwriting is allowed, {shard} is replaced, and
 * .gz/.zst outputs decompress back to what was written, and /dev/stdout
 * is written in place.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <sluice/output.h>

#include "ctx.h"
#include "engine_outputs.h"
#include "scratch.h"

static sl_ctx *ctx;

static void setup(void)
{
    scratch_make("output");
    ctx = sl_ctx_new("export", NULL);
    cr_assert_not_null(ctx);
}

static void teardown(void)
{
    sl_ctx_free(ctx);
    scratch_remove();
}

TestSuite(output, .init = setup, .fini = teardown);

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static size_t entries(const char *path)
{
    DIR *d = opendir(path);
    cr_assert_not_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

/* Some megabytes of varied text: more than one internal buffer. */
static char *sample_text(size_t *len)
{
    size_t n = 3 * 1000 * 1000, used = 0;
    char *text = malloc(n + 64);
    for (unsigned i = 0; used < n; i++)
        used += (size_t)sprintf(text + used, "第%u行 line %u, value %u\n", i,
                                i * 7919u % 1000u, i * i);
    *len = used;
    return text;
}

Test(output, file_appears_only_on_commit)
{
    const char *path = scratch_path("out.jsonl");
    sl_output *out = sl_output_open(ctx, path, false);
    cr_assert_not_null(out, "%s", sl_ctx_error(ctx));
    cr_assert_str_eq(sl_output_path(out), path);
    cr_assert_eq(sl_output_write(ctx, out, "{\"a\":1}\n", 8), 0);
    cr_assert_not(exists(path), "the final name exists before commit");
    cr_assert_eq(entries(scratch_dir()), 1,
                 "one temporary file in the same folder");
    cr_assert_eq(sl_output_bytes(out), 8);
    cr_assert_eq(sl_output_commit(ctx, out), 0);
    size_t len;
    char *data = scratch_read(path, &len);
    cr_assert_str_eq(data, "{\"a\":1}\n");
    free(data);
    cr_assert_eq(entries(scratch_dir()), 1, "the temporary file was renamed");
}

Test(output, abort_leaves_nothing)
{
    const char *path = scratch_path("gone.jsonl.zst");
    sl_output *out = sl_output_open(ctx, path, false);
    cr_assert_not_null(out);
    cr_assert_eq(sl_output_write(ctx, out, "partial", 7), 0);
    sl_output_abort(out);
    cr_assert_not(exists(path));
    cr_assert_eq(entries(scratch_dir()), 0);
}

Test(output, existing_file_is_refused_without_overwrite)
{
    const char *path = scratch_path("keep.txt");
    FILE *f = fopen(path, "w");
    fputs("precious", f);
    fclose(f);
    cr_assert_null(sl_output_open(ctx, path, false));
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "exists"));
    size_t len;
    char *data = scratch_read(path, &len);
    cr_assert_str_eq(data, "precious");
    free(data);

    sl_output *out = sl_output_open(ctx, path, true);
    cr_assert_not_null(out);
    cr_assert_eq(sl_output_write(ctx, out, "new", 3), 0);
    cr_assert_eq(sl_output_commit(ctx, out), 0);
    data = scratch_read(path, &len);
    cr_assert_str_eq(data, "new");
    free(data);
}

Test(output, force_allows_replacing)
{
    const char *path = scratch_path("forced.txt");
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    sl_run_info run = {.shards = 1, .jobs = 1, .force = true};
    sl_ctx *forced = sl_ctx_new("export", &run);
    sl_output *out = sl_output_open(forced, path, false);
    cr_assert_not_null(out);
    cr_assert_eq(sl_output_commit(forced, out), 0);
    size_t len;
    char *data = scratch_read(path, &len);
    cr_assert_eq(len, 0);
    free(data);
    sl_ctx_free(forced);
}

Test(output, shard_is_substituted_and_parents_made)
{
    sl_run_info run = {.shard = 3, .shards = 12, .jobs = 1};
    sl_ctx *sharded = sl_ctx_new("export", &run);
    char pattern[512];
    snprintf(pattern, sizeof pattern, "%s/parts/part-{shard}.txt",
             scratch_dir());
    sl_output *out = sl_output_open(sharded, pattern, false);
    cr_assert_not_null(out, "%s", sl_ctx_error(sharded));
    cr_assert_str_eq(sl_output_path(out), scratch_path("parts/part-03.txt"));
    cr_assert_eq(sl_output_commit(sharded, out), 0);
    cr_assert(exists(scratch_path("parts/part-03.txt")));

    /* a sharded run may not have every shard write one file */
    cr_assert_null(sl_output_open(sharded, scratch_path("same.txt"), false));
    cr_assert_not_null(strstr(sl_ctx_error(sharded), "{shard}"));
    sl_ctx_free(sharded);
}

Test(output, gzip_round_trip)
{
    size_t len;
    char *text = sample_text(&len);
    const char *path = scratch_path("big.txt.gz");
    sl_output *out = sl_output_open(ctx, path, false);
    cr_assert_not_null(out);
    /* uneven pieces, as records come */
    for (size_t at = 0; at < len;) {
        size_t n = len - at < 7777 ? len - at : 7777;
        cr_assert_eq(sl_output_write(ctx, out, text + at, n), 0);
        at += n;
    }
    cr_assert_eq(sl_output_commit(ctx, out), 0);

    size_t packed_len;
    char *packed = scratch_read(path, &packed_len);
    cr_assert_lt(packed_len, len, "the file is compressed");
    free(packed);
    gzFile gz = gzopen(path, "rb");
    cr_assert_not_null(gz);
    char *back = malloc(len + 1);
    cr_assert_eq(gzread(gz, back, (unsigned)len + 1), (int)len);
    gzclose(gz);
    cr_assert_eq(memcmp(back, text, len), 0);
    free(back);
    free(text);
}

Test(output, zstd_round_trip)
{
    size_t len;
    char *text = sample_text(&len);
    const char *path = scratch_path("big.txt.zst");
    sl_output *out = sl_output_open(ctx, path, false);
    cr_assert_not_null(out);
    cr_assert_eq(sl_output_write(ctx, out, text, len / 2), 0);
    cr_assert_eq(sl_output_write(ctx, out, text + len / 2, len - len / 2), 0);
    cr_assert_eq(sl_output_commit(ctx, out), 0);

    size_t packed_len;
    char *packed = scratch_read(path, &packed_len);
    cr_assert_lt(packed_len, len);
    char *back = malloc(len + 1);
    ZSTD_DStream *ds = ZSTD_createDStream();
    ZSTD_inBuffer in = {packed, packed_len, 0};
    ZSTD_outBuffer outb = {back, len + 1, 0};
    while (in.pos < in.size) {
        size_t rc = ZSTD_decompressStream(ds, &outb, &in);
        cr_assert_not(ZSTD_isError(rc), "%s", ZSTD_getErrorName(rc));
        if (rc == 0)
            break;
    }
    ZSTD_freeDStream(ds);
    cr_assert_eq(outb.pos, len);
    cr_assert_eq(memcmp(back, text, len), 0);
    free(back);
    free(packed);
    free(text);
}

Test(output, same_input_gives_identical_compressed_files)
{
    const char *names[] = {"a.gz", "b.gz", "a.zst", "b.zst"};
    for (size_t i = 0; i < 4; i++) {
        sl_output *out = sl_output_open(ctx, scratch_path(names[i]), false);
        cr_assert_not_null(out);
        cr_assert_eq(sl_output_write(ctx, out, "same bytes\n", 11), 0);
        cr_assert_eq(sl_output_commit(ctx, out), 0);
    }
    for (size_t i = 0; i < 4; i += 2) {
        size_t la, lb;
        char *a = scratch_read(scratch_path(names[i]), &la);
        char *b = scratch_read(scratch_path(names[i + 1]), &lb);
        cr_assert_eq(la, lb);
        cr_assert_eq(memcmp(a, b, la), 0);
        free(a);
        free(b);
    }
}

Test(output, missing_folder_cannot_be_made)
{
    FILE *f = fopen(scratch_path("file"), "w");
    fclose(f);
    cr_assert_null(sl_output_open(ctx, scratch_path("file/below.txt"), false));
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "cannot create"));
}

Test(output, two_outputs_cannot_share_a_file)
{
    const char *path = scratch_path("shared.jsonl");
    sl_output *first = sl_output_open(ctx, path, false);
    cr_assert_not_null(first);
    cr_assert_null(sl_output_open(ctx, path, false));
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "another stage"));
    sl_output_abort(first);
    sl_output *again = sl_output_open(ctx, path, false);
    cr_assert_not_null(again, "free again once the first is closed");
    sl_output_abort(again);
}

Test(output, a_pipe_is_written_through_not_replaced)
{
    char fifo[128];
    snprintf(fifo, sizeof fifo, "%s/pipe", scratch_dir());
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    /* keep a reader open so the writer's open does not block */
    int reader = open(fifo, O_RDONLY | O_NONBLOCK);
    cr_assert_geq(reader, 0);
    sl_output *out = sl_output_open(ctx, fifo, false);
    cr_assert_not_null(out, "%s", sl_ctx_error(ctx));
    cr_assert_eq(sl_output_write(ctx, out, "hello\n", 6), 0);
    cr_assert_eq(sl_output_commit(ctx, out), 0);
    char buf[16] = {0};
    cr_assert_eq(read(reader, buf, sizeof buf), 6);
    cr_assert_str_eq(buf, "hello\n");
    close(reader);
    struct stat st;
    cr_assert_eq(stat(fifo, &st), 0);
    cr_assert(S_ISFIFO(st.st_mode), "the pipe was replaced by a file");
}

Test(output, dev_stdout_is_written_in_place_even_with_overwrite)
{
    /* standard output is a file here, as under `sluice ... > file` */
    char file[128];
    snprintf(file, sizeof file, "%s/redirected", scratch_dir());
    int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    cr_assert_eq(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    close(fd);
    sl_output *out = sl_output_open(ctx, "/dev/stdout", true);
    cr_assert_not_null(out, "%s", sl_ctx_error(ctx));
    cr_assert_null(sl_output_temp_path(out),
                   "/dev/stdout must not get a temporary file to be "
                   "renamed over it");
    cr_assert_eq(sl_output_write(ctx, out, "in place\n", 9), 0);
    cr_assert_eq(sl_output_commit(ctx, out), 0);
    cr_assert_eq(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
    close(saved);
    struct stat st;
    cr_assert_eq(lstat("/dev/stdout", &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "/dev/stdout was replaced");
    char buf[32] = {0};
    FILE *f = fopen(file, "r");
    cr_assert_not_null(f);
    cr_assert_eq(fread(buf, 1, sizeof buf - 1, f), 9);
    fclose(f);
    cr_assert_str_eq(buf, "in place\n");
}

/* Points standard output at path (a file, or /dev/full); returns the saved
 * descriptor for stdout_back. */
static int stdout_to(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    cr_assert_eq(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    close(fd);
    return saved;
}

static void stdout_back(int saved)
{
    cr_assert_eq(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
    close(saved);
}

/* A stream is flushed after every record; a large piece that finds the
 * buffer empty is written from the caller's bytes, a small one or one
 * after buffered bytes is buffered. Pieces of every kind, flushed at
 * random places, still come out whole and in order. */
Test(output, stream_pieces_come_out_in_order)
{
    char file[128];
    snprintf(file, sizeof file, "%s/stream", scratch_dir());
    int saved = stdout_to(file);
    sl_output *out = sl_output_open(ctx, "-", false);
    cr_assert_not_null(out, "%s", sl_ctx_error(ctx));
    size_t text_len;
    char *text = sample_text(&text_len);
    static const size_t sizes[] = {1, 4095, 4096, 4097, 20000, 7, 300000};
    size_t used = 0;
    unsigned seed = 9;
    for (size_t i = 0; used < text_len; i++) {
        size_t n = sizes[(size_t)rand_r(&seed) % 7];
        if (n > text_len - used)
            n = text_len - used;
        cr_assert_eq(sl_output_write(ctx, out, text + used, n), 0);
        used += n;
        if (rand_r(&seed) % 2)
            sl_outputs_flush_streams();
    }
    cr_assert_eq(sl_output_commit(ctx, out), 0);
    stdout_back(saved);
    FILE *f = fopen(file, "r");
    cr_assert_not_null(f);
    char *back = malloc(text_len + 1);
    cr_assert_eq(fread(back, 1, text_len + 1, f), text_len);
    fclose(f);
    cr_assert(memcmp(back, text, text_len) == 0);
    free(back);
    free(text);
}

/* A stream that cannot be written is given up the same way whether its
 * record went through the buffer (the flush after the record fails) or
 * was written at once (a large piece): the write itself succeeds, the run
 * learns of the failure before the next record, and the next write
 * fails. Each size runs in a test of its own: the failure is noted for
 * the whole process. */
static void write_to_a_full_stream(size_t size)
{
    int saved = stdout_to("/dev/full");
    sl_output *out = sl_output_open(ctx, "-", false);
    cr_assert_not_null(out, "%s", sl_ctx_error(ctx));
    char *piece = calloc(1, size);
    cr_assert_not(sl_outputs_failed());
    cr_assert_eq(sl_output_write(ctx, out, piece, size), 0);
    cr_assert_null(sl_ctx_error(ctx), "size %zu", size);
    sl_outputs_flush_streams();
    cr_assert(sl_outputs_failed(), "size %zu", size);
    cr_assert_eq(sl_output_write(ctx, out, piece, size), -1);
    cr_assert_not_null(sl_ctx_error(ctx));
    sl_output_abort(out);
    stdout_back(saved);
    free(piece);
}

Test(output, a_failed_buffered_stream_write_fails_at_the_flush)
{
    write_to_a_full_stream(100);
}

Test(output, a_failed_direct_stream_write_is_noted_as_a_failed_flush)
{
    write_to_a_full_stream(8000);
}
