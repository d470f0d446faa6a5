/* core/ctx.h - the core's side of sl_ctx: one context per stage and
 * thread, carrying the stage's name, the run's facts, the last failure
 * message and the stage's counters.
 */
#ifndef SLUICE_CORE_CTX_H
#define SLUICE_CORE_CTX_H

#include <sluice/plugin.h>

/* Receives every sl_log message; the CLI installs one that prints. */
typedef void (*sl_log_fn)(sl_log_level level, const char *stage,
                          const char *message, void *user);

/* A context for stage `stage_name` (copied). run may be NULL (defaults:
 * one shard, one job). NULL when out of memory. */
sl_ctx *sl_ctx_new(const char *stage_name, const sl_run_info *run);
void sl_ctx_free(sl_ctx *ctx);

/* Where sl_log goes (NULL: nowhere). */
void sl_ctx_set_logger(sl_ctx *ctx, sl_log_fn fn, void *user);

/* The last sl_fail message, or NULL; cleared by sl_ctx_clear_error. */
const char *sl_ctx_error(const sl_ctx *ctx);
void sl_ctx_clear_error(sl_ctx *ctx);

/* The counters, in first-use order. */
size_t sl_ctx_counter_count(const sl_ctx *ctx);
const char *sl_ctx_counter_name(const sl_ctx *ctx, size_t i);
uint64_t sl_ctx_counter_value(const sl_ctx *ctx, size_t i);

/* Adds every counter of `from` into `into` (merging worker threads). */
void sl_ctx_merge_counters(sl_ctx *into, const sl_ctx *from);

#endif
