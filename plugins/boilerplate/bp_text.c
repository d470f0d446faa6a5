/* plugins/boilerplate/bp_text.c - rules for plain-text line blocks, which
 * carry no markup: stop phrases, template blurbs, breadcrumbs, stray
 * counters, and the list of links that follows a "related articles"
 * header.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    CRUMB_MAX_CHARS = 50, /* a breadcrumb line is short */
    RELATED_MAX_CHARS = 50 /* so is an entry of a related list */
};

/* "首页 > 新闻 > 正文", "Home » Blog", "新闻 | 体育 | 财经". */
static int looks_like_breadcrumb(const sl_block *b, const bp_info *in)
{
    if (in->chars > CRUMB_MAX_CHARS || in->sentence_ends > 0)
        return 0;
    int arrows = 0, bars = 0;
    size_t pos = 0;
    while (pos < b->len) {
        int32_t cp = sl_utf8_next(b->text, b->len, &pos);
        if (cp == '>' || cp == 0xBB || cp == 0x203A || cp == 0xFF1E ||
            cp == 0x2192 || cp == 0x300B)
            arrows++;
        else if (cp == '|' || cp == 0xFF5C)
            bars++;
    }
    /* 》 closes book titles too: only count it with other arrows */
    return arrows >= 1 || bars >= 2;
}

void bp_rules_text(sl_doc *doc, bp_info *info, const bp_state *st)
{
    (void)st;
    int in_related = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        bp_info *in = &info[i];
        if (in->lex.reason && in->lex.strength >= 0.6f)
            bp_flag(in, bp_lexicon_score(in), in->lex.reason);
        if (bp_is_seo_blurb(&in->lex))
            bp_flag(in, 0.95f, "seo-blurb");
        if (in->stray)
            bp_flag(in, 0.9f, "stray-number");
        if (!in->heading_marker && looks_like_breadcrumb(b, in) &&
            strstr(b->text, "》") == NULL)
            bp_flag(in, 0.85f, "nav");
        if (in->lex.related_header) {
            in_related = 1;
            continue;
        }
        if (!in_related)
            continue;
        if (in->chars <= RELATED_MAX_CHARS && in->sentence_ends == 0 &&
            !in->heading_marker)
            bp_flag(in, 0.8f, "related-list");
        else
            in_related = 0;
    }
}
