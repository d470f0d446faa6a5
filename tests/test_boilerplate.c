/* tests/test_boilerplate.c - the boilerplate stage: each signal on a
 * plain-text page in the style of a Chinese template site (breadcrumb,
 * SEO blurb, repeated title, related list, counters, contacts, copyright),
 * context smoothing, HTML block rules, counters, and corpus learning.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "docs.h"
#include "../plugins/boilerplate/bp_internal.h"

extern const sl_plugin boilerplate_LTX_sluice_plugin;

static sl_ctx *ctx;

/* A state with every option at its default, as the core would bind it. */
static bp_state *new_state(void)
{
    bp_state *st = calloc(1, boilerplate_LTX_sluice_plugin.state_size);
    cr_assert_not_null(st);
    for (const sl_option *o = boilerplate_LTX_sluice_plugin.options; o->name;
         o++) {
        char *field = (char *)st + o->offset;
        if (!o->def)
            continue;
        if (o->type == SL_OPT_DOUBLE)
            *(double *)field = atof(o->def);
        else if (o->type == SL_OPT_INT)
            *(long *)field = atol(o->def);
        else if (o->type == SL_OPT_BOOL)
            *(bool *)field = strcmp(o->def, "true") == 0;
    }
    return st;
}

static void start(bp_state *st)
{
    cr_assert_eq(boilerplate_LTX_sluice_plugin.init(ctx, st), SL_OK, "%s",
                 sl_ctx_error(ctx) ? sl_ctx_error(ctx) : "");
}

static void stop(bp_state *st)
{
    boilerplate_LTX_sluice_plugin.fini(st);
    free(st);
}

static void setup(void)
{
    ctx = sl_ctx_new("boilerplate", NULL);
    cr_assert_not_null(ctx);
}

static void teardown(void)
{
    sl_ctx_free(ctx);
}

TestSuite(boilerplate, .init = setup, .fini = teardown);

static sl_doc *text_doc(const char *text)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    return doc;
}

static sl_doc *run_text(bp_state *st, const char *text)
{
    sl_doc *doc = text_doc(text);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    return doc;
}

static char *read_sample(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/boilerplate/template-site.txt",
             TEST_DATA_DIR);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    static char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* The first block whose text contains s. */
static const sl_block *block_with(const sl_doc *doc, const char *s)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, s))
            return &doc->blocks[i];
    }
    cr_assert_fail("no block holds \"%s\"", s);
    return NULL;
}

static void expect_flagged(const sl_doc *doc, const char *s, const char *why)
{
    const sl_block *b = block_with(doc, s);
    cr_expect(b->flags & SL_BLOCK_BOILERPLATE, "\"%s\" should be boilerplate",
              s);
    cr_expect_not_null(b->reason, "\"%s\" has no reason", s);
    if (b->reason && why)
        cr_expect_str_eq(b->reason, why, "\"%s\": reason %s, expected %s", s,
                         b->reason, why);
    cr_expect_geq(b->score, 0.5f);
}

static void expect_kept(const sl_doc *doc, const char *s)
{
    const sl_block *b = block_with(doc, s);
    cr_expect_not(b->flags & SL_BLOCK_BOILERPLATE, "\"%s\" was flagged (%s)", s,
                  b->reason ? b->reason : "");
}

Test(boilerplate, template_page_signals)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, read_sample());
    expect_flagged(doc, "范文网 > 工作总结", "nav");
    expect_flagged(doc, "以下是范文网小编", "seo-blurb");
    expect_flagged(doc, "社区工作总结相关文章", "related");
    expect_flagged(doc, "社区年度工作总结最新3篇", "related-list");
    expect_flagged(doc, "2023年街道办事处工作总结5篇", "related-list");
    expect_flagged(doc, "热门推荐", "related");
    expect_flagged(doc, "点击加载更多", "more");
    expect_flagged(doc, "30712", "stray-number");
    expect_flagged(doc, "联系客服", "contact");
    expect_flagged(doc, "微信号:abcd1234", "contact");
    expect_flagged(doc, "扫码添加客服微信", "contact");
    expect_flagged(doc, "京ICP备", NULL);
    expect_kept(doc, "今年以来，我社区");
    expect_kept(doc, "一、加强组织建设");
    expect_kept(doc, "2023年社区工作总结篇1");
    expect_kept(doc, "一年来，社区以创建文明城市");
    sl_doc_free(doc);
    stop(st);
}

Test(boilerplate, stray_letters_and_numbers)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, "第一段正文说明了今年的工作情况，数据详实。\n\n"
                               "18\nb\n\n第二段正文继续介绍明年的计划安排。");
    expect_flagged(doc, "18", "stray-number");
    expect_flagged(doc, "b", "stray-number");
    expect_kept(doc, "第二段正文");
    sl_doc_free(doc);
    stop(st);
}

Test(boilerplate, title_line_and_its_copy)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, read_sample());
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "2023年社区工作总结3篇");
    const sl_block *first = NULL, *copy = NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strcmp(doc->blocks[i].text, "2023年社区工作总结3篇") != 0)
            continue;
        if (!first)
            first = &doc->blocks[i];
        else
            copy = &doc->blocks[i];
    }
    cr_assert(first && copy);
    cr_expect(first->flags & SL_BLOCK_TITLE);
    cr_expect_not(first->flags & SL_BLOCK_BOILERPLATE);
    cr_expect(copy->flags & SL_BLOCK_BOILERPLATE);
    cr_expect_str_eq(copy->reason, "duplicate-title");
    sl_doc_free(doc);
    stop(st);
}

/* The second block whose text is s, or NULL. */
static const sl_block *second_block_equal(const sl_doc *doc, const char *s)
{
    int seen = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strcmp(doc->blocks[i].text, s) == 0 && seen++ == 1)
            return &doc->blocks[i];
    }
    return NULL;
}

/* A title repeated as a Markdown heading (a Setext underline right under
 * it, or an ATX #) opens a section: it is no copy of the title. Over a
 * blank line, --- is a thematic break and the copy is a copy. */
Test(boilerplate, a_title_repeated_as_a_markdown_heading_is_no_copy)
{
    static const char *const headings[] = {
        "Foo *bar*\n=========\n\nFoo *bar*\n---------\n",
        "Foo *bar*\n=========\n\nFoo *bar*\n   ===   \n",
        "## Foo *bar*\n\nText of the body.\n\n## Foo *bar*\n",
        "## Foo *bar*\n\nText of the body.\n\n## Foo *bar*\nmore text\n",
    };
    static const char *const titles[] = {"Foo *bar*", "Foo *bar*",
                                         "## Foo *bar*", "## Foo *bar*"};
    bp_state *st = new_state();
    start(st);
    for (size_t k = 0; k < sizeof headings / sizeof headings[0]; k++) {
        sl_doc *doc = run_text(st, headings[k]);
        cr_assert_not_null(doc->title, "%s", headings[k]);
        const sl_block *copy = second_block_equal(doc, titles[k]);
        cr_assert_not_null(copy, "%s", headings[k]);
        cr_expect_not(copy->flags & SL_BLOCK_BOILERPLATE, "%s: flagged %s",
                      headings[k], copy->reason ? copy->reason : "");
        sl_doc_free(doc);
    }
    static const char *const copies[] = {
        "Foo *bar*\n=========\n\nFoo *bar*\n\n---------\n",
        "Foo *bar*\n=========\n\nFoo *bar*\n    ---------\n",
        "Foo *bar*\n=========\n\nFoo *bar*\n--- -----\n",
    };
    for (size_t k = 0; k < sizeof copies / sizeof copies[0]; k++) {
        sl_doc *doc = run_text(st, copies[k]);
        const sl_block *copy = second_block_equal(doc, "Foo *bar*");
        cr_assert_not_null(copy, "%s", copies[k]);
        cr_expect(copy->flags & SL_BLOCK_BOILERPLATE, "%s", copies[k]);
        cr_expect_str_eq(copy->reason ? copy->reason : "", "duplicate-title",
                         "%s", copies[k]);
        sl_doc_free(doc);
    }
    stop(st);
}

/* Every reason has a name, its "removed.<name>" counter and a line of
 * description, and no two share a name. */
Test(boilerplate, the_reason_table_is_whole)
{
    cr_expect_null(bp_reason_name(BP_REASON_NONE));
    for (int r = BP_REASON_NONE + 1; r < BP_REASON_COUNT; r++) {
        const bp_reason_def *d = &bp_reasons[r];
        cr_assert_not_null(d->name, "reason %d has no name", r);
        char counter[64];
        snprintf(counter, sizeof counter, "removed.%s", d->name);
        cr_expect_str_eq(d->counter, counter);
        cr_expect(d->description && d->description[0], "%s", d->name);
        cr_expect(d->score >= 0.0f && d->score <= 1.0f, "%s", d->name);
        cr_expect(d->other_score >= 0.0f && d->other_score <= 1.0f);
        for (int q = BP_REASON_NONE + 1; q < r; q++)
            cr_expect_str_neq(bp_reasons[q].name, d->name);
    }
}

/* The rules score from the table: a block flagged for a fixed-score
 * reason carries the table's score. */
Test(boilerplate, scores_come_from_the_reason_table)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, read_sample());
    cr_expect_eq(block_with(doc, "以下是范文网小编")->score,
                 bp_reason_score(BP_REASON_SEO_BLURB));
    cr_expect_eq(block_with(doc, "2023年街道办事处工作总结5篇")->score,
                 bp_reason_score(BP_REASON_RELATED_LIST));
    cr_expect_eq(block_with(doc, "范文网 > 工作总结")->score,
                 bp_reason_other_score(BP_REASON_NAV));
    sl_doc_free(doc);
    stop(st);
}

/* doc/boilerplate.md's reason table is the one the program prints
 * (regenerate it with doc/gen-boilerplate-reasons.sh). */
Test(boilerplate, the_docs_list_the_reason_table)
{
    FILE *f = fopen(DOC_DIR "/boilerplate.md", "r");
    cr_assert_not_null(f, "cannot read %s", DOC_DIR "/boilerplate.md");
    char *doc_table = NULL, *program_table = NULL;
    size_t doc_len = 0, program_len = 0;
    FILE *doc_out = open_memstream(&doc_table, &doc_len);
    FILE *program_out = open_memstream(&program_table, &program_len);
    cr_assert(doc_out && program_out);
    char line[8192];
    int inside = 0, markers = 0;
    while (fgets(line, sizeof line, f)) {
        if (strcmp(line, "<!-- END GENERATED REASONS -->\n") == 0) {
            inside = 0;
            markers++;
        }
        if (inside)
            fputs(line, doc_out);
        if (strcmp(line, "<!-- BEGIN GENERATED REASONS -->\n") == 0) {
            inside = 1;
            markers++;
        }
    }
    fclose(f);
    cr_assert_eq(markers, 2, "boilerplate.md lacks the reason markers");
    cr_assert_eq(bp_reasons_write_markdown(program_out), 0);
    fclose(doc_out);
    fclose(program_out);
    cr_expect_str_eq(doc_table, program_table,
                     "doc/boilerplate.md's reason table is out of date: run "
                     "doc/gen-boilerplate-reasons.sh BUILD-DIR");
    free(doc_table);
    free(program_table);
}

Test(boilerplate, context_smoothing)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc =
        run_text(st, "本报讯 今年全市粮食总产量再创新高，达到一百二十万吨。\n\n"
                     "联系我们\n周一至周五\n版权所有 某某日报社\n\n");
    expect_flagged(doc, "周一至周五", "short-between-boilerplate");
    sl_doc_free(doc);

    doc =
        run_text(st, "本报讯 今年全市粮食总产量再创新高，达到一百二十万吨。\n\n"
                     "夏粮丰收\n\n秋粮播种面积比去年增加三万亩，长势良好。");
    expect_kept(doc, "夏粮丰收");
    sl_doc_free(doc);

    st->smooth = false;
    doc =
        run_text(st, "正文第一句话写在这里，内容完整。\n联系我们\n周一至周五\n"
                     "版权所有 某某日报社");
    expect_kept(doc, "周一至周五");
    sl_doc_free(doc);
    stop(st);
}

Test(boilerplate, english_phrases)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, "Home > News > Local\n"
                               "The river rose two metres overnight, and the "
                               "town council opened three shelters.\n"
                               "Share this article\n"
                               "Get local news delivered straight to your "
                               "inbox. Sign up for our newsletters.\n"
                               "Related Articles\n"
                               "Copyright 2024 The Valley Herald. All rights "
                               "reserved.");
    expect_flagged(doc, "Home > News", "nav");
    expect_flagged(doc, "Share this", "share");
    expect_flagged(doc, "Get local news", "login");
    expect_flagged(doc, "Related Articles", "related");
    expect_flagged(doc, "All rights reserved", "copyright");
    expect_kept(doc, "The river rose");
    sl_doc_free(doc);
    stop(st);
}

/* English stop phrases count as whole words, a plural s allowed. */
static int english_phrase_hits(const char *text)
{
    bp_lexicon_init();
    bp_lexicon_hit hit = {0};
    bp_lexicon_match(text, strlen(text), strlen(text), &hit);
    return hit.hits;
}

Test(boilerplate, english_phrases_are_whole_words)
{
    cr_assert_eq(english_phrase_hits("Sign in"), 1);
    cr_assert_eq(english_phrase_hits("Please sign into the form below"), 0);
    cr_assert_eq(english_phrase_hits("Homeless families"), 0);
    cr_assert_eq(english_phrase_hits("Home"), 1);
    cr_assert_eq(english_phrase_hits("Our weekly newsletters"), 1);
    cr_assert_eq(english_phrase_hits("Share online albums"), 0);
    cr_assert_eq(english_phrase_hits("Retweeted"), 0);
}

Test(boilerplate, min_score_is_the_threshold)
{
    bp_state *st = new_state();
    st->min_score = 0.99;
    start(st);
    sl_doc *doc =
        run_text(st, "正文内容写在这里，是一段完整的句子。\n联系客服");
    const sl_block *b = block_with(doc, "联系客服");
    cr_expect_not(b->flags & SL_BLOCK_BOILERPLATE);
    cr_expect_gt(b->score, 0.5f, "the score is kept for tuning");
    sl_doc_free(doc);
    stop(st);
}

Test(boilerplate, counters_by_reason)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, read_sample());
    uint64_t contact = 0, removed = 0;
    for (size_t i = 0; i < sl_ctx_counter_count(ctx); i++) {
        if (strcmp(sl_ctx_counter_name(ctx, i), "removed.contact") == 0)
            contact = sl_ctx_counter_value(ctx, i);
        if (strcmp(sl_ctx_counter_name(ctx, i), "removed") == 0)
            removed = sl_ctx_counter_value(ctx, i);
    }
    size_t flagged = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        flagged += (doc->blocks[i].flags & SL_BLOCK_BOILERPLATE) != 0;
    cr_expect_geq(contact, 3);
    cr_expect_eq(removed, flagged);
    sl_doc_free(doc);
    stop(st);
}

/* Appends a block with html features. */
static sl_block *html_block(sl_doc *doc, const char *text, uint32_t links,
                            uint32_t hints)
{
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    cr_assert_not_null(b);
    sl_html_features *f = sl_doc_alloc(doc, sizeof *f);
    cr_assert_not_null(f);
    f->tag = "p";
    f->path = "div>p";
    f->class_id = "";
    f->text_chars = (uint32_t)sl_utf8_count(text, strlen(text));
    f->link_chars = links;
    f->hints = hints | SL_HINT_MAIN_FOUND;
    b->html = f;
    return b;
}

Test(boilerplate, html_blocks)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "首页 新闻 体育 财经 科技", 14, SL_HINT_NAV);
    html_block(doc, "市政府今天发布了新的交通管理办法，自下月起施行。", 0,
               SL_HINT_MAIN);
    html_block(doc, "相关链接一 相关链接二 相关链接三", 15,
               SL_HINT_MAIN | SL_HINT_WEAK_CONTAINER);
    html_block(doc, "办法共分五章，对停车、限行和处罚作了规定。", 0,
               SL_HINT_MAIN);
    html_block(doc, "热门评论", 0, SL_HINT_MAIN | SL_HINT_WEAK_CONTAINER);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "首页 新闻", "nav");
    expect_kept(doc, "市政府今天");
    expect_flagged(doc, "相关链接一", "link-density");
    expect_kept(doc, "办法共分五章");
    expect_flagged(doc, "热门评论", NULL);
    sl_doc_free(doc);
    stop(st);
}

/* Inside the main content (outside its weak containers) a list of links
 * the article gives stays; a labelled teaser ("Related: ...") and a link
 * repeated three times (a "Run example" button) still go. */
Test(boilerplate, links_the_article_gives_stay)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "The council published the plan on Monday, with maps.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Traffic order of 2024", 21, SL_HINT_MAIN);
    html_block(doc, "Parking zones map", 17, SL_HINT_MAIN);
    html_block(doc, "Related: Bus lanes open next month", 26, SL_HINT_MAIN);
    for (int i = 0; i < 3; i++)
        html_block(doc, "Run example", 11, SL_HINT_MAIN);
    html_block(doc, "Fines rise from the first of May, the council said.", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Traffic order of 2024");
    expect_kept(doc, "Parking zones map");
    expect_flagged(doc, "Related: Bus lanes", "link-density");
    expect_flagged(doc, "Run example", "link-density");
    sl_doc_free(doc);
    stop(st);
}

/* A native ad set among the article's paragraphs is one link whose words
 * open with the ad label; a linked line that merely starts with the word
 * (a sentence about advertising, not a link) stays. */
Test(boilerplate, a_labelled_ad_link_in_the_article_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "丁俊晖在世锦赛首轮比赛中战胜对手，晋级下一轮。", 0,
               SL_HINT_MAIN);
    html_block(doc, "广告英国的大学排名全知晓", 12, SL_HINT_MAIN);
    html_block(doc, "推广魔兽世界怀旧服今日新开", 13, SL_HINT_MAIN);
    html_block(doc, "广告法对虚假宣传作了明确规定，违者将被处罚。", 0,
               SL_HINT_MAIN);
    html_block(doc, "这样一位资深球手，为何还要继续奔波？", 0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "广告英国", "ad");
    expect_flagged(doc, "推广魔兽", "ad");
    expect_kept(doc, "广告法对虚假宣传");
    expect_kept(doc, "丁俊晖在世锦赛");
    sl_doc_free(doc);
    stop(st);
}

/* The editorial credits under a Chinese article (who checked, proofread
 * or laid it out) go like the editor's line; a sentence that names a
 * review, or a longer line opening with the word, stays. */
Test(boilerplate, editorial_credits_under_an_article_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "专家提醒，公众要提前做好防暑准备，合理安排户外活动时间。",
               0, SL_HINT_MAIN);
    html_block(doc, "审核：钱七", 0, SL_HINT_MAIN);
    html_block(doc, "（校对：孙八）", 0, SL_HINT_MAIN);
    html_block(doc, "值班编辑: 周九", 0, SL_HINT_MAIN);
    html_block(doc, "审核：本报告已经专家组审核通过，将于下月正式发布实施。", 0,
               SL_HINT_MAIN);
    html_block(doc, "审核制度是保证质量的关键", 0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "审核：钱七", "byline");
    expect_flagged(doc, "校对：孙八", "byline");
    expect_flagged(doc, "值班编辑: 周九", "byline");
    expect_kept(doc, "本报告已经专家组审核通过");
    expect_kept(doc, "专家提醒");
    sl_doc_free(doc);
    stop(st);
}

/* A lead-in ending in a colon and the links after it that close the
 * main content are a list of other pages; the same links followed by
 * more of the article, or after a lead-in that is a sentence, stay. */
Test(boilerplate, a_list_of_links_closing_the_article_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "The council published the plan on Monday, with maps.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Sources used:", 0, SL_HINT_MAIN);
    html_block(doc, "Traffic order of 2024", 21, SL_HINT_MAIN);
    html_block(doc, "Fines rise from the first of May, the council said.", 0,
               SL_HINT_MAIN);
    html_block(doc, "You may also be interested in:", 0, SL_HINT_MAIN);
    html_block(doc, "Report a broken street light", 28, SL_HINT_MAIN);
    html_block(doc, "Request a parking permit", 24, SL_HINT_MAIN);
    html_block(doc, "Contact the council", 19, SL_HINT_FOOTER);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Sources used:");
    expect_kept(doc, "Traffic order of 2024");
    expect_flagged(doc, "You may also be interested", "related-list");
    expect_flagged(doc, "Report a broken", "related-list");
    expect_flagged(doc, "Request a parking", "related-list");
    sl_doc_free(doc);

    /* a lead-in that says more than a label is the article's */
    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "The council published the plan on Monday, with maps.", 0,
               SL_HINT_MAIN);
    html_block(doc, "The plan itself. Read it here:", 0, SL_HINT_MAIN);
    html_block(doc, "Traffic order of 2024", 21, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "The plan itself");
    expect_kept(doc, "Traffic order of 2024");
    sl_doc_free(doc);
    stop(st);
}

/* Under the headline, a short line with a full date is the date line; a
 * subtitle with a year and month, and a date line far below, stay. */
Test(boilerplate, the_date_line_under_the_headline_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    sl_block *title =
        html_block(doc, "汽车品牌直播事故，涉事账号被封禁", 0, SL_HINT_MAIN);
    title->flags |= SL_BLOCK_TITLE;
    html_block(doc, "2024-05-18 16:56发布于北京环球时报新媒体官方账号", 0,
               SL_HINT_MAIN);
    html_block(doc, "Posted Fri, May 17, 2024 at 6:05 pm PT", 0, SL_HINT_MAIN);
    html_block(doc, "2024年4月份居民消费价格同比上涨0.3%", 0, SL_HINT_MAIN);
    html_block(doc, "May 2024 was the warmest month", 0, SL_HINT_MAIN);
    for (int i = 0; i < 6; i++)
        html_block(doc, "平台表示，相关账号已被无限期封禁，并将继续核查。", 0,
                   SL_HINT_MAIN);
    html_block(doc, "更新于 2024年5月19日 08时05分", 0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "2024-05-18 16:56", "date");
    expect_kept(doc, "2024年4月份");
    expect_flagged(doc, "Posted Fri", "date");
    expect_kept(doc, "warmest month");
    expect_kept(doc, "更新于");
    sl_doc_free(doc);
    stop(st);
}

/* Above the headline, with a share bar between, the date line goes too,
 * in day-month-year and year-last forms; so does a byline by the headline
 * ("By Jane Doe", even as a heading), and a dated byline anywhere. A dated
 * line further up, a version number, a sentence that starts with "By"
 * and an undated byline far from the headline stay. */
Test(boilerplate, the_date_line_above_the_headline_and_the_byline_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "Archive of 05/04/2013", 0, SL_HINT_MAIN);
    html_block(doc, "Markets close higher on Friday", 0, SL_HINT_MAIN);
    html_block(doc, "Bird flu spreads to a third province", 0, SL_HINT_MAIN);
    html_block(doc, "Release 1.2.2024.5 notes", 0, SL_HINT_MAIN);
    html_block(doc, "5 April 2013 Last updated at 11:05 GMT", 0, SL_HINT_MAIN);
    html_block(doc, "Posted at 02:30 PM ET, 08/15/2012", 0, SL_HINT_MAIN);
    html_block(doc, "Share this page", 15, SL_HINT_MAIN);
    html_block(doc, "Facebook", 8, SL_HINT_MAIN);
    sl_block *title =
        html_block(doc, "Shanghai closes poultry markets", 0, SL_HINT_MAIN);
    title->flags |= SL_BLOCK_TITLE;
    sl_block *by = html_block(doc, "By Stephen Fidler", 0, SL_HINT_MAIN);
    by->kind = SL_BLOCK_HEADING;
    html_block(doc, "Aktualisiert am 15.05.2024, 10:20 Uhr", 0, SL_HINT_MAIN);
    html_block(doc,
               "By the end of the week, officials said, 20,000 birds had "
               "been culled.",
               0, SL_HINT_MAIN);
    for (int i = 0; i < 8; i++)
        html_block(doc, "The city has begun a mass slaughter of poultry.", 0,
                   SL_HINT_MAIN);
    html_block(doc, "By Ann Lee", 0, SL_HINT_MAIN);
    html_block(doc, "Markets reopen on Monday, the city said.", 0,
               SL_HINT_MAIN);
    html_block(doc, "By Post editors | 10:58 AM ET, 09/16/2011", 0,
               SL_HINT_MAIN);
    html_block(doc, "Six people have died in this outbreak.", 0, SL_HINT_MAIN);
    html_block(doc, "Posted by: Tim Newman at Nov 24, 2004 4:33:46 AM", 10,
               SL_HINT_MAIN);
    html_block(doc, "Officials ordered the slaughter of the birds.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Posted by Jane Roe", 0, SL_HINT_MAIN);
    html_block(doc, "Trading is suspended on Saturday, the city said.", 0,
               SL_HINT_MAIN);
    html_block(doc, "\xe2\x80\x94 Ann Lee (@annlee) April 2, 2013", 13,
               SL_HINT_MAIN);
    html_block(doc, "The markets will reopen next week.", 0, SL_HINT_MAIN);
    html_block(doc, "\xe2\x80\x94 Mark Twain", 0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "\xe2\x80\x94 Ann Lee (@annlee)", "byline");
    expect_kept(doc, "\xe2\x80\x94 Mark Twain");
    expect_flagged(doc, "By Post editors", "byline");
    expect_flagged(doc, "Posted by: Tim", "byline");
    expect_kept(doc, "Posted by Jane");
    expect_kept(doc, "By Ann Lee");
    expect_flagged(doc, "5 April 2013", "date");
    expect_flagged(doc, "Posted at", "date");
    expect_flagged(doc, "By Stephen", "byline");
    expect_flagged(doc, "Aktualisiert", "date");
    expect_kept(doc, "Archive of");
    expect_kept(doc, "Release 1.2");
    expect_kept(doc, "By the end");
    sl_doc_free(doc);
    stop(st);
}

/* A byline under the headline past a box of links (a page's contents)
 * goes as one right under it: the reach counts blocks of text, as it does
 * above the headline; an initial's full stop ("John W. Miller") ends no
 * sentence. A line starting with "By" that holds a sentence stays, and so
 * does a byline six blocks of text below the headline. */
Test(boilerplate, a_byline_past_a_box_of_links_and_with_an_initial_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    sl_block *title =
        html_block(doc, "A US view of the class system", 0, SL_HINT_MAIN);
    title->flags |= SL_BLOCK_TITLE;
    static const char *const contents[] = {"Middle class?",  "Class calculator",
                                           "US view",        "Reader reactions",
                                           "Huge survey",    "The results",
                                           "The methodology"};
    for (size_t i = 0; i < 7; i++)
        html_block(doc, contents[i], (uint32_t)strlen(contents[i]),
                   SL_HINT_MAIN);
    html_block(doc, "By Michael Smith Writer and broadcaster", 0, SL_HINT_MAIN);
    for (int i = 0; i < 8; i++)
        html_block(doc, "Foreigners find the class system baffling, he says.",
                   0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "By Michael Smith", "byline");
    sl_doc_free(doc);

    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    title = html_block(doc, "The parliament as a video game", 0, SL_HINT_MAIN);
    title->flags |= SL_BLOCK_TITLE;
    sl_block *by = html_block(doc, "By John W. Miller", 0, SL_HINT_MAIN);
    by->kind = SL_BLOCK_HEADING;
    html_block(doc, "By J. Doe. The game was launched on Monday", 0,
               SL_HINT_MAIN);
    for (int i = 0; i < 5; i++)
        html_block(doc, "Members of parliament debated the game, with maps.", 0,
                   SL_HINT_MAIN);
    html_block(doc, "By Ann B. Lee", 0, SL_HINT_MAIN);
    html_block(doc, "The game costs nothing, the parliament said.", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "By John W. Miller", "byline");
    expect_kept(doc, "By J. Doe. The game");
    expect_kept(doc, "By Ann B. Lee");
    sl_doc_free(doc);
    stop(st);
}

/* A lead-in ending in a colon whose list of links has gone, with the
 * article going on after it, goes too, and so does a table's head row
 * whose cells have all gone; a lead-in to one removed link, or to removed
 * lines that hold no link (a picture's or a chart's), stays. */
Test(boilerplate, a_lead_in_whose_list_of_links_went_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "The newsroom takes tips by mail and by phone, all day.", 0,
               SL_HINT_MAIN);
    html_block(doc,
               "To reach one of our senior editors, use the links below:", 0,
               SL_HINT_MAIN);
    html_block(doc, "Jane Roe, executive editor", 8,
               SL_HINT_MAIN | SL_HINT_SHARE);
    html_block(doc, "John Doe, managing editor", 8,
               SL_HINT_MAIN | SL_HINT_SHARE);
    html_block(doc, "To reach a department, use the numbers at the bottom.", 0,
               SL_HINT_MAIN);
    html_block(doc, "The full list of our editors is printed here:", 0,
               SL_HINT_MAIN);
    html_block(doc, "Jane Roe, executive editor, in the newsroom", 8,
               SL_HINT_MAIN | SL_HINT_SHARE);
    html_block(doc, "Tips on a local story go to the local desk, by mail.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Here is what the old square looks like:", 0, SL_HINT_MAIN);
    html_block(doc, "6 32 3 34", 0, SL_HINT_MAIN | SL_HINT_SHARE);
    html_block(doc, "7 11 27 28", 0, SL_HINT_MAIN | SL_HINT_SHARE);
    html_block(doc, "Every row of the square adds up to the same sum.", 0,
               SL_HINT_MAIN);
    sl_block *head = html_block(doc, "price\tchange\t%", 0, SL_HINT_MAIN);
    head->kind = SL_BLOCK_TABLE_ROW;
    head->html->path = "div>table>thead>tr";
    static const char *const figures[] = {"10.41", "-0.19", "-1.79"};
    for (size_t i = 0; i < 3; i++) {
        sl_block *cell =
            html_block(doc, figures[i], 0, SL_HINT_MAIN | SL_HINT_SHARE);
        cell->html->path = "div>table>tbody>tr>td";
    }
    html_block(doc, "The bank bought bonds again on Thursday, traders said.", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "6 32 3 34", "date");
    expect_flagged(doc, "10.41", "date");
    expect_flagged(doc, "price\tchange", "date");
    expect_flagged(doc, "To reach one of our senior editors", "byline");
    expect_flagged(doc, "Jane Roe, executive editor", "byline");
    expect_kept(doc, "To reach a department");
    expect_kept(doc, "The full list of our editors");
    expect_kept(doc, "Here is what the old square");
    sl_doc_free(doc);
    stop(st);
}

/* A year and a clock time make a date line in any language; one the
 * main-content finder left out between the headline and the article is
 * not kept with the other blocks it left out there. A year and a time
 * in a sentence, or a clock time without a year, stay. */
Test(boilerplate, a_date_line_in_any_language_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    sl_block *title =
        html_block(doc, "Addio all'indirizzo twitter.com", 0, SL_HINT_MAIN);
    title->flags |= SL_BLOCK_TITLE;
    html_block(doc, "Il social network ora usa soltanto x.com", 0, 0);
    html_block(doc, "18 Maggio 2024 alle 09:22 1 minuti di lettura", 0, 0);
    html_block(doc, "Il nuovo indirizzo, ha scritto Musk, vale per tutti.", 0,
               SL_HINT_MAIN);
    html_block(doc,
               "\xd8\xa7\xd9\x84\xd8\xa5\xd8\xab\xd9\x86\xd9\x8a\xd9\x86 13 "
               "\xd9\x85\xd8\xa7\xd9\x8a\xd9\x88 2024 06:00",
               0, SL_HINT_MAIN);
    html_block(doc, "Alle 09:30 del 2024 il sito era gi\xc3\xa0 cambiato.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Aperto dalle 09:30 alle 18:00", 0, SL_HINT_MAIN);
    for (int i = 0; i < 6; i++)
        html_block(doc, "Gli esperti invitano a fare attenzione ai link.", 0,
                   SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    /* removed as the finder left it out, not rescued between content */
    expect_flagged(doc, "18 Maggio 2024", "outside-main");
    expect_flagged(doc, "\xd8\xa7\xd9\x84\xd8\xa5", "date");
    expect_kept(doc, "Alle 09:30 del 2024");
    expect_kept(doc, "Aperto dalle");
    sl_doc_free(doc);
    stop(st);
}

/* A post's buttons (like, report, fold, with a count) go; a short reply
 * that mentions one ("收藏了", "bookmarked", "谢谢分享") stays. */
Test(boilerplate, buttons_go_and_short_replies_stay)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "花了一天半的时间买了四个平板，总算是解决了。", 0,
               SL_HINT_MAIN);
    html_block(doc, "分享23", 0, SL_HINT_MAIN);
    html_block(doc, "举报收起", 0, SL_HINT_MAIN);
    html_block(doc, "收藏了", 0, SL_HINT_MAIN | SL_HINT_POST);
    html_block(doc, "谢谢分享", 0, SL_HINT_MAIN | SL_HINT_POST);
    html_block(doc, "发表于 2024-5-18 19:27 | 只看该作者 | 倒序浏览", 0,
               SL_HINT_MAIN);
    html_block(doc, "这个办法我也试过，确实有用，谢谢楼主的分享。", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "分享23", "action");
    expect_flagged(doc, "举报收起", "action");
    expect_flagged(doc, "只看该作者", "action");
    expect_kept(doc, "收藏了");
    expect_kept(doc, "谢谢分享");
    expect_kept(doc, "谢谢楼主的分享");
    sl_doc_free(doc);
    stop(st);
}

/* A reply that tells the poster to call customer service is what the
 * reply says: a contact phrase in a sentence of a post stays; the same
 * phrase in a short line outside the posts still goes. */
Test(boilerplate, a_reply_mentioning_customer_service_stays)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "家里的路由器每天晚上都会断网一次，重启之后就好了，这是为什么？",
               0, SL_HINT_MAIN | SL_HINT_POST);
    html_block(doc,
               "我家以前也这样，后来发现是运营商的问题，打客服电话报修就好了。",
               0, SL_HINT_MAIN | SL_HINT_POST);
    html_block(doc, "在线客服 9:00-18:00", 0, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "断网一次");
    expect_kept(doc, "打客服电话报修");
    expect_flagged(doc, "在线客服", NULL);
    sl_doc_free(doc);
    stop(st);
}

/* A podcast's "listen on" line, a newsletter's small print, a widget
 * still loading and an encyclopedia's section buttons go; prose that
 * mentions an edit or a newsletter stays. */
Test(boilerplate, small_print_and_placeholders_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "区域规划", 0, SL_HINT_MAIN);
    html_block(doc, "播报", 0, SL_HINT_MAIN);
    html_block(doc, "编辑", 0, SL_HINT_MAIN);
    html_block(doc,
               "雄安高新区以核心区南北为两翼，布局五大产业园区，编辑部介绍说。",
               0, SL_HINT_MAIN);
    html_block(doc, "调查问题加载中，请稍候。", 0, SL_HINT_MAIN);
    html_block(doc, "若长时间无响应，请刷新本页面", 0, SL_HINT_MAIN);
    html_block(doc,
               "Scientists observed a cluster of sunspots on the surface of "
               "the sun this week, and the newsletter of the society said so.",
               0, SL_HINT_MAIN);
    html_block(doc,
               "Listen to Short Wave on Spotify, Apple Podcasts and Google "
               "Podcasts.",
               0, SL_HINT_MAIN);
    html_block(doc,
               "This newsletter may contain advertising, deals, or affiliate "
               "links. You may unsubscribe from the newsletters at any time.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "播报", "action");
    expect_flagged(doc, "编辑", "action");
    expect_kept(doc, "编辑部介绍说");
    expect_flagged(doc, "调查问题加载中", "more");
    expect_flagged(doc, "刷新本页面", "more");
    expect_kept(doc, "cluster of sunspots");
    expect_flagged(doc, "Apple Podcasts", "share");
    expect_flagged(doc, "may unsubscribe", "login");
    sl_doc_free(doc);
    stop(st);
}

/* A caption's toggle, a zoom button, a sign-up form's labels and
 * pitch, a show's request for mail and a plea to pay for it, a blog's
 * like button, a widget still loading and a shop's buttons and price
 * labels go; prose that mentions an email address, support, loading, a
 * quantity or a price stays. */
Test(boilerplate, picture_buttons_and_promotions_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "NASA's Solar Dynamics Observatory captured this image of a "
               "strong solar flare on May 8, 2024.",
               0, SL_HINT_MAIN);
    html_block(doc, "toggle caption", 0, SL_HINT_MAIN);
    html_block(doc, "(click to enlarge)", 0, SL_HINT_MAIN);
    html_block(doc, "点击查看大图", 0, SL_HINT_MAIN);
    html_block(doc,
               "The results are sent in a PDF to an email address provided "
               "by the anonymous client, who can support the work later.",
               0, SL_HINT_MAIN);
    html_block(doc,
               "Want us to cover more about the sun? Email us at "
               "shortwave@example.org.",
               0, SL_HINT_MAIN);
    html_block(doc,
               "Listen to every episode sponsor-free and support our work "
               "by signing up for the show's plus feed.",
               0, SL_HINT_MAIN);
    html_block(doc, "Registration is free, quick and easy", 0, SL_HINT_MAIN);
    html_block(doc, "E-mail Address", 0, SL_HINT_MAIN);
    html_block(doc,
               "Are you affected by the issues in this story? Send us your "
               "experiences using the form below.",
               0, SL_HINT_MAIN);
    html_block(doc,
               "(Required) Name (Required) Your E-mail address (Required) "
               "Town & Country",
               0, SL_HINT_MAIN);
    html_block(doc, "CHF903.00Sale Price", 0, SL_HINT_MAIN);
    html_block(doc, "Quantity", 0, SL_HINT_MAIN);
    html_block(doc, "Add to cart", 0, SL_HINT_MAIN);
    html_block(doc, "加入购物车", 0, SL_HINT_MAIN);
    html_block(doc,
               "The quantity of chiles the farm grew fell by half, and the "
               "sale price rose.",
               0, SL_HINT_MAIN);
    html_block(doc, "See all", 0, SL_HINT_MAIN);
    html_block(doc, "查看全部", 0, SL_HINT_MAIN);
    html_block(doc, "Like this:", 0, SL_HINT_MAIN);
    html_block(doc, "Loading...", 0, SL_HINT_MAIN);
    html_block(doc, "Like Loading...", 0, SL_HINT_MAIN);
    html_block(doc, "Loading the truck took the crew an hour, they said.", 0,
               SL_HINT_MAIN);
    html_block(doc,
               "All rights of the publication are reserved by the site. "
               "Reproduction without proper consent is not allowed.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Solar Dynamics");
    expect_flagged(doc, "toggle caption", "action");
    expect_flagged(doc, "click to enlarge", "action");
    expect_flagged(doc, "点击查看大图", "action");
    expect_kept(doc, "sent in a PDF");
    expect_flagged(doc, "Email us at", "contact");
    expect_flagged(doc, "sponsor-free", "login");
    expect_flagged(doc, "Registration is free", "login");
    expect_flagged(doc, "E-mail Address", "login");
    expect_flagged(doc, "Send us your", "contact");
    expect_flagged(doc, "(Required) Name", "login");
    expect_flagged(doc, "Sale Price", "action");
    expect_flagged(doc, "Quantity", "action");
    expect_flagged(doc, "Add to cart", "action");
    expect_flagged(doc, "加入购物车", "action");
    expect_kept(doc, "quantity of chiles");
    expect_flagged(doc, "See all", "more");
    expect_flagged(doc, "查看全部", "more");
    expect_flagged(doc, "Like this:", "action");
    expect_flagged(doc, "Like Loading", "action");
    expect_flagged(doc, "Loading...", "more");
    expect_kept(doc, "Loading the truck");
    expect_flagged(doc, "Reproduction without", "copyright");
    sl_doc_free(doc);
    stop(st);
}

/* A writer's signature, a name and a newsroom job title after a
 * separator, goes wherever it stands; a role without a name, a role
 * before a name, a sentence naming an editor, a dated "By" line and a
 * title of a tool stay. */
Test(boilerplate, a_writers_signature_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "Galatasaray, Konyaspor deplasmanından 1 puanla ayrılsa dahi "
               "şampiyonluğunu ilan edecek.",
               0, SL_HINT_MAIN);
    html_block(doc, "Sezer Yavuz Haber7.com - Spor Editörü", 0, SL_HINT_MAIN);
    html_block(doc, "Raju Narisetti, Managing Editor", 0, SL_HINT_MAIN);
    html_block(doc, "Nick Marsh,Business reporter, Singapore", 0, SL_HINT_MAIN);
    html_block(doc, "Digital business correspondent", 0, SL_HINT_MAIN);
    html_block(doc, "Page editor: Jonathan Corbet", 0, SL_HINT_MAIN);
    html_block(doc, "Marty Baron is Executive Editor of The Washington Post.",
               0, SL_HINT_MAIN);
    html_block(doc, "By Andrea Wolf, Globe Correspondent, 6/20/04", 0,
               SL_HINT_MAIN);
    html_block(doc, "Web Audio Editor, Style Editor", 0, SL_HINT_MAIN);
    html_block(doc, "The new tool, an editor for the web", 0, SL_HINT_MAIN);
    sl_block *panel =
        html_block(doc, "Jane Roe, Reuters correspondent", 0, SL_HINT_MAIN);
    panel->kind = SL_BLOCK_LIST_ITEM;
    html_block(doc,
               "The two-time national player of the year made her regular "
               "season debut for the WNBA on Tuesday.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Sezer Yavuz", "byline");
    expect_flagged(doc, "Raju Narisetti", "byline");
    expect_flagged(doc, "Nick Marsh", "byline");
    expect_kept(doc, "Digital business correspondent");
    expect_kept(doc, "Page editor");
    expect_kept(doc, "Marty Baron");
    expect_kept(doc, "Andrea Wolf");
    expect_kept(doc, "Web Audio Editor");
    expect_kept(doc, "The new tool");
    expect_kept(doc, "Jane Roe");
    sl_doc_free(doc);
    stop(st);
}

/* Appends a heading block of the given level. */
static void html_heading(sl_doc *doc, const char *text, int level)
{
    sl_block *b = html_block(doc, text, 0, SL_HINT_MAIN);
    b->kind = SL_BLOCK_HEADING;
    b->level = level;
}

/* A wiki's references (with its edit marker) go up to the next heading
 * of their level; the sections before and after stay. */
Test(boilerplate, a_references_section_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_heading(doc, "历史沿革[编辑]", 2);
    html_block(doc, "2017年4月1日，中共中央、国务院决定设立雄安新区。", 0,
               SL_HINT_MAIN);
    html_heading(doc, "参考文献[编辑]", 2);
    html_block(doc, "^ 刘桃熊. 河北雄安新区邮政编码发布. 新华网. 2023-12-06.",
               0, SL_HINT_MAIN);
    html_heading(doc, "网页", 3);
    html_block(doc, "^ 雄安新区所辖三县历史沿革. 中国雄安. 2023-06-13.", 0,
               SL_HINT_MAIN);
    html_heading(doc, "地理[编辑]", 2);
    html_block(doc, "新区地处北京、天津、保定腹地，区位优势明显。", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "2017年4月1日");
    expect_flagged(doc, "参考文献", "references");
    expect_flagged(doc, "刘桃熊", "references");
    expect_flagged(doc, "网页", "references");
    expect_flagged(doc, "所辖三县", "references");
    expect_kept(doc, "地理");
    expect_kept(doc, "区位优势");
    sl_doc_free(doc);
    stop(st);
}

/* The heading of a section that lost every block goes, and so do linked
 * headlines with nothing under them; a heading over a formula (no block
 * at all) stays. */
Test(boilerplate, headings_of_emptied_sections_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_heading(doc, "Maxwell's equations", 2);
    html_heading(doc, "In-line mathematics", 2);
    html_block(doc,
               "The field is written with a vector, and its sources are "
               "the charges and the currents.",
               0, SL_HINT_MAIN);
    html_heading(doc, "Latest Videos", 2);
    html_block(doc, "Share on Facebook Share on Twitter", 30,
               SL_HINT_MAIN | SL_HINT_SHARE);
    html_heading(doc, "More", 2);
    sl_block *h =
        html_block(doc, "Council votes on the budget", 27, SL_HINT_MAIN);
    h->kind = SL_BLOCK_HEADING;
    h->level = 3;
    h = html_block(doc, "Bridge reopens after repairs", 28, SL_HINT_MAIN);
    h->kind = SL_BLOCK_HEADING;
    h->level = 3;
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Maxwell's equations");
    expect_kept(doc, "In-line mathematics");
    expect_flagged(doc, "Latest Videos", "empty-section");
    expect_flagged(doc, "Council votes", "empty-section");
    expect_flagged(doc, "Bridge reopens", "empty-section");
    sl_doc_free(doc);
    stop(st);
}

/* Sentences in an element named for an author's biography go; a short
 * byline there, and a post in an element named "topic-author", stay. */
Test(boilerplate, an_authors_biography_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The bridge reopened on Monday, after two years of repairs "
               "that cost the city more than planned.",
               0, SL_HINT_MAIN);
    sl_block *b = html_block(doc, "Sezer Yavuz, Spor Editoru", 0, SL_HINT_MAIN);
    ((sl_html_features *)b->html)->class_id = "news-content news-author-bio";
    b = html_block(doc,
                   "Sezer Yavuz was born in Istanbul in 1994. He studied "
                   "journalism and has written about football since 2015.",
                   0, SL_HINT_MAIN);
    ((sl_html_features *)b->html)->class_id = "news-content news-author-bio";
    b = html_block(doc,
                   "I had the same problem with the forum, and the fix was "
                   "to clear the cache of the browser first.",
                   0, SL_HINT_MAIN);
    ((sl_html_features *)b->html)->class_id = "reply topic-author";
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "The bridge reopened");
    expect_kept(doc, "Spor Editoru");
    expect_flagged(doc, "was born in Istanbul", "byline");
    expect_kept(doc, "clear the cache");
    sl_doc_free(doc);
    stop(st);
}

/* A table the main-content finder left out, between two paragraphs of the
 * article, stays; the same rows after the article's end go. */
Test(boilerplate, a_run_outside_the_main_content_between_kept_blocks_stays)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The troop was filmed for six weeks, and every call was "
               "logged.",
               0, SL_HINT_MAIN);
    html_block(doc, "Name", 0, 0);
    html_block(doc, "Corey", 0, 0);
    html_block(doc, "11 years", 0, 0);
    html_block(doc, "The oldest male led most of the displays we saw.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Sissi", 0, 0);
    html_block(doc, "7 years", 0, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Corey");
    expect_kept(doc, "11 years");
    expect_flagged(doc, "Sissi", NULL);
    expect_flagged(doc, "7 years", NULL);
    sl_doc_free(doc);
    stop(st);
}

static sl_doc *site_doc(const char *url, int n, const char *footer)
{
    char text[512];
    snprintf(
        text, sizeof text,
        "第%d篇文章的标题\n这是第%d篇文章独有的正文内容，讲述了不同的事情。\n"
        "%s\n",
        n, n, footer);
    sl_doc *doc = text_doc(text);
    json_object_set_new(doc->meta, "url", json_string(url));
    return doc;
}

Test(boilerplate, learned_model_flags_site_repeats)
{
    char model[] = "/tmp/sluice-bp-model-XXXXXX";
    int fd = mkstemp(model);
    cr_assert_geq(fd, 0);
    close(fd);
    const char *footer = "本站文章均来自网友投稿，仅代表作者观点";

    bp_state *learner = new_state();
    learner->learn_out = model;
    start(learner);
    for (int i = 0; i < 6; i++) {
        char url[128];
        snprintf(url, sizeof url, "https://www.example.org/a/%d.html", i);
        sl_doc *doc = site_doc(url, i, footer);
        cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, learner, doc),
                     SL_OK);
        sl_doc_free(doc);
    }
    cr_assert_eq(boilerplate_LTX_sluice_plugin.flush(ctx, learner), SL_OK);
    learner->learn_out = NULL;
    stop(learner);

    bp_state *st = new_state();
    st->model = model;
    start(st);
    sl_doc *doc = site_doc("http://example.org/b/99.html", 99, footer);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "本站文章均来自", "learned");
    expect_kept(doc, "第99篇文章独有的正文");
    sl_doc_free(doc);

    doc = site_doc("https://another.example.net/x.html", 1, footer);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "本站文章均来自");
    sl_doc_free(doc);
    st->model = NULL;
    stop(st);
    remove(model);
}

Test(boilerplate, learner_memory_stays_bounded)
{
    bp_learner *l = bp_learner_new(1024);
    cr_assert_not_null(l);
    uint64_t keys[64];
    for (uint64_t d = 0; d < 2000; d++) {
        for (size_t k = 0; k < 64; k++)
            keys[k] = (d * 64 + k) * 0x9E3779B97F4A7C15ULL + 1;
        keys[0] = 42; /* one key in every document */
        cr_assert_eq(bp_learner_add(l, 7 | (1ULL << 63), keys, 64), 0);
    }
    char model[] = "/tmp/sluice-bp-bound-XXXXXX";
    int fd = mkstemp(model);
    cr_assert_geq(fd, 0);
    close(fd);
    char err[256];
    cr_assert_eq(bp_learner_write(l, model, err, sizeof err), 0, "%s", err);
    bp_learner_free(l);
    bp_model *m = bp_model_load(model, err, sizeof err);
    cr_assert_not_null(m, "%s", err);
    cr_expect_geq(bp_model_block_docs(m, 42), 1000,
                  "a key in every document survives pruning");
    cr_expect_eq(bp_model_site_docs(m, 7 | (1ULL << 63)), 2000);
    bp_model_free(m);
    remove(model);
}

Test(boilerplate, missing_model_is_refused)
{
    bp_state *st = new_state();
    st->model = "/nonexistent/model.txt";
    cr_expect_eq(boilerplate_LTX_sluice_plugin.init(ctx, st), SL_ERROR);
    cr_expect_not_null(sl_ctx_error(ctx));
    st->model = NULL;
    stop(st);
}

Test(boilerplate, prose_and_headings_with_stop_words_are_kept)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc =
        run_text(st, "第一条 为了规范快递服务，制定本办法。\n"
                     "第三章 组织形式与注册资本\n"
                     "(二)未取得健康证明而从事直接为顾客服务的；\n"
                     "经营者应当公布联系电话、通讯地址和电子邮件地址。\n"
                     "联系电话：010-12345678\n"
                     "39健康网专稿，未经书面授权请勿转载。\n"
                     "“2018十大经济年度人物评选”火热进行中！【点击投票】");
    expect_kept(doc, "第三章 组织形式与注册资本");
    expect_flagged(doc, "请勿转载", "copyright");
    expect_flagged(doc, "点击投票", "ad");
    expect_kept(doc, "顾客服务");
    expect_kept(doc, "经营者应当公布联系电话");
    expect_flagged(doc, "联系电话：010", "contact");
    sl_doc_free(doc);
    stop(st);
}

Test(boilerplate, comparisons_and_lone_numbers_are_not_chrome)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, "x>10 and y<20");
    expect_kept(doc, "x>10");
    sl_doc_free(doc);
    doc = run_text(st, "5,236");
    expect_kept(doc, "5,236");
    sl_doc_free(doc);
    doc = run_text(st, "Setext heading\n---\nbody text follows here.");
    expect_kept(doc, "---");
    sl_doc_free(doc);
    doc = run_text(st, "登陆部队已经上岸");
    expect_kept(doc, "登陆部队");
    sl_doc_free(doc);
    stop(st);
}

/* The measurements of one block as bp_measure took them before it noted
 * phrase starts in its pass over the characters: every character read
 * with sl_utf8_next. */
static void reference_measure(const sl_block *b, bp_info *in)
{
    memset(in, 0, sizeof *in);
    size_t pos = 0;
    int32_t last = 0;
    while (pos < b->len) {
        int32_t cp = sl_utf8_next(b->text, b->len, &pos);
        if (cp < 0x80) {
            if (cp == ' ' || cp == '\t')
                continue;
            in->chars++;
            if (cp == '.') {
                if (pos >= b->len || b->text[pos] == ' ')
                    in->sentence_ends++;
            } else if (cp == '!' || cp == '?' || cp == ';') {
                in->sentence_ends++;
            }
            in->punct += cp == ',' || cp == ';' || cp == ':';
            last = cp;
            continue;
        }
        if (sl_is_space(cp))
            continue;
        in->chars++;
        if (sl_is_sentence_end(cp))
            in->sentence_ends++;
        if (sl_is_punct(cp))
            in->punct++;
        last = cp;
    }
    in->ends_sentence =
        sl_is_sentence_end(last) || last == 0x201D || last == '"';
    bp_lexicon_match(b->text, b->len, in->chars, &in->lex);
}

Test(boilerplate, one_pass_measures_agree_with_a_plain_reading)
{
    /* stop phrases and their look-alikes, Han characters at the edges of
     * the range, punctuation, white space, and malformed UTF-8 */
    static const char *const phrases[] = {
        "客服",     "顾客服务", "版权所有",   "ICP备",     "Copyright", "©",
        "相关文章", "以下是",   "供大家参考", "Read More", "登录",      "首页",
        "评论",     "来源：",   "小编",       "下一篇"};
    static const char *const chars[] = {"一", "的", "中国", "龥", "丁", "。",
                                        "，", "！", "“",    "”",  "…"};
    static const char *const ascii[] = {" ", "\t", ".",  "a",    "1",
                                        "|", ">",  "\"", "2024", "07"};
    static const char *const bytes[] = {
        "\xE4\xB7\xBF", "\xE4\xB8\x80", "\xE9\xBF\xBF", "\xEA\xB0\x80",
        "\xE0\x80\x80", "\xED\xA0\x80", "\xC2\xA0", "\xE3\x80\x80",
        "\xF0\x9F\x98\x80", "\xE5", "\x80", "\xC0\xAF", "\xFF", "\xE5\xAE",
        "\xF4\x90\x80\x80",
        /* the edges of the punctuation blocks read without the decoder:
         * U+2028 (a space), U+206F, U+FF0E, U+FFEF, U+FFFF (outside) */
        "\xE2\x80\xA8", "\xE2\x81\xAF", "\xEF\xBC\x8E", "\xEF\xBF\xAF",
        "\xEF\xBF\xBF", "\xE2\x80", "\xEF",
        /* three-byte characters the run of Han characters and CJK
         * punctuation reads on (kana, U+A000, U+4DFF, ＞, ？) or stops at
         * (U+FFFD, an overlong form, a surrogate) */
        "あ", "\xEA\x80\x80", "\xE4\xB7\xBF", "＞", "？", "\xEF\xBF\xBD",
        "\xE0\x9F\xBF", "\xED\xBF\xBF"};
    const char *pieces[sizeof phrases / sizeof phrases[0] +
                       sizeof chars / sizeof chars[0] +
                       sizeof ascii / sizeof ascii[0] +
                       sizeof bytes / sizeof bytes[0]];
    size_t n_pieces = 0;
    for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++)
        pieces[n_pieces++] = phrases[k];
    for (size_t k = 0; k < sizeof chars / sizeof chars[0]; k++)
        pieces[n_pieces++] = chars[k];
    for (size_t k = 0; k < sizeof ascii / sizeof ascii[0]; k++)
        pieces[n_pieces++] = ascii[k];
    for (size_t k = 0; k < sizeof bytes / sizeof bytes[0]; k++)
        pieces[n_pieces++] = bytes[k];
    unsigned seed = 12345;
    char buf[4096];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        /* mostly short blocks, where phrases count; some long ones */
        size_t n = (seed >> 16) % 8 == 0 ? 300 : (seed >> 16) % 40;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % (unsigned)(n_pieces * 3);
            /* Han characters are the common case */
            const char *p = r < n_pieces ? pieces[r] : r % 2 ? "的" : "服";
            size_t m = strlen(p);
            if (len + m >= sizeof buf)
                break;
            memcpy(buf + len, p, m);
            len += m;
        }
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_raw_copy(doc, buf, len), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        if (doc->n_blocks == 0) {
            sl_doc_free(doc);
            continue;
        }
        bp_info *info = calloc(doc->n_blocks, sizeof *info);
        cr_assert_not_null(info);
        bp_measure(doc, info);
        for (size_t i = 0; i < doc->n_blocks; i++) {
            bp_info want;
            reference_measure(&doc->blocks[i], &want);
            const bp_info *got = &info[i];
            cr_assert_eq(got->chars, want.chars, "round %d", round);
            cr_assert_eq(got->sentence_ends, want.sentence_ends);
            cr_assert_eq(got->punct, want.punct);
            cr_assert_eq(got->ends_sentence, want.ends_sentence);
            cr_assert_eq(got->lex.reason, want.lex.reason, "round %d", round);
            cr_assert_eq(got->lex.strength, want.lex.strength);
            cr_assert_eq(got->lex.hits, want.lex.hits, "round %d", round);
            cr_assert_eq(got->lex.related_header, want.lex.related_header);
            cr_assert_eq(got->lex.blurb_open, want.lex.blurb_open);
            cr_assert_eq(got->lex.blurb_close, want.lex.blurb_close);
        }
        free(info);
        sl_doc_free(doc);
    }
}

/* The four digits of a year (19xx, 20xx) anywhere in a block, read a
 * byte at a time: what has_year_digits says. */
static int reference_year_digits(const char *s, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (((s[i] == '1' && s[i + 1] == '9') ||
             (s[i] == '2' && s[i + 1] == '0')) &&
            s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' &&
            s[i + 3] <= '9')
            return 1;
    }
    return 0;
}

Test(boilerplate, the_year_of_a_run_of_digits_is_the_one_a_scan_finds)
{
    /* digits that make years, near-years and their halves; what ends a
     * run of digits (letters, punctuation, Han characters, malformed
     * bytes) */
    static const char *const pieces[] = {
        "1",    "2",  "9",    "0",    "19",   "20",       "2024", "1999",
        "1899", "21", "12",   "09",   "2019", "0202",     "201",  "199",
        "-",    ".",  "/",    " ",    "a",    "年",       "月",   "，",
        "。",   "的", "\xE5", "\x80", "\xFF", "\xE5\xAE", "é"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 4242;
    int years = 0;
    for (int round = 0; round < 20000; round++) {
        char text[256];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t n = (seed >> 16) % 24;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % n_pieces];
            size_t m = strlen(p);
            memcpy(text + len, p, m);
            len += m;
        }
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        if (doc->n_blocks == 0) {
            sl_doc_free(doc);
            continue;
        }
        for (size_t i = 0; i < doc->n_blocks; i++) {
            /* each line alone, in a buffer that ends with its NUL, for
             * the sanitizers */
            sl_block one = doc->blocks[i];
            char *exact = malloc(one.len + 1);
            cr_assert_not_null(exact);
            memcpy(exact, one.text, one.len + 1);
            one.text = exact;
            sl_doc alone = *doc;
            alone.blocks = &one;
            alone.n_blocks = 1;
            bp_info info;
            bp_measure(&alone, &info);
            int want = reference_year_digits(exact, one.len);
            years += want;
            cr_assert_eq(info.year_digits, want, "round %d: %s", round, exact);
            free(exact);
        }
        sl_doc_free(doc);
    }
    cr_assert_gt(years, 1000); /* the pieces make years often enough */
}

Test(boilerplate, breadcrumbs_with_every_separator)
{
    static const char *const separators[] = {">", "|",  "»", "›",
                                             "→", "＞", "｜"};
    bp_state *st = new_state();
    start(st);
    for (size_t k = 0; k < sizeof separators / sizeof separators[0]; k++) {
        const char *s = separators[k];
        char text[512];
        snprintf(text, sizeof text,
                 "这是正文的第一句话，内容足够长。\n"
                 "网站 %s 新闻中心 %s 国内新闻 %s 正文\n"
                 "这是正文的第二句话，内容也足够长。",
                 s, s, s);
        sl_doc *doc = run_text(st, text);
        expect_flagged(doc, "新闻中心", "nav");
        sl_doc_free(doc);
    }
    stop(st);
}

/* A backslash-escaped > is text in Markdown, not a separator: "\\> foo"
 * over a Setext underline is a heading; the unescaped one is a crumb. */
Test(boilerplate, an_escaped_arrow_is_no_breadcrumb)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = run_text(st, "\\> foo\n------\n");
    expect_kept(doc, "\\> foo");
    sl_doc_free(doc);
    doc = run_text(st, "这是正文的第一句话，内容足够长。\n"
                       "网站 \\> 新闻中心 \\> 正文\n"
                       "网站 > 新闻中心 > 国内新闻\n"
                       "这是正文的第二句话，内容也足够长。");
    expect_kept(doc, "网站 \\> 新闻中心");
    expect_flagged(doc, "国内新闻", "nav");
    sl_doc_free(doc);
    stop(st);
}

/* A picture's alt text goes on a page that has text of its own, and is
 * kept on a page whose every other block is chrome; the text around the
 * picture is judged as if the picture were not there. */
Test(boilerplate, alt_text_is_kept_only_on_a_page_without_text)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "Home | News | Contact", 21, SL_HINT_NAV);
    html_block(doc, "Full service lumber and building supply center.", 0,
               SL_HINT_IMAGE_ALT);
    html_block(doc, "Copyright 2006 All rights reserved", 34, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Full service lumber");
    expect_flagged(doc, "Home | News", NULL);
    sl_doc_free(doc);

    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "Home | News | Contact", 21, SL_HINT_NAV);
    html_block(doc,
               "Serve the punch in pitchers and the guests will pour "
               "less than they would from cans.",
               0, SL_HINT_MAIN);
    html_block(doc, "Serve drinks in pitchers, not in cans.", 0,
               SL_HINT_MAIN | SL_HINT_IMAGE_ALT);
    html_block(doc, "Mark Stout/Getty Images", 0, SL_HINT_MAIN);
    html_block(doc, "Home | News | Contact", 21, SL_HINT_NAV);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Serve drinks in pitchers", "image-alt");
    expect_kept(doc, "Serve the punch");
    expect_kept(doc, "Mark Stout");
    sl_doc_free(doc);
    stop(st);
}

/* A cookie notice goes, named or not, in English, Chinese or Japanese. */
Test(boilerplate, a_cookie_notice_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "TradeStation solutions are built on request, and each one "
               "comes with its code and a video showing how it works.",
               0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc,
               "We use cookies to ensure that we give you the best experience "
               "on our website. If you continue to use this site we will "
               "assume that you are happy with it.",
               0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc,
               "本网站使用Cookie以改善您的浏览体验，继续浏览即表示您同意。", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(
        doc,
        "当サイトではクッキーを使用しています。当サイトのブラウジングを"
        "続けることにより、当社のポリシーを受け入れたものと見なされます。",
        0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "TradeStation solutions");
    expect_flagged(doc, "We use cookies", "copyright");
    expect_flagged(doc, "本网站使用Cookie", "copyright");
    expect_flagged(doc, "クッキーを使用", "copyright");
    sl_doc_free(doc);
    stop(st);
}

/* A Q&A page's prompt and counter under an answer go; the answer stays. */
Test(boilerplate, an_answers_rating_prompt_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "中国地震预警网能在地震发生前几十秒做出预警，为人员疏散争取"
               "宝贵的时间。",
               0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "你对这个回答的评价是？", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "帮助的人：37.3万", 0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "中国地震预警网");
    expect_flagged(doc, "你对这个回答的评价是", "action");
    expect_flagged(doc, "帮助的人", "action");
    sl_doc_free(doc);

    /* a reply box's tool bar and a post's likes line on a forum */
    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "花了一天半的时间买了四个平板，总算是解决了。", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND | SL_HINT_POST);
    html_block(doc, "马亮南生等人赞过", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND | SL_HINT_POST);
    html_block(doc, "表情 图片", 0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "花了一天半的时间");
    expect_flagged(doc, "等人赞过", "action");
    expect_flagged(doc, "表情 图片", "action");
    sl_doc_free(doc);
    stop(st);
}

/* A day said in words, alone or with a clock time, is a date line; a
 * sentence opening with one is not. */
Test(boilerplate, a_day_in_words_is_a_date_line)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "运营商 5G 手机促销方式曝光", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "昨天", 0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "今天 10:20", 0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(
        doc,
        "昨天运营商发布通知，禁止提供购机补贴，各地门店随即调整了促销方式。", 0,
        SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "昨天", "date");
    expect_flagged(doc, "今天 10:20", "date");
    expect_kept(doc, "昨天运营商发布通知");
    sl_doc_free(doc);
    stop(st);
}

/* A form's options (the reasons of a report dialog) go, even inside the
 * main content; the article's text stays. */
Test(boilerplate, a_forms_options_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "每次打开别人新的项目，依赖都会各种报错，很烦，于是写下这篇"
               "笔记，记录解决的办法。",
               0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "垃圾广告：恶意灌水、广告、推广等内容", 0,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND | SL_HINT_FORM_OPTION);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "每次打开别人新的项目");
    expect_flagged(doc, "垃圾广告", "form-option");
    sl_doc_free(doc);
    stop(st);
}

/* A line that is a paid or affiliate link goes, even inside the main
 * content, where a linked line the article gives stays. */
Test(boilerplate, a_sponsored_line_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The actor describes how the mask was cast, painted and "
               "fitted, in a studio out of town.",
               0, SL_HINT_MAIN | SL_HINT_MAIN_FOUND);
    html_block(doc, "The show is streaming now on a service.", 33,
               SL_HINT_MAIN | SL_HINT_MAIN_FOUND | SL_HINT_SPONSORED);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "The actor describes");
    expect_flagged(doc, "The show is streaming", "ad");
    sl_doc_free(doc);
    stop(st);
}

/* Every three-byte sequence with a lead from E0 to EF (each code point
 * of the Basic Multilingual Plane from U+0800, surrogates and overlong
 * forms included), alone between two Han characters on a line: the pass
 * that reads Han runs and CJK punctuation without the decoder counts it
 * as the plain reading does. */
Test(boilerplate, every_three_byte_character_measures_as_a_plain_reading)
{
    for (unsigned lead = 0xE0; lead <= 0xEF; lead++) {
        /* one line per character: 的 X 的 and a newline, 10 bytes */
        char *buf = malloc(64 * 64 * 10);
        cr_assert_not_null(buf);
        size_t len = 0;
        for (unsigned mid = 0x80; mid <= 0xBF; mid++) {
            for (unsigned low = 0x80; low <= 0xBF; low++) {
                memcpy(buf + len, "的", 3);
                buf[len + 3] = (char)lead;
                buf[len + 4] = (char)mid;
                buf[len + 5] = (char)low;
                memcpy(buf + len + 6, "的\n", 4);
                len += 10;
            }
        }
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(sl_doc_set_raw_copy(doc, buf, len), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        cr_assert_eq(doc->n_blocks, 64 * 64);
        bp_info *info = calloc(doc->n_blocks, sizeof *info);
        cr_assert_not_null(info);
        bp_measure(doc, info);
        for (size_t i = 0; i < doc->n_blocks; i++) {
            bp_info want;
            reference_measure(&doc->blocks[i], &want);
            const bp_info *got = &info[i];
            unsigned cp = (lead & 0x0F) << 12 | (unsigned)i;
            cr_assert_eq(got->chars, want.chars, "U+%04X", cp);
            cr_assert_eq(got->sentence_ends, want.sentence_ends, "U+%04X", cp);
            cr_assert_eq(got->punct, want.punct, "U+%04X", cp);
            cr_assert_eq(got->ends_sentence, want.ends_sentence, "U+%04X", cp);
            cr_assert_eq(got->lex.hits, want.lex.hits, "U+%04X", cp);
        }
        free(info);
        sl_doc_free(doc);
        free(buf);
    }
}

/* Compares the measurements of every block of text with the plain
 * reading; what names the case in a failure. */
static void expect_plain_measures(const char *text, size_t len,
                                  const char *what, size_t a, size_t b)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    bp_info *info = calloc(doc->n_blocks + 1, sizeof *info);
    cr_assert_not_null(info);
    bp_measure(doc, info);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        bp_info want;
        reference_measure(&doc->blocks[i], &want);
        const bp_info *got = &info[i];
        cr_assert_eq(got->chars, want.chars, "%s %zu %zu", what, a, b);
        cr_assert_eq(got->sentence_ends, want.sentence_ends, "%s %zu %zu", what,
                     a, b);
        cr_assert_eq(got->punct, want.punct, "%s %zu %zu", what, a, b);
        cr_assert_eq(got->ends_sentence, want.ends_sentence, "%s %zu %zu", what,
                     a, b);
        cr_assert_eq(got->lex.reason, want.lex.reason, "%s %zu %zu", what, a,
                     b);
        cr_assert_eq(got->lex.hits, want.lex.hits, "%s %zu %zu", what, a, b);
        cr_assert_eq(got->lex.strength, want.lex.strength, "%s %zu %zu", what,
                     a, b);
        cr_assert_eq(got->lex.blurb_open, want.lex.blurb_open, "%s %zu %zu",
                     what, a, b);
        cr_assert_eq(got->lex.blurb_close, want.lex.blurb_close, "%s %zu %zu",
                     what, a, b);
    }
    free(info);
    sl_doc_free(doc);
}

/* The pass over three-byte characters takes a run four bytes at a time,
 * with no test for a full list of phrase starts, when the run cannot
 * fill it; the last character of a block and the runs that might fill
 * the list take the careful loop. Runs of 0 to 300 characters (every
 * length where the list fills up), after 0 to 300 noted starts (一 opens
 * 一起来看看, which counts in blocks of up to 250 characters; the starts
 * noted before the run by the general path or an earlier run), each
 * block ending in 0 to 3 more bytes (ASCII, a truncated character, a
 * space) and holding phrases at its start and its end, measure as the
 * plain reading does. */
Test(boilerplate, runs_at_every_length_and_room_measure_as_a_plain_reading)
{
    static const char *const tails[] = {"",  "x",    "。", "\xE5", "\xE5\xAE",
                                        "1", "客服", " ",  "　"};
    static const char *const seps[] = {"1", "a", " ", "，", ","};
    size_t cap = 64 * 1024;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    for (size_t before = 0; before <= 300; before += 7) {
        for (size_t run = 0; run <= 300; run++) {
            size_t starts = before + run;
            if (run % 13 != 0 && (starts < 240 || starts > 270))
                continue;
            for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                const char *sep = seps[(before + run + t) % 5];
                size_t len = 0;
                /* starts noted before the run, then a break */
                for (size_t k = 0; k < before; k++) {
                    memcpy(buf + len, "一", 3);
                    len += 3;
                }
                memcpy(buf + len, sep, strlen(sep));
                len += strlen(sep);
                memcpy(buf + len, "客服", 6);
                len += 6;
                for (size_t k = 0; k < run; k++) {
                    memcpy(buf + len, k % 3 ? "的" : "一", 3);
                    len += 3;
                }
                memcpy(buf + len, "版权所有", 12);
                len += 12;
                memcpy(buf + len, tails[t], strlen(tails[t]));
                len += strlen(tails[t]);
                buf[len++] = '\n';
                cr_assert_lt(len, cap);
                expect_plain_measures(buf, len, tails[t], before, run);
            }
        }
    }
    free(buf);
}

/* The separators of a breadcrumb told apart by their first byte: every
 * sequence of one, two and three bytes (and as many left) agrees with a
 * comparison against each separator's bytes. */
Test(boilerplate, breadcrumb_separators_by_first_byte_agree_with_memcmp)
{
    static const char *const seps[] = {">", "|", "»", "›", "→", "＞", "｜"};
    unsigned char buf[3];
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            for (unsigned c = 0; c < 256; c++) {
                buf[0] = (unsigned char)a;
                buf[1] = (unsigned char)b;
                buf[2] = (unsigned char)c;
                for (size_t len = 1; len <= 3; len++) {
                    int want = 0;
                    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
                        size_t n = strlen(seps[k]);
                        want |= len >= n && memcmp(buf, seps[k], n) == 0;
                    }
                    int got = bp_separator_at((const char *)buf, len);
                    if (got != want)
                        cr_assert_eq(got, want, "%02X %02X %02X, %zu bytes", a,
                                     b, c, len);
                }
                if (a != 0xE2 && a != 0xEF)
                    break; /* the third byte matters after these only */
            }
            if (a != 0xC2 && a != 0xE2 && a != 0xEF)
                break; /* and the second after these */
        }
    }
}

/* On a web page a breadcrumb whose names say nothing goes by its shape:
 * linked steps between arrows, ending in the page's own name however it
 * is written. A sentence holding an arrow and a link, and a trail of
 * one arrow whose last step is a question, stay; so does plain text
 * whose trail ends in a question (no links say it is one). */
Test(boilerplate, a_linked_trail_ending_in_the_pages_name_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "Home › Forums › CSS › .last-child or???", 13,
               SL_HINT_MAIN);
    html_block(doc,
               "I have two blocks of the div with class slider, and a "
               "wrapper around them.",
               0, SL_HINT_MAIN);
    html_block(doc, "Open Settings > Privacy, then read the guide.", 5,
               SL_HINT_MAIN);
    html_block(doc, "Forums › Why does my last child not match?", 6,
               SL_HINT_MAIN);
    html_block(doc,
               "How can I style the last column differently from the "
               "others?",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Home › Forums", "nav");
    expect_kept(doc, "Open Settings > Privacy");
    expect_kept(doc, "Forums › Why does");
    sl_doc_free(doc);
    doc = run_text(st, "这是正文的第一句话，内容足够长。\n"
                       "Home › Forums › CSS › .last-child or???\n"
                       "这是正文的第二句话，内容也足够长。");
    expect_kept(doc, "Home › Forums");
    sl_doc_free(doc);
    stop(st);
}

/* An article's comment section whose names say nothing: after the
 * article's text, a line saying "Comments" heads it, and what follows
 * goes. The same line before the article has said anything (a counter
 * by the headline), or on a thread, whose posts are the page, changes
 * nothing. */
static sl_doc *article_then_comments(int article_paragraphs, uint32_t hints)
{
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    for (int i = 0; i < article_paragraphs; i++)
        html_block(doc,
                   "The council published its plan for the river front on "
                   "Monday, with maps of the new paths, the parks and the "
                   "bridges it means to build over the next ten years.",
                   0, SL_HINT_MAIN);
    html_block(doc, "Comments", 0, SL_HINT_MAIN);
    html_block(doc,
               "Finally a plan that puts people before cars, and about "
               "time too.",
               0, SL_HINT_MAIN | hints);
    html_block(doc, "Where is the money coming from? Nobody says.", 0,
               SL_HINT_MAIN | hints);
    return doc;
}

Test(boilerplate, lines_after_a_comments_header_under_an_article_go)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = article_then_comments(4, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "The council published");
    expect_flagged(doc, "Finally a plan", "comment");
    expect_flagged(doc, "Where is the money", "comment");
    sl_doc_free(doc);
    doc = article_then_comments(1, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Finally a plan");
    sl_doc_free(doc);
    doc = article_then_comments(4, SL_HINT_POST);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Finally a plan");
    sl_doc_free(doc);
    stop(st);
}

/* An author card under the article: the signature, a short heading right
 * after it and the biography under that go; an "About the Author"
 * section with no signature before it stays, and so does the article
 * after a signature standing by the headline. */
Test(boilerplate, an_author_card_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "Nick Marsh,Business reporter, Singapore", 0, SL_HINT_MAIN);
    html_block(doc,
               "Galatasaray, Konyaspor deplasmanından 1 puanla ayrılsa dahi "
               "şampiyonluğunu ilan edecek.",
               0, SL_HINT_MAIN);
    html_block(doc, "Sezer Yavuz Haber7.com - Spor Editörü", 0, SL_HINT_MAIN);
    html_heading(doc, "Editör Hakkında", 2);
    html_block(doc,
               "Sezer Yavuz, 20 Şubat 1994'te İstanbul'da doğdu. Gazetecilik "
               "bölümünden mezun oldu.",
               0, SL_HINT_MAIN);
    html_heading(doc, "About the Author", 2);
    html_block(doc, "Sarah Archer is the author of The Midcentury Kitchen.", 0,
               SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Galatasaray");
    expect_flagged(doc, "Sezer Yavuz Haber7", "byline");
    expect_flagged(doc, "Editör Hakkında", "byline");
    expect_flagged(doc, "20 Şubat 1994", "byline");
    expect_kept(doc, "About the Author");
    expect_kept(doc, "Sarah Archer");
    sl_doc_free(doc);
    stop(st);
}

/* A heading naming a step of the breadcrumb trail under it, not its last,
 * heads the site's section: it and the section's blurb go with the trail.
 * An article's headline above its trail, the trail's last step, stays. */
Test(boilerplate, a_sections_heading_above_the_trail_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    sl_block *h = html_block(doc, "Forums", 0, SL_HINT_MAIN);
    h->kind = SL_BLOCK_HEADING;
    h->level = 1;
    html_block(doc,
               "The forums ran from 2008-2020 and are now closed and "
               "viewable here as an archive.",
               0, SL_HINT_MAIN);
    html_block(doc, "Home › Forums › CSS › .last-child or???", 13,
               SL_HINT_MAIN);
    html_block(doc,
               "I have two blocks of the div with class slider, and a "
               "wrapper around them. How do I style the last one?",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Forums", "nav");
    expect_flagged(doc, "The forums ran", "nav");
    expect_kept(doc, "I have two blocks");
    sl_doc_free(doc);
    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    h = html_block(doc, "Why the last child does not match", 0, SL_HINT_MAIN);
    h->kind = SL_BLOCK_HEADING;
    h->level = 1;
    html_block(doc,
               "A short standfirst under the headline, written for the "
               "readers.",
               0, SL_HINT_MAIN);
    html_block(doc, "Home › CSS › Why the last child does not match", 9,
               SL_HINT_MAIN);
    html_block(doc,
               "The selector looks at the element's siblings, not at the "
               "class it carries, so the last one of a class is no match.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Why the last child does not match");
    expect_kept(doc, "A short standfirst");
    sl_doc_free(doc);
    stop(st);
}

/* A picture's credit standing alone, an agency's name or names, goes;
 * a sentence naming an agency, a heading and a word that only starts
 * like one stay. */
Test(boilerplate, a_pictures_credit_line_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The ministers met in Brussels on Monday to agree on the "
               "budget, and the talks ran late into the night.",
               0, SL_HINT_MAIN);
    html_block(doc, "EPA", 0, SL_HINT_MAIN);
    html_block(doc, "Associated Press", 0, SL_HINT_MAIN);
    html_block(doc, "Reuters/Corbis", 0, SL_HINT_MAIN);
    html_block(doc, "Photo: AFP", 0, SL_HINT_MAIN);
    html_block(doc, "(Getty Images)", 0, SL_HINT_MAIN);
    html_block(doc, "ZUMApress.com", 0, SL_HINT_MAIN);
    html_block(doc, "Reuters reported on Tuesday that the talks had failed.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Papua", 0, SL_HINT_MAIN);
    html_block(doc, "AP reporters", 0, SL_HINT_MAIN);
    html_heading(doc, "Reuters", 2);
    html_block(doc,
               "The agency said the vote would be held again in the spring, "
               "after the summer break.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "EPA", "byline");
    expect_flagged(doc, "Associated Press", "byline");
    expect_flagged(doc, "Reuters/Corbis", "byline");
    expect_flagged(doc, "Photo: AFP", "byline");
    expect_flagged(doc, "(Getty Images)", "byline");
    expect_flagged(doc, "ZUMApress.com", "byline");
    expect_kept(doc, "Reuters reported");
    expect_kept(doc, "Papua");
    expect_kept(doc, "AP reporters");
    sl_doc_free(doc);
    stop(st);
}

/* A short line asking to follow someone on a social network goes, and
 * so does one pointing to another site's address; a sentence saying
 * where someone is, one counting followers, advice to visit without an
 * address and an address with nothing after it stay. */
Test(boilerplate, a_follow_line_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The ministers met in Brussels on Monday to agree on the "
               "budget, and the talks ran late into the night.",
               0, SL_HINT_MAIN);
    html_block(doc, "Jane Doe is on Twitter at janedoe.", 0, SL_HINT_MAIN);
    html_block(doc, "The senator has two million followers on Twitter.", 0,
               SL_HINT_MAIN);
    html_block(doc, "Follow @janedoe on Twitter.", 0, SL_HINT_MAIN);
    html_block(doc, "You can follow the Magazine on Twitter and on Facebook", 0,
               SL_HINT_MAIN);
    html_block(doc,
               "Visit Example.com for breaking news, world news, and news "
               "about the economy",
               0, SL_HINT_MAIN);
    html_block(doc,
               "Visit faculty web pages to find out who is in your field "
               "beforehand.",
               0, SL_HINT_MAIN);
    html_block(doc, "Visit example.org.", 0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Follow @janedoe", "share");
    expect_flagged(doc, "You can follow the Magazine", "share");
    expect_flagged(doc, "Visit Example.com", "related");
    expect_kept(doc, "Jane Doe is on Twitter");
    expect_kept(doc, "two million followers");
    expect_kept(doc, "Visit faculty web pages");
    expect_kept(doc, "Visit example.org.");
    sl_doc_free(doc);
    stop(st);
}

/* The contributor note closing the main content and a reporting credit
 * go; the same kind of sentence amid the article, an author's note
 * naming a book and a note of two sentences stay. */
Test(boilerplate, a_contributor_note_closing_the_article_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc,
               "The paper's offices moved twice last year, and its staff of "
               "six now works from a room above the bakery.",
               0, SL_HINT_MAIN);
    html_block(doc, "Mr Roe is the editor of a local independent newspaper.", 0,
               SL_HINT_MAIN);
    html_block(doc,
               "He says the town reads it because nobody else writes about "
               "the council, the schools or the river.",
               0, SL_HINT_MAIN);
    html_block(doc, "With reporting from John Roe.", 0, SL_HINT_MAIN);
    html_block(doc, "Jane Doe is The Herald's mobile projects editor.", 0,
               SL_HINT_MAIN);
    html_block(doc, "TAGS", 0, 0);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_flagged(doc, "Jane Doe is The Herald", "byline");
    expect_flagged(doc, "With reporting from", "byline");
    expect_kept(doc, "Mr Roe is the editor");
    sl_doc_free(doc);

    const char *kept_notes[] = {
        "Sarah Archer is the author of The Midcentury Kitchen.",
        "Jane Roe is an associate editor with Example News. Story ideas can "
        "be sent to her"};
    for (size_t k = 0; k < 2; k++) {
        doc = sl_doc_new();
        doc->content_type = SL_CONTENT_HTML;
        html_block(doc,
                   "The paper's offices moved twice last year, and its staff "
                   "of six now works from a room above the bakery.",
                   0, SL_HINT_MAIN);
        html_block(doc, kept_notes[k], 0, SL_HINT_MAIN);
        html_block(doc, "TAGS", 0, 0);
        cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc),
                     SL_OK);
        expect_kept(doc, kept_notes[k]);
        sl_doc_free(doc);
    }
    stop(st);
}

/* A sentence set as a heading twice between an article's paragraphs (a
 * newsletter's sign-up) goes, both times; a section's name repeated as a
 * heading (`Example`, no sentence end) and a heading written as a
 * sentence only once stay, and so does a sentence repeated in a thread's
 * posts. */
Test(boilerplate, a_sentence_repeated_as_a_heading_in_an_article_goes)
{
    bp_state *st = new_state();
    start(st);
    sl_doc *doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    const char *promo =
        "Find out what's happening in Riverside with free, real-time updates.";
    html_block(doc,
               "Construction of the new overpass is expected to wrap up "
               "late this summer, the city said on Tuesday.",
               0, SL_HINT_MAIN);
    html_heading(doc, promo, 1);
    html_heading(doc, "Example", 2);
    html_block(doc,
               "The bridge has four lanes, sidewalks and bike lanes, and it "
               "crosses the freeway between two exits.",
               0, SL_HINT_MAIN);
    html_heading(doc, promo, 1);
    html_heading(doc, "Example", 2);
    html_heading(doc, "What will the bridge change for drivers?", 2);
    html_block(doc,
               "Officials said the overpass would relieve congestion for "
               "residents and drivers countywide.",
               0, SL_HINT_MAIN);
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->len == strlen(promo) && memcmp(b->text, promo, b->len) == 0)
            cr_expect(b->flags & SL_BLOCK_BOILERPLATE, "block %zu kept", i);
    }
    expect_flagged(doc, "Find out what's happening", "ad");
    expect_kept(doc, "Example");
    expect_kept(doc, "What will the bridge change");
    expect_kept(doc, "Construction of the new overpass");
    sl_doc_free(doc);
    /* the same in a thread's posts stays */
    doc = sl_doc_new();
    doc->content_type = SL_CONTENT_HTML;
    html_block(doc, "I drove over the new bridge this morning, it is great.", 0,
               SL_HINT_MAIN | SL_HINT_POST);
    sl_block *h = html_block(doc, promo, 0, SL_HINT_MAIN | SL_HINT_POST);
    h->kind = SL_BLOCK_HEADING;
    h->level = 3;
    html_block(doc, "Same here, the traffic was gone by eight o'clock.", 0,
               SL_HINT_MAIN | SL_HINT_POST);
    h = html_block(doc, promo, 0, SL_HINT_MAIN | SL_HINT_POST);
    h->kind = SL_BLOCK_HEADING;
    h->level = 3;
    cr_assert_eq(boilerplate_LTX_sluice_plugin.process(ctx, st, doc), SL_OK);
    expect_kept(doc, "Find out what's happening");
    sl_doc_free(doc);
    stop(st);
}

/* The date tests of bp_measure each skip a line without the byte their
 * date needs (a space after an English month, a colon in a clock time, a
 * separator before a year written last): a line that needs exactly one of
 * the tests is still dated, and near misses are not. */
Test(boilerplate, each_form_of_a_date_line_is_dated)
{
    static const struct {
        const char *text;
        int dated;
    } lines[] = {
        {"2024年5月18日 新闻", 1},        /* year first */
        {"发布于15/05/2024", 1},          /* year last, a slash */
        {"发布于15.05.2024", 1},          /* year last, a dot */
        {"发布于5-4-2013", 1},            /* year last, a dash */
        {"18 Maggio 2024 alle 09:22", 1}, /* a year and a clock */
        {"2024年 09:22", 1},              /* the same, no other date */
        {"May 17, 2024", 1},              /* an English month */
        {"Posted 5 April 2013", 1},       /* a day before the month */
        {"2024-05-18", 1},
        {"12024-05-18", 0}, /* no year: a digit before it */
        {"2024年 0922", 0},
        {"May 2024", 0},
        {"May17,2024", 0},
        {"发布于15_05_2024", 0},
        {"2024年全年", 0},
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(
            sl_doc_set_raw_copy(doc, lines[k].text, strlen(lines[k].text)), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        cr_assert_eq(doc->n_blocks, 1);
        bp_info info;
        memset(&info, 0, sizeof info);
        bp_measure(doc, &info);
        cr_assert_eq(info.dated, lines[k].dated, "%s", lines[k].text);
        sl_doc_free(doc);
    }
}

/* A stray counter is digits and separators or one or two letters, and
 * any other byte, wherever it is, makes the line something else. */
Test(boilerplate, a_stray_counter_holds_no_other_byte)
{
    static const struct {
        const char *text;
        int stray;
    } lines[] = {
        {"12 / 34", 1}, {"ab", 1},   {"3.5", 1},  {"abc", 0}, {"---", 0},
        {"1a", 0},      {"12号", 0}, {"号12", 0}, {"12#", 0}, {"#12", 0},
    };
    for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        cr_assert_eq(
            sl_doc_set_raw_copy(doc, lines[k].text, strlen(lines[k].text)), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        cr_assert_eq(doc->n_blocks, 1);
        bp_info info;
        memset(&info, 0, sizeof info);
        bp_measure(doc, &info);
        cr_assert_eq(info.stray, lines[k].stray, "%s", lines[k].text);
        sl_doc_free(doc);
    }
}
