/* plugins/html/html_date.c - dates as pages write them: machine dates in
 * metadata ("2019-09-07T16:28:35+08:00"), numeric and Chinese dates in
 * text ("2019-09-07 16:28", "2019年9月7日 08:05"), English ones
 * ("September 7, 2019", "7 Sep 2019 10:20 AM"), and relative ones (3天前,
 * 昨天 10:20, "2 days ago") resolved against a given crawl date. A date
 * is kept as precise as it is written; nothing missing is filled in.
 */
#include "html_meta.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads 1..max digits at s[*i]; returns the value or -1. */
static int read_num(const char *s, size_t n, size_t *i, int max)
{
    int v = 0, k = 0;
    while (*i < n && k < max && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k == 0 || (*i < n && is_digit(s[*i])))
        return -1;
    return v;
}

static int starts(const char *s, size_t n, size_t i, const char *lit)
{
    size_t l = strlen(lit);
    return i + l <= n && memcmp(s + i, lit, l) == 0;
}

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int valid_day(const html_date *d)
{
    return d->year >= 1970 && d->year <= 2100 && d->month >= 1 &&
           d->month <= 12 && d->day >= 1 &&
           d->day <= days_in(d->year, d->month);
}

static void clear(html_date *d)
{
    d->year = d->month = d->day = d->hour = d->minute = d->second = -1;
    d->tz[0] = '\0';
    d->relative = 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        else if (starts(s, n, i, "\xC2\xA0") || starts(s, n, i, "\xE3\x80\x80"))
            i += s[i] == '\xC2' ? 2 : 3;
        else
            return i;
    }
}

/* "HH:MM[:SS]" (or 时/分/秒) at s[i], with an optional am/pm; fills d. */
static size_t read_time(const char *s, size_t n, size_t i, html_date *d)
{
    size_t j = i;
    int h = read_num(s, n, &j, 2), mi = -1, se = -1;
    if (h < 0)
        return i;
    if (j < n && s[j] == ':') {
        j++;
    } else if (starts(s, n, j, "时") || starts(s, n, j, "點") ||
               starts(s, n, j, "点")) {
        j += 3;
    } else {
        return i;
    }
    mi = read_num(s, n, &j, 2);
    if (mi < 0 || h > 23 || mi > 59)
        return i;
    int cjk_minute = starts(s, n, j, "分");
    if (cjk_minute)
        j += 3;
    size_t k = j;
    if (!cjk_minute && k < n && s[k] == ':')
        k++;
    if ((k > j || cjk_minute) && k < n && is_digit(s[k])) {
        int v = read_num(s, n, &k, 2);
        if (v >= 0 && v <= 60) {
            se = v;
            j = k;
            if (starts(s, n, j, "秒"))
                j += 3;
        }
    }
    if (j < n && s[j] == '.') { /* fractions of a second */
        size_t k2 = j + 1;
        while (k2 < n && is_digit(s[k2]))
            k2++;
        if (k2 > j + 1)
            j = k2;
    }
    size_t a = skip_spaces(s, n, j);
    if (a + 1 < n &&
        (strncasecmp(s + a, "am", 2) == 0 || strncasecmp(s + a, "pm", 2) == 0 ||
         strncasecmp(s + a, "a.m.", 4) == 0 ||
         strncasecmp(s + a, "p.m.", 4) == 0)) {
        int pm = s[a] == 'p' || s[a] == 'P';
        if (h < 1 || h > 12)
            return i;
        h = h % 12 + (pm ? 12 : 0);
        j = a + (s[a + 1] == '.' ? 4 : 2);
    }
    d->hour = h;
    d->minute = mi;
    d->second = se;
    return j;
}

/* "Z", "+08:00", "+0800" at s[i]. */
static size_t read_tz(const char *s, size_t n, size_t i, html_date *d)
{
    if (i < n && s[i] == 'Z') {
        strcpy(d->tz, "Z");
        return i + 1;
    }
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        size_t j = i + 1;
        int h = read_num(s, n, &j, 2);
        if (h < 0 || h > 14 || j != i + 3)
            return i;
        int m = 0;
        if (j < n && s[j] == ':')
            j++;
        if (j + 1 < n && is_digit(s[j])) {
            m = read_num(s, n, &j, 2);
            if (m < 0 || m > 59)
                return i;
        }
        snprintf(d->tz, sizeof d->tz, "%c%02d:%02d", s[i], h, m);
        return j;
    }
    return i;
}

/* Year-month-day at s[i] with -, /, . or 年月日 between; then an
 * optional time. Returns the end, or i when there is no date. */
static size_t read_numeric(const char *s, size_t n, size_t i, html_date *d)
{
    size_t j = i;
    int y = read_num(s, n, &j, 4);
    if (y < 0 || j - i != 4)
        return i;
    int cjk = 0;
    char sep = 0;
    if (starts(s, n, j, "年")) {
        cjk = 1;
        j += 3;
    } else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
        sep = s[j++];
    } else if (j + 4 <= n && is_digit(s[j])) {
        /* 20190907 */
        size_t k = j;
        int md = read_num(s, n, &k, 4);
        if (md < 0 || k - j != 4)
            return i;
        d->year = y;
        d->month = md / 100;
        d->day = md % 100;
        return valid_day(d) ? k : (clear(d), i);
    } else {
        return i;
    }
    j = skip_spaces(s, n, j);
    int m = read_num(s, n, &j, 2);
    if (m < 0)
        return i;
    if (cjk) {
        if (!starts(s, n, j, "月"))
            return i;
        j = skip_spaces(s, n, j + 3);
    } else if (j < n && s[j] == sep) {
        j++;
    } else {
        return i;
    }
    int day = read_num(s, n, &j, 2);
    if (day < 0)
        return i;
    if (cjk && (starts(s, n, j, "日") || starts(s, n, j, "号")))
        j += 3;
    d->year = y;
    d->month = m;
    d->day = day;
    if (!valid_day(d)) {
        clear(d);
        return i;
    }
    size_t t =
        j < n && (s[j] == 'T' || s[j] == 't') ? j + 1 : skip_spaces(s, n, j);
    size_t after = read_time(s, n, t, d);
    if (after > t) {
        j = read_tz(s, n, after, d);
        if (j == after)
            j = after;
    }
    return j;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* An English month name at s[i]; returns 1..12 and sets *end, or 0. */
static int read_month(const char *s, size_t n, size_t i, size_t *end)
{
    if (i + 3 > n)
        return 0;
    if (i > 0 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))
        return 0;
    for (int k = 0; k < 12; k++) {
        if (strncasecmp(s + i, months[k], 3) != 0)
            continue;
        size_t j = i + 3;
        while (j < n && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'))
            j++;
        /* the whole word must be the month or its abbreviation */
        static const char *const full[] = {"january", "february", "march",
                                           "april",   "may",      "june",
                                           "july",    "august",   "september",
                                           "october", "november", "december"};
        size_t wl = j - i;
        if (wl != 3 && !(wl == 4 && strncasecmp(s + i, "sept", 4) == 0) &&
            !(wl == strlen(full[k]) && strncasecmp(s + i, full[k], wl) == 0))
            return 0;
        if (j < n && s[j] == '.')
            j++;
        *end = j;
        return k + 1;
    }
    return 0;
}

/* Past the "st", "nd", "rd" or "th" after a day number, if there is one. */
static size_t skip_ordinal_suffix(const char *s, size_t n, size_t j)
{
    if (j + 1 < n &&
        (strncasecmp(s + j, "st", 2) == 0 || strncasecmp(s + j, "nd", 2) == 0 ||
         strncasecmp(s + j, "rd", 2) == 0 || strncasecmp(s + j, "th", 2) == 0))
        return j + 2;
    return j;
}

/* "September 7, 2019", "Sep. 7th 2019", "7 September 2019". */
static size_t read_english(const char *s, size_t n, size_t i, html_date *d)
{
    size_t j;
    int m = read_month(s, n, i, &j);
    int day = -1, y = -1;
    if (m) {
        j = skip_spaces(s, n, j);
        day = read_num(s, n, &j, 2);
        if (day < 0)
            return i;
        j = skip_ordinal_suffix(s, n, j);
        if (j < n && s[j] == ',')
            j++;
        j = skip_spaces(s, n, j);
        size_t y0 = j;
        y = read_num(s, n, &j, 4);
        if (y < 0 || j - y0 != 4)
            return i;
    } else if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
        j = i;
        day = read_num(s, n, &j, 2);
        if (day < 0)
            return i;
        j = skip_ordinal_suffix(s, n, j);
        j = skip_spaces(s, n, j);
        size_t k;
        m = read_month(s, n, j, &k);
        if (!m)
            return i;
        j = k;
        if (j < n && s[j] == ',')
            j++;
        j = skip_spaces(s, n, j);
        size_t y0 = j;
        y = read_num(s, n, &j, 4);
        if (y < 0 || j - y0 != 4)
            return i;
    } else {
        return i;
    }
    d->year = y;
    d->month = m;
    d->day = day;
    if (!valid_day(d)) {
        clear(d);
        return i;
    }
    size_t t = skip_spaces(s, n, j);
    if (t < n && s[t] == ',')
        t = skip_spaces(s, n, t + 1);
    if (starts(s, n, t, "at "))
        t += 3;
    size_t after = read_time(s, n, t, d);
    return after > t ? after : j;
}

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, html_date *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d->year = (int)(y + (d->month <= 2));
}

/* now moved back by days (and minutes, which need now's time). */
static int shift(const html_date *now, long days, long minutes, html_date *d)
{
    clear(d);
    long day = days_from_civil(now->year, now->month, now->day) - days;
    if (minutes) {
        if (now->hour < 0)
            return 0;
        long t =
            now->hour * 60L + (now->minute > 0 ? now->minute : 0) - minutes;
        while (t < 0) {
            t += 1440;
            day--;
        }
        d->hour = (int)(t / 60);
        d->minute = (int)(t % 60);
    }
    civil_from_days(day, d);
    return 1;
}

/* 3天前, 5小时前, 10分钟前, 昨天, 前天, 今天, 刚刚, "2 days ago",
 * "yesterday". */
static size_t read_relative(const char *s, size_t n, size_t i,
                            const html_date *now, html_date *d)
{
    size_t j = i;
    long days = -1, minutes = 0;
    if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
        int v = read_num(s, n, &j, 3);
        if (v < 0)
            return i;
        j = skip_spaces(s, n, j);
        if (starts(s, n, j, "天前") || starts(s, n, j, "日前")) {
            days = v;
            j += 6;
        } else if (starts(s, n, j, "小时前") || starts(s, n, j, "小時前")) {
            days = 0;
            minutes = v * 60L;
            j += 9;
        } else if (starts(s, n, j, "分钟前") || starts(s, n, j, "分鐘前")) {
            days = 0;
            minutes = v;
            j += 9;
        } else if (n - j >= 8 && strncasecmp(s + j, "days ago", 8) == 0) {
            days = v;
            j += 8;
        } else if (n - j >= 7 && strncasecmp(s + j, "day ago", 7) == 0) {
            days = v;
            j += 7;
        } else if (n - j >= 9 && strncasecmp(s + j, "hours ago", 9) == 0) {
            days = 0;
            minutes = v * 60L;
            j += 9;
        } else {
            return i;
        }
    } else if (starts(s, n, i, "昨天") || starts(s, n, i, "昨日")) {
        days = 1;
        j += 6;
    } else if (starts(s, n, i, "前天")) {
        days = 2;
        j += 6;
    } else if (starts(s, n, i, "今天")) {
        days = 0;
        j += 6;
    } else if (n - i >= 9 && strncasecmp(s + i, "yesterday", 9) == 0 &&
               (i == 0 || (s[i - 1] | 32) < 'a' || (s[i - 1] | 32) > 'z')) {
        days = 1;
        j += 9;
    } else {
        return i;
    }
    if (!shift(now, days, minutes, d))
        return i;
    if (!minutes) {
        size_t t = skip_spaces(s, n, j);
        if (starts(s, n, t, "at "))
            t += 3;
        size_t after = read_time(s, n, t, d);
        if (after > t)
            j = after;
    }
    return j;
}

int html_date_find(const char *s, size_t n, const html_date *now, html_date *d,
                   size_t *at, size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t e = i;
        clear(d);
        if (is_digit((char)c) && (i == 0 || !is_digit(s[i - 1]))) {
            e = read_numeric(s, n, i, d);
            if (e == i)
                e = read_english(s, n, i, d);
        } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            e = read_english(s, n, i, d);
        }
        if (e == i && now && now->year > 0 &&
            (is_digit((char)c) || c == 0xE6 || c == 0xE5 || c == 0xE4 ||
             (c | 32) == 'y')) {
            e = read_relative(s, n, i, now, d);
            d->relative = e > i;
        }
        if (e > i) {
            *at = i;
            *end = e;
            return 1;
        }
    }
    clear(d);
    return 0;
}

int html_date_parse(const char *s, size_t n, html_date *d)
{
    size_t i = skip_spaces(s, n, 0);
    clear(d);
    size_t e = read_numeric(s, n, i, d);
    if (e == i)
        e = read_english(s, n, i, d);
    return e > i;
}

void html_date_format(const html_date *d, char *out)
{
    int n = snprintf(out, 32, "%04d-%02d-%02d", d->year, d->month, d->day);
    if (d->hour >= 0 && d->minute >= 0) {
        n += snprintf(out + n, (size_t)(32 - n), "T%02d:%02d", d->hour,
                      d->minute);
        if (d->second >= 0)
            n += snprintf(out + n, (size_t)(32 - n), ":%02d",
                          d->second > 59 ? 59 : d->second);
        snprintf(out + n, (size_t)(32 - n), "%s", d->tz);
    }
}
