/* plugins/html/html_byline_names.c - reading a name in a byline: where a
 * name ends (punctuation, brackets), the name after a label's separator,
 * cutting it at an editor's code or after an inner title (记者), and
 * whether it reads as a name: not a button's word (收藏), not a title,
 * not "unknown" (未知), of a name's length; a user name's test.
 */
#include "html_byline.h"

#include <ctype.h>
#include <string.h>

/* Punctuation and brackets that end a name or open a label. */
static const char *const breaks[] = {"，", "。", "；", "、",       "｜", "丨",
                                     "／", "（", "）", "【",       "】", "：",
                                     "「", "」", "《", "》",       "“",  "”",
                                     "·",  "•",  "—",  "\xC2\xA0", "　"};

size_t html_byline_break_at(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return strchr(" \t|/()[]:;,<>\"", c) || isdigit(c) ? 1 : 0;
    for (size_t k = 0; k < sizeof breaks / sizeof breaks[0]; k++) {
        if (html_byline_starts(s, n, i, breaks[k]))
            return strlen(breaks[k]);
    }
    return 0;
}

static const char *const titles[] = {"作者",   "记者",   "記者",    "编辑",
                                     "編輯",   "通讯员", "评论员",  "評論員",
                                     "撰稿人", "主笔",   "专栏作家"};

int html_byline_ends_with_title(const char *s, size_t n)
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
size_t html_byline_read_name(const char *s, size_t n, size_t i, int space_ok,
                             size_t *from)
{
    size_t j = i, sep = 0, mark = 0;
    while (j < n) {
        size_t b = 0;
        if (s[j] == ' ' || s[j] == ':' || s[j] == '/' || s[j] == '|' ||
            s[j] == ']')
            b = 1;
        else if (html_byline_starts(s, n, j, "：") ||
                 html_byline_starts(s, n, j, "／") ||
                 html_byline_starts(s, n, j, "丨") ||
                 html_byline_starts(s, n, j, "｜") ||
                 html_byline_starts(s, n, j, "　") ||
                 html_byline_starts(s, n, j, "】"))
            b = 3;
        else if (html_byline_starts(s, n, j, "\xC2\xA0"))
            b = 2;
        if (!b)
            break;
        mark |= s[j] != ' ' && !html_byline_starts(s, n, j, "\xC2\xA0") &&
                !html_byline_starts(s, n, j, "　");
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
        if (!latin &&
            (s[e] == ' ' || html_byline_starts(s, n, e, "\xC2\xA0")) &&
            html_byline_ends_with_title(s + j, e - j)) {
            /* "南都见习记者 林子沛": the name follows the title */
            e += s[e] == ' ' ? 1 : 2;
            continue;
        }
        if (html_byline_break_at(s, n, e))
            break;
        e++;
    }
    return e - j;
}

/* A name cut at an editor's code ("史建磊_NBJ11331") and after an inner
 * title ("观察者网专栏作者王文" gives "王文"). */
void html_byline_trim_name(const char *s, size_t *from, size_t *len)
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
int html_byline_ui_word(const char *v, size_t n)
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

int html_byline_name_ok(const char *v, size_t n, label_kind kind)
{
    if (n == 0 || html_byline_ends_with_title(v, n) ||
        html_byline_ui_word(v, n))
        return 0;
    if (isalpha((unsigned char)v[0]))
        return n >= 2 && n <= 60 && isupper((unsigned char)v[0]);
    size_t chars = sl_utf8_count(v, n);
    return chars >= 2 && chars <= (kind == L_SOURCE ? 16u : 10u);
}

/* 作者：未知: the page says it does not know. */
int html_byline_unknown(const char *v, size_t n)
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
int html_byline_breaks_user_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && !isdigit((unsigned char)s[i]) &&
            html_byline_break_at(s, n, i))
            return 1;
    }
    return 0;
}
