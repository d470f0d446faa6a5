/* plugins/html/html_pagetype_internal.h - what the page-type files share:
 * their limits, the group of posts, the posts' layout, the short lines
 * recurring in posts, and the functions each file lends the others
 * (listed by file). The decision itself is html_pagetype.c's.
 */
#ifndef SLUICE_HTML_PAGETYPE_INTERNAL_H
#define SLUICE_HTML_PAGETYPE_INTERNAL_H

#include "html_internal.h"

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
    IN_SLOT = 8,              /* ... in the place other posts' bodies hold */
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

/* Short lines that recur in several posts ("Senior Member", "Reply",
 * "Link to comment", a poster's name): counted per post in an
 * open-addressed table of text hashes. */
typedef struct recurring {
    uint64_t *hash;
    uint32_t *last_item, *items;
    size_t size;
    uint32_t posts; /* posts holding a short line */
} recurring;

typedef enum action {
    ACT_NONE,    /* the group is the article itself, or stays as it is */
    ACT_POSTS,   /* the posts are the content */
    ACT_ADD,     /* an article's comments kept beside it */
    ACT_TAKE_OUT /* the posts or comments leave the main content */
} action;

/* html_pagetype_signals.c */

/* Whether b's text holds the page's title or the title holds it: a
 * post's subject repeating the thread's ("Re: ..."), not another page's
 * headline. */
int repeats_title(const sl_doc *doc, const sl_block *b);

/* The prose characters of block b as a length of Latin text: a Chinese
 * or Japanese character says what two or three Latin letters say, so
 * each counts CJK_WEIGHT halves. A news brief of 200 characters is a
 * written article, not a caption over its readers' comments. */
uint64_t reading_weight(const sl_block *b, uint64_t prose);

/* Words, not a user name: two spaces or more, or eight characters of a
 * script written without spaces. */
int reads_like_headline(const sl_block *b);

/* Whether needle occurs in the first n bytes of s. */
int contains(const char *s, size_t n, const char *needle);

/* Whether the document's url (metadata) has a path word of discussion
 * sites: forum, thread, topic, question, comments, bbs... */
int url_says_forum(const sl_doc *doc);

/* The label of elem for the region: its tag and first class, or its
 * tag's name. */
const char *tag_label(const html_page *page, uint32_t elem);

/* The page type a forum-like group names: qa, comments or forum. */
const char *mode_type(const html_page *page, const group *g, const char *raw,
                      size_t raw_len);

/* html_pagetype_groups.c */

/* The characters of e's text outside links. */
uint32_t prose_of(const html_elem *e);

/* rows: whether table rows may be items, on a page that says it is a
 * discussion (a phpBB 2 thread is one table, a post a row); elsewhere
 * rows are a table's data (dated search results, a schedule). */
int may_be_item(const html_elem *e, int rows);

/* Whether elem is root or lies below it (elements are numbered in
 * document order; the main-content finder filled in each one's last). */
int in_subtree(const html_page *page, uint32_t root, uint32_t elem);

/* Whether e may be a post at all: a candidate tag, not in chrome. */
int may_be_post(const html_elem *e, int rows);

/* Per element, the parent its group is keyed on: the nearest ancestor
 * that is no mere wrapper (an unnamed inline element such as <font> or
 * <span> whose only child holds all its text), so that a post wrapped in
 * <font><font> by a translating proxy still groups with its bare
 * siblings. Block containers (<div>) are never skipped: page halves
 * would group with posts. One pass each way; NULL when out of
 * memory. */
uint32_t *group_parents(const html_page *page);

/* The signature of element i's core (group_parents). */
uint32_t core_sig(const html_page *page, const uint32_t *gp, size_t i);

/* Whether element i is a wrapper that group_parents looks through. */
int is_wrapper(const html_page *page, const uint32_t *gp, size_t i);

/* Per element, whether its first block is a linked headline (16
 * characters or more, four fifths of them in a link): an item of a feed
 * that links to other pages ("Most active threads", "Latest posts by this
 * member"), whose author lines and times make it look like a post.
 * Each element is given its first block once, so the pass is linear.
 * NULL when out of memory. */
uint8_t *led_by_link(const sl_doc *doc, const html_page *page);

/* The slot of the group of parent and sig in the open-addressed table:
 * its own, or the empty one where it goes. */
size_t group_slot(const group *table, size_t size, uint32_t parent,
                  uint32_t sig);

/* The index in table (of size slots) of the group of posts: the timed
 * or typed, written group of most prose (weighed by its items), else on a
 * declared discussion the best untimed group of long written items
 * (*untimed set); -1 when none. Feeds go to *feed_best. */
long best_group(const html_page *page, const uint32_t *gp, group *table,
                size_t size, int declared, const uint8_t *led, long *feed_best,
                int *untimed);

/* html_pagetype_layout.c */

/* Fills l for group g: each element's post, the posts' bodies and
 * signatures. Returns 0 or -1 (l is freed by layout_free either way). */
int layout_build(const html_page *page, const uint32_t *gp, const group *g,
                 layout *l);

/* Items that hold a linked headline (a heading whose text is mostly a
 * link): a feed of teasers for other pages, not posts. -1 when out of
 * memory. */
long linked_headlines(const sl_doc *doc, const html_page *page,
                      const layout *l);

/* Frees what layout_build allocated. */
void layout_free(layout *l);

/* html_pagetype_post_lines.c */

/* The share of the block's text in links. */
float link_share(const sl_html_features *f);

/* A line of a post outside its body: the author, a time, a rank, a
 * counter, "Reply" - unless it reads like prose. */
int is_post_meta(const sl_block *b, uint32_t punct);

/* A list item that is a link's label: half of its text or more in
 * links, no comma or sentence end (a menu's or a tab bar's item). */
int is_linked_label(const sl_block *b, uint32_t punct);

/* Counts the short lines of the posts in r. Returns 0 or -1 (r is
 * freed by recurring_free either way). */
int recurring_count(recurring *r, const sl_doc *doc, const html_page *page,
                    const layout *l);

/* Frees what recurring_count allocated. */
void recurring_free(recurring *r);

/* Whether a block of a post is its author, time or rank line rather than
 * what the poster wrote (a quote's "On 7/5/2023, X said:" too). */
int post_meta(const sl_block *b, uint32_t punct, int in_body,
              const recurring *r);

/* A line a poster wrote a sentence in, or a long one. */
int is_prose_line(const sl_block *b, uint32_t punct);

/* A signature's delimiter: a line of eight underscores or more and
 * nothing else (vBulletin's "__________________"), or the mail and news
 * "-- " line. What follows it in the post is the poster's signature. */
int is_signature_rule(const sl_block *b);

/* A short line giving a time: "mariorojas - 2 years ago", "Last edit: 4
 * weeks ago by ...", "2020.03.11 10:51发布于知产资料". */
int is_time_line(const sl_block *b, uint32_t punct);

/* html_pagetype_mark.c */

/* Sets obj[key] to the string value. Returns 0 or -1. */
int set_string(json_t *obj, const char *key, const char *value);

/* metadata.posts: per post, its first block of text ("block"), the line
 * naming the poster ("author", a short line without a time) and the line
 * giving the time ("time"), as the page shows them. Runs after the posts
 * were marked. */
int list_posts(sl_doc *doc, const html_page *page, const layout *l);

/* Moves the main content as act says. first_block: the first block of
 * the first post. Returns 0 or -1. */
int mark_blocks(sl_doc *doc, const html_page *page, const layout *l,
                const group *g, action act, size_t first_block);

/* html_pagetype_list.c */

/* A list page: a group of many link items (headlines, thread titles)
 * holds more of the page's text than the main content's prose. Returns
 * the largest such group's index, or -1. */
long find_list(const html_page *page, const group *table, size_t size,
               uint64_t main_prose);

/* The items of a list page whose main region is the list (a chapter
 * index, a catalogue, a directory) are its content: their blocks join
 * the main content, out of any weak container, when the items are
 * entries of one shape: four fifths of them one line each (one block of
 * at most LIST_ITEM_MAX_CHARS), of about the same length. A feed of
 * teasers (a headline, a source, a time, each its own line) is not an
 * index, and a list beside an article's own text (related links, a
 * blog's archive) is no list page's. Returns 1 when the entries were
 * marked, 0 when the items are no entries, -1 when out of memory. */
int mark_list(sl_doc *doc, const html_page *page, const uint32_t *gp,
              const group *g);

/* html_pagetype_single.c */

/* A thread of one post (no group of posts on a page that says it is a
 * discussion): the thread starts at its headline (the block carrying the
 * title, else the first h1), so main-content blocks before it
 * (announcements, the forum's rules) leave. After it, the post's time
 * lines ("mariorojas - 2 years ago", "Last edit: 4 weeks ago by ...")
 * and, before its first line of prose, its author and counters are post
 * metadata; where no line of prose stands outside weak containers, the
 * paragraphs (<p>) are what the poster wrote, however short ("商标的资料"
 * over an attachment), and no weak container takes them. */
int single_post(sl_doc *doc, const html_page *page);

#endif
