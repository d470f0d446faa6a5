/* tests/plugins/seen.c - the whole-corpus stage pattern of
 * doc/plugin-guide.md, as a tested reference: exact deduplication whose
 * state (every text seen so far) is too big for a checkpoint's JSON
 * object.
 *
 * - The stage is ordered: it sees documents one at a time in input order,
 *   so "the first one is kept" means the same whatever -j, and it may
 *   write to its state in process.
 * - Its state lives in a file of its own, an append-only log with one
 *   line per text kept ("HASH<TAB>ID"), named by an option flagged
 *   SL_OPT_WRITES_FILE: the run plan refuses it when it is also an input
 *   or another output and locks it; {shard} gives each shard its own
 *   (sl_ctx_shard_path).
 * - At a checkpoint it flushes and syncs the log and saves only the log's
 *   size; on --resume it cuts the log back to that size (a killed run may
 *   have written past it) and reads it back.
 * - flush is its finish: it emits one summary document (sl_emit with no
 *   source document), which the later stages (the exporter) see last.
 *
 * A duplicate is dropped with sl_drop_with(ctx, "duplicate.exact",
 * {"kept": ID}). Texts are compared by a 64-bit FNV-1a hash of their
 * blocks, enough for a test; a real stage would compare more bits or the
 * text itself.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sluice/sluice.h>

typedef struct seen_entry {
    uint64_t hash; /* 0: empty slot */
    char *id;
} seen_entry;

typedef struct seen_state {
    char *state; /* option: the log's path; {shard} is replaced */
    char *path;  /* the log's path for this shard */
    FILE *log;
    bool ready;    /* the log is in step with the table */
    bool restored; /* --resume gave the log back */
    seen_entry *table;
    size_t cap, used;
    uint64_t duplicates;
} seen_state;

static const sl_option seen_options[] = {
    SL_OPTION_STRING(seen_state, state, NULL,
                     SL_OPT_REQUIRED | SL_OPT_WRITES_FILE,
                     "the state file: one line per distinct text kept; "
                     "{shard} is replaced by the shard number",
                     NULL),
    {0},
};

static uint64_t text_hash(const sl_doc *doc)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        for (size_t k = 0; k < b->len; k++)
            h = (h ^ (unsigned char)b->text[k]) * 1099511628211ull;
        h = (h ^ '\n') * 1099511628211ull;
    }
    return h ? h : 1; /* 0 marks an empty slot */
}

static seen_entry *find(seen_state *st, uint64_t hash)
{
    size_t i = (size_t)hash & (st->cap - 1);
    while (st->table[i].hash && st->table[i].hash != hash)
        i = (i + 1) & (st->cap - 1);
    return &st->table[i];
}

static int grow(seen_state *st)
{
    size_t old_cap = st->cap;
    seen_entry *old = st->table;
    st->cap = old_cap ? old_cap * 2 : 1024;
    st->table = calloc(st->cap, sizeof *st->table);
    if (!st->table) {
        st->table = old;
        st->cap = old_cap;
        return -1;
    }
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].hash)
            *find(st, old[i].hash) = old[i];
    free(old);
    return 0;
}

/* Remembers hash -> id (copied). Returns 0 or -1. */
static int remember(seen_state *st, uint64_t hash, const char *id)
{
    if ((st->used + 1) * 2 > st->cap && grow(st) < 0)
        return -1;
    seen_entry *e = find(st, hash);
    if (!(e->id = strdup(id)))
        return -1;
    e->hash = hash;
    st->used++;
    return 0;
}

static void forget_all(seen_state *st)
{
    for (size_t i = 0; i < st->cap; i++)
        free(st->table[i].id);
    free(st->table);
    st->table = NULL;
    st->cap = st->used = 0;
}

static sl_status seen_init(sl_ctx *ctx, void *state)
{
    seen_state *st = state;
    const sl_run_info *run = sl_ctx_run_info(ctx);
    if (run->check_only)
        return SL_OK;
    if (!(st->path = sl_ctx_shard_path(ctx, st->state)))
        return sl_fail(ctx, "out of memory");
    /* --resume keeps the log until the checkpoint says how much of it
     * counts; a new run starts it afresh */
    st->log = fopen(st->path, run->resume ? "a+" : "w+");
    if (!st->log)
        return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
    return SL_OK;
}

/* Reads the log's first `bytes` bytes back into the table. */
static sl_status load_log(sl_ctx *ctx, seen_state *st, long bytes)
{
    if (fflush(st->log) != 0 || ftruncate(fileno(st->log), bytes) != 0)
        return sl_fail(ctx, "%s: cannot cut back: %s", st->path,
                       strerror(errno));
    rewind(st->log);
    char line[4096];
    while (fgets(line, sizeof line, st->log)) {
        char *tab = strchr(line, '\t');
        size_t len = strlen(line);
        if (!tab || len == 0 || line[len - 1] != '\n')
            return sl_fail(ctx, "%s: not a state file of this stage", st->path);
        line[len - 1] = '\0';
        uint64_t hash = strtoull(line, NULL, 16);
        if (remember(st, hash, tab + 1) < 0)
            return sl_fail(ctx, "out of memory");
    }
    if (fseek(st->log, 0, SEEK_END) != 0)
        return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
    return SL_OK;
}

static sl_status seen_checkpoint(sl_ctx *ctx, void *state, json_t *saved,
                                 bool save)
{
    seen_state *st = state;
    if (save) { /* everything before the checkpoint is in the log, synced */
        long bytes = ftell(st->log);
        if (fflush(st->log) != 0 || fsync(fileno(st->log)) != 0 || bytes < 0)
            return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
        json_object_set_new(saved, "log_bytes", json_integer(bytes));
        json_object_set_new(saved, "duplicates",
                            json_integer((json_int_t)st->duplicates));
        return SL_OK;
    }
    json_int_t bytes = json_integer_value(json_object_get(saved, "log_bytes"));
    if (fseek(st->log, 0, SEEK_END) != 0 || ftell(st->log) < bytes)
        return sl_fail(ctx, "%s is shorter than the checkpoint says", st->path);
    st->duplicates =
        (uint64_t)json_integer_value(json_object_get(saved, "duplicates"));
    st->restored = true;
    st->ready = true;
    return load_log(ctx, st, (long)bytes);
}

static sl_status seen_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    seen_state *st = state;
    if (!st->ready) { /* --resume without a checkpoint: start afresh */
        if (fflush(st->log) != 0 || ftruncate(fileno(st->log), 0) != 0)
            return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
        st->ready = true;
    }
    uint64_t hash = text_hash(doc);
    if (st->cap) {
        const seen_entry *e = find(st, hash);
        if (e->hash) {
            st->duplicates++;
            return sl_drop_with(ctx, "duplicate.exact",
                                json_pack("{ss}", "kept", e->id));
        }
    }
    if (remember(st, hash, doc->id) < 0)
        return sl_fail(ctx, "out of memory");
    if (fprintf(st->log, "%016" PRIx64 "\t%s\n", hash, doc->id) < 0)
        return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
    return SL_OK;
}

/* The finish: one summary document after every input document. */
static sl_status seen_flush(sl_ctx *ctx, void *state)
{
    seen_state *st = state;
    if (!st->log)
        return SL_OK;
    if (fflush(st->log) != 0 || fsync(fileno(st->log)) != 0)
        return sl_fail(ctx, "%s: %s", st->path, strerror(errno));
    sl_doc *summary = sl_emit(ctx, NULL);
    char text[128];
    int len =
        snprintf(text, sizeof text, "%zu distinct, %" PRIu64 " duplicates",
                 st->used, st->duplicates);
    if (!summary || sl_doc_set_id_copy(summary, "seen-summary", 12) < 0 ||
        !sl_doc_append_block_copy(summary, SL_BLOCK_PARAGRAPH, text,
                                  (size_t)len))
        return sl_fail(ctx, "out of memory");
    json_object_set_new(summary->meta, "distinct",
                        json_integer((json_int_t)st->used));
    json_object_set_new(summary->meta, "duplicates",
                        json_integer((json_int_t)st->duplicates));
    return SL_OK;
}

static void seen_fini(void *state)
{
    seen_state *st = state;
    if (st->log)
        fclose(st->log);
    forget_all(st);
    free(st->path);
}

const sl_plugin seen_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "seen",
    .summary = "test stage: drops exact duplicates, with its state in a file",
    .version = "1.0",
    .options = seen_options,
    .state_size = sizeof(seen_state),
    .flags = SL_STAGE_ORDERED,
    .init = seen_init,
    .process = seen_process,
    .flush = seen_flush,
    .fini = seen_fini,
    .checkpoint = seen_checkpoint,
};
