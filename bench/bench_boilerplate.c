/* bench/bench_boilerplate.c - speed of the html and boilerplate stages on
 * one core.
 *
 *   bench_boilerplate [MEGABYTES] FILE...
 *
 * Each FILE is one document: a .html or .htm file goes through html and
 * boilerplate, any other file is plain text split into lines and goes
 * through boilerplate alone. The files are processed in turn until
 * MEGABYTES (default 100) of each kind went through, and the throughput is
 * printed per kind in MB/s of input. Only the stages' process calls are
 * timed, in CPU time of the thread, so the figure is per core even on a
 * busy machine. Generate inputs with bench/gencorpus (html or text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "docs.h"
#include <sluice/sluice.h>

extern const sl_plugin html_LTX_sluice_plugin;
extern const sl_plugin boilerplate_LTX_sluice_plugin;

typedef struct input {
    char *bytes;
    size_t len;
    int html;
} input;

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int load(const char *path, input *in)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    in->bytes = malloc((size_t)n + 1);
    if (!in->bytes || fread(in->bytes, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        return -1;
    }
    fclose(f);
    in->bytes[n] = '\0';
    in->len = (size_t)n;
    in->html = ends_with(path, ".html") || ends_with(path, ".htm");
    return 0;
}

/* Options at their defaults, as the core would bind them. */
static void *new_state(const sl_plugin *p)
{
    char *st = calloc(1, p->state_size);
    for (const sl_option *o = p->options; st && o->name; o++) {
        if (!o->def)
            continue;
        if (o->type == SL_OPT_DOUBLE)
            *(double *)(st + o->offset) = atof(o->def);
        else if (o->type == SL_OPT_INT)
            *(long *)(st + o->offset) = atol(o->def);
        else if (o->type == SL_OPT_BOOL)
            *(bool *)(st + o->offset) = strcmp(o->def, "true") == 0;
    }
    return st;
}

int main(int argc, char **argv)
{
    int first = 1;
    double megabytes = 100.0;
    if (argc > 1 && strspn(argv[1], "0123456789.") == strlen(argv[1])) {
        megabytes = atof(argv[1]);
        first = 2;
    }
    if (first >= argc) {
        fputs("usage: bench_boilerplate [MEGABYTES] FILE...\n", stderr);
        return 2;
    }
    size_t n = (size_t)(argc - first);
    input *inputs = calloc(n, sizeof *inputs);
    size_t have[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (load(argv[first + i], &inputs[i]) < 0) {
            fprintf(stderr, "bench_boilerplate: cannot read %s\n",
                    argv[first + i]);
            return 1;
        }
        have[inputs[i].html]++;
    }
    sl_ctx *hctx = sl_ctx_new("html", NULL),
           *bctx = sl_ctx_new("boilerplate", NULL);
    void *hs = new_state(&html_LTX_sluice_plugin);
    void *bs = new_state(&boilerplate_LTX_sluice_plugin);
    if (!hctx || !bctx || !hs || !bs ||
        html_LTX_sluice_plugin.init(hctx, hs) != SL_OK ||
        boilerplate_LTX_sluice_plugin.init(bctx, bs) != SL_OK) {
        fputs("bench_boilerplate: cannot start the stages\n", stderr);
        return 1;
    }
    const char *names[2] = {"text (boilerplate)", "html (html+boilerplate)"};
    for (int kind = 0; kind < 2; kind++) {
        if (!have[kind])
            continue;
        double seconds = 0.0, bytes = 0.0;
        size_t docs = 0, kept = 0, blocks = 0;
        while (bytes < megabytes * 1e6) {
            for (size_t i = 0; i < n; i++) {
                if (inputs[i].html != kind)
                    continue;
                sl_doc *doc = sl_doc_new();
                if (!doc || sl_doc_set_raw_copy(doc, inputs[i].bytes,
                                                inputs[i].len) < 0)
                    return 1;
                double t0 = cpu_seconds();
                if (kind) {
                    doc->content_type = SL_CONTENT_HTML;
                    html_LTX_sluice_plugin.process(hctx, hs, doc);
                } else if (sl_doc_split_lines(doc) < 0) {
                    return 1;
                }
                boilerplate_LTX_sluice_plugin.process(bctx, bs, doc);
                seconds += cpu_seconds() - t0;
                bytes += (double)inputs[i].len;
                docs++;
                blocks += doc->n_blocks;
                for (size_t b = 0; b < doc->n_blocks; b++)
                    kept += !sl_block_is_dropped(&doc->blocks[b]);
                sl_doc_free(doc);
            }
        }
        printf("%-24s %8.1f MB/s  (%.0f MB, %zu documents, %.1f%% of %zu "
               "blocks kept, %.2f s CPU)\n",
               names[kind], bytes / 1e6 / seconds, bytes / 1e6, docs,
               blocks ? 100.0 * (double)kept / (double)blocks : 0.0, blocks,
               seconds);
    }
    boilerplate_LTX_sluice_plugin.fini(bs);
    free(hs);
    free(bs);
    sl_ctx_free(hctx);
    sl_ctx_free(bctx);
    for (size_t i = 0; i < n; i++)
        free(inputs[i].bytes);
    free(inputs);
    return 0;
}
