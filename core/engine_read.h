/* core/engine_read.h - the reading turn of a run: the input opened and
 * records read into the ring (see engine_read.c).
 */
#ifndef SLUICE_CORE_ENGINE_READ_H
#define SLUICE_CORE_ENGINE_READ_H

#include "engine_state.h"

/* Opens the run's inputs (n == 0: standard input) and, with --shard, cuts
 * them to the shard's byte range. Returns 0, or -1 with the run's error
 * set. */
int sl_engine_open_reader(engine *e, const char *const *inputs, size_t n);

/* True when reading should go on: the input has not ended, fewer than
 * want_ready records wait to be taken and the ring has room. Under the
 * lock. */
bool sl_engine_read_wanted(const engine *e);

/* Reads records into the ring for as long as sl_engine_read_wanted holds,
 * with the caller's reading turn. Called and returns under the lock,
 * which it lets go while reading. */
void sl_engine_read_records(engine *e);

#endif
