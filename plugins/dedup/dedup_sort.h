/* plugins/dedup/dedup_sort.h - an external merge sort of fixed-size
 * records in bounded memory, for `sluice-dedup join`.
 *
 * Records are added one by one into a buffer of at most `memory` bytes;
 * when it is full it is sorted in place and written as a run to a temporary
 * file (created in temp_dir and unlinked at once, so nothing is left behind
 * even after a crash). Reading merges the runs with a heap; when there
 * are more runs than the fan-in the memory allows, runs are first merged
 * into longer ones, a level at a time. When nothing was spilled the buffer
 * is sorted and read in memory.
 *
 * Memory: the buffer (at most `memory`, grown as records come) while
 * adding; while reading, one read buffer per run merged at once, together
 * about `memory`.
 */
#ifndef SLUICE_DEDUP_SORT_H
#define SLUICE_DEDUP_SORT_H

#include <stddef.h>
#include <stdio.h>

typedef struct dedup_sort dedup_sort;

typedef int (*dedup_sort_cmp)(const void *a, const void *b);

/* The smallest memory budget accepted. */
#define DEDUP_SORT_MIN_MEMORY ((size_t)16 * 1024)

/* NULL when out of memory or record_size is over 64. memory is raised to
 * DEDUP_SORT_MIN_MEMORY. */
dedup_sort *dedup_sort_new(size_t record_size, dedup_sort_cmp cmp,
                           size_t memory, const char *temp_dir);
void dedup_sort_free(dedup_sort *s);

/* Adds a record. Returns 0, or -1 (dedup_sort_error says why). */
int dedup_sort_add(dedup_sort *s, const void *record);

/* Ends adding and gets ready to read in order. Returns 0 or -1. */
int dedup_sort_finish(dedup_sort *s);

/* The next record in order into record. Returns 1, 0 at the end, or -1. */
int dedup_sort_next(dedup_sort *s, void *record);

/* Runs written to temporary files (0: sorted in memory) and merge passes
 * made before reading. */
size_t dedup_sort_runs(const dedup_sort *s);
size_t dedup_sort_passes(const dedup_sort *s);

/* The last error, or NULL. */
const char *dedup_sort_error(const dedup_sort *s);

/* A new temporary file in dir, open for reading and writing and already
 * unlinked; NULL with errno. */
FILE *dedup_temp_file(const char *dir);

#endif
