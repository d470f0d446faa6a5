/* core/engine_checkpoint.h - checkpoint files: after record N, everything
 * the outputs, the quarantine and the statistics hold for records 0..N-1
 * is on disk, and the checkpoint (written to a temporary name, synced,
 * renamed) says where each of them ends. --resume reads it back.
 *
 * The file is JSON: {"sluice_checkpoint":1, "records":N,
 * "shard":{"index","count"}, "input_bytes":T, "outputs":[{"path","temp",
 * "size","bytes"}], "quarantine":{"path","size"}, "rejects":{"path",
 * "size"}, "result":{...},
 * "reader_failures":R, "stages":[{stage stats..., "state":{...}}],
 * "pipeline_digest":D, "pipeline":{the effective pipeline}} (see
 * pipeline_effective.h).
 */
#ifndef SLUICE_CORE_ENGINE_CHECKPOINT_H
#define SLUICE_CORE_ENGINE_CHECKPOINT_H

#include <jansson.h>
#include <stdint.h>

#include "engine.h"
#include "run_census.h"
#include "engine_quarantine.h"
#include "engine_stats.h"

/* What a checkpoint records, gathered by the engine. */
typedef struct sl_checkpoint_facts {
    uint64_t records;     /* records fully done */
    uint64_t input_bytes; /* sl_reader_bytes_total, for a sanity check */
    const sl_run_info *info;
    sl_pipeline *pipeline;
    sl_ctx *const *ctx; /* one per stage: the accumulated counters */
    const sl_stage_stats *stats;
    const json_t *earlier; /* the stages array of the resumed checkpoint */
    const sl_run_result *result;
    uint64_t reader_failures;
    sl_quarantine *quarantine; /* or NULL */
    sl_quarantine *rejects;    /* or NULL */
    const sl_census *census;   /* saved as "census", or NULL */
} sl_checkpoint_facts;

/* Lets ordered stages save their state, ends a frame in every output,
 * syncs outputs and quarantine, and writes the checkpoint atomically.
 * Returns 0, or -1 with *message (malloc'd); a stage that refuses to be
 * checkpointed sets *refused to its index. */
int sl_checkpoint_write(const char *path, const sl_checkpoint_facts *facts,
                        size_t *refused, char **message);

/* Checks that a loaded checkpoint belongs to this run (same shard, same
 * input size, same stages, same effective pipeline: options included).
 * Returns 0 or -1 with *message naming what differs. */
int sl_checkpoint_check(const json_t *ckpt, const sl_run_info *info,
                        uint64_t input_bytes, const sl_pipeline *pipeline,
                        char **message);

/* Gives ordered stages their saved state back. Returns 0 or -1 with
 * *message. */
int sl_checkpoint_restore_stages(const json_t *ckpt, sl_pipeline *pipeline,
                                 sl_ctx *const *ctx, char **message);

/* A run without --resume found an old checkpoint at path: removes it and
 * the temporary files it names (except those of outputs open now).
 * Returns how many files were removed, -1 when there was none. Anything
 * at path that is not recognisably a sluice checkpoint (another file, a
 * folder, a link) is left alone: -1 with *refused (malloc'd) saying so. */
int sl_checkpoint_discard(const char *path, char **refused);

/* The quarantine size saved, or UINT64_MAX when there is none. */
uint64_t sl_checkpoint_quarantine_size(const json_t *ckpt);

/* The same for the rejects file. */
uint64_t sl_checkpoint_rejects_size(const json_t *ckpt);

#endif
