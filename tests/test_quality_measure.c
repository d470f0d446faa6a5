/* tests/test_quality_measure.c - the quality stage's measures
 * (plugins/quality/quality_measure.c) on small texts whose figures are
 * counted by hand: lines and paragraphs seen again, flagged words that
 * overlap, the C4 line rule and its "javascript" test in either case,
 * "lorem ipsum", the English stop words, and the repeated word and
 * character n-grams.
 */
#include <criterion/criterion.h>

#include <string.h>

#include "quality_measure.h"

static quality_measure measure(const char *text)
{
    quality_measure m;
    cr_assert_eq(quality_measure_text(text, strlen(text), &m), 0);
    return m;
}

Test(quality_measure, lines_and_paragraphs_seen_again)
{
    quality_measure m = measure("one line.\ntwo line.\none line.\n\n"
                                "one line.\ntwo line.\none line.\n\n\nend");
    /* lines: the two paragraphs' six lines and "end"; the empty ones are
     * no units */
    cr_assert_eq(m.dup_lines, 4); /* "one line." twice more, "two" once */
    cr_assert_eq(m.dup_line_chars, 4 * 9);
    cr_assert_eq(m.paragraphs, 3); /* "\n\n\nend": the third starts at end */
    cr_assert_eq(m.dup_paragraphs, 1);
    cr_assert_eq(m.dup_paragraph_chars, 29);
    cr_assert_eq(m.lines, 7);
}

Test(quality_measure, flagged_words_each_counted_apart)
{
    /* 赌博 twice, 六合彩 and 彩票预测 overlapping (each its own word),
     * 时时彩 twice in 时时彩时时彩 */
    quality_measure m = measure("赌博赌博六合彩票预测时时彩时时彩");
    cr_assert_eq(m.flagged, 6);
    cr_assert_eq(measure("博彩很正常").flagged, 1);
    cr_assert_eq(measure("正常的文字").flagged, 0);
}

Test(quality_measure, c4_lines_and_javascript_in_either_case)
{
    quality_measure m = measure("This is a good line.\n"
                                "Please enable JavaScript to view this.\n"
                                "too short.\n"
                                "Another fine line here!");
    /* the second line names javascript; the third has two words */
    cr_assert_eq(m.c4_sentences, 2);
    cr_assert_eq(m.punct_end_lines, 4);
    cr_assert(!m.lorem_ipsum);
    cr_assert(measure("Text then LOREM Ipsum dolor.").lorem_ipsum);
    cr_assert(!measure("lorem, ipsum").lorem_ipsum);
}

Test(quality_measure, english_stop_words)
{
    quality_measure m =
        measure("The cat and THAT dog, with others; thee bee of.");
    /* The, and, THAT, with, of: not "thee" nor "bee" nor "others" */
    cr_assert_eq(m.stop_words, 5);
    cr_assert_eq(m.words, 10);
}

Test(quality_measure, repeated_word_and_character_ngrams)
{
    /* "a b c" three times: the most frequent 2-gram is seen three times
     * (2 characters of 9 each time), and the repeated 5-grams (abcab and
     * bcabc, twice each) cover all nine words */
    quality_measure m = measure("a b c a b c a b c");
    cr_assert_float_eq(m.top_ngram[2], 3.0 * 2 / 9, 1e-12);
    cr_assert_float_eq(m.dup_ngram[5], 1.0, 1e-12);
    /* a text with no word twice has no repeated n-gram */
    quality_measure once = measure("one two three four five six seven");
    cr_assert_float_eq(once.top_ngram[2], 0.0, 1e-12);
    cr_assert_float_eq(once.dup_ngram[5], 0.0, 1e-12);
    /* twelve characters twice: every 10-gram of each half is seen again */
    quality_measure zh =
        measure("今天天气很好我们去公园玩今天天气很好我们去公园玩");
    cr_assert_float_eq(zh.dup_char_ngram, 1.0, 1e-12);
    cr_assert_eq(zh.cjk, 24);
    quality_measure plain = measure("今天天气很好我们去公园玩耍");
    cr_assert_float_eq(plain.dup_char_ngram, 0.0, 1e-12);
}
