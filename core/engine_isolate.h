/* core/engine_isolate.h - --isolate: the run happens in a child process
 * watched by the calling process. When a stage crashes (SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGABRT), the child's signal handler notes which record
 * and stage were running; the supervisor starts a new child that resumes
 * from the last checkpoint and quarantines that record instead of running
 * it ("stage 'X' crashed with signal 11 (SIGSEGV)").
 */
#ifndef SLUICE_CORE_ENGINE_ISOLATE_H
#define SLUICE_CORE_ENGINE_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* A record that crashed a stage in an earlier child. */
typedef struct sl_crash {
    uint64_t record; /* 0-based record number in the (shard's) stream */
    size_t stage;    /* index into pipeline->stages */
    int sig;
} sl_crash;

typedef struct sl_isolate_info {
    const sl_crash *crashes;
    size_t n_crashes;
    bool child; /* running under the supervisor */
    uint64_t replay_until; /* records before this were reported already */
} sl_isolate_info;

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
