/* plugins/figures/rule_phases.h - the five phases of the rules that
 * make a number no figure, each a table of rules in the order they are
 * tried (the first that fires sets the number aside), with the gate on
 * each (scan_rules.h). candidate.c runs them with first_rule.
 */
#ifndef SLUICE_FIGURES_RULE_PHASES_H
#define SLUICE_FIGURES_RULE_PHASES_H

#include "rules_shape.h"
#include "rules_context.h"
#include "rules_suffix.h"
#include "rules_use.h"
#include "rules_rough.h"

static const rule_check SHAPE_RULES[] = {
    {FIG_RULE_LONE_DIGIT_IN_WORDS, rule_lone_digit_in_words, NUM_CHINESE,
     ~(unsigned)NUM_CHINESE, false, true, 0},
    {FIG_RULE_TELEPHONE, rule_telephone, 0, NUM_WORDS, false, true,
     ASCII_BEFORE},
    {FIG_RULE_LETTER_BEFORE, rule_letter_before, 0, NUM_WORDS, false, true,
     ASCII_BEFORE},
    {FIG_RULE_DOUBLED_NUMERAL, rule_doubled_numeral, NUM_CHINESE, 0, false,
     false, 0},
    {FIG_RULE_PLUS_AFTER, rule_plus_after, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_IDENTIFIER, rule_identifier, NUM_ARABIC, NUM_CHINESE | NUM_WORDS,
     false, false, 0},
    {FIG_RULE_DASHED_CODE, rule_dashed_code, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_CODE_AROUND, rule_code_around, NUM_ARABIC, 0, false, true,
     ASCII_BESIDE},
    {FIG_RULE_POSTAL_ADDRESS, rule_postal_address, NUM_ARABIC, NUM_DECIMAL,
     false, true, ASCII_BESIDE},
};

static const rule_check CONTEXT_RULES[] = {
    {FIG_RULE_BARE_CHINESE_DIGIT, rule_bare_chinese_digit, NUM_CHINESE,
     NUM_ARABIC | NUM_PERCENT | NUM_FRACTION, true, false, 0},
    {FIG_RULE_LABEL, rule_label, 0, 0, false, true, LABEL_BEFORE},
    {FIG_RULE_IDIOM, rule_idiom, 0, 0, false, false, WIDE_START},
};

static const rule_check SUFFIX_RULES[] = {
    {FIG_RULE_ORDINAL_SUFFIX, rule_ordinal_suffix, NUM_ARABIC, 0, false, false,
     ASCII_AFTER},
    {FIG_RULE_LETTER_AFTER, rule_letter_after, NUM_ARABIC, 0, false, false,
     ASCII_AFTER},
};

static const rule_check USE_RULES[] = {
    {FIG_RULE_LIST_MARKER, rule_list_marker, 0, 0, true, false, 0},
    {FIG_RULE_ENUMERATION_COMMA, rule_enumeration_comma, NUM_ARABIC, 0, true,
     false, 0},
    {FIG_RULE_ETC_OR_GRADE, rule_etc_or_grade, 0, 0, false, false, 0},
    {FIG_RULE_INDEFINITE_ARTICLE, rule_indefinite_article, NUM_CHINESE, 0,
     false, false, 0},
    {FIG_RULE_A_YEAR_IN_WHICH, rule_a_year_in_which, NUM_CHINESE, 0, false,
     false, 0},
    {FIG_RULE_PRONOUN_ONE, rule_pronoun_one, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PART_HALF, rule_part_half, NUM_WORDS, 0, false, true, 0},
    {FIG_RULE_BARE_ONE, rule_bare_one, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PARENTHESISED, rule_parenthesised, 0, 0, true, false, 0},
    {FIG_RULE_INLINE_LIST_MARKER, rule_inline_list_marker, NUM_ARABIC,
     NUM_DECIMAL | NUM_FRACTION | NUM_NEGATIVE, true, false, 0},
};

static const rule_check ROUGH_RULES[] = {
    {FIG_RULE_ROUGHLY_VERB, rule_roughly_verb, NUM_ROUGHLY, 0, false, false, 0},
    {FIG_RULE_PAIR_IDIOM, rule_pair_idiom, NUM_PAIR,
     NUM_POSITIONAL | NUM_SCALED, false, false, 0},
};

#define N_RULES(table) (sizeof(table) / sizeof((table)[0]))

#endif /* SLUICE_FIGURES_RULE_PHASES_H */
