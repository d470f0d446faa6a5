/* core/read_error.h - sl_read_error: why a record could not be read, and
 * where. The readers fill it (through input_error.h), the engine reports
 * it and sends the record to the quarantine. It sits below the reader and
 * every input file, so they all share it without depending on each other.
 */
#ifndef SLUICE_CORE_READ_ERROR_H
#define SLUICE_CORE_READ_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

/* Why a record could not be read. Strings are malloc'd; clear with
 * sl_read_error_clear. */
typedef struct sl_read_error {
    char *message;      /* "FILE:LINE: invalid UTF-8 at byte offset N" */
    char *source;       /* the file, "-" for standard input */
    uint64_t line;      /* 1-based line (JSONL) or 0 */
    uint64_t offset;    /* byte offset in the (decompressed) file */
    const char *reader; /* "text", "jsonl", "html", "gzip", "zstd", "fs" */
    char *record;       /* the record as far as it could be read, or NULL */
    size_t record_len;
    bool record_cut;          /* only the record's start was kept (it was over
                                 max_doc_bytes and never read whole) */
    uint64_t record_full_len; /* then its whole length, 0 when unknown */
    char record_sha256[SL_SHA256_HEX_SIZE]; /* then the SHA-256 of the whole
                                               record, hashed while it was
                                               skipped; "" when unknown */
} sl_read_error;

/* Frees err's strings and zeroes it; err may be NULL. Defined in
 * input_error.c, the one owner of filling an error. */
void sl_read_error_clear(sl_read_error *err);

#endif
