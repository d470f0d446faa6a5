/* tests/test_doc_edit.c - the editing helpers of sluice/doc.h: removing a
 * span (attrs released, targets renumbered), removing an outline node or
 * a heading block (children move up, no paragraph becomes a heading),
 * replacing a range of a block's text (spans shifted, stretched, cut or
 * removed; refusals), where the title line goes and the clean text as the
 * exporters write it. Every edited document must still pass sl_doc_check.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "docs.h"

static void assert_valid(const sl_doc *doc)
{
    char why[200];
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), 0, "%s", why);
}

static sl_span *span_over(sl_doc *doc, size_t block, const char *needle)
{
    const char *text = doc->blocks[block].text;
    const char *at = strstr(text, needle);
    cr_assert_not_null(at, "'%s' not in '%s'", needle, text);
    size_t start = (size_t)(at - text);
    sl_span *sp =
        sl_doc_add_span(doc, "term", block, start, start + strlen(needle));
    cr_assert_not_null(sp);
    return sp;
}

static const char *span_text(const sl_doc *doc, size_t i, char *out,
                             size_t size)
{
    const sl_span *sp = &doc->spans[i];
    size_t len = sp->end - sp->start;
    cr_assert_lt(len, size);
    memcpy(out, doc->blocks[sp->block].text + sp->start, len);
    out[len] = '\0';
    return out;
}

/* ---- removing spans ------------------------------------------------------ */

/* Captions at 0 and 2, a plain span at 1, references to both captions. */
static sl_doc *doc_with_references(void)
{
    sl_doc *doc = sl_doc_new();
    const char *t = "图1 收入 图2 见图1 见图2";
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, t, strlen(t));
    sl_doc_add_span(doc, "caption", 0, 0, 4);                   /* 0: 图1 */
    sl_doc_add_span(doc, "term", 0, 5, 11);                     /* 1: 收入 */
    sl_doc_add_span(doc, "caption", 0, 12, 16);                 /* 2: 图2 */
    sl_doc_add_span(doc, "caption_ref", 0, 17, 24)->target = 0; /* 3 */
    sl_doc_add_span(doc, "caption_ref", 0, 25, 32)->target = 2; /* 4 */
    doc->spans[1].attrs = json_pack("{si}", "weight", 3);
    assert_valid(doc);
    return doc;
}

Test(edit, removing_a_span_renumbers_the_targets_after_it)
{
    sl_doc *doc = doc_with_references();
    cr_assert_eq(sl_doc_remove_span(doc, 1), 0); /* attrs released (ASan) */
    cr_assert_eq(doc->n_spans, 4);
    cr_assert_str_eq(doc->spans[1].type, "caption");
    cr_assert_eq(doc->spans[2].target, 0);
    cr_assert_eq(doc->spans[3].target, 1, "still the second caption");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, references_to_a_removed_span_become_minus_one)
{
    sl_doc *doc = doc_with_references();
    cr_assert_eq(sl_doc_remove_span(doc, 0), 0);
    cr_assert_eq(doc->n_spans, 4);
    cr_assert_eq(doc->spans[2].target, -1);
    cr_assert_eq(doc->spans[3].target, 1);
    assert_valid(doc);
    cr_assert_eq(sl_doc_remove_span(doc, 4), -1, "no such span");
    cr_assert_eq(doc->n_spans, 4);
    sl_doc_free(doc);
}

Test(edit, removing_a_block_renumbers_targets_of_spans_elsewhere)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_append_block_copy(doc, SL_BLOCK_CAPTION, "图1 甲", 8);
    sl_doc_append_block_copy(doc, SL_BLOCK_CAPTION, "图2 乙", 8);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "见图1和图2", 14);
    sl_doc_add_span(doc, "caption", 0, 0, 4);
    sl_doc_add_span(doc, "caption", 1, 0, 4);
    sl_doc_add_span(doc, "caption_ref", 2, 3, 7)->target = 0;
    sl_doc_add_span(doc, "caption_ref", 2, 10, 14)->target = 1;
    assert_valid(doc);
    sl_doc_remove_block(doc, 0);
    cr_assert_eq(doc->n_spans, 3);
    cr_assert_eq(doc->spans[1].target, -1, "its caption went with block 0");
    cr_assert_eq(doc->spans[2].target, 0, "follows the second caption");
    assert_valid(doc);
    sl_doc_free(doc);
}

/* ---- removing headings and sections ---------------------------------------
 */

/* H1 A | p1 | H2 A.1 | p2 | H3 A.1.a | p3 | H1 B | p4 */
static sl_doc *doc_with_outline(void)
{
    static const char *const lines[] = {"A",     "p1", "A.1", "p2",
                                        "A.1.a", "p3", "B",   "p4"};
    sl_doc *doc = sl_doc_new();
    for (size_t i = 0; i < 8; i++)
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, lines[i],
                                 strlen(lines[i]));
    int levels[] = {1, 2, 3, 1};
    size_t heads[] = {0, 2, 4, 6}, ends[] = {6, 6, 6, 8};
    long parents[] = {-1, 0, 1, -1};
    for (size_t s = 0; s < 4; s++) {
        doc->blocks[heads[s]].kind = SL_BLOCK_HEADING;
        doc->blocks[heads[s]].level = levels[s];
        sl_section *sec =
            sl_doc_add_section(doc, heads[s], levels[s], parents[s]);
        sec->end_block = ends[s];
    }
    sl_doc_add_span(doc, "term", 3, 0, 2);
    assert_valid(doc);
    return doc;
}

Test(edit, removing_a_heading_block_removes_its_section_only)
{
    sl_doc *doc = doc_with_outline();
    sl_doc_remove_block(doc, 2); /* the heading A.1 */
    cr_assert_eq(doc->n_blocks, 7);
    cr_assert_eq(doc->n_sections, 3, "no paragraph took A.1's place");
    for (size_t s = 0; s < doc->n_sections; s++) {
        const sl_block *h = &doc->blocks[doc->sections[s].heading_block];
        cr_assert_eq(h->kind, SL_BLOCK_HEADING, "section %zu is on '%s'", s,
                     h->text);
    }
    cr_assert_str_eq(doc->blocks[doc->sections[1].heading_block].text, "A.1.a");
    cr_assert_eq(doc->sections[1].parent, 0, "A.1.a moved up to A");
    cr_assert_eq(doc->sections[2].parent, -1);
    cr_assert_eq(doc->sections[0].end_block, 5, "A still covers p2..p3");
    cr_assert_eq(doc->sections[2].heading_block, 5);
    cr_assert_eq(doc->spans[0].block, 2, "the span on p2 followed it");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, removing_a_top_heading_moves_its_children_to_the_top)
{
    sl_doc *doc = doc_with_outline();
    sl_doc_remove_block(doc, 0);
    cr_assert_eq(doc->n_sections, 3);
    cr_assert_str_eq(doc->blocks[doc->sections[0].heading_block].text, "A.1");
    cr_assert_eq(doc->sections[0].parent, -1);
    cr_assert_eq(doc->sections[1].parent, 0, "A.1.a keeps A.1");
    cr_assert_eq(doc->sections[2].parent, -1);
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, removing_a_section_keeps_its_heading_text)
{
    sl_doc *doc = doc_with_outline();
    cr_assert_eq(sl_doc_remove_section(doc, 1), 0);
    cr_assert_eq(doc->n_blocks, 8);
    cr_assert_eq(doc->n_sections, 3);
    cr_assert_eq(doc->sections[1].heading_block, 4);
    cr_assert_eq(doc->sections[1].parent, 0);
    cr_assert_eq(sl_doc_remove_section(doc, 3), -1);
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, removing_a_chain_of_sections_links_to_the_nearest_kept_one)
{
    sl_doc *doc = doc_with_outline();
    doc->blocks[2].len = 0; /* A.1 and A.1.a become empty headings */
    doc->blocks[2].text[0] = '\0';
    doc->blocks[4].len = 0;
    doc->blocks[4].text[0] = '\0';
    sl_section *deep = sl_doc_add_section(doc, 5, 4, 2); /* under A.1.a */
    deep->end_block = 6;
    cr_assert_eq(sl_doc_remove_empty_blocks(doc), 2);
    cr_assert_eq(doc->n_sections, 3);
    cr_assert_eq(doc->sections[2].heading_block, 3, "p3's section");
    cr_assert_eq(doc->sections[2].parent, 0, "up two levels to A");
    assert_valid(doc);
    sl_doc_free(doc);
}

/* ---- replacing text --------------------------------------------------------
 */

static sl_doc *one_block(const char *text)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    return doc;
}

Test(edit, replacing_shifts_spans_after_and_keeps_spans_before)
{
    sl_doc *doc = one_block("alpha beta gamma");
    span_over(doc, 0, "alpha");
    span_over(doc, 0, "gamma");
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 6, 10, "BETA-BETA", 9), 0);
    cr_assert_str_eq(doc->blocks[0].text, "alpha BETA-BETA gamma");
    cr_assert_eq(doc->blocks[0].len, strlen("alpha BETA-BETA gamma"));
    char buf[64];
    cr_assert_str_eq(span_text(doc, 0, buf, sizeof buf), "alpha");
    cr_assert_str_eq(span_text(doc, 1, buf, sizeof buf), "gamma");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, spans_wholly_inside_go_and_their_references_with_them)
{
    sl_doc *doc = one_block("see fig 1 and fig 2");
    sl_doc_add_span(doc, "caption", 0, 4, 9);   /* fig 1 */
    sl_doc_add_span(doc, "caption", 0, 14, 19); /* fig 2 */
    sl_doc_add_span(doc, "caption_ref", 0, 0, 3)->target = 1;
    sl_doc_add_span(doc, "caption_ref", 0, 0, 3)->target = 0;
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 4, 9, "it", 2), 1);
    cr_assert_str_eq(doc->blocks[0].text, "see it and fig 2");
    cr_assert_eq(doc->n_spans, 3);
    cr_assert_eq(doc->spans[1].target, 0, "fig 2 moved down");
    cr_assert_eq(doc->spans[2].target, -1, "fig 1 is gone");
    char buf[64];
    cr_assert_str_eq(span_text(doc, 0, buf, sizeof buf), "fig 2");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, a_span_holding_the_range_stretches_and_cut_spans_keep_the_rest)
{
    sl_doc *doc = one_block("0123456789");
    sl_doc_add_span(doc, "holds", 0, 2, 8); /* 234567 holds [4,6) */
    sl_doc_add_span(doc, "tail", 0, 1, 5);  /* 1234: tail cut */
    sl_doc_add_span(doc, "head", 0, 5, 9);  /* 5678: head cut */
    sl_doc_add_span(doc, "edge", 0, 4, 7);  /* 456: starts with range */
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 4, 6, "abcd", 4), 0);
    cr_assert_str_eq(doc->blocks[0].text, "0123abcd6789");
    char buf[64];
    cr_assert_str_eq(span_text(doc, 0, buf, sizeof buf), "23abcd67");
    cr_assert_str_eq(span_text(doc, 1, buf, sizeof buf), "123");
    cr_assert_str_eq(span_text(doc, 2, buf, sizeof buf), "678");
    cr_assert_str_eq(span_text(doc, 3, buf, sizeof buf), "abcd6");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, an_empty_range_inserts_before_spans_that_start_there)
{
    sl_doc *doc = one_block("abcdef");
    sl_doc_add_span(doc, "before", 0, 0, 2); /* ab: ends at the point */
    sl_doc_add_span(doc, "after", 0, 2, 4);  /* cd: starts at it */
    sl_doc_add_span(doc, "around", 0, 1, 3); /* bc: holds it */
    sl_doc_add_span(doc, "empty", 0, 2, 2);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 2, 2, "XY", 2), 0);
    cr_assert_str_eq(doc->blocks[0].text, "abXYcdef");
    char buf[64];
    cr_assert_str_eq(span_text(doc, 0, buf, sizeof buf), "ab");
    cr_assert_str_eq(span_text(doc, 1, buf, sizeof buf), "cd");
    cr_assert_str_eq(span_text(doc, 2, buf, sizeof buf), "bXYc");
    cr_assert_eq(doc->n_spans, 4, "an empty range removes nothing");
    assert_valid(doc);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 3, 3, "", 0), 0);
    cr_assert_str_eq(doc->blocks[0].text, "abXYcdef", "a no-op");
    sl_doc_free(doc);
}

Test(edit, a_range_at_the_end_appends_or_cuts_the_tail)
{
    sl_doc *doc = one_block("abc");
    sl_doc_add_span(doc, "all", 0, 0, 3);
    sl_doc_add_span(doc, "last", 0, 2, 3);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 3, 3, "def", 3), 0);
    cr_assert_str_eq(doc->blocks[0].text, "abcdef");
    cr_assert_eq(doc->spans[0].end, 3, "appending does not grow a span");
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 1, 6, NULL, 0), 1);
    cr_assert_str_eq(doc->blocks[0].text, "a");
    cr_assert_eq(doc->n_spans, 1, "'last' lay inside the deleted tail");
    cr_assert_eq(doc->spans[0].start, 0);
    cr_assert_eq(doc->spans[0].end, 1);
    assert_valid(doc);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 1, "", 0), 1);
    cr_assert_eq(doc->blocks[0].len, 0);
    cr_assert_str_eq(doc->blocks[0].text, "");
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, ranges_that_split_a_character_or_bad_text_are_refused)
{
    sl_doc *doc = one_block("增长12%"); /* 增 and 长 are 3 bytes each */
    span_over(doc, 0, "12%");
    const char *before = doc->blocks[0].text;
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 1, 3, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 4, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 2, 2, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 4, 3, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 10, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 1, 0, 0, "x", 1), -1);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 3, "\xe5\xa2", 2), -1,
                 "half a character");
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 3, "a\0b", 3), -1);
    cr_assert_eq(doc->blocks[0].text, before, "nothing changed");
    cr_assert_eq(doc->spans[0].start, 6);
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 6, "上升", 6), 0);
    cr_assert_str_eq(doc->blocks[0].text, "上升12%");
    cr_assert_eq(doc->spans[0].start, 6);
    assert_valid(doc);
    sl_doc_free(doc);
}

Test(edit, the_new_text_may_come_from_the_block_itself)
{
    sl_doc *doc = one_block("abcdef");
    const char *own = doc->blocks[0].text;
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 0, 3, own + 3, 3), 0);
    cr_assert_str_eq(doc->blocks[0].text, "defdef");
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 6, 6, doc->blocks[0].text, 6),
                 0);
    cr_assert_str_eq(doc->blocks[0].text, "defdefdefdef");
    sl_doc_free(doc);
}

Test(edit, attrs_of_spans_removed_by_an_edit_are_released)
{
    sl_doc *doc = one_block("one two");
    span_over(doc, 0, "two")->attrs = json_pack("{ss}", "k", "v");
    cr_assert_eq(sl_doc_replace_text_copy(doc, 0, 4, 7, "2", 1), 1);
    cr_assert_eq(doc->n_spans, 0); /* the leak checkers see the rest */
    sl_doc_free(doc);
}

/* ---- the exported text -----------------------------------------------------
 */

static const char *export_text(sl_doc *doc)
{
    size_t len = 0;
    const char *text = sl_doc_export_text(doc, &len);
    cr_assert_not_null(text);
    cr_assert_eq(strlen(text), len);
    return text;
}

Test(edit, export_text_joins_kept_blocks)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_str_eq(export_text(doc), "");
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "nav", 3);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "one", 3);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "", 0);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "joined", 6);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "two", 3);
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    doc->blocks[3].flags |= SL_BLOCK_MERGED;
    cr_assert_str_eq(export_text(doc), "one\n\ntwo", "empty blocks are lines");
    sl_doc_free(doc);
}

Test(edit, export_text_puts_the_title_line_first)
{
    sl_doc *doc = sl_doc_new();
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "menu", 4);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "body", 4);
    sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "Title", 5);
    doc->blocks[2].flags |= SL_BLOCK_TITLE;
    cr_assert_str_eq(export_text(doc), "Title\nmenu\nbody", "moved up");
    doc->blocks[2].flags |= SL_BLOCK_BOILERPLATE;
    cr_assert_str_eq(export_text(doc), "menu\nbody", "dropped, no title");
    sl_doc_set_title_copy(doc, "From meta", 9);
    cr_assert_str_eq(export_text(doc), "From meta\nmenu\nbody");
    doc->blocks[0].flags |= SL_BLOCK_TITLE; /* the first kept block */
    cr_assert_str_eq(export_text(doc), "menu\nbody");
    cr_assert_not_null(sl_doc_export_text(doc, NULL));
    sl_doc_free(doc);
}

static void assert_title_line(const sl_doc *doc, sl_title_in_text mode,
                              const char *text, long block)
{
    sl_title_line line = sl_doc_title_line(doc, mode);
    if (text) {
        cr_assert_not_null(line.text, "mode %d: no title line", mode);
        cr_assert_eq(line.len, strlen(text), "mode %d", mode);
        cr_assert_eq(memcmp(line.text, text, line.len), 0, "mode %d", mode);
    } else {
        cr_assert_null(line.text, "mode %d: a title line '%.*s'", mode,
                       (int)line.len, line.text);
        cr_assert_eq(line.len, 0);
    }
    cr_assert_eq(line.block, block, "mode %d: block %ld, not %ld", mode,
                 line.block, block);
}

Test(edit, title_line_is_moved_kept_in_place_or_left_out)
{
    const sl_title_in_text always = SL_TITLE_IN_TEXT_ALWAYS,
                           never = SL_TITLE_IN_TEXT_NEVER,
                           autom = SL_TITLE_IN_TEXT_AUTO;
    sl_doc *doc = sl_doc_new();
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "menu", 4);
    sl_doc_append_block_copy(doc, SL_BLOCK_HEADING, "Title", 5);
    sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, "body", 4);
    sl_doc_set_title_copy(doc, "Title", 5);
    /* no block flagged: no title line, nothing moves */
    assert_title_line(doc, always, NULL, -1);
    assert_title_line(doc, never, NULL, -1);

    doc->blocks[1].flags |= SL_BLOCK_TITLE;
    assert_title_line(doc, always, "Title", 1); /* moved to the front */
    assert_title_line(doc, never, NULL, 1);     /* left out */
    assert_title_line(doc, autom, "Title", 1);  /* not an article */
    json_object_set_new(doc->meta, "page_type", json_string("article"));
    assert_title_line(doc, autom, NULL, 1);

    /* the first kept block: in its place, or left out */
    doc->blocks[0].flags |= SL_BLOCK_BOILERPLATE;
    assert_title_line(doc, always, NULL, -1);
    assert_title_line(doc, never, NULL, 1);

    /* a title block that says more than the title stays in the text */
    sl_doc_set_title_copy(doc, "Tit", 3);
    assert_title_line(doc, never, NULL, -1);

    /* dropped: the document's title opens the text, or nothing */
    doc->blocks[0].flags &= ~SL_BLOCK_BOILERPLATE;
    doc->blocks[1].flags |= SL_BLOCK_BOILERPLATE;
    assert_title_line(doc, always, "Tit", -1);
    assert_title_line(doc, never, NULL, -1);
    sl_doc_set_title_copy(doc, "", 0);
    assert_title_line(doc, always, NULL, -1);

    /* the first flagged block is the title line */
    doc->blocks[1].flags &= ~SL_BLOCK_BOILERPLATE;
    doc->blocks[2].flags |= SL_BLOCK_TITLE;
    assert_title_line(doc, always, "Title", 1);
    sl_doc_free(doc);
}
