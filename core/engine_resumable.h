/* core/engine_resumable.h - where and when a run writes checkpoints, and
 * --resume (see engine_resumable.c).
 */
#ifndef SLUICE_CORE_ENGINE_RESUMABLE_H
#define SLUICE_CORE_ENGINE_RESUMABLE_H

#include "engine_state.h"

/* Decides where checkpoints go (none when an output is standard output)
 * and how often. Returns 0, or -1 with the run's error set. */
int sl_engine_plan_checkpoints(engine *e);

/* With --resume: loads and checks the checkpoint, restores counts and
 * stage state. Returns 0, or -1 with the run's error set. */
int sl_engine_resume_from_checkpoint(engine *e);

/* Writes a checkpoint after `records` records (the skipped ones
 * included), all retired. */
void sl_engine_write_checkpoint(engine *e, uint64_t records);

/* Writes a checkpoint when one is due after `records` records. */
void sl_engine_maybe_checkpoint(engine *e, uint64_t records);

#endif
