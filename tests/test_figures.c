/* tests/test_figures.c - the figures stage beyond single sentences:
 * label words, exact byte offsets, random token strings staying in
 * bounds, the quick number readers agreeing with the general ones,
 * captions and references, and the plugin's process() on a document.
 * Figures in sentences (numerals, units, kinds, ranges, qualifiers,
 * what must not match) are cases in tests/data/figures/cases.jsonl.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>

#include "ctx.h"
#include "docs.h"
#include "../plugins/figures/figures.h"

extern const sl_plugin figures_LTX_sluice_plugin;

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

static int count_only(void *user, const fig_hit *hit)
{
    (void)hit;
    (*(size_t *)user)++;
    return 0;
}

static void scan(const char *text, collected *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    cr_assert_eq(fig_scan(text, strlen(text), collect, out, NULL), 0);
}

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* The tables of figures, ranges and texts with no figure are data:
 * tests/data/figures/cases.jsonl, read by tests/test_figure_cases.c. */

/* The scanner says whether a block holds a word that may label a figure
 * or a table, so the stage looks for caption references only there. */
Test(figures, scan_notes_label_words)
{
    static const struct {
        const char *text;
        bool label;
    } CASES[] = {
        {"如图1所示,全市共有学校21所。", true},
        {"详见表2。", true},
        {"see Figure 4", true},
        {"TABLE 2 lists them", true},
        {"全市新增财政支出20.35亿元,同比增长8.6%。", false},
        {"进一步统一认识", false},
        {"人大代表发表讲话,地图上标出", false}, /* 表 and 图 in words */
        {"见图表 3", true},
        {"如表一所示", true},
        {"about 2.5 million people", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        bool label = !CASES[i].label;
        size_t hits = 0;
        cr_assert_eq(fig_scan(CASES[i].text, strlen(CASES[i].text), count_only,
                              &hits, &label),
                     0);
        cr_expect_eq(label, CASES[i].label, "\"%s\": label word %d",
                     CASES[i].text, label);
    }
}

Test(figures, offsets_are_exact_bytes)
{
    collected c;
    const char *text = "全市新增财政支出20.35亿元,近7万名";
    scan(text, &c);
    cr_assert_eq(c.n, 2);
    cr_expect_eq(c.hits[0].start, strlen("全市新增财政支出"));
    cr_expect_eq(c.hits[0].end, strlen("全市新增财政支出20.35亿元"));
    cr_expect_eq(c.hits[1].start, strlen("全市新增财政支出20.35亿元,"));
    cr_expect_eq(c.hits[1].end, strlen(text));
}

/* Random strings of the tokens the scanner reacts to: every figure stays
 * inside its text and the scan never reads past it (checked under ASan). */
static const char *const TOKENS[] = {
    "一",        "二",      "十",    "百",   "千",   "万",      "亿",
    "两",        "零",      "点",    "分",   "之",   "又",      "多",
    "余",        "几",      "数",    "上",   "近",   "约",      "以上",
    "%",         "年",      "月",    "日",   "个",   "人",      "元",
    "/",         "-",       "~",     "至",   "到",   ":",       "比",
    ".",         ",",       "，",    " ",    "x",    "xx",      "0",
    "1",         "9",       "１",    "$",    "€",    "million", "k",
    "one",       "hundred", "and",   "a",    "half", "thirds",  "over",
    "more than", "between", "from",  "to",   "第",   "图",      "、",
    "(",         ")",       "负",    "半",   "打",   "成",      "大",
    "USD",       "dollars", "cents", "feet", "@",    "e",       "^",
    "+"};

static int check_bounds(void *user, const fig_hit *hit)
{
    size_t len = *(size_t *)user;
    cr_assert(hit->start < hit->end && hit->end <= len);
    return 0;
}

Test(figures, random_token_strings_stay_in_bounds)
{
    unsigned seed = 12345;
    for (int it = 0; it < 20000; it++) {
        char buf[256];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int count = 1 + (seed >> 16) % 10;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *tok =
                TOKENS[(seed >> 16) % (sizeof TOKENS / sizeof TOKENS[0])];
            size_t l = strlen(tok);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, tok, l);
            n += l;
        }
        char *copy = malloc(n ? n : 1); /* exact size: ASan sees overreads */
        cr_assert_not_null(copy);
        memcpy(copy, buf, n);
        size_t len = n;
        cr_assert_eq(fig_scan(copy, n, check_bounds, &len, NULL), 0);
        free(copy);
    }
}

/* True when 图 or 表 stands somewhere in s before spaces and a number (a
 * digit or 一 to 九): a label the reference search may find. */
static bool has_zh_label_before_number(const char *s, size_t len)
{
    static const char *const DIGITS[] = {"0",  "1",  "2",  "3",  "4",  "5",
                                         "6",  "7",  "8",  "9",  "１", "一",
                                         "二", "三", "九", "两", NULL};
    for (size_t p = 0; p + 3 <= len; p++) {
        if (memcmp(s + p, "图", 3) != 0 && memcmp(s + p, "表", 3) != 0)
            continue;
        size_t q = p + 3;
        while (q < len && s[q] == ' ')
            q++;
        for (const char *const *d = DIGITS; *d; d++)
            if (len - q >= strlen(*d) && memcmp(s + q, *d, strlen(*d)) == 0)
                return true;
    }
    return false;
}

/* The scanner notes 图 and 表 only before a number; it must see every one
 * of them, wherever figures and the numbers set aside end. */
Test(figures, scan_notes_every_label_before_a_number)
{
    static const char *const MORE[] = {"表", "图表", "代表", "图 ", "表 "};
    enum { N_TOKENS = sizeof TOKENS / sizeof TOKENS[0] };
    unsigned seed = 4242;
    for (int it = 0; it < 50000; it++) {
        char buf[256];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        int count = 1 + (seed >> 16) % 12;
        for (int k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pick = (seed >> 16) % (N_TOKENS + 5);
            const char *tok =
                pick < N_TOKENS ? TOKENS[pick] : MORE[pick - N_TOKENS];
            size_t l = strlen(tok);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, tok, l);
            n += l;
        }
        size_t hits = 0;
        bool label = false;
        cr_assert_eq(fig_scan(buf, n, count_only, &hits, &label), 0);
        if (has_zh_label_before_number(buf, n))
            cr_assert(label, "\"%.*s\": a label before a number unseen", (int)n,
                      buf);
    }
}

/* The quick readings of common numbers (plain digits, one decimal part,
 * a 万 or 亿 after them) must give exactly what the general readers give.
 * A '?' after a number sends it down the general reader without changing
 * what it reads; fig_parse_zh reads 万 and 亿 the general way. */
Test(figures, quick_number_readings_agree_with_the_general_readers)
{
    unsigned seed = 777;
    for (int it = 0; it < 5000; it++) {
        char number[32], quick[64], general[64];
        seed = seed * 1103515245u + 12345u;
        unsigned whole = (seed >> 8) % 100000;
        seed = seed * 1103515245u + 12345u;
        unsigned frac = (seed >> 8) % 1000;
        if (it % 3 == 0)
            snprintf(number, sizeof number, "%u", whole);
        else
            snprintf(number, sizeof number, "%u.%0*u", whole, 1 + it % 3,
                     frac % (it % 3 == 1 ? 100 : 1000));
        snprintf(quick, sizeof quick, "%s人", number);
        snprintf(general, sizeof general, "%s?", number);
        fig_num a, b;
        cr_assert(fig_parse_digits(quick, strlen(quick), 0, &a));
        cr_assert(fig_parse_digits(general, strlen(general), 0, &b));
        cr_assert_eq(a.end, b.end, "%s", number);
        cr_assert_eq(a.flags, b.flags, "%s", number);
        cr_assert_eq(a.digits, b.digits, "%s", number);
        cr_assert(fig_dec_value(a.value) == fig_dec_value(b.value),
                  "%s: %.17g vs %.17g", number, fig_dec_value(a.value),
                  fig_dec_value(b.value));

        const char *place = it % 2 ? "万" : "亿";
        snprintf(quick, sizeof quick, "%s%s元", number, place);
        fig_num scaled, read;
        cr_assert(fig_parse_digits(quick, strlen(quick), 0, &scaled));
        cr_assert(fig_scale_digits(quick, strlen(quick), &scaled), "%s", quick);
        cr_assert(fig_parse_zh(quick, strlen(quick), 0, &read));
        cr_assert_eq(scaled.end, read.end, "%s", quick);
        cr_assert_eq(scaled.flags, read.flags, "%s", quick);
        cr_assert_eq(scaled.digits, read.digits, "%s", quick);
        cr_assert_eq(scaled.chars, read.chars, "%s", quick);
        cr_assert(fig_dec_value(scaled.value) == fig_dec_value(read.value),
                  "%s: %.17g vs %.17g", quick, fig_dec_value(scaled.value),
                  fig_dec_value(read.value));
    }
}

/* ---- the plugin on a document: spans, captions, references ---- */

static sl_doc *document(const char *text)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    return doc;
}

static const sl_span *span_of(const sl_doc *doc, const char *type, size_t nth)
{
    for (size_t i = 0; i < doc->n_spans; i++)
        if (strcmp(doc->spans[i].type, type) == 0 && nth-- == 0)
            return &doc->spans[i];
    return NULL;
}

Test(figures, numbers_longer_than_the_quick_reader_go_to_the_general_one)
{
    /* the quick reader stops at 15 digits; before it did, 19 digits
     * overflowed its 64-bit significand (UBSan: signed overflow) */
    const char *numbers[] = {"1234567890123456", "4444444444444444444",
                             "22222222222222222222222"};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char quick[64], general[64];
        snprintf(quick, sizeof quick, "%s人", numbers[i]);
        snprintf(general, sizeof general, "%s?", numbers[i]);
        fig_num a, b;
        cr_assert(fig_parse_digits(quick, strlen(quick), 0, &a), "%s", quick);
        cr_assert(fig_parse_digits(general, strlen(general), 0, &b), "%s",
                  general);
        cr_expect_eq(a.end, strlen(numbers[i]), "%s: read to its end", quick);
        cr_expect(fig_dec_value(a.value) == fig_dec_value(b.value),
                  "%s: %.17g vs %.17g", numbers[i], fig_dec_value(a.value),
                  fig_dec_value(b.value));
    }
}

Test(figures, process_adds_figure_spans_on_kept_blocks)
{
    sl_doc *doc =
        document("全市共有899所学校\n相关文章:2024年5篇\n在校学生18.6万人");
    doc->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    sl_ctx *ctx = sl_ctx_new("figures", NULL);
    figures_state st = {.captions = true};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    const sl_span *a = span_of(doc, "figure", 0),
                  *b = span_of(doc, "figure", 1);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_expect_null(span_of(doc, "figure", 2), "boilerplate block scanned");
    cr_expect_eq(a->block, 0);
    cr_expect_eq(b->block, 2);
    cr_expect(same(b->value, 186000));
    cr_expect_str_eq(b->unit, "person");
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}

Test(figures, captions_and_references)
{
    sl_doc *doc = document("各区县投入情况如图1所示,详见表2。\n"
                           "图1 各区县教育投入\n"
                           "表2: 学校数量\n"
                           "Figure 4: enrolment\n"
                           "see Figure 4 and Table 9");
    sl_ctx *ctx = sl_ctx_new("figures", NULL);
    figures_state st = {.captions = true};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_expect_eq(doc->blocks[0].kind, SL_BLOCK_PARAGRAPH);
    cr_expect_eq(doc->blocks[1].kind, SL_BLOCK_CAPTION);
    cr_expect_eq(doc->blocks[2].kind, SL_BLOCK_CAPTION);
    cr_expect_eq(doc->blocks[3].kind, SL_BLOCK_CAPTION);
    const sl_span *cap = span_of(doc, "caption", 0);
    cr_assert_not_null(cap);
    cr_expect_str_eq(cap->label, "图1");
    cr_expect(same(cap->value, 1));

    const sl_span *ref1 = span_of(doc, "caption_ref", 0);
    const sl_span *ref2 = span_of(doc, "caption_ref", 1);
    const sl_span *ref3 = span_of(doc, "caption_ref", 2);
    const sl_span *ref4 = span_of(doc, "caption_ref", 3);
    cr_assert(ref1 && ref2 && ref3 && ref4);
    cr_expect_str_eq(doc->spans[ref1->target].label, "图1");
    cr_expect_str_eq(doc->spans[ref2->target].label, "表2");
    cr_expect_str_eq(doc->spans[ref3->target].label, "Figure 4");
    cr_expect_eq(ref4->target, -1, "Table 9 has no caption");
    /* the label numbers are no figures */
    for (size_t i = 0; i < doc->n_spans; i++)
        if (strcmp(doc->spans[i].type, "figure") == 0)
            cr_expect(doc->spans[i].block != 1 ||
                          doc->spans[i].start > strlen("图1"),
                      "a caption label became a figure");
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}

Test(figures, many_captions_each_find_their_references)
{
    /* 图1..图3000 and 表1..表3000, each referred to once; 图7 twice as a
     * caption (its references go to the first) */
    size_t cap = 400000, len = 0;
    char *text = malloc(cap);
    for (int i = 1; i <= 3000; i++)
        len += (size_t)snprintf(
            text + len, cap - len,
            "图%d 收入结构\n表%d 学校数量\n见图%d和表%d。\n", i, i, i, i);
    len += (size_t)snprintf(text + len, cap - len, "图7 又一个\n见图7。\n");
    sl_doc *doc = document(text);
    free(text);
    sl_ctx *ctx = sl_ctx_new("figures", NULL);
    figures_state st = {.captions = true};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    size_t refs = 0;
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *ref = &doc->spans[i];
        if (strcmp(ref->type, "caption_ref") != 0)
            continue;
        refs++;
        cr_assert_geq(ref->target, 0, "reference %zu found no caption", i);
        const sl_span *target = &doc->spans[ref->target];
        const char *written = doc->blocks[ref->block].text + ref->start;
        cr_assert_eq(strncmp(target->label, written, ref->end - ref->start), 0,
                     "reference %zu points at %s", i, target->label);
        if (strcmp(target->label, "图7") == 0)
            cr_assert_eq(target->block, 3 * 6,
                         "a repeated label goes to its first caption");
    }
    cr_assert_eq(refs, 6001);
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}

Test(figures, captions_can_be_switched_off)
{
    sl_doc *doc = document("图1 各区县教育投入");
    sl_ctx *ctx = sl_ctx_new("figures", NULL);
    figures_state st = {.captions = false};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_expect_eq(doc->blocks[0].kind, SL_BLOCK_PARAGRAPH);
    cr_expect_null(span_of(doc, "caption", 0));
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}
