/* plugins/html/html_walk_internal.h - what the files of the html walk
 * share: the walker's state (the open elements' frames, the text buffer
 * of the block being gathered, the class buffer, the shared strings), the
 * walk's limits, three small helpers inlined where they are called on
 * every element and every piece of text, and what each file of the walk
 * lends the others. Only html_walk*.c include it.
 *
 * html_walk.c           the SAX walk: opening and closing elements,
 *                       text, <title> and <meta>, html_walk itself;
 * html_walk_text.c      text collection into the buffer, <br> lines;
 * html_walk_blocks.c    turning the buffer into blocks with features,
 *                       shared strings, alt-text blocks, table rows;
 * html_walk_element.c   per-element features: class and id judgements,
 *                       hidden elements, labels, the element table;
 * html_walk_wrappers.c  after the walk: chrome hints leave a wrapper that
 *                       holds most of the page's prose.
 */
#ifndef SLUICE_HTML_WALK_INTERNAL_H
#define SLUICE_HTML_WALK_INTERNAL_H

#include "html_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "html_tags.h"

enum {
    PATH_MAX_TAGS = 10,  /* path keeps the innermost tags */
    CLASS_ID_MAX = 240,  /* class_id keeps the innermost tokens */
    ROW_MAX_CHARS = 400, /* a data row's cells are short */
    CLASS_CACHE = 256,   /* remembered judgements of class values */
    TITLE_MAX = 2048     /* bytes of <title> kept */
};

typedef struct frame {
    const html_tag_info *info;
    const char *name; /* element name (the parser's dictionary) */
    uint32_t elem;    /* index in page->elems */
    uint32_t hints;
    size_t class_len; /* class buffer length before this element */
    size_t row_start; /* TR: first block of the row */
    long row;         /* frame index of the enclosing TR, or -1 */
    uint32_t owner;   /* frame index of the nearest block-level frame */
    uint32_t form;    /* elem index of the enclosing <form>, or UINT32_MAX */
    uint16_t cells;   /* TR: cells seen */
    uint8_t row_ok;   /* TR: no block-level content inside so far */
    uint8_t kind;     /* block kind of text owned here */
    uint8_t level;
    uint8_t in_link;
    uint8_t in_sponsored; /* inside <a rel="sponsored"> */
    uint8_t in_pre;
    uint8_t owns_text; /* a block-level element */
} frame;

typedef struct class_memo {
    uint64_t hash;
    uint32_t len;
    uint32_t hints;
    int weight;
} class_memo;

/* One string of the document's arena that blocks share: a path or a
 * class_id many blocks of a page repeat is stored once. */
typedef struct interned {
    uint64_t hash;
    const char *text;
    size_t len;
} interned;

typedef struct walker {
    sl_doc *doc;
    html_page *page;
    frame *stack;
    size_t depth, cap;
    size_t skip; /* > 0: inside a dropped element, its depth */
    int in_head;
    int in_title;
    char *buf; /* text of the block being gathered */
    size_t len, cap_buf;
    size_t line_start;  /* where the buffer's last coalesced line starts */
    int coalesce;       /* a <br> ends a line, not a block */
    int in_run;         /* the buffer continues, or is continued by, a
                           block of coalesced lines */
    uint32_t buf_links; /* link code points in buf */
    /* ... of which in links marked rel="sponsored" */
    uint32_t buf_sponsored;
    int pending_space;
    int alt_block;    /* the buffer holds an image's alt text */
    int form_option;  /* ... text after an enabled radio button or checkbox */
    size_t buf_owner; /* frame index owning buf (valid when len > 0) */
    char *classes;    /* lower-case class/id tokens of open frames */
    size_t class_len, cap_classes;
    char *title; /* <title> text being gathered */
    size_t title_len, cap_title;
    class_memo memo[CLASS_CACHE];
    interned *strings; /* open addressing, a power of two slots */
    size_t n_strings, cap_strings;
    char *path; /* the path being built */
    size_t cap_path;
    sl_html_features features; /* those of the block being made */
    int failed;
} walker;

static inline int walk_grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*ptr, n * elem);
    if (!p)
        return -1;
    *ptr = p;
    *cap = n;
    return 0;
}

static inline int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static inline uint64_t walk_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* What the page-type step needs of an element's attributes: a token
 * that siblings of the same kind share, and its microdata type. */
typedef struct elem_mark {
    const char *token;
    size_t token_len;
    int token_from_id;
    uint8_t schema;
    uint8_t article_body; /* itemprop="articleBody" */
} elem_mark;

/* Appends text to the buffer, folding runs of white space to one space
 * unless inside <pre>; counts link text (html_walk_text.c). */
void walk_add_text(walker *w, const char *text, size_t n);

/* A <br> on a page whose lines are coalesced (html_walk_text.c). */
void walk_break_line(walker *w);

/* Turns the gathered text into a block owned by frame buf_owner, with its
 * features, and adds its counts to the element (html_walk_blocks.c). */
void walk_flush_block(walker *w);

/* An <img> whose alt text is written prose becomes a block of its own
 * (html_walk_blocks.c). */
void walk_add_alt_text(walker *w, const xmlChar **attrs);

/* Joins the cell blocks of a finished data row into one TABLE_ROW
 * (html_walk_blocks.c). */
void walk_join_row(walker *w, const frame *tr);

/* Reads class, id, itemtype and the hiding attributes. Returns 1 when the
 * element is hidden (html_walk_element.c). */
int walk_read_attributes(walker *w, const xmlChar **attrs, uint32_t *hints,
                         int *weight, elem_mark *mark);

/* The element's signature and its "tag.token" label
 * (html_walk_element.c). */
void walk_mark_elem(walker *w, html_elem *e, const char *name,
                    const elem_mark *m);

/* Appends an element to page->elems; own_hints: what the element's own
 * tag and names say. Returns 0, or -1 when out of memory
 * (html_walk_element.c). */
int walk_add_elem(walker *w, uint32_t parent, const html_tag_info *info,
                  uint32_t hints, uint32_t own_hints, int weight);

/* Whether an <input> is a radio button or a checkbox a reader can change
 * (html_walk_element.c). */
int walk_is_choice_input(const xmlChar **attrs);

/* Whether a link's rel attribute holds the token "sponsored". */
int walk_is_sponsored_link(const xmlChar **attrs);

/* The sectioning element an ARIA landmark role on a div stands for, else
 * info (html_walk_element.c). */
const html_tag_info *walk_landmark_info(const char *name, const xmlChar **attrs,
                                        const html_tag_info *info);

/* Chrome hints leave a wrapper that holds most of the page's prose, and
 * its subtree and blocks (html_walk_wrappers.c). */
void walk_clear_wrapper_hints(sl_doc *doc, html_page *page);

#endif
