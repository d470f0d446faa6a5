/* core/engine_stages.h - starting and finishing a run's stages (see
 * engine_stages.c).
 */
#ifndef SLUICE_CORE_ENGINE_STAGES_H
#define SLUICE_CORE_ENGINE_STAGES_H

#include "engine_state.h"

/* Makes the stages' contexts, finds where the ordered stages begin and
 * runs each stage's init. Returns 0, or -1 with the run's error set. */
int sl_engine_init_stages(engine *e);

/* Flushes the stages in order, what each emits going through the later
 * ones. Returns 0, or -1 with the run's error set. */
int sl_engine_flush_stages(engine *e);

#endif
