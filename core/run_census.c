/* core/run_census.c - lengths, sites, languages, page types and the
 * slowest documents of a run (see run_census.h).
 */
#include "run_census.h"

#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One counted name: a site, a language or a page type. */
typedef struct census_entry {
    char *key; /* NULL: free slot */
    uint64_t docs, kept;
    uint64_t bytes_before, bytes_after;
} census_entry;

/* Names with their counts: open addressing, at most SL_CENSUS_MAX_KEYS
 * names, then everything new goes to "(other)". */
typedef struct census_table {
    census_entry *slots;
    size_t cap, used;
} census_table;

typedef struct slow_doc {
    char *id, *source;
    double seconds;
    uint64_t bytes;
} slow_doc;

struct sl_census {
    uint64_t before[SL_CENSUS_BUCKETS]; /* every document */
    uint64_t after[SL_CENSUS_BUCKETS];  /* documents kept */
    census_table sites, langs, page_types;
    slow_doc slowest[SL_CENSUS_SLOWEST]; /* slowest first */
    size_t n_slowest;
};

static const char other_key[] = "(other)";

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static void table_free(census_table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->slots[i].key);
    free(t->slots);
    t->slots = NULL;
    t->cap = t->used = 0;
}

static census_entry *table_slot(census_table *t, const char *key)
{
    size_t i = (size_t)hash_key(key) & (t->cap - 1);
    while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0)
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

static int table_grow(census_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    census_entry *old = t->slots;
    size_t old_cap = t->cap;
    t->slots = calloc(cap, sizeof *t->slots);
    if (!t->slots) {
        t->slots = old;
        return -1;
    }
    t->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *table_slot(t, old[i].key) = old[i];
    free(old);
    return 0;
}

/* The entry for key, created when new; NULL when out of memory. */
static census_entry *table_get(census_table *t, const char *key)
{
    if (t->cap && table_slot(t, key)->key)
        return table_slot(t, key);
    if (t->used >= SL_CENSUS_MAX_KEYS && strcmp(key, other_key) != 0)
        return table_get(t, other_key);
    if ((t->used + 1) * 4 > t->cap * 3 && table_grow(t) != 0)
        return NULL;
    census_entry *e = table_slot(t, key);
    e->key = strdup(key);
    if (!e->key)
        return NULL;
    t->used++;
    return e;
}

sl_census *sl_census_new(void)
{
    return calloc(1, sizeof(sl_census));
}

void sl_census_free(sl_census *c)
{
    if (!c)
        return;
    table_free(&c->sites);
    table_free(&c->langs);
    table_free(&c->page_types);
    for (size_t i = 0; i < c->n_slowest; i++) {
        free(c->slowest[i].id);
        free(c->slowest[i].source);
    }
    free(c);
}

static size_t bucket_of(uint64_t bytes)
{
    size_t k = 0;
    while (bytes > 0 && k + 1 < SL_CENSUS_BUCKETS) {
        bytes >>= 1;
        k++;
    }
    return k;
}

bool sl_census_site_of(const char *url, char *buf, size_t size)
{
    const char *p = strstr(url, "://");
    if (!p || size == 0)
        return false;
    p += 3;
    const char *at = NULL;
    const char *end = p;
    while (*end && *end != '/' && *end != '?' && *end != '#') {
        if (*end == '@')
            at = end;
        end++;
    }
    if (at)
        p = at + 1;
    const char *host_end = p;
    if (*p == '[') { /* an IPv6 literal keeps its colons */
        while (host_end < end && *host_end != ']')
            host_end++;
        if (host_end < end)
            host_end++;
    } else {
        while (host_end < end && *host_end != ':')
            host_end++;
    }
    if (host_end - p > 4 && strncasecmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = (size_t)(host_end - p);
    if (n == 0)
        return false;
    if (n >= size)
        n = size - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)tolower((unsigned char)p[i]);
    while (n > 0 && buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
    return n > 0;
}

static int count_key(census_table *t, const char *key, bool kept,
                     uint64_t before, uint64_t after)
{
    census_entry *e = table_get(t, key);
    if (!e)
        return -1;
    e->docs++;
    e->kept += kept;
    e->bytes_before += before;
    e->bytes_after += after;
    return 0;
}

static const char *meta_string(const sl_doc *doc, const char *key)
{
    return json_string_value(json_object_get(doc->meta, key));
}

static int note_slow(sl_census *c, const char *id, const char *source,
                     double seconds, uint64_t bytes)
{
    size_t at = c->n_slowest;
    while (at > 0 && c->slowest[at - 1].seconds < seconds)
        at--;
    if (at >= SL_CENSUS_SLOWEST)
        return 0;
    char *id_copy = strdup(id ? id : "");
    char *source_copy = strdup(source ? source : "");
    if (!id_copy || !source_copy) {
        free(id_copy);
        free(source_copy);
        return -1;
    }
    if (c->n_slowest == SL_CENSUS_SLOWEST) {
        free(c->slowest[SL_CENSUS_SLOWEST - 1].id);
        free(c->slowest[SL_CENSUS_SLOWEST - 1].source);
        c->n_slowest--;
    }
    memmove(&c->slowest[at + 1], &c->slowest[at],
            (c->n_slowest - at) * sizeof c->slowest[0]);
    c->slowest[at] = (slow_doc){id_copy, source_copy, seconds, bytes};
    c->n_slowest++;
    return 0;
}

int sl_census_add(sl_census *c, const sl_doc *doc, sl_census_outcome outcome,
                  double seconds)
{
    uint64_t before = 0, after = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->flags & SL_BLOCK_MERGED)
            continue; /* its text is in the block it joined */
        before += b->len;
        if (!(b->flags & SL_BLOCK_BOILERPLATE))
            after += b->len;
    }
    bool kept = outcome == SL_CENSUS_KEPT;
    if (!kept)
        after = 0;
    c->before[bucket_of(before)]++;
    if (kept)
        c->after[bucket_of(after)]++;

    int rc = 0;
    const char *url = meta_string(doc, "url");
    char site[256];
    if (outcome != SL_CENSUS_FAILED) {
        if (!url || !sl_census_site_of(url, site, sizeof site))
            strcpy(site, "(no url)");
        rc |= count_key(&c->sites, site, kept, before, after);
        const char *lang = meta_string(doc, "lang");
        if (lang)
            rc |= count_key(&c->langs, lang, kept, before, after);
        const char *type = meta_string(doc, "page_type");
        if (type)
            rc |= count_key(&c->page_types, type, kept, before, after);
    }
    rc |= note_slow(c, doc->id, doc->source, seconds, doc->raw_len);
    return rc ? -1 : 0;
}

/* ---- JSON ---- */

static json_t *buckets_json(const uint64_t *counts)
{
    size_t n = SL_CENSUS_BUCKETS;
    while (n > 0 && counts[n - 1] == 0)
        n--;
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_integer((json_int_t)counts[i]));
    return a;
}

static json_t *table_json(const census_table *t)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < t->cap; i++) {
        const census_entry *e = &t->slots[i];
        if (!e->key)
            continue;
        json_object_set_new(
            o, e->key,
            json_pack("{sI sI sI sI}", "docs", (json_int_t)e->docs, "kept",
                      (json_int_t)e->kept, "bytes_before",
                      (json_int_t)e->bytes_before, "bytes_after",
                      (json_int_t)e->bytes_after));
    }
    return o;
}

json_t *sl_census_json(const sl_census *c)
{
    json_t *slow = json_array();
    for (size_t i = 0; slow && i < c->n_slowest; i++)
        json_array_append_new(slow, json_pack("{ss ss sf sI}", "id",
                                              c->slowest[i].id, "source",
                                              c->slowest[i].source, "seconds",
                                              c->slowest[i].seconds, "bytes",
                                              (json_int_t)c->slowest[i].bytes));
    json_t *root = json_pack(
        "{s{so so} so so so so}", "length_histogram", "before",
        buckets_json(c->before), "after", buckets_json(c->after), "sites",
        table_json(&c->sites), "langs", table_json(&c->langs), "page_types",
        table_json(&c->page_types), "slowest", slow);
    if (root)
        json_object_set_new(root, "bucket_rule",
                            json_string("bucket k: texts of 2^(k-1) to "
                                        "2^k - 1 bytes; bucket 0: empty"));
    return root;
}

static int add_buckets(uint64_t *counts, const json_t *saved)
{
    if (saved && !json_is_array(saved))
        return -1;
    size_t i;
    json_t *v;
    json_array_foreach(saved, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) < 0 ||
            i >= SL_CENSUS_BUCKETS)
            return -1;
        counts[i] += (uint64_t)json_integer_value(v);
    }
    return 0;
}

static uint64_t count_of(const json_t *o, const char *key)
{
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 ? (uint64_t)v : 0;
}

static int add_table(census_table *t, const json_t *saved)
{
    if (saved && !json_is_object(saved))
        return -1;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)saved, key, v)
    {
        if (!json_is_object(v))
            return -1;
        census_entry *e = table_get(t, key);
        if (!e)
            return -1;
        e->docs += count_of(v, "docs");
        e->kept += count_of(v, "kept");
        e->bytes_before += count_of(v, "bytes_before");
        e->bytes_after += count_of(v, "bytes_after");
    }
    return 0;
}

int sl_census_add_json(sl_census *c, const json_t *saved, char **message)
{
    const json_t *hist = json_object_get(saved, "length_histogram");
    int rc = json_is_object(saved) ? 0 : -1;
    if (rc == 0)
        rc = add_buckets(c->before, json_object_get(hist, "before"));
    if (rc == 0)
        rc = add_buckets(c->after, json_object_get(hist, "after"));
    if (rc == 0)
        rc = add_table(&c->sites, json_object_get(saved, "sites"));
    if (rc == 0)
        rc = add_table(&c->langs, json_object_get(saved, "langs"));
    if (rc == 0)
        rc = add_table(&c->page_types, json_object_get(saved, "page_types"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(saved, "slowest"), i, v)
    {
        if (rc != 0)
            break;
        rc = note_slow(c, json_string_value(json_object_get(v, "id")),
                       json_string_value(json_object_get(v, "source")),
                       json_number_value(json_object_get(v, "seconds")),
                       count_of(v, "bytes"));
    }
    if (rc != 0)
        *message = strdup("the census is not one sluice wrote (or memory "
                          "ran out reading it)");
    return rc;
}
