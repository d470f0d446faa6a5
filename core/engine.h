/* core/engine.h - runs a loaded pipeline over the inputs: a reader thread,
 * worker threads for the unordered stages, and the calling thread for the
 * ordered stages (in input order); failures go to the quarantine (or stop
 * the run), progress and statistics are reported, checkpoints make the run
 * resumable, --shard cuts the input, and --isolate runs the whole thing in
 * a supervised child process so a crashing stage costs one document.
 * doc/batch.md describes the behaviour users see.
 */
#ifndef SLUICE_CORE_ENGINE_H
#define SLUICE_CORE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "pipeline.h"

/* Receives the progress line (no line end); final is true for the last
 * call of a run, after which the line should be ended. */
typedef void (*sl_progress_fn)(const char *line, bool final, void *user);

/* What became of one document, reported in output order (for `sluice
 * test-stage`): kept (it went through every stage), dropped or failed by
 * `stage` (NULL for the reader) for `reason`, with a drop's detail. */
typedef enum sl_doc_fate {
    SL_FATE_KEPT,
    SL_FATE_DROPPED,
    SL_FATE_FAILED
} sl_doc_fate;
typedef void (*sl_fate_fn)(sl_doc_fate fate, const char *id, const char *stage,
                           const char *reason, const json_t *detail,
                           void *user);

typedef struct sl_run_options {
    sl_run_info info;            /* shard, output, force, resume, jobs */
    const char *quarantine_path; /* JSONL of failed records, or NULL */
    const char *rejects_path;    /* JSONL of dropped documents, or NULL;
                                    {shard} is replaced */
    const char *stats_path;      /* JSON statistics at the end, or NULL */
    const char *report_path;     /* an HTML report at the end, or NULL */
    bool progress;               /* report a progress line */
    sl_log_fn log;               /* where messages go */
    void *log_user;
    sl_progress_fn progress_fn; /* where the progress line goes */
    void *progress_user;
    const char *checkpoint_path; /* NULL: next to the first output file */
    const char *pipeline_path;   /* the pipeline file the run read, or NULL */
    uint64_t checkpoint_every;   /* records between checkpoints; 0: default */
    double checkpoint_seconds;   /* also after this long; 0: never */
    bool isolate;                /* run in a supervised child process */
    double doc_timeout;          /* --isolate: seconds one stage may spend
                                    on one document; 0: no limit */
    uint64_t worker_memory;      /* --isolate: bytes the child may use
                                    (resident); 0: no limit */
    bool handle_signals;         /* SIGINT/SIGTERM stop the run cleanly */
    bool check_docs;             /* sl_doc_check after every stage: a
                                    document a stage broke fails there */
    sl_fate_fn fate;             /* told each document's fate, or NULL */
    void *fate_user;
} sl_run_options;

typedef struct sl_run_result {
    uint64_t docs_in, docs_kept, docs_dropped, docs_failed;
    uint64_t docs_quarantined; /* failed ones written to --quarantine */
    uint64_t docs_emitted;     /* documents stages emitted (sl_emit) */
    uint64_t bytes_in, bytes_out;
    uint64_t resumed_at; /* records skipped because a checkpoint had them */
    int interrupted;     /* the signal that stopped the run, or 0 */
    unsigned crashes;    /* --isolate: documents that crashed a stage */
    double wall_seconds;
} sl_run_result;

/* Runs the pipeline over inputs (n == 0: standard input). Returns 0 when
 * the run completed or was interrupted by a signal (result->interrupted;
 * a checkpoint was written when the outputs allow it), documents may have
 * failed (see result); -1 when it could not start or had to stop (message
 * says why, malloc'd). */
int sl_engine_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                  const sl_run_options *options, sl_run_result *result,
                  char **message);

#endif
