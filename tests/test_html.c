/* tests/test_html.c - the html stage: blocks and their kinds from markup,
 * dropped and hidden elements, table rows, features, the title, charsets,
 * and pages built to hurt (deep nesting, a million attributes).
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "docs.h"
#include "html_internal.h"
#include "input_charset.h"
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
        if (strcmp(o->name, "main_content") == 0)
            *(bool *)((char *)state + o->offset) = true;
    }
    cr_assert_eq(html_LTX_sluice_plugin.init(ctx, state), SL_OK);
}

static void teardown(void)
{
    free(state);
    sl_ctx_free(ctx);
}

TestSuite(html, .init = setup, .fini = teardown);

/* A document holding html (len bytes), run through the stage. */
static sl_doc *parse_bytes(const char *html, size_t len)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, html, len), 0);
    doc->content_type = SL_CONTENT_HTML;
    cr_assert_eq(html_LTX_sluice_plugin.process(ctx, state, doc), SL_OK);
    return doc;
}

static sl_doc *parse(const char *html)
{
    return parse_bytes(html, strlen(html));
}

/* Index of the first block whose text contains s, or -1. */
static long find_block(const sl_doc *doc, const char *s)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, s))
            return (long)i;
    }
    return -1;
}

static char *read_data(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/html/%s", TEST_DATA_DIR, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

Test(html, lines_alike_of_one_element_share_their_features)
{
    sl_doc *doc = parse("<html><body><div class=\"story\"><p>字<br>字<br>字"
                        "<br>字字</p><p>字</p></div></body></html>");
    cr_assert_eq(doc->n_blocks, 5);
    const sl_html_features *f = doc->blocks[0].html;
    cr_assert_not_null(f);
    cr_expect_str_eq(f->tag, "p");
    cr_expect_str_eq(f->path, "html>body>div>p");
    cr_expect_str_eq(f->class_id, "story");
    cr_expect_eq(f->text_chars, 1);
    /* the three one-character lines of the first <p>: one record */
    cr_expect_eq(doc->blocks[1].html, f);
    cr_expect_eq(doc->blocks[2].html, f);
    /* a longer line, and the second <p>: their own records ... */
    cr_expect_neq(doc->blocks[3].html, f);
    cr_expect_eq(doc->blocks[3].html->text_chars, 2);
    cr_expect_neq(doc->blocks[4].html, f);
    cr_expect_neq(doc->blocks[4].html->dom_index, f->dom_index);
    /* ... but the same path and class strings, stored once */
    cr_expect_eq(doc->blocks[4].html->path, f->path);
    cr_expect_eq(doc->blocks[4].html->class_id, f->class_id);
    sl_doc_free(doc);
}

Test(html, a_shared_features_record_is_copied_for_a_change_to_one_block)
{
    sl_doc *doc = parse("<html><body><p>字<br>字<br>字</p></body></html>");
    cr_assert_eq(doc->n_blocks, 3);
    sl_html_features *shared = doc->blocks[0].html;
    cr_assert_eq(doc->blocks[1].html, shared);
    sl_html_features *own = html_features_to_edit(doc, 1);
    cr_assert_not_null(own);
    cr_expect_neq(own, shared);
    cr_expect_eq(doc->blocks[1].html, own);
    cr_expect_eq(own->dom_index, shared->dom_index);
    cr_expect_eq(own->text_chars, shared->text_chars);
    own->hints |= SL_HINT_POST_META;
    cr_expect_not(shared->hints & SL_HINT_POST_META);
    cr_expect_eq(doc->blocks[0].html, shared);
    cr_expect_eq(doc->blocks[2].html, shared);
    /* the last block of the run now shares with nobody: edited in place */
    cr_expect_eq(html_features_to_edit(doc, 2), shared);
    sl_doc_free(doc);
}

Test(html, headings_keep_their_level)
{
    sl_doc *doc = parse("<body><h1>Top</h1><p>Intro text.</p><h2>Second</h2>"
                        "<h3>Third</h3><h6>Sixth</h6></body>");
    long top = find_block(doc, "Top"), second = find_block(doc, "Second");
    long third = find_block(doc, "Third"), sixth = find_block(doc, "Sixth");
    cr_assert(top >= 0 && second >= 0 && third >= 0 && sixth >= 0);
    cr_expect_eq(doc->blocks[top].kind, SL_BLOCK_HEADING);
    cr_expect_eq(doc->blocks[top].level, 1);
    cr_expect_eq(doc->blocks[second].level, 2);
    cr_expect_eq(doc->blocks[third].level, 3);
    cr_expect_eq(doc->blocks[sixth].level, 6);
    cr_expect_eq(doc->blocks[find_block(doc, "Intro")].kind,
                 SL_BLOCK_PARAGRAPH);
    sl_doc_free(doc);
}

Test(html, list_items_quotes_code_and_captions)
{
    sl_doc *doc =
        parse("<ul><li>first item</li><li><p>second item</p></li></ul>"
              "<blockquote>a quoted line</blockquote>"
              "<pre>int  x = 1;\n  y();</pre>"
              "<figure><img src=a.png><figcaption>图1 产量</figcaption>"
              "</figure>");
    cr_expect_eq(doc->blocks[find_block(doc, "first item")].kind,
                 SL_BLOCK_LIST_ITEM);
    cr_expect_eq(doc->blocks[find_block(doc, "second item")].kind,
                 SL_BLOCK_LIST_ITEM);
    cr_expect_eq(doc->blocks[find_block(doc, "quoted")].kind, SL_BLOCK_QUOTE);
    long code = find_block(doc, "int");
    cr_assert(code >= 0);
    cr_expect_eq(doc->blocks[code].kind, SL_BLOCK_CODE);
    cr_expect(strstr(doc->blocks[code].text, "int  x = 1;\n  y();") != NULL,
              "white space inside <pre> is kept");
    cr_expect_eq(doc->blocks[find_block(doc, "图1")].kind, SL_BLOCK_CAPTION);
    sl_doc_free(doc);
}

Test(html, data_rows_become_table_rows)
{
    sl_doc *doc = parse("<table><caption>Table 1. Output</caption>"
                        "<tr><th>Year</th><th>Tons</th></tr>"
                        "<tr><td>2023</td><td>1,200</td></tr></table>");
    long row = find_block(doc, "2023");
    cr_assert(row >= 0);
    cr_expect_eq(doc->blocks[row].kind, SL_BLOCK_TABLE_ROW);
    cr_expect_str_eq(doc->blocks[row].text, "2023\t1,200");
    cr_expect_str_eq(doc->blocks[find_block(doc, "Year")].text, "Year\tTons");
    cr_expect_eq(doc->blocks[find_block(doc, "Table 1")].kind,
                 SL_BLOCK_CAPTION);
    sl_doc_free(doc);
}

Test(html, layout_tables_give_paragraphs)
{
    sl_doc *doc = parse("<table><tr><td><a href=/>Home</a></td>"
                        "<td><p>A long paragraph of the article.</p>"
                        "<p>Another paragraph.</p></td></tr></table>");
    long p = find_block(doc, "A long paragraph");
    cr_assert(p >= 0);
    cr_expect_eq(doc->blocks[p].kind, SL_BLOCK_PARAGRAPH);
    cr_expect_str_eq(doc->blocks[p].text, "A long paragraph of the article.");
    cr_expect(find_block(doc, "Another") > p);
    sl_doc_free(doc);
}

Test(html, dropped_elements_leave_no_text)
{
    sl_doc *doc =
        parse("<body><p>kept text</p><script>var secret = 1;</script>"
              "<style>.x { color: red }</style><noscript>enable js</noscript>"
              "<template><p>template text</p></template>"
              "<svg><text>svg text</text></svg><!-- a comment -->"
              "<form><input value=typed><select><option>opt</option></select>"
              "<button>Send</button></form><iframe src=x>frame text</iframe>"
              "<textarea>area text</textarea></body>");
    cr_expect(find_block(doc, "kept text") >= 0);
    const char *gone[] = {
        "secret",    "color", "enable js", "template text", "svg text",
        "a comment", "opt",   "Send",      "frame text",    "area text"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        cr_expect_eq(find_block(doc, gone[i]), -1, "%s was kept", gone[i]);
    sl_doc_free(doc);
}

Test(html, hidden_elements_are_dropped)
{
    sl_doc *doc = parse("<p>visible</p><p hidden>by attribute</p>"
                        "<div aria-hidden=\"true\">by aria</div>"
                        "<div style=\"color:red; DISPLAY: none\">by style</div>"
                        "<div style=\"visibility:hidden\">invisible</div>");
    cr_expect(find_block(doc, "visible") >= 0);
    cr_expect_eq(find_block(doc, "by attribute"), -1);
    cr_expect_eq(find_block(doc, "by aria"), -1);
    cr_expect_eq(find_block(doc, "by style"), -1);
    cr_expect_eq(find_block(doc, "invisible"), -1);
    sl_doc_free(doc);
}

Test(html, br_splits_lines_and_spaces_fold)
{
    sl_doc *doc =
        parse("<div>first   line<br>second\n\tline<br/><br>third</div>");
    cr_assert_eq(doc->n_blocks, 3);
    cr_expect_str_eq(doc->blocks[0].text, "first line");
    cr_expect_str_eq(doc->blocks[1].text, "second line");
    cr_expect_str_eq(doc->blocks[2].text, "third");
    sl_doc_free(doc);
}

Test(html, features_describe_the_element)
{
    sl_doc *doc = parse(
        "<body><nav class=\"site-nav\"><a href=/>Home</a> <a href=/n>News</a>"
        "</nav><div id=\"main-content\"><p class=\"lead\">Some <a href=x>link"
        "</a> text.</p></div><div class=\"footer\">Footer</div></body>");
    long nav = find_block(doc, "Home");
    long lead = find_block(doc, "Some");
    long foot = find_block(doc, "Footer");
    cr_assert(nav >= 0 && lead >= 0 && foot >= 0);
    const sl_html_features *f = doc->blocks[lead].html;
    cr_assert_not_null(f);
    cr_expect_str_eq(f->tag, "p");
    cr_expect(strstr(f->path, "div>p") != NULL, "path %s", f->path);
    cr_expect(strstr(f->class_id, "main-content") != NULL);
    cr_expect(strstr(f->class_id, "lead") != NULL);
    cr_expect_eq(f->text_chars, 15);
    cr_expect_eq(f->link_chars, 4);
    cr_expect(f->hints & SL_HINT_CONTENT);
    cr_expect(doc->blocks[nav].html->hints & SL_HINT_NAV);
    cr_expect_eq(doc->blocks[nav].html->link_chars,
                 doc->blocks[nav].html->text_chars - 1);
    cr_expect(doc->blocks[foot].html->hints & SL_HINT_FOOTER);
    cr_expect(doc->blocks[lead].html->dom_index >
              doc->blocks[nav].html->dom_index);
    sl_doc_free(doc);
}

Test(html, main_content_is_marked)
{
    sl_doc *doc = parse(
        "<body><div class=menu><a href=/>Home</a> | <a href=/a>About</a></div>"
        "<div class=post><p>The council approved the budget on Monday, after "
        "a debate that lasted four hours.</p><p>Spending on schools rises by "
        "four percent, and road repairs get a new fund.</p><p>The mayor "
        "said the vote was a fair compromise, and opponents agreed.</p></div>"
        "<div class=sidebar><ul><li><a href=/1>Other story</a></li></ul></div>"
        "</body>");
    long para = find_block(doc, "council");
    long menu = find_block(doc, "Home");
    long side = find_block(doc, "Other story");
    cr_assert(para >= 0 && menu >= 0 && side >= 0);
    cr_expect(doc->blocks[para].html->hints & SL_HINT_MAIN);
    cr_expect(doc->blocks[find_block(doc, "mayor")].html->hints & SL_HINT_MAIN);
    cr_expect_not(doc->blocks[menu].html->hints & SL_HINT_MAIN);
    cr_expect_not(doc->blocks[side].html->hints & SL_HINT_MAIN);
    cr_expect(doc->blocks[menu].html->hints & SL_HINT_MAIN_FOUND);
    sl_doc_free(doc);
}

Test(html, title_prefers_og_title)
{
    sl_doc *doc = parse("<html><head><title>Page | Site</title>"
                        "<meta property=\"og:title\" content=\"The Story\">"
                        "</head><body><h1>Heading</h1></body></html>");
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "The Story");
    sl_doc_free(doc);
}

Test(html, title_loses_a_site_name_the_page_confirms)
{
    sl_doc *doc = parse("<html><head><title>Rain Expected Friday - Daily "
                        "Courier</title></head><body><h1>Rain Expected "
                        "Friday</h1><p>Text.</p></body></html>");
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "Rain Expected Friday");
    long h1 = find_block(doc, "Rain Expected");
    cr_expect(doc->blocks[h1].flags & SL_BLOCK_TITLE);
    sl_doc_free(doc);

    doc = parse("<html><head><title>只有标题 - 某网站</title></head>"
                "<body><p>正文没有这个标题。</p></body></html>");
    cr_expect_str_eq(doc->title, "只有标题 - 某网站",
                     "unconfirmed suffixes are kept");
    sl_doc_free(doc);
}

Test(html, title_falls_back_to_the_first_h1)
{
    sl_doc *doc = parse("<body><h1>First heading</h1><h1>Second</h1></body>");
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "First heading");
    sl_doc_free(doc);
}

/* A menu whose items end in an arrow set as a heading comes before the
 * thread's own headline: an h1 holding no letter or digit is no title. */
Test(html, title_skips_a_heading_of_symbols_alone)
{
    sl_doc *doc =
        parse("<body><div class=menu><a href=/a>Studio<h1>\xe2\xaf\x88"
              "</h1></a><a href=/b>Robot<h1>\xe2\xaf\x88</h1></a></div>"
              "<h1>Load testing</h1><p>Text.</p></body>");
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "Load testing");
    sl_doc_free(doc);

    doc = parse("<body><h1>\xe2\x86\x92</h1><h1>2024</h1></body>");
    cr_expect_str_eq(doc->title, "2024", "a digit is a word");
    sl_doc_free(doc);
}

/* The page as the reader hands it to the stage: decoded to UTF-8. */
Test(html, a_long_title_is_cut_between_characters)
{
    /* 2048 bytes are kept: one ASCII byte then 3-byte characters puts the
     * cut inside a character unless it backs off to the character's start */
    char html[8192] = "<html><head><title>x";
    for (int i = 0; i < 1000; i++)
        strcat(html, "标");
    strcat(html, "</title></head><body><p>Body text.</p></body></html>");
    sl_doc *doc = parse(html);
    cr_assert_not_null(doc->title);
    size_t len = strlen(doc->title);
    cr_expect_gt(len, 2000u, "the title is kept, cut short");
    cr_expect_eq(sl_utf8_validate(doc->title, len), len,
                 "a cut title is valid UTF-8");
    sl_doc_free(doc);
}

static char *decoded_data(const char *name, size_t *len)
{
    size_t raw_len;
    char *raw = read_data(name, &raw_len);
    cr_assert_lt(sl_utf8_validate(raw, raw_len), raw_len,
                 "the file is not UTF-8");
    char charset[64], ignored[64];
    char *text = sl_input_html_to_utf8(raw, raw_len, len, charset,
                                       sizeof charset, ignored, sizeof ignored);
    cr_assert_not_null(text);
    free(raw);
    return text;
}

Test(html, gbk_page_is_decoded)
{
    size_t len;
    char *raw = decoded_data("gbk-page.html", &len);
    sl_doc *doc = parse_bytes(raw, len);
    long p = find_block(doc, "县政府召开春耕生产工作会议");
    cr_expect(p >= 0, "GBK text decoded");
    cr_assert_not_null(doc->title);
    cr_expect_str_eq(doc->title, "县里召开春耕生产工作会议");
    for (size_t i = 0; i < doc->n_blocks; i++)
        cr_expect_eq(sl_utf8_validate(doc->blocks[i].text, doc->blocks[i].len),
                     doc->blocks[i].len);
    sl_doc_free(doc);
    free(raw);
}

Test(html, big5_page_is_decoded)
{
    size_t len;
    char *raw = decoded_data("big5-page.html", &len);
    sl_doc *doc = parse_bytes(raw, len);
    cr_expect(find_block(doc, "臺北市政府今日舉行記者會") >= 0);
    sl_doc_free(doc);
    free(raw);
}

Test(html, utf8_text_wins_over_a_stale_meta_charset)
{
    sl_doc *doc = parse("<html><head><meta charset=\"gbk\"></head>"
                        "<body><p>这段文字已经是UTF-8。</p></body></html>");
    cr_expect(find_block(doc, "这段文字已经是UTF-8。") >= 0);
    sl_doc_free(doc);
}

Test(html, deep_nesting_does_not_crash)
{
    size_t depth = 100000;
    size_t len = depth * 11 + 64;
    char *html = malloc(len);
    cr_assert_not_null(html);
    size_t at = 0;
    for (size_t i = 0; i < depth; i++)
        at += (size_t)sprintf(html + at, "<div>");
    at += (size_t)sprintf(html + at, "deep text");
    for (size_t i = 0; i < depth; i++)
        at += (size_t)sprintf(html + at, "</div>");
    sl_doc *doc = parse_bytes(html, at);
    cr_expect(doc->n_blocks <= 1);
    sl_doc_free(doc);
    free(html);
}

Test(html, a_million_attributes_are_cut_short)
{
    size_t count = 1000000;
    char *html = malloc(count * 12 + 64);
    cr_assert_not_null(html);
    size_t at = (size_t)sprintf(html, "<p");
    for (size_t i = 0; i < count; i++)
        at += (size_t)sprintf(html + at, " a%zu=\"1\"", i);
    at += (size_t)sprintf(html + at, ">many attributes</p><p>after</p>");
    sl_doc *doc = parse_bytes(html, at);
    cr_expect(find_block(doc, "many attributes") >= 0);
    cr_expect(find_block(doc, "after") >= 0);
    sl_doc_free(doc);
    free(html);
}

Test(html, plain_text_documents_are_left_alone)
{
    sl_doc *doc = sl_doc_new();
    const char *text = "<p>not parsed</p>\nsecond line";
    sl_doc_set_raw_copy(doc, text, strlen(text));
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(html_LTX_sluice_plugin.process(ctx, state, doc), SL_OK);
    cr_expect_eq(doc->n_blocks, 2);
    cr_expect_str_eq(doc->blocks[0].text, "<p>not parsed</p>");
    cr_expect_null(doc->blocks[0].html);
    sl_doc_free(doc);
}

Test(html, broken_markup_is_tolerated)
{
    sl_doc *doc = parse("<div><p>unclosed <b>bold <i>both</div><p>next"
                        "</body></html><p>after the end</p>");
    cr_expect(find_block(doc, "unclosed bold both") >= 0);
    cr_expect(find_block(doc, "after the end") >= 0,
              "content after </html> is kept");
    sl_doc_free(doc);
}

/* The page-type step (html_pagetype.c): posts found by repeated timed
 * siblings, comment lists taken out of articles. */
int html_looks_like_time(const char *s, size_t n);

static int timeish(const char *s)
{
    return html_looks_like_time(s, strlen(s));
}

Test(html, short_dates_and_times_are_recognised)
{
    cr_expect(timeish("2023-07-05 10:35"));
    cr_expect(timeish("Posted July 5, 2023"));
    cr_expect(timeish("3 hours ago"));
    cr_expect(timeish("\xC2\xB7 4y")); /* · 4y */
    cr_expect(timeish("14d"));
    cr_expect(timeish("\xE5\x8F\x91\xE5\xB8\x83\xE4\xBA\x8E "
                      "3\xE5\xA4\xA9\xE5\x89\x8D")); /* 发布于 3天前 */
    cr_expect(timeish("2024\xE5\xB9\xB4"
                      "5\xE6\x9C\x88"
                      "4\xE6\x97\xA5")); /* 2024年5月4日 */
    cr_expect_not(timeish("Senior Member"));
    cr_expect_not(timeish("Posts: 522"));
    cr_expect_not(timeish("May the best team win"));
    cr_expect_not(timeish("4 years of work, 14 days off"));
    cr_expect(timeish("9 days later")); /* a thread's gap between posts */
    cr_expect(timeish("9 \xE5\xA4\xA9 \xE5\x90\x8E")); /* 9 天 后 */
    cr_expect_not(timeish("Later that day"));
    /* 地震发生前83秒做出正确的预警。: 前 (before) ahead of the number is
     * no age */
    cr_expect_not(timeish("\xE5\x9C\xB0\xE9\x9C\x87\xE5\x8F\x91"
                          "\xE7\x94\x9F\xE5\x89\x8D"
                          "83\xE7\xA7\x92\xE5\x81\x9A\xE5\x87\xBA"
                          "\xE9\xA2\x84\xE8\xAD\xA6\xE3\x80\x82"));
}

int html_looks_like_post_header(const char *s, size_t n);
int html_looks_like_floor(const char *s, size_t n);

static int header(const char *s)
{
    return html_looks_like_post_header(s, strlen(s));
}

static int floor_number(const char *s)
{
    return html_looks_like_floor(s, strlen(s));
}

Test(html, post_headers_and_floor_numbers_are_recognised)
{
    cr_expect(header("Reply 1 - Posted by: mc squared 5/12/2024 12:34:17 PM "
                     "(No. 1716611)"));
    cr_expect(header("2\xE6\xA5\xBC 2024-05-12 10:35 "
                     "\xE6\x9D\xA5\xE8\x87\xAA"
                     "\xE5\x8C\x97\xE4\xBA\xAC")); /* 2楼 ... 来自北京 */
    cr_expect(header("Posted on 12.05.2024 at 09:15 by Jane"));
    cr_expect_not(header("The meeting on 5/12/2024 lasted two hours"));
    cr_expect_not(header("Doors open at 10:30, see you there"));
    cr_expect_not(header("Version 1.2.3 released, build 10:30"));
    cr_expect(floor_number("#12"));
    cr_expect(floor_number(" #3 "));
    cr_expect(floor_number("12\xE6\xA5\xBC")); /* 12楼 */
    cr_expect(floor_number("\xE7\xAC\xAC"
                           "3\xE6\xA5\xBC")); /* 第3楼 */
    cr_expect(floor_number("5#"));
    cr_expect(floor_number("2F"));
    cr_expect(floor_number("\xE6\xB2\x99\xE5\x8F\x91")); /* 沙发 */
    cr_expect_not(floor_number("#hashtag"));
    cr_expect_not(floor_number("12"));
    cr_expect_not(floor_number("#1 in sales"));
    cr_expect_not(floor_number("\xE7\xAC\xAC"
                               "3")); /* 第3 */
    cr_expect_not(floor_number(""));
}

/* Posts whose only time is inside their header line, or whose only mark
 * is their floor number, are posts all the same; the header and the
 * floor are post metadata. */
Test(html, posts_known_by_header_lines_or_floors_are_the_content)
{
    const char *pages[] = {
        "<body><div class=menu><a href=/>Home</a> <a href=/n>News</a></div>"
        "<div class=page><h1>Kettle trips the fuse</h1>"
        "<div class=item><div class=head>Reply 1 - Posted by: <a href=/u/1>"
        "marta</a> 3/2/2024 10:15:02 AM (No. 1716597)</div><p>Every time I "
        "switch on the kettle, the kitchen fuse trips. It works fine "
        "elsewhere.</p></div>"
        "<div class=item><div class=head>Reply 2 - Posted by: <a href=/u/2>"
        "devon</a> 3/2/2024 11:40:45 AM (No. 1716611)</div><p>Look at the "
        "socket first: moisture behind the plate will trip it.</p></div>"
        "<div class=item><div class=head>Reply 3 - Posted by: <a href=/u/1>"
        "marta</a> 3/3/2024 09:05:13 AM (No. 1716702)</div><p>You were right, "
        "there was water behind the plate. Dried it, and the fuse holds.</p>"
        "</div></div></body>",
        "<body><div class=menu><a href=/>Home</a> <a href=/n>News</a></div>"
        "<div class=page><h1>Kettle trips the fuse</h1>"
        "<div class=item><div class=head><a href=/u/1>marta</a></div>"
        "<div class=no>#1</div><p>Every time I switch on the kettle, the "
        "kitchen fuse trips. It works fine elsewhere.</p></div>"
        "<div class=item><div class=head><a href=/u/2>devon</a></div>"
        "<div class=no>#2</div><p>Look at the socket first: moisture behind "
        "the plate will trip it.</p></div>"
        "<div class=item><div class=head><a href=/u/3>ravi</a></div>"
        "<div class=no>#3</div><p>You were right, there was water behind "
        "the plate. Dried it, and the fuse holds.</p></div></div></body>"};
    const char *meta[] = {"Reply 2 - Posted by", "#2"};
    for (size_t k = 0; k < 2; k++) {
        sl_doc *doc = parse(pages[k]);
        cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum",
                         "page %zu", k);
        long b = find_block(doc, "Look at the socket");
        cr_assert(b >= 0);
        cr_expect(doc->blocks[b].html->hints & SL_HINT_POST, "page %zu", k);
        cr_expect_not(doc->blocks[b].html->hints & SL_HINT_POST_META);
        long m = find_block(doc, meta[k]);
        cr_assert(m >= 0);
        cr_expect(doc->blocks[m].html->hints & SL_HINT_POST_META, "page %zu",
                  k);
        sl_doc_free(doc);
    }
}

/* A question above its answers, in a column whose wrapper is named like
 * a menu (the answers are inside it too): the question is content, its
 * asker and counters are post metadata. */
Test(html, a_question_in_a_column_named_like_a_menu_is_content)
{
    sl_doc *doc = parse(
        "<body><div class=menu-drawer><div class=page-main>"
        "<h1>How to add a new API?</h1>"
        "<div class=meta>Viewed 121</div>"
        "<div class=question><p>I would like to add some new APIs, and would "
        "appreciate guidance on how to do it.</p>"
        "<div class=asker><a href=/u/k>karilito</a> asked Feb 22</div></div>"
        "<div class=answer><div class=who><a href=/u/l>linkin</a></div>"
        "<div class=when>Feb 22, 2024</div><p>Add a route in the router, then "
        "a controller that checks the request, then a service for the "
        "business rules, and a repository for the data.</p></div>"
        "<div class=answer><div class=who><a href=/u/m>kalawi</a></div>"
        "<div class=when>Apr 8, 2024</div><p>Regenerate the documentation, "
        "and test the API with it.</p></div></div></div></body>");
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    long q = find_block(doc, "I would like to add");
    cr_assert(q >= 0);
    cr_expect(doc->blocks[q].html->hints & SL_HINT_MAIN);
    cr_expect_not(doc->blocks[q].html->hints & SL_HINT_POST_META);
    long views = find_block(doc, "Viewed 121");
    cr_assert(views >= 0);
    cr_expect(doc->blocks[views].html->hints & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A sentence the site prints under most posts is post metadata; a short
 * greeting the posters all wrote is theirs. */
Test(html, a_prompt_under_most_posts_is_post_metadata)
{
    static const char *const posts[] = {
        "Every time I switch on the kettle, the fuse trips.",
        "Look at the socket first: moisture will trip it.",
        "Mine did that too, and it was the kettle.",
        "You were right, there was water behind the plate."};
    char page[2048];
    size_t at = (size_t)snprintf(
        page, sizeof page,
        "<body><div class=thread><h1>Kettle trips the fuse</h1>");
    for (size_t k = 0; k < 4; k++)
        at += (size_t)snprintf(
            page + at, sizeof page - at,
            "<div class=post><div class=who><a href=/u/%zu>user%zu</a></div>"
            "<div class=when>March %zu, 2024</div><p>Hey!</p><p>%s</p>"
            "<p>Was this answer helpful?</p></div>",
            k, k, k + 2, posts[k]);
    snprintf(page + at, sizeof page - at, "</div></body>");
    sl_doc *doc = parse(page);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    size_t prompts = 0, greetings = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        int meta = (b->html->hints & SL_HINT_POST_META) != 0;
        if (strcmp(b->text, "Was this answer helpful?") == 0) {
            cr_expect(meta, "prompt %zu kept", prompts);
            prompts++;
        } else if (strcmp(b->text, "Hey!") == 0) {
            cr_expect_not(meta, "greeting %zu removed", greetings);
            greetings++;
        }
    }
    cr_expect_eq(prompts, 4);
    cr_expect_eq(greetings, 4);
    sl_doc_free(doc);
}

static const char forum_page[] =
    "<body><div class=menu><a href=/>Forums</a> <a href=/new>New</a></div>"
    "<div class=thread><h1>Kettle trips the fuse</h1>"
    "<div class=post><div class=who><a href=/u/1>marta</a></div>"
    "<div class=when>March 2, 2024</div><p>Every time I switch on the "
    "kettle, the kitchen fuse trips. It works fine elsewhere.</p></div>"
    "<div class=post><div class=who><a href=/u/2>devon</a></div>"
    "<div class=when>March 2, 2024</div><p>Look at the socket first: "
    "moisture behind the plate will trip it.</p></div>"
    "<div class=post><div class=who><a href=/u/1>marta</a></div>"
    "<div class=when>March 3, 2024</div><p>You were right, there was water "
    "behind the plate. Dried it, and the fuse holds.</p></div></div>"
    "<div class=sidebar><p>Visit our shop, open every day of the week, "
    "with tools, paint and garden supplies.</p></div></body>";

Test(html, forum_posts_are_the_content)
{
    sl_doc *doc = parse(forum_page);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    const char *posts[] = {"Every time", "Look at the socket",
                           "You were right"};
    for (size_t i = 0; i < 3; i++) {
        long b = find_block(doc, posts[i]);
        cr_assert(b >= 0);
        cr_expect(doc->blocks[b].html->hints & SL_HINT_MAIN, "%s", posts[i]);
        cr_expect(doc->blocks[b].html->hints & SL_HINT_POST, "%s", posts[i]);
        cr_expect_not(doc->blocks[b].html->hints & SL_HINT_POST_META);
    }
    long when = find_block(doc, "March 3, 2024");
    cr_assert(when >= 0);
    cr_expect(doc->blocks[when].html->hints & SL_HINT_POST_META);
    long shop = find_block(doc, "Visit our shop");
    cr_assert(shop >= 0);
    cr_expect_not(doc->blocks[shop].html->hints & SL_HINT_MAIN);
    json_t *list = json_object_get(doc->meta, "posts");
    cr_assert_eq(json_array_size(list), 3);
    cr_expect_str_eq(
        json_string_value(json_object_get(json_array_get(list, 1), "author")),
        "devon");
    sl_doc_free(doc);
}

static const char article_page[] =
    "<body><article><h1>River park opens</h1>"
    "<p>The new river park opened on Saturday, two years after work began on "
    "the old freight yard. Thousands walked its paths on the first day.</p>"
    "<p>The park covers twelve hectares, with a playground, a skating area "
    "and a wetland that takes rain water from the streets around it.</p>"
    "<p>Planners say the wetland will protect the area from floods, which "
    "reached the houses twice in ten years, and more trees will follow.</p>"
    "<div class=thread>"
    "<div class=note><div class=when>May 4, 2024</div><p>Finally, it looks "
    "great.</p></div>"
    "<div class=note><div class=when>May 4, 2024</div><p>Too bad, no "
    "parking nearby.</p></div>"
    "<div class=note><div class=when>May 5, 2024</div><p>We went, the kids "
    "loved it!</p></div></div></article></body>";

Test(html, an_articles_comments_leave_its_main_content)
{
    sl_doc *doc = parse(article_page);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    long para = find_block(doc, "twelve hectares");
    long note = find_block(doc, "kids loved it");
    cr_assert(para >= 0 && note >= 0);
    cr_expect(doc->blocks[para].html->hints & SL_HINT_MAIN);
    cr_expect_not(doc->blocks[note].html->hints & SL_HINT_MAIN);
    cr_expect(doc->blocks[note].html->hints & SL_HINT_COMMENT);
    sl_doc_free(doc);
}

static uint32_t hints_at(const sl_doc *doc, const char *s)
{
    long i = find_block(doc, s);
    cr_assert_geq(i, 0, "no block holds \"%s\"", s);
    return doc->blocks[i].html->hints;
}

/* The text after an enabled radio button or checkbox in its line is a
 * form's option; a disabled checkbox (a rendered task list) marks
 * nothing, and a checkbox before a block element (a menu toggle) leaves
 * that block alone. */
Test(html, text_after_a_radio_button_is_a_form_option)
{
    sl_doc *doc =
        parse("<body><div class=m><form><p>我要举报该内容，理由是：</p>"
              "<div class=f><div class=c><input type=radio name=r value=spam>"
              "<label>垃圾广告：恶意灌水、广告、推广等内容</label></div></div>"
              "<div class=f><div class=c><input type=\"CHECKBOX\" name=k>"
              "<label>Remember me</label></div></div></form></div>"
              "<ul><li><input type=checkbox disabled checked> Write the tests, "
              "then the code.</li></ul>"
              "<input type=checkbox id=t><div class=a><p>The article's first "
              "paragraph, after a menu toggle.</p></div></body>");
    cr_expect(hints_at(doc, "垃圾广告") & SL_HINT_FORM_OPTION);
    cr_expect(hints_at(doc, "Remember me") & SL_HINT_FORM_OPTION);
    cr_expect_not(hints_at(doc, "我要举报该内容") & SL_HINT_FORM_OPTION);
    cr_expect_not(hints_at(doc, "Write the tests") & SL_HINT_FORM_OPTION);
    cr_expect_not(hints_at(doc, "first paragraph") & SL_HINT_FORM_OPTION);
    sl_doc_free(doc);
}

/* A line that is wholly a link marked rel="sponsored" (among other rel
 * tokens) is a sponsored line; a sentence holding such a link in passing,
 * an ordinary link set alone and a sponsored link inside a longer line
 * are not. */
Test(html, a_line_that_is_a_sponsored_link_is_marked)
{
    sl_doc *doc = parse(
        "<body><article><p>The actor describes how the mask was cast, "
        "painted and fitted, in a studio out of town.</p>"
        "<p><a href=/s rel=\"nofollow sponsored\"><em>The show</em> is "
        "streaming now on a service.</a></p>"
        "<p>I bought <a href=/k rel=sponsored>this keyboard</a> last year, "
        "and I still type on it every day at work.</p>"
        "<p><a href=/r rel=noopener>Read the whole review of the show "
        "here.</a></p></article></body>");
    cr_expect(hints_at(doc, "is streaming now") & SL_HINT_SPONSORED);
    cr_expect_not(hints_at(doc, "I bought") & SL_HINT_SPONSORED);
    cr_expect_not(hints_at(doc, "Read the whole review") & SL_HINT_SPONSORED);
    cr_expect_not(hints_at(doc, "The actor describes") & SL_HINT_SPONSORED);
    sl_doc_free(doc);
}

/* The <header> around the headline and its standfirst is the article's
 * own heading group, not the site's header: the standfirst loses the
 * header hint and joins the main content as the lead; the site's
 * masthead, mostly links, keeps it. */
Test(html, the_header_holding_the_headline_is_the_articles)
{
    sl_doc *doc = parse(
        "<html><head><title>Hülya Koçyiğit warns her fans</title></head>"
        "<body><header class=site-header><a href=/>Home</a> <a href=/n>News"
        "</a> <a href=/s>Sport</a> <a href=/l>Life</a> <a href=/c>Contact"
        "</a></header><main><header class=news-header><div><a href=/l>"
        "Life</a></div><h1>Hülya Koçyiğit warns her fans</h1><h2>The actress "
        "who hosts a programme on TRT2 said on Monday that she has no account "
        "on X, and that the posts in her name there are not hers, so her "
        "fans should not trust them.</h2></header><div class=news-content>"
        "<p>The actress, who last played in a series in 2009, wrote on her "
        "Instagram account that she uses no other social network, and asked "
        "her followers to report the fake accounts they find.</p><p>She "
        "thanked them for their messages, and said she would keep sharing "
        "news of the programme on Instagram only, as she has done for years."
        "</p></div></main></body></html>");
    uint32_t lead = hints_at(doc, "The actress who hosts");
    cr_expect_not(lead & SL_HINT_HEADER);
    cr_expect(lead & SL_HINT_MAIN);
    cr_expect(hints_at(doc, "Sport") & SL_HINT_HEADER);
    sl_doc_free(doc);
}

#define BRIDGE_TEXT                                                            \
    "<p>Shops on both banks expect trade to recover, and the bus company "     \
    "will move its stops back to the bridge within a week.</p>"                \
    "<p>Residents who complained about the noise of the works were "           \
    "offered free passes for the ferry, and most took them.</p>"

/* The hints of the first block whose text contains s. */
static uint32_t hints_of(const sl_doc *doc, const char *s)
{
    long i = find_block(doc, s);
    cr_assert_geq(i, 0, "no block holds \"%s\"", s);
    return doc->blocks[i].html->hints;
}

/* A form to write a message in (it holds a <textarea>) inside the main
 * content is a weak container: its prompts, its disclaimer and its terms
 * are no part of the article, whatever its names; a form without one (a
 * quiz's options among the paragraphs) is judged as any box. */
Test(html, a_form_with_a_textarea_is_a_weak_container)
{
    sl_doc *doc = parse(
        "<html><head><title>Bridge reopens</title></head><body>"
        "<div><h1>Bridge reopens</h1>" BRIDGE_TEXT BRIDGE_TEXT BRIDGE_TEXT
        "<form action=/mail><fieldset><label>Your name <input name=n>"
        "</label><label>Comments <textarea name=c></textarea></label>"
        "</fieldset><fieldset><p>If you are happy to be contacted, please "
        "leave a number we can call. Some of your comments may be "
        "published, with your name and town, unless you say otherwise. "
        "Your details will never be published, and we will keep them "
        "safe.</p><p><a href=/terms>Terms and conditions</a></p>"
        "<button>Send</button></fieldset></form>"
        "<form action=/vote><p>Which bridge do you cross most often, the "
        "old one, the new one, or neither of them, and why is that?</p>"
        "<label><input type=text name=v> Your answer, in a few words, "
        "please, or more.</label></form>" BRIDGE_TEXT "</div></body></html>");
    cr_expect(hints_of(doc, "If you are happy") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(hints_of(doc, "Which bridge") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(hints_of(doc, "Shops on both") & SL_HINT_WEAK_CONTAINER);
    sl_doc_free(doc);
}
