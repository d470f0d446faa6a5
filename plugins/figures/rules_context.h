/* plugins/figures/rules_context.h - phase 2 of the rules that make a
 * number no figure: the words around the classified number (a bare
 * Chinese digit, a label's number such as 第3, 图2, idioms). Static
 * inline: the candidate calls them directly from the phase's table
 * (rule_phases.h).
 */
#ifndef SLUICE_FIGURES_RULES_CONTEXT_H
#define SLUICE_FIGURES_RULES_CONTEXT_H

#include "scan_rules.h"

/* ---- what makes a number no figure ---- */

static inline bool is_enumeration_mark(int32_t cp)
{
    return cp == 0x3001 /* 、 */ || cp == ')' || cp == 0xFF09 /* ） */;
}

/* A bare Chinese numeral (no unit): 五, 十五, 一百五十二. Single
 * characters stand alone only when set off from the words around them. */
static inline bool bare_chinese_numeral_ok(const char *s, size_t len,
                                           const fig_num *num)
{
    size_t at, n = 0;
    int32_t prev = fig_cp_before(s, num->start, &at);
    int32_t next = num->end < len ? fig_cp_at(s, len, num->end, &n) : 0;
    if (is_enumeration_mark(next))
        return false;
    if (num->chars > 1 || (num->flags & (NUM_SCALED | NUM_DECIMAL)))
        return true;
    if ((next == 0x5230 /* 到 */ || next == 0x81F3 /* 至 */) &&
        num->end + n < len &&
        fig_zh_digit(fig_cp_at(s, len, num->end + n, &(size_t){0})) > 0)
        return true; /* 一到五个: the low end of a range */
    if ((next == ',' || next == 0xFF0C) && num->end + n < len &&
        fig_zh_digit(fig_cp_at(s, len, num->end + n, &(size_t){0})) >= 0)
        return false; /* 一,二年级 */
    if (fig_zh_digit(prev) >= 0 || fig_zh_unit(prev) > 0)
        return false;
    /* set off before: the start, punctuation, 是, 为, 前 (前三) */
    bool prev_ok = prev == 0 || !fig_is_han(prev) || prev == 0x662F /* 是 */ ||
                   prev == 0x4E3A /* 为 */ || prev == 0x524D /* 前 */;
    if (!prev_ok)
        return false;
    if (next == 0 || !fig_is_han(next))
        return true;
    /* set off after: a function word, never 是 (一是 enumerates) */
    static const int32_t FUNCTION_WORDS[] = {
        0x8FD9 /* 这 */, 0x90A3 /* 那 */, 0x4E0D /* 不 */, 0x800C /* 而 */,
        0x5374 /* 却 */, 0x8FD8 /* 还 */, 0x4E5F /* 也 */, 0x6216 /* 或 */,
        0x548C /* 和 */, 0x4E0E /* 与 */, 0x7684 /* 的 */, 0x4E86 /* 了 */,
        0x5417 /* 吗 */, 0x5462 /* 呢 */, 0x5C31 /* 就 */};
    if (prev == 0 && next == 0x662F)
        return false;
    for (size_t i = 0; i < sizeof FUNCTION_WORDS / sizeof FUNCTION_WORDS[0];
         i++)
        if (next == FUNCTION_WORDS[i])
            return true;
    return false;
}

static inline bool bare_chinese_ok(const char *s, size_t len, const cand *c)
{
    return bare_chinese_numeral_ok(s, len, &c->num);
}

/* phase 2, the words around the classified number */

static inline bool rule_bare_chinese_digit(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return in->bare && (c->num.flags & NUM_CHINESE) &&
           !(c->num.flags & NUM_ARABIC) &&
           !(c->num.flags & (NUM_PERCENT | NUM_FRACTION)) && !in->marked &&
           !bare_chinese_ok(in->s, in->len, c);
}

/* The end of the parts that continue a label's number at pos: -3, .2,
 * －1 (表2-3, 图1.2, 表2－1). */
static inline size_t label_number_end(const char *s, size_t len, size_t pos)
{
    for (;;) {
        size_t p = pos;
        if (p < len && (s[p] == '-' || s[p] == '.'))
            p++;
        else if (fig_starts(s, len, p, "－"))
            p += 3;
        else
            return pos;
        if (p >= len || s[p] < '0' || s[p] > '9')
            return pos;
        while (p < len && s[p] >= '0' && s[p] <= '9')
            p++;
        pos = p;
    }
}

static inline bool rule_label(const rule_in *in, size_t *skip_to)
{
    if (in->currency || !fig_is_label_context(in->s, in->c->num.start))
        return false;
    /* the rest of a label's number is no figure either: 表2-3, 图1.2 */
    skip_at_least(skip_to, label_number_end(in->s, in->len, in->c->num.end));
    return true;
}

/* Asked of every number: inline, so that fig_idiom_at's first look (an
 * Arabic number opens no idiom) costs no call. */
static inline __attribute__((always_inline)) bool rule_idiom(const rule_in *in,
                                                             size_t *skip_to)
{
    size_t idiom = fig_idiom_at(in->s, in->len, in->c->num.start);
    if (!idiom)
        return false;
    skip_at_least(skip_to, in->c->num.start + idiom);
    return true;
}

#endif /* SLUICE_FIGURES_RULES_CONTEXT_H */
