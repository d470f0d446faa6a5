/* plugins/html/html_byline_en.c - English bylines: "By ...", "Written
 * by ...", "Author: ..." at the start of a block or "by" after a date
 * line's date, and a person's name in capitalised words, stopping at a
 * month, a weekday, a job ("reporter") or an outlet in capitals.
 */
#include "html_byline.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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
size_t html_byline_english_name(const char *s, size_t n)
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
void html_byline_read_english(html_meta *m, const char *s, size_t n)
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
    size_t len = html_byline_english_name(s + i, n - i);
    if (len)
        html_meta_offer(m, MS_AUTHOR_BYLINE, 1, s + i, len);
}
