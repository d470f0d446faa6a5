/* core/path_identity.h - whether two paths name one file. A file that
 * exists is known by its device and inode (so a hard link, a symlink and
 * "./x" all match "x"); one that does not exist yet by its normalised
 * absolute path: the longest existing folder above it resolved with
 * realpath, the rest with "." and ".." folded and repeated slashes
 * dropped.
 */
#ifndef SLUICE_CORE_PATH_IDENTITY_H
#define SLUICE_CORE_PATH_IDENTITY_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct sl_path_identity {
    bool exists; /* stat succeeded: dev and ino are set */
    bool is_dir;
    dev_t dev;
    ino_t ino;
    char *normal; /* the normalised absolute path (malloc'd) */
} sl_path_identity;

/* Fills id for path. Returns 0, or -1 when out of memory or the current
 * folder cannot be found. */
int sl_path_identity_of(const char *path, sl_path_identity *id);

/* The identity of an open descriptor (a standard stream); normal is
 * NULL. Returns 0 or -1 when fstat fails. */
int sl_path_identity_of_fd(int fd, sl_path_identity *id);

void sl_path_identity_clear(sl_path_identity *id);

/* True when a and b are the same file. */
bool sl_path_identity_same(const sl_path_identity *a,
                           const sl_path_identity *b);

/* True when inner lies somewhere below the folder outer. */
bool sl_path_identity_inside(const sl_path_identity *inner,
                             const sl_path_identity *outer);

#endif
