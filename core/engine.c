/* core/engine.c - the document loop: read, split plain text into line
 * blocks, run the stages in order, route failures to the quarantine, and
 * account for everything in the run's statistics (see engine.h).
 */
#include "engine.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docs.h"
#include "reader.h"

/* Per-stage statistics: time spent and documents seen. */
typedef struct stage_stats {
    double seconds;
    uint64_t documents, dropped, failed;
} stage_stats;

typedef struct engine {
    sl_pipeline *pipeline;
    const sl_run_options *options;
    sl_ctx **ctx;          /* one per stage */
    stage_stats *stats;    /* one per stage */
    FILE *quarantine;
    sl_run_result result;
    uint64_t reader_failures;
    char *fatal;           /* why the run stopped, or NULL */
} engine;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *text_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *text_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return strdup(buf);
}

static void report(const engine *e, sl_log_level level, const char *message)
{
    if (e->options->log)
        e->options->log(level, NULL, message, e->options->log_user);
}

/* Writes one quarantine record: where, who, why, and the record. */
static void quarantine_write(engine *e, const char *source, uint64_t line,
                             uint64_t offset, const char *id,
                             const char *who_key, const char *who,
                             const char *reason, const char *record,
                             size_t record_len, json_t *meta)
{
    if (!e->quarantine)
        return;
    json_t *q = json_object();
    json_object_set_new(q, "source", json_string(source ? source : ""));
    json_object_set_new(q, "line", json_integer((json_int_t)line));
    json_object_set_new(q, "offset", json_integer((json_int_t)offset));
    if (id)
        json_object_set_new(q, "id", json_string(id));
    json_object_set_new(q, who_key, json_string(who ? who : ""));
    json_object_set_new(q, "reason", json_string(reason ? reason : ""));
    /* The record may hold invalid UTF-8 (that may be why it failed): keep
     * it losslessly as a string when valid, else as its bytes in hex. */
    if (record) {
        json_t *text = json_stringn(record, record_len);
        if (text) {
            json_object_set_new(q, "record", text);
        } else {
            char *hex = malloc(record_len * 2 + 1);
            if (hex) {
                for (size_t i = 0; i < record_len; i++)
                    snprintf(hex + 2 * i, 3, "%02x", (unsigned char)record[i]);
                json_object_set_new(q, "record_hex", json_string(hex));
                free(hex);
            }
        }
    }
    if (meta && json_object_size(meta))
        json_object_set(q, "metadata", meta);
    char *line_text = json_dumps(q, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (line_text) {
        fputs(line_text, e->quarantine);
        fputc('\n', e->quarantine);
        fflush(e->quarantine);
    }
    free(line_text);
    json_decref(q);
}

/* A record the reader could not turn into a document. Returns -1 when
 * the run must stop. */
static int handle_read_failure(engine *e, sl_read_error *err)
{
    e->result.docs_in++;
    e->result.docs_failed++;
    e->reader_failures++;
    report(e, SL_LOG_ERROR, err->message ? err->message : "unreadable input");
    quarantine_write(e, err->source, err->line, err->offset, NULL, "reader",
                     err->reader, err->message, err->record, err->record_len,
                     NULL);
    if (e->pipeline->on_error == SL_ON_ERROR_ABORT) {
        e->fatal = text_printf("%s (on_error is abort)",
                               err->message ? err->message : "input failed");
        return -1;
    }
    return 0;
}

/* Runs every stage on doc. Returns 0 to go on, -1 to stop the run. */
static int process_document(engine *e, sl_doc *doc)
{
    e->result.docs_in++;
    e->result.bytes_in += doc->raw_len;
    if (doc->content_type == SL_CONTENT_TEXT && doc->n_blocks == 0 &&
        sl_doc_split_lines(doc) < 0) {
        e->fatal = strdup("out of memory");
        return -1;
    }
    sl_pipeline *p = e->pipeline;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        sl_ctx *ctx = e->ctx[i];
        double start = now_seconds();
        sl_status status = stage->plugin->process(ctx, stage->state, doc);
        e->stats[i].seconds += now_seconds() - start;
        e->stats[i].documents++;
        if (status == SL_OK)
            continue;
        if (status == SL_DROP) {
            e->stats[i].dropped++;
            e->result.docs_dropped++;
            return 0;
        }
        e->stats[i].failed++;
        e->result.docs_failed++;
        const char *why = sl_ctx_error(ctx) ? sl_ctx_error(ctx) : "failed";
        char *message;
        if (doc->source_line)
            message = text_printf("%s:%llu: document '%s': stage '%s': %s",
                                  doc->source,
                                  (unsigned long long)doc->source_line,
                                  doc->id, stage->name, why);
        else
            message = text_printf("%s: document '%s': stage '%s': %s",
                                  doc->source, doc->id, stage->name, why);
        report(e, SL_LOG_ERROR, message ? message : why);
        quarantine_write(e, doc->source, doc->source_line, doc->source_offset,
                         doc->id, "stage", stage->name, why, doc->raw,
                         doc->raw_len, doc->meta);
        sl_ctx_clear_error(ctx);
        if (p->on_error == SL_ON_ERROR_ABORT) {
            e->fatal = text_printf("%s (on_error is abort)",
                                   message ? message : why);
            free(message);
            return -1;
        }
        free(message);
        return 0;
    }
    e->result.docs_kept++;
    return 0;
}

static int open_quarantine(engine *e)
{
    const char *path = e->options->quarantine_path;
    if (!path)
        return 0;
    e->quarantine = fopen(path, e->options->info.resume ? "ab" : "wb");
    if (!e->quarantine) {
        e->fatal = text_printf("%s: cannot open quarantine file: %s", path,
                               strerror(errno));
        return -1;
    }
    return 0;
}

static int init_stages(engine *e)
{
    sl_pipeline *p = e->pipeline;
    e->ctx = calloc(p->n_stages, sizeof *e->ctx);
    e->stats = calloc(p->n_stages, sizeof *e->stats);
    if (!e->ctx || !e->stats) {
        e->fatal = strdup("out of memory");
        return -1;
    }
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        e->ctx[i] = sl_ctx_new(stage->name, &e->options->info);
        if (!e->ctx[i]) {
            e->fatal = strdup("out of memory");
            return -1;
        }
        sl_ctx_set_logger(e->ctx[i], e->options->log, e->options->log_user);
        stage->initialised = 1;
        if (stage->plugin->init &&
            stage->plugin->init(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            e->fatal = text_printf("stage '%s' could not start: %s",
                                   stage->name, why ? why : "init failed");
            return -1;
        }
    }
    return 0;
}

static int flush_stages(engine *e)
{
    sl_pipeline *p = e->pipeline;
    for (size_t i = 0; i < p->n_stages; i++) {
        sl_stage *stage = &p->stages[i];
        if (!stage->plugin->flush)
            continue;
        if (stage->plugin->flush(e->ctx[i], stage->state) != SL_OK) {
            const char *why = sl_ctx_error(e->ctx[i]);
            e->fatal = text_printf("stage '%s' could not finish: %s",
                                   stage->name, why ? why : "flush failed");
            return -1;
        }
    }
    return 0;
}

static void write_stats(const engine *e)
{
    const char *path = e->options->stats_path;
    if (!path)
        return;
    json_t *root = json_object();
    json_t *docs = json_object();
    json_object_set_new(docs, "in", json_integer((json_int_t)e->result.docs_in));
    json_object_set_new(docs, "kept", json_integer((json_int_t)e->result.docs_kept));
    json_object_set_new(docs, "dropped", json_integer((json_int_t)e->result.docs_dropped));
    json_object_set_new(docs, "failed", json_integer((json_int_t)e->result.docs_failed));
    json_object_set_new(root, "documents", docs);
    json_t *bytes = json_object();
    json_object_set_new(bytes, "in", json_integer((json_int_t)e->result.bytes_in));
    json_object_set_new(root, "bytes", bytes);
    json_object_set_new(root, "reader_failures",
                        json_integer((json_int_t)e->reader_failures));
    json_t *stages = json_array();
    for (size_t i = 0; i < e->pipeline->n_stages; i++) {
        json_t *s = json_object();
        json_object_set_new(s, "name", json_string(e->pipeline->stages[i].name));
        json_object_set_new(s, "seconds", json_real(e->stats[i].seconds));
        json_object_set_new(s, "documents", json_integer((json_int_t)e->stats[i].documents));
        json_object_set_new(s, "dropped", json_integer((json_int_t)e->stats[i].dropped));
        json_object_set_new(s, "failed", json_integer((json_int_t)e->stats[i].failed));
        json_t *counters = json_object();
        const sl_ctx *ctx = e->ctx[i];
        for (size_t c = 0; c < sl_ctx_counter_count(ctx); c++)
            json_object_set_new(counters, sl_ctx_counter_name(ctx, c),
                                json_integer((json_int_t)sl_ctx_counter_value(ctx, c)));
        json_object_set_new(s, "counters", counters);
        json_array_append_new(stages, s);
    }
    json_object_set_new(root, "stages", stages);
    json_object_set_new(root, "wall_seconds", json_real(e->result.wall_seconds));
    if (json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
        report(e, SL_LOG_ERROR, "cannot write the stats file");
    json_decref(root);
}

int sl_engine_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                  const sl_run_options *options, sl_run_result *result,
                  char **message)
{
    engine e = {0};
    e.pipeline = pipeline;
    e.options = options;
    double start = now_seconds();
    sl_reader *reader = NULL;
    if (open_quarantine(&e) < 0 || init_stages(&e) < 0)
        goto done;
    sl_read_error err = {0};
    reader = sl_reader_open(&pipeline->input, inputs, n, &err);
    if (!reader) {
        e.fatal = text_printf("%s", err.message ? err.message : "cannot open input");
        sl_read_error_clear(&err);
        goto done;
    }
    for (;;) {
        sl_doc *doc = NULL;
        sl_read_result r = sl_reader_next(reader, &doc, &err);
        if (r == SL_READ_END)
            break;
        if (r == SL_READ_FATAL) {
            e.fatal = text_printf("%s", err.message ? err.message : "input failed");
            sl_read_error_clear(&err);
            break;
        }
        if (r == SL_READ_BAD_DOC) {
            int stop = handle_read_failure(&e, &err) < 0;
            sl_read_error_clear(&err);
            if (stop)
                break;
            continue;
        }
        int stop = process_document(&e, doc) < 0;
        sl_doc_free(doc);
        if (stop)
            break;
    }
    if (!e.fatal)
        flush_stages(&e);
done:
    sl_reader_close(reader);
    e.result.wall_seconds = now_seconds() - start;
    if (e.ctx)
        write_stats(&e);
    if (e.quarantine)
        fclose(e.quarantine);
    for (size_t i = 0; e.ctx && i < pipeline->n_stages; i++)
        sl_ctx_free(e.ctx[i]);
    free(e.ctx);
    free(e.stats);
    *result = e.result;
    *message = e.fatal;
    return e.fatal ? -1 : 0;
}
