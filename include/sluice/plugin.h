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
 * changes on any incompatible change. The minor changes when a field is
 * appended to the end of a struct that is only ever used through a pointer
 * to one object (sl_plugin, sl_run_info, sl_html_features), or when a
 * function is added.
 *
 * The structs a plugin indexes as arrays (sl_block, sl_span, sl_section,
 * sl_option) are frozen for the whole of ABI 1: a new field would move
 * every element after the first. Data a later 1.x needs per block or span
 * comes in a separate array or through a function. sl_title_line, which a
 * function returns by value, is frozen too. SL_PLUGIN_ABI records the
 * sizes the plugin was compiled with, and the core refuses a plugin whose
 * sizes differ from its own.
 *
 * 1.0  first release
 * 1.1  sl_plugin.checkpoint
 * 1.2  sl_plugin.sizeof_block, sizeof_span, sizeof_section, sizeof_option
 *      (filled in by SL_PLUGIN_ABI), dropped and needs; type-checked
 *      SL_OPTION_* macros
 * 1.3  editing helpers: sl_doc_remove_span, sl_doc_remove_section,
 *      sl_doc_replace_text_copy, sl_doc_export_text; sl_doc_coalesces_lines
 *      and SL_BLOCK_LINES; sl_stats_detail; sl_doc_export_text_with and
 *      sl_doc_text_has_title
 * 1.4  sl_plugin.prepare, process_prepared and free_prepared: an ordered
 *      stage's work that needs no order runs on the workers;
 *      sl_doc_title_line and sl_title_line: where the title line goes
 * 1.5  SL_STAGE_ANY_THREAD: an ordered stage that may be called from any
 *      thread, one call at a time */
#define SL_ABI_MAJOR 1
#define SL_ABI_MINOR 5

/* What process returns. */
typedef enum sl_status {
    SL_OK = 0,    /* keep the document: it goes on to the next stage */
    SL_DROP = 1,  /* drop the document on purpose; say why with sl_drop */
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

/* One option of a stage. The table ends with an entry whose name is NULL.
 * Declare entries with the SL_OPTION_* macros below, which check at compile
 * time that the field has the option's C type. The core checks the table
 * when it loads the plugin and refuses it when an option's field does not
 * fit in state_size or is misaligned, a name is used twice or is not made
 * of [a-z0-9_], a default does not parse or is outside the option's
 * choices or range. Frozen for ABI 1 (see SL_ABI_MINOR). */
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

/* Type-checked option declarations, for C (not C++). STATE is the stage's
 * state type and FIELD a field of it; the option is named after the field.
 * A field of the wrong C type stops the build with "option field FIELD
 * must be ...". For example:
 *
 *   static const sl_option my_options[] = {
 *       SL_OPTION_INT(my_state, min_chars, "0", 0,
 *                     "Shortest block kept, in characters.", "0.."),
 *       SL_OPTION_STRING(my_state, mode, "\"fast\"", 0,
 *                        "How hard to try.", "fast|careful"),
 *       {0}};
 */
/* (ctype is a type name, which cannot stand in parentheses there.) */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define SL_OPTION_FIELD_CHECK(state, field, ctype, what)                       \
    (0 * sizeof(struct {                                                       \
         _Static_assert(_Generic(((state *)0)->field, ctype : 1, default : 0), \
                        "option field " #field " must be " what);              \
         int unused;                                                           \
     }))
/* NOLINTEND(bugprone-macro-parentheses) */
#define SL_OPTION_ENTRY(state, field, type, ctype, what, def, flags, help,     \
                        choices)                                               \
    {                                                                          \
#field, type, def,                                                     \
            offsetof(state, field) +                                           \
                SL_OPTION_FIELD_CHECK(state, field, ctype, what),              \
            flags, help, choices                                               \
    }
/* A string (char *); choices "a|b|c" or NULL. */
#define SL_OPTION_STRING(state, field, def, flags, help, choices)              \
    SL_OPTION_ENTRY(state, field, SL_OPT_STRING, char *, "char *", def, flags, \
                    help, choices)
/* An integer (long); range "MIN..MAX" or NULL. */
#define SL_OPTION_INT(state, field, def, flags, help, range)                   \
    SL_OPTION_ENTRY(state, field, SL_OPT_INT, long, "long", def, flags, help,  \
                    range)
/* A number (double); range "MIN..MAX" or NULL. */
#define SL_OPTION_DOUBLE(state, field, def, flags, help, range)                \
    SL_OPTION_ENTRY(state, field, SL_OPT_DOUBLE, double, "double", def, flags, \
                    help, range)
/* A boolean (bool). */
#define SL_OPTION_BOOL(state, field, def, flags, help)                         \
    SL_OPTION_ENTRY(state, field, SL_OPT_BOOL, bool, "bool", def, flags, help, \
                    NULL)
/* A list of strings (sl_strlist). */
#define SL_OPTION_STRLIST(state, field, def, flags, help)                      \
    SL_OPTION_ENTRY(state, field, SL_OPT_STRLIST, sl_strlist, "sl_strlist",    \
                    def, flags, help, NULL)
/* An option that was removed: a value given is refused with help, which
 * says what to use instead. It has no field. */
#define SL_OPTION_REMOVED(name, type, help)                                    \
    {                                                                          \
        name, type, NULL, 0, SL_OPT_REMOVED, help, NULL                        \
    }

/* Stage flags. */
enum {
    /* Documents reach process one at a time, in input order, on one
     * thread. Exporters set it. */
    SL_STAGE_ORDERED = 1u << 0,
    /* ABI 1.5, with SL_STAGE_ORDERED: documents still reach process (and
     * process_prepared, dropped, and checkpoint's saves) one at a time
     * and in input order, each call finished before the next begins and
     * seeing what the last one wrote, but not always on the same thread:
     * on whichever thread ran the unordered stages on the records now
     * due, which then writes their bytes while they are still in its
     * core's cache. Set it when the stage keeps nothing bound to a thread
     * between calls (thread-local variables, a child process told to die
     * with the thread that started it, a library handle that must stay
     * on one thread). init, flush and fini stay on the calling thread.
     * Without SL_STAGE_ORDERED it means nothing. */
    SL_STAGE_ANY_THREAD = 1u << 1
};

typedef struct sl_ctx sl_ctx;

/* Why a document was dropped, as given to the `dropped` callback. */
typedef struct sl_drop_info {
    const char *stage;    /* the name of the stage that dropped it */
    const char *reason;   /* as given to sl_drop ("unspecified" when the
                             stage returned SL_DROP without it) */
    const json_t *detail; /* as given to sl_drop_with, or NULL */
} sl_drop_info;

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

    /* ABI 1.2. The sizes of the frozen element structs as the plugin was
     * compiled, filled in by SL_PLUGIN_ABI. The core refuses a plugin built
     * for 1.2 or later whose sizes differ from its own (a plugin built for
     * 1.0 or 1.1 has the frozen sizes by definition). */
    uint32_t sizeof_block;   /* sizeof(sl_block) */
    uint32_t sizeof_span;    /* sizeof(sl_span) */
    uint32_t sizeof_section; /* sizeof(sl_section) */
    uint32_t sizeof_option;  /* sizeof(sl_option) */

    /* ABI 1.2. Optional; for ordered stages. Called, in input order, in
     * place of process for each document that an earlier stage dropped,
     * so an exporter can account for it (`--explain` prints it with the
     * reason). The document is read-only and leaves the pipeline after
     * the last ordered stage. Return SL_OK, or sl_fail and SL_ERROR to
     * stop the run. */
    sl_status (*dropped)(sl_ctx *ctx, void *state, const sl_doc *doc,
                         const sl_drop_info *drop);
    /* ABI 1.2. Optional: the plugins whose work this stage relies on,
     * space separated ("html" for a stage that reads block->html). `sluice
     * check` warns when none of the pipeline's earlier stages uses one. */
    const char *needs;

    /* ABI 1.4. Optional, all three or none, for ordered stages: the part
     * of the work on a document that needs no order (formatting a record
     * as JSON, Markdown or CSV) runs on the worker threads, and only the
     * rest (writing the bytes, counting) runs in input order.
     *
     * prepare is called on a worker, after the unordered stages, for each
     * document they kept, at the same time as process_prepared runs on
     * other documents: it treats the state as read-only (options and what
     * init set up), reads the document without changing it, and returns
     * what it made (a rendered record), or NULL to leave the whole work
     * to process (a record too large to hold, out of memory). It may
     * count (sl_count) but not fail, drop or emit. Then, in input order,
     * the core calls process_prepared in place of process with what
     * prepare returned, and free_prepared afterwards (also when the
     * document never reached the stage: an earlier stage dropped it, or
     * the run stopped). Documents prepare returned NULL for, and those
     * emitted by ordered stages or from flush, go through process.
     *
     * A stage with prepare must not change the document in process or
     * process_prepared: the core prepares a document for an ordered stage
     * only when every ordered stage before it has prepare too. The output
     * must be the same as process alone would write. */
    void *(*prepare)(sl_ctx *ctx, const void *state, const sl_doc *doc);
    sl_status (*process_prepared)(sl_ctx *ctx, void *state, sl_doc *doc,
                                  void *prepared);
    void (*free_prepared)(void *prepared);
} sl_plugin;

/* The first line of every descriptor: the ABI version and the sizes the
 * core checks.
 *
 *   const sl_plugin my_LTX_sluice_plugin = {
 *       SL_PLUGIN_ABI,
 *       .name = "my", ...
 *   };
 */
#define SL_PLUGIN_ABI                                                          \
    .abi_major = SL_ABI_MAJOR, .abi_minor = SL_ABI_MINOR,                      \
    .sizeof_block = sizeof(sl_block), .sizeof_span = sizeof(sl_span),          \
    .sizeof_section = sizeof(sl_section), .sizeof_option = sizeof(sl_option)

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

/* Drops the current document on purpose and records why. reason is a
 * short word, dotted for families: "lang", "quality.gopher_word_count",
 * "duplicate.exact" (copied; NULL or "" is "unspecified"). The drop is
 * counted as the stage's counter "dropped.REASON" in --stats, written to
 * the --rejects file with the stage's name, and printed by --explain.
 * Returns SL_DROP, so a stage writes `return sl_drop(ctx, "lang");`.
 * Called from process, the drop stands whatever process returns, unless
 * it returns SL_ERROR (the failure wins and the drop is forgotten). A
 * stage that returns SL_DROP without calling it is counted as
 * "dropped.unspecified". */
sl_status sl_drop(sl_ctx *ctx, const char *reason);

/* sl_drop with a JSON detail written beside the reason in --rejects and
 * --explain, e.g. {"kept": "doc-7"} for a duplicate. Takes the caller's
 * reference to detail, as json_object_set_new does (NULL: none). */
sl_status sl_drop_with(sl_ctx *ctx, const char *reason, json_t *detail);

/* Emits a new document from process: one document in, several out (a
 * split, a document per section, a generated summary). The new document
 * is empty, with the source, line, offset and seq of `from`, a copy of its
 * metadata, and the id "FROM-ID#N" (N = 1, 2 ... for each document this
 * call of process emits; change it with sl_doc_set_id_copy). Fill it
 * before process returns (sl_doc_append_block_copy, sl_doc_set_title_copy,
 * metadata). It then goes through the stages after this one, right after
 * `from` and before the next input document, in the order emitted: the
 * output is the same whatever -j, and a checkpoint never falls between a
 * document and what it emitted. `from` goes on as process decides: return
 * sl_drop(ctx, "split") to replace it by its parts. When process returns
 * SL_ERROR, what it emitted is discarded. Counted as the stage's counter
 * "emitted". NULL when out of memory.
 *
 * From flush, with from NULL, a whole-corpus stage emits documents of its
 * own (a summary, statistics per site): empty, with the id "STAGE#N";
 * they go through the later stages after every input document, before
 * those stages are flushed. */
sl_doc *sl_emit(sl_ctx *ctx, const sl_doc *from);

/* Reports a message through the run's log callback (the CLI prints it on
 * standard error). The library itself never prints. */
void sl_log(sl_ctx *ctx, sl_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds n to the stage's counter `name` (a static string, for example
 * "removed.related" or "figures.money"). Counters appear in --stats under
 * the stage's name. Cheap: no allocation after the first use of a name. */
void sl_count(sl_ctx *ctx, const char *name, uint64_t n);

/* Sets `key` (copied) of the stage's "details" object in --stats to
 * value, for what counters cannot hold: names and lists, such as the
 * clusters a deduplication found largest, with their kept ids. Takes the
 * caller's reference, as json_object_set_new does; a later call for the
 * same key replaces the value. Call it from flush or from an ordered
 * stage (an unordered stage's threads would replace each other's). The
 * details of several shards are not merged (`sluice report` leaves them
 * out). */
void sl_stats_detail(sl_ctx *ctx, const char *key, json_t *value);

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

/* path with "{shard}" replaced by the run's shard number, as outputs and
 * the run plan do (malloc'd; the caller frees it), or NULL when out of
 * memory. For the files of SL_OPT_WRITES_FILE options, so each shard of a
 * sharded run writes its own. */
char *sl_ctx_shard_path(const sl_ctx *ctx, const char *path);

/* The name the pipeline gives this stage (usually the plugin's name). */
const char *sl_ctx_stage_name(const sl_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
