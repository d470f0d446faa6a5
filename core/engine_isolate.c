/* core/engine_isolate.c - the --isolate supervisor (see engine_isolate.h).
 *
 * The supervisor forks before any stage is initialised, so each child
 * starts from the same clean state; the child runs the engine with
 * checkpoints every ISOLATE_CHECKPOINT_EVERY records and a handler on the
 * crash signals that writes the blamed record and stage into memory shared
 * with the supervisor, then dies of the signal as it would have. The
 * supervisor then starts a new child with --resume and the list of
 * records that crashed; the child quarantines those instead of running
 * them. The run's result and message come back through the same shared
 * memory.
 */
#include "engine_isolate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine_signals.h"

enum { MAX_CRASHES = 100000, MESSAGE_SIZE = 4096 };

typedef struct shared_state {
    volatile sig_atomic_t crashed;
    volatile int64_t record; /* -1: not in a document */
    volatile int64_t stage;
    volatile int sig;
    volatile uint64_t retired; /* records the child has retired */
    int finished;
    int rc;
    sl_run_result result;
    char message[MESSAGE_SIZE];
} shared_state;

static shared_state *shared;
static _Thread_local int64_t current_record = -1;
static _Thread_local int64_t current_stage = -1;
static volatile pid_t child_pid;

void sl_isolate_note(uint64_t record, size_t stage)
{
    if (stage == SIZE_MAX) {
        current_record = -1;
        current_stage = -1;
    } else {
        current_record = (int64_t)record;
        current_stage = (int64_t)stage;
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

static void install_crash_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER;
    for (size_t i = 0; i < sizeof crash_signals / sizeof *crash_signals; i++)
        sigaction(crash_signals[i], &sa, NULL);
}

/* In the supervisor: pass SIGINT/SIGTERM on to the child, which stops
 * cleanly and leaves a checkpoint. */
static void forward_signal(int sig)
{
    if (child_pid > 0)
        kill(child_pid, sig);
}

static void child_main(sl_pipeline *pipeline, const char *const *inputs,
                       size_t n, const sl_run_options *options, bool resume,
                       const sl_crash *crashes, size_t n_crashes,
                       uint64_t replay_until)
{
    install_crash_handlers();
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sl_run_options child = *options;
    child.isolate = false;
    child.handle_signals = true;
    child.info.resume = resume;
    sl_isolate_info iso = {crashes, n_crashes, true, replay_until};
    sl_run_result result;
    char *message = NULL;
    int rc = sl_engine_run_once(pipeline, inputs, n, &child, &iso, &result,
                                &message);
    /* stages' fini runs here, in the child, so outputs are committed or
     * kept as the run left them */
    sl_pipeline_free(pipeline);
    shared->rc = rc;
    shared->result = result;
    if (message)
        snprintf(shared->message, sizeof shared->message, "%s", message);
    free(message);
    shared->finished = 1;
    _exit(0);
}

static char *text_copy(const char *what, int sig)
{
    char buf[256];
    snprintf(buf, sizeof buf, what, sig, sl_signal_name(sig));
    return strdup(buf);
}

int sl_isolate_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                   const sl_run_options *options, sl_run_result *result,
                   char **message)
{
    memset(result, 0, sizeof *result);
    *message = NULL;
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    sl_crash *crashes = calloc(MAX_CRASHES, sizeof *crashes);
    if (shared == MAP_FAILED || !crashes) {
        if (shared != MAP_FAILED)
            munmap(shared, sizeof *shared);
        shared = NULL;
        free(crashes);
        *message = strdup("--isolate: cannot set up the worker process");
        return -1;
    }
    size_t n_crashes = 0;
    uint64_t replay_until = 0;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    bool resume = options->info.resume;
    int rc = -1;
    for (;;) {
        memset(shared, 0, sizeof *shared);
        shared->record = -1;
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) {
            *message = strdup("--isolate: cannot start the worker process");
            break;
        }
        if (pid == 0)
            child_main(pipeline, inputs, n, options, resume, crashes,
                       n_crashes, replay_until);
        child_pid = pid;
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            continue;
        child_pid = 0;
        if (shared->retired > replay_until)
            replay_until = shared->retired;
        if (WIFEXITED(status) && shared->finished) {
            rc = shared->rc;
            *result = shared->result;
            if (shared->message[0])
                *message = strdup(shared->message);
            break;
        }
        if (!WIFSIGNALED(status)) {
            *message = strdup("--isolate: the worker process ended "
                              "unexpectedly");
            break;
        }
        int sig = WTERMSIG(status);
        if (!shared->crashed || shared->record < 0 || shared->stage < 0 ||
            (size_t)shared->stage >= pipeline->n_stages) {
            *message = text_copy(shared->crashed
                                     ? "--isolate: the worker process crashed "
                                       "outside any stage with signal %d (%s)"
                                     : "--isolate: the worker process was "
                                       "killed by signal %d (%s)",
                                 sig);
            break;
        }
        if (pipeline->on_error == SL_ON_ERROR_ABORT) {
            char buf[512];
            snprintf(buf, sizeof buf,
                     "record %lld: stage '%s' crashed with signal %d (%s) "
                     "(on_error is abort)",
                     (long long)shared->record,
                     pipeline->stages[shared->stage].name, sig,
                     sl_signal_name(sig));
            *message = strdup(buf);
            break;
        }
        if (n_crashes == MAX_CRASHES) {
            *message = strdup("--isolate: too many crashes; giving up");
            break;
        }
        crashes[n_crashes++] = (sl_crash){(uint64_t)shared->record,
                                          (size_t)shared->stage, sig};
        if (options->log) {
            char buf[512];
            snprintf(buf, sizeof buf,
                     "record %lld: stage '%s' crashed with signal %d (%s); "
                     "restarting the worker from the last checkpoint",
                     (long long)shared->record,
                     pipeline->stages[shared->stage].name, sig,
                     sl_signal_name(sig));
            options->log(SL_LOG_WARN, NULL, buf, options->log_user);
        }
        resume = true;
    }
    result->crashes = (unsigned)n_crashes;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    munmap(shared, sizeof *shared);
    shared = NULL;
    free(crashes);
    return rc;
}
