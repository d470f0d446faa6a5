/* core/engine_isolate.h - --isolate: the run happens in a child process
 * watched by the calling process. When a stage crashes (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGABRT), the child's signal handler notes which record
 * and stage were running; the supervisor starts a new child that resumes
 * from the last checkpoint and quarantines that record instead of running
 * it ("stage 'X' crashed with signal 11 (SIGSEGV)"). The same happens when
 * the child exits or is killed (the OOM killer) while a stage holds a
 * document, when a stage spends longer than --doc-timeout on one document,
 * and when the child grows past --worker-memory. The child dies with its
 * supervisor.
 */
#ifndef SLUICE_CORE_ENGINE_ISOLATE_H
#define SLUICE_CORE_ENGINE_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

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
    bool child; /* running under the supervisor */
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

/* The engine proper (core/engine.c): one run in this process. */
int sl_engine_run_once(sl_pipeline *pipeline, const char *const *inputs,
                       size_t n, const sl_run_options *options,
                       const sl_isolate_info *isolate, sl_run_result *result,
                       char **message);

/* The supervisor: same contract as sl_engine_run. */
int sl_isolate_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                   const sl_run_options *options, sl_run_result *result,
                   char **message);

/* Notes, for this thread, the record and stage being run (stage
 * SIZE_MAX: none), so a crash can be blamed. Cheap. */
void sl_isolate_note(uint64_t record, size_t stage);

/* In a child: records 0..records-1 are retired (reported, written). */
void sl_isolate_note_retired(uint64_t records);

/* "SIGSEGV" for 11, and so on. */
const char *sl_signal_name(int sig);

#endif
