/* core/gzip_blocks.h - a gzip output compressed in blocks that any thread
 * of the run may compress, written in order by the thread that writes the
 * output.
 *
 * The uncompressed stream of a gzip member is cut every
 * SL_GZIP_BLOCK_BYTES bytes. Each block is compressed on its own as raw
 * deflate, with the last 32 KB of the block before it as its dictionary,
 * and ends on a byte boundary (a sync flush); the last block of the
 * member ends the deflate stream. The writer puts the member's header
 * before the first block and its trailer (the CRC-32 of the blocks,
 * combined, and the length) after the last. So the bytes depend only on
 * the data and on where members end, never on which thread compressed
 * which block: a run writes the same file at every -j.
 *
 * Blocks wait in one queue for the whole process; the run's threads take
 * them (sl_gzip_blocks_work_one) between records. A writer with no room
 * left for waiting blocks compresses its oldest one itself, and a writer
 * made for one thread (max_waiting 0) compresses each block as it fills.
 */
#ifndef SLUICE_CORE_GZIP_BLOCKS_H
#define SLUICE_CORE_GZIP_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>

enum {
    SL_GZIP_BLOCK_BYTES = 256 << 10, /* uncompressed bytes per block */
    SL_GZIP_DICT_BYTES = 32 << 10    /* deflate's window */
};

typedef struct sl_gzip_blocks sl_gzip_blocks;

/* Where the compressed bytes go, in order; returns 0, or -1 to stop. */
typedef int (*sl_gzip_sink)(void *user, const unsigned char *data, size_t len);

/* A writer at compression level `level` that lets at most max_waiting
 * blocks wait for another thread (0: it compresses each block itself).
 * NULL when out of memory. */
sl_gzip_blocks *sl_gzip_blocks_new(int level, size_t max_waiting);

/* Frees the writer; blocks still waiting are dropped, and a block another
 * thread is compressing is waited for. NULL does nothing. */
void sl_gzip_blocks_free(sl_gzip_blocks *g);

/* Adds len bytes to the current member (starting one when none is open)
 * and gives the sink what is compressed and in order. Returns 0, or -1
 * when compression ran out of memory or the sink stopped. */
int sl_gzip_blocks_write(sl_gzip_blocks *g, const void *data, size_t len,
                         sl_gzip_sink sink, void *user);

/* Ends the member: compresses what is left (the writer's thread takes the
 * blocks still waiting), gives the sink every block, then the trailer.
 * With no member open it writes an empty member. Returns 0 or -1. */
int sl_gzip_blocks_end_member(sl_gzip_blocks *g, sl_gzip_sink sink, void *user);

/* Whether a member is open: bytes were written since the last one ended. */
bool sl_gzip_blocks_member_open(const sl_gzip_blocks *g);

/* For the run's threads: whether any writer has a block waiting (a hint,
 * read without a lock), and compressing the oldest one. Returns whether a
 * block was compressed. */
bool sl_gzip_blocks_waiting(void);
bool sl_gzip_blocks_work_one(void);

#endif
