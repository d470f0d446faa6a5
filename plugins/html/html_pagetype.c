/* plugins/html/html_pagetype.c - the page type's decision: tells an
 * article from a forum thread, a comment list, a Q&A page and a list page
 * by the page's structure, and moves the main content accordingly.
 *
 * Posts are found as a group of sibling elements that look alike (same
 * tag and first class token, or the same numbered id) and that mostly
 * carry a time (a <time> element or a short date-like block): the group
 * holding the most prose wins. When its prose outweighs the prose of the
 * main content found outside it (html_main.c), the page is forum-like:
 * every post is content, its body kept and its author and time lines
 * marked as post metadata, and the lead before the first post (a question,
 * the title) stays. Otherwise the group is a comment list of an article and
 * leaves the main content. schema.org microdata and JSON-LD name the type
 * where a page gives it. All passes are linear in the number of elements
 * and blocks.
 *
 * This file weighs the group against the rest of the page and settles
 * feeds of other pages' teasers; the steps live beside it:
 * html_pagetype_signals.c (what the markup and address say),
 * html_pagetype_groups.c (finding the group of posts),
 * html_pagetype_layout.c (each element's post, body and signature),
 * html_pagetype_post_lines.c (a post's author, time and rank lines),
 * html_pagetype_mark.c (the hints and metadata.posts),
 * html_pagetype_list.c (list pages) and html_pagetype_single.c (a thread
 * of one post). html_pagetype_internal.h holds what they share.
 */
#include "html_pagetype_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the headline's element lies, outside the group's items, in a
 * child of the group's parent that holds a text of its own
 * (ARTICLE_LEAD_PROSE characters of prose or more): a page column beside
 * the group, as a main column is beside two sidebars, not a thread's
 * header above its posts. */
static int column_beside(const html_page *page, const group *g,
                         uint32_t headline)
{
    if (!in_subtree(page, g->parent, headline) || headline == g->parent)
        return 0;
    uint32_t child = headline;
    while (page->elems[child].parent != g->parent)
        child = page->elems[child].parent;
    const html_elem *c = &page->elems[child];
    return c->text_chars - c->link_chars >= ARTICLE_LEAD_PROSE;
}

/* The feeds best_group set aside (timed items led by links to other
 * pages): beside a thread's posts or written text of the page's own (500
 * characters of prose in sentences outside them), they are other pages'
 * teasers and their
 * blocks leave the main content as related links; otherwise the feed is
 * what the page shows (a forum's search results) and *at becomes it when
 * it holds more than the group chosen. One pass over the elements,
 * parents first, and two over the blocks. Returns 0 or -1. */
static int settle_feeds(sl_doc *doc, const html_page *page, const uint32_t *gp,
                        const group *table, size_t size, long feed_at, long *at,
                        int main_found)
{
    if (feed_at < 0)
        return 0;
    uint8_t *in_feed = calloc(page->n_elems, 1);
    if (!in_feed)
        return -1;
    for (size_t i = 1; i < page->n_elems; i++) {
        const html_elem *e = &page->elems[i];
        if (e->parent != UINT32_MAX && in_feed[e->parent]) {
            in_feed[i] = 1;
            continue;
        }
        if (!may_be_post(e, table[feed_at].rows) || gp[i] == UINT32_MAX ||
            is_wrapper(page, gp, i))
            continue;
        const group *g = &table[group_slot(table, size, gp[i], e->sig)];
        in_feed[i] = g->used && g->feed;
    }
    uint64_t written = 0; /* prose in sentences outside the feeds */
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && !in_feed[page->block_owner[i]] && page->block_punct[i] > 0 &&
            f->link_chars * 2 < f->text_chars)
            written += f->text_chars - f->link_chars;
    }
    /* beside a thread's own posts, a feed is other pages' too */
    int beside_posts = *at >= 0 && table[*at].prose >= MIN_LEAD_PROSE;
    int rc = 0;
    if (written < ARTICLE_LEAD_PROSE && !beside_posts) {
        const group *f = &table[feed_at];
        const group *g = *at >= 0 ? &table[*at] : NULL;
        if (!g ||
            f->prose - f->prose / f->items > g->prose - g->prose / g->items)
            *at = feed_at;
    } else if (main_found) {
        for (size_t i = 0; i < doc->n_blocks && rc == 0; i++) {
            if (!doc->blocks[i].html || !in_feed[page->block_owner[i]])
                continue;
            sl_html_features *f = html_features_to_edit(doc, i);
            if (!f) {
                rc = -1;
                break;
            }
            f->hints &= ~(uint32_t)SL_HINT_MAIN;
            f->hints |= SL_HINT_RELATED;
        }
    }
    free(in_feed);
    return rc;
}

/* No group of posts: a list page's index of entries, a thread of one
 * post on a page that says it is a discussion, or an article. Sets
 * *type (and region); returns 0 or -1. */
static int no_group(sl_doc *doc, const html_page *page, const uint32_t *gp,
                    const group *table, size_t size, int declared,
                    int main_found, const char **type, char *region,
                    size_t region_size)
{
    uint64_t main_prose = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_MAIN))
            main_prose += f->text_chars - f->link_chars;
    }
    long list = find_list(page, table, size, main_prose);
    if (list >= 0) {
        *type = "list";
        const group *lg = &table[list];
        /* beside an article's own text (a blog's archive of post
         * titles, a menu) a list is chrome, however long */
        int marked = main_found && main_prose < ARTICLE_LEAD_PROSE
                         ? mark_list(doc, page, gp, lg)
                         : 0;
        if (marked < 0)
            return -1;
        if (marked)
            snprintf(region, region_size, "main content and %u x %s",
                     lg->members, tag_label(page, lg->first));
    } else if (declared && main_found) {
        /* a thread of one post is still a thread */
        *type = contains(doc->raw, doc->raw_len, "QAPage") ? "qa" : "forum";
        return single_post(doc, page) < 0 ? -1 : 0;
    }
    return 0;
}

/* Whether the group's items are the continuous parts of one article:
 * two or three items under the page's headline (its first h1, before the
 * first item), each after the first opening straight on a line of prose
 * that the main content found holds: no heading, no author or time line
 * first. So an article cut around an ad slot reads, where a thread's
 * reply opens with its poster's name or time, and a later item whose
 * opening the main content left out is no continuation of it.
 * first_block: the first block in an item. */
static int continued_parts(const sl_doc *doc, const html_page *page,
                           const layout *l, uint32_t n_items,
                           size_t first_block)
{
    if (n_items < 2 || n_items > 3 || l->twins > 0 || page->first_h1 < 0 ||
        (size_t)page->first_h1 >= first_block)
        return 0;
    uint32_t current = UINT32_MAX, seen = 0;
    int opened = 0; /* the current item's first line of prose was read */
    for (size_t i = first_block; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        uint32_t it = l->item_of[page->block_owner[i]];
        if (!f || it == UINT32_MAX || f->text_chars == 0)
            continue;
        if (it != current) {
            current = it;
            opened = 0;
            if (++seen > n_items)
                return 0;
        }
        if (opened || seen == 1)
            continue;
        uint32_t punct = page->block_punct[i];
        const char *tag = f->tag;
        if (tag && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2])
            return 0;
        const sl_block *b = &doc->blocks[i];
        if (is_time_line(b, punct) || (f->text_chars <= POST_LINE_MAX_CHARS &&
                                       html_looks_like_time(b->text, b->len)))
            return 0; /* a date written with commas is a time too */
        if (!is_prose_line(b, punct) || !(f->hints & SL_HINT_MAIN))
            return 0; /* an author's name, or a text the article left */
        opened = 1;
    }
    return seen >= 2;
}

/* A block of written text: a sentence end or comma in it and less than
 * half of it in links (not a menu's line, a form's label or a heading of
 * chrome). */
static int written_block(const sl_html_features *f, uint32_t punct)
{
    return punct > 0 && f->link_chars * 2 < f->text_chars;
}

/* Whether a block of the main content lies in an item of the group. */
static int holds_main(const sl_doc *doc, const html_page *page, const layout *l)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_MAIN) &&
            l->item_of[page->block_owner[i]] != UINT32_MAX)
            return 1;
    }
    return 0;
}

int html_page_type(sl_doc *doc, html_page *page, html_comments_mode mode)
{
    if (page->n_elems < 2 || doc->n_blocks == 0)
        return set_string(doc->meta, "page_type", "article");
    size_t size = 64;
    while (size < page->n_elems * 2)
        size *= 2;
    group *table = calloc(size, sizeof *table);
    if (!table)
        return -1;
    int declared = contains(doc->raw, doc->raw_len, "DiscussionForumPosting") ||
                   contains(doc->raw, doc->raw_len, "QAPage") ||
                   url_says_forum(doc);
    uint32_t *gp = group_parents(page);
    if (!gp) {
        free(table);
        return -1;
    }
    uint8_t *led = led_by_link(doc, page);
    if (!led) {
        free(table);
        free(gp);
        return -1;
    }
    long feed_at = -1;
    int untimed = 0;
    long at =
        best_group(page, gp, table, size, declared, led, &feed_at, &untimed);
    free(led);
    int main_found = doc->blocks[0].html &&
                     (doc->blocks[0].html->hints & SL_HINT_MAIN_FOUND);
    layout l = {0};
    const char *type = "article";
    char region[160] = "";
    int rc = 0;
    if (settle_feeds(doc, page, gp, table, size, feed_at, &at, main_found) <
        0) {
        rc = -1;
        goto done;
    }
    if (at < 0) {
        rc = no_group(doc, page, gp, table, size, declared, main_found, &type,
                      region, sizeof region);
        goto done;
    }
    const group *g = &table[at];
    if (layout_build(page, gp, g, &l) < 0) {
        rc = -1;
        goto done;
    }
    /* posts the page does not time lie where its text is: an untimed
     * group wholly outside the main content found (a page footer's
     * columns, once no <footer> tag marks them) is no thread */
    if (untimed && main_found && !holds_main(doc, page, &l)) {
        rc = no_group(doc, page, gp, table, size, declared, main_found, &type,
                      region, sizeof region);
        goto done;
    }
    uint64_t posts_prose = g->prose + l.twin_prose + l.split_prose;
    uint32_t n_items = g->items + l.twins;
    /* the main content's prose outside the group, before and after it */
    uint64_t out_before = 0, out_after = 0;
    size_t first_block = doc->n_blocks;
    /* ... before it, read as Latin text, and the part of it outside the
     * group's parent */
    uint64_t lead_weight = 0, apart_weight = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (!f)
            continue;
        uint32_t it = l.item_of[page->block_owner[i]];
        uint64_t prose = f->text_chars - f->link_chars;
        if (it != UINT32_MAX) {
            if (first_block == doc->n_blocks)
                first_block = i;
        } else if (f->hints & SL_HINT_MAIN) {
            if (first_block == doc->n_blocks) {
                uint64_t weight = reading_weight(&doc->blocks[i], prose);
                out_before += prose;
                lead_weight += weight;
                if (main_found && written_block(f, page->block_punct[i]) &&
                    !in_subtree(page, g->parent, page->block_owner[i]))
                    apart_weight += weight;
            } else
                out_after += prose;
        }
    }
    /* two page halves (one holding the headline) are no pair of posts */
    int halves = n_items <= 2 && page->first_h1 >= 0 &&
                 (size_t)page->first_h1 < doc->n_blocks &&
                 (l.item_of[page->block_owner[page->first_h1]] != UINT32_MAX ||
                  column_beside(page, g, page->block_owner[page->first_h1]));
    /* ... nor are the parts of one article cut around an ad slot */
    if (!declared && !halves && main_found)
        halves = continued_parts(doc, page, &l, n_items, first_block);
    uint64_t outside = out_before + out_after;
    /* page columns are no group: a discussion's page with none is a
     * thread of one post, as below */
    if (halves && declared && main_found) {
        type = contains(doc->raw, doc->raw_len, "QAPage") ? "qa" : "forum";
        if (single_post(doc, page) < 0)
            rc = -1;
        goto done;
    }
    /* a feed of teasers (each item led by a linked headline) lists other
     * pages: no posts, unless the page says it is a discussion (a
     * forum's post subjects link to the post) */
    long headlines = declared ? 0 : linked_headlines(doc, page, &l);
    if (headlines < 0) {
        rc = -1;
        goto done;
    }
    int teasers = headlines >= 2 && (uint64_t)headlines * 2 >= n_items;
    /* a list named "comment" or "reply" under an article's lead is its
     * comment section unless the page says it is a discussion */
    const html_elem *first_item = &page->elems[g->first];
    int comment_list = (first_item->hints & SL_HINT_COMMENT) &&
                       out_before >= ARTICLE_LEAD_PROSE && !declared;
    /* so is a group of any name when that much of the lead lies outside
     * the group's parent: the article and its comments are two regions
     * of the page, while timed items amid an article's paragraphs (a list
     * of dated events) share their parent with the paragraphs */
    int apart = !declared && apart_weight >= ARTICLE_LEAD_PROSE;
    if (apart)
        comment_list = 1;
    /* the posts outweigh twice the rest of the main content; less is
     * needed where the page or its address says it is a discussion, or
     * under a lead too short for an article (a picture's caption, a
     * question): there the comments are what the page is about */
    int forum = !halves && !teasers && !comment_list &&
                posts_prose >= MIN_LEAD_PROSE &&
                (posts_prose >= 2 * outside ||
                 (lead_weight < ARTICLE_LEAD_PROSE && posts_prose >= outside) ||
                 (declared && posts_prose * 5 >= outside * 2));
    /* comments follow the article (in a region of their own, whatever
     * follows them); timed items amid its paragraphs are part of it */
    int comments = !forum && !halves &&
                   (((posts_prose < outside || comment_list) &&
                     out_after * 4 <= out_before) ||
                    apart);
    action act = forum ? (mode == HTML_COMMENTS_DROP ? ACT_TAKE_OUT : ACT_POSTS)
                 : comments
                     ? (mode == HTML_COMMENTS_KEEP ? ACT_ADD : ACT_TAKE_OUT)
                     : ACT_NONE;
    if (forum)
        type = mode_type(page, g, doc->raw, doc->raw_len);
    const char *label = tag_label(page, g->first);
    if (act == ACT_POSTS)
        snprintf(region, sizeof region, "%u x %s in %s%s", n_items, label,
                 tag_label(page, g->parent),
                 out_before > 0 ? ", after the lead" : "");
    else if (act == ACT_ADD)
        snprintf(region, sizeof region,
                 "main content and %u x %s kept as comments", n_items, label);
    else if (act == ACT_TAKE_OUT)
        snprintf(region, sizeof region,
                 "main content; %u x %s taken out as comments", n_items, label);
    if (act == ACT_NONE || !main_found)
        goto done;
    if (mark_blocks(doc, page, &l, g, act, first_block) < 0 ||
        (act == ACT_POSTS && list_posts(doc, page, &l) < 0))
        rc = -1;
done:
    layout_free(&l);
    free(table);
    free(gp);
    if (rc == 0 && set_string(doc->meta, "page_type", type) < 0)
        rc = -1;
    if (rc == 0 && region[0] && set_string(doc->meta, "region", region) < 0)
        rc = -1;
    return rc;
}
