/* tests/plugins/threadwatch.c - an ordered stage that watches how the
 * core calls it, for tests/engine/ordered-threads.sh. Built twice:
 * `threadwatch` sets SL_STAGE_ORDERED alone, `threadwatch_any` also
 * SL_STAGE_ANY_THREAD (ABI 1.5). It counts, in --stats:
 *   calls            documents seen;
 *   calls.moved      calls on another thread than the one before;
 *   calls.overlapped calls that began while another had not returned;
 *   order.broken     documents whose id ("page-N" from bench/gencorpus)
 *                    is not after the last one's (kept in the state,
 *                    written by the call before, on whatever thread).
 * A core that keeps its promises leaves calls.overlapped and
 * order.broken at 0, and calls.moved at 0 for `threadwatch`.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>

#ifdef THREADWATCH_ANY
#define THREADWATCH_NAME "threadwatch_any"
#define THREADWATCH_SYMBOL threadwatch_any_LTX_sluice_plugin
#define THREADWATCH_FLAGS (SL_STAGE_ORDERED | SL_STAGE_ANY_THREAD)
#else
#define THREADWATCH_NAME "threadwatch"
#define THREADWATCH_SYMBOL threadwatch_LTX_sluice_plugin
#define THREADWATCH_FLAGS SL_STAGE_ORDERED
#endif

typedef struct threadwatch_state {
    atomic_int inside; /* calls that have begun and not returned */
    unsigned long long calls;
    pthread_t last_thread;
    long long last_number; /* of the last id; -1 before the first */
} threadwatch_state;

static sl_status threadwatch_init(sl_ctx *ctx, void *state)
{
    (void)ctx;
    threadwatch_state *st = state;
    st->last_number = -1;
    return SL_OK;
}

/* N of an id "page-N" (bench/gencorpus), or -1. */
static long long id_number(const char *id)
{
    const char *dash = id ? strrchr(id, '-') : NULL;
    if (!dash || dash[1] < '0' || dash[1] > '9')
        return -1;
    return strtoll(dash + 1, NULL, 10);
}

static sl_status threadwatch_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    threadwatch_state *st = state;
    if (atomic_fetch_add(&st->inside, 1) != 0)
        sl_count(ctx, "calls.overlapped", 1);
    pthread_t self = pthread_self();
    if (st->calls > 0 && !pthread_equal(self, st->last_thread))
        sl_count(ctx, "calls.moved", 1);
    st->last_thread = self;
    long long number = id_number(doc->id);
    if (number >= 0) {
        if (number <= st->last_number)
            sl_count(ctx, "order.broken", 1);
        st->last_number = number;
    }
    st->calls++;
    sl_count(ctx, "calls", 1);
    atomic_fetch_sub(&st->inside, 1);
    return SL_OK;
}

const sl_plugin THREADWATCH_SYMBOL = {
    SL_PLUGIN_ABI,
    .name = THREADWATCH_NAME,
    .summary = "counts how the core calls an ordered stage",
    .version = "0",
    .state_size = sizeof(threadwatch_state),
    .flags = THREADWATCH_FLAGS,
    .init = threadwatch_init,
    .process = threadwatch_process,
};
