/* core/input_walk.c - expanding files and folders into the list of input
 * files (see input_walk.h).
 */
#include "input_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_error.h"

/* A folder on the current walk path, for loop detection. */
typedef struct walk_level {
    dev_t dev;
    ino_t ino;
    const char *path;
    const struct walk_level *up;
} walk_level;

static int push_file(sl_input_list *list, const char *path, uint64_t size,
                     const char *error)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        sl_input_file *grown = realloc(list->files, cap * sizeof *grown);
        if (!grown)
            return -1;
        list->files = grown;
        list->cap = cap;
    }
    sl_input_file *f = &list->files[list->n];
    memset(f, 0, sizeof *f);
    f->path = strdup(path);
    f->error = error ? strdup(error) : NULL;
    if (!f->path || (error && !f->error)) {
        free(f->path);
        free(f->error);
        return -1;
    }
    f->size = size;
    f->start = list->total_bytes;
    list->total_bytes += size;
    list->n++;
    return 0;
}

static int push_error(sl_input_list *list, const char *path, const char *fmt,
                      ...) __attribute__((format(printf, 3, 4)));

static int push_error(sl_input_list *list, const char *path, const char *fmt,
                      ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return push_file(list, path, 0, message);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);
    const char *slash = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";
    size_t size = dlen + strlen(slash) + strlen(name) + 1;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s%s%s", dir, slash, name);
    return path;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a folder's visible entry names, sorted. Returns the count, or -1
 * (errno set). *names is malloc'd, each name too. */
static long read_names(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **list = NULL;
    size_t n = 0, cap = 0;
    struct dirent *entry;
    int failed = 0;
    errno = 0;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t grown_cap = cap ? cap * 2 : 32;
            char **grown = realloc(list, grown_cap * sizeof *grown);
            if (!grown) {
                failed = ENOMEM;
                break;
            }
            list = grown;
            cap = grown_cap;
        }
        list[n] = strdup(entry->d_name);
        if (!list[n]) {
            failed = ENOMEM;
            break;
        }
        n++;
    }
    if (!failed && errno)
        failed = errno;
    closedir(d);
    if (failed) {
        for (size_t i = 0; i < n; i++)
            free(list[i]);
        free(list);
        errno = failed;
        return -1;
    }
    if (n > 1)
        qsort(list, n, sizeof *list, compare_names);
    *names = list;
    return (long)n;
}

static const walk_level *find_on_path(const walk_level *level, dev_t dev,
                                      ino_t ino)
{
    for (; level; level = level->up)
        if (level->dev == dev && level->ino == ino)
            return level;
    return NULL;
}

static int walk_folder(sl_input_list *list, const char *dir,
                       const struct stat *st, const walk_level *up);

/* Adds one entry found inside a folder. Returns 0, or -1 when memory runs
 * out (problems with the entry itself become error entries). */
static int walk_entry(sl_input_list *list, const char *path,
                      const walk_level *up)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return push_error(list, path, "cannot read: %s", strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        const walk_level *loop = find_on_path(up, st.st_dev, st.st_ino);
        if (loop)
            return push_error(list, path,
                              "symlink loop: leads back to the folder %s; "
                              "not followed",
                              loop->path);
        return walk_folder(list, path, &st, up);
    }
    if (S_ISREG(st.st_mode))
        return push_file(list, path, (uint64_t)st.st_size, NULL);
    return 0; /* devices, sockets, FIFOs inside folders are not documents */
}

static int walk_folder(sl_input_list *list, const char *dir,
                       const struct stat *st, const walk_level *up)
{
    walk_level here = {st->st_dev, st->st_ino, dir, up};
    char **names = NULL;
    long n = read_names(dir, &names);
    if (n < 0) {
        if (errno == ENOMEM)
            return -1;
        return push_error(list, dir, "cannot read the folder: %s",
                          strerror(errno));
    }
    int status = 0;
    for (long i = 0; i < n; i++) {
        char *path = status == 0 ? join_path(dir, names[i]) : NULL;
        if (status == 0 && (!path || walk_entry(list, path, &here) < 0))
            status = -1;
        free(path);
        free(names[i]);
    }
    free(names);
    return status;
}

int sl_input_list_add(sl_input_list *list, const char *path, sl_read_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (push_file(list, path, 0, NULL) < 0)
            goto out_of_memory;
        list->files[list->n - 1].stream = true;
        list->has_stdin = true;
        return 0;
    }
    struct stat st;
    if (stat(path, &st) < 0) {
        sl_input_error_set(err, "fs", path, 0, 0, "cannot read input: %s",
                           strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (walk_folder(list, path, &st, NULL) == 0)
            return 0;
    } else if (S_ISREG(st.st_mode)) {
        if (push_file(list, path, (uint64_t)st.st_size, NULL) == 0)
            return 0;
    } else { /* a pipe such as <(zcat ...), a device */
        if (push_file(list, path, 0, NULL) == 0) {
            list->files[list->n - 1].stream = true;
            list->has_stdin = true;
            return 0;
        }
    }
out_of_memory:
    sl_input_error_set(err, "fs", path, 0, 0, "out of memory");
    return -1;
}

void sl_input_list_free(sl_input_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->files[i].path);
        free(list->files[i].error);
    }
    free(list->files);
    memset(list, 0, sizeof *list);
}
