/* fuzz/fuzz_json_fast.c - libFuzzer target: the fast JSONL record parser
 * (core/input_json.c) against jansson on arbitrary bytes. Where the fast
 * parser takes a record, jansson must read the same object: the text
 * field decoded into the arena equal to jansson's string, the id field's
 * string equal to doc->id, and every other member equal to jansson's.
 * Where it gives up, jansson decides (nothing to compare).
 */
#include <jansson.h>
#include <string.h>

#include "docs.h"
#include "fuzz_support.h"
#include "input_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks that the member `field` of want, a string, equals the n bytes
 * at got, and removes it from want. */
static void take_string(json_t *want, const char *field, const char *got,
                        size_t n)
{
    const json_t *value = json_object_get(want, field);
    if (!json_is_string(value))
        fuzz_fail("the fast parser took field \"%s\", jansson has no string",
                  field);
    if (json_string_length(value) != n ||
        memcmp(json_string_value(value), got, n) != 0)
        fuzz_fail("field \"%s\" differs from jansson's", field);
    json_object_del(want, field);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    sl_doc *doc = sl_doc_new_for_record();
    if (!doc)
        return 0;
    json_t *record = NULL;
    bool has_text = false, has_id = false;
    sl_json_fast_result fast = sl_json_fast_record(
        line, size, "text", "id", doc, &record, &has_text, &has_id);
    if (fast != SL_JSON_FAST_OK) {
        if (record)
            fuzz_fail("a record left after the fast parser gave up");
        sl_doc_free(doc);
        return 0;
    }
    json_error_t error;
    json_t *want = json_loadb(line, size, JSON_ALLOW_NUL, &error);
    if (!json_is_object(want))
        fuzz_fail("the fast parser took a record jansson refuses: %s",
                  error.text);
    if (has_text) {
        if (memchr(doc->raw, '\0', doc->raw_len))
            fuzz_fail("a NUL in the text the fast parser took");
        take_string(want, "text", doc->raw, doc->raw_len);
    }
    if (has_id) {
        size_t n = strlen(doc->id);
        if (n == 0)
            fuzz_fail("an empty id taken as the document's");
        take_string(want, "id", doc->id, n);
    }
    if (!json_equal(record, want))
        fuzz_fail("the other members differ from jansson's");
    json_decref(want);
    json_decref(record);
    sl_doc_free(doc);
    return 0;
}
