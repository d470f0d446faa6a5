/* plugins/html/html_pagetype.c - the page type: tells an article from a
 * forum thread, a comment list, a Q&A page and a list page by the page's
 * structure, and moves the main content accordingly.
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
 */
#include "html_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    MIN_ITEM_PROSE = 15,    /* an item with less prose does not count */
    META_MAX_CHARS = 40,    /* author lines are short */
    PROMPT_MAX_CHARS = 100, /* a line the site prints in every post */
    PROMPT_MIN_CHARS = 10,  /* "Hey!" or "Thanks!" in many posts is theirs */
    PROMPT_MIN_POSTS = 3,
    POSTS_LISTED = 1000, /* metadata.posts keeps this many */
    TIME_MAX_CHARS = 48,
    HEADER_MAX_CHARS = 120,   /* a post's header line with its date and time */
    POST_HAS_PROSE = 1,       /* a post holds a line of prose */
    POST_IN_PROSE = 2,        /* ... and its first one was seen */
    LIST_MIN_ITEMS = 8,       /* a list page lists this many links at least */
    LIST_ITEM_MAX_CHARS = 80, /* an entry of an index is one short line */
    UNTIMED_ITEM_PROSE = 100, /* an untimed post of a discussion page */
    IN_SIGNATURE = 2,         /* layout.in_body: a poster's signature */
    OUTSIDE_TEXT = 4,         /* ... or outside the post's marked text */
    MIN_LEAD_PROSE = 150,     /* posts of a thread hold this much at least */
    ARTICLE_LEAD_PROSE = 500, /* an article's text before its comments */
    HEADLINE_MIN_CHARS = 8,   /* a teaser's linked headline */
    FEED_HEADLINE_CHARS = 16, /* ... leading a feed's item */
    POST_LINE_MAX_CHARS = 80, /* a single post's time line */
    WIDE_PROSE_CHARS = 12,    /* Chinese characters of a reply, unpunctuated */
    CJK_WEIGHT = 5            /* halves of a Latin letter a wide character is */
};

typedef struct group {
    uint32_t parent, sig, first;
    uint32_t members;                       /* items with any text */
    uint32_t items, with_time, with_schema; /* items with prose */
    uint32_t led_by_link; /* items whose first line is a linked headline */
    uint64_t prose, text, punct;
    uint8_t used;
    uint8_t feed; /* timed items that link to other pages: not posts */
    uint8_t rows; /* table rows may be items (may_be_item) */
} group;

static uint32_t prose_of(const html_elem *e)
{
    return e->text_chars > e->link_chars ? e->text_chars - e->link_chars : 0;
}

/* rows: whether table rows may be items, on a page that says it is a
 * discussion (a phpBB 2 thread is one table, a post a row); elsewhere
 * rows are a table's data (dated search results, a schedule). */
static int may_be_item(const html_elem *e, int rows)
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

static const char *tag_label(const html_page *page, uint32_t elem);
static int contains(const char *s, size_t n, const char *needle);

/* Whether elem is root or lies below it (elements are numbered in
 * document order; the main-content finder filled in each one's last). */
static int in_subtree(const html_page *page, uint32_t root, uint32_t elem)
{
    return root <= elem && elem <= page->elems[root].last;
}

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

/* Whether e may be a post at all: a candidate tag, not in chrome. */
static int may_be_post(const html_elem *e, int rows)
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
static uint32_t *group_parents(const html_page *page)
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
static uint32_t core_sig(const html_page *page, const uint32_t *gp, size_t i)
{
    return page->elems[gp[2 * page->n_elems + i]].sig;
}

/* Whether element i is a wrapper that group_parents looks through. */
static int is_wrapper(const html_page *page, const uint32_t *gp, size_t i)
{
    return gp[page->n_elems + i] != i;
}

/* Whether b's text holds the page's title or the title holds it: a
 * post's subject repeating the thread's ("Re: ..."), not another page's
 * headline. */
static int repeats_title(const sl_doc *doc, const sl_block *b)
{
    const char *t = doc->title;
    if (!t || !t[0])
        return 0;
    size_t n = strlen(t);
    return contains(b->text, b->len, t) || contains(t, n, b->text);
}

/* The prose characters of block b as a length of Latin text: a Chinese
 * or Japanese character says what two or three Latin letters say, so
 * each counts CJK_WEIGHT halves. A news brief of 200 characters is a
 * written article, not a caption over its readers' comments. */
static uint64_t reading_weight(const sl_block *b, uint64_t prose)
{
    uint64_t wide = 0;
    for (size_t i = 0; i < b->len; i++)
        wide += (unsigned char)b->text[i] >= 0xE0;
    if (wide > prose)
        wide = prose; /* the wide characters of its links */
    return prose + wide * (CJK_WEIGHT - 2) / 2;
}

/* Words, not a user name: two spaces or more, or eight characters of a
 * script written without spaces. */
static int reads_like_headline(const sl_block *b)
{
    size_t spaces = 0, wide = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->text[i];
        spaces += c == ' ';
        wide += c >= 0xE0; /* the lead byte of a three-byte character */
    }
    return spaces >= 2 || wide >= 8;
}

/* Per element, whether its first block is a linked headline (16
 * characters or more, four fifths of them in a link): an item of a feed
 * that links to other pages ("Most active threads", "Latest posts by this
 * member"), whose author lines and times make it look like a post.
 * Each element is given its first block once, so the pass is linear.
 * NULL when out of memory. */
static uint8_t *led_by_link(const sl_doc *doc, const html_page *page)
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
static size_t group_slot(const group *table, size_t size, uint32_t parent,
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

static long best_group(const html_page *page, const uint32_t *gp, group *table,
                       size_t size, int declared, const uint8_t *led,
                       long *feed_best, int *untimed)
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

/* Whether needle occurs in the first n bytes of s. */
static int contains(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (const char *p = s; p && (size_t)(p - s) + m <= n;) {
        p = memchr(p, needle[0], n - (size_t)(p - s) - m + 1);
        if (!p)
            return 0;
        if (memcmp(p, needle, m) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* Whether the document's url (metadata) has a path word of discussion
 * sites: forum, thread, topic, question, comments, bbs... */
static int url_says_forum(const sl_doc *doc)
{
    static const char *const words[] = {
        "forum",    "thread",     "/topic",    "/t/",        "/d/",
        "question", "/comments/", "bbs",       "tieba.",     "zhidao.",
        "/answer",  "viewtopic",  "showtopic", "/discussion"};
    const char *url = sl_doc_meta_string(doc, "url");
    if (!url)
        return 0;
    size_t n = strlen(url);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (contains(url, n, words[i]))
            return 1;
    }
    return 0;
}

static const char *tag_label(const html_page *page, uint32_t elem)
{
    const html_elem *e = &page->elems[elem];
    if (e->label && page->labels)
        return page->labels + e->label;
    switch (e->tag) {
    case TAG_DIV: return "div";
    case TAG_LI: return "li";
    case TAG_ARTICLE: return "article";
    case TAG_SECTION: return "section";
    case TAG_MAIN: return "main";
    case TAG_TABLE: return "table";
    case TAG_UL: return "ul";
    case TAG_FORM: return "form";
    case TAG_BLOCKQUOTE: return "blockquote";
    default: return "element";
    }
}

/* Per element: the item of the group it lies in (or UINT32_MAX), and
 * whether it lies in that item's body (the descendant holding most of the
 * item's prose). */
typedef struct layout {
    uint32_t *item_of;
    uint32_t *first_child, *next_sibling;
    uint8_t *in_body;     /* 1: in the body; IN_SIGNATURE: in a signature */
    uint8_t *started;     /* per item: POST_HAS_PROSE, POST_IN_PROSE or 0 */
    uint32_t *body_root;  /* per item: where its body is sought (itself, or
                             the body placed after its header) */
    uint32_t twins;       /* posts placed apart from the group */
    uint64_t twin_prose;  /* their prose */
    uint64_t split_prose; /* the prose of bodies placed after headers */
} layout;

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

static int layout_build(const html_page *page, const uint32_t *gp,
                        const group *g, layout *l)
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
    }
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
static long linked_headlines(const sl_doc *doc, const html_page *page,
                             const layout *l)
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

static void layout_free(layout *l)
{
    free(l->item_of);
    free(l->first_child);
    free(l->next_sibling);
    free(l->in_body);
    free(l->started);
    free(l->body_root);
}

static float link_share(const sl_html_features *f)
{
    return f->text_chars ? (float)f->link_chars / (float)f->text_chars : 0.0f;
}

/* A line of a post outside its body: the author, a time, a rank, a
 * counter, "Reply" - unless it reads like prose. */
static int is_post_meta(const sl_block *b, uint32_t punct)
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
static int is_linked_label(const sl_block *b, uint32_t punct)
{
    return punct == 0 && link_share(b->html) >= 0.5f;
}

/* Short lines that recur in several posts ("Senior Member", "Reply",
 * "Link to comment", a poster's name): counted per post in an
 * open-addressed table of text hashes. */
typedef struct recurring {
    uint64_t *hash;
    uint32_t *last_item, *items;
    size_t size;
    uint32_t posts; /* posts holding a short line */
} recurring;

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

static int recurring_count(recurring *r, const sl_doc *doc,
                           const html_page *page, const layout *l)
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

static void recurring_free(recurring *r)
{
    free(r->hash);
    free(r->last_item);
    free(r->items);
}

/* Whether a block of a post is its author, time or rank line rather than
 * what the poster wrote (a quote's "On 7/5/2023, X said:" too). */
static int post_meta(const sl_block *b, uint32_t punct, int in_body,
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

static int set_string(json_t *obj, const char *key, const char *value)
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
static int list_posts(sl_doc *doc, const html_page *page, const layout *l)
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

static const char *mode_type(const html_page *page, const group *g,
                             const char *raw, size_t raw_len)
{
    const html_elem *item = &page->elems[g->first];
    if ((item->schema & HTML_SCHEMA_QA) || contains(raw, raw_len, "QAPage"))
        return "qa";
    if ((item->schema & HTML_SCHEMA_COMMENT) || (item->hints & SL_HINT_COMMENT))
        return "comments";
    return "forum";
}

/* A list page: a group of many link items (headlines, thread titles)
 * holds more of the page's text than the main content's prose. Returns
 * the largest such group's index, or -1. */
static long find_list(const html_page *page, const group *table, size_t size,
                      uint64_t main_prose)
{
    uint64_t total = page->elems[0].text_chars;
    long best = -1;
    for (size_t i = 0; i < size; i++) {
        const group *g = &table[i];
        if (!g->used || g->members < LIST_MIN_ITEMS)
            continue;
        uint64_t links = g->text > g->prose ? g->text - g->prose : 0;
        if (links * 2 >= g->text && g->text * 5 >= total * 2 &&
            g->text > main_prose && (best < 0 || g->text > table[best].text))
            best = (long)i;
    }
    return best;
}

/* The items of a list page whose main region is the list (a chapter
 * index, a catalogue, a directory) are its content: their blocks join
 * the main content, out of any weak container, when the items are
 * entries of one shape: four fifths of them one line each (one block of
 * at most LIST_ITEM_MAX_CHARS), of about the same length. A feed of
 * teasers (a headline, a source, a time, each its own line) is not an
 * index, and a list beside an article's own text (related links, a
 * blog's archive) is no list page's. Returns 1 when the entries were
 * marked, 0 when the items are no entries, -1 when out of memory. */
static int mark_list(sl_doc *doc, const html_page *page, const uint32_t *gp,
                     const group *g)
{
    size_t n = page->n_elems;
    uint32_t *root = malloc((n ? n : 1) * sizeof *root); /* item per elem */
    uint32_t *lines = calloc(n ? n : 1, sizeof *lines);  /* per item */
    if (!root || !lines) {
        free(root);
        free(lines);
        return -1;
    }
    uint32_t end = page->elems[g->parent].last;
    /* elements come in document order: a parent before its children */
    for (uint32_t i = g->first; i <= end; i++) {
        const html_elem *e = &page->elems[i];
        uint32_t p = e->parent;
        root[i] = gp[i] == g->parent && e->sig == g->sig         ? i
                  : p != UINT32_MAX && p >= g->first && p <= end ? root[p]
                                                                 : UINT32_MAX;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        uint32_t owner = page->block_owner[i];
        if (doc->blocks[i].html && owner >= g->first && owner <= end &&
            root[owner] != UINT32_MAX)
            lines[root[owner]]++;
    }
    uint32_t items = 0, alike = 0;
    uint64_t mean = g->text / (g->members ? g->members : 1);
    for (uint32_t i = g->first; i <= end; i++) {
        const html_elem *e = &page->elems[i];
        if (root[i] != i || !e->text_chars)
            continue;
        items++;
        alike += lines[i] == 1 && e->text_chars <= LIST_ITEM_MAX_CHARS &&
                 e->text_chars * 3 >= mean && e->text_chars <= mean * 3;
    }
    int rc = 0;
    for (size_t i = 0; alike * 5 >= items * 4 && i < doc->n_blocks; i++) {
        uint32_t owner = page->block_owner[i];
        if (!doc->blocks[i].html || owner < g->first || owner > end ||
            root[owner] == UINT32_MAX)
            continue;
        sl_html_features *own = html_features_to_edit(doc, i);
        if (!own) {
            rc = -1;
            break;
        }
        own->hints |= SL_HINT_MAIN;
        own->hints &= ~(uint32_t)SL_HINT_WEAK_CONTAINER;
    }
    free(root);
    free(lines);
    return rc < 0 ? -1 : items > 0 && alike * 5 >= items * 4;
}

typedef enum action {
    ACT_NONE,    /* the group is the article itself, or stays as it is */
    ACT_POSTS,   /* the posts are the content */
    ACT_ADD,     /* an article's comments kept beside it */
    ACT_TAKE_OUT /* the posts or comments leave the main content */
} action;

/* Sets the hints the boilerplate stage reads on the posts' blocks. */
/* A line a poster wrote a sentence in, or a long one. */
static int is_prose_line(const sl_block *b, uint32_t punct)
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
        if (is_prose_line(b, punct))
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
            is_prose_line(b, punct))
            l->started[it] = POST_HAS_PROSE;
    }
}

/* Moves the main content as act says. first_block: the first block of
 * the first post. Returns 0 or -1. */
/* A signature's delimiter: a line of eight underscores or more and
 * nothing else (vBulletin's "__________________"), or the mail and news
 * "-- " line. What follows it in the post is the poster's signature. */
static int is_signature_rule(const sl_block *b)
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

static int mark_blocks(sl_doc *doc, const html_page *page, const layout *l,
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
    return 0;
}

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

/* A short line giving a time: "mariorojas - 2 years ago", "Last edit: 4
 * weeks ago by ...", "2020.03.11 10:51发布于知产资料". */
static int is_time_line(const sl_block *b, uint32_t punct)
{
    if (b->html->text_chars > POST_LINE_MAX_CHARS)
        return 0;
    /* a date written with dots (2020.03.11) reads as two sentence ends */
    return (punct <= 1 && html_looks_like_time(b->text, b->len)) ||
           (punct <= 3 && html_looks_like_post_header(b->text, b->len));
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
static int single_post(sl_doc *doc, const html_page *page)
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
    if (!after_main && h1 >= doc->n_blocks)
        return 0;
    /* whether a line of prose after the headline stands outside weak
     * containers */
    int prose_kept = 0;
    for (size_t i = h1 + 1; i < doc->n_blocks && !prose_kept; i++) {
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
        if (!f || i == h1 || (i < h1 && !(f->hints & SL_HINT_MAIN)))
            continue;
        uint32_t punct = page->block_punct[i];
        int paragraph = f->tag && strcmp(f->tag, "p") == 0;
        int timed = is_time_line(b, punct);
        int meta =
            timed || (!in_prose && !paragraph &&
                      b->kind == SL_BLOCK_PARAGRAPH && is_post_meta(b, punct));
        /* outside the main content, only the poster's lines between the
         * headline and the post are marked (smoothing would keep them
         * between the two) */
        if (i > h1 && !(f->hints & SL_HINT_MAIN) && (in_prose || !meta))
            continue;
        sl_html_features *own = html_features_to_edit(doc, i);
        if (!own)
            return -1;
        if (i < h1) {
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
                if (main_found &&
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
