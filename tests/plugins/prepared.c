/* tests/plugins/prepared.c - an ordered stage with the ABI 1.4 prepare
 * step, for tests/engine/prepared.sh. It writes one line per document,
 * "ID<TAB>BLOCKS<TAB>CHARS", to its output. prepare builds the line on a
 * worker, except for documents whose id ends in '3' (it returns NULL, as
 * a stage does for a record too large to hold), and counts "prepared";
 * process_prepared writes the line and counts "written.prepared"; process
 * builds and writes it in order and counts "written.in_order". The output
 * is the same whichever way a line was made.
 *
 * Built with -DPREPARED_HALF, it sets prepare without free_prepared, a
 * descriptor the loader refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>

#ifdef PREPARED_HALF
#define PREPARED_NAME "prepared_half"
#define PREPARED_SYMBOL prepared_half_LTX_sluice_plugin
#else
#define PREPARED_NAME "prepared"
#define PREPARED_SYMBOL prepared_LTX_sluice_plugin
#endif

typedef struct prepared_state {
    char *path;
    sl_output *out;
} prepared_state;

static const sl_option prepared_options[] = {
    SL_OPTION_STRING(prepared_state, path, "\"-\"", SL_OPT_OUTPUT_PATH,
                     "output file", NULL),
    {0},
};

/* The document's line (malloc'd), or NULL when out of memory. */
static char *line_of(const sl_doc *doc)
{
    size_t chars = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        chars += doc->blocks[i].len;
    size_t size = strlen(doc->id) + 48;
    char *line = malloc(size);
    if (line)
        snprintf(line, size, "%s\t%zu\t%zu\n", doc->id, doc->n_blocks, chars);
    return line;
}

static sl_status prepared_init(sl_ctx *ctx, void *state)
{
    prepared_state *st = state;
    if (sl_ctx_run_info(ctx)->check_only)
        return SL_OK;
    st->out = sl_output_open(ctx, st->path, false);
    return st->out ? SL_OK : SL_ERROR;
}

static sl_status write_line(sl_ctx *ctx, prepared_state *st, const char *line)
{
    if (sl_output_write(ctx, st->out, line, strlen(line)) != 0)
        return SL_ERROR;
    return SL_OK;
}

static sl_status prepared_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    char *line = line_of(doc);
    if (!line)
        return sl_fail(ctx, "out of memory");
    sl_status status = write_line(ctx, state, line);
    free(line);
    sl_count(ctx, "written.in_order", 1);
    return status;
}

static void *prepared_prepare(sl_ctx *ctx, const void *state, const sl_doc *doc)
{
    (void)state;
    size_t n = strlen(doc->id);
    if (n > 0 && doc->id[n - 1] == '3')
        return NULL;
    sl_count(ctx, "prepared", 1);
    return line_of(doc);
}

static sl_status prepared_process_prepared(sl_ctx *ctx, void *state,
                                           sl_doc *doc, void *prepared)
{
    (void)doc;
    sl_count(ctx, "written.prepared", 1);
    return write_line(ctx, state, prepared);
}

static sl_status prepared_flush(sl_ctx *ctx, void *state)
{
    prepared_state *st = state;
    sl_output *out = st->out;
    st->out = NULL;
    return out && sl_output_commit(ctx, out) != 0 ? SL_ERROR : SL_OK;
}

static void prepared_fini(void *state)
{
    prepared_state *st = state;
    if (st->out)
        sl_output_abort(st->out);
}

const sl_plugin PREPARED_SYMBOL = {
    SL_PLUGIN_ABI,
    .name = PREPARED_NAME,
    .summary = "writes a line per document, made on the workers",
    .version = "0",
    .options = prepared_options,
    .state_size = sizeof(prepared_state),
    .flags = SL_STAGE_ORDERED,
    .init = prepared_init,
    .process = prepared_process,
    .flush = prepared_flush,
    .fini = prepared_fini,
    .prepare = prepared_prepare,
    .process_prepared = prepared_process_prepared,
#ifndef PREPARED_HALF
    .free_prepared = free,
#endif
};
