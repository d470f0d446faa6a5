/* core/engine_outputs.c - the registry of open output files behind
 * checkpoints and --resume (see engine_outputs.h). Outputs are opened and
 * closed on the main thread and checkpointed on the ordered thread; a
 * mutex keeps the list consistent anyway.
 */
#include "engine_outputs.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    sl_output **open;
    size_t n_open, cap_open;
    uint64_t closed_bytes;
    bool keep_temps;
    bool resume;
    bool loaded;         /* a checkpoint load was attempted */
    char *explicit_path; /* --checkpoint, or NULL */
    char *loaded_path;   /* where the checkpoint was looked for */
    json_t *checkpoint;  /* NULL when none was found */
    char *error;
    char *failure; /* the first output given up, or NULL */
} reg;

static void clear_locked(void)
{
    free(reg.open);
    free(reg.explicit_path);
    free(reg.loaded_path);
    free(reg.error);
    free(reg.failure);
    json_decref(reg.checkpoint);
    memset(&reg, 0, sizeof reg);
}

void sl_outputs_begin_run(bool resume, const char *checkpoint_path)
{
    pthread_mutex_lock(&registry_lock);
    clear_locked();
    reg.resume = resume;
    if (checkpoint_path)
        reg.explicit_path = strdup(checkpoint_path);
    pthread_mutex_unlock(&registry_lock);
}

void sl_outputs_end_run(void)
{
    pthread_mutex_lock(&registry_lock);
    clear_locked();
    pthread_mutex_unlock(&registry_lock);
}

void sl_outputs_register(sl_output *out)
{
    pthread_mutex_lock(&registry_lock);
    if (reg.n_open == reg.cap_open) {
        size_t cap = reg.cap_open ? reg.cap_open * 2 : 4;
        sl_output **bigger = realloc(reg.open, cap * sizeof *bigger);
        if (!bigger) { /* the output still works; it is not checkpointed */
            pthread_mutex_unlock(&registry_lock);
            return;
        }
        reg.open = bigger;
        reg.cap_open = cap;
    }
    reg.open[reg.n_open++] = out;
    pthread_mutex_unlock(&registry_lock);
}

void sl_outputs_unregister(sl_output *out, uint64_t bytes_written)
{
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < reg.n_open; i++) {
        if (reg.open[i] != out)
            continue;
        reg.closed_bytes += bytes_written;
        memmove(reg.open + i, reg.open + i + 1,
                (reg.n_open - i - 1) * sizeof *reg.open);
        reg.n_open--;
        break;
    }
    pthread_mutex_unlock(&registry_lock);
}

bool sl_outputs_keep_temps(void)
{
    pthread_mutex_lock(&registry_lock);
    bool keep = reg.keep_temps;
    pthread_mutex_unlock(&registry_lock);
    return keep;
}

void sl_outputs_set_keep_temps(bool keep)
{
    pthread_mutex_lock(&registry_lock);
    reg.keep_temps = keep;
    pthread_mutex_unlock(&registry_lock);
}

char *sl_outputs_default_checkpoint(const char *final_path)
{
    const char *slash = strrchr(final_path, '/');
    size_t dir_len = slash ? (size_t)(slash - final_path) + 1 : 0;
    size_t size = strlen(final_path) + sizeof ".checkpoint" + 2;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%.*s.%s.checkpoint", (int)dir_len, final_path,
                 final_path + dir_len);
    return path;
}

/* Reads the checkpoint at path into reg (absent is not an error). */
static int load_locked(const char *path)
{
    reg.loaded = true;
    reg.loaded_path = strdup(path);
    json_error_t jerr;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        char buf[512];
        snprintf(buf, sizeof buf, "%s: cannot read the checkpoint: %s", path,
                 strerror(errno));
        reg.error = strdup(buf);
        return -1;
    }
    reg.checkpoint = json_loadf(f, 0, &jerr);
    fclose(f);
    if (!reg.checkpoint || !json_is_object(reg.checkpoint)) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s:%d: the checkpoint is damaged: %s", path,
                 jerr.line, jerr.text);
        json_decref(reg.checkpoint);
        reg.checkpoint = NULL;
        reg.error = strdup(buf);
        return -1;
    }
    return 0;
}

int sl_outputs_load_checkpoint(const char *path)
{
    pthread_mutex_lock(&registry_lock);
    int rc = reg.loaded ? (reg.error ? -1 : 0) : load_locked(path);
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

int sl_outputs_resume_entry(const char *final_path, const char **temp,
                            uint64_t *size, uint64_t *bytes)
{
    pthread_mutex_lock(&registry_lock);
    int rc = 0;
    if (!reg.resume || strcmp(final_path, "-") == 0)
        goto done;
    if (!reg.loaded) {
        char *derived = reg.explicit_path
                            ? NULL
                            : sl_outputs_default_checkpoint(final_path);
        const char *path = reg.explicit_path ? reg.explicit_path : derived;
        rc = path ? load_locked(path) : -1;
        free(derived);
        if (rc < 0)
            goto done;
    }
    if (reg.error) {
        rc = -1;
        goto done;
    }
    json_t *outputs = json_object_get(reg.checkpoint, "outputs");
    size_t i;
    json_t *entry;
    json_array_foreach(outputs, i, entry)
    {
        const char *p = json_string_value(json_object_get(entry, "path"));
        const char *t = json_string_value(json_object_get(entry, "temp"));
        if (!p || !t || strcmp(p, final_path) != 0)
            continue;
        *temp = t;
        *size = (uint64_t)json_integer_value(json_object_get(entry, "size"));
        *bytes = (uint64_t)json_integer_value(json_object_get(entry, "bytes"));
        rc = 1;
        break;
    }
done:
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

void sl_outputs_note_failure(const char *message)
{
    pthread_mutex_lock(&registry_lock);
    if (!reg.failure)
        reg.failure = strdup(message);
    pthread_mutex_unlock(&registry_lock);
}

bool sl_outputs_failed(void)
{
    pthread_mutex_lock(&registry_lock);
    bool failed = reg.failure != NULL;
    pthread_mutex_unlock(&registry_lock);
    return failed;
}

char *sl_outputs_failure(void)
{
    pthread_mutex_lock(&registry_lock);
    char *copy = reg.failure ? strdup(reg.failure) : NULL;
    pthread_mutex_unlock(&registry_lock);
    return copy;
}

const char *sl_outputs_resume_error(void)
{
    return reg.error;
}

const json_t *sl_outputs_checkpoint(void)
{
    return reg.checkpoint;
}

const char *sl_outputs_checkpoint_path(void)
{
    return reg.loaded_path;
}

size_t sl_outputs_count(void)
{
    pthread_mutex_lock(&registry_lock);
    size_t n = reg.n_open;
    pthread_mutex_unlock(&registry_lock);
    return n;
}

sl_output *sl_outputs_get(size_t i)
{
    pthread_mutex_lock(&registry_lock);
    sl_output *out = i < reg.n_open ? reg.open[i] : NULL;
    pthread_mutex_unlock(&registry_lock);
    return out;
}

uint64_t sl_outputs_closed_bytes(void)
{
    pthread_mutex_lock(&registry_lock);
    uint64_t n = reg.closed_bytes;
    pthread_mutex_unlock(&registry_lock);
    return n;
}
