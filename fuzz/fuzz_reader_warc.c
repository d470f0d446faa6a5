/* fuzz/fuzz_reader_warc.c - libFuzzer target: arbitrary bytes read as a
 * WARC file (named .warc.gz or .warc.zst when they start with that magic,
 * else .warc), with the default record limit and with a tiny one. Broken
 * records, HTTP heads, chunks and content codings must end in a reported
 * failure and reading on, never a crash, a leak or a loop.
 */
#include "fuzz_support.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *suffix = ".warc";
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        suffix = ".warc.gz";
    else if (size >= 4 && data[0] == 0x28 && data[1] == 0xb5 &&
             data[2] == 0x2f && data[3] == 0xfd)
        suffix = ".warc.zst";
    const char *path = fuzz_write_temp(data, size, suffix);
    sl_input_config cfg = {.format = "auto",
                           .content_type = "auto",
                           .text_field = "text",
                           .id_field = "id",
                           .max_doc_bytes = SL_INPUT_DEFAULT_MAX_DOC_BYTES};
    fuzz_read_file(path, &cfg);
    cfg.max_doc_bytes = 97;
    cfg.id_field = "WARC-Target-URI";
    fuzz_read_file(path, &cfg);
    return 0;
}
