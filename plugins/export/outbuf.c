/* plugins/export/outbuf.c - the growable byte buffer every format builds
 * its output in, with JSON string escaping and number formatting that do
 * not depend on the locale.
 */
#include "export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(outbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = true;
            return false;
        }
        cap *= 2;
    }
    char *bigger = realloc(b->data, cap);
    if (!bigger) {
        b->failed = true;
        return false;
    }
    b->data = bigger;
    b->cap = cap;
    return true;
}

void outbuf_reset(outbuf *b)
{
    b->len = 0;
    b->failed = false;
}

void outbuf_free(outbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void outbuf_put(outbuf *b, const char *s, size_t len)
{
    if (!reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
}

void outbuf_puts(outbuf *b, const char *s) { outbuf_put(b, s, strlen(s)); }

void outbuf_putc(outbuf *b, char c)
{
    if (!reserve(b, 1))
        return;
    b->data[b->len++] = c;
}

void outbuf_put_int(outbuf *b, long long v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", v);
    outbuf_put(b, digits, (size_t)n);
}

/* Bytes that cannot appear raw inside a JSON string. */
static bool needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

void outbuf_put_json_chars(outbuf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    if (!reserve(b, len))
        return;
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!needs_escape(c))
            continue;
        outbuf_put(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        outbuf_put(b, esc, n);
    }
    outbuf_put(b, s + run, len - run);
}

void outbuf_put_json_string(outbuf *b, const char *s, size_t len)
{
    outbuf_putc(b, '"');
    outbuf_put_json_chars(b, s, len);
    outbuf_putc(b, '"');
}

void outbuf_put_json_cstr(outbuf *b, const char *s)
{
    if (s)
        outbuf_put_json_string(b, s, strlen(s));
    else
        outbuf_puts(b, "null");
}

/* A decimal separator other than '.' (from a locale) becomes '.'. */
static void use_dot(char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != 'e' &&
            c != 'E')
            *s = '.';
    }
}

bool format_number(double v, char *out, size_t size)
{
    if (!isfinite(v))
        return false;
    if (v == 0) {
        snprintf(out, size, "0");
        return true;
    }
    if (v == trunc(v) && fabs(v) < 9007199254740992.0) {
        snprintf(out, size, "%lld", (long long)v);
        return true;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(out, size, "%.*g", precision, v);
        if (strtod(out, NULL) == v)
            break;
    }
    use_dot(out);
    return true;
}

void outbuf_put_json_number(outbuf *b, double v)
{
    char text[40];
    if (format_number(v, text, sizeof text))
        outbuf_puts(b, text);
    else
        outbuf_puts(b, "null");
}

void outbuf_put_json_float(outbuf *b, float v)
{
    char text[40];
    if (!isfinite(v)) {
        outbuf_puts(b, "null");
        return;
    }
    for (int precision = 1; precision <= 9; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, (double)v);
        if (strtof(text, NULL) == v)
            break;
    }
    use_dot(text);
    outbuf_puts(b, text);
}
