/* plugins/figures/rules_suffix.h - phase 3 of the rules that make a
 * number no figure: what follows it once its unit is read (letters, an
 * ordinal or time suffix: 1st, 6pm). Static inline: the candidate calls
 * them directly from the phase's table (rule_phases.h).
 */
#ifndef SLUICE_FIGURES_RULES_SUFFIX_H
#define SLUICE_FIGURES_RULES_SUFFIX_H

#include "scan_rules.h"

/* Ordinal suffixes: 1st, 2nd, 4th; times: 6pm. */
static inline bool ordinal_or_time_suffix(const char *s, size_t len, size_t end,
                                          const char **kind)
{
    static const char *const ORD[] = {"st", "nd", "rd", "th", NULL};
    bool letter = end < len && fig_is_alpha((unsigned char)s[end]);
    for (const char *const *w = ORD; letter && *w; w++)
        if (fig_starts(s, len, end, *w) &&
            (end + 2 >= len || !fig_is_alpha((unsigned char)s[end + 2]))) {
            *kind = NULL;
            return true;
        }
    size_t p = end;
    while (p < len && s[p] == ' ')
        p++;
    if ((fig_starts(s, len, p, "pm") || fig_starts(s, len, p, "am") ||
         fig_starts(s, len, p, "p.m.") || fig_starts(s, len, p, "a.m.")) &&
        (p + 2 >= len || !fig_is_alpha((unsigned char)s[p + 2]))) {
        *kind = fig_date;
        return true;
    }
    return false;
}

/* phase 3, what follows the number once its unit is read */

static inline bool rule_letter_after(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return !c->unit && !c->dimension && (c->num.flags & NUM_ARABIC) &&
           c->num.end < in->len &&
           fig_is_alpha((unsigned char)in->s[c->num.end]) &&
           c->end == c->num.end;
}

static inline bool rule_ordinal_suffix(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    const char *kind = NULL;
    return (c->num.flags & NUM_ARABIC) && c->end == c->num.end &&
           ordinal_or_time_suffix(in->s, in->len, c->num.end, &kind) && !kind;
}

#endif /* SLUICE_FIGURES_RULES_SUFFIX_H */
