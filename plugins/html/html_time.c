/* plugins/html/html_time.c - recognises the short date and time lines
 * that posts, comments and replies carry ("2023-07-05 10:35", "July 5,
 * 2023", "3 hours ago", "3天前", "昨天 10:35"), the longer header lines
 * that hold a post's date and clock time, and floor numbers ("#12",
 * "12楼"); the page-type step counts them. One pass over the bytes, no
 * allocation.
 */
#include "html_internal.h"

#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* What the ASCII word s[0..n) (any case) is: a relative day or "ago"
 * (1), a month (2), "later" (3, wanting a number before it: "9 days
 * later", the gap a thread shows between two posts), or none (0). */
static int is_time_word(const char *s, size_t n)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr",
                                         "may", "jun", "jul", "aug",
                                         "sep", "oct", "nov", "dec"};
    static const char *const words[] = {"ago", "yesterday", "today"};
    char w[12];
    if (n < 3 || n >= sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++)
        w[i] = lower(s[i]);
    w[n] = '\0';
    if (strcmp(w, "later") == 0)
        return 3; /* "9 days later": wants a number before it */
    if (n <= 9) {
        for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
            if (memcmp(w, months[i], 3) == 0)
                return 2; /* a month: wants a number beside it */
        }
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(w, words[i]) == 0)
            return 1;
    }
    return 0;
}

static int has(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(s + i, needle, m) == 0)
            return 1;
    }
    return 0;
}

/* Whether needle occurs in s[0..n) after its first digit. */
static int has_after_digit(const char *s, size_t n, const char *needle)
{
    size_t i = 0;
    while (i < n && !is_digit(s[i]))
        i++;
    return i < n && has(s + i, n - i, needle);
}

/* Digits at s[i..): how many. */
static size_t digits_at(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && is_digit(s[i + k]))
        k++;
    return k;
}

static int date_separator(const char *s, size_t n, size_t i, size_t *len)
{
    if (i >= n)
        return 0;
    if (s[i] == '-' || s[i] == '/' || s[i] == '.') {
        *len = 1;
        return 1;
    }
    /* 年 E5 B9 B4, 月 E6 9C 88 */
    if (i + 3 <= n && (memcmp(s + i, "\xE5\xB9\xB4", 3) == 0 ||
                       memcmp(s + i, "\xE6\x9C\x88", 3) == 0)) {
        *len = 3;
        return 1;
    }
    return 0;
}

enum { SHORT_AGE_BYTES = 16 };

/* Whether s[at..) is a unit of age (y, mo, w, d, h, m, yr, hr, min) that
 * ends a word. */
static int relative_unit(const char *s, size_t n, size_t at)
{
    static const char *const units[] = {"min", "mo", "yr", "hr", "y",
                                        "w",   "d",  "h",  "m"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t k = strlen(units[i]);
        if (at + k <= n && memcmp(s + at, units[i], k) == 0 &&
            (at + k == n || !is_alpha(s[at + k])))
            return 1;
    }
    return 0;
}

int html_looks_like_time(const char *s, size_t n)
{
    int any_digit = 0, month = 0;
    for (size_t i = 0; i < n;) {
        if (is_digit(s[i])) {
            any_digit = 1;
            size_t d = digits_at(s, n, i), sep = 0;
            /* 2023-07-05, 7/5/2023, 2023年7月, 7月5日 */
            if (date_separator(s, n, i + d, &sep) &&
                digits_at(s, n, i + d + sep) >= 1 &&
                (d == 4 || (d <= 2 && sep == 3) ||
                 (d <= 2 && digits_at(s, n, i + d + sep) <= 2 &&
                  date_separator(
                      s, n, i + d + sep + digits_at(s, n, i + d + sep), &sep))))
                return 1;
            /* 4y, 14d, 2h, 5mo on a short line ("· 4y") */
            if (n <= SHORT_AGE_BYTES && relative_unit(s, n, i + d))
                return 1;
            /* 10:35 */
            if (d >= 1 && d <= 2 && i + d < n && s[i + d] == ':' &&
                digits_at(s, n, i + d + 1) == 2)
                return 1;
            i += d;
            continue;
        }
        if (is_alpha(s[i])) {
            size_t k = 0;
            while (i + k < n && is_alpha(s[i + k]))
                k++;
            int w = is_time_word(s + i, k);
            if (w == 1 &&
                (k != 3 || any_digit || has(s, n, " an ") || has(s, n, "a ")))
                return 1;
            if (w == 2)
                month = 1;
            if (w == 3 && any_digit)
                return 1;
            i += k;
            continue;
        }
        i++;
    }
    if (month && any_digit)
        return 1;
    /* 3天前, 5分钟前, 昨天, 刚刚; the 前 after the number ("发生前83秒",
     * before it struck, is no age); a thread's gap between posts, 9 天
     * 后 (9 days later), is a time too */
    if ((has_after_digit(s, n, "\xE5\x89\x8D") /* 前 */ ||
         has_after_digit(s, n, "\xE5\x90\x8E") /* 后 */) &&
        (has(s, n, "\xE5\xA4\xA9") /* 天 */ ||
         has(s, n, "\xE6\x97\xB6") /* 时 */ ||
         has(s, n, "\xE5\x88\x86") /* 分 */ ||
         has(s, n, "\xE6\x9C\x88") /* 月 */ ||
         has(s, n, "\xE5\xB9\xB4") /* 年 */ ||
         has(s, n, "\xE5\x91\xA8") /* 周 */ ||
         has(s, n, "\xE7\xA7\x92") /* 秒 */))
        return 1;
    return has(s, n, "\xE6\x98\xA8\xE5\xA4\xA9") /* 昨天 */ ||
           has(s, n, "\xE5\x88\x9A\xE5\x88\x9A") /* 刚刚 */;
}

/* Whether s[i..) starts a date with its year: 2024-05-12, 2024/5/12,
 * 2024.05.12, 2024年5月, 5/12/2024, 12.05.2024. */
static int year_date_at(const char *s, size_t n, size_t i)
{
    size_t d = digits_at(s, n, i), sep = 0;
    if (d == 4)
        return date_separator(s, n, i + d, &sep) &&
               digits_at(s, n, i + d + sep) >= 1 &&
               digits_at(s, n, i + d + sep) <= 2;
    if (d < 1 || d > 2 || !date_separator(s, n, i + d, &sep) || sep != 1)
        return 0;
    size_t at = i + d + sep, m = digits_at(s, n, at);
    if (m < 1 || m > 2 || !date_separator(s, n, at + m, &sep) || sep != 1)
        return 0;
    return digits_at(s, n, at + m + sep) == 4;
}

int html_looks_like_post_header(const char *s, size_t n)
{
    int date = 0, clock = 0;
    for (size_t i = 0; i < n;) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        size_t d = digits_at(s, n, i);
        if (year_date_at(s, n, i))
            date = 1;
        if (d >= 1 && d <= 2 && i + d < n && s[i + d] == ':' &&
            digits_at(s, n, i + d + 1) == 2)
            clock = 1;
        i += d;
    }
    return date && clock;
}

int html_looks_like_floor(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    /* 沙发 板凳 地板: the first replies' names */
    if (n == 6 && (memcmp(s, "\xE6\xB2\x99\xE5\x8F\x91", 6) == 0 ||
                   memcmp(s, "\xE6\x9D\xBF\xE5\x87\xB3", 6) == 0 ||
                   memcmp(s, "\xE5\x9C\xB0\xE6\x9D\xBF", 6) == 0))
        return 1;
    size_t at = 0;
    if (at < n && s[at] == '#')
        at++;
    else if (n >= 3 && memcmp(s, "\xE7\xAC\xAC", 3) == 0) /* 第 */
        at = 3;
    size_t d = digits_at(s, n, at);
    if (d == 0 || d > 6)
        return 0;
    at += d;
    if (s[0] == '#')
        return at == n; /* #12 */
    /* 12楼, 12#, 12F, 12L */
    if (at + 3 == n && memcmp(s + at, "\xE6\xA5\xBC", 3) == 0)
        return 1;
    return s[0] != '\xE7' && at + 1 == n &&
           (s[at] == '#' || s[at] == 'F' || s[at] == 'L');
}
