/* core/run_plan.h - the run's file plan: every file a run will read (the
 * inputs, the files found by walking input folders, the pipeline file,
 * files stages read such as a boilerplate model) and every file it will
 * write (stage outputs after {shard} is replaced, --stats, --quarantine,
 * the checkpoint, files stages write such as a learned model). Stages name
 * their files through option flags (SL_OPT_OUTPUT_PATH, SL_OPT_WRITES_FILE,
 * SL_OPT_READS_FILE).
 *
 * Before anything is opened, the plan refuses a run that would write a
 * file it reads, or write one file twice: files are compared by device and
 * inode where they exist, by normalised path where they do not (see
 * path_identity.h). Streams written in place (standard output, devices,
 * FIFOs) are compared only when they lead to a regular file. Then it locks
 * every file to be written (run_lock.h), so a second run writing one of
 * them is refused at once.
 */
#ifndef SLUICE_CORE_RUN_PLAN_H
#define SLUICE_CORE_RUN_PLAN_H

#include <stddef.h>

#include "engine.h"

typedef struct sl_run_plan sl_run_plan;

/* Lists the files of a run of pipeline over inputs with options, checks
 * them and takes the locks. Returns the plan (hold it for the whole run),
 * or NULL with *message (malloc'd) naming the files and why. */
sl_run_plan *sl_run_plan_open(const sl_pipeline *pipeline,
                              const char *const *inputs, size_t n,
                              const sl_run_options *options, char **message);

/* Releases the locks and frees the plan. NULL is ignored. */
void sl_run_plan_close(sl_run_plan *plan);

#endif
