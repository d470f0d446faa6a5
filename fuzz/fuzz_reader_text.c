/* fuzz/fuzz_reader_text.c - libFuzzer target: arbitrary bytes read as a
 * plain-text file (format "text"), with the default record limit and with
 * a tiny one, then split into line blocks.
 */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".txt");
    sl_input_config cfg = {.format = "text",
                           .content_type = "auto",
                           .text_field = "text",
                           .id_field = "id",
                           .max_doc_bytes = SL_INPUT_DEFAULT_MAX_DOC_BYTES};
    size_t docs = fuzz_read_file(path, &cfg);
    if (docs > 1)
        fuzz_fail("a text file gave %zu documents", docs);
    cfg.max_doc_bytes = 61;
    docs = fuzz_read_file(path, &cfg);
    if (docs > 0 && size > 61 + 3)
        fuzz_fail("a text file of %zu bytes passed a 61-byte limit", size);
    return 0;
}
