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

/* The ends of short figures, ,"unit":...,"kind":... and ,"qualifier":...
 * when it has one, kept across the records a thread writes: the few
 * constant strings of the figures stage make a few ends, most of which
 * a record's first figures already had. An entry is found by the
 * addresses of the three strings; as a document's strings may be freed
 * and others made at the same address, it also keeps their bytes, and
 * the strings are compared with them once a call of
 * record_json_put_figures (within which they do not change) before the
 * entry is trusted. */
enum { ENDING_SLOTS = 64, ENDING_ROOM = 64, ENDING_STRING = 24 };
typedef struct ending_entry {
    const char *strings[3];       /* unit, kind, qualifier (or NULL) */
    char bytes[3][ENDING_STRING]; /* theirs, with the NUL */
    unsigned long long checked;   /* the call that last compared them */
    size_t len;                   /* bytes of json; 0: an empty entry */
    char json[ENDING_ROOM];
} ending_entry;

typedef struct ending_cache {
    unsigned long long call; /* calls of record_json_put_figures */
    ending_entry slot[ENDING_SLOTS];
} ending_cache;

static _Thread_local ending_cache thread_endings;

/* The cache of the calling thread. Not inlined: the address of a
 * thread's variable in a loaded module is a call to the loader, which the
 * compiler would otherwise make again at each use in the loop. */
__attribute__((noinline)) static ending_cache *thread_ending_cache(void)
{
    return &thread_endings;
}

/* True when the C string s (NULL when copy is unused) is the bytes of
 * copy up to its NUL: compared a byte at a time, stopping at the first
 * that differs, so no byte after the NUL of s is read. */
static bool same_string(const char *s, const char *copy)
{
    if (!s)
        return true;
    size_t i = 0;
    while (s[i] == copy[i]) {
        if (!s[i])
            return true;
        i++;
    }
    return false;
}

/* The entry of the figure's three strings, compared with their bytes
 * unless that was done in this call; NULL when there is none. */
static const ending_entry *find_ending(ending_cache *cache, const sl_span *sp)
{
    ending_entry *e = &cache->slot[ending_slot(sp)];
    if (!e->len || e->strings[0] != sp->unit || e->strings[1] != sp->kind ||
        e->strings[2] != sp->qualifier)
        return NULL;
    if (e->checked != cache->call) {
        for (int i = 0; i < 3; i++)
            if (!same_string(e->strings[i], e->bytes[i]))
                return NULL;
        e->checked = cache->call;
    }
    return e;
}

/* Keeps json[0..len), the end of the figure sp, when it and its strings
 * fit an entry. */
static void keep_ending(ending_cache *cache, const sl_span *sp,
                        const char *json, size_t len)
{
    const char *strings[3] = {sp->unit, sp->kind, sp->qualifier};
    ending_entry *e = &cache->slot[ending_slot(sp)];
    if (len > ENDING_ROOM)
        return;
    for (int i = 0; i < 3; i++)
        if (strings[i] && strlen(strings[i]) >= ENDING_STRING)
            return;
    for (int i = 0; i < 3; i++) {
        e->strings[i] = strings[i];
        if (strings[i])
            memcpy(e->bytes[i], strings[i], strlen(strings[i]) + 1);
    }
    e->checked = cache->call;
    e->len = len;
    memcpy(e->json, json, len);
}

/* ,"unit":...,"kind":... of a short figure, and ,"qualifier":... when it
 * has one, as put_figure writes them, written at out (ENDING_ROOM bytes
 * of room reserved; more taken as the buffer's appends take it): a copy
 * of the entry when the cache has one, else written and kept. Returns
 * the end, in the buffer as it is after, with room for one more byte;
 * NULL when the buffer could not grow. */
static char *put_short_figure_ending(outbuf *b, char *out, ending_cache *cache,
                                     const sl_span *sp)
{
    const ending_entry *e = find_ending(cache, sp);
    if (e) { /* the whole room: one copy of a known size */
        memcpy(out, e->json, ENDING_ROOM);
        return out + e->len;
    }
    b->len = (size_t)(out - b->data);
    size_t at = b->len;
    outbuf_puts(b, ",\"unit\":");
    outbuf_put_json_cstr(b, sp->unit);
    outbuf_puts(b, ",\"kind\":");
    outbuf_put_json_cstr(b, sp->kind);
    if (sp->qualifier) {
        outbuf_puts(b, ",\"qualifier\":");
        outbuf_put_json_cstr(b, sp->qualifier);
    }
    if (!outbuf_reserve(b, 1)) /* and the closing brace */
        return NULL;
    keep_ending(cache, sp, b->data + at, b->len - at);
    return b->data + b->len;
}

/* Appends the n bytes of the literal key at out; returns the end. */
static char *put_key_at(char *out, const char *key, size_t n)
{
    memcpy(out, key, n);
    return out + n;
}

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The number below 10^4 whose four digits, leading zeros included, are
 * the bytes of digits (a lane of digits_of_two_fours), at out (four bytes
 * of room); returns the end. The leading zeros are the low bytes that
 * are '0', found by counting the trailing zero bits of the digits' values
 * (at most three of them: 0 is written "0"). */
static char *put_four_digits_at(char *out, uint32_t digits)
{
    uint32_t values = digits ^ 0x30303030u;
    unsigned zero_bits = (unsigned)__builtin_ctz(values | 1u << 24) & 24u;
    uint32_t word = digits >> zero_bits;
    memcpy(out, &word, sizeof word);
    return out + 4 - zero_bits / 8;
}
#endif

/* ,"start":first,"end":last at out (room for both keys and INT_ROOM
 * each): two positions below 10^4, most of them, made at once in the two
 * lanes of one word. */
static char *put_positions_at(char *out, long first, long last)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (first >= 0 && first < 10000 && last >= 0 && last < 10000) {
        uint64_t digits =
            digits_of_two_fours((uint64_t)first | (uint64_t)last << 32);
        char *p = put_key_at(out, ",\"start\":", 9);
        p = put_four_digits_at(p, (uint32_t)digits);
        p = put_key_at(p, ",\"end\":", 7);
        return put_four_digits_at(p, (uint32_t)(digits >> 32));
    }
#endif
    char *p = put_key_at(out, ",\"start\":", 9);
    p = put_int_at(p, first);
    p = put_key_at(p, ",\"end\":", 7);
    return put_int_at(p, last);
}

/* The figure's value at out as put_figure writes it (NUMBER_ROOM bytes
 * of room): most are whole numbers, written without the call that tells
 * them, the ones below 10^4 without a call. */
static char *put_figure_value_at(char *out, const sl_span *sp)
{
    if (!(sp->flags & SL_SPAN_HAS_VALUE))
        return put_key_at(out, "null", 4);
    double v = sp->value;
    if (fabs(v) < 9007199254740992.0 && (double)(long long)v == v) {
        long long whole = (long long)v;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (whole >= 0 && whole < 10000)
            return put_four_digits_at(
                out, (uint32_t)digits_of_two_fours((uint64_t)whole));
#endif
        return put_int_at(out, whole); /* as put_json_number_at */
    }
    return put_json_number_at(out, v);
}

/* Room a short figure's start takes besides its text (six bytes a byte
 * escaped, and the quotes): the separator, the keys, two positions and
 * the value; and its end when the cache has it, and the closing brace. */
enum {
    SHORT_FIGURE_ROOM = sizeof ",{\"text\":,\"start\":,\"end\":,\"value\":" +
                        2 * INT_ROOM + NUMBER_ROOM + ENDING_ROOM + 1
};

/* The code point positions in "text" of bytes start and end of the
 * figure's block, as text_position gives them, into *first and *last.
 * Where the processor has AVX2 the run from the figure before (or the
 * block's start) and the figure's text are counted in one call, most of
 * them, a few bytes apart, from one load of 64 bytes. */
static void figure_positions(const doc_view *view, position_cursor *cur,
                             bool avx2, size_t block, size_t start, size_t end,
                             long *first, long *last)
{
    const sl_block *blk = &view->doc->blocks[block];
#if defined(__x86_64__) && defined(__GNUC__)
    if (cur->block != block || cur->byte > start) { /* as text_position */
        cur->block = block;
        cur->byte = 0;
        cur->chars = 0;
    }
    if (avx2 && end - start < SHORT_COUNT && blk->len >= 64) {
        size_t counts[2];
        count_two_within_avx2(blk->text + blk->len, blk->text + cur->byte,
                              start - cur->byte, end - start, counts);
        cur->chars += (long)counts[0];
        *first = view->text_offset[block] + cur->chars;
        cur->chars += (long)counts[1];
        cur->byte = end;
        *last = *first + (long)counts[1];
        return;
    }
#else
    (void)avx2;
#endif
    *first = text_position(view, cur, block, start);
    *last = position_after(cur, *first, blk, blk->text + start, end - start);
}

/* A short figure, byte for byte what put_figure writes without
 * full_figures, after a comma unless it is the first: its text,
 * positions and value written at a pointer into room reserved once, its
 * unit, kind and qualifier as one copy when the cache of ends has them. */
static void put_short_figure(const doc_view *view, figure_cursor *cur,
                             ending_cache *endings, bool avx2, bool first,
                             outbuf *b, const sl_span *sp)
{
    const sl_block *blk = &view->doc->blocks[sp->block];
    size_t start = sp->start, end = sp->end;
    clamp_span(blk->text, blk->len, &start, &end);
    const char *text = blk->text + start;
    size_t len = end - start;
    long first_at, last_at;
    figure_positions(view, &cur->position, avx2, sp->block, start, end,
                     &first_at, &last_at);
    if (!outbuf_reserve(b, SHORT_FIGURE_ROOM + 6 * len + 2))
        return;
    char *p = b->data + b->len;
    if (!first)
        *p++ = ',';
    p = put_key_at(p, "{\"text\":", 8);
    char *after = put_short_clean_string_at(p, text, len);
    if (!after) { /* within the room reserved: the data does not move */
        b->len = (size_t)(p - b->data);
        outbuf_put_json_string(b, text, len);
        after = b->data + b->len;
    }
    p = put_positions_at(after, first_at, last_at);
    p = put_key_at(p, ",\"value\":", 9);
    p = put_figure_value_at(p, sp);
    p = put_short_figure_ending(b, p, endings, sp);
    if (!p)
        return;
    if (sp->flags & SL_SPAN_HAS_RANGE) {
        b->len = (size_t)(p - b->data);
        outbuf_puts(b, ",\"low\":");
        outbuf_put_json_number(b, sp->low);
        outbuf_puts(b, ",\"high\":");
        outbuf_put_json_number(b, sp->high);
        outbuf_putc(b, '}');
        return;
    }
    *p++ = '}';
    b->len = (size_t)(p - b->data);
}

/* Empties what the cursor remembers of the bytes written, for a new
 * record or after they went to the output, keeping the position: the
 * last context and path and the memo of the short strings. (The short
 * figures' ends are kept apart from the buffer, in the cache of ends.) */
static void forget_written(figure_cursor *cur)
{
    cur->context_block = SIZE_MAX;
    cur->path_section = -2;
    memset(cur->strings.key, 0, sizeof cur->strings.key);
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
    forget_written(&cur);
    ending_cache *endings = thread_ending_cache();
    endings->call++; /* the strings seen before may have changed */
#if defined(__x86_64__) && defined(__GNUC__)
    bool avx2 = __builtin_cpu_supports("avx2");
#else
    bool avx2 = false;
#endif
    outbuf_putc(b, '[');
    for (size_t i = 0; i < doc->n_spans; i++) {
        span_kind kind = kept_kind(view, kinds, &doc->spans[i]);
        *kept |= kind_bit(kind);
        if (kind != want)
            continue;
        if (general) {
            if (!first)
                outbuf_putc(b, ',');
            put_figure(st, view, &cur, b, &doc->spans[i]);
        } else {
            put_short_figure(view, &cur, endings, avx2, first, b,
                             &doc->spans[i]);
        }
        first = false;
        if (b->len < RECORD_FLUSH_BYTES)
            continue; /* record_json_flush_if_large would not empty it */
        bool emptied;
        if (record_json_flush_if_large(flush, b, &emptied) < 0)
            return -1;
        if (emptied) /* nothing written before can be copied any more */
            forget_written(&cur);
    }
    outbuf_putc(b, ']');
    return 0;
}
