/* plugins/export/format_markdown.c - CommonMark: for each document an HTML
 * comment with its id, the title as "# ", section headings one level below
 * it ("#" times level, plus one when there is a title that does not head
 * the outline itself), paragraphs, list
 * items as "- ", quotes as "> ", code fenced, table rows as a pipe table
 * and captions in emphasis. Documents are separated by a thematic break.
 * Text that would start a Markdown construct by accident is escaped.
 */
#include "export.h"

#include <string.h>

/* Writes one line without its leading blanks, escaping a first character
 * that would otherwise start a heading, list, quote, fence or table. */
static void put_line(outbuf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    s += i;
    len -= i;
    if (len == 0)
        return;
    if (strchr("#>-+*=|`~<_", s[0])) {
        outbuf_putc(b, '\\');
    } else if (s[0] >= '0' && s[0] <= '9') {
        size_t d = 0;
        while (d < len && d < 10 && s[d] >= '0' && s[d] <= '9')
            d++;
        if (d < len && (s[d] == '.' || s[d] == ')')) {
            outbuf_put(b, s, d);
            outbuf_putc(b, '\\');
            s += d;
            len -= d;
        }
    }
    outbuf_put(b, s, len);
}

/* Each line of text through put_line, lines joined by `join`. */
static void put_lines(outbuf *b, const char *text, size_t len, const char *join)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        if (start > 0)
            outbuf_puts(b, join);
        put_line(b, text + start, i - start);
        start = i + 1;
    }
}

/* A single-line rendering (headings, table cells): newlines become
 * spaces, and `also` characters are escaped with a backslash. */
static void put_flat(outbuf *b, const char *text, size_t len, const char *also)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c != '\n' && c != '\r' && c != '\t' && !(c && strchr(also, c)))
            continue;
        outbuf_put(b, text + run, i - run);
        if (c == '\n' || c == '\r' || c == '\t') {
            outbuf_putc(b, ' ');
        } else {
            outbuf_putc(b, '\\');
            outbuf_putc(b, c);
        }
        run = i + 1;
    }
    outbuf_put(b, text + run, len - run);
}

static void put_table_row(outbuf *b, const sl_block *blk, bool header)
{
    size_t cells = 1;
    outbuf_puts(b, "| ");
    size_t start = 0;
    for (size_t i = 0; i <= blk->len; i++) {
        if (i < blk->len && blk->text[i] != '\t')
            continue;
        if (start > 0) {
            outbuf_puts(b, " | ");
            cells++;
        }
        put_flat(b, blk->text + start, i - start, "|");
        start = i + 1;
    }
    outbuf_puts(b, " |\n");
    if (header) {
        outbuf_putc(b, '|');
        for (size_t c = 0; c < cells; c++)
            outbuf_puts(b, " --- |");
        outbuf_putc(b, '\n');
    }
}

static void put_code(outbuf *b, const sl_block *blk)
{
    const char *fence = strstr(blk->text, "```") ? "~~~~" : "```";
    outbuf_puts(b, fence);
    outbuf_putc(b, '\n');
    outbuf_put(b, blk->text, blk->len);
    outbuf_putc(b, '\n');
    outbuf_puts(b, fence);
    outbuf_puts(b, "\n\n");
}

static void put_heading(outbuf *b, int level, const char *text, size_t len)
{
    if (level < 1)
        level = 1;
    if (level > 6)
        level = 6;
    for (int i = 0; i < level; i++)
        outbuf_putc(b, '#');
    outbuf_putc(b, ' ');
    put_flat(b, text, len, "");
    outbuf_puts(b, "\n\n");
}

/* An HTML comment cannot hold "--": a space goes between two dashes. */
static void put_id_comment(outbuf *b, const char *id)
{
    outbuf_puts(b, "<!-- id: ");
    for (const char *p = id; *p; p++) {
        if (*p == '\n' || *p == '\r')
            continue;
        outbuf_putc(b, *p);
        if (p[0] == '-' && p[1] == '-')
            outbuf_putc(b, ' ');
    }
    outbuf_puts(b, " -->\n\n");
}

static void put_block(outbuf *b, const sl_block *blk, const sl_block *prev,
                      const sl_block *next, int level_shift)
{
    bool list_ends = !next || next->kind != SL_BLOCK_LIST_ITEM;
    switch (blk->kind) {
    case SL_BLOCK_HEADING:
        put_heading(b, blk->level + level_shift, blk->text, blk->len);
        break;
    case SL_BLOCK_LIST_ITEM:
        outbuf_puts(b, "- ");
        put_lines(b, blk->text, blk->len, "\n  ");
        outbuf_puts(b, list_ends ? "\n\n" : "\n");
        break;
    case SL_BLOCK_TABLE_ROW:
        put_table_row(b, blk, !prev || prev->kind != SL_BLOCK_TABLE_ROW);
        if (!next || next->kind != SL_BLOCK_TABLE_ROW)
            outbuf_putc(b, '\n');
        break;
    case SL_BLOCK_CODE: put_code(b, blk); break;
    case SL_BLOCK_QUOTE:
        outbuf_puts(b, "> ");
        put_lines(b, blk->text, blk->len, "\n> ");
        outbuf_puts(b, "\n\n");
        break;
    case SL_BLOCK_CAPTION:
        outbuf_putc(b, '*');
        put_flat(b, blk->text, blk->len, "*_");
        outbuf_puts(b, "*\n\n");
        break;
    default: /* coalesced lines stay paragraphs of their own */
        put_lines(b, blk->text, blk->len,
                  (blk->flags & SL_BLOCK_LINES) ? "\n\n" : "\n");
        outbuf_puts(b, "\n\n");
        break;
    }
}

/* True when the title block is also the level-1 heading of the outline
 * (a plain-text title line, or a Markdown "# Title"); an html page's h1
 * title stays out of it. */
static bool title_heads_outline(const sl_doc *doc)
{
    for (size_t s = 0; s < doc->n_sections; s++) {
        const sl_section *sec = &doc->sections[s];
        if (sec->level == 1 && sec->heading_block < doc->n_blocks &&
            (doc->blocks[sec->heading_block].flags & SL_BLOCK_TITLE))
            return true;
    }
    return false;
}

static int markdown_render(const export_state *st, const doc_view *view,
                           outbuf *b, outbuf *scratch,
                           const record_flush *flush)
{
    (void)st;
    (void)scratch;
    (void)flush; /* a document's Markdown is its text: held whole */
    const sl_doc *doc = view->doc;
    put_id_comment(b, doc->id);
    bool has_title = doc->title && *doc->title;
    if (has_title)
        put_heading(b, 1, doc->title, strlen(doc->title));
    /* section levels move one down under the title, unless the title
     * heads the outline itself (a level-1 heading block) */
    int level_shift = has_title && !title_heads_outline(doc) ? 1 : 0;
    /* the title line itself is not repeated as a paragraph */
    bool first_kept = true;
    const sl_block *prev = NULL;
    if (!doc->blocks) /* no blocks at all (HTML that was never parsed) */
        return 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (!view_block_kept(view, i))
            continue;
        const sl_block *blk = &doc->blocks[i];
        bool is_title =
            has_title && ((blk->flags & SL_BLOCK_TITLE) ||
                          (first_kept && strcmp(blk->text, doc->title) == 0));
        first_kept = false;
        if (is_title)
            continue;
        size_t j = i + 1;
        while (j < doc->n_blocks && !view_block_kept(view, j))
            j++;
        const sl_block *next = j < doc->n_blocks ? &doc->blocks[j] : NULL;
        put_block(b, blk, prev, next, level_shift);
        prev = blk;
    }
    return b->failed ? -1 : 0;
}

const export_format export_format_markdown = {
    .name = "markdown",
    .render = markdown_render,
    .separator = "---\n\n",
};
