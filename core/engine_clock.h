/* core/engine_clock.h - the clocks a run times its stages with: monotonic
 * seconds per stage, turned into CPU seconds by the thread's share of CPU
 * time, measured over short windows (sl_cpu_share).
 */
#ifndef SLUICE_CORE_ENGINE_CLOCK_H
#define SLUICE_CORE_ENGINE_CLOCK_H

#include <time.h>

/* Seconds of the monotonic clock (read between every two stages: inline,
 * and no system call, vDSO). */
static inline double sl_monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds used by the calling thread: stage times in the stats are
 * these (a stage's monotonic seconds times the thread's share of CPU
 * time: see sl_cpu_share), so they mean the same on an idle and on a busy
 * machine. */
double sl_thread_cpu_seconds(void);

/* The share of its monotonic time a thread spends on a CPU, measured
 * over windows of a hundredth of a second in which it does not wait: a
 * stage's monotonic seconds times the share are its CPU seconds. Reading
 * the thread's CPU clock is a system call (posix_cpu_clock_get), the
 * monotonic clock is not (vDSO): two CPU readings per window instead of
 * two per record. */
typedef struct sl_cpu_share {
    double cpu, wall; /* the clocks at the window's start */
    double share;     /* over the last window; 1 before the first */
} sl_cpu_share;

/* Starts a window now (after a wait: a window holds no wait). */
void sl_cpu_share_start(sl_cpu_share *c);

/* The share, measured again when the window is over. */
double sl_cpu_share_now(sl_cpu_share *c);

/* The same, with the monotonic clock's reading `now` that the caller has
 * just taken (one clock reading fewer). */
double sl_cpu_share_at(sl_cpu_share *c, double now);

#endif
