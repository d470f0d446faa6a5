/* tests/test_figure_fastpaths.c - the figures stage's fast paths against
 * their one-at-a-time versions: fig_label_start (sixteen places a round)
 * and fig_label_start_slow must find the same place on every text and
 * from every starting place: labels at the ends of the text, words cut
 * by a 16-byte block, letters in every case, multibyte characters that
 * share bytes with 图 and 表, the empty text. The table of Chinese numeral
 * characters (fig_zh_chars) must answer as the chains of cases it
 * replaced, for every code point; a lone Chinese digit read the quick way
 * must read as the general token readers read it. The unit and currency
 * look-up through the index of first two characters must find what a
 * walk over the whole table finds: for every entry, cut short, in other
 * cases, before every kind of character, and on random texts made of
 * pieces of entries. So must the Chinese qualifier words before a number
 * (近, 超过, 不少于) found by their last character and by a walk over
 * their table, and the characters that end them or stand between them
 * and the number (了, 有) by their hashed table and by the cases it
 * replaced. The decoders that take a three-byte character on its lead
 * byte (fig_cp_at, fig_cp_before) must answer as the library's at every
 * place of random valid texts, in buffers of exactly their size.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../plugins/figures/captions.h"
#include "../plugins/figures/figures.h"

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

/* The character tests of the numeral readers as they were written before
 * the table (fig_zh_chars) replaced them: a chain of cases each. */
static int reference_zh_digit(int32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */ return 0;
    case 0x4E00: /* 一 */
    case 0x58F9: /* 壹 */ return 1;
    case 0x4E8C: /* 二 */
    case 0x8D30: /* 贰 */
    case 0x8CB3: /* 貳 */
    case 0x4E24: /* 两 */
    case 0x5169: /* 兩 */
    case 0x4FE9: /* 俩 */
    case 0x5006: /* 倆 */ return 2;
    case 0x4E09: /* 三 */
    case 0x53C1: /* 叁 */
    case 0x53C3: /* 參 */ return 3;
    case 0x56DB: /* 四 */
    case 0x8086: /* 肆 */ return 4;
    case 0x4E94: /* 五 */
    case 0x4F0D: /* 伍 */ return 5;
    case 0x516D: /* 六 */
    case 0x9646: /* 陆 */
    case 0x9678: /* 陸 */ return 6;
    case 0x4E03: /* 七 */
    case 0x67D2: /* 柒 */ return 7;
    case 0x516B: /* 八 */
    case 0x634C: /* 捌 */ return 8;
    case 0x4E5D: /* 九 */
    case 0x7396: /* 玖 */ return 9;
    default: return -1;
    }
}

static double reference_zh_unit(int32_t cp)
{
    switch (cp) {
    case 0x5341: /* 十 */
    case 0x62FE: /* 拾 */ return 10;
    case 0x767E: /* 百 */
    case 0x4F70: /* 佰 */ return 100;
    case 0x5343: /* 千 */
    case 0x4EDF: /* 仟 */ return 1000;
    case 0x4E07: /* 万 */
    case 0x842C: /* 萬 */ return 1e4;
    case 0x4EBF: /* 亿 */
    case 0x5104: /* 億 */ return 1e8;
    case 0x5146: /* 兆 */ return 1e12;
    default: return 0;
    }
}

static bool reference_zh_starts_numeral(int32_t cp)
{
    double u = reference_zh_unit(cp);
    return reference_zh_digit(cp) >= 0 || (u > 0 && u < 1e4) || cp == 0x8D1F ||
           cp == 0x8CA0 || cp == 0x534A; /* 负 負 半 */
}

/* 多 余 餘 几 幾 点 點 分 又 */
static bool reference_goes_on(int32_t cp)
{
    return cp == 0x591A || cp == 0x4F59 || cp == 0x9918 || cp == 0x51E0 ||
           cp == 0x5E7E || cp == 0x70B9 || cp == 0x9EDE || cp == 0x5206 ||
           cp == 0x53C8;
}

/* Every code point, and some that are none (negative, past U+10FFFF):
 * the table answers as the chains of cases did. */
Test(figures, numeral_character_table_agrees_with_the_cases)
{
    for (int64_t c = -70000; c <= 0x110000 + 70000; c++) {
        int32_t cp = (int32_t)c;
        cr_assert_eq(fig_zh_digit(cp), reference_zh_digit(cp), "U+%X", cp);
        cr_assert(fig_zh_unit(cp) == reference_zh_unit(cp), "U+%X", cp);
        cr_assert_eq(fig_zh_starts_numeral(cp), reference_zh_starts_numeral(cp),
                     "U+%X", cp);
        bool place = reference_zh_unit(cp) > 0;
        cr_assert_eq(fig_zh_continues(cp),
                     reference_zh_digit(cp) >= 0 || place ||
                         reference_goes_on(cp),
                     "U+%X", cp);
        cr_assert_eq(fig_zh_after_arabic(cp), place || reference_goes_on(cp),
                     "U+%X", cp);
    }
    /* far-off values hash to every slot too */
    for (uint32_t k = 0; k < 1000000; k++) {
        int32_t cp = (int32_t)(k * 2654435761u);
        cr_assert_eq(fig_zh_digit(cp), reference_zh_digit(cp), "%d", cp);
        cr_assert(fig_zh_unit(cp) == reference_zh_unit(cp), "%d", cp);
        cr_assert_eq(fig_zh_starts_numeral(cp), reference_zh_starts_numeral(cp),
                     "%d", cp);
    }
}

/* A Chinese digit and what follows it, read by fig_parse_zh (which takes a
 * lone digit the quick way) and by the token readers alone. */
static void assert_same_reading(const char *text, size_t len)
{
    fig_num quick, general;
    memset(&quick, 0, sizeof quick);
    memset(&general, 0, sizeof general);
    bool a = fig_parse_zh(text, len, 0, &quick);
    bool b = fig_parse_zh_general(text, len, 0, &general);
    cr_assert_eq(a, b, "%.*s", (int)len, text);
    if (!a || (quick.flags & NUM_PAIR))
        return; /* 七八: a pair, which only the quick reader reads */
    cr_assert_eq(quick.start, general.start, "%.*s", (int)len, text);
    cr_assert_eq(quick.end, general.end, "%.*s", (int)len, text);
    cr_assert_eq(quick.flags, general.flags, "%.*s", (int)len, text);
    cr_assert_eq(quick.digits, general.digits, "%.*s", (int)len, text);
    cr_assert_eq(quick.chars, general.chars, "%.*s", (int)len, text);
    cr_assert_eq(quick.value.sig, general.value.sig, "%.*s", (int)len, text);
    cr_assert_eq(quick.value.exp, general.value.exp, "%.*s", (int)len, text);
}

/* Every Chinese digit followed by every character of the first plane (and
 * some beyond it, spaces, the end of the text), then by 元, 分之一 or
 * nothing: the quick reading of a lone digit is the general one. */
Test(figures, lone_digit_reads_as_the_token_readers_do)
{
    static const int32_t DIGITS[] = {
        0x96F6, 0x3007, 0x4E00, 0x58F9, 0x4E8C, 0x8D30, 0x8CB3, 0x4E24, 0x5169,
        0x4FE9, 0x5006, 0x4E09, 0x53C1, 0x53C3, 0x56DB, 0x8086, 0x4E94, 0x4F0D,
        0x516D, 0x9646, 0x9678, 0x4E03, 0x67D2, 0x516B, 0x634C, 0x4E5D, 0x7396};
    static const char *const TAILS[] = {"", "元", "分之一", " 3", "5"};
    char text[32];
    for (size_t d = 0; d < sizeof DIGITS / sizeof DIGITS[0]; d++) {
        size_t dn = sl_utf8_encode(DIGITS[d], text);
        assert_same_reading(text, dn); /* the end of the text */
        for (int32_t cp = 1; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            size_t n = dn + sl_utf8_encode(cp, text + dn);
            const char *tail = TAILS[(size_t)cp % 5];
            memcpy(text + n, tail, strlen(tail));
            assert_same_reading(text, n + strlen(tail));
        }
    }
}

/* The unit (or currency) look-up through the index and by the walk over
 * the table agree at pos, with every setting of the two flags. */
static void assert_same_unit(bool currencies, const char *s, size_t len,
                             size_t pos)
{
    for (int flags = 0; flags < 4; flags++) {
        bool spaced = flags & 1, digit_after_ok = flags & 2;
        size_t fast_end = 0, slow_end = 0;
        const fig_unit *fast = fig_unit_table_at(
            currencies, false, s, len, pos, spaced, digit_after_ok, &fast_end);
        const fig_unit *slow = fig_unit_table_at(
            currencies, true, s, len, pos, spaced, digit_after_ok, &slow_end);
        cr_assert_eq(fast, slow, "%s at %zu of \"%.*s\" (flags %d): %s, %s",
                     currencies ? "currency" : "unit", pos, (int)len, s, flags,
                     fast ? fast->text : "none", slow ? slow->text : "none");
        if (fast)
            cr_assert_eq(fast_end, slow_end);
    }
}

/* A text with every ASCII letter of w in capitals. */
static void upper_case(char *w)
{
    for (; *w; w++)
        if (*w >= 'a' && *w <= 'z')
            *w = (char)(*w - 32);
}

Test(figures, unit_index_finds_what_the_table_walk_finds)
{
    static const char *const AFTER[] = {"",   "a",    "Z",  "5",  " ",  ".",
                                        "/",  "%",    "元", "人", "年", "。",
                                        "，", "、",   "米", "m",  "s",  "\x80",
                                        "\0", "\xE5", "里", "斤", "ｋ"};
    static const char *const BEFORE[] = {"", "5", " ", "共", "$"};
    size_t checked = 0;
    for (int currencies = 0; currencies < 2; currencies++) {
        const char *w;
        for (size_t i = 0; (w = fig_unit_table_text(currencies, i)) != NULL;
             i++) {
            for (int upper = 0; upper < 2; upper++) {
                char word[64];
                snprintf(word, sizeof word, "%s", w);
                if (upper)
                    upper_case(word);
                size_t wn = strlen(word);
                for (size_t b = 0; b < sizeof BEFORE / sizeof BEFORE[0]; b++)
                    for (size_t a = 0; a < sizeof AFTER / sizeof AFTER[0];
                         a++) {
                        char text[128];
                        size_t bn = strlen(BEFORE[b]);
                        /* "\0" stands for a NUL byte */
                        size_t an = a == 18 ? 1 : strlen(AFTER[a]);
                        memcpy(text, BEFORE[b], bn);
                        /* the entry whole and cut short by a byte or more */
                        for (size_t cut = 0; cut <= wn && cut < 4; cut++) {
                            size_t n = bn + wn - cut;
                            memcpy(text + bn, word, wn - cut);
                            memcpy(text + n, AFTER[a], an);
                            assert_same_unit(currencies, text, n + an, bn);
                            assert_same_unit(currencies, text, n, bn);
                            checked++;
                        }
                    }
            }
        }
    }
    cr_assert_gt(checked, 10000);
}

Test(figures, unit_index_on_random_texts)
{
    static const char *const PIECES[] = {
        "元", "人", "公",     "里", "斤", "平方", "米",  "万",
        "亿", "个", "百分点", "%",  "$",  "US",   "km",  "KM",
        "Mb", "/",  ".",      " ",  "5",  "年",   "°",   "C",
        "F",  "ｍ", "美",     "港", "币", "\xE5", "\x85"};
    unsigned seed = 2024;
    char buf[160];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t pieces = 1 + (seed >> 16) % 8;
        for (size_t k = 0; k < pieces; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p =
                PIECES[(seed >> 16) % (sizeof PIECES / sizeof PIECES[0])];
            size_t pn = strlen(p);
            if (len + pn > sizeof buf)
                break;
            memcpy(buf + len, p, pn);
            len += pn;
        }
        /* every place, in the middle of characters too */
        for (size_t pos = 0; pos < len; pos++) {
            assert_same_unit(false, buf, len, pos);
            assert_same_unit(true, buf, len, pos);
        }
    }
}

/* The qualifier word ending at pos, through the index and by the walk. */
static void assert_same_qualifier(const char *s, size_t pos)
{
    size_t fast_len = 99, slow_len = 99;
    const char *fast = fig_zh_qualifier_ending_at(s, pos, false, &fast_len);
    const char *slow = fig_zh_qualifier_ending_at(s, pos, true, &slow_len);
    cr_assert_eq(fast, slow, "at %zu of \"%s\": %s, %s", pos, s,
                 fast ? fast : "none", slow ? slow : "none");
    cr_assert_eq(fast_len, slow_len, "at %zu of \"%s\"", pos, s);
}

Test(figures, qualifier_index_finds_what_the_table_walk_finds)
{
    static const char *const BEFORE[] = {"",   "不", "大", "小", "将", "最",
                                         "等", "a",  " ",  "5",  "超", "至"};
    const char *w;
    size_t found = 0;
    for (size_t i = 0; (w = fig_zh_qualifier_word(i)) != NULL; i++)
        for (size_t b = 0; b < sizeof BEFORE / sizeof BEFORE[0]; b++) {
            char text[64];
            snprintf(text, sizeof text, "%s%s", BEFORE[b], w);
            size_t len = strlen(text);
            assert_same_qualifier(text, len);
            size_t n;
            found += fig_zh_qualifier_ending_at(text, len, false, &n) != NULL;
            /* every character boundary inside */
            for (size_t pos = 0; pos < len; pos++)
                if (((unsigned char)text[pos] & 0xC0) != 0x80)
                    assert_same_qualifier(text, pos);
        }
    cr_assert_gt(found, 300);
}

Test(figures, qualifier_index_on_random_texts)
{
    static const char *const PIECES[] = {
        "近", "约", "概", "过", "出", "破", "于", "逾", "少", "到",
        "足", "多", "超", "将", "接", "大", "小", "不", "低", "高",
        "等", "突", "至", "最", "了", "有", "a",  " ",  "5"};
    unsigned seed = 7;
    char buf[128];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0, ends[32], count = 0;
        seed = seed * 1103515245u + 12345u;
        size_t pieces = 1 + (seed >> 16) % 10;
        for (size_t k = 0; k < pieces; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p =
                PIECES[(seed >> 16) % (sizeof PIECES / sizeof PIECES[0])];
            size_t pn = strlen(p);
            memcpy(buf + len, p, pn);
            len += pn;
            ends[count++] = len;
        }
        buf[len] = 0;
        for (size_t k = 0; k < count; k++)
            assert_same_qualifier(buf, ends[k]);
    }
}

/* The characters the qualifier test before a number looks for (the last
 * characters of the Chinese qualifier words and the fillers) by their
 * hashed table and by the switches it replaced, for every code point,
 * below and beyond Unicode. */
Test(figures, qualifier_characters_by_table_and_by_cases)
{
    size_t ends = 0, fillers = 0;
    for (int32_t cp = -2; cp <= 0x110001; cp++) {
        unsigned fast = fig_qualifier_char_flags(cp, false);
        unsigned slow = fig_qualifier_char_flags(cp, true);
        cr_assert_eq(fast, slow, "U+%04X: table %u, cases %u", (unsigned)cp,
                     fast, slow);
        ends += (fast & 1) != 0;
        fillers += (fast & 2) != 0;
    }
    cr_assert_eq(ends, 13);
    cr_assert_eq(fillers, 6);
    cr_assert_eq(fig_qualifier_char_flags(0x5230 /* 到 */, false), 3);
}

/* A code point for the decoder tests: mostly Chinese and ASCII, with the
 * edges of every UTF-8 length among them. */
static int32_t random_code_point(unsigned *seed)
{
    static const int32_t EDGES[] = {0x00,   0x01,   0x7F,    0x80,    0x7FF,
                                    0x800,  0xFFF,  0x1000,  0xD7FF,  0xE000,
                                    0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
    *seed = *seed * 1103515245u + 12345u;
    unsigned r = *seed >> 16;
    switch (r % 5) {
    case 0: return 0x20 + (int32_t)(r / 5 % 0x5F);
    case 1: return 0x4E00 + (int32_t)(r / 5 % 0x5200);
    case 2: return 0x80 + (int32_t)(r / 5 % 0x780);
    case 3: return EDGES[r / 5 % (sizeof EDGES / sizeof EDGES[0])];
    default: return 0x10000 + (int32_t)(r / 5 % 0x100000);
    }
}

/* fig_cp_at and fig_cp_before, which take a three-byte character on its
 * lead byte alone, against the library's decoders at every place of
 * random valid texts held in buffers of exactly their size (so that a
 * read past the end is caught by the sanitizers and valgrind), the text
 * also cut at every place for fig_cp_at. */
Test(figures, decoders_match_the_library_on_valid_texts)
{
    unsigned seed = 11;
    size_t three_byte = 0;
    for (int round = 0; round < 3000; round++) {
        char tmp[4 * 24];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t chars = (seed >> 16) % 24;
        for (size_t k = 0; k < chars; k++)
            len += sl_utf8_encode(random_code_point(&seed), tmp + len);
        char *s = malloc(len ? len : 1);
        cr_assert_not_null(s);
        memcpy(s, tmp, len);
        for (size_t cut = 0; cut <= len; cut++)
            for (size_t pos = 0; pos <= cut + 1; pos++) {
                size_t n, next = pos;
                int32_t fast = fig_cp_at(s, cut, pos, &n);
                int32_t slow = pos < cut ? sl_utf8_next(s, cut, &next) : 0;
                cr_assert_eq(fast, slow, "at %zu of %zu: %X, library %X", pos,
                             cut, (unsigned)fast, (unsigned)slow);
                cr_assert_eq(pos + n, next, "length at %zu of %zu", pos, cut);
                three_byte += n == 3;
            }
        for (size_t pos = 0; pos <= len; pos++) {
            size_t at, start = pos;
            int32_t fast = fig_cp_before(s, pos, &at);
            int32_t slow = pos ? sl_utf8_prev(s, &start) : 0;
            cr_assert_eq(fast, slow, "before %zu of %zu: %X, library %X", pos,
                         len, (unsigned)fast, (unsigned)slow);
            cr_assert_eq(at, start, "start before %zu of %zu", pos, len);
        }
        free(s);
    }
    cr_assert_gt(three_byte, 10000);
}

/* The scanner's skip over Chinese text by its table of rows against the
 * walk over the characters' bitmap it replaced, from every place of a
 * text held in a buffer of exactly its size, the text also cut at every
 * place. */
static size_t same_skips(const char *text, size_t len)
{
    char *s = malloc(len ? len : 1);
    cr_assert_not_null(s);
    memcpy(s, text, len);
    size_t stopped_inside = 0;
    for (size_t cut = 0; cut <= len; cut++)
        for (size_t pos = 0; pos <= cut; pos++) {
            size_t fast = fig_skip_quiet_han(s, cut, pos);
            size_t slow = fig_skip_quiet_han_reference(s, cut, pos);
            cr_assert_eq(fast, slow, "from %zu of %zu: %zu, reference %zu", pos,
                         cut, fast, slow);
            stopped_inside += fast + 2 < cut;
        }
    free(s);
    return stopped_inside;
}

/* Every character from U+0800 to U+FFFF between two quiet ones (学), and
 * alone at the end of the text. */
Test(figures, han_skip_agrees_with_the_bitmap_walk_on_every_character)
{
    size_t stops = 0;
    for (int32_t cp = 0x800; cp <= 0xFFFF; cp++) {
        char text[16];
        size_t len = sl_utf8_encode(0x5B66, text);
        len += sl_utf8_encode(cp, text + len);
        size_t at_end = len;
        len += sl_utf8_encode(0x5B66, text + len);
        cr_assert_eq(fig_skip_quiet_han(text, len, 0),
                     fig_skip_quiet_han_reference(text, len, 0), "U+%04X",
                     (unsigned)cp);
        cr_assert_eq(fig_skip_quiet_han(text, at_end, 0),
                     fig_skip_quiet_han_reference(text, at_end, 0),
                     "U+%04X at the end", (unsigned)cp);
        stops += fig_skip_quiet_han(text, len, 0) == 3;
    }
    /* the digits, places, signs, currencies and fractions, 图 and 表 */
    cr_assert_gt(stops, 60);
    cr_assert_lt(stops, 120);
}

/* Random bytes (lead bytes of every length followed by any byte, ASCII,
 * continuation bytes) and random valid texts of Chinese characters with
 * the characters the skip stops at among them. */
Test(figures, han_skip_agrees_with_the_bitmap_walk_on_random_texts)
{
    static const int32_t STOPS[] = {0x4E00, 0x4E09, 0x4E0A, 0x4E07, 0x5341,
                                    0x767E, 0x5343, 0x96F6, 0x6570, 0x56FE,
                                    0x8868, 0x534A, 0x8D1F, 0x3007, 0xFF11,
                                    0xFFE5, 0x20AC, 0x2154, 0x2212};
    unsigned seed = 5;
    size_t stops = 0;
    for (int round = 0; round < 4000; round++) {
        char text[4 * 20];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t chars = (seed >> 16) % 20;
        for (size_t k = 0; k < chars; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 16;
            if (round % 2) {
                text[len++] = (char)(r % 3 ? 0xE0 + r / 3 % 16 : r / 3);
            } else if (r % 4 == 0) {
                len += sl_utf8_encode(
                    STOPS[r / 4 % (sizeof STOPS / sizeof STOPS[0])],
                    text + len);
            } else {
                len += sl_utf8_encode(random_code_point(&seed), text + len);
            }
        }
        stops += same_skips(text, len);
    }
    cr_assert_gt(stops, 100000);
}

/* The scanner's table of the characters it looks closer at, built from
 * the lists of numeral characters and the ranges of signs, against the
 * test of each code point it was built from before. */
Test(figures, look_closer_table_holds_every_character_that_opens_a_figure)
{
    size_t marked = 0;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        cr_assert_eq(fig_looks_closer(cp), fig_looks_closer_reference(cp),
                     "U+%04X", (unsigned)cp);
        marked += fig_looks_closer(cp);
    }
    cr_assert_eq(marked, 76);
}

/* The inline first looks of the readers asked of every figure (figures.h:
 * the qualifier before and after it, idioms, English scales, bound words,
 * plain digits) against the readers without them, which on their own
 * read every text as before: at every place of random texts of the words
 * they look for, their first characters, Chinese characters, digits,
 * letters and spaces, each text in a buffer of its exact length. */
static void assert_first_looks_agree(const char *s, size_t len, size_t pos)
{
    /* the first looks set where the text starts or ends before the rest */
    size_t a = 0, b = pos;
    const char *fast = fig_qualifier_before(s, pos, &a);
    const char *slow = fig_qualifier_before_rest(s, pos, &b);
    cr_assert(fast == slow && a == b, "qualifier before %zu of %.*s", pos,
              (int)len, s);
    if (pos >= len)
        return;
    a = 0;
    b = pos;
    fast = fig_qualifier_after(s, len, pos, &a);
    slow = fig_qualifier_after_rest(s, len, pos, &b);
    cr_assert(fast == slow && a == b, "qualifier after %zu of %.*s", pos,
              (int)len, s);
    cr_assert_eq(fig_idiom_at(s, len, pos), fig_idiom_at_rest(s, len, pos),
                 "idiom at %zu of %.*s", pos, (int)len, s);
    a = b = 0;
    double scale_fast = fig_en_scale_after(s, len, pos, &a);
    double scale_slow = fig_en_scale_after_rest(s, len, pos, &b);
    cr_assert(scale_fast == scale_slow && a == b, "scale at %zu of %.*s", pos,
              (int)len, s);
    a = b = 0;
    fast = fig_bound_word_at(s, len, pos, &a);
    slow = fig_bound_word_at_rest(s, len, pos, &b);
    cr_assert(fast == slow && a == b, "bound word at %zu of %.*s", pos,
              (int)len, s);
    if (s[pos] >= '0' && s[pos] <= '9') {
        fig_num plain, full;
        memset(&plain, 0, sizeof plain);
        memset(&full, 0, sizeof full);
        if (fig_plain_digits(s, len, pos, &plain)) {
            cr_assert(fig_parse_digits_rest(s, len, pos, &full),
                      "digits at %zu of %.*s", pos, (int)len, s);
            cr_assert(plain.start == full.start && plain.end == full.end &&
                          plain.flags == full.flags &&
                          plain.digits == full.digits &&
                          plain.chars == full.chars &&
                          plain.value.sig == full.value.sig &&
                          plain.value.exp == full.value.exp &&
                          plain.value.den == full.value.den,
                      "digits at %zu of %.*s", pos, (int)len, s);
        }
    }
}

Test(figures, first_looks_agree_with_the_whole_readers)
{
    static const char *const PIECES[] = {
        "近",         "约",        "大约",   "超过",     "了",       "有",
        "达",         "到",        "不到",   "至少",     "以上",     "以下",
        "左右",       "上下",      "之多",   "有余",     "以",       "左",
        "上",         "之",        "一起",   "十分",     "万一",     "一些",
        "一",         "十",        "万",     "大于",     "小于",     "不超过",
        "最多",       "高于",      "不",     "大",       " or more", " or less",
        "more than ", "at least ", "about ", " million", "k",        "bn",
        " dozen",     "$",         " ",      "1",        "23",       "4.5",
        "0.",         "1,000",     "%",      "x",        "a",        "M",
        "个",         "人",        "的",     "，",       "、",       "-",
        ".",          "é",
    };
    unsigned seed = 11;
    char buf[256];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t pieces = 1 + (seed >> 16) % 10;
        for (size_t k = 0; k < pieces; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p =
                PIECES[(seed >> 16) % (sizeof PIECES / sizeof PIECES[0])];
            if ((seed >> 8) % 7 == 0)
                p = "中"; /* a Han character that opens no word */
            size_t pn = strlen(p);
            memcpy(buf + len, p, pn);
            len += pn;
        }
        char *text = malloc(len ? len : 1);
        cr_assert_not_null(text);
        memcpy(text, buf, len);
        for (size_t pos = 0; pos <= len; pos++)
            assert_first_looks_agree(text, len, pos);
        free(text);
    }
}
