/* core/engine_ordered.c - the ordered stages, run on the retiring thread
 * strictly in record order: a retired record's counters are merged into
 * the run's, then its document and those emitted from it, as the
 * unordered stages left them, go through the remaining stages (with what
 * their prepare steps made) and are accounted for: kept, dropped or
 * failed (engine_fates.c).
 */
#include "engine_ordered.h"

#include <stdlib.h>
#include <string.h>

#include "crash_report.h"
#include "engine_clock.h"
#include "engine_fates.h"
#include "engine_isolate.h"
#include "engine_outputs.h"
#include "engine_ring.h"
#include "engine_work.h"

/* Folds the slot's counters into the run's; the slot's owner empties its
 * contexts when it releases it (sl_engine_clear_contexts). */
void sl_engine_merge_slot(engine *e, slot *s)
{
    for (size_t i = 0; i < e->n_prepared; i++) {
        sl_stage_stats_add(&e->stats[i], &s->stats[i]);
        memset(&s->stats[i], 0, sizeof s->stats[i]);
        if (sl_engine_ctx_used(s, i))
            sl_ctx_merge_counters(e->ctx[i], s->ctx[i]);
    }
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
void sl_engine_finish_doc(engine *e, uint64_t rec, sl_doc *doc, size_t from,
                          double seconds, void **prepared)
{
    sl_census_outcome outcome = SL_CENSUS_KEPT;
    sl_doc_runs emitted = {0};
    size_t i = from;
    for (; i < e->p->n_stages && !e->fatal; i++) {
        sl_isolate_note(e->skip + rec, i);
        sl_crash_report_note(doc, i);
        double start = sl_monotonic_seconds();
        sl_status status = run_ordered_stage(e, i, doc, prepared);
        sl_isolate_note(0, SIZE_MAX);
        sl_crash_report_note(NULL, 0);
        double spent = (sl_monotonic_seconds() - start) * e->retire_share;
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
                sl_engine_set_fatal(e, strdup("out of memory keeping emitted "
                                              "documents"));
        }
        free(docs);
        if (status == SL_OK &&
            (reason = sl_engine_broken_by_stage(e, doc)) != NULL) {
            e->stats[i].failed++;
            e->stats[i].bytes_failed += doc->raw_len;
            sl_engine_fail_stage(e, rec, doc, i, reason);
            free(reason);
            outcome = SL_CENSUS_FAILED;
            break;
        }
        if (status == SL_OK)
            continue;
        if (status == SL_DROP) {
            e->stats[i].dropped++;
            e->stats[i].bytes_dropped += doc->raw_len;
            sl_engine_drop_document(e, rec, doc, i, reason, detail);
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
            sl_engine_set_fatal(e, sl_outputs_failure());
            sl_ctx_clear_error(e->ctx[i]);
            break;
        }
        const char *why = sl_ctx_error(e->ctx[i]);
        sl_engine_fail_stage(e, rec, doc, i, why ? why : "failed");
        sl_ctx_clear_error(e->ctx[i]);
        break;
    }
    if (i == e->p->n_stages) {
        e->result.docs_kept++;
        sl_engine_tell_fate(e, SL_FATE_KEPT, doc->id, NULL, NULL, NULL);
    }
    if (i == e->p->n_stages || outcome != SL_CENSUS_KEPT)
        sl_engine_take_census(e, doc, seconds, outcome);
    e->result.docs_emitted += emitted.n;
    for (size_t j = 0; j < emitted.n && !e->fatal; j++) {
        sl_doc_run *r = &emitted.items[j];
        char *broken = sl_engine_broken_by_stage(e, r->doc);
        if (broken) {
            sl_engine_fail_stage(e, rec, r->doc, r->start - 1, broken);
            sl_engine_take_census(e, r->doc, 0, SL_CENSUS_FAILED);
        } else {
            sl_engine_finish_doc(e, rec, r->doc, r->start, 0, NULL);
        }
        free(broken);
    }
    sl_doc_runs_free(&emitted);
}

/* Accounts for one record: its document and those emitted from it, as
 * the unordered stages left them, go through the ordered stages in
 * order. */
void sl_engine_finish_record(engine *e, uint64_t rec, slot *s)
{
    if (s->bad) {
        sl_engine_fail_read(e, rec, s);
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
        sl_engine_fail_stage(e, rec, doc, s->crash->stage, why);
        sl_engine_take_census(e, doc, 0, SL_CENSUS_FAILED);
        return;
    }
    e->result.docs_emitted += s->runs.n - 1;
    for (size_t k = 0; k < s->runs.n && !e->fatal; k++) {
        sl_doc_run *r = &s->runs.items[k];
        if (r->status == SL_DROP) {
            sl_engine_drop_document(e, rec, r->doc, r->stage, r->reason,
                                    r->detail);
            sl_engine_take_census(e, r->doc, r->seconds, SL_CENSUS_DROPPED);
        } else if (r->status == SL_ERROR) {
            sl_engine_fail_stage(e, rec, r->doc, r->stage,
                                 r->reason ? r->reason : "failed");
            sl_engine_take_census(e, r->doc, r->seconds, SL_CENSUS_FAILED);
        } else {
            sl_engine_finish_doc(e, rec, r->doc,
                                 r->start > e->n_unordered ? r->start
                                                           : e->n_unordered,
                                 r->seconds, r->prepared);
        }
    }
}
