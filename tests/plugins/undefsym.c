/* tests/plugins/undefsym.c - a module that uses a variable no library
 * defines, as a plugin built against another sluice might, so that the
 * loader's report of the dynamic loader's own reason can be tested. A
 * variable rather than a function: data references are resolved when the
 * module is opened, functions only when first called. */
#include <sluice/plugin.h>

extern int sl_test_symbol_nobody_defines;

static sl_status undefsym_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return sl_test_symbol_nobody_defines ? SL_OK : SL_DROP;
}

const sl_plugin undefsym_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "undefsym",
    .summary = "needs a symbol nobody defines",
    .version = "0",
    .process = undefsym_process,
};
