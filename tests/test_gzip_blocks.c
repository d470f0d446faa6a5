/* tests/test_gzip_blocks.c - gzip written in blocks (core/gzip_blocks.c):
 * the file decompresses to what was written; it is the same bytes
 * whether the writer compressed every block or other threads took them;
 * members end where asked and concatenate; each block's dictionary keeps
 * the size near one deflate stream's; a writer freed with blocks waiting
 * leaves none in the queue; a failing sink stops the writer.
 */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gzip_blocks.h"

/* Growable bytes the writer's sink appends to. */
typedef struct bytes {
    unsigned char *data;
    size_t len, cap;
    bool refuse; /* the sink fails */
} bytes;

static int append(void *user, const unsigned char *data, size_t len)
{
    bytes *b = user;
    if (b->refuse)
        return -1;
    if (b->len + len > b->cap) {
        b->cap = (b->len + len) * 2;
        b->data = realloc(b->data, b->cap);
        cr_assert_not_null(b->data);
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

/* About n bytes of text that repeats at a distance under 32 KB but not
 * inside a few hundred bytes, as records of one corpus do. */
static unsigned char *sample(size_t n)
{
    static const char *const words[] = {
        "report", "年度", "工作", "总结", "the",     "budget", "增长", "百分之",
        "county", "项目", "建设", "2023", "figures", "区域",   "发展", "of"};
    unsigned char *s = malloc(n);
    cr_assert_not_null(s);
    unsigned seed = 12345;
    size_t at = 0;
    while (at < n) {
        seed = seed * 1103515245u + 12345u;
        const char *w = words[(seed >> 16) % 16];
        size_t len = strlen(w);
        for (size_t i = 0; i < len && at < n; i++)
            s[at++] = (unsigned char)w[i];
        if (at < n)
            s[at++] = (seed >> 8) % 7 ? ' ' : '\n';
    }
    return s;
}

/* The bytes of every gzip member in z, one after the other. */
static unsigned char *gunzip(const bytes *z, size_t *len)
{
    size_t cap = z->len * 20 + 64, out = 0;
    unsigned char *back = malloc(cap);
    cr_assert_not_null(back);
    z_stream s;
    memset(&s, 0, sizeof s);
    cr_assert_eq(inflateInit2(&s, 16 + 15), Z_OK);
    s.next_in = z->data;
    s.avail_in = (uInt)z->len;
    while (s.avail_in > 0) {
        s.next_out = back + out;
        s.avail_out = (uInt)(cap - out);
        int rc = inflate(&s, Z_NO_FLUSH);
        out = cap - s.avail_out;
        cr_assert(rc == Z_OK || rc == Z_STREAM_END, "inflate: %d", rc);
        if (rc == Z_STREAM_END)
            cr_assert_eq(inflateReset(&s), Z_OK); /* the next member */
    }
    inflateEnd(&s);
    *len = out;
    return back;
}

/* Writes data in pieces of uneven size and ends the member. */
static void write_all(sl_gzip_blocks *g, const unsigned char *data, size_t n,
                      bytes *into)
{
    for (size_t at = 0, piece = 1; at < n; piece = piece * 7 % 40009 + 1) {
        size_t k = n - at < piece ? n - at : piece;
        cr_assert_eq(sl_gzip_blocks_write(g, data + at, k, append, into), 0);
        at += k;
    }
    cr_assert_eq(sl_gzip_blocks_end_member(g, append, into), 0);
}

static atomic_bool helper_stop;

static void *helper(void *unused)
{
    (void)unused;
    while (!atomic_load(&helper_stop))
        if (!sl_gzip_blocks_work_one())
            sched_yield();
    return NULL;
}

Test(gzip_blocks, same_bytes_whoever_compresses)
{
    size_t n = 5 * SL_GZIP_BLOCK_BYTES + 12345;
    unsigned char *data = sample(n);

    bytes alone = {0};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 0);
    cr_assert_not_null(g);
    write_all(g, data, n, &alone);
    sl_gzip_blocks_free(g);

    bytes shared = {0};
    pthread_t threads[2];
    atomic_store(&helper_stop, false);
    for (int i = 0; i < 2; i++)
        cr_assert_eq(pthread_create(&threads[i], NULL, helper, NULL), 0);
    g = sl_gzip_blocks_new(6, 3);
    cr_assert_not_null(g);
    write_all(g, data, n, &shared);
    sl_gzip_blocks_free(g);
    atomic_store(&helper_stop, true);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);

    cr_assert_eq(alone.len, shared.len);
    cr_assert_eq(memcmp(alone.data, shared.data, alone.len), 0,
                 "the threads that compressed the blocks changed the bytes");
    size_t back_len;
    unsigned char *back = gunzip(&shared, &back_len);
    cr_assert_eq(back_len, n);
    cr_assert_eq(memcmp(back, data, n), 0);
    free(back);
    free(alone.data);
    free(shared.data);
    free(data);
}

Test(gzip_blocks, members_end_where_asked_and_concatenate)
{
    size_t n = 2 * SL_GZIP_BLOCK_BYTES + 999;
    unsigned char *data = sample(n);
    bytes z = {0};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 0);
    cr_assert_not_null(g);
    write_all(g, data, 1000, &z); /* member 1: a part of one block */
    size_t after_first = z.len;
    cr_assert(!sl_gzip_blocks_member_open(g));
    /* nothing written since: ending again adds nothing */
    cr_assert_eq(sl_gzip_blocks_end_member(g, append, &z), 0);
    cr_assert_eq(z.len, after_first);
    write_all(g, data + 1000, n - 1000, &z); /* member 2 */
    sl_gzip_blocks_free(g);

    cr_assert_eq(z.data[0], 0x1f);
    cr_assert_eq(z.data[after_first], 0x1f, "a second member starts there");
    cr_assert_eq(z.data[after_first + 1], 0x8b);
    size_t back_len;
    unsigned char *back = gunzip(&z, &back_len);
    cr_assert_eq(back_len, n);
    cr_assert_eq(memcmp(back, data, n), 0);
    free(back);
    free(z.data);
    free(data);
}

Test(gzip_blocks, an_empty_output_is_an_empty_gzip_member)
{
    bytes z = {0};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 4);
    cr_assert_not_null(g);
    cr_assert_eq(sl_gzip_blocks_end_member(g, append, &z), 0);
    sl_gzip_blocks_free(g);
    cr_assert_eq(z.len, 20, "header, an empty final block and the trailer");
    size_t back_len;
    unsigned char *back = gunzip(&z, &back_len);
    cr_assert_eq(back_len, 0);
    free(back);
    free(z.data);
}

Test(gzip_blocks, dictionaries_keep_the_size_of_one_stream)
{
    size_t n = 8 * SL_GZIP_BLOCK_BYTES;
    unsigned char *data = sample(n);
    bytes z = {0};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 0);
    cr_assert_not_null(g);
    write_all(g, data, n, &z);
    sl_gzip_blocks_free(g);

    /* one deflate stream over the whole, as a single-threaded gzip */
    z_stream s;
    memset(&s, 0, sizeof s);
    cr_assert_eq(
        deflateInit2(&s, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&s, (uLong)n);
    unsigned char *one = malloc(cap);
    s.next_in = data;
    s.avail_in = (uInt)n;
    s.next_out = one;
    s.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&s, Z_FINISH), Z_STREAM_END);
    size_t one_len = cap - s.avail_out;
    deflateEnd(&s);
    /* blocks without the block before as dictionary are 2 per cent
     * larger on this text; with it, the blocks cost a few bytes each */
    cr_assert_leq(z.len, one_len + one_len / 200,
                  "%zu bytes in blocks against %zu in one stream", z.len,
                  one_len);
    free(one);
    free(z.data);
    free(data);
}

Test(gzip_blocks, freeing_a_writer_takes_its_blocks_off_the_queue)
{
    size_t n = 6 * SL_GZIP_BLOCK_BYTES;
    unsigned char *data = sample(n);
    bytes z = {0};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 100);
    cr_assert_not_null(g);
    cr_assert_eq(sl_gzip_blocks_write(g, data, n, append, &z), 0);
    cr_assert(sl_gzip_blocks_waiting(), "no thread took the full blocks");
    cr_assert_eq(z.len, 0, "nothing is written before its block is done");
    sl_gzip_blocks_free(g); /* an aborted output */
    cr_assert_not(sl_gzip_blocks_waiting());
    cr_assert_not(sl_gzip_blocks_work_one());
    free(z.data);
    free(data);
}

Test(gzip_blocks, a_failing_sink_stops_the_writer)
{
    size_t n = 2 * SL_GZIP_BLOCK_BYTES;
    unsigned char *data = sample(n);
    bytes z = {.refuse = true};
    sl_gzip_blocks *g = sl_gzip_blocks_new(6, 0);
    cr_assert_not_null(g);
    cr_assert_eq(sl_gzip_blocks_write(g, data, n, append, &z), -1);
    sl_gzip_blocks_free(g);
    free(data);
}
