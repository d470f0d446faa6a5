/* core/stats_merge.c - merges the stats of shards (see stats_merge.h). */
#include "stats_merge.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "run_census.h"

/* into[key] += from[key] for the integer members of from. */
static void add_integers(json_t *into, const json_t *from)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)from, key, v)
    {
        if (!json_is_integer(v))
            continue;
        json_int_t before = json_integer_value(json_object_get(into, key));
        json_object_set_new(into, key,
                            json_integer(before + json_integer_value(v)));
    }
}

/* The reader's counts ("input": records skipped by kind...): integers
 * summed, objects merged the same way, one level down. */
static void add_input_counts(json_t *into, const json_t *from)
{
    const char *key;
    json_t *v;
    add_integers(into, from);
    json_object_foreach((json_t *)from, key, v)
    {
        if (!json_is_object(v))
            continue;
        if (!json_is_object(json_object_get(into, key)))
            json_object_set_new(into, key, json_object());
        add_integers(json_object_get(into, key), v);
    }
}

static void add_number(json_t *into, const json_t *from, const char *key)
{
    double sum = json_number_value(json_object_get(into, key)) +
                 json_number_value(json_object_get(from, key));
    json_object_set_new(into, key, json_real(sum));
}

/* Adds one stats file's stages to the merged ones, which have the same
 * names in the same order. */
static int add_stages(json_t *into, const json_t *from, const char *name,
                      char **message)
{
    size_t n = json_array_size(into);
    if (json_array_size(from) != n) {
        *message = sl_text_printf("%s: its pipeline has %zu stages, the "
                                  "first file's %zu: not the same run",
                                  name, json_array_size(from), n);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_array_get(into, i);
        const json_t *b = json_array_get(from, i);
        const char *an = json_string_value(json_object_get(a, "name"));
        const char *bn = json_string_value(json_object_get(b, "name"));
        if (!an || !bn || strcmp(an, bn) != 0) {
            *message =
                sl_text_printf("%s: stage %zu is '%s', in the first "
                               "file '%s': not the same run",
                               name, i + 1, bn ? bn : "?", an ? an : "?");
            return -1;
        }
        add_number(a, b, "seconds");
        add_integers(a, b);
        add_integers(json_object_get(a, "bytes"), json_object_get(b, "bytes"));
        add_integers(json_object_get(a, "counters"),
                     json_object_get(b, "counters"));
        json_object_del(a, "details"); /* one shard's facts, not a sum */
    }
    return 0;
}

/* The first file's copy of a stats object, with the fields that merge
 * as sums present even when that file lacks them. */
static json_t *start_from(const json_t *first)
{
    json_t *m = json_deep_copy(first);
    if (!m)
        return NULL;
    json_t *stages = json_object_get(m, "stages");
    size_t i;
    json_t *s;
    json_array_foreach(stages, i, s)
    {
        if (!json_is_object(json_object_get(s, "bytes")))
            json_object_set_new(s, "bytes", json_object());
        if (!json_is_object(json_object_get(s, "counters")))
            json_object_set_new(s, "counters", json_object());
    }
    return m;
}

/* Earliest of two ISO 8601 UTC times (they sort as text). */
static void keep_earliest(json_t *into, const json_t *from, const char *key)
{
    const char *a = json_string_value(json_object_get(into, key));
    const char *b = json_string_value(json_object_get(from, key));
    if (b && *b && (!a || !*a || strcmp(b, a) < 0))
        json_object_set_new(into, key, json_string(b));
}

static int check_shape(const json_t *stats, const char *name, char **message)
{
    if (!json_is_object(stats) ||
        !json_is_array(json_object_get(stats, "stages")) ||
        !json_is_object(json_object_get(stats, "documents"))) {
        *message = sl_text_printf("%s: not a sluice --stats file", name);
        return -1;
    }
    return 0;
}

json_t *sl_stats_merge(const json_t *const *stats, const char *const *names,
                       size_t n, char **message)
{
    *message = NULL;
    if (n == 0) {
        *message = strdup("no stats files to merge");
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (check_shape(stats[i], names[i], message) < 0)
            return NULL;
    json_t *m = start_from(stats[0]);
    sl_census *census = sl_census_new();
    json_t *inputs = json_array();
    json_t *files = json_array();
    bool complete = true;
    double wall = 0, reader = 0; /* the longest wall, the summed CPU */
    double ordered = 0;
    bool any_reader = false, any_ordered = false;
    int rc = m && census && inputs && files ? 0 : -1;
    if (rc < 0)
        *message = strdup("out of memory merging stats");
    json_t *documents = json_object(), *bytes = json_object();
    json_t *counts = json_object();
    json_t *input = json_object();
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const json_t *s = stats[i];
        if (i > 0)
            rc = add_stages(json_object_get(m, "stages"),
                            json_object_get(s, "stages"), names[i], message);
        if (rc < 0)
            break;
        add_integers(documents, json_object_get(s, "documents"));
        add_input_counts(input, json_object_get(s, "input"));
        add_integers(bytes, json_object_get(s, "bytes"));
        json_t *top = json_pack("{sO? sO? sO?}", "reader_failures",
                                json_object_get(s, "reader_failures"),
                                "crashes", json_object_get(s, "crashes"),
                                "resumed_at", json_object_get(s, "resumed_at"));
        add_integers(counts, top);
        json_decref(top);
        const json_t *c = json_object_get(s, "census");
        if (c && sl_census_add_json(census, c, message) != 0) {
            char *why = sl_text_printf("%s: %s", names[i], *message);
            free(*message);
            *message = why;
            rc = -1;
            break;
        }
        size_t k;
        json_t *v;
        json_array_foreach(json_object_get(s, "inputs"), k, v)
        {
            json_array_append(inputs, v);
        }
        json_array_append_new(files, json_string(names[i]));
        complete = complete && json_is_true(json_object_get(s, "complete"));
        double w = json_number_value(json_object_get(s, "wall_seconds"));
        if (w > wall)
            wall = w;
        const json_t *r = json_object_get(s, "reader_seconds");
        any_reader = any_reader || json_is_number(r);
        reader += json_number_value(r);
        const json_t *o = json_object_get(s, "ordered_seconds");
        any_ordered = any_ordered || json_is_number(o);
        ordered += json_number_value(o);
        keep_earliest(m, s, "started");
    }
    if (rc == 0) {
        json_object_set(m, "documents", documents);
        json_object_set(m, "bytes", bytes);
        if (json_object_size(input) > 0)
            json_object_set(m, "input", input);
        json_object_update(m, counts);
        json_object_set_new(m, "census", sl_census_json(census));
        json_object_set(m, "inputs", inputs);
        json_object_set(m, "merged_from", files);
        json_object_set_new(m, "shards_merged", json_integer((json_int_t)n));
        json_object_set_new(m, "complete", json_boolean(complete));
        json_object_set_new(m, "wall_seconds", json_real(wall));
        if (any_reader)
            json_object_set_new(m, "reader_seconds", json_real(reader));
        if (any_ordered)
            json_object_set_new(m, "ordered_seconds", json_real(ordered));
        json_object_del(m, "shard");
    }
    json_decref(documents);
    json_decref(bytes);
    json_decref(counts);
    json_decref(input);
    json_decref(inputs);
    json_decref(files);
    sl_census_free(census);
    if (rc != 0) {
        json_decref(m);
        return NULL;
    }
    return m;
}
