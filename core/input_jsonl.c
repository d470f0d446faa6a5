/* core/input_jsonl.c - JSONL records to documents (see input_jsonl.h).
 * The fast parser (input_json*.c) checks UTF-8 as it decodes; when it
 * gives up, the UTF-8 check runs before jansson parses the line, so a bad
 * byte is reported with its offset in the file rather than as a JSON
 * error.
 */
#include "input_jsonl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"
#include "input_big_numbers.h"
#include "input_error.h"
#include "input_json.h"
#include "input_record.h"

bool sl_input_jsonl_blank(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
            text[i] != '\f' && text[i] != '\v')
            return false;
    return true;
}

static const char *json_type_name(const json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

static const char *field_name(const char *name, const char *fallback)
{
    return name && *name ? name : fallback;
}

/* Sets doc->id from the id field, or "FILE:LINE". Returns 0 or -1 with
 * err filled. */
static int set_id(sl_doc *doc, const json_t *value, const char *id_field,
                  const char *path, const sl_input_record *rec,
                  sl_read_error *err)
{
    char number[64];
    const char *id = NULL;
    size_t len = 0;
    if (json_is_string(value)) {
        id = json_string_value(value);
        len = json_string_length(value);
        if (len == 0 || memchr(id, '\0', len))
            id = NULL; /* an empty or NUL-holding id is no id */
    } else if (json_is_integer(value)) {
        len = (size_t)snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT,
                               json_integer_value(value));
        id = number;
    } else if (json_is_real(value)) {
        len = (size_t)snprintf(number, sizeof number, "%.17g",
                               json_real_value(value));
        id = number;
    } else if (value && !json_is_null(value)) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "field \"%s\" is %s, not a string or number",
                           id_field, json_type_name(value));
        return -1;
    }
    int ok;
    if (id) {
        ok = sl_doc_set_id_copy(doc, id, len);
    } else {
        size_t n = strlen(path) + 32;
        char *made = sl_doc_alloc(doc, n);
        ok = made ? 0 : -1;
        if (made) {
            snprintf(made, n, "%s:%llu", path, (unsigned long long)rec->line);
            doc->id = made;
        }
    }
    if (ok < 0)
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "out of memory");
    return ok;
}

static int check_bytes(const char *path, const sl_input_record *rec,
                       const char *text, size_t len, size_t skipped,
                       sl_read_error *err)
{
    sl_bad_byte bad;
    if (sl_input_text_ok(text, len, &bad))
        return 0;
    uint64_t offset = rec->offset + skipped + bad.at;
    if (strcmp(bad.what, "NUL byte") == 0)
        sl_input_error_set(err, "jsonl", path, rec->line, offset,
                           "NUL byte at byte offset %llu",
                           (unsigned long long)offset);
    else
        sl_input_error_set(err, "jsonl", path, rec->line, offset,
                           "invalid UTF-8 at byte offset %llu (%s: %s)",
                           (unsigned long long)offset, bad.what, bad.bytes);
    return -1;
}

/* Checks the record's text (doc->raw, or the text field's value when
 * value is not NULL) and sets doc->raw and the content type. */
static int set_text(sl_doc *doc, const sl_input_config *cfg,
                    const json_t *value, bool in_doc, const char *text_field,
                    const char *path, const sl_input_record *rec,
                    sl_read_error *err)
{
    if (!value && !in_doc) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "record has no \"%s\" field (input.text_field)",
                           text_field);
        return -1;
    }
    if (value && !json_is_string(value)) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "field \"%s\" is %s, not a string", text_field,
                           json_type_name(value));
        return -1;
    }
    const char *text = value ? json_string_value(value) : doc->raw;
    size_t len = value ? json_string_length(value) : doc->raw_len;
    /* the fast parser's text holds no NUL (it gives up on \u0000) */
    const char *nul = value ? memchr(text, '\0', len) : NULL;
    if (nul) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "field \"%s\" holds a NUL character (\\u0000) at "
                           "byte %zu of its text",
                           text_field, (size_t)(nul - text));
        return -1;
    }
    sl_input_skip_bom(&text, &len);
    if (!value) {
        doc->raw = text;
        doc->raw_len = len;
    } else if (sl_doc_set_raw_copy(doc, text, len) < 0) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "out of memory");
        return -1;
    }
    doc->content_type = sl_input_content_type(cfg, false, text, len);
    return 0;
}

/* Fills doc from the parsed record. text_in_doc, id_in_doc: the fast
 * parser has already put the text field into doc->raw, the id field into
 * doc->id (and left them out of record). */
static int fill_from_object(sl_doc *doc, const sl_input_config *cfg,
                            json_t *record, bool text_in_doc, bool id_in_doc,
                            const char *path, const sl_input_record *rec,
                            sl_read_error *err)
{
    const char *text_field = field_name(cfg->text_field, "text");
    const char *id_field = field_name(cfg->id_field, "id");
    const json_t *text_value =
        text_in_doc ? NULL : json_object_get(record, text_field);
    if (set_text(doc, cfg, text_value, text_in_doc, text_field, path, rec,
                 err) < 0 ||
        (!id_in_doc && set_id(doc, json_object_get(record, id_field), id_field,
                              path, rec, err) < 0))
        return -1;
    if (sl_doc_set_source_copy(doc, path) < 0) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "out of memory");
        return -1;
    }
    if (!text_in_doc) /* else the fast parser left it out */
        json_object_del(record, text_field);
    if (!id_in_doc) /* else the fast parser left it out */
        json_object_del(record, id_field);
    json_decref(doc->meta);
    doc->meta = json_incref(record);
    doc->source_line = rec->line;
    doc->source_offset = rec->offset;
    return 0;
}

/* The record parsed by jansson. A number jansson cannot hold exactly
 * becomes a string of its literal text (see input_big_numbers.h); an error
 * found after such a number is placed in the original text. */
static json_t *load_keeping_big_numbers(const char *text, size_t len,
                                        json_error_t *jerr)
{
    json_t *record = json_loadb(text, len, JSON_ALLOW_NUL, jerr);
    if (record || json_error_code(jerr) != json_error_numeric_overflow)
        return record;
    size_t quoted_len, quoted, *starts;
    char *copy =
        sl_json_quote_big_numbers(text, len, &quoted_len, &starts, &quoted);
    if (!copy)
        return NULL;
    json_error_t again;
    record = json_loadb(copy, quoted_len, JSON_ALLOW_NUL, &again);
    if (!record && json_error_code(&again) != json_error_numeric_overflow) {
        size_t at =
            sl_json_unquoted_offset(starts, quoted, (size_t)again.position);
        int shift = again.position - (int)at; /* the quotes added before */
        *jerr = again;
        jerr->position -= shift;
        jerr->column -= shift;
    }
    free(copy);
    free(starts);
    return record;
}

int sl_input_jsonl_doc(sl_doc *doc, const sl_input_config *cfg,
                       const char *path, const sl_input_record *rec,
                       sl_read_error *err)
{
    if (rec->binary) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->nul_offset,
                           "NUL byte at byte offset %llu in a line of %llu "
                           "bytes or more without a newline: binary data, "
                           "not JSONL; the rest of the file is not read",
                           (unsigned long long)rec->nul_offset,
                           (unsigned long long)rec->full_len);
        sl_input_error_set_cut_record(err, rec->text, rec->len, rec->full_len,
                                      NULL);
        return -1;
    }
    if (rec->too_long) {
        sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                           "record of %llu bytes is over max_doc_bytes "
                           "(%llu); refused",
                           (unsigned long long)rec->full_len,
                           (unsigned long long)cfg->max_doc_bytes);
        sl_input_error_set_cut_record(err, rec->text, rec->len, rec->full_len,
                                      rec->sha256);
        return -1;
    }
    const char *text = rec->text;
    size_t len = rec->len;
    size_t skipped = sl_input_skip_bom(&text, &len);
    if (len > 0 && text[len - 1] == '\r')
        len--;
    /* the fast parser checks the bytes as it decodes them; when it gives
     * up, the whole check runs first, so a bad byte is still reported as
     * such, before any JSON error */
    json_t *record = NULL;
    bool text_in_doc = false, id_in_doc = false;
    const char *text_field = field_name(cfg->text_field, "text");
    const char *id_field = field_name(cfg->id_field, "id");
    sl_json_fast_result fast =
        sl_json_fast_record(text, len, text_field,
                            strcmp(id_field, text_field) != 0 ? id_field : NULL,
                            doc, &record, &text_in_doc, &id_in_doc);
    int status = 0;
    if (fast != SL_JSON_FAST_OK) {
        doc->raw = "";
        doc->raw_len = 0;
        status = check_bytes(path, rec, text, len, skipped, err);
    }
    if (status == 0) {
        json_error_t jerr;
        memset(&jerr, 0, sizeof jerr);
        if (fast == SL_JSON_FAST_GIVE_UP)
            record = load_keeping_big_numbers(text, len, &jerr);
        if (fast == SL_JSON_FAST_NO_MEMORY) {
            sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                               "out of memory");
            status = -1;
        } else if (!record) {
            uint64_t column = jerr.column > 0 ? (uint64_t)jerr.column : 1;
            uint64_t position = jerr.position > 0 ? (uint64_t)jerr.position : 0;
            sl_input_error_set_column(err, "jsonl", path, rec->line, column,
                                      rec->offset + skipped + position,
                                      "invalid JSON: %s", jerr.text);
            status = -1;
        } else if (!json_is_object(record)) {
            sl_input_error_set(err, "jsonl", path, rec->line, rec->offset,
                               "record is %s, not a JSON object",
                               json_type_name(record));
            status = -1;
        } else {
            status = fill_from_object(doc, cfg, record, text_in_doc, id_in_doc,
                                      path, rec, err);
        }
        json_decref(record);
    }
    if (status < 0)
        sl_input_error_set_record(err, rec->text, rec->len);
    return status;
}
