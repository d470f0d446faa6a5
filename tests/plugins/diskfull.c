/* tests/plugins/diskfull.c - a test-only write() shim, loaded with
 * LD_PRELOAD, that plays a disk filling up: writes to files whose path
 * holds $DISKFULL_MATCH succeed for $DISKFULL_AFTER bytes in all; the
 * write that crosses that mark is cut short (a partial write, as a real
 * full disk gives), and the next $DISKFULL_FAILURES writes fail with
 * ENOSPC ("forever" for a disk that stays full). After that, writes
 * succeed again: the disk was freed. Nothing happens unless
 * DISKFULL_MATCH is set. When the disk first fills, the file named by
 * $DISKFULL_MARK (if set) is created, so a test can tell the shim was
 * in effect (an ASan build resolves write() in its own runtime first).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef ssize_t (*write_fn)(int, const void *, size_t);

static long long bytes_left = -1; /* -1: not read from the environment */
static long long failures_left;
static const char *match;

static void read_settings(void)
{
    match = getenv("DISKFULL_MATCH");
    const char *after = getenv("DISKFULL_AFTER");
    const char *failures = getenv("DISKFULL_FAILURES");
    bytes_left = after ? atoll(after) : 0;
    if (failures && strcmp(failures, "forever") == 0)
        failures_left = LLONG_MAX;
    else
        failures_left = failures ? atoll(failures) : 1;
}

/* True when fd is a file whose path holds the DISKFULL_MATCH text. */
static int watched(int fd)
{
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    return strstr(path, match) != NULL;
}

ssize_t write(int fd, const void *data, size_t len)
{
    static write_fn real_write;
    if (!real_write)
        real_write = (write_fn)dlsym(RTLD_NEXT, "write");
    if (bytes_left < 0)
        read_settings();
    if (!match || !*match || len == 0 || !watched(fd))
        return real_write(fd, data, len);
    if (bytes_left > 0) {
        size_t now = (long long)len > bytes_left ? (size_t)bytes_left : len;
        ssize_t done = real_write(fd, data, now);
        if (done > 0)
            bytes_left -= done;
        return done;
    }
    if (failures_left > 0) {
        const char *mark = getenv("DISKFULL_MARK");
        if (mark && *mark) {
            int m = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
            if (m >= 0)
                close(m);
        }
        failures_left--;
        errno = ENOSPC;
        return -1;
    }
    return real_write(fd, data, len);
}
