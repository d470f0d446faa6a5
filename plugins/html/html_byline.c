/* plugins/html/html_byline.c - the author and date a page writes in its
 * text: labelled bylines (作者：, 记者 , 文/, 责任编辑：, 来源：, "By ...",
 * "Author: ..."), short blocks whose class names them (author, byline,
 * source), <time> elements and dates near the title. Only a window of
 * blocks around the title and the end of the main content is read, and
 * only the head of each block, so the cost does not grow with the page.
 */
#include "html_internal.h"
#include "html_meta.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

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

typedef struct label {
    const char *text;
    label_kind kind;
} label;

/* Longer labels first where one contains another. */
static const label labels[] = {
    {"责任编辑", L_EDITOR}, {"責任編輯", L_EDITOR}, {"本报记者", L_PERSON},
    {"特约记者", L_PERSON}, {"本文来源", L_SOURCE}, {"稿件来源", L_SOURCE},
    {"文章来源", L_SOURCE}, {"作者", L_PERSON},     {"撰文", L_PERSON},
    {"撰稿", L_PERSON},     {"记者", L_PERSON},     {"記者", L_PERSON},
    {"采写", L_PERSON},     {"採寫", L_PERSON},     {"通讯员", L_PERSON},
    {"图文", L_PERSON},     {"文字", L_PERSON},     {"文", L_PERSON},
    {"责编", L_EDITOR},     {"编辑", L_EDITOR},     {"編輯", L_EDITOR},
    {"来源", L_SOURCE},     {"來源", L_SOURCE},     {"出处", L_SOURCE},
};

static const html_meta_slot label_slot[] = {MS_AUTHOR_BYLINE, MS_AUTHOR_EDITOR,
                                            MS_AUTHOR_SOURCE};

static int starts(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* Punctuation and brackets that end a name or open a label. */
static const char *const breaks[] = {"，", "。", "；", "、",       "｜", "丨",
                                     "／", "（", "）", "【",       "】", "：",
                                     "「", "」", "《", "》",       "“",  "”",
                                     "·",  "•",  "—",  "\xC2\xA0", "　"};

static size_t break_at(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return strchr(" \t|/()[]:;,<>\"", c) || isdigit(c) ? 1 : 0;
    for (size_t k = 0; k < sizeof breaks / sizeof breaks[0]; k++) {
        if (starts(s, n, i, breaks[k]))
            return strlen(breaks[k]);
    }
    return 0;
}

static int label_start_ok(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char c = (unsigned char)s[i - 1];
    if (c == ' ' || c == '[' || c == '(' || c == '|' || c == ']' || c == ')')
        return 1;
    static const char *const open[] = {"【", "（",       "】", "）", "｜",
                                       "丨", "\xC2\xA0", "　", "「", "["};
    for (size_t k = 0; k < sizeof open / sizeof open[0]; k++) {
        size_t l = strlen(open[k]);
        if (i >= l && memcmp(s + i - l, open[k], l) == 0)
            return 1;
    }
    return 0;
}

static const char *const titles[] = {"作者",   "记者",   "記者",    "编辑",
                                     "編輯",   "通讯员", "评论员",  "評論員",
                                     "撰稿人", "主笔",   "专栏作家"};

static int ends_with_title(const char *s, size_t n)
{
    for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++) {
        size_t l = strlen(titles[k]);
        if (n > l && memcmp(s + n - l, titles[k], l) == 0)
            return 1;
    }
    return 0;
}

/* The name after a label at s[i]: skips a separator (：: / 丨 | or a
 * space), reads to the next break. 0 when there is no separator or no
 * name. */
static size_t read_name(const char *s, size_t n, size_t i, int space_ok,
                        size_t *from)
{
    size_t j = i, sep = 0, mark = 0;
    while (j < n) {
        size_t b = 0;
        if (s[j] == ' ' || s[j] == ':' || s[j] == '/' || s[j] == '|' ||
            s[j] == ']')
            b = 1;
        else if (starts(s, n, j, "：") || starts(s, n, j, "／") ||
                 starts(s, n, j, "丨") || starts(s, n, j, "｜") ||
                 starts(s, n, j, "　") || starts(s, n, j, "】"))
            b = 3;
        else if (starts(s, n, j, "\xC2\xA0"))
            b = 2;
        if (!b)
            break;
        mark |= s[j] != ' ' && !starts(s, n, j, "\xC2\xA0") &&
                !starts(s, n, j, "　");
        j += b;
        sep = 1;
    }
    if (!sep || j >= n || (!mark && !space_ok))
        return 0;
    *from = j;
    int latin = isalpha((unsigned char)s[j]);
    size_t e = j;
    while (e < n) {
        if (latin && s[e] == ' ' && e + 1 < n &&
            isalpha((unsigned char)s[e + 1])) {
            e++;
            continue;
        }
        if (!latin && (s[e] == ' ' || starts(s, n, e, "\xC2\xA0")) &&
            ends_with_title(s + j, e - j)) {
            /* "南都见习记者 林子沛": the name follows the title */
            e += s[e] == ' ' ? 1 : 2;
            continue;
        }
        if (break_at(s, n, e))
            break;
        e++;
    }
    return e - j;
}

/* A name cut at an editor's code ("史建磊_NBJ11331") and after an inner
 * title ("观察者网专栏作者王文" gives "王文"). */
static void trim_name(const char *s, size_t *from, size_t *len)
{
    const char *v = s + *from;
    size_t n = *len;
    const char *u = memchr(v, '_', n);
    if (u)
        n = (size_t)(u - v);
    for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++) {
        size_t l = strlen(titles[k]);
        for (size_t i = 0; i + l < n;) {
            if (memcmp(v + i, titles[k], l) == 0) {
                v += i + l;
                n -= i + l;
                i = 0;
            } else {
                i++;
            }
        }
    }
    while (n > 0 && (*v == ' ' || *v == ':'))
        v++, n--;
    if (n >= 2 && (unsigned char)v[0] == 0xC2 && (unsigned char)v[1] == 0xA0)
        v += 2, n -= 2;
    *from = (size_t)(v - s);
    *len = n;
}

/* Words of a page's buttons and counters, never a name. */
static int ui_word(const char *v, size_t n)
{
    static const char *const words[] = {
        "收藏", "举报", "分享", "评论", "点赞",   "关注", "回复", "登录",
        "注册", "打印", "纠错", "网络", "互联网", "本站", "原创"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (n == strlen(words[k]) && memcmp(v, words[k], n) == 0)
            return 1;
    }
    return 0;
}

static int name_ok(const char *v, size_t n, label_kind kind)
{
    if (n == 0 || ends_with_title(v, n) || ui_word(v, n))
        return 0;
    if (isalpha((unsigned char)v[0]))
        return n >= 2 && n <= 60 && isupper((unsigned char)v[0]);
    size_t chars = sl_utf8_count(v, n);
    return chars >= 2 && chars <= (kind == L_SOURCE ? 16u : 10u);
}

/* 作者：未知: the page says it does not know. */
static int unknown(const char *v, size_t n)
{
    static const char *const words[] = {"未知", "佚名",    "不详",
                                        "不詳", "unknown", "Unknown"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (n == strlen(words[k]) && memcmp(v, words[k], n) == 0)
            return 1;
    }
    return 0;
}

/* Whether a user name s[0..n) holds punctuation or a bracket (a space or a
 * digit is fine: "ddos8919", "Jane Doe"). */
static int breaks_user_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && !isdigit((unsigned char)s[i]) && break_at(s, n, i))
            return 1;
    }
    return 0;
}

/* "由 ddos8919发布于 2024-02-24", "本文由 张三 发表": the name between 由
 * and the verb of posting, at the start of a block. User names may be
 * lower case and hold digits. */
static void read_posted_by(html_meta *m, const char *s, size_t n)
{
    static const char *const verbs[] = {"发布", "發佈", "發布", "发表", "發表"};
    size_t i = starts(s, n, 0, "本文由") ? 9 : starts(s, n, 0, "由") ? 3 : 0;
    if (i == 0)
        return;
    while (i < n && s[i] == ' ')
        i++;
    size_t from = i;
    for (; i < n && i - from <= HEAD_BYTES / 2; i++) {
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
            if (!starts(s, n, i, verbs[k]))
                continue;
            size_t e = i;
            while (e > from && s[e - 1] == ' ')
                e--;
            if (breaks_user_name(s + from, e - from))
                return;
            size_t chars = sl_utf8_count(s + from, e - from);
            if (chars >= 2 && chars <= POSTER_CHARS &&
                !ui_word(s + from, e - from))
                html_meta_offer(m, MS_AUTHOR_BYLINE, 1, s + from, e - from);
            return;
        }
    }
}

/* Labelled bylines in the head of a block. */
static void read_labels(html_meta *m, const char *s, size_t n)
{
    if (n > HEAD_BYTES)
        n = HEAD_BYTES;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0xE3 || !label_start_ok(s, i))
            continue;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
            if (!starts(s, n, i, labels[k].text))
                continue;
            /* "记者 张三" may go without a colon; "编辑 收藏" is a row of
             * buttons */
            size_t from, len = read_name(s, n, i + strlen(labels[k].text),
                                         labels[k].kind == L_PERSON, &from);
            if (len) {
                trim_name(s, &from, &len);
                if (labels[k].kind == L_PERSON && unknown(s + from, len))
                    m->author_unknown = 1;
                else if (name_ok(s + from, len, labels[k].kind))
                    html_meta_offer(m, label_slot[labels[k].kind], 0, s + from,
                                    len);
            }
            break;
        }
    }
}

static int is_month_or_day(const char *w, size_t n)
{
    static const char *const words[] = {
        "Jan",       "Feb",      "Mar",      "Apr",         "May",
        "Jun",       "Jul",      "Aug",      "Sep",         "Sept",
        "Oct",       "Nov",      "Dec",      "January",     "February",
        "March",     "April",    "June",     "July",        "August",
        "September", "October",  "November", "December",    "Mon",
        "Tue",       "Wed",      "Thu",      "Fri",         "Sat",
        "Sun",       "Monday",   "Tuesday",  "Wednesday",   "Thursday",
        "Friday",    "Saturday", "Sunday",   "Updated",     "Published",
        "Posted",    "Photo",    "Photos",   "Illustration"};
    while (n > 0 && w[n - 1] == '.')
        n--;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (strlen(words[k]) == n && strncmp(w, words[k], n) == 0)
            return 1;
    }
    return 0;
}

/* A word that names a writer's job, in a byline after the name:
 * "By Mark Kinver, Environment reporter", "Michael Goldfarb Writer". */
static int is_job_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "reporter",  "correspondent", "editor",       "writer",
        "columnist", "contributor",   "photographer", "producer"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (strlen(words[k]) == n && strncasecmp(w, words[k], n) == 0)
            return 1;
    }
    return 0;
}

/* Whether the word s[0..n) is written in capitals only (BBC, AP). */
static int all_caps(const char *w, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)w[i]) || (unsigned char)w[i] >= 0x80)
            return 0;
        letters += isupper((unsigned char)w[i]) != 0;
    }
    return letters >= 2;
}

/* The length of the person's name at the start of s: capitalised words
 * (with "and", "de", "van"... between them), up to a word that is not
 * part of a name: a lower-case word, a month or a weekday, a job
 * ("Writer"; before a lower-case job, "Environment reporter", the
 * capitalised word is the job's too) or, after mixed-case words, one in
 * capitals (an outlet: "Jane O'Brien BBC"). 0 when s does not start with
 * one. */
static size_t english_name(const char *s, size_t n)
{
    size_t i = 0, end = 0, before_last = 0, words = 0;
    int mixed = 0;
    while (i < n && words < 8) {
        size_t w = i;
        while (i < n &&
               (isalpha((unsigned char)s[i]) || s[i] == '.' || s[i] == '\'' ||
                s[i] == '-' || (unsigned char)s[i] >= 0xC3))
            i++;
        if (i == w)
            break;
        size_t wl = i - w;
        int lower = islower((unsigned char)s[w]);
        int joiner = (wl == 3 && strncmp(s + w, "and", 3) == 0) ||
                     (wl == 2 && (strncmp(s + w, "de", 2) == 0 ||
                                  strncmp(s + w, "la", 2) == 0)) ||
                     (wl == 3 && (strncmp(s + w, "van", 3) == 0 ||
                                  strncmp(s + w, "von", 3) == 0 ||
                                  strncmp(s + w, "der", 3) == 0));
        if (lower && !joiner) {
            if (is_job_word(s + w, wl) && words >= 3)
                end = before_last;
            break;
        }
        if (is_month_or_day(s + w, wl) || (!lower && is_job_word(s + w, wl)) ||
            (mixed && all_caps(s + w, wl)))
            break;
        if (!lower) {
            before_last = end;
            end = i;
            mixed |= !all_caps(s + w, wl);
        }
        words++;
        if (i < n && s[i] == ' ')
            i++;
        else
            break;
    }
    return end > 0 && isupper((unsigned char)s[0]) ? end : 0;
}

/* Where the name starts in a date line that goes on with "by":
 * "Posted on March 5, 2024 by Jane Doe", "March 5, 2024 | By Jane Doe".
 * 0 when the line is longer than a date line or holds no date before
 * the "by". */
static size_t by_after_date(const char *s, size_t n)
{
    if (n > LINE_BYTES)
        return 0;
    for (size_t i = 1; i + 4 < n && i < HEAD_BYTES; i++) {
        if ((s[i - 1] != ' ' && s[i - 1] != '|') ||
            strncasecmp(s + i, "by ", 3) != 0)
            continue;
        html_date d;
        size_t at, end;
        if (!html_date_find(s, i, NULL, &d, &at, &end))
            return 0;
        /* the date opens the line, or "Posted on" / "Published" does: in
         * "Approved March 5, 2024 by Congress" no author is named */
        static const char *const heads[] = {
            "", "on ", "posted ", "posted on ", "published ", "published on "};
        for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
            if (at == strlen(heads[k]) && strncasecmp(s, heads[k], at) == 0)
                return i + 3;
        }
        return 0;
    }
    return 0;
}

/* "By Jane Doe", "Written by Jane Doe and John Roe | Reuters",
 * "Author: Jane Doe" at the start of a block. */
static void read_english(html_meta *m, const char *s, size_t n)
{
    static const char *const leads[] = {
        "by ",       "written by ", "posted by ",   "words by ",
        "story by ", "opinion by ", "analysis by ", "commentary by ",
        "author: ",  "authors: ",   "author "};
    size_t i = 0;
    for (size_t k = 0; k < sizeof leads / sizeof leads[0]; k++) {
        size_t l = strlen(leads[k]);
        if (n > l && strncasecmp(s, leads[k], l) == 0) {
            i = l;
            break;
        }
    }
    if (i == 0)
        i = by_after_date(s, n);
    if (i == 0)
        return;
    while (i < n && s[i] == ' ')
        i++;
    size_t len = english_name(s + i, n - i);
    if (len)
        html_meta_offer(m, MS_AUTHOR_BYLINE, 1, s + i, len);
}

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
    return starts(s, n, end, "--") || starts(s, n, end, "—") ||
           starts(s, n, end, "–") || starts(s, n, end, "- ");
}

/* i past spaces and no-break spaces. */
static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && s[i] == ' ')
            i++;
        else if (starts(s, n, i, "\xC2\xA0"))
            i += 2;
        else
            return i;
    }
}

/* A blog post's closing line names its poster after the date: "posted @
 * 2024-05-09 14:45 好看的hk 阅读(430) 评论(2)". The name is the word after
 * the date when a counter (阅读, 评论, views, comments) or the end of the
 * line follows it. */
static void read_posted_at(html_meta *m, const char *s, size_t n)
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
    while (i < n && s[i] != ' ' && !starts(s, n, i, "\xC2\xA0"))
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
        !breaks_user_name(s + from, e - from) && !ui_word(s + from, e - from))
        html_meta_offer(m, MS_AUTHOR_BYLINE, 3, s + from, e - from);
}

/* Where a block lies: before the title, among the few lines right under
 * it, further after it, or around the end of the main content. */
typedef enum where { W_BEFORE, W_HEADLINE, W_AFTER, W_END } where;

/* A date in a block; before the title and at the end of the article only
 * a labelled one ("发布于 ...", "Posted ...") counts, and a date labelled
 * as an update ("更新", "Updated") never does. */
static void read_date(html_meta *m, const char *s, size_t n,
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
        while (len < n && !break_at(s, n, len))
            len++;
        if (len != n && slot == MS_AUTHOR_BYLINE)
            return;
    } else {
        len = english_name(s, n);
        if (len != n)
            return;
    }
    if (name_ok(s, len, slot == MS_AUTHOR_SOURCE ? L_SOURCE : L_PERSON))
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

static const uint32_t far_hints = SL_HINT_NAV | SL_HINT_FOOTER |
                                  SL_HINT_SIDEBAR | SL_HINT_RELATED |
                                  SL_HINT_COMMENT | SL_HINT_AD;

/* The title's block: flagged, else the first h1, else a block that reads
 * as the title (a title in a <div>), else the main content's first. */
static long title_block(const sl_doc *doc)
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

static long main_end(const sl_doc *doc)
{
    for (size_t i = doc->n_blocks; i-- > 0;) {
        const sl_block *b = &doc->blocks[i];
        if (b->html && (b->html->hints & SL_HINT_MAIN))
            return (long)i;
    }
    return -1;
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
        read_date(m, b->text, b->len, now, w);
        read_posted_at(m, b->text, b->len);
        return;
    }
    /* the lines right under the title are the headline's own, whatever
     * their class says ("headline__footer" holds the byline) */
    if (w == W_HEADLINE && (hints & far_hints) == SL_HINT_FOOTER)
        hints &= ~(uint32_t)SL_HINT_FOOTER;
    if (hints & far_hints)
        return;
    read_labels(m, b->text, b->len);
    read_posted_at(m, b->text, b->len);
    if (w != W_END) {
        read_posted_by(m, b->text, b->len);
        read_english(m, b->text, b->len);
        read_by_class(m, b);
    }
    read_date(m, b->text, b->len, now, w);
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
    if (ui_word(s, n))
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
    if (n == 0 || b->kind == SL_BLOCK_HEADING || ui_word(s, n) ||
        ends_with_title(s, n) || unknown(s, n))
        return 0;
    if (isalpha((unsigned char)s[0]))
        return memchr(s, ' ', n) && english_name(s, n) == n;
    if ((unsigned char)s[0] < 0xE3)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (break_at(s, n, i) || isdigit((unsigned char)s[i]))
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
static long headline_date(const sl_doc *doc, long t, long a1)
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
static long headline_byline(const sl_doc *doc, long t, long date)
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
static long first_post(const sl_doc *doc, const char *type, const char **poster,
                       const char **time)
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
static long answers_start(const sl_doc *doc, long t, long post)
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
    if (breaks_user_name(s, n))
        return;
    size_t chars = sl_utf8_count(s, n);
    if (chars >= 2 && chars <= POSTER_CHARS && !ui_word(s, n) &&
        !ends_with_title(s, n))
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
    long t = title_block(doc);
    long a0 = t > BEFORE_TITLE ? t - BEFORE_TITLE : 0;
    long a1 = t + AFTER_TITLE;
    /* on a thread the window reaches the first post's body (its poster's
     * column may fill the blocks after the title), and the end of the
     * main content is the last reply's, not the page's */
    const char *poster, *posted;
    long post = first_post(doc, type, &poster, &posted);
    long answers = post >= t ? answers_start(doc, t, post) : -1;
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
    long date = list ? -1 : headline_date(doc, t, a1);
    long named = headline_byline(doc, t, date);
    if (named >= 0)
        html_meta_offer(m, post >= 0 ? MS_AUTHOR_POST : MS_AUTHOR_BYLINE,
                        post >= 0 ? 0 : 4, doc->blocks[named].text,
                        doc->blocks[named].len);
    if (poster)
        offer_poster(m, poster);
    /* its time line may follow a long body (an answer's "发布于" below it) */
    if (posted)
        read_date(m, posted, strlen(posted), now, W_AFTER);
    long e = post >= 0 ? -1 : main_end(doc);
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
