/* plugins/export/format_sqlite.c - an SQLite database for analysis, with
 * the tables documents, sections, figures and removed_blocks (schema in
 * doc/export-formats.md), keys between them and indexes for the usual
 * lookups.
 *
 * The database is built in a temporary file next to the output, through
 * prepared statements, `batch` documents per transaction; the indexes are
 * made at the end. Then the finished file is copied into the stage's
 * output, which renames it into place (or compresses it, for .gz/.zst), so
 * the final name only ever holds a complete, consistent database.
 */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

static const char schema[] =
    "CREATE TABLE documents ("
    " doc_key INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL,"
    " title TEXT,"
    " text TEXT NOT NULL,"
    " chars INTEGER NOT NULL,"
    " metadata TEXT NOT NULL,"
    " source TEXT);"
    "CREATE TABLE sections ("
    " section_key INTEGER PRIMARY KEY,"
    " doc_key INTEGER NOT NULL REFERENCES documents(doc_key),"
    " idx INTEGER NOT NULL,"
    " parent_key INTEGER REFERENCES sections(section_key),"
    " level INTEGER NOT NULL,"
    " heading TEXT NOT NULL,"
    " path TEXT NOT NULL);"
    "CREATE TABLE figures ("
    " figure_key INTEGER PRIMARY KEY,"
    " doc_key INTEGER NOT NULL REFERENCES documents(doc_key),"
    " section_key INTEGER REFERENCES sections(section_key),"
    " text TEXT NOT NULL,"
    " value REAL, unit TEXT, kind TEXT, qualifier TEXT,"
    " low REAL, high REAL,"
    " block INTEGER NOT NULL,"
    " sentence TEXT NOT NULL);"
    "CREATE TABLE removed_blocks ("
    " removed_key INTEGER PRIMARY KEY,"
    " doc_key INTEGER NOT NULL REFERENCES documents(doc_key),"
    " block INTEGER NOT NULL,"
    " line INTEGER,"
    " text TEXT NOT NULL,"
    " reason TEXT,"
    " score REAL);";

static const char indexes[] =
    "CREATE INDEX documents_id ON documents(id);"
    "CREATE INDEX sections_doc ON sections(doc_key);"
    "CREATE INDEX figures_doc ON figures(doc_key);"
    "CREATE INDEX figures_kind_unit ON figures(kind, unit);"
    "CREATE INDEX removed_blocks_doc ON removed_blocks(doc_key);"
    "CREATE INDEX removed_blocks_reason ON removed_blocks(reason);";

typedef struct sqlite_out {
    sqlite3 *db;
    char *temp_path;
    sqlite3_stmt *insert_document, *insert_section, *insert_figure,
        *insert_removed;
    long in_batch;
    sqlite3_int64 *section_keys; /* of the current document's sections */
    size_t cap_section_keys;
} sqlite_out;

static atomic_uint temp_counter;

static int db_fail(sl_ctx *ctx, sqlite_out *so, const char *what)
{
    sl_fail(ctx, "sqlite: %s: %s", what,
            so->db ? sqlite3_errmsg(so->db) : "cannot open");
    return -1;
}

/* A fresh file next to the output (or in TMPDIR for standard output). */
static char *make_temp_path(const char *final_path)
{
    char *dir, *base;
    if (strcmp(final_path, "-") == 0) {
        const char *tmp = getenv("TMPDIR");
        dir = strdup(tmp && *tmp ? tmp : "/tmp");
        base = strdup("sluice.sqlite");
    } else {
        const char *slash = strrchr(final_path, '/');
        dir = slash ? strndup(final_path, (size_t)(slash - final_path))
                    : strdup(".");
        base = strdup(slash ? slash + 1 : final_path);
    }
    char *path = NULL;
    if (dir && base) {
        size_t size = strlen(dir) + strlen(base) + 64;
        path = malloc(size);
        for (int attempt = 0; path && attempt < 100; attempt++) {
            snprintf(path, size, "%s/.%s.building-%ld-%u", dir, base,
                     (long)getpid(), atomic_fetch_add(&temp_counter, 1));
            int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd >= 0) {
                close(fd);
                break;
            }
            if (errno != EEXIST || attempt == 99) {
                free(path);
                path = NULL;
            }
        }
    }
    free(dir);
    free(base);
    return path;
}

static int prepare(sl_ctx *ctx, sqlite_out *so, const char *sql,
                   sqlite3_stmt **stmt)
{
    if (sqlite3_prepare_v2(so->db, sql, -1, stmt, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "preparing a statement");
    return 0;
}

static int sqlite_begin(sl_ctx *ctx, export_state *st)
{
    /* the database is only written out at the end, so a checkpoint of an
     * interrupted run holds none of it: resuming would lose documents */
    if (sl_ctx_run_info(ctx)->resume)
        return sl_fail(ctx, "the sqlite format cannot continue an "
                            "interrupted run; run again without --resume");
    sqlite_out *so = calloc(1, sizeof *so);
    if (!so)
        return sl_fail(ctx, "out of memory");
    st->format_data = so;
    so->temp_path = make_temp_path(sl_output_path(st->out));
    if (!so->temp_path)
        return sl_fail(ctx,
                       "cannot create a temporary database next to "
                       "'%s': %s",
                       sl_output_path(st->out), strerror(errno));
    if (sqlite3_open_v2(so->temp_path, &so->db, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK)
        return db_fail(ctx, so, "opening the temporary database");
    /* the file is renamed into place only when complete, so the temporary
     * copy needs no crash safety of its own */
    if (sqlite3_exec(so->db,
                     "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
                     "PRAGMA foreign_keys=ON;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(so->db, schema, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "creating the tables");
    if (prepare(ctx, so,
                "INSERT INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &so->insert_document) ||
        prepare(ctx, so,
                "INSERT INTO sections VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6)",
                &so->insert_section) ||
        prepare(ctx, so,
                "INSERT INTO figures VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, "
                "?7, ?8, ?9, ?10, ?11)",
                &so->insert_figure) ||
        prepare(ctx, so,
                "INSERT INTO removed_blocks VALUES (NULL, ?1, ?2, ?3, ?4, "
                "?5, ?6)",
                &so->insert_removed))
        return -1;
    return 0;
}

static void bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s,
                              size_t len)
{
    if (s)
        sqlite3_bind_text64(stmt, i, s, len, SQLITE_STATIC, SQLITE_UTF8);
    else
        sqlite3_bind_null(stmt, i);
}

static void bind_cstr(sqlite3_stmt *stmt, int i, const char *s)
{
    bind_text_or_null(stmt, i, s, s ? strlen(s) : 0);
}

static int run(sl_ctx *ctx, sqlite_out *so, sqlite3_stmt *stmt,
               const char *what)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return db_fail(ctx, so, what);
    return 0;
}

static int insert_document(sl_ctx *ctx, export_state *st, sqlite_out *so,
                           const doc_view *view, sqlite3_int64 doc_key)
{
    const sl_doc *doc = view->doc;
    outbuf_reset(&st->scratch);
    view_put_text(view, &st->scratch, false);
    char *meta =
        doc->meta ? json_dumps(doc->meta, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                              JSON_REAL_PRECISION(17))
                  : NULL;
    if (st->scratch.failed || (doc->meta && !meta)) {
        free(meta);
        outbuf_reset(&st->scratch);
        return sl_fail(ctx, "out of memory");
    }
    sqlite3_stmt *s = so->insert_document;
    sqlite3_bind_int64(s, 1, doc_key);
    bind_cstr(s, 2, doc->id);
    bind_cstr(s, 3, doc->title);
    sqlite3_bind_text64(s, 4, st->scratch.len ? st->scratch.data : "",
                        st->scratch.len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)view->text_chars);
    bind_cstr(s, 6, meta ? meta : "{}");
    bind_cstr(s, 7, doc->source);
    int rc = run(ctx, so, s, "inserting a document");
    free(meta);
    return rc;
}

static int insert_sections(sl_ctx *ctx, export_state *st, sqlite_out *so,
                           const doc_view *view, sqlite3_int64 doc_key)
{
    const sl_doc *doc = view->doc;
    if (doc->n_sections > so->cap_section_keys) {
        sqlite3_int64 *keys =
            realloc(so->section_keys, doc->n_sections * sizeof *keys);
        if (!keys)
            return sl_fail(ctx, "out of memory");
        so->section_keys = keys;
        so->cap_section_keys = doc->n_sections;
    }
    for (size_t s = 0; s < doc->n_sections; s++) {
        so->section_keys[s] = 0;
        if (!view->section_kept[s])
            continue;
        size_t len;
        const char *heading = view_section_heading(view, s, &len);
        outbuf_reset(&st->scratch);
        view_put_section_path_text(view, &st->scratch, (long)s);
        if (export_check_memory(ctx, st))
            return -1;
        sqlite3_stmt *q = so->insert_section;
        sqlite3_bind_int64(q, 1, doc_key);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)s);
        long parent = view->section_parent[s];
        if (parent >= 0)
            sqlite3_bind_int64(q, 3, so->section_keys[parent]);
        sqlite3_bind_int(q, 4, doc->sections[s].level);
        bind_text_or_null(q, 5, heading, len);
        bind_text_or_null(q, 6, st->scratch.len ? st->scratch.data : "",
                          st->scratch.len);
        if (run(ctx, so, q, "inserting a section"))
            return -1;
        so->section_keys[s] = sqlite3_last_insert_rowid(so->db);
    }
    return 0;
}

static int insert_figures(sl_ctx *ctx, const export_state *st, sqlite_out *so,
                          const doc_view *view, sqlite3_int64 doc_key)
{
    const sl_doc *doc = view->doc;
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *sp = &doc->spans[i];
        if (!view_span_is_kept_figure(view, sp))
            continue;
        const sl_block *blk = &doc->blocks[sp->block];
        size_t start = sp->start, end = sp->end, from, to;
        clamp_span(blk->text, blk->len, &start, &end);
        export_figure_context(st, blk, start, end, &from, &to);
        sqlite3_stmt *q = so->insert_figure;
        sqlite3_bind_int64(q, 1, doc_key);
        long section = view->block_section[sp->block];
        if (section >= 0)
            sqlite3_bind_int64(q, 2, so->section_keys[section]);
        bind_text_or_null(q, 3, blk->text + start, end - start);
        if (sp->flags & SL_SPAN_HAS_VALUE)
            sqlite3_bind_double(q, 4, sp->value);
        bind_cstr(q, 5, sp->unit);
        bind_cstr(q, 6, sp->kind);
        bind_cstr(q, 7, sp->qualifier);
        if (sp->flags & SL_SPAN_HAS_RANGE) {
            sqlite3_bind_double(q, 8, sp->low);
            sqlite3_bind_double(q, 9, sp->high);
        }
        sqlite3_bind_int64(q, 10, (sqlite3_int64)sp->block);
        bind_text_or_null(q, 11, blk->text + from, to - from);
        if (run(ctx, so, q, "inserting a figure"))
            return -1;
    }
    return 0;
}

static int insert_removed(sl_ctx *ctx, sqlite_out *so, const doc_view *view,
                          sqlite3_int64 doc_key)
{
    const sl_doc *doc = view->doc;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *blk = &doc->blocks[i];
        if (!(blk->flags & SL_BLOCK_BOILERPLATE))
            continue;
        sqlite3_stmt *q = so->insert_removed;
        sqlite3_bind_int64(q, 1, doc_key);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        if (blk->line)
            sqlite3_bind_int64(q, 3, blk->line);
        bind_text_or_null(q, 4, blk->text, blk->len);
        bind_cstr(q, 5, blk->reason);
        sqlite3_bind_double(q, 6, blk->score);
        if (run(ctx, so, q, "inserting a removed block"))
            return -1;
    }
    return 0;
}

static int sqlite_write(sl_ctx *ctx, export_state *st, const doc_view *view)
{
    sqlite_out *so = st->format_data;
    if (so->in_batch == 0 &&
        sqlite3_exec(so->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "starting a transaction");
    sqlite3_int64 doc_key = (sqlite3_int64)st->docs + 1;
    if (insert_document(ctx, st, so, view, doc_key) ||
        insert_sections(ctx, st, so, view, doc_key) ||
        insert_figures(ctx, st, so, view, doc_key) ||
        insert_removed(ctx, so, view, doc_key))
        return -1;
    long batch = st->batch > 0 ? st->batch : 1;
    if (++so->in_batch >= batch) {
        so->in_batch = 0;
        if (sqlite3_exec(so->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            return db_fail(ctx, so, "committing a transaction");
    }
    return 0;
}

static void close_db(sqlite_out *so)
{
    sqlite3_finalize(so->insert_document);
    sqlite3_finalize(so->insert_section);
    sqlite3_finalize(so->insert_figure);
    sqlite3_finalize(so->insert_removed);
    so->insert_document = so->insert_section = NULL;
    so->insert_figure = so->insert_removed = NULL;
    sqlite3_close(so->db);
    so->db = NULL;
}

/* Copies the finished database file into the stage's output. */
static int copy_into_output(sl_ctx *ctx, export_state *st, sqlite_out *so)
{
    FILE *f = fopen(so->temp_path, "rb");
    if (!f)
        return sl_fail(ctx, "cannot read '%s': %s", so->temp_path,
                       strerror(errno));
    static const size_t chunk = 1 << 20;
    char *data = malloc(chunk);
    int rc = data ? 0 : sl_fail(ctx, "out of memory");
    size_t n;
    while (rc == 0 && (n = fread(data, 1, chunk, f)) > 0)
        rc = sl_output_write(ctx, st->out, data, n);
    if (rc == 0 && ferror(f))
        rc = sl_fail(ctx, "cannot read '%s'", so->temp_path);
    free(data);
    fclose(f);
    return rc;
}

static int sqlite_end(sl_ctx *ctx, export_state *st)
{
    sqlite_out *so = st->format_data;
    if (so->in_batch > 0) {
        so->in_batch = 0;
        if (sqlite3_exec(so->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            return db_fail(ctx, so, "committing a transaction");
    }
    if (sqlite3_exec(so->db, indexes, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "creating the indexes");
    close_db(so);
    return copy_into_output(ctx, st, so);
}

static void sqlite_release(export_state *st)
{
    sqlite_out *so = st->format_data;
    if (!so)
        return;
    close_db(so);
    if (so->temp_path)
        unlink(so->temp_path);
    free(so->temp_path);
    free(so->section_keys);
    free(so);
    st->format_data = NULL;
}

const export_format export_format_sqlite = {
    .name = "sqlite",
    .begin = sqlite_begin,
    .write = sqlite_write,
    .end = sqlite_end,
    .release = sqlite_release,
};
