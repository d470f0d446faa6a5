/* core/pipeline.c - reads pipeline files, applies --set and -o, checks the
 * structure and every stage's options, and loads the stages' plugins (see
 * pipeline.h).
 */
#include "pipeline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_pos.h"
#include "options.h"
#include "messages.h"

sl_pipeline_file *sl_pipeline_file_parse(const char *path, const char *text,
                                         size_t len, char **message)
{
    *message = NULL;
    /* Editors on some systems start UTF-8 files with a byte order mark;
     * it is invisible, so it is skipped rather than named in an error. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        *message = sl_text_printf("%s:%d:%d: %s", path, jerr.line, jerr.column,
                                  jerr.text);
        return NULL;
    }
    sl_pipeline_file *file = calloc(1, sizeof *file);
    if (!file || !(file->path = strdup(path)) ||
        !(file->text = malloc(len + 1))) {
        if (file)
            free(file->path);
        free(file);
        json_decref(root);
        *message = strdup("out of memory");
        return NULL;
    }
    memcpy(file->text, text, len);
    file->text[len] = '\0';
    file->len = len;
    file->root = root;
    return file;
}

sl_pipeline_file *sl_pipeline_file_load(const char *path, char **message)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *message = sl_text_printf("%s: cannot open pipeline file: %m", path);
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *bigger = realloc(text, cap);
            if (!bigger || cap > (64u << 20)) {
                free(bigger ? bigger : text);
                fclose(f);
                *message = sl_text_printf("%s: pipeline file too large", path);
                return NULL;
            }
            text = bigger;
        }
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(text);
        *message = sl_text_printf("%s: cannot read pipeline file", path);
        return NULL;
    }
    sl_pipeline_file *file = sl_pipeline_file_parse(path, text, len, message);
    free(text);
    return file;
}

void sl_pipeline_file_free(sl_pipeline_file *file)
{
    if (!file)
        return;
    json_decref(file->root);
    json_decref(file->set_by);
    free(file->text);
    free(file->path);
    free(file);
}

/* The stage's name: "name" when given, else "use". */
static const char *stage_name(json_t *stage)
{
    const char *name = json_string_value(json_object_get(stage, "name"));
    return name ? name : json_string_value(json_object_get(stage, "use"));
}

/* Remembers that --set assignment gave the value at where, so that an
 * error in it names the --set rather than a place in the file. */
static void note_set(sl_pipeline_file *file, const char *where,
                     const char *assignment)
{
    if (!file->set_by)
        file->set_by = json_object();
    json_object_set_new(file->set_by, where, json_string(assignment));
}

static json_t *parse_set_value(const char *value)
{
    json_error_t jerr;
    json_t *v = json_loads(value, JSON_DECODE_ANY, &jerr);
    return v ? v : json_string(value);
}

int sl_pipeline_file_set(sl_pipeline_file *file, const char *assignment,
                         char **message)
{
    *message = NULL;
    const char *eq = strchr(assignment, '=');
    const char *dot = strchr(assignment, '.');
    if (!eq) {
        *message = sl_text_printf("--set %s: expected KEY=VALUE", assignment);
        return -1;
    }
    json_t *value = parse_set_value(eq + 1);
    if (!value) {
        *message = strdup("out of memory");
        return -1;
    }
    size_t key_len = (size_t)(eq - assignment);
    if (!dot || dot > eq) {
        if (key_len == 8 && strncmp(assignment, "on_error", 8) == 0) {
            json_object_set_new(file->root, "on_error", value);
            note_set(file, "on_error", assignment);
            return 0;
        }
        json_decref(value);
        *message = sl_text_printf("--set %s: KEY is input.FIELD, on_error or "
                                  "STAGE.OPTION",
                                  assignment);
        return -1;
    }
    char scope[128], key[128];
    snprintf(scope, sizeof scope, "%.*s", (int)(dot - assignment), assignment);
    snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
    if (strcmp(scope, "input") == 0) {
        json_t *input = json_object_get(file->root, "input");
        if (!json_is_object(input)) {
            input = json_object();
            json_object_set_new(file->root, "input", input);
        }
        json_object_set_new(input, key, value);
        char where[160];
        snprintf(where, sizeof where, "input/%s", key);
        note_set(file, where, assignment);
        return 0;
    }
    json_t *stages = json_object_get(file->root, "stages");
    size_t i, matched = 0;
    json_t *stage;
    json_array_foreach(stages, i, stage)
    {
        const char *name = stage_name(stage);
        const char *use = json_string_value(json_object_get(stage, "use"));
        if (!(name && strcmp(name, scope) == 0) &&
            !(use && strcmp(use, scope) == 0))
            continue;
        json_t *with = json_object_get(stage, "with");
        if (!json_is_object(with)) {
            with = json_object();
            json_object_set_new(stage, "with", with);
        }
        json_object_set(with, key, value);
        char where[192];
        snprintf(where, sizeof where, "stages/%zu/with/%s", i, key);
        note_set(file, where, assignment);
        matched++;
    }
    json_decref(value);
    if (!matched) {
        const char *names[64];
        size_t n = 0;
        json_array_foreach(stages, i, stage)
        {
            if (n < 62 && stage_name(stage))
                names[n++] = stage_name(stage);
        }
        names[n++] = "input";
        names[n] = NULL;
        const char *near = sl_nearest_name(scope, names);
        *message = sl_text_printf(
            "--set %s: the pipeline has no stage '%s'%s%s%s", assignment, scope,
            near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        return -1;
    }
    return 0;
}

int sl_pipeline_file_set_output(sl_pipeline_file *file, const char *output)
{
    json_t *stages = json_object_get(file->root, "stages");
    size_t i;
    json_t *stage;
    int taken = 0;
    json_array_foreach(stages, i, stage)
    {
        const char *use = json_string_value(json_object_get(stage, "use"));
        if (!use || strcmp(use, "export") != 0)
            continue;
        json_t *with = json_object_get(stage, "with");
        const char *path = json_string_value(json_object_get(with, "path"));
        if (path && strcmp(path, "-") != 0)
            continue;
        if (!json_is_object(with)) {
            with = json_object();
            json_object_set_new(stage, "with", with);
        }
        json_object_set_new(with, "path", json_string(output));
        taken++;
    }
    return taken;
}

/* The --set assignment that gave the value at path, or NULL when the
 * value comes from the file. */
static const char *set_by(const sl_pipeline_file *file,
                          const sl_json_step *path, size_t depth)
{
    if (!file->set_by)
        return NULL;
    char where[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < depth && used < sizeof where; i++) {
        int n = path[i].key ? snprintf(where + used, sizeof where - used,
                                       "%s%s", i ? "/" : "", path[i].key)
                            : snprintf(where + used, sizeof where - used,
                                       "%s%zu", i ? "/" : "", path[i].index);
        if (n < 0)
            return NULL;
        used += (size_t)n;
    }
    return json_string_value(json_object_get(file->set_by, where));
}

/* "FILE:LINE:COLUMN" of the value (or key) at path, or "--set KEY=VALUE"
 * when the command line gave it. */
static void place(const sl_pipeline_file *file, const sl_json_step *path,
                  size_t depth, int want_key, char *out, size_t size)
{
    const char *assignment = set_by(file, path, depth);
    if (assignment) {
        snprintf(out, size, "--set %s", assignment);
        return;
    }
    int line = 1, column = 1;
    sl_json_locate(file->text, file->len, path, depth, want_key, &line,
                   &column);
    snprintf(out, size, "%s:%d:%d", file->path, line, column);
}

static const char *const input_keys[] = {
    "format",        "content_type", "text_field", "id_field",
    "max_doc_bytes", "charset",      NULL};
static const char *const top_keys[] = {"sluice",   "input",       "stages",
                                       "on_error", "description", NULL};
static const char *const stage_keys[] = {"use", "name", "with", NULL};

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static char *unknown_key(const sl_pipeline_file *file, const sl_json_step *path,
                         size_t depth, const char *key,
                         const char *const *known, const char *where)
{
    char at[512];
    place(file, path, depth, 1, at, sizeof at);
    const char *near = sl_nearest_name(key, known);
    return sl_text_printf("%s: unknown key '%s' in %s%s%s%s", at, key, where,
                          near ? "; did you mean '" : "", near ? near : "",
                          near ? "'?" : "");
}

static int check_input(const sl_pipeline_file *file, sl_input_config *input,
                       char **message)
{
    input->format = "auto";
    input->content_type = "auto";
    input->text_field = "text";
    input->id_field = "id";
    input->max_doc_bytes = 64u << 20;
    input->charset = NULL;
    json_t *obj = json_object_get(file->root, "input");
    if (!obj)
        return 0;
    sl_json_step path[2] = {{"input", 0}, {NULL, 0}};
    char at[512];
    if (!json_is_object(obj)) {
        place(file, path, 1, 0, at, sizeof at);
        *message = sl_text_printf("%s: \"input\" must be an object", at);
        return -1;
    }
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        path[1].key = key;
        if (!in_list(input_keys, key)) {
            *message = unknown_key(file, path, 2, key, input_keys, "input");
            return -1;
        }
        place(file, path, 2, 0, at, sizeof at);
        if (strcmp(key, "max_doc_bytes") == 0) {
            if (!json_is_integer(value) || json_integer_value(value) < 0) {
                *message = sl_text_printf("%s: input.max_doc_bytes expects a "
                                          "non-negative integer",
                                          at);
                return -1;
            }
            input->max_doc_bytes = (uint64_t)json_integer_value(value);
            continue;
        }
        const char *s = json_string_value(value);
        if (!s) {
            *message = sl_text_printf("%s: input.%s expects a string", at, key);
            return -1;
        }
        if (strcmp(key, "format") == 0) {
            if (!in_list((const char *const[]){"auto", "text", "jsonl", "html",
                                               "warc", NULL},
                         s)) {
                *message =
                    sl_text_printf("%s: input.format must be auto, text, "
                                   "jsonl, html or warc, not \"%s\"",
                                   at, s);
                return -1;
            }
            input->format = s;
        } else if (strcmp(key, "content_type") == 0) {
            if (!in_list((const char *const[]){"auto", "text", "html", NULL},
                         s)) {
                *message =
                    sl_text_printf("%s: input.content_type must be auto, "
                                   "text or html, not \"%s\"",
                                   at, s);
                return -1;
            }
            input->content_type = s;
        } else if (strcmp(key, "text_field") == 0) {
            input->text_field = s;
        } else if (strcmp(key, "charset") == 0) {
            input->charset = s;
        } else {
            input->id_field = s;
        }
    }
    return 0;
}

static int check_top(const sl_pipeline_file *file, sl_on_error *on_error,
                     char **message)
{
    char at[512];
    sl_json_step path[1] = {{NULL, 0}};
    if (!json_is_object(file->root)) {
        *message = sl_text_printf("%s:1:1: a pipeline file is a JSON object",
                                  file->path);
        return -1;
    }
    const char *key;
    json_t *value;
    json_object_foreach(file->root, key, value)
    {
        path[0].key = key;
        if (!in_list(top_keys, key)) {
            *message =
                unknown_key(file, path, 1, key, top_keys, "the pipeline");
            return -1;
        }
    }
    json_t *version = json_object_get(file->root, "sluice");
    path[0].key = "sluice";
    if (version &&
        (!json_is_integer(version) || json_integer_value(version) != 1)) {
        place(file, path, 1, 0, at, sizeof at);
        *message = sl_text_printf("%s: \"sluice\" must be 1 (the pipeline file "
                                  "format this sluice reads)",
                                  at);
        return -1;
    }
    *on_error = SL_ON_ERROR_QUARANTINE;
    json_t *oe = json_object_get(file->root, "on_error");
    if (oe) {
        const char *s = json_string_value(oe);
        path[0].key = "on_error";
        place(file, path, 1, 0, at, sizeof at);
        if (s && strcmp(s, "quarantine") == 0)
            *on_error = SL_ON_ERROR_QUARANTINE;
        else if (s && strcmp(s, "skip") == 0)
            *on_error = SL_ON_ERROR_SKIP;
        else if (s && strcmp(s, "abort") == 0)
            *on_error = SL_ON_ERROR_ABORT;
        else {
            *message = sl_text_printf("%s: on_error must be \"quarantine\", "
                                      "\"skip\" or \"abort\"",
                                      at);
            return -1;
        }
    }
    json_t *stages = json_object_get(file->root, "stages");
    if (!json_is_array(stages) || json_array_size(stages) == 0) {
        path[0].key = "stages";
        place(file, path, stages ? 1 : 0, 0, at, sizeof at);
        *message = sl_text_printf("%s: \"stages\" must be a non-empty array of "
                                  "{\"use\": NAME, \"with\": {...}}",
                                  at);
        return -1;
    }
    return 0;
}

/* A "did you mean" for a plugin name that was not found. */
static char *suggest_plugin(const char *name)
{
    char **names = sl_module_names();
    const char *near =
        names ? sl_nearest_name(name, (const char *const *)names) : NULL;
    char *s = near ? sl_text_printf("; did you mean '%s'?", near) : strdup("");
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
    return s;
}

static int load_stage(const sl_pipeline_file *file, size_t index, json_t *spec,
                      sl_stage *stage, char **message)
{
    char at[512];
    sl_json_step path[4] = {{"stages", 0}, {NULL, index}, {NULL, 0}, {NULL, 0}};
    place(file, path, 2, 0, at, sizeof at);
    if (!json_is_object(spec)) {
        *message =
            sl_text_printf("%s: a stage is an object {\"use\": NAME}", at);
        return -1;
    }
    const char *key;
    json_t *value;
    json_object_foreach(spec, key, value)
    {
        path[2].key = key;
        if (!in_list(stage_keys, key)) {
            *message = unknown_key(file, path, 3, key, stage_keys, "a stage");
            return -1;
        }
    }
    const char *use = json_string_value(json_object_get(spec, "use"));
    if (!use) {
        *message =
            sl_text_printf("%s: stage %zu has no \"use\": NAME", at, index + 1);
        return -1;
    }
    stage->name = strdup(stage_name(spec));
    path[2].key = "use";
    place(file, path, 3, 0, at, sizeof at);
    char *why = NULL;
    stage->module = sl_module_load(use, &why);
    if (!stage->module) {
        char *hint =
            strstr(why, "not found") ? suggest_plugin(use) : strdup("");
        *message = sl_text_printf("%s: stage '%s': %s%s", at, use, why,
                                  hint ? hint : "");
        free(hint);
        free(why);
        return -1;
    }
    stage->plugin = stage->module->plugin;
    stage->state =
        calloc(1, stage->plugin->state_size ? stage->plugin->state_size : 1);
    if (!stage->name || !stage->state) {
        *message = strdup("out of memory");
        return -1;
    }
    json_t *with = json_object_get(spec, "with");
    const char *bad_key = NULL;
    if (sl_options_bind(stage->plugin, stage->state, with, &bad_key, &why) <
        0) {
        path[2].key = "with";
        path[3].key = bad_key;
        place(file, path, bad_key ? 4 : 3, bad_key != NULL, at, sizeof at);
        *message = sl_text_printf("%s: stage '%s': %s", at, stage->name, why);
        free(why);
        return -1;
    }
    return 0;
}

sl_pipeline *sl_pipeline_load(const sl_pipeline_file *file, char **message)
{
    *message = NULL;
    sl_pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        *message = strdup("out of memory");
        return NULL;
    }
    sl_input_config input;
    if (check_top(file, &p->on_error, message) < 0 ||
        check_input(file, &input, message) < 0) {
        sl_pipeline_free(p);
        return NULL;
    }
    p->input.format = strdup(input.format);
    p->input.content_type = strdup(input.content_type);
    p->input.text_field = strdup(input.text_field);
    p->input.id_field = strdup(input.id_field);
    p->input.max_doc_bytes = input.max_doc_bytes;
    p->input.charset = input.charset ? strdup(input.charset) : NULL;
    json_t *stages = json_object_get(file->root, "stages");
    size_t n = json_array_size(stages);
    p->stages = calloc(n, sizeof *p->stages);
    if (!p->stages || !p->input.format || !p->input.content_type ||
        !p->input.text_field || !p->input.id_field) {
        *message = strdup("out of memory");
        sl_pipeline_free(p);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        p->n_stages = i + 1;
        if (load_stage(file, i, json_array_get(stages, i), &p->stages[i],
                       message) < 0) {
            sl_pipeline_free(p);
            return NULL;
        }
    }
    return p;
}

void sl_pipeline_free(sl_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = p->stages ? p->n_stages : 0; i-- > 0;) {
        sl_stage *s = &p->stages[i];
        if (s->state && s->plugin) {
            if (s->initialised && s->plugin->fini)
                s->plugin->fini(s->state);
            sl_options_release(s->plugin, s->state);
        }
        free(s->state);
        sl_module_unload(s->module);
        free(s->name);
    }
    free(p->stages);
    free((char *)p->input.format);
    free((char *)p->input.content_type);
    free((char *)p->input.text_field);
    free((char *)p->input.id_field);
    free((char *)p->input.charset);
    free(p);
}
