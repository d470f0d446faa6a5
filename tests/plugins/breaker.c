/* tests/plugins/breaker.c - a stage that keeps documents but leaves
 * marked ones broken, for the tests of sl_doc_check and --check-docs: on
 * a record holding BREAK-SPAN it adds a span that ends past its block, on
 * BREAK-SECTION a section whose parent comes after it.
 */
#include <string.h>

#include <sluice/sluice.h>

static sl_status breaker_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)state;
    const char *text = doc->raw ? doc->raw : "";
    if (doc->n_blocks == 0)
        return SL_OK;
    if (strstr(text, "BREAK-SPAN")) {
        sl_span *span = sl_doc_add_span(doc, "broken", 0, 0, 0);
        if (!span)
            return sl_fail(ctx, "out of memory");
        span->end = doc->blocks[0].len + 5;
    }
    if (strstr(text, "BREAK-SECTION") &&
        !sl_doc_add_section(doc, 0, 1, (long)doc->n_sections + 1))
        return sl_fail(ctx, "out of memory");
    sl_count(ctx, "kept", 1);
    return SL_OK;
}

const sl_plugin breaker_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "breaker",
    .summary = "test stage: leaves marked documents broken",
    .version = "1.0",
    .state_size = 1,
    .process = breaker_process,
};
