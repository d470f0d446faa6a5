/* plugins/figures/scan.c - the single scanner over a block's text. It
 * walks the text once, dispatching on the first byte of each character:
 * digits, full-width digits, Chinese numerals, currency symbols, letters
 * that may start an English number word, and template placeholders
 * (20xx, xx人). At each place that may open a figure it asks
 * figure_at (candidate.c) for one figure, and emits it or skips.
 */
#include "scan_cand.h"

/* The three-byte characters (U+0800..U+FFFF, all of Chinese text) the
 * scanner must look at more closely: those that may open a figure (Chinese
 * digits and places, 负, 半, 数 and 上 as in 数十 and 上亿, 两, 〇,
 * full-width digits, ¥ € ₿, vulgar fractions) and the label words 图 and
 * 表. One bit per character, indexed by the low bits of the first two
 * bytes (a row of 64 characters) and of the third; built once, so that a
 * run of ordinary Chinese text costs one table look-up per character. */
enum { LABEL_TU = 0x56FE /* 图 */, LABEL_BIAO = 0x8868 /* 表 */ };

static uint64_t look_closer[16 * 64];

/* The same bits by the first two bytes as one 12-bit key, (lead & 0x0F)
 * << 8 | second byte, for the skip: a character costs one two-byte load,
 * whose range test is also the lead-byte test, one look-up and the bit
 * test. Each key holds the row look_closer holds for the second byte's
 * low six bits, whatever the second byte is, so both give the same
 * answer on any bytes; the keys of UTF-8 text (a second byte from 80 to
 * BF) are the 8 KB of look_closer again, the others are never read. */
static uint64_t rows_by_key[0x1000];

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
/* Set once look_closer is built: each later block passes without a call
 * into the threads library. */
static atomic_bool look_closer_built;

static bool may_open_figure(int32_t cp)
{
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return fig_zh_starts_numeral(cp) || cp == 0x6570 /* 数 */ ||
               cp == 0x4E0A /* 上 */ || is_big_place(cp);
    return cp == 0x3007 /* 〇 */ || fig_is_digit_cp(cp) || is_minus_sign(cp) ||
           is_currency_sign(cp) || is_vulgar_fraction(cp);
}

/* Fills rows_by_key from look_closer. */
static void build_rows_by_key(void)
{
    for (unsigned key = 0; key < 0x1000; key++)
        rows_by_key[key] = look_closer[(key >> 8) << 6 | (key & 0x3F)];
}

static void look_closer_at(int32_t cp)
{
    if (may_open_figure(cp) || cp == LABEL_TU || cp == LABEL_BIAO)
        look_closer[cp >> 6] |= (uint64_t)1 << (cp & 0x3F);
}

/* The characters of three bytes outside U+4E00..U+9FFF that may open a
 * figure lie in these ranges (〇, the full-width digits and signs, the
 * currency signs, the fractions, the minus sign); those inside it are
 * the numeral characters' table, 数 and 上. So the table is built from
 * a few hundred tests, not one for each of 63,488 code points (a fixed
 * cost of two million instructions a process); a test holds it to the
 * test of every code point. */
static const struct {
    int32_t first, last;
} OPENING_RANGES[] = {{0x0E3F, 0x0E3F}, {0x20A0, 0x20BF}, {0x2150, 0x215F},
                      {0x2212, 0x2212}, {0x3007, 0x3007}, {0xFF00, 0xFFFF}};

static void build_look_closer(void)
{
    for (size_t i = 0; i < sizeof fig_zh_chars / sizeof fig_zh_chars[0]; i++)
        if (fig_zh_chars[i].cp >= 0x800)
            look_closer_at(fig_zh_chars[i].cp);
    look_closer_at(0x6570 /* 数 */);
    look_closer_at(0x4E0A /* 上 */);
    look_closer_at(LABEL_TU);
    look_closer_at(LABEL_BIAO);
    for (size_t r = 0; r < sizeof OPENING_RANGES / sizeof OPENING_RANGES[0];
         r++)
        for (int32_t cp = OPENING_RANGES[r].first; cp <= OPENING_RANGES[r].last;
             cp++)
            look_closer_at(cp);
    build_rows_by_key();
}

static void tables_built(void)
{
    if (!atomic_load_explicit(&look_closer_built, memory_order_acquire)) {
        pthread_once(&tables_once, build_look_closer);
        atomic_store_explicit(&look_closer_built, true, memory_order_release);
    }
}

/* True when the three-byte character at s[pos] is in look_closer. */
static bool looks_closer(const char *s, size_t pos)
{
    unsigned row = (((unsigned char)s[pos] & 0x0Fu) << 6) |
                   ((unsigned char)s[pos + 1] & 0x3Fu);
    return (look_closer[row] >> ((unsigned char)s[pos + 2] & 0x3F)) & 1;
}

/* Where the run of three-byte characters not in look_closer from pos
 * ends: the first place holding another byte, a character in
 * look_closer, or fewer than three bytes. The scanner's hot loop: the
 * bulk of Chinese text passes here. */
static inline size_t skip_quiet_han(const char *s, size_t len, size_t pos)
{
    if (len < 3)
        return pos;
    const unsigned char *p = (const unsigned char *)s + pos;
    const unsigned char *last = (const unsigned char *)s + len - 2;
    while (p < last) {
        uint16_t key = (uint16_t)(((unsigned)p[0] << 8 | p[1]) - 0xE000u);
        if (key >= 0x1000u || (rows_by_key[key] >> (p[2] & 0x3F)) & 1)
            break;
        p += 3;
    }
    return (size_t)(p - (const unsigned char *)s);
}

bool fig_looks_closer(int32_t cp)
{
    tables_built();
    return cp >= 0x800 && cp <= 0xFFFF &&
           (look_closer[cp >> 6] >> (cp & 0x3F)) & 1;
}

bool fig_looks_closer_reference(int32_t cp)
{
    return cp >= 0x800 && cp <= 0xFFFF &&
           (may_open_figure(cp) || cp == LABEL_TU || cp == LABEL_BIAO);
}

size_t fig_skip_quiet_han(const char *s, size_t len, size_t pos)
{
    tables_built();
    return skip_quiet_han(s, len, pos);
}

size_t fig_skip_quiet_han_reference(const char *s, size_t len, size_t pos)
{
    tables_built();
    while (pos + 2 < len && ((unsigned char)s[pos] & 0xF0) == 0xE0 &&
           !looks_closer(s, pos))
        pos += 3;
    return pos;
}

/* True when a letter at pos may start an English number word or a
 * currency code; others are skipped a word at a time. */
static bool may_start_word(unsigned char c)
{
    switch (c | 0x20) {
    case 'a':
    case 'b':
    case 'c':
    case 'd':
    case 'e':
    case 'f':
    case 'g':
    case 'h':
    case 'j':
    case 'l':
    case 'm':
    case 'n':
    case 'o':
    case 'q':
    case 'r':
    case 's':
    case 't':
    case 'u':
    case 'x':
    case 'k': /* KRW */
    case 'z': return true;
    default: return false;
    }
}

/* True when a number (a digit, or a Chinese digit from 一 to 九) follows
 * pos after spaces: 图 and 表 label a figure or a table only before one
 * (label_at in captions.c), not in 代表, 发表, 地图. No figure's text
 * holds 图 or 表 (no unit, qualifier or idiom does), so every 图 or 表 of
 * the text is seen here. */
static bool number_follows(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] == ' ')
        pos++;
    size_t n;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    return fig_is_digit_cp(cp) || fig_zh_digit(cp) > 0;
}

int fig_scan(const char *s, size_t len, fig_emit_fn emit, void *user,
             bool *label_word)
{
    return fig_scan_explained(s, len, emit, NULL, user, label_word);
}

fig_rule fig_rule_at(const char *s, size_t len, size_t pos)
{
    fig_hit hit;
    size_t next;
    fig_rule why = FIG_RULE_NONE;
    if (pos >= len || figure_at(s, len, pos, false, &hit, &next, &why))
        return FIG_RULE_NONE;
    return why;
}

int fig_figure_at(const char *s, size_t len, size_t pos, bool ungated,
                  fig_hit *hit, size_t *next, fig_rule *why)
{
    *why = FIG_RULE_NONE;
    return figure_at(s, len, pos, ungated, hit, next, why);
}

fig_rule fig_rule_at_ungated(const char *s, size_t len, size_t pos)
{
    fig_hit hit;
    size_t next;
    fig_rule why = FIG_RULE_NONE;
    if (pos >= len || figure_at(s, len, pos, true, &hit, &next, &why))
        return FIG_RULE_NONE;
    return why;
}

int fig_scan_explained(const char *s, size_t len, fig_emit_fn emit,
                       fig_reject_fn reject, void *user, bool *label_word)
{
    size_t pos = 0;
    bool label = false;
    tables_built();
    while (pos < len) {
        /* the bulk of Chinese text: three-byte characters that open no
         * figure */
        pos = skip_quiet_han(s, len, pos);
        if (pos >= len)
            break;
        unsigned char c = (unsigned char)s[pos];
        bool candidate = false;
        size_t step = 1;
        if (c < 0x80) {
            if (c >= '0' && c <= '9') {
                candidate = true;
            } else if (c == '$' || c == '-') {
                candidate = true;
            } else if (c == '.') {
                candidate =
                    pos + 1 < len && s[pos + 1] >= '0' && s[pos + 1] <= '9' &&
                    (pos == 0 || !((s[pos - 1] >= '0' && s[pos - 1] <= '9') ||
                                   s[pos - 1] == '.'));
            } else if (fig_is_alpha(c)) {
                if ((c == 'h' || c == 'w') &&
                    (fig_starts(s, len, pos, "http://") ||
                     fig_starts(s, len, pos, "https://") ||
                     fig_starts(s, len, pos, "www."))) {
                    /* a link: no figures inside */
                    while (pos < len && s[pos] != ' ' &&
                           (unsigned char)s[pos] < 0x80)
                        pos++;
                    continue;
                }
                if (pos == 0 || !fig_is_alpha((unsigned char)s[pos - 1])) {
                    /* Figure, Fig., Table may label a figure or table */
                    if ((c | 0x20) == 'f' || (c | 0x20) == 't')
                        label = true;
                    candidate = may_start_word(c);
                    if (!candidate) {
                        while (pos + step < len &&
                               fig_is_alpha((unsigned char)s[pos + step]))
                            step++;
                    }
                }
            }
        } else if (c >= 0xE0 && c < 0xF0 && pos + 2 < len) {
            /* a three-byte character in look_closer */
            int32_t cp = ((c & 0x0F) << 12) | ((s[pos + 1] & 0x3F) << 6) |
                         (s[pos + 2] & 0x3F);
            step = 3;
            if (cp == LABEL_TU || cp == LABEL_BIAO) {
                label = label || number_follows(s, len, pos + 3);
            } else if (cp == 0x6570 /* 数 */ || cp == 0x4E0A /* 上 */) {
                size_t m;
                candidate = pos + 3 < len &&
                            fig_zh_unit(fig_cp_at(s, len, pos + 3, &m)) >= 10;
            } else if (is_big_place(cp)) {
                candidate = fig_starts(s, len, pos + 3, "分");
            } else {
                candidate = true;
            }
        } else {
            size_t n;
            int32_t cp = fig_cp_at(s, len, pos, &n);
            step = n;
            candidate = cp == 0xA5 || cp == 0xA3 || is_vulgar_fraction(cp);
        }
        if (!candidate) {
            pos += step;
            continue;
        }
        fig_hit hit;
        size_t next;
        fig_rule why = FIG_RULE_NONE;
        if (figure_at(s, len, pos, false, &hit, &next, &why)) {
            if (emit(user, &hit) < 0)
                return -1;
        } else if (why && reject) {
            if (reject(user, hit.start, hit.end, why) < 0)
                return -1;
        }
        if (next <= pos)
            next = pos + step;
        /* after a word that was no number, skip the rest of the word */
        if (c < 0x80 && fig_is_alpha(c) && next == pos + 1)
            while (next < len && fig_is_alpha((unsigned char)s[next]))
                next++;
        pos = next;
    }
    if (label_word)
        *label_word = label;
    return 0;
}
