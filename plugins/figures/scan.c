/* plugins/figures/scan.c - the single scanner over a block's text. It
 * walks the text once, dispatching on the first byte of each character:
 * digits, full-width digits, Chinese numerals, currency symbols, letters
 * that may start an English number word, and template placeholders
 * (20xx, xx人). At a candidate it reads the numeral, then what follows
 * (unit, percent, range, qualifier) and what precedes (currency,
 * qualifier, ordinal or label context) and emits one figure or skips.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <sluice/doc.h>
#include <sluice/text.h>

#include "figures.h"

/* Helpers for rare cases stay out of line, so that the scanner's hot
 * path keeps its size (and its inlined helpers). */
#define RARELY_CALLED __attribute__((noinline))

/* True when the n bytes at a and b are the same: a loop the compiler
 * keeps inline, where memcmp of a length known only at run time is a
 * library call. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* A figure being assembled. */
typedef struct cand {
    fig_num num;
    size_t start, end;
    const char *kind, *unit, *qualifier;
    fig_dec value, low, high;
    bool has_value;
    /* a bare count whose noun (学生, 学校) is looked up only once the
     * figure is kept: see noun_unit_when_kept */
    bool noun_pending;
    /* compared by a relational word (大于10, >= 30): a condition */
    bool condition;
    /* a factor of a size written with x or × (3x4 m, 1920x1080) */
    bool dimension;
} cand;

/* An empty candidate, copied to start one (a copy, where zeroing the
 * struct in place costs a slow string instruction on x86). */
static const cand NO_CAND;

/* True when the character before pos is 币, 幣, 元 or 金, the last
 * character of every Chinese currency word (人民币, 港幣, 美元, 美金):
 * compared as bytes (E5 B8 81, E5 B9 A3, E5 85 83, E9 87 91). */
static inline bool ends_in_currency_char(const char *s, size_t pos)
{
    const unsigned char *b = (const unsigned char *)s + pos - 3;
    if (b[0] == 0xE5)
        return (b[1] == 0xB8 && b[2] == 0x81) ||
               (b[1] == 0xB9 && b[2] == 0xA3) || (b[1] == 0x85 && b[2] == 0x83);
    return b[0] == 0xE9 && b[1] == 0x87 && b[2] == 0x91;
}

/* -, the full-width － and the minus sign −. */
static bool is_minus_sign(int32_t cp)
{
    return cp == '-' || cp == 0xFF0D || cp == 0x2212;
}

/* Currency signs of three bytes that may open a figure: ￥ ￡ ＄ € ₿ ₩
 * ₽ ₹ ₫ ₺ ₱ ฿. */
static bool is_currency_sign(int32_t cp)
{
    switch (cp) {
    case 0xFFE5:
    case 0xFFE1:
    case 0xFF04:
    case 0x20AC:
    case 0x20BF:
    case 0x20A9:
    case 0x20BD:
    case 0x20B9:
    case 0x20AB:
    case 0x20BA:
    case 0x20B1:
    case 0x0E3F: return true;
    default: return false;
    }
}

/* The numerator and denominator of a vulgar fraction character (½ ¾ ⅔
 * ...); false for any other character. */
static bool vulgar_fraction(int32_t cp, int *numerator, int *denominator)
{
    static const struct {
        int32_t cp;
        int numerator, denominator;
    } FRACTIONS[] = {{0xBC, 1, 4},   {0xBD, 1, 2},   {0xBE, 3, 4},
                     {0x2153, 1, 3}, {0x2154, 2, 3}, {0x2155, 1, 5},
                     {0x2159, 1, 6}, {0x215B, 1, 8}, {0x215C, 3, 8},
                     {0x215D, 5, 8}, {0x215E, 7, 8}};
    if (cp < 0xBC || cp > 0x215E)
        return false;
    for (size_t i = 0; i < sizeof FRACTIONS / sizeof FRACTIONS[0]; i++)
        if (FRACTIONS[i].cp == cp) {
            *numerator = FRACTIONS[i].numerator;
            *denominator = FRACTIONS[i].denominator;
            return true;
        }
    return false;
}

/* True when cp is a vulgar fraction character. */
static bool is_vulgar_fraction(int32_t cp)
{
    int numerator, denominator;
    return vulgar_fraction(cp, &numerator, &denominator);
}

/* The value of a numeral as a double, for comparisons. */
static double number_of(const fig_num *num)
{
    return fig_dec_value(num->value);
}

/* ---- placeholders: 20xx, xx人, 20xx年5月, 20xx0多份 ---- */

/* True when an x or X follows the ASCII digits at pos (or is at pos):
 * the quick test before a placeholder is looked for. */
static inline bool x_after_digits(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] >= '0' && s[pos] <= '9')
        pos++;
    return pos < len && (s[pos] == 'x' || s[pos] == 'X');
}

static bool placeholder_at(const char *s, size_t len, size_t pos, cand *c)
{
    size_t p = pos;
    int digits = 0;
    bool pair = false;
    while (p < len &&
           (s[p] == 'x' || s[p] == 'X' || (s[p] >= '0' && s[p] <= '9'))) {
        if (s[p] == 'x' || s[p] == 'X') {
            if (p > pos && (s[p - 1] == 'x' || s[p - 1] == 'X'))
                pair = true;
        } else {
            digits++;
        }
        p++;
    }
    if (!pair || (p < len && fig_is_alpha((unsigned char)s[p])))
        return false;
    if (pos > 0 && fig_is_alpha((unsigned char)s[pos - 1]))
        return false;
    size_t end = p, n;
    int32_t cp = fig_cp_at(s, len, end < len ? end : len - 1, &n);
    if (end < len && (cp == 0x591A || cp == 0x4F59)) /* 多 余 */
        end += n;
    size_t uend = end;
    const char *unit = NULL;
    if (fig_starts(s, len, end, "年")) {
        unit = "year";
        uend = end + 3;
        /* 20xx年5月 */
        size_t q = uend;
        while (q < len && s[q] >= '0' && s[q] <= '9')
            q++;
        if (q > uend && fig_starts(s, len, q, "月")) {
            unit = "year-month";
            uend = q + 3;
        }
    } else {
        const fig_unit *u = fig_unit_after(s, len, end, true, &uend);
        if (u)
            unit = u->unit;
    }
    if (!unit && digits == 0)
        return false; /* xx乡: a masked name, not a quantity */
    if (!unit && digits > 0)
        unit = "year"; /* 20xx */
    c->start = pos;
    c->end = uend > end ? uend : end;
    c->kind = fig_placeholder;
    c->unit = unit;
    c->has_value = false;
    return true;
}

/* True when v is a whole number. */
static bool is_whole(fig_dec v)
{
    return fig_dec_is_whole(v);
}

/* ---- the numeral itself ---- */

/* True when cp may continue a numeral after Arabic digits: 万, 千, 多,
 * 余, 几, 点, 分 (分之), 又, a space. */
static bool continues_numeral(int32_t cp)
{
    return cp == ' ' || fig_zh_after_arabic(cp);
}

/* 万 萬 亿 億: big places that open a figure only as 万分之三. */
static inline bool is_big_place(int32_t cp)
{
    return cp == 0x4E07 || cp == 0x842C || cp == 0x4EBF || cp == 0x5104;
}

/* Reads the numeral at pos into c->num. */
static bool numeral_at(const char *s, size_t len, size_t pos, cand *c)
{
    size_t n;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    if (fig_is_digit_cp(cp) || cp == '.' || fig_zh_starts_numeral(cp) ||
        (is_big_place(cp) && fig_starts(s, len, pos + n, "分"))) {
        /* most Arabic numbers end in a unit or punctuation: read them
         * without the Chinese numeral machine */
        bool plain = false;
        if (fig_is_digit_cp(cp) || cp == '.') {
            if (!fig_parse_digits(s, len, pos, &c->num))
                return false;
            size_t m;
            int32_t next = fig_cp_at(s, len, c->num.end, &m);
            plain =
                !continues_numeral(next) || fig_scale_digits(s, len, &c->num);
        }
        if (!plain && !fig_parse_zh(s, len, pos, &c->num))
            return false;
        if ((c->num.flags & NUM_ARABIC) && !(c->num.flags & NUM_CHINESE) &&
            c->num.end < len && s[c->num.end] == ' ' &&
            (fig_starts(s, len, c->num.end, " over ") ||
             fig_starts(s, len, c->num.end, " out of ") ||
             fig_starts(s, len, c->num.end, " in ") ||
             fig_starts(s, len, c->num.end, " and "))) {
            fig_num words;
            if (fig_parse_en(s, len, pos, &words) && words.end > c->num.end)
                c->num = words;
            return true;
        }
        if ((c->num.flags & NUM_ARABIC) && !(c->num.flags & NUM_CHINESE)) {
            size_t send;
            double scale = fig_en_scale_after(s, len, c->num.end, &send);
            if (scale > 0) {
                fig_num words;
                if (fig_parse_en(s, len, pos, &words) && words.end >= send) {
                    c->num = words;
                } else if (scale == 1e9 && s[send - 1] == 'G' &&
                           !(c->num.flags & NUM_DECIMAL) &&
                           number_of(&c->num) < 10) {
                    return false; /* 5G is a name */
                } else {
                    c->num.value =
                        fig_dec_mul(c->num.value, fig_dec_whole(scale));
                    c->num.end = send;
                    c->num.flags |= NUM_SCALED;
                }
            }
        }
        return true;
    }
    if (fig_is_alpha(cp))
        return fig_parse_en(s, len, pos, &c->num);
    return false;
}

/* ---- what follows the numeral ---- */

/* Formal digits (壹 贰 叁 肆 伍 陆 柒 捌 玖 拾 佰 仟) alone are mostly
 * parts of words: 队伍, 陆地, 拾起. */
static bool single_formal_digit(const char *s, size_t len, const cand *c)
{
    if (c->num.chars != 1 || !(c->num.flags & NUM_CHINESE))
        return false;
    size_t n;
    int32_t cp = fig_cp_at(s, len, c->num.start, &n);
    switch (cp) {
    case 0x58F9: /* 壹 */
    case 0x8D30: /* 贰 */
    case 0x8CB3: /* 貳 */
    case 0x53C1: /* 叁 */
    case 0x53C3: /* 參 */
    case 0x8086: /* 肆 */
    case 0x4F0D: /* 伍 */
    case 0x9646: /* 陆 */
    case 0x9678: /* 陸 */
    case 0x67D2: /* 柒 */
    case 0x634C: /* 捌 */
    case 0x7396: /* 玖 */
    case 0x62FE: /* 拾 */
    case 0x4F70: /* 佰 */
    case 0x4EDF: /* 仟 */ return true;
    default: return false;
    }
}

/* True when the unit as written starts with the three-byte character
 * zh (打, 大, 分); && stops at the end of a shorter text. */
static bool unit_starts_with(const fig_unit *u, const char *zh)
{
    const char *t = u->text;
    return t[0] == zh[0] && t[1] == zh[1] && t[2] == zh[2];
}

static bool unit_allowed(const char *s, size_t len, const cand *c,
                         const fig_unit *u, size_t uend)
{
    if (single_formal_digit(s, len, c) && !unit_starts_with(u, "打"))
        return false;
    size_t n;
    int32_t next = uend < len ? fig_cp_at(s, len, uend, &n) : 0;
    if (u->kind == fig_percent && u->scale == 10) { /* 成 */
        double v = number_of(&c->num);
        bool integer = is_whole(c->num.value);
        static const char *const NOT_AFTER =
            "为员立果功本长绩熟就交型都品效人年分";
        char buf[5] = {0};
        if (!integer || v < 1 || v > 10 || (c->num.flags & NUM_SCALED))
            return false;
        if (next) {
            sl_utf8_encode(next, buf);
            if (strstr(NOT_AFTER, buf))
                return false;
        }
        return true;
    }
    if (unit_starts_with(u, "打")) {
        static const char *const NOT_AFTER =
            "开算造击工破断扫印折电球针通听卡响败";
        char buf[5] = {0};
        if (!(c->num.flags & NUM_CHINESE))
            return false;
        if (next) {
            sl_utf8_encode(next, buf);
            if (strstr(NOT_AFTER, buf))
                return false;
        }
        return true;
    }
    if ((unit_starts_with(u, "两") || unit_starts_with(u, "里")) &&
        u->text[3] == 0) {
        /* 三两酒, 十里路; not 一两个 (one or two), 三里屯, 心里面 */
        static const char *const NOT_AFTER = "个次天年月人屯面边头程外";
        char buf[5] = {0};
        size_t uend2;
        if (next && (sl_utf8_encode(next, buf), strstr(NOT_AFTER, buf)))
            return false;
        if (fig_ends(s, c->num.end, "两"))
            return false; /* 三三两两 */
        return !fig_unit_after(s, len, uend, true, &uend2);
    }
    if (unit_starts_with(u, "大"))
        return is_whole(c->num.value) && number_of(&c->num) >= 2 &&
               number_of(&c->num) <= 20 && fig_is_han(next);
    if (unit_starts_with(u, "分") && u->text[3] == 0 && fig_is_han(next) &&
        (c->num.flags & NUM_CHINESE))
        return false;
    return true;
}

/* A date or a year written with 年, 月, 日: sets kind and end. */
static bool calendar_after(const char *s, size_t len, cand *c, size_t end)
{
    if ((c->num.flags &
         (NUM_DECIMAL | NUM_SCALED | NUM_APPROX | NUM_GROUPED)) ||
        !is_whole(c->num.value))
        return false;
    double v = number_of(&c->num);
    if (fig_starts(s, len, end, "年")) {
        if (fig_starts(s, len, end + 3, "级"))
            return false;
        bool year = ((c->num.flags & NUM_ARABIC) && c->num.digits == 4 &&
                     v >= 1000 && v <= 2999) ||
                    (c->num.flags & NUM_DIGIT_SEQ);
        if (!year)
            return false;
        c->kind = fig_year;
        c->unit = "year";
        c->end = end + 3;
        if (fig_starts(s, len, c->end, "代")) {
            c->kind = fig_date;
            c->unit = "decade";
            c->end += 3;
        }
        c->has_value = true;
        c->value = c->num.value;
        return true;
    }
    if (fig_starts(s, len, end, "月") && v >= 1 && v <= 12 &&
        !fig_starts(s, len, end + 3, "份额")) {
        c->kind = fig_date;
        c->unit = "month";
        size_t p = end + 3;
        fig_num day;
        size_t n;
        int32_t cp = p < len ? fig_cp_at(s, len, p, &n) : 0;
        if ((fig_is_digit_cp(cp) || fig_zh_digit(cp) >= 0 ||
             fig_zh_unit(cp) == 10) &&
            fig_parse_zh(s, len, p, &day) && number_of(&day) >= 1 &&
            number_of(&day) <= 31 &&
            (fig_starts(s, len, day.end, "日") ||
             fig_starts(s, len, day.end, "号"))) {
            c->unit = "month-day";
            p = day.end + 3;
        } else if (fig_starts(s, len, p, "上旬") ||
                   fig_starts(s, len, p, "中旬") ||
                   fig_starts(s, len, p, "下旬")) {
            p += 6;
        } else if (fig_starts(s, len, p, "份")) {
            p += 3;
        }
        c->end = p;
        c->has_value = false;
        return true;
    }
    if ((fig_starts(s, len, end, "日") || fig_starts(s, len, end, "号")) &&
        v >= 1 && v <= 31 &&
        !(c->num.flags & NUM_CHINESE && c->num.chars == 1)) {
        c->kind = fig_date;
        c->unit = "day";
        c->end = end + 3;
        c->has_value = false;
        return true;
    }
    return false;
}

/* 2011-11-06, 2011/11/6, 2011.11.6, 1995-01: a date. */
static bool iso_date_after(const char *s, size_t len, cand *c, size_t end)
{
    if (!(c->num.flags & NUM_ARABIC) || c->num.digits != 4 ||
        number_of(&c->num) < 1000 || number_of(&c->num) > 2999 ||
        end + 1 >= len)
        return false;
    char sep = s[end];
    if (sep != '-' && sep != '/' && sep != '.')
        return false;
    size_t p = end + 1, q = p;
    while (q < len && s[q] >= '0' && s[q] <= '9')
        q++;
    if (q - p < 1 || q - p > 2)
        return false;
    if (q + 1 < len && s[q] == sep && s[q + 1] >= '0' && s[q + 1] <= '9') {
        q++;
        while (q < len && s[q] >= '0' && s[q] <= '9')
            q++;
    }
    c->kind = fig_date;
    c->unit = "date";
    c->end = q;
    c->has_value = false;
    return true;
}

/* The end of the x, X or × (with spaces around it) between two factors
 * of a size at pos, where a digit follows; 0 when there is none. */
static size_t times_sign_at(const char *s, size_t len, size_t pos)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p < len && (s[p] == 'x' || s[p] == 'X'))
        p++;
    else if (p + 1 < len && (unsigned char)s[p] == 0xC3 &&
             (unsigned char)s[p + 1] == 0x97) /* × */
        p += 2;
    else
        return 0;
    while (p < len && s[p] == ' ')
        p++;
    return p < len && s[p] >= '0' && s[p] <= '9' ? p : 0;
}

/* True when a digit, x or X and a digit stand at pos - 2 .. pos: the
 * number at pos is the second factor of a size (3x4). */
static bool after_times_sign(const char *s, size_t pos)
{
    if (pos < 2 || s[pos] < '0' || s[pos] > '9')
        return false;
    char x = s[pos - 1], d = s[pos - 2];
    bool hex = d == '0' && (pos < 3 || s[pos - 3] < '0' || s[pos - 3] > '9');
    return (x == 'x' || x == 'X') && d >= '0' && d <= '9' && !hex;
}

/* True for the units of length a size is written in (not 2 x 300 GB,
 * which counts disks). */
static bool is_length_unit(const char *unit)
{
    static const char *const LENGTHS[] = {"m",   "cm",  "mm",    "km", "um",
                                          "nm",  "in",  "ft",    "yd", "mi",
                                          "chi", "cun", "zhang", NULL};
    for (const char *const *l = LENGTHS; *l; l++)
        if (strcmp(unit, *l) == 0)
            return true;
    return false;
}

/* "3x4 meters", "10 x 20 x 30 cm", "3×4米", "1920x1080": a size's
 * factors. Each factor before the last takes the unit written after the
 * last one (the last reads it as usual); with no unit they are counts,
 * never years. */
static bool dimension_after(const char *s, size_t len, cand *c, size_t end)
{
    size_t p = times_sign_at(s, len, end);
    if (!p || (c->num.digits == 1 && s[end - 1] == '0' && p == end + 1))
        return false; /* 0x08: a hexadecimal number */
    size_t last_end = 0;
    for (int factors = 0; p && factors < 4; factors++) {
        fig_num factor;
        if (!fig_parse_digits(s, len, p, &factor) ||
            (factor.flags & ~(NUM_ARABIC | NUM_DECIMAL | NUM_GROUPED)))
            return false;
        last_end = factor.end;
        p = times_sign_at(s, len, last_end);
    }
    size_t uend;
    const fig_unit *u = fig_unit_after(s, len, last_end, false, &uend);
    if (u && is_length_unit(u->unit)) {
        c->kind = fig_quantity;
        c->unit = u->unit;
    } else if (last_end < len && (fig_is_alpha((unsigned char)s[last_end]) ||
                                  (unsigned char)s[last_end] >= 0x80)) {
        return false; /* 0x1F, a code */
    } else {
        c->kind = fig_count;
        c->unit = NULL;
    }
    c->dimension = true;
    return true;
}

/* a:b (ratio, or a time when b has two digits) and a比b. */
static bool ratio_after(const char *s, size_t len, cand *c, size_t end)
{
    size_t p = end, n;
    bool colon = false;
    if (p < len && s[p] == ':') {
        p++;
        colon = true;
    } else if (fig_starts(s, len, p, "：")) {
        p += 3;
        colon = true;
    } else if (fig_starts(s, len, p, "比")) {
        p += 3;
    } else {
        return false;
    }
    if (p >= len)
        return false;
    int32_t cp = fig_cp_at(s, len, p, &n);
    if (!fig_is_digit_cp(cp) && (colon || fig_zh_digit(cp) < 0))
        return false;
    fig_num b;
    if (!fig_parse_zh(s, len, p, &b))
        return false;
    if (colon && b.digits == 2 && !(c->num.flags & NUM_DECIMAL) &&
        !(b.flags & NUM_DECIMAL)) {
        c->kind = fig_date; /* 8:30 is a time */
        c->unit = "time";
        c->end = b.end;
        c->has_value = false;
        return true;
    }
    if (b.value.sig == 0)
        return false;
    c->kind = fig_ratio;
    c->unit = "ratio";
    c->value = fig_dec_div(c->num.value, b.value);
    c->has_value = true;
    c->end = b.end;
    return true;
}

/* True when a whole number from 1 to 99 with no scale: a count of 角,
 * 元 or 块 that may go on in 角 and 分. */
static bool small_whole_amount(const cand *c)
{
    double v = fig_dec_value(c->value);
    return c->has_value && is_whole(c->value) && v >= 1 && v < 100 &&
           !(c->num.flags & (NUM_SCALED | NUM_DECIMAL | NUM_APPROX));
}

/* 五毛钱, 三毛五, 三角五分: an amount in 角 (and 分) alone. */
static bool jiao_amount(const char *s, size_t len, cand *c, size_t end)
{
    size_t jend;
    int fen;
    if (!small_whole_amount(c) || (fen = fig_jiao_at(s, len, end, &jend)) < 0)
        return false;
    c->kind = fig_money;
    c->unit = "CNY";
    /* jiao tenths of a yuan and fen hundredths */
    c->value = fig_dec_scale10(
        fig_dec_add(fig_dec_scale10(c->value, 1), fig_dec_int(fen)), -2);
    c->end = jend;
    return true;
}

/* 一元五角, 五块三毛, 两块五, 一元零五分: the 角 and 分 after a whole
 * amount written with 元 or 块 right after the number. */
static void yuan_parts_after(const char *s, size_t len, cand *c)
{
    if (c->end != c->num.end + 3 || !c->unit || !c->has_value ||
        !is_whole(c->value) || c->value.sig < 0 || (c->num.flags & NUM_SCALED))
        return;
    bool yuan = c->kind == fig_money && c->unit[0] == 'C' &&
                strcmp(c->unit, "CNY") == 0 && fig_ends(s, c->end, "元");
    bool kuai = c->kind == fig_count && c->unit[0] == "块"[0] &&
                strcmp(c->unit, "块") == 0;
    size_t pend;
    int fen;
    if ((!yuan && !kuai) ||
        (fen = fig_yuan_parts_after(s, len, c->end, &pend)) < 0)
        return;
    c->kind = fig_money;
    c->unit = "CNY";
    c->value = fig_dec_add(c->value, fig_dec_of(fen, -2));
    c->end = pend;
}

/* Unit, percent, fraction, calendar: decides kind and unit. */
/* "five years old", "a 5-year-old girl", "30 years of age", "a
 * 3-month-old puppy": an age, as 岁 is. */
static void english_age_after(const char *s, size_t len, cand *c)
{
    static const struct {
        const char *duration, *age;
    } AGES[] = {{"year-duration", "year-age"},
                {"month", "month-age"},
                {"week", "week-age"},
                {"day", "day-age"}};
    const char *age = NULL;
    for (size_t i = 0; i < sizeof AGES / sizeof AGES[0]; i++)
        if (strcmp(c->unit, AGES[i].duration) == 0)
            age = AGES[i].age;
    if (!age || c->end >= len || (s[c->end] != ' ' && s[c->end] != '-'))
        return;
    size_t p = c->end + 1;
    size_t word_end;
    if (fig_starts(s, len, p, "old"))
        word_end = p + 3;
    else if (s[c->end] == ' ' && fig_starts(s, len, p, "of age"))
        word_end = p + 6;
    else
        return;
    if (word_end < len && fig_is_alpha((unsigned char)s[word_end]))
        return;
    c->unit = age;
    c->end = word_end;
}

static void classify(const char *s, size_t len, cand *c)
{
    size_t end = c->num.end, uend;
    unsigned f = c->num.flags;
    c->value = c->num.value;
    c->has_value = !(f & NUM_NO_VALUE);
    c->end = end;
    if (f & NUM_PERCENT) {
        c->kind = fig_percent;
        c->unit = "percent";
        return;
    }
    if (f & NUM_PERMILLE) {
        c->kind = fig_percent;
        c->unit = "permille";
        return;
    }
    if (f & NUM_PERMYRIAD) {
        c->kind = fig_percent;
        c->unit = "permyriad";
        return;
    }
    if (calendar_after(s, len, c, end))
        return;
    if (iso_date_after(s, len, c, end))
        return;
    if (!(f & (NUM_CHINESE | NUM_WORDS | NUM_FRACTION)) &&
        ratio_after(s, len, c, end))
        return;
    if ((f & NUM_ARABIC) && !(f & (NUM_CHINESE | NUM_WORDS | NUM_FRACTION)) &&
        end < len &&
        (s[end] == 'x' || s[end] == 'X' || s[end] == ' ' ||
         (unsigned char)s[end] == 0xC3) &&
        dimension_after(s, len, c, end))
        return;
    if (jiao_amount(s, len, c, end))
        return;
    bool chinese = (f & NUM_CHINESE) && !(f & NUM_ARABIC);
    const fig_unit *u = fig_unit_after(s, len, end, chinese, &uend);
    if (u && unit_allowed(s, len, c, u, uend)) {
        c->kind = u->kind;
        c->unit = u->unit;
        if (u->scale != 1)
            c->value = fig_dec_mul(c->value, fig_dec_whole(u->scale));
        c->end = uend;
        if (unit_starts_with(u, "年") && u->text[3] == 0)
            c->unit = "year-duration";
        else if (c->kind == fig_quantity && c->end < len &&
                 (s[c->end] == ' ' || s[c->end] == '-') && !(f & NUM_FRACTION))
            english_age_after(s, len, c);
        return;
    }
    /* no unit starts with 折 or with a Chinese digit: 八折, 七五折 */
    size_t discount_end;
    fig_dec discount;
    if ((fig_starts(s, len, end, "折") || fig_starts(s, len, end + 3, "折")) &&
        fig_discount_after(s, len, &c->num, &discount, &discount_end)) {
        c->kind = fig_discount;
        c->unit = "percent";
        c->value = discount;
        c->end = discount_end;
        return;
    }
    if (fig_starts(s, len, end, "年") && !fig_starts(s, len, end + 3, "级")) {
        c->kind = fig_quantity;
        c->unit = "year-duration";
        c->end = end + 3;
        return;
    }
    if ((f & NUM_FRACTION) && !(f & NUM_SCALED)) {
        c->kind = fig_ratio;
        c->unit = "fraction";
        return;
    }
    if ((f & NUM_ARABIC) &&
        !(f &
          (NUM_CHINESE | NUM_WORDS | NUM_DECIMAL | NUM_GROUPED | NUM_SCALED)) &&
        c->num.digits == 4 && fig_dec_value(c->value) >= 1900 &&
        fig_dec_value(c->value) <= 2099) {
        c->kind = fig_year;
        c->unit = "year";
        return;
    }
    c->kind = fig_count;
    c->unit = NULL;
    if ((f & NUM_SCALED) && fig_money_context_before(s, c->num.start)) {
        c->kind = fig_money;
        c->unit = "CNY";
        return;
    }
    c->noun_pending = true;
}

/* The noun a bare count counts (18万灾区中小学生 → person), looked up
 * after the checks that may drop the figure, which read no unit of a bare
 * count, so that the numerals inside words (进一步, 统一) cost no look-up. */
static void noun_unit_when_kept(const char *s, size_t len, cand *c)
{
    if (c->noun_pending && c->kind == fig_count && !c->unit)
        c->unit = fig_noun_unit_after(s, len, c->num.end);
    c->noun_pending = false;
}

/* 三英镑五十便士, 5美元20美分, 2欧元50欧分: the hundredths of a currency
 * named right after a whole amount of it. */
static bool cents_after(const char *s, size_t len, cand *c)
{
    size_t n, uend;
    int32_t cp = fig_cp_at(s, len, c->end, &n);
    cand part = NO_CAND;
    if (!is_whole(c->value) ||
        !(fig_is_digit_cp(cp) || fig_zh_starts_numeral(cp)) ||
        !numeral_at(s, len, c->end, &part) ||
        (part.num.flags & ~(NUM_ARABIC | NUM_CHINESE | NUM_POSITIONAL)))
        return false;
    const fig_unit *u = fig_unit_after(s, len, part.num.end, true, &uend);
    size_t code = strlen(c->unit);
    if (!u || strncmp(u->unit, c->unit, code) != 0 || u->unit[code] != '-' ||
        fig_dec_value(part.num.value) >= 100)
        return false;
    c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
    c->end = uend;
    return true;
}

/* True when the money unit after the number is a currency sign written
 * before the next number ("1 $10 bill", "5 € 20"): the sign is that
 * number's, not this one's. */
static bool sign_opens_next_amount(const char *s, size_t len, const cand *c)
{
    size_t at;
    if (c->end <= c->num.end)
        return false;
    int32_t sign = fig_cp_before(s, c->end, &at);
    if (!(sign == '$' || sign == 0xA3 /* £ */ || sign == 0xA5 /* ¥ */ ||
          is_currency_sign(sign)))
        return false;
    size_t p = c->end;
    while (p < len && s[p] == ' ')
        p++;
    return p < len && s[p] >= '0' && s[p] <= '9';
}

/* True when a currency's hundredths are written "cents" in English. */
static bool has_cents(const char *unit)
{
    static const char *const CODES[] = {"USD", "EUR", "AUD", "CAD",
                                        "NZD", "HKD", "SGD", NULL};
    for (const char *const *code = CODES; *code; code++)
        if (strcmp(unit, *code) == 0)
            return true;
    return false;
}

/* "3 dollars 50 cents", "3 euros and 20 cents", "3 pounds and 50 pence",
 * "5 feet 2 inches": a second, smaller unit. */
static void compound_after(const char *s, size_t len, cand *c)
{
    if (!c->unit || !c->has_value)
        return;
    if (c->kind == fig_money && !(c->num.flags & NUM_SCALED)) {
        /* "75 USD million" */
        size_t send;
        double scale = fig_en_scale_after(s, len, c->end, &send);
        if (scale >= 1e3 && send > c->end + 1) {
            c->value = fig_dec_mul(c->value, fig_dec_whole(scale));
            c->end = send;
            return;
        }
    }
    if (c->kind == fig_money && c->end > c->num.end && c->end < len &&
        ((unsigned char)s[c->end] >= 0x80 ||
         (s[c->end] >= '0' && s[c->end] <= '9')) &&
        cents_after(s, len, c))
        return;
    if (c->end >= len || s[c->end] != ' ')
        return; /* the smaller unit follows a space */
    bool dollars = c->kind == fig_money && has_cents(c->unit);
    bool pounds = (c->kind == fig_money && strcmp(c->unit, "GBP") == 0) ||
                  (c->unit[0] == 'l' && strcmp(c->unit, "lb") == 0);
    bool feet = c->unit[0] == 'f' && strcmp(c->unit, "ft") == 0;
    if (!dollars && !pounds && !feet)
        return;
    size_t p = c->end;
    if (fig_starts(s, len, p, " and "))
        p += 4;
    if (!fig_starts(s, len, p, " "))
        return;
    p++;
    cand part = NO_CAND;
    size_t n;
    int32_t cp = p < len ? fig_cp_at(s, len, p, &n) : 0;
    if (!(fig_is_digit_cp(cp) || fig_is_alpha(cp)) ||
        !numeral_at(s, len, p, &part))
        return;
    size_t uend;
    const fig_unit *u = fig_unit_after(s, len, part.num.end, false, &uend);
    if (!u && feet && fig_starts(s, len, part.num.end, " in") &&
        (part.num.end + 3 >= len ||
         !fig_is_alpha((unsigned char)s[part.num.end + 3]))) {
        c->value =
            fig_dec_add(c->value, fig_dec_div(part.num.value, fig_dec_int(12)));
        c->end = part.num.end + 3;
        return;
    }
    double part_value = number_of(&part.num);
    if (!u && dollars && strcmp(c->unit, "USD") == 0 && part_value < 100 &&
        part_value >= 1 &&
        ((part.num.flags & NUM_ARABIC) ? part.num.digits == 2
                                       : (part.num.flags & NUM_WORDS) != 0) &&
        (part.num.end >= len || s[part.num.end] == '.' ||
         s[part.num.end] == ',')) {
        /* "15 dollars 50." */
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = part.num.end;
        return;
    }
    if (!u)
        return;
    if (part_value >= 100 || !is_whole(part.num.value)) {
        if (!feet)
            return;
    }
    if (dollars && strcmp(u->unit, "USD-cent") == 0) {
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = uend;
    } else if (pounds && strcmp(u->unit, "GBP-penny") == 0) {
        /* pence make the pounds money */
        c->kind = fig_money;
        c->unit = "GBP";
        c->value = fig_dec_add(c->value, fig_dec_scale10(part.num.value, -2));
        c->end = uend;
    } else if (feet && strcmp(u->unit, "in") == 0) {
        c->value =
            fig_dec_add(c->value, fig_dec_div(part.num.value, fig_dec_int(12)));
        c->end = uend;
    }
}

/* ---- ranges: 5-10%, 5至10万, 20~100个, between 3 and 5 ---- */

static size_t range_connector(const char *s, size_t len, size_t pos,
                              bool english_and)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len)
        return 0;
    size_t n = 0;
    switch ((unsigned char)s[p]) {
    case '-':
    case '~': n = 1; break;
    case 0xEF: /* ～ － */
        if (fig_starts(s, len, p, "～") || fig_starts(s, len, p, "－"))
            n = 3;
        break;
    case 0xE2: /* – — */
        if (fig_starts(s, len, p, "–") || fig_starts(s, len, p, "—"))
            n = 3;
        break;
    case 0xE8:
    case 0xE5:
        if (fig_starts(s, len, p, "至") || fig_starts(s, len, p, "到"))
            n = 3;
        break;
    case 't':
        if (p > pos && fig_starts(s, len, p, "to "))
            return p + 3;
        if (p > pos && fig_starts(s, len, p, "through "))
            return p + 8;
        return 0;
    case 'a':
        if (english_and && p > pos && fig_starts(s, len, p, "and "))
            return p + 4;
        return 0;
    default: return 0;
    }
    if (n == 0)
        return 0;
    p += n;
    while (p < len && s[p] == ' ')
        p++;
    return p;
}

/* The power of ten a range's low end shares with its scaled high end
 * (5至10万: 4), or 0. */
static int range_scale(double low, double high)
{
    static const int SCALES[] = {12, 8, 6, 4, 3};
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++) {
        double scale = fig_dec_value(fig_dec_of(1, SCALES[i]));
        if (high / scale >= low && high >= scale)
            return SCALES[i];
    }
    return 0;
}

/* The number written in Arabic digits at pos, before any scale word
 * ("6.1 million": 6.1), or -1 when none starts there. */
static double written_arabic(const char *s, size_t len, size_t pos)
{
    if (pos >= len || s[pos] < '0' || s[pos] > '9')
        return -1.0;
    double v = 0.0, place = 0.0;
    for (; pos < len; pos++) {
        char ch = s[pos];
        if (ch >= '0' && ch <= '9') {
            if (place > 0.0) {
                v += (ch - '0') * place;
                place /= 10.0;
            } else {
                v = v * 10.0 + (ch - '0');
            }
        } else if (ch == '.' && place == 0.0 && pos + 1 < len &&
                   s[pos + 1] >= '0' && s[pos + 1] <= '9') {
            place = 0.1;
        } else if (ch != ',') {
            break;
        }
    }
    return v;
}

/* The end of 之间 or 间 at pos (after spaces), or 0. */
static size_t between_word_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] == ' ')
        pos++;
    if (fig_starts(s, len, pos, "之间"))
        return pos + 6;
    if (fig_starts(s, len, pos, "间"))
        return pos + 3;
    return 0;
}

/* The bytes that may open a range after a figure (range_connector's
 * connectors and 与, 和): 1, a connector's first byte (-, ~, "to", "and",
 * the lead byte of ～ － – —) or a space before one; 2, the lead byte of
 * a three-byte character that may be 至, 到, 与 or 和, whose last byte
 * tells more. */
static const unsigned char RANGE_OPENERS[256] = {
    [' '] = 1,  ['-'] = 1,  ['~'] = 1,  ['t'] = 1,  ['a'] = 1,
    [0xE2] = 1, [0xEF] = 1, [0xE4] = 2, [0xE5] = 2, [0xE8] = 2,
};

/* True when a range may follow the figure c: it has a value, is no year
 * nor date, and the byte after it may open a range (for a lead byte, the
 * character's last byte is that of 至 B3, 到 B0, 与 8E or 和 8C). Most
 * figures in Chinese text are followed by none, and are settled here
 * without a call to range_after. */
static inline bool range_may_follow(const char *s, size_t len, const cand *c)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date ||
        c->end >= len)
        return false;
    unsigned opener = RANGE_OPENERS[(unsigned char)s[c->end]];
    if (opener != 2)
        return opener != 0;
    static const uint64_t LAST_BYTES =
        (1ULL << 0x33) | (1ULL << 0x30) | (1ULL << 0x0E) | (1ULL << 0x0C);
    return len - c->end > 2 &&
           (LAST_BYTES >> ((unsigned char)s[c->end + 2] & 0x3F) & 1);
}

static bool range_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date)
        return false;
    size_t before;
    int32_t prev = fig_cp_before(s, c->start, &before);
    bool between = false;
    size_t p = before;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    if (fig_ends(s, c->start, "between ") || fig_ends(s, c->start, "from "))
        between = true;
    (void)prev;
    size_t q = range_connector(s, len, c->end, between);
    /* 10与20之间, 20和30之间: "and" joins a range only before 之间 */
    bool needs_between = false;
    if (!q && (fig_starts(s, len, c->end, "与") ||
               fig_starts(s, len, c->end, "和"))) {
        q = c->end + 3;
        needs_between = true;
    }
    if (!q || q >= len)
        return false;
    bool dash = s[c->end] == '-' || fig_starts(s, len, c->end, "－");
    cand h = NO_CAND;
    h.start = q;
    if (!numeral_at(s, len, q, &h))
        return false;
    if (dash && h.num.end < len &&
        ((s[h.num.end] >= '0' && s[h.num.end] <= '9') || s[h.num.end] == '-' ||
         s[h.num.end] == '/'))
        return false; /* 1-222-2222-2222 */
    if (dash && !((c->num.flags & NUM_ARABIC) && (h.num.flags & NUM_ARABIC)))
        return false;
    if (dash && c->num.digits == 4 && h.num.digits == 2 && s[q] == '0')
        return false; /* 1995-01 */
    classify(s, len, &h);
    noun_unit_when_kept(s, len, &h);
    if (needs_between) {
        /* "10000与20000间" but not "三间和五间" (间 a classifier) */
        size_t after = between_word_end(s, len, h.num.end);
        if (after && c->unit && !fig_starts(s, len, h.num.end, "之间"))
            after = 0;
        if (after) {
            h.kind = c->kind; /* 间 read as a unit was the between word */
            h.unit = c->unit;
        } else {
            after = between_word_end(s, len, h.end);
        }
        if (!after || !h.has_value)
            return false;
        h.end = after;
    }
    if (h.kind == fig_date && c->unit == NULL && strcmp(h.unit, "month") == 0) {
        c->kind = fig_date;
        c->unit = "month-range";
        c->end = h.end;
        c->has_value = false;
        return true;
    }
    if (!h.has_value)
        return false;
    fig_dec low = c->value, high = h.value;
    /* 5至10万, $30-35 million: the low end shares the high end's scale
     * unless a unit of its own follows it (30元至35万元) */
    if (!(c->num.flags & NUM_SCALED) && (h.num.flags & NUM_SCALED) &&
        c->end == c->num.end) {
        /* 9.2 to 6.1 million: written numbers that fall make no range
         * (the search for a shared scale would read 92,000) */
        double written = written_arabic(s, len, h.num.start);
        if (written >= 0 && fig_dec_value(low) > written)
            return false;
        low = fig_dec_scale10(
            low, range_scale(fig_dec_value(low), fig_dec_value(high)));
    }
    if (!(fig_dec_value(low) < fig_dec_value(high)))
        return false;
    if (c->unit && h.unit && strcmp(c->unit, h.unit) != 0)
        return false;
    if (!c->unit) {
        c->kind = h.kind;
        c->unit = h.unit;
    }
    c->low = low;
    c->high = high;
    c->end = h.end;
    c->has_value = false;
    return true;
}

/* 大于10小于20, more than 10 and less than 20, 1000以上，1500以下: two
 * opposite bounds make one range. */
static bool bound_pair_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value ||
        (c->qualifier != fig_over && c->qualifier != fig_under))
        return false;
    static const struct {
        const char *text;
        size_t len;
    } JOINS[] = {{"的同时", 9}, {"同时", 6}, {"并且", 6}, {"而且", 6},
                 {"并", 3},     {"且", 3},   {"和", 3},   {"，", 3},
                 {",", 1},      {"、", 3},   {"and ", 4}, {"but ", 4}};
    size_t p = c->end;
    for (int k = 0; k < 3; k++) {
        while (p < len && s[p] == ' ')
            p++;
        bool moved = false;
        for (size_t j = 0; j < sizeof JOINS / sizeof JOINS[0]; j++)
            if (len - p >= JOINS[j].len && s[p] == JOINS[j].text[0] &&
                same_bytes(s + p, JOINS[j].text, JOINS[j].len)) {
                p += JOINS[j].len;
                moved = true;
                break;
            }
        if (!moved)
            break;
    }
    size_t q = p;
    const char *second = fig_bound_word_at(s, len, p, &q);
    cand h = NO_CAND;
    if (q >= len || !numeral_at(s, len, q, &h))
        return false;
    classify(s, len, &h);
    noun_unit_when_kept(s, len, &h);
    if (!h.has_value)
        return false;
    if (!second) {
        size_t qend;
        second = fig_qualifier_after(s, len, h.end, &qend);
        if (second)
            h.end = qend;
    }
    if (!second || second == c->qualifier ||
        (second != fig_over && second != fig_under))
        return false;
    fig_dec low = c->qualifier == fig_over ? c->value : h.value;
    fig_dec high = c->qualifier == fig_over ? h.value : c->value;
    if (!(fig_dec_value(low) < fig_dec_value(high))) {
        /* "more than 40 and less than 10": two bounds that make no
         * interval are still two conditions (the second is found by
         * opposite_bound_before) */
        c->condition = true;
        return false;
    }
    c->low = low;
    c->high = high;
    c->end = h.end;
    c->has_value = false;
    c->qualifier = NULL;
    if (!c->unit) {
        c->kind = h.kind;
        c->unit = h.unit;
    }
    return true;
}

static bool ends_with_ci(const char *s, size_t pos, const char *w);

/* The words of an English bound: less than, no more than, at most. */
static bool is_bound_word(const char *w, size_t n)
{
    static const char *const WORDS[] = {
        "less", "more",  "fewer", "greater", "smaller", "than",
        "no",   "not",   "at",    "most",    "least",   "under",
        "over", "above", "below", "up",      "to",      NULL};
    return fig_word_in_list(w, n, WORDS);
}

/* "more than 40 and less than 10", "no less than 194 and less than 12":
 * the second of two bounds joined by and/or, when the first was a
 * condition or bound the other side, is a condition too. Arabic numbers
 * only: the first is found by reading digits back from the join. */
static bool opposite_bound_before(const char *s, const cand *c)
{
    if (c->qualifier != fig_over && c->qualifier != fig_under)
        return false;
    /* back over the bound's words ("less than") to the join */
    size_t p = c->start;
    bool joined = false;
    for (int words = 0; words < 4 && !joined; words++) {
        while (p > 0 && s[p - 1] == ' ')
            p--;
        if (ends_with_ci(s, p, " and") || ends_with_ci(s, p, " or")) {
            p -= s[p - 1] == 'd' || s[p - 1] == 'D' ? 4 : 3;
            joined = true;
        } else if (p > 0 && s[p - 1] == ',') {
            p--;
            joined = true;
        } else {
            size_t w = p;
            while (p > 0 && fig_is_alpha((unsigned char)s[p - 1]))
                p--;
            if (p == w || !is_bound_word(s + p, w - p))
                return false;
        }
    }
    if (!joined)
        return false;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    size_t end = p;
    while (p > 0 && ((s[p - 1] >= '0' && s[p - 1] <= '9') ||
                     ((s[p - 1] == ',' || s[p - 1] == '.') && p >= 2 &&
                      s[p - 2] >= '0' && s[p - 2] <= '9')))
        p--;
    if (p == end || (p > 0 && fig_is_alpha((unsigned char)s[p - 1])))
        return false;
    const char *side = NULL;
    if (fig_relation_before(s, p, &side))
        return true;
    size_t qstart;
    const char *first = fig_qualifier_before(s, p, &qstart);
    return (first == fig_over || first == fig_under) && first != c->qualifier;
}

/* A single amount compared by a relational word (大于10, 比三十大,
 * greater than 100, >= 30) is a condition: its qualifier says the side
 * where the relation gives one. unfiltered (for tests): without the
 * quick look at the bytes around the figure. */
static void condition_around(const char *s, size_t len, cand *c,
                             bool unfiltered)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date)
        return;
    /* most figures have neither a space, a sign, a letter nor a
     * character before them that may end a relation (于, 过, 比, ≥, ＞,
     * ⩾ and their opposites: of the characters from U+4000 to U+9FFF,
     * lead byte E4 to E9, only 于, 过 and 比), nor "or" after them, nor a
     * side: settled without a call */
    unsigned char before = c->start > 0 ? (unsigned char)s[c->start - 1] : 0;
    unsigned char after = c->end < len ? (unsigned char)s[c->end] : 0;
    bool may_before = before == ' ' || before == '>' || before == '<' ||
                      before == '=' || fig_is_alpha(before) ||
                      before == 0x8E /* 于 */ || before == 0x87 /* 过 */ ||
                      before == 0x94 /* 比 */ || before >= 0xC0 ||
                      (before >= 0x80 &&
                       (c->start < 3 || (unsigned char)s[c->start - 3] < 0xE4 ||
                        (unsigned char)s[c->start - 3] > 0xE9));
    if (!unfiltered && !may_before && after != ' ' && after != 'o' &&
        c->qualifier != fig_over && c->qualifier != fig_under)
        return;
    if (c->condition)
        return; /* one of two bounds (bound_pair_after) */
    const char *side = NULL;
    if (opposite_bound_before(s, c)) {
        c->condition = true;
    } else if (fig_relation_before(s, c->start, &side) ||
               fig_relation_after(s, len, c->start, c->end, &side)) {
        c->condition = true;
        if (side && (!c->qualifier || c->qualifier == fig_about))
            c->qualifier = side;
    } else if (fig_equal_with_side(s, len, c->start, c->end, c->qualifier)) {
        c->condition = true;
    }
}

/* ---- what makes a number no figure ---- */

static bool is_enumeration_mark(int32_t cp)
{
    return cp == 0x3001 /* 、 */ || cp == ')' || cp == 0xFF09 /* ） */;
}

/* A bare Chinese numeral (no unit): 五, 十五, 一百五十二. Single
 * characters stand alone only when set off from the words around them. */
static bool bare_chinese_ok(const char *s, size_t len, const cand *c)
{
    size_t at, n = 0;
    int32_t prev = fig_cp_before(s, c->num.start, &at);
    int32_t next = c->num.end < len ? fig_cp_at(s, len, c->num.end, &n) : 0;
    if (is_enumeration_mark(next))
        return false;
    if (c->num.chars > 1 || (c->num.flags & (NUM_SCALED | NUM_DECIMAL)))
        return true;
    if ((next == 0x5230 /* 到 */ || next == 0x81F3 /* 至 */) &&
        c->num.end + n < len &&
        fig_zh_digit(fig_cp_at(s, len, c->num.end + n, &(size_t){0})) > 0)
        return true; /* 一到五个: the low end of a range */
    if ((next == ',' || next == 0xFF0C) && c->num.end + n < len &&
        fig_zh_digit(fig_cp_at(s, len, c->num.end + n, &(size_t){0})) >= 0)
        return false; /* 一,二年级 */
    if (fig_zh_digit(prev) >= 0 || fig_zh_unit(prev) > 0)
        return false;
    /* set off before: the start, punctuation, 是, 为, 前 (前三) */
    bool prev_ok = prev == 0 || !fig_is_han(prev) || prev == 0x662F /* 是 */ ||
                   prev == 0x4E3A /* 为 */ || prev == 0x524D /* 前 */;
    if (!prev_ok)
        return false;
    if (next == 0 || !fig_is_han(next))
        return true;
    /* set off after: a function word, never 是 (一是 enumerates) */
    static const int32_t FUNCTION_WORDS[] = {
        0x8FD9 /* 这 */, 0x90A3 /* 那 */, 0x4E0D /* 不 */, 0x800C /* 而 */,
        0x5374 /* 却 */, 0x8FD8 /* 还 */, 0x4E5F /* 也 */, 0x6216 /* 或 */,
        0x548C /* 和 */, 0x4E0E /* 与 */, 0x7684 /* 的 */, 0x4E86 /* 了 */,
        0x5417 /* 吗 */, 0x5462 /* 呢 */, 0x5C31 /* 就 */};
    if (prev == 0 && next == 0x662F)
        return false;
    for (size_t i = 0; i < sizeof FUNCTION_WORDS / sizeof FUNCTION_WORDS[0];
         i++)
        if (next == FUNCTION_WORDS[i])
            return true;
    return false;
}

/* 一个广义的概念: 一 + measure word before a 的 is an article. */
static bool indefinite_article(const char *s, size_t len, const cand *c)
{
    if (!(c->num.flags & NUM_CHINESE) || number_of(&c->num) != 1 ||
        c->num.chars != 1 || c->kind != fig_count)
        return false;
    size_t bound_end;
    if (c->end > c->num.end && fig_bound_word_at(s, len, c->end, &bound_end))
        return true; /* 一个大于100的数: a number greater than 100 */
    /* up to five characters before the 的, or two such runs joined by 、
     * (一套切实可行、操作性强的) */
    size_t p = c->end, n;
    int run = 0, runs = 1;
    while (p < len) {
        int32_t cp = fig_cp_at(s, len, p, &n);
        if (cp == 0x7684) /* 的 */
            return true;
        if (cp == 0x3001 && run > 0 && runs < 2) {
            runs++;
            run = 0;
        } else if (!fig_is_han(cp) || ++run > 5) {
            return false;
        }
        p += n;
    }
    return false;
}

static bool is_list_marker(const char *s, size_t len, const cand *c)
{
    size_t p = 0;
    while (p < c->num.start && (s[p] == ' ' || s[p] == '(' || s[p] == '\t'))
        p++;
    if (fig_starts(s, len, p, "（"))
        p += 3;
    if (p != c->num.start || number_of(&c->num) >= 100)
        return false;
    size_t e = c->num.end, n;
    if (e >= len)
        return false;
    int32_t next = fig_cp_at(s, len, e, &n);
    if (next == '.' && e + 1 < len && (s[e + 1] >= '0' && s[e + 1] <= '9'))
        return false;
    return next == 0x3001 || next == '.' || next == ')' || next == 0xFF09 ||
           next == 0xFF0E;
}

/* Ordinal suffixes: 1st, 2nd, 4th; times: 6pm. */
static bool ordinal_or_time_suffix(const char *s, size_t len, size_t end,
                                   const char **kind)
{
    static const char *const ORD[] = {"st", "nd", "rd", "th", NULL};
    bool letter = end < len && fig_is_alpha((unsigned char)s[end]);
    for (const char *const *w = ORD; letter && *w; w++)
        if (fig_starts(s, len, end, *w) &&
            (end + 2 >= len || !fig_is_alpha((unsigned char)s[end + 2]))) {
            *kind = NULL;
            return true;
        }
    size_t p = end;
    while (p < len && s[p] == ' ')
        p++;
    if ((fig_starts(s, len, p, "pm") || fig_starts(s, len, p, "am") ||
         fig_starts(s, len, p, "p.m.") || fig_starts(s, len, p, "a.m.")) &&
        (p + 2 >= len || !fig_is_alpha((unsigned char)s[p + 2]))) {
        *kind = fig_date;
        return true;
    }
    return false;
}

static bool month_before(const char *s, size_t start)
{
    static const char *const MONTHS[] = {
        "january",  "february", "march",  "april",     "may",
        "june",     "july",     "august", "september", "october",
        "november", "december", "jan",    "feb",       "mar",
        "apr",      "jun",      "jul",    "aug",       "sep",
        "sept",     "oct",      "nov",    "dec",       NULL};
    size_t p = start;
    while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '.'))
        p--;
    if (p == start)
        return false;
    for (const char *const *m = MONTHS; *m; m++) {
        size_t n = strlen(*m);
        if (p < n)
            continue;
        size_t at = p - n;
        bool same = true;
        for (size_t i = 0; i < n && same; i++) {
            char ch = s[at + i];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch + 32);
            same = ch == (*m)[i];
        }
        if (same && (at == 0 || !fig_is_alpha((unsigned char)s[at - 1])))
            return true;
    }
    return false;
}

/* True when the lower-case ASCII text w ends at pos, ignoring case. */
static bool ends_with_ci(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    if (pos < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[pos - n + i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != w[i])
            return false;
    }
    return true;
}

/* A month name after a day: 1 May, 12 October. */
static bool month_after(const char *s, size_t len, size_t end)
{
    static const char *const MONTHS[] = {
        "january",  "february", "march",  "april",     "may",
        "june",     "july",     "august", "september", "october",
        "november", "december", NULL};
    if (end >= len || s[end] != ' ')
        return false;
    size_t p = end + 1;
    for (const char *const *m = MONTHS; *m; m++) {
        size_t n = strlen(*m);
        if (len - p < n)
            continue;
        bool same = true;
        for (size_t i = 0; i < n && same; i++) {
            char ch = s[p + i];
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch + 32);
            same = ch == (*m)[i];
        }
        if (same && (p + n >= len || !fig_is_alpha((unsigned char)s[p + n])))
            return true;
    }
    return false;
}

/* "the one", "which one": one as a pronoun. */
static bool pronoun_one(const char *s, size_t len, const cand *c)
{
    if (!(c->num.flags & NUM_WORDS) || number_of(&c->num) != 1 ||
        c->num.end - c->num.start != 3)
        return false;
    static const char *const BEFORE[] = {
        "the ", "this ", "that ",    "which ", "each ", "every ",
        "any ", "no ",   "another ", "any",    NULL};
    for (const char *const *w = BEFORE; *w; w++) {
        size_t n = strlen(*w);
        if (c->num.start >= n) {
            bool same = true;
            for (size_t i = 0; i < n && same; i++) {
                char ch = s[c->num.start - n + i];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch + 32);
                same = ch == (*w)[i];
            }
            if (same)
                return true;
        }
    }
    return fig_starts(s, len, c->num.end, " of ") ||
           fig_starts(s, len, c->num.end, " another");
}

/* Numbers that identify rather than count: 0571-8888 and 010 (a leading
 * zero), 13812345678 (a mobile number), 163.com and 1.jpg (a name). */
static bool looks_like_identifier(const char *s, size_t len, const fig_num *num)
{
    if (!(num->flags & NUM_ARABIC) || (num->flags & (NUM_CHINESE | NUM_WORDS)))
        return false;
    if (num->digits >= 2 && s[num->start] == '0' &&
        !(num->flags & (NUM_DECIMAL | NUM_GROUPED)))
        return true;
    if (num->digits == 11 && s[num->start] == '1' &&
        !(num->flags & (NUM_DECIMAL | NUM_GROUPED)))
        return true;
    size_t e = num->end;
    if (e + 1 < len && s[e] == '.' && fig_is_alpha((unsigned char)s[e + 1]))
        return true;
    if (num->start > 0 && s[num->start - 1] == '@')
        return true;
    return false;
}

/* Two more dash-joined digit groups after end: a code, not a range. */
static bool is_code(const char *s, size_t len, size_t end)
{
    size_t p = end;
    for (int group = 0; group < 2; group++) {
        if (p >= len || s[p] != '-')
            return false;
        p++;
        size_t start = p;
        while (p < len && s[p] >= '0' && s[p] <= '9')
            p++;
        if (p == start)
            return false;
    }
    return true;
}

/* 24703 L-202, 24703 m212: a number before a code of letters and digits
 * (after one space) is part of the code. */
static bool code_follows(const char *s, size_t len, size_t end)
{
    if (end + 3 >= len || s[end] != ' ')
        return false;
    size_t p = end + 1, letters = 0;
    while (p < len && fig_is_alpha((unsigned char)s[p]) && letters < 4) {
        p++;
        letters++;
    }
    if (letters == 0 || letters > 3)
        return false;
    if (p < len && s[p] == '-')
        p++;
    size_t digits = 0;
    while (p < len && s[p] >= '0' && s[p] <= '9') {
        p++;
        digits++;
    }
    if (digits < 2 || (p < len && fig_is_alpha((unsigned char)s[p])))
        return false;
    size_t amount;
    return !fig_currency_before(s, len, end + 1, &amount); /* 3 USD50 cards */
}

/* scp2-173m: a number after a dash that follows a word of letters and
 * digits is the end of a code. */
static bool code_before(const char *s, size_t start)
{
    if (start < 3 || s[start - 1] != '-')
        return false;
    size_t p = start - 1;
    bool letter = false, digit = false;
    while (p > 0 && (fig_is_alpha((unsigned char)s[p - 1]) ||
                     (s[p - 1] >= '0' && s[p - 1] <= '9'))) {
        p--;
        if (fig_is_alpha((unsigned char)s[p]))
            letter = true;
        else
            digit = true;
    }
    return letter && digit;
}

/* 123 Random Street, PA 23456: a house number before a street name, or
 * a ZIP code after a state's two capitals. */
static bool postal_address(const char *s, size_t len, const cand *c)
{
    static const char *const STREET[] = {
        "Street", "St.",  "Avenue", "Ave.", "Road",  "Rd.",  "Boulevard",
        "Blvd",   "Lane", "Drive",  "Way",  "Place", "Court"};
    size_t start = c->num.start, end = c->num.end;
    if (!(c->num.flags & NUM_ARABIC) || (c->num.flags & NUM_DECIMAL))
        return false;
    if (c->num.digits == 5 && start >= 4 && s[start - 1] == ' ' &&
        s[start - 2] >= 'A' && s[start - 2] <= 'Z' && s[start - 3] >= 'A' &&
        s[start - 3] <= 'Z' && s[start - 4] == ' ')
        return true;
    size_t p = end;
    for (int word = 0; word < 3; word++) {
        if (p >= len || s[p] != ' ' || p + 1 >= len || s[p + 1] < 'A' ||
            s[p + 1] > 'Z')
            return false;
        p++;
        for (size_t i = 0; i < sizeof STREET / sizeof STREET[0]; i++) {
            size_t n = strlen(STREET[i]);
            if (len - p >= n && memcmp(s + p, STREET[i], n) == 0 &&
                (p + n == len || !fig_is_alpha((unsigned char)s[p + n])))
                return word > 0;
        }
        while (p < len && fig_is_alpha((unsigned char)s[p]))
            p++;
    }
    return false;
}

/* The end of the parts that continue a label's number at pos: -3, .2,
 * －1 (表2-3, 图1.2, 表2－1). */
static size_t label_number_end(const char *s, size_t len, size_t pos)
{
    for (;;) {
        size_t p = pos;
        if (p < len && (s[p] == '-' || s[p] == '.'))
            p++;
        else if (fig_starts(s, len, p, "－"))
            p += 3;
        else
            return pos;
        if (p >= len || s[p] < '0' || s[p] > '9')
            return pos;
        while (p < len && s[p] >= '0' && s[p] <= '9')
            p++;
        pos = p;
    }
}

/* 三年半, 两岁半, 一个半小时: a half after the measure word adds 0.5.
 * For a figure followed by 半. */
static RARELY_CALLED void half_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value || !is_whole(c->value) || c->value.sig < 0)
        return;
    const fig_dec half = fig_dec_of(5, -1);
    size_t p = c->end + strlen("半");
    if (c->kind == fig_count && c->unit && strcmp(c->unit, "个") == 0) {
        size_t uend;
        const char *unit = NULL;
        if (fig_starts(s, len, p, "月")) {
            unit = "month";
            uend = p + strlen("月");
        } else {
            const fig_unit *u = fig_unit_after(s, len, p, true, &uend);
            if (u && u->kind == fig_quantity)
                unit = u->unit;
        }
        if (!unit)
            return;
        c->kind = fig_quantity;
        c->unit = unit;
        c->value = fig_dec_add(c->value, half);
        c->end = uend;
    } else if (c->kind == fig_percent && fig_ends(s, c->end, "成")) {
        /* 三成半: three and a half tenths */
        c->value = fig_dec_add(c->value, fig_dec_int(5));
        c->end = p;
    } else if (c->kind == fig_quantity && c->end > c->num.end) {
        c->value = fig_dec_add(c->value, half);
        c->end = p;
    }
}

/* ---- temperatures ---- */

/* True when a number and a temperature unit follow a detached minus sign
 * at pos: "convert - 20 degrees fahrenheit", "- 5 °C". */
static RARELY_CALLED bool temperature_after_sign(const char *s, size_t len,
                                                 size_t pos)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    size_t digits = p;
    while (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.'))
        p++;
    if (p == digits)
        return false;
    while (p < len && s[p] == ' ')
        p++;
    return fig_starts(s, len, p, "°") || fig_starts(s, len, p, "degree") ||
           fig_starts(s, len, p, "Degree");
}

/* 零下五度, 华氏温度98.6度, 摄氏20度: the sign and the scale written
 * before a temperature join its text and set its value and unit. For a
 * quantity with a unit. */
static RARELY_CALLED void temperature_before(const char *s, cand *c)
{
    if (!(strcmp(c->unit, "degree") == 0 || strcmp(c->unit, "celsius") == 0 ||
          strcmp(c->unit, "fahrenheit") == 0))
        return;
    if (fig_ends(s, c->start, "零下") && c->value.sig > 0) {
        c->value = fig_dec_neg(c->value);
        c->start -= strlen("零下");
    }
    static const char *const SCALES[][2] = {{"华氏温度", "fahrenheit"},
                                            {"华氏", "fahrenheit"},
                                            {"摄氏温度", "celsius"},
                                            {"摄氏", "celsius"}};
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++)
        if (fig_ends(s, c->start, SCALES[i][0])) {
            c->start -= strlen(SCALES[i][0]);
            c->unit = SCALES[i][1];
            break;
        }
}

/* A lone Chinese digit inside words (进一步, 统一, 一些) settled before the
 * work of a figure: no unit, 年, 月, 毛 or 角 can follow it, and it is not
 * set off from the words around it, so it would come out a bare count and
 * be dropped. */
static bool lone_digit_in_words(const char *s, size_t len, const cand *c)
{
    if (c->num.flags != NUM_CHINESE || c->num.chars != 1 ||
        c->num.end + 3 > len)
        return false;
    size_t n;
    int32_t next = fig_cp_at(s, len, c->num.end, &n);
    if (next < 0x4E00 || next > 0x9FFF || next == 0x5E74 /* 年 */ ||
        next == 0x6708 /* 月 */ || next == 0x6BDB /* 毛 */ ||
        next == 0x89D2 /* 角 */ || next == 0x6298 /* 折 */ ||
        fig_unit_may_start(next))
        return false;
    if (fig_zh_digit(next) >= 0 && fig_starts(s, len, c->num.end + n, "折"))
        return false; /* 七五折 */
    return !bare_chinese_ok(s, len, c);
}

/* True when v may be a day of the month: 1 to 31. */
static bool is_day_number(fig_dec v)
{
    double day = fig_dec_value(v);
    return day >= 1 && day <= 31;
}

/* ---- one candidate ---- */

/* ---- the rules that make a number no figure ----
 *
 * Each rule looks at a number once it is read (and, for the later
 * phases, once its unit is known) and says whether the number is no
 * figure. The rules are checked in phases, in the order of the tables
 * below; the first that fires sets the number aside, and its name (see
 * fig_rules in rules.c, with what it rejects and an example) is what
 * `--explain` reports. A rule may move *skip_to past the text it
 * recognised (the rest of a code, a label's number, an idiom), so that
 * the scanner does not read it again. */

typedef struct rule_in {
    const char *s;
    size_t len;
    const cand *c;
    bool currency; /* a currency word or sign goes with the number */
    bool marked;   /* 上亿, 数十: a prefix said over or about */
    bool bare;     /* a count with no unit, nothing after the number */
} rule_in;

typedef bool (*rule_fn)(const rule_in *in, size_t *skip_to);

/* A rule with what the number must be for it to fire at all: each field
 * restates a test the rule itself makes first, so that the numbers it
 * cannot concern (an Arabic number for the rules on Chinese numerals or
 * English words, a number with a unit for those on bare numbers) pass
 * over it without the call. */
typedef struct rule_check {
    fig_rule rule;
    rule_fn fires;
    unsigned needs;   /* NUM_* flags of which the number has one; 0: any */
    unsigned refuses; /* NUM_* flags the number must not have */
    bool bare_only;   /* fires only on a bare count (rule_in.bare) */
    bool no_currency; /* never fires with a currency (rule_in.currency) */
    unsigned beside;  /* BESIDE_* bits of which the bytes beside the
                         number must show one; 0: any */
} rule_check;

/* The bytes beside a number that a rule reads first: the one before
 * num.start and the one at num.end. Most numbers of Chinese text have
 * bytes beyond ASCII on both sides, where no rule on signs, dashes,
 * letters or spaces beside the number fires, and a Chinese character
 * before them that is none of the label characters (第, 篇, 图, 表, 件,
 * 号), told by the low six bits of its last byte. */
enum {
    ASCII_BEFORE = 1, /* the byte before the number is ASCII */
    ASCII_AFTER = 2,  /* the byte after it is ASCII */
    ASCII_BESIDE = ASCII_BEFORE | ASCII_AFTER,
    LABEL_BEFORE = 4, /* the character before may be a label character */
    ANY_BESIDE = ASCII_BESIDE | LABEL_BEFORE /* every gate open */
};

/* The low six bits of the last bytes of the label characters before a
 * number that fig_is_label_context reads beyond ASCII. */
static const uint64_t LABEL_LAST_BYTES =
    (UINT64_C(1) << (0x7B2C /* 第 */ & 0x3F)) |
    (UINT64_C(1) << (0x7BC7 /* 篇 */ & 0x3F)) |
    (UINT64_C(1) << (0x56FE /* 图 */ & 0x3F)) |
    (UINT64_C(1) << (0x8868 /* 表 */ & 0x3F)) |
    (UINT64_C(1) << (0x4EF6 /* 件 */ & 0x3F)) |
    (UINT64_C(1) << (0x53F7 /* 号 */ & 0x3F));

/* The BESIDE bits of the bytes beside the number in. */
static inline unsigned bytes_beside(const rule_in *in)
{
    size_t start = in->c->num.start, end = in->c->num.end;
    unsigned beside = 0;
    if (start > 0) {
        unsigned char last = (unsigned char)in->s[start - 1];
        if (last < 0x80)
            beside |= ASCII_BEFORE | LABEL_BEFORE;
        else if (last >= 0xC0 || ((LABEL_LAST_BYTES >> (last & 0x3F)) & 1))
            beside |= LABEL_BEFORE;
    }
    if (end < in->len && (unsigned char)in->s[end] < 0x80)
        beside |= ASCII_AFTER;
    return beside;
}

/* True when the rule may fire on the number in: its gate (needs,
 * refuses, bare_only, no_currency) lets the number through. */
static inline bool rule_may_fire(const rule_check *r, const rule_in *in,
                                 unsigned beside)
{
    unsigned flags = in->c->num.flags;
    return (!r->needs || (flags & r->needs)) && !(flags & r->refuses) &&
           (!r->bare_only || in->bare) && (!r->no_currency || !in->currency) &&
           (!r->beside || (beside & r->beside));
}

/* The first rule of the phase that fires, or FIG_RULE_NONE. Inlined
 * with its constant table and unrolled, so that the gates fold into a
 * few tests of the flags and the rules are called directly, not through
 * the table's pointers (a third of the scanner's time otherwise). */
static inline __attribute__((always_inline)) fig_rule
first_rule(const rule_check *rules, size_t n, const rule_in *in, bool ungated,
           size_t *skip_to)
{
    unsigned beside = ungated ? ANY_BESIDE : bytes_beside(in);
#pragma GCC unroll 16
    for (size_t i = 0; i < n; i++)
        if (rule_may_fire(&rules[i], in, beside) && rules[i].fires(in, skip_to))
            return rules[i].rule;
    return FIG_RULE_NONE;
}

static void skip_at_least(size_t *skip_to, size_t q)
{
    if (q > *skip_to)
        *skip_to = q;
}

/* phase 1, the number's shape and neighbours */

static bool rule_lone_digit_in_words(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && lone_digit_in_words(in->s, in->len, in->c);
}

/* True when the character before the number ties it to a word: a letter
 * (h1n1, A4), a plus sign, or a dash after a letter (COVID-19). */
static bool tied_to_word_before(const rule_in *in)
{
    const char *s = in->s;
    size_t at = in->c->num.start;
    return !in->currency && at > 0 && !(in->c->num.flags & NUM_WORDS) &&
           !after_times_sign(s, at) &&
           (fig_is_alpha((unsigned char)s[at - 1]) || s[at - 1] == '+' ||
            (s[at - 1] == '-' && at >= 2 &&
             fig_is_alpha((unsigned char)s[at - 2])));
}

static bool rule_telephone(const rule_in *in, size_t *skip_to)
{
    size_t at = in->c->num.start;
    if (at == 0 || in->s[at - 1] != '+' || !tied_to_word_before(in))
        return false;
    size_t q = in->c->num.end; /* +1-222-2222/2222 */
    while (q < in->len && ((in->s[q] >= '0' && in->s[q] <= '9') ||
                           in->s[q] == '-' || in->s[q] == '/'))
        q++;
    skip_at_least(skip_to, q);
    return true;
}

static bool rule_letter_before(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return tied_to_word_before(in);
}

static bool rule_doubled_numeral(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    size_t at = in->c->num.start;
    return (in->c->num.flags & NUM_CHINESE) && at >= 3 &&
           (unsigned char)in->s[at] >= 0xE0 &&
           memcmp(in->s + at - 3, in->s + at, 3) == 0;
}

static bool rule_plus_after(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->c->num.end < in->len && in->s[in->c->num.end] == '+';
}

static bool rule_identifier(const rule_in *in, size_t *skip_to)
{
    const char *s = in->s;
    if (!looks_like_identifier(s, in->len, &in->c->num))
        return false;
    size_t q = in->c->num.end;
    while (q < in->len &&
           (fig_is_alpha((unsigned char)s[q]) || (s[q] >= '0' && s[q] <= '9') ||
            s[q] == '.' || s[q] == '-'))
        q++;
    skip_at_least(skip_to, q);
    return true;
}

static bool rule_dashed_code(const rule_in *in, size_t *skip_to)
{
    const char *s = in->s;
    if (!is_code(s, in->len, in->c->num.end))
        return false;
    size_t q = in->c->num.end; /* an account or a phone number */
    while (q < in->len &&
           ((s[q] >= '0' && s[q] <= '9') || s[q] == '-' || s[q] == '/'))
        q++;
    skip_at_least(skip_to, q);
    return true;
}

static bool rule_code_around(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && (in->c->num.flags & NUM_ARABIC) &&
           (code_before(in->s, in->c->num.start) ||
            code_follows(in->s, in->len, in->c->num.end));
}

static bool rule_postal_address(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return !in->currency && postal_address(in->s, in->len, in->c);
}

static const rule_check SHAPE_RULES[] = {
    {FIG_RULE_LONE_DIGIT_IN_WORDS, rule_lone_digit_in_words, NUM_CHINESE,
     ~(unsigned)NUM_CHINESE, false, true, 0},
    {FIG_RULE_TELEPHONE, rule_telephone, 0, NUM_WORDS, false, true,
     ASCII_BEFORE},
    {FIG_RULE_LETTER_BEFORE, rule_letter_before, 0, NUM_WORDS, false, true,
     ASCII_BEFORE},
    {FIG_RULE_DOUBLED_NUMERAL, rule_doubled_numeral, NUM_CHINESE, 0, false,
     false, 0},
    {FIG_RULE_PLUS_AFTER, rule_plus_after, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_IDENTIFIER, rule_identifier, NUM_ARABIC, NUM_CHINESE | NUM_WORDS,
     false, false, 0},
    {FIG_RULE_DASHED_CODE, rule_dashed_code, 0, 0, false, false, ASCII_AFTER},
    {FIG_RULE_CODE_AROUND, rule_code_around, NUM_ARABIC, 0, false, true,
     ASCII_BESIDE},
    {FIG_RULE_POSTAL_ADDRESS, rule_postal_address, NUM_ARABIC, NUM_DECIMAL,
     false, true, ASCII_BESIDE},
};

/* phase 2, the words around the classified number */

static bool rule_bare_chinese_digit(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return in->bare && (c->num.flags & NUM_CHINESE) &&
           !(c->num.flags & NUM_ARABIC) &&
           !(c->num.flags & (NUM_PERCENT | NUM_FRACTION)) && !in->marked &&
           !bare_chinese_ok(in->s, in->len, c);
}

static bool rule_label(const rule_in *in, size_t *skip_to)
{
    if (in->currency || !fig_is_label_context(in->s, in->c->num.start))
        return false;
    /* the rest of a label's number is no figure either: 表2-3, 图1.2 */
    skip_at_least(skip_to, label_number_end(in->s, in->len, in->c->num.end));
    return true;
}

static bool rule_idiom(const rule_in *in, size_t *skip_to)
{
    size_t idiom = fig_idiom_at(in->s, in->len, in->c->num.start);
    if (!idiom)
        return false;
    skip_at_least(skip_to, in->c->num.start + idiom);
    return true;
}

static const rule_check CONTEXT_RULES[] = {
    {FIG_RULE_BARE_CHINESE_DIGIT, rule_bare_chinese_digit, NUM_CHINESE,
     NUM_ARABIC | NUM_PERCENT | NUM_FRACTION, true, false, 0},
    {FIG_RULE_LABEL, rule_label, 0, 0, false, true, LABEL_BEFORE},
    {FIG_RULE_IDIOM, rule_idiom, 0, 0, false, false, 0},
};

/* phase 3, what follows the number once its unit is read */

static bool rule_letter_after(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return !c->unit && !c->dimension && (c->num.flags & NUM_ARABIC) &&
           c->num.end < in->len &&
           fig_is_alpha((unsigned char)in->s[c->num.end]) &&
           c->end == c->num.end;
}

static bool rule_ordinal_suffix(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    const char *kind = NULL;
    return (c->num.flags & NUM_ARABIC) && c->end == c->num.end &&
           ordinal_or_time_suffix(in->s, in->len, c->num.end, &kind) && !kind;
}

static const rule_check SUFFIX_RULES[] = {
    {FIG_RULE_ORDINAL_SUFFIX, rule_ordinal_suffix, NUM_ARABIC, 0, false, false,
     ASCII_AFTER},
    {FIG_RULE_LETTER_AFTER, rule_letter_after, NUM_ARABIC, 0, false, false,
     ASCII_AFTER},
};

/* phase 4, how the sentence uses the number */

static bool rule_list_marker(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && is_list_marker(in->s, in->len, in->c);
}

static bool rule_enumeration_comma(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && in->c->end < in->len &&
           fig_starts(in->s, in->len, in->c->end, "、") &&
           (in->c->num.flags & NUM_ARABIC);
}

static bool rule_etc_or_grade(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    size_t end = in->c->end;
    return end < in->len && (fig_starts(in->s, in->len, end, "等") ||
                             fig_starts(in->s, in->len, end, "年级"));
}

static bool rule_indefinite_article(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->c->kind != fig_rate && indefinite_article(in->s, in->len, in->c);
}

/* 是…的一年: "a year in which", not a duration */
static bool rule_a_year_in_which(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return (c->num.flags & NUM_CHINESE) && number_of(&c->num) == 1 &&
           c->num.chars == 1 && c->kind == fig_quantity &&
           fig_ends(in->s, c->start, "的");
}

static bool rule_pronoun_one(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return in->bare && pronoun_one(in->s, in->len, in->c);
}

/* the first half, the second half: a part, not a figure */
static bool rule_part_half(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    const char *s = in->s;
    return !in->currency && c->end == c->num.end &&
           (c->num.flags & NUM_WORDS) && number_of(&c->num) == 0.5 &&
           (ends_with_ci(s, c->num.start, "first ") ||
            ends_with_ci(s, c->num.start, "second ") ||
            ends_with_ci(s, c->num.start, "the "));
}

/* a bare "one" is mostly a pronoun or an article: one dealer said */
static bool rule_bare_one(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return in->bare && (c->num.flags & NUM_WORDS) && number_of(&c->num) == 1 &&
           c->num.end - c->num.start == 3;
}

static bool rule_parenthesised(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const char *s = in->s;
    size_t at = in->c->num.start, end = in->c->end;
    return in->bare && at > 0 && (s[at - 1] == '(' || fig_ends(s, at, "（")) &&
           end < in->len &&
           (s[end] == ')' || fig_starts(s, in->len, end, "）"));
}

/* "what 1) explains why ...; 2) cautions that": a number closed by a
 * bracket that no bracket opened marks an item of a list in the
 * sentence, not an amount */
static bool rule_inline_list_marker(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const char *s = in->s;
    const cand *c = in->c;
    if (!in->bare || !(c->num.flags & NUM_ARABIC) ||
        (c->num.flags & (NUM_DECIMAL | NUM_FRACTION | NUM_NEGATIVE)) ||
        number_of(&c->num) >= 100)
        return false;
    size_t p = c->end;
    while (p < in->len && s[p] == ' ')
        p++;
    if (!(p < in->len && (s[p] == ')' || fig_starts(s, in->len, p, "）"))))
        return false;
    /* no opening bracket since the last closing one, within a line */
    size_t floor = c->num.start > 400 ? c->num.start - 400 : 0;
    for (size_t q = c->num.start; q > floor; q--) {
        char b = s[q - 1];
        if (b == '\n')
            return true; /* the line's start: nothing opened */
        if (b == '(' || fig_ends(s, q, "（"))
            return false;
        if (b == ')' || fig_ends(s, q, "）"))
            return true;
    }
    return true;
}

static const rule_check USE_RULES[] = {
    {FIG_RULE_LIST_MARKER, rule_list_marker, 0, 0, true, false, 0},
    {FIG_RULE_ENUMERATION_COMMA, rule_enumeration_comma, NUM_ARABIC, 0, true,
     false, 0},
    {FIG_RULE_ETC_OR_GRADE, rule_etc_or_grade, 0, 0, false, false, 0},
    {FIG_RULE_INDEFINITE_ARTICLE, rule_indefinite_article, NUM_CHINESE, 0,
     false, false, 0},
    {FIG_RULE_A_YEAR_IN_WHICH, rule_a_year_in_which, NUM_CHINESE, 0, false,
     false, 0},
    {FIG_RULE_PRONOUN_ONE, rule_pronoun_one, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PART_HALF, rule_part_half, NUM_WORDS, 0, false, true, 0},
    {FIG_RULE_BARE_ONE, rule_bare_one, NUM_WORDS, 0, true, false, 0},
    {FIG_RULE_PARENTHESISED, rule_parenthesised, 0, 0, true, false, 0},
    {FIG_RULE_INLINE_LIST_MARKER, rule_inline_list_marker, NUM_ARABIC,
     NUM_DECIMAL | NUM_FRACTION | NUM_NEGATIVE, true, false, 0},
};

/* phase 5, the numeral read roughly (三十来, 七八) with no measure word */

/* 三十来了: 来 is the verb when no measure word follows */
static bool rule_roughly_verb(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    return (in->c->num.flags & NUM_ROUGHLY) && in->c->end == in->c->num.end;
}

/* 乱七八糟: a pair of digits with neither a unit nor a place */
static bool rule_pair_idiom(const rule_in *in, size_t *skip_to)
{
    (void)skip_to;
    const cand *c = in->c;
    return (c->num.flags & NUM_PAIR) && c->has_value && c->end == c->num.end &&
           !(c->num.flags & (NUM_POSITIONAL | NUM_SCALED));
}

static const rule_check ROUGH_RULES[] = {
    {FIG_RULE_ROUGHLY_VERB, rule_roughly_verb, NUM_ROUGHLY, 0, false, false, 0},
    {FIG_RULE_PAIR_IDIOM, rule_pair_idiom, NUM_PAIR,
     NUM_POSITIONAL | NUM_SCALED, false, false, 0},
};

#define N_RULES(table) (sizeof(table) / sizeof((table)[0]))

/* Tries a figure at pos. Returns 1 and fills hit to emit one, 0 when
 * there is none; *next is where scanning goes on. ungated (for tests):
 * the quick looks at the bytes beside the number (the rules' gates, the
 * condition's) let every number by. */
static int figure_at(const char *s, size_t len, size_t pos, bool ungated,
                     fig_hit *hit, size_t *next, fig_rule *why)
{
    cand c = NO_CAND;
    fig_rule rule = FIG_RULE_NONE;
    size_t n;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    *next = pos + n;

    if ((cp == 'x' || cp == 'X' || (cp >= '0' && cp <= '9')) &&
        x_after_digits(s, len, pos) && placeholder_at(s, len, pos, &c)) {
        size_t qstart;
        c.qualifier = fig_qualifier_before(s, c.start, &qstart);
        c.start = qstart;
        /* 20xx0多份: 多 or 余 inside */
        for (size_t q = c.start; q + 3 <= c.end; q++)
            if (fig_starts(s, len, q, "多") || fig_starts(s, len, q, "余"))
                c.qualifier = fig_over;
        *next = c.end;
        goto emit;
    }

    size_t p = pos;
    const fig_unit *currency = NULL;
    size_t cend, currency_start = pos;
    if (!fig_is_digit_cp(cp) && !fig_zh_starts_numeral(cp)) {
        currency = fig_currency_before(s, len, pos, &cend);
        if (currency) {
            p = cend;
            cp = fig_cp_at(s, len, p, &n);
        }
    } else if (pos >= 6 && ends_in_currency_char(s, pos)) {
        /* 人民币300元, 新台币五百元: a Chinese currency word before */
        currency = fig_currency_ending_at(s, pos, &currency_start);
    }

    /* prefixes that are part of the numeral: 数十, 上亿, 一半, 半年 */
    bool no_value = false, over = false;
    int numerator, denominator;
    if (vulgar_fraction(cp, &numerator, &denominator)) {
        c.num.start = p;
        c.num.end = p + n;
        c.num.value =
            fig_dec_div(fig_dec_int(numerator), fig_dec_int(denominator));
        c.num.flags = NUM_FRACTION;
    } else if (cp == 0x6570 /* 数 */ || cp == 0x4E0A /* 上 */) {
        size_t m = 0;
        int32_t nx = p + n < len ? fig_cp_at(s, len, p + n, &m) : 0;
        double u = fig_zh_unit(nx);
        if (!(u >= 10) || fig_idiom_at(s, len, p + n))
            return 0;
        if (cp == 0x4E0A && u < 100)
            return 0;
        if (cp == 0x6570)
            no_value = true;
        else
            over = true;
        c.num.start = p;
        c.num.end = p + n + m;
        c.num.value = fig_dec_whole(u);
        c.num.flags =
            NUM_CHINESE | NUM_POSITIONAL | (u >= 1e4 ? NUM_SCALED : 0);
        c.num.chars = 2;
        fig_num rest;
        if (cp == 0x6570 && fig_parse_zh(s, len, p + n, &rest)) {
            c.num.end = rest.end;
            c.num.value = rest.value;
        }
    } else if (cp == 0x534A /* 半 */) {
        size_t uend;
        const fig_unit *u = fig_unit_after(s, len, p + n, true, &uend);
        c.num.start = p;
        c.num.end = p + n;
        c.num.value = fig_dec_of(5, -1);
        c.num.flags = NUM_CHINESE | NUM_FRACTION;
        c.num.chars = 1;
        if (fig_starts(s, len, p + n, "百")) {
            c.num.value = fig_dec_int(50);
            c.num.end += 3;
            c.num.flags = NUM_CHINESE;
        } else if (fig_starts(s, len, p + n, "数")) {
            c.num.end += 3;
        } else if (!u && !fig_starts(s, len, p + n, "年")) {
            return 0;
        }
    } else {
        if (is_minus_sign(cp)) {
            size_t at, m;
            int32_t prev = fig_cp_before(s, pos, &at);
            size_t q = p + n;
            size_t at2;
            int32_t before_space =
                prev == ' ' ? fig_cp_before(s, at, &at2) : prev;
            bool sign_ok = prev == 0 || before_space == 0 ||
                           before_space == '(' || before_space == '=' ||
                           before_space == ':' ||
                           (prev == ' ' && !fig_is_digit_cp(before_space) &&
                            temperature_after_sign(s, len, q));
            while (q < len && s[q] == ' ' && sign_ok)
                q++;
            if (fig_is_alpha(prev) || fig_is_digit_cp(prev) ||
                is_minus_sign(prev) || q >= len)
                return 0; /* a-5, 3-5, --9: no sign */
            int32_t d = fig_cp_at(s, len, q, &m);
            if (!fig_is_digit_cp(d) && !(d == '.' && q + 1 < len &&
                                         s[q + 1] >= '0' && s[q + 1] <= '9'))
                return 0;
        }
        size_t at0 = p;
        bool negative = false;
        if (is_minus_sign(cp)) {
            negative = true;
            at0 = p + n;
            while (at0 < len && s[at0] == ' ')
                at0++;
        }
        if (!numeral_at(s, len, at0, &c)) {
            if (currency) {
                *next = p;
            } else if (cp >= 0x3000 &&
                       (rule = fig_zh_refusal_at(s, len, at0))) {
                /* 每千米, 万分感谢: the numeral refused whole */
                *why = rule;
                hit->start = at0;
                hit->end = at0 + n;
            }
            return 0;
        }
        if (negative) {
            c.num.value = fig_dec_neg(c.num.value);
            c.num.start = p;
            c.num.flags |= NUM_NEGATIVE;
        }
        /* 一半 */
        if ((c.num.flags & NUM_CHINESE) && number_of(&c.num) == 1 &&
            c.num.chars == 1 && fig_starts(s, len, c.num.end, "半")) {
            c.num.value = fig_dec_of(5, -1);
            c.num.end += 3;
            c.num.flags |= NUM_FRACTION;
        }
    }
    *next = c.num.end > pos ? c.num.end : pos + 1;
    if (no_value)
        c.num.flags |= NUM_NO_VALUE;
    rule_in in = {.s = s,
                  .len = len,
                  .c = &c,
                  .currency = currency != NULL,
                  .marked = over || no_value};
    if ((rule =
             first_rule(SHAPE_RULES, N_RULES(SHAPE_RULES), &in, ungated, next)))
        goto skip;

    classify(s, len, &c);
    if (c.kind == fig_money && sign_opens_next_amount(s, len, &c)) {
        c.kind = fig_count; /* 1 $10 bill: the $ is the next amount's */
        c.unit = NULL;
        c.end = c.num.end;
    }
    c.start = currency ? currency_start : c.num.start;
    in.bare = c.kind == fig_count && c.end == c.num.end && !currency;
    if ((rule = first_rule(CONTEXT_RULES, N_RULES(CONTEXT_RULES), &in, ungated,
                           next)))
        goto skip;
    /* $5.5m, £3m: after a currency sign an attached m is million */
    if (currency && c.unit && c.unit[0] == 'm' && c.unit[1] == '\0' &&
        c.end == c.num.end + 1 && !(c.num.flags & NUM_SCALED)) {
        c.value = fig_dec_scale10(c.value, 6);
        c.unit = NULL;
    }
    if (currency) {
        /* 新台币300元: 元 names the currency's own unit */
        bool yuan = c.kind == fig_money && c.unit && c.unit[0] == 'C' &&
                    strcmp(c.unit, "CNY") == 0 && c.end >= 3 &&
                    (fig_ends(s, c.end, "元") || fig_ends(s, c.end, "圆"));
        if (c.unit && strcmp(c.kind, fig_money) == 0 &&
            strcmp(c.unit, currency->unit) != 0 && !yuan) {
            /* rmb 10 usd 20: a second currency opens the next amount */
            c.end = c.num.end;
            c.unit = NULL;
        }
        c.kind = fig_money;
        c.unit = currency->unit;
        if (currency->scale != 1)
            c.value = fig_dec_mul(c.value, fig_dec_whole(currency->scale));
    }
    if (c.kind == fig_money && c.unit && c.unit[0] == 'l' &&
        strcmp(c.unit, "lb") == 0)
        c.unit = "GBP";
    if (c.kind == fig_discount && fig_ends(s, c.start, "打"))
        c.start -= strlen("打"); /* 打六折 */
    if (c.kind == fig_percent && c.value.sig > 0 &&
        fig_ends(s, c.start, "负增长")) {
        c.value = fig_dec_neg(c.value); /* 负增长3.2%: a fall of 3.2% */
        c.start -= strlen("负增长");
    }
    compound_after(s, len, &c);
    yuan_parts_after(s, len, &c);
    if (c.kind == fig_quantity && c.unit &&
        (c.unit[0] == 'd' || c.unit[0] == 'c' || c.unit[0] == 'f'))
        temperature_before(s, &c);
    if (fig_starts(s, len, c.end, "半"))
        half_after(s, len, &c);

    if ((rule = first_rule(SUFFIX_RULES, N_RULES(SUFFIX_RULES), &in, ungated,
                           next)))
        goto skip;
    const char *suffix_kind = NULL;
    if ((c.num.flags & NUM_ARABIC) && c.end == c.num.end &&
        ordinal_or_time_suffix(s, len, c.num.end, &suffix_kind)) {
        c.kind = suffix_kind; /* 6pm */
        c.unit = "time";
        c.has_value = false;
    }
    if ((c.num.flags & NUM_ARABIC) && !currency && c.end == c.num.end &&
        is_day_number(c.value) && month_after(s, len, c.end)) {
        c.kind = fig_date;
        c.unit = "day";
        c.has_value = false;
    }
    if ((c.num.flags & NUM_ARABIC) && !currency && c.kind == fig_count &&
        is_day_number(c.value) && month_before(s, c.start)) {
        c.kind = fig_date;
        c.unit = "day";
        c.has_value = false;
    }

    in.bare = c.kind == fig_count && c.end == c.num.end && !currency;
    /* list markers, 等 and 年级 before the rate; the rest after it */
    if ((rule = first_rule(USE_RULES, 3, &in, ungated, next)))
        goto skip;
    /* rate: 每周一次 */
    if (c.kind == fig_count && c.unit && c.unit[0] == "次"[0] &&
        strcmp(c.unit, "次") == 0) {
        static const char *const PER[][2] = {{"每周", "次/week"},
                                             {"每年", "次/year"},
                                             {"每月", "次/month"},
                                             {"每天", "次/day"},
                                             {"每日", "次/day"}};
        for (size_t i = 0; i < sizeof PER / sizeof PER[0]; i++)
            if (fig_ends(s, c.start, PER[i][0])) {
                c.start -= strlen(PER[i][0]);
                c.kind = fig_rate;
                c.unit = PER[i][1];
            }
    }

    if ((rule = first_rule(USE_RULES + 3, N_RULES(USE_RULES) - 3, &in, ungated,
                           next)))
        goto skip;

    noun_unit_when_kept(s, len, &c);
    if ((rule =
             first_rule(ROUGH_RULES, N_RULES(ROUGH_RULES), &in, ungated, next)))
        goto skip;
    if ((c.num.flags & NUM_PAIR) && c.has_value) {
        /* 七八个, 两三千人: a range said roughly */
        /* the low end in the figure's unit: 两三千元 → 2000 */
        c.low = fig_dec_div(fig_dec_mul(c.num.low, c.value), c.num.value);
        c.high = c.value;
        c.has_value = false;
        c.qualifier = fig_about;
    }

    /* qualifiers */
    if (c.num.flags & NUM_APPROX)
        c.qualifier = fig_over;
    if (c.num.flags & NUM_ROUGHLY)
        c.qualifier = fig_about;
    if (over)
        c.qualifier = fig_over;
    if (no_value)
        c.qualifier = fig_about;
    size_t qstart;
    const char *before = fig_qualifier_before(s, c.start, &qstart);
    if (before) {
        if (!c.qualifier)
            c.qualifier = before;
        if (qstart < c.start && c.qualifier == before)
            c.start = qstart;
    }
    if (!((ungated || range_may_follow(s, len, &c)) &&
          range_after(s, len, &c))) {
        size_t qend;
        const char *after = fig_qualifier_after(s, len, c.end, &qend);
        if (after) {
            c.qualifier = after;
            c.end = qend;
        }
        bound_pair_after(s, len, &c);
    } else {
        c.qualifier = NULL;
    }
    condition_around(s, len, &c, ungated);
    *next = c.end;

emit:
    hit->start = c.start;
    hit->end = c.end;
    hit->kind = c.kind;
    hit->unit = c.unit;
    hit->qualifier = c.qualifier;
    hit->value = c.has_value ? fig_dec_value(c.value) : 0;
    hit->low = c.low.sig ? fig_dec_value(c.low) : 0;
    hit->high = c.high.sig ? fig_dec_value(c.high) : 0;
    hit->flags = 0;
    if (c.has_value)
        hit->flags |= SL_SPAN_HAS_VALUE;
    if (c.kind != fig_date && hit->low < hit->high)
        hit->flags |= SL_SPAN_HAS_RANGE;
    hit->range = (hit->flags & SL_SPAN_HAS_RANGE) || c.condition;
    if (*next <= pos)
        *next = pos + 1;
    return 1;

skip:
    if (c.end > *next)
        *next = c.end;
    *why = rule;
    hit->start = c.num.start;
    hit->end = c.num.end;
    return 0;
}

/* ---- the scanner ---- */

/* The three-byte characters (U+0800..U+FFFF, all of Chinese text) the
 * scanner must look at more closely: those that may open a figure (Chinese
 * digits and places, 负, 半, 数 and 上 as in 数十 and 上亿, 两, 〇,
 * full-width digits, ¥ € ₿, vulgar fractions) and the label words 图 and
 * 表. One bit per character, indexed by the low bits of the first two
 * bytes (a row of 64 characters) and of the third; built once, so that a
 * run of ordinary Chinese text costs one table look-up per character. */
enum { LABEL_TU = 0x56FE /* 图 */, LABEL_BIAO = 0x8868 /* 表 */ };

static uint64_t look_closer[16 * 64];
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

static void build_look_closer(void)
{
    for (int32_t cp = 0x800; cp <= 0xFFFF; cp++)
        if (may_open_figure(cp) || cp == LABEL_TU || cp == LABEL_BIAO)
            look_closer[cp >> 6] |= (uint64_t)1 << (cp & 0x3F);
}

/* True when the three-byte character at s[pos] is in look_closer. */
static bool looks_closer(const char *s, size_t pos)
{
    unsigned row = (((unsigned char)s[pos] & 0x0Fu) << 6) |
                   ((unsigned char)s[pos + 1] & 0x3Fu);
    return (look_closer[row] >> ((unsigned char)s[pos + 2] & 0x3F)) & 1;
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
    if (!atomic_load_explicit(&look_closer_built, memory_order_acquire)) {
        pthread_once(&tables_once, build_look_closer);
        atomic_store_explicit(&look_closer_built, true, memory_order_release);
    }
    while (pos < len) {
        /* the bulk of Chinese text: three-byte characters that open no
         * figure, skipped one table look-up each */
        while (pos + 2 < len && ((unsigned char)s[pos] & 0xF0) == 0xE0 &&
               !looks_closer(s, pos))
            pos += 3;
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
