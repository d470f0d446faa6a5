/* plugins/figures/money_after.h - amounts that go on after the number:
 * the small tests the candidate makes on every figure (元 with 角 and
 * 分 after it, a currency sign that opens the next amount), static
 * inline for the scanner's hot path, and compound_after (money_after.c).
 */
#ifndef SLUICE_FIGURES_MONEY_AFTER_H
#define SLUICE_FIGURES_MONEY_AFTER_H

#include "scan_cand.h"

/* 一元五角, 五块三毛, 两块五, 一元零五分: the 角 and 分 after a whole
 * amount written with 元 or 块 right after the number. */
static inline void yuan_parts_after(const char *s, size_t len, cand *c)
{
    if (c->end != c->num.end + 3 || !c->unit || !c->has_value ||
        !is_whole(c->value) || c->value.sig < 0 || (c->num.flags & NUM_SCALED))
        return;
    bool yuan = c->kind == fig_money && c->unit[0] == 'C' &&
                strcmp(c->unit, "CNY") == 0 && fig_ends(s, c->end, "元");
    bool kuai = c->kind == fig_count && c->unit[0] == "块"[0] &&
                strcmp(c->unit, "块") == 0;
    size_t pend;
    int fen;
    if ((!yuan && !kuai) ||
        (fen = fig_yuan_parts_after(s, len, c->end, &pend)) < 0)
        return;
    c->kind = fig_money;
    c->unit = "CNY";
    c->value = fig_dec_add(c->value, fig_dec_of(fen, -2));
    c->end = pend;
}

/* True when the money unit after the number is a currency sign written
 * before the next number ("1 $10 bill", "5 € 20"): the sign is that
 * number's, not this one's. */
static inline bool sign_opens_next_amount(const char *s, size_t len,
                                          const cand *c)
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

void compound_after(const char *s, size_t len, cand *c);

#endif /* SLUICE_FIGURES_MONEY_AFTER_H */
