/* plugins/dedup/dedup_join.h - what the two ways of joining signature
 * files share: the shard files given, the drops found and the summary.
 *
 * Both decide exactly what one run of the dedup stage over the shards
 * in order decides (dedup_index.h): dedup_join_in_memory runs the files
 * through the index itself; dedup_join_sorted (dedup_join_sorted.c) sorts
 * the band keys and fingerprints in bounded memory and merges them.
 */
#ifndef SLUICE_DEDUP_JOIN_H
#define SLUICE_DEDUP_JOIN_H

#include <stdint.h>
#include <stdio.h>

#include "dedup_index.h"
#include "dedup_record.h"

/* How many of the largest clusters the summary names. */
#define DEDUP_JOIN_TOP 10

/* One signature file, open, its header read; given in shard order. */
typedef struct dedup_shard_file {
    const char *path;
    FILE *f;
    dedup_params params;
} dedup_shard_file;

/* A document to drop, in input order. */
typedef struct dedup_drop {
    unsigned shard;
    uint64_t seq;
    const char *id;
    dedup_kind kind;
    const char *kept;  /* the id of its cluster's kept document */
    double similarity; /* DEDUP_NEAR */
    uint32_t removed;  /* what the cluster has removed so far, this one in */
} dedup_drop;

typedef int (*dedup_drop_fn)(const dedup_drop *drop, void *user);

typedef struct dedup_join_summary {
    uint64_t documents, exact, near;
    size_t n_largest; /* clusters that removed the most, most first */
    char *largest_kept[DEDUP_JOIN_TOP];
    uint32_t largest_removed[DEDUP_JOIN_TOP];
    size_t held_bytes;   /* in memory: the index; sorted: per document */
    size_t runs, passes; /* sorted: runs spilled, extra merge passes */
} dedup_join_summary;

/* Every record of the files, in order, through one dedup_index; each drop
 * to emit. Returns 0, or -1 after printing why. */
int dedup_join_in_memory(dedup_shard_file *files, int n, const dedup_params *p,
                         double threshold, dedup_drop_fn emit, void *user,
                         dedup_join_summary *summary);

/* The same decisions, holding at most about `memory` bytes for sorting
 * plus 4 bytes and 1 bit per document; temporary files go to temp_dir.
 * Returns 0, or -1 after printing why. */
int dedup_join_sorted(dedup_shard_file *files, int n, const dedup_params *p,
                      double threshold, size_t memory, const char *temp_dir,
                      dedup_drop_fn emit, void *user,
                      dedup_join_summary *summary);

void dedup_join_summary_free(dedup_join_summary *summary);

#endif
