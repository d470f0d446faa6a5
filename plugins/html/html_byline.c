/* plugins/html/html_byline.c - the author and date a page writes in its
 * text, chosen: which blocks are read (a window around the title and the
 * end of the main content, a thread's first post), what each block is
 * read for by where it lies, names the markup marks (a class naming a
 * byline or a source, a poster's line, an inline author) and the <time>
 * elements near the title. The patterns live beside it: names in
 * html_byline_names.c, Chinese labels (作者：, 记者 , 文/, 责任编辑：,
 * 来源：) in html_byline_zh.c, English ones ("By ...", "Author: ...") in
 * html_byline_en.c, dates in html_byline_dates.c, the lines around the
 * title in html_byline_lines.c. Only the head of each block is read, so
 * the cost does not grow with the page.
 */
#include "html_byline.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* A name the markup marks as a byline or a source: the whole of s (after
 * "By ") must read as one name, with no digit or '@' in it. */
static void offer_marked(html_meta *m, html_meta_slot slot, int rank,
                         const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i]) || s[i] == '@')
            return;
    }
    if (n > 3 && strncasecmp(s, "by ", 3) == 0)
        s += 3, n -= 3;
    size_t len;
    if (slot == MS_AUTHOR_SOURCE || !isalpha((unsigned char)s[0])) {
        /* a CJK name: up to the first break */
        len = 0;
        while (len < n && !html_byline_break_at(s, n, len))
            len++;
        if (len != n && slot == MS_AUTHOR_BYLINE)
            return;
    } else {
        len = html_byline_english_name(s, n);
        if (len != n)
            return;
    }
    if (html_byline_name_ok(s, len,
                            slot == MS_AUTHOR_SOURCE ? L_SOURCE : L_PERSON))
        html_meta_offer(m, slot, rank, s, len);
}

/* A short block whose class names it a byline or a source. */
static void read_by_class(html_meta *m, const sl_block *b)
{
    if (!b->html || !b->html->class_id || b->len > CLASS_BYTES || b->len < 2)
        return;
    const char *cls = b->html->class_id;
    if (strstr(cls, "author") || strstr(cls, "byline") || strstr(cls, "writer"))
        offer_marked(m, MS_AUTHOR_BYLINE, 2, b->text, b->len);
    else if (strstr(cls, "source"))
        offer_marked(m, MS_AUTHOR_SOURCE, 2, b->text, b->len);
}

static void read_block(html_meta *m, const sl_block *b, const html_date *now,
                       where w, int list)
{
    uint32_t hints = b->html ? b->html->hints : 0;
    if (list && b->html && b->html->link_chars * 5 >= b->html->text_chars * 2)
        return;
    /* a post's closing line ("posted @ 2024-05-09 14:45 ... 编辑 收藏")
     * looks like navigation or a footer; only its labelled date is read */
    if (w == W_END && (hints & far_hints) &&
        !(hints & far_hints & ~(SL_HINT_NAV | SL_HINT_FOOTER))) {
        html_byline_read_date(m, b->text, b->len, now, w);
        html_byline_read_posted_at(m, b->text, b->len);
        return;
    }
    /* the lines right under the title are the headline's own, whatever
     * their class says ("headline__footer" holds the byline) */
    if (w == W_HEADLINE && (hints & far_hints) == SL_HINT_FOOTER)
        hints &= ~(uint32_t)SL_HINT_FOOTER;
    if (hints & far_hints)
        return;
    html_byline_read_labels(m, b->text, b->len);
    html_byline_read_posted_at(m, b->text, b->len);
    if (w != W_END) {
        html_byline_read_posted_by(m, b->text, b->len);
        html_byline_read_english(m, b->text, b->len);
        read_by_class(m, b);
    }
    html_byline_read_date(m, b->text, b->len, now, w);
}

/* A poster's line as a name: "henryspace @henryspace" gives its first
 * part. User names may be lower case and hold digits (ddos8919), but not
 * a colon, a bracket or a word of the page's buttons. */
static void offer_poster(html_meta *m, const char *s)
{
    size_t n = strcspn(s, "@:()[]|");
    if (s[n] == ':' || s[n] == '(' || s[n] == '[' || s[n] == '|')
        return;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (html_byline_breaks_user_name(s, n))
        return;
    size_t chars = sl_utf8_count(s, n);
    if (chars >= 2 && chars <= POSTER_CHARS && !html_byline_ui_word(s, n) &&
        !html_byline_ends_with_title(s, n))
        html_meta_offer(m, MS_AUTHOR_POST, 0, s, n);
}

void html_meta_visible(html_meta *m, const sl_doc *doc, const html_date *now)
{
    if (doc->n_blocks == 0)
        return;
    /* on a list page the lines of links, the names marked inline and the
     * unmarked <time>s are its items' */
    const char *type = sl_doc_meta_string(doc, "page_type");
    int list = type && strcmp(type, "list") == 0;
    long t = html_byline_title_block(doc);
    long a0 = t > BEFORE_TITLE ? t - BEFORE_TITLE : 0;
    long a1 = t + AFTER_TITLE;
    /* on a thread the window reaches the first post's body (its poster's
     * column may fill the blocks after the title), and the end of the
     * main content is the last reply's, not the page's */
    const char *poster, *posted;
    long post = html_byline_first_post(doc, type, &poster, &posted);
    long answers = post >= t ? html_byline_answers_start(doc, t, post) : -1;
    if (answers >= 0) {
        poster = posted = NULL;
        if (answers < a1)
            a1 = answers;
    } else if (post >= t && post + POST_LINES > a1) {
        a1 = post + POST_LINES;
    }
    if (a1 > (long)doc->n_blocks)
        a1 = (long)doc->n_blocks;
    for (long i = a0; i < a1; i++)
        read_block(m, &doc->blocks[i], now,
                   i < t                     ? W_BEFORE
                   : i <= t + HEADLINE_LINES ? W_HEADLINE
                                             : W_AFTER,
                   list);
    /* the name and date lines under a thread's title are its opener's,
     * before a poster the post finder took for the first (a reply's,
     * when the opener's post was not found) */
    long date = list ? -1 : html_byline_headline_date(doc, t, a1);
    long named = html_byline_headline_byline(doc, t, date);
    if (named >= 0)
        html_meta_offer(m, post >= 0 ? MS_AUTHOR_POST : MS_AUTHOR_BYLINE,
                        post >= 0 ? 0 : 4, doc->blocks[named].text,
                        doc->blocks[named].len);
    if (poster)
        offer_poster(m, poster);
    /* its time line may follow a long body (an answer's "发布于" below it) */
    if (posted)
        html_byline_read_date(m, posted, strlen(posted), now, W_AFTER);
    long e = post >= 0 ? -1 : html_byline_main_end(doc);
    if (e >= 0) {
        long b0 = e > AROUND_END ? e - AROUND_END : 0;
        long b1 = e + AROUND_END + 1;
        if (b0 < a1)
            b0 = a1;
        if (b1 > (long)doc->n_blocks)
            b1 = (long)doc->n_blocks;
        for (long i = b0; i < b1; i++)
            read_block(m, &doc->blocks[i], now, W_END, list);
    }
    /* names marked inline (<span class="author">) near the title; a link
     * to an author's page only beside the date line under the headline
     * (not a reply's poster or a list of the site's writers) */
    for (size_t i = 0; i < m->n_marked && !list; i++) {
        const html_meta_marked_name *nm = &m->marked[i];
        long at = (long)nm->block;
        int near = nm->by_link
                       ? date >= 0 && at > t && at >= date - 2 && at <= date + 1
                       : at >= a0 && at < a1;
        if (near && strlen(nm->text) <= CLASS_BYTES)
            offer_marked(m, MS_AUTHOR_BYLINE, nm->by_link ? 3 : 2, nm->text,
                         strlen(nm->text));
    }
    for (size_t i = 0; i < m->n_times; i++) {
        const html_meta_time *tm = &m->times[i];
        size_t len = strlen(tm->datetime);
        if (tm->marked)
            html_meta_offer(m, MS_DATE_TIME, 0, tm->datetime, len);
        else if (!list && (long)tm->block >= t && (long)tm->block < a1)
            html_meta_offer(m, MS_DATE_TIME_NEAR, 0, tm->datetime, len);
    }
}
