/* plugins/sections/outline.c - turns the decided headings into the
 * document's outline: rewrites heading blocks (kind, level, text), splits
 * lead-in lines into a heading block and a body block, gives each heading
 * a level from how its marker family nests in this document, and builds
 * doc->sections with parents and the blocks each section covers.
 *
 * Levels: the first family seen is level 1; a family first seen below
 * another gets the next level and keeps it for the rest of the document.
 * The document's title heading, when there is one, is level 1 and every
 * other heading nests below it. An appendix (附件, 附：) closes the
 * sections open before it. Title-like lines without a marker take
 * the level of the top heading open (under the title) when they first
 * appear.
 * Markdown and html headings keep their own levels (html levels are
 * shifted so the smallest is 1).
 */
#include "sections_internal.h"

#include <string.h>

/* Deepest level the outline uses. */
#define MAX_LEVEL 9

static bool is_heading_role(sec_role r)
{
    return r == SEC_ROLE_HEADING || r == SEC_ROLE_LEADIN;
}

/* Smallest explicit level of the html stage's headings, or 1. */
static int smallest_html_level(const sl_doc *doc, const sec_line *lines)
{
    int smallest = 0;
    if (doc->content_type != SL_CONTENT_HTML)
        return 1;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (is_heading_role(lines[i].role) &&
            lines[i].marker.family == SEC_FAM_EXPLICIT &&
            (smallest == 0 || lines[i].explicit_level < smallest))
            smallest = lines[i].explicit_level;
    return smallest ? smallest : 1;
}

/* Splits every lead-in block into the heading and a body block right
 * after it, in one pass from the back: room is appended at the end of the
 * array, then blocks move down to their final index. The body keeps
 * pointing into the block's own string (the heading is cut before it).
 * Spans follow their blocks. */
static int split_leadins(sl_doc *doc, const sec_line *lines, size_t n,
                         size_t splits)
{
    for (size_t k = 0; k < splits; k++)
        if (!sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "", 0))
            return -1;
    for (size_t s = 0; s < doc->n_spans; s++) {
        sl_span *span = &doc->spans[s];
        if (span->block >= n)
            continue;
        const sec_line *l = &lines[span->block];
        size_t body = l->body_start;
        size_t to = l->final_index;
        if (l->role == SEC_ROLE_LEADIN && span->start >= body) {
            span->start -= body;
            span->end -= body;
            to++;
        }
        span->block = to;
    }
    for (size_t k = n; k-- > 0;) {
        const sec_line *l = &lines[k];
        size_t to = l->final_index;
        if (l->role == SEC_ROLE_LEADIN) {
            sl_block body = doc->blocks[k];
            body.kind = SL_BLOCK_PARAGRAPH;
            body.level = 0;
            body.blank_before = 0;
            body.flags &= ~(unsigned)SL_BLOCK_TITLE;
            body.text += l->body_start;
            body.len -= l->body_start;
            doc->blocks[to + 1] = body;
        }
        if (to != k)
            doc->blocks[to] = doc->blocks[k];
    }
    return 0;
}

/* Gives the heading block its final text: the Markdown plain text, or its
 * own text without indentation and without a terminal 。. */
static void set_heading_text(sl_block *b, const sec_line *l)
{
    if (l->heading_text) {
        b->text = l->heading_text; /* arena memory */
        b->len = l->heading_text_len;
        return;
    }
    size_t end = l->head_len < b->len ? l->head_len : b->len;
    size_t start = l->marker.start < end ? l->marker.start : 0;
    while (end > start && (b->text[end - 1] == ' ' || b->text[end - 1] == '\t'))
        end--;
    b->text[end] = '\0'; /* shortening in place keeps the arena string */
    b->text += start;
    b->len = end - start;
}

/* The level stack of the nesting walk. */
typedef struct level_walk {
    int family_level[SEC_FAM_COUNT];
    int stack_level[MAX_LEVEL + 1];
    long stack_section[MAX_LEVEL + 1];
    int depth;
    int base; /* 1 under a title heading (stack_level[0] is the title) */
} level_walk;

static int level_for(level_walk *w, const sec_line *l, int html_shift)
{
    int level;
    if (l->marker.family == SEC_FAM_EXPLICIT) {
        level = l->explicit_level - html_shift + 1 + w->base;
    } else if (l->marker.family == SEC_FAM_TITLE) {
        level = 1; /* everything after it is below it */
        w->base = 1;
    } else if (w->family_level[l->marker.family]) {
        level = w->family_level[l->marker.family];
    } else if (l->marker.family == SEC_FAM_PLAIN) {
        /* an unnumbered heading among numbered ones ("Conclusion",
         * "结束语") stands beside the top ones (under the title) */
        level = w->depth > w->base ? w->stack_level[w->base] : w->base + 1;
        w->family_level[SEC_FAM_PLAIN] = level;
    } else {
        level = w->depth ? w->stack_level[w->depth - 1] + 1 : 1;
        w->family_level[l->marker.family] = level;
    }
    if (level < 1)
        level = 1;
    return level > MAX_LEVEL ? MAX_LEVEL : level;
}

/* One past the last kept block before `end`, not before heading + 1. */
static size_t trim_end(const sl_doc *doc, size_t heading, size_t end)
{
    while (end > heading + 1 && sec_block_is_dropped(&doc->blocks[end - 1]))
        end--;
    return end;
}

/* Each section runs to the next heading of its level or above. */
static void close_sections(sl_doc *doc)
{
    size_t open[MAX_LEVEL + 1] = {0};
    size_t depth = 0;
    for (size_t t = 0; t <= doc->n_sections; t++) {
        bool last = t == doc->n_sections;
        int level = last ? 0 : doc->sections[t].level;
        size_t end = last ? doc->n_blocks : doc->sections[t].heading_block;
        while (depth > 0 && doc->sections[open[depth - 1]].level >= level) {
            sl_section *sec = &doc->sections[open[--depth]];
            sec->first_block = sec->heading_block;
            sec->end_block = trim_end(doc, sec->heading_block, end);
        }
        if (!last && depth <= MAX_LEVEL)
            open[depth++] = t;
    }
}

int sec_build_outline(sl_ctx *ctx, sl_doc *doc, sec_line *lines)
{
    size_t n = doc->n_blocks, shift = 0;
    for (size_t i = 0; i < n; i++) {
        lines[i].final_index = (uint32_t)(i + shift);
        if (lines[i].role == SEC_ROLE_LEADIN)
            shift++;
    }
    int html_shift = smallest_html_level(doc, lines);
    doc->n_sections = 0;
    if (shift && split_leadins(doc, lines, n, shift) < 0)
        return sl_fail(ctx, "out of memory splitting lead-in headings");
    for (size_t k = 0; k < n; k++) {
        const sec_line *l = &lines[k];
        sl_block *b = &doc->blocks[l->final_index];
        if (l->role == SEC_ROLE_LIST) {
            b->kind = SL_BLOCK_LIST_ITEM;
            continue;
        }
        if (!is_heading_role(l->role))
            continue;
        /* a title that is also a heading takes the heading's text */
        bool title = (b->flags & SL_BLOCK_TITLE) && doc->title &&
                     strcmp(doc->title, b->text) == 0;
        set_heading_text(b, l);
        if (title && sl_doc_set_title_copy(doc, b->text, b->len) < 0)
            return sl_fail(ctx, "out of memory setting the title");
        b->kind = SL_BLOCK_HEADING;
        if (l->role == SEC_ROLE_LEADIN)
            b->reason = "lead-in heading";
    }
    level_walk w;
    memset(&w, 0, sizeof w);
    for (size_t i = 0; i < n; i++) {
        const sec_line *l = &lines[i];
        if (l->appendix && w.depth > w.base)
            w.depth = w.base; /* an appendix is in no chapter */
        if (!is_heading_role(l->role))
            continue;
        int level = level_for(&w, l, html_shift);
        while (w.depth > 0 && w.stack_level[w.depth - 1] >= level)
            w.depth--;
        long parent = w.depth ? w.stack_section[w.depth - 1] : -1;
        size_t at = l->final_index;
        if (!sl_doc_add_section(doc, at, level, parent))
            return sl_fail(ctx, "out of memory building the outline");
        doc->blocks[at].level = level;
        if (w.depth <= MAX_LEVEL) {
            w.stack_level[w.depth] = level;
            w.stack_section[w.depth] = (long)doc->n_sections - 1;
            w.depth++;
        }
    }
    close_sections(doc);
    sl_count(ctx, "sections", doc->n_sections);
    return 0;
}
