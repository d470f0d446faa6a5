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

/* Conditions and ranges as intervals, and codes and addresses that are no
 * figures, are cases in tests/data/figures/cases.jsonl. */

/* 这是一个大于100的数: 一个 is "a", not a count of one. */
Test(figure_conditions, an_article_before_a_comparison_is_no_figure)
{
    collected c;
    scan("这是一个大于100 并且小于300 的数", &c);
    cr_expect_null(find(&c, "一个"));
    cr_expect_eq(c.n, 1, "%zu hits", c.n);
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
    figures_state st = {.captions = true};
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
