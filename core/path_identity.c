/* core/path_identity.c - device and inode, or the normalised path, of a
 * file (see path_identity.h).
 */
#include "path_identity.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Appends the components of rest to buf (an absolute folder, no trailing
 * slash unless it is "/"), folding "." and "..". */
static void append_components(char *buf, const char *rest)
{
    const char *p = rest;
    while (*p) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len == 0)
            break;
        if (len == 1 && p[0] == '.') {
            /* nothing */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            char *slash = strrchr(buf, '/');
            if (slash && slash != buf)
                *slash = '\0';
            else
                buf[1] = '\0';
        } else {
            size_t used = strlen(buf);
            if (used > 1)
                buf[used++] = '/';
            memcpy(buf + used, p, len);
            buf[used + len] = '\0';
        }
        p += len;
    }
}

/* The normalised absolute form of path (malloc'd), or NULL. */
static char *normalise(const char *path)
{
    size_t size = strlen(path) + PATH_MAX + 2;
    char *abs = malloc(size);
    char *out = malloc(size);
    if (!abs || !out) {
        free(abs);
        free(out);
        return NULL;
    }
    if (path[0] == '/') {
        strcpy(abs, path);
    } else {
        if (!getcwd(abs, PATH_MAX)) {
            free(abs);
            free(out);
            return NULL;
        }
        strcat(abs, "/");
        strcat(abs, path);
    }
    /* the longest prefix that exists is resolved; the rest folded */
    strcpy(out, "/");
    char *cut = abs + strlen(abs);
    for (;;) {
        char saved = *cut;
        *cut = '\0';
        char resolved[PATH_MAX];
        bool found = realpath(abs[0] ? abs : "/", resolved) != NULL;
        *cut = saved;
        if (found) {
            strcpy(out, resolved);
            append_components(out, cut);
            break;
        }
        while (cut > abs && *--cut != '/') {
        }
        if (cut == abs) {
            append_components(out, abs);
            break;
        }
    }
    free(abs);
    return out;
}

int sl_path_identity_of(const char *path, sl_path_identity *id)
{
    memset(id, 0, sizeof *id);
    struct stat st;
    if (stat(path, &st) == 0) {
        id->exists = true;
        id->is_dir = S_ISDIR(st.st_mode);
        id->dev = st.st_dev;
        id->ino = st.st_ino;
    }
    id->normal = normalise(path);
    return id->normal ? 0 : -1;
}

int sl_path_identity_of_fd(int fd, sl_path_identity *id)
{
    memset(id, 0, sizeof *id);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    id->exists = true;
    id->is_dir = S_ISDIR(st.st_mode);
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    return 0;
}

void sl_path_identity_clear(sl_path_identity *id)
{
    free(id->normal);
    id->normal = NULL;
}

bool sl_path_identity_same(const sl_path_identity *a, const sl_path_identity *b)
{
    if (a->exists && b->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return a->normal && b->normal && strcmp(a->normal, b->normal) == 0;
}

bool sl_path_identity_inside(const sl_path_identity *inner,
                             const sl_path_identity *outer)
{
    if (!outer->is_dir || !inner->normal || !outer->normal)
        return false;
    size_t len = strlen(outer->normal);
    if (len == 1) /* "/" holds everything */
        return true;
    return strncmp(inner->normal, outer->normal, len) == 0 &&
           inner->normal[len] == '/';
}
