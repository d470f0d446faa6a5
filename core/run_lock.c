/* core/run_lock.c - one advisory lock per file a run writes (see
 * run_lock.h).
 */
#include "run_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "messages.h"
#include "output_path.h"

struct sl_run_lock {
    char *path;
    int fd;
};

/* "DIR/.NAME.lock" for DIR/NAME (malloc'd). */
static char *lock_path_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    return sl_text_printf("%.*s.%s.lock", (int)dir_len, path, path + dir_len);
}

/* The pid written in the lock file at path, or 0 when none can be read. */
static long holder_of(const char *path)
{
    FILE *f = fopen(path, "r");
    long pid = 0;
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return pid;
}

static char *refusal(const char *path, const char *lock_path)
{
    long pid = holder_of(lock_path);
    if (pid > 0)
        return sl_text_printf("%s is being written by another sluice run "
                              "(pid %ld, lock %s); wait for it to end or "
                              "write somewhere else",
                              path, pid, lock_path);
    return sl_text_printf("%s is being written by another sluice run (lock "
                          "%s); wait for it to end or write somewhere else",
                          path, lock_path);
}

/* True when fd is still the file at path (a run that ended may have
 * removed the lock file between our open and our flock). */
static bool still_linked(int fd, const char *path)
{
    struct stat held, named;
    return fstat(fd, &held) == 0 && stat(path, &named) == 0 &&
           held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

static int write_pid(int fd)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%ld\n", (long)getpid());
    return ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)len, 0) == len
               ? 0
               : -1;
}

sl_run_lock *sl_run_lock_take(const char *path, char **message)
{
    sl_run_lock *lock = calloc(1, sizeof *lock);
    if (lock)
        lock->path = lock_path_for(path);
    if (!lock || !lock->path) {
        free(lock);
        *message = strdup("out of memory");
        return NULL;
    }
    if (sl_output_make_parent_dirs(lock->path) != 0) {
        *message = sl_text_printf("cannot create the folder of %s: %s", path,
                                  strerror(errno));
        goto fail;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        lock->fd = open(lock->path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (lock->fd < 0) {
            *message = sl_text_printf("%s: cannot create the lock file: %s",
                                      lock->path, strerror(errno));
            goto fail;
        }
        if (flock(lock->fd, LOCK_EX | LOCK_NB) != 0) {
            int saved = errno;
            close(lock->fd);
            *message = saved == EWOULDBLOCK
                           ? refusal(path, lock->path)
                           : sl_text_printf("%s: cannot lock: %s", lock->path,
                                            strerror(saved));
            goto fail;
        }
        if (still_linked(lock->fd, lock->path)) {
            if (write_pid(lock->fd) != 0) {
                *message = sl_text_printf("%s: cannot write the lock file: %s",
                                          lock->path, strerror(errno));
                unlink(lock->path);
                close(lock->fd);
                goto fail;
            }
            return lock;
        }
        close(lock->fd); /* removed by its last holder: take a new one */
    }
    *message = sl_text_printf("%s: cannot take the lock", lock->path);
fail:
    free(lock->path);
    free(lock);
    return NULL;
}

const char *sl_run_lock_path(const sl_run_lock *lock)
{
    return lock->path;
}

void sl_run_lock_release(sl_run_lock *lock)
{
    if (!lock)
        return;
    unlink(lock->path);
    close(lock->fd);
    free(lock->path);
    free(lock);
}
