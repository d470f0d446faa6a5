/* plugins/dedup/dedup_join_sorted.c - the join of signature files by
 * sorted merge, in bounded memory (see dedup_join.h). Three passes:
 *
 * 1. Read. Every record of every shard, in order, becomes document number
 *    `doc` (its place in the whole input). Its seq, id and compact
 *    signature go to two temporary files (fixed-size entries, so document
 *    k is found at k times their size), and one key per band and its
 *    fingerprint go to an external sort as (group, key, doc): group 0 is
 *    the fingerprint, group 1 + b band b.
 * 2. Match. The sorted keys come grouped, each group in input order: its
 *    first document is what the index would find as "the first earlier
 *    document with this key". Every later document of a fingerprint group
 *    is an exact copy of the first (marked in a bitmap); every later
 *    document of a band group that is not an exact copy is compared with
 *    the first, and kept as a match when similar enough. The matches
 *    (doc, first, equal values) go to a second external sort.
 * 3. Resolve. Sorted by document, then first: a document's least first is
 *    the earliest match, as the index picks it. Documents come in input
 *    order, each match earlier than itself, so one array is enough to
 *    follow clusters: for a dropped document its cluster's kept one, for
 *    a kept one how many its cluster removed (the bitmap says which).
 *
 * Memory: the sorts' buffers (the budget) plus, per document, 4 bytes for
 * the cluster array and 1 bit for the bitmap.
 */
#include "dedup_join.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dedup_sort.h"
#include "minhash.h"

/* One key in pass 1. */
typedef struct key_entry {
    uint64_t key;
    uint32_t group; /* 0: the fingerprint; 1 + b: band b */
    uint32_t doc;
} key_entry;

/* A candidate found similar enough (or an exact copy) in pass 2. */
typedef struct match_entry {
    uint32_t doc, first;
    uint16_t same; /* equal signature values */
    uint16_t exact;
} match_entry;

/* The fixed-size entry of each document in the documents file: seq, the
 * id's offset and length in the ids file, then the compact signature. */
enum { DOC_HEAD = 8 + 8 + 2 };

typedef struct sorted_join {
    const dedup_params *p;
    double threshold;
    const char *temp_dir;
    FILE *docs, *ids;
    size_t stride;
    uint64_t ids_len;
    uint32_t n_docs;
    uint32_t *shard_start; /* n_shards + 1 */
    int n_shards;
    uint8_t *bits; /* pass 2: exact copies; pass 3: dropped documents */
    uint32_t *val; /* pass 3: cluster's kept document, or removed count */
    dedup_sort *keys, *matches;
    uint16_t *sig_a, *sig_b;
    unsigned char *entry;
    char id[65536], kept_id[65536];
} sorted_join;

static int by_key(const void *a, const void *b)
{
    const key_entry *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int by_doc(const void *a, const void *b)
{
    const match_entry *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static bool bit(const uint8_t *bits, uint32_t doc)
{
    return bits[doc / 8] >> (doc % 8) & 1;
}

static void set_bit(uint8_t *bits, uint32_t doc)
{
    bits[doc / 8] |= (uint8_t)(1u << (doc % 8));
}

static int temp_error(const sorted_join *j)
{
    fprintf(stderr, "sluice-dedup: a temporary file in %s: %s\n", j->temp_dir,
            strerror(errno ? errno : EIO));
    return -1;
}

static int sort_error(const dedup_sort *s)
{
    const char *why = dedup_sort_error(s);
    fprintf(stderr, "sluice-dedup: %s\n", why ? why : "out of memory");
    return -1;
}

static int pread_all(FILE *f, void *buf, size_t len, off_t at)
{
    size_t got = 0;
    while (got < len) {
        ssize_t k =
            pread(fileno(f), (char *)buf + got, len - got, at + (off_t)got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        got += (size_t)k;
    }
    return 0;
}

/* Pass 1: one record of the input as document j->n_docs. */
static int add_document(sorted_join *j, const dedup_record *r)
{
    uint32_t doc = j->n_docs;
    uint64_t id_off = j->ids_len;
    uint16_t id_len = (uint16_t)strlen(r->id);
    memcpy(j->entry, &r->seq, 8);
    memcpy(j->entry + 8, &id_off, 8);
    memcpy(j->entry + 16, &id_len, 2);
    size_t sig_bytes = j->p->num_perm * sizeof *r->sig;
    if (r->has_sig)
        memcpy(j->entry + DOC_HEAD, r->sig, sig_bytes);
    else
        memset(j->entry + DOC_HEAD, 0, sig_bytes);
    if (fwrite(j->entry, j->stride, 1, j->docs) != 1 ||
        fwrite(r->id, 1, id_len, j->ids) != id_len)
        return temp_error(j);
    j->ids_len += id_len;
    key_entry k = {r->fingerprint, 0, doc};
    if (dedup_sort_add(j->keys, &k) < 0)
        return sort_error(j->keys);
    for (size_t b = 0; r->has_sig && b < j->p->bands; b++) {
        k = (key_entry){r->band_keys[b], (uint32_t)(1 + b), doc};
        if (dedup_sort_add(j->keys, &k) < 0)
            return sort_error(j->keys);
    }
    j->n_docs++;
    return 0;
}

static int read_inputs(sorted_join *j, dedup_shard_file *files)
{
    dedup_record r = {0};
    r.sig = calloc(j->p->num_perm, sizeof *r.sig);
    r.band_keys = calloc(j->p->bands, sizeof *r.band_keys);
    int rc = r.sig && r.band_keys ? 0 : -1;
    if (rc < 0)
        fprintf(stderr, "sluice-dedup: out of memory\n");
    for (int i = 0; rc == 0 && i < j->n_shards; i++) {
        j->shard_start[i] = j->n_docs;
        int got = 0;
        while (rc == 0 &&
               (got = dedup_record_read(files[i].f, j->p, &r)) == 1) {
            if (j->n_docs >= UINT32_MAX - 1) {
                fprintf(stderr, "sluice-dedup: more than %u documents\n",
                        UINT32_MAX - 2);
                rc = -1;
            } else {
                rc = add_document(j, &r);
            }
        }
        if (rc == 0 && got < 0) {
            fprintf(stderr,
                    "sluice-dedup: %s: a cut or damaged record at "
                    "byte %ld\n",
                    files[i].path, ftell(files[i].f));
            rc = -1;
        }
    }
    j->shard_start[j->n_shards] = j->n_docs;
    free(r.sig);
    free(r.band_keys);
    if (rc == 0 && (fflush(j->docs) != 0 || fflush(j->ids) != 0))
        return temp_error(j);
    return rc;
}

static int load_sig(sorted_join *j, uint32_t doc, uint16_t *sig)
{
    off_t at = (off_t)doc * (off_t)j->stride + DOC_HEAD;
    if (pread_all(j->docs, sig, j->p->num_perm * sizeof *sig, at) < 0)
        return temp_error(j);
    return 0;
}

/* Pass 2: the matches of every group of equal keys. */
static int find_matches(sorted_join *j)
{
    if (dedup_sort_finish(j->keys) < 0)
        return sort_error(j->keys);
    key_entry k, group = {0, UINT32_MAX, 0};
    uint32_t loaded = UINT32_MAX; /* whose signature sig_a holds */
    int got;
    while ((got = dedup_sort_next(j->keys, &k)) == 1) {
        if (k.group != group.group || k.key != group.key) {
            group = k; /* the first document with this key */
            continue;
        }
        match_entry m = {k.doc, group.doc, (uint16_t)j->p->num_perm, 1};
        if (k.group == 0) {
            set_bit(j->bits, k.doc);
        } else {
            if (bit(j->bits, k.doc))
                continue; /* an exact copy: the band is not looked at */
            if (loaded != group.doc && load_sig(j, group.doc, j->sig_a) < 0)
                return -1;
            loaded = group.doc;
            if (load_sig(j, k.doc, j->sig_b) < 0)
                return -1;
            double sim = minhash_similarity(j->sig_b, j->sig_a, j->p->num_perm);
            if (sim < j->threshold)
                continue;
            size_t same = 0;
            for (size_t i = 0; i < j->p->num_perm; i++)
                same += j->sig_a[i] == j->sig_b[i];
            m.same = (uint16_t)same;
            m.exact = 0;
        }
        if (dedup_sort_add(j->matches, &m) < 0)
            return sort_error(j->matches);
    }
    if (got < 0)
        return sort_error(j->keys);
    return 0;
}

/* The id of doc into buf, and the entry's seq. */
static int load_id(sorted_join *j, uint32_t doc, char *buf, uint64_t *seq)
{
    unsigned char head[DOC_HEAD];
    if (pread_all(j->docs, head, sizeof head, (off_t)doc * (off_t)j->stride) <
        0)
        return temp_error(j);
    uint64_t id_off;
    uint16_t id_len;
    memcpy(seq, head, 8);
    memcpy(&id_off, head + 8, 8);
    memcpy(&id_len, head + 16, 2);
    if (pread_all(j->ids, buf, id_len, (off_t)id_off) < 0)
        return temp_error(j);
    buf[id_len] = '\0';
    return 0;
}

/* Pass 3: clusters and drops, in input order. */
static int resolve(sorted_join *j, dedup_drop_fn emit, void *user,
                   dedup_join_summary *summary)
{
    if (dedup_sort_finish(j->matches) < 0)
        return sort_error(j->matches);
    memset(j->bits, 0, (size_t)j->n_docs / 8 + 1);
    j->val = calloc((size_t)j->n_docs + 1, sizeof *j->val);
    if (!j->val) {
        fprintf(stderr, "sluice-dedup: out of memory (%u documents)\n",
                j->n_docs);
        return -1;
    }
    match_entry m;
    uint32_t last = UINT32_MAX, kept_loaded = UINT32_MAX;
    unsigned shard = 0;
    int got;
    while ((got = dedup_sort_next(j->matches, &m)) == 1) {
        if (m.doc == last)
            continue; /* a later candidate of the same document */
        last = m.doc;
        uint32_t kept = bit(j->bits, m.first) ? j->val[m.first] : m.first;
        j->val[m.doc] = kept;
        set_bit(j->bits, m.doc);
        uint32_t removed = ++j->val[kept];
        while (m.doc >= j->shard_start[shard + 1])
            shard++;
        uint64_t seq, kept_seq;
        if (load_id(j, m.doc, j->id, &seq) < 0 ||
            (kept != kept_loaded &&
             load_id(j, kept, j->kept_id, &kept_seq) < 0))
            return -1;
        kept_loaded = kept;
        dedup_drop d = {
            shard,      seq,
            j->id,      m.exact ? DEDUP_EXACT : DEDUP_NEAR,
            j->kept_id, m.exact ? 1.0 : (double)m.same / (double)j->p->num_perm,
            removed};
        if (m.exact)
            summary->exact++;
        else
            summary->near++;
        if (emit(&d, user) < 0)
            return -1;
    }
    return got < 0 ? sort_error(j->matches) : 0;
}

/* The clusters that removed the most, most first (the earlier on a tie). */
static int largest(sorted_join *j, dedup_join_summary *summary)
{
    uint32_t kept[DEDUP_JOIN_TOP], removed[DEDUP_JOIN_TOP];
    size_t n = 0;
    for (uint32_t d = 0; d < j->n_docs; d++) {
        uint32_t r = j->val[d];
        if (r == 0 || bit(j->bits, d))
            continue;
        size_t at = n;
        while (at > 0 && removed[at - 1] < r)
            at--;
        if (at >= DEDUP_JOIN_TOP)
            continue;
        size_t last = n < DEDUP_JOIN_TOP ? n : DEDUP_JOIN_TOP - 1;
        memmove(kept + at + 1, kept + at, (last - at) * sizeof *kept);
        memmove(removed + at + 1, removed + at, (last - at) * sizeof *removed);
        kept[at] = d;
        removed[at] = r;
        if (n < DEDUP_JOIN_TOP)
            n++;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t seq;
        if (load_id(j, kept[i], j->kept_id, &seq) < 0)
            return -1;
        summary->largest_kept[i] = strdup(j->kept_id);
        summary->largest_removed[i] = removed[i];
        if (!summary->largest_kept[i])
            return -1;
        summary->n_largest = i + 1;
    }
    return 0;
}

int dedup_join_sorted(dedup_shard_file *files, int n, const dedup_params *p,
                      double threshold, size_t memory, const char *temp_dir,
                      dedup_drop_fn emit, void *user,
                      dedup_join_summary *summary)
{
    sorted_join j = {.p = p, .threshold = threshold, .temp_dir = temp_dir};
    j.n_shards = n;
    j.stride = DOC_HEAD + p->num_perm * sizeof(uint16_t);
    /* two thirds for the keys, a third for the matches: both are in use
     * during pass 2 */
    j.keys =
        dedup_sort_new(sizeof(key_entry), by_key, memory / 3 * 2, temp_dir);
    j.matches =
        dedup_sort_new(sizeof(match_entry), by_doc, memory / 3, temp_dir);
    j.shard_start = calloc((size_t)n + 1, sizeof *j.shard_start);
    j.sig_a = calloc(p->num_perm, sizeof *j.sig_a);
    j.sig_b = calloc(p->num_perm, sizeof *j.sig_b);
    j.entry = malloc(j.stride);
    int rc = 0;
    if (!j.keys || !j.matches || !j.shard_start || !j.sig_a || !j.sig_b ||
        !j.entry) {
        fprintf(stderr, "sluice-dedup: out of memory\n");
        rc = -1;
    }
    if (rc == 0) {
        j.docs = dedup_temp_file(temp_dir);
        j.ids = j.docs ? dedup_temp_file(temp_dir) : NULL;
        if (!j.ids)
            rc = temp_error(&j);
    }
    if (rc == 0)
        rc = read_inputs(&j, files);
    if (rc == 0) {
        j.bits = calloc((size_t)j.n_docs / 8 + 1, 1);
        if (!j.bits) {
            fprintf(stderr, "sluice-dedup: out of memory\n");
            rc = -1;
        }
    }
    if (rc == 0)
        rc = find_matches(&j);
    if (rc == 0) {
        summary->runs = dedup_sort_runs(j.keys);
        summary->passes = dedup_sort_passes(j.keys);
        dedup_sort_free(j.keys); /* its temporary file goes */
        j.keys = NULL;
        rc = resolve(&j, emit, user, summary);
    }
    if (rc == 0) {
        summary->runs += dedup_sort_runs(j.matches);
        summary->passes += dedup_sort_passes(j.matches);
        summary->documents = j.n_docs;
        summary->held_bytes = sizeof(uint32_t) * ((size_t)j.n_docs + 1) +
                              (size_t)j.n_docs / 8 + 1;
        rc = largest(&j, summary);
    }
    dedup_sort_free(j.keys);
    dedup_sort_free(j.matches);
    if (j.docs)
        fclose(j.docs);
    if (j.ids)
        fclose(j.ids);
    free(j.shard_start);
    free(j.bits);
    free(j.val);
    free(j.sig_a);
    free(j.sig_b);
    free(j.entry);
    return rc;
}
