/* core/engine_isolate.c - the --isolate supervisor (see engine_isolate.h).
 *
 * The supervisor forks before any stage is initialised, so each child
 * starts from the same clean state; the child runs the engine with
 * checkpoints every ISOLATE_CHECKPOINT_EVERY records and a handler on the
 * crash signals that writes the blamed record and stage into memory shared
 * with the supervisor, then dies of the signal as it would have. Every
 * thread of the child also notes there which record and stage it runs and
 * since when, so the supervisor can enforce --doc-timeout, and can blame
 * the document in hand when the child exits or is killed. The supervisor
 * then starts a new child with --resume and the list of records that
 * brought a child down; the child quarantines those instead of running
 * them. When a death finds several documents in hand, none is blamed:
 * the new child runs the records up to the last of them one at a time,
 * so a second death names one. The run's result and message come back
 * through the same shared memory. The child asks the kernel for SIGKILL
 * when the supervisor dies, so it never outlives it.
 */
#include "engine_isolate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crash_notes.h"
#include "engine_signals.h"

enum {
    MAX_CRASHES = 100000,
    WATCH_MILLISECONDS = 20,
    MAX_BLAMELESS_DEATHS = 3
};

/* The state shared with the child (see crash_notes.h), while a run lasts. */
static sl_isolate_shared *shared;
static volatile pid_t child_pid;

/* In the supervisor: pass SIGINT/SIGTERM on to the child, which stops
 * cleanly and leaves a checkpoint. */
static void forward_signal(int sig)
{
    if (child_pid > 0)
        kill(child_pid, sig);
}

static void child_main(sl_pipeline *pipeline, const char *const *inputs,
                       size_t n, const sl_run_options *options,
                       const sl_isolate_info *iso)
{
    /* die with the supervisor; it may already be gone */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != (pid_t)iso->supervisor)
        _exit(1);
    sl_crash_notes_install_handlers();
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    sl_run_options child = *options;
    child.isolate = false;
    child.handle_signals = true;
    sl_run_result result;
    char *message = NULL;
    int rc =
        sl_engine_run_once(pipeline, inputs, n, &child, iso, &result, &message);
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

/* The child's resident size in bytes, or 0 when unknown. */
static uint64_t resident_bytes(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    unsigned long long size = 0, resident = 0;
    int got = fscanf(f, "%llu %llu", &size, &resident);
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return got == 2 && page > 0 ? resident * (uint64_t)page : 0;
}

/* Why the supervisor killed the child, if it did. */
typedef struct watch_verdict {
    sl_crash_kind kind; /* SL_CRASH_SIGNAL: it did not */
    int runner;         /* for a timeout: the runner that ran over */
} watch_verdict;

static void pause_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* The runner that has spent longer than limit_ns on a stage, or -1. */
static int runner_over_time(int64_t limit_ns)
{
    int n = __atomic_load_n(&shared->n_runners, __ATOMIC_RELAXED);
    int64_t now = sl_monotonic_ns();
    for (int i = 0; i < n && i < SL_ISOLATE_MAX_RUNNERS; i++) {
        const sl_isolate_runner *r = &shared->runners[i];
        if (r->stage >= 0 && now - r->started_ns > limit_ns)
            return i;
    }
    return -1;
}

/* Waits for the child to end, killing it when a limit is passed. */
static void watch_child(pid_t pid, const sl_run_options *o, int *status,
                        watch_verdict *verdict)
{
    verdict->kind = SL_CRASH_SIGNAL;
    verdict->runner = -1;
    bool watching = o->doc_timeout > 0 || o->worker_memory > 0;
    int64_t limit_ns = (int64_t)(o->doc_timeout * 1e9);
    for (;;) {
        pid_t got = waitpid(pid, status, watching ? WNOHANG : 0);
        if (got == pid)
            return;
        if (got < 0 && errno != EINTR)
            return;
        if (!watching || got < 0)
            continue;
        int late = o->doc_timeout > 0 ? runner_over_time(limit_ns) : -1;
        if (late >= 0) {
            verdict->kind = SL_CRASH_TIMEOUT;
            verdict->runner = late;
        } else if (o->worker_memory > 0 &&
                   resident_bytes(pid) > o->worker_memory) {
            verdict->kind = SL_CRASH_MEMORY;
        }
        if (verdict->kind != SL_CRASH_SIGNAL) {
            kill(pid, SIGKILL);
            watching = false;
            continue;
        }
        pause_ms(WATCH_MILLISECONDS);
    }
}

/* The runners still in a stage when the child died: how many, the one
 * found (when one), and the highest record among them. */
static int runners_in_hand(int *which, uint64_t *highest)
{
    int count = 0;
    int n = shared->n_runners;
    *highest = 0;
    for (int i = 0; i < n && i < SL_ISOLATE_MAX_RUNNERS; i++) {
        if (shared->runners[i].stage < 0)
            continue;
        *which = i;
        if ((uint64_t)shared->runners[i].record > *highest)
            *highest = (uint64_t)shared->runners[i].record;
        count++;
    }
    return count;
}

static char *death_message(int status, const watch_verdict *v)
{
    char buf[256];
    if (v->kind == SL_CRASH_MEMORY)
        snprintf(buf, sizeof buf,
                 "--isolate: the worker process grew past --worker-memory "
                 "outside any stage");
    else if (WIFEXITED(status))
        snprintf(buf, sizeof buf,
                 "--isolate: the worker process exited with status %d "
                 "outside any stage",
                 WEXITSTATUS(status));
    else if (shared->crashed)
        snprintf(buf, sizeof buf,
                 "--isolate: the worker process crashed outside any stage "
                 "with signal %d (%s)",
                 WTERMSIG(status), sl_signal_name(WTERMSIG(status)));
    else
        snprintf(buf, sizeof buf,
                 "--isolate: the worker process was killed by signal %d (%s)",
                 WTERMSIG(status), sl_signal_name(WTERMSIG(status)));
    return strdup(buf);
}

/* What brought the child down: 1 with *c filled when one document is to
 * blame, 0 when several were in hand (run them one at a time: *highest
 * is the last), -1 when none was (the run fails). */
static int find_blame(int status, const watch_verdict *v,
                      const sl_run_options *o, size_t n_stages, sl_crash *c,
                      uint64_t *highest)
{
    memset(c, 0, sizeof *c);
    if (shared->crashed) {
        if (shared->record < 0 || shared->stage < 0 ||
            (size_t)shared->stage >= n_stages)
            return -1;
        c->record = (uint64_t)shared->record;
        c->stage = (size_t)shared->stage;
        c->sig = shared->sig;
        c->kind = SL_CRASH_SIGNAL;
        return 1;
    }
    int which = v->runner;
    if (v->kind == SL_CRASH_TIMEOUT) {
        c->kind = SL_CRASH_TIMEOUT;
        c->value = (long long)(o->doc_timeout * 1000);
    } else {
        int in_hand = runners_in_hand(&which, highest);
        if (in_hand == 0)
            return -1;
        if (in_hand > 1)
            return 0;
        if (v->kind == SL_CRASH_MEMORY) {
            c->kind = SL_CRASH_MEMORY;
            c->value = (long long)o->worker_memory;
        } else if (WIFEXITED(status)) {
            c->kind = SL_CRASH_EXITED;
            c->value = WEXITSTATUS(status);
        } else {
            c->kind = SL_CRASH_KILLED;
            c->value = WTERMSIG(status);
        }
    }
    const sl_isolate_runner *r = &shared->runners[which];
    if (r->stage < 0 || (size_t)r->stage >= n_stages)
        return -1;
    c->record = (uint64_t)r->record;
    c->stage = (size_t)r->stage;
    c->sig = c->kind == SL_CRASH_KILLED ? (int)c->value : 0;
    return 1;
}

static void log_restart(const sl_run_options *o, const char *what)
{
    if (o->log)
        o->log(SL_LOG_WARN, NULL, what, o->log_user);
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
    sl_crash_notes_share(shared);
    sl_isolate_info iso = {
        .crashes = crashes, .child = true, .supervisor = (long)getpid()};
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sl_run_options run = *options;
    int rc = -1;
    int blameless = 0; /* deaths in a row that blamed nobody */
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
            child_main(pipeline, inputs, n, &run, &iso);
        child_pid = pid;
        int status = 0;
        watch_verdict verdict;
        watch_child(pid, &run, &status, &verdict);
        child_pid = 0;
        if (shared->retired > iso.replay_until)
            iso.replay_until = shared->retired;
        if (WIFEXITED(status) && shared->finished) {
            rc = shared->rc;
            *result = shared->result;
            if (shared->message[0])
                *message = strdup(shared->message);
            break;
        }
        sl_crash c;
        uint64_t highest = 0;
        int blame = find_blame(status, &verdict, &run, pipeline->n_stages, &c,
                               &highest);
        if (blame < 0) {
            *message = death_message(status, &verdict);
            break;
        }
        if (blame == 0) {
            if (++blameless > MAX_BLAMELESS_DEATHS) {
                *message = strdup("--isolate: the worker process keeps "
                                  "dying with several documents in hand; "
                                  "giving up");
                break;
            }
            iso.serial_until = highest + 1;
            log_restart(&run, "the worker process died with several "
                              "documents in hand; restarting it from the "
                              "last checkpoint, one document at a time");
            run.info.resume = true;
            continue;
        }
        blameless = 0;
        char why[512];
        sl_crash_reason(&c, why, sizeof why);
        if (pipeline->on_error == SL_ON_ERROR_ABORT) {
            char buf[800];
            snprintf(buf, sizeof buf,
                     "record %llu: stage '%s': %s (on_error is abort)",
                     (unsigned long long)c.record,
                     pipeline->stages[c.stage].name, why);
            *message = strdup(buf);
            break;
        }
        if (iso.n_crashes == MAX_CRASHES) {
            *message = strdup("--isolate: too many crashes; giving up");
            break;
        }
        crashes[iso.n_crashes++] = c;
        char buf[800];
        snprintf(
            buf, sizeof buf,
            "record %llu: stage '%s': %s; restarting the worker from the last "
            "checkpoint",
            (unsigned long long)c.record, pipeline->stages[c.stage].name, why);
        log_restart(&run, buf);
        run.info.resume = true;
    }
    result->crashes = (unsigned)iso.n_crashes;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sl_crash_notes_share(NULL);
    munmap(shared, sizeof *shared);
    shared = NULL;
    free(crashes);
    return rc;
}
