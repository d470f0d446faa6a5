/* tests/test_doc_check.c - sl_doc_check and the public way to build a
 * document outside the engine (sl_doc_new, sl_doc_set_raw_copy,
 * sl_doc_split_lines), using only <sluice/sluice.h> as a plugin's unit
 * test would. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include <sluice/sluice.h>

static sl_doc *two_lines(void)
{
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    const char text[] = "第一行\n\nsecond line\n";
    cr_assert_eq(sl_doc_set_id_copy(doc, "d", 1), 0);
    cr_assert_eq(sl_doc_set_raw_copy(doc, text, strlen(text)), 0);
    cr_assert_eq(sl_doc_split_lines(doc), 0);
    cr_assert_eq(doc->n_blocks, 2);
    return doc;
}

Test(doc_check, a_document_built_by_hand_holds)
{
    sl_doc *doc = two_lines();
    char why[128] = "untouched";
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), 0);
    cr_assert_str_empty(why);
    cr_assert_not_null(sl_doc_add_span(doc, "figure", 1, 0, 6));
    cr_assert_not_null(sl_doc_add_section(doc, 0, 1, -1));
    cr_assert_eq(sl_doc_check(doc, NULL, 0), 0);
    sl_doc_free(doc);
}

Test(doc_check, each_broken_rule_is_named)
{
    char why[128];
    sl_doc *doc = two_lines();
    sl_span *span = sl_doc_add_span(doc, "figure", 0, 0, 3);
    span->end = 4; /* inside the second character of 第 (3 bytes each) */
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "span 0 [0,4) cuts a character of block 0");
    span->end = 40;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "span 0 [0,40) outside block 0 of 9 bytes");
    span->end = 3;
    span->block = 7;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "span 0 is on block 7 of 2");
    span->block = 0;
    span->target = 5;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "span 0 targets span 5 of 1");
    span->target = -1;

    doc->blocks[1].len = 3;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "block 1 has len 3 but 11 bytes before its NUL");
    doc->blocks[1].len = 11;
    doc->blocks[1].score = NAN;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "block 1 has a NaN score");
    doc->blocks[1].score = 0;
    doc->blocks[1].text[0] = (char)0xFF;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "block 1 is not valid UTF-8");
    doc->blocks[1].text[0] = 's';

    sl_section *section = sl_doc_add_section(doc, 0, 1, 0);
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "section 0 has parent 0");
    section->parent = -1;
    section->level = 0;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "section 0 has level 0");
    section->level = 1;
    section->end_block = 3;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "section 0 covers blocks [0,3) of 2");
    section->end_block = 2;
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), 0);
    sl_doc_free(doc);
}

Test(doc_check, a_short_buffer_is_cut_not_overrun)
{
    sl_doc *doc = two_lines();
    sl_doc_add_span(doc, "figure", 9, 0, 0);
    char why[8];
    cr_assert_eq(sl_doc_check(doc, why, sizeof why), -1);
    cr_assert_str_eq(why, "span 0 ");
    sl_doc_free(doc);
}
