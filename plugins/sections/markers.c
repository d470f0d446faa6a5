/* plugins/sections/markers.c - recognises heading markers at the start of
 * a line (第一章, 一、, (一), 1、, 1., 1.1, (1), ①, ...篇1) by dispatching on
 * the first character, and the small character tests the other files of
 * the stage share. No regular expressions, no allocation.
 */
#include "sections_internal.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define CP_DI 0x7B2C        /* 第 */
#define CP_DUN 0x3001       /* 、 */
#define CP_SHI 0x662F       /* 是 */
#define CP_PIAN 0x7BC7      /* 篇 */
#define CP_FW_LPAREN 0xFF08 /* （ */
#define CP_FW_RPAREN 0xFF09 /* ） */
#define CP_FW_DOT 0xFF0E    /* ． */
#define CP_FW_COLON 0xFF1A  /* ： */
#define CP_IDEO_SPACE 0x3000

static bool is_indent(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == CP_IDEO_SPACE || cp == 0xA0;
}

/* Chinese numerals used in outline markers, as a list: the reference
 * is_cn_numeral is tested against. */
bool sec_is_cn_numeral_listed(int32_t cp)
{
    switch (cp) {
    case 0x4E00: /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E09: /* 三 */
    case 0x56DB: /* 四 */
    case 0x4E94: /* 五 */
    case 0x516D: /* 六 */
    case 0x4E03: /* 七 */
    case 0x516B: /* 八 */
    case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */
    case 0x767E: /* 百 */
    case 0x5343: /* 千 */
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
    case 0x4E24: /* 两 */ return true;
    default: return false;
    }
}

/* The same numerals by a multiplicative hash of the code point: each
 * lands in a slot of its own of 32; the other slots hold 0, which only
 * the code point 0 could equal, and 0 hashes to slot 0 (六). */
#define CN_NUMERAL_HASH 0x489E4AE1u
static const int32_t cn_numeral_slots[32] = {
    [0] = 0x516D /* 六 */,  [2] = 0x4E03 /* 七 */,  [6] = 0x4E94 /* 五 */,
    [7] = 0x4E00 /* 一 */,  [9] = 0x56DB /* 四 */,  [10] = 0x5343 /* 千 */,
    [13] = 0x516B /* 八 */, [14] = 0x4E24 /* 两 */, [16] = 0x96F6 /* 零 */,
    [19] = 0x4E5D /* 九 */, [21] = 0x3007 /* 〇 */, [22] = 0x767E /* 百 */,
    [24] = 0x5341 /* 十 */, [25] = 0x4E09 /* 三 */, [30] = 0x4E8C /* 二 */};

/* Chinese numerals used in outline markers: one multiplication and one
 * look-up instead of the list's chain of comparisons. */
static inline bool is_cn_numeral(int32_t cp)
{
    return cn_numeral_slots[((uint32_t)cp * CN_NUMERAL_HASH) >> 27] == cp;
}

bool sec_is_cn_numeral(int32_t cp)
{
    return is_cn_numeral(cp);
}

/* ASCII and full-width digits (１、 is common in Chinese documents). */
static bool is_digit(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Roman numerals Ⅰ..ⅿ as single characters. */
static bool is_roman(int32_t cp)
{
    return cp >= 0x2160 && cp <= 0x217F;
}

/* Skips indentation; returns the new position. */
static size_t skip_indent(const char *s, size_t len, size_t pos)
{
    while (pos < len) {
        /* indentation starts with ' ', '\t', E3 (U+3000) or C2 (U+00A0) */
        unsigned char c = (unsigned char)s[pos];
        if (c != ' ' && c != '\t' && c != 0xE3 && c != 0xC2)
            return pos;
        size_t at = pos;
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (!is_indent(cp))
            return at;
    }
    return pos;
}

/* Peeks at the code point at pos without moving; 0 at the end. */
static int32_t peek(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return 0;
    return sl_utf8_next_inline(s, len, &pos);
}

/* Advances over a run of code points accepted by test; returns how many.
 * Gives the code point that ends the run (0 at the end of s) in *next and
 * the position after it in *after, for the callers that look at it next:
 * they need not decode it again. Inlined where it is used, so that each
 * test is too. */
__attribute__((always_inline)) static inline size_t
run_then(const char *s, size_t len, size_t *pos, bool (*test)(int32_t),
         int32_t *next, size_t *after)
{
    size_t n = 0;
    *next = 0;
    *after = *pos;
    while (*pos < len) {
        size_t at = *pos;
        int32_t cp = sl_utf8_next_inline(s, len, pos);
        if (!test(cp)) {
            *next = cp;
            *after = *pos;
            *pos = at;
            break;
        }
        n++;
        *after = *pos;
    }
    return n;
}

/* run_then for the callers that do not look past the run (the answers
 * they drop cost nothing once inlined). */
__attribute__((always_inline)) static inline size_t
run_of(const char *s, size_t len, size_t *pos, bool (*test)(int32_t))
{
    int32_t next;
    size_t after;
    return run_then(s, len, pos, test, &next, &after);
}

/* Moves past spaces and one optional colon after a marker. */
static size_t after_marker(const char *s, size_t len, size_t pos)
{
    pos = skip_indent(s, len, pos);
    int32_t cp = peek(s, len, pos);
    if (cp == ':' || cp == CP_FW_COLON) {
        sl_utf8_next_inline(s, len, &pos);
        pos = skip_indent(s, len, pos);
    }
    return pos;
}

static bool is_numeral_or_digit(int32_t cp)
{
    return is_cn_numeral(cp) || is_digit(cp);
}

/* 第 + numerals + 编/部分/章/节/条/篇. */
static sec_family scan_di(const char *s, size_t len, size_t *pos)
{
    int32_t unit;
    size_t after;
    if (run_then(s, len, pos, is_numeral_or_digit, &unit, &after) == 0)
        return SEC_FAM_NONE;
    sec_family fam = SEC_FAM_NONE;
    switch (unit) {
    case 0x7F16: fam = SEC_FAM_BIAN; break;  /* 编 */
    case 0x7AE0: fam = SEC_FAM_ZHANG; break; /* 章 */
    case 0x8282: fam = SEC_FAM_JIE; break;   /* 节 */
    case 0x6761: fam = SEC_FAM_TIAO; break;  /* 条 */
    case CP_PIAN: fam = SEC_FAM_PIAN; break;
    case 0x90E8: /* 部 */
        sl_utf8_next_inline(s, len, pos);
        if (peek(s, len, *pos) != 0x5206) /* 分 */
            return SEC_FAM_NONE;
        fam = SEC_FAM_BUFEN;
        break;
    default: return SEC_FAM_NONE;
    }
    sl_utf8_next_inline(s, len, pos);
    return fam;
}

/* ( or （ + numerals + ) or ）. */
static sec_family scan_paren(const char *s, size_t len, size_t *pos)
{
    sec_family fam;
    size_t digits;
    if (run_of(s, len, pos, is_cn_numeral) > 0)
        fam = SEC_FAM_CN_PAREN;
    else if ((digits = run_of(s, len, pos, is_digit)) > 0 && digits <= 3)
        fam = SEC_FAM_AR_PAREN;
    else
        return SEC_FAM_NONE;
    int32_t close = peek(s, len, *pos);
    if (close != ')' && close != CP_FW_RPAREN)
        return SEC_FAM_NONE;
    sl_utf8_next_inline(s, len, pos);
    return fam;
}

/* Characters that make "12 月" a quantity rather than "1 Title". */
static bool is_unit_after_number(int32_t cp)
{
    switch (cp) {
    case 0x5E74:
    case 0x6708:
    case 0x65E5:
    case 0x53F7: /* 年月日号 */
    case 0x65F6:
    case 0x5206:
    case 0x79D2:
    case 0x4E2A: /* 时分秒个 */
    case 0x5143:
    case 0x4E07:
    case 0x4EBF:
    case 0x4EBA: /* 元万亿人 */
    case '%': return true;
    default: return false;
    }
}

/* Digits + 、 . ) or .digits (dotted numbering) or a space and a title. */
static sec_family scan_digits(const char *s, size_t len, size_t *pos)
{
    int32_t cp;
    size_t past;
    size_t ndigits = run_then(s, len, pos, is_digit, &cp, &past);
    if (ndigits == 0 || ndigits > 3)
        return SEC_FAM_NONE;
    if (cp == CP_DUN) {
        *pos = past;
        return is_digit(peek(s, len, *pos)) ? SEC_FAM_NONE : SEC_FAM_AR_DUN;
    }
    if (cp == ')' || cp == CP_FW_RPAREN) {
        *pos = past;
        return SEC_FAM_AR_RPAREN;
    }
    if (cp == '.' || cp == CP_FW_DOT) {
        int groups = 1;
        for (;;) {
            size_t at = *pos;
            if (at >= len)
                break; /* "1.2" ends the line */
            int32_t dot = sl_utf8_next_inline(s, len, pos);
            if (dot != '.' && dot != CP_FW_DOT) {
                *pos = at;
                break;
            }
            size_t more = run_of(s, len, pos, is_digit);
            if (more > 3)
                return SEC_FAM_NONE; /* a decimal number: 1.2345 */
            if (more == 0)
                break; /* a trailing dot ends the number: "1." or "1.2." */
            groups++;
        }
        if (is_digit(peek(s, len, *pos)))
            return SEC_FAM_NONE;
        if (groups == 1)
            return SEC_FAM_AR_DOT;
        if (groups == 2)
            return SEC_FAM_DOTTED2;
        return groups == 3 ? SEC_FAM_DOTTED3 : SEC_FAM_DOTTED4;
    }
    if (cp == ' ' && ndigits <= 2) {
        size_t after = skip_indent(s, len, *pos);
        int32_t next = peek(s, len, after);
        bool letter = (next >= 'A' && next <= 'Z') || sec_is_han(next);
        if (letter && !is_unit_after_number(next)) {
            *pos = after;
            return SEC_FAM_AR_SPACE;
        }
    }
    return SEC_FAM_NONE;
}

/* Chinese numerals + 、 or a dot. */
static sec_family scan_cn_numeral(const char *s, size_t len, size_t *pos)
{
    int32_t cp;
    size_t after;
    size_t n = run_then(s, len, pos, is_cn_numeral, &cp, &after);
    if (n == 0 || n > 4)
        return SEC_FAM_NONE;
    if (cp == CP_DUN) {
        *pos = after;
        /* "一、二年级": an enumeration of numerals, not a marker */
        return is_cn_numeral(peek(s, len, *pos)) ? SEC_FAM_NONE
                                                 : SEC_FAM_CN_DUN;
    }
    if (cp == '.' || cp == CP_FW_DOT) {
        *pos = after;
        return is_digit(peek(s, len, *pos)) ? SEC_FAM_NONE : SEC_FAM_CN_DOT;
    }
    return SEC_FAM_NONE;
}

static bool is_bullet(int32_t cp)
{
    switch (cp) {
    case 0x2022: /* • */
    case 0x25CF: /* ● */
    case 0x25CB: /* ○ */
    case 0x25A0: /* ■ */
    case 0x25A1: /* □ */
    case 0x25C6: /* ◆ */
    case 0x25C7: /* ◇ */
    case 0x25AA: /* ▪ */
    case 0x2605: /* ★ */
    case 0x2606: /* ☆ */
    case 0x203B: /* ※ */ return true;
    default: return false;
    }
}

/* 篇 + numerals ("篇一：", "篇2"), 范文 + numerals ("范文三"), or either
 * or 第N篇 in brackets ("【篇一】", "[第三篇]"), from pos (after the first
 * character cp). */
static sec_family scan_pian(const char *s, size_t len, int32_t cp, size_t *pos)
{
    int32_t close = 0;
    if (cp == 0x3010 || cp == '[') { /* 【 [ */
        close = cp == '[' ? ']' : 0x3011;
        if (*pos >= len)
            return SEC_FAM_NONE;
        cp = sl_utf8_next_inline(s, len, pos);
    }
    size_t n;
    if (close && cp == CP_DI) { /* 第N篇 */
        n = run_of(s, len, pos, is_numeral_or_digit);
        if (peek(s, len, *pos) != CP_PIAN)
            return SEC_FAM_NONE;
        sl_utf8_next_inline(s, len, pos);
    } else {
        if (cp == 0x8303) { /* 范 of 范文 */
            if (peek(s, len, *pos) != 0x6587)
                return SEC_FAM_NONE;
            sl_utf8_next_inline(s, len, pos);
        } else if (cp != CP_PIAN) {
            return SEC_FAM_NONE;
        }
        n = run_of(s, len, pos, is_numeral_or_digit);
    }
    if (n == 0 || n > 3)
        return SEC_FAM_NONE;
    if (close) {
        if (peek(s, len, *pos) != close)
            return SEC_FAM_NONE;
        sl_utf8_next_inline(s, len, pos);
    } else if (peek(s, len, *pos) == CP_DUN) {
        sl_utf8_next_inline(s, len, pos);
    }
    return SEC_FAM_PIAN;
}

/* The last bytes of the characters ends_with_pian_number reads back over
 * (indentation, digits, Chinese numerals): ' ' '\t' 0-9, and the last
 * byte of U+3000 (80), U+00A0 (A0), ０..９ (90..99) and 一 二 三 四 五 六
 * 七 八 九 十 百 千 零 〇 两 (80 8C 89 9B 94 AD 83 AB 9D 81 BE 83 B6 87
 * A4). A line whose last byte is none of them (most end in 。, whose last
 * byte is 82) ends in no number: the character before it is not read. */
static const bool may_end_number[256] = {
    ['\t'] = 1, [' '] = 1,  ['0'] = 1,  ['1'] = 1,  ['2'] = 1,  ['3'] = 1,
    ['4'] = 1,  ['5'] = 1,  ['6'] = 1,  ['7'] = 1,  ['8'] = 1,  ['9'] = 1,
    [0x80] = 1, [0x81] = 1, [0x83] = 1, [0x87] = 1, [0x89] = 1, [0x8C] = 1,
    [0x90] = 1, [0x91] = 1, [0x92] = 1, [0x93] = 1, [0x94] = 1, [0x95] = 1,
    [0x96] = 1, [0x97] = 1, [0x98] = 1, [0x99] = 1, [0x9B] = 1, [0x9D] = 1,
    [0xA0] = 1, [0xA4] = 1, [0xAB] = 1, [0xAD] = 1, [0xB6] = 1, [0xBE] = 1};

/* A line ending in 篇 + a number: "2024科普工作总结篇1". */
static bool ends_with_pian_number(const char *s, size_t len)
{
    if (len == 0 || !may_end_number[(unsigned char)s[len - 1]])
        return false;
    size_t pos = len, digits = 0;
    while (pos > 0) {
        size_t at = pos;
        int32_t cp = sl_utf8_prev_inline(s, &pos);
        if (is_indent(cp) && digits == 0)
            continue;
        if (is_numeral_or_digit(cp)) {
            digits++;
            continue;
        }
        pos = at;
        break;
    }
    if (digits == 0 || digits > 3 || pos == 0)
        return false;
    return sl_utf8_prev_inline(s, &pos) == CP_PIAN && pos > 0;
}

/* A Han character (U+4E00..U+9FFF) that starts no marker: neither 第,
 * 篇, 范 (of 范文) nor a Chinese numeral, the only Han characters the
 * chain of first-character tests in scan_marker looks for. */
static bool is_han_starting_no_marker(int32_t cp)
{
    return cp >= 0x4E00 && cp <= 0x9FFF && cp != CP_DI && cp != CP_PIAN &&
           cp != 0x8303 && !is_cn_numeral(cp);
}

/* s opens with a Han character that starts no marker, read from its
 * three bytes (a lead E4..E9: no indentation, which starts with ' ',
 * '\t', E3 or C2). */
static bool opens_with_han_starting_no_marker(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len < 3 || u[0] < 0xE4 || u[0] > 0xE9 || (u[1] & 0xC0) != 0x80 ||
        (u[2] & 0xC0) != 0x80)
        return false;
    int32_t cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    return is_han_starting_no_marker(cp);
}

/* sec_scan_marker; with han_shortcut, a line that starts with a Han
 * character no marker starts with skips the chain of first-character
 * tests (most lines of Chinese prose), and without indentation before
 * it the decoding too. */
static void scan_marker(const char *s, size_t len, sec_marker *m,
                        bool han_shortcut)
{
    memset(m, 0, sizeof *m);
    if (han_shortcut && opens_with_han_starting_no_marker(s, len)) {
        /* start and body 0: only the line's end may hold a part's number */
        if (ends_with_pian_number(s, len))
            m->family = SEC_FAM_PIAN;
        return;
    }
    size_t pos = skip_indent(s, len, 0);
    m->start = (sec_offset)pos;
    if (pos >= len)
        return;
    size_t p = pos;
    int32_t cp = sl_utf8_next_inline(s, len, &p);
    sec_family fam = SEC_FAM_NONE;
    if (han_shortcut && is_han_starting_no_marker(cp)) {
        /* no family: only the line's end may hold a part's number */
    } else if (cp == CP_DI) {
        fam = scan_di(s, len, &p);
    } else if (cp == '(' || cp == CP_FW_LPAREN) {
        fam = scan_paren(s, len, &p);
    } else if (is_digit(cp)) {
        p = pos;
        fam = scan_digits(s, len, &p);
    } else if (is_cn_numeral(cp)) {
        p = pos;
        fam = scan_cn_numeral(s, len, &p);
    } else if (is_roman(cp)) { /* Ⅰ、 Ⅱ. Ⅲ followed by a space */
        int32_t next = peek(s, len, p);
        if (next == CP_DUN || next == '.' || next == CP_FW_DOT) {
            sl_utf8_next_inline(s, len, &p);
            fam = SEC_FAM_ROMAN;
        } else if (next == ' ' || next == 0x3000) {
            fam = SEC_FAM_ROMAN;
        }
    } else if (cp >= 0x2460 && cp <= 0x2473) { /* ① .. ⑳ */
        fam = SEC_FAM_CIRCLED;
    } else if (cp >= 0x2474 && cp <= 0x2487) { /* ⑴ .. ⒇ */
        fam = SEC_FAM_AR_PAREN;
    } else if (cp >= 0x2488 && cp <= 0x249B) { /* ⒈ .. ⒛ */
        fam = SEC_FAM_AR_DOT;
    } else if ((cp == '-' || cp == '*' || cp == '+') && p < len &&
               (s[p] == ' ' || s[p] == '\t')) {
        fam = SEC_FAM_BULLET;
    } else if (cp == CP_PIAN || cp == 0x8303 || cp == 0x3010 || cp == '[') {
        fam = scan_pian(s, len, cp, &p);
    } else if (is_bullet(cp)) {
        fam = SEC_FAM_BULLET;
    }
    if (fam != SEC_FAM_NONE) {
        m->family = (uint8_t)fam;
        size_t body = after_marker(s, len, p);
        if ((fam == SEC_FAM_CN_PAREN || fam == SEC_FAM_AR_PAREN) &&
            peek(s, len, body) == CP_SHI) {
            m->copula = true;
            sl_utf8_next_inline(s, len, &body);
        }
        m->body = (sec_offset)body;
        return;
    }
    if (ends_with_pian_number(s, len)) {
        m->family = SEC_FAM_PIAN;
        m->body = (sec_offset)pos;
    }
}

void sec_scan_marker(const char *s, size_t len, sec_marker *m)
{
    scan_marker(s, len, m, true);
}

void sec_scan_marker_chain(const char *s, size_t len, sec_marker *m)
{
    scan_marker(s, len, m, false);
}

bool sec_starts_enumerator(const char *s, size_t len)
{
    size_t pos = skip_indent(s, len, 0);
    size_t p = pos;
    int32_t next;
    size_t after;
    size_t n = run_then(s, len, &p, is_cn_numeral, &next, &after);
    if (n >= 1 && n <= 2 && next == CP_SHI)
        return true; /* 一是 二是 */
    p = pos;
    int32_t a = peek(s, len, p);
    if (p < len)
        sl_utf8_next_inline(s, len, &p);
    int32_t b = peek(s, len, p);
    if ((a == 0x9996 && b == 0x5148) || /* 首先 */
        (a == 0x5176 && b == 0x6B21) || /* 其次 */
        (a == 0x518D && b == 0x6B21) || /* 再次 */
        (a == 0x6700 && b == 0x540E))   /* 最后 */
        return true;
    if (a == CP_DI && is_cn_numeral(b)) { /* 第一，第二, */
        sl_utf8_next_inline(s, len, &p);
        int32_t c = peek(s, len, p);
        return c == 0xFF0C || c == ',';
    }
    /* the Latin enumerators, with their lengths; each starts with F, S or
     * T, so other lines skip the list */
    static const struct {
        const char *text;
        size_t len;
    } latin[] = {{"First,", 6},  {"Second,", 7},  {"Third,", 6},
                 {"Firstly", 7}, {"Secondly", 8}, {"Thirdly", 7},
                 {"Finally,", 8}};
    if (pos >= len || (s[pos] != 'F' && s[pos] != 'S' && s[pos] != 'T'))
        return false;
    for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
        if (len - pos >= latin[i].len &&
            memcmp(s + pos, latin[i].text, latin[i].len) == 0)
            return true;
    return false;
}

int32_t sec_last_char_slow(const char *s, size_t len)
{
    size_t pos = len;
    while (pos > 0) {
        int32_t cp = sl_utf8_prev_inline(s, &pos);
        if (!sec_is_space(cp))
            return cp;
    }
    return 0;
}

int32_t sec_first_char_slow(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (!sec_is_space(cp))
            return cp;
    }
    return 0;
}

bool sec_ends_with(const char *s, size_t len, int32_t c)
{
    return sec_last_char(s, len) == c;
}

/* Characters of the eight bytes at s other than ' ' and '\t': the bytes
 * that do not continue a character. */
static size_t visible_in_word(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t hidden = sec_mark_continuations(w) | sec_mark_equal(w, ' ') |
                      sec_mark_equal(w, '\t');
    return 8 - sec_count_marked(hidden);
}

#ifdef __SSE2__
/* Characters of the 16 bytes at s other than ' ' and '\t'. As signed
 * bytes, a byte above -65 (0xBF) starts a character; each test gives -1
 * and psadbw adds up the negated bytes. */
static size_t visible_in_chunk(const char *s)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i starts = _mm_cmpgt_epi8(v, _mm_set1_epi8(-65));
    __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
    __m128i visible = _mm_andnot_si128(blank, starts);
    __m128i sums = _mm_sad_epu8(_mm_sub_epi8(zero, visible), zero);
    return (size_t)_mm_cvtsi128_si32(sums) +
           (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
}
#endif

size_t sec_visible_chars(const char *s, size_t len, size_t limit)
{
    size_t n = 0, i = 0;
#ifdef __SSE2__
    /* whole chunks while a chunk leaves the count below limit; the words
     * and bytes below take the one that reaches it */
    for (; len - i >= 16; i += 16) {
        size_t in_chunk = visible_in_chunk(s + i);
        if (n + in_chunk >= limit)
            break;
        n += in_chunk;
    }
#endif
    /* whole words while a word leaves the count below limit; the word
     * that reaches it is counted byte by byte */
    for (; i + 8 <= len; i += 8) {
        size_t in_word = visible_in_word(s + i);
        if (n + in_word >= limit)
            break;
        n += in_word;
    }
    for (; i < len && n < limit; i++) {
        unsigned char c = (unsigned char)s[i];
        n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t';
    }
    return n;
}

bool sec_has_visible_chars(const char *s, size_t len, size_t need)
{
    size_t n = 0, i = 0;
#ifdef __SSE2__
    for (; len - i >= 16; i += 16) {
        n += visible_in_chunk(s + i);
        if (n >= need)
            return true;
    }
#endif
    for (; i + 8 <= len; i += 8) {
        n += visible_in_word(s + i);
        if (n >= need)
            return true;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t';
    }
    return n >= need;
}

/* Characters of the 16 bytes at s that can be no white space: visible
 * ASCII (21..7E) and three-byte leads E4..EF (U+4000..U+FFFF). */
#ifdef __SSE2__
static size_t solid_in_chunk(const char *s)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* as signed bytes: 21..7E lie above 0x20 and below 0x7F; E4..EF
     * (-28..-17) above -29 and below -16 */
    __m128i ascii = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-29)),
                                 _mm_cmplt_epi8(v, _mm_set1_epi8(-16)));
    __m128i solid = _mm_or_si128(ascii, lead);
    __m128i sums = _mm_sad_epu8(_mm_sub_epi8(zero, solid), zero);
    return (size_t)_mm_cvtsi128_si32(sums) +
           (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
}
#endif

static bool is_solid_byte(unsigned char c)
{
    return (c > 0x20 && c < 0x7F) || (c >= 0xE4 && c <= 0xEF);
}

size_t sec_solid_chars_bytewise(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += is_solid_byte((unsigned char)s[i]);
    return n;
}

size_t sec_solid_chars(const char *s, size_t len)
{
    size_t n = 0, i = 0;
#ifdef __SSE2__
    for (; len - i >= 16; i += 16)
        n += solid_in_chunk(s + i);
#endif
    return n + sec_solid_chars_bytewise(s + i, len - i);
}

/* Bytes of a block's start that decide its script. */
#define SCRIPT_SAMPLE_BYTES 64
/* the tallies below sum the sample in one byte of a word */
_Static_assert(SCRIPT_SAMPLE_BYTES <= 255, "script sample too long");

/* Every byte of a word set to c. */
static uint64_t every_byte(unsigned char c)
{
    return SEC_LOW_BITS * c;
}

/* Marks the bytes of w whose low seven bits are at least lo (1..127); the
 * high bit of the byte is ignored. */
static uint64_t mark_low_bits_at_least(uint64_t w, unsigned char lo)
{
    /* adding 128 - lo carries into bit 7 exactly when the low bits are
     * lo or more, and never beyond the byte */
    return ((w & ~SEC_HIGH_BITS) + every_byte((unsigned char)(0x80 - lo))) &
           SEC_HIGH_BITS;
}

/* Marks the bytes of w that lead a CJK character: E3..E9 (U+3000..U+9FFF)
 * and EF (the full-width forms). */
static uint64_t mark_cjk_leads(uint64_t w)
{
    /* 1110xxxx: bits 7, 6 and 5 set, bit 4 clear */
    uint64_t lead_e = w & (w << 1) & (w << 2) & ~(w << 3) & SEC_HIGH_BITS;
    uint64_t nibble = w & every_byte(0x0F);
    uint64_t from_3 = mark_low_bits_at_least(nibble, 0x3);
    uint64_t from_a = mark_low_bits_at_least(nibble, 0xA);
    uint64_t is_f = mark_low_bits_at_least(nibble, 0xF);
    return lead_e & ((from_3 & ~from_a) | is_f);
}

/* Marks the bytes of w that are ASCII letters. */
static uint64_t mark_latin_letters(uint64_t w)
{
    uint64_t folded = w | every_byte(0x20); /* A..Z become a..z */
    uint64_t ascii = ~folded & SEC_HIGH_BITS;
    return ascii & mark_low_bits_at_least(folded, 'a') &
           ~mark_low_bits_at_least(folded, 'z' + 1);
}

#ifdef __SSE2__
/* The bytes of v from lo to hi (unsigned), as 0xFF. */
static __m128i bytes_between(__m128i v, unsigned char lo, unsigned char hi)
{
    __m128i clamped = _mm_min_epu8(_mm_max_epu8(v, _mm_set1_epi8((char)lo)),
                                   _mm_set1_epi8((char)hi));
    return _mm_cmpeq_epi8(clamped, v);
}

/* Adds the CJK lead bytes and the ASCII letters of the whole 16-byte
 * chunks of s[0..len) (len at most SCRIPT_SAMPLE_BYTES) to *cjk and
 * *latin; returns the bytes read. Each test gives -1 in a byte, summed
 * per byte (at most 4 chunks) and then by psadbw. */
static size_t script_tallies_of_chunks(const char *s, size_t len, size_t *cjk,
                                       size_t *latin)
{
    const __m128i zero = _mm_setzero_si128();
    __m128i cjk_bytes = zero, latin_bytes = zero;
    size_t i = 0;
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i lead = _mm_or_si128(bytes_between(v, 0xE3, 0xE9),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8(-17)));
        __m128i letter =
            bytes_between(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
        cjk_bytes = _mm_sub_epi8(cjk_bytes, lead);
        latin_bytes = _mm_sub_epi8(latin_bytes, letter);
    }
    __m128i c = _mm_sad_epu8(cjk_bytes, zero);
    __m128i l = _mm_sad_epu8(latin_bytes, zero);
    *cjk += (size_t)(_mm_cvtsi128_si32(c) +
                     _mm_cvtsi128_si32(_mm_unpackhi_epi64(c, c)));
    *latin += (size_t)(_mm_cvtsi128_si32(l) +
                       _mm_cvtsi128_si32(_mm_unpackhi_epi64(l, l)));
    return i;
}
#endif

bool sec_is_mostly_cjk(const char *s, size_t len)
{
    size_t cjk = 0, latin = 0;
    if (len > SCRIPT_SAMPLE_BYTES)
        len = SCRIPT_SAMPLE_BYTES;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    /* per-byte tallies (at most 8 per byte over the 64 bytes), summed
     * once after the loop */
    uint64_t cjk_tally = 0, latin_tally = 0;
#ifdef __SSE2__
    i = script_tallies_of_chunks(s, len, &cjk, &latin);
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        cjk_tally += mark_cjk_leads(w) >> 7;
        latin_tally += mark_latin_letters(w) >> 7;
    }
    cjk += (size_t)((cjk_tally * SEC_LOW_BITS) >> 56);
    latin += (size_t)((latin_tally * SEC_LOW_BITS) >> 56);
    for (; i < len; i++) {
        unsigned char c = u[i];
        /* lead bytes of U+3000..U+9FFF and of the full-width forms */
        cjk += (c >= 0xE3 && c <= 0xE9) || c == 0xEF;
        latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return cjk > 0 && cjk * 2 >= latin;
}
