/* core/engine_state.c - the helpers every part of a run uses on its
 * shared state (engine_state.h): the run's log, its error, a stage's
 * context, and waking the threads that wait for something to do.
 */
#include "engine_state.h"

#include <stdlib.h>
#include <string.h>

void sl_engine_report(const engine *e, sl_log_level level, const char *message)
{
    if (e->o->log)
        e->o->log(level, NULL, message, e->o->log_user);
}

void sl_engine_set_fatal(engine *e, char *message)
{
    if (!e->fatal)
        e->fatal = message ? message : strdup("out of memory");
    else
        free(message);
}

sl_ctx *sl_engine_new_ctx(const engine *e, size_t stage)
{
    sl_ctx *ctx = sl_ctx_new(e->p->stages[stage].name, &e->o->info);
    if (ctx)
        sl_ctx_set_logger(ctx, e->o->log, e->o->log_user);
    return ctx;
}

void sl_engine_wake_idle(engine *e)
{
    if (e->idle > 0)
        pthread_cond_broadcast(&e->cv_idle);
}
