/* plugins/boilerplate/bp_text.c - rules for plain-text line blocks, which
 * carry no markup: stop phrases, template blurbs, breadcrumbs, stray
 * counters, and the list of links that follows a "related articles"
 * header.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    CRUMB_MAX_CHARS = 50,     /* a breadcrumb line is short */
    CRUMB_SEGMENT_CHARS = 16, /* and so are its parts */
    RELATED_MAX_CHARS = 50    /* so is an entry of a related list */
};

static int is_arrow(int32_t cp)
{
    return cp == '>' || cp == 0xBB || cp == 0x203A || cp == 0xFF1E ||
           cp == 0x2192;
}

static int is_bar(int32_t cp)
{
    return cp == '|' || cp == 0xFF5C;
}

/* ASCII punctuation, which a backslash escapes in Markdown. */
static int is_escapable(char c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* Bytes that start one of the separators is_arrow and is_bar know. */
static const unsigned char starts_separator[256] = {
    ['>'] = 1, ['|'] = 1, [0xC2] = 1, [0xE2] = 1, [0xEF] = 1};

/* The separators: > | » (C2 BB) › (E2 80 BA) → (E2 86 92) ＞ (EF BC 9E)
 * ｜ (EF BD 9C), told apart by their first byte (a memcmp with each of
 * them, at every EF of Chinese punctuation, was 1.4 million of the text
 * rules' 6.3 million instructions on 5 MB of news pages). */
static int separator_at(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    switch (u[0]) {
    case '>':
    case '|': return 1;
    case 0xC2: return len >= 2 && u[1] == 0xBB;
    case 0xE2:
        return len >= 3 && ((u[1] == 0x80 && u[2] == 0xBA) ||
                            (u[1] == 0x86 && u[2] == 0x92));
    case 0xEF:
        return len >= 3 && ((u[1] == 0xBC && u[2] == 0x9E) ||
                            (u[1] == 0xBD && u[2] == 0x9C));
    default: return 0;
    }
}

/* separator_at, for the tests (static above so that the byte scan below
 * can inline it). */
int bp_separator_at(const char *s, size_t len)
{
    return separator_at(s, len);
}

/* False when the block holds none of the arrows and bars is_arrow and
 * is_bar know (their bytes anywhere in it): spares most blocks the
 * reading character by character in bp_looks_like_breadcrumb. One pass over
 * the bytes, the separators compared only where one of their first bytes
 * is. */
static int may_hold_separator(const sl_block *b)
{
    const unsigned char *u = (const unsigned char *)b->text;
    for (size_t i = 0; i < b->len; i++) {
        if (starts_separator[u[i]] && separator_at(b->text + i, b->len - i))
            return 1;
    }
    return 0;
}

static int is_sentence_end(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F;
}

/* "首页 > 新闻 > 正文", "Home » Blog", "新闻 | 体育 | 财经": short
 * segments (none of them a number or a comparison) between arrows, or
 * three or more between bars. A trail of links on a web page may end in
 * the page's own name, unlinked, however it is written (`Home › Forums ›
 * CSS › .last-child or???`): after two arrows or more, the last segment
 * may be longer and hold sentence ends when the line holds links. */
int bp_looks_like_breadcrumb(const sl_block *b, const bp_info *in)
{
    int linked = b->html && b->html->link_chars > 0;
    if (in->chars > CRUMB_MAX_CHARS || (in->sentence_ends > 0 && !linked) ||
        !may_hold_separator(b))
        return 0;
    int arrows = 0, bars = 0, segments = 0, seg_chars = 0, seg_alnum = 0,
        seg_digits_only = 1, seg_ends = 0;
    size_t pos = 0;
    while (pos <= b->len) {
        int32_t cp =
            pos < b->len ? sl_utf8_next_inline(b->text, b->len, &pos) : 0;
        if (cp == '\\' && pos < b->len && is_escapable(b->text[pos])) {
            pos++; /* \> is a Markdown escape: a >, text, no separator */
            seg_chars++;
            seg_digits_only = 0;
            seg_alnum = 1;
            continue;
        }
        if (cp == '<' || cp == '=')
            return 0; /* x>10, <>30, =>30: comparisons, markup */
        if (cp == 0 || is_arrow(cp) || is_bar(cp)) {
            /* only the page's own name, last, may be long or written */
            int last = cp == 0 && linked && arrows >= 2;
            if ((seg_chars > CRUMB_SEGMENT_CHARS || seg_ends > 0) && !last)
                return 0;
            if (seg_chars > 0) {
                if (seg_digits_only && seg_alnum)
                    return 0;
                segments++;
            }
            arrows += is_arrow(cp);
            bars += is_bar(cp);
            seg_chars = seg_alnum = seg_ends = 0;
            seg_digits_only = 1;
            if (cp == 0)
                break;
            continue;
        }
        if (cp == ' ' || sl_is_space(cp))
            continue;
        seg_chars++;
        seg_ends += is_sentence_end(cp);
        if (!(cp >= '0' && cp <= '9') && cp != '.' && cp != ',')
            seg_digits_only = 0;
        seg_alnum = 1;
    }
    return (arrows >= 1 && segments >= 2) || (bars >= 2 && segments >= 3);
}

void bp_rules_text(sl_doc *doc, bp_info *info, const bp_state *st)
{
    (void)st;
    int in_related = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        bp_info *in = &info[i];
        if (in->lex.reason != BP_REASON_NONE && in->lex.strength >= 0.6f)
            bp_flag_score(in, in->lex.reason, bp_lexicon_score(in));
        if (bp_is_seo_blurb(&in->lex))
            bp_flag(in, BP_REASON_SEO_BLURB);
        /* a counter among other lines; a document that is only a number
         * is a number */
        if (in->stray && doc->n_blocks >= 3)
            bp_flag(in, BP_REASON_STRAY_NUMBER);
        if (!in->heading_marker && bp_looks_like_breadcrumb(b, in))
            /* the breadcrumb is nav's second rule */
            bp_flag_score(in, BP_REASON_NAV,
                          bp_reason_other_score(BP_REASON_NAV));
        if (in->lex.related_header) {
            in_related = 1;
            continue;
        }
        if (!in_related)
            continue;
        if (in->chars <= RELATED_MAX_CHARS && in->sentence_ends == 0 &&
            !in->heading_marker)
            bp_flag(in, BP_REASON_RELATED_LIST);
        else
            in_related = 0;
    }
}
