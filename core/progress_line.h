/* core/progress_line.h - the progress line a run redraws on standard
 * error: documents and MB so far, documents and MB per second, and, when
 * the input's size is known, the share done and an ETA.
 *
 * The meter knows what the run started from, so that the rates and the
 * ETA are this run's own: a shard counts from the start of its range, not
 * from the start of the input; a resumed run counts its rates from what
 * the checkpoint already had, and its ETA from where it took over.
 */
#ifndef SLUICE_CORE_PROGRESS_LINE_H
#define SLUICE_CORE_PROGRESS_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_progress_meter {
    bool begun;
    double start;           /* when the run started counting */
    uint64_t docs0, bytes0; /* what a checkpoint already had */
    uint64_t from, to;      /* input positions this run reads; to 0: the
                               size is not known (standard input) */
    bool resumed;           /* the ETA waits for the first record */
    bool anchored;          /* pos0 and t0 are set */
    uint64_t pos0;          /* the ETA's rate is measured from here */
    double t0;
} sl_progress_meter;

/* Starts the meter at time now (seconds, any clock) with docs and bytes
 * already counted (restored from a checkpoint, else 0), for a run that
 * reads input positions [from, to) (to 0 when the size is not known);
 * resumed: the run skips what a checkpoint had before its first record. */
void sl_progress_begin(sl_progress_meter *m, double now, uint64_t docs,
                       uint64_t bytes, uint64_t from, uint64_t to,
                       bool resumed);

/* The line at time now, after docs documents of bytes bytes (as read,
 * uncompressed), the input read up to position:
 * "12,345 docs  210.5 MB  1,234 docs/s  17.3 MB/s  48%  ETA 0:01:23". */
void sl_progress_line(sl_progress_meter *m, char *buf, size_t size, double now,
                      uint64_t docs, uint64_t bytes, uint64_t position);

#endif
