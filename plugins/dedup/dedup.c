/* plugins/dedup/dedup.c - the dedup stage: drops documents whose kept text
 * is an exact or near copy of an earlier document's, across the whole
 * corpus of the run, keeping the first in input order.
 *
 * It is ordered (it sees documents in input order, on whichever thread
 * is due: its state is bound to none) and has three modes:
 *   drop        the index lives in the run; copies are dropped with the
 *               reason duplicate.exact or duplicate.near and, as detail,
 *               the id of the kept document, the estimated similarity and
 *               how many its cluster has removed so far. With `state` the
 *               index is also logged to a file, which --resume replays.
 *               At the end the ten clusters that removed the most go to
 *               --stats (details.largest_clusters).
 *   signatures  nothing is dropped: each document's fingerprint and
 *               signature are written to `signatures` (with {shard}), for
 *               `sluice-dedup join` to decide over all shards;
 *   apply       the documents listed in `decisions` (the join's output)
 *               for this shard are dropped.
 * See doc/dedup.md.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sluice/output.h>
#include <sluice/sluice.h>

#include "dedup_decisions.h"
#include "dedup_index.h"
#include "dedup_record.h"
#include "dedup_text.h"
#include "minhash.h"

typedef struct dedup_state {
    /* options */
    char *mode;
    long num_perm, bands, shingle, word_shingle;
    double threshold;
    bool near;
    char *state, *signatures, *decisions;
    /* the run */
    dedup_params params;
    minhash *hash;
    dedup_text text;
    uint32_t *mins, *band_keys;
    dedup_record record;
    dedup_index *index;
    FILE *log;      /* the state file, or NULL */
    sl_output *out; /* the signatures, or NULL */
    dedup_decisions *plan;
    unsigned char *buf;
    size_t buf_cap;
} dedup_state;

static const sl_option dedup_options[] = {
    SL_OPTION_STRING(dedup_state, mode, "\"drop\"", 0,
                     "drop: find and drop copies in this run; signatures: "
                     "write each document's signature to `signatures` for "
                     "sluice-dedup join; apply: drop what the join decided "
                     "(`decisions`)",
                     "drop|signatures|apply"),
    SL_OPTION_DOUBLE(dedup_state, threshold, "0.8", 0,
                     "estimated Jaccard similarity of the shingle sets at "
                     "or above which a document is a near copy",
                     "0.05..1"),
    SL_OPTION_BOOL(dedup_state, near, "true", 0,
                   "look for near copies too (false: exact copies only)"),
    SL_OPTION_INT(dedup_state, shingle, "5", 0,
                  "shingle size in characters, for Chinese, Japanese and "
                  "Korean text",
                  "1..64"),
    SL_OPTION_INT(dedup_state, word_shingle, "3", 0,
                  "shingle size in words, for other text", "1..64"),
    SL_OPTION_INT(dedup_state, num_perm, "112", 0,
                  "MinHash permutations (a multiple of bands)", "8..1024"),
    SL_OPTION_INT(dedup_state, bands, "14", 0,
                  "LSH bands; num_perm / bands values each", "1..512"),
    SL_OPTION_STRING(dedup_state, state, NULL, SL_OPT_WRITES_FILE,
                     "mode drop: a file the index is logged to, so that "
                     "--resume can rebuild it (without it the run cannot be "
                     "resumed past this stage)",
                     NULL),
    SL_OPTION_STRING(dedup_state, signatures, NULL, SL_OPT_OUTPUT_PATH,
                     "mode signatures: the signature file, {shard} replaced "
                     "by the shard number",
                     NULL),
    SL_OPTION_STRING(dedup_state, decisions, NULL, SL_OPT_READS_FILE,
                     "mode apply: the decisions `sluice-dedup join` wrote",
                     NULL),
    {0},
};

static sl_status open_log(sl_ctx *ctx, dedup_state *st)
{
    const sl_run_info *run = sl_ctx_run_info(ctx);
    st->log = fopen(st->state, run->resume ? "r+b" : "w+b");
    if (!st->log && run->resume && errno == ENOENT)
        st->log = fopen(st->state, "w+b");
    if (!st->log)
        return sl_fail(ctx, "%s: cannot open the state file: %s", st->state,
                       strerror(errno));
    if (!run->resume) {
        char header[160];
        size_t n = dedup_header(&st->params, header, sizeof header);
        if (fwrite(header, 1, n, st->log) != n)
            return sl_fail(ctx, "%s: cannot write: %s", st->state,
                           strerror(errno));
    }
    return SL_OK;
}

static sl_status dedup_init(sl_ctx *ctx, void *state)
{
    dedup_state *st = state;
    if (st->num_perm % st->bands != 0)
        return sl_fail(ctx, "num_perm (%ld) must be a multiple of bands (%ld)",
                       st->num_perm, st->bands);
    st->params = (dedup_params){(size_t)st->num_perm,
                                (size_t)st->bands,
                                (size_t)st->shingle,
                                (size_t)st->word_shingle,
                                0,
                                0};
    st->hash = malloc(sizeof *st->hash);
    st->mins = calloc((size_t)st->num_perm, sizeof *st->mins);
    st->band_keys = calloc((size_t)st->bands, sizeof *st->band_keys);
    st->record.sig = calloc((size_t)st->num_perm, sizeof *st->record.sig);
    st->record.band_keys = st->band_keys;
    if (!st->hash || !st->mins || !st->band_keys || !st->record.sig ||
        minhash_init(st->hash, (size_t)st->bands,
                     (size_t)(st->num_perm / st->bands)) < 0)
        return sl_fail(ctx, "out of memory");
    if (sl_ctx_run_info(ctx)->check_only)
        return SL_OK;
    if (strcmp(st->mode, "drop") == 0) {
        st->index = dedup_index_new(st->params.num_perm, st->params.bands,
                                    st->threshold);
        if (!st->index)
            return sl_fail(ctx, "out of memory");
        return st->state ? open_log(ctx, st) : SL_OK;
    }
    if (strcmp(st->mode, "signatures") == 0) {
        if (!st->signatures)
            return sl_fail(ctx, "mode signatures needs the signatures option "
                                "(a path, e.g. \"sig-{shard}.bin\")");
        st->out = sl_output_open(ctx, st->signatures, false);
        if (!st->out)
            return SL_ERROR;
        const sl_run_info *run = sl_ctx_run_info(ctx);
        dedup_params p = st->params;
        p.shard = run->shard;
        p.shards = run->shards ? run->shards : 1;
        char header[200];
        size_t n = dedup_header(&p, header, sizeof header);
        return sl_output_write(ctx, st->out, header, n) == 0 ? SL_OK : SL_ERROR;
    }
    if (!st->decisions)
        return sl_fail(ctx, "mode apply needs the decisions option (the file "
                            "sluice-dedup join wrote)");
    char *why = NULL;
    st->plan =
        dedup_decisions_load(st->decisions, sl_ctx_run_info(ctx)->shard, &why);
    if (!st->plan) {
        sl_status rc = sl_fail(ctx, "%s", why ? why : "out of memory");
        free(why);
        return rc;
    }
    return SL_OK;
}

/* Fills st->record from the document: fingerprint, signature, band keys. */
static int describe(dedup_state *st, const sl_doc *doc)
{
    if (dedup_text_read(&st->text, doc, st->params.shingle,
                        st->params.word_shingle) < 0)
        return -1;
    dedup_record *r = &st->record;
    r->seq = doc->seq;
    r->fingerprint = st->text.fingerprint;
    r->has_sig = st->near && st->text.n_shingles > 0;
    if (r->has_sig) {
        minhash_signature(st->hash, st->text.shingles, st->text.n_shingles,
                          st->mins);
        minhash_compact(st->hash, st->mins, r->sig);
        minhash_band_keys(st->hash, st->mins, st->band_keys);
    }
    size_t id_len = strlen(doc->id);
    if (id_len >= sizeof r->id)
        id_len = sizeof r->id - 1;
    memcpy(r->id, doc->id, id_len);
    r->id[id_len] = '\0';
    return 0;
}

static sl_status drop_copy(sl_ctx *ctx, dedup_state *st, const dedup_verdict *v)
{
    json_t *detail =
        json_pack("{ss sI}", "kept", dedup_index_id(st->index, v->kept),
                  "cluster_removed", (json_int_t)v->removed);
    if (detail && v->kind == DEDUP_NEAR)
        json_object_set_new(
            detail, "similarity",
            json_real((double)(int)(v->similarity * 1000) / 1000));
    return sl_drop_with(
        ctx, v->kind == DEDUP_EXACT ? "duplicate.exact" : "duplicate.near",
        detail);
}

static sl_status dedup_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    dedup_state *st = state;
    if (st->plan) {
        const dedup_decision *d = dedup_decisions_find(st->plan, doc->seq);
        if (!d)
            return SL_OK;
        if (strcmp(d->id, doc->id) != 0)
            return sl_fail(ctx,
                           "%s: record %llu of this shard is '%s', the "
                           "decisions say '%s': they were made for another "
                           "input or sharding",
                           st->decisions, (unsigned long long)doc->seq, doc->id,
                           d->id);
        return sl_drop_with(ctx, d->reason, json_incref(d->detail));
    }
    if (describe(st, doc) < 0)
        return sl_fail(ctx, "out of memory");
    if (st->text.n_chars == 0)
        return SL_OK; /* nothing kept: not a copy of anything */
    if (st->out || st->log) {
        size_t n = dedup_record_encode(&st->params, &st->record, &st->buf,
                                       &st->buf_cap);
        if (n == 0)
            return sl_fail(ctx, "out of memory");
        if (st->out)
            return sl_output_write(ctx, st->out, st->buf, n) == 0 ? SL_OK
                                                                  : SL_ERROR;
        if (fwrite(st->buf, 1, n, st->log) != n)
            return sl_fail(ctx, "%s: cannot write: %s", st->state,
                           strerror(errno));
    }
    dedup_verdict v;
    if (dedup_index_add(st->index, doc->id, st->record.fingerprint,
                        st->record.has_sig ? st->record.sig : NULL,
                        st->record.has_sig ? st->band_keys : NULL, &v) < 0)
        return sl_fail(ctx, "out of memory in the deduplication index");
    if (v.kind == DEDUP_UNIQUE)
        return SL_OK;
    return drop_copy(ctx, st, &v);
}

/* Replays the state file up to `bytes` into a fresh index, then cuts the
 * file there. */
static sl_status replay(sl_ctx *ctx, dedup_state *st, long bytes)
{
    if (fseek(st->log, 0, SEEK_SET) != 0)
        return sl_fail(ctx, "%s: %s", st->state, strerror(errno));
    const char *why = NULL;
    dedup_params p = st->params;
    if (dedup_read_header(st->log, &p, &why) < 0)
        return sl_fail(ctx, "%s: %s", st->state, why);
    while (ftell(st->log) < bytes) {
        if (dedup_record_read(st->log, &st->params, &st->record) != 1)
            return sl_fail(ctx,
                           "%s: cut or damaged before byte %ld, where "
                           "the checkpoint says it ends",
                           st->state, bytes);
        dedup_verdict v;
        if (dedup_index_add(st->index, st->record.id, st->record.fingerprint,
                            st->record.has_sig ? st->record.sig : NULL,
                            st->record.has_sig ? st->record.band_keys : NULL,
                            &v) < 0)
            return sl_fail(ctx, "out of memory");
    }
    if (ftell(st->log) != bytes || ftruncate(fileno(st->log), bytes) != 0 ||
        fseek(st->log, bytes, SEEK_SET) != 0)
        return sl_fail(ctx, "%s: does not end where the checkpoint says",
                       st->state);
    return SL_OK;
}

static sl_status dedup_checkpoint(sl_ctx *ctx, void *state, json_t *saved,
                                  bool save)
{
    dedup_state *st = state;
    if (!st->index)
        return SL_OK; /* signatures: the output resumes by itself */
    if (save) {
        if (!st->log)
            return sl_fail(ctx, "the deduplication index is not logged: set "
                                "the state option to make the run "
                                "resumable");
        if (fflush(st->log) != 0 || fdatasync(fileno(st->log)) != 0)
            return sl_fail(ctx, "%s: %s", st->state, strerror(errno));
        json_object_set_new(saved, "state_bytes",
                            json_integer((json_int_t)ftell(st->log)));
        json_object_set_new(
            saved, "documents",
            json_integer((json_int_t)dedup_index_count(st->index)));
        return SL_OK;
    }
    json_t *bytes = json_object_get(saved, "state_bytes");
    if (!st->log || !json_is_integer(bytes))
        return sl_fail(ctx, "the checkpoint has no deduplication state");
    return replay(ctx, st, (long)json_integer_value(bytes));
}

static sl_status dedup_flush(sl_ctx *ctx, void *state)
{
    dedup_state *st = state;
    if (st->out) {
        sl_output *out = st->out;
        st->out = NULL;
        return sl_output_commit(ctx, out) == 0 ? SL_OK : SL_ERROR;
    }
    if (st->log && fflush(st->log) != 0)
        return sl_fail(ctx, "%s: %s", st->state, strerror(errno));
    if (!st->index)
        return SL_OK;
    uint32_t kept[10], removed[10];
    size_t n = dedup_index_largest(st->index, kept, removed, 10);
    sl_count(ctx, "documents_indexed", dedup_index_count(st->index));
    sl_count(ctx, "index_bytes", dedup_index_bytes(st->index));
    if (n > 0)
        sl_count(ctx, "largest_cluster_removed", removed[0]);
    json_t *largest = json_array();
    for (size_t i = 0; largest && i < n; i++)
        json_array_append_new(largest,
                              json_pack("{ss sI}", "kept",
                                        dedup_index_id(st->index, kept[i]),
                                        "removed", (json_int_t)removed[i]));
    sl_stats_detail(ctx, "largest_clusters", largest);
    for (size_t i = 0; i < n && i < 5; i++)
        sl_log(ctx, SL_LOG_INFO, "cluster of '%s' removed %u documents%s",
               dedup_index_id(st->index, kept[i]), removed[i],
               i == 0 ? " (the largest)" : "");
    return SL_OK;
}

static void dedup_fini(void *state)
{
    dedup_state *st = state;
    if (st->out)
        sl_output_abort(st->out);
    if (st->log)
        fclose(st->log);
    dedup_index_free(st->index);
    dedup_decisions_free(st->plan);
    dedup_text_free(&st->text);
    free(st->hash);
    free(st->mins);
    free(st->band_keys);
    free(st->record.sig);
    free(st->buf);
}

const sl_plugin sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "dedup",
    .summary = "drops exact and near-duplicate documents across the corpus "
               "(MinHash, LSH), keeping the first",
    .version = "1.0",
    .options = dedup_options,
    .state_size = sizeof(dedup_state),
    .flags = SL_STAGE_ORDERED | SL_STAGE_ANY_THREAD,
    .init = dedup_init,
    .process = dedup_process,
    .flush = dedup_flush,
    .fini = dedup_fini,
    .checkpoint = dedup_checkpoint,
};
