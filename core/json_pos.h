/* core/json_pos.h - finds where a value sits in JSON source text, so
 * errors about a parsed pipeline file can name FILE:LINE:COLUMN (jansson
 * keeps no positions once a document is parsed).
 */
#ifndef SLUICE_CORE_JSON_POS_H
#define SLUICE_CORE_JSON_POS_H

#include <stddef.h>

/* One step of a path: an object key, or an array index when key is NULL. */
typedef struct sl_json_step {
    const char *key;
    size_t index;
} sl_json_step;

/* Sets *line and *column (1-based) to the start of the value (or, with
 * want_key, of the key) at path. Returns 0, or -1 when not found (then
 * line/column point at the deepest step that was found, or 1:1). */
int sl_json_locate(const char *text, size_t len, const sl_json_step *path,
                   size_t depth, int want_key, int *line, int *column);

#endif
