/* tests/test_html_meta.c - the html stage's page metadata: author,
 * published, site, url and lang from JSON-LD, meta tags, <time>, bylines
 * and dates written near the title (Chinese and English), relative dates
 * with and without a crawl date, the language of the text, and fields
 * left absent when the page does not give them.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "docs.h"
#include "html_meta.h"
#include <sluice/sluice.h>

extern const sl_plugin html_LTX_sluice_plugin;

static sl_ctx *ctx;
static void *state;

static void setup(void)
{
    ctx = sl_ctx_new("html", NULL);
    cr_assert_not_null(ctx);
    state = calloc(1, html_LTX_sluice_plugin.state_size);
    cr_assert_not_null(state);
    for (const sl_option *o = html_LTX_sluice_plugin.options; o->name; o++) {
        if (o->type == SL_OPT_BOOL && o->def && strcmp(o->def, "true") == 0)
            *(bool *)((char *)state + o->offset) = true;
    }
    cr_assert_eq(html_LTX_sluice_plugin.init(ctx, state), SL_OK);
}

static void teardown(void)
{
    free(state);
    sl_ctx_free(ctx);
}

TestSuite(meta, .init = setup, .fini = teardown);

/* The page run through the stage; input_key/input_value (may be NULL)
 * is a metadata field the input gave. */
static sl_doc *run_with(const char *html, const char *input_key,
                        const char *input_value)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, html, strlen(html)), 0);
    doc->content_type = SL_CONTENT_HTML;
    if (input_key)
        json_object_set_new(doc->meta, input_key, json_string(input_value));
    cr_assert_eq(html_LTX_sluice_plugin.process(ctx, state, doc), SL_OK);
    return doc;
}

static sl_doc *run(const char *html)
{
    return run_with(html, NULL, NULL);
}

static void expect_meta(const sl_doc *doc, const char *key, const char *want)
{
    const char *got = sl_doc_meta_string(doc, key);
    if (!want) {
        cr_expect_null(got, "%s should be absent, is \"%s\"", key, got);
        return;
    }
    cr_expect_not_null(got, "%s missing (want \"%s\")", key, want);
    if (got)
        cr_expect_str_eq(got, want);
}

#define ARTICLE_TEXT                                                           \
    "<p>The harbour bridge reopened on Monday after a repair that took "       \
    "fourteen months, and the council said that traffic is expected to "       \
    "return to the levels it had before the closure.</p>"

Test(meta, json_ld_gives_author_date_and_publisher)
{
    sl_doc *doc =
        run("<html><head><title>Bridge reopens</title>"
            "<script type=\"application/ld+json\">{\"@context\":"
            "\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":"
            "\"Bridge reopens\",\"datePublished\":\"2021-03-04T09:30:00Z\","
            "\"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"}],"
            "\"publisher\":{\"@type\":\"Organization\",\"name\":\"City News\"}}"
            "</script></head><body><h1>Bridge reopens</h1>" ARTICLE_TEXT
            "</body></html>");
    expect_meta(doc, "author", "Jane Doe");
    expect_meta(doc, "published", "2021-03-04T09:30:00Z");
    expect_meta(doc, "site", "City News");
    sl_doc_free(doc);
}

Test(meta, json_ld_graph_and_broken_scripts)
{
    sl_doc *doc =
        run("<html><head><script type=\"application/ld+json\">{broken</script>"
            "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":"
            "\"WebSite\",\"name\":\"x\"},{\"@type\":\"BlogPosting\","
            "\"datePublished\":\"2020-01-02\",\"author\":\"Li Lei\"}]}</script>"
            "</head><body><h1>T</h1>" ARTICLE_TEXT "</body></html>");
    expect_meta(doc, "author", "Li Lei");
    expect_meta(doc, "published", "2020-01-02");
    sl_doc_free(doc);
}

Test(meta, meta_tags_and_canonical)
{
    sl_doc *doc = run(
        "<html lang=\"en-us\"><head><title>Bridge reopens | City News</title>"
        "<meta name=\"author\" content=\"John Roe\">"
        "<meta property=\"article:published_time\" "
        "content=\"2019-09-07T16:28:35+08:00\">"
        "<meta property=\"og:site_name\" content=\"The City News\">"
        "<link rel=\"canonical\" href=\"https://news.example/a/1\">"
        "</head><body><h1>Bridge reopens</h1>" ARTICLE_TEXT "</body></html>");
    expect_meta(doc, "author", "John Roe");
    expect_meta(doc, "published", "2019-09-07T16:28:35+08:00");
    expect_meta(doc, "site", "The City News");
    expect_meta(doc, "url", "https://news.example/a/1");
    expect_meta(doc, "lang", "en-US");
    sl_doc_free(doc);
}

Test(meta, relative_canonical_is_resolved_against_the_input_url)
{
    sl_doc *doc =
        run_with("<html><head><link rel=\"canonical\" href=\"/a/2\">"
                 "</head><body><h1>T</h1>" ARTICLE_TEXT "</body></html>",
                 "url", "https://news.example/x/y?z=1");
    expect_meta(doc, "url", "https://news.example/a/2");
    sl_doc_free(doc);
    /* without a canonical address the input's stays */
    doc = run_with("<body><h1>T</h1>" ARTICLE_TEXT "</body>", "url",
                   "https://news.example/x");
    expect_meta(doc, "url", "https://news.example/x");
    sl_doc_free(doc);
}

Test(meta, time_element_near_the_title)
{
    sl_doc *doc = run("<body><h1>Bridge reopens</h1>"
                      "<div class=\"meta\"><time datetime=\"2022-05-06T07:08\">"
                      "May 6</time></div>" ARTICLE_TEXT "</body>");
    expect_meta(doc, "published", "2022-05-06T07:08");
    sl_doc_free(doc);
}

Test(meta, time_elements_far_from_the_title_are_not_the_date)
{
    char page[8192] = "<body><h1>Bridge reopens</h1>" ARTICLE_TEXT;
    for (int i = 0; i < 30; i++)
        strcat(page, "<p>Another paragraph of the article text.</p>");
    strcat(page, "<div class=\"comment\"><time datetime=\"2023-01-01\">"
                 "</time>Nice.</div></body>");
    sl_doc *doc = run(page);
    expect_meta(doc, "published", NULL);
    sl_doc_free(doc);
}

Test(meta, chinese_byline_and_date_under_the_title)
{
    sl_doc *doc = run("<body><h1>大桥恢复通车</h1>"
                      "<div class=\"info\">2019年9月5日 10:20 来源：新京报 "
                      "作者：张三</div>"
                      "<p>经过十四个月的维修，大桥于周一恢复通车，"
                      "市政府表示交通量预计将恢复到封闭前的水平。</p>"
                      "<p>责任编辑：李四_NB123</p></body>");
    expect_meta(doc, "author", "张三");
    expect_meta(doc, "published", "2019-09-05T10:20");
    expect_meta(doc, "lang", "zh");
    sl_doc_free(doc);
}

Test(meta, editor_when_no_author_and_not_when_author_unknown)
{
    sl_doc *doc = run("<html><head><meta name=\"author\" content=\"网易\">"
                      "</head><body><h1>大桥恢复通车</h1>"
                      "<p>经过十四个月的维修，大桥于周一恢复通车。</p>"
                      "<p>本文来源：新京报 责任编辑：史建磊_NBJ11331</p>"
                      "</body></html>");
    /* an organisation in the meta tag yields to the named editor */
    expect_meta(doc, "author", "史建磊");
    sl_doc_free(doc);
    doc = run("<body><h1>大桥恢复通车</h1><p>作者：未知 责任编辑：王五</p>"
              "<p>经过十四个月的维修，大桥于周一恢复通车。</p></body>");
    expect_meta(doc, "author", NULL);
    sl_doc_free(doc);
}

Test(meta, name_after_a_title_in_the_byline)
{
    sl_doc *doc = run("<body><h1>标题</h1><p>【文/观察者网专栏作者 王文】</p>"
                      "<p>经过十四个月的维修，大桥于周一恢复通车。</p></body>");
    expect_meta(doc, "author", "王文");
    sl_doc_free(doc);
}

Test(meta, english_byline_and_published_line)
{
    sl_doc *doc = run("<body><h1>Bridge reopens</h1><p>By Jane Doe and "
                      "John Roe | Reuters</p><p>Published March 3, 2021 at "
                      "4:05 pm</p>" ARTICLE_TEXT "</body>");
    expect_meta(doc, "author", "Jane Doe and John Roe");
    expect_meta(doc, "published", "2021-03-03T16:05");
    expect_meta(doc, "lang", "en");
    sl_doc_free(doc);
}

Test(meta, sentences_are_not_bylines)
{
    sl_doc *doc =
        run("<body><h1>大桥恢复通车</h1>"
            "<p>记者通过电子邮件联系了富士康，截至发稿时尚未收到回应。</p>"
            "<p>by the way, nothing here names an author.</p></body>");
    expect_meta(doc, "author", NULL);
    sl_doc_free(doc);
}

Test(meta, relative_dates_need_a_crawl_date)
{
    const char *page = "<body><h1>大桥恢复通车</h1><p>3天前</p>"
                       "<p>经过十四个月的维修，大桥于周一恢复通车。</p></body>";
    sl_doc *doc = run_with(page, "crawl_date", "2024-03-02");
    expect_meta(doc, "published", "2024-02-28");
    sl_doc_free(doc);
    doc = run(page);
    expect_meta(doc, "published", NULL);
    sl_doc_free(doc);
    doc = run_with("<body><h1>T</h1><p>昨天 10:20</p>" ARTICLE_TEXT "</body>",
                   "crawl_date", "2024-01-01T08:00:00");
    expect_meta(doc, "published", "2023-12-31T10:20");
    sl_doc_free(doc);
    doc = run_with("<body><h1>T</h1><p>Posted 2 days ago</p>" ARTICLE_TEXT
                   "</body>",
                   "crawl_date", "2024-03-01");
    expect_meta(doc, "published", "2024-02-28");
    sl_doc_free(doc);
}

Test(meta, absent_when_the_page_gives_nothing)
{
    sl_doc *doc = run("<body><h1>T</h1>" ARTICLE_TEXT "</body>");
    expect_meta(doc, "author", NULL);
    expect_meta(doc, "published", NULL);
    expect_meta(doc, "site", NULL);
    expect_meta(doc, "url", NULL);
    sl_doc_free(doc);
    /* a month and day without a year is no date */
    doc = run("<body><h1>标题</h1><p>09月07日</p>"
              "<p>经过十四个月的维修，大桥于周一恢复通车。</p></body>");
    expect_meta(doc, "published", NULL);
    sl_doc_free(doc);
}

Test(meta, placeholders_are_no_authors)
{
    sl_doc *doc = run("<html><head><meta name=\"author\" "
                      "content=\"name, email@gmail.com\"></head><body>"
                      "<h1>T</h1>" ARTICLE_TEXT "</body></html>");
    expect_meta(doc, "author", NULL);
    sl_doc_free(doc);
}

Test(meta, language_from_the_text_without_markup)
{
    static const struct {
        const char *text, *lang;
    } cases[] = {
        {"经过十四个月的维修，大桥于周一恢复通车，市政府表示交通量预计将恢复到"
         "封"
         "闭前的水平，这是一个好消息。",
         "zh"},
        {"經過十四個月的維修，大橋於週一恢復通車，市政府表示交通量預計將恢復到"
         "封"
         "閉前的水平，這是一個好消息。",
         "zh-Hant"},
        {"橋は十四か月の修理を経て月曜日に再開しました。市は交通量が閉鎖前の水"
         "準"
         "に戻ると見ています。",
         "ja"},
        {"다리는 14개월의 수리 끝에 월요일에 다시 개통되었습니다. 시는 "
         "교통량이 "
         "폐쇄 이전 수준으로 돌아올 것으로 예상합니다.",
         "ko"},
        {"The harbour bridge reopened on Monday after a repair that took "
         "fourteen months, and the council said that traffic is expected to "
         "return to the levels it had before the closure.",
         "en"},
        {"Le pont du port a rouvert lundi après une réparation qui a duré "
         "quatorze mois, et la mairie dit que le trafic devrait revenir au "
         "niveau qu'il avait avant la fermeture de la route.",
         "fr"},
        {"Die Brücke am Hafen ist nach einer Reparatur, die vierzehn Monate "
         "gedauert hat, wieder offen, und die Stadt sagt, dass der Verkehr "
         "auf das Niveau von vor der Sperrung zurückkehren wird.",
         "de"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[1024];
        snprintf(page, sizeof page, "<body><p>%s</p></body>", cases[i].text);
        sl_doc *doc = run(page);
        expect_meta(doc, "lang", cases[i].lang);
        sl_doc_free(doc);
    }
}

Test(meta, text_overrides_markup_of_another_script)
{
    sl_doc *doc =
        run("<html lang=\"en\"><body><p>经过十四个月的维修，大桥于周"
            "一恢复通车，市政府表示交通量预计将恢复。</p></body></html>");
    expect_meta(doc, "lang", "zh");
    sl_doc_free(doc);
    /* too little text: the markup stands, or nothing is said */
    doc = run("<html lang=\"cs\"><body><p>Ahoj</p></body></html>");
    expect_meta(doc, "lang", "cs");
    sl_doc_free(doc);
    doc = run("<body><p>Ahoj</p></body>");
    expect_meta(doc, "lang", NULL);
    sl_doc_free(doc);
}

Test(meta, dates_as_pages_write_them)
{
    static const struct {
        const char *text, *iso;
    } cases[] = {
        {"发布时间：2019-09-07 16:28:35", "2019-09-07T16:28:35"},
        {"2019年09月07日 08:05", "2019-09-07T08:05"},
        {"2019/9/5", "2019-09-05"},
        {"Updated 7 Sep 2019", "2019-09-07"},
        {"September 7th, 2019, 10:20 AM", "2019-09-07T10:20"},
        {"2019.09.07", "2019-09-07"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        html_date d;
        size_t at, end;
        char iso[32];
        cr_assert(html_date_find(cases[i].text, strlen(cases[i].text), NULL, &d,
                                 &at, &end),
                  "no date in %s", cases[i].text);
        html_date_format(&d, iso);
        cr_expect_str_eq(iso, cases[i].iso);
    }
    static const char *const none[] = {"2019-13-01", "2019-02-30",
                                       "version 3.4.40", "in May 2019",
                                       "20190245"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        html_date d;
        size_t at, end;
        cr_expect(
            !html_date_find(none[i], strlen(none[i]), NULL, &d, &at, &end),
            "a date found in %s", none[i]);
    }
}

Test(meta, metadata_option_off_writes_nothing)
{
    for (const sl_option *o = html_LTX_sluice_plugin.options; o->name; o++) {
        if (strcmp(o->name, "metadata") == 0)
            *(bool *)((char *)state + o->offset) = false;
    }
    sl_doc *doc =
        run("<html lang=\"en\"><head><meta name=\"author\" "
            "content=\"John Roe\"></head><body><h1>T</h1>" ARTICLE_TEXT
            "</body></html>");
    expect_meta(doc, "author", NULL);
    expect_meta(doc, "lang", NULL);
    sl_doc_free(doc);
}

Test(meta, an_update_is_not_the_publication)
{
    sl_doc *doc =
        run("<body><h1>T</h1><p>Last updated on Sep 21, 2017</p>" ARTICLE_TEXT
            "</body>");
    expect_meta(doc, "published", NULL);
    sl_doc_free(doc);
}

Test(meta, a_labelled_date_closing_the_article)
{
    sl_doc *doc = run("<body><h1>T</h1><article>" ARTICLE_TEXT ARTICLE_TEXT
                      "</article><div class=\"postDesc\">posted @ 2024-05-09 "
                      "14:45 someone 阅读(430) 编辑 收藏</div></body>");
    expect_meta(doc, "published", "2024-05-09T14:45");
    /* the poster follows the date; "编辑 收藏" is a row of buttons, not an
     * editor */
    expect_meta(doc, "author", "someone");
    sl_doc_free(doc);
}

Test(meta, json_ld_with_raw_line_breaks_in_strings)
{
    sl_doc *doc = run("<html><head><script type=\"application/ld+json\">"
                      "{\"@type\":\"NewsArticle\",\"headline\":\"two\nlines\","
                      "\"datePublished\":\"2018-07-08\"}</script></head>"
                      "<body><h1>T</h1>" ARTICLE_TEXT "</body></html>");
    expect_meta(doc, "published", "2018-07-08");
    sl_doc_free(doc);
}

Test(meta, dates_in_sentences_are_events_not_the_publication)
{
    sl_doc *doc = run_with("<body><h1>标题</h1><p>前天，记者来到大桥。</p>"
                           "<p>2018年12月28日，有网友爆料大桥出现裂缝。</p>"
                           "<p>经过十四个月的维修，大桥于周一恢复通车。</p>"
                           "</body>",
                           "crawl_date", "2024-03-02");
    expect_meta(doc, "published", NULL);
    sl_doc_free(doc);
}

Test(meta, a_wire_dateline_opening_the_lead)
{
    sl_doc *doc =
        run("<body><h1>Superbugs</h1><p>April 17, 2015 -- Imagine "
            "being sick in the hospital with an infection that "
            "doctors cannot stop from spreading, which is what "
            "this report is about, and more of it follows.</p>" ARTICLE_TEXT
            "</body>");
    expect_meta(doc, "published", "2015-04-17");
    sl_doc_free(doc);
}

Test(meta, site_from_the_title)
{
    sl_doc *doc = run("<html><head><title>大桥恢复通车|辟谣_新浪财经_新浪网"
                      "</title></head><body><h1>大桥恢复通车</h1>"
                      "<p>经过十四个月的维修，大桥于周一恢复通车。</p>"
                      "</body></html>");
    expect_meta(doc, "site", "新浪网");
    sl_doc_free(doc);
    /* tags after the title are no site name */
    doc = run("<html><head><title>大桥恢复通车_中国_法国_全球</title></head>"
              "<body><h1>大桥恢复通车</h1>"
              "<p>经过十四个月的维修，大桥于周一恢复通车。</p></body></html>");
    expect_meta(doc, "site", NULL);
    sl_doc_free(doc);
}

#define ZH_TEXT                                                                                                 \
    "<p>经过十四个月的维修，大桥于周一恢复通车，市政部门表示，交通流量预计将" \
    "恢复到关闭前的水平。</p>"

/* Class names that say nothing, as on a page whose names are generated:
 * the byline is found by its place, a name alone above the date line. */
Test(meta, a_name_alone_above_the_date_line_under_the_title)
{
    sl_doc *doc = run("<body><div class=\"x81\"><h1>大桥恢复通车</h1>"
                      "<div class=\"x1a\"><a href=\"/pc/zmt?id=3\">管不饿</a>"
                      "</div><div class=\"x2b\">关注</div>"
                      "<div class=\"x3c\">2024-05-08 23:23</div>"
                      "<div class=\"x4d\">来自甘肃</div>" ZH_TEXT ZH_TEXT
                      "</div></body>");
    expect_meta(doc, "author", "管不饿");
    expect_meta(doc, "published", "2024-05-08T23:23");
    sl_doc_free(doc);
    /* an account's name above "date 发布于 section", under a title in a
     * <div> */
    doc = run("<html><head><title>商标审查标准</title></head><body>"
              "<div class=\"q1\">商标审查标准</div>"
              "<div class=\"q2\"><div class=\"q3\"><span>软唐知产小傅</span>"
              "</div><div class=\"q4\">2020.03.11 10:51发布于知产资料</div>"
              "</div>" ZH_TEXT "</body></html>");
    expect_meta(doc, "author", "软唐知产小傅");
    sl_doc_free(doc);
    doc = run("<body><h1>Bridge reopens</h1><div class=\"k9\">Jane Doe</div>"
              "<div class=\"k8\">March 5, 2024</div>" ARTICLE_TEXT "</body>");
    expect_meta(doc, "author", "Jane Doe");
    expect_meta(doc, "published", "2024-03-05");
    sl_doc_free(doc);
}

/* A name-like line anywhere else is no author: in the text, under the
 * title without a date line after it, after the date line, or a name the
 * title holds. */
Test(meta, a_name_like_line_elsewhere_is_no_author)
{
    static const char *const pages[] = {
        "<body><h1>大桥恢复通车</h1><div>2024-05-08 23:23</div>" ZH_TEXT
        "<div>王小明</div>" ZH_TEXT "</body>",
        "<body><h1>大桥恢复通车</h1><div>王小明</div>" ZH_TEXT
        "<div>2024-05-08 23:23</div>" ZH_TEXT "</body>",
        "<body><h1>大桥恢复通车</h1><div>2024-05-08 23:23</div>"
        "<div>王小明</div>" ZH_TEXT "</body>",
        "<body><h1>Bridge reopens</h1><p>Harbour Works</p>" ARTICLE_TEXT
        "<p>March 5, 2024</p></body>",
        "<html><head><title>CLT Update: Bridge reopens</title></head><body>"
        "<h1>CLT Update: Bridge reopens</h1><p>CLT Update</p>"
        "<p>Friday, February 26, 1999</p>" ARTICLE_TEXT "</body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        sl_doc *doc = run(pages[i]);
        const char *got = sl_doc_meta_string(doc, "author");
        cr_expect_null(got, "page %zu: author \"%s\"", i, got);
        sl_doc_free(doc);
    }
}

/* A link to an author's page names the author beside the date line under
 * the title, whatever its class says; not in a list of the site's
 * writers away from the headline, nor the site's own sign-in page. */
Test(meta, a_link_to_an_authors_page_beside_the_date)
{
    sl_doc *doc =
        run("<body><h1>Bridge reopens</h1><div class=\"z1\">"
            "<a href=\"https://news.example/author/jane-doe\">Jane Doe</a> "
            "&middot; <span>Mar 5, 2024</span></div>" ARTICLE_TEXT "</body>");
    expect_meta(doc, "author", "Jane Doe");
    sl_doc_free(doc);
    doc = run("<body><h1>大桥恢复通车</h1><div class=\"z1\">"
              "<a href=\"/user/42\"><i class=\"z2\"></i>张晓明</a> "
              "2024-05-08 23:23</div>" ZH_TEXT "</body>");
    expect_meta(doc, "author", "张晓明");
    sl_doc_free(doc);
    doc = run("<body><h1>Bridge reopens</h1>"
              "<div><a href=\"/user/login?next=/\">Sign In</a> "
              "Mar 5, 2024</div>" ARTICLE_TEXT ARTICLE_TEXT
              "<div><a href=\"/authors/\">Our Writers</a></div>"
              "<div><a href=\"/author/john-roe\">John Roe</a></div></body>");
    expect_meta(doc, "author", NULL);
    sl_doc_free(doc);
}
