/* plugins/html/html_pagetype_signals.c - what the page's markup, address
 * and text say about its type, read by the other page-type files: a
 * string in the raw page (a schema.org type), a discussion site's path
 * word in the url, a block repeating the page's title, a headline's
 * words, the reading weight of a lead in Latin letters, the label of an
 * element for the region, and the type a forum-like group names.
 */
#include "html_pagetype_internal.h"

#include <string.h>

/* The prose characters of block b as a length of Latin text: a Chinese
 * or Japanese character says what two or three Latin letters say, so
 * each counts CJK_WEIGHT halves. A news brief of 200 characters is a
 * written article, not a caption over its readers' comments. */
uint64_t reading_weight(const sl_block *b, uint64_t prose)
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
int reads_like_headline(const sl_block *b)
{
    size_t spaces = 0, wide = 0;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->text[i];
        spaces += c == ' ';
        wide += c >= 0xE0; /* the lead byte of a three-byte character */
    }
    return spaces >= 2 || wide >= 8;
}

/* Whether b's text holds the page's title or the title holds it: a
 * post's subject repeating the thread's ("Re: ..."), not another page's
 * headline. */
int repeats_title(const sl_doc *doc, const sl_block *b)
{
    const char *t = doc->title;
    if (!t || !t[0])
        return 0;
    size_t n = strlen(t);
    return contains(b->text, b->len, t) || contains(t, n, b->text);
}

/* Whether needle occurs in the first n bytes of s. */
int contains(const char *s, size_t n, const char *needle)
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
int url_says_forum(const sl_doc *doc)
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

const char *tag_label(const html_page *page, uint32_t elem)
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

const char *mode_type(const html_page *page, const group *g, const char *raw,
                      size_t raw_len)
{
    const html_elem *item = &page->elems[g->first];
    if ((item->schema & HTML_SCHEMA_QA) || contains(raw, raw_len, "QAPage"))
        return "qa";
    if ((item->schema & HTML_SCHEMA_COMMENT) || (item->hints & SL_HINT_COMMENT))
        return "comments";
    return "forum";
}
