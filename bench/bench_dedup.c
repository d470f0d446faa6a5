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
#include "synthetic_signatures.h"

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
        synthetic_signature(k, sig, keys, &fp);
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
