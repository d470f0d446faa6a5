/* core/pipeline.h - the pipeline file: reading it, applying --set
 * overrides, checking it against the plugins' option tables, and the
 * loaded pipeline (modules, bound state, init/fini).
 *
 * Every error names the place: "FILE:LINE:COLUMN: stage 'NAME': ..." for
 * the file, "--set KEY=VALUE: ..." for an override.
 */
#ifndef SLUICE_CORE_PIPELINE_H
#define SLUICE_CORE_PIPELINE_H

#include <jansson.h>

#include "loader.h"
#include "reader.h"

typedef enum sl_on_error {
    SL_ON_ERROR_QUARANTINE = 0, /* record the document and go on */
    SL_ON_ERROR_SKIP,           /* count it and go on */
    SL_ON_ERROR_ABORT           /* stop the run at the first failure */
} sl_on_error;

/* The built-in pipeline, as JSON text (core/default_pipeline.c). */
extern const char sl_default_pipeline_json[];
/* The crawl pipeline: WARC in, html, lang, normalize, boilerplate,
 * quality, sections, figures, JSONL out (`sluice default --crawl`). */
extern const char sl_crawl_pipeline_json[];

/* A parsed pipeline file; strings point into root. */
typedef struct sl_pipeline_file {
    char *path; /* as given, or "<built-in>" */
    char *text; /* the source, for positions */
    size_t len;
    json_t *root;
    json_t *set_by; /* what --set gave each value: "stages/1/with/KEY",
                       "input/KEY" or "on_error" -> "KEY=VALUE" */
} sl_pipeline_file;

/* Parses JSON text (copied). NULL with *message (malloc'd) on a syntax
 * error: "FILE:LINE:COLUMN: ...". */
sl_pipeline_file *sl_pipeline_file_parse(const char *path, const char *text,
                                         size_t len, char **message);

/* Reads and parses a file. */
sl_pipeline_file *sl_pipeline_file_load(const char *path, char **message);

/* Applies one "--set KEY=VALUE": KEY is input.FIELD, on_error, or
 * STAGE.OPTION (STAGE is a stage's "name" or its "use"; every stage that
 * matches is set). VALUE is read as JSON when it parses as JSON, else as a
 * string. Returns 0 or -1 with *message. */
int sl_pipeline_file_set(sl_pipeline_file *file, const char *assignment,
                         char **message);

/* Sets option `path` of every export stage whose path is "-" or unset to
 * output (for -o). Returns how many stages took it. */
int sl_pipeline_file_set_output(sl_pipeline_file *file, const char *output);

void sl_pipeline_file_free(sl_pipeline_file *file);

/* One loaded stage. */
typedef struct sl_stage {
    char *name; /* the stage's name in messages and stats */
    sl_module *module;
    const sl_plugin *plugin;
    void *state;     /* state_size bytes, options bound */
    int initialised; /* init was called (so fini must be) */
} sl_stage;

/* A checked, loaded pipeline. */
typedef struct sl_pipeline {
    sl_input_config input; /* strings owned by the pipeline */
    sl_on_error on_error;
    sl_stage *stages;
    size_t n_stages;
} sl_pipeline;

/* Checks the file's structure, loads every plugin and binds its options
 * (init is not called). NULL with *message on the first error. */
sl_pipeline *sl_pipeline_load(const sl_pipeline_file *file, char **message);

void sl_pipeline_free(sl_pipeline *pipeline);

#endif
