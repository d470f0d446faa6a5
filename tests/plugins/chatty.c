/* tests/plugins/chatty.c - a stage that logs one message at each level
 * for every document (for -q and -v), and declares that it needs the html
 * stage (for the warning of `sluice check`). */
#include <sluice/plugin.h>

static sl_status chatty_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)state;
    sl_log(ctx, SL_LOG_WARN, "warning about %s", doc->id);
    sl_log(ctx, SL_LOG_INFO, "information about %s", doc->id);
    sl_log(ctx, SL_LOG_DEBUG, "debugging detail about %s", doc->id);
    return SL_OK;
}

const sl_plugin chatty_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "chatty",
    .summary = "test stage: logs at every level; needs html",
    .version = "0",
    .process = chatty_process,
    .needs = "html",
};
