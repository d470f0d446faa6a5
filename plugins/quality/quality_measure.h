/* plugins/quality/quality_measure.h - what the quality stage measures of
 * a document's kept text, in one pass plus one hashing pass for the
 * repetition figures. The rules (quality.c) compare these with their
 * thresholds. */
#ifndef SLUICE_QUALITY_MEASURE_H
#define SLUICE_QUALITY_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

enum { QM_MIN_NGRAM = 2, QM_MAX_NGRAM = 10 };

typedef struct quality_measure {
    /* words (runs of non-space characters) */
    size_t words, word_chars, alpha_words, stop_words, symbols;
    /* lines (blocks split at newlines) and paragraphs (blocks) */
    size_t lines, bullet_lines, ellipsis_lines, punct_end_lines;
    size_t short_lines, line_chars;
    size_t c4_sentences; /* sentences in lines C4's line filter keeps */
    size_t dup_lines, dup_line_chars, paragraphs, dup_paragraphs;
    size_t dup_paragraph_chars, para_chars;
    bool lorem_ipsum, curly_brace;
    /* characters: all non-space, CJK, punctuation, special */
    size_t chars, cjk, punct, special, sentence_ends, flagged;
    /* repetition: characters in the most frequent word n-gram (n 2..4),
     * and in word n-grams seen twice or more (n 5..10) */
    double top_ngram[QM_MAX_NGRAM + 1];
    double dup_ngram[QM_MAX_NGRAM + 1];
    /* characters in character 10-grams seen twice or more (Chinese) */
    double dup_char_ngram;
} quality_measure;

/* Measures text[0..len) (valid UTF-8, blocks joined by '\n', paragraphs
 * by "\n\n"). Returns 0, or -1 when memory runs out. */
int quality_measure_text(const char *text, size_t len, quality_measure *m);

#endif
