/* core/output_path.c - output path names: {shard}, streams written in
 * place, parent folders (see output_path.h).
 */
#include "output_path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *sl_output_expand_shard(const char *path, unsigned shard, unsigned shards)
{
    static const char token[] = "{shard}";
    char number[16];
    int width = snprintf(NULL, 0, "%u", shards > 1 ? shards - 1 : 0);
    snprintf(number, sizeof number, "%0*u", width, shard);
    size_t count = 0;
    for (const char *p = strstr(path, token); p;
         p = strstr(p + sizeof token - 1, token))
        count++;
    size_t size = strlen(path) + count * strlen(number) + 1;
    char *result = malloc(size);
    if (!result)
        return NULL;
    char *w = result;
    const char *r = path;
    for (const char *p = strstr(r, token); p; p = strstr(r, token)) {
        memcpy(w, r, (size_t)(p - r));
        w += p - r;
        w += sprintf(w, "%s", number);
        r = p + sizeof token - 1;
    }
    strcpy(w, r);
    return result;
}

int sl_output_std_stream(const char *path)
{
    static const char *const out_names[] = {"-", "/dev/stdout", "/dev/fd/1",
                                            "/proc/self/fd/1"};
    static const char *const err_names[] = {"/dev/stderr", "/dev/fd/2",
                                            "/proc/self/fd/2"};
    for (size_t i = 0; i < sizeof out_names / sizeof out_names[0]; i++)
        if (strcmp(path, out_names[i]) == 0)
            return STDOUT_FILENO;
    for (size_t i = 0; i < sizeof err_names / sizeof err_names[0]; i++)
        if (strcmp(path, err_names[i]) == 0)
            return STDERR_FILENO;
    return -1;
}

bool sl_output_is_stream(const char *path)
{
    if (sl_output_std_stream(path) >= 0)
        return true;
    struct stat st;
    return stat(path, &st) == 0 &&
           (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ||
            S_ISSOCK(st.st_mode));
}

int sl_output_make_parent_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            int saved = errno;
            free(copy);
            errno = saved;
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}
