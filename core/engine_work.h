/* core/engine_work.h - the stages that need no order, on a claimed record
 * (see engine_work.c).
 */
#ifndef SLUICE_CORE_ENGINE_WORK_H
#define SLUICE_CORE_ENGINE_WORK_H

#include "engine_clock.h"
#include "engine_state.h"

/* Runs the stages that need no order on record rec in slot s (skip: the
 * run stops, only the slot's place counts); clock gives the thread's CPU
 * share. Without the lock; the caller claimed the record. */
void sl_engine_work_record(engine *e, uint64_t rec, slot *s, bool skip,
                           sl_cpu_share *clock);

/* --check-docs: the reason a stage that kept doc broke it (malloc'd), or
 * NULL when the document holds (or the run does not check). */
char *sl_engine_broken_by_stage(const engine *e, const sl_doc *doc);

/* Frees what the prepare steps made and the ordered stages did not
 * take. */
void sl_engine_free_prepared(const engine *e, slot *s);

#endif
