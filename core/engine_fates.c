/* core/engine_fates.c - what becomes of a document that fails or is
 * dropped, on the retiring thread: the message, the quarantine or rejects
 * entry, the fate callback (sluice test-stage), the `dropped` callback of
 * the later ordered stages, and the census for --stats and --report.
 */
#include "engine_fates.h"

#include <stdlib.h>
#include <string.h>

#include "engine_isolate.h"
#include "engine_outputs.h"
#include "messages.h"

/* Writes a failed document's entry; true when it went to the file. */
static bool quarantine(engine *e, uint64_t rec, const sl_quarantine_entry *q)
{
    if (!e->quarantine || e->p->on_error == SL_ON_ERROR_SKIP)
        return false;
    sl_quarantine_entry entry = *q;
    entry.record_no = e->skip + rec;
    if (sl_quarantine_write(e->quarantine, &entry) != 0) {
        const char *why = sl_quarantine_failure(e->quarantine);
        sl_engine_set_fatal(
            e, strdup(why ? why : "cannot write the quarantine file"));
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

void sl_engine_tell_fate(const engine *e, sl_doc_fate fate, const char *id,
                         const char *stage, const char *reason,
                         const json_t *detail)
{
    if (e->o->fate)
        e->o->fate(fate, id, stage, reason, detail, e->o->fate_user);
}

void sl_engine_fail_read(engine *e, uint64_t rec, slot *s)
{
    sl_read_error *err = &s->err;
    e->result.docs_in++;
    e->result.docs_failed++;
    e->reader_failures++;
    if (!replayed(e, rec))
        sl_engine_report(e, SL_LOG_ERROR,
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
    sl_engine_tell_fate(e, SL_FATE_FAILED, NULL, NULL,
                        err->message ? err->message : "unreadable input", NULL);
    if (e->p->on_error == SL_ON_ERROR_ABORT)
        sl_engine_set_fatal(
            e, sl_text_printf("%s (on_error is abort)",
                              err->message ? err->message : "input failed"));
}

void sl_engine_fail_stage(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
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
        sl_engine_report(e, SL_LOG_ERROR, message ? message : why);
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
    sl_engine_tell_fate(e, SL_FATE_FAILED, doc->id, name, why, NULL);
    if (e->p->on_error == SL_ON_ERROR_ABORT)
        sl_engine_set_fatal(e, sl_text_printf("%s (on_error is abort)",
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
        sl_engine_set_fatal(
            e, strdup(why ? why : "cannot write the rejects file"));
    }
}

/* Accounts for a document that stage `stage` dropped: the rejects file,
 * then the `dropped` callback of every later ordered stage. */
void sl_engine_drop_document(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
                             const char *reason, const json_t *detail)
{
    const char *name = e->p->stages[stage].name;
    const char *why = reason ? reason : "unspecified";
    e->result.docs_dropped++;
    write_reject(e, rec, doc, name, why, detail);
    sl_engine_tell_fate(e, SL_FATE_DROPPED, doc->id, name, why, detail);
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
            sl_engine_set_fatal(
                e, sl_outputs_failed()
                       ? sl_outputs_failure()
                       : sl_text_printf("stage '%s' could not take "
                                        "dropped document '%s': %s",
                                        later->name, doc->id,
                                        fail ? fail : "failed"));
            sl_ctx_clear_error(e->ctx[i]);
        }
    }
}

/* Counts a document that went through the stages in the census, with
 * the CPU time the stages spent on it. */
void sl_engine_take_census(engine *e, const sl_doc *doc, double seconds,
                           sl_census_outcome outcome)
{
    if (e->census && sl_census_add(e->census, doc, outcome, seconds) != 0)
        sl_engine_set_fatal(e, NULL);
}
