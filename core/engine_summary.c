/* core/engine_summary.c - what a run leaves for --stats and --report at
 * its end: the stages' statistics and counters, the run's totals, the
 * reader's counts, the reading and ordered threads' seconds, and what the
 * run was (version, start, inputs, effective pipeline, census).
 */
#include "engine_summary.h"

#ifdef HAVE_CONFIG_H
#include "config.h" /* PACKAGE_VERSION, for the stats */
#endif
#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "unknown"
#endif

#include <time.h>

#include "engine_stats.h"
#include "pipeline_effective.h"
#include "report_html.h"

/* What the run was: the version, when it started, its inputs and the
 * effective pipeline; added to the stats for the report. */
static void describe_run(const engine *e, json_t *root)
{
    char started[32] = "";
    time_t t = e->started;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *inputs = json_array();
    for (size_t i = 0; inputs && i < e->n_inputs; i++)
        json_array_append_new(inputs, json_string(e->inputs[i]));
    json_object_set_new(root, "sluice_version", json_string(PACKAGE_VERSION));
    json_object_set_new(root, "started", json_string(started));
    json_object_set_new(root, "inputs", inputs ? inputs : json_null());
    if (e->o->pipeline_path)
        json_object_set_new(root, "pipeline_file",
                            json_string(e->o->pipeline_path));
    json_t *effective = sl_pipeline_effective(e->p);
    json_object_set_new(root, "pipeline", effective ? effective : json_null());
    if (e->census) {
        json_t *census = sl_census_json(e->census);
        json_object_set_new(root, "census", census ? census : json_null());
    }
}

/* Writes the --stats file and the --report page; a failure fails the
 * run. */
void sl_engine_write_stats(engine *e)
{
    if (!e->o->stats_path && !e->o->report_path)
        return;
    json_t *stages = json_array();
    for (size_t i = 0; stages && i < e->p->n_stages; i++)
        json_array_append_new(
            stages,
            sl_stats_stage_json(e->p->stages[i].name, &e->stats[i], e->ctx[i],
                                json_array_get(e->earlier_stages, i)));
    bool complete = !e->fatal && !e->result.interrupted;
    json_t *root = stages ? sl_stats_json(&e->result, e->reader_failures,
                                          stages, &e->o->info, complete)
                          : NULL;
    if (root && e->input_stats)
        json_object_set(root, "input", e->input_stats);
    /* what cannot spread over more threads: reading and parsing input
     * (the ordered stages' share is their own seconds) */
    if (root)
        json_object_set_new(root, "reader_seconds",
                            json_real(e->reader_seconds));
    /* and what the ordered thread spent taking records in order: the
     * ordered stages' work less what their prepare steps did on the
     * workers, and the engine's accounting */
    if (root)
        json_object_set_new(root, "ordered_seconds",
                            json_real(e->ordered_seconds));
    json_decref(stages);
    if (!root) {
        sl_engine_set_fatal(e, NULL);
        return;
    }
    describe_run(e, root);
    char *message = NULL;
    if (e->o->stats_path &&
        sl_stats_write(e->o->stats_path, root, &message) != 0)
        sl_engine_set_fatal(e, message);
    else if (e->o->report_path &&
             sl_report_write(e->o->report_path, root, &message) != 0)
        sl_engine_set_fatal(e, message);
    json_decref(root);
}
