/* plugins/figures/money_after.h - amounts that go on after the number:
 * the small tests the candidate makes on every figure (元 with 角 and
 * 分 after it, a currency sign that opens the next amount), static
 * inline for the scanner's hot path, and compound_after (its parts in
 * money_after.c).
 */
#ifndef SLUICE_FIGURES_MONEY_AFTER_H
#define SLUICE_FIGURES_MONEY_AFTER_H

#include "scan_cand.h"

/* yuan_parts_after once the figure is a whole amount of CNY or 块
 * written three bytes after its number. */
void yuan_parts_rest(const char *s, size_t len, cand *c);

/* 一元五角, 五块三毛, 两块五, 一元零五分: the 角 and 分 after a whole
 * amount written with 元 or 块 right after the number. Inline, what every
 * figure is asked: a unit of three bytes right after the number, and the
 * unit's first byte (C of CNY, E5 of 块) for money or a count. */
static inline __attribute__((always_inline)) void
yuan_parts_after(const char *s, size_t len, cand *c)
{
    if (c->end != c->num.end + 3 || !c->unit || !c->has_value)
        return;
    if (!(c->kind == fig_money && c->unit[0] == 'C') &&
        !(c->kind == fig_count && c->unit[0] == "块"[0]))
        return;
    yuan_parts_rest(s, len, c);
}

/* True when the money unit after the number is a currency sign written
 * before the next number ("1 $10 bill", "5 € 20"): the sign is that
 * number's, not this one's. */
static inline __attribute__((always_inline)) bool
sign_opens_next_amount(const char *s, size_t len, const cand *c)
{
    size_t at;
    if (c->end <= c->num.end)
        return false;
    int32_t sign = fig_cp_before(s, c->end, &at);
    if (!(sign == '$' || sign == 0xA3 /* £ */ || sign == 0xA5 /* ¥ */ ||
          is_currency_sign(sign)))
        return false;
    size_t p = c->end;
    while (p < len && s[p] == ' ')
        p++;
    return p < len && s[p] >= '0' && s[p] <= '9';
}

/* compound_after once the figure has a unit and a value, and is money or
 * has a space after it. */
void compound_parts_after(const char *s, size_t len, cand *c);

/* "75 USD million", 5美元20美分, "3 dollars 50 cents", "3 euros and 20
 * cents", "3 pounds and 50 pence", "5 feet 2 inches": a scale or a
 * second, smaller unit after an amount. Inline, what every figure is
 * asked: only money reads a scale or its hundredths right after its
 * unit, and the smaller unit of the rest follows a space. */
static inline void compound_after(const char *s, size_t len, cand *c)
{
    if (!c->unit || !c->has_value)
        return;
    if (c->end >= len)
        return; /* a scale, hundredths or a smaller unit must follow */
    if (c->kind != fig_money && s[c->end] != ' ')
        return;
    if ((unsigned char)s[c->end] >= 0x80) {
        /* after money, only the hundredths' numeral may open there */
        size_t n;
        int32_t cp = fig_cp_at(s, len, c->end, &n);
        if (!fig_is_digit_cp(cp) && !fig_zh_starts_numeral(cp))
            return;
    }
    compound_parts_after(s, len, c);
}

#endif /* SLUICE_FIGURES_MONEY_AFTER_H */
