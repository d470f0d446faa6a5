/* core/atomic_write.c - writes a small file whole through a temporary
 * file and a rename (see atomic_write.h).
 */
#include "atomic_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write_all.h"

static char *failure(const char *path, const char *what, int err)
{
    size_t size = strlen(path) + strlen(what) + 64;
    char *m = malloc(size);
    if (m)
        snprintf(m, size, "%s: %s: %s", path, what, strerror(err));
    return m;
}

/* A device or a pipe: written through, as renaming over it would
 * replace it. */
static int write_through(const char *path, const char *data, size_t len,
                         char **message)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        *message = failure(path, "cannot open", errno);
        return -1;
    }
    int rc = sl_write_all(fd, data, len);
    int err = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0)
        *message = failure(path, "cannot write", err);
    return rc;
}

void sl_sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int sl_atomic_write(const char *path, const char *data, size_t len,
                    char **message)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return write_through(path, data, len, message);
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t size = strlen(path) + 64;
    char *temp = malloc(size);
    if (!temp) {
        *message = strdup("out of memory");
        return -1;
    }
    snprintf(temp, size, "%.*s.%s.tmp-%ld", (int)dir_len, path, path + dir_len,
             (long)getpid());
    int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        *message = failure(path, "cannot create", errno);
        free(temp);
        return -1;
    }
    const char *what = "cannot write";
    int rc = sl_write_all(fd, data, len);
    if (rc == 0 && fsync(fd) != 0 && errno != EINVAL) {
        what = "cannot sync";
        rc = -1;
    }
    int err = errno;
    if (close(fd) != 0 && rc == 0) {
        what = "cannot close";
        err = errno;
        rc = -1;
    }
    if (rc == 0 && rename(temp, path) != 0) {
        what = "cannot rename into place";
        err = errno;
        rc = -1;
    }
    if (rc == 0) {
        sl_sync_parent_dir(path);
    } else {
        unlink(temp);
        *message = failure(path, what, err);
    }
    free(temp);
    return rc;
}
