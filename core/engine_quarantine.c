/* core/engine_quarantine.c - writes the quarantine JSONL file (see
 * engine_quarantine.h): where the record came from, who refused it, why,
 * and the record itself, losslessly (as a string when it is valid UTF-8,
 * else as hex in "record_hex"; a record the reader kept only the start of
 * is flagged "record_cut", with its full length in "record_bytes" and
 * the SHA-256 of all its bytes in "record_sha256" when known).
 *
 * The lines go to "DIR/.NAME.part" and reach NAME by a rename once the
 * file is complete and synced (a device or a pipe, such as /dev/stderr, is
 * written through and never cut back). Every line is written whole with
 * sl_write_all and checked: after a failure nothing more is written and
 * the file is never renamed into place.
 */
#include "engine_quarantine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"
#include "write_all.h"

struct sl_quarantine {
    int fd;
    char *path;
    char *temp_path;
    bool through;     /* path is a device or a pipe: no temporary file */
    uint64_t size;    /* bytes in the file */
    char *failure;    /* why the file was given up, or NULL */
    const char *what; /* "quarantine file" or "rejects file", for messages */
};

/* "PATH: cannot VERB the WHAT[ into place]: REASON" (malloc'd), or NULL;
 * the verb "rename" adds " into place". */
static char *message_printf(const char *path, const char *verb,
                            const char *what, int err)
{
    size_t size = strlen(path) + strlen(verb) + strlen(what) + 80;
    char *m = malloc(size);
    if (m)
        snprintf(m, size, "%s: cannot %s the %s%s: %s", path, verb, what,
                 strcmp(verb, "rename") == 0 ? " into place" : "",
                 strerror(err));
    return m;
}

char *sl_quarantine_temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t size = strlen(path) + sizeof "..part";
    char *temp = malloc(size);
    if (temp)
        snprintf(temp, size, "%.*s.%s.part", (int)dir_len, path,
                 path + dir_len);
    return temp;
}

/* --resume: takes back the file of the interrupted run (its temporary
 * file, or the committed one renamed back) cut to keep_bytes. Returns the
 * descriptor, or -1 with errno set. */
static int reopen(const sl_quarantine *q, uint64_t keep_bytes)
{
    struct stat st;
    if (stat(q->temp_path, &st) != 0) {
        if (errno != ENOENT)
            return -1;
        if (rename(q->path, q->temp_path) != 0) {
            if (errno != ENOENT || keep_bytes > 0)
                return -1;
            return open(q->temp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        0666);
        }
        if (stat(q->temp_path, &st) != 0)
            return -1;
    }
    if ((uint64_t)st.st_size < keep_bytes) {
        errno = EINVAL; /* shorter than the checkpoint says */
        return -1;
    }
    int fd = open(q->temp_path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0 &&
        (ftruncate(fd, (off_t)keep_bytes) != 0 || lseek(fd, 0, SEEK_END) < 0)) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

sl_quarantine *sl_quarantine_open(const char *path, uint64_t keep_bytes,
                                  char **message)
{
    return sl_quarantine_open_as(path, "quarantine file", keep_bytes, message);
}

sl_quarantine *sl_quarantine_open_as(const char *path, const char *what,
                                     uint64_t keep_bytes, char **message)
{
    sl_quarantine *q = calloc(1, sizeof *q);
    if (!q || !(q->path = strdup(path)) ||
        !(q->temp_path = sl_quarantine_temp_name(path))) {
        if (q)
            free(q->path);
        free(q);
        *message = strdup("out of memory");
        return NULL;
    }
    struct stat st;
    q->through =
        stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
    if (q->through) {
        q->fd = open(path, O_WRONLY | O_CLOEXEC);
    } else if (keep_bytes != UINT64_MAX) {
        q->fd = reopen(q, keep_bytes);
        q->size = keep_bytes;
    } else {
        q->fd =
            open(q->temp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    }
    if (q->fd < 0) {
        *message = message_printf(
            path, keep_bytes != UINT64_MAX ? "resume" : "open", what, errno);
        free(q->temp_path);
        free(q->path);
        free(q);
        return NULL;
    }
    q->what = what;
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
    json_t *j = json_stringn(hex, 2 * len);
    free(hex);
    return j;
}

/* The entry as one JSON line with its line end (malloc'd), or NULL. */
static char *entry_line(const sl_quarantine_entry *e, size_t *len)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "source", json_string(e->source ? e->source : ""));
    json_object_set_new(o, "line", json_integer((json_int_t)e->line));
    json_object_set_new(o, "offset", json_integer((json_int_t)e->offset));
    json_object_set_new(o, "record_no", json_integer((json_int_t)e->record_no));
    if (e->id)
        json_object_set_new(o, "id", json_string(e->id));
    json_object_set_new(o, e->who_key, json_string(e->who ? e->who : ""));
    json_object_set_new(o, "reason", json_string(e->reason ? e->reason : ""));
    if (e->detail)
        json_object_set(o, "detail", (json_t *)e->detail);
    bool ok = true;
    if (e->record) {
        const char *key = "record";
        json_t *r = record_json(e->record, e->record_len, &key);
        ok = r && json_object_set_new(o, key, r) == 0;
        if (ok && e->record_cut)
            json_object_set_new(o, "record_cut", json_true());
        if (ok && e->record_cut && e->record_full_len)
            json_object_set_new(o, "record_bytes",
                                json_integer((json_int_t)e->record_full_len));
        if (ok && e->record_cut && e->record_sha256 && *e->record_sha256)
            json_object_set_new(o, "record_sha256",
                                json_string(e->record_sha256));
    }
    if (e->meta && json_object_size(e->meta))
        json_object_set(o, "metadata", (json_t *)e->meta);
    char *text = ok ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!text)
        return NULL;
    *len = strlen(text);
    char *line = realloc(text, *len + 2);
    if (!line) {
        free(text);
        return NULL;
    }
    line[(*len)++] = '\n';
    line[*len] = '\0';
    return line;
}

/* Gives the file up: it is removed at close and the run fails. */
static void give_up(sl_quarantine *q, const char *verb, int err)
{
    if (!q->failure)
        q->failure = message_printf(q->path, verb, q->what, err);
}

int sl_quarantine_write(sl_quarantine *q, const sl_quarantine_entry *e)
{
    if (q->failure)
        return -1;
    size_t len = 0;
    char *line = entry_line(e, &len);
    if (!line) {
        give_up(q, "write", ENOMEM);
        return -1;
    }
    int rc = sl_write_all(q->fd, line, len);
    if (rc != 0)
        give_up(q, "write", errno);
    else
        q->size += len;
    free(line);
    return rc;
}

int sl_quarantine_sync(sl_quarantine *q, uint64_t *size)
{
    if (q->failure)
        return -1;
    if (fsync(q->fd) != 0 && errno != EINVAL) {
        give_up(q, "sync", errno);
        return -1;
    }
    *size = q->size;
    return 0;
}

const char *sl_quarantine_path(const sl_quarantine *q)
{
    return q->path;
}

const char *sl_quarantine_failure(const sl_quarantine *q)
{
    return q->failure;
}

int sl_quarantine_commit(sl_quarantine *q, char **message)
{
    if (!q->failure && fsync(q->fd) != 0 && errno != EINVAL)
        give_up(q, "sync", errno);
    if (close(q->fd) != 0 && !q->failure)
        give_up(q, "close", errno);
    q->fd = -1;
    if (!q->failure && !q->through && rename(q->temp_path, q->path) != 0)
        give_up(q, "rename", errno);
    int rc = 0;
    if (q->failure) {
        if (!q->through)
            unlink(q->temp_path);
        *message = strdup(q->failure);
        rc = -1;
    } else if (!q->through) {
        sl_sync_parent_dir(q->path);
    }
    sl_quarantine_close(q);
    return rc;
}

void sl_quarantine_close(sl_quarantine *q)
{
    if (!q)
        return;
    if (q->fd >= 0)
        close(q->fd);
    free(q->failure);
    free(q->temp_path);
    free(q->path);
    free(q);
}
