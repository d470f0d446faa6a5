/* plugins/figures/rules_use.h - phase 4 of the rules that make a number
 * no figure: how it is used in its sentence (list markers, 等 and 年级,
 * an indefinite article, the pronoun one, parenthesised and inline list
 * numbers). Static inline: the candidate calls them directly from the
 * phase's table (rule_phases.h).
 */
#ifndef SLUICE_FIGURES_RULES_USE_H
#define SLUICE_FIGURES_RULES_USE_H

#include "scan_rules.h"

static inline bool is_list_marker(const char *s, size_t len, const cand *c)
{
    size_t p = 0;
    while (p < c->num.start && (s[p] == ' ' || s[p] == '(' || s[p] == '\t'))
        p++;
    if (fig_starts(s, len, p, "（"))
        p += 3;
    if (p != c->num.start || number_of(&c->num) >= 100)
        return false;
    size_t e = c->num.end, n;
    if (e >= len)
        return false;
    int32_t next = fig_cp_at(s, len, e, &n);
    if (next == '.' && e + 1 < len && (s[e + 1] >= '0' && s[e + 1] <= '9'))
        return false;
    return next == 0x3001 || next == '.' || next == ')' || next == 0xFF09 ||
           next == 0xFF0E;
}

/* phase 4, how the sentence uses the number */

static inline bool rule_list_marker(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && is_list_marker(in->s, in->len, in->c);
}

static inline bool rule_enumeration_comma(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && in->c->end < in->len &&
           fig_starts(in->s, in->len, in->c->end, "、") &&
           (in->c->num.flags & NUM_ARABIC);
}

/* Asked of every number: inline, and the first byte of 等 (E7) or 年 (E5)
 * looked at before the words. */
static inline __attribute__((always_inline)) bool
rule_etc_or_grade(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    size_t end = in->c->end;
    if (end >= in->len || ((unsigned char)in->s[end] != 0xE7 &&
                           (unsigned char)in->s[end] != 0xE5))
        return false;
    return fig_starts(in->s, in->len, end, "等") ||
           fig_starts(in->s, in->len, end, "年级");
}

/* 一个广义的概念: 一 + measure word before a 的 is an article. */
static inline bool indefinite_article(const char *s, size_t len, const cand *c)
{
    if (!(c->num.flags & NUM_CHINESE) || number_of(&c->num) != 1 ||
        c->num.chars != 1 || c->kind != fig_count)
        return false;
    size_t bound_end;
    if (c->end > c->num.end && fig_bound_word_at(s, len, c->end, &bound_end))
        return true; /* 一个大于100的数: a number greater than 100 */
    /* up to five characters before the 的, or two such runs joined by 、
     * (一套切实可行、操作性强的) */
    size_t p = c->end, n;
    int run = 0, runs = 1;
    while (p < len) {
        unsigned char lead = (unsigned char)s[p];
        if (len - p >= 3 &&
            ((lead >= 0xE5 && lead <= 0xE9) ||
             (lead == 0xE4 && (unsigned char)s[p + 1] >= 0xB8))) {
            /* U+4E00 to U+9FFF, Han characters all: 的 or one more of the
             * run, told without decoding */
            if (lead == 0xE7 && (unsigned char)s[p + 1] == 0x9A &&
                (unsigned char)s[p + 2] == 0x84)
                return true; /* 的 */
            if (++run > 5)
                return false;
            p += 3;
            continue;
        }
        int32_t cp = fig_cp_at(s, len, p, &n);
        if (cp == 0x7684) /* 的 */
            return true;
        if (cp == 0x3001 && run > 0 && runs < 2) {
            runs++;
            run = 0;
        } else if (!fig_is_han(cp) || ++run > 5) {
            return false;
        }
        p += n;
    }
    return false;
}

/* Inline, the kind and the numeral's length first: the rule concerns a
 * count of one character (一个), not the other Chinese numbers. */
static inline __attribute__((always_inline)) bool
rule_indefinite_article(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->c->kind == fig_count && in->c->num.chars == 1 &&
           indefinite_article(in->s, in->len, in->c);
}

/* 是…的一年: "a year in which", not a duration. Inline, the kind first. */
static inline __attribute__((always_inline)) bool
rule_a_year_in_which(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return c->kind == fig_quantity && c->num.chars == 1 &&
           (c->num.flags & NUM_CHINESE) && number_of(&c->num) == 1 &&
           fig_ends(in->s, c->start, "的");
}

/* "the one", "which one": one as a pronoun. */
static inline bool pronoun_one(const char *s, size_t len, const cand *c)
{
    if (!(c->num.flags & NUM_WORDS) || number_of(&c->num) != 1 ||
        c->num.end - c->num.start != 3)
        return false;
    static const char *const BEFORE[] = {
        "the ", "this ", "that ",    "which ", "each ", "every ",
        "any ", "no ",   "another ", "any",    NULL};
    for (const char *const *w = BEFORE; *w; w++) {
        size_t n = strlen(*w);
        if (c->num.start >= n) {
            bool same = true;
            for (size_t i = 0; i < n && same; i++) {
                char ch = s[c->num.start - n + i];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch + 32);
                same = ch == (*w)[i];
            }
            if (same)
                return true;
        }
    }
    return fig_starts(s, len, c->num.end, " of ") ||
           fig_starts(s, len, c->num.end, " another");
}

static inline bool rule_pronoun_one(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && pronoun_one(in->s, in->len, in->c);
}

/* the first half, the second half: a part, not a figure */
static inline bool rule_part_half(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    const char *s = in->s;
    return !in->currency && c->end == c->num.end &&
           (c->num.flags & NUM_WORDS) && number_of(&c->num) == 0.5 &&
           (ends_with_ci(s, c->num.start, "first ") ||
            ends_with_ci(s, c->num.start, "second ") ||
            ends_with_ci(s, c->num.start, "the "));
}

/* a bare "one" is mostly a pronoun or an article: one dealer said */
static inline bool rule_bare_one(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return in->bare && (c->num.flags & NUM_WORDS) && number_of(&c->num) == 1 &&
           c->num.end - c->num.start == 3;
}

static inline bool rule_parenthesised(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const char *s = in->s;
    size_t at = in->c->num.start, end = in->c->end;
    return in->bare && at > 0 && (s[at - 1] == '(' || fig_ends(s, at, "（")) &&
           end < in->len &&
           (s[end] == ')' || fig_starts(s, in->len, end, "）"));
}

/* "what 1) explains why ...; 2) cautions that": a number closed by a
 * bracket that no bracket opened marks an item of a list in the
 * sentence, not an amount */
static inline bool rule_inline_list_marker(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const char *s = in->s;
    const cand *c = in->c;
    if (!in->bare || !(c->num.flags & NUM_ARABIC) ||
        (c->num.flags & (NUM_DECIMAL | NUM_FRACTION | NUM_NEGATIVE)) ||
        number_of(&c->num) >= 100)
        return false;
    size_t p = c->end;
    while (p < in->len && s[p] == ' ')
        p++;
    if (!(p < in->len && (s[p] == ')' || fig_starts(s, in->len, p, "）"))))
        return false;
    /* no opening bracket since the last closing one, within a line */
    size_t floor = c->num.start > 400 ? c->num.start - 400 : 0;
    for (size_t q = c->num.start; q > floor; q--) {
        char b = s[q - 1];
        if (b == '\n')
            return true; /* the line's start: nothing opened */
        if (b == '(' || fig_ends(s, q, "（"))
            return false;
        if (b == ')' || fig_ends(s, q, "）"))
            return true;
    }
    return true;
}

#endif /* SLUICE_FIGURES_RULES_USE_H */
