/* core/engine_quarantine.h - the quarantine file: one JSON line per
 * record that could not be read or made a stage fail (and, in the same
 * format, the --rejects file: one line per dropped document), written in input
 * order by the ordered thread to a temporary file that is renamed into
 * place at the end of the run, cut back to its checkpointed size on
 * --resume. A write that fails gives the file up and must stop the run.
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
    const char *id; /* or NULL */
    const char *who_key;
    const char *who;
    const char *reason;
    const char *record; /* the record as far as it was read, or NULL */
    size_t record_len;
    bool record_cut;           /* only the record's start is kept */
    uint64_t record_full_len;  /* then its whole length, 0 when unknown */
    const char *record_sha256; /* then its SHA-256 in hexadecimal, or NULL
                                  or "" when unknown */
    const json_t *meta;        /* or NULL */
    const json_t *detail;      /* rejects: the stage's detail, or NULL */
} sl_quarantine_entry;

/* Opens the temporary file for path; with keep_bytes != UINT64_MAX the
 * interrupted run's file (temporary, or committed and renamed back) is
 * kept and cut to that size (resume). NULL with *message (malloc'd). */
sl_quarantine *sl_quarantine_open(const char *path, uint64_t keep_bytes,
                                  char **message);

/* The same for a file of the same format that messages call `what`
 * ("rejects file"). */
sl_quarantine *sl_quarantine_open_as(const char *path, const char *what,
                                     uint64_t keep_bytes, char **message);

/* Appends one line, whole. Returns 0, or -1 when the file is given up
 * (sl_quarantine_failure says why; the run must stop). */
int sl_quarantine_write(sl_quarantine *q, const sl_quarantine_entry *e);

/* Syncs; *size is the file's size. Returns 0 or -1 (as above). */
int sl_quarantine_sync(sl_quarantine *q, uint64_t *size);

/* The path given to open. */
const char *sl_quarantine_path(const sl_quarantine *q);

/* Why the file was given up ("PATH: cannot write ...: REASON"), or NULL. */
const char *sl_quarantine_failure(const sl_quarantine *q);

/* Syncs, closes and renames the file into place, then frees q. When the
 * file was given up or cannot be finished, removes it instead and
 * returns -1 with *message (malloc'd). */
int sl_quarantine_commit(sl_quarantine *q, char **message);

/* Frees q, leaving the temporary file for --resume. */
void sl_quarantine_close(sl_quarantine *q);

/* "DIR/.NAME.part" for DIR/NAME (malloc'd), or NULL. */
char *sl_quarantine_temp_name(const char *path);

#endif
