/* plugins/html/html_main.c - finds the page's main content, the way
 * readability does: every paragraph-like block with some text (short lines
 * in a row count as one) adds a score (one point, one per comma or sentence
 * end, one per 100 characters up to three) to its container and, divided,
 * to the container's ancestors; containers start from a weight taken from
 * their tag and class/id names and end multiplied by (1 - link density).
 * The best container and those of its siblings that score well enough, or
 * are good paragraphs on their own, form the main content; its blocks get
 * SL_HINT_MAIN.
 */
#include "html_internal.h"
#include "html_meta.h"

#include <stdlib.h>
#include <string.h>

enum {
    MIN_BLOCK_CHARS = 20, /* shorter blocks do not vote */
    MIN_RUN_LINES = 3,    /* ... unless this many in a row make a text */
    ANCESTOR_LEVELS = 5,
    TOP_CANDIDATES = 5,
    TITLE_REACH = 800, /* prose characters from the title that halve a rank */
    TITLE_FAR = 300,   /* ... and that make the best container suspect */
    SECOND_LEAD_PROSE = 100, /* the article's text before a next headline */
    NEXT_DATELINE_REACH = 6, /* ... whose date line follows it this closely */
    NEXT_DATELINE_MAX_CHARS = 40,
    HEADLINE_MIN_CHARS = 8,  /* a linked heading this long is a teaser's */
    TEASER_MAX_PROSE = 1000, /* a teaser: a headline and a summary */
    LEAD_MIN_CHARS = 150,    /* a written paragraph between title and content */
    BOX_LINE_CHARS = 20,     /* a written box's lines are this long */
    PART_MIN_PUNCT = 10,     /* a written part of an article in parts */
    PART_MIN_PARAGRAPHS = 3, /* ... in wrappers alike: paragraphs per part */
    STEP_MIN_PUNCT = 3,      /* an unheaded part in wrappers alike (a step) */
    MIN_STEPS = 3,           /* ... short ones that make a list of steps */
    UNNAMED_GAP_CHARS = 80,  /* chrome between parts in unnamed wrappers */
    CHROME_WEIGHT = -10,     /* class_weight of elements named like chrome */
    ENTRY_LEVELS = 3,        /* the best container lies this deep in an entry */
    MIN_ENTRIES = 3,         /* dated entries alike that make a page of them */
    DATE_LINE_CHARS = 120,   /* an entry's date line is at most this long */
    SIDE_COLUMN_ITEMS = 5,   /* list items in a column of links */
    SIDE_TITLE_PROSE = 200,  /* ... beside the title's written container */
    SIDE_TITLE_PUNCT = 3,
    CHART_MIN_LABELS = 8,   /* lines of a chart's labels */
    CHART_LABEL_CHARS = 10, /* ... at most this long on average */
    MIN_LIST_HEADLINES = 2, /* linked headlines in a list of headed items */
    HEADED_LIST_BLOCKS = 8  /* ... each with at most this many blocks */
};

/* A container scoring this share of the best one is nearly as good. */
static const float NEAR_BEST = 0.75f;
/* A written box's share of link text is at most this. */
static const float WRITTEN_BOX_MAX_LINKS = 0.3f;

static int starts_at_parent(uint16_t tag)
{
    return tag == TAG_P || tag == TAG_LI || tag == TAG_H1 ||
           tag == TAG_HEADING || tag == TAG_PRE || tag == TAG_BLOCKQUOTE ||
           tag == TAG_TD || tag == TAG_TR;
}

static void vote(html_page *page, uint32_t elem, float score, int level,
                 uint32_t block)
{
    html_elem *e = &page->elems[elem];
    if (e->tag == TAG_BODY)
        return; /* the whole page is never the answer */
    if (!e->candidate) {
        e->candidate = 1;
        e->score = (float)e->class_weight;
        e->first_vote = block;
    }
    e->last_vote = block;
    float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
    e->score += score / divider;
}

static float link_density(const html_elem *e)
{
    return e->text_chars ? (float)e->link_chars / (float)e->text_chars : 0.0f;
}

static float final_score(const html_elem *e)
{
    return e->score * (1.0f - link_density(e));
}

/* Prose characters (text outside links) of the blocks before each block,
 * n_blocks + 1 entries: the prose between two blocks is a difference of
 * two entries. NULL when out of memory. */
static uint32_t *prose_before(const sl_doc *doc)
{
    uint32_t *before = malloc((doc->n_blocks + 1) * sizeof *before);
    if (!before)
        return NULL;
    uint32_t sum = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        before[i] = sum;
        const sl_html_features *f = doc->blocks[i].html;
        if (f)
            sum += f->text_chars - f->link_chars;
    }
    before[doc->n_blocks] = sum;
    return before;
}

/* Prose characters between the title block and the nearest block that
 * voted for e; 0 when e's voters surround the title. */
static uint32_t title_distance(const html_elem *e, uint32_t title,
                               const uint32_t *before)
{
    if (e->first_vote > title)
        return before[e->first_vote] - before[title + 1];
    if (e->last_vote < title)
        return before[title] - before[e->last_vote + 1];
    return 0;
}

/* Every candidate's distance from the title and rank: its final score,
 * shrunk the further its text lies from the title (the article follows
 * its headline; a cookie notice or a feed of other stories lies a whole
 * article away). */
static void rank_candidates(const sl_doc *doc, html_page *page,
                            const uint32_t *before)
{
    uint32_t title = (uint32_t)page->title_block;
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        if (!e->candidate)
            continue;
        e->title_dist = title_distance(e, title, before);
        float x = (float)e->title_dist / TITLE_REACH;
        e->rank = final_score(e) / (1.0f + x * x);
    }
    page->work += page->n_elems + doc->n_blocks;
}

static float key(const html_elem *e, int by_rank)
{
    return by_rank ? e->rank : final_score(e);
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

/* Elements are numbered in document order, so a subtree is the run of
 * indices from its root to its last element. */
static int is_ancestor(const html_page *page, uint32_t ancestor, uint32_t e)
{
    return ancestor < e && e <= page->elems[ancestor].last;
}

/* Marks teasers: an element holding one linked heading (half its text
 * or more in links) and little prose, whose parent holds others: an item
 * of a feed of other pages. Their blocks do not vote, so a short article
 * is not outvoted by the feed under it. Linked headings are counted per
 * subtree in one backward pass (children follow their parents); the walk
 * up from each heading only crosses elements holding that heading alone,
 * so the whole stays linear. */
/* Whether block i is a linked headline: a heading (not the title) whose
 * text is half or more in links. */
static int is_headline(const html_page *page, const sl_doc *doc, size_t i)
{
    const sl_block *b = &doc->blocks[i];
    const sl_html_features *f = b->html;
    if (!f || (long)i == page->title_block)
        return 0;
    return b->kind == SL_BLOCK_HEADING && f->text_chars >= HEADLINE_MIN_CHARS &&
           f->link_chars * 2 >= f->text_chars;
}

static void mark_teasers(const sl_doc *doc, html_page *page)
{
    for (size_t i = 0; i < page->n_elems; i++) {
        page->elems[i].headlines = 0;
        page->elems[i].teaser = 0;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (is_headline(page, doc, i))
            page->elems[page->block_owner[i]].headlines++;
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX)
            page->elems[p].headlines += page->elems[i].headlines;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (!is_headline(page, doc, i))
            continue;
        uint32_t e = page->block_owner[i];
        if (page->elems[e].headlines != 1)
            continue;
        uint32_t p = page->elems[e].parent;
        while (p != UINT32_MAX && page->elems[p].headlines == 1) {
            e = p;
            p = page->elems[e].parent;
            page->work++;
        }
        const html_elem *t = &page->elems[e];
        uint32_t prose = t->text_chars - t->link_chars;
        /* the item that holds the title is the article's */
        int titled =
            page->title_block >= 0 &&
            (size_t)page->title_block < doc->n_blocks &&
            (page->block_owner[page->title_block] == e ||
             is_ancestor(page, e, page->block_owner[page->title_block]));
        if (p != UINT32_MAX && prose < TEASER_MAX_PROSE && !titled)
            page->elems[e].teaser = 1;
    }
    for (size_t i = 1; i < page->n_elems; i++) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX && page->elems[p].teaser)
            page->elems[i].teaser = 1;
    }
    page->work += 3 * page->n_elems + 2 * doc->n_blocks;
}

/* Fills children and last of every element: one pass each way. */
static void index_tree(html_page *page)
{
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        e->children = 0;
        e->last = (uint32_t)i;
        if (e->parent != UINT32_MAX)
            page->elems[e->parent].children++;
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        html_elem *e = &page->elems[i];
        if (e->parent != UINT32_MAX && page->elems[e->parent].last < e->last)
            page->elems[e->parent].last = e->last;
    }
    page->work += 2 * page->n_elems;
}

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
static uint32_t pick_top(html_page *page, int by_rank, uint32_t *best_out)
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
static void join_alike_parts(const sl_doc *doc, html_page *page, uint32_t top,
                             float threshold, float best)
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
 * (join_alike_parts), so only the nearest ones on either side join,
 * one after another: an unnamed box further off (a sidebar's story, a
 * teaser) stays out, and one with text of another build stops the walk. */
static void join_unnamed_parts(html_page *page, uint32_t top, float threshold,
                               float best)
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
static uint32_t entry_of(html_page *page, const sl_doc *doc, uint32_t top)
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
static void join_entries(html_page *page, uint32_t entry)
{
    uint32_t parent = page->elems[entry].parent;
    for (uint32_t i = parent + 1; i <= page->elems[parent].last; i++) {
        html_elem *s = &page->elems[i];
        page->work++;
        if (s->parent == parent && s->sig == page->elems[entry].sig)
            s->main = 1;
    }
}

/* A box of written items (a factbox, a list of questions): a comma or
 * sentence end per item, few links, and lines of text rather than a
 * column of short labels (a post's tool bar, a menu). */
static int is_written_box(const html_elem *e, float ld)
{
    return e->punct >= e->items && ld <= WRITTEN_BOX_MAX_LINKS &&
           e->text_chars >= BOX_LINE_CHARS * e->blocks;
}

/* Readability's "clean conditionally", for a container inside the main
 * content: negative names, or little prose (few commas) with more list
 * items than paragraphs (unless the items are written), hardly any text,
 * or many links (unless it is a written list). */
static int is_weak_container(const html_elem *e)
{
    if (e->tag != TAG_DIV && e->tag != TAG_UL && e->tag != TAG_TABLE &&
        e->tag != TAG_SECTION && e->tag != TAG_FORM && e->tag != TAG_OTHER)
        return 0;
    if (e->text_chars == 0)
        return 0;
    int weight = e->class_weight;
    if (weight + (e->candidate ? (int)e->score : 0) < -5)
        return 1;
    if (e->punct >= 10)
        return 0;
    float ld = link_density(e);
    /* a table's items lie in its cells' lists (a layout table's menu
     * beside the article's cell), which are judged on their own */
    if (e->tag != TAG_UL && e->tag != TAG_TABLE &&
        e->items > e->paragraphs + 1 && !is_written_box(e, ld))
        return 1;
    /* readability spares lists: a written one (a comma or sentence end
     * per three items), at most half links, is the article's */
    int written_list =
        e->tag == TAG_UL && e->punct * 3 >= e->items && ld <= 0.5f;
    if (!written_list && e->text_chars < 25 && e->blocks > 0 && ld > 0.0f)
        return 1;
    if (!written_list && weight < 25 && ld > 0.3f)
        return 1;
    if (weight >= 25 && ld > 0.5f)
        return 1;
    return 0;
}

/* Turns per-element counts of its own blocks into subtree counts: each
 * element's count added to its parent's, children after their parent
 * in document order, so one backward pass. */
static void add_to_ancestors(const html_page *page, uint32_t *n)
{
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t parent = page->elems[i].parent;
        if (parent != UINT32_MAX)
            n[parent] += n[i];
    }
}

/* Per element, its blocks that are more than a line of text: table
 * rows, list items, code, quotes, captions. NULL when out of memory. */
static uint32_t *structured_blocks(const sl_doc *doc, const html_page *page)
{
    uint32_t *n = calloc(page->n_elems ? page->n_elems : 1, sizeof *n);
    if (!n)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block_kind k = doc->blocks[i].kind;
        if (doc->blocks[i].html && k != SL_BLOCK_PARAGRAPH &&
            k != SL_BLOCK_HEADING)
            n[page->block_owner[i]]++;
    }
    add_to_ancestors(page, n);
    return n;
}

/* A box of bare lines embedded in an article written in paragraphs: no
 * <p>, no table row, list item or other structured block, four lines or
 * more and fewer commas and sentence ends than lines, in a parent that
 * holds no <p> either (a gallery's or a player's controls and labels:
 * "1 of 24", "Full Screen", "Autoplay"). Lines among the text's own
 * paragraphs are a passage written a phrase per line. */
static int is_box_of_labels(const html_elem *e, const html_elem *parent,
                            uint32_t structured, const html_elem *top)
{
    return top->paragraphs * 2 >= top->blocks && e->paragraphs == 0 &&
           parent->paragraphs == 0 && structured == 0 && e->blocks >= 4 &&
           e->punct < e->blocks;
}

/* A chart's labels embedded in an article written in paragraphs: eight
 * lines or more, no table row, list item or other structured block,
 * under CHART_LABEL_CHARS characters a line on average and hardly a
 * comma or sentence end (one per four lines): axis ticks, values and
 * years set as paragraphs at absolute positions ("$915", "billion",
 * "'17"). A poem's or a lyric's lines are longer. */
static int is_chart_labels(const html_elem *e, uint32_t structured,
                           uint32_t numbered, const html_elem *top)
{
    return top->paragraphs * 2 >= top->blocks && structured == 0 &&
           e->blocks >= CHART_MIN_LABELS && numbered * 2 >= e->blocks &&
           e->text_chars < CHART_LABEL_CHARS * e->blocks &&
           e->punct * 4 < e->blocks;
}

/* Whether a block's text holds an ASCII digit. */
static int has_digit(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    }
    return 0;
}

/* Per element, its blocks whose text holds a digit (subtree counts).
 * NULL when out of memory. */
static uint32_t *numbered_blocks(const sl_doc *doc, const html_page *page)
{
    uint32_t *n = calloc(page->n_elems ? page->n_elems : 1, sizeof *n);
    if (!n)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->html && has_digit(b->text, b->len))
            n[page->block_owner[i]]++;
    }
    add_to_ancestors(page, n);
    return n;
}

/* Whether e holds most of the main content's prose, written (commas
 * and sentence ends): the text itself, whatever its name says (a post's
 * body in a "topic-base-header"). */
static int holds_the_text(const html_elem *e, const html_elem *top)
{
    uint32_t prose = e->text_chars - e->link_chars;
    uint32_t all = top->text_chars - top->link_chars;
    return prose * 2 > all && e->punct >= 3;
}

/* Spreads "unlikely" from chrome-named elements to their subtrees, except
 * from an element that holds most of the page's text (a page wrapped in
 * <div class="sidebar-layout">). */
static void spread_unlikely(html_page *page)
{
    uint32_t total = page->n_elems ? page->elems[0].text_chars : 0;
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        int own = e->own_unlikely && e->text_chars * 2 < total;
        e->unlikely =
            own || (e->parent != UINT32_MAX && page->elems[e->parent].unlikely);
    }
}

/* The paragraph score of text_chars characters, link_chars of them in
 * links, holding punct commas and sentence ends. */
static float paragraph_score(uint32_t text_chars, uint32_t link_chars,
                             uint32_t punct)
{
    float score = 1.0f + (float)punct;
    uint32_t whole_hundreds = text_chars / 100;
    float hundreds = (float)whole_hundreds;
    score += hundreds < 3.0f ? hundreds : 3.0f;
    return score * (1.0f - (float)link_chars / (float)text_chars);
}

static void vote_up(html_page *page, uint32_t elem, float score, uint32_t block)
{
    for (int level = 0; level < ANCESTOR_LEVELS && elem != UINT32_MAX;
         level++) {
        vote(page, elem, score, level, block);
        elem = page->elems[elem].parent;
    }
}

/* A div with no class or id holding one block and nothing else built
 * as a block: a paragraph written as <div>, which votes as a <p> does. */
static int is_bare_paragraph(const html_elem *e)
{
    return e->tag == TAG_DIV && !e->label && e->blocks == 1 &&
           e->children == 0 && e->parent != UINT32_MAX;
}

/* The element a block's vote goes to first: its owner, or the owner's
 * parent for a paragraph, list item, heading or cell. */
static uint32_t vote_target(const html_page *page, size_t i)
{
    uint32_t elem = page->block_owner[i];
    if (starts_at_parent(page->elems[elem].tag) ||
        is_bare_paragraph(&page->elems[elem]))
        elem = page->elems[elem].parent;
    return elem;
}

/* Short lines in a row under one element, none of them in links: a text
 * written a phrase per line (a blog post centred line by line), which
 * votes as one paragraph. */
typedef struct {
    uint32_t target, first, lines, chars, punct;
} line_run;

static size_t flush_line_run(html_page *page, line_run *run)
{
    size_t votes = 0;
    if (run->lines >= MIN_RUN_LINES && run->chars >= MIN_BLOCK_CHARS) {
        vote_up(page, run->target, paragraph_score(run->chars, 0, run->punct),
                run->first);
        votes = 1;
    }
    run->lines = 0;
    return votes;
}

/* The element a short line votes for in a run: a div with no class or
 * id holding the line alone (a text written a phrase per <div>) stands
 * where a <p> would, so the run goes to its parent. A named div is not
 * taken: a forum's short lines each in a div of their own name (a
 * post's labels and counts) would then outvote its posts. */
static uint32_t line_target(const html_page *page, uint32_t target)
{
    const html_elem *e = &page->elems[target];
    if (e->tag == TAG_DIV && !e->label && e->blocks == 1 &&
        e->parent != UINT32_MAX)
        return e->parent;
    return target;
}

/* Every block with some text votes for its containers; with skip_unlikely,
 * blocks inside chrome-named elements do not. Returns the votes cast. */
static size_t vote_blocks(const sl_doc *doc, html_page *page, int skip_unlikely)
{
    size_t votes = 0;
    line_run run = {0};
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || b->html->text_chars == 0)
            continue;
        uint32_t owner = page->block_owner[i];
        int silent = b->kind == SL_BLOCK_HEADING ||
                     (skip_unlikely && page->elems[owner].unlikely) ||
                     page->elems[owner].teaser;
        uint32_t target = vote_target(page, i);
        if (!silent && b->html->text_chars < MIN_BLOCK_CHARS &&
            b->html->link_chars == 0) {
            target = line_target(page, target);
            if (run.lines > 0 && run.target != target)
                votes += flush_line_run(page, &run);
            if (run.lines == 0) {
                run.target = target;
                run.first = (uint32_t)i;
                run.chars = run.punct = 0;
            }
            run.lines++;
            run.chars += b->html->text_chars;
            run.punct += page->block_punct[i];
            continue;
        }
        votes += flush_line_run(page, &run);
        if (silent || b->html->text_chars < MIN_BLOCK_CHARS)
            continue;
        vote_up(page, target,
                paragraph_score(b->html->text_chars, b->html->link_chars,
                                page->block_punct[i]),
                (uint32_t)i);
        votes++;
    }
    votes += flush_line_run(page, &run);
    return votes;
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
static uint32_t before_next_article(const sl_doc *doc, html_page *page,
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
static uint32_t into_the_main_element(html_page *page, uint32_t top)
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

/* A column beside the title's container: a sibling subtree of one of the
 * title's ancestors that holds no title and is a list of mostly linked
 * items (other threads' titles, recent activity, a widget's links). It is
 * a sidebar whatever its tag: its subtree is unlikely, even when it
 * holds most of the page's text (a short question beside long lists of
 * other questions). The columns of the title's ancestors are disjoint, so
 * this is one pass over the elements at most. */
static int is_side_column(const html_elem *e)
{
    return e->items >= SIDE_COLUMN_ITEMS && e->link_chars * 2 >= e->text_chars;
}

static void mark_side_columns(const sl_doc *doc, html_page *page)
{
    if (page->title_block < 0 || (size_t)page->title_block >= doc->n_blocks)
        return;
    uint32_t inner = page->block_owner[page->title_block];
    for (uint32_t a = page->elems[inner].parent; a != UINT32_MAX;
         inner = a, a = page->elems[a].parent) {
        const html_elem *side = &page->elems[inner];
        if (side->text_chars - side->link_chars < SIDE_TITLE_PROSE ||
            side->punct < SIDE_TITLE_PUNCT)
            continue;
        for (uint32_t c = a + 1; c <= page->elems[a].last;
             c = page->elems[c].last + 1) {
            page->work++;
            if (c == inner || !is_side_column(&page->elems[c]))
                continue;
            for (uint32_t d = c; d <= page->elems[c].last; d++)
                page->elems[d].unlikely = 1;
            page->work += page->elems[c].last - c;
        }
    }
}

/* A sponsored line (SL_HINT_SPONSORED: three quarters of it or more in
 * links marked rel="sponsored") is an ad, not the page's text: its
 * characters and links leave the counts of its element and of every
 * ancestor, so an affiliate line under a short text (a video's
 * description) does not weigh that text down as a column of links
 * would. One pass over the blocks, one back over the elements. */
static void discount_sponsored_lines(const sl_doc *doc, html_page *page)
{
    uint32_t *text = NULL, *links = NULL;
    size_t n = page->n_elems ? page->n_elems : 1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (!f || !(f->hints & SL_HINT_SPONSORED))
            continue;
        if (!text) {
            text = calloc(n, sizeof *text);
            links = calloc(n, sizeof *links);
            if (!text || !links)
                break;
        }
        text[page->block_owner[i]] += f->text_chars;
        links[page->block_owner[i]] += f->link_chars;
    }
    page->work += doc->n_blocks;
    if (text && links) {
        add_to_ancestors(page, text);
        add_to_ancestors(page, links);
        for (size_t i = 0; i < page->n_elems; i++) {
            html_elem *e = &page->elems[i];
            e->text_chars -= text[i] < e->text_chars ? text[i] : e->text_chars;
            e->link_chars -=
                links[i] < e->link_chars ? links[i] : e->link_chars;
        }
        page->work += 2 * page->n_elems;
    }
    free(text);
    free(links);
}

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

void html_mark_main(sl_doc *doc, html_page *page)
{
    page->main_end = doc->n_blocks;
    index_tree(page);
    mark_teasers(doc, page);
    spread_unlikely(page);
    mark_side_columns(doc, page);
    discount_sponsored_lines(doc, page);
    uint32_t *before = NULL;
    if (page->title_block >= 0 && (size_t)page->title_block < doc->n_blocks)
        before = prose_before(doc);
    if (vote_blocks(doc, page, 1) == 0)
        vote_blocks(doc, page, 0);
    int titled = before != NULL;
    if (titled)
        rank_candidates(doc, page, before);
    uint32_t first_best = UINT32_MAX;
    uint32_t top = pick_top(page, 0, &first_best);
    uint32_t far =
        titled && top != UINT32_MAX ? far_judge(page, top, first_best) : top;
    int switched = 0;
    /* far from the title, the best container is likely some other text
     * (a cookie notice, a feed): the best one near the title instead */
    if (titled && top != UINT32_MAX &&
        page->elems[far].title_dist > TITLE_FAR) {
        uint32_t near = pick_top(page, 1, NULL);
        if (near != UINT32_MAX &&
            page->elems[near].title_dist < page->elems[far].title_dist) {
            top = near;
            switched = 1; /* siblings join by rank too */
        }
    }
    if (titled && top != UINT32_MAX)
        top = before_next_article(doc, page, top, before);
    free(before);
    if (top == UINT32_MAX)
        return;
    /* the page's microdata says which element holds the article: a best
     * container inside it (an inline gallery of fifty captioned slides
     * within the article's text) gives way to it */
    if (page->article_bodies == 1 && is_ancestor(page, page->article_body, top))
        top = page->article_body;
    top = into_the_main_element(page, top);
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
    join_alike_parts(doc, page, top, threshold, best);
    join_unnamed_parts(page, top, threshold, best);
    uint32_t entry = entry_of(page, doc, top);
    if (entry != UINT32_MAX)
        join_entries(page, entry);
    /* parents come before children: one pass spreads "inside main" and
     * "inside a weak container" */
    uint32_t *structured = structured_blocks(doc, page);
    uint32_t *numbered = numbered_blocks(doc, page);
    for (size_t i = 0; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        if (e->parent == UINT32_MAX)
            continue;
        const html_elem *p = &page->elems[e->parent];
        if (!e->main && p->main) {
            e->main = 1;
            int weak = is_weak_container(e) ||
                       (structured && is_box_of_labels(e, p, structured[i],
                                                       &page->elems[top])) ||
                       (structured && numbered &&
                        is_chart_labels(e, structured[i], numbered[i],
                                        &page->elems[top]));
            e->weak =
                p->weak || (weak && !holds_the_text(e, &page->elems[top]));
        }
    }
    free(structured);
    free(numbered);
    page->work += page->n_elems + doc->n_blocks;
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
