/* tests/test_text.c - UTF-8 decoding and validation, script classes. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/text.h>

#include "text_count.h"

Test(text, decodes_and_encodes_round_trip)
{
    const int32_t cps[] = {0x41, 0xE9, 0x4E2D, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char buf[4];
        size_t n = sl_utf8_encode(cps[i], buf), pos = 0;
        cr_assert_eq(sl_utf8_next(buf, n, &pos), cps[i]);
        cr_assert_eq(pos, n);
        size_t back = n;
        cr_assert_eq(sl_utf8_prev(buf, &back), cps[i]);
        cr_assert_eq(back, 0);
    }
}

typedef struct bad_case {
    const char *bytes;
    size_t len;
    size_t offset; /* where validation must stop */
} bad_case;

Test(text, validation_rejects_every_kind_of_invalid_utf8)
{
    const bad_case cases[] = {
        {"ab\xC0\xAF", 4, 2},       /* overlong '/' */
        {"\xE0\x80\xAF", 3, 0},     /* overlong, three bytes */
        {"x\xED\xA0\x80", 4, 1},    /* surrogate U+D800 */
        {"ok\xE4\xB8", 4, 2},       /* truncated sequence */
        {"\x80", 1, 0},             /* stray continuation byte */
        {"abcdefgh\xFF", 9, 8},     /* invalid byte after fast path */
        {"\xF4\x90\x80\x80", 4, 0}, /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        cr_assert_eq(sl_utf8_validate(cases[i].bytes, cases[i].len),
                     cases[i].offset, "case %zu", i);
    const char *good = "plain ASCII, 中文, \xEF\xBF\xBD, 😀";
    cr_assert_eq(sl_utf8_validate(good, strlen(good)), strlen(good));
}

Test(text, classes)
{
    cr_assert(sl_is_han(0x4E2D));
    cr_assert_not(sl_is_han('a'));
    cr_assert(sl_is_cjk(0x3002));
    cr_assert(sl_is_sentence_end(0x3002));
    cr_assert_not(sl_is_sentence_end(0xFF0C));
    cr_assert(sl_is_punct(0xFF0C));
    cr_assert(sl_is_punct(','));
    cr_assert_not(sl_is_punct('a'));
    cr_assert(sl_is_space(0x3000));
    cr_assert(sl_is_space(0xA0));
    cr_assert_eq(sl_utf8_count("中a文", strlen("中a文")), 3);
}

/* The inline decoders give what the library's give, on random
 * bytes (well-formed or not) and on every three-byte sequence with an
 * E0..EF lead. */
Test(text, inline_decoders_agree_with_the_library)
{
    unsigned seed = 5;
    static const unsigned char bytes[] = {
        0x00, 0x09, 0x20, 'a',  0x7F, 0x80, 0x8C, 0xA0, 0xBF, 0xC0,
        0xC2, 0xDF, 0xE0, 0xE3, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xFF};
    char text[24];
    for (int round = 0; round < 20000; round++) {
        size_t len = 1 + (size_t)rand_r(&seed) % sizeof text;
        for (size_t i = 0; i < len; i++)
            text[i] = (char)bytes[rand_r(&seed) % sizeof bytes];
        for (size_t at = 0; at < len; at++) {
            size_t quick = at, slow = at;
            cr_assert_eq(sl_utf8_next_inline(text, len, &quick),
                         sl_utf8_next(text, len, &slow));
            cr_assert_eq(quick, slow);
            quick = slow = at + 1;
            cr_assert_eq(sl_utf8_prev_inline(text, &quick),
                         sl_utf8_prev(text, &slow));
            cr_assert_eq(quick, slow);
        }
    }
    for (unsigned lead = 0xE0; lead <= 0xEF; lead++)
        for (unsigned b1 = 0x70; b1 <= 0xC0; b1++)
            for (unsigned b2 = 0x70; b2 <= 0xC0; b2++) {
                char three[3] = {(char)lead, (char)b1, (char)b2};
                size_t quick = 0, slow = 0;
                cr_assert_eq(sl_utf8_next_inline(three, 3, &quick),
                             sl_utf8_next(three, 3, &slow));
                cr_assert_eq(quick, slow);
                quick = slow = 3;
                cr_assert_eq(sl_utf8_prev_inline(three, &quick),
                             sl_utf8_prev(three, &slow));
                cr_assert_eq(quick, slow);
            }
}

/* Code points counted one byte at a time: the lead bytes. */
static size_t count_bytewise(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

Test(text, code_points_are_counted)
{
    const char *s = "abc汉字𝄞é — 今年收入增长了12.5%，达到3万元。Item";
    for (size_t len = 0; len <= strlen(s); len++) {
        /* only whole characters: skip cuts inside one */
        if (len < strlen(s) && ((unsigned char)s[len] & 0xC0) == 0x80)
            continue;
        cr_assert_eq(sl_utf8_count(s, len), count_bytewise(s, len), "at %zu",
                     len);
    }
}

/* Random bytes, most of them ASCII, lead and continuation bytes. */
static void fill_random_utf8ish(unsigned char *s, size_t len, unsigned *seed)
{
    static const unsigned char picks[] = {'a',  ' ',  '7',  0xE4, 0xB8, 0x80,
                                          0xBF, 0xC0, 0xC3, 0xA9, 0xF0, 0xFF};
    for (size_t i = 0; i < len; i++) {
        *seed = *seed * 1103515245u + 12345u;
        unsigned r = *seed >> 16;
        s[i] =
            (r & 1) ? (unsigned char)(r >> 1) : picks[(r >> 1) % sizeof picks];
    }
}

Test(text, code_points_are_counted_at_every_width_length_and_alignment)
{
    /* each buffer exactly its size, so that a load past the end is
     * caught by the sanitizers and valgrind */
    const unsigned widths[] = {8, 16, 32};
    unsigned seed = 20;
    for (size_t len = 0; len <= 200; len++) {
        for (size_t align = 0; align < 32; align++) {
            unsigned char *block = malloc(align + len + 1);
            cr_assert_not_null(block);
            unsigned char *s = block + align;
            fill_random_utf8ish(s, len, &seed);
            unsigned char *exact = malloc(len ? len : 1);
            cr_assert_not_null(exact);
            memcpy(exact, s, len);
            size_t want = count_bytewise((const char *)exact, len);
            for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
                cr_assert_eq(
                    sl_utf8_count_width((const char *)s, len, widths[w]), want,
                    "length %zu, alignment %zu, width %u", len, align,
                    widths[w]);
            cr_assert_eq(sl_utf8_count((const char *)exact, len), want);
            for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
                cr_assert_eq(
                    sl_utf8_count_width((const char *)exact, len, widths[w]),
                    want, "exact, length %zu, width %u", len, widths[w]);
            free(exact);
            free(block);
        }
    }
}

Test(text, code_points_of_long_runs_are_counted_at_every_width)
{
    /* past the 254 vectors the byte counters hold, at both widths */
    const unsigned widths[] = {8, 16, 32};
    unsigned seed = 7;
    const size_t lens[] = {254 * 16 - 1,     254 * 16, 254 * 16 + 1,
                           254 * 32 - 1,     254 * 32, 254 * 32 + 17,
                           3 * 254 * 32 + 5, 100000};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        char *s = malloc(lens[k]);
        cr_assert_not_null(s);
        fill_random_utf8ish((unsigned char *)s, lens[k], &seed);
        size_t want = count_bytewise(s, lens[k]);
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            cr_assert_eq(sl_utf8_count_width(s, lens[k], widths[w]), want,
                         "length %zu, width %u", lens[k], widths[w]);
        memset(s, 0x80, lens[k]); /* all continuation bytes */
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            cr_assert_eq(sl_utf8_count_width(s, lens[k], widths[w]), 0);
        memset(s, 'a', lens[k]); /* a start in every byte of every counter */
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            cr_assert_eq(sl_utf8_count_width(s, lens[k], widths[w]), lens[k]);
        free(s);
    }
}

Test(text, code_points_of_long_text_are_counted)
{
    /* past the 255 blocks of 16 bytes counted at once */
    const char *piece = "今年收入增长了12.5%，达到3万元。abc𝄞é ";
    size_t plen = strlen(piece), len = 0;
    char *s = malloc(9000);
    while (len + plen < 9000) {
        memcpy(s + len, piece, plen);
        len += plen;
    }
    for (size_t n = 0; n <= len; n += plen)
        cr_assert_eq(sl_utf8_count(s, n), count_bytewise(s, n), "at %zu", n);
    free(s);
}
