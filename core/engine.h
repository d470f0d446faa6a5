/* core/engine.h - runs a loaded pipeline over the inputs: reads documents,
 * passes each through the stages, isolates failures (quarantine, skip or
 * abort), and keeps the run's statistics.
 */
#ifndef SLUICE_CORE_ENGINE_H
#define SLUICE_CORE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "pipeline.h"

typedef struct sl_run_options {
    sl_run_info info;            /* shard, output, force, resume, jobs */
    const char *quarantine_path; /* JSONL of failed records, or NULL */
    const char *stats_path;      /* JSON statistics at the end, or NULL */
    bool progress;               /* a progress line on standard error */
    sl_log_fn log;               /* where messages go */
    void *log_user;
} sl_run_options;

typedef struct sl_run_result {
    uint64_t docs_in, docs_kept, docs_dropped, docs_failed;
    uint64_t bytes_in;
    double wall_seconds;
} sl_run_result;

/* Runs the pipeline over inputs (n == 0: standard input). Returns 0 when
 * the run completed (documents may have failed: see result), -1 when it
 * could not start or had to stop (message says why, malloc'd). */
int sl_engine_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                  const sl_run_options *options, sl_run_result *result,
                  char **message);

#endif
