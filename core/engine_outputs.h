/* core/engine_outputs.h - the engine's view of the open output files: a
 * registry that core/output.c fills as exporters open and close outputs,
 * so the engine can checkpoint them (end a compressed frame, sync, note
 * the size) and, on --resume, hand an output its old temporary file back
 * truncated to the checkpointed size.
 *
 * One run at a time per process: sl_outputs_begin_run resets everything.
 */
#ifndef SLUICE_CORE_ENGINE_OUTPUTS_H
#define SLUICE_CORE_ENGINE_OUTPUTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include <sluice/output.h>

/* --- implemented in core/output.c --- */

/* Ends the current gzip member or zstd frame, writes everything buffered
 * and syncs the file, so the file may be cut at *file_size later. Returns
 * 0, or -1 with *message (malloc'd). */
int sl_output_checkpoint(sl_output *out, uint64_t *file_size, char **message);

/* The temporary file, or NULL for standard output. */
const char *sl_output_temp_path(const sl_output *out);

/* While discarding, writes are dropped (a resumed exporter rewriting a
 * header that the file already holds). */
void sl_output_set_discard(sl_output *out, bool discard);

/* Stops discarding on every open output. */
void sl_outputs_go_live(void);

/* Writes out what uncompressed outputs written in place (standard output,
 * a pipe, a device: the streams) hold in their buffers. The retiring
 * thread calls it before it may wait (for input, or for a record to
 * retire), and after each record in a worker process of --isolate, whose
 * supervisor counts a retired record as written. A write that fails
 * gives the output up (sl_outputs_failed). Only the thread holding the
 * retiring turn writes the streams' buffers. */
void sl_outputs_flush_streams(void);

/* After each retired record, on the retiring thread: a stream writes its
 * buffer once STREAM_FLUSH_BYTES (64 KB) of finished records wait, and
 * otherwise offers them to sl_outputs_write_finished. One system call per
 * 64 KB instead of one per record. */
void sl_outputs_record_done(void);

/* True when a stream holds finished records not written yet (the
 * retiring thread asks, before it waits). */
bool sl_outputs_streams_hold_records(void);

/* Async-signal-safe, for the crash report's handler on any thread: writes
 * the streams' finished records that are not written yet, so that a crash
 * loses no finished document on standard output. Only bytes that end a
 * retired record are written, never part of one. */
void sl_outputs_write_finished(void);

/* --- implemented in core/engine_outputs.c --- */

/* Forgets the previous run. With resume, outputs opened from now on look
 * for their entry in the checkpoint (checkpoint_path, or the default name
 * next to the first output opened). */
void sl_outputs_begin_run(bool resume, const char *checkpoint_path);

/* Called by sl_output_open, and by commit and abort with the bytes the
 * output took (counted in sl_outputs_closed_bytes). The registry never
 * calls output.c back: it is the layer below it. */
void sl_outputs_register(sl_output *out);

void sl_outputs_unregister(sl_output *out, uint64_t bytes_written);

/* Whether sl_output_abort must keep the temporary file (a checkpoint
 * refers to it: the run was interrupted and can be resumed). */
bool sl_outputs_keep_temps(void);
void sl_outputs_set_keep_temps(bool keep);

/* For an output about to be created at final_path: when resuming and the
 * checkpoint names it, sets *temp (owned by the registry), *size and
 * *bytes and returns 1; 0 when there is nothing to resume; -1 when the
 * checkpoint cannot be read (message in sl_outputs_resume_error). */
int sl_outputs_resume_entry(const char *final_path, const char **temp,
                            uint64_t *size, uint64_t *bytes);
const char *sl_outputs_resume_error(void);

/* The checkpoint loaded for this run (NULL when none) and its path. */
const json_t *sl_outputs_checkpoint(void);
const char *sl_outputs_checkpoint_path(void);

/* Loads the checkpoint from path when none was loaded yet (a pipeline
 * with no output file). Returns 0 (also when there is none) or -1. */
int sl_outputs_load_checkpoint(const char *path);

/* The open outputs, in the order they were opened. */
size_t sl_outputs_count(void);
sl_output *sl_outputs_get(size_t i);

/* Bytes written to outputs that were closed during this run. */
uint64_t sl_outputs_closed_bytes(void);

/* An output was given up after a write error (output.c calls this once
 * per output): the run must stop, and the output is never committed.
 * sl_outputs_failure returns the first such message (malloc'd) or NULL. */
void sl_outputs_note_failure(const char *message);
bool sl_outputs_failed(void);
char *sl_outputs_failure(void);

/* "DIR/.NAME.checkpoint" for the output file DIR/NAME (malloc'd). */
char *sl_outputs_default_checkpoint(const char *final_path);

/* Frees what the registry holds. */
void sl_outputs_end_run(void);

#endif
