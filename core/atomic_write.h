/* core/atomic_write.h - committing files whole. sl_atomic_write replaces
 * a small file (the --stats file): the text goes to a temporary file next
 * to it, is synced, and is renamed over the path, so readers see the old
 * file or the new one, never a part; a path that is a device or a pipe
 * (/dev/stdout) is written through instead, and every step is checked.
 * sl_sync_parent_dir makes such a rename durable, for every file a run
 * commits (outputs and the quarantine too).
 */
#ifndef SLUICE_CORE_ATOMIC_WRITE_H
#define SLUICE_CORE_ATOMIC_WRITE_H

#include <stddef.h>

/* Writes len bytes of data as the whole of path. Returns 0, or -1 with
 * *message ("PATH: cannot write ...: REASON", malloc'd); no temporary file
 * is left behind. */
int sl_atomic_write(const char *path, const char *data, size_t len,
                    char **message);

/* Syncs the folder holding path, so that a rename into it survives a
 * crash. Failure is not reported: the renamed file is whole either way. */
void sl_sync_parent_dir(const char *path);

#endif
