/* fuzz/fuzz_stage_normalize.c - libFuzzer target: the normalize stage on
 * arbitrary text, made valid UTF-8 the way the reader requires and split into
 * line blocks the way the engine does. The stage's sources are linked in; its
 * descriptor's init, process and fini run with the default options, then
 * the document's invariants are checked (fuzz_support.c).
 */
#include "fuzz_support.h"

#include "docs.h"

extern const sl_plugin normalize_LTX_sluice_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *doc = fuzz_doc_from_bytes(data, size, SL_CONTENT_TEXT);
    if (!doc)
        return 0;
    fuzz_run_stage(&normalize_LTX_sluice_plugin, doc);
    sl_doc_free(doc);
    return 0;
}
