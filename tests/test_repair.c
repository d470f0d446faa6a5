/* tests/test_repair.c - paragraph repair and noise removal in the sections
 * stage: joins of blocks broken mid-sentence (Chinese and Latin), reflow
 * of hard-wrapped Chinese text, the cases that must not be joined, and
 * removal of characters injected between CJK characters, with the
 * counters each repair kind adds to.
 */
#include <criterion/criterion.h>
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

TestSuite(repair, .init = setup, .fini = teardown);

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
    sections_state st = {.repair = true,
                         .noise = true,
                         .title_lines = true,
                         .split_leadins = true,
                         .max_heading_chars = 40};
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK,
                 "process failed: %s", sl_ctx_error(ctx));
}

static uint64_t counter(const char *name)
{
    for (size_t i = 0; i < sl_ctx_counter_count(ctx); i++)
        if (strcmp(sl_ctx_counter_name(ctx, i), name) == 0)
            return sl_ctx_counter_value(ctx, i);
    return 0;
}

/* Kept blocks, in order, as one string joined by '\n'. */
static void kept_text(const sl_doc *doc, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b))
            continue;
        cr_assert_lt(n + b->len + 2, cap);
        if (n)
            out[n++] = '\n';
        memcpy(out + n, b->text, b->len);
        n += b->len;
        out[n] = '\0';
    }
}

static size_t kept_blocks(const sl_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        n += !sl_block_is_dropped(&doc->blocks[i]);
    return n;
}

/* ---- joins ----------------------------------------------------------- */

Test(repair, joins_a_word_split_after_an_enumerator)
{
    sl_doc *doc =
        text_doc("一是农村学前教育资源逐步扩大。今年新建幼儿园五十所。\n\n"
                 "二是两基成\n\n"
                 "果不断巩固提高。全市小学适龄儿童入学率达到百分之百。\n");
    run(doc);
    cr_assert_eq(kept_blocks(doc), 2);
    cr_expect_str_eq(
        doc->blocks[1].text,
        "二是两基成果不断巩固提高。全市小学适龄儿童入学率达到百分之百。");
    cr_expect(doc->blocks[2].flags & SL_BLOCK_MERGED);
    cr_expect_eq(counter("repairs.join"), 1);
    sl_doc_free(doc);
}

Test(repair, joins_a_clause_split_across_a_blank_line)
{
    sl_doc *doc = text_doc("组建八大专业职教集团，依托专业和资源优势，完成\n\n"
                           "旅游、汽车、电子、服装等四个公共实训基地建设。\n");
    run(doc);
    char text[512];
    kept_text(doc, text, sizeof text);
    cr_expect_str_eq(text, "组建八大专业职教集团，依托专业和资源优势，完成"
                           "旅游、汽车、电子、服装等四个公共实训基地建设。");
    cr_expect_eq(counter("repairs.join"), 1);
    sl_doc_free(doc);
}

Test(repair, joins_latin_hyphenation_and_lower_case_continuation)
{
    sl_doc *doc = text_doc("The committee reviewed the docu-\n"
                           "ments submitted by the applicants\n"
                           "and approved most of them.\n");
    run(doc);
    char text[512];
    kept_text(doc, text, sizeof text);
    cr_expect_str_eq(text, "The committee reviewed the documents submitted "
                           "by the applicants and approved most of them.");
    cr_expect_eq(counter("repairs.join"), 2);
    sl_doc_free(doc);
}

/* ---- what is never joined ---------------------------------------------- */

Test(repair, short_latin_lines_are_not_joined)
{
    sl_doc *doc = text_doc("Ingredients\nflour\nsugar\nbutter\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    cr_expect_eq(kept_blocks(doc), 4);
    sl_doc_free(doc);
}

Test(repair, list_lead_in_followed_by_list_item_is_not_joined)
{
    sl_doc *doc = text_doc(
        "科普宣教工作贵在坚持，一年来开展了许多丰富多彩的科普宣教工作\n\n"
        "1、文体活动。我们举办了篮球比赛和健身操比赛。\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    for (size_t i = 0; i < doc->n_blocks; i++)
        cr_expect_not(doc->blocks[i].flags & SL_BLOCK_MERGED);
    sl_doc_free(doc);
}

Test(repair, heading_next_is_not_joined)
{
    sl_doc *doc =
        text_doc("我们在全市范围内推进城乡学校结对，取得了明显的成效\n\n"
                 "二、存在的主要问题\n\n"
                 "部分学校结对流于形式，需要进一步加强指导。\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    cr_expect_eq(doc->n_sections, 1);
    sl_doc_free(doc);
}

Test(repair, sentence_ended_line_is_not_joined)
{
    sl_doc *doc =
        text_doc("全市新增财政支出二十亿元，教师工资平均增加一万元。\n\n"
                 "通过集中建设等方式，建成农村教师住房六千套。\n");
    run(doc);
    cr_expect_eq(kept_blocks(doc), 2);
    cr_expect_eq(counter("repairs.join"), 0);
    sl_doc_free(doc);
}

Test(repair, short_title_like_line_is_not_joined)
{
    sl_doc *doc = text_doc("项目背景\n\n"
                           "随着城市化进程加快，老旧小区改造需求日益迫切。\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    cr_expect_eq(doc->n_sections, 1);
    sl_doc_free(doc);
}

Test(repair, boilerplate_between_blocks_stops_a_join)
{
    sl_doc *doc = text_doc("依托专业和资源优势，我们在全市范围内完成\n\n"
                           "相关推荐\n\n"
                           "旅游、汽车、电子、服装等四个公共实训基地建设。\n");
    doc->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    cr_expect_not(doc->blocks[2].flags & SL_BLOCK_MERGED);
    sl_doc_free(doc);
}

Test(repair, formula_line_is_not_joined)
{
    sl_doc *doc =
        text_doc("应纳税额＝应纳税所得额×适用税率－减免税额－抵免税额\n\n"
                 "公式中的减免税额和抵免税额，是指依照规定减征的应纳税额。\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    sl_doc_free(doc);
}

Test(repair, fenced_code_is_not_joined)
{
    sl_doc *doc = text_doc("```\n"
                           "def foo(x)\n"
                           "  return 3\n"
                           "end\n"
                           "```\n");
    run(doc);
    cr_expect_eq(counter("repairs.join"), 0);
    cr_expect_eq(kept_blocks(doc), 5);
    sl_doc_free(doc);
}

Test(repair, option_off_joins_nothing)
{
    sl_doc *doc =
        text_doc("二是两基成\n\n果不断巩固提高，入学率达到百分之百。\n");
    sections_state st = {.repair = false,
                         .noise = true,
                         .title_lines = true,
                         .split_leadins = true,
                         .max_heading_chars = 40};
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_expect_eq(kept_blocks(doc), 2);
    sl_doc_free(doc);
}

/* ---- reflow ------------------------------------------------------------- */

Test(repair, reflows_hard_wrapped_chinese)
{
    sl_doc *doc =
        text_doc("　　今年以来，我们认真贯彻落实上级部署，扎实推进各\n"
                 "项工作，全面完成了年度目标任务。一是加强组织领导，\n"
                 "成立了工作专班；二是完善制度机制，出台了管理办法。\n"
                 "全年共举办培训二十期。\n"
                 "　　明年我们将继续加大工作力度，进一步完善工作机制，\n"
                 "推动各项工作再上新台阶，为全市发展作出更大贡献。\n"
                 "特此报告。\n");
    run(doc);
    cr_assert_eq(kept_blocks(doc), 2, "got %zu paragraphs", kept_blocks(doc));
    cr_expect_eq(counter("repairs.reflow"), 5);
    cr_expect(strstr(doc->blocks[0].text, "扎实推进各项工作") != NULL);
    cr_expect(strstr(doc->blocks[0].text, "二十期。") != NULL);
    sl_doc_free(doc);
}

Test(repair, lines_of_different_widths_are_not_reflowed)
{
    sl_doc *doc = text_doc("联系客服\n"
                           "微信号:fanwen9944\n"
                           "点击此处复制微信号\n"
                           "客服在线时间:\n");
    run(doc);
    cr_expect_eq(counter("repairs.reflow"), 0);
    cr_expect_eq(kept_blocks(doc), 4);
    sl_doc_free(doc);
}

/* ---- noise characters ---------------------------------------------------- */

static void clean(const char *in, const char *want, uint64_t chars,
                  uint64_t spaces, uint64_t doubles)
{
    char out[512];
    uint64_t c = 0, s = 0, d = 0;
    size_t len = strlen(in);
    cr_assert_lt(len, sizeof out);
    size_t n = sec_clean_text(in, len, out, true, &c, &s, &d);
    out[n] = '\0';
    cr_expect_str_eq(out, want);
    cr_expect_eq(c, chars, "%s: noise chars %llu", in, (unsigned long long)c);
    cr_expect_eq(s, spaces, "%s: spaces %llu", in, (unsigned long long)s);
    cr_expect_eq(d, doubles, "%s: doubles %llu", in, (unsigned long long)d);
}

Test(repair, removes_stray_apostrophe_and_dot)
{
    clean("邀请有关专家和科协的'老师作讲座", "邀请有关专家和科协的老师作讲座",
          1, 0, 0);
    clean("二、存在的.问题", "二、存在的问题", 1, 0, 0);
}

Test(repair, keeps_unit_dots_and_numbers)
{
    clean("工资平均增加1.9万元/人.年", "工资平均增加1.9万元/人.年", 0, 0, 0);
    clean("设备利用率为台.时计算", "设备利用率为台.时计算", 0, 0, 0);
    clean("It's 3.5 km away.", "It's 3.5 km away.", 0, 0, 0);
}

Test(repair, removes_stray_spaces_between_han)
{
    clean("推进城乡学校 互动发展联盟", "推进城乡学校互动发展联盟", 0, 1, 0);
    clean("统筹实施 成都市特岗教师计划", "统筹实施成都市特岗教师计划", 0, 1, 0);
}

Test(repair, keeps_meaningful_spaces)
{
    clean("第一章 总则", "第一章 总则", 0, 0, 0);
    clean("第三条 为了加强管理，制定本办法。",
          "第三条 为了加强管理，制定本办法。", 0, 0, 0);
    clean("1996年9月19日 经国务院批准", "1996年9月19日 经国务院批准", 0, 0, 0);
    clean("第十章 费 用", "第十章 费 用", 0, 0, 0);
    clean("修订  根据", "修订  根据", 0, 0, 0);
    clean("Hello world", "Hello world", 0, 0, 0);
}

Test(repair, removes_doubled_commas)
{
    clean("整体素质,,我们", "整体素质,我们", 0, 0, 1);
    clean("突出重点、、展示特点、、呈现亮点", "突出重点、展示特点、呈现亮点", 0,
          0, 2);
    clean("一，，二", "一，二", 0, 0, 1);
}

Test(repair, noise_counters_reach_the_stats)
{
    sl_doc *doc = text_doc("镇科协为了突出重点、、展示特点,,在城乡学校 "
                           "互动发展联盟中邀请科协的'老师。\n");
    run(doc);
    cr_expect_str_eq(doc->blocks[0].text,
                     "镇科协为了突出重点、展示特点,"
                     "在城乡学校互动发展联盟中邀请科协的老师。");
    cr_expect_eq(counter("repairs.double_punct"), 2);
    cr_expect_eq(counter("repairs.space"), 1);
    cr_expect_eq(counter("repairs.noise_char"), 1);
    sl_doc_free(doc);
}

Test(repair, html_keeps_spaces_between_han)
{
    /* a page's markup shows the space: a headline's two parts, a blog's
     * spaces for commas; an injected apostrophe still goes */
    sl_doc *doc = text_doc("中国半导体产业 没有将产品作为发展中心\n"
                           "邀请科协的'老师作讲座\n");
    doc->content_type = SL_CONTENT_HTML;
    run(doc);
    char text[256];
    kept_text(doc, text, sizeof text);
    cr_expect_str_eq(text, "中国半导体产业 没有将产品作为发展中心\n"
                           "邀请科协的老师作讲座");
    cr_expect_eq(counter("repairs.space"), 0);
    cr_expect_eq(counter("repairs.noise_char"), 1);
    sl_doc_free(doc);
    char out[64];
    uint64_t c = 0, sp = 0, d = 0;
    const char *in = "城乡学校 互动发展";
    size_t n = sec_clean_text(in, strlen(in), out, false, &c, &sp, &d);
    out[n] = '\0';
    cr_expect_str_eq(out, in);
    cr_expect_eq(sp, 0);
}

Test(repair, noise_option_off_keeps_text)
{
    sl_doc *doc = text_doc("邀请科协的'老师作讲座，效果很好。\n");
    sections_state st = {.repair = true,
                         .noise = false,
                         .title_lines = true,
                         .split_leadins = true,
                         .max_heading_chars = 40};
    cr_assert_eq(sections_LTX_sluice_plugin.process(ctx, &st, doc), SL_OK);
    cr_expect_str_eq(doc->blocks[0].text, "邀请科协的'老师作讲座，效果很好。");
    sl_doc_free(doc);
}

/* A random text of the pieces noise removal looks at: Han characters,
 * units, stray ' . and spaces, commas single and doubled, 、 ， U+3000,
 * NBSP, outline markers and Latin letters. */
static size_t noisy_text(char *out, size_t cap, unsigned *seed)
{
    static const char *const pieces[] = {
        "中", "国", "人", "年", "第", "一",           "章",       " ", "  ",
        "'",  ".",  ",",  "、", "，", "\xe3\x80\x80", "\xc2\xa0", "a", "Z",
        "7",  "。", "：", "!",  "/"};
    size_t n = 0, count = (size_t)rand_r(seed) % 40;
    for (size_t k = 0; k < count; k++) {
        const char *p =
            pieces[(size_t)rand_r(seed) % (sizeof pieces / sizeof *pieces)];
        size_t len = strlen(p);
        if (n + len >= cap)
            break;
        memcpy(out + n, p, len);
        n += len;
    }
    out[n] = '\0';
    return n;
}

/* Cleaning does not depend on where the text starts (the scan reads it a
 * word at a time; spaces before it read as the start of the line), and
 * the stage cleans a block exactly when sec_clean_text would change it. */
Test(repair, noise_removal_reads_every_offset_alike)
{
    unsigned seed = 3;
    for (int round = 0; round < 3000; round++) {
        char text[200], want[200];
        size_t len = noisy_text(text, sizeof text, &seed);
        uint64_t c = 0, s = 0, d = 0;
        size_t want_len = sec_clean_text(text, len, want, true, &c, &s, &d);
        for (size_t shift = 1; shift <= 9; shift++) {
            char shifted[220], got[220];
            memset(shifted, ' ', shift); /* as the start of a line */
            memcpy(shifted + shift, text, len);
            uint64_t c2 = 0, s2 = 0, d2 = 0;
            size_t n =
                sec_clean_text(shifted, shift + len, got, true, &c2, &s2, &d2);
            cr_assert_eq(n, shift + want_len, "round %d: %s", round, text);
            cr_assert(memcmp(got + shift, want, want_len) == 0, "round %d: %s",
                      round, text);
            cr_assert(c2 == c && s2 == s && d2 == d, "round %d: %s", round,
                      text);
        }
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_not_null(
            sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, len));
        cr_assert_eq(sec_remove_noise(ctx, doc), 0);
        cr_assert_eq(doc->blocks[0].len, want_len, "round %d: %s", round, text);
        cr_assert(memcmp(doc->blocks[0].text, want, want_len) == 0,
                  "round %d: %s", round, text);
        sl_doc_free(doc);
    }
}

/* A longer text, mostly Chinese prose (Han characters, ， 。 、), with now
 * and then one of noisy_text's pieces: long enough for the 16-byte
 * chunks of the noise search, with the candidates far apart or close. */
static size_t prose_with_noise(char *out, size_t cap, unsigned *seed)
{
    static const char *const prose[] = {"中", "国", "发", "展", "报", "告",
                                        "，", "。", "、", "年", "人"};
    static const char *const noise[] = {
        " ",     "  ",           "'",        ".", ",", ",,", "、、",
        "，，",  "\xe3\x80\x80", "\xc2\xa0", "a", "7", "：", "第一章 ",
        "人.年", "10.4"};
    size_t n = 0, count = (size_t)rand_r(seed) % 150;
    unsigned rate = 2 + (unsigned)rand_r(seed) % 40; /* one piece in rate */
    for (size_t k = 0; k < count; k++) {
        const char *p =
            (unsigned)rand_r(seed) % rate == 0
                ? noise[(size_t)rand_r(seed) % (sizeof noise / sizeof *noise)]
                : prose[(size_t)rand_r(seed) % (sizeof prose / sizeof *prose)];
        size_t len = strlen(p);
        if (n + len >= cap)
            break;
        memcpy(out + n, p, len);
        n += len;
    }
    out[n] = '\0';
    return n;
}

/* The noise search (16 bytes at a time with SSE2, 32 with AVX2 where the
 * processor has it) finds the first noise character where testing every
 * byte with noise_at does, from every start of the text, with and
 * without removing spaces; each chunk search is checked on its own. */
Test(repair, first_noise_matches_the_bytewise_search)
{
    unsigned seed = 11;
    bool avx2 = sec_noise_has_avx2();
    for (int round = 0; round < 4000; round++) {
        char text[600];
        size_t len = round % 2 ? prose_with_noise(text, sizeof text, &seed)
                               : noisy_text(text, sizeof text, &seed);
        for (size_t from = 0; from < len; from += 1 + from % 5) {
            for (int spaces = 0; spaces <= 1; spaces++) {
                const char *t = text + from;
                size_t want = sec_first_noise_bytewise(t, len - from, spaces);
                size_t got = sec_first_noise(t, len - from, spaces);
                size_t sse2 =
                    sec_first_noise_chunks(t, len - from, spaces, false);
                size_t wide =
                    sec_first_noise_chunks(t, len - from, spaces, avx2);
                cr_assert_eq(got, want, "round %d from %zu spaces %d: %s",
                             round, from, spaces, t);
                cr_assert_eq(sse2, want, "SSE2, round %d from %zu: %s", round,
                             from, t);
                cr_assert_eq(wide, want, "AVX2, round %d from %zu: %s", round,
                             from, t);
            }
        }
    }
}

/* A noise character at every offset of a long quiet text, so that it
 * falls at each byte of a 16- and a 32-byte chunk and in the tail the
 * chunks leave: both chunk searches find it where the bytewise one does. */
Test(repair, first_noise_at_every_offset_of_a_chunk)
{
    static const char *const noise[] = {"，，", "、、", ",,", "\xe3\x80\x80",
                                        "'",    ".",    " ",  "\xc2\xa0"};
    bool avx2 = sec_noise_has_avx2();
    for (size_t k = 0; k < sizeof noise / sizeof noise[0]; k++) {
        for (size_t at = 0; at < 90; at++) {
            char text[160];
            size_t n = 0;
            while (n + 3 <= at)
                n += (size_t)snprintf(text + n, 4, "中");
            while (n < at)
                text[n++] = 'a';
            n += (size_t)snprintf(text + n, 8, "%s", noise[k]);
            while (n + 3 < 120)
                n += (size_t)snprintf(text + n, 4, "文");
            for (int spaces = 0; spaces <= 1; spaces++) {
                size_t want = sec_first_noise_bytewise(text, n, spaces);
                cr_assert_eq(sec_first_noise_chunks(text, n, spaces, false),
                             want, "SSE2, noise %zu at %zu", k, at);
                cr_assert_eq(sec_first_noise_chunks(text, n, spaces, avx2),
                             want, "AVX2, noise %zu at %zu", k, at);
            }
        }
    }
}

/* A noise character at every offset of quiet texts of every length
 * from 1 to 110 bytes, each in a buffer that ends where the text ends:
 * the last chunk of the 32-byte search, which ends two bytes before the
 * text's end and overlaps the bytes already passed, finds it where the
 * bytewise search does, from every start. */
Test(repair, first_noise_in_the_last_chunk_of_every_length)
{
    static const char *const noise[] = {"，，", "、、", ",,", "\xe3\x80\x80",
                                        "'",    ".",    " ",  "\xc2\xa0"};
    bool avx2 = sec_noise_has_avx2();
    for (size_t len = 1; len <= 110; len++) {
        for (size_t k = 0; k < sizeof noise / sizeof noise[0]; k++) {
            size_t w = strlen(noise[k]);
            for (size_t at = 0; at + w <= len; at++) {
                char *text = malloc(len);
                cr_assert_not_null(text);
                size_t n = 0;
                while (n + 3 <= at) {
                    memcpy(text + n, "中", 3);
                    n += 3;
                }
                while (n < at)
                    text[n++] = 'a';
                memcpy(text + n, noise[k], w);
                n += w;
                while (n + 3 <= len) {
                    memcpy(text + n, "文", 3);
                    n += 3;
                }
                while (n < len)
                    text[n++] = 'b';
                for (size_t from = 0; from < len && from < 40; from += 7) {
                    for (int spaces = 0; spaces <= 1; spaces++) {
                        const char *t = text + from;
                        size_t want =
                            sec_first_noise_bytewise(t, len - from, spaces);
                        cr_assert_eq(sec_first_noise_chunks(t, len - from,
                                                            spaces, false),
                                     want,
                                     "SSE2, len %zu noise %zu at %zu from %zu",
                                     len, k, at, from);
                        cr_assert_eq(
                            sec_first_noise_chunks(t, len - from, spaces, avx2),
                            want, "AVX2, len %zu noise %zu at %zu from %zu",
                            len, k, at, from);
                    }
                }
                free(text);
            }
        }
    }
}

/* An empty or short text read from the end of its buffer: the search
 * reads none of the bytes after it (AddressSanitizer checks the reads). */
Test(repair, first_noise_reads_nothing_past_a_short_text)
{
    bool avx2 = sec_noise_has_avx2();
    for (size_t len = 0; len <= 70; len++) {
        char *text = malloc(len + 1);
        cr_assert_not_null(text);
        memset(text, 'a', len);
        text[len] = '\0';
        for (int spaces = 0; spaces <= 1; spaces++) {
            cr_assert_eq(sec_first_noise(text, len, spaces), len, "len %zu",
                         len);
            cr_assert_eq(sec_first_noise_chunks(text, len, spaces, false), len,
                         "SSE2, len %zu", len);
            cr_assert_eq(sec_first_noise_chunks(text, len, spaces, avx2), len,
                         "AVX2, len %zu", len);
        }
        free(text);
    }
}

/* The display width of a line (16 bytes at a time with SSE2) is the
 * byte-by-byte count: ASCII, two-, three- and four-byte characters in
 * every mix and at every offset of a chunk, for every length. */
Test(repair, columns_match_the_bytewise_count)
{
    static const char *const pieces[] = {"a",  " ",  "7", "é",  "©",
                                         "中", "，", "😀", "\t", "文字"};
    unsigned seed = 5;
    for (int round = 0; round < 2000; round++) {
        char text[200];
        size_t n = 0, want = (size_t)rand_r(&seed) % 150;
        while (n < want) {
            const char *p = pieces[(size_t)rand_r(&seed) % 10];
            size_t len = strlen(p);
            if (n + len >= sizeof text)
                break;
            memcpy(text + n, p, len);
            n += len;
        }
        for (size_t from = 0; from < n; from += 1 + from % 3) {
            size_t slow = sec_columns_bytewise(text + from, n - from);
            size_t fast = sec_columns(text + from, n - from);
            cr_assert_eq(fast, slow, "round %d from %zu: %s", round, from,
                         text + from);
            cr_assert_eq(sec_columns_chunks(text + from, n - from, false), slow,
                         "SSE2, round %d from %zu", round, from);
            cr_assert_eq(
                sec_columns_chunks(text + from, n - from, sec_noise_has_avx2()),
                slow, "AVX2, round %d from %zu", round, from);
        }
    }
    cr_assert_eq(sec_columns("abcdefghijklmnopqrstuvwxyz", 26), 26);
    cr_assert_eq(sec_columns("中文中文中文中文中文中文", 36), 24);
}

/* Lines of the source text are found with any line ending: LF, CRLF, a
 * lone CR, and a CR only near the end of a long text (the cursor decides
 * once per text whether to look for one). */
Test(repair, source_lines_with_every_line_ending)
{
    static const char *const texts[] = {
        "一\n二二\n\n三三三\n", "一\r\n二二\r\n\r\n三三三\r\n",
        "一\r二二\r\r三三三", "一\n二二\n\n三三三\r\n"};
    static const char *const lines[] = {"一", "二二", "", "三三三"};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_raw_copy(doc, texts[t], strlen(texts[t])), 0);
        sec_source_cursor cursor = {0};
        for (uint32_t k = 0; k < 4; k++) {
            const char *text;
            size_t len;
            cr_assert(sec_source_line(doc, &cursor, k + 1, &text, &len));
            cr_assert_eq(len, strlen(lines[k]), "text %zu line %u", t, k + 1);
            cr_assert(memcmp(text, lines[k], len) == 0, "text %zu line %u", t,
                      k + 1);
        }
        /* asked again from the top, and past the end */
        const char *text;
        size_t len;
        cr_assert(sec_source_line(doc, &cursor, 2, &text, &len));
        cr_assert_eq(len, strlen(lines[1]));
        cr_assert_not(sec_source_line(doc, &cursor, 9, &text, &len));
        sl_doc_free(doc);
    }
}

/* A random text of lines, many of them empty (which the cursor passes
 * without a search), ended by LF, or by CRLF or CR when cr is set. */
static size_t random_source_text(char *out, size_t cap, unsigned *seed, bool cr)
{
    static const char *const pieces[] = {"",     "",    "",    "a",
                                         "中文", "# h", "  x", "---"};
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    size_t n = 0, lines = (size_t)rand_r(seed) % 30;
    for (size_t i = 0; i < lines && n + 32 < cap; i++) {
        n += (size_t)snprintf(out + n, cap - n, "%s",
                              pieces[(size_t)rand_r(seed) % 8]);
        if (i + 1 < lines || rand_r(seed) % 2)
            n += (size_t)snprintf(out + n, cap - n, "%s",
                                  cr ? ends[(size_t)rand_r(seed) % 3] : "\n");
    }
    out[n] = '\0';
    return n;
}

/* Source lines asked in increasing order with gaps, and again from the
 * top, are the lines a plain reading of the raw text a byte at a time
 * gives (a line ends at its first CR or LF; the next starts past a CR,
 * an LF or a CRLF). */
Test(repair, source_lines_match_a_plain_reading)
{
    unsigned seed = 5;
    for (int round = 0; round < 3000; round++) {
        char text[1024];
        size_t len = random_source_text(text, sizeof text, &seed, round % 2);
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
        sec_source_cursor cursor = {0};
        for (int pass = 0; pass < 2; pass++) {
            size_t pos = 0;
            uint32_t line = 0;
            while (pos < len) {
                size_t start = pos, end = pos;
                while (end < len && text[end] != '\n' && text[end] != '\r')
                    end++;
                pos = end;
                if (pos < len && text[pos] == '\r' && pos + 1 < len &&
                    text[pos + 1] == '\n')
                    pos++;
                pos++;
                line++;
                if ((unsigned)rand_r(&seed) % 3 == 0)
                    continue;
                const char *got;
                size_t got_len;
                cr_assert(sec_source_line(doc, &cursor, line, &got, &got_len),
                          "round %d line %u", round, line);
                cr_assert_eq(got_len, end - start, "round %d line %u", round,
                             line);
                cr_assert(memcmp(got, text + start, got_len) == 0);
            }
        }
        sl_doc_free(doc);
    }
}
