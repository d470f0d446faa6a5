/* fuzz/fuzz_export_jsonl.c - libFuzzer target: a round trip through the
 * JSONL exporter. A document is built from the input (NUL-separated
 * fields: id, metadata as JSON, title, then blocks whose first byte says
 * whether the block is a heading, boilerplate, merged or carries a figure
 * span), written by the export stage to a temporary file, and read back
 * with jansson: the record must parse, and its id, metadata, title and
 * text must be what went in. A second pass cuts the document into pieces
 * (split by section, a few characters each) and checks every line still
 * parses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "fuzz_support.h"
#include "options.h"
#include "ctx.h"

extern const sl_plugin export_LTX_sluice_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
    CTL_BOILERPLATE = 1,
    CTL_MERGED = 2,
    CTL_HEADING = 4,
    CTL_FIGURE = 8,
    CTL_TITLE_FLAG = 64
};

/* A copy of s[0..len) with invalid UTF-8 bytes replaced by '?'. */
static char *valid_copy(const char *s, size_t len)
{
    char *t = malloc(len + 1);
    if (!t)
        fuzz_fail("out of memory");
    memcpy(t, s, len);
    t[len] = '\0';
    size_t pos = 0;
    while (pos < len) {
        size_t bad = pos + sl_utf8_validate(t + pos, len - pos);
        if (bad >= len)
            break;
        t[bad] = '?';
        pos = bad + 1;
    }
    return t;
}

static void add_block(sl_doc *doc, const char *seg, size_t len,
                      long *open_sections, size_t *depth)
{
    unsigned ctl = len ? (unsigned char)seg[0] : 0;
    char *text = valid_copy(len ? seg + 1 : seg, len ? len - 1 : 0);
    size_t tlen = strlen(text);
    size_t index = doc->n_blocks;
    sl_block *b = sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, tlen);
    free(text);
    if (!b)
        fuzz_fail("out of memory");
    if (ctl & CTL_BOILERPLATE) {
        b->flags |= SL_BLOCK_BOILERPLATE;
        b->reason = "fuzz";
        b->score = 0.5f;
    }
    if (ctl & CTL_MERGED)
        b->flags |= SL_BLOCK_MERGED;
    if (ctl & CTL_TITLE_FLAG)
        b->flags |= SL_BLOCK_TITLE;
    if (ctl & CTL_HEADING) {
        int level = 1 + (int)((ctl >> 4) & 3);
        b->kind = SL_BLOCK_HEADING;
        b->level = level;
        while (*depth > 0 &&
               doc->sections[open_sections[*depth - 1]].level >= level) {
            doc->sections[open_sections[*depth - 1]].end_block = index;
            (*depth)--;
        }
        long parent = *depth ? open_sections[*depth - 1] : -1;
        sl_section *s = sl_doc_add_section(doc, index, level, parent);
        if (!s)
            fuzz_fail("out of memory");
        s->first_block = index;
        s->end_block = index + 1;
        open_sections[(*depth)++] = (long)(doc->n_sections - 1);
    }
    if ((ctl & CTL_FIGURE) && tlen > 0) {
        const char *bt = doc->blocks[index].text;
        size_t end = 0;
        sl_utf8_next(bt, tlen, &end);
        /* a type the exporter does not know now and then (unknown_spans) */
        sl_span *sp = sl_doc_add_span(doc, (ctl >> 4) % 5 ? "figure" : "mark",
                                      index, 0, end);
        if (!sp)
            fuzz_fail("out of memory");
        sp->kind = "count";
        sp->value = (double)(ctl >> 4);
        sp->flags = SL_SPAN_HAS_VALUE;
    }
}

static sl_doc *build_doc(const uint8_t *data, size_t size)
{
    sl_doc *doc = sl_doc_new();
    if (!doc)
        fuzz_fail("out of memory");
    long open_sections[8]; /* levels 1..4: never deeper than 4 */
    size_t depth = 0;
    const char *p = (const char *)data, *end = p + size;
    for (size_t field = 0; p <= end; field++) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
        if (field == 0) {
            char *id = valid_copy(p, len);
            sl_doc_set_id_copy(doc, id, strlen(id));
            free(id);
        } else if (field == 1) {
            json_t *meta = json_loadb(p, len, 0, NULL);
            if (json_is_object(meta)) {
                json_decref(doc->meta);
                doc->meta = meta;
            } else {
                json_decref(meta);
            }
        } else if (field == 2) {
            char *title = valid_copy(p, len);
            if (*title)
                sl_doc_set_title_copy(doc, title, strlen(title));
            free(title);
        } else {
            add_block(doc, p, len, open_sections, &depth);
        }
        if (!nul)
            break;
        p = nul + 1;
    }
    while (depth > 0)
        doc->sections[open_sections[--depth]].end_block = doc->n_blocks;
    return doc;
}

/* Runs the export stage with `with` over doc; returns the file's bytes. */
static char *export_doc(sl_doc *doc, json_t *with, const char *path,
                        size_t *len)
{
    const sl_plugin *plugin = &export_LTX_sluice_plugin;
    void *state = calloc(1, plugin->state_size);
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    const char *bad = NULL;
    char *message = NULL;
    if (!state || !ctx ||
        sl_options_bind(plugin, state, with, &bad, &message) < 0)
        fuzz_fail("export options: %s", message ? message : "?");
    if (plugin->init(ctx, state) != SL_OK)
        fuzz_fail("export init: %s", sl_ctx_error(ctx));
    if (plugin->process(ctx, state, doc) != SL_OK)
        fuzz_fail("export process: %s", sl_ctx_error(ctx));
    if (plugin->flush(ctx, state) != SL_OK)
        fuzz_fail("export flush: %s", sl_ctx_error(ctx));
    plugin->fini(state);
    sl_options_release(plugin, state);
    free(state);
    sl_ctx_free(ctx);
    FILE *f = fopen(path, "rb");
    if (!f)
        fuzz_fail("export wrote no %s", path);
    char *out = NULL;
    size_t cap = 0;
    FILE *mem = open_memstream(&out, &cap);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(f);
    fclose(mem);
    remove(path);
    *len = cap;
    return out;
}

/* The clean text: the kept blocks joined by "\n", the block at `lead`
 * (or none, -1) moved first. */
static char *kept_text(const sl_doc *doc, long lead)
{
    size_t total = 1;
    for (size_t i = 0; i < doc->n_blocks; i++)
        total += doc->blocks[i].len + 1;
    char *t = malloc(total);
    if (!t)
        fuzz_fail("out of memory");
    size_t at = 0;
    bool first = true;
    for (long pass = lead >= 0 ? 0 : 1; pass < 2; pass++) {
        for (size_t i = 0; i < doc->n_blocks; i++) {
            const sl_block *b = &doc->blocks[i];
            bool is_lead = (long)i == lead;
            if (sl_block_is_dropped(b) || (pass == 0) != is_lead)
                continue;
            if (!first)
                t[at++] = '\n';
            first = false;
            memcpy(t + at, b->text, b->len);
            at += b->len;
        }
    }
    t[at] = '\0';
    return t;
}

/* True when text is one of the forms the export may write: the kept
 * blocks in order, the kept title block moved first, or the document's
 * title on a line of its own before them. */
static bool text_matches(const sl_doc *doc, const char *text)
{
    long title_block = -1;
    for (size_t i = 0; i < doc->n_blocks && title_block < 0; i++)
        if (doc->blocks[i].flags & SL_BLOCK_TITLE)
            title_block = (long)i;
    char *plain = kept_text(doc, -1);
    bool same = strcmp(text, plain) == 0;
    if (!same && title_block >= 0) {
        char *moved = kept_text(doc, title_block);
        same = strcmp(text, moved) == 0;
        free(moved);
    }
    if (!same && doc->title) {
        size_t tl = strlen(doc->title);
        same = strncmp(text, doc->title, tl) == 0 &&
               ((text[tl] == '\0' && !*plain) ||
                (text[tl] == '\n' && strcmp(text + tl + 1, plain) == 0));
    }
    free(plain);
    return same;
}

static void check_record(sl_doc *doc, const char *line, size_t len)
{
    json_error_t jerr;
    json_t *rec = json_loadb(line, len, 0, &jerr);
    if (!json_is_object(rec))
        fuzz_fail("the record does not parse: %s", jerr.text);
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (!id || strcmp(id, doc->id) != 0)
        fuzz_fail("id changed");
    if (!json_equal(json_object_get(rec, "metadata"), doc->meta))
        fuzz_fail("metadata changed");
    const char *title = json_string_value(json_object_get(rec, "title"));
    if ((title == NULL) != (doc->title == NULL) ||
        (title && strcmp(title, doc->title) != 0))
        fuzz_fail("title changed");
    const char *text = json_string_value(json_object_get(rec, "text"));
    if (!text || !text_matches(doc, text))
        fuzz_fail("text changed");
    const char *core = sl_doc_export_text(doc, NULL);
    if (!core || strcmp(core, text) != 0)
        fuzz_fail("text is not what sl_doc_export_text gives");
    if (!json_is_array(json_object_get(rec, "sections")) ||
        !json_is_array(json_object_get(rec, "figures")))
        fuzz_fail("sections or figures missing");
    json_decref(rec);
}

static void check_lines(const char *out, size_t len)
{
    const char *p = out, *end = out + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            fuzz_fail("the last record has no newline");
        json_error_t jerr;
        json_t *rec = json_loadb(p, (size_t)(nl - p), 0, &jerr);
        if (!json_is_object(rec))
            fuzz_fail("a piece does not parse: %s", jerr.text);
        json_decref(rec);
        p = nl + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *doc = build_doc(data, size);
    fuzz_check_doc(doc, "built document");
    const char *tmp = fuzz_write_temp(NULL, 0, ".out.jsonl");
    char path[600];
    snprintf(path, sizeof path, "%s", tmp);
    remove(path);

    json_t *with =
        json_pack("{s:s, s:b, s:b, s:b}", "path", path, "overwrite", 1,
                  "show_removed", size % 2, "unknown_spans", size % 3 == 0);
    size_t len;
    char *out = export_doc(doc, with, path, &len);
    json_decref(with);
    const char *nl = memchr(out, '\n', len);
    if (!nl || (size_t)(nl - out) + 1 != len)
        fuzz_fail("one document did not give exactly one line");
    check_record(doc, out, (size_t)(nl - out));
    free(out);

    with = json_pack("{s:s, s:b, s:s, s:i}", "path", path, "overwrite", 1,
                     "split", "section", "max_chars", 1 + (int)(size % 7));
    out = export_doc(doc, with, path, &len);
    json_decref(with);
    check_lines(out, len);
    free(out);
    sl_doc_free(doc);
    return 0;
}
