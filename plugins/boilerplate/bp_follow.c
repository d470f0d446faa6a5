/* plugins/boilerplate/bp_follow.c - lines sending the reader away from
 * the article:
 *
 * - a line asking the reader to follow the writer or the site on a
 *   social network, set under an article ("Follow @janedoe on
 *   Twitter.", "You can follow the Magazine on Twitter and on Facebook",
 *   "Follow us on Instagram"): a short line of at most one sentence
 *   holding the word "follow" and, after it, a network's name or an
 *   @handle. A sentence saying where someone can be found ("Jane Doe is
 *   on Twitter at janedoe.") does not ask to follow, and "followers" is
 *   another word.
 * - a line pointing to another site, a video player's or a box's
 *   promotion ("Visit NBCNews.com for breaking news, world news, and news
 *   about the economy"): "Visit", a site's address, then "for" or "to".
 *   Without an address the line is the text's own advice ("Visit
 *   faculty web pages to find out who is in your field").
 */
#include <string.h>

#include "bp_internal.h"

enum {
    FOLLOW_MAX_CHARS = 100,
    FOLLOW_MAX_SENTENCES = 1,
    VISIT_MAX_CHARS = 120
};

static const char *const networks[] = {"twitter",  "facebook", "instagram",
                                       "linkedin", "tiktok",   "youtube",
                                       "mastodon", "threads",  "bluesky"};

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/* Whether the whole word w (lower case) stands at s[i]. */
static int word_at(const char *s, size_t n, size_t i, const char *w)
{
    if (i >= n)
        return 0;
    unsigned char first = (unsigned char)s[i];
    if (first >= 'A' && first <= 'Z')
        first = (unsigned char)(first | 0x20);
    if (first != (unsigned char)w[0])
        return 0; /* most places: before measuring w */
    size_t k = strlen(w);
    if (i + k > n || (i > 0 && is_word_char((unsigned char)s[i - 1])) ||
        (i + k < n && is_word_char((unsigned char)s[i + k])))
        return 0;
    return bp_starts_folded(s + i, n - i, w);
}

/* Where the whole word w first stands in s, or n. */
static size_t find_word(const char *s, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (word_at(s, n, i, w))
            return i;
    return n;
}

/* Whether s[from..n) names a network or holds an @handle. */
static int names_a_network(const char *s, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        if (s[i] == '@' && i + 1 < n && is_word_char((unsigned char)s[i + 1]))
            return 1;
        for (size_t k = 0; k < sizeof networks / sizeof *networks; k++)
            if (word_at(s, n, i, networks[k]))
                return 1;
    }
    return 0;
}

int bp_is_follow_line(const sl_block *b, const bp_info *in)
{
    if (in->chars == 0 || in->chars > FOLLOW_MAX_CHARS ||
        in->sentence_ends > FOLLOW_MAX_SENTENCES || b->kind == SL_BLOCK_HEADING)
        return 0;
    size_t at = find_word(b->text, b->len, "follow");
    return at < b->len && names_a_network(b->text, b->len, at + 6);
}

/* The length of the site address s opens with ("NBCNews.com",
 * "www.example.org"): letters, digits, dots and hyphens holding a dot
 * followed by at least two letters; 0 when there is none. */
static size_t address_at(const char *s, size_t n)
{
    size_t i = 0, last_dot = 0;
    while (i < n &&
           (is_word_char((unsigned char)s[i]) || s[i] == '.' || s[i] == '-') &&
           (unsigned char)s[i] < 0x80) {
        if (s[i] == '.')
            last_dot = i;
        i++;
    }
    while (i > 0 && s[i - 1] == '.')
        i--; /* a sentence's full stop */
    if (last_dot == 0 || last_dot + 3 > i)
        return 0;
    for (size_t k = last_dot + 1; k < i; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
            return 0;
    return i;
}

int bp_is_visit_line(const sl_block *b, const bp_info *in)
{
    if (in->chars == 0 || in->chars > VISIT_MAX_CHARS ||
        in->sentence_ends > FOLLOW_MAX_SENTENCES ||
        b->kind == SL_BLOCK_HEADING || !word_at(b->text, b->len, 0, "visit"))
        return 0;
    size_t i = 5;
    while (i < b->len && b->text[i] == ' ')
        i++;
    size_t k = address_at(b->text + i, b->len - i);
    if (k == 0)
        return 0;
    i += k;
    while (i < b->len && b->text[i] == ' ')
        i++;
    return word_at(b->text, b->len, i, "for") ||
           word_at(b->text, b->len, i, "to");
}
