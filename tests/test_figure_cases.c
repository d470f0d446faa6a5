/* tests/test_figure_cases.c - the scanner on sentences written as data:
 * tests/data/figures/cases.jsonl holds one case a line (lines starting
 * with # are comments), a JSON object with
 *   "input"    the sentence scanned;
 *   "figures"  figures that must be among the hits: each found by its
 *              "text" (or, without one, the hit at the same place in the
 *              list), with every other key it gives checked: "kind",
 *              "unit" and "qualifier" (null: none), "value" (a number
 *              within 1e-9 of it; null: the figure has no value), "low"
 *              and "high" (a range's ends), "range" (true for a range or
 *              a condition, reported apart from the figures);
 *   "count"    the number of hits, all kinds;
 *   "none"     true: no hit but years.
 * A new case is a line of that file.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sluice/sluice.h>

#include "../plugins/figures/figures.h"

#define MAX_HITS 32

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

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* The hit whose text is exactly want, or NULL. */
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

/* Checks a string field: null in the case means the hit has none. */
static void check_name(int line, const char *what, json_t *want,
                       const char *got)
{
    if (json_is_null(want))
        cr_expect_null(got, "line %d: %s %s, want none", line, what, got);
    else
        cr_expect(got && strcmp(got, json_string_value(want)) == 0,
                  "line %d: %s %s, want %s", line, what, got ? got : "(null)",
                  json_string_value(want));
}

static void check_number(int line, const char *what, json_t *want, double got)
{
    cr_expect(same(got, json_number_value(want)),
              "line %d: %s %.17g, want %.17g", line, what, got,
              json_number_value(want));
}

static void check_figure(int line, const collected *c, size_t index,
                         json_t *want)
{
    json_t *text = json_object_get(want, "text");
    const fig_hit *h = NULL;
    if (text)
        h = find(c, json_string_value(text));
    else if (index < c->n)
        h = &c->hits[index];
    cr_assert_not_null(h, "line %d: %s: no figure \"%s\" (found %zu)", line,
                       c->text, text ? json_string_value(text) : "", c->n);
    json_t *v;
    if ((v = json_object_get(want, "kind")))
        check_name(line, "kind", v, h->kind);
    if ((v = json_object_get(want, "unit")))
        check_name(line, "unit", v, h->unit);
    if ((v = json_object_get(want, "qualifier")))
        check_name(line, "qualifier", v, h->qualifier);
    if ((v = json_object_get(want, "value"))) {
        bool has_value = (h->flags & SL_SPAN_HAS_VALUE) != 0;
        cr_expect_eq(has_value, !json_is_null(v), "line %d: has_value %d", line,
                     has_value);
        if (has_value && !json_is_null(v))
            check_number(line, "value", v, h->value);
    }
    if ((v = json_object_get(want, "low"))) {
        cr_expect(h->flags & SL_SPAN_HAS_RANGE, "line %d: no range", line);
        check_number(line, "low", v, h->low);
    }
    if ((v = json_object_get(want, "high")))
        check_number(line, "high", v, h->high);
    if ((v = json_object_get(want, "range")))
        cr_expect_eq(h->range, json_is_true(v), "line %d: range %d", line,
                     h->range);
}

static void check_case(int line, json_t *c)
{
    const char *input = json_string_value(json_object_get(c, "input"));
    cr_assert_not_null(input, "line %d: no input", line);
    collected hits = {.text = input};
    cr_assert_eq(fig_scan(input, strlen(input), collect, &hits, NULL), 0);

    json_t *figures = json_object_get(c, "figures"), *want;
    size_t i;
    json_array_foreach(figures, i, want) check_figure(line, &hits, i, want);

    json_t *count = json_object_get(c, "count");
    if (count)
        cr_expect_eq(hits.n, (size_t)json_integer_value(count),
                     "line %d: %s: %zu hits", line, input, hits.n);
    if (json_is_true(json_object_get(c, "none"))) {
        size_t counted = 0;
        for (size_t k = 0; k < hits.n; k++)
            if (strcmp(hits.hits[k].kind, "year") != 0)
                counted++;
        cr_expect_eq(counted, 0, "line %d: \"%s\": %zu figures, first \"%.*s\"",
                     line, input, counted,
                     hits.n ? (int)(hits.hits[0].end - hits.hits[0].start) : 0,
                     hits.n ? input + hits.hits[0].start : "");
    }
}

Test(figure_cases, each_case_of_the_data_file)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/cases.jsonl", FIGURES_TEST_DATA);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    char line[4096];
    int number = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        json_error_t error;
        json_t *c = json_loads(line, 0, &error);
        cr_assert_not_null(c, "%s:%d: not JSON: %s", path, number, error.text);
        check_case(number, c);
        json_decref(c);
        cases++;
    }
    fclose(f);
    cr_assert_geq(cases, 200, "only %d cases read", cases);
}
