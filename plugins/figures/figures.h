/* plugins/figures/figures.h - what the files of the figures stage share:
 * the numeral record the numeral parsers fill, the figure record the
 * scanner emits, the unit tables and the small UTF-8 helpers they use.
 *
 * Nothing here allocates; every function works on a block's text as
 * (s, len) with byte offsets.
 */
#ifndef SLUICE_FIGURES_H
#define SLUICE_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sluice/text.h>

/* Kinds of figure and qualifiers, as exported. Each is one object, so
 * the stage compares them by address (chars.c defines them). */
extern const char fig_count[], fig_money[], fig_percent[], fig_ratio[],
    fig_rate[], fig_quantity[], fig_year[], fig_date[], fig_placeholder[],
    fig_discount[];
extern const char fig_about[], fig_near[], fig_over[], fig_under[];

/* The stage's options (figures.c's option table fills it; the tests
 * build one to call the stage directly). */
typedef struct figures_state {
    bool captions;        /* mark caption blocks and references */
    bool include_dropped; /* also scan blocks flagged as boilerplate */
    bool explain;         /* also mark the numbers set aside, with the rule */
} figures_state;

/* ---- decimal.c: exact values ---- */

/* A number as written: sig × 10^exp ÷ den. The readers build every value
 * from its digits and powers of ten, so that 4.35亿 is 435 × 10^6 and
 * 0.3 is 3 × 10^-1; only a number with no finite decimal (1/3, 5 feet 2
 * inches) keeps a denominator. A zeroed fig_dec is 0 (den 0 stands for
 * 1). */
typedef struct fig_dec {
    int64_t sig;
    int32_t exp;
    uint32_t den;
} fig_dec;

fig_dec fig_dec_int(int64_t n);
/* sig × 10^exp */
fig_dec fig_dec_of(int64_t sig, int exp);
/* A whole number given as a double (a table's multiplier: 1e4, 12). */
fig_dec fig_dec_whole(double v);
void fig_dec_push_digit_slow(fig_dec *d, int digit, bool after_point);
/* Appends a digit as written: to the whole part (d × 10 + digit), or
 * after the point, one place further down each time. Inline for the
 * common case of a small significand with no power of ten above 1. */
static inline void fig_dec_push_digit(fig_dec *d, int digit, bool after_point)
{
    if (d->exp <= 0 && d->sig >= 0 && d->sig < INT64_MAX / 10 - 9) {
        d->sig = d->sig * 10 + digit;
        d->exp -= after_point;
        return;
    }
    fig_dec_push_digit_slow(d, digit, after_point);
}
fig_dec fig_dec_add_slow(fig_dec a, fig_dec b);
fig_dec fig_dec_mul_slow(fig_dec a, fig_dec b);
/* a + b; inline when both are decimals with the same power of ten. */
static inline fig_dec fig_dec_add(fig_dec a, fig_dec b)
{
    int64_t sum;
    if (a.den <= 1 && b.den <= 1 && a.exp == b.exp &&
        !__builtin_add_overflow(a.sig, b.sig, &sum))
        return (fig_dec){sum, a.exp, 0};
    return fig_dec_add_slow(a, b);
}
/* a × b; inline when both are decimals and the product fits. */
static inline fig_dec fig_dec_mul(fig_dec a, fig_dec b)
{
    int64_t product;
    if (a.den <= 1 && b.den <= 1 &&
        !__builtin_mul_overflow(a.sig, b.sig, &product))
        return (fig_dec){product, a.exp + b.exp, 0};
    return fig_dec_mul_slow(a, b);
}
/* a ÷ b; 0 when b is 0 (callers check first). */
fig_dec fig_dec_div(fig_dec a, fig_dec b);
/* d × 10^k */
fig_dec fig_dec_scale10(fig_dec d, int k);
fig_dec fig_dec_neg(fig_dec d);
fig_dec fig_dec_pow(fig_dec base, int n);
double fig_dec_value_slow(fig_dec d);
/* The double nearest to d (correctly rounded when d has no denominator):
 * the exporter's shortest text for it is the number as written. A whole
 * number with no power of ten is converted inline. */
/* 10^0 .. 10^22, each an exact double. */
extern const double fig_exact_powers_of_ten[23];
static inline __attribute__((always_inline)) double fig_dec_value(fig_dec d)
{
    if (d.exp == 0 && d.den <= 1)
        return (double)d.sig; /* exact below 2^53, rounded once above */
    /* a significand of at most 53 bits and an exact power of ten: one
     * product or quotient, rounded once, correctly */
    if (d.den <= 1 && d.sig > -(INT64_C(1) << 53) &&
        d.sig < (INT64_C(1) << 53) && d.exp >= -22 && d.exp <= 22)
        return d.exp > 0 ? (double)d.sig * fig_exact_powers_of_ten[d.exp]
                         : (double)d.sig / fig_exact_powers_of_ten[-d.exp];
    return fig_dec_value_slow(d);
}
bool fig_dec_is_whole_slow(fig_dec d);
static inline __attribute__((always_inline)) bool fig_dec_is_whole(fig_dec d)
{
    if (d.exp >= 0 && d.den <= 1)
        return true;
    return fig_dec_is_whole_slow(d);
}

/* What a parsed numeral is made of (fig_num.flags). */
enum {
    NUM_ARABIC = 1u << 0,     /* has Arabic digits (ASCII or full-width) */
    NUM_CHINESE = 1u << 1,    /* has Chinese numeral characters */
    NUM_WORDS = 1u << 2,      /* English number words */
    NUM_SCALED = 1u << 3,     /* 万, 亿, million, k ... */
    NUM_DECIMAL = 1u << 4,    /* has a fractional part */
    NUM_APPROX = 1u << 5,     /* 多, 余, 几 inside: "more than" */
    NUM_POSITIONAL = 1u << 6, /* 十, 百, 千 used */
    NUM_FRACTION = 1u << 7,   /* a/b, N分之M, two thirds */
    NUM_PERCENT = 1u << 8,    /* 百分之M: value is M percent */
    NUM_PERMILLE = 1u << 9,   /* 千分之M */
    NUM_NEGATIVE = 1u << 10,
    NUM_NO_VALUE = 1u << 11,  /* 数十, 几百: a size, not a number */
    NUM_GROUPED = 1u << 12,   /* thousands separators */
    NUM_DIGIT_SEQ = 1u << 13, /* Chinese digits read one by one: 二〇一一 */
    NUM_DOTTED = 1u << 14,    /* part of 192.168.1.2 or 2011.11.6 */
    NUM_PAIR = 1u << 15,    /* 七八, 两三千: neighbouring digits, "seven or
                               eight"; value is the high end */
    NUM_ROUGHLY = 1u << 16, /* 来 inside: 十来个, "about ten" */
    NUM_PERMYRIAD = 1u << 17 /* 万分之M */
};

/* One numeral found in a text. */
typedef struct fig_num {
    size_t start, end; /* bytes */
    fig_dec value;
    unsigned flags; /* NUM_* */
    int digits;     /* integer digits of a plain Arabic number */
    int chars;      /* Chinese numeral characters read */
    fig_dec low;    /* with NUM_PAIR: the low end (七八个 → 7) */
} fig_num;

/* One figure, ready to become a span. */
typedef struct fig_hit {
    size_t start, end;
    double value, low, high;
    unsigned flags; /* SL_SPAN_HAS_VALUE, SL_SPAN_HAS_RANGE */
    const char *kind;
    const char *unit;
    const char *qualifier;
    /* an interval, not an amount: a range (low and high) or a condition
     * (a bound set by a relational word); becomes a "range" span */
    bool range;
} fig_hit;

/* The rules that set a number aside as no figure, in the order the
 * scanner checks them (phases: the Chinese numeral refused at its first
 * character, the number's shape, the words around it, what follows its
 * unit, how the sentence uses it, a numeral read roughly), and last the
 * rules that end a Chinese numeral before a character that could have
 * continued another (phase numeral-end: the numeral read stays a
 * figure). fig_rules (rules.c) names each one. */
typedef enum fig_rule {
    FIG_RULE_NONE = 0,
    FIG_RULE_PLACE_OPENS_UNIT,
    FIG_RULE_BIG_PLACE_FIRST,
    FIG_RULE_LONE_DIGIT_IN_WORDS,
    FIG_RULE_TELEPHONE,
    FIG_RULE_LETTER_BEFORE,
    FIG_RULE_DOUBLED_NUMERAL,
    FIG_RULE_PLUS_AFTER,
    FIG_RULE_IDENTIFIER,
    FIG_RULE_DASHED_CODE,
    FIG_RULE_CODE_AROUND,
    FIG_RULE_POSTAL_ADDRESS,
    FIG_RULE_BARE_CHINESE_DIGIT,
    FIG_RULE_LABEL,
    FIG_RULE_IDIOM,
    FIG_RULE_ORDINAL_SUFFIX,
    FIG_RULE_LETTER_AFTER,
    FIG_RULE_LIST_MARKER,
    FIG_RULE_ENUMERATION_COMMA,
    FIG_RULE_ETC_OR_GRADE,
    FIG_RULE_INDEFINITE_ARTICLE,
    FIG_RULE_A_YEAR_IN_WHICH,
    FIG_RULE_PRONOUN_ONE,
    FIG_RULE_PART_HALF,
    FIG_RULE_BARE_ONE,
    FIG_RULE_PARENTHESISED,
    FIG_RULE_INLINE_LIST_MARKER,
    FIG_RULE_ROUGHLY_VERB,
    FIG_RULE_PAIR_IDIOM,
    FIG_RULE_DIGIT_AFTER_DIGIT,
    FIG_RULE_DIGITS_NOT_A_SEQUENCE,
    FIG_RULE_PLACE_AFTER_SEQUENCE,
    FIG_RULE_PLACE_AFTER_APPROXIMATE,
    FIG_RULE_PLACE_AFTER_DECIMAL,
    FIG_RULE_PLACE_NOT_DESCENDING,
    FIG_RULE_POINT_WITHOUT_DECIMALS,
    FIG_RULE_FEN_NOT_A_FRACTION,
    FIG_RULE_COUNT
} fig_rule;

/* A rule as a reader and --explain see it. */
typedef struct fig_rule_info {
    const char *name;    /* "lone-digit-in-words": what --explain prints */
    const char *phase;   /* numeral, shape, context, suffix, use, rough,
                            numeral-end */
    const char *rejects; /* what it sets aside, in a few words */
    const char *example; /* a text where it fires ... */
    const char *number;  /* ... on this number of it */
} fig_rule_info;

/* Indexed by fig_rule; entry 0 (FIG_RULE_NONE) has no name. */
extern const fig_rule_info fig_rules[FIG_RULE_COUNT];

/* Receives each figure; returns 0, or -1 to stop the scan (out of memory). */
typedef int (*fig_emit_fn)(void *user, const fig_hit *hit);

/* Whether the n bytes of w (n at least 1) end s just before pos: the
 * last byte first, then the rest in a loop the compiler keeps inline (the
 * words are a few bytes, where memcmp of a length known only at run time
 * is a library call). */
static inline bool fig_ends_with_bytes(const char *s, size_t pos, const char *w,
                                       size_t n)
{
    if (pos < n || s[pos - 1] != w[n - 1])
        return false;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[pos - n + i] != w[i])
            return false;
    return true;
}

/* ---- utf8 helpers (scan.c) ---- */

/* The stage reads only valid UTF-8: every block's text is (sl_doc_check),
 * and so is every text the tests give it. There a lead byte from E0 to EF
 * opens a whole three-byte character, so the two decoders below take one
 * without testing its continuation bytes or its range, as
 * sl_utf8_next_inline and sl_utf8_prev_inline do for any input; they
 * answer as those on valid UTF-8 (tests/test_figure_fastpaths.c compares
 * them at every place of random texts), never read outside s[0..len) on
 * any input, and leave the rest (two- and four-byte characters, a text cut
 * inside a character) to the library. */

/* Code point at s[pos], its length in *n; 0 (length 0) at or past len. */
static inline __attribute__((always_inline)) int32_t
fig_cp_at(const char *s, size_t len, size_t pos, size_t *n)
{
    if (pos >= len) { /* past the end: no character */
        *n = 0;
        return 0;
    }
    const unsigned char *u = (const unsigned char *)s + pos;
    if (u[0] < 0x80) {
        *n = 1;
        return u[0];
    }
    if ((u[0] & 0xF0) == 0xE0 && len - pos >= 3) {
        *n = 3;
        return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    size_t next = pos;
    int32_t cp = sl_utf8_next(s, len, &next);
    *n = next - pos;
    return cp;
}

/* Code point before s[pos], or 0 at the start; its start in *at. */
static inline __attribute__((always_inline)) int32_t
fig_cp_before(const char *s, size_t pos, size_t *at)
{
    if (pos == 0) {
        *at = 0;
        return 0;
    }
    const unsigned char *u = (const unsigned char *)s;
    if (u[pos - 1] < 0x80) {
        *at = pos - 1;
        return u[pos - 1];
    }
    if (pos >= 3 && (u[pos - 3] & 0xF0) == 0xE0) {
        *at = pos - 3;
        return ((u[pos - 3] & 0x0F) << 12) | ((u[pos - 2] & 0x3F) << 6) |
               (u[pos - 1] & 0x3F);
    }
    size_t start = pos;
    int32_t cp = sl_utf8_prev(s, &start);
    *at = start;
    return cp;
}

/* True when s[pos..len) starts with the NUL-terminated word w. Inline so
 * that the length of a literal word is known at compile time. */
static inline __attribute__((always_inline)) bool
fig_starts(const char *s, size_t len, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return pos <= len && len - pos >= n && memcmp(s + pos, w, n) == 0;
}
/* True when the bytes just before pos are the word w. */
static inline __attribute__((always_inline)) bool
fig_ends(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return pos >= n && memcmp(s + pos - n, w, n) == 0;
}
/* True when the n bytes at word, any case, are one of the lower-case
 * words of a NULL-terminated list. */
bool fig_word_in_list(const char *word, size_t n, const char *const *list);
/* An ASCII letter. */
static inline __attribute__((always_inline)) bool fig_is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A Han character (sl_is_han), the common block U+4E00..U+9FFF tested
 * inline before the call. */
static inline __attribute__((always_inline)) bool fig_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || sl_is_han(cp);
}

/* 0-9 or a full-width digit. */
static inline __attribute__((always_inline)) bool fig_is_digit_cp(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* ---- digits.c: Arabic numbers ---- */

/* True when the byte at p (or the end) can continue no Arabic number:
 * separators, decimal points, fractions and exponents are ASCII or start
 * with EF (full-width forms), E2 (narrow no-break space) or C2 (no-break
 * space); a percent sign ends the number. */
static inline __attribute__((always_inline)) bool
fig_ends_number(const char *s, size_t len, size_t p)
{
    if (p >= len)
        return true;
    unsigned char next = (unsigned char)s[p];
    if (next == '%')
        return true;
    return next >= 0x80 && next != 0xEF && next != 0xE2 && next != 0xC2;
}

/* The common case read quickly: ASCII digits, perhaps with one decimal
 * part, followed by a character that can continue no number (most often
 * a Chinese unit or word, or %), with no dotted number before. Returns
 * false to leave the number to the full reader. The value is the same
 * significand and power of ten the full reader builds. Inline: most
 * numbers read are these. */
static inline __attribute__((always_inline)) bool
fig_plain_digits(const char *s, size_t len, size_t pos, fig_num *out)
{
    if (pos > 0 && s[pos - 1] == '.')
        return false;
    size_t p = pos;
    int64_t sig = 0;
    int exp = 0;
    while (p < len && s[p] >= '0' && s[p] <= '9') {
        if (p - pos == 15)
            return false; /* a long number to the full reader */
        sig = sig * 10 + (s[p] - '0');
        p++;
    }
    int digits = (int)(p - pos);
    if (digits == 0)
        return false;
    unsigned flags = NUM_ARABIC;
    if (p + 1 < len && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9') {
        size_t q = p + 1;
        while (q < len && s[q] >= '0' && s[q] <= '9') {
            if (digits + (int)(q - p) > 18)
                return false; /* the significand would overflow */
            sig = sig * 10 + (s[q] - '0');
            exp--;
            q++;
        }
        p = q;
        flags |= NUM_DECIMAL;
    }
    if (!fig_ends_number(s, len, p))
        return false;
    out->start = pos;
    out->end = p;
    out->value = (fig_dec){sig, exp, 0}; /* fig_dec_of(sig, exp) */
    out->flags = flags;
    out->digits = digits;
    out->chars = 0;
    return true;
}

/* fig_parse_digits for the numbers fig_plain_digits leaves. */
bool fig_parse_digits_rest(const char *s, size_t len, size_t pos, fig_num *out);

/* Parses an Arabic number (ASCII or full-width digits, thousands
 * separators, a decimal part, an exponent, a fraction a/b) starting at
 * pos, which holds a digit or a '.' before a digit. Returns false when
 * there is none. */
static inline bool fig_parse_digits(const char *s, size_t len, size_t pos,
                                    fig_num *out)
{
    return fig_plain_digits(s, len, pos, out) ||
           fig_parse_digits_rest(s, len, pos, out);
}

/* ---- numerals_zh.c: Chinese numerals (also mixed: 1.9万, 5万4千) ---- */

/* The characters of Chinese numerals (digits, places, 负, 半, 点, 几, 多,
 * 余, 分, 又) in a table of 128 slots, each in the slot its code point
 * hashes to (one multiplication and a shift; the multiplier was chosen so
 * that no two of them share a slot), so that asking whether a character
 * is a digit or a place is a look-up and one comparison, not a chain of
 * tests. Built at compile time in numerals_zh.c; tests/test_figures.c
 * holds every code point to the tests it replaced. */
enum {
    FIG_ZH_DIGIT = 1,  /* digit holds its value (零..九, 两, formal forms) */
    FIG_ZH_STARTS = 2, /* may start a numeral: a digit, 十百千, 负, 半 */
    FIG_ZH_CONTINUES = 4,   /* may go on after a space inside a numeral */
    FIG_ZH_AFTER_ARABIC = 8 /* may go on after Arabic digits: places, 多
                             * 余 几 点 分 又 */
};
typedef struct fig_zh_char {
    int32_t cp;    /* the character; 0 in an empty slot */
    int8_t digit;  /* with FIG_ZH_DIGIT: 0 to 9 */
    uint8_t place; /* index into fig_zh_places: 1 十 ... 6 兆; 0 none */
    uint8_t flags; /* FIG_ZH_* */
} fig_zh_char;
#define FIG_ZH_SLOT(cp) ((uint32_t)((uint32_t)(cp)*0x1213253u) >> 25)
extern const fig_zh_char fig_zh_chars[128];
/* 0, 10, 100, 1000, 1e4, 1e8, 1e12 */
extern const double fig_zh_places[7];

/* The table's entry for cp; an entry with no flags when it has none. */
static inline __attribute__((always_inline)) const fig_zh_char *
fig_zh_char_of(int32_t cp)
{
    static const fig_zh_char none = {0, 0, 0, 0};
    const fig_zh_char *z = &fig_zh_chars[FIG_ZH_SLOT(cp)];
    return z->cp == cp ? z : &none;
}
/* Value of a Chinese digit character (零..九, 两, formal forms), or -1. */
static inline __attribute__((always_inline)) int fig_zh_digit(int32_t cp)
{
    const fig_zh_char *z = fig_zh_char_of(cp);
    return (z->flags & FIG_ZH_DIGIT) ? z->digit : -1;
}
/* 10, 100, 1000 for 十百千; 1e4, 1e8, 1e12 for 万亿兆; else 0. */
static inline __attribute__((always_inline)) double fig_zh_unit(int32_t cp)
{
    return fig_zh_places[fig_zh_char_of(cp)->place];
}
/* True when cp may start a Chinese numeral. */
static inline __attribute__((always_inline)) bool
fig_zh_starts_numeral(int32_t cp)
{
    return (fig_zh_char_of(cp)->flags & FIG_ZH_STARTS) != 0;
}
/* True when a token of a Chinese numeral may follow spaces inside it: a
 * digit, a place, 多 余 几 点 分 又. */
static inline __attribute__((always_inline)) bool fig_zh_continues(int32_t cp)
{
    return (fig_zh_char_of(cp)->flags & FIG_ZH_CONTINUES) != 0;
}
/* True when cp may continue a numeral after Arabic digits: a place, 多,
 * 余, 几, 点, 分 (分之), 又. */
static inline __attribute__((always_inline)) bool
fig_zh_after_arabic(int32_t cp)
{
    return (fig_zh_char_of(cp)->flags & FIG_ZH_AFTER_ARABIC) != 0;
}

/* Parses a Chinese or mixed numeral starting at pos (a Chinese numeral
 * character or an Arabic digit). Reads 万/亿 after Arabic digits, 分之
 * fractions, 百分之 percentages, 点 decimals, 多/余/几. Returns false when
 * there is none. */
bool fig_parse_zh(const char *s, size_t len, size_t pos, fig_num *out);
/* fig_parse_zh without its quick readings (a lone digit, a pair of
 * digits): the token readers alone, which tests compare it with. */
bool fig_parse_zh_general(const char *s, size_t len, size_t pos, fig_num *out);
/* fig_parse_zh that also gives the rule that ended the numeral (phase
 * numeral or numeral-end in fig_rules), FIG_RULE_NONE when it ended at a
 * character no numeral continues. */
bool fig_parse_zh_explained(const char *s, size_t len, size_t pos, fig_num *out,
                            fig_rule *stopped);
/* The rule that refuses the Chinese numeral at pos whole (每千米, 万分感谢),
 * or FIG_RULE_NONE. */
fig_rule fig_zh_refusal_at(const char *s, size_t len, size_t pos);

/* When the Arabic number num (from fig_parse_digits) is followed by 万 or
 * 亿 and by nothing that would continue the numeral, scales num in place
 * as fig_parse_zh would read it (20.35亿 → 2.035e9) and returns true; false
 * leaves num alone. */
bool fig_scale_digits(const char *s, size_t len, fig_num *num);

/* ---- numerals_en.c: English number words and scales ---- */

/* Parses English number words starting at pos (a letter at a word
 * start): "twenty-five", "three hundred and two", "two thirds",
 * "a dozen", "one and a half million". Returns false when there is none. */
bool fig_parse_en(const char *s, size_t len, size_t pos, fig_num *out);

/* fig_en_scale_after once a space or a letter is at pos. */
double fig_en_scale_after_rest(const char *s, size_t len, size_t pos,
                               size_t *end);

/* Reads a scale after an Arabic number ending at pos: " million", "k",
 * "bn", " lakh", " dozen". Returns the multiplier and sets *end, or
 * returns 0 when there is none. Inline, the byte at pos settles most
 * numbers: every scale is a word of letters, after spaces or none. */
static inline double fig_en_scale_after(const char *s, size_t len, size_t pos,
                                        size_t *end)
{
    if (pos >= len || (s[pos] != ' ' && !fig_is_alpha((unsigned char)s[pos])))
        return 0;
    return fig_en_scale_after_rest(s, len, pos, end);
}

/* ---- units.c: units, measure words, currencies ---- */

typedef struct fig_unit {
    const char *text; /* as written, lower case for English */
    const char *unit; /* normalised unit */
    const char *kind; /* FIG_* */
    double scale;     /* multiplies the value: 万元 → 1e4; whole */
} fig_unit;

/* False when no unit written after a number starts with the character cp
 * (a quick test; true may still find none). */
bool fig_unit_may_start(int32_t cp);

/* The unit written at pos (after a number), longest match; sets *end.
 * English units may follow a space or a hyphen. NULL when none. */
const fig_unit *fig_unit_after(const char *s, size_t len, size_t pos,
                               bool chinese_numeral, size_t *end);

/* A currency written before a number, starting at pos ("$", "US$",
 * "USD ", "€", "￥", "人民币"): the entry, with *end at the number that
 * follows (after spaces). NULL when there is none or no number follows. */
const fig_unit *fig_currency_before(const char *s, size_t len, size_t pos,
                                    size_t *end);

/* A Chinese currency word ending at pos, right before a number (人民币,
 * 美元, 港币, 新台币) and not itself the unit of a number before it
 * (1000美元2000): the entry, with *start at the word. NULL when there is
 * none. */
const fig_unit *fig_currency_ending_at(const char *s, size_t pos,
                                       size_t *start);

/* For tests: the longest entry of the unit table (or with currencies,
 * of the currency table) written at pos, found through the index or
 * (by_walk) by a walk over the whole table; both must agree. spaced: the
 * entry follows a space; digit_after_ok: an English word may touch a
 * digit after it. */
const fig_unit *fig_unit_table_at(bool currencies, bool by_walk, const char *s,
                                  size_t len, size_t pos, bool spaced,
                                  bool digit_after_ok, size_t *end);

/* For tests: the text of entry i of the table, NULL past its end. */
const char *fig_unit_table_text(bool currencies, size_t i);

/* ---- context.c: the words around a number ---- */

/* For tests: the qualifier of the Chinese word (近, 约, 超过, 不少于 ...)
 * ending at pos, with its length in *word_len, found through the index
 * of last characters or (slow) by a walk over the table; NULL when none
 * ends there. */
/* What the qualifier test before a number knows of cp: 1 when it ends a
 * Chinese qualifier word (近, 约, 超过), 2 when it is a filler (了, 有);
 * by its table, or (slow) by the cases it replaced. For tests. */
unsigned fig_qualifier_char_flags(int32_t cp, bool slow);
const char *fig_zh_qualifier_ending_at(const char *s, size_t pos, bool slow,
                                       size_t *word_len);

/* For tests: the text of word i of the Chinese qualifiers before a
 * number, NULL past the end. */
const char *fig_zh_qualifier_word(size_t i);

/* The characters a Chinese qualifier word before a number ends in (近,
 * 约, 过, 于 ...: FIG_ENDS_QUALIFIER) and the fillers between such a word
 * and the number (了, 有, 达, 到, 为, 是: FIG_QUALIFIER_FILLER), each in
 * the slot of 32 its code point hashes to (context.c). */
enum { FIG_ENDS_QUALIFIER = 1, FIG_QUALIFIER_FILLER = 2 };
#define FIG_QUALIFIER_CHAR_SLOT(cp)                                            \
    ((uint32_t)((uint32_t)(cp)*0xA2A7AE1Fu) >> 27)
typedef struct fig_qualifier_char {
    int32_t cp;
    uint8_t flags;
} fig_qualifier_char;
extern const fig_qualifier_char fig_qualifier_chars[32];

/* FIG_ENDS_QUALIFIER and FIG_QUALIFIER_FILLER of cp; 0 for the rest. */
static inline __attribute__((always_inline)) unsigned
fig_qualifier_char_flags_of(int32_t cp)
{
    const fig_qualifier_char *q =
        &fig_qualifier_chars[FIG_QUALIFIER_CHAR_SLOT(cp)];
    return q->cp == cp ? q->flags : 0;
}

/* fig_qualifier_before once its first looks have found that a qualifier
 * may end at start. */
const char *fig_qualifier_before_rest(const char *s, size_t start,
                                      size_t *text_start);

/* The qualifier said just before start (近, 约, 超过了, more than), or
 * NULL. *text_start moves back over a prefix that belongs to the text.
 * Inline, the character before start settles most numbers: a Chinese
 * character that ends no qualifier word and is no filler, or an ASCII
 * character other than a space or $ (which no Chinese word ends in, and
 * which stands right before the number, where an English word needs a
 * space). */
static inline const char *fig_qualifier_before(const char *s, size_t start,
                                               size_t *text_start)
{
    *text_start = start;
    if (start == 0)
        return NULL;
    unsigned char last = (unsigned char)s[start - 1];
    if (last < 0x80) {
        if (last != ' ' && last != '$')
            return NULL;
    } else if (start >= 3) {
        size_t at;
        if (!fig_qualifier_char_flags_of(fig_cp_before(s, start, &at)))
            return NULL;
    }
    return fig_qualifier_before_rest(s, start, text_start);
}

/* fig_qualifier_after once the character at end (end < len) may open a
 * qualifier. */
const char *fig_qualifier_after_rest(const char *s, size_t len, size_t end,
                                     size_t *new_end);

/* A qualifier written after the figure (以上, 左右, or more); sets
 * *new_end past it. NULL when none. Inline, the character at end settles
 * most figures: the Chinese words open with 以, 左, 上, 之 or 有, the
 * English ones with a space. */
static inline const char *fig_qualifier_after(const char *s, size_t len,
                                              size_t end, size_t *new_end)
{
    *new_end = end;
    if (end >= len)
        return NULL;
    if ((unsigned char)s[end] < 0x80) {
        if (s[end] != ' ')
            return NULL;
    } else {
        size_t n;
        int32_t cp = fig_cp_at(s, len, end, &n);
        if (cp != 0x4EE5 /* 以 */ && cp != 0x5DE6 /* 左 */ &&
            cp != 0x4E0A /* 上 */ && cp != 0x4E4B /* 之 */ &&
            cp != 0x6709 /* 有 */)
            return NULL;
    }
    return fig_qualifier_after_rest(s, len, end, new_end);
}
/* fig_bound_word_at once pos < len holds ASCII or a character that opens
 * a Chinese bound word. */
const char *fig_bound_word_at_rest(const char *s, size_t len, size_t pos,
                                   size_t *end);

/* True when cp is the first character of an over or under word of the
 * Chinese qualifiers before a number (不到, 大于, 超过, 最多 ...). */
static inline bool fig_opens_zh_bound_word(int32_t cp)
{
    switch (cp) {
    case 0x4E0D: /* 不 */
    case 0x5927: /* 大 */
    case 0x5C0F: /* 小 */
    case 0x8D85: /* 超 */
    case 0x7A81: /* 突 */
    case 0x591A: /* 多 */
    case 0x9AD8: /* 高 */
    case 0x903E: /* 逾 */
    case 0x81F3: /* 至 */
    case 0x5C11: /* 少 */
    case 0x4F4E: /* 低 */
    case 0x6700: /* 最 */ return true;
    default: return false;
    }
}

/* A bound word starting at pos (小于, 不超过, more than, at least): its
 * qualifier (over or under), *end past it and its fillers; or NULL.
 * Inline, the first character settles most Chinese text. */
static inline const char *fig_bound_word_at(const char *s, size_t len,
                                            size_t pos, size_t *end)
{
    if (pos >= len)
        return NULL;
    size_t n;
    if ((unsigned char)s[pos] >= 0x80 &&
        !fig_opens_zh_bound_word(fig_cp_at(s, len, pos, &n)))
        return NULL;
    return fig_bound_word_at_rest(s, len, pos, end);
}
/* True when 图 or 表 starting at label_start can open a label: it is
 * not inside a word (代表, 地图). */
bool fig_figure_word_ok(const char *s, size_t label_start);
/* ---- relation.c: conditions (大于10, greater than 100, >= 30) ---- */

/* True when a relational word or symbol ends right before start (大于,
 * 不少于, 小于或等于, greater than, equal to, no more than, >=, ≤); sets
 * *qualifier to fig_over, fig_under, or NULL for equal. */
bool fig_relation_before(const char *s, size_t start, const char **qualifier);
/* True when the figure [start, end) is compared by the words around it
 * (比三十大, 200 or greater); sets *qualifier when they give a side. */
bool fig_relation_after(const char *s, size_t len, size_t start, size_t end,
                        const char **qualifier);

/* True when an amount with a side (qualifier over or under) is also set
 * equal (equal to 5000 or less, more than 5000 or equal to): a bound. */
bool fig_equal_with_side(const char *s, size_t len, size_t start, size_t end,
                         const char *qualifier);

/* True when the number at start is a label or ordinal (第, 篇, 图, No.). */
bool fig_is_label_context(const char *s, size_t start);
/* fig_idiom_at once a character beyond ASCII is at start, six bytes or
 * more before len. */
size_t fig_idiom_at_rest(const char *s, size_t len, size_t start);

/* The length of an idiom built on a numeral at start (start < len: 一起,
 * 一对一), or 0. Inline, the byte at start settles the Arabic numbers:
 * every idiom opens with a Chinese numeral, and is two characters long
 * or more. */
static inline size_t fig_idiom_at(const char *s, size_t len, size_t start)
{
    if ((unsigned char)s[start] < 0x80 || len - start < 6)
        return 0;
    return fig_idiom_at_rest(s, len, start);
}
/* The unit of the noun a bare number counts (学生 → person), or NULL. */
const char *fig_noun_unit_after(const char *s, size_t len, size_t end);
/* True when money words (资金, 投入, 产值) come shortly before start. */
bool fig_money_context_before(const char *s, size_t start);

/* ---- money_zh.c: spoken Chinese amounts of money ---- */

/* After a whole amount in 元 or 块 ending at pos, the 角 and 分 that follow
 * (五角三分, 三毛, 零五分, or a lone digit: 两块五): returns them in 分
 * (0-99) and sets *end, or returns -1 when none follow. */
int fig_yuan_parts_after(const char *s, size_t len, size_t pos, size_t *end);

/* After a number of 角 ending at pos: when 角 or 毛 follows with 钱 or a
 * number of 分 after it (五毛钱, 三毛五, 三角五分), returns the 分 (0-9)
 * and sets *end past them; -1 when the number is no amount of money. */
int fig_jiao_at(const char *s, size_t len, size_t pos, size_t *end);

/* ---- discount.c: discounts written with 折 ---- */

/* When 折 follows the numeral num (八折, 七五折, 8.5折), the price paid
 * in percent (80, 75, 85) in *value and the end of the discount in *end;
 * false when no discount follows. */
bool fig_discount_after(const char *s, size_t len, const fig_num *num,
                        fig_dec *value, size_t *end);

/* ---- scan.c: the scanner ---- */

/* Finds every figure in s[0..len) and hands each to emit, in order.
 * When label_word is not NULL, it is set to whether the text holds a word
 * that may label a figure or a table (图 or 表 before a number, a word
 * starting with F or T), so that a caller looking for references to
 * captions can pass over the others. Returns 0, or -1 when emit did. */
int fig_scan(const char *s, size_t len, fig_emit_fn emit, void *user,
             bool *label_word);

/* Receives each number set aside: its text [start, end) and the rule. */
typedef int (*fig_reject_fn)(void *user, size_t start, size_t end,
                             fig_rule rule);

/* fig_scan that also hands each number a rule set aside to reject (when
 * not NULL): what --explain shows. */
int fig_scan_explained(const char *s, size_t len, fig_emit_fn emit,
                       fig_reject_fn reject, void *user, bool *label_word);

/* The rule that sets aside the number starting at pos, or FIG_RULE_NONE
 * when it is a figure or no number starts there. */
fig_rule fig_rule_at(const char *s, size_t len, size_t pos);
/* The same with the rules' gates on the bytes beside the number (an ASCII
 * byte before or after it) letting every number by: for tests, which hold
 * the gates to what the rules themselves ask. */
fig_rule fig_rule_at_ungated(const char *s, size_t len, size_t pos);
/* Where the scanner's skip from pos over three-byte characters that open
 * no figure and are no label word (图, 表) stops, by its table of rows;
 * the reference walks the characters' bitmap one test at a time, as the
 * scanner did (for tests, which hold the two to the same answer). */
size_t fig_skip_quiet_han(const char *s, size_t len, size_t pos);
size_t fig_skip_quiet_han_reference(const char *s, size_t len, size_t pos);
/* Whether the scanner looks closer at the character cp (a three-byte one
 * that may open a figure, 图 or 表), by its table built from the
 * characters' lists; the reference tests cp itself (for tests). */
bool fig_looks_closer(int32_t cp);
bool fig_looks_closer_reference(int32_t cp);
/* The scanner's try at pos (pos < len): 1 and *hit for a figure, 0 and
 * *why for a number set aside (or none); *next is where scanning goes on.
 * ungated (for tests): the quick looks at the bytes beside the number,
 * the rules' gates, the condition's and the range's, let every number by. */
int fig_figure_at(const char *s, size_t len, size_t pos, bool ungated,
                  fig_hit *hit, size_t *next, fig_rule *why);

#endif
