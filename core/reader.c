/* core/reader.c - the reader: walks the input list, opens each file
 * through its byte source, picks the format, and turns records into
 * documents one at a time (see reader.h), or hands JSONL lines out
 * unparsed for another thread to parse (sl_reader_next_deferred). The pieces
 * live in input_*.c: input_walk (files and folders), input_source
 * (decompression), input_buffer (lines, whole files, the size limit),
 * input_record (checks, text and HTML documents), input_charset (legacy-charset
 * HTML files), input_jsonl (JSONL documents) with input_json (its fast record
 * parser) and input_error (the error reports).
 */
#include "reader.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docs.h"
#include "input_buffer.h"
#include "input_error.h"
#include "input_jsonl.h"
#include "input_record.h"
#include "input_source.h"
#include "input_walk.h"
#include "input_warc.h"
#include "input_warc_doc.h"

typedef enum input_format {
    FORMAT_TEXT = 0,
    FORMAT_JSONL,
    FORMAT_HTML,
    FORMAT_WARC
} input_format;

struct sl_reader {
    sl_input_config cfg; /* strings point at the copies below */
    char *format, *content_type, *text_field, *id_field, *charset;

    sl_input_list list;
    size_t next_file;

    /* The file being read, when src is set. */
    const sl_input_file *file;
    sl_source *src;
    sl_input_buffer buf;
    input_format file_format;
    bool html_by_name;
    bool records_in_range; /* cut this file's records by the range */
    sl_warc_framer warc;   /* FORMAT_WARC: the records of the file */

    uint64_t warc_records; /* WARC records read in the range */
    uint64_t warc_skipped[SL_WARC_SKIP_COUNT];
    bool any_warc;

    uint64_t seq;
    uint64_t bytes_done; /* bytes of the files already closed */
    bool started;

    bool ranged;
    uint64_t range_start, range_end;

    sl_deferred_line *store; /* during sl_reader_next_deferred_into */
};

static char *copy_or_default(const char *s, const char *fallback)
{
    return strdup(s && *s ? s : fallback);
}

static int copy_config(sl_reader *r, const sl_input_config *cfg)
{
    sl_input_config none = {0};
    if (!cfg)
        cfg = &none;
    r->format = copy_or_default(cfg->format, "auto");
    r->content_type = copy_or_default(cfg->content_type, "auto");
    r->text_field = copy_or_default(cfg->text_field, "text");
    r->id_field = copy_or_default(cfg->id_field, "id");
    r->charset = copy_or_default(cfg->charset, "");
    if (!r->format || !r->content_type || !r->text_field || !r->id_field ||
        !r->charset)
        return -1;
    r->cfg.charset = r->charset;
    r->cfg.format = r->format;
    r->cfg.content_type = r->content_type;
    r->cfg.text_field = r->text_field;
    r->cfg.id_field = r->id_field;
    r->cfg.max_doc_bytes = cfg->max_doc_bytes;
    return 0;
}

static bool known_choice(const char *value, const char *const *choices)
{
    for (; *choices; choices++)
        if (strcmp(value, *choices) == 0)
            return true;
    return false;
}

static int check_config(const sl_reader *r, sl_read_error *err)
{
    static const char *const formats[] = {"auto", "text", "jsonl",
                                          "html", "warc", NULL};
    static const char *const types[] = {"auto", "text", "html", NULL};
    if (!known_choice(r->format, formats)) {
        sl_input_error_set(err, "fs", "input.format", 0, 0,
                           "unknown format \"%s\" (auto, text, jsonl, html, "
                           "warc)",
                           r->format);
        return -1;
    }
    if (!known_choice(r->content_type, types)) {
        sl_input_error_set(err, "fs", "input.content_type", 0, 0,
                           "unknown content type \"%s\" (auto, text, html)",
                           r->content_type);
        return -1;
    }
    return 0;
}

sl_reader *sl_reader_open(const sl_input_config *cfg, const char *const *paths,
                          size_t n_paths, sl_read_error *err)
{
    sl_reader *r = calloc(1, sizeof *r);
    if (!r || copy_config(r, cfg) < 0) {
        sl_input_error_set(err, "fs", "-", 0, 0, "out of memory");
        sl_reader_close(r);
        return NULL;
    }
    if (check_config(r, err) < 0) {
        sl_reader_close(r);
        return NULL;
    }
    static const char *const standard_input[] = {"-"};
    if (n_paths == 0) {
        paths = standard_input;
        n_paths = 1;
    }
    for (size_t i = 0; i < n_paths; i++) {
        if (sl_input_list_add(&r->list, paths[i], err) < 0) {
            sl_reader_close(r);
            return NULL;
        }
    }
    return r;
}

int sl_reader_set_range(sl_reader *r, uint64_t start, uint64_t end)
{
    if (r->started || start > end)
        return -1;
    r->ranged = true;
    r->range_start = start;
    /* The last range also takes what starts at the very end: empty files
     * and inputs that failed to be walked. */
    r->range_end = end >= r->list.total_bytes ? UINT64_MAX : end;
    return 0;
}

static bool has_suffix_nocase(const char *s, size_t len, const char *suffix)
{
    size_t m = strlen(suffix);
    return len >= m && strncasecmp(s + len - m, suffix, m) == 0;
}

/* The format a file's name implies, looking through compression
 * suffixes. */
static input_format format_by_name(const char *path)
{
    size_t len = strlen(path);
    if (has_suffix_nocase(path, len, ".gz"))
        len -= 3;
    else if (has_suffix_nocase(path, len, ".zst"))
        len -= 4;
    else if (has_suffix_nocase(path, len, ".zstd"))
        len -= 5;
    if (has_suffix_nocase(path, len, ".jsonl") ||
        has_suffix_nocase(path, len, ".ndjson"))
        return FORMAT_JSONL;
    if (has_suffix_nocase(path, len, ".html") ||
        has_suffix_nocase(path, len, ".htm"))
        return FORMAT_HTML;
    if (has_suffix_nocase(path, len, ".warc") ||
        has_suffix_nocase(path, len, ".wet") ||
        has_suffix_nocase(path, len, ".wat"))
        return FORMAT_WARC;
    return FORMAT_TEXT;
}

/* A file whose name says nothing, with format auto: WARC when it starts
 * with "WARC/1."; on standard input or a pipe, JSONL when the first
 * non-blank byte is '{'; else text. Returns 0, or -1 with err filled. */
static int sniff_format(sl_reader *r, bool stream, sl_read_error *err)
{
    const char *data;
    ssize_t n = sl_input_buffer_peek(&r->buf, &data, err);
    if (n < 0)
        return -1;
    size_t len = (size_t)n;
    r->file_format = FORMAT_TEXT;
    if (len >= 7 && memcmp(data, "WARC/1.", 7) == 0) {
        r->file_format = FORMAT_WARC;
        return 0;
    }
    if (!stream)
        return 0;
    sl_input_skip_bom(&data, &len);
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
                       data[i] == '\r'))
        i++;
    if (i < len && data[i] == '{')
        r->file_format = FORMAT_JSONL;
    return 0;
}

static void close_file(sl_reader *r)
{
    if (!r->src)
        return;
    r->bytes_done += sl_source_consumed(r->src);
    sl_warc_framer_free(&r->warc);
    r->buf.src = NULL; /* the memory stays for the next file, unless a
                          large file grew it */
    sl_input_buffer_trim(&r->buf);
    sl_source_close(r->src);
    r->src = NULL;
    r->file = NULL;
}

/* Where a file stands against the range. */
typedef enum range_place {
    RANGE_IN,     /* the file is read (maybe cut by records) */
    RANGE_BEFORE, /* the file lies before the range: skip it */
    RANGE_AFTER   /* the file starts at or after the end: stop */
} range_place;

static range_place file_place(const sl_reader *r, const sl_input_file *f)
{
    if (!r->ranged)
        return RANGE_IN;
    if (f->start >= r->range_end)
        return RANGE_AFTER;
    if (f->start >= r->range_start || f->start + f->size > r->range_start)
        return RANGE_IN;
    return RANGE_BEFORE;
}

/* Opens the next file. Returns SL_READ_DOC when a file is open,
 * SL_READ_END, or SL_READ_BAD_DOC with err filled. Files outside the
 * range are passed over. */
static sl_read_result open_next_file(sl_reader *r, sl_read_error *err)
{
    for (;;) {
        if (r->next_file >= r->list.n)
            return SL_READ_END;
        const sl_input_file *f = &r->list.files[r->next_file++];
        range_place place = file_place(r, f);
        if (place == RANGE_AFTER) {
            r->next_file = r->list.n;
            return SL_READ_END;
        }
        if (place == RANGE_BEFORE)
            continue;
        if (f->error) {
            sl_input_error_set(err, "fs", f->path, 0, 0, "%s", f->error);
            return SL_READ_BAD_DOC;
        }
        r->src = sl_source_open(f->path, err);
        if (!r->src)
            return SL_READ_BAD_DOC;
        r->file = f;
        if (sl_input_buffer_start(&r->buf, r->src, r->cfg.max_doc_bytes, 0, 0) <
            0) {
            sl_input_error_set(err, "fs", f->path, 0, 0, "out of memory");
            close_file(r);
            return SL_READ_FATAL;
        }
        if (strcmp(r->format, "jsonl") == 0)
            r->file_format = FORMAT_JSONL;
        else if (strcmp(r->format, "text") == 0)
            r->file_format = FORMAT_TEXT;
        else if (strcmp(r->format, "html") == 0)
            r->file_format = FORMAT_HTML;
        else if (strcmp(r->format, "warc") == 0)
            r->file_format = FORMAT_WARC;
        else if (format_by_name(f->path) != FORMAT_TEXT)
            r->file_format = format_by_name(f->path);
        else if (sniff_format(r, f->stream, err) < 0) {
            close_file(r);
            return SL_READ_BAD_DOC;
        }
        r->html_by_name = r->file_format == FORMAT_HTML;
        if (r->file_format == FORMAT_WARC) {
            sl_warc_framer_init(&r->warc, &r->buf, r->src, f->path,
                                r->cfg.max_doc_bytes);
            r->any_warc = true;
        }
        /* WARC records are cut by the offset of their own gzip member or
         * zstd frame; JSONL lines only in uncompressed files */
        bool whole =
            f->size == 0 || (r->file_format != FORMAT_WARC &&
                             (r->file_format != FORMAT_JSONL ||
                              sl_source_codec(r->src) != SL_CODEC_PLAIN));
        r->records_in_range = r->ranged && !whole;
        if (r->ranged && whole && f->start < r->range_start) {
            close_file(r); /* belongs to the range where it starts */
            continue;
        }
        if (r->records_in_range && f->start < r->range_start &&
            sl_input_buffer_skip_before(&r->buf, r->range_start - f->start,
                                        err) < 0) {
            close_file(r);
            return SL_READ_BAD_DOC;
        }
        return SL_READ_DOC;
    }
}

static sl_read_result finish_doc(sl_reader *r, sl_doc *doc, sl_doc **out)
{
    doc->seq = r->seq++;
    *out = doc;
    return SL_READ_DOC;
}

static sl_read_result out_of_memory(const sl_reader *r, sl_read_error *err)
{
    sl_input_error_set(err, "fs", r->file ? r->file->path : "-", 0, 0,
                       "out of memory");
    return SL_READ_FATAL;
}

struct sl_deferred_line {
    sl_input_record rec; /* rec.text: a copy of the line, owned */
    size_t cap;          /* bytes allocated for rec.text */
    const char *path;    /* the reader's, as its config */
    const sl_input_config *cfg;
    uint64_t seq;
};

/* A store kept from one line to the next keeps a buffer up to this size
 * when a shorter line comes (a larger one is given back then). */
#define KEPT_LINE_BUFFER ((size_t)64 << 10)

sl_deferred_line *sl_deferred_line_new(void)
{
    return calloc(1, sizeof(sl_deferred_line));
}

/* The line of rec, copied, for sl_deferred_line_parse: into r->store when
 * the caller gave one (its buffer reused), else into a new line; NULL
 * when out of memory. */
static sl_deferred_line *defer_line(sl_reader *r, const sl_input_record *rec)
{
    sl_deferred_line *line = r->store ? r->store : sl_deferred_line_new();
    if (!line)
        return NULL;
    size_t need = rec->len + 1;
    char *copy = (char *)line->rec.text;
    if (!copy || line->cap < need ||
        (line->cap > KEPT_LINE_BUFFER && need < line->cap)) {
        free(copy);
        line->rec.text = NULL;
        line->cap = 0;
        if (!(copy = malloc(need))) {
            if (line != r->store)
                free(line);
            return NULL;
        }
        line->cap = need;
    }
    if (rec->len)
        memcpy(copy, rec->text, rec->len);
    copy[rec->len] = '\0';
    line->rec = *rec;
    line->rec.text = copy;
    line->path = r->file->path;
    line->cfg = &r->cfg;
    line->seq = r->seq++;
    return line;
}

sl_read_result sl_deferred_line_parse(const sl_deferred_line *line,
                                      sl_doc **out, sl_read_error *err)
{
    *out = NULL;
    sl_doc *doc = sl_doc_new_for_record(); /* meta: the record */
    if (!doc) {
        sl_input_error_set(err, "jsonl", line->path, line->rec.line,
                           line->rec.offset, "out of memory");
        return SL_READ_BAD_DOC;
    }
    if (sl_input_jsonl_doc(doc, line->cfg, line->path, &line->rec, err) < 0) {
        sl_doc_free(doc);
        return SL_READ_BAD_DOC;
    }
    doc->seq = line->seq;
    *out = doc;
    return SL_READ_DOC;
}

size_t sl_deferred_line_bytes(const sl_deferred_line *line)
{
    return line->rec.len;
}

void sl_deferred_line_free(sl_deferred_line *line)
{
    if (!line)
        return;
    free((char *)line->rec.text);
    free(line);
}

/* The next JSONL document of the open file, or SL_READ_END for the file's
 * end (the caller moves on). With line (not NULL), a well-formed line
 * comes back unparsed in *line instead. */
static sl_read_result next_jsonl(sl_reader *r, sl_doc **out,
                                 sl_deferred_line **line, sl_read_error *err)
{
    const char *path = r->file->path;
    for (;;) {
        sl_input_record rec;
        int got = sl_input_buffer_next_line(&r->buf, &rec, err);
        if (got < 0) {
            close_file(r);
            return SL_READ_BAD_DOC;
        }
        if (got == 0) {
            close_file(r);
            return SL_READ_END;
        }
        if (r->records_in_range) {
            uint64_t at = r->file->start + rec.offset;
            if (at < r->range_start)
                continue;
            if (at >= r->range_end) {
                close_file(r);
                r->next_file = r->list.n;
                return SL_READ_END;
            }
        }
        if (!rec.too_long && sl_input_jsonl_blank(rec.text, rec.len))
            continue;
        if (line && !rec.too_long && !rec.binary) {
            *line = defer_line(r, &rec);
            return *line ? SL_READ_DOC : out_of_memory(r, err);
        }
        sl_doc *doc = sl_doc_new_for_record(); /* meta: the record */
        if (!doc)
            return out_of_memory(r, err);
        if (sl_input_jsonl_doc(doc, &r->cfg, path, &rec, err) < 0) {
            sl_doc_free(doc);
            return SL_READ_BAD_DOC;
        }
        return finish_doc(r, doc, out);
    }
}

/* The next document of the open WARC file, or SL_READ_END for the file's
 * end. Records outside the range and skipped records are passed over;
 * a bad record is SL_READ_BAD_DOC and the file stays open. */
static sl_read_result next_warc(sl_reader *r, sl_doc **out, sl_read_error *err)
{
    const char *path = r->file->path;
    for (;;) {
        sl_warc_record rec;
        int got = sl_warc_next(&r->warc, &rec, err);
        if (got == 0) {
            close_file(r);
            return SL_READ_END;
        }
        if (r->records_in_range) {
            uint64_t at =
                r->file->start + (got > 0 ? rec.file_offset : err->offset);
            if (at < r->range_start) {
                sl_read_error_clear(err);
                continue;
            }
            if (at >= r->range_end) {
                sl_read_error_clear(err);
                close_file(r);
                r->next_file = r->list.n;
                return SL_READ_END;
            }
        }
        r->warc_records++;
        if (got < 0)
            return SL_READ_BAD_DOC;
        sl_doc *doc = sl_doc_new();
        if (!doc)
            return out_of_memory(r, err);
        sl_warc_skip skipped = SL_WARC_SKIP_OTHER_TYPE;
        int made = sl_warc_doc(doc, &r->cfg, path, &rec, &skipped, err);
        if (made <= 0) {
            sl_doc_free(doc);
            if (made < 0)
                return SL_READ_BAD_DOC;
            r->warc_skipped[skipped]++;
            continue;
        }
        return finish_doc(r, doc, out);
    }
}

/* The open file as one document (text or HTML); the file is closed. */
static sl_read_result next_whole(sl_reader *r, sl_doc **out, sl_read_error *err)
{
    const char *reader = r->file_format == FORMAT_HTML ? "html" : "text";
    sl_input_record rec;
    if (sl_input_buffer_read_all(&r->buf, &rec, err) < 0) {
        close_file(r);
        return SL_READ_BAD_DOC;
    }
    sl_doc *doc = sl_doc_new();
    if (!doc) {
        sl_read_result result = out_of_memory(r, err);
        close_file(r);
        return result;
    }
    int status = sl_input_file_doc(doc, &r->cfg, r->file->path, reader,
                                   r->html_by_name, &rec, err);
    close_file(r);
    if (status < 0) {
        sl_doc_free(doc);
        return SL_READ_BAD_DOC;
    }
    return finish_doc(r, doc, out);
}

/* sl_reader_next, with JSONL lines deferred when line is not NULL. */
static sl_read_result next_record(sl_reader *r, sl_doc **doc,
                                  sl_deferred_line **line, sl_read_error *err)
{
    r->started = true;
    *doc = NULL;
    if (line)
        *line = NULL;
    for (;;) {
        if (!r->src) {
            sl_read_result opened = open_next_file(r, err);
            if (opened != SL_READ_DOC)
                return opened;
        }
        sl_read_result result;
        if (r->file_format == FORMAT_JSONL)
            result = next_jsonl(r, doc, line, err);
        else if (r->file_format == FORMAT_WARC)
            result = next_warc(r, doc, err);
        else
            result = next_whole(r, doc, err);
        if (result != SL_READ_END)
            return result;
    }
}

sl_read_result sl_reader_next(sl_reader *r, sl_doc **doc, sl_read_error *err)
{
    return next_record(r, doc, NULL, err);
}

sl_read_result sl_reader_next_deferred(sl_reader *r, sl_doc **doc,
                                       sl_deferred_line **line,
                                       sl_read_error *err)
{
    return next_record(r, doc, line, err);
}

sl_read_result sl_reader_next_deferred_into(sl_reader *r, sl_doc **doc,
                                            sl_deferred_line *store,
                                            bool *deferred, sl_read_error *err)
{
    sl_deferred_line *line = NULL;
    r->store = store;
    sl_read_result result = next_record(r, doc, &line, err);
    r->store = NULL;
    *deferred = line != NULL && line == store;
    if (line != store) /* defer_line fills the store: not reached */
        sl_deferred_line_free(line);
    return result;
}

uint64_t sl_reader_bytes_read(const sl_reader *r)
{
    return r->bytes_done + (r->src ? sl_source_consumed(r->src) : 0);
}

uint64_t sl_reader_bytes_total(const sl_reader *r)
{
    if (r->list.has_stdin)
        return 0;
    return r->list.total_bytes;
}

bool sl_reader_may_wait(const sl_reader *r)
{
    return r->list.has_stdin;
}

json_t *sl_reader_stats_json(const sl_reader *r)
{
    if (!r || !r->any_warc)
        return NULL;
    json_t *skipped = json_object();
    json_t *stats = json_object();
    if (!skipped || !stats) {
        json_decref(skipped);
        json_decref(stats);
        return NULL;
    }
    uint64_t total = 0;
    for (int i = 0; i < SL_WARC_SKIP_COUNT; i++) {
        total += r->warc_skipped[i];
        if (r->warc_skipped[i] > 0)
            json_object_set_new(skipped, sl_warc_skip_name((sl_warc_skip)i),
                                json_integer((json_int_t)r->warc_skipped[i]));
    }
    json_object_set_new(stats, "warc_records",
                        json_integer((json_int_t)r->warc_records));
    json_object_set_new(stats, "warc_skipped_total",
                        json_integer((json_int_t)total));
    json_object_set_new(stats, "warc_skipped", skipped);
    return stats;
}

void sl_reader_close(sl_reader *r)
{
    if (!r)
        return;
    close_file(r);
    sl_input_buffer_free(&r->buf);
    sl_input_list_free(&r->list);
    free(r->format);
    free(r->content_type);
    free(r->text_field);
    free(r->id_field);
    free(r->charset);
    free(r);
}
