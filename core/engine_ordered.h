/* core/engine_ordered.h - the ordered stages on retired records (see
 * engine_ordered.c). Retiring thread only.
 */
#ifndef SLUICE_CORE_ENGINE_ORDERED_H
#define SLUICE_CORE_ENGINE_ORDERED_H

#include "engine_state.h"

/* Folds the slot's counters into the run's. */
void sl_engine_merge_slot(engine *e, slot *s);

/* Accounts for record rec: its document and those emitted from it go
 * through the ordered stages in order. */
void sl_engine_finish_record(engine *e, uint64_t rec, slot *s);

/* Runs doc through the ordered stages [from, n_stages) and accounts for
 * it, then for what they emitted (seconds: what earlier stages spent on
 * it; prepared: what the prepare steps made of it, or NULL). */
void sl_engine_finish_doc(engine *e, uint64_t rec, sl_doc *doc, size_t from,
                          double seconds, void **prepared);

#endif
