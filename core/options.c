/* core/options.c - binds pipeline-file options to plugin state through the
 * plugin's option table (see options.h). The table is the only place an
 * option is declared: validation, defaults, `sluice describe` and the docs
 * all read it.
 */
#include "options.h"

#include <limits.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "messages.h"
#include "option_range.h"

const char *sl_option_type_name(sl_opt_type type)
{
    switch (type) {
    case SL_OPT_STRING: return "string";
    case SL_OPT_INT: return "integer";
    case SL_OPT_BOOL: return "boolean";
    case SL_OPT_DOUBLE: return "number";
    case SL_OPT_STRLIST: return "list of strings";
    }
    return "value";
}

/* Edit distance counting insertions, deletions, substitutions and swaps
 * of neighbours ("min_scroe" is one step from "min_score"). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *sl_nearest_name(const char *name, const char *const *candidates)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    for (size_t i = 0; candidates[i]; i++) {
        size_t d = edit_distance(name, candidates[i]);
        if (d < best_distance) {
            best_distance = d;
            best = candidates[i];
        }
    }
    size_t len = strlen(name);
    size_t allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    return best_distance <= allowed ? best : NULL;
}

const sl_option *sl_options_find(const sl_plugin *plugin, const char *name)
{
    for (const sl_option *o = plugin->options; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static int choice_allowed(const char *choices, const char *value)
{
    size_t len = strlen(value);
    const char *p = choices;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, value, n) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

/* True when a string option may be null: it has no default, no choices
 * and is not required, so "not given" (NULL) is a value the stage reads. */
static bool null_allowed(const sl_option *o)
{
    return !o->def && !o->choices && !(o->flags & SL_OPT_REQUIRED);
}

/* Reads the range of number option o into range. Returns 0, or -1 with
 * *message set when the table's range is not MIN..MAX. */
static int option_range(const sl_option *o, sl_option_range *range,
                        char **message)
{
    if (sl_option_range_parse(o->choices, o->type == SL_OPT_INT, range) == 0)
        return 0;
    *message = sl_text_printf("option '%s': the stage's range \"%s\" is not "
                              "MIN..MAX",
                              o->name, o->choices);
    return -1;
}

static int out_of_range(const sl_option *o, json_t *value, char **message)
{
    char *given = json_dumps(value, JSON_ENCODE_ANY);
    *message = sl_text_printf("option '%s' must be in the range %s, not %s",
                              o->name, o->choices, given ? given : "this");
    free(given);
    return -1;
}

/* Stores one JSON value into the field of option o. */
static int store_value(const sl_option *o, void *state, json_t *value,
                       char **message)
{
    char *field = (char *)state + o->offset;
    sl_option_range range;
    switch (o->type) {
    case SL_OPT_STRING: {
        if (json_is_null(value) && !null_allowed(o)) {
            *message = sl_text_printf("option '%s' expects a string%s%s%s, "
                                      "not null",
                                      o->name, o->choices ? " (one of " : "",
                                      o->choices ? o->choices : "",
                                      o->choices ? ")" : "");
            return -1;
        }
        if (!json_is_string(value) && !json_is_null(value))
            goto wrong_type;
        const char *s = json_string_value(value);
        if (s && o->choices && !choice_allowed(o->choices, s)) {
            *message =
                sl_text_printf("option '%s' must be one of %s, not \"%s\"",
                               o->name, o->choices, s);
            return -1;
        }
        char *copy = s ? strdup(s) : NULL;
        if (s && !copy)
            goto no_memory;
        char **slot = (char **)field;
        free(*slot);
        *slot = copy;
        return 0;
    }
    case SL_OPT_INT:
        if (!json_is_integer(value))
            goto wrong_type;
        if (option_range(o, &range, message) < 0)
            return -1;
        if (!sl_option_range_holds_int(&range, json_integer_value(value)) ||
            json_integer_value(value) > LONG_MAX ||
            json_integer_value(value) < LONG_MIN)
            return out_of_range(o, value, message);
        long number = (long)json_integer_value(value);
        memcpy(field, &number, sizeof number);
        return 0;
    case SL_OPT_BOOL:
        if (!json_is_boolean(value))
            goto wrong_type;
        bool flag = json_is_true(value);
        memcpy(field, &flag, sizeof flag);
        return 0;
    case SL_OPT_DOUBLE:
        if (!json_is_number(value))
            goto wrong_type;
        if (option_range(o, &range, message) < 0)
            return -1;
        if (!sl_option_range_holds_real(&range, json_number_value(value)))
            return out_of_range(o, value, message);
        double real = json_number_value(value);
        memcpy(field, &real, sizeof real);
        return 0;
    case SL_OPT_STRLIST: {
        if (!json_is_array(value))
            goto wrong_type;
        size_t n = json_array_size(value);
        for (size_t i = 0; i < n; i++)
            if (!json_is_string(json_array_get(value, i)))
                goto wrong_type;
        sl_strlist *list = (sl_strlist *)field;
        for (size_t i = 0; i < list->n; i++)
            free(list->items[i]);
        free(list->items);
        list->items = calloc(n ? n : 1, sizeof *list->items);
        list->n = 0;
        if (!list->items)
            goto no_memory;
        for (size_t i = 0; i < n; i++) {
            list->items[i] =
                strdup(json_string_value(json_array_get(value, i)));
            if (!list->items[i])
                goto no_memory;
            list->n++;
        }
        return 0;
    }
    }
wrong_type:
    *message = sl_text_printf("option '%s' expects %s %s", o->name,
                              o->type == SL_OPT_INT ? "an" : "a",
                              sl_option_type_name(o->type));
    return -1;
no_memory:
    *message = strdup("out of memory");
    return -1;
}

/* Bytes and alignment of the C type the core stores for an option type;
 * 0 for a type the core does not know. */
static size_t field_size(sl_opt_type type, size_t *align)
{
    switch (type) {
    case SL_OPT_STRING: *align = alignof(char *); return sizeof(char *);
    case SL_OPT_INT: *align = alignof(long); return sizeof(long);
    case SL_OPT_BOOL: *align = alignof(bool); return sizeof(bool);
    case SL_OPT_DOUBLE: *align = alignof(double); return sizeof(double);
    case SL_OPT_STRLIST:
        *align = alignof(sl_strlist);
        return sizeof(sl_strlist);
    }
    *align = 1;
    return 0;
}

static bool valid_option_name(const char *name)
{
    if (!*name)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return true;
}

/* Checks one entry's own facts: name, type, field, range. */
static int check_entry(const sl_plugin *plugin, const sl_option *o,
                       char **message)
{
    if (!valid_option_name(o->name)) {
        *message = sl_text_printf("option \"%s\": a name is made of "
                                  "lower-case letters, digits and '_'",
                                  o->name);
        return -1;
    }
    size_t align;
    size_t size = field_size(o->type, &align);
    if (size == 0) {
        *message = sl_text_printf("option '%s': unknown type %d", o->name,
                                  (int)o->type);
        return -1;
    }
    if (o->flags & SL_OPT_REMOVED)
        return 0; /* the core never touches its field */
    if (o->offset > plugin->state_size ||
        size > plugin->state_size - o->offset) {
        *message = sl_text_printf("option '%s': its field (offset %zu, %zu "
                                  "bytes) does not fit in the stage's state "
                                  "(state_size %zu)",
                                  o->name, o->offset, size, plugin->state_size);
        return -1;
    }
    if (o->offset % align != 0) {
        *message =
            sl_text_printf("option '%s': offset %zu is not aligned "
                           "for a %s",
                           o->name, o->offset, sl_option_type_name(o->type));
        return -1;
    }
    sl_option_range range;
    if ((o->type == SL_OPT_INT || o->type == SL_OPT_DOUBLE) &&
        option_range(o, &range, message) < 0)
        return -1;
    return 0;
}

/* Stores the default of o into a scratch state, to see that it parses and
 * fits the option's type, choices and range. */
static int check_default(const sl_plugin *plugin, const sl_option *o,
                         char **message)
{
    if (!o->def || (o->flags & SL_OPT_REMOVED))
        return 0;
    json_error_t jerr;
    json_t *def = json_loads(o->def, JSON_DECODE_ANY, &jerr);
    if (!def) {
        *message = sl_text_printf("default of option '%s' is not valid "
                                  "JSON: %s",
                                  o->name, o->def);
        return -1;
    }
    void *scratch = calloc(1, plugin->state_size ? plugin->state_size : 1);
    if (!scratch) {
        json_decref(def);
        *message = strdup("out of memory");
        return -1;
    }
    char *why = NULL;
    int rc = store_value(o, scratch, def, &why);
    json_decref(def);
    sl_option one_option[2] = {*o, {0}};
    sl_plugin just_this = {.options = one_option};
    sl_options_release(&just_this, scratch);
    free(scratch);
    if (rc < 0) {
        *message = sl_text_printf("default %s of option '%s' is refused: %s",
                                  o->def, o->name, why);
        free(why);
        return -1;
    }
    return 0;
}

int sl_options_check_table(const sl_plugin *plugin, char **message)
{
    *message = NULL;
    for (const sl_option *o = plugin->options; o && o->name; o++) {
        if (check_entry(plugin, o, message) < 0 ||
            check_default(plugin, o, message) < 0)
            return -1;
        for (const sl_option *before = plugin->options; before != o; before++)
            if (strcmp(before->name, o->name) == 0) {
                *message =
                    sl_text_printf("option '%s' is declared twice", o->name);
                return -1;
            }
    }
    return 0;
}

static char *unknown_option_message(const sl_plugin *plugin, const char *key)
{
    const char *names[128];
    size_t n = 0;
    for (const sl_option *o = plugin->options; o && o->name && n < 127; o++)
        names[n++] = o->name;
    names[n] = NULL;
    const char *near = sl_nearest_name(key, names);
    if (near)
        return sl_text_printf("unknown option '%s'; did you mean '%s'?", key,
                              near);
    if (n == 0)
        return sl_text_printf("unknown option '%s': the stage takes no "
                              "options",
                              key);
    return sl_text_printf("unknown option '%s' (see `sluice describe %s`)", key,
                          plugin->name);
}

int sl_options_bind(const sl_plugin *plugin, void *state, json_t *with,
                    const char **key, char **message)
{
    *key = NULL;
    *message = NULL;
    for (const sl_option *o = plugin->options; o && o->name; o++) {
        sl_option_range range;
        char *why = NULL;
        if ((o->type == SL_OPT_INT || o->type == SL_OPT_DOUBLE) &&
            option_range(o, &range, &why) < 0) {
            *message = sl_text_printf("plugin '%s': %s", plugin->name, why);
            free(why);
            return -1;
        }
    }
    for (const sl_option *o = plugin->options; o && o->name; o++) {
        if (!o->def || (o->flags & SL_OPT_REMOVED))
            continue;
        json_error_t jerr;
        json_t *def = json_loads(o->def, JSON_DECODE_ANY, &jerr);
        if (!def) {
            *message = sl_text_printf("plugin '%s': default of option '%s' "
                                      "is not valid JSON: %s",
                                      plugin->name, o->name, o->def);
            return -1;
        }
        int rc = store_value(o, state, def, message);
        json_decref(def);
        if (rc < 0)
            return -1;
    }
    if (with && !json_is_object(with)) {
        *message = strdup("\"with\" must be an object of options");
        return -1;
    }
    const char *name;
    json_t *value;
    json_object_foreach(with, name, value)
    {
        const sl_option *o = sl_options_find(plugin, name);
        *key = name;
        if (!o) {
            *message = unknown_option_message(plugin, name);
            return -1;
        }
        if (o->flags & SL_OPT_REMOVED) {
            *message = sl_text_printf("option '%s' was removed: %s", o->name,
                                      o->help ? o->help : "");
            return -1;
        }
        if (store_value(o, state, value, message) < 0)
            return -1;
    }
    *key = NULL;
    for (const sl_option *o = plugin->options; o && o->name; o++) {
        if ((o->flags & SL_OPT_REQUIRED) && !json_object_get(with, o->name)) {
            *message = sl_text_printf("option '%s' is required", o->name);
            return -1;
        }
    }
    return 0;
}

void sl_options_release(const sl_plugin *plugin, void *state)
{
    for (const sl_option *o = plugin->options; o && o->name; o++) {
        char *field = (char *)state + o->offset;
        if (o->flags & SL_OPT_REMOVED)
            continue;
        if (o->type == SL_OPT_STRING) {
            free(*(char **)field);
            *(char **)field = NULL;
        } else if (o->type == SL_OPT_STRLIST) {
            sl_strlist *list = (sl_strlist *)field;
            for (size_t i = 0; i < list->n; i++)
                free(list->items[i]);
            free(list->items);
            list->items = NULL;
            list->n = 0;
        }
    }
}
