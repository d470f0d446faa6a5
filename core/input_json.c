/* core/input_json.c - the fast JSONL record parser (see input_json.h).
 * Strings are scanned 16 bytes at a time with SSE2 (else eight) for '"',
 * '\\' and control characters. The text field is decoded and checked for
 * UTF-8 in one pass, 32 and 16 bytes at a time with SSE2 (one 32-byte
 * register a step where the processor has AVX2); other strings are
 * checked on their raw bytes.
 */
#include "input_json.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__)
#define SL_JSON_AVX2 1
#include <immintrin.h>
#endif

#include "arena.h"
#include "input_record.h"
#include "utf8_valid.h"

/* Nesting the fast path accepts; deeper records go to jansson. */
#define FAST_MAX_DEPTH 256

typedef struct parser {
    const char *s;
    size_t len, pos;
    int depth;
    bool give_up;
    bool no_memory;
    char *scratch; /* decoded keys and strings: small, or on the heap */
    size_t scratch_cap;
    char small[256]; /* the scratch of most records: no allocation */
} parser;

static void *give_up(parser *p)
{
    p->give_up = true;
    return NULL;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static bool is_special(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

/* Index of the first '"', '\\' or control byte at or after i, or len. */
static size_t scan_plain(const char *s, size_t i, size_t len)
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
static bool is_ascii(const char *s, size_t len)
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

/* Finds the end of the string whose body starts at p->pos (after the
 * opening quote). Returns the index of the closing quote, or len when the
 * string is malformed; *escaped tells whether it holds escapes. */
static size_t string_end(parser *p, bool *escaped)
{
    size_t i = p->pos;
    *escaped = false;
    for (;;) {
        i = scan_plain(p->s, i, p->len);
        if (i >= p->len)
            return p->len;
        char c = p->s[i];
        if (c == '"')
            return i;
        if (c != '\\')
            return p->len; /* a raw control character */
        *escaped = true;
        i += 2;
    }
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
static size_t decode_escape(const char *s, size_t *i, size_t end, char *out)
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
static size_t decode_escapes(const char *s, size_t start, size_t end, char *out)
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
        size_t put = decode_escape(s, &i, end, out + n);
        if (put == (size_t)-1)
            return put;
        n += put;
    }
    return n;
}

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
        size_t put = decode_escape(s, &i, len, out + n);
        if (put == (size_t)-1 || (put == 1 && out[n] == '\0'))
            return (size_t)-1; /* a text holding \u0000 is refused after
                                  jansson, which says where */
        n += put;
    }
}

static bool reserve_scratch(parser *p, size_t need)
{
    if (need <= p->scratch_cap)
        return true;
    size_t cap = p->scratch_cap * 2;
    while (cap < need)
        cap *= 2;
    char *grown =
        p->scratch == p->small ? malloc(cap) : realloc(p->scratch, cap);
    if (!grown) {
        p->no_memory = true;
        return false;
    }
    /* the scratch holds nothing to keep between two strings */
    p->scratch = grown;
    p->scratch_cap = cap;
    return true;
}

/* Decodes the string at p->pos (on its opening quote) into the scratch
 * buffer, NUL-terminated. Returns its length, or (size_t)-1 (give_up or
 * no_memory set). */
static size_t decode_string(parser *p)
{
    p->pos++;
    bool escaped;
    size_t end = string_end(p, &escaped);
    if (end >= p->len) {
        p->give_up = true;
        return (size_t)-1;
    }
    size_t raw = end - p->pos;
    if (!is_ascii(p->s + p->pos, raw) &&
        sl_input_first_bad_byte(p->s + p->pos, raw) != raw) {
        p->give_up = true; /* the caller's check describes the byte */
        return (size_t)-1;
    }
    if (!reserve_scratch(p, raw + 1))
        return (size_t)-1;
    size_t n = raw;
    if (escaped)
        n = decode_escapes(p->s, p->pos, end, p->scratch);
    else
        memcpy(p->scratch, p->s + p->pos, raw);
    if (n == (size_t)-1) {
        p->give_up = true;
        return n;
    }
    p->scratch[n] = '\0';
    p->pos = end + 1;
    return n;
}

static json_t *check_made(parser *p, json_t *value)
{
    if (!value)
        p->no_memory = true;
    return value;
}

static json_t *parse_value(parser *p);

static json_t *parse_string_value(parser *p)
{
    size_t n = decode_string(p);
    if (n == (size_t)-1)
        return NULL;
    return check_made(p, json_stringn_nocheck(p->scratch, n));
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static json_t *parse_number(parser *p)
{
    size_t start = p->pos, i = p->pos;
    bool real = false;
    if (i < p->len && p->s[i] == '-')
        i++;
    if (i >= p->len || !is_digit(p->s[i]))
        return give_up(p);
    if (p->s[i] == '0' && i + 1 < p->len && is_digit(p->s[i + 1]))
        return give_up(p);
    while (i < p->len && is_digit(p->s[i]))
        i++;
    if (i < p->len && p->s[i] == '.') {
        real = true;
        i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return give_up(p);
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        real = true;
        i++;
        if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return give_up(p);
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    char token[64];
    size_t n = i - start;
    if (n >= sizeof token)
        return give_up(p);
    memcpy(token, p->s + start, n);
    token[n] = '\0';
    p->pos = i;
    errno = 0;
    if (!real) {
        long long v = strtoll(token, NULL, 10);
        if (errno == ERANGE)
            return give_up(p);
        return check_made(p, json_integer((json_int_t)v));
    }
    if (localeconv()->decimal_point[0] != '.')
        return give_up(p);
    double d = strtod(token, NULL);
    if (errno == ERANGE)
        return give_up(p);
    return check_made(p, json_real(d));
}

static bool take_word(parser *p, const char *word, size_t n)
{
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return false;
    p->pos += n;
    return true;
}

static json_t *parse_array(parser *p)
{
    p->pos++;
    json_t *array = check_made(p, json_array());
    if (!array)
        return NULL;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return array;
    }
    for (;;) {
        json_t *item = parse_value(p);
        if (!item || json_array_append_new(array, item) < 0) {
            if (item)
                p->no_memory = true;
            json_decref(array);
            return NULL;
        }
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            return array;
        }
        json_decref(array);
        return give_up(p);
    }
}

/* Called for each member of an object; returns false to stop. */
typedef bool (*member_fn)(parser *p, json_t *object, const char *key,
                          size_t key_len, void *user);

static bool store_member(parser *p, json_t *object, const char *key,
                         size_t key_len, void *user)
{
    (void)user;
    (void)key_len;
    json_t *value = parse_value(p);
    if (!value)
        return false;
    if (json_object_set_new_nocheck(object, key, value) < 0) {
        p->no_memory = true;
        return false;
    }
    return true;
}

static json_t *parse_members(parser *p, member_fn member, void *user)
{
    if (p->pos >= p->len || p->s[p->pos] != '{')
        return give_up(p);
    p->pos++;
    json_t *object = check_made(p, json_object());
    if (!object)
        return NULL;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return object;
    }
    for (;;) {
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != '"')
            break;
        size_t key_len = decode_string(p);
        if (key_len == (size_t)-1)
            break;
        if (memchr(p->scratch, '\0', key_len)) {
            p->give_up = true;
            break;
        }
        char key_small[128];
        char *key =
            key_len < sizeof key_small ? key_small : malloc(key_len + 1);
        if (!key) {
            p->no_memory = true;
            break;
        }
        memcpy(key, p->scratch, key_len + 1);
        skip_space(p);
        bool ok = p->pos < p->len && p->s[p->pos] == ':';
        if (ok) {
            p->pos++;
            skip_space(p);
            ok = member(p, object, key, key_len, user);
        } else {
            p->give_up = true;
        }
        if (key != key_small)
            free(key);
        if (!ok)
            break;
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            return object;
        }
        p->give_up = true;
        break;
    }
    if (!p->no_memory)
        p->give_up = true;
    json_decref(object);
    return NULL;
}

static json_t *parse_value(parser *p)
{
    if (++p->depth > FAST_MAX_DEPTH)
        return give_up(p);
    json_t *value = NULL;
    skip_space(p);
    char c = p->pos < p->len ? p->s[p->pos] : '\0';
    if (c == '"')
        value = parse_string_value(p);
    else if (c == '{')
        value = parse_members(p, store_member, NULL);
    else if (c == '[')
        value = parse_array(p);
    else if (c == '-' || is_digit(c))
        value = parse_number(p);
    else if (take_word(p, "true", 4))
        value = check_made(p, json_true());
    else if (take_word(p, "false", 5))
        value = check_made(p, json_false());
    else if (take_word(p, "null", 4))
        value = check_made(p, json_null());
    else
        give_up(p);
    p->depth--;
    return value;
}

typedef struct text_target {
    const char *field;
    sl_doc *doc;
    bool found;
    bool in_object;        /* the field is in the object too: a value of it that
                              was not a string, and no string after it */
    sl_json_chunks chunks; /* the loops that decode the text */
} text_target;

/* Top-level members: the text field's string goes into the arena. */
static bool top_member(parser *p, json_t *object, const char *key,
                       size_t key_len, void *user)
{
    text_target *target = user;
    bool is_field = strcmp(key, target->field) == 0;
    if (!is_field || p->pos >= p->len || p->s[p->pos] != '"') {
        if (is_field)
            target->in_object = true;
        return store_member(p, object, key, key_len, NULL);
    }
    p->pos++;
    /* decoded straight into the arena, in one pass: the text is at most
     * the rest of the line */
    size_t room = p->len - p->pos;
    char *text = sl_arena_alloc_unset(target->doc->arena, room + 1);
    if (!text) {
        p->no_memory = true;
        return false;
    }
    size_t end;
    size_t n =
        sl_json_decode_text(p->s, p->pos, p->len, text, &end, target->chunks);
    if (n == (size_t)-1) {
        p->give_up = true;
        return false;
    }
    text[n] = '\0';
    target->doc->raw = text;
    target->doc->raw_len = n;
    target->found = true;
    p->pos = end + 1;
    if (target->in_object) /* a later duplicate wins, as in jansson */
        json_object_del(object, key);
    target->in_object = false;
    return true;
}

sl_json_fast_result sl_json_fast_record(const char *s, size_t len,
                                        const char *text_field, sl_doc *doc,
                                        json_t **record, bool *has_text)
{
    parser p = {.s = s, .len = len};
    p.scratch = p.small;
    p.scratch_cap = sizeof p.small;
    text_target target = {text_field, doc, false, false,
                          sl_json_has_avx2() ? SL_JSON_CHUNKS_AVX2
                                             : SL_JSON_CHUNKS_SSE2};
    *record = NULL;
    *has_text = false;
    skip_space(&p);
    json_t *object = parse_members(&p, top_member, &target);
    if (object) {
        skip_space(&p);
        if (p.pos != p.len) {
            json_decref(object);
            object = NULL;
            p.give_up = true;
        }
    }
    if (p.scratch != p.small)
        free(p.scratch);
    if (object && target.in_object) {
        /* the text field came again, not as a string: jansson decides */
        json_decref(object);
        object = NULL;
        p.give_up = true;
    }
    if (!object)
        return p.no_memory ? SL_JSON_FAST_NO_MEMORY : SL_JSON_FAST_GIVE_UP;
    *record = object;
    *has_text = target.found;
    return SL_JSON_FAST_OK;
}
