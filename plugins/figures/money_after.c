/* plugins/figures/money_after.c - the parts of an amount after its
 * number: the hundredths of a currency named after a whole amount of it
 * (5美元20美分, 三英镑五十便士) and a second, smaller unit (3 dollars 50
 * cents, 5 feet 2 inches), read into one figure.
 */
#include "money_after.h"

void yuan_parts_rest(const char *s, size_t len, cand *c)
{
    if (!is_whole(c->value) || c->value.sig < 0 || (c->num.flags & NUM_SCALED))
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

/* 三英镑五十便士, 5美元20美分, 2欧元50欧分: the hundredths of a currency
 * named right after a whole amount of it. */
static bool cents_after(const char *s, size_t len, cand *c)
{
    size_t n, uend;
    int32_t cp = fig_cp_at(s, len, c->end, &n);
    cand part = NO_CAND;
    if (!is_whole(c->value) ||
        !(fig_is_digit_cp(cp) || fig_zh_starts_numeral(cp)) ||
        !numeral_at(s, len, c->end, &part) ||
        (part.num.flags & ~(NUM_ARABIC | NUM_CHINESE | NUM_POSITIONAL)))
        return false;
    const fig_unit *u = fig_unit_after(s, len, part.num.end, true, &uend);
    size_t code = strlen(c->unit);
    if (!u || strncmp(u->unit, c->unit, code) != 0 || u->unit[code] != '-' ||
        fig_dec_value(part.num.value) >= 100)
        return false;
    c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
    c->end = uend;
    return true;
}

/* True when a currency's hundredths are written "cents" in English. */
static bool has_cents(const char *unit)
{
    static const char *const CODES[] = {"USD", "EUR", "AUD", "CAD",
                                        "NZD", "HKD", "SGD", NULL};
    for (const char *const *code = CODES; *code; code++)
        if (strcmp(unit, *code) == 0)
            return true;
    return false;
}

void compound_parts_after(const char *s, size_t len, cand *c)
{
    if (c->kind == fig_money && !(c->num.flags & NUM_SCALED)) {
        /* "75 USD million" */
        size_t send = c->end;
        double scale = fig_en_scale_after(s, len, c->end, &send);
        if (scale >= 1e3 && send > c->end + 1) {
            c->value = fig_dec_mul(c->value, fig_dec_whole(scale));
            c->end = send;
            return;
        }
    }
    if (c->kind == fig_money && c->end > c->num.end && c->end < len &&
        ((unsigned char)s[c->end] >= 0x80 ||
         (s[c->end] >= '0' && s[c->end] <= '9')) &&
        cents_after(s, len, c))
        return;
    if (c->end >= len || s[c->end] != ' ')
        return; /* the smaller unit follows a space */
    bool dollars = c->kind == fig_money && has_cents(c->unit);
    bool pounds = (c->kind == fig_money && strcmp(c->unit, "GBP") == 0) ||
                  (c->unit[0] == 'l' && strcmp(c->unit, "lb") == 0);
    bool feet = c->unit[0] == 'f' && strcmp(c->unit, "ft") == 0;
    if (!dollars && !pounds && !feet)
        return;
    size_t p = c->end;
    if (fig_starts(s, len, p, " and "))
        p += 4;
    if (!fig_starts(s, len, p, " "))
        return;
    p++;
    cand part = NO_CAND;
    size_t n;
    int32_t cp = p < len ? fig_cp_at(s, len, p, &n) : 0;
    if (!(fig_is_digit_cp(cp) || fig_is_alpha(cp)) ||
        !numeral_at(s, len, p, &part))
        return;
    size_t uend;
    const fig_unit *u = fig_unit_after(s, len, part.num.end, false, &uend);
    if (!u && feet && fig_starts(s, len, part.num.end, " in") &&
        (part.num.end + 3 >= len ||
         !fig_is_alpha((unsigned char)s[part.num.end + 3]))) {
        c->value =
            fig_dec_add(c->value, fig_dec_div(part.num.value, fig_dec_int(12)));
        c->end = part.num.end + 3;
        return;
    }
    double part_value = number_of(&part.num);
    if (!u && dollars && strcmp(c->unit, "USD") == 0 && part_value < 100 &&
        part_value >= 1 &&
        ((part.num.flags & NUM_ARABIC) ? part.num.digits == 2
                                       : (part.num.flags & NUM_WORDS) != 0) &&
        (part.num.end >= len || s[part.num.end] == '.' ||
         s[part.num.end] == ',')) {
        /* "15 dollars 50." */
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = part.num.end;
        return;
    }
    if (!u)
        return;
    if (part_value >= 100 || !is_whole(part.num.value)) {
        if (!feet)
            return;
    }
    if (dollars && strcmp(u->unit, "USD-cent") == 0) {
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = uend;
    } else if (pounds && strcmp(u->unit, "GBP-penny") == 0) {
        /* pence make the pounds money */
        c->kind = fig_money;
        c->unit = "GBP";
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = uend;
    } else if (feet && strcmp(u->unit, "in") == 0) {
        c->value =
            fig_dec_add(c->value, fig_dec_div(part.num.value, fig_dec_int(12)));
        c->end = uend;
    }
}
