/* plugins/boilerplate/bp_tail.c - the list of links that closes an
 * article: a short lead-in line ending in a colon ("Related:", "You may
 * also be interested in:") followed, up to the end of the main content,
 * only by blocks that are mostly link text. The article's own prose is
 * over; what follows is a list of other pages. Also a lead-in anywhere
 * whose list has gone: it introduces nothing that is left.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    LEAD_IN_MAX_CHARS = 40, /* "You may also be interested in:" */
    TAIL_MAX_LINKS = 30,    /* a longer run is no closing list */
    ORPHAN_LEAD_MAX_CHARS =
        120,             /* "To reach an editor, use the links below:" */
    ORPHAN_MIN_ITEMS = 2 /* a list, not one removed line */
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

static int holds_link(const sl_block *b)
{
    return b->html && b->html->link_chars > 0;
}

/* Whether the path ("div>table>tr>td") holds the tag as one of its steps. */
static int path_has(const char *path, const char *tag)
{
    size_t n = strlen(tag);
    for (const char *p = path; (p = strstr(p, tag)) != NULL; p += n) {
        if ((p == path || p[-1] == '>') && (p[n] == '\0' || p[n] == '>'))
            return 1;
    }
    return 0;
}

/* A block from a table's cell. */
static int in_cell(const sl_block *b)
{
    const char *path = b->html ? b->html->path : NULL;
    return path && (path_has(path, "td") || path_has(path, "th"));
}

/* A table's head row: a row of cells in a <thead>. */
static int is_head_row(const sl_block *b)
{
    return b->kind == SL_BLOCK_TABLE_ROW && b->html && b->html->path &&
           path_has(b->html->path, "thead");
}

/* A short unlinked line, no sentence in it, whose last character is a
 * colon (ASCII or full width). */
static int is_lead_in_of(const sl_block *b, const bp_info *in,
                         uint32_t max_chars)
{
    const sl_html_features *f = b->html;
    if (!f || f->link_chars * 2 >= f->text_chars || in->chars == 0 ||
        in->chars > max_chars || in->sentence_ends > 0)
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

static int is_lead_in(const sl_block *b, const bp_info *in)
{
    return is_lead_in_of(b, in, LEAD_IN_MAX_CHARS);
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

/* A kept lead-in (a line of at most ORPHAN_LEAD_MAX_CHARS ending in a
 * colon, no sentence) followed by ORPHAN_MIN_ITEMS removed blocks or more,
 * each holding a link, and then by a kept one: the list of links it
 * opened has gone (a box of editors' names and addresses, other pages),
 * and the line goes with it, for the reason of the list's first block.
 * A lead-in to a removed picture, table, code or quote, whose lines are
 * no links, stays: what it shows may be the removal's mistake. So does a
 * table's head row (in a <thead>) whose cells below are all removed (a
 * market widget's "price change %" over its figures). */
/* Whether the blocks removed after the kept block i, up to the next
 * kept one (*next), are ORPHAN_MIN_ITEMS or more, each passing
 * belongs, and a kept block follows them. */
static int removed_run_after(const sl_doc *doc, const bp_info *info, size_t i,
                             float min_score, int (*belongs)(const sl_block *),
                             size_t *next)
{
    int all = 1;
    size_t k = i + 1;
    while (k < doc->n_blocks && info[k].score >= min_score) {
        all &= belongs(&doc->blocks[k]) != 0;
        k++;
    }
    *next = k;
    return all && k - i - 1 >= ORPHAN_MIN_ITEMS && k < doc->n_blocks;
}

void bp_orphan_lead_ins(const sl_doc *doc, bp_info *info, float min_score)
{
    size_t i = 0;
    while (i < doc->n_blocks) {
        size_t next = i + 1;
        if (info[i].score >= min_score) {
            i = next;
            continue;
        }
        const sl_block *b = &doc->blocks[i];
        int orphan = 0;
        if (!(b->flags & SL_BLOCK_TITLE) &&
            is_lead_in_of(b, &info[i], ORPHAN_LEAD_MAX_CHARS))
            orphan =
                removed_run_after(doc, info, i, min_score, holds_link, &next);
        else if (is_head_row(b))
            orphan = removed_run_after(doc, info, i, min_score, in_cell, &next);
        if (orphan)
            bp_flag_score(&info[i], info[i + 1].reason, info[i + 1].score);
        i = next;
    }
}
