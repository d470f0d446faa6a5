/* core/engine_stages.c - starting and finishing a run's stages: their
 * contexts and init, where the ordered stages begin, which of them
 * prepare on the workers and whether they may run on any thread, and at
 * the end flush, with what a stage emits in flush going through the
 * later stages first.
 */
#include "engine_stages.h"

#include <stdlib.h>
#include <string.h>

#include "engine_fates.h"
#include "engine_ordered.h"
#include "engine_work.h"
#include "loader.h"
#include "messages.h"

static bool has_prepare(const sl_plugin *plugin)
{
    return plugin->abi_minor >= 4 && plugin->prepare;
}

/* Whether the stage may run on any thread when it runs in order: an
 * unordered one (it runs on any thread anyway) or an ordered one that
 * says so; see SL_STAGE_ANY_THREAD. */
static bool runs_on_any_thread(const sl_plugin *plugin)
{
    return !(plugin->flags & SL_STAGE_ORDERED) ||
           sl_plugin_ordered_on_any_thread(plugin);
}

int sl_engine_init_stages(engine *e)
{
    sl_pipeline *p = e->p;
    e->ctx = calloc(p->n_stages + 1, sizeof *e->ctx);
    e->stats = calloc(p->n_stages + 1, sizeof *e->stats);
    if (!e->ctx || !e->stats) {
        sl_engine_set_fatal(e, NULL);
        return -1;
    }
    e->n_unordered = p->n_stages;
    for (size_t i = 0; i < p->n_stages; i++) {
        if (p->stages[i].plugin->flags & SL_STAGE_ORDERED) {
            e->n_unordered = i;
            break;
        }
    }
    e->retire_any_thread = true;
    for (size_t i = e->n_unordered; i < p->n_stages; i++)
        if (!runs_on_any_thread(p->stages[i].plugin))
            e->retire_any_thread = false;
    e->n_prepared = e->n_unordered;
    while (e->n_prepared < p->n_stages &&
           has_prepare(p->stages[e->n_prepared].plugin))
        e->n_prepared++;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        if (!(e->ctx[i] = sl_engine_new_ctx(e, i))) {
            sl_engine_set_fatal(e, NULL);
            return -1;
        }
        stage->initialised = 1;
        if (stage->plugin->init &&
            stage->plugin->init(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            sl_engine_set_fatal(
                e, sl_text_printf("stage '%s' could not start: %s", stage->name,
                                  why ? why : "init failed"));
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
        char *broken = e->fatal ? NULL : sl_engine_broken_by_stage(e, docs[j]);
        if (broken)
            sl_engine_fail_stage(e, e->n_done, docs[j], i, broken);
        else if (!e->fatal)
            sl_engine_finish_doc(e, e->n_done, docs[j], i + 1, 0, NULL);
        free(broken);
        sl_doc_free(docs[j]);
    }
    free(docs);
}

int sl_engine_flush_stages(engine *e)
{
    sl_pipeline *p = e->p;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        if (!stage->plugin->flush)
            continue;
        if (stage->plugin->flush(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            sl_engine_set_fatal(
                e, sl_text_printf("stage '%s' could not finish: %s",
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
