/* tests/test_sections.c - the sections stage: each marker family, levels
 * derived from how families nest, lead-in splits, enumerators that are not
 * headings, list items, Markdown ATX and Setext headings, dotted numbering,
 * headings kept from the html stage, boilerplate and title skipped, the
 * section tree, blocks of coalesced lines taken as body text, and whole
 * documents from tests/data/sections/ compared
 * with their .expected outline.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>

#include "ctx.h"
#include "docs.h"
#include "../plugins/sections/sections_internal.h"

extern const sl_plugin sections_LTX_sluice_plugin;

static sl_ctx *ctx;

static void setup(void)
{
    ctx = sl_ctx_new("sections", NULL);
    cr_assert_not_null(ctx);
}

static void teardown(void)
{
    sl_ctx_free(ctx);
}

TestSuite(sections, .init = setup, .fini = teardown);

static sections_state defaults(void)
{
    sections_state st = {.repair = true,
                         .noise = true,
                         .title_lines = true,
                         .title_heading = true,
                         .split_leadins = true,
                         .max_heading_chars = 40};
    return st;
}

/* A plain-text document split into lines. */
static sl_doc *text_doc(const char *text)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    return doc;
}

static void run(sl_doc *doc)
{
    sections_state st = defaults();
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK,
                 "process failed: %s", sl_ctx_error(ctx));
}

static const char *heading_text(const sl_doc *doc, size_t s)
{
    return doc->blocks[doc->sections[s].heading_block].text;
}

/* Asserts the outline is exactly the given (level, text) pairs. */
typedef struct want_heading {
    int level;
    const char *text;
} want_heading;

static void assert_outline(const sl_doc *doc, const want_heading *want,
                           size_t n)
{
    for (size_t i = 0; i < n && i < doc->n_sections; i++) {
        cr_expect_str_eq(heading_text(doc, i), want[i].text, "section %zu", i);
        cr_expect_eq(doc->sections[i].level, want[i].level,
                     "level of section %zu (%s)", i, want[i].text);
    }
    cr_assert_eq(doc->n_sections, n, "sections: got %zu, want %zu",
                 doc->n_sections, n);
}

/* ---- marker families ------------------------------------------------ */

typedef struct marker_case {
    const char *line;
    sec_family family;
} marker_case;

Test(sections, marker_families)
{
    static const marker_case cases[] = {
        {"第一编 总则", SEC_FAM_BIAN},
        {"第二部分 主要任务", SEC_FAM_BUFEN},
        {"第三章 法律责任", SEC_FAM_ZHANG},
        {"第十二节 附则", SEC_FAM_JIE},
        {"第一百零一条 本条例自发布之日起施行。", SEC_FAM_TIAO},
        {"2024科普工作总结篇1", SEC_FAM_PIAN},
        {"第二篇 实践", SEC_FAM_PIAN},
        {"篇一：学习心得体会", SEC_FAM_PIAN},
        {"【篇2】工作总结", SEC_FAM_PIAN},
        {"[第三篇]", SEC_FAM_PIAN},
        {"范文三：个人总结", SEC_FAM_PIAN},
        {"一、领导重视", SEC_FAM_CN_DUN},
        {"十一、其他", SEC_FAM_CN_DUN},
        {"（一）加强领导", SEC_FAM_CN_PAREN},
        {"(二)是措施有力", SEC_FAM_CN_PAREN},
        {"1、文体活动", SEC_FAM_AR_DUN},
        {"１、加强领导", SEC_FAM_AR_DUN},
        {"（２）完善制度", SEC_FAM_AR_PAREN},
        {"（１２）其他", SEC_FAM_AR_PAREN},
        {"Ⅱ、主要任务", SEC_FAM_ROMAN},
        {"2. 读书活动", SEC_FAM_AR_DOT},
        {"3．服务居民", SEC_FAM_AR_DOT},
        {"(1)完善制度", SEC_FAM_AR_PAREN},
        {"（12）其他事项", SEC_FAM_AR_PAREN},
        {"① 基本情况", SEC_FAM_CIRCLED},
        {"1.2 研究方法", SEC_FAM_DOTTED2},
        {"1.2.3 数据来源", SEC_FAM_DOTTED3},
        {"2.1.1.4 细节", SEC_FAM_DOTTED4},
        {"3) Results", SEC_FAM_AR_RPAREN},
        {"- an item", SEC_FAM_BULLET},
        {"• 要点", SEC_FAM_BULLET},
        {"　　一、缩进的标题", SEC_FAM_CN_DUN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sec_marker m;
        sec_scan_marker(cases[i].line, strlen(cases[i].line), &m);
        cr_expect_eq(m.family, cases[i].family, "%s: family %d, want %d",
                     cases[i].line, m.family, cases[i].family);
    }
}

Test(sections, not_markers)
{
    static const char *const lines[] = {
        "一是完善义务教育保障机制。", /* an enumerator */
        "一、二年级学生享受助学金。", /* numerals enumerated */
        "2011年,全市小学入学率100%。",
        "1.2345 是一个小数",
        "2024科普工作总结5篇", /* a count of articles, not 篇N */
        "第二个镇科普惠农活动中心",
        "第一时间答复",
        "篇幅有限，不再赘述。",
        "【原创】工作总结",
        "范文网为您整理",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        sec_marker m;
        sec_scan_marker(lines[i], strlen(lines[i]), &m);
        cr_expect_eq(m.family, SEC_FAM_NONE, "%s: family %d", lines[i],
                     m.family);
    }
}

/* What ends_with_pian_number reads back over: indentation, then digits
 * and Chinese numerals (the reference for the test below). */
static bool reads_as_indent(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

static bool reads_as_number(int32_t cp)
{
    static const int32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                       0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
                                       0x767E, 0x5343, 0x96F6, 0x3007, 0x4E24};
    for (size_t k = 0; k < sizeof numerals / sizeof numerals[0]; k++)
        if (cp == numerals[k])
            return true;
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A line ending in 篇 and a number is a part's title; the scan reads the
 * line's end only when its last byte may end a digit, a numeral or
 * indentation. Every code point (and a stray byte) after "总结篇" and
 * after "总结篇1": the line is 篇N exactly when the reference says. */
Test(sections, a_pian_number_at_the_end_by_every_last_character)
{
    char line[32];
    for (int32_t cp = 0; cp <= 0x10FFFF + 0x80; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char last[4];
        size_t n;
        if (cp > 0x10FFFF) { /* a lone continuation byte */
            last[0] = (char)(0x80 + (cp - 0x110000));
            n = 1;
        } else {
            n = sl_utf8_encode(cp, last);
        }
        for (int one = 0; one <= 1; one++) {
            size_t len = 0;
            memcpy(line, "总结篇", 9);
            len = 9;
            if (one)
                line[len++] = '1';
            memcpy(line + len, last, n);
            len += n;
            bool want = cp <= 0x10FFFF &&
                        (reads_as_number(cp) || (one && reads_as_indent(cp)));
            sec_marker m;
            sec_scan_marker(line, len, &m);
            bool got = m.family == SEC_FAM_PIAN;
            if (got != want)
                cr_assert_eq(got, want, "U+%04X after 总结篇%s", (unsigned)cp,
                             one ? "1" : "");
        }
    }
}

Test(sections, copula_form_skips_shi)
{
    const char *line = "(一)是加强领导,健全机构。";
    sec_marker m;
    sec_scan_marker(line, strlen(line), &m);
    cr_assert_eq(m.family, SEC_FAM_CN_PAREN);
    cr_assert(m.copula);
    cr_assert_eq(strncmp(line + m.body, "加强", strlen("加强")), 0);
}

/* ---- levels from nesting ------------------------------------------- */

Test(sections, levels_follow_first_seen_nesting)
{
    sl_doc *doc = text_doc("报告篇1\n\n"
                           "一、总体情况\n\n"
                           "今年以来，各项工作稳步推进，取得了明显成效。\n\n"
                           "1、学习培训\n\n"
                           "组织集中学习十二次，参训人员达到三百人次。\n\n"
                           "二、存在问题\n\n"
                           "（一）投入不足\n\n"
                           "经费保障与工作需要相比还有较大差距。\n\n"
                           "报告篇2\n\n"
                           "1、后续打算\n\n"
                           "明年将继续加大投入，完善各项工作机制。\n");
    run(doc);
    const want_heading want[] = {
        {1, "报告篇1"},      {2, "一、总体情况"},   {3, "1、学习培训"},
        {2, "二、存在问题"}, {3, "（一）投入不足"}, {1, "报告篇2"},
        {3, "1、后续打算"},
    };
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    sl_doc_free(doc);
}

Test(sections, levels_are_per_document_not_a_table)
{
    /* here 1、 is the top family and 一、 nests inside it */
    sl_doc *doc = text_doc("1、工作概况\n\n"
                           "一、主要做法\n\n"
                           "围绕中心工作，狠抓落实，各项任务全面完成。\n\n"
                           "二、主要成效\n\n"
                           "群众满意度明显提升，工作效率不断提高。\n\n"
                           "2、下步打算\n\n"
                           "继续深化改革，推动各项工作再上新台阶。\n");
    run(doc);
    const want_heading want[] = {
        {1, "1、工作概况"},
        {2, "一、主要做法"},
        {2, "二、主要成效"},
        {1, "2、下步打算"},
    };
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    sl_doc_free(doc);
}

/* ---- lead-ins, enumerators, lists ---------------------------------- */

Test(sections, leadin_is_split_into_heading_and_body)
{
    sl_doc *doc =
        text_doc("一、主要活动\n\n"
                 "1、文体活动。“全民健身、重在参与”。我们举办了篮球比赛。"
                 "\n\n"
                 "2、读书活动。20xx年是社区大力开展读书活动的一年。\n");
    run(doc);
    const want_heading want[] = {
        {1, "一、主要活动"},
        {2, "1、文体活动"},
        {2, "2、读书活动"},
    };
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    size_t h = doc->sections[1].heading_block;
    cr_assert_lt(h + 1, doc->n_blocks);
    const sl_block *body = &doc->blocks[h + 1];
    cr_expect_eq(body->kind, SL_BLOCK_PARAGRAPH);
    cr_expect_str_eq(body->text, "“全民健身、重在参与”。我们举办了篮球比赛。");
    cr_expect_eq(body->line, doc->blocks[h].line);
    cr_expect_eq(doc->blocks[h].kind, SL_BLOCK_HEADING);
    cr_expect_eq(doc->sections[1].end_block, h + 2);
    sl_doc_free(doc);
}

Test(sections, terminal_full_stop_dropped_from_heading)
{
    sl_doc *doc = text_doc("一、领导重视,加大投入,营造良好的氛围。\n\n"
                           "经过多年来的宣传教育，尊重科学已蔚然成风。\n");
    run(doc);
    const want_heading want[] = {{1, "一、领导重视,加大投入,营造良好的氛围"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);
}

Test(sections, colon_labels)
{
    sl_doc *doc =
        text_doc("一、工作目标：\n\n"
                 "到年底，全县农村人居环境明显改善，村庄环境基本干净整洁。\n\n"
                 "二、指导思想：以新发展理念为引领，推动高质量发展。\n\n"
                 "三、会议安排\n\n"
                 "1、时间：2023年5月10日上午九点。\n\n"
                 "2、地点：县政府三楼会议室。\n");
    run(doc);
    /* 时间： 地点： label facts: the items are not headings */
    const want_heading want[] = {
        {1, "一、工作目标"}, {1, "二、指导思想"}, {1, "三、会议安排"}};
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    sl_doc_free(doc);
}

Test(sections, enumerators_are_not_headings)
{
    sl_doc *doc =
        text_doc("一、教育民生\n\n"
                 "一是完善义务教育保障机制。全市学生免除了学杂费。\n\n"
                 "二是健全帮困助学体系。资助困难学生九万人次。\n\n"
                 "首先，我们加强了组织领导。\n");
    run(doc);
    const want_heading want[] = {{1, "一、教育民生"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);
}

Test(sections, items_after_a_colon_are_list_items)
{
    sl_doc *doc = text_doc("第一章 总则\n\n"
                           "第七条 理事会行使下列职权：\n\n"
                           "(一)制定交易所章程、交易规则及其他有关规定；\n\n"
                           "(二)审议交易所的工作计划和工作报告；\n\n"
                           "(三)决定取消会员资格。\n\n"
                           "第八条 理事会会议由理事长召集。\n");
    run(doc);
    const want_heading want[] = {{1, "第一章 总则"}};
    assert_outline(doc, want, 1);
    size_t items = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        items += doc->blocks[i].kind == SL_BLOCK_LIST_ITEM;
    cr_expect_eq(items, 3);
    sl_doc_free(doc);
}

static size_t count_list_items(const sl_doc *doc)
{
    size_t items = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        items += doc->blocks[i].kind == SL_BLOCK_LIST_ITEM;
    return items;
}

Test(sections, items_of_an_article_are_list_items_even_before_body)
{
    /* （一）鱼类 is a bare phrase followed by text, but inside an article
     * it is one of the article's items */
    sl_doc *doc =
        text_doc("第一章 总则\n\n"
                 "第四条 对下列重要的水生动物和植物应当重点加以保护。\n\n"
                 "(一)鱼类\n\n"
                 "海水鱼：带鱼、大黄鱼、小黄鱼、沙丁鱼、太平洋鲱鱼、鳓鱼。\n\n"
                 "(二)虾蟹类\n\n"
                 "对虾、毛虾、青虾、鹰爪虾、中华绒螯蟹、梭子蟹、青蟹。\n\n"
                 "第五条 本条例自发布之日起施行。\n");
    run(doc);
    const want_heading want[] = {{1, "第一章 总则"}};
    assert_outline(doc, want, 1);
    cr_expect_eq(count_list_items(doc), 2);
    sl_doc_free(doc);
}

Test(sections, numbered_items_of_a_regulation_appendix_are_list_items)
{
    /* a document written in articles: after the articles, an appendix's
     * （一） and 1. lines still number items, while its 一、 heads */
    sl_doc *doc = text_doc("第一条 为了加强矿产资源管理，制定本细则。\n\n"
                           "第二条 本细则自发布之日起施行。\n\n"
                           "附件\n\n"
                           "一、矿产资源分类\n\n"
                           "(一)能源矿产\n\n"
                           "煤、煤成气、石煤、油页岩、石油、天然气、油砂、天然"
                           "沥青、铀、钍、地热。\n\n"
                           "(二)金属矿产\n\n"
                           "铁、锰、铬、钒、钛；铜、铅、锌、铝土矿、镍、钴、钨"
                           "、锡、铋、钼、汞。\n\n"
                           "1．甲苯\n\n"
                           "2．丙酮\n");
    run(doc);
    const want_heading want[] = {{1, "一、矿产资源分类"}};
    assert_outline(doc, want, 1);
    cr_expect_eq(count_list_items(doc), 4);
    sl_doc_free(doc);

    /* the same lines in a report (no articles) are headings */
    doc = text_doc("一、矿产资源分类\n\n"
                   "(一)能源矿产\n\n"
                   "煤、煤成气、石煤、油页岩、石油、天然气、油砂、天然沥青、铀"
                   "、钍、地热。\n\n"
                   "(二)金属矿产\n\n"
                   "铁、锰、铬、钒、钛；铜、铅、锌、铝土矿、镍、钴、钨、锡、铋"
                   "、钼、汞。\n");
    run(doc);
    const want_heading want2[] = {
        {1, "一、矿产资源分类"}, {2, "(一)能源矿产"}, {2, "(二)金属矿产"}};
    assert_outline(doc, want2, 3);
    sl_doc_free(doc);
}

Test(sections, a_list_of_numbered_sentences_is_no_heading)
{
    /* whole sentences numbered one after the other are items; a sentence
     * followed by its text, or by deeper items, still heads them */
    sl_doc *doc = text_doc("一、任职基本条件\n\n"
                           "1．热爱祖国，遵守宪法和法律。\n\n"
                           "2．具备履行相应职责的实际工作能力。\n\n"
                           "3．身体健康，能坚持正常工作。\n\n"
                           "二、领导重视，加大投入，营造良好的氛围。\n\n"
                           "(一)是加强领导，健全机构。\n\n"
                           "乡里成立了由党政主要领导牵头的科普工作领导组，"
                           "制定了实施方案。\n");
    run(doc);
    const want_heading want[] = {{1, "一、任职基本条件"},
                                 {1, "二、领导重视，加大投入，营造良好的氛围"},
                                 {2, "(一)是加强领导，健全机构"}};
    assert_outline(doc, want, 3);
    cr_expect_eq(count_list_items(doc), 3);
    sl_doc_free(doc);
}

Test(sections, bare_item_after_a_colon_before_a_short_sentence_heads_it)
{
    sl_doc *doc = text_doc("现对公司领导干部职数等问题，作如下规定：\n\n"
                           "一、公司领导干部职数\n\n"
                           "总经理一人，副总经理不超过四人。\n\n"
                           "二、公司领导干部任职年龄\n\n"
                           "总经理、副总经理不超过六十五周岁。\n");
    run(doc);
    const want_heading want[] = {{1, "一、公司领导干部职数"},
                                 {1, "二、公司领导干部任职年龄"}};
    assert_outline(doc, want, 2);
    sl_doc_free(doc);
}

Test(sections, a_formula_is_no_title_like_line)
{
    sl_doc *doc = text_doc(
        "第一章 应纳税额\n\n"
        "应纳税额＝应纳税所得额×适用税率－减免税额\n\n"
        "公式中的减免税额，是指依照税收优惠规定减征、免征的应纳税额。\n");
    run(doc);
    const want_heading want[] = {{1, "第一章 应纳税额"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);
}

Test(sections, an_appendix_stands_beside_the_chapters)
{
    /* 附： ends the last article, and the appendix's parts are not in
     * the last chapter */
    sl_doc *doc = text_doc("电信条例\n\n"
                           "第一章 总则\n\n"
                           "第一条 为了规范电信市场秩序，制定本条例。\n\n"
                           "第二章 附则\n\n"
                           "第二条 本条例自公布之日起施行。\n\n"
                           "附：\n\n"
                           "电信业务分类目录\n\n"
                           "一、基础电信业务\n\n"
                           "(一)固定网络国内长途及本地电话业务；\n\n"
                           "二、增值电信业务\n\n"
                           "(一)电子邮件；\n");
    run(doc);
    const want_heading want[] = {{1, "电信条例"},
                                 {2, "第一章 总则"},
                                 {2, "第二章 附则"},
                                 {2, "一、基础电信业务"},
                                 {2, "二、增值电信业务"}};
    assert_outline(doc, want, 5);
    cr_expect_eq(doc->sections[3].parent, 0);
    sl_doc_free(doc);
}

Test(sections, heading_after_a_colon_line_with_body)
{
    sl_doc *doc =
        text_doc("现将有关情况报告如下：\n\n"
                 "一、基本情况\n\n"
                 "今年以来，全县上下认真落实各项部署，工作成效明显。\n\n"
                 "二、存在问题\n\n"
                 "一些地方重视不够，措施落实还不到位，需要加强。\n");
    run(doc);
    const want_heading want[] = {{1, "一、基本情况"}, {1, "二、存在问题"}};
    assert_outline(doc, want, 2);
    sl_doc_free(doc);
}

/* ---- Markdown and numbering ---------------------------------------- */

Test(sections, markdown_atx_and_setext)
{
    sl_doc *doc = text_doc("# Title *here*\n\n"
                           "Intro text.\n\n"
                           "Usage\n"
                           "-----\n\n"
                           "## Options ##\n\n"
                           "    # not a heading: code\n\n"
                           "```\n# also code\n```\n\n"
                           "#hashtag is not a heading\n");
    run(doc);
    const want_heading want[] = {
        {1, "Title here"},
        {2, "Usage"},
        {2, "Options"},
    };
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    /* the underline is syntax: left out of the text */
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (strcmp(doc->blocks[i].text, "-----") == 0)
            cr_expect(sl_block_is_dropped(&doc->blocks[i]));
    sl_doc_free(doc);
}

Test(sections, markdown_levels_are_kept)
{
    sl_doc *doc = text_doc("### deep\n\n## middle\n\n# top\n");
    run(doc);
    const want_heading want[] = {{3, "deep"}, {2, "middle"}, {1, "top"}};
    assert_outline(doc, want, 3);
    cr_expect_eq(doc->sections[0].parent, -1);
    sl_doc_free(doc);
}

Test(sections, dotted_numbering_nests)
{
    sl_doc *doc = text_doc("1 引言\n\n"
                           "本文研究城市交通拥堵问题，提出新的缓解方法。\n\n"
                           "1.1 研究背景\n\n"
                           "近年来，城市机动车保有量持续快速增长。\n\n"
                           "1.1.1 数据来源\n\n"
                           "数据来自市交通管理部门的公开统计资料。\n\n"
                           "2 方法\n\n"
                           "我们采用仿真与实地调查相结合的研究方法。\n");
    run(doc);
    const want_heading want[] = {
        {1, "1 引言"},
        {2, "1.1 研究背景"},
        {3, "1.1.1 数据来源"},
        {1, "2 方法"},
    };
    assert_outline(doc, want, sizeof want / sizeof want[0]);
    cr_expect_eq(doc->sections[2].parent, 1);
    cr_expect_eq(doc->sections[1].parent, 0);
    cr_expect_eq(doc->sections[3].parent, -1);
    sl_doc_free(doc);
}

/* ---- html headings, skipped blocks, the tree ----------------------- */

Test(sections, html_headings_are_kept_and_normalised)
{
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "Overview", 8);
    b->level = 2;
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "Some text here.", 15);
    b = sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "Details", 7);
    b->level = 3;
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "More text.", 10);
    b = sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "Next", 4);
    b->level = 2;
    run(doc);
    const want_heading want[] = {{1, "Overview"}, {2, "Details"}, {1, "Next"}};
    assert_outline(doc, want, 3);
    cr_expect_eq(doc->sections[1].parent, 0);
    cr_expect_eq(doc->sections[0].end_block, 4);
    cr_expect_eq(doc->sections[1].end_block, 4);
    cr_expect_eq(doc->sections[2].end_block, 5);
    sl_doc_free(doc);
}

Test(sections, boilerplate_is_skipped_and_the_title_heads_the_outline)
{
    sl_doc *doc = text_doc("网站首页 > 工作总结\n\n"
                           "2024科普工作总结\n\n"
                           "一、主要做法\n\n"
                           "我们认真组织开展了各项科普活动，效果良好。\n\n"
                           "相关文章\n\n"
                           "二、推荐阅读的文章标题\n");
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    doc->blocks[1].flags |= SL_BLOCK_TITLE;
    doc->blocks[4].flags |= SL_BLOCK_BOILERPLATE;
    doc->blocks[5].flags |= SL_BLOCK_BOILERPLATE;
    run(doc);
    const want_heading want[] = {{1, "2024科普工作总结"}, {2, "一、主要做法"}};
    assert_outline(doc, want, 2);
    /* each section ends at its last kept block */
    cr_expect_eq(doc->sections[0].end_block, 4);
    cr_expect_eq(doc->sections[1].end_block, 4);
    cr_expect_eq(doc->sections[1].parent, 0);
    cr_expect_eq(doc->blocks[1].kind, SL_BLOCK_HEADING);
    cr_expect_eq(doc->blocks[1].flags & SL_BLOCK_TITLE, SL_BLOCK_TITLE);
    sl_doc_free(doc);
}

Test(sections, title_line_that_is_a_heading_joins_the_outline)
{
    sl_doc *doc = text_doc("# Guide\n\nSome introduction text here.\n\n"
                           "## Install\n\nRun the script.\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    cr_assert_eq(sl_doc_set_title_copy(doc, "# Guide", 7), 0);
    run(doc);
    const want_heading want[] = {{1, "Guide"}, {2, "Install"}};
    assert_outline(doc, want, 2);
    cr_expect_str_eq(doc->title, "Guide");
    sl_doc_free(doc);

    doc =
        text_doc("一、基本情况\n\n今年以来，各项工作稳步推进，成效明显。\n\n"
                 "二、主要做法\n\n我们抓好了粮食生产，落实了各项补贴政策。\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    const want_heading want2[] = {{1, "一、基本情况"}, {1, "二、主要做法"}};
    assert_outline(doc, want2, 2);
    sl_doc_free(doc);
}

/* A regulation as the boilerplate stage leaves it: its name flagged as
 * the title, dates, then chapters and sections. */
static sl_doc *titled_regulation(void)
{
    sl_doc *doc = text_doc("城市公园管理办法\n\n"
                           "2020年5月1日 市人民政府令第3号公布\n\n"
                           "2020年7月1日 施行\n\n"
                           "第一章 总则\n\n"
                           "第一条 为了加强城市公园的管理，制定本办法。\n\n"
                           "第二章 建设\n\n"
                           "第一节 规划\n\n"
                           "第二条 公园的规划应当符合城市总体规划的要求。\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    cr_assert_eq(sl_doc_set_title_copy(doc, "城市公园管理办法", 24), 0);
    return doc;
}

Test(sections, title_line_heads_the_outline_at_level_1)
{
    sl_doc *doc = titled_regulation();
    run(doc);
    const want_heading want[] = {{1, "城市公园管理办法"},
                                 {2, "第一章 总则"},
                                 {2, "第二章 建设"},
                                 {3, "第一节 规划"}};
    assert_outline(doc, want, 4);
    cr_expect_eq(doc->sections[0].parent, -1);
    cr_expect_eq(doc->sections[1].parent, 0);
    cr_expect_eq(doc->sections[3].parent, 2);
    /* the title section covers the whole document */
    cr_expect_eq(doc->sections[0].end_block, doc->n_blocks);
    cr_expect_str_eq(doc->title, "城市公园管理办法");
    sl_doc_free(doc);
}

Test(sections, option_title_heading_off_keeps_the_title_out)
{
    sl_doc *doc = titled_regulation();
    sections_state st = defaults();
    st.title_heading = false;
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    const want_heading want[] = {
        {1, "第一章 总则"}, {1, "第二章 建设"}, {2, "第一节 规划"}};
    assert_outline(doc, want, 3);
    cr_expect_neq(doc->blocks[0].kind, SL_BLOCK_HEADING);
    sl_doc_free(doc);
}

Test(sections, title_of_a_collection_of_parts_stays_out)
{
    /* the page's title names five reports; each report's own title (篇N)
     * is level 1 */
    sl_doc *doc = text_doc("2024科普工作总结5篇\n\n"
                           "2024科普工作总结篇1\n\n"
                           "一、加强了组织领导\n\n"
                           "今年我们成立了科普工作领导小组，由书记任组长。\n\n"
                           "2024科普工作总结篇2\n\n"
                           "一、加强了设施建设\n\n"
                           "我们新建了科普画廊三处，更新了宣传栏的内容。\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    const want_heading want[] = {{1, "2024科普工作总结篇1"},
                                 {2, "一、加强了组织领导"},
                                 {1, "2024科普工作总结篇2"},
                                 {2, "一、加强了设施建设"}};
    assert_outline(doc, want, 4);
    sl_doc_free(doc);
}

Test(sections, title_before_unnumbered_headings_only_stays_out)
{
    /* the first line is the first of the document's unnumbered headings,
     * not a name above them */
    sl_doc *doc = text_doc("项目背景\n\n"
                           "随着城市化进程加快，老旧小区改造需求日益迫切。\n\n"
                           "实施内容\n\n"
                           "改造内容包括屋面防水、外墙保温和管网更新。\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    const want_heading want[] = {{1, "实施内容"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);
}

Test(sections, title_is_no_heading_without_text_after_it)
{
    /* a short snippet: a line and a fragment, no body text */
    sl_doc *doc = text_doc("A paragraph\nwith two lines.\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    cr_expect_eq(doc->n_sections, 0);
    sl_doc_free(doc);

    /* Markdown gives the levels: a plain first line stays out */
    doc = text_doc("Project notes\n\nThis is what the project is about, "
                   "in a few words.\n\n## Install\n\nRun the script.\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    const want_heading want[] = {{2, "Install"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);

    /* a first line that ends a sentence is no title */
    doc = text_doc("会议于今天上午召开了。\n\n"
                   "第一章 总则\n\n第一条 为了加强管理，制定本办法。\n");
    doc->blocks[0].flags |= SL_BLOCK_TITLE;
    run(doc);
    const want_heading want2[] = {{1, "第一章 总则"}};
    assert_outline(doc, want2, 1);
    sl_doc_free(doc);
}

Test(sections, record_title_of_its_own_is_not_the_first_line)
{
    /* a JSONL record whose "title" field differs from its first line: the
     * line is not the document's name */
    sl_doc *doc = titled_regulation();
    json_object_set_new(doc->meta, "title", json_string("公园条例汇编"));
    run(doc);
    cr_expect_eq(doc->sections[0].level, 1);
    cr_expect_str_eq(heading_text(doc, 0), "第一章 总则");
    sl_doc_free(doc);

    doc = titled_regulation();
    json_object_set_new(doc->meta, "title", json_string("城市公园管理办法"));
    run(doc);
    cr_expect_str_eq(heading_text(doc, 0), "城市公园管理办法");
    cr_expect_eq(doc->sections[1].level, 2);
    sl_doc_free(doc);
}

Test(sections, title_like_line_before_body_is_a_heading)
{
    sl_doc *doc = text_doc("项目背景\n\n"
                           "随着城市化进程加快，老旧小区改造需求日益迫切。\n\n"
                           "首页 > 新闻中心\n\n"
                           "联系我们\n\n"
                           "电话\n");
    run(doc);
    const want_heading want[] = {{1, "项目背景"}};
    assert_outline(doc, want, 1);
    sl_doc_free(doc);
}

Test(sections, first_line_of_untitled_chinese_document)
{
    sl_doc *doc = text_doc("上海航运交易所管理规定\n\n"
                           "1996年9月19日 经国务院批准\n\n"
                           "第一章 总则\n\n"
                           "第一条 为了加强管理，制定本规定。\n");
    run(doc);
    const want_heading want[] = {{1, "上海航运交易所管理规定"},
                                 {2, "第一章 总则"}};
    assert_outline(doc, want, 2);
    sl_doc_free(doc);
}

Test(sections, unnumbered_heading_under_the_title_is_level_2)
{
    /* no boilerplate ran: the first line of the untitled document is its
     * title, and an appendix line after the chapters stands beside them */
    sl_doc *doc =
        text_doc("上海航运交易所管理规定\n\n"
                 "第一章 总则\n\n"
                 "第一条 为了加强管理，制定本规定。\n\n"
                 "第二章 附则\n\n"
                 "第二条 本规定自发布之日起施行。\n\n"
                 "会员名录\n\n"
                 "本名录列出了交易所全部正式会员和临时会员的名称。\n");
    run(doc);
    const want_heading want[] = {{1, "上海航运交易所管理规定"},
                                 {2, "第一章 总则"},
                                 {2, "第二章 附则"},
                                 {2, "会员名录"}};
    assert_outline(doc, want, 4);
    sl_doc_free(doc);
}

Test(sections, option_split_leadins_off_keeps_the_line)
{
    sl_doc *doc = text_doc("1、文体活动。我们举办了篮球比赛和健身操比赛。\n");
    sections_state st = defaults();
    st.split_leadins = false;
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_assert_eq(doc->n_sections, 1);
    cr_expect_eq(doc->n_blocks, 1);
    cr_expect_str_eq(heading_text(doc, 0),
                     "1、文体活动。我们举办了篮球比赛和健身操比赛");
    sl_doc_free(doc);
}

Test(sections, empty_document)
{
    sl_doc *doc = sl_doc_new();
    run(doc);
    cr_expect_eq(doc->n_sections, 0);
    sl_doc_free(doc);
}

/* ---- whole documents from tests/data/sections ---------------------- */

static char *read_file(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SECTIONS_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
    buf[size] = '\0';
    fclose(f);
    *len = (size_t)size;
    return buf;
}

/* The .expected file holds one "LEVEL<TAB>HEADING" line per section. */
static void check_data_file(const char *name)
{
    size_t len, elen;
    char *text = read_file(name, &len);
    char expected_name[256];
    snprintf(expected_name, sizeof expected_name, "%s.expected", name);
    char *expected = read_file(expected_name, &elen);
    sl_doc *doc = sl_doc_new();
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    run(doc);
    size_t s = 0;
    for (char *line = strtok(expected, "\n"); line; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        cr_assert_not_null(tab, "%s: bad line %s", expected_name, line);
        *tab = '\0';
        cr_assert_lt(s, doc->n_sections, "%s: missing heading %s", name,
                     tab + 1);
        cr_expect_str_eq(heading_text(doc, s), tab + 1, "%s: section %zu", name,
                         s);
        cr_expect_eq(doc->sections[s].level, atoi(line), "%s: level of %s",
                     name, tab + 1);
        s++;
    }
    cr_expect_eq(doc->n_sections, s, "%s: %zu sections, want %zu", name,
                 doc->n_sections, s);
    sl_doc_free(doc);
    free(text);
    free(expected);
}

Test(sections, regulation_document)
{
    check_data_file("regulation.txt");
}

Test(sections, report_document)
{
    check_data_file("report.txt");
}

Test(sections, markdown_document)
{
    check_data_file("guide.md");
}

Test(sections, english_report_document)
{
    check_data_file("report-en.txt");
}

/* ---- the word-at-a-time counts agree with byte loops ------------------ */

/* A random text of len bytes drawn from pieces that the counts tell
 * apart: ASCII letters, spaces, tabs, and characters of two, three and
 * four bytes. */
static void random_text(char *out, size_t len, unsigned *seed)
{
    static const char *const pieces[] = {"a",
                                         "z",
                                         "A",
                                         "Z",
                                         "@",
                                         "[",
                                         "`",
                                         "{",
                                         " ",
                                         "\t",
                                         "7",
                                         "\xc3\xa9",
                                         "\xe4\xb8\xad",
                                         "\xe9\xbe\xa5",
                                         "\xe3\x80\x81",
                                         "\xef\xbc\x8c",
                                         "\xe0\xa0\x80",
                                         "\xe2\x80\x94",
                                         "\xea\x80\x80",
                                         "\xee\x80\x80",
                                         "\xf0\x9f\x98\x80"};
    size_t n = 0;
    while (n < len) {
        const char *p = pieces[rand_r(seed) % (sizeof pieces / sizeof *pieces)];
        for (size_t i = 0; p[i] && n < len; i++)
            out[n++] = p[i];
    }
}

/* sec_visible_chars as a plain byte loop. */
static size_t visible_chars_bytewise(const char *s, size_t len, size_t limit)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < limit; i++) {
        unsigned char c = (unsigned char)s[i];
        n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t';
    }
    return n;
}

Test(sections, visible_chars_agree_with_a_byte_loop)
{
    unsigned seed = 7;
    char text[400];
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)rand_r(&seed) % sizeof text;
        random_text(text, len, &seed);
        for (size_t limit = 0; limit <= 250; limit += 1 + limit / 8)
            cr_assert_eq(sec_visible_chars(text, len, limit),
                         visible_chars_bytewise(text, len, limit),
                         "round %d, len %zu, limit %zu", round, len, limit);
    }
}

/* The line measures (16 bytes at a time with SSE2, the first and last
 * character read in place) on texts that end where their buffer ends, so
 * AddressSanitizer sees any read past them. */
Test(sections, line_measures_read_nothing_past_the_text)
{
    unsigned seed = 19;
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)rand_r(&seed) % 80;
        char *text = malloc(len ? len : 1);
        cr_assert_not_null(text);
        random_text(text, len, &seed);
        cr_assert_eq(sec_visible_chars(text, len, len + 1),
                     visible_chars_bytewise(text, len, len + 1), "len %zu",
                     len);
        cr_assert_eq(sec_columns(text, len), sec_columns_bytewise(text, len),
                     "len %zu", len);
        cr_assert_eq(sec_columns_chunks(text, len, sec_noise_has_avx2()),
                     sec_columns_bytewise(text, len), "AVX2, len %zu", len);
        cr_assert_eq(sec_last_char(text, len), sec_last_char_slow(text, len),
                     "len %zu", len);
        cr_assert_eq(sec_first_char(text, len), sec_first_char_slow(text, len),
                     "len %zu", len);
        (void)sec_is_mostly_cjk(text, len);
        free(text);
    }
}

/* The first and last visible character read in place agree with the
 * character-by-character reading: every code point up to U+FFFF (and
 * some beyond) alone, between spaces, after and before text, and every
 * byte alone as a malformed end or start. */
Test(sections, first_and_last_char_agree_with_the_slow_reading)
{
    static const char *const around[][2] = {{"", ""},
                                            {" ", " "},
                                            {"\t", "\r"},
                                            {"ab", "cd"},
                                            {"\xe4\xb8\xad", ""},
                                            {"", "\xe3\x80\x80"},
                                            {"\xe3\x80\x80", " "}};
    for (int32_t cp = 1; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char c[4];
        size_t n = sl_utf8_encode(cp, c);
        for (size_t k = 0; k < sizeof around / sizeof around[0]; k++) {
            char text[32];
            size_t a = strlen(around[k][0]), b = strlen(around[k][1]);
            memcpy(text, around[k][0], a);
            memcpy(text + a, c, n);
            memcpy(text + a + n, around[k][1], b);
            size_t len = a + n + b;
            cr_assert_eq(sec_last_char(text, len),
                         sec_last_char_slow(text, len), "U+%04X, %zu",
                         (unsigned)cp, k);
            cr_assert_eq(sec_first_char(text, len),
                         sec_first_char_slow(text, len), "U+%04X, %zu",
                         (unsigned)cp, k);
        }
    }
    for (int c = 0; c < 256; c++) {
        for (int d = 0x7F; d <= 0xC0; d += 0x41) {
            char text[4] = {(char)c, (char)d, (char)d, (char)c};
            for (size_t len = 0; len <= 4; len++) {
                cr_assert_eq(sec_last_char(text, len),
                             sec_last_char_slow(text, len), "%d %d", c, d);
                cr_assert_eq(sec_first_char(text, len),
                             sec_first_char_slow(text, len), "%d %d", c, d);
            }
        }
    }
    unsigned seed = 23;
    char text[40];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)rand_r(&seed) % sizeof text;
        random_text(text, len, &seed);
        cr_assert_eq(sec_last_char(text, len), sec_last_char_slow(text, len),
                     "round %d", round);
        cr_assert_eq(sec_first_char(text, len), sec_first_char_slow(text, len),
                     "round %d", round);
    }
}

/* A line that opens with a non-ASCII byte is classified as the general
 * reading classifies it: random lines of Markdown syntax and text behind
 * every lead byte, in buffers that end where the line ends. */
Test(sections, markdown_shortcut_agrees_with_the_general_reading)
{
    static const char *const pieces[] = {" ",
                                         "\t",
                                         "#",
                                         "##",
                                         ">",
                                         "- ",
                                         "* ",
                                         "1. ",
                                         "===",
                                         "---",
                                         "```",
                                         "~~~",
                                         "_",
                                         "a",
                                         "\xe4\xb8\xad",
                                         "\xe3\x80\x80",
                                         "\xc2\xa0"};
    unsigned seed = 29;
    for (int round = 0; round < 20000; round++) {
        char buf[64];
        size_t len = 0, parts = (size_t)rand_r(&seed) % 8;
        buf[len++] = (char)(0x80 + rand_r(&seed) % 0x80);
        for (size_t k = 0; k < parts; k++) {
            const char *p = pieces[(size_t)rand_r(&seed) %
                                   (sizeof pieces / sizeof pieces[0])];
            size_t n = strlen(p);
            if (len + n > sizeof buf)
                break;
            memcpy(buf + len, p, n);
            len += n;
        }
        char *line = malloc(len);
        cr_assert_not_null(line);
        memcpy(line, buf, len);
        sec_md_line fast, general;
        sec_md_classify(line, len, &fast);
        sec_md_classify_general(line, len, &general);
        cr_assert_eq(memcmp(&fast, &general, sizeof fast), 0, "round %d",
                     round);
        free(line);
    }
}

/* sec_skip_ideographs as a decoding loop: characters of three bytes from
 * U+4000 to U+9FFF, at most room of them. */
static size_t skip_ideographs_decoding(const char *s, size_t len, size_t *pos,
                                       size_t room)
{
    size_t n = 0;
    while (n < room && *pos < len) {
        size_t p = *pos;
        int32_t cp = sl_utf8_next_inline(s, len, &p);
        if (p - *pos != 3 || cp < 0x4000 || cp > 0x9FFF)
            break;
        *pos = p;
        n++;
    }
    return n;
}

/* The Han run that phrase_shape and is_title_like pass without decoding
 * stops where the decoding loop does: random texts from every start and
 * with every room, every lead byte E0..EF before every pair of following
 * bytes' forms, each text in a buffer that ends where it ends. */
Test(sections, ideograph_run_stops_where_decoding_does)
{
    unsigned seed = 41;
    for (int round = 0; round < 2000; round++) {
        size_t len = (size_t)rand_r(&seed) % 60;
        char *text = malloc(len ? len : 1);
        cr_assert_not_null(text);
        random_text(text, len, &seed);
        for (size_t from = 0; from <= len; from++) {
            for (size_t room = 0; room < 6; room++) {
                size_t fast = from, slow = from;
                size_t n = sec_skip_ideographs(text, len, &fast, room);
                cr_assert_eq(n,
                             skip_ideographs_decoding(text, len, &slow, room),
                             "round %d from %zu room %zu", round, from, room);
                cr_assert_eq(fast, slow);
            }
        }
        free(text);
    }
    static const unsigned char follow[] = {0x41, 0x80, 0xBF, 0xC0, 0xE5};
    for (unsigned lead = 0xE0; lead <= 0xEF; lead++)
        for (size_t a = 0; a < sizeof follow; a++)
            for (size_t b = 0; b < sizeof follow; b++)
                for (size_t len = 1; len <= 6; len++) {
                    /* the three bytes, then 中 */
                    unsigned char bytes[6] = {0, 0, 0, 0xE4, 0xB8, 0xAD};
                    bytes[0] = (unsigned char)lead;
                    bytes[1] = follow[a];
                    bytes[2] = follow[b];
                    char *text = malloc(len);
                    cr_assert_not_null(text);
                    memcpy(text, bytes, len);
                    size_t fast = 0, slow = 0;
                    cr_assert_eq(sec_skip_ideographs(text, len, &fast, 9),
                                 skip_ideographs_decoding(text, len, &slow, 9),
                                 "lead %x len %zu", lead, len);
                    cr_assert_eq(fast, slow);
                    free(text);
                }
}

/* The display width over more than 127 chunks (where the per-byte tallies
 * are summed and start again), from every start near the end. */
Test(sections, long_line_columns_agree_with_the_byte_count)
{
    static char text[5000];
    unsigned seed = 31;
    random_text(text, sizeof text, &seed);
    bool avx2 = sec_noise_has_avx2();
    for (size_t from = 0; from < 40; from++)
        for (size_t len = sizeof text - 40; len <= sizeof text - from;
             len += 7) {
            size_t want = sec_columns_bytewise(text + from, len - from);
            cr_assert_eq(sec_columns(text + from, len - from), want,
                         "from %zu len %zu", from, len);
            cr_assert_eq(sec_columns_chunks(text + from, len - from, false),
                         want, "SSE2, from %zu len %zu", from, len);
            cr_assert_eq(sec_columns_chunks(text + from, len - from, avx2),
                         want, "AVX2, from %zu len %zu", from, len);
        }
}

/* The hashed numeral test answers the list's answer for every code
 * point, and a few values no decoder returns. */
Test(sections, hashed_numeral_test_agrees_with_the_list)
{
    size_t numerals = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        cr_assert_eq(sec_is_cn_numeral(cp), sec_is_cn_numeral_listed(cp),
                     "U+%04X", (unsigned)cp);
        numerals += sec_is_cn_numeral(cp);
    }
    cr_assert_eq(numerals, 15);
    static const int32_t odd[] = {-1, INT32_MIN, INT32_MAX, 0x110000};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        cr_assert_eq(sec_is_cn_numeral(odd[i]),
                     sec_is_cn_numeral_listed(odd[i]));
}

/* sec_is_mostly_cjk as a plain byte loop. */
static bool mostly_cjk_bytewise(const char *s, size_t len)
{
    size_t cjk = 0, latin = 0;
    if (len > 64)
        len = 64;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        cjk += (c >= 0xE3 && c <= 0xE9) || c == 0xEF;
        latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return cjk > 0 && cjk * 2 >= latin;
}

Test(sections, mostly_cjk_agrees_with_a_byte_loop)
{
    unsigned seed = 11;
    char text[100];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)rand_r(&seed) % sizeof text;
        random_text(text, len, &seed);
        cr_assert_eq(sec_is_mostly_cjk(text, len),
                     mostly_cjk_bytewise(text, len), "round %d, len %zu", round,
                     len);
    }
    /* every byte value, alone and in a word */
    for (int c = 0; c < 256; c++) {
        char word[16];
        memset(word, 'a', sizeof word);
        word[3] = (char)c;
        word[11] = (char)c;
        for (size_t len = 1; len <= sizeof word; len++)
            cr_assert_eq(sec_is_mostly_cjk(word, len),
                         mostly_cjk_bytewise(word, len), "byte %d", c);
        memset(word, (char)c, sizeof word);
        cr_assert_eq(sec_is_mostly_cjk(word, sizeof word),
                     mostly_cjk_bytewise(word, sizeof word), "byte %d", c);
    }
}

/* The stage's quick space test answers what the library's does. */
Test(sections, quick_space_test_agrees_with_the_library)
{
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++)
        cr_assert_eq(sec_is_space(cp), sl_is_space(cp), "U+%04X", (unsigned)cp);
}

/* ---- coalesced lines ------------------------------------------------ */

/* A plain-text document of the given blocks, the ones flagged lines
 * being coalesced lines (as sl_doc_split_lines makes them from a text of
 * very many tiny lines), their lines in raw. */
static sl_doc *doc_of_blocks(const char *const *texts, const bool *lines,
                             size_t n)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    doc->content_type = SL_CONTENT_TEXT;
    char raw[1024] = "";
    uint32_t line = 1;
    for (size_t i = 0; i < n; i++) {
        sl_block *b = sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH,
                                               texts[i], strlen(texts[i]));
        cr_assert_not_null(b);
        b->line = line;
        for (const char *p = texts[i]; *p; p++)
            line += *p == '\n';
        line++;
        if (lines[i])
            b->flags |= SL_BLOCK_LINES;
        strcat(raw, texts[i]);
        strcat(raw, "\n");
    }
    cr_assert_eq(sl_doc_set_raw_copy(doc, raw, strlen(raw)), 0);
    return doc;
}

Test(sections, coalesced_lines_are_body_text)
{
    /* markers, a Markdown heading and an underline inside coalesced
     * lines head nothing; an underline after them makes no heading, and
     * the lines are never joined into a paragraph */
    static const char *const texts[] = {
        "一、总则\n第一条 为了\n# Title", "===",  "二、附则",
        "本办法自发布之日起施行。",       "a\nb", "c",
    };
    static const bool lines[] = {true, false, false, false, true, true};
    sl_doc *doc = doc_of_blocks(texts, lines, 6);
    run(doc);
    static const want_heading want[] = {{1, "二、附则"}};
    assert_outline(doc, want, 1);
    cr_assert_str_eq(doc->blocks[0].text, "一、总则\n第一条 为了\n# Title");
    for (size_t i = 0; i < doc->n_blocks; i++)
        cr_assert_eq(doc->blocks[i].flags & SL_BLOCK_MERGED, 0,
                     "block %zu joined", i);
    sl_doc_free(doc);
}

/* The marker scan's shortcut for Han first characters finds what the
 * whole chain of first-character tests finds: every code point to
 * U+FFFF first, after indentation or not, before tails that complete
 * each family (numerals, 章, 、, 篇1 at the end), in buffers that end
 * where the line ends. */
Test(sections, marker_shortcut_agrees_with_the_chain)
{
    static const char *const heads[] = {"", "  ", "\xe3\x80\x80"};
    static const char *const tails[] = {"",
                                        "\xe4\xb8\x80\xe7\xab\xa0 总则",
                                        "\xe3\x80\x81标题",
                                        "1、",
                                        "\xe6\x96\x87\xe4\xb8\x89",
                                        "一\xe7\xaf\x87\xef\xbc\x9a",
                                        "总结\xe7\xaf\x87"
                                        "1",
                                        "\xe4\xb8\x89\xe7\xaf\x87",
                                        "） 是"};
    size_t differ = 0;
    for (int32_t cp = 1; cp <= 0xFFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char c[4];
        size_t n = sl_utf8_encode(cp, c);
        for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
            for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                size_t a = strlen(heads[h]), b = strlen(tails[t]);
                size_t len = a + n + b;
                char *text = malloc(len ? len : 1);
                cr_assert_not_null(text);
                memcpy(text, heads[h], a);
                memcpy(text + a, c, n);
                memcpy(text + a + n, tails[t], b);
                sec_marker fast, chain;
                sec_scan_marker(text, len, &fast);
                sec_scan_marker_chain(text, len, &chain);
                cr_assert(memcmp(&fast, &chain, sizeof fast) == 0,
                          "U+%04X, head %zu, tail %zu: family %d, want %d",
                          (unsigned)cp, h, t, fast.family, chain.family);
                differ += chain.family != SEC_FAM_NONE;
                free(text);
            }
        }
    }
    cr_assert_gt(differ, 1000); /* the tails made markers to compare */
    /* malformed and cut-short three-byte openings */
    static const unsigned char seconds[] = {0x41, 0x80, 0xB8, 0xBF, 0xC0};
    static const char *const ends[] = {"", "\xe7\xaf\x87"
                                           "1"};
    for (int lead = 0xE0; lead <= 0xEF; lead++) {
        for (size_t k = 0; k < sizeof seconds; k++) {
            for (int third = 0; third < 256; third++) {
                for (size_t e = 0; e < 2; e++) {
                    size_t b = strlen(ends[e]);
                    for (size_t cut = 1; cut <= 3; cut++) {
                        size_t len = cut + (cut == 3 ? b : 0);
                        char *text = malloc(len);
                        cr_assert_not_null(text);
                        char open[3] = {(char)lead, (char)seconds[k],
                                        (char)third};
                        memcpy(text, open, cut);
                        if (cut == 3)
                            memcpy(text + 3, ends[e], b);
                        sec_marker fast, chain;
                        sec_scan_marker(text, len, &fast);
                        sec_scan_marker_chain(text, len, &chain);
                        cr_assert(memcmp(&fast, &chain, sizeof fast) == 0,
                                  "%02X %02X %02X, %zu bytes", lead, seconds[k],
                                  third, len);
                        free(text);
                    }
                }
            }
        }
    }
    static const char *const pieces[] = {
        "第", "篇", "范", "文", "一", "十", "两",   "〇",  "章", "部",
        "分", "中", "是", "、", "．", "（", "）",   "(",   ")",  "1",
        "２", ".",  " ",  "　", "【", "】", "[",    "]",   "Ⅱ",  "①",
        "⑴",  "⒈",  "-",  "•",  "：", "。", "\xe4", "\x80"};
    unsigned seed = 31;
    char text[64];
    for (int round = 0; round < 50000; round++) {
        size_t len = 0, count = (size_t)rand_r(&seed) % 8;
        for (size_t k = 0; k < count; k++) {
            const char *p = pieces[(size_t)rand_r(&seed) %
                                   (sizeof pieces / sizeof *pieces)];
            size_t n = strlen(p);
            memcpy(text + len, p, n);
            len += n;
        }
        sec_marker fast, chain;
        sec_scan_marker(text, len, &fast);
        sec_scan_marker_chain(text, len, &chain);
        cr_assert(memcmp(&fast, &chain, sizeof fast) == 0, "round %d", round);
    }
}

/* Characters other than white space, decoded one at a time as
 * is_title_like counts them. */
static size_t non_space_code_points(const char *s, size_t len)
{
    size_t n = 0, pos = 0;
    while (pos < len)
        n += !sec_is_space(sl_utf8_next_inline(s, len, &pos));
    return n;
}

/* The early answers of the line measures agree with the full counts:
 * sec_has_visible_chars with sec_visible_chars for every need, and
 * sec_solid_chars with its byte loop and never above the characters
 * other than white space (is_title_like rejects a line on it), on random
 * texts with malformed bytes, every byte value at every offset, in
 * buffers that end where the text ends. */
Test(sections, early_line_measures_agree_with_the_full_counts)
{
    static const char *const pieces[] = {"a",
                                         " ",
                                         "\t",
                                         "\n",
                                         "!",
                                         "~",
                                         "\x7f",
                                         "\xc2\xa0",
                                         "\xc3\xa9",
                                         "中",
                                         "　",
                                         "、",
                                         "，",
                                         "\xe2\x80\x83",
                                         "\xe1\x9a\x80",
                                         "\xed\x9f\xbf",
                                         "\xed\xa0\x80",
                                         "\xef\xbf\xbd",
                                         "\xf0\x9f\x98\x80",
                                         "\xe4",
                                         "\xe9\xbe",
                                         "\x80",
                                         "\xbf",
                                         "\xff"};
    unsigned seed = 41;
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, count = (size_t)rand_r(&seed) % 90;
        char build[400];
        for (size_t k = 0; k < count; k++) {
            const char *p = pieces[(size_t)rand_r(&seed) %
                                   (sizeof pieces / sizeof *pieces)];
            size_t n = strlen(p);
            memcpy(build + len, p, n);
            len += n;
        }
        char *text = malloc(len ? len : 1);
        cr_assert_not_null(text);
        memcpy(text, build, len);
        size_t solid = sec_solid_chars(text, len);
        cr_assert_eq(solid, sec_solid_chars_bytewise(text, len), "round %d",
                     round);
        cr_assert_leq(solid, non_space_code_points(text, len), "round %d",
                      round);
        for (size_t need = 0; need <= 70; need++)
            cr_assert_eq(sec_has_visible_chars(text, len, need),
                         sec_visible_chars(text, len, need) >= need,
                         "round %d need %zu", round, need);
        free(text);
    }
    for (int c = 0; c < 256; c++) {
        for (size_t at = 0; at < 40; at++) {
            char text[40];
            memset(text, 'x', sizeof text);
            text[at] = (char)c;
            size_t want =
                39 + ((c > 0x20 && c < 0x7F) || (c >= 0xE4 && c <= 0xEF));
            cr_assert_eq(sec_solid_chars(text, sizeof text), want,
                         "%02X at %zu", c, at);
            cr_assert_eq(sec_solid_chars_bytewise(text, sizeof text), want,
                         "%02X at %zu", c, at);
        }
    }
}

/* The stage's in-place reading of sl_block_is_dropped answers as the
 * library does for every flag and every pair of flags. */
Test(sections, dropped_test_agrees_with_the_library)
{
    for (unsigned a = 0; a <= 32; a++) {
        for (unsigned b = 0; b <= 32; b++) {
            sl_block block;
            memset(&block, 0, sizeof block);
            block.flags = (a < 32 ? 1u << a : 0) | (b < 32 ? 1u << b : 0);
            cr_assert_eq(sec_block_is_dropped(&block),
                         sl_block_is_dropped(&block) != 0, "flags %08X",
                         (unsigned)block.flags);
        }
    }
}

/* A document of up to 64 blocks keeps the stage's scratch on the stack,
 * a longer one allocates it: the first lines of a report read alone
 * (stack, from 40 to 64 blocks and past it) give the outline and the
 * blocks they give with boilerplate blocks after them that push the
 * count past 64 (heap). */
Test(sections, scratch_on_the_stack_reads_as_allocated_scratch)
{
    size_t len, len2;
    char *text = read_file("report.txt", &len);
    char *text2 = read_file("regulation.txt", &len2);
    const char *lines[200];
    size_t n_lines = 0;
    for (char *line = strtok(text, "\n"); line && n_lines < 200;
         line = strtok(NULL, "\n"))
        lines[n_lines++] = line;
    for (char *line = strtok(text2, "\n"); line && n_lines < 200;
         line = strtok(NULL, "\n"))
        lines[n_lines++] = line;
    for (size_t read = n_lines; n_lines < 80; n_lines++) /* once more */
        lines[n_lines] = lines[n_lines - read];
    for (size_t k = 40; k <= 70; k++) {
        sl_doc *alone = sl_doc_new(), *padded = sl_doc_new();
        cr_assert(alone && padded);
        for (size_t i = 0; i < k; i++) {
            cr_assert_not_null(sl_doc_append_block_copy(
                alone, SL_BLOCK_PARAGRAPH, lines[i], strlen(lines[i])));
            cr_assert_not_null(sl_doc_append_block_copy(
                padded, SL_BLOCK_PARAGRAPH, lines[i], strlen(lines[i])));
        }
        for (size_t i = 0; i < 70; i++) {
            sl_block *b = sl_doc_append_block_copy(padded, SL_BLOCK_PARAGRAPH,
                                                   "一、附则", 12);
            cr_assert_not_null(b);
            b->flags |= SL_BLOCK_BOILERPLATE;
        }
        run(alone);
        run(padded);
        cr_assert_gt(alone->n_sections, 0, "%zu lines", k);
        cr_assert_eq(alone->n_sections, padded->n_sections, "%zu lines", k);
        for (size_t s = 0; s < alone->n_sections; s++) {
            cr_assert_eq(alone->sections[s].heading_block,
                         padded->sections[s].heading_block, "%zu lines", k);
            cr_assert_eq(alone->sections[s].level, padded->sections[s].level,
                         "%zu lines", k);
            cr_assert_eq(alone->sections[s].parent, padded->sections[s].parent,
                         "%zu lines", k);
        }
        cr_assert_gt(padded->n_blocks, alone->n_blocks);
        for (size_t i = 0; i < alone->n_blocks; i++) {
            cr_assert_eq(alone->blocks[i].kind, padded->blocks[i].kind,
                         "%zu lines, block %zu", k, i);
            cr_assert_str_eq(alone->blocks[i].text, padded->blocks[i].text,
                             "%zu lines, block %zu", k, i);
        }
        sl_doc_free(alone);
        sl_doc_free(padded);
    }
    free(text);
    free(text2);
}

/* The stage's Han test answers as the library's for every code point
 * (and a few values outside them). */
Test(sections, han_test_agrees_with_the_library)
{
    for (int32_t cp = -2; cp <= 0x110001; cp++)
        cr_assert_eq(sec_is_han(cp), sl_is_han(cp), "U+%04X", (unsigned)cp);
}
