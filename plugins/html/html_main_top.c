/* plugins/html/html_main_top.c - picking the main content's container:
 * the best candidate (by score, or by rank near the title), then the walk
 * up from it the way readability does: to a common ancestor of several
 * near-best containers (unless they are a feed's teasers far from a short
 * text), to the nearest ancestor nearly as good, to a parent that scores
 * higher (not across a list of headed items), and past parents with one
 * child.
 */
#include "html_main_internal.h"

#include <string.h>

enum {
    TOP_CANDIDATES = 5,
    MIN_LIST_HEADLINES = 2, /* linked headlines in a list of headed items */
    HEADED_LIST_BLOCKS = 8  /* ... each with at most this many blocks */
};

/* A container scoring this share of the best one is nearly as good. */
static const float NEAR_BEST = 0.75f;

/* Whether p has a child other than c built like c (the same tag and
 * first class name) that holds text: p is a list of items (slides, a
 * feed) and c one of them. An unnamed child has no likeness. */
static int has_alike_child(html_page *page, uint32_t p, uint32_t c)
{
    const html_elem *x = &page->elems[c];
    if (!x->label)
        return 0;
    for (uint32_t i = p + 1; i <= page->elems[p].last;
         i = page->elems[i].last + 1) {
        page->work++;
        const html_elem *s = &page->elems[i];
        if (i != c && s->sig == x->sig && s->text_chars > 0)
            return 1;
    }
    return 0;
}

/* The nearest ancestor of top that is itself nearly as good a container
 * (three quarters of best), or top. Old table layouts nest the article
 * a dozen tables deep: a box of text inside the article's row can
 * outscore the row, while the row, voted for by the article's cells,
 * scores nearly as well; readability's walk up stops at the first
 * weak wrapper in between and keeps the box alone. On a page whose title
 * anchors an article, the walk does not cross a list: an element holding
 * others built like the one it came from (a slideshow's wrapper, voted
 * for by every slide, around the slide under the headline). */
static uint32_t near_best_holder(html_page *page, uint32_t top, float best,
                                 int by_rank)
{
    uint32_t child = top;
    for (uint32_t p = page->elems[top].parent;
         p != UINT32_MAX && page->elems[p].tag != TAG_BODY;
         child = p, p = page->elems[p].parent) {
        page->work++;
        if (page->title_block >= 0 && has_alike_child(page, p, child))
            break;
        if (page->elems[p].candidate &&
            key(&page->elems[p], by_rank) >= NEAR_BEST * best)
            return p;
    }
    return top;
}

/* The text of the body holding e (all of the page's text), or
 * UINT32_MAX when e lies outside any body. */
static uint32_t page_text_chars(const html_page *page, uint32_t e)
{
    while (e != UINT32_MAX && page->elems[e].tag != TAG_BODY)
        e = page->elems[e].parent;
    return e == UINT32_MAX ? UINT32_MAX : page->elems[e].text_chars;
}

/* Whether p, on a page whose title anchors an article, is a list of
 * items each under a linked headline (a slideshow's slides, a feed's
 * stories) and c, the child the walk came from, holds none: a child
 * built like c among others and a linked headline per two of its
 * paragraphs or more, and per eight of its blocks (paragraphs written as
 * bare <div>s or <br> lines are no <p>, yet blocks). The walk up to a parent
 * that scores higher stops below it: the list scores higher than the text under
 * the title only because every slide voted for it. An item with a linked
 * headline of its own (a roundup's product, one of the article's parts) goes on
 * up to its list. */
static int is_headed_list(html_page *page, uint32_t p, uint32_t c)
{
    const html_elem *e = &page->elems[p];
    return page->title_block >= 0 && page->elems[c].headlines == 0 &&
           e->headlines >= MIN_LIST_HEADLINES &&
           e->headlines * 2 >= e->paragraphs &&
           e->headlines * HEADED_LIST_BLOCKS >= e->blocks &&
           has_alike_child(page, p, c);
}

/* Whether near-best container k is too far from the title to take the
 * best container (top), which lies near it, up to the page's body or a
 * wrapper holding all of its text (p): on a short article (a video's
 * description, or an essay whose element also holds a list of links
 * that lowers its score) the teasers of a feed and a newsletter box far
 * below score nearly as well, and their common ancestor is the whole
 * page. Under any other ancestor, far parts join (a how-to's steps in
 * boxes alike). */
static int far_from_short_text(const html_page *page, uint32_t top, uint32_t k,
                               uint32_t p, uint32_t page_chars)
{
    const html_elem *e = &page->elems[p];
    return page->title_block >= 0 &&
           (e->tag == TAG_BODY || e->text_chars >= page_chars) &&
           page->elems[top].title_dist <= TITLE_FAR &&
           page->elems[k].title_dist > TITLE_FAR;
}

/* The best container, then moved up the way readability does: to a
 * common ancestor of several near-best containers, to a parent that
 * scores higher, and past parents with one child; first to the
 * nearest ancestor that scores nearly as well. by_rank: ranked by
 * closeness to the title as well. best_out, when not NULL, gets the
 * best container before any move. */
uint32_t html_main_pick_top(html_page *page, int by_rank, uint32_t *best_out)
{
    uint32_t tops[TOP_CANDIDATES];
    size_t n_tops = 0;
    for (size_t i = 0; i < page->n_elems; i++) {
        if (!page->elems[i].candidate)
            continue;
        float s = key(&page->elems[i], by_rank);
        size_t at = n_tops;
        while (at > 0 && key(&page->elems[tops[at - 1]], by_rank) < s)
            at--;
        if (at >= TOP_CANDIDATES)
            continue;
        if (n_tops < TOP_CANDIDATES)
            n_tops++;
        memmove(&tops[at + 1], &tops[at], (n_tops - 1 - at) * sizeof tops[0]);
        tops[at] = (uint32_t)i;
    }
    if (n_tops == 0 || final_score(&page->elems[tops[0]]) <= 0.0f)
        return UINT32_MAX;
    uint32_t top = tops[0];
    if (best_out)
        *best_out = top;
    float best = key(&page->elems[top], by_rank);
    uint32_t body = 0;
    uint32_t page_chars = page_text_chars(page, top);
    for (uint32_t p = page->elems[top].parent; p != UINT32_MAX && p != body;
         p = page->elems[p].parent) {
        int sharing = 0;
        page->work++;
        for (size_t k = 1; k < n_tops; k++) {
            if (key(&page->elems[tops[k]], by_rank) >= NEAR_BEST * best &&
                !far_from_short_text(page, top, tops[k], p, page_chars) &&
                is_ancestor(page, p, tops[k]) &&
                !is_ancestor(page, tops[k], tops[0]) &&
                !is_ancestor(page, tops[0], tops[k]))
                sharing++;
        }
        if (sharing >= 2) {
            top = p;
            break;
        }
    }
    top = near_best_holder(page, top, best, by_rank);
    float last = final_score(&page->elems[top]);
    float threshold = last / 3.0f;
    for (uint32_t c = top, p = page->elems[top].parent;
         p != UINT32_MAX && p != body; c = p, p = page->elems[p].parent) {
        page->work++;
        if (is_headed_list(page, p, c))
            break;
        if (!page->elems[p].candidate)
            continue;
        float s = final_score(&page->elems[p]);
        if (s < threshold)
            break;
        if (s > last) {
            top = p;
            break;
        }
        last = s;
    }
    while (page->elems[top].parent != UINT32_MAX &&
           page->elems[top].parent != body &&
           page->elems[page->elems[top].parent].children == 1) {
        page->work++;
        top = page->elems[top].parent;
    }
    return top;
}
