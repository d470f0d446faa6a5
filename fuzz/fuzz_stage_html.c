/* fuzz/fuzz_stage_html.c - libFuzzer target: the html stage on arbitrary
 * bytes as an HTML page, made valid UTF-8 the way the reader guarantees
 * (it converts or refuses other charsets); then the blocks and title it
 * builds are checked (fuzz_support.c).
 */
#include "fuzz_support.h"

#include "docs.h"

extern const sl_plugin html_LTX_sluice_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sl_doc *doc = fuzz_doc_from_bytes(data, size, SL_CONTENT_HTML);
    if (!doc)
        return 0;
    fuzz_run_stage(&html_LTX_sluice_plugin, doc);
    sl_doc_free(doc);
    return 0;
}
