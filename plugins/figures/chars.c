/* plugins/figures/chars.c - the small character helpers the figures
 * stage shares: decoding one code point forwards or backwards, comparing
 * a word at a position, ASCII and digit classes.
 */
#include <string.h>

#include <sluice/text.h>

#include "figures.h"

const char fig_count[] = "count", fig_money[] = "money",
           fig_percent[] = "percent", fig_ratio[] = "ratio",
           fig_rate[] = "rate", fig_quantity[] = "quantity",
           fig_year[] = "year", fig_date[] = "date",
           fig_placeholder[] = "placeholder", fig_discount[] = "discount";
const char fig_about[] = "about", fig_near[] = "near", fig_over[] = "over",
           fig_under[] = "under";

int32_t fig_cp_at_slow(const char *s, size_t len, size_t pos, size_t *n)
{
    unsigned char c = (unsigned char)s[pos];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    size_t p = pos;
    int32_t cp = sl_utf8_next(s, len, &p);
    *n = p - pos;
    return cp;
}

int32_t fig_cp_before_slow(const char *s, size_t pos, size_t *at)
{
    if (pos == 0) {
        *at = 0;
        return 0;
    }
    if ((unsigned char)s[pos - 1] < 0x80) {
        *at = pos - 1;
        return (unsigned char)s[pos - 1];
    }
    size_t p = pos;
    int32_t cp = sl_utf8_prev(s, &p);
    *at = p;
    return cp;
}
