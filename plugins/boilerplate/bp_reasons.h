/* plugins/boilerplate/bp_reasons.h - the reasons the boilerplate stage
 * gives for a block's score: one constant table of their names (what
 * --explain prints and --stats counts as removed.<name>), the scores the
 * rules give and a line on what flags a block. The rules flag by enum;
 * the reason list of doc/boilerplate.md is generated from the table.
 */
#ifndef SLUICE_BP_REASONS_H
#define SLUICE_BP_REASONS_H

#include <stdio.h>

typedef enum bp_reason {
    BP_REASON_NONE = 0, /* no reason: the block scored nothing */
    BP_REASON_NAV,
    BP_REASON_CONTACT,
    BP_REASON_COPYRIGHT,
    BP_REASON_RELATED,
    BP_REASON_RELATED_LIST,
    BP_REASON_REFERENCES,
    BP_REASON_ACTION,
    BP_REASON_MORE,
    BP_REASON_SHARE,
    BP_REASON_LOGIN,
    BP_REASON_COMMENT,
    BP_REASON_AD,
    BP_REASON_BYLINE,
    BP_REASON_SEO_BLURB,
    BP_REASON_DUPLICATE_TITLE,
    BP_REASON_STRAY_NUMBER,
    BP_REASON_DATE,
    BP_REASON_POST_META,
    BP_REASON_OUTSIDE_MAIN,
    BP_REASON_FOOTER,
    BP_REASON_SIDEBAR,
    BP_REASON_HEADER,
    BP_REASON_HIDDEN,
    BP_REASON_WEAK_CONTAINER,
    BP_REASON_IMAGE_ALT,
    BP_REASON_FORM_OPTION,
    BP_REASON_LINK_DENSITY,
    BP_REASON_EMPTY_SECTION,
    BP_REASON_SHORT_BETWEEN_BOILERPLATE,
    BP_REASON_BETWEEN_CONTENT,
    BP_REASON_LEARNED,
    BP_REASON_COUNT
} bp_reason;

/* One reason. A score of 0 means the rule computes it (the description
 * says how); other_score, when not 0, is the score of a second rule
 * giving the same reason (the description says which). */
typedef struct bp_reason_def {
    const char *name;        /* "nav": printed, counted, compared */
    const char *counter;     /* "removed.nav": the --stats counter */
    float score;             /* the score the reason's rule gives */
    float other_score;       /* a second rule's score, or 0 */
    const char *description; /* one line of Markdown: what flags a block */
} bp_reason_def;

/* Indexed by bp_reason; BP_REASON_NONE's name is NULL. */
extern const bp_reason_def bp_reasons[BP_REASON_COUNT];

/* The reason's name, or NULL for BP_REASON_NONE. */
const char *bp_reason_name(bp_reason reason);

/* The score the reason's rule gives (bp_reasons[reason].score). */
float bp_reason_score(bp_reason reason);

/* The score of the reason's second rule (bp_reasons[reason].other_score). */
float bp_reason_other_score(bp_reason reason);

/* Writes the reason table of doc/boilerplate.md (Markdown, one row per
 * reason, in enum order). Returns 0, or -1 on a write error. */
int bp_reasons_write_markdown(FILE *out);

#endif
