/* core/input_json_internal.h - what the files of the fast JSONL record
 * parser share: the bytes that end a plain run of a string (inlined where
 * the scans test them), and what each file lends the others, named
 * sl_json_*. Only input_json*.c include it.
 *
 * input_json.c         the record: the parser's state and scratch, keys,
 *                      strings, numbers, arrays and objects as jansson
 *                      values, the top-level members, the text field
 *                      decoded into the arena, sl_json_fast_record;
 * input_json_escape.c  string bodies: the scan for the end of a plain run,
 *                      the ASCII test, escapes decoded (\uXXXX with its
 *                      surrogate pairs to UTF-8);
 * input_json_text.c    the text field's one pass that decodes it and
 *                      checks its UTF-8, 16, 32 and 64 bytes a step (SSE2,
 *                      AVX2), sl_json_decode_text.
 */
#ifndef SLUICE_CORE_INPUT_JSON_INTERNAL_H
#define SLUICE_CORE_INPUT_JSON_INTERNAL_H

#include "input_json.h"

#include <stdbool.h>
#include <stddef.h>

static inline bool is_special(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

/* input_json_escape.c */
size_t sl_json_scan_plain(const char *s, size_t i, size_t len);
bool sl_json_is_ascii(const char *s, size_t len);
size_t sl_json_decode_escape(const char *s, size_t *i, size_t end, char *out);
size_t sl_json_decode_escapes(const char *s, size_t start, size_t end,
                              char *out);

#endif
