/* plugins/exec/child.h - one long-lived child process spoken to in lines:
 * start it, send it one line and read one line back within a deadline,
 * pass its standard error on, stop or kill it. Knows nothing of documents.
 */
#ifndef SLUICE_EXEC_CHILD_H
#define SLUICE_EXEC_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* How many of the child's last stderr lines are kept for a failure. */
#define CHILD_TAIL_LINES 5
#define CHILD_TAIL_LINE_MAX 200

typedef struct exec_child {
    pid_t pid;          /* 0 when not running */
    int in_fd;          /* the child's standard input (we write), -1 */
    int out_fd;         /* its standard output (we read), -1 */
    int err_fd;         /* its standard error (we read), -1 */
    const char *prefix; /* printed before each stderr line ("exec") */

    char *out; /* bytes read from out_fd not yet returned */
    size_t out_len, out_cap;
    size_t out_returned; /* bytes of out handed back by the last exchange */
    char err_line[CHILD_TAIL_LINE_MAX + 1]; /* stderr line being read */
    size_t err_len;
    bool err_cut; /* the line being read was cut at CHILD_TAIL_LINE_MAX */
    char tail[CHILD_TAIL_LINES][CHILD_TAIL_LINE_MAX + 1];
    size_t tail_next, tail_count;
} exec_child;

/* What child_exchange found. */
typedef enum child_result {
    CHILD_LINE = 0, /* a line came back */
    CHILD_TIMEOUT,  /* the deadline passed; the child was killed */
    CHILD_GONE,     /* the child closed its output or exited */
    CHILD_TOO_LONG, /* the line passed max_line bytes; child killed */
    CHILD_IO_ERROR  /* poll, read or write failed (errno kept) */
} child_result;

void child_init(exec_child *c, const char *prefix);

/* Starts argv[0] with argv (looked up in PATH). Returns 0, or -1 with
 * errno set. */
int child_start(exec_child *c, char *const argv[]);

/* Writes len bytes of request (one line, ending in '\n') and reads one
 * line back, without the '\n', into *line (NUL-terminated, valid until the
 * next call) and *line_len. Gives up after timeout seconds (0: never) or
 * past max_line bytes of answer. Passes stderr lines on meanwhile. */
child_result child_exchange(exec_child *c, const char *request, size_t len,
                            double timeout, size_t max_line, char **line,
                            size_t *line_len);

/* Kills the child (SIGKILL), collects it and what is left of its stderr. */
void child_kill(exec_child *c);

/* Closes the child's input and waits up to grace seconds for it to exit,
 * passing its stderr on; kills it after that. Writes how it ended to
 * status (as waitpid) when not NULL. */
void child_stop(exec_child *c, double grace, int *status);

/* The child's last stderr lines joined with " | " into buf ("" when
 * none). */
void child_tail(const exec_child *c, char *buf, size_t size);

/* Frees the buffers (the child must be stopped). */
void child_free(exec_child *c);

#endif
