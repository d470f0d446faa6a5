/* core/text_count.h - the code point count of sl_utf8_count at a chosen
 * vector width, so that tests can compare each width with a count a byte
 * at a time whatever the processor supports.
 */
#ifndef SLUICE_CORE_TEXT_COUNT_H
#define SLUICE_CORE_TEXT_COUNT_H

#include <stddef.h>

/* Code points in s[0..len), read width bytes at a time at most: 32
 * (AVX2, when the build has it; the caller checks the processor), 16
 * (SSE2, when the build has it), anything lower a word at a time. */
size_t sl_utf8_count_width(const char *s, size_t len, unsigned width);

#endif
