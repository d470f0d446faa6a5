/* plugins/export/doc_view.c - what every format needs to know about a
 * document before writing it: which blocks are in the clean text and at
 * which character offset, the innermost section of each block, section
 * paths, and where a sentence ends.
 */
#include "export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Points the view's arrays into one allocation, grown when the document
 * needs more than it holds (what it held is not kept): for each block
 * its section and offset, for each section its parent, a place on the
 * stack and whether it is kept. One allocation a document instead of
 * five, the bools last so that the longs stay aligned. */
static bool place_arrays(doc_view *view, size_t nb, size_t ns)
{
    size_t longs = 2 * nb + 2 * ns;
    size_t need = longs * sizeof(long) + ns * sizeof(bool);
    if (!view->storage || need > view->storage_cap) {
        size_t want = view->storage_cap ? view->storage_cap : 1024;
        while (want < need)
            want *= 2;
        void *bigger = malloc(want);
        if (!bigger)
            return false;
        free(view->storage);
        view->storage = bigger;
        view->storage_cap = want;
    }
    long *at = view->storage;
    view->block_section = at;
    view->text_offset = at + nb;
    view->section_parent = at + 2 * nb;
    view->stack = at + 2 * nb + ns;
    view->section_kept = (bool *)(void *)(at + longs);
    return true;
}

void doc_view_free(doc_view *view)
{
    free(view->storage);
    memset(view, 0, sizeof *view);
}

bool view_block_kept(const doc_view *view, size_t block)
{
    return view->text_offset[block] >= 0;
}

/* Where the title line goes, as the core decides it for
 * sl_doc_export_text_with (sl_doc_title_line): doc->title opening the
 * text, a kept block moved to the front, or a kept block left out. */
static void place_title(doc_view *view)
{
    sl_title_line line = sl_doc_title_line(view->doc, view->title_mode);
    view->title_first = line.text && line.block < 0;
    view->lead_block = line.text ? line.block : -1;
    view->left_out_block = line.text ? -1 : line.block;
}

/* True when block i is in the clean text. */
static bool in_text(const doc_view *view, size_t i)
{
    return !sl_block_is_dropped(&view->doc->blocks[i]) &&
           (long)i != view->left_out_block;
}

static void mark_sections(doc_view *view)
{
    const sl_doc *doc = view->doc;
    for (size_t s = 0; s < doc->n_sections; s++) {
        const sl_section *sec = &doc->sections[s];
        view->section_kept[s] = sec->heading_block < doc->n_blocks &&
                                in_text(view, sec->heading_block);
        long p = sec->parent;
        /* parents come before their children; anything else is ignored */
        while (p >= 0 && (size_t)p < s && !view->section_kept[p])
            p = doc->sections[p].parent;
        view->section_parent[s] = (p >= 0 && (size_t)p < s) ? p : -1;
    }
    for (size_t i = 0; i < doc->n_blocks; i++)
        view->block_section[i] = -1;
    /* later sections are deeper or further on: they win */
    for (size_t s = 0; s < doc->n_sections; s++) {
        const sl_section *sec = &doc->sections[s];
        if (!view->section_kept[s])
            continue;
        size_t end =
            sec->end_block < doc->n_blocks ? sec->end_block : doc->n_blocks;
        for (size_t i = sec->first_block; i < end; i++)
            view->block_section[i] = (long)s;
    }
}

int doc_view_build(doc_view *view, const sl_doc *doc)
{
    view->doc = doc;
    size_t nb = doc->n_blocks, ns = doc->n_sections;
    if (!place_arrays(view, nb, ns))
        return -1;

    place_title(view); /* first: a title left out heads no section */
    mark_sections(view);
    size_t chars = 0;
    bool first = true;
    if (view->title_first) {
        chars += sl_utf8_count(doc->title, strlen(doc->title));
        first = false;
    } else if (view->lead_block >= 0) {
        const sl_block *b = &doc->blocks[view->lead_block];
        view->text_offset[view->lead_block] = 0;
        chars += sl_utf8_count(b->text, b->len);
        first = false;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!in_text(view, i)) {
            view->text_offset[i] = -1;
            continue;
        }
        if ((long)i == view->lead_block)
            continue;
        if (!first)
            chars++; /* the "\n" before it */
        first = false;
        view->text_offset[i] = (long)chars;
        chars += sl_utf8_count(b->text, b->len);
    }
    view->text_chars = chars;
    return 0;
}

void view_put_text(const doc_view *view, outbuf *b, bool json)
{
    const sl_doc *doc = view->doc;
    if (json)
        outbuf_putc(b, '"');
    bool first = true;
    const char *lead = NULL;
    size_t lead_len = 0;
    if (view->title_first) {
        lead = doc->title;
        lead_len = strlen(doc->title);
    } else if (view->lead_block >= 0) {
        lead = doc->blocks[view->lead_block].text;
        lead_len = doc->blocks[view->lead_block].len;
    }
    if (lead) {
        if (json)
            outbuf_put_json_chars(b, lead, lead_len);
        else
            outbuf_put(b, lead, lead_len);
        first = false;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *blk = &doc->blocks[i];
        if (view->text_offset[i] < 0 || (long)i == view->lead_block)
            continue;
        if (!first) { /* literals apart: their lengths known here */
            if (json)
                outbuf_puts(b, "\\n");
            else
                outbuf_putc(b, '\n');
        }
        first = false;
        if (json)
            outbuf_put_json_chars(b, blk->text, blk->len);
        else
            outbuf_put(b, blk->text, blk->len);
    }
    if (json)
        outbuf_putc(b, '"');
}

size_t view_section_chain(const doc_view *view, long section, long *chain,
                          size_t max)
{
    size_t depth = 0;
    for (long s = section; s >= 0; s = view->section_parent[s])
        depth++;
    size_t i = depth;
    for (long s = section; s >= 0; s = view->section_parent[s]) {
        i--;
        if (i < max)
            chain[i] = s;
    }
    return depth;
}

const char *view_section_heading(const doc_view *view, size_t section,
                                 size_t *len)
{
    const sl_block *b =
        &view->doc->blocks[view->doc->sections[section].heading_block];
    *len = b->len;
    return b->text;
}

enum { MAX_SECTION_DEPTH = 64 };

static void put_path(const doc_view *view, outbuf *b, long section, bool json)
{
    long chain[MAX_SECTION_DEPTH] = {0};
    size_t depth = view_section_chain(view, section, chain, MAX_SECTION_DEPTH);
    if (depth > MAX_SECTION_DEPTH)
        depth = MAX_SECTION_DEPTH;
    if (json)
        outbuf_putc(b, '[');
    for (size_t i = 0; i < depth; i++) {
        size_t len;
        const char *heading =
            view_section_heading(view, (size_t)chain[i], &len);
        if (i > 0)
            outbuf_puts(b, json ? "," : " > ");
        if (json)
            outbuf_put_json_string(b, heading, len);
        else
            outbuf_put(b, heading, len);
    }
    if (json)
        outbuf_putc(b, ']');
}

void view_put_section_path_json(const doc_view *view, outbuf *b, long section)
{
    put_path(view, b, section, true);
}

void view_put_section_path_text(const doc_view *view, outbuf *b, long section)
{
    put_path(view, b, section, false);
}

static bool span_is_kept_of(const doc_view *view, const sl_span *span,
                            const char *type)
{
    return span->type && strcmp(span->type, type) == 0 &&
           span->block < view->doc->n_blocks &&
           view->text_offset[span->block] >= 0;
}

bool view_span_is_kept_figure(const doc_view *view, const sl_span *span)
{
    return span_is_kept_of(view, span, "figure");
}

bool view_span_is_kept_range(const doc_view *view, const sl_span *span)
{
    return span_is_kept_of(view, span, "range");
}

bool view_span_is_kept_quantity(const doc_view *view, const sl_span *span)
{
    return view_span_is_kept_figure(view, span) ||
           view_span_is_kept_range(view, span);
}

/* Quotes and brackets that close a sentence after its full stop. */
bool is_closing_mark(int32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F ||
           cp == 0xFF09 || cp == ')' || cp == '"' || cp == '\'' ||
           cp == 0x3011 || cp == 0x300B;
}

static bool is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t sentence_end_after(const char *text, size_t len, int32_t cp, size_t pos)
{
    bool ends = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '\n' ||
                cp == '!' || cp == '?';
    if (cp == '.')
        ends = pos == len || is_ascii_space(text[pos]);
    if (!ends)
        return 0;
    size_t after = pos;
    while (after < len) {
        size_t next = after;
        int32_t c = sl_utf8_next(text, len, &next);
        if (!is_closing_mark(c))
            break;
        after = next;
    }
    return after;
}
