/* bench/bench_dedup.c - the deduplication index at scale: N synthetic
 * documents (10 million by default) with random signatures, one in ten
 * an exact copy and one in ten a near copy of an earlier one, go through
 * dedup_index_add. Prints the index's bytes per document (what it holds,
 * ids included) and the time per document.
 *
 *   bench/bench_dedup [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../plugins/dedup/dedup_index.h"

enum { PERM = 112, BANDS = 14, ROWS = PERM / BANDS };

static uint64_t rng_state = 88172645463325252ull;
static uint64_t next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* The signature and band keys of document k: random, or those of an
 * earlier document (an exact copy) or mostly them (a near copy). */
static void make(uint64_t k, uint16_t *sig, uint32_t *keys, uint64_t *fp)
{
    uint64_t kind = k % 10, source = k;
    if (k > 100 && (kind == 3 || kind == 7))
        source = k - 1 - next() % 100;
    uint64_t saved = rng_state;
    rng_state = source * 0x9E3779B97F4A7C15ull + 1;
    for (int i = 0; i < PERM; i++)
        sig[i] = (uint16_t)next();
    *fp = next();
    rng_state = saved;
    if (source != k && kind == 7) { /* near: two bands differ */
        for (int i = 0; i < 2 * ROWS; i++)
            sig[i] = (uint16_t)next();
        *fp = next();
    }
    for (int b = 0; b < BANDS; b++) {
        uint32_t h = 2166136261u;
        for (int r = 0; r < ROWS; r++)
            h = (h ^ sig[b * ROWS + r]) * 16777619u;
        keys[b] = h;
    }
}

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000ull;
    dedup_index *ix = dedup_index_new(PERM, BANDS, 0.8);
    uint16_t sig[PERM];
    uint32_t keys[BANDS];
    uint64_t exact = 0, near = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (uint64_t k = 0; k < n; k++) {
        char id[32];
        snprintf(id, sizeof id, "doc-%llu", (unsigned long long)k);
        uint64_t fp;
        make(k, sig, keys, &fp);
        dedup_verdict v;
        if (dedup_index_add(ix, id, fp, sig, keys, &v) < 0) {
            fprintf(stderr, "bench_dedup: out of memory at %llu\n",
                    (unsigned long long)k);
            return 1;
        }
        exact += v.kind == DEDUP_EXACT;
        near += v.kind == DEDUP_NEAR;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    size_t bytes = dedup_index_bytes(ix);
    printf("dedup index: %llu documents (%llu exact, %llu near copies "
           "found), %.0f bytes per document (ids of 9-11 bytes included), "
           "%.2f us per document (CPU)\n",
           (unsigned long long)n, (unsigned long long)exact,
           (unsigned long long)near, (double)bytes / (double)n,
           secs * 1e6 / (double)n);
    dedup_index_free(ix);
    return 0;
}
