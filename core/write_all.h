/* core/write_all.h - writing a whole buffer to a file descriptor, the one
 * way outputs, the quarantine and the stats file reach the disk: a short
 * write continues at the exact byte where it stopped, EINTR is retried,
 * and a full disk (ENOSPC, EDQUOT) is waited out for a set time, so a disk
 * that fills and then frees loses nothing. Any other error, or a disk
 * still full when the time is up, is returned to the caller, which must
 * then give up the file (never write after the hole).
 */
#ifndef SLUICE_CORE_WRITE_ALL_H
#define SLUICE_CORE_WRITE_ALL_H

#include <stddef.h>

/* Writes len bytes of data to fd. Returns 0, or -1 with errno set (the
 * bytes before the failure may have been written). */
int sl_write_all(int fd, const void *data, size_t len);

/* How long a write waits in all for a full disk to free up before it
 * fails with ENOSPC; 0 fails at once. The default is
 * SL_DISK_FULL_WAIT_DEFAULT seconds. A pending SIGINT or SIGTERM ends the
 * wait. Process-wide. */
void sl_write_set_disk_full_wait(double seconds);
double sl_write_disk_full_wait(void);

#define SL_DISK_FULL_WAIT_DEFAULT 60.0

#endif
