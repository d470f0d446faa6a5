/* fuzz/fuzz_reader_compressed.c - libFuzzer target: the gzip and zstd
 * input path. The bytes are written under a .jsonl.gz or .jsonl.zst name
 * chosen by their magic bytes (or a .gz name when neither matches, to
 * exercise the misnamed-file check) and read to the end: truncated,
 * corrupt and multi-member streams must end in an error, never a crash.
 */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *suffix = ".jsonl.gz";
    if (size >= 4 && data[0] == 0x28 && data[1] == 0xb5 && data[2] == 0x2f &&
        data[3] == 0xfd)
        suffix = ".jsonl.zst";
    const char *path = fuzz_write_temp(data, size, suffix);
    sl_input_config cfg = {.format = "auto",
                           .content_type = "auto",
                           .text_field = "text",
                           .id_field = "id",
                           .max_doc_bytes = 1 << 16};
    fuzz_read_file(path, &cfg);
    return 0;
}
