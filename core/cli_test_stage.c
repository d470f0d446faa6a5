/* core/cli_test_stage.c - `sluice test-stage`: a plugin author's harness.
 * Runs one stage (after optional earlier stages) over a JSONL file with
 * --check-docs, one thread, and the JSONL exporter, then compares the
 * result with an expected JSONL file, one JSON line per document in output
 * order (the engine tells each document's fate, emitted ones included):
 * a kept document is the exporter's record, a dropped one
 * {"id", "dropped": {"stage", "reason", "detail"}}, a failed one {"id",
 * "failed": {"stage", "reason"}}. Lines are compared as JSON values (key
 * order does not matter). --update writes the expected file instead.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "engine.h"
#include "messages.h"
#include "pipeline.h"

static const char test_usage[] =
    "usage: sluice test-stage STAGE [OPTIONS] INPUT.jsonl EXPECTED.jsonl\n"
    "  --with JSON          the stage's options as a JSON object\n"
    "  --set OPTION=VALUE   one option of the stage (repeatable)\n"
    "  --before STAGE       a stage to run first, e.g. html (repeatable)\n"
    "  --update             write EXPECTED.jsonl from this run instead\n"
    "Exit status: 0 when every line matches, 1 when some differ, 2 when the\n"
    "stage could not run.\n";

enum { MAX_REPORTED = 10, MAX_SHOWN = 160 };

typedef struct test_args {
    const char *stage;
    const char *with;
    const char **sets;
    size_t n_sets;
    const char **before;
    size_t n_before;
    bool update;
    const char *input;
    const char *expected;
} test_args;

static int parse_test_args(int argc, char **argv, test_args *a)
{
    static const struct option longopts[] = {
        {"with", required_argument, NULL, 'w'},
        {"set", required_argument, NULL, 's'},
        {"before", required_argument, NULL, 'b'},
        {"update", no_argument, NULL, 'u'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    a->before = calloc((size_t)argc + 1, sizeof *a->before);
    if (!a->sets || !a->before)
        return -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'w': a->with = optarg; break;
        case 's': a->sets[a->n_sets++] = optarg; break;
        case 'b': a->before[a->n_before++] = optarg; break;
        case 'u': a->update = true; break;
        case 'h': fputs(test_usage, stdout); return 1;
        default: fputs(test_usage, stderr); return -1;
        }
    }
    if (argc - optind != 3) {
        fputs(test_usage, stderr);
        return -1;
    }
    a->stage = argv[optind];
    a->input = argv[optind + 1];
    a->expected = argv[optind + 2];
    return 0;
}

/* The pipeline: the earlier stages, the stage, the JSONL exporter writing
 * to out. NULL with *message. */
static sl_pipeline_file *test_pipeline(const test_args *a, const char *out,
                                       char **message)
{
    json_error_t err;
    json_t *with =
        a->with ? json_loads(a->with, JSON_DECODE_ANY, &err) : json_object();
    if (!json_is_object(with)) {
        json_decref(with);
        *message = sl_text_printf("--with: expects a JSON object of options, "
                                  "such as '{\"min_chars\": 10}'");
        return NULL;
    }
    json_t *stages = json_array();
    for (size_t i = 0; i < a->n_before; i++)
        json_array_append_new(stages, json_pack("{ss}", "use", a->before[i]));
    json_array_append_new(stages,
                          json_pack("{ss so}", "use", a->stage, "with", with));
    json_array_append_new(
        stages, json_pack("{ss s{ss}}", "use", "export", "with", "path", out));
    json_t *root = json_pack("{si so}", "sluice", 1, "stages", stages);
    char *text = root ? json_dumps(root, JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!text) {
        *message = strdup("out of memory");
        return NULL;
    }
    sl_pipeline_file *file = sl_pipeline_file_parse(
        "<test-stage pipeline>", text, strlen(text), message);
    free(text);
    for (size_t i = 0; file && i < a->n_sets; i++) {
        char *assignment = sl_text_printf("%s.%s", a->stage, a->sets[i]);
        int rc =
            assignment ? sl_pipeline_file_set(file, assignment, message) : -1;
        free(assignment);
        if (rc < 0) {
            sl_pipeline_file_free(file);
            return NULL;
        }
    }
    return file;
}

/* Every line of a JSONL file as a JSON value, appended to lines. Returns 0,
 * or -1 with *message naming the file and line. A missing file is empty
 * when missing_ok. */
static int read_lines(const char *path, bool missing_ok, json_t *lines,
                      char **message)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (missing_ok && errno == ENOENT)
            return 0;
        *message = sl_text_printf("%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long number = 0;
    int rc = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        number++;
        if (len == 0 || (len == 1 && line[0] == '\n'))
            continue;
        json_error_t err;
        json_t *value = json_loadb(line, (size_t)len, JSON_DECODE_ANY, &err);
        if (!value) {
            *message =
                sl_text_printf("%s:%lu: not JSON: %s", path, number, err.text);
            rc = -1;
            break;
        }
        json_array_append_new(lines, value);
    }
    free(line);
    fclose(f);
    return rc;
}

/* Collects one line per document in output order: the engine's fate
 * callback. A kept document's line is null until the exporter's records
 * replace it. */
static void note_fate(sl_doc_fate fate, const char *id, const char *stage,
                      const char *reason, const json_t *detail, void *user)
{
    json_t *lines = user;
    if (fate == SL_FATE_KEPT) {
        json_array_append_new(lines, json_null());
        return;
    }
    json_t *why = json_pack("{ss ss}", "stage", stage ? stage : "reader",
                            "reason", reason ? reason : "");
    if (why && detail)
        json_object_set(why, "detail", (json_t *)detail);
    json_array_append_new(
        lines, json_pack("{ss* so}", "id", id,
                         fate == SL_FATE_DROPPED ? "dropped" : "failed", why));
}

/* Puts the exporter's records, in order, in place of the kept documents'
 * nulls. Returns 0, or -1 with *message. */
static int fill_kept(json_t *lines, const char *out, char **message)
{
    json_t *kept = json_array();
    if (!kept || read_lines(out, true, kept, message) < 0) {
        json_decref(kept);
        return -1;
    }
    size_t next = 0, i;
    json_t *line;
    json_array_foreach(lines, i, line)
    {
        if (json_is_null(line) && next < json_array_size(kept))
            json_array_set(lines, i, json_array_get(kept, next++));
    }
    size_t n = json_array_size(kept);
    json_decref(kept);
    if (next != n) {
        *message = sl_text_printf("%s: the exporter wrote %zu records for %zu "
                                  "kept documents",
                                  out, n, next);
        return -1;
    }
    return 0;
}

static char *shown(const json_t *value)
{
    if (!value)
        return strdup("(absent)");
    char *text =
        json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
    if (text && strlen(text) > MAX_SHOWN)
        strcpy(text + MAX_SHOWN - 3, "...");
    return text;
}

/* Prints how line n differs: the first key whose values differ. */
static void report_difference(const char *path, size_t n, const json_t *want,
                              const json_t *got)
{
    const json_t *id = json_object_get(want ? want : got, "id");
    const char *key = NULL;
    const json_t *w = want, *g = got;
    if (json_is_object(want) && json_is_object(got)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)want, k, v)
        {
            if (!json_equal(v, json_object_get(got, k))) {
                key = k;
                break;
            }
        }
        json_object_foreach((json_t *)got, k, v)
        {
            if (!key && !json_object_get(want, k))
                key = k;
        }
        if (key) {
            w = json_object_get(want, key);
            g = json_object_get(got, key);
        }
    }
    char *ws = shown(w), *gs = shown(g);
    printf("%s:%zu: document '%s'%s%s%s: expected %s, got %s\n", path, n + 1,
           json_is_string(id) ? json_string_value(id) : "?", key ? ": \"" : "",
           key ? key : "", key ? "\"" : "", ws ? ws : "?", gs ? gs : "?");
    free(ws);
    free(gs);
}

static int write_expected(const char *path, const json_t *lines)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sluice: %s: %s\n", path, strerror(errno));
        return SL_EXIT_FATAL;
    }
    size_t i;
    json_t *line;
    json_array_foreach(lines, i, line)
    {
        char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (text)
            fprintf(f, "%s\n", text);
        free(text);
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "sluice: %s: %s\n", path, strerror(errno));
        return SL_EXIT_FATAL;
    }
    printf("%s: wrote %zu lines\n", path, json_array_size(lines));
    return SL_EXIT_OK;
}

static int compare(const char *path, const json_t *got)
{
    char *message = NULL;
    json_t *want = json_array();
    if (!want || read_lines(path, false, want, &message) < 0) {
        fprintf(stderr, "sluice: %s\n", message ? message : "out of memory");
        free(message);
        json_decref(want);
        return SL_EXIT_FATAL;
    }
    size_t n = json_array_size(want) > json_array_size(got)
                   ? json_array_size(want)
                   : json_array_size(got);
    size_t differ = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *w = json_array_get(want, i), *g = json_array_get(got, i);
        if (w && g && json_equal(w, g))
            continue;
        if (differ++ < MAX_REPORTED)
            report_difference(path, i, w, g);
    }
    if (json_array_size(want) != json_array_size(got))
        printf("%s: expected %zu lines, got %zu\n", path, json_array_size(want),
               json_array_size(got));
    json_decref(want);
    if (differ) {
        printf("FAIL: %zu of %zu lines differ\n", differ, n);
        return SL_EXIT_DOC_FAILED;
    }
    printf("PASS: %zu lines match\n", n);
    return SL_EXIT_OK;
}

/* Removes the scratch folder and what the run left in it. */
static void remove_scratch(const char *dir, const char *out)
{
    if (out)
        unlink(out);
    rmdir(dir);
}

static int run_test(const test_args *a, const char *dir)
{
    char *message = NULL;
    char *out = sl_text_printf("%s/out.jsonl", dir);
    sl_pipeline_file *file = out ? test_pipeline(a, out, &message) : NULL;
    sl_pipeline *pipeline = file ? sl_pipeline_load(file, &message) : NULL;
    sl_pipeline_file_free(file);
    json_t *lines = json_array();
    int rc = SL_EXIT_FATAL;
    if (pipeline && lines) {
        sl_run_options options = {
            .info = {.shards = 1, .jobs = 1},
            .log = cli_log,
            .check_docs = true,
            .fate = note_fate,
            .fate_user = lines,
        };
        const char *inputs[] = {a->input};
        sl_run_result result;
        if (sl_engine_run(pipeline, inputs, 1, &options, &result, &message) ==
                0 &&
            fill_kept(lines, out, &message) == 0)
            rc = a->update ? write_expected(a->expected, lines)
                           : compare(a->expected, lines);
    }
    sl_pipeline_free(pipeline);
    if (rc == SL_EXIT_FATAL && message)
        fprintf(stderr, "sluice: %s\n", message);
    free(message);
    json_decref(lines);
    remove_scratch(dir, out);
    free(out);
    return rc;
}

int cli_test_stage(int argc, char **argv)
{
    test_args a;
    int parsed = parse_test_args(argc, argv, &a);
    if (parsed != 0) {
        free(a.sets);
        free(a.before);
        return parsed > 0 ? SL_EXIT_OK : SL_EXIT_USAGE;
    }
    const char *tmp = getenv("TMPDIR");
    char *dir = sl_text_printf("%s/sluice-test-stage.XXXXXX",
                               tmp && *tmp ? tmp : "/tmp");
    int rc = SL_EXIT_FATAL;
    if (!dir || !mkdtemp(dir)) {
        fprintf(stderr, "sluice: cannot make a scratch folder: %s\n",
                strerror(errno));
    } else {
        rc = run_test(&a, dir);
    }
    free(dir);
    free(a.sets);
    free(a.before);
    return rc;
}
