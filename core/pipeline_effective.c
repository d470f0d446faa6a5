/* core/pipeline_effective.c - the effective pipeline as JSON, its digest
 * and the first difference between two (see pipeline_effective.h).
 */
#include "pipeline_effective.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *input_json(const sl_input_config *in)
{
    json_t *j = json_object();
    if (!j)
        return NULL;
    json_object_set_new(j, "format", string_or_null(in->format));
    json_object_set_new(j, "content_type", string_or_null(in->content_type));
    json_object_set_new(j, "text_field", string_or_null(in->text_field));
    json_object_set_new(j, "id_field", string_or_null(in->id_field));
    json_object_set_new(j, "max_doc_bytes",
                        json_integer((json_int_t)in->max_doc_bytes));
    json_object_set_new(j, "charset", string_or_null(in->charset));
    return j;
}

/* The value an option has in the stage's bound state (copied out as
 * core/options.c copied it in). */
static json_t *option_value(const sl_option *o, const void *state)
{
    const char *at = (const char *)state + o->offset;
    switch (o->type) {
    case SL_OPT_STRING: {
        const char *s;
        memcpy(&s, at, sizeof s);
        return string_or_null(s);
    }
    case SL_OPT_INT: {
        long number;
        memcpy(&number, at, sizeof number);
        return json_integer((json_int_t)number);
    }
    case SL_OPT_BOOL: {
        bool flag;
        memcpy(&flag, at, sizeof flag);
        return json_boolean(flag);
    }
    case SL_OPT_DOUBLE: {
        double real;
        memcpy(&real, at, sizeof real);
        return json_real(real);
    }
    case SL_OPT_STRLIST: {
        sl_strlist list;
        memcpy(&list, at, sizeof list);
        json_t *items = json_array();
        for (size_t i = 0; items && i < list.n; i++)
            json_array_append_new(items, json_string(list.items[i]));
        return items;
    }
    }
    return json_null();
}

static json_t *stage_json(const sl_stage *stage)
{
    json_t *options = json_object();
    json_t *j =
        json_pack("{ss ss}", "name", stage->name, "use", stage->plugin->name);
    if (!options || !j) {
        json_decref(options);
        json_decref(j);
        return NULL;
    }
    for (const sl_option *o = stage->plugin->options; o && o->name; o++)
        if (!(o->flags & SL_OPT_REMOVED)) /* no value behind it */
            json_object_set_new(options, o->name,
                                option_value(o, stage->state));
    json_object_set_new(j, "options", options);
    return j;
}

json_t *sl_pipeline_effective(const sl_pipeline *p)
{
    static const char *const on_error_names[] = {"quarantine", "skip", "abort"};
    json_t *stages = json_array();
    json_t *root = json_object();
    if (!stages || !root) {
        json_decref(stages);
        json_decref(root);
        return NULL;
    }
    json_object_set_new(root, "input", input_json(&p->input));
    json_object_set_new(root, "on_error",
                        json_string(on_error_names[p->on_error]));
    for (size_t i = 0; i < p->n_stages; i++)
        json_array_append_new(stages, stage_json(&p->stages[i]));
    json_object_set_new(root, "stages", stages);
    return root;
}

char *sl_pipeline_digest(const json_t *effective)
{
    char *text = json_dumps(effective, JSON_COMPACT | JSON_SORT_KEYS);
    if (!text)
        return NULL;
    unsigned long long hash = 14695981039346656037ull;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        hash ^= *c;
        hash *= 1099511628211ull;
    }
    free(text);
    return sl_text_printf("%016llx", hash);
}

static char *value_text(const json_t *value)
{
    return value ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY)
                 : strdup("(none)");
}

/* "WHERE was A, is B" for the first key of then or now whose values
 * differ, or NULL. */
static char *object_difference(const char *where, const json_t *then,
                               const json_t *now)
{
    const json_t *sides[] = {then, now};
    for (int side = 0; side < 2; side++) {
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)sides[side], key, value)
        {
            const json_t *a = json_object_get(then, key);
            const json_t *b = json_object_get(now, key);
            if (a && b && json_equal(a, b))
                continue;
            char *was = value_text(a);
            char *is = value_text(b);
            char *m = sl_text_printf("%s '%s' was %s, is %s", where, key,
                                     was ? was : "?", is ? is : "?");
            free(was);
            free(is);
            return m;
        }
    }
    return NULL;
}

char *sl_pipeline_difference(const json_t *then, const json_t *now)
{
    if (json_equal(then, now))
        return NULL;
    char *m = object_difference("input setting", json_object_get(then, "input"),
                                json_object_get(now, "input"));
    if (m)
        return m;
    const json_t *a = json_object_get(then, "on_error");
    const json_t *b = json_object_get(now, "on_error");
    if (!json_equal(a, b))
        return sl_text_printf("on_error was %s, is %s",
                              json_string_value(a) ? json_string_value(a) : "?",
                              json_string_value(b) ? json_string_value(b)
                                                   : "?");
    const json_t *then_stages = json_object_get(then, "stages");
    const json_t *now_stages = json_object_get(now, "stages");
    size_t n = json_array_size(then_stages);
    if (json_array_size(now_stages) != n)
        return sl_text_printf("it had %zu stages, now %zu", n,
                              json_array_size(now_stages));
    for (size_t i = 0; i < n; i++) {
        const json_t *s = json_array_get(then_stages, i);
        const json_t *t = json_array_get(now_stages, i);
        const char *name = json_string_value(json_object_get(t, "name"));
        const json_t *then_use = json_object_get(s, "use");
        const json_t *now_use = json_object_get(t, "use");
        if (!json_equal(then_use, now_use)) {
            char *was = value_text(then_use);
            char *is = value_text(now_use);
            m = sl_text_printf("stage %zu used plugin %s, now %s", i + 1,
                               was ? was : "?", is ? is : "?");
            free(was);
            free(is);
            return m;
        }
        char *where = sl_text_printf("stage '%s' option", name ? name : "?");
        m = where ? object_difference(where, json_object_get(s, "options"),
                                      json_object_get(t, "options"))
                  : NULL;
        free(where);
        if (m)
            return m;
    }
    return strdup("the pipeline differs");
}
