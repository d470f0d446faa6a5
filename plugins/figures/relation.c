/* plugins/figures/relation.c - conditions: a number compared with the
 * relational words of mathematics (大于10, 不少于120学时, 比三十大,
 * greater than 100, equal to 20, >= 30, 200 or greater). Such a number
 * states a bound that something must meet, not an amount the text
 * reports, so the stage reports it as a range span, apart from the
 * figures. Reporting qualifiers (超过, 以上, 近, more than, over, up to)
 * are not relations: 超过了90% stays a figure, over.
 */
#include <string.h>

#include "figures.h"

typedef struct relation_word {
    const char *text;
    size_t len;
    const char *qualifier; /* fig_over, fig_under, or NULL for equal */
} relation_word;

#define RW(text, qualifier)                                                    \
    {                                                                          \
        text, sizeof(text) - 1, qualifier                                      \
    }

/* Chinese words before the number; longest first where one ends another. */
static const relation_word ZH_RELATIONS[] = {RW("大于或者等于", fig_over),
                                             RW("小于或者等于", fig_under),
                                             RW("大于或等于", fig_over),
                                             RW("小于或等于", fig_under),
                                             RW("大于等于", fig_over),
                                             RW("小于等于", fig_under),
                                             RW("不大于", fig_under),
                                             RW("不小于", fig_over),
                                             RW("不少于", fig_over),
                                             RW("不多于", fig_under),
                                             RW("不低于", fig_over),
                                             RW("不高于", fig_under),
                                             RW("不超过", fig_under),
                                             RW("大于", fig_over),
                                             RW("小于", fig_under),
                                             RW("等于", NULL),
                                             {NULL, 0, NULL}};
/* 等于 and "equal to" alone state the amount (x等于170, a ton is equal
 * to 2,204.62 pounds): only with a side (大于或等于) do they make a
 * condition. */

/* Symbols before the number, after spaces: >=, ≥, <, <> ... */
static const relation_word SYMBOL_RELATIONS[] = {
    RW(">=", fig_over),  RW("=>", fig_over),   RW("<=", fig_under),
    RW("=<", fig_under), RW("< =", fig_under), RW("> =", fig_over),
    RW("<>", NULL),      RW("≥", fig_over),    RW("≤", fig_under),
    RW("＞", fig_over),  RW("＜", fig_under),  RW("⩾", fig_over),
    RW("⩽", fig_under),  RW(">", fig_over),    RW("<", fig_under),
    {NULL, 0, NULL}};

static size_t back_over_spaces(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] == ' ')
        pos--;
    return pos;
}

/* The English word (letters) ending at pos, lower-cased into buf; its
 * start in *at. Empty when no letter ends at pos. */
static size_t word_before(const char *s, size_t pos, char *buf, size_t cap,
                          size_t *at)
{
    size_t p = pos;
    while (p > 0 && fig_is_alpha((unsigned char)s[p - 1]))
        p--;
    *at = p;
    size_t n = pos - p;
    if (n == 0 || n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[p + i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    buf[n] = '\0';
    return n;
}

typedef enum {
    EN_OTHER,
    EN_GLUE,
    EN_KEY_OVER,
    EN_KEY_UNDER,
    EN_KEY_EQUAL,
    EN_OVER,
    EN_UNDER
} en_role;

/* The part an English word plays in a comparison phrase: key words make
 * the phrase a relation (greater, smaller, equal), the others only give
 * its direction (more, less, at least) or glue it (than, to, or). */
static en_role english_role(const char *w)
{
    static const struct {
        const char *word;
        en_role role;
    } WORDS[] = {{"than", EN_GLUE},
                 {"to", EN_GLUE},
                 {"or", EN_GLUE},
                 {"is", EN_GLUE},
                 {"greater", EN_KEY_OVER},
                 {"larger", EN_KEY_OVER},
                 {"bigger", EN_KEY_OVER},
                 {"smaller", EN_KEY_UNDER},
                 {"equal", EN_KEY_EQUAL},
                 {"equals", EN_KEY_EQUAL},
                 {"equaling", EN_KEY_EQUAL},
                 {"equalling", EN_KEY_EQUAL},
                 {"more", EN_OVER},
                 {"higher", EN_OVER},
                 {"least", EN_OVER},
                 {"at", EN_GLUE},
                 {"less", EN_UNDER},
                 {"lower", EN_UNDER},
                 {"fewer", EN_UNDER},
                 {"most", EN_UNDER},
                 {"no", EN_GLUE}};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++)
        if (strcmp(w, WORDS[i].word) == 0)
            return WORDS[i].role;
    return EN_OTHER;
}

/* greater than, less than or equal to, no more than, equals: up to six
 * words before pos. A relation needs a key word, or "no" before more or
 * less (a limit: no more than 50 is at most 50). */
static bool english_relation_before(const char *s, size_t pos,
                                    const char **qualifier)
{
    char w[16];
    size_t at, p = back_over_spaces(s, pos);
    bool key = false, limit = false;
    const char *key_direction = NULL, *direction = NULL,
               *limit_direction = NULL;
    const char *right = NULL; /* the direction of the word read before */
    for (int k = 0; k < 6 && word_before(s, p, w, sizeof w, &at); k++) {
        en_role role = english_role(w);
        if (role == EN_OTHER)
            break;
        const char *this_direction = NULL;
        switch (role) {
        case EN_KEY_OVER:
            key = true;
            key_direction = fig_over;
            break;
        case EN_KEY_UNDER:
            key = true;
            key_direction = fig_under;
            break;
        case EN_KEY_EQUAL: key = true; break;
        case EN_OVER: this_direction = direction = fig_over; break;
        case EN_UNDER: this_direction = direction = fig_under; break;
        default:
            if (strcmp(w, "no") == 0 && right) {
                limit = true;
                limit_direction = right == fig_over ? fig_under : fig_over;
            }
            break;
        }
        right = this_direction;
        p = back_over_spaces(s, at);
        if (p == at)
            break; /* the word did not follow a space */
    }
    if (!key && !limit)
        return false;
    if (!key_direction && !limit && !direction)
        return false; /* equal to alone: the amount itself */
    *qualifier = key_direction ? key_direction
                 : limit       ? limit_direction
                               : direction;
    return true;
}

bool fig_relation_before(const char *s, size_t start, const char **qualifier)
{
    size_t p = back_over_spaces(s, start);
    if (p == 0)
        return false;
    unsigned char last = (unsigned char)s[p - 1];
    /* most figures follow a character that ends no relation: one test
     * of the last byte or character before the tables */
    if (last >= 0x80) {
        size_t at;
        int32_t cp = fig_cp_before(s, p, &at);
        if (cp != 0x4E8E /* 于 */ && cp != 0x8FC7 /* 过 */ &&
            cp != 0x2265 /* ≥ */ && cp != 0x2264 /* ≤ */ &&
            cp != 0xFF1E /* ＞ */ && cp != 0xFF1C /* ＜ */ &&
            cp != 0x2A7E /* ⩾ */ && cp != 0x2A7D /* ⩽ */)
            return false;
    } else if (last != '>' && last != '<' && last != '=' &&
               !fig_is_alpha(last)) {
        return false;
    }
    if (last >= 0x80) {
        for (const relation_word *r = ZH_RELATIONS; r->text; r++)
            if (fig_ends_with_bytes(s, p, r->text, r->len)) {
                *qualifier = r->qualifier;
                if (r->qualifier == NULL) {
                    /* 大于 或 等于: the words may stand apart */
                    size_t q = back_over_spaces(s, p - r->len);
                    if (fig_ends_with_bytes(s, q, "或者", 6))
                        q = back_over_spaces(s, q - 6);
                    else if (fig_ends_with_bytes(s, q, "或", 3))
                        q = back_over_spaces(s, q - 3);
                    if (fig_ends_with_bytes(s, q, "大于", 6))
                        *qualifier = fig_over;
                    else if (fig_ends_with_bytes(s, q, "小于", 6))
                        *qualifier = fig_under;
                    else
                        return false;
                }
                return true;
            }
    }
    for (const relation_word *r = SYMBOL_RELATIONS; r->text; r++)
        if (fig_ends_with_bytes(s, p, r->text, r->len)) {
            *qualifier = r->qualifier;
            return true;
        }
    if (fig_is_alpha(last))
        return english_relation_before(s, p, qualifier);
    return false;
}

bool fig_relation_after(const char *s, size_t len, size_t start, size_t end,
                        const char **qualifier)
{
    /* 比三十大, 比 170 低: 比 before, a comparative after */
    size_t p = back_over_spaces(s, start);
    if (p >= 3 && (unsigned char)s[p - 1] == 0x94 &&
        fig_ends_with_bytes(s, p, "比", 3)) {
        size_t q = end;
        while (q < len && s[q] == ' ')
            q++;
        static const relation_word COMPARATIVES[] = {
            RW("大", fig_over),  RW("高", fig_over),  RW("多", fig_over),
            RW("小", fig_under), RW("低", fig_under), RW("少", fig_under),
            {NULL, 0, NULL}};
        for (const relation_word *r = COMPARATIVES; r->text; r++)
            if (fig_starts(s, len, q, r->text)) {
                *qualifier = r->qualifier;
                return true;
            }
    }
    /* 200 or greater, 300 or smaller */
    size_t q = end;
    while (q < len && s[q] == ' ')
        q++;
    if (q >= len || s[q] != 'o')
        return false;
    static const relation_word EN_AFTER[] = {RW("or greater", fig_over),
                                             RW("or larger", fig_over),
                                             RW("or bigger", fig_over),
                                             RW("or smaller", fig_under),
                                             {NULL, 0, NULL}};
    for (const relation_word *r = EN_AFTER; r->text; r++)
        if (len - q >= r->len && strncmp(s + q, r->text, r->len) == 0 &&
            (q + r->len == len ||
             !fig_is_alpha((unsigned char)s[q + r->len]))) {
            if (r->qualifier)
                *qualifier = r->qualifier;
            return true;
        }
    return false;
}

/* True when "equal to", "equals" or 等于 ends right before start. */
static bool equality_before(const char *s, size_t start)
{
    size_t p = back_over_spaces(s, start);
    if (fig_ends_with_bytes(s, p, "等于", 6))
        return true;
    char w[16];
    size_t at;
    if (!word_before(s, p, w, sizeof w, &at))
        return false;
    if (strcmp(w, "equals") == 0)
        return true;
    if (strcmp(w, "to") != 0)
        return false;
    p = back_over_spaces(s, at);
    return word_before(s, p, w, sizeof w, &at) &&
           english_role(w) == EN_KEY_EQUAL;
}

bool fig_equal_with_side(const char *s, size_t len, size_t start, size_t end,
                         const char *qualifier)
{
    if (qualifier != fig_over && qualifier != fig_under)
        return false;
    if (equality_before(s, start))
        return true; /* equal to 5000 or less */
    size_t q = end;
    while (q < len && s[q] == ' ')
        q++;
    return len - q >= 8 &&
           strncmp(s + q, "or equal", 8) == 0; /* more than 5000 or equal to */
}
