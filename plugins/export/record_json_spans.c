/* plugins/export/record_json_spans.c - the spans of a record other than
 * figures and ranges: the captions with the references to each, grouped
 * in one counting pass, and under "spans" (unknown_spans) those of types
 * the record has no fields for; and the kind of a span type by its name.
 */
#include "record_json_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

span_kind record_json_kind_of_name(const char *type)
{
    static const char *const names[] = {"figure", "range", "caption",
                                        "caption_ref"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(type, names[i]) == 0)
            return (span_kind)(i + 1);
    return KIND_OTHER;
}

/* The kept references to captions, grouped by the caption span they
 * point at: those of span t are order[at[t]] .. order[at[t + 1] - 1], in
 * document order. Built with one counting pass, so that writing the
 * captions costs one pass over the spans, not one per caption. */
typedef struct refs_by_caption {
    size_t *at;    /* n_spans + 1 starts */
    size_t *order; /* span indexes of the references */
} refs_by_caption;

/* Groups the references; false when out of memory. */
static bool group_refs(const doc_view *view, kind_memo *kinds,
                       refs_by_caption *refs)
{
    const sl_doc *doc = view->doc;
    size_t n = doc->n_spans;
    refs->at = calloc(n + 2, sizeof *refs->at);
    refs->order = malloc((n ? n : 1) * sizeof *refs->order);
    if (!refs->at || !refs->order)
        return false;
    for (size_t i = 0; i < n; i++) {
        const sl_span *sp = &doc->spans[i];
        if (kept_kind(view, kinds, sp) == KIND_CAPTION_REF && sp->target >= 0 &&
            (size_t)sp->target < n)
            refs->at[(size_t)sp->target + 2]++;
    }
    for (size_t t = 2; t < n + 2; t++)
        refs->at[t] += refs->at[t - 1];
    /* at[t + 1] is now where the references of t start: fill them in */
    for (size_t i = 0; i < n; i++) {
        const sl_span *sp = &doc->spans[i];
        if (kept_kind(view, kinds, sp) == KIND_CAPTION_REF && sp->target >= 0 &&
            (size_t)sp->target < n)
            refs->order[refs->at[(size_t)sp->target + 1]++] = i;
    }
    return true;
}

static void put_caption_refs(const export_state *st, const doc_view *view,
                             outbuf *b, const refs_by_caption *refs,
                             size_t target)
{
    const sl_doc *doc = view->doc;
    outbuf_putc(b, '[');
    for (size_t k = refs->at[target]; k < refs->at[target + 1]; k++) {
        const sl_span *sp = &doc->spans[refs->order[k]];
        const sl_block *blk = &doc->blocks[sp->block];
        size_t start = sp->start, end = sp->end;
        clamp_span(blk->text, blk->len, &start, &end);
        if (k > refs->at[target])
            outbuf_putc(b, ',');
        outbuf_puts(b, "{\"text\":");
        outbuf_put_json_string(b, blk->text + start, end - start);
        outbuf_puts(b, ",\"block\":");
        outbuf_put_int(b, (long long)sp->block);
        size_t from, to;
        export_figure_context(st, blk, start, end, &from, &to);
        outbuf_puts(b, ",\"sentence\":");
        outbuf_put_json_string(b, blk->text + from, to - from);
        outbuf_putc(b, '}');
    }
    outbuf_putc(b, ']');
}

/* ,"captions":[...] of the document's kept captions (it has some). */
void record_json_put_captions(const export_state *st, const doc_view *view,
                              kind_memo *kinds, outbuf *b)
{
    const sl_doc *doc = view->doc;
    refs_by_caption refs = {0};
    if (!group_refs(view, kinds, &refs)) {
        b->failed = true; /* reported as out of memory */
        free(refs.at);
        free(refs.order);
        return;
    }
    bool first = true;
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *sp = &doc->spans[i];
        if (kept_kind(view, kinds, sp) != KIND_CAPTION)
            continue;
        const sl_block *blk = &doc->blocks[sp->block];
        outbuf_puts(b, first ? ",\"captions\":[" : ",");
        first = false;
        outbuf_puts(b, "{\"label\":");
        outbuf_put_json_cstr(b, sp->label);
        outbuf_puts(b, ",\"text\":");
        outbuf_put_json_string(b, blk->text, blk->len);
        outbuf_puts(b, ",\"block\":");
        outbuf_put_int(b, (long long)sp->block);
        outbuf_puts(b, ",\"refs\":");
        put_caption_refs(st, view, b, &refs, i);
        outbuf_putc(b, '}');
    }
    outbuf_putc(b, ']');
    free(refs.at);
    free(refs.order);
}

/* The span types the record has fields of its own for. */
static bool span_type_is_known(const char *type)
{
    static const char *const known[] = {"figure", "range", "caption",
                                        "caption_ref"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(type, known[i]) == 0)
            return true;
    return false;
}

/* One span of a type without fields of its own: its type, text and place
 * as a figure's, and each other field that is set. */
static void put_unknown_span(const doc_view *view, position_cursor *cur,
                             outbuf *b, const sl_span *sp)
{
    const sl_block *blk = &view->doc->blocks[sp->block];
    size_t start = sp->start, end = sp->end;
    clamp_span(blk->text, blk->len, &start, &end);
    outbuf_puts(b, "{\"type\":");
    outbuf_put_json_cstr(b, sp->type);
    outbuf_puts(b, ",\"text\":");
    outbuf_put_json_string(b, blk->text + start, end - start);
    outbuf_puts(b, ",\"start\":");
    outbuf_put_int(b, text_position(view, cur, sp->block, start));
    outbuf_puts(b, ",\"end\":");
    outbuf_put_int(b, text_position(view, cur, sp->block, end));
    outbuf_puts(b, ",\"block\":");
    outbuf_put_int(b, (long long)sp->block);
    const struct {
        const char *key, *value;
    } strings[] = {{"kind", sp->kind},
                   {"unit", sp->unit},
                   {"qualifier", sp->qualifier},
                   {"label", sp->label}};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        if (!strings[i].value)
            continue;
        outbuf_puts(b, ",\"");
        outbuf_puts(b, strings[i].key);
        outbuf_puts(b, "\":");
        outbuf_put_json_cstr(b, strings[i].value);
    }
    if (sp->flags & SL_SPAN_HAS_VALUE) {
        outbuf_puts(b, ",\"value\":");
        outbuf_put_json_number(b, sp->value);
    }
    if (sp->flags & SL_SPAN_HAS_RANGE) {
        outbuf_puts(b, ",\"low\":");
        outbuf_put_json_number(b, sp->low);
        outbuf_puts(b, ",\"high\":");
        outbuf_put_json_number(b, sp->high);
    }
    if (sp->attrs) {
        outbuf_puts(b, ",\"attrs\":");
        size_t before = b->len;
        if (json_dump_callback(sp->attrs, record_json_put_dumped, b,
                               JSON_COMPACT | JSON_PRESERVE_ORDER |
                                   JSON_ENCODE_ANY | JSON_REAL_PRECISION(17)) !=
            0) {
            b->len = before;
            outbuf_puts(b, "null");
        }
    }
    outbuf_putc(b, '}');
}

/* ,"spans":[...]: the kept spans of types the record has no fields for. */
int record_json_put_unknown_spans(const doc_view *view, outbuf *b,
                                  const record_flush *flush)
{
    const sl_doc *doc = view->doc;
    position_cursor cur = {SIZE_MAX, 0, 0};
    bool first = true;
    outbuf_puts(b, ",\"spans\":[");
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *sp = &doc->spans[i];
        if (!sp->type || span_type_is_known(sp->type) ||
            sp->block >= doc->n_blocks || view->text_offset[sp->block] < 0)
            continue;
        if (!first)
            outbuf_putc(b, ',');
        first = false;
        put_unknown_span(view, &cur, b, sp);
        bool emptied;
        if (record_json_flush_if_large(flush, b, &emptied) < 0)
            return -1;
    }
    outbuf_putc(b, ']');
    return 0;
}
