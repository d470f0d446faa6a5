/* core/engine_signals.c - notes SIGINT/SIGTERM for the engine (see
 * engine_signals.h). Further signals change nothing: the run is already
 * stopping; kill -9 remains the way to stop at once (--resume copes).
 * The handler also writes a byte to a pipe (the self-pipe trick), so a
 * thread waiting in poll(2) for input wakes up, whichever thread the
 * signal was delivered to.
 */
#include "engine_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

/* The first signal noted: written by the handler on whichever thread the
 * signal reaches, read by any thread of the run, so accessed atomically
 * (lock-free, which a signal handler may do). */
static volatile sig_atomic_t pending;
static struct sigaction saved_int, saved_term;
static int wake_pipe[2] = {-1, -1};

static void note_signal(int sig)
{
    sig_atomic_t none = 0;
    __atomic_compare_exchange_n(&pending, &none, (sig_atomic_t)sig, false,
                                __ATOMIC_RELAXED, __ATOMIC_RELAXED);
    if (wake_pipe[1] >= 0) {
        int saved = errno;
        char byte = 1;
        ssize_t ignored = write(wake_pipe[1], &byte, 1);
        (void)ignored; /* a full pipe is awake already */
        errno = saved;
    }
}

/* Creates the pipe once, and empties it for a new run. */
static void prepare_wake_pipe(void)
{
    if (wake_pipe[0] < 0) {
        if (pipe(wake_pipe) != 0) {
            wake_pipe[0] = wake_pipe[1] = -1;
            return;
        }
        for (int i = 0; i < 2; i++) {
            fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
            fcntl(wake_pipe[i], F_SETFL,
                  fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
        }
    }
    char drain[64];
    while (read(wake_pipe[0], drain, sizeof drain) > 0)
        continue;
}

int sl_signals_wake_fd(void)
{
    return wake_pipe[0];
}

void sl_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    __atomic_store_n(&pending, 0, __ATOMIC_RELAXED);
    prepare_wake_pipe();
    sigaction(SIGINT, &sa, &saved_int);
    sigaction(SIGTERM, &sa, &saved_term);
}

void sl_signals_restore(void)
{
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
}

int sl_signals_pending(void)
{
    return __atomic_load_n(&pending, __ATOMIC_RELAXED);
}

void sl_signals_raise(int sig)
{
    note_signal(sig);
}
