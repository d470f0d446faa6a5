/* plugins/sections/noise.c - removes the characters template sites inject
 * into Chinese text: a stray ' or . between two Han characters, a single
 * stray space between two Han characters, and doubled ,, ，， 、、.
 *
 * Kept on purpose: the dot of a unit such as 人.年 or 台.时 (a measure
 * noun before it, a time or count unit after it), the space after an
 * outline marker (第一章 总则, 第三条 为了...), the space after a date
 * (1996年9月19日 经国务院批准), runs of two or more spaces, and letter
 * spacing in short titles (总 则).
 */
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#define SEC_NOISE_AVX2 1
#include <immintrin.h>
#endif

#include "sections_internal.h"

enum { NOISE_NONE = 0, NOISE_CHAR, NOISE_SPACE, NOISE_DOUBLE };

static bool is_han_at(const char *s, size_t len, size_t pos)
{
    if (pos >= len || (unsigned char)s[pos] < 0xE3)
        return false;
    return sec_is_han(sl_utf8_next_inline(s, len, &pos));
}

/* The code point before text[0..n), or 0. */
static int32_t before(const char *text, size_t n)
{
    if (n == 0)
        return 0;
    return sl_utf8_prev_inline(text, &n);
}

static bool in_set(int32_t cp, const int32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

/* 人.年, 台.时, 吨.公里: a measure noun, a dot, a time or count unit. */
static bool is_unit_dot(int32_t prev, int32_t next)
{
    static const int32_t nouns[] = {
        0x4EBA, 0x6237, 0x53F0, 0x8F86, 0x5428, 0x4EF6, 0x5EA7, 0x95F4, 0x5E8A,
        0x4EA9, 0x5934, 0x53EA, 0x67B6, 0x8258, 0x5BB6, 0x8F66, 0x5143};
    /* 人户台辆吨件座间床亩头只架艘家车元 */
    static const int32_t units[] = {0x5E74, 0x6708, 0x65E5, 0x5929, 0x65F6,
                                    0x5468, 0x6B21, 0x516C, 0x5C0F};
    /* 年月日天时周次公小 */
    return in_set(prev, nouns, sizeof nouns / sizeof nouns[0]) &&
           in_set(next, units, sizeof units / sizeof units[0]);
}

static bool is_numeral_or_digit(int32_t cp)
{
    static const int32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                       0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
                                       0x767E, 0x5343, 0x96F6, 0x3007};
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
           in_set(cp, numerals, sizeof numerals / sizeof numerals[0]);
}

/* text[0..n) ends with 第 + numerals + 编/章/节/条/款/项/篇/部分, or with a
 * date (a digit then 年/月/日/号). */
static bool ends_with_marker_or_date(const char *text, size_t n)
{
    size_t pos = n;
    int32_t unit = sl_utf8_prev_inline(text, &pos);
    if (unit == 0x5206 && pos > 0) /* 分 of 部分 */
        unit = sl_utf8_prev_inline(text, &pos) == 0x90E8 ? 0x90E8 : 0;
    static const int32_t units[] = {0x7F16, 0x7AE0, 0x8282, 0x6761,
                                    0x6B3E, 0x9879, 0x7BC7, 0x90E8};
    /* 编章节条款项篇部 */
    static const int32_t dates[] = {0x5E74, 0x6708, 0x65E5, 0x53F7};
    if (in_set(unit, dates, 4) && pos > 0) {
        size_t p = pos;
        int32_t d = sl_utf8_prev_inline(text, &p);
        if (d >= '0' && d <= '9')
            return true;
    }
    if (!in_set(unit, units, sizeof units / sizeof units[0]))
        return false;
    size_t numerals = 0;
    while (pos > 0) {
        int32_t cp = sl_utf8_prev_inline(text, &pos);
        if (is_numeral_or_digit(cp)) {
            numerals++;
            continue;
        }
        return numerals > 0 && cp == 0x7B2C; /* 第 */
    }
    return false;
}

/* The Han character before text[0..n) stands alone (space or start before
 * it): "总 则" is letter spacing, not noise. */
static bool lone_before(const char *text, size_t n)
{
    size_t pos = n;
    sl_utf8_prev_inline(text, &pos);
    if (pos == 0)
        return true;
    return sec_is_space(sl_utf8_prev_inline(text, &pos));
}

/* The Han character at s[pos] stands alone (space or end after it). */
static bool lone_after(const char *s, size_t len, size_t pos)
{
    sl_utf8_next_inline(s, len, &pos);
    if (pos >= len)
        return true;
    return sec_is_space(sl_utf8_next_inline(s, len, &pos));
}

/* Whether the character at s[i] is noise, given the cleaned text before it
 * (prev[0..n)). Sets *width to its bytes. */
static int noise_at(const char *prev, size_t n, const char *s, size_t len,
                    size_t i, size_t *width, bool spaces)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ',') {
        *width = 1;
        return n > 0 && prev[n - 1] == ',' ? NOISE_DOUBLE : NOISE_NONE;
    }
    if (c == 0xEF || c == 0xE3) {
        size_t p = i;
        int32_t cp = sl_utf8_next_inline(s, len, &p);
        *width = p - i;
        if (cp == 0xFF0C || cp == 0x3001) /* ， 、 */
            return before(prev, n) == cp ? NOISE_DOUBLE : NOISE_NONE;
        if (cp != 0x3000)
            return NOISE_NONE;
    } else if (c == 0xC2) {
        if (i + 1 >= len || (unsigned char)s[i + 1] != 0xA0)
            return NOISE_NONE;
        *width = 2;
    } else if (c == ' ' || c == '\'' || c == '.') {
        *width = 1;
    } else {
        return NOISE_NONE;
    }
    if (!spaces && (c == ' ' || c == 0xC2 || c == 0xE3))
        return NOISE_NONE;
    /* a candidate between two Han characters */
    if (n == 0 || (unsigned char)prev[n - 1] < 0x80)
        return NOISE_NONE;
    size_t next = i + *width;
    if (!is_han_at(s, len, next))
        return NOISE_NONE;
    int32_t p = before(prev, n);
    if (!sec_is_han(p))
        return NOISE_NONE;
    if (c == '\'')
        return NOISE_CHAR;
    if (c == '.') {
        size_t q = next;
        return is_unit_dot(p, sl_utf8_next_inline(s, len, &q)) ? NOISE_NONE
                                                               : NOISE_CHAR;
    }
    /* a space: single, not after a marker or a date, not letter spacing */
    if (ends_with_marker_or_date(prev, n) || lone_before(prev, n) ||
        lone_after(s, len, next))
        return NOISE_NONE;
    return NOISE_SPACE;
}

/* Bytes that may start a noise character: ' . , space, and the lead
 * bytes of U+3000 and 、 (E3), ， (EF) and NBSP (C2). */
static const unsigned char may_start_noise[256] = {
    [' '] = 1,  ['\''] = 1, ['.'] = 1,  [','] = 1,
    [0xC2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* None of the four bytes at u may start a noise character. */
static bool quiet_four(const unsigned char *u)
{
    return !(may_start_noise[u[0]] | may_start_noise[u[1]] |
             may_start_noise[u[2]] | may_start_noise[u[3]]);
}

/* The offset of the first byte at or after i that may start a noise
 * character, or len: four bytes at a time while none of them may. */
static size_t next_candidate(const char *s, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    while (i + 4 <= len && quiet_four(u + i))
        i += 4;
    while (i < len && !may_start_noise[u[i]])
        i++;
    return i;
}

size_t sec_clean_text(const char *s, size_t len, char *out, bool remove_spaces,
                      uint64_t *noise_chars, uint64_t *spaces,
                      uint64_t *double_punct)
{
    size_t n = 0, i = 0;
    while (i < len) {
        /* bytes that cannot start noise are kept as they are */
        size_t candidate = next_candidate(s, i, len);
        memcpy(out + n, s + i, candidate - i);
        n += candidate - i;
        i = candidate;
        if (i >= len)
            break;
        size_t width = 1;
        int kind = noise_at(out, n, s, len, i, &width, remove_spaces);
        if (kind == NOISE_NONE) {
            memcpy(out + n, s + i, width);
            n += width;
        } else if (kind == NOISE_CHAR) {
            (*noise_chars)++;
        } else if (kind == NOISE_SPACE) {
            (*spaces)++;
        } else {
            (*double_punct)++;
        }
        i += width;
    }
    return n;
}

/* The three bytes before i equal a, b, c. */
static bool follows(const unsigned char *u, size_t i, unsigned char a,
                    unsigned char b, unsigned char c)
{
    return i >= 3 && u[i - 3] == a && u[i - 2] == b && u[i - 1] == c;
}

/* The byte tests sec_first_noise makes at i (1 <= i < len, a byte that
 * may start noise) before noise_at: a comma after a comma; ' . or space
 * with a non-ASCII byte before it and a lead byte from E3 after it;
 * U+3000, or 、 after another; ， after another; NBSP's C2. */
static bool passes_byte_tests(const unsigned char *u, size_t i, size_t len)
{
    unsigned char c = u[i];
    if (c == ',')
        return u[i - 1] == ',';
    if (c < 0x80) /* ' . space between Han characters */
        return u[i - 1] >= 0x80 && i + 1 < len && u[i + 1] >= 0xE3;
    if (c == 0xE3) {
        if (i + 2 >= len || u[i + 1] != 0x80 || u[i + 2] > 0x81)
            return false;
        return u[i + 2] != 0x81 || follows(u, i, 0xE3, 0x80, 0x81);
    }
    if (c == 0xEF)
        return i + 2 < len && u[i + 1] == 0xBC && u[i + 2] == 0x8C &&
               follows(u, i, 0xEF, 0xBC, 0x8C); /* a doubled ， */
    return true;
}

/* The byte at i (1 <= i < len, one that may start noise) starts a
 * noise character. Out of line: the chunk loops call it only at a hit. */
__attribute__((noinline)) static bool
is_noise_candidate(const char *s, size_t len, size_t i, bool spaces)
{
    size_t width;
    return passes_byte_tests((const unsigned char *)s, i, len) &&
           noise_at(s, i, s, len, i, &width, spaces) != NOISE_NONE;
}

/* The first noise character of s[0..len) at from..to (from >= 1), or
 * len: past four quiet bytes at a time (next_candidate), then one by one. */
static size_t first_noise_bytewise(const char *s, size_t from, size_t to,
                                   size_t len, bool spaces)
{
    if (to > len)
        to = len;
    for (size_t i = next_candidate(s, from, to); i < to;
         i = next_candidate(s, i + 1, to))
        if (is_noise_candidate(s, len, i, spaces))
            return i;
    return len;
}

/* The first noise character among the bytes 1 and 2 of s (len at least
 * 3), or len: the bytes the chunk searches cannot test (they read three
 * bytes back). */
static size_t first_noise_in_head(const char *s, size_t len, bool spaces)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!(may_start_noise[u[1]] | may_start_noise[u[2]]))
        return len;
    return first_noise_bytewise(s, 1, 3, len, spaces);
}

/* The first noise character from i (len - 2 or later) to the end of s,
 * or len: the bytes the chunk searches cannot test (they read two bytes
 * ahead). */
static size_t first_noise_in_tail(const char *s, size_t i, size_t len,
                                  bool spaces)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= len || !(may_start_noise[u[i]] | may_start_noise[u[len - 1]]))
        return len;
    return first_noise_bytewise(s, i, len, len, spaces);
}

#ifdef __SSE2__
/* The bytes of v equal to c. */
static __m128i bytes_equal(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* The bytes of v at most c, unsigned. */
static __m128i bytes_at_most(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8((char)c)), v);
}

static __m128i load16(const unsigned char *u)
{
    return _mm_loadu_si128((const __m128i *)(const void *)u);
}

/* The bytes of the 16-byte chunk at u + i (i at least 3) that pass the
 * byte tests of sec_first_noise: ',' after ','; ' . or ' after a
 * non-ASCII byte and before a lead byte from E3; U+3000, or 、 after a
 * byte E3; a byte EF three bytes after another (the ， of ，，); C2. Those
 * are the tests sec_first_noise makes before noise_at, loosened where
 * loosening keeps them simple, so a chunk with no bit set holds no noise
 * and the ，and 、 of Chinese prose stop nothing. Reads u[i - 3] to
 * u[i + 17]. */
static unsigned quiet_chunk_hits(const unsigned char *u, size_t i)
{
    __m128i back3 = load16(u + i - 3), back1 = load16(u + i - 1);
    __m128i at = load16(u + i), next1 = load16(u + i + 1);
    __m128i next2 = load16(u + i + 2);
    /* only bit 7 of each byte of `any` counts (movemask): a test
     * that a byte is at least 0x80 is the byte itself */
    __m128i same_as_back3 = _mm_cmpeq_epi8(at, back3);
    __m128i commas =
        _mm_and_si128(bytes_equal(at, ','), bytes_equal(back1, ','));
    __m128i marks =
        _mm_or_si128(_mm_or_si128(bytes_equal(at, ' '), bytes_equal(at, '\'')),
                     bytes_equal(at, '.'));
    /* back1 >= 0x80, next1 >= 0x80 and, as a signed byte, above
     * -30 (0xE2) */
    __m128i between = _mm_and_si128(
        _mm_and_si128(marks, back1),
        _mm_and_si128(next1, _mm_cmpgt_epi8(next1, _mm_set1_epi8(-30))));
    __m128i cjk_space_or_comma = _mm_and_si128(
        _mm_and_si128(bytes_equal(at, 0xE3), bytes_equal(next1, 0x80)),
        _mm_or_si128(bytes_at_most(next2, 0x80),
                     _mm_and_si128(bytes_equal(next2, 0x81), same_as_back3)));
    __m128i full_width_pair =
        _mm_and_si128(bytes_equal(at, 0xEF), same_as_back3);
    __m128i any = _mm_or_si128(
        _mm_or_si128(commas, between),
        _mm_or_si128(_mm_or_si128(cjk_space_or_comma, full_width_pair),
                     bytes_equal(at, 0xC2)));
    return (unsigned)_mm_movemask_epi8(any);
}

/* The first hit of a chunk (bits of hits, byte 0 at base) that is
 * noise, or len. */
static size_t first_noise_among(const char *s, size_t len, size_t base,
                                unsigned hits, bool spaces)
{
    for (; hits != 0; hits &= hits - 1) {
        size_t i = base + (size_t)__builtin_ctz(hits);
        if (is_noise_candidate(s, len, i, spaces))
            return i;
    }
    return len;
}

/* sec_first_noise with 16-byte chunks (SSE2), in one pass: the bytes 1
 * and 2 one by one (the chunk test reads three bytes back), whole chunks
 * while 18 bytes are left, then one chunk that ends two bytes before the
 * text's end and overlaps the bytes already passed, which are left out
 * of its answer, and the last two bytes one by one. Each hit goes
 * through the byte tests and noise_at where it stands; the search goes
 * on after it. len at least 21. */
static size_t first_noise_sse2(const char *s, size_t len, bool spaces)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t found = first_noise_in_head(s, len, spaces);
    if (found != len)
        return found;
    size_t i = 3;
    for (;;) {
        unsigned hits = 0;
        while (len - i >= 18 && (hits = quiet_chunk_hits(u, i)) == 0)
            i += 16;
        if (hits == 0)
            break;
        found = first_noise_among(s, len, i, hits, spaces);
        if (found != len)
            return found;
        i += 16;
    }
    if (i + 2 < len) {
        size_t at = len - 18; /* 1 <= i - at < 16 */
        unsigned hits = quiet_chunk_hits(u, at) & ~((1u << (i - at)) - 1);
        found = first_noise_among(s, len, at, hits, spaces);
        if (found != len)
            return found;
        i = len - 2;
    }
    return first_noise_in_tail(s, i, len, spaces);
}
#endif

#ifdef SEC_NOISE_AVX2
/* quiet_chunk_hits on the 32 bytes at u + i (i at least 3), the same
 * tests (AVX2). Reads u[i - 3] to u[i + 33]. */
__attribute__((target("avx2"), always_inline)) static inline unsigned
quiet_chunk_hits_avx2(const unsigned char *u, size_t i)
{
    const __m256i comma = _mm256_set1_epi8(','), space = _mm256_set1_epi8(' ');
    const __m256i quote = _mm256_set1_epi8('\''), dot = _mm256_set1_epi8('.');
    const __m256i e3 = _mm256_set1_epi8((char)0xE3);
    const __m256i ef = _mm256_set1_epi8((char)0xEF);
    const __m256i c2 = _mm256_set1_epi8((char)0xC2);
    const __m256i x80 = _mm256_set1_epi8((char)0x80);
    const __m256i x81 = _mm256_set1_epi8((char)0x81);
    const __m256i above_e2 = _mm256_set1_epi8(-30);
    __m256i back3 = _mm256_loadu_si256((const __m256i *)(u + i - 3));
    __m256i back1 = _mm256_loadu_si256((const __m256i *)(u + i - 1));
    __m256i at = _mm256_loadu_si256((const __m256i *)(u + i));
    __m256i next1 = _mm256_loadu_si256((const __m256i *)(u + i + 1));
    __m256i next2 = _mm256_loadu_si256((const __m256i *)(u + i + 2));
    __m256i same_as_back3 = _mm256_cmpeq_epi8(at, back3);
    __m256i commas = _mm256_and_si256(_mm256_cmpeq_epi8(at, comma),
                                      _mm256_cmpeq_epi8(back1, comma));
    __m256i marks =
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(at, space),
                                        _mm256_cmpeq_epi8(at, quote)),
                        _mm256_cmpeq_epi8(at, dot));
    __m256i between = _mm256_and_si256(
        _mm256_and_si256(marks, back1),
        _mm256_and_si256(next1, _mm256_cmpgt_epi8(next1, above_e2)));
    __m256i next2_at_most_80 =
        _mm256_cmpeq_epi8(_mm256_min_epu8(next2, x80), next2);
    __m256i cjk_space_or_comma = _mm256_and_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(at, e3),
                         _mm256_cmpeq_epi8(next1, x80)),
        _mm256_or_si256(
            next2_at_most_80,
            _mm256_and_si256(_mm256_cmpeq_epi8(next2, x81), same_as_back3)));
    __m256i full_width_pair =
        _mm256_and_si256(_mm256_cmpeq_epi8(at, ef), same_as_back3);
    __m256i any = _mm256_or_si256(
        _mm256_or_si256(commas, between),
        _mm256_or_si256(_mm256_or_si256(cjk_space_or_comma, full_width_pair),
                        _mm256_cmpeq_epi8(at, c2)));
    return (unsigned)_mm256_movemask_epi8(any);
}

/* first_noise_sse2 32 bytes at a time (AVX2): the bytes 1 and 2 one by
 * one, whole chunks while 34 bytes are left, one chunk that ends two
 * bytes before the text's end and overlaps the bytes already passed
 * (left out of its answer), the last two bytes one by one. The chunks'
 * constants stay in registers for the whole text. len at least 37 (the
 * last chunk reads three bytes before it). Called only where the
 * processor has AVX2. */
__attribute__((target("avx2"))) static size_t
first_noise_avx2(const char *s, size_t len, bool spaces)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t found = first_noise_in_head(s, len, spaces);
    if (found != len)
        return found;
    size_t i = 3;
    for (;;) {
        /* the chunks without a hit, in a loop without calls, so that its
         * constants stay in registers */
        unsigned hits = 0;
        while (len - i >= 34 && (hits = quiet_chunk_hits_avx2(u, i)) == 0)
            i += 32;
        if (hits == 0)
            break;
        found = first_noise_among(s, len, i, hits, spaces);
        if (found != len)
            return found;
        i += 32;
    }
    if (i + 2 < len) {
        size_t at = len - 34; /* 1 <= i - at <= 31 */
        unsigned hits = quiet_chunk_hits_avx2(u, at) & ~((1u << (i - at)) - 1);
        found = first_noise_among(s, len, at, hits, spaces);
        if (found != len)
            return found;
        i = len - 2;
    }
    return first_noise_in_tail(s, i, len, spaces);
}

bool sec_noise_has_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
bool sec_noise_has_avx2(void)
{
    return false;
}
#endif

size_t sec_first_noise(const char *s, size_t len, bool spaces)
{
    return sec_first_noise_chunks(s, len, spaces, sec_noise_has_avx2());
}

/* Offset of the first noise character of s, or len when there is none:
 * the chunk searches for texts long enough for them, else one byte at a
 * time; noise_at only for the bytes that pass the byte tests. */
size_t sec_first_noise_chunks(const char *s, size_t len, bool spaces, bool avx2)
{
#ifdef SEC_NOISE_AVX2
    if (avx2 && len >= 37)
        return first_noise_avx2(s, len, spaces);
#else
    (void)avx2;
#endif
#ifdef __SSE2__
    if (len >= 21)
        return first_noise_sse2(s, len, spaces);
#endif
    return first_noise_bytewise(s, 1, len, len, spaces);
}

size_t sec_first_noise_bytewise(const char *s, size_t len, bool spaces)
{
    for (size_t i = 1; i < len; i++) {
        size_t width;
        if (noise_at(s, i, s, len, i, &width, spaces) != NOISE_NONE)
            return i;
    }
    return len;
}

/* Which blocks carry spans, one flag per block (one pass over the spans
 * rather than one per block); NULL when the document has no spans or
 * memory ran out (*failed then says which). */
static bool *blocks_with_spans(const sl_doc *doc, bool *failed)
{
    *failed = false;
    if (doc->n_spans == 0)
        return NULL;
    bool *has = calloc(doc->n_blocks, sizeof *has);
    if (!has) {
        *failed = true;
        return NULL;
    }
    for (size_t i = 0; i < doc->n_spans; i++)
        if (doc->spans[i].block < doc->n_blocks)
            has[doc->spans[i].block] = true;
    return has;
}

int sec_remove_noise(sl_ctx *ctx, sl_doc *doc)
{
    uint64_t chars = 0, spaces = 0, doubles = 0;
    bool failed;
    bool *has_spans = blocks_with_spans(doc, &failed);
    if (failed)
        return sl_fail(ctx, "out of memory removing noise characters");
    /* a space a page's markup puts between Han characters is the author's
     * (a headline's "标题 副题", a blog's spaces for commas); the html
     * stage already drops line breaks of the source between them */
    bool remove_spaces = doc->content_type != SL_CONTENT_HTML;
    bool avx2 = sec_noise_has_avx2();
    for (size_t b = 0; b < doc->n_blocks; b++) {
        sl_block *block = &doc->blocks[b];
        if (sec_block_is_dropped(block) || block->kind == SL_BLOCK_CODE)
            continue;
        size_t first = sec_first_noise_chunks(block->text, block->len,
                                              remove_spaces, avx2);
        if (first == block->len || (has_spans && has_spans[b]))
            continue; /* spans keep their offsets: leave such blocks */
        char *out = sl_doc_alloc(doc, block->len + 1);
        if (!out) {
            free(has_spans);
            return sl_fail(ctx, "out of memory removing noise characters");
        }
        size_t n = sec_clean_text(block->text, block->len, out, remove_spaces,
                                  &chars, &spaces, &doubles);
        out[n] = '\0';
        block->text = out; /* arena memory, freed with the document */
        block->len = n;
    }
    free(has_spans);
    if (chars)
        sl_count(ctx, "repairs.noise_char", chars);
    if (spaces)
        sl_count(ctx, "repairs.space", spaces);
    if (doubles)
        sl_count(ctx, "repairs.double_punct", doubles);
    return 0;
}
