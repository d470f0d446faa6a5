/* plugins/export/record_json.c - the JSONL record of a document, written
 * straight into a buffer in a fixed key order: id, text, metadata, title,
 * sections (a tree), figures, ranges and captions (when there are any),
 * spans (with unknown_spans) and removed (with show_removed). The schema is in
 * doc/export-formats.md. A record larger than RECORD_FLUSH_BYTES goes to the
 * output in pieces, so the buffer never holds much more than the document's
 * text.
 */
#include "export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int put_dumped(const char *data, size_t size, void *user)
{
    outbuf_put(user, data, size);
    return 0;
}

static void put_metadata(const sl_doc *doc, outbuf *b)
{
    if (!doc->meta || !json_is_object(doc->meta)) {
        outbuf_puts(b, "{}");
        return;
    }
    size_t before = b->len;
    if (json_dump_callback(doc->meta, put_dumped, b,
                           JSON_COMPACT | JSON_PRESERVE_ORDER |
                               JSON_REAL_PRECISION(17)) != 0) {
        b->len = before;
        outbuf_puts(b, "{}");
    }
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

/* Where the last position was taken: figures of a block come mostly in
 * order, so the next count starts there instead of at the block start. */
typedef struct position_cursor {
    size_t block, byte;
    long chars; /* code points of the block before byte */
} position_cursor;

/* Shorter runs (within a figure, or between close ones) are counted
 * here, eight bytes a step: cheaper than a call. */
enum { SHORT_COUNT = 64 };

/* Code points in s[0..n): the bytes that are not continuation bytes.
 * sl_utf8_count's word-at-a-time loop, kept here so that the short runs
 * between two figures cost no call into the library. */
static size_t count_short(const char *s, size_t n)
{
    const uint64_t highs = 0x8080808080808080ull;
    size_t continuation = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear */
        uint64_t marks = (w & ~(w << 1) & highs) >> 7; /* one bit a byte */
        continuation += (size_t)((marks * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        continuation += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - continuation;
}

/* Code point offset in "text" of byte `at` of a kept block. */
static long text_position(const doc_view *view, position_cursor *cur,
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
        (long)(n < SHORT_COUNT ? count_short(from, n) : sl_utf8_count(from, n));
    cur->byte = at;
    return view->text_offset[block] + cur->chars;
}

/* Bytes of the record already written: [at, at + len) of the buffer. */
typedef struct written {
    size_t at, len;
} written;

/* The short strings of figures (units, kinds, qualifiers) written so far
 * in the record, by their address: they are a few constant strings, so
 * most can be copied from where they were first written. A slot holds the
 * last string whose address fell in it. */
enum { MEMO_SLOTS = 31 };
typedef struct string_memo {
    const char *key[MEMO_SLOTS];
    written json[MEMO_SLOTS];
} string_memo;

/* The C string s as a JSON string (null when NULL): a copy of where it
 * was written before when the memo has it. */
static void put_memo_cstr(outbuf *b, string_memo *memo, const char *s)
{
    if (!s) {
        outbuf_puts(b, "null");
        return;
    }
    size_t slot = (size_t)((uintptr_t)s % MEMO_SLOTS);
    if (memo->key[slot] == s) {
        outbuf_put_again(b, memo->json[slot].at, memo->json[slot].len);
        return;
    }
    memo->key[slot] = s;
    memo->json[slot].at = b->len;
    outbuf_put_json_cstr(b, s);
    memo->json[slot].len = b->len - memo->json[slot].at;
}

/* Where the figures of a document are: the code point position of the
 * last one, and its context and section path as written, to be copied for
 * the next figure when they are the same; the short strings written so
 * far. */
typedef struct figure_cursor {
    position_cursor position;
    size_t context_block; /* the block of the last context, or SIZE_MAX */
    size_t context_from, context_to; /* the last context written */
    written context_json;
    long path_section; /* the section of the last path written, or -2 */
    written path_json;
    string_memo strings;
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

/* Empties what the buffer holds of the record into the output once it
 * holds more than the threshold. Returns 0, or -1 when the write failed;
 * *emptied says whether it did, so that copies of earlier bytes are not
 * taken from the emptied buffer. */
static int flush_if_large(const record_flush *flush, outbuf *b, bool *emptied)
{
    *emptied = false;
    if (!flush || b->len < RECORD_FLUSH_BYTES)
        return 0;
    *emptied = true;
    return flush->fn(flush->user);
}

/* The kept spans that kept() accepts, as a JSON array of figure objects. */
static int put_figures(const export_state *st, const doc_view *view, outbuf *b,
                       const record_flush *flush,
                       bool (*kept)(const doc_view *, const sl_span *))
{
    const sl_doc *doc = view->doc;
    bool first = true;
    const figure_cursor start = {.position = {SIZE_MAX, 0, 0},
                                 .context_block = SIZE_MAX,
                                 .path_section = -2};
    figure_cursor cur = start;
    outbuf_putc(b, '[');
    for (size_t i = 0; i < doc->n_spans; i++) {
        if (!kept(view, &doc->spans[i]))
            continue;
        if (!first)
            outbuf_putc(b, ',');
        first = false;
        put_figure(st, view, &cur, b, &doc->spans[i]);
        bool emptied;
        if (flush_if_large(flush, b, &emptied) < 0)
            return -1;
        if (emptied) { /* nothing written before can be copied any more */
            position_cursor position = cur.position;
            cur = start;
            cur.position = position;
        }
    }
    outbuf_putc(b, ']');
    return 0;
}

/* True when the document has a kept range or condition to write. */
static bool has_kept_range(const doc_view *view)
{
    for (size_t i = 0; i < view->doc->n_spans; i++)
        if (view_span_is_kept_range(view, &view->doc->spans[i]))
            return true;
    return false;
}

static bool span_is_kept(const doc_view *view, const sl_span *sp,
                         const char *type)
{
    return sp->type && strcmp(sp->type, type) == 0 &&
           sp->block < view->doc->n_blocks && view->text_offset[sp->block] >= 0;
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
static bool group_refs(const doc_view *view, refs_by_caption *refs)
{
    const sl_doc *doc = view->doc;
    size_t n = doc->n_spans;
    refs->at = calloc(n + 2, sizeof *refs->at);
    refs->order = malloc((n ? n : 1) * sizeof *refs->order);
    if (!refs->at || !refs->order)
        return false;
    for (size_t i = 0; i < n; i++) {
        const sl_span *sp = &doc->spans[i];
        if (span_is_kept(view, sp, "caption_ref") && sp->target >= 0 &&
            (size_t)sp->target < n)
            refs->at[(size_t)sp->target + 2]++;
    }
    for (size_t t = 2; t < n + 2; t++)
        refs->at[t] += refs->at[t - 1];
    /* at[t + 1] is now where the references of t start: fill them in */
    for (size_t i = 0; i < n; i++) {
        const sl_span *sp = &doc->spans[i];
        if (span_is_kept(view, sp, "caption_ref") && sp->target >= 0 &&
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

/* ,"captions":[...] when the document has kept captions. */
static void put_captions(const export_state *st, const doc_view *view,
                         outbuf *b)
{
    const sl_doc *doc = view->doc;
    bool any = false;
    for (size_t i = 0; i < doc->n_spans && !any; i++)
        any = span_is_kept(view, &doc->spans[i], "caption");
    if (!any)
        return;
    refs_by_caption refs = {0};
    if (!group_refs(view, &refs)) {
        b->failed = true; /* reported as out of memory */
        free(refs.at);
        free(refs.order);
        return;
    }
    bool first = true;
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *sp = &doc->spans[i];
        if (!span_is_kept(view, sp, "caption"))
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
        if (json_dump_callback(sp->attrs, put_dumped, b,
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
static int put_unknown_spans(const doc_view *view, outbuf *b,
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
        if (flush_if_large(flush, b, &emptied) < 0)
            return -1;
    }
    outbuf_putc(b, ']');
    return 0;
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
    if (flush_if_large(flush, b, &emptied) < 0)
        return -1;
    outbuf_puts(b, ",\"metadata\":");
    put_metadata(doc, b);
    outbuf_puts(b, ",\"title\":");
    outbuf_put_json_cstr(b, doc->title);
    outbuf_puts(b, ",\"sections\":");
    put_sections(st, view, b);
    if (st->figures) {
        outbuf_puts(b, ",\"figures\":");
        if (put_figures(st, view, b, flush, view_span_is_kept_figure) < 0)
            return -1;
        if (has_kept_range(view)) {
            outbuf_puts(b, ",\"ranges\":");
            if (put_figures(st, view, b, flush, view_span_is_kept_range) < 0)
                return -1;
        }
        put_captions(st, view, b);
    }
    if (st->unknown_spans && put_unknown_spans(view, b, flush) < 0)
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
