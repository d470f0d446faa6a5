/* core/engine_signals.c - notes SIGINT/SIGTERM for the engine (see
 * engine_signals.h). Further signals change nothing: the run is already
 * stopping; kill -9 remains the way to stop at once (--resume copes).
 */
#include "engine_signals.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t pending;
static struct sigaction saved_int, saved_term;

static void note_signal(int sig)
{
    if (!pending)
        pending = sig;
}

void sl_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    pending = 0;
    sigaction(SIGINT, &sa, &saved_int);
    sigaction(SIGTERM, &sa, &saved_term);
}

void sl_signals_restore(void)
{
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
}

int sl_signals_pending(void) { return pending; }

void sl_signals_raise(int sig) { note_signal(sig); }
