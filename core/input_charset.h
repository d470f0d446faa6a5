/* core/input_charset.h - the charset of files, decided here and nowhere
 * else (the html stage receives UTF-8). A text or HTML file that starts
 * with a UTF-16 or UTF-32 byte order mark is decoded from it. Scraped
 * pages saved as files are often GBK, GB2312, Big5 or Windows-1252; when
 * such a page is not valid UTF-8, the reader converts it (with the C
 * library's iconv) from the charset declared in a <meta> near the top if
 * the bytes bear that out, else from a guess, instead of refusing it.
 * Text in JSONL is always UTF-8 and is never converted.
 */
#ifndef SLUICE_CORE_INPUT_CHARSET_H
#define SLUICE_CORE_INPUT_CHARSET_H

#include <stddef.h>

/* Bytes at the start of a page searched for the charset declaration. */
#define SL_INPUT_CHARSET_SCAN ((size_t)8192)

/* Finds "charset=NAME" in the first SL_INPUT_CHARSET_SCAN bytes of html
 * and copies NAME (lower case) into name. Returns 1 when found, else 0. */
int sl_input_html_charset(const char *html, size_t len, char *name, size_t cap);

/* Converts html to UTF-8 from its declared charset when the bytes bear it
 * out (see input_charset_shape.h: a Latin-1 page declaring UTF-16, GBK
 * declared as Big5 or the other way round do not), else from a guess.
 * Returns a malloc'd, NUL-terminated buffer with *out_len set, or NULL
 * when the bytes fit neither or memory runs out. *charset receives the
 * declared label or the guessed name ("" on failure); *ignored the
 * declared label when the bytes did not bear it out, else "". */
char *sl_input_html_to_utf8(const char *html, size_t len, size_t *out_len,
                            char *charset, size_t charset_cap, char *ignored,
                            size_t ignored_cap);

/* Converts a page to UTF-8 from the charset its transport declared (the
 * charset parameter of an HTTP Content-Type, which outranks a <meta>)
 * when the bytes bear it out. Returns a malloc'd, NUL-terminated buffer
 * with *out_len set, or NULL when the label is UTF-8 or unknown, does not
 * fit the bytes, or memory runs out (the caller then tries the page's own
 * declaration and a guess). */
char *sl_input_transport_to_utf8(const char *html, size_t len,
                                 const char *label, size_t *out_len);

/* The iconv name of the UTF-16 or UTF-32 encoding whose byte order mark
 * starts s ("UTF-16LE", "UTF-32BE"...), with *bom set to the mark's
 * length; NULL (and 0) when there is none. */
const char *sl_input_unicode_bom(const char *s, size_t len, size_t *bom);

/* Converts html from the named charset (a label such as "gbk") to UTF-8.
 * Returns a malloc'd, NUL-terminated buffer with *out_len set, or NULL
 * when iconv does not know the charset, the bytes do not fit it, or
 * memory runs out. */
char *sl_input_html_from_charset(const char *html, size_t len,
                                 const char *label, size_t *out_len);

#endif
