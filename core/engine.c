/* core/engine.c - the document flow of one run (see engine.h).
 *
 * A reader thread reads records into a ring of `window` slots (bounded by
 * count and by bytes): a JSONL record as its line, unparsed; worker
 * threads take them in record order, parse and check JSONL lines, and run
 * the unordered stages (every stage before the first ordered one), then
 * the `prepare` step of the ordered stages that have one (formatting a
 * record); the calling thread takes finished records strictly in record
 * order, runs the remaining stages (exporters: with what prepare made,
 * only the write is left), writes the quarantine, keeps the statistics,
 * writes checkpoints and reports progress. A waiting reader or ordered
 * thread is woken for a batch of records, not for each, and a thread
 * claims, finishes and retires a few records per take of the ring's
 * lock (claim_count, count_retirable). Each slot carries
 * its own stage contexts, so counters are merged in record order and a
 * checkpoint's statistics are exact. Output does not depend on -j.
 */
#include "engine.h"

#ifdef HAVE_CONFIG_H
#include "config.h" /* PACKAGE_VERSION, for the stats */
#endif
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "docs.h"
#include "engine_checkpoint.h"
#include "crash_report.h"
#include "engine_docs.h"
#include "engine_isolate.h"
#include "engine_outputs.h"
#include "engine_quarantine.h"
#include "engine_signals.h"
#include "engine_stats.h"
#include "report_html.h"
#include "progress_line.h"
#include "run_census.h"
#include "pipeline_effective.h"
#include "input_wait.h"
#include "reader.h"
#include "messages.h"
#include "output_path.h"

enum {
    DEFAULT_CHECKPOINT_EVERY = 10000,
    ISOLATE_CHECKPOINT_EVERY = 1000,
    SLOTS_PER_JOB = 16, /* room for the batches below: with 8, -j2 waited
                           twice as often for a slot its owner had not
                           freed yet */
    MIN_SLOTS = 16,
    READ_AHEAD_PER_JOB = 3, /* records read ahead per thread (-j2 and up) */
    CLAIM_MOST = 4,         /* records a thread takes to work on at once */
    RETIRE_MOST = 8         /* records retired per take of the lock */
};

/* Bytes of raw input allowed in flight (at least one record always is). */
#define BYTE_BUDGET ((uint64_t)64 << 20)

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
    size_t n_unordered; /* stages [0, n_unordered) run on the workers */
    size_t n_prepared;  /* and the prepare step of the ordered stages
                           [n_unordered, n_prepared) */

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
    double retire_share;    /* the retiring thread's CPU share (cpu_share) */
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

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by the calling thread: stage times in the stats are
 * these (a stage's monotonic seconds times the thread's share of CPU
 * time: see cpu_share), so they mean the same on an idle and on a busy
 * machine. */
static double thread_cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(const engine *e, sl_log_level level, const char *message)
{
    if (e->o->log)
        e->o->log(level, NULL, message, e->o->log_user);
}

static void set_fatal(engine *e, char *message)
{
    if (!e->fatal)
        e->fatal = message ? message : strdup("out of memory");
    else
        free(message);
}

static slot *slot_of(const engine *e, uint64_t rec)
{
    return &e->ring[rec % e->window];
}

static sl_ctx *new_ctx(const engine *e, size_t stage)
{
    sl_ctx *ctx = sl_ctx_new(e->p->stages[stage].name, &e->o->info);
    if (ctx)
        sl_ctx_set_logger(ctx, e->o->log, e->o->log_user);
    return ctx;
}

/* ---- reading ---- */

static const sl_crash *crash_of(const engine *e, uint64_t record)
{
    for (size_t i = 0; e->iso && i < e->iso->n_crashes; i++)
        if (e->iso->crashes[i].record == record)
            return &e->iso->crashes[i];
    return NULL;
}

/* True when the ring has room for `want` more records within the byte
 * budget (one record always fits in an empty ring). Under the lock. */
static bool room_for(const engine *e, uint64_t want)
{
    uint64_t in_flight = e->n_read - e->n_done;
    if (in_flight == 0)
        return true;
    /* --isolate after a death that blamed no one: one at a time */
    bool serial = e->iso && e->skip + e->n_read < e->iso->serial_until;
    return !serial && in_flight + want <= e->window &&
           e->bytes_in_flight < BYTE_BUDGET;
}

/* Wakes the threads waiting for something to do, if any: the state they
 * wait on changed. Under the lock. */
static void wake_idle(engine *e)
{
    if (e->idle > 0)
        pthread_cond_broadcast(&e->cv_idle);
}

/* Reads the next record into slot s (the ring's next free one), passing
 * over those the checkpoint already has. Returns false when there is none:
 * the input ended, failed (reader_fatal) or a signal came (interrupted).
 * Without the lock; the caller holds the reading turn. */
static bool read_record(engine *e, slot *s, uint64_t rec)
{
    for (;;) {
        if ((e->interrupted = sl_signals_pending()) != 0)
            return false;
        sl_doc *doc = NULL;
        bool deferred = false; /* a line, parsed by the thread that runs
                                  the stages */
        sl_read_error err = {0};
        sl_read_result r = sl_reader_next_deferred_into(
            e->reader, &doc, s->line_store, &deferred, &err);
        sl_deferred_line *line = deferred ? s->line_store : NULL;
        if ((e->interrupted = sl_signals_pending()) != 0) {
            /* the record is read again on --resume; a read the signal
             * cut short (ECANCELED) is no failure */
            sl_doc_free(doc);
            sl_read_error_clear(&err);
            return false;
        }
        if (r == SL_READ_END) {
            if (e->skipped < e->skip)
                e->reader_fatal = sl_text_printf(
                    "the input ended after %llu records, but the checkpoint "
                    "says %llu were done: the inputs changed",
                    (unsigned long long)e->skipped,
                    (unsigned long long)e->skip);
            return false;
        }
        if (r == SL_READ_FATAL) {
            e->reader_fatal = sl_text_printf(
                "%s", err.message ? err.message : "input failed");
            sl_read_error_clear(&err);
            return false;
        }
        if (e->skipped < e->skip) { /* the checkpoint already has it */
            e->skipped++;
            sl_doc_free(doc);
            sl_read_error_clear(&err);
            continue;
        }
        s->bad = r == SL_READ_BAD_DOC;
        if (doc) /* room for one is made with the ring: cannot fail */
            sl_doc_runs_insert(&s->runs, 0, doc, 0);
        s->line = line;
        s->err = err;
        s->bytes = doc    ? doc->raw_len
                   : line ? sl_deferred_line_bytes(line)
                          : err.record_len;
        s->crash = crash_of(e, e->skip + rec);
        s->position = sl_reader_bytes_read(e->reader);
        return true;
    }
}

/* True when reading should go on: the input has not ended, fewer than
 * want_ready records wait to be taken and the ring has room. Under the
 * lock. */
static bool read_wanted(const engine *e)
{
    return !e->reader_done && !e->stop &&
           e->n_read - e->n_claimed < e->want_ready && room_for(e, 1) &&
           slot_of(e, e->n_read)->state == SLOT_EMPTY;
}

/* Reads records into the ring for as long as read_wanted holds (with the
 * caller's reading turn), each one handed out as soon as it is read, so a
 * slow input holds back no record already read. Called and returns under
 * the lock, which it lets go while reading. */
static void read_records(engine *e)
{
    do {
        uint64_t rec = e->n_read; /* only the reading turn changes it */
        slot *s = slot_of(e, rec);
        pthread_mutex_unlock(&e->lock);
        bool got = read_record(e, s, rec);
        pthread_mutex_lock(&e->lock);
        if (!got) {
            e->reader_done = true;
            break;
        }
        s->state = SLOT_READY;
        e->n_read++;
        e->bytes_in_flight += s->bytes;
        wake_idle(e);
    } while (read_wanted(e));
}

/* ---- the workers ---- */

/* --check-docs: the reason a stage that kept doc broke it (malloc'd), or
 * NULL when the document holds (or the run does not check). */
static char *broken_by_stage(const engine *e, const sl_doc *doc)
{
    char why[256];
    if (!e->o->check_docs || sl_doc_check(doc, why, sizeof why) == 0)
        return NULL;
    char *reason = sl_text_printf("left the document broken (--check-docs): "
                                  "%s",
                                  why);
    return reason ? reason : strdup("left the document broken");
}

/* Takes what stage i emitted while processing document k of the slot
 * and puts it right after that document (and after what the stage
 * emitted before), to start at stage i + 1. Discards it when the stage
 * failed. Returns how many were inserted. */
static size_t take_emitted(const engine *e, slot *s, size_t i, size_t k,
                           sl_status status)
{
    sl_doc **docs = NULL;
    size_t n = sl_ctx_take_emitted(s->ctx[i], &docs);
    size_t inserted = 0;
    for (size_t j = 0; j < n; j++) {
        if (status == SL_ERROR) {
            sl_doc_free(docs[j]);
            continue;
        }
        size_t at = k + 1 + inserted;
        if (sl_doc_runs_insert(&s->runs, at, docs[j], i + 1) < 0)
            continue;
        inserted++;
        sl_doc_run *r = &s->runs.items[at];
        if ((r->reason = broken_by_stage(e, r->doc)) != NULL) {
            r->status = SL_ERROR; /* the emitting stage broke it */
            r->stage = i;
        }
    }
    free(docs);
    return inserted;
}

/* Runs document k of the slot through stages [start, n_unordered). */
static void run_unordered_doc(engine *e, uint64_t rec, slot *s, size_t k)
{
    /* one clock reading between two stages: it ends one and starts the
     * next; monotonic seconds, which work_record turns into CPU seconds */
    double start = now_seconds();
    for (size_t i = s->runs.items[k].start; i < e->n_unordered; i++) {
        sl_stage *stage = &e->p->stages[i];
        sl_doc *doc = s->runs.items[k].doc;
        sl_isolate_note(e->skip + rec, i);
        sl_crash_report_note(doc, i);
        sl_status status = stage->plugin->process(s->ctx[i], stage->state, doc);
        double end = now_seconds();
        s->stats[i].seconds += end - start;
        s->runs.items[k].seconds += end - start;
        start = end;
        s->stats[i].documents++;
        s->stats[i].bytes += doc->raw_len;
        char *reason = NULL;
        json_t *detail = NULL;
        status = sl_ctx_settle(s->ctx[i], status, &reason, &detail);
        take_emitted(e, s, i, k, status);
        sl_doc_run *r = &s->runs.items[k]; /* the insertions moved it */
        if (status == SL_OK && !(reason = broken_by_stage(e, doc)))
            continue;
        r->status = status == SL_OK ? SL_ERROR : status;
        r->stage = i;
        r->reason = reason;
        r->detail = detail;
        if (status == SL_DROP) {
            s->stats[i].dropped++;
            s->stats[i].bytes_dropped += doc->raw_len;
        } else if (reason) { /* --check-docs */
            s->stats[i].failed++;
            s->stats[i].bytes_failed += doc->raw_len;
        } else {
            s->stats[i].failed++;
            s->stats[i].bytes_failed += doc->raw_len;
            const char *why = sl_ctx_error(s->ctx[i]);
            r->reason = strdup(why ? why : "failed");
            sl_ctx_clear_error(s->ctx[i]);
        }
        break;
    }
}

/* Runs stages [0, n_unordered) on the slot's document, then on each
 * document emitted from it, in order. */
static void run_unordered(engine *e, uint64_t rec, slot *s)
{
    sl_doc_run *first = &s->runs.items[0];
    sl_doc *doc = first->doc;
    if (doc->content_type == SL_CONTENT_TEXT && doc->n_blocks == 0 &&
        sl_doc_split_lines(doc) < 0) {
        first->status = SL_ERROR;
        first->stage = 0;
        first->reason = strdup("out of memory splitting lines");
        return;
    }
    for (size_t k = 0; k < s->runs.n; k++)
        run_unordered_doc(e, rec, s, k);
    sl_isolate_note(0, SIZE_MAX);
    sl_crash_report_note(NULL, 0);
}

static bool has_prepare(const sl_plugin *plugin)
{
    return plugin->abi_minor >= 4 && plugin->prepare;
}

/* Forgets what a prepare step may not do: fail, drop or emit. */
static void forget_prepare_effects(sl_ctx *ctx)
{
    char *reason = NULL;
    json_t *detail = NULL;
    sl_ctx_settle(ctx, SL_ERROR, &reason, &detail);
    sl_ctx_clear_error(ctx);
    sl_doc **docs = NULL;
    size_t n = sl_ctx_take_emitted(ctx, &docs);
    for (size_t j = 0; j < n; j++)
        sl_doc_free(docs[j]);
    free(docs);
}

/* Runs the prepare step of the ordered stages [n_unordered, n_prepared)
 * on each document of the slot the unordered stages kept. */
static void prepare_docs(engine *e, uint64_t rec, slot *s)
{
    size_t n = e->n_prepared - e->n_unordered;
    for (size_t k = 0; n > 0 && k < s->runs.n; k++) {
        sl_doc_run *r = &s->runs.items[k];
        if (r->status != SL_OK || r->start > e->n_unordered)
            continue;
        if (!(r->prepared = calloc(n, sizeof *r->prepared)))
            return;                   /* the ordered stages do all the work */
        double start = now_seconds(); /* see run_unordered_doc */
        for (size_t i = e->n_unordered; i < e->n_prepared; i++) {
            sl_stage *stage = &e->p->stages[i];
            sl_isolate_note(e->skip + rec, i);
            sl_crash_report_note(r->doc, i);
            r->prepared[i - e->n_unordered] =
                stage->plugin->prepare(s->ctx[i], stage->state, r->doc);
            forget_prepare_effects(s->ctx[i]);
            double end = now_seconds();
            s->stats[i].seconds += end - start;
            r->seconds += end - start;
            start = end;
        }
    }
    sl_isolate_note(0, SIZE_MAX);
    sl_crash_report_note(NULL, 0);
}

/* Frees what the prepare steps made and the ordered stages did not
 * take. */
static void free_prepared(const engine *e, slot *s)
{
    for (size_t k = 0; k < s->runs.n; k++) {
        sl_doc_run *r = &s->runs.items[k];
        for (size_t i = e->n_unordered; r->prepared && i < e->n_prepared; i++) {
            void *made = r->prepared[i - e->n_unordered];
            if (made)
                e->p->stages[i].plugin->free_prepared(made);
        }
        free(r->prepared);
        r->prepared = NULL;
    }
}

/* Parses the slot's JSONL line into its document, or marks the record
 * bad as the reader would have. */
static void parse_line(slot *s)
{
    sl_doc *doc = NULL;
    if (sl_deferred_line_parse(s->line, &doc, &s->err) == SL_READ_DOC)
        sl_doc_runs_insert(&s->runs, 0, doc, 0); /* room made with the ring */
    else
        s->bad = true;
    s->line = NULL; /* its store is kept for the slot's next record */
}

/* The share of its monotonic time a thread spends on a CPU, measured
 * over windows of CPU_WINDOW seconds in which it does not wait: a stage's
 * monotonic seconds times the share are its CPU seconds. Reading the
 * thread's CPU clock is a system call (posix_cpu_clock_get), the
 * monotonic clock is not (vDSO): two CPU readings per window instead of
 * two per record. */
#define CPU_WINDOW 0.01
typedef struct cpu_share {
    double cpu, wall; /* the clocks at the window's start */
    double share;     /* over the last window; 1 before the first */
} cpu_share;

static void cpu_share_start(cpu_share *c)
{
    c->cpu = thread_cpu_seconds();
    c->wall = now_seconds();
}

/* The share, measured again when the window is over. */
static double cpu_share_now(cpu_share *c)
{
    double wall = now_seconds();
    if (wall - c->wall < CPU_WINDOW)
        return c->share;
    double cpu = thread_cpu_seconds();
    double share = (cpu - c->cpu) / (wall - c->wall);
    c->share = share < 1.0 ? share : 1.0;
    c->cpu = cpu;
    c->wall = wall;
    return c->share;
}

/* Turns the monotonic seconds the stages of slot s were timed with into
 * CPU seconds: each stage is given the thread's share of them. */
static void wall_to_cpu_seconds(const engine *e, slot *s, double share)
{
    if (share >= 1.0)
        return;
    for (size_t i = 0; i < e->n_prepared; i++)
        s->stats[i].seconds *= share;
    for (size_t k = 0; k < s->runs.n; k++)
        s->runs.items[k].seconds *= share;
}

/* Runs the stages that need no order on record rec (skip: the run
 * stops, only the slot's place counts). Without the lock; the caller
 * claimed the record. */
static void work_record(engine *e, uint64_t rec, slot *s, bool skip,
                        cpu_share *clock)
{
    if (s->line && !skip)
        parse_line(s);
    if (s->bad || s->crash || skip)
        return;
    run_unordered(e, rec, s);
    prepare_docs(e, rec, s);
    wall_to_cpu_seconds(e, s, cpu_share_now(clock));
}

/* ---- retiring records in order ---- */

/* Writes a failed document's entry; true when it went to the file. */
static bool quarantine(engine *e, uint64_t rec, const sl_quarantine_entry *q)
{
    if (!e->quarantine || e->p->on_error == SL_ON_ERROR_SKIP)
        return false;
    sl_quarantine_entry entry = *q;
    entry.record_no = e->skip + rec;
    if (sl_quarantine_write(e->quarantine, &entry) != 0) {
        const char *why = sl_quarantine_failure(e->quarantine);
        set_fatal(e, strdup(why ? why : "cannot write the quarantine file"));
        return false;
    }
    e->result.docs_quarantined++;
    return true;
}

/* Under --isolate, a restarted child runs again the records between its
 * checkpoint and the crash: their failures were reported already. */
static bool replayed(const engine *e, uint64_t rec)
{
    return e->iso && e->skip + rec < e->iso->replay_until;
}

static void tell_fate(const engine *e, sl_doc_fate fate, const char *id,
                      const char *stage, const char *reason,
                      const json_t *detail)
{
    if (e->o->fate)
        e->o->fate(fate, id, stage, reason, detail, e->o->fate_user);
}

static void fail_read(engine *e, uint64_t rec, slot *s)
{
    sl_read_error *err = &s->err;
    e->result.docs_in++;
    e->result.docs_failed++;
    e->reader_failures++;
    if (!replayed(e, rec))
        report(e, SL_LOG_ERROR,
               err->message ? err->message : "unreadable input");
    sl_quarantine_entry q = {.source = err->source,
                             .line = err->line,
                             .offset = err->offset,
                             .who_key = "reader",
                             .who = err->reader,
                             .reason = err->message,
                             .record = err->record,
                             .record_len = err->record_len,
                             .record_cut = err->record_cut,
                             .record_full_len = err->record_full_len,
                             .record_sha256 = err->record_sha256};
    quarantine(e, rec, &q);
    tell_fate(e, SL_FATE_FAILED, NULL, NULL,
              err->message ? err->message : "unreadable input", NULL);
    if (e->p->on_error == SL_ON_ERROR_ABORT)
        set_fatal(e,
                  sl_text_printf("%s (on_error is abort)",
                                 err->message ? err->message : "input failed"));
}

static void fail_stage(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
                       const char *why)
{
    const char *name = e->p->stages[stage].name;
    e->result.docs_failed++;
    char *message;
    if (doc->source_line)
        message = sl_text_printf(
            "%s:%llu: document '%s': stage '%s': %s", doc->source,
            (unsigned long long)doc->source_line, doc->id, name, why);
    else
        message = sl_text_printf("%s: document '%s': stage '%s': %s",
                                 doc->source, doc->id, name, why);
    /* with on_error abort the run's own error says it, once */
    if (!replayed(e, rec) && e->p->on_error != SL_ON_ERROR_ABORT)
        report(e, SL_LOG_ERROR, message ? message : why);
    sl_quarantine_entry q = {.source = doc->source,
                             .line = doc->source_line,
                             .offset = doc->source_offset,
                             .id = doc->id,
                             .who_key = "stage",
                             .who = name,
                             .reason = why,
                             .record = doc->raw,
                             .record_len = doc->raw_len,
                             .meta = doc->meta};
    if (quarantine(e, rec, &q)) {
        e->stats[stage].quarantined++;
        e->stats[stage].bytes_quarantined += doc->raw_len;
    }
    tell_fate(e, SL_FATE_FAILED, doc->id, name, why, NULL);
    if (e->p->on_error == SL_ON_ERROR_ABORT)
        set_fatal(e, sl_text_printf("%s (on_error is abort)",
                                    message ? message : why));
    free(message);
}

/* Writes a dropped document to the rejects file. */
static void write_reject(engine *e, uint64_t rec, const sl_doc *doc,
                         const char *stage, const char *reason,
                         const json_t *detail)
{
    if (!e->rejects)
        return;
    sl_quarantine_entry entry = {.source = doc->source,
                                 .line = doc->source_line,
                                 .offset = doc->source_offset,
                                 .record_no = e->skip + rec,
                                 .id = doc->id,
                                 .who_key = "stage",
                                 .who = stage,
                                 .reason = reason,
                                 .record = doc->raw,
                                 .record_len = doc->raw_len,
                                 .meta = doc->meta,
                                 .detail = detail};
    if (sl_quarantine_write(e->rejects, &entry) != 0) {
        const char *why = sl_quarantine_failure(e->rejects);
        set_fatal(e, strdup(why ? why : "cannot write the rejects file"));
    }
}

/* Accounts for a document that stage `stage` dropped: the rejects file,
 * then the `dropped` callback of every later ordered stage. */
static void drop_document(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
                          const char *reason, const json_t *detail)
{
    const char *name = e->p->stages[stage].name;
    const char *why = reason ? reason : "unspecified";
    e->result.docs_dropped++;
    write_reject(e, rec, doc, name, why, detail);
    tell_fate(e, SL_FATE_DROPPED, doc->id, name, why, detail);
    sl_drop_info info = {.stage = name, .reason = why, .detail = detail};
    for (size_t i = e->n_unordered > stage + 1 ? e->n_unordered : stage + 1;
         i < e->p->n_stages && !e->fatal; i++) {
        sl_stage *later = &e->p->stages[i];
        if (later->plugin->abi_minor < 2 || !later->plugin->dropped)
            continue;
        sl_isolate_note(e->skip + rec, i);
        sl_status status =
            later->plugin->dropped(e->ctx[i], later->state, doc, &info);
        sl_isolate_note(0, SIZE_MAX);
        if (status == SL_ERROR) {
            const char *fail = sl_ctx_error(e->ctx[i]);
            set_fatal(e, sl_outputs_failed()
                             ? sl_outputs_failure()
                             : sl_text_printf("stage '%s' could not take "
                                              "dropped document '%s': %s",
                                              later->name, doc->id,
                                              fail ? fail : "failed"));
            sl_ctx_clear_error(e->ctx[i]);
        }
    }
}

/* True when the slot's context of stage i holds counters or details to
 * merge (and then to clear). */
static bool ctx_used(const slot *s, size_t i)
{
    return sl_ctx_counter_count(s->ctx[i]) > 0 || sl_ctx_details(s->ctx[i]);
}

/* Folds the slot's counters into the run's; the slot's owner empties its
 * contexts when it releases it (clear_contexts). */
static void merge_slot(engine *e, slot *s)
{
    for (size_t i = 0; i < e->n_prepared; i++) {
        sl_stage_stats_add(&e->stats[i], &s->stats[i]);
        memset(&s->stats[i], 0, sizeof s->stats[i]);
        if (ctx_used(s, i))
            sl_ctx_merge_counters(e->ctx[i], s->ctx[i]);
    }
}

/* Counts a document that went through the stages in the census, with
 * the CPU time the stages spent on it. */
static void take_census(engine *e, const sl_doc *doc, double seconds,
                        sl_census_outcome outcome)
{
    if (e->census && sl_census_add(e->census, doc, outcome, seconds) != 0)
        set_fatal(e, NULL);
}

/* Runs stage i on doc: process, or process_prepared with what the
 * stage's prepare step made of it on a worker (prepared: the document's
 * entries, or NULL; freed when the slot is released). */
static sl_status run_ordered_stage(engine *e, size_t i, sl_doc *doc,
                                   void **prepared)
{
    sl_stage *stage = &e->p->stages[i];
    void *made = NULL;
    if (prepared && i >= e->n_unordered && i < e->n_prepared)
        made = prepared[i - e->n_unordered]; /* freed with the slot */
    if (!made)
        return stage->plugin->process(e->ctx[i], stage->state, doc);
    return stage->plugin->process_prepared(e->ctx[i], stage->state, doc, made);
}

/* Runs doc through the ordered stages [from, n_stages) and accounts for
 * it (seconds: what the unordered stages spent on it; prepared: what the
 * prepare steps made of it, or NULL); then each document those stages
 * emitted, from the stage after the one that emitted it (documents
 * emitted by a stage that failed are discarded). */
static void finish_doc(engine *e, uint64_t rec, sl_doc *doc, size_t from,
                       double seconds, void **prepared)
{
    sl_census_outcome outcome = SL_CENSUS_KEPT;
    sl_doc_runs emitted = {0};
    size_t i = from;
    for (; i < e->p->n_stages && !e->fatal; i++) {
        sl_isolate_note(e->skip + rec, i);
        sl_crash_report_note(doc, i);
        double start = now_seconds();
        sl_status status = run_ordered_stage(e, i, doc, prepared);
        sl_isolate_note(0, SIZE_MAX);
        sl_crash_report_note(NULL, 0);
        double spent = (now_seconds() - start) * e->retire_share;
        e->stats[i].seconds += spent;
        seconds += spent;
        e->stats[i].documents++;
        e->stats[i].bytes += doc->raw_len;
        char *reason = NULL;
        json_t *detail = NULL;
        status = sl_ctx_settle(e->ctx[i], status, &reason, &detail);
        sl_doc **docs = NULL;
        size_t n = sl_ctx_take_emitted(e->ctx[i], &docs);
        for (size_t j = 0; j < n; j++) {
            if (status == SL_ERROR)
                sl_doc_free(docs[j]);
            else if (sl_doc_runs_insert(&emitted, emitted.n, docs[j], i + 1) <
                     0)
                set_fatal(e, strdup("out of memory keeping emitted "
                                    "documents"));
        }
        free(docs);
        if (status == SL_OK && (reason = broken_by_stage(e, doc)) != NULL) {
            e->stats[i].failed++;
            e->stats[i].bytes_failed += doc->raw_len;
            fail_stage(e, rec, doc, i, reason);
            free(reason);
            outcome = SL_CENSUS_FAILED;
            break;
        }
        if (status == SL_OK)
            continue;
        if (status == SL_DROP) {
            e->stats[i].dropped++;
            e->stats[i].bytes_dropped += doc->raw_len;
            drop_document(e, rec, doc, i, reason, detail);
            free(reason);
            json_decref(detail);
            outcome = SL_CENSUS_DROPPED;
            break;
        }
        e->stats[i].failed++;
        e->stats[i].bytes_failed += doc->raw_len;
        outcome = SL_CENSUS_FAILED;
        if (sl_outputs_failed()) { /* the run stops: one message, no
                                      quarantine entry */
            set_fatal(e, sl_outputs_failure());
            sl_ctx_clear_error(e->ctx[i]);
            break;
        }
        const char *why = sl_ctx_error(e->ctx[i]);
        fail_stage(e, rec, doc, i, why ? why : "failed");
        sl_ctx_clear_error(e->ctx[i]);
        break;
    }
    if (i == e->p->n_stages) {
        e->result.docs_kept++;
        tell_fate(e, SL_FATE_KEPT, doc->id, NULL, NULL, NULL);
    }
    if (i == e->p->n_stages || outcome != SL_CENSUS_KEPT)
        take_census(e, doc, seconds, outcome);
    e->result.docs_emitted += emitted.n;
    for (size_t j = 0; j < emitted.n && !e->fatal; j++) {
        sl_doc_run *r = &emitted.items[j];
        char *broken = broken_by_stage(e, r->doc);
        if (broken) {
            fail_stage(e, rec, r->doc, r->start - 1, broken);
            take_census(e, r->doc, 0, SL_CENSUS_FAILED);
        } else {
            finish_doc(e, rec, r->doc, r->start, 0, NULL);
        }
        free(broken);
    }
    sl_doc_runs_free(&emitted);
}

/* Accounts for one record: its document and those emitted from it, as
 * the unordered stages left them, go through the ordered stages in
 * order. */
static void finish_record(engine *e, uint64_t rec, slot *s)
{
    if (s->bad) {
        fail_read(e, rec, s);
        return;
    }
    sl_doc *doc = s->runs.items[0].doc;
    e->result.docs_in++;
    e->result.bytes_in += doc->raw_len;
    if (s->crash) {
        char why[512];
        sl_crash_reason(s->crash, why, sizeof why);
        e->stats[s->crash->stage].documents++;
        e->stats[s->crash->stage].failed++;
        e->stats[s->crash->stage].bytes += doc->raw_len;
        e->stats[s->crash->stage].bytes_failed += doc->raw_len;
        fail_stage(e, rec, doc, s->crash->stage, why);
        take_census(e, doc, 0, SL_CENSUS_FAILED);
        return;
    }
    e->result.docs_emitted += s->runs.n - 1;
    for (size_t k = 0; k < s->runs.n && !e->fatal; k++) {
        sl_doc_run *r = &s->runs.items[k];
        if (r->status == SL_DROP) {
            drop_document(e, rec, r->doc, r->stage, r->reason, r->detail);
            take_census(e, r->doc, r->seconds, SL_CENSUS_DROPPED);
        } else if (r->status == SL_ERROR) {
            fail_stage(e, rec, r->doc, r->stage,
                       r->reason ? r->reason : "failed");
            take_census(e, r->doc, r->seconds, SL_CENSUS_FAILED);
        } else {
            finish_doc(e, rec, r->doc,
                       r->start > e->n_unordered ? r->start : e->n_unordered,
                       r->seconds, r->prepared);
        }
    }
}

/* Empties the slot's contexts where the record used them (merged by
 * then), in place: a context is made once per slot, so no thread frees
 * what another one allocated. */
static void clear_contexts(const engine *e, slot *s)
{
    for (size_t i = 0; s->ctx && i < e->n_prepared; i++)
        if (s->ctx[i] && ctx_used(s, i))
            sl_ctx_clear_counters(s->ctx[i]);
}

static void release_slot(const engine *e, slot *s)
{
    free_prepared(e, s);
    s->line = NULL;
    sl_doc_runs_clear(&s->runs);
    sl_read_error_clear(&s->err);
    s->bad = false;
    s->crash = NULL;
}

/* True when ordered stages have taken documents but no output holds a
 * byte: the data is kept elsewhere (an SQLite database built on the side)
 * and cutting the outputs back would not undo it. */
static bool outputs_lag_behind(const engine *e)
{
    uint64_t taken = 0;
    for (size_t i = e->n_unordered; i < e->p->n_stages; i++) {
        const sl_plugin *plugin = e->p->stages[i].plugin;
        if (plugin->abi_minor >= 1 && plugin->checkpoint)
            continue; /* it says for itself whether it can resume */
        taken +=
            e->stats[i].documents - e->stats[i].failed - e->stats[i].dropped;
    }
    if (taken == 0 || sl_outputs_count() == 0)
        return false;
    for (size_t i = 0; i < sl_outputs_count(); i++)
        if (sl_output_bytes(sl_outputs_get(i)) > 0)
            return false;
    return true;
}

static void stop_checkpoints(engine *e, const char *why)
{
    char *m = sl_text_printf("%s; the run goes on without checkpoints (it "
                             "cannot be resumed)",
                             why);
    report(e, SL_LOG_WARN, m ? m : why);
    free(m);
    unlink(e->checkpoint_path);
    free(e->checkpoint_path);
    e->checkpoint_path = NULL;
}

/* Writes a checkpoint after `records` records (the skipped ones
 * included), all retired: their ordered stages ran, their statistics are
 * merged. */
static void write_checkpoint(engine *e, uint64_t records)
{
    if (outputs_lag_behind(e)) {
        stop_checkpoints(e, "the outputs are still empty after documents "
                            "were exported (a format that writes at the "
                            "end, such as sqlite)");
        return;
    }
    sl_checkpoint_facts facts = {.records = records,
                                 .input_bytes = e->input_bytes,
                                 .info = &e->o->info,
                                 .pipeline = e->p,
                                 .ctx = e->ctx,
                                 .stats = e->stats,
                                 .earlier = e->earlier_stages,
                                 .result = &e->result,
                                 .reader_failures = e->reader_failures,
                                 .quarantine = e->quarantine,
                                 .rejects = e->rejects,
                                 .census = e->census};
    char *message = NULL;
    size_t refused = SIZE_MAX;
    if (sl_checkpoint_write(e->checkpoint_path, &facts, &refused, &message) ==
        0) {
        e->last_checkpoint = now_seconds();
        return;
    }
    if (refused != SIZE_MAX) { /* a stage cannot be resumed: go on without */
        stop_checkpoints(e, message);
        free(message);
        return;
    }
    set_fatal(e, message);
}

/* Writes a checkpoint when one is due after `records` records (the
 * skipped ones included). */
static void maybe_checkpoint(engine *e, uint64_t records)
{
    if (!e->checkpoint_path)
        return;
    bool due = records % e->checkpoint_every == 0;
    if (!due && e->o->checkpoint_seconds > 0)
        due = now_seconds() - e->last_checkpoint >= e->o->checkpoint_seconds;
    if (due)
        write_checkpoint(e, records);
}

static void show_progress(engine *e, bool final)
{
    if (!e->o->progress || !e->o->progress_fn)
        return;
    double now = now_seconds();
    if (!final && now - e->last_progress < 0.5)
        return;
    e->last_progress = now;
    char line[256];
    sl_progress_line(&e->progress, line, sizeof line, now, e->result.docs_in,
                     e->result.bytes_in, e->position_done);
    e->o->progress_fn(line, final, e->o->progress_user);
}

/* True when the next record to retire is finished and no thread is
 * retiring. Under the lock. */
static bool may_retire(const engine *e)
{
    return !e->retiring && e->n_done < e->n_read &&
           slot_of(e, e->n_done)->state == SLOT_DONE;
}

/* How many records, from the next one to retire on, are finished and
 * follow each other: the next batch to retire, at most RETIRE_MOST (their
 * slots go back to the ring when the batch is over). Under the lock. */
static size_t count_retirable(const engine *e)
{
    size_t n = 0;
    while (n < RETIRE_MOST && e->n_done + n < e->n_read &&
           slot_of(e, e->n_done + n)->state == SLOT_DONE)
        n++;
    return n;
}

/* Retires record rec, the next one in record order: the ordered stages,
 * the quarantine, the statistics, then a checkpoint and progress when
 * due (stopping: the run stops, only the record's place counts). Returns
 * whether the run stops after it. Without the lock; the caller holds the
 * retiring turn. */
static bool retire_record(engine *e, uint64_t rec, bool stopping)
{
    slot *s = slot_of(e, rec);
    if (!stopping) {
        merge_slot(e, s);
        finish_record(e, rec, s);
        sl_outputs_flush_streams();
        if (sl_outputs_failed())
            set_fatal(e, sl_outputs_failure());
    }
    e->position_done = s->position;
    if (e->iso)
        sl_isolate_note_retired(e->skip + rec + 1);
    if (stopping || e->fatal)
        return true;
    maybe_checkpoint(e, e->skip + rec + 1);
    show_progress(e, false);
    return e->fatal != NULL;
}

/* Gives the n records from the next one to retire on, just retired, back
 * to their owners, which free them. Under the lock. */
static void mark_retired(engine *e, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        slot *s = slot_of(e, e->n_done);
        s->state = SLOT_RETIRED; /* its owner frees it */
        e->n_done++;
        e->bytes_in_flight -= s->bytes;
    }
}

/* Retires finished records strictly in record order, for as long as the
 * next one is finished (with the caller's retiring turn), a batch of them
 * per take of the lock: see retire_record. Called and returns under the
 * lock, which it lets go meanwhile. */
static void retire_records(engine *e)
{
    do {
        uint64_t first = e->n_done; /* only the retiring turn changes it */
        size_t n = count_retirable(e);
        bool stopping = e->stop;
        pthread_mutex_unlock(&e->lock);
        for (size_t k = 0; k < n; k++)
            stopping = retire_record(e, first + k, stopping);
        pthread_mutex_lock(&e->lock);
        mark_retired(e, n);
        if (e->fatal)
            e->stop = true;
        wake_idle(e); /* room in the ring, or the run's end */
    } while (e->n_done < e->n_read &&
             slot_of(e, e->n_done)->state == SLOT_DONE);
}

/* True when every record read is retired and no more will be read. Under
 * the lock. */
static bool run_over(const engine *e)
{
    return (e->reader_done || e->stop) && !e->reading && !e->retiring &&
           e->n_done == e->n_read;
}

/* What a thread of the run spent, for reader_seconds and ordered_seconds:
 * monotonic seconds of its reading and retiring turns, turned into CPU
 * seconds by the thread's CPU time over the monotonic time it was not
 * waiting (two CPU clock readings per thread rather than per turn). */
typedef struct thread_times {
    double cpu_start, wall_start, waited;
    double reading, retiring;
} thread_times;

/* One thread of the run: the records it ran the stages on and has not
 * released yet, oldest first (they are retired in that order), a list
 * linked through their slots. */
typedef struct runner {
    engine *e;
    cpu_share clock;
    bool retires; /* the calling thread: ordered stages stay on one thread */
    uint64_t oldest, newest; /* the list's ends, when n > 0 */
    size_t n;
} runner;

/* Adds record rec, just claimed, to the thread's list. Under the lock. */
static void own(runner *r, uint64_t rec)
{
    if (r->n++ > 0)
        slot_of(r->e, r->newest)->next_owned = rec;
    else
        r->oldest = rec;
    r->newest = rec;
}

/* How many waiting records a thread takes at once: its share of those
 * waiting, so that the other threads find some too (one when few wait),
 * at most CLAIM_MOST. Fewer takes of the lock per record, and a
 * thread's records follow each other. Under the lock. */
static size_t claim_count(const engine *e)
{
    uint64_t share = (e->n_read - e->n_claimed) / e->jobs;
    if (share < 1)
        return 1;
    return share < CLAIM_MOST ? (size_t)share : CLAIM_MOST;
}

/* Takes the next n waiting records (see claim_count) for the thread to
 * run the stages on; returns the first. Under the lock. */
static uint64_t claim_records(runner *r, size_t n)
{
    engine *e = r->e;
    uint64_t first = e->n_claimed;
    for (size_t k = 0; k < n; k++)
        own(r, first + k);
    e->n_claimed += n;
    return first;
}

/* Marks the n records from first on, which the thread ran the stages on,
 * finished, and wakes a thread that may retire them. Under the lock. */
static void mark_done(engine *e, uint64_t first, size_t n)
{
    for (size_t k = 0; k < n; k++)
        slot_of(e, first + k)->state = SLOT_DONE;
    if (first == e->n_done)
        wake_idle(e); /* they can be retired */
}

/* Runs the stages on the records the thread claimed: see claim_records.
 * Called and returns under the lock, which it lets go meanwhile. */
static void work_claimed(runner *r)
{
    engine *e = r->e;
    size_t n = claim_count(e);
    uint64_t first = claim_records(r, n);
    bool skip = e->stop;
    pthread_mutex_unlock(&e->lock);
    for (size_t k = 0; k < n; k++)
        work_record(e, first + k, slot_of(e, first + k), skip, &r->clock);
    pthread_mutex_lock(&e->lock);
    mark_done(e, first, n);
}

/* True when the oldest record the thread owns is retired. Under the
 * lock. */
static bool may_release(const runner *r)
{
    return r->n > 0 && slot_of(r->e, r->oldest)->state == SLOT_RETIRED;
}

/* Frees what the thread's retired records hold and gives their slots back
 * to the ring. Called and returns under the lock, which it lets go
 * meanwhile. */
static void release_owned(runner *r)
{
    engine *e = r->e;
    size_t k = 0;
    for (uint64_t rec = r->oldest;
         k < r->n && slot_of(e, rec)->state == SLOT_RETIRED;
         rec = slot_of(e, rec)->next_owned)
        k++;
    pthread_mutex_unlock(&e->lock);
    uint64_t rec = r->oldest;
    for (size_t j = 0; j < k; j++, rec = slot_of(e, rec)->next_owned) {
        release_slot(e, slot_of(e, rec));
        clear_contexts(e, slot_of(e, rec));
    }
    pthread_mutex_lock(&e->lock);
    for (size_t j = 0; j < k; j++) {
        slot *s = slot_of(e, r->oldest);
        r->oldest = s->next_owned; /* read before the slot goes back */
        s->state = SLOT_EMPTY;
    }
    r->n -= k;
    wake_idle(e); /* the reader may wait for one of these slots */
}

/* The loop of every thread of the run, the caller's included: retire
 * finished records in order when the next one is finished, else read when
 * too few records wait, else run the stages on the next waiting record,
 * else wait; and first of all free its own retired records. One thread at
 * a time reads and one retires; each is a turn any thread may take, so
 * -j1 runs everything on the calling thread, with no hand-off, and no
 * thread waits while there is something it can do. */
static void *run_tasks(void *arg)
{
    runner *r = arg;
    engine *e = r->e;
    thread_times t = {.cpu_start = thread_cpu_seconds(),
                      .wall_start = now_seconds()};
    cpu_share_start(&r->clock);
    r->clock.share = 1.0;
    pthread_mutex_lock(&e->lock);
    for (;;) {
        if (may_release(r)) {
            release_owned(r);
        } else if (r->retires && may_retire(e)) {
            e->retiring = true;
            double start = now_seconds();
            e->retire_share = cpu_share_now(&r->clock);
            retire_records(e);
            t.retiring += now_seconds() - start;
            e->retiring = false;
            wake_idle(e);
        } else if (!e->reading && read_wanted(e)) {
            e->reading = true;
            double start = now_seconds();
            read_records(e);
            t.reading += now_seconds() - start;
            e->reading = false;
            wake_idle(e);
        } else if (e->n_claimed < e->n_read) {
            work_claimed(r);
        } else if (run_over(e)) {
            break;
        } else {
            double start = now_seconds();
            e->idle++;
            pthread_cond_wait(&e->cv_idle, &e->lock);
            e->idle--;
            t.waited += now_seconds() - start;
            cpu_share_start(&r->clock); /* a window holds no wait */
        }
    }
    double cpu = thread_cpu_seconds() - t.cpu_start;
    double busy = now_seconds() - t.wall_start - t.waited;
    double share = busy > 0 && cpu < busy ? cpu / busy : 1.0;
    e->reader_seconds += t.reading * share;
    e->ordered_seconds += t.retiring * share;
    wake_idle(e);
    pthread_mutex_unlock(&e->lock);
    return NULL;
}

/* ---- setting up and tearing down ---- */

static int make_ring(engine *e)
{
    unsigned jobs = e->o->info.jobs ? e->o->info.jobs : 1;
    e->jobs = jobs;
    e->window = (size_t)jobs * SLOTS_PER_JOB;
    if (e->window < MIN_SLOTS)
        e->window = MIN_SLOTS;
    /* -j1 reads a record when it needs one (a slow input delays nothing);
     * with more threads, a few records per thread are read ahead so that
     * a thread rarely finds nothing to take while another one reads, and
     * each may take a batch of them (claim_count); the rest of the ring
     * holds the records being worked on, retired and freed */
    e->want_ready = jobs == 1 ? 1 : READ_AHEAD_PER_JOB * (uint64_t)jobs;
    e->ring = calloc(e->window, sizeof *e->ring);
    if (!e->ring)
        return -1;
    for (size_t k = 0; k < e->window; k++) {
        slot *s = &e->ring[k];
        s->ctx = calloc(e->n_prepared + 1, sizeof *s->ctx);
        s->stats = calloc(e->n_prepared + 1, sizeof *s->stats);
        s->runs.items = calloc(4, sizeof *s->runs.items);
        s->runs.cap = s->runs.items ? 4 : 0;
        s->line_store = sl_deferred_line_new();
        if (!s->ctx || !s->stats || !s->runs.items || !s->line_store)
            return -1;
        for (size_t i = 0; i < e->n_prepared; i++)
            if (!(s->ctx[i] = new_ctx(e, i)))
                return -1;
    }
    return 0;
}

static void free_ring(engine *e)
{
    for (size_t k = 0; e->ring && k < e->window; k++) {
        slot *s = &e->ring[k];
        release_slot(e, s);
        sl_doc_runs_free(&s->runs);
        sl_deferred_line_free(s->line_store);
        for (size_t i = 0; s->ctx && i < e->n_prepared; i++)
            sl_ctx_free(s->ctx[i]);
        free(s->ctx);
        free(s->stats);
    }
    free(e->ring);
}

static int init_stages(engine *e)
{
    sl_pipeline *p = e->p;
    e->ctx = calloc(p->n_stages + 1, sizeof *e->ctx);
    e->stats = calloc(p->n_stages + 1, sizeof *e->stats);
    if (!e->ctx || !e->stats) {
        set_fatal(e, NULL);
        return -1;
    }
    e->n_unordered = p->n_stages;
    for (size_t i = 0; i < p->n_stages; i++) {
        if (p->stages[i].plugin->flags & SL_STAGE_ORDERED) {
            e->n_unordered = i;
            break;
        }
    }
    e->n_prepared = e->n_unordered;
    while (e->n_prepared < p->n_stages &&
           has_prepare(p->stages[e->n_prepared].plugin))
        e->n_prepared++;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        if (!(e->ctx[i] = new_ctx(e, i))) {
            set_fatal(e, NULL);
            return -1;
        }
        stage->initialised = 1;
        if (stage->plugin->init &&
            stage->plugin->init(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            set_fatal(e,
                      sl_text_printf("stage '%s' could not start: %s",
                                     stage->name, why ? why : "init failed"));
            return -1;
        }
    }
    return 0;
}

/* What stage i emitted in flush (a whole-corpus stage's summary) goes
 * through the later stages before they are flushed, after every input
 * record; rejects and the quarantine give it the record number one past
 * the last. */
static void finish_flushed(engine *e, size_t i)
{
    sl_doc **docs = NULL;
    size_t n = sl_ctx_take_emitted(e->ctx[i], &docs);
    e->result.docs_emitted += n;
    for (size_t j = 0; j < n; j++) {
        char *broken = e->fatal ? NULL : broken_by_stage(e, docs[j]);
        if (broken)
            fail_stage(e, e->n_done, docs[j], i, broken);
        else if (!e->fatal)
            finish_doc(e, e->n_done, docs[j], i + 1, 0, NULL);
        free(broken);
        sl_doc_free(docs[j]);
    }
    free(docs);
}

static int flush_stages(engine *e)
{
    sl_pipeline *p = e->p;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        if (!stage->plugin->flush)
            continue;
        if (stage->plugin->flush(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            set_fatal(e,
                      sl_text_printf("stage '%s' could not finish: %s",
                                     stage->name, why ? why : "flush failed"));
            sl_doc **docs = NULL;
            size_t n = sl_ctx_take_emitted(e->ctx[i], &docs);
            for (size_t j = 0; j < n; j++)
                sl_doc_free(docs[j]);
            free(docs);
            return -1;
        }
        finish_flushed(e, i);
        if (e->fatal)
            return -1;
    }
    return 0;
}

/* Decides where checkpoints go: --checkpoint, else next to the first
 * output file, else next to the quarantine. None when an output is
 * standard output (it cannot be cut back). */
static int plan_checkpoints(engine *e)
{
    bool to_stdout = false;
    const char *first_file = NULL;
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        sl_output *out = sl_outputs_get(i);
        if (!sl_output_temp_path(out))
            to_stdout = true;
        else if (!first_file)
            first_file = sl_output_path(out);
    }
    if (to_stdout) {
        if (e->o->info.resume || (e->iso && e->iso->child)) {
            set_fatal(e, strdup(e->o->info.resume
                                    ? "--resume needs the outputs to be files "
                                      "(use -o FILE): standard output cannot "
                                      "be taken back"
                                    : "--isolate needs the outputs to be "
                                      "files (use -o FILE): standard output "
                                      "cannot be taken back"));
            return -1;
        }
        return 0;
    }
    if (e->o->checkpoint_path)
        e->checkpoint_path = strdup(e->o->checkpoint_path);
    else if (first_file)
        e->checkpoint_path = sl_outputs_default_checkpoint(first_file);
    else if (e->o->quarantine_path)
        e->checkpoint_path =
            sl_outputs_default_checkpoint(e->o->quarantine_path);
    else if (e->rejects_path)
        e->checkpoint_path = sl_outputs_default_checkpoint(e->rejects_path);
    if (!e->checkpoint_path && (e->o->checkpoint_path || first_file ||
                                e->o->quarantine_path || e->rejects_path)) {
        set_fatal(e, NULL);
        return -1;
    }
    if (e->checkpoint_path && !e->o->info.resume) {
        char *refused = NULL;
        int removed = sl_checkpoint_discard(e->checkpoint_path, &refused);
        if (refused) {
            set_fatal(e, refused);
            return -1;
        }
        if (removed >= 0) {
            char *m = sl_text_printf("%s: discarded the checkpoint of an "
                                     "interrupted run and %d temporary file(s) "
                                     "(--resume would have continued it)",
                                     e->checkpoint_path, removed);
            report(e, SL_LOG_WARN, m ? m : "discarded an old checkpoint");
            free(m);
        }
    }
    e->checkpoint_every =
        e->o->checkpoint_every
            ? e->o->checkpoint_every
            : (e->iso && e->iso->child ? ISOLATE_CHECKPOINT_EVERY
                                       : DEFAULT_CHECKPOINT_EVERY);
    return 0;
}

/* With --resume: loads and checks the checkpoint, restores counts and
 * stage state. No checkpoint: the run starts from the beginning. */
static int resume_from_checkpoint(engine *e)
{
    if (!e->o->info.resume)
        return 0;
    if (e->checkpoint_path &&
        sl_outputs_load_checkpoint(e->checkpoint_path) < 0) {
        set_fatal(e, strdup(sl_outputs_resume_error()));
        return -1;
    }
    const json_t *ckpt = sl_outputs_checkpoint();
    if (!ckpt) {
        sl_outputs_go_live();
        return 0;
    }
    char *message = NULL;
    if (sl_checkpoint_check(ckpt, &e->o->info, e->input_bytes, e->p, &message) <
            0 ||
        sl_checkpoint_restore_stages(ckpt, e->p, e->ctx, &message) < 0) {
        set_fatal(e, message);
        return -1;
    }
    e->skip = (uint64_t)json_integer_value(json_object_get(ckpt, "records"));
    e->result.resumed_at = e->skip;
    sl_stats_result_restore(json_object_get(ckpt, "result"), &e->result);
    e->reader_failures =
        (uint64_t)json_integer_value(json_object_get(ckpt, "reader_failures"));
    e->earlier_stages = json_object_get(ckpt, "stages");
    const json_t *census = json_object_get(ckpt, "census");
    if (e->census && census &&
        sl_census_add_json(e->census, census, &message) != 0) {
        set_fatal(e, message);
        return -1;
    }
    sl_outputs_go_live();
    return 0;
}

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
        set_fatal(e, message);
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
        set_fatal(e, message);
        return -1;
    }
    return 0;
}

static int open_reader(engine *e, const char *const *inputs, size_t n)
{
    sl_read_error err = {0};
    e->reader = sl_reader_open(&e->p->input, inputs, n, &err);
    if (!e->reader) {
        set_fatal(e, sl_text_printf("%s", err.message ? err.message
                                                      : "cannot open input"));
        sl_read_error_clear(&err);
        return -1;
    }
    e->input_bytes = sl_reader_bytes_total(e->reader);
    e->range_start = 0;
    e->range_end = e->input_bytes;
    unsigned k = e->o->info.shard, shards = e->o->info.shards;
    if (shards <= 1)
        return 0;
    if (e->input_bytes == 0) {
        set_fatal(e, strdup("--shard needs input files (standard input "
                            "cannot be cut into shards)"));
        return -1;
    }
    uint64_t total = e->input_bytes;
    uint64_t start = (uint64_t)((unsigned __int128)total * k / shards);
    uint64_t end = (uint64_t)((unsigned __int128)total * (k + 1) / shards);
    if (sl_reader_set_range(e->reader, start, end) < 0) {
        set_fatal(e, strdup("cannot restrict the reader to the shard"));
        return -1;
    }
    e->range_start = start;
    e->range_end = end;
    return 0;
}

/* Runs the run's loop on the calling thread and on jobs - 1 more, then
 * joins them. */
static void run_threads(engine *e)
{
    unsigned jobs = e->o->info.jobs ? e->o->info.jobs : 1;
    pthread_t *threads = calloc(jobs, sizeof *threads);
    runner *runners = calloc(jobs, sizeof *runners);
    if (!threads || !runners) {
        free(threads);
        free(runners);
        set_fatal(e, NULL);
        return;
    }
    for (unsigned i = 0; i < jobs; i++)
        runners[i] = (runner){.e = e, .retires = i == 0};
    unsigned started = 0; /* threads beside the caller, runners[1..] */
    while (started + 1 < jobs &&
           pthread_create(&threads[started], NULL, run_tasks,
                          &runners[started + 1]) == 0)
        started++; /* with fewer threads, the run is only slower */
    run_tasks(&runners[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    free(runners);
    if (e->reader_fatal)
        set_fatal(e, e->reader_fatal);
    e->reader_fatal = NULL;
}

/* Puts the quarantine file in place (also after a failed or interrupted
 * run: it holds what failed, and --resume takes it back), or removes it
 * and fails the run when one of its writes failed. */
static void commit_quarantine(engine *e)
{
    char *message = NULL;
    if (e->quarantine && sl_quarantine_commit(e->quarantine, &message) != 0)
        set_fatal(e, message);
    e->quarantine = NULL;
    message = NULL;
    if (e->rejects && sl_quarantine_commit(e->rejects, &message) != 0)
        set_fatal(e, message);
    e->rejects = NULL;
}

/* What the run was: the version, when it started, its inputs and the
 * effective pipeline; added to the stats for the report. */
static void describe_run(const engine *e, json_t *root)
{
    char started[32] = "";
    time_t t = e->started;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *inputs = json_array();
    for (size_t i = 0; inputs && i < e->n_inputs; i++)
        json_array_append_new(inputs, json_string(e->inputs[i]));
    json_object_set_new(root, "sluice_version", json_string(PACKAGE_VERSION));
    json_object_set_new(root, "started", json_string(started));
    json_object_set_new(root, "inputs", inputs ? inputs : json_null());
    if (e->o->pipeline_path)
        json_object_set_new(root, "pipeline_file",
                            json_string(e->o->pipeline_path));
    json_t *effective = sl_pipeline_effective(e->p);
    json_object_set_new(root, "pipeline", effective ? effective : json_null());
    if (e->census) {
        json_t *census = sl_census_json(e->census);
        json_object_set_new(root, "census", census ? census : json_null());
    }
}

/* Writes the --stats file and the --report page; a failure fails the
 * run. */
static void write_stats(engine *e)
{
    if (!e->o->stats_path && !e->o->report_path)
        return;
    json_t *stages = json_array();
    for (size_t i = 0; stages && i < e->p->n_stages; i++)
        json_array_append_new(
            stages,
            sl_stats_stage_json(e->p->stages[i].name, &e->stats[i], e->ctx[i],
                                json_array_get(e->earlier_stages, i)));
    bool complete = !e->fatal && !e->result.interrupted;
    json_t *root = stages ? sl_stats_json(&e->result, e->reader_failures,
                                          stages, &e->o->info, complete)
                          : NULL;
    if (root && e->input_stats)
        json_object_set(root, "input", e->input_stats);
    /* what cannot spread over more threads: reading and parsing input
     * (the ordered stages' share is their own seconds) */
    if (root)
        json_object_set_new(root, "reader_seconds",
                            json_real(e->reader_seconds));
    /* and what the ordered thread spent taking records in order: the
     * ordered stages' work less what their prepare steps did on the
     * workers, and the engine's accounting */
    if (root)
        json_object_set_new(root, "ordered_seconds",
                            json_real(e->ordered_seconds));
    json_decref(stages);
    if (!root) {
        set_fatal(e, NULL);
        return;
    }
    describe_run(e, root);
    char *message = NULL;
    if (e->o->stats_path &&
        sl_stats_write(e->o->stats_path, root, &message) != 0)
        set_fatal(e, message);
    else if (e->o->report_path &&
             sl_report_write(e->o->report_path, root, &message) != 0)
        set_fatal(e, message);
    json_decref(root);
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
        if (flush_stages(e) == 0 && e->checkpoint_path)
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
            write_checkpoint(e, e->skip + e->n_done);
        if (!e->fatal) {
            sl_outputs_set_keep_temps(true);
            char *m = sl_text_printf("interrupted by signal %d after %llu "
                                     "records; run again with --resume to "
                                     "continue",
                                     e->interrupted,
                                     (unsigned long long)e->skip + e->n_done);
            report(e, SL_LOG_WARN, m ? m : "interrupted");
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
        run_threads(e);
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
    run_threads(e);
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
    e.start = now_seconds();
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
        set_fatal(&e, NULL);
    if (options->handle_signals) {
        sl_signals_install();
        sl_input_set_stop_fd(sl_signals_wake_fd());
    }
    if (!e.fatal && init_stages(&e) == 0 && plan_checkpoints(&e) == 0 &&
        open_reader(&e, inputs, n) == 0 && resume_from_checkpoint(&e) == 0 &&
        open_quarantine(&e) == 0 && open_rejects(&e) == 0) {
        if (make_ring(&e) < 0)
            set_fatal(&e, NULL);
        else {
            if (e.checkpoint_path) /* resumable from the first record on */
                write_checkpoint(&e, e.skip);
            sl_progress_begin(&e.progress, now_seconds(), e.result.docs_in,
                              e.result.bytes_in, e.range_start, e.range_end,
                              e.skip > 0);
            if (!e.fatal)
                run_with_crash_report(&e);
        }
        finish_run(&e);
    }
    show_progress(&e, true);
    commit_quarantine(&e);
    e.result.interrupted = e.fatal ? 0 : e.interrupted;
    e.input_stats = sl_reader_stats_json(e.reader);
    sl_reader_close(e.reader);
    e.result.wall_seconds = now_seconds() - e.start;
    for (size_t i = 0; i < sl_outputs_count(); i++)
        e.result.bytes_out += sl_output_bytes(sl_outputs_get(i));
    e.result.bytes_out += sl_outputs_closed_bytes();
    if (isolate)
        e.result.crashes = (unsigned)isolate->n_crashes;
    if (e.ctx)
        write_stats(&e);
    free_ring(&e);
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
