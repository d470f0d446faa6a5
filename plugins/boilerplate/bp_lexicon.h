/* plugins/boilerplate/bp_lexicon.h - stop phrases of site chrome in
 * Chinese and English (contact, copyright, related, share, login, ...),
 * matched in one pass over a short block (phrases are indexed by their
 * first character).
 */
#ifndef SLUICE_BP_LEXICON_H
#define SLUICE_BP_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "bp_reasons.h"

/* What a block's phrases say. */
typedef struct bp_lexicon_hit {
    bp_reason reason;   /* reason of the strongest phrase, or NONE */
    float strength;     /* 0..1 */
    int hits;           /* phrase occurrences found */
    int related_header; /* a "related articles:" style header */
    int blurb_open; /* phrases that open a site blurb ("以下是", "小编") */
    int blurb_close; /* phrases that close one ("供大家参考") */
} bp_lexicon_hit;

enum {
    BP_LEXICON_MAX_CHARS = 250, /* longer blocks have no stop phrases */
    BP_LEXICON_MAX_STARTS = 256 /* room for the starts of a block that short */
};

/* The positions of a block where a stop phrase may start, noted during a
 * pass over its characters: a position is noted when a phrase starting
 * there may still count, the characters read up to it being no more than
 * its bp_lexicon_reach. */
typedef struct bp_phrase_starts {
    size_t at[BP_LEXICON_MAX_STARTS];
    size_t n;
    int all; /* the pass could not note them: look everywhere */
} bp_phrase_starts;

/* The longest block, in code points, in which some phrase starting with
 * each three-byte character counts (indexed by its code point); 0 when no
 * phrase starts with it. Filled by bp_lexicon_init. */
extern uint8_t bp_lexicon_reach_by_char[65536];

/* Nonzero for a byte some phrase starts with (an ASCII letter in either
 * case): at a character starting with another byte, bp_lexicon_reach is
 * 0 or no phrase can be there. Filled by bp_lexicon_init. */
extern uint8_t bp_lexicon_first_bytes[256];

/* Builds the phrase index (once; later calls return at once). */
void bp_lexicon_init(void);

/* The longest block, in code points, in which some phrase starting at
 * text + pos counts (text has len bytes); 0 when none starts there. For a
 * three-byte character cp that is bp_lexicon_reach_by_char[cp]. */
unsigned bp_lexicon_reach(const char *text, size_t pos, size_t len);

/* False when no phrase can start at the three-byte character cp at
 * text + pos (text has len bytes): none has its first six bytes (the
 * character and the three bytes after it) there. A second test, after
 * bp_lexicon_reach_by_char, for the characters that open phrases. */
int bp_lexicon_may_start(const char *text, size_t pos, size_t len, int32_t cp);

/* Looks for stop phrases in text (len bytes, chars code points). Phrases
 * only count in blocks no longer than the phrase allows. */
void bp_lexicon_match(const char *text, size_t len, size_t chars,
                      bp_lexicon_hit *hit);

/* bp_lexicon_match looking only at the noted starts (everywhere when
 * starts->all is set). The starts must have been noted stepping through
 * text a character at a time by its lead byte, as bp_lexicon_match
 * does. */
void bp_lexicon_match_starts(const char *text, size_t len, size_t chars,
                             const bp_phrase_starts *starts,
                             bp_lexicon_hit *hit);

/* True when the phrases found make a template site's blurb about its own
 * articles ("以下是...小编精心为您推荐的...供大家参考"). */
int bp_is_seo_blurb(const bp_lexicon_hit *hit);

#endif
