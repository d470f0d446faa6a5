/* core/engine_summary.h - the --stats file and the --report page at a
 * run's end (see engine_summary.c).
 */
#ifndef SLUICE_CORE_ENGINE_SUMMARY_H
#define SLUICE_CORE_ENGINE_SUMMARY_H

#include "engine_state.h"

/* Writes the --stats file and the --report page, if asked for; a failure
 * fails the run. */
void sl_engine_write_stats(engine *e);

#endif
