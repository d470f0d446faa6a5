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

/* Settles what a stage's process call decided: SL_ERROR stays SL_ERROR
 * (a pending sl_drop is forgotten); a drop (sl_drop called, or SL_DROP
 * returned) gives SL_DROP, counts "dropped.REASON" and hands the reason
 * (malloc'd, never NULL) and the detail (a reference, or NULL) to the
 * caller; else SL_OK. *reason and *detail are set only for a drop. */
sl_status sl_ctx_settle(sl_ctx *ctx, sl_status returned, char **reason,
                        json_t **detail);

/* Hands over the documents sl_emit made during the last process call, in
 * the order emitted (*docs malloc'd, NULL when none; the caller frees the
 * array and the documents). Returns how many. */
size_t sl_ctx_take_emitted(sl_ctx *ctx, sl_doc ***docs);

/* Adds n to the counter `name`, copying the name when it is new. */
void sl_ctx_count_copy(sl_ctx *ctx, const char *name, uint64_t n);

/* The counters, in first-use order. */
size_t sl_ctx_counter_count(const sl_ctx *ctx);
const char *sl_ctx_counter_name(const sl_ctx *ctx, size_t i);
uint64_t sl_ctx_counter_value(const sl_ctx *ctx, size_t i);

/* Adds every counter of `from` into `into` (merging worker threads); its
 * details replace those of the same key. */
void sl_ctx_merge_counters(sl_ctx *into, const sl_ctx *from);

/* Forgets the counters and details (merged elsewhere first), keeping
 * the context and its counter array for the next document: no
 * allocation, and nothing freed but what the stage made since. */
void sl_ctx_clear_counters(sl_ctx *ctx);

/* What sl_stats_detail set: an object, or NULL when nothing was. */
const json_t *sl_ctx_details(const sl_ctx *ctx);

#endif
