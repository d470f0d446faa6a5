/* core/input_charset.h - HTML files in a legacy encoding. Scraped pages
 * saved as files are often GBK, GB2312, Big5 or Windows-1252; when such a
 * page is not valid UTF-8 and declares its charset in a <meta> near the
 * top, the reader converts it to UTF-8 (with the C library's iconv)
 * instead of refusing it. Text in JSONL is always UTF-8 and is never
 * converted.
 */
#ifndef SLUICE_CORE_INPUT_CHARSET_H
#define SLUICE_CORE_INPUT_CHARSET_H

#include <stddef.h>

/* Bytes at the start of a page searched for the charset declaration. */
#define SL_INPUT_CHARSET_SCAN ((size_t)8192)

/* Finds "charset=NAME" in the first SL_INPUT_CHARSET_SCAN bytes of html
 * and copies NAME (lower case) into name. Returns 1 when found, else 0. */
int sl_input_html_charset(const char *html, size_t len, char *name, size_t cap);

/* Converts html to UTF-8 from its declared or guessed charset. Returns a
 * malloc'd, NUL-terminated buffer with *out_len set, or NULL when the
 * bytes fit neither or memory runs out. *charset receives the declared
 * label or the guessed name ("" on failure). */
char *sl_input_html_to_utf8(const char *html, size_t len, size_t *out_len,
                            char *charset, size_t charset_cap);

/* Converts html from the named charset (a label such as "gbk") to UTF-8.
 * Returns a malloc'd, NUL-terminated buffer with *out_len set, or NULL
 * when iconv does not know the charset, the bytes do not fit it, or
 * memory runs out. */
char *sl_input_html_from_charset(const char *html, size_t len,
                                 const char *label, size_t *out_len);

#endif
