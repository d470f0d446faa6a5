/* plugins/figures/context.c - what the words around a number say about
 * it: qualifiers before and after (近, 约, 超过, 以上, about, more than),
 * ordinal and label contexts that make it no figure (第一, 篇1, 图1,
 * No. 5), idioms built on numerals (一起, 十分, 一对一), and the noun a
 * bare number counts (18万灾区中小学生 → person, 筹集资金48.8亿 → CNY).
 */
#include <string.h>

#include <sluice/text.h>

#include "figures.h"

/* Skips back over ASCII spaces before pos. */
static size_t back_spaces(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] == ' ')
        pos--;
    return pos;
}

typedef struct qual_word {
    const char *text;
    const char *qualifier;
    bool in_text; /* contiguous prefixes that belong to the figure's text */
} qual_word;

/* Chinese words before a number; longest first where they overlap. */
static const qual_word ZH_BEFORE[] = {
    {"将近", fig_near, false},   {"接近", fig_near, false},
    {"近", fig_near, true},      {"大约", fig_about, false},
    {"大概", fig_about, false},  {"约", fig_about, true},
    {"不超过", fig_under, false}, {"超过", fig_over, false},
    {"超出", fig_over, false},   {"突破", fig_over, false},
    {"多于", fig_over, false},   {"高于", fig_over, false},
    {"大于", fig_over, false},   {"逾", fig_over, true},
    {"至少", fig_over, false},   {"不到", fig_under, false},
    {"不足", fig_under, false},  {"少于", fig_under, false},
    {"低于", fig_under, false},  {"小于", fig_under, false},
    {"最多", fig_under, false},  {"超", fig_over, false},
    {NULL, NULL, false}};

/* Filler characters allowed between a verbal qualifier and the number. */
static const char *const ZH_FILLERS[] = {"了", "有", "达", "到", "为", "是", NULL};

/* English words before a number, as lower-case phrases. */
static const qual_word EN_BEFORE[] = {
    {"more than", fig_over, false},  {"greater than", fig_over, false},
    {"over", fig_over, false},       {"above", fig_over, false},
    {"exceeding", fig_over, false},  {"exceeded", fig_over, false},
    {"exceed", fig_over, false},     {"surpass", fig_over, false},
    {"at least", fig_over, false},   {"upwards of", fig_over, false},
    {"less than", fig_under, false}, {"fewer than", fig_under, false},
    {"under", fig_under, false},     {"below", fig_under, false},
    {"up to", fig_under, false},     {"at most", fig_under, false},
    {"no more than", fig_under, false}, {"nearly", fig_near, false},
    {"almost", fig_near, false},     {"close to", fig_near, false},
    {"about", fig_about, false},     {"around", fig_about, false},
    {"approximately", fig_about, false}, {"roughly", fig_about, false},
    {"some", fig_about, false},      {"an estimated", fig_about, false},
    {NULL, NULL, false}};

/* True when the ASCII phrase w ends at pos, at a word start, ignoring case. */
static bool ends_with_word(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    if (pos < n)
        return false;
    size_t at = pos - n;
    for (size_t i = 0; i < n; i++) {
        char c = s[at + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return false;
    }
    return at == 0 || !fig_is_alpha((unsigned char)s[at - 1]);
}

const char *fig_qualifier_before(const char *s, size_t start, size_t *text_start)
{
    *text_start = start;
    /* contiguous Chinese prefixes first */
    for (const qual_word *q = ZH_BEFORE; q->text; q++) {
        if (fig_ends(s, start, q->text)) {
            if (q->in_text)
                *text_start = start - strlen(q->text);
            return q->qualifier;
        }
    }
    /* a verbal qualifier with fillers between: 超过了, 约有 */
    size_t p = start;
    for (int k = 0; k < 2; k++) {
        bool moved = false;
        for (const char *const *f = ZH_FILLERS; *f; f++) {
            if (fig_ends(s, p, *f)) {
                p -= strlen(*f);
                moved = true;
                break;
            }
        }
        if (!moved)
            break;
        for (const qual_word *q = ZH_BEFORE; q->text; q++)
            if (fig_ends(s, p, q->text))
                return q->qualifier;
    }
    /* English words, after spaces */
    p = back_spaces(s, start);
    if (p == start && p > 0 && s[p - 1] != '$')
        return NULL;
    if (p > 0 && s[p - 1] == '$')
        p = back_spaces(s, p - 1);
    for (const qual_word *q = EN_BEFORE; q->text; q++)
        if (ends_with_word(s, p, q->text))
            return q->qualifier;
    return NULL;
}

typedef struct suffix_word {
    const char *text;
    const char *qualifier;
} suffix_word;

static const suffix_word ZH_AFTER[] = {
    {"以上", fig_over}, {"以下", fig_under}, {"左右", fig_about},
    {"上下", fig_about}, {"之多", fig_over}, {"有余", fig_over},
    {NULL, NULL}};

const char *fig_qualifier_after(const char *s, size_t len, size_t end,
                                size_t *new_end)
{
    *new_end = end;
    for (const suffix_word *q = ZH_AFTER; q->text; q++) {
        if (fig_starts(s, len, end, q->text)) {
            *new_end = end + strlen(q->text);
            return q->qualifier;
        }
    }
    /* "five hundred or more" */
    if (fig_starts(s, len, end, " or more")) {
        *new_end = end + 8;
        return fig_over;
    }
    if (fig_starts(s, len, end, " or less")) {
        *new_end = end + 8;
        return fig_under;
    }
    return NULL;
}

/* Words after which a number is a label or an ordinal. */
static const char *const ZH_LABELS[] = {"第", "篇", "图", "表", "附件",
                                        "编号", "代号", "型号", "No.", "NO.",
                                        "no.", "#", NULL};
static const char *const EN_LABELS[] = {"no .", "no.", "figure", "fig.",
                                        "fig", "table", "chapter",
                                        "section", "page", "exit",
                                        "article", "route", "highway",
                                        "room", NULL};

bool fig_figure_word_ok(const char *s, size_t label_start)
{
    static const char *const LEAD[] = {"如", "见", "由", "从", "据", "和", "与",
                                       "及", "在", "按", "照", "附", "将", "把",
                                       "对", "看", "是", "为", "、", NULL};
    size_t at;
    int32_t prev = fig_cp_before(s, label_start, &at);
    if (!sl_is_han(prev))
        return true;
    for (const char *const *w = LEAD; *w; w++)
        if (fig_ends(s, label_start, *w))
            return true;
    return false;
}

bool fig_is_label_context(const char *s, size_t start)
{
    for (const char *const *w = ZH_LABELS; *w; w++) {
        if (!fig_ends(s, start, *w))
            continue;
        /* 图/表 inside a word (代表, 地图) are no labels */
        if ((strcmp(*w, "图") == 0 || strcmp(*w, "表") == 0) &&
            !fig_figure_word_ok(s, start - 3))
            continue;
        return true;
    }
    size_t p = back_spaces(s, start);
    if (fig_ends(s, p, "第"))
        return true;
    for (const char *const *w = EN_LABELS; *w; w++)
        if (ends_with_word(s, p, *w))
            return true;
    return false;
}

/* Numeral + following text that is an idiom, not a quantity. The numeral
 * must start the match exactly. */
static const char *const IDIOMS[] = {
    "一起", "一道", "一同", "一律", "一直", "一时", "一下", "一番", "一线",
    "一流", "一手", "一身", "一带", "一路", "一生", "一方面", "一部分", "一班",
    "一体", "一次性", "一口气", "一把手", "一大批", "一大早", "一批", "一些",
    "一点", "一条龙", "一对一", "一度", "一致", "一定", "一切", "一旦", "一向",
    "一般", "一样", "一再", "一面", "一边", "一贯", "一举", "一味", "一应",
    "一心", "一意", "一事", "一家人", "一揽子", "一刀切", "一站式", "一窝蜂",
    "一本正经", "一票否决", "一把", "一层", "一门心思", "十分", "百分百",
    "万一", "千万不", "千万别", "千万要", "三位一体", "四位一体", "五位一体",
    "三句半", "一师", "两手", "两面", "三心二意", "一五一十",
    "七上八下", "三番五次", "四面八方", "五湖四海", "千方百计", "千家万户",
    "万无一失", "一分为二", "一石二鸟", "一举两得", "九牛一毛", "十全十美",
    "一成不变", "两个维护", "两个确立", NULL};

size_t fig_idiom_at(const char *s, size_t len, size_t start)
{
    for (const char *const *w = IDIOMS; *w; w++)
        if (fig_starts(s, len, start, *w))
            return strlen(*w);
    return 0;
}

/* Nouns a bare number may count, looked for just after it. */
typedef struct noun_unit {
    const char *text;
    const char *unit;
} noun_unit;

static const noun_unit NOUNS[] = {
    {"中小学生", "person"}, {"小学生", "person"}, {"中学生", "person"},
    {"大学生", "person"},   {"学生", "person"},   {"教师", "person"},
    {"老师", "person"},     {"校长", "person"},   {"农民", "person"},
    {"居民", "person"},     {"群众", "person"},   {"人口", "person"},
    {"职工", "person"},     {"员工", "person"},   {"干部", "person"},
    {"党员", "person"},     {"儿童", "person"},   {"志愿者", "person"},
    {"学校", "school"},     {"中小学", "school"}, {"小学", "school"},
    {"中学", "school"},     {"幼儿园", "school"}, {"高校", "school"},
    {NULL, NULL}};

/* Han characters that may sit between a bare number and its noun. */
static bool is_modifier_gap(int32_t cp)
{
    return sl_is_han(cp);
}

const char *fig_noun_unit_after(const char *s, size_t len, size_t end)
{
    size_t p = end, n;
    for (int k = 0; k < 8 && p < len; k++) {
        for (const noun_unit *u = NOUNS; u->text; u++) {
            if (fig_starts(s, len, p, u->text)) {
                /* 中小学生 is people even when 中小学 matched first */
                return u->unit;
            }
        }
        int32_t cp = fig_cp_at(s, len, p, &n);
        if (!is_modifier_gap(cp))
            break;
        p += n;
    }
    return NULL;
}

static const char *const MONEY_WORDS[] = {
    "资金", "投入", "投资", "经费", "产值", "收入", "拨款", "金额", "资产",
    "营收", "支出", "筹集", "销售额", "利润", "税收", "生产总值", "GDP",
    "预算", "补助", "补贴", "营业额", "成交额", "融资", "贷款", "存款",
    "费用", "造价", "价值", "效益", NULL};

bool fig_money_context_before(const char *s, size_t start)
{
    size_t p = start;
    for (int k = 0; k < 12 && p > 0; k++) {
        for (const char *const *w = MONEY_WORDS; *w; w++)
            if (fig_ends(s, p, *w))
                return true;
        size_t at;
        int32_t cp = fig_cp_before(s, p, &at);
        if (sl_is_sentence_end(cp) || cp == ',' || cp == 0xFF0C)
            break;
        p = at;
    }
    return false;
}
