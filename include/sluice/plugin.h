/* sluice/plugin.h - what a stage plugin exports and what it may call.
 *
 * A stage plugin is a libtool module (-module -avoid-version) named NAME
 * that exports one constant descriptor, `const sl_plugin
 * NAME_LTX_sluice_plugin`. The core reads the descriptor without running
 * plugin code, checks its ABI version, validates the user's options against
 * the descriptor's option table, allocates state_size zeroed bytes, stores
 * each option's value at its offset in that state, then calls init once,
 * process once per document, flush once at the end of the stream and fini
 * once before unloading.
 *
 * Threads: process may run on several documents at once, from several
 * threads, with the same state, unless the plugin sets SL_STAGE_ORDERED. So
 * an unordered stage treats its state as read-only inside process (init
 * prepares tables; per-document scratch comes from the document's arena).
 * An ordered stage (an exporter) sees documents one at a time, in input
 * order, and may write to its state.
 *
 * Ownership: the core owns documents, state and option values (strings and
 * string lists stored into the state are freed by the core after fini).
 * Whatever init allocates, fini frees.
 */
#ifndef SLUICE_PLUGIN_H
#define SLUICE_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sluice/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI a plugin is built against. The core refuses a plugin whose major
 * differs from its own, or whose minor is newer than its own. The major
 * changes on any incompatible change; the minor when a field is appended to
 * the end of a public struct. */
#define SL_ABI_MAJOR 1
#define SL_ABI_MINOR 1

/* What process returns. */
typedef enum sl_status {
    SL_OK = 0,    /* keep the document: it goes on to the next stage */
    SL_DROP = 1,  /* drop the document on purpose (counted as dropped) */
    SL_ERROR = -1 /* the document failed; call sl_fail first to say why */
} sl_status;

/* Option types and the C type the core stores at the option's offset. */
typedef enum sl_opt_type {
    SL_OPT_STRING = 1, /* char *   (NULL when no default and not given) */
    SL_OPT_INT,        /* long     */
    SL_OPT_BOOL,       /* bool     */
    SL_OPT_DOUBLE,     /* double   */
    SL_OPT_STRLIST     /* sl_strlist */
} sl_opt_type;

/* A list of strings, for SL_OPT_STRLIST. */
typedef struct sl_strlist {
    char **items;
    size_t n;
} sl_strlist;

/* Option flags. */
enum {
    SL_OPT_REQUIRED = 1u << 0, /* the user must give it */
    /* A string naming a file, so the core can check before the run that
     * no file is both read and written, or written twice, and lock what
     * is written. OUTPUT_PATH: opened with sl_output_open ("-" is
     * standard output or -o, {shard} is replaced). WRITES_FILE: another
     * file the stage writes. READS_FILE: a file the stage reads. */
    SL_OPT_OUTPUT_PATH = 1u << 1,
    SL_OPT_WRITES_FILE = 1u << 2,
    SL_OPT_READS_FILE = 1u << 3,
    SL_OPT_REMOVED = 1u << 4 /* no longer an option: a value given is
                                refused with the help text, which says
                                what to use instead; the core never
                                touches the offset, and `sluice
                                describe` does not list it */
};

/* One option of a stage. The table ends with an entry whose name is NULL. */
typedef struct sl_option {
    const char *name; /* lower_case_with_underscores */
    sl_opt_type type;
    const char *def;     /* default, written as the user would write it in
                            JSON ("0.5", "true", "\"jsonl\"", "[\"a\"]");
                            NULL for none */
    size_t offset;       /* offsetof(your_state, field) */
    unsigned flags;      /* SL_OPT_* bits */
    const char *help;    /* one sentence; shown by `sluice describe` */
    const char *choices; /* strings: allowed values separated by '|';
                            integers and numbers: the allowed range,
                            "MIN..MAX" with both ends included and either
                            end left out for no bound ("1..", "0..1");
                            NULL for any. A string option may be null
                            only when it has no default, no choices and
                            is not required. */
} sl_option;

/* Stage flags. */
enum {
    /* Documents reach process one at a time, in input order, on one
     * thread. Exporters set it. */
    SL_STAGE_ORDERED = 1u << 0
};

typedef struct sl_ctx sl_ctx;

/* The descriptor. Appended to at the end only (bump SL_ABI_MINOR). */
typedef struct sl_plugin {
    uint16_t abi_major;  /* SL_ABI_MAJOR */
    uint16_t abi_minor;  /* SL_ABI_MINOR */
    const char *name;    /* equals the module's file name */
    const char *summary; /* one line for `sluice plugins` */
    const char *version;
    const sl_option *options; /* may be NULL: the stage takes none */
    size_t state_size;        /* bytes the core allocates, zeroed */
    unsigned flags;           /* SL_STAGE_* bits */

    /* Called once after options are stored. Optional. Return SL_OK, or
     * call sl_fail and return SL_ERROR to refuse to start. */
    sl_status (*init)(sl_ctx *ctx, void *state);
    /* Called for each document. Required. */
    sl_status (*process)(sl_ctx *ctx, void *state, sl_doc *doc);
    /* Called once when the stream ends normally. Optional. */
    sl_status (*flush)(sl_ctx *ctx, void *state);
    /* Frees what init allocated. Called even when init failed. Optional. */
    void (*fini)(void *state);

    /* ABI 1.1. Optional; for ordered stages (exporters) that keep state
     * from one document to the next. When the engine writes a checkpoint
     * (every document before it has been through the stage, none after
     * it), it calls checkpoint(ctx, state, saved, true): the stage stores
     * in the empty JSON object `saved` what it needs to go on (a count, a
     * separator owed). On --resume it calls checkpoint(ctx, state, saved,
     * false) after init and before the first document, with the object
     * saved then. Return SL_OK, or sl_fail and SL_ERROR: on save, the run
     * goes on without checkpoints (it cannot be resumed); on restore, the
     * run stops. Stages without it are resumed from their outputs alone:
     * what init writes again is dropped, the file is cut back to the
     * checkpoint, and writing continues. */
    sl_status (*checkpoint)(sl_ctx *ctx, void *state, json_t *saved, bool save);
} sl_plugin;

/* Log levels for sl_log. */
typedef enum sl_log_level {
    SL_LOG_ERROR = 0,
    SL_LOG_WARN,
    SL_LOG_INFO,
    SL_LOG_DEBUG
} sl_log_level;

/* Records why the current document (or init/flush) failed and returns
 * SL_ERROR, so a stage can write `return sl_fail(ctx, "...", ...);`. The
 * core adds the stage name and the document's source and position. */
sl_status sl_fail(sl_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports a message through the run's log callback (the CLI prints it on
 * standard error). The library itself never prints. */
void sl_log(sl_ctx *ctx, sl_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds n to the stage's counter `name` (a static string, for example
 * "removed.related" or "figures.money"). Counters appear in --stats under
 * the stage's name. Cheap: no allocation after the first use of a name. */
void sl_count(sl_ctx *ctx, const char *name, uint64_t n);

/* Facts about the run that a stage may need. Appended to at the end only. */
typedef struct sl_run_info {
    unsigned shard;     /* this process's shard, 0-based */
    unsigned shards;    /* number of shards; 1 when not sharded */
    const char *output; /* the -o path given on the command line, or NULL */
    bool force;         /* --force: existing outputs may be replaced */
    bool resume;        /* --resume: continue an interrupted run */
    unsigned jobs;      /* worker threads */
    bool check_only;    /* `sluice check`: init validates its options and
                           resources but opens no outputs, and no document
                           follows */
} sl_run_info;

/* The run's facts. Valid from init to fini. */
const sl_run_info *sl_ctx_run_info(const sl_ctx *ctx);

/* The name the pipeline gives this stage (usually the plugin's name). */
const char *sl_ctx_stage_name(const sl_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
