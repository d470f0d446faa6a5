/* plugins/html/html.c - the html stage: parses an HTML document with
 * libxml2's tolerant HTML parser and replaces its blocks with the page's
 * paragraphs, headings, list items, captions, table rows, preformatted and
 * quoted text, each with the features the boilerplate stage reads, then
 * chooses the title and reads the page's metadata (author, publication
 * date, site, address, language). Documents that are not HTML pass
 * untouched.
 *
 * The reader owns the charset (core/input_charset.c): every document
 * reaches this stage as UTF-8, so the parser is told so and a page's own
 * <meta charset> is not obeyed a second time.
 */
#include <stddef.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "html_internal.h"
#include "html_meta.h"

typedef struct html_state {
    bool main_content; /* mark the main-content blocks */
    char *comments;    /* "auto", "keep" or "drop" */
    bool metadata;     /* write author, published, site, url, lang */
} html_state;

static const sl_option html_options[] = {
    SL_OPTION_REMOVED(
        "charset", SL_OPT_STRING,
        "the reader decodes pages before any stage sees them; to force the "
        "charset of HTML files, set \"charset\" in the pipeline's \"input\" "
        "object (or --set input.charset=NAME)"),
    SL_OPTION_BOOL(
        html_state, main_content, "true", 0,
        "Find the page's main-content container by text and link density and "
        "mark its blocks for the boilerplate stage."),
    SL_OPTION_STRING(
        html_state, comments, "\"auto\"", 0,
        "Posts, comments and replies: \"auto\" keeps them as content on "
        "forum, comment-list and Q&A pages and leaves comment lists out of "
        "articles; \"keep\" always keeps them; \"drop\" always leaves them "
        "out.",
        "auto|keep|drop"),
    SL_OPTION_BOOL(
        html_state, metadata, "true", 0,
        "Write the page's author, published (ISO 8601), site, url (canonical) "
        "and lang into the document's metadata, from JSON-LD, meta tags, "
        "<time> and the byline and date written near the title."),
    {0},
};

static html_comments_mode comments_mode(const char *value)
{
    if (value && strcmp(value, "keep") == 0)
        return HTML_COMMENTS_KEEP;
    if (value && strcmp(value, "drop") == 0)
        return HTML_COMMENTS_DROP;
    return HTML_COMMENTS_AUTO;
}

static sl_status html_init(sl_ctx *ctx, void *state)
{
    (void)ctx;
    (void)state;
    xmlInitParser();
    return SL_OK;
}

static void ignore_error(void *user, const char *msg, ...)
{
    (void)user;
    (void)msg;
}

static void ignore_structured(void *user, xmlErrorPtr error)
{
    (void)user;
    (void)error;
}

static sl_status html_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const html_state *st = state;
    if (doc->content_type != SL_CONTENT_HTML)
        return SL_OK;
    sl_doc_clear_blocks(doc);
    if (doc->raw_len == 0)
        return SL_OK;
    if (doc->raw_len > (size_t)INT_MAX)
        return sl_fail(ctx, "HTML page of %zu bytes is too large to parse",
                       doc->raw_len);
    size_t len = 0;
    char *html = html_strip_raw_text(doc->raw, doc->raw_len, &len);
    if (!html)
        return sl_fail(ctx, "out of memory reading HTML");
    xmlSetGenericErrorFunc(NULL, ignore_error);
    xmlSetStructuredErrorFunc(NULL, ignore_structured);
    html_page page = {0};
    html_meta meta = {0};
    if (st->metadata)
        page.meta = &meta;
    int rc = html_walk(doc, html, len, "UTF-8", &page);
    free(html);
    /* the title first: the main-content finder measures from it */
    if (rc == 0)
        rc = html_choose_title(doc, &page);
    if (rc == 0)
        html_clear_title_header(doc, &page);
    if (rc == 0 && st->main_content)
        html_mark_main(doc, &page);
    if (rc == 0)
        rc = html_page_type(doc, &page, comments_mode(st->comments));
    if (rc == 0 && st->metadata) {
        html_meta_jsonld(&meta, doc->raw, doc->raw_len);
        rc = html_meta_finish(&meta, doc, page.title);
    }
    html_meta_release(&meta);
    html_page_release(&page);
    if (rc < 0)
        return sl_fail(ctx, "out of memory building blocks from HTML");
    sl_count(ctx, "pages", 1);
    sl_count(ctx, "blocks", doc->n_blocks);
    return SL_OK;
}

const sl_plugin html_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "html",
    .summary = "parse HTML pages into headed, featured blocks",
    .version = "0.1.0",
    .options = html_options,
    .state_size = sizeof(html_state),
    .init = html_init,
    .process = html_process,
};
