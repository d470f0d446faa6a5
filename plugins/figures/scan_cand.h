/* plugins/figures/scan_cand.h - what the scanner's files share: the
 * figure being assembled (cand), the small character tests every step
 * reads (signs, vulgar fractions, places), kept static inline so that
 * they fold into the scanner's hot path, and the steps that read and
 * classify a number (read_numeral.c, classify.c, half_and_temperature.c,
 * rules_suffix.c, candidate.c).
 */
#ifndef SLUICE_FIGURES_SCAN_CAND_H
#define SLUICE_FIGURES_SCAN_CAND_H

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <sluice/doc.h>
#include <sluice/text.h>

#include "figures.h"

/* Helpers for rare cases stay out of line, so that the scanner's hot
 * path keeps its size (and its inlined helpers). */
#define RARELY_CALLED __attribute__((noinline))

/* True when the n bytes at a and b are the same: a loop the compiler
 * keeps inline, where memcmp of a length known only at run time is a
 * library call. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* A figure being assembled. */
typedef struct cand {
    fig_num num;
    size_t start, end;
    const char *kind, *unit, *qualifier;
    fig_dec value, low, high;
    bool has_value;
    /* a bare count whose noun (学生, 学校) is looked up only once the
     * figure is kept: see noun_unit_when_kept */
    bool noun_pending;
    /* compared by a relational word (大于10, >= 30): a condition */
    bool condition;
    /* a factor of a size written with x or × (3x4 m, 1920x1080) */
    bool dimension;
} cand;

/* An empty candidate, copied to start one (a copy, where zeroing the
 * struct in place costs a slow string instruction on x86). */
static const cand NO_CAND;

/* -, the full-width － and the minus sign −. */
static inline bool is_minus_sign(int32_t cp)
{
    return cp == '-' || cp == 0xFF0D || cp == 0x2212;
}

/* Currency signs of three bytes that may open a figure: ￥ ￡ ＄ € ₿ ₩
 * ₽ ₹ ₫ ₺ ₱ ฿. */
static inline bool is_currency_sign(int32_t cp)
{
    switch (cp) {
    case 0xFFE5:
    case 0xFFE1:
    case 0xFF04:
    case 0x20AC:
    case 0x20BF:
    case 0x20A9:
    case 0x20BD:
    case 0x20B9:
    case 0x20AB:
    case 0x20BA:
    case 0x20B1:
    case 0x0E3F: return true;
    default: return false;
    }
}

/* The numerator and denominator of a vulgar fraction character (½ ¾ ⅔
 * ...); false for any other character. */
static inline bool vulgar_fraction(int32_t cp, int *numerator, int *denominator)
{
    static const struct {
        int32_t cp;
        int numerator, denominator;
    } FRACTIONS[] = {{0xBC, 1, 4},   {0xBD, 1, 2},   {0xBE, 3, 4},
                     {0x2153, 1, 3}, {0x2154, 2, 3}, {0x2155, 1, 5},
                     {0x2159, 1, 6}, {0x215B, 1, 8}, {0x215C, 3, 8},
                     {0x215D, 5, 8}, {0x215E, 7, 8}};
    if (cp < 0xBC || cp > 0x215E)
        return false;
    for (size_t i = 0; i < sizeof FRACTIONS / sizeof FRACTIONS[0]; i++)
        if (FRACTIONS[i].cp == cp) {
            *numerator = FRACTIONS[i].numerator;
            *denominator = FRACTIONS[i].denominator;
            return true;
        }
    return false;
}

/* True when cp is a vulgar fraction character. */
static inline bool is_vulgar_fraction(int32_t cp)
{
    int numerator, denominator;
    return vulgar_fraction(cp, &numerator, &denominator);
}

/* The value of a numeral as a double, for comparisons. */
static inline __attribute__((always_inline)) double
number_of(const fig_num *num)
{
    return fig_dec_value(num->value);
}

/* True when v is a whole number. */
static inline __attribute__((always_inline)) bool is_whole(fig_dec v)
{
    return fig_dec_is_whole(v);
}

/* 万 萬 亿 億: big places that open a figure only as 万分之三. */
static inline bool is_big_place(int32_t cp)
{
    return cp == 0x4E07 || cp == 0x842C || cp == 0x4EBF || cp == 0x5104;
}

/* The noun a bare count counts (18万灾区中小学生 → person), looked up
 * after the checks that may drop the figure, which read no unit of a bare
 * count, so that the numerals inside words (进一步, 统一) cost no look-up. */
static inline void noun_unit_when_kept(const char *s, size_t len, cand *c)
{
    if (c->noun_pending && c->kind == fig_count && !c->unit)
        c->unit = fig_noun_unit_after(s, len, c->num.end);
    c->noun_pending = false;
}

/* True when the lower-case ASCII text w ends at pos, ignoring case. */
static inline bool ends_with_ci(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    if (pos < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[pos - n + i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != w[i])
            return false;
    }
    return true;
}

/* read_numeral.c: the numeral or placeholder at a position */

bool placeholder_at(const char *s, size_t len, size_t pos, cand *c);

bool numeral_at(const char *s, size_t len, size_t pos, cand *c);

/* numeral_at once c->num holds the Arabic number fig_parse_digits read at
 * pos: the rest of the numeral (万, 多, 分之), English words and scales. */
bool numeral_after_digits(const char *s, size_t len, size_t pos, cand *c);

/* classify.c: the number's unit and kind from what follows it */

void classify(const char *s, size_t len, cand *c);

/* classify asking each reader of what follows the number, not only those
 * whose characters follow it (for tests: the same figure must come out). */
void classify_every_reader(const char *s, size_t len, cand *c);

/* half_and_temperature.c: 半 after a figure, temperatures */

RARELY_CALLED void half_after(const char *s, size_t len, cand *c);

RARELY_CALLED bool temperature_after_sign(const char *s, size_t len,
                                          size_t pos);

RARELY_CALLED void temperature_before(const char *s, cand *c);

/* candidate.c: one candidate, read, classified, set aside or kept */

int figure_at(const char *s, size_t len, size_t pos, bool ungated, fig_hit *hit,
              size_t *next, fig_rule *why);

#endif /* SLUICE_FIGURES_SCAN_CAND_H */
