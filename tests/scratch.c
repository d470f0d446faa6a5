/* tests/scratch.c - the test programs' scratch folder (see scratch.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* nftw's FTW_DEPTH and FTW_PHYS */
#endif
#include "scratch.h"

#include <criterion/criterion.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char folder[64];

const char *scratch_make(const char *tag)
{
    snprintf(folder, sizeof folder, "/tmp/sluice-%s-XXXXXX", tag);
    cr_assert_not_null(mkdtemp(folder), "cannot make %s", folder);
    return folder;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void scratch_remove(void)
{
    if (folder[0])
        nftw(folder, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    folder[0] = '\0';
}

const char *scratch_dir(void)
{
    return folder;
}

const char *scratch_path(const char *name)
{
    static char paths[8][4096];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, sizeof paths[0], "%s/%s", folder, name);
    return path;
}

const char *scratch_write(const char *name, const void *data, size_t len)
{
    const char *path = scratch_path(name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot create %s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len, "cannot write %s", path);
    cr_assert_eq(fclose(f), 0, "cannot write %s", path);
    return path;
}

const char *scratch_write_text(const char *name, const char *text)
{
    return scratch_write(name, text, strlen(text));
}

char *scratch_try_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, used = 0;
    char *data = malloc(cap);
    cr_assert_not_null(data);
    size_t got;
    while ((got = fread(data + used, 1, cap - used - 1, f)) > 0) {
        used += got;
        if (cap - used < 2) {
            cap *= 2;
            data = realloc(data, cap);
            cr_assert_not_null(data);
        }
    }
    fclose(f);
    data[used] = '\0';
    if (len)
        *len = used;
    return data;
}

char *scratch_read(const char *path, size_t *len)
{
    char *data = scratch_try_read(path, len);
    cr_assert_not_null(data, "cannot open %s", path);
    return data;
}
