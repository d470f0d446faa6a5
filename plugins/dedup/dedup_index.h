/* plugins/dedup/dedup_index.h - the corpus index of deduplication: every
 * document seen, in input order, with its fingerprint, its compact MinHash
 * signature and its band keys, and the cluster it belongs to.
 *
 * A document is an exact duplicate when an earlier one has its
 * fingerprint, and a near duplicate when, in one of its bands, the first
 * earlier document with the same band key has an estimated similarity of
 * at least the threshold (the earliest such document wins). Either way it
 * joins that document's cluster, whose first document is the one kept.
 * Every document is indexed, dropped ones too, so clusters form
 * transitively. The verdict depends only on earlier documents, which
 * makes one run and the join of shards' signatures agree.
 *
 * Memory: per document the compact signature (2 bytes per permutation),
 * an entry in each band's table and in the fingerprint table (8 and 12
 * bytes, at most 70% full), its cluster (4), a count (4), its id's offset
 * (8) and the id itself; dedup_index_bytes says what is held.
 */
#ifndef SLUICE_DEDUP_INDEX_H
#define SLUICE_DEDUP_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct dedup_index dedup_index;

typedef enum dedup_kind {
    DEDUP_UNIQUE = 0,
    DEDUP_EXACT,
    DEDUP_NEAR
} dedup_kind;

typedef struct dedup_verdict {
    dedup_kind kind;
    uint32_t kept;     /* the cluster's first document (itself if unique) */
    double similarity; /* DEDUP_NEAR: the estimate; 1 for exact */
    uint32_t removed;  /* documents the cluster has removed so far */
} dedup_verdict;

/* NULL when out of memory. */
dedup_index *dedup_index_new(size_t num_perm, size_t bands, double threshold);
void dedup_index_free(dedup_index *ix);

/* Adds the next document. sig (num_perm values) and band_keys (one per
 * band) may be NULL for a document too short to compare: it is then only
 * checked for an exact copy. Returns 0, or -1 when out of memory. */
int dedup_index_add(dedup_index *ix, const char *id, uint64_t fingerprint,
                    const uint16_t *sig, const uint32_t *band_keys,
                    dedup_verdict *verdict);

size_t dedup_index_count(const dedup_index *ix);
const char *dedup_index_id(const dedup_index *ix, uint32_t doc);

/* Bytes the index holds. */
size_t dedup_index_bytes(const dedup_index *ix);

/* The clusters that removed the most documents, most first: up to max
 * kept documents and how many each removed. Returns how many. */
size_t dedup_index_largest(const dedup_index *ix, uint32_t *kept,
                           uint32_t *removed, size_t max);

#endif
