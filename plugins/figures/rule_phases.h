/* plugins/figures/rule_phases.h - the five phases of the rules that
 * make a number no figure, each a table of rules in the order they are
 * tried (the first that fires sets the number aside), with the gate on
 * each (scan_rules.h), and first_rule, which runs a phase (candidate.c).
 */
#ifndef SLUICE_FIGURES_RULE_PHASES_H
#define SLUICE_FIGURES_RULE_PHASES_H

#include "rules_shape.h"
#include "rules_context.h"
#include "rules_suffix.h"
#include "rules_use.h"
#include "rules_rough.h"

static const rule_check SHAPE_RULES[] = {
    {FIG_RULE_LONE_DIGIT_IN_WORDS, NUM_CHINESE, ~(unsigned)NUM_CHINESE, false,
     true, 0},
    {FIG_RULE_TELEPHONE, 0, NUM_WORDS, false, true, ASCII_BEFORE},
    {FIG_RULE_LETTER_BEFORE, 0, NUM_WORDS, false, true, ASCII_BEFORE},
    {FIG_RULE_DOUBLED_NUMERAL, NUM_CHINESE, 0, false, false, 0},
    {FIG_RULE_PLUS_AFTER, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_IDENTIFIER, NUM_ARABIC, NUM_CHINESE | NUM_WORDS, false, false, 0},
    {FIG_RULE_DASHED_CODE, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_CODE_AROUND, NUM_ARABIC, 0, false, true, ASCII_BESIDE},
    {FIG_RULE_POSTAL_ADDRESS, NUM_ARABIC, NUM_DECIMAL, false, true,
     ASCII_BESIDE},
};

static const rule_check CONTEXT_RULES[] = {
    {FIG_RULE_BARE_CHINESE_DIGIT, NUM_CHINESE,
     NUM_ARABIC | NUM_PERCENT | NUM_FRACTION, true, false, 0},
    {FIG_RULE_LABEL, 0, 0, false, true, LABEL_BEFORE},
    {FIG_RULE_IDIOM, 0, 0, false, false, WIDE_START},
};

static const rule_check SUFFIX_RULES[] = {
    {FIG_RULE_ORDINAL_SUFFIX, NUM_ARABIC, 0, false, false, ASCII_AFTER},
    {FIG_RULE_LETTER_AFTER, NUM_ARABIC, 0, false, false, ASCII_AFTER},
};

static const rule_check USE_RULES[] = {
    {FIG_RULE_LIST_MARKER, 0, 0, true, false, 0},
    {FIG_RULE_ENUMERATION_COMMA, NUM_ARABIC, 0, true, false, 0},
    {FIG_RULE_ETC_OR_GRADE, 0, 0, false, false, 0},
    {FIG_RULE_INDEFINITE_ARTICLE, NUM_CHINESE, 0, false, false, 0},
    {FIG_RULE_A_YEAR_IN_WHICH, NUM_CHINESE, 0, false, false, 0},
    {FIG_RULE_PRONOUN_ONE, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PART_HALF, NUM_WORDS, 0, false, true, 0},
    {FIG_RULE_BARE_ONE, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PARENTHESISED, 0, 0, true, false, 0},
    {FIG_RULE_INLINE_LIST_MARKER, NUM_ARABIC,
     NUM_DECIMAL | NUM_FRACTION | NUM_NEGATIVE, true, false, 0},
};

static const rule_check ROUGH_RULES[] = {
    {FIG_RULE_ROUGHLY_VERB, NUM_ROUGHLY, 0, false, false, 0},
    {FIG_RULE_PAIR_IDIOM, NUM_PAIR, NUM_POSITIONAL | NUM_SCALED, false, false,
     0},
};

#define N_RULES(table) (sizeof(table) / sizeof((table)[0]))

/* Whether the rule fires on the number in: the rule's function called by
 * name, so that first_rule, inlined with a constant table and unrolled,
 * calls each rule directly and the small ones marked always_inline are
 * inlined where they are asked. */
static inline __attribute__((always_inline)) bool
rule_fires(fig_rule rule, const rule_in *in, size_t *skip_to)
{
    switch (rule) {
    case FIG_RULE_LONE_DIGIT_IN_WORDS:
        return rule_lone_digit_in_words(in, skip_to);
    case FIG_RULE_TELEPHONE: return rule_telephone(in, skip_to);
    case FIG_RULE_LETTER_BEFORE: return rule_letter_before(in, skip_to);
    case FIG_RULE_DOUBLED_NUMERAL: return rule_doubled_numeral(in, skip_to);
    case FIG_RULE_PLUS_AFTER: return rule_plus_after(in, skip_to);
    case FIG_RULE_IDENTIFIER: return rule_identifier(in, skip_to);
    case FIG_RULE_DASHED_CODE: return rule_dashed_code(in, skip_to);
    case FIG_RULE_CODE_AROUND: return rule_code_around(in, skip_to);
    case FIG_RULE_POSTAL_ADDRESS: return rule_postal_address(in, skip_to);
    case FIG_RULE_BARE_CHINESE_DIGIT:
        return rule_bare_chinese_digit(in, skip_to);
    case FIG_RULE_LABEL: return rule_label(in, skip_to);
    case FIG_RULE_IDIOM: return rule_idiom(in, skip_to);
    case FIG_RULE_ORDINAL_SUFFIX: return rule_ordinal_suffix(in, skip_to);
    case FIG_RULE_LETTER_AFTER: return rule_letter_after(in, skip_to);
    case FIG_RULE_LIST_MARKER: return rule_list_marker(in, skip_to);
    case FIG_RULE_ENUMERATION_COMMA: return rule_enumeration_comma(in, skip_to);
    case FIG_RULE_ETC_OR_GRADE: return rule_etc_or_grade(in, skip_to);
    case FIG_RULE_INDEFINITE_ARTICLE:
        return rule_indefinite_article(in, skip_to);
    case FIG_RULE_A_YEAR_IN_WHICH: return rule_a_year_in_which(in, skip_to);
    case FIG_RULE_PRONOUN_ONE: return rule_pronoun_one(in, skip_to);
    case FIG_RULE_PART_HALF: return rule_part_half(in, skip_to);
    case FIG_RULE_BARE_ONE: return rule_bare_one(in, skip_to);
    case FIG_RULE_PARENTHESISED: return rule_parenthesised(in, skip_to);
    case FIG_RULE_INLINE_LIST_MARKER:
        return rule_inline_list_marker(in, skip_to);
    case FIG_RULE_ROUGHLY_VERB: return rule_roughly_verb(in, skip_to);
    case FIG_RULE_PAIR_IDIOM: return rule_pair_idiom(in, skip_to);
    default: return false;
    }
}

/* The first rule of the phase that fires, or FIG_RULE_NONE. Inlined
 * with its constant table and unrolled, so that the gates fold into a
 * few tests of the flags and the rules are called directly, not through
 * a table of pointers (a third of the scanner's time otherwise). */
static inline __attribute__((always_inline)) fig_rule
first_rule(const rule_check *rules, size_t n, const rule_in *in,
           size_t *skip_to)
{
#pragma GCC unroll 16
    for (size_t i = 0; i < n; i++)
        if (rule_may_fire(&rules[i], in) &&
            rule_fires(rules[i].rule, in, skip_to))
            return rules[i].rule;
    return FIG_RULE_NONE;
}

#endif /* SLUICE_FIGURES_RULE_PHASES_H */
