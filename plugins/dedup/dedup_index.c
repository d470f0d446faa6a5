/* plugins/dedup/dedup_index.c - the corpus index (see dedup_index.h). */
#include "dedup_index.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"

#define EMPTY UINT32_MAX

/* Open addressing from a 32-bit band key to the first document with it. */
typedef struct band_table {
    uint32_t *keys, *docs;
    size_t cap, used;
} band_table;

/* From a fingerprint to the first document with it. */
typedef struct exact_table {
    uint64_t *keys;
    uint32_t *docs;
    size_t cap, used;
} exact_table;

struct dedup_index {
    size_t num_perm, bands;
    double threshold;
    band_table *band;
    exact_table exact;
    size_t n, cap;     /* documents indexed, room in the arrays below */
    uint16_t *sigs;    /* num_perm per document */
    uint32_t *cluster; /* the kept document of each one's cluster */
    uint32_t *removed; /* per kept document: how many its cluster removed */
    uint64_t *id_at;   /* offset of each id in ids */
    char *ids;
    size_t ids_len, ids_cap;
};

static uint32_t mix32(uint32_t k)
{
    k ^= k >> 16;
    k *= 0x7FEB352Du;
    k ^= k >> 15;
    k *= 0x846CA68Bu;
    return k ^ (k >> 16);
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    return k ^ (k >> 33);
}

static int band_grow(band_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    uint32_t *keys = malloc(cap * sizeof *keys);
    uint32_t *docs = malloc(cap * sizeof *docs);
    if (!keys || !docs) {
        free(keys);
        free(docs);
        return -1;
    }
    memset(docs, 0xFF, cap * sizeof *docs);
    for (size_t i = 0; i < t->cap; i++) {
        if (t->docs[i] == EMPTY)
            continue;
        size_t j = mix32(t->keys[i]) & (cap - 1);
        while (docs[j] != EMPTY)
            j = (j + 1) & (cap - 1);
        keys[j] = t->keys[i];
        docs[j] = t->docs[i];
    }
    free(t->keys);
    free(t->docs);
    t->keys = keys;
    t->docs = docs;
    t->cap = cap;
    return 0;
}

/* The first document with key, or EMPTY after recording doc as it. */
static int band_first(band_table *t, uint32_t key, uint32_t doc,
                      uint32_t *first)
{
    if ((t->used + 1) * 10 > t->cap * 7 && band_grow(t) < 0)
        return -1;
    size_t j = mix32(key) & (t->cap - 1);
    while (t->docs[j] != EMPTY) {
        if (t->keys[j] == key) {
            *first = t->docs[j];
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->keys[j] = key;
    t->docs[j] = doc;
    t->used++;
    *first = EMPTY;
    return 0;
}

static int exact_grow(exact_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    uint64_t *keys = malloc(cap * sizeof *keys);
    uint32_t *docs = malloc(cap * sizeof *docs);
    if (!keys || !docs) {
        free(keys);
        free(docs);
        return -1;
    }
    memset(docs, 0xFF, cap * sizeof *docs);
    for (size_t i = 0; i < t->cap; i++) {
        if (t->docs[i] == EMPTY)
            continue;
        size_t j = mix64(t->keys[i]) & (cap - 1);
        while (docs[j] != EMPTY)
            j = (j + 1) & (cap - 1);
        keys[j] = t->keys[i];
        docs[j] = t->docs[i];
    }
    free(t->keys);
    free(t->docs);
    t->keys = keys;
    t->docs = docs;
    t->cap = cap;
    return 0;
}

static int exact_first(exact_table *t, uint64_t key, uint32_t doc,
                       uint32_t *first)
{
    if ((t->used + 1) * 10 > t->cap * 7 && exact_grow(t) < 0)
        return -1;
    size_t j = mix64(key) & (t->cap - 1);
    while (t->docs[j] != EMPTY) {
        if (t->keys[j] == key) {
            *first = t->docs[j];
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->keys[j] = key;
    t->docs[j] = doc;
    t->used++;
    *first = EMPTY;
    return 0;
}

dedup_index *dedup_index_new(size_t num_perm, size_t bands, double threshold)
{
    dedup_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->num_perm = num_perm;
    ix->bands = bands;
    ix->threshold = threshold;
    ix->band = calloc(bands, sizeof *ix->band);
    if (!ix->band) {
        free(ix);
        return NULL;
    }
    return ix;
}

void dedup_index_free(dedup_index *ix)
{
    if (!ix)
        return;
    for (size_t b = 0; b < ix->bands; b++) {
        free(ix->band[b].keys);
        free(ix->band[b].docs);
    }
    free(ix->band);
    free(ix->exact.keys);
    free(ix->exact.docs);
    free(ix->sigs);
    free(ix->cluster);
    free(ix->removed);
    free(ix->id_at);
    free(ix->ids);
    free(ix);
}

static int make_room(dedup_index *ix, size_t id_len)
{
    if (ix->n == ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 1024;
        uint16_t *sigs = realloc(ix->sigs, cap * ix->num_perm * sizeof *sigs);
        if (sigs)
            ix->sigs = sigs;
        uint32_t *cluster = realloc(ix->cluster, cap * sizeof *cluster);
        if (cluster)
            ix->cluster = cluster;
        uint32_t *removed = realloc(ix->removed, cap * sizeof *removed);
        if (removed)
            ix->removed = removed;
        uint64_t *id_at = realloc(ix->id_at, cap * sizeof *id_at);
        if (id_at)
            ix->id_at = id_at;
        if (!sigs || !cluster || !removed || !id_at)
            return -1;
        ix->cap = cap;
    }
    if (ix->ids_len + id_len + 1 > ix->ids_cap) {
        size_t cap = ix->ids_cap ? ix->ids_cap * 2 : 65536;
        while (cap < ix->ids_len + id_len + 1)
            cap *= 2;
        char *ids = realloc(ix->ids, cap);
        if (!ids)
            return -1;
        ix->ids = ids;
        ix->ids_cap = cap;
    }
    return 0;
}

int dedup_index_add(dedup_index *ix, const char *id, uint64_t fingerprint,
                    const uint16_t *sig, const uint32_t *band_keys,
                    dedup_verdict *v)
{
    size_t id_len = strlen(id);
    if (ix->n >= EMPTY - 1 || make_room(ix, id_len) < 0)
        return -1;
    uint32_t doc = (uint32_t)ix->n;
    memcpy(ix->ids + ix->ids_len, id, id_len + 1);
    ix->id_at[doc] = ix->ids_len;
    ix->ids_len += id_len + 1;
    uint16_t *mine = ix->sigs + (size_t)doc * ix->num_perm;
    if (sig)
        memcpy(mine, sig, ix->num_perm * sizeof *mine);
    else
        memset(mine, 0, ix->num_perm * sizeof *mine);

    *v = (dedup_verdict){DEDUP_UNIQUE, doc, 0.0, 0};
    uint32_t first;
    if (exact_first(&ix->exact, fingerprint, doc, &first) < 0)
        return -1;
    uint32_t match = EMPTY;
    if (first != EMPTY) {
        v->kind = DEDUP_EXACT;
        v->similarity = 1.0;
        match = first;
    }
    /* band keys are recorded even for a copy, so that a later document
     * finds the first one with each key */
    for (size_t b = 0; sig && band_keys && b < ix->bands; b++) {
        if (band_first(&ix->band[b], band_keys[b], doc, &first) < 0)
            return -1;
        if (first == EMPTY || v->kind == DEDUP_EXACT ||
            (match != EMPTY && first >= match))
            continue;
        double sim = minhash_similarity(
            mine, ix->sigs + (size_t)first * ix->num_perm, ix->num_perm);
        if (sim >= ix->threshold) {
            v->kind = DEDUP_NEAR;
            v->similarity = sim;
            match = first;
        }
    }
    ix->n++;
    if (match == EMPTY) {
        ix->cluster[doc] = doc;
        ix->removed[doc] = 0;
        return 0;
    }
    uint32_t kept = ix->cluster[match];
    ix->cluster[doc] = kept;
    ix->removed[doc] = 0;
    v->kept = kept;
    v->removed = ++ix->removed[kept];
    return 0;
}

size_t dedup_index_count(const dedup_index *ix)
{
    return ix->n;
}

const char *dedup_index_id(const dedup_index *ix, uint32_t doc)
{
    return doc < ix->n ? ix->ids + ix->id_at[doc] : NULL;
}

size_t dedup_index_bytes(const dedup_index *ix)
{
    size_t bytes = sizeof *ix + ix->bands * sizeof *ix->band;
    for (size_t b = 0; b < ix->bands; b++)
        bytes += ix->band[b].cap * 2 * sizeof(uint32_t);
    bytes += ix->exact.cap * (sizeof(uint64_t) + sizeof(uint32_t));
    bytes += ix->cap * (ix->num_perm * sizeof(uint16_t) + 2 * sizeof(uint32_t) +
                        sizeof(uint64_t));
    return bytes + ix->ids_cap;
}

size_t dedup_index_largest(const dedup_index *ix, uint32_t *kept,
                           uint32_t *removed, size_t max)
{
    size_t n = 0;
    for (size_t d = 0; d < ix->n; d++) {
        uint32_t r = ix->removed[d];
        if (r == 0 || ix->cluster[d] != d)
            continue;
        size_t at = n < max ? n : max;
        while (at > 0 && removed[at - 1] < r)
            at--;
        if (at >= max)
            continue;
        size_t move = (n < max ? n : max - 1) - at;
        memmove(kept + at + 1, kept + at, move * sizeof *kept);
        memmove(removed + at + 1, removed + at, move * sizeof *removed);
        kept[at] = (uint32_t)d;
        removed[at] = r;
        if (n < max)
            n++;
    }
    return n;
}
