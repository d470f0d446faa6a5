/* core/engine_resumable.c - keeping a run resumable: where its checkpoints
 * go (and refusing --resume or --isolate onto standard output), when one
 * is due and writing it, giving checkpoints up when a stage or an output
 * cannot be resumed, and taking an interrupted run back up with --resume.
 * The checkpoint file itself is engine_checkpoint.c's.
 */
#include "engine_resumable.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine_checkpoint.h"
#include "engine_clock.h"
#include "engine_outputs.h"
#include "engine_stats.h"
#include "messages.h"

enum { DEFAULT_CHECKPOINT_EVERY = 10000, ISOLATE_CHECKPOINT_EVERY = 1000 };

/* True when ordered stages have taken documents but no output holds a
 * byte: the data is kept elsewhere (an SQLite database built on the side)
 * and cutting the outputs back would not undo it. */
static bool outputs_lag_behind(const engine *e)
{
    uint64_t taken = 0;
    for (size_t i = e->n_unordered; i < e->p->n_stages; i++) {
        const sl_plugin *plugin = e->p->stages[i].plugin;
        if (plugin->abi_minor >= 1 && plugin->checkpoint)
            continue; /* it says for itself whether it can resume */
        taken +=
            e->stats[i].documents - e->stats[i].failed - e->stats[i].dropped;
    }
    if (taken == 0 || sl_outputs_count() == 0)
        return false;
    for (size_t i = 0; i < sl_outputs_count(); i++)
        if (sl_output_bytes(sl_outputs_get(i)) > 0)
            return false;
    return true;
}

static void stop_checkpoints(engine *e, const char *why)
{
    char *m = sl_text_printf("%s; the run goes on without checkpoints (it "
                             "cannot be resumed)",
                             why);
    sl_engine_report(e, SL_LOG_WARN, m ? m : why);
    free(m);
    unlink(e->checkpoint_path);
    free(e->checkpoint_path);
    e->checkpoint_path = NULL;
}

/* Writes a checkpoint after `records` records (the skipped ones
 * included), all retired: their ordered stages ran, their statistics are
 * merged. */
void sl_engine_write_checkpoint(engine *e, uint64_t records)
{
    if (outputs_lag_behind(e)) {
        stop_checkpoints(e, "the outputs are still empty after documents "
                            "were exported (a format that writes at the "
                            "end, such as sqlite)");
        return;
    }
    sl_checkpoint_facts facts = {.records = records,
                                 .input_bytes = e->input_bytes,
                                 .info = &e->o->info,
                                 .pipeline = e->p,
                                 .ctx = e->ctx,
                                 .stats = e->stats,
                                 .earlier = e->earlier_stages,
                                 .result = &e->result,
                                 .reader_failures = e->reader_failures,
                                 .quarantine = e->quarantine,
                                 .rejects = e->rejects,
                                 .census = e->census};
    char *message = NULL;
    size_t refused = SIZE_MAX;
    if (sl_checkpoint_write(e->checkpoint_path, &facts, &refused, &message) ==
        0) {
        e->last_checkpoint = sl_monotonic_seconds();
        return;
    }
    if (refused != SIZE_MAX) { /* a stage cannot be resumed: go on without */
        stop_checkpoints(e, message);
        free(message);
        return;
    }
    sl_engine_set_fatal(e, message);
}

/* Writes a checkpoint when one is due after `records` records (the
 * skipped ones included). */
void sl_engine_maybe_checkpoint(engine *e, uint64_t records)
{
    if (!e->checkpoint_path)
        return;
    bool due = records % e->checkpoint_every == 0;
    if (!due && e->o->checkpoint_seconds > 0)
        due = sl_monotonic_seconds() - e->last_checkpoint >=
              e->o->checkpoint_seconds;
    if (due)
        sl_engine_write_checkpoint(e, records);
}

/* Decides where checkpoints go: --checkpoint, else next to the first
 * output file, else next to the quarantine. None when an output is
 * standard output (it cannot be cut back). */
int sl_engine_plan_checkpoints(engine *e)
{
    bool to_stdout = false;
    const char *first_file = NULL;
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        sl_output *out = sl_outputs_get(i);
        if (!sl_output_temp_path(out))
            to_stdout = true;
        else if (!first_file)
            first_file = sl_output_path(out);
    }
    if (to_stdout) {
        if (e->o->info.resume || (e->iso && e->iso->child)) {
            sl_engine_set_fatal(
                e, strdup(e->o->info.resume
                              ? "--resume needs the outputs to be files "
                                "(use -o FILE): standard output cannot "
                                "be taken back"
                              : "--isolate needs the outputs to be "
                                "files (use -o FILE): standard output "
                                "cannot be taken back"));
            return -1;
        }
        return 0;
    }
    if (e->o->checkpoint_path)
        e->checkpoint_path = strdup(e->o->checkpoint_path);
    else if (first_file)
        e->checkpoint_path = sl_outputs_default_checkpoint(first_file);
    else if (e->o->quarantine_path)
        e->checkpoint_path =
            sl_outputs_default_checkpoint(e->o->quarantine_path);
    else if (e->rejects_path)
        e->checkpoint_path = sl_outputs_default_checkpoint(e->rejects_path);
    if (!e->checkpoint_path && (e->o->checkpoint_path || first_file ||
                                e->o->quarantine_path || e->rejects_path)) {
        sl_engine_set_fatal(e, NULL);
        return -1;
    }
    if (e->checkpoint_path && !e->o->info.resume) {
        char *refused = NULL;
        int removed = sl_checkpoint_discard(e->checkpoint_path, &refused);
        if (refused) {
            sl_engine_set_fatal(e, refused);
            return -1;
        }
        if (removed >= 0) {
            char *m = sl_text_printf("%s: discarded the checkpoint of an "
                                     "interrupted run and %d temporary file(s) "
                                     "(--resume would have continued it)",
                                     e->checkpoint_path, removed);
            sl_engine_report(e, SL_LOG_WARN,
                             m ? m : "discarded an old checkpoint");
            free(m);
        }
    }
    e->checkpoint_every =
        e->o->checkpoint_every
            ? e->o->checkpoint_every
            : (e->iso && e->iso->child ? ISOLATE_CHECKPOINT_EVERY
                                       : DEFAULT_CHECKPOINT_EVERY);
    return 0;
}

/* With --resume: loads and checks the checkpoint, restores counts and
 * stage state. No checkpoint: the run starts from the beginning. */
int sl_engine_resume_from_checkpoint(engine *e)
{
    if (!e->o->info.resume)
        return 0;
    if (e->checkpoint_path &&
        sl_outputs_load_checkpoint(e->checkpoint_path) < 0) {
        sl_engine_set_fatal(e, strdup(sl_outputs_resume_error()));
        return -1;
    }
    const json_t *ckpt = sl_outputs_checkpoint();
    if (!ckpt) {
        sl_outputs_go_live();
        return 0;
    }
    char *message = NULL;
    if (sl_checkpoint_check(ckpt, &e->o->info, e->input_bytes, e->p, &message) <
            0 ||
        sl_checkpoint_restore_stages(ckpt, e->p, e->ctx, &message) < 0) {
        sl_engine_set_fatal(e, message);
        return -1;
    }
    e->skip = (uint64_t)json_integer_value(json_object_get(ckpt, "records"));
    e->result.resumed_at = e->skip;
    sl_stats_result_restore(json_object_get(ckpt, "result"), &e->result);
    e->reader_failures =
        (uint64_t)json_integer_value(json_object_get(ckpt, "reader_failures"));
    e->earlier_stages = json_object_get(ckpt, "stages");
    const json_t *census = json_object_get(ckpt, "census");
    if (e->census && census &&
        sl_census_add_json(e->census, census, &message) != 0) {
        sl_engine_set_fatal(e, message);
        return -1;
    }
    sl_outputs_go_live();
    return 0;
}
