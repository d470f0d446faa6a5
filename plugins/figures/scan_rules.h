/* plugins/figures/scan_rules.h - what the rules that make a number no
 * figure share: what a rule is given (rule_in) and the gates that let a
 * number pass a rule without the call. The rules are in rules_shape.h,
 * rules_context.h, rules_suffix.h, rules_use.h and rules_rough.h, one file a
 * phase, and the phases' tables and first_rule, which runs a phase, in
 * rule_phases.h.
 */
#ifndef SLUICE_FIGURES_SCAN_RULES_H
#define SLUICE_FIGURES_SCAN_RULES_H

#include "scan_cand.h"

/* ---- the rules that make a number no figure ----
 *
 * Each rule looks at a number once it is read (and, for the later
 * phases, once its unit is known) and says whether the number is no
 * figure. The rules are checked in phases, in the order of the tables
 * in rule_phases.h; the first that fires sets the number aside, and its name
 * (see fig_rules in rules.c, with what it rejects and an example) is what
 * `--explain` reports. A rule may move *skip_to past the text it
 * recognised (the rest of a code, a label's number, an idiom), so that
 * the scanner does not read it again. */

typedef struct rule_in {
    const char *s;
    size_t len;
    const cand *c;
    bool currency;   /* a currency word or sign goes with the number */
    bool marked;     /* 上亿, 数十: a prefix said over or about */
    bool bare;       /* a count with no unit, nothing after the number */
    unsigned beside; /* BESIDE_* bits of the bytes beside the number (all
                        of them for the ungated path): the number's place
                        is fixed once it is read, so they are looked at
                        once for every phase */
} rule_in;

/* A rule with what the number must be for it to fire at all: each field
 * restates a test the rule itself makes first, so that the numbers it
 * cannot concern (an Arabic number for the rules on Chinese numerals or
 * English words, a number with a unit for those on bare numbers) pass
 * over it without the call. */
typedef struct rule_check {
    fig_rule rule;    /* its function: rule_fires (rule_phases.h) */
    unsigned needs;   /* NUM_* flags of which the number has one; 0: any */
    unsigned refuses; /* NUM_* flags the number must not have */
    bool bare_only;   /* fires only on a bare count (rule_in.bare) */
    bool no_currency; /* never fires with a currency (rule_in.currency) */
    unsigned beside;  /* BESIDE_* bits of which the bytes beside the
                         number must show one; 0: any */
} rule_check;

/* The bytes beside a number that a rule reads first: the one before
 * num.start and the one at num.end. Most numbers of Chinese text have
 * bytes beyond ASCII on both sides, where no rule on signs, dashes,
 * letters or spaces beside the number fires, and a Chinese character
 * before them that is none of the label characters (第, 篇, 图, 表, 件,
 * 号), told by the low six bits of its last byte. */
enum {
    ASCII_BEFORE = 1, /* the byte before the number is ASCII */
    ASCII_AFTER = 2,  /* the byte after it is ASCII */
    ASCII_BESIDE = ASCII_BEFORE | ASCII_AFTER,
    LABEL_BEFORE = 4, /* the character before may be a label character */
    WIDE_START = 8,   /* the number's first byte is beyond ASCII: it may
                         open an idiom (each opens with a Chinese numeral) */
    ANY_BESIDE = ASCII_BESIDE | LABEL_BEFORE | WIDE_START /* every gate open */
};

/* The low six bits of the last bytes of the label characters before a
 * number that fig_is_label_context reads beyond ASCII. */
static const uint64_t LABEL_LAST_BYTES =
    (UINT64_C(1) << (0x7B2C /* 第 */ & 0x3F)) |
    (UINT64_C(1) << (0x7BC7 /* 篇 */ & 0x3F)) |
    (UINT64_C(1) << (0x56FE /* 图 */ & 0x3F)) |
    (UINT64_C(1) << (0x8868 /* 表 */ & 0x3F)) |
    (UINT64_C(1) << (0x4EF6 /* 件 */ & 0x3F)) |
    (UINT64_C(1) << (0x53F7 /* 号 */ & 0x3F));

/* The BESIDE bits of the bytes beside the number in. */
static inline unsigned bytes_beside(const rule_in *in)
{
    size_t start = in->c->num.start, end = in->c->num.end;
    unsigned beside = 0;
    if (start > 0) {
        unsigned char last = (unsigned char)in->s[start - 1];
        if (last < 0x80)
            beside |= ASCII_BEFORE | LABEL_BEFORE;
        else if (last >= 0xC0 || ((LABEL_LAST_BYTES >> (last & 0x3F)) & 1))
            beside |= LABEL_BEFORE;
    }
    if (end < in->len && (unsigned char)in->s[end] < 0x80)
        beside |= ASCII_AFTER;
    if ((unsigned char)in->s[start] >= 0x80)
        beside |= WIDE_START;
    return beside;
}

/* True when the rule may fire on the number in: its gate (needs,
 * refuses, bare_only, no_currency, beside) lets the number through. */
static inline bool rule_may_fire(const rule_check *r, const rule_in *in)
{
    unsigned flags = in->c->num.flags;
    return (!r->needs || (flags & r->needs)) && !(flags & r->refuses) &&
           (!r->bare_only || in->bare) && (!r->no_currency || !in->currency) &&
           (!r->beside || (in->beside & r->beside));
}

static inline void skip_at_least(size_t *skip_to, size_t q)
{
    if (q > *skip_to)
        *skip_to = q;
}

#endif /* SLUICE_FIGURES_SCAN_RULES_H */
