/* core/spares.h - memory a thread keeps from the documents it frees, for
 * the next documents it builds.
 *
 * A document's arena chunks and its arrays of blocks, spans and sections
 * are a few kilobytes each: too large for glibc's per-thread cache, so
 * each malloc of them searched the large bins and each growth by realloc
 * copied. A thread that frees a document keeps some of these blocks (up
 * to SL_SPARE_MAX_BYTES each, SL_SPARE_PLACES of each pool) and hands them out
 * again; they are freed when the thread ends or calls sl_spares_drop.
 */
#ifndef SLUICE_CORE_SPARES_H
#define SLUICE_CORE_SPARES_H

#include <stddef.h>

/* Blocks a pool keeps: enough for the chunks and arrays of the documents
 * a thread has in flight at -j2 and up (a batch of up to four it
 * claimed, and those not retired yet). With 8, 13.6 per cent of the
 * takes found nothing at -j2 on news (5,900 of 43,400 on 30 MB, against
 * 7 at -j1) and went to malloc; with 32, 84. */
enum { SL_SPARE_MAX_BYTES = 64 * 1024, SL_SPARE_PLACES = 32 };

typedef enum sl_spare_pool {
    SL_SPARE_CHUNKS, /* arena chunks */
    SL_SPARE_ARRAYS, /* a document's arrays of blocks, spans, sections */
    SL_SPARE_POOLS
} sl_spare_pool;

/* The smallest spare block of the pool holding at least `need` bytes,
 * its size in *bytes; NULL when the thread keeps none that large. */
void *sl_spare_take(sl_spare_pool pool, size_t need, size_t *bytes);

/* Keeps the malloc'd block p of `bytes` bytes for sl_spare_take, or
 * frees it (too large, or the pool is full of larger ones). NULL is
 * ignored. */
void sl_spare_give(sl_spare_pool pool, void *p, size_t bytes);

/* Frees every spare block of the calling thread. */
void sl_spares_drop(void);

#endif
