/* plugins/html/html_strip.c - a fast pre-pass that removes what the html
 * stage throws away anyway before the parser sees it: the bodies of
 * <script> and <style> elements and comments. On typical pages this is a
 * third to a half of the bytes, and the parser would otherwise tokenise it
 * character by character.
 */
#include "html_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Position of the first case-insensitive "</name" at or after s, or end. */
static const char *find_close(const char *s, const char *end,
                              const char *name, size_t n)
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

char *html_strip_raw_text(const char *html, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
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
