/* tests/test_arena_doc.c - the arena and the document model: allocation,
 * line splitting, block insertion and removal (one at a time or every empty
 * block at once) keeping spans, their targets and sections attached to the
 * right blocks (test_doc_edit.c tests the editing helpers in detail). */
#include <criterion/criterion.h>
#include <string.h>

#include "arena.h"
#include "docs.h"

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
