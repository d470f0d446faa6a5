/* plugins/html/html_pagetype_layout.c - the posts of the chosen group, per
 * element: which post it lies in (the group's items, twins placed apart
 * from it, bodies placed after their headers), whether it lies in the
 * post's body, a signature or outside the post's marked text; and how
 * many posts are led by a linked headline (a feed of teasers).
 */
#include "html_pagetype_internal.h"

#include <stdlib.h>
#include <string.h>

/* Whether e is a post of the group placed apart from it: the thread's
 * first post above the list of replies, beside it, or in a list of the
 * same kind. It looks like the posts (the same signature, or the same
 * below single-child wrappers), reads like one (prose and a time) and
 * does not hold the group. up: the group parent's group parent and the
 * one above. */
static int is_twin(const html_page *page, const uint32_t *gp, const group *g,
                   const uint32_t up[2], size_t i, const uint8_t *holds)
{
    const html_elem *e = &page->elems[i];
    uint32_t p = gp[i];
    if (p == UINT32_MAX || holds[i] || is_wrapper(page, gp, i) ||
        !may_be_post(e, g->rows) || prose_of(e) < MIN_ITEM_PROSE ||
        e->times == 0)
        return 0;
    uint32_t core = core_sig(page, gp, g->first);
    if (e->sig != g->sig && e->sig != core && core_sig(page, gp, i) != core)
        return 0;
    if (p == g->parent)
        return e->sig != g->sig; /* wrapped unlike the others */
    if (p == up[0] || p == up[1])
        return 1; /* beside or above the list */
    if (gp[p] == g->parent)
        return 1; /* one level into it */
    return page->elems[p].sig == page->elems[g->parent].sig &&
           gp[p] == up[0]; /* a sibling list */
}

/* Posts whose header (author, time, floor) and body are sibling
 * elements rather than one container each (bbPress, Discuz's and
 * vBulletin's table layouts): the group found is the headers, each
 * followed by the body it heads. When every header but the last is
 * followed by siblings holding prose, and these hold more prose than the
 * headers, each header's followers up to the next header join its post;
 * the last header takes as many followers, of the same tags, as the one
 * before it had. One pass over the group parent's children. */
static void join_split_bodies(const html_page *page, const group *g, layout *l)
{
    uint32_t members = 0, gaps = 0, cur = UINT32_MAX;
    uint64_t member_prose = 0, between = 0, gap_prose = 0;
    for (uint32_t k = l->first_child[g->parent]; k != UINT32_MAX;
         k = l->next_sibling[k]) {
        if (l->item_of[k] == k) {
            if (cur != UINT32_MAX && gap_prose >= MIN_ITEM_PROSE)
                gaps++;
            between += cur != UINT32_MAX ? gap_prose : 0;
            gap_prose = 0;
            cur = k;
            members++;
            member_prose += prose_of(&page->elems[k]);
        } else if (cur != UINT32_MAX && l->item_of[k] == UINT32_MAX) {
            gap_prose += prose_of(&page->elems[k]);
        }
    }
    /* headers are timed and short */
    if (members < 2 || gaps + 1 < members || between <= member_prose ||
        g->with_time < 2 || g->with_time * 2 < g->items ||
        member_prose > (uint64_t)members * HEADER_MAX_CHARS)
        return;
    /* join; the last header takes as many followers as the one before it
     * had, while they have the tag of that one's first follower */
    uint32_t seen = 0, taken = 0, before_last = 0;
    uint16_t last_tag = 0;
    cur = UINT32_MAX;
    for (uint32_t k = l->first_child[g->parent]; k != UINT32_MAX;
         k = l->next_sibling[k]) {
        const html_elem *e = &page->elems[k];
        if (l->item_of[k] == k) {
            cur = k;
            seen++;
            taken = 0;
            continue;
        }
        if (cur == UINT32_MAX || l->item_of[k] != UINT32_MAX ||
            e->text_chars == 0)
            continue;
        if (seen == members && (taken >= before_last || e->tag != last_tag))
            break;
        if (seen + 1 == members) {
            before_last = taken + 1;
            if (taken == 0)
                last_tag = e->tag;
        }
        taken++;
        l->item_of[k] = cur;
        l->split_prose += prose_of(e);
        if (l->body_root[cur] == cur ||
            prose_of(e) > prose_of(&page->elems[l->body_root[cur]]))
            l->body_root[cur] = k;
    }
}

/* The body's place in a post, read from the thread's structure: the
 * signature of the element that most of the posts' body prose lies in
 * (a weighted majority of the bodies found), when each post holds at
 * most one element of it. A post whose body was found apart from its
 * element of that signature (a one-line reply, "随缘吧", holds less prose
 * than its poster's time line or the replies under it) has its body
 * there too, marked IN_SLOT: its lines are what the poster wrote. body:
 * per item, the element chosen as its body. Three passes over the
 * elements. Returns 0 or -1. */
static int mark_body_slots(const html_page *page, layout *l,
                           const uint32_t *body)
{
    size_t n = page->n_elems;
    uint32_t cand = 0;
    uint64_t weight = 0, total = 0;
    for (size_t c = 0; c < n; c++) {
        if (l->item_of[c] != c || body[c] == c)
            continue;
        const html_elem *e = &page->elems[body[c]];
        uint64_t prose = prose_of(e);
        total += prose;
        if (weight == 0)
            cand = e->sig;
        if (e->sig == cand)
            weight += prose;
        else if (weight >= prose)
            weight -= prose;
        else {
            cand = e->sig;
            weight = prose - weight;
        }
    }
    uint64_t agree = 0;
    for (size_t c = 0; c < n; c++) {
        if (l->item_of[c] == c && body[c] != c &&
            page->elems[body[c]].sig == cand)
            agree += prose_of(&page->elems[body[c]]);
    }
    if (total == 0 || agree * 2 <= total)
        return 0;
    uint32_t *count = calloc(n, sizeof *count);
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!count || !slot) {
        free(count);
        free(slot);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t it = l->item_of[i];
        if (it != UINT32_MAX && it != i && page->elems[i].sig == cand) {
            count[it]++;
            slot[it] = (uint32_t)i;
        }
    }
    /* an element of that signature twice in a post (a bare <div>) marks
     * no place */
    int once = 1;
    for (size_t c = 0; c < n && once; c++)
        once = l->item_of[c] != c || count[c] <= 1;
    for (size_t c = 0; c < n && once; c++) {
        if (l->item_of[c] == c && count[c] == 1 &&
            !in_subtree(page, slot[c], body[c]) &&
            !in_subtree(page, body[c], slot[c]))
            l->in_body[slot[c]] = 1 | IN_SLOT;
    }
    free(count);
    free(slot);
    return 0;
}

int layout_build(const html_page *page, const uint32_t *gp, const group *g,
                 layout *l)
{
    size_t n = page->n_elems;
    l->item_of = calloc(n, sizeof *l->item_of);
    l->first_child = calloc(n, sizeof *l->first_child);
    l->next_sibling = calloc(n, sizeof *l->next_sibling);
    l->in_body = calloc(n, 1);
    l->started = calloc(n, 1);
    l->body_root = calloc(n, sizeof *l->body_root);
    if (!l->item_of || !l->first_child || !l->next_sibling || !l->in_body ||
        !l->started || !l->body_root)
        return -1;
    for (size_t i = 0; i < n; i++)
        l->item_of[i] = l->first_child[i] = l->next_sibling[i] = UINT32_MAX;
    for (size_t i = n; i-- > 1;) {
        uint32_t p = page->elems[i].parent;
        if (p == UINT32_MAX)
            continue;
        l->next_sibling[i] = l->first_child[p];
        l->first_child[p] = (uint32_t)i;
    }
    /* the group parent and its ancestors hold the group: no twin (in_body
     * serves as the mark until the bodies are found) */
    for (uint32_t a = g->parent; a != UINT32_MAX; a = page->elems[a].parent)
        l->in_body[a] = 1;
    uint32_t up[2] = {gp[g->parent], UINT32_MAX};
    if (up[0] != UINT32_MAX)
        up[1] = gp[up[0]];
    for (size_t i = 0; i < n; i++) {
        const html_elem *e = &page->elems[i];
        uint32_t p = e->parent;
        uint32_t above = p < i ? l->item_of[p] : UINT32_MAX;
        if (above == UINT32_MAX &&
            ((gp[i] == g->parent && e->sig == g->sig &&
              may_be_item(e, g->rows) && !is_wrapper(page, gp, i)) ||
             is_twin(page, gp, g, up, i, l->in_body))) {
            l->item_of[i] = (uint32_t)i;
            if (gp[i] != g->parent) {
                l->twins++;
                l->twin_prose += prose_of(e);
            }
        } else {
            l->item_of[i] = above;
        }
        l->body_root[i] = (uint32_t)i;
    }
    join_split_bodies(page, g, l);
    if (l->split_prose) {
        for (size_t i = 1; i < n; i++) {
            uint32_t p = page->elems[i].parent;
            if (l->item_of[i] == UINT32_MAX && p != UINT32_MAX)
                l->item_of[i] = l->item_of[p];
        }
    }
    memset(l->in_body, 0, n);
    uint32_t *body = calloc(n, sizeof *body);
    if (!body)
        return -1;
    /* the body: descend while one child holds four fifths of the prose */
    for (uint32_t c = 0; c < n; c++) {
        if (l->item_of[c] != c)
            continue;
        uint32_t cur = l->body_root[c];
        for (;;) {
            uint32_t best = UINT32_MAX, best_prose = 0;
            for (uint32_t k = l->first_child[cur]; k != UINT32_MAX;
                 k = l->next_sibling[k]) {
                if (prose_of(&page->elems[k]) > best_prose) {
                    best_prose = prose_of(&page->elems[k]);
                    best = k;
                }
            }
            if (best == UINT32_MAX ||
                (uint64_t)best_prose * 5 <
                    (uint64_t)prose_of(&page->elems[cur]) * 4)
                break;
            cur = best;
        }
        l->in_body[cur] = 1;
        body[c] = cur;
    }
    int rc = mark_body_slots(page, l, body);
    free(body);
    if (rc < 0)
        return -1;
    for (size_t i = 1; i < n; i++) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX)
            l->in_body[i] |= l->in_body[p];
        if (l->item_of[i] != UINT32_MAX && page->elems[i].label &&
            strstr(page->labels + page->elems[i].label, "signature"))
            l->in_body[i] |= IN_SIGNATURE;
    }
    return html_mark_outside_text(page, l->item_of, l->in_body, OUTSIDE_TEXT);
}

/* Items that hold a linked headline (a heading whose text is mostly a
 * link): a feed of teasers for other pages, not posts. -1 when out of
 * memory. */
long linked_headlines(const sl_doc *doc, const html_page *page, const layout *l)
{
    uint8_t *seen = calloc(page->n_elems ? page->n_elems : 1, 1);
    if (!seen)
        return -1;
    long n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        const sl_html_features *f = b->html;
        /* a post's subject repeating the thread's title ("Re: ...")
         * links to the post itself */
        if (!f || b->kind != SL_BLOCK_HEADING ||
            f->text_chars < HEADLINE_MIN_CHARS ||
            f->link_chars * 2 < f->text_chars || repeats_title(doc, b))
            continue;
        uint32_t it = l->item_of[page->block_owner[i]];
        if (it != UINT32_MAX && !seen[it]) {
            seen[it] = 1;
            n++;
        }
    }
    free(seen);
    return n;
}

void layout_free(layout *l)
{
    free(l->item_of);
    free(l->first_child);
    free(l->next_sibling);
    free(l->in_body);
    free(l->started);
    free(l->body_root);
}
