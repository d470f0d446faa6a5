/* tests/test_figure_values.c - the values of figures as the exporter
 * writes them, compared as text: tests/data/figures/values.tsv holds one
 * case a line, "SENTENCE<TAB>FIGURE<TAB>VALUE<TAB>KIND<TAB>UNIT", where
 * VALUE is the JSON number expected (0.3, 2035000000, never
 * 0.30000000000000004) or LOW..HIGH for a range, and an empty UNIT means
 * none. The figure's value goes through the exporter's own formatting.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/export/export.h"
#include "../plugins/figures/figures.h"

#define MAX_HITS 16

typedef struct collected {
    fig_hit hits[MAX_HITS];
    size_t n;
} collected;

static int collect(void *user, const fig_hit *hit)
{
    collected *c = user;
    if (c->n < MAX_HITS)
        c->hits[c->n++] = *hit;
    return 0;
}

/* The number as the JSON exporter writes it. */
static void printed(double v, char *out, size_t size)
{
    cr_assert(format_number(v, out, size), "no text for %.17g", v);
}

/* Checks one line of the data file; line is modified. */
static void check_case(char *line, int number)
{
    char *field[5] = {0};
    int n = 0;
    for (char *p = line; n < 5; n++) {
        field[n] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    cr_assert_geq(n, 4, "line %d: too few fields", number);
    const char *sentence = field[0], *text = field[1], *want = field[2],
               *kind = field[3], *unit = n > 4 ? field[4] : "";

    collected c = {0};
    cr_assert_eq(fig_scan(sentence, strlen(sentence), collect, &c, NULL), 0);
    const fig_hit *hit = NULL;
    size_t tlen = strlen(text);
    for (size_t i = 0; i < c.n && !hit; i++)
        if (c.hits[i].end - c.hits[i].start == tlen &&
            memcmp(sentence + c.hits[i].start, text, tlen) == 0)
            hit = &c.hits[i];
    cr_expect_not_null(hit, "line %d: no figure \"%s\" in \"%s\"", number, text,
                       sentence);
    if (!hit)
        return;

    char got[160];
    const char *dots = strstr(want, "..");
    if (dots) {
        char low[64], high[64];
        cr_expect(hit->flags & SL_SPAN_HAS_RANGE, "line %d: %s is no range",
                  number, text);
        printed(hit->low, low, sizeof low);
        printed(hit->high, high, sizeof high);
        snprintf(got, sizeof got, "%s..%s", low, high);
    } else {
        cr_expect(hit->flags & SL_SPAN_HAS_VALUE, "line %d: %s has no value",
                  number, text);
        printed(hit->value, got, sizeof got);
    }
    cr_expect_str_eq(got, want, "line %d: %s is %s, not %s", number, text, got,
                     want);
    cr_expect_str_eq(hit->kind, kind, "line %d: %s kind", number, text);
    cr_expect_str_eq(hit->unit ? hit->unit : "", unit, "line %d: %s unit",
                     number, text);
}

Test(figure_values, printed_as_written)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/values.tsv", FIGURES_TEST_DATA);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char line[1024];
    int number = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        check_case(line, number);
        cases++;
    }
    fclose(f);
    cr_assert_gt(cases, 300, "only %d cases read", cases);
}

/* The decimal type on its own: sums and products that binary doubles get
 * wrong come out as written. */
Test(figure_values, decimal_arithmetic)
{
    char text[64];
    fig_dec tenth = fig_dec_of(1, -1), fifth = fig_dec_of(2, -1);
    printed(fig_dec_value(fig_dec_add(tenth, fifth)), text, sizeof text);
    cr_expect_str_eq(text, "0.3");
    printed(fig_dec_value(fig_dec_mul(fig_dec_of(435, -2), fig_dec_of(1, 8))),
            text, sizeof text);
    cr_expect_str_eq(text, "435000000");
    printed(fig_dec_value(fig_dec_div(fig_dec_int(3), fig_dec_int(8))), text,
            sizeof text);
    cr_expect_str_eq(text, "0.375");
    fig_dec third = fig_dec_div(fig_dec_int(1), fig_dec_int(3));
    printed(fig_dec_value(fig_dec_mul(third, fig_dec_int(3))), text,
            sizeof text);
    cr_expect_str_eq(text, "1");
    fig_dec d = {0, 0, 0};
    fig_dec_push_digit(&d, 1, false);
    fig_dec_push_digit(&d, 0, false);
    fig_dec_push_digit(&d, 5, false);
    fig_dec_push_digit(&d, 7, true);
    printed(fig_dec_value(d), text, sizeof text);
    cr_expect_str_eq(text, "105.7");
    printed(fig_dec_value(fig_dec_neg(fig_dec_scale10(d, -3))), text,
            sizeof text);
    cr_expect_str_eq(text, "-0.1057");
    cr_expect(fig_dec_is_whole(fig_dec_of(25, 2)));
    cr_expect(!fig_dec_is_whole(fig_dec_of(25, -1)));
    printed(fig_dec_value(fig_dec_pow(fig_dec_int(2), -3)), text, sizeof text);
    cr_expect_str_eq(text, "0.125");
    printed(fig_dec_value(fig_dec_pow(fig_dec_of(15, -1), 2)), text,
            sizeof text);
    cr_expect_str_eq(text, "2.25");
    /* 2^52: exact, by squaring */
    printed(fig_dec_value(fig_dec_pow(fig_dec_int(2), 52)), text, sizeof text);
    cr_expect_str_eq(text, "4503599627370496");
    /* a power beyond any double stays beyond it, never wraps to 0 */
    cr_expect(fig_dec_value(fig_dec_pow(fig_dec_int(2), 99999)) > 1e308);
}

/* Where a unit or a discount word means something else, no such figure. */
/* A digit after the largest significand the decimal keeps (INT64_MAX /
 * 10, 19 digits): an 8 or a 9 would overflow it, so it counts as a digit
 * beyond a double's precision (UndefinedBehaviorSanitizer flagged the
 * addition). */
Test(figure_values, a_digit_past_the_largest_significand)
{
    for (int digit = 0; digit <= 9; digit++) {
        fig_dec d = fig_dec_of(INT64_MAX / 10, 0);
        fig_dec_push_digit(&d, digit, false);
        double want = (double)(INT64_MAX / 10) * 10.0 + digit;
        cr_expect(fig_dec_value(d) > want * 0.999999 &&
                      fig_dec_value(d) < want * 1.000001,
                  "digit %d: %.17g", digit, fig_dec_value(d));
        fig_dec n = fig_dec_of(-(INT64_MAX / 10), 0);
        fig_dec_push_digit(&n, digit, false);
        cr_expect(fig_dec_value(n) < -want * 0.999999, "digit %d", digit);
    }
}

Test(figure_values, words_that_are_no_units)
{
    static const struct {
        const char *sentence, *not_text;
    } CASES[] = {
        {"他们三三两两地走来", "两两"},     /* a doubled numeral */
        {"过一两个月再说", "一两"},         /* one or two, not 1 liang */
        {"住在三里屯", "三里"},             /* a place name */
        {"价格被七折八扣", "七折"},         /* an idiom */
        {"三折叠屏手机", "三折"},           /* folds, not a discount */
        {"赚了1000美元2000次", "美元2000"}, /* the unit of the number before */
        {"一万五千米", "一万五"},           /* 千米 does not split 15000 m */
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        collected c = {0};
        const char *s = CASES[i].sentence;
        cr_assert_eq(fig_scan(s, strlen(s), collect, &c, NULL), 0);
        size_t n = strlen(CASES[i].not_text);
        for (size_t k = 0; k < c.n; k++)
            cr_expect(!(c.hits[k].end - c.hits[k].start == n &&
                        memcmp(s + c.hits[k].start, CASES[i].not_text, n) == 0),
                      "%s: found %s", s, CASES[i].not_text);
    }
}
