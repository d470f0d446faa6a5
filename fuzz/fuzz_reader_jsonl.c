/* fuzz/fuzz_reader_jsonl.c - libFuzzer target: arbitrary bytes read as a
 * JSONL file, with the default record limit and with a tiny one; every
 * document and every error is checked (fuzz_support.c).
 */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".jsonl");
    sl_input_config cfg = {.format = "jsonl",
                           .content_type = "auto",
                           .text_field = "text",
                           .id_field = "id",
                           .max_doc_bytes = SL_INPUT_DEFAULT_MAX_DOC_BYTES};
    size_t docs = fuzz_read_file(path, &cfg);
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    if (docs > lines)
        fuzz_fail("%zu lines gave %zu documents", lines, docs);
    cfg.max_doc_bytes = 23;
    cfg.content_type = "html";
    fuzz_read_file(path, &cfg);
    return 0;
}
