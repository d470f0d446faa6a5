/* plugins/html/html_tags.h - what the walker knows about each HTML
 * element: whether it starts a block, is dropped with its content, what
 * kind of block its text becomes, and which hints its tag gives.
 */
#ifndef SLUICE_HTML_TAGS_H
#define SLUICE_HTML_TAGS_H

#include <stdint.h>

/* Tag flags. */
enum {
    TF_BLOCK = 1u << 0, /* text before, inside and after is split here */
    TF_DROP = 1u << 1,  /* removed with everything inside */
    TF_KIND = 1u << 2,  /* gives its own block kind to the text inside */
    TF_BREAK = 1u << 3, /* br, hr: a line break */
    TF_HEAD = 1u << 4,  /* <head>: only the title and metas are read */
    TF_LINK = 1u << 5,  /* <a>: text inside is link text */
    TF_PRE = 1u << 6,   /* white space is kept */
    TF_CELL = 1u << 7,  /* td, th */
    TF_ROW = 1u << 8,   /* tr */
    TF_CHROME = 1u << 9 /* nav, header, footer, aside, form, menu */
};

typedef struct html_tag_info {
    const char *name;
    uint16_t id;    /* TAG_* from html_internal.h */
    uint16_t flags; /* TF_* */
    uint8_t kind;   /* sl_block_kind when TF_KIND */
    uint8_t level;  /* heading level */
    uint32_t hints; /* SL_HINT_* the tag itself gives */
    int16_t weight; /* readability-like base score for containers */
} html_tag_info;

/* The entry for an element name (lower case), or a generic inline entry
 * for names the table does not hold. Never NULL. */
const html_tag_info *html_tag_lookup(const char *name);

#endif
