/* tests/test_figure_fastpaths.c - the figures stage's fast paths against
 * their one-at-a-time versions: fig_label_start (sixteen places a round)
 * and fig_label_start_slow must find the same place on every text and
 * from every starting place: labels at the ends of the text, words cut
 * by a 16-byte block, letters in every case, multibyte characters that
 * share bytes with 图 and 表, the empty text.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/figures/captions.h"

/* Checks fast against slow from every place of s[0..len). */
static void same_from_everywhere(const char *s, size_t len)
{
    for (size_t from = 0; from <= len + 1; from++) {
        size_t fast = fig_label_start(s, len, from);
        size_t slow = fig_label_start_slow(s, len, from);
        cr_assert_eq(fast, slow, "from %zu of %zu: fast %zu, slow %zu", from,
                     len, fast, slow);
    }
}

Test(figure_label_start, finds_each_word_where_it_opens)
{
    const char *text = "如图1所示，见表2，see Figure 3 and TABLE 4; fig. 5";
    size_t len = strlen(text);
    size_t tu = (size_t)(strstr(text, "图") - text);
    cr_assert_eq(fig_label_start(text, len, 0), tu);
    size_t biao = (size_t)(strstr(text, "表") - text);
    cr_assert_eq(fig_label_start(text, len, tu + 1), biao);
    size_t figure = (size_t)(strstr(text, "Figure") - text);
    cr_assert_eq(fig_label_start(text, len, biao + 1), figure);
    size_t table = (size_t)(strstr(text, "TABLE") - text);
    cr_assert_eq(fig_label_start(text, len, figure + 1), table);
    size_t fig = (size_t)(strstr(text, "fig.") - text);
    cr_assert_eq(fig_label_start(text, len, table + 1), fig);
    cr_assert_eq(fig_label_start(text, len, fig + 1), len);
    same_from_everywhere(text, len);
}

Test(figure_label_start, empty_and_short_texts)
{
    cr_assert_eq(fig_label_start("", 0, 0), 0);
    cr_assert_eq(fig_label_start("Fi", 2, 0), 2);
    cr_assert_eq(fig_label_start("Fig", 3, 0), 0);
    cr_assert_eq(fig_label_start("图", 3, 0), 0);
    cr_assert_eq(fig_label_start("图", 3, 1), 3);
    same_from_everywhere("Tab", 3);
    same_from_everywhere("xTab", 4);
}

/* A label word at every offset of a long text of other characters, so
 * that it falls at the start, inside and across each 16-byte block, and
 * at the very end. */
Test(figure_label_start, every_offset_and_block_boundary)
{
    static const char *const WORDS[] = {"图",  "表",  "fig", "FIG", "fIg",
                                        "tab", "TAB", "tAb", "图表"};
    char buf[96];
    for (size_t w = 0; w < sizeof WORDS / sizeof WORDS[0]; w++) {
        size_t n = strlen(WORDS[w]);
        for (size_t len = n; len <= 64; len++) {
            for (size_t at = 0; at + n <= len; at++) {
                memset(buf, 'x', len);
                memcpy(buf + at, WORDS[w], n);
                cr_assert_eq(fig_label_start(buf, len, 0), at,
                             "%s at %zu of %zu", WORDS[w], at, len);
                same_from_everywhere(buf, len);
            }
        }
    }
}

/* Bytes of 图 and 表 in other characters (国 E5 9B BD, 衣 E8 A1 A3, 囿
 * E5 9B BF), the words cut short (Fi at the end, Ta then a space), and
 * neighbours of the letters in ASCII (F|0x20 is f, but so is nothing
 * else). */
Test(figure_label_start, near_misses)
{
    const char *text = "国衣囿 Fi Ta b fog tub F1g T@b \x46\x49\x47"
                       "图国表衣 Fi";
    same_from_everywhere(text, strlen(text));
    const char *none = "国衣囿 Fi Ta b fog tub F1g T@b fi";
    cr_assert_eq(fig_label_start(none, strlen(none), 0), strlen(none));
}

/* Random texts over an alphabet rich in the bytes of the label words. */
Test(figure_label_start, random_texts)
{
    static const unsigned char ALPHABET[] = {
        0xE5, 0x9B, 0xBE, 0xE8, 0xA1, 0xA8, 'f', 'F', 'i', 'I', 'g',
        'G',  't',  'T',  'a',  'A',  'b',  'B', ' ', '1', 0x80};
    unsigned seed = 12345;
    char buf[200];
    for (int round = 0; round < 3000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % sizeof buf;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)ALPHABET[(seed >> 16) % sizeof ALPHABET];
        }
        for (size_t from = 0; from <= len; from += 7)
            cr_assert_eq(fig_label_start(buf, len, from),
                         fig_label_start_slow(buf, len, from),
                         "round %d, from %zu", round, from);
    }
}
