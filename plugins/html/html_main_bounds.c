/* plugins/html/html_main_bounds.c - where the article picked as main
 * content ends or lies: before the next article that an endless feed
 * appends under it (a level-1 headline with a date line of its own), and
 * inside the page's one <main> element when that holds most of its
 * prose.
 */
#include "html_main_internal.h"

enum {
    SECOND_LEAD_PROSE = 100, /* the article's text before a next headline */
    NEXT_DATELINE_REACH = 6, /* ... whose date line follows it this closely */
    NEXT_DATELINE_MAX_CHARS = 40
};

/* The first block from the container's first voter on that lies
 * outside its subtree (the container's text ends before it). */
static size_t subtree_end(const sl_doc *doc, html_page *page, uint32_t top,
                          size_t first)
{
    size_t i = first;
    for (; i < doc->n_blocks; i++) {
        uint32_t owner = page->block_owner[i];
        page->work++;
        if (owner != top && !is_ancestor(page, top, owner))
            break;
    }
    return i;
}

/* Whether a date line of its own (a short line giving a time, within
 * NEXT_DATELINE_REACH blocks, before block end) follows a headline. */
static int has_dateline(const sl_doc *doc, html_page *page, size_t headline,
                        size_t end)
{
    for (size_t i = headline + 1;
         i < end && i <= headline + NEXT_DATELINE_REACH; i++) {
        const sl_block *b = &doc->blocks[i];
        page->work++;
        if (b->html && b->html->text_chars <= NEXT_DATELINE_MAX_CHARS &&
            page->block_punct[i] == 0 && html_looks_like_time(b->text, b->len))
            return 1;
    }
    return 0;
}

/* The next article of an endless feed: another level-1 headline after
 * the title's own written text (SECOND_LEAD_PROSE characters of prose
 * or more), before the best container's text or within it, followed by
 * a date line of its own, is the next story that a page appends under
 * the article. Before the container's text, the article is the best
 * container whose voters lie between the title and that headline;
 * within it (a wrapper holding both the article and the feed), the main
 * content ends at the headline (page->main_end). An article's sections
 * set as h1 carry no date line. */
uint32_t html_main_before_next_article(const sl_doc *doc, html_page *page,
                                       uint32_t top, const uint32_t *before)
{
    size_t title = (size_t)page->title_block;
    size_t first = page->elems[top].first_vote;
    if (first <= title || first >= doc->n_blocks)
        return top;
    size_t end = subtree_end(doc, page, top, first);
    size_t headline = doc->n_blocks;
    for (size_t i = title + 1; i < end; i++) {
        const sl_block *b = &doc->blocks[i];
        page->work++;
        if (b->kind == SL_BLOCK_HEADING && b->level == 1 &&
            !(b->flags & SL_BLOCK_TITLE) &&
            before[i] - before[title + 1] >= SECOND_LEAD_PROSE) {
            headline = i;
            break;
        }
    }
    if (headline == doc->n_blocks ||
        !has_dateline(doc, page, headline, headline < first ? first : end))
        return top;
    if (headline >= first) {
        page->main_end = headline;
        return top;
    }
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < page->n_elems; i++) {
        const html_elem *e = &page->elems[i];
        if (e->candidate && e->first_vote > title && e->last_vote < headline &&
            final_score(e) > 0.0f &&
            (best == UINT32_MAX ||
             final_score(e) > final_score(&page->elems[best])))
            best = (uint32_t)i;
    }
    page->work += page->n_elems;
    return best == UINT32_MAX ? top : best;
}

/* The page's one <main> element when the best container holds it and
 * it holds half of the container's prose or more: the page says where
 * its text is, and what lies around it is the site's. */
uint32_t html_main_into_the_main_element(html_page *page, uint32_t top)
{
    uint32_t found = UINT32_MAX;
    for (size_t i = 0; i < page->n_elems; i++) {
        if (page->elems[i].tag != TAG_MAIN)
            continue;
        if (found != UINT32_MAX)
            return top; /* two: neither says more than the other */
        found = (uint32_t)i;
    }
    page->work += page->n_elems;
    if (found == UINT32_MAX || !is_ancestor(page, top, found))
        return top;
    const html_elem *m = &page->elems[found], *t = &page->elems[top];
    uint32_t inside = m->text_chars - m->link_chars;
    uint32_t all = t->text_chars - t->link_chars;
    return inside * 2 >= all ? found : top;
}
