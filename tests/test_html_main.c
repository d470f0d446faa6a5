/* tests/test_html_main.c - the html stage's main-content finder, called
 * directly on walked pages: which blocks it marks as main content, the
 * title it measures from, what class names tell it, and that the work it
 * does stays linear in the page (deep chains of unclosed inline tags once
 * made it quadratic), and that a small form's prompt does not vote.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "html_classes.h"
#include "html_internal.h"

/* A walked page: the blocks in *doc, the element table in *page. */
static void walk(const char *html, size_t len, sl_doc **doc, html_page *page)
{
    *doc = sl_doc_new();
    cr_assert_not_null(*doc);
    memset(page, 0, sizeof *page);
    cr_assert_eq(html_walk(*doc, html, len, "UTF-8", page), 0);
}

/* "<div>" + n unclosed "<font>" + 20 paragraphs: every element above the
 * paragraphs' container has one child. */
static char *unclosed_chain(size_t n, size_t *len)
{
    size_t cap = n * 6 + 20 * 64 + 64;
    char *html = malloc(cap);
    cr_assert_not_null(html);
    size_t at = (size_t)sprintf(html, "<html><body><div>");
    for (size_t i = 0; i < n; i++)
        at += (size_t)sprintf(html + at, "<font>");
    for (int i = 0; i < 20; i++)
        at += (size_t)sprintf(html + at,
                              "<p>Paragraph %d, with words. And more.</p>", i);
    at += (size_t)sprintf(html + at, "</div></body></html>");
    *len = at;
    return html;
}

Test(html_main, work_is_linear_on_unclosed_inline_chains)
{
    size_t len;
    for (size_t n = 1000; n <= 64000; n *= 4) {
        char *html = unclosed_chain(n, &len);
        sl_doc *doc;
        html_page page;
        walk(html, len, &doc, &page);
        cr_assert_geq(page.n_elems, n);
        html_mark_main(doc, &page);
        size_t size = page.n_elems + doc->n_blocks;
        cr_expect_leq(page.work, 16 * size, "%zu steps for %zu elements",
                      page.work, size);
        cr_expect_eq(doc->n_blocks, 20);
        for (size_t i = 0; i < doc->n_blocks; i++)
            cr_expect(doc->blocks[i].html->hints & SL_HINT_MAIN);
        html_page_release(&page);
        sl_doc_free(doc);
        free(html);
    }
}

/* A walked page with its title chosen and its main content marked. */
static sl_doc *mark(const char *html, html_page *page)
{
    sl_doc *doc;
    walk(html, strlen(html), &doc, page);
    cr_assert_eq(html_choose_title(doc, page), 0);
    html_mark_main(doc, page);
    return doc;
}

static int block_is_main(const sl_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, needle))
            return (doc->blocks[i].html->hints & SL_HINT_MAIN) != 0;
    }
    cr_assert_fail("no block holds \"%s\"", needle);
    return 0;
}

#define STORY                                                                  \
    "<p>Another story, with a long teaser that goes on, and on, and on, "      \
    "listing the town, the council, the weather, the roads, and the "          \
    "schools, so that it has many commas, many words, and many sentences. "    \
    "It ends here, finally.</p>"

#define ARTICLE                                                                \
    "<p>Shops on both banks expect trade to recover, and the bus company "     \
    "will move its stops back to the bridge within a week.</p>"                \
    "<p>Residents who complained about the noise of the works were "           \
    "offered free passes for the ferry, and most took them.</p>"

/* The article under the headline is shorter than the long notice at the
 * end of the page (a policy, a feed of other stories): the notice lies a
 * whole article away from the title. */
Test(html_main, article_under_the_title_beats_a_longer_text_far_away)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens after repairs - Daily</title>"
        "</head><body><div id=page><div class=story>"
        "<h1>Bridge reopens after repairs</h1>"
        "<p>The old bridge reopened on Monday, after two years of repairs "
        "that cost the city more than it had planned.</p>"
        "<p>Drivers queued from dawn, and the mayor cut a ribbon at noon, "
        "while a band played on the river bank.</p>"
        "<p>Engineers say the new deck will last fifty years, if the trucks "
        "keep to the weight limit.</p>"
        "<p>The ferry that ran in the meantime stops on Friday, its crew "
        "said, and the pier will become a park.</p>" ARTICLE ARTICLE ARTICLE
            ARTICLE ARTICLE ARTICLE ARTICLE ARTICLE
        "</div></div><div id=overlay><div><div class=text>" STORY STORY STORY
            STORY STORY STORY STORY STORY STORY STORY STORY STORY STORY STORY
                STORY STORY "</div></div></div></body></html>",
        &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "old bridge reopened"));
    cr_expect(block_is_main(doc, "ferry that ran"));
    cr_expect_not(block_is_main(doc, "Another story"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define TEASER                                                                 \
    "<li><span>Daily - 3 hours ago</span><h4><a href=/other>Council "          \
    "votes on the new budget</a></h4><p>The council met on Tuesday, and "      \
    "after a long debate, with many speakers, it voted on the budget for "     \
    "next year, which raises spending on roads, schools, and parks.</p></li>"

/* A one-paragraph article right under its headline, a feed of teasers
 * (each a linked headline and a summary) right under it: the feed holds
 * more prose and is as close to the title, but its items do not vote. */
Test(html_main, a_feed_of_teasers_does_not_outvote_a_short_article)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens - Daily</title></head><body>"
        "<div class=wrap><div class=story><h1>Bridge reopens</h1>"
        "<div><p>The old bridge reopened on Monday, after two years of "
        "repairs, and drivers queued from dawn to cross it.</p></div></div>"
        "<ul class=stream>" TEASER TEASER TEASER TEASER TEASER TEASER
        "</ul></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "old bridge reopened"));
    cr_expect_not(block_is_main(doc, "The council met"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define SLIDE                                                                  \
    "<li><h2>Markets</h2><p>Shares fell on Monday, and the chief of the "      \
    "bank said, in a statement to the press, that profits would recover by "   \
    "the spring, as rates, costs, and demand settle. Traders, who had "        \
    "expected worse, bought back in the afternoon.</p>"                        \
    "<p class=credits>AGENCY</p></li>"

/* The page's microdata marks the article's body (itemprop="articleBody"):
 * a slideshow a few wrappers deep inside it holds more prose than its
 * paragraphs, and the best container, the slides' list, gives way to the
 * marked body. */
Test(html_main, a_box_inside_the_marked_article_body_gives_way_to_it)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Hotel secrets - Daily</title></head><body>"
        "<article><h1>Hotel secrets</h1><div itemprop=\"articleBody\">"
        "<p>Most people go to hotels for the clean sheets, and the fresh "
        "towels in the morning.</p>"
        "<p>Hotel owners say, however, that blankets are washed less often "
        "than guests think.</p>"
        "<div class=wrapper><div class=atom><div class=box><div class=thumbs>"
        "<a href=#1>1</a></div><div class=full><h2>News in pictures</h2>"
        "<div class=scroller><a href=#p>Previous</a><a href=#n>Next</a>"
        "<ul class=legends>" SLIDE SLIDE SLIDE SLIDE SLIDE SLIDE SLIDE SLIDE
            SLIDE SLIDE SLIDE SLIDE "</ul></div></div></div></div></div>"
        "<p>Beware the wall-mounted hairdryer, the owners add, since it is "
        "rarely cleaned.</p></div></article></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Most people go"));
    cr_expect(block_is_main(doc, "wall-mounted hairdryer"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A copy of the title in the breadcrumb does not anchor the search. */
Test(html_main, a_title_in_the_breadcrumb_is_no_anchor)
{
    html_page page;
    sl_doc *doc = mark("<html><head><title>Rates rise</title></head><body>"
                       "<div class=breadcrumb><a href=/>Home</a> "
                       "<p><a href=/r>Rates rise</a></p></div>"
                       "<div><p>Rates rose again, the bank said, by a quarter "
                       "of a point.</p></div></body></html>",
                       &page);
    cr_expect_eq(page.title_block, -1);
    html_page_release(&page);
    sl_doc_free(doc);
}

/* Without a <title>, a hidden first h1 (a sticky header's copy) is no
 * anchor either. */
Test(html_main, a_hidden_first_h1_is_no_anchor)
{
    html_page page;
    sl_doc *doc = mark("<html><body><div class=hidden><h1>Rates rise</h1>"
                       "</div><div><p>Rates rose again, the bank said, by a "
                       "quarter of a point.</p></div></body></html>",
                       &page);
    cr_expect_eq(page.title_block, -1);
    cr_expect(doc->title && strcmp(doc->title, "Rates rise") == 0);
    html_page_release(&page);
    sl_doc_free(doc);
}

static uint32_t block_hints(const sl_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, needle))
            return doc->blocks[i].html->hints;
    }
    cr_assert_fail("no block holds \"%s\"", needle);
    return 0;
}

/* A page wrapped in <body class="content-sidebar"> (a theme's layout
 * name): the wrapper is no sidebar, so its h1 anchors the search, while
 * the real sidebar in it stays one. */
Test(html_main, a_layout_named_like_a_sidebar_is_no_sidebar)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens after repairs</title></head>"
             "<body class=content-sidebar><div id=content>"
             "<h1>Bridge reopens after repairs</h1>" ARTICLE ARTICLE "</div>"
             "<div id=sidebar><p>Our other sites, and a word from the editors, "
             "who thank you for reading.</p></div></body></html>",
             &page);
    cr_expect(page.title_block >= 0);
    cr_expect_not(block_hints(doc, "Bridge reopens") & SL_HINT_SIDEBAR);
    cr_expect_not(block_hints(doc, "Shops on both banks") & SL_HINT_SIDEBAR);
    cr_expect(block_hints(doc, "Our other sites") & SL_HINT_SIDEBAR);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A class that says "hide" or "header" on an element holding most of
 * the page's prose (a wiki's <body class="mw-hide-empty-elt">, a theme's
 * <div class="with-header">) names a state or a layout: readers see that
 * text, so its headline anchors the search and its blocks are neither
 * hidden nor a header; a small box named so still is. */
Test(html_main, a_page_wide_hide_or_header_class_hides_nothing)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens after repairs</title></head>"
             "<body class=mw-hide-empty-elt><div class=with-header>"
             "<h1>Bridge reopens after repairs</h1>" ARTICLE ARTICLE
             "<div class=hidden><p>Old version of the notice.</p></div>"
             "</div></body></html>",
             &page);
    cr_expect(page.title_block >= 0);
    cr_expect_not(block_hints(doc, "Shops on both banks") &
                  (SL_HINT_HIDDEN | SL_HINT_HEADER));
    cr_expect(block_hints(doc, "Old version") & SL_HINT_HIDDEN);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define FIX_ITEM(n)                                                            \
    "<li><a href=/bug" n ">Bug " n " in the tab strip</a> fixed by Ann, "      \
    "with a test</li>"

/* Inside the article, a list whose items are written (a comma each) is
 * the article's even with nearly half its text in links; a list of bare
 * links is still a weak container. */
Test(html_main, a_written_list_in_the_article_is_no_weak_container)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>These weeks in the browser</title></head><body>"
        "<div class=post><h1>These weeks in the browser</h1>" ARTICLE ARTICLE
            ARTICLE "<ul>" FIX_ITEM("101") FIX_ITEM("102")
                FIX_ITEM("103") "</ul><ul><li><a href=/a>Older posts</a></li>"
                                "<li><a href=/b>Newer "
                                "posts</a></li></ul></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Bug 102"));
    cr_expect_not(block_hints(doc, "Bug 102") & SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Older posts") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A box of written items beside the article's paragraphs (a factbox, a
 * reader's questions), each with a comma or a sentence end and few links,
 * is the article's; a box of short labels and links (a tool bar) stays a
 * weak container. */
Test(html_main, a_box_of_written_items_is_no_weak_container)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Why viewers love the show</title></head><body>"
        "<div class=story><h1>Why viewers love the show</h1>" ARTICLE ARTICLE
            ARTICLE "<div class=feature><h2>Questions from viewers</h2><ul>"
        "<li>Would the host like to visit, next spring?</li>"
        "<li>What does he think of the old cars, really?</li>"
        "<li>Did he like the breakfast, the one he ate on the show?</li>"
        "<li>Does he still want to live where he lives?</li></ul></div>"
        "<div class=tools><ul><li><a href=/s>Share</a></li><li>Print</li>"
        "<li><a href=/m>Mail</a></li></ul></div>" ARTICLE
        "</div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Would the host"));
    cr_expect_not(block_hints(doc, "Would the host") & SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Print") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A box of long written items that do not all end their sentences (a
 * question without its mark, a link to one other page under them) needs
 * a comma or sentence end per two items; a box of short items with as
 * few (a newsletter's and a network's buttons) stays a weak container. */
Test(html_main, a_box_of_long_items_half_punctuated_is_no_weak_container)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Why viewers love the show</title></head><body>"
        "<div class=story><h1>Why viewers love the show</h1>" ARTICLE ARTICLE
            ARTICLE "<div class=feature><h2>Questions from the viewers</h2><ul>"
        "<li>Would the host like to come and visit the country next "
        "spring?</li>"
        "<li>What does the host think of the small car everybody drove?</li>"
        "<li>Did he like the breakfast he ate in the desert episode (a dish "
        "that people here eat every day)</li>"
        "<li>Tell him he can fill his tank for a few coins here - does he "
        "still want to live where he lives?</li></ul>"
        "<ul><li><a href=/c>The small car comes to the end of its road</a>"
        "</li></ul></div>"
        "<div class=tools><ul><li>Sign up for our newsletter.</li>"
        "<li>Join us on the networks</li><li><a href=/t>Tweet</a></li>"
        "<li><a href=/f>Share it</a></li></ul></div>" ARTICLE
        "</div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Would the host"));
    cr_expect_not(block_hints(doc, "Would the host") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(block_hints(doc, "Did he like") & SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Join us") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

#define CELL_TEXT                                                              \
    "The old bridge reopened on Monday, after two years of repairs, and "      \
    "drivers queued from dawn to cross it, while a band played.<br><br>"

#define BOX_TEXT                                                               \
    "<p>The ferry that ran in the meantime stops on Friday, its crew said, "   \
    "and the pier will become a park, with benches and a cafe.</p>"

/* An old table layout: the article is text in a cell of a row, the row
 * also holds, a few tables deeper, a box of more text (a sidebar the
 * article's authors wrote). The box outscores the row and the wrappers
 * between them score little, yet the row, voted for by the article's
 * cell, scores nearly as well as the box: the row is the main content. */
Test(html_main, a_row_nearly_as_good_as_a_box_inside_it_holds_both)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens</title></head><body>"
             "<table><tr><td>" CELL_TEXT CELL_TEXT CELL_TEXT CELL_TEXT "</td>"
             "<td><table><tr><td><table><tr><td><table><tr><td><div>" BOX_TEXT
                 BOX_TEXT BOX_TEXT BOX_TEXT
             "</div></td></tr></table></td></tr></table></td></tr></table></td>"
             "</tr></table></body></html>",
             &page);
    cr_expect(block_is_main(doc, "ferry that ran"));
    cr_expect(block_is_main(doc, "old bridge reopened"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define SLIDE_TEXT                                                             \
    "<p>Engineers say the new deck will last fifty years, if the trucks "      \
    "keep to the weight limit, and the council will check it each spring.</p>"
#define ALIKE_SLIDE                                                            \
    "<section class=slide><div class=frame><div class=words>" SLIDE_TEXT       \
        SLIDE_TEXT "</div></div></section>"
#define SLIDESHOW                                                              \
    "<div id=show><section class=slide><div class=frame><div "                 \
    "class=words>" ARTICLE ARTICLE ARTICLE                                     \
    "</div></div></section>" ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE   \
        ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE            \
            ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE ALIKE_SLIDE        \
    "</div></body></html>"

/* A slideshow under its headline: the first slide's text is the best
 * container, and the wrapper of all fifteen slides, voted for by each,
 * scores nearly as well. The slides are items of one list (built
 * alike): the best container does not move up to the wrapper past the
 * slide that holds it. Without a title to anchor an article (a blog's
 * front page of entries built alike) it still does. */
Test(html_main, the_best_container_does_not_climb_past_a_list_of_alike_items)
{
    html_page page;
    sl_doc *doc = mark("<html><head><title>Bridge reopens</title></head>"
                       "<body><h1>Bridge reopens</h1>" SLIDESHOW,
                       &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect_not(block_is_main(doc, "Engineers say"));
    html_page_release(&page);
    sl_doc_free(doc);

    doc = mark("<html><body>" SLIDESHOW, &page);
    cr_expect(page.title_block < 0);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "Engineers say"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define LIST_LINE                                                              \
    "<p>Ferry, bus, tram, bike, car, van, cab, train, boat, foot, skate.</p>"

/* The page's one <main> element holds the article; two short boxes of
 * many commas beside it score nearly as well, so the best container
 * climbs to the wrapper of all three, which holds a newsletter form
 * too. The <main> element, holding most of the wrapper's prose, is the
 * main content: the form's text is not. */
Test(html_main, the_one_main_element_holding_most_of_the_text_is_the_content)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens</title></head><body><div "
             "id=page><h1>Bridge reopens</h1><main>" ARTICLE ARTICLE ARTICLE
             "</main><div class=b>" LIST_LINE LIST_LINE
             "</div><div class=c>" LIST_LINE LIST_LINE
             "</div><form><h3>Bridge news</h3><p>We will only send "
             "you news about the bridge, and nothing else.</p>"
             "</form></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect_not(block_is_main(doc, "We will only send"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* An article written in paragraphs holds a gallery: a bar of bare lines
 * (the slide's number and the player's buttons) in a box that holds no
 * paragraph either. The bar is weak, whatever its names; the caption
 * beside it, a sentence, stays. */
Test(html_main, a_box_of_bare_labels_in_a_written_article_is_weak)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens</title></head><body><div "
        "id=page><h1>Bridge reopens</h1><div class=a>" ARTICLE ARTICLE
        "<div class=g><div class=b><div>1 of 24</div><div>Full "
        "Screen</div><div>Autoplay</div><div>Close</div></div><div>The "
        "bridge at dawn, before the first cars crossed it.</div></div>" ARTICLE
            ARTICLE "</div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Autoplay"));
    cr_expect(block_hints(doc, "Autoplay") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(block_hints(doc, "bridge at dawn") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(block_hints(doc, "Shops on both") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

#define PART_TWO                                                               \
    "<p>The ferry that ran in the meantime stops on Friday, its crew said, "   \
    "and the pier will become a park.</p><p>Engineers say the new deck will "  \
    "last fifty years, if the trucks keep to the weight limit.</p>"

/* An article in two parts, each in a section built alike under two
 * different wrappers, a figure between them: the second part joins the
 * first. Sections built alike under wrappers built alike are items of one
 * list (slides), and the second does not. */
Test(html_main, an_article_goes_on_in_a_part_built_like_its_container)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens</title></head><body>"
             "<div id=page><h1>Bridge reopens</h1><div class=intro><h2>How "
             "it began</h2><section class=body>" ARTICLE ARTICLE ARTICLE
             "</section></div><figure><img src=a.jpg><figcaption>The bridge "
             "at dawn.</figcaption></figure><div class=lower><h2>What comes "
             "next</h2><section class=body>" PART_TWO
             "</section></div></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "ferry that ran"));
    html_page_release(&page);
    sl_doc_free(doc);

    doc = mark("<html><head><title>Bridge reopens</title></head><body>"
               "<div id=page><h1>Bridge reopens</h1><div class=slide><h2>Slide "
               "one</h2><section class=body>" ARTICLE ARTICLE ARTICLE
               "</section></div><div class=slide><h2>Slide two</h2><section "
               "class=body>" PART_TWO "</section></div></div></body></html>",
               &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect_not(block_is_main(doc, "ferry that ran"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define CHART_LABEL(text) "<div class=label><p>" text "</p></div>"

/* A chart drawn as paragraphs at absolute positions inside the article:
 * its axis ticks and values ("$915", "billion", "'17") are no text.
 * Eight short lines, most with a digit and no sentence, are a weak box;
 * a stanza of short lines without figures is not. */
Test(html_main, a_charts_labels_are_a_weak_box)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens</title></head><body>"
        "<div id=page><h1>Bridge reopens</h1><div class=words>" ARTICLE ARTICLE
        "<div class=chart>" CHART_LABEL("$915") CHART_LABEL(
            "billion") CHART_LABEL("600") CHART_LABEL("300") CHART_LABEL("$263")
            CHART_LABEL("2017") CHART_LABEL("2018") CHART_LABEL(
                "2019") "</div>" ARTICLE
                        "<div class=stanza>" CHART_LABEL("Over the river")
                            CHART_LABEL("under the sky") CHART_LABEL(
                                "the trucks") CHART_LABEL("go by")
                                CHART_LABEL("the old men") CHART_LABEL("watch")
                                    CHART_LABEL("the boats") CHART_LABEL(
                                        "no more") "</div>"
                                                   "</div></div></body></html>",
        &page);
    cr_expect(block_hints(doc, "$915") & SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "2018") & SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Shops on both") & SL_HINT_MAIN);
    cr_expect_not(block_hints(doc, "Shops on both") & SL_HINT_WEAK_CONTAINER);
    cr_expect_not(block_hints(doc, "under the sky") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

#define WRITTEN_PART                                                           \
    "<p>The ferry, which ran every hour, stops on Friday, its crew said, "     \
    "and the pier will become a park.</p><p>Engineers, who tested the deck "   \
    "for a month, say it will last fifty years, if trucks keep to the "        \
    "limit, and the council, in turn, will repaint the railings.</p>"

/* An article's body cut into columns built alike (div.col > div.words)
 * with a newsletter box between them, as a how-to's steps read once
 * their section tags are plain divs: a written part of two paragraphs
 * whose column opens with no heading goes on with the text and joins it.
 * Columns that each open with their own heading are slides, and their parts
 * stay out. */
Test(html_main, an_unheaded_written_part_in_alike_columns_joins)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens</title></head><body>"
             "<div id=page><h1>Bridge reopens</h1><div class=grid>"
             "<div class=col><div class=words>" PART_TWO
             "</div><div class=pad></div></div>"
             "<div class=col><div class=words>" ARTICLE ARTICLE ARTICLE
             "</div><div class=pad></div></div><div class=box>Get the day's "
             "news in your inbox.</div>"
             "<div class=col><div class=words>" WRITTEN_PART
             "</div><div class=pad></div></div></div><div "
             "class=pad></div></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "Engineers, who tested"));
    html_page_release(&page);
    sl_doc_free(doc);

    doc =
        mark("<html><head><title>Bridge reopens</title></head><body>"
             "<div id=page><h1>Bridge reopens</h1><div class=grid>"
             "<div class=col><h2>Slide one</h2><div class=words>" PART_TWO
             "</div><div class=pad></div></div><div class=col><h2>Slide "
             "two</h2><div "
             "class=words>" ARTICLE ARTICLE ARTICLE
             "</div><div class=pad></div></div>"
             "<div class=col><h2>Slide three</h2><div class=words>" WRITTEN_PART
             "</div><div class=pad></div></div></div><div "
             "class=pad></div></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect_not(block_is_main(doc, "Engineers, who tested"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define STEP(text)                                                             \
    "<span><span><div class=step><div class=words><p>" text "</p></div>"       \
    "<figure><img src=b.jpg></figure></div></span></span>"

/* A how-to's steps, one short paragraph and a picture each, every step
 * wrapped alike, the wrappers not siblings of the first step's: steps
 * with a few commas and no heading of their own go on with the text,
 * three of them or more; one such item alone after the text stays out. */
Test(html_main, short_unheaded_steps_in_alike_wrappers_join)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens</title></head><body>"
        "<div id=page><h1>Bridge reopens</h1><div class=steps>"
        "<div class=step><div class=words>" ARTICLE ARTICLE ARTICLE
        "</div><figure><img src=a.jpg></figure></div>" STEP(
            "Walk to the pier, buy a ticket, and wait.")
            STEP("Board the ferry, find a seat, and rest.")
                STEP("Leave at the park, look back, and wave.") "</div></div></"
                                                                "body></html>",
        &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "Walk to the pier"));
    cr_expect(block_is_main(doc, "Leave at the park"));
    html_page_release(&page);
    sl_doc_free(doc);

    doc = mark("<html><head><title>Bridge reopens</title></head><body>"
               "<div id=page><h1>Bridge reopens</h1><div class=steps>"
               "<div class=step><div class=words>" ARTICLE ARTICLE ARTICLE
               "</div><figure><img src=a.jpg></figure></div>" STEP(
                   "Walk to the pier, buy a ticket, and wait.") "</div></div></"
                                                                "body></html>",
               &page);
    cr_expect_not(block_is_main(doc, "Walk to the pier"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define NESTED_PART                                                            \
    "<div><div><p>The ferry, which ran every hour, stops on Friday, its "      \
    "crew said, and the pier will become a park.</p><p>The ferry, which ran "  \
    "every hour, stops on Friday, its crew said, and the pier will become a "  \
    "park.</p><p>The ferry, which ran every hour, stops on Friday, its crew "  \
    "said, and the pier will become a park.</p><p>The ferry, which ran "       \
    "every hour, stops on Friday, its crew said, and the pier will become a "  \
    "park.</p></div></div>"

/* The second part of an article in two sections built alike, its
 * paragraphs two wrappers deeper, scores little of its own: with no
 * name to weigh it, the likeness is what counts. A part built like the
 * article's container and written (ten commas and sentence ends) gets
 * the bonus a sibling of the same class gets, a fifth of the best
 * score, and joins. */
Test(html_main, a_written_part_built_like_the_article_joins_without_names)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens</title></head><body>"
        "<div id=page><h1>Bridge reopens</h1><div class=intro><h2>How "
        "it began</h2><section class=x>" ARTICLE ARTICLE ARTICLE ARTICLE ARTICLE
            ARTICLE "</section></div><figure><img "
        "src=a.jpg><figcaption>The bridge at "
        "dawn.</figcaption></figure><div "
        "class=lower><h2>What comes next</h2>"
        "<section class=x>" NESTED_PART "</section></div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "which ran every hour"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define ZH_PARAGRAPH                                                                                         \
    "<p>记者从市交通局获悉，新桥将于本周五恢复通行，沿线公交线路随之调整，" \
    "商户表示期待客流回升。</p>"
#define ZH_PART                                                                \
    "<div class=xa1><div class=xb2>" ZH_PARAGRAPH ZH_PARAGRAPH ZH_PARAGRAPH    \
    "</div><div class=xc3></div></div><div></div>"

/* An article cut into wrappers built alike, one per run of paragraphs
 * with an empty box between them (a news site's article body): every
 * part written in several paragraphs joins the one the finder chose,
 * though the wrappers are alike. Items of one paragraph in wrappers
 * alike (slides, teasers) stay out. */
Test(html_main, an_article_in_sibling_wrappers_alike_is_one_text)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>新桥恢复通行</title></head><body>"
             "<h1>新桥恢复通行</h1><div class=xd4>" ZH_PART
             "<div class=xa1><div class=xb2>" ZH_PARAGRAPH ZH_PARAGRAPH
                 ZH_PARAGRAPH ZH_PARAGRAPH ZH_PARAGRAPH ZH_PARAGRAPH
             "</div><div class=xc3></div></div>" ZH_PART
             "<div class=xa1><div class=xb2>" ZH_PARAGRAPH ZH_PARAGRAPH
             "<p>最后一段，全文完。</p>"
             "</div></div><div class=xa1><div class=xb2><p>另一条新闻，"
             "一段摘要，写得很长，有逗号，也有句号。</p></div></div>"
             "</div></body></html>",
             &page);
    size_t parts = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (strstr(doc->blocks[i].text, "记者从市交通局获悉") &&
            (doc->blocks[i].html->hints & SL_HINT_MAIN))
            parts++;
    cr_expect_eq(parts, 14, "%zu of 14 paragraphs in the main content", parts);
    cr_expect(block_is_main(doc, "全文完"));
    cr_expect_not(block_is_main(doc, "另一条新闻"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define EN_PARAGRAPH                                                           \
    "<p>The bridge reopens on Friday, the city's transport office said, and "  \
    "the bus lines that ran around it return to their old routes.</p>"

/* An article cut into two wrappers with no name (an ad slot between
 * them): an unnamed container has no likeness, yet the wrapper next to
 * the chosen one, built the same way and holding a written part built
 * like it, is the article's first half. A box of other text ends the
 * walk: the unnamed story after it stays out. */
Test(html_main, an_article_cut_into_unnamed_wrappers_is_one_text)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>The bridge reopens</title></head><body>"
        "<h1>The bridge reopens</h1><div class=xl>"
        "<div><div class=xad></div><div><div class=xrt><p>Commuters "
        "waited two years, the works ran late, and the ferry carried them "
        "all. Now the deck is done.</p></div></div><div class=xst></div>"
        "</div><div class=xslot></div><div><div><div class=xrt>" EN_PARAGRAPH
            EN_PARAGRAPH EN_PARAGRAPH EN_PARAGRAPH
        "</div></div><div class=xst></div></div><div class=xbox><h3>Most "
        "read</h3><ul>"
        "<li><a href=/a>Storm closes the harbour</a></li>"
        "<li><a href=/b>Schools open late on Monday</a></li>"
        "<li><a href=/c>The market moves to the square</a></li></ul></div>"
        "<div><div><div class=xrt><p>Another town, another story, written "
        "at length, with commas. It is not this article.</p></div></div></div>"
        "</div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "transport office"));
    cr_expect(block_is_main(doc, "Commuters waited"));
    cr_expect_not(block_is_main(doc, "Another town"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define CAPTION                                                                \
    "The mayor speaks at the reopening of the bridge with the engineers who "  \
    "rebuilt its deck and the ferry crew who carried the commuters while "     \
    "the residents who lived beside the works for two years look on."

/* Between the headline and the article, a written paragraph is its lead
 * (here the caption of a video, the fallback text of an <object>), unless
 * it sits in an element named like chrome; a short byline is no lead. */
/* A post written a phrase per line, each line its own short paragraph
 * (centred blog posts), votes as one text: without names to steer the
 * finder, the profile box beside it held the only vote. */
Test(html_main, short_lines_in_a_row_vote_as_one_text)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>试穿了新买的衬衫</title></head><body>"
             "<div class=x1><h1>试穿了新买的衬衫</h1><div class=x2>"
             "<p>大家好</p><p>今天终于</p><p>买到了那件衬衫！</p>"
             "<p>穿上的一瞬间</p><p>真的太好看了。</p><p>颜色很温柔</p>"
             "<p>面料也很舒服，</p><p>搭配裙子或裤子</p><p>都很合适。</p>"
             "<p>价格也不贵</p><p>推荐给大家！</p><p>下次再见</p>"
             "</div></div><div class=x3><div class=x4>"
             "<p>博主简介：两个孩子的妈妈，喜欢穿搭，也喜欢收纳和家居布置。</p>"
             "</div></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "今天终于"));
    cr_expect(block_is_main(doc, "推荐给大家"));
    cr_expect_not(block_is_main(doc, "博主简介"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The same post with each line in a div of its own with no name (the
 * div stands where a <p> would): the lines still vote as one text. */
Test(html_main, short_lines_in_unnamed_divs_vote_as_one_text)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>试穿了新买的衬衫</title></head><body>"
             "<div class=x1><h1>试穿了新买的衬衫</h1><div class=x2>"
             "<div>大家好</div><div>今天终于</div><div>买到了那件衬衫！</div>"
             "<div>穿上的一瞬间</div><div>真的太好看了。</div>"
             "<div>颜色很温柔</div><div>面料也很舒服，</div>"
             "<div>搭配裙子或裤子</div><div>都很合适。</div>"
             "<div>价格也不贵</div><div>推荐给大家！</div><div>下次再见</div>"
             "</div></div><div class=x3><div class=x4>"
             "<p>博主简介：两个孩子的妈妈，喜欢穿搭，也喜欢收纳和家居布置。</p>"
             "</div></div></body></html>",
             &page);
    cr_expect(block_is_main(doc, "今天终于"));
    cr_expect(block_is_main(doc, "推荐给大家"));
    cr_expect_not(block_is_main(doc, "博主简介"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* An article whose paragraphs are <div>s with no name, in a column that
 * also holds a list of other stories: each div votes as the <p> it
 * stands for, from its parent, so the article's element outscores the
 * column and the stories stay out. */
Test(html_main, paragraphs_written_as_unnamed_divs_vote_as_paragraphs)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Bridge reopens after repairs</title></head><body>"
        "<div class=x0><h1>Bridge reopens after repairs</h1><div class=x2>"
        "<div>Commuters waited an hour at the ferry, since the bridge was "
        "closed, and the queue reached the square.</div>"
        "<div>The council says the repairs cost more than planned, because "
        "the steel had rusted, and the deck was rebuilt.</div>"
        "<div>Shops on both banks lost trade for two years, their owners "
        "say, and some of them closed for good.</div>"
        "<div>The mayor thanked the engineers, the ferry crew and the "
        "residents, who lived beside the works.</div>"
        "<div>Traffic will be light at first, the police expect, while "
        "drivers learn the new lanes and signals.</div>"
        "<div>A festival on the bridge is planned for June, with music, "
        "food stalls and a parade of old buses.</div></div><ul class=x3>"
        "<li><a href=/a>Ferry fares to rise</a>: the operator, citing fuel "
        "costs, says fares go up in May.</li>"
        "<li><a href=/b>School roof repaired</a>: the work, paid by the "
        "council, ended a week early.</li>"
        "<li><a href=/c>Market moves</a>: the stalls, from Monday, stand in "
        "the square by the church.</li>"
        "<li><a href=/d>Library hours</a>: the reading room, after the "
        "summer, opens at nine again.</li></ul></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "Commuters waited"));
    cr_expect(block_is_main(doc, "parade of old buses"));
    cr_expect_not(block_is_main(doc, "citing fuel"));
    cr_expect_not(block_is_main(doc, "reading room"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define READ_NEXT                                                              \
    "<div class=r><h3>Read next</h3><ul>"                                      \
    "<li><a href=/r0>Another story headline 0</a></li>"                        \
    "<li><a href=/r1>Another story headline 1</a></li>"                        \
    "<li><a href=/r2>Another story headline 2</a></li>"                        \
    "<li><a href=/r3>Another story headline 3</a></li>"                        \
    "<li><a href=/r4>Another story headline 4</a></li>"                        \
    "<li><a href=/r5>Another story headline 5</a></li>"                        \
    "<li><a href=/r6>Another story headline 6</a></li>"                        \
    "<li><a href=/r7>Another story headline 7</a></li>"                        \
    "<li><a href=/r8>Another story headline 8</a></li>"                        \
    "<li><a href=/r9>Another story headline 9</a></li></ul></div>"

#define GIFT_BOX                                                               \
    "<p>Readers like you, from every country, keep this magazine free, "       \
    "independent, and open to all. A gift, of any size, helps us, and it "     \
    "takes a minute, by card, by bank, or by phone, today.</p>"

/* A list of links inside the article's own element raises its link
 * density, so two boxes far below the title score nearly as well; their
 * common ancestor is a wrapper holding all of the page's text, which is
 * the page as much as <body> is: the boxes do not take the article up
 * to it. */
Test(html_main, far_boxes_do_not_take_the_article_up_to_a_page_wrapper)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>The last people of the cave</title></head><body>"
        "<div class=w><div class=h><h1>The last people of the cave</h1></div>"
        "<div class=a><div class=a2>" READ_NEXT
        "<p>The oldest bones, found in a cave, were dated by three teams, and "
        "each of them, working alone, reached the same age. The finds, which "
        "include teeth, tools and a hearth, tell of a group that lived there, "
        "hunted there, and buried its dead there, for a thousand years or "
        "more. Later layers, the teams say, hold no trace of them, and the "
        "cave, for a long time, stood empty. What happened to them, nobody "
        "knows; the climate changed, the herds moved, and a new people, with "
        "new tools, came from the south.</p></div></div>"
        "<div class=f><div class=g><div class=k>"
        "<div class=b><div class=b1>" GIFT_BOX "</div></div>"
        "<div class=c><div class=c1>" GIFT_BOX "</div></div>"
        "</div></div></div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "The oldest bones"));
    cr_expect_not(block_is_main(doc, "Readers like you"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A layout table inside the article's element: a menu of links in one
 * cell, a part of the article in the other. The menu's list items make
 * no weak box of the whole table; the menu's own list is weak, the
 * article's cell is not. */
Test(html_main, a_layout_tables_menu_leaves_its_article_cell_alone)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Porto face two away games</title></head><body>"
        "<div class=page><h1>Porto face two away games</h1><div class=story>"
        "<p>Porto, second in the league, play two away games in the next two "
        "weeks, and the coach, who rested three players on Sunday, says the "
        "squad is ready.</p><table><tr><td class=l><ul>"
        "<li><a href=/c0>Section 0</a></li><li><a href=/c1>Section 1</a></li>"
        "<li><a href=/c2>Section 2</a></li><li><a href=/c3>Section 3</a></li>"
        "<li><a href=/c4>Section 4</a></li><li><a href=/c5>Section 5</a></li>"
        "<li><a href=/c6>Section 6</a></li><li><a href=/c7>Section 7</a></li>"
        "<li><a href=/c8>Section 8</a></li><li><a href=/c9>Section 9</a></li>"
        "</ul></td><td class=r><p>The club's doctor expects the striker back "
        "after the break and the defender who hurt his knee in training last "
        "month back before the end of the year.</p><p>The young goalkeeper "
        "from the reserve team keeps his place for both games in the absence "
        "of the captain.</p></td></tr></table><p>The first game, in Lisbon, "
        "starts at eight, and tickets, the club says, are sold out.</p>"
        "</div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "The club's doctor"));
    cr_expect_not(block_hints(doc, "The club's doctor") &
                  SL_HINT_WEAK_CONTAINER);
    cr_expect_not(block_hints(doc, "young goalkeeper") &
                  SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Section 3") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The same layout table with one paragraph in the article's cell, a
 * link in it: counted with the menu's links, the table's text is more
 * than half links, yet the menu's links lie in its list, judged on its
 * own; outside it a fifth of the text is linked, and the article's cell
 * is no weak box. */
Test(html_main, a_layout_tables_menu_links_do_not_weigh_on_its_article_cell)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Porto face two away games</title></head><body>"
        "<div class=page><h1>Porto face two away games</h1><div class=story>"
        "<table><tr><td class=l><ul>"
        "<li><a href=/c0>Section 0</a></li><li><a href=/c1>Section 1</a></li>"
        "<li><a href=/c2>Section 2</a></li><li><a href=/c3>Section 3</a></li>"
        "<li><a href=/c4>Section 4</a></li><li><a href=/c5>Section 5</a></li>"
        "<li><a href=/c6>Section 6</a></li><li><a href=/c7>Section 7</a></li>"
        "<li><a href=/c8>Section 8</a></li><li><a href=/c9>Section 9</a></li>"
        "</ul></td><td class=r><p>The club's doctor expects the striker back "
        "after the break and the defender who hurt his knee in training last "
        "month back before the end of the year. <a href=/k>The young "
        "goalkeeper keeps his place for both games</a> in the absence of the "
        "captain.</p></td></tr></table><p>The first game, in Lisbon, starts "
        "at eight, and tickets, the club says, are sold out.</p><p>The "
        "second, in Braga, is on a Sunday, and the coach, who has lost there "
        "twice, says the pitch is the worst in the league.</p>"
        "</div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "The club's doctor"));
    cr_expect_not(block_hints(doc, "The club's doctor") &
                  SL_HINT_WEAK_CONTAINER);
    cr_expect(block_hints(doc, "Section 3") & SL_HINT_WEAK_CONTAINER);
    html_page_release(&page);
    sl_doc_free(doc);
}

Test(html_main, a_written_paragraph_between_title_and_article_is_its_lead)
{
    html_page page;
    sl_doc *doc =
        mark("<html><head><title>Bridge reopens after repairs</title></head>"
             "<body><div id=page><h1>Bridge reopens after repairs</h1>"
             "<div class=byline>By Ann Lee, with Bob Roe, in the city.</div>"
             "<div class=video><object data=/v.swf><param name=movie value=v>"
             "<p>" CAPTION "</p></object></div>"
             "<div class=ad-box><p>Advertisement. " CAPTION "</p></div>"
             "<div class=story>" ARTICLE ARTICLE ARTICLE ARTICLE "</div>"
             "</div></body></html>",
             &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "Shops on both banks"));
    cr_expect(block_is_main(doc, "The mayor speaks"));
    cr_expect_not(block_is_main(doc, "By Ann Lee"));
    cr_expect_not(block_is_main(doc, "Advertisement"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The hint bits html_class_judge gives a class attribute (lower case),
 * and its weight in *weight. */
static uint32_t judge_class(const char *lower, int *weight)
{
    uint32_t hints = 0;
    *weight = 0;
    html_class_judge(lower, strlen(lower), &hints, weight);
    return hints;
}

static uint32_t hints_of(const char *lower)
{
    int weight;
    return judge_class(lower, &weight);
}

/* The rightmost word of a class token is the most specific; a word after
 * a digit is the tail of a generated name; responsive utilities do not
 * hide. */
Test(html_main, class_names_say_what_they_name)
{
    cr_expect(hints_of("post-content") & SL_HINT_CONTENT);
    uint32_t box = hints_of("detail-content__content--recommend");
    cr_expect(box & SL_HINT_RELATED);
    cr_expect_not(box & SL_HINT_CONTENT);
    cr_expect(hints_of("related-content") & SL_HINT_CONTENT);
    cr_expect_not(hints_of("styles_article__ee5ad") & SL_HINT_AD);
    cr_expect(hints_of("ad300") & SL_HINT_AD);
    cr_expect_not(hints_of("hidden md:block") & SL_HINT_HIDDEN);
    cr_expect(hints_of("ot-hide") & SL_HINT_HIDDEN);
    /* an address used as an id names no part of the page */
    cr_expect_eq(hints_of("http://tv.example.com/2013/04/28/"
                          "sec-may-require-more-disclosure"),
                 0);
    cr_expect(hints_of("http://example.com/x more-stories") & SL_HINT_RELATED);
}

static int weight_of(const char *lower)
{
    int weight;
    judge_class(lower, &weight);
    return weight;
}

/* Every rule a token holds counts, wherever its word is: words sharing a
 * first letter (side, sidebar; ad, ads, advert), a whole word only
 * between separators or before digits, the strongest weight of each
 * sign, and each token of a class list. */
Test(html_main, class_words_found_at_every_place)
{
    cr_expect_eq(hints_of("navbar"), SL_HINT_NAV);
    cr_expect_eq(hints_of("sidebar-ads"), SL_HINT_SIDEBAR | SL_HINT_AD);
    cr_expect_eq(hints_of("adventure"), 0);
    cr_expect_eq(hints_of("download"), 0);
    cr_expect_eq(hints_of("top-ads2"), SL_HINT_AD);
    cr_expect_eq(hints_of("post_footer"), SL_HINT_FOOTER);
    cr_expect_eq(hints_of("article-body"), SL_HINT_CONTENT);
    cr_expect_eq(weight_of("article-body"), 25);
    cr_expect_eq(weight_of("article-sidebar"), 0);
    cr_expect_eq(hints_of("article-sidebar"), SL_HINT_SIDEBAR);
    cr_expect_eq(weight_of("main x-ads"), 15 - 25);
    cr_expect_eq(hints_of("main x-ads"), SL_HINT_CONTENT | SL_HINT_AD);
    cr_expect_eq(weight_of("tag"), -10);
    cr_expect_eq(hints_of("Nav"), 0); /* the caller folds case first */
}

static const sl_block *block_holding(const sl_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (strstr(doc->blocks[i].text, needle))
            return &doc->blocks[i];
    }
    return NULL;
}

/* A picture standing alone whose alt text is a written sentence becomes a
 * block of its own, hinted as alt text and counted as no link text even
 * inside a link; a short label, a headline ending in '?' and a picture
 * inside running text give no block. */
Test(html_main, a_sentence_in_an_alt_text_is_a_block_of_its_own)
{
    static const char html[] =
        "<html><body><table><tr><td>Visit our featured business</td></tr>"
        "<tr><td><a href=\"/x\"><img src=\"a.jpg\" alt=\"Full service "
        "lumber and building supply center.  Located in 3 convenient "
        "locations.\"></a></td></tr>"
        "<tr><td><img src=\"logo.jpg\" alt=\"Company logo.\"></td></tr>"
        "<tr><td><img src=\"t.jpg\" alt=\"Why do people marry at "
        "twenty five in this town?\"></td></tr>"
        "<tr><td>Words before <img src=\"p.jpg\" alt=\"A picture inside "
        "the running text of the page.\"> and after.</td></tr>"
        "</table></body></html>";
    sl_doc *doc;
    html_page page;
    walk(html, strlen(html), &doc, &page);
    const sl_block *alt = block_holding(doc, "Full service lumber");
    cr_assert_not_null(alt);
    cr_expect_str_eq(alt->text, "Full service lumber and building supply "
                                "center. Located in 3 convenient locations.");
    cr_expect(alt->html->hints & SL_HINT_IMAGE_ALT);
    cr_expect_eq(alt->html->link_chars, 0);
    const sl_block *label = block_holding(doc, "Visit our");
    cr_assert_not_null(label);
    cr_expect_not(label->html->hints & SL_HINT_IMAGE_ALT);
    cr_expect_null(block_holding(doc, "Company logo"));
    cr_expect_null(block_holding(doc, "marry"));
    cr_expect_null(block_holding(doc, "A picture inside"));
    const sl_block *running = block_holding(doc, "Words before");
    cr_assert_not_null(running);
    cr_expect_str_eq(running->text, "Words before and after.");
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The container holding most of the main content's written text is the
 * text, whatever its name says: a post's body in a "topic-base-header"
 * is not weak, while the tool line beside it still is. */
Test(html_main, the_container_of_most_of_the_text_is_not_weak)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Mark as read</title></head><body>"
        "<div class=site-content><h1>Mark as read</h1>"
        "<div class=topic-author><a href=/u/j>John Braadland</a> 2 years</div>"
        "<div class=topic-base-header><p>Hi,</p>"
        "<p>There should be a way to see which topic the user has read.</p>"
        "<p>Users cannot, as far as I know, tell read from unread.</p>"
        "<p>Can that be fixed, or set somewhere?</p><p>BR, John</p></div>"
        "<div class=topic-tools><a href=/r>Reply</a> <a href=/l>Like</a> "
        "<a href=/s>Subscribe</a></div></div></body></html>",
        &page);
    uint32_t weak = SL_HINT_MAIN | SL_HINT_WEAK_CONTAINER;
    cr_expect(block_is_main(doc, "There should be a way"));
    cr_expect_neq(block_hints(doc, "There should be a way") & weak, weak);
    cr_expect_neq(block_hints(doc, "Can that be fixed") & weak, weak);
    cr_expect_eq(block_hints(doc, "Reply Like") & weak, weak);
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A search box's hint for screen readers, in an element whose id ends in
 * "text", is no content: the picture's description under its headline
 * is, although no name says so. */
Test(html_main, a_search_box_named_text_is_no_content)
{
    html_page page;
    sl_doc *doc = mark(
        "<body><div class=top><div class=a0><div id=searchBoxAccessibleText "
        "class=ab1>When suggestions are available, use the up and down "
        "arrows to review them, and enter to select. Touch users, explore "
        "by touch or with swipe gestures.</div></div><div class=a2>"
        "<a href=/>Explore</a> <a href=/b>Shop</a></div></div>"
        "<div class=x0><div class=x1><h1>Funny cards for Mother's Day</h1>"
        "<div class=x2><span>Mother's Day is coming up, and whether or not "
        "you will be celebrating with your mom in person, do not forget a "
        "card: we have just the right one for every kind of mom, step-mom "
        "or role model.</span></div></div><div class=x3><span>12 "
        "comments</span></div></div></body>",
        &page);
    cr_expect(block_is_main(doc, "do not forget a card"));
    cr_expect_not(block_is_main(doc, "When suggestions are available"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* An endless feed: a short news story (its headline, date line and one
 * paragraph), a share bar, then the next story with a headline and a
 * date line of its own and much more text. The classes say nothing. The
 * story under the page's title is the main content; the next one is not,
 * though it holds more prose. Sections of one article set as h1, with no
 * date line under them, stay in it. */
static const char next_article_feed[] =
    "<html><head><title>美官员否认伊朗直升机事故存在谋杀行为</title></head>"
    "<body><div class=a1><div class=a2><h1>美官员否认伊朗直升机事故存在谋杀行为"
    "</h1><div class=a3><div>中国新闻网</div><time>2024-05-20 13:09</time>"
    "</div><div class=a4><p>据美国全国广播公司报道，载有伊朗总统的直升机发生"
    "硬着陆事故后，美参议院多数党领袖表示，已从情报部门获悉，没有证据表明该"
    "事件中存在谋杀行为。他称，事发地点天气糟糕，大雾弥漫，所以这看起来像是"
    "一起事故，但全面调查仍在进行中。</p></div><div class=a5><span>分享至："
    "</span><span>举报</span></div></div>"
    "<div class=a6><h1>31岁在春晚一炮而红，其实已经去世10年了</h1><div "
    "class=a7><a href=/u/1>贵圈姨太</a><time>2023-06-01 00:48</time></div>"
    "<div class=a8>"
    "<p>如果说在中国传唱度最高的歌曲，那这一首歌绝对算得上是家喻户晓，那就是"
    "外婆的澎湖湾。这首歌有很多明星都翻唱过，但这首歌其实原唱是潘安邦。</p>"
    "<p>一九六一年，潘安邦出生于台湾省的一个军人家庭，自幼受到了良好的教育。"
    "因从小对唱歌产生了浓厚的兴趣，在高中毕业后，他走上了音乐的道路。</p>"
    "<p>叶佳修是金牌音乐制作人，他创作了乡间的小路、爸爸的草鞋等经久流传的"
    "歌曲。然而他在听闻潘安邦的歌声后，决定为他写歌，两人从此合作多年。</p>"
    "<p>也正因此，导致春晚都注意到了他。在那个年代网络是不发达的，要想红，"
    "要想被别人知道，上春晚是最好的办法，这次的春晚让他更红了。</p>"
    "<p>在事业上有了成就的他，爱情也随之而来了。在国外开演唱会时，他认识了"
    "妻子，两人举行了婚礼，就在我们以为他们会一直幸福生活下去的时候。</p>"
    "</div></div></div></body></html>";

Test(html_main, the_next_article_of_a_feed_is_not_the_main_content)
{
    html_page page;
    sl_doc *doc = mark(next_article_feed, &page);
    cr_expect(block_is_main(doc, "据美国全国广播公司报道"));
    cr_expect_not(block_is_main(doc, "如果说在中国传唱度最高"));
    cr_expect_not(block_is_main(doc, "叶佳修是金牌音乐制作人"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The same page whose second part is a section of the article under an
 * h1 of its own, without a date line: it stays in the main content. */
Test(html_main, a_section_headed_by_an_h1_stays_in_the_article)
{
    const char *at = strstr(next_article_feed, "<time>2023-06-01 00:48</time>");
    cr_assert_not_null(at);
    size_t cut = (size_t)(at - next_article_feed);
    const char *rest = at + strlen("<time>2023-06-01 00:48</time>");
    char *html = malloc(strlen(next_article_feed) + 1);
    cr_assert_not_null(html);
    memcpy(html, next_article_feed, cut);
    strcpy(html + cut, rest);
    html_page page;
    sl_doc *doc = mark(html, &page);
    cr_expect(block_is_main(doc, "如果说在中国传唱度最高"));
    html_page_release(&page);
    sl_doc_free(doc);
    free(html);
}

/* The same feed with no element of its own for each story: one wrapper
 * holds the article's paragraph, a list of linked headlines, then the
 * next story's headline, its date line and its paragraphs. The best
 * container holds both stories; the main content ends at the next
 * story's headline. */
Test(html_main, the_next_article_in_the_articles_own_container_ends_it)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>美官员否认伊朗直升机事故存在谋杀行为</title></head>"
        "<body><h1>美官员否认伊朗直升机事故存在谋杀行为</h1><div class=w>"
        "<div><span>中国新闻网</span><time>2024-05-20 13:09</time></div>"
        "<div><h3>热点推荐</h3><ul><li><a href=/n/1>多地出台措施促进消费</a>"
        "</li><li><a href=/n/2>夏粮收购工作全面展开</a></li><li><a "
        "href=/n/3>教育部发布高考安全提醒</a></li></ul></div>"
        "<p>据美国全国广播公司报道，载有伊朗总统的直升机发生硬着陆事故后，"
        "美参议院多数党领袖表示，已从情报部门获悉，没有证据表明该事件中存在"
        "谋杀行为。他称，事发地点天气糟糕，大雾弥漫，所以这看起来像是一起"
        "事故，但全面调查仍在进行中。</p>"
        "<h1>31岁在春晚一炮而红，其实已经去世10年了</h1>"
        "<div><a href=/u/1>贵圈姨太</a></div><div>2023-06-01 00:48</div>"
        "<p>"
        "如果说在中国传唱度最高的歌曲，那这一首歌绝对算得上是家喻户晓，那就是"
        "外婆的澎湖湾。这首歌有很多明星都翻唱过，但这首歌其实原唱是潘安邦。</p>"
        "<p>"
        "一九六一年，潘安邦出生于台湾省的一个军人家庭，自幼受到了良好的教育。"
        "因从小对唱歌产生了浓厚的兴趣，在高中毕业后，他走上了音乐的道路。</p>"
        "<p>叶佳修是金牌音乐制作人，他创作了乡间的小路、爸爸的草鞋等经久流传的"
        "歌曲。然而他在听闻潘安邦的歌声后，决定为他写歌，两人从此合作多年。</p>"
        "<p>也正因此，导致春晚都注意到了他。在那个年代网络是不发达的，要想红，"
        "要想被别人知道，上春晚是最好的办法，这次的春晚让他更红了。</p>"
        "</div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "据美国全国广播公司报道"));
    cr_expect_not(block_is_main(doc, "如果说在中国传唱度最高"));
    cr_expect_not(block_is_main(doc, "也正因此"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A short article under its title in an <article>, a cookie notice at
 * the top of the page, a ranking of twenty linked headlines under the
 * article, all in one wrapper; the classes say nothing. The article's
 * container and the <article> around it both score near the best, as
 * does the cookie notice: the <article> is the same text as its
 * paragraph's container, not a second part of the content, so the
 * best container does not climb to the wrapper, whose text is nearly
 * all links. */
Test(html_main, a_container_and_its_parent_are_one_candidate_not_two)
{
    char html[8192];
    size_t at = (size_t)snprintf(
        html, sizeof html,
        "<html><head><title>泉氏、市長に苦言 - ニュース</title></head><body>"
        "<div class=w><div class=c><p>当サイトではクッキーを使用しています。"
        "ブラウジングを続けることにより、当社のポリシーを受け入れたものと"
        "見なされます。詳しくは、規約を、ご覧ください。設定は、いつでも"
        "変えられます。</p></div><article class=a><h1>泉氏、市長に苦言</h1>"
        "<div class=b><p>元市長の<a href=/t/1>泉房穂</a>氏が２０日、"
        "知事選への立候補を表明した<a href=/t/2>石丸伸二</a>市長について、"
        "「１期目の途中で投げ出すことも疑問だ」と批判した。市長は２０日の"
        "定例会見で、全国の自治体のほとんどが同じ状況に陥っている、それを"
        "突破できる分岐点があるとするならば首都だと考えた、と立候補する"
        "思いを言葉にした。泉氏は記事を引用しながら、東京都知事の職責を"
        "問うた。</p></div><div class=t><a href=/k/1>東京都知事選</a> "
        "<a href=/k/2>時事ニュース</a> <a href=/k/3>デイリースポーツ</a> "
        "<a href=/k/4>国内ニュース</a> <a href=/k/5>社会ニュース</a> "
        "<a href=/k/6>記事を読む</a></div></article><div "
        "class=r><h2>ランキング</h2><ul>");
    for (int i = 1; i <= 20; i++)
        at += (size_t)snprintf(html + at, sizeof html - at,
                               "<li><a href=/n/%d>%d. 不倫もみ消し? 間違いの訳"
                               "</a></li>",
                               i, i);
    snprintf(html + at, sizeof html - at, "</ul></div></div></body></html>");
    html_page page;
    sl_doc *doc = mark(html, &page);
    cr_expect(block_is_main(doc, "定例会見"));
    cr_expect_not(block_is_main(doc, "7. 不倫もみ消し"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* Arabic-script commas and full stops count as a Latin or CJK one does:
 * an Urdu article written as one long paragraph scores by its
 * sentences, not as one line. */
Test(html_main, arabic_script_punctuation_counts)
{
    const char *urdu = "دریائے راوی، لاہور؛ کیا؟ پانی بند ہوچکا ہے۔";
    cr_expect_eq(html_count_punct(urdu, strlen(urdu)), 4);
    const char *mixed = "a, b. 甲，乙。";
    cr_expect_eq(html_count_punct(mixed, strlen(mixed)), 4);
}

/* A blog's front page: four entries built alike (a heading, a text, a
 * date line), under a site name for a title, beside a column of links;
 * the class names say nothing. The longest entry wins the vote, but one
 * entry is not the page: every dated entry is its content. */
static const char blog_front_page[] =
    "<html><head><title>%s</title></head><body><table><tr><td class=k1><a "
    "href=/a>Credit 101</a> <a href=/b>Reports"
    "</a> <a href=/c>Debt Collection</a></td><td class=k2>"
    "<div class=q7><h2>Gift Cards May Not Be The Perfect Gift</h2>"
    "<div class=q8>Gift cards can be a great gift for someone who is hard to "
    "buy for, or for whom shipping gifts is expensive. Unfortunately, gift "
    "cards are not always the perfect gift, as many come with fees and "
    "restrictions that make the gift a headache for the recipient. Make "
    "sure you know the expiration dates, restrictions and fees that apply "
    "to the card you are planning to purchase, and tell the recipient."
    "</div><div class=q9>Wednesday December 20, 2006 | <a href=/p/1>"
    "permalink</a> | <a href=/p/1#c>comments (0)</a></div></div>"
    "<div class=q7><h2>Merry Christmas</h2><div class=q8>Merry Christmas to "
    "those of you and your families who celebrate this holiday.</div>"
    "<div class=q9>Monday December 25, 2006 | <a href=/p/2>permalink</a> | "
    "<a href=/p/2#c>comments (0)</a></div></div>"
    "<div class=q7><h2>Avoiding Scams</h2><div class=q8>A poster on the "
    "forum recently warned of an advance fee loan scam, to which she had "
    "fallen victim.</div><div class=q9>Friday December 22, 2006 | "
    "<a href=/p/3>permalink</a> | <a href=/p/3#c>comments (1)</a></div>"
    "</div>"
    "<div class=q7><h2>Lower Your Interest Rate</h2><div class=q8>If you "
    "cannot pay your balance in full, call your card company and ask them "
    "to lower your rate.</div><div class=q9>Thursday December 21, 2006 | "
    "<a href=/p/4>permalink</a> | <a href=/p/4#c>comments (2)</a></div>"
    "</div></td></tr></table></body></html>";

/* The blog page above under the given title. */
static sl_doc *mark_blog(const char *title, html_page *page)
{
    char html[sizeof blog_front_page + 128];
    snprintf(html, sizeof html, blog_front_page, title);
    return mark(html, page);
}

Test(html_main, every_dated_entry_of_a_blog_front_page_is_the_content)
{
    html_page page;
    sl_doc *doc = mark_blog("Credit Notes - advice on debt", &page);
    cr_expect(block_is_main(doc, "Gift cards can be a great gift"));
    cr_expect(block_is_main(doc, "Merry Christmas to those"));
    cr_expect(block_is_main(doc, "advance fee loan scam"));
    cr_expect(block_is_main(doc, "call your card company"));
    cr_expect_not(block_is_main(doc, "Credit 101"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The same entries under an article's headline that the first of them
 * carries: the page is that article, and the entries after it (a feed
 * of other posts) do not join it. */
Test(html_main, dated_entries_after_the_article_holding_the_title_stay_out)
{
    html_page page;
    sl_doc *doc = mark_blog("Gift Cards May Not Be The Perfect Gift", &page);
    cr_expect(block_is_main(doc, "Gift cards can be a great gift"));
    cr_expect_not(block_is_main(doc, "call your card company"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* An ARIA landmark role on a div says what the sectioning tag says: a
 * div-built page's role="complementary" column is a sidebar, its
 * role="navigation" menu nav, whatever the class names. */
Test(html_main, a_landmark_role_on_a_div_is_its_sectioning_tag)
{
    static const char html[] =
        "<html><body><div role=\"navigation\"><p>Home and more</p></div>"
        "<div class=\"x1\"><p>The article's paragraph.</p></div>"
        "<div role=\"complementary\"><p>A column of other things.</p></div>"
        "<div role=\"Contentinfo\"><p>All rights kept.</p></div>"
        "<div role=\"presentation\"><p>Plain box.</p></div>"
        "</body></html>";
    const uint32_t chrome = SL_HINT_NAV | SL_HINT_SIDEBAR | SL_HINT_FOOTER;
    html_page page;
    sl_doc *doc;
    walk(html, strlen(html), &doc, &page);
    cr_assert_eq(doc->n_blocks, 5);
    cr_expect(doc->blocks[0].html->hints & SL_HINT_NAV);
    cr_expect_not(doc->blocks[1].html->hints & chrome);
    cr_expect(doc->blocks[2].html->hints & SL_HINT_SIDEBAR);
    cr_expect(doc->blocks[3].html->hints & SL_HINT_FOOTER);
    cr_expect_not(doc->blocks[4].html->hints & chrome);
    html_page_release(&page);
    sl_doc_free(doc);
}

#define ASKED                                                                  \
    "<li><a href=/q/7>Upload photos, files, videos, or links, with an "        \
    "answer, and how?</a> "                                                    \
    "by Ann, in Help, 6 years ago.</li>"
#define WIDGET                                                                 \
    "<div class=x4><h3>Related questions</h3><ul>" ASKED ASKED ASKED ASKED     \
        ASKED ASKED ASKED ASKED "</ul></div>"

/* A question under its headline, a column beside the headline's container
 * (no tag says it is a sidebar) holding lists of other questions, linked
 * and timed, more text than the question: the column is a sidebar, the
 * question the main content. */
Test(html_main, a_column_of_linked_items_beside_the_title_is_a_sidebar)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Custom template for one question?</title>"
        "</head><body><div class=x0><div class=x1>"
        "<h1>Custom template for one question?</h1><div class=x2>"
        "<p>Is there a way to create a custom template that shows the single "
        "question, instead of the theme's default page, without editing the "
        "theme itself? I use the free version, on a fresh site.</p>"
        "</div></div>"
        "<div class=x3>" WIDGET WIDGET WIDGET WIDGET WIDGET
        "</div></div></body></html>",
        &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "Is there a way"));
    cr_expect_not(block_is_main(doc, "Upload photos"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* The same page whose <title> is set in title case after a separator the
 * site-name list does not know, over an h1 in sentence case: the h1 the
 * title holds, letters of either case alike, still anchors the article,
 * so the column beside it is a sidebar. */
Test(html_main, a_title_in_title_case_still_finds_its_h1)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Custom Template For One Question? \xe2\x80\xa2 "
        "EXAMPLE.COM</title>"
        "</head><body><div class=x0><div class=x1>"
        "<h1>Custom template for one question?</h1><div class=x2>"
        "<p>Is there a way to create a custom template that shows the single "
        "question, instead of the theme's default page, without editing the "
        "theme itself? I use the free version, on a fresh site.</p>"
        "</div></div>"
        "<div class=x3>" WIDGET WIDGET WIDGET WIDGET WIDGET
        "</div></div></body></html>",
        &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "Is there a way"));
    cr_expect_not(block_is_main(doc, "Upload photos"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A page with no <title> (nor og:title) whose first h1 is the site's
 * logo, a link to the front page: the article's own h1, more than a
 * link, is the headline, and the article under it, not the bar of
 * short trending searches beside the logo, is the main content. */
Test(html_main, a_linked_logo_h1_is_no_headline_of_a_page_without_title)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head></head><body><div class=x0><h1 class=x1><a "
        "href=\"/\">快资讯</a></h1><div class=x2><div>油价今晚上调</div>"
        "<div>高考志愿填报指南</div><div>多地迎来高温天气</div><div>夏粮收购"
        "全面展开</div></div></div><div class=x3><h1 class=x4>新桥恢复通行"
        "</h1><div class=x5>" ZH_PARAGRAPH ZH_PARAGRAPH
        "</div></div></body></html>",
        &page);
    cr_assert(page.title_block >= 0);
    cr_expect_str_eq(doc->blocks[page.title_block].text, "新桥恢复通行");
    cr_expect(block_is_main(doc, "记者从市交通局获悉"));
    cr_expect_not(block_is_main(doc, "高考志愿填报指南"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A feed of other videos: a linked headline and a written summary
 * each, the last ones written with more commas. */
static const char video_feed[] =
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "The first trailer for the next season is here.</div></div>"
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "A look back at the season with the whole cast.</div></div>"
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "Fans found a secret in the credits of the show.</div></div>"
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "The studio answered the petition in a short note.</div></div>"
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "The date is set, with a poster, a song, a clip, and a tour.</div></div>"
    "<div class=f1><a href=/v>Another video of the week</a><div class=f2>"
    "A clip shows the hero, older, wiser, sadder, and alone.</div></div>";

/* A video page whose article is one short description under the
 * headline and a deck, above the feed: the feed's last summaries score
 * nearly as well as the description, and their common ancestor with it
 * is the body. Far from the title (more than TITLE_FAR prose
 * characters), they do not take the description, near it, up to the
 * whole page. */
Test(html_main, far_teasers_do_not_make_a_short_article_the_whole_page)
{
    char html[2048];
    snprintf(html, sizeof html,
             "<html><head><title>How the mask was made</title></head><body>"
             "<div class=x0><h1>How the mask was made</h1><div class=x1>"
             "\"Not one mask, but two, and both are real.\"</div></div>"
             "<main><div class=x2><p>The actor goes into detail, maybe too "
             "much, describing how the mask was cast, painted and fitted for "
             "the show, in a studio out of town.</p></div></main>"
             "<div class=x3>%s</div></body></html>",
             video_feed);
    html_page page;
    sl_doc *doc = mark(html, &page);
    cr_expect(page.title_block >= 0);
    cr_expect(block_is_main(doc, "The actor goes into detail"));
    cr_expect_not(block_is_main(doc, "A clip shows the hero"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A slide: another story's linked headline, twice (over its picture and
 * over its text), and a line of its text. */
#define SHOW_SLIDE(n)                                                          \
    "<div class=slide><h3><a href=/s" #n ">The story of slide " #n             \
    " goes here</a></h3><h4><a href=/s" #n ">The story of slide " #n           \
    " goes here</a></h4><p>The engine pushes the craft faster than any "       \
    "rocket so far, and a crew could reach the planet in two months, the "     \
    "team says.</p></div>"

/* A slideshow: the short text under the title opens the first slide, and
 * every slide below, under its own linked headlines, votes for the show,
 * which then scores higher than the first slide. The walk up from the
 * text to a parent that scores higher stops below the show, a list of
 * headed items: the slides are other stories. */
Test(html_main, a_slideshow_does_not_take_the_text_under_the_title)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>A rocket could reach Mars in two months</title>"
        "</head><body><div class=hd><h1>A rocket could reach Mars in two "
        "months</h1></div><div class=show><div class=slide><div class=in>"
        "<p>In our top stories this week, one reporter describes an engine, "
        "still in the works, that could reach Mars in two months, another a "
        "storm, a third a record, a fourth a gene, and a fifth, at last, a "
        "cat, a dog, a bird, and a fish, among other things, all of them, we "
        "think, worth a read, today or tomorrow.</p></div></div>" SHOW_SLIDE(1)
            SHOW_SLIDE(2) SHOW_SLIDE(3) SHOW_SLIDE(4) SHOW_SLIDE(5)
                SHOW_SLIDE(6) SHOW_SLIDE(7)
                    SHOW_SLIDE(8) "</div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "In our top stories"));
    cr_expect_not(block_is_main(doc, "The engine pushes"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A video's page: a menu of many links, the title and a one-line
 * standfirst, the video's short description with a sponsored line under
 * it, a feed of other videos (linked headlines over summaries), and far
 * below a newsletter box, a footer's note and a legal line, each written
 * better than the description. Returns the page, malloc'd. */
static char *video_page(void)
{
    size_t cap = 64 * 1024, at = 0;
    char *html = malloc(cap);
    cr_assert_not_null(html);
    at += (size_t)snprintf(html + at, cap - at,
                           "<html><head><title>The many heads of the actor"
                           "</title></head><body><div class=w><div class=v>");
    for (int i = 0; i < 400; i++)
        at += (size_t)snprintf(html + at, cap - at,
                               "<a href=/c%d>Section number %d</a> ", i, i);
    at += (size_t)snprintf(
        html + at, cap - at,
        "</div><div class=h><h1>The many heads of the actor</h1><div class=s>"
        "\"Out in the world, there is not one but two heads of the actor.\""
        "</div></div><div class=b><div class=d><p>The actor goes into "
        "detail, maybe too much, describing how the mask was cast, painted "
        "and fitted for <a href=/show>the show</a>.</p><p><a rel=sponsored "
        "href=https://shop.example/x>The show is now streaming on a paid "
        "service.</a></p><div class=g><p>Topics <a href=/t1>Streaming</a> "
        "<a href=/t2>Television</a></p></div></div></div><div class=m>");
    for (int i = 0; i < 14; i++)
        at += (size_t)snprintf(
            html + at, cap - at,
            "<div class=t><h3><a href=/v%d>Headline number %d of another "
            "video</a></h3><p>A summary of that other video, in a line or "
            "two, and who made it.</p></div>",
            i, i);
    at += (size_t)snprintf(
        html + at, cap - at,
        "</div><div class=n><p>The biggest stories of the day, delivered to "
        "your inbox, every morning, with deals, offers, and news, for free, "
        "always.</p></div><div class=f><p>This site supports a group, and "
        "its mission, to increase diversity in media voices, and media "
        "ownership, and its members include many, many others.</p></div>"
        "<div class=l><p>Our name is a registered mark, and it may not be "
        "used, by anyone, anywhere, without our written permission, in any "
        "form, at all.</p></div></div></body></html>");
    cr_assert_lt(at, cap);
    return html;
}

/* The best containers are the boxes far below the title; their common
 * ancestor, the page's wrapper, holds the title, so its own distance
 * from it is nil. Whether the pick is some other text is judged on the
 * best container itself, a whole article away: the best container near
 * the title is taken instead, and neither the feed nor the boxes are the
 * page's text. */
Test(html_main, far_boxes_do_not_make_a_short_text_the_whole_page)
{
    char *html = video_page();
    html_page page;
    sl_doc *doc = mark(html, &page);
    cr_expect(page.title_block >= 0);
    cr_expect_not(block_is_main(doc, "This site supports a group"));
    cr_expect_not(block_is_main(doc, "A summary of that other video"));
    html_page_release(&page);
    sl_doc_free(doc);
    free(html);
}

/* The sponsored line under the description is an ad, not the page's
 * text: it does not count as links against the description's container,
 * which then outranks the one-line standfirst under the title. */
Test(html_main, a_sponsored_line_does_not_weigh_down_the_text_above_it)
{
    char *html = video_page();
    html_page page;
    sl_doc *doc = mark(html, &page);
    cr_expect(block_is_main(doc, "The actor goes into detail"));
    cr_expect_not(block_is_main(doc, "Out in the world"));
    cr_expect_not(block_is_main(doc, "This site supports a group"));
    html_page_release(&page);
    sl_doc_free(doc);
    free(html);
}

/* A roundup: each item of the article is a product under its own linked
 * headline, with a linked line to buy it. The best item's walk up goes on
 * to the list: its items are the article's parts, not other stories. */
#define KETTLE(n, text)                                                        \
    "<div class=item><h2><a href=/k" #n ">Kettle number " #n "</a></h2>"       \
    "<p>" text "</p><h3><a href=/buy" #n ">Buy it at the shop</a></h3></div>"

Test(html_main, a_roundup_of_headed_items_is_one_article)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>The best kettles of the year</title></head><body>"
        "<div class=hd><h1>The best kettles of the year</h1></div>"
        "<div class=list>" KETTLE(
            1, "The first kettle, which we tested for a month, boils a litre "
               "in three minutes, stays quiet, and keeps its handle cool, "
               "even when full, even after an hour, and even on the highest "
               "setting, which no other kettle we tried could claim, at any "
               "price, in any shop, this year or the last.")
            KETTLE(2, "The second one is cheaper, louder, and slower, but it "
                      "pours well, and it is easy to clean.")
                KETTLE(3, "The third one is the prettiest, in steel, with a "
                          "wooden handle, and it comes in four colours.")
                    KETTLE(
                        4,
                        "The fourth one, for travel, folds flat, weighs "
                        "very little, and boils a cup in a minute.") "</div></"
                                                                     "body></"
                                                                     "html>",
        &page);
    cr_expect(block_is_main(doc, "The first kettle"));
    cr_expect(block_is_main(doc, "The fourth one, for travel"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A part of a review written as bare <div> lines, no <p>, four wrappers
 * deep in the column of parts: its lines vote for those wrappers and the
 * column, not for the article's wrapper above the column. */
#define LINES_PART(n)                                                          \
    "<div class=sec><div class=x><div class=a><div class=c>"                   \
    "<div>Line one of part " #n ": it runs cool, and it stays quiet.</div>"    \
    "<div>Line two of part " #n ": it runs cool, and it stays quiet.</div>"    \
    "<div>Line three of part " #n ": it runs cool, and it stays quiet.</div>"  \
    "<div>Line four of part " #n ": it runs cool, and it stays quiet.</div>"   \
    "<div>Line five of part " #n ": it runs cool, and it stays quiet.</div>"   \
    "<div>Line six of part " #n ": it runs cool, and it stays quiet.</div>"    \
    "</div></div></div></div>"

/* A review whose paragraphs are bare <div> lines, cut by two galleries
 * under linked headlines: the article's wrapper holds the lead paragraph
 * and a score box (the only <p>s) and the first gallery, each in a box
 * built alike, then the column of the parts. Far from the title, the
 * column is the best container; the best one near the title is the
 * lead's, whose walk up reaches the article's wrapper, which scores
 * higher. Two linked headlines for two paragraphs make the wrapper look
 * like a list of headed items, yet it holds 28 blocks, not a linked
 * headline per eight of them: no list, and the walk goes on to it, lines
 * and all (stopped below it, the lead alone was the text). */
Test(html_main, an_article_of_bare_lines_cut_by_galleries_is_no_headed_list)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>The new console keeps up with gaming computers"
        "</title></head><body><div class=hd><h1>The new console keeps up "
        "with gaming computers</h1></div><div class=w><div class=part>"
        "<div class=a><div class=b><p>The new console is the fastest box we "
        "have tested, by far, and it plays more games at full resolution "
        "than any rival. It is also dearer, at five hundred, while the other "
        "one came out a year ago at four hundred. It is a big black box that "
        "sits under the television and hums along all day long without a "
        "sound from its fan or its drive or its power brick. The games we "
        "tried on it ran smoothly from the first minute to the last one in "
        "every mode we could find in their menus. For most players the "
        "cheaper model or a wait makes more sense; for the fans, this one is "
        "a treat.</p></div></div></div><div class=part>"
        "<div class=g><h4><a href=/g1>Gallery: the console in photos</a>"
        "</h4></div></div><div class=part><p>Our score: eighty-seven. Good, "
        "fast, and quiet.</p></div><div class=col>" LINES_PART(1)
            LINES_PART(2) "<div class=sec><div class=g><h4><a "
                          "href=/g2>Gallery: inside the "
                          "console</a></h4></div></div>" LINES_PART(3)
                              LINES_PART(4) "</div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "The new console is the fastest"));
    cr_expect(block_is_main(doc, "Line one of part 1"));
    cr_expect(block_is_main(doc, "Line six of part 4"));
    html_page_release(&page);
    sl_doc_free(doc);
}

/* A short note of unpunctuated lines and code under its headline, the
 * class names saying nothing; below it a reply box whose form holds the
 * site's two written sentences of rules, and a report dialog's form with
 * its note. A small form's prompts and labels do not vote: the note is
 * the main content, not the reply box. */
Test(html_main, a_small_forms_prompt_does_not_outvote_a_short_note)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>解决新项目npm依赖报错</title></head><body><div cla"
        "ss=x1><div class=x2><h1>解决新项目npm依赖报错</h1><div "
        "class=x3><h2>前言"
        "</h2><p>每次打开别人新的项目都要 npm "
        "依赖都会各种报错很烦</p><h2>解决</h"
        "2><p>安装 depcheck</p><pre>npm i -g depcheck</pre><p>检查依赖</p><pre>"
        "depcheck</pre><p>找到 Missing dependencies "
        "缺失依赖</p><p>安装缺失依赖</"
        "p><pre>npm i aaa.js bbb.js</pre></div></div><div class=x4><div class="
        "x5>讨论数量: 0</div><div class=x6>暂无内容</div><form method=post "
        "actio"
        "n=/replies><div "
        "class=x7>讨论应以学习和精进为目的。请勿发布不友善或者负能量的"
        "内容，与人为善，比聪明更重要！</div><textarea "
        "name=body></textarea></form>"
        "</div></div><div class=x8><form method=post action=/reports><div class"
        "=x9><div "
        "class=x7>匿名举报，为防止滥用，仅管理员可见举报者。</div><p>我要举"
        "报该，理由是：</p></div></form></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "每次打开别人新的项目"));
    cr_expect(block_is_main(doc, "安装缺失依赖"));
    cr_expect_not(block_is_main(doc, "讨论应以学习"));
    cr_expect_not(block_is_main(doc, "匿名举报"));
    html_page_release(&page);
    sl_doc_free(doc);
}

#define CLIP                                                                   \
    "<div><div><span>Video Ad Feedback</span></div><div><span>Clip shows "     \
    "a crowd at the river parade</span><div>Now playing</div><div>- "          \
    "Source: News</div></div></div>"
#define CLIPS4 CLIP CLIP CLIP CLIP

/* A video playlist of twenty items lies between the headline and the
 * story, so the story, the best container, is far from the title. The
 * best one near it by rank is the video's caption by the headline, and
 * its climb to a common ancestor of it, the playlist's items and the
 * story reaches the unscored wrapper of them all: it holds the story and
 * no block voted for it, so the story stays the main content and the
 * playlist stays out. */
Test(html_main, a_playlist_above_the_story_stays_out_of_it)
{
    html_page page;
    sl_doc *doc = mark(
        "<html><head><title>Singer hosts the late show</title></head><body>"
        "<div><h1>Singer hosts the late show</h1><div><div><p>Watch the "
        "singer open the show, with a song.</p></div><div><div>Trending "
        "now</div>" CLIPS4 CLIPS4 CLIPS4 CLIPS4 CLIPS4 "</div></div><div>"
        "<div>By Jane Doe</div><div><p>The singer returned on Saturday to host "
        "the late show, and the "
        "audience, which had waited an hour, cheered at once.</p><p>Two "
        "cast members came out to celebrate her return, and they joked "
        "about the years she spent on the show before.</p><p>The monologue "
        "then turned into a song, with dancers in all sorts of costumes "
        "joining her on the stage.</p><p>She thanked the crowd, said she "
        "would come back next year, and left the stage to a long round of "
        "applause.</p></div></div></div></body></html>",
        &page);
    cr_expect(block_is_main(doc, "The singer returned on Saturday"));
    cr_expect(block_is_main(doc, "She thanked the crowd"));
    cr_expect_not(block_is_main(doc, "Clip shows a crowd"));
    cr_expect_not(block_is_main(doc, "Now playing"));
    html_page_release(&page);
    sl_doc_free(doc);
}
