/* plugins/figures/candidate.c - one candidate: reads the number at a
 * position with its currency and prefixes, runs the five phases of rules
 * (rule_phases.h), classifies it, reads what follows (amounts, ranges,
 * bounds, qualifiers, dates) and fills the figure or says which rule set
 * it aside.
 */
#include "rule_phases.h"
#include "money_after.h"
#include "ranges.h"
#include "bounds.h"

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

/* ---- placeholders: 20xx, xx人, 20xx年5月, 20xx0多份 ---- */

/* True when an x or X follows the ASCII digits at pos (or is at pos):
 * the quick test before a placeholder is looked for. */
static inline bool x_after_digits(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] >= '0' && s[pos] <= '9')
        pos++;
    return pos < len && (s[pos] == 'x' || s[pos] == 'X');
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

/* True when v may be a day of the month: 1 to 31. */
static bool is_day_number(fig_dec v)
{
    double day = fig_dec_value(v);
    return day >= 1 && day <= 31;
}

/* True when the number in c, a Chinese numeral read whole (no Arabic
 * digit, English word, fraction, percent, scale or size word), stands
 * before an enumeration mark (、, ")" or "）") with no 折 three bytes on:
 * the 一、 and 二、 of headings and lists. classify would then find no
 * calendar word, 角, unit, discount or 年 after it and make it a count with
 * no unit, and bare_chinese_ok refuses a single or whole numeral before an
 * enumeration mark, so rule_bare_chinese_digit sets it aside: the caller,
 * with no currency and no 上 or 数 before it, skips classify and goes
 * straight to that rule's answer. Called when mark_may_follow. */
static RARELY_CALLED bool enumerating_chinese_numeral(const char *s, size_t len,
                                                      const cand *c)
{
    size_t end = c->num.end;
    const unsigned char *b = (const unsigned char *)s + end;
    bool mark =
        b[0] == ')' ||
        (len - end >= 3 && ((b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x81) ||
                            (b[0] == 0xEF && b[1] == 0xBC && b[2] == 0x89)));
    unsigned f = c->num.flags;
    return mark && (f & NUM_CHINESE) &&
           !(f & (NUM_ARABIC | NUM_WORDS | NUM_FRACTION | NUM_PERCENT |
                  NUM_PERMILLE | NUM_PERMYRIAD | NUM_SCALED | NUM_NO_VALUE)) &&
           !fig_starts(s, len, end + 3, "折");
}

/* True when the byte after the number may open an enumeration mark (")",
 * or the lead byte of 、 or "）"): most numbers have a Chinese character
 * after them (lead byte E4 to E9), which this settles inline; kept out of
 * line, the rest leaves figure_at small enough for its other helpers to
 * stay inline. */
static inline bool mark_may_follow(const char *s, size_t len, const cand *c)
{
    if (c->num.end >= len)
        return false;
    unsigned char b = (unsigned char)s[c->num.end];
    return b == ')' || b == 0xE3 || b == 0xEF;
}

/* True when the Chinese digit cp at pos (three bytes) is a lone digit
 * inside words, as in 统一, 一些, 进一步: the reading the full path would
 * make of it (lone_digit in numerals_zh.c: the digit alone, flags
 * NUM_CHINESE, when the Han character after it cannot continue a numeral)
 * and the first rule it would meet (rule_lone_digit_in_words, which fires
 * on such a digit with no currency before a Han character that opens no
 * unit and is not set off by bare_chinese_ok), made without reading the
 * numeral, its currency or the other rules. Every doubt (a currency
 * character before, 半 after, a character that may continue a numeral)
 * answers false and leaves the digit to the full path. */
static RARELY_CALLED bool lone_digit_in_words_at(const char *s, size_t len,
                                                 size_t pos, int32_t cp)
{
    if (len - pos < 6)
        return false;
    size_t n;
    int32_t next = fig_cp_at(s, len, pos + 3, &n);
    if (next < 0x4E00 || next > 0x9FFF || fig_zh_digit(cp) < 0 ||
        !fig_zh_starts_numeral(cp) || fig_zh_continues(next) ||
        fig_zh_digit(next) >= 0 || next == 0x534A /* 半 */ ||
        next == 0x5E74 /* 年 */ || next == 0x6708 /* 月 */ ||
        next == 0x6BDB /* 毛 */ || next == 0x89D2 /* 角 */ ||
        next == 0x6298 /* 折 */ ||
        (pos >= 6 && ends_in_currency_char(s, pos)) || fig_unit_may_start(next))
        return false;
    /* bare_chinese_numeral_ok of the digit, whose next character is a Han
     * character (no enumeration mark, comma or end of text): unless 到 or
     * 至 comes next (the low end of a range, which it reads on), a digit
     * or place before it, or a Han character other than 是, 为 and 前,
     * settles it not set off, without the call */
    if (next != 0x5230 /* 到 */ && next != 0x81F3 /* 至 */) {
        size_t at;
        int32_t prev = fig_cp_before(s, pos, &at);
        if (fig_zh_digit(prev) >= 0 || fig_zh_unit(prev) > 0 ||
            (prev != 0 && fig_is_han(prev) && prev != 0x662F /* 是 */ &&
             prev != 0x4E3A /* 为 */ && prev != 0x524D /* 前 */))
            return true;
    }
    /* the digit as lone_digit reads it; its value is not looked at */
    const fig_num digit = {
        .start = pos, .end = pos + 3, .flags = NUM_CHINESE, .chars = 1};
    return !bare_chinese_numeral_ok(s, len, &digit);
}

static __attribute__((noinline)) int read_figure_at(const char *s, size_t len,
                                                    size_t pos, bool ungated,
                                                    fig_hit *hit, size_t *next,
                                                    fig_rule *why);

/* Tries a figure at pos. Returns 1 and fills hit to emit one, 0 when
 * there is none; *next is where scanning goes on. ungated (for tests):
 * the quick looks at the bytes beside the number (the rules' gates, the
 * condition's, the enumeration mark's, the lone digit's) let every
 * number by. A lone digit inside words is answered here, the rest by
 * read_figure_at: kept apart (a tail call), the lone digit's test leaves
 * read_figure_at small enough for its helpers to stay inline. */
int figure_at(const char *s, size_t len, size_t pos, bool ungated, fig_hit *hit,
              size_t *next, fig_rule *why)
{
    if (!ungated && pos < len && len - pos >= 3 &&
        (unsigned char)s[pos] >= 0xE4 && (unsigned char)s[pos] <= 0xE9) {
        int32_t cp = fig_cp_at(s, len, pos, &(size_t){0});
        if (lone_digit_in_words_at(s, len, pos, cp)) {
            *next = pos + 3;
            *why = FIG_RULE_LONE_DIGIT_IN_WORDS;
            hit->start = pos;
            hit->end = pos + 3;
            return 0;
        }
    }
    return read_figure_at(s, len, pos, ungated, hit, next, why);
}

/* figure_at's reading of every candidate but a lone digit inside words. */
static int read_figure_at(const char *s, size_t len, size_t pos, bool ungated,
                          fig_hit *hit, size_t *next, fig_rule *why)
{
    cand c = NO_CAND;
    fig_rule rule = FIG_RULE_NONE;
    size_t n;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    *next = pos + n;

    /* most candidates are ASCII digits read whole by fig_plain_digits:
     * then no x follows the digits (the reading stops before a byte that
     * could go on with the number, as an x would), so no placeholder
     * starts at pos, and numeral_at goes on from the digits read */
    bool digits_read = !ungated && cp >= '0' && cp <= '9' &&
                       fig_plain_digits(s, len, pos, &c.num);
    if (!digits_read && (cp == 'x' || cp == 'X' || (cp >= '0' && cp <= '9')) &&
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
        if (!(digits_read ? numeral_after_digits(s, len, at0, &c)
                          : numeral_at(s, len, at0, &c))) {
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
    in.beside = ungated ? ANY_BESIDE : bytes_beside(&in);
    if ((rule = first_rule(SHAPE_RULES, N_RULES(SHAPE_RULES), &in, next)))
        goto skip;
    if (mark_may_follow(s, len, &c) && !ungated && !currency && !over &&
        !no_value && enumerating_chinese_numeral(s, len, &c)) {
        c.end = c.num.end;
        rule = FIG_RULE_BARE_CHINESE_DIGIT;
        goto skip;
    }

    if (ungated)
        classify_every_reader(s, len, &c);
    else
        classify(s, len, &c);
    if (c.kind == fig_money && sign_opens_next_amount(s, len, &c)) {
        c.kind = fig_count; /* 1 $10 bill: the $ is the next amount's */
        c.unit = NULL;
        c.end = c.num.end;
    }
    c.start = currency ? currency_start : c.num.start;
    in.bare = c.kind == fig_count && c.end == c.num.end && !currency;
    if ((rule = first_rule(CONTEXT_RULES, N_RULES(CONTEXT_RULES), &in, next)))
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

    if ((rule = first_rule(SUFFIX_RULES, N_RULES(SUFFIX_RULES), &in, next)))
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
    if ((rule = first_rule(USE_RULES, 3, &in, next)))
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

    if ((rule = first_rule(USE_RULES + 3, N_RULES(USE_RULES) - 3, &in, next)))
        goto skip;

    noun_unit_when_kept(s, len, &c);
    if ((rule = first_rule(ROUGH_RULES, N_RULES(ROUGH_RULES), &in, next)))
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
