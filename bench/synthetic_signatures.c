/* bench/synthetic_signatures.c - the synthetic documents of the dedup
 * benchmarks (see synthetic_signatures.h).
 */
#include "synthetic_signatures.h"

static uint64_t rng_state = 88172645463325252ull;
static uint64_t next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

void synthetic_signature(uint64_t k, uint16_t *sig, uint32_t *keys,
                         uint64_t *fp)
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
