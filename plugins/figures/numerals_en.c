/* plugins/figures/numerals_en.c - English number words resolved to
 * numbers: twenty-five, three hundred and two, one trillion three hundred,
 * 4 thousand 3 hundred and 21, two thirds, one and a half million,
 * a dozen, two point five, minus five; and scales written after Arabic
 * numbers: 2.5 million, 1.2bn, 10k, 13 lakh.
 */
#include <pthread.h>
#include <string.h>

#include "figures.h"

typedef enum {
    W_NONE = 0,
    W_UNIT, /* zero .. nine */
    W_TEEN, /* ten .. nineteen */
    W_TENS, /* twenty .. ninety */
    W_HUNDRED,
    W_SCALE, /* thousand, million, billion, trillion, lakh, crore */
    W_DOZEN,
    W_DENOM, /* third(s), fourth(s), fifth(s) ... hundredth(s) */
    W_HALF,
    W_QUARTER,
    W_A, /* a, an */
    W_AND,
    W_POINT,
    W_MINUS,
    W_OVER,
    W_OUT,   /* only in "one out of three" */
    W_IN,    /* only in "one in five" */
    W_FIRST, /* first(s): only after a tens word in "three twenty-firsts" */
    W_OF,    /* only in "two thirds of a million" */
    W_DIGITS /* an Arabic number inside words: "3 hundred and 21" */
} word_type;

typedef struct en_word {
    const char *text;
    word_type type;
    double value;
} en_word;

static const en_word WORDS[] = {{"zero", W_UNIT, 0},
                                {"nought", W_UNIT, 0},
                                {"naught", W_UNIT, 0},
                                {"one", W_UNIT, 1},
                                {"two", W_UNIT, 2},
                                {"three", W_UNIT, 3},
                                {"four", W_UNIT, 4},
                                {"five", W_UNIT, 5},
                                {"six", W_UNIT, 6},
                                {"seven", W_UNIT, 7},
                                {"eight", W_UNIT, 8},
                                {"nine", W_UNIT, 9},
                                {"ten", W_TEEN, 10},
                                {"eleven", W_TEEN, 11},
                                {"twelve", W_TEEN, 12},
                                {"thirteen", W_TEEN, 13},
                                {"fourteen", W_TEEN, 14},
                                {"fifteen", W_TEEN, 15},
                                {"sixteen", W_TEEN, 16},
                                {"seventeen", W_TEEN, 17},
                                {"eighteen", W_TEEN, 18},
                                {"nineteen", W_TEEN, 19},
                                {"twenty", W_TENS, 20},
                                {"thirty", W_TENS, 30},
                                {"forty", W_TENS, 40},
                                {"fourty", W_TENS, 40},
                                {"fifty", W_TENS, 50},
                                {"sixty", W_TENS, 60},
                                {"seventy", W_TENS, 70},
                                {"eighty", W_TENS, 80},
                                {"ninety", W_TENS, 90},
                                {"hundred", W_HUNDRED, 100},
                                {"hundreds", W_HUNDRED, 100},
                                {"thousand", W_SCALE, 1e3},
                                {"million", W_SCALE, 1e6},
                                {"billion", W_SCALE, 1e9},
                                {"trillion", W_SCALE, 1e12},
                                {"lakh", W_SCALE, 1e5},
                                {"lakhs", W_SCALE, 1e5},
                                {"crore", W_SCALE, 1e7},
                                {"crores", W_SCALE, 1e7},
                                {"dozen", W_DOZEN, 12},
                                {"dozens", W_DOZEN, 12},
                                {"dozs", W_DOZEN, 12},
                                {"dzs", W_DOZEN, 12},
                                {"third", W_DENOM, 3},
                                {"thirds", W_DENOM, 3},
                                {"fourth", W_DENOM, 4},
                                {"fourths", W_DENOM, 4},
                                {"fifth", W_DENOM, 5},
                                {"fifths", W_DENOM, 5},
                                {"sixth", W_DENOM, 6},
                                {"sixths", W_DENOM, 6},
                                {"seventh", W_DENOM, 7},
                                {"sevenths", W_DENOM, 7},
                                {"eighth", W_DENOM, 8},
                                {"eighths", W_DENOM, 8},
                                {"ninth", W_DENOM, 9},
                                {"ninths", W_DENOM, 9},
                                {"tenth", W_DENOM, 10},
                                {"tenths", W_DENOM, 10},
                                {"eleventh", W_DENOM, 11},
                                {"elevenths", W_DENOM, 11},
                                {"twelfth", W_DENOM, 12},
                                {"twelfths", W_DENOM, 12},
                                {"thirteenth", W_DENOM, 13},
                                {"thirteenths", W_DENOM, 13},
                                {"fourteenth", W_DENOM, 14},
                                {"fourteenths", W_DENOM, 14},
                                {"fifteenth", W_DENOM, 15},
                                {"fifteenths", W_DENOM, 15},
                                {"sixteenth", W_DENOM, 16},
                                {"sixteenths", W_DENOM, 16},
                                {"seventeenth", W_DENOM, 17},
                                {"seventeenths", W_DENOM, 17},
                                {"eighteenth", W_DENOM, 18},
                                {"eighteenths", W_DENOM, 18},
                                {"nineteenth", W_DENOM, 19},
                                {"nineteenths", W_DENOM, 19},
                                {"twentieth", W_DENOM, 20},
                                {"twentieths", W_DENOM, 20},
                                {"thirtieth", W_DENOM, 30},
                                {"thirtieths", W_DENOM, 30},
                                {"fortieth", W_DENOM, 40},
                                {"fortieths", W_DENOM, 40},
                                {"fiftieth", W_DENOM, 50},
                                {"fiftieths", W_DENOM, 50},
                                {"sixtieth", W_DENOM, 60},
                                {"sixtieths", W_DENOM, 60},
                                {"seventieth", W_DENOM, 70},
                                {"seventieths", W_DENOM, 70},
                                {"eightieth", W_DENOM, 80},
                                {"eightieths", W_DENOM, 80},
                                {"ninetieth", W_DENOM, 90},
                                {"ninetieths", W_DENOM, 90},
                                {"hundredth", W_DENOM, 100},
                                {"hundredths", W_DENOM, 100},
                                {"thousandth", W_DENOM, 1e3},
                                {"thousandths", W_DENOM, 1e3},
                                {"millionth", W_DENOM, 1e6},
                                {"millionths", W_DENOM, 1e6},
                                {"billionth", W_DENOM, 1e9},
                                {"billionths", W_DENOM, 1e9},
                                {"trillionth", W_DENOM, 1e12},
                                {"trillionths", W_DENOM, 1e12},
                                {"half", W_HALF, 2},
                                {"halves", W_HALF, 2},
                                {"quarter", W_QUARTER, 4},
                                {"quarters", W_QUARTER, 4},
                                {"a", W_A, 1},
                                {"an", W_A, 1},
                                {"and", W_AND, 0},
                                {"point", W_POINT, 0},
                                {"minus", W_MINUS, 0},
                                {"negative", W_MINUS, 0},
                                {"over", W_OVER, 0},
                                {"out", W_OUT, 0},
                                {"in", W_IN, 0},
                                {"first", W_FIRST, 1},
                                {"firsts", W_FIRST, 1},
                                {"of", W_OF, 0},
                                {NULL, W_NONE, 0}};

/* One token of a number phrase. */
typedef struct en_tok {
    word_type type;
    fig_dec value;
    double number; /* the value as a double, for comparisons */
    size_t start, end;
    int digits; /* W_DIGITS: digit count of the integer */
} en_tok;

#define MAX_TOKS 40

/* Looks an ASCII word up, case-insensitively. */
/* WORDS grouped by first letter: by_letter[first[c]..first[c + 1]) are
 * the indexes of the words starting with 'a' + c. Built once. */
#define WORD_COUNT (sizeof WORDS / sizeof WORDS[0] - 1)
_Static_assert(WORD_COUNT < 256, "word indexes fit in a byte");
static uint8_t by_letter[WORD_COUNT];
static uint8_t first[27];
static pthread_once_t letters_once = PTHREAD_ONCE_INIT;

static void build_letter_index(void)
{
    size_t n = 0;
    for (int c = 0; c < 26; c++) {
        first[c] = (uint8_t)n;
        for (size_t i = 0; i < WORD_COUNT; i++)
            if (WORDS[i].text[0] == 'a' + c)
                by_letter[n++] = (uint8_t)i;
    }
    first[26] = (uint8_t)n;
}

static const en_word *lookup(const char *w, size_t n)
{
    char lower[16];
    if (n == 0 || n >= sizeof lower)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        lower[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    lower[n] = 0;
    if (lower[0] < 'a' || lower[0] > 'z')
        return NULL;
    pthread_once(&letters_once, build_letter_index);
    int c = lower[0] - 'a';
    for (int k = first[c]; k < first[c + 1]; k++) {
        const en_word *e = &WORDS[by_letter[k]];
        if (strcmp(e->text, lower) == 0)
            return e;
    }
    return NULL;
}

/* Reads the tokens of a number phrase from pos; returns how many. */
static int tokenize(const char *s, size_t len, size_t pos, en_tok *toks)
{
    int n = 0;
    size_t p = pos;
    bool after_point = false;
    while (p < len && n < MAX_TOKS) {
        size_t start = p;
        if (fig_is_alpha((unsigned char)s[p]) &&
            !(s[p] >= '0' && s[p] <= '9')) {
            size_t q = p;
            while (q < len && fig_is_alpha((unsigned char)s[q]) &&
                   !(s[q] >= '0' && s[q] <= '9'))
                q++;
            if (q < len && (s[q] >= '0' && s[q] <= '9'))
                break;
            const en_word *w = lookup(s + p, q - p);
            if (!w)
                break;
            /* two units in a row join only as decimals ("point zero
             * three"): "one one" is two numbers */
            if (n > 0 && !after_point &&
                (w->type == W_UNIT || w->type == W_TEEN) &&
                (toks[n - 1].type == W_UNIT || toks[n - 1].type == W_TEEN) &&
                !(n == 1 && toks[0].number == 1 && w->value == 1))
                break; /* but "one one hundred fifth" is 1/105 */
            if (w->type == W_POINT)
                after_point = true;
            toks[n].type = w->type;
            toks[n].value = fig_dec_whole(w->value);
            toks[n].number = w->value;
            toks[n].digits = 0;
            p = q;
        } else if (s[p] >= '0' && s[p] <= '9') {
            fig_num d;
            if (!fig_parse_digits(s, len, p, &d) ||
                (d.flags & (NUM_FRACTION | NUM_DOTTED)))
                break;
            if (d.end < len && fig_is_alpha((unsigned char)s[d.end]))
                break;
            toks[n].type = W_DIGITS;
            toks[n].value = d.value;
            toks[n].number = fig_dec_value(d.value);
            toks[n].digits = d.digits;
            p = d.end;
        } else {
            break;
        }
        toks[n].start = start;
        toks[n].end = p;
        n++;
        /* separators: spaces, a hyphen with optional spaces */
        size_t q = p;
        while (q < len && s[q] == ' ')
            q++;
        if (q < len && s[q] == '-' && n > 0 && toks[n - 1].type != W_DIGITS) {
            q++;
            while (q < len && s[q] == ' ')
                q++;
        }
        if (q == p || q >= len)
            break;
        p = q;
    }
    return n;
}

/* Reads an integer phrase from toks[*i]: returns its value, advances *i,
 * sets *ok when at least one cardinal word was read. When head is not
 * NULL it receives the value read before the last "and" that follows a
 * place ("two hundred" in "two hundred and fifty-four"), zero when the
 * phrase has none. */
static fig_dec read_cardinal_split(const en_tok *toks, int n, int *i, bool *ok,
                                   fig_dec *head)
{
    const fig_dec one = fig_dec_int(1), zero = {0, 0, 0};
    fig_dec total = zero, cur = zero;
    double last_scale = 0;
    word_type last = W_NONE;
    bool any = false;
    int k = *i;
    while (k < n) {
        const en_tok *t = &toks[k];
        if (t->type == W_A) {
            /* "a hundred", "a thousand": a stands for one */
            if (any || k + 1 >= n ||
                !(toks[k + 1].type == W_HUNDRED || toks[k + 1].type == W_SCALE))
                break;
            cur = one;
            last = W_UNIT;
            any = true;
            k++;
            continue;
        }
        if (t->type == W_UNIT || t->type == W_TEEN || t->type == W_DIGITS) {
            if (last == W_UNIT || last == W_TEEN || last == W_DIGITS)
                break;
            if (last == W_TENS && (t->type != W_UNIT || t->number == 0))
                break;
            cur = fig_dec_add(cur, t->value);
        } else if (t->type == W_TENS) {
            if (last == W_UNIT || last == W_TEEN || last == W_TENS ||
                last == W_DIGITS)
                break;
            cur = fig_dec_add(cur, t->value);
        } else if (t->type == W_HUNDRED) {
            double c = fig_dec_value(cur);
            if (last == W_HUNDRED || c >= 100) /* no int cast: c may be huge */
                break;
            cur = fig_dec_scale10(cur.sig == 0 ? one : cur, 2);
        } else if (t->type == W_SCALE) {
            fig_dec count = cur.sig == 0 ? one : cur;
            if (last == W_SCALE && cur.sig == 0 && t->number > last_scale) {
                total = fig_dec_mul(total, t->value); /* three lakh crore */
            } else {
                if (last_scale && t->number >= last_scale && cur.sig == 0)
                    break;
                if (last_scale && t->number >= last_scale)
                    total = fig_dec_mul(fig_dec_add(total, count), t->value);
                else
                    total = fig_dec_add(total, fig_dec_mul(count, t->value));
            }
            cur = zero;
            last_scale = t->number;
        } else if (t->type == W_AND) {
            /* "one hundred and six": and joins only after a place */
            if (!(last == W_HUNDRED || last == W_SCALE) || k + 1 >= n ||
                !(toks[k + 1].type == W_UNIT || toks[k + 1].type == W_TEEN ||
                  toks[k + 1].type == W_TENS || toks[k + 1].type == W_DIGITS))
                break;
            if (k + 2 < n &&
                (toks[k + 2].type == W_DENOM || toks[k + 2].type == W_QUARTER ||
                 toks[k + 2].type == W_HALF))
                break; /* "one hundred and three quarters" */
            if (k + 2 < n && toks[k + 2].type == W_HUNDRED && last == W_HUNDRED)
                break; /* "3 hundred and 2 hundred": two numbers */
            if (k + 2 < n && toks[k + 2].type == W_SCALE &&
                toks[k + 2].number >= last_scale && last_scale > 0)
                break;
            if (toks[k + 1].type == W_DIGITS && toks[k + 1].number == 0)
                break;
            if (head)
                *head = fig_dec_add(total, cur);
            k++;
            continue;
        } else {
            break;
        }
        last = t->type;
        any = true;
        k++;
    }
    *i = k;
    *ok = any;
    return fig_dec_add(total, cur);
}

static fig_dec read_cardinal(const en_tok *toks, int n, int *i, bool *ok)
{
    return read_cardinal_split(toks, n, i, ok, NULL);
}

/* A fraction as read: numerator over denominator; whole is the cardinal
 * before an inner "and" of the numerator (zero when none), which makes
 * a mixed number when the rest is a proper fraction. */
typedef struct en_fraction {
    fig_dec numerator, denominator, whole;
} en_fraction;

/* "two hundred and fifty-four hundredths" is 200 + 54/100: after a place,
 * "and" starts the fraction of a mixed number when what follows it is
 * less than one; "one hundred and thirty fifths" is 130/5, for 30/5 is
 * no fraction of a whole. */
static fig_dec fraction_value(const en_fraction *f)
{
    if (f->whole.sig != 0) {
        fig_dec rest = fig_dec_add(f->numerator, fig_dec_neg(f->whole));
        if (fig_dec_value(rest) < fig_dec_value(f->denominator))
            return fig_dec_add(f->whole, fig_dec_div(rest, f->denominator));
    }
    return fig_dec_div(f->numerator, f->denominator);
}

/* True when toks[k] is a singular denominator ("fifth", not "fifths")
 * written in s. */
static bool singular_denominator(const char *s, const en_tok *t)
{
    return (t->type == W_DENOM || t->type == W_FIRST) && s[t->end - 1] != 's';
}

/* True when toks[k] is a unit ordinal that can close a compound
 * denominator after a tens word: first(s), third(s) .. ninth(s). */
static bool unit_denominator(const en_tok *t)
{
    return t->type == W_FIRST || (t->type == W_DENOM && t->number < 10);
}

/* Reads an ordinal written as words from toks[*i] ("one hundred fifth",
 * "one hundred and fifth", "twenty-first"): returns true, its number in
 * *value and advances *i, when it ends in a singular ordinal word. */
static bool read_ordinal(const char *s, const en_tok *toks, int n, int *i,
                         fig_dec *value)
{
    int k = *i;
    bool ok;
    fig_dec count = read_cardinal(toks, n, &k, &ok);
    if (!ok)
        return false;
    if (k + 1 < n && toks[k].type == W_AND)
        k++;
    if (k < n && toks[k - 1].type == W_TENS && unit_denominator(&toks[k]) &&
        singular_denominator(s, &toks[k])) {
        *value = fig_dec_add(count, toks[k].value);
        *i = k + 1;
        return true;
    }
    if (k < n && toks[k].type == W_DENOM && singular_denominator(s, &toks[k]) &&
        (toks[k].number < fig_dec_value(count) ||
         (fig_dec_value(count) == 1 && toks[k].number >= 100))) {
        if (fig_dec_value(count) == 1 && toks[k].number >= 100)
            count = fig_dec_int(0); /* "one hundredth" is the 100th */
        *value = fig_dec_add(count, toks[k].value);
        *i = k + 1;
        return true;
    }
    return false;
}

/* Reads a fraction from toks[*i]: "a half", "two thirds", "one
 * twenty-fifth", "three quarters", "one hundred thirty-fifths" (100/35),
 * "one one-hundred-fifth" (1/105). Returns true and fills *f. */
static bool read_fraction(const char *s, const en_tok *toks, int n, int *i,
                          en_fraction *f)
{
    const fig_dec zero = {0, 0, 0};
    int k = *i;
    f->whole = zero;
    if (k + 1 < n && toks[k].type == W_A &&
        !(toks[k + 1].type == W_HUNDRED || toks[k + 1].type == W_SCALE)) {
        f->numerator = fig_dec_int(1); /* "a third"; "a hundred millionths" */
        k++;
    } else {
        bool ok;
        f->numerator = read_cardinal_split(toks, n, &k, &ok, &f->whole);
        if (!ok)
            return false;
    }
    if (k >= n)
        return false;
    word_type t = toks[k].type;
    /* a compound denominator: "one twenty-fifth", "three twenty-firsts";
     * not after "a" ("a twenty-first birthday") */
    if (t == W_TENS && k + 1 < n && toks[*i].type != W_A &&
        unit_denominator(&toks[k + 1])) {
        f->denominator = fig_dec_add(toks[k].value, toks[k + 1].value);
        *i = k + 2;
        return true;
    }
    /* "one hundred thirty-fifths": a tens word straight after a place
     * opens the denominator, as "thirty-fifth" is one ordinal */
    if (unit_denominator(&toks[k]) && k - 2 > *i &&
        toks[k - 1].type == W_TENS &&
        (toks[k - 2].type == W_HUNDRED || toks[k - 2].type == W_SCALE)) {
        int j = *i;
        bool ok;
        f->numerator = read_cardinal_split(toks, k - 1, &j, &ok, &f->whole);
        f->denominator = fig_dec_add(toks[k - 1].value, toks[k].value);
        *i = k + 1;
        return ok && j == k - 1;
    }
    if (t == W_DENOM || t == W_HALF || t == W_QUARTER) {
        f->denominator = toks[k].value;
        *i = k + 1;
        return true;
    }
    /* "one one hundred fifth": one over the ordinal after it */
    fig_dec ordinal;
    int j = k;
    if (k == *i + 1 && fig_dec_value(f->numerator) == 1 &&
        read_ordinal(s, toks, n, &j, &ordinal)) {
        f->denominator = ordinal;
        *i = j;
        return true;
    }
    return false;
}

/* True when a word after "a third", "a fifth" makes it an ordinal: a noun
 * or an adjective ("a third party", "a fifth straight win", "a
 * third-quarter loss"). Function words and comparatives leave a fraction
 * ("a third of them", "a fifth more", "a tenth as much"). */
static bool ordinal_before_word(const char *s, size_t len, size_t end)
{
    static const char *const FRACTION_FOLLOWERS[] = {
        "of",  "more", "less", "fewer", "as",   "than", "and",  "or",
        "to",  "in",   "on",   "at",    "by",   "for",  "from", "with",
        "off", "is",   "was",  "are",   "were", "the",  "that", NULL};
    size_t p = end;
    if (p < len && s[p] == '-')
        return p + 1 < len && fig_is_alpha((unsigned char)s[p + 1]);
    while (p < len && s[p] == ' ')
        p++;
    size_t q = p;
    while (q < len && fig_is_alpha((unsigned char)s[q]))
        q++;
    if (q == p || p == end)
        return false;
    return !fig_word_in_list(s + p, q - p, FRACTION_FOLLOWERS);
}

/* True when a hyphen (spaces around it or not) and a word other than a
 * number word follow pos: zero-coupon, not zero-three. */
static bool hyphen_word_after(const char *s, size_t len, size_t pos)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len || s[p] != '-')
        return false;
    p++;
    while (p < len && s[p] == ' ')
        p++;
    size_t q = p;
    while (q < len && fig_is_alpha((unsigned char)s[q]))
        q++;
    return q > p && !lookup(s + p, q - p);
}

/* True when the word before pos makes the place word at pos a vague
 * size: "several hundred", "a few thousand", "many million". */
static bool indefinite_before(const char *s, size_t pos)
{
    static const char *const VAGUE[] = {"several", "few", "many", NULL};
    size_t p = pos;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    size_t end = p;
    while (p > 0 && fig_is_alpha((unsigned char)s[p - 1]))
        p--;
    if (end == pos || p == end)
        return false;
    return fig_word_in_list(s + p, end - p, VAGUE);
}

bool fig_parse_en(const char *s, size_t len, size_t pos, fig_num *out)
{
    en_tok toks[MAX_TOKS];
    int n = tokenize(s, len, pos, toks);
    if (n == 0)
        return false;
    int i = 0;
    bool negative = false;
    if (toks[0].type == W_MINUS) {
        negative = true;
        i = 1;
    }
    /* "twenty-fifth", "a twenty-first birthday": an ordinal, not a
     * figure (the plural "twenty fifths" stays a fraction) */
    int o = i < n && toks[i].type == W_A ? i + 1 : i;
    if (o + 1 < n && toks[o].type == W_TENS &&
        (toks[o + 1].type == W_FIRST ||
         (toks[o + 1].type == W_DENOM && toks[o + 1].number < 10)) &&
        s[toks[o + 1].end - 1] != 's')
        return false;
    fig_dec value = {0, 0, 0};
    unsigned flags = NUM_WORDS;
    int start_tok = i;
    int k = i;
    bool ok = false;

    /* "hundreds of people", "several hundred", "a few thousand": no
     * amount is stated */
    if (k < n && (toks[k].type == W_HUNDRED || toks[k].type == W_SCALE) &&
        (s[toks[k].end - 1] == 's' || indefinite_before(s, toks[k].start)))
        return false;
    if (k < n && toks[k].type == W_HALF) {
        /* half, half a dozen, half million, half a million, half-dozen */
        value = fig_dec_of(5, -1);
        k++;
        ok = true;
        flags |= NUM_FRACTION;
        int a = k < n && toks[k].type == W_A ? k + 1 : k;
        if (a < n && toks[a].type == W_DOZEN) {
            value = fig_dec_int(6); /* a count, no fraction */
            flags &= ~(unsigned)NUM_FRACTION;
            k = a + 1;
        } else if (a < n && toks[a].type == W_SCALE) {
            value = fig_dec_mul(value, toks[a].value);
            k = a + 1;
        }
    } else if (k + 2 < n && toks[k].type == W_A && toks[k + 1].type == W_HALF &&
               toks[k + 2].type == W_DOZEN) {
        /* "a half-dozen eggs", "a half dozen" */
        value = fig_dec_int(6);
        k += 3;
        ok = true;
    } else if (k < n && toks[k].type == W_QUARTER && k + 1 < n &&
               toks[k + 1].type == W_SCALE) {
        value = fig_dec_mul(fig_dec_of(25, -2), toks[k + 1].value);
        k += 2;
        ok = true;
    } else {
        int f = k;
        en_fraction frac;
        if (read_fraction(s, toks, n, &f, &frac) &&
            !(toks[f - 1].type == W_DENOM && toks[f - 1].number >= 1e6 &&
              toks[k].type != W_A)) {
            /* "a third party": an ordinal after an article */
            if (toks[k].type == W_A && toks[f - 1].type == W_DENOM &&
                s[toks[f - 1].end - 1] != 's' &&
                ordinal_before_word(s, len, toks[f - 1].end))
                return false;
            /* "one hundred fifth", "one hundred thirty-fifth": a singular
             * ordinal after a number other than one is the ordinal 105th,
             * 135th, no fraction and no figure */
            if (singular_denominator(s, &toks[f - 1]) && toks[k].type != W_A &&
                fig_dec_value(frac.numerator) != 1)
                return false;
            value = fraction_value(&frac);
            k = f;
            ok = true;
            flags |= NUM_FRACTION;
        } else {
            fig_dec head = {0, 0, 0};
            value = read_cardinal_split(toks, n, &k, &ok, &head);
            /* "one hundred and twenty-first": an ordinal */
            if (ok && k < n && singular_denominator(s, &toks[k]) &&
                k > start_tok && toks[k - 1].type == W_TENS)
                return false;
            if (ok && k < n && toks[k].type == W_DOZEN) {
                /* a dozen counts the group after the last "and": "three
                 * hundred and two dozens" is 300 + 2 x 12 */
                fig_dec group = fig_dec_add(value, fig_dec_neg(head));
                value = fig_dec_add(head, fig_dec_mul(group, fig_dec_int(12)));
                k++;
            } else if (!ok && k + 1 < n && toks[k].type == W_A &&
                       toks[k + 1].type == W_DOZEN) {
                value = fig_dec_int(12);
                k += 2;
                ok = true;
            }
        }
    }
    if (!ok)
        return false;

    /* "and a half", "and three fifths", "point five", "over three" */
    if (k + 1 < n && toks[k].type == W_AND && !(flags & NUM_FRACTION)) {
        int f = k + 1;
        en_fraction frac;
        /* "one hundred and fifth": an ordinal */
        if (singular_denominator(s, &toks[k + 1]) &&
            (toks[k - 1].type == W_HUNDRED || toks[k - 1].type == W_SCALE))
            return false;
        if (read_fraction(s, toks, n, &f, &frac)) {
            /* a scale after the fraction applies to it alone; else the
             * fraction is of the last scale: "3 million and a half" */
            fig_dec unit = fig_dec_int(1);
            bool base_scaled = toks[k - 1].type == W_SCALE;
            if (f < n && toks[f].type == W_SCALE && base_scaled) {
                unit = toks[f].value; /* one billion and a half million */
                f++;
            } else if (f < n && toks[f].type == W_SCALE) {
                /* five and a half million */
                value = fig_dec_mul(value, toks[f].value);
                unit = toks[f].value;
                f++;
            } else if (base_scaled) {
                unit = toks[k - 1].value; /* 3 million and a half */
            }
            fig_dec part = fraction_value(&frac);
            bool after_place = toks[k - 1].type == W_HUNDRED || base_scaled;
            if (after_place && fig_dec_value(unit) == 1 &&
                fig_dec_value(part) >= 1) {
                /* "one hundred and thirty fifths": no mixed number, as
                 * 30/5 is no fraction; the whole is the numerator */
                value = fig_dec_div(fig_dec_add(value, frac.numerator),
                                    frac.denominator);
            } else {
                value = fig_dec_add(value, fig_dec_mul(part, unit));
            }
            k = f;
            flags |= NUM_FRACTION | NUM_SCALED;
        }
    } else if (k + 1 < n && toks[k].type == W_POINT &&
               !(flags & NUM_FRACTION)) {
        int places = 0;
        int f = k + 1;
        while (f < n && (toks[f].type == W_UNIT || toks[f].type == W_TEEN ||
                         toks[f].type == W_TENS)) {
            fig_dec v = toks[f].value;
            if (toks[f].type == W_TENS && f + 1 < n &&
                toks[f + 1].type == W_UNIT && toks[f + 1].number > 0) {
                v = fig_dec_add(v, toks[f + 1].value);
                f++;
            }
            places += fig_dec_value(v) >= 10 ? 2 : 1;
            value = fig_dec_add(value, fig_dec_scale10(v, -places));
            f++;
        }
        if (f > k + 1) {
            k = f;
            flags |= NUM_DECIMAL;
        }
    } else if (k + 2 < n && toks[k].type == W_OUT && toks[k + 1].type == W_OF &&
               !(flags & NUM_FRACTION)) {
        /* "one out of three", "9 out of 10": a proportion */
        int f = k + 2;
        bool ok2;
        fig_dec den = read_cardinal(toks, n, &f, &ok2);
        if (ok2 && den.sig != 0 && fig_dec_value(value) <= fig_dec_value(den)) {
            value = fig_dec_div(value, den);
            k = f;
            flags |= NUM_FRACTION;
        }
    } else if (k + 1 < n && toks[k].type == W_IN && !(flags & NUM_FRACTION) &&
               fig_dec_value(value) >= 1 && fig_dec_is_whole(value)) {
        /* "one in five adults", "1 in 20"; not "10 in 12 minutes" nor
         * "30000 in 2009" */
        int f = k + 1;
        bool ok2;
        fig_dec den = read_cardinal(toks, n, &f, &ok2);
        size_t unit_end;
        bool year = toks[f - 1].type == W_DIGITS &&
                    toks[f - 1].end - toks[f - 1].start == 4 &&
                    fig_dec_value(den) >= 1000;
        if (ok2 && fig_dec_value(den) > fig_dec_value(value) && !year &&
            !fig_unit_after(s, len, toks[f - 1].end, false, &unit_end)) {
            value = fig_dec_div(value, den);
            k = f;
            flags |= NUM_FRACTION;
        }
    } else if (k + 1 < n && toks[k].type == W_OVER) {
        int f = k + 1;
        bool ok2;
        fig_dec den = read_cardinal(toks, n, &f, &ok2);
        size_t after = f > 0 ? toks[f - 1].end : 0;
        while (after < len && s[after] == ' ')
            after++;
        if (ok2 && den.sig != 0 && f == n &&
            !(after < len && fig_is_alpha((unsigned char)s[after]))) {
            value = fig_dec_div(value, den);
            k = f;
            flags |= NUM_FRACTION;
        }
    }
    /* a scale after a fraction or a decimal: five and a half million, one
     * point two million */
    if (k < n && toks[k].type == W_SCALE &&
        (flags & (NUM_FRACTION | NUM_DECIMAL)) && !(flags & NUM_SCALED)) {
        value = fig_dec_mul(value, toks[k].value);
        k++;
    }
    /* two thirds of a million */
    if ((flags & NUM_FRACTION) && k + 2 < n && toks[k].type == W_OF &&
        toks[k + 1].type == W_A && toks[k + 2].type == W_SCALE) {
        value = fig_dec_mul(value, toks[k + 2].value);
        k += 3;
    }
    if (k == start_tok)
        return false;
    if (k == start_tok + 1 && toks[start_tok].type == W_UNIT &&
        toks[start_tok].number == 0 &&
        hyphen_word_after(s, len, toks[start_tok].end))
        return false; /* zero-coupon, zero-sum: part of a word */
    bool all_digits = true;
    for (int j = start_tok; j < k; j++)
        if (toks[j].type != W_DIGITS)
            all_digits = false;
    if (all_digits && !negative)
        return false;
    for (int j = start_tok; j < k; j++)
        if (toks[j].type == W_SCALE || toks[j].type == W_HUNDRED)
            flags |= NUM_SCALED;
    if (toks[start_tok].type == W_DIGITS)
        flags |= NUM_ARABIC;
    out->start = toks[0].start;
    out->end = toks[k - 1].end;
    out->value = negative ? fig_dec_neg(value) : value;
    out->flags = flags | (negative ? NUM_NEGATIVE : 0);
    out->digits = toks[start_tok].digits;
    out->chars = 0;
    return true;
}

/* Scales written after an Arabic number. `attached` ones must touch it. */
typedef struct en_scale {
    const char *text;
    double value;
    bool space_ok;
} en_scale;

static const en_scale SCALES[] = {
    {"trillion", 1e12, true}, {"billion", 1e9, true}, {"million", 1e6, true},
    {"thousand", 1e3, true},  {"hundred", 100, true}, {"lakh", 1e5, true},
    {"crore", 1e7, true},     {"bln", 1e9, true},     {"tln", 1e12, true},
    {"mln", 1e6, true},       {"bn", 1e9, true},      {"mil", 1e6, true},
    {"MM", 1e6, false},       {"k", 1e3, true},       {"K", 1e3, false},
    {"M", 1e6, true},         {"b", 1e9, false},      {"B", 1e9, false},
    {"G", 1e9, true},         {"dozens", 12, true},   {"dozen", 12, true},
    {"dzs", 12, true},        {"dozs", 12, true},     {"mn", 1e6, false},
    {NULL, 0, false}};

double fig_en_scale_after_rest(const char *s, size_t len, size_t pos,
                               size_t *end)
{
    size_t p = pos;
    bool spaced = false;
    while (p < len && s[p] == ' ') {
        p++;
        spaced = true;
    }
    if (p >= len || !fig_is_alpha((unsigned char)s[p]))
        return 0;
    for (const en_scale *e = SCALES; e->text; e++) {
        size_t n = strlen(e->text);
        if (p + n > len || memcmp(s + p, e->text, n) != 0)
            continue;
        if (spaced && !e->space_ok)
            continue;
        if (p + n < len && fig_is_alpha((unsigned char)s[p + n]))
            continue;
        *end = p + n;
        return e->value;
    }
    return 0;
}
