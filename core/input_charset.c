/* core/input_charset.c - the one place that decides a page's charset and
 * converts it to UTF-8 (see input_charset.h): Unicode byte order marks,
 * the declaration checked against the bytes, else a guess.
 */
#include "input_charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input_charset_shape.h"

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == ':';
}

int sl_input_html_charset(const char *html, size_t len, char *name, size_t cap)
{
    size_t scan = len < SL_INPUT_CHARSET_SCAN ? len : SL_INPUT_CHARSET_SCAN;
    for (size_t i = 0; i + 7 <= scan; i++) {
        if (lower(html[i]) != 'c' || strncasecmp(html + i, "charset", 7))
            continue;
        size_t j = i + 7;
        while (j < scan && (html[j] == ' ' || html[j] == '\t'))
            j++;
        if (j >= scan || html[j] != '=')
            continue;
        j++;
        while (j < scan && (html[j] == ' ' || html[j] == '\t' ||
                            html[j] == '"' || html[j] == '\''))
            j++;
        size_t n = 0;
        while (j < scan && is_name_char(html[j]) && n + 1 < cap)
            name[n++] = lower(html[j++]);
        name[n] = '\0';
        if (n > 0)
            return 1;
    }
    return 0;
}

/* The iconv name for a declared charset, following the WHATWG encoding
 * labels where they widen a legacy name (GB2312 and GBK pages are decoded
 * as GB18030, Latin-1 as Windows-1252). NULL for UTF-8. */
static const char *iconv_name(const char *declared)
{
    static const struct {
        const char *label;
        const char *name;
    } aliases[] = {
        {"utf-8", NULL},
        {"utf8", NULL},
        {"gb2312", "GB18030"},
        {"gbk", "GB18030"},
        {"x-gbk", "GB18030"},
        {"cp936", "GB18030"},
        {"gb_2312-80", "GB18030"},
        {"gb18030", "GB18030"},
        {"big5", "BIG5-HKSCS"},
        {"big5-hkscs", "BIG5-HKSCS"},
        {"iso-8859-1", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"},
        {"ascii", "WINDOWS-1252"},
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(declared, aliases[i].label) == 0)
            return aliases[i].name;
    return declared;
}

static char *convert(iconv_t cd, const char *in, size_t len, size_t *out_len)
{
    size_t cap = len + len / 2 + 16;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    char *src = (char *)in;
    size_t left = len, used = 0;
    while (left > 0) {
        char *dst = out + used;
        size_t room = cap - used - 1;
        size_t ret = iconv(cd, &src, &left, &dst, &room);
        used = (size_t)(dst - out);
        if (ret != (size_t)-1)
            break;
        if (errno != E2BIG) {
            free(out);
            return NULL; /* bytes that do not fit the charset */
        }
        size_t bigger = cap * 2;
        char *grown = realloc(out, bigger);
        if (!grown) {
            free(out);
            return NULL;
        }
        out = grown;
        cap = bigger;
    }
    /* Ends a stateful encoding's shift sequence; 16 bytes is plenty. */
    if (cap - used < 17) {
        char *grown = realloc(out, used + 17);
        if (!grown) {
            free(out);
            return NULL;
        }
        out = grown;
        cap = used + 17;
    }
    char *dst = out + used;
    size_t room = cap - used - 1;
    if (iconv(cd, NULL, NULL, &dst, &room) != (size_t)-1)
        used = (size_t)(dst - out);
    out[used] = '\0';
    *out_len = used;
    return out;
}

static char *convert_from(const char *name, const char *html, size_t len,
                          size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1) /* NOLINT(performance-no-int-to-ptr) */
        return NULL;
    char *out = convert(cd, html, len, out_len);
    iconv_close(cd);
    return out;
}

char *sl_input_html_to_utf8(const char *html, size_t len, size_t *out_len,
                            char *charset, size_t charset_cap, char *ignored,
                            size_t ignored_cap)
{
    sl_charset_shape shape;
    sl_charset_shape_of(html, len, &shape);
    ignored[0] = '\0';
    char declared[64];
    if (sl_input_html_charset(html, len, declared, sizeof declared)) {
        const char *name = iconv_name(declared);
        char *out = name && sl_charset_shape_fits(&shape, name)
                        ? convert_from(name, html, len, out_len)
                        : NULL;
        if (out) {
            snprintf(charset, charset_cap, "%s", declared);
            return out;
        }
        /* declared UTF-8 but is not: a wrong declaration like the others */
        snprintf(ignored, ignored_cap, "%s", declared);
    }
    /* No usable declaration: guess as browsers do, from the bytes. */
    const char *guess = sl_charset_shape_guess(&shape);
    char *out = convert_from(guess, html, len, out_len);
    if (!out && strcmp(guess, "GB18030") != 0 &&
        strcmp(guess, "WINDOWS-1252") != 0) {
        guess = "GB18030"; /* Big5's shape, but not its bytes */
        out = convert_from(guess, html, len, out_len);
    }
    if (out)
        snprintf(charset, charset_cap, "%s", guess);
    else
        charset[0] = '\0';
    return out;
}

char *sl_input_transport_to_utf8(const char *html, size_t len,
                                 const char *label, size_t *out_len)
{
    char lowered[64];
    size_t n = 0;
    for (; label[n] && n + 1 < sizeof lowered; n++)
        lowered[n] = lower(label[n]);
    lowered[n] = '\0';
    const char *name = iconv_name(lowered);
    if (!name || n == 0)
        return NULL;
    sl_charset_shape shape;
    sl_charset_shape_of(html, len, &shape);
    if (!sl_charset_shape_fits(&shape, name))
        return NULL;
    return convert_from(name, html, len, out_len);
}

const char *sl_input_unicode_bom(const char *s, size_t len, size_t *bom)
{
    static const struct {
        const char *bytes;
        size_t len;
        const char *name;
    } marks[] = {
        /* UTF-32LE first: its mark starts like UTF-16LE's */
        {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
        {"\x00\x00\xFE\xFF", 4, "UTF-32BE"},
        {"\xFF\xFE", 2, "UTF-16LE"},
        {"\xFE\xFF", 2, "UTF-16BE"},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        if (len >= marks[i].len &&
            memcmp(s, marks[i].bytes, marks[i].len) == 0) {
            *bom = marks[i].len;
            return marks[i].name;
        }
    }
    *bom = 0;
    return NULL;
}

char *sl_input_html_from_charset(const char *html, size_t len,
                                 const char *label, size_t *out_len)
{
    char lowered[64];
    size_t n = 0;
    for (; label[n] && n + 1 < sizeof lowered; n++)
        lowered[n] = lower(label[n]);
    lowered[n] = '\0';
    const char *name = iconv_name(lowered);
    if (!name)
        name = "UTF-8";
    return convert_from(name, html, len, out_len);
}
