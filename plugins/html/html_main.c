/* plugins/html/html_main.c - finds the page's main content, the way
 * readability does, and owns the top-level decision: the element tree is
 * made ready (html_main_prepare.c), blocks vote for their containers and
 * candidates are ranked by closeness to the title (html_main_score.c),
 * the best container is picked and moved up (html_main_top.c), switched
 * for the best one near the title when it lies far from it, bounded by
 * the next article of a feed or the page's <main> (html_main_bounds.c)
 * and by the page's microdata; then its siblings that score well enough,
 * or are good paragraphs on their own, parts of a cut article
 * (html_main_parts.c) and a page's dated entries (html_main_entries.c)
 * join it, weak containers inside it are found (html_main_weak.c), its
 * blocks get SL_HINT_MAIN, and a written lead between the title and it
 * joins too.
 */
#include "html_main_internal.h"

#include <stdlib.h>

enum {
    LEAD_MIN_CHARS = 150, /* a written paragraph between title and content */
    CHROME_WEIGHT = -10   /* class_weight of elements named like chrome */
};

/* The container whose distance from the title says whether the picked
 * top is some other text: the top itself, or the best container before
 * it moved up (best) when that one lies a whole article (TITLE_REACH)
 * from the title. On a short text (a video's description) the best
 * containers may all be a footer's and a newsletter box's, a page
 * away; their common ancestor holds the title, so its own distance is
 * nil and would hide that its text lies elsewhere. */
static uint32_t far_judge(const html_page *page, uint32_t top, uint32_t best)
{
    if (best != UINT32_MAX && page->elems[best].title_dist > TITLE_REACH &&
        page->elems[best].title_dist > page->elems[top].title_dist)
        return best;
    return top;
}

/* Whether the container near the title picked by rank (near) is only a
 * wrapper around the best container (best), which lies far from the
 * title: it holds it, and no block voted for it. The climb to a common ancestor
 * of a small box by the headline, a playlist's items and the article reaches
 * such a wrapper; switching to it would add all that lies between the headline
 * and the article (a video playlist of 2,550 characters set above a news story)
 * and keep nothing of the text the blocks voted for that the best one lacks. */
static int wraps_the_far_one(const html_page *page, uint32_t near,
                             uint32_t best)
{
    return is_ancestor(page, near, best) &&
           final_score(&page->elems[near]) <= 0.0f;
}

/* Whether sibling s of the best container belongs to the main content. */
static int sibling_joins(const html_elem *s, float threshold, int same_class,
                         int by_rank)
{
    if (s->candidate) {
        float bonus = same_class ? threshold * 0.2f : 0.0f;
        if (key(s, by_rank) + bonus >= threshold)
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

/* The nearest element that holds both a and b. */
static uint32_t common_ancestor(const html_page *page, uint32_t a, uint32_t b)
{
    while (a != UINT32_MAX && a != b && !is_ancestor(page, a, b))
        a = page->elems[a].parent;
    return a;
}

/* A written paragraph: some length, commas or sentence ends, few links. */
static int is_lead_prose(const sl_block *b, uint32_t punct)
{
    const sl_html_features *f = b->html;
    /* a heading that long (a standfirst set as an h2) is written too;
     * the title is no lead */
    return !(b->flags & SL_BLOCK_TITLE) && f->text_chars >= LEAD_MIN_CHARS &&
           punct >= 1 && f->link_chars * 4 < f->text_chars;
}

/* Whether an element from e up to (not including) holder is named or
 * tagged like chrome. */
static int chrome_below(const html_page *page, uint32_t e, uint32_t holder)
{
    for (; e != UINT32_MAX && e != holder; e = page->elems[e].parent) {
        const html_elem *x = &page->elems[e];
        if (x->own_unlikely || x->class_weight <= CHROME_WEIGHT ||
            (x->hints & SL_HINT_HIDDEN))
            return 1;
    }
    return 0;
}

/* Between the title and the main content, a written paragraph is the
 * article's lead (a standfirst, a picture's or a video's caption) unless
 * an element below the one holding both title and main content is named
 * or tagged like chrome. */
static void add_lead(sl_doc *doc, html_page *page, uint32_t top)
{
    if (page->title_block < 0)
        return;
    size_t title = (size_t)page->title_block, first = doc->n_blocks;
    for (size_t i = title + 1; i < doc->n_blocks && first == doc->n_blocks;
         i++) {
        if (page->elems[page->block_owner[i]].main)
            first = i;
    }
    if (first == doc->n_blocks)
        return;
    uint32_t holder = common_ancestor(page, top, page->block_owner[title]);
    if (holder == UINT32_MAX)
        return;
    for (size_t i = title + 1; i < first; i++) {
        sl_block *b = &doc->blocks[i];
        page->work++;
        if (b->html && is_lead_prose(b, page->block_punct[i]) &&
            !chrome_below(page, page->block_owner[i], holder))
            b->html->hints |= SL_HINT_MAIN;
    }
}

void html_mark_main(sl_doc *doc, html_page *page)
{
    page->main_end = doc->n_blocks;
    html_main_index_tree(page);
    html_main_mark_teasers(doc, page);
    html_main_spread_unlikely(page);
    html_main_mark_side_columns(doc, page);
    html_main_discount_sponsored_lines(doc, page);
    uint32_t *before = NULL;
    if (page->title_block >= 0 && (size_t)page->title_block < doc->n_blocks)
        before = html_main_prose_before(doc);
    if (html_main_vote_blocks(doc, page, 1) == 0)
        html_main_vote_blocks(doc, page, 0);
    int titled = before != NULL;
    if (titled)
        html_main_rank_candidates(doc, page, before);
    uint32_t first_best = UINT32_MAX;
    uint32_t top = html_main_pick_top(page, 0, &first_best);
    uint32_t far =
        titled && top != UINT32_MAX ? far_judge(page, top, first_best) : top;
    int switched = 0;
    /* far from the title, the best container is likely some other text
     * (a cookie notice, a feed): the best one near the title instead */
    if (titled && top != UINT32_MAX &&
        page->elems[far].title_dist > TITLE_FAR) {
        uint32_t near = html_main_pick_top(page, 1, NULL);
        if (near != UINT32_MAX && !wraps_the_far_one(page, near, top) &&
            page->elems[near].title_dist < page->elems[far].title_dist) {
            top = near;
            switched = 1; /* siblings join by rank too */
        }
    }
    if (titled && top != UINT32_MAX)
        top = html_main_before_next_article(doc, page, top, before);
    free(before);
    if (top == UINT32_MAX)
        return;
    /* the page's microdata says which element holds the article: a best
     * container inside it (an inline gallery of fifty captioned slides
     * within the article's text) gives way to it */
    if (page->article_bodies == 1 && is_ancestor(page, page->article_body, top))
        top = page->article_body;
    top = html_main_into_the_main_element(page, top);
    float best = final_score(&page->elems[top]);
    html_elem *t = &page->elems[top];
    uint32_t parent = t->parent;
    float threshold = best * 0.2f > 10.0f ? best * 0.2f : 10.0f;
    t->main = 1;
    if (parent != UINT32_MAX) {
        for (size_t i = top + 1; i < page->n_elems; i++) {
            html_elem *s = &page->elems[i];
            if (s->parent == parent &&
                sibling_joins(s, threshold, s->class_weight == t->class_weight,
                              switched))
                s->main = 1;
        }
        for (size_t i = parent + 1; i < top; i++) {
            html_elem *s = &page->elems[i];
            if (s->parent == parent &&
                sibling_joins(s, threshold, s->class_weight == t->class_weight,
                              switched))
                s->main = 1;
        }
    }
    html_main_join_alike_parts(doc, page, top, threshold, best);
    html_main_join_unnamed_parts(page, top, threshold, best);
    uint32_t entry = html_main_entry_of(page, doc, top);
    if (entry != UINT32_MAX)
        html_main_join_entries(page, entry);
    /* parents come before children: one pass spreads "inside main" and
     * "inside a weak container" */
    uint32_t *structured = html_main_structured_blocks(doc, page);
    uint32_t *numbered = html_main_numbered_blocks(doc, page);
    uint32_t *listed = html_main_listed_chars(page);
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        if (e->parent == UINT32_MAX)
            continue;
        const html_elem *p = &page->elems[e->parent];
        if (!e->main && p->main) {
            e->main = 1;
            int weak =
                html_main_is_weak_container(e,
                                            listed ? &listed[2 * i] : NULL) ||
                (structured && html_main_is_box_of_labels(e, p, structured[i],
                                                          &page->elems[top])) ||
                (structured && numbered &&
                 html_main_is_chart_labels(e, structured[i], numbered[i],
                                           &page->elems[top]));
            e->weak = p->weak ||
                      (weak && !html_main_holds_the_text(e, &page->elems[top]));
        }
    }
    free(structured);
    free(numbered);
    free(listed);
    page->work += 2 * page->n_elems + doc->n_blocks;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        if (!b->html)
            continue;
        b->html->hints |= SL_HINT_MAIN_FOUND;
        const html_elem *e = &page->elems[page->block_owner[i]];
        if (e->main && i < page->main_end)
            b->html->hints |= SL_HINT_MAIN;
        if (e->main && e->weak)
            b->html->hints |= SL_HINT_WEAK_CONTAINER;
    }
    add_lead(doc, page, top);
}
