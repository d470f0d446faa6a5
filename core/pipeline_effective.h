/* core/pipeline_effective.h - the effective pipeline: what a run will do,
 * as JSON, after defaults, the pipeline file, --set and -o: the input
 * settings, on_error, and for each stage its name, its plugin and the
 * value of every option. A checkpoint keeps it with a digest, so --resume
 * can refuse a pipeline that differs and say where.
 */
#ifndef SLUICE_CORE_PIPELINE_EFFECTIVE_H
#define SLUICE_CORE_PIPELINE_EFFECTIVE_H

#include <jansson.h>

#include "pipeline.h"

/* {"input": {...}, "on_error": "...", "stages": [{"name", "use",
 * "options": {NAME: VALUE}}]}, or NULL when out of memory. */
json_t *sl_pipeline_effective(const sl_pipeline *pipeline);

/* A digest of an effective pipeline: 16 hex digits (FNV-1a, 64 bits, over
 * its compact JSON with sorted keys), malloc'd, or NULL. */
char *sl_pipeline_digest(const json_t *effective);

/* Where now differs from then, in words: "stage 'export' option
 * 'format' was \"jsonl\", is \"text\"" (malloc'd); NULL when they are
 * equal. */
char *sl_pipeline_difference(const json_t *then, const json_t *now);

#endif
