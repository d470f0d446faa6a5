/* core/engine_ring.h - the ring of slots records go through (see
 * engine_ring.c).
 */
#ifndef SLUICE_CORE_ENGINE_RING_H
#define SLUICE_CORE_ENGINE_RING_H

#include "engine_state.h"

/* Makes the ring for the run's threads. Returns 0, or -1 when out of
 * memory (sl_engine_free_ring frees what was made). */
int sl_engine_make_ring(engine *e);

/* Frees the ring and what its slots hold. */
void sl_engine_free_ring(engine *e);

/* Frees what the slot's record holds, for its next record. */
void sl_engine_release_slot(const engine *e, slot *s);

/* Empties the slot's contexts where the record used them (merged by
 * then), in place. */
void sl_engine_clear_contexts(const engine *e, slot *s);

/* True when the slot's context of stage i holds counters or details to
 * merge (and then to clear). */
bool sl_engine_ctx_used(const slot *s, size_t i);

#endif
