/* core/input_charset_shape.h - what the high bytes of a page look like,
 * to tell whether a declared charset fits them and to guess one when it
 * does not. GBK text is pairs of bytes 0xA1-0xFE (GB2312's common
 * characters); Big5 text is pairs whose second byte is 0xA1-0xFE or, for
 * about a third of its common characters, 0x40-0x7E; Latin-1 text has
 * single high bytes between ASCII letters.
 */
#ifndef SLUICE_CORE_INPUT_CHARSET_SHAPE_H
#define SLUICE_CORE_INPUT_CHARSET_SHAPE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sl_charset_shape {
    size_t high_pairs; /* a byte 0x81-0xFE followed by one 0xA1-0xFE */
    size_t low_pairs;  /* a byte 0x81-0xFE followed by one 0x40-0x7E */
    size_t other;      /* any other byte 0x80 or above */
} sl_charset_shape;

/* Counts the shape of s[0..len). */
void sl_charset_shape_of(const char *s, size_t len, sl_charset_shape *shape);

/* True when the bytes can be text in the charset family of `name` (an
 * iconv name such as "GB18030", "BIG5-HKSCS", "WINDOWS-1252", "UTF-16"):
 * a page whose declaration was readable as ASCII is never UTF-16 or
 * UTF-32; double-byte pages must pair their high bytes the way their
 * charset does; a Latin page must not look like a double-byte one. Other
 * charsets, and pages with too few high bytes to tell, fit. */
bool sl_charset_shape_fits(const sl_charset_shape *shape, const char *name);

/* The likeliest charset for bytes that are not UTF-8: "GB18030" or
 * "BIG5-HKSCS" for double-byte text, else "WINDOWS-1252". */
const char *sl_charset_shape_guess(const sl_charset_shape *shape);

#endif
