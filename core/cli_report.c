/* core/cli_report.c - `sluice report`: merges --stats files (one run's,
 * or every shard's) and writes the HTML report and, when asked, the
 * merged stats as JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "engine_stats.h"
#include "path_identity.h"
#include "report_html.h"
#include "stats_merge.h"

static const char report_usage[] =
    "usage: sluice report [-o HTML] [--json FILE] STATS...\n"
    "  -o, --output FILE  the HTML page (default: report.html)\n"
    "      --json FILE    also write the merged statistics as JSON\n"
    "STATS are files written by `sluice run --stats`: one run's, or one per\n"
    "shard of a run; their counts are added up.\n";

/* Refuses an output that is one of the stats files read, or the other
 * output. Returns 0 or -1 after saying why. */
static int check_outputs(const char *html, const char *json,
                         char *const *inputs, int n)
{
    const char *outs[2] = {html, json};
    int rc = 0;
    for (int o = 0; o < 2 && rc == 0; o++) {
        if (!outs[o])
            continue;
        sl_path_identity out;
        if (sl_path_identity_of(outs[o], &out) != 0)
            return -1;
        for (int i = 0; i < n && rc == 0; i++) {
            sl_path_identity in;
            if (sl_path_identity_of(inputs[i], &in) != 0)
                continue;
            if (sl_path_identity_same(&out, &in)) {
                fprintf(stderr,
                        "sluice: report: '%s' is also a stats file to read; "
                        "choose another output\n",
                        outs[o]);
                rc = -1;
            }
            sl_path_identity_clear(&in);
        }
        if (rc == 0 && o == 0 && json) {
            sl_path_identity other;
            if (sl_path_identity_of(json, &other) == 0) {
                if (sl_path_identity_same(&out, &other)) {
                    fprintf(stderr, "sluice: report: -o and --json name the "
                                    "same file\n");
                    rc = -1;
                }
                sl_path_identity_clear(&other);
            }
        }
        sl_path_identity_clear(&out);
    }
    return rc;
}

static json_t **load_all(char *const *paths, int n)
{
    json_t **stats = calloc((size_t)n, sizeof *stats);
    for (int i = 0; stats && i < n; i++) {
        json_error_t err;
        stats[i] = json_load_file(paths[i], 0, &err);
        if (!stats[i]) {
            fprintf(stderr, "sluice: report: %s:%d:%d: %s\n", paths[i],
                    err.line, err.column, err.text);
            for (int k = 0; k < i; k++)
                json_decref(stats[k]);
            free(stats);
            return NULL;
        }
    }
    return stats;
}

int cli_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"json", required_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *html = "report.html", *json = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': html = optarg; break;
        case 'J': json = optarg; break;
        case 'h': fputs(report_usage, stdout); return SL_EXIT_OK;
        default: fputs(report_usage, stderr); return SL_EXIT_USAGE;
        }
    }
    int n = argc - optind;
    char *const *paths = argv + optind;
    if (n < 1) {
        fputs("sluice: report: no stats file given\n", stderr);
        fputs(report_usage, stderr);
        return SL_EXIT_USAGE;
    }
    if (check_outputs(html, json, paths, n) != 0)
        return SL_EXIT_FATAL;
    json_t **stats = load_all(paths, n);
    if (!stats)
        return SL_EXIT_FATAL;
    char *message = NULL;
    json_t *merged =
        sl_stats_merge((const json_t *const *)stats, (const char *const *)paths,
                       (size_t)n, &message);
    int rc = SL_EXIT_OK;
    if (!merged || (json && sl_stats_write(json, merged, &message) != 0) ||
        sl_report_write(html, merged, &message) != 0) {
        fprintf(stderr, "sluice: report: %s\n",
                message ? message : "out of memory");
        rc = SL_EXIT_FATAL;
    }
    free(message);
    json_decref(merged);
    for (int i = 0; i < n; i++)
        json_decref(stats[i]);
    free(stats);
    return rc;
}
