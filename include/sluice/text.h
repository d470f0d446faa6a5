/* sluice/text.h - small UTF-8 and script helpers shared by the stages.
 *
 * They work on valid UTF-8 (the core validates every document before the
 * first stage) and never allocate.
 */
#ifndef SLUICE_TEXT_H
#define SLUICE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes the code point at s[*pos] (pos < len) and advances *pos past it.
 * On a malformed sequence returns U+FFFD and advances one byte. */
int32_t sl_utf8_next(const char *s, size_t len, size_t *pos);

/* Decodes the code point that ends just before s[*pos] (pos > 0) and moves
 * *pos back to its first byte. */
int32_t sl_utf8_prev(const char *s, size_t *pos);

/* sl_utf8_next and sl_utf8_prev for hot loops: the same result on every
 * input, with ASCII and well-formed three-byte characters (nearly all
 * Chinese text) decoded inline and the rest left to the library. */
static inline int32_t sl_utf8_next_inline(const char *s, size_t len,
                                          size_t *pos)
{
    const unsigned char *u = (const unsigned char *)s + *pos;
    if (u[0] < 0x80) {
        *pos += 1;
        return u[0];
    }
    if ((u[0] & 0xF0) == 0xE0 && len - *pos >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        int32_t cp =
            ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *pos += 3;
            return cp;
        }
    }
    return sl_utf8_next(s, len, pos);
}

static inline int32_t sl_utf8_prev_inline(const char *s, size_t *pos)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t end = *pos;
    if (u[end - 1] < 0x80) {
        *pos = end - 1;
        return u[end - 1];
    }
    if (end >= 3 && (u[end - 3] & 0xF0) == 0xE0 &&
        (u[end - 2] & 0xC0) == 0x80 && (u[end - 1] & 0xC0) == 0x80) {
        int32_t cp = ((u[end - 3] & 0x0F) << 12) | ((u[end - 2] & 0x3F) << 6) |
                     (u[end - 1] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *pos = end - 3;
            return cp;
        }
    }
    return sl_utf8_prev(s, pos);
}

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the byte count. */
size_t sl_utf8_encode(int32_t cp, char *out);

/* Code points in s[0..len), 32 bytes at a time (AVX2, when the processor
 * has it) or 16 (SSE2). */
size_t sl_utf8_count(const char *s, size_t len);

/* Offset of the first byte that is not valid UTF-8, or len when all of it
 * is valid. Overlong forms, surrogates and code points above U+10FFFF are
 * invalid. */
size_t sl_utf8_validate(const char *s, size_t len);

/* Han ideographs (CJK unified, extension A, compatibility). */
bool sl_is_han(int32_t cp);

/* Han, kana, hangul and CJK punctuation/full-width forms. */
bool sl_is_cjk(int32_t cp);

/* Sentence-ending punctuation: 。！？!?.；; and the ellipsis …. */
bool sl_is_sentence_end(int32_t cp);

/* Any punctuation, ASCII or CJK (，、：“”（）《》 ...). */
bool sl_is_punct(int32_t cp);

/* Unicode white space, including U+3000 and U+00A0. */
bool sl_is_space(int32_t cp);

#ifdef __cplusplus
}
#endif
#endif
