/* core/text.c - UTF-8 decoding, validation and script classes shared by
 * the stages (see sluice/text.h).
 */
#include <sluice/text.h>

#include <sluice/invariant.h>

#include "text_count.h"

#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#define SL_TEXT_AVX2 1
#include <immintrin.h>
#endif

int32_t sl_utf8_next(const char *s, size_t len, size_t *pos)
{
    SL_INVARIANT(*pos < len); /* callers stop at the end of the text */
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t left = len - *pos;
    unsigned char c = p[0];
    if (c < 0x80) {
        *pos += 1;
        return c;
    }
    if (c >= 0xC2 && c < 0xE0 && left >= 2 && (p[1] & 0xC0) == 0x80) {
        *pos += 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c >= 0xE0 && c < 0xF0 && left >= 3 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
        int32_t cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *pos += 3;
            return cp;
        }
    }
    if (c >= 0xF0 && c < 0xF5 && left >= 4 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
        int32_t cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
                     ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        if (cp >= 0x10000 && cp <= 0x10FFFF) {
            *pos += 4;
            return cp;
        }
    }
    *pos += 1;
    return 0xFFFD;
}

int32_t sl_utf8_prev(const char *s, size_t *pos)
{
    SL_INVARIANT(*pos > 0); /* callers stop at the start of the text */
    size_t start = *pos;
    size_t back = 0;
    do {
        start--;
        back++;
    } while (start > 0 && back < 4 && ((unsigned char)s[start] & 0xC0) == 0x80);
    size_t p = start;
    int32_t cp = sl_utf8_next(s, *pos, &p);
    if (p != *pos) { /* malformed: step back a single byte */
        *pos -= 1;
        return 0xFFFD;
    }
    *pos = start;
    return cp;
}

size_t sl_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Code points, a word of eight bytes at a time: the bytes that are not
 * continuation bytes (10xxxxxx: bit 7 set, bit 6 clear). */
static size_t count_starts_by_words(const char *s, size_t len)
{
    const uint64_t highs = 0x8080808080808080ull;
    size_t continuation = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t marks = (w & ~(w << 1) & highs) >> 7; /* one bit a byte */
        continuation += (size_t)((marks * 0x0101010101010101ull) >> 56);
    }
    for (; i < len; i++)
        continuation += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - continuation;
}

/* 32 zero bytes, then 32 of all ones: read from (width - left) on, the
 * mask of the bytes of a last load that the loop has not counted. */
static const unsigned char tail_mask[64] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* A byte counters may take before they overflow: each vector adds at
 * most one to each. The tail's masked vector is one more. */
enum { MAX_VECTORS_PER_SUM = 254 };

#ifdef __SSE2__
/* The sum of the sixteen byte counters. */
static size_t sum_counters_16(__m128i counters)
{
    __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    return (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
}

/* Code points in len >= 16 bytes, sixteen at a time: a byte starts one
 * unless, read as signed, it is below -64 (a continuation byte). The
 * last len % 16 bytes come from a load of the last sixteen, the bytes
 * already counted masked out, so no load passes the end. */
static size_t count_starts_16(const char *s, size_t len)
{
    const __m128i last_continuation = _mm_set1_epi8(-65);
    size_t chars = 0, i = 0;
    __m128i counters = _mm_setzero_si128();
    size_t vectors = 0;
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        counters = _mm_sub_epi8(counters, _mm_cmpgt_epi8(v, last_continuation));
        if (++vectors == MAX_VECTORS_PER_SUM) {
            chars += sum_counters_16(counters);
            counters = _mm_setzero_si128();
            vectors = 0;
        }
    }
    if (i < len) {
        __m128i v =
            _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
        __m128i fresh = _mm_loadu_si128(
            (const __m128i *)(const void *)(tail_mask + 16 + (len - i)));
        __m128i starts = _mm_cmpgt_epi8(v, last_continuation);
        counters = _mm_sub_epi8(counters, _mm_and_si128(starts, fresh));
    }
    return chars + sum_counters_16(counters);
}
#endif

#ifdef SL_TEXT_AVX2
/* The sum of the thirty-two byte counters. */
__attribute__((target("avx2"))) static size_t sum_counters_32(__m256i counters)
{
    __m256i sums = _mm256_sad_epu8(counters, _mm256_setzero_si256());
    __m128i pairs = _mm_add_epi64(_mm256_castsi256_si128(sums),
                                  _mm256_extracti128_si256(sums, 1));
    return (size_t)_mm_cvtsi128_si64(pairs) +
           (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(pairs, pairs));
}

/* count_starts_16 with 32 bytes at a time, for len >= 32. */
__attribute__((target("avx2"))) static size_t count_starts_32(const char *s,
                                                              size_t len)
{
    const __m256i last_continuation = _mm256_set1_epi8(-65);
    size_t chars = 0, i = 0;
    __m256i counters = _mm256_setzero_si256();
    size_t vectors = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        counters =
            _mm256_sub_epi8(counters, _mm256_cmpgt_epi8(v, last_continuation));
        if (++vectors == MAX_VECTORS_PER_SUM) {
            chars += sum_counters_32(counters);
            counters = _mm256_setzero_si256();
            vectors = 0;
        }
    }
    if (i < len) {
        __m256i v =
            _mm256_loadu_si256((const __m256i *)(const void *)(s + len - 32));
        __m256i fresh = _mm256_loadu_si256(
            (const __m256i *)(const void *)(tail_mask + (len - i)));
        __m256i starts = _mm256_cmpgt_epi8(v, last_continuation);
        counters = _mm256_sub_epi8(counters, _mm256_and_si256(starts, fresh));
    }
    return chars + sum_counters_32(counters);
}

static bool has_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
static bool has_avx2(void)
{
    return false;
}
#endif

size_t sl_utf8_count_width(const char *s, size_t len, unsigned width)
{
#ifdef SL_TEXT_AVX2
    if (width >= 32 && len >= 32)
        return count_starts_32(s, len);
#endif
#ifdef __SSE2__
    if (width >= 16 && len >= 16)
        return count_starts_16(s, len);
#endif
    return count_starts_by_words(s, len);
}

size_t sl_utf8_count(const char *s, size_t len)
{
    return sl_utf8_count_width(s, len, has_avx2() ? 32 : 16);
}

size_t sl_utf8_validate(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        /* ASCII fast path, eight bytes at a time. */
        while (pos + 8 <= len) {
            unsigned long long word;
            __builtin_memcpy(&word, s + pos, 8);
            if (word & 0x8080808080808080ULL)
                break;
            pos += 8;
        }
        if (pos >= len)
            break;
        if ((unsigned char)s[pos] < 0x80) {
            pos++;
            continue;
        }
        size_t at = pos;
        int32_t cp = sl_utf8_next(s, len, &pos);
        if (cp == 0xFFFD && pos - at != 3)
            return at;
        if (cp == 0xFFFD) { /* a real U+FFFD is EF BF BD */
            const unsigned char *u = (const unsigned char *)s + at;
            if (!(u[0] == 0xEF && u[1] == 0xBF && u[2] == 0xBD))
                return at;
        }
    }
    return len;
}

bool sl_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

bool sl_is_cjk(int32_t cp)
{
    return sl_is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) || /* punct, kana */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||                  /* hangul */
           (cp >= 0xFF00 && cp <= 0xFFEF);                    /* full width */
}

bool sl_is_sentence_end(int32_t cp)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
    case ';':
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0xFF0E: /* ． */
    case 0x2026: /* … */ return true;
    default: return false;
    }
}

bool sl_is_punct(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
               (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
    return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x3001 && cp <= 0x3003) ||
           (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301F) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           cp == 0x00B7 || cp == 0x30FB || cp == 0x00AB || cp == 0x00BB;
}

bool sl_is_space(int32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x00A0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0x0085;
}
