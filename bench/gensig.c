/* bench/gensig.c - synthetic signature files for benchmarking
 * `sluice-dedup join`: N documents split over SHARDS files DIR/sig-K.bin,
 * as the dedup stage writes them in mode signatures (112 permutations,
 * 14 bands), from synthetic_signatures.h.
 *
 *   bench/gensig N SHARDS DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/dedup/dedup_record.h"
#include "synthetic_signatures.h"

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
            synthetic_signature(k, sig, keys, &r.fingerprint);
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
