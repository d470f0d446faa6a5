/* plugins/html/html_meta.h - what the files that find a page's metadata
 * (author, publication date, site name, canonical address, language)
 * share: the candidates gathered from the markup, dates, the visible
 * byline finder and the language detector.
 */
#ifndef SLUICE_HTML_META_H
#define SLUICE_HTML_META_H

#include <stddef.h>
#include <stdint.h>

#include <sluice/sluice.h>

/* Candidate slots, one per source; a lower slot of the same field is more
 * trusted. */
typedef enum html_meta_slot {
    MS_AUTHOR_LD = 0,  /* JSON-LD author.name */
    MS_AUTHOR_META,    /* <meta name=author>, article:author */
    MS_AUTHOR_POST,    /* a thread's first poster (page type forum, qa) */
    MS_AUTHOR_BYLINE,  /* visible: 作者, 记者, 文/, "By ..." */
    MS_AUTHOR_EDITOR,  /* visible: 责任编辑, 编辑 */
    MS_AUTHOR_ORG,     /* a meta author that names an organisation */
    MS_AUTHOR_SOURCE,  /* visible: 来源 */
    MS_DATE_LD,        /* JSON-LD datePublished */
    MS_DATE_META,      /* article:published_time, pubdate ... */
    MS_DATE_TIME,      /* <time datetime> marked as the publication */
    MS_DATE_TIME_NEAR, /* <time datetime> near the title */
    MS_DATE_VISIBLE,   /* a date written near the title */
    MS_DATE_CREATED,   /* microdata dateCreated (a question's, a post's) */
    MS_SITE_OG,        /* og:site_name */
    MS_SITE_LD,        /* JSON-LD publisher.name */
    MS_SITE_APP,       /* application-name */
    MS_URL_CANONICAL,  /* <link rel=canonical> */
    MS_URL_OG,         /* og:url */
    MS_URL_LD,         /* JSON-LD url */
    MS_LANG_HTML,      /* <html lang> */
    MS_LANG_META,      /* content-language, og:locale, inLanguage */
    MS_COUNT
} html_meta_slot;

/* META_MARKED_LINKS of the META_MARKED names may be links to an author's
 * page, so that a forum's many links to its users leave room for the
 * names the markup marks. */
enum {
    META_TIMES = 8,
    META_MARKED = 16,
    META_MARKED_LINKS = 8,
    META_CAPTURE_BYTES = 256
};

/* A <time> element of the page's body. */
typedef struct html_meta_time {
    char *datetime; /* malloc'd */
    size_t block;   /* index the next block will get */
    int marked;     /* itemprop=datePublished or pubdate */
} html_meta_time;

/* The text of an element marked as the author (class="author",
 * itemprop="author", rel="author") or of a link to an author's page
 * (href="/author/...", "/user/..."). */
typedef struct html_meta_marked_name {
    char *text;   /* malloc'd, white space collapsed */
    size_t block; /* index the next block had when the element opened */
    int by_link;  /* marked by its address alone, not by its names */
} html_meta_marked_name;

/* The marked element being read. */
typedef struct html_meta_capture {
    int depth; /* open elements from the marked one down; 0: none */
    int overflow;
    int by_link; /* opened as a link to an author's page */
    size_t block;
    size_t len;
    char text[META_CAPTURE_BYTES];
} html_meta_capture;

typedef struct html_meta {
    char *value[MS_COUNT]; /* malloc'd candidate per slot, or NULL */
    int rank[MS_COUNT];    /* within a slot, lower is better */
    html_meta_time times[META_TIMES];
    size_t n_times;
    html_meta_marked_name marked[META_MARKED];
    size_t n_marked;
    size_t n_marked_links; /* of which by_link */
    html_meta_capture capture;
    int author_unknown; /* the page labels its author unknown (作者：未知) */
    int failed;
} html_meta;

/* A date, as precise as its source: fields not given are -1. */
typedef struct html_date {
    int year, month, day, hour, minute, second;
    char tz[8];   /* "Z", "+08:00" or "" */
    int relative; /* resolved from "3天前", "yesterday"... */
} html_date;

/* The walker's hook: reads <html lang>, <meta>, <link rel=canonical> and
 * <time> (block is the index the next block will get). */
void html_meta_element(html_meta *m, const char *name, const char **attrs,
                       size_t block);

/* The walker's hooks for names marked as the author: an element kept
 * (hints: its SL_HINT_* bits; block: the index the next block will get),
 * text inside kept elements, and the end of a kept element. */
void html_meta_open(html_meta *m, const char **attrs, uint32_t hints,
                    size_t block);
void html_meta_text(html_meta *m, const char *text, size_t n);
void html_meta_close(html_meta *m);

/* Offers a candidate for slot; kept when the slot is empty or rank is
 * lower than the kept one's. */
void html_meta_offer(html_meta *m, html_meta_slot slot, int rank, const char *s,
                     size_t n);

/* Reads the page's JSON-LD scripts (raw is the page before stripping). */
void html_meta_jsonld(html_meta *m, const char *raw, size_t len);

/* Reads bylines and dates written near the title and at the end of the
 * main content into m. now: the crawl date, for relative dates, or NULL. */
void html_meta_visible(html_meta *m, const sl_doc *doc, const html_date *now);

/* The first date in s[0..n) (numeric, Chinese, English month names, or,
 * when now is given, relative: 3天前, 昨天 10:20, 2 days ago). Returns 1
 * and fills d (and *at, *end: its byte range) or 0. */
int html_date_find(const char *s, size_t n, const html_date *now, html_date *d,
                   size_t *at, size_t *end);

/* Parses a machine date (ISO 8601 and the like: "2019-09-07T16:28:35+08:00",
 * "2019-9-7 21:30"). Returns 1 or 0. */
int html_date_parse(const char *s, size_t n, html_date *d);

/* Writes d as ISO 8601 into out (at least 32 bytes). */
void html_date_format(const html_date *d, char *out);

/* The language of the page's text ("zh", "zh-Hant", "ja", "ko", "en",
 * "fr"...) with the markup's tag (may be NULL) as a hint, into out (at
 * least 16 bytes). Returns 0 when unsure. */
int html_lang_detect(const sl_doc *doc, const char *markup, char *out);

/* Chooses each field from the candidates and writes author, published,
 * site, url and lang into doc->meta. Returns 0 or -1. */
int html_meta_finish(html_meta *m, sl_doc *doc, const char *page_title);

void html_meta_release(html_meta *m);

#endif
