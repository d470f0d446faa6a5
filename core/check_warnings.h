/* core/check_warnings.h - what `sluice check` warns about: a pipeline that
 * loads and starts but would likely not do what was meant. */
#ifndef SLUICE_CORE_CHECK_WARNINGS_H
#define SLUICE_CORE_CHECK_WARNINGS_H

#include <stddef.h>

#include "pipeline.h"

/* Called once per warning, with a sentence (no position, no newline). */
typedef void (*sl_check_warn_fn)(const char *warning, void *user);

/* Warns when HTML input (input.format or input.content_type "html", or an
 * input file named .html or .htm) meets a stage before the html stage or
 * no html stage at all, when no stage has an output path or a file it
 * writes set, and when a stage needs a plugin (sl_plugin.needs) that no
 * earlier stage uses. Returns the number of warnings. */
size_t sl_check_warnings(const sl_pipeline *pipeline, const char *const *inputs,
                         size_t n_inputs, sl_check_warn_fn warn, void *user);

#endif
