/* tests/test_pipeline.c - pipeline files: positions in errors, option
 * binding through the option table, --set, -o, and "did you mean". */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "json_pos.h"
#include "options.h"
#include "pipeline.h"

typedef struct demo_state {
    char *mode;
    long count;
    bool flag;
    double min_score;
    sl_strlist words;
    char *path;
} demo_state;

static const sl_option demo_options[] = {
    {"mode", SL_OPT_STRING, "\"fast\"", offsetof(demo_state, mode), 0, "m",
     "fast|slow"},
    {"count", SL_OPT_INT, "3", offsetof(demo_state, count), 0, "c", "1..10"},
    {"flag", SL_OPT_BOOL, NULL, offsetof(demo_state, flag), 0, "f", NULL},
    {"min_score", SL_OPT_DOUBLE, "0.5", offsetof(demo_state, min_score), 0, "s",
     "0..1"},
    {"words", SL_OPT_STRLIST, "[\"a\",\"b\"]", offsetof(demo_state, words), 0,
     "w", NULL},
    {"path", SL_OPT_STRING, NULL, offsetof(demo_state, path), 0, "p", NULL},
    {0}};

static sl_status demo_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return SL_OK;
}

static const sl_plugin demo = {.abi_major = SL_ABI_MAJOR,
                               .abi_minor = SL_ABI_MINOR,
                               .name = "demo",
                               .options = demo_options,
                               .state_size = sizeof(demo_state),
                               .process = demo_process};

static int bind(const char *json, demo_state *st, const char **key, char **msg)
{
    json_t *with = json_loads(json, 0, NULL);
    memset(st, 0, sizeof *st);
    *key = NULL;
    int rc = sl_options_bind(&demo, st, with, key, msg);
    /* *key points into `with`: keep a copy that outlives it */
    static char key_copy[128];
    if (*key) {
        snprintf(key_copy, sizeof key_copy, "%s", *key);
        *key = key_copy;
    }
    json_decref(with);
    return rc;
}

Test(options, defaults_then_values_are_stored)
{
    demo_state st;
    const char *key;
    char *msg;
    cr_assert_eq(bind("{\"count\": 7, \"words\": [\"x\"]}", &st, &key, &msg),
                 0);
    cr_assert_str_eq(st.mode, "fast");
    cr_assert_eq(st.count, 7);
    cr_assert_float_eq(st.min_score, 0.5, 1e-12);
    cr_assert_eq(st.words.n, 1);
    cr_assert_str_eq(st.words.items[0], "x");
    sl_options_release(&demo, &st);
    cr_assert_null(st.mode);
}

Test(options, unknown_option_suggests_the_nearest)
{
    demo_state st;
    const char *key;
    char *msg;
    cr_assert_eq(bind("{\"min_scroe\": 1}", &st, &key, &msg), -1);
    cr_assert_str_eq(key, "min_scroe");
    cr_assert(strstr(msg, "did you mean 'min_score'?"), "%s", msg);
    free(msg);
    sl_options_release(&demo, &st);
}

Test(options, wrong_type_and_bad_choice_name_what_is_expected)
{
    demo_state st;
    const char *key;
    char *msg;
    cr_assert_eq(bind("{\"count\": \"many\"}", &st, &key, &msg), -1);
    cr_assert(strstr(msg, "option 'count' expects an integer"), "%s", msg);
    free(msg);
    sl_options_release(&demo, &st);
    cr_assert_eq(bind("{\"mode\": \"medium\"}", &st, &key, &msg), -1);
    cr_assert(strstr(msg, "fast|slow"), "%s", msg);
    free(msg);
    sl_options_release(&demo, &st);
}

Test(options, null_is_refused_where_the_stage_needs_a_string)
{
    demo_state st;
    const char *key;
    char *msg;
    cr_assert_eq(bind("{\"mode\": null}", &st, &key, &msg), -1);
    cr_assert_str_eq(key, "mode");
    cr_assert(strstr(msg, "option 'mode' expects a string (one of fast|slow), "
                          "not null"),
              "%s", msg);
    free(msg);
    sl_options_release(&demo, &st);
    /* an option without a default reads null as "not given" */
    cr_assert_eq(bind("{\"path\": null}", &st, &key, &msg), 0);
    cr_assert_null(st.path);
    sl_options_release(&demo, &st);
}

Test(options, numbers_outside_the_range_are_refused)
{
    demo_state st;
    const char *key;
    char *msg;
    cr_assert_eq(bind("{\"count\": 9223372036854775000}", &st, &key, &msg), -1);
    cr_assert(strstr(msg, "option 'count' must be in the range 1..10, not "
                          "9223372036854775000"),
              "%s", msg);
    free(msg);
    sl_options_release(&demo, &st);
    cr_assert_eq(bind("{\"count\": 0}", &st, &key, &msg), -1);
    free(msg);
    sl_options_release(&demo, &st);
    cr_assert_eq(bind("{\"min_score\": 1.5}", &st, &key, &msg), -1);
    cr_assert(strstr(msg, "option 'min_score' must be in the range 0..1"), "%s",
              msg);
    free(msg);
    sl_options_release(&demo, &st);
    cr_assert_eq(bind("{\"count\": 10, \"min_score\": 1}", &st, &key, &msg), 0);
    cr_assert_eq(st.count, 10);
    sl_options_release(&demo, &st);
}

static const sl_option bad_range_options[] = {
    {"count", SL_OPT_INT, "3", offsetof(demo_state, count), 0, "c", "1..x"},
    {0}};

Test(options, a_malformed_range_in_the_table_is_the_stage_s_fault)
{
    sl_plugin plugin = demo;
    plugin.options = bad_range_options;
    demo_state st = {0};
    const char *key;
    char *msg;
    cr_assert_eq(sl_options_bind(&plugin, &st, NULL, &key, &msg), -1);
    cr_assert(strstr(msg, "plugin 'demo': option 'count': the stage's range "
                          "\"1..x\" is not MIN..MAX"),
              "%s", msg);
    free(msg);
}

static const sl_option removed_options[] = {{"old", SL_OPT_STRING, NULL, 0,
                                             SL_OPT_REMOVED,
                                             "use \"new\" instead", NULL},
                                            {0}};

Test(options, a_removed_option_says_what_replaces_it)
{
    sl_plugin plugin = demo;
    plugin.options = removed_options;
    demo_state st = {0};
    json_t *with = json_pack("{s:s}", "old", "x");
    const char *key;
    char *msg;
    cr_assert_eq(sl_options_bind(&plugin, &st, with, &key, &msg), -1);
    cr_assert_str_eq(msg, "option 'old' was removed: use \"new\" instead");
    free(msg);
    json_decref(with);
    sl_options_release(&plugin, &st);
}

Test(json_pos, finds_keys_and_values_by_path)
{
    const char *text =
        "{\n  \"a\": 1,\n  \"stages\": [\n    {\"use\": \"x\"},\n"
        "    {\"use\": \"y\", \"with\": {\"k\": 2}}\n  ]\n}\n";
    sl_json_step path[4] = {{"stages", 0}, {NULL, 1}, {"with", 0}, {"k", 0}};
    int line, col;
    cr_assert_eq(sl_json_locate(text, strlen(text), path, 4, 1, &line, &col),
                 0);
    cr_assert_eq(line, 5);
    cr_assert_eq(col, 27);
    cr_assert_eq(sl_json_locate(text, strlen(text), path, 2, 0, &line, &col),
                 0);
    cr_assert_eq(line, 5);
    cr_assert_eq(col, 5);
}

Test(pipeline, syntax_errors_name_file_line_and_column)
{
    char *msg = NULL;
    const char *text = "{\n  \"stages\": [\n    {\"use\": \"x\",}\n  ]\n}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    cr_assert_null(f);
    cr_assert(strncmp(msg, "p.json:3:", 9) == 0, "%s", msg);
    free(msg);
}

Test(pipeline, unknown_top_key_and_input_key_are_placed)
{
    char *msg = NULL;
    const char *text = "{\"sluice\": 1,\n \"input\": {\"formt\": \"jsonl\"},\n"
                       " \"stages\": [{\"use\": \"normalize\"}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    cr_assert_not_null(f);
    sl_pipeline *p = sl_pipeline_load(f, &msg);
    cr_assert_null(p);
    cr_assert(strstr(msg, "p.json:2:12: unknown key 'formt'"), "%s", msg);
    cr_assert(strstr(msg, "did you mean 'format'?"), "%s", msg);
    free(msg);
    sl_pipeline_file_free(f);
}

Test(pipeline, set_addresses_input_stage_and_on_error)
{
    char *msg = NULL;
    const char *text = "{\"sluice\": 1, \"stages\": [{\"use\": \"normalize\"},"
                       " {\"use\": \"export\", \"name\": \"db\"}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    cr_assert_eq(sl_pipeline_file_set(f, "input.text_field=html", &msg), 0);
    cr_assert_eq(sl_pipeline_file_set(f, "normalize.form=NFKC", &msg), 0);
    cr_assert_eq(sl_pipeline_file_set(f, "db.show_removed=true", &msg), 0);
    cr_assert_eq(sl_pipeline_file_set(f, "on_error=abort", &msg), 0);
    json_t *root = f->root;
    cr_assert_str_eq(json_string_value(json_object_get(
                         json_object_get(root, "input"), "text_field")),
                     "html");
    json_t *st = json_object_get(root, "stages");
    cr_assert_str_eq(
        json_string_value(json_object_get(
            json_object_get(json_array_get(st, 0), "with"), "form")),
        "NFKC");
    cr_assert(json_is_true(json_object_get(
        json_object_get(json_array_get(st, 1), "with"), "show_removed")));
    cr_assert_str_eq(json_string_value(json_object_get(root, "on_error")),
                     "abort");
    cr_assert_eq(sl_pipeline_file_set(f, "normalise.form=NFC", &msg), -1);
    cr_assert(strstr(msg, "did you mean 'normalize'?"), "%s", msg);
    free(msg);
    cr_assert_eq(sl_pipeline_file_set_output(f, "out.jsonl"), 1);
    sl_pipeline_file_free(f);
}

Test(pipeline, loads_a_real_plugin_from_the_build_tree_and_binds_options)
{
    char *msg = NULL;
    const char *text = "{\"sluice\": 1, \"stages\": [{\"use\": \"normalize\","
                       " \"with\": {\"form\": \"NFKC\"}}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    sl_pipeline *p = sl_pipeline_load(f, &msg);
    cr_assert_not_null(p, "%s", msg);
    cr_assert_eq(p->n_stages, 1);
    cr_assert_str_eq(p->stages[0].plugin->name, "normalize");
    cr_assert_str_eq(*(char **)p->stages[0].state, "NFKC");
    cr_assert_eq(p->on_error, SL_ON_ERROR_QUARANTINE);
    sl_pipeline_free(p);
    sl_pipeline_file_free(f);
}

Test(pipeline, bad_option_value_is_placed_at_its_key)
{
    char *msg = NULL;
    const char *text =
        "{\"sluice\": 1, \"stages\": [\n {\"use\": \"normalize\",\n"
        "  \"with\": {\"from\": \"NFKC\"}}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    sl_pipeline *p = sl_pipeline_load(f, &msg);
    cr_assert_null(p);
    cr_assert(
        strstr(msg, "p.json:3:12: stage 'normalize': unknown option 'from'"),
        "%s", msg);
    cr_assert(strstr(msg, "did you mean 'form'?"), "%s", msg);
    free(msg);
    sl_pipeline_file_free(f);
}

Test(pipeline, a_byte_order_mark_before_the_json_is_skipped)
{
    char *msg = NULL;
    const char *text = "\xEF\xBB\xBF{\"sluice\": 1, \"stages\": "
                       "[{\"use\": \"normalize\"}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    cr_assert_not_null(f, "%s", msg);
    sl_pipeline_file_free(f);
    /* positions count from the first visible character */
    text =
        "\xEF\xBB\xBF{\"sluice\": 2, \"stages\": [{\"use\": \"normalize\"}]}";
    f = sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    cr_assert_not_null(f, "%s", msg);
    sl_pipeline *p = sl_pipeline_load(f, &msg);
    cr_assert_null(p);
    cr_assert(strstr(msg, "p.json:1:12: \"sluice\" must be 1"), "%s", msg);
    free(msg);
    sl_pipeline_file_free(f);
}

Test(pipeline, missing_plugin_suggests_a_name)
{
    char *msg = NULL;
    const char *text =
        "{\"sluice\": 1, \"stages\": [{\"use\": \"normalise\"}]}";
    sl_pipeline_file *f =
        sl_pipeline_file_parse("p.json", text, strlen(text), &msg);
    sl_pipeline *p = sl_pipeline_load(f, &msg);
    cr_assert_null(p);
    cr_assert(strstr(msg, "plugin 'normalise' not found"), "%s", msg);
    cr_assert(strstr(msg, "did you mean 'normalize'?"), "%s", msg);
    free(msg);
    sl_pipeline_file_free(f);
}
