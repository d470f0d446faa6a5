/* plugins/export/record_json_figures.c - the figures and ranges of a
 * record: short (the default: text, place and value written at a pointer
 * into room reserved once) or full (also block, sentence and section
 * path), with what the record already holds remembered so that repeated
 * strings, contexts, paths and figure ends are copied, not written again.
 */
#include "record_json_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The position len bytes after the one just taken, `taken`, which is
 * where text is: what text_position gives for them, without finding the
 * block again. */
static long position_after(position_cursor *cur, long taken,
                           const sl_block *blk, const char *text, size_t len)
{
    long chars = (long)(len < SHORT_COUNT
                            ? count_chars_within(
                                  blk->text, blk->text + blk->len, text, len)
                            : sl_utf8_count(text, len));
    cur->byte += len;
    cur->chars += chars;
    return taken + chars;
}

/* Bytes of the record already written: [at, at + len) of the buffer. */
typedef struct written {
    size_t at, len;
} written;

/* The short strings of figures (units, kinds, qualifiers) written so far
 * in the record, by their address: they are a few constant strings, so
 * most can be copied from where they were first written. A slot holds the
 * last string whose address fell in it. */
enum { MEMO_SLOTS = 64 };
typedef struct string_memo {
    const char *key[MEMO_SLOTS];
    written json[MEMO_SLOTS];
} string_memo;

/* The slot of the string at s: the top bits of its address times a large
 * odd number (Fibonacci hashing), a multiplication instead of a division;
 * strings a few bytes apart fall into different slots. */
static size_t memo_slot(const char *s)
{
    return (size_t)(((uint64_t)(uintptr_t)s * 0x9E3779B97F4A7C15ull) >> 58);
}

/* The C string s as a JSON string (null when NULL): a copy of where it
 * was written before when the memo has it. */
static void put_memo_cstr(outbuf *b, string_memo *memo, const char *s)
{
    if (!s) {
        outbuf_puts(b, "null");
        return;
    }
    size_t slot = memo_slot(s);
    if (memo->key[slot] == s) {
        outbuf_put_again(b, memo->json[slot].at, memo->json[slot].len);
        return;
    }
    memo->key[slot] = s;
    memo->json[slot].at = b->len;
    outbuf_put_json_cstr(b, s);
    memo->json[slot].len = b->len - memo->json[slot].at;
}

/* The ends of short figures written so far in the record: the bytes
 * ,"unit":...,"kind":... (and ,"qualifier":... when it has one) by the
 * addresses of the three strings. A record's figures share a few of these,
 * so most ends are one copy. A slot holds the last end whose addresses fell
 * in it; an empty slot has len 0 (an end written is never empty). */
typedef struct ending_memo {
    const char *unit[MEMO_SLOTS], *kind[MEMO_SLOTS], *qualifier[MEMO_SLOTS];
    size_t at[MEMO_SLOTS], len[MEMO_SLOTS]; /* the bytes [at, at + len) */
} ending_memo;

/* The slot of a figure's unit, kind and qualifier: the three addresses
 * mixed by multiplications, the top bits taken as in memo_slot. */
static size_t ending_slot(const sl_span *sp)
{
    uint64_t mixed = (uint64_t)(uintptr_t)sp->unit * 0x9E3779B97F4A7C15ull ^
                     (uint64_t)(uintptr_t)sp->kind * 0xC2B2AE3D27D4EB4Full ^
                     (uint64_t)(uintptr_t)sp->qualifier * 0x165667B19E3779F9ull;
    return (size_t)(mixed >> 58);
}

/* Where the figures of a document are: the code point position of the
 * last one, and its context and section path as written, to be copied for
 * the next figure when they are the same; the short strings and the ends
 * of short figures written so far. */
typedef struct figure_cursor {
    position_cursor position;
    size_t context_block; /* the block of the last context, or SIZE_MAX */
    size_t context_from, context_to; /* the last context written */
    written context_json;
    long path_section; /* the section of the last path written, or -2 */
    written path_json;
    string_memo strings;
    ending_memo endings;
} figure_cursor;

/* The context of a figure on block `block` (export_figure_context), as a
 * JSON string: copied from the figure before when it is the same. */
static void put_figure_context(const export_state *st, outbuf *b,
                               figure_cursor *cur, const sl_block *blk,
                               size_t block, size_t start, size_t end)
{
    size_t from, to;
    export_figure_context(st, blk, start, end, &from, &to);
    if (cur->context_block == block && from == cur->context_from &&
        to == cur->context_to) {
        outbuf_put_again(b, cur->context_json.at, cur->context_json.len);
        return;
    }
    cur->context_block = block;
    cur->context_from = from;
    cur->context_to = to;
    cur->context_json.at = b->len;
    outbuf_put_json_string(b, blk->text + from, to - from);
    cur->context_json.len = b->len - cur->context_json.at;
}

/* The section path of a figure, as a JSON array: copied from the figure
 * before when it is in the same section. */
static void put_figure_path(const doc_view *view, outbuf *b, figure_cursor *cur,
                            long section)
{
    if (cur->path_section == section) {
        outbuf_put_again(b, cur->path_json.at, cur->path_json.len);
        return;
    }
    cur->path_section = section;
    cur->path_json.at = b->len;
    view_put_section_path_json(view, b, section);
    cur->path_json.len = b->len - cur->path_json.at;
}

/* A figure: short (the default), its text, place and value, with the
 * qualifier only when it has one; full, also its block, sentence and
 * section path. Short keeps a record of report text within twice its
 * input: the context and path written per figure made it 2.7 times. */
static void put_figure(const export_state *st, const doc_view *view,
                       figure_cursor *cur, outbuf *b, const sl_span *sp)
{
    const sl_block *blk = &view->doc->blocks[sp->block];
    size_t start = sp->start, end = sp->end;
    clamp_span(blk->text, blk->len, &start, &end);
    outbuf_puts(b, "{\"text\":");
    outbuf_put_json_string(b, blk->text + start, end - start);
    outbuf_puts(b, ",\"start\":");
    outbuf_put_int(b, text_position(view, &cur->position, sp->block, start));
    outbuf_puts(b, ",\"end\":");
    outbuf_put_int(b, text_position(view, &cur->position, sp->block, end));
    if (st->full_figures) {
        outbuf_puts(b, ",\"block\":");
        outbuf_put_int(b, (long long)sp->block);
    }
    outbuf_puts(b, ",\"value\":");
    if (sp->flags & SL_SPAN_HAS_VALUE)
        outbuf_put_json_number(b, sp->value);
    else
        outbuf_puts(b, "null");
    outbuf_puts(b, ",\"unit\":");
    put_memo_cstr(b, &cur->strings, sp->unit);
    outbuf_puts(b, ",\"kind\":");
    put_memo_cstr(b, &cur->strings, sp->kind);
    if (st->full_figures || sp->qualifier) {
        outbuf_puts(b, ",\"qualifier\":");
        put_memo_cstr(b, &cur->strings, sp->qualifier);
    }
    if (sp->flags & SL_SPAN_HAS_RANGE) {
        outbuf_puts(b, ",\"low\":");
        outbuf_put_json_number(b, sp->low);
        outbuf_puts(b, ",\"high\":");
        outbuf_put_json_number(b, sp->high);
    }
    if (st->full_figures) {
        outbuf_puts(b, ",\"sentence\":");
        put_figure_context(st, b, cur, blk, sp->block, start, end);
        outbuf_puts(b, ",\"section\":");
        put_figure_path(view, b, cur, view->block_section[sp->block]);
    }
    outbuf_putc(b, '}');
}

/* ,"unit":...,"kind":... of a short figure, and ,"qualifier":... when it
 * has one, as put_figure writes them: copied from an earlier figure of
 * the record with the same three strings when the memo has it. */
static void put_short_figure_ending(outbuf *b, figure_cursor *cur,
                                    const sl_span *sp)
{
    ending_memo *memo = &cur->endings;
    size_t slot = ending_slot(sp);
    if (memo->len[slot] && memo->unit[slot] == sp->unit &&
        memo->kind[slot] == sp->kind &&
        memo->qualifier[slot] == sp->qualifier) {
        outbuf_put_again(b, memo->at[slot], memo->len[slot]);
        return;
    }
    size_t at = b->len;
    outbuf_puts(b, ",\"unit\":");
    put_memo_cstr(b, &cur->strings, sp->unit);
    outbuf_puts(b, ",\"kind\":");
    put_memo_cstr(b, &cur->strings, sp->kind);
    if (sp->qualifier) {
        outbuf_puts(b, ",\"qualifier\":");
        put_memo_cstr(b, &cur->strings, sp->qualifier);
    }
    memo->unit[slot] = sp->unit;
    memo->kind[slot] = sp->kind;
    memo->qualifier[slot] = sp->qualifier;
    memo->at[slot] = at;
    memo->len[slot] = b->len - at;
}

/* Appends the n bytes of the literal key at out; returns the end. */
static char *put_key_at(char *out, const char *key, size_t n)
{
    memcpy(out, key, n);
    return out + n;
}

/* The figure's value at out as put_figure writes it (NUMBER_ROOM bytes
 * of room): most are whole numbers, written without the call that tells
 * them. */
static char *put_figure_value_at(char *out, const sl_span *sp)
{
    if (!(sp->flags & SL_SPAN_HAS_VALUE))
        return put_key_at(out, "null", 4);
    double v = sp->value;
    if (fabs(v) < 9007199254740992.0 && (double)(long long)v == v)
        return put_int_at(out, (long long)v); /* as put_json_number_at */
    return put_json_number_at(out, v);
}

/* Room a short figure's start takes besides its text (six bytes a byte
 * escaped, and the quotes): the keys, two positions and the value. */
enum {
    SHORT_FIGURE_ROOM = sizeof "{\"text\":,\"start\":,\"end\":,\"value\":" +
                        2 * INT_ROOM + NUMBER_ROOM
};

/* A short figure, byte for byte what put_figure writes without
 * full_figures: its text, positions and value written at a pointer into
 * room reserved once, its unit, kind and qualifier as one copy when an
 * earlier figure of the record had the same. */
static void put_short_figure(const doc_view *view, figure_cursor *cur,
                             outbuf *b, const sl_span *sp)
{
    const sl_block *blk = &view->doc->blocks[sp->block];
    size_t start = sp->start, end = sp->end;
    clamp_span(blk->text, blk->len, &start, &end);
    const char *text = blk->text + start;
    size_t len = end - start;
    long first = text_position(view, &cur->position, sp->block, start);
    long last = position_after(&cur->position, first, blk, text, len);
    if (!outbuf_reserve(b, SHORT_FIGURE_ROOM + 6 * len + 2))
        return;
    char *p = put_key_at(b->data + b->len, "{\"text\":", 8);
    char *after = put_short_clean_string_at(p, text, len);
    if (!after) { /* within the room reserved: the data does not move */
        b->len = (size_t)(p - b->data);
        outbuf_put_json_string(b, text, len);
        after = b->data + b->len;
    }
    p = put_key_at(after, ",\"start\":", 9);
    p = put_int_at(p, first);
    p = put_key_at(p, ",\"end\":", 7);
    p = put_int_at(p, last);
    p = put_key_at(p, ",\"value\":", 9);
    p = put_figure_value_at(p, sp);
    b->len = (size_t)(p - b->data);
    put_short_figure_ending(b, cur, sp);
    if (sp->flags & SL_SPAN_HAS_RANGE) {
        outbuf_puts(b, ",\"low\":");
        outbuf_put_json_number(b, sp->low);
        outbuf_puts(b, ",\"high\":");
        outbuf_put_json_number(b, sp->high);
    }
    outbuf_putc(b, '}');
}

/* Empties what the cursor remembers of the bytes written, for a new
 * record or after they went to the output, keeping the position: the
 * memo of the short strings, and unless the figures are all written by
 * put_figure (general) the memo of the short figures' ends. */
static void forget_written(figure_cursor *cur, bool general)
{
    cur->context_block = SIZE_MAX;
    cur->path_section = -2;
    memset(cur->strings.key, 0, sizeof cur->strings.key);
    if (!general)
        memset(cur->endings.len, 0, sizeof cur->endings.len);
}

/* The kept spans of the kind, as a JSON array of figure objects; adds
 * to *kept the bits of the kinds of all kept spans. */
int record_json_put_figures(const export_state *st, const doc_view *view,
                            outbuf *b, const record_flush *flush,
                            span_kind want, kind_memo *kinds, unsigned *kept)
{
    const sl_doc *doc = view->doc;
    bool first = true;
    bool general = st->full_figures || st->figures_by_reference;
    figure_cursor cur;
    cur.position = (position_cursor){SIZE_MAX, 0, 0};
    forget_written(&cur, general);
    outbuf_putc(b, '[');
    for (size_t i = 0; i < doc->n_spans; i++) {
        span_kind kind = kept_kind(view, kinds, &doc->spans[i]);
        *kept |= kind_bit(kind);
        if (kind != want)
            continue;
        if (!first)
            outbuf_putc(b, ',');
        first = false;
        if (general)
            put_figure(st, view, &cur, b, &doc->spans[i]);
        else
            put_short_figure(view, &cur, b, &doc->spans[i]);
        bool emptied;
        if (record_json_flush_if_large(flush, b, &emptied) < 0)
            return -1;
        if (emptied) /* nothing written before can be copied any more */
            forget_written(&cur, general);
    }
    outbuf_putc(b, ']');
    return 0;
}
