/* plugins/normalize/plain_run.c - the end of a run of text that needs no
 * normalization (plain_run.h). One character at a time it decodes each
 * three-byte character and reads its bit. With SSE2 a chunk of sixteen
 * bytes is classified at once (printable ASCII, lead bytes E0..EF,
 * continuation bytes) and its UTF-8 structure checked on the byte masks:
 * a continuation byte exactly where a lead byte one or two bytes before
 * calls for one. The two ranges that make up most of Chinese text, the
 * ideographs and (under NFC) the full-width punctuation ，：！？, are
 * recognised from their bytes when the table holds them wholly plain
 * (of the full-width forms only U+FF01..U+FF3F, one byte pair EF BC: the
 * letters and signs of EF BD are rare in Chinese text, and their test
 * cost every chunk more than their look-ups); only the other three-byte
 * characters of a chunk, 。 and 、 mostly, are looked up in the table.
 * (Recognising more ranges costs more than the look-ups it saves.)
 */
#include "plain_run.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#define NZ_PLAIN_AVX2 1
#include <immintrin.h>
#endif

void nz_plain_table_set(nz_plain_table *t, uint32_t cp)
{
    t->rows[cp >> 6] |= (uint64_t)1 << (cp & 0x3F);
}

/* Whether every character from first to last is marked plain. */
static bool all_plain(const nz_plain_table *t, uint32_t first, uint32_t last)
{
    for (uint32_t cp = first; cp <= last; cp++)
        if (!nz_plain_cp(t, cp))
            return false;
    return true;
}

void nz_plain_table_finish(nz_plain_table *t)
{
    t->ideographs =
        all_plain(t, 0x4000, 0x4DBF) && all_plain(t, 0x4E00, 0x9FFF);
    t->fullwidth = all_plain(t, 0xFF01, 0xFF5E);
}

/* Whether the three bytes at u, the first E0..EF, continue as a
 * three-byte character marked plain. */
static int plain_three_byte_at(const nz_plain_table *t, const unsigned char *u)
{
    unsigned second = u[1], third = u[2];
    if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80)
        return 0;
    uint32_t cp =
        (u[0] & 0x0Fu) << 12 | (second & 0x3Fu) << 6 | (third & 0x3Fu);
    return nz_plain_cp(t, cp);
}

size_t nz_plain_run_end_bytewise(const nz_plain_table *t, const char *s,
                                 size_t len, size_t pos)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = pos;
    while (i < len) {
        unsigned lead = u[i];
        if (lead >= 0x21 && lead < 0x7F) { /* printable ASCII */
            i++;
            continue;
        }
        if ((lead & 0xF0) != 0xE0 || len - i < 3 ||
            !plain_three_byte_at(t, u + i))
            break;
        i += 3;
    }
    return i;
}

#ifdef __SSE2__
enum {
    CHUNK = 16,
    WHOLE_CHAR_LEADS = 0x3FFF, /* bytes 0..13: a lead there ends in the chunk */
    LEAD_AT_14 = 0x4000,
    LEAD_AT_15 = 0x8000
};

/* The bytes of v equal to c: all ones, else zero. */
static __m128i equal(__m128i v, unsigned char c)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* The bytes of v from first to last, unsigned (last below 0xFF): all
 * ones, else zero. Compared as signed bytes once the top bit is flipped. */
static __m128i between(__m128i v, unsigned char first, unsigned char last)
{
    __m128i s = _mm_xor_si128(v, _mm_set1_epi8((char)0x80));
    __m128i above = _mm_set1_epi8((char)((first - 1) ^ 0x80));
    __m128i below = _mm_set1_epi8((char)((last + 1) ^ 0x80));
    return _mm_and_si128(_mm_cmpgt_epi8(s, above), _mm_cmplt_epi8(s, below));
}

/* The bytes of v that open a character of the ranges the table holds
 * wholly plain (nz_plain_table_finish; of the full-width forms, those
 * from U+FF01 to U+FF3F). Right for the leads of whole
 * characters, which end by byte 15, so their next two bytes are in the
 * chunk. */
static __m128i known_plain(const nz_plain_table *t, __m128i v)
{
    __m128i next = _mm_srli_si128(v, 1), after = _mm_srli_si128(v, 2);
    __m128i known = _mm_setzero_si128();
    if (t->ideographs) /* E4 (not before B7: U+4DC0..U+4DFF) to E9 */
        known =
            _mm_or_si128(between(v, 0xE5, 0xE9),
                         _mm_andnot_si128(equal(next, 0xB7), equal(v, 0xE4)));
    if (t->fullwidth) { /* EF BC 81..BF: U+FF01..U+FF3F */
        __m128i bc = _mm_andnot_si128(equal(after, 0x80), equal(next, 0xBC));
        known = _mm_or_si128(known, _mm_and_si128(equal(v, 0xEF), bc));
    }
    return known;
}

/* The end of a chunk's scan once it is not all plain: its bytes pass up to
 * the first bad one (or all width of them), less a character they would
 * cut, and each lead among them the chunk test could not vouch for is
 * looked up. Moves *i to the first character that is not plain and
 * returns true, or past the passing bytes and returns whether a bad byte
 * stops the scan there. Shared by the 16- and 32-byte loops. */
static inline bool stop_in_chunk(const nz_plain_table *t,
                                 const unsigned char *u, size_t *i,
                                 unsigned bad, unsigned lead_bits,
                                 unsigned look_up, unsigned width)
{
    unsigned end = bad ? (unsigned)__builtin_ctz(bad) : width;
    if (end >= 1 && ((lead_bits >> (end - 1)) & 1))
        end -= 1;
    else if (end >= 2 && ((lead_bits >> (end - 2)) & 1))
        end -= 2;
    unsigned below_end = end >= 32 ? ~0u : (1u << end) - 1;
    for (look_up &= below_end; look_up; look_up &= look_up - 1) {
        unsigned at = (unsigned)__builtin_ctz(look_up);
        if (!plain_three_byte_at(t, u + *i + at)) {
            *i += at;
            return true;
        }
    }
    *i += end;
    return bad != 0;
}

/* Moves i past the chunks of plain text; returns the first character it
 * cannot vouch for (not plain, or cut by the end of the last whole
 * chunk), always at a character boundary. A chunk of plain text moves i
 * on to its last lead byte when that opens a character the chunk cuts,
 * else past it: a branch rather than arithmetic on the masks, so that
 * the next chunk's load does not wait for this chunk's tests. */
static size_t skip_plain_chunks(const nz_plain_table *t, const unsigned char *u,
                                size_t i, size_t len)
{
    while (len - i >= CHUNK) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i ascii = between(v, 0x21, 0x7E);
        __m128i leads = between(v, 0xE0, 0xEF);
        __m128i tails =
            equal(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), 0x80);
        /* a continuation byte where, and only where, a lead calls for one */
        __m128i wanted =
            _mm_or_si128(_mm_slli_si128(leads, 1), _mm_slli_si128(leads, 2));
        __m128i good =
            _mm_andnot_si128(_mm_xor_si128(tails, wanted),
                             _mm_or_si128(ascii, _mm_or_si128(leads, tails)));
        unsigned bad = (unsigned)_mm_movemask_epi8(good) ^ 0xFFFFu;
        unsigned lead_bits = (unsigned)_mm_movemask_epi8(leads);
        unsigned look_up = (unsigned)_mm_movemask_epi8(
                               _mm_andnot_si128(known_plain(t, v), leads)) &
                           WHOLE_CHAR_LEADS;
        if (!bad && !look_up) {
            i += (lead_bits & LEAD_AT_15)   ? 15
                 : (lead_bits & LEAD_AT_14) ? 14
                                            : 16;
            continue;
        }
        if (stop_in_chunk(t, u, &i, bad, lead_bits, look_up, CHUNK))
            return i;
    }
    return i;
}
#endif

#ifdef NZ_PLAIN_AVX2
enum {
    WIDE_CHUNK = 32,
    WIDE_WHOLE_CHAR_LEADS = 0x3FFFFFFF, /* bytes 0..29 */
    WIDE_LEAD_AT_30 = 0x40000000
};
#define WIDE_LEAD_AT_31 0x80000000u

/* The AVX2 forms of equal and between above. */
__attribute__((target("avx2"))) static __m256i wide_equal(__m256i v,
                                                          unsigned char c)
{
    return _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)c));
}

__attribute__((target("avx2"))) static __m256i
wide_between(__m256i v, unsigned char first, unsigned char last)
{
    __m256i s = _mm256_xor_si256(v, _mm256_set1_epi8((char)0x80));
    __m256i above = _mm256_set1_epi8((char)((first - 1) ^ 0x80));
    __m256i below = _mm256_set1_epi8((char)((last + 1) ^ 0x80));
    return _mm256_and_si256(_mm256_cmpgt_epi8(s, above),
                            _mm256_cmpgt_epi8(below, s));
}

/* v moved up by one and by two bytes across the two 128-bit halves
 * (byte j takes byte j - 1, or j - 2; zeros come in at byte 0). */
__attribute__((target("avx2"))) static __m256i wide_up1(__m256i v)
{
    __m256i low_up = _mm256_permute2x128_si256(v, v, 0x08); /* 0, low */
    return _mm256_alignr_epi8(v, low_up, 15);
}

__attribute__((target("avx2"))) static __m256i wide_up2(__m256i v)
{
    __m256i low_up = _mm256_permute2x128_si256(v, v, 0x08);
    return _mm256_alignr_epi8(v, low_up, 14);
}

/* v moved down by one and by two bytes (byte j takes byte j + 1, or
 * j + 2; zeros come in at the top). */
__attribute__((target("avx2"))) static __m256i wide_down1(__m256i v)
{
    __m256i high_down = _mm256_permute2x128_si256(v, v, 0x81); /* high, 0 */
    return _mm256_alignr_epi8(high_down, v, 1);
}

__attribute__((target("avx2"))) static __m256i wide_down2(__m256i v)
{
    __m256i high_down = _mm256_permute2x128_si256(v, v, 0x81);
    return _mm256_alignr_epi8(high_down, v, 2);
}

/* known_plain on 32 bytes. */
__attribute__((target("avx2"))) static __m256i
wide_known_plain(const nz_plain_table *t, __m256i v)
{
    __m256i next = wide_down1(v), after = wide_down2(v);
    __m256i known = _mm256_setzero_si256();
    if (t->ideographs)
        known = _mm256_or_si256(
            wide_between(v, 0xE5, 0xE9),
            _mm256_andnot_si256(wide_equal(next, 0xB7), wide_equal(v, 0xE4)));
    if (t->fullwidth) {
        __m256i bc = _mm256_andnot_si256(wide_equal(after, 0x80),
                                         wide_equal(next, 0xBC));
        known =
            _mm256_or_si256(known, _mm256_and_si256(wide_equal(v, 0xEF), bc));
    }
    return known;
}

/* skip_plain_chunks 32 bytes at a time (AVX2), the same tests; what is
 * left, fewer than 32 bytes, goes through skip_plain_chunks. Called only
 * where the processor has AVX2. */
__attribute__((target("avx2"))) static size_t
skip_plain_chunks_avx2(const nz_plain_table *t, const unsigned char *u,
                       size_t i, size_t len)
{
    while (len - i >= WIDE_CHUNK) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
        __m256i ascii = wide_between(v, 0x21, 0x7E);
        __m256i leads = wide_between(v, 0xE0, 0xEF);
        __m256i tails =
            wide_equal(_mm256_and_si256(v, _mm256_set1_epi8((char)0xC0)), 0x80);
        __m256i wanted = _mm256_or_si256(wide_up1(leads), wide_up2(leads));
        __m256i good = _mm256_andnot_si256(
            _mm256_xor_si256(tails, wanted),
            _mm256_or_si256(ascii, _mm256_or_si256(leads, tails)));
        unsigned bad = ~(unsigned)_mm256_movemask_epi8(good);
        unsigned lead_bits = (unsigned)_mm256_movemask_epi8(leads);
        unsigned look_up = (unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(
                               wide_known_plain(t, v), leads)) &
                           WIDE_WHOLE_CHAR_LEADS;
        if (!bad && !look_up) {
            i += (lead_bits & WIDE_LEAD_AT_31)   ? 31
                 : (lead_bits & WIDE_LEAD_AT_30) ? 30
                                                 : 32;
            continue;
        }
        if (stop_in_chunk(t, u, &i, bad, lead_bits, look_up, WIDE_CHUNK))
            return i;
    }
    return skip_plain_chunks(t, u, i, len);
}

bool nz_plain_has_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
bool nz_plain_has_avx2(void)
{
    return false;
}
#endif

size_t nz_plain_run_end_chunks(const nz_plain_table *t, const char *s,
                               size_t len, size_t pos, bool avx2)
{
    const unsigned char *u = (const unsigned char *)s;
#ifdef NZ_PLAIN_AVX2
    if (avx2)
        return nz_plain_run_end_bytewise(
            t, s, len, skip_plain_chunks_avx2(t, u, pos, len));
#endif
#ifdef __SSE2__
    pos = skip_plain_chunks(t, u, pos, len);
#endif
    return nz_plain_run_end_bytewise(t, s, len, pos);
}

size_t nz_plain_run_end(const nz_plain_table *t, const char *s, size_t len,
                        size_t pos)
{
    return nz_plain_run_end_chunks(t, s, len, pos, nz_plain_has_avx2());
}
