/* plugins/html/html_main_prepare.c - the element tree made ready for the
 * vote of the main-content finder: each element's subtree end and child
 * count, teasers of a feed of other pages (their blocks do not vote),
 * "unlikely" spread from chrome-named elements to their subtrees, columns
 * of links beside the title's container, and sponsored lines taken out of
 * their ancestors' counts.
 */
#include "html_main_internal.h"

#include <stdlib.h>

enum {
    HEADLINE_MIN_CHARS = 8,  /* a linked heading this long is a teaser's */
    TEASER_MAX_PROSE = 1000, /* a teaser: a headline and a summary */
    SIDE_COLUMN_ITEMS = 5,   /* list items in a column of links */
    SIDE_TITLE_PROSE = 200,  /* ... beside the title's written container */
    SIDE_TITLE_PUNCT = 3
};

/* Fills children and last of every element: one pass each way. */
void html_main_index_tree(html_page *page)
{
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        e->children = 0;
        e->last = (uint32_t)i;
        if (e->parent != UINT32_MAX)
            page->elems[e->parent].children++;
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        html_elem *e = &page->elems[i];
        if (e->parent != UINT32_MAX && page->elems[e->parent].last < e->last)
            page->elems[e->parent].last = e->last;
    }
    page->work += 2 * page->n_elems;
}

/* Whether block i is a linked headline: a heading (not the title) whose
 * text is half or more in links. */
static int is_headline(const html_page *page, const sl_doc *doc, size_t i)
{
    const sl_block *b = &doc->blocks[i];
    const sl_html_features *f = b->html;
    if (!f || (long)i == page->title_block)
        return 0;
    return b->kind == SL_BLOCK_HEADING && f->text_chars >= HEADLINE_MIN_CHARS &&
           f->link_chars * 2 >= f->text_chars;
}

/* Marks teasers: an element holding one linked heading (half its text
 * or more in links) and little prose, whose parent holds others: an item
 * of a feed of other pages. Their blocks do not vote, so a short article
 * is not outvoted by the feed under it. Linked headings are counted per
 * subtree in one backward pass (children follow their parents); the walk
 * up from each heading only crosses elements holding that heading alone,
 * so the whole stays linear. */
void html_main_mark_teasers(const sl_doc *doc, html_page *page)
{
    for (size_t i = 0; i < page->n_elems; i++) {
        page->elems[i].headlines = 0;
        page->elems[i].teaser = 0;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (is_headline(page, doc, i))
            page->elems[page->block_owner[i]].headlines++;
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX)
            page->elems[p].headlines += page->elems[i].headlines;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (!is_headline(page, doc, i))
            continue;
        uint32_t e = page->block_owner[i];
        if (page->elems[e].headlines != 1)
            continue;
        uint32_t p = page->elems[e].parent;
        while (p != UINT32_MAX && page->elems[p].headlines == 1) {
            e = p;
            p = page->elems[e].parent;
            page->work++;
        }
        const html_elem *t = &page->elems[e];
        uint32_t prose = t->text_chars - t->link_chars;
        /* the item that holds the title is the article's */
        int titled =
            page->title_block >= 0 &&
            (size_t)page->title_block < doc->n_blocks &&
            (page->block_owner[page->title_block] == e ||
             is_ancestor(page, e, page->block_owner[page->title_block]));
        if (p != UINT32_MAX && prose < TEASER_MAX_PROSE && !titled)
            page->elems[e].teaser = 1;
    }
    for (size_t i = 1; i < page->n_elems; i++) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX && page->elems[p].teaser)
            page->elems[i].teaser = 1;
    }
    page->work += 3 * page->n_elems + 2 * doc->n_blocks;
}

/* Spreads "unlikely" from chrome-named elements to their subtrees, except
 * from an element that holds most of the page's text (a page wrapped in
 * <div class="sidebar-layout">). */
void html_main_spread_unlikely(html_page *page)
{
    uint32_t total = page->n_elems ? page->elems[0].text_chars : 0;
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        int own = e->own_unlikely && e->text_chars * 2 < total;
        e->unlikely =
            own || (e->parent != UINT32_MAX && page->elems[e->parent].unlikely);
    }
}

/* A column beside the title's container: a sibling subtree of one of the
 * title's ancestors that holds no title and is a list of mostly linked
 * items (other threads' titles, recent activity, a widget's links). It is
 * a sidebar whatever its tag: its subtree is unlikely, even when it
 * holds most of the page's text (a short question beside long lists of
 * other questions). The columns of the title's ancestors are disjoint, so
 * this is one pass over the elements at most. */
static int is_side_column(const html_elem *e)
{
    return e->items >= SIDE_COLUMN_ITEMS && e->link_chars * 2 >= e->text_chars;
}

void html_main_mark_side_columns(const sl_doc *doc, html_page *page)
{
    if (page->title_block < 0 || (size_t)page->title_block >= doc->n_blocks)
        return;
    uint32_t inner = page->block_owner[page->title_block];
    for (uint32_t a = page->elems[inner].parent; a != UINT32_MAX;
         inner = a, a = page->elems[a].parent) {
        const html_elem *side = &page->elems[inner];
        if (side->text_chars - side->link_chars < SIDE_TITLE_PROSE ||
            side->punct < SIDE_TITLE_PUNCT)
            continue;
        for (uint32_t c = a + 1; c <= page->elems[a].last;
             c = page->elems[c].last + 1) {
            page->work++;
            if (c == inner || !is_side_column(&page->elems[c]))
                continue;
            for (uint32_t d = c; d <= page->elems[c].last; d++)
                page->elems[d].unlikely = 1;
            page->work += page->elems[c].last - c;
        }
    }
}

/* Turns per-element counts of its own blocks into subtree counts: each
 * element's count added to its parent's, children after their parent
 * in document order, so one backward pass. */
void html_main_add_to_ancestors(const html_page *page, uint32_t *n)
{
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t parent = page->elems[i].parent;
        if (parent != UINT32_MAX)
            n[parent] += n[i];
    }
}

/* A sponsored line (SL_HINT_SPONSORED: three quarters of it or more in
 * links marked rel="sponsored") is an ad, not the page's text: its
 * characters and links leave the counts of its element and of every
 * ancestor, so an affiliate line under a short text (a video's
 * description) does not weigh that text down as a column of links
 * would. One pass over the blocks, one back over the elements. */
void html_main_discount_sponsored_lines(const sl_doc *doc, html_page *page)
{
    uint32_t *text = NULL, *links = NULL;
    size_t n = page->n_elems ? page->n_elems : 1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (!f || !(f->hints & SL_HINT_SPONSORED))
            continue;
        if (!text) {
            text = calloc(n, sizeof *text);
            links = calloc(n, sizeof *links);
            if (!text || !links)
                break;
        }
        text[page->block_owner[i]] += f->text_chars;
        links[page->block_owner[i]] += f->link_chars;
    }
    page->work += doc->n_blocks;
    if (text && links) {
        html_main_add_to_ancestors(page, text);
        html_main_add_to_ancestors(page, links);
        for (size_t i = 0; i < page->n_elems; i++) {
            html_elem *e = &page->elems[i];
            e->text_chars -= text[i] < e->text_chars ? text[i] : e->text_chars;
            e->link_chars -=
                links[i] < e->link_chars ? links[i] : e->link_chars;
        }
        page->work += 2 * page->n_elems;
    }
    free(text);
    free(links);
}
