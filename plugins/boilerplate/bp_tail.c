/* plugins/boilerplate/bp_tail.c - the list of links that closes an
 * article: a short lead-in line ending in a colon ("Related:", "You may
 * also be interested in:") followed, up to the end of the main content,
 * only by blocks that are mostly link text. The article's own prose is
 * over; what follows is a list of other pages.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    LEAD_IN_MAX_CHARS = 40, /* "You may also be interested in:" */
    TAIL_MAX_LINKS = 30     /* a longer run is no closing list */
};

static int in_main(const sl_block *b)
{
    const sl_html_features *f = b->html;
    return f && (f->hints & SL_HINT_MAIN_FOUND) && (f->hints & SL_HINT_MAIN);
}

static int mostly_links(const sl_block *b)
{
    const sl_html_features *f = b->html;
    return f && f->text_chars > 0 && f->link_chars * 2 >= f->text_chars &&
           b->kind != SL_BLOCK_HEADING;
}

/* A short unlinked line, no sentence in it, whose last character is a
 * colon (ASCII or full width). */
static int is_lead_in(const sl_block *b, const bp_info *in)
{
    const sl_html_features *f = b->html;
    if (!f || f->link_chars * 2 >= f->text_chars || in->chars == 0 ||
        in->chars > LEAD_IN_MAX_CHARS || in->sentence_ends > 0)
        return 0;
    size_t end = b->len;
    while (end > 0 && (b->text[end - 1] == ' ' || b->text[end - 1] == '\t' ||
                       b->text[end - 1] == '\n'))
        end--;
    if (end >= 1 && b->text[end - 1] == ':')
        return 1;
    /* U+FF1A FULLWIDTH COLON */
    return end >= 3 && memcmp(b->text + end - 3, "\xef\xbc\x9a", 3) == 0;
}

void bp_closing_links(sl_doc *doc, bp_info *info, const bp_state *st)
{
    if (!st->main_content)
        return;
    float min = (float)st->min_score;
    /* the last block of the main content */
    size_t end = doc->n_blocks;
    while (end > 0 && !in_main(&doc->blocks[end - 1]))
        end--;
    /* back over the links (and what is already removed) to the lead-in */
    size_t i = end, links = 0;
    while (i > 0) {
        const sl_block *b = &doc->blocks[i - 1];
        if (!in_main(b) || (b->flags & SL_BLOCK_TITLE))
            return;
        if (mostly_links(b))
            links++;
        else if (info[i - 1].score < min)
            break;
        i--;
    }
    if (i == 0 || links == 0 || links > TAIL_MAX_LINKS)
        return;
    size_t lead = i - 1;
    if (!is_lead_in(&doc->blocks[lead], &info[lead]))
        return;
    for (size_t k = lead; k < end; k++)
        bp_flag(&info[k], BP_REASON_RELATED_LIST);
}
