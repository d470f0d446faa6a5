/* core/stats_merge.h - one stats object from several: the --stats files
 * of the shards of one run (a Slurm array, GNU parallel), or of runs
 * over parts of a corpus. Counts are summed exactly, the census merged,
 * the slowest documents of all kept; the files must come from pipelines
 * with the same stages (their output paths may differ by shard).
 */
#ifndef SLUICE_CORE_STATS_MERGE_H
#define SLUICE_CORE_STATS_MERGE_H

#include <jansson.h>
#include <stddef.h>

/* Merges n stats objects (names[i] names stats[i] in messages). Returns
 * the merged object, or NULL with *message (malloc'd) naming the file
 * that does not fit. */
json_t *sl_stats_merge(const json_t *const *stats, const char *const *names,
                       size_t n, char **message);

#endif
