/* fuzz/fuzz_stage_chain.c - libFuzzer target: the default chain of stages
 * (html, normalize, boilerplate, sections, figures) on one document, then
 * the JSONL export of the result, so each stage meets what the stages
 * before it leave behind. The first byte picks plain text or HTML; the
 * rest is the document. Invariants are checked after every stage
 * (fuzz_support.c) and the exported record must parse as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "docs.h"
#include "fuzz_support.h"
#include "options.h"

extern const sl_plugin html_LTX_sluice_plugin;
extern const sl_plugin normalize_LTX_sluice_plugin;
extern const sl_plugin boilerplate_LTX_sluice_plugin;
extern const sl_plugin sections_LTX_sluice_plugin;
extern const sl_plugin figures_LTX_sluice_plugin;
extern const sl_plugin export_LTX_sluice_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void export_and_parse(sl_doc *doc)
{
    const char *tmp = fuzz_write_temp(NULL, 0, ".chain.jsonl");
    char path[600];
    snprintf(path, sizeof path, "%s", tmp);
    remove(path);
    const sl_plugin *plugin = &export_LTX_sluice_plugin;
    void *state = calloc(1, plugin->state_size);
    sl_ctx *ctx = sl_ctx_new("export", NULL);
    json_t *with = json_pack("{s:s, s:b, s:b}", "path", path, "overwrite", 1,
                             "show_removed", 1);
    const char *bad = NULL;
    char *message = NULL;
    if (!state || !ctx || !with ||
        sl_options_bind(plugin, state, with, &bad, &message) < 0)
        fuzz_fail("export options: %s", message ? message : "?");
    json_decref(with);
    if (plugin->init(ctx, state) != SL_OK ||
        plugin->process(ctx, state, doc) != SL_OK ||
        plugin->flush(ctx, state) != SL_OK)
        fuzz_fail("export failed: %s", sl_ctx_error(ctx));
    plugin->fini(state);
    sl_options_release(plugin, state);
    free(state);
    sl_ctx_free(ctx);
    json_error_t jerr;
    json_t *rec = json_load_file(path, 0, &jerr);
    if (!json_is_object(rec))
        fuzz_fail("the exported record does not parse: %s", jerr.text);
    if (!json_is_string(json_object_get(rec, "text")))
        fuzz_fail("the exported record has no text");
    json_decref(rec);
    remove(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    sl_content_type type = (data[0] & 1) ? SL_CONTENT_HTML : SL_CONTENT_TEXT;
    sl_doc *doc = fuzz_doc_from_bytes(data + 1, size - 1, type);
    if (!doc)
        return 0;
    if (type == SL_CONTENT_HTML &&
        sl_utf8_validate(doc->raw, doc->raw_len) != doc->raw_len) {
        sl_doc_free(doc); /* the reader hands stages valid UTF-8 only */
        return 0;
    }
    const sl_plugin *chain[] = {
        &html_LTX_sluice_plugin,        &normalize_LTX_sluice_plugin,
        &boilerplate_LTX_sluice_plugin, &sections_LTX_sluice_plugin,
        &figures_LTX_sluice_plugin,
    };
    sl_status status = SL_OK;
    for (size_t i = 0; i < sizeof chain / sizeof chain[0] && status == SL_OK;
         i++)
        status = fuzz_run_stage(chain[i], doc);
    if (status == SL_OK)
        export_and_parse(doc);
    sl_doc_free(doc);
    return 0;
}
