/* plugins/export/format_csv.c - CSV (RFC 4180: CRLF line ends, fields that
 * hold a comma, quote or line break are quoted and their quotes doubled),
 * with a header row. csv_rows=figures (the default) writes one row per
 * figure: doc_id, section (headings joined by " > "), text, value, unit,
 * kind, qualifier, sentence, low, high (the bounds of a range, empty for
 * other figures). csv_rows=sections writes one row per section:
 * doc_id, section (its index in the document), parent, level, heading,
 * path.
 */
#include "export.h"

#include <string.h>

static const char figure_header[] =
    "doc_id,section,text,value,unit,kind,qualifier,sentence,low,high\r\n";
static const char section_header[] =
    "doc_id,section,parent,level,heading,path\r\n";

static bool csv_sections(const export_state *st)
{
    return st->csv_rows && strcmp(st->csv_rows, "sections") == 0;
}

static void put_field(outbuf *b, const char *s, size_t len)
{
    if (!s)
        return;
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        outbuf_put(b, s, len);
        return;
    }
    outbuf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '"')
            continue;
        outbuf_put(b, s + run, i + 1 - run);
        outbuf_putc(b, '"');
        run = i + 1;
    }
    outbuf_put(b, s + run, len - run);
    outbuf_putc(b, '"');
}

static void put_cfield(outbuf *b, const char *s)
{
    if (s)
        put_field(b, s, strlen(s));
}

/* Fields built in scratch (paths) go through put_field for quoting. */
static void put_path_field(outbuf *b, outbuf *scratch, const doc_view *view,
                           long section)
{
    outbuf_reset(scratch);
    view_put_section_path_text(view, scratch, section);
    put_field(b, scratch->data, scratch->len);
}

static void put_figure_row(const export_state *st, const doc_view *view,
                           outbuf *b, outbuf *scratch, const sl_span *sp)
{
    const sl_block *blk = &view->doc->blocks[sp->block];
    size_t start = sp->start, end = sp->end, from, to;
    clamp_span(blk->text, blk->len, &start, &end);
    export_figure_context(st, blk, start, end, &from, &to);
    put_cfield(b, view->doc->id);
    outbuf_putc(b, ',');
    put_path_field(b, scratch, view, view->block_section[sp->block]);
    outbuf_putc(b, ',');
    put_field(b, blk->text + start, end - start);
    outbuf_putc(b, ',');
    char number[40];
    if ((sp->flags & SL_SPAN_HAS_VALUE) &&
        format_number(sp->value, number, sizeof number))
        outbuf_puts(b, number);
    outbuf_putc(b, ',');
    put_cfield(b, sp->unit);
    outbuf_putc(b, ',');
    put_cfield(b, sp->kind);
    outbuf_putc(b, ',');
    put_cfield(b, sp->qualifier);
    outbuf_putc(b, ',');
    put_field(b, blk->text + from, to - from);
    outbuf_putc(b, ',');
    if (sp->flags & SL_SPAN_HAS_RANGE) {
        if (format_number(sp->low, number, sizeof number))
            outbuf_puts(b, number);
        outbuf_putc(b, ',');
        if (format_number(sp->high, number, sizeof number))
            outbuf_puts(b, number);
    } else {
        outbuf_putc(b, ',');
    }
    outbuf_puts(b, "\r\n");
}

static void put_section_row(const doc_view *view, outbuf *b, outbuf *scratch,
                            size_t s)
{
    put_cfield(b, view->doc->id);
    outbuf_putc(b, ',');
    outbuf_put_int(b, (long long)s);
    outbuf_putc(b, ',');
    if (view->section_parent[s] >= 0)
        outbuf_put_int(b, view->section_parent[s]);
    outbuf_putc(b, ',');
    outbuf_put_int(b, view->doc->sections[s].level);
    outbuf_putc(b, ',');
    size_t len;
    const char *heading = view_section_heading(view, s, &len);
    put_field(b, heading, len);
    outbuf_putc(b, ',');
    put_path_field(b, scratch, view, (long)s);
    outbuf_puts(b, "\r\n");
}

static int csv_begin(sl_ctx *ctx, export_state *st)
{
    outbuf_puts(&st->buf, csv_sections(st) ? section_header : figure_header);
    return export_emit(ctx, st);
}

static int csv_render(const export_state *st, const doc_view *view, outbuf *b,
                      outbuf *scratch, const record_flush *flush)
{
    const sl_doc *doc = view->doc;
    if (csv_sections(st)) {
        for (size_t s = 0; s < doc->n_sections; s++) {
            if (!view->section_kept[s])
                continue;
            put_section_row(view, b, scratch, s);
            if (export_flush_if_large(flush, b) != 0)
                return -1;
        }
    } else {
        for (size_t i = 0; i < doc->n_spans; i++) {
            if (!view_span_is_kept_quantity(view, &doc->spans[i]))
                continue;
            put_figure_row(st, view, b, scratch, &doc->spans[i]);
            if (export_flush_if_large(flush, b) != 0)
                return -1;
        }
    }
    return b->failed || scratch->failed ? -1 : 0;
}

const export_format export_format_csv = {
    .name = "csv",
    .begin = csv_begin,
    .render = csv_render,
};
