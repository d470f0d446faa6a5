/* tests/test_sha256.c - the SHA-256 the reader keeps of an overlong
 * record: the FIPS 180-4 examples, fed whole and in uneven pieces. */
#include <criterion/criterion.h>
#include <string.h>

#include "../core/sha256.h"

static void digest_in_pieces(const char *text, size_t len, size_t piece,
                             char hex[SL_SHA256_HEX_SIZE])
{
    sl_sha256 h;
    sl_sha256_init(&h);
    for (size_t at = 0; at < len; at += piece)
        sl_sha256_update(&h, text + at, len - at < piece ? len - at : piece);
    sl_sha256_hex(&h, hex);
}

Test(sha256, the_standard_examples)
{
    static const struct {
        const char *text, *digest;
    } cases[] = {
        {"",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc",
         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char hex[SL_SHA256_HEX_SIZE];
        for (size_t piece = 1; piece <= 64; piece += 7) {
            digest_in_pieces(cases[i].text, strlen(cases[i].text), piece, hex);
            cr_assert_str_eq(hex, cases[i].digest, "\"%s\" in pieces of %zu",
                             cases[i].text, piece);
        }
    }
}

Test(sha256, a_million_letters_in_uneven_pieces)
{
    size_t len = 1000000;
    char *text = malloc(len);
    cr_assert_not_null(text);
    memset(text, 'a', len);
    const char *want =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    char hex[SL_SHA256_HEX_SIZE];
    size_t pieces[] = {len, 63, 64, 65, 4096 + 3};
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        digest_in_pieces(text, len, pieces[i], hex);
        cr_assert_str_eq(hex, want, "pieces of %zu", pieces[i]);
    }
    free(text);
}
