/* core/crash_notes.c - what each thread of an --isolate worker is running,
 * noted where the supervisor can read it (see crash_notes.h): the notes
 * the engine writes, the crash handler that blames the record in hand,
 * and the words for a crash. The supervisor itself is engine_isolate.c.
 */
#include "crash_notes.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static sl_isolate_shared *shared;
static _Thread_local int64_t current_record = -1;
static _Thread_local int64_t current_stage = -1;
static _Thread_local int runner_index = -1; /* -2: no room */

int64_t sl_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* This thread's entry in the shared table, or NULL. */
static sl_isolate_runner *my_runner(void)
{
    if (!shared || runner_index == -2)
        return NULL;
    if (runner_index < 0) {
        int i = __atomic_fetch_add(&shared->n_runners, 1, __ATOMIC_RELAXED);
        runner_index = i < SL_ISOLATE_MAX_RUNNERS ? i : -2;
        if (runner_index < 0)
            return NULL;
    }
    return &shared->runners[runner_index];
}

void sl_isolate_note(uint64_t record, size_t stage)
{
    sl_isolate_runner *r = my_runner();
    if (stage == SIZE_MAX) {
        current_record = -1;
        current_stage = -1;
        if (r)
            r->stage = -1;
        return;
    }
    current_record = (int64_t)record;
    current_stage = (int64_t)stage;
    if (r) {
        r->stage = -1; /* never a new record with an old start */
        r->started_ns = sl_monotonic_ns();
        r->record = (int64_t)record;
        r->stage = (int64_t)stage;
    }
}

void sl_isolate_note_retired(uint64_t records)
{
    if (shared)
        shared->retired = records;
}

const char *sl_signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "signal";
    }
}

void sl_crash_reason(const sl_crash *c, char *buf, size_t size)
{
    switch (c->kind) {
    case SL_CRASH_KILLED:
        snprintf(buf, size,
                 "the worker process was killed by signal %d (%s) while the "
                 "stage ran the document%s",
                 (int)c->value, sl_signal_name((int)c->value),
                 c->value == SIGKILL ? " (out of memory?)" : "");
        break;
    case SL_CRASH_EXITED:
        snprintf(buf, size,
                 "the worker process exited with status %lld while the "
                 "stage ran the document",
                 c->value);
        break;
    case SL_CRASH_TIMEOUT:
        snprintf(buf, size,
                 "ran longer than %.3g s on the document (--doc-timeout)",
                 (double)c->value / 1000);
        break;
    case SL_CRASH_MEMORY:
        snprintf(buf, size,
                 "the worker process grew past %lld bytes while the stage "
                 "ran the document (--worker-memory)",
                 c->value);
        break;
    default:
        snprintf(buf, size, "crashed with signal %d (%s)", c->sig,
                 sl_signal_name(c->sig));
        break;
    }
}

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* In the child: blame the record this thread was running, then die of
 * the signal. */
static void on_crash(int sig)
{
    if (shared && !shared->crashed) {
        shared->record = current_record;
        shared->stage = current_stage;
        shared->sig = sig;
        shared->crashed = 1;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void sl_crash_notes_install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++)
        sigaction(crash_signals[i], &sa, NULL);
}

void sl_crash_notes_share(sl_isolate_shared *state)
{
    shared = state;
}
