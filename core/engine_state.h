/* core/engine_state.h - the state one run of the engine shares between
 * its files: the ring of slots records go through, the engine's own
 * record of the run, and the few helpers every part uses.
 *
 * A run's document flow: the reading turn (engine_read.c) reads records
 * into a ring of `window` slots (bounded by count and by bytes): a JSONL
 * record as its line, unparsed; the threads (engine_threads.c) take them
 * in record order, parse and check JSONL lines, and run the unordered
 * stages (every stage before the first ordered one), then the `prepare`
 * step of the ordered stages that have one (engine_work.c); the retiring
 * turn (engine_retire.c; the calling thread's, or any thread's when every
 * ordered stage allows it, SL_STAGE_ANY_THREAD), takes finished records
 * strictly in record order, runs the remaining stages (engine_ordered.c;
 * exporters: with what prepare made, only the write is left), writes the
 * quarantine (engine_fates.c), keeps the statistics, writes checkpoints
 * (engine_resumable.c) and reports progress. A waiting thread is woken
 * for a batch of records, not for each, and a thread claims, finishes and
 * retires a few records per take of the ring's lock. Each slot carries
 * its own stage contexts (engine_ring.c), so counters are merged in
 * record order and a checkpoint's statistics are exact. Output does not
 * depend on -j.
 */
#ifndef SLUICE_CORE_ENGINE_STATE_H
#define SLUICE_CORE_ENGINE_STATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "crash_notes.h"
#include "ctx.h"
#include "engine.h"
#include "engine_docs.h"
#include "engine_quarantine.h"
#include "engine_stats.h"
#include "progress_line.h"
#include "reader.h"
#include "run_census.h"

/* A slot goes EMPTY -> READY (read) -> DONE (the stages that need no order
 * ran) -> RETIRED (taken in order) -> EMPTY: the thread that ran the
 * stages frees what the record holds, so that memory goes back to the
 * allocator of the thread that took most of it (freeing another thread's
 * blocks makes both wait on its malloc arena). */
typedef enum slot_state {
    SLOT_EMPTY = 0,
    SLOT_READY,
    SLOT_DONE,
    SLOT_RETIRED
} slot_state;

/* One record on its way through the run. */
typedef struct slot {
    slot_state state;
    bool bad;               /* the reader refused it: err says why */
    const sl_crash *crash;  /* it crashed a stage in an earlier child */
    sl_deferred_line *line; /* a JSONL line to parse (line_store), or NULL */
    sl_deferred_line *line_store; /* the slot's, kept for the next record */
    sl_doc_runs runs; /* the record's document, then those emitted from
                         it, each as the unordered stages left it */
    sl_read_error err;
    uint64_t bytes;
    uint64_t position;     /* the reader's input position after reading it */
    sl_ctx **ctx;          /* one per stage the workers run (unordered
                              stages and prepare steps), merged then
                              cleared */
    sl_stage_stats *stats; /* one per stage the workers run */
    uint64_t next_owned;   /* the next record its owner claimed (runner) */
} slot;

typedef struct engine {
    sl_pipeline *p;
    const sl_run_options *o;
    const sl_isolate_info *iso;
    size_t n_unordered;     /* stages [0, n_unordered) run on the workers */
    size_t n_prepared;      /* and the prepare step of the ordered stages
                               [n_unordered, n_prepared) */
    bool retire_any_thread; /* every ordered stage sets SL_STAGE_ANY_THREAD:
                               any thread may take the retiring turn */

    sl_ctx **ctx;          /* one per stage: init, flush, ordered stages,
                              and the merged counters */
    sl_stage_stats *stats; /* one per stage, merged in record order */

    slot *ring;
    size_t window;
    unsigned jobs;       /* threads of the run */
    uint64_t want_ready; /* records read ahead for the threads to take */
    pthread_mutex_t lock;
    pthread_cond_t cv_idle; /* a thread with nothing to do waits here */
    unsigned idle;          /* threads waiting on cv_idle */
    bool reading;           /* a thread holds the reading turn */
    bool retiring;          /* a thread holds the retiring turn */
    bool input_may_wait;    /* an input is standard input, a pipe or a FIFO */
    unsigned helpers;       /* threads in the run's loop beside the caller */
    uint64_t n_read;        /* records placed in the ring */
    uint64_t n_claimed;     /* records taken by a thread to run the stages */
    uint64_t n_done;        /* records retired in order */
    uint64_t bytes_in_flight;
    uint64_t position_done; /* input position of the last retired record */
    bool reader_done, stop;
    char *reader_fatal;
    int interrupted;
    uint64_t skipped; /* records read and passed over for the checkpoint */

    sl_reader *reader;
    json_t *input_stats; /* what the reader counted, taken at its close */
    uint64_t skip;       /* records the checkpoint already has */
    uint64_t input_bytes;
    uint64_t range_start, range_end; /* the input positions this run reads */
    sl_progress_meter progress;
    sl_quarantine *quarantine;
    sl_quarantine *rejects; /* --rejects: dropped documents */
    char *rejects_path;     /* its path, {shard} replaced */
    sl_run_result result;
    uint64_t reader_failures;
    double reader_seconds;  /* CPU time spent reading records */
    double ordered_seconds; /* CPU time spent retiring records in order */
    double retire_share;    /* the retiring thread's CPU share (sl_cpu_share) */
    char *fatal;

    const json_t *earlier_stages; /* stats saved in the checkpoint */
    sl_census *census;            /* for --stats and --report, or NULL */
    const char *const *inputs;    /* the run's inputs, for the stats */
    size_t n_inputs;
    time_t started;
    char *checkpoint_path; /* NULL: no checkpoints */
    uint64_t checkpoint_every;
    double last_checkpoint;

    double start, last_progress;
} engine;

/* The slot of record rec. */
static inline slot *slot_of(const engine *e, uint64_t rec)
{
    return &e->ring[rec % e->window];
}

/* Tells the run's log. */
void sl_engine_report(const engine *e, sl_log_level level, const char *message);

/* Makes message (malloc'd; NULL: out of memory) the run's error, unless
 * it has one already. */
void sl_engine_set_fatal(engine *e, char *message);

/* A new context for stage `stage`, logging where the run logs; NULL when
 * out of memory. */
sl_ctx *sl_engine_new_ctx(const engine *e, size_t stage);

/* Wakes the threads waiting for something to do, if any: the state they
 * wait on changed. Under the lock. */
void sl_engine_wake_idle(engine *e);

#endif
