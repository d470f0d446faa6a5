/* tests/test_figure_rules.c - the table of rules that set a number aside
 * (plugins/figures/rules.c): every rule has a unique name, a phase, what
 * it rejects and an example, and on its example's number that rule, and
 * no other, is the one that fires; the scanner then reports no figure
 * there, and hands the rule to fig_scan_explained's reject callback.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/figures/figures.h"

static int ignore_figure(void *user, const fig_hit *hit)
{
    (void)user;
    (void)hit;
    return 0;
}

typedef struct seen {
    const char *text;
    size_t start;
    fig_rule rule;
    bool found;
} seen;

static int note_reject(void *user, size_t start, size_t end, fig_rule rule)
{
    seen *w = user;
    (void)end;
    if (start == w->start && rule == w->rule)
        w->found = true;
    return 0;
}

/* Room for random_text's longest text: ten pieces of at most ten bytes. */
enum { RANDOM_TEXT_ROOM = 200 };

/* Writes into text (RANDOM_TEXT_ROOM bytes) one to ten pieces drawn from
 * pieces[] with rand(); one piece in han_one_in is instead a three-byte
 * character from first_cp to first_cp + span - 1. Returns the length. */
static size_t random_text(char *text, const char *const *pieces,
                          size_t n_pieces, int han_one_in, unsigned first_cp,
                          unsigned span)
{
    size_t len = 0;
    int count = 1 + rand() % 10;
    for (int k = 0; k < count; k++) {
        const char *piece = pieces[(size_t)rand() % n_pieces];
        char han[4];
        if (rand() % han_one_in == 0) {
            unsigned cp = first_cp + (unsigned)rand() % span;
            han[0] = (char)(0xE0 | (cp >> 12));
            han[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            han[2] = (char)(0x80 | (cp & 0x3F));
            han[3] = '\0';
            piece = han;
        }
        size_t n = strlen(piece);
        cr_assert_lt(len + n, (size_t)RANDOM_TEXT_ROOM);
        memcpy(text + len, piece, n);
        len += n;
    }
    return len;
}

typedef struct figure_at {
    size_t start;
    bool found;
} figure_at;

static int note_figure(void *user, const fig_hit *hit)
{
    figure_at *f = user;
    if (hit->start <= f->start && f->start < hit->end)
        f->found = true;
    return 0;
}

Test(figure_rules, every_rule_is_described)
{
    cr_expect_null(fig_rules[FIG_RULE_NONE].name);
    for (int r = 1; r < FIG_RULE_COUNT; r++) {
        const fig_rule_info *info = &fig_rules[r];
        cr_assert_not_null(info->name, "rule %d has no name", r);
        cr_expect(info->phase && info->rejects && info->example && info->number,
                  "%s", info->name);
        for (int o = 1; o < r; o++)
            cr_expect_str_neq(info->name, fig_rules[o].name);
    }
}

static bool ends_a_numeral(const fig_rule_info *info)
{
    return strcmp(info->phase, "numeral-end") == 0;
}

Test(figure_rules, each_example_fires_its_rule)
{
    for (int r = 1; r < FIG_RULE_COUNT; r++) {
        const fig_rule_info *info = &fig_rules[r];
        if (ends_a_numeral(info))
            continue; /* the next test */
        const char *text = info->example;
        size_t len = strlen(text);
        const char *at = strstr(text, info->number);
        cr_assert_not_null(at, "%s: %s not in %s", info->name, info->number,
                           text);
        size_t pos = (size_t)(at - text);
        fig_rule got = fig_rule_at(text, len, pos);
        cr_expect_eq(got, (fig_rule)r, "%s: %s in %s fires %s", info->name,
                     info->number, text, got ? fig_rules[got].name : "no rule");

        figure_at figure = {.start = pos};
        cr_assert_eq(fig_scan(text, len, note_figure, &figure, NULL), 0);
        cr_expect(!figure.found, "%s: %s in %s is a figure", info->name,
                  info->number, text);

        seen w = {.text = text, .start = pos, .rule = (fig_rule)r};
        cr_assert_eq(
            fig_scan_explained(text, len, ignore_figure, note_reject, &w, NULL),
            0);
        cr_expect(w.found, "%s: not reported on %s", info->name, text);
    }
}

Test(figure_rules, a_figure_fires_no_rule)
{
    const char *text = "全市共有899所学校";
    const char *at = strstr(text, "899");
    cr_expect_eq(fig_rule_at(text, strlen(text), (size_t)(at - text)),
                 FIG_RULE_NONE);
}

/* The rules that end a Chinese numeral early: on its example, the
 * numeral read from the example's number is that number exactly, and
 * the rule is the one that ended it. */
Test(figure_rules, each_numeral_end_example_ends_its_numeral)
{
    int checked = 0;
    for (int r = 1; r < FIG_RULE_COUNT; r++) {
        const fig_rule_info *info = &fig_rules[r];
        if (!ends_a_numeral(info))
            continue;
        const char *text = info->example;
        const char *at = strstr(text, info->number);
        cr_assert_not_null(at, "%s: %s not in %s", info->name, info->number,
                           text);
        fig_num num;
        fig_rule why = FIG_RULE_NONE;
        cr_assert(fig_parse_zh_explained(text, strlen(text),
                                         (size_t)(at - text), &num, &why),
                  "%s: no numeral in %s", info->name, text);
        cr_expect_eq(num.end - num.start, strlen(info->number),
                     "%s: read %.*s in %s", info->name,
                     (int)(num.end - num.start), text + num.start, text);
        cr_expect_eq(why, (fig_rule)r, "%s: %s ends by %s", info->name, text,
                     why ? fig_rules[why].name : "no rule");
        checked++;
    }
    cr_expect_geq(checked, 8);
}

/* A numeral that ends at a character no numeral continues names no
 * rule; one read by the quick paths neither. */
Test(figure_rules, a_numeral_ended_by_a_word_names_no_rule)
{
    const char *texts[] = {"三十二个人", "一个", "二〇一一年", "五分之一"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fig_num num;
        fig_rule why = FIG_RULE_PLACE_OPENS_UNIT;
        cr_assert(
            fig_parse_zh_explained(texts[i], strlen(texts[i]), 0, &num, &why));
        cr_expect_eq(why, FIG_RULE_NONE, "%s: %s", texts[i],
                     fig_rules[why].name);
    }
}

/* Each rule is passed over for the numbers its gate (the flags of the
 * number it needs or refuses, a bare count, no currency) rules out; on
 * every shape the gate lets through it still fires: a label on an Arabic
 * numeral, a Chinese one and an English word, a list marker, a plus sign
 * or brackets after either kind of numeral. And the shapes a gate refuses
 * (a decimal before a street name, a negative item number, a currency)
 * fire no rule. rule NULL: no rule fires. */
Test(figure_rules, each_rule_fires_on_every_shape_its_gate_lets_through)
{
    static const struct {
        const char *text, *number, *rule;
    } CASES[] = {
        {"获得第三名", "三", "label"},
        {"获得第3名", "3", "label"},
        {"see Table one below", "one", "label"},
        {"编号〇〇七号", "〇〇七", "label"},
        {"三. 加强领导", "三", "list-marker"},
        {"3. 加强领导", "3", "list-marker"},
        {"要求：1、加强领导", "1", "enumeration-comma"},
        {"要求：一、加强领导", "一", "bare-chinese-digit"},
        {"小学3年级的学生", "3", "etc-or-grade"},
        {"苹果3等水果", "3", "etc-or-grade"},
        {"苹果三等水果", "三", "lone-digit-in-words"},
        {"实行九+三免费教育", "九", "plus-after"},
        {"two+three", "two", "plus-after"},
        {"见注(3)说明", "3", "parenthesised"},
        {"$3 (5) more", "5", "parenthesised"},
        {"见注(one)说明", "one", "bare-one"},
        {"what one) explains why", "one", "bare-one"},
        {"-3) 项", "3", "inline-list-marker"},
        {"h1n1 flu", "1", "letter-before"},
        {"他三十来了", "三十", "roughly-verb"},
        {"十来了", "十来", "roughly-verb"},
        {"乱七八糟的房间", "七八", "pair-idiom"},
        {"what -1) explains why", "-1", NULL},
        {"12.5 Random Street", "12.5", NULL},
        {"见注(3%)说明", "3", NULL},
        {"$19 cases", "19", NULL},
        {"第$3名", "3", NULL},
        {"七八十", "七八十", NULL},
        {"人民币一元钱", "一", NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const char *text = CASES[i].text;
        const char *at = strstr(text, CASES[i].number);
        cr_assert_not_null(at);
        fig_rule got = fig_rule_at(text, strlen(text), (size_t)(at - text));
        const char *name = got ? fig_rules[got].name : NULL;
        if (CASES[i].rule)
            cr_expect(name && strcmp(name, CASES[i].rule) == 0,
                      "%s in %s fires %s, not %s", CASES[i].number, text,
                      name ? name : "no rule", CASES[i].rule);
        else
            cr_expect_null(name, "%s in %s fires %s", CASES[i].number, text,
                           name);
    }
}

/* Eight rules are passed over when the byte their first test reads beside
 * the number is beyond ASCII (a sign, dash, letter or space before or
 * after it), and the label rule when the character before the number is
 * beyond ASCII and the last byte of none of 第, 篇, 图, 表, 件 and 号. With
 * those gates letting every number by, the same rule must fire on every number:
 * at each place of the examples below (each gated rule fires on one of them),
 * of those examples with the bytes beside the number replaced by Chinese
 * characters, and of random texts made of digits, Chinese numerals, signs,
 * letters, spaces, Chinese words and the words the rules look for. */
static const char *rule_name(fig_rule rule)
{
    return rule ? fig_rules[rule].name : "no rule";
}

static void same_rule_everywhere(const char *text, size_t len)
{
    for (size_t pos = 0; pos <= len; pos++) {
        fig_rule gated = fig_rule_at(text, len, pos);
        fig_rule ungated = fig_rule_at_ungated(text, len, pos);
        cr_assert_eq(gated, ungated, "at %zu of \"%.*s\": %s gated, %s not",
                     pos, (int)len, text, rule_name(gated), rule_name(ungated));
    }
}

Test(figure_rules, the_gates_on_the_bytes_beside_a_number_fire_the_same_rules)
{
    static const struct {
        const char *text, *number, *rule;
    } FIRES[] = {
        {"call +1-222-2222 now", "1", "telephone"},
        {"h1n1 flu", "1", "letter-before"},
        {"COVID-19 cases", "19", "letter-before"},
        {"two+three", "two", "plus-after"},
        {"实行九+三免费教育", "九", "plus-after"},
        {"account 123-456-789 closed", "123", "dashed-code"},
        {"model scp2-173m here", "173", "code-around"},
        {"part 24703 L-202 fits", "24703", "code-around"},
        {"123 Random Street", "123", "postal-address"},
        {"Harrisburg, PA 17101 USA", "17101", "postal-address"},
        {"the 21st century", "21", "ordinal-suffix"},
        {"住在13F", "13", "letter-after"},
        {"获得第3名", "3", "label"},
        {"编号〇〇七号", "〇〇七", "label"},
        {"见图2", "2", "label"},
        {"第二篇3节", "3", "label"},
    };
    for (size_t i = 0; i < sizeof FIRES / sizeof FIRES[0]; i++) {
        const char *text = FIRES[i].text;
        size_t len = strlen(text);
        const char *at = strstr(text, FIRES[i].number);
        cr_assert_not_null(at);
        fig_rule got = fig_rule_at(text, len, (size_t)(at - text));
        cr_expect_str_eq(rule_name(got), FIRES[i].rule, "%s in %s",
                         FIRES[i].number, text);
        same_rule_everywhere(text, len);
        /* the same with the byte before and the byte after the number
         * replaced by a Chinese character */
        char changed[128];
        size_t start = (size_t)(at - text),
               end = start + strlen(FIRES[i].number);
        for (int side = 0; side < 3; side++) {
            size_t n = 0;
            for (size_t p = 0; p < len; p++) {
                bool before = p + 1 == start && (side & 1) == 0;
                bool after = p == end && side >= 1;
                if (before || after) {
                    memcpy(changed + n, "的", 3);
                    n += 3;
                } else {
                    changed[n++] = text[p];
                }
            }
            same_rule_everywhere(changed, n);
        }
    }

    static const char *const PIECES[] = {
        "1",  "23", "0",   "456",  "2024", "17101", "一",     "三",  "十",
        "万", "两", "+",   "-",    "－",   " ",     "  ",     ".",   ",",
        "/",  "x",  "×",   "@",    "(",    ")",     "a",      "G",   "st",
        "th", "pm", "PA",  "L",    "m",    "ab",    "Street", "Rd.", "的",
        "年", "个", "元",  "公里", "%",    "、",    "第",     "图",  "表",
        "$",  "¥",  "USD", "km",   "篇",   "件",    "号",     "#",   "名",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(7);
    for (int round = 0; round < 20000; round++) {
        char text[RANDOM_TEXT_ROOM];
        /* any Chinese character, some ending in a byte a label character
         * ends in */
        size_t len = random_text(text, PIECES, N_PIECES, 8, 0x4E00, 0x5200);
        same_rule_everywhere(text, len);
    }
}

/* A figure is looked at for a relational word around it (大于10, 比三十大,
 * >= 30, 200 or greater) only when the bytes beside it may end or start
 * one: of the characters from U+4000 to U+9FFF only 于, 过 and 比 end one.
 * With that look left out, every place of random texts of numbers,
 * relational words, Chinese characters and signs must give the same
 * figure (its span, kind, unit, qualifier, values and whether it is a
 * condition), the same rule and the same place to go on from. */
static void same_figure_everywhere(const char *text, size_t len)
{
    for (size_t pos = 0; pos < len; pos++) {
        fig_hit a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        size_t next_a = 0, next_b = 0;
        fig_rule why_a, why_b;
        int got_a = fig_figure_at(text, len, pos, false, &a, &next_a, &why_a);
        int got_b = fig_figure_at(text, len, pos, true, &b, &next_b, &why_b);
        cr_assert_eq(got_a, got_b, "at %zu of \"%.*s\"", pos, (int)len, text);
        cr_assert_eq(why_a, why_b, "at %zu of \"%.*s\": %s, %s", pos, (int)len,
                     text, rule_name(why_a), rule_name(why_b));
        cr_assert_eq(next_a, next_b, "at %zu of \"%.*s\"", pos, (int)len, text);
        if (!got_a && !why_a)
            continue;
        cr_assert(a.start == b.start && a.end == b.end,
                  "at %zu of \"%.*s\": %zu-%zu, %zu-%zu", pos, (int)len, text,
                  a.start, a.end, b.start, b.end);
        if (!got_a)
            continue;
        cr_assert(a.kind == b.kind && a.unit == b.unit &&
                      a.qualifier == b.qualifier && a.range == b.range &&
                      a.flags == b.flags,
                  "at %zu of \"%.*s\": %s %s %s %d, %s %s %s %d", pos, (int)len,
                  text, a.kind, a.unit ? a.unit : "-",
                  a.qualifier ? a.qualifier : "-", a.range, b.kind,
                  b.unit ? b.unit : "-", b.qualifier ? b.qualifier : "-",
                  b.range);
        cr_assert(memcmp(&a.value, &b.value, sizeof a.value) == 0 &&
                      memcmp(&a.low, &b.low, sizeof a.low) == 0 &&
                      memcmp(&a.high, &b.high, sizeof a.high) == 0,
                  "at %zu of \"%.*s\"", pos, (int)len, text);
    }
}

Test(figure_rules, the_quick_look_for_a_relation_finds_every_condition)
{
    static const char *const CONDITIONS[] = {
        "大于10的数",
        "年龄不低于18岁",
        "不超过3000元",
        "比三十大",
        "比 170 低",
        ">= 30",
        "x ≥ 5",
        "价格＞100元",
        "200 or greater",
        "more than 5000 or equal to it",
        "equal to 5000 or less",
        "more than 40 and less than 10",
        "小于或等于5%",
    };
    for (size_t i = 0; i < sizeof CONDITIONS / sizeof CONDITIONS[0]; i++) {
        const char *text = CONDITIONS[i];
        size_t len = strlen(text), pos = 0;
        bool condition = false;
        while (pos < len) {
            fig_hit hit;
            size_t next;
            fig_rule why;
            if (fig_figure_at(text, len, pos, false, &hit, &next, &why) &&
                hit.range)
                condition = true;
            pos = next > pos ? next : pos + 1;
        }
        cr_expect(condition, "no condition in %s", text);
        same_figure_everywhere(text, len);
    }

    static const char *const PIECES[] = {
        "1",        "23",         "五",       "三十",      "2024",      "5%",
        "元",       "岁",         " ",        "  ",        "于",        "过",
        "比",       "大",         "低",       "多",        "大于",      "小于",
        "等于",     "或",         "不低于",   "超过",      "≥",         "≤",
        "＞",       "＜",         "⩾",        ">",         "<",         "=",
        ">=",       "or greater", "or equal", "less than", "more than", "and",
        "equal to", "at least",   "约",       "近",        "的",        ",",
        "，",       "é",          "x",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(11);
    for (int round = 0; round < 20000; round++) {
        char text[RANDOM_TEXT_ROOM];
        /* any character from U+4000 to U+9FFF */
        size_t len = random_text(text, PIECES, N_PIECES, 6, 0x4000, 0x6000);
        same_figure_everywhere(text, len);
    }
}

/* A figure is looked at for a range after it (5至10, 3-5, 10与20之间, 5 to
 * 10) only when the byte after it may open one: a space, -, ~, t, a, the
 * lead byte of ～ － – —, or the lead byte of a character ending in the
 * last byte of 至, 到, 与 or 和. With that look left out, every place of
 * random texts of numbers, connectors, units and Chinese characters must
 * give the same figure. */
Test(figure_rules, the_quick_look_for_a_range_finds_every_range)
{
    static const char *const RANGES[] = {
        "5至10万元",        "3-5个",    "10与20之间", "20和30之间", "5 to 10",
        "between 5 and 10", "30～40岁", "15－20",     "5–7 days",   "6—8 人",
        "3到5天",           "2~3次",
    };
    for (size_t i = 0; i < sizeof RANGES / sizeof RANGES[0]; i++) {
        const char *text = RANGES[i];
        size_t len = strlen(text), pos = 0;
        bool range = false;
        while (pos < len) {
            fig_hit hit;
            size_t next;
            fig_rule why;
            if (fig_figure_at(text, len, pos, false, &hit, &next, &why) &&
                hit.range)
                range = true;
            pos = next > pos ? next : pos + 1;
        }
        cr_expect(range, "no range in %s", text);
        same_figure_everywhere(text, len);
    }

    static const char *const PIECES[] = {
        "1",        "23", "五", "三十", "2024", "5%",   "元",       "块",
        "角",       "毛", "分", "个",   "岁",   "万",   " ",        "  ",
        "至",       "到", "与", "和",   "之间", "间",   "-",        "~",
        "～",       "－", "–",  "—",    "to ",  "and ", "between ", "from ",
        "through ", "a",  "t",  "的",   "，",   "é",    "x",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(13);
    for (int round = 0; round < 20000; round++) {
        char text[RANDOM_TEXT_ROOM];
        /* any character from U+4000 to U+9FFF */
        size_t len = random_text(text, PIECES, N_PIECES, 6, 0x4000, 0x6000);
        same_figure_everywhere(text, len);
    }
}

/* same_figure_everywhere on a copy of text in a buffer of exactly len
 * bytes, so that AddressSanitizer sees any read past its end. */
static void same_figure_in_exact_buffer(const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    cr_assert_not_null(copy);
    memcpy(copy, text, len);
    same_figure_everywhere(copy, len);
    free(copy);
}

/* A Chinese numeral before an enumeration mark (一、, 三）, 十二) ) is set
 * aside as a bare Chinese digit without classify. Without that quick
 * answer (the ungated path), every place of the examples and of random
 * texts of numerals, enumeration marks, units, 折, currencies and Chinese
 * characters must give the same figure, rule and place to go on from. */
Test(figure_rules, a_numeral_before_an_enumeration_mark_is_set_aside_as_before)
{
    static const char *const MARKED[] = {
        "一、数据提高", "三）工作",   "十二)",      "两、",       "第一、",
        "一百、",       "五万、",     "一、折",     "八)折",      "人民币五、",
        "约三、",       "数十、",     "上亿、",     "一二、",     "三十多、",
        "百分之五、",   "三分之一、", "一九九八、", "二〇二二）", "五）、",
        "是一、",       "前三、",
    };
    for (size_t i = 0; i < sizeof MARKED / sizeof MARKED[0]; i++)
        same_figure_in_exact_buffer(MARKED[i], strlen(MARKED[i]));
    /* the quick answer is the rule's: 一、 is set aside as before */
    fig_hit hit;
    size_t next;
    fig_rule why;
    cr_assert_eq(fig_figure_at("一、数据", strlen("一、数据"), 0, false, &hit,
                               &next, &why),
                 0);
    cr_assert_eq(why, FIG_RULE_BARE_CHINESE_DIGIT);
    cr_assert_eq(next, strlen("一"));

    static const char *const PIECES[] = {
        "一",   "二",     "三",     "十",   "百", "千", "万", "亿", "两",
        "零",   "〇",     "半",     "数",   "上", "多", "余", "几", "来",
        "分之", "百分之", "、",     "、",   ")",  "）", "）", "折", "五折",
        "元",   "块",     "角",     "毛",   "年", "月", "日", "个", "人",
        "岁",   "币",     "人民币", "美元", "¥",  "$",  "1",  "23", " ",
        "，",   "是",     "第",     "约",   "近", "的", "x",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(17);
    for (int round = 0; round < 30000; round++) {
        char text[RANDOM_TEXT_ROOM];
        /* any character from U+4E00 to U+9FFF */
        size_t len = random_text(text, PIECES, N_PIECES, 6, 0x4E00, 0x5200);
        same_figure_in_exact_buffer(text, len);
    }
}

/* A Chinese digit inside words (统一, 一些, 进一步) is set aside as a lone
 * digit in words without reading the numeral. Without that quick answer
 * (the ungated path), every place of the examples and of random texts of
 * digits, Han characters, units, currency words and the characters that
 * set a digit off must give the same figure, rule and place to go on
 * from. */
Test(figure_rules, a_lone_digit_in_words_is_set_aside_as_before)
{
    static const char *const WORDS[] = {
        "统一的标准", "一些",     "进一步", "人民币一百", "美金五金", "一半",
        "一年",       "三个",     "第一次", "是一个",     "前三名",   "这一点",
        "一是",       "一月",     "五折",   "七五折",     "一毛",     "三角",
        "二十",       "一万",     "两人",   "零星",       "一一",     "一多",
        "一来",       "一分为二", "一点",   "唯一",       "万一",
    };
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        same_figure_in_exact_buffer(WORDS[i], strlen(WORDS[i]));
    fig_hit hit;
    size_t next;
    fig_rule why;
    const char *text = "进一步";
    cr_assert_eq(fig_figure_at(text, strlen(text), strlen("进"), false, &hit,
                               &next, &why),
                 0);
    cr_assert_eq(why, FIG_RULE_LONE_DIGIT_IN_WORDS);
    cr_assert_eq(next, strlen("进一"));

    static const char *const PIECES[] = {
        "一", "二",     "三",   "五",   "九", "两", "零", "〇", "十", "百",
        "万", "半",     "多",   "来",   "点", "分", "是", "为", "前", "这",
        "的", "和",     "不",   "、",   "，", ",",  " ",  "1",  "元", "币",
        "金", "人民币", "港币", "美金", "个", "人", "年", "月", "毛", "角",
        "折", "名",     "步",   "些",   "到", "至",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(19);
    for (int round = 0; round < 30000; round++) {
        char text_r[RANDOM_TEXT_ROOM];
        /* any character from U+4E00 to U+9FFF */
        size_t len = random_text(text_r, PIECES, N_PIECES, 3, 0x4E00, 0x5200);
        same_figure_in_exact_buffer(text_r, len);
    }
}

/* The shortcuts of a candidate's reading that the ungated path leaves
 * out: classify asks only the readers whose characters follow the number
 * (年 月 日 号, - / ., : ： 比, 角 毛), ASCII digits read whole go on to the
 * numeral without the look for an x placeholder, and the idiom rule is
 * passed over for a number opening with ASCII. Without them, every place
 * of the examples and of random texts of numbers, units, calendar words,
 * ratios, 角 amounts, placeholders, idioms, qualifiers and Chinese
 * characters must give the same figure, rule and place to go on from. */
Test(figure_rules, the_readers_asked_by_what_follows_find_what_all_find)
{
    static const char *const EXAMPLES[] = {
        "2014年投资",   "3月5日",      "12号",      "2011-11-06",
        "1995/01",      "3:1的比例",   "8:30开会",  "1比2",
        "三比二",       "3：2",        "五毛钱",    "三角五分",
        "一毛",         "20xx年5月",   "xx人",      "10x20 cm",
        "1920x1080",    "一起",        "十分重要",  "万一",
        "约9750人企业", "395公里今年", "10.4%政府", "6130万元合作",
        "一个包括",     "一个大的",    "3.5亿元",   "5G手机",
        "2020年级",     "3等",         "一元五角",  "两块五",
        "5美元20美分",  "$5.5m",       "3 million", "超过了90%",
        "1000以上",     "20左右",      "三两酒",    "第3",
    };
    for (size_t i = 0; i < sizeof EXAMPLES / sizeof EXAMPLES[0]; i++)
        same_figure_in_exact_buffer(EXAMPLES[i], strlen(EXAMPLES[i]));

    static const char *const PIECES[] = {
        "1",    "23",   "2014", "10.4", "五", "一",   "三十", "两",  "年",
        "月",   "日",   "号",   "份",   "级", "代",   "上旬", "-",   "/",
        ".",    ":",    "：",   "比",   "角", "毛",   "钱",   "分",  "元",
        "块",   "万",   "亿",   "个",   "人", "公里", "%",    "x",   "X",
        "×",    " ",    "起",   "些",   "约", "近",   "超过", "了",  "以上",
        "左右", "等",   "的",   "、",   "，", "折",   "半",   "$",   "m",
        "cm",   "美元", "美分", "G",    "st", "pm",   "of",   "and", "is",
    };
    enum { N_PIECES = sizeof PIECES / sizeof PIECES[0] };
    srand(23);
    for (int round = 0; round < 30000; round++) {
        char text[RANDOM_TEXT_ROOM];
        /* any character from U+4E00 to U+9FFF */
        size_t len = random_text(text, PIECES, N_PIECES, 6, 0x4E00, 0x5200);
        same_figure_in_exact_buffer(text, len);
    }
}
