/* plugins/export/format_sqlite.c - an SQLite database for analysis, with
 * the tables documents, sections, figures and removed_blocks (schema in
 * doc/export-formats.md), keys between them and indexes for the usual
 * lookups.
 *
 * The database is built in a file next to the output (".NAME.building"),
 * through prepared statements, `batch` documents per transaction; the
 * indexes are made at the end. Then the finished file is copied into the
 * stage's output, which renames it into place (or compresses it, for
 * .gz/.zst), so the final name only ever holds a complete, consistent
 * database.
 *
 * The building database is resumable: a checkpoint commits the open
 * transaction (SQLite's own journal makes the commit atomic and durable)
 * and saves the number of documents and the file's name; --resume opens
 * the file again, deletes the rows of documents after that number (a
 * batch committed after the checkpoint was written) and goes on. Document
 * keys are the document numbers, so the rows of a resumed run are those
 * of an uninterrupted one.
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
    sqlite3 *db;     /* NULL until the first document or a resume */
    char *temp_path; /* the building database */
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

/* "DIR/.NAME.building" for an output file: a fixed name, so that
 * --resume finds it and a new run replaces what an interrupted one left. */
static char *building_path(const char *final_path)
{
    const char *slash = strrchr(final_path, '/');
    size_t dir_len = slash ? (size_t)(slash - final_path) + 1 : 0;
    size_t size = strlen(final_path) + sizeof "..building";
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%.*s.%s.building", (int)dir_len, final_path,
                 final_path + dir_len);
    return path;
}

/* A fresh file in TMPDIR, for standard output (never resumed). */
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

/* Removes the database file and what SQLite keeps beside it. */
static void remove_database(const char *path)
{
    static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char name[4096];
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        unlink(name);
    }
}

/* Opens the building database (created when create is true), with a
 * rollback journal on disk so a commit survives kill -9, and prepares the
 * statements. */
static int open_database(sl_ctx *ctx, sqlite_out *so, bool create)
{
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(so->temp_path, &so->db, flags, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "opening the database being built");
    if (sqlite3_exec(
            so->db,
            "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=DELETE;"
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "setting up the database");
    if (create && sqlite3_exec(so->db, schema, NULL, NULL, NULL) != SQLITE_OK)
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

/* Opens a new, empty database, replacing what an earlier run left. */
static int ensure_database(sl_ctx *ctx, sqlite_out *so)
{
    if (so->db)
        return 0;
    remove_database(so->temp_path);
    return open_database(ctx, so, true);
}

static int sqlite_begin(sl_ctx *ctx, export_state *st)
{
    sqlite_out *so = calloc(1, sizeof *so);
    if (!so)
        return sl_fail(ctx, "out of memory");
    st->format_data = so;
    const char *final_path = sl_output_path(st->out);
    so->temp_path = strcmp(final_path, "-") == 0 ? make_temp_path(final_path)
                                                 : building_path(final_path);
    if (!so->temp_path)
        return sl_fail(ctx,
                       "cannot create a temporary database next to "
                       "'%s': %s",
                       final_path, strerror(errno));
    return 0;
}

/* Commits the open transaction, if any. */
static int commit_batch(sl_ctx *ctx, sqlite_out *so)
{
    if (so->in_batch == 0)
        return 0;
    so->in_batch = 0;
    if (sqlite3_exec(so->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "committing a transaction");
    return 0;
}

/* --resume: the database the checkpoint names, cut back to its first
 * `docs` documents. */
static int reopen_database(sl_ctx *ctx, sqlite_out *so, const char *path,
                           sqlite3_int64 docs)
{
    char *copy = strdup(path);
    if (!copy)
        return sl_fail(ctx, "out of memory");
    free(so->temp_path);
    so->temp_path = copy;
    if (access(path, F_OK) != 0)
        return sl_fail(ctx, "the database being built, '%s', is gone: %s", path,
                       strerror(errno));
    if (open_database(ctx, so, false) != 0)
        return -1;
    sqlite3_stmt *count = NULL;
    if (prepare(ctx, so, "SELECT count(*) FROM documents WHERE doc_key <= ?1",
                &count))
        return -1;
    sqlite3_bind_int64(count, 1, docs);
    sqlite3_int64 have =
        sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : -1;
    sqlite3_finalize(count);
    if (have != docs)
        return sl_fail(ctx,
                       "the database being built, '%s', holds %lld of the "
                       "%lld documents the checkpoint counts",
                       path, (long long)have, (long long)docs);
    char sql[512];
    snprintf(sql, sizeof sql,
             "BEGIN; DELETE FROM removed_blocks WHERE doc_key > %lld;"
             "DELETE FROM figures WHERE doc_key > %lld;"
             "DELETE FROM sections WHERE doc_key > %lld;"
             "DELETE FROM documents WHERE doc_key > %lld; COMMIT;",
             (long long)docs, (long long)docs, (long long)docs,
             (long long)docs);
    if (sqlite3_exec(so->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(ctx, so, "cutting the database back to the checkpoint");
    return 0;
}

static int sqlite_checkpoint(sl_ctx *ctx, export_state *st, json_t *saved,
                             bool save)
{
    sqlite_out *so = st->format_data;
    if (!so)
        return 0;
    if (save) {
        if (so->db && commit_batch(ctx, so) != 0)
            return -1;
        json_object_set_new(saved, "documents",
                            json_integer((json_int_t)st->docs));
        json_object_set_new(saved, "database", json_string(so->temp_path));
        return 0;
    }
    json_int_t docs = json_integer_value(json_object_get(saved, "documents"));
    const char *path = json_string_value(json_object_get(saved, "database"));
    if (docs < 0 || (docs > 0 && !path))
        return sl_fail(ctx, "the checkpoint does not name the database");
    if (docs == 0)
        return 0; /* nothing to keep: a new database at the first document */
    if (reopen_database(ctx, so, path, (sqlite3_int64)docs) != 0)
        return -1;
    st->docs = (unsigned long long)docs;
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
        if (!view_span_is_kept_quantity(view, sp))
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
    if (ensure_database(ctx, so) != 0)
        return -1;
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
    if (ensure_database(ctx, so) != 0 || commit_batch(ctx, so) != 0)
        return -1;
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
    /* an interrupted run's checkpoint names the database: keep it */
    if (so->temp_path && !st->keep_side_files)
        remove_database(so->temp_path);
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
    .checkpoint = sqlite_checkpoint,
};
