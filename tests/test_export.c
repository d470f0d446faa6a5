/* tests/test_export.c - the export stage: each format is written through
 * the plugin's own init/process/flush/fini and read back (JSONL with
 * jansson, CSV with a small RFC 4180 parser, SQLite with queries, Markdown
 * by its heading lines), plus chunking, determinism and several exports in
 * one run.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <sqlite3.h>

#include "../plugins/export/export.h"
#include "ctx.h"
#include "docs.h"
#include "scratch.h"

extern const sl_plugin export_LTX_sluice_plugin;

static void setup(void)
{
    scratch_make("export");
}

TestSuite(export, .init = setup, .fini = scratch_remove);

/* NAME in the scratch folder, in a malloc'd string: the stage's path
 * option is an owned string. */
static char *in_dir(const char *name)
{
    char *path = strdup(scratch_path(name));
    cr_assert_not_null(path);
    return path;
}

/* ---- documents ---------------------------------------------------------- */

static const char *const lines[] = {
    "2023年工作报告", "首页 > 新闻, \"热点\"",
    "第一章 总则",    "今年收入增长了12.5%，达到3万元。其他内容 more. 另一句",
    "一、基本情况",   "- 项目 \"A\", 共5个\n第二行",
    "续行",           "图1 收入结构",
    "第二章 附则",    "见图1。",
};

static void add_span_on(sl_doc *doc, size_t block, const char *type,
                        const char *needle, double value, const char *kind,
                        const char *unit)
{
    const char *text = doc->blocks[block].text;
    const char *at = strstr(text, needle);
    cr_assert_not_null(at);
    size_t start = (size_t)(at - text);
    sl_span *sp =
        sl_doc_add_span(doc, type, block, start, start + strlen(needle));
    cr_assert_not_null(sp);
    sp->value = value;
    sp->kind = kind;
    sp->unit = unit;
    if (kind)
        sp->flags |= SL_SPAN_HAS_VALUE;
}

/* A report with a title, a breadcrumb that was removed, two levels of
 * sections, three figures, a merged line, a caption and a reference. */
static sl_doc *make_report(const char *id)
{
    static const sl_block_kind kinds[] = {
        SL_BLOCK_PARAGRAPH, SL_BLOCK_PARAGRAPH, SL_BLOCK_HEADING,
        SL_BLOCK_PARAGRAPH, SL_BLOCK_HEADING,   SL_BLOCK_LIST_ITEM,
        SL_BLOCK_PARAGRAPH, SL_BLOCK_CAPTION,   SL_BLOCK_HEADING,
        SL_BLOCK_PARAGRAPH,
    };
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_id_copy(doc, id, strlen(id)), 0);
    json_object_set_new(doc->meta, "url", json_string("http://example.cn/a"));
    json_object_set_new(doc->meta, "rank", json_real(0.1));
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        sl_block *b =
            sl_doc_append_block_copy(doc, kinds[i], lines[i], strlen(lines[i]));
        cr_assert_not_null(b);
        b->line = (uint32_t)(i + 1);
    }
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    sl_doc_set_title_copy(doc, lines[0], strlen(lines[0]));
    doc->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    doc->blocks[1].reason = "breadcrumb";
    doc->blocks[1].score = 0.95f;
    doc->blocks[2].level = 1;
    doc->blocks[4].level = 2;
    doc->blocks[6].flags |= SL_BLOCK_MERGED;
    doc->blocks[8].level = 1;

    sl_section *s = sl_doc_add_section(doc, 2, 1, -1);
    s->first_block = 2;
    s->end_block = 8;
    s = sl_doc_add_section(doc, 4, 2, 0);
    s->first_block = 4;
    s->end_block = 8;
    s = sl_doc_add_section(doc, 8, 1, -1);
    s->first_block = 8;
    s->end_block = 10;

    add_span_on(doc, 3, "figure", "12.5%", 12.5, "percent", "percent");
    add_span_on(doc, 3, "figure", "3万元", 30000, "money", "CNY");
    add_span_on(doc, 5, "figure", "5个", 5, "count", NULL);
    add_span_on(doc, 1, "figure", "热点", 1, "count", NULL); /* removed */
    add_span_on(doc, 7, "caption", "图1", 0, NULL, NULL);
    doc->spans[doc->n_spans - 1].label = "图1";
    long caption = (long)doc->n_spans - 1;
    add_span_on(doc, 9, "caption_ref", "图1", 0, NULL, NULL);
    doc->spans[doc->n_spans - 1].target = caption;
    return doc;
}

static const char *report_text =
    "2023年工作报告\n第一章 总则\n今年收入增长了12.5%，达到3万元。其他内容 "
    "more. 另一句\n一、基本情况\n- 项目 \"A\", 共5个\n第二行\n图1 "
    "收入结构\n第二章 附则\n见图1。";

/* ---- running the stage ----------------------------------------------------
 */

/* A state with the option defaults of the descriptor's table. */
static export_state *new_state(const char *format, const char *path)
{
    export_state *st = calloc(1, sizeof *st);
    st->format = (char *)format;
    st->path = (char *)path;
    st->split = (char *)"document";
    st->figures = true;
    st->csv_rows = (char *)"figures";
    st->batch = 1000;
    st->context = (char *)"window";
    st->context_chars = 50;
    st->sentence_chars = 500;
    st->title_in_text = (char *)"auto";
    return st;
}

static void run_stage(export_state *st, const sl_run_info *run, sl_doc **docs,
                      size_t n)
{
    const sl_plugin *p = &export_LTX_sluice_plugin;
    sl_ctx *ctx = sl_ctx_new("export", run);
    cr_assert_eq(p->init(ctx, st), SL_OK, "%s", sl_ctx_error(ctx));
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(p->process(ctx, st, docs[i]), SL_OK, "%s",
                     sl_ctx_error(ctx));
    cr_assert_eq(p->flush(ctx, st), SL_OK, "%s", sl_ctx_error(ctx));
    p->fini(st);
    sl_ctx_free(ctx);
    free(st);
}

/* Exports two reports in the given format to a file and returns its path. */
static char *export_reports(export_state *st, const char *name)
{
    char *path = in_dir(name);
    st->path = path;
    sl_doc *docs[2] = {make_report("r1"), make_report("r2")};
    run_stage(st, NULL, docs, 2);
    sl_doc_free(docs[0]);
    sl_doc_free(docs[1]);
    return path;
}

/* The code points [start, end) of text, as a new string. */
static char *cp_slice(const char *text, long start, long end)
{
    size_t len = strlen(text), pos = 0, from = 0;
    long cp = 0;
    while (pos < len && cp < end) {
        if (cp == start)
            from = pos;
        sl_utf8_next(text, len, &pos);
        cp++;
    }
    if (start == end)
        from = pos;
    return strndup(text + from, pos - from);
}

static json_t *load_line(const char *line)
{
    json_error_t err;
    json_t *j = json_loads(line, JSON_DISABLE_EOF_CHECK, &err);
    cr_assert_not_null(j, "bad JSON: %s", err.text);
    return j;
}

/* ---- JSONL ----------------------------------------------------------------
 */

Test(export, jsonl_record_has_the_documented_shape)
{
    char *path = export_reports(new_state("jsonl", NULL), "out.jsonl");
    char *data = scratch_read(path, NULL);
    char *second = strchr(data, '\n');
    cr_assert_not_null(second);
    cr_assert_str_eq(strchr(second + 1, '\n'), "\n", "two lines");
    json_t *rec = load_line(data);

    const char *order[] = {"id",       "text",    "metadata", "title",
                           "sections", "figures", "captions"};
    size_t i = 0;
    for (void *it = json_object_iter(rec); it;
         it = json_object_iter_next(rec, it), i++) {
        cr_assert_lt(i, 7);
        cr_assert_str_eq(json_object_iter_key(it), order[i]);
    }
    cr_assert_eq(i, 7, "no removed key unless asked");

    cr_assert_str_eq(json_string_value(json_object_get(rec, "id")), "r1");
    const char *text = json_string_value(json_object_get(rec, "text"));
    cr_assert_str_eq(text, report_text);
    cr_assert_str_eq(json_string_value(json_object_get(rec, "title")),
                     "2023年工作报告");
    json_t *meta = json_object_get(rec, "metadata");
    cr_assert_str_eq(json_string_value(json_object_get(meta, "url")),
                     "http://example.cn/a");

    json_t *sections = json_object_get(rec, "sections");
    cr_assert_eq(json_array_size(sections), 2);
    json_t *first = json_array_get(sections, 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "heading")),
                     "第一章 总则");
    cr_assert_eq(json_integer_value(json_object_get(first, "level")), 1);
    json_t *children = json_object_get(first, "children");
    cr_assert_eq(json_array_size(children), 1);
    json_t *child = json_array_get(children, 0);
    cr_assert_str_eq(json_string_value(json_object_get(child, "heading")),
                     "一、基本情况");
    cr_assert_eq(json_integer_value(json_object_get(child, "level")), 2);

    json_t *figures = json_object_get(rec, "figures");
    cr_assert_eq(json_array_size(figures), 3,
                 "the removed block's is left out");
    const char *want[] = {"12.5%", "3万元", "5个"};
    for (size_t f = 0; f < 3; f++) {
        json_t *fig = json_array_get(figures, f);
        const char *ftext = json_string_value(json_object_get(fig, "text"));
        cr_assert_str_eq(ftext, want[f]);
        char *slice = cp_slice(
            text, (long)json_integer_value(json_object_get(fig, "start")),
            (long)json_integer_value(json_object_get(fig, "end")));
        cr_assert_str_eq(slice, ftext, "start/end index the text");
        free(slice);
    }
    json_t *pct = json_array_get(figures, 0);
    cr_assert(json_is_real(json_object_get(pct, "value")));
    cr_assert_float_eq(json_real_value(json_object_get(pct, "value")), 12.5,
                       1e-12);
    json_t *money = json_array_get(figures, 1);
    cr_assert(json_is_integer(json_object_get(money, "value")));
    cr_assert_eq(json_integer_value(json_object_get(money, "value")), 30000);
    const char *short_keys[] = {"text",  "start", "end",
                                "value", "unit",  "kind"};
    size_t k = 0;
    for (void *it = json_object_iter(money); it;
         it = json_object_iter_next(money, it), k++) {
        cr_assert_lt(k, 6, "short figures have six keys");
        cr_assert_str_eq(json_object_iter_key(it), short_keys[k]);
    }
    cr_assert_eq(k, 6, "no qualifier key when there is none");
    /* the section of a figure: the last one starting at or before it */
    json_t *count = json_array_get(figures, 2);
    long at = (long)json_integer_value(json_object_get(count, "start"));
    long child_start =
        (long)json_integer_value(json_object_get(child, "start"));
    long first_start =
        (long)json_integer_value(json_object_get(first, "start"));
    cr_assert_lt(first_start, child_start);
    cr_assert_leq(child_start, at, "5个 is in 一、基本情况");
    char *heading = cp_slice(text, child_start, child_start + 6);
    cr_assert_str_eq(heading, "一、基本情况", "start is where the heading is");
    free(heading);

    json_t *captions = json_object_get(rec, "captions");
    cr_assert_eq(json_array_size(captions), 1);
    json_t *cap = json_array_get(captions, 0);
    cr_assert_str_eq(json_string_value(json_object_get(cap, "label")), "图1");
    cr_assert_eq(json_array_size(json_object_get(cap, "refs")), 1);

    json_decref(rec);
    free(data);
    free(path);
}

Test(export, full_figures_carry_block_sentence_and_section)
{
    export_state *st = new_state("jsonl", NULL);
    st->figure_fields = (char *)"full";
    char *path = export_reports(st, "full.jsonl");
    char *data = scratch_read(path, NULL);
    json_t *rec = load_line(data);
    json_t *first = json_array_get(json_object_get(rec, "sections"), 0);
    cr_assert_null(json_object_get(first, "start"),
                   "full keeps the sections as they were");
    json_t *figures = json_object_get(rec, "figures");
    json_t *pct = json_array_get(figures, 0);
    cr_assert_str_eq(json_string_value(json_object_get(pct, "sentence")),
                     "今年收入增长了12.5%", "the clause, by default");
    cr_assert(json_is_integer(json_object_get(pct, "block")));
    json_t *money = json_array_get(figures, 1);
    cr_assert(json_is_null(json_object_get(money, "qualifier")));
    json_t *count = json_array_get(figures, 2);
    json_t *spath = json_object_get(count, "section");
    cr_assert_eq(json_array_size(spath), 2);
    cr_assert_str_eq(json_string_value(json_array_get(spath, 0)),
                     "第一章 总则");
    cr_assert_str_eq(json_string_value(json_array_get(spath, 1)),
                     "一、基本情况");
    json_decref(rec);
    free(data);
    free(path);
}

Test(export, figure_fields_must_be_short_or_full)
{
    export_state *st = new_state("jsonl", NULL);
    st->figure_fields = (char *)"some";
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    cr_assert_eq(export_LTX_sluice_plugin.init(ctx, st), SL_ERROR);
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "figure_fields"));
    sl_ctx_free(ctx);
    free(st);
}

/* A document whose record is several megabytes: 2,000 blocks of twenty
 * figures each, under 100 sections. */
static sl_doc *make_large_report(void)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_eq(sl_doc_set_id_copy(doc, "big", 3), 0);
    char text[1024];
    for (size_t b = 0; b < 2000; b++) {
        if (b % 20 == 0) {
            snprintf(text, sizeof text, "第%zu节 情况", b / 20 + 1);
            sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, text, strlen(text));
            sl_doc_add_section(doc, doc->n_blocks - 1, 1, -1)->end_block =
                doc->n_blocks + 19;
        }
        size_t len = 0;
        for (int f = 0; f < 20; f++)
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "项目%d增长了%d.5%%，", f, f);
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, len);
        size_t block = doc->n_blocks - 1;
        const char *t = doc->blocks[block].text;
        for (const char *at = strstr(t, "增长了"); at;
             at = strstr(at + 1, "增长了")) {
            size_t start = (size_t)(at - t) + strlen("增长了");
            size_t end = (size_t)(strstr(t + start, "%") - t) + 1;
            sl_span *sp = sl_doc_add_span(doc, "figure", block, start, end);
            sp->kind = "percent";
            sp->unit = "percent";
            sp->value = 1.5;
            sp->flags = SL_SPAN_HAS_VALUE;
        }
    }
    return doc;
}

Test(export, large_records_are_written_in_pieces_and_whole)
{
    sl_doc *doc = make_large_report();
    export_state *want_st = new_state("jsonl", "-");
    doc_view view = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    outbuf whole = {0};
    cr_assert_eq(record_json_put(want_st, &view, &whole, NULL), 0);
    outbuf_putc(&whole, '\n');
    cr_assert_gt(whole.len, (size_t)(4 * RECORD_FLUSH_BYTES));
    doc_view_free(&view);
    free(want_st);

    char *path = in_dir("big.jsonl");
    export_state *st = new_state("jsonl", path);
    const sl_plugin *p = &export_LTX_sluice_plugin;
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    cr_assert_eq(p->init(ctx, st), SL_OK, "%s", sl_ctx_error(ctx));
    cr_assert_eq(p->process(ctx, st, doc), SL_OK, "%s", sl_ctx_error(ctx));
    cr_assert_lt(st->buf.cap, whole.len / 2,
                 "the record was held whole: %zu bytes of buffer", st->buf.cap);
    cr_assert_eq(p->flush(ctx, st), SL_OK, "%s", sl_ctx_error(ctx));
    p->fini(st);
    sl_ctx_free(ctx);
    free(st);
    char *got = scratch_read(path, NULL);
    cr_assert_eq(strlen(got), whole.len);
    cr_assert(memcmp(got, whole.data, whole.len) == 0,
              "the pieces differ from the whole record");
    free(got);
    free(path);
    outbuf_free(&whole);
    sl_doc_free(doc);
}

Test(export, caption_references_are_listed_under_their_captions)
{
    sl_doc *doc = sl_doc_new();
    const char *texts[] = {"图1 收入", "表2 学校", "见表2和图1。", "再见图1。"};
    for (size_t i = 0; i < 4; i++)
        sl_doc_append_block_copy(doc,
                                 i < 2 ? SL_BLOCK_CAPTION : SL_BLOCK_PARAGRAPH,
                                 texts[i], strlen(texts[i]));
    add_span_on(doc, 0, "caption", "图1", 0, NULL, NULL);
    doc->spans[0].label = "图1";
    add_span_on(doc, 1, "caption", "表2", 0, NULL, NULL);
    doc->spans[1].label = "表2";
    add_span_on(doc, 2, "caption_ref", "表2", 0, NULL, NULL);
    doc->spans[2].target = 1;
    add_span_on(doc, 2, "caption_ref", "图1", 0, NULL, NULL);
    doc->spans[3].target = 0;
    add_span_on(doc, 3, "caption_ref", "图1", 0, NULL, NULL);
    doc->spans[4].target = 0;
    export_state *st = new_state("jsonl", "-");
    doc_view view = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    outbuf b = {0};
    cr_assert_eq(record_json_put(st, &view, &b, NULL), 0);
    outbuf_putc(&b, '\0');
    json_t *rec = load_line(b.data);
    json_t *caps = json_object_get(rec, "captions");
    cr_assert_eq(json_array_size(caps), 2);
    json_t *refs0 = json_object_get(json_array_get(caps, 0), "refs");
    json_t *refs1 = json_object_get(json_array_get(caps, 1), "refs");
    cr_assert_eq(json_array_size(refs0), 2);
    cr_assert_eq(json_array_size(refs1), 1);
    cr_assert_eq(
        json_integer_value(json_object_get(json_array_get(refs0, 0), "block")),
        2);
    cr_assert_eq(
        json_integer_value(json_object_get(json_array_get(refs0, 1), "block")),
        3);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(refs1, 0), "text")),
        "表2");
    json_decref(rec);
    outbuf_free(&b);
    doc_view_free(&view);
    free(st);
    sl_doc_free(doc);
}

Test(export, show_removed_lists_reasons)
{
    export_state *st = new_state("jsonl", NULL);
    st->show_removed = true;
    char *path = export_reports(st, "removed.jsonl");
    char *data = scratch_read(path, NULL);
    json_t *rec = load_line(data);
    json_t *removed = json_object_get(rec, "removed");
    cr_assert_eq(json_array_size(removed), 1, "merged lines are not removed");
    json_t *r = json_array_get(removed, 0);
    cr_assert_str_eq(json_string_value(json_object_get(r, "text")), lines[1]);
    cr_assert_str_eq(json_string_value(json_object_get(r, "reason")),
                     "breadcrumb");
    cr_assert_float_eq(json_number_value(json_object_get(r, "score")), 0.95,
                       1e-6);
    json_decref(rec);
    free(data);
    free(path);
}

Test(export, output_is_byte_identical_across_runs)
{
    const char *formats[] = {"jsonl", "csv", "markdown", "sqlite"};
    for (size_t f = 0; f < 4; f++) {
        char a[64], b[64];
        snprintf(a, sizeof a, "a.%s", formats[f]);
        snprintf(b, sizeof b, "b.%s", formats[f]);
        char *pa = export_reports(new_state(formats[f], NULL), a);
        char *pb = export_reports(new_state(formats[f], NULL), b);
        struct stat sa, sb;
        cr_assert_eq(stat(pa, &sa), 0);
        cr_assert_eq(stat(pb, &sb), 0);
        cr_assert_eq(sa.st_size, sb.st_size, "%s sizes differ", formats[f]);
        char *da = scratch_read(pa, NULL), *db = scratch_read(pb, NULL);
        cr_assert_eq(memcmp(da, db, (size_t)sa.st_size), 0, "%s differs",
                     formats[f]);
        free(da);
        free(db);
        free(pa);
        free(pb);
    }
}

Test(export, gzip_path_is_compressed)
{
    char *path = export_reports(new_state("jsonl", NULL), "out.jsonl.gz");
    gzFile gz = gzopen(path, "rb");
    cr_assert_not_null(gz);
    char line[8192];
    cr_assert_not_null(gzgets(gz, line, sizeof line));
    gzclose(gz);
    json_t *rec = load_line(line);
    cr_assert_str_eq(json_string_value(json_object_get(rec, "id")), "r1");
    json_decref(rec);
    free(path);
}

Test(export, command_line_output_replaces_standard_output)
{
    char *path = in_dir("from-o.jsonl");
    sl_run_info run = {.shards = 1, .jobs = 1, .output = path};
    sl_doc *doc = make_report("r1");
    run_stage(new_state("jsonl", "-"), &run, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    cr_assert_not_null(strstr(data, "\"id\":\"r1\""));
    free(data);
    free(path);
}

Test(export, existing_output_is_kept_unless_overwrite)
{
    char *path = in_dir("exists.jsonl");
    FILE *f = fopen(path, "w");
    fputs("keep me\n", f);
    fclose(f);
    export_state *st = new_state("jsonl", path);
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    cr_assert_eq(export_LTX_sluice_plugin.init(ctx, st), SL_ERROR);
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "exists"));
    export_LTX_sluice_plugin.fini(st);
    sl_ctx_free(ctx);
    free(st);
    char *data = scratch_read(path, NULL);
    cr_assert_str_eq(data, "keep me\n");
    free(data);

    st = new_state("jsonl", NULL);
    st->overwrite = true;
    free(export_reports(st, "exists.jsonl"));
    data = scratch_read(path, NULL);
    cr_assert_eq(strncmp(data, "{\"id\":\"r1\"", 10), 0);
    free(data);
    free(path);
}

Test(export, unfinished_run_leaves_no_file)
{
    char *path = in_dir("never.jsonl");
    export_state *st = new_state("jsonl", path);
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    sl_doc *doc = make_report("r1");
    cr_assert_eq(export_LTX_sluice_plugin.init(ctx, st), SL_OK);
    cr_assert_eq(export_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    export_LTX_sluice_plugin.fini(st); /* no flush: the run stopped */
    struct stat sb;
    cr_assert_neq(stat(path, &sb), 0);
    DIR *d = opendir(scratch_dir());
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
    closedir(d);
    cr_assert_eq(n, 0, "the temporary file is removed too");
    sl_doc_free(doc);
    sl_ctx_free(ctx);
    free(st);
    free(path);
}

Test(export, two_exports_in_one_run)
{
    const sl_plugin *p = &export_LTX_sluice_plugin;
    char *jsonl = in_dir("corpus.jsonl"), *db = in_dir("analysis.db");
    export_state *a = new_state("jsonl", jsonl), *b = new_state("sqlite", db);
    sl_ctx *ca = sl_ctx_new("export", NULL), *cb = sl_ctx_new("export2", NULL);
    cr_assert_eq(p->init(ca, a), SL_OK);
    cr_assert_eq(p->init(cb, b), SL_OK);
    for (int i = 0; i < 3; i++) {
        char id[8];
        snprintf(id, sizeof id, "d%d", i);
        sl_doc *doc = make_report(id);
        cr_assert_eq(p->process(ca, a, doc), SL_OK);
        cr_assert_eq(p->process(cb, b, doc), SL_OK);
        sl_doc_free(doc);
    }
    cr_assert_eq(p->flush(ca, a), SL_OK);
    cr_assert_eq(p->flush(cb, b), SL_OK);
    p->fini(a);
    p->fini(b);
    char *data = scratch_read(jsonl, NULL);
    size_t n = 0;
    for (char *c = data; *c; c++)
        n += *c == '\n';
    cr_assert_eq(n, 3);
    sqlite3 *sq;
    cr_assert_eq(sqlite3_open_v2(db, &sq, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK);
    sqlite3_stmt *q;
    sqlite3_prepare_v2(sq, "SELECT count(*) FROM documents", -1, &q, NULL);
    cr_assert_eq(sqlite3_step(q), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_int(q, 0), 3);
    sqlite3_finalize(q);
    sqlite3_close(sq);
    free(data);
    sl_ctx_free(ca);
    sl_ctx_free(cb);
    free(a);
    free(b);
    free(jsonl);
    free(db);
}

/* ---- chunks ----------------------------------------------------------------
 */

Test(export, split_by_section_gives_one_record_per_section)
{
    export_state *st = new_state("jsonl", NULL);
    st->split = (char *)"section";
    char *path = export_reports(st, "sections.jsonl");
    char *data = scratch_read(path, NULL);
    /* the title and the chapter heading with no text of its own are
     * carried into the first piece with a body */
    const char *want_paths[] = {"[\"第一章 总则\"]",
                                "[\"第一章 总则\",\"一、基本情况\"]",
                                "[\"第二章 附则\"]"};
    const char *want_starts[] = {"2023年工作报告\n第一章 总则\n今年",
                                 "一、基本情况\n- 项目", "第二章 附则\n见图1"};
    char *line = data;
    for (size_t i = 0; i < 3; i++) {
        json_t *rec = load_line(line);
        char id[16];
        snprintf(id, sizeof id, "r1#%zu", i);
        cr_assert_str_eq(json_string_value(json_object_get(rec, "id")), id);
        cr_assert_str_eq(json_string_value(json_object_get(rec, "doc_id")),
                         "r1");
        char *spath = json_dumps(json_object_get(rec, "section"), JSON_COMPACT);
        cr_assert_str_eq(spath, want_paths[i]);
        free(spath);
        const char *text = json_string_value(json_object_get(rec, "text"));
        cr_assert_eq(strncmp(text, want_starts[i], strlen(want_starts[i])), 0,
                     "piece %zu: %s", i, text);
        json_decref(rec);
        line = strchr(line, '\n') + 1;
    }
    json_t *rec = load_line(line);
    cr_assert_str_eq(json_string_value(json_object_get(rec, "id")), "r2#0",
                     "the next document starts");
    json_decref(rec);
    free(data);
    free(path);
}

static size_t count_chars(const char *s)
{
    return sl_utf8_count(s, strlen(s));
}

/* The text without white space, to compare pieces with their source. */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s) + 1), *w = out;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            *w++ = *s;
    *w = '\0';
    return out;
}

Test(export, max_chars_cuts_at_sentence_ends)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_set_id_copy(doc, "long", 4);
    char text[4096] = "";
    for (int i = 0; i < 30; i++) {
        char sentence[128];
        snprintf(sentence, sizeof sentence,
                 "第%d句说明收入情况。Item %d is fine. ", i, i);
        strcat(text, sentence);
    }
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    export_state *st = new_state("jsonl", NULL);
    st->max_chars = 40;
    char *path = in_dir("pieces.jsonl");
    st->path = path;
    run_stage(st, NULL, &doc, 1);
    char *data = scratch_read(path, NULL);
    char *joined = calloc(1, strlen(data) + 1);
    size_t pieces = 0;
    for (char *line = data; *line; line = strchr(line, '\n') + 1) {
        json_t *rec = load_line(line);
        const char *piece = json_string_value(json_object_get(rec, "text"));
        cr_assert_leq(count_chars(piece), 40, "piece too long: %s", piece);
        size_t n = strlen(piece);
        cr_assert(piece[n - 1] == '.' || strstr(piece + n - 3, "。"),
                  "piece does not end a sentence: %s", piece);
        strcat(joined, piece);
        pieces++;
        json_decref(rec);
    }
    cr_assert_gt(pieces, 10);
    char *a = squeeze(joined), *b = squeeze(text);
    cr_assert_str_eq(a, b, "the pieces hold all the text, in order");
    free(a);
    free(b);
    free(joined);
    free(data);
    free(path);
    sl_doc_free(doc);
}

Test(export, chunk_cut_falls_back_to_a_hard_cut)
{
    const char *s = "没有标点的很长一段文字没有标点的很长一段文字";
    size_t cut = chunk_cut(s, strlen(s), 5);
    cr_assert_eq(sl_utf8_count(s, cut), 5);
    cr_assert_eq(chunk_cut(s, strlen(s), 1000), strlen(s));
}

Test(export, sentences_are_cut_at_stops_not_decimals)
{
    const char *s = "First one. Price rose 3.5 percent! 第二句有12个。末尾";
    size_t from, to;
    const char *at = strstr(s, "3.5");
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 3, false,
                 SIZE_MAX, &from, &to);
    cr_assert_eq(strncmp(s + from, "Price rose 3.5 percent!", to - from), 0);
    cr_assert_eq(to - from, strlen("Price rose 3.5 percent!"));
    at = strstr(s, "12");
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 2, false,
                 SIZE_MAX, &from, &to);
    cr_assert_eq(strncmp(s + from, "第二句有12个。", to - from), 0);
    cr_assert_eq(to - from, strlen("第二句有12个。"));
}

/* A fixed pseudo-random sequence (xorshift64) for the tests below. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

/* JSON escaping the plain way, one byte at a time, for the test below. */
static void escape_slowly(const char *s, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *out++ = '\\';
            *out++ = (char)c;
        } else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' ||
                   c == '\f') {
            *out++ = '\\';
            *out++ = c == '\n'   ? 'n'
                     : c == '\r' ? 'r'
                     : c == '\t' ? 't'
                     : c == '\b' ? 'b'
                                 : 'f';
        } else if (c < 0x20) {
            out += sprintf(out, "\\u%04x", c);
        } else {
            *out++ = (char)c;
        }
    }
    *out = '\0';
}

/* outbuf_put_json_chars on text against escape_slowly, which it leaves in
 * want for the caller; case and place name the input in a failure. */
static void expect_escaped_slowly(const char *text, size_t len, char *want,
                                  size_t case_no, size_t place)
{
    escape_slowly(text, len, want);
    outbuf b = {0};
    outbuf_put_json_chars(&b, text, len);
    cr_assert_eq(b.len, strlen(want), "case %zu, place %zu", case_no, place);
    cr_assert_eq(memcmp(b.data, want, b.len), 0, "case %zu, place %zu", case_no,
                 place);
    outbuf_free(&b);
}

Test(export, json_escaping_matches_the_plain_way)
{
    /* bytes that need escaping, sparse and dense, at every offset around
     * the 8- and 16-byte steps, among UTF-8 and ASCII */
    static const char *const pieces[] = {"\"", "\\", "\n", "\x01", "\x1f",
                                         " ",  "a",  "中", "\x7f", "\xff"};
    uint64_t state = 0x853C49E6748FEA9Bull;
    char text[160], want[1000];
    for (int round = 0; round < 5000; round++) {
        size_t len = 0, count = (size_t)(next_random(&state) % 40);
        uint64_t dense = next_random(&state) % 4;
        for (size_t i = 0; i < count; i++) {
            uint64_t r = next_random(&state);
            const char *piece =
                r % 8 < dense ? pieces[r % 5] : pieces[5 + (r >> 8) % 5];
            size_t plen = strlen(piece);
            memcpy(text + len, piece, plen);
            len += plen;
        }
        expect_escaped_slowly(text, len, want, (size_t)round, 0);
    }
}

/* Strings of 20 to 100 bytes, each byte that needs escaping at every
 * place: across the 32-byte steps (AVX2), the 16-byte ones after them and
 * the word and byte tails, in buffers of exactly the string's size. */
Test(export, long_json_strings_match_the_plain_way)
{
    static const unsigned char specials[] = {'"', '\\', '\n', 0x00, 0x1f};
    char want[700];
    for (size_t len = 20; len <= 100; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char *text = malloc(len);
                for (size_t i = 0; i < len; i++)
                    text[i] = (char)(i % 3 == 0 ? 'a' + i % 26 : 0xe4 + i % 2);
                if (at < len)
                    text[at] = (char)specials[k];
                expect_escaped_slowly(text, len, want, len, at);
                free(text);
            }
}

Test(export, short_json_strings_match_the_plain_way)
{
    /* strings of 0 to 20 bytes (the word-at-a-time copy below 16), each
     * byte that needs escaping at every place among ASCII and UTF-8, in
     * buffers of exactly the string's size */
    static const unsigned char specials[] = {'"',  '\\', '\n', 0x01, 0x1f,
                                             0x00, 0x7f, 0xe4, 0x80, 0xff};
    char want[200];
    for (size_t len = 0; len <= 20; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char *text = malloc(len ? len : 1);
                for (size_t i = 0; i < len; i++)
                    text[i] = (char)(i % 3 == 0 ? 'a' + i : 0xe4 + i % 2);
                if (at < len)
                    text[at] = (char)specials[k];
                expect_escaped_slowly(text, len, want, len, at);
                /* and quoted, after other bytes */
                outbuf q = {0};
                outbuf_puts(&q, "x");
                outbuf_put_json_string(&q, text, len);
                cr_assert_eq(q.len, strlen(want) + 3, "len %zu at %zu", len,
                             at);
                cr_assert_eq(q.data[1], '"');
                cr_assert_eq(memcmp(q.data + 2, want, q.len - 3), 0);
                cr_assert_eq(q.data[q.len - 1], '"');
                outbuf_free(&q);
                free(text);
            }
}

Test(export, digit_count_matches_the_powers_of_ten)
{
    /* every power of two and of ten, and their neighbours */
    for (unsigned shift = 0; shift < 64; shift++)
        for (int d = -1; d <= 1; d++) {
            unsigned long long u = (1ull << shift) + (unsigned long long)d;
            cr_assert_eq(digit_count(u), digit_count_by_powers(u), "%llu", u);
        }
    for (unsigned long long p = 1; p <= ULLONG_MAX / 10; p *= 10)
        for (int d = -1; d <= 1; d++) {
            unsigned long long u = p * 10 + (unsigned long long)d;
            cr_assert_eq(digit_count(u), digit_count_by_powers(u), "%llu", u);
        }
    cr_assert_eq(digit_count(0), 1);
    cr_assert_eq(digit_count(ULLONG_MAX), 20);
    uint64_t state = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 100000; round++) {
        uint64_t r = next_random(&state);
        unsigned long long u = r >> (r % 64);
        cr_assert_eq(digit_count(u), digit_count_by_powers(u), "%llu", u);
    }
}

Test(export, short_char_counts_match_the_word_count)
{
    /* every length below 64, random bytes weighted to continuation bytes,
     * all continuation, all ASCII; each in a buffer of exactly its size */
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 200; round++)
        for (size_t n = 0; n < 64; n++) {
            char *text = malloc(n ? n : 1);
            for (size_t i = 0; i < n; i++) {
                uint64_t r = next_random(&state);
                text[i] = (char)(round == 0   ? 0x80 + r % 64
                                 : round == 1 ? 'a' + r % 26
                                 : r % 3 == 0 ? 0x80 + r % 64
                                              : r >> 8);
            }
            cr_assert_eq(count_chars_short(text, n),
                         count_chars_by_words(text, n), "n %zu round %d", n,
                         round);
            free(text);
        }
}

Test(export, char_counts_within_a_buffer_match_the_word_count)
{
    /* every length below 64 at every place of buffers of exactly 0 to
     * 100 bytes (under and over the 64 the masked loads need), random
     * bytes weighted to continuation bytes, all continuation, all ASCII */
    uint64_t state = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 6; round++)
        for (size_t size = 0; size <= 100; size++) {
            char *buf = malloc(size ? size : 1);
            for (size_t i = 0; i < size; i++) {
                uint64_t r = next_random(&state);
                buf[i] = (char)(round == 0   ? 0x80 + r % 64
                                : round == 1 ? 'a' + r % 26
                                : r % 3 == 0 ? 0x80 + r % 64
                                             : r >> 8);
            }
            for (size_t at = 0; at <= size; at++)
                for (size_t n = 0; n < 64 && at + n <= size; n++)
                    cr_assert_eq(
                        count_chars_within(buf, buf + size, buf + at, n),
                        count_chars_by_words(buf + at, n),
                        "size %zu at %zu n %zu round %d", size, at, n, round);
            free(buf);
        }
}

#if defined(__x86_64__) && defined(__GNUC__)
Test(export, two_char_counts_in_one_load_match_the_word_count)
{
    /* every gap and length with gap + len below 64 at every place of
     * buffers of exactly 64 to 100 bytes, random bytes weighted to
     * continuation bytes, all continuation, all ASCII */
    if (!__builtin_cpu_supports("avx2"))
        return;
    uint64_t state = 0x632BE59BD9B4E019ull;
    for (int round = 0; round < 4; round++)
        for (size_t size = 64; size <= 100; size += 3) {
            char *buf = malloc(size);
            for (size_t i = 0; i < size; i++) {
                uint64_t r = next_random(&state);
                buf[i] = (char)(round == 0   ? 0x80 + r % 64
                                : round == 1 ? 'a' + r % 26
                                : r % 3 == 0 ? 0x80 + r % 64
                                             : r >> 8);
            }
            for (size_t at = 0; at <= size; at++)
                for (size_t gap = 0; gap < 64 && at + gap <= size; gap++)
                    for (size_t len = 0;
                         gap + len < 64 && at + gap + len <= size; len++) {
                        size_t counts[2] = {99, 99};
                        count_two_within_avx2(buf + size, buf + at, gap, len,
                                              counts);
                        cr_assert_eq(counts[0],
                                     count_chars_by_words(buf + at, gap),
                                     "size %zu at %zu gap %zu", size, at, gap);
                        cr_assert_eq(counts[1],
                                     count_chars_by_words(buf + at + gap, len),
                                     "size %zu at %zu gap %zu len %zu", size,
                                     at, gap, len);
                    }
            free(buf);
        }
}

Test(export, two_char_counts_after_long_gaps_match_the_word_count)
{
    /* gaps of any length (whole 64-byte steps, then a rest within or
     * across the figure's window) in buffers of exactly 64 to 400 bytes */
    if (!__builtin_cpu_supports("avx2"))
        return;
    uint64_t state = 0x9FB21C651E98DF25ull;
    for (int round = 0; round < 20000; round++) {
        size_t size = 64 + next_random(&state) % 337;
        char *buf = malloc(size);
        for (size_t i = 0; i < size; i++) {
            uint64_t r = next_random(&state);
            buf[i] = (char)(r % 3 == 0 ? 0x80 + r % 64 : r >> 8);
        }
        size_t at = next_random(&state) % (size + 1);
        size_t gap = next_random(&state) % (size - at + 1);
        size_t room = size - at - gap, len = next_random(&state) % 64;
        if (len > room)
            len = room;
        size_t counts[2] = {9999, 9999};
        count_two_within_avx2(buf + size, buf + at, gap, len, counts);
        cr_assert_eq(counts[0], count_chars_by_words(buf + at, gap),
                     "size %zu at %zu gap %zu len %zu", size, at, gap, len);
        cr_assert_eq(counts[1], count_chars_by_words(buf + at + gap, len),
                     "size %zu at %zu gap %zu len %zu", size, at, gap, len);
        free(buf);
    }
}
#endif

/* put_json_number_at against format_number on decimals of one to three
 * places (its short way takes one or two), signed, from below 1e-4 to
 * past 1e9, and on halves and values near whole numbers. */
Test(export, short_fractions_match_format_number)
{
    static const double scales[] = {1, 10, 100, 1000, 1e4, 1e5};
    uint64_t state = 0xBF58476D1CE4E5B9ull;
    char want[NUMBER_ROOM], got[NUMBER_ROOM + 1];
    for (int round = 0; round < 200000; round++) {
        uint64_t r = next_random(&state);
        double v = (double)(long long)(r >> (20 + r % 40)) / scales[r % 6];
        if ((r >> 8) % 2)
            v = -v;
        if ((r >> 9) % 17 == 0)
            v *= (r >> 10) % 2 ? 1 + 0x1p-52 : 1 - 0x1p-53; /* a step off */
        cr_assert(format_number(v, want, sizeof want));
        char *end = put_json_number_at(got, v);
        *end = '\0';
        cr_assert_str_eq(got, want, "%.17g", v);
    }
}

/* A random object of metadata: keys and strings of pieces that need
 * escaping or not (quotes, control bytes, UTF-8, a NUL), integers at the
 * edges, true, false, null, and now and then a real, an array or bytes
 * that are not UTF-8; keys deleted and set again, so that the order of
 * insertion is not the order of first use. */
static json_t *random_metadata(uint64_t *state)
{
    static const char *const pieces[] = {"url", "a",  "中文", "\"",   "\\",
                                         "/",   " ",  "\n",   "\x01", "\x1f",
                                         "é",   "\t", "𝄞"};
    json_t *meta = json_object();
    size_t n = (size_t)(next_random(state) % 8);
    for (size_t k = 0; k < n; k++) {
        char key[64] = "", text[64] = "";
        size_t pieces_n = 1 + next_random(state) % 4;
        for (size_t i = 0; i < pieces_n; i++)
            strcat(key, pieces[next_random(state) % 13]);
        pieces_n = next_random(state) % 5;
        for (size_t i = 0; i < pieces_n; i++)
            strcat(text, pieces[next_random(state) % 13]);
        json_t *value;
        uint64_t r = next_random(state) % 12;
        if (r < 4)
            value = json_string(text);
        else if (r == 4)
            value =
                json_integer(next_random(state) % 2 ? LLONG_MIN : LLONG_MAX);
        else if (r == 5)
            value =
                json_integer((json_int_t)(next_random(state) % 2000) - 1000);
        else if (r == 6)
            value = next_random(state) % 2 ? json_true() : json_false();
        else if (r == 7)
            value = json_null();
        else if (r == 8)
            value = json_real(0.1 * (double)(next_random(state) % 100));
        else if (r == 9)
            value = json_pack("[i]", 1);
        else if (r == 10)
            value = json_stringn_nocheck("\xff\xfe", 2);
        else
            value = json_stringn("a\0b", 3);
        json_object_set_new(meta, key, value);
        if (next_random(state) % 4 == 0) {
            json_object_del(meta, key);
            json_object_set_new(meta, key, json_string(text));
        }
    }
    return meta;
}

Test(export, flat_metadata_is_what_jansson_writes)
{
    uint64_t state = 0xD1B54A32D192ED03ull;
    int flat = 0;
    for (int round = 0; round < 5000; round++) {
        json_t *meta = random_metadata(&state);
        outbuf want = {0}, got = {0};
        put_dumped_metadata(meta, &want);
        outbuf_puts(&got, "x");
        if (put_flat_metadata(meta, &got)) {
            flat++;
            cr_assert_eq(got.len - 1, want.len, "round %d", round);
            cr_assert_eq(memcmp(got.data + 1, want.data, want.len), 0,
                         "round %d: %.*s", round, (int)want.len, want.data);
        } else {
            cr_assert_eq(got.len, 1, "round %d: nothing written", round);
        }
        outbuf_free(&want);
        outbuf_free(&got);
        json_decref(meta);
    }
    cr_assert_gt(flat, 500, "many objects are flat (%d)", flat);
}

/* Random block text for the figures test: ASCII, two- and three-byte
 * UTF-8, and bytes that need escaping. */
static void random_figure_text(uint64_t *state, char *text, size_t len)
{
    static const char *const pieces[] = {"1",    "2.5", "%",   "万元",
                                         "é",    "\"",  "\\",  "\n",
                                         "\x01", " ",   "abc", "年"};
    size_t at = 0;
    while (at < len) {
        const char *piece =
            pieces[next_random(state) % (sizeof pieces / sizeof pieces[0])];
        size_t n = strlen(piece);
        if (at + n > len) {
            piece = "x";
            n = 1;
        }
        memcpy(text + at, piece, n);
        at += n;
    }
    text[len] = '\0';
}

/* A value for a figure: whole numbers small and large, negative, decimals,
 * values no short decimal reads back as, -0, NaN and infinities. */
static double random_figure_value(uint64_t *state)
{
    uint64_t r = next_random(state);
    switch (r % 9) {
    case 0: return (double)(r >> 40);
    case 1: return -(double)(r >> 50);
    case 2: return (double)(r >> 20) / 1000.0;
    case 3: return (double)(r >> 11) * 0x1p-53;
    case 4: return 9007199254740992.0 * (double)(r % 5);
    case 5: return -0.0;
    case 6: return NAN;
    case 7: return (r & 1) ? INFINITY : -INFINITY;
    default: return (double)(r % 100);
    }
}

/* A document of random blocks with many figures over them (starts and
 * ends out of order, past the block, inside a character), the units,
 * kinds and qualifiers taken from a few strings, some of the same text at
 * two addresses, some needing escapes, some long. */
static sl_doc *make_random_figures(uint64_t *state, size_t n_figures)
{
    static const char same_a[] = "percent", same_b[] = "percent";
    static const char *const strings[] = {
        NULL,
        "CNY",
        "percent",
        same_a,
        same_b,
        "count",
        "a \"b\"",
        "tab\tx",
        "约",
        "mm",
        "a unit whose name is longer than "
        "thirty-two bytes, to be copied whole"};
    const size_t n_strings = sizeof strings / sizeof strings[0];
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_id_copy(doc, "f", 1), 0);
    size_t n_blocks = 1 + next_random(state) % 6;
    for (size_t i = 0; i < n_blocks; i++) {
        char text[400];
        size_t len = next_random(state) % 300;
        random_figure_text(state, text, len);
        cr_assert_not_null(
            sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, len));
        if (next_random(state) % 5 == 0)
            doc->blocks[i].flags |= SL_BLOCK_BOILERPLATE;
    }
    for (size_t f = 0; f < n_figures; f++) {
        size_t block = next_random(state) % n_blocks;
        size_t len = doc->blocks[block].len + 4;
        size_t start = next_random(state) % len;
        size_t end = start + next_random(state) % 40;
        sl_span *sp = sl_doc_add_span(doc, f % 7 == 6 ? "range" : "figure",
                                      block, start, end);
        cr_assert_not_null(sp);
        uint64_t r = next_random(state);
        sp->unit = strings[r % n_strings];
        sp->kind = strings[(r >> 8) % n_strings];
        sp->qualifier = (r >> 16) % 3 ? NULL : strings[(r >> 24) % n_strings];
        if ((r >> 32) % 4)
            sp->flags |= SL_SPAN_HAS_VALUE;
        if ((r >> 34) % 5 == 0)
            sp->flags |= SL_SPAN_HAS_RANGE;
        sp->value = random_figure_value(state);
        sp->low = random_figure_value(state);
        sp->high = random_figure_value(state);
    }
    return doc;
}

/* What the record holds: the figures and ranges written by the short
 * writer are what the general writer (put_figure) writes. */
Test(export, short_figures_match_the_general_writer)
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    export_state *fast = new_state("jsonl", "-");
    export_state *general = new_state("jsonl", "-");
    general->figures_by_reference = true;
    for (int round = 0; round < 400; round++) {
        sl_doc *doc = make_random_figures(&state, round % 50 * 3);
        doc_view view = {0};
        cr_assert_eq(doc_view_build(&view, doc), 0);
        outbuf want = {0}, got = {0};
        cr_assert_eq(record_json_put(general, &view, &want, NULL), 0);
        outbuf_puts(&got, "x"); /* written after other bytes */
        cr_assert_eq(record_json_put(fast, &view, &got, NULL), 0);
        cr_assert_eq(got.len - 1, want.len, "round %d", round);
        cr_assert_eq(memcmp(got.data + 1, want.data, want.len), 0,
                     "round %d: %.*s", round, (int)want.len, want.data);
        outbuf_free(&want);
        outbuf_free(&got);
        doc_view_free(&view);
        sl_doc_free(doc);
    }
    free(fast);
    free(general);
}

/* A record whose fast and general writers give the same bytes. */
static void expect_short_figures_as_general(sl_doc *doc, const char *what)
{
    export_state *fast = new_state("jsonl", "-");
    export_state *general = new_state("jsonl", "-");
    general->figures_by_reference = true;
    doc_view view = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    outbuf want = {0}, got = {0};
    cr_assert_eq(record_json_put(general, &view, &want, NULL), 0);
    cr_assert_eq(record_json_put(fast, &view, &got, NULL), 0);
    cr_assert_eq(got.len, want.len, "%s", what);
    cr_assert_eq(memcmp(got.data, want.data, want.len), 0, "%s: %.*s", what,
                 (int)want.len, want.data);
    outbuf_free(&want);
    outbuf_free(&got);
    doc_view_free(&view);
    free(fast);
    free(general);
}

/* The ends of short figures are kept from record to record by the
 * addresses of their strings: a string changed at the same address (a
 * document freed, another made where it was) is written as it is now. */
Test(export, short_figure_ends_follow_strings_changed_in_place)
{
    static const char *const units[] = {
        "kg", "kg", "m\"x", "kilogram", "a unit longer than the room kept",
        "kg", "",   "kh"};
    char unit[64], kind[64];
    for (size_t round = 0; round < sizeof units / sizeof units[0]; round++) {
        strcpy(unit, units[round]);
        strcpy(kind, round % 2 ? "count" : "quantity");
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_id_copy(doc, "f", 1), 0);
        cr_assert_not_null(sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH,
                                                    "12 kg and 13 kg", 15));
        for (size_t at = 0; at < 15; at += 10) {
            sl_span *sp = sl_doc_add_span(doc, "figure", 0, at, at + 5);
            cr_assert_not_null(sp);
            sp->unit = unit;
            sp->kind = kind;
            sp->qualifier = round % 3 ? NULL : kind;
        }
        expect_short_figures_as_general(doc, units[round]);
        sl_doc_free(doc);
    }
}

/* Positions and values at the edges of the short writer's ways of
 * writing them: below and from 10^4, negative, fractional, large; the
 * figures at the start and the end of blocks long and short, of one-
 * and many-byte characters. */
Test(export, short_figures_match_the_general_writer_at_the_edges)
{
    static const double values[] = {0,        9999, 10000, -1,    0.5,
                                    99999999, 1e8,  -0.0,  1e300, 12.25};
    static const char *const pieces[] = {"a", "é", "年", "😀"};
    for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_id_copy(doc, "f", 1), 0);
        size_t piece = strlen(pieces[p]);
        size_t lens[] = {9990, 12, 70, 10020};
        for (size_t b = 0; b < 4; b++) {
            size_t chars = lens[b];
            char *text = malloc(chars * piece + 1);
            size_t len = 0; /* every seventh an ASCII letter */
            for (size_t i = 0; i < chars; i++) {
                const char *from = pieces[(i % 7 == 0) ? 0 : p];
                memcpy(text + len, from, strlen(from));
                len += strlen(from);
            }
            cr_assert_not_null(
                sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, len));
            free(text);
            size_t places[] = {0, 1, len / 2, len - 3, len - 1, len};
            for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
                size_t start = places[i] < len ? places[i] : len;
                size_t end = start + 1 + i % 4 * piece;
                sl_span *sp = sl_doc_add_span(doc, "figure", b, start, end);
                cr_assert_not_null(sp);
                sp->unit = "km";
                sp->kind = "quantity";
                sp->value = values[(b * 6 + i) % 10];
                sp->flags |= SL_SPAN_HAS_VALUE;
            }
        }
        expect_short_figures_as_general(doc, pieces[p]);
        sl_doc_free(doc);
    }
}

/* A record emptied into the output between figures: a short figure's end
 * is never copied from bytes that left the buffer. */
static int empty_into(void *user)
{
    outbuf **pair = user; /* the buffer, then what it was emptied into */
    outbuf_put(pair[1], pair[0]->data, pair[0]->len);
    memset(pair[0]->data, '#', pair[0]->len); /* no stale bytes to copy */
    outbuf_reset(pair[0]);
    return 0;
}

Test(export, short_figures_hold_across_a_record_in_pieces)
{
    uint64_t state = 0xD1B54A32D192ED03ull;
    export_state *fast = new_state("jsonl", "-");
    export_state *general = new_state("jsonl", "-");
    general->figures_by_reference = true;
    sl_doc *doc = make_random_figures(&state, 60000);
    doc_view view = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    outbuf want = {0}, buf = {0}, got = {0};
    cr_assert_eq(record_json_put(general, &view, &want, NULL), 0);
    cr_assert_gt(want.len, (size_t)(2 * RECORD_FLUSH_BYTES));
    outbuf *pair[2] = {&buf, &got};
    record_flush flush = {empty_into, pair};
    cr_assert_eq(record_json_put(fast, &view, &buf, &flush), 0);
    empty_into(pair);
    cr_assert_eq(got.len, want.len);
    size_t differ = 0;
    while (differ < want.len && got.data[differ] == want.data[differ])
        differ++;
    cr_assert_eq(differ, want.len,
                 "the pieces differ from the general writer's record at %zu: "
                 "%.60s",
                 differ, got.data + (differ > 30 ? differ - 30 : 0));
    outbuf_free(&want);
    outbuf_free(&buf);
    outbuf_free(&got);
    doc_view_free(&view);
    sl_doc_free(doc);
    free(fast);
    free(general);
}

Test(export, put_again_copies_across_growth)
{
    outbuf b = {0};
    char piece[3000];
    for (size_t i = 0; i < sizeof piece; i++)
        piece[i] = (char)('a' + i % 26);
    outbuf_put(&b, piece, sizeof piece);
    outbuf_put_again(&b, 0, sizeof piece); /* grows past 4096 */
    outbuf_put_again(&b, 100, 50);
    cr_assert_not(b.failed);
    cr_assert_eq(b.len, 2 * sizeof piece + 50);
    cr_assert_eq(memcmp(b.data, piece, sizeof piece), 0);
    cr_assert_eq(memcmp(b.data + sizeof piece, piece, sizeof piece), 0);
    cr_assert_eq(memcmp(b.data + 2 * sizeof piece, piece + 100, 50), 0);
    outbuf_free(&b);
}

/* Random text from pieces that make and break sentences: stops, closing
 * quotes, decimals, white space and CJK letters. */
static size_t random_sentences(uint64_t *state, char *out, size_t max)
{
    static const char *const pieces[] = {
        "。", "！", "？", ".",   "!",  "?",    "\n",   " ", "\t",    "”",  "」",
        ")",  "\"", "'",  "3.5", "12", "增长", "亿元", "a", "Price", "　", "%",
    };
    size_t n = sizeof pieces / sizeof pieces[0], len = 0;
    size_t count = (size_t)(next_random(state) % 150);
    for (size_t i = 0; i < count; i++) {
        const char *piece = pieces[next_random(state) % n];
        size_t plen = strlen(piece);
        if (len + plen >= max)
            break;
        memcpy(out + len, piece, plen);
        len += plen;
    }
    out[len] = '\0';
    return len;
}

/* The sentence of a span the plain way, for the tests below: the text decoded
 * one code point at a time, each sentence-ending mark tried in turn. */
static void sentence_slowly(const char *text, size_t len, size_t start,
                            size_t end, size_t *from, size_t *to)
{
    clamp_span(text, len, &start, &end);
    size_t begin = 0, finish = len;
    bool found_finish = false;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = sl_utf8_next(text, len, &pos);
        bool mark = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
                    cp == '\n' || cp == '!' || cp == '?' || cp == '.';
        size_t after = mark ? sentence_end_after(text, len, cp, pos) : 0;
        if (!after)
            continue;
        if (pos - 1 < start && after <= start)
            begin = after; /* the last one before start wins */
        if (pos - 1 >= end && !found_finish) {
            finish = after;
            found_finish = true;
        }
    }
    while (begin < finish) {
        size_t next = begin;
        if (!sl_is_space(sl_utf8_next(text, len, &next)))
            break;
        begin = next;
    }
    while (finish > begin) {
        size_t prev = finish;
        if (!sl_is_space(sl_utf8_prev(text, &prev)))
            break;
        finish = prev;
    }
    *from = begin;
    *to = finish;
}

Test(export, sentence_context_matches_the_plain_way)
{
    uint64_t state = 0xDA942042E4DD58B5ull;
    char text[600];
    for (int round = 0; round < 3000; round++) {
        size_t len = random_sentences(&state, text, sizeof text);
        for (int q = 0; q < 8; q++) {
            uint64_t r = next_random(&state);
            size_t start = (size_t)(r >> 8) % (len + 2);
            size_t end = start + (size_t)(r >> 24) % 12;
            size_t from, to, want_from, want_to;
            sentence_slowly(text, len, start, end, &want_from, &want_to);
            find_context(text, len, start, end, false, SIZE_MAX, &from, &to);
            cr_assert_eq(from, want_from, "round %d query %d", round, q);
            cr_assert_eq(to, want_to, "round %d query %d", round, q);
        }
    }
}

/* Code points of s[0..len) other than the closing quotes and brackets a
 * sentence keeps after its stop. */
static size_t count_all_but_closers(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = sl_utf8_next(s, len, &pos);
        if (!strchr("\")'", cp) && cp != 0x201D && cp != 0x300D)
            n++;
    }
    return n;
}

Test(export, context_is_bounded_on_each_side)
{
    uint64_t state = 0x2545F4914F6CDD1Dull;
    char text[600];
    for (int round = 0; round < 2000; round++) {
        size_t len = random_sentences(&state, text, sizeof text);
        for (int q = 0; q < 8; q++) {
            uint64_t r = next_random(&state);
            size_t start = len ? (size_t)(r >> 8) % len : 0;
            size_t end = start + (size_t)(r >> 24) % 12;
            if (end > len)
                end = len;
            clamp_span(text, len, &start, &end);
            size_t limit = (size_t)(r >> 40) % 20, from, to;
            bool clauses = (r >> 60) & 1;
            find_context(text, len, start, end, clauses, limit, &from, &to);
            size_t sfrom, sto;
            find_context(text, len, start, end, false, SIZE_MAX, &sfrom, &sto);
            if (sfrom > start || sto < end)
                continue; /* white space at an end of the span, trimmed */
            cr_assert(from >= sfrom && to <= sto,
                      "round %d query %d: outside the sentence: %zu %zu in "
                      "%zu %zu, span %zu %zu limit %zu clauses %d: [%s]",
                      round, q, from, to, sfrom, sto, start, end, limit,
                      clauses, text);
            if (from <= start)
                cr_assert_leq(sl_utf8_count(text + from, start - from), limit,
                              "round %d query %d", round, q);
            if (to >= end)
                cr_assert_leq(count_all_but_closers(text + end, to - end),
                              limit, "round %d query %d", round, q);
        }
    }
}

Test(export, window_context_is_the_clause)
{
    const char *s = "据统计，今年收入增长了12.5%，达到3万元；共1,234人参加。";
    size_t from, to;
    const char *at = strstr(s, "12.5%");
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 5, true, 30,
                 &from, &to);
    cr_assert_eq(to - from, strlen("今年收入增长了12.5%"));
    cr_assert_eq(strncmp(s + from, "今年收入增长了12.5%", to - from), 0);
    at = strstr(s, "1,234");
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 5, true, 30,
                 &from, &to);
    cr_assert_eq(to - from, strlen("共1,234人参加。"), "1,234 is not cut");
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 5, true, 1,
                 &from, &to);
    cr_assert_eq(to - from, strlen("共1,234人"), "one character each side");
}

Test(export, window_context_leaves_cut_words_out)
{
    const char *s = "rates of 11.1% 22.2% 33.3% 44.4% 55.5% 66.6% in the table";
    const char *at = strstr(s, "33.3%");
    size_t from, to;
    find_context(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + 5, true, 10,
                 &from, &to);
    cr_assert_eq(strncmp(s + from, "22.2% 33.3% 44.4%", to - from), 0,
                 "got '%.*s'", (int)(to - from), s + from);
    cr_assert_eq(to - from, strlen("22.2% 33.3% 44.4%"));
}

Test(export, numbers_are_integers_or_shortest_decimals)
{
    char text[40];
    cr_assert(format_number(30000, text, sizeof text));
    cr_assert_str_eq(text, "30000");
    cr_assert(format_number(0.1, text, sizeof text));
    cr_assert_str_eq(text, "0.1");
    cr_assert(format_number(2035000000.5, text, sizeof text));
    cr_assert_str_eq(text, "2035000000.5");
    cr_assert(format_number(-1.0 / 3, text, sizeof text));
    cr_assert_eq(strtod(text, NULL), -1.0 / 3);
    cr_assert_not(format_number(1.0 / 0.0, text, sizeof text));
}

/* The shortest "%.*g" that reads back as v, the search format_number
 * short-cuts for short decimals. */
static void shortest_by_printf(double v, char *out, size_t size)
{
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(out, size, "%.*g", precision, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

Test(export, short_decimals_match_the_printf_search)
{
    static const double values[] = {
        0.1,           0.05,     -0.5,        12.5,    35.7,       99.99,
        0.0001,        0.125,    1234.5,      -2.75,   3.14159,    999999.999,
        0.3,           1e-4 * 3, 7.1e8 + 0.5, 0.00015, 123.456789, 1.0 / 3,
        2.0 / 3 * 100, 0.07,     8.05,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char fast[40], slow[40];
        cr_assert(format_number(values[i], fast, sizeof fast));
        shortest_by_printf(values[i], slow, sizeof slow);
        cr_assert_str_eq(fast, slow, "value %.17g", values[i]);
        cr_assert_eq(strtod(fast, NULL), values[i]);
    }
}

/* One value of the kind figures produce or of any bit pattern: ratios of
 * small numbers, short decimals times 万 or 亿, or random finite doubles
 * (subnormals and huge ones included). */
static double random_value(uint64_t *state)
{
    uint64_t r = next_random(state);
    double small = (double)(next_random(state) % 100000);
    switch (r % 4) {
    case 0: return small / (double)(1 + next_random(state) % 97);
    case 1: return small / 100 * 1e4;
    case 2: return small / 1000 * 1e8;
    default: {
        double v;
        uint64_t bits = next_random(state);
        memcpy(&v, &bits, sizeof v);
        return isfinite(v) ? v : small;
    }
    }
}

/* Decimals of one to seven places, their fractions with leading zeros
 * (3.05, -0.001) among them, both signs: format_short_decimal writes
 * only the one that reads back, the fraction's digits from those of
 * scale + fraction. */
Test(export, random_short_decimals_match_the_printf_search)
{
    uint64_t state = 0xD1B54A32D192ED03ull;
    for (int i = 0; i < 40000; i++) {
        int places = 1 + (int)(next_random(&state) % 7);
        double scale = 1;
        for (int k = 0; k < places; k++)
            scale *= 10;
        uint64_t r = next_random(&state);
        double digits = (double)(r % 1000000000000ull >> (r % 40));
        double v = digits / scale * (i % 2 ? -1 : 1);
        char fast[40], slow[40];
        cr_assert(format_number(v, fast, sizeof fast));
        if (v == trunc(v) && fabs(v) < 9007199254740992.0)
            continue; /* integers are written whole */
        shortest_by_printf(v, slow, sizeof slow);
        cr_assert_str_eq(fast, slow, "value %.17g", v);
    }
}

Test(export, all_numbers_match_the_printf_search)
{
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 20000; i++) {
        double v = random_value(&state);
        char fast[40], slow[40];
        cr_assert(format_number(v, fast, sizeof fast));
        if (v == trunc(v) && fabs(v) < 9007199254740992.0)
            continue; /* integers are written whole */
        shortest_by_printf(v, slow, sizeof slow);
        cr_assert_str_eq(fast, slow, "value %.17g", v);
    }
}

Test(export, integers_are_written_like_printf)
{
    static const long long values[] = {
        0, 7, -7, 9, 10, -10, 99, 100, 1234567890123LL, LLONG_MAX, LLONG_MIN};
    outbuf all = {0};
    char joined[1024] = "";
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        /* written after one another, each ends where the next starts */
        char one[32];
        snprintf(one, sizeof one, "%lld,", values[i]);
        strcat(joined, one);
        outbuf_put_int(&all, values[i]);
        outbuf_putc(&all, ',');
    }
    cr_assert_eq(all.len, strlen(joined));
    cr_assert_eq(memcmp(all.data, joined, all.len), 0, "%s", joined);
    outbuf_free(&all);
    /* every power of ten and its neighbours, two digits at a time */
    for (long long p = 1; p <= LLONG_MAX / 10; p *= 10)
        for (long long d = -1; d <= 1; d++) {
            char want[32];
            snprintf(want, sizeof want, "%lld", p + d);
            outbuf b = {0};
            outbuf_put_int(&b, p + d);
            cr_assert_eq(b.len, strlen(want));
            cr_assert_eq(memcmp(b.data, want, b.len), 0, "%s", want);
            char digits[24];
            char *end = put_digits(digits, (unsigned long long)(p + d));
            cr_assert_eq((size_t)(end - digits), strlen(want) - (p + d < 0));
            outbuf_free(&b);
        }
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char want[32];
        snprintf(want, sizeof want, "%lld", values[i]);
        outbuf b = {0};
        outbuf_put_int(&b, values[i]);
        cr_assert_eq(b.len, strlen(want));
        cr_assert_eq(memcmp(b.data, want, b.len), 0, "%s", want);
        outbuf_free(&b);
    }
}

/* put_int_at, whose values from 0 to 10^8 take a shorter way, against
 * printf on random values of every length, both signs. */
Test(export, integers_at_a_pointer_are_written_like_printf)
{
    uint64_t state = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 200000; round++) {
        uint64_t r = next_random(&state);
        long long v = (long long)(r >> (r % 64));
        if (round % 3 == 0)
            v = -v;
        if (round % 5 == 0)
            v = 100000000 + (long long)(r % 7) - 3;
        char want[32], got[32];
        snprintf(want, sizeof want, "%lld", v);
        char *end = put_int_at(got, v);
        cr_assert_eq((size_t)(end - got), strlen(want), "%s", want);
        cr_assert_eq(memcmp(got, want, strlen(want)), 0, "%s", want);
    }
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The eight digits at once, against printf, at every value around each
 * power of ten and on random values below 10^8. */
static void expect_eight_digits(uint32_t u)
{
    char want[16];
    snprintf(want, sizeof want, "%08u", u);
    uint64_t word = eight_digits(u);
    cr_assert_eq(memcmp(&word, want, 8), 0, "%s", want);
}

Test(export, four_digits_at_once_are_printf_s)
{
    for (uint32_t u = 0; u < 10000; u++) {
        char want[16];
        snprintf(want, sizeof want, "%04u", u);
        uint32_t word = four_digits(u);
        cr_assert_eq(memcmp(&word, want, 4), 0, "%s", want);
    }
}

Test(export, eight_digits_at_once_are_printf_s)
{
    for (uint32_t u = 0; u < 100000; u++)
        expect_eight_digits(u);
    for (uint32_t power = 100000; power <= 10000000; power *= 10)
        for (uint32_t u = power - 1000; u < power + 1000; u++)
            expect_eight_digits(u);
    for (uint32_t u = 99999000; u < 100000000; u++)
        expect_eight_digits(u);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 200000; round++)
        expect_eight_digits((uint32_t)(next_random(&state) % 100000000));
}
#endif

/* put_int_at in exactly INT_ROOM bytes (ASan sees a write past them):
 * each length and sign at its edges, every value below 10^5. */
Test(export, integers_fit_their_room)
{
    char *room = malloc(INT_ROOM);
    long long edges[] = {0,         9,          10,         99,
                         100,       9999999,    10000000,   99999999,
                         100000000, LLONG_MAX,  LLONG_MIN,  -1,
                         -99999999, -100000000, 4294967295, 4294967296};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        char want[32];
        snprintf(want, sizeof want, "%lld", edges[i]);
        char *end = put_int_at(room, edges[i]);
        cr_assert_eq((size_t)(end - room), strlen(want), "%s", want);
        cr_assert_eq(memcmp(room, want, strlen(want)), 0, "%s", want);
    }
    for (long long v = 0; v < 100000; v++) {
        char want[32];
        snprintf(want, sizeof want, "%lld", v);
        char *end = put_int_at(room, v);
        cr_assert_eq((size_t)(end - room), strlen(want), "%s", want);
        cr_assert_eq(memcmp(room, want, strlen(want)), 0, "%s", want);
    }
    free(room);
}

Test(export, json_numbers_are_format_number_or_null)
{
    static const double edges[] = {0.0,
                                   -0.0,
                                   1.0,
                                   -1.0,
                                   9007199254740991.0,
                                   9007199254740992.0,
                                   -9007199254740992.0,
                                   1e300,
                                   0.5,
                                   NAN,
                                   INFINITY};
    uint64_t state = 0x165667B19E3779F9ull;
    for (int i = 0; i < 5000; i++) {
        double v = i < (int)(sizeof edges / sizeof edges[0])
                       ? edges[i]
                       : random_value(&state);
        if (i % 2)
            v = trunc(v); /* whole numbers too */
        char want[40];
        if (!format_number(v, want, sizeof want))
            strcpy(want, "null");
        outbuf b = {0};
        outbuf_put_json_number(&b, v);
        cr_assert_eq(b.len, strlen(want), "%.17g", v);
        cr_assert_eq(memcmp(b.data, want, b.len), 0, "%.17g", v);
        outbuf_free(&b);
    }
}

Test(export, exact_g_writes_what_printf_writes)
{
    uint64_t state = 0xC2B2AE3D27D4EB4Full;
    int checked = 0;
    for (int i = 0; i < 20000; i++) {
        double v = random_value(&state);
        if (i % 3 == 0) /* dyadic: the digits can end exactly in a tie */
            v = ldexp((double)(next_random(&state) % (1u << 20)),
                      -(int)(next_random(&state) % 60));
        for (int precision = 1; precision <= 17; precision++) {
            char exact[40], printed[40];
            bool back;
            if (!exact_g(v, precision, exact, sizeof exact, &back))
                continue; /* out of its range: printf does it */
            snprintf(printed, sizeof printed, "%.*g", precision, v);
            cr_assert_str_eq(exact, printed, "%.17g at %d", v, precision);
            cr_assert_eq(back, strtod(printed, NULL) == v, "%.17g at %d", v,
                         precision);
            checked++;
        }
    }
    cr_assert_gt(checked, 100000);
}

Test(export, figure_positions_hold_when_figures_come_out_of_order)
{
    sl_doc *doc = make_report("r1");
    sl_span first = doc->spans[0]; /* both on block 3 */
    doc->spans[0] = doc->spans[1];
    doc->spans[1] = first;
    char *path = in_dir("order.jsonl");
    export_state *st = new_state("jsonl", path);
    run_stage(st, NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    json_t *rec = load_line(data);
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *figures = json_object_get(rec, "figures");
    cr_assert_eq(json_array_size(figures), 3);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(figures, 0), "text")),
        "3万元");
    for (size_t f = 0; f < 3; f++) {
        json_t *fig = json_array_get(figures, f);
        char *slice = cp_slice(
            text, (long)json_integer_value(json_object_get(fig, "start")),
            (long)json_integer_value(json_object_get(fig, "end")));
        cr_assert_str_eq(slice,
                         json_string_value(json_object_get(fig, "text")));
        free(slice);
    }
    json_decref(rec);
    free(data);
    free(path);
}

/* A range or a condition (span type "range") is written under "ranges",
 * after the figures, and never among them; the tabular formats give it a
 * row of their figures table. */
Test(export, jsonl_writes_ranges_apart_from_figures)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_id_copy(doc, "r", 1), 0);
    const char *text = "投资5至10万元，共899所学校。";
    cr_assert_not_null(
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text)));
    add_span_on(doc, 0, "range", "5至10万元", 0, "money", "CNY");
    sl_span *sp = &doc->spans[doc->n_spans - 1];
    sp->flags = SL_SPAN_HAS_RANGE;
    sp->low = 50000;
    sp->high = 100000;
    add_span_on(doc, 0, "figure", "899所", 899, "count", "school");
    char *path = in_dir("ranges.jsonl");
    run_stage(new_state("jsonl", path), NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    json_t *rec = load_line(data);
    json_t *figures = json_object_get(rec, "figures");
    json_t *ranges = json_object_get(rec, "ranges");
    cr_assert_eq(json_array_size(figures), 1);
    cr_expect_str_eq(
        json_string_value(json_object_get(json_array_get(figures, 0), "text")),
        "899所");
    cr_assert_eq(json_array_size(ranges), 1);
    json_t *range = json_array_get(ranges, 0);
    cr_expect_str_eq(json_string_value(json_object_get(range, "text")),
                     "5至10万元");
    cr_expect(json_is_null(json_object_get(range, "value")));
    cr_expect_eq(json_number_value(json_object_get(range, "low")), 50000);
    cr_expect_eq(json_number_value(json_object_get(range, "high")), 100000);
    json_decref(rec);
    free(data);
    free(path);

    /* no range, no key */
    doc = make_report("r2");
    path = in_dir("noranges.jsonl");
    run_stage(new_state("jsonl", path), NULL, &doc, 1);
    sl_doc_free(doc);
    data = scratch_read(path, NULL);
    rec = load_line(data);
    cr_expect_null(json_object_get(rec, "ranges"));
    json_decref(rec);
    free(data);
    free(path);
}

/* ---- CSV -------------------------------------------------------------------
 */

/* Reads one RFC 4180 record at *p into fields (each malloc'ed); returns the
 * field count and moves *p past the record's CRLF. */
static size_t csv_record(const char **p, char **fields, size_t max)
{
    size_t n = 0;
    const char *s = *p;
    for (;;) {
        char *field = malloc(strlen(s) + 1), *w = field;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '"' && s[1] == '"') {
                    *w++ = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    cr_assert(*s, "unterminated quoted field");
                    *w++ = *s++;
                }
            }
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"')
                *w++ = *s++;
            cr_assert_neq(*s, '"', "quote inside an unquoted field");
        }
        *w = '\0';
        cr_assert_lt(n, max);
        fields[n++] = field;
        if (*s == ',') {
            s++;
            continue;
        }
        cr_assert_eq(strncmp(s, "\r\n", 2), 0, "records end with CRLF");
        *p = s + 2;
        return n;
    }
}

static void free_fields(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i]);
}

Test(export, csv_figures_quote_commas_quotes_and_newlines)
{
    const char *odd_id = "doc,1\n\"x\"";
    sl_doc *doc = make_report(odd_id);
    char *path = in_dir("figures.csv");
    run_stage(new_state("csv", path), NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    const char *p = data;
    char *f[16];
    size_t n = csv_record(&p, f, 16);
    cr_assert_eq(n, 10);
    cr_assert_str_eq(f[0], "doc_id");
    cr_assert_str_eq(f[7], "sentence");
    cr_assert_str_eq(f[8], "low");
    cr_assert_str_eq(f[9], "high");
    free_fields(f, n);
    size_t rows = 0;
    while (*p) {
        n = csv_record(&p, f, 16);
        cr_assert_eq(n, 10);
        cr_assert_str_eq(f[8], "", "no range, no low");
        cr_assert_str_eq(f[9], "", "no range, no high");
        cr_assert_str_eq(f[0], odd_id);
        if (rows == 2) {
            cr_assert_str_eq(f[1], "第一章 总则 > 一、基本情况");
            cr_assert_str_eq(f[2], "5个");
            cr_assert_str_eq(f[3], "5");
            cr_assert_str_eq(f[5], "count");
            cr_assert_str_eq(f[7], "共5个", "the clause, by default");
        }
        if (rows == 1)
            cr_assert_str_eq(f[3], "30000");
        free_fields(f, n);
        rows++;
    }
    cr_assert_eq(rows, 3);
    free(data);
    free(path);
}

/* A range's bounds are its row's last two fields; it has no value. */
Test(export, csv_figures_give_a_range_its_bounds)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_id_copy(doc, "r", 1), 0);
    const char *text = "大约两三千人参加。";
    cr_assert_not_null(
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text)));
    add_span_on(doc, 0, "range", "两三千人", 0, "count", "person");
    sl_span *sp = &doc->spans[doc->n_spans - 1];
    sp->flags = SL_SPAN_HAS_RANGE;
    sp->low = 2000;
    sp->high = 3000;
    sp->qualifier = "about";
    char *path = in_dir("range.csv");
    run_stage(new_state("csv", path), NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    const char *p = data;
    char *f[16];
    size_t n = csv_record(&p, f, 16);
    free_fields(f, n);
    n = csv_record(&p, f, 16);
    cr_assert_eq(n, 10);
    cr_expect_str_eq(f[2], "两三千人");
    cr_expect_str_eq(f[3], "", "a range has no value");
    cr_expect_str_eq(f[6], "about");
    cr_expect_str_eq(f[8], "2000");
    cr_expect_str_eq(f[9], "3000");
    free_fields(f, n);
    cr_expect_eq(*p, '\0', "one figure, one row");
    free(data);
    free(path);
}

Test(export, csv_sections_rows)
{
    export_state *st = new_state("csv", NULL);
    st->csv_rows = (char *)"sections";
    char *path = export_reports(st, "sections.csv");
    char *data = scratch_read(path, NULL);
    const char *p = data;
    char *f[16];
    size_t n = csv_record(&p, f, 16);
    cr_assert_eq(n, 6);
    free_fields(f, n);
    size_t rows = 0;
    while (*p) {
        n = csv_record(&p, f, 16);
        cr_assert_eq(n, 6);
        if (rows == 1) {
            cr_assert_str_eq(f[2], "0", "parent index");
            cr_assert_str_eq(f[3], "2");
            cr_assert_str_eq(f[5], "第一章 总则 > 一、基本情况");
        }
        free_fields(f, n);
        rows++;
    }
    cr_assert_eq(rows, 6, "three sections in each of two documents");
    free(data);
    free(path);
}

/* ---- SQLite ----------------------------------------------------------------
 */

static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q;
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK, "%s",
                 sqlite3_errmsg(db));
    cr_assert_eq(sqlite3_step(q), SQLITE_ROW, "%s", sql);
    long long v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

Test(export, sqlite_tables_keys_and_joins)
{
    export_state *st = new_state("sqlite", NULL);
    st->batch = 1; /* a transaction per document */
    char *path = export_reports(st, "corpus.db");
    sqlite3 *db;
    cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM documents"), 2);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM sections"), 6);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM figures"), 6);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM removed_blocks "
                               "WHERE reason = 'breadcrumb'"),
                 2);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM figures f JOIN "
                               "documents d USING (doc_key) WHERE d.id = 'r2' "
                               "AND f.unit = 'CNY' AND f.value = 30000"),
                 1);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM figures f JOIN sections s "
                               "USING (section_key) WHERE s.heading = "
                               "'一、基本情况'"),
                 2);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM sections c JOIN sections "
                               "p ON c.parent_key = p.section_key WHERE "
                               "p.heading = '第一章 总则'"),
                 2);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM documents WHERE text = "
                               "(SELECT text FROM documents WHERE id = 'r1')"),
                 2);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM sqlite_master WHERE "
                               "type = 'index' AND name = 'figures_doc'"),
                 1);
    cr_assert_eq(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"),
                 0);
    sqlite3_close(db);
    free(path);
}

/* ---- Markdown, text, explain --------------------------------------------- */

Test(export, markdown_headings_follow_levels)
{
    char *path = export_reports(new_state("markdown", NULL), "out.md");
    char *data = scratch_read(path, NULL);
    const char *headings[] = {"# 2023年工作报告", "## 第一章 总则",
                              "### 一、基本情况", "## 第二章 附则"};
    size_t found = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] != '#')
            continue;
        cr_assert_str_eq(line, headings[found % 4]);
        found++;
    }
    cr_assert_eq(found, 8, "four headings in each document");
    free(data);
    data = scratch_read(path, NULL);
    cr_assert_not_null(strstr(data, "\n- \\- 项目"),
                       "list item, its dash escaped");
    cr_assert_not_null(strstr(data, "\n*图1 收入结构*\n"), "caption");
    cr_assert_null(strstr(data, "首页"), "removed text is left out");
    cr_assert_null(strstr(data, "\n2023年工作报告\n"), "title not repeated");
    cr_assert_not_null(strstr(data, "\n---\n\n<!-- id: r2 -->"));
    free(data);
    free(path);
}

Test(export, markdown_title_heading_is_not_shifted_twice)
{
    /* the sections stage made the title line the level-1 heading and the
     * chapter level 2: Markdown writes them # and ##, not # and ### */
    char *path = in_dir("titled.md");
    sl_doc *doc = sl_doc_new();
    cr_assert_eq(sl_doc_set_id_copy(doc, "t1", 2), 0);
    const char *title = "城市公园管理办法";
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, title, strlen(title));
    b->level = 1;
    b->flags |= SL_BLOCK_TITLE;
    cr_assert_eq(sl_doc_set_title_copy(doc, title, strlen(title)), 0);
    b = sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "第一章 总则",
                                 strlen("第一章 总则"));
    b->level = 2;
    const char *body = "第一条 为了加强管理，制定本办法。";
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, body, strlen(body));
    sl_section *s = sl_doc_add_section(doc, 0, 1, -1);
    s->first_block = 0;
    s->end_block = 3;
    s = sl_doc_add_section(doc, 1, 2, 0);
    s->first_block = 1;
    s->end_block = 3;
    export_state *st = new_state("markdown", NULL);
    st->path = path;
    run_stage(st, NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    cr_assert_not_null(strstr(data, "\n# 城市公园管理办法\n\n## 第一章 总则\n"),
                       "%s", data);
    cr_assert_null(strstr(data, "\n城市公园管理办法\n"), "title not repeated");
    free(data);
    free(path);
}

Test(export, text_is_the_clean_text)
{
    char *path = export_reports(new_state("text", NULL), "out.txt");
    char *data = scratch_read(path, NULL);
    char want[2048];
    snprintf(want, sizeof want, "%s\n\n%s\n\n", report_text, report_text);
    cr_assert_str_eq(data, want);
    free(data);
    free(path);
}

Test(export, explain_marks_removed_blocks_with_reasons)
{
    char *path = export_reports(new_state("explain", NULL), "explain.txt");
    char *data = scratch_read(path, NULL);
    cr_assert_not_null(strstr(data, "== r1  title: 2023年工作报告"));
    cr_assert_not_null(strstr(data, "L2     [-] breadcrumb 0.95  首页"));
    cr_assert_not_null(strstr(data, "L7     [+] merged  续行"));
    cr_assert_not_null(strstr(data, "[h2]  一、基本情况"));
    cr_assert_not_null(strstr(data, "另一句  {12.5% = 12.5 percent}"
                                    "  {3万元 = 30000 CNY money}\n"),
                       "figures follow their block");
    free(data);
    free(path);
}

/* ---- building blocks ----------------------------------------------------- */

Test(export, json_strings_round_trip_through_jansson)
{
    char text[512];
    size_t n = 0;
    const char *han = "汉字";
    for (int c = 1; c < 128; c++) {
        text[n++] = (char)c;
        if (c % 5 == 0) /* multi-byte characters at changing offsets */
            for (const char *h = han; *h; h++)
                text[n++] = *h;
    }
    for (size_t offset = 0; offset < 16; offset++) {
        if (((unsigned char)text[offset] & 0xC0) == 0x80)
            continue; /* start on whole characters */
        outbuf b = {0};
        outbuf_putc(&b, '[');
        outbuf_put_json_string(&b, text + offset, n - offset);
        outbuf_putc(&b, ']');
        cr_assert_not(b.failed);
        json_error_t err;
        json_t *j = json_loadb(b.data, b.len, 0, &err);
        cr_assert_not_null(j, "%s", err.text);
        json_t *s = json_array_get(j, 0);
        cr_assert_eq(json_string_length(s), n - offset);
        cr_assert_eq(memcmp(json_string_value(s), text + offset, n - offset),
                     0);
        json_decref(j);
        outbuf_free(&b);
    }
}

/* The text of doc as the export writes it. */
static char *clean_text(const sl_doc *doc)
{
    doc_view view = {0};
    outbuf b = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    view_put_text(&view, &b, false);
    outbuf_putc(&b, '\0');
    doc_view_free(&view);
    return b.data;
}

Test(export, title_line_comes_first_once)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_set_id_copy(doc, "t", 1);
    sl_doc_set_title_copy(doc, "标题", strlen("标题"));
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "导航", strlen("导航"));
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "正文。",
                             strlen("正文。"));
    /* a title from metadata only: no title line in the text */
    char *text = clean_text(doc);
    cr_assert_str_eq(text, "导航\n正文。");
    free(text);

    /* the title block, kept after another kept block, moves to the front */
    sl_block *t = sl_doc_insert_block_copy(doc, 1, SL_BLOCK_HEADING, "标题",
                                           strlen("标题"));
    t->flags |= SL_BLOCK_TITLE;
    text = clean_text(doc);
    cr_assert_str_eq(text, "标题\n导航\n正文。");
    free(text);

    /* a dropped title block still gives the title line */
    doc->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    text = clean_text(doc);
    cr_assert_str_eq(text, "标题\n导航\n正文。");
    free(text);

    /* the title block first: nothing moves */
    doc->blocks[1].flags &= ~SL_BLOCK_BOILERPLATE;
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    text = clean_text(doc);
    cr_assert_str_eq(text, "标题\n正文。");
    free(text);
    sl_doc_free(doc);
}

/* The JSONL record of doc, written by st (its title_in_text choice). */
static json_t *jsonl_record(export_state *st, const sl_doc *doc)
{
    doc_view view = {0};
    view.title_mode = st->view.title_mode;
    cr_assert_eq(doc_view_build(&view, doc), 0);
    outbuf b = {0};
    cr_assert_eq(record_json_put(st, &view, &b, NULL), 0);
    outbuf_putc(&b, '\0');
    json_t *rec = load_line(b.data);
    outbuf_free(&b);
    doc_view_free(&view);
    return rec;
}

/* A page whose title block (kept, first) is the page's title, then a
 * section and a figure, typed `type` (NULL: no page type). */
static sl_doc *titled_page(const char *type)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_set_id_copy(doc, "p", 1);
    sl_doc_set_title_copy(doc, "大桥重新开放", strlen("大桥重新开放"));
    sl_block *t = sl_doc_append_block_copy(
        doc, SL_BLOCK_HEADING, "大桥重新开放", strlen("大桥重新开放"));
    t->flags |= SL_BLOCK_TITLE;
    t->level = 1;
    sl_doc_add_section(doc, 0, 1, -1);
    sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "交通", strlen("交通"));
    doc->blocks[1].level = 2;
    sl_section *sec = sl_doc_add_section(doc, 1, 2, 0);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "车流增长12%。",
                             strlen("车流增长12%。"));
    sec->first_block = 1;
    sec->end_block = 3;
    doc->sections[0].first_block = 0;
    doc->sections[0].end_block = 3;
    add_span_on(doc, 2, "figure", "12%", 12, "percent", NULL);
    if (type)
        json_object_set_new(doc->meta, "page_type", json_string(type));
    return doc;
}

static const char *text_of(json_t *rec)
{
    return json_string_value(json_object_get(rec, "text"));
}

Test(export, title_in_text_auto_leaves_it_out_of_articles_only)
{
    export_state *st = new_state("jsonl", "-");
    cr_assert_eq(st->view.title_mode, SL_TITLE_IN_TEXT_AUTO);
    sl_doc *doc = titled_page("article");
    json_t *rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec), "交通\n车流增长12%。");
    cr_assert_str_eq(json_string_value(json_object_get(rec, "title")),
                     "大桥重新开放", "the title is still the record's field");
    /* the left-out title heads no section; its subsection moves up */
    json_t *secs = json_object_get(rec, "sections");
    cr_assert_eq(json_array_size(secs), 1);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(secs, 0), "heading")),
        "交通");
    cr_assert_eq(
        json_integer_value(json_object_get(json_array_get(secs, 0), "start")),
        0);
    json_t *fig = json_array_get(json_object_get(rec, "figures"), 0);
    cr_assert_eq(json_integer_value(json_object_get(fig, "start")), 7,
                 "figure offsets count from the body");
    json_decref(rec);

    /* a dropped title block: the title does not come back as a line */
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec), "交通\n车流增长12%。");
    json_decref(rec);
    sl_doc_free(doc);

    /* a forum thread and a document that is not an HTML page keep it */
    const char *kept[] = {"forum", NULL};
    for (size_t i = 0; i < 2; i++) {
        doc = titled_page(kept[i]);
        rec = jsonl_record(st, doc);
        cr_assert_str_eq(text_of(rec), "大桥重新开放\n交通\n车流增长12%。");
        json_decref(rec);
        sl_doc_free(doc);
    }
    free(st);
}

Test(export, title_in_text_always_keeps_the_title_line)
{
    export_state *st = new_state("jsonl", "-");
    st->view.title_mode = SL_TITLE_IN_TEXT_ALWAYS;
    sl_doc *doc = titled_page("article");
    json_t *rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec), "大桥重新开放\n交通\n车流增长12%。");
    cr_assert_eq(json_array_size(json_object_get(rec, "sections")), 1);
    json_decref(rec);
    /* dropped, the title still opens the text */
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec), "大桥重新开放\n交通\n车流增长12%。");
    json_decref(rec);
    sl_doc_free(doc);
    free(st);
}

Test(export, title_in_text_never_leaves_out_only_the_title)
{
    export_state *st = new_state("jsonl", "-");
    st->view.title_mode = SL_TITLE_IN_TEXT_NEVER;
    sl_doc *doc = titled_page("forum");
    json_t *rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec), "交通\n车流增长12%。");
    json_decref(rec);
    /* a title block that says more than the title field stays in the
     * text: nothing is lost from the record */
    sl_block_set_text_copy(doc, &doc->blocks[0], "大桥重新开放 | 本地新闻",
                           strlen("大桥重新开放 | 本地新闻"));
    rec = jsonl_record(st, doc);
    cr_assert_str_eq(text_of(rec),
                     "大桥重新开放 | 本地新闻\n交通\n车流增长12%。");
    json_decref(rec);
    sl_doc_free(doc);
    free(st);
}

Test(export, title_in_text_rejects_an_unknown_choice)
{
    export_state *st = new_state("jsonl", "-");
    st->title_in_text = "sometimes";
    const sl_plugin *p = &export_LTX_sluice_plugin;
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    cr_assert_eq(p->init(ctx, st), SL_ERROR);
    cr_assert_not_null(strstr(sl_ctx_error(ctx), "title_in_text"), "%s",
                       sl_ctx_error(ctx));
    st->title_in_text = NULL;
    p->fini(st);
    sl_ctx_free(ctx);
    free(st);
}

Test(export, sqlite_database_can_be_compressed)
{
    char *path = export_reports(new_state("sqlite", NULL), "corpus.db.gz");
    gzFile gz = gzopen(path, "rb");
    cr_assert_not_null(gz);
    char header[16];
    cr_assert_eq(gzread(gz, header, sizeof header), (int)sizeof header);
    gzclose(gz);
    cr_assert_eq(memcmp(header, "SQLite format 3", 16), 0);
    free(path);
}

Test(export, markdown_tables_code_and_quotes)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_set_id_copy(doc, "t", 1);
    sl_doc_append_block_copy(doc, SL_BLOCK_TABLE_ROW, "年份\t收入|万元",
                             strlen("年份\t收入|万元"));
    sl_doc_append_block_copy(doc, SL_BLOCK_TABLE_ROW, "2023\t12", 7);
    sl_doc_append_block_copy(doc, SL_BLOCK_CODE, "x = 1", 5);
    sl_doc_append_block_copy(doc, SL_BLOCK_QUOTE, "引文", strlen("引文"));
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "1. 不是列表",
                             strlen("1. 不是列表"));
    char *path = in_dir("table.md");
    run_stage(new_state("markdown", path), NULL, &doc, 1);
    sl_doc_free(doc);
    char *data = scratch_read(path, NULL);
    cr_assert_not_null(strstr(data, "| 年份 | 收入\\|万元 |\n| --- | --- |\n"
                                    "| 2023 | 12 |\n\n"),
                       "%s", data);
    cr_assert_not_null(strstr(data, "```\nx = 1\n```\n"));
    cr_assert_not_null(strstr(data, "> 引文\n"));
    cr_assert_not_null(strstr(data, "\n1\\. 不是列表\n"));
    free(data);
    free(path);
}

/* ---- the core's copy of the clean text ----------------------------------- */

/* A document of random blocks: some dropped or merged, some empty, a title
 * block anywhere or none, a title from metadata or none; the same for the
 * same seed. */
static sl_doc *random_titled_doc(unsigned seed)
{
    static const char *const texts[] = {
        "", "一", "two words", "标题", "line\twith tab", "Title"};
    sl_doc *doc = sl_doc_new();
    size_t n = seed % 7;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *text = texts[(seed >> 16) % 6];
        sl_block *b = sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text,
                                               strlen(text));
        unsigned roll = (seed >> 8) % 8;
        if (roll == 0)
            b->flags |= SL_BLOCK_BOILERPLATE;
        else if (roll == 1)
            b->flags |= SL_BLOCK_MERGED;
        if ((seed >> 12) % 4 == 0)
            b->flags |= SL_BLOCK_TITLE;
    }
    if ((seed >> 20) % 3)
        sl_doc_set_title_copy(doc, (seed >> 20) % 3 == 1 ? "Title" : "",
                              (seed >> 20) % 3 == 1 ? 5 : 0);
    static const char *const page_types[] = {NULL, "article", "forum"};
    const char *type = page_types[(seed >> 24) % 3];
    if (type)
        json_object_set_new(doc->meta, "page_type", json_string(type));
    return doc;
}

/* The clean text the export stage writes with title_in_text = mode. */
static char *clean_text_as(const sl_doc *doc, sl_title_in_text mode)
{
    doc_view view = {0};
    view.title_mode = mode;
    outbuf b = {0};
    cr_assert_eq(doc_view_build(&view, doc), 0);
    view_put_text(&view, &b, false);
    outbuf_putc(&b, '\0');
    doc_view_free(&view);
    return b.data;
}

/* What sl_doc_export_text gives is what the text format writes before its
 * blank line and what JSONL writes as "text", on documents of every
 * shape. */
Test(export, core_export_text_is_what_the_formats_write)
{
    for (unsigned seed = 0; seed < 600; seed++) {
        sl_doc *doc = random_titled_doc(seed);
        size_t len;
        for (int mode = SL_TITLE_IN_TEXT_AUTO; mode <= SL_TITLE_IN_TEXT_NEVER;
             mode++) {
            const char *core =
                sl_doc_export_text_with(doc, (sl_title_in_text)mode, &len);
            cr_assert_not_null(core);
            char *view_text = clean_text_as(doc, (sl_title_in_text)mode);
            cr_assert_str_eq(core, view_text, "seed %u mode %d", seed, mode);
            cr_assert_eq(len, strlen(view_text));
            free(view_text);
        }
        const char *core = sl_doc_export_text(doc, &len);
        cr_assert_not_null(core);
        char *view_text = clean_text(doc);
        cr_assert_str_eq(core, view_text, "seed %u", seed);
        cr_assert_eq(len, strlen(view_text));
        free(view_text);

        export_state *st = new_state("jsonl", "-");
        doc_view view = {0};
        cr_assert_eq(doc_view_build(&view, doc), 0);
        outbuf b = {0};
        cr_assert_eq(record_json_put(st, &view, &b, NULL), 0);
        outbuf_putc(&b, '\0');
        json_t *rec = load_line(b.data);
        cr_assert_str_eq(json_string_value(json_object_get(rec, "text")), core,
                         "seed %u", seed);
        json_decref(rec);
        outbuf_free(&b);
        doc_view_free(&view);
        free(st);
        sl_doc_free(doc);
    }
}

Test(export, text_format_writes_the_core_export_text)
{
    char *path = export_reports(new_state("text", NULL), "out.txt");
    char *data = scratch_read(path, NULL);
    sl_doc *doc = make_report("r1");
    const char *core = sl_doc_export_text(doc, NULL);
    char want[2048];
    snprintf(want, sizeof want, "%s\n\n%s\n\n", core, core);
    cr_assert_str_eq(data, want);
    sl_doc_free(doc);
    free(data);
    free(path);
}

/* ---- spans of types the exporter does not know ----------------------------
 */

Test(export, unknown_spans_are_written_when_asked)
{
    sl_doc *doc = make_report("u");
    add_span_on(doc, 3, "entity", "收入", 0, NULL, NULL);
    sl_span *sp = &doc->spans[doc->n_spans - 1];
    sp->kind = "org";
    sp->attrs = json_pack("{sss[i]}", "source", "ner", "ids", 7);
    add_span_on(doc, 9, "mark", "见", 2.5, "score", NULL);
    add_span_on(doc, 1, "entity", "热点", 0, NULL, NULL); /* removed block */

    export_state *st = new_state("jsonl", "-");
    json_t *rec = jsonl_record(st, doc);
    cr_assert_null(json_object_get(rec, "spans"), "not unless asked");
    json_decref(rec);

    st->unknown_spans = true;
    rec = jsonl_record(st, doc);
    json_t *spans = json_object_get(rec, "spans");
    cr_assert_eq(json_array_size(spans), 2,
                 "figures, captions and spans "
                 "of removed blocks left out");
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *e = json_array_get(spans, 0);
    cr_assert_str_eq(json_string_value(json_object_get(e, "type")), "entity");
    cr_assert_str_eq(json_string_value(json_object_get(e, "text")), "收入");
    cr_assert_str_eq(json_string_value(json_object_get(e, "kind")), "org");
    cr_assert_null(json_object_get(e, "unit"), "unset fields are left out");
    cr_assert_null(json_object_get(e, "value"));
    cr_assert_eq(json_integer_value(json_object_get(e, "block")), 3);
    char *at = cp_slice(text, json_integer_value(json_object_get(e, "start")),
                        json_integer_value(json_object_get(e, "end")));
    cr_assert_str_eq(at, "收入", "start and end are positions in text");
    free(at);
    json_t *attrs = json_object_get(e, "attrs");
    cr_assert_str_eq(json_string_value(json_object_get(attrs, "source")),
                     "ner");
    cr_assert_eq(
        json_integer_value(json_array_get(json_object_get(attrs, "ids"), 0)),
        7);
    json_t *m = json_array_get(spans, 1);
    cr_assert_str_eq(json_string_value(json_object_get(m, "type")), "mark");
    cr_assert_float_eq(json_number_value(json_object_get(m, "value")), 2.5,
                       1e-9);
    cr_assert_eq(json_array_size(json_object_get(rec, "figures")), 3,
                 "figures as before");
    json_decref(rec);
    free(st);
    sl_doc_free(doc);
}
