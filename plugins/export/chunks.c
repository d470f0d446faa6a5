/* plugins/export/chunks.c - cutting a document's clean text into pieces for
 * retrieval-style corpora: one piece per section (split=section) or the
 * whole document, each cut again at sentence ends so that no piece is
 * longer than max_chars code points.
 */
#include "export.h"

#include <string.h>

bool export_chunking(const export_state *st)
{
    return st->split_sections || st->max_chars > 0;
}

size_t chunk_cut(const char *text, size_t len, size_t max_chars)
{
    size_t pos = 0, chars = 0, last = 0;
    while (pos < len) {
        if (chars == max_chars)
            return last ? last : pos;
        int32_t cp = sl_utf8_next(text, len, &pos);
        chars++;
        size_t after = sentence_end_after(text, len, cp, pos);
        if (after &&
            chars + sl_utf8_count(text + pos, after - pos) <= max_chars)
            last = after;
    }
    return len;
}

static bool is_space_at(const char *text, size_t len, size_t pos, size_t *next)
{
    *next = pos;
    return sl_is_space(sl_utf8_next(text, len, next));
}

/* Hands the group's text to fn, cut to max_chars when asked. */
static int emit_group(const chunk_out *out, const doc_view *view,
                      outbuf *scratch, long section, size_t *index, chunk_fn fn)
{
    const export_state *st = out->st;
    const char *text = scratch->data;
    size_t len = scratch->len;
    size_t pos = 0;
    while (pos < len) {
        size_t next;
        while (pos < len && is_space_at(text, len, pos, &next))
            pos = next;
        if (pos == len)
            break;
        size_t cut = len - pos;
        if (st->max_chars > 0)
            cut = chunk_cut(text + pos, len - pos, (size_t)st->max_chars);
        size_t end = pos + cut;
        size_t trimmed = end;
        while (trimmed > pos) {
            size_t prev = trimmed;
            if (!sl_is_space(sl_utf8_prev(text, &prev)))
                break;
            trimmed = prev;
        }
        int rc = fn(out, view, section, (*index)++, text + pos, trimmed - pos);
        if (rc != 0)
            return rc;
        pos = end;
    }
    outbuf_reset(scratch);
    return 0;
}

int chunks_each(const chunk_out *out, const doc_view *view, outbuf *scratch,
                chunk_fn fn)
{
    const export_state *st = out->st;
    const sl_doc *doc = view->doc;
    size_t index = 0;
    long group = -1;
    /* a group of headings only (a title, a chapter heading right before
     * its first subsection) is carried into the next group rather than
     * written as a piece of its own */
    bool has_body = false;
    outbuf_reset(scratch);
    if (view->title_first)
        outbuf_puts(scratch, doc->title);
    else if (view->lead_block >= 0)
        outbuf_put(scratch, doc->blocks[view->lead_block].text,
                   doc->blocks[view->lead_block].len);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (!view_block_kept(view, i) || (long)i == view->lead_block)
            continue;
        const sl_block *blk = &doc->blocks[i];
        long section = st->split_sections ? view->block_section[i] : -1;
        if (section != group && has_body) {
            if (scratch->failed)
                return -1;
            int rc = emit_group(out, view, scratch, group, &index, fn);
            if (rc != 0)
                return rc;
            has_body = false;
        }
        group = section;
        if (scratch->len > 0)
            outbuf_putc(scratch, '\n');
        outbuf_put(scratch, blk->text, blk->len);
        if (blk->kind != SL_BLOCK_HEADING && !(blk->flags & SL_BLOCK_TITLE))
            has_body = true;
    }
    if (scratch->failed)
        return -1;
    if (scratch->len > 0)
        return emit_group(out, view, scratch, group, &index, fn);
    return 0;
}
