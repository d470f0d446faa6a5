/* plugins/export/format_text.c - plain text: the clean text of each
 * document (title line first), documents separated by a blank line; with
 * split/max_chars, each piece followed by a blank line.
 */
#include "export.h"

static int write_chunk(sl_ctx *ctx, export_state *st, const doc_view *view,
                       long section, size_t index, const char *text, size_t len)
{
    outbuf_put(&st->buf, text, len);
    outbuf_puts(&st->buf, "\n\n");
    return export_emit(ctx, st);
}

static int text_write(sl_ctx *ctx, export_state *st, const doc_view *view)
{
    if (export_chunking(st))
        return chunks_each(ctx, st, view, write_chunk);
    size_t before = st->buf.len;
    view_put_text(view, &st->buf, false);
    if (st->buf.len == before) /* nothing kept: no empty paragraph */
        return 0;
    outbuf_puts(&st->buf, "\n\n");
    return export_emit(ctx, st);
}

const export_format export_format_text = {
    .name = "text",
    .write = text_write,
};
