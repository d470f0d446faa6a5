/* tests/plugins/wrongsize.c - a module that records an sl_block size other
 * than the core's, as a plugin compiled against edited headers would, so
 * the loader's refusal can be tested. */
#include <sluice/plugin.h>

static sl_status wrongsize_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return SL_OK;
}

/* SL_PLUGIN_ABI written out, with sizeof_block changed (initialising a
 * field twice would not build with -Werror). */
const sl_plugin wrongsize_LTX_sluice_plugin = {
    .abi_major = SL_ABI_MAJOR,
    .abi_minor = SL_ABI_MINOR,
    .sizeof_block = sizeof(sl_block) + 8,
    .sizeof_span = sizeof(sl_span),
    .sizeof_section = sizeof(sl_section),
    .sizeof_option = sizeof(sl_option),
    .name = "wrongsize",
    .summary = "records a bigger sl_block",
    .version = "0",
    .process = wrongsize_process,
};
