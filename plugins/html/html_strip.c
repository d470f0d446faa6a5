/* plugins/html/html_strip.c - a fast pre-pass over the page before the
 * parser sees it. It removes what the html stage throws away anyway: the
 * bodies of <script> and <style> elements and comments (on typical pages a
 * third to a half of the bytes, which the parser would otherwise tokenise
 * character by character). And it cuts tags longer than MAX_TAG_BYTES
 * down to their first attributes: libxml2 checks each attribute against
 * all earlier ones, so a tag with a million attributes would take hours.
 */
#include "html_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_TAG_BYTES = 8192 };

/* Position of the first case-insensitive "</name" at or after s, or end. */
static const char *find_close(const char *s, const char *end, const char *name,
                              size_t n)
{
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            return end;
        if ((size_t)(end - lt) >= n + 2 && lt[1] == '/' &&
            strncasecmp(lt + 2, name, n) == 0)
            return lt;
        s = lt + 1;
    }
    return end;
}

/* Length of "script" or "style" (as the tag at s names it), else 0. */
static size_t raw_text_tag(const char *s, const char *end)
{
    static const char *const names[] = {"script", "style"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]);
        if ((size_t)(end - s) > n && strncasecmp(s, names[i], n) == 0) {
            char c = s[n];
            if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                c == '/')
                return n;
        }
    }
    return 0;
}

/* Copies the first attributes of the overlong tag at s (up to a space
 * outside quotes before MAX_TAG_BYTES), closes it, and returns where the
 * tag really ends. */
static const char *cut_long_tag(const char *s, const char *end, char **o)
{
    const char *p = s, *cut = NULL;
    char quote = 0;
    for (; p < end; p++) {
        char c = *p;
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            break;
        } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
                   p - s < MAX_TAG_BYTES) {
            cut = p;
        }
    }
    if (!cut)
        cut = s + 1;
    memcpy(*o, s, (size_t)(cut - s));
    *o += cut - s;
    *(*o)++ = '>';
    return p < end ? p + 1 : end;
}

char *html_strip_raw_text(const char *html, size_t len, size_t *out_len)
{
    char *out = malloc(len + 2);
    if (!out)
        return NULL;
    const char *s = html, *end = html + len;
    char *o = out;
    while (s < end) {
        const char *lt = memchr(s, '<', (size_t)(end - s));
        if (!lt)
            lt = end;
        memcpy(o, s, (size_t)(lt - s));
        o += lt - s;
        s = lt;
        if (s >= end)
            break;
        if ((size_t)(end - s) >= 4 && memcmp(s, "<!--", 4) == 0) {
            const char *close = s + 4;
            while (close + 2 < end &&
                   !(close[0] == '-' && close[1] == '-' && close[2] == '>'))
                close++;
            s = close + 2 < end ? close + 3 : end;
            continue;
        }
        size_t n = raw_text_tag(s + 1, end);
        if (n == 0) {
            size_t room = (size_t)(end - s) < MAX_TAG_BYTES ? (size_t)(end - s)
                                                            : MAX_TAG_BYTES;
            if (room == MAX_TAG_BYTES && !memchr(s, '>', room)) {
                s = cut_long_tag(s, end, &o);
                continue;
            }
            *o++ = *s++;
            continue;
        }
        const char *gt = memchr(s, '>', (size_t)(end - s));
        if (!gt) {
            memcpy(o, s, (size_t)(end - s));
            o += end - s;
            break;
        }
        memcpy(o, s, (size_t)(gt + 1 - s));
        o += gt + 1 - s;
        s = find_close(gt + 1, end, s + 1, n);
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}
