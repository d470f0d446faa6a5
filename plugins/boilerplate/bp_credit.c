/* plugins/boilerplate/bp_credit.c - a picture's credit standing as a
 * line of its own: the name of a picture agency or wire service and
 * nothing else ("EPA", "Associated Press", "Getty Images",
 * "Reuters/Corbis", "Photo: AFP", "ZUMApress.com"), the line a site sets
 * under or over a photograph. Up to three names joined by "/" or "," may
 * stand together, after a "Photo:" label or in brackets. A heading is no
 * credit, and neither is a sentence that names an agency ("Reuters
 * reported on Tuesday."): the whole line must be names.
 */
#include <string.h>

#include "bp_internal.h"

enum { CREDIT_MAX_CHARS = 48, CREDIT_MAX_NAMES = 3 };

/* Agencies and wire services, lower case (ASCII letters folded when
 * compared); longer names before the shorter ones they start with. */
static const char *const agencies[] = {"associated press",
                                       "press association",
                                       "getty images",
                                       "ap photo",
                                       "zumapress.com",
                                       "zuma press",
                                       "rex features",
                                       "reuters",
                                       "corbis",
                                       "getty",
                                       "xinhua",
                                       "afp",
                                       "epa",
                                       "dpa",
                                       "anp",
                                       "ap",
                                       "pa"};

/* Labels a credit may open with. */
static const char *const labels[] = {
    "photograph:", "pictures:", "picture:", "photos:",
    "photo:",      "image:",    "credit:"};

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* The length of the agency name s opens with, or 0; the name must end
 * where a word ends. */
static size_t agency_at(const char *s, size_t n)
{
    for (size_t a = 0; a < sizeof agencies / sizeof *agencies; a++) {
        size_t k = strlen(agencies[a]);
        if (!bp_starts_folded(s, n, agencies[a]))
            continue;
        if (k == n || s[k] == ' ' || s[k] == '/' || s[k] == ',' || s[k] == ')')
            return k;
    }
    return 0;
}

static size_t label_at(const char *s, size_t n)
{
    for (size_t l = 0; l < sizeof labels / sizeof *labels; l++)
        if (bp_starts_folded(s, n, labels[l]))
            return strlen(labels[l]);
    return 0;
}

/* Whether s[0..n) is one to three agency names joined by "/" or ",". */
static int only_agencies(const char *s, size_t n)
{
    size_t i = 0, names = 0;
    for (;;) {
        i = skip_spaces(s, n, i);
        size_t k = agency_at(s + i, n - i);
        if (k == 0 || ++names > CREDIT_MAX_NAMES)
            return 0;
        i = skip_spaces(s, n, i + k);
        if (i == n)
            return 1;
        if (s[i] != '/' && s[i] != ',')
            return 0;
        i++;
    }
}

int bp_is_picture_credit(const sl_block *b, const bp_info *in)
{
    if (in->chars == 0 || in->chars > CREDIT_MAX_CHARS ||
        b->kind == SL_BLOCK_HEADING)
        return 0;
    const char *s = b->text;
    size_t n = b->len;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
        n--;
    size_t i = skip_spaces(s, n, 0);
    i = skip_spaces(s, n, i + label_at(s + i, n - i));
    if (i < n && s[i] == '(' && s[n - 1] == ')') {
        i++;
        n--;
    }
    return i < n && only_agencies(s + i, n - i);
}
