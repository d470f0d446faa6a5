/* fuzz/fuzz_pipeline_file.c - libFuzzer target: the pipeline file. The
 * input is a pipeline text, optionally followed by a NUL byte and --set
 * assignments one per line. The text is parsed, the assignments and an
 * -o output are applied, and the result is checked and loaded (the
 * structural checks, plugin lookup and option binding of
 * sl_pipeline_load). Every refusal must come with a message that names
 * its place.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void apply_sets(sl_pipeline_file *file, const char *sets, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, sets, len);
    copy[len] = '\0';
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *message = NULL;
        if (sl_pipeline_file_set(file, line, &message) < 0) {
            if (!message || strncmp(message, "--set ", 6) != 0)
                if (!message || strcmp(message, "out of memory") != 0)
                    fuzz_fail("--set refusal without its place: %s",
                              message ? message : "(none)");
        } else if (message) {
            fuzz_fail("--set succeeded with a message: %s", message);
        }
        free(message);
    }
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nul = memchr(text, '\0', size);
    size_t text_len = nul ? (size_t)(nul - text) : size;
    char *message = NULL;
    sl_pipeline_file *file =
        sl_pipeline_file_parse("fuzz.json", text, text_len, &message);
    if (!file) {
        if (!message || strncmp(message, "fuzz.json:", 10) != 0)
            fuzz_fail("parse refusal without its place: %s",
                      message ? message : "(none)");
        free(message);
        return 0;
    }
    if (nul)
        apply_sets(file, nul + 1, size - text_len - 1);
    sl_pipeline_file_set_output(file, "out.jsonl");
    sl_pipeline *pipeline = sl_pipeline_load(file, &message);
    if (!pipeline) {
        /* the place is the file's line and column, or the --set that
         * gave the value */
        if (!message || (strncmp(message, "fuzz.json:", 10) != 0 &&
                         strncmp(message, "--set ", 6) != 0 &&
                         strcmp(message, "out of memory") != 0))
            fuzz_fail("load refusal without its place: %s",
                      message ? message : "(none)");
        free(message);
    } else {
        if (message)
            fuzz_fail("load succeeded with a message: %s", message);
        sl_pipeline_free(pipeline);
    }
    sl_pipeline_file_free(file);
    return 0;
}
