/* bench/synthetic_signatures.h - synthetic MinHash signatures for the
 * dedup benchmarks (bench_dedup, gensig): document k's signature is
 * random, or, for one document in ten, that of one of the 100 before it
 * (an exact copy), or, for another one in ten, that of one of them with
 * two bands changed (a near copy). Deterministic: the same k gives the
 * same signature in one sequence of calls from k = 0 up.
 */
#ifndef SLUICE_BENCH_SYNTHETIC_SIGNATURES_H
#define SLUICE_BENCH_SYNTHETIC_SIGNATURES_H

#include <stdint.h>

enum { PERM = 112, BANDS = 14, ROWS = PERM / BANDS };

/* Fills sig (PERM values), keys (BANDS band keys) and fp (the exact-copy
 * fingerprint) for document k. */
void synthetic_signature(uint64_t k, uint16_t *sig, uint32_t *keys,
                         uint64_t *fp);

#endif
