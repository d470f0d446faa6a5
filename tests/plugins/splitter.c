/* tests/plugins/splitter.c - a stage that emits documents (sl_emit), for
 * the engine's tests. A document whose record holds
 *   SPLIT-ME     becomes one document per block: each block is emitted
 *                as a document of its own, and the original is dropped
 *                with the reason "split";
 *   EMIT-BROKEN  emits one document with a span past its only block
 *                (--check-docs must blame this stage);
 *   EMIT-FAIL    emits a document, then fails (the emitted one must be
 *                discarded).
 * Built twice: as "splitter" (unordered) and, with SPLITTER_ORDERED
 * defined, as "splitter_ordered" (ordered).
 */
#include <string.h>

#include <sluice/sluice.h>

#ifdef SPLITTER_ORDERED
#define SPLITTER_NAME "splitter_ordered"
#define SPLITTER_FLAGS SL_STAGE_ORDERED
#define SPLITTER_SYMBOL splitter_ordered_LTX_sluice_plugin
#else
#define SPLITTER_NAME "splitter"
#define SPLITTER_FLAGS 0u
#define SPLITTER_SYMBOL splitter_LTX_sluice_plugin
#endif

static sl_status split(sl_ctx *ctx, const sl_doc *doc)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        sl_doc *part = sl_emit(ctx, doc);
        if (!part || !sl_doc_append_block_copy(part, b->kind, b->text, b->len))
            return sl_fail(ctx, "out of memory");
    }
    return sl_drop(ctx, "split");
}

static sl_status splitter_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)state;
    const char *text = doc->raw ? doc->raw : "";
    if (strstr(text, "SPLIT-ME"))
        return split(ctx, doc);
    if (strstr(text, "EMIT-BROKEN")) {
        sl_doc *part = sl_emit(ctx, doc);
        if (!part ||
            !sl_doc_append_block_copy(part, SL_BLOCK_PARAGRAPH, "part", 4))
            return sl_fail(ctx, "out of memory");
        sl_span *span = sl_doc_add_span(part, "broken", 0, 0, 0);
        if (!span)
            return sl_fail(ctx, "out of memory");
        span->end = 9;
    }
    if (strstr(text, "EMIT-FAIL")) {
        sl_doc *part = sl_emit(ctx, doc);
        if (part)
            sl_doc_append_block_copy(part, SL_BLOCK_PARAGRAPH, "lost", 4);
        return sl_fail(ctx, "failed after emitting");
    }
    return SL_OK;
}

const sl_plugin SPLITTER_SYMBOL = {
    SL_PLUGIN_ABI,
    .name = SPLITTER_NAME,
    .summary = "test stage: splits marked documents into one per block",
    .version = "1.0",
    .state_size = 1,
    .flags = SPLITTER_FLAGS,
    .process = splitter_process,
};
