/* tests/test_report.c - the run census (lengths, sites, languages,
 * slowest documents), merging stats of shards, and the HTML report drawn
 * from them.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "report_html.h"
#include "run_census.h"
#include "stats_merge.h"

static sl_doc *doc_with(const char *id, const char *text, const char *url,
                        const char *lang)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_id_copy(doc, id, strlen(id)), 0);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    if (url)
        json_object_set_new(doc->meta, "url", json_string(url));
    if (lang)
        json_object_set_new(doc->meta, "lang", json_string(lang));
    return doc;
}

Test(census, site_of_url)
{
    char site[64];
    cr_assert(sl_census_site_of("https://www.Example.COM:8080/a?b", site,
                                sizeof site));
    cr_assert_str_eq(site, "example.com");
    cr_assert(
        sl_census_site_of("http://user@news.qq.com./x", site, sizeof site));
    cr_assert_str_eq(site, "news.qq.com");
    cr_assert(sl_census_site_of("http://[::1]:80/", site, sizeof site));
    cr_assert_str_eq(site, "[::1]");
    cr_assert_not(sl_census_site_of("no-scheme.example/x", site, sizeof site));
    cr_assert_not(sl_census_site_of("file:///etc/passwd", site, sizeof site));
}

Test(census, counts_lengths_sites_and_removed_text)
{
    sl_census *c = sl_census_new();
    sl_doc *a =
        doc_with("a", "kept line\nremoved line", "https://a.com/1", "en");
    cr_assert_eq(a->n_blocks, 2);
    a->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    sl_doc *b = doc_with("b", "", "https://a.com/2", NULL);
    sl_doc *d = doc_with("d", "dropped entirely", NULL, "de");
    cr_assert_eq(sl_census_add(c, a, SL_CENSUS_KEPT, 0.5), 0);
    cr_assert_eq(sl_census_add(c, b, SL_CENSUS_KEPT, 0.1), 0);
    cr_assert_eq(sl_census_add(c, d, SL_CENSUS_DROPPED, 2.0), 0);
    json_t *j = sl_census_json(c);
    json_t *site = json_object_get(json_object_get(j, "sites"), "a.com");
    cr_assert_eq(json_integer_value(json_object_get(site, "docs")), 2);
    cr_assert_eq(json_integer_value(json_object_get(site, "bytes_before")),
                 strlen("kept line") + strlen("removed line"));
    cr_assert_eq(json_integer_value(json_object_get(site, "bytes_after")),
                 strlen("kept line"));
    json_t *nourl = json_object_get(json_object_get(j, "sites"), "(no url)");
    cr_assert_eq(json_integer_value(json_object_get(nourl, "kept")), 0);
    cr_assert_eq(json_integer_value(json_object_get(nourl, "bytes_after")), 0);
    json_t *de = json_object_get(json_object_get(j, "langs"), "de");
    cr_assert_eq(json_integer_value(json_object_get(de, "docs")), 1);
    /* before: 21 bytes -> bucket 5 (16..31), 0 bytes -> bucket 0,
     * 16 bytes -> bucket 5; after: 9 -> bucket 4, 0 -> bucket 0 */
    json_t *before =
        json_object_get(json_object_get(j, "length_histogram"), "before");
    json_t *after =
        json_object_get(json_object_get(j, "length_histogram"), "after");
    cr_assert_eq(json_integer_value(json_array_get(before, 0)), 1);
    cr_assert_eq(json_integer_value(json_array_get(before, 5)), 2);
    cr_assert_eq(json_array_size(before), 6);
    cr_assert_eq(json_integer_value(json_array_get(after, 4)), 1);
    cr_assert_eq(json_integer_value(json_array_get(after, 0)), 1);
    json_t *slow = json_object_get(j, "slowest");
    cr_assert_eq(json_array_size(slow), 3);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(slow, 0), "id")), "d");
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(slow, 2), "id")), "b");
    json_decref(j);
    sl_doc_free(a);
    sl_doc_free(b);
    sl_doc_free(d);
    sl_census_free(c);
}

Test(census, saved_and_added_back_counts_twice)
{
    sl_census *c = sl_census_new();
    for (int i = 0; i < 30; i++) {
        char id[16];
        snprintf(id, sizeof id, "doc%d", i);
        sl_doc *doc = doc_with(id, "some text", "http://s.org/", "zh");
        cr_assert_eq(sl_census_add(c, doc, SL_CENSUS_KEPT, i * 0.01), 0);
        sl_doc_free(doc);
    }
    json_t *once = sl_census_json(c);
    char *message = NULL;
    cr_assert_eq(sl_census_add_json(c, once, &message), 0);
    json_t *twice = sl_census_json(c);
    json_t *s1 = json_object_get(json_object_get(once, "sites"), "s.org");
    json_t *s2 = json_object_get(json_object_get(twice, "sites"), "s.org");
    cr_assert_eq(json_integer_value(json_object_get(s2, "docs")),
                 2 * json_integer_value(json_object_get(s1, "docs")));
    json_t *slow = json_object_get(twice, "slowest");
    cr_assert_eq(json_array_size(slow), SL_CENSUS_SLOWEST);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_array_get(slow, 0), "id")),
        "doc29");
    json_t *junk = json_string("no");
    cr_assert_neq(sl_census_add_json(c, junk, &message), 0);
    json_decref(junk);
    cr_assert_not_null(message);
    free(message);
    json_decref(once);
    json_decref(twice);
    sl_census_free(c);
}

Test(census, names_past_the_limit_count_as_other)
{
    sl_census *c = sl_census_new();
    for (int i = 0; i < SL_CENSUS_MAX_KEYS + 10; i++) {
        char url[64];
        snprintf(url, sizeof url, "http://site%d.example/", i);
        sl_doc *doc = doc_with("x", "t", url, NULL);
        cr_assert_eq(sl_census_add(c, doc, SL_CENSUS_KEPT, 0), 0);
        sl_doc_free(doc);
    }
    json_t *j = sl_census_json(c);
    json_t *sites = json_object_get(j, "sites");
    cr_assert_eq(json_object_size(sites), SL_CENSUS_MAX_KEYS + 1);
    cr_assert_eq(json_integer_value(json_object_get(
                     json_object_get(sites, "(other)"), "docs")),
                 10);
    json_decref(j);
    sl_census_free(c);
}

static json_t *stats_of(const char *stage, int docs, int removed,
                        const char *site)
{
    json_t *census = json_pack(
        "{s{s[iii] s[ii]} s{s{sisisisi}} s{} s{} s[]}", "length_histogram",
        "before", 0, 1, docs - 1, "after", 1, docs - 1, "sites", site, "docs",
        docs, "kept", docs, "bytes_before", 100 * docs, "bytes_after",
        60 * docs, "langs", "page_types", "slowest");
    return json_pack(
        "{s{sisisisi} s{sisi} s[{sssfsisisis{sisisi}s{sisi}}] "
        "sf si sb so s{ss} s[s] ss}",
        "documents", "in", docs, "kept", docs, "dropped", 0, "failed", 0,
        "bytes", "in", 1000, "out", 900, "stages", "name", stage, "seconds",
        0.25, "documents", docs, "dropped", 0, "failed", 0, "bytes", "in", 1000,
        "dropped", 0, "failed", 0, "counters", "removed", removed,
        "removed.nav", removed, "wall_seconds", 2.0, "jobs", 2, "complete", 1,
        "census", census, "pipeline", "on_error", "quarantine", "inputs", site,
        "started", "2026-01-01T00:00:00Z");
}

Test(merge, shards_add_up_exactly)
{
    json_t *s[2] = {stats_of("boilerplate", 3, 7, "a.com"),
                    stats_of("boilerplate", 5, 2, "a.com")};
    /* one shard's details (a stage's lists) are not the run's */
    json_object_set_new(json_array_get(json_object_get(s[0], "stages"), 0),
                        "details", json_pack("{s[s]}", "largest", "doc-1"));
    const char *names[2] = {"s0.json", "s1.json"};
    char *message = NULL;
    json_t *m = sl_stats_merge((const json_t *const *)s, names, 2, &message);
    cr_assert_not_null(m, "%s", message ? message : "");
    cr_assert_null(json_object_get(
        json_array_get(json_object_get(m, "stages"), 0), "details"));
    cr_assert_eq(json_integer_value(
                     json_object_get(json_object_get(m, "documents"), "in")),
                 8);
    json_t *stage = json_array_get(json_object_get(m, "stages"), 0);
    cr_assert_eq(json_integer_value(json_object_get(stage, "documents")), 8);
    cr_assert_float_eq(json_number_value(json_object_get(stage, "seconds")),
                       0.5, 1e-12);
    cr_assert_eq(json_integer_value(json_object_get(
                     json_object_get(stage, "counters"), "removed.nav")),
                 9);
    cr_assert_eq(json_integer_value(
                     json_object_get(json_object_get(stage, "bytes"), "in")),
                 2000);
    json_t *site = json_object_get(
        json_object_get(json_object_get(m, "census"), "sites"), "a.com");
    cr_assert_eq(json_integer_value(json_object_get(site, "bytes_before")),
                 800);
    json_t *before = json_object_get(
        json_object_get(json_object_get(m, "census"), "length_histogram"),
        "before");
    cr_assert_eq(json_integer_value(json_array_get(before, 2)), 2 + 4);
    cr_assert_eq(json_integer_value(json_object_get(m, "shards_merged")), 2);
    cr_assert_float_eq(json_number_value(json_object_get(m, "wall_seconds")),
                       2.0, 1e-12);
    cr_assert_eq(json_array_size(json_object_get(m, "inputs")), 2);
    cr_assert_null(json_object_get(m, "reader_seconds"),
                   "no reader time when no shard says one");
    json_decref(m);
    json_object_set_new(s[0], "reader_seconds", json_real(0.5));
    json_object_set_new(s[1], "reader_seconds", json_real(0.25));
    json_object_set_new(s[0], "ordered_seconds", json_real(0.125));
    json_object_set_new(s[1], "ordered_seconds", json_real(0.5));
    m = sl_stats_merge((const json_t *const *)s, names, 2, &message);
    cr_assert_not_null(m, "%s", message ? message : "");
    cr_assert_float_eq(json_number_value(json_object_get(m, "reader_seconds")),
                       0.75, 1e-12, "the readers' CPU seconds add up");
    cr_assert_float_eq(json_number_value(json_object_get(m, "ordered_seconds")),
                       0.625, 1e-12, "the ordered threads' CPU seconds add up");
    json_decref(m);
    json_decref(s[0]);
    json_decref(s[1]);
}

Test(merge, refuses_another_pipeline)
{
    json_t *s[2] = {stats_of("boilerplate", 3, 7, "a.com"),
                    stats_of("figures", 5, 2, "a.com")};
    const char *names[2] = {"s0.json", "s1.json"};
    char *message = NULL;
    cr_assert_null(
        sl_stats_merge((const json_t *const *)s, names, 2, &message));
    cr_assert_not_null(strstr(message, "s1.json"), "%s", message);
    cr_assert_not_null(strstr(message, "figures"), "%s", message);
    free(message);
    message = NULL;
    json_t *junk = json_pack("{si}", "documents", 1);
    json_t *t[1] = {junk};
    cr_assert_null(
        sl_stats_merge((const json_t *const *)t, names, 1, &message));
    cr_assert_not_null(strstr(message, "not a sluice --stats file"));
    free(message);
    json_decref(junk);
    json_decref(s[0]);
    json_decref(s[1]);
}

static char *render(const json_t *stats)
{
    char *page = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&page, &len);
    cr_assert_not_null(out);
    cr_assert_eq(sl_report_render(out, stats), 0);
    fclose(out);
    return page;
}

Test(report, draws_each_part_and_escapes_names)
{
    json_t *s = stats_of("boilerplate", 4, 11, "<script>x</script>.com");
    char *page = render(s);
    cr_assert_not_null(strstr(page, "<!DOCTYPE html>"));
    cr_assert_null(strstr(page, "<script"), "a site name became markup");
    cr_assert_not_null(strstr(page, "&lt;script&gt;"));
    cr_assert_null(strstr(page, "http://"), "the page links to something");
    cr_assert_null(strstr(page, "https://"), "the page links to something");
    /* the removal reason chart, with its count */
    cr_assert_not_null(strstr(page, "boilerplate: blocks removed, by reason"));
    cr_assert_not_null(strstr(page, ">nav</text>"));
    cr_assert_not_null(strstr(page, ">11</text>"));
    /* the length histogram: a bar per series per bucket */
    cr_assert_not_null(strstr(page, "class=\"chart histogram\""));
    cr_assert_not_null(strstr(page, "class=\"bar series-b\""));
    cr_assert_null(strstr(page, "nan"));
    cr_assert_null(strstr(page, "inf\""));
    free(page);
    json_decref(s);
}

Test(report, says_when_the_run_did_not_complete)
{
    json_t *s = stats_of("html", 1, 0, "a.com");
    json_object_set_new(s, "complete", json_false());
    char *page = render(s);
    cr_assert_not_null(strstr(page, "the run did not complete"));
    free(page);
    json_decref(s);
}

/* The stages table: a row for reading, then per stage the documents and
 * bytes in, kept, dropped, failed and quarantined. */
Test(report, stages_table_has_every_outcome_with_bytes)
{
    json_t *s = stats_of("quality", 10, 0, "a.com");
    json_t *docs = json_object_get(s, "documents");
    json_object_set_new(docs, "in", json_integer(12));
    json_object_set_new(docs, "failed", json_integer(3));
    json_object_set_new(docs, "quarantined", json_integer(3));
    json_object_set_new(s, "reader_failures", json_integer(2));
    json_t *stage = json_array_get(json_object_get(s, "stages"), 0);
    json_object_set_new(stage, "dropped", json_integer(4));
    json_object_set_new(stage, "failed", json_integer(1));
    json_object_set_new(stage, "quarantined", json_integer(1));
    json_object_set_new(json_object_get(stage, "bytes"), "dropped",
                        json_integer(400));
    json_object_set_new(json_object_get(stage, "bytes"), "failed",
                        json_integer(100));
    json_object_set_new(json_object_get(stage, "bytes"), "quarantined",
                        json_integer(100));
    char *page = render(s);
    cr_assert_not_null(strstr(page, "<th>quarantined</th>"), "%s", page);
    /* reading: 12 in, 10 kept, 2 failed, 2 quarantined (3 - 1 in stages) */
    cr_assert_not_null(strstr(page, "<tr><td>(reading)</td><td>12<small>1.00 "
                                    "kB</small></td><td>10<small>"),
                       "%s", page);
    cr_assert_not_null(strstr(page, "<td>2</td><td>2</td>"), "%s", page);
    /* quality: 10 in, 5 kept (500 B), 4 dropped (400 B), 1 failed and
     * quarantined (100 B) */
    cr_assert_not_null(strstr(page, "<tr><td>quality</td><td>10<small>1.00 "
                                    "kB</small></td><td>5<small>500 B</small>"
                                    "</td><td>4<small>400 B</small></td><td>1"
                                    "<small>100 B</small></td><td>1<small>"
                                    "100 B</small></td>"),
                       "%s", page);
    cr_assert_not_null(strstr(page, "<b>3</b><span>quarantined</span>"));
    cr_assert_not_null(strstr(page, "<h3>Pipeline</h3>\n<p>quality</p>"),
                       "the stages in order");
    free(page);
    json_decref(s);
}

/* Sites are ranked by the share of their text removed, among those with
 * 5 documents or more when there are any; no URL is not a site. */
Test(report, sites_ranked_by_share_removed)
{
    json_t *s = stats_of("boilerplate", 4, 1, "a.com");
    json_t *sites = json_object_get(json_object_get(s, "census"), "sites");
    json_object_set_new(sites, "most-bytes.com",
                        json_pack("{sisisisi}", "docs", 50, "kept", 50,
                                  "bytes_before", 100000, "bytes_after",
                                  60000));
    json_object_set_new(sites, "largest-share.com",
                        json_pack("{sisisisi}", "docs", 6, "kept", 1,
                                  "bytes_before", 1000, "bytes_after", 100));
    json_object_set_new(sites, "one-page.com",
                        json_pack("{sisisisi}", "docs", 1, "kept", 0,
                                  "bytes_before", 5000, "bytes_after", 0));
    json_object_set_new(sites, "(no url)",
                        json_pack("{sisisisi}", "docs", 70, "kept", 0,
                                  "bytes_before", 900000, "bytes_after", 0));
    char *page = render(s);
    const char *largest = strstr(page, ">largest-share.com</text>");
    const char *most = strstr(page, ">most-bytes.com</text>");
    cr_assert_not_null(largest, "%s", page);
    cr_assert_not_null(most, "%s", page);
    cr_assert(largest < most, "the larger share comes first");
    cr_assert_not_null(strstr(page, "90% of 1.00 kB, 6 docs"), "%s", page);
    cr_assert_null(strstr(page, ">one-page.com</text>"),
                   "a site of one page is left out");
    cr_assert_null(strstr(page, ">(no url)</text>"));
    cr_assert_not_null(strstr(page, "70 documents had no URL"));
    free(page);
    json_decref(s);
}
