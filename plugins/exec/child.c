/* plugins/exec/child.c - one long-lived child process spoken to in lines:
 * posix_spawn with three pipes, a poll loop that writes the request while
 * it reads the answer and the child's stderr (so neither side can block
 * the other), deadlines, and SIGPIPE kept away from the process.
 */
#define _GNU_SOURCE /* pipe2 */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

void child_init(exec_child *c, const char *prefix)
{
    memset(c, 0, sizeof *c);
    c->in_fd = c->out_fd = c->err_fd = -1;
    c->prefix = prefix;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static int make_pipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    return 0;
}

int child_start(exec_child *c, char *const argv[])
{
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int rc = -1;

    if (make_pipe(in) < 0 || make_pipe(out) < 0 || make_pipe(err) < 0)
        goto fail_pipes;
    if (posix_spawn_file_actions_init(&fa) != 0)
        goto fail_pipes;
    if (posix_spawnattr_init(&attr) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        goto fail_pipes;
    }
    /* The child starts with no blocked signals and SIGPIPE at its default,
     * whatever this process has done with them. */
    sigset_t none, pipe_only;
    sigemptyset(&none);
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &pipe_only);
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    pid_t pid;
    int e = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (e != 0) {
        errno = e;
        goto fail_pipes;
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    c->pid = pid;
    c->in_fd = in[1];
    c->out_fd = out[0];
    c->err_fd = err[0];
    fcntl(c->in_fd, F_SETFL, O_NONBLOCK);
    fcntl(c->out_fd, F_SETFL, O_NONBLOCK);
    fcntl(c->err_fd, F_SETFL, O_NONBLOCK);
    c->out_len = 0;
    c->err_len = 0;
    c->err_cut = false;
    c->tail_count = c->tail_next = 0;
    return 0;

fail_pipes:
    e = errno;
    for (int i = 0; i < 2; i++) {
        close_fd(&in[i]);
        close_fd(&out[i]);
        close_fd(&err[i]);
    }
    errno = e;
    return rc;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A stderr line is complete: print it with the prefix and keep it. */
static void err_line_done(exec_child *c)
{
    c->err_line[c->err_len] = '\0';
    fprintf(stderr, "%s: %s%s\n", c->prefix, c->err_line,
            c->err_cut ? "..." : "");
    memcpy(c->tail[c->tail_next], c->err_line, c->err_len + 1);
    c->tail_next = (c->tail_next + 1) % CHILD_TAIL_LINES;
    if (c->tail_count < CHILD_TAIL_LINES)
        c->tail_count++;
    c->err_len = 0;
    c->err_cut = false;
}

/* Reads what stderr holds. Returns false at end of file or error. */
static bool drain_stderr(exec_child *c)
{
    char buf[4096];
    for (;;) {
        ssize_t n = read(c->err_fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0) {
            if (c->err_len > 0 || c->err_cut)
                err_line_done(c);
            close_fd(&c->err_fd);
            return false;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                err_line_done(c);
            } else if (c->err_len < CHILD_TAIL_LINE_MAX) {
                c->err_line[c->err_len++] = buf[i];
            } else {
                c->err_cut = true;
            }
        }
    }
}

/* Writes to the child's input with SIGPIPE blocked on this thread, so a
 * child that has gone away gives EPIPE rather than killing the process. */
static ssize_t write_no_sigpipe(int fd, const char *buf, size_t len)
{
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    ssize_t n = write(fd, buf, len);
    int e = errno;
    if (n < 0 && e == EPIPE && !sigismember(&old, SIGPIPE)) {
        /* consume the SIGPIPE raised for this thread */
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return n;
}

/* Looks for a newline in what was read. Returns its index or -1. */
static long find_newline(const exec_child *c, size_t from)
{
    if (!c->out || from >= c->out_len)
        return -1;
    const char *nl = memchr(c->out + from, '\n', c->out_len - from);
    return nl ? (long)(nl - c->out) : -1;
}

/* Drops the line (and its '\n') returned by the previous exchange. */
static void forget_returned_line(exec_child *c, size_t *pending)
{
    if (*pending > 0) {
        memmove(c->out, c->out + *pending, c->out_len - *pending);
        c->out_len -= *pending;
        *pending = 0;
    }
}

child_result child_exchange(exec_child *c, const char *request, size_t len,
                            double timeout, size_t max_line, char **line,
                            size_t *line_len)
{
    size_t written = 0;
    double deadline = timeout > 0 ? now_seconds() + timeout : 0;
    size_t scanned = 0;

    /* the line returned by the previous call is still at the front */
    forget_returned_line(c, &c->out_returned);
    for (;;) {
        long nl = find_newline(c, scanned);
        if (nl >= 0 && written == len) {
            if ((size_t)nl > max_line) {
                child_kill(c);
                return CHILD_TOO_LONG;
            }
            c->out[nl] = '\0';
            *line = c->out;
            *line_len = (size_t)nl;
            c->out_returned = (size_t)nl + 1;
            return CHILD_LINE;
        }
        scanned = c->out_len;
        if (nl < 0 && c->out_len > max_line) {
            child_kill(c);
            return CHILD_TOO_LONG;
        }
        struct pollfd fds[3];
        nfds_t n = 0;
        int want_in = -1, want_out = -1, want_err = -1;
        if (written < len && c->in_fd >= 0) {
            fds[n] = (struct pollfd){.fd = c->in_fd, .events = POLLOUT};
            want_in = (int)n++;
        }
        if (c->out_fd >= 0) {
            fds[n] = (struct pollfd){.fd = c->out_fd, .events = POLLIN};
            want_out = (int)n++;
        }
        if (c->err_fd >= 0) {
            fds[n] = (struct pollfd){.fd = c->err_fd, .events = POLLIN};
            want_err = (int)n++;
        }
        if (want_out < 0)
            return CHILD_GONE;
        int wait_ms = -1;
        if (deadline > 0) {
            double left = deadline - now_seconds();
            if (left <= 0) {
                child_kill(c);
                return CHILD_TIMEOUT;
            }
            wait_ms = left > 1e6 ? 1000000000 : (int)(left * 1000) + 1;
        }
        int r = poll(fds, n, wait_ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return CHILD_IO_ERROR;
        if (want_err >= 0 && fds[want_err].revents)
            drain_stderr(c);
        if (want_in >= 0 && (fds[want_in].revents & (POLLOUT | POLLERR))) {
            ssize_t w =
                write_no_sigpipe(c->in_fd, request + written, len - written);
            if (w < 0 && errno == EPIPE)
                return CHILD_GONE;
            if (w < 0 && errno != EAGAIN && errno != EINTR)
                return CHILD_IO_ERROR;
            if (w > 0)
                written += (size_t)w;
        }
        if (fds[want_out].revents) {
            if (c->out_cap - c->out_len < 65536) {
                size_t cap = c->out_cap ? c->out_cap * 2 : 131072;
                char *p = realloc(c->out, cap);
                if (!p)
                    return CHILD_IO_ERROR;
                c->out = p;
                c->out_cap = cap;
            }
            ssize_t got = read(c->out_fd, c->out + c->out_len,
                               c->out_cap - c->out_len - 1);
            if (got == 0) {
                close_fd(&c->out_fd);
                return CHILD_GONE;
            }
            if (got < 0 && errno != EAGAIN && errno != EINTR)
                return CHILD_IO_ERROR;
            if (got > 0)
                c->out_len += (size_t)got;
        }
    }
}

/* Reads the rest of stderr until it closes or the deadline passes. */
static void drain_stderr_until(exec_child *c, double deadline)
{
    while (c->err_fd >= 0) {
        double left = deadline - now_seconds();
        if (left <= 0)
            return;
        struct pollfd p = {.fd = c->err_fd, .events = POLLIN};
        int r = poll(&p, 1, (int)(left * 1000) + 1);
        if (r < 0 && errno != EINTR)
            return;
        if (r > 0 && !drain_stderr(c))
            return;
    }
}

static void close_all(exec_child *c)
{
    close_fd(&c->in_fd);
    close_fd(&c->out_fd);
    close_fd(&c->err_fd);
    c->pid = 0;
    c->out_len = 0;
    c->out_returned = 0;
}

void child_kill(exec_child *c)
{
    if (c->pid > 0) {
        kill(c->pid, SIGKILL);
        while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
            ;
        /* grandchildren may still hold stderr open: read briefly only */
        if (c->err_fd >= 0)
            drain_stderr_until(c, now_seconds() + 0.2);
    }
    close_all(c);
}

void child_stop(exec_child *c, double grace, int *status)
{
    if (status)
        *status = 0;
    if (c->pid <= 0) {
        close_all(c);
        return;
    }
    close_fd(&c->in_fd);
    double deadline = now_seconds() + grace;
    drain_stderr_until(c, deadline);
    int st = 0;
    for (;;) {
        pid_t r = waitpid(c->pid, &st, WNOHANG);
        if (r == c->pid)
            break;
        if (r < 0 && errno != EINTR)
            break;
        if (now_seconds() >= deadline) {
            kill(c->pid, SIGKILL);
            while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
                ;
            break;
        }
        struct timespec ms = {0, 10 * 1000 * 1000};
        nanosleep(&ms, NULL);
    }
    if (c->err_fd >= 0)
        drain_stderr_until(c, now_seconds() + 0.2);
    if (status)
        *status = st;
    close_all(c);
}

void child_tail(const exec_child *c, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    size_t first =
        (c->tail_next + CHILD_TAIL_LINES - c->tail_count) % CHILD_TAIL_LINES;
    for (size_t i = 0; i < c->tail_count; i++) {
        const char *l = c->tail[(first + i) % CHILD_TAIL_LINES];
        int w = snprintf(buf + used, size - used, "%s%s", i ? " | " : "", l);
        if (w < 0 || (size_t)w >= size - used)
            return;
        used += (size_t)w;
    }
}

void child_free(exec_child *c)
{
    free(c->out);
    c->out = NULL;
    c->out_len = c->out_cap = 0;
}
