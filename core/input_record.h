/* core/input_record.h - what every record goes through before it becomes
 * a document: the UTF-8 and NUL check (with a description of the first bad
 * byte), byte-order-mark stripping, and the HTML sniff for content_type
 * "auto"; and the making of a document from a whole file (text or HTML).
 */
#ifndef SLUICE_CORE_INPUT_RECORD_H
#define SLUICE_CORE_INPUT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sluice/doc.h>

#include "input_buffer.h"
#include "reader.h"

/* The first byte of a record that a document may not hold. */
typedef struct sl_bad_byte {
    size_t at;        /* offset in the checked text */
    const char *what; /* "NUL byte", "stray continuation byte", "overlong
                         encoding", "UTF-16 surrogate", "code point above
                         U+10FFFF", "truncated sequence", "invalid byte" */
    char bytes[16];   /* the bytes there, in hex: "ed a0 80" */
} sl_bad_byte;

/* Returns true when s[0..len) is valid UTF-8 without NUL bytes; otherwise
 * false with *bad describing the first offending byte. */
bool sl_input_text_ok(const char *s, size_t len, sl_bad_byte *bad);

/* Offset of the first byte of s[0..len) that is NUL or not valid UTF-8,
 * or len: the test of sl_input_text_ok without the description. */
size_t sl_input_first_bad_byte(const char *s, size_t len);

/* Moves *s past a leading UTF-8 byte-order mark. Returns the bytes
 * skipped (0 or 3). */
size_t sl_input_skip_bom(const char **s, size_t *len);

/* True when s starts, after white space and a byte-order mark, with
 * "<!DOCTYPE" or "<html" (any case). Comments ("<!-- -->") and an XML
 * declaration ("<?xml ...?>") before it are passed over. */
bool sl_input_looks_like_html(const char *s, size_t len);

/* Newlines in s[0..len), for turning a byte offset into a line. */
uint64_t sl_input_count_lines(const char *s, size_t len);

/* The content type for a record: cfg->content_type "text" or "html" as
 * given; "auto" (or NULL) means HTML when html_by_name (an HTML file read
 * with format auto or html) or when the text looks like HTML. */
sl_content_type sl_input_content_type(const sl_input_config *cfg,
                                      bool html_by_name, const char *text,
                                      size_t len);

/* Fills doc from a whole-file record (text or HTML): raw = the bytes
 * without a leading BOM, id = source = path, source_offset. Returns 0, or
 * -1 with err filled (SL_READ_BAD_DOC: too long, invalid UTF-8, NUL,
 * out of memory). `reader` names the format in errors. */
int sl_input_file_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                      const char *reader, bool html_by_name,
                      const sl_input_record *rec, sl_read_error *err);

/* Like sl_input_file_doc, for a page that came with the charset its
 * transport declared (an HTTP Content-Type's charset, "" when it
 * declared none, NULL for a file): bytes that are not UTF-8 are converted
 * from it when they bear it out, before the page's own declaration and a
 * guess are tried. With a transport, text pages are converted too, not
 * only HTML. */
int sl_input_page_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                      const char *reader, bool html_by_name,
                      const char *transport_charset, const sl_input_record *rec,
                      sl_read_error *err);

#endif
