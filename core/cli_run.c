/* core/cli_run.c - `sluice run` and `sluice check`: build the pipeline
 * from the file (or the built-in one) and the command line, then run or
 * just validate it. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_warnings.h"
#include "cli.h"
#include "engine.h"
#include "pipeline.h"
#include "write_all.h"

typedef struct run_args {
    const char *pipeline_path;
    const char *output;
    const char **sets;
    size_t n_sets;
    bool explain;
    sl_run_options options;
    bool progress_forced, progress_off;
    const char *const *inputs;
    size_t n_inputs;
} run_args;

static const char run_usage[] =
    "usage: sluice run [OPTIONS] [INPUT...]\n"
    "  -p, --pipeline FILE    pipeline file (default: the built-in pipeline)\n"
    "  -o, --output PATH      where export stages with path \"-\" write\n"
    "      --set KEY=VALUE    override input.FIELD, on_error or STAGE.OPTION\n"
    "  -j, --jobs N           worker threads (default: the number of cores)\n"
    "      --progress         show progress even when stderr is not a "
    "terminal\n"
    "      --no-progress      never show progress\n"
    "      --stats FILE       write run statistics as JSON\n"
    "      --report FILE      draw the statistics as an HTML page\n"
    "      --quarantine FILE  write failed records as JSONL\n"
    "      --rejects FILE     write dropped documents as JSONL, with the\n"
    "                         stage and reason ({shard} is replaced)\n"
    "      --force            replace existing output files\n"
    "      --resume           continue an interrupted run\n"
    "      --shard K/N        process shard K (0-based) of N\n"
    "      --checkpoint FILE  where checkpoints go (default: next to the "
    "output)\n"
    "      --checkpoint-every N  records between checkpoints (default 10000)\n"
    "      --disk-full-wait SECONDS  wait this long for a full disk to free\n"
    "                         up before the run fails (default 60; 0: fail\n"
    "                         at once)\n"
    "      --isolate          run stages in a worker process; a crash\n"
    "                         quarantines one document and the run goes on\n"
    "      --doc-timeout SECONDS  with --isolate: a stage that spends longer\n"
    "                         on one document has it quarantined\n"
    "      --worker-memory BYTES  with --isolate: past this resident size\n"
    "                         (K, M, G suffixes) the document in hand is\n"
    "                         quarantined\n"
    "      --explain          print each document with removed blocks marked\n"
    "                         (and the numbers not taken as figures, why)\n"
    "      --check-docs       check every document after every stage; one a\n"
    "                         stage left broken fails, naming the stage\n"
    "  -q, --quiet            print only warnings and errors\n"
    "  -v, --verbose          also print debugging messages\n"
    "INPUT is a file, a folder or - (standard input, the default).\n";

static const char learn_usage[] =
    "usage: sluice learn -o MODEL [OPTIONS] [INPUT...]\n"
    "Counts the blocks that repeat across each site's pages (html, then\n"
    "normalize, then boilerplate in learn mode) and writes a boilerplate\n"
    "model to MODEL, for the boilerplate stage's \"model\" option.\n"
    "  -o, --output MODEL     the model file to write (required)\n"
    "      --set KEY=VALUE    override input.FIELD, on_error or STAGE.OPTION\n"
    "                         (stages: html, normalize, boilerplate)\n"
    "  -j, --jobs N           worker threads (default: the number of cores)\n"
    "      --force            replace an existing model file\n"
    "      --progress, --no-progress, --stats FILE, --quarantine FILE,\n"
    "      --shard K/N, --isolate: as for sluice run\n"
    "  -q, --quiet            print only warnings and errors\n"
    "  -v, --verbose          also print debugging messages\n"
    "INPUT is a file, a folder or - (standard input, the default).\n";

static const char check_usage[] =
    "usage: sluice check [OPTIONS] PIPELINE\n"
    "Validates a pipeline file, loads its plugins, checks their options\n"
    "and runs each stage's init without opening outputs; warns about a\n"
    "pipeline that would run but not do what was likely meant.\n"
    "      --set KEY=VALUE    override input.FIELD, on_error or STAGE.OPTION\n"
    "  -o, --output PATH      as for sluice run\n"
    "  -q, --quiet            print only warnings and errors\n";

/* The engine's progress line, redrawn in place on standard error. */
static void print_progress(const char *line, bool final, void *user)
{
    (void)user;
    fprintf(stderr, "\r%s\033[K%s", line, final ? "\n" : "");
    fflush(stderr);
}

/* A whole number written only with digits (no sign, no spaces, not
 * empty) from 0 to max, read from s up to the first byte that is not a
 * digit; *rest points there. Returns 0, or -1. */
static int parse_count(const char *s, unsigned long long max,
                       unsigned long long *value, const char **rest)
{
    unsigned long long n = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned digit = (unsigned)(*p - '0');
        if (n > (max - digit) / 10)
            return -1;
        n = n * 10 + digit;
    }
    if (p == s)
        return -1;
    *value = n;
    *rest = p;
    return 0;
}

static int parse_shard(const char *s, sl_run_info *info)
{
    unsigned long long k, n;
    const char *rest;
    if (parse_count(s, 1000000, &k, &rest) < 0 || *rest != '/' ||
        parse_count(rest + 1, 1000000, &n, &rest) < 0 || *rest || n == 0 ||
        k >= n)
        return -1;
    info->shard = (unsigned)k;
    info->shards = (unsigned)n;
    return 0;
}

/* "512M", "2G", "1000000": a positive byte count. */
static int parse_bytes(const char *s, uint64_t *bytes)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (end == s || *end || n == 0 || n > (UINT64_MAX >> 30))
        return -1;
    *bytes = (uint64_t)n << shift;
    return 0;
}

/* Reads the command line of run, learn (allow_run 1) or check (0);
 * --help prints usage. */
static int parse_run_args(int argc, char **argv, run_args *a, int allow_run,
                          const char *usage)
{
    static const struct option longopts[] = {
        {"pipeline", required_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'},
        {"set", required_argument, NULL, 's'},
        {"jobs", required_argument, NULL, 'j'},
        {"progress", no_argument, NULL, 'P'},
        {"no-progress", no_argument, NULL, 'N'},
        {"stats", required_argument, NULL, 'S'},
        {"report", required_argument, NULL, 'G'},
        {"quarantine", required_argument, NULL, 'Q'},
        {"rejects", required_argument, NULL, 'R'},
        {"force", no_argument, NULL, 'f'},
        {"resume", no_argument, NULL, 'r'},
        {"shard", required_argument, NULL, 'k'},
        {"checkpoint", required_argument, NULL, 'C'},
        {"checkpoint-every", required_argument, NULL, 'E'},
        {"isolate", no_argument, NULL, 'I'},
        {"disk-full-wait", required_argument, NULL, 'W'},
        {"doc-timeout", required_argument, NULL, 'T'},
        {"worker-memory", required_argument, NULL, 'M'},
        {"explain", no_argument, NULL, 'x'},
        {"check-docs", no_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    memset(a, 0, sizeof *a);
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    if (!a->sets)
        return -1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    a->options.info.jobs = cores > 0 ? (unsigned)cores : 1;
    a->options.info.shards = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:o:j:qvh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': a->pipeline_path = optarg; break;
        case 'o': a->output = optarg; break;
        case 's': a->sets[a->n_sets++] = optarg; break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (*end || j < 1 || j > 1024) {
                fprintf(stderr, "sluice: -j expects a number from 1 to 1024\n");
                return -1;
            }
            a->options.info.jobs = (unsigned)j;
            break;
        }
        case 'P': a->progress_forced = true; break;
        case 'N': a->progress_off = true; break;
        case 'S': a->options.stats_path = optarg; break;
        case 'G': a->options.report_path = optarg; break;
        case 'Q': a->options.quarantine_path = optarg; break;
        case 'R': a->options.rejects_path = optarg; break;
        case 'f': a->options.info.force = true; break;
        case 'r': a->options.info.resume = true; break;
        case 'k':
            if (parse_shard(optarg, &a->options.info) < 0) {
                fprintf(stderr,
                        "sluice: --shard '%s': expects K/N, two whole "
                        "numbers with 0 <= K < N <= 1000000 (for example "
                        "0/4)\n",
                        optarg);
                return -1;
            }
            break;
        case 'x': a->explain = true; break;
        case 'D': a->options.check_docs = true; break;
        case 'C': a->options.checkpoint_path = optarg; break;
        case 'E': {
            unsigned long long every;
            const char *rest;
            if (parse_count(optarg, UINT64_MAX, &every, &rest) < 0 || *rest ||
                every == 0) {
                fprintf(stderr,
                        "sluice: --checkpoint-every '%s': expects a whole "
                        "number of records, 1 or more\n",
                        optarg);
                return -1;
            }
            a->options.checkpoint_every = every;
            break;
        }
        case 'I': a->options.isolate = true; break;
        case 'W': {
            char *end;
            double wait = strtod(optarg, &end);
            if (end == optarg || *end || !(wait >= 0) || wait > 86400) {
                fprintf(stderr, "sluice: --disk-full-wait expects seconds "
                                "from 0 to 86400\n");
                return -1;
            }
            sl_write_set_disk_full_wait(wait);
            break;
        }
        case 'T': {
            char *end;
            double seconds = strtod(optarg, &end);
            if (end == optarg || *end || !(seconds > 0) || seconds > 1e6) {
                fprintf(stderr, "sluice: --doc-timeout expects seconds "
                                "above 0\n");
                return -1;
            }
            a->options.doc_timeout = seconds;
            break;
        }
        case 'M':
            if (parse_bytes(optarg, &a->options.worker_memory) < 0) {
                fprintf(stderr, "sluice: --worker-memory expects a size in "
                                "bytes, with K, M or G (such as 2G)\n");
                return -1;
            }
            break;
        case 'q': cli_set_log_level(SL_LOG_WARN); break;
        case 'v': cli_set_log_level(SL_LOG_DEBUG); break;
        case 'h': fputs(usage, stdout); exit(SL_EXIT_OK);
        default: fputs(usage, stderr); return -1;
        }
    }
    if (!allow_run && optind < argc && !a->pipeline_path)
        a->pipeline_path = argv[optind++];
    if ((a->options.doc_timeout > 0 || a->options.worker_memory > 0) &&
        !a->options.isolate) {
        fprintf(stderr, "sluice: --doc-timeout and --worker-memory need "
                        "--isolate\n");
        return -1;
    }
    a->inputs = (const char *const *)argv + optind;
    a->n_inputs = (size_t)(argc - optind);
    a->options.info.output = a->output;
    a->options.pipeline_path = a->pipeline_path;
    a->options.progress =
        !a->progress_off && (a->progress_forced || isatty(STDERR_FILENO));
    a->options.log = cli_log;
    a->options.progress_fn = print_progress;
    a->options.handle_signals = true;
    return 0;
}

/* The pipeline file with every command-line override applied. */
static sl_pipeline_file *build_pipeline_file(const run_args *a)
{
    char *message = NULL;
    sl_pipeline_file *file;
    if (a->pipeline_path)
        file = sl_pipeline_file_load(a->pipeline_path, &message);
    else
        file = sl_pipeline_file_parse(
            "<built-in pipeline>", sl_default_pipeline_json,
            strlen(sl_default_pipeline_json), &message);
    if (!file)
        goto fail;
    for (size_t i = 0; i < a->n_sets; i++)
        if (sl_pipeline_file_set(file, a->sets[i], &message) < 0)
            goto fail;
    if (a->explain &&
        sl_pipeline_file_set(file, "export.format=explain", &message) < 0)
        goto fail;
    if (a->explain) {
        /* the numbers the figures stage set aside, with the rule; a
         * pipeline without that stage has none to show */
        char *no_figures = NULL;
        if (sl_pipeline_file_set(file, "figures.explain=true", &no_figures) < 0)
            free(no_figures);
    }
    if (a->output && sl_pipeline_file_set_output(file, a->output) == 0) {
        message = strdup("-o: the pipeline has no export stage writing to "
                         "standard output");
        goto fail;
    }
    return file;
fail:
    fprintf(stderr, "sluice: %s\n", message ? message : "out of memory");
    free(message);
    sl_pipeline_file_free(file);
    return NULL;
}

/* Loads the pipeline and runs it over the inputs; frees file. */
static int run_pipeline_file(sl_pipeline_file *file, run_args *a)
{
    char *message = NULL;
    sl_pipeline *pipeline = sl_pipeline_load(file, &message);
    sl_pipeline_file_free(file);
    if (!pipeline) {
        fprintf(stderr, "sluice: %s\n", message);
        free(message);
        return SL_EXIT_FATAL;
    }
    sl_run_result result;
    int rc = sl_engine_run(pipeline, a->inputs, a->n_inputs, &a->options,
                           &result, &message);
    bool quarantined = a->options.quarantine_path &&
                       pipeline->on_error == SL_ON_ERROR_QUARANTINE;
    sl_pipeline_free(pipeline);
    if (rc < 0) {
        fprintf(stderr, "sluice: %s\n", message ? message : "run failed");
        free(message);
        return SL_EXIT_FATAL;
    }
    if (result.interrupted) /* a checkpoint was left for --resume */
        return 128 + result.interrupted;
    if (result.docs_failed) {
        fprintf(stderr, "sluice: %llu of %llu documents failed%s\n",
                (unsigned long long)result.docs_failed,
                (unsigned long long)result.docs_in,
                quarantined ? " (see the quarantine file)" : "");
        return SL_EXIT_DOC_FAILED;
    }
    return SL_EXIT_OK;
}

int cli_run(int argc, char **argv)
{
    run_args a;
    if (parse_run_args(argc, argv, &a, 1, run_usage) < 0) {
        free(a.sets);
        return SL_EXIT_USAGE;
    }
    sl_pipeline_file *file = build_pipeline_file(&a);
    int rc = file ? run_pipeline_file(file, &a) : SL_EXIT_FATAL;
    free(a.sets);
    return rc;
}

/* The pipeline `sluice learn` runs: the page is parsed and normalized as
 * in the built-in pipeline, and the boilerplate stage counts repeated
 * blocks per site instead of exporting anything. */
static const char learn_pipeline_json[] =
    "{\"sluice\": 1, \"stages\": [{\"use\": \"html\"}, "
    "{\"use\": \"normalize\"}, {\"use\": \"boilerplate\"}]}";

int cli_learn(int argc, char **argv)
{
    run_args a;
    if (parse_run_args(argc, argv, &a, 1, learn_usage) < 0) {
        free(a.sets);
        return SL_EXIT_USAGE;
    }
    if (!a.output || a.pipeline_path) {
        fputs(learn_usage, stderr);
        free(a.sets);
        return SL_EXIT_USAGE;
    }
    char *message = NULL;
    sl_pipeline_file *file =
        sl_pipeline_file_parse("<learn pipeline>", learn_pipeline_json,
                               strlen(learn_pipeline_json), &message);
    json_t *with = file ? json_pack("{s:s}", "learn_out", a.output) : NULL;
    if (with)
        json_object_set_new(
            json_array_get(json_object_get(file->root, "stages"), 2), "with",
            with);
    for (size_t i = 0; file && i < a.n_sets; i++)
        if (sl_pipeline_file_set(file, a.sets[i], &message) < 0) {
            sl_pipeline_file_free(file);
            file = NULL;
        }
    free(a.sets);
    if (!file || !with) {
        fprintf(stderr, "sluice: %s\n", message ? message : "out of memory");
        free(message);
        sl_pipeline_file_free(file);
        return SL_EXIT_FATAL;
    }
    a.options.info.output = NULL;
    return run_pipeline_file(file, &a);
}

static void print_check_warning(const char *warning, void *user)
{
    fprintf(stderr, "sluice: %s: warning: %s\n", (const char *)user, warning);
}

int cli_check(int argc, char **argv)
{
    run_args a;
    if (parse_run_args(argc, argv, &a, 0, check_usage) < 0) {
        free(a.sets);
        return SL_EXIT_USAGE;
    }
    sl_pipeline_file *file = build_pipeline_file(&a);
    free(a.sets);
    if (!file)
        return SL_EXIT_FATAL;
    char *message = NULL;
    sl_pipeline *pipeline = sl_pipeline_load(file, &message);
    if (!pipeline) {
        fprintf(stderr, "sluice: %s\n", message);
        free(message);
        sl_pipeline_file_free(file);
        return SL_EXIT_FATAL;
    }
    /* Each stage's init checks what the option table cannot (a list of
     * allowed values, a model file that must load); outputs are not
     * opened. */
    a.options.info.check_only = true;
    for (size_t i = 0; i < pipeline->n_stages; i++) {
        sl_stage *stage = &pipeline->stages[i];
        if (!stage->plugin->init)
            continue;
        sl_ctx *ctx = sl_ctx_new(stage->name, &a.options.info);
        if (!ctx)
            break;
        sl_ctx_set_logger(ctx, cli_log, NULL);
        stage->initialised = 1;
        if (stage->plugin->init(ctx, stage->state) != SL_OK) {
            const char *why = sl_ctx_error(ctx);
            fprintf(stderr, "sluice: %s: stage '%s' could not start: %s\n",
                    file->path, stage->name, why ? why : "init failed");
            sl_ctx_free(ctx);
            sl_pipeline_free(pipeline);
            sl_pipeline_file_free(file);
            return SL_EXIT_FATAL;
        }
        sl_ctx_free(ctx);
    }
    sl_check_warnings(pipeline, a.inputs, a.n_inputs, print_check_warning,
                      file->path);
    printf("%s: ok (%zu stages:", file->path, pipeline->n_stages);
    for (size_t i = 0; i < pipeline->n_stages; i++)
        printf(" %s", pipeline->stages[i].name);
    printf(")\n");
    sl_pipeline_free(pipeline);
    sl_pipeline_file_free(file);
    return SL_EXIT_OK;
}
