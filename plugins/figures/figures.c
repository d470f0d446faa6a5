/* plugins/figures/figures.c - the figures stage: its descriptor and
 * options, and process(), which marks caption blocks, then runs the
 * scanner over every kept block, adding one "figure" span per quantity
 * found (a "range" span per range or condition: 5-10%, 大于10) and
 * linking the references to captions it saw; with explain, a
 * "not_figure" span per number a rule set aside.
 */
#include <stddef.h>

#include <sluice/sluice.h>

#include "captions.h"
#include "figures.h"

static const sl_option OPTIONS[] = {
    SL_OPTION_BOOL(
        figures_state, captions, "true", 0,
        "Mark caption lines (图1, Table 2) and link references to them."),
    SL_OPTION_BOOL(
        figures_state, include_dropped, "false", 0,
        "Also look for figures in blocks judged boilerplate or merged."),
    SL_OPTION_BOOL(figures_state, explain, "false", 0,
                   "Also add a not_figure span, its kind the rule's name, for "
                   "each number set aside (sluice run --explain sets it)."),
    {0},
};

/* What the scanner's callback needs. */
typedef struct emit_ctx {
    sl_doc *doc;
    size_t block;
    size_t count;
} emit_ctx;

static int add_figure(void *user, const fig_hit *hit)
{
    emit_ctx *e = user;
    sl_span *span = sl_doc_add_span(e->doc, hit->range ? "range" : "figure",
                                    e->block, hit->start, hit->end);
    if (!span)
        return -1;
    span->kind = hit->kind;
    span->unit = hit->unit;
    span->qualifier = hit->qualifier;
    span->value = hit->value;
    span->low = hit->low;
    span->high = hit->high;
    span->flags = hit->flags;
    e->count++;
    return 0;
}

/* A number set aside: a "not_figure" span whose kind names the rule. */
static int add_rejected(void *user, size_t start, size_t end, fig_rule rule)
{
    emit_ctx *e = user;
    sl_span *span = sl_doc_add_span(e->doc, "not_figure", e->block, start, end);
    if (!span)
        return -1;
    span->kind = fig_rules[rule].name;
    return 0;
}

/* The --stats counter of each kind. */
static const struct {
    const char *kind;
    const char *counter;
} KIND_COUNTERS[] = {{fig_count, "figures.count"},
                     {fig_money, "figures.money"},
                     {fig_percent, "figures.percent"},
                     {fig_ratio, "figures.ratio"},
                     {fig_rate, "figures.rate"},
                     {fig_quantity, "figures.quantity"},
                     {fig_year, "figures.year"},
                     {fig_date, "figures.date"},
                     {fig_placeholder, "figures.placeholder"},
                     {fig_discount, "figures.discount"}};

enum { N_KINDS = sizeof KIND_COUNTERS / sizeof KIND_COUNTERS[0] };

/* Counts the figures spans from first on by kind. */
static void count_kinds(sl_ctx *ctx, const sl_doc *doc, size_t first)
{
    uint64_t counts[N_KINDS] = {0};
    for (size_t i = first; i < doc->n_spans; i++)
        for (size_t k = 0; k < N_KINDS; k++)
            if (doc->spans[i].kind == KIND_COUNTERS[k].kind) {
                counts[k]++;
                break;
            }
    for (size_t k = 0; k < N_KINDS; k++)
        if (counts[k])
            sl_count(ctx, KIND_COUNTERS[k].counter, counts[k]);
}

/* Scans every kept block for figures; a block in which the scanner saw a
 * label word is then searched for references to the captions caps holds.
 * Counts what it found. */
static sl_status find_figures(sl_ctx *ctx, const figures_state *st, sl_doc *doc,
                              fig_captions *caps)
{
    size_t first_span = doc->n_spans, refs = 0;
    emit_ctx e = {.doc = doc};
    for (size_t b = 0; b < doc->n_blocks; b++) {
        if (!st->include_dropped && sl_block_is_dropped(&doc->blocks[b]))
            continue;
        e.block = b;
        bool label_word = false;
        if (fig_scan_explained(doc->blocks[b].text, doc->blocks[b].len,
                               add_figure, st->explain ? add_rejected : NULL,
                               &e, &label_word) < 0)
            return sl_fail(ctx, "out of memory while adding figures");
        if (st->captions && label_word &&
            fig_link_references(doc, b, caps, &refs) < 0)
            return sl_fail(ctx, "out of memory while linking captions");
    }
    if (caps->count)
        sl_count(ctx, "captions", caps->count);
    if (refs)
        sl_count(ctx, "caption_refs", refs);
    if (e.count) {
        sl_count(ctx, "figures", e.count);
        count_kinds(ctx, doc, first_span);
    }
    return SL_OK;
}

static sl_status figures_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const figures_state *st = state;
    fig_captions caps = {0};
    if (st->captions && fig_mark_caption_blocks(doc, &caps) < 0) {
        fig_captions_free(&caps);
        return sl_fail(ctx, "out of memory while marking captions");
    }
    sl_status status = find_figures(ctx, st, doc, &caps);
    fig_captions_free(&caps);
    return status;
}

const sl_plugin figures_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "figures",
    .summary = "find quantities (counts, money, percentages, ratios, dates) "
               "and captions",
    .version = "1.0",
    .options = OPTIONS,
    .state_size = sizeof(figures_state),
    .process = figures_process,
};
