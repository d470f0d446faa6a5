/* plugins/dedup/dedup_text.h - what deduplication sees of a document: its
 * kept text normalised (NFKC, case folded, full-width and CJK punctuation
 * folded to ASCII, runs of white space made one space), a 64-bit
 * fingerprint of that text for exact duplicates, and the hashes of its
 * shingles for near duplicates: runs of characters for Chinese, Japanese
 * and Korean text, runs of words otherwise.
 */
#ifndef SLUICE_DEDUP_TEXT_H
#define SLUICE_DEDUP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <sluice/doc.h>

/* Reused from document to document; zero it before the first use. */
typedef struct dedup_text {
    uint32_t *chars; /* the normalised text, as code points */
    size_t n_chars, cap_chars;
    uint64_t *shingles; /* shingle hashes */
    size_t n_shingles, cap_shingles;
    uint32_t *letters; /* the letters and digits, for character shingles */
    size_t cap_letters;
    uint64_t *words; /* word hashes, for word shingles */
    size_t n_words, cap_words;
    uint64_t fingerprint; /* of the normalised text */
    int cjk;              /* shingles are characters, not words */
} dedup_text;

/* Reads doc's kept blocks (neither removed nor merged) into t: the
 * fingerprint, and the hashes of its shingles: runs of `chars`
 * characters for CJK text (at least 30% of its letters are Han, kana or
 * hangul), of `words` words otherwise. A text shorter than one shingle
 * has one shingle: itself. Returns 0, or -1 when out of memory. */
int dedup_text_read(dedup_text *t, const sl_doc *doc, size_t chars,
                    size_t words);

/* The same for a string (for tests and tools). */
int dedup_text_read_string(dedup_text *t, const char *s, size_t len,
                           size_t chars, size_t words);

void dedup_text_free(dedup_text *t);

#endif
