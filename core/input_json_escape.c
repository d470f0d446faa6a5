/* core/input_json_escape.c - the bodies of the record's strings: the
 * scan for the end of a plain run, 16 bytes at a time with SSE2 (else
 * eight) for '"', '\\' and control characters; the test that a string is
 * all ASCII; escapes decoded, \uXXXX and its surrogate pairs to UTF-8.
 */
#include "input_json_internal.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Index of the first '"', '\\' or control byte at or after i, or len. */
size_t sl_json_scan_plain(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
    const __m128i quotes = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quotes),
                                                 _mm_cmpeq_epi8(v, backslash)),
                                    control);
        int mask = _mm_movemask_epi8(hits);
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
        i += 16;
    }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t quote = w ^ (ones * '"');
        uint64_t slash = w ^ (ones * '\\');
        uint64_t hits = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
                        ((w - ones * 0x20) & ~w);
        hits &= highs;
        if (hits)
            return i + ((size_t)__builtin_ctzll(hits) >> 3);
        i += 8;
    }
#endif
    while (i < len && !is_special((unsigned char)s[i]))
        i++;
    return i;
}

/* True when s[0..len) holds only ASCII bytes (keys and most metadata
 * strings: valid UTF-8 without a further look). */
bool sl_json_is_ascii(const char *s, size_t len)
{
    size_t i = 0;
    unsigned char any = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            return false;
    }
    for (; i < len; i++)
        any |= (unsigned char)s[i];
    return any < 0x80;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at s[i..i+4) (i + 4 <= end), or -1. */
static long hex4(const char *s, size_t i, size_t end)
{
    if (i + 4 > end)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int d = hex_value(s[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *out, long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the escape at s[*i] (a backslash, *i + 1 < end) into out and
 * moves *i past it. Returns the bytes written, or (size_t)-1 on a bad
 * escape (a lone or unpaired surrogate among them). */
size_t sl_json_decode_escape(const char *s, size_t *i, size_t end, char *out)
{
    char e = s[*i + 1];
    *i += 2;
    switch (e) {
    case '"':
    case '\\':
    case '/': out[0] = e; return 1;
    case 'b': out[0] = '\b'; return 1;
    case 'f': out[0] = '\f'; return 1;
    case 'n': out[0] = '\n'; return 1;
    case 'r': out[0] = '\r'; return 1;
    case 't': out[0] = '\t'; return 1;
    case 'u': {
        long cp = hex4(s, *i, end);
        if (cp < 0)
            return (size_t)-1;
        *i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return (size_t)-1;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (*i + 6 > end || s[*i] != '\\' || s[*i + 1] != 'u')
                return (size_t)-1;
            long low = hex4(s, *i + 2, end);
            if (low < 0xDC00 || low > 0xDFFF)
                return (size_t)-1;
            *i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        return put_utf8(out, cp);
    }
    default: return (size_t)-1;
    }
}

/* Decodes the escaped string body s[start..end) into out (room for
 * end - start bytes). Returns the decoded length, or (size_t)-1 on a bad
 * escape. */
size_t sl_json_decode_escapes(const char *s, size_t start, size_t end,
                              char *out)
{
    size_t n = 0, i = start;
    while (i < end) {
        const char *bs = memchr(s + i, '\\', end - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : end - i;
        memcpy(out + n, s + i, run);
        n += run;
        i += run;
        if (i >= end)
            break;
        if (i + 1 >= end)
            return (size_t)-1;
        size_t put = sl_json_decode_escape(s, &i, end, out + n);
        if (put == (size_t)-1)
            return put;
        n += put;
    }
    return n;
}
