/* plugins/export/format_jsonl.c - JSON Lines: one record per document (see
 * record_json.c; a large one written out in pieces as it is built), or one
 * per piece when split/max_chars cut documents.
 */
#include "export.h"

static int write_chunk(sl_ctx *ctx, export_state *st, const doc_view *view,
                       long section, size_t index, const char *text, size_t len)
{
    record_json_put_chunk(st, view, section, index, text, len, &st->buf);
    outbuf_putc(&st->buf, '\n');
    return export_emit(ctx, st);
}

/* What flushing a large record needs. */
typedef struct jsonl_flush {
    sl_ctx *ctx;
    export_state *st;
} jsonl_flush;

static int emit_piece(void *user)
{
    jsonl_flush *f = user;
    return export_emit(f->ctx, f->st);
}

static int jsonl_write(sl_ctx *ctx, export_state *st, const doc_view *view)
{
    if (export_chunking(st))
        return chunks_each(ctx, st, view, write_chunk);
    jsonl_flush f = {ctx, st};
    record_flush flush = {emit_piece, &f};
    if (record_json_put(st, view, &st->buf, &flush) < 0)
        return -1;
    outbuf_putc(&st->buf, '\n');
    return export_emit(ctx, st);
}

const export_format export_format_jsonl = {
    .name = "jsonl",
    .write = jsonl_write,
};
