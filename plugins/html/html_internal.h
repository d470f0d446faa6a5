/* plugins/html/html_internal.h - what the files of the html stage share:
 * the tree walker that turns a parsed page into
 * blocks, the main-content finder and the title chooser.
 */
#ifndef SLUICE_HTML_INTERNAL_H
#define SLUICE_HTML_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <sluice/sluice.h>

/* One element of the page, as the walker saw it. Elements are numbered in
 * document order; parent is the index of the parent element or UINT32_MAX
 * for the top. */
typedef struct html_elem {
    uint32_t parent;
    uint32_t text_chars; /* code points of kept text in the subtree */
    uint32_t link_chars; /* of which inside <a> */
    uint32_t punct;      /* commas and sentence ends in the subtree */
    uint32_t blocks;     /* blocks in the subtree */
    uint32_t paragraphs; /* <p> elements with text in the subtree */
    uint32_t items;      /* <li> elements with text in the subtree */
    uint32_t children;   /* child elements (main-content finder) */
    uint32_t last;       /* index of the last element of the subtree
                            (main-content finder) */
    uint32_t first_vote; /* first and last block that voted for it */
    uint32_t last_vote;
    uint16_t tag;         /* an html_tag_id */
    int16_t class_weight; /* from class and id: +25 content, -25 chrome */
    uint32_t hints;       /* SL_HINT_* of the element and its ancestors */
    uint32_t own_hints;   /* SL_HINT_* of the element's own tag and names */
    float score;          /* content score (main-content finder) */
    float rank;           /* final score weighed by closeness to the title */
    uint32_t title_dist;  /* prose characters between it and the title */
    uint32_t headlines;   /* linked headings in the subtree (teasers) */
    uint8_t candidate;    /* score was started (main-content finder) */
    uint8_t main;         /* inside the chosen main content */
    uint8_t weak;         /* a low-content container inside the main content */
    uint8_t text_entry;   /* a <form> holding a <textarea>: a box to write in */
    uint8_t teaser;       /* in an item of a feed of other pages */
    uint8_t own_unlikely; /* named like chrome (comment, sidebar, footer...)
                             and not like content */
    uint8_t unlikely;     /* it or an ancestor (that does not hold most of the
                             page's text) is own_unlikely */
    uint8_t schema;       /* HTML_SCHEMA_* of its own itemtype */
    uint16_t times;       /* <time> elements and date-like blocks in the
                             subtree (saturating) */
    uint32_t sig;         /* hash of the tag and the first class token (or
                             the id without its number): siblings alike */
    uint32_t label;       /* offset of "tag.token" in page->labels, 0: none */
} html_elem;

/* What an element's itemtype says (schema.org microdata). */
enum {
    HTML_SCHEMA_POST = 1u << 0, /* DiscussionForumPosting, SocialMediaPosting */
    HTML_SCHEMA_COMMENT = 1u << 1, /* Comment, Review */
    HTML_SCHEMA_QA = 1u << 2,      /* Question, Answer, QAPage */
    HTML_SCHEMA_TEXT = 1u << 3     /* itemprop="text": a post's or answer's own
                                      words */
};

/* The walker's output for one page, beside the blocks it appended. */
typedef struct html_page {
    html_elem *elems;
    size_t n_elems, cap_elems;
    uint32_t *block_owner; /* per block: the element that holds its text */
    uint32_t *block_punct; /* per block: commas and sentence ends */
    size_t cap_owner, cap_punct;
    char *og_title;   /* malloc'd, or NULL */
    char *title;      /* malloc'd <title> text, or NULL */
    long first_h1;    /* block index of the first h1, or -1 */
    size_t main_end;  /* the main content ends before this block (a next
                       * article of a feed), else n_blocks */
    long title_block; /* block index of the page's title (set by
                         html_choose_title), or -1 */
    size_t work;      /* steps the main-content finder took: stays
                         within a small multiple of elements + blocks */
    char *labels;     /* "tag.token\0" strings for html_elem.label */
    size_t n_labels, cap_labels;
    struct html_meta *meta; /* metadata candidates to gather, or NULL */
    /* the last element marked itemprop="articleBody" and how many are */
    uint32_t article_body;
    uint32_t article_bodies;
} html_page;

/* Tag identifiers the other files test for. */
enum {
    TAG_OTHER = 0,
    TAG_P,
    TAG_DIV,
    TAG_TD,
    TAG_H1,
    TAG_LI,
    TAG_ARTICLE,
    TAG_SECTION,
    TAG_MAIN,
    TAG_BODY,
    TAG_PRE,
    TAG_BLOCKQUOTE,
    TAG_TABLE,
    TAG_UL,
    TAG_TR,
    TAG_HEADING, /* h2..h6 */
    TAG_FORM,
    TAG_A
};

/* A copy of html (malloc'd, NUL-terminated, *out_len bytes) without the
 * bodies of script and style elements and without comments. NULL when out
 * of memory. */
char *html_strip_raw_text(const char *html, size_t len, size_t *out_len);

/* Parses html (len bytes in charset) and appends one block per paragraph,
 * heading, list item, caption, table row, preformatted or quoted text,
 * with features. Fills page. Returns 0, or -1 when memory runs out. */
int html_walk(sl_doc *doc, const char *html, size_t len, const char *charset,
              html_page *page);

/* The features of a block, for a change that concerns that block alone:
 * a record the block shares with a neighbour (html_walk_blocks.c) is
 * copied for it first. NULL when the block has none or memory runs out
 * (then doc->blocks[block].html is left as it was). */
sl_html_features *html_features_to_edit(sl_doc *doc, size_t block);

/* Scores the page's containers by their text and sets SL_HINT_MAIN on the
 * blocks inside the best one and its good siblings. */
void html_mark_main(sl_doc *doc, html_page *page);

/* How the page-type step treats comment and reply lists. */
typedef enum html_comments_mode {
    HTML_COMMENTS_AUTO =
        0,              /* content on forum-like pages, chrome on articles */
    HTML_COMMENTS_KEEP, /* always content */
    HTML_COMMENTS_DROP  /* always chrome */
} html_comments_mode;

/* Tells an article from a forum thread, a comment list, a Q&A page and a
 * list page by repeated sibling blocks with times, records it in the
 * document's metadata (page_type, region, posts) and, after
 * html_mark_main, moves the main content onto the posts of a forum-like
 * page or takes a comment list out of an article's. Returns 0 or -1. */
int html_page_type(sl_doc *doc, html_page *page, html_comments_mode mode);

/* Sets outside in flags[i] for every element i of a post (item_of[i], the
 * post's element, or UINT32_MAX) that holds a text marked
 * itemprop="text" when i lies outside every such text: a signature, the
 * post's tags. Returns 0, or -1 when out of memory (html_post_text.c). */
int html_mark_outside_text(const html_page *page, const uint32_t *item_of,
                           uint8_t *flags, uint8_t outside);

/* Whether s[0..n) is a short date or time ("2023-07-05", "July 5, 2023",
 * "3 hours ago", "3天前", "10:35"). */
int html_looks_like_time(const char *s, size_t n);

/* Whether s[0..n) holds a date with its year and a clock time
 * ("Reply 1 - Posted by: mc 5/12/2024 12:34:17 PM", "2楼 2024-05-12
 * 10:35 来自北京"): a post's header line, whatever else it says. */
int html_looks_like_post_header(const char *s, size_t n);

/* Whether s[0..n) is a post's floor number alone: "#12", "12楼", "第12楼",
 * "12#", "12F", or the first replies' names 沙发, 板凳, 地板. */
int html_looks_like_floor(const char *s, size_t n);

/* Chooses doc->title from og:title, <title> or the first h1 and marks a
 * heading block that carries it with SL_BLOCK_TITLE; page->title_block
 * becomes the block that carries the title, or -1. Returns 0 or -1. */
int html_choose_title(sl_doc *doc, html_page *page);

/* The header that holds the title block (a <header> element or one named
 * like a header) is the article's own heading group when at most half
 * of its text is links: its header hints leave it and its subtree, so
 * the standfirst under the headline is not taken for the site's header.
 * Call after html_choose_title. */
void html_clear_title_header(sl_doc *doc, html_page *page);

/* Commas and sentence ends in s[0..n). */
uint32_t html_count_punct(const char *s, size_t n);

/* Frees what the walker allocated in page (not page itself). */
void html_page_release(html_page *page);

#endif
