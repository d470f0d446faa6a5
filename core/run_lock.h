/* core/run_lock.h - advisory locks that keep two runs from writing the
 * same file. The lock for DIR/NAME is the file DIR/.NAME.lock, locked
 * with flock and holding the pid of the process that took it, so a run
 * that finds it taken can say who holds it. The lock is released (the
 * lock file removed, then closed) when the run ends; a run killed with
 * -9 leaves the file but not the lock, and the next run takes it over.
 * A lock is inherited by children forked after it was taken (--isolate).
 */
#ifndef SLUICE_CORE_RUN_LOCK_H
#define SLUICE_CORE_RUN_LOCK_H

typedef struct sl_run_lock sl_run_lock;

/* Takes the lock for the file at path (creating the folders leading to
 * it). Returns the lock, or NULL with *message (malloc'd): taken by
 * another process (named by its pid), or the lock file cannot be made. */
sl_run_lock *sl_run_lock_take(const char *path, char **message);

/* The lock file's path. */
const char *sl_run_lock_path(const sl_run_lock *lock);

/* Removes the lock file and releases the lock. NULL is ignored. */
void sl_run_lock_release(sl_run_lock *lock);

#endif
