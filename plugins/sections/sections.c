/* plugins/sections/sections.c - the `sections` stage: its options, its
 * descriptor, and process(), which runs the steps in order:
 *
 *   1. noise removal (noise.c): characters injected between CJK characters;
 *   2. marker scan (markers.c, markdown.c, source_lines.c): one pass over
 *      the blocks, Markdown read from each block's source line;
 *   3. paragraph repair (repair.c): joins and reflow, plain text only;
 *   4. heading decisions (headings.c);
 *   5. the outline (outline.c): heading blocks, lead-in splits, levels and
 *      doc->sections.
 *
 * Repair runs here, after boilerplate and before headings, because a join
 * must know which blocks are kept and which lines are headings, and the
 * headings must see whole paragraphs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sections_internal.h"

static const sl_option sections_options[] = {
    SL_OPTION_BOOL(
        sections_state, repair, "true", 0,
        "Join paragraphs broken in the middle of a sentence and reflow "
        "hard-wrapped Chinese text (plain-text input)."),
    SL_OPTION_BOOL(
        sections_state, noise, "true", 0,
        "Remove characters injected between CJK characters (stray ' . or "
        "space, doubled ,, and 、、)."),
    SL_OPTION_BOOL(
        sections_state, title_lines, "true", 0,
        "Treat a short title-like line followed by body text as a heading."),
    SL_OPTION_BOOL(
        sections_state, title_heading, "true", 0,
        "Plain text: make the document's title line (short, no sentence "
        "punctuation, followed by the text it names) the level-1 heading; "
        "the headings under it start at level 2."),
    SL_OPTION_BOOL(
        sections_state, split_leadins, "true", 0,
        "Split a line such as \"1、标题。正文\" into a heading block and a "
        "paragraph block."),
    SL_OPTION_INT(sections_state, max_heading_chars, "40", 0,
                  "Longest heading phrase after a marker, in characters.",
                  "1..1000"),
    {0},
};

/* Markdown facts of every block, read from its source line. */
static void scan_markdown(const sl_doc *doc, sec_line *lines)
{
    sec_source_cursor cursor = {0};
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        sec_line *l = &lines[i];
        size_t md_len;
        if (b->flags & SL_BLOCK_LINES) {
            l->md_text = b->text; /* body text: no Markdown read from it */
            continue;
        }
        if (b->kind != SL_BLOCK_PARAGRAPH ||
            !sec_source_line(doc, &cursor, b->line, &l->md_text, &md_len)) {
            l->md_text = b->text;
            md_len = b->len;
        }
        sec_md_classify(l->md_text, md_len, &l->md);
    }
}

/* A title line that Markdown marks as a heading ("# Title", or a line
 * underlined with === or ---). */
static bool is_markdown_heading_line(const sl_doc *doc, const sec_line *lines,
                                     size_t i)
{
    if (lines[i].md.kind == SEC_MD_ATX)
        return true;
    if (lines[i].md.kind != SEC_MD_TEXT)
        return false;
    /* the paragraph it opens runs on to an underline */
    for (size_t j = i + 1; j < doc->n_blocks; j++) {
        const sec_md_line *md = &lines[j].md;
        if (doc->blocks[j].blank_before != 0)
            return false;
        if (md->kind == SEC_MD_SETEXT_EQ || md->kind == SEC_MD_SETEXT_DASH)
            return true;
        if (md->kind != SEC_MD_TEXT || md->list_item || md->quote_depth)
            return false;
    }
    return false;
}

/* A plain-text title line that may head the outline: a paragraph without
 * a marker or Markdown syntax, and, when the record carries a title of
 * its own (metadata "title"), that title. headings.c decides whether it
 * does. */
static bool may_head_outline(const sections_state *st, const sl_doc *doc,
                             const sec_line *l, size_t i)
{
    const sl_block *b = &doc->blocks[i];
    if (!st->title_heading || doc->content_type != SL_CONTENT_TEXT ||
        b->kind != SL_BLOCK_PARAGRAPH || (b->flags & SL_BLOCK_LINES) ||
        l->marker.family != SEC_FAM_NONE || l->md.kind != SEC_MD_TEXT ||
        l->md.quote_depth || l->md.list_item)
        return false;
    const char *own = sl_doc_meta_string(doc, "title");
    return !own || (strlen(own) == b->len && memcmp(own, b->text, b->len) == 0);
}

/* Fills lines[] (zeroed, as sl_doc_alloc hands it out) with the marker
 * scan and the Markdown facts of every block. */
static void scan_lines(const sections_state *st, const sl_doc *doc,
                       sec_line *lines, bool markdown)
{
    if (markdown)
        scan_markdown(doc, lines);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        sec_line *l = &lines[i];
        if (sec_block_is_dropped(b)) {
            l->role = SEC_ROLE_SKIP;
            continue;
        }
        if (b->kind == SL_BLOCK_PARAGRAPH && !(b->flags & SL_BLOCK_LINES))
            sec_scan_marker(b->text, b->len, &l->marker);
        if (b->flags & SL_BLOCK_TITLE) {
            /* a title line such as "# Guide" or "一、基本情况" is also the
             * first heading; a plain one may head the outline */
            sec_family fam = l->marker.family;
            l->title_heading =
                (markdown && is_markdown_heading_line(doc, lines, i)) ||
                (fam != SEC_FAM_NONE && fam != SEC_FAM_BULLET &&
                 fam != SEC_FAM_TIAO) ||
                may_head_outline(st, doc, l, i);
            if (!l->title_heading) {
                l->role = SEC_ROLE_SKIP;
                continue;
            }
        }
    }
}

/* Reads the lines' roles, repairs broken paragraphs and builds the
 * outline, with lines[] (one per block, zeroed) as scratch. */
static sl_status find_sections(sl_ctx *ctx, const sections_state *st,
                               sl_doc *doc, sec_line *lines)
{
    bool text = doc->content_type == SL_CONTENT_TEXT;
    scan_lines(st, doc, lines, text);
    if (st->repair && text && sec_repair(ctx, doc, lines) < 0)
        return SL_ERROR;
    if (sec_decide_roles(st, doc, lines) < 0)
        return sl_fail(ctx, "out of memory reading headings");
    if (sec_build_outline(ctx, doc, lines) < 0)
        return SL_ERROR;
    return SL_OK;
}

/* Fails the document when it is too large for the scratch's 32-bit
 * offsets and block indexes (a lead-in split can double the blocks). */
static sl_status check_scratch_fits(sl_ctx *ctx, const sl_doc *doc)
{
    if (doc->n_blocks > UINT32_MAX / 2 || doc->raw_len > SEC_MAX_LINE_BYTES)
        return sl_fail(ctx,
                       "document too large for the sections stage (%zu "
                       "blocks, %zu bytes; at most %zu blocks and %zu bytes)",
                       doc->n_blocks, doc->raw_len, (size_t)UINT32_MAX / 2,
                       SEC_MAX_LINE_BYTES);
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (doc->blocks[i].len > SEC_MAX_LINE_BYTES)
            return sl_fail(ctx,
                           "block %zu of %zu bytes is too long for the "
                           "sections stage (at most %zu)",
                           i, doc->blocks[i].len, SEC_MAX_LINE_BYTES);
    return SL_OK;
}

/* Documents of up to this many blocks keep their per-block scratch on
 * the stack (88 bytes a block: 5.5 KiB), which spares most documents a
 * calloc and a free. */
#define STACK_LINES 64

static sl_status sections_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const sections_state *st = state;
    if (doc->n_blocks == 0) {
        doc->n_sections = 0;
        return SL_OK;
    }
    if (st->noise && sec_remove_noise(ctx, doc) < 0)
        return SL_ERROR;
    if (doc->n_blocks == 0) { /* the noise was all there was */
        doc->n_sections = 0;
        return SL_OK;
    }
    /* scratch for this call only: on the stack for a document of a few
     * blocks, else allocated and freed here rather than kept in the
     * document's arena until the document leaves the pipeline */
    sec_line stack_lines[STACK_LINES];
    sec_line *lines = stack_lines;
    if (doc->n_blocks <= STACK_LINES)
        memset(stack_lines, 0, doc->n_blocks * sizeof *lines);
    else if (!(lines = calloc(doc->n_blocks, sizeof *lines)))
        return sl_fail(ctx, "out of memory scanning %zu blocks", doc->n_blocks);
    sl_status status = check_scratch_fits(ctx, doc);
    if (status == SL_OK)
        status = find_sections(ctx, st, doc, lines);
    if (lines != stack_lines)
        free(lines);
    return status;
}

const sl_plugin sections_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "sections",
    .summary = "Find headings, build the section outline, repair broken "
               "paragraphs and remove injected noise characters",
    .version = "0.1.0",
    .options = sections_options,
    .state_size = sizeof(sections_state),
    .process = sections_process,
};
