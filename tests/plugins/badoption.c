/* tests/plugins/badoption.c - a module whose option table puts a field
 * past the end of its state (an offset typed by hand), so the loader's
 * refusal can be tested. */
#include <sluice/plugin.h>

typedef struct badoption_state {
    long limit;
} badoption_state;

static const sl_option badoption_options[] = {
    {"limit", SL_OPT_INT, "1", sizeof(badoption_state), 0, "h", NULL}, {0}};

static sl_status badoption_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    (void)ctx;
    (void)state;
    (void)doc;
    return SL_OK;
}

const sl_plugin badoption_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "badoption",
    .summary = "an option outside its state",
    .version = "0",
    .options = badoption_options,
    .state_size = sizeof(badoption_state),
    .process = badoption_process,
};
