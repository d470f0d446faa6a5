/* core/input_warc_doc.c - WARC records to documents: the record types,
 * the HTTP response inside, the id and the metadata (see
 * input_warc_doc.h).
 */
#include "input_warc_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docs.h"
#include "input_error.h"
#include "input_http.h"
#include "input_record.h"

const char *sl_warc_skip_name(sl_warc_skip reason)
{
    static const char *const names[SL_WARC_SKIP_COUNT] = {
        "warcinfo",     "request",    "metadata", "revisit",
        "continuation", "other_type", "http_1xx", "http_3xx",
        "http_4xx",     "http_5xx",   "not_text"};
    return reason < SL_WARC_SKIP_COUNT ? names[reason] : "other_type";
}

typedef enum record_kind {
    KIND_RESPONSE,
    KIND_RESOURCE, /* resource and conversion: the block is the text */
    KIND_SKIPPED
} record_kind;

static bool field_is(const char *value, size_t len, const char *want)
{
    return strlen(want) == len && strncasecmp(value, want, len) == 0;
}

/* What the record's WARC-Type makes of it. */
static record_kind kind_of(const char *type, size_t len, sl_warc_skip *skipped)
{
    static const struct {
        const char *name;
        sl_warc_skip reason;
    } skips[] = {
        {"warcinfo", SL_WARC_SKIP_WARCINFO},
        {"request", SL_WARC_SKIP_REQUEST},
        {"metadata", SL_WARC_SKIP_METADATA},
        {"revisit", SL_WARC_SKIP_REVISIT},
        {"continuation", SL_WARC_SKIP_CONTINUATION},
    };
    if (field_is(type, len, "response"))
        return KIND_RESPONSE;
    if (field_is(type, len, "resource") || field_is(type, len, "conversion"))
        return KIND_RESOURCE;
    *skipped = SL_WARC_SKIP_OTHER_TYPE;
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++)
        if (field_is(type, len, skips[i].name))
            *skipped = skips[i].reason;
    return KIND_SKIPPED;
}

static sl_warc_skip status_skip(int status)
{
    if (status < 200)
        return SL_WARC_SKIP_HTTP_1XX;
    if (status < 400)
        return SL_WARC_SKIP_HTTP_3XX;
    if (status < 500)
        return SL_WARC_SKIP_HTTP_4XX;
    return SL_WARC_SKIP_HTTP_5XX;
}

/* Sets meta[key] to the string value[0..len); a value that is not UTF-8
 * is left out. Returns 0, or -1 when out of memory. */
static int set_meta(sl_doc *doc, const char *key, const char *value, size_t len)
{
    if (!value)
        return 0;
    json_t *s = json_stringn(value, len);
    if (!s)
        return 0;
    return json_object_set_new(doc->meta, key, s);
}

/* The id: the field id_field names (unless it is the default "id"), else
 * WARC-Record-ID, else "PATH@OFFSET". Returns 0 or -1 (out of memory). */
static int set_id(sl_doc *doc, const sl_input_config *cfg, const char *path,
                  const sl_warc_record *rec)
{
    size_t len = 0;
    const char *id = NULL;
    if (cfg->id_field && cfg->id_field[0] && strcmp(cfg->id_field, "id") != 0)
        id = sl_warc_field(rec, cfg->id_field, &len);
    if (!id || len == 0)
        id = sl_warc_field(rec, "WARC-Record-ID", &len);
    if (id && len > 0)
        return sl_doc_set_id_copy(doc, id, len);
    char made[4096 + 32];
    int n = snprintf(made, sizeof made, "%s@%llu", path,
                     (unsigned long long)rec->file_offset);
    return sl_doc_set_id_copy(
        doc, made, n > 0 && (size_t)n < sizeof made ? (size_t)n : strlen(made));
}

static int set_record_meta(sl_doc *doc, const sl_warc_record *rec,
                           const char *type, size_t type_len, int status)
{
    size_t len = 0;
    const char *uri = sl_warc_field(rec, "WARC-Target-URI", &len);
    if (uri && len >= 2 && uri[0] == '<' && uri[len - 1] == '>') {
        uri++; /* WARC/1.0 allowed the URI in angle brackets */
        len -= 2;
    }
    if (set_meta(doc, "url", uri, len) < 0)
        return -1;
    const char *date = sl_warc_field(rec, "WARC-Date", &len);
    if (set_meta(doc, "crawl_date", date, len) < 0)
        return -1;
    const char *id = sl_warc_field(rec, "WARC-Record-ID", &len);
    if (set_meta(doc, "warc_record_id", id, len) < 0 ||
        set_meta(doc, "warc_type", type, type_len) < 0)
        return -1;
    if (status > 0 &&
        json_object_set_new(doc->meta, "http_status", json_integer(status)) < 0)
        return -1;
    return 0;
}

static int too_long(const sl_input_config *cfg, const char *path,
                    const sl_warc_record *rec, sl_read_error *err)
{
    sl_warc_error(err, path, rec->codec, rec->offset, rec->file_offset,
                  "the block holds %llu bytes, more than max_doc_bytes "
                  "(%llu); refused",
                  (unsigned long long)rec->content_length,
                  (unsigned long long)cfg->max_doc_bytes);
    sl_input_error_set_cut_record(err, rec->block, rec->block_len,
                                  rec->content_length, rec->block_sha256);
    return -1;
}

/* Puts the record's place in front of an error the text checks made. */
static void place_error(sl_read_error *err, const char *path,
                        const sl_warc_record *rec)
{
    const char *why = err->message ? err->message : "unreadable text";
    size_t path_len = strlen(path);
    if (strncmp(why, path, path_len) == 0 && why[path_len] == ':') {
        why += path_len + 1;
        while (*why >= '0' && *why <= '9') /* the line inside the page */
            why++;
        if (*why == ':')
            why++;
        if (*why == ' ')
            why++;
    }
    char *copy = strdup(why);
    char *record = err->record;
    size_t record_len = err->record_len;
    err->record = NULL;
    sl_warc_error(err, path, rec->codec, rec->offset, rec->file_offset, "%s",
                  copy ? copy : "unreadable text");
    err->record = record;
    err->record_len = record_len;
    free(copy);
}

/* Makes the document from text[0..len) (at decompressed offset `at`). */
static int text_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                    const sl_warc_record *rec, const char *text, size_t len,
                    uint64_t at, bool html, const char *charset,
                    sl_read_error *err)
{
    sl_input_record body = {
        .text = text, .len = len, .full_len = len, .offset = at};
    if (sl_input_page_doc(doc, cfg, path, "warc", html, charset, &body, err) <
        0) {
        place_error(err, path, rec);
        return -1;
    }
    doc->source_offset = rec->file_offset;
    if (set_id(doc, cfg, path, rec) < 0) {
        sl_input_error_set(err, "fs", path, 0, rec->file_offset,
                           "out of memory");
        return -1;
    }
    return 1;
}

static int response_doc(sl_doc *doc, const sl_input_config *cfg,
                        const char *path, const sl_warc_record *rec,
                        int *status, sl_warc_skip *skipped, sl_read_error *err)
{
    sl_http_head head;
    char why[256];
    if (sl_http_parse_head(rec->block, rec->block_len, &head, why, sizeof why) <
        0) {
        sl_warc_error(err, path, rec->codec, rec->offset, rec->file_offset,
                      "%s", why);
        sl_input_error_set_record(
            err, rec->block, rec->block_len < 4096 ? rec->block_len : 4096);
        return -1;
    }
    *status = head.status;
    if (head.status < 200 || head.status > 299) {
        *skipped = status_skip(head.status);
        return 0;
    }
    if (!sl_http_mime_is_text(head.mime)) {
        *skipped = SL_WARC_SKIP_NOT_TEXT;
        return 0;
    }
    if (rec->too_long)
        return too_long(cfg, path, rec, err);
    const char *body;
    size_t body_len;
    char *owned = NULL;
    if (sl_http_body(rec->block, rec->block_len, &head, cfg->max_doc_bytes,
                     &body, &body_len, &owned, why, sizeof why) < 0) {
        sl_warc_error(err, path, rec->codec, rec->offset, rec->file_offset,
                      "%s", why);
        sl_input_error_set_record(err, rec->block, rec->block_len);
        return -1;
    }
    int made = text_doc(doc, cfg, path, rec, body, body_len,
                        rec->block_offset + head.body_at,
                        sl_http_mime_is_html(head.mime), head.charset, err);
    free(owned);
    if (made < 0)
        return -1;
    doc->source_offset = rec->file_offset;
    return made;
}

static int resource_doc(sl_doc *doc, const sl_input_config *cfg,
                        const char *path, const sl_warc_record *rec,
                        sl_warc_skip *skipped, sl_read_error *err)
{
    char mime[96] = "", charset[64] = "";
    size_t len;
    const char *type = sl_warc_field(rec, "Content-Type", &len);
    if (type)
        sl_http_content_type(type, len, mime, sizeof mime, charset,
                             sizeof charset);
    if (!sl_http_mime_is_text(mime)) {
        *skipped = SL_WARC_SKIP_NOT_TEXT;
        return 0;
    }
    if (rec->too_long)
        return too_long(cfg, path, rec, err);
    return text_doc(doc, cfg, path, rec, rec->block, rec->block_len,
                    rec->block_offset, sl_http_mime_is_html(mime), charset,
                    err);
}

int sl_warc_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                const sl_warc_record *rec, sl_warc_skip *skipped,
                sl_read_error *err)
{
    size_t type_len = 0;
    const char *type = sl_warc_field(rec, "WARC-Type", &type_len);
    if (!type) {
        sl_warc_error(err, path, rec->codec, rec->offset, rec->file_offset,
                      "the record has no WARC-Type");
        sl_input_error_set_record(err, rec->fields, rec->fields_len);
        return -1;
    }
    record_kind kind = kind_of(type, type_len, skipped);
    if (kind == KIND_SKIPPED)
        return 0;
    size_t len = 0;
    const char *record_type = sl_warc_field(rec, "Content-Type", &len);
    char mime[96] = "", charset[64] = "";
    if (record_type)
        sl_http_content_type(record_type, len, mime, sizeof mime, charset,
                             sizeof charset);
    int status = 0;
    int made;
    /* a response that is not HTTP (dns: lookups) is read as a resource */
    if (kind == KIND_RESPONSE &&
        (!mime[0] || strcmp(mime, "application/http") == 0)) {
        made = response_doc(doc, cfg, path, rec, &status, skipped, err);
    } else {
        made = resource_doc(doc, cfg, path, rec, skipped, err);
    }
    if (made <= 0)
        return made;
    if (set_record_meta(doc, rec, type, type_len, status) < 0) {
        sl_input_error_set(err, "fs", path, 0, rec->file_offset,
                           "out of memory");
        return -1;
    }
    return 1;
}
