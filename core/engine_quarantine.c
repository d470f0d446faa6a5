/* core/engine_quarantine.c - writes the quarantine JSONL file (see
 * engine_quarantine.h): where the record came from, who refused it, why,
 * and the record itself, losslessly (as a string when it is valid UTF-8,
 * else as hex in "record_hex").
 */
#include "engine_quarantine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sl_quarantine {
    FILE *file;
    char *path;
};

static char *message_printf(const char *path, const char *what)
{
    size_t size = strlen(path) + strlen(what) + 64;
    char *m = malloc(size);
    if (m)
        snprintf(m, size, "%s: %s: %s", path, what, strerror(errno));
    return m;
}

sl_quarantine *sl_quarantine_open(const char *path, uint64_t keep_bytes,
                                  char **message)
{
    sl_quarantine *q = calloc(1, sizeof *q);
    if (!q || !(q->path = strdup(path))) {
        free(q);
        *message = strdup("out of memory");
        return NULL;
    }
    if (keep_bytes != UINT64_MAX) {
        q->file = fopen(path, "r+b");
        if (q->file && (ftruncate(fileno(q->file), (off_t)keep_bytes) != 0 ||
                        fseeko(q->file, 0, SEEK_END) != 0)) {
            fclose(q->file);
            q->file = NULL;
        }
    } else {
        q->file = fopen(path, "wb");
    }
    if (!q->file) {
        *message = message_printf(path, "cannot open the quarantine file");
        free(q->path);
        free(q);
        return NULL;
    }
    return q;
}

static json_t *record_json(const char *record, size_t len, const char **key)
{
    json_t *text = json_stringn(record, len);
    if (text) {
        *key = "record";
        return text;
    }
    char *hex = malloc(len * 2 + 1);
    if (!hex)
        return NULL;
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        hex[2 * i] = digits[(unsigned char)record[i] >> 4];
        hex[2 * i + 1] = digits[(unsigned char)record[i] & 15];
    }
    hex[2 * len] = '\0';
    *key = "record_hex";
    json_t *j = json_string(hex);
    free(hex);
    return j;
}

int sl_quarantine_write(sl_quarantine *q, const sl_quarantine_entry *e)
{
    json_t *o = json_object();
    if (!o)
        return -1;
    json_object_set_new(o, "source", json_string(e->source ? e->source : ""));
    json_object_set_new(o, "line", json_integer((json_int_t)e->line));
    json_object_set_new(o, "offset", json_integer((json_int_t)e->offset));
    json_object_set_new(o, "record_no", json_integer((json_int_t)e->record_no));
    if (e->id)
        json_object_set_new(o, "id", json_string(e->id));
    json_object_set_new(o, e->who_key, json_string(e->who ? e->who : ""));
    json_object_set_new(o, "reason", json_string(e->reason ? e->reason : ""));
    if (e->record) {
        const char *key = "record";
        json_t *r = record_json(e->record, e->record_len, &key);
        if (r)
            json_object_set_new(o, key, r);
    }
    if (e->meta && json_object_size(e->meta))
        json_object_set(o, "metadata", (json_t *)e->meta);
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!text)
        return -1;
    int rc = fputs(text, q->file) < 0 || fputc('\n', q->file) == EOF ? -1 : 0;
    free(text);
    return rc;
}

int sl_quarantine_sync(sl_quarantine *q, uint64_t *size)
{
    if (fflush(q->file) != 0 || fsync(fileno(q->file)) != 0)
        return -1;
    off_t at = ftello(q->file);
    if (at < 0)
        return -1;
    *size = (uint64_t)at;
    return 0;
}

const char *sl_quarantine_path(const sl_quarantine *q) { return q->path; }

void sl_quarantine_close(sl_quarantine *q)
{
    if (!q)
        return;
    fclose(q->file);
    free(q->path);
    free(q);
}
