/* tests/test_html_pagetype.c - the html stage's page types on small
 * hand-written pages: a thread whose first post sits apart from the
 * replies, posts wrapped in inline wrappers, a picture's comments under a
 * short caption, timed items in a page footer, a thread of one post and
 * posters' signatures, posts whose header and body are siblings, a feed
 * of other pages beside a thread, a welcome note above the headline and
 * a single short post, a trail's linked step that repeats the title,
 * a footer's untimed columns, posts under linked subjects, a
 * signature after its rule, posts as the rows of a thread's table and a
 * signature beside a post's marked text, and an article cut in two
 * parts built alike, beside replies that open with a name or a time,
 * a thread under a box of a board's menu lines and login labels,
 * posters' names over their times in posts of short replies,
 * one-line replies whose time line outweighs them, and a thread of one
 * post on a page with no title and no h1.
 */
#include <criterion/criterion.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "docs.h"
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

TestSuite(pagetype, .init = setup, .fini = teardown);

/* A document holding html at url (or none), run through the stage. */
static sl_doc *parse_at(const char *html, const char *url)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, html, strlen(html)), 0);
    doc->content_type = SL_CONTENT_HTML;
    if (url)
        cr_assert_eq(json_object_set_new(doc->meta, "url", json_string(url)),
                     0);
    cr_assert_eq(html_LTX_sluice_plugin.process(ctx, state, doc), SL_OK);
    return doc;
}

static uint32_t hints_of(const sl_doc *doc, const char *s)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, s) && doc->blocks[i].html)
            return doc->blocks[i].html->hints;
    }
    cr_assert_fail("no block holds \"%s\"", s);
    return 0;
}

static size_t posts(const sl_doc *doc)
{
    return json_array_size(json_object_get(doc->meta, "posts"));
}

/* vBulletin-like: the first post above the list of replies. */
static const char first_post_apart[] =
    "<body><div class=nav><a href=/>Forums</a></div><div class=thread>"
    "<h1>Kettle trips the fuse</h1>"
    "<div class=post><div class=who>marta</div><div class=when>March 2, "
    "2024</div><p>Every time I switch on the kettle, the kitchen fuse trips. "
    "It works fine elsewhere, so what is wrong?</p></div>"
    "<div class=replies>"
    "<div class=post><div class=who>devon</div><div class=when>March 2, "
    "2024</div><p>Look at the socket first: moisture behind the plate will "
    "trip it, and so will a worn cable.</p></div>"
    "<div class=post><div class=who>marta</div><div class=when>March 3, "
    "2024</div><p>You were right, there was water behind the plate. Dried "
    "it, and the fuse holds now.</p></div>"
    "<div class=post><div class=who>devon</div><div class=when>March 3, "
    "2024</div><p>Good to hear. Keep the plate sealed, or it will happen "
    "again after the next rain.</p></div>"
    "</div></div></body>";

Test(pagetype, a_first_post_apart_from_the_replies_is_a_post)
{
    sl_doc *doc = parse_at(first_post_apart, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect_eq(posts(doc), 4);
    cr_expect(hints_of(doc, "Every time") & SL_HINT_POST);
    cr_expect(hints_of(doc, "Every time") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "March 2, 2024") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "Keep the plate") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* The first post opens with a greeting line before its prose, written
 * as lines of one <p>: both lines have eleven characters, so the html
 * walker gives them one shared features record, and marking the greeting
 * as the post's meta line must not mark the prose too. */
static const char greeting_then_prose[] =
    "<body><div class=thread>"
    "<h1>Kettle trips the fuse</h1>"
    "<div class=post><div class=who>marta</div><div class=when>March 2, "
    "2024</div><p>hello there<br>Fuse trips.</p></div>"
    "<div class=post><div class=who>devon</div><div class=when>March 2, "
    "2024</div><p>Look at the socket first: moisture behind the plate will "
    "trip it, and so will a worn cable.</p></div>"
    "<div class=post><div class=who>marta</div><div class=when>March 3, "
    "2024</div><p>You were right, there was water behind the plate. Dried "
    "it, and the fuse holds now.</p></div>"
    "</div></body>";

Test(pagetype, a_meta_line_sharing_features_with_prose_leaves_the_prose)
{
    sl_doc *doc = parse_at(greeting_then_prose, NULL);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "hello there") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "Fuse trips.") & SL_HINT_POST);
    cr_expect_not(hints_of(doc, "Fuse trips.") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A translating proxy wrapped one post in <font><font>. */
static const char wrapped_posts[] =
    "<body><div class=thread><h1>Best soil for tomatoes</h1>"
    "<div class=post><div class=when>May 1, 2024</div><p>Which soil do you "
    "use for tomatoes in pots, and how often do you feed them?</p></div>"
    "<font><font><div class=post><div class=when>May 2, 2024</div><p>A mix "
    "of compost and sand, and I feed them once a week.</p></div></font>"
    "</font>"
    "<div class=post><div class=when>May 3, 2024</div><p>Same here, but I "
    "add some clay: the pots dry out less in summer.</p></div>"
    "</div></body>";

Test(pagetype, posts_in_inline_wrappers_group_with_their_siblings)
{
    sl_doc *doc = parse_at(wrapped_posts, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect_eq(posts(doc), 3);
    cr_expect(hints_of(doc, "A mix of compost") & SL_HINT_POST);
    cr_expect(hints_of(doc, "May 2, 2024") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* An image host: a short caption, then the comments the page is about. */
static const char picture_comments[] =
    "<body><div class=gallery><h1>Our old dog on his last walk</h1>"
    "<div class=caption><p>He was with us for sixteen years, and on his last "
    "day he still wanted to walk to the river. We went slowly, he sat by the "
    "water for an hour, and then we carried him home.</p></div>"
    "<div class=comments>"
    "<div class=comment><span class=when>3d ago</span><p>Sixteen years of "
    "love. He knew the way to the river by heart, and so will you.</p></div>"
    "<div class=comment><span class=when>3d ago</span><p>We lost ours in "
    "spring. The walks are what I miss the most, every single morning.</p>"
    "</div>"
    "<div class=comment><span class=when>2d ago</span><p>What a good boy. "
    "Thank you for sharing him with us, it made my day a little softer.</p>"
    "</div>"
    "<div class=comment><span class=when>1d ago</span><p>The last picture "
    "by the water is beautiful; print it and keep it by the door.</p></div>"
    "</div></div></body>";

Test(pagetype, comments_under_a_short_caption_are_the_content)
{
    sl_doc *doc = parse_at(picture_comments, NULL);
    cr_expect_str_neq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "We lost ours") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "sixteen years") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* The same comments under an article's lead leave it. */
Test(pagetype, comments_under_an_article_still_leave_it)
{
    const char *para = "<p>The council voted on Monday to keep the river "
                       "path open at night, after a year of trials with new "
                       "lights along the water, and the results were good: "
                       "fewer accidents, more people walking home that way. "
                       "The lights will stay, and more will follow on the "
                       "eastern bank next spring, the council said.</p>";
    const char *tail = strstr(picture_comments, "<div class=comments>");
    size_t n = strlen(tail) + 4 * strlen(para) + 64;
    char *html = malloc(n);
    cr_assert_not_null(html);
    snprintf(html, n, "<body><article><h1>Path stays open</h1>%s%s%s%s%s", para,
             para, para, para, tail);
    sl_doc *doc = parse_at(html, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "council voted") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "We lost ours") & SL_HINT_MAIN);
    sl_doc_free(doc);
    free(html);
}

/* A site footer with dated blurbs is no thread. */
static const char footer_blurbs[] =
    "<body><article><h1>How to reset the router</h1>"
    "<p>Hold the reset button for ten seconds, until the light blinks. The "
    "router starts again with its factory settings, so write down your "
    "network name and password first.</p>"
    "<p>After the reset, log in with the address printed on the label, and "
    "set a new password before anything else.</p></article>"
    "<footer class=site-content><div class=col><p>Updated March 2, "
    "2024</p><p>Our shop is "
    "open every day of the week, with tools, cables and routers.</p></div>"
    "<div class=col><p>Updated March 3, 2024</p><p>Call us from nine to "
    "five, or write to us, and we will answer within a day.</p></div>"
    "</footer></body>";

Test(pagetype, timed_blurbs_in_a_footer_are_no_posts)
{
    sl_doc *doc = parse_at(footer_blurbs, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect_null(sl_doc_meta_string(doc, "region")); /* no group */
    cr_expect(hints_of(doc, "Hold the reset") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Call us from nine") & SL_HINT_POST);
    sl_doc_free(doc);
}

/* A thread of one post under the forum's announcement. */
static const char one_post[] =
    "<body><div class=content>"
    "<div class=notice><p>Version 6.3 was released this week, with fixes for "
    "the editor, the search and the mail notices. Please update before you "
    "ask for help, and post your configuration report with your question, "
    "it saves everyone a lot of time.</p></div>"
    "<h1>Login buttons for Facebook</h1>"
    "<div class=message><p>Hi all, how can I show the Facebook login button "
    "on the forum's own login box? The plugin only shows it on the site's "
    "login page, and my home page is the forum.</p>"
    "<p>I looked for a setting in the template, but found none. I am on the "
    "latest version, with the newest site release.</p></div>"
    "</div></body>";

Test(pagetype, a_thread_of_one_post_starts_at_its_headline)
{
    sl_doc *doc = parse_at(one_post, "https://example.org/forum/questions/42");
    cr_expect(hints_of(doc, "how can I show") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "I looked for a setting") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Version 6.3") & SL_HINT_MAIN);
    sl_doc_free(doc);
    /* the same page at an article's address keeps what the finder chose */
    doc = parse_at(one_post, "https://example.org/news/42");
    cr_expect(hints_of(doc, "how can I show") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* A poster's signature repeats under each of their posts. */
static const char signed_posts[] =
    "<body><div class=thread><h1>Best soil for tomatoes</h1>"
    "<div class=post><div class=when>May 1, 2024</div><p>Which soil do you "
    "use for tomatoes in pots, and how often do you feed them?</p>"
    "<div class=post-signature><p>Grow your own, eat your own, and share "
    "the rest with the neighbours.</p></div></div>"
    "<div class=post><div class=when>May 2, 2024</div><p>A mix of compost "
    "and sand, and I feed them once a week in summer.</p></div>"
    "<div class=post><div class=when>May 3, 2024</div><p>Same here, but I "
    "add some clay: the pots dry out less in the heat.</p>"
    "<div class=post-signature><p>Grow your own, eat your own, and share "
    "the rest with the neighbours.</p></div></div>"
    "</div></body>";

Test(pagetype, a_posters_signature_is_post_metadata)
{
    sl_doc *doc = parse_at(signed_posts, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "Grow your own") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "Which soil") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A short article over a timed feed of teasers for other stories (a
 * source and time, a linked headline, a summary): no forum thread. */
#define TIMED_TEASER                                                           \
    "<li class=item><span>Daily - 3 hours ago</span><h4><a href=/other>"       \
    "Council votes on the new budget</a></h4><p>The council met on "           \
    "Tuesday, and after a long debate, with many speakers, it voted on "       \
    "the budget for next year, raising spending on roads and parks.</p>"       \
    "</li>"

Test(pagetype, a_timed_feed_of_teasers_is_no_thread)
{
    sl_doc *doc = parse_at(
        "<body><div class=story><h1>Bridge reopens</h1><p>The old bridge "
        "reopened on Monday, after two years of repairs.</p></div>"
        "<ul class=stream>" TIMED_TEASER TIMED_TEASER TIMED_TEASER TIMED_TEASER
            TIMED_TEASER "</ul></body>",
        NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "old bridge") & SL_HINT_MAIN);
    cr_expect_eq(posts(doc), 0);
    sl_doc_free(doc);
}

/* A news article and, in a region of its own, a longer list of readers'
 * comments whose names say nothing (a site's own words, hashed classes):
 * the lead before the list makes them the article's comments, whatever
 * follows them. */
static const char zh_para[] = "<p>"
                              "记者从市交通委员会获悉，今年以来，全市新开通"
                              "公交线路十二条，优化调整线路三十五条，新增公"
                              "交专用道四十公里，高峰时段公交车平均运行速度"
                              "提高了百分之八。交通委员会表示，下一步将继续"
                              "推进公交优先发展，完善换乘设施。"
                              "</p>";
static const char zh_comment[] =
    "<div class=c7f2a><span class=u91b>网友甲</span>"
    "<span class=t3e0>%s</span><p>"
    "我家门口就新开了一条公交线，以前上班要换乘两"
    "次，现在一趟车就到，早上能多睡二十分钟。希望"
    "晚上的班次再多一些，加班回家的时候经常要等很"
    "久，有时候等了半个小时还没来，只好打车回去，"
    "花钱又费时间。另外站台的遮雨棚也该修一修了，"
    "下雨天等车很不方便，老人和孩子尤其辛苦。总的"
    "来说还是进步很大，点个赞，也希望有关部门多听"
    "听乘客的意见，把好事办得更好。"
    "</p><p>"
    "说到换乘，地铁站和公交站之间的距离也该缩短，"
    "现在出了地铁还要走十分钟才到车站，冬天冷夏天"
    "热，很多人干脆不坐公交了。如果能把站点挪近一"
    "点，再把时刻表做到手机上，大家心里有数，坐车"
    "的人自然就多了，路上的车也能少一些。"
    "</p></div>";
static const char zh_more[] = "<p>"
                              "另据了解，市里今年还将新建公交场站六座，更新"
                              "新能源公交车三百辆，并在主要商圈和医院周边增"
                              "设临时停靠站，方便市民出行。"
                              "</p>";

/* The article (six paragraphs), five comments, then after reps copies of
 * zh_more in the article's region below them. */
static sl_doc *zh_article_with_comments(int reps)
{
    static const char *const when[] = {"13小时前", "2天前", "3天前", "3天前",
                                       "5天前"};
    size_t n = 7 * sizeof zh_para + 5 * (sizeof zh_comment + 16) +
               (size_t)reps * sizeof zh_more + 256;
    char *html = malloc(n);
    cr_assert_not_null(html);
    size_t at = (size_t)snprintf(html, n,
                                 "<body><div class=a8d1>"
                                 "<h1>全市新开通公交线路十二条</h1>"
                                 "<div class=b02c>");
    for (int i = 0; i < 6; i++)
        at += (size_t)snprintf(html + at, n - at, "%s", zh_para);
    at += (size_t)snprintf(html + at, n - at, "</div><div class=f5e9>");
    for (int i = 0; i < 5; i++)
        at += (size_t)snprintf(html + at, n - at, zh_comment, when[i]);
    at += (size_t)snprintf(html + at, n - at, "</div><div class=b02c>");
    for (int i = 0; i < reps; i++)
        at += (size_t)snprintf(html + at, n - at, "%s", zh_more);
    snprintf(html + at, n - at, "</div></div></body>");
    sl_doc *doc = parse_at(html, NULL);
    free(html);
    return doc;
}

Test(pagetype, unnamed_comments_after_an_article_leave_it)
{
    sl_doc *doc = zh_article_with_comments(0);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "记者从市交通委员会") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "我家门口") & SL_HINT_MAIN);
    cr_expect_eq(posts(doc), 0);
    sl_doc_free(doc);
}

Test(pagetype, unnamed_comments_leave_whatever_follows_them)
{
    sl_doc *doc = zh_article_with_comments(3);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "记者从市交通委员会") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "我家门口") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

#define ZH_SHORT_COMMENT(who, when)                                                                             \
    "<div class=k3d9><span class=u2f1>" who "</span><p>说得很好，希望"                                   \
    "这些线路能够尽快开通，让我们上下班少换乘几次，也希望晚上的班次多一些，" \
    "站台的遮雨棚修一修。</p><span class=t8a0>" when "</span></div>"

/* A news brief of three paragraphs (under 500 characters, as much as
 * 700 Latin letters say) and its readers' short comments in a region of
 * their own: the brief is a written article, and its comments leave it,
 * though they hold more characters than it. */
Test(pagetype, comments_under_a_chinese_news_brief_leave_it)
{
    size_t n = 3 * sizeof zh_para + 4096;
    char *html = malloc(n);
    cr_assert_not_null(html);
    snprintf(html, n,
             "<body><div class=a8d1><h1>全市新开通公交线路十二条</h1>"
             "<div class=b02c>%s%s%s</div></div><div class=f5e9>"
             "<div class=h0c1>网友评论</div>" ZH_SHORT_COMMENT(
                 "网友甲", "2024-05-10 10:20") ZH_SHORT_COMMENT("网友乙",
                                                                "2024-05-11 "
                                                                "11:21")
                 ZH_SHORT_COMMENT("网友丙", "2024-05-12 12:22")
                     ZH_SHORT_COMMENT("网友丁", "2024-05-13 13:23")
                         ZH_SHORT_COMMENT("网友戊",
                                          "2024-05-14 14:24") "</div></body>",
             zh_para, zh_para, zh_para);
    sl_doc *doc = parse_at(html, NULL);
    free(html);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect(hints_of(doc, "记者从市交通委员会") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "说得很好") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* bbPress-like: each post's header (its time and number) and its body
 * (author and text) are sibling elements, not one container per post;
 * the thread's pagination follows the last body. */
#define SPLIT_HEADER(when, n)                                                  \
    "<div class=post-header><span class=date>" when "</span>"                  \
    "<a href=#post-" n ">#" n "</a></div>"
#define SPLIT_BODY(n, who, text)                                               \
    "<div class=item-" n "><div class=author><a href=/u>" who "</a></div>"     \
    "<div class=content><p>" text "</p></div></div>"

static const char split_posts[] =
    "<body><div class=wrap><h1>Last child selector</h1><ul "
    "class=forum><li>" SPLIT_HEADER("January 8, 2020 at 9:05 am", "301342")
        SPLIT_BODY("0", "helson",
                   "Hello together, I searched around but could "
                   "not find anything which helps with my problem: how do I "
                   "style the last column differently from the others?")
            SPLIT_HEADER("January 8, 2020 at 9:21 am", "301500") SPLIT_BODY(
                "1", "mattia",
                "Try the nth-child selector on the slider, "
                "then last-child on the column inside it, and it works.")
                SPLIT_HEADER("January 8, 2020 at 9:35 am", "301503")
                    SPLIT_BODY("2", "helson",
                               "Thank you for your reply, this works for two "
                               "sliders. But what if the number of sliders "
                               "varies?") "<div class=pages><span>Viewing 3 "
                                          "posts, in one page</span></div>"
                                          "</li></ul></div></body>";

Test(pagetype, a_post_whose_header_and_body_are_siblings_is_one_post)
{
    sl_doc *doc = parse_at(split_posts, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect_eq(posts(doc), 3);
    cr_expect(hints_of(doc, "Hello together") & SL_HINT_POST);
    cr_expect(hints_of(doc, "Try the nth-child") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "what if the number") & SL_HINT_POST);
    cr_expect_not(hints_of(doc, "what if the number") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "January 8, 2020 at 9:21") & SL_HINT_POST_META);
    /* the pagination after the last body is no part of it */
    cr_expect_not(hints_of(doc, "Viewing 3 posts") & SL_HINT_POST);
    sl_doc_free(doc);
}

/* A thread of two posts beside a feed of the poster's other threads:
 * timed items, each led by a link to another page. */
#define FEED_ITEM(title)                                                       \
    "<div class=preview><div class=heading><a href=/other>" title "</a>"       \
    "</div><div class=by>Posted by moritz, 5/22/2024 4:24:46 PM</div>"         \
    "<div class=excerpt>The committee met again on Tuesday, and after a long " \
    "debate, with many speakers, it sent the bill back to the floor.</div>"    \
    "</div>"
#define THREAD_POST(who, text)                                                 \
    "<div class=entry><div class=details>Posted by: " who                      \
    " 5/12/2024 12:06:29 PM</div><div class=text>" text "</div></div>"

static const char thread_beside_feed[] =
    "<body><div class=page><h1>Antidote to the new rules</h1>"
    "<div class=entries>" THREAD_POST(
        "jesus", "I agree in principle, but an act protecting one "
                 "group will spawn many more, and each of them will cost.")
        THREAD_POST("sunset",
                    "If they are all about definitions, then define "
                    "the pollutants first, and the rest will follow, "
                    "surely.") "</div><div class=latest>" FEED_ITEM("Ballot"
                                                                    " issue"
                                                                    "s in "
                                                                    "Ohio "
                                                                    "are "
                                                                    "not "
                                                                    "going "
                                                                    "away")
            FEED_ITEM("Voters bolting from the party could mean disaster")
                FEED_ITEM("Libertarians nominate their candidate for "
                          "president") "</div></div></body>";

Test(pagetype, a_feed_of_other_pages_beside_a_thread_is_no_thread)
{
    sl_doc *doc =
        parse_at(thread_beside_feed, "https://example.org/forum/thread/7");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect_eq(posts(doc), 2);
    cr_expect(hints_of(doc, "I agree in principle") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "sent the bill back") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "sent the bill back") & SL_HINT_RELATED);
    sl_doc_free(doc);
}

/* The same feed alone (a forum's search results) is what the page shows. */
Test(pagetype, a_feed_alone_stays_the_content)
{
    sl_doc *doc = parse_at(
        "<body><div class=page><h1>Search results</h1><div "
        "class=latest>" FEED_ITEM("Ballot issues in Ohio are not going away")
            FEED_ITEM("Voters bolting from the party could mean disaster")
                FEED_ITEM("Libertarians nominate their candidate for "
                          "president") "</div></div></body>",
        "https://example.org/forum/search?q=bill");
    cr_expect(hints_of(doc, "sent the bill back") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "sent the bill back") & SL_HINT_RELATED);
    sl_doc_free(doc);
}

/* A forum's welcome note and an "Announcement" h1 above the thread's
 * headline are not the thread's, though the finder took them in. */
Test(pagetype, a_welcome_note_above_the_headline_leaves_the_thread)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Thread title correction</title></head><body>"
        "<div class=page><div class=welcome><p>Greetings, and welcome to the "
        "board! It is the premier forum for the discussion of the pressing "
        "issues of our time, with members from many fields, from the "
        "military, from the universities and from the government.</p>"
        "<p>Our members have a lot of knowledge, and they share it gladly, "
        "so ask away.</p></div><h1>Announcement</h1><p>No announcement "
        "yet.</p><h2>Thread title correction</h2><ul class=list>"
        "<li class=post><div>May 2, 2024</div><p>Could a moderator correct "
        "the title of my thread, please? It says 2023, but I meant 2024.</p>"
        "</li><li class=post><div>May 3, 2024</div><p>Done, the title now "
        "says 2024. Let us know if anything else needs a fix.</p></li>"
        "</ul></div></body></html>",
        "https://example.org/forum/thread/8");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "Could a moderator") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Greetings, and welcome") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "No announcement yet") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* A thread of one short post: its author and time lines are post
 * metadata, and its body, a line over an attachment, is kept although
 * its container holds little text. */
Test(pagetype, a_single_short_post_keeps_its_body_and_not_its_byline)
{
    sl_doc *doc = parse_at(
        "<html><head><title>商标审查标准</title></head>"
        "<body><div class=nav><a href=/>首页</a> <a href=/b>板块</a></div>"
        "<div class=detail><div class=title>商标审查标准</div>"
        "<div class=author><div class=who><span>软唐知产小傅</span></div>"
        "<span>2020.03.11 10:51</span><span>发布于</span>"
        "<a href=/s>知产资料</a></div>"
        "<div class=body><p>商标的资料</p><p><a href=/dl>商标审查标准.pdf "
        "10.12MB</a></p></div></div></body></html>",
        "https://bbs.example.org/info/1454");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "软唐知产小傅") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "2020.03.11") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "商标的资料") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "商标的资料") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(hints_of(doc, "商标的资料") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A question page of one answer: the answerer's name and counts, between
 * the headline and the answer, are post metadata even where the finder
 * left them out of the main content (smoothing would otherwise keep a
 * run of them between two kept blocks). */
Test(pagetype, the_lines_of_a_single_answerer_are_post_metadata)
{
    sl_doc *doc = parse_at(
        "<html><head><title>为什么有些有钱人还努力工作？</title></head><body>"
        "<div class=top><a href=/>首页</a> <a href=/ask>我要提问</a></div>"
        "<div class=wrap><div class=q><h1>为什么有些有钱人还努力工作？</h1>"
        "</div><div class=ans><div class=who><div class=name>5点半的Allen"
        "</div><div class=stat>采纳数：152 获赞数：112</div></div>"
        "<div class=body><p>有钱人仍然上班和努力工作的原因可能是多方面的，"
        "每个人的动机和追求也会有所不同。以下是一些可能的原因：追求成就感和"
        "满足感，社交和人际关系，兴趣和激情。</p><p>需要强调的是，这只是对"
        "可能的原因的一些解释，具体情况因人而异。每个人的动机和追求都是个体"
        "化的。</p></div></div></div></body></html>",
        "https://zhidao.example.com/question/12.html");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "5点半的Allen") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "采纳数") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "有钱人仍然上班") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "有钱人仍然上班") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A thread of one post under a longer announcement box that the finder
 * took for the main content (no name says what either is): the post
 * after the headline is the main content. */
Test(pagetype, a_single_post_below_a_longer_announcement_is_the_content)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Social login options</title></head><body>"
        "<div class=a1><div class=a2><h3>Release 6.3.1 is out</h3><p>The "
        "team has announced the arrival of release 6.3.1 in stable, which "
        "is now available for download as a native extension, with fixes "
        "for the editor, the search, the mail notices, the uploads and the "
        "templates, and many smaller changes besides.</p><p>Topics must "
        "relate to a currently supported version. If you are unsure what it "
        "is, check the download page first, and read the notes before you "
        "post, please.</p><p>If you are having problems then, for your own "
        "benefit, it would save us all a lot of time if you post your "
        "configuration report.</p></div></div><div class=b1>"
        "<h1>Social login options</h1><div class=b2><div class=b3>4 weeks "
        "ago #1 by mvvfans</div><div class=b4><p>Hi all, how can I enable "
        "social login buttons in the forum's login box?</p><p>I searched "
        "this forum, and someone said it is in the template, but I see no "
        "options there.</p></div></div></div></body></html>",
        "https://example.org/forum/topic/12");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "how can I enable") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "I searched this forum") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "4 weeks ago #1") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "The team has announced") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* The same thread under a trail of links whose last step, a link,
 * repeats the title (no name or tag says it is a breadcrumb), and a
 * headline with a label before the title: the linked step is no
 * headline, so the thread still starts at its h1. */
Test(pagetype, a_linked_step_repeating_the_title_is_no_headline)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Social login options</title></head><body>"
        "<div class=c1><ol><li><a href=/>Forum</a></li><li><a href=/help>"
        "Community help</a></li><li><a href=/t/12>Social login "
        "options</a></li></ol></div>"
        "<div class=a1><div class=a2><h3>Release 6.3.1 is out</h3><p>The "
        "team has announced the arrival of release 6.3.1 in stable, which "
        "is now available for download as a native extension, with fixes "
        "for the editor, the search, the mail notices, the uploads and the "
        "templates, and many smaller changes besides.</p><p>Topics must "
        "relate to a currently supported version. If you are unsure what it "
        "is, check the download page first, and read the notes before you "
        "post, please.</p><p>If you are having problems then, for your own "
        "benefit, it would save us all a lot of time if you post your "
        "configuration report.</p></div></div><div class=b1>"
        "<h1><span>Question</span> Social login options</h1><div class=b2>"
        "<div class=b3>4 weeks ago #1 by mvvfans</div><div class=b4><p>Hi "
        "all, how can I enable social login buttons in the forum's login "
        "box?</p><p>I searched this forum, and someone said it is in the "
        "template, but I see no options there.</p></div></div></div>"
        "</body></html>",
        "https://example.org/forum/topic/12");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "how can I enable") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "The team has announced") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* A thread of one post on a discussion's address, and after it the
 * page's footer as two written columns built alike (no <footer> tag, no
 * name, no time): untimed items outside the main content found are no
 * posts, so the footer stays out and the post stays in. */
Test(pagetype, untimed_columns_outside_the_main_content_are_no_posts)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Mark as read</title></head><body>"
        "<div class=m1><h1>Mark as read</h1><div class=m2><div class=m3>"
        "<p>There should be a way to see which thread or topic the user has "
        "already read, as other forums show it.</p><p>The users cannot, as "
        "far as I know, tell read from unread content, and that is really "
        "irritating for everyone.</p><p>Can that be fixed, or found in a "
        "setting somewhere?</p></div></div></div>"
        "<div class=f1><div class=f2><h3>Example</h3><p>Example is the best "
        "forum plugin for the web, built by the team behind the members "
        "plugin, with care.</p><h3>Company</h3><p><a href=/a>About</a></p>"
        "</div><div class=f2><p>Copyright 2020 Example Group Ltd, a company "
        "registered in Scotland, with its registered address at the corner "
        "of the street.</p></div></div></body></html>",
        "https://example.org/topic/mark-as-read/");
    cr_expect(hints_of(doc, "There should be a way") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "the best forum plugin") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "registered in Scotland") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* A phpBB-like post: its poster box, a linked subject repeating the
 * thread's title, the "Post by ... >> date" line and the text. */
#define SUBJECT_POST(name, day, text)                                          \
    "<div class=c1><div class=c2><dl><dt><a href=/u>" name "</a></dt>"         \
    "<dd>Posts: 12</dd></dl><div class=c3><h3><a href=#p>Re: Blank page "      \
    "after upgrade</a></h3><p class=c4><a href=#p>Post</a> by <a "             \
    "href=/u>" name "</a> &raquo; Tue Mar " day                                \
    ", 2022 8:10 pm</p><div class=c5>" text "</div></div></div></div>"

/* Posts whose subjects ("Re: <title>") are linked headings, on a page that
 * does not say it is a discussion: a subject repeating the thread's title
 * links to the post itself, so the posts are no feed of other pages'
 * teasers. */
Test(pagetype, linked_subjects_repeating_the_title_are_no_teasers)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Blank page after upgrade - Community "
        "Forums</title></head><body><div class=d1><h2><a href=/t/5>Blank "
        "page after upgrade</a></h2>" SUBJECT_POST(
            "jdoe", "10",
            "I upgraded my board last night and now every page is blank. I "
            "cleared the cache, but it did not help. Any ideas?")
            SUBJECT_POST("mike", "11",
                         "Check the error log of your web server first, it "
                         "says which extension failed to load.")
                SUBJECT_POST("sarah", "12",
                             "Same here. It was an old style, switching back "
                             "to the default style fixed it.")
                    SUBJECT_POST("jdoe", "13",
                                 "Thanks, it was the style. Everything works "
                                 "again, and faster.") "</div></body></html>",
        NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    const char *region = sl_doc_meta_string(doc, "region");
    cr_expect(region && strncmp(region, "4 x ", 4) == 0, "region: %s",
              region ? region : "(none)");
    sl_doc_free(doc);
}

/* A vBulletin-3-like post: a table with its date and number row, the
 * poster's column and the message, and a signature after the rule of
 * underscores vBulletin prints (no name says signature). */
#define RULED_POST(n, who, text, sig)                                          \
    "<div class=e0><table class=e1><tr><td class=e2>03-1" n                    \
    "-2009, 10:40 PM #" n "</td></tr><tr><td class=e3><a href=/u>" who         \
    "</a><div>Junior Member</div></td><td class=e4><div>" text "</div>" sig    \
    "</td></tr></table></div>"

/* What follows a signature's rule in a post is the poster's signature:
 * post metadata, as a post-signature name makes it. */
Test(pagetype, what_follows_a_signature_rule_is_post_metadata)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Clicking noise when turning</title></head>"
        "<body><h1>Clicking noise when turning</h1><div id=posts>" RULED_POST(
            "1", "carguy",
            "My car makes a clicking noise when I turn the wheel all the way "
            "to the left. It started last week. What could it be?",
            "") RULED_POST("2", "joe",
                           "Sounds like a worn joint. Have the boots checked, "
                           "if one is torn the grease leaks out.",
                           "<div>__________________<br>2004 Civic EX, 2010 "
                           "Accord, both daily drivers.</div>")
            RULED_POST("3", "lisa",
                       "Agreed, the joint. It is not expensive to replace, "
                       "but do not wait too long.",
                       "") "</div></body></html>",
        NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "Sounds like a worn joint") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Sounds like a worn joint") &
                  SL_HINT_POST_META);
    cr_expect(hints_of(doc, "2004 Civic EX") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "Agreed, the joint") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Agreed, the joint") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A phpBB-2-like post: one row of the thread's table, the poster's cell
 * and the message's, then a row of buttons. */
#define ROW_POST(who, day, text)                                               \
    "<tr><td class=r1><b>" who "</b><br>Joined: 12 Mar 2006<br>Posts: 4</td>"  \
    "<td class=r1>Posted: Sun Apr " day ", 2007 9:10 am<hr>" text "</td>"      \
    "</tr><tr><td class=r1><a href=#top>Back to top</a></td><td class=r1>"     \
    "<a href=/pm>PM</a></td></tr>"

#define ROW_THREAD                                                             \
    "<html><head><title>SQL error after the mod</title></head><body>"          \
    "<h1>SQL error after the mod</h1><table class=t1><tr><th>Author</th>"      \
    "<th>Message</th></tr>" ROW_POST(                                          \
        "newbie", "01",                                                        \
        "Hello, I installed the mod, but the admin panel now shows a SQL "     \
        "error on every page. Can anyone help?")                               \
        ROW_POST("moderator", "02",                                            \
                 "Which version of the board are you running? The mod was "    \
                 "written for the last one.")                                  \
            ROW_POST("helper", "03",                                           \
                     "Run the SQL part of the install again, the second "      \
                     "table was not created.")                                 \
                ROW_POST("newbie", "04",                                       \
                         "That was it, the table was missing. Thank you "      \
                         "both, it works now.") "</table></body></html>"

/* On a page whose address says it is a thread, table rows may be posts:
 * the thread's table is the group, each poster's lines post metadata.
 * Without such an address rows stay a table's data (dated results). */
Test(pagetype, table_rows_of_a_thread_are_posts)
{
    sl_doc *doc = parse_at(ROW_THREAD, "http://example.org/viewtopic.php?t=77");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "Which version of the board") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "moderator") & SL_HINT_POST_META);
    sl_doc_free(doc);
    doc = parse_at(ROW_THREAD, NULL);
    cr_expect_str_neq(sl_doc_meta_string(doc, "page_type"), "forum");
    sl_doc_free(doc);
}

/* A survey's box with its own h1 between the thread's headline and its
 * first post (names that say nothing) is no part of the thread's lead. */
Test(pagetype, another_headline_before_the_posts_ends_the_lead)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Load testing</title></head><body><div class=c1>"
        "<h2>Load testing</h2><div class=c2><h1>State of the profession "
        "survey 2024</h1><p>Dear community, the survey is designed to "
        "highlight the main aspects of your working environment, from tools "
        "to teams.</p><p>Complete the survey! The data will be compiled into "
        "a report available to all those that complete it.</p></div>"
        "<div class=c3><div class=c4><div>May 6, 2024</div><p>Hi community! "
        "We are considering a load testing solution tailored for you, and we "
        "would like to hear your thoughts.</p></div><div class=c4><div>May "
        "8, 2024</div><p>Great idea, we would use it for our web services, "
        "which see a lot of traffic in the evening.</p></div><div class=c4>"
        "<div>May 9, 2024</div><p>Same here, please add reports per "
        "endpoint, and a way to replay the traffic of a day.</p></div></div>"
        "</div></body></html>",
        "https://forum.example.com/t/load-testing/73");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "We are considering") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "the survey is designed") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "State of the profession") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* A reply of one unpunctuated line of Chinese, under its poster's name
 * and time, is what the poster wrote, not the post's opening metadata. */
Test(pagetype, an_unpunctuated_chinese_reply_is_no_post_metadata)
{
    sl_doc *doc = parse_at(
        "<html><head><title>你期待改写哪个专利呢</title></head><body>"
        "<div class=t><h1>你期待改写哪个专利呢</h1><p>大家还记得之前的直播"
        "课程吗？李老师点评了五十佳专利中的部分专利，大家期待李老师改写哪个"
        "案子呢？</p></div><ul class=list><li class=item><div class=who>"
        "香樟树</div><div class=when>2020.06.09 09:42 发布</div>"
        "<div class=text>想听听关于生物医药类专利的改写</div><div class=sub>"
        "<div class=who>知产人李鑫</div><div class=text>可惜，我生物的不怎么"
        "熟悉啊。</div></div></li><li class=item><div class=who>资料搬运工"
        "</div><div class=when>2020.06.09 09:57 发布</div><div class=text>"
        "我感觉可以讲机械类的，因为最常用，其次很多时候编写的，很切合于现实。"
        "</div></li><li class=item><div class=who>yuann</div><div class=when>"
        "2020.06.10 10:02 发布</div><div class=text>软件类的也想听，尤其是涉"
        "及算法的专利，写起来很难。</div></li></ul></body></html>",
        "https://bbs.example.com/info/2497");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "香樟树") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "想听听") & SL_HINT_POST);
    cr_expect_not(hints_of(doc, "想听听") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A thread of one post in the page's main column, two sidebars beside
 * it under the same parent, each with a dated activity line and a
 * written teaser; the names say nothing. The two sidebars are no pair of
 * posts: the column beside them holds the headline and a text of its
 * own. The page is a thread of one post. */
Test(pagetype, two_sidebars_beside_the_main_column_are_no_posts)
{
    sl_doc *doc = parse_at(
        "<html><head><title>How to use the forums</title></head><body>"
        "<div class=s1><div class=c1><h1>How to use the forums</h1>"
        "<div class=p1><div class=p2>2017-03-06 at 10:39 pm</div>"
        "<div class=p3>Kenny</div><p>These forums are for all users of "
        "this site. They are divided into the member forums, which only "
        "the members of a group can see, and the sitewide forums, which "
        "everyone can see, even without logging in to the site.</p><p>Let "
        "us talk about magic, the shows you saw, the tricks you learn, and "
        "the books you read. Enjoy the forums, have your say, and if you "
        "want to talk to me privately, write to me by mail instead of "
        "posting here, please, so that the forums stay on topic.</p>"
        "</div></div>"
        "<div class=w1><p>Kenny posted an update 1 week, 3 days ago</p>"
        "<p>On the fifth of June, the show featured a levitation over the "
        "hotel, seen by thousands, and filmed from three sides.</p></div>"
        "<div class=w1><p>Kenny wrote a new post 1 week, 4 days ago</p>"
        "<p>Magic today: news from the magic world, a new show in town, "
        "and a video of the week, with a competition for members.</p>"
        "</div></div></body></html>",
        "https://example.org/forums/topic/how-to-use-the-forums/");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect_null(sl_doc_meta_string(doc, "region")); /* no pair of posts */
    cr_expect(hints_of(doc, "These forums are for all") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "2017-03-06 at 10:39") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A blog post beside a column of dated link lists (an archive by month,
 * recent posts), the names saying nothing: items whose text is mostly
 * links are no posts and no comments, dated or not. */
Test(pagetype, dated_link_lists_are_no_posts)
{
    char html[8192];
    size_t at = (size_t)snprintf(
        html, sizeof html,
        "<html><head><title>H7 in North Korea</title></head><body>"
        "<div class=a><h1>H7 in North Korea</h1><p>Reports from the capital "
        "today seem to indicate that the bird flu strain is an H7 subtype, "
        "which would be good news, as human cases with H7 have been mild."
        "</p><p>Relatively mild disease, yes. But this virus also spread to "
        "people who handled poultry, and the evidence may be gone.</p>"
        "</div><div class=b>");
    for (int m = 1; m <= 4; m++)
        at += (size_t)snprintf(
            html + at, sizeof html - at,
            "<div class=d><p>March %d, 2005</p><p><a href=/p/%d1>Not even the "
            "worst case</a>, <a href=/p/%d2>Just in time or too late</a>, "
            "<a href=/p/%d3>The problem and ours</a>, <a href=/p/%d4>You "
            "bet your life</a>.</p></div>",
            m, m, m, m, m);
    snprintf(html + at, sizeof html - at, "</div></body></html>");
    sl_doc *doc = parse_at(html, NULL);
    cr_expect(hints_of(doc, "Reports from the capital") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Not even the worst") & SL_HINT_POST);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect_null(sl_doc_meta_string(doc, "region")); /* no comments */
    sl_doc_free(doc);
}

/* A question page whose tab bar (linked list items) lies between the
 * headline and the question; the names say nothing. The tabs are no
 * part of the question: post metadata. The question's own list items,
 * written and unlinked, stay its text. */
Test(pagetype, a_tab_bar_between_the_headline_and_the_question_is_metadata)
{
    sl_doc *doc = parse_at(
        "<html><head><title>地震预警能提前多久</title></head><body>"
        "<div class=q1><h1>地震预警能提前多久</h1><ul class=q2>"
        "<li><a href=/u>认证用户</a></li><li><a href=/t>帮帮团</a></li>"
        "<li><a href=/r>热推榜单</a></li><li><a href=/m>手机答题</a></li>"
        "</ul><div class=q3><p>地震预警网的预告到底能提前多久，准确吗？"
        "我想知道原理。</p><ul><li>横波比纵波慢，所以能提前几秒到几十秒。</li>"
        "<li>离震中越远，提前的时间越长。</li></ul></div></div>"
        "<div class=q4><div class=q5><div>2024-03-01 10:20</div><p>预警是"
        "利用电波比地震波快的原理，在破坏性的横波到达前发出警报，通常能提前"
        "几秒到几十秒。</p></div><div class=q5><div>2024-03-01 11:02</div>"
        "<p>离震中越远，提前量越大，但震中附近的地区几乎来不及收到预警。"
        "</p></div><div class=q5><div>2024-03-02 08:15</div><p>准确率很高，"
        "不过它是预警，不是预报，地震发生以后才能发出。</p></div></div>"
        "</body></html>",
        "https://zhidao.example.com/question/123.html");
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "地震预警网的预告") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "帮帮团") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "热推榜单") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "横波比纵波慢") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "利用电波比地震波快") & SL_HINT_POST);
    sl_doc_free(doc);
}

/* A vBulletin-5-like post with names that say nothing: the poster's
 * column, the time, the words marked itemprop="text", and a signature
 * beside them with neither a name nor a rule to mark it. */
#define MARKED_POST(n, who, text, sig)                                         \
    "<li class=k1><div class=k2><a href=/u>" who "</a><div>Member</div>"       \
    "</div><div class=k3><time datetime=2018-04-2" n ">2" n " Apr 18, 01:13"   \
    "</time><div class=k4 itemprop=text>" text "</div>" sig "</div></li>"

/* What a post shows outside its marked text is post metadata: a long,
 * written signature under the words the poster wrote. */
Test(pagetype, what_lies_outside_a_posts_marked_text_is_post_metadata)
{
    sl_doc *doc = parse_at(
        "<html><head><title>Thread title correction</title></head>"
        "<body><h1>Thread title correction</h1><ul class=k0>" MARKED_POST(
            "4", "ken",
            "Can an admin please correct the title of this thread? I can not "
            "remove one of the letters. Thank you.",
            "") MARKED_POST("5", "admin",
                            "No problem, it is done. The title reads right "
                            "now.",
                            "<div class=k5>He was the most prodigious "
                            "personification of all human inferiorities, "
                            "an utterly incapable personality.</div>")
            MARKED_POST("6", "ken", "Thanks a lot, that was quick.",
                        "") "</ul></body></html>",
        NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "No problem, it is done") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "No problem, it is done") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "most prodigious") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "Thanks a lot") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* An article cut in two around an ad slot, the halves built alike under
 * the page's headline: the first opens with the byline and its time, the
 * second goes on with the text and ends on a dated line. They are no
 * thread of two posts; a thread's reply opens with its own time. */
static const char article_halves[] =
    "<html><body><div class=top><h1>Trucks fined on the elevated toll "
    "road</h1></div><div class=r1>"
    "<div class=k1><div class=k2>May 21, 2024, 12:31</div>"
    "<div class=k3>Stanley Ravel</div>"
    "<p>Thirty-five trucks and pickups that drove onto the elevated toll "
    "road were stopped by the operator and the police on Monday, in both "
    "directions, during a check that lasted the whole morning.</p>"
    "<p>The road is closed to goods vehicles, the operator said, and signs "
    "at every entrance say so, yet drivers keep taking it to save time."
    "</p></div><div class=ad></div>"
    "<div class=k1><p>The check targeted pickups, box trucks, buses and "
    "small trucks. Drivers who broke the rule were fined and sent back to "
    "the road below, under escort, at the next exit.</p>"
    "<p>A similar check on another toll road runs until Wednesday, and "
    "more are planned for the holidays, when traffic is heaviest.</p>"
    "<div class=k4>Updated May 21, 2024, 14:05</div></div>"
    "</div></body></html>";

Test(pagetype, the_halves_of_a_cut_article_are_no_posts)
{
    sl_doc *doc = parse_at(article_halves, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "article");
    cr_expect_not(hints_of(doc, "The check targeted") & SL_HINT_POST);
    cr_expect(hints_of(doc, "The check targeted") & SL_HINT_MAIN);
    cr_expect(hints_of(doc, "Thirty-five trucks") & SL_HINT_MAIN);
    sl_doc_free(doc);
}

/* The same page as a thread of two posts: the reply opens with its
 * poster's time, so the two items stay posts. */
Test(pagetype, a_reply_opening_with_its_time_stays_a_post)
{
    char html[sizeof article_halves + 64];
    const char *cut = strstr(article_halves, "<div class=ad></div>");
    cr_assert_not_null(cut);
    const char *rest = cut + strlen("<div class=ad></div><div class=k1>");
    snprintf(html, sizeof html,
             "%.*s<div class=k1><div class=k2>May 21, 2024, 13:02</div>%s",
             (int)(cut - article_halves), article_halves, rest);
    sl_doc *doc = parse_at(html, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "The check targeted") & SL_HINT_POST);
    sl_doc_free(doc);
}

/* ... and so does a reply opening with its poster's name, its time
 * after its text. */
Test(pagetype, a_reply_opening_with_its_posters_name_stays_a_post)
{
    char html[sizeof article_halves + 64];
    const char *cut = strstr(article_halves, "<div class=ad></div>");
    cr_assert_not_null(cut);
    const char *rest = cut + strlen("<div class=ad></div><div class=k1>");
    snprintf(html, sizeof html, "%.*s<div class=k1><div class=k3>devon</div>%s",
             (int)(cut - article_halves), article_halves, rest);
    sl_doc *doc = parse_at(html, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "The check targeted") & SL_HINT_POST);
    sl_doc_free(doc);
}

/* A thread under a box of the board's own lines (a login form's labels,
 * the list of boards) that the finder took into the main content, outside
 * the posts' parent: those lines are not written, so they are no
 * article's text with its comments under it. */
static const char thread_under_a_menu_box[] =
    "<html><body><div class=page><h1>Need help setting up data on my phone | "
    "Phone issues | Consumer board</h1><div class=box><div>Please consider re"
    "gistering</div><div>Login name</div><div>Password</div><div>Remember me<"
    "/div><div>Select board</div><div>Announcements and site news</div><div>R"
    "ates and plans this month</div><div>Phone issues and features</div><div>"
    "Technical service details</div><div>In store availability</div><div>Revi"
    "ews from our members</div><div>Service in other countries</div><div>Othe"
    "r prepaid carriers</div><div>Buy sell and trade board</div><div>Referral"
    " code requests</div><div>Archive of old topics</div><div>Site feedback a"
    "nd suggestions</div><div>Recently updated topics</div><div>Most active m"
    "embers</div><div>Forum statistics today</div><div>Members online right n"
    "ow</div><div>Newest registered member</div><div>Topics with no replies</"
    "div><div>Tags used in this forum</div><div>Moderators of this board</div"
    "></div><div class=board><div class=posts><div class=post><div class=who>"
    "marta</div><div class=when>August 29, 2011</div><p>I just got a new phon"
    "e after having a cheap one for two years. I unlocked it and had calls, w"
    "ifi and maps working, but data will not connect at all, not even at home"
    ". What do I have to set up, and do they need the serial number of the ph"
    "one?</p></div><div class=post><div class=who>devon</div><div class=when>"
    "August 29, 2011</div><p>Set the access point by hand: open the network s"
    "ettings, add a new access point, and copy the name and the proxy from th"
    "e carrier's help page. Then restart the phone, and give it a few minutes"
    " before you try a page again.</p></div><div class=post><div class=who>ma"
    "rta</div><div class=when>August 30, 2011</div><p>That did it, thank you."
    " The data works now, and the messages with pictures too, after the resta"
    "rt. I did not have to give them the serial number, they never asked for "
    "it when I called.</p></div><div class=post><div class=who>devon</div><di"
    "v class=when>August 30, 2011</div><p>Good to hear. Keep a note of those "
    "settings somewhere safe, since an update of the system can wipe them aga"
    "in, and then you will be back where you started with no data at all.</p>"
    "</div><div class=post><div class=who>kim</div><div class=when>September "
    "2, 2011</div><p>Same trouble here with an older phone, and the same fix "
    "worked. One more thing: turn off the wifi while you test, or the phone w"
    "ill use it and you cannot tell whether the data works.</p></div><div cla"
    "ss=post><div class=who>marta</div><div class=when>September 3, 2011</div"
    "><p>Good point about the wifi, I had not thought of that. I tested it on"
    " the bus this morning with the wifi off, and the pages loaded quickly en"
    "ough for reading the news on the way.</p></div></div></div></div></body>"
    "</html>";

Test(pagetype, a_thread_under_unwritten_lines_stays_a_thread)
{
    sl_doc *doc = parse_at(thread_under_a_menu_box, NULL);
    cr_expect_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "Set the access point") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "Set the access point") & SL_HINT_COMMENT);
    sl_doc_free(doc);
}

/* Posts opening on the poster's name right above the time, in the same
 * element as the text (a short unpunctuated reply, a name holding a dot):
 * the name is post metadata; a reply of one word ending a sentence over
 * the time stays. */
static const char names_over_times[] =
    "<body><div class=thread><h1>Kettle trips the fuse</h1><div class=post><d"
    "iv class=text>marta</div><time>13-05-2024 00:58</time><div class=text>Ev"
    "ery time I switch on the kettle, the kitchen fuse trips. It works fine i"
    "n the other rooms, so what is wrong with the socket?</div></div><div cla"
    "ss=post><div class=text>devon</div><time>13-05-2024 07:06</time><div cla"
    "ss=text>Look at the socket first: moisture behind the plate will trip it"
    ", and so will a worn cable.</div></div><div class=post><div class=text>b"
    "lue545</div><time>13-05-2024 09:41</time><div class=text>where is the ne"
    "xt part</div></div><div class=post><div class=text>kim.lee</div><time>13"
    "-05-2024 10:08</time><div class=text>Dry the plate. Then try it again.</"
    "div></div><div class=post><div class=text>Thanks!</div><time>13-05-2024 "
    "11:30</time></div></div></body>";

Test(pagetype, a_single_word_over_the_posts_time_is_its_posters_name)
{
    sl_doc *doc = parse_at(names_over_times, NULL);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "blue545") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "kim.lee") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "where is the next part") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "Thanks!") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A Chinese thread whose posts hold their text in one element and their
 * floor and time in a tail line beside it: the one-line replies, shorter
 * than their tail lines, lie where the longer posts' text lies and are
 * what their posters wrote, not post metadata; the names and tails stay
 * post metadata. */
static const char one_line_replies[] =
    "<body><div class=thread><h1>什么样的人才算是佛系</h1><div class=post><div"
    " class=who><a href=/u/1>绫清逸</a></div><div class=main><div class=body>最"
    "近总听人说佛系，到底什么样的人才算是佛系？是不争不抢，还是什么都无所谓？大"
    "家"
    "说说自己的看法吧，我想听听不同的说法，也好对照一下自己。身边的朋友都说我很"
    "佛系，可我自己觉得只是懒，不知道这两者有没有区别，想请教一下各位吧友。谢谢"
    "大家了"
    "，有空的来聊聊，说什么都可以。</div><div class=ta"
    "il>来自Android客户端1楼2022-10-02 23:02</div></div></div><div class=post>"
    "<div class=who><a href=/u/2>逝者如斯</a></div><div class=main><div class=b"
    "ody>我就很佛系</div><div class=tail>来自Android客户端2楼2022-11-26 15:19<"
    "/div></div></div><div class=post><div class=who><a href=/u/3>张无极</a></"
    "div><div class=main><div "
    "class=body>其实就是生活中消费不和别人攀比，都自己买"
    "便宜的，低消费，不去高消费，这就叫佛系。工作上也是一样，能做好的就做好，做"
    "不"
    "好也不强求，心态放平就行了。别人升职加薪也不眼红，自己过好自己的日子，不"
    "给自己太大压力，这就是我理解的佛系生活。仅供参"
    "考，每个人的理解都不一样的。</div><div "
    "class=tail>来自Android客户端3楼2022-"
    "11-26 16:20</div></div></div><div class=post><div class=who><a href=/u/4>"
    "agrdcgy</a></div><div class=main><div class=body>随缘吧</div><div class=t"
    "ail>IP属地:广东来自Android客户端8楼2023-02-01 21:54</div></div></div></di"
    "v></body>";

Test(pagetype, a_one_line_reply_lies_where_the_posts_text_lies)
{
    sl_doc *doc = parse_at(one_line_replies, NULL);
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "我就很佛系") & SL_HINT_MAIN);
    cr_expect_not(hints_of(doc, "我就很佛系") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "随缘吧") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "逝者如斯") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "8楼2023-02-01") & SL_HINT_POST_META);
    cr_expect_not(hints_of(doc, "其实就是生活中") & SL_HINT_POST_META);
    sl_doc_free(doc);
}

/* A thread of one post at a discussion address, the page giving no
 * <title> and no h1: the post's subject, poster and time line open the
 * main content and are its header, post metadata; its two short lines
 * are what the poster wrote. A post opening on a short line right above
 * its text, no time line first, keeps that line. */
static const char headless_post[] =
    "<html><body><div class=top><a href=/>首页</a> <a href=/bbs>论坛</a></div"
    "><div class=x1><div class=x2><div class=x3><div>商标审查标准</div></div><d"
    "iv class=x4><div class=x8><span>软唐知产小傅</span></div><span>2020.03.11"
    " 10:51</span><span>发布于</span><a href=/s/266>知产资料</a><div class=x9>"
    "<span>540</span></div></div><div class=x5><p>商标的资料</p><p><a href=/f/"
    "1.pdf>商标审查标准.pdf 10.12MB</a></p></div><div class=x6><div>首赞</div"
    "><div>收藏</div><div>分享</div><div>手机查看</div><div>举报</div></div></"
    "div><div class=x7><div>0个评论</div><div>倒序看帖</div><div>仅看楼主</div"
    "><div>暂无数据</div></div></div><div class=foot>关于我们 联系我们</div></b"
    "ody></html>";

static const char headless_greeting[] =
    "<html><body><div class=x1><div class=x5><div>Hi Guys</div><p>The idle c"
    "ondition of a power amplifier output stage is called its operating clas"
    "s, and it depends on the signal, so it is worth a careful look.</p><p>C"
    "lass-A: all of the output devices contribute to the signal over the ful"
    "l cycle, which wastes power but keeps the sound clean.</p></div></div><"
    "/body></html>";

Test(pagetype, a_thread_of_one_post_without_a_headline_opens_on_its_header)
{
    sl_doc *doc = parse_at(headless_post, "https://bbs.example.com/thread-1");
    cr_assert_str_eq(sl_doc_meta_string(doc, "page_type"), "forum");
    cr_expect(hints_of(doc, "软唐知产小傅") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "2020.03.11 10:51") & SL_HINT_POST_META);
    cr_expect(hints_of(doc, "软唐知产小傅") & SL_HINT_MAIN);
    sl_doc_free(doc);
    doc = parse_at(headless_greeting, "https://forum.example.com/thread-2");
    cr_expect_not(hints_of(doc, "Hi Guys") & SL_HINT_POST_META);
    sl_doc_free(doc);
}
