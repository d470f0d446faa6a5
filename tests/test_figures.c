/* tests/test_figures.c - the figures stage: numerals (Chinese, mixed,
 * full-width, English words and scales), units and kinds, ranges,
 * qualifiers, years, dates, placeholders, what must not match (ordinals,
 * enumerations, idioms), captions and references, and the plugin's
 * process() on a document.
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

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* One expected figure. NULL unit or qualifier means "must be NULL";
 * value is checked when has_value is set. */
typedef struct expect {
    const char *input;
    const char *text;
    bool has_value;
    double value;
    const char *kind;
    const char *unit;
    const char *qualifier;
} expect;

static const expect FIGURES[] = {
    /* 来 after a place: about so many */
    {"只有十来个人", "十来个", true, 10, "count", "个", "about"},
    {"二十来岁的青年", "二十来岁", true, 20, "quantity", "year-age", "about"},
    {"十来万元", "十来万元", true, 100000, "money", "CNY", "about"},
    /* spoken amounts of money: 角, 毛 and 分 after 元 or 块, or alone */
    {"这个苹果两块五一斤", "两块五", true, 2.5, "money", "CNY", NULL},
    {"他花了五块三毛", "五块三毛", true, 5.3, "money", "CNY", NULL},
    {"价格为5块8。", "5块8", true, 5.8, "money", "CNY", NULL},
    {"共计十二元八角", "十二元八角", true, 12.8, "money", "CNY", NULL},
    {"每斤3元5角", "3元5角", true, 3.5, "money", "CNY", NULL},
    {"一元零五分", "一元零五分", true, 1.05, "money", "CNY", NULL},
    {"门票三毛五。", "三毛五", true, 0.35, "money", "CNY", NULL},
    {"找你五毛钱", "五毛钱", true, 0.5, "money", "CNY", NULL},
    {"三角五分", "三角五分", true, 0.35, "money", "CNY", NULL},
    {"业界期盼千元5G手机", "千元", true, 1000, "money", "CNY", NULL},
    {"每人100元5次", "100元", true, 100, "money", "CNY", NULL},
    /* Arabic numbers with Chinese units and 万/亿 */
    {"全市新增财政支出20.35亿元", "20.35亿元", true, 2035000000, "money", "CNY",
     NULL},
    {"上线率达42.7%", "42.7%", true, 42.7, "percent", "percent", NULL},
    {"近7万名教师", "近7万名", true, 70000, "count", "person", "near"},
    {"1.9万元/人.年", "1.9万元/人.年", true, 19000, "rate", "yuan/person-year",
     NULL},
    {"共有4万余名", "4万余名", true, 40000, "count", "person", "over"},
    {"899所学校", "899所", true, 899, "count", "school", NULL},
    {"9.4万人次", "9.4万人次", true, 94000, "count", "person-time", NULL},
    {"4.32万亩", "4.32万亩", true, 43200, "quantity", "mu", NULL},
    {"1717万公斤", "1717万公斤", true, 17170000, "quantity", "kg", NULL},
    {"3千万元", "3千万元", true, 30000000, "money", "CNY", NULL},
    {"约70%的学生", "约70%", true, 70, "percent", "percent", "about"},
    {"80%以上", "80%以上", true, 80, "percent", "percent", "over"},
    {"超过了90%", "90%", true, 90, "percent", "percent", "over"},
    {"提高2个百分点", "2个百分点", true, 2, "percent", "percentage-point",
     NULL},
    {"生机比达到14:1", "14:1", true, 14, "ratio", "ratio", NULL},
    {"师机比3.7:1", "3.7:1", true, 3.7, "ratio", "ratio", NULL},
    {"占全省总量的1/4", "1/4", true, 0.25, "ratio", "fraction", NULL},
    {"产值上亿", "上亿", true, 100000000, "money", "CNY", "over"},
    {"每周一次的活动", "每周一次", true, 1, "rate", "次/week", NULL},
    {"600分以上", "600分以上", true, 600, "quantity", "point", "over"},
    /* full-width digits */
    {"共１２３人", "１２３人", true, 123, "count", "person", NULL},
    {"４，５６５", "４，５６５", true, 4565, "count", NULL, NULL},
    /* Chinese numerals */
    {"一万二千三百", "一万二千三百", true, 12300, "count", NULL, NULL},
    {"两千四百五", "两千四百五", true, 2450, "count", NULL, NULL},
    {"四亿五千六百四十二万零一十五", "四亿五千六百四十二万零一十五", true,
     456420015, "count", NULL, NULL},
    {"四万万", "四万万", true, 400000000, "count", NULL, NULL},
    {"五个中心城区", "五个", true, 5, "count", "个", NULL},
    {"分两年完成", "两年", true, 2, "quantity", "year-duration", NULL},
    {"三十多个企业", "三十多个", true, 30, "count", "个", "over"},
    {"十几万", "十几万", true, 100000, "count", NULL, "over"},
    {"百分之五十", "百分之五十", true, 50, "percent", "percent", NULL},
    {"五分之一", "五分之一", true, 0.2, "ratio", "fraction", NULL},
    {"产量提高了三成", "三成", true, 30, "percent", "percent", NULL},
    {"近一半", "近一半", true, 0.5, "ratio", "fraction", "near"},
    {"数十位专家", "数十位", false, 0, "count", "person", "about"},
    {"二点五", "二点五", true, 2.5, "count", NULL, NULL},
    {"负三十二", "负三十二", true, -32, "count", NULL, NULL},
    {"肆佰陸拾", "肆佰陸拾", true, 460, "count", NULL, NULL},
    {"十大行动计划", "十大", true, 10, "count", "个", NULL},
    /* English words and scales */
    {"twenty-five people", "twenty-five", true, 25, "count", NULL, NULL},
    {"three hundred and two", "three hundred and two", true, 302, "count", NULL,
     NULL},
    {"raised 2.5 million dollars", "2.5 million dollars", true, 2500000,
     "money", "USD", NULL},
    {"revenue of 1.2bn", "1.2bn", true, 1200000000, "count", NULL, NULL},
    {"a $ 75 million loan", "$ 75 million", true, 75000000, "money", "USD",
     NULL},
    {"two thirds", "two thirds", true, 2.0 / 3, "ratio", "fraction", NULL},
    {"one and a half million", "one and a half million", true, 1500000, "count",
     NULL, NULL},
    {"about 17 km from here", "17 km", true, 17, "quantity", "km", "about"},
    {"more than 30 percent", "30 percent", true, 30, "percent", "percent",
     "over"},
    {"costs €20", "€20", true, 20, "money", "EUR", NULL},
    /* Indian digit grouping */
    {"The result is 12,34,567.89", "12,34,567.89", true, 1234567.89, "count",
     NULL, NULL},
    {"a loan of 1,00,000 rupees", "1,00,000 rupees", true, 100000, "money",
     "INR", NULL},
    {"pairs alone 12,34,56 stay apart", "12", true, 12, "count", NULL, NULL},
    /* metric and storage units written out or with a power */
    {"a 120 m² flat", "120 m²", true, 120, "quantity", "m2", NULL},
    {"24703m2", "24703m2", true, 24703, "quantity", "m2", NULL},
    {"a 5 nanometer process", "5 nanometer", true, 5, "quantity", "nm", NULL},
    {"at 100 degrees Celsius", "100 degrees Celsius", true, 100, "quantity",
     "celsius", NULL},
    {"a 12 TB disk", "12 TB", true, 12, "quantity", "TB", NULL},
    /* proportions and compound denominators */
    {"a hundred trillionths", "a hundred trillionths", true, 1e-10, "count",
     NULL, NULL},
    {"a hundred people", "a hundred", true, 100, "count", NULL, NULL},
    {"one out of three voters", "one out of three", true, 1.0 / 3, "ratio",
     "fraction", NULL},
    {"9 out of 10 dentists", "9 out of 10", true, 0.9, "ratio", "fraction",
     NULL},
    {"one in five adults", "one in five", true, 0.2, "ratio", "fraction", NULL},
    {"1 in 5,000 births", "1 in 5,000", true, 0.0002, "ratio", "fraction",
     NULL},
    /* "in" before a unit or a year is no proportion */
    {"scored 10 in 12 minutes", "12 minutes", true, 12, "quantity", "minute",
     NULL},
    {"more than 30000 in 2009", "2009", true, 2009, "year", "year", NULL},
    {"one twenty-fifth of it", "one twenty-fifth", true, 0.04, "ratio",
     "fraction", NULL},
    {"three twenty-firsts", "three twenty-firsts", true, 3.0 / 21, "ratio",
     "fraction", NULL},
    /* temperatures: 零下 and a detached minus make them negative; 华氏
     * and 摄氏 before, F and C after, set the scale */
    {"气温降到零下五度", "零下五度", true, -5, "quantity", "degree", NULL},
    {"正常体温是华氏温度98.6度", "华氏温度98.6度", true, 98.6, "quantity",
     "fahrenheit", NULL},
    {"convert - 20 degrees fahrenheit", "- 20 degrees fahrenheit", true, -20,
     "quantity", "fahrenheit", NULL},
    {"It was -5 °C outside", "-5 °C", true, -5, "quantity", "celsius", NULL},
    {"bake at 350 degrees F.", "350 degrees F", true, 350, "quantity",
     "fahrenheit", NULL},
    /* more currency names and units */
    {"It costs 50 Canadian dollars.", "50 Canadian dollars", true, 50, "money",
     "CAD", NULL},
    {"paid 300 rubles", "300 rubles", true, 300, "money", "RUB", NULL},
    {"a 100 sq ft room", "100 sq ft", true, 100, "quantity", "ft2", NULL},
    {"runs at 2.4 GHz", "2.4 GHz", true, 2.4, "quantity", "GHz", NULL},
    {"drink 2 pints", "2 pints", true, 2, "quantity", "pt", NULL},
    /* a half after the measure word */
    {"开了一个半小时的会", "一个半小时", true, 1.5, "quantity", "hour", NULL},
    {"他工作了两年半以后", "两年半", true, 2.5, "quantity", "year-duration",
     NULL},
    {"孩子两岁半了", "两岁半", true, 2.5, "quantity", "year-age", NULL},
    /* 万分之 is per myriad, like 千分之 per mille; 亿分之 and 一万分之 are
     * fractions */
    {"误差控制在万分之五以内", "万分之五", true, 5, "percent", "permyriad",
     NULL},
    {"亿分之一", "亿分之一", true, 1e-8, "ratio", "fraction", NULL},
    {"一万分之三", "一万分之三", true, 0.0003, "ratio", "fraction", NULL},
    /* a scale after a spelled decimal; "and a half" after digits */
    {"one point two million", "one point two million", true, 1200000, "count",
     NULL, NULL},
    {"about 2 and a half hours", "2 and a half hours", true, 2.5, "quantity",
     "hour", "about"},
    {"3 and a quarter million", "3 and a quarter million", true, 3250000,
     "count", NULL, NULL},
    /* an attached m after a currency sign is million, else metres */
    {"raised $5.5m last year", "$5.5m", true, 5500000, "money", "USD", NULL},
    {"a £3mn deal", "£3mn", true, 3000000, "money", "GBP", NULL},
    {"covers 5.5m of land", "5.5m", true, 5.5, "quantity", "m", NULL},
    /* denominators from eleventh to ninetieth */
    {"eleven twelfths", "eleven twelfths", true, 11.0 / 12, "ratio", "fraction",
     NULL},
    {"three fiftieths of it", "three fiftieths", true, 0.06, "ratio",
     "fraction", NULL},
    {"prices rose by a fifth.", "a fifth", true, 0.2, "ratio", "fraction",
     NULL},
    /* ranges */
    {"增长5-10%", "5-10%", false, 0, "percent", "percent", NULL},
    {"投资5至10万元", "5至10万元", false, 0, "money", "CNY", NULL},
    {"between 3 and 5 km", "3 and 5 km", false, 0, "quantity", "km", NULL},
    {"位于20和30之间的数", "20和30之间", false, 0, "count", NULL, NULL},
    {"10000与20000间", "10000与20000间", false, 0, "count", NULL, NULL},
    {"年龄在18岁与60岁之间", "18岁与60岁之间", false, 0, "quantity", "year-age",
     NULL},
    /* 和 without 之间 joins two figures, and 间 may be a classifier */
    {"分别是3和5", "3", true, 3, "count", NULL, NULL},
    {"三间和五间", "五间", true, 5, "count", "间", NULL},
    /* years, dates, placeholders */
    {"2011年,全市", "2011年", true, 2011, "year", "year", NULL},
    {"2024科普工作总结", "2024", true, 2024, "year", "year", NULL},
    {"11月6日召开", "11月6日", false, 0, "date", "month-day", NULL},
    {"1至11月", "1至11月", false, 0, "date", "month-range", NULL},
    {"8月上旬", "8月上旬", false, 0, "date", "month", NULL},
    {"20xx年是关键的一年", "20xx年", false, 0, "placeholder", "year", NULL},
    {"首次突破xx人", "xx人", false, 0, "placeholder", "person", "over"},
    {"20xx年5月", "20xx年5月", false, 0, "placeholder", "year-month", NULL},
};

Test(figures, table_of_figures)
{
    for (size_t i = 0; i < sizeof FIGURES / sizeof FIGURES[0]; i++) {
        const expect *e = &FIGURES[i];
        collected c;
        scan(e->input, &c);
        const fig_hit *h = find(&c, e->text);
        cr_assert(h, "%s: no figure \"%s\" (found %zu)", e->input, e->text,
                  c.n);
        cr_expect_str_eq(h->kind, e->kind, "%s: kind", e->input);
        if (e->unit)
            cr_expect(h->unit && strcmp(h->unit, e->unit) == 0,
                      "%s: unit %s, want %s", e->input,
                      h->unit ? h->unit : "(null)", e->unit);
        else
            cr_expect_null(h->unit, "%s: unit %s, want none", e->input,
                           h->unit);
        if (e->qualifier)
            cr_expect(h->qualifier && strcmp(h->qualifier, e->qualifier) == 0,
                      "%s: qualifier %s, want %s", e->input,
                      h->qualifier ? h->qualifier : "(null)", e->qualifier);
        else
            cr_expect_null(h->qualifier, "%s: qualifier %s", e->input,
                           h->qualifier);
        cr_expect_eq((h->flags & SL_SPAN_HAS_VALUE) != 0, e->has_value,
                     "%s: has_value", e->input);
        if (e->has_value)
            cr_expect(same(h->value, e->value), "%s: value %.17g, want %.17g",
                      e->input, h->value, e->value);
    }
}

typedef struct range_case {
    const char *input;
    double low, high;
} range_case;

static const range_case RANGES[] = {
    {"增长5-10%", 5, 10},
    /* neighbouring digits said together: a rough range */
    {"来了七八个人", 7, 8},
    {"大约两三千人参加", 2000, 3000},
    {"五六十万元", 500000, 600000},
    {"仅能用六七个小时", 6, 7},
    {"投资5至10万元", 50000, 100000},
    {"20~100个", 20, 100},
    {"between 3 and 5 km", 3, 5},
    {"5k-20k", 5000, 20000},
    {"大于10小于20", 10, 20},
    {"more than 10 and less than 20", 10, 20},
    {"数字在1000以上， 1500以下", 1000, 1500},
};

Test(figures, ranges_have_low_and_high)
{
    for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++) {
        collected c;
        scan(RANGES[i].input, &c);
        cr_assert_eq(c.n, 1, "%s: %zu figures", RANGES[i].input, c.n);
        cr_expect(c.hits[0].flags & SL_SPAN_HAS_RANGE, "%s", RANGES[i].input);
        cr_expect(same(c.hits[0].low, RANGES[i].low), "%s: low %g",
                  RANGES[i].input, c.hits[0].low);
        cr_expect(same(c.hits[0].high, RANGES[i].high), "%s: high %g",
                  RANGES[i].input, c.hits[0].high);
    }
}

/* Texts with no figure at all. */
static const char *const NONE[] = {
    "一是加强领导,健全机构",
    "第一时间赶到现场",
    "采取一对一支援形式",
    "统一思想,一定要做好",
    "2024科普工作总结篇1",
    "一等奖",
    "四位一体",
    "十分重要",
    "xx乡党委",
    "h1n1流感",
    "9+3免费教育",
    "登陆部队已经上岸",
    "小明拾起石子",
    "这是我的队伍",
    "一切正常",
    "The one you mentioned is invalid",
    "one of the computers",
    "see http://example.com/a?id=20%25",
    "1、文体活动",
    "(一)是加强领导",
    "一个积极的心态",
    "the May 4th",
    "十四五规划开局之年",
    "COVID-19疫情",
    "账号1111-2222-3333",
    "联系电话:0571-88886666",
    "手机13812345678",
    "访问163.com",
    "a twenty-first birthday",
    "the twenty-fifth anniversary",
    "he came first",
    "the M2 chip",
    /* caption labels and the parts of their numbers */
    "详见表2-3。",
    "如图1.2所示",
    "图表3显示",
    "Table 6-1 lists the causes.",
    "乱七八糟",
    "生活中的二三事",
    /* 角 and 毛 that are no money */
    "三角形的面积",
    "一毛不拔",
    "千千万万的人",
    "三三两两地走来",
    "万一出事",
    "万物生长",
    "they hired a third party",
    "a fifth straight win",
    "a third-quarter loss",
};

Test(figures, ordinals_enumerations_and_idioms_are_no_figures)
{
    for (size_t i = 0; i < sizeof NONE / sizeof NONE[0]; i++) {
        collected c;
        scan(NONE[i], &c);
        size_t counted = 0;
        for (size_t k = 0; k < c.n; k++)
            if (strcmp(c.hits[k].kind, "year") != 0)
                counted++;
        cr_expect_eq(counted, 0, "\"%s\": %zu figures, first \"%.*s\"", NONE[i],
                     counted, c.n ? (int)(c.hits[0].end - c.hits[0].start) : 0,
                     c.n ? NONE[i] + c.hits[0].start : "");
    }
}

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
    state st = {.captions = true};
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
    state st = {.captions = true};
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
    state st = {.captions = true};
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
    state st = {.captions = false};
    cr_assert_eq(figures_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_expect_eq(doc->blocks[0].kind, SL_BLOCK_PARAGRAPH);
    cr_expect_null(span_of(doc, "caption", 0));
    sl_ctx_free(ctx);
    sl_doc_free(doc);
}
