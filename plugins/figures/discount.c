/* plugins/figures/discount.c - discounts written with 折: the price paid,
 * in percent of the full price. 八折 and 8折 are 80, 七五折 and 7.5折 75,
 * 85折 85, 打六折 60 (打 joins the text), 对折 50; 七折八扣 is an idiom,
 * no figure.
 */
#include "figures.h"

/* The 折 (and what may follow it) at pos: its end, or 0. */
static size_t zhe_at(const char *s, size_t len, size_t pos)
{
    if (!fig_starts(s, len, pos, "折"))
        return 0;
    size_t end = pos + 3;
    if (fig_starts(s, len, end, "八扣") || fig_starts(s, len, end, "叠") ||
        fig_starts(s, len, end, "线") || fig_starts(s, len, end, "腾") ||
        fig_starts(s, len, end, "返") || fig_starts(s, len, end, "页"))
        return 0; /* 七折八扣, 折叠, 折线, 折腾, 折返, 三折页 */
    return end;
}

bool fig_discount_after(const char *s, size_t len, const fig_num *num,
                        fig_dec *value, size_t *end)
{
    unsigned other = NUM_SCALED | NUM_APPROX | NUM_FRACTION | NUM_PERCENT |
                     NUM_PERMILLE | NUM_PERMYRIAD | NUM_NEGATIVE | NUM_GROUPED |
                     NUM_NO_VALUE | NUM_PAIR | NUM_POSITIONAL | NUM_ROUGHLY;
    if (num->flags & other)
        return false;
    double v = fig_dec_value(num->value);
    size_t at = num->end, n;
    if ((num->flags & NUM_CHINESE) && num->chars == 1) {
        /* 七五折: a second Chinese digit gives the units */
        int units = fig_zh_digit(fig_cp_at(s, len, at, &n));
        if (units >= 0 && n == 3 && (*end = zhe_at(s, len, at + n)) != 0) {
            *value = fig_dec_int((int64_t)v * 10 + units);
            return v >= 1 && v <= 9;
        }
    }
    if (!(*end = zhe_at(s, len, at)) || !(v > 0 && v < 100))
        return false;
    if ((num->flags & NUM_CHINESE) && num->chars != 1)
        return false;
    /* 8折, 7.5折, 八折: tenths of the price; 85折: hundredths */
    *value = v < 10 ? fig_dec_scale10(num->value, 1) : num->value;
    return true;
}
