/* tests/test_html_main.c - the html stage's main-content finder, called
 * directly on walked pages: which blocks it marks as main content, and
 * that the work it does stays linear in the page (deep chains of unclosed
 * inline tags once made it quadratic).
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
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
