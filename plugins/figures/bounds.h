/* plugins/figures/bounds.h - the bounds and conditions around a
 * figure: a pair of bounds (大于10小于20, more than 10 and less than 20),
 * the opposite bound before it, a relational word or sign (大于10,
 * >= 30) that makes it a condition. Static inline: the candidate asks
 * on every figure, and a call there costs about 1% of the stage.
 */
#ifndef SLUICE_FIGURES_BOUNDS_H
#define SLUICE_FIGURES_BOUNDS_H

#include "scan_cand.h"

/* bound_pair_after once the figure has a value and a side. */
static RARELY_CALLED bool bound_pair_rest(const char *s, size_t len, cand *c)
{
    static const struct {
        const char *text;
        size_t len;
    } JOINS[] = {{"的同时", 9}, {"同时", 6}, {"并且", 6}, {"而且", 6},
                 {"并", 3},     {"且", 3},   {"和", 3},   {"，", 3},
                 {",", 1},      {"、", 3},   {"and ", 4}, {"but ", 4}};
    size_t p = c->end;
    for (int k = 0; k < 3; k++) {
        while (p < len && s[p] == ' ')
            p++;
        bool moved = false;
        for (size_t j = 0; j < sizeof JOINS / sizeof JOINS[0]; j++)
            if (len - p >= JOINS[j].len && s[p] == JOINS[j].text[0] &&
                same_bytes(s + p, JOINS[j].text, JOINS[j].len)) {
                p += JOINS[j].len;
                moved = true;
                break;
            }
        if (!moved)
            break;
    }
    size_t q = p;
    const char *second = fig_bound_word_at(s, len, p, &q);
    cand h = NO_CAND;
    if (q >= len || !numeral_at(s, len, q, &h))
        return false;
    classify(s, len, &h);
    noun_unit_when_kept(s, len, &h);
    if (!h.has_value)
        return false;
    if (!second) {
        size_t qend;
        second = fig_qualifier_after(s, len, h.end, &qend);
        if (second)
            h.end = qend;
    }
    if (!second || second == c->qualifier ||
        (second != fig_over && second != fig_under))
        return false;
    fig_dec low = c->qualifier == fig_over ? c->value : h.value;
    fig_dec high = c->qualifier == fig_over ? h.value : c->value;
    if (!(fig_dec_value(low) < fig_dec_value(high))) {
        /* "more than 40 and less than 10": two bounds that make no
         * interval are still two conditions (the second is found by
         * opposite_bound_before) */
        c->condition = true;
        return false;
    }
    c->low = low;
    c->high = high;
    c->end = h.end;
    c->has_value = false;
    c->qualifier = NULL;
    if (!c->unit) {
        c->kind = h.kind;
        c->unit = h.unit;
    }
    return true;
}

/* 大于10小于20, more than 10 and less than 20, 1000以上，1500以下: two
 * opposite bounds make one range. Inline, the test every figure meets: a
 * value and a side (over or under) said before or after it. */
static inline __attribute__((always_inline)) bool
bound_pair_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value ||
        (c->qualifier != fig_over && c->qualifier != fig_under))
        return false;
    return bound_pair_rest(s, len, c);
}

/* The words of an English bound: less than, no more than, at most. */
static inline bool is_bound_word(const char *w, size_t n)
{
    static const char *const WORDS[] = {
        "less", "more",  "fewer", "greater", "smaller", "than",
        "no",   "not",   "at",    "most",    "least",   "under",
        "over", "above", "below", "up",      "to",      NULL};
    return fig_word_in_list(w, n, WORDS);
}

/* "more than 40 and less than 10", "no less than 194 and less than 12":
 * the second of two bounds joined by and/or, when the first was a
 * condition or bound the other side, is a condition too. Arabic numbers
 * only: the first is found by reading digits back from the join. */
static inline bool opposite_bound_before(const char *s, const cand *c)
{
    if (c->qualifier != fig_over && c->qualifier != fig_under)
        return false;
    /* back over the bound's words ("less than") to the join */
    size_t p = c->start;
    bool joined = false;
    for (int words = 0; words < 4 && !joined; words++) {
        while (p > 0 && s[p - 1] == ' ')
            p--;
        if (ends_with_ci(s, p, " and") || ends_with_ci(s, p, " or")) {
            p -= s[p - 1] == 'd' || s[p - 1] == 'D' ? 4 : 3;
            joined = true;
        } else if (p > 0 && s[p - 1] == ',') {
            p--;
            joined = true;
        } else {
            size_t w = p;
            while (p > 0 && fig_is_alpha((unsigned char)s[p - 1]))
                p--;
            if (p == w || !is_bound_word(s + p, w - p))
                return false;
        }
    }
    if (!joined)
        return false;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    size_t end = p;
    while (p > 0 && ((s[p - 1] >= '0' && s[p - 1] <= '9') ||
                     ((s[p - 1] == ',' || s[p - 1] == '.') && p >= 2 &&
                      s[p - 2] >= '0' && s[p - 2] <= '9')))
        p--;
    if (p == end || (p > 0 && fig_is_alpha((unsigned char)s[p - 1])))
        return false;
    const char *side = NULL;
    if (fig_relation_before(s, p, &side))
        return true;
    size_t qstart;
    const char *first = fig_qualifier_before(s, p, &qstart);
    return (first == fig_over || first == fig_under) && first != c->qualifier;
}

/* condition_around once the bytes around the figure may hold a relation. */
static RARELY_CALLED void condition_around_rest(const char *s, size_t len,
                                                cand *c)
{
    if (c->condition)
        return; /* one of two bounds (bound_pair_after) */
    const char *side = NULL;
    if (opposite_bound_before(s, c)) {
        c->condition = true;
    } else if (fig_relation_before(s, c->start, &side) ||
               fig_relation_after(s, len, c->start, c->end, &side)) {
        c->condition = true;
        if (side && (!c->qualifier || c->qualifier == fig_about))
            c->qualifier = side;
    } else if (fig_equal_with_side(s, len, c->start, c->end, c->qualifier)) {
        c->condition = true;
    }
}

/* A single amount compared by a relational word (大于10, 比三十大,
 * greater than 100, >= 30) is a condition: its qualifier says the side
 * where the relation gives one. unfiltered (for tests): without the
 * quick look at the bytes around the figure. Inline, the quick look;
 * the rest is called for the few figures it lets by. */
static inline __attribute__((always_inline)) void
condition_around(const char *s, size_t len, cand *c, bool unfiltered)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date)
        return;
    /* most figures have neither a space, a sign, a letter nor a
     * character before them that may end a relation (于, 过, 比, ≥, ＞,
     * ⩾ and their opposites: of the characters from U+4000 to U+9FFF,
     * lead byte E4 to E9, only 于, 过 and 比), nor "or" after them, nor a
     * side: settled without a call */
    unsigned char before = c->start > 0 ? (unsigned char)s[c->start - 1] : 0;
    unsigned char after = c->end < len ? (unsigned char)s[c->end] : 0;
    bool may_before = before == ' ' || before == '>' || before == '<' ||
                      before == '=' || fig_is_alpha(before) ||
                      before == 0x8E /* 于 */ || before == 0x87 /* 过 */ ||
                      before == 0x94 /* 比 */ || before >= 0xC0 ||
                      (before >= 0x80 &&
                       (c->start < 3 || (unsigned char)s[c->start - 3] < 0xE4 ||
                        (unsigned char)s[c->start - 3] > 0xE9));
    if (!unfiltered && !may_before && after != ' ' && after != 'o' &&
        c->qualifier != fig_over && c->qualifier != fig_under)
        return;
    condition_around_rest(s, len, c);
}

#endif /* SLUICE_FIGURES_BOUNDS_H */
