/* core/ctx.c - stage contexts: failure messages, log forwarding and the
 * per-stage counters behind --stats (see ctx.h and sluice/plugin.h).
 */
#include "ctx.h"

#include "docs.h"
#include "messages.h"
#include "output_path.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct counter {
    const char *name; /* the caller's static string, or a copy for merges */
    char *owned;
    const char *alias; /* a merged counter: the static string it was
                          merged from last, to be found by address */
    uint64_t value;
    bool used; /* counted since the counters were last cleared */
} counter;

/* A context keeps the counters it has known when it is cleared for the
 * next record (their values zeroed), so that the record's first count of
 * a name finds its counter by address instead of making it anew after
 * comparing the name with every other. The ones counted since the last
 * clear are listed in the order of their first count: the counters the
 * context shows. Past this many kept, a clear forgets them all (names
 * made up at run time, such as drop reasons, could be without end). */
enum { KEPT_COUNTERS_MAX = 64 };

/* A counter found by its name's address lately: a stage counts with a few
 * static strings, record after record, so most look-ups end here instead
 * of walking the counters. A slot is only a hint: it holds when its index
 * is in use and that counter is still found by this address. */
enum { RECENT_COUNTERS = 32 };

typedef struct recent_counter {
    const char *name;
    size_t index;
} recent_counter;

struct sl_ctx {
    char *stage;
    sl_run_info run;
    char *error;
    sl_log_fn log_fn;
    void *log_user;
    counter *counters; /* kept and used ones */
    size_t n_counters, cap_counters;
    size_t *used; /* indexes into counters, in the order of first count */
    size_t n_used, cap_used;
    recent_counter recent[RECENT_COUNTERS];
    json_t *details;     /* sl_stats_detail's values, or NULL */
    bool drop_pending;   /* sl_drop was called during this process call */
    char *drop_reason;   /* its reason (malloc'd) */
    json_t *drop_detail; /* its detail, or NULL */
    sl_doc **emitted;    /* sl_emit's documents of this process call */
    size_t n_emitted, cap_emitted;
};

#define UNSPECIFIED_REASON "unspecified"

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
    free(ctx->used);
    json_decref(ctx->details);
    free(ctx->drop_reason);
    json_decref(ctx->drop_detail);
    for (size_t i = 0; i < ctx->n_emitted; i++)
        sl_doc_free(ctx->emitted[i]);
    free(ctx->emitted);
    free(ctx->error);
    free(ctx->stage);
    free(ctx);
}

void sl_ctx_clear_counters(sl_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_used; i++) {
        counter *c = &ctx->counters[ctx->used[i]];
        c->value = 0;
        c->used = false;
    }
    ctx->n_used = 0;
    if (ctx->n_counters > KEPT_COUNTERS_MAX) {
        for (size_t i = 0; i < ctx->n_counters; i++)
            free(ctx->counters[i].owned);
        ctx->n_counters = 0;
    }
    json_decref(ctx->details);
    ctx->details = NULL;
}

void sl_ctx_set_logger(sl_ctx *ctx, sl_log_fn fn, void *user)
{
    ctx->log_fn = fn;
    ctx->log_user = user;
}

const char *sl_ctx_error(const sl_ctx *ctx)
{
    return ctx->error;
}

void sl_ctx_clear_error(sl_ctx *ctx)
{
    free(ctx->error);
    ctx->error = NULL;
}

const sl_run_info *sl_ctx_run_info(const sl_ctx *ctx)
{
    return &ctx->run;
}

const char *sl_ctx_stage_name(const sl_ctx *ctx)
{
    return ctx->stage;
}

char *sl_ctx_shard_path(const sl_ctx *ctx, const char *path)
{
    return sl_output_expand_shard(path, ctx->run.shard, ctx->run.shards);
}

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

sl_status sl_drop_with(sl_ctx *ctx, const char *reason, json_t *detail)
{
    free(ctx->drop_reason);
    json_decref(ctx->drop_detail);
    ctx->drop_reason = strdup(reason && *reason ? reason : UNSPECIFIED_REASON);
    ctx->drop_detail = detail;
    ctx->drop_pending = true;
    return SL_DROP;
}

sl_status sl_drop(sl_ctx *ctx, const char *reason)
{
    return sl_drop_with(ctx, reason, NULL);
}

/* Forgets a pending drop. */
static void clear_drop(sl_ctx *ctx)
{
    free(ctx->drop_reason);
    json_decref(ctx->drop_detail);
    ctx->drop_reason = NULL;
    ctx->drop_detail = NULL;
    ctx->drop_pending = false;
}

sl_status sl_ctx_settle(sl_ctx *ctx, sl_status returned, char **reason,
                        json_t **detail)
{
    if (returned == SL_ERROR || (returned != SL_DROP && !ctx->drop_pending)) {
        clear_drop(ctx);
        return returned == SL_ERROR ? SL_ERROR : SL_OK;
    }
    char *why = ctx->drop_reason;
    if (!why) /* SL_DROP without sl_drop, or sl_drop out of memory */
        why = strdup(UNSPECIFIED_REASON);
    *detail = ctx->drop_detail;
    ctx->drop_reason = NULL;
    ctx->drop_detail = NULL;
    ctx->drop_pending = false;
    char *counter_name = sl_text_printf("dropped.%s", why ? why : "");
    if (counter_name)
        sl_ctx_count_copy(ctx, counter_name, 1);
    free(counter_name);
    *reason = why;
    return SL_DROP;
}

/* The new document's id: FROM-ID#N. Returns 0 or -1. */
static int set_emitted_id(sl_doc *doc, const char *from_id, size_t n)
{
    char *id = sl_text_printf("%s#%zu", from_id ? from_id : "", n);
    int rc = id ? sl_doc_set_id_copy(doc, id, strlen(id)) : -1;
    free(id);
    return rc;
}

sl_doc *sl_emit(sl_ctx *ctx, const sl_doc *from)
{
    if (ctx->n_emitted == ctx->cap_emitted) {
        size_t cap = ctx->cap_emitted ? ctx->cap_emitted * 2 : 4;
        sl_doc **bigger = realloc(ctx->emitted, cap * sizeof *bigger);
        if (!bigger)
            return NULL;
        ctx->emitted = bigger;
        ctx->cap_emitted = cap;
    }
    sl_doc *doc = sl_doc_new();
    if (!doc)
        return NULL;
    if (!from) { /* from flush: a document of the stage's own */
        if (set_emitted_id(doc, ctx->stage, ctx->n_emitted + 1) < 0) {
            sl_doc_free(doc);
            return NULL;
        }
        ctx->emitted[ctx->n_emitted++] = doc;
        return doc;
    }
    json_t *meta = from->meta ? json_deep_copy(from->meta) : json_object();
    if (!meta || set_emitted_id(doc, from->id, ctx->n_emitted + 1) < 0 ||
        sl_doc_set_source_copy(doc, from->source ? from->source : "") < 0) {
        json_decref(meta);
        sl_doc_free(doc);
        return NULL;
    }
    json_decref(doc->meta);
    doc->meta = meta;
    doc->source_line = from->source_line;
    doc->source_offset = from->source_offset;
    doc->seq = from->seq;
    doc->content_type = SL_CONTENT_TEXT;
    ctx->emitted[ctx->n_emitted++] = doc;
    return doc;
}

size_t sl_ctx_take_emitted(sl_ctx *ctx, sl_doc ***docs)
{
    size_t n = ctx->n_emitted;
    *docs = n ? ctx->emitted : NULL;
    if (n) {
        ctx->emitted = NULL;
        ctx->cap_emitted = 0;
        ctx->n_emitted = 0;
        sl_count(ctx, "emitted", n);
    }
    return n;
}

/* The slot of recent that hints where name's counter is. */
static recent_counter *recent_slot(sl_ctx *ctx, const char *name)
{
    uintptr_t a = (uintptr_t)name;
    return &ctx->recent[((a >> 3) ^ (a >> 9)) % RECENT_COUNTERS];
}

/* Whether counter c is found by the address name. */
static bool found_by_address(const counter *c, const char *name)
{
    return c->name == name || c->alias == name;
}

/* find_counter past its hint (recent): the counters searched, or a new
 * one. Kept out of find_counter, whose common path then needs no frame. */
__attribute__((noinline)) static counter *
find_counter_searched(sl_ctx *ctx, const char *name, recent_counter *recent)
{
    /* by address first: stages count with the same static strings each
     * time, so the names are compared only for a counter's first use */
    for (size_t i = 0; i < ctx->n_counters; i++) {
        counter *c = &ctx->counters[i];
        if (found_by_address(c, name)) {
            recent->name = name;
            recent->index = i;
            return c;
        }
    }
    for (size_t i = 0; i < ctx->n_counters; i++) {
        counter *c = &ctx->counters[i];
        if (strcmp(c->name, name) == 0)
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
    c->alias = NULL;
    c->value = 0;
    c->used = false;
    recent->name = name;
    recent->index = ctx->n_counters - 1;
    return c;
}

/* The counter `name` among those ctx keeps, or a new one; NULL when out
 * of memory. */
static inline counter *find_counter(sl_ctx *ctx, const char *name)
{
    recent_counter *recent = recent_slot(ctx, name);
    if (recent->name == name && recent->index < ctx->n_counters &&
        found_by_address(&ctx->counters[recent->index], name))
        return &ctx->counters[recent->index];
    return find_counter_searched(ctx, name, recent);
}

/* note_used for a counter not yet listed. */
__attribute__((noinline)) static bool list_used(sl_ctx *ctx, counter *c)
{
    if (ctx->n_used == ctx->cap_used) {
        size_t cap = ctx->cap_used ? ctx->cap_used * 2 : 8;
        size_t *bigger = realloc(ctx->used, cap * sizeof *bigger);
        if (!bigger)
            return false;
        ctx->used = bigger;
        ctx->cap_used = cap;
    }
    ctx->used[ctx->n_used++] = (size_t)(c - ctx->counters);
    c->used = true;
    return true;
}

/* Lists c among the counters counted since the last clear, if it is not
 * yet. Returns false when out of memory. */
static inline bool note_used(sl_ctx *ctx, counter *c)
{
    return c->used || list_used(ctx, c);
}

void sl_count(sl_ctx *ctx, const char *name, uint64_t n)
{
    counter *c = find_counter(ctx, name);
    if (c && note_used(ctx, c))
        c->value += n;
}

size_t sl_ctx_counter_count(const sl_ctx *ctx)
{
    return ctx->n_used;
}

const char *sl_ctx_counter_name(const sl_ctx *ctx, size_t i)
{
    return ctx->counters[ctx->used[i]].name;
}

uint64_t sl_ctx_counter_value(const sl_ctx *ctx, size_t i)
{
    return ctx->counters[ctx->used[i]].value;
}

/* Adds n to the counter `name` of ctx, which keeps a copy of the name.
 * name_is_static: the name is a stage's own string, valid for the whole
 * run (not a copy that may be freed and its address reused), so the
 * counter may be found by its address next time. */
static void count_copy(sl_ctx *ctx, const char *name, uint64_t n,
                       bool name_is_static)
{
    size_t before = ctx->n_counters;
    counter *c = find_counter(ctx, name);
    if (!c)
        return;
    if (ctx->n_counters > before) { /* new here: keep a private copy */
        c->owned = strdup(name);
        if (!c->owned) {
            ctx->n_counters--; /* the caller's name is not ours to keep */
            return;
        }
        c->name = c->owned;
    }
    if (!note_used(ctx, c))
        return;
    if (name_is_static)
        c->alias = name;
    c->value += n;
}

void sl_ctx_count_copy(sl_ctx *ctx, const char *name, uint64_t n)
{
    count_copy(ctx, name, n, false);
}

void sl_ctx_merge_counters(sl_ctx *into, const sl_ctx *from)
{
    for (size_t i = 0; i < from->n_used; i++) {
        const counter *c = &from->counters[from->used[i]];
        count_copy(into, c->name, c->value, c->owned == NULL);
    }
    const char *key;
    json_t *value;
    json_object_foreach(from->details, key, value)
    {
        sl_stats_detail(into, key, json_incref(value));
    }
}

void sl_stats_detail(sl_ctx *ctx, const char *key, json_t *value)
{
    if (!ctx->details)
        ctx->details = json_object();
    if (!ctx->details || !key) {
        json_decref(value);
        return;
    }
    if (value)
        json_object_set_new(ctx->details, key, value);
    else
        json_object_del(ctx->details, key);
}

const json_t *sl_ctx_details(const sl_ctx *ctx)
{
    return ctx->details;
}
