/* core/input_json.h - a fast parser for the usual JSONL record: one JSON
 * object per line whose text field is a string. It decodes the text field
 * straight into the document's arena and builds the other fields as
 * jansson values, several times faster than json_loadb on long texts.
 *
 * It is only a fast path: on anything it does not handle or that is not
 * valid JSON (a syntax error, a lone surrogate escape, a NUL in a key, a
 * number out of range, very deep nesting, a byte that is not UTF-8) it
 * gives up, and the caller runs
 * jansson on the line, which yields the same document or the error
 * message with line and column.
 */
#ifndef SLUICE_CORE_INPUT_JSON_H
#define SLUICE_CORE_INPUT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <sluice/doc.h>

typedef enum sl_json_fast_result {
    SL_JSON_FAST_OK = 0,  /* parsed */
    SL_JSON_FAST_GIVE_UP, /* use the general parser */
    SL_JSON_FAST_NO_MEMORY
} sl_json_fast_result;

/* Parses s[0..len) as one JSON object, checking as it goes that its bytes
 * are UTF-8 without NUL: on success every byte was checked, and a byte
 * that is not UTF-8 makes it give up (the caller's check then describes
 * it). On success *record holds every field except text_field (a new
 * reference) and, when the record has text_field as a string,
 * doc->raw/raw_len hold its decoded text (in the arena; never with a NUL:
 * a text holding \u0000 makes it give up, and the caller refuses the
 * record) and *has_text is true. With id_field (NULL: none), an id field
 * that comes once as a string, not empty and without NUL, is copied into
 * the arena as doc->id and left out of *record, and *has_id is true (any
 * other value of it stays in *record; a second id field makes it give
 * up).
 * On other results nothing is left to free (doc->raw and doc->id may have
 * been set). */
/* The loops that copy and check the plain bytes of the text field: one
 * byte at a time (the reference the tests compare with), 16 bytes at a
 * time (SSE2; eight without), 32 (AVX2: only where sl_json_has_avx2). */
typedef enum sl_json_chunks {
    SL_JSON_CHUNKS_NONE = 0,
    SL_JSON_CHUNKS_SSE2,
    SL_JSON_CHUNKS_AVX2
} sl_json_chunks;

/* Whether the processor runs the AVX2 loop (false where it is not
 * built). */
bool sl_json_has_avx2(void);

/* Decodes the string body that starts at s[start] (after the opening
 * quote, start >= 2) into out, which has room for len - start bytes, in
 * one pass that also checks the bytes are UTF-8, with the given loops.
 * Returns the decoded length and sets *close to the closing quote, or
 * returns (size_t)-1 when the string is malformed (a raw control
 * character, a bad escape, \u0000, no closing quote, a byte that is not
 * UTF-8): the caller's checks then say why. */
size_t sl_json_decode_text(const char *s, size_t start, size_t len, char *out,
                           size_t *close, sl_json_chunks chunks);

sl_json_fast_result sl_json_fast_record(const char *s, size_t len,
                                        const char *text_field,
                                        const char *id_field, sl_doc *doc,
                                        json_t **record, bool *has_text,
                                        bool *has_id);

#endif
