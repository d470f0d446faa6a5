/* plugins/export/record_json_count.c - code points counted in the short
 * runs of a record's positions (a figure's text, the run between two
 * figures): 16 bytes a step with SSE2, a 64-byte window with AVX2, words
 * of eight and four bytes, and the word-at-a-time reference of the tests.
 */
#include "record_json_internal.h"

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

/* Code points in s[0..n): the bytes that are not continuation bytes,
 * eight bytes a step and a byte at a time after. The reference the tests
 * hold count_chars_short to. */
size_t count_chars_by_words(const char *s, size_t n)
{
    const uint64_t highs = 0x8080808080808080ull;
    size_t continuation = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear */
        uint64_t marks = (w & ~(w << 1) & highs) >> 7; /* one bit a byte */
        continuation += (size_t)((marks * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        continuation += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - continuation;
}

/* One in the low bit of each byte of w that starts a character (is not a
 * continuation byte, 10xxxxxx). */
static uint64_t char_starts(uint64_t w)
{
    const uint64_t highs = 0x8080808080808080ull;
    return ((~w | (w << 1)) & highs) >> 7;
}

/* The sum of the eight bytes of w, each at most 8. */
static size_t byte_sum(uint64_t w)
{
    return (size_t)((w * 0x0101010101010101ull) >> 56);
}

/* Code points in s[0..n) for n below SHORT_COUNT (a figure's text, the
 * run between two figures). From 16 bytes: 16 a step (SSE2) and the last
 * 16 bytes once more, the ones already counted masked out. From 8: the
 * first and the last eight bytes, the overlap shifted out of the last.
 * Below: byte by byte. No byte outside s[0..n) is read. */
size_t count_chars_short(const char *s, size_t n)
{
#ifdef __SSE2__
    if (n >= 16) {
        /* 16 zero bytes, then 16 of all ones: from (16 - left) on, the
         * bytes of the last load not yet counted */
        static const unsigned char tail_mask[32] = {
            0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
            0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        /* a continuation byte is -128..-65 as a signed byte */
        const __m128i last_continuation = _mm_set1_epi8(-65);
        __m128i counts = _mm_setzero_si128(); /* at most 4 a byte */
        size_t i = 0;
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            counts = _mm_sub_epi8(counts, _mm_cmpgt_epi8(v, last_continuation));
        }
        if (i < n) {
            __m128i v =
                _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
            __m128i fresh = _mm_loadu_si128(
                (const __m128i *)(const void *)(tail_mask + (n - i)));
            __m128i starts = _mm_cmpgt_epi8(v, last_continuation);
            counts = _mm_sub_epi8(counts, _mm_and_si128(starts, fresh));
        }
        __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
        return (size_t)_mm_cvtsi128_si32(sums) +
               (size_t)_mm_extract_epi16(sums, 4);
    }
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 8) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + n - 8, 8);
        size_t chars = byte_sum(char_starts(head));
        if (n > 8) /* the tail's first 16 - n bytes are the head's */
            chars += byte_sum(char_starts(tail) >> (8 * (16 - n)));
        return chars;
    }
    if (n >= 4) { /* the same with four-byte halves */
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + n - 4, 4);
        const uint64_t low_bytes = 0x01010101u; /* the word's upper half
                                                   is zero, not text */
        size_t chars = byte_sum(char_starts(head) & low_bytes);
        if (n > 4)
            chars += byte_sum((char_starts(tail) & low_bytes) >> (8 * (8 - n)));
        return chars;
    }
#endif
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* Code points in the n bytes from place `from` of the 64 at base (from +
 * n at most 64, n below 64, from 64 only when n is 0): two 32-byte loads give a
 * bit for each byte that starts a character, the n bits wanted are kept and
 * counted. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2,popcnt"))) static size_t
count_window_avx2(const char *base, size_t from, size_t n)
{
    const __m256i last_continuation = _mm256_set1_epi8(-65);
    __m256i low = _mm256_loadu_si256((const __m256i *)(const void *)base);
    __m256i high =
        _mm256_loadu_si256((const __m256i *)(const void *)(base + 32));
    uint64_t starts = (uint32_t)_mm256_movemask_epi8(
                          _mm256_cmpgt_epi8(low, last_continuation)) |
                      (uint64_t)(uint32_t)_mm256_movemask_epi8(
                          _mm256_cmpgt_epi8(high, last_continuation))
                          << 32;
    /* from is 64 only with n 0 (an empty run at the window's end): the
     * mask is then empty whatever it is shifted by, and the shift stays
     * below the word's width */
    uint64_t wanted = ((1ull << n) - 1) << (from & 63);
    return (size_t)__builtin_popcountll(starts & wanted);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
/* The low k bits of a word (all of them from 64 on), without a shift by
 * the word's width. */
static uint64_t low_bits(size_t k)
{
    return k >= 64 ? ~0ull : (1ull << k) - 1;
}

/* One bit for each of the 64 bytes at p that starts a character. */
__attribute__((target("avx2"))) static uint64_t starts_of_64(const char *p)
{
    const __m256i last_continuation = _mm256_set1_epi8(-65);
    __m256i low = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i high = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    return (uint32_t)_mm256_movemask_epi8(
               _mm256_cmpgt_epi8(low, last_continuation)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(
               _mm256_cmpgt_epi8(high, last_continuation))
               << 32;
}

/* Code points in s[0..n), n below 64, from the 64 bytes at s or, when
 * fewer follow s, the last 64 before hi. */
__attribute__((target("avx2,popcnt"))) static size_t
count_in_window(const char *hi, const char *s, size_t n)
{
    const char *last = hi - 64;
    const char *base = s < last ? s : last;
    size_t from = (size_t)(s - base);
    uint64_t starts = starts_of_64(base);
    return (size_t)__builtin_popcountll(starts & low_bits(from + n)) -
           (size_t)__builtin_popcountll(starts & low_bits(from));
}

/* Code points in s[0..gap) and in s[gap..gap + len), len below
 * SHORT_COUNT (64), where the 64 bytes before hi and all from s to hi
 * may be read (a block of at least 64 bytes holds the runs): the run
 * from the last figure to a figure, and the figure's text. The gap's
 * whole 64 bytes first; then, when what is left of it and the text are
 * within 64 bytes (most figures), both from one load, their bits
 * counted apart; else a load each. */
__attribute__((target("avx2,popcnt"))) void
count_two_within_avx2(const char *hi, const char *s, size_t gap, size_t len,
                      size_t counts[2])
{
    size_t gap_chars = 0;
    for (; gap >= 64; gap -= 64, s += 64)
        gap_chars += (size_t)__builtin_popcountll(starts_of_64(s));
    if (gap + len >= 64) {
        counts[0] = gap_chars + count_in_window(hi, s, gap);
        counts[1] = count_in_window(hi, s + gap, len);
        return;
    }
    const char *last = hi - 64;
    const char *base = s < last ? s : last;
    uint64_t starts = starts_of_64(base);
    size_t from = (size_t)(s - base); /* from + gap + len is at most 64 */
    size_t before = (size_t)__builtin_popcountll(starts & low_bits(from));
    size_t to_text =
        (size_t)__builtin_popcountll(starts & low_bits(from + gap));
    size_t to_end =
        (size_t)__builtin_popcountll(starts & low_bits(from + gap + len));
    counts[0] = gap_chars + to_text - before;
    counts[1] = to_end - to_text;
}
#endif

/* Code points in s[0..n) for n below SHORT_COUNT, where [lo, hi) may be
 * read and holds s[0..n). With AVX2 and 64 readable bytes, the 64 bytes
 * from s (or the last 64 before hi, when fewer follow s) are read and
 * only the bits of s[0..n) counted, so the count takes no branch on n
 * (whose lengths, a figure's text or the run between two, vary from
 * call to call and mispredict in count_chars_short). Else
 * count_chars_short. */
size_t count_chars_within(const char *lo, const char *hi, const char *s,
                          size_t n)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (hi - lo >= 64 && __builtin_cpu_supports("avx2")) {
        const char *last = hi - 64;
        const char *base = s < last ? s : last;
        return count_window_avx2(base, (size_t)(s - base), n);
    }
#else
    (void)lo;
    (void)hi;
#endif
    return count_chars_short(s, n);
}
