/* core/crash_notes.h - the notes an --isolate worker keeps for its
 * supervisor: which record and stage each thread is running and since
 * when, which records are retired, and, when a stage crashes, the record
 * and stage to blame. They live in memory the supervisor maps before it
 * forks (sl_isolate_shared) and reads after the child dies. The engine
 * writes them (cheap, no locks); the supervisor (engine_isolate.h) reads
 * them; this file sits below both, so neither calls the other back.
 */
#ifndef SLUICE_CORE_CRASH_NOTES_H
#define SLUICE_CORE_CRASH_NOTES_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

enum {
    SL_ISOLATE_MESSAGE_SIZE = 4096,
    SL_ISOLATE_MAX_RUNNERS = 1100 /* threads that run stages: jobs + the
                                     ordered one */
};

/* How a record brought an earlier child down. */
typedef enum sl_crash_kind {
    SL_CRASH_SIGNAL = 0, /* a stage crashed: value is the signal */
    SL_CRASH_KILLED,     /* the child was killed by signal value */
    SL_CRASH_EXITED,     /* the child exited with status value */
    SL_CRASH_TIMEOUT,    /* a stage ran longer than value milliseconds */
    SL_CRASH_MEMORY      /* the child grew past value bytes */
} sl_crash_kind;

/* A record that brought an earlier child down. */
typedef struct sl_crash {
    uint64_t record; /* 0-based record number in the (shard's) stream */
    size_t stage;    /* index into pipeline->stages */
    int sig;         /* for SL_CRASH_SIGNAL */
    sl_crash_kind kind;
    long long value;
} sl_crash;

typedef struct sl_isolate_info {
    const sl_crash *crashes;
    size_t n_crashes;
    bool child;            /* running under the supervisor */
    uint64_t replay_until; /* records before this were reported already */
    uint64_t serial_until; /* records before this are run one at a time, so
                              a death blames one document */
    long supervisor;       /* the supervisor's process id */
} sl_isolate_info;

/* The quarantine reason for a crash, into buf, without the stage's name
 * (messages and quarantine entries name the stage already): "crashed
 * with signal 11 (SIGSEGV)", "ran longer than 2 s on the document
 * (--doc-timeout)", and so on. */
void sl_crash_reason(const sl_crash *c, char *buf, size_t size);

/* What one thread of the child is running. stage < 0: nothing. */
typedef struct sl_isolate_runner {
    volatile int64_t record;
    volatile int64_t stage;
    volatile int64_t started_ns;
} sl_isolate_runner;

typedef struct sl_isolate_shared {
    volatile sig_atomic_t crashed;
    volatile int64_t record; /* -1: not in a document */
    volatile int64_t stage;
    volatile int sig;
    volatile uint64_t retired; /* records the child has retired */
    int finished;
    int rc;
    sl_run_result result;
    char message[SL_ISOLATE_MESSAGE_SIZE];
    int n_runners;
    sl_isolate_runner runners[SL_ISOLATE_MAX_RUNNERS];
} sl_isolate_shared;

/* Notes, for this thread, the record and stage being run (stage
 * SIZE_MAX: none), so a crash can be blamed. Cheap. */
void sl_isolate_note(uint64_t record, size_t stage);

/* In a child: records 0..records-1 are retired (reported, written). */
void sl_isolate_note_retired(uint64_t records);

/* "SIGSEGV" for 11, and so on. */
const char *sl_signal_name(int sig);

/* Where the notes go: the shared state the supervisor mapped, or NULL
 * (not under --isolate: the notes are kept in this thread only). */
void sl_crash_notes_share(sl_isolate_shared *state);

/* In a child: the crash signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGABRT) note the record and stage in hand, then kill the process as
 * they would have. */
void sl_crash_notes_install_handlers(void);

/* A monotonic clock in nanoseconds, for the notes' start times. */
int64_t sl_monotonic_ns(void);

#endif
