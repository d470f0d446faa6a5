/* core/engine_work.c - the stages that need no order, run by whichever
 * thread claimed a record: parsing its JSONL line, the unordered stages
 * on its document and on the documents they emit (in order, each from the
 * stage after the one that emitted it), the prepare step of the ordered
 * stages that have one, and the turning of the stages' monotonic seconds
 * into CPU seconds. --check-docs is checked here after every stage.
 */
#include "engine_work.h"

#include <stdlib.h>
#include <string.h>

#include "crash_report.h"
#include "docs.h"
#include "engine_isolate.h"
#include "messages.h"

/* --check-docs: the reason a stage that kept doc broke it (malloc'd), or
 * NULL when the document holds (or the run does not check). */
char *sl_engine_broken_by_stage(const engine *e, const sl_doc *doc)
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
        if ((r->reason = sl_engine_broken_by_stage(e, r->doc)) != NULL) {
            r->status = SL_ERROR; /* the emitting stage broke it */
            r->stage = i;
        }
    }
    free(docs);
    return inserted;
}

/* Runs document k of the slot through stages [start, n_unordered).
 * Returns the monotonic clock's last reading. */
static double run_unordered_doc(engine *e, uint64_t rec, slot *s, size_t k)
{
    /* one clock reading between two stages: it ends one and starts the
     * next; monotonic seconds, which sl_engine_work_record turns into CPU
     * seconds */
    double start = sl_monotonic_seconds();
    for (size_t i = s->runs.items[k].start; i < e->n_unordered; i++) {
        sl_stage *stage = &e->p->stages[i];
        sl_doc *doc = s->runs.items[k].doc;
        sl_isolate_note(e->skip + rec, i);
        sl_crash_report_note(doc, i);
        sl_status status = stage->plugin->process(s->ctx[i], stage->state, doc);
        double end = sl_monotonic_seconds();
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
        if (status == SL_OK && !(reason = sl_engine_broken_by_stage(e, doc)))
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
    return start;
}

/* Runs stages [0, n_unordered) on the slot's document, then on each
 * document emitted from it, in order. Returns the monotonic clock's last
 * reading, or 0 when it was not read. */
static double run_unordered(engine *e, uint64_t rec, slot *s)
{
    sl_doc_run *first = &s->runs.items[0];
    sl_doc *doc = first->doc;
    if (doc->content_type == SL_CONTENT_TEXT && doc->n_blocks == 0 &&
        sl_doc_split_lines(doc) < 0) {
        first->status = SL_ERROR;
        first->stage = 0;
        first->reason = strdup("out of memory splitting lines");
        return 0;
    }
    double now = 0;
    for (size_t k = 0; k < s->runs.n; k++)
        now = run_unordered_doc(e, rec, s, k);
    sl_isolate_note(0, SIZE_MAX);
    sl_crash_report_note(NULL, 0);
    return now;
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
 * on each document of the slot the unordered stages kept. now: the
 * monotonic clock's reading at the end of the unordered stages (0: none),
 * the start of the first prepare step. Returns the clock's last reading,
 * or 0. */
static double prepare_docs(engine *e, uint64_t rec, slot *s, double now)
{
    size_t n = e->n_prepared - e->n_unordered;
    for (size_t k = 0; n > 0 && k < s->runs.n; k++) {
        sl_doc_run *r = &s->runs.items[k];
        if (r->status != SL_OK || r->start > e->n_unordered)
            continue;
        if (!(r->prepared = calloc(n, sizeof *r->prepared)))
            return now; /* the ordered stages do all the work */
        /* see run_unordered_doc; the first step starts where the
         * unordered stages ended */
        double start = k == 0 && now > 0 ? now : sl_monotonic_seconds();
        for (size_t i = e->n_unordered; i < e->n_prepared; i++) {
            sl_stage *stage = &e->p->stages[i];
            sl_isolate_note(e->skip + rec, i);
            sl_crash_report_note(r->doc, i);
            r->prepared[i - e->n_unordered] =
                stage->plugin->prepare(s->ctx[i], stage->state, r->doc);
            forget_prepare_effects(s->ctx[i]);
            double end = sl_monotonic_seconds();
            s->stats[i].seconds += end - start;
            r->seconds += end - start;
            start = end;
        }
        now = start;
    }
    sl_isolate_note(0, SIZE_MAX);
    sl_crash_report_note(NULL, 0);
    return now;
}

/* Frees what the prepare steps made and the ordered stages did not
 * take. */
void sl_engine_free_prepared(const engine *e, slot *s)
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
void sl_engine_work_record(engine *e, uint64_t rec, slot *s, bool skip,
                           sl_cpu_share *clock)
{
    if (s->line && !skip)
        parse_line(s);
    if (s->bad || s->crash || skip)
        return;
    double now = prepare_docs(e, rec, s, run_unordered(e, rec, s));
    /* the share from the clock's last reading: one reading fewer */
    wall_to_cpu_seconds(
        e, s, now > 0 ? sl_cpu_share_at(clock, now) : sl_cpu_share_now(clock));
}
