/* core/input_walk.h - the run's inputs as a flat list of files: folders
 * are walked recursively with entries in byte-sorted (strcmp) order,
 * hidden entries (names starting with '.') inside folders are skipped, and
 * a symlink that leads back to a folder on the current path is reported as
 * a loop instead of being followed. A problem found inside a folder (a
 * loop, an unreadable folder, a dangling link) becomes an entry carrying
 * its error, so the reader reports it in stream order and goes on.
 */
#ifndef SLUICE_CORE_INPUT_WALK_H
#define SLUICE_CORE_INPUT_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read_error.h"

typedef struct sl_input_file {
    char *path;     /* as given or joined from its folder; "-": stdin */
    uint64_t size;  /* bytes on disk for a regular file, else 0 */
    uint64_t start; /* offset of the file in the concatenated inputs */
    char *error;    /* non-NULL: report this message instead of reading */
    bool stream;    /* standard input or a pipe: no size, read as it comes */
} sl_input_file;

typedef struct sl_input_list {
    sl_input_file *files;
    size_t n, cap;
    uint64_t total_bytes; /* sum of sizes of regular files */
    bool has_stdin; /* a stream is among the inputs: the total is unknown */
} sl_input_list;

/* Adds one input: "-" (standard input), a file, or a folder (walked).
 * Returns 0; or -1 with err filled when the input itself cannot be found
 * or read, or memory runs out. */
int sl_input_list_add(sl_input_list *list, const char *path,
                      sl_read_error *err);

void sl_input_list_free(sl_input_list *list);

#endif
