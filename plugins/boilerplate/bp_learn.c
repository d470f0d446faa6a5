/* plugins/boilerplate/bp_learn.c - the corpus learner (a bounded hash
 * table of key counts, pruned of its rarest entries when full) and the
 * learned model (two sorted arrays searched by bisection). See bp_learn.h
 * for the file format.
 */
#include "bp_learn.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/text.h>

enum { SITE_BIT_SHIFT = 63 };
static const uint64_t site_bit = (uint64_t)1 << SITE_BIT_SHIFT;

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static const uint64_t fnv_offset = 0xcbf29ce484222325ULL;

/* A 64-bit FNV-1a hash of the n bytes at s (the same hash the learned
 * signatures use), for finding equal texts by sorting. */
uint64_t bp_text_hash(const char *s, size_t n)
{
    return fnv1a(fnv_offset, s, n);
}

/* The host part of a URL: between "://" and the next '/', ':' or '?',
 * without a leading "www.". */
static uint64_t host_key(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return 0;
    p += 3;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "/:?#");
    if (n == 0)
        return 0;
    char host[256];
    if (n >= sizeof host)
        n = sizeof host - 1;
    for (size_t i = 0; i < n; i++)
        host[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] + 32) : p[i];
    return fnv1a(fnv_offset, host, n);
}

uint64_t bp_site_key(const sl_doc *doc)
{
    static const char *const fields[] = {"url", "source", "link", "site",
                                         "host"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = sl_doc_meta_string(doc, fields[i]);
        if (!v)
            continue;
        uint64_t k = host_key(v);
        if (k == 0 && i >= 3)
            k = fnv1a(fnv_offset, v, strlen(v));
        if (k)
            return (mix(k) | site_bit);
    }
    const char *src = doc->source ? doc->source : "";
    const char *slash = strrchr(src, '/');
    size_t n = slash ? (size_t)(slash - src) : 0;
    return mix(fnv1a(fnv_offset ^ 0x5157, src, n)) | site_bit;
}

uint64_t bp_block_key(uint64_t site, const char *text, size_t len)
{
    uint64_t h = fnv_offset;
    size_t pos = 0;
    while (pos < len) {
        unsigned char c = (unsigned char)text[pos];
        if (c < 0x80) {
            pos++;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                continue;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            h ^= c;
            h *= 0x100000001b3ULL;
            continue;
        }
        size_t start = pos;
        int32_t cp = sl_utf8_next(text, len, &pos);
        if (sl_is_space(cp))
            continue;
        h = fnv1a(h, text + start, pos - start);
    }
    return mix(h ^ site) & ~site_bit;
}

/* ---------------------------------------------------------------- model */

typedef struct key_count {
    uint64_t key;
    uint32_t count;
} key_count;

struct bp_model {
    key_count *sites, *blocks;
    size_t n_sites, n_blocks;
};

static int compare_keys(const void *a, const void *b)
{
    uint64_t x = ((const key_count *)a)->key, y = ((const key_count *)b)->key;
    return x < y ? -1 : x > y;
}

static int push(key_count **arr, size_t *n, size_t *cap, uint64_t key,
                uint32_t count)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        key_count *p = realloc(*arr, c * sizeof *p);
        if (!p)
            return -1;
        *arr = p;
        *cap = c;
    }
    (*arr)[*n].key = key;
    (*arr)[*n].count = count;
    (*n)++;
    return 0;
}

void bp_model_free(bp_model *model)
{
    if (!model)
        return;
    free(model->sites);
    free(model->blocks);
    free(model);
}

bp_model *bp_model_load(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_len, "cannot open model %s: %s", path,
                 strerror(errno));
        return NULL;
    }
    bp_model *m = calloc(1, sizeof *m);
    size_t cap_sites = 0, cap_blocks = 0;
    char line[128];
    unsigned long lineno = 0;
    int ok = m != NULL;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char type;
        uint64_t key;
        uint32_t count;
        if (sscanf(line, "%c %" SCNx64 " %" SCNu32, &type, &key, &count) != 3 ||
            (type != 'S' && type != 'B')) {
            snprintf(err, err_len, "%s:%lu: not a model record", path, lineno);
            ok = 0;
            break;
        }
        if (type == 'S')
            ok = push(&m->sites, &m->n_sites, &cap_sites, key, count) == 0;
        else
            ok = push(&m->blocks, &m->n_blocks, &cap_blocks, key, count) == 0;
        if (!ok)
            snprintf(err, err_len, "out of memory loading %s", path);
    }
    fclose(f);
    if (!ok) {
        if (!m)
            snprintf(err, err_len, "out of memory loading %s", path);
        bp_model_free(m);
        return NULL;
    }
    if (m->n_sites)
        qsort(m->sites, m->n_sites, sizeof *m->sites, compare_keys);
    if (m->n_blocks)
        qsort(m->blocks, m->n_blocks, sizeof *m->blocks, compare_keys);
    return m;
}

static uint32_t find_count(const key_count *arr, size_t n, uint64_t key)
{
    key_count probe = {key, 0};
    const key_count *hit =
        n ? bsearch(&probe, arr, n, sizeof *arr, compare_keys) : NULL;
    return hit ? hit->count : 0;
}

uint32_t bp_model_site_docs(const bp_model *model, uint64_t site)
{
    return find_count(model->sites, model->n_sites, site);
}

uint32_t bp_model_block_docs(const bp_model *model, uint64_t key)
{
    return find_count(model->blocks, model->n_blocks, key);
}

/* -------------------------------------------------------------- learner */

struct bp_learner {
    pthread_mutex_t lock;
    key_count *slots; /* key 0 = empty */
    size_t cap;       /* power of two */
    size_t used;
    size_t max_used; /* prune above this */
};

bp_learner *bp_learner_new(size_t max_entries)
{
    if (max_entries < 1024)
        max_entries = 1024;
    bp_learner *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    size_t cap = 1024;
    while (cap < max_entries + max_entries / 3)
        cap *= 2;
    l->slots = calloc(cap, sizeof *l->slots);
    if (!l->slots) {
        free(l);
        return NULL;
    }
    l->cap = cap;
    l->max_used = max_entries;
    pthread_mutex_init(&l->lock, NULL);
    return l;
}

void bp_learner_free(bp_learner *learner)
{
    if (!learner)
        return;
    pthread_mutex_destroy(&learner->lock);
    free(learner->slots);
    free(learner);
}

static key_count *slot_for(bp_learner *l, uint64_t key)
{
    if (key == 0)
        key = 1;
    size_t mask = l->cap - 1, i = (size_t)mix(key) & mask;
    while (l->slots[i].key != 0 && l->slots[i].key != key)
        i = (i + 1) & mask;
    return &l->slots[i];
}

/* Drops block entries seen in fewer than `below` documents and rehashes
 * the rest in place (through a scratch copy of the survivors). */
static int prune(bp_learner *l, uint32_t below)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->cap; i++) {
        key_count *s = &l->slots[i];
        if (s->key && ((s->key & site_bit) || s->count >= below))
            kept++;
    }
    key_count *survivors = malloc((kept ? kept : 1) * sizeof *survivors);
    if (!survivors)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < l->cap; i++) {
        key_count *s = &l->slots[i];
        if (s->key && ((s->key & site_bit) || s->count >= below))
            survivors[n++] = *s;
    }
    memset(l->slots, 0, l->cap * sizeof *l->slots);
    for (size_t i = 0; i < n; i++)
        *slot_for(l, survivors[i].key) = survivors[i];
    l->used = n;
    free(survivors);
    return 0;
}

/* Prunes the rarest block entries until the table is at most half full.
 * Returns 0, 1 when nothing more can be pruned (the caller then drops the
 * new key), or -1 when out of memory. */
static int make_room(bp_learner *l)
{
    uint32_t below = 2;
    while (l->used >= l->max_used / 2) {
        size_t before = l->used;
        if (prune(l, below) < 0)
            return -1;
        if (below >= UINT32_MAX / 2)
            return l->used < l->max_used ? 0 : 1;
        below *= 2;
        if (l->used == before && l->used < l->max_used)
            return 0;
    }
    return 0;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int bump(bp_learner *l, uint64_t key)
{
    key_count *s = slot_for(l, key);
    if (s->key == 0 && l->used >= l->max_used) {
        int rc = make_room(l);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        s = slot_for(l, key);
    }
    if (s->key == 0) {
        s->key = key ? key : 1;
        l->used++;
    }
    if (s->count < UINT32_MAX)
        s->count++;
    return 0;
}

int bp_learner_add(bp_learner *learner, uint64_t site, uint64_t *keys, size_t n)
{
    qsort(keys, n, sizeof *keys, compare_u64);
    int rc = 0;
    pthread_mutex_lock(&learner->lock);
    rc = bump(learner, site);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i > 0 && keys[i] == keys[i - 1])
            continue;
        rc = bump(learner, keys[i] & ~site_bit);
    }
    pthread_mutex_unlock(&learner->lock);
    return rc;
}

int bp_learner_write(bp_learner *learner, const char *path, char *err,
                     size_t err_len)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 8);
    if (!tmp) {
        snprintf(err, err_len, "out of memory writing %s", path);
        return -1;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, err_len, "cannot create %s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    int ok = fprintf(f, "# sluice boilerplate model 1\n") > 0;
    pthread_mutex_lock(&learner->lock);
    for (size_t i = 0; ok && i < learner->cap; i++) {
        const key_count *s = &learner->slots[i];
        if (!s->key)
            continue;
        if (s->key & site_bit)
            ok = fprintf(f, "S %016" PRIx64 " %" PRIu32 "\n", s->key,
                         s->count) > 0;
        else if (s->count >= 2)
            ok = fprintf(f, "B %016" PRIx64 " %" PRIu32 "\n", s->key,
                         s->count) > 0;
    }
    pthread_mutex_unlock(&learner->lock);
    if (fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}
