/* core/input_error.h - filling an sl_read_error: the one place that builds
 * the reader's messages, so every failure names the file, the line and the
 * byte offset the same way.
 */
#ifndef SLUICE_CORE_INPUT_ERROR_H
#define SLUICE_CORE_INPUT_ERROR_H

#include <stddef.h>
#include <stdint.h>

#include "read_error.h"

/* Replaces whatever err held with a new error. `reader` is a static string
 * ("text", "jsonl", "html", "gzip", "zstd", "fs"); source is copied; line
 * 0 means no line. The message is built from fmt and is prefixed with
 * "SOURCE:" (and "LINE:" when line > 0). When memory runs out the message is
 * left NULL; the error kind still tells the caller what happened. */
void sl_input_error_set(sl_read_error *err, const char *reader,
                        const char *source, uint64_t line, uint64_t offset,
                        const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Like sl_input_error_set, with a 1-based column after the line in the
 * prefix ("SOURCE:LINE:COLUMN: ..."). */
void sl_input_error_set_column(sl_read_error *err, const char *reader,
                               const char *source, uint64_t line,
                               uint64_t column, uint64_t offset,
                               const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Attaches a copy of the len bytes of record to err, whole, for the
 * quarantine (a record in memory is at most max_doc_bytes long). */
void sl_input_error_set_record(sl_read_error *err, const char *record,
                               size_t len);

/* Attaches the first len bytes of a record of full_len bytes (0: not
 * known) that was never read whole (over max_doc_bytes): the quarantine
 * flags the cut and keeps the full length, and the SHA-256 of the whole
 * record when sha256 gives it (64 hexadecimal digits; NULL or "": not
 * known). */
void sl_input_error_set_cut_record(sl_read_error *err, const char *start,
                                   size_t len, uint64_t full_len,
                                   const char *sha256);

#endif
