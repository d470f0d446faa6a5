/* core/report_html.c - the run report page (see report_html.h): what came
 * in and went out, each stage's work and removals, document lengths,
 * languages, page types, the sites that lose most, figures per kind,
 * time per stage, the slowest documents and what the run was.
 */
#include "report_html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_write.h"
#include "report_svg.h"
#include "run_census.h"

/* Bars in one chart at most; the rest are summed in a last bar. */
#define MAX_BARS 15

/* Sites with fewer documents are left out of the sites that lose most
 * (a single page dropped is 100% of its site), unless no site has as
 * many. */
#define SITE_MIN_DOCS 5

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;color:#1d2430;margin:0;"
    "background:#f5f6f8}"
    "main{max-width:980px;margin:0 auto;padding:24px}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;"
    "border-bottom:1px solid #d5d9e0;padding-bottom:4px}"
    "h3{font-size:15px;margin:16px 0 4px}"
    ".meta{color:#5b6472;margin:0 0 16px}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}"
    ".card{background:#fff;border:1px solid #d5d9e0;border-radius:6px;"
    "padding:10px 14px;min-width:120px}"
    ".card b{display:block;font-size:20px}.card span{color:#5b6472}"
    "table{border-collapse:collapse;background:#fff;width:100%}"
    "th,td{border:1px solid #d5d9e0;padding:4px 8px;text-align:right}"
    "td small{display:block;color:#5b6472;font-size:12px}"
    "th:first-child,td:first-child{text-align:left}"
    "th,td{white-space:nowrap}"
    "td.id,th.id{text-align:left;word-break:break-all;white-space:normal}"
    ".chart{display:block;background:#fff;border:1px solid #d5d9e0;"
    "border-radius:6px;margin:4px 0}"
    ".chart .label,.chart .value,.chart .tick{font:12px system-ui,"
    "sans-serif;fill:#1d2430}"
    ".chart .axis{stroke:#b8bec8}"
    ".bar{fill:#3b6fb6}.bars-removed .bar{fill:#c8553d}"
    ".bars-time .bar{fill:#6a4fb3}.bars-lang .bar{fill:#2a9d8f}"
    ".bars-types .bar{fill:#5a8f29}.bars-sites .bar{fill:#9c3d6e}"
    ".bars-figures .bar{fill:#e09f3e}"
    ".series-a{fill:#8a93a0}.series-b{fill:#3b6fb6}"
    ".bad{color:#b3261e;font-weight:bold}.none{color:#5b6472}"
    "pre{background:#fff;border:1px solid #d5d9e0;padding:8px;"
    "overflow:auto;font-size:12px}";

static uint64_t count_at(const json_t *o, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 ? (uint64_t)v : 0;
}

static void card(FILE *out, const char *value, const char *what)
{
    fputs("<div class=\"card\"><b>", out);
    sl_html_escape(out, value);
    fputs("</b><span>", out);
    sl_html_escape(out, what);
    fputs("</span></div>\n", out);
}

static void count_card(FILE *out, uint64_t n, const char *what)
{
    char text[40];
    sl_format_count(text, sizeof text, n);
    card(out, text, what);
}

static void bytes_card(FILE *out, double bytes, const char *what)
{
    char text[40];
    sl_format_bytes(text, sizeof text, bytes);
    card(out, text, what);
}

static void heading(FILE *out)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\">"
          "<title>sluice run report</title><style>",
          out);
    fputs(style, out);
    fputs("</style></head><body><main>\n<h1>sluice run report</h1>\n", out);
}

static void summary(FILE *out, const json_t *stats)
{
    const json_t *docs = json_object_get(stats, "documents");
    const json_t *bytes = json_object_get(stats, "bytes");
    double wall = json_number_value(json_object_get(stats, "wall_seconds"));
    uint64_t shards = count_at(stats, "shards_merged");
    fputs("<p class=\"meta\">", out);
    const char *started = json_string_value(json_object_get(stats, "started"));
    if (started && *started) {
        fputs("started ", out);
        sl_html_escape(out, started);
        fputs(" &middot; ", out);
    }
    if (shards > 1)
        fprintf(out, "%llu shards merged &middot; ",
                (unsigned long long)shards);
    fprintf(out, "%llu jobs &middot; sluice ",
            (unsigned long long)count_at(stats, "jobs"));
    sl_html_escape(out,
                   json_string_value(json_object_get(stats, "sluice_version")));
    if (!json_is_true(json_object_get(stats, "complete")))
        fputs(" &middot; <span class=\"bad\">the run did not complete</span>",
              out);
    fputs("</p>\n<div class=\"cards\">\n", out);
    count_card(out, count_at(docs, "in"), "documents in");
    count_card(out, count_at(docs, "kept"), "kept");
    count_card(out, count_at(docs, "dropped"), "dropped");
    count_card(out, count_at(docs, "failed"), "failed");
    count_card(out, count_at(docs, "quarantined"), "quarantined");
    bytes_card(out, (double)count_at(bytes, "in"), "read");
    bytes_card(out, (double)count_at(bytes, "out"), "written");
    char duration[48];
    sl_format_duration(duration, sizeof duration, wall);
    card(out, duration, shards > 1 ? "wall time (longest shard)" : "wall time");
    if (wall > 0) {
        char rate[48];
        sl_format_bytes(rate, sizeof rate,
                        (double)count_at(bytes, "in") / wall);
        strcat(rate, "/s");
        card(out, rate, "read per second");
    }
    fputs("</div>\n", out);
}

/* A table cell: a count of documents and, under it, their bytes. */
static void count_cell(FILE *out, uint64_t docs, const uint64_t *bytes)
{
    char text[40];
    sl_format_count(text, sizeof text, docs);
    fprintf(out, "<td>%s", text);
    if (bytes) {
        sl_format_bytes(text, sizeof text, (double)*bytes);
        fprintf(out, "<small>%s</small>", text);
    }
    fputs("</td>", out);
}

static uint64_t minus(uint64_t a, uint64_t b)
{
    return a > b ? a - b : 0;
}

/* One row of the stages table; NULL bytes leave the bytes out. */
typedef struct stage_row {
    const char *name;
    uint64_t in, kept, dropped, failed, quarantined;
    uint64_t bytes_in, bytes_kept, bytes_dropped, bytes_failed,
        bytes_quarantined;
    bool has_failed_bytes;
    double seconds;
} stage_row;

static void write_row(FILE *out, const stage_row *r)
{
    fputs("<tr><td>", out);
    sl_html_escape(out, r->name);
    fputs("</td>", out);
    count_cell(out, r->in, &r->bytes_in);
    count_cell(out, r->kept, &r->bytes_kept);
    count_cell(out, r->dropped, &r->bytes_dropped);
    count_cell(out, r->failed, r->has_failed_bytes ? &r->bytes_failed : NULL);
    count_cell(out, r->quarantined,
               r->has_failed_bytes ? &r->bytes_quarantined : NULL);
    fprintf(out, "<td>%.3f</td><td>", r->seconds);
    if (r->seconds > 0)
        fprintf(out, "%.1f", (double)r->bytes_in / 1e6 / r->seconds);
    fputs("</td></tr>\n", out);
}

/* Documents and bytes in, kept, dropped, failed and quarantined: at
 * reading (records that could not become documents), then per stage. */
static void stage_table(FILE *out, const json_t *stats)
{
    const json_t *stages = json_object_get(stats, "stages");
    const json_t *docs = json_object_get(stats, "documents");
    fputs("<h2>Stages</h2>\n<p class=\"meta\">Documents (and, under them, "
          "the bytes of their records as read) that reached each stage, "
          "went on, were dropped, failed, and were written to the "
          "quarantine file.</p>\n"
          "<table><tr><th>stage</th><th>in</th><th>kept</th>"
          "<th>dropped</th><th>failed</th><th>quarantined</th>"
          "<th>CPU seconds</th><th>MB per CPU second</th></tr>\n",
          out);
    uint64_t stage_quarantined = 0;
    size_t i;
    json_t *s;
    json_array_foreach(stages, i, s) stage_quarantined +=
        count_at(s, "quarantined");
    uint64_t read_failed = count_at(stats, "reader_failures");
    uint64_t read_bytes = count_at(json_object_get(stats, "bytes"), "in");
    stage_row reading = {
        .name = "(reading)",
        .in = count_at(docs, "in"),
        .kept = minus(count_at(docs, "in"), read_failed),
        .failed = read_failed,
        .quarantined = minus(count_at(docs, "quarantined"), stage_quarantined),
        .bytes_in = read_bytes,
        .bytes_kept = read_bytes,
        .seconds = json_number_value(json_object_get(stats, "reader_seconds"))};
    write_row(out, &reading);
    json_array_foreach(stages, i, s)
    {
        const json_t *bytes = json_object_get(s, "bytes");
        stage_row r = {.name = json_string_value(json_object_get(s, "name")),
                       .in = count_at(s, "documents"),
                       .dropped = count_at(s, "dropped"),
                       .failed = count_at(s, "failed"),
                       .quarantined = count_at(s, "quarantined"),
                       .bytes_in = count_at(bytes, "in"),
                       .bytes_dropped = count_at(bytes, "dropped"),
                       .bytes_failed = count_at(bytes, "failed"),
                       .bytes_quarantined = count_at(bytes, "quarantined"),
                       .has_failed_bytes = true,
                       .seconds =
                           json_number_value(json_object_get(s, "seconds"))};
        r.kept = minus(r.in, r.dropped + r.failed);
        r.bytes_kept = minus(r.bytes_in, r.bytes_dropped + r.bytes_failed);
        write_row(out, &r);
    }
    fputs("</table>\n", out);
}

static void time_chart(FILE *out, const json_t *stages)
{
    size_t n = json_array_size(stages);
    sl_bar *bars = calloc(n ? n : 1, sizeof *bars);
    char(*texts)[48] = calloc(n ? n : 1, sizeof *texts);
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += json_number_value(
            json_object_get(json_array_get(stages, i), "seconds"));
    for (size_t i = 0; bars && texts && i < n; i++) {
        const json_t *s = json_array_get(stages, i);
        bars[i].label = json_string_value(json_object_get(s, "name"));
        bars[i].value = json_number_value(json_object_get(s, "seconds"));
        snprintf(texts[i], sizeof texts[i], "%.3f s (%.0f%%)", bars[i].value,
                 total > 0 ? 100 * bars[i].value / total : 0);
        bars[i].text = texts[i];
    }
    fputs("<h2>Where the time went</h2>\n", out);
    if (bars && texts)
        sl_svg_bars(out, "CPU seconds per stage", bars, n, "bars-time");
    free(bars);
    free(texts);
}

/* A counter chosen for a chart: its name after the prefix and value. */
typedef struct named_count {
    const char *name;
    uint64_t value;
} named_count;

static int by_count_desc(const void *a, const void *b)
{
    const named_count *x = a, *y = b;
    if (x->value != y->value)
        return x->value < y->value ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* The counters of object starting with prefix, largest first; *n gets
 * their number. NULL when there are none (or no memory). */
static named_count *counters_with(const json_t *counters, const char *prefix,
                                  size_t *n)
{
    size_t len = strlen(prefix), cap = json_object_size(counters), k = 0;
    named_count *list = cap ? calloc(cap, sizeof *list) : NULL;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)counters, key, v)
    {
        if (!list || strncmp(key, prefix, len) != 0 || !key[len])
            continue;
        list[k].name = key + len;
        list[k].value =
            json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
        k++;
    }
    if (k == 0) {
        free(list);
        list = NULL;
    } else {
        qsort(list, k, sizeof *list, by_count_desc);
    }
    *n = k;
    return list;
}

/* A bar chart of counts, the MAX_BARS largest and the rest summed. */
static void count_chart(FILE *out, const char *title, const named_count *list,
                        size_t n, const char *css_class)
{
    size_t shown = n > MAX_BARS ? MAX_BARS : n;
    sl_bar bars[MAX_BARS + 1];
    uint64_t rest = 0;
    for (size_t i = 0; i < shown; i++)
        bars[i] = (sl_bar){list[i].name, (double)list[i].value, NULL};
    for (size_t i = shown; i < n; i++)
        rest += list[i].value;
    if (n > shown)
        bars[shown++] = (sl_bar){"(the rest)", (double)rest, NULL};
    sl_svg_bars(out, title, bars, shown, css_class);
}

static void removals(FILE *out, const json_t *stages)
{
    fputs("<h2>What each stage removed, and why</h2>\n", out);
    bool any = false;
    size_t i;
    json_t *s;
    json_array_foreach(stages, i, s)
    {
        const json_t *counters = json_object_get(s, "counters");
        const char *name = json_string_value(json_object_get(s, "name"));
        static const char *const prefixes[] = {"removed.", "dropped."};
        static const char *const what[] = {"blocks removed",
                                           "documents dropped"};
        for (size_t p = 0; p < 2; p++) {
            size_t n;
            named_count *list = counters_with(counters, prefixes[p], &n);
            if (!list)
                continue;
            any = true;
            fputs("<h3>", out);
            sl_html_escape(out, name);
            fprintf(out, ": %s, by reason</h3>\n", what[p]);
            count_chart(out, what[p], list, n, "bars-removed");
            free(list);
        }
    }
    if (!any)
        fputs("<p class=\"none\">no stage removed anything</p>\n", out);
}

static void figures(FILE *out, const json_t *stages)
{
    size_t i;
    json_t *s;
    json_array_foreach(stages, i, s)
    {
        size_t n;
        named_count *list =
            counters_with(json_object_get(s, "counters"), "figures.", &n);
        if (!list)
            continue;
        fputs("<h2>Figures found, by kind</h2>\n", out);
        count_chart(out, "figures per kind", list, n, "bars-figures");
        free(list);
        return;
    }
}

/* Bucket labels: "0", "1 B", "2 B", "4 B" ... "1 kB" ... (lower bounds). */
static void bucket_label(char *buf, size_t size, size_t k)
{
    if (k == 0) {
        snprintf(buf, size, "0");
        return;
    }
    uint64_t low = (uint64_t)1 << (k - 1);
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    size_t u = 0;
    while (low >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
        low /= 1024;
        u++;
    }
    snprintf(buf, size, "%llu %s", (unsigned long long)low, units[u]);
}

static void lengths(FILE *out, const json_t *census)
{
    const json_t *h = json_object_get(census, "length_histogram");
    uint64_t before[SL_CENSUS_BUCKETS] = {0}, after[SL_CENSUS_BUCKETS] = {0};
    size_t first = SL_CENSUS_BUCKETS, last = 0;
    for (size_t k = 0; k < SL_CENSUS_BUCKETS; k++) {
        json_int_t b =
            json_integer_value(json_array_get(json_object_get(h, "before"), k));
        json_int_t a =
            json_integer_value(json_array_get(json_object_get(h, "after"), k));
        before[k] = b > 0 ? (uint64_t)b : 0;
        after[k] = a > 0 ? (uint64_t)a : 0;
        if (before[k] || after[k]) {
            if (first == SL_CENSUS_BUCKETS)
                first = k;
            last = k;
        }
    }
    fputs("<h2>Document length before and after cleaning</h2>\n"
          "<p class=\"meta\">Bytes of text per document, in buckets that "
          "double: before is every block the stages saw, after the blocks "
          "kept in documents that were kept.</p>\n",
          out);
    if (first == SL_CENSUS_BUCKETS) {
        fputs("<p class=\"none\">nothing to show</p>\n", out);
        return;
    }
    size_t n = last - first + 1;
    char names[SL_CENSUS_BUCKETS][24];
    const char *labels[SL_CENSUS_BUCKETS];
    for (size_t k = 0; k < n; k++) {
        bucket_label(names[k], sizeof names[k], first + k);
        labels[k] = names[k];
    }
    sl_svg_histogram(out, "documents by length", labels, before + first,
                     after + first, n, "before cleaning", "after cleaning");
}

/* A chart of a census table (languages, page types): documents of each
 * name, and how many of them were kept. */
static void key_chart(FILE *out, const char *title, const json_t *table,
                      const char *css_class)
{
    size_t n = json_object_size(table), k = 0;
    fputs("<h2>", out);
    sl_html_escape(out, title);
    fputs("</h2>\n", out);
    if (n == 0) {
        fputs("<p class=\"none\">no stage recorded one</p>\n", out);
        return;
    }
    named_count *list = calloc(n, sizeof *list);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)table, key, v)
    {
        if (list)
            list[k++] = (named_count){key, count_at(v, "docs")};
    }
    if (!list)
        return;
    qsort(list, k, sizeof *list, by_count_desc);
    size_t shown = k > MAX_BARS ? MAX_BARS : k;
    sl_bar bars[MAX_BARS + 1];
    char texts[MAX_BARS + 1][80];
    uint64_t rest = 0, rest_kept = 0;
    for (size_t i = 0; i < k; i++) {
        uint64_t kept = count_at(json_object_get(table, list[i].name), "kept");
        if (i >= shown) {
            rest += list[i].value;
            rest_kept += kept;
            continue;
        }
        char docs[32], kept_text[32];
        sl_format_count(docs, sizeof docs, list[i].value);
        sl_format_count(kept_text, sizeof kept_text, kept);
        snprintf(texts[i], sizeof texts[i], "%s, %s kept", docs, kept_text);
        bars[i] = (sl_bar){list[i].name, (double)list[i].value, texts[i]};
    }
    if (k > shown) {
        char docs[32], kept_text[32];
        sl_format_count(docs, sizeof docs, rest);
        sl_format_count(kept_text, sizeof kept_text, rest_kept);
        snprintf(texts[shown], sizeof texts[shown], "%s, %s kept", docs,
                 kept_text);
        bars[shown] = (sl_bar){"(the rest)", (double)rest, texts[shown]};
        shown++;
    }
    sl_svg_bars(out, title, bars, shown, css_class);
    free(list);
}

typedef struct site_loss {
    const char *site;
    uint64_t docs, before, removed;
} site_loss;

/* Larger share removed first; for equal shares, more bytes removed. */
static int by_share_desc(const void *a, const void *b)
{
    const site_loss *x = a, *y = b;
    /* x->removed / x->before against y's, without rounding */
    unsigned __int128 xs = (unsigned __int128)x->removed * y->before;
    unsigned __int128 ys = (unsigned __int128)y->removed * x->before;
    if (xs != ys)
        return xs < ys ? 1 : -1;
    if (x->removed != y->removed)
        return x->removed < y->removed ? 1 : -1;
    return strcmp(x->site, y->site);
}

/* True for the census's names that are no site. */
static bool not_a_site(const char *name)
{
    return strcmp(name, "(no url)") == 0 || strcmp(name, "(other)") == 0;
}

static void sites(FILE *out, const json_t *table)
{
    fputs("<h2>Sites that lose the most to cleaning</h2>\n", out);
    size_t n = json_object_size(table), k = 0;
    site_loss *list = n ? calloc(n, sizeof *list) : NULL;
    uint64_t most_docs = 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)table, key, v)
    {
        uint64_t before = count_at(v, "bytes_before");
        if (!list || before == 0 || not_a_site(key))
            continue;
        uint64_t after = count_at(v, "bytes_after");
        list[k++] =
            (site_loss){key, count_at(v, "docs"), before, minus(before, after)};
        if (count_at(v, "docs") > most_docs)
            most_docs = count_at(v, "docs");
    }
    uint64_t min_docs = most_docs < SITE_MIN_DOCS ? 1 : SITE_MIN_DOCS;
    size_t kept = 0;
    for (size_t i = 0; i < k; i++)
        if (list[i].docs >= min_docs)
            list[kept++] = list[i];
    fprintf(out,
            "<p class=\"meta\">The share of each site's text removed "
            "(blocks removed and documents dropped), largest first, among "
            "the sites with at least %llu %s.",
            (unsigned long long)min_docs,
            min_docs == 1 ? "document" : "documents");
    uint64_t no_url = count_at(json_object_get(table, "(no url)"), "docs");
    if (no_url > 0) {
        char count[32];
        sl_format_count(count, sizeof count, no_url);
        fprintf(out, " %s %s had no URL.", count,
                no_url == 1 ? "document" : "documents");
    }
    fputs("</p>\n", out);
    if (kept == 0) {
        fputs("<p class=\"none\">no site to compare</p>\n", out);
        free(list);
        return;
    }
    qsort(list, kept, sizeof *list, by_share_desc);
    size_t shown = kept > MAX_BARS ? MAX_BARS : kept;
    sl_bar bars[MAX_BARS];
    char texts[MAX_BARS][128];
    for (size_t i = 0; i < shown; i++) {
        char before[32], docs[32];
        sl_format_bytes(before, sizeof before, (double)list[i].before);
        sl_format_count(docs, sizeof docs, list[i].docs);
        double share = (double)list[i].removed / (double)list[i].before;
        snprintf(texts[i], sizeof texts[i], "%.0f%% of %s, %s %s",
                 100.0 * share, before, docs,
                 list[i].docs == 1 ? "doc" : "docs");
        bars[i] = (sl_bar){list[i].site, share, texts[i]};
    }
    sl_svg_bars(out, "share of each site's text removed", bars, shown,
                "bars-sites");
    free(list);
}

static void slowest(FILE *out, const json_t *list)
{
    fputs("<h2>Slowest documents</h2>\n", out);
    if (json_array_size(list) == 0) {
        fputs("<p class=\"none\">no document went through the stages</p>\n",
              out);
        return;
    }
    fputs("<table><tr><th>document</th><th class=\"id\">input</th>"
          "<th>CPU ms</th><th>size</th></tr>\n",
          out);
    size_t i;
    json_t *d;
    json_array_foreach(list, i, d)
    {
        char size[32];
        sl_format_bytes(size, sizeof size, (double)count_at(d, "bytes"));
        fputs("<tr><td class=\"id\">", out);
        sl_html_escape(out, json_string_value(json_object_get(d, "id")));
        fputs("</td><td class=\"id\">", out);
        sl_html_escape(out, json_string_value(json_object_get(d, "source")));
        fprintf(out, "</td><td>%.1f</td><td>%s</td></tr>\n",
                1000 * json_number_value(json_object_get(d, "seconds")), size);
    }
    fputs("</table>\n", out);
}

static void the_run(FILE *out, const json_t *stats)
{
    fputs("<h2>The run</h2>\n<h3>Inputs</h3>\n<ul>\n", out);
    const json_t *inputs = json_object_get(stats, "inputs");
    size_t i, n = json_array_size(inputs);
    json_t *v;
    json_array_foreach(inputs, i, v)
    {
        if (i == 20) {
            fprintf(out, "<li>and %zu more</li>\n", n - 20);
            break;
        }
        fputs("<li>", out);
        sl_html_escape(out, json_string_value(v));
        fputs("</li>\n", out);
    }
    fputs("</ul>\n<h3>Pipeline", out);
    const char *file =
        json_string_value(json_object_get(stats, "pipeline_file"));
    if (file) {
        fputs(" (", out);
        sl_html_escape(out, file);
        fputs(")", out);
    }
    fputs("</h3>\n<p>", out);
    size_t k;
    json_t *stage;
    json_array_foreach(json_object_get(stats, "stages"), k, stage)
    {
        if (k > 0)
            fputs(" &rarr; ", out);
        sl_html_escape(out, json_string_value(json_object_get(stage, "name")));
    }
    fputs("</p>\n<details><summary>the effective pipeline, every option "
          "included</summary><pre>",
          out);
    char *text =
        json_dumps(json_object_get(stats, "pipeline"),
                   JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    sl_html_escape(out, text ? text : "(not recorded)");
    free(text);
    fputs("</pre></details>\n", out);
}

int sl_report_render(FILE *out, const json_t *stats)
{
    const json_t *stages = json_object_get(stats, "stages");
    const json_t *census = json_object_get(stats, "census");
    heading(out);
    summary(out, stats);
    stage_table(out, stats);
    removals(out, stages);
    lengths(out, census);
    key_chart(out, "Languages", json_object_get(census, "langs"), "bars-lang");
    key_chart(out, "Page types", json_object_get(census, "page_types"),
              "bars-types");
    sites(out, json_object_get(census, "sites"));
    figures(out, stages);
    time_chart(out, stages);
    slowest(out, json_object_get(census, "slowest"));
    the_run(out, stats);
    fputs("</main></body></html>\n", out);
    return ferror(out) ? -1 : 0;
}

int sl_report_write(const char *path, const json_t *stats, char **message)
{
    char *page = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&page, &len);
    if (!out) {
        *message = strdup("out of memory drawing the report");
        return -1;
    }
    int rc = sl_report_render(out, stats);
    if (fclose(out) != 0 || rc != 0) {
        free(page);
        *message = strdup("out of memory drawing the report");
        return -1;
    }
    rc = sl_atomic_write(path, page, len, message);
    free(page);
    return rc;
}
