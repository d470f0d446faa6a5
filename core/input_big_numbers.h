/* core/input_big_numbers.h - numbers in a JSONL record that jansson cannot
 * hold exactly: an integer outside 64 bits (a 64-bit unsigned hash is
 * common) or a number whose exponent overflows a double (1e999). Rather
 * than lose the record, or the value's digits, such a number is kept as a
 * string holding its literal text.
 */
#ifndef SLUICE_CORE_INPUT_BIG_NUMBERS_H
#define SLUICE_CORE_INPUT_BIG_NUMBERS_H

#include <stddef.h>

/* A copy of the JSON text s[0..len) (malloc'd, NUL-terminated, *out_len
 * bytes) in which every such number outside strings is put between double
 * quotes. *quoted receives how many were; *starts (malloc'd, *quoted
 * entries) the offset in the copy of each opening quote, for mapping
 * positions back. Returns NULL when out of memory. */
char *sl_json_quote_big_numbers(const char *s, size_t len, size_t *out_len,
                                size_t **starts, size_t *quoted);

/* The offset in the original text of offset `at` in the copy. */
size_t sl_json_unquoted_offset(const size_t *starts, size_t quoted, size_t at);

#endif
