/* core/engine_stats.c - per-stage statistics, the --stats JSON file and
 * the progress line (see engine_stats.h).
 */
#include "engine_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "report_svg.h" /* sl_format_count */

void sl_stage_stats_add(sl_stage_stats *into, const sl_stage_stats *from)
{
    into->seconds += from->seconds;
    into->documents += from->documents;
    into->dropped += from->dropped;
    into->failed += from->failed;
    into->bytes += from->bytes;
    into->bytes_dropped += from->bytes_dropped;
    into->bytes_failed += from->bytes_failed;
}

static json_int_t earlier_int(const json_t *earlier, const char *key)
{
    return json_integer_value(json_object_get(earlier, key));
}

json_t *sl_stats_stage_json(const char *name, const sl_stage_stats *stats,
                            const sl_ctx *ctx, const json_t *earlier)
{
    json_t *s = json_object();
    json_t *counters = json_object();
    if (!s || !counters) {
        json_decref(s);
        json_decref(counters);
        return NULL;
    }
    double seconds =
        stats->seconds + json_number_value(json_object_get(earlier, "seconds"));
    json_object_set_new(s, "name", json_string(name));
    json_object_set_new(s, "seconds", json_real(seconds));
    json_object_set_new(s, "documents",
                        json_integer((json_int_t)stats->documents +
                                     earlier_int(earlier, "documents")));
    json_object_set_new(s, "dropped",
                        json_integer((json_int_t)stats->dropped +
                                     earlier_int(earlier, "dropped")));
    json_object_set_new(s, "failed",
                        json_integer((json_int_t)stats->failed +
                                     earlier_int(earlier, "failed")));
    const json_t *old_bytes = json_object_get(earlier, "bytes");
    json_object_set_new(
        s, "bytes",
        json_pack("{sI sI sI}", "in",
                  (json_int_t)stats->bytes + earlier_int(old_bytes, "in"),
                  "dropped",
                  (json_int_t)stats->bytes_dropped +
                      earlier_int(old_bytes, "dropped"),
                  "failed",
                  (json_int_t)stats->bytes_failed +
                      earlier_int(old_bytes, "failed")));
    json_t *old = json_object_get(earlier, "counters");
    if (json_is_object(old))
        json_object_update(counters, old);
    for (size_t c = 0; ctx && c < sl_ctx_counter_count(ctx); c++) {
        const char *key = sl_ctx_counter_name(ctx, c);
        json_int_t before = json_integer_value(json_object_get(counters, key));
        json_object_set_new(
            counters, key,
            json_integer(before + (json_int_t)sl_ctx_counter_value(ctx, c)));
    }
    json_object_set_new(s, "counters", counters);
    /* details: those saved at a checkpoint, replaced by the stage's own */
    json_t *details = json_deep_copy(json_object_get(earlier, "details"));
    if (!json_is_object(details)) {
        json_decref(details);
        details = json_object();
    }
    if (details && ctx && sl_ctx_details(ctx))
        json_object_update(details, (json_t *)sl_ctx_details(ctx));
    if (json_object_size(details) > 0)
        json_object_set_new(s, "details", details);
    else
        json_decref(details);
    return s;
}

json_t *sl_stats_result_json(const sl_run_result *r)
{
    return json_pack(
        "{sI sI sI sI sI sI}", "in", (json_int_t)r->docs_in, "kept",
        (json_int_t)r->docs_kept, "dropped", (json_int_t)r->docs_dropped,
        "failed", (json_int_t)r->docs_failed, "emitted",
        (json_int_t)r->docs_emitted, "bytes_in", (json_int_t)r->bytes_in);
}

void sl_stats_result_restore(const json_t *j, sl_run_result *r)
{
    r->docs_in = (uint64_t)json_integer_value(json_object_get(j, "in"));
    r->docs_kept = (uint64_t)json_integer_value(json_object_get(j, "kept"));
    r->docs_dropped =
        (uint64_t)json_integer_value(json_object_get(j, "dropped"));
    r->docs_failed = (uint64_t)json_integer_value(json_object_get(j, "failed"));
    r->docs_emitted =
        (uint64_t)json_integer_value(json_object_get(j, "emitted"));
    r->bytes_in = (uint64_t)json_integer_value(json_object_get(j, "bytes_in"));
}

json_t *sl_stats_json(const sl_run_result *r, uint64_t reader_failures,
                      json_t *stages, const sl_run_info *info, bool complete)
{
    return json_pack(
        "{s{sI sI sI sI sI} s{sI sI} sI sO sf sI s{sI sI} sI sI sb si}",
        "documents", "in", (json_int_t)r->docs_in, "kept",
        (json_int_t)r->docs_kept, "dropped", (json_int_t)r->docs_dropped,
        "failed", (json_int_t)r->docs_failed, "emitted",
        (json_int_t)r->docs_emitted, "bytes", "in", (json_int_t)r->bytes_in,
        "out", (json_int_t)r->bytes_out, "reader_failures",
        (json_int_t)reader_failures, "stages", stages, "wall_seconds",
        r->wall_seconds, "jobs", (json_int_t)info->jobs, "shard", "index",
        (json_int_t)info->shard, "count", (json_int_t)info->shards,
        "resumed_at", (json_int_t)r->resumed_at, "crashes",
        (json_int_t)r->crashes, "complete", complete, "interrupted_by_signal",
        r->interrupted);
}

int sl_stats_write(const char *path, const json_t *stats, char **message)
{
    char *text = json_dumps(stats, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text) {
        *message = strdup("out of memory writing the stats file");
        return -1;
    }
    size_t len = strlen(text);
    text[len++] = '\n'; /* json_dumps leaves room: its NUL */
    int rc = sl_atomic_write(path, text, len, message);
    free(text);
    return rc;
}

void sl_progress_format(char *buf, size_t size, uint64_t docs,
                        uint64_t bytes_read, uint64_t bytes_total,
                        double elapsed)
{
    char count[40], rate[40];
    double mb = (double)bytes_read / 1e6;
    double secs = elapsed > 1e-3 ? elapsed : 1e-3;
    sl_format_count(count, sizeof count, docs);
    sl_format_count(rate, sizeof rate, (uint64_t)((double)docs / secs));
    int n = snprintf(buf, size, "%s docs  %.1f MB  %s docs/s  %.1f MB/s", count,
                     mb, rate, mb / secs);
    if (n < 0 || (size_t)n >= size)
        return;
    if (bytes_total > 0 && bytes_read > 0 && bytes_read <= bytes_total) {
        double left =
            elapsed * (double)(bytes_total - bytes_read) / (double)bytes_read;
        unsigned long s = (unsigned long)left;
        snprintf(buf + n, size - (size_t)n, "  %.0f%%  ETA %lu:%02lu:%02lu",
                 100.0 * (double)bytes_read / (double)bytes_total, s / 3600,
                 s / 60 % 60, s % 60);
    }
}
