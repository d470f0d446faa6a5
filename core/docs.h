/* core/docs.h - creating and freeing documents (the core's side of the
 * document model; stages see only sluice/doc.h).
 */
#ifndef SLUICE_CORE_DOCS_H
#define SLUICE_CORE_DOCS_H

#include <sluice/doc.h>

/* A new empty document with its own arena, meta an empty object, id "".
 * NULL when out of memory. */
sl_doc *sl_doc_new(void);

/* Frees the document, its arena, its arrays, meta and span attrs. */
void sl_doc_free(sl_doc *doc);

/* Sets id/source to copies. Return 0 or -1. */
int sl_doc_set_id_copy(sl_doc *doc, const char *id, size_t len);
int sl_doc_set_source_copy(sl_doc *doc, const char *source);

/* Stores raw text (a copy) as the document's content. */
int sl_doc_set_raw_copy(sl_doc *doc, const char *text, size_t len);

/* Splits raw plain text into blocks: one block per non-blank line, with
 * its line number and the count of blank lines before it. Lines keep
 * their text without the line ending (LF, CRLF or CR). Returns 0 or -1. */
int sl_doc_split_lines(sl_doc *doc);

/* Bytes the document holds, for accounting. */
size_t sl_doc_footprint(const sl_doc *doc);

#endif
