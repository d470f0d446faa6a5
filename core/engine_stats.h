/* core/engine_stats.h - what the engine counts per stage, the --stats JSON
 * file built from it.
 */
#ifndef SLUICE_CORE_ENGINE_STATS_H
#define SLUICE_CORE_ENGINE_STATS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "engine.h"

/* One stage's work, summed over threads; seconds are CPU seconds of
 * the threads that ran it (CLOCK_THREAD_CPUTIME_ID). */
typedef struct sl_stage_stats {
    double seconds;
    uint64_t documents, dropped, failed;
    uint64_t quarantined; /* failed ones written to --quarantine */
    /* bytes of the records (as read) of those documents */
    uint64_t bytes, bytes_dropped, bytes_failed, bytes_quarantined;
} sl_stage_stats;

void sl_stage_stats_add(sl_stage_stats *into, const sl_stage_stats *from);

/* A stage's JSON object: name, seconds, documents, dropped, failed,
 * quarantined, bytes {in, dropped, failed, quarantined} and counters (ctx's
 * counters plus those of `earlier`, the same object saved in a checkpoint, or
 * NULL). NULL when out of memory. */
json_t *sl_stats_stage_json(const char *name, const sl_stage_stats *stats,
                            const sl_ctx *ctx, const json_t *earlier);

/* The run totals as JSON, and back (for checkpoints). */
json_t *sl_stats_result_json(const sl_run_result *r);
void sl_stats_result_restore(const json_t *j, sl_run_result *r);

/* The stats object: documents, bytes, stages (an array of stage objects,
 * borrowed), wall time, jobs and shard; "complete" is true only for a run
 * that neither failed nor was interrupted. NULL when out of memory. */
json_t *sl_stats_json(const sl_run_result *r, uint64_t reader_failures,
                      json_t *stages, const sl_run_info *info, bool complete);

/* Writes a stats object to path, whole or not at all (sl_atomic_write).
 * Returns 0, or -1 with *message (malloc'd). */
int sl_stats_write(const char *path, const json_t *stats, char **message);

#endif
