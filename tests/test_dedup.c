/* tests/test_dedup.c - deduplication's parts: text normalisation and the
 * fingerprint, shingles, MinHash estimates, the index's verdicts and
 * clusters, the binary records and the external sort.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/dedup/dedup_index.h"
#include "../plugins/dedup/dedup_record.h"
#include "../plugins/dedup/dedup_sort.h"
#include "../plugins/dedup/dedup_text.h"
#include "../plugins/dedup/minhash.h"

static uint64_t fingerprint(const char *s)
{
    dedup_text t = {0};
    cr_assert_eq(dedup_text_read_string(&t, s, strlen(s), 5, 5), 0);
    uint64_t f = t.fingerprint;
    dedup_text_free(&t);
    return f;
}

Test(dedup_text, fingerprint_ignores_case_space_and_punctuation_width)
{
    cr_assert_eq(fingerprint("Hello,  World!"), fingerprint("hello, world!"));
    cr_assert_eq(fingerprint("你好，世界。“测试”"),
                 fingerprint("你好,世界.\"测试\""));
    cr_assert_eq(fingerprint("ＡＢＣ１２３"), fingerprint("abc123"));
    cr_assert_eq(fingerprint("  line one\n\nline two  "),
                 fingerprint("line one line two"));
    cr_assert_neq(fingerprint("hello world"), fingerprint("hello word"));
}

Test(dedup_text, chinese_has_character_shingles_english_word_shingles)
{
    dedup_text t = {0};
    const char *zh = "今天天气很好，我们去公园散步。";
    cr_assert_eq(dedup_text_read_string(&t, zh, strlen(zh), 5, 5), 0);
    cr_assert(t.cjk);
    /* 13 Han characters (punctuation left out): 9 shingles of 5 */
    cr_assert_eq(t.n_shingles, 9);
    const char *en = "the quick brown fox jumps over the lazy dog";
    cr_assert_eq(dedup_text_read_string(&t, en, strlen(en), 5, 5), 0);
    cr_assert_not(t.cjk);
    cr_assert_eq(t.n_shingles, 9 - 5 + 1);
    cr_assert_eq(dedup_text_read_string(&t, "two words", 9, 5, 5), 0);
    cr_assert_eq(t.n_shingles, 1, "a short text is one shingle");
    dedup_text_free(&t);
}

/* The estimated similarity of two texts' signatures. */
static double estimate(const minhash *m, const char *a, const char *b)
{
    dedup_text t = {0};
    uint32_t mins[256];
    uint16_t sa[256], sb[256];
    cr_assert_eq(dedup_text_read_string(&t, a, strlen(a), 3, 3), 0);
    minhash_signature(m, t.shingles, t.n_shingles, mins);
    minhash_compact(m, mins, sa);
    cr_assert_eq(dedup_text_read_string(&t, b, strlen(b), 3, 3), 0);
    minhash_signature(m, t.shingles, t.n_shingles, mins);
    minhash_compact(m, mins, sb);
    dedup_text_free(&t);
    return minhash_similarity(sa, sb, m->num_perm);
}

Test(minhash, estimates_follow_the_jaccard_similarity)
{
    minhash m;
    cr_assert_eq(minhash_init(&m, 16, 16), 0);
    char a[4096] = "", b[4096] = "";
    /* 100 distinct words; b shares the first 80 and has 20 others:
     * 3-word shingles, 78 shared of 98 + 20 = 118: J = 0.66 */
    for (int i = 0; i < 100; i++) {
        char w[16];
        snprintf(w, sizeof w, "w%d ", i);
        strcat(a, w);
        snprintf(w, sizeof w, "%s%d ", i < 80 ? "w" : "x", i);
        strcat(b, w);
    }
    double j = 78.0 / 118.0;
    double e = estimate(&m, a, b);
    cr_assert(e > j - 0.12 && e < j + 0.12, "estimate %f for %f", e, j);
    cr_assert_float_eq(estimate(&m, a, a), 1.0, 1e-9);
    cr_assert_lt(estimate(&m, a, "completely different text here"), 0.1);
    cr_assert_neq(minhash_init(&m, 0, 8), 0);
    cr_assert_neq(minhash_init(&m, 512, 4), 0);
}

static void add(dedup_index *ix, const minhash *m, const char *id,
                const char *text, dedup_verdict *v)
{
    dedup_text t = {0};
    uint32_t mins[112], keys[14];
    uint16_t sig[112];
    cr_assert_eq(dedup_text_read_string(&t, text, strlen(text), 5, 5), 0);
    minhash_signature(m, t.shingles, t.n_shingles, mins);
    minhash_compact(m, mins, sig);
    minhash_band_keys(m, mins, keys);
    cr_assert_eq(dedup_index_add(ix, id, t.fingerprint, sig, keys, v), 0);
    dedup_text_free(&t);
}

Test(dedup_index, first_is_kept_copies_join_its_cluster)
{
    minhash m;
    cr_assert_eq(minhash_init(&m, 14, 8), 0);
    dedup_index *ix = dedup_index_new(112, 14, 0.8);
    char base[8192] = "";
    for (int i = 0; i < 300; i++) {
        char w[16];
        snprintf(w, sizeof w, "word%d ", i * 7 % 301);
        strcat(base, w);
    }
    char near[8192];
    strcpy(near, base);
    memcpy(strstr(near, "word70 "), "wordXX ", 7); /* one word changed */
    dedup_verdict v;
    add(ix, &m, "a", base, &v);
    cr_assert_eq(v.kind, DEDUP_UNIQUE);
    add(ix, &m, "b", "an unrelated text about something else entirely", &v);
    cr_assert_eq(v.kind, DEDUP_UNIQUE);
    add(ix, &m, "c", base, &v);
    cr_assert_eq(v.kind, DEDUP_EXACT);
    cr_assert_str_eq(dedup_index_id(ix, v.kept), "a");
    cr_assert_eq(v.removed, 1);
    add(ix, &m, "d", near, &v);
    cr_assert_eq(v.kind, DEDUP_NEAR);
    cr_assert_str_eq(dedup_index_id(ix, v.kept), "a");
    cr_assert_gt(v.similarity, 0.9);
    cr_assert_eq(v.removed, 2);
    uint32_t kept[3], removed[3];
    cr_assert_eq(dedup_index_largest(ix, kept, removed, 3), 1);
    cr_assert_str_eq(dedup_index_id(ix, kept[0]), "a");
    cr_assert_eq(removed[0], 2);
    cr_assert_eq(dedup_index_count(ix), 4);
    cr_assert_gt(dedup_index_bytes(ix), 4 * 112 * 2);
    dedup_index_free(ix);
}

Test(dedup_record, round_trip_and_damage)
{
    dedup_params p = {4, 2, 5, 3, 1, 3};
    uint16_t sig[4] = {1, 2, 3, 65535};
    uint32_t keys[2] = {7, 0xDEADBEEF};
    dedup_record r = {.seq = 42,
                      .fingerprint = 0x1122334455667788ull,
                      .has_sig = true,
                      .sig = sig,
                      .band_keys = keys};
    strcpy(r.id, "doc-42");
    unsigned char *buf = NULL;
    size_t cap = 0;
    char header[128];
    size_t hl = dedup_header(&p, header, sizeof header);
    size_t n = dedup_record_encode(&p, &r, &buf, &cap);
    FILE *f = tmpfile();
    fwrite(header, 1, hl, f);
    fwrite(buf, 1, n, f);
    fwrite(buf, 1, n - 3, f); /* a cut second record */
    rewind(f);
    dedup_params q = {0};
    const char *why = NULL;
    cr_assert_eq(dedup_read_header(f, &q, &why), 0);
    cr_assert_eq(q.num_perm, 4);
    cr_assert_eq(q.shard, 1);
    cr_assert_eq(q.shards, 3);
    uint16_t sig2[4];
    uint32_t keys2[2];
    dedup_record back = {.sig = sig2, .band_keys = keys2};
    cr_assert_eq(dedup_record_read(f, &q, &back), 1);
    cr_assert_eq(back.seq, 42);
    cr_assert_eq(back.fingerprint, r.fingerprint);
    cr_assert_eq(sig2[3], 65535);
    cr_assert_eq(keys2[1], 0xDEADBEEF);
    cr_assert_str_eq(back.id, "doc-42");
    cr_assert_eq(dedup_record_read(f, &q, &back), -1);
    fclose(f);
    free(buf);
    dedup_params other = {8, 2, 5, 3, 0, 0};
    f = tmpfile();
    fwrite(header, 1, hl, f);
    rewind(f);
    cr_assert_eq(dedup_read_header(f, &other, &why), -1);
    cr_assert_not_null(strstr(why, "other num_perm"));
    fclose(f);
}

typedef struct sort_rec {
    uint32_t key, tag;
} sort_rec;

static int by_sort_key(const void *a, const void *b)
{
    const sort_rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->tag < y->tag ? -1 : x->tag > y->tag;
}

enum sort_input { RANDOM_KEYS, DESCENDING, ONE_KEY };

/* Sorts n records (pseudo-random keys, descending or all one key) with
 * the given memory; checks they come back in order, each once. Returns
 * the runs spilled; *passes the extra merge passes. */
static size_t sort_input_and_check(size_t n, size_t memory,
                                   enum sort_input input, size_t *passes)
{
    dedup_sort *s =
        dedup_sort_new(sizeof(sort_rec), by_sort_key, memory,
                       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert_not_null(s);
    uint32_t x = 2463534242u;
    uint64_t tags = 0;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sort_rec r = {x % 1000, (uint32_t)i}; /* many equal keys */
        if (input == DESCENDING)
            r = (sort_rec){(uint32_t)(n - i), (uint32_t)(n - i)};
        else if (input == ONE_KEY)
            r.key = 7;
        tags += r.tag;
        cr_assert_eq(dedup_sort_add(s, &r), 0);
    }
    cr_assert_eq(dedup_sort_finish(s), 0);
    sort_rec prev = {0, 0}, r;
    size_t got = 0;
    uint64_t seen = 0;
    int rc;
    while ((rc = dedup_sort_next(s, &r)) == 1) {
        if (got > 0)
            cr_assert_lt(by_sort_key(&prev, &r), 0, "out of order at %zu", got);
        prev = r;
        seen += r.tag;
        got++;
    }
    cr_assert_eq(rc, 0);
    cr_assert_eq(got, n);
    cr_assert_eq(seen, tags, "every record once");
    size_t runs = dedup_sort_runs(s);
    *passes = dedup_sort_passes(s);
    dedup_sort_free(s);
    return runs;
}

static size_t sort_and_check(size_t n, size_t memory, size_t *passes)
{
    return sort_input_and_check(n, memory, RANDOM_KEYS, passes);
}

Test(dedup_sort, sorts_in_memory_and_over_spilled_runs_alike)
{
    size_t passes;
    cr_assert_eq(sort_and_check(1000, 1 << 20, &passes), 0,
                 "a small input is sorted in memory");
    cr_assert_eq(passes, 0);
    /* 100,000 records of 8 bytes in 16K: about 50 runs, merged 4 at a
     * time, so it takes extra passes */
    size_t runs = sort_and_check(100000, 16 * 1024, &passes);
    cr_assert_gt(runs, 40);
    cr_assert_geq(passes, 2);
    cr_assert_eq(sort_and_check(0, 16 * 1024, &passes), 0, "nothing to sort");
    /* sorted backwards and all one key: the in-place sort's hard cases */
    sort_input_and_check(200000, 4 << 20, DESCENDING, &passes);
    sort_input_and_check(200000, 4 << 20, ONE_KEY, &passes);
}
