/* tests/test_option_table.c - the loader's check of a plugin's option
 * table: fields inside the state and aligned, names of [a-z0-9_] used
 * once, defaults that parse and fit their choices and range. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

typedef struct two_fields {
    long number;
    char *word;
} two_fields;

/* The message from checking a table over a two_fields state, or NULL when
 * the table passes. */
static char *check(const sl_option *options)
{
    sl_plugin plugin = {
        .name = "t", .options = options, .state_size = sizeof(two_fields)};
    char *message = NULL;
    int rc = sl_options_check_table(&plugin, &message);
    cr_assert_eq(rc < 0, message != NULL, "rc %d with message %s", rc,
                 message ? message : "(none)");
    return message;
}

static void expect_refused(const sl_option *options, const char *part)
{
    char *message = check(options);
    cr_assert_not_null(message, "table accepted; expected \"%s\"", part);
    cr_assert(strstr(message, part), "\"%s\" not in: %s", part, message);
    free(message);
}

Test(option_table, a_good_table_passes)
{
    const sl_option good[] = {
        SL_OPTION_INT(two_fields, number, "3", 0, "h", "1..9"),
        SL_OPTION_STRING(two_fields, word, "\"b\"", 0, "h", "a|b"),
        SL_OPTION_REMOVED("old_name", SL_OPT_BOOL, "use word"),
        {0}};
    cr_assert_null(check(good));
}

Test(option_table, refuses_a_field_past_the_state)
{
    const sl_option bad[] = {
        {"number", SL_OPT_INT, "1", sizeof(two_fields), 0, "h", NULL}, {0}};
    expect_refused(bad, "does not fit in the stage's state");
}

Test(option_table, refuses_a_field_that_straddles_the_end)
{
    const sl_option bad[] = {{"word", SL_OPT_STRLIST, NULL,
                              offsetof(two_fields, word), 0, "h", NULL},
                             {0}};
    expect_refused(bad, "option 'word': its field (offset 8, 16 bytes)");
}

Test(option_table, refuses_a_misaligned_field)
{
    const sl_option bad[] = {{"number", SL_OPT_INT, "1", 1, 0, "h", NULL}, {0}};
    expect_refused(bad, "not aligned");
}

Test(option_table, refuses_a_name_used_twice)
{
    const sl_option bad[] = {{"number", SL_OPT_INT, "1", 0, 0, "h", NULL},
                             {"number", SL_OPT_INT, "1", 0, 0, "h", NULL},
                             {0}};
    expect_refused(bad, "option 'number' is declared twice");
}

Test(option_table, refuses_names_outside_lower_case_digits_underscore)
{
    const char *names[] = {"Number", "min-score", "", "a.b", "é"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const sl_option bad[] = {{names[i], SL_OPT_INT, NULL, 0, 0, "h", NULL},
                                 {0}};
        expect_refused(bad, "lower-case letters, digits and '_'");
    }
}

Test(option_table, refuses_a_default_that_does_not_parse)
{
    const sl_option bad[] = {{"word", SL_OPT_STRING, "auto",
                              offsetof(two_fields, word), 0, "h", NULL},
                             {0}};
    expect_refused(bad, "default of option 'word' is not valid JSON");
}

Test(option_table, refuses_a_default_of_the_wrong_type)
{
    const sl_option bad[] = {
        SL_OPTION_INT(two_fields, number, "\"3\"", 0, "h", NULL), {0}};
    expect_refused(bad, "option 'number' expects an integer");
}

Test(option_table, refuses_choices_without_their_default)
{
    const sl_option bad[] = {
        SL_OPTION_STRING(two_fields, word, "\"c\"", 0, "h", "a|b"), {0}};
    expect_refused(bad, "must be one of a|b, not \"c\"");
}

Test(option_table, refuses_a_default_outside_its_range)
{
    const sl_option bad[] = {
        SL_OPTION_INT(two_fields, number, "0", 0, "h", "1..9"), {0}};
    expect_refused(bad, "must be in the range 1..9");
}

Test(option_table, refuses_a_range_that_does_not_parse)
{
    const sl_option bad[] = {
        SL_OPTION_INT(two_fields, number, "1", 0, "h", "one..nine"), {0}};
    expect_refused(bad, "is not MIN..MAX");
}

Test(option_table, refuses_an_unknown_type)
{
    const sl_option bad[] = {{"number", (sl_opt_type)42, NULL, 0, 0, "h", NULL},
                             {0}};
    expect_refused(bad, "unknown type 42");
}

/* The default string list is stored and released again: no leak under
 * valgrind or ASan. */
Test(option_table, checking_a_list_default_frees_it)
{
    typedef struct list_state {
        sl_strlist keep;
    } list_state;
    const sl_option options[] = {
        SL_OPTION_STRLIST(list_state, keep, "[\"a\", \"b\"]", 0, "h"), {0}};
    sl_plugin plugin = {
        .name = "t", .options = options, .state_size = sizeof(list_state)};
    char *message = NULL;
    cr_assert_eq(sl_options_check_table(&plugin, &message), 0, "%s", message);
}
