/* plugins/dedup/dedup_decisions.c - reading the join's decisions for one
 * shard (see dedup_decisions.h).
 */
#include "dedup_decisions.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dedup_decisions {
    dedup_decision *items; /* sorted by seq */
    size_t n, cap;
};

static char *text_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

static int by_seq(const void *a, const void *b)
{
    const dedup_decision *x = a, *y = b;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

dedup_decisions *dedup_decisions_load(const char *path, unsigned shard,
                                      char **why)
{
    *why = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        *why = text_printf("%s: cannot open the decisions file: %s", path,
                           strerror(errno));
        return NULL;
    }
    dedup_decisions *d = calloc(1, sizeof *d);
    char *line = NULL;
    size_t cap = 0;
    unsigned long line_no = 0;
    while (d && getline(&line, &cap, f) > 0) {
        line_no++;
        json_error_t err;
        json_t *j = json_loads(line, 0, &err);
        json_t *s = json_object_get(j, "shard");
        json_t *q = json_object_get(j, "seq");
        const char *id = json_string_value(json_object_get(j, "id"));
        const char *reason = json_string_value(json_object_get(j, "reason"));
        if (!json_is_integer(s) || !json_is_integer(q) || !id || !reason) {
            *why = text_printf("%s:%lu: not a decision (shard, seq, id, "
                               "reason)",
                               path, line_no);
            json_decref(j);
            dedup_decisions_free(d);
            d = NULL;
            break;
        }
        if ((unsigned)json_integer_value(s) == shard) {
            if (d->n == d->cap) {
                size_t c = d->cap ? d->cap * 2 : 256;
                dedup_decision *items = realloc(d->items, c * sizeof *items);
                if (!items) {
                    json_decref(j);
                    dedup_decisions_free(d);
                    d = NULL;
                    break;
                }
                d->items = items;
                d->cap = c;
            }
            dedup_decision *it = &d->items[d->n++];
            it->seq = (uint64_t)json_integer_value(q);
            it->id = strdup(id);
            it->reason = strdup(reason);
            it->detail = json_incref(json_object_get(j, "detail"));
        }
        json_decref(j);
    }
    free(line);
    fclose(f);
    if (d && d->n > 0)
        qsort(d->items, d->n, sizeof *d->items, by_seq);
    return d;
}

const dedup_decision *dedup_decisions_find(const dedup_decisions *d,
                                           uint64_t seq)
{
    dedup_decision key = {.seq = seq};
    if (d->n == 0)
        return NULL;
    return bsearch(&key, d->items, d->n, sizeof *d->items, by_seq);
}

void dedup_decisions_free(dedup_decisions *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].id);
        free(d->items[i].reason);
        json_decref(d->items[i].detail);
    }
    free(d->items);
    free(d);
}
