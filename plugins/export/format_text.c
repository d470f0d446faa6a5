/* plugins/export/format_text.c - plain text: the clean text of each
 * document (title line first), documents separated by a blank line; with
 * split/max_chars, each piece followed by a blank line.
 */
#include "export.h"

static int put_chunk(const chunk_out *out, const doc_view *view, long section,
                     size_t index, const char *text, size_t len)
{
    (void)view;
    (void)section;
    (void)index;
    outbuf_put(out->b, text, len);
    outbuf_puts(out->b, "\n\n");
    return export_flush_if_large(out->flush, out->b);
}

static int text_render(const export_state *st, const doc_view *view, outbuf *b,
                       outbuf *scratch, const record_flush *flush)
{
    if (export_chunking(st)) {
        chunk_out out = {st, b, flush};
        return chunks_each(&out, view, scratch, put_chunk);
    }
    size_t before = b->len;
    view_put_text(view, b, false);
    if (b->len != before) /* nothing kept: no empty paragraph */
        outbuf_puts(b, "\n\n");
    return 0;
}

const export_format export_format_text = {
    .name = "text",
    .render = text_render,
};
