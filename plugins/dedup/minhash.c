/* plugins/dedup/minhash.c - MinHash signatures, bands and similarity (see
 * minhash.h).
 */
#include "minhash.h"

#include <string.h>

#include <xxhash.h>

/* splitmix64: the hash functions' coefficients from one seed. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int minhash_init(minhash *m, size_t bands, size_t rows)
{
    if (bands == 0 || rows == 0 || bands * rows > MINHASH_MAX_PERM)
        return -1;
    m->bands = bands;
    m->rows = rows;
    m->num_perm = bands * rows;
    uint64_t state = 0x51CE5EEDull;
    for (size_t i = 0; i < m->num_perm; i++) {
        m->a[i] = next_random(&state) | 1; /* odd: a permutation mod 2^64 */
        m->b[i] = next_random(&state);
    }
    return 0;
}

/* One permutation hashing: each shingle hash is looked at once. Its top
 * 32 bits choose one of num_perm bins and its low 32 bits compete for the
 * bin's least value, so the cost is one step per shingle instead of
 * num_perm. Bins no shingle reached borrow the value of a bin chosen by a
 * fixed sequence of hashes of their index (optimal densification), so
 * two documents with the same shingles fill them the same way. */
void minhash_signature(const minhash *m, const uint64_t *hashes, size_t n,
                       uint32_t *mins)
{
    size_t p = m->num_perm;
    for (size_t i = 0; i < p; i++)
        mins[i] = UINT32_MAX;
    if (n == 0)
        return;
    uint8_t filled[MINHASH_MAX_PERM] = {0};
    for (size_t k = 0; k < n; k++) {
        uint64_t h = hashes[k];
        size_t bin = (size_t)(((h >> 32) * (uint64_t)p) >> 32);
        uint32_t v = (uint32_t)h;
        if (!filled[bin] || v < mins[bin]) {
            mins[bin] = v;
            filled[bin] = 1;
        }
    }
    uint32_t donor_value[MINHASH_MAX_PERM];
    for (size_t i = 0; i < p; i++)
        donor_value[i] = mins[i];
    for (size_t i = 0; i < p; i++) {
        if (filled[i])
            continue;
        uint64_t state = m->b[i];
        size_t donor;
        do {
            uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 31)) * 0xBF58476D1CE4E5B9ull;
            donor = (size_t)(((z >> 32) * (uint64_t)p) >> 32);
        } while (!filled[donor]);
        /* the donor's value, changed by the bin it goes to */
        mins[i] =
            (uint32_t)((donor_value[donor] ^ (uint32_t)m->a[i]) * 0x9E3779B1u);
    }
}

void minhash_compact(const minhash *m, const uint32_t *mins, uint16_t *out)
{
    for (size_t i = 0; i < m->num_perm; i++)
        out[i] = (uint16_t)((mins[i] * 0x9E3779B1u) >> 16);
}

void minhash_band_keys(const minhash *m, const uint32_t *mins, uint32_t *keys)
{
    for (size_t b = 0; b < m->bands; b++)
        keys[b] = (uint32_t)XXH3_64bits_withSeed(mins + b * m->rows,
                                                 m->rows * sizeof *mins, b);
}

double minhash_similarity(const uint16_t *a, const uint16_t *b, size_t n)
{
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        same += a[i] == b[i];
    return n ? (double)same / (double)n : 0.0;
}
