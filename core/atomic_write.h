/* core/atomic_write.h - replacing a small file whole (the --stats file):
 * the text goes to a temporary file next to it, is synced, and is renamed
 * over the path, so readers see the old file or the new one, never a
 * part. A path that is a device or a pipe (/dev/stdout) is written
 * through instead. Every step is checked.
 */
#ifndef SLUICE_CORE_ATOMIC_WRITE_H
#define SLUICE_CORE_ATOMIC_WRITE_H

#include <stddef.h>

/* Writes len bytes of data as the whole of path. Returns 0, or -1 with
 * *message ("PATH: cannot write ...: REASON", malloc'd); no temporary file
 * is left behind. */
int sl_atomic_write(const char *path, const char *data, size_t len,
                    char **message);

#endif
