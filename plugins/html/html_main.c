/* plugins/html/html_main.c - finds the page's main content, the way
 * readability does: every paragraph-like block with some text adds a score
 * (one point, one per comma or sentence end, one per 100 characters up to
 * three) to its container and, divided, to the container's ancestors;
 * containers start from a weight taken from their tag and class/id names
 * and end multiplied by (1 - link density). The best container and those of
 * its siblings that score well enough, or are good paragraphs on their own,
 * form the main content; its blocks get SL_HINT_MAIN.
 */
#include "html_internal.h"

#include <string.h>

enum {
    MIN_BLOCK_CHARS = 20, /* shorter blocks do not vote */
    ANCESTOR_LEVELS = 5
};

static uint32_t block_punct(const sl_block *b)
{
    uint32_t c = 0;
    size_t pos = 0;
    while (pos < b->len) {
        int32_t cp = sl_utf8_next(b->text, b->len, &pos);
        c += cp == ',' || cp == 0xFF0C || cp == 0x3001 || sl_is_sentence_end(cp);
    }
    return c;
}

static int starts_at_parent(uint16_t tag)
{
    return tag == TAG_P || tag == TAG_LI || tag == TAG_H1 ||
           tag == TAG_HEADING || tag == TAG_PRE || tag == TAG_BLOCKQUOTE ||
           tag == TAG_TD;
}

static void vote(html_page *page, uint32_t elem, float score, int level)
{
    html_elem *e = &page->elems[elem];
    if (e->tag == TAG_BODY && e->parent == UINT32_MAX)
        return; /* the whole page is never the answer */
    if (!e->candidate) {
        e->candidate = 1;
        e->score = (float)e->class_weight;
    }
    float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
    e->score += score / divider;
}

static float link_density(const html_elem *e)
{
    return e->text_chars ? (float)e->link_chars / (float)e->text_chars : 0.0f;
}

static float final_score(const html_elem *e)
{
    return e->score * (1.0f - link_density(e));
}

/* Whether sibling s of the best container belongs to the main content. */
static int sibling_joins(const html_elem *s, float threshold, int same_class)
{
    if (s->candidate) {
        float bonus = same_class ? threshold * 0.2f : 0.0f;
        if (final_score(s) + bonus >= threshold)
            return 1;
    }
    if (s->tag == TAG_P) {
        float ld = link_density(s);
        if (s->text_chars > 80 && ld < 0.25f)
            return 1;
        if (s->text_chars > 0 && s->text_chars <= 80 && ld == 0.0f &&
            s->punct > 0)
            return 1;
    }
    return 0;
}

void html_mark_main(sl_doc *doc, html_page *page)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || b->html->text_chars < MIN_BLOCK_CHARS)
            continue;
        if (b->kind == SL_BLOCK_HEADING)
            continue;
        float score = 1.0f + (float)block_punct(b);
        float hundreds = (float)(b->html->text_chars / 100);
        score += hundreds < 3.0f ? hundreds : 3.0f;
        score *= 1.0f - (float)b->html->link_chars / (float)b->html->text_chars;
        uint32_t elem = page->block_owner[i];
        if (starts_at_parent(page->elems[elem].tag))
            elem = page->elems[elem].parent;
        for (int level = 0; level < ANCESTOR_LEVELS && elem != UINT32_MAX;
             level++) {
            vote(page, elem, score, level);
            elem = page->elems[elem].parent;
        }
    }
    uint32_t top = UINT32_MAX;
    float best = 0.0f;
    for (size_t i = 0; i < page->n_elems; i++) {
        if (page->elems[i].candidate && final_score(&page->elems[i]) > best) {
            best = final_score(&page->elems[i]);
            top = (uint32_t)i;
        }
    }
    if (top == UINT32_MAX)
        return;
    html_elem *t = &page->elems[top];
    uint32_t parent = t->parent;
    float threshold = best * 0.2f > 10.0f ? best * 0.2f : 10.0f;
    t->main = 1;
    if (parent != UINT32_MAX) {
        for (size_t i = top + 1; i < page->n_elems; i++) {
            html_elem *s = &page->elems[i];
            if (s->parent == parent && sibling_joins(s, threshold,
                                                     s->class_weight == t->class_weight))
                s->main = 1;
        }
        for (size_t i = parent + 1; i < top; i++) {
            html_elem *s = &page->elems[i];
            if (s->parent == parent && sibling_joins(s, threshold,
                                                     s->class_weight == t->class_weight))
                s->main = 1;
        }
    }
    /* parents come before children: one pass spreads "inside main" */
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        if (!e->main && e->parent != UINT32_MAX && page->elems[e->parent].main)
            e->main = 1;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        if (!b->html)
            continue;
        b->html->hints |= SL_HINT_MAIN_FOUND;
        if (page->elems[page->block_owner[i]].main)
            b->html->hints |= SL_HINT_MAIN;
    }
}
