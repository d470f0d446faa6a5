/* plugins/boilerplate/bp_context.c - decisions that look at a block's
 * neighbours: the title of a plain-text document and its later copies,
 * and context smoothing.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    TITLE_SCAN_BLOCKS = 8, /* the title is among the first lines */
    TITLE_MIN_CHARS = 4,   /* "Foo" or "***" is no title to repeat */
    TITLE_MAX_CHARS = 80,
    SHORT_BLOCK_CHARS = 30, /* smoothing only moves short blocks */
    MAX_RESCUED_RUN = 30    /* blocks outside the main content kept as one
                               run between kept blocks */
};

/* Equal after dropping white space. */
static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && (a[i] == ' ' || a[i] == '\t'))
            i++;
        while (j < bn && (b[j] == ' ' || b[j] == '\t'))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (a[i] != b[j])
            return 0;
        i++;
        j++;
    }
}

static long find_title_line(const sl_doc *doc, const bp_info *info,
                            const bp_state *st)
{
    size_t n =
        doc->n_blocks < TITLE_SCAN_BLOCKS ? doc->n_blocks : TITLE_SCAN_BLOCKS;
    for (size_t i = 0; i < n; i++) {
        const bp_info *in = &info[i];
        if (in->score >= st->min_score)
            continue;
        if (doc->blocks[i].flags & SL_BLOCK_LINES)
            return -1; /* coalesced lines are body text */
        if (in->chars >= TITLE_MIN_CHARS && in->chars <= TITLE_MAX_CHARS &&
            !in->ends_sentence && in->sentence_ends == 0)
            return (long)i;
        /* the body has begun: no title line */
        return -1;
    }
    return -1;
}

/* Reads the raw text's lines in order: a stage before this one may have
 * trimmed a block's indentation, and Markdown is a syntax of source lines.
 * Lines end as the engine splits them: at \n, \r or \r\n. */
typedef struct raw_cursor {
    size_t pos;    /* start of line `line` in doc->raw */
    uint32_t line; /* 1-based */
} raw_cursor;

static size_t raw_line_end(const sl_doc *doc, size_t pos)
{
    while (pos < doc->raw_len && doc->raw[pos] != '\n' && doc->raw[pos] != '\r')
        pos++;
    return pos;
}

/* Source line `line` of the document, from a cursor that only moves
 * forward (the blocks are read in order): false when it is unknown. */
static int raw_line(const sl_doc *doc, raw_cursor *c, uint32_t line,
                    const char **text, size_t *len)
{
    if (!doc->raw || line == 0 || line < c->line)
        return 0;
    while (c->line < line) {
        size_t end = raw_line_end(doc, c->pos);
        if (end == doc->raw_len)
            return 0;
        c->pos = end + 1;
        if (doc->raw[end] == '\r' && c->pos < doc->raw_len &&
            doc->raw[c->pos] == '\n')
            c->pos++;
        c->line++;
    }
    *text = doc->raw + c->pos;
    *len = raw_line_end(doc, c->pos) - c->pos;
    return 1;
}

/* Columns of leading spaces, counted up to four, and where they end. */
static size_t indent_of(const char *s, size_t len, size_t *pos)
{
    size_t i = 0;
    while (i < len && i < 4 && s[i] == ' ')
        i++;
    *pos = i;
    return i;
}

/* A Setext underline: up to three spaces, a run of = or of -, then only
 * spaces or tabs. */
static int is_setext_underline(const char *s, size_t len)
{
    size_t i;
    if (indent_of(s, len, &i) > 3 || i == len || (s[i] != '=' && s[i] != '-'))
        return 0;
    char c = s[i];
    while (i < len && s[i] == c)
        i++;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == len;
}

/* An ATX heading: up to three spaces, one to six #, then a space, a tab
 * or the end of the line. */
static int is_atx_heading(const char *s, size_t len)
{
    size_t i;
    if (indent_of(s, len, &i) > 3)
        return 0;
    size_t start = i;
    while (i < len && s[i] == '#')
        i++;
    size_t level = i - start;
    return level >= 1 && level <= 6 &&
           (i == len || s[i] == ' ' || s[i] == '\t');
}

/* Plain text: block i is a Markdown heading line, an ATX heading or the
 * line right above a Setext underline, as its source lines read. A title
 * repeated as a heading opens a section: it is no copy of the title. */
static int is_markdown_heading(const sl_doc *doc, size_t i, raw_cursor *c)
{
    const sl_block *b = &doc->blocks[i];
    if (doc->content_type != SL_CONTENT_TEXT || (b->flags & SL_BLOCK_LINES))
        return 0;
    const char *s;
    size_t len;
    if (!raw_line(doc, c, b->line, &s, &len))
        return 0;
    if (is_atx_heading(s, len))
        return 1;
    const sl_block *next = i + 1 < doc->n_blocks ? &doc->blocks[i + 1] : NULL;
    return next && next->blank_before == 0 && next->line == b->line + 1 &&
           raw_line(doc, c, next->line, &s, &len) &&
           is_setext_underline(s, len);
}

int bp_title(sl_doc *doc, bp_info *info, const bp_state *st)
{
    long title = -1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (doc->blocks[i].flags & SL_BLOCK_TITLE) {
            title = (long)i;
            break;
        }
    }
    if (title < 0 && !doc->title && st->find_title &&
        doc->content_type == SL_CONTENT_TEXT) {
        title = find_title_line(doc, info, st);
        if (title >= 0) {
            sl_block *b = &doc->blocks[title];
            b->flags |= SL_BLOCK_TITLE;
            if (sl_doc_set_title_copy(doc, b->text, b->len) < 0)
                return -1;
        }
    }
    if (!doc->title ||
        sl_utf8_count(doc->title, strlen(doc->title)) < TITLE_MIN_CHARS)
        return 0;
    size_t tlen = strlen(doc->title);
    raw_cursor cursor = {0, 1};
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        if ((long)i == title || (b->flags & SL_BLOCK_TITLE))
            continue;
        if (same_text(b->text, b->len, doc->title, tlen) &&
            !is_markdown_heading(doc, i, &cursor))
            bp_flag(&info[i], BP_REASON_DUPLICATE_TITLE);
    }
    return 0;
}

/* The reason's score, or min when higher: a flag by context always
 * reaches the threshold. */
static float at_least(float min, bp_reason reason)
{
    float score = bp_reason_score(reason);
    return min > score ? min : score;
}

/* A block smoothing may flag: short, no sentence, not a heading, not in
 * a post (a short reply sits between its author and time lines). */
static int is_movable(const sl_block *b, const bp_info *in)
{
    return in->chars <= SHORT_BLOCK_CHARS && in->sentence_ends == 0 &&
           !in->heading_marker && b->kind != SL_BLOCK_HEADING &&
           !(b->flags & SL_BLOCK_TITLE) &&
           !(b->html && (b->html->hints & SL_HINT_POST));
}

/* An HTML block flagged only for lying outside the main content (or as a
 * number there). */
static int outside_only(const sl_block *b, const bp_info *in, float min)
{
    return b->html && in->score >= min && !in->dateline &&
           ((in->score < 0.8f && in->reason == BP_REASON_OUTSIDE_MAIN) ||
            in->reason == BP_REASON_STRAY_NUMBER);
}

/* A picture's alt text block is no neighbour: the text around the
 * picture is judged as if the picture were not there. */
static int is_image_alt(const sl_block *b)
{
    return b->html && (b->html->hints & SL_HINT_IMAGE_ALT);
}

/* Whether the nearest block before (step -1) or after (step +1) block i,
 * alt text skipped, scores at or above min; the page's edge counts. */
static int neighbour_flagged(const sl_doc *doc, const bp_info *info, size_t i,
                             int step, float min)
{
    size_t k = i;
    do {
        if ((step < 0 && k == 0) || (step > 0 && k + 1 == doc->n_blocks))
            return 1;
        k = step < 0 ? k - 1 : k + 1;
    } while (is_image_alt(&doc->blocks[k]));
    return info[k].score >= min;
}

void bp_smooth(sl_doc *doc, bp_info *info, const bp_state *st)
{
    size_t n = doc->n_blocks;
    float min = (float)st->min_score;
    for (size_t i = 0; i < n; i++) {
        bp_info *in = &info[i];
        if (in->score >= min || !is_movable(&doc->blocks[i], in))
            continue;
        int before = neighbour_flagged(doc, info, i, -1, min);
        int after = neighbour_flagged(doc, info, i, 1, min);
        if (before && after && n > 2)
            bp_flag_score(in, BP_REASON_SHORT_BETWEEN_BOILERPLATE,
                          at_least(min, BP_REASON_SHORT_BETWEEN_BOILERPLATE));
    }
    /* a run of blocks flagged only for lying outside the main content (or
     * as a stray number there), between two kept blocks, is kept: a
     * table or a figure the main-content finder left out of the article */
    size_t i = 1;
    while (i + 1 < n) {
        if (!outside_only(&doc->blocks[i], &info[i], min) ||
            info[i - 1].score >= min) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < n && outside_only(&doc->blocks[end], &info[end], min))
            end++;
        if (end < n && info[end].score < min && end - i <= MAX_RESCUED_RUN) {
            for (size_t k = i; k < end; k++) {
                info[k].score = min > 0.1f ? min - 0.1f : 0.0f;
                info[k].reason = BP_REASON_BETWEEN_CONTENT;
            }
        }
        i = end;
    }
}

/* A heading whose section (the blocks up to the next heading of its level
 * or a higher one, subsections included) lost every block it had is the
 * heading of removed chrome ("Latest Videos", "观察员", "About the
 * editor"); a linked heading with nothing under it is a headline of a
 * list of other pages. An unlinked heading with nothing under it (its
 * section was a formula or a picture) is left alone, and so is every
 * heading of a page that keeps no other block. One backward pass:
 * kept[l] and lost[l] say whether a kept or a removed block lies between
 * here and the next heading of level l or higher. */
void bp_empty_sections(sl_doc *doc, bp_info *info, const bp_state *st)
{
    float min = (float)st->min_score;
    size_t body = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        body += doc->blocks[i].kind != SL_BLOCK_HEADING && info[i].score < min;
    if (body == 0)
        return;
    uint8_t kept[7] = {0, 0, 0, 0, 0, 0, 0};
    uint8_t lost[7] = {0, 0, 0, 0, 0, 0, 0};
    int next_level = 0; /* of the heading after this one, 0: none */
    for (size_t i = doc->n_blocks; i-- > 0;) {
        const sl_block *b = &doc->blocks[i];
        bp_info *in = &info[i];
        if (b->kind != SL_BLOCK_HEADING) {
            /* what the main-content finder alone left out may be a
             * list of the article's: it does not make a section lost */
            if (in->score < min)
                memset(kept, 1, sizeof kept);
            else if (in->reason != BP_REASON_OUTSIDE_MAIN)
                memset(lost, 1, sizeof lost);
            continue;
        }
        int level = b->level >= 1 && b->level <= 6 ? b->level : 1;
        const sl_html_features *f = b->html;
        /* a headline: linked, and the next heading is of its level */
        int linked = f && f->text_chars > 0 &&
                     f->link_chars * 2 >= f->text_chars &&
                     (next_level == 0 || next_level == level);
        int chrome = !kept[level] && (lost[level] || linked);
        if (f && chrome && in->score < min && !(b->flags & SL_BLOCK_TITLE))
            bp_flag_score(in, BP_REASON_EMPTY_SECTION,
                          at_least(min, BP_REASON_EMPTY_SECTION));
        for (int l = level; l <= 6; l++)
            kept[l] = lost[l] = 0;
        next_level = level;
    }
}
