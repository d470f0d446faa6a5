/* plugins/figures/half_and_temperature.c - rare steps kept out of the
 * scanner's hot path: 半 after a figure (三个半小时, 1年半) and
 * temperatures (-5℃, minus 5 degrees, 零下5度).
 */
#include "scan_cand.h"

/* 三年半, 两岁半, 一个半小时: a half after the measure word adds 0.5.
 * For a figure followed by 半. */
RARELY_CALLED void half_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value || !is_whole(c->value) || c->value.sig < 0)
        return;
    const fig_dec half = fig_dec_of(5, -1);
    size_t p = c->end + strlen("半");
    if (c->kind == fig_count && c->unit && strcmp(c->unit, "个") == 0) {
        size_t uend;
        const char *unit = NULL;
        if (fig_starts(s, len, p, "月")) {
            unit = "month";
            uend = p + strlen("月");
        } else {
            const fig_unit *u = fig_unit_after(s, len, p, true, &uend);
            if (u && u->kind == fig_quantity)
                unit = u->unit;
        }
        if (!unit)
            return;
        c->kind = fig_quantity;
        c->unit = unit;
        c->value = fig_dec_add(c->value, half);
        c->end = uend;
    } else if (c->kind == fig_percent && fig_ends(s, c->end, "成")) {
        /* 三成半: three and a half tenths */
        c->value = fig_dec_add(c->value, fig_dec_int(5));
        c->end = p;
    } else if (c->kind == fig_quantity && c->end > c->num.end) {
        c->value = fig_dec_add(c->value, half);
        c->end = p;
    }
}

/* ---- temperatures ---- */

/* True when a number and a temperature unit follow a detached minus sign
 * at pos: "convert - 20 degrees fahrenheit", "- 5 °C". */
RARELY_CALLED bool temperature_after_sign(const char *s, size_t len, size_t pos)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    size_t digits = p;
    while (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.'))
        p++;
    if (p == digits)
        return false;
    while (p < len && s[p] == ' ')
        p++;
    return fig_starts(s, len, p, "°") || fig_starts(s, len, p, "degree") ||
           fig_starts(s, len, p, "Degree");
}

/* 零下五度, 华氏温度98.6度, 摄氏20度: the sign and the scale written
 * before a temperature join its text and set its value and unit. For a
 * quantity with a unit. */
RARELY_CALLED void temperature_before(const char *s, cand *c)
{
    if (!(strcmp(c->unit, "degree") == 0 || strcmp(c->unit, "celsius") == 0 ||
          strcmp(c->unit, "fahrenheit") == 0))
        return;
    if (fig_ends(s, c->start, "零下") && c->value.sig > 0) {
        c->value = fig_dec_neg(c->value);
        c->start -= strlen("零下");
    }
    static const char *const SCALES[][2] = {{"华氏温度", "fahrenheit"},
                                            {"华氏", "fahrenheit"},
                                            {"摄氏温度", "celsius"},
                                            {"摄氏", "celsius"}};
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++)
        if (fig_ends(s, c->start, SCALES[i][0])) {
            c->start -= strlen(SCALES[i][0]);
            c->unit = SCALES[i][1];
            break;
        }
}
