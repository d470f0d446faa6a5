/* tests/test_warc.c - the WARC reader's edge cases that the generated
 * files of tests/engine/warc.sh do not reach: HTTP heads and bodies
 * (quoted charsets, folded headers, chunks that are not chunks, codings
 * that cannot be undone), WARC 1.0 files with bare LF line ends, an
 * overlong record of a skipped type, and finding the next record after
 * a bad one. Inputs are written into a fresh temporary folder.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf */
#endif
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docs.h"
#include "input_http.h"
#include "reader.h"
#include "scratch.h"

static void make_tmp(void)
{
    scratch_make("warc");
}

TestSuite(warc, .init = make_tmp, .fini = scratch_remove);

/* "WARC/1.0" record with LF or CRLF line ends (eol) around block. */
static char *record(const char *eol, const char *type, const char *id,
                    const char *block)
{
    char *out = NULL;
    int n = asprintf(&out,
                     "WARC/1.0%sWARC-Type: %s%sWARC-Record-ID: %s%s"
                     "Content-Length: %zu%s%s%s%s%s",
                     eol, type, eol, id, eol, strlen(block), eol, eol, block,
                     eol, eol);
    cr_assert_gt(n, 0);
    return out;
}

/* Reads every document and failure of path into the results. */
typedef struct results {
    char ids[512];
    char failures[2048];
    char first_text[512];
    json_t *stats;
} results;

static void read_all(const char *path, uint64_t max, results *res)
{
    memset(res, 0, sizeof *res);
    sl_input_config cfg = {.format = "auto", .max_doc_bytes = max};
    sl_read_error err = {0};
    const char *paths[] = {path};
    sl_reader *r = sl_reader_open(&cfg, paths, 1, &err);
    cr_assert_not_null(r);
    for (;;) {
        sl_doc *doc = NULL;
        sl_read_result got = sl_reader_next(r, &doc, &err);
        if (got == SL_READ_END)
            break;
        cr_assert_neq(got, SL_READ_FATAL, "%s", err.message);
        if (got == SL_READ_BAD_DOC) {
            strncat(res->failures, err.message,
                    sizeof res->failures - strlen(res->failures) - 2);
            strcat(res->failures, "\n");
            sl_read_error_clear(&err);
            continue;
        }
        strncat(res->ids, doc->id, sizeof res->ids - strlen(res->ids) - 2);
        strcat(res->ids, " ");
        if (!res->first_text[0])
            snprintf(res->first_text, sizeof res->first_text, "%.*s",
                     (int)doc->raw_len, doc->raw);
        sl_doc_free(doc);
    }
    res->stats = sl_reader_stats_json(r);
    sl_reader_close(r);
}

static json_int_t skipped(const results *res, const char *why)
{
    return json_integer_value(
        json_object_get(json_object_get(res->stats, "warc_skipped"), why));
}

Test(warc, content_type_parameters)
{
    char mime[96], charset[64];
    const char *v = "Text/HTML ; foo=bar; Charset = \"GBK\"";
    sl_http_content_type(v, strlen(v), mime, sizeof mime, charset,
                         sizeof charset);
    cr_assert_str_eq(mime, "text/html");
    cr_assert_str_eq(charset, "gbk");
    v = "text/plain";
    sl_http_content_type(v, strlen(v), mime, sizeof mime, charset,
                         sizeof charset);
    cr_assert_str_eq(charset, "");
    cr_assert(sl_http_mime_is_text("text/markdown"));
    cr_assert(!sl_http_mime_is_text("text/css"));
    cr_assert(!sl_http_mime_is_text("image/png"));
    cr_assert(sl_http_mime_is_html("application/xhtml+xml"));
}

Test(warc, http_head_folded_and_bare_lf)
{
    const char *msg = "HTTP/1.0 203 Non-Authoritative\n"
                      "X-Long: first part\n"
                      "  continued\n"
                      "content-type:text/html;charset=big5\n"
                      "\n"
                      "body";
    sl_http_head head;
    char why[128];
    cr_assert_eq(sl_http_parse_head(msg, strlen(msg), &head, why, sizeof why),
                 0);
    cr_assert_eq(head.status, 203);
    cr_assert_str_eq(head.mime, "text/html");
    cr_assert_str_eq(head.charset, "big5");
    cr_assert_str_eq(msg + head.body_at, "body");
    cr_assert_eq(sl_http_parse_head("HTTP/1.1 2OO OK\r\n\r\n", 19, &head, why,
                                    sizeof why),
                 -1);
    cr_assert(strstr(why, "status line"), "%s", why);
}

Test(warc, body_that_is_not_chunks_is_kept)
{
    const char *msg = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "<p>not chunked at all</p>";
    sl_http_head head;
    char why[128];
    cr_assert_eq(sl_http_parse_head(msg, strlen(msg), &head, why, sizeof why),
                 0);
    cr_assert(head.chunked);
    const char *body;
    size_t len;
    char *owned;
    cr_assert_eq(sl_http_body(msg, strlen(msg), &head, 0, &body, &len, &owned,
                              why, sizeof why),
                 0);
    cr_assert_eq(len, strlen("<p>not chunked at all</p>"));
    cr_assert_eq(memcmp(body, "<p>not chunked at all</p>", len), 0);
    free(owned);
}

Test(warc, unknown_content_coding_fails_the_record)
{
    char *a = record("\r\n", "response", "<urn:a>",
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                     "Content-Encoding: br\r\n\r\n\x1b\x02");
    char *b = record("\r\n", "response", "<urn:b>",
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>b");
    char *both = NULL;
    cr_assert_gt(asprintf(&both, "%s%s", a, b), 0);
    results res;
    read_all(scratch_write_text("br.warc", both), 0, &res);
    cr_assert_str_eq(res.ids, "<urn:b> ");
    cr_assert(strstr(res.failures, "WARC record at byte offset 0: "
                                   "Content-Encoding \"br\" is not supported"),
              "%s", res.failures);
    json_decref(res.stats);
    free(a);
    free(b);
    free(both);
}

Test(warc, bare_lf_records_of_warc_1_0)
{
    char *a = record("\n", "resource", "<urn:lf1>", "first text");
    char *b = record("\n", "conversion", "<urn:lf2>", "second text");
    char *both = NULL;
    cr_assert_gt(asprintf(&both, "%s%s", a, b), 0);
    results res;
    read_all(scratch_write_text("lf.warc", both), 0, &res);
    cr_assert_str_eq(res.ids, "<urn:lf1> <urn:lf2> ");
    cr_assert_str_eq(res.first_text, "first text");
    cr_assert_str_eq(res.failures, "");
    json_decref(res.stats);
    free(a);
    free(b);
    free(both);
}

Test(warc, overlong_skipped_record_is_only_counted)
{
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char *a = record("\r\n", "metadata", "<urn:m>", big);
    char *b = record("\r\n", "resource", "<urn:long>", big);
    char *c = record("\r\n", "resource", "<urn:short>", "short");
    char *all = NULL;
    cr_assert_gt(asprintf(&all, "%s%s%s", a, b, c), 0);
    results res;
    read_all(scratch_write_text("long.warc", all), 100, &res);
    cr_assert_str_eq(res.ids, "<urn:short> ");
    cr_assert_eq(skipped(&res, "metadata"), 1);
    cr_assert(strstr(res.failures, "more than max_doc_bytes"), "%s",
              res.failures);
    cr_assert_eq(strchr(res.failures, '\n'), strrchr(res.failures, '\n'),
                 "one failure: %s", res.failures);
    json_decref(res.stats);
    free(a);
    free(b);
    free(c);
    free(all);
}

Test(warc, next_record_found_at_a_line_start_only)
{
    /* the bad record's block holds "WARC/1.0" inside a line: not a
     * record; the next one starts after the garbage */
    char *good = record("\r\n", "resource", "<urn:after>", "after");
    char *text = NULL;
    cr_assert_gt(asprintf(&text,
                          "WARC/1.0\r\nWARC-Type: resource\r\n\r\n"
                          "junk WARC/1.0 junk\r\n%s",
                          good),
                 0);
    results res;
    read_all(scratch_write_text("resync.warc", text), 0, &res);
    cr_assert_str_eq(res.ids, "<urn:after> ");
    cr_assert(strstr(res.failures, "no Content-Length"), "%s", res.failures);
    json_decref(res.stats);
    free(good);
    free(text);
}
