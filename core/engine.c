/* core/engine.c - one run of the engine in this process, from start to
 * end (see engine.h): the order in which it starts (stages, checkpoints,
 * the reader, --resume, the quarantine and rejects files, the ring), runs
 * the threads under the crash report, and ends (flush, or a resumable
 * state after a signal; the files put in place, the statistics, the
 * result). engine_state.h describes how documents flow through a run.
 */
#include "engine.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crash_report.h"
#include "engine_checkpoint.h"
#include "engine_clock.h"
#include "engine_isolate.h"
#include "engine_outputs.h"
#include "engine_resumable.h"
#include "engine_retire.h"
#include "engine_ring.h"
#include "engine_signals.h"
#include "engine_stages.h"
#include "engine_state.h"
#include "engine_summary.h"
#include "engine_read.h"
#include "engine_threads.h"
#include "input_wait.h"
#include "messages.h"
#include "output_path.h"

static int open_quarantine(engine *e)
{
    const char *path = e->o->quarantine_path;
    if (!path)
        return 0;
    uint64_t keep = UINT64_MAX;
    const json_t *ckpt = sl_outputs_checkpoint();
    if (ckpt)
        keep = sl_checkpoint_quarantine_size(ckpt);
    if (ckpt && keep == UINT64_MAX)
        keep = 0; /* the interrupted run had no quarantine file */
    char *message = NULL;
    e->quarantine = sl_quarantine_open(path, keep, &message);
    if (!e->quarantine) {
        sl_engine_set_fatal(e, message);
        return -1;
    }
    return 0;
}

static int open_rejects(engine *e)
{
    if (!e->rejects_path)
        return 0;
    uint64_t keep = UINT64_MAX;
    const json_t *ckpt = sl_outputs_checkpoint();
    if (ckpt)
        keep = sl_checkpoint_rejects_size(ckpt);
    if (ckpt && keep == UINT64_MAX)
        keep = 0; /* the interrupted run had no rejects file */
    char *message = NULL;
    e->rejects =
        sl_quarantine_open_as(e->rejects_path, "rejects file", keep, &message);
    if (!e->rejects) {
        sl_engine_set_fatal(e, message);
        return -1;
    }
    return 0;
}

/* Puts the quarantine file in place (also after a failed or interrupted
 * run: it holds what failed, and --resume takes it back), or removes it
 * and fails the run when one of its writes failed. */
static void commit_quarantine(engine *e)
{
    char *message = NULL;
    if (e->quarantine && sl_quarantine_commit(e->quarantine, &message) != 0)
        sl_engine_set_fatal(e, message);
    e->quarantine = NULL;
    message = NULL;
    if (e->rejects && sl_quarantine_commit(e->rejects, &message) != 0)
        sl_engine_set_fatal(e, message);
    e->rejects = NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool any_output_compressed(void)
{
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        const char *path = sl_output_path(sl_outputs_get(i));
        if (ends_with(path, ".gz") || ends_with(path, ".zst"))
            return true;
    }
    return false;
}

/* After the documents: flush and finish, or leave a resumable state. */
static void finish_run(engine *e)
{
    if (e->iso && e->iso->child && getppid() != (pid_t)e->iso->supervisor)
        _exit(1); /* orphaned: leave everything as kill -9 would, for
                     --resume, rather than commit behind its back */
    if (!e->fatal && !e->interrupted) {
        if (sl_engine_flush_stages(e) == 0 && e->checkpoint_path)
            unlink(e->checkpoint_path);
        return;
    }
    if (e->fatal && e->checkpoint_path) {
        /* the outputs' temporary files go away with the failed run */
        unlink(e->checkpoint_path);
        return;
    }
    if (e->interrupted && e->checkpoint_path) {
        /* A compressed output's bytes depend on where frames end: keep
         * the last regular checkpoint so the resumed file is identical to
         * an uninterrupted one (the records after it are done again). */
        if (!any_output_compressed())
            sl_engine_write_checkpoint(e, e->skip + e->n_done);
        if (!e->fatal) {
            sl_outputs_set_keep_temps(true);
            char *m = sl_text_printf("interrupted by signal %d after %llu "
                                     "records; run again with --resume to "
                                     "continue",
                                     e->interrupted,
                                     (unsigned long long)e->skip + e->n_done);
            sl_engine_report(e, SL_LOG_WARN, m ? m : "interrupted");
            free(m);
        }
    }
}

/* Runs the threads; without --isolate, a crash in a stage first says
 * which stage and document, and how to go on (sluice run sets
 * handle_signals; a program embedding the engine keeps its own
 * handlers). */
static void run_with_crash_report(engine *e)
{
    const char **names = NULL;
    if (e->o->handle_signals && !e->iso)
        names = calloc(e->p->n_stages, sizeof *names);
    if (!names) {
        sl_engine_run_threads(e);
        return;
    }
    for (size_t i = 0; i < e->p->n_stages; i++)
        names[i] = e->p->stages[i].name;
    char *advice =
        e->checkpoint_path
            ? sl_text_printf("sluice: the documents finished before the last "
                             "checkpoint are kept (%s and the outputs' "
                             "temporary files); run again with --resume "
                             "--isolate to go on from there with the crashing "
                             "document quarantined\n",
                             e->checkpoint_path)
            : strdup("sluice: the documents finished before it were written; "
                     "run with --isolate (and -o FILE) to quarantine a "
                     "document that crashes a stage and go on\n");
    sl_crash_report_install(names, e->p->n_stages, advice);
    free(advice);
    sl_engine_run_threads(e);
    sl_crash_report_remove();
    free(names);
}

/* The run's lock spins a little before it sleeps: it is held for a few
 * dozen instructions at a time, so a thread that finds it taken mostly
 * gets it sooner than a sleep and a wake-up would take (glibc's adaptive
 * mutex; elsewhere a plain one). */
static void init_lock(pthread_mutex_t *lock)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
#ifdef PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ADAPTIVE_NP);
#endif
    pthread_mutex_init(lock, &attr);
    pthread_mutexattr_destroy(&attr);
}

int sl_engine_run_once(sl_pipeline *pipeline, const char *const *inputs,
                       size_t n, const sl_run_options *options,
                       const sl_isolate_info *isolate, sl_run_result *result,
                       char **message)
{
    engine e = {0};
    e.p = pipeline;
    e.o = options;
    e.iso = isolate;
    e.start = sl_monotonic_seconds();
    e.retire_share = 1.0; /* for what flush emits, after the threads */
    e.started = time(NULL);
    e.inputs = inputs;
    e.n_inputs = n;
    if (options->stats_path || options->report_path)
        e.census = sl_census_new();
    init_lock(&e.lock);
    pthread_cond_init(&e.cv_idle, NULL);
    sl_outputs_begin_run(options->info.resume, options->checkpoint_path);
    if (options->rejects_path &&
        !(e.rejects_path =
              sl_output_expand_shard(options->rejects_path, options->info.shard,
                                     options->info.shards)))
        sl_engine_set_fatal(&e, NULL);
    if (options->handle_signals) {
        sl_signals_install();
        sl_input_set_stop_fd(sl_signals_wake_fd());
    }
    if (!e.fatal && sl_engine_init_stages(&e) == 0 &&
        sl_engine_plan_checkpoints(&e) == 0 &&
        sl_engine_open_reader(&e, inputs, n) == 0 &&
        sl_engine_resume_from_checkpoint(&e) == 0 && open_quarantine(&e) == 0 &&
        open_rejects(&e) == 0) {
        if (sl_engine_make_ring(&e) < 0)
            sl_engine_set_fatal(&e, NULL);
        else {
            if (e.checkpoint_path) /* resumable from the first record on */
                sl_engine_write_checkpoint(&e, e.skip);
            sl_progress_begin(&e.progress, sl_monotonic_seconds(),
                              e.result.docs_in, e.result.bytes_in,
                              e.range_start, e.range_end, e.skip > 0);
            if (!e.fatal)
                run_with_crash_report(&e);
        }
        finish_run(&e);
    }
    sl_engine_show_progress(&e, true);
    commit_quarantine(&e);
    e.result.interrupted = e.fatal ? 0 : e.interrupted;
    e.input_stats = sl_reader_stats_json(e.reader);
    sl_reader_close(e.reader);
    e.result.wall_seconds = sl_monotonic_seconds() - e.start;
    for (size_t i = 0; i < sl_outputs_count(); i++)
        e.result.bytes_out += sl_output_bytes(sl_outputs_get(i));
    e.result.bytes_out += sl_outputs_closed_bytes();
    if (isolate)
        e.result.crashes = (unsigned)isolate->n_crashes;
    if (e.ctx)
        sl_engine_write_stats(&e);
    sl_engine_free_ring(&e);
    json_decref(e.input_stats);
    for (size_t i = 0; e.ctx && i < pipeline->n_stages; i++)
        sl_ctx_free(e.ctx[i]);
    free(e.ctx);
    free(e.stats);
    sl_census_free(e.census);
    free(e.checkpoint_path);
    free(e.rejects_path);
    if (options->handle_signals) {
        sl_input_set_stop_fd(-1);
        sl_signals_restore();
    }
    pthread_mutex_destroy(&e.lock);
    pthread_cond_destroy(&e.cv_idle);
    *result = e.result;
    *message = e.fatal;
    return e.fatal ? -1 : 0;
}
