/* plugins/figures/units.c - the look-up of units and currencies
 * (unit_table.c) in the text after (or before) a number: an index of the
 * tables by their first two characters, the longest entry written at a
 * place, full-width units (ｋｍ), and the currency before a number or
 * ending at a place.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "unit_table.h"

static bool is_ascii_word(const char *text)
{
    unsigned char c = (unsigned char)text[0];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Compares an ASCII text case-insensitively when it is a word. */
static bool matches(const char *s, size_t len, size_t pos, const char *text,
                    size_t n)
{
    if (pos + n > len)
        return false;
    if (!is_ascii_word(text))
        return memcmp(s + pos, text, n) == 0;
    for (size_t i = 0; i < n; i++) {
        char a = s[pos + i], b = text[i];
        if (a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return true;
}

/* The tables are searched through an index of their first two
 * characters. A character's key is its bytes, capital ASCII letters
 * folded to small ones, and the key of two characters is their bytes
 * together (no more than eight). Each first character of an entry has a
 * slot listing its entries of that one character; entries of two
 * characters or more are listed in the slot of their first two, and the
 * first character's slot keeps a 64-bit filter of those pairs (one bit
 * each), so that text whose pair no entry starts with costs one look-up.
 * The pair's entries are tried before the first character's (they are
 * longer). Each list runs from the longest entry down, in table order
 * among equals, as the longest match wants. An entry written at a place
 * has the keys of the text there, so the lists hold every entry that may
 * match. Each entry also keeps its first eight bytes and a mask over
 * them, so that most entries are told apart by one comparison of two
 * 64-bit words. */
#define INDEX_SLOTS 1024
#define PAIR_SLOTS 2048 /* a power of two, over twice the keys */

/* How the text at a position is compared with an entry. */
enum {
    MATCH_EXACT,  /* byte for byte: Chinese and symbols */
    MATCH_FOLDED, /* an English word in lower case: letters fold */
    MATCH_SLOW    /* an English word with capitals: matches() */
};

/* The entries under one key, list[start .. start + count); for the key
 * of one character, pairs has the bit (pair_bit) of each pair of
 * characters starting with it that entries start with. key 0: a free
 * slot. */
typedef struct pair_slot {
    uint64_t key;
    uint64_t pairs;
    uint16_t start;
    uint8_t count;
} pair_slot;

typedef struct unit_index {
    bool opens[INDEX_SLOTS]; /* some entry's first code point hashes here */
    pair_slot pairs[PAIR_SLOTS];
    int16_t list[MAX_ENTRIES];    /* entry numbers, grouped by key */
    uint64_t prefix[MAX_ENTRIES]; /* the entry's first 8 bytes */
    uint64_t mask[MAX_ENTRIES];   /* 0xFF over the bytes it has */
    uint8_t how[MAX_ENTRIES];     /* MATCH_* */
    uint8_t fits[MAX_ENTRIES];    /* FIT_*: entry_fits as flags */
} unit_index;

/* What entry_fits asks of an entry, known in advance. */
enum {
    FIT_ENDS_WORD = 1, /* no letter may follow it */
    FIT_WORD = 2,      /* an English word: no digit may follow it unless
                          allowed */
    FIT_UNSPACED = 4   /* not after a space */
};

static unit_index units_index, currencies_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* The code point at s[pos] for fig_unit_may_start: letters fold to lower
 * case. */
static unsigned first_code(const char *s, size_t len, size_t pos)
{
    unsigned char c = (unsigned char)s[pos];
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32u : c;
    size_t n;
    return (unsigned)fig_cp_at(s, len, pos, &n);
}

static unsigned slot_of(unsigned key)
{
    return (key * 2654435761u) >> 22; /* 10 bits */
}

/* Up to 8 bytes of s from pos as a word, zero past the end, near the end
 * of the text. */
static uint64_t last_bytes(const char *s, size_t len, size_t pos)
{
    unsigned char buf[8] = {0};
    memcpy(buf, s + pos, len - pos);
    uint64_t word;
    memcpy(&word, buf, sizeof word);
    return word;
}

/* Up to 8 bytes of s from pos as a word, zero past the end. */
static inline uint64_t first_bytes(const char *s, size_t len, size_t pos)
{
    if (len - pos < 8)
        return last_bytes(s, len, pos);
    uint64_t word;
    memcpy(&word, s + pos, sizeof word);
    return word;
}

/* The word with its bytes 'A'..'Z' made 'a'..'z', all eight at once:
 * a byte below 0x80 gains 0x20 when adding 0x80 - 'A' sets its top bit
 * and adding 0x80 - 'Z' - 1 does not. */
static uint64_t fold_word(uint64_t word)
{
    const uint64_t ones = 0x0101010101010101u, tops = ones * 0x80;
    uint64_t low = word & ~tops;
    uint64_t from_a = low + ones * (0x80 - 'A');
    uint64_t past_z = low + ones * (0x80 - 'Z' - 1);
    uint64_t upper = from_a & ~past_z & ~word & tops;
    return word | (upper >> 2);
}

/* Bytes of the UTF-8 character with this first byte (1 for a stray one),
 * by its high four bits. */
static size_t char_bytes(unsigned char c)
{
    static const uint8_t BYTES_BY_HIGH_BITS[16] = {1, 1, 1, 1, 1, 1, 1, 1,
                                                   1, 1, 1, 1, 2, 2, 3, 4};
    return BYTES_BY_HIGH_BITS[c >> 4];
}

/* first_n[n]: 0xFF over the first n bytes of a word as first_bytes reads
 * it, in memory order whatever the machine's byte order. */
static uint64_t first_n[9];

static void build_first_n(void)
{
    for (size_t n = 0; n <= 8; n++) {
        unsigned char ones[8] = {0};
        memset(ones, 0xFF, n);
        memcpy(&first_n[n], ones, sizeof ones);
    }
}

/* The word's first n bytes, the others zero. */
static uint64_t low_bytes(uint64_t word, size_t n)
{
    return word & first_n[n < 8 ? n : 8];
}

/* The key of the character at pos (pos < len), given the text's first
 * eight bytes there, folded; its bytes in *n. */
static uint64_t one_key(const char *s, size_t len, size_t pos, uint64_t folded,
                        size_t *n)
{
    *n = char_bytes((unsigned char)s[pos]);
    return low_bytes(folded, *n < len - pos ? *n : len - pos);
}

/* The key of the two characters at pos, the first of n bytes, or 0 when
 * the text ends after the first. */
static uint64_t two_key(const char *s, size_t len, size_t pos, uint64_t folded,
                        size_t n)
{
    if (n >= len - pos)
        return 0;
    size_t both = n + char_bytes((unsigned char)s[pos + n]);
    return low_bytes(folded, both < len - pos ? both : len - pos);
}

static unsigned key_hash(uint64_t key)
{
    return (unsigned)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 53); /* 11 */
}

/* The filter bit of a key of two characters. */
static uint64_t pair_bit(uint64_t key)
{
    return UINT64_C(1) << ((key * UINT64_C(0xC2B2AE3D27D4EB4F)) >> 58);
}

/* The slot of a key, or NULL when no entry is under it. */
static const pair_slot *pair_find(const unit_index *index, uint64_t key)
{
    for (unsigned h = key_hash(key);; h = (h + 1) % PAIR_SLOTS) {
        const pair_slot *p = &index->pairs[h];
        if (p->key == 0)
            return NULL;
        if (p->key == key)
            return p;
    }
}

/* The slot of a key, taken when it was free. */
static pair_slot *pair_take(unit_index *index, uint64_t key)
{
    for (unsigned h = key_hash(key);; h = (h + 1) % PAIR_SLOTS) {
        pair_slot *p = &index->pairs[h];
        if (p->key == 0)
            p->key = key;
        if (p->key == key)
            return p;
    }
}

static uint8_t match_kind(const char *text)
{
    if (!is_ascii_word(text))
        return MATCH_EXACT;
    for (const char *t = text; *t; t++)
        if (*t >= 'A' && *t <= 'Z')
            return MATCH_SLOW;
    return MATCH_FOLDED;
}

/* The key an entry is listed under, and in *first the key of its first
 * character. */
static uint64_t entry_key(const unit_entry *e, uint64_t *first)
{
    uint64_t folded = fold_word(first_bytes(e->u.text, e->len, 0));
    size_t n;
    *first = one_key(e->u.text, e->len, 0, folded, &n);
    return n < e->len ? two_key(e->u.text, e->len, 0, folded, n) : *first;
}

/* True when an entry written at pos may be taken there: what follows it
 * and (spaced) the space before it allow it. */
static bool entry_fits(const unit_entry *e, const char *s, size_t len,
                       size_t pos, bool spaced, bool digit_after_ok)
{
    size_t n = e->len;
    bool word = is_ascii_word(e->u.text);
    /* a form ending in a letter ends a word: not "° C" of "° Celsius" */
    if ((word || fig_is_alpha((unsigned char)e->u.text[n - 1])) &&
        pos + n < len && fig_is_alpha((unsigned char)s[pos + n]))
        return false;
    if (word && !digit_after_ok && pos + n < len && s[pos + n] >= '0' &&
        s[pos + n] <= '9')
        return false;
    if (spaced && (e->attached || !word) &&
        strncmp(e->u.text, "°", strlen("°")) != 0 &&
        strcmp(e->u.text, "%") != 0 && strcmp(e->u.text, "€") != 0 &&
        strcmp(e->u.text, "$") != 0)
        return false;
    return true;
}

/* entry_fits's questions about the entry alone, as FIT_* flags. */
static uint8_t fit_flags(const unit_entry *e)
{
    bool word = is_ascii_word(e->u.text);
    uint8_t flags = 0;
    if (word || fig_is_alpha((unsigned char)e->u.text[e->len - 1]))
        flags |= FIT_ENDS_WORD;
    if (word)
        flags |= FIT_WORD;
    if ((e->attached || !word) && strncmp(e->u.text, "°", strlen("°")) != 0 &&
        strcmp(e->u.text, "%") != 0 && strcmp(e->u.text, "€") != 0 &&
        strcmp(e->u.text, "$") != 0)
        flags |= FIT_UNSPACED;
    return flags;
}

/* entry_fits by the entry's flags: n bytes written at pos. */
static bool fits_at(uint8_t flags, const char *s, size_t len, size_t pos,
                    size_t n, bool spaced, bool digit_after_ok)
{
    if (pos + n < len) {
        unsigned char next = (unsigned char)s[pos + n];
        if ((flags & FIT_ENDS_WORD) && fig_is_alpha(next))
            return false;
        if ((flags & FIT_WORD) && !digit_after_ok && next >= '0' && next <= '9')
            return false;
    }
    return !(spaced && (flags & FIT_UNSPACED));
}

/* The entry numbers of the table from the longest down, in table order
 * among equals; returns how many. */
static size_t longest_first(const unit_entry *table, int16_t *order)
{
    size_t longest_len = 0, count = 0;
    for (size_t i = 0; table[i].u.text; i++)
        if (table[i].len > longest_len)
            longest_len = table[i].len;
    for (size_t n = longest_len; n > 0; n--)
        for (size_t i = 0; table[i].u.text; i++)
            if (table[i].len == n)
                order[count++] = (int16_t)i;
    return count;
}

static void index_table(const unit_entry *table, unit_index *index)
{
    int16_t order[MAX_ENTRIES];
    uint64_t keys[MAX_ENTRIES];
    size_t count = longest_first(table, order);
    for (size_t i = 0; i < count; i++) {
        const char *t = table[i].u.text;
        size_t n = table[i].len;
        index->prefix[i] = first_bytes(t, n, 0);
        unsigned char ones[8] = {0};
        memset(ones, 0xFF, n < 8 ? n : 8);
        memcpy(&index->mask[i], ones, sizeof ones);
        index->how[i] = match_kind(t);
        index->fits[i] = fit_flags(&table[i]);
        index->opens[slot_of(first_code(t, n, 0))] = true;
        uint64_t first, key = entry_key(&table[i], &first);
        keys[i] = key;
        pair_take(index, key)->count++;
        if (key != first)
            pair_take(index, first)->pairs |= pair_bit(key);
    }
    /* each key's entries together, in the order of order[] */
    uint16_t start = 0;
    for (size_t h = 0; h < PAIR_SLOTS; h++) {
        pair_slot *p = &index->pairs[h];
        p->start = start;
        start = (uint16_t)(start + p->count);
        p->count = 0;
    }
    for (size_t k = 0; k < count; k++) {
        pair_slot *p = pair_take(index, keys[order[k]]);
        index->list[p->start + p->count++] = order[k];
    }
}

static void build_indexes(void)
{
    build_first_n();
    index_table(UNITS, &units_index);
    index_table(CURRENCIES, &currencies_index);
}

/* Builds the indexes once. A flag set after they are built lets every
 * later call pass without the call into the threads library. */
static atomic_bool indexes_built;

static void ensure_indexes(void)
{
    if (atomic_load_explicit(&indexes_built, memory_order_acquire))
        return;
    pthread_once(&index_once, build_indexes);
    atomic_store_explicit(&indexes_built, true, memory_order_release);
}

/* True when entry i of the table is written at pos. */
static bool entry_at(const unit_entry *table, const unit_index *index, size_t i,
                     const char *s, size_t len, size_t pos, uint64_t exact,
                     uint64_t folded)
{
    const unit_entry *e = &table[i];
    switch (index->how[i]) {
    case MATCH_EXACT:
        if ((exact & index->mask[i]) != index->prefix[i])
            return false;
        return e->len <= 8 || matches(s, len, pos, e->u.text, e->len);
    case MATCH_FOLDED:
        if ((folded & index->mask[i]) != index->prefix[i])
            return false;
        return e->len <= 8 || matches(s, len, pos, e->u.text, e->len);
    default: return matches(s, len, pos, e->u.text, e->len);
    }
}

/* Longest entry of table matching at pos (pos < len). */
static const unit_entry *longest(const unit_entry *table,
                                 const unit_index *index, const char *s,
                                 size_t len, size_t pos, bool spaced,
                                 bool digit_after_ok, size_t *end)
{
    ensure_indexes();
    uint64_t exact = first_bytes(s, len, pos);
    uint64_t folded = fold_word(exact);
    size_t n;
    const pair_slot *one = pair_find(index, one_key(s, len, pos, folded, &n));
    if (!one)
        return NULL;
    /* the pair's entries, list[from .. from + count), then the first
     * character's */
    size_t from = one->start, count = 0, total = one->count;
    uint64_t two = two_key(s, len, pos, folded, n);
    const pair_slot *p;
    if (two && (one->pairs & pair_bit(two)) &&
        (p = pair_find(index, two)) != NULL && p != one) {
        from = p->start;
        count = p->count;
        total += count;
    }
    for (size_t k = 0; k < total; k++) {
        size_t i =
            (size_t)
                index->list[k < count ? from + k : one->start + (k - count)];
        if (entry_at(table, index, i, s, len, pos, exact, folded) &&
            fits_at(index->fits[i], s, len, pos, table[i].len, spaced,
                    digit_after_ok)) {
            *end = pos + table[i].len;
            return &table[i];
        }
    }
    return NULL;
}

/* The same by a walk over the whole table, for tests. */
static const unit_entry *longest_by_walk(const unit_entry *table, const char *s,
                                         size_t len, size_t pos, bool spaced,
                                         bool digit_after_ok, size_t *end)
{
    const unit_entry *best = NULL;
    for (size_t i = 0; table[i].u.text; i++) {
        const unit_entry *e = &table[i];
        if ((!best || e->len > best->len) &&
            matches(s, len, pos, e->u.text, e->len) &&
            entry_fits(e, s, len, pos, spaced, digit_after_ok))
            best = e;
    }
    if (best)
        *end = pos + best->len;
    return best;
}

const fig_unit *fig_unit_table_at(bool currencies, bool by_walk, const char *s,
                                  size_t len, size_t pos, bool spaced,
                                  bool digit_after_ok, size_t *end)
{
    ensure_indexes();
    const unit_entry *table = currencies ? CURRENCIES : UNITS;
    const unit_entry *e =
        pos >= len ? NULL
        : by_walk
            ? longest_by_walk(table, s, len, pos, spaced, digit_after_ok, end)
            : longest(table, currencies ? &currencies_index : &units_index, s,
                      len, pos, spaced, digit_after_ok, end);
    return e ? &e->u : NULL;
}

const char *fig_unit_table_text(bool currencies, size_t i)
{
    const unit_entry *table = currencies ? CURRENCIES : UNITS;
    for (size_t k = 0; k < i; k++)
        if (!table[k].u.text)
            return NULL;
    return table[i].u.text;
}

bool fig_unit_may_start(int32_t cp)
{
    ensure_indexes();
    unsigned key = cp >= 'A' && cp <= 'Z' ? (unsigned)cp + 32u : (unsigned)cp;
    return units_index.opens[slot_of(key)];
}

/* True when a full-width letter (Ａ-Ｚ, ａ-ｚ) is at pos: EF BC A1..BA or
 * EF BD 81..9A. */
static bool is_fullwidth_letter(const char *s, size_t len, size_t pos)
{
    if (len - pos < 3 || (unsigned char)s[pos] != 0xEF)
        return false;
    unsigned char b1 = (unsigned char)s[pos + 1],
                  b2 = (unsigned char)s[pos + 2];
    return (b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) ||
           (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A);
}

/* The unit spelled in full-width forms at pos (ｋｍ, ＫＧ, ｍｌ), read as
 * the ASCII it stands for; *end is in s. NULL when there is none. */
static const unit_entry *fullwidth_unit_at(const char *s, size_t len,
                                           size_t pos, size_t *end)
{
    char ascii[24];
    size_t n = 0, p = pos, m;
    while (n < sizeof ascii && p < len && (unsigned char)s[p] == 0xEF) {
        int32_t cp = fig_cp_at(s, len, p, &m);
        if (cp < 0xFF01 || cp > 0xFF5E)
            break;
        ascii[n++] = (char)(cp - 0xFF01 + '!');
        p += m;
    }
    size_t ascii_end;
    const unit_entry *e =
        n ? longest(UNITS, &units_index, ascii, n, 0, false, false, &ascii_end)
          : NULL;
    if (e)
        *end = pos + 3 * ascii_end; /* each form is three bytes */
    return e;
}

/* True when the text of a table entry is Chinese (starts with a
 * character beyond ASCII). */
static bool is_chinese_unit(const unit_entry *e)
{
    return (unsigned char)e->u.text[0] >= 0x80;
}

const fig_unit *fig_unit_after(const char *s, size_t len, size_t pos,
                               bool chinese_numeral, size_t *end)
{
    if (pos >= len)
        return NULL;
    const unit_entry *e =
        longest(UNITS, &units_index, s, len, pos, false, false, end);
    if (e && !(chinese_numeral && is_ascii_word(e->u.text)))
        return &e->u;
    if (is_fullwidth_letter(s, len, pos) && !chinese_numeral &&
        (e = fullwidth_unit_at(s, len, pos, end)) != NULL)
        return &e->u;
    /* English units may follow spaces or a hyphen: "10 km", "3-inch";
     * Chinese ones spaces after Arabic digits: "100 公里" */
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p == pos && p < len && s[p] == '-')
        p++;
    if (p == pos || p >= len || chinese_numeral)
        return NULL;
    if ((unsigned char)s[p] >= 0x80 && s[p - 1] == ' ') {
        e = longest(UNITS, &units_index, s, len, p, false, false, end);
        if (!e && is_fullwidth_letter(s, len, p))
            e = fullwidth_unit_at(s, len, p, end);
        return e && (is_chinese_unit(e) || s[p] == (char)0xEF) ? &e->u : NULL;
    }
    e = longest(UNITS, &units_index, s, len, p, true, false, end);
    return e ? &e->u : NULL;
}

const fig_unit *fig_currency_before(const char *s, size_t len, size_t pos,
                                    size_t *end)
{
    if (pos >= len)
        return NULL;
    const unit_entry *e =
        longest(CURRENCIES, &currencies_index, s, len, pos, false, true, end);
    if (!e)
        return NULL;
    /* the number follows, after optional spaces */
    size_t p = *end;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len)
        return NULL;
    size_t n;
    int32_t cp = fig_cp_at(s, len, p, &n);
    if (!fig_is_digit_cp(cp) &&
        !(s[p] == '.' && p + 1 < len && s[p + 1] >= '0' && s[p + 1] <= '9')) {
        if (!(is_ascii_word(e->u.text) || (unsigned char)e->u.text[0] >= 0x80))
            return NULL;
        /* "USD twenty", "人民币五万元" */
        if (!(fig_zh_starts_numeral(cp) || fig_is_alpha((unsigned char)s[p])))
            return NULL;
    }
    if (is_ascii_word(e->u.text) && pos > 0 &&
        fig_is_alpha((unsigned char)s[pos - 1]))
        return NULL;
    *end = p;
    return &e->u;
}

const fig_unit *fig_currency_ending_at(const char *s, size_t pos, size_t *start)
{
    size_t at;
    int32_t last = fig_cp_before(s, pos, &at);
    /* every Chinese currency word of the table ends in one of these */
    if (last != 0x5E01 /* 币 */ && last != 0x5E63 /* 幣 */ &&
        last != 0x5143 /* 元 */ && last != 0x91D1 /* 金 */)
        return NULL;
    for (size_t i = 0; CURRENCIES[i].u.text; i++) {
        const unit_entry *e = &CURRENCIES[i];
        if ((unsigned char)e->u.text[0] >= 0xE0 && e->len <= pos &&
            memcmp(s + pos - e->len, e->u.text, e->len) == 0) {
            /* not the unit of a number before it: 1000美元2000 */
            size_t before;
            int32_t prev = fig_cp_before(s, pos - e->len, &before);
            if (fig_is_digit_cp(prev) || fig_zh_digit(prev) >= 0 ||
                fig_zh_unit(prev) > 0)
                return NULL;
            *start = pos - e->len;
            return &e->u;
        }
    }
    return NULL;
}
