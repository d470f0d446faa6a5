/* plugins/html/html_classes.c - what the class and id attributes of an
 * element say about it: hint bits (nav, footer, related, ...) and a
 * readability-like weight (+ for article-like names, - for chrome).
 */
#include "html_classes.h"

#include <pthread.h>
#include <string.h>

#include "html_internal.h"

typedef struct class_rule {
    const char *word;
    uint32_t hints;
    int weight;
    int whole; /* 1: must be a whole token part (between - _ space) */
} class_rule;

static const class_rule rules[] = {
    {"nav", SL_HINT_NAV, -25, 1},
    {"navbar", SL_HINT_NAV, -25, 0},
    {"navigation", SL_HINT_NAV, -25, 0},
    {"menu", SL_HINT_NAV, -25, 0},
    {"topbar", SL_HINT_NAV, -25, 0},
    {"breadcrumb", SL_HINT_NAV | SL_HINT_BREADCRUMB, -25, 0},
    {"crumb", SL_HINT_BREADCRUMB, -25, 0},
    {"crumbs", SL_HINT_BREADCRUMB, -25, 0},
    {"location", SL_HINT_BREADCRUMB, -10, 1},
    {"position", SL_HINT_BREADCRUMB, -10, 1},
    {"pagenav", SL_HINT_NAV, -25, 0},
    {"pager", SL_HINT_NAV, -15, 1},
    {"footer", SL_HINT_FOOTER, -25, 0},
    {"foot", SL_HINT_FOOTER, -25, 1},
    {"copyright", SL_HINT_FOOTER, -25, 0},
    {"header", SL_HINT_HEADER, -15, 0},
    {"masthead", SL_HINT_HEADER, -25, 0},
    {"banner", SL_HINT_HEADER, -25, 0},
    {"sidebar", SL_HINT_SIDEBAR, -25, 0},
    {"aside", SL_HINT_SIDEBAR, -25, 1},
    {"widget", SL_HINT_SIDEBAR, -25, 0},
    {"side", SL_HINT_SIDEBAR, -20, 1},
    {"related", SL_HINT_RELATED, -25, 0},
    {"recommend", SL_HINT_RELATED, -25, 0},
    {"relate", SL_HINT_RELATED, -25, 1},
    {"hot", SL_HINT_RELATED, -15, 1},
    {"more", SL_HINT_RELATED, -10, 1},
    {"tuijian", SL_HINT_RELATED, -25, 0},
    {"xgwz", SL_HINT_RELATED, -25, 0},
    {"comment", SL_HINT_COMMENT, -25, 0},
    {"comments", SL_HINT_COMMENT, -25, 0},
    {"reply", SL_HINT_COMMENT, -25, 1},
    {"disqus", SL_HINT_COMMENT, -25, 0},
    {"share", SL_HINT_SHARE, -25, 0},
    {"social", SL_HINT_SHARE, -25, 0},
    {"bdshare", SL_HINT_SHARE, -25, 0},
    {"ad", SL_HINT_AD, -25, 1},
    {"ads", SL_HINT_AD, -25, 1},
    {"advert", SL_HINT_AD, -25, 0},
    {"advertisement", SL_HINT_AD, -25, 0},
    {"sponsor", SL_HINT_AD, -25, 0},
    {"promo", SL_HINT_AD, -25, 0},
    {"gg", SL_HINT_AD, -10, 1},
    {"article", SL_HINT_CONTENT, 25, 0},
    {"content", SL_HINT_CONTENT, 25, 0},
    {"post", SL_HINT_CONTENT, 15, 1},
    {"entry", SL_HINT_CONTENT, 25, 0},
    {"hentry", SL_HINT_CONTENT, 25, 0},
    {"main", SL_HINT_CONTENT, 15, 1},
    {"body", SL_HINT_CONTENT, 25, 0},
    {"text", SL_HINT_CONTENT, 15, 0},
    {"story", SL_HINT_CONTENT, 25, 0},
    {"blog", SL_HINT_CONTENT, 10, 0},
    {"zw", SL_HINT_CONTENT, 20, 1},
    {"zhengwen", SL_HINT_CONTENT, 25, 0},
    {"detail", SL_HINT_CONTENT, 10, 0},
    {"contact", 0, -15, 1},
    {"meta", 0, -15, 1},
    {"tags", 0, -15, 1},
    {"tag", 0, -10, 1},
    {"tool", 0, -15, 0},
    {"toolbar", 0, -25, 0},
    {"popup", 0, -25, 0},
    {"modal", 0, -25, 0},
    {"cookie", 0, -25, 0},
    {"consent", 0, -25, 0},
    {"login", 0, -25, 0},
    {"subscribe", 0, -25, 0},
    {"newsletter", 0, -25, 0},
    {"signup", 0, -25, 0},
    {"search", 0, -25, 1},
    {"searchbox", 0, -25, 0},
    {"byline", 0, -5, 0},
    {"caption", 0, 0, 0},
    {"hidden", SL_HINT_HIDDEN, -25, 1},
    {"hide", SL_HINT_HIDDEN, -25, 1},
};

static int is_sep(char c)
{
    return c == '-' || c == '_' || c == ' ' || c == '\t' || c == '\n' ||
           c == ':' || c == '.';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

enum { N_RULES = sizeof rules / sizeof rules[0], N_LETTERS = 26 };
_Static_assert(N_RULES < 256, "rule indexes fit a byte");

/* The rules by the first letter of their word (every word is lower-case
 * a to z): rules_by_letter[letter_start[c] .. letter_start[c + 1]) start
 * with 'a' + c; and each word's length. Built once. */
static uint8_t rules_by_letter[N_RULES];
static uint8_t letter_start[N_LETTERS + 1];
static uint8_t word_length[N_RULES];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
    size_t k = 0;
    for (int c = 0; c < N_LETTERS; c++) {
        letter_start[c] = (uint8_t)k;
        for (size_t r = 0; r < N_RULES; r++)
            if (rules[r].word[0] == 'a' + c)
                rules_by_letter[k++] = (uint8_t)r;
    }
    letter_start[N_LETTERS] = (uint8_t)k;
    for (size_t r = 0; r < N_RULES; r++)
        word_length[r] = (uint8_t)strlen(rules[r].word);
}

/* Whether rule r's word is at s + i, as the rule takes it: anywhere, or
 * for a whole word, between separators or the token's ends (a digit may
 * follow: "ad300"). */
static int word_at(const char *s, size_t len, size_t i, size_t r)
{
    size_t n = word_length[r];
    if (n > len - i || memcmp(s + i, rules[r].word, n) != 0)
        return 0;
    return !rules[r].whole ||
           ((i == 0 || is_sep(s[i - 1])) &&
            (i + n == len || is_sep(s[i + n]) || is_digit(s[i + n])));
}

/* Utility-class names that only hide at some screen widths ("hidden
 * md:block", "lg:hidden"): the element is shown on some screens. */
static int hides_responsively(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != ':')
            continue;
        const char *v = s + i + 1;
        size_t rest = len - i - 1;
        if ((rest >= 5 && memcmp(v, "block", 5) == 0) ||
            (rest >= 4 && memcmp(v, "flex", 4) == 0) ||
            (rest >= 4 && memcmp(v, "grid", 4) == 0) ||
            (rest >= 6 && memcmp(v, "inline", 6) == 0) ||
            (rest >= 6 && memcmp(v, "hidden", 6) == 0))
            return 1;
    }
    return 0;
}

/* Judges one class token (no spaces): every rule whose word it holds,
 * found in one pass over the token, trying at each letter only the rules
 * whose word starts with it. */
static void judge_token(const char *tok, size_t len, int responsive,
                        uint32_t *hints, int *positive, int *negative)
{
    /* an address or a path ("http://site/2013/more-news") names no
     * part of the page: its words are a headline's */
    if (memchr(tok, '/', len))
        return;
    uint32_t got = 0;
    long last_content = -1, last_chrome = -1;
    for (size_t i = 0; i < len; i++) {
        unsigned letter = (unsigned)(unsigned char)tok[i] - 'a';
        if (letter >= N_LETTERS)
            continue;
        for (size_t k = letter_start[letter]; k < letter_start[letter + 1];
             k++) {
            size_t r = rules_by_letter[k];
            if (!word_at(tok, len, i, r))
                continue;
            if ((rules[r].hints & SL_HINT_HIDDEN) && responsive)
                continue;
            got |= rules[r].hints;
            if (rules[r].hints & SL_HINT_CONTENT)
                last_content = (long)i;
            if (rules[r].hints & ~SL_HINT_CONTENT)
                last_chrome = (long)i;
            if (rules[r].weight > *positive)
                *positive = rules[r].weight;
            if (rules[r].weight < *negative)
                *negative = rules[r].weight;
        }
    }
    /* the rightmost word is the most specific ("content--recommend" is a
     * recommendation box inside the content) */
    if (last_chrome > last_content)
        got &= ~(uint32_t)SL_HINT_CONTENT;
    *hints |= got;
}

void html_class_judge(const char *lower, size_t len, uint32_t *hints,
                      int *weight)
{
    pthread_once(&index_once, build_index);
    int positive = 0, negative = 0;
    int responsive = hides_responsively(lower, len);
    size_t start = 0;
    while (start < len) {
        size_t end = start;
        while (end < len && lower[end] != ' ')
            end++;
        if (end > start)
            judge_token(lower + start, end - start, responsive, hints,
                        &positive, &negative);
        start = end + 1;
    }
    *weight += positive + negative;
}
