/* tests/test_reader.c - the input side: formats, compression, folders,
 * UTF-8 and NUL checks, the size limit and byte ranges. Every input is
 * written by the test into a fresh temporary folder.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

#include <sluice/text.h>

#include "docs.h"
#include "input_buffer.h"
#include "input_json.h"
#include "input_jsonl.h"
#include "input_record.h"
#include "input_source.h"
#include "reader.h"
#include "scratch.h"

static void make_tmp(void)
{
    scratch_make("reader");
}

TestSuite(reader, .init = make_tmp, .fini = scratch_remove);

/* gzip of data (one member) in a malloc'd buffer. */
static unsigned char *gzip_bytes(const char *data, size_t len, size_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    cr_assert_eq(
        deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    unsigned char *buf = malloc(cap);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *out = cap - z.avail_out;
    deflateEnd(&z);
    return buf;
}

static unsigned char *zstd_bytes(const char *data, size_t len, size_t *out)
{
    size_t cap = ZSTD_compressBound(len);
    unsigned char *buf = malloc(cap);
    *out = ZSTD_compress(buf, cap, data, len, 3);
    cr_assert(!ZSTD_isError(*out));
    return buf;
}

static sl_input_config default_config(void)
{
    sl_input_config cfg = {.format = "auto",
                           .content_type = "auto",
                           .text_field = "text",
                           .id_field = "id"};
    return cfg;
}

static sl_reader *open_one(const sl_input_config *cfg, const char *path)
{
    sl_read_error err = {0};
    const char *paths[] = {path};
    sl_reader *r = sl_reader_open(cfg, paths, 1, &err);
    cr_assert_not_null(r, "open failed: %s", err.message);
    return r;
}

static sl_doc *expect_doc(sl_reader *r)
{
    sl_doc *doc = NULL;
    sl_read_error err = {0};
    sl_read_result got = sl_reader_next(r, &doc, &err);
    cr_assert_eq(got, SL_READ_DOC, "expected a document, got %d: %s", got,
                 err.message ? err.message : "");
    cr_assert_not_null(doc);
    return doc;
}

/* Expects a failed record whose message contains `needle`; returns the
 * error for more checks (the caller clears it). */
static sl_read_error expect_bad(sl_reader *r, const char *needle)
{
    sl_doc *doc = NULL;
    sl_read_error err = {0};
    sl_read_result got = sl_reader_next(r, &doc, &err);
    cr_assert_eq(got, SL_READ_BAD_DOC, "expected a failed record, got %d", got);
    cr_assert_null(doc);
    cr_assert_not_null(err.message);
    cr_assert_not_null(strstr(err.message, needle),
                       "message \"%s\" lacks \"%s\"", err.message, needle);
    return err;
}

static void expect_end(sl_reader *r)
{
    sl_doc *doc = NULL;
    sl_read_error err = {0};
    sl_read_result got = sl_reader_next(r, &doc, &err);
    cr_assert_eq(got, SL_READ_END, "expected the end, got %d: %s", got,
                 err.message ? err.message : "");
}

/* The record check walks runs of three-byte characters without stopping:
 * what ends a run (ASCII, a bad byte, a truncated or a surrogate
 * sequence, the end) must still be seen where it is. */
Test(reader, text_check_finds_what_ends_a_run_of_han)
{
    const struct {
        const char *bytes;
        size_t at; /* the first bad byte, or the length when none */
        const char *what;
    } cases[] = {
        {"中文字", 9, NULL},
        {"中文,字。", 13, NULL},
        {"中文\xFF字", 6, "invalid byte"},
        {"中文字\xE4\xB8", 9, "truncated sequence"},
        {"中文\xED\xA0\x80", 6, "UTF-16 surrogate"},
        {"中\xE0\x80\xAF", 3, "overlong encoding"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sl_bad_byte bad = {0};
        size_t len = strlen(cases[i].bytes);
        bool ok = sl_input_text_ok(cases[i].bytes, len, &bad);
        if (!cases[i].what) {
            cr_assert(ok, "case %zu", i);
            cr_assert_eq(len, cases[i].at, "case %zu", i);
            continue;
        }
        cr_assert_not(ok, "case %zu", i);
        cr_assert_eq(bad.at, cases[i].at, "case %zu: at %zu", i, bad.at);
        cr_assert_str_eq(bad.what, cases[i].what, "case %zu", i);
    }
    char nul[] = "中文\0字";
    sl_bad_byte bad = {0};
    cr_assert_not(sl_input_text_ok(nul, sizeof nul - 1, &bad));
    cr_assert_eq(bad.at, 6);
    cr_assert_str_eq(bad.what, "NUL byte");
}

/* The first bad byte as a plain character-by-character walk finds it:
 * the first NUL or the end of the valid UTF-8 prefix. */
static size_t first_bad_byte_walked(const char *s, size_t len)
{
    const char *nul = memchr(s, '\0', len);
    size_t valid = sl_utf8_validate(s, len);
    size_t at_nul = nul ? (size_t)(nul - s) : len;
    return valid < at_nul ? valid : at_nul;
}

static void check_like_walk(const char *s, size_t len, const char *what)
{
    sl_bad_byte bad = {0};
    size_t want = first_bad_byte_walked(s, len);
    bool ok = sl_input_text_ok(s, len, &bad);
    cr_assert_eq(ok, want == len, "%s: ok %d, want bad at %zu of %zu", what, ok,
                 want, len);
    if (!ok)
        cr_assert_eq(bad.at, want, "%s: bad at %zu, want %zu of %zu", what,
                     bad.at, want, len);
}

/* Long runs of Chinese and ASCII are checked 16 bytes at a time where
 * the processor allows: every prefix (a character cut at each place,
 * also at the end of a chunk), and every byte replaced by each kind of
 * bad or odd byte, must give the first bad byte a character-by-character
 * walk gives. */
Test(reader, text_check_agrees_with_a_walk_at_every_byte)
{
    const char *text = "第0号区教育局2022年工作总结\n一、数据提高，加强师德"
                       "师风建设,引导广大教师以德立身。\"全区\"投入56.31亿元"
                       "¼€𝄞 über";
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    cr_assert_not_null(copy);
    for (size_t n = 0; n <= len; n++) {
        char *prefix = malloc(n > 0 ? n : 1); /* n bytes, for ASan */
        cr_assert_not_null(prefix);
        memcpy(prefix, text, n);
        check_like_walk(prefix, n, "prefix");
        free(prefix);
    }
    const unsigned char odd[] = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC2,
                                 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 'a'};
    for (size_t at = 0; at < len; at++)
        for (size_t k = 0; k < sizeof odd; k++) {
            memcpy(copy, text, len);
            copy[at] = (char)odd[k];
            check_like_walk(copy, len, "replaced");
            check_like_walk(copy + 1, len - 1, "replaced, shifted");
        }
    free(copy);
}

Test(reader, text_file_is_one_document)
{
    const char *path = scratch_write_text("a.txt", "第一行\n\n第二行\r\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "第一行\n\n第二行\r\n");
    cr_assert_str_eq(doc->id, path);
    cr_assert_str_eq(doc->source, path);
    cr_assert_eq(doc->content_type, SL_CONTENT_TEXT);
    cr_assert_eq(doc->seq, 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(doc->n_blocks, 2);
    cr_assert_str_eq(doc->blocks[1].text, "第二行");
    sl_doc_free(doc);
    expect_end(r);
    cr_assert_eq(sl_reader_bytes_total(r), strlen("第一行\n\n第二行\r\n"));
    cr_assert_eq(sl_reader_bytes_read(r), sl_reader_bytes_total(r));
    sl_reader_close(r);
}

Test(reader, empty_text_file_gives_empty_document)
{
    const char *path = scratch_write_text("empty.txt", "");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_eq(doc->raw_len, 0);
    cr_assert_str_eq(doc->raw, "");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, jsonl_records_fields_and_metadata)
{
    const char *path = scratch_write_text(
        "d.jsonl", "{\"id\":\"x1\",\"text\":\"hello\",\"url\":\"http://a\"}\n"
                   "\n"
                   "   \n"
                   "{\"text\":\"no id\",\"lang\":\"zh\"}\n"
                   "{\"id\":42,\"text\":\"number id\"}\n"
                   "{\"id\":\"\",\"text\":\"last, no newline\"}");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);

    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "x1");
    cr_assert_str_eq(doc->raw, "hello");
    cr_assert_eq(doc->source_line, 1);
    cr_assert_eq(doc->source_offset, 0);
    cr_assert_str_eq(sl_doc_meta_string(doc, "url"), "http://a");
    cr_assert_null(json_object_get(doc->meta, "text"));
    cr_assert_null(json_object_get(doc->meta, "id"));
    sl_doc_free(doc);

    doc = expect_doc(r);
    char want[4200];
    snprintf(want, sizeof want, "%s:4", path);
    cr_assert_str_eq(doc->id, want);
    cr_assert_eq(doc->source_line, 4);
    cr_assert_str_eq(sl_doc_meta_string(doc, "lang"), "zh");
    cr_assert_eq(doc->seq, 1);
    sl_doc_free(doc);

    doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "42");
    sl_doc_free(doc);

    doc = expect_doc(r);
    snprintf(want, sizeof want, "%s:6", path);
    cr_assert_str_eq(doc->id, want);
    cr_assert_str_eq(doc->raw, "last, no newline");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, jsonl_numbers_beyond_64_bits_are_kept_as_their_digits)
{
    const char *path = scratch_write_text(
        "big.jsonl",
        "{\"id\":18446744073709551616,\"text\":\"t\","
        "\"hash\":18446744073709551615,\"huge\":-1e999,"
        "\"s\":\"1e999 \\\" 99999999999999999999\","
        "\"deep\":{\"a\":[123456789012345678901234567890,1.5]},"
        "\"small\":42}\n"
        "{\"id\":\"next\",\"text\":\"u\",\"h\":99999999999999999999, x}\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "18446744073709551616");
    json_t *want =
        json_loads("{\"hash\":\"18446744073709551615\",\"huge\":\"-1e999\","
                   "\"s\":\"1e999 \\\" 99999999999999999999\","
                   "\"deep\":{\"a\":[\"123456789012345678901234567890\",1.5]},"
                   "\"small\":42}",
                   0, NULL);
    cr_assert_not_null(want);
    char *got = json_dumps(doc->meta, JSON_COMPACT | JSON_SORT_KEYS);
    cr_assert(json_equal(doc->meta, want), "metadata %s", got);
    free(got);
    json_decref(want);
    sl_doc_free(doc);
    /* a syntax error after such a number is placed in the line as written */
    sl_read_error err = expect_bad(r, "invalid JSON");
    cr_assert_not_null(strstr(err.message, "big.jsonl:2:"), "%s", err.message);
    cr_assert_not_null(strstr(err.message, ":2:51:"), "%s", err.message);
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, jsonl_chosen_fields)
{
    const char *path = scratch_write_text(
        "f.ndjson",
        "{\"key\":\"k\",\"html\":\"<!doctype html><p>x\",\"text\":\"t\"}\n");
    sl_input_config cfg = default_config();
    cfg.text_field = "html";
    cfg.id_field = "key";
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "k");
    cr_assert_str_eq(doc->raw, "<!doctype html><p>x");
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    cr_assert_str_eq(sl_doc_meta_string(doc, "text"), "t");
    cr_assert_null(json_object_get(doc->meta, "html"));
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, broken_json_names_line_and_column_and_goes_on)
{
    const char *path = scratch_write_text("b.jsonl", "{\"text\":\"ok\"}\n"
                                                     "{\"text\": oops}\n"
                                                     "{\"text\":\"after\"}\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc_free(expect_doc(r));
    char where[4200];
    snprintf(where, sizeof where, "%s:2:", path);
    sl_read_error err = expect_bad(r, "invalid JSON");
    cr_assert_not_null(strstr(err.message, where), "%s", err.message);
    cr_assert_eq(err.line, 2);
    cr_assert_str_eq(err.reader, "jsonl");
    cr_assert_str_eq(err.record, "{\"text\": oops}");
    cr_assert_str_eq(err.source, path);
    sl_read_error_clear(&err);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "after");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, text_field_missing_or_not_a_string)
{
    const char *path =
        scratch_write_text("t.jsonl", "{\"text\":5}\n"
                                      "{\"body\":\"x\"}\n"
                                      "[1,2]\n"
                                      "{\"id\":{},\"text\":\"x\"}\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_read_error err = expect_bad(r, "\"text\" is a number, not a string");
    sl_read_error_clear(&err);
    err = expect_bad(r, "no \"text\" field");
    sl_read_error_clear(&err);
    err = expect_bad(r, "not a JSON object");
    sl_read_error_clear(&err);
    err = expect_bad(r, "\"id\" is an object");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, html_by_extension_and_by_sniffing)
{
    const char *page = scratch_write_text("p.htm", "<div>no doctype</div>");
    const char *text =
        scratch_write_text("q.txt", "\xEF\xBB\xBF  \n<!DocType html><p>x</p>");
    const char *plain = scratch_write_text("r.txt", "just <html> later");
    sl_input_config cfg = default_config();
    const char *paths[] = {page, text, plain};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 3, &err);
    cr_assert_not_null(r);
    sl_doc *doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    cr_assert_eq(strncmp(doc->raw, "  \n<!DocType", 12), 0, "BOM kept: %s",
                 doc->raw);
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_TEXT);
    cr_assert_eq(doc->seq, 2);
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);

    cfg.content_type = "text";
    r = open_one(&cfg, page);
    doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_TEXT);
    sl_doc_free(doc);
    sl_reader_close(r);
}

Test(reader, explicit_format_overrides_the_name)
{
    const char *path =
        scratch_write_text("x.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    sl_input_config cfg = default_config();
    cfg.format = "text";
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);

    cfg.format = "html";
    r = open_one(&cfg, path);
    doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    sl_doc_free(doc);
    sl_reader_close(r);
}

Test(reader, unknown_format_is_refused)
{
    sl_input_config cfg = default_config();
    cfg.format = "xml";
    sl_read_error err = {0};
    const char *paths[] = {"whatever"};
    cr_assert_null(sl_reader_open(&cfg, paths, 1, &err));
    cr_assert_not_null(strstr(err.message, "xml"));
    sl_read_error_clear(&err);
}

Test(reader, missing_input_is_refused_at_open)
{
    sl_input_config cfg = default_config();
    sl_read_error err = {0};
    const char *paths[] = {scratch_path("does-not-exist.txt")};
    cr_assert_null(sl_reader_open(&cfg, paths, 1, &err));
    cr_assert_not_null(strstr(err.message, "does-not-exist.txt"));
    cr_assert_not_null(strstr(err.message, "No such file"));
    sl_read_error_clear(&err);
}

static const char *two_members_jsonl(size_t *len, int codec)
{
    const char *a = "{\"id\":\"a\",\"text\":\"first\"}\n";
    const char *b = "{\"id\":\"b\",\"text\":\"second\"}\n";
    size_t la, lb;
    unsigned char *ca =
        codec ? zstd_bytes(a, strlen(a), &la) : gzip_bytes(a, strlen(a), &la);
    unsigned char *cb =
        codec ? zstd_bytes(b, strlen(b), &lb) : gzip_bytes(b, strlen(b), &lb);
    char *all = malloc(la + lb);
    memcpy(all, ca, la);
    memcpy(all + la, cb, lb);
    free(ca);
    free(cb);
    *len = la + lb;
    return all;
}

static void expect_first_second(sl_reader *r)
{
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "a");
    cr_assert_str_eq(doc->raw, "first");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "b");
    cr_assert_eq(doc->source_line, 2);
    sl_doc_free(doc);
}

Test(reader, gzip_with_several_members)
{
    size_t len;
    const char *data = two_members_jsonl(&len, 0);
    const char *path = scratch_write("g.jsonl.gz", data, len);
    free((void *)data);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    expect_first_second(r);
    expect_end(r);
    cr_assert_eq(sl_reader_bytes_read(r), len);
    sl_reader_close(r);
}

Test(reader, zstd_with_several_frames)
{
    size_t len;
    const char *data = two_members_jsonl(&len, 1);
    const char *path = scratch_write("z.jsonl.zst", data, len);
    free((void *)data);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    expect_first_second(r);
    expect_end(r);
    sl_reader_close(r);
}

/* A zstd skippable frame (magic 0x184D2A5n, little-endian length, then
 * that many bytes of payload) appended to buf at *at. */
static void put_skippable(unsigned char *buf, size_t *at, unsigned n,
                          const char *payload)
{
    size_t len = strlen(payload);
    const unsigned char head[8] = {(unsigned char)(0x50 + n), 0x2a, 0x4d, 0x18,
                                   (unsigned char)len,        0,    0,    0};
    memcpy(buf + *at, head, sizeof head);
    memcpy(buf + *at + sizeof head, payload, len);
    *at += sizeof head + len;
}

Test(reader, zstd_skippable_frames_first_between_and_last)
{
    /* the layout pzstd writes starts with a skippable frame */
    size_t len;
    const char *frames = two_members_jsonl(&len, 1);
    size_t first = ZSTD_findFrameCompressedSize(frames, len);
    cr_assert(!ZSTD_isError(first) && first < len);
    unsigned char *data = malloc(len + 64);
    size_t at = 0;
    put_skippable(data, &at, 0, "pzst");
    memcpy(data + at, frames, first);
    at += first;
    put_skippable(data, &at, 15, "");
    memcpy(data + at, frames + first, len - first);
    at += len - first;
    put_skippable(data, &at, 5, "end");
    free((void *)frames);
    const char *path = scratch_write("skip.jsonl.zst", data, at);
    const char *unnamed = scratch_write("skip-noext.jsonl", data, at);
    free(data);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    expect_first_second(r);
    expect_end(r);
    sl_reader_close(r);
    r = open_one(&cfg, unnamed);
    expect_first_second(r);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, zstd_skippable_frame_cut_short_is_truncated)
{
    unsigned char data[16];
    size_t at = 0;
    put_skippable(data, &at, 0, "abcd");
    const char *path = scratch_write("cutskip.jsonl.zst", data, at - 2);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_read_error err = expect_bad(r, "truncated zstd stream");
    sl_read_error_clear(&err);
    sl_reader_close(r);
}

/* A JSONL file: record a, then `zeros` NUL bytes and a newline, then
 * record b. Past a few read chunks, the newline is never in the buffer
 * when the reader decides. */
static const char *write_zero_line(const char *name, size_t zeros)
{
    const char *a = "{\"id\":\"a\",\"text\":\"one\"}\n";
    const char *b = "\n{\"id\":\"b\",\"text\":\"two\"}\n";
    size_t la = strlen(a), lb = strlen(b);
    char *data = calloc(1, la + zeros + lb);
    cr_assert_not_null(data);
    memcpy(data, a, la);
    memcpy(data + la + zeros, b, lb);
    const char *path = scratch_write(name, data, la + zeros + lb);
    free(data);
    return path;
}

static void expect_zeros_end_the_file(const char *path, uint64_t max)
{
    sl_input_config cfg = default_config();
    cfg.max_doc_bytes = max;
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "a");
    sl_doc_free(doc);
    sl_read_error err = expect_bad(r, "NUL byte at byte offset 24 in a line");
    cr_assert_str_eq(err.source, path);
    cr_assert_eq(err.offset, 24);
    cr_assert_not_null(strstr(err.message, "not JSONL"), "%s", err.message);
    sl_read_error_clear(&err);
    expect_end(r); /* binary data: nothing after it is looked for */
    sl_reader_close(r);
}

Test(reader, an_overlong_line_of_nul_bytes_ends_the_file)
{
    expect_zeros_end_the_file(
        write_zero_line("zeros.jsonl", 4 * SL_INPUT_READ_CHUNK), 1000);
}

Test(reader, without_a_limit_a_line_of_nul_bytes_ends_the_file)
{
    expect_zeros_end_the_file(
        write_zero_line("zeros-nolimit.jsonl", 4 * SL_INPUT_READ_CHUNK), 0);
}

Test(reader, compression_found_by_magic_without_suffix)
{
    size_t len;
    const char *data = two_members_jsonl(&len, 1);
    const char *path = scratch_write("noext.jsonl", data, len);
    free((void *)data);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    expect_first_second(r);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, misnamed_compressed_file_is_refused)
{
    const char *path = scratch_write_text("fake.txt.gz", "plain text");
    const char *next = scratch_write_text("good.txt", "good");
    sl_input_config cfg = default_config();
    const char *paths[] = {path, next};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 2, &err);
    cr_assert_not_null(r);
    err = expect_bad(r, "not gzip");
    sl_read_error_clear(&err);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "good");
    sl_doc_free(doc);
    sl_reader_close(r);
}

/* A JSONL file of many records, compressed then cut in half. */
static void check_truncated(int codec, const char *name, const char *needle)
{
    size_t n = 20000, used = 0;
    char *text = malloc(n * 64);
    for (size_t i = 0; i < n; i++)
        used += (size_t)sprintf(text + used,
                                "{\"id\":\"%zu\",\"text\":\"record %zu\"}\n", i,
                                i * 7919);
    size_t len;
    unsigned char *packed =
        codec ? zstd_bytes(text, used, &len) : gzip_bytes(text, used, &len);
    const char *path = scratch_write(name, packed, len / 2);
    free(packed);
    free(text);

    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    size_t docs = 0;
    for (;;) {
        sl_doc *doc = NULL;
        sl_read_error err = {0};
        sl_read_result got = sl_reader_next(r, &doc, &err);
        if (got == SL_READ_DOC) {
            docs++;
            sl_doc_free(doc);
            continue;
        }
        cr_assert_eq(got, SL_READ_BAD_DOC);
        cr_assert_not_null(strstr(err.message, needle), "%s", err.message);
        cr_assert_not_null(strstr(err.message, path), "%s", err.message);
        cr_assert_not_null(strstr(err.message, "byte offset"), "%s",
                           err.message);
        cr_assert_gt(err.offset, 0);
        sl_read_error_clear(&err);
        break;
    }
    cr_assert_gt(docs, 0);
    cr_assert_lt(docs, n);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, truncated_gzip_is_an_error_after_the_good_records)
{
    check_truncated(0, "cut.jsonl.gz", "truncated gzip stream");
}

Test(reader, truncated_zstd_is_an_error_after_the_good_records)
{
    check_truncated(1, "cut.jsonl.zst", "truncated zstd stream");
}

Test(reader, compressed_text_file)
{
    const char *text = "正文\n第二段\n";
    size_t len;
    unsigned char *packed = gzip_bytes(text, strlen(text), &len);
    const char *path = scratch_write("t.txt.gz", packed, len);
    free(packed);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, text);
    cr_assert_eq(doc->content_type, SL_CONTENT_TEXT);
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

/* Invalid UTF-8 cases: the bad bytes and the kind the message names.
 * Arrays, not pointers: Criterion copies parameters into the test's own
 * process. */
struct utf8_case {
    char bytes[8];
    char what[32];
};

ParameterizedTestParameters(reader, invalid_utf8_in_jsonl)
{
    static struct utf8_case cases[] = {
        {"\xC0\xAF", "overlong encoding"},
        {"\xE0\x80\xAF", "overlong encoding"},
        {"\xF0\x80\x80\xAF", "overlong encoding"},
        {"\xED\xA0\x80", "UTF-16 surrogate"},
        {"\xED\xBF\xBF", "UTF-16 surrogate"},
        {"\xE4\xB8", "truncated sequence"},
        {"\xF0\x9F\x98", "truncated sequence"},
        {"\x80", "stray continuation byte"},
        {"\xBF\xBF", "stray continuation byte"},
        {"\xF4\x90\x80\x80", "code point above U+10FFFF"},
        {"\xFF", "invalid byte"},
    };
    return cr_make_param_array(struct utf8_case, cases,
                               sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct utf8_case *c, reader, invalid_utf8_in_jsonl)
{
    const char *good = "{\"text\":\"好\"}\n";
    char line[256];
    int prefix = snprintf(line, sizeof line, "%s{\"text\":\"ab", good);
    snprintf(line + prefix, sizeof line - (size_t)prefix, "%s\"}\n%s", c->bytes,
             good);
    const char *path = scratch_write_text("u.jsonl", line);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc_free(expect_doc(r));
    size_t offset = (size_t)prefix;
    char want[4300];
    snprintf(want, sizeof want, "%s:2: invalid UTF-8 at byte offset %zu (%s",
             path, offset, c->what);
    sl_read_error err = expect_bad(r, want);
    cr_assert_eq(err.offset, offset);
    cr_assert_eq(err.line, 2);
    cr_assert_not_null(err.record);
    sl_read_error_clear(&err);
    sl_doc_free(expect_doc(r));
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, invalid_utf8_in_text_file_names_line_and_offset)
{
    const char *path =
        scratch_write_text("bad.txt", "一\n二\nab\xED\xA0\x80\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    char want[4200];
    /* "一\n二\n" is 8 bytes, then "ab". */
    snprintf(want, sizeof want, "%s:3: invalid UTF-8 at byte offset 10", path);
    sl_read_error err = expect_bad(r, want);
    cr_assert_eq(err.offset, 10);
    cr_assert_str_eq(err.reader, "text");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, nul_bytes_are_refused)
{
    const char text[] = "ab\0cd";
    const char *path = scratch_write("nul.txt", text, 5);
    const char json[] = "{\"text\":\"a\\u0000b\"}\n{\"text\":\"a\0b\"}\n";
    const char *jpath = scratch_write("nul.jsonl", json, sizeof json - 1);
    sl_input_config cfg = default_config();
    const char *paths[] = {path, jpath};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 2, &err);
    cr_assert_not_null(r);
    err = expect_bad(r, "NUL byte at byte offset 2");
    cr_assert_eq(err.offset, 2);
    sl_read_error_clear(&err);
    err = expect_bad(r, "NUL character");
    sl_read_error_clear(&err);
    err = expect_bad(r, ":2: NUL byte at byte offset");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, byte_order_marks_and_crlf)
{
    const char *path = scratch_write_text(
        "bom.jsonl", "\xEF\xBB\xBF{\"id\":\"1\",\"text\":\"\xEF\xBB\xBFx\"}\r\n"
                     "{\"id\":\"2\",\"text\":\"y\"}\r\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "1");
    cr_assert_str_eq(doc->raw, "x");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "2");
    cr_assert_eq(
        doc->source_offset,
        strlen("\xEF\xBB\xBF{\"id\":\"1\",\"text\":\"\xEF\xBB\xBFx\"}\r\n"));
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

static void make_dir(const char *name)
{
    cr_assert_eq(mkdir(scratch_path(name), 0755), 0);
}

Test(reader, folders_in_byte_order_without_hidden_files)
{
    make_dir("tree");
    make_dir("tree/sub");
    make_dir("tree/.git");
    scratch_write_text("tree/b.txt", "b");
    scratch_write_text("tree/a.txt", "a");
    scratch_write_text("tree/B.txt", "B");
    scratch_write_text("tree/sub/c.txt", "c");
    scratch_write_text("tree/.hidden.txt", "hidden");
    scratch_write_text("tree/.git/config", "hidden");
    scratch_write_text("tree/d.jsonl",
                       "{\"text\":\"d1\"}\n{\"text\":\"d2\"}\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, scratch_path("tree"));
    const char *want[] = {"B", "a", "b", "d1", "d2", "c"};
    for (size_t i = 0; i < 6; i++) {
        sl_doc *doc = expect_doc(r);
        cr_assert_str_eq(doc->raw, want[i]);
        cr_assert_eq(doc->seq, i);
        sl_doc_free(doc);
    }
    expect_end(r);
    cr_assert_eq(sl_reader_bytes_total(r), 4 + 28);
    sl_reader_close(r);
}

Test(reader, symlink_loop_is_reported_and_not_followed)
{
    make_dir("loop");
    make_dir("loop/inner");
    scratch_write_text("loop/inner/a.txt", "a");
    scratch_write_text("loop/z.txt", "z");
    cr_assert_eq(symlink("..", scratch_path("loop/inner/up")), 0);
    cr_assert_eq(symlink("nowhere", scratch_path("loop/inner/dangling")), 0);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, scratch_path("loop"));
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "a");
    sl_doc_free(doc);
    sl_read_error err = expect_bad(r, "cannot read");
    cr_assert_not_null(strstr(err.message, "dangling"));
    cr_assert_str_eq(err.reader, "fs");
    sl_read_error_clear(&err);
    err = expect_bad(r, "symlink loop");
    cr_assert_not_null(strstr(err.message, "inner/up"));
    sl_read_error_clear(&err);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "z");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, unreadable_file_is_an_error_and_the_run_goes_on)
{
    if (geteuid() == 0)
        cr_skip_test("permissions do not apply to root");
    const char *locked = scratch_write_text("locked.txt", "secret");
    const char *open_file = scratch_write_text("open.txt", "open");
    cr_assert_eq(chmod(locked, 0), 0);
    sl_input_config cfg = default_config();
    const char *paths[] = {locked, open_file};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 2, &err);
    cr_assert_not_null(r);
    err = expect_bad(r, "cannot open");
    sl_read_error_clear(&err);
    sl_doc_free(expect_doc(r));
    sl_reader_close(r);
}

Test(reader, overlong_line_is_refused_and_the_next_record_read)
{
    size_t big = 5u << 20;
    char *data = malloc(big + 100);
    strcpy(data, "{\"text\":\"");
    memset(data + 9, 'x', big);
    strcpy(data + 9 + big, "\"}\n{\"text\":\"small\"}\n");
    const char *path = scratch_write_text("long.jsonl", data);
    free(data);
    sl_input_config cfg = default_config();
    cfg.max_doc_bytes = 1u << 20;
    sl_reader *r = open_one(&cfg, path);
    sl_read_error err = expect_bad(r, "over max_doc_bytes (1048576)");
    cr_assert_eq(err.line, 1);
    cr_assert_leq(err.record_len, 4096);
    sl_read_error_clear(&err);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "small");
    cr_assert_eq(doc->source_line, 2);
    cr_assert_eq(doc->source_offset, 9 + big + 3);
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, overlong_line_keeps_memory_bounded)
{
    size_t big = 40u << 20, max = 1u << 20;
    char *data = malloc(big + 16);
    memset(data, 'y', big);
    strcpy(data + big, "\nnext\n");
    const char *path = scratch_write_text("huge.txt", data);
    free(data);
    sl_read_error err = {0};
    sl_source *src = sl_source_open(path, &err);
    cr_assert_not_null(src);
    sl_input_buffer b;
    cr_assert_eq(sl_input_buffer_init(&b, src, max, 0, 0), 0);
    sl_input_record rec;
    cr_assert_eq(sl_input_buffer_next_line(&b, &rec, &err), 1);
    cr_assert(rec.too_long);
    cr_assert_eq(rec.full_len, big);
    cr_assert_lt(b.cap, 4 * max + 4 * SL_INPUT_READ_CHUNK,
                 "buffer grew to %zu bytes", b.cap);
    cr_assert_eq(sl_input_buffer_next_line(&b, &rec, &err), 1);
    cr_assert_eq(rec.len, 4);
    cr_assert_eq(memcmp(rec.text, "next", 4), 0);
    cr_assert_eq(rec.line, 2);
    cr_assert_eq(sl_input_buffer_next_line(&b, &rec, &err), 0);
    sl_input_buffer_free(&b);
    sl_source_close(src);
}

Test(reader, expanding_gzip_is_limited_by_max_doc_bytes)
{
    size_t big = 30u << 20;
    char *data = malloc(big);
    memset(data, 'a', big);
    size_t len;
    unsigned char *packed = gzip_bytes(data, big, &len);
    free(data);
    cr_assert_lt(len * 100, big, "the test wants a high ratio");
    const char *path = scratch_write("bomb.txt.gz", packed, len);
    free(packed);
    sl_input_config cfg = default_config();
    cfg.max_doc_bytes = 1u << 20;
    sl_reader *r = open_one(&cfg, path);
    sl_read_error err = expect_bad(r, "more than max_doc_bytes");
    cr_assert_str_eq(err.reader, "text");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

/* Reads every document of paths within [start, end), appending ids. */
static size_t read_range(const char *const *paths, size_t n, uint64_t start,
                         uint64_t end, char ids[][64], size_t have)
{
    sl_input_config cfg = default_config();
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, n, &err);
    cr_assert_not_null(r);
    cr_assert_eq(sl_reader_set_range(r, start, end), 0);
    for (;;) {
        sl_doc *doc = NULL;
        sl_read_result got = sl_reader_next(r, &doc, &err);
        if (got == SL_READ_END)
            break;
        cr_assert_eq(got, SL_READ_DOC, "%s", err.message);
        snprintf(ids[have++], 64, "%s", doc->id);
        sl_doc_free(doc);
    }
    cr_assert_eq(sl_reader_set_range(r, 0, 1), -1);
    sl_reader_close(r);
    return have;
}

Test(reader, byte_ranges_give_every_document_once)
{
    char text[4096];
    size_t used = 0;
    for (int i = 0; i < 50; i++)
        used += (size_t)sprintf(text + used,
                                i % 3 ? "{\"id\":\"r%d\",\"text\":\"%.*s\"}\n"
                                      : "{\"n\":%d,\"text\":\"%.*s\"}\n",
                                i, i % 17, "abcdefghijklmnopq");
    const char *jsonl = scratch_write_text("range.jsonl", text);
    const char *plain = scratch_write_text("range.txt", "one document");
    const char *empty = scratch_write_text("range-empty.txt", "");
    size_t len;
    unsigned char *packed = gzip_bytes(text, used, &len);
    const char *gz = scratch_write("range2.jsonl.gz", packed, len);
    free(packed);
    const char *tail = scratch_write_text("range-tail.txt", "");
    const char *paths[] = {jsonl, plain, empty, gz, tail};

    sl_input_config cfg = default_config();
    sl_read_error err = {0};
    sl_reader *whole = sl_reader_open(&cfg, paths, 5, &err);
    uint64_t total = sl_reader_bytes_total(whole);
    sl_reader_close(whole);
    cr_assert_eq(total, used + 12 + len);

    static char all[256][64], cut[256][64];
    size_t n_all = read_range(paths, 5, 0, total, all, 0);
    cr_assert_eq(n_all, 50 + 1 + 1 + 50 + 1);
    const uint64_t cuts[][4] = {{0, 1, 2, 0},
                                {0, 37, used, 0},
                                {0, used - 1, used + 5, 0},
                                {0, 100, used + 12, 0},
                                {0, used + 12, used + 13, 0}};
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        size_t n = 0;
        uint64_t prev = 0;
        for (size_t k = 0; k < 3; k++) {
            uint64_t next = cuts[c][k + 1] ? cuts[c][k + 1] : total;
            if (k == 2)
                next = total;
            n = read_range(paths, 5, prev, next, cut, n);
            prev = next;
        }
        cr_assert_eq(n, n_all, "cut %zu: %zu documents, want %zu", c, n, n_all);
        for (size_t i = 0; i < n; i++)
            cr_assert_str_eq(cut[i], all[i], "cut %zu, document %zu", c, i);
    }
}

/* The fast JSONL path must give what jansson gives, or give up. */
struct fast_case {
    char line[200];
    int gives_up;
};

ParameterizedTestParameters(reader, fast_json_matches_jansson)
{
    static struct fast_case cases[] = {
        {"{\"id\":\"a\",\"text\":\"plain\"}", 0},
        {"{\"text\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\"}", 0},
        {"{\"text\":\"\\u4e2d\\u6587 \\ud83d\\ude00 \\u00e9\"}", 0},
        {"{\"text\":\"中文 \\u0041\",\"n\":-12,\"r\":1.5e3,\"z\":0}", 0},
        {"{\"meta\":{\"a\":[1,2,{\"b\":null}],\"t\":true,\"f\":false},"
         "\"text\":\"x\"}",
         0},
        {" { \"text\" : \"spaced\" , \"k\" : [ ] , \"o\" : { } } ", 0},
        {"{\"text\":\"first\",\"text\":\"second\"}", 0},
        {"{\"a\":1,\"a\":2,\"text\":\"dup\"}", 0},
        {"{\"esc\\\"key\":\"v\",\"text\":\"\"}", 0},
        {"{\"text\":\"lone \\ud800 surrogate\"}", 1},
        {"{\"text\":\"bad \\x escape\"}", 1},
        {"{\"text\":\"x\",}", 1},
        {"{\"text\":\"x\"} trailing", 1},
        {"{\"n\":01,\"text\":\"x\"}", 1},
        {"{\"n\":99999999999999999999,\"text\":\"x\"}", 1},
        {"{\"k\\u0000\":1,\"text\":\"x\"}", 1},
        {"[\"text\"]", 1},
        {"{\"text\":\"x\",\"text\":5}", 1},
        {"{\"text\":\"tab\tinside\"}", 1},
        /* the id field: a string that makes an id goes to doc->id */
        {"{\"id\":\"a\\u00e9\\\"b\",\"text\":\"x\",\"url\":\"u\"}", 0},
        {"{\"text\":\"x\",\"id\":\"\\u4e2d文\"}", 0},
        {"{\"id\":\"a\\u0000b\",\"text\":\"x\"}", 0},
        {"{\"id\":\"\",\"text\":\"x\"}", 0},
        {"{\"id\":7,\"text\":\"x\"}", 0},
        {"{\"id\":null,\"text\":\"x\"}", 0},
        {"{\"id\":[\"a\"],\"text\":\"x\"}", 0},
        {"{\"id\":\"a\",\"id\":\"b\",\"text\":\"x\"}", 1},
        {"{\"id\":5,\"text\":\"x\",\"id\":\"b\"}", 1},
    };
    return cr_make_param_array(struct fast_case, cases,
                               sizeof cases / sizeof cases[0]);
}

/* With the id field "id": a string id that makes one (not empty, no NUL)
 * is in doc->id and not in the record, any other value in the record. */
ParameterizedTest(struct fast_case *c, reader, fast_json_matches_jansson)
{
    sl_doc *doc = sl_doc_new();
    json_t *record = NULL;
    bool has_text = false, has_id = false;
    sl_json_fast_result got =
        sl_json_fast_record(c->line, strlen(c->line), "text", "id", doc,
                            &record, &has_text, &has_id);
    if (c->gives_up) {
        cr_assert_eq(got, SL_JSON_FAST_GIVE_UP, "%s", c->line);
        cr_assert_null(record);
        sl_doc_free(doc);
        return;
    }
    cr_assert_eq(got, SL_JSON_FAST_OK, "%s", c->line);
    json_error_t jerr;
    json_t *want = json_loads(c->line, JSON_ALLOW_NUL, &jerr);
    cr_assert_not_null(want, "%s", jerr.text);
    json_t *want_text = json_object_get(want, "text");
    cr_assert(has_text);
    cr_assert_eq(doc->raw_len, json_string_length(want_text));
    cr_assert_eq(memcmp(doc->raw, json_string_value(want_text), doc->raw_len),
                 0);
    json_object_del(want, "text");
    const json_t *want_id = json_object_get(want, "id");
    bool makes_id =
        json_is_string(want_id) && json_string_length(want_id) > 0 &&
        !memchr(json_string_value(want_id), '\0', json_string_length(want_id));
    cr_assert_eq(has_id, makes_id, "%s", c->line);
    if (makes_id) {
        cr_assert_str_eq(doc->id, json_string_value(want_id), "%s", c->line);
        cr_assert_null(json_object_get(record, "id"), "%s", c->line);
        json_object_del(want, "id");
    }
    cr_assert(json_equal(record, want), "meta differs for %s", c->line);
    json_decref(want);
    json_decref(record);
    sl_doc_free(doc);
}

/* The text field as the fast path decodes it equals jansson's, or the
 * fast path gives up when want_give_up. */
static void check_fast_text(const char *line, bool want_give_up)
{
    sl_doc *doc = sl_doc_new();
    json_t *record = NULL;
    bool has_text = false;
    sl_json_fast_result got =
        sl_json_fast_record(line, strlen(line), "text", NULL, doc, &record,
                            &has_text, &(bool){false});
    if (want_give_up) {
        cr_assert_eq(got, SL_JSON_FAST_GIVE_UP, "%s", line);
    } else {
        cr_assert_eq(got, SL_JSON_FAST_OK, "%s", line);
        json_t *want = json_loads(line, JSON_ALLOW_NUL, NULL);
        cr_assert_not_null(want, "%s", line);
        const char *text = json_string_value(json_object_get(want, "text"));
        cr_assert_str_eq(doc->raw, text, "%s", line);
        json_decref(want);
    }
    json_decref(record);
    sl_doc_free(doc);
}

/* Strings are searched 16 bytes at a time for the quote, the backslash
 * and control bytes: each of them, and the bytes just outside the
 * search, at every offset of a long text. */
Test(reader, fast_json_finds_quotes_escapes_and_controls_at_every_offset)
{
    const char *body = "中文ab数据0123456789工作总结xyz年度报告";
    size_t n = strlen(body);
    const struct {
        const char *put;
        bool give_up;
    } specials[] = {{"\\n", false}, {"\\\"", false},    {"\\u4e2d", false},
                    {"\x01", true}, {"\x1f", true},     {"\x7f", false},
                    {" ", false},   {"\xc2\xa0", false}};
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
        for (size_t at = 0; at <= n; at++) {
            if (at < n && ((unsigned char)body[at] & 0xC0) == 0x80)
                continue; /* inside a character */
            char line[256];
            snprintf(line, sizeof line, "{\"text\":\"%.*s%s%s\",\"id\":\"x\"}",
                     (int)at, body, specials[k].put, body + at);
            check_fast_text(line, specials[k].give_up);
        }
}

/* The text field as jansson reads line (length too: it may hold NUL),
 * compared with what the fast path put in the document; or, when jansson
 * refuses the line, the fast path gives up (jansson then says why). */
static sl_json_fast_result check_fast_text_like_jansson(const char *line,
                                                        size_t len)
{
    json_error_t jerr;
    json_t *want = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    sl_doc *doc = sl_doc_new();
    json_t *record = NULL;
    bool has_text = false;
    sl_json_fast_result got = sl_json_fast_record(
        line, len, "text", NULL, doc, &record, &has_text, &(bool){false});
    if (!want) {
        cr_assert_eq(got, SL_JSON_FAST_GIVE_UP, "%.80s", line);
    } else if (got == SL_JSON_FAST_OK) {
        json_t *text = json_object_get(want, "text");
        cr_assert(has_text, "%.80s", line);
        cr_assert_eq(doc->raw_len, json_string_length(text), "%.80s", line);
        cr_assert_eq(memcmp(doc->raw, json_string_value(text), doc->raw_len), 0,
                     "%.80s", line);
        cr_assert_eq(doc->raw[doc->raw_len], '\0');
        json_object_del(want, "text");
        cr_assert(json_equal(record, want), "meta differs for %.80s", line);
    } else {
        cr_assert_eq(got, SL_JSON_FAST_GIVE_UP, "%.80s", line);
    }
    json_decref(want);
    json_decref(record);
    sl_doc_free(doc);
    return got;
}

/* The text field is decoded in one pass straight into the document: each
 * escape and each malformed ending (at the closing quote, at the end of
 * the line, inside an escape) agrees with jansson. */
Test(reader, fast_json_text_in_one_pass_agrees_with_jansson)
{
    static const char *const lines[] = {
        "{\"text\":\"\"}",
        "{\"text\":\"\\\\\"}",
        "{\"text\":\"ends in an escape\\n\"}",
        "{\"text\":\"\\u0000 NUL first, and last \\u0000\"}",
        "{\"text\":\"pair \\ud83d\\ude00 and \\uD83D\\uDE00\"}",
        "{\"text\":\"pair last \\ud83d\\ude00\"}",
        "{\"text\":\"high then quote \\ud83d\"}",
        "{\"text\":\"high then escape \\ud83d\\n\"}",
        "{\"text\":\"high then high \\ud83d\\ud83d\"}",
        "{\"text\":\"lone low \\ude00\"}",
        "{\"text\":\"short hex \\u12\"}",
        "{\"text\":\"short hex at the end \\u12",
        "{\"text\":\"bad hex \\u12g4\"}",
        "{\"text\":\"backslash at the end \\",
        "{\"text\":\"unterminated",
        "{\"text\":\"escaped quote \\\" then end",
        "{\"text\":\"raw newline \n inside\"}",
        "{\"text\":\"raw DEL \x7f and C1 \xc2\x85 are text\"}",
        "{\"text\":\"\\/\\b\\f\\r\\t\\\"\\\\\",\"after\":{\"n\":[1,-2.5e-3,"
        "true,null,\"\\u00e9\"]}}",
        "{\"before\":{\"deep\":[[[{\"x\":\"\\ud834\\udd1e\"}]]]},"
        "\"text\":\"last field\"}",
        "{\"text\":\"twice\",\"text\":\"the second \\t wins\"}",
        "{\"text\":5,\"text\":\"a string after a number wins\"}",
        "{\"text\":[1],\"id\":1,\"text\":\"s\",\"text\":\"t\"}",
        "{\"text\":{\"a\":1},\"text\":\"s\",\"text\":null}",
        "{\"text\":\"s\",\"text\":null,\"text\":\"t\"}",
        "{\"te\\u0078t\":5,\"text\":\"escaped key\"}",
        "{\"text\":\"x\",\"text\":\"y\",}",
        "{\"text\":5}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        check_fast_text_like_jansson(lines[i], strlen(lines[i]));
}

/* A long text with an escape every few bytes, and one without any:
 * decoded like jansson, across many 16-byte scans. */
Test(reader, fast_json_huge_text_agrees_with_jansson)
{
    static const char *const pieces[] = {"\\n", "\\u4e2d", "\\\"",
                                         "\\ud83d\\ude00", "\\u00e9"};
    size_t cap = 1 << 20;
    char *line = malloc(cap);
    cr_assert_not_null(line);
    for (int escapes = 0; escapes <= 1; escapes++) {
        size_t n = (size_t)snprintf(line, cap, "{\"id\":7,\"text\":\"");
        for (size_t k = 0; n + 64 < cap; k++) {
            memcpy(line + n, "工作abc", 9);
            n += 9;
            if (escapes) {
                const char *e = pieces[k % (sizeof pieces / sizeof *pieces)];
                memcpy(line + n, e, strlen(e));
                n += strlen(e);
            }
        }
        n += (size_t)snprintf(line + n, cap - n, "\",\"m\":{\"a\":1}}");
        cr_assert_eq(check_fast_text_like_jansson(line, n), SL_JSON_FAST_OK);
    }
    /* a \u0000 in the text, near its end: the fast path gives up (the
     * record is refused after jansson, which decodes it) */
    size_t used = (size_t)snprintf(line, cap, "{\"text\":\"");
    for (size_t k = 0; k < 1000; k++) {
        memcpy(line + used, "工作abc", 9);
        used += 9;
    }
    used += (size_t)snprintf(line + used, cap - used, "\\u0000x\"}");
    cr_assert_eq(check_fast_text_like_jansson(line, used),
                 SL_JSON_FAST_GIVE_UP);
    /* metadata strings and keys longer than the parser's first scratch
     * buffer, growing it more than once */
    for (size_t size = 200; size <= 5000; size *= 5) {
        size_t n = (size_t)snprintf(line, cap, "{\"text\":\"t\",\"");
        for (size_t k = 0; k < size; k++)
            line[n++] = (char)('a' + k % 26);
        n += (size_t)snprintf(line + n, cap - n, "\":\"");
        for (size_t k = 0; k < size; k++) {
            memcpy(line + n, k % 3 ? "数" : "\\u00e9", k % 3 ? 3 : 6);
            n += k % 3 ? 3 : 6;
        }
        n += (size_t)snprintf(line + n, cap - n, "\",\"id\":\"x\"}");
        cr_assert_eq(check_fast_text_like_jansson(line, n), SL_JSON_FAST_OK);
    }
    free(line);
}

/* line[0..len) in a buffer of exactly len bytes, so that ASan sees a
 * read past the end. */
static char *exact_copy(const char *line, size_t len)
{
    char *copy = malloc(len > 0 ? len : 1);
    cr_assert_not_null(copy);
    memcpy(copy, line, len);
    return copy;
}

/* The fast parser checks UTF-8 as it decodes (the record check is then
 * skipped): it must succeed only on a line the record check passes, and
 * then decode as jansson does. */
static void check_fast_utf8(const char *line, size_t len)
{
    char *copy = exact_copy(line, len);
    sl_bad_byte bad;
    bool text_ok = sl_input_text_ok(copy, len, &bad);
    sl_json_fast_result got = check_fast_text_like_jansson(copy, len);
    if (!text_ok)
        cr_assert_eq(got, SL_JSON_FAST_GIVE_UP,
                     "fast parse passed a bad byte at %zu: %.80s", bad.at,
                     line);
    free(copy);
}

/* Each kind of bad or odd byte at every place of a long text (through
 * the 32- and 16-byte checks, and across their ends), in the text field,
 * in another string and in a key, and the text cut inside each
 * character. */
Test(reader, fast_json_checks_utf8_at_every_byte_like_the_record_check)
{
    const char *body = "第0号区教育局2022年工作总结一、数据提高，加强师德"
                       "师风建设,引导广大教师以德立身。全区投入56.31亿元"
                       "¼€𝄞 überहिन्दी한국어";
    size_t n = strlen(body);
    const unsigned char odd[] = {0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC2,
                                 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
                                 0xF0, 0xF4, 0xF5, 0xFF, '"',  '\\', 'a'};
    static const char *const shapes[] = {
        "{\"id\":1,\"text\":\"%s\"}",
        "{\"text\":\"x\",\"url\":\"%s\"}",
        "{\"text\":\"x\",\"%s\":1}",
    };
    size_t cap = 2 * n + 64;
    char *body_copy = malloc(n + 1);
    char *line = malloc(cap);
    cr_assert_not_null(body_copy);
    cr_assert_not_null(line);
    for (size_t shape = 0; shape < sizeof shapes / sizeof *shapes; shape++) {
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof odd; k++) {
                memcpy(body_copy, body, n + 1);
                body_copy[at] = (char)odd[k];
                if (odd[k] == 0)
                    body_copy[at] = '\x01'; /* a NUL is tested below */
                int len = snprintf(line, cap, shapes[shape], body_copy);
                check_fast_utf8(line, (size_t)len);
            }
        for (size_t cut = 0; cut <= n; cut++) {
            memcpy(body_copy, body, cut);
            body_copy[cut] = '\0';
            int len = snprintf(line, cap, shapes[shape], body_copy);
            check_fast_utf8(line, (size_t)len);
        }
    }
    /* a raw NUL at every place of the text field */
    for (size_t at = 0; at < n; at++) {
        int len = snprintf(line, cap, "{\"text\":\"%s\"}", body);
        line[9 + at] = '\0';
        check_fast_utf8(line, (size_t)len);
    }
    free(body_copy);
    free(line);
}

/* Random lines of pieces that end runs, change the check's path or break
 * it: every decode agrees with jansson, and none passes a bad byte. */
Test(reader, fast_json_checks_utf8_of_random_texts)
{
    static const char *const pieces[] = {"中",
                                         "文",
                                         "，",
                                         "。",
                                         "a",
                                         "7",
                                         " ",
                                         "\\n",
                                         "\\\"",
                                         "\\\\",
                                         "\\u4e2d",
                                         "\\ud83d\\ude00",
                                         "\\ud83d",
                                         "\\ude00",
                                         "\\u0000",
                                         "é",
                                         "¼",
                                         "€",
                                         "𝄞",
                                         "ह",
                                         "한",
                                         "\xE0\xA4\x85",
                                         "\xED\x9F\xBF",
                                         "\xED\xA0\x80",
                                         "\xE0\x80\xAF",
                                         "\xC0\xAF",
                                         "\xF4\x90\x80\x80",
                                         "\x80",
                                         "\xE4\xB8",
                                         "\xF0\x9F\x98",
                                         "\xFF",
                                         "\x1F",
                                         "\x7F"};
    size_t n_pieces = sizeof pieces / sizeof *pieces;
    char line[1024];
    unsigned seed = 12345;
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)snprintf(line, sizeof line, "{\"text\":\"");
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 120;
        bool rare = (seed >> 8) % 4 == 0; /* else only valid pieces */
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pick = (seed >> 16) % (rare ? n_pieces : 22);
            /* Han text mostly, as in the corpora */
            if ((seed >> 4) % 3 == 0)
                pick = (seed >> 6) % 2;
            size_t plen = strlen(pieces[pick]);
            memcpy(line + len, pieces[pick], plen);
            len += plen;
        }
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 16) % 8) { /* else the string runs to the end */
            memcpy(line + len, "\"}", 2);
            len += 2;
        }
        check_fast_utf8(line, len);
    }
}

/* A string that runs to the end of the line, every length, ending in
 * each kind of byte: the 32- and 16-byte loads stop at the end (ASan
 * checks that), and the parser gives up. */
Test(reader, fast_json_string_running_to_the_buffer_end)
{
    const char *tails[] = {"", "\xE4", "\xE4\xB8", "a", "\\", "\\u4e"};
    char line[256];
    for (size_t body = 0; body <= 80; body++)
        for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
            size_t len = (size_t)snprintf(line, sizeof line, "{\"text\":\"");
            for (size_t k = 0; k < body; k++)
                line[len++] = k % 4 == 3 ? 'x' : "中"[k % 4];
            memcpy(line + len, tails[t], strlen(tails[t]));
            len += strlen(tails[t]);
            char *copy = exact_copy(line, len);
            sl_doc *doc = sl_doc_new();
            json_t *record = NULL;
            bool has_text = false;
            cr_assert_eq(sl_json_fast_record(copy, len, "text", NULL, doc,
                                             &record, &has_text,
                                             &(bool){false}),
                         SL_JSON_FAST_GIVE_UP, "body %zu tail %zu", body, t);
            sl_doc_free(doc);
            free(copy);
        }
}

/* ---- the text decode's chunk loops against the bytewise one ---------------
 * sl_json_decode_text with the 16-byte (SSE2) and the 32-byte (AVX2, where
 * the processor has it) loops must give what the loop of one byte at a
 * time gives: the same result, the same closing quote, the same bytes. The
 * string sits in a buffer that ends where it ends, and the output has
 * exactly the room the parser gives, so that ASan sees a load or a store
 * past either. */

/* Decodes s[2..len) (after `x"`) with each loop and compares them with
 * the bytewise one; then compares that with jansson on the string up to
 * the closing quote (jansson refuses what is not UTF-8, and accepts
 * \u0000, which the decode refuses). */
static void check_decode_loops(const char *text, size_t len)
{
    char *s = exact_copy(text, len);
    size_t room = len - 2;
    char *want = malloc(room > 0 ? room : 1);
    char *got = malloc(room > 0 ? room : 1);
    cr_assert(want && got);
    size_t want_close = 0;
    size_t want_n =
        sl_json_decode_text(s, 2, len, want, &want_close, SL_JSON_CHUNKS_NONE);
    sl_json_chunks loops[] = {SL_JSON_CHUNKS_SSE2, SL_JSON_CHUNKS_AVX2};
    for (size_t k = 0; k < 2; k++) {
        if (loops[k] == SL_JSON_CHUNKS_AVX2 && !sl_json_has_avx2())
            continue;
        size_t close = 0;
        size_t n = sl_json_decode_text(s, 2, len, got, &close, loops[k]);
        cr_assert_eq(n, want_n, "loop %zu: %zu, bytewise %zu: %.*s", k, n,
                     want_n, (int)len, text);
        if (n == (size_t)-1)
            continue;
        cr_assert_eq(close, want_close, "loop %zu: %.*s", k, (int)len, text);
        cr_assert_eq(memcmp(got, want, n), 0, "loop %zu: %.*s", k, (int)len,
                     text);
    }
    /* jansson on the string up to the closing quote found, or on all of
     * it */
    size_t upto = want_n != (size_t)-1 ? want_close : len - 1;
    json_error_t jerr;
    json_t *j =
        json_loadb(s + 1, upto, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (want_n != (size_t)-1) {
        cr_assert_not_null(j, "jansson refuses %.*s", (int)len, text);
        cr_assert_eq(json_string_length(j), want_n);
        cr_assert_eq(memcmp(json_string_value(j), want, want_n), 0);
    } else if (j) {
        cr_assert_neq(memchr(json_string_value(j), '\0', json_string_length(j)),
                      NULL, "only \\u0000 is refused where jansson reads: %.*s",
                      (int)len, text);
    }
    json_decref(j);
    free(want);
    free(got);
    free(s);
}

/* The pieces of random strings: plain ASCII and CJK (the chunk loops'
 * fast case), other valid characters, the edges of table 3-7, escapes
 * good and bad, bytes that are not UTF-8, a control byte. */
static const char *const decode_pieces[] = {
    "ab",
    "工作",
    "数据，提高。",
    "\\n",
    "\\n",
    "\\\"",
    "\\\\",
    "\\/",
    "\\t",
    "\\u4e2d",
    "\\ud83d\\ude00",
    "\\u0000",
    "\\ud83d",
    "\\ude00x",
    "\\u12",
    "\\x",
    "é",
    "𝄞",
    "\xe0\xa0\x80",
    "\xed\x9f\xbf",
    "\xef\xbf\xbf",
    "\xf4\x8f\xbf\xbf",
    "\xe0\x9f\x80",
    "\xed\xa0\x80",
    "\xf0\x8f\xbf\xbf",
    "\xf4\x90\x80\x80",
    "\xc0\xaf",
    "\xff",
    "\x80",
    "\xe4\xb8",
    "\xe4",
    "\x01",
    "\x7f",
    " ",
};

/* Random strings of the pieces (mostly plain), closed or running to the
 * end of the buffer. */
Test(reader, decode_loops_agree_with_the_bytewise_one_on_random_strings)
{
    size_t npieces = sizeof decode_pieces / sizeof *decode_pieces;
    uint32_t seed = 12345;
    char text[1200];
    for (int round = 0; round < 4000; round++) {
        size_t len = 0;
        text[len++] = 'x';
        text[len++] = '"';
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 120;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 64;
            /* plain most of the time, with a \n now and then */
            size_t pick = r < 30   ? 1 + (r % 2)
                          : r < 44 ? 0
                          : r < 50 ? 3
                                   : (seed >> 22) % npieces;
            size_t plen = strlen(decode_pieces[pick]);
            memcpy(text + len, decode_pieces[pick], plen);
            len += plen;
        }
        if ((seed >> 8) % 8)
            text[len++] = '"';
        check_decode_loops(text, len);
    }
}

/* Each piece at every offset of a Chinese and ASCII text that spans
 * several 64-byte steps (with a \n escape early, so that the chunks
 * after it start at every alignment), the string closed at the buffer's
 * last byte, or cut there. */
Test(reader, decode_loops_agree_at_every_offset_of_a_chunk)
{
    static const char body[] =
        "第0号区教育局2022年\\n工作总结一、数据提高加强师德师风建设,引导广大"
        "教师以德立身。全区投入56.31亿元ab工作总结数据提高加强师德";
    size_t n = strlen(body);
    size_t npieces = sizeof decode_pieces / sizeof *decode_pieces;
    char text[512];
    for (size_t k = 0; k < npieces; k++)
        for (size_t at = 0; at <= n; at++) {
            size_t plen = strlen(decode_pieces[k]);
            for (int closed = 0; closed <= 1; closed++) {
                size_t len = 0;
                memcpy(text, "x\"", 2);
                len = 2;
                memcpy(text + len, body, at);
                len += at;
                memcpy(text + len, decode_pieces[k], plen);
                len += plen;
                memcpy(text + len, body + at, n - at);
                len += n - at;
                if (closed)
                    text[len++] = '"';
                check_decode_loops(text, len);
            }
        }
}

/* Each character, whole or cut, valid or not, at every offset of the
 * first 140 bytes (every place in a 16-, 32- and 64-byte chunk and across
 * their ends), after ASCII or Chinese text and before either: the chunk
 * loops carry a lead's call for continuation bytes into the next chunk. */
Test(reader, decode_loops_agree_on_a_character_at_every_offset)
{
    static const char *const characters[] = {
        "\xe4\xb8\xad",
        "\xe4\xb8",
        "\xe4",
        "\xb8",
        "\xc3\xa9",
        "\xc3",
        "\xf0\x9d\x84\x9e",
        "\xf0\x9d\x84",
        "\xed\x9f\xbf",
        "\xed\xa0\x80",
        "\xe0\xa0\x80",
        "\xe0\x9f\x80",
        "\xef\xbc\x8c",
        "\\n",
        "\\u4e2d",
    };
    static const char *const after[] = {"abcdefgh", "作"};
    char text[400];
    for (size_t c = 0; c < sizeof characters / sizeof *characters; c++)
        for (size_t off = 0; off < 140; off++)
            for (int han_before = 0; han_before <= 1; han_before++)
                for (size_t a = 0; a < 2; a++) {
                    size_t len = 2, alen = strlen(after[a]);
                    memcpy(text, "x\"", 2);
                    size_t whole = han_before ? off / 3 : 0;
                    for (size_t k = 0; k < whole; k++) {
                        memcpy(text + len, "工", 3);
                        len += 3;
                    }
                    while (len < 2 + off)
                        text[len++] = 'a';
                    memcpy(text + len, characters[c], strlen(characters[c]));
                    len += strlen(characters[c]);
                    for (size_t k = 0; k < 72; k += alen) {
                        memcpy(text + len, after[a], alen);
                        len += alen;
                    }
                    text[len++] = '"';
                    check_decode_loops(text, len);
                }
}

/* A string of every length up to 200 bytes whose last byte, the closing
 * quote or not, is the buffer's last: the wide loads stop before it. */
Test(reader, decode_loops_stop_at_the_buffer_end)
{
    const char *fill = "工a作\\nb";
    size_t flen = strlen(fill);
    char text[256];
    for (size_t body = 0; body <= 200; body++)
        for (int closed = 0; closed <= 1; closed++) {
            size_t len = 2;
            memcpy(text, "x\"", 2);
            for (size_t k = 0; k < body; k++)
                text[len++] = fill[k % flen];
            if (closed)
                text[len++] = '"';
            check_decode_loops(text, len);
        }
}

/* The record's error names the first bad byte wherever it is in a long
 * text, now that the record check runs only when the fast parser gives
 * up. */
Test(reader, invalid_utf8_in_a_long_jsonl_text_names_its_offset)
{
    const char *han = "工作总结数据提高加强师德师风建设引导广大教师";
    const char *prefix = "{\"id\":\"a\",\"text\":\"";
    size_t plen = strlen(prefix), hlen = strlen(han);
    sl_input_config cfg = default_config();
    char line[256];
    for (size_t at = 0; at <= hlen; at += 3)
        for (int bad_kind = 0; bad_kind < 3; bad_kind++) {
            const char *bad[] = {"\xFF", "\xE4\xB8", "\xED\xA0\x80"};
            const char *what[] = {"invalid byte", "truncated sequence",
                                  "UTF-16 surrogate"};
            size_t len =
                (size_t)snprintf(line, sizeof line, "%s%.*s%s%s\"}", prefix,
                                 (int)at, han, bad[bad_kind], han + at);
            sl_input_record rec = {.text = line,
                                   .len = len,
                                   .line = 4,
                                   .offset = 1000,
                                   .full_len = len};
            sl_doc *doc = sl_doc_new();
            sl_read_error err = {0};
            cr_assert_eq(sl_input_jsonl_doc(doc, &cfg, "in.jsonl", &rec, &err),
                         -1);
            char want[128];
            snprintf(want, sizeof want,
                     "in.jsonl:4: invalid UTF-8 at byte offset %zu (%s: ",
                     1000 + plen + at, what[bad_kind]);
            cr_assert_not_null(err.message);
            cr_assert_eq(strncmp(err.message, want, strlen(want)), 0,
                         "got \"%s\", want \"%s\"", err.message, want);
            cr_assert_eq(err.offset, 1000 + plen + at);
            sl_read_error_clear(&err);
            sl_doc_free(doc);
        }
}

/* A \u0000 in the text makes the fast parser give up; jansson decodes the
 * record and the reader refuses it, naming the NUL's place in the text,
 * wherever it is. */
Test(reader, nul_escape_in_a_long_jsonl_text_names_its_place)
{
    const char *han = "工作总结数据提高加强师德师风建设引导广大教师";
    size_t hlen = strlen(han);
    sl_input_config cfg = default_config();
    char line[256];
    for (size_t at = 0; at <= hlen; at += 3) {
        size_t len = (size_t)snprintf(
            line, sizeof line, "{\"id\":\"a\",\"text\":\"%.*s\\u0000%s\"}",
            (int)at, han, han + at);
        sl_input_record rec = {
            .text = line, .len = len, .line = 2, .offset = 50, .full_len = len};
        sl_doc *doc = sl_doc_new();
        sl_read_error err = {0};
        cr_assert_eq(sl_input_jsonl_doc(doc, &cfg, "in.jsonl", &rec, &err), -1);
        char want[160];
        snprintf(want, sizeof want,
                 "in.jsonl:2: field \"text\" holds a NUL character (\\u0000) "
                 "at byte %zu of its text",
                 at);
        cr_assert_not_null(err.message);
        cr_assert_str_eq(err.message, want);
        sl_read_error_clear(&err);
        sl_doc_free(doc);
    }
}

Test(reader, legacy_charset_html_is_converted_to_utf8)
{
    const char *declared = scratch_write_text(
        "gbk.html", "<html><head><meta charset=\"GBK\"></head><body>"
                    "\xD6\xD0\xCE\xC4</body></html>");
    const char *guessed = scratch_write_text(
        "nodecl.htm",
        "<html><body>\xD6\xD0\xCE\xC4\xD6\xD0\xCE\xC4</body></html>");
    const char *latin = scratch_write_text("latin.html", "<p>caf\xE9</p>");
    const char *text = scratch_write_text("gbk.txt", "\xD6\xD0\xCE\xC4");
    sl_input_config cfg = default_config();
    const char *paths[] = {declared, guessed, latin, text};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 4, &err);
    cr_assert_not_null(r);
    sl_doc *doc = expect_doc(r);
    cr_assert_not_null(strstr(doc->raw, "<body>中文</body>"), "%s", doc->raw);
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "gbk");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_not_null(strstr(doc->raw, "中文中文"), "%s", doc->raw);
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "GB18030");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "<p>café</p>");
    sl_doc_free(doc);
    err = expect_bad(r, "invalid UTF-8 at byte offset 0");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, html_sniff_passes_comments_and_xml_declaration)
{
    const char *path = scratch_write_text(
        "c.txt", "\n<?xml version=\"1.0\"?>\n<!-- saved page -->\n<HTML>x");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    sl_doc_free(doc);
    sl_reader_close(r);
}

Test(reader, read_error_is_reported_and_the_run_goes_on)
{
    /* Reading /proc/self/mem at offset 0 fails with EIO, even for root. */
    if (access("/proc/self/mem", R_OK) != 0)
        cr_skip_test("no /proc/self/mem here");
    const char *after = scratch_write_text("after.txt", "after");
    sl_input_config cfg = default_config();
    const char *paths[] = {"/proc/self/mem", after};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 2, &err);
    cr_assert_not_null(r);
    err = expect_bad(r, "/proc/self/mem: read failed at byte offset 0");
    cr_assert_str_eq(err.reader, "fs");
    sl_read_error_clear(&err);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "after");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, pipe_without_a_telling_name_is_sniffed_like_stdin)
{
    const char *fifo = scratch_path("pipe");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    pid_t child = fork();
    cr_assert_neq(child, -1);
    if (child == 0) {
        alarm(10); /* never outlive a failed test blocked on the pipe */
        FILE *f = fopen(fifo, "w");
        if (f) {
            fputs("\n  {\"id\":\"p1\",\"text\":\"piped\"}\n", f);
            fclose(f);
        }
        _exit(0);
    }
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, fifo);
    cr_assert_eq(sl_reader_bytes_total(r), 0);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->id, "p1");
    cr_assert_str_eq(doc->raw, "piped");
    sl_doc_free(doc);
    expect_end(r);
    sl_reader_close(r);
    waitpid(child, NULL, 0);
}

/* The same sentences in GBK, Big5 and Latin-1. */
static const char gbk_text[] =
    "\xCF\xD8\xD5\xFE\xB8\xAE\xBD\xF1\xCC\xEC\xD5\xD9\xBF\xAA\xB4\xBA\xB8\xFB"
    "\xC9\xFA\xB2\xFA\xB9\xA4\xD7\xF7\xBB\xE1\xD2\xE9\xA3\xAC\xD2\xAA\xC7\xF3"
    "\xB8\xF7\xCF\xE7\xD5\xF2\xD7\xF6\xBA\xC3\xD6\xD6\xD7\xD3\xBB\xAF\xB7\xCA"
    "\xB9\xA9\xD3\xA6\xA1\xA3";
static const char big5_text[] =
    "\xBBO\xA5_\xA5\xAB\xAC"
    "F\xA9\xB2\xA4\xB5\xA4\xE9\xC1|\xA6\xE6\xB0O\xAA\xCC\xB7|\xA1"
    "A\xBB\xA1\xA9\xFA\xBB\xE4\xAD\xB7\xB9L\xAB\xE1\xAA\xBA\xB4_"
    "\xAD\xEC\xA4u\xA7@\xB6i\xAB\xD7\xA1"
    "C";
static const char latin1_text[] =
    "Le caf\xE9 \xE9tait tr\xE8s anim\xE9, les \xE9l\xE8ves r\xE9p\xE9taient "
    "pr\xE8s de la fen\xEAtre.";

/* An HTML file declaring `declared` around body. */
static const char *write_declared(const char *name, const char *declared,
                                  const char *body)
{
    char page[1024];
    snprintf(page, sizeof page,
             "<html><head><meta charset=\"%s\"></head><body><p>%s</p>"
             "</body></html>",
             declared, body);
    return scratch_write_text(name, page);
}

/* Reads path and checks its text and charset metadata. */
static void expect_decoded(const char *path, const char *text,
                           const char *charset, const char *declared)
{
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_not_null(strstr(doc->raw, text), "%s", doc->raw);
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), charset);
    if (declared)
        cr_assert_str_eq(sl_doc_meta_string(doc, "charset_declared"), declared);
    else
        cr_assert_null(json_object_get(doc->meta, "charset_declared"));
    sl_doc_free(doc);
    sl_reader_close(r);
}

Test(reader, a_declared_charset_the_bytes_belie_gives_way_to_detection)
{
    const char *gb = "县政府今天召开春耕生产工作会议";
    const char *tw = "臺北市政府今日舉行記者會";
    const char *fr = "Le café était très animé";
    expect_decoded(write_declared("latin-utf16.html", "utf-16", latin1_text),
                   fr, "WINDOWS-1252", "utf-16");
    expect_decoded(write_declared("big5-gbk.html", "gbk", big5_text), tw,
                   "BIG5-HKSCS", "gbk");
    expect_decoded(write_declared("gbk-big5.html", "big5", gbk_text), gb,
                   "GB18030", "big5");
    expect_decoded(write_declared("latin-gbk.html", "gbk", latin1_text), fr,
                   "WINDOWS-1252", "gbk");
    expect_decoded(write_declared("gbk-latin.html", "iso-8859-1", gbk_text), gb,
                   "GB18030", "iso-8859-1");
    expect_decoded(write_declared("gbk-utf8.html", "utf-8", gbk_text), gb,
                   "GB18030", "utf-8");
    /* declarations the bytes bear out are kept */
    expect_decoded(write_declared("gbk.html", "gb2312", gbk_text), gb, "gb2312",
                   NULL);
    expect_decoded(write_declared("big5.html", "big5", big5_text), tw, "big5",
                   NULL);
    expect_decoded(write_declared("latin.html", "iso-8859-1", latin1_text), fr,
                   "iso-8859-1", NULL);
}

Test(reader, utf16_and_utf32_files_with_a_byte_order_mark_are_decoded)
{
    /* "<p>中文</p>" */
    static const char le16[] = "\xFF\xFE<\0p\0>\0\x2D\x4E\x87\x65<\0/\0p\0>\0";
    static const char be16[] = "\xFE\xFF\0A\0\n\x4E\x2D\x65\x87";
    static const char le32[] = "\xFF\xFE\0\0A\0\0\0\x2D\x4E\0\0";
    const char *html = scratch_write("u16.html", le16, sizeof le16 - 1);
    const char *text = scratch_write("u16.txt", be16, sizeof be16 - 1);
    const char *wide = scratch_write("u32.txt", le32, sizeof le32 - 1);
    const char *odd = scratch_write("odd.txt",
                                    "\xFF\xFE"
                                    "A",
                                    3);
    sl_input_config cfg = default_config();
    const char *paths[] = {html, text, wide, odd};
    sl_read_error err = {0};
    sl_reader *r = sl_reader_open(&cfg, paths, 4, &err);
    cr_assert_not_null(r);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "<p>中文</p>");
    cr_assert_eq(doc->content_type, SL_CONTENT_HTML);
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "UTF-16LE");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "A\n中文");
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "UTF-16BE");
    sl_doc_free(doc);
    doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "A中");
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "UTF-32LE");
    sl_doc_free(doc);
    err = expect_bad(r, "does not decode as UTF-16LE");
    sl_read_error_clear(&err);
    expect_end(r);
    sl_reader_close(r);
}

Test(reader, configured_charset_wins_for_html_files)
{
    /* "中文" in Big5, with no declaration: a guess would say GB18030. */
    const char *path =
        scratch_write_text("big5.html", "<p>\xA4\xA4\xA4\xE5</p>");
    sl_input_config cfg = default_config();
    cfg.charset = "Big5";
    sl_reader *r = open_one(&cfg, path);
    sl_doc *doc = expect_doc(r);
    cr_assert_str_eq(doc->raw, "<p>中文</p>");
    cr_assert_str_eq(sl_doc_meta_string(doc, "charset"), "Big5");
    sl_doc_free(doc);
    sl_reader_close(r);
}

/* sl_reader_next_deferred_into copies each line into the caller's store,
 * kept from one line to the next (a buffer past 64 KiB is given back for
 * a short line), and each parses as sl_reader_next would have read it. */
Test(reader, deferred_lines_into_one_store)
{
    size_t big = 100000;
    char *file = malloc(big + 256);
    cr_assert_not_null(file);
    int n = sprintf(file, "{\"id\":\"a\",\"text\":\"short\"}\n"
                          "{\"id\":\"b\",\"text\":\"");
    memset(file + n, 'x', big);
    sprintf(file + n + big, "\"}\n"
                            "{\"id\":\"c\",\"text\":\"tiny\"}\n"
                            "\n"
                            "{\"id\": broken\n"
                            "{\"id\":\"e\",\"text\":\"end\"}\n");
    const char *path = scratch_write_text("store.jsonl", file);
    free(file);
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_deferred_line *store = sl_deferred_line_new();
    cr_assert_not_null(store);
    const char *ids[] = {"a", "b", "c", NULL, "e"};
    const size_t lens[] = {5, 100000, 4, 0, 3};
    const uint64_t lines[] = {1, 2, 3, 5, 6};
    for (size_t i = 0; i < 5; i++) {
        sl_doc *doc = NULL;
        bool deferred = false;
        sl_read_error err = {0};
        cr_assert_eq(
            sl_reader_next_deferred_into(r, &doc, store, &deferred, &err),
            SL_READ_DOC);
        cr_assert(deferred, "line %zu comes back in the store", i + 1);
        cr_assert_null(doc);
        if (!ids[i]) {
            cr_assert_eq(sl_deferred_line_parse(store, &doc, &err),
                         SL_READ_BAD_DOC);
            cr_assert_not_null(strstr(err.message, ":5:"), "%s", err.message);
            sl_read_error_clear(&err);
            continue;
        }
        cr_assert_eq(sl_deferred_line_parse(store, &doc, &err), SL_READ_DOC);
        cr_assert_str_eq(doc->id, ids[i]);
        cr_assert_eq(doc->raw_len, lens[i]);
        cr_assert_eq(doc->source_line, lines[i]);
        sl_doc_free(doc);
    }
    sl_doc *doc = NULL;
    bool deferred = true;
    sl_read_error err = {0};
    cr_assert_eq(sl_reader_next_deferred_into(r, &doc, store, &deferred, &err),
                 SL_READ_END);
    cr_assert_not(deferred);
    sl_deferred_line_free(store);
    sl_reader_close(r);
}

/* sl_reader_next_deferred hands out JSONL lines unparsed, parsed later
 * (in the engine, on a worker, after the reader has moved on) into what
 * sl_reader_next gives: the same documents, numbers and failures. Blank
 * lines are passed over and a text file is read as before. */
Test(reader, deferred_lines_parse_as_the_reader_would)
{
    const char *path = scratch_write_text(
        "d.jsonl", "{\"id\":\"x1\",\"text\":\"hello\",\"url\":\"http://a\"}\n"
                   "\n"
                   "{\"text\":\"no id\"}\n"
                   "{\"id\": broken\n"
                   "{\"id\":\"x4\",\"text\":\"bad \xff byte\"}\n"
                   "{\"id\":\"x5\",\"text\":\"last\"}\n");
    sl_input_config cfg = default_config();
    sl_reader *r = open_one(&cfg, path);
    sl_deferred_line *lines[5];
    for (size_t i = 0; i < 5; i++) {
        sl_doc *doc = NULL;
        sl_read_error err = {0};
        cr_assert_eq(sl_reader_next_deferred(r, &doc, &lines[i], &err),
                     SL_READ_DOC);
        cr_assert_null(doc, "a JSONL line is not parsed by the reader");
        cr_assert_not_null(lines[i]);
    }
    sl_deferred_line *none = NULL;
    sl_doc *doc = NULL;
    sl_read_error err = {0};
    cr_assert_eq(sl_reader_next_deferred(r, &doc, &none, &err), SL_READ_END);
    cr_assert_null(none);

    /* parsed after the reader has reached the end, last first */
    cr_assert_eq(sl_deferred_line_parse(lines[4], &doc, &err), SL_READ_DOC);
    cr_assert_str_eq(doc->id, "x5");
    cr_assert_eq(doc->seq, 4);
    cr_assert_eq(doc->source_line, 6);
    sl_doc_free(doc);
    cr_assert_eq(sl_deferred_line_parse(lines[3], &doc, &err), SL_READ_BAD_DOC);
    cr_assert_null(doc);
    cr_assert_not_null(strstr(err.message, "invalid UTF-8 at byte offset"),
                       "%s", err.message);
    sl_read_error_clear(&err);
    cr_assert_eq(sl_deferred_line_parse(lines[2], &doc, &err), SL_READ_BAD_DOC);
    cr_assert_not_null(strstr(err.message, ":4:"), "%s", err.message);
    cr_assert_not_null(strstr(err.message, "invalid JSON"), "%s", err.message);
    cr_assert_eq(err.record_len, strlen("{\"id\": broken"));
    sl_read_error_clear(&err);
    cr_assert_eq(sl_deferred_line_parse(lines[1], &doc, &err), SL_READ_DOC);
    char want[4200];
    snprintf(want, sizeof want, "%s:3", path);
    cr_assert_str_eq(doc->id, want);
    cr_assert_eq(doc->seq, 1);
    sl_doc_free(doc);
    cr_assert_eq(sl_deferred_line_parse(lines[0], &doc, &err), SL_READ_DOC);
    cr_assert_str_eq(doc->id, "x1");
    cr_assert_str_eq(doc->raw, "hello");
    cr_assert_str_eq(sl_doc_meta_string(doc, "url"), "http://a");
    cr_assert_eq(doc->seq, 0);
    sl_doc_free(doc);
    for (size_t i = 0; i < 5; i++)
        sl_deferred_line_free(lines[i]);
    sl_reader_close(r);

    /* other formats come back as documents */
    const char *text = scratch_write_text("t.txt", "plain text\n");
    r = open_one(&cfg, text);
    sl_deferred_line *line = NULL;
    cr_assert_eq(sl_reader_next_deferred(r, &doc, &line, &err), SL_READ_DOC);
    cr_assert_null(line);
    cr_assert_not_null(doc);
    sl_doc_free(doc);
    sl_reader_close(r);
}
