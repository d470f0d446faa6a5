/* core/ctx.c - stage contexts: failure messages, log forwarding and the
 * per-stage counters behind --stats (see ctx.h and sluice/plugin.h).
 */
#include "ctx.h"

#include "messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct counter {
    const char *name; /* the caller's static string, or a copy for merges */
    char *owned;
    uint64_t value;
} counter;

struct sl_ctx {
    char *stage;
    sl_run_info run;
    char *error;
    sl_log_fn log_fn;
    void *log_user;
    counter *counters;
    size_t n_counters, cap_counters;
};

sl_ctx *sl_ctx_new(const char *stage_name, const sl_run_info *run)
{
    sl_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->stage = strdup(stage_name ? stage_name : "");
    if (!ctx->stage) {
        free(ctx);
        return NULL;
    }
    if (run) {
        ctx->run = *run;
    } else {
        ctx->run.shards = 1;
        ctx->run.jobs = 1;
    }
    return ctx;
}

void sl_ctx_free(sl_ctx *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->n_counters; i++)
        free(ctx->counters[i].owned);
    free(ctx->counters);
    free(ctx->error);
    free(ctx->stage);
    free(ctx);
}

void sl_ctx_set_logger(sl_ctx *ctx, sl_log_fn fn, void *user)
{
    ctx->log_fn = fn;
    ctx->log_user = user;
}

const char *sl_ctx_error(const sl_ctx *ctx) { return ctx->error; }

void sl_ctx_clear_error(sl_ctx *ctx)
{
    free(ctx->error);
    ctx->error = NULL;
}

const sl_run_info *sl_ctx_run_info(const sl_ctx *ctx) { return &ctx->run; }

const char *sl_ctx_stage_name(const sl_ctx *ctx) { return ctx->stage; }

sl_status sl_fail(sl_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = sl_text_vprintf(fmt, ap);
    va_end(ap);
    free(ctx->error);
    ctx->error = msg ? msg : strdup("failed (out of memory)");
    return SL_ERROR;
}

void sl_log(sl_ctx *ctx, sl_log_level level, const char *fmt, ...)
{
    if (!ctx->log_fn)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = sl_text_vprintf(fmt, ap);
    va_end(ap);
    if (msg)
        ctx->log_fn(level, ctx->stage, msg, ctx->log_user);
    free(msg);
}

static counter *find_counter(sl_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->n_counters; i++) {
        counter *c = &ctx->counters[i];
        if (c->name == name || strcmp(c->name, name) == 0)
            return c;
    }
    if (ctx->n_counters == ctx->cap_counters) {
        size_t cap = ctx->cap_counters ? ctx->cap_counters * 2 : 8;
        counter *bigger = realloc(ctx->counters, cap * sizeof *bigger);
        if (!bigger)
            return NULL;
        ctx->counters = bigger;
        ctx->cap_counters = cap;
    }
    counter *c = &ctx->counters[ctx->n_counters++];
    c->name = name;
    c->owned = NULL;
    c->value = 0;
    return c;
}

void sl_count(sl_ctx *ctx, const char *name, uint64_t n)
{
    counter *c = find_counter(ctx, name);
    if (c)
        c->value += n;
}

size_t sl_ctx_counter_count(const sl_ctx *ctx) { return ctx->n_counters; }

const char *sl_ctx_counter_name(const sl_ctx *ctx, size_t i)
{
    return ctx->counters[i].name;
}

uint64_t sl_ctx_counter_value(const sl_ctx *ctx, size_t i)
{
    return ctx->counters[i].value;
}

void sl_ctx_merge_counters(sl_ctx *into, const sl_ctx *from)
{
    for (size_t i = 0; i < from->n_counters; i++) {
        const counter *src = &from->counters[i];
        size_t before = into->n_counters;
        counter *dst = find_counter(into, src->name);
        if (!dst)
            continue;
        if (into->n_counters > before) { /* new here: keep a private copy */
            dst->owned = strdup(src->name);
            if (dst->owned)
                dst->name = dst->owned;
        }
        dst->value += src->value;
    }
}
