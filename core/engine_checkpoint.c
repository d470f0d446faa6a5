/* core/engine_checkpoint.c - writes, checks and restores checkpoints
 * (see engine_checkpoint.h and doc/batch.md).
 */
#include "engine_checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_outputs.h"
#include "messages.h"
#include "pipeline_effective.h"

static bool has_checkpoint_callback(const sl_plugin *plugin)
{
    return plugin->abi_minor >= 1 && plugin->checkpoint;
}

static json_t *stages_json(const sl_checkpoint_facts *f, size_t *refused,
                           char **message)
{
    json_t *stages = json_array();
    for (size_t i = 0; stages && i < f->pipeline->n_stages; i++) {
        sl_stage *stage = &f->pipeline->stages[i];
        const json_t *earlier = json_array_get(f->earlier, i);
        json_t *s =
            sl_stats_stage_json(stage->name, &f->stats[i], f->ctx[i], earlier);
        if (!s) {
            json_decref(stages);
            *message = strdup("out of memory");
            return NULL;
        }
        json_array_append_new(stages, s);
        if (!has_checkpoint_callback(stage->plugin))
            continue;
        json_t *saved = json_object();
        if (stage->plugin->checkpoint(f->ctx[i], stage->state, saved, true) !=
            SL_OK) {
            const char *why = sl_ctx_error(f->ctx[i]);
            *message = sl_text_printf("stage '%s' cannot be checkpointed: %s",
                                      stage->name, why ? why : "refused");
            sl_ctx_clear_error(f->ctx[i]);
            *refused = i;
            json_decref(saved);
            json_decref(stages);
            return NULL;
        }
        json_object_set_new(s, "state", saved);
    }
    return stages;
}

static json_t *outputs_json(char **message)
{
    json_t *outputs = json_array();
    for (size_t i = 0; outputs && i < sl_outputs_count(); i++) {
        sl_output *out = sl_outputs_get(i);
        const char *temp = sl_output_temp_path(out);
        if (!temp)
            continue;
        uint64_t size = 0;
        if (sl_output_checkpoint(out, &size, message) != 0) {
            json_decref(outputs);
            return NULL;
        }
        json_array_append_new(
            outputs, json_pack("{ss ss sI sI}", "path", sl_output_path(out),
                               "temp", temp, "size", (json_int_t)size, "bytes",
                               (json_int_t)sl_output_bytes(out)));
    }
    return outputs;
}

/* Writes text to path through a synced temporary file and a rename. */
static int write_atomically(const char *path, const char *text, char **message)
{
    size_t size = strlen(path) + 8;
    char *temp = malloc(size);
    if (!temp) {
        *message = strdup("out of memory");
        return -1;
    }
    snprintf(temp, size, "%s.new", path);
    int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    size_t len = strlen(text);
    int rc = -1;
    if (fd >= 0) {
        ssize_t n = write(fd, text, len);
        if (n == (ssize_t)len && fsync(fd) == 0)
            rc = 0;
        if (close(fd) != 0)
            rc = -1;
    }
    if (rc == 0 && rename(temp, path) != 0)
        rc = -1;
    if (rc != 0) {
        *message = sl_text_printf("%s: cannot write the checkpoint: %s", path,
                                  strerror(errno));
        unlink(temp);
    }
    free(temp);
    return rc;
}

/* The effective pipeline and its digest, for --resume to compare. */
static int add_pipeline(json_t *root, const sl_pipeline *pipeline)
{
    json_t *effective = sl_pipeline_effective(pipeline);
    char *digest = effective ? sl_pipeline_digest(effective) : NULL;
    if (!digest) {
        json_decref(effective);
        return -1;
    }
    json_object_set_new(root, "pipeline_digest", json_string(digest));
    json_object_set_new(root, "pipeline", effective);
    free(digest);
    return 0;
}

/* Refuses a resume whose effective pipeline differs from the one the
 * checkpoint recorded (checkpoints without one are taken as they are). */
static int check_pipeline(const json_t *ckpt, const sl_pipeline *pipeline,
                          const char *path, char **message)
{
    const char *saved_digest =
        json_string_value(json_object_get(ckpt, "pipeline_digest"));
    if (!saved_digest)
        return 0;
    json_t *now = sl_pipeline_effective(pipeline);
    char *digest = now ? sl_pipeline_digest(now) : NULL;
    int rc = 0;
    if (!digest) {
        *message = strdup("out of memory");
        rc = -1;
    } else if (strcmp(digest, saved_digest) != 0) {
        char *what =
            sl_pipeline_difference(json_object_get(ckpt, "pipeline"), now);
        *message = sl_text_printf(
            "%s: the pipeline changed since the checkpoint: %s; resume with "
            "the pipeline file and --set options of the interrupted run, or "
            "run without --resume to start over",
            path, what ? what : "the pipeline differs");
        free(what);
        rc = -1;
    }
    free(digest);
    json_decref(now);
    return rc;
}

/* Syncs the quarantine or rejects file q (NULL: none) and records its
 * path and size under key. Returns 0, or -1 with *message. */
static int add_side_file(json_t *root, const char *key, sl_quarantine *q,
                         char **message)
{
    if (!q)
        return 0;
    uint64_t size = 0;
    if (sl_quarantine_sync(q, &size) != 0) {
        const char *why = sl_quarantine_failure(q);
        *message = strdup(why ? why : "cannot sync a side file");
        return -1;
    }
    json_object_set_new(root, key,
                        json_pack("{ss sI}", "path", sl_quarantine_path(q),
                                  "size", (json_int_t)size));
    return 0;
}

int sl_checkpoint_write(const char *path, const sl_checkpoint_facts *f,
                        size_t *refused, char **message)
{
    json_t *stages = stages_json(f, refused, message);
    if (!stages)
        return -1;
    json_t *outputs = outputs_json(message);
    if (!outputs) {
        json_decref(stages);
        return -1;
    }
    json_t *root = json_pack(
        "{si sI s{sI sI} sI so so so sI}", "sluice_checkpoint", 1, "records",
        (json_int_t)f->records, "shard", "index", (json_int_t)f->info->shard,
        "count", (json_int_t)f->info->shards, "input_bytes",
        (json_int_t)f->input_bytes, "outputs", outputs, "stages", stages,
        "result", sl_stats_result_json(f->result), "reader_failures",
        (json_int_t)f->reader_failures);
    if (root && f->census &&
        json_object_set_new(root, "census", sl_census_json(f->census)) != 0) {
        json_decref(root);
        root = NULL;
    }
    if (root && add_pipeline(root, f->pipeline) != 0) {
        json_decref(root);
        root = NULL;
    }
    if (root &&
        (add_side_file(root, "quarantine", f->quarantine, message) < 0 ||
         add_side_file(root, "rejects", f->rejects, message) < 0)) {
        json_decref(root);
        return -1;
    }
    char *text =
        root ? json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    if (!text) {
        *message = strdup("out of memory");
        return -1;
    }
    int rc = write_atomically(path, text, message);
    free(text);
    return rc;
}

int sl_checkpoint_check(const json_t *ckpt, const sl_run_info *info,
                        uint64_t input_bytes, const sl_pipeline *pipeline,
                        char **message)
{
    const char *path = sl_outputs_checkpoint_path();
    if (json_integer_value(json_object_get(ckpt, "sluice_checkpoint")) != 1) {
        *message = sl_text_printf("%s: not a sluice checkpoint", path);
        return -1;
    }
    json_t *shard = json_object_get(ckpt, "shard");
    json_int_t index = json_integer_value(json_object_get(shard, "index"));
    json_int_t count = json_integer_value(json_object_get(shard, "count"));
    if (index != (json_int_t)info->shard || count != (json_int_t)info->shards) {
        *message = sl_text_printf("%s: the checkpoint is for shard %lld/%lld, "
                                  "this run is shard %u/%u",
                                  path, (long long)index, (long long)count,
                                  info->shard, info->shards);
        return -1;
    }
    json_int_t bytes = json_integer_value(json_object_get(ckpt, "input_bytes"));
    if (bytes != (json_int_t)input_bytes) {
        *message = sl_text_printf("%s: the inputs changed since the checkpoint "
                                  "(%lld bytes then, %llu now); remove the "
                                  "checkpoint and the outputs' temporary files "
                                  "to start over",
                                  path, (long long)bytes,
                                  (unsigned long long)input_bytes);
        return -1;
    }
    json_t *stages = json_object_get(ckpt, "stages");
    if (json_array_size(stages) != pipeline->n_stages) {
        *message =
            sl_text_printf("%s: the checkpoint is for a pipeline of %zu "
                           "stages, this one has %zu",
                           path, json_array_size(stages), pipeline->n_stages);
        return -1;
    }
    for (size_t i = 0; i < pipeline->n_stages; i++) {
        const char *name = json_string_value(
            json_object_get(json_array_get(stages, i), "name"));
        if (!name || strcmp(name, pipeline->stages[i].name) != 0) {
            *message = sl_text_printf(
                "%s: stage %zu of the checkpoint is '%s', "
                "of this pipeline '%s'",
                path, i + 1, name ? name : "?", pipeline->stages[i].name);
            return -1;
        }
    }
    return check_pipeline(ckpt, pipeline, path, message);
}

int sl_checkpoint_restore_stages(const json_t *ckpt, sl_pipeline *pipeline,
                                 sl_ctx *const *ctx, char **message)
{
    json_t *stages = json_object_get(ckpt, "stages");
    for (size_t i = 0; i < pipeline->n_stages; i++) {
        sl_stage *stage = &pipeline->stages[i];
        json_t *saved = json_object_get(json_array_get(stages, i), "state");
        if (!has_checkpoint_callback(stage->plugin) || !saved)
            continue;
        if (stage->plugin->checkpoint(ctx[i], stage->state, saved, false) !=
            SL_OK) {
            const char *why = sl_ctx_error(ctx[i]);
            *message = sl_text_printf("stage '%s' cannot resume: %s",
                                      stage->name, why ? why : "refused");
            sl_ctx_clear_error(ctx[i]);
            return -1;
        }
    }
    return 0;
}

static uint64_t side_file_size(const json_t *ckpt, const char *key)
{
    json_t *size = json_object_get(json_object_get(ckpt, key), "size");
    return json_is_integer(size) ? (uint64_t)json_integer_value(size)
                                 : UINT64_MAX;
}

uint64_t sl_checkpoint_quarantine_size(const json_t *ckpt)
{
    return side_file_size(ckpt, "quarantine");
}

uint64_t sl_checkpoint_rejects_size(const json_t *ckpt)
{
    return side_file_size(ckpt, "rejects");
}

static bool is_open_temp(const char *temp)
{
    for (size_t i = 0; i < sl_outputs_count(); i++) {
        const char *open_temp = sl_output_temp_path(sl_outputs_get(i));
        if (open_temp && strcmp(open_temp, temp) == 0)
            return true;
    }
    return false;
}

/* True when root is recognisably a checkpoint sluice wrote. */
static bool is_checkpoint(const json_t *root)
{
    const json_t *mark = json_object_get(root, "sluice_checkpoint");
    return json_is_integer(mark) && json_integer_value(mark) == 1 &&
           json_is_array(json_object_get(root, "outputs"));
}

int sl_checkpoint_discard(const char *path, char **refused)
{
    *refused = NULL;
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT)
            *refused = sl_text_printf("%s: cannot look at the old "
                                      "checkpoint: %s",
                                      path, strerror(errno));
        return -1;
    }
    json_t *old = S_ISREG(st.st_mode) ? json_load_file(path, 0, NULL) : NULL;
    if (!is_checkpoint(old)) {
        json_decref(old);
        *refused = sl_text_printf(
            "%s is not a sluice checkpoint; it is left alone and the run "
            "refused (choose another --checkpoint file, or remove it "
            "yourself)",
            path);
        return -1;
    }
    int removed = 0;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(old, "outputs"), i, entry)
    {
        const char *temp = json_string_value(json_object_get(entry, "temp"));
        /* only what looks like one of our temporary files */
        if (temp && strstr(temp, ".tmp-") && !is_open_temp(temp) &&
            unlink(temp) == 0)
            removed++;
    }
    json_decref(old);
    unlink(path);
    return removed;
}
