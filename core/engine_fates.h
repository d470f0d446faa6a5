/* core/engine_fates.h - a failed or dropped document accounted for (see
 * engine_fates.c). Retiring thread only.
 */
#ifndef SLUICE_CORE_ENGINE_FATES_H
#define SLUICE_CORE_ENGINE_FATES_H

#include "engine_state.h"

/* A record the reader refused (slot s holds why). */
void sl_engine_fail_read(engine *e, uint64_t rec, slot *s);

/* Document doc of record rec failed in stage `stage` for `why`. */
void sl_engine_fail_stage(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
                          const char *why);

/* Document doc of record rec was dropped by stage `stage`: the rejects
 * file, then the `dropped` callback of every later ordered stage. */
void sl_engine_drop_document(engine *e, uint64_t rec, sl_doc *doc, size_t stage,
                             const char *reason, const json_t *detail);

/* Tells the run's fate callback, if any. */
void sl_engine_tell_fate(const engine *e, sl_doc_fate fate, const char *id,
                         const char *stage, const char *reason,
                         const json_t *detail);

/* Counts a document that went through the stages in the census, with the
 * CPU time the stages spent on it. */
void sl_engine_take_census(engine *e, const sl_doc *doc, double seconds,
                           sl_census_outcome outcome);

#endif
