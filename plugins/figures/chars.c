/* plugins/figures/chars.c - the small character helpers the figures
 * stage shares: the names of kinds and qualifiers, comparing a word at a
 * position, ASCII and digit classes (decoding is sluice/text.h's, through
 * fig_cp_at and fig_cp_before in figures.h).
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

bool fig_word_in_list(const char *word, size_t n, const char *const *list)
{
    for (const char *const *w = list; *w; w++) {
        if (strlen(*w) != n)
            continue;
        size_t i = 0;
        while (i < n && (word[i] | 0x20) == (*w)[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}
