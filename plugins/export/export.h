/* plugins/export/export.h - what the files of the export stage share: the
 * stage's state, the format table, the byte buffer records are built in,
 * and the document view (sections, offsets, sentences) the formats read.
 */
#ifndef SLUICE_EXPORT_H
#define SLUICE_EXPORT_H

#include <sluice/sluice.h>

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- byte buffer (outbuf.c) -------------------------------------------
 * A growable buffer. Appends never fail loudly: on a failed allocation the
 * buffer sets `failed` and ignores later appends; writers check it once. */
typedef struct outbuf {
    char *data;
    size_t len, cap;
    bool failed;
} outbuf;

void outbuf_reset(outbuf *b);
void outbuf_free(outbuf *b);

/* Grows the buffer to hold `extra` more bytes and a terminating one (the
 * slow path of outbuf_reserve). False after a failed allocation. */
bool outbuf_grow(outbuf *b, size_t extra);

/* Makes room for `extra` more bytes: true when they fit. The appends below
 * are inline so that the usual case, room already there, costs a compare
 * and a copy (and strlen of a literal is known when compiling). */
static inline bool outbuf_reserve(outbuf *b, size_t extra)
{
    if (!b->failed && b->len + extra < b->cap)
        return true;
    return outbuf_grow(b, extra);
}

/* Appends s[0..len). */
static inline void outbuf_put(outbuf *b, const char *s, size_t len)
{
    if (!outbuf_reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
}

/* Appends the C string s. */
static inline void outbuf_puts(outbuf *b, const char *s)
{
    outbuf_put(b, s, strlen(s));
}

/* Appends one byte. */
static inline void outbuf_putc(outbuf *b, char c)
{
    if (!outbuf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
}

/* Appends a copy of the len bytes at `at`, appended before. */
void outbuf_put_again(outbuf *b, size_t at, size_t len);

/* Room a number takes at most: an integer with its sign (INT_ROOM), a
 * number of outbuf_put_json_number with the terminator format_number
 * writes after it (NUMBER_ROOM). */
enum { INT_ROOM = 21, NUMBER_ROOM = 40 };

/* Appends v in decimal. */
void outbuf_put_int(outbuf *b, long long v);
/* Writes v in decimal at out (INT_ROOM bytes of room); returns the end. */
char *put_int_at(char *out, long long v);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The four decimal digits of each 32-bit lane of halves (each below
 * 10^4), leading zeros included, as the bytes of a little-endian word in
 * the order they are read, the low lane's first: each lane as two pairs
 * in 16-bit lanes, each pair as two digits in bytes, all lanes at once
 * (times 10486 / 2^20 is a division by 100 below 10^4, times 103 / 2^10
 * one by 10 below 100; no lane carries into the next). Inline: the two
 * positions of a figure are written with one. */
static inline uint64_t digits_of_two_fours(uint64_t halves)
{
    uint64_t hundreds = ((halves * 10486) >> 20) & 0x0000007F0000007Full;
    uint64_t pairs = (halves - hundreds * 100) << 16 | hundreds;
    uint64_t tens = ((pairs * 103) >> 10) & 0x000F000F000F000Full;
    uint64_t digits = (pairs - tens * 10) << 8 | tens;
    return digits | 0x3030303030303030ull;
}
/* The eight digits of u below 10^8, leading zeros included, in the bytes
 * of a little-endian word (put_int_at's way for such values). */
uint64_t eight_digits(uint32_t u);
/* The four digits of u below 10^4, leading zeros included, as the bytes
 * of a little-endian word (put_int_at's way for values below 10^4). */
uint32_t four_digits(uint32_t u);
#endif
/* Writes the decimal digits of v at out (at most 20, no terminator);
 * returns the end. */
char *put_digits(char *out, unsigned long long v);
/* Decimal digits of u (1 for 0), from its bit length; and the same by
 * comparing with each power of ten in turn, the reference of the tests. */
size_t digit_count(unsigned long long u);
size_t digit_count_by_powers(unsigned long long u);
/* s[0..len) escaped for the inside of a JSON string, without quotes. */
void outbuf_put_json_chars(outbuf *b, const char *s, size_t len);
/* s[0..len) as a JSON string with its quotes; UTF-8 is written as is. */
void outbuf_put_json_string(outbuf *b, const char *s, size_t len);
/* A JSON string, or null when s is NULL. */
void outbuf_put_json_cstr(outbuf *b, const char *s);
/* An integer when v is one exactly, else the shortest text that reads back
 * as v; null for NaN and infinities. */
void outbuf_put_json_number(outbuf *b, double v);
/* The same at out (NUMBER_ROOM bytes of room); returns the end. */
char *put_json_number_at(char *out, double v);
/* True when one of the eight bytes of w needs escaping (a control byte, a
 * quote or a backslash): the usual has-zero-byte test, three times. */
static inline bool word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
    uint64_t control = (w - ones * 0x20) & ~w;
    uint64_t has_quote = (quote - ones) & ~quote;
    uint64_t has_slash = (slash - ones) & ~slash;
    return ((control | has_quote | has_slash) & highs) != 0;
}

/* True when one of the 16 bytes of the two words needs escaping: one
 * SSE2 test of both (the 64-bit tests of the two keep six more registers
 * busy, which the function saves and restores on each call). */
static inline bool words_need_escape(uint64_t head, uint64_t tail)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'),
                  last_control = _mm_set1_epi8(0x1F);
    __m128i v = _mm_set_epi64x((long long)tail, (long long)head);
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    __m128i special =
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
    return _mm_movemask_epi8(_mm_or_si128(control, special)) != 0;
#else
    return word_needs_escape(head) || word_needs_escape(tail);
#endif
}

/* s[0..len) quoted at out (len + 2 bytes of room) when it is 4 to 15 bytes
 * that need no escaping: returns the end. Else NULL, nothing written. Its
 * first and last word (or four bytes), which overlap, tested as one pair
 * of words and copied whole, so no byte is read or written outside
 * s[0..len) and out[0..len + 2). Inline: most figure texts. */
static inline char *put_short_clean_string_at(char *out, const char *s,
                                              size_t len)
{
    if (len >= 8 && len < 16) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + len - 8, 8);
        if (words_need_escape(head, tail))
            return NULL;
        memcpy(out + 1, &head, 8);
        memcpy(out + 1 + len - 8, &tail, 8);
    } else if (len >= 4 && len < 8) {
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + len - 4, 4);
        /* the second word all letters, which never need escaping */
        if (words_need_escape(head | (uint64_t)tail << 32,
                              0x6161616161616161ull))
            return NULL;
        memcpy(out + 1, &head, 4);
        memcpy(out + 1 + len - 4, &tail, 4);
    } else {
        return NULL;
    }
    out[0] = '"';
    out[len + 1] = '"';
    return out + len + 2;
}
/* The shortest decimal text that reads back as v ("12", "0.1", "1e+20"),
 * into out (at least 32 bytes). Returns false for NaN and infinities. */
bool format_number(double v, char *out, size_t size);

/* exact_g.c: what snprintf(out, size, "%.*g", precision, v) writes in the
 * C locale, and in *reads_back whether strtod reads that text back as
 * exactly v; worked out with integers. False, with out and *reads_back
 * untouched, when it cannot tell (no 128-bit integers; v not finite, too
 * small or too large; precision not 1 to 17; size below 32). */
bool exact_g(double v, int precision, char *out, size_t size, bool *reads_back);

/* The shortest text that reads back as the float v (scores). */
void outbuf_put_json_float(outbuf *b, float v);

/* ---- the JSONL record (record_json*.c) --------------------------------
 * Code points in s[0..n) for n below 64, 16 bytes a step; and the same a
 * word at a time, the reference of the tests (record_json_count.c). */
size_t count_chars_short(const char *s, size_t n);
/* The same, reading any bytes of [lo, hi), which holds s[0..n). */
size_t count_chars_within(const char *lo, const char *hi, const char *s,
                          size_t n);
size_t count_chars_by_words(const char *s, size_t n);
#if defined(__x86_64__) && defined(__GNUC__)
/* Code points in s[0..gap) and in s[gap..gap + len) (counts[0] and
 * counts[1]), len below 64, where the 64 bytes before hi and all from s
 * to hi may be read; only where the processor has AVX2
 * (record_json_count.c). */
void count_two_within_avx2(const char *hi, const char *s, size_t gap,
                           size_t len, size_t counts[2]);
#endif

/* The object meta as json_dump_callback writes it (compact, keys in
 * order) when each value is a string, an integer, true, false or null
 * and no string holds a control byte: true. Else false, nothing written. */
bool put_flat_metadata(json_t *meta, outbuf *b);
/* The object meta through json_dump_callback; {} when that fails. */
void put_dumped_metadata(json_t *meta, outbuf *b);

/* ---- document view (doc_view.c) -------------------------------------
 * Facts about one document computed once before a format writes it. The
 * arrays are owned by the view and reused from document to document. */
typedef struct doc_view {
    const sl_doc *doc;
    long *block_section;  /* innermost kept section of each block, or -1 */
    long *section_parent; /* nearest kept ancestor of each section, or -1 */
    bool *section_kept;   /* heading block present and not dropped */
    long *text_offset;    /* code point offset of each block in "text",
                             -1 when the block is not in it */
    long *stack;          /* scratch for walking the section tree */
    void *storage;        /* the five arrays above, in one allocation */
    size_t storage_cap;   /* its bytes */
    sl_title_in_text title_mode; /* set by the caller before building */
    bool title_first;    /* "text" starts with doc->title as its own line
                            (the title block was dropped) */
    long lead_block;     /* the kept title block, moved to the front of
                            "text" because it was not the first kept block;
                            -1 when none */
    long left_out_block; /* the kept title block left out of "text" (the
                            title is not in the text), -1 when none */
    size_t text_chars;   /* code points of "text" */
} doc_view;

/* Fills the view for doc (the title placed by view->title_mode). Returns
 * 0, or -1 when out of memory. */
int doc_view_build(doc_view *view, const sl_doc *doc);
void doc_view_free(doc_view *view);

/* True when the block belongs to the clean text. */
bool view_block_kept(const doc_view *view, size_t block);

/* Appends the clean text: the title line first (title_first or
 * lead_block), then each other kept block, joined by "\n". As a JSON string
 * (quoted, escaped) when json is true, else as raw UTF-8. */
void view_put_text(const doc_view *view, outbuf *b, bool json);

/* The chain of kept sections from the top down to `section`: writes up to
 * max indexes into chain and returns the depth (0 for section -1). */
size_t view_section_chain(const doc_view *view, long section, long *chain,
                          size_t max);

/* Appends the section path of `section` as a JSON array of headings. */
void view_put_section_path_json(const doc_view *view, outbuf *b, long section);

/* Appends the section path as headings joined by " > ". */
void view_put_section_path_text(const doc_view *view, outbuf *b, long section);

/* The heading text of a section (its heading block's text). */
const char *view_section_heading(const doc_view *view, size_t section,
                                 size_t *len);

/* figure_context.c: the context of the bytes [start, end) of text: the
 * sentence that holds them (cut after 。！？!? and line feeds, and after a
 * '.' followed by white space or the end, so "3.5" stays whole; closing
 * quotes stay with their sentence), or with clauses
 * only their clause (cut at ，；、：, ASCII , ; : and tabs), with at most
 * max_chars characters (code points) on each side; a word cut by that
 * bound is left out when a space sets it apart. White space at both ends
 * trimmed. */
void find_context(const char *text, size_t len, size_t start, size_t end,
                  bool clauses, size_t max_chars, size_t *from, size_t *to);

/* Quotes and brackets that close a sentence after its stop (” 」 ） ...). */
bool is_closing_mark(int32_t cp);

/* When a sentence ends with the code point cp whose last byte is just
 * before text[pos], the byte after it and any closing quotes; else 0. */
size_t sentence_end_after(const char *text, size_t len, int32_t cp, size_t pos);

/* Moves [*start, *end) inside text and onto UTF-8 character boundaries.
 * Inline: a few compares for each figure of a record. */
static inline void clamp_span(const char *text, size_t len, size_t *start,
                              size_t *end)
{
    if (*end > len)
        *end = len;
    if (*start > *end)
        *start = *end;
    while (*start > 0 && ((unsigned char)text[*start] & 0xC0) == 0x80)
        (*start)--;
    while (*end < len && ((unsigned char)text[*end] & 0xC0) == 0x80)
        (*end)++;
}

/* True when the span is a figure the export should write: type "figure"
 * and its block kept. */
bool view_span_is_kept_figure(const doc_view *view, const sl_span *span);

/* The same for a range or a condition (type "range": 5-10%, 大于10). */
bool view_span_is_kept_range(const doc_view *view, const sl_span *span);

/* A kept figure or range: the rows of the tabular formats (csv, sqlite,
 * explain), which carry low and high beside the value. */
bool view_span_is_kept_quantity(const doc_view *view, const sl_span *span);

/* ---- stage state and formats (export.c) ------------------------------- */
typedef struct export_state export_state;

/* How a record too large to hold whole is emptied into the output as it
 * is written: fn(user) writes the buffer out and empties it (0 or -1). */
typedef struct record_flush {
    int (*fn)(void *user);
    void *user;
} record_flush;

/* The buffer is emptied into the output, between figures, once it holds
 * more than this: a record's figures (several times its text) are never
 * all in memory. Records below it are written in one piece. */
enum { RECORD_FLUSH_BYTES = 1 << 20 };

/* With flush (may be NULL), empties b into the output when it holds
 * RECORD_FLUSH_BYTES or more. Returns 0, or what flush returned. */
int export_flush_if_large(const record_flush *flush, outbuf *b);

typedef struct export_format {
    const char *name;
    /* Called once in init, after the output is open. Optional. */
    int (*begin)(sl_ctx *ctx, export_state *st);
    /* Writes one document (view already built). Returns 0, or -1 after
     * sl_fail. Only for formats without render. */
    int (*write)(sl_ctx *ctx, export_state *st, const doc_view *view);
    /* Builds one document's bytes into b (view already built; scratch for
     * text put together on the way). With flush (may be NULL), b is
     * emptied into the output whenever it grows past RECORD_FLUSH_BYTES.
     * Returns 0, or -1 when a flush failed or memory ran out (b or scratch
     * failed). Reads nothing of st but its options: it also runs on the
     * worker threads (the stage's prepare step) while the ordered thread
     * writes. Optional: formats without it write in order. */
    int (*render)(const export_state *st, const doc_view *view, outbuf *b,
                  outbuf *scratch, const record_flush *flush);
    /* Written before a document's bytes when the output already holds
     * some (bytes, not documents: a resumed run continues a file), or
     * NULL. */
    const char *separator;
    /* Called once in flush, before the output is committed. Optional. */
    int (*end)(sl_ctx *ctx, export_state *st);
    /* Frees the format's data; called from fini (st->keep_side_files
     * says whether files a checkpoint names must stay). Optional. */
    void (*release)(export_state *st);
    /* Saves into (save) or restores from `saved` what the format needs to
     * continue after a checkpoint (the stage's checkpoint callback).
     * Optional: formats without it resume from the output alone. */
    int (*checkpoint)(sl_ctx *ctx, export_state *st, json_t *saved, bool save);
} export_format;

struct export_state {
    /* options, stored by the core */
    char *format;
    char *path;
    bool show_removed;
    bool overwrite;
    char *split;
    long max_chars;
    bool figures;
    char *csv_rows;
    long batch;
    char *context;
    long context_chars;
    long sentence_chars;
    char *figure_fields;
    bool unknown_spans;
    char *title_in_text;
    sl_title_in_text title_mode; /* title_in_text's choice */

    /* run */
    const export_format *fmt;
    sl_output *out;
    void *format_data;
    doc_view view;
    outbuf buf;
    outbuf scratch;
    unsigned long long docs;
    bool split_sections;       /* split == "section" */
    bool context_sentences;    /* context == "sentence" */
    bool full_figures;         /* figure_fields == "full" */
    bool keep_side_files;      /* in fini: the run stopped for --resume */
    bool figures_by_reference; /* every figure by the general writer, which
                                  the tests hold the short one to */
};

/* figure_context.c: the context written beside a figure or a reference to
 * a caption on block blk, as bytes [*from, *to) of its text, by the
 * stage's context options. */
void export_figure_context(const export_state *st, const sl_block *blk,
                           size_t start, size_t end, size_t *from, size_t *to);

/* Writes st->buf to the output and empties it. Returns 0 or -1. */
int export_emit(sl_ctx *ctx, export_state *st);

/* Checks the buffers for a failed allocation: -1 after sl_fail. */
int export_check_memory(sl_ctx *ctx, export_state *st);

/* The formats (one file each). */
extern const export_format export_format_jsonl;
extern const export_format export_format_markdown;
extern const export_format export_format_text;
extern const export_format export_format_csv;
extern const export_format export_format_sqlite;
extern const export_format export_format_explain;

/* The explain format's view of a dropped document: its header says which
 * stage dropped it and why, then its blocks as usual. 0, or -1 after
 * sl_fail. */
int export_explain_dropped(sl_ctx *ctx, export_state *st, const doc_view *view,
                           const sl_drop_info *drop);

/* ---- pieces shared by formats ----------------------------------------- */

/* record_json.c: appends the whole JSONL record of a document (without the
 * newline). With flush (may be NULL), a record that grows past
 * RECORD_FLUSH_BYTES is emptied into the output in pieces. Returns 0, or
 * -1 when a flush failed. */
int record_json_put(const export_state *st, const doc_view *view, outbuf *b,
                    const record_flush *flush);

/* record_json.c: the record of one piece of a document cut by chunks_each
 * ("id" is the document's id, '#' and the piece's index). */
void record_json_put_chunk(const export_state *st, const doc_view *view,
                           long section, size_t index, const char *text,
                           size_t len, outbuf *b);

/* Where the pieces of a document cut by chunks_each go. */
typedef struct chunk_out {
    const export_state *st;
    outbuf *b;
    const record_flush *flush; /* may be NULL */
} chunk_out;

/* chunks.c: cuts the clean text into pieces (one per section with
 * split=section, else the whole document; each cut at sentence boundaries
 * to at most max_chars code points when max_chars > 0), put together in
 * scratch, and calls fn for each. section is the piece's innermost section
 * or -1. Stops at the first nonzero return of fn and returns it; -1 when
 * scratch ran out of memory. */
typedef int (*chunk_fn)(const chunk_out *out, const doc_view *view,
                        long section, size_t index, const char *text,
                        size_t len);
int chunks_each(const chunk_out *out, const doc_view *view, outbuf *scratch,
                chunk_fn fn);

/* True when the documents are to be cut into pieces. */
bool export_chunking(const export_state *st);

/* Byte length of the first piece of text[0..len) of at most max_chars code
 * points, ending at a sentence or line end when one is in reach. */
size_t chunk_cut(const char *text, size_t len, size_t max_chars);

#endif
