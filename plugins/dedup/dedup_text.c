/* plugins/dedup/dedup_text.c - normalised text, fingerprint and shingle
 * hashes of a document (see dedup_text.h).
 */
#include "dedup_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

/* Seeds, so the fingerprint, word and shingle hashes differ. */
enum { SEED_WORD = 0x5c17, SEED_SHINGLE = 0x51c3 };

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = cap2;
    return 0;
}

/* CJK and other punctuation folded to its ASCII look-alike, so a copy
 * that changed 。 to . or “ to " has the same fingerprint. */
static uint32_t fold_punctuation(uint32_t c)
{
    switch (c) {
    case 0x3002: return '.'; /* 。 */
    case 0xFF61: return '.'; /* ｡ */
    case 0x3001: return ','; /* 、 */
    case 0xFF64: return ','; /* ､ */
    case 0x201C:
    case 0x201D:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
    case 0x301D:
    case 0x301E: return '"';
    case 0x2018:
    case 0x2019: return '\'';
    case 0x300A:
    case 0x3008: return '<'; /* 《 〈 */
    case 0x300B:
    case 0x3009: return '>';
    case 0x3010:
    case 0x3014:
    case 0x3016: return '[';
    case 0x3011:
    case 0x3015:
    case 0x3017: return ']';
    case 0x2014:
    case 0x2013:
    case 0x2015:
    case 0x2212: return '-';
    case 0x2026: return '.'; /* … */
    case 0x00B7:
    case 0x30FB: return '.';
    default: return c;
    }
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 ||
           c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x200B || c == 0xFEFF;
}

static bool is_cjk_char(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF);
}

/* A letter or digit: part of a word or a character shingle. */
static bool is_word_char(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               (c >= 'A' && c <= 'Z');
    if (is_cjk_char(c))
        return true;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);
    return cat <= UTF8PROC_CATEGORY_NO && cat != UTF8PROC_CATEGORY_CN;
}

/* Appends code point c, folded, to t->chars (space runs become one). */
static int push(dedup_text *t, uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    c = fold_punctuation(c);
    if (is_space(c)) {
        if (t->n_chars == 0 || t->chars[t->n_chars - 1] == ' ')
            return 0;
        c = ' ';
    }
    if (grow((void **)&t->chars, &t->cap_chars, t->n_chars + 1,
             sizeof *t->chars) < 0)
        return -1;
    t->chars[t->n_chars++] = c;
    return 0;
}

/* Normalises one code point: ASCII, CJK ideographs and full-width ASCII
 * directly, anything else through utf8proc (NFKC, case folded). */
static int push_normalised(dedup_text *t, uint32_t c)
{
    if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF))
        return push(t, c);
    if (c >= 0xFF01 && c <= 0xFF5E)
        return push(t, c - 0xFEE0);
    utf8proc_int32_t out[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)c, out, 8,
        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
    if (n < 0 || n > 8)
        return push(t, c);
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (push(t, (uint32_t)out[i]) < 0)
            return -1;
    return 0;
}

/* Decodes UTF-8 (invalid bytes are skipped) and appends its text. */
static int add_utf8(dedup_text *t, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            if (push(t, b) < 0)
                return -1;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        if (push_normalised(t, (uint32_t)cp) < 0)
            return -1;
        i += (size_t)n;
    }
    return 0;
}

static int add_shingle(dedup_text *t, uint64_t h)
{
    if (grow((void **)&t->shingles, &t->cap_shingles, t->n_shingles + 1,
             sizeof *t->shingles) < 0)
        return -1;
    t->shingles[t->n_shingles++] = h;
    return 0;
}

/* Character shingles over the letters and digits (spaces and
 * punctuation left out, as they vary between copies). */
static int char_shingles(dedup_text *t, size_t size)
{
    if (grow((void **)&t->letters, &t->cap_letters, t->n_chars + 1,
             sizeof *t->letters) < 0)
        return -1;
    uint32_t *letters = t->letters;
    size_t w = 0;
    for (size_t i = 0; i < t->n_chars; i++)
        if (is_word_char(t->chars[i]))
            letters[w++] = t->chars[i];
    int rc = 0;
    if (w > 0 && w < size)
        rc = add_shingle(t, XXH3_64bits_withSeed(letters, w * sizeof *letters,
                                                 SEED_SHINGLE));
    for (size_t i = 0; rc == 0 && w >= size && i + size <= w; i++)
        rc = add_shingle(t, XXH3_64bits_withSeed(letters + i,
                                                 size * sizeof *letters,
                                                 SEED_SHINGLE));
    return rc;
}

/* Word shingles: runs of letters and digits are words. */
static int word_shingles(dedup_text *t, size_t size)
{
    t->n_words = 0;
    size_t i = 0;
    while (i < t->n_chars) {
        while (i < t->n_chars && !is_word_char(t->chars[i]))
            i++;
        size_t start = i;
        while (i < t->n_chars && is_word_char(t->chars[i]))
            i++;
        if (i == start)
            break;
        if (grow((void **)&t->words, &t->cap_words, t->n_words + 1,
                 sizeof *t->words) < 0)
            return -1;
        t->words[t->n_words++] = XXH3_64bits_withSeed(
            t->chars + start, (i - start) * sizeof *t->chars, SEED_WORD);
    }
    size_t n = t->n_words;
    if (n > 0 && n < size)
        return add_shingle(
            t,
            XXH3_64bits_withSeed(t->words, n * sizeof(uint64_t), SEED_SHINGLE));
    for (size_t k = 0; n >= size && k + size <= n; k++)
        if (add_shingle(t, XXH3_64bits_withSeed(t->words + k,
                                                size * sizeof(uint64_t),
                                                SEED_SHINGLE)) < 0)
            return -1;
    return 0;
}

/* Fingerprint and shingles of t->chars. */
static int finish(dedup_text *t, size_t chars, size_t words)
{
    while (t->n_chars > 0 && t->chars[t->n_chars - 1] == ' ')
        t->n_chars--;
    t->fingerprint = XXH3_64bits(t->chars, t->n_chars * sizeof *t->chars);
    size_t cjk = 0, letters = 0;
    for (size_t i = 0; i < t->n_chars; i++) {
        if (!is_word_char(t->chars[i]))
            continue;
        letters++;
        cjk += is_cjk_char(t->chars[i]);
    }
    t->cjk = letters > 0 && cjk * 10 >= letters * 3;
    t->n_shingles = 0;
    return t->cjk ? char_shingles(t, chars) : word_shingles(t, words);
}

int dedup_text_read(dedup_text *t, const sl_doc *doc, size_t chars,
                    size_t words)
{
    t->n_chars = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->flags & (SL_BLOCK_BOILERPLATE | SL_BLOCK_MERGED))
            continue;
        if (add_utf8(t, b->text, b->len) < 0 || push(t, '\n') < 0)
            return -1;
    }
    return finish(t, chars, words);
}

int dedup_text_read_string(dedup_text *t, const char *s, size_t len,
                           size_t chars, size_t words)
{
    t->n_chars = 0;
    if (add_utf8(t, s, len) < 0)
        return -1;
    return finish(t, chars, words);
}

void dedup_text_free(dedup_text *t)
{
    free(t->chars);
    free(t->shingles);
    free(t->letters);
    free(t->words);
    memset(t, 0, sizeof *t);
}
