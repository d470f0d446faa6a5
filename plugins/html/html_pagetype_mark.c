/* plugins/html/html_pagetype_mark.c - carrying out the decision on a
 * group of posts: the hints the boilerplate stage reads on each block
 * (posts kept as content with their author and time lines as post
 * metadata, the thread's lead kept, comments taken out) and the list of
 * posts in the document's metadata (metadata.posts).
 */
#include "html_pagetype_internal.h"

#include <string.h>

int set_string(json_t *obj, const char *key, const char *value)
{
    json_t *s = json_string(value);
    return s && json_object_set_new(obj, key, s) == 0 ? 0 : -1;
}

/* A copy of a block's text, cut to whole characters below cap bytes. */
static void copy_text(char *dst, size_t cap, const sl_block *b)
{
    size_t n = b->len < cap - 1 ? b->len : cap - 1;
    while (n > 0 && n < b->len && ((unsigned char)b->text[n] & 0xC0) == 0x80)
        n--;
    memcpy(dst, b->text, n);
    dst[n] = '\0';
}

/* metadata.posts: per post, its first block of text ("block"), the line
 * naming the poster ("author", a short line without a time) and the line
 * giving the time ("time"), as the page shows them. Runs after the posts
 * were marked. */
int list_posts(sl_doc *doc, const html_page *page, const layout *l)
{
    json_t *posts = json_array();
    if (!posts)
        return -1;
    uint32_t item = UINT32_MAX;
    json_t *post = NULL;
    int failed = 0;
    for (size_t i = 0; i < doc->n_blocks && !failed; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html)
            continue;
        uint32_t it = l->item_of[page->block_owner[i]];
        if (it == UINT32_MAX)
            continue;
        if (it != item) {
            item = it;
            if (json_array_size(posts) >= POSTS_LISTED)
                break;
            post = json_object();
            failed = !post || json_array_append_new(posts, post) < 0;
            if (failed)
                break;
        }
        char text[256];
        copy_text(text, sizeof text, b);
        int timed = b->html->text_chars <= TIME_MAX_CHARS &&
                    html_looks_like_time(b->text, b->len);
        if (!(b->html->hints & SL_HINT_POST_META)) {
            if (!json_object_get(post, "block"))
                failed = json_object_set_new(post, "block",
                                             json_integer((json_int_t)i)) < 0;
        } else if (timed) {
            if (!json_object_get(post, "time"))
                failed = set_string(post, "time", text) < 0;
        } else if (!json_object_get(post, "author") &&
                   !json_object_get(post, "block") &&
                   b->html->text_chars <= META_MAX_CHARS) {
            failed = set_string(post, "author", text) < 0;
        }
    }
    if (failed || json_object_set_new(doc->meta, "posts", posts) < 0)
        return -1;
    return 0;
}

/* Sets the hints the boilerplate stage reads on the posts' blocks. */
static void mark_post(sl_block *b, uint32_t punct, const layout *l,
                      uint32_t owner, const recurring *rec)
{
    sl_html_features *f = b->html;
    uint32_t it = l->item_of[owner];
    f->hints |= SL_HINT_MAIN | SL_HINT_POST;
    f->hints &= ~(uint32_t)(SL_HINT_WEAK_CONTAINER | SL_HINT_COMMENT);
    int meta = post_meta(b, punct, l->in_body[owner] & 1, rec) ||
               (l->in_body[owner] & (IN_SIGNATURE | OUTSIDE_TEXT));
    /* the short lines a post opens with, before what the poster wrote,
     * are its author and rank (a post of short lines only keeps them) */
    if (!meta && l->started[it] == POST_HAS_PROSE) {
        if (is_prose_line(b, punct) || (l->in_body[owner] & IN_SLOT))
            l->started[it] = POST_IN_PROSE;
        else
            meta = 1;
    }
    if (meta)
        f->hints |= SL_HINT_POST_META;
}

/* Notes which posts hold a line of prose (l->started). */
static void find_prose(const sl_doc *doc, const html_page *page,
                       const layout *l, const recurring *rec)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html)
            continue;
        uint32_t owner = page->block_owner[i];
        uint32_t it = l->item_of[owner];
        uint32_t punct = page->block_punct[i];
        if (it != UINT32_MAX && !l->started[it] &&
            !post_meta(b, punct, l->in_body[owner] & 1, rec) &&
            !(l->in_body[owner] & (IN_SIGNATURE | OUTSIDE_TEXT)) &&
            (is_prose_line(b, punct) || (l->in_body[owner] & IN_SLOT)))
            l->started[it] = POST_HAS_PROSE;
    }
}

/* A user name: one word (no space) of at most META_MAX_CHARS
 * characters, dots and digits allowed ("bang.toyip", "blue545"), not
 * ending a sentence ("Thanks!" over the time is a reply). */
static int single_word(const sl_block *b)
{
    if (b->len == 0 || b->html->text_chars > META_MAX_CHARS)
        return 0;
    char last = b->text[b->len - 1];
    if (last == '.' || last == '!' || last == '?')
        return 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->text[i] == ' ')
            return 0;
    }
    return 1;
}

/* A post that opens on a single word right above a line giving the time
 * ("blue545" over "13-05-2024 09:41") opens on its poster's name, prose
 * or not: the name is post metadata. One pass over the blocks. Returns 0
 * or -1. */
static int mark_opening_names(sl_doc *doc, const html_page *page,
                              const layout *l)
{
    uint32_t item = UINT32_MAX;
    long opening = -1; /* the current post's first block, while it is */
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || b->html->text_chars == 0)
            continue;
        uint32_t it = l->item_of[page->block_owner[i]];
        if (it != item) {
            item = it;
            opening = it != UINT32_MAX && single_word(b) &&
                              !(b->html->hints & SL_HINT_POST_META)
                          ? (long)i
                          : -1;
            continue;
        }
        if (opening >= 0 && b->html->text_chars <= TIME_MAX_CHARS &&
            html_looks_like_time(b->text, b->len)) {
            sl_html_features *f = html_features_to_edit(doc, (size_t)opening);
            if (!f)
                return -1;
            f->hints |= SL_HINT_POST_META;
        }
        opening = -1;
    }
    return 0;
}

/* Moves the main content as act says. first_block: the first block of
 * the first post. Returns 0 or -1. */
int mark_blocks(sl_doc *doc, const html_page *page, const layout *l,
                const group *g, action act, size_t first_block)
{
    /* the lead of a thread or a question: from the headline to the first
     * post */
    size_t lead_start =
        page->first_h1 >= 0 ? (size_t)page->first_h1 : doc->n_blocks;
    /* the block carrying the page's title heads the thread when it
     * comes before the posts (an "Announcement" h1 may come first) */
    if (page->title_block >= 0 && (size_t)page->title_block <= first_block)
        lead_start = (size_t)page->title_block;
    /* where the thread's headline comes before its posts, what the page
     * shows above the headline (a welcome note, the forum's rules) is
     * not the thread's */
    int headed = lead_start <= first_block && lead_start < doc->n_blocks;
    /* another headline (an h1 that does not repeat the title) between
     * the thread's, a heading carrying the title, and its first post heads
     * something else: a survey's or an announcement's box; the lead stops
     * there */
    size_t lead_end = first_block;
    int titled = page->title_block >= 0 &&
                 lead_start == (size_t)page->title_block &&
                 doc->blocks[lead_start].kind == SL_BLOCK_HEADING;
    for (size_t i = lead_start + 1; headed && titled && i < first_block; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->kind == SL_BLOCK_HEADING && b->level == 1 &&
            !repeats_title(doc, b)) {
            lead_end = i;
            break;
        }
    }
    /* chrome names that the posts' own list carries (a wrapper named
     * like a menu around the whole column) say nothing of the lead */
    const uint32_t chrome =
        (SL_HINT_NAV | SL_HINT_FOOTER | SL_HINT_HEADER | SL_HINT_SIDEBAR |
         SL_HINT_RELATED | SL_HINT_SHARE | SL_HINT_AD | SL_HINT_BREADCRUMB |
         SL_HINT_HIDDEN | SL_HINT_TAG_CHROME) &
        ~page->elems[g->parent].hints;
    recurring rec = {0};
    if (act != ACT_TAKE_OUT && recurring_count(&rec, doc, page, l) < 0) {
        recurring_free(&rec);
        return -1;
    }
    if (act != ACT_TAKE_OUT)
        find_prose(doc, page, l, &rec);
    uint32_t signed_item = UINT32_MAX; /* the post whose signature began */
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        if (!b->html)
            continue;
        /* the changes below are per block: a record shared with the
         * block's neighbours is copied first */
        sl_html_features *f = html_features_to_edit(doc, i);
        if (!f) {
            recurring_free(&rec);
            return -1;
        }
        uint32_t owner = page->block_owner[i];
        uint32_t it = l->item_of[owner];
        if (it != UINT32_MAX) {
            if (act == ACT_TAKE_OUT) {
                f->hints &= ~(uint32_t)SL_HINT_MAIN;
                f->hints |= SL_HINT_COMMENT;
            } else {
                mark_post(b, page->block_punct[i], l, owner, &rec);
                if (is_signature_rule(b))
                    signed_item = it;
                if (it == signed_item)
                    f->hints |= SL_HINT_POST_META;
            }
        } else if (act == ACT_POSTS && lead_start <= i && i < lead_end &&
                   !(f->hints & chrome) && !page->elems[owner].unlikely) {
            f->hints |= SL_HINT_MAIN; /* between the title and the posts */
            /* the question's or first post's author, time and counters */
            if (i > lead_start && b->kind == SL_BLOCK_PARAGRAPH &&
                is_post_meta(b, page->block_punct[i]))
                f->hints |= SL_HINT_POST_META;
            /* a menu's linked items (the site's tabs above a question) */
            if (i > lead_start && b->kind == SL_BLOCK_LIST_ITEM &&
                is_linked_label(b, page->block_punct[i]))
                f->hints |= SL_HINT_POST_META;
        } else if (act == ACT_POSTS &&
                   (i > first_block || (headed && i < lead_start) ||
                    (lead_end <= i && i < first_block))) {
            f->hints &= ~(uint32_t)SL_HINT_MAIN;
        }
    }
    recurring_free(&rec);
    return act == ACT_TAKE_OUT ? 0 : mark_opening_names(doc, page, l);
}
