/* core/engine_retire.c - the retiring turn of a run: finished records are
 * taken strictly in record order, a batch of them per take of the ring's
 * lock (count_retirable), through the ordered stages (engine_ordered.c);
 * then a checkpoint and the progress line when they are due, and the
 * slots go back to the threads that own them. One thread at a time holds
 * the turn: the calling one, or any when every ordered stage allows it
 * (engine_threads.c).
 */
#include "engine_retire.h"

#include "engine_clock.h"
#include "engine_isolate.h"
#include "engine_ordered.h"
#include "engine_outputs.h"
#include "engine_resumable.h"

enum { RETIRE_MOST = 8 /* records retired per take of the lock */ };

void sl_engine_show_progress(engine *e, bool final)
{
    if (!e->o->progress || !e->o->progress_fn)
        return;
    double now = sl_monotonic_seconds();
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
bool sl_engine_may_retire(const engine *e)
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
        sl_engine_merge_slot(e, s);
        sl_engine_finish_record(e, rec, s);
        /* a worker process of --isolate writes each record out: its
         * supervisor counts it written once retired */
        if (e->iso)
            sl_outputs_flush_streams();
        else
            sl_outputs_record_done();
        if (sl_outputs_failed())
            sl_engine_set_fatal(e, sl_outputs_failure());
    }
    e->position_done = s->position;
    if (e->iso)
        sl_isolate_note_retired(e->skip + rec + 1);
    if (stopping || e->fatal)
        return true;
    sl_engine_maybe_checkpoint(e, e->skip + rec + 1);
    sl_engine_show_progress(e, false);
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
void sl_engine_retire_records(engine *e)
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
        sl_engine_wake_idle(e); /* room in the ring, or the run's end */
    } while (e->n_done < e->n_read &&
             slot_of(e, e->n_done)->state == SLOT_DONE);
}
