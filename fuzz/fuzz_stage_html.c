/* fuzz/fuzz_stage_html.c - libFuzzer target: the html stage on arbitrary
 * bytes as an HTML page. The page's raw bytes are given as they are (the
 * stage detects and converts charsets itself, so it must cope with any
 * bytes); then the blocks it builds are checked (fuzz_support.c).
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
