/* plugins/boilerplate/boilerplate.c - the boilerplate stage: scores every
 * block of a document (plain-text lines or HTML blocks), flags those at or
 * above min_score with SL_BLOCK_BOILERPLATE, a score and a reason, marks the
 * title line of plain text, applies a learned model, and in learn mode
 * counts repeated blocks per site and writes a model at the end.
 */
#include <stddef.h>
#include <stdlib.h>

#include "bp_internal.h"

static const sl_option bp_options[] = {
    SL_OPTION_DOUBLE(
        bp_state, min_score, "0.5", 0,
        "Blocks whose boilerplate score (0..1) reaches this are flagged.",
        "0..1"),
    SL_OPTION_STRING(
        bp_state, model, NULL, SL_OPT_READS_FILE,
        "Learned model file (written by learn_out): blocks that repeat across "
        "documents of the same site are flagged as \"learned\".",
        NULL),
    SL_OPTION_STRING(
        bp_state, learn_out, NULL, SL_OPT_WRITES_FILE,
        "Learn mode: count repeated blocks per site over the whole input and "
        "write a model file here at the end of the run.",
        NULL),
    SL_OPTION_INT(
        bp_state, learned_min_docs, "3", 0,
        "A learned block must occur in at least this many documents of its "
        "site.",
        "1..4294967295"),
    SL_OPTION_DOUBLE(
        bp_state, learned_min_share, "0.3", 0,
        "... and in at least this share of the site's documents (0..1).",
        "0..1"),
    SL_OPTION_INT(
        bp_state, learn_max_entries, "2000000", 0,
        "Learn mode: the most block counts held in memory (16 bytes each); the "
        "rarest are pruned when full.",
        "1024..1000000000"),
    SL_OPTION_BOOL(
        bp_state, main_content, "true", 0,
        "HTML: flag blocks outside the main content the html stage found."),
    SL_OPTION_BOOL(
        bp_state, find_title, "true", 0,
        "Plain text: mark the title line among the first lines and set the "
        "document title."),
    SL_OPTION_BOOL(
        bp_state, smooth, "true", 0,
        "Context smoothing: a short block between boilerplate is boilerplate; "
        "a weak call between content is content."),
    {0},
};

static sl_status bp_init(sl_ctx *ctx, void *state)
{
    bp_state *st = state;
    char err[512];
    if (st->min_score <= 0.0 || st->min_score > 1.0)
        return sl_fail(ctx, "min_score must be in (0, 1], not %g",
                       st->min_score);
    if (st->model && st->model[0]) {
        st->loaded = bp_model_load(st->model, err, sizeof err);
        if (!st->loaded)
            return sl_fail(ctx, "%s", err);
    }
    if (st->learn_out && st->learn_out[0]) {
        long max = st->learn_max_entries > 0 ? st->learn_max_entries : 1024;
        st->learner = bp_learner_new((size_t)max);
        if (!st->learner)
            return sl_fail(ctx, "out of memory for the learner");
    }
    return SL_OK;
}

static void bp_fini(void *state)
{
    bp_state *st = state;
    bp_model_free(st->loaded);
    bp_learner_free(st->learner);
    st->loaded = NULL;
    st->learner = NULL;
}

static int learn(bp_state *st, sl_doc *doc, uint64_t site)
{
    uint64_t *keys = malloc((doc->n_blocks + 1) * sizeof *keys);
    if (!keys)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->len > 0)
            keys[n++] = bp_block_key(site, b->text, b->len);
    }
    int rc = bp_learner_add(st->learner, site, keys, n);
    free(keys);
    return rc;
}

static void apply_model(const bp_state *st, sl_doc *doc, bp_info *info,
                        uint64_t site)
{
    uint32_t site_docs = bp_model_site_docs(st->loaded, site);
    if (site_docs <
        (uint32_t)(st->learned_min_docs > 0 ? st->learned_min_docs : 1))
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->flags & SL_BLOCK_TITLE)
            continue;
        uint32_t docs = bp_model_block_docs(
            st->loaded, bp_block_key(site, b->text, b->len));
        if (docs >= (uint32_t)st->learned_min_docs &&
            (double)docs >= st->learned_min_share * (double)site_docs) {
            float share = (float)docs / (float)site_docs;
            bp_flag_score(&info[i], BP_REASON_LEARNED,
                          bp_reason_score(BP_REASON_LEARNED) +
                              0.3f * (share > 1.0f ? 1.0f : share));
        }
    }
}

/* Adds the reasons of the removed blocks to their counters: each counter
 * once a document, with its total, at the block that first names it, so
 * that the counters are made in the order the blocks name them (as one
 * call a block would; a call a block was 15,050 look-ups by name on 5 MB
 * of news pages). */
static void count_reasons(sl_ctx *ctx, const sl_doc *doc, const bp_info *info)
{
    uint64_t total[BP_REASON_COUNT] = {0};
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (doc->blocks[i].flags & SL_BLOCK_BOILERPLATE)
            total[info[i].reason]++;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        bp_reason r = info[i].reason;
        if (!(doc->blocks[i].flags & SL_BLOCK_BOILERPLATE) ||
            r == BP_REASON_NONE || total[r] == 0)
            continue;
        /* counter names must be static: the table's are */
        sl_count(ctx, bp_reasons[r].counter, total[r]);
        total[r] = 0;
    }
}

/* Scores every block, with info[] (one per block, zeroed) as scratch, and
 * flags those at or above min_score. */
static sl_status judge_blocks(sl_ctx *ctx, bp_state *st, sl_doc *doc,
                              bp_info *info)
{
    uint64_t site = 0;
    if (st->learner || st->loaded)
        site = bp_site_key(doc);
    if (st->learner && learn(st, doc, site) < 0)
        return sl_fail(ctx, "out of memory learning blocks");
    bp_measure(doc, info);
    int html = doc->blocks[0].html != NULL;
    if (html) {
        bp_rules_html(doc, info, st);
        bp_references(doc, info);
        bp_closing_links(doc, info, st);
        bp_author_cards(doc, info);
        bp_repeated_headings(doc, info);
    } else
        bp_rules_text(doc, info, st);
    if (st->loaded)
        apply_model(st, doc, info, site);
    if (bp_title(doc, info, st) < 0)
        return sl_fail(ctx, "out of memory setting the title");
    if (st->smooth) {
        bp_smooth(doc, info, st);
        if (html)
            bp_empty_sections(doc, info, st);
    }
    float min = (float)st->min_score;
    if (html) {
        bp_orphan_lead_ins(doc, info, min);
        bp_keep_image_alt(doc, info, min);
    }
    uint64_t removed = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        b->score = info[i].score;
        if (info[i].score >= min && !(b->flags & SL_BLOCK_TITLE)) {
            b->flags |= SL_BLOCK_BOILERPLATE;
            b->reason = bp_reason_name(info[i].reason);
            removed++;
        } else {
            b->reason =
                info[i].score > 0.0f ? bp_reason_name(info[i].reason) : NULL;
        }
    }
    if (removed > 0)
        sl_count(ctx, "removed", removed);
    count_reasons(ctx, doc, info);
    return SL_OK;
}

static sl_status bp_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    if (doc->n_blocks == 0)
        return SL_OK;
    /* scratch for this call only: freed here rather than kept in the
     * document's arena until the document leaves the pipeline */
    bp_info *info = calloc(doc->n_blocks, sizeof *info);
    if (!info)
        return sl_fail(ctx, "out of memory scoring blocks");
    sl_status status = judge_blocks(ctx, state, doc, info);
    free(info);
    return status;
}

static sl_status bp_flush(sl_ctx *ctx, void *state)
{
    bp_state *st = state;
    if (!st->learner)
        return SL_OK;
    char err[512];
    if (bp_learner_write(st->learner, st->learn_out, err, sizeof err) < 0)
        return sl_fail(ctx, "%s", err);
    sl_log(ctx, SL_LOG_INFO, "wrote boilerplate model %s", st->learn_out);
    return SL_OK;
}

const sl_plugin boilerplate_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "boilerplate",
    .summary = "flag site chrome, related lists, contacts and copies of the "
               "title, with a reason",
    .version = "0.1.0",
    .options = bp_options,
    .state_size = sizeof(bp_state),
    .init = bp_init,
    .process = bp_process,
    .flush = bp_flush,
    .fini = bp_fini,
};
