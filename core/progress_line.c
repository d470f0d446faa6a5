/* core/progress_line.c - the progress line (see progress_line.h). */
#include "progress_line.h"

#include <stdio.h>

#include "report_svg.h" /* sl_format_count */

void sl_progress_begin(sl_progress_meter *m, double now, uint64_t docs,
                       uint64_t bytes, uint64_t from, uint64_t to, bool resumed)
{
    *m = (sl_progress_meter){.begun = true,
                             .start = now,
                             .docs0 = docs,
                             .bytes0 = bytes,
                             .from = from,
                             .to = to > from ? to : 0,
                             .resumed = resumed,
                             .anchored = !resumed,
                             .pos0 = from,
                             .t0 = now};
}

static uint64_t since(uint64_t now, uint64_t then)
{
    return now > then ? now - then : 0;
}

void sl_progress_line(sl_progress_meter *m, char *buf, size_t size, double now,
                      uint64_t docs, uint64_t bytes, uint64_t position)
{
    if (!m->begun)
        sl_progress_begin(m, now, 0, 0, 0, 0, false);
    double elapsed = now - m->start > 1e-3 ? now - m->start : 1e-3;
    char count[40], rate[40];
    sl_format_count(count, sizeof count, docs);
    sl_format_count(rate, sizeof rate,
                    (uint64_t)((double)since(docs, m->docs0) / elapsed));
    int n = snprintf(buf, size, "%s docs  %.1f MB  %s docs/s  %.1f MB/s", count,
                     (double)bytes / 1e6, rate,
                     (double)since(bytes, m->bytes0) / 1e6 / elapsed);
    if (n < 0 || (size_t)n >= size || m->to == 0)
        return;
    uint64_t span = m->to - m->from;
    uint64_t done = since(position, m->from);
    if (done > span) /* a shard ends with the record that crosses its end */
        done = span;
    int more = snprintf(buf + n, size - (size_t)n, "  %.0f%%",
                        100.0 * (double)done / (double)span);
    if (more < 0 || (size_t)more >= size - (size_t)n)
        return;
    n += more;
    if (!m->anchored) { /* resumed: the first record of this run */
        m->anchored = true;
        m->pos0 = position;
        m->t0 = now;
        return;
    }
    uint64_t moved = since(position, m->pos0);
    if (moved == 0)
        return;
    double left = (now - m->t0) * (double)(span - done) / (double)moved;
    unsigned long s = (unsigned long)left;
    snprintf(buf + n, size - (size_t)n, "  ETA %lu:%02lu:%02lu", s / 3600,
             s / 60 % 60, s % 60);
}
