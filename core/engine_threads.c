/* core/engine_threads.c - the threads of a run and the loop each one runs:
 * the calling thread and jobs - 1 more take turns reading
 * (engine_read.c; not the calling thread, while others run, when a read
 * may wait on a stream) and retiring (engine_retire.c: the calling
 * thread, or any when the ordered stages allow it), claim a few waiting
 * records at a time to run the stages that need no order on
 * (engine_work.c), compress the blocks gzip outputs leave waiting
 * (gzip_blocks.h), give back the slots of their own records once
 * retired, and wait on the ring's condition when there is nothing to
 * do; the CPU time of the reading and retiring turns.
 */
#include "engine_threads.h"

#include <stdlib.h>

#include "engine_clock.h"
#include "engine_outputs.h"
#include "gzip_blocks.h"
#include "input_wait.h"
#include "spares.h"
#include "engine_read.h"
#include "engine_retire.h"
#include "engine_ring.h"
#include "engine_work.h"

enum { CLAIM_MOST = 4 /* records a thread takes to work on at once */ };

/* Set on the calling thread, the one that retires records when an input
 * may wait (may_retire_here): then the only thread that writes the
 * streams' buffers (engine_outputs.h). */
static _Thread_local bool retiring_thread;

/* Called by the reader before it waits for input (input_wait.h): the
 * finished records a stream holds go out first, so that a slow producer
 * does not hold them back. Only on the retiring thread; a reading thread
 * beside it leaves them to the retiring thread, which writes them before
 * it waits itself. */
static void flush_before_input_wait(void)
{
    if (retiring_thread)
        sl_outputs_flush_streams();
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
    sl_cpu_share clock;
    bool retires; /* the calling thread: ordered stages stay on one thread */
    uint64_t oldest, newest; /* the list's ends, when n > 0 */
    size_t n;
} runner;

/* Whether the thread may take the retiring turn: the calling thread, or
 * any thread when every ordered stage may run on any thread
 * (SL_STAGE_ANY_THREAD) and no input may wait. Then a thread that
 * finishes the records next in order retires them itself, and writes the
 * bytes its prepare steps made while they are in its core's cache. With
 * an input that may wait, the calling thread keeps the turn: it writes
 * the finished records out before a read waits (flush_before_input_wait),
 * which it may do only while no other thread retires. */
static bool may_retire_here(const runner *r)
{
    return r->retires || (r->e->retire_any_thread && !r->e->input_may_wait);
}

/* Whether the thread may take the reading turn. The retiring thread
 * leaves it to the others when a read may wait for input (a pipe, a
 * FIFO): a record the others finish meanwhile would wait for the next
 * input to be retired and written. Under the lock. */
static bool may_read(const runner *r)
{
    return !r->retires || !r->e->input_may_wait || r->e->helpers == 0;
}

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
        sl_engine_wake_idle(e); /* they can be retired */
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
        sl_engine_work_record(e, first + k, slot_of(e, first + k), skip,
                              &r->clock);
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
        sl_engine_release_slot(e, slot_of(e, rec));
        sl_engine_clear_contexts(e, slot_of(e, rec));
    }
    pthread_mutex_lock(&e->lock);
    for (size_t j = 0; j < k; j++) {
        slot *s = slot_of(e, r->oldest);
        r->oldest = s->next_owned; /* read before the slot goes back */
        s->state = SLOT_EMPTY;
    }
    r->n -= k;
    sl_engine_wake_idle(e); /* the reader may wait for one of these slots */
}

/* The loop of every thread of the run, the caller's included: retire
 * finished records in order when the next one is finished (see
 * may_retire_here), else read when too few records wait, else run the
 * stages on the next waiting record, else wait; and first of all free
 * its own retired records. One thread at a time reads and one retires;
 * reading is a turn any thread may take, so -j1 runs everything on the
 * calling thread, with no hand-off, and no thread waits while there is
 * something it can do. */
static void *run_tasks(void *arg)
{
    runner *r = arg;
    engine *e = r->e;
    thread_times t = {.cpu_start = sl_thread_cpu_seconds(),
                      .wall_start = sl_monotonic_seconds()};
    sl_cpu_share_start(&r->clock);
    r->clock.share = 1.0;
    retiring_thread = r->retires;
    pthread_mutex_lock(&e->lock);
    for (;;) {
        if (may_release(r)) {
            release_owned(r);
        } else if (may_retire_here(r) && sl_engine_may_retire(e)) {
            e->retiring = true;
            double start = sl_monotonic_seconds();
            e->retire_share = sl_cpu_share_at(&r->clock, start);
            sl_engine_retire_records(e);
            t.retiring += sl_monotonic_seconds() - start;
            e->retiring = false;
            sl_engine_wake_idle(e);
        } else if (!e->reading && may_read(r) && sl_engine_read_wanted(e)) {
            e->reading = true;
            double start = sl_monotonic_seconds();
            sl_engine_read_records(e);
            t.reading += sl_monotonic_seconds() - start;
            e->reading = false;
            sl_engine_wake_idle(e);
        } else if (!r->retires && sl_gzip_blocks_waiting()) {
            /* a block of a gzip output, before more records: its writer
             * needs it back. Not on the retiring thread, which compresses
             * only when too many wait (gzip_blocks.c): taking every block
             * as well there cost a fifth more CPU time at -j2 (deflate's
             * tables and the stages' data in turn in one core's cache) */
            pthread_mutex_unlock(&e->lock);
            sl_gzip_blocks_work_one();
            pthread_mutex_lock(&e->lock);
        } else if (e->n_claimed < e->n_read) {
            work_claimed(r);
        } else if (run_over(e)) {
            break;
        } else if (may_retire_here(r) && !e->retiring &&
                   sl_outputs_streams_hold_records()) {
            /* nothing to do for now: the finished records go out before
             * the wait, which may be long; with the retiring turn, since
             * retiring fills the streams' buffers */
            e->retiring = true;
            pthread_mutex_unlock(&e->lock);
            sl_outputs_flush_streams();
            pthread_mutex_lock(&e->lock);
            e->retiring = false;
        } else {
            double start = sl_monotonic_seconds();
            e->idle++;
            pthread_cond_wait(&e->cv_idle, &e->lock);
            e->idle--;
            t.waited += sl_monotonic_seconds() - start;
            sl_cpu_share_start(&r->clock); /* a window holds no wait */
        }
    }
    double cpu = sl_thread_cpu_seconds() - t.cpu_start;
    double busy = sl_monotonic_seconds() - t.wall_start - t.waited;
    double share = busy > 0 && cpu < busy ? cpu / busy : 1.0;
    e->reader_seconds += t.reading * share;
    e->ordered_seconds += t.retiring * share;
    if (!r->retires)
        e->helpers--;
    sl_engine_wake_idle(e);
    pthread_mutex_unlock(&e->lock);
    return NULL;
}

/* Runs the run's loop on the calling thread and on jobs - 1 more, then
 * joins them. */
void sl_engine_run_threads(engine *e)
{
    unsigned jobs = e->o->info.jobs ? e->o->info.jobs : 1;
    pthread_t *threads = calloc(jobs, sizeof *threads);
    runner *runners = calloc(jobs, sizeof *runners);
    if (!threads || !runners) {
        free(threads);
        free(runners);
        sl_engine_set_fatal(e, NULL);
        return;
    }
    for (unsigned i = 0; i < jobs; i++)
        runners[i] = (runner){.e = e, .retires = i == 0};
    if (e->input_may_wait) /* a regular file never waits */
        sl_input_set_wait_hook(flush_before_input_wait);
    unsigned started = 0; /* threads beside the caller, runners[1..] */
    while (started + 1 < jobs &&
           pthread_create(&threads[started], NULL, run_tasks,
                          &runners[started + 1]) == 0) {
        started++; /* with fewer threads, the run is only slower */
        pthread_mutex_lock(&e->lock);
        e->helpers++; /* before the caller's loop starts: see may_read */
        pthread_mutex_unlock(&e->lock);
    }
    run_tasks(&runners[0]);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    sl_input_set_wait_hook(NULL);
    free(threads);
    free(runners);
    sl_spares_drop(); /* the calling thread's; the others' went with them */
    if (e->reader_fatal)
        sl_engine_set_fatal(e, e->reader_fatal);
    e->reader_fatal = NULL;
}
