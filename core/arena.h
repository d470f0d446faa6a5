/* core/arena.h - a bump allocator: many small allocations, one free.
 *
 * Each document owns one arena; every string of the document is carved
 * from it and released together when the document is freed.
 */
#ifndef SLUICE_CORE_ARENA_H
#define SLUICE_CORE_ARENA_H

#include <stddef.h>

typedef struct sl_arena sl_arena;

/* A new, empty arena. NULL when out of memory. */
sl_arena *sl_arena_new(void);

/* size zeroed bytes aligned for any type; NULL when out of memory. */
void *sl_arena_alloc(sl_arena *arena, size_t size);

/* size zeroed bytes with no alignment, for strings: packed right after
 * the previous allocation. NULL when out of memory. */
char *sl_arena_alloc_bytes(sl_arena *arena, size_t size);

/* As sl_arena_alloc_bytes, but the bytes are not zeroed: for a copy that
 * writes every byte at once (input text, lines), where zeroing first
 * would touch the memory twice. */
char *sl_arena_alloc_unset(sl_arena *arena, size_t size);

/* Bytes handed out plus chunk overhead, for memory accounting. */
size_t sl_arena_footprint(const sl_arena *arena);

/* Frees every allocation and the arena. NULL is ignored. */
void sl_arena_free(sl_arena *arena);

#endif
