/* plugins/export/export.c - the export stage: its descriptor and options,
 * and the dispatch to one format (one file each: format_*.c). The stage is
 * ordered: it sees documents one at a time in input order, so its output
 * is the same whatever the thread count. Formats that can render a
 * document without the output (jsonl, markdown, text, csv) do it in the
 * stage's prepare step, on the worker threads; in order, only the bytes
 * are written, by whichever thread is due (SL_STAGE_ANY_THREAD: nothing
 * in the stage is bound to a thread; a SQLite connection may pass between
 * threads when one uses it at a time). The output is opened in init,
 * committed (renamed into place) in flush and abandoned in fini when the
 * run did not end normally.
 */
#include "export.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const export_format *const formats[] = {
    &export_format_jsonl, &export_format_markdown, &export_format_text,
    &export_format_csv,   &export_format_sqlite,   &export_format_explain,
};

static const sl_option export_options[] = {
    SL_OPTION_STRING(export_state, format, "\"jsonl\"", 0, "output format",
                     "jsonl|markdown|text|csv|sqlite|explain"),
    SL_OPTION_STRING(
        export_state, path, "\"-\"", SL_OPT_OUTPUT_PATH,
        "output file; \"-\" is standard output (or -o), {shard} is replaced "
        "by the shard number, .gz and .zst compress",
        NULL),
    SL_OPTION_BOOL(export_state, show_removed, "false", 0,
                   "also write the removed blocks with their reasons"),
    SL_OPTION_BOOL(export_state, overwrite, "false", 0,
                   "replace an existing output file"),
    SL_OPTION_STRING(
        export_state, split, "\"document\"", 0,
        "jsonl and text: one record per document, or one per section",
        "document|section"),
    SL_OPTION_INT(
        export_state, max_chars, "0", 0,
        "jsonl and text: cut records longer than this many characters at "
        "sentence ends (0: no limit)",
        "0.."),
    SL_OPTION_BOOL(export_state, figures, "true", 0,
                   "jsonl: write the figures, ranges and captions"),
    SL_OPTION_BOOL(export_state, unknown_spans, "false", 0,
                   "jsonl: also write, under \"spans\", the spans of types "
                   "other than figure, range, caption and caption_ref"),
    SL_OPTION_STRING(export_state, csv_rows, "\"figures\"", 0,
                     "csv: one row per figure or one per section",
                     "figures|sections"),
    SL_OPTION_INT(export_state, batch, "1000", 0,
                  "sqlite: documents per transaction", "1.."),
    SL_OPTION_STRING(
        export_state, context, "\"window\"", 0,
        "jsonl (full figures, captions' refs), csv and sqlite: the text "
        "written as a figure's sentence: its "
        "clause, at most context_chars characters on each side (window), or "
        "its sentence, at most sentence_chars on each side (sentence)",
        "window|sentence"),
    SL_OPTION_INT(
        export_state, context_chars, "50", 0,
        "context window: the most characters kept on each side of a figure",
        "0.."),
    SL_OPTION_INT(
        export_state, sentence_chars, "500", 0,
        "context sentence: the most characters kept on each side of a figure",
        "0.."),
    SL_OPTION_STRING(
        export_state, figure_fields, "\"short\"", 0,
        "jsonl: a figure's fields: its text, place and value, with the "
        "sections' start to find its section (short), or also its block, "
        "sentence and section path (full)",
        "short|full"),
    SL_OPTION_STRING(
        export_state, title_in_text, "\"auto\"", 0,
        "whether the text starts with the page title (always in \"title\"): "
        "left out on article pages and kept on forum, comment, Q&A and list "
        "pages and non-HTML inputs (auto), always, or never",
        "auto|always|never"),
    {0},
};

/* The title_in_text option's choice, or -1 when it names none. */
static int title_mode(const char *name)
{
    if (!name || strcmp(name, "auto") == 0)
        return SL_TITLE_IN_TEXT_AUTO;
    if (strcmp(name, "always") == 0)
        return SL_TITLE_IN_TEXT_ALWAYS;
    if (strcmp(name, "never") == 0)
        return SL_TITLE_IN_TEXT_NEVER;
    return -1;
}

int export_emit(sl_ctx *ctx, export_state *st)
{
    if (export_check_memory(ctx, st) != 0)
        return -1;
    int rc = sl_output_write(ctx, st->out, st->buf.data, st->buf.len);
    outbuf_reset(&st->buf);
    return rc;
}

int export_flush_if_large(const record_flush *flush, outbuf *b)
{
    if (!flush || b->len < RECORD_FLUSH_BYTES)
        return 0;
    return flush->fn(flush->user);
}

int export_check_memory(sl_ctx *ctx, export_state *st)
{
    if (!st->buf.failed && !st->scratch.failed)
        return 0;
    outbuf_reset(&st->buf);
    outbuf_reset(&st->scratch);
    sl_fail(ctx, "out of memory writing a record");
    return -1;
}

static const export_format *find_format(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i]->name, name) == 0)
            return formats[i];
    return NULL;
}

static sl_status export_init(sl_ctx *ctx, void *state)
{
    export_state *st = state;
    const char *name = st->format ? st->format : "jsonl";
    st->fmt = find_format(name);
    if (!st->fmt)
        return sl_fail(ctx,
                       "unknown format '%s' (jsonl, markdown, text, "
                       "csv, sqlite or explain)",
                       name);
    st->split_sections = st->split && strcmp(st->split, "section") == 0;
    if (st->split && !st->split_sections && strcmp(st->split, "document"))
        return sl_fail(ctx,
                       "split must be \"document\" or \"section\", not "
                       "'%s'",
                       st->split);
    if (st->max_chars < 0)
        return sl_fail(ctx, "max_chars must be 0 or more");
    st->context_sentences = st->context && strcmp(st->context, "sentence") == 0;
    if (st->context && !st->context_sentences &&
        strcmp(st->context, "window") != 0)
        return sl_fail(ctx,
                       "context must be \"window\" or \"sentence\", not "
                       "'%s'",
                       st->context);
    st->full_figures =
        st->figure_fields && strcmp(st->figure_fields, "full") == 0;
    if (st->figure_fields && !st->full_figures &&
        strcmp(st->figure_fields, "short") != 0)
        return sl_fail(ctx,
                       "figure_fields must be \"short\" or \"full\", not "
                       "'%s'",
                       st->figure_fields);
    int mode = title_mode(st->title_in_text);
    if (mode < 0)
        return sl_fail(ctx,
                       "title_in_text must be \"auto\", \"always\" or "
                       "\"never\", not '%s'",
                       st->title_in_text);
    st->title_mode = (sl_title_in_text)mode;
    st->view.title_mode = st->title_mode;
    if (st->context_chars < 0 || st->sentence_chars < 0)
        return sl_fail(ctx, "context_chars and sentence_chars must be 0 or "
                            "more");
    if (export_chunking(st) && st->fmt != &export_format_jsonl &&
        st->fmt != &export_format_text)
        sl_log(ctx, SL_LOG_WARN,
               "split and max_chars apply to the jsonl and text formats "
               "only; format '%s' writes whole documents",
               name);
    const sl_run_info *run = sl_ctx_run_info(ctx);
    if (run->check_only)
        return SL_OK; /* `sluice check`: no output is opened */
    const char *path = st->path ? st->path : "-";
    if (strcmp(path, "-") == 0 && run->output)
        path = run->output;
    st->out = sl_output_open(ctx, path, st->overwrite);
    if (!st->out)
        return SL_ERROR;
    if (st->fmt->begin && st->fmt->begin(ctx, st) != 0)
        return SL_ERROR;
    return SL_OK;
}

/* What emptying st->buf into the output needs. */
typedef struct emit_to_output {
    sl_ctx *ctx;
    export_state *st;
} emit_to_output;

static int emit_piece(void *user)
{
    emit_to_output *to = user;
    return export_emit(to->ctx, to->st);
}

/* Renders the document in order, into st->buf, emptied into the output
 * in pieces when it grows large. Returns 0, or -1 after sl_fail. */
static int render_in_order(sl_ctx *ctx, export_state *st)
{
    if (st->fmt->separator && sl_output_bytes(st->out) > 0)
        outbuf_puts(&st->buf, st->fmt->separator);
    emit_to_output to = {ctx, st};
    record_flush flush = {emit_piece, &to};
    if (st->fmt->render(st, &st->view, &st->buf, &st->scratch, &flush) != 0) {
        /* out of memory, or a flush failed (and said why) */
        export_check_memory(ctx, st);
        return -1;
    }
    if (st->buf.len == 0 && !st->scratch.failed)
        return 0;
    return export_emit(ctx, st);
}

static sl_status export_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    export_state *st = state;
    if (!st->out)
        return sl_fail(ctx, "the output is already closed");
    if (doc_view_build(&st->view, doc) != 0)
        return sl_fail(ctx, "out of memory");
    int rc = st->fmt->render ? render_in_order(ctx, st)
                             : st->fmt->write(ctx, st, &st->view);
    if (rc != 0)
        return SL_ERROR;
    st->docs++;
    sl_count(ctx, "documents", 1);
    return SL_OK;
}

/* The flush of a record rendered on a worker: a record that grows this
 * large is left to process, which writes it in pieces. */
static int give_up(void *user)
{
    (void)user;
    return -1;
}

static void free_rendered(void *prepared)
{
    outbuf *bytes = prepared;
    outbuf_free(bytes);
    free(bytes);
}

/* On a worker: the document's bytes as process would write them (but for
 * the separator), or NULL to leave it to process. Reads only the options
 * of the state. */
static void *export_prepare(sl_ctx *ctx, const void *state, const sl_doc *doc)
{
    (void)ctx;
    const export_state *st = state;
    if (!st->fmt || !st->fmt->render)
        return NULL;
    outbuf *bytes = calloc(1, sizeof *bytes);
    if (!bytes)
        return NULL;
    /* room for the usual record at once (about twice the text), instead
     * of doubling from 4 KiB and copying at each step */
    size_t expected = doc->raw_len * 2 + 1024;
    outbuf_reserve(bytes, expected < RECORD_FLUSH_BYTES ? expected
                                                        : RECORD_FLUSH_BYTES);
    doc_view view = {.title_mode = st->title_mode};
    outbuf scratch = {0};
    record_flush flush = {give_up, NULL};
    bool whole = doc_view_build(&view, doc) == 0 &&
                 st->fmt->render(st, &view, bytes, &scratch, &flush) == 0 &&
                 !bytes->failed && !scratch.failed;
    doc_view_free(&view);
    outbuf_free(&scratch);
    if (!whole) {
        free_rendered(bytes);
        return NULL;
    }
    return bytes;
}

/* In order: writes what export_prepare rendered. */
static sl_status export_process_prepared(sl_ctx *ctx, void *state, sl_doc *doc,
                                         void *prepared)
{
    (void)doc;
    export_state *st = state;
    const outbuf *bytes = prepared;
    if (!st->out)
        return sl_fail(ctx, "the output is already closed");
    const char *separator = st->fmt->separator;
    if (separator && sl_output_bytes(st->out) > 0 &&
        sl_output_write(ctx, st->out, separator, strlen(separator)) != 0)
        return SL_ERROR;
    if (sl_output_write(ctx, st->out, bytes->data, bytes->len) != 0)
        return SL_ERROR;
    st->docs++;
    sl_count(ctx, "documents", 1);
    return SL_OK;
}

/* A document an earlier stage dropped: only the explain format shows it. */
static sl_status export_dropped(sl_ctx *ctx, void *state, const sl_doc *doc,
                                const sl_drop_info *drop)
{
    export_state *st = state;
    if (st->fmt != &export_format_explain || !st->out)
        return SL_OK;
    if (doc_view_build(&st->view, doc) != 0)
        return sl_fail(ctx, "out of memory");
    if (export_explain_dropped(ctx, st, &st->view, drop) != 0)
        return SL_ERROR;
    sl_count(ctx, "dropped_shown", 1);
    return SL_OK;
}

static sl_status export_flush(sl_ctx *ctx, void *state)
{
    export_state *st = state;
    if (!st->out)
        return SL_OK;
    if (st->fmt->end && st->fmt->end(ctx, st) != 0)
        return SL_ERROR;
    sl_count(ctx, "bytes", sl_output_bytes(st->out));
    sl_output *out = st->out;
    st->out = NULL; /* commit frees it, whatever happens */
    if (sl_output_commit(ctx, out) != 0)
        return SL_ERROR;
    return SL_OK;
}

static sl_status export_checkpoint(sl_ctx *ctx, void *state, json_t *saved,
                                   bool save)
{
    export_state *st = state;
    if (!st->fmt || !st->fmt->checkpoint || !st->out)
        return SL_OK;
    return st->fmt->checkpoint(ctx, st, saved, save) == 0 ? SL_OK : SL_ERROR;
}

static void export_fini(void *state)
{
    export_state *st = state;
    st->keep_side_files = st->out && sl_output_kept_for_resume(st->out);
    if (st->fmt && st->fmt->release)
        st->fmt->release(st);
    if (st->out)
        sl_output_abort(st->out);
    st->out = NULL;
    doc_view_free(&st->view);
    outbuf_free(&st->buf);
    outbuf_free(&st->scratch);
}

const sl_plugin export_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "export",
    .summary = "writes documents as JSONL, Markdown, text, CSV, SQLite or "
               "an explanation of what was removed",
    .version = "1.0",
    .options = export_options,
    .state_size = sizeof(export_state),
    .flags = SL_STAGE_ORDERED | SL_STAGE_ANY_THREAD,
    .init = export_init,
    .process = export_process,
    .flush = export_flush,
    .fini = export_fini,
    .checkpoint = export_checkpoint,
    .dropped = export_dropped,
    .prepare = export_prepare,
    .process_prepared = export_process_prepared,
    .free_prepared = free_rendered,
};
