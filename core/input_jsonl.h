/* core/input_jsonl.h - one JSONL line made into a document: the text from
 * input.text_field, the id from input.id_field ("FILE:LINE" when the
 * record has none), every other field kept as metadata.
 */
#ifndef SLUICE_CORE_INPUT_JSONL_H
#define SLUICE_CORE_INPUT_JSONL_H

#include <stdbool.h>

#include <sluice/doc.h>

#include "input_buffer.h"
#include "reader.h"

/* True when the line holds only white space (such lines are skipped). */
bool sl_input_jsonl_blank(const char *text, size_t len);

/* Fills doc from one line of path. Returns 0, or -1 with err filled and
 * err->record holding the line: too long, invalid UTF-8, NUL byte, broken
 * JSON ("FILE:LINE:COLUMN: invalid JSON: <jansson's message>"), not an
 * object, text field missing or not a string, id of the wrong type, out
 * of memory. On success doc->meta is the record without its text and id
 * (doc may come from sl_doc_new_for_record, with no meta yet). */
int sl_input_jsonl_doc(sl_doc *doc, const sl_input_config *cfg,
                       const char *path, const sl_input_record *rec,
                       sl_read_error *err);

#endif
