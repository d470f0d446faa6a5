/* plugins/export/record_json_internal.h - what the files of the JSONL
 * record share: the span kinds the record has fields of its own for and
 * their memo by the type's address, the cursor of code point positions
 * and text_position, inlined where figures and spans are written, and
 * what each file lends the others, named record_json_*. Only
 * record_json*.c include it.
 *
 * record_json.c          the record in its key order (record_json_put),
 *                        the record of a piece (record_json_put_chunk),
 *                        the metadata, the sections' tree, the removed
 *                        blocks, emptying a large record into the output;
 * record_json_count.c    code points counted in short runs (SSE2, AVX2,
 *                        a word at a time), for positions in "text";
 * record_json_figures.c  the figures and ranges, short and full, with
 *                        the memos of what the record already holds;
 * record_json_spans.c    the captions with their references, the spans
 *                        of other types (unknown_spans) and the kind of a
 *                        span type by its name.
 */
#ifndef SLUICE_EXPORT_RECORD_JSON_INTERNAL_H
#define SLUICE_EXPORT_RECORD_JSON_INTERNAL_H

#include "export.h"

#include <stdbool.h>
#include <stddef.h>

/* The span types the record has fields of its own for. */
typedef enum span_kind {
    KIND_OTHER,
    KIND_FIGURE,
    KIND_RANGE,
    KIND_CAPTION,
    KIND_CAPTION_REF
} span_kind;

/* The kind of the span type named type (record_json_spans.c). */
span_kind record_json_kind_of_name(const char *type);

/* The kinds of span types, remembered by the type's address: a stage
 * names its spans with a few constant strings, so the names are compared
 * once an address instead of once a span. Lives for the writing of one
 * document, whose spans do not change meanwhile. */
enum { KIND_MEMO_SLOTS = 4 };
typedef struct kind_memo {
    const char *seen[KIND_MEMO_SLOTS];
    unsigned char kind[KIND_MEMO_SLOTS];
    size_t n;
} kind_memo;

static inline span_kind kind_of(kind_memo *m, const char *type)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->seen[i] == type)
            return (span_kind)m->kind[i];
    span_kind kind = record_json_kind_of_name(type);
    if (m->n < KIND_MEMO_SLOTS) {
        m->seen[m->n] = type;
        m->kind[m->n] = (unsigned char)kind;
        m->n++;
    }
    return kind;
}

/* The kind of the span when its block is in the text, else KIND_OTHER:
 * view_span_is_kept_figure and view_span_is_kept_range are this kind
 * being KIND_FIGURE and KIND_RANGE. */
static inline span_kind kept_kind(const doc_view *view, kind_memo *m,
                                  const sl_span *sp)
{
    if (!sp->type || sp->block >= view->doc->n_blocks ||
        view->text_offset[sp->block] < 0)
        return KIND_OTHER;
    return kind_of(m, sp->type);
}

/* A bit for each kind: which ones the document has kept spans of. */
static inline unsigned kind_bit(span_kind kind)
{
    return 1u << kind;
}

/* Where the last position was taken: figures of a block come mostly in
 * order, so the next count starts there instead of at the block start. */
typedef struct position_cursor {
    size_t block, byte;
    long chars; /* code points of the block before byte */
} position_cursor;

/* Shorter runs (within a figure, or between close ones) are counted
 * here: cheaper than a call. */
enum { SHORT_COUNT = 64 };

/* Code point offset in "text" of byte `at` of a kept block. */
static inline long text_position(const doc_view *view, position_cursor *cur,
                                 size_t block, size_t at)
{
    const sl_block *b = &view->doc->blocks[block];
    if (cur->block != block || cur->byte > at) {
        cur->block = block;
        cur->byte = 0;
        cur->chars = 0;
    }
    size_t n = at - cur->byte;
    const char *from = b->text + cur->byte;
    cur->chars +=
        (long)(n < SHORT_COUNT
                   ? count_chars_within(b->text, b->text + b->len, from, n)
                   : sl_utf8_count(from, n));
    cur->byte = at;
    return view->text_offset[block] + cur->chars;
}

/* record_json.c */
int record_json_put_dumped(const char *data, size_t size, void *user);
int record_json_flush_if_large(const record_flush *flush, outbuf *b,
                               bool *emptied);

/* record_json_figures.c */
int record_json_put_figures(const export_state *st, const doc_view *view,
                            outbuf *b, const record_flush *flush,
                            span_kind want, kind_memo *kinds, unsigned *kept);

/* record_json_spans.c */
void record_json_put_captions(const export_state *st, const doc_view *view,
                              kind_memo *kinds, outbuf *b);
int record_json_put_unknown_spans(const doc_view *view, outbuf *b,
                                  const record_flush *flush);

#endif
