/* core/write_all.c - writes a whole buffer, resuming after short writes
 * and waiting out a full disk (see write_all.h).
 */
#include "write_all.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "engine_signals.h"

/* The first pause after ENOSPC, and the longest one. */
#define FIRST_PAUSE_SECONDS 0.05
#define LONGEST_PAUSE_SECONDS 2.0

/* Milliseconds, so the setting is one atomic word. */
static atomic_llong disk_full_wait_ms =
    (long long)(SL_DISK_FULL_WAIT_DEFAULT * 1000);

void sl_write_set_disk_full_wait(double seconds)
{
    atomic_store(&disk_full_wait_ms,
                 seconds > 0 ? (long long)(seconds * 1000) : 0);
}

double sl_write_disk_full_wait(void)
{
    return (double)atomic_load(&disk_full_wait_ms) / 1000;
}

static void pause_for(double seconds)
{
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL); /* a signal ends the pause early: fine */
}

/* After ENOSPC or EDQUOT: pauses and returns true while the wait allows
 * another attempt; *waited adds up the pauses. */
static bool wait_for_space(double *waited, double *pause)
{
    double budget = sl_write_disk_full_wait();
    if (*waited >= budget || sl_signals_pending())
        return false;
    double now = *pause;
    if (now > budget - *waited)
        now = budget - *waited;
    pause_for(now);
    *waited += now;
    *pause =
        *pause * 2 > LONGEST_PAUSE_SECONDS ? LONGEST_PAUSE_SECONDS : *pause * 2;
    return !sl_signals_pending();
}

int sl_write_all(int fd, const void *data, size_t len)
{
    const unsigned char *at = data;
    double waited = 0, pause = FIRST_PAUSE_SECONDS;
    while (len > 0) {
        ssize_t n = write(fd, at, len);
        if (n > 0) {
            at += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        int why = n == 0 ? ENOSPC : errno;
        if ((why == ENOSPC || why == EDQUOT) && wait_for_space(&waited, &pause))
            continue;
        errno = why;
        return -1;
    }
    return 0;
}
