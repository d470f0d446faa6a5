/* plugins/html/html_pagetype_post_lines.c - the lines of a post that are
 * not what the poster wrote: its author, time, rank and floor lines, the
 * short lines the site prints in many posts (counted per post in a table
 * of text hashes), a signature's rule, and the test for a line of prose.
 */
#include "html_pagetype_internal.h"

#include <stdlib.h>

float link_share(const sl_html_features *f)
{
    return f->text_chars ? (float)f->link_chars / (float)f->text_chars : 0.0f;
}

/* A line of a post outside its body: the author, a time, a rank, a
 * counter, "Reply" - unless it reads like prose. */
int is_post_meta(const sl_block *b, uint32_t punct)
{
    const sl_html_features *f = b->html;
    if (html_looks_like_time(b->text, b->len) &&
        f->text_chars <= TIME_MAX_CHARS)
        return 1;
    if (f->text_chars <= HEADER_MAX_CHARS &&
        html_looks_like_post_header(b->text, b->len))
        return 1;
    return punct == 0 || f->text_chars < 10 || link_share(f) >= 0.5f;
}

/* A list item that is a link's label: half of its text or more in
 * links, no comma or sentence end (a menu's or a tab bar's item). */
int is_linked_label(const sl_block *b, uint32_t punct)
{
    return punct == 0 && link_share(b->html) >= 0.5f;
}

static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h | 1; /* 0 marks an empty slot */
}

static size_t recurring_slot(const recurring *r, uint64_t h)
{
    size_t at = (size_t)(h >> 7) & (r->size - 1);
    while (r->hash[at] && r->hash[at] != h)
        at = (at + 1) & (r->size - 1);
    return at;
}

int recurring_count(recurring *r, const sl_doc *doc, const html_page *page,
                    const layout *l)
{
    r->size = 64;
    while (r->size < doc->n_blocks * 2)
        r->size *= 2;
    r->hash = calloc(r->size, sizeof *r->hash);
    r->last_item = calloc(r->size, sizeof *r->last_item);
    r->items = calloc(r->size, sizeof *r->items);
    if (!r->hash || !r->last_item || !r->items)
        return -1;
    uint32_t last_post = UINT32_MAX;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || b->html->text_chars > PROMPT_MAX_CHARS)
            continue;
        uint32_t it = l->item_of[page->block_owner[i]];
        if (it == UINT32_MAX)
            continue;
        if (it != last_post) {
            last_post = it;
            r->posts++;
        }
        uint64_t h = text_hash(b->text, b->len);
        size_t at = recurring_slot(r, h);
        if (!r->hash[at]) {
            r->hash[at] = h;
            r->last_item[at] = UINT32_MAX;
        }
        if (r->last_item[at] != it) {
            r->last_item[at] = it;
            r->items[at]++;
        }
    }
    return 0;
}

static int recurs(const recurring *r, const sl_block *b)
{
    if (b->html->text_chars > META_MAX_CHARS)
        return 0;
    size_t at = recurring_slot(r, text_hash(b->text, b->len));
    return r->hash[at] && r->items[at] >= 2;
}

/* A line the site prints in most posts, sentence or not ("你对这个回答的
 * 评价是？", "Please log in to join the conversation."): in three posts
 * or more and in two fifths of them, and not a mere greeting. */
static int recurs_widely(const recurring *r, const sl_block *b)
{
    if (b->html->text_chars > PROMPT_MAX_CHARS ||
        b->html->text_chars < PROMPT_MIN_CHARS)
        return 0;
    size_t at = recurring_slot(r, text_hash(b->text, b->len));
    return r->hash[at] && r->items[at] >= PROMPT_MIN_POSTS &&
           (uint64_t)r->items[at] * 5 >= (uint64_t)r->posts * 2;
}

void recurring_free(recurring *r)
{
    free(r->hash);
    free(r->last_item);
    free(r->items);
}

/* Whether a block of a post is its author, time or rank line rather than
 * what the poster wrote (a quote's "On 7/5/2023, X said:" too). */
int post_meta(const sl_block *b, uint32_t punct, int in_body,
              const recurring *r)
{
    /* "Reply", "Senior Member", a name; not "Thanks!" */
    if ((recurs(r, b) && punct == 0) || recurs_widely(r, b))
        return 1;
    if (!in_body)
        return is_post_meta(b, punct);
    if (b->html->text_chars <= TIME_MAX_CHARS &&
        html_looks_like_floor(b->text, b->len))
        return 1;
    if (b->html->text_chars <= HEADER_MAX_CHARS && punct <= 1 &&
        html_looks_like_post_header(b->text, b->len))
        return 1;
    return b->html->text_chars <= TIME_MAX_CHARS &&
           html_looks_like_time(b->text, b->len) && punct <= 2;
}

/* A line a poster wrote a sentence in, or a long one. */
int is_prose_line(const sl_block *b, uint32_t punct)
{
    if (punct > 0 || b->html->text_chars >= META_MAX_CHARS)
        return 1;
    /* a short reply in Chinese often goes without punctuation
     * ("想听听关于生物医药类专利的改写"); a poster's name or rank is
     * shorter */
    size_t wide = 0;
    for (size_t i = 0; i < b->len; i++)
        wide += (unsigned char)b->text[i] >= 0xE0;
    return wide >= WIDE_PROSE_CHARS && !html_looks_like_time(b->text, b->len);
}

/* A signature's delimiter: a line of eight underscores or more and
 * nothing else (vBulletin's "__________________"), or the mail and news
 * "-- " line. What follows it in the post is the poster's signature. */
int is_signature_rule(const sl_block *b)
{
    size_t n = b->len;
    while (n > 0 && b->text[n - 1] == ' ')
        n--;
    if (n == 2 && b->text[0] == '-' && b->text[1] == '-')
        return 1;
    if (n < 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (b->text[i] != '_')
            return 0;
    }
    return 1;
}

/* A short line giving a time: "mariorojas - 2 years ago", "Last edit: 4
 * weeks ago by ...", "2020.03.11 10:51发布于知产资料". */
int is_time_line(const sl_block *b, uint32_t punct)
{
    if (b->html->text_chars > POST_LINE_MAX_CHARS)
        return 0;
    /* a date written with dots (2020.03.11) reads as two sentence ends */
    return (punct <= 1 && html_looks_like_time(b->text, b->len)) ||
           (punct <= 3 && html_looks_like_post_header(b->text, b->len));
}
