/* core/run_plan.c - lists, checks and locks the files a run reads and
 * writes (see run_plan.h).
 */
#include "run_plan.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine_outputs.h"
#include "input_walk.h"
#include "messages.h"
#include "output_path.h"
#include "path_identity.h"
#include "run_lock.h"

typedef enum entry_kind {
    ENTRY_READ,
    ENTRY_OUTPUT, /* a stage output: decides where the checkpoint goes */
    ENTRY_WRITE
} entry_kind;

typedef struct plan_entry {
    entry_kind kind;
    char *path;      /* as the run will open it */
    char *what;      /* "input", "--stats file", "stage 'x' option 'y'" */
    bool stream;     /* written in place: never renamed over, not locked */
    bool comparable; /* id is worth comparing */
    sl_path_identity id;
    sl_run_lock *lock;
} plan_entry;

struct sl_run_plan {
    plan_entry *entries;
    size_t n, cap;
};

static void entry_clear(plan_entry *e)
{
    free(e->path);
    free(e->what);
    sl_path_identity_clear(&e->id);
    sl_run_lock_release(e->lock);
}

void sl_run_plan_close(sl_run_plan *plan)
{
    if (!plan)
        return;
    for (size_t i = 0; i < plan->n; i++)
        entry_clear(&plan->entries[i]);
    free(plan->entries);
    free(plan);
}

/* Works out what the entry's path names. A standard stream is known by
 * the file behind its descriptor, and only when that is a regular file
 * (a shell redirection) is it worth comparing. */
static int identify(plan_entry *e)
{
    int std_fd = e->kind == ENTRY_READ ? -1 : sl_output_std_stream(e->path);
    if (std_fd >= 0) {
        e->stream = true;
        struct stat st;
        e->comparable = fstat(std_fd, &st) == 0 && S_ISREG(st.st_mode);
        return e->comparable ? sl_path_identity_of_fd(std_fd, &e->id) : 0;
    }
    if (e->kind != ENTRY_READ && sl_output_is_stream(e->path)) {
        e->stream = true; /* /dev/null, a FIFO: nothing to protect */
        return 0;
    }
    e->comparable = true;
    return sl_path_identity_of(e->path, &e->id);
}

/* Adds an entry; takes ownership of path and what. */
static int add_owned(sl_run_plan *plan, entry_kind kind, char *path, char *what)
{
    if (!path || !what)
        goto fail;
    if (plan->n == plan->cap) {
        size_t cap = plan->cap ? plan->cap * 2 : 16;
        plan_entry *bigger = realloc(plan->entries, cap * sizeof *bigger);
        if (!bigger)
            goto fail;
        plan->entries = bigger;
        plan->cap = cap;
    }
    plan_entry *e = &plan->entries[plan->n];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->path = path;
    e->what = what;
    plan->n++;
    return identify(e);
fail:
    free(path);
    free(what);
    return -1;
}

static int add(sl_run_plan *plan, entry_kind kind, const char *path,
               const char *what)
{
    return add_owned(plan, kind, strdup(path), strdup(what));
}

static const char *noun(const plan_entry *e)
{
    return e->kind == ENTRY_OUTPUT ? "output" : e->what;
}

/* Every input as given. The files found in input folders are compared
 * as the folders are walked (find_clash_in_folders), not listed here: a
 * folder may hold millions. */
static int add_inputs(sl_run_plan *plan, const char *const *inputs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(inputs[i], "-") != 0 &&
            add(plan, ENTRY_READ, inputs[i], "an input") < 0)
            return -1;
    return 0;
}

/* The written file that is the file at path (by device and inode), or
 * NULL. */
static const plan_entry *written_as(const sl_run_plan *plan, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    for (size_t i = 0; i < plan->n; i++) {
        const plan_entry *w = &plan->entries[i];
        if (w->kind != ENTRY_READ && w->comparable && w->id.exists &&
            w->id.dev == st.st_dev && w->id.ino == st.st_ino)
            return w;
    }
    return NULL;
}

/* A written file that is also a file found in an input folder (a link
 * from inside the folder to it, for instance). */
static char *find_clash_in_folders(const sl_run_plan *plan,
                                   const char *const *inputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) != 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        sl_input_list list = {0};
        sl_read_error err = {0};
        char *clash = NULL;
        if (sl_input_list_add(&list, inputs[i], &err) != 0)
            clash = err.message ? NULL
                                : strdup("out of memory walking "
                                         "the input folders");
        for (size_t k = 0; !clash && k < list.n; k++) {
            const sl_input_file *f = &list.files[k];
            const plan_entry *w =
                f->error || f->stream ? NULL : written_as(plan, f->path);
            if (w)
                clash = sl_text_printf("%s %s is also a file of input "
                                       "folder %s (%s); write it somewhere "
                                       "else",
                                       noun(w), w->path, inputs[i], f->path);
        }
        sl_read_error_clear(&err);
        sl_input_list_free(&list);
        if (clash)
            return clash;
    }
    return NULL;
}

/* The files stages name in options flagged as files. */
static int add_stage_files(sl_run_plan *plan, const sl_pipeline *p,
                           const sl_run_info *info)
{
    for (size_t i = 0; i < p->n_stages; i++) {
        const sl_stage *stage = &p->stages[i];
        for (const sl_option *o = stage->plugin->options; o && o->name; o++) {
            unsigned file_flags =
                SL_OPT_OUTPUT_PATH | SL_OPT_WRITES_FILE | SL_OPT_READS_FILE;
            if (o->type != SL_OPT_STRING || !(o->flags & file_flags) ||
                (o->flags & SL_OPT_REMOVED))
                continue;
            const char *value =
                *(char *const *)((const char *)stage->state + o->offset);
            if (!value || !*value)
                continue;
            char *what =
                sl_text_printf("stage '%s' option '%s'", stage->name, o->name);
            int rc;
            if (o->flags & SL_OPT_OUTPUT_PATH) {
                if (strcmp(value, "-") == 0 && info->output)
                    value = info->output;
                rc = add_owned(
                    plan, ENTRY_OUTPUT,
                    sl_output_expand_shard(value, info->shard, info->shards),
                    what);
            } else {
                /* a stage writes per shard with sl_ctx_shard_path */
                rc = add_owned(plan,
                               (o->flags & SL_OPT_WRITES_FILE) ? ENTRY_WRITE
                                                               : ENTRY_READ,
                               (o->flags & SL_OPT_WRITES_FILE)
                                   ? sl_output_expand_shard(value, info->shard,
                                                            info->shards)
                                   : strdup(value),
                               what);
            }
            if (rc < 0)
                return -1;
        }
    }
    return 0;
}

/* Where the engine will write checkpoints (see plan_checkpoints in
 * engine.c): --checkpoint, else next to the first output file, else next
 * to the quarantine; nowhere when an output is a stream. */
static int add_checkpoint(sl_run_plan *plan, const sl_run_options *o)
{
    const char *first_file = NULL;
    for (size_t i = 0; i < plan->n; i++) {
        const plan_entry *e = &plan->entries[i];
        if (e->kind != ENTRY_OUTPUT)
            continue;
        if (e->stream)
            return 0;
        if (!first_file)
            first_file = e->path;
    }
    if (o->checkpoint_path)
        return add(plan, ENTRY_WRITE, o->checkpoint_path, "--checkpoint file");
    if (first_file)
        return add_owned(plan, ENTRY_WRITE,
                         sl_outputs_default_checkpoint(first_file),
                         strdup("checkpoint"));
    if (o->quarantine_path)
        return add_owned(plan, ENTRY_WRITE,
                         sl_outputs_default_checkpoint(o->quarantine_path),
                         strdup("checkpoint"));
    if (o->rejects_path) {
        char *rejects = sl_output_expand_shard(o->rejects_path, o->info.shard,
                                               o->info.shards);
        char *checkpoint =
            rejects ? sl_outputs_default_checkpoint(rejects) : NULL;
        free(rejects);
        return add_owned(plan, ENTRY_WRITE, checkpoint, strdup("checkpoint"));
    }
    return 0;
}

/* A written file against every file read and every other file written. */
static char *find_clash(const sl_run_plan *plan)
{
    for (size_t i = 0; i < plan->n; i++) {
        const plan_entry *w = &plan->entries[i];
        if (w->kind == ENTRY_READ || !w->comparable)
            continue;
        for (size_t k = 0; k < plan->n; k++) {
            const plan_entry *r = &plan->entries[k];
            if (k == i || !r->comparable)
                continue;
            if (r->kind == ENTRY_READ && sl_path_identity_same(&w->id, &r->id))
                return sl_text_printf("%s %s is also %s (%s); write it "
                                      "somewhere else",
                                      noun(w), w->path, r->what, r->path);
            if (r->kind == ENTRY_READ &&
                sl_path_identity_inside(&w->id, &r->id))
                return sl_text_printf("%s %s is also an input folder's file "
                                      "(%s); write it somewhere else",
                                      noun(w), w->path, r->path);
            if (k > i && r->kind != ENTRY_READ &&
                sl_path_identity_same(&w->id, &r->id))
                return sl_text_printf("%s %s and %s %s are the same file: "
                                      "one would overwrite the other; give "
                                      "each its own",
                                      noun(w), w->path, noun(r), r->path);
        }
    }
    return NULL;
}

/* True when the folder that would hold path exists. */
static bool folder_exists(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return true;
    char *dir =
        slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
    struct stat st;
    bool exists = dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    free(dir);
    return exists;
}

/* Outputs make their folders, so their locks do too; a side file in a
 * missing folder cannot be written at all (its writer says so), so it
 * needs no lock. */
static int take_locks(sl_run_plan *plan, char **message)
{
    for (size_t i = 0; i < plan->n; i++) {
        plan_entry *e = &plan->entries[i];
        if (e->kind == ENTRY_READ || e->stream || e->id.is_dir)
            continue;
        if (e->kind == ENTRY_WRITE && !folder_exists(e->path))
            continue;
        e->lock = sl_run_lock_take(e->path, message);
        if (!e->lock)
            return -1;
    }
    return 0;
}

sl_run_plan *sl_run_plan_open(const sl_pipeline *pipeline,
                              const char *const *inputs, size_t n,
                              const sl_run_options *options, char **message)
{
    sl_run_plan *plan = calloc(1, sizeof *plan);
    *message = NULL;
    if (!plan ||
        (options->pipeline_path && add(plan, ENTRY_READ, options->pipeline_path,
                                       "the pipeline file") < 0) ||
        add_inputs(plan, inputs, n) < 0 ||
        add_stage_files(plan, pipeline, &options->info) < 0 ||
        (options->stats_path &&
         add(plan, ENTRY_WRITE, options->stats_path, "--stats file") < 0) ||
        (options->quarantine_path &&
         add(plan, ENTRY_WRITE, options->quarantine_path, "--quarantine file") <
             0) ||
        (options->rejects_path &&
         add_owned(plan, ENTRY_WRITE,
                   sl_output_expand_shard(options->rejects_path,
                                          options->info.shard,
                                          options->info.shards),
                   strdup("--rejects file")) < 0) ||
        (options->report_path &&
         add(plan, ENTRY_WRITE, options->report_path, "--report file") < 0) ||
        add_checkpoint(plan, options) < 0) {
        *message = strdup("out of memory listing the run's files");
        sl_run_plan_close(plan);
        return NULL;
    }
    *message = find_clash(plan);
    if (!*message)
        *message = find_clash_in_folders(plan, inputs, n);
    if (*message || take_locks(plan, message) < 0) {
        sl_run_plan_close(plan);
        return NULL;
    }
    return plan;
}
