/* tests/plugins/wrongabi.c - a module that claims a future plugin ABI, so
 * the loader's refusal can be tested. */
#include <sluice/plugin.h>

static sl_status wrongabi_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return SL_OK;
}

const sl_plugin wrongabi_LTX_sluice_plugin = {
    .abi_major = 99,
    .abi_minor = 0,
    .name = "wrongabi",
    .summary = "claims ABI 99.0",
    .version = "0",
    .process = wrongabi_process,
};
