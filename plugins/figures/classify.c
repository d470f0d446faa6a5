/* plugins/figures/classify.c - a number's unit and kind from what
 * follows it: the measure words and units a number may take (unit_allowed),
 * calendar dates (2020年3月), ISO dates, sizes (3x4 m, 1920x1080), ratios
 * (3:1, 1比2), 角 amounts and English ages (a 30-year-old).
 */
#include "scan_cand.h"

/* ---- what follows the numeral ---- */

/* Formal digits (壹 贰 叁 肆 伍 陆 柒 捌 玖 拾 佰 仟) alone are mostly
 * parts of words: 队伍, 陆地, 拾起. */
static inline __attribute__((always_inline)) bool
single_formal_digit(const char *s, size_t len, const cand *c)
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

static inline __attribute__((always_inline)) bool
unit_allowed(const char *s, size_t len, const cand *c, const fig_unit *u,
             size_t uend)
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
static inline __attribute__((always_inline)) bool
calendar_after(const char *s, size_t len, cand *c, size_t end)
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

static inline __attribute__((always_inline)) void
classify_with(const char *s, size_t len, cand *c, bool every_reader)
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
    /* The character after the number, decoded once, tells which of the
     * readers below may fire: each looks first for its own characters
     * there (年 月 日 号; - / .; : ： 比; x X, a space or ×; 角 毛). */
    size_t n;
    int32_t next = fig_cp_at(s, len, end, &n);
    if ((every_reader || next == 0x5E74 /* 年 */ || next == 0x6708 /* 月 */ ||
         next == 0x65E5 /* 日 */ || next == 0x53F7 /* 号 */) &&
        calendar_after(s, len, c, end))
        return;
    if ((every_reader || next == '-' || next == '/' || next == '.') &&
        iso_date_after(s, len, c, end))
        return;
    if (!(f & (NUM_CHINESE | NUM_WORDS | NUM_FRACTION)) &&
        (every_reader || next == ':' || next == 0xFF1A /* ： */ ||
         next == 0x6BD4 /* 比 */) &&
        ratio_after(s, len, c, end))
        return;
    if ((f & NUM_ARABIC) && !(f & (NUM_CHINESE | NUM_WORDS | NUM_FRACTION)) &&
        end < len &&
        (s[end] == 'x' || s[end] == 'X' || s[end] == ' ' ||
         (unsigned char)s[end] == 0xC3) &&
        dimension_after(s, len, c, end))
        return;
    if ((every_reader || next == 0x89D2 /* 角 */ || next == 0x6BDB /* 毛 */) &&
        jiao_amount(s, len, c, end))
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

void classify(const char *s, size_t len, cand *c)
{
    classify_with(s, len, c, false);
}

void classify_every_reader(const char *s, size_t len, cand *c)
{
    classify_with(s, len, c, true);
}
