/* sluice/output.h - output files for exporters: compressed by extension,
 * written atomically.
 *
 * sl_output_open("out/part-{shard}.jsonl.zst", ...) creates a temporary file
 * next to the final path, compresses what is written to it with zstd (.zst)
 * or gzip (.gz) when the final name ends so, and sl_output_commit renames it
 * to the final name only when everything was written. A run that stops
 * early never leaves a truncated file under the final name. The path "-"
 * means standard output (written through, not renamed).
 *
 * Ownership: the caller owns the sl_output and ends it with exactly one of
 * sl_output_commit or sl_output_abort.
 */
#ifndef SLUICE_OUTPUT_H
#define SLUICE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include <sluice/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sl_output sl_output;

/* Opens an output. `{shard}` in path is replaced by the run's shard number
 * (from ctx; 0 when not sharded). Refuses (returns NULL after sl_fail) when
 * the final file exists and neither --force nor `overwrite` allows
 * replacing it, or when it cannot be created. */
sl_output *sl_output_open(sl_ctx *ctx, const char *path, bool overwrite);

/* Writes len bytes. Returns 0, or -1 after sl_fail (disk full...). After
 * a write error the output is given up: later writes fail too, it is
 * never committed, and the run stops. Call it from an ordered stage's
 * process or process_prepared (one thread, input order): standard output
 * and other streams keep whole documents between writes, 64 KB at a
 * time, and count a document written once the stage is done with it. */
int sl_output_write(sl_ctx *ctx, sl_output *out, const void *data, size_t len);

/* The final path (after {shard} was replaced), for messages. */
const char *sl_output_path(const sl_output *out);

/* Bytes handed to sl_output_write so far (before compression). */
unsigned long long sl_output_bytes(const sl_output *out);

/* Flushes, finishes compression, closes and renames into place. Frees out.
 * Returns 0, or -1 after sl_fail; either way out is gone. */
int sl_output_commit(sl_ctx *ctx, sl_output *out);

/* Closes and deletes the temporary file (keeps it when the run was
 * interrupted and a checkpoint names it, for --resume). Frees out. */
void sl_output_abort(sl_output *out);

/* True when sl_output_abort would keep the temporary file for --resume:
 * an exporter then keeps the side files its checkpoint names too. */
bool sl_output_kept_for_resume(const sl_output *out);

#ifdef __cplusplus
}
#endif
#endif
