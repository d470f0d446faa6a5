/* tests/test_figure_conditions.c - the figures scanner on intervals and
 * codes: ranges and conditions (a number compared by a relational word)
 * are marked as ranges, amounts with a reporting qualifier stay figures,
 * and the numbers of telephone numbers, part codes and postal addresses
 * are none; the stage turns ranges into "range" spans.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include <sluice/sluice.h>

#include "ctx.h"
#include "docs.h"
#include "../plugins/figures/figures.h"

extern const sl_plugin figures_LTX_sluice_plugin;

#define MAX_HITS 16

typedef struct collected {
    const char *text;
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

static void scan(const char *text, collected *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    cr_assert_eq(fig_scan(text, strlen(text), collect, out, NULL), 0);
}

static const fig_hit *find(const collected *c, const char *want)
{
    size_t n = strlen(want);
    for (size_t i = 0; i < c->n; i++) {
        const fig_hit *h = &c->hits[i];
        if (h->end - h->start == n && memcmp(c->text + h->start, want, n) == 0)
            return h;
    }
    return NULL;
}

typedef struct interval_case {
    const char *input;
    const char *text;      /* the hit */
    bool range;            /* a range or condition, not a figure */
    const char *qualifier; /* NULL: none expected */
} interval_case;

static const interval_case CASES[] = {
    /* conditions: relational words and symbols */
    {"x大于10且y小于20", "10", true, fig_over},
    {"x大于10且y小于20", "20", true, fig_under},
    {"他的年龄不小于三十岁", "三十岁", true, fig_over},
    {"这个数字大于或者等于４，５６５", "４，５６５", true, fig_over},
    {"找出 小于 或 等于100 的质数", "100", true, fig_under},
    {"他的年龄比三十大一些", "三十", true, fig_over},
    {"薪酬中位数≥50的公司", "50", true, fig_over},
    {"This number is greater than 4,565", "4,565", true, fig_over},
    {"which are less than or equal to 100", "100", true, fig_under},
    {"His age is no less than thirty.", "thirty", true, fig_over},
    {"Is it still the case when >= 30", "30", true, fig_over},
    {"His score is 200 or greater", "200", true, fig_over},
    {"His score is equal to 5000 or less", "5000 or less", true, fig_under},
    /* two bounds joined that make no interval: two conditions */
    {"More than 40 and less than 10 are two ranges", "40", true, fig_over},
    {"More than 40 and less than 10 are two ranges", "10", true, fig_under},
    {"x is no less than 194 and less than 12.", "12", true, fig_under},
    {"rose more than 20 and fell less than 5", "5", false, fig_under},
    /* ranges */
    {"这些苹果大概有20-100个", "20-100个", true, NULL},
    {"请给我一到五个苹果", "一到五个", true, NULL},
    /* amounts reported with a qualifier, or stated equal: figures */
    {"技术素质培训面超过了90%", "90%", false, fig_over},
    {"Ford sells more than 800,000 pickups", "800,000", false, fig_over},
    {"x等于一百七", "一百七", false, NULL},
    {"a metric ton is equal to 2,204.62 pounds", "2,204.62 pounds", false,
     NULL},
    {"全市共有899所学校", "899所", false, NULL},
};

Test(figure_conditions, ranges_and_conditions_are_intervals)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const interval_case *t = &CASES[i];
        collected c;
        scan(t->input, &c);
        const fig_hit *h = find(&c, t->text);
        cr_assert_not_null(h, "%s: no hit %s", t->input, t->text);
        cr_expect_eq(h->range, t->range, "%s: %s range %d", t->input, t->text,
                     h->range);
        if (t->qualifier)
            cr_expect(h->qualifier && strcmp(h->qualifier, t->qualifier) == 0,
                      "%s: qualifier %s", t->input,
                      h->qualifier ? h->qualifier : "none");
    }
}

/* 这是一个大于100的数: 一个 is "a", not a count of one. */
Test(figure_conditions, an_article_before_a_comparison_is_no_figure)
{
    collected c;
    scan("这是一个大于100 并且小于300 的数", &c);
    cr_expect_null(find(&c, "一个"));
    cr_expect_eq(c.n, 1, "%zu hits", c.n);
}

static const char *const NO_FIGURE[] = {
    "+1-222-2222/2222 is a phone number.",
    "24703 L-202",
    "24703 m212",
    "scp2-173m",
    "Jane Doe, 123 Random Street, Cloud City, PA 23456",
    /* English ordinals written as words */
    "the one hundred fifth day",
    "one hundred and twenty-first",
    "one hundred thirty-fifth",
    /* items of a list in a sentence */
    "it ' s what 1 ) explains why ; 2 ) cautions that",
};

Test(figure_conditions, codes_and_addresses_are_no_figures)
{
    for (size_t i = 0; i < sizeof NO_FIGURE / sizeof NO_FIGURE[0]; i++) {
        collected c;
        scan(NO_FIGURE[i], &c);
        cr_expect_eq(c.n, 0, "%s: %zu hits", NO_FIGURE[i], c.n);
    }
}

Test(figure_conditions, a_count_before_a_currency_code_stays)
{
    collected c;
    scan("we are giving away 3 USD50 Cards.", &c);
    cr_expect_not_null(find(&c, "3"));
    cr_expect_not_null(find(&c, "USD50"));
}

Test(figure_conditions, european_grouping_reads_a_decimal_comma)
{
    collected c;
    scan("1.111,11, 1,111.11", &c);
    const fig_hit *a = find(&c, "1.111,11"), *b = find(&c, "1,111.11");
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_expect_eq(a->value, b->value);
    cr_expect(fabs(a->value - 1111.11) < 1e-9);
    scan("3.500.000,5 euros", &c);
    const fig_hit *e = find(&c, "3.500.000,5 euros");
    cr_assert_not_null(e);
    cr_expect_eq(e->value, 3500000.5);
    scan("版本1.111", &c);
    cr_expect_null(find(&c, "1.111,"), "a dotted decimal alone stays");
}

typedef struct state {
    bool captions;
    bool include_dropped;
    bool explain;
} state;

static sl_doc *document(const char *text)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    return doc;
}

Test(figure_conditions, the_stage_adds_range_spans)
{
    sl_doc *doc = document("投资5至10万元，共899所学校，要求不少于120学时。");
    sl_ctx *ctx = sl_ctx_new("figures", NULL);
    state st = {.captions = true};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    size_t figures = 0, ranges = 0;
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *sp = &doc->spans[i];
        if (strcmp(sp->type, "figure") == 0) {
            figures++;
            cr_expect_eq(sp->value, 899);
        } else if (strcmp(sp->type, "range") == 0) {
            ranges++;
        }
    }
    cr_expect_eq(figures, 1);
    cr_expect_eq(ranges, 2, "5至10万元 and 不少于120学时");
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}
