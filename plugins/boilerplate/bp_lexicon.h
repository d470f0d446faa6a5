/* plugins/boilerplate/bp_lexicon.h - stop phrases of site chrome in
 * Chinese and English (contact, copyright, related, share, login, ...),
 * matched in one pass over a short block (phrases are indexed by their
 * first character).
 */
#ifndef SLUICE_BP_LEXICON_H
#define SLUICE_BP_LEXICON_H

#include <stddef.h>

/* What a block's phrases say. */
typedef struct bp_lexicon_hit {
    const char *reason; /* reason of the strongest phrase, or NULL */
    float strength;     /* 0..1 */
    int hits;           /* phrase occurrences found */
    int related_header; /* a "related articles:" style header */
    int blurb_open;     /* phrases that open a site blurb ("以下是", "小编") */
    int blurb_close;    /* phrases that close one ("供大家参考") */
} bp_lexicon_hit;

/* Looks for stop phrases in text (len bytes, chars code points). Phrases
 * only count in blocks no longer than the phrase allows. */
void bp_lexicon_match(const char *text, size_t len, size_t chars,
                      bp_lexicon_hit *hit);

/* True when the phrases found make a template site's blurb about its own
 * articles ("以下是...小编精心为您推荐的...供大家参考"). */
int bp_is_seo_blurb(const bp_lexicon_hit *hit);

#endif
