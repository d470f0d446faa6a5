/* plugins/figures/rules_rough.h - phase 5 of the rules that make a
 * number no figure: a numeral read roughly (三十来, 七八) with no
 * measure word (三十来了, 乱七八糟). Static inline: the candidate calls
 * them directly from the phase's table (rule_phases.h).
 */
#ifndef SLUICE_FIGURES_RULES_ROUGH_H
#define SLUICE_FIGURES_RULES_ROUGH_H

#include "scan_rules.h"

/* phase 5, the numeral read roughly (三十来, 七八) with no measure word */

/* 三十来了: 来 is the verb when no measure word follows */
static inline bool rule_roughly_verb(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return (in->c->num.flags & NUM_ROUGHLY) && in->c->end == in->c->num.end;
}

/* 乱七八糟: a pair of digits with neither a unit nor a place */
static inline bool rule_pair_idiom(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return (c->num.flags & NUM_PAIR) && c->has_value && c->end == c->num.end &&
           !(c->num.flags & (NUM_POSITIONAL | NUM_SCALED));
}

#endif /* SLUICE_FIGURES_RULES_ROUGH_H */
