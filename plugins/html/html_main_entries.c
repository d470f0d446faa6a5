/* plugins/html/html_main_entries.c - a page of dated entries (a blog's
 * front page, a day's archive): when the best container lies in one of
 * several named siblings built alike, each dated and written, none
 * holding the headline, every such entry joins the main content.
 */
#include "html_main_internal.h"
#include "html_meta.h"

#include <stdlib.h>

enum {
    ENTRY_LEVELS = 3,     /* the best container lies this deep in an entry */
    MIN_ENTRIES = 3,      /* dated entries alike that make a page of them */
    DATE_LINE_CHARS = 120 /* an entry's date line is at most this long */
};

/* Whether the page's title block lies inside element e. */
static int holds_title(const html_page *page, const sl_doc *doc, uint32_t e)
{
    if (page->title_block < 0 || (size_t)page->title_block >= doc->n_blocks)
        return 0;
    uint32_t owner = page->block_owner[page->title_block];
    return owner == e || is_ancestor(page, e, owner);
}

/* Per element inside root, the short lines in its subtree that give a
 * date with its year (`Tuesday December 26, 2006 | permalink | comments
 * (0)`): an entry's date line, longer than the post times the walker
 * counts. One pass over the blocks (only root's are read), one back over
 * the elements. NULL when out of memory. */
static uint16_t *count_date_lines(html_page *page, const sl_doc *doc,
                                  uint32_t root)
{
    uint16_t *dated = calloc(page->n_elems, sizeof *dated);
    if (!dated)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        html_date d;
        size_t at, end;
        uint32_t owner = page->block_owner[i];
        if (owner != root && !is_ancestor(page, root, owner))
            continue;
        if (b->html && b->html->text_chars <= DATE_LINE_CHARS &&
            html_date_find(b->text, b->len, NULL, &d, &at, &end) && d.year > 0)
            dated[owner] = 1;
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX && dated[i] && dated[p] < UINT16_MAX)
            dated[p]++;
    }
    page->work += doc->n_blocks + page->n_elems;
    return dated;
}

/* Counts the children of e's parent built like e (the same tag and first
 * class or id stem), how many of them are dated and written, and how
 * many hold the page's title. */
typedef struct {
    uint32_t alike, dated, titled;
} entry_count;

static entry_count count_entries(html_page *page, const sl_doc *doc,
                                 const uint16_t *dated, uint32_t e)
{
    entry_count n = {0, 0, 0};
    uint32_t parent = page->elems[e].parent;
    for (uint32_t i = parent + 1; i <= page->elems[parent].last; i++) {
        const html_elem *s = &page->elems[i];
        page->work++;
        if (s->parent != parent || s->sig != page->elems[e].sig)
            continue;
        n.alike++;
        n.dated += (s->times > 0 || dated[i] > 0) && s->punct > 0;
        n.titled += holds_title(page, doc, i);
    }
    return n;
}

/* A page of dated entries (a blog's front page, a day's archive): the
 * best container lies in one of several named siblings built alike,
 * each dated and written, none holding the page's headline. One entry
 * is not the page. Returns the entry holding the best container, or
 * UINT32_MAX when there is none. */
uint32_t html_main_entry_of(html_page *page, const sl_doc *doc, uint32_t top)
{
    /* the entries lie under root: top's ancestor ENTRY_LEVELS up */
    uint32_t root = top;
    for (int level = 0; level < ENTRY_LEVELS; level++) {
        uint32_t p = page->elems[root].parent;
        if (p == UINT32_MAX || page->elems[p].tag == TAG_BODY)
            break;
        root = p;
    }
    uint16_t *dated = NULL;
    uint32_t e = top, found = UINT32_MAX;
    for (int level = 0; level < ENTRY_LEVELS && found == UINT32_MAX; level++) {
        const html_elem *x = &page->elems[e];
        if (x->parent == UINT32_MAX || page->elems[x->parent].tag == TAG_BODY)
            break;
        if (x->label && !dated)
            dated = count_date_lines(page, doc, root);
        if (!dated)
            break;
        if (x->label && (x->times > 0 || dated[e] > 0)) {
            entry_count n = count_entries(page, doc, dated, e);
            if (n.alike >= MIN_ENTRIES && n.dated >= MIN_ENTRIES &&
                n.dated * 2 >= n.alike && n.titled == 0)
                found = e;
        }
        e = x->parent;
    }
    free(dated);
    return found;
}

/* Every entry built like entry under its parent joins the main content. */
void html_main_join_entries(html_page *page, uint32_t entry)
{
    uint32_t parent = page->elems[entry].parent;
    for (uint32_t i = parent + 1; i <= page->elems[parent].last; i++) {
        html_elem *s = &page->elems[i];
        page->work++;
        if (s->parent == parent && s->sig == page->elems[entry].sig)
            s->main = 1;
    }
}
