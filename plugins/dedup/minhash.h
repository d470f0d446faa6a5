/* plugins/dedup/minhash.h - MinHash signatures and their bands. A
 * signature has num_perm values; two documents agree on one value with
 * probability equal to the Jaccard similarity of their shingle sets. It
 * is computed by one permutation hashing with optimal densification (Li,
 * Owen and Zhang 2012; Shrivastava 2017): each shingle hash goes to one of
 * num_perm bins, the least value per bin is kept, and empty bins borrow
 * from others in a fixed order, so the cost is one step per shingle. The values
 * are cut into bands of `rows`; documents that agree on a whole band are
 * candidates (locality-sensitive hashing). What the index keeps of a signature
 * is 16 bits per value, enough to estimate the similarity of a candidate pair.
 */
#ifndef SLUICE_DEDUP_MINHASH_H
#define SLUICE_DEDUP_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_MAX_PERM 1024

typedef struct minhash {
    size_t num_perm, bands, rows; /* num_perm = bands * rows */
    uint64_t a[MINHASH_MAX_PERM], b[MINHASH_MAX_PERM];
} minhash;

/* Sets up bands x rows hash functions from a fixed seed, so signatures
 * from different runs and shards compare. Returns 0, or -1 when the sizes
 * are out of range. */
int minhash_init(minhash *m, size_t bands, size_t rows);

/* The signature of n shingle hashes into mins (num_perm values); with no
 * shingles every value is UINT32_MAX. */
void minhash_signature(const minhash *m, const uint64_t *hashes, size_t n,
                       uint32_t *mins);

/* The 16-bit form of a signature that the index keeps. */
void minhash_compact(const minhash *m, const uint32_t *mins, uint16_t *out);

/* One 32-bit key per band. */
void minhash_band_keys(const minhash *m, const uint32_t *mins, uint32_t *keys);

/* The estimated Jaccard similarity of two compact signatures: the share
 * of equal values. */
double minhash_similarity(const uint16_t *a, const uint16_t *b, size_t n);

#endif
