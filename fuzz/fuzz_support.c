/* fuzz/fuzz_support.c - the helpers the fuzz targets share (see
 * fuzz_support.h): temporary input files, reading to the end, documents
 * from arbitrary bytes, running one stage, document invariants.
 */
#include "fuzz_support.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "docs.h"
#include "options.h"

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz invariant broken: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

const char *fuzz_write_temp(const uint8_t *data, size_t size,
                            const char *suffix)
{
    static char path[512];
    const char *dir = getenv("FUZZ_TMPDIR");
    if (!dir || !*dir)
        dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof path, "%s/sluice-fuzz-%ld%s", dir, (long)getpid(),
             suffix);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        fuzz_fail("cannot create %s", path);
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            fuzz_fail("cannot write %s", path);
        done += (size_t)n;
    }
    close(fd);
    return path;
}

static void check_raw(const sl_doc *doc)
{
    if (!doc->id || !doc->source || !doc->raw)
        fuzz_fail("reader: document without id, source or raw");
    if (sl_utf8_validate(doc->raw, doc->raw_len) != doc->raw_len)
        fuzz_fail("reader: document '%s' has invalid UTF-8", doc->id);
    if (memchr(doc->raw, '\0', doc->raw_len))
        fuzz_fail("reader: document '%s' holds a NUL byte", doc->id);
    if (doc->raw[doc->raw_len] != '\0')
        fuzz_fail("reader: raw text of '%s' is not NUL-terminated", doc->id);
    if (!json_is_object(doc->meta))
        fuzz_fail("reader: metadata of '%s' is not an object", doc->id);
}

static void check_error(const sl_read_error *err, const char *path)
{
    if (!err->message || !*err->message)
        fuzz_fail("reader: an error without a message");
    if (!strstr(err->message, path) &&
        strcmp(err->reader ? err->reader : "", "fs") != 0)
        fuzz_fail("reader: error '%s' does not name the file %s", err->message,
                  path);
}

size_t fuzz_read_file(const char *path, const sl_input_config *cfg)
{
    sl_read_error err = {0};
    const char *paths[] = {path};
    sl_reader *reader = sl_reader_open(cfg, paths, 1, &err);
    if (!reader) {
        check_error(&err, path);
        sl_read_error_clear(&err);
        return 0;
    }
    size_t docs = 0;
    for (size_t rounds = 0;; rounds++) {
        if (rounds > 10000000)
            fuzz_fail("reader: no end in sight");
        sl_doc *doc = NULL;
        sl_read_result r = sl_reader_next(reader, &doc, &err);
        if (r == SL_READ_END)
            break;
        if (r == SL_READ_DOC) {
            check_raw(doc);
            if (doc->content_type == SL_CONTENT_TEXT &&
                sl_doc_split_lines(doc) == 0)
                fuzz_check_doc(doc, "split_lines");
            sl_doc_free(doc);
            docs++;
            continue;
        }
        check_error(&err, path);
        sl_read_error_clear(&err);
        if (r == SL_READ_FATAL)
            break;
    }
    sl_reader_close(reader);
    return docs;
}

sl_doc *fuzz_doc_from_bytes(const uint8_t *data, size_t size,
                            sl_content_type type)
{
    char *text = malloc(size + 1);
    if (!text)
        return NULL;
    memcpy(text, data, size);
    size_t pos = 0;
    while (pos < size) {
        size_t bad = pos + sl_utf8_validate(text + pos, size - pos);
        if (bad >= size)
            break;
        text[bad] = '?';
        pos = bad + 1;
    }
    for (size_t i = 0; i < size; i++)
        if (text[i] == '\0')
            text[i] = ' ';
    sl_doc *doc = sl_doc_new();
    if (!doc || sl_doc_set_id_copy(doc, "fuzz", 4) < 0 ||
        sl_doc_set_source_copy(doc, "fuzz-input") < 0 ||
        sl_doc_set_raw_copy(doc, text, size) < 0) {
        sl_doc_free(doc);
        free(text);
        return NULL;
    }
    free(text);
    doc->content_type = type;
    if (type == SL_CONTENT_TEXT && sl_doc_split_lines(doc) < 0) {
        sl_doc_free(doc);
        return NULL;
    }
    return doc;
}

sl_status fuzz_run_stage(const sl_plugin *plugin, sl_doc *doc)
{
    void *state = calloc(1, plugin->state_size ? plugin->state_size : 1);
    sl_ctx *ctx = sl_ctx_new(plugin->name, NULL);
    if (!state || !ctx)
        fuzz_fail("out of memory setting up stage %s", plugin->name);
    const char *bad_key = NULL;
    char *message = NULL;
    if (sl_options_bind(plugin, state, NULL, &bad_key, &message) < 0)
        fuzz_fail("stage %s: its defaults do not bind: %s", plugin->name,
                  message ? message : "?");
    sl_status status = SL_OK;
    if (plugin->init)
        status = plugin->init(ctx, state);
    if (status != SL_OK)
        fuzz_fail("stage %s: init failed: %s", plugin->name,
                  sl_ctx_error(ctx) ? sl_ctx_error(ctx) : "?");
    status = plugin->process(ctx, state, doc);
    if (status == SL_ERROR && !sl_ctx_error(ctx))
        fuzz_fail("stage %s failed without saying why", plugin->name);
    if (status != SL_OK && status != SL_DROP && status != SL_ERROR)
        fuzz_fail("stage %s returned status %d", plugin->name, (int)status);
    if (plugin->flush && !(plugin->flags & SL_STAGE_ORDERED))
        plugin->flush(ctx, state);
    if (plugin->fini)
        plugin->fini(state);
    sl_options_release(plugin, state);
    free(state);
    sl_ctx_free(ctx);
    fuzz_check_doc(doc, plugin->name);
    return status;
}

void fuzz_check_doc(const sl_doc *doc, const char *who)
{
    char why[256];
    if (sl_doc_check(doc, why, sizeof why) != 0)
        fuzz_fail("%s: %s", who, why);
}
