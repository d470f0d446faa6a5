/* plugins/export/format_jsonl.c - JSON Lines: one record per document (see
 * record_json.c; a large one written out in pieces as it is built), or one
 * per piece when split/max_chars cut documents.
 */
#include "export.h"

static int put_chunk(const chunk_out *out, const doc_view *view, long section,
                     size_t index, const char *text, size_t len)
{
    record_json_put_chunk(out->st, view, section, index, text, len, out->b);
    outbuf_putc(out->b, '\n');
    return export_flush_if_large(out->flush, out->b);
}

static int jsonl_render(const export_state *st, const doc_view *view, outbuf *b,
                        outbuf *scratch, const record_flush *flush)
{
    if (export_chunking(st)) {
        chunk_out out = {st, b, flush};
        return chunks_each(&out, view, scratch, put_chunk);
    }
    if (record_json_put(st, view, b, flush) < 0)
        return -1;
    outbuf_putc(b, '\n');
    return 0;
}

const export_format export_format_jsonl = {
    .name = "jsonl",
    .render = jsonl_render,
};
