/* plugins/export/record_json.c - the JSONL record of a document, written
 * straight into a buffer in a fixed key order: id, text, metadata, title,
 * sections (a tree), figures, ranges and captions (when there are any),
 * spans (with unknown_spans) and removed (with show_removed). The schema is in
 * doc/export-formats.md. A record larger than RECORD_FLUSH_BYTES goes to the
 * output in pieces, so the buffer never holds much more than the document's
 * text.
 */
#include "export.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

static int put_dumped(const char *data, size_t size, void *user)
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
    if (json_dump_callback(meta, put_dumped, b,
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

/* The span types the record has fields of its own for. */
typedef enum span_kind {
    KIND_OTHER,
    KIND_FIGURE,
    KIND_RANGE,
    KIND_CAPTION,
    KIND_CAPTION_REF
} span_kind;

static span_kind kind_of_name(const char *type)
{
    static const char *const names[] = {"figure", "range", "caption",
                                        "caption_ref"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(type, names[i]) == 0)
            return (span_kind)(i + 1);
    return KIND_OTHER;
}

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
    span_kind kind = kind_of_name(type);
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
static unsigned kind_bit(span_kind kind)
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

/* Code points in s[0..n): the bytes that are not continuation bytes,
 * eight bytes a step and a byte at a time after. The reference the tests
 * hold count_chars_short to. */
size_t count_chars_by_words(const char *s, size_t n)
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

/* One in the low bit of each byte of w that starts a character (is not a
 * continuation byte, 10xxxxxx). */
static uint64_t char_starts(uint64_t w)
{
    const uint64_t highs = 0x8080808080808080ull;
    return ((~w | (w << 1)) & highs) >> 7;
}

/* The sum of the eight bytes of w, each at most 8. */
static size_t byte_sum(uint64_t w)
{
    return (size_t)((w * 0x0101010101010101ull) >> 56);
}

/* Code points in s[0..n) for n below SHORT_COUNT (a figure's text, the
 * run between two figures). From 16 bytes: 16 a step (SSE2) and the last
 * 16 bytes once more, the ones already counted masked out. From 8: the
 * first and the last eight bytes, the overlap shifted out of the last.
 * Below: byte by byte. No byte outside s[0..n) is read. */
size_t count_chars_short(const char *s, size_t n)
{
#ifdef __SSE2__
    if (n >= 16) {
        /* 16 zero bytes, then 16 of all ones: from (16 - left) on, the
         * bytes of the last load not yet counted */
        static const unsigned char tail_mask[32] = {
            0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
            0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        /* a continuation byte is -128..-65 as a signed byte */
        const __m128i last_continuation = _mm_set1_epi8(-65);
        __m128i counts = _mm_setzero_si128(); /* at most 4 a byte */
        size_t i = 0;
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            counts = _mm_sub_epi8(counts, _mm_cmpgt_epi8(v, last_continuation));
        }
        if (i < n) {
            __m128i v =
                _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
            __m128i fresh = _mm_loadu_si128(
                (const __m128i *)(const void *)(tail_mask + (n - i)));
            __m128i starts = _mm_cmpgt_epi8(v, last_continuation);
            counts = _mm_sub_epi8(counts, _mm_and_si128(starts, fresh));
        }
        __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
        return (size_t)_mm_cvtsi128_si32(sums) +
               (size_t)_mm_extract_epi16(sums, 4);
    }
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 8) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + n - 8, 8);
        size_t chars = byte_sum(char_starts(head));
        if (n > 8) /* the tail's first 16 - n bytes are the head's */
            chars += byte_sum(char_starts(tail) >> (8 * (16 - n)));
        return chars;
    }
    if (n >= 4) { /* the same with four-byte halves */
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + n - 4, 4);
        const uint64_t low_bytes = 0x01010101u; /* the word's upper half
                                                   is zero, not text */
        size_t chars = byte_sum(char_starts(head) & low_bytes);
        if (n > 4)
            chars += byte_sum((char_starts(tail) & low_bytes) >> (8 * (8 - n)));
        return chars;
    }
#endif
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* Code points in the n bytes from place `from` of the 64 at base (from +
 * n at most 64, n below 64, from 64 only when n is 0): two 32-byte loads give a
 * bit for each byte that starts a character, the n bits wanted are kept and
 * counted. */
#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2,popcnt"))) static size_t
count_window_avx2(const char *base, size_t from, size_t n)
{
    const __m256i last_continuation = _mm256_set1_epi8(-65);
    __m256i low = _mm256_loadu_si256((const __m256i *)(const void *)base);
    __m256i high =
        _mm256_loadu_si256((const __m256i *)(const void *)(base + 32));
    uint64_t starts = (uint32_t)_mm256_movemask_epi8(
                          _mm256_cmpgt_epi8(low, last_continuation)) |
                      (uint64_t)(uint32_t)_mm256_movemask_epi8(
                          _mm256_cmpgt_epi8(high, last_continuation))
                          << 32;
    /* from is 64 only with n 0 (an empty run at the window's end): the
     * mask is then empty whatever it is shifted by, and the shift stays
     * below the word's width */
    uint64_t wanted = ((1ull << n) - 1) << (from & 63);
    return (size_t)__builtin_popcountll(starts & wanted);
}
#endif

/* Code points in s[0..n) for n below SHORT_COUNT, where [lo, hi) may be
 * read and holds s[0..n). With AVX2 and 64 readable bytes, the 64 bytes
 * from s (or the last 64 before hi, when fewer follow s) are read and
 * only the bits of s[0..n) counted, so the count takes no branch on n
 * (whose lengths, a figure's text or the run between two, vary from
 * call to call and mispredict in count_chars_short). Else
 * count_chars_short. */
size_t count_chars_within(const char *lo, const char *hi, const char *s,
                          size_t n)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (hi - lo >= 64 && __builtin_cpu_supports("avx2")) {
        const char *last = hi - 64;
        const char *base = s < last ? s : last;
        return count_window_avx2(base, (size_t)(s - base), n);
    }
#else
    (void)lo;
    (void)hi;
#endif
    return count_chars_short(s, n);
}

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
static int put_figures(const export_state *st, const doc_view *view, outbuf *b,
                       const record_flush *flush, span_kind want,
                       kind_memo *kinds, unsigned *kept)
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
        if (flush_if_large(flush, b, &emptied) < 0)
            return -1;
        if (emptied) /* nothing written before can be copied any more */
            forget_written(&cur, general);
    }
    outbuf_putc(b, ']');
    return 0;
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
static void put_captions(const export_state *st, const doc_view *view,
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
        kind_memo kinds = {.n = 0};
        unsigned kept = 0; /* the kinds of the kept spans */
        if (put_figures(st, view, b, flush, KIND_FIGURE, &kinds, &kept) < 0)
            return -1;
        if (kept & kind_bit(KIND_RANGE)) {
            outbuf_puts(b, ",\"ranges\":");
            if (put_figures(st, view, b, flush, KIND_RANGE, &kinds, &kept) < 0)
                return -1;
        }
        if (kept & kind_bit(KIND_CAPTION))
            put_captions(st, view, &kinds, b);
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
