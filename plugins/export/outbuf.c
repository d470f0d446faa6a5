/* plugins/export/outbuf.c - the growable byte buffer every format builds
 * its output in, with JSON string escaping and number formatting that do
 * not depend on the locale.
 */
#include "export.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#if defined(__x86_64__) && defined(__GNUC__)
#define OUTBUF_AVX2 1
#include <immintrin.h>
#endif
#endif

bool outbuf_grow(outbuf *b, size_t extra)
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

/* Copies len bytes from `from` to `to` (apart): from 4 to 32 bytes as
 * the first and the last word (or 16 bytes), which overlap, instead of a
 * call. */
static void copy_apart(char *to, const char *from, size_t len)
{
    if (len > 16 && len <= 32) {
        char head[16], tail[16];
        memcpy(head, from, 16);
        memcpy(tail, from + len - 16, 16);
        memcpy(to, head, 16);
        memcpy(to + len - 16, tail, 16);
    } else if (len >= 8 && len <= 16) {
        uint64_t head, tail;
        memcpy(&head, from, 8);
        memcpy(&tail, from + len - 8, 8);
        memcpy(to, &head, 8);
        memcpy(to + len - 8, &tail, 8);
    } else if (len >= 4 && len < 8) {
        uint32_t head, tail;
        memcpy(&head, from, 4);
        memcpy(&tail, from + len - 4, 4);
        memcpy(to, &head, 4);
        memcpy(to + len - 4, &tail, 4);
    } else if (len) {
        memcpy(to, from, len);
    }
}

void outbuf_put_again(outbuf *b, size_t at, size_t len)
{
    /* room first: growing may move the bytes to copy */
    if (!outbuf_reserve(b, len))
        return;
    copy_apart(b->data + b->len, b->data + at, len);
    b->len += len;
}

/* "00" to "99": two digits written per division by 100. */
static const char digit_pairs[] = "00010203040506070809"
                                  "10111213141516171819"
                                  "20212223242526272829"
                                  "30313233343536373839"
                                  "40414243444546474849"
                                  "50515253545556575859"
                                  "60616263646566676869"
                                  "70717273747576777879"
                                  "80818283848586878889"
                                  "90919293949596979899";

/* Writes the decimal digits of u so that they end at `end`; returns
 * where they start (at most 20 bytes before end). */
static inline char *digits_before(char *end, unsigned long long u)
{
    char *p = end;
    while (u > UINT32_MAX) {
        unsigned pair = (unsigned)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * pair, 2);
    }
    uint32_t small = (uint32_t)u; /* divisions by 100 are cheaper in 32 bits */
    while (small >= 100) {
        unsigned pair = small % 100;
        small /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * pair, 2);
    }
    u = small;
    if (u >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    return p;
}

/* Decimal digits of u, found by comparing (cheaper than dividing): the
 * reference digit_count is checked against in the tests. */
size_t digit_count_by_powers(unsigned long long u)
{
    size_t n = 1;
    for (unsigned long long power = 10; n < 20 && u >= power; power *= 10)
        n++;
    return n;
}

/* Decimal digits of u: log10 estimated from the bit length (bits * 1233 /
 * 4096 is floor(bits * log10(2)) for 1 to 64 bits), then one comparison
 * with the power of ten it may have reached. powers[0] is 0, so 0 to 7,
 * which estimate 0, have one digit. */
static inline size_t count_digits(unsigned long long u)
{
    static const unsigned long long powers[20] = {0,
                                                  10ull,
                                                  100ull,
                                                  1000ull,
                                                  10000ull,
                                                  100000ull,
                                                  1000000ull,
                                                  10000000ull,
                                                  100000000ull,
                                                  1000000000ull,
                                                  10000000000ull,
                                                  100000000000ull,
                                                  1000000000000ull,
                                                  10000000000000ull,
                                                  100000000000000ull,
                                                  1000000000000000ull,
                                                  10000000000000000ull,
                                                  100000000000000000ull,
                                                  1000000000000000000ull,
                                                  10000000000000000000ull};
    unsigned bits = 64u - (unsigned)__builtin_clzll(u | 1);
    size_t estimate = (bits * 1233u) >> 12;
    return estimate + (u >= powers[estimate]);
}

size_t digit_count(unsigned long long u)
{
    return count_digits(u);
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The eight decimal digits of u below 10^8, leading zeros included, as
 * the bytes of a little-endian word in the order they are read: u as two
 * halves of four digits in the word's two 32-bit lanes
 * (digits_of_two_fours). */
static inline uint64_t digits_of_eight(uint32_t u)
{
    return digits_of_two_fours((uint64_t)(u / 10000) | (uint64_t)(u % 10000)
                                                           << 32);
}

uint64_t eight_digits(uint32_t u)
{
    return digits_of_eight(u);
}

/* The four decimal digits of u below 10^4, leading zeros included, as
 * the bytes of a little-endian 32-bit word in the order they are read:
 * digits_of_eight's pairs and digits, on one half. */
static inline uint32_t digits_of_four(uint32_t u)
{
    uint32_t hundreds = (u * 10486) >> 20;
    uint32_t pairs = (u - hundreds * 100) << 16 | hundreds;
    uint32_t tens = ((pairs * 103) >> 10) & 0x000F000Fu;
    uint32_t digits = (pairs - tens * 10) << 8 | tens;
    return digits | 0x30303030u;
}

uint32_t four_digits(uint32_t u)
{
    return digits_of_four(u);
}

/* The digits of u below 10^4 at out (four bytes of room; those past the
 * digits are left as garbage); returns the end. Most integers of a
 * record are positions within a document of a few thousand characters:
 * half the work of the eight digits, and the length from three
 * compares. */
static inline char *put_tiny_uint_at(char *out, uint32_t u)
{
    size_t n = 1 + (size_t)(u >= 10) + (size_t)(u >= 100) + (size_t)(u >= 1000);
    uint32_t word = digits_of_four(u) >> (8 * (4 - n));
    memcpy(out, &word, sizeof word);
    return out + n;
}

/* The digits of u below 10^8 at out (eight bytes of room; those past the
 * digits are left as garbage); returns the end. The usual integer of a
 * record (a position, a value): the eight digits made at once and the
 * leading zeros shifted out, so that no branch depends on the length
 * (the loop of a pair a step mispredicted on positions of every
 * length). */
static char *put_small_uint_at(char *out, uint32_t u)
{
    size_t n = count_digits(u);
    uint64_t word = digits_of_eight(u) >> (8 * (8 - n));
    memcpy(out, &word, sizeof word);
    return out + n;
}
#else
/* The digits of u below 10^8 at out; returns the end. The usual integer
 * of a record (a position, a value): no sign, no 64-bit division. */
static char *put_small_uint_at(char *out, uint32_t u)
{
    size_t n = count_digits(u);
    char *p = out + n;
    while (u >= 100) {
        unsigned pair = u % 100;
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * pair, 2);
    }
    if (u >= 10)
        memcpy(p - 2, digit_pairs + 2 * u, 2);
    else
        p[-1] = (char)('0' + u);
    return out + n;
}
#endif

char *put_int_at(char *out, long long v)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (v >= 0 && v < 10000)
        return put_tiny_uint_at(out, (uint32_t)v);
#endif
    if (v >= 0 && v < 100000000)
        return put_small_uint_at(out, (uint32_t)v);
    unsigned long long u =
        v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    size_t n = count_digits(u) + (v < 0);
    /* last digits first: no copy to read back (a wide load of bytes just
     * stored a few at a time stalls) */
    digits_before(out + n, u);
    if (v < 0)
        out[0] = '-';
    return out + n;
}

void outbuf_put_int(outbuf *b, long long v)
{
    if (!outbuf_reserve(b, INT_ROOM))
        return;
    char *out = b->data + b->len;
    b->len = (size_t)(put_int_at(out, v) - b->data);
}

/* Bytes that cannot appear raw inside a JSON string: the control bytes
 * 00 to 1F, the quote and the backslash. */
static const bool escaped_byte[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
    [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
    [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
    [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, ['"'] = 1,  ['\\'] = 1,
};

/* True when the byte c cannot appear raw inside a JSON string. */
static bool needs_escape(unsigned char c)
{
    return escaped_byte[c];
}

#ifdef OUTBUF_AVX2
/* A bit for each of the 32 bytes of v that needs escaping. */
__attribute__((target("avx2"))) static uint32_t escape_mask_of_avx2(__m256i v)
{
    const __m256i quote = _mm256_set1_epi8('"'), slash = _mm256_set1_epi8('\\'),
                  last_control = _mm256_set1_epi8(0x1F);
    __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, last_control), v);
    __m256i special = _mm256_or_si256(_mm256_cmpeq_epi8(v, quote),
                                      _mm256_cmpeq_epi8(v, slash));
    return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(control, special));
}

/* A bit for each of the 32 bytes at s that needs escaping. */
__attribute__((target("avx2"))) static uint32_t escape_mask_avx2(const char *s)
{
    return escape_mask_of_avx2(
        _mm256_loadu_si256((const __m256i *)(const void *)s));
}

/* Copies s[0..len), len at least 32, to out (len bytes of room) as far
 * as the first byte that needs escaping, and returns how many bytes that
 * is (len when none does): what clean_steps_avx2 finds, each 32 bytes
 * stored as they are checked, so that the text is read once instead of
 * once to check and once to copy. Bytes of out after the ones counted
 * may be written too, with bytes of s; the caller writes over them. */
__attribute__((target("avx2"))) static size_t
copy_clean_steps_avx2(char *out, const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        _mm256_storeu_si256((__m256i *)(void *)(out + i), v);
        uint32_t mask = escape_mask_of_avx2(v);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
    if (i == len)
        return len;
    /* the last 32 once more: those already checked are clean */
    __m256i v =
        _mm256_loadu_si256((const __m256i *)(const void *)(s + len - 32));
    _mm256_storeu_si256((__m256i *)(void *)(out + len - 32), v);
    uint32_t mask = escape_mask_of_avx2(v);
    return mask ? len - 32 + (size_t)__builtin_ctz(mask) : len;
}

/* The first byte of s[0..len), len at least 32, that needs escaping, or
 * len: 32 bytes a step, then the last 32 bytes once more (those already
 * checked are clean, so their bits are clear): no loop of bytes after the
 * steps, whose count, the length's remainder, mispredicted. */
__attribute__((target("avx2"))) static size_t clean_steps_avx2(const char *s,
                                                               size_t len)
{
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        uint32_t mask = escape_mask_avx2(s + i);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
    if (i == len)
        return len;
    uint32_t mask = escape_mask_avx2(s + len - 32);
    return mask ? len - 32 + (size_t)__builtin_ctz(mask) : len;
}
#endif

#ifdef __SSE2__
/* A bit for each of the 16 bytes of v that needs escaping. */
static unsigned escape_mask_sse2(__m128i v)
{
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'),
                  last_control = _mm_set1_epi8(0x1F);
    /* a byte is a control byte when min(byte, 0x1F) is the byte */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    __m128i special =
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(control, special));
}

/* copy_clean_steps_avx2 16 bytes a step, for len at least 16 (strings of
 * 16 to 31 bytes: headings, longer figures; all where the processor has
 * no AVX2). */
static size_t copy_clean_steps_sse2(char *out, const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)(out + i), v);
        unsigned mask = escape_mask_sse2(v);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
    if (i == len)
        return len;
    /* the last 16 once more: those already checked are clean */
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
    _mm_storeu_si128((__m128i *)(void *)(out + len - 16), v);
    unsigned mask = escape_mask_sse2(v);
    return mask ? len - 16 + (size_t)__builtin_ctz(mask) : len;
}
#endif

/* Length of the longest prefix of s[0..len) that needs no escaping: 32
 * bytes a compare where the processor has AVX2, 16 (SSE2, on every
 * x86-64), then 8 a word, then one by one. */
static size_t clean_run(const char *s, size_t len)
{
    size_t i = 0;
#ifdef OUTBUF_AVX2
    if (len >= 32 && __builtin_cpu_supports("avx2")) {
        i = clean_steps_avx2(s, len);
        if (i < len && needs_escape((unsigned char)s[i]))
            return i; /* all before i are clean */
    }
#endif
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'),
                  last_control = _mm_set1_epi8(0x1F);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* a byte is a control byte when min(byte, 0x1F) is the byte */
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
        __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
        int mask = _mm_movemask_epi8(_mm_or_si128(control, special));
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (word_needs_escape(w))
            break;
    }
    while (i < len && !needs_escape((unsigned char)s[i]))
        i++;
    return i;
}

/* Appends the JSON escape of the byte c (one that needs_escape). */
static void put_escape(outbuf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char esc[6] = {'\\', 0};
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
        esc[1] = 'u';
        esc[2] = '0';
        esc[3] = '0';
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 15];
        n = 6;
    }
    outbuf_put(b, esc, n);
}

/* Strings shorter than this (units, kinds, figure texts) are copied byte
 * by byte as they are checked: cheaper than a scan and a call to memcpy. */
enum { SHORT_STRING = 16 };

/* Copies the bytes of s[0..len) up to the first that needs escaping into
 * room already reserved; returns how many. */
static size_t copy_clean_bytes(outbuf *b, const char *s, size_t len)
{
    char *out = b->data + b->len;
    size_t i = 0;
    while (i < len && !needs_escape((unsigned char)s[i])) {
        out[i] = s[i];
        i++;
    }
    b->len += i;
    return i;
}

/* A string of 4 to 15 bytes (a figure's text, a unit) into room already
 * reserved: its first and last word (eight bytes, or four below eight),
 * which overlap, tested and copied whole when neither needs escaping, so
 * no byte is read or written outside s[0..len) and out[0..len). Else byte
 * by byte up to the first that needs escaping. Returns how many bytes it
 * copied. */
static size_t copy_short_clean(outbuf *b, const char *s, size_t len)
{
    char *out = b->data + b->len;
    if (len >= 8) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + len - 8, 8);
        if (!words_need_escape(head, tail)) {
            memcpy(out, &head, 8);
            memcpy(out + len - 8, &tail, 8);
            b->len += len;
            return len;
        }
    } else if (len >= 4) {
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + len - 4, 4);
        /* the second word all letters, which never need escaping */
        if (!words_need_escape(head | (uint64_t)tail << 32,
                               0x6161616161616161ull)) {
            memcpy(out, &head, 4);
            memcpy(out + len - 4, &tail, 4);
            b->len += len;
            return len;
        }
    }
    return copy_clean_bytes(b, s, len);
}

/* s[i..len) escaped, from the byte at i, which needs escaping: runs of
 * clean bytes copied, the others escaped. Not inlined: most strings have
 * nothing to escape, and the registers this loop takes would be saved
 * and restored for each. */
__attribute__((noinline)) static void put_escaped_from(outbuf *b, const char *s,
                                                       size_t len, size_t i)
{
    while (i < len) {
        size_t run = clean_run(s + i, len - i);
        outbuf_put(b, s + i, run);
        i += run;
        if (i < len)
            put_escape(b, (unsigned char)s[i++]);
    }
}

void outbuf_put_json_chars(outbuf *b, const char *s, size_t len)
{
    if (!outbuf_reserve(b, len))
        return;
    size_t i = 0;
    if (len < SHORT_STRING) {
        i = copy_short_clean(b, s, len);
#ifdef OUTBUF_AVX2
    } else if (len >= 32 && __builtin_cpu_supports("avx2")) {
        i = copy_clean_steps_avx2(b->data + b->len, s, len);
        b->len += i;
#endif
#ifdef __SSE2__
    } else {
        i = copy_clean_steps_sse2(b->data + b->len, s, len);
        b->len += i;
#endif
    }
    if (i < len)
        put_escaped_from(b, s, len, i);
}

/* A string of 4 to 15 bytes that needs no escaping (most figure texts,
 * units, kinds), quoted, into room already reserved for it and its
 * quotes (put_short_clean_string_at). False, with nothing written, for
 * any other string. */
static bool put_short_clean_string(outbuf *b, const char *s, size_t len)
{
    char *end = put_short_clean_string_at(b->data + b->len, s, len);
    if (!end)
        return false;
    b->len = (size_t)(end - b->data);
    return true;
}

void outbuf_put_json_string(outbuf *b, const char *s, size_t len)
{
    if (outbuf_reserve(b, len + 2) && put_short_clean_string(b, s, len))
        return;
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

char *put_digits(char *out, unsigned long long v)
{
    char *end = out + count_digits(v);
    digits_before(end, v);
    return end;
}

/* What strtod reads from text, the decimal (negative ? -1 : 1) * scaled /
 * scale, without parsing it: both numbers are below 2^53, so they are exact
 * doubles and their quotient is rounded once, to the nearest double, like
 * strtod rounds. Where doubles are evaluated in wider registers (x87) that
 * quotient could round twice, so there the text is read back. */
static double decimal_value(bool negative, long long scaled, long long scale,
                            const char *text)
{
#if FLT_EVAL_METHOD == 0
    (void)text;
    double magnitude = (double)scaled / (double)scale;
    return negative ? -magnitude : magnitude;
#else
    (void)negative;
    (void)scaled;
    (void)scale;
    return strtod(text, NULL);
#endif
}

/* Writes the decimal (negative ? -1 : 1) * scaled / scale at out, with
 * as many places as scale has zeros, NUL-terminated. */
static void write_decimal(char *out, bool negative, long long scaled,
                          long long scale)
{
    char *p = out;
    if (negative)
        *p++ = '-';
    p = put_digits(p, (unsigned long long)(scaled / scale));
    /* the places digits of the fraction, its leading zeros too: the
     * digits of scale + fraction, whose leading 1 becomes the point */
    char *point = p;
    p = put_digits(p, (unsigned long long)(scale + scaled % scale));
    *point = '.';
    *p = '\0';
}

/* The shortest decimal of v with at most six digits after the point,
 * written without printf when 1e-4 <= |v| < 1e9 and it reads back as
 * exactly v: then it has at most 15 significant digits, no other string
 * that short reads back as v, and it is what the %.*g search below would
 * print. False when v is not such a number (the caller falls back). */
static bool format_short_decimal(double v, char *out, size_t size)
{
    double magnitude = fabs(v);
    if (magnitude < 1e-4 || magnitude >= 1e9 || size < 24)
        return false;
    long long scale = 1;
    for (int places = 1; places <= 6; places++) {
        scale *= 10;
        long long scaled = (long long)(magnitude * (double)scale + 0.5);
        if (scaled % 10 == 0)
            continue; /* fewer digits already failed to read back */
#if FLT_EVAL_METHOD == 0
        /* the value is known without the text: only the decimal that
         * reads back is written */
        if (decimal_value(v < 0, scaled, scale, NULL) != v)
            continue;
        write_decimal(out, v < 0, scaled, scale);
        return true;
#else
        write_decimal(out, v < 0, scaled, scale);
        if (decimal_value(v < 0, scaled, scale, out) == v)
            return true;
#endif
    }
    return false;
}

/* Writes v with "%.*g" at the given precision; true when the text reads
 * back as exactly v. Worked out by exact_g when it can, else by printf and
 * strtod. */
static bool reads_back(double v, int precision, char *out, size_t size)
{
    bool back;
    if (exact_g(v, precision, out, size, &back))
        return back;
    snprintf(out, size, "%.*g", precision, v);
    return strtod(out, NULL) == v;
}

/* The shortest "%.*g" text (precision 1 to 17) that reads back as v. Any
 * decimal of at most DBL_DIG (15) significant digits survives the trip
 * through a normal double and back, so when v has a shorter text that
 * reads back, its 15-digit text reads back too. When that one does not,
 * the search starts at 16 instead of trying the fifteen that cannot. */
static void format_shortest_g(double v, char *out, size_t size)
{
    int precision = 1;
    if (fabs(v) >= DBL_MIN && !reads_back(v, DBL_DIG, out, size))
        precision = DBL_DIG + 1;
    for (; precision <= 17; precision++)
        if (reads_back(v, precision, out, size))
            return;
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
        if (size < 24) {
            snprintf(out, size, "%lld", (long long)v);
            return true;
        }
        char *p = out;
        if (v < 0)
            *p++ = '-';
        *put_digits(p, (unsigned long long)fabs(v)) = '\0';
        return true;
    }
    if (format_short_decimal(v, out, size))
        return true;
    format_shortest_g(v, out, size);
    use_dot(out);
    return true;
}

/* The places digits (one or two) of fraction, leading zero included, at
 * out; returns the end. */
static char *put_places_at(char *out, long long fraction, int places)
{
    if (places == 2)
        *out++ = (char)('0' + fraction / 10);
    *out++ = (char)('0' + fraction % 10);
    return out;
}

/* v, not a whole number, as format_short_decimal writes it when one or
 * two places read back as v (most figures' decimals: 12.5, 3.25): the
 * same tests with the divisions by constants and the digits written
 * here, without the text's length found after. NULL, nothing written,
 * for any other v (format_number then). */
static char *put_short_fraction_at(char *out, double v)
{
#if FLT_EVAL_METHOD == 0
    double magnitude = fabs(v);
    if (!(magnitude >= 1e-4 && magnitude < 1e9))
        return NULL;
    long long scaled = (long long)(magnitude * 10.0 + 0.5);
    int places = 1;
    if (scaled % 10 == 0 || (double)scaled / 10.0 != magnitude) {
        scaled = (long long)(magnitude * 100.0 + 0.5);
        if (scaled % 10 == 0 || (double)scaled / 100.0 != magnitude)
            return NULL;
        places = 2;
    }
    long long scale = places == 2 ? 100 : 10;
    if (v < 0)
        *out++ = '-';
    out = put_int_at(out, scaled / scale);
    *out++ = '.';
    return put_places_at(out, scaled % scale, places);
#else
    (void)out;
    (void)v;
    return NULL;
#endif
}

char *put_json_number_at(char *out, double v)
{
    /* a whole number below 2^53 is its integer, as format_number writes
     * it (-0 too: "0") */
    if (fabs(v) < 9007199254740992.0 && (double)(long long)v == v)
        return put_int_at(out, (long long)v);
    char *end = put_short_fraction_at(out, v);
    if (end)
        return end;
    if (format_number(v, out, NUMBER_ROOM))
        return out + strlen(out);
    static const char json_null[] = {'n', 'u', 'l', 'l'};
    memcpy(out, json_null, sizeof json_null);
    return out + sizeof json_null;
}

void outbuf_put_json_number(outbuf *b, double v)
{
    if (!outbuf_reserve(b, NUMBER_ROOM))
        return;
    char *out = b->data + b->len;
    b->len = (size_t)(put_json_number_at(out, v) - b->data);
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
