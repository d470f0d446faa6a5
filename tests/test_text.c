/* tests/test_text.c - UTF-8 decoding and validation, script classes. */
#include <criterion/criterion.h>
#include <string.h>

#include <sluice/text.h>

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
        {"ab\xC0\xAF", 4, 2},          /* overlong '/' */
        {"\xE0\x80\xAF", 3, 0},         /* overlong, three bytes */
        {"x\xED\xA0\x80", 4, 1},        /* surrogate U+D800 */
        {"ok\xE4\xB8", 4, 2},           /* truncated sequence */
        {"\x80", 1, 0},                 /* stray continuation byte */
        {"abcdefgh\xFF", 9, 8},         /* invalid byte after fast path */
        {"\xF4\x90\x80\x80", 4, 0},     /* above U+10FFFF */
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
