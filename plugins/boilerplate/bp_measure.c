/* plugins/boilerplate/bp_measure.c - the per-block measurements every rule
 * reads: length in characters, sentence ends, punctuation, heading markers,
 * bare numbers, and the stop-phrase lexicon.
 */
#include <pthread.h>
#include <string.h>

#include "bp_internal.h"

/* 一 二 三 四 五 六 七 八 九 十 百 零 〇 */
static int is_cjk_numeral(int32_t cp)
{
    switch (cp) {
    case 0x4E00:
    case 0x4E8C:
    case 0x4E09:
    case 0x56DB:
    case 0x4E94:
    case 0x516D:
    case 0x4E03:
    case 0x516B:
    case 0x4E5D:
    case 0x5341:
    case 0x767E:
    case 0x96F6:
    case 0x3007: return 1;
    default: return 0;
    }
}

/* 一、 二、 (一) （一） 1、 1. 第一章 第3节 ... at the start of the text. */
static int starts_with_marker(const char *s, size_t len)
{
    size_t pos = 0;
    int32_t cp = len ? sl_utf8_next_inline(s, len, &pos) : 0;
    if (cp == '(' || cp == 0xFF08) {
        int32_t inner = pos < len ? sl_utf8_next_inline(s, len, &pos) : 0;
        if (!is_cjk_numeral(inner) && !(inner >= '0' && inner <= '9'))
            return 0;
        while (pos < len) {
            size_t save = pos;
            int32_t c = sl_utf8_next_inline(s, len, &pos);
            if (c == ')' || c == 0xFF09)
                return 1;
            if (!is_cjk_numeral(c) && !(c >= '0' && c <= '9')) {
                pos = save;
                return 0;
            }
        }
        return 0;
    }
    if (cp == 0x7B2C) { /* 第 */
        while (pos < len) {
            int32_t c = sl_utf8_next_inline(s, len, &pos);
            if (is_cjk_numeral(c) || (c >= '0' && c <= '9'))
                continue;
            return c == 0x7AE0 || c == 0x8282 || c == 0x6761 || c == 0x7BC7 ||
                   c == 0x90E8 || c == 0x7F16 || c == 0x6B3E;
        }
        return 0;
    }
    int digits = 0;
    while (is_cjk_numeral(cp) || (cp >= '0' && cp <= '9')) {
        digits++;
        if (pos >= len)
            return 0;
        cp = sl_utf8_next_inline(s, len, &pos);
    }
    if (!digits)
        return 0;
    return cp == 0x3001 || cp == 0xFF0E ||
           (cp == '.' && pos < len && s[pos] != '.' &&
            !(s[pos] >= '0' && s[pos] <= '9'));
}

/* Nothing but digits and separators, or one or two letters. */
static int is_stray(const char *s, size_t len, uint32_t chars)
{
    if (chars == 0 || chars > 8)
        return 0;
    size_t letters = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if ((c | 32) >= 'a' && (c | 32) <= 'z')
            letters++;
        else if (!(c == ' ' || c == '.' || c == ',' || c == '-' || c == '+' ||
                   c == '/' || c == ':' || c == '|'))
            return 0; /* any other byte: not a counter (most lines stop at
                         their first) */
    }
    if (digits + letters == 0)
        return 0; /* "---" is a rule or a setext underline, not a counter */
    return (digits > 0 && letters == 0) || (digits == 0 && letters <= 2);
}

/* A day said in words, alone or before a clock time: 昨天, 今天, 前天,
 * 刚刚 ("昨天 10:20"). */
static int is_relative_day(const char *s, size_t len)
{
    static const char *const days[] = {"昨天", "今天", "前天", "刚刚"};
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
        size_t n = strlen(days[k]);
        if (len < n || memcmp(s, days[k], n) != 0)
            continue;
        for (size_t i = n; i < len; i++) {
            char c = s[i];
            if (!(c == ' ' || c == ':' || (c >= '0' && c <= '9')))
                return 0;
        }
        return 1;
    }
    return 0;
}

/* "2019-09-09", "2019-09-09 16:01:46", "2019年9月9日 16:01", "3小时前",
 * "昨天", "昨天 10:20". */
static int is_date_only(const char *s, size_t len, uint32_t chars)
{
    if (chars >= 2 && chars <= 8 && is_relative_day(s, len))
        return 1;
    if (chars < 4 || chars > 24)
        return 0;
    size_t pos = 0, digits = 0;
    while (pos < len) {
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (!(cp == '-' || cp == '/' || cp == ':' || cp == '.' ||
                   cp == ' ' || cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 ||
                   cp == 0x65F6 || cp == 0x5206 || cp == 0x79D2 ||
                   cp == 0x524D || cp == 0x5C0F || cp == 0x5929 ||
                   cp == 0x949F || cp == 0x3000))
            return 0;
    }
    return digits >= 1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A year of this century or the last at s[i] (19xx, 20xx), four digits
 * and no more. */
static int is_year_at(const char *s, size_t len, size_t i)
{
    return i + 4 <= len &&
           ((s[i] == '1' && s[i + 1] == '9') ||
            (s[i] == '2' && s[i + 1] == '0')) &&
           is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
           (i + 4 == len || !is_digit(s[i + 4]));
}

/* A numeric date with the year last, day and month in either order:
 * 08/15/2012, 15.05.2024, 5-4-2013 (not 2.5.20120, not a version 1.2.2024
 * inside a longer number). */
static int has_year_last_date(const char *s, size_t len)
{
    /* the year follows one of the separators: most lines have none */
    if (!memchr(s, '/', len) && !memchr(s, '.', len) && !memchr(s, '-', len))
        return 0;
    for (size_t i = 0; i + 8 <= len; i++) {
        if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) ||
                                          s[i - 1] == '.' || s[i - 1] == '/')))
            continue;
        size_t j = i;
        while (j < len && j < i + 2 && is_digit(s[j]))
            j++;
        if (j >= len || (s[j] != '/' && s[j] != '.' && s[j] != '-'))
            continue;
        char sep = s[j];
        size_t k = ++j;
        while (k < len && k < j + 2 && is_digit(s[k]))
            k++;
        if (k == j || k >= len || s[k] != sep)
            continue;
        size_t after = k + 5; /* not a version: 1.2.2024.5 */
        if (is_year_at(s, len, k + 1) &&
            !(after + 1 < len && s[after] == sep && is_digit(s[after + 1])))
            return 1;
    }
    return 0;
}

/* A year standing alone (19xx, 20xx, no digit on either side) and a
 * clock time (h:mm or hh:mm, no digit on either side) in one line: a
 * date in any language, whatever the month is called ("18 Maggio 2024
 * alle 09:22", "13 مايو 2024 06:00"). */
static int has_year_and_clock(const char *s, size_t len)
{
    if (!memchr(s, ':', len))
        return 0; /* no clock time: most lines have no colon */
    int year = 0, clock = 0;
    for (size_t i = 0; i < len && !(year && clock); i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        size_t j = i;
        while (j < len && is_digit(s[j]))
            j++;
        if (j - i == 4 && is_year_at(s, len, i) && (j == len || s[j] != ':'))
            year = 1;
        else if (j - i <= 2 && j + 2 < len && s[j] == ':' &&
                 is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
                 (j + 3 == len || !is_digit(s[j + 3])))
            clock = 1;
        i = j - 1;
    }
    return year && clock;
}

/* Reads one to two digits at *j, then sep (a byte, or a UTF-8 character
 * when longer); 1 when both are there. */
static int digits_then(const char *s, size_t len, size_t *j, const char *sep)
{
    size_t k = *j, n = strlen(sep);
    while (k < len && k < *j + 2 && s[k] >= '0' && s[k] <= '9')
        k++;
    if (k == *j || k + n > len || memcmp(s + k, sep, n) != 0)
        return 0;
    *j = k + n;
    return 1;
}

/* An English month name (or its first three letters) at s[i], after a
 * non-letter, then a space and a day (one or two digits), and a year
 * (19xx, 20xx) later in the line: "May 17, 2024", "Fri, May 17, 2024 at
 * 6:05 pm"; "May 2024" is no full date. */
static int has_english_date(const char *s, size_t len)
{
    static const char *const months[] = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (!memchr(s, ' ', len))
        return 0; /* a space follows the month (both forms below) */
    for (size_t i = 0; i + 5 <= len; i++) {
        char c = (char)(s[i] | 32);
        if (c < 'a' || c > 'z' ||
            (i > 0 && (((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'))))
            continue;
        for (size_t m = 0; m < 12; m++) {
            size_t n = strlen(months[m]), k = 0;
            while (k < n && i + k < len && (s[i + k] | 32) == months[m][k])
                k++;
            if (k < 3 ||
                (k < n && i + k < len && s[i + k] != '.' && s[i + k] != ' '))
                continue;
            size_t j = i + k;
            if (j < len && s[j] == '.')
                j++;
            /* "5 April 2013": a day before the month, the year after */
            if (i >= 2 && s[i - 1] == ' ' && is_digit(s[i - 2]) &&
                (i < 3 || !is_digit(s[i - 3]) || i < 4 ||
                 !is_digit(s[i - 4])) &&
                j + 5 <= len && s[j] == ' ' && is_year_at(s, len, j + 1))
                return 1;
            /* a day of one or two digits, not a year ("May 2024") */
            size_t d = j + 1;
            while (d < len && d < j + 4 && s[d] >= '0' && s[d] <= '9')
                d++;
            if (j >= len || s[j] != ' ' || d == j + 1 || d > j + 3 ||
                (d < len && s[d] >= '0' && s[d] <= '9'))
                continue;
            for (size_t y = j; y + 4 <= len; y++) {
                if (((s[y] == '1' && s[y + 1] == '9') ||
                     (s[y] == '2' && s[y + 1] == '0')) &&
                    s[y + 2] >= '0' && s[y + 2] <= '9' && s[y + 3] >= '0' &&
                    s[y + 3] <= '9' &&
                    (y + 4 == len || s[y + 4] < '0' || s[y + 4] > '9'))
                    return 1;
            }
        }
    }
    return 0;
}

/* Four digits of a year of this century or the last (19xx, 20xx)
 * somewhere in s: every full date has them, and most short lines of
 * Chinese text have no digit at all, so the date tests start here. */
static int has_year_digits(const char *s, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if (((s[i] == '1' && s[i + 1] == '9') ||
             (s[i] == '2' && s[i + 1] == '0')) &&
            is_digit(s[i + 2]) && is_digit(s[i + 3]))
            return 1;
    }
    return 0;
}

/* A full date: 2024-05-18, 2023/8/14, 2019.09.07, 2024年5月18日. */
static int has_full_date(const char *s, size_t len)
{
    static const char *const seps[][2] = {
        {"-", "-"}, {"/", "/"}, {".", "."}, {"\xE5\xB9\xB4", "\xE6\x9C\x88"}};
    for (size_t i = 0; i + 8 <= len; i++) {
        /* the first byte of the year first: most bytes are no 1 or 2 */
        if (!((s[i] == '1' && s[i + 1] == '9') ||
              (s[i] == '2' && s[i + 1] == '0')) ||
            !(s[i + 2] >= '0' && s[i + 2] <= '9') ||
            !(s[i + 3] >= '0' && s[i + 3] <= '9'))
            continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
            size_t n = strlen(seps[k][0]);
            size_t j = i + 4 + n;
            if (j > len || memcmp(s + i + 4, seps[k][0], n) != 0)
                continue;
            if (digits_then(s, len, &j, seps[k][1]) && j < len && s[j] >= '0' &&
                s[j] <= '9')
                return 1;
        }
    }
    return 0;
}

/* Notes pos among the starts of stop phrases (all of them when there is
 * no room left). */
static void note_phrase_start(bp_phrase_starts *starts, size_t pos)
{
    if (starts->n == BP_LEXICON_MAX_STARTS) {
        starts->all = 1;
        return;
    }
    starts->at[starts->n++] = pos;
}

/* Sets starts->all, the pass having found more starts than there is
 * room for, and returns the slot the rest of the pass may write to: once
 * all is set the noted positions are no longer read. */
static size_t starts_overflow(bp_phrase_starts *starts)
{
    starts->all = 1;
    return BP_LEXICON_MAX_STARTS - 1;
}

/* Whether the n digits at d hold the first four of a year of this
 * century or the last (19xx, 20xx), as has_year_digits would find them. */
static int digits_hold_year(const unsigned char *d, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((d[i] == '1' && d[i + 1] == '9') ||
            (d[i] == '2' && d[i + 1] == '0'))
            return 1;
    }
    return 0;
}

/* Reads the ASCII digits from pos on that no stop phrase starts with,
 * as count_other would (each a character, no sentence end, no
 * punctuation); adds them to *chars, sets *last to the last one, sets
 * *year when they hold the digits of a year and returns the position
 * after them. */
static size_t read_digit_run(const unsigned char *u, size_t pos, size_t len,
                             uint32_t *chars, int32_t *last, int *year)
{
    size_t from = pos;
    while (pos < len && u[pos] - (unsigned)'0' < 10 &&
           !bp_lexicon_first_bytes[u[pos]])
        pos++;
    *chars += (uint32_t)(pos - from);
    *last = u[pos - 1];
    if (pos - from >= 4 && digits_hold_year(u + from, pos - from))
        *year = 1;
    return pos;
}

/* The blocks where CJK text has its punctuation: general punctuation
 * (“ ” …), CJK symbols and punctuation (。、「」), full-width forms
 * (，：！). */
static const struct {
    int32_t first, last;
} punct_blocks[] = {{0x2000, 0x206F}, {0x3000, 0x303F}, {0xFF00, 0xFFEF}};

enum {
    CLASS_KNOWN = 1,        /* the character is in punct_blocks */
    CLASS_SPACE = 2,        /* sl_is_space */
    CLASS_SENTENCE_END = 4, /* sl_is_sentence_end */
    CLASS_PUNCT = 8,        /* sl_is_punct */
    CLASS_SLOW = 16,        /* read by the general path */
    PUNCT_BLOCK_CHARS = 0x70 + 0x40 + 0xF0 /* the sizes of punct_blocks */
};

/* The classes of the characters of punct_blocks, one after the other,
 * read once from the library. */
static uint8_t punct_block_class[PUNCT_BLOCK_CHARS];
static pthread_once_t punct_block_once = PTHREAD_ONCE_INIT;

/* The classes of the three-byte characters (CLASS_ bits, by code point),
 * read once from the library: 0 for the Han characters, whatever the
 * library says of them, and CLASS_SLOW for what the general path must
 * read (an overlong form, a surrogate, U+FFFD). */
static uint8_t three_byte_class[65536];

static void read_character_classes(void)
{
    size_t k = 0;
    for (size_t b = 0; b < sizeof punct_blocks / sizeof punct_blocks[0]; b++) {
        for (int32_t cp = punct_blocks[b].first; cp <= punct_blocks[b].last;
             cp++) {
            punct_block_class[k++] =
                (uint8_t)(CLASS_KNOWN | (sl_is_space(cp) ? CLASS_SPACE : 0) |
                          (sl_is_sentence_end(cp) ? CLASS_SENTENCE_END : 0) |
                          (sl_is_punct(cp) ? CLASS_PUNCT : 0));
        }
    }
    for (int32_t cp = 0; cp <= 0xFFFF; cp++) {
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFD)
            three_byte_class[cp] = CLASS_SLOW;
        else if (cp >= 0x4E00 && cp <= 0x9FFF)
            three_byte_class[cp] = 0;
        else
            three_byte_class[cp] =
                (uint8_t)((sl_is_space(cp) ? CLASS_SPACE : 0) |
                          (sl_is_sentence_end(cp) ? CLASS_SENTENCE_END : 0) |
                          (sl_is_punct(cp) ? CLASS_PUNCT : 0));
    }
}

/* The classes of a character of punct_blocks, 0 for any other: one
 * unsigned comparison per block (the loop unrolls over the constant
 * table once inlined). */
static inline unsigned punct_block_class_of(int32_t cp)
{
    size_t k = 0;
    for (size_t b = 0; b < sizeof punct_blocks / sizeof punct_blocks[0]; b++) {
        uint32_t offset = (uint32_t)cp - (uint32_t)punct_blocks[b].first;
        uint32_t size =
            (uint32_t)(punct_blocks[b].last - punct_blocks[b].first + 1);
        if (offset < size)
            return punct_block_class[k + offset];
        k += size;
    }
    return 0;
}

/* The classes of the well-formed three-byte character at u + pos when it
 * lies in punct_blocks (its code point in *cp), else 0: CJK punctuation,
 * read without the general decoder. */
static unsigned cjk_punct_at(const unsigned char *u, size_t pos, size_t len,
                             int32_t *cp)
{
    if (len - pos < 3)
        return 0;
    unsigned lead = u[pos], mid = u[pos + 1] ^ 0x80u, low = u[pos + 2] ^ 0x80u;
    if ((lead != 0xE2 && lead != 0xE3 && lead != 0xEF) || (mid | low) >= 0x40)
        return 0;
    *cp = (int32_t)((lead & 0x0F) << 12 | mid << 6 | low);
    return punct_block_class_of(*cp);
}

/* Counts the sentence end and punctuation a character other than a Han
 * one (cp, its bytes before pos) is into in; returns whether it counts as
 * a character at all (white space does not). */
static int count_other(const sl_block *b, size_t pos, int32_t cp, bp_info *in)
{
    if (cp < 0x80) {
        switch (cp) {
        case ' ':
        case '\t': return 0;
        case '.':
            if (pos >= b->len || b->text[pos] == ' ')
                in->sentence_ends++;
            break;
        case '!':
        case '?': in->sentence_ends++; break;
        case ';':
            in->sentence_ends++;
            in->punct++;
            break;
        case ',':
        case ':': in->punct++; break;
        }
        return 1;
    }
    unsigned class = punct_block_class_of(cp);
    if (!class) {
        class = (sl_is_space(cp) ? CLASS_SPACE : 0) |
                (sl_is_sentence_end(cp) ? CLASS_SENTENCE_END : 0) |
                (sl_is_punct(cp) ? CLASS_PUNCT : 0);
    }
    if (class & CLASS_SPACE)
        return 0;
    if (class & CLASS_SENTENCE_END)
        in->sentence_ends++;
    if (class & CLASS_PUNCT)
        in->punct++;
    return 1;
}

/* The counts a pass over three-byte characters keeps: characters that
 * count, sentence ends, punctuation, the last character that counts and
 * the slot of starts->at the next possible phrase start goes to. */
typedef struct three_byte_counts {
    uint32_t n, ends, punct;
    int32_t counted;
    size_t noted;
} three_byte_counts;

/* Reads the well-formed three-byte character cp at pos into c (see
 * read_three_byte_run); returns 0, reading nothing, for one the general
 * path must read. A position is noted without a branch (the slot is
 * written each time and kept when the reach allows: one Han character in
 * a few opens some phrase, at random). The reach is read for every
 * character, from the 64 KB table itself: a bit table of the characters
 * that open phrases in front of it (8 KB, so that the characters opening
 * none read slot 0 and the table stays out of the cache) cost 9
 * instructions a character to save 22,000 first-level cache misses in
 * 8 MB of news pages (callgrind's cache model; 22 million instructions
 * more). A reach is at most BP_LEXICON_MAX_CHARS, so
 * the test needs no bound of its own; n | (n == 0) keeps a reach of 0 (no
 * phrase) from passing before the first character that counts. */
static inline int take_three_byte(uint32_t cp, size_t pos, three_byte_counts *c,
                                  size_t *at)
{
    const uint8_t *reach = bp_lexicon_reach_by_char;
    at[c->noted] = pos;
    if (cp - 0x4E00u <= 0x9FFFu - 0x4E00u) { /* Han */
        c->n++; /* so n is at least 1 for the reach test */
        c->counted = (int32_t)cp;
        c->noted += reach[cp] >= c->n;
        return 1;
    }
    unsigned class = three_byte_class[(uint16_t)cp]; /* below 0x10000 */
    if (class & CLASS_SLOW)
        return 0;
    unsigned counts = !(class & CLASS_SPACE);
    c->n += counts;
    c->ends += (class / CLASS_SENTENCE_END) & 1;
    c->punct += (class / CLASS_PUNCT) & 1;
    c->counted = counts ? (int32_t)cp : c->counted;
    c->noted += reach[cp] >= (c->n | (c->n == 0));
    return 1;
}

/* The code point of the three bytes at u (1110xxxx 10yyyyyy 10zzzzzz,
 * which the caller checked), the constant bits taken off at once. */
static inline uint32_t three_byte_cp(const unsigned char *u)
{
    return ((uint32_t)u[0] << 12) + ((uint32_t)u[1] << 6) + u[2] - 0xE2080u;
}

/* The four bytes at u as a little-endian word, whatever the machine's
 * order (the compiler makes it one load where it can). */
static inline uint32_t four_bytes_le(const unsigned char *u)
{
    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
           (uint32_t)u[3] << 24;
}

/* Whether the first three of the four bytes w (four_bytes_le) are a lead
 * byte E0..EF and two continuation bytes: one mask and one comparison. */
static inline int three_byte_form(uint32_t w)
{
    return (w & 0x00C0C0F0u) == 0x008080E0u;
}

/* read_three_byte_run's loop for a run that cannot fill starts (room for
 * a start at each of its characters) and while four bytes are left: the
 * form of the character tested on a word of four bytes, and no test for
 * a full starts. Returns the position where it stopped; *done is set
 * when it stopped at a character the run does not read (the run ends
 * there), clear when fewer than four bytes are left. */
static size_t read_three_byte_roomy(const unsigned char *u, size_t pos,
                                    size_t len, three_byte_counts *c,
                                    size_t *at, int *done)
{
    size_t stop = len - 3; /* pos < stop: four bytes left */
    while (pos < stop) {
        if (!three_byte_form(four_bytes_le(u + pos)) ||
            !take_three_byte(three_byte_cp(u + pos), pos, c, at)) {
            *done = 1;
            return pos;
        }
        pos += 3;
    }
    *done = 0;
    return pos;
}

/* Reads the well-formed three-byte characters from pos on (most of
 * Chinese text: Han characters and CJK punctuation), as the general path
 * of measure_chars would: counts them into *chars and their sentence
 * ends and punctuation into in, notes where a phrase starting with one
 * may count in a block of *chars so far, sets *last to the last one that
 * counts and returns the position after them. One loop for the Han
 * characters and the punctuation between them, so that a comma does not
 * end it (where a run of Han characters ends is hard to guess, and each
 * wrong guess costs more than the class look-up). Most runs cannot fill
 * starts: read_three_byte_roomy reads them. */
static size_t read_three_byte_run(const unsigned char *u, size_t pos,
                                  size_t len, uint32_t *chars, int32_t *last,
                                  bp_info *in, bp_phrase_starts *starts)
{
    three_byte_counts c = {*chars, 0, 0, *last, starts->n};
    int done = 0;
    /* (len - pos) / 3 characters at most, fewer than the room left */
    if (len - pos >= 4 &&
        len - pos < 3 * ((size_t)BP_LEXICON_MAX_STARTS - starts->n))
        pos = read_three_byte_roomy(u, pos, len, &c, starts->at, &done);
    size_t stop = len > 2 ? len - 2 : 0; /* pos < stop: three bytes left */
    while (!done && pos < stop) {
        unsigned lead = u[pos], mid = u[pos + 1], low = u[pos + 2];
        if ((lead & 0xF0) != 0xE0 || ((mid ^ 0x80) | (low ^ 0x80)) >= 0x40)
            break;
        if (!take_three_byte(three_byte_cp(u + pos), pos, &c, starts->at))
            break;
        if (c.noted == BP_LEXICON_MAX_STARTS)
            c.noted = starts_overflow(starts);
        pos += 3;
    }
    starts->n = c.noted;
    *chars = c.n;
    *last = c.counted;
    in->sentence_ends += c.ends;
    in->punct += c.punct;
    return pos;
}

/* One pass over the characters of a block: counts them, their sentence
 * ends and punctuation, notes where stop phrases may start, and sets
 * in->year_digits when a run of digits holds a year (19xx, 20xx). A
 * year every run of digits holds is found there: a run of them is read
 * whole by read_digit_run. Returns whether the pass read a digit or a
 * malformed byte some other way (a phrase that starts with a digit, a
 * byte that might have hidden one): then only has_year_digits can say. */
static int measure_chars(const sl_block *b, bp_info *in,
                         bp_phrase_starts *starts)
{
    const unsigned char *u = (const unsigned char *)b->text;
    size_t len = b->len, pos = 0;
    uint32_t chars = 0;
    int32_t last = 0;
    int unsure = 0, year = 0;
    while (pos < len) {
        /* the common case: Han characters and CJK punctuation (a run
         * starts at a lead byte E0..EF only: the ASCII of a line, a
         * comma or a letter at a time, does not set one up) */
        if ((u[pos] & 0xF0) == 0xE0) {
            pos = read_three_byte_run(u, pos, len, &chars, &last, in, starts);
            if (pos >= len)
                break;
        }
        /* figures: digits count as characters and end nothing */
        if (u[pos] - (unsigned)'0' < 10 && !bp_lexicon_first_bytes[u[pos]]) {
            pos = read_digit_run(u, pos, len, &chars, &last, &year);
            continue;
        }
        size_t at = pos, next = pos;
        int32_t cp;
        unsigned class = cjk_punct_at(u, pos, len, &cp);
        if (class) { /* 。，、“”: counted as count_other would */
            pos += 3;
            if (class & CLASS_SENTENCE_END)
                in->sentence_ends++;
            if (class & CLASS_PUNCT)
                in->punct++;
            if (!(class & CLASS_SPACE)) {
                chars++;
                last = cp;
            }
        } else {
            cp = sl_utf8_next_inline(b->text, len, &next);
            pos = next;
            if (cp == 0xFFFD && pos - at == 1)
                starts->all = 1; /* malformed: the matcher steps otherwise */
            if ((cp >= '0' && cp <= '9') || cp == 0xFFFD)
                unsure = 1;
            if (count_other(b, pos, cp, in)) {
                chars++;
                last = cp;
            }
        }
        if (chars <= BP_LEXICON_MAX_CHARS) {
            unsigned reach = 0;
            if (pos - at == 3)
                reach = bp_lexicon_reach_by_char[cp];
            else if (bp_lexicon_first_bytes[u[at]])
                reach = bp_lexicon_reach(b->text, at, len);
            if (reach > 0 && reach >= chars)
                note_phrase_start(starts, at);
        }
    }
    in->chars = chars;
    in->ends_sentence =
        sl_is_sentence_end(last) || last == 0x201D || last == '"';
    in->year_digits = (uint8_t)year;
    return unsure;
}

void bp_measure(const sl_doc *doc, bp_info *info)
{
    bp_lexicon_init();
    pthread_once(&punct_block_once, read_character_classes);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        bp_info *in = &info[i];
        memset(in, 0, sizeof *in);
        bp_phrase_starts starts;
        starts.n = 0;
        starts.all = 0;
        if (measure_chars(b, in, &starts) && !in->year_digits)
            in->year_digits = (uint8_t)has_year_digits(b->text, b->len);
        in->heading_marker = (uint8_t)starts_with_marker(b->text, b->len);
        in->stray = (uint8_t)is_stray(b->text, b->len, in->chars);
        in->date_only = (uint8_t)is_date_only(b->text, b->len, in->chars);
        in->dated = in->chars <= BP_DATELINE_MAX_CHARS && in->year_digits &&
                    (uint8_t)(has_full_date(b->text, b->len) ||
                              has_year_last_date(b->text, b->len) ||
                              has_english_date(b->text, b->len) ||
                              has_year_and_clock(b->text, b->len));
        /* no start noted: no phrase, and in->lex is zero already */
        if (starts.n > 0 || starts.all)
            bp_lexicon_match_starts(b->text, b->len, in->chars, &starts,
                                    &in->lex);
    }
}

void bp_flag(bp_info *info, bp_reason reason)
{
    bp_flag_score(info, reason, bp_reason_score(reason));
}

void bp_flag_score(bp_info *info, bp_reason reason, float score)
{
    if (score > info->score) {
        info->score = score;
        info->reason = reason;
    }
}

float bp_lexicon_score(const bp_info *in)
{
    float s = in->lex.strength;
    /* a numbered heading of an article ("第三章 注册资本") is content
     * unless the phrase is decisive (版权所有, ICP备...) */
    if (in->heading_marker && s < 0.95f)
        return 0.0f;
    /* a sentence of some length mentioning a phone line is prose */
    if (in->sentence_ends > 0 && in->chars > 15)
        s -= 0.25f;
    return s;
}
