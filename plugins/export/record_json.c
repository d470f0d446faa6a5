/* plugins/export/record_json.c - the JSONL record of a document, written
 * straight into a buffer in a fixed key order: id, text, metadata, title,
 * sections (a tree), figures, ranges and captions (when there are any),
 * spans (with unknown_spans) and removed (with show_removed). The schema is in
 * doc/export-formats.md. A record larger than RECORD_FLUSH_BYTES goes to the
 * output in pieces, so the buffer never holds much more than the document's
 * text. The figures and ranges are written by record_json_figures.c, the
 * captions and other spans by record_json_spans.c, the positions in "text"
 * counted by record_json_count.c (see record_json_internal.h).
 */
#include "record_json_internal.h"

#include <string.h>

int record_json_put_dumped(const char *data, size_t size, void *user)
{
    outbuf_put(user, data, size);
    return 0;
}

/* A string of jansson's (a key or a value) as json_dump_callback writes
 * it. False, with nothing written, where outbuf_put_json_string would
 * write something else: a control byte (jansson writes \u001F in
 * capitals) or bytes that are not UTF-8 (jansson gives up). */
static bool put_dump_string(outbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20)
            return false;
    if (sl_utf8_validate(s, len) != len)
        return false;
    outbuf_put_json_string(b, s, len);
    return true;
}

/* A value of metadata as json_dump_callback writes it, when it is a
 * string, an integer, true, false or null; false for anything else
 * (reals, arrays, objects), left to jansson. */
static bool put_dump_scalar(outbuf *b, json_t *value)
{
    switch (json_typeof(value)) {
    case JSON_STRING:
        return put_dump_string(b, json_string_value(value),
                               json_string_length(value));
    case JSON_INTEGER:
        outbuf_put_int(b, (long long)json_integer_value(value));
        return true;
    case JSON_TRUE: outbuf_puts(b, "true"); return true;
    case JSON_FALSE: outbuf_puts(b, "false"); return true;
    case JSON_NULL: outbuf_puts(b, "null"); return true;
    default: return false;
    }
}

bool put_flat_metadata(json_t *meta, outbuf *b)
{
#if JANSSON_VERSION_HEX >= 0x020e00
    size_t before = b->len;
    bool first = true;
    outbuf_putc(b, '{');
    for (void *it = json_object_iter(meta); it;
         it = json_object_iter_next(meta, it)) {
        if (!first)
            outbuf_putc(b, ',');
        first = false;
        if (!put_dump_string(b, json_object_iter_key(it),
                             json_object_iter_key_len(it))) {
            b->len = before;
            return false;
        }
        outbuf_putc(b, ':');
        if (!put_dump_scalar(b, json_object_iter_value(it))) {
            b->len = before;
            return false;
        }
    }
    outbuf_putc(b, '}');
    return true;
#else
    (void)meta;
    (void)b;
    return false;
#endif
}

void put_dumped_metadata(json_t *meta, outbuf *b)
{
    size_t before = b->len;
    if (json_dump_callback(meta, record_json_put_dumped, b,
                           JSON_COMPACT | JSON_PRESERVE_ORDER |
                               JSON_REAL_PRECISION(17)) != 0) {
        b->len = before;
        outbuf_puts(b, "{}");
    }
}

/* The metadata object: written here when it is flat (the usual url, date
 * and id), else by jansson. */
static void put_metadata(const sl_doc *doc, outbuf *b)
{
    if (!doc->meta || !json_is_object(doc->meta)) {
        outbuf_puts(b, "{}");
        return;
    }
    if (!put_flat_metadata(doc->meta, b))
        put_dumped_metadata(doc->meta, b);
}

/* The sections as a tree. Sections are in document order with each
 * subtree right after its parent, so one pass with a stack of open nodes
 * writes the tree without recursion. With short figures each section also
 * has "start", where its heading is in "text" (code points): a figure's
 * section is the last one that starts at or before it. */
static void put_sections(const export_state *st, const doc_view *view,
                         outbuf *b)
{
    const sl_doc *doc = view->doc;
    long *open = view->stack;
    size_t depth = 0;
    bool first = true;
    outbuf_putc(b, '[');
    for (size_t s = 0; s < doc->n_sections; s++) {
        if (!view->section_kept[s])
            continue;
        long parent = view->section_parent[s];
        while (depth > 0 && open[depth - 1] != parent) {
            outbuf_puts(b, "]}");
            depth--;
            first = false;
        }
        if (!first)
            outbuf_putc(b, ',');
        size_t len;
        const char *heading = view_section_heading(view, s, &len);
        outbuf_puts(b, "{\"heading\":");
        outbuf_put_json_string(b, heading, len);
        outbuf_puts(b, ",\"level\":");
        outbuf_put_int(b, doc->sections[s].level);
        if (!st->full_figures) {
            outbuf_puts(b, ",\"start\":");
            outbuf_put_int(b,
                           view->text_offset[doc->sections[s].heading_block]);
        }
        outbuf_puts(b, ",\"children\":[");
        open[depth++] = (long)s;
        first = true;
    }
    while (depth-- > 0)
        outbuf_puts(b, "]}");
    outbuf_putc(b, ']');
}

/* Empties what the buffer holds of the record into the output once it
 * holds more than the threshold. Returns 0, or -1 when the write failed;
 * *emptied says whether it did, so that copies of earlier bytes are not
 * taken from the emptied buffer. */
int record_json_flush_if_large(const record_flush *flush, outbuf *b,
                               bool *emptied)
{
    *emptied = false;
    if (!flush || b->len < RECORD_FLUSH_BYTES)
        return 0;
    *emptied = true;
    return flush->fn(flush->user);
}

static void put_removed(const doc_view *view, outbuf *b)
{
    const sl_doc *doc = view->doc;
    bool first = true;
    outbuf_putc(b, '[');
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *blk = &doc->blocks[i];
        if (!(blk->flags & SL_BLOCK_BOILERPLATE))
            continue;
        if (!first)
            outbuf_putc(b, ',');
        first = false;
        outbuf_puts(b, "{\"text\":");
        outbuf_put_json_string(b, blk->text, blk->len);
        outbuf_puts(b, ",\"reason\":");
        outbuf_put_json_cstr(b, blk->reason);
        outbuf_puts(b, ",\"score\":");
        outbuf_put_json_float(b, blk->score);
        outbuf_puts(b, ",\"block\":");
        outbuf_put_int(b, (long long)i);
        if (blk->line) {
            outbuf_puts(b, ",\"line\":");
            outbuf_put_int(b, blk->line);
        }
        outbuf_putc(b, '}');
    }
    outbuf_putc(b, ']');
}

int record_json_put(const export_state *st, const doc_view *view, outbuf *b,
                    const record_flush *flush)
{
    const sl_doc *doc = view->doc;
    bool emptied;
    outbuf_puts(b, "{\"id\":");
    outbuf_put_json_cstr(b, doc->id);
    outbuf_puts(b, ",\"text\":");
    view_put_text(view, b, true);
    if (record_json_flush_if_large(flush, b, &emptied) < 0)
        return -1;
    outbuf_puts(b, ",\"metadata\":");
    put_metadata(doc, b);
    outbuf_puts(b, ",\"title\":");
    outbuf_put_json_cstr(b, doc->title);
    outbuf_puts(b, ",\"sections\":");
    put_sections(st, view, b);
    if (st->figures) {
        outbuf_puts(b, ",\"figures\":");
        kind_memo kinds = {.n = 0};
        unsigned kept = 0; /* the kinds of the kept spans */
        if (record_json_put_figures(st, view, b, flush, KIND_FIGURE, &kinds,
                                    &kept) < 0)
            return -1;
        if (kept & kind_bit(KIND_RANGE)) {
            outbuf_puts(b, ",\"ranges\":");
            if (record_json_put_figures(st, view, b, flush, KIND_RANGE, &kinds,
                                        &kept) < 0)
                return -1;
        }
        if (kept & kind_bit(KIND_CAPTION))
            record_json_put_captions(st, view, &kinds, b);
    }
    if (st->unknown_spans && record_json_put_unknown_spans(view, b, flush) < 0)
        return -1;
    if (st->show_removed) {
        outbuf_puts(b, ",\"removed\":");
        put_removed(view, b);
    }
    outbuf_putc(b, '}');
    return 0;
}

void record_json_put_chunk(const export_state *st, const doc_view *view,
                           long section, size_t index, const char *text,
                           size_t len, outbuf *b)
{
    const sl_doc *doc = view->doc;
    (void)st;
    outbuf_puts(b, "{\"id\":\"");
    outbuf_put_json_chars(b, doc->id, strlen(doc->id));
    outbuf_putc(b, '#');
    outbuf_put_int(b, (long long)index);
    outbuf_puts(b, "\",\"text\":");
    outbuf_put_json_string(b, text, len);
    outbuf_puts(b, ",\"metadata\":");
    put_metadata(doc, b);
    outbuf_puts(b, ",\"doc_id\":");
    outbuf_put_json_cstr(b, doc->id);
    outbuf_puts(b, ",\"chunk\":");
    outbuf_put_int(b, (long long)index);
    outbuf_puts(b, ",\"title\":");
    outbuf_put_json_cstr(b, doc->title);
    outbuf_puts(b, ",\"section\":");
    view_put_section_path_json(view, b, section);
    outbuf_putc(b, '}');
}
