/* core/arena.c - the per-document bump allocator (see arena.h).
 *
 * Memory comes in chunks that double in size from 4 KiB up to 1 MiB; a
 * request larger than a quarter of a chunk gets a chunk of its own, so a
 * huge block never wastes the tail of a normal chunk. Strings are packed
 * byte to byte (sl_arena_alloc_bytes): a document of a million
 * one-character lines would otherwise spend 16 bytes on each 4-byte line.
 *
 * Chunks come from the thread's spares (spares.h) when it has one large
 * enough, and go back to them when the arena is freed; a chunk of up to
 * 64 KiB is given the next power of two of room (from 4 KiB) so that it
 * fits the next document's chunk of about the same size. A chunk keeps
 * the size it was asked for, whatever its room, so an arena fills and
 * counts its footprint the same way with or without spares.
 */
#include "arena.h"

#include "spares.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/invariant.h>

enum { FIRST_CHUNK = 4096, MAX_CHUNK = 1 << 20, ALIGNMENT = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    size_t room; /* bytes allocated after the header (at least size) */
    _Alignas(16) unsigned char data[];
} chunk;

struct sl_arena {
    chunk *head;      /* the chunk being filled */
    size_t next_size; /* size of the next regular chunk */
    size_t footprint;
};

sl_arena *sl_arena_new(void)
{
    sl_arena *arena = calloc(1, sizeof *arena);
    if (arena)
        arena->next_size = FIRST_CHUNK;
    return arena;
}

/* The room of a chunk of size usable bytes: up to the largest spare, the
 * next power of two from FIRST_CHUNK. */
static size_t room_for(size_t size)
{
    if (size > SL_SPARE_MAX_BYTES - sizeof(chunk))
        return size;
    size_t room = FIRST_CHUNK;
    while (room < size)
        room *= 2;
    return room > SL_SPARE_MAX_BYTES - sizeof(chunk) ? size : room;
}

static chunk *chunk_new(size_t size)
{
    size_t bytes;
    chunk *c = size <= SL_SPARE_MAX_BYTES - sizeof *c
                   ? sl_spare_take(SL_SPARE_CHUNKS, sizeof *c + size, &bytes)
                   : NULL;
    if (c) {
        c->room = bytes - sizeof *c;
    } else {
        size_t room = room_for(size);
        c = malloc(sizeof *c + room);
        if (!c)
            return NULL;
        c->room = room;
    }
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

/* size bytes at a multiple of align (a power of two, at most ALIGNMENT)
 * in the head chunk, or in a new chunk when the head is full; zeroed when
 * zero is set. */
static void *take(sl_arena *arena, size_t size, size_t align, bool zero)
{
    SL_INVARIANT(align > 0 && align <= ALIGNMENT && (align & (align - 1)) == 0);
    if (size == 0)
        size = 1;
    chunk *c = arena->head;
    if (c) {
        size_t at = (c->used + align - 1) & ~(align - 1);
        if (at <= c->size && c->size - at >= size) {
            c->used = at + size;
            SL_INVARIANT(c->used <= c->size);
            if (zero)
                memset(c->data + at, 0, size);
            return c->data + at;
        }
    }
    if (size > arena->next_size / 4) {
        /* A large request gets its own chunk, linked behind the head so
         * the head keeps filling. */
        chunk *big = chunk_new(size);
        if (!big)
            return NULL;
        big->used = size;
        arena->footprint += sizeof *big + size;
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            arena->head = big;
        }
        if (zero)
            memset(big->data, 0, size);
        return big->data;
    }
    chunk *fresh = chunk_new(arena->next_size);
    if (!fresh)
        return NULL;
    arena->footprint += sizeof *fresh + fresh->size;
    if (arena->next_size < MAX_CHUNK)
        arena->next_size *= 2;
    fresh->next = c;
    arena->head = fresh;
    fresh->used = size;
    if (zero)
        memset(fresh->data, 0, size);
    return fresh->data;
}

void *sl_arena_alloc(sl_arena *arena, size_t size)
{
    size_t need = (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
    if (need < size)
        return NULL; /* overflow */
    return take(arena, need, ALIGNMENT, true);
}

char *sl_arena_alloc_bytes(sl_arena *arena, size_t size)
{
    return take(arena, size, 1, true);
}

char *sl_arena_alloc_unset(sl_arena *arena, size_t size)
{
    return take(arena, size, 1, false);
}

size_t sl_arena_footprint(const sl_arena *arena)
{
    return arena ? arena->footprint : 0;
}

void sl_arena_free(sl_arena *arena)
{
    if (!arena)
        return;
    chunk *c = arena->head;
    while (c) {
        chunk *next = c->next;
        sl_spare_give(SL_SPARE_CHUNKS, c, sizeof *c + c->room);
        c = next;
    }
    free(arena);
}
