/* plugins/html/html_main_internal.h - what the files of the main-content
 * finder share: the limits more than one of them reads, four small
 * helpers inlined where they are called (link density, final score, the
 * key a candidate is ranked by, subtree membership), and what each file
 * lends the others, named html_main_*. Only html_main*.c include it.
 *
 * html_main.c          the top-level decision (which container, moved
 *                      where), the siblings that join it, the lead
 *                      between title and content, marking the blocks;
 *                      html_mark_main itself;
 * html_main_prepare.c  the element tree before the vote: subtree ends and
 *                      child counts, teasers, chrome spread to subtrees,
 *                      side columns beside the title, sponsored lines;
 * html_main_score.c    the vote: paragraph scores, runs of short lines,
 *                      the containers voted for, ranking by closeness to
 *                      the title;
 * html_main_top.c      picking the best container and the walk up from
 *                      it (near-best holders, lists of headed items,
 *                      far teasers of a short text);
 * html_main_bounds.c   where the article ends or lies: the next article
 *                      of an endless feed, the page's one <main>;
 * html_main_parts.c    the parts of an article cut into wrappers, alike
 *                      or unnamed;
 * html_main_entries.c  a page of dated entries (a blog's front page);
 * html_main_weak.c     weak containers inside the main content
 *                      (readability's "clean conditionally", boxes of
 *                      labels, a chart's labels).
 */
#ifndef SLUICE_HTML_MAIN_INTERNAL_H
#define SLUICE_HTML_MAIN_INTERNAL_H

#include "html_internal.h"

#include <stdint.h>
#include <stddef.h>

enum {
    TITLE_REACH = 800, /* prose characters from the title that halve a rank */
    TITLE_FAR = 300    /* ... and that make the best container suspect */
};

/* A written box's share of link text is at most this. */
static const float WRITTEN_BOX_MAX_LINKS = 0.3f;

static inline float link_density(const html_elem *e)
{
    return e->text_chars ? (float)e->link_chars / (float)e->text_chars : 0.0f;
}

static inline float final_score(const html_elem *e)
{
    return e->score * (1.0f - link_density(e));
}

static inline float key(const html_elem *e, int by_rank)
{
    return by_rank ? e->rank : final_score(e);
}

/* Elements are numbered in document order, so a subtree is the run of
 * indices from its root to its last element. */
static inline int is_ancestor(const html_page *page, uint32_t ancestor,
                              uint32_t e)
{
    return ancestor < e && e <= page->elems[ancestor].last;
}

/* html_main_prepare.c */
void html_main_index_tree(html_page *page);
void html_main_mark_teasers(const sl_doc *doc, html_page *page);
void html_main_spread_unlikely(html_page *page);
void html_main_mark_side_columns(const sl_doc *doc, html_page *page);
void html_main_add_to_ancestors(const html_page *page, uint32_t *n);
void html_main_discount_sponsored_lines(const sl_doc *doc, html_page *page);

/* html_main_score.c */
uint32_t *html_main_prose_before(const sl_doc *doc);
void html_main_rank_candidates(const sl_doc *doc, html_page *page,
                               const uint32_t *before);
size_t html_main_vote_blocks(const sl_doc *doc, html_page *page,
                             int skip_unlikely);

/* html_main_top.c */
uint32_t html_main_pick_top(html_page *page, int by_rank, uint32_t *best_out);

/* html_main_bounds.c */
uint32_t html_main_before_next_article(const sl_doc *doc, html_page *page,
                                       uint32_t top, const uint32_t *before);
uint32_t html_main_into_the_main_element(html_page *page, uint32_t top);

/* html_main_parts.c */
void html_main_join_alike_parts(const sl_doc *doc, html_page *page,
                                uint32_t top, float threshold, float best);
void html_main_join_unnamed_parts(html_page *page, uint32_t top,
                                  float threshold, float best);

/* html_main_entries.c */
uint32_t html_main_entry_of(html_page *page, const sl_doc *doc, uint32_t top);
void html_main_join_entries(html_page *page, uint32_t entry);

/* html_main_weak.c */
int html_main_is_weak_container(const html_elem *e, const uint32_t *listed);
uint32_t *html_main_listed_chars(const html_page *page);
uint32_t *html_main_structured_blocks(const sl_doc *doc, const html_page *page);
int html_main_is_box_of_labels(const html_elem *e, const html_elem *parent,
                               uint32_t structured, const html_elem *top);
int html_main_is_chart_labels(const html_elem *e, uint32_t structured,
                              uint32_t numbered, const html_elem *top);
uint32_t *html_main_numbered_blocks(const sl_doc *doc, const html_page *page);
int html_main_holds_the_text(const html_elem *e, const html_elem *top);

#endif
