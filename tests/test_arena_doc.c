/* tests/test_arena_doc.c - the arena and the document model: allocation,
 * line splitting (and the coalescing of very many tiny lines into
 * SL_BLOCK_LINES blocks), block insertion and removal (one at a time or
 * every empty block at once) keeping spans, their targets and sections
 * attached to the right blocks (test_doc_edit.c tests the editing helpers
 * in detail). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "docs.h"
#include "spares.h"

Test(arena, allocations_are_zeroed_aligned_and_distinct)
{
    sl_arena *a = sl_arena_new();
    cr_assert_not_null(a);
    char *p = sl_arena_alloc(a, 10);
    char *q = sl_arena_alloc(a, 3);
    cr_assert_eq((uintptr_t)p % 16, 0);
    cr_assert_eq((uintptr_t)q % 16, 0);
    cr_assert(q >= p + 10 || q + 3 <= p);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(p[i], 0);
    char *big = sl_arena_alloc(a, 3 << 20); /* larger than any chunk */
    cr_assert_not_null(big);
    big[(3 << 20) - 1] = 'x';
    cr_assert_geq(sl_arena_footprint(a), (size_t)(3 << 20));
    sl_arena_free(a);
}

Test(doc, split_lines_records_line_numbers_and_blank_lines)
{
    sl_doc *doc = sl_doc_new();
    const char *text = "title\r\n\r\nfirst\nsecond\n\n\n  \nthird";
    sl_doc_set_raw_copy(doc, text, strlen(text));
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(doc->n_blocks, 4);
    cr_assert_str_eq(doc->blocks[0].text, "title");
    cr_assert_eq(doc->blocks[0].line, 1);
    cr_assert_str_eq(doc->blocks[1].text, "first");
    cr_assert_eq(doc->blocks[1].line, 3);
    cr_assert_eq(doc->blocks[1].blank_before, 1);
    cr_assert_eq(doc->blocks[2].blank_before, 0);
    cr_assert_str_eq(doc->blocks[3].text, "third");
    cr_assert_eq(doc->blocks[3].line, 8);
    cr_assert_eq(doc->blocks[3].blank_before, 3);
    sl_doc_free(doc);
}

/* Line ends are found 16 bytes at a time: a CR, an LF or a CRLF at
 * every offset of a long line, and just past it, split the same way. */
Test(doc, split_lines_finds_each_line_end_at_every_offset)
{
    const char *body = "工作总结abcdefghij0123456789数据xyz";
    size_t n = strlen(body);
    static const char *const ends[] = {"\n", "\r", "\r\n"};
    for (size_t e = 0; e < 3; e++)
        for (size_t at = 1; at < n; at++) {
            char text[128];
            int len = snprintf(text, sizeof text, "%.*s%s%s", (int)at, body,
                               ends[e], body + at);
            sl_doc *doc = sl_doc_new();
            sl_doc_set_raw_copy(doc, text, (size_t)len);
            cr_assert_eq(sl_doc_split_lines(doc), 0);
            cr_assert_eq(doc->n_blocks, 2, "end %zu at %zu", e, at);
            cr_assert_eq(doc->blocks[0].len, at);
            cr_assert_eq(memcmp(doc->blocks[0].text, body, at), 0);
            cr_assert_str_eq(doc->blocks[1].text, body + at);
            cr_assert_eq(doc->blocks[1].line, 2);
            sl_doc_free(doc);
        }
}

/* Text copies are not zeroed before the copy: each still ends in NUL,
 * and the bytes packed after it are its neighbour's. */
Test(arena, unset_allocations_are_packed_after_the_last)
{
    sl_arena *a = sl_arena_new();
    char *p = sl_arena_alloc_unset(a, 5);
    char *q = sl_arena_alloc_bytes(a, 3);
    cr_assert_not_null(p);
    cr_assert_eq(q, p + 5);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(q[i], 0, "alloc_bytes still zeroes");
    char *big = sl_arena_alloc_unset(a, 3 << 20);
    cr_assert_not_null(big);
    memset(big, 'x', 3 << 20);
    sl_arena_free(a);
    sl_doc *doc = sl_doc_new();
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "abcdef", 3);
    cr_assert_not_null(b);
    cr_assert_str_eq(b->text, "abc");
    sl_doc_free(doc);
}

/* A text of n lines made by line(i, buf) (NUL-terminated, no line end),
 * each ended by end; the caller frees it. */
static char *make_lines(size_t n, const char *end, void (*line)(size_t, char *),
                        size_t *len)
{
    size_t cap = n * (64 + strlen(end)) + 1, used = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    for (size_t i = 0; i < n; i++) {
        char one[64];
        line(i, one);
        used += (size_t)snprintf(text + used, cap - used, "%s%s", one, end);
    }
    *len = used;
    return text;
}

static void tiny_line(size_t i, char *out)
{
    if (i % 1000 == 999)
        out[0] = '\0'; /* a blank line now and then */
    else
        snprintf(out, 64, "%zu", i % 100);
}

static void wide_line(size_t i, char *out)
{
    snprintf(out, 64, "line %zu of an ordinary text, 40 bytes", i);
}

/* Checks that doc's blocks hold, in order, the non-blank lines of the n
 * lines line() makes, and returns how many blocks are coalesced. */
static size_t check_lines_kept(const sl_doc *doc, size_t n,
                               void (*line)(size_t, char *))
{
    size_t b = 0, pos = 0, coalesced = 0;
    uint32_t blanks = 0;
    for (size_t i = 0; i < n; i++) {
        char want[64];
        line(i, want);
        if (!want[0]) {
            blanks++;
            continue;
        }
        cr_assert_lt(b, doc->n_blocks, "line %zu has no block", i + 1);
        const sl_block *blk = &doc->blocks[b];
        if (pos == 0) {
            cr_assert_eq(blk->line, (uint32_t)i + 1, "block %zu", b);
            cr_assert_eq(blk->blank_before, blanks, "block %zu", b);
            coalesced += (blk->flags & SL_BLOCK_LINES) != 0;
        } else {
            cr_assert_eq(blanks, 0, "a blank line inside block %zu", b);
        }
        blanks = 0;
        size_t len = strlen(want);
        cr_assert(pos + len <= blk->len && !memcmp(blk->text + pos, want, len),
                  "line %zu not at byte %zu of block %zu", i + 1, pos, b);
        pos += len;
        if (pos == blk->len) {
            b++;
            pos = 0;
        } else {
            cr_assert_eq(blk->text[pos], '\n', "block %zu", b);
            pos++;
        }
    }
    cr_assert_eq(b, doc->n_blocks, "blocks left over");
    return coalesced;
}

Test(doc, coalescing_needs_very_many_very_short_lines)
{
    cr_assert(!sl_doc_coalesces_lines(SL_LINES_DENSE_MIN, 2 * 65536));
    cr_assert(sl_doc_coalesces_lines(SL_LINES_DENSE_MIN + 1, 2 * 65536));
    cr_assert(!sl_doc_coalesces_lines(100000, 100000 * 32));
    cr_assert(sl_doc_coalesces_lines(100000, 100000 * 32 - 1));
    cr_assert(!sl_doc_coalesces_lines(0, 0));
}

Test(doc, split_lines_coalesces_a_text_of_tiny_lines)
{
    size_t n = 100000, len;
    char *text = make_lines(n, "\r\n", tiny_line, &len);
    sl_doc *doc = sl_doc_new();
    sl_doc_set_raw_copy(doc, text, len);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_lt(doc->n_blocks, n / 50, "%zu blocks", doc->n_blocks);
    size_t coalesced = check_lines_kept(doc, n, tiny_line);
    cr_assert_eq(coalesced, doc->n_blocks, "every block is flagged");
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        cr_assert_eq(b->kind, SL_BLOCK_PARAGRAPH);
        cr_assert_null(memchr(b->text, '\r', b->len), "no CR kept");
        /* a block stops growing at SL_LINES_GROUP_BYTES */
        size_t before_last = b->len;
        while (before_last > 0 && b->text[before_last - 1] != '\n')
            before_last--;
        cr_assert_lt(before_last, (size_t)SL_LINES_GROUP_BYTES, "block %zu", i);
    }
    sl_doc_free(doc);
    free(text);
}

Test(doc, split_lines_keeps_one_block_per_line_of_ordinary_texts)
{
    /* many lines, but not short ones */
    size_t n = 100000, len;
    char *text = make_lines(n, "\n", wide_line, &len);
    sl_doc *doc = sl_doc_new();
    sl_doc_set_raw_copy(doc, text, len);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(doc->n_blocks, n);
    cr_assert_eq(check_lines_kept(doc, n, wide_line), 0);
    sl_doc_free(doc);
    free(text);
    /* short lines, but not many */
    n = 60000;
    text = make_lines(n, "\n", tiny_line, &len);
    doc = sl_doc_new();
    sl_doc_set_raw_copy(doc, text, len);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(check_lines_kept(doc, n, tiny_line), 0);
    cr_assert_eq(doc->n_blocks, n - n / 1000);
    sl_doc_free(doc);
    free(text);
}

static sl_doc *split_copy(const char *text, size_t len)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    return doc;
}

static void assert_same_blocks(const sl_doc *a, const sl_doc *b,
                               const char *what)
{
    cr_assert_eq(a->n_blocks, b->n_blocks, "%s", what);
    for (size_t i = 0; i < a->n_blocks; i++) {
        const sl_block *x = &a->blocks[i], *y = &b->blocks[i];
        cr_assert_eq(x->len, y->len, "%s: block %zu", what, i);
        cr_assert_eq(memcmp(x->text, y->text, x->len), 0, "%s: block %zu", what,
                     i);
        cr_assert_eq(x->text[x->len], '\0');
        cr_assert_eq(x->line, y->line, "%s: block %zu", what, i);
        cr_assert_eq(x->blank_before, y->blank_before, "%s: block %zu", what,
                     i);
        cr_assert_eq(x->flags, y->flags, "%s: block %zu", what, i);
    }
}

/* A text without CR has its line ends found by memchr, one with a CR by
 * the loop that looks for both: a CR at the very end (which only ends
 * the last line) must not change a block, for random texts and for one
 * of tiny lines that is coalesced. */
Test(doc, split_lines_without_cr_agrees_with_the_cr_search)
{
    static const char *const pieces[] = {
        "工作", "总结", "abc", " ", "\t", "0123456789", "\n", "\n\n", "  \n"};
    size_t n_pieces = sizeof pieces / sizeof *pieces;
    char text[2048];
    unsigned seed = 99;
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 200;
        for (size_t k = 0; k < count && len + 16 < sizeof text; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % n_pieces];
            memcpy(text + len, piece, strlen(piece));
            len += strlen(piece);
        }
        text[len] = '\r';
        sl_doc *lf = split_copy(text, len);
        sl_doc *cr = split_copy(text, len + 1);
        assert_same_blocks(lf, cr, "random text");
        sl_doc_free(lf);
        sl_doc_free(cr);
    }
    size_t n = 100000, len;
    char *tiny = make_lines(n, "\n", tiny_line, &len);
    char *with_cr = malloc(len + 1);
    cr_assert_not_null(with_cr);
    memcpy(with_cr, tiny, len);
    with_cr[len] = '\r';
    sl_doc *lf = split_copy(tiny, len);
    sl_doc *cr = split_copy(with_cr, len + 1);
    cr_assert_lt(lf->n_blocks, n / 50, "coalesced");
    assert_same_blocks(lf, cr, "tiny lines");
    sl_doc_free(lf);
    sl_doc_free(cr);
    free(with_cr);
    free(tiny);
}

Test(doc, insert_and_remove_keep_spans_and_sections_attached)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "H", 1);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "a 5 b", 5);
    sl_doc_add_span(doc, "figure", 1, 2, 3);
    sl_section *s = sl_doc_add_section(doc, 0, 1, -1);
    s->end_block = 2;

    sl_block *b = sl_doc_insert_block_copy(doc, 0, SL_BLOCK_PARAGRAPH, "x", 1);
    cr_assert_not_null(b);
    cr_assert_eq(doc->n_blocks, 3);
    cr_assert_eq(doc->spans[0].block, 2);
    cr_assert_str_eq(doc->blocks[doc->spans[0].block].text, "a 5 b");
    cr_assert_eq(doc->sections[0].heading_block, 1);
    cr_assert_eq(doc->sections[0].end_block, 3);

    sl_doc_remove_block(doc, 0);
    cr_assert_eq(doc->spans[0].block, 1);
    cr_assert_eq(doc->sections[0].heading_block, 0);
    cr_assert_eq(doc->sections[0].end_block, 2);

    sl_doc_remove_block(doc, 1); /* the span's block goes, so does the span */
    cr_assert_eq(doc->n_spans, 0);
    cr_assert_eq(doc->n_blocks, 1);
    sl_doc_free(doc);
}

/* A document of random blocks (a third empty), spans and sections, the
 * same for the same seed. */
static sl_doc *random_doc(unsigned seed)
{
    sl_doc *doc = sl_doc_new();
    size_t n = 1 + seed % 40;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *text = (seed >> 16) % 3 == 0 ? "" : "text";
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    }
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t block = (seed >> 16) % n;
        sl_span *sp =
            sl_doc_add_span(doc, "figure", block, 0, doc->blocks[block].len);
        if (i > 0 && (seed >> 4) % 2)
            sp->target = (long)((seed >> 5) % i); /* an earlier span */
        size_t first = (seed >> 8) % n;
        long parent = i > 0 && (seed >> 6) % 2 ? (long)((seed >> 7) % i) : -1;
        sl_section *s = sl_doc_add_section(doc, first, 1, parent);
        s->end_block = first + 1 + (seed >> 20) % (n - first);
    }
    return doc;
}

Test(doc, removing_empty_blocks_at_once_is_removing_them_one_by_one)
{
    for (unsigned seed = 1; seed < 400; seed++) {
        sl_doc *want = random_doc(seed), *got = random_doc(seed);
        size_t empty = 0;
        for (size_t i = want->n_blocks; i-- > 0;)
            if (want->blocks[i].len == 0) {
                sl_doc_remove_block(want, i);
                empty++;
            }
        cr_assert_eq(sl_doc_remove_empty_blocks(got), (long)empty);
        cr_assert_eq(got->n_blocks, want->n_blocks, "seed %u", seed);
        for (size_t i = 0; i < got->n_blocks; i++)
            cr_assert_str_eq(got->blocks[i].text, want->blocks[i].text);
        cr_assert_eq(got->n_spans, want->n_spans, "seed %u", seed);
        for (size_t i = 0; i < got->n_spans; i++) {
            cr_assert_eq(got->spans[i].block, want->spans[i].block);
            cr_assert_eq(got->spans[i].target, want->spans[i].target, "seed %u",
                         seed);
        }
        char why[160];
        cr_assert_eq(sl_doc_check(got, why, sizeof why), 0, "seed %u: %s", seed,
                     why);
        cr_assert_eq(got->n_sections, want->n_sections, "seed %u", seed);
        for (size_t i = 0; i < got->n_sections; i++) {
            cr_assert_eq(got->sections[i].parent, want->sections[i].parent,
                         "seed %u", seed);
            cr_assert_eq(got->sections[i].heading_block,
                         want->sections[i].heading_block, "seed %u", seed);
            cr_assert_eq(got->sections[i].first_block,
                         want->sections[i].first_block, "seed %u", seed);
            cr_assert_eq(got->sections[i].end_block,
                         want->sections[i].end_block, "seed %u", seed);
        }
        sl_doc_free(want);
        sl_doc_free(got);
    }
}

Test(doc, text_copies_are_independent_of_the_caller)
{
    sl_doc *doc = sl_doc_new();
    char buf[] = "hello";
    sl_block *b = sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, buf, 5);
    buf[0] = 'j';
    cr_assert_str_eq(b->text, "hello");
    cr_assert_eq(sl_block_set_text_copy(doc, b, "bye", 3), 0);
    cr_assert_str_eq(doc->blocks[0].text, "bye");
    cr_assert_eq(doc->blocks[0].len, 3);
    b->flags |= SL_BLOCK_MERGED;
    cr_assert(sl_block_is_dropped(b));
    json_object_set_new(doc->meta, "url", json_string("http://x"));
    cr_assert_str_eq(sl_doc_meta_string(doc, "url"), "http://x");
    cr_assert_null(sl_doc_meta_string(doc, "missing"));
    sl_doc_free(doc);
}

Test(doc, many_blocks_grow_the_arrays)
{
    sl_doc *doc = sl_doc_new();
    for (int i = 0; i < 10000; i++)
        cr_assert_not_null(
            sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "x", 1));
    cr_assert_eq(doc->n_blocks, 10000);
    sl_doc_clear_blocks(doc);
    cr_assert_eq(doc->n_blocks, 0);
    sl_doc_free(doc);
}

/* A random text of short lines: empty ones (every other line of most
 * texts, which the split passes without a search), white space only,
 * words and Han characters, ended by LF, CR or CRLF (or not at all at the
 * end). */
static size_t random_line_text(char *out, size_t cap, unsigned *seed)
{
    static const char *const pieces[] = {"",     "",     "  ",  "\t",   "a",
                                         "word", "中文", "x y", " 第一"};
    static const char *const ends[] = {"\n", "\n", "\n", "\r\n", "\r"};
    size_t n = 0, lines = (size_t)rand_r(seed) % 30;
    bool lf_only = rand_r(seed) % 2; /* else a mix of line ends */
    for (size_t i = 0; i < lines && n + 64 < cap; i++) {
        size_t words = (size_t)rand_r(seed) % 4;
        for (size_t w = 0; w < words; w++)
            n += (size_t)snprintf(out + n, cap - n, "%s",
                                  pieces[(size_t)rand_r(seed) % 9]);
        const char *end = lf_only ? "\n" : ends[(size_t)rand_r(seed) % 5];
        if (i + 1 < lines || rand_r(seed) % 2)
            n += (size_t)snprintf(out + n, cap - n, "%s", end);
    }
    out[n] = '\0';
    return n;
}

/* The split against a plain reading of the same text a byte at a time:
 * each line ends at its first CR or LF and the next starts past a CR, an
 * LF or a CRLF; a line of white space only is blank. */
Test(doc, split_lines_matches_a_plain_reading)
{
    unsigned seed = 17;
    for (int round = 0; round < 3000; round++) {
        char text[2048];
        size_t len = random_line_text(text, sizeof text, &seed);
        sl_doc *doc = sl_doc_new();
        cr_assert_eq(sl_doc_set_raw_copy(doc, text, len), 0);
        cr_assert_eq(sl_doc_split_lines(doc), 0);
        size_t pos = 0, k = 0;
        uint32_t line = 0, blanks = 0;
        while (pos < len) {
            size_t start = pos, end = pos;
            while (end < len && text[end] != '\n' && text[end] != '\r')
                end++;
            pos = end;
            if (pos < len && text[pos] == '\r')
                pos++;
            if (pos < len && text[pos] == '\n' &&
                (pos == end || text[pos - 1] == '\r'))
                pos++;
            line++;
            bool blank = true;
            for (size_t i = start; i < end; i++)
                blank = blank && strchr(" \t\f\v", text[i]) != NULL;
            if (blank) {
                blanks++;
                continue;
            }
            cr_assert_lt(k, doc->n_blocks, "round %d", round);
            const sl_block *b = &doc->blocks[k++];
            cr_assert_eq(b->len, end - start, "round %d line %u", round, line);
            cr_assert(memcmp(b->text, text + start, b->len) == 0);
            cr_assert_eq(b->text[b->len], '\0');
            cr_assert_eq(b->line, line, "round %d", round);
            cr_assert_eq(b->blank_before, blanks, "round %d", round);
            blanks = 0;
        }
        cr_assert_eq(k, doc->n_blocks, "round %d", round);
        sl_doc_free(doc);
    }
}

/* The spare blocks a thread keeps (spares.h): the smallest one large
 * enough is taken, one too small is not, a full pool keeps the largest,
 * and blocks over SL_SPARE_MAX_BYTES are freed at once. */
Test(spares, the_smallest_fitting_spare_is_taken)
{
    sl_spares_drop();
    size_t bytes = 0;
    cr_assert_null(sl_spare_take(SL_SPARE_ARRAYS, 1, &bytes));
    char *small = malloc(100), *large = malloc(1000);
    sl_spare_give(SL_SPARE_ARRAYS, large, 1000);
    sl_spare_give(SL_SPARE_ARRAYS, small, 100);
    cr_assert_null(sl_spare_take(SL_SPARE_CHUNKS, 1, &bytes)); /* other pool */
    cr_assert_null(sl_spare_take(SL_SPARE_ARRAYS, 1001, &bytes));
    cr_assert_eq(sl_spare_take(SL_SPARE_ARRAYS, 50, &bytes), small);
    cr_assert_eq(bytes, 100);
    cr_assert_eq(sl_spare_take(SL_SPARE_ARRAYS, 50, &bytes), large);
    cr_assert_eq(bytes, 1000);
    cr_assert_null(sl_spare_take(SL_SPARE_ARRAYS, 50, &bytes));
    free(small);
    free(large);
    /* too large to keep: freed (valgrind and ASan see a leak otherwise) */
    sl_spare_give(SL_SPARE_ARRAYS, malloc(SL_SPARE_MAX_BYTES + 1),
                  SL_SPARE_MAX_BYTES + 1);
    cr_assert_null(sl_spare_take(SL_SPARE_ARRAYS, 1, &bytes));
    /* a full pool keeps the largest: give more than it keeps, of growing
     * size */
    const size_t given = SL_SPARE_PLACES + 12;
    for (size_t i = 1; i <= given; i++)
        sl_spare_give(SL_SPARE_ARRAYS, malloc(i * 10), i * 10);
    size_t kept = 0, smallest = SIZE_MAX;
    void *p;
    while ((p = sl_spare_take(SL_SPARE_ARRAYS, 1, &bytes)) != NULL) {
        kept++;
        smallest = bytes < smallest ? bytes : smallest;
        free(p);
    }
    cr_assert_eq(kept, SL_SPARE_PLACES);
    cr_assert_eq(smallest, (given - SL_SPARE_PLACES + 1) * 10);
    sl_spare_give(SL_SPARE_CHUNKS, malloc(64), 64);
    sl_spares_drop();
    cr_assert_null(sl_spare_take(SL_SPARE_CHUNKS, 1, &bytes));
}

/* Documents built one after another (three alive at a time, so spares
 * come and go in every order) from the spares of the ones freed before:
 * every block, span and section holds what was put in it (ASan sees a
 * spare smaller than its use). */
Test(spares, documents_built_on_spares_hold_their_contents)
{
    sl_spares_drop();
    uint64_t state = 0x853C49E6748FEA9Bull;
    sl_doc *alive[3] = {NULL, NULL, NULL};
    char *text = malloc(200000);
    for (int round = 0; round < 120; round++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        size_t blocks = (size_t)(state >> 33) % 300;
        size_t spans = (size_t)(state >> 13) % 500;
        size_t sections = (size_t)(state >> 23) % 40;
        size_t text_len = (size_t)(state >> 40) % (round % 5 ? 9000 : 150000);
        sl_doc *doc = sl_doc_new();
        cr_assert_not_null(doc);
        for (size_t i = 0; i < text_len; i++)
            text[i] = (char)('a' + (i + (size_t)round) % 26);
        cr_assert_eq(sl_doc_set_raw_copy(doc, text, text_len), 0);
        for (size_t i = 0; i < blocks; i++) {
            char line[32];
            int n = snprintf(line, sizeof line, "b%d.%zu", round, i);
            cr_assert_not_null(sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH,
                                                        line, (size_t)n));
        }
        for (size_t i = 0; i < spans; i++) {
            sl_span *sp = sl_doc_add_span(doc, "figure", i % (blocks + 1), i,
                                          i + (size_t)round);
            cr_assert_not_null(sp);
        }
        for (size_t i = 0; i < sections; i++)
            cr_assert_not_null(
                sl_doc_add_section(doc, i, (int)(i % 6) + 1, (long)i - 1));
        cr_assert_eq(doc->raw_len, text_len);
        cr_assert(memcmp(doc->raw, text, text_len) == 0);
        for (size_t i = 0; i < blocks; i++) {
            char line[32];
            snprintf(line, sizeof line, "b%d.%zu", round, i);
            cr_assert_str_eq(doc->blocks[i].text, line);
        }
        for (size_t i = 0; i < spans; i++) {
            cr_assert_eq(doc->spans[i].start, i);
            cr_assert_eq(doc->spans[i].end, i + (size_t)round);
        }
        for (size_t i = 0; i < sections; i++)
            cr_assert_eq(doc->sections[i].heading_block, i);
        sl_doc_free(alive[round % 3]);
        alive[round % 3] = doc;
    }
    for (size_t i = 0; i < 3; i++)
        sl_doc_free(alive[i]);
    free(text);
    sl_spares_drop();
}

/* An arena's chunks and footprint are the same whether its chunks come
 * from spares (of every size) or from malloc. */
Test(spares, arenas_fill_the_same_with_spares)
{
    static const size_t sizes[] = {10, 3000, 900, 5000, 70000, 1, 20000, 600};
    size_t without[8], with[8];
    for (int pass = 0; pass < 2; pass++) {
        sl_spares_drop();
        if (pass == 1) { /* spares of many sizes, from freed arenas */
            sl_arena *warm = sl_arena_new();
            for (size_t i = 0; i < 40; i++)
                sl_arena_alloc_unset(warm, 100 + i * 997);
            sl_arena_free(warm);
        }
        sl_arena *a = sl_arena_new();
        for (size_t i = 0; i < 8; i++) {
            char *p = sl_arena_alloc_unset(a, sizes[i]);
            cr_assert_not_null(p);
            memset(p, 'x', sizes[i]);
            (pass ? with : without)[i] = sl_arena_footprint(a);
        }
        sl_arena_free(a);
    }
    for (size_t i = 0; i < 8; i++)
        cr_assert_eq(with[i], without[i], "after %zu allocations", i + 1);
    sl_spares_drop();
}

/* A new span has every field but its type, block and range cleared, on
 * an array fresh from the heap and on one a freed document left among
 * the thread's spares with its spans scribbled over. */
Test(doc, a_new_span_is_cleared_on_a_reused_array)
{
    for (int round = 0; round < 3; round++) {
        sl_doc *doc = sl_doc_new();
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "a 5 b", 5);
        for (size_t i = 0; i < 40; i++) {
            sl_span *sp = sl_doc_add_span(doc, "figure", 0, 2, 3);
            cr_assert_not_null(sp);
            cr_assert_eq(sp, &doc->spans[doc->n_spans - 1]);
            cr_assert_str_eq(sp->type, "figure");
            cr_assert(sp->block == 0 && sp->start == 2 && sp->end == 3);
            cr_assert(sp->kind == NULL && sp->unit == NULL &&
                      sp->qualifier == NULL && sp->label == NULL &&
                      sp->attrs == NULL);
            cr_assert(sp->value == 0 && sp->low == 0 && sp->high == 0);
            cr_assert_eq(sp->flags, 0);
            cr_assert_eq(sp->target, -1);
        }
        memset(doc->spans, 0x5A, doc->cap_spans * sizeof *doc->spans);
        doc->n_spans = 0; /* nothing to release: the scribble is no JSON */
        sl_doc_free(doc);
    }
}
