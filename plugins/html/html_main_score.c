/* plugins/html/html_main_score.c - the vote of the main-content finder,
 * the way readability scores: every paragraph-like block with some text
 * (short lines in a row count as one) adds a score (one point, one per
 * comma or sentence end, one per 100 characters up to three) to its
 * container and, divided, to the container's ancestors; containers start
 * from a weight taken from their tag and class/id names. Then every
 * candidate's rank: its final score shrunk by its distance from the
 * title.
 */
#include "html_main_internal.h"

#include <stdlib.h>

enum {
    MIN_BLOCK_CHARS = 20, /* shorter blocks do not vote */
    MIN_RUN_LINES = 3,    /* ... unless this many in a row make a text */
    FORM_MAX_PROSE = 300, /* a form's prompts and labels, not a page in one */
    ANCESTOR_LEVELS = 5
};

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

/* Prose characters (text outside links) of the blocks before each block,
 * n_blocks + 1 entries: the prose between two blocks is a difference of
 * two entries. NULL when out of memory. */
uint32_t *html_main_prose_before(const sl_doc *doc)
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
void html_main_rank_candidates(const sl_doc *doc, html_page *page,
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

/* Per element, whether it lies in a small <form> (less than
 * FORM_MAX_PROSE characters of prose): a reply box's prompt ("讨论应以学
 * 习和精进为目的。请勿发布不友善..."), a report dialog's note, a search
 * or login form's labels: their blocks do not vote. A site built as one
 * form around the whole page holds more. One pass, parents first; NULL
 * when out of memory. */
static uint8_t *small_forms(const html_page *page)
{
    uint8_t *in = calloc(page->n_elems ? page->n_elems : 1, 1);
    if (!in)
        return NULL;
    for (size_t i = 0; i < page->n_elems; i++) {
        const html_elem *e = &page->elems[i];
        if (e->tag == TAG_FORM &&
            e->text_chars - e->link_chars < FORM_MAX_PROSE)
            in[i] = 1;
        else if (e->parent != UINT32_MAX && e->parent < i)
            in[i] = in[e->parent];
    }
    return in;
}

/* Every block with some text votes for its containers; with skip_unlikely,
 * blocks inside chrome-named elements do not. Returns the votes cast. */
size_t html_main_vote_blocks(const sl_doc *doc, html_page *page,
                             int skip_unlikely)
{
    size_t votes = 0;
    line_run run = {0};
    /* a form's prompts and labels are no text */
    uint8_t *in_form = small_forms(page);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || b->html->text_chars == 0)
            continue;
        uint32_t owner = page->block_owner[i];
        int silent = b->kind == SL_BLOCK_HEADING ||
                     (skip_unlikely && page->elems[owner].unlikely) ||
                     page->elems[owner].teaser || (in_form && in_form[owner]);
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
    free(in_form);
    return votes;
}
