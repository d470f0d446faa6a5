/* core/output_path.h - what an output path names before anything is
 * written: "{shard}" replaced by the shard number, whether the path is a
 * stream written in place (standard output, /dev/stdout, a device, a
 * FIFO) rather than a file replaced by a rename, and the folders leading
 * to it. Shared by core/output.c and the run's file plan.
 */
#ifndef SLUICE_CORE_OUTPUT_PATH_H
#define SLUICE_CORE_OUTPUT_PATH_H

#include <stdbool.h>

/* The path with every "{shard}" replaced by the shard number, zero-padded
 * to the width of the highest shard number so that names sort. NULL when
 * out of memory. */
char *sl_output_expand_shard(const char *path, unsigned shard, unsigned shards);

/* The descriptor a name of an already open standard stream stands for:
 * STDOUT_FILENO for "-", "/dev/stdout", "/dev/fd/1" and
 * "/proc/self/fd/1", STDERR_FILENO for the names of standard error; -1
 * for any other path. */
int sl_output_std_stream(const char *path);

/* True when path is written in place, never renamed over: a standard
 * stream name (above), or an existing character device, FIFO or socket
 * (stat follows links, so a link to /dev/null counts). */
bool sl_output_is_stream(const char *path);

/* Creates the folders leading to path (like mkdir -p on its dirname).
 * Returns 0, or -1 with errno set. */
int sl_output_make_parent_dirs(const char *path);

#endif
