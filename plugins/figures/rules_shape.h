/* plugins/figures/rules_shape.h - phase 1 of the rules that make a
 * number no figure: its shape and neighbours (a lone digit in words,
 * telephone numbers, letters before it, identifiers, codes, postal
 * addresses). Static inline: the candidate calls them directly from the
 * phase's table (rule_phases.h).
 */
#ifndef SLUICE_FIGURES_RULES_SHAPE_H
#define SLUICE_FIGURES_RULES_SHAPE_H

#include "scan_rules.h"
#include "rules_context.h"

/* A lone Chinese digit inside words (进一步, 统一, 一些) settled before the
 * work of a figure: no unit, 年, 月, 毛 or 角 can follow it, and it is not
 * set off from the words around it, so it would come out a bare count and
 * be dropped. */
static inline bool lone_digit_in_words(const char *s, size_t len, const cand *c)
{
    if (c->num.flags != NUM_CHINESE || c->num.chars != 1 ||
        c->num.end + 3 > len)
        return false;
    size_t n;
    int32_t next = fig_cp_at(s, len, c->num.end, &n);
    if (next < 0x4E00 || next > 0x9FFF || next == 0x5E74 /* 年 */ ||
        next == 0x6708 /* 月 */ || next == 0x6BDB /* 毛 */ ||
        next == 0x89D2 /* 角 */ || next == 0x6298 /* 折 */ ||
        fig_unit_may_start(next))
        return false;
    if (fig_zh_digit(next) >= 0 && fig_starts(s, len, c->num.end + n, "折"))
        return false; /* 七五折 */
    return !bare_chinese_ok(s, len, c);
}

/* phase 1, the number's shape and neighbours */

static inline bool rule_lone_digit_in_words(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && lone_digit_in_words(in->s, in->len, in->c);
}

/* True when a digit, x or X and a digit stand at pos - 2 .. pos: the
 * number at pos is the second factor of a size (3x4). */
static inline bool after_times_sign(const char *s, size_t pos)
{
    if (pos < 2 || s[pos] < '0' || s[pos] > '9')
        return false;
    char x = s[pos - 1], d = s[pos - 2];
    bool hex = d == '0' && (pos < 3 || s[pos - 3] < '0' || s[pos - 3] > '9');
    return (x == 'x' || x == 'X') && d >= '0' && d <= '9' && !hex;
}

/* True when the character before the number ties it to a word: a letter
 * (h1n1, A4), a plus sign, or a dash after a letter (COVID-19). */
static inline bool tied_to_word_before(const rule_in *in)
{
    const char *s = in->s;
    size_t at = in->c->num.start;
    return !in->currency && at > 0 && !(in->c->num.flags & NUM_WORDS) &&
           !after_times_sign(s, at) &&
           (fig_is_alpha((unsigned char)s[at - 1]) || s[at - 1] == '+' ||
            (s[at - 1] == '-' && at >= 2 &&
             fig_is_alpha((unsigned char)s[at - 2])));
}

static inline bool rule_telephone(const rule_in *in, size_t *skip_to)
{
    size_t at = in->c->num.start;
    if (at == 0 || in->s[at - 1] != '+' || !tied_to_word_before(in))
        return false;
    size_t q = in->c->num.end; /* +1-222-2222/2222 */
    while (q < in->len && ((in->s[q] >= '0' && in->s[q] <= '9') ||
                           in->s[q] == '-' || in->s[q] == '/'))
        q++;
    skip_at_least(skip_to, q);
    return true;
}

static inline bool rule_letter_before(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return tied_to_word_before(in);
}

static inline __attribute__((always_inline)) bool
rule_doubled_numeral(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    size_t at = in->c->num.start;
    return (in->c->num.flags & NUM_CHINESE) && at >= 3 &&
           (unsigned char)in->s[at] >= 0xE0 &&
           memcmp(in->s + at - 3, in->s + at, 3) == 0;
}

static inline bool rule_plus_after(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->c->num.end < in->len && in->s[in->c->num.end] == '+';
}

/* Numbers that identify rather than count: 0571-8888 and 010 (a leading
 * zero), 13812345678 (a mobile number), 163.com and 1.jpg (a name). */
static inline __attribute__((always_inline)) bool
looks_like_identifier(const char *s, size_t len, const fig_num *num)
{
    if (!(num->flags & NUM_ARABIC) || (num->flags & (NUM_CHINESE | NUM_WORDS)))
        return false;
    if (num->digits >= 2 && s[num->start] == '0' &&
        !(num->flags & (NUM_DECIMAL | NUM_GROUPED)))
        return true;
    if (num->digits == 11 && s[num->start] == '1' &&
        !(num->flags & (NUM_DECIMAL | NUM_GROUPED)))
        return true;
    size_t e = num->end;
    if (e + 1 < len && s[e] == '.' && fig_is_alpha((unsigned char)s[e + 1]))
        return true;
    if (num->start > 0 && s[num->start - 1] == '@')
        return true;
    return false;
}

/* The rest of an identifier after its number: letters, digits, dots and
 * dashes, not read again. */
static RARELY_CALLED void skip_identifier(const rule_in *in, size_t *skip_to)
{
    const char *s = in->s;
    size_t q = in->c->num.end;
    while (q < in->len &&
           (fig_is_alpha((unsigned char)s[q]) || (s[q] >= '0' && s[q] <= '9') ||
            s[q] == '.' || s[q] == '-'))
        q++;
    skip_at_least(skip_to, q);
}

/* Asked of every Arabic number: inline, its tests are a few bytes. */
static inline __attribute__((always_inline)) bool
rule_identifier(const rule_in *in, size_t *skip_to)
{
    if (!looks_like_identifier(in->s, in->len, &in->c->num))
        return false;
    skip_identifier(in, skip_to);
    return true;
}

/* Two more dash-joined digit groups after end: a code, not a range. */
static inline bool is_code(const char *s, size_t len, size_t end)
{
    size_t p = end;
    for (int group = 0; group < 2; group++) {
        if (p >= len || s[p] != '-')
            return false;
        p++;
        size_t start = p;
        while (p < len && s[p] >= '0' && s[p] <= '9')
            p++;
        if (p == start)
            return false;
    }
    return true;
}

static inline bool rule_dashed_code(const rule_in *in, size_t *skip_to)
{
    const char *s = in->s;
    if (!is_code(s, in->len, in->c->num.end))
        return false;
    size_t q = in->c->num.end; /* an account or a phone number */
    while (q < in->len &&
           ((s[q] >= '0' && s[q] <= '9') || s[q] == '-' || s[q] == '/'))
        q++;
    skip_at_least(skip_to, q);
    return true;
}

/* 24703 L-202, 24703 m212: a number before a code of letters and digits
 * (after one space) is part of the code. */
static inline bool code_follows(const char *s, size_t len, size_t end)
{
    if (end + 3 >= len || s[end] != ' ')
        return false;
    size_t p = end + 1, letters = 0;
    while (p < len && fig_is_alpha((unsigned char)s[p]) && letters < 4) {
        p++;
        letters++;
    }
    if (letters == 0 || letters > 3)
        return false;
    if (p < len && s[p] == '-')
        p++;
    size_t digits = 0;
    while (p < len && s[p] >= '0' && s[p] <= '9') {
        p++;
        digits++;
    }
    if (digits < 2 || (p < len && fig_is_alpha((unsigned char)s[p])))
        return false;
    size_t amount;
    return !fig_currency_before(s, len, end + 1, &amount); /* 3 USD50 cards */
}

/* scp2-173m: a number after a dash that follows a word of letters and
 * digits is the end of a code. */
static inline bool code_before(const char *s, size_t start)
{
    if (start < 3 || s[start - 1] != '-')
        return false;
    size_t p = start - 1;
    bool letter = false, digit = false;
    while (p > 0 && (fig_is_alpha((unsigned char)s[p - 1]) ||
                     (s[p - 1] >= '0' && s[p - 1] <= '9'))) {
        p--;
        if (fig_is_alpha((unsigned char)s[p]))
            letter = true;
        else
            digit = true;
    }
    return letter && digit;
}

static inline bool rule_code_around(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && (in->c->num.flags & NUM_ARABIC) &&
           (code_before(in->s, in->c->num.start) ||
            code_follows(in->s, in->len, in->c->num.end));
}

/* 123 Random Street, PA 23456: a house number before a street name, or
 * a ZIP code after a state's two capitals. */
static inline bool postal_address(const char *s, size_t len, const cand *c)
{
    static const char *const STREET[] = {
        "Street", "St.",  "Avenue", "Ave.", "Road",  "Rd.",  "Boulevard",
        "Blvd",   "Lane", "Drive",  "Way",  "Place", "Court"};
    size_t start = c->num.start, end = c->num.end;
    if (!(c->num.flags & NUM_ARABIC) || (c->num.flags & NUM_DECIMAL))
        return false;
    if (c->num.digits == 5 && start >= 4 && s[start - 1] == ' ' &&
        s[start - 2] >= 'A' && s[start - 2] <= 'Z' && s[start - 3] >= 'A' &&
        s[start - 3] <= 'Z' && s[start - 4] == ' ')
        return true;
    size_t p = end;
    for (int word = 0; word < 3; word++) {
        if (p >= len || s[p] != ' ' || p + 1 >= len || s[p + 1] < 'A' ||
            s[p + 1] > 'Z')
            return false;
        p++;
        for (size_t i = 0; i < sizeof STREET / sizeof STREET[0]; i++) {
            size_t n = strlen(STREET[i]);
            if (len - p >= n && memcmp(s + p, STREET[i], n) == 0 &&
                (p + n == len || !fig_is_alpha((unsigned char)s[p + n])))
                return word > 0;
        }
        while (p < len && fig_is_alpha((unsigned char)s[p]))
            p++;
    }
    return false;
}

static inline bool rule_postal_address(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && postal_address(in->s, in->len, in->c);
}

#endif /* SLUICE_FIGURES_RULES_SHAPE_H */
