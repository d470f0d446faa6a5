/* plugins/html/html_pagetype_single.c - a thread of one post, on a page
 * that says it is a discussion but shows no group of posts: the post
 * starts at the thread's headline (the main content is sought after it
 * when the finder found it wholly above), and its time, author and
 * counter lines become post metadata.
 */
#include "html_pagetype_internal.h"

#include <stdlib.h>
#include <string.h>

/* On a thread whose main content the finder found wholly above the
 * headline (a forum's announcement box), the post is the best-scoring
 * container whose text starts after the headline: its blocks become the
 * main content. Returns 1 when one was found, 0 when none, -1 when out of
 * memory. One pass over the blocks (each element is given its first
 * block once) and one over the elements. */
static int main_after_headline(sl_doc *doc, const html_page *page, size_t h1)
{
    size_t n = page->n_elems;
    uint32_t *first = malloc((n ? n : 1) * sizeof *first);
    if (!first)
        return -1;
    for (size_t i = 0; i < n; i++)
        first[i] = UINT32_MAX;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        uint32_t e = page->block_owner[i];
        for (uint32_t a = e; a < n && first[a] == UINT32_MAX;
             a = page->elems[a].parent)
            first[a] = (uint32_t)i;
    }
    uint32_t best = UINT32_MAX;
    float best_score = 0.0f;
    for (size_t i = 0; i < n; i++) {
        const html_elem *e = &page->elems[i];
        float score =
            e->score *
            (1.0f - (e->text_chars ? (float)e->link_chars / (float)e->text_chars
                                   : 0.0f));
        if (e->candidate && !e->unlikely && first[i] != UINT32_MAX &&
            first[i] > h1 && score > best_score) {
            best_score = score;
            best = (uint32_t)i;
        }
    }
    free(first);
    if (best == UINT32_MAX)
        return 0;
    for (size_t i = h1 + 1; i < doc->n_blocks; i++) {
        if (!doc->blocks[i].html ||
            !in_subtree(page, best, page->block_owner[i]))
            continue;
        sl_html_features *f = html_features_to_edit(doc, i);
        if (!f)
            return -1;
        f->hints |= SL_HINT_MAIN;
        f->hints &= ~(uint32_t)SL_HINT_WEAK_CONTAINER;
    }
    return 1;
}

/* The first block of the main content found (n_blocks when none). */
static size_t first_main_block(const sl_doc *doc)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_MAIN))
            return i;
    }
    return doc->n_blocks;
}

/* Whether, with no headline before it, a post opens on header lines: a
 * time line ("2020.03.11 10:51发布于知产资料") comes in the main content
 * found from block from on before its first line of prose or paragraph.
 * Then a subject, the poster's name and counters are post metadata as
 * under a headline; without one a short opening line right above the
 * text ("Hi Guys") is the poster's. */
static int opens_on_header(const sl_doc *doc, const html_page *page,
                           size_t from)
{
    for (size_t i = from; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        const sl_html_features *f = b->html;
        if (!f || !(f->hints & SL_HINT_MAIN))
            continue;
        uint32_t punct = page->block_punct[i];
        if (is_time_line(b, punct))
            return 1;
        if (is_prose_line(b, punct) || (f->tag && strcmp(f->tag, "p") == 0))
            return 0;
    }
    return 0;
}

/* A thread of one post (no group of posts on a page that says it is a
 * discussion): the thread starts at its headline (the block carrying the
 * title, else the first h1), so main-content blocks before it
 * (announcements, the forum's rules) leave. After it, the post's time
 * lines ("mariorojas - 2 years ago", "Last edit: 4 weeks ago by ...")
 * and, before its first line of prose, its author and counters are post
 * metadata; where no line of prose stands outside weak containers, the
 * paragraphs (<p>) are what the poster wrote, however short ("商标的资料"
 * over an attachment), and no weak container takes them. */
int single_post(sl_doc *doc, const html_page *page)
{
    size_t h1 = page->title_block >= 0 ? (size_t)page->title_block
                : page->first_h1 >= 0  ? (size_t)page->first_h1
                                       : doc->n_blocks;
    int after_main = 0; /* the headline or a main block after it */
    for (size_t i = h1; i < doc->n_blocks && !after_main; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        after_main = f && (f->hints & SL_HINT_MAIN);
    }
    if (!after_main && h1 < doc->n_blocks) {
        int found = main_after_headline(doc, page, h1);
        if (found <= 0)
            return found;
    }
    /* a page with no headline (no title, no h1): the thread starts at
     * the main content's first block, which is then read as a line of
     * the post */
    int headed = h1 < doc->n_blocks;
    size_t from = h1 + 1;
    int header = 1; /* the post may open on header lines */
    if (!headed) {
        from = first_main_block(doc);
        if (from >= doc->n_blocks)
            return 0;
        header = opens_on_header(doc, page, from);
    }
    /* whether a line of prose after the headline stands outside weak
     * containers */
    int prose_kept = 0;
    for (size_t i = from; i < doc->n_blocks && !prose_kept; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        prose_kept = f && (f->hints & SL_HINT_MAIN) &&
                     !(f->hints & SL_HINT_WEAK_CONTAINER) &&
                     is_prose_line(&doc->blocks[i], page->block_punct[i]) &&
                     !is_time_line(&doc->blocks[i], page->block_punct[i]);
    }
    int in_prose = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        const sl_html_features *f = b->html;
        if (!f || i == h1 || (i < from && !(f->hints & SL_HINT_MAIN)))
            continue;
        uint32_t punct = page->block_punct[i];
        int paragraph = f->tag && strcmp(f->tag, "p") == 0;
        int timed = is_time_line(b, punct);
        int meta =
            timed || (!in_prose && !paragraph && header &&
                      b->kind == SL_BLOCK_PARAGRAPH && is_post_meta(b, punct));
        /* outside the main content, only the poster's lines between the
         * headline and the post are marked (smoothing would keep them
         * between the two) */
        if (i >= from && !(f->hints & SL_HINT_MAIN) && (in_prose || !meta))
            continue;
        sl_html_features *own = html_features_to_edit(doc, i);
        if (!own)
            return -1;
        if (i < from) {
            own->hints &= ~(uint32_t)SL_HINT_MAIN;
            continue;
        }
        /* the post's text starts at a written line of its own, not at
         * a heading (a copy of the title), a linked teaser or a line of
         * a weak box above it */
        if (meta)
            own->hints |= SL_HINT_POST_META;
        else if ((is_prose_line(b, punct) || paragraph) &&
                 b->kind != SL_BLOCK_HEADING && link_share(f) < 0.5f &&
                 !(f->hints & SL_HINT_WEAK_CONTAINER))
            in_prose = 1;
        if (paragraph && !prose_kept)
            own->hints &= ~(uint32_t)SL_HINT_WEAK_CONTAINER;
    }
    return 0;
}
