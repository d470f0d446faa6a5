/* plugins/figures/label_find.c - where a caption label may start in a
 * text: the first place whose three bytes open a label word, 图 (E5 9B
 * BE), 表 (E8 A1 A8), or Fig / Tab in any case. 图表 starts with 图.
 *
 * The fast path compares sixteen places at a time (SSE2, part of every
 * x86-64): three loads one byte apart, compared with each word's three
 * bytes, the third bytes first (most blocks of Chinese text have none of
 * BE, A8, g, b); letters fold to lower case by setting bit 0x20, which
 * turns only 'F' into 'f', 'I' into 'i' and so on among the bytes
 * compared. The slow path checks one place at a time; both give the
 * same answer (tests/test_figure_fastpaths.c compares them).
 */
#include <stddef.h>

#include "captions.h"
#include "figures.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* True when a label word opens at s[p] (p + 2 < len). */
static bool opens_label_word(const char *s, size_t p)
{
    unsigned char a = (unsigned char)s[p], b = (unsigned char)s[p + 1],
                  c = (unsigned char)s[p + 2];
    if (a == 0xE5)
        return b == 0x9B && c == 0xBE;
    if (a == 0xE8)
        return b == 0xA1 && c == 0xA8;
    a |= 0x20;
    b |= 0x20;
    c |= 0x20;
    return (a == 'f' && b == 'i' && c == 'g') ||
           (a == 't' && b == 'a' && c == 'b');
}

size_t fig_label_start_slow(const char *s, size_t len, size_t from)
{
    for (size_t p = from; p + 2 < len; p++)
        if (opens_label_word(s, p))
            return p;
    return len;
}

#ifdef __SSE2__
/* Bit i set when a label word opens at p + i, for the 16 places from p
 * (p + 18 <= len). */
static unsigned label_bits(const char *s, size_t p)
{
    __m128i lower = _mm_set1_epi8(0x20);
    __m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 2));
    __m128i l2 = _mm_or_si128(b2, lower);
    /* the third bytes first: in Chinese text most blocks have none */
    __m128i third = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xBE)),
                     _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xA8))),
        _mm_or_si128(_mm_cmpeq_epi8(l2, _mm_set1_epi8('g')),
                     _mm_cmpeq_epi8(l2, _mm_set1_epi8('b'))));
    if (!_mm_movemask_epi8(third))
        return 0;
    __m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
    __m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
    __m128i tu = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(b0, _mm_set1_epi8((char)0xE5)),
                      _mm_cmpeq_epi8(b1, _mm_set1_epi8((char)0x9B))),
        _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xBE)));
    __m128i biao = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(b0, _mm_set1_epi8((char)0xE8)),
                      _mm_cmpeq_epi8(b1, _mm_set1_epi8((char)0xA1))),
        _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xA8)));
    __m128i l0 = _mm_or_si128(b0, lower), l1 = _mm_or_si128(b1, lower);
    __m128i fig =
        _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(l0, _mm_set1_epi8('f')),
                                    _mm_cmpeq_epi8(l1, _mm_set1_epi8('i'))),
                      _mm_cmpeq_epi8(l2, _mm_set1_epi8('g')));
    __m128i tab =
        _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(l0, _mm_set1_epi8('t')),
                                    _mm_cmpeq_epi8(l1, _mm_set1_epi8('a'))),
                      _mm_cmpeq_epi8(l2, _mm_set1_epi8('b')));
    __m128i any = _mm_or_si128(_mm_or_si128(tu, biao), _mm_or_si128(fig, tab));
    return (unsigned)_mm_movemask_epi8(any);
}
#endif

size_t fig_label_start(const char *s, size_t len, size_t from)
{
#ifdef __SSE2__
    size_t p = from;
    while (len >= 18 && p <= len - 18) {
        unsigned bits = label_bits(s, p);
        if (bits)
            return p + (size_t)__builtin_ctz(bits);
        p += 16;
    }
    return fig_label_start_slow(s, len, p);
#else
    return fig_label_start_slow(s, len, from);
#endif
}
