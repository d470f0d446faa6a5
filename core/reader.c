/* core/reader.c - TEMPORARY minimal reader: one document per plain file.
 * Replaced by the full reader (formats, compression, folders). */
#include "reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs.h"

struct sl_reader {
    char **paths;
    size_t n, next;
    uint64_t seq, bytes;
};

sl_reader *sl_reader_open(const sl_input_config *cfg,
                          const char *const *paths, size_t n_paths,
                          sl_read_error *err)
{
    (void)cfg;
    (void)err;
    sl_reader *r = calloc(1, sizeof *r);
    r->paths = calloc(n_paths + 1, sizeof *r->paths);
    for (size_t i = 0; i < n_paths; i++)
        r->paths[i] = strdup(paths[i]);
    r->n = n_paths;
    return r;
}

sl_read_result sl_reader_next(sl_reader *r, sl_doc **out, sl_read_error *err)
{
    if (r->next >= r->n)
        return SL_READ_END;
    const char *path = r->paths[r->next++];
    FILE *f = fopen(path, "rb");
    if (!f) {
        err->message = strdup(path);
        return SL_READ_BAD_DOC;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[65536];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got > cap) {
            cap = (len + got) * 2;
            buf = realloc(buf, cap);
        }
        memcpy(buf + len, chunk, got);
        len += got;
    }
    fclose(f);
    sl_doc *doc = sl_doc_new();
    sl_doc_set_raw_copy(doc, buf ? buf : "", len);
    sl_doc_set_id_copy(doc, path, strlen(path));
    sl_doc_set_source_copy(doc, path);
    doc->seq = r->seq++;
    r->bytes += len;
    free(buf);
    *out = doc;
    return SL_READ_DOC;
}

uint64_t sl_reader_bytes_read(const sl_reader *r) { return r->bytes; }
uint64_t sl_reader_bytes_total(const sl_reader *r) { (void)r; return 0; }

void sl_reader_close(sl_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->paths[i]);
    free(r->paths);
    free(r);
}

void sl_read_error_clear(sl_read_error *err)
{
    free(err->message);
    free(err->source);
    free(err->record);
    memset(err, 0, sizeof *err);
}
