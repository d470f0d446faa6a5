/* core/engine_stats.c - per-stage statistics, the --stats JSON file and
 * (see engine_stats.h).
 */
#include "engine_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"

void sl_stage_stats_add(sl_stage_stats *into, const sl_stage_stats *from)
{
    into->seconds += from->seconds;
    into->documents += from->documents;
    into->dropped += from->dropped;
    into->failed += from->failed;
    into->quarantined += from->quarantined;
    into->bytes += from->bytes;
    into->bytes_dropped += from->bytes_dropped;
    into->bytes_failed += from->bytes_failed;
    into->bytes_quarantined += from->bytes_quarantined;
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
    json_object_set_new(s, "quarantined",
                        json_integer((json_int_t)stats->quarantined +
                                     earlier_int(earlier, "quarantined")));
    const json_t *old_bytes = json_object_get(earlier, "bytes");
    json_object_set_new(
        s, "bytes",
        json_pack(
            "{sI sI sI sI}", "in",
            (json_int_t)stats->bytes + earlier_int(old_bytes, "in"), "dropped",
            (json_int_t)stats->bytes_dropped +
                earlier_int(old_bytes, "dropped"),
            "failed",
            (json_int_t)stats->bytes_failed + earlier_int(old_bytes, "failed"),
            "quarantined",
            (json_int_t)stats->bytes_quarantined +
                earlier_int(old_bytes, "quarantined")));
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
        "{sI sI sI sI sI sI sI}", "in", (json_int_t)r->docs_in, "kept",
        (json_int_t)r->docs_kept, "dropped", (json_int_t)r->docs_dropped,
        "failed", (json_int_t)r->docs_failed, "quarantined",
        (json_int_t)r->docs_quarantined, "emitted", (json_int_t)r->docs_emitted,
        "bytes_in", (json_int_t)r->bytes_in);
}

void sl_stats_result_restore(const json_t *j, sl_run_result *r)
{
    r->docs_in = (uint64_t)json_integer_value(json_object_get(j, "in"));
    r->docs_kept = (uint64_t)json_integer_value(json_object_get(j, "kept"));
    r->docs_dropped =
        (uint64_t)json_integer_value(json_object_get(j, "dropped"));
    r->docs_failed = (uint64_t)json_integer_value(json_object_get(j, "failed"));
    r->docs_quarantined =
        (uint64_t)json_integer_value(json_object_get(j, "quarantined"));
    r->docs_emitted =
        (uint64_t)json_integer_value(json_object_get(j, "emitted"));
    r->bytes_in = (uint64_t)json_integer_value(json_object_get(j, "bytes_in"));
}

json_t *sl_stats_json(const sl_run_result *r, uint64_t reader_failures,
                      json_t *stages, const sl_run_info *info, bool complete)
{
    return json_pack(
        "{s{sI sI sI sI sI sI} s{sI sI} sI sO sf sI s{sI sI} sI sI sb si}",
        "documents", "in", (json_int_t)r->docs_in, "kept",
        (json_int_t)r->docs_kept, "dropped", (json_int_t)r->docs_dropped,
        "failed", (json_int_t)r->docs_failed, "quarantined",
        (json_int_t)r->docs_quarantined, "emitted", (json_int_t)r->docs_emitted,
        "bytes", "in", (json_int_t)r->bytes_in, "out", (json_int_t)r->bytes_out,
        "reader_failures", (json_int_t)reader_failures, "stages", stages,
        "wall_seconds", r->wall_seconds, "jobs", (json_int_t)info->jobs,
        "shard", "index", (json_int_t)info->shard, "count",
        (json_int_t)info->shards, "resumed_at", (json_int_t)r->resumed_at,
        "crashes", (json_int_t)r->crashes, "complete", complete,
        "interrupted_by_signal", r->interrupted);
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
