/* plugins/boilerplate/bp_lexicon.h - stop phrases of site chrome in
 * Chinese and English (contact, copyright, related, share, login, ...),
 * matched in one pass over a short block.
 */
#ifndef SLUICE_BP_LEXICON_H
#define SLUICE_BP_LEXICON_H

#include <stddef.h>

/* What a block's phrases say. */
typedef struct bp_lexicon_hit {
    const char *reason; /* reason of the strongest phrase, or NULL */
    float strength;     /* 0..1 */
    int hits;           /* how many phrases matched */
    int related_header; /* a "related articles:" style header */
} bp_lexicon_hit;

/* Looks for stop phrases in text (len bytes, chars code points). Phrases
 * only count in blocks no longer than the phrase allows. */
void bp_lexicon_match(const char *text, size_t len, size_t chars,
                      bp_lexicon_hit *hit);

/* True when text is a template site's blurb about its own articles
 * ("以下是...小编精心为您推荐的...供大家参考"). */
int bp_is_seo_blurb(const char *text, size_t len, size_t chars);

#endif
