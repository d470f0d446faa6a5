/* plugins/quality/quality_measure.c - measures a document's text for the
 * quality rules: one pass over lines and words, then hashing passes for
 * duplicate lines, paragraphs and n-grams. Memory and time are linear in
 * the text. */
#include "quality_measure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sluice/text.h>

/* Open-addressing counts of 64-bit hashes. A key's count is set when
 * the key is first put, so emptying the table clears only the keys. */
typedef struct hash_counts {
    uint64_t *keys;
    uint32_t *counts;
    size_t mask;
} hash_counts;

/* Slots in a table for items keys: a power of two, at most two thirds
 * full, so that it stays small (in the first-level cache for a page's
 * characters) and probes stay short. */
static size_t table_cap(size_t items)
{
    size_t cap = 16;
    while (cap < items + items / 2 + 2)
        cap <<= 1;
    return cap;
}

/* Makes a table with room for up to items keys; counts_clear empties it
 * before use. */
static int counts_init(hash_counts *h, size_t items)
{
    size_t cap = table_cap(items);
    h->keys = malloc(cap * sizeof *h->keys);
    h->counts = malloc(cap * sizeof *h->counts);
    h->mask = cap - 1;
    return h->keys && h->counts ? 0 : -1;
}

/* Empties the table for items keys, at most those it was made for: only
 * the slots they need are cleared and probed. */
static void counts_clear(hash_counts *h, size_t items)
{
    h->mask = table_cap(items) - 1;
    memset(h->keys, 0, (h->mask + 1) * sizeof *h->keys);
}

static void counts_free(hash_counts *h)
{
    free(h->keys);
    free(h->counts);
}

/* Adds one to key's count (key 0 is stored as 1) and returns its slot. */
static size_t counts_add(hash_counts *h, uint64_t key)
{
    key = key ? key : 1;
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull) & h->mask;
    while (h->keys[i] && h->keys[i] != key)
        i = (i + 1) & h->mask;
    if (h->keys[i]) {
        h->counts[i]++;
    } else {
        h->keys[i] = key;
        h->counts[i] = 1;
    }
    return i;
}

/* A 64-bit hash of s[0..len), eight bytes a step (a line or a
 * paragraph: one multiplication per eight bytes instead of one per
 * byte), its length in the seed. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15ull, w;
    for (; len >= 8; s += 8, len -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    w = 0;
    memcpy(&w, s, len);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001B3ull + (h >> 29);
}

/* A word: its hash and its length in code points. */
typedef struct word {
    uint64_t hash;
    uint32_t chars;
} word;

/* Letters of any script: Latin, Greek, Cyrillic and the other alphabets
 * below U+2000, CJK, Hangul. Symbols, arrows, shapes, dingbats, private
 * use and emoji are not. */
static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0x2000)
        return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
    if (sl_is_punct(cp) || sl_is_space(cp))
        return false;
    return sl_is_cjk(cp) || (cp >= 0xA000 && cp <= 0xD7FF);
}

/* sl_is_space, with the ASCII answer inline and a Han character (most
 * of a Chinese text; han: sl_is_han's answer) never a space. */
static bool is_space_fast(int32_t cp, bool han)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
    return !han && sl_is_space(cp);
}

static bool is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_bullet(int32_t cp)
{
    return cp == '-' || cp == '*' || cp == 0x2022 || cp == 0x2023 ||
           cp == 0x2043 || cp == 0x25E6 || cp == 0x25AA || cp == 0x25CF ||
           cp == 0x25BA || cp == 0x00B7 || cp == 0x2013;
}

/* Ends a sentence or a line in the C4 and FineWeb sense (quotes count). */
static bool is_terminal(int32_t cp)
{
    return sl_is_sentence_end(cp) || cp == '"' || cp == '\'' || cp == 0x201D ||
           cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == ':' ||
           cp == 0xFF1A;
}

static const char *const stop_words_en[] = {"the", "be",   "to",   "of",
                                            "and", "that", "have", "with"};

static bool is_ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The stop words are two to four letters: a longer or shorter word is
 * none of them without comparing. */
static bool is_stop_word(const char *w, size_t len)
{
    while (len > 0 && !is_ascii_letter(w[len - 1]))
        len--;
    while (len > 0 && !is_ascii_letter(*w)) {
        w++;
        len--;
    }
    if (len < 2 || len > 4)
        return false;
    for (size_t i = 0; i < sizeof stop_words_en / sizeof *stop_words_en; i++)
        if (strlen(stop_words_en[i]) == len &&
            strncasecmp(stop_words_en[i], w, len) == 0)
            return true;
    return false;
}

/* Words flagged by Chinese corpus filters: gambling, porn and spam. */
static const char *const flagged_zh[] = {
    "赌博", "博彩",     "六合彩",   "时时彩", "百家乐",   "娱乐城",   "老虎机",
    "色情", "成人视频", "裸聊",     "约炮",   "一夜情",   "代开发票", "办证",
    "私服", "外挂",     "彩票预测", "网赚",   "黄色网站", "性爱"};

/* The first of the bytes a and b in s[0..len), or NULL. */
static const char *find_either(const char *s, size_t len, char a, char b)
{
    const char *pa = memchr(s, a, len);
    const char *pb = memchr(s, b, pa ? (size_t)(pa - s) : len);
    return pb ? pb : pa;
}

/* Whether s[0..len) holds needle, ASCII case ignored; needle starts with
 * a letter, so only the places of that letter, in either case, are
 * compared (memchr finds them). */
static bool contains_nocase(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    char lower = (char)(needle[0] | 0x20), upper = (char)(lower & ~0x20);
    for (size_t i = 0; i + n <= len;) {
        const char *at = find_either(s + i, len - n + 1 - i, lower, upper);
        if (!at)
            return false;
        i = (size_t)(at - s);
        if (strncasecmp(s + i, needle, n) == 0)
            return true;
        i++;
    }
    return false;
}

typedef struct scan {
    word *words;
    size_t n_words, cap_words;
    uint64_t *chars; /* hashes of non-space code points, for char n-grams */
    size_t n_chars;
} scan;

static int push_word(scan *sc, uint64_t hash, uint32_t chars)
{
    if (sc->n_words == sc->cap_words) {
        size_t cap = sc->cap_words ? 2 * sc->cap_words : 256;
        word *w = realloc(sc->words, cap * sizeof *w);
        if (!w)
            return -1;
        sc->words = w;
        sc->cap_words = cap;
    }
    sc->words[sc->n_words++] = (word){hash, chars};
    return 0;
}

/* Measures one line (no newline inside, not empty). */
static int measure_line(const char *s, size_t len, quality_measure *m, scan *sc)
{
    size_t pos = 0, line_chars = 0, line_words = 0, sentence_ends = 0;
    int32_t first = 0, last = 0;
    while (pos < len) {
        size_t start = pos;
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (is_space_fast(cp, cp >= 0x80 && sl_is_han(cp)))
            continue;
        /* a word: up to the next space */
        size_t wstart = start, wchars = 0;
        bool alpha = false;
        uint64_t h = 1469598103934665603ull;
        pos = start;
        while (pos < len) {
            size_t at = pos;
            cp = sl_utf8_next_inline(s, len, &pos);
            bool han = cp >= 0x80 && sl_is_han(cp);
            if (is_space_fast(cp, han)) {
                pos = at;
                break;
            }
            if (!first)
                first = cp;
            last = cp;
            wchars++;
            m->chars++;
            sc->chars[sc->n_chars++] = (uint64_t)cp * 0x9E3779B97F4A7C15ull;
            /* a Han character is a letter and no punctuation: most of a
             * Chinese text needs no other test */
            bool punct = !han && sl_is_punct(cp);
            bool letter = han || (!punct && is_letter(cp));
            if (letter)
                alpha = true;
            if (han)
                m->cjk++;
            if (punct)
                m->punct++;
            else if (!letter && !is_digit(cp))
                m->special++;
            if (cp == 0xFFFD || (cp >= 0xC0 && cp <= 0xFF && m->cjk > 0))
                m->special++; /* replacement or Latin-1 letters among Han:
                                 mojibake */
            if (punct && sl_is_sentence_end(cp)) /* every end is punct */
                sentence_ends++;
            if (cp == '#' || cp == 0x2026)
                m->symbols++;
            if (cp == '.' && pos + 1 < len && s[pos] == '.' &&
                s[pos + 1] == '.')
                m->symbols++;
            h = mix(h, (uint64_t)cp);
        }
        m->words++;
        m->word_chars += wchars;
        m->alpha_words += alpha;
        if (is_stop_word(s + wstart, pos - wstart))
            m->stop_words++;
        line_chars += wchars;
        line_words++;
        if (push_word(sc, h, (uint32_t)wchars) != 0)
            return -1;
    }
    if (line_chars == 0)
        return 0;
    m->lines++;
    m->line_chars += line_chars;
    m->sentence_ends += sentence_ends;
    if (is_bullet(first))
        m->bullet_lines++;
    bool ellipsis =
        last == 0x2026 || (len >= 3 && memcmp(s + len - 3, "...", 3) == 0);
    m->ellipsis_lines += ellipsis;
    bool terminal = is_terminal(last) && !ellipsis;
    m->punct_end_lines += terminal;
    if (line_chars <= 30)
        m->short_lines++;
    /* C4 keeps lines ending in terminal punctuation, of three words or
     * more, without the word javascript; pages need five sentences. */
    if (terminal && line_words >= 3 && !contains_nocase(s, len, "javascript"))
        m->c4_sentences += sentence_ends ? sentence_ends : 1;
    return 0;
}

/* The first place of sep (one or more newlines) in text[from, len), or
 * NULL: memchr finds each newline, the rest is compared there. */
static const char *find_sep(const char *text, size_t len, size_t from,
                            const char *sep, size_t seplen)
{
    while (from + seplen <= len) {
        const char *nl = memchr(text + from, '\n', len - seplen + 1 - from);
        if (!nl)
            return NULL;
        if (memcmp(nl, sep, seplen) == 0)
            return nl;
        from = (size_t)(nl - text) + 1;
    }
    return NULL;
}

/* Duplicate units (lines or paragraphs, split at sep, newlines only):
 * occurrences after the first and their characters. */
static int count_duplicates(const char *text, size_t len, const char *sep,
                            size_t *units, size_t *dups, size_t *dup_chars,
                            size_t *unit_chars)
{
    size_t seplen = strlen(sep), n = 1;
    /* the units are at most one more than the places sep starts */
    for (const char *at = text;
         (at = find_sep(text, len, (size_t)(at - text), sep, seplen)) != NULL;
         at++)
        n++;
    hash_counts h = {0};
    if (counts_init(&h, n) != 0) {
        counts_free(&h);
        return -1;
    }
    counts_clear(&h, n);
    size_t start = 0;
    while (start <= len) {
        const char *end = find_sep(text, len, start, sep, seplen);
        size_t stop = end ? (size_t)(end - text) : len;
        size_t a = start, b = stop;
        while (a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n' ||
                         text[b - 1] == '\t'))
            b--;
        if (b > a) {
            size_t chars = sl_utf8_count(text + a, b - a);
            (*units)++;
            *unit_chars += chars;
            if (h.counts[counts_add(&h, hash_bytes(text + a, b - a))] > 1) {
                (*dups)++;
                *dup_chars += chars;
            }
        }
        if (!end)
            break;
        start = stop + seplen;
    }
    counts_free(&h);
    return 0;
}

/* The base of the n-gram hashes (odd, so that each step is invertible:
 * the first 64 bits of the golden ratio's fraction, plus one). */
#define GRAM_BASE 0x9E3779B97F4A7C15ull

/* Mixes a rolled n-gram hash so that its low bits, which index the
 * table, depend on all of it (the finaliser of MurmurHash3). */
static uint64_t finish_hash(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return h;
}

/* What the n-gram passes of one document share, made once for the
 * largest: the table of n-gram hashes (emptied for each pass), each
 * n-gram's slot in it, and the items in an n-gram seen twice. */
typedef struct gram_scratch {
    hash_counts table;
    uint32_t *place;
    unsigned char *marked;
} gram_scratch;

static int gram_scratch_init(gram_scratch *g, size_t items)
{
    g->place = malloc((items ? items : 1) * sizeof *g->place);
    g->marked = malloc(items ? items : 1);
    if (counts_init(&g->table, items) != 0)
        return -1;
    return g->place && g->marked ? 0 : -1;
}

static void gram_scratch_free(gram_scratch *g)
{
    counts_free(&g->table);
    free(g->place);
    free(g->marked);
}

/* Share of characters in the most frequent n-gram of n items (top) and in
 * n-grams seen twice or more (dup); g has room for count items. */
static void ngram_shares(gram_scratch *g, const uint64_t *hash,
                         const uint32_t *weight, size_t count, size_t n,
                         double total, double *top, double *dup)
{
    *top = *dup = 0;
    if (count < n || total <= 0)
        return;
    size_t grams = count - n + 1;
    counts_clear(&g->table, grams);
    /* each n-gram's hash from the one before it (a polynomial in
     * GRAM_BASE of its items' hashes, one step a gram instead of n), then
     * mixed for the table */
    uint64_t top_power = 1, rolled = 0;
    for (size_t j = 0; j < n; j++) {
        rolled = rolled * GRAM_BASE + hash[j];
        if (j > 0)
            top_power *= GRAM_BASE;
    }
    uint32_t best = 0;
    size_t best_at = 0;
    for (size_t i = 0; i < grams; i++) {
        if (i > 0)
            rolled = (rolled - hash[i - 1] * top_power) * GRAM_BASE +
                     hash[i + n - 1];
        size_t at = counts_add(&g->table, finish_hash(rolled));
        g->place[i] = (uint32_t)at;
        if (g->table.counts[at] > best) {
            best = g->table.counts[at];
            best_at = i;
        }
    }
    double dup_chars = 0, gram_chars = 0;
    for (size_t j = 0; j < n; j++)
        gram_chars += weight ? weight[best_at + j] : 1;
    memset(g->marked, 0, count);
    for (size_t i = 0; i < grams; i++)
        if (g->table.counts[g->place[i]] > 1)
            memset(g->marked + i, 1, n);
    for (size_t i = 0; i < count; i++)
        if (g->marked[i])
            dup_chars += weight ? weight[i] : 1;
    *top = best > 1 ? best * gram_chars / total : 0;
    *dup = dup_chars / total;
}

static int repetition(scan *sc, quality_measure *m)
{
    size_t n = sc->n_words;
    uint64_t *hash = malloc((n ? n : 1) * sizeof *hash);
    uint32_t *weight = malloc((n ? n : 1) * sizeof *weight);
    gram_scratch g = {0};
    size_t most = n > sc->n_chars ? n : sc->n_chars; /* items of a pass */
    int rc = hash && weight && gram_scratch_init(&g, most) == 0 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        hash[i] = sc->words[i].hash;
        weight[i] = sc->words[i].chars;
    }
    for (size_t k = QM_MIN_NGRAM; rc == 0 && k <= QM_MAX_NGRAM; k++)
        ngram_shares(&g, hash, weight, n, k, (double)m->word_chars,
                     &m->top_ngram[k], &m->dup_ngram[k]);
    double top;
    if (rc == 0)
        ngram_shares(&g, sc->chars, NULL, sc->n_chars, 10, (double)sc->n_chars,
                     &top, &m->dup_char_ngram);
    gram_scratch_free(&g);
    free(hash);
    free(weight);
    return rc;
}

int quality_measure_text(const char *text, size_t len, quality_measure *m)
{
    memset(m, 0, sizeof *m);
    scan sc = {0};
    size_t line_units = 0, line_unit_chars = 0;
    sc.chars = malloc((len ? len : 1) * sizeof *sc.chars);
    if (!sc.chars)
        return -1;
    int rc = 0;
    size_t start = 0;
    while (rc == 0 && start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t stop = nl ? (size_t)(nl - text) : len;
        if (stop > start)
            rc = measure_line(text + start, stop - start, m, &sc);
        start = stop + 1;
    }
    m->lorem_ipsum = contains_nocase(text, len, "lorem ipsum");
    m->curly_brace = memchr(text, '{', len) || memchr(text, '}', len);
    for (size_t i = 0; i < sizeof flagged_zh / sizeof *flagged_zh; i++) {
        const char *p = text, *end = text + len;
        size_t n = strlen(flagged_zh[i]);
        while ((p = strstr(p, flagged_zh[i])) && p < end) {
            m->flagged++;
            p += n;
        }
    }
    if (rc == 0)
        rc = count_duplicates(text, len, "\n", &line_units, &m->dup_lines,
                              &m->dup_line_chars, &line_unit_chars);
    if (rc == 0)
        rc = count_duplicates(text, len, "\n\n", &m->paragraphs,
                              &m->dup_paragraphs, &m->dup_paragraph_chars,
                              &m->para_chars);
    if (rc == 0)
        rc = repetition(&sc, m);
    free(sc.words);
    free(sc.chars);
    return rc;
}
