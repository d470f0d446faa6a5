/* core/engine_quarantine.h - the quarantine file: one JSON line per
 * record that could not be read or made a stage fail, written in input
 * order by the ordered thread, cut back to its checkpointed size on
 * --resume.
 */
#ifndef SLUICE_CORE_ENGINE_QUARANTINE_H
#define SLUICE_CORE_ENGINE_QUARANTINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sl_quarantine sl_quarantine;

/* What one quarantine line says. who_key is "reader" or "stage". */
typedef struct sl_quarantine_entry {
    const char *source;
    uint64_t line, offset, record_no;
    const char *id;       /* or NULL */
    const char *who_key;
    const char *who;
    const char *reason;
    const char *record;   /* the record as far as it was read, or NULL */
    size_t record_len;
    const json_t *meta;   /* or NULL */
} sl_quarantine_entry;

/* Opens path for writing; with keep_bytes != UINT64_MAX the file is kept
 * and cut to that size (resume). NULL with *message (malloc'd). */
sl_quarantine *sl_quarantine_open(const char *path, uint64_t keep_bytes,
                                  char **message);

/* Appends one line. Returns 0 or -1 (disk full: the caller reports). */
int sl_quarantine_write(sl_quarantine *q, const sl_quarantine_entry *e);

/* Flushes and syncs; *size is the file's size. Returns 0 or -1. */
int sl_quarantine_sync(sl_quarantine *q, uint64_t *size);

/* The path given to open. */
const char *sl_quarantine_path(const sl_quarantine *q);

void sl_quarantine_close(sl_quarantine *q);

#endif
