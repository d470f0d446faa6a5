/* plugins/boilerplate/bp_internal.h - what the files of the boilerplate
 * stage share: the stage's state, the per-block measurements, the rule
 * sets for plain text and HTML, and the learned model.
 */
#ifndef SLUICE_BP_INTERNAL_H
#define SLUICE_BP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sluice/sluice.h>

#include "bp_lexicon.h"
#include "bp_learn.h"
#include "bp_reasons.h"

enum {
    BP_DATELINE_MAX_CHARS = 60, /* a date line under a headline */
    BP_DATELINE_REACH = 6,      /* ... within this many blocks of it */
    BP_DATELINE_BEFORE = 3,     /* ... or above it, past this many blocks
                                   of text that is not mostly links */
    BP_BIO_MIN_CHARS = 60       /* an author box's biography, not byline */
};

typedef struct bp_state {
    double min_score;         /* flag blocks scoring at least this */
    char *model;              /* learned model to apply, or NULL */
    char *learn_out;          /* learn mode: write a model here */
    long learned_min_docs;    /* a learned block repeats in this many docs */
    double learned_min_share; /* ... and in this share of the site's docs */
    long learn_max_entries;   /* learn mode: memory bound, in entries */
    bool main_content;        /* trust the html stage's main-content marks */
    bool find_title;          /* plain text: mark the title line */
    bool smooth;              /* context smoothing */
    bp_model *loaded;         /* from init */
    bp_learner *learner;      /* from init, learn mode only */
} bp_state;

/* What the rules measure of one block. */
typedef struct bp_info {
    uint32_t chars;         /* code points, white space excluded */
    uint32_t sentence_ends; /* 。！？!?；; … and '.' before a space/end */
    uint32_t punct;
    uint8_t ends_sentence;  /* the last non-space char ends a sentence */
    uint8_t heading_marker; /* starts with 一、 (一) 1、 第X章 ... */
    uint8_t stray;          /* bare number or one or two letters */
    uint8_t date_only;      /* a date or time and nothing else */
    uint8_t dated;          /* a short line holding a full date */
    uint8_t dateline;       /* ... by the headline: the date line */
    uint8_t year_digits;    /* holds 19xx or 20xx (has_year_digits) */
    bp_lexicon_hit lex;
    float score;      /* boilerplate score so far */
    bp_reason reason; /* reason of the score, or NONE */
} bp_info;

/* Whether the n bytes at s open with w, a lower-case ASCII word or
 * phrase, the ASCII capitals of s compared as lower case ("Photo:" opens
 * with "photo:"); other bytes must match exactly. */
static inline bool bp_starts_folded(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k > n)
        return false;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c | 0x20);
        if (c != (unsigned char)w[i])
            return false;
    }
    return true;
}

/* Measures every block into info[] (n_blocks entries). */
void bp_measure(const sl_doc *doc, bp_info *info);

/* Whether b reads as a breadcrumb trail (`首页 > 新闻 > 正文`, `Home »
 * Blog`, `a | b | c`; on a web page a linked trail may end in the page's
 * own name, however it is written). */
int bp_looks_like_breadcrumb(const sl_block *b, const bp_info *in);

/* True when one of the separators of a breadcrumb (> | » › → ＞ ｜)
 * starts at s (len bytes left, at least one). */
int bp_separator_at(const char *s, size_t len);

/* A writer's signature: a name and a newsroom job title
 * ("Raju Narisetti, Managing Editor"; bp_signature.c). */
int bp_is_signature_line(const sl_block *b, const bp_info *in);
/* A picture's credit as a line of its own: agency names and nothing
 * else ("EPA", "Reuters/Corbis"; bp_credit.c). */
int bp_is_picture_credit(const sl_block *b, const bp_info *in);
/* A short line asking the reader to follow someone on a social network
 * ("Follow @janedoe on Twitter."; bp_follow.c). */
int bp_is_follow_line(const sl_block *b, const bp_info *in);
/* A short line pointing to another site ("Visit Example.com for breaking
 * news"; bp_follow.c). */
int bp_is_visit_line(const sl_block *b, const bp_info *in);
/* The contributor note closing the main content ("Julia Beizer is The
 * Post's mobile projects editor.") and a reporting credit anywhere
 * ("With reporting from Kelly O'Donnell."): `byline`
 * (bp_contributor.c). */
void bp_contributor_notes(const sl_doc *doc, bp_info *info);
/* A short heading right after a signature and the written paragraphs
 * under it: the writer's biography, flagged `byline`. */
void bp_author_cards(const sl_doc *doc, bp_info *info);

/* A heading of an article's main content printed twice or more, word
 * for word: a promotion between its paragraphs, flagged `ad`
 * (bp_repeat.c). */
void bp_repeated_headings(const sl_doc *doc, bp_info *info);

/* A heading naming one of a breadcrumb trail's steps before its last, a
 * few blocks above the trail, and the blocks between them: a site
 * section's heading and blurb, flagged `nav` (bp_section_head.c). title:
 * the block carrying the page's title, or -1. */
void bp_section_heads(const sl_doc *doc, bp_info *info, long title);

/* Rules for plain-text line blocks (no html features). */
void bp_rules_text(sl_doc *doc, bp_info *info, const bp_state *st);

/* Rules for blocks built by the html stage. */
void bp_rules_html(sl_doc *doc, bp_info *info, const bp_state *st);

/* The blocks under a heading named like a list of references (参考文献,
 * References, External links...) up to the next heading of its level. */
void bp_references(sl_doc *doc, bp_info *info);

/* HTML: a short lead-in ending in a colon ("Related:") and the blocks of
 * mostly link text after it up to the end of the main content are a list
 * of other pages closing the article ("related-list"). */
void bp_closing_links(sl_doc *doc, bp_info *info, const bp_state *st);

/* HTML: a lead-in ending in a colon whose list (two blocks or more, up to
 * the next kept block) is all removed goes too, with the list's reason. */
void bp_orphan_lead_ins(const sl_doc *doc, bp_info *info, float min_score);

/* Plain text: finds the title line among the first lines, marks it and
 * sets doc->title; then flags later copies of the title. Returns 0 or -1. */
int bp_title(sl_doc *doc, bp_info *info, const bp_state *st);

/* A short block between two flagged blocks is flagged; a run of HTML
 * blocks flagged only for lying outside the main content, between two
 * kept ones, is kept. */
void bp_smooth(sl_doc *doc, bp_info *info, const bp_state *st);

/* A heading whose section kept no block is flagged (HTML only). */
void bp_empty_sections(sl_doc *doc, bp_info *info, const bp_state *st);

/* The score the block's stop phrases give: the strongest phrase, less for
 * a whole sentence, nothing for a numbered heading unless decisive. */
float bp_lexicon_score(const bp_info *in);

/* Raises info to the reason's score (bp_reason_score) with the reason
 * when that score is higher. */
void bp_flag(bp_info *info, bp_reason reason);

/* Raises info to score with reason when score is higher: for the rules
 * whose score is computed or is the reason's second score. */
void bp_flag_score(bp_info *info, bp_reason reason, float score);

/* On a page where every block but the title scores at or above min_score,
 * the alt text of its pictures (SL_HINT_IMAGE_ALT blocks) is what the page
 * says: their scores are cleared. */
void bp_keep_image_alt(const sl_doc *doc, bp_info *info, float min_score);

#endif
