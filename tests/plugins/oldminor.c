/* tests/plugins/oldminor.c - a module built for ABI 1.2, the minor before
 * the editing helpers: a newer minor only adds, so the loader must still
 * take it. */
#include <sluice/plugin.h>

static sl_status oldminor_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return SL_OK;
}

/* SL_PLUGIN_ABI as the 1.2 headers wrote it. */
const sl_plugin oldminor_LTX_sluice_plugin = {
    .abi_major = 1,
    .abi_minor = 2,
    .sizeof_block = sizeof(sl_block),
    .sizeof_span = sizeof(sl_span),
    .sizeof_section = sizeof(sl_section),
    .sizeof_option = sizeof(sl_option),
    .name = "oldminor",
    .summary = "built for ABI 1.2",
    .version = "0",
    .process = oldminor_process,
};
