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

#include "crash_notes.h"
#include "engine.h"

/* The engine proper (core/engine.c): one run in this process. */
int sl_engine_run_once(sl_pipeline *pipeline, const char *const *inputs,
                       size_t n, const sl_run_options *options,
                       const sl_isolate_info *isolate, sl_run_result *result,
                       char **message);

/* The supervisor: same contract as sl_engine_run. */
int sl_isolate_run(sl_pipeline *pipeline, const char *const *inputs, size_t n,
                   const sl_run_options *options, sl_run_result *result,
                   char **message);

#endif
