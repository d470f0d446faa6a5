/* plugins/sections/repair.c - paragraph repair for plain-text documents:
 * joins a block broken in the middle of a sentence to the block that
 * continues it, and reflows hard-wrapped Chinese text (runs of lines of
 * the same width with no blank line between them) into paragraphs.
 *
 * A join appends the next block's text to the first and flags the next
 * block SL_BLOCK_MERGED. Only kept paragraph blocks with source lines take
 * part; a heading, a list item or a Markdown construct is never joined,
 * and neither is a line that ends a sentence.
 */
#include "sections_internal.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

/* Widths above this are not hard wrapping. */
#define MAX_WRAP_COLUMNS 320
/* A block this short (in characters) without an enumerator may be a
 * heading, so it does not start a join. */
#define MIN_JOIN_CHARS 20
/* A Latin line this short (in characters) is not taken as wrapped. */
#define MIN_LATIN_WRAP_CHARS 24
/* From this wrap width on, a wrapped marker line is a long list item. */
#define WIDE_WRAP_COLUMNS 60

enum {
    JOIN_NONE = 0,
    JOIN_CJK,
    JOIN_REFLOW,
    JOIN_LATIN_SPACE,
    JOIN_LATIN_HYPHEN
};

/* Display columns of the eight bytes at s: one for each byte that starts
 * a character, one more for each lead byte of three or four (111xxxxx). */
static size_t columns_in_word(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t starts = ~sec_mark_continuations(w) & SEC_HIGH_BITS;
    uint64_t wide_leads = w & (w << 1) & (w << 2) & SEC_HIGH_BITS;
    /* each byte of the sum is 0, 1 or 2; the multiplication adds them up
     * in the top byte (at most 16) */
    uint64_t per_byte = (starts >> 7) + (wide_leads >> 7);
    return (size_t)((per_byte * SEC_LOW_BITS) >> 56);
}

size_t sec_columns_bytewise(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((u[i] & 0xC0) != 0x80) + (u[i] >= 0xE0);
    return n;
}

#ifdef __SSE2__
/* The columns of one 16-byte chunk, in the two 64-bit halves. As signed
 * bytes, a byte above -65 (0xBF) starts a character, and a negative one
 * above -33 (0xDF) is a lead byte of three or four; each test gives -1,
 * and psadbw adds up the negated sums. */
static __m128i columns_of_chunk(__m128i v)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i starts = _mm_cmpgt_epi8(v, _mm_set1_epi8(-65));
    __m128i wide = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-33)),
                                 _mm_cmplt_epi8(v, zero));
    __m128i minus = _mm_add_epi8(starts, wide);
    return _mm_sad_epu8(_mm_sub_epi8(zero, minus), zero);
}

/* The columns of the whole 16-byte chunks of s[0..len), the bytes read
 * in *done. The chunks' tests (-1 for a byte that starts a character, -1
 * more for a lead byte from 0xE0) are summed per byte, and psadbw adds up
 * each run of at most 127 chunks. When s holds 16 bytes or more, the last
 * len % 16 bytes are counted from the last 16, the bytes before them
 * (counted already) masked out, and *done is len. */
static size_t columns_of_chunks(const char *s, size_t len, size_t *done)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i last_continuation = _mm_set1_epi8(-65);
    const __m128i first_wide_lead = _mm_set1_epi8((char)0xE0);
    __m128i sums = zero;
    size_t i = 0;
    while (len - i >= 16) {
        /* per-byte tallies of at most 2 a chunk: 127 chunks fit a byte */
        size_t chunks = (len - i) / 16 < 127 ? (len - i) / 16 : 127;
        size_t stop = i + 16 * chunks;
        __m128i tally = zero;
        for (; i < stop; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i starts = _mm_cmpgt_epi8(v, last_continuation);
            __m128i wide = _mm_cmpeq_epi8(_mm_max_epu8(v, first_wide_lead), v);
            tally = _mm_sub_epi8(_mm_sub_epi8(tally, starts), wide);
        }
        sums = _mm_add_epi64(sums, _mm_sad_epu8(tally, zero));
    }
    if (i > 0 && i < len) {
        /* byte k of the last 16 is new when k >= 16 - (len - i) */
        const __m128i index =
            _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        __m128i fresh =
            _mm_cmpgt_epi8(index, _mm_set1_epi8((char)(15 - (int)(len - i))));
        __m128i last =
            _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
        /* a masked byte becomes 0x80, a continuation: no column */
        __m128i v = _mm_or_si128(_mm_and_si128(fresh, last),
                                 _mm_andnot_si128(fresh, _mm_set1_epi8(-128)));
        sums = _mm_add_epi64(sums, columns_of_chunk(v));
        i = len;
    }
    *done = i;
    uint64_t lanes[2];
    memcpy(lanes, &sums, sizeof lanes);
    return (size_t)(lanes[0] + lanes[1]);
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
/* columns_of_chunks 32 bytes at a time (AVX2), for s of at least 32
 * bytes: the same per-byte tallies, summed by psadbw every 127 chunks,
 * and the last len % 32 bytes counted from the last 32 with the bytes
 * before them masked out. Called only where the processor has AVX2. */
__attribute__((target("avx2"))) static size_t columns_avx2(const char *s,
                                                           size_t len)
{
    const __m256i zero = _mm256_setzero_si256();
    const __m256i last_continuation = _mm256_set1_epi8(-65);
    const __m256i first_wide_lead = _mm256_set1_epi8((char)0xE0);
    __m256i sums = zero;
    size_t i = 0;
    while (len - i >= 32) {
        /* per-byte tallies of at most 2 a chunk: 127 chunks fit a byte */
        size_t chunks = (len - i) / 32 < 127 ? (len - i) / 32 : 127;
        size_t stop = i + 32 * chunks;
        __m256i tally = zero;
        for (; i < stop; i += 32) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
            __m256i starts = _mm256_cmpgt_epi8(v, last_continuation);
            __m256i wide =
                _mm256_cmpeq_epi8(_mm256_max_epu8(v, first_wide_lead), v);
            tally = _mm256_sub_epi8(_mm256_sub_epi8(tally, starts), wide);
        }
        sums = _mm256_add_epi64(sums, _mm256_sad_epu8(tally, zero));
    }
    if (i < len) {
        /* byte k of the last 32 is new when k >= 32 - (len - i) */
        const __m256i index = _mm256_setr_epi8(
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        __m256i fresh = _mm256_cmpgt_epi8(
            index, _mm256_set1_epi8((char)(31 - (int)(len - i))));
        __m256i v = _mm256_and_si256(
            fresh, _mm256_loadu_si256((const __m256i *)(s + len - 32)));
        __m256i starts =
            _mm256_and_si256(fresh, _mm256_cmpgt_epi8(v, last_continuation));
        __m256i wide =
            _mm256_cmpeq_epi8(_mm256_max_epu8(v, first_wide_lead), v);
        __m256i tally = _mm256_sub_epi8(_mm256_sub_epi8(zero, starts), wide);
        sums = _mm256_add_epi64(sums, _mm256_sad_epu8(tally, zero));
    }
    uint64_t lanes[4];
    memcpy(lanes, &sums, sizeof lanes);
    return (size_t)(lanes[0] + lanes[1] + lanes[2] + lanes[3]);
}
#endif

size_t sec_columns_chunks(const char *s, size_t len, bool avx2)
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (avx2 && len >= 32)
        return columns_avx2(s, len);
#else
    (void)avx2;
#endif
    size_t n = 0, i = 0;
#ifdef __SSE2__
    n = columns_of_chunks(s, len, &i);
#endif
    for (; len - i >= 8; i += 8)
        n += columns_in_word(s + i);
    return n + sec_columns_bytewise(s + i, len - i);
}

size_t sec_columns(const char *s, size_t len)
{
    return sec_columns_chunks(s, len, sec_noise_has_avx2());
}

static bool takes_part(const sl_block *b, const sec_line *l)
{
    return !sec_block_is_dropped(b) &&
           !(b->flags & (SL_BLOCK_TITLE | SL_BLOCK_LINES)) &&
           b->kind == SL_BLOCK_PARAGRAPH && b->line > 0 &&
           l->role != SEC_ROLE_SKIP && l->role != SEC_ROLE_MARKUP;
}

/* Marks the lines of Markdown fenced code (fences included): code is
 * never joined. */
static void mark_fences(const sl_doc *doc, sec_line *lines)
{
    bool in_fence = false;
    char fence_char = 0;
    size_t fence_len = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sec_line *l = &lines[i];
        if (l->role == SEC_ROLE_SKIP)
            continue;
        bool fence = l->md.kind == SEC_MD_FENCE;
        if (in_fence) {
            l->role = SEC_ROLE_MARKUP;
            if (fence && l->md.fence_char == fence_char &&
                l->md.fence_len >= fence_len)
                in_fence = false;
        } else if (fence) {
            l->role = SEC_ROLE_MARKUP;
            in_fence = true;
            fence_char = l->md.fence_char;
            fence_len = l->md.fence_len;
        }
    }
}

/* A block that may open or continue a paragraph: no marker, plain
 * Markdown text outside containers. */
static bool is_plain_line(const sec_line *l)
{
    return l->marker.family == SEC_FAM_NONE && l->md.kind == SEC_MD_TEXT &&
           l->md.quote_depth == 0 && !l->md.list_item;
}

static bool is_comma_like(int32_t cp)
{
    return cp == ',' || cp == 0xFF0C || cp == 0x3001; /* , ， 、 */
}

static bool is_lower(int32_t cp)
{
    return cp >= 'a' && cp <= 'z';
}

static bool is_latin_letter_or_digit(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
}

/* Starts with an indentation that opens a new paragraph. */
static bool starts_indented(const char *s, size_t len)
{
    size_t pos = 0;
    int32_t cp = len ? sl_utf8_next_inline(s, len, &pos) : 0;
    return cp == 0x3000 || (cp == ' ' && len > 1 && s[1] == ' ');
}

/* The wrap width of a hard-wrapped document: the most common width of
 * lines followed directly by another line, when most such lines share it.
 * 0 when the document is not hard-wrapped. Notes in each line whether it
 * takes part in repair (joinable), for sec_repair: a join changes that
 * only for the lines it merges, which the repair does not look at again. */
static size_t wrap_width(const sl_doc *doc, sec_line *lines)
{
    unsigned hist[MAX_WRAP_COLUMNS + 1];
    memset(hist, 0, sizeof hist);
    unsigned total = 0;
    size_t best = 0; /* the most common width so far, the smallest on a tie */
    /* whether block i takes part, carried from the step before */
    bool a_takes = doc->n_blocks > 0 && takes_part(&doc->blocks[0], &lines[0]);
    if (doc->n_blocks > 0)
        lines[0].joinable = a_takes;
    for (size_t i = 0; i + 1 < doc->n_blocks; i++) {
        const sl_block *a = &doc->blocks[i], *b = &doc->blocks[i + 1];
        bool b_takes = takes_part(b, &lines[i + 1]);
        lines[i + 1].joinable = b_takes;
        bool pair = a_takes && b_takes;
        a_takes = b_takes;
        if (!pair || b->blank_before != 0 || b->line != a->line + 1)
            continue;
        size_t w = sec_columns(a->text, a->len);
        total++;
        if (w > MAX_WRAP_COLUMNS)
            continue;
        unsigned count = ++hist[w], best_count = hist[best];
        if (count > best_count || (count == best_count && w < best))
            best = w;
    }
    if (total < 3)
        return 0;
    if (best < 20)
        return 0;
    unsigned near = 0;
    for (size_t w = best - 2; w <= best + 2 && w <= MAX_WRAP_COLUMNS; w++)
        near += hist[w];
    return near * 10 >= total * 6 ? best : 0;
}

/* Text with clause punctuation and no formula: a title, a table line or
 * "应纳税额＝..." runs on without commas. */
static bool reads_as_prose(const char *s, size_t len)
{
    bool punct = false;
    size_t pos = 0;
    while (pos < len) {
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (cp == '=' || cp == 0xFF1D || cp == 0xD7) /* = ＝ × */
            return false;
        if (cp == 0x3002 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B ||
            cp == 0xFF01 || cp == 0xFF1F)
            punct = true;
    }
    return punct;
}

/* The blocks run[0..n) hold MIN_JOIN_CHARS visible characters or more,
 * counting at most that many in each block. */
static bool run_is_long(const sl_doc *doc, const size_t *run, size_t n)
{
    size_t chars = 0;
    for (size_t k = 0; k < n && chars < MIN_JOIN_CHARS; k++) {
        const sl_block *b = &doc->blocks[run[k]];
        chars += sec_visible_chars(b->text, b->len, MIN_JOIN_CHARS);
    }
    return chars >= MIN_JOIN_CHARS;
}

/* How block b continues the run of blocks run[0..n) (head is the run's
 * first block, a its last; lines[] the scratch of every block). */
static int join_kind(const sl_doc *doc, const size_t *run, size_t n,
                     const sl_block *b, const sec_line *bl, sec_line *lines,
                     size_t wrap)
{
    const sec_line *head_line = &lines[run[0]];
    const sl_block *head = &doc->blocks[run[0]];
    const sl_block *a = &doc->blocks[run[n - 1]];
    if (!is_plain_line(bl) || b->line <= a->line)
        return JOIN_NONE;
    int32_t last = sec_line_last_char(&lines[run[n - 1]], a);
    int32_t first = sec_first_char(b->text, b->len);
    bool may_reflow = wrap && b->blank_before == 0;
    if (!may_reflow && !sec_is_han(first) && !is_lower(first))
        return JOIN_NONE; /* nothing continues a sentence here */
    if (!may_reflow && !is_lower(first) && !sec_is_han(last) &&
        !is_comma_like(last))
        return JOIN_NONE; /* a ends a sentence: no join, whatever the script */
    bool cjk = sec_line_is_mostly_cjk(&lines[run[n - 1]], a);
    bool head_plain = is_plain_line(head_line);
    /* a wide wrap makes a marker line a long list item, not a heading */
    bool head_wraps = head_plain || (head_line->marker.family != SEC_FAM_NONE &&
                                     wrap >= WIDE_WRAP_COLUMNS);
    if (cjk && may_reflow && head_wraps && !starts_indented(b->text, b->len)) {
        size_t w = sec_columns(a->text, a->len);
        if (w + 2 >= wrap && w <= wrap + 2)
            return JOIN_REFLOW;
    }
    if (cjk && b->blank_before <= 1) {
        if (!sec_is_han(first))
            return JOIN_NONE;
        bool comma = is_comma_like(last);
        if (!sec_is_han(last) && !comma)
            return JOIN_NONE;
        if (!head_plain && !comma)
            return JOIN_NONE; /* a heading-like line: not mid-sentence */
        bool enumerated = sec_starts_enumerator(head->text, head->len);
        bool prose = enumerated || (run_is_long(doc, run, n) &&
                                    reads_as_prose(head->text, head->len));
        if (!prose && !comma)
            return JOIN_NONE;
        if (!sec_has_visible_chars(b->text, b->len, MIN_JOIN_CHARS) &&
            !sl_is_sentence_end(sec_last_char(b->text, b->len)))
            return JOIN_NONE; /* b may be a heading itself */
        return JOIN_CJK;
    }
    if (!cjk && b->blank_before == 0 && head_plain && is_lower(first)) {
        size_t pos = a->len;
        while (pos > 0 && (a->text[pos - 1] == ' ' || a->text[pos - 1] == '\t'))
            pos--;
        if (last == '-' && pos >= 2 &&
            is_latin_letter_or_digit((unsigned char)a->text[pos - 2]) &&
            a->text[pos - 2] >= 'a')
            return JOIN_LATIN_HYPHEN;
        /* a wrapped line is long; short lines may be a list of words */
        if ((is_latin_letter_or_digit(last) || last == ',') &&
            sec_has_visible_chars(a->text, a->len, MIN_LATIN_WRAP_CHARS))
            return JOIN_LATIN_SPACE;
    }
    return JOIN_NONE;
}

static void trimmed(const char *s, size_t len, size_t *start, size_t *end)
{
    *start = 0;
    *end = len;
    while (*start < *end && (s[*start] == ' ' || s[*start] == '\t'))
        (*start)++;
    while (*end > *start && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
        (*end)--;
}

/* Moves spans of block `from` onto block `to`, shifted by offset. */
static void move_spans(sl_doc *doc, size_t from, size_t to, size_t offset)
{
    for (size_t i = 0; i < doc->n_spans; i++) {
        sl_span *span = &doc->spans[i];
        if (span->block != from)
            continue;
        span->block = to;
        span->start += offset;
        span->end += offset;
    }
}

/* Joins blocks run[1..n) into run[0] with the kinds given. */
static int merge_run(sl_doc *doc, const size_t *run, const int *kinds, size_t n)
{
    sl_block *head = &doc->blocks[run[0]];
    size_t total = head->len + 1;
    for (size_t i = 1; i < n; i++)
        total += doc->blocks[run[i]].len + 1;
    char *out = sl_doc_alloc(doc, total);
    if (!out)
        return -1;
    size_t len = head->len;
    memcpy(out, head->text, len);
    for (size_t i = 1; i < n; i++) {
        sl_block *b = &doc->blocks[run[i]];
        size_t start, end;
        trimmed(b->text, b->len, &start, &end);
        while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == '\t'))
            len--;
        if (kinds[i] == JOIN_LATIN_HYPHEN && len > 0)
            len--;
        else if (kinds[i] == JOIN_LATIN_SPACE)
            out[len++] = ' ';
        move_spans(doc, run[i], run[0], len - start);
        memcpy(out + len, b->text + start, end - start);
        len += end - start;
        b->flags |= SL_BLOCK_MERGED;
        b->reason = "merged into the previous block by paragraph repair";
    }
    out[len] = '\0';
    head->text = out; /* arena memory, freed with the document */
    head->len = len;
    return 0;
}

/* Longest run of blocks joined in one go; a longer paragraph is joined in
 * several steps. */
#define MAX_RUN 64

int sec_repair(sl_ctx *ctx, sl_doc *doc, sec_line *lines)
{
    if (doc->content_type != SL_CONTENT_TEXT)
        return 0;
    mark_fences(doc, lines);
    size_t wrap = wrap_width(doc, lines);
    size_t run[MAX_RUN];
    int kinds[MAX_RUN];
    uint64_t joins = 0, reflows = 0;
    size_t i = 0;
    while (i < doc->n_blocks) {
        if (!lines[i].joinable) {
            i++;
            continue;
        }
        size_t n = 1;
        run[0] = i;
        kinds[0] = JOIN_NONE;
        size_t next = i + 1;
        while (next < doc->n_blocks && n < MAX_RUN && lines[next].joinable) {
            int kind = join_kind(doc, run, n, &doc->blocks[next], &lines[next],
                                 lines, wrap);
            if (kind == JOIN_NONE)
                break;
            run[n] = next;
            kinds[n++] = kind;
            next++;
        }
        if (n > 1) {
            if (merge_run(doc, run, kinds, n) < 0)
                return sl_fail(ctx, "out of memory joining paragraphs");
            lines[i].script = 0; /* its text grew: ask again */
            lines[i].last_char = 0;
            for (size_t k = 1; k < n; k++) {
                lines[run[k]].role = SEC_ROLE_SKIP;
                if (kinds[k] == JOIN_REFLOW)
                    reflows++;
                else
                    joins++;
            }
        }
        i = next;
    }
    if (joins)
        sl_count(ctx, "repairs.join", joins);
    if (reflows)
        sl_count(ctx, "repairs.reflow", reflows);
    return 0;
}
