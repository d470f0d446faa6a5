/* bench/gensig.c - synthetic signature files for benchmarking
 * `sluice-dedup join`: N documents split over SHARDS files DIR/sig-K.bin,
 * as the dedup stage writes them in mode signatures (112 permutations,
 * 14 bands). As in bench_dedup, signatures are random, and one document
 * in ten is an exact copy and one in ten a near copy (two bands changed)
 * of one of the 100 before it.
 *
 *   bench/gensig N SHARDS DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/dedup/dedup_record.h"

enum { PERM = 112, BANDS = 14, ROWS = PERM / BANDS };

static uint64_t rng_state = 88172645463325252ull;
static uint64_t next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* The signature, band keys and fingerprint of document k. */
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
    if (argc != 4) {
        fprintf(stderr, "usage: gensig N SHARDS DIR\n");
        return 64;
    }
    uint64_t n = strtoull(argv[1], NULL, 10);
    unsigned shards = (unsigned)strtoul(argv[2], NULL, 10);
    if (shards == 0) {
        fprintf(stderr, "gensig: SHARDS must be at least 1\n");
        return 64;
    }
    uint16_t sig[PERM];
    uint32_t keys[BANDS];
    dedup_record r = {.has_sig = true, .sig = sig, .band_keys = keys};
    unsigned char *buf = NULL;
    size_t cap = 0;
    uint64_t k = 0;
    for (unsigned s = 0; s < shards; s++) {
        dedup_params p = {PERM, BANDS, 5, 3, s, shards};
        char path[4096], header[200];
        snprintf(path, sizeof path, "%s/sig-%u.bin", argv[3], s);
        FILE *f = fopen(path, "wb");
        if (!f) {
            perror(path);
            return 1;
        }
        size_t hl = dedup_header(&p, header, sizeof header);
        fwrite(header, 1, hl, f);
        uint64_t end = n * (s + 1) / shards;
        for (uint64_t seq = 0; k < end; k++, seq++) {
            make(k, sig, keys, &r.fingerprint);
            r.seq = seq;
            snprintf(r.id, sizeof r.id, "doc-%llu", (unsigned long long)k);
            size_t len = dedup_record_encode(&p, &r, &buf, &cap);
            if (len == 0 || fwrite(buf, 1, len, f) != len) {
                fprintf(stderr, "gensig: cannot write %s\n", path);
                return 1;
            }
        }
        if (fclose(f) != 0) {
            perror(path);
            return 1;
        }
    }
    free(buf);
    return 0;
}
