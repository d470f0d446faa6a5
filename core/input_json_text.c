/* core/input_json_text.c - the text field of a record, decoded and
 * checked for UTF-8 in one pass (sl_json_decode_text), 32 and 16 bytes at
 * a time with SSE2 (one 32-byte register a step where the processor has
 * AVX2, two in its first loop), a character at a time where a chunk
 * cannot be checked so; \n escapes are decoded inside the chunk loops,
 * other escapes by input_json_escape.c.
 */
#include "input_json_internal.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__)
#define SL_JSON_AVX2 1
#include <immintrin.h>
#endif

#include "utf8_valid.h"

#define NOT_UTF8 ((size_t)-1)

#ifdef __SSE2__
/* Marks the bytes of v that end a plain run: '"', '\\' and control
 * bytes. */
static inline __m128i special_bytes(__m128i v)
{
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                        control);
}

/* The bytes of a chunk whose lead and continuation bit masks are given
 * that break the rules of copy_plain_chunks: neither ASCII, a lead nor a
 * continuation, or a continuation where no lead calls for one (or none
 * where one does). reach: the leads of the chunk before that call for
 * this chunk's first two bytes (bits 0 and 1). */
static inline uint32_t misfit_bytes(uint32_t high, uint32_t leads,
                                    uint32_t cont, uint32_t reach)
{
    uint32_t after = (leads << 1) | (leads << 2) | reach;
    return (high & ~cont & ~leads) | (cont ^ after);
}

/* The bits 0 and 1 of the next chunk's reach, from the leads of a chunk of
 * width bits. */
static inline uint32_t leads_reach(uint32_t leads, int width)
{
    return (leads >> (width - 1)) | (leads >> (width - 2));
}

static inline uint32_t mask16(__m128i v)
{
    return (uint32_t)_mm_movemask_epi8(v);
}

/* The bits at and after a chunk's first special byte (take: the bits
 * before it) that a lead before it, or the reach of the chunk before,
 * calls for as continuation bytes: a character the special byte cuts. */
static inline uint64_t cut_by_special(uint64_t leads, uint64_t take,
                                      uint64_t reach)
{
    uint64_t kept = leads & take;
    return ((kept << 1) | (kept << 2) | reach) & ~take;
}

/* Whether the special byte at u[i] is a \n escape (the end of most plain
 * runs in a text: one a line) that cuts no character (cut: see
 * cut_by_special): the chunk loops decode it themselves and go on. */
static inline bool goes_on_past_newline(const unsigned char *u, size_t i,
                                        size_t len, uint64_t cut)
{
    return !cut && u[i] == '\\' && len - i >= 2 && u[i + 1] == 'n';
}

/* The end of copy_plain_chunks after its wide loop, which left off at
 * u[i] and out[o] (reach as in misfit_bytes; stopped: at a special
 * byte): 16 bytes at a time while that many are left, then a lead in the
 * last two bytes copied since start, whose continuation bytes were not
 * checked, is given back. Sets *n and returns the new i. */
static inline size_t copy_last_chunks(const unsigned char *u, size_t start,
                                      size_t i, size_t len, char *out, size_t o,
                                      uint32_t reach, bool stopped, size_t *n)
{
    while (!stopped && len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        uint32_t special = mask16(special_bytes(v));
        uint32_t take = special ? (1u << __builtin_ctz(special)) - 1 : 0xFFFF;
        uint32_t high = mask16(v) & take;
        uint32_t leads = 0;
        if (high | reach) {
            leads = mask16(sl_utf8_plain_three_byte_leads(v));
            uint32_t cont = mask16(sl_utf8_continuations(v));
            if (misfit_bytes(high, leads, cont, reach) & take)
                break;
        }
        _mm_storeu_si128((__m128i *)(void *)(out + o), v);
        if (special) {
            size_t run = (size_t)__builtin_ctz(special);
            i += run;
            o += run;
            break;
        }
        i += 16;
        o += 16;
        reach = leads_reach(leads, 16);
    }
    size_t back = 0;
    if (i > start && u[i - 1] >= 0xE0)
        back = 1;
    else if (i > start && u[i - 2] >= 0xE0)
        back = 2;
    *n = o - back;
    return i - back;
}

/* Copies the plain bytes at s[i..] (i a character boundary, i >= 2) to
 * out + *n, 32 then 16 at a time, while each chunk, up to its first
 * special byte, holds only ASCII and the three-byte sequences of
 * sl_utf8_plain_three_byte_leads, checked as it is copied: every byte is
 * ASCII, such a lead or a continuation byte, and a byte is a continuation
 * exactly when one of the two before it is a lead. A \n escape that ends
 * a 32-byte chunk's plain bytes is decoded and the copy goes on after it
 * (goes_on_past_newline). Stops at another special byte, at a chunk it
 * cannot check so, or when fewer than 16 bytes are left; returns the new
 * i, a character boundary (a lead in the last two bytes copied, whose
 * continuation bytes were not checked, is given back). A load never passes len;
 * a store may write up to 17 bytes past the ones kept, never past the room the
 * caller gave (as many bytes as the rest of the line: the decoded text never
 * outgrows the raw bytes read). */
static size_t copy_plain_chunks(const unsigned char *u, size_t i, size_t len,
                                char *out, size_t *n)
{
    size_t start = i, o = *n;
    uint32_t reach = 0;   /* none: i is a character boundary */
    bool stopped = false; /* at a special byte */
    while (len - i >= 32) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i v1 =
            _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16));
        uint32_t special = mask16(special_bytes(v0)) | mask16(special_bytes(v1))
                                                           << 16;
        uint32_t take = special ? (1u << __builtin_ctz(special)) - 1 : ~0u;
        uint32_t high = (mask16(v0) | mask16(v1) << 16) & take;
        uint32_t leads = 0;
        if (high | reach) {
            leads = mask16(sl_utf8_plain_three_byte_leads(v0)) |
                    mask16(sl_utf8_plain_three_byte_leads(v1)) << 16;
            uint32_t cont = mask16(sl_utf8_continuations(v0)) |
                            mask16(sl_utf8_continuations(v1)) << 16;
            if (misfit_bytes(high, leads, cont, reach) & take)
                break;
        }
        _mm_storeu_si128((__m128i *)(void *)(out + o), v0);
        _mm_storeu_si128((__m128i *)(void *)(out + o + 16), v1);
        if (special) {
            size_t run = (size_t)__builtin_ctz(special);
            i += run;
            o += run;
            if (!goes_on_past_newline(u, i, len,
                                      cut_by_special(leads, take, reach))) {
                stopped = true;
                break;
            }
            out[o++] = '\n';
            i += 2;
            reach = 0;
            continue;
        }
        i += 32;
        o += 32;
        reach = leads_reach(leads, 32);
    }
    return copy_last_chunks(u, start, i, len, out, o, reach, stopped, n);
}
#else
/* Without SSE2, copies eight ASCII bytes that end no plain run at a
 * time; see the SSE2 version. */
static size_t copy_plain_chunks(const unsigned char *u, size_t i, size_t len,
                                char *out, size_t *n)
{
    size_t o = *n;
    while (len - i >= 8) {
        size_t k = 0;
        while (k < 8 && u[i + k] < 0x80 && !is_special(u[i + k]))
            k++;
        if (k < 8)
            break;
        memcpy(out + o, u + i, 8);
        i += 8;
        o += 8;
    }
    *n = o;
    return i;
}
#endif

#ifdef SL_JSON_AVX2
/* special_bytes, sl_utf8_plain_three_byte_leads and
 * sl_utf8_continuations on 32 bytes. */
__attribute__((target("avx2"))) static inline uint32_t wide_special(__m256i v)
{
    __m256i control =
        _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v);
    __m256i quote_or_backslash =
        _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                        _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')));
    return (uint32_t)_mm256_movemask_epi8(
        _mm256_or_si256(quote_or_backslash, control));
}

__attribute__((target("avx2"))) static inline uint32_t
wide_plain_three_byte_leads(__m256i v)
{
    /* signed: 0xE0 is -32, 0xF0 is -16 */
    __m256i in_range =
        _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8(-32)),
                         _mm256_cmpgt_epi8(_mm256_set1_epi8(-16), v));
    return (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(
        _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xED)), in_range));
}

__attribute__((target("avx2"))) static inline uint32_t
wide_continuations(__m256i v)
{
    return (uint32_t)_mm256_movemask_epi8(
        _mm256_cmpgt_epi8(_mm256_set1_epi8((char)0xC0), v)); /* signed */
}

/* misfit_bytes on 64 bytes. */
static inline uint64_t misfit_bytes64(uint64_t high, uint64_t leads,
                                      uint64_t cont, uint64_t reach)
{
    uint64_t after = (leads << 1) | (leads << 2) | reach;
    return (high & ~cont & ~leads) | (cont ^ after);
}

static inline uint64_t wide_pair(uint32_t low, uint32_t high)
{
    return (uint64_t)low | (uint64_t)high << 32;
}

/* copy_plain_chunks with two 32-byte registers a step (which go on past
 * \n escapes), then one, then 16 bytes (AVX2), the same tests; called
 * only where the processor has AVX2. A store may write up to 63 bytes
 * past the ones kept, within the room (no more bytes are stored than the
 * loads read, and a decoded text is never longer than its raw bytes). */
__attribute__((target("avx2"))) static size_t
copy_plain_chunks_avx2(const unsigned char *u, size_t i, size_t len, char *out,
                       size_t *n)
{
    size_t start = i, o = *n;
    uint64_t reach = 0;   /* none: i is a character boundary */
    bool stopped = false; /* at a special byte */
    while (len - i >= 64) {
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
        __m256i v1 =
            _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 32));
        uint64_t special = wide_pair(wide_special(v0), wide_special(v1));
        uint64_t take = special ? ((uint64_t)1 << __builtin_ctzll(special)) - 1
                                : ~(uint64_t)0;
        uint64_t high = wide_pair((uint32_t)_mm256_movemask_epi8(v0),
                                  (uint32_t)_mm256_movemask_epi8(v1)) &
                        take;
        uint64_t leads = 0;
        if (high | reach) {
            leads = wide_pair(wide_plain_three_byte_leads(v0),
                              wide_plain_three_byte_leads(v1));
            uint64_t cont =
                wide_pair(wide_continuations(v0), wide_continuations(v1));
            if (misfit_bytes64(high, leads, cont, reach) & take)
                break;
        }
        _mm256_storeu_si256((__m256i *)(void *)(out + o), v0);
        _mm256_storeu_si256((__m256i *)(void *)(out + o + 32), v1);
        if (special) {
            size_t run = (size_t)__builtin_ctzll(special);
            i += run;
            o += run;
            if (!goes_on_past_newline(u, i, len,
                                      cut_by_special(leads, take, reach))) {
                stopped = true;
                break;
            }
            out[o++] = '\n';
            i += 2;
            reach = 0;
            continue;
        }
        i += 64;
        o += 64;
        reach = (leads >> 63) | (leads >> 62);
    }
    uint32_t reach32 = (uint32_t)reach;
    while (!stopped && len - i >= 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
        uint32_t special = wide_special(v);
        uint32_t take = special ? (1u << __builtin_ctz(special)) - 1 : ~0u;
        uint32_t high = (uint32_t)_mm256_movemask_epi8(v) & take;
        uint32_t leads = 0;
        if (high | reach32) {
            leads = wide_plain_three_byte_leads(v);
            if (misfit_bytes(high, leads, wide_continuations(v), reach32) &
                take)
                break;
        }
        _mm256_storeu_si256((__m256i *)(void *)(out + o), v);
        if (special) {
            size_t run = (size_t)__builtin_ctz(special);
            i += run;
            o += run;
            stopped = true;
            break;
        }
        i += 32;
        o += 32;
        reach32 = leads_reach(leads, 32);
    }
    return copy_last_chunks(u, start, i, len, out, o, reach32, stopped, n);
}

bool sl_json_has_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
bool sl_json_has_avx2(void)
{
    return false;
}
#endif

/* The plain bytes at s[i..] copied with the given loops (see
 * copy_plain_chunks); none: the caller goes one character at a time. */
static inline size_t copy_plain(const unsigned char *u, size_t i, size_t len,
                                char *out, size_t *n, sl_json_chunks chunks)
{
#ifdef SL_JSON_AVX2
    if (chunks == SL_JSON_CHUNKS_AVX2)
        return copy_plain_chunks_avx2(u, i, len, out, n);
#endif
    if (chunks != SL_JSON_CHUNKS_NONE)
        return copy_plain_chunks(u, i, len, out, n);
    return i;
}

/* Copies the characters at s[i..] (i a character boundary) to out + *n,
 * checking each, until a special byte, len, or at least 16 bytes. Returns
 * the new i, or NOT_UTF8 at a byte that is not valid UTF-8. */
static size_t copy_characters(const unsigned char *u, size_t i, size_t len,
                              char *out, size_t *n)
{
    size_t o = *n, until = i + 16;
    while (i < len && i < until) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (is_special(c))
                break;
            out[o++] = (char)c;
            i++;
            continue;
        }
        size_t k = sl_utf8_sequence_length(u + i, len - i);
        if (k == 0)
            return NOT_UTF8;
        memcpy(out + o, u + i, k);
        o += k;
        i += k;
    }
    *n = o;
    return i;
}

/* Copies the plain run at s[i..] (no '"', '\\' or control byte; i >= 2)
 * to out + *n, checking that it is valid UTF-8. Returns the index of the
 * byte that ends it (special, or len), or NOT_UTF8. A character cannot
 * span a special byte, so the runs checked one by one are the string
 * checked whole. */
static size_t copy_checked_run(const char *s, size_t i, size_t len, char *out,
                               size_t *n, sl_json_chunks chunks)
{
    const unsigned char *u = (const unsigned char *)s;
    for (;;) {
        i = copy_plain(u, i, len, out, n, chunks);
        if (i >= len || is_special(u[i]))
            return i;
        i = copy_characters(u, i, len, out, n);
        if (i == NOT_UTF8 || i >= len || is_special(u[i]))
            return i;
    }
}

size_t sl_json_decode_text(const char *s, size_t start, size_t len, char *out,
                           size_t *close, sl_json_chunks chunks)
{
    size_t n = 0, i = start;
    for (;;) {
        i = copy_checked_run(s, i, len, out, &n, chunks);
        if (i == NOT_UTF8)
            return (size_t)-1;
        if (i >= len || s[i] != '\\') {
            if (i >= len || s[i] != '"')
                return (size_t)-1; /* unterminated, or a control byte */
            *close = i;
            return n;
        }
        if (i + 1 >= len)
            return (size_t)-1;
        if (s[i + 1] == 'n') { /* most escapes in a text: its line ends */
            out[n++] = '\n';
            i += 2;
            continue;
        }
        size_t put = sl_json_decode_escape(s, &i, len, out + n);
        if (put == (size_t)-1 || (put == 1 && out[n] == '\0'))
            return (size_t)-1; /* a text holding \u0000 is refused after
                                  jansson, which says where */
        n += put;
    }
}
