/* plugins/dedup/dedup_decisions.h - the decisions of `sluice-dedup join`:
 * one JSON line per document to drop,
 *
 *   {"shard": 0, "seq": 12, "id": "doc-12", "reason": "duplicate.near",
 *    "detail": {"kept": "doc-3", "similarity": 0.91, "cluster_removed": 2}}
 *
 * and, for the dedup stage in mode apply, those of one shard looked up by
 * the document's position in the shard.
 */
#ifndef SLUICE_DEDUP_DECISIONS_H
#define SLUICE_DEDUP_DECISIONS_H

#include <jansson.h>
#include <stdint.h>

typedef struct dedup_decision {
    uint64_t seq;
    char *id, *reason;
    json_t *detail;
} dedup_decision;

typedef struct dedup_decisions dedup_decisions;

/* Loads the decisions for shard from path. NULL with *why (malloc'd)
 * naming the file and line when it cannot be read. */
dedup_decisions *dedup_decisions_load(const char *path, unsigned shard,
                                      char **why);

/* The decision for the document at seq, or NULL: keep it. */
const dedup_decision *dedup_decisions_find(const dedup_decisions *d,
                                           uint64_t seq);

void dedup_decisions_free(dedup_decisions *d);

#endif
