/* plugins/html/html_byline_dates.c - dates a block's text gives: a
 * labelled publication date ("发布于 ...", "Posted ..."), not an update's,
 * an unlabelled one only in a date line or a wire dateline, and the
 * poster a blog's "posted @ <date> <name> 阅读(n)" line names.
 */
#include "html_byline.h"

#include <string.h>
#include <strings.h>

static int has_word(const char *s, size_t n, const char *const *words,
                    size_t count)
{
    for (size_t k = 0; k < count; k++) {
        size_t l = strlen(words[k]);
        for (size_t i = 0; i + l <= n; i++) {
            if (strncasecmp(s + i, words[k], l) == 0)
                return 1;
        }
    }
    return 0;
}

/* A wire dateline opening the lead: "April 17, 2015 -- Imagine...",
 * "WASHINGTON, April 17, 2015 — ...". */
static int dateline(const char *s, size_t n, size_t at, size_t end)
{
    if (at > 40 || memchr(s, '.', at))
        return 0;
    while (end < n && s[end] == ' ')
        end++;
    return html_byline_starts(s, n, end, "--") ||
           html_byline_starts(s, n, end, "—") ||
           html_byline_starts(s, n, end, "–") ||
           html_byline_starts(s, n, end, "- ");
}

/* i past spaces and no-break spaces. */
static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && s[i] == ' ')
            i++;
        else if (html_byline_starts(s, n, i, "\xC2\xA0"))
            i += 2;
        else
            return i;
    }
}

/* A blog post's closing line names its poster after the date: "posted @
 * 2024-05-09 14:45 好看的hk 阅读(430) 评论(2)". The name is the word after
 * the date when a counter (阅读, 评论, views, comments) or the end of the
 * line follows it. */
void html_byline_read_posted_at(html_meta *m, const char *s, size_t n)
{
    static const char *const counters[] = {"阅读",  "閱讀",     "评论", "評論",
                                           "views", "comments", "("};
    if (n > LINE_BYTES || n < 9 || strncasecmp(s, "posted @", 8) != 0)
        return;
    html_date d;
    size_t at, end;
    if (!html_date_find(s + 8, n - 8, NULL, &d, &at, &end) || at > 2)
        return;
    size_t i = skip_blanks(s, n, 8 + end);
    size_t from = i;
    while (i < n && s[i] != ' ' && !html_byline_starts(s, n, i, "\xC2\xA0"))
        i++;
    size_t e = i;
    i = skip_blanks(s, n, i);
    int closed = i == n;
    for (size_t k = 0; k < sizeof counters / sizeof counters[0] && !closed;
         k++) {
        size_t l = strlen(counters[k]);
        closed = i + l <= n && strncasecmp(s + i, counters[k], l) == 0;
    }
    size_t chars = sl_utf8_count(s + from, e - from);
    if (closed && chars >= 2 && chars <= POSTER_CHARS &&
        !html_byline_breaks_user_name(s + from, e - from) &&
        !html_byline_ui_word(s + from, e - from))
        html_meta_offer(m, MS_AUTHOR_BYLINE, 3, s + from, e - from);
}

/* A date in a block; before the title and at the end of the article only
 * a labelled one ("发布于 ...", "Posted ...") counts, and a date labelled
 * as an update ("更新", "Updated") never does. */
void html_byline_read_date(html_meta *m, const char *s, size_t n,
                           const html_date *now, where w)
{
    static const char *const published[] = {
        "发布", "發佈", "發布",      "发表",   "發表", "时间",
        "時間", "日期", "published", "posted", "date"};
    static const char *const updated[] = {"更新", "修改", "updated", "modified",
                                          "edited"};
    if (n > DATE_BYTES)
        return;
    /* "Updated March 7, 2024 · Published March 5, 2024": past an update's
     * date to the next one */
    for (size_t from = 0, tries = 0; from < n && tries < 3; tries++) {
        html_date d;
        size_t at, end;
        if (!html_date_find(s + from, n - from, now, &d, &at, &end))
            return;
        at += from;
        end += from;
        size_t look = at > from + 24 ? at - 24 : from;
        int labelled = has_word(s + look, at - look, published,
                                sizeof published / sizeof published[0]);
        int update = has_word(s + look, at - look, updated,
                              sizeof updated / sizeof updated[0]);
        /* an update's date is not the publication's */
        if (update) {
            from = end;
            continue;
        }
        if ((w == W_BEFORE || w == W_END) && !labelled)
            return;
        /* an unlabelled date counts in a date line, not in a sentence that
         * tells of an event ("2018年12月28日，...", "前天，记者..."); a
         * relative one only in a short line */
        if (!labelled && !dateline(s, n, at, end) &&
            (n > LINE_BYTES || strstr(s, "，") || strstr(s, "。") ||
             (d.relative && n > RELATIVE_BYTES)))
            return;
        char iso[32];
        html_date_format(&d, iso);
        int rank = w == W_END ? 3 : labelled ? 0 : 2;
        html_meta_offer(m, MS_DATE_VISIBLE, rank, iso, strlen(iso));
        return;
    }
}
