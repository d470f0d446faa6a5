/* core/engine_retire.h - the retiring turn of a run (see
 * engine_retire.c).
 */
#ifndef SLUICE_CORE_ENGINE_RETIRE_H
#define SLUICE_CORE_ENGINE_RETIRE_H

#include "engine_state.h"

/* True when the next record to retire is finished and no thread is
 * retiring. Under the lock. */
bool sl_engine_may_retire(const engine *e);

/* Retires finished records strictly in record order for as long as the
 * next one is finished, with the caller's retiring turn. Called and
 * returns under the lock, which it lets go meanwhile. */
void sl_engine_retire_records(engine *e);

/* Reports the progress line when it is due (final: the run's last). */
void sl_engine_show_progress(engine *e, bool final);

#endif
