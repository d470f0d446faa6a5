/* core/engine_threads.h - the threads of a run and their loop (see
 * engine_threads.c).
 */
#ifndef SLUICE_CORE_ENGINE_THREADS_H
#define SLUICE_CORE_ENGINE_THREADS_H

#include "engine_state.h"

/* Runs the run's loop on the calling thread and on jobs - 1 more, then
 * joins them. */
void sl_engine_run_threads(engine *e);

#endif
