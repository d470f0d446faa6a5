/* plugins/html/html_pagetype_groups.c - finding the group of posts:
 * sibling elements that look alike (same tag and first class token, or
 * the same numbered id, under the same parent seen through inline
 * wrappers) and mostly carry a time or a schema.org post type. Groups are
 * kept in an open-addressed table keyed on parent and signature;
 * best_group picks the timed, written group of most prose and sets aside
 * feeds of items led by links to other pages.
 */
#include "html_pagetype_internal.h"

#include <stdlib.h>

uint32_t prose_of(const html_elem *e)
{
    return e->text_chars > e->link_chars ? e->text_chars - e->link_chars : 0;
}

/* rows: whether table rows may be items, on a page that says it is a
 * discussion (a phpBB 2 thread is one table, a post a row); elsewhere
 * rows are a table's data (dated search results, a schedule). */
int may_be_item(const html_elem *e, int rows)
{
    if (e->tag == TAG_TR && rows)
        return e->text_chars > 0;
    switch (e->tag) {
    case TAG_P:
    case TAG_H1:
    case TAG_HEADING:
    case TAG_A:
    case TAG_PRE:
    case TAG_TD:
    case TAG_TR:
    case TAG_BODY:
    case TAG_BLOCKQUOTE: /* embedded posts quoted in an article */ return 0;
    default: return e->text_chars > 0;
    }
}

/* Whether elem is root or lies below it (elements are numbered in
 * document order; the main-content finder filled in each one's last). */
int in_subtree(const html_page *page, uint32_t root, uint32_t elem)
{
    return root <= elem && elem <= page->elems[root].last;
}

/* Whether e may be a post at all: a candidate tag, not in chrome. */
int may_be_post(const html_elem *e, int rows)
{
    /* a <footer> holds the site's blurbs, not posts */
    if ((e->hints & SL_HINT_TAG_CHROME) && (e->hints & SL_HINT_FOOTER))
        return 0;
    return may_be_item(e, rows) && e->parent != UINT32_MAX &&
           (!e->unlikely || (e->hints & SL_HINT_COMMENT));
}

/* Per element, the parent its group is keyed on: the nearest ancestor
 * that is no mere wrapper (an unnamed inline element such as <font> or
 * <span> whose only child holds all its text), so that a post wrapped in
 * <font><font> by a translating proxy still groups with its bare
 * siblings. Block containers (<div>) are never skipped: page halves
 * would group with posts. One pass each way; NULL when out of
 * memory. */
uint32_t *group_parents(const html_page *page)
{
    size_t n = page->n_elems;
    /* gp[0..n): the group parent; gp[n..2n): what children see;
     * gp[2n..3n): the core, below any element whose only child holds all
     * its text */
    uint32_t *gp = malloc((n ? 3 * n : 1) * sizeof *gp);
    uint32_t *child = malloc((n ? n : 1) * sizeof *child); /* the only one */
    if (!gp || !child) {
        free(gp);
        free(child);
        return NULL;
    }
    uint32_t *see = gp + n;
    for (size_t i = 0; i < n; i++)
        child[i] = UINT32_MAX;
    for (size_t i = 1; i < n; i++) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX)
            child[p] = child[p] == UINT32_MAX ? (uint32_t)i : 0; /* 0: many */
    }
    for (size_t i = 0; i < n; i++) {
        const html_elem *e = &page->elems[i];
        int wrapper = e->parent != UINT32_MAX && e->tag == TAG_OTHER &&
                      e->label == 0 && child[i] != UINT32_MAX &&
                      child[i] != 0 &&
                      page->elems[child[i]].text_chars == e->text_chars;
        see[i] = wrapper ? see[e->parent] : (uint32_t)i;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t p = page->elems[i].parent;
        gp[i] = p == UINT32_MAX ? UINT32_MAX : see[p];
    }
    uint32_t *core = gp + 2 * n;
    for (size_t i = n; i-- > 0;) {
        uint32_t c = child[i];
        core[i] = c != UINT32_MAX && c != 0 &&
                          page->elems[c].text_chars == page->elems[i].text_chars
                      ? core[c]
                      : (uint32_t)i;
    }
    free(child);
    return gp;
}

/* The signature of element i's core (group_parents). */
uint32_t core_sig(const html_page *page, const uint32_t *gp, size_t i)
{
    return page->elems[gp[2 * page->n_elems + i]].sig;
}

/* Whether element i is a wrapper that group_parents looks through. */
int is_wrapper(const html_page *page, const uint32_t *gp, size_t i)
{
    return gp[page->n_elems + i] != i;
}

/* Per element, whether its first block is a linked headline (16
 * characters or more, four fifths of them in a link): an item of a feed
 * that links to other pages ("Most active threads", "Latest posts by this
 * member"), whose author lines and times make it look like a post.
 * Each element is given its first block once, so the pass is linear.
 * NULL when out of memory. */
uint8_t *led_by_link(const sl_doc *doc, const html_page *page)
{
    size_t n = page->n_elems;
    uint8_t *led = calloc(n ? n : 1, 1);
    uint8_t *seen = calloc(n ? n : 1, 1);
    if (!led || !seen) {
        free(led);
        free(seen);
        return NULL;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        uint32_t e = page->block_owner[i];
        if (!f || e >= n || seen[e])
            continue;
        int linked =
            f->text_chars >= FEED_HEADLINE_CHARS &&
            (uint64_t)f->link_chars * 5 >= (uint64_t)f->text_chars * 4 &&
            reads_like_headline(&doc->blocks[i]) &&
            !repeats_title(doc, &doc->blocks[i]);
        for (uint32_t a = e; a != UINT32_MAX && !seen[a];
             a = page->elems[a].parent) {
            seen[a] = 1;
            led[a] = (uint8_t)linked;
        }
    }
    free(seen);
    return led;
}

/* The slot of the group of parent and sig in the open-addressed table:
 * its own, or the empty one where it goes. */
size_t group_slot(const group *table, size_t size, uint32_t parent,
                  uint32_t sig)
{
    /* every bit of the key reaches the slot: parents that differ only
     * high up (a chain of unclosed tags) must not share a slot */
    uint64_t key = ((uint64_t)parent << 32) | sig;
    key ^= key >> 33;
    key *= 0xFF51AFD7ED558CCDULL;
    key ^= key >> 33;
    size_t at = (size_t)key & (size_t)(size - 1);
    while (table[at].used &&
           (table[at].parent != parent || table[at].sig != sig))
        at = (at + 1) & (size - 1);
    return at;
}

long best_group(const html_page *page, const uint32_t *gp, group *table,
                size_t size, int declared, const uint8_t *led, long *feed_best,
                int *untimed)
{
    long best = -1;
    uint64_t feed_prose = 0;
    *feed_best = -1;
    uint64_t best_prose = 0; /* weighed */
    long said_best = -1;     /* the best untimed group of a discussion */
    uint64_t said_prose = 0;
    for (size_t i = 1; i < page->n_elems; i++) {
        const html_elem *e = &page->elems[i];
        /* posts in a sidebar are another page's */
        if (!may_be_post(e, declared) || gp[i] == UINT32_MAX ||
            is_wrapper(page, gp, i))
            continue;
        size_t at = group_slot(table, size, gp[i], e->sig);
        group *g = &table[at];
        if (!g->used) {
            g->used = 1;
            g->rows = (uint8_t)declared;
            g->parent = gp[i];
            g->sig = e->sig;
            g->first = (uint32_t)i;
        }
        uint32_t prose = prose_of(e);
        g->text += e->text_chars;
        g->members++;
        if (prose < MIN_ITEM_PROSE)
            continue;
        g->items++;
        g->prose += prose;
        g->punct += e->punct;
        g->with_time += e->times > 0;
        g->led_by_link += led[i];
        g->with_schema += (e->schema & (HTML_SCHEMA_POST | HTML_SCHEMA_COMMENT |
                                        HTML_SCHEMA_QA)) != 0;
    }
    for (size_t at = 0; at < size; at++) {
        const group *g = &table[at];
        if (!g->used || g->items < 2)
            continue;
        /* posts are written: half a comma or sentence end an item at
         * least (a list of headlines has none); each of a few posts
         * shows its time, half of many */
        int timed = g->with_time >= 2 && g->punct * 2 >= g->items &&
                    (g->items <= 4 ? g->with_time == g->items
                                   : g->with_time * 2 >= g->items);
        int typed = g->with_schema >= 2 && g->with_schema * 2 >= g->items;
        /* where the page says it is a discussion and no group is timed,
         * long written items of a named kind need no time (collapsed
         * answers hide it) */
        const html_elem *first = &page->elems[g->first];
        int said = declared && g->punct >= g->items &&
                   g->prose >= (uint64_t)g->items * UNTIMED_ITEM_PROSE &&
                   first->label && first->tag != TAG_UL && first->tag != TAG_LI;
        /* a group of two page halves holds every post too: groups of
         * more items weigh more (1 - 1/items) */
        uint64_t weighed = g->prose - g->prose / g->items;
        /* a feed of other pages' teasers, each led by its linked
         * headline (not a post's subject repeating the thread's title),
         * is no thread */
        if (timed && g->led_by_link >= 2 &&
            (uint64_t)g->led_by_link * 2 >= g->items) {
            table[at].feed = 1;
            if (weighed > feed_prose) {
                feed_prose = weighed;
                *feed_best = (long)at;
            }
            continue;
        }
        /* and what they hold is written, not links: at most half their
         * text (a blog's sidebar of dated archive links is no thread) */
        int written = g->prose * 2 >= g->text;
        if ((timed || typed) && written && weighed > best_prose) {
            best_prose = weighed;
            best = (long)at;
        }
        if (said && weighed > said_prose) {
            said_prose = weighed;
            said_best = (long)at;
        }
    }
    *untimed = best < 0 && said_best >= 0;
    return best >= 0 ? best : said_best;
}
