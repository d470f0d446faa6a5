/* core/docs.h - creating and freeing documents (the core's side of the
 * document model; stages see only sluice/doc.h).
 */
#ifndef SLUICE_CORE_DOCS_H
#define SLUICE_CORE_DOCS_H

#include <sluice/doc.h>

/* sl_doc_new, sl_doc_free, sl_doc_set_id_copy, sl_doc_set_raw_copy,
 * sl_doc_split_lines and sl_doc_check are public: sluice/doc.h. */

/* A new empty document like sl_doc_new's, but with meta NULL: for a
 * reader that sets meta to the record it parses (JSONL), which saves
 * making an empty object only to replace it. Until then it may only be
 * filled or freed. */
sl_doc *sl_doc_new_for_record(void);

/* Sets source to a copy. Returns 0 or -1. */
int sl_doc_set_source_copy(sl_doc *doc, const char *source);

/* Bytes the document holds, for accounting. */
size_t sl_doc_footprint(const sl_doc *doc);

#endif
