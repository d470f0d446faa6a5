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
 *
 * With AVX2, 32 bytes a step: the chunk is loaded three times (from i,
 * i + 1 and i + 2) so that each lead's next two bytes are at hand
 * without moving the register, the CJK punctuation 。、「」 (E3 80 81..B5)
 * is recognised too, the structure is checked on the bit masks, the
 * compared bytes come from the table (built once) rather than being made
 * again in every step, and the last bytes of the text are tested in the
 * 32 bytes that end it (or in a padded copy of a shorter text) instead of
 * the 16-byte loop and then one character at a time. The loop is made
 * once for NFC's ranges and once for NFKC's, with them constant.
 */
#include "plain_run.h"

#include <string.h>

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
    t->cjk_punct = all_plain(t, 0x3001, 0x3035);
    for (unsigned c = 0; c < 256; c++)
        memset(t->bytes[c], (int)c, sizeof t->bytes[c]);
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

/* The ranges of the table's wholly plain characters the AVX2 scan knows
 * from their bytes (see wide_known_leads). The scan is made once for each
 * set of ranges the forms give (NFC: all three; NFKC: all but the
 * full-width forms), with the flags constant, and once for any other. */
typedef struct wide_ranges {
    bool ideographs, fullwidth, cjk_punct;
} wide_ranges;

/* The byte values the AVX2 scan compares with, each in every byte of a
 * register: loaded from the table (nz_plain_table_finish wrote them),
 * which spares the compiler building each again in every step of the
 * loop for want of registers. */
typedef struct wide_bytes {
    __m256i x20, x7f, xc0, xf0, xe0, x1b, x04, x34, x80, xb7, xbc, xe3, xe4,
        xef;
} wide_bytes;

__attribute__((target("avx2"), always_inline)) static inline __m256i
wide_byte(const nz_plain_table *t, unsigned char c)
{
    return _mm256_loadu_si256((const __m256i *)(const void *)t->bytes[c]);
}

__attribute__((target("avx2"), always_inline)) static inline wide_bytes
wide_bytes_of(const nz_plain_table *t)
{
    wide_bytes k = {wide_byte(t, 0x20), wide_byte(t, 0x7F), wide_byte(t, 0xC0),
                    wide_byte(t, 0xF0), wide_byte(t, 0xE0), wide_byte(t, 0x1B),
                    wide_byte(t, 0x04), wide_byte(t, 0x34), wide_byte(t, 0x80),
                    wide_byte(t, 0xB7), wide_byte(t, 0xBC), wide_byte(t, 0xE3),
                    wide_byte(t, 0xE4), wide_byte(t, 0xEF)};
    return k;
}

/* The leads of chunk v of characters known plain from their bytes (next
 * and after: v's bytes moved down by one and two), for the ranges the
 * table holds wholly plain: a lead E5..E9, or E4 not followed by B7
 * (U+4DC0..U+4DFF), opens an ideograph; EF BC 81..BF a full-width form
 * of U+FF01..U+FF3F (，：！？); E3 80 81..B5 CJK punctuation of
 * U+3001..U+3035 (。、「」). Right for a lead whose two bytes after it
 * are in the chunk. */
__attribute__((target("avx2"), always_inline)) static inline uint32_t
wide_known_leads(const wide_bytes *k, wide_ranges r, __m256i v, __m256i next,
                 __m256i after)
{
    __m256i known = _mm256_setzero_si256();
    if (r.ideographs) {
        __m256i from_e5 = _mm256_add_epi8(v, k->x1b); /* v - E5 */
        __m256i e5_e9 =
            _mm256_cmpeq_epi8(/* at most 4, unsigned */
                              _mm256_min_epu8(from_e5, k->x04), from_e5);
        known = _mm256_or_si256(
            e5_e9, _mm256_andnot_si256(_mm256_cmpeq_epi8(next, k->xb7),
                                       _mm256_cmpeq_epi8(v, k->xe4)));
    }
    if (r.fullwidth)
        known = _mm256_or_si256(
            known, _mm256_andnot_si256(
                       _mm256_cmpeq_epi8(after, k->x80),
                       _mm256_and_si256(_mm256_cmpeq_epi8(v, k->xef),
                                        _mm256_cmpeq_epi8(next, k->xbc))));
    if (r.cjk_punct) {
        __m256i third = /* after - 81 (add 7F) at most 0x34: 81..B5 */
            _mm256_add_epi8(after, k->x7f);
        __m256i in_range =
            _mm256_cmpeq_epi8(_mm256_min_epu8(third, k->x34), third);
        known = _mm256_or_si256(
            known,
            _mm256_and_si256(
                in_range, _mm256_and_si256(_mm256_cmpeq_epi8(v, k->xe3),
                                           _mm256_cmpeq_epi8(next, k->x80))));
    }
    return (uint32_t)_mm256_movemask_epi8(known);
}

/* The masks of a chunk (bit j for byte j) the AVX2 scan decides on. */
typedef struct wide_masks {
    uint32_t good;  /* printable ASCII, a lead E0..EF or a continuation */
    uint32_t tails; /* continuation bytes */
    uint32_t leads; /* E0..EF */
    uint32_t known; /* leads known plain (wide_known_leads) */
} wide_masks;

__attribute__((target("avx2"), always_inline)) static inline wide_masks
wide_masks_of(const wide_bytes *k, wide_ranges r, __m256i v, __m256i next,
              __m256i after)
{
    __m256i ascii = _mm256_andnot_si256(/* 0x21..0x7E: signed above 0x20 */
                                        _mm256_cmpeq_epi8(v, k->x7f),
                                        _mm256_cmpgt_epi8(v, k->x20));
    __m256i tails = /* 0x80..0xBF: signed below (char)0xC0 */
        _mm256_cmpgt_epi8(k->xc0, v);
    __m256i leads = _mm256_cmpeq_epi8(_mm256_and_si256(v, k->xf0), k->xe0);
    wide_masks m;
    m.good = (uint32_t)_mm256_movemask_epi8(
        _mm256_or_si256(ascii, _mm256_or_si256(tails, leads)));
    m.tails = (uint32_t)_mm256_movemask_epi8(tails);
    m.leads = (uint32_t)_mm256_movemask_epi8(leads);
    m.known = wide_known_leads(k, r, v, next, after);
    return m;
}

/* v moved down by one and by two bytes (byte j takes byte j + 1, or
 * j + 2; zeros come in at the top). */
__attribute__((target("avx2"), always_inline)) static inline __m256i
wide_down1(__m256i v)
{
    __m256i high_down = _mm256_permute2x128_si256(v, v, 0x81); /* high, 0 */
    return _mm256_alignr_epi8(high_down, v, 1);
}

__attribute__((target("avx2"), always_inline)) static inline __m256i
wide_down2(__m256i v)
{
    __m256i high_down = _mm256_permute2x128_si256(v, v, 0x81);
    return _mm256_alignr_epi8(high_down, v, 2);
}

/* The masks of the 32 bytes at p, their next bytes found in the register
 * (the bytes past p + 31 read as NULs). */
__attribute__((target("avx2"), always_inline)) static inline wide_masks
wide_masks_at_end(const wide_bytes *k, wide_ranges r, const unsigned char *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
    return wide_masks_of(k, r, v, wide_down1(v), wide_down2(v));
}

/* The end of the scan in a chunk of masks m whose byte 0 is u[*i], a
 * character boundary: bad bytes are those not good, and continuation
 * bytes where no lead calls for one (or none where one does); whole
 * leads not known plain are looked up. Where the chunk is all plain,
 * moves *i past it (to the lead of a character it cuts) and returns
 * false; else as stop_in_chunk. */
__attribute__((target("avx2"), always_inline)) static inline bool
wide_chunk_end(const nz_plain_table *t, const unsigned char *u, size_t *i,
               wide_masks m)
{
    uint32_t bad = ~m.good | (m.tails ^ ((m.leads << 1) | (m.leads << 2)));
    uint32_t look_up = m.leads & ~m.known & WIDE_WHOLE_CHAR_LEADS;
    if (!bad && !look_up) {
        *i += (m.leads & WIDE_LEAD_AT_31)   ? 31
              : (m.leads & WIDE_LEAD_AT_30) ? 30
                                            : 32;
        return false;
    }
    return stop_in_chunk(t, u, i, bad, m.leads, look_up, WIDE_CHUNK);
}

/* The masks moved down by drop bytes (below 32): bit j for byte j + drop;
 * the bytes coming in at the top are not good. */
static inline wide_masks wide_masks_down(wide_masks m, unsigned drop)
{
    m.good >>= drop;
    m.tails >>= drop;
    m.leads >>= drop;
    m.known >>= drop;
    return m;
}

/* The scan of the last bytes, fewer than 32, from u[i] to u[len]: in the
 * 32 bytes that end at len, their masks moved down to start at i, or,
 * where the text is shorter, in a copy padded with NULs (bad bytes). A
 * lead looked up has its two bytes before the stop, so before len. */
__attribute__((target("avx2"), always_inline)) static inline size_t
wide_last_chunk(const nz_plain_table *t, const wide_bytes *k, wide_ranges r,
                const unsigned char *u, size_t i, size_t len)
{
    size_t left = len - i, at = 0;
    if (left == 0)
        return i;
    wide_masks m;
    if (len >= WIDE_CHUNK) {
        m = wide_masks_down(wide_masks_at_end(k, r, u + len - WIDE_CHUNK),
                            (unsigned)(WIDE_CHUNK - left));
    } else {
        unsigned char pad[WIDE_CHUNK] = {0};
        memcpy(pad, u + i, left);
        m = wide_masks_at_end(k, r, pad);
    }
    wide_chunk_end(t, u + i, &at, m);
    return i + at;
}

/* Moves i past the plain text 32 bytes at a time (AVX2), its last bytes
 * too (wide_last_chunk); the same answer as skip_plain_chunks. Each chunk
 * is loaded three times, from i, i + 1 and i + 2, for the bytes after
 * each lead (while 34 bytes are left; then the register is moved down). */
__attribute__((target("avx2"), always_inline)) static inline size_t
skip_plain_chunks_wide(const nz_plain_table *t, wide_ranges r,
                       const unsigned char *u, size_t i, size_t len)
{
    wide_bytes k = wide_bytes_of(t);
    while (len - i >= WIDE_CHUNK + 2) {
        const unsigned char *p = u + i;
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i next =
            _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
        __m256i after =
            _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
        if (wide_chunk_end(t, u, &i, wide_masks_of(&k, r, v, next, after)))
            return i;
    }
    if (len - i >= WIDE_CHUNK &&
        wide_chunk_end(t, u, &i, wide_masks_at_end(&k, r, u + i)))
        return i;
    return wide_last_chunk(t, &k, r, u, i, len);
}

/* skip_plain_chunks_wide for the table's ranges, the common sets of them
 * with the ranges constant. Called only where the processor has AVX2. */
__attribute__((target("avx2"))) static size_t
skip_plain_chunks_avx2(const nz_plain_table *t, const unsigned char *u,
                       size_t i, size_t len)
{
    wide_ranges r = {t->ideographs, t->fullwidth, t->cjk_punct};
    if (r.ideographs && r.fullwidth && r.cjk_punct) {
        const wide_ranges nfc = {true, true, true};
        return skip_plain_chunks_wide(t, nfc, u, i, len);
    }
    if (r.ideographs && !r.fullwidth && r.cjk_punct) {
        const wide_ranges nfkc = {true, false, true};
        return skip_plain_chunks_wide(t, nfkc, u, i, len);
    }
    return skip_plain_chunks_wide(t, r, u, i, len);
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
