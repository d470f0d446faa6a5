/* tests/test_normalize.c - the normalize stage through its descriptor:
 * clean Chinese blocks are left as they are (not even copied), white space
 * is folded, invisible characters are removed, NFC composes and NFKC folds
 * full-width forms, also next to CJK ideographs the scan skips quickly;
 * a block of coalesced lines is cleaned line by line, keeping its breaks.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include <sluice/text.h>
#include <utf8proc.h>

#include "ctx.h"
#include "docs.h"
#include "options.h"
#include "../plugins/normalize/plain_run.h"

extern const sl_plugin normalize_LTX_sluice_plugin;

/* Runs the stage with options `with` (JSON text or NULL) on one block of
 * text; returns the document. */
static sl_doc *run_on(const char *with, const char *text)
{
    const sl_plugin *p = &normalize_LTX_sluice_plugin;
    void *state = calloc(1, p->state_size);
    cr_assert_not_null(state);
    json_t *options = with ? json_loads(with, 0, NULL) : NULL;
    const char *key = NULL;
    char *message = NULL;
    cr_assert_eq(sl_options_bind(p, state, options, &key, &message), 0, "%s",
                 message ? message : "");
    json_decref(options);
    sl_doc *doc = sl_doc_new();
    cr_assert_not_null(doc);
    cr_assert_not_null(
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text)));
    sl_ctx *ctx = sl_ctx_new("normalize", NULL);
    cr_assert_eq(p->init(ctx, state), SL_OK);
    cr_assert_eq(p->process(ctx, state, doc), SL_OK, "%s", sl_ctx_error(ctx));
    sl_ctx_free(ctx);
    sl_options_release(p, state);
    free(state);
    return doc;
}

Test(normalize, clean_chinese_text_is_not_copied)
{
    const char *text =
        "一丁东西龥鿿，今年增长3.5%。《报告》显示";
    const sl_plugin *p = &normalize_LTX_sluice_plugin;
    void *state = calloc(1, p->state_size);
    const char *key = NULL;
    char *message = NULL;
    cr_assert_eq(sl_options_bind(p, state, NULL, &key, &message), 0);
    sl_doc *doc = sl_doc_new();
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    const char *before = b->text;
    sl_ctx *ctx = sl_ctx_new("normalize", NULL);
    cr_assert_eq(p->init(ctx, state), SL_OK);
    cr_assert_eq(p->process(ctx, state, doc), SL_OK);
    cr_assert_eq(doc->blocks[0].text, before, "left in place");
    cr_assert_str_eq(doc->blocks[0].text, text);
    sl_ctx_free(ctx);
    sl_options_release(p, state);
    free(state);
    sl_doc_free(doc);
}

Test(normalize, white_space_folds_and_invisibles_go)
{
    sl_doc *doc = run_on(NULL, "  经济\u200B增长　 \t数据\u00AD显示  ");
    cr_assert_eq(doc->n_blocks, 1);
    cr_assert_str_eq(doc->blocks[0].text, "经济增长 数据显示");
    cr_assert_eq(doc->blocks[0].len, strlen("经济增长 数据显示"));
    sl_doc_free(doc);
}

Test(normalize, nfc_composes_after_ideographs)
{
    /* e + combining acute right after an ideograph: the fast skip of the
     * ideograph must not hide the combining mark */
    sl_doc *doc = run_on(NULL, "中e\u0301国");
    cr_assert_str_eq(doc->blocks[0].text, "中\u00E9国");
    sl_doc_free(doc);
}

Test(normalize, nfkc_folds_full_width_forms_between_ideographs)
{
    sl_doc *doc = run_on("{\"form\": \"NFKC\"}", "增长１２％达到ＡＢ公司");
    cr_assert_str_eq(doc->blocks[0].text, "增长12%达到AB公司");
    sl_doc_free(doc);
}

Test(normalize, a_block_of_invisibles_is_removed)
{
    sl_doc *doc = run_on(NULL, "\u200B\uFEFF ");
    cr_assert_eq(doc->n_blocks, 0);
    sl_doc_free(doc);
}

Test(normalize, cut_ideograph_at_the_end_is_not_skipped_as_whole)
{
    /* the last character is only the first two bytes of 中: the scan must
     * not read past the block; the stage reports or keeps it, never
     * crashes */
    const char text[] = "数据\xE4\xB8";
    sl_doc *doc = run_on("{\"form\": \"none\"}", text);
    cr_assert_eq(doc->n_blocks, 1);
    cr_assert_eq(memcmp(doc->blocks[0].text, text, strlen(text)), 0);
    sl_doc_free(doc);
}

/* Runs the stage with its defaults on one block of coalesced lines. */
static sl_doc *run_on_lines(const char *text)
{
    const sl_plugin *p = &normalize_LTX_sluice_plugin;
    void *state = calloc(1, p->state_size);
    cr_assert_not_null(state);
    const char *key = NULL;
    char *message = NULL;
    cr_assert_eq(sl_options_bind(p, state, NULL, &key, &message), 0);
    sl_doc *doc = sl_doc_new();
    sl_block *b =
        sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, text, strlen(text));
    cr_assert_not_null(b);
    b->flags |= SL_BLOCK_LINES;
    sl_ctx *ctx = sl_ctx_new("normalize", NULL);
    cr_assert_eq(p->init(ctx, state), SL_OK);
    cr_assert_eq(p->process(ctx, state, doc), SL_OK, "%s", sl_ctx_error(ctx));
    sl_ctx_free(ctx);
    sl_options_release(p, state);
    free(state);
    return doc;
}

Test(normalize, coalesced_lines_are_folded_line_by_line)
{
    /* each line trimmed and folded; a line left empty (spaces, a
     * zero-width space) goes; the breaks stay */
    sl_doc *doc = run_on_lines("  one \t two \n\n \xe2\x80\x8b \nthree\n  ");
    cr_assert_eq(doc->n_blocks, 1);
    cr_assert_str_eq(doc->blocks[0].text, "one two\nthree");
    sl_doc_free(doc);
    doc = run_on_lines("\xe5\xad\x97\n\xe5\xad\x97\nA\xcc\x8a"); /* NFC */
    cr_assert_str_eq(doc->blocks[0].text,
                     "\xe5\xad\x97\n\xe5\xad\x97\n\xc3\x85");
    sl_doc_free(doc);
    /* already clean: left in place */
    doc = run_on_lines("a b\nc");
    cr_assert_str_eq(doc->blocks[0].text, "a b\nc");
    sl_doc_free(doc);
    /* only empty lines: the block goes */
    doc = run_on_lines(" \n\t\n");
    cr_assert_eq(doc->n_blocks, 0);
    sl_doc_free(doc);
}

Test(normalize, a_line_break_in_an_ordinary_block_is_white_space)
{
    sl_doc *doc = run_on(NULL, "one\ntwo");
    cr_assert_str_eq(doc->blocks[0].text, "one two");
    sl_doc_free(doc);
}

/* What utf8proc makes of text in the form (NFC or NFKC), or NULL when it
 * refuses it. */
static char *utf8proc_form(const char *text, bool compat)
{
    utf8proc_uint8_t *mapped = NULL;
    int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (compat)
        options |= UTF8PROC_COMPAT;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text,
                                      (utf8proc_ssize_t)strlen(text), &mapped,
                                      (utf8proc_option_t)options);
    return n < 0 ? NULL : (char *)mapped;
}

/* The scan passes most three-byte characters with one table look-up:
 * every one of them that is neither white space nor invisible, between
 * two ideographs, must come out as utf8proc's NFC (and NFKC) has it. */
Test(normalize, every_three_byte_character_comes_out_as_utf8proc_has_it)
{
    const char *forms[] = {"{\"form\": \"NFC\"}", "{\"form\": \"NFKC\"}"};
    for (int f = 0; f < 2; f++) {
        const sl_plugin *p = &normalize_LTX_sluice_plugin;
        void *state = calloc(1, p->state_size);
        cr_assert_not_null(state);
        json_t *options = json_loads(forms[f], 0, NULL);
        const char *key = NULL;
        char *message = NULL;
        cr_assert_eq(sl_options_bind(p, state, options, &key, &message), 0);
        json_decref(options);
        sl_ctx *ctx = sl_ctx_new("normalize", NULL);
        cr_assert_eq(p->init(ctx, state), SL_OK);
        for (int32_t cp = 0x800; cp <= 0xFFFF; cp++) {
            if ((cp >= 0xD800 && cp <= 0xDFFF) || sl_is_space(cp) ||
                cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0xFFFE)
                continue; /* no text, or folded or removed */
            char text[16] = "中";
            size_t n = strlen(text);
            n += sl_utf8_encode(cp, text + n);
            strcpy(text + n, "文");
            char *want = utf8proc_form(text, f == 1);
            sl_doc *doc = sl_doc_new();
            cr_assert_not_null(sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH,
                                                        text, strlen(text)));
            sl_status got = p->process(ctx, state, doc);
            if (!want) {
                cr_assert_eq(got, SL_ERROR, "U+%04X: utf8proc refuses it",
                             (unsigned)cp);
            } else {
                cr_assert_eq(got, SL_OK, "U+%04X", (unsigned)cp);
                cr_assert_str_eq(doc->blocks[0].text, want, "U+%04X, %s",
                                 (unsigned)cp, forms[f]);
            }
            free(want);
            sl_doc_free(doc);
        }
        sl_ctx_free(ctx);
        sl_options_release(p, state);
        free(state);
    }
}

/* ---- the plain-run scanner's fast path (plain_run.c) ------------------- */

/* A table with the three-byte characters from first to last marked. */
static void mark_range(nz_plain_table *t, uint32_t first, uint32_t last)
{
    for (uint32_t cp = first; cp <= last; cp++)
        nz_plain_table_set(t, cp);
}

/* Tables the fast path must agree with the slow one under: everything
 * plain; the ideographs and the full-width forms (both flags set;
 * U+4DC0..U+4DFF, between the ideographs, not plain); the ideographs but
 * U+9FFF and the CJK punctuation (only the CJK punctuation flag set);
 * sparse random bits (no flag set); the ideographs, the full-width forms
 * and the CJK punctuation, as under NFC (all three flags); the same but
 * the full-width forms, as under NFKC. */
enum { N_TABLES = 6 };

static void make_tables(nz_plain_table tables[N_TABLES])
{
    memset(tables, 0, N_TABLES * sizeof tables[0]);
    mark_range(&tables[0], 0x800, 0xFFFF);
    mark_range(&tables[1], 0x4000, 0x4DBF);
    mark_range(&tables[1], 0x4E00, 0x9FFF);
    mark_range(&tables[1], 0xFF01, 0xFF5E);
    mark_range(&tables[2], 0x4000, 0x9FFE);
    mark_range(&tables[2], 0x3001, 0x3035);
    unsigned seed = 7;
    for (uint32_t cp = 0x800; cp <= 0xFFFF; cp++) {
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 16) % 3 != 0)
            nz_plain_table_set(&tables[3], cp);
    }
    mark_range(&tables[4], 0x4000, 0x4DBF);
    mark_range(&tables[4], 0x4E00, 0x9FFF);
    mark_range(&tables[4], 0xFF01, 0xFF5E);
    mark_range(&tables[4], 0x3001, 0x3035);
    mark_range(&tables[5], 0x4000, 0x4DBF);
    mark_range(&tables[5], 0x4E00, 0x9FFF);
    mark_range(&tables[5], 0x3001, 0x3035);
    for (size_t k = 0; k < N_TABLES; k++)
        nz_plain_table_finish(&tables[k]);
}

/* Compares the fast and the slow scanner on text from every start, in a
 * buffer that ends where the text does (so that AddressSanitizer sees a
 * read past it). */
static void assert_same_runs(const nz_plain_table *t, const char *text,
                             size_t len, const char *what)
{
    bool avx2 = nz_plain_has_avx2();
    char *s = malloc(len ? len : 1);
    cr_assert_not_null(s);
    memcpy(s, text, len);
    for (size_t pos = 0; pos <= len; pos++) {
        size_t fast = nz_plain_run_end(t, s, len, pos);
        size_t slow = nz_plain_run_end_bytewise(t, s, len, pos);
        size_t sse2 = nz_plain_run_end_chunks(t, s, len, pos, false);
        size_t wide = nz_plain_run_end_chunks(t, s, len, pos, avx2);
        cr_assert_eq(fast, slow, "%s, %zu bytes from %zu: fast %zu, slow %zu",
                     what, len, pos, fast, slow);
        cr_assert_eq(sse2, slow, "%s, %zu bytes from %zu: SSE2 %zu, slow %zu",
                     what, len, pos, sse2, slow);
        cr_assert_eq(wide, slow, "%s, %zu bytes from %zu: AVX2 %zu, slow %zu",
                     what, len, pos, wide, slow);
    }
    free(s);
}

Test(normalize, plain_range_flags_follow_the_table)
{
    nz_plain_table tables[N_TABLES];
    make_tables(tables);
    cr_assert(tables[0].ideographs && tables[0].fullwidth);
    cr_assert(tables[1].ideographs && tables[1].fullwidth);
    cr_assert(!tables[2].ideographs && !tables[2].fullwidth);
    cr_assert(tables[2].cjk_punct && !tables[1].cjk_punct);
    cr_assert(!tables[3].ideographs && !tables[3].fullwidth &&
              !tables[3].cjk_punct);
    cr_assert(tables[4].ideographs && tables[4].fullwidth &&
              tables[4].cjk_punct);
    cr_assert(tables[5].ideographs && !tables[5].fullwidth &&
              tables[5].cjk_punct);
}

/* Every three-byte character at every offset of a chunk (16 bytes with
 * SSE2, 32 with AVX2), after ideographs, a full-width comma and a full
 * stop,
 * under each table; each chunk search is checked on its own. */
Test(normalize, fast_plain_scan_agrees_on_every_three_byte_character)
{
    nz_plain_table tables[N_TABLES];
    make_tables(tables);
    bool avx2 = nz_plain_has_avx2();
    for (uint32_t cp = 0x800; cp <= 0xFFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char s[128];
        size_t n = 0, ascii = cp % 32;
        for (size_t k = 0; k < ascii; k++)
            s[n++] = 'a';
        n += (size_t)sl_utf8_encode(0x4E2D, s + n); /* 中 */
        n += (size_t)sl_utf8_encode(0xFF0C, s + n); /* ， */
        n += (size_t)sl_utf8_encode(0x3002, s + n); /* 。 */
        n += (size_t)sl_utf8_encode((int32_t)cp, s + n);
        n += (size_t)sl_utf8_encode(0x4DFF, s + n); /* ䷿, not Han */
        for (size_t k = 0; k < 8; k++)
            n += (size_t)sl_utf8_encode(0x6587, s + n); /* 文 */
        char *exact = malloc(n); /* for AddressSanitizer */
        cr_assert_not_null(exact);
        memcpy(exact, s, n);
        for (size_t k = 0; k < N_TABLES; k++) {
            size_t fast = nz_plain_run_end(&tables[k], exact, n, 0);
            size_t slow = nz_plain_run_end_bytewise(&tables[k], exact, n, 0);
            size_t sse2 =
                nz_plain_run_end_chunks(&tables[k], exact, n, 0, false);
            size_t wide =
                nz_plain_run_end_chunks(&tables[k], exact, n, 0, avx2);
            cr_assert_eq(fast, slow, "U+%04X, table %zu: fast %zu, slow %zu",
                         (unsigned)cp, k, fast, slow);
            cr_assert_eq(sse2, slow, "U+%04X, table %zu: SSE2 %zu, slow %zu",
                         (unsigned)cp, k, sse2, slow);
            cr_assert_eq(wide, slow, "U+%04X, table %zu: AVX2 %zu, slow %zu",
                         (unsigned)cp, k, wide, slow);
        }
        free(exact);
    }
}

/* Malformed and mixed bytes: lead bytes without their continuation
 * bytes, stray continuation bytes, two- and four-byte characters,
 * controls and spaces, a character cut by the end of the text, and long
 * clean runs, at every start. */
Test(normalize, fast_plain_scan_agrees_on_tricky_bytes)
{
    static const unsigned char alphabet[] = {
        ' ',  'a',  '\t', 0x7F, 0x00, 0x80, 0x8C, 0xB7, 0xB8, 0xBC,
        0xBD, 0xBF, 0xC2, 0xA0, 0xE3, 0xE4, 0xE5, 0xE9, 0xEF, 0xF0};
    static const char *const pieces[] = {"中", "，", "。", "䷀", "a",
                                         "é",  "😀",  "、", "　", "文字"};
    nz_plain_table tables[N_TABLES];
    make_tables(tables);
    unsigned seed = 11;
    for (int round = 0; round < 3000; round++) {
        char s[192];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = (seed >> 16) % 170;
        while (n < want) {
            seed = seed * 1103515245u + 12345u;
            unsigned pick = (seed >> 16) % 10;
            const char *piece = pieces[(seed >> 20) % 10];
            if (pick < 2) /* a byte of any kind */
                s[n++] = (char)alphabet[(seed >> 8) % sizeof alphabet];
            else if (n + strlen(piece) <= sizeof s)
                n += (size_t)snprintf(s + n, sizeof s - n, "%s", piece);
            else
                break;
        }
        for (size_t k = 0; k < N_TABLES; k++)
            assert_same_runs(&tables[k], s, n, "random text");
    }
    /* clean text of every length up to three chunks, then a space */
    char s[128];
    for (size_t len = 0; len + 4 <= sizeof s; len++) {
        size_t n = 0;
        while (n + 3 <= len)
            n += (size_t)sl_utf8_encode(n % 9 ? 0x4E00 + (int32_t)n : 0xFF1A,
                                        s + n);
        while (n < len)
            s[n++] = 'x';
        s[n++] = ' ';
        for (size_t k = 0; k < N_TABLES; k++)
            assert_same_runs(&tables[k], s, n, "clean text");
    }
}

/* Through the stage: a character that needs work, deep in a long run of
 * Chinese text at every offset of a chunk, is still found. */
Test(normalize, characters_deep_in_chinese_text_are_still_normalized)
{
    const char *with[] = {NULL, "{\"form\": \"NFKC\"}"};
    const char *odd[] = {"e\xCC\x81", "ﬁ", "\xE2\x80\x8B", "\xC2\xA0", "①"};
    const char *want_nfc[] = {"é", "ﬁ", "", " ", "①"};
    const char *want_nfkc[] = {"é", "fi", "", " ", "1"};
    for (size_t f = 0; f < 2; f++) {
        for (size_t o = 0; o < sizeof odd / sizeof odd[0]; o++) {
            for (size_t offset = 0; offset < 20; offset++) {
                char text[256], want[256];
                size_t n = 0;
                for (size_t k = 0; k < offset; k++)
                    text[n++] = 'x';
                strcpy(text + n, "中文，汉字中文汉字中文汉字");
                strcpy(want, text);
                strcat(text, odd[o]);
                strcat(want, f ? want_nfkc[o] : want_nfc[o]);
                strcat(text, "汉字中文");
                strcat(want, "汉字中文");
                if (f == 1) { /* NFKC folds the full-width comma */
                    char *comma = strstr(want, "，");
                    memmove(comma + 1, comma + 3, strlen(comma + 3) + 1);
                    *comma = ',';
                }
                sl_doc *doc = run_on(with[f], text);
                cr_assert_str_eq(doc->blocks[0].text, want,
                                 "%s at offset %zu, %s", odd[o], offset,
                                 with[f] ? with[f] : "NFC");
                sl_doc_free(doc);
            }
        }
    }
}
