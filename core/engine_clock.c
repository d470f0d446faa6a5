/* core/engine_clock.c - the clocks a run times its stages with (see
 * engine_clock.h).
 */
#include "engine_clock.h"

#include <time.h>

/* The length of a window of sl_cpu_share, in seconds. */
#define CPU_WINDOW 0.01

double sl_thread_cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sl_cpu_share_start(sl_cpu_share *c)
{
    c->cpu = sl_thread_cpu_seconds();
    c->wall = sl_monotonic_seconds();
}

double sl_cpu_share_now(sl_cpu_share *c)
{
    return sl_cpu_share_at(c, sl_monotonic_seconds());
}

double sl_cpu_share_at(sl_cpu_share *c, double wall)
{
    if (wall - c->wall < CPU_WINDOW)
        return c->share;
    double cpu = sl_thread_cpu_seconds();
    double share = (cpu - c->cpu) / (wall - c->wall);
    c->share = share < 1.0 ? share : 1.0;
    c->cpu = cpu;
    c->wall = wall;
    return c->share;
}
