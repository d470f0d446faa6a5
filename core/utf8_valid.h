/* core/utf8_valid.h - the UTF-8 validity rules shared by the record check
 * (input_record.c) and the JSONL parser's text decode (input_json_text.c),
 * which checks the text while it copies it: the length of a valid
 * sequence (Unicode table 3-7) and, with SSE2, the byte classes that let
 * 16 bytes of ASCII and Chinese text be checked at once.
 */
#ifndef SLUICE_CORE_UTF8_VALID_H
#define SLUICE_CORE_UTF8_VALID_H

#include <stdbool.h>
#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static inline bool sl_utf8_is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static inline bool sl_utf8_in_range(unsigned char c, unsigned char low,
                                    unsigned char high)
{
    return c >= low && c <= high;
}

/* Length of the valid multi-byte sequence at u[0..len) (u[0] >= 0x80),
 * or 0 when it is not valid (Unicode table 3-7). */
static inline size_t sl_utf8_sequence_length(const unsigned char *u, size_t len)
{
    unsigned char c = u[0];
    if (sl_utf8_in_range(c, 0xC2, 0xDF))
        return len >= 2 && sl_utf8_is_continuation(u[1]) ? 2 : 0;
    if (sl_utf8_in_range(c, 0xE0, 0xEF)) {
        if (len < 3 || !sl_utf8_is_continuation(u[2]))
            return 0;
        if (c == 0xE0)
            return sl_utf8_in_range(u[1], 0xA0, 0xBF) ? 3 : 0;
        if (c == 0xED)
            return sl_utf8_in_range(u[1], 0x80, 0x9F) ? 3 : 0;
        return sl_utf8_is_continuation(u[1]) ? 3 : 0;
    }
    if (sl_utf8_in_range(c, 0xF0, 0xF4)) {
        if (len < 4 || !sl_utf8_is_continuation(u[2]) ||
            !sl_utf8_is_continuation(u[3]))
            return 0;
        if (c == 0xF0)
            return sl_utf8_in_range(u[1], 0x90, 0xBF) ? 4 : 0;
        if (c == 0xF4)
            return sl_utf8_in_range(u[1], 0x80, 0x8F) ? 4 : 0;
        return sl_utf8_is_continuation(u[1]) ? 4 : 0;
    }
    return 0;
}

#ifdef __SSE2__
/* Marks the bytes of v that lead a three-byte sequence accepting any two
 * continuation bytes (0xE1..0xEC, 0xEE, 0xEF: CJK ideographs and
 * punctuation among them), valid without the range checks of
 * sl_utf8_sequence_length. */
static inline __m128i sl_utf8_plain_three_byte_leads(__m128i v)
{
    /* signed: 0xE0 is -32, 0xF0 is -16 */
    __m128i in_range = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)),
                                     _mm_cmplt_epi8(v, _mm_set1_epi8(-16)));
    return _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)),
                            in_range);
}

/* Marks the continuation bytes (0x80..0xBF) of v. */
static inline __m128i sl_utf8_continuations(__m128i v)
{
    return _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)); /* signed */
}
#endif

#endif
