/* plugins/html/html_main_parts.c - the parts of an article cut into
 * wrappers by boxes put between them: parts in elements built like the
 * best container under other wrappers (a written part, a how-to's steps;
 * not the items of a list), and parts in unnamed wrappers next to the
 * container's own, joined one after another.
 */
#include "html_main_internal.h"

#include <stdlib.h>

enum {
    PART_MIN_PUNCT = 10,     /* a written part of an article in parts */
    PART_MIN_PARAGRAPHS = 3, /* ... in wrappers alike: paragraphs per part */
    STEP_MIN_PUNCT = 3,      /* an unheaded part in wrappers alike (a step) */
    MIN_STEPS = 3,           /* ... short ones that make a list of steps */
    UNNAMED_GAP_CHARS = 80   /* chrome between parts in unnamed wrappers */
};

/* Whether s, in a wrapper built like the top's, is the next part of an
 * article cut into wrappers alike (one per run of paragraphs, with an
 * empty box or an embed between them), not an item of a list: both
 * written in several paragraphs, the wrappers siblings. A slide or a
 * teaser holds one paragraph. */
static int is_sibling_part(const html_page *page, const html_elem *t,
                           const html_elem *s, uint32_t holder)
{
    return holder != UINT32_MAX && page->elems[s->parent].parent == holder &&
           t->paragraphs >= PART_MIN_PARAGRAPHS &&
           s->paragraphs >= PART_MIN_PARAGRAPHS && s->punct >= PART_MIN_PUNCT;
}

/* Whether a heading lies in parent p before its child c: the owners of
 * heading blocks, in document order (heads), lie in p's subtree and
 * before c's. Elements are numbered in document order. */
static int headed_before(const uint32_t *heads, size_t n_heads, uint32_t p,
                         uint32_t c)
{
    size_t lo = 0, hi = n_heads;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (heads[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n_heads && heads[lo] < c;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The owners of the page's heading blocks, sorted; NULL when none or out
 * of memory. */
static uint32_t *heading_owners(const sl_doc *doc, const html_page *page,
                                size_t *n)
{
    *n = 0;
    uint32_t *heads = malloc((doc->n_blocks + 1) * sizeof *heads);
    if (!heads)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (doc->blocks[i].kind == SL_BLOCK_HEADING && doc->blocks[i].html)
            heads[(*n)++] = page->block_owner[i];
    }
    qsort(heads, *n, sizeof *heads, cmp_u32);
    return heads;
}

/* Whether s (element i), under a wrapper built like the best
 * container's, is still a part of the same text: written (STEP_MIN_PUNCT
 * commas and sentence ends) and with no heading in its wrapper before it.
 * A slide or a story of a feed opens with its own headline; the next
 * part of an article cut into alike boxes (a how-to's steps, a paragraph
 * or two and a figure each, once their section tags are plain divs)
 * goes on where the last one stopped. Such a part gets the bonus of a
 * written part: one step scores little of its own; one with fewer than
 * PART_MIN_PUNCT joins only among MIN_STEPS such parts. */
static int is_unheaded_part(const html_elem *s, uint32_t i,
                            const uint32_t *heads, size_t n_heads)
{
    return s->punct >= STEP_MIN_PUNCT &&
           !headed_before(heads, n_heads, s->parent, i);
}

/* Whether element i is built like the top (t) and may join it as a part:
 * a candidate neither chrome nor a teaser, apart from the top. */
static int may_be_part(const html_page *page, const html_elem *t, uint32_t top,
                       uint32_t i)
{
    const html_elem *s = &page->elems[i];
    return i != top && s->sig == t->sig && s->candidate && !s->unlikely &&
           !s->teaser && s->parent != UINT32_MAX &&
           !is_ancestor(page, top, i) && !is_ancestor(page, i, top);
}

/* An article cut into parts by a box put between them (a newsletter
 * sign-up, a figure) goes on in elements built like its container (the
 * same tag and first class name) under other wrappers: those that score
 * as a sibling must (threshold) join the main content. A written part
 * (PART_MIN_PUNCT commas and sentence ends) gets the bonus readability
 * gives a sibling of the top's class, a fifth of the best score: its
 * paragraphs may lie wrappers deeper than the part, which then scores
 * little of its own once no name weighs it. Elements whose parents are
 * alike too are items of one list (slides, a feed of other stories), not
 * parts of one article, unless those wrappers are siblings and both
 * elements are written in several paragraphs (is_sibling_part) or the
 * element is a written part whose wrapper opens with no heading
 * (is_unheaded_part); an unnamed container says nothing. */
void html_main_join_alike_parts(const sl_doc *doc, html_page *page,
                                uint32_t top, float threshold, float best)
{
    const html_elem *t = &page->elems[top];
    if (!t->label || t->parent == UINT32_MAX)
        return;
    uint32_t parent_sig = page->elems[t->parent].sig;
    uint32_t holder = page->elems[t->parent].parent;
    size_t n_heads = 0;
    uint32_t *heads = heading_owners(doc, page, &n_heads);
    /* short unheaded parts join only as one of several (a how-to's
     * steps), not as one item after the text */
    size_t steps = 0;
    for (uint32_t i = 0; i < page->n_elems; i++) {
        const html_elem *s = &page->elems[i];
        if (may_be_part(page, t, top, i) &&
            page->elems[s->parent].sig == parent_sig &&
            s->punct < PART_MIN_PUNCT && is_unheaded_part(s, i, heads, n_heads))
            steps++;
    }
    for (uint32_t i = 0; i < page->n_elems; i++) {
        html_elem *s = &page->elems[i];
        if (!may_be_part(page, t, top, i))
            continue;
        int in_alike = page->elems[s->parent].sig == parent_sig;
        int step = in_alike && is_unheaded_part(s, i, heads, n_heads) &&
                   (s->punct >= PART_MIN_PUNCT || steps >= MIN_STEPS);
        if (in_alike && !step && !is_sibling_part(page, t, s, holder))
            continue;
        float bonus = s->punct >= PART_MIN_PUNCT || step ? 0.2f * best : 0.0f;
        if (final_score(s) + bonus >= threshold)
            s->main = 1;
    }
    free(heads);
    page->work += 2 * page->n_elems;
}

/* Whether s, in an unnamed wrapper, is written and built like the top t. */
static int is_unnamed_part(const html_elem *s, const html_elem *t)
{
    return s->sig == t->sig && !s->label && s->candidate && !s->unlikely &&
           !s->teaser && s->punct >= STEP_MIN_PUNCT &&
           link_density(s) < WRITTEN_BOX_MAX_LINKS;
}

/* Marks the written parts in wrapper w built like the top; how many. */
static int join_parts_in(html_page *page, const html_elem *t, uint32_t w,
                         float threshold, float best)
{
    int joined = 0;
    for (uint32_t i = w + 1; i <= page->elems[w].last; i++) {
        html_elem *s = &page->elems[i];
        page->work++;
        if (s->parent == w && is_unnamed_part(s, t) &&
            final_score(s) + 0.2f * best >= threshold) {
            s->main = 1;
            joined++;
        }
    }
    return joined;
}

/* The parts of an article cut into wrappers with no name: wrappers
 * built like the top's parent (the same tag, no class), its siblings
 * next to it in reading order with nothing between but short chrome
 * (an empty ad slot, an embed's caption), each holding a child built
 * like the top that is written (STEP_MIN_PUNCT commas and sentence ends,
 * few links). An unnamed container has no likeness of its own
 * (html_main_join_alike_parts), so only the nearest ones on either side join,
 * one after another: an unnamed box further off (a sidebar's story, a
 * teaser) stays out, and one with text of another build stops the walk. */
void html_main_join_unnamed_parts(html_page *page, uint32_t top,
                                  float threshold, float best)
{
    const html_elem *t = &page->elems[top];
    if (t->label || t->parent == UINT32_MAX)
        return;
    uint32_t wrap = t->parent;
    const html_elem *w = &page->elems[wrap];
    if (w->label || w->parent == UINT32_MAX)
        return;
    uint32_t holder = w->parent;
    /* the holder's children in order; the top's wrapper's index among them */
    uint32_t n = 0, at = UINT32_MAX;
    for (uint32_t i = holder + 1; i <= page->elems[holder].last;
         i = page->elems[i].last + 1, n++)
        if (i == wrap)
            at = n;
    if (at == UINT32_MAX)
        return;
    uint32_t *kids = malloc((size_t)n * sizeof *kids);
    if (!kids)
        return;
    n = 0;
    for (uint32_t i = holder + 1; i <= page->elems[holder].last;
         i = page->elems[i].last + 1)
        kids[n++] = i;
    page->work += 2 * n;
    for (int dir = -1; dir <= 1; dir += 2) {
        for (int64_t k = (int64_t)at + dir; k >= 0 && k < (int64_t)n;
             k += dir) {
            const html_elem *c = &page->elems[kids[k]];
            if (c->text_chars <= UNNAMED_GAP_CHARS && c->paragraphs == 0)
                continue; /* short chrome between parts */
            if (c->sig != w->sig || c->label ||
                !join_parts_in(page, t, kids[k], threshold, best))
                break;
        }
    }
    free(kids);
}
