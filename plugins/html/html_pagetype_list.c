/* plugins/html/html_pagetype_list.c - list pages: a group of many link
 * items holding more of the page's text than the main content's prose
 * (find_list), and the entries of such an index joining the main content
 * when they are lines of one shape (mark_list).
 */
#include "html_pagetype_internal.h"

#include <stdlib.h>

/* A list page: a group of many link items (headlines, thread titles)
 * holds more of the page's text than the main content's prose. Returns
 * the largest such group's index, or -1. */
long find_list(const html_page *page, const group *table, size_t size,
               uint64_t main_prose)
{
    uint64_t total = page->elems[0].text_chars;
    long best = -1;
    for (size_t i = 0; i < size; i++) {
        const group *g = &table[i];
        if (!g->used || g->members < LIST_MIN_ITEMS)
            continue;
        uint64_t links = g->text > g->prose ? g->text - g->prose : 0;
        if (links * 2 >= g->text && g->text * 5 >= total * 2 &&
            g->text > main_prose && (best < 0 || g->text > table[best].text))
            best = (long)i;
    }
    return best;
}

/* The items of a list page whose main region is the list (a chapter
 * index, a catalogue, a directory) are its content: their blocks join
 * the main content, out of any weak container, when the items are
 * entries of one shape: four fifths of them one line each (one block of
 * at most LIST_ITEM_MAX_CHARS), of about the same length. A feed of
 * teasers (a headline, a source, a time, each its own line) is not an
 * index, and a list beside an article's own text (related links, a
 * blog's archive) is no list page's. Returns 1 when the entries were
 * marked, 0 when the items are no entries, -1 when out of memory. */
int mark_list(sl_doc *doc, const html_page *page, const uint32_t *gp,
              const group *g)
{
    size_t n = page->n_elems;
    uint32_t *root = malloc((n ? n : 1) * sizeof *root); /* item per elem */
    uint32_t *lines = calloc(n ? n : 1, sizeof *lines);  /* per item */
    if (!root || !lines) {
        free(root);
        free(lines);
        return -1;
    }
    uint32_t end = page->elems[g->parent].last;
    /* elements come in document order: a parent before its children */
    for (uint32_t i = g->first; i <= end; i++) {
        const html_elem *e = &page->elems[i];
        uint32_t p = e->parent;
        root[i] = gp[i] == g->parent && e->sig == g->sig         ? i
                  : p != UINT32_MAX && p >= g->first && p <= end ? root[p]
                                                                 : UINT32_MAX;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        uint32_t owner = page->block_owner[i];
        if (doc->blocks[i].html && owner >= g->first && owner <= end &&
            root[owner] != UINT32_MAX)
            lines[root[owner]]++;
    }
    uint32_t items = 0, alike = 0;
    uint64_t mean = g->text / (g->members ? g->members : 1);
    for (uint32_t i = g->first; i <= end; i++) {
        const html_elem *e = &page->elems[i];
        if (root[i] != i || !e->text_chars)
            continue;
        items++;
        alike += lines[i] == 1 && e->text_chars <= LIST_ITEM_MAX_CHARS &&
                 e->text_chars * 3 >= mean && e->text_chars <= mean * 3;
    }
    int rc = 0;
    for (size_t i = 0; alike * 5 >= items * 4 && i < doc->n_blocks; i++) {
        uint32_t owner = page->block_owner[i];
        if (!doc->blocks[i].html || owner < g->first || owner > end ||
            root[owner] == UINT32_MAX)
            continue;
        sl_html_features *own = html_features_to_edit(doc, i);
        if (!own) {
            rc = -1;
            break;
        }
        own->hints |= SL_HINT_MAIN;
        own->hints &= ~(uint32_t)SL_HINT_WEAK_CONTAINER;
    }
    free(root);
    free(lines);
    return rc < 0 ? -1 : items > 0 && alike * 5 >= items * 4;
}
