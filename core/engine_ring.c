/* core/engine_ring.c - the ring of slots that records go through: its
 * size for the run's threads, each slot's own stage contexts, statistics
 * and line store (made once, so no thread frees what another allocated),
 * emptying a slot for its next record, and freeing the ring.
 */
#include "engine_ring.h"

#include <stdlib.h>

#include "engine_work.h"

enum {
    SLOTS_PER_JOB = 16, /* room for the batches of claim_count and
                           count_retirable: with 8, -j2 waited twice as
                           often for a slot its owner had not freed yet */
    MIN_SLOTS = 16,
    READ_AHEAD_PER_JOB = 3 /* records read ahead per thread (-j2 and up) */
};

/* True when the slot's context of stage i holds counters or details to
 * merge (and then to clear). */
bool sl_engine_ctx_used(const slot *s, size_t i)
{
    return sl_ctx_counter_count(s->ctx[i]) > 0 || sl_ctx_details(s->ctx[i]);
}

/* Empties the slot's contexts where the record used them (merged by
 * then), in place: a context is made once per slot, so no thread frees
 * what another one allocated. */
void sl_engine_clear_contexts(const engine *e, slot *s)
{
    for (size_t i = 0; s->ctx && i < e->n_prepared; i++)
        if (s->ctx[i] && sl_engine_ctx_used(s, i))
            sl_ctx_clear_counters(s->ctx[i]);
}

void sl_engine_release_slot(const engine *e, slot *s)
{
    sl_engine_free_prepared(e, s);
    s->line = NULL;
    sl_doc_runs_clear(&s->runs);
    sl_read_error_clear(&s->err);
    s->bad = false;
    s->crash = NULL;
}

int sl_engine_make_ring(engine *e)
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
            if (!(s->ctx[i] = sl_engine_new_ctx(e, i)))
                return -1;
    }
    return 0;
}

void sl_engine_free_ring(engine *e)
{
    for (size_t k = 0; e->ring && k < e->window; k++) {
        slot *s = &e->ring[k];
        sl_engine_release_slot(e, s);
        sl_doc_runs_free(&s->runs);
        sl_deferred_line_free(s->line_store);
        for (size_t i = 0; s->ctx && i < e->n_prepared; i++)
            sl_ctx_free(s->ctx[i]);
        free(s->ctx);
        free(s->stats);
    }
    free(e->ring);
}
