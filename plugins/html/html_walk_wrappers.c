/* plugins/html/html_walk_wrappers.c - the last step of the html walk: a
 * chrome tag, a sidebar's name or a hiding or header class on a wrapper
 * that holds most of the page's prose names a layout, not chrome, so
 * those hints leave it, its subtree and their blocks.
 */
#include "html_walk_internal.h"

/* Text outside links in e's subtree. */
static uint64_t prose_of(const html_elem *e)
{
    return e->text_chars > e->link_chars ? e->text_chars - e->link_chars : 0;
}

/* A sidebar's name or a chrome tag on an element that holds most of the
 * page's prose (text outside links) names a layout, not chrome (<body
 * class="content-sidebar"> around the article and its sidebar, <form>
 * around a whole page), and a class saying "hide" or "header" there names
 * a state or a feature (a wiki's <body class="mw-hide-empty-elt">, <html
 * class="...-in-header-enabled">): readers see that text. Those hint
 * bits leave it and its subtree, and the blocks in it. Parents come
 * before children: one pass. */
void walk_clear_wrapper_hints(sl_doc *doc, html_page *page)
{
    /* a sidebar's name, a chrome tag, a hiding or header class; a
     * wrapper named like a menu or a comment list still says so (a menu
     * drawer around the page, a thread's comment list) */
    const uint32_t chrome =
        SL_HINT_SIDEBAR | SL_HINT_TAG_CHROME | SL_HINT_HIDDEN | SL_HINT_HEADER;
    uint64_t total = page->n_elems ? prose_of(&page->elems[0]) : 0;
    if (total == 0)
        return;
    int cleared = 0;
    for (size_t i = 1; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        uint32_t own = e->own_hints & chrome;
        if (own && prose_of(e) * 2 >= total) {
            own = 0;
            cleared = 1;
        }
        if (cleared)
            e->hints = (e->hints & ~chrome) |
                       (page->elems[e->parent].hints & chrome) | own;
    }
    if (!cleared)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_html_features *f = doc->blocks[i].html;
        if (f)
            f->hints = (f->hints & ~chrome) |
                       (page->elems[page->block_owner[i]].hints & chrome);
    }
}
