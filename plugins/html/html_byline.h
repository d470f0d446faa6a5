/* plugins/html/html_byline.h - what the files of the visible byline
 * reader share (html_byline*.c): the sizes of the window of blocks and of
 * the heads of blocks read, the kinds of labels, where a block lies, the
 * hints that put a block far from the article, and the functions one
 * file calls in another: names (html_byline_names.c), Chinese labels
 * (html_byline_zh.c), English bylines (html_byline_en.c), dates in a
 * block's text (html_byline_dates.c) and the lines around the title
 * (html_byline_lines.c). Internal to the html plugin.
 */
#ifndef SLUICE_HTML_BYLINE_H
#define SLUICE_HTML_BYLINE_H

#include "html_internal.h"
#include "html_meta.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
    BEFORE_TITLE = 3, /* blocks read before the title */
    AFTER_TITLE = 15, /* blocks read after it */
    AROUND_END = 10,  /* blocks read on each side of the main content's end */
    HEAD_BYTES = 160, /* bytes of a block searched for labels */
    DATE_BYTES = 300, /* longer blocks are prose, not a date line */
    CLASS_BYTES = 60, /* a byline named by its class is short */
    LINE_BYTES = 160, /* a date line without a label is short */
    RELATIVE_BYTES = 60,  /* and shorter still for "3天前" */
    POST_LINES = 2,       /* a thread's first post: its body's first blocks */
    POSTER_CHARS = 24,    /* a user name is short */
    LEAD_CHARS = 20,      /* a question's text above its answers */
    HEADLINE_LINES = 3,   /* the lines under the title that belong to it */
    BYLINE_LINES = 6,     /* lines under the title a headline's date line
                             may lie in (after a row of its buttons) */
    DATE_LEAD_BYTES = 24, /* a date line's label before its date */
    NAME_LINE_CHARS = 12  /* a name standing alone as a line is short */
};

typedef enum label_kind { L_PERSON, L_EDITOR, L_SOURCE } label_kind;

/* Where a block lies: before the title, among the few lines right under
 * it, further after it, or around the end of the main content. */
typedef enum where { W_BEFORE, W_HEADLINE, W_AFTER, W_END } where;

static const uint32_t far_hints = SL_HINT_NAV | SL_HINT_FOOTER |
                                  SL_HINT_SIDEBAR | SL_HINT_RELATED |
                                  SL_HINT_COMMENT | SL_HINT_AD;

static inline int html_byline_starts(const char *s, size_t n, size_t i,
                                     const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* html_byline_names.c: reading a name */
size_t html_byline_break_at(const char *s, size_t n, size_t i);
int html_byline_ends_with_title(const char *s, size_t n);
size_t html_byline_read_name(const char *s, size_t n, size_t i, int space_ok,
                             size_t *from);
void html_byline_trim_name(const char *s, size_t *from, size_t *len);
int html_byline_ui_word(const char *v, size_t n);
int html_byline_name_ok(const char *v, size_t n, label_kind kind);
int html_byline_unknown(const char *v, size_t n);
int html_byline_breaks_user_name(const char *s, size_t n);

/* html_byline_zh.c: Chinese labels and posters */
void html_byline_read_posted_by(html_meta *m, const char *s, size_t n);
void html_byline_read_labels(html_meta *m, const char *s, size_t n);

/* html_byline_en.c: English names and bylines */
size_t html_byline_english_name(const char *s, size_t n);
void html_byline_read_english(html_meta *m, const char *s, size_t n);

/* html_byline_dates.c: dates in a block's text */
void html_byline_read_posted_at(html_meta *m, const char *s, size_t n);
void html_byline_read_date(html_meta *m, const char *s, size_t n,
                           const html_date *now, where w);

/* html_byline_lines.c: the title's block and the lines around it */
long html_byline_title_block(const sl_doc *doc);
long html_byline_main_end(const sl_doc *doc);
long html_byline_headline_date(const sl_doc *doc, long t, long a1);
long html_byline_headline_byline(const sl_doc *doc, long t, long date);
long html_byline_first_post(const sl_doc *doc, const char *type,
                            const char **poster, const char **time);
long html_byline_answers_start(const sl_doc *doc, long t, long post);

#endif
