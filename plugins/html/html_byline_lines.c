/* plugins/html/html_byline_lines.c - finding the blocks bylines are read
 * in: the title's block, the main content's end, the headline's date
 * line and the name line above it, and on a thread the first post and
 * where a question's answers start.
 */
#include "html_byline.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>

/* The title's block: flagged, else the first h1, else a block that reads
 * as the title (a title in a <div>), else the main content's first. */
long html_byline_title_block(const sl_doc *doc)
{
    long first_h1 = -1, first_main = -1, same = -1;
    size_t tl = doc->title ? strlen(doc->title) : 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->flags & SL_BLOCK_TITLE)
            return (long)i;
        if (same < 0 && tl > 0 && b->len == tl &&
            memcmp(b->text, doc->title, tl) == 0)
            same = (long)i;
        if (first_h1 < 0 && b->kind == SL_BLOCK_HEADING && b->level == 1)
            first_h1 = (long)i;
        if (first_main < 0 && b->html && (b->html->hints & SL_HINT_MAIN))
            first_main = (long)i;
    }
    return first_h1 >= 0     ? first_h1
           : same >= 0       ? same
           : first_main >= 0 ? first_main
                             : 0;
}

long html_byline_main_end(const sl_doc *doc)
{
    for (size_t i = doc->n_blocks; i-- > 0;) {
        const sl_block *b = &doc->blocks[i];
        if (b->html && (b->html->hints & SL_HINT_MAIN))
            return (long)i;
    }
    return -1;
}

/* A line under the headline that gives its date: short, no sentence,
 * a day's date at its start or after a short label ("2024-05-08 23:23",
 * "2020.03.11 10:51发布于知产资料", "发布时间：2024-05-08"). */
static int date_line(const sl_block *b)
{
    html_date d;
    size_t at, end;
    if (b->len > LINE_BYTES || strstr(b->text, "，") || strstr(b->text, "。"))
        return 0;
    return html_date_find(b->text, b->len, NULL, &d, &at, &end) &&
           at <= DATE_LEAD_BYTES && d.month > 0 && d.day > 0;
}

/* A button that may stand between a byline's name and its date line:
 * 关注, +关注, Follow. */
static int button_line(const sl_block *b)
{
    static const char *const words[] = {"Follow", "Subscribe", "订阅",
                                        "訂閱",   "精华",      "置顶"};
    const char *s = b->text;
    size_t n = b->len;
    if (n > 0 && s[0] == '+')
        s++, n--;
    if (html_byline_ui_word(s, n))
        return 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (n == strlen(words[k]) && memcmp(s, words[k], n) == 0)
            return 1;
    }
    return 0;
}

/* Whether the whole of a block reads as a name: 2 to NAME_LINE_CHARS
 * characters of a Chinese name or a user's (管不饿, 软唐知产小傅, 好看的hk)
 * with no space, digit or punctuation, or two or more capitalised words
 * (Jane Doe). Not a heading, a button or a title (记者). */
static int name_line(const sl_block *b)
{
    const char *s = b->text;
    size_t n = b->len;
    if (n == 0 || b->kind == SL_BLOCK_HEADING || html_byline_ui_word(s, n) ||
        html_byline_ends_with_title(s, n) || html_byline_unknown(s, n))
        return 0;
    if (isalpha((unsigned char)s[0]))
        return memchr(s, ' ', n) && html_byline_english_name(s, n) == n;
    if ((unsigned char)s[0] < 0xE3)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (html_byline_break_at(s, n, i) || isdigit((unsigned char)s[i]))
            return 0;
    }
    size_t chars = sl_utf8_count(s, n);
    return chars >= 2 && chars <= NAME_LINE_CHARS;
}

/* Whether a block near the title may be read: not in navigation, a
 * sidebar, comments... (a footer's class under the headline is its own). */
static int headline_block(const sl_block *b)
{
    uint32_t hints = b->html ? b->html->hints : 0;
    if ((hints & far_hints) == SL_HINT_FOOTER)
        hints &= ~(uint32_t)SL_HINT_FOOTER;
    return !(hints & far_hints);
}

/* Whether block t is the page's headline: flagged as the title, a
 * heading or the title's text (not the first block of the main content
 * standing in for a title the page does not show). */
static int headline(const sl_doc *doc, long t)
{
    const sl_block *b = &doc->blocks[t];
    return (b->flags & SL_BLOCK_TITLE) || b->kind == SL_BLOCK_HEADING ||
           (doc->title && strlen(doc->title) == b->len &&
            memcmp(doc->title, b->text, b->len) == 0);
}

/* The first line under the headline that gives its date, or -1 (also
 * when block t is no headline). */
long html_byline_headline_date(const sl_doc *doc, long t, long a1)
{
    if (!headline(doc, t))
        return -1;
    long last = t + BYLINE_LINES < a1 ? t + BYLINE_LINES : a1 - 1;
    for (long i = t + 1; i <= last; i++) {
        const sl_block *b = &doc->blocks[i];
        if (headline_block(b) && date_line(b))
            return i;
    }
    return -1;
}

/* A byline the page gives by its layout, whatever its markup is named:
 * under the title, a line that is only a name right above the line that
 * is only the date (date: that line's block; buttons such as 关注 may
 * stand between). A name anywhere else is no author, nor is a name the
 * title holds (a newsletter's "CLT Update" above its date). Returns the
 * name's block, or -1. */
long html_byline_headline_byline(const sl_doc *doc, long t, long date)
{
    if (date < 0)
        return -1;
    long j = date - 1;
    while (j > t && button_line(&doc->blocks[j]))
        j--;
    const sl_block *name = &doc->blocks[j];
    if (j > t && headline_block(name) && name_line(name) &&
        !(doc->title && strstr(doc->title, name->text)))
        return j;
    return -1;
}

/* On a thread (page type forum or qa) the first post is the page's own:
 * the block its body opens at in metadata.posts (the first entry with a
 * body), the line naming its poster into *poster and the line giving its
 * time into *time (NULL when that post shows none). -1 when the page is
 * no thread or lists no post. */
long html_byline_first_post(const sl_doc *doc, const char *type,
                            const char **poster, const char **time)
{
    *poster = *time = NULL;
    if (!type || (strcmp(type, "forum") != 0 && strcmp(type, "qa") != 0))
        return -1;
    json_t *posts = json_object_get(doc->meta, "posts");
    size_t i;
    json_t *post;
    json_array_foreach(posts, i, post)
    {
        json_t *block = json_object_get(post, "block");
        if (!json_is_integer(block))
            continue;
        *poster = json_string_value(json_object_get(post, "author"));
        *time = json_string_value(json_object_get(post, "time"));
        json_int_t at = json_integer_value(block);
        return at >= 0 && (size_t)at < doc->n_blocks ? (long)at : -1;
    }
    return -1;
}

/* Where the answers start when a question's text lies between the title
 * and the first post (post: the block its body opens at): that post is
 * an answer, and neither its poster nor its time is the page's. -1 when
 * the first post follows the title with no text of its own between. */
long html_byline_answers_start(const sl_doc *doc, long t, long post)
{
    long first = post;
    for (long i = t + 1; i < post; i++) {
        if (doc->blocks[i].html &&
            (doc->blocks[i].html->hints & (SL_HINT_POST | SL_HINT_POST_META))) {
            first = i;
            break;
        }
    }
    for (long i = t + 1; i < first; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->html && !(b->html->hints & far_hints) &&
            b->kind == SL_BLOCK_PARAGRAPH &&
            b->html->text_chars >= LEAD_CHARS &&
            html_count_punct(b->text, b->len) > 0)
            return first;
    }
    return -1;
}
