/* plugins/figures/numerals_zh.c - Chinese numerals resolved to numbers:
 * 一万二千三百, 两千四百五 (a trailing digit takes the next lower place),
 * 四万万, 4.78万亿, 5万4千6百, 1.9万, 十几, 三十多, 五百余万, 二〇一一,
 * 二点五, 百分之五十, 五分之一, 三又三分之一, 负三十二, formal digits
 * (壹贰叁, 拾佰仟) and traditional forms (萬, 億, 兩).
 */
#include "figures.h"

int fig_zh_digit(int32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */ return 0;
    case 0x4E00: /* 一 */
    case 0x58F9: /* 壹 */ return 1;
    case 0x4E8C: /* 二 */
    case 0x8D30: /* 贰 */
    case 0x8CB3: /* 貳 */
    case 0x4E24: /* 两 */
    case 0x5169: /* 兩 */
    case 0x4FE9: /* 俩 */
    case 0x5006: /* 倆 */ return 2;
    case 0x4E09: /* 三 */
    case 0x53C1: /* 叁 */
    case 0x53C3: /* 參 */ return 3;
    case 0x56DB: /* 四 */
    case 0x8086: /* 肆 */ return 4;
    case 0x4E94: /* 五 */
    case 0x4F0D: /* 伍 */ return 5;
    case 0x516D: /* 六 */
    case 0x9646: /* 陆 */
    case 0x9678: /* 陸 */ return 6;
    case 0x4E03: /* 七 */
    case 0x67D2: /* 柒 */ return 7;
    case 0x516B: /* 八 */
    case 0x634C: /* 捌 */ return 8;
    case 0x4E5D: /* 九 */
    case 0x7396: /* 玖 */ return 9;
    default: return -1;
    }
}

double fig_zh_unit(int32_t cp)
{
    switch (cp) {
    case 0x5341: /* 十 */
    case 0x62FE: /* 拾 */ return 10;
    case 0x767E: /* 百 */
    case 0x4F70: /* 佰 */ return 100;
    case 0x5343: /* 千 */
    case 0x4EDF: /* 仟 */ return 1000;
    case 0x4E07: /* 万 */
    case 0x842C: /* 萬 */ return 1e4;
    case 0x4EBF: /* 亿 */
    case 0x5104: /* 億 */ return 1e8;
    case 0x5146: /* 兆 */ return 1e12;
    default: return 0;
    }
}

bool fig_zh_starts_numeral(int32_t cp)
{
    double u = fig_zh_unit(cp);
    return fig_zh_digit(cp) >= 0 || (u > 0 && u < 1e4) || cp == 0x8D1F ||
           cp == 0x8CA0 || cp == 0x534A; /* 负 負 半 */
}

static bool is_decimal_point(int32_t cp)
{
    return cp == 0x70B9 || cp == 0x9EDE; /* 点 點 */
}

static bool is_approx_digit(int32_t cp)
{
    return cp == 0x51E0 || cp == 0x5E7E; /* 几 幾 */
}

static bool is_approx_suffix(int32_t cp)
{
    return cp == 0x591A || cp == 0x4F59 || cp == 0x9918; /* 多 余 餘 */
}

static bool is_minus(int32_t cp)
{
    return cp == 0x8D1F || cp == 0x8CA0; /* 负 負 */
}

/* True when a token of a Chinese numeral may follow spaces inside it. */
static bool continues_after_space(int32_t cp)
{
    return fig_zh_digit(cp) >= 0 || fig_zh_unit(cp) > 0 ||
           is_approx_suffix(cp) || is_approx_digit(cp) ||
           is_decimal_point(cp) || cp == 0x5206 /* 分 */ ||
           cp == 0x53C8; /* 又 */
}

/* Skips ASCII spaces from pos. */
static size_t skip_spaces(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] == ' ')
        pos++;
    return pos;
}

/* "分之" (with optional spaces) at pos: returns the end or 0. */
static size_t fen_zhi_at(const char *s, size_t len, size_t pos)
{
    size_t p = skip_spaces(s, len, pos);
    if (!fig_starts(s, len, p, "分"))
        return 0;
    p = skip_spaces(s, len, p + 3);
    if (!fig_starts(s, len, p, "之"))
        return 0;
    return skip_spaces(s, len, p + 3);
}

/* 两 兩 俩 倆: two as a count, not as a digit. */
static bool is_liang(int32_t cp)
{
    return cp == 0x4E24 || cp == 0x5169 || cp == 0x4FE9 || cp == 0x5006;
}

/* Length of a run of Chinese digits from pos, with whether it holds 〇 or
 * 零; sets *end. */
static int digit_run(const char *s, size_t len, size_t pos, size_t *end,
                     bool *has_zero)
{
    int count = 0;
    size_t n;
    *has_zero = false;
    while (pos < len) {
        int32_t cp = fig_cp_at(s, len, pos, &n);
        int d = fig_zh_digit(cp);
        if (d < 0 || is_liang(cp))
            break; /* 两 is never read digit by digit: 三三两两 */
        if (d == 0)
            *has_zero = true;
        pos += n;
        count++;
    }
    *end = pos;
    return count;
}

/* Reads digits after a decimal point (Chinese or Arabic) onto *value;
 * returns the end, or 0 when none follow (and *value is unchanged). */
static size_t decimals_at(const char *s, size_t len, size_t pos, fig_dec *value)
{
    fig_dec read = *value;
    size_t p = pos, n;
    while (p < len) {
        int32_t cp = fig_cp_at(s, len, p, &n);
        int d = fig_zh_digit(cp);
        if (d < 0 && fig_is_digit_cp(cp))
            d = cp < 0x80 ? cp - '0' : cp - 0xFF10;
        if (d < 0)
            break;
        fig_dec_push_digit(&read, d, true);
        p += n;
    }
    if (p == pos)
        return 0;
    *value = read;
    return p;
}

/* True when the place character at pos (千, 兆) begins a unit word:
 * 千米, 千克, 千瓦, 兆字节, 兆赫, 兆宽带. */
static bool place_opens_unit(const char *s, size_t len, size_t pos)
{
    size_t end;
    return fig_unit_after(s, len, pos, true, &end) != NULL && end > pos + 3;
}

/* The running state of one numeral. */
typedef enum {
    TOK_NONE,
    TOK_DIGIT,
    TOK_UNIT,
    TOK_BIG,
    TOK_ZERO,
    TOK_APPROX
} tok;

typedef struct zh_state {
    fig_dec done;  /* parts already multiplied by 万/亿/兆 */
    fig_dec small; /* sum below 万 in the current group */
    fig_dec pend;  /* a digit not yet given a place (when has_pend) */
    bool has_pend;
    bool pend_trails; /* pend came right after a unit: 一万三 = 13000 */
    double last_unit; /* the last place seen (10 ... 1e12) */
    double last_big;
    bool zero; /* 零 since the last unit */
    bool decimal;
    tok prev;
} zh_state;

/* The digit waiting for a place, in the place it takes: 一万三 → 3000. */
static fig_dec placed_pend(const zh_state *st)
{
    if (!st->has_pend)
        return (fig_dec){0, 0, 0};
    if (st->pend_trails && st->last_unit >= 100 && !st->decimal)
        return fig_dec_mul(st->pend, fig_dec_whole(st->last_unit / 10));
    return st->pend;
}

static fig_dec current_value(const zh_state *st)
{
    if (st->done.sig == 0 && st->small.sig == 0)
        return placed_pend(st); /* a lone digit: 五, 两 */
    fig_dec sum = fig_dec_add(st->done, st->small);
    return st->has_pend ? fig_dec_add(sum, placed_pend(st)) : sum;
}

/* A numeral nests at most this deep: 三又三分之一 reads 三分之一 inside. */
#define MAX_NESTING 3

static bool parse_zh(const char *s, size_t len, size_t pos, fig_num *out,
                     int depth);

/* The most common case read quickly: one Chinese digit followed by a
 * Chinese character that cannot continue a numeral, as in 进一步 or
 * 一个. Gives what parse_zh gives for it; false leaves it to parse_zh. */
static bool lone_digit(const char *s, size_t len, size_t pos, fig_num *out)
{
    size_t n, m;
    int digit = fig_zh_digit(fig_cp_at(s, len, pos, &n));
    if (digit < 0 || n != 3)
        return false;
    int32_t next = fig_cp_at(s, len, pos + n, &m);
    if (next < 0x4E00 || next > 0x9FFF || continues_after_space(next))
        return false;
    out->start = pos;
    out->end = pos + n;
    out->value = fig_dec_int(digit);
    out->flags = NUM_CHINESE;
    out->digits = 0;
    out->chars = 1;
    return true;
}

bool fig_scale_digits(const char *s, size_t len, fig_num *num)
{
    if (num->flags & (NUM_FRACTION | NUM_DOTTED | NUM_CHINESE | NUM_WORDS))
        return false;
    size_t n, m;
    double unit = fig_zh_unit(fig_cp_at(s, len, num->end, &n));
    if (!(unit >= 1e4) || n == 0 ||
        (unit == 1e12 && place_opens_unit(s, len, num->end)))
        return false;
    /* nothing may follow that the numeral state machine would read on:
     * 1万5000, 一万三, 3万多, 2亿点, 万分之 */
    size_t after = num->end + n;
    int32_t next = fig_cp_at(s, len, after, &m);
    if (next == ' ' || fig_is_digit_cp(next) || continues_after_space(next))
        return false;
    /* 万 10^4, 亿 10^8, 兆 10^12 */
    num->value = fig_dec_scale10(num->value, unit == 1e4   ? 4
                                             : unit == 1e8 ? 8
                                                           : 12);
    num->end = after;
    num->flags = NUM_ARABIC | (num->flags & (NUM_DECIMAL | NUM_GROUPED)) |
                 NUM_CHINESE | NUM_SCALED;
    num->chars = 1;
    return true;
}

/* Two neighbouring digits said together for "one or the other": 七八个,
 * 两三千, 三四十, 五六十万. Only places may follow the second (not 一二三
 * or 三四十二); 一两 is left alone, 两 being also a weight. Reads the
 * numeral from the second digit as the high end; the low end has the
 * first digit in its place. */
static bool approximate_pair(const char *s, size_t len, size_t pos,
                             fig_num *out)
{
    size_t n, m;
    int low = fig_zh_digit(fig_cp_at(s, len, pos, &n));
    if (low < 2 || n != 3)
        return false;
    size_t at = pos + n;
    int high = fig_zh_digit(fig_cp_at(s, len, at, &m));
    if (high != low + 1 || m != 3)
        return false;
    size_t end = at + m;
    while (end < len && fig_zh_unit(fig_cp_at(s, len, end, &n)) > 0)
        end += n;
    int32_t after = fig_cp_at(s, len, end, &n);
    if (fig_zh_digit(after) >= 0 || fig_is_digit_cp(after) ||
        continues_after_space(after))
        return false;
    fig_num num;
    if (!parse_zh(s, len, at, &num, 0) || num.end != end ||
        (num.flags & ~(NUM_CHINESE | NUM_POSITIONAL | NUM_SCALED)))
        return false;
    *out = num;
    out->start = pos;
    out->flags |= NUM_PAIR;
    out->chars += 1;
    out->low = fig_dec_div(fig_dec_mul(num.value, fig_dec_int(low)),
                           fig_dec_int(high));
    return true;
}

bool fig_parse_zh(const char *s, size_t len, size_t pos, fig_num *out)
{
    if (lone_digit(s, len, pos, out))
        return true;
    if (approximate_pair(s, len, pos, out))
        return true;
    return parse_zh(s, len, pos, out, 0);
}

static bool parse_zh(const char *s, size_t len, size_t pos, fig_num *out,
                     int depth)
{
    zh_state st = {.has_pend = false, .prev = TOK_NONE};
    size_t p = pos, n, end = pos;
    unsigned flags = 0;
    int chars = 0;
    bool negative = false;
    fig_dec seq = {0, 0, 0};
    int seq_left = 0; /* digits still to read in a digit sequence */

    int32_t cp = fig_cp_at(s, len, p, &n);
    if (is_minus(cp)) {
        negative = true;
        p += n;
    }
    out->start = pos;
    out->digits = 0;
    while (p < len) {
        size_t q = p;
        if (s[q] == ' ' && (chars > 0 || (flags & NUM_ARABIC))) {
            q = skip_spaces(s, len, q);
            if (q >= len)
                break;
            int32_t next = fig_cp_at(s, len, q, &n);
            bool ok = continues_after_space(next);
            if (!ok && fig_is_digit_cp(next) && (flags & NUM_CHINESE) &&
                (st.prev == TOK_UNIT || st.prev == TOK_BIG))
                ok = true;
            if (!ok || seq_left > 0)
                break;
            if (fig_zh_digit(next) >= 0 && st.prev == TOK_DIGIT)
                break;
        }
        cp = fig_cp_at(s, len, q, &n);

        if (fig_is_digit_cp(cp) || (cp == '.' && st.prev == TOK_NONE)) {
            if (st.prev == TOK_DIGIT || st.prev == TOK_APPROX || st.decimal ||
                seq_left > 0)
                break;
            fig_num d;
            if (!fig_parse_digits(s, len, q, &d))
                break;
            if (st.prev == TOK_NONE &&
                (d.flags & (NUM_FRACTION | NUM_DOTTED | NUM_GROUPED)) &&
                !(d.flags & NUM_GROUPED)) {
                *out = d;
                out->start = pos;
                if (negative)
                    out->value = fig_dec_neg(out->value);
                return true;
            }
            if (d.flags & (NUM_FRACTION | NUM_DOTTED))
                break;
            if (st.prev == TOK_NONE)
                out->digits = d.digits;
            st.pend = d.value;
            st.has_pend = true;
            st.pend_trails = false;
            st.prev = TOK_DIGIT;
            flags |= NUM_ARABIC | (d.flags & (NUM_DECIMAL | NUM_GROUPED));
            if (d.flags & NUM_DECIMAL)
                st.decimal = true;
            p = end = d.end;
            continue;
        }

        int digit = fig_zh_digit(cp);
        if (digit >= 0) {
            if (seq_left > 0) {
                fig_dec_push_digit(&seq, digit, false);
                seq_left--;
                chars++;
                p = end = q + n;
                continue;
            }
            if (digit == 0 && (st.prev == TOK_UNIT || st.prev == TOK_BIG)) {
                st.zero = true;
                st.prev = TOK_ZERO;
                chars++;
                p = q + n; /* a trailing 零 stays out of the text */
                continue;
            }
            if (st.prev == TOK_DIGIT) {
                /* two digits in a row: a digit sequence (二〇一一年) when
                 * no place was used and the run is a year or long */
                if ((flags & (NUM_POSITIONAL | NUM_SCALED | NUM_ARABIC)) ||
                    chars != 1)
                    break;
                size_t run_end;
                bool has_zero;
                int run = digit_run(s, len, pos + (negative ? 3 : 0), &run_end,
                                    &has_zero);
                bool year = fig_starts(s, len, run_end, "年");
                if (!(run >= 4 || (run >= 2 && year) || (run >= 3 && has_zero)))
                    break;
                flags |= NUM_DIGIT_SEQ;
                seq = st.pend;
                fig_dec_push_digit(&seq, digit, false);
                seq_left = run - 2;
                chars++;
                p = end = q + n;
                continue;
            }
            if (st.prev == TOK_APPROX)
                break;
            st.pend_trails =
                (st.prev == TOK_UNIT || st.prev == TOK_BIG) && !st.zero;
            st.pend = fig_dec_int(digit);
            st.has_pend = true;
            st.prev = TOK_DIGIT;
            flags |= NUM_CHINESE;
            chars++;
            p = end = q + n;
            continue;
        }

        double unit = fig_zh_unit(cp);
        /* 5千米, 3千克, 2兆瓦, 千兆网卡: the place opens a unit word */
        if ((unit == 1e12 || (unit == 1000 && st.last_unit == 0)) &&
            place_opens_unit(s, len, q))
            break;
        if (unit > 0 && unit < 1e4) {
            /* after a decimal only as part of 百万 or 千万: 1.7百万 */
            bool decimal_ok =
                st.decimal && unit >= 100 && st.last_unit == 0 &&
                fig_zh_unit(fig_cp_at(s, len, q + n, &(size_t){0})) >= 1e4;
            if (seq_left > 0 || (flags & NUM_DIGIT_SEQ) ||
                (st.decimal && !decimal_ok) || st.prev == TOK_APPROX)
                break;
            if (st.last_unit > 0 && unit >= st.last_unit &&
                st.prev != TOK_BIG && st.last_unit < 1e4)
                break;
            if (st.last_unit >= 1e4 && unit >= 1e4)
                break;
            fig_dec mult =
                st.has_pend && st.pend.sig > 0 ? st.pend : fig_dec_int(1);
            st.small =
                fig_dec_add(st.small, fig_dec_mul(mult, fig_dec_whole(unit)));
            st.has_pend = false;
            st.pend_trails = false;
            st.last_unit = unit;
            st.zero = false;
            st.prev = TOK_UNIT;
            flags |= NUM_CHINESE | NUM_POSITIONAL;
            chars++;
            p = end = q + n;
            continue;
        }
        if (unit >= 1e4 && st.prev == TOK_NONE && fen_zhi_at(s, len, q + n)) {
            st.small = fig_dec_whole(unit); /* 万分之三: 一万分之三 */
            st.last_unit = unit;
            st.prev = TOK_UNIT;
            flags |= NUM_CHINESE;
            chars++;
            p = end = q + n;
            continue;
        }
        if (unit >= 1e4) {
            if (st.prev == TOK_NONE || (flags & NUM_DIGIT_SEQ))
                break;
            fig_dec seg =
                st.has_pend ? fig_dec_add(st.small, st.pend) : st.small;
            fig_dec big = fig_dec_whole(unit);
            if (st.done.sig == 0 || unit > st.last_big ||
                (unit == st.last_big && seg.sig == 0))
                st.done = fig_dec_mul(fig_dec_add(st.done, seg), big);
            else
                st.done = fig_dec_add(st.done, fig_dec_mul(seg, big));
            st.last_big = unit;
            st.last_unit = unit;
            st.small = (fig_dec){0, 0, 0};
            st.has_pend = false;
            st.pend_trails = false;
            st.zero = false;
            st.decimal = false;
            st.prev = TOK_BIG;
            flags |= NUM_CHINESE | NUM_SCALED;
            chars++;
            p = end = q + n;
            continue;
        }
        if (is_decimal_point(cp) && !st.decimal && st.prev != TOK_APPROX &&
            st.prev != TOK_NONE && seq_left == 0) {
            fig_dec whole = placed_pend(&st);
            size_t d_end =
                decimals_at(s, len, skip_spaces(s, len, q + n), &whole);
            if (!d_end)
                break;
            st.pend = whole;
            st.has_pend = true;
            st.pend_trails = false;
            st.decimal = true;
            st.prev = TOK_DIGIT;
            flags |= NUM_DECIMAL;
            chars += 2;
            p = end = d_end;
            continue;
        }
        if (is_approx_digit(cp) && seq_left == 0) {
            if (st.prev == TOK_NONE) {
                /* 几十, 几百: a size with no value */
                size_t m;
                double u = fig_zh_unit(fig_cp_at(s, len, q + n, &m));
                if (!(u > 0))
                    break;
                flags |= NUM_NO_VALUE;
                st.pend = fig_dec_int(1);
                st.has_pend = true;
            } else if (st.prev == TOK_UNIT || st.prev == TOK_BIG ||
                       st.prev == TOK_ZERO) {
                st.has_pend = false;
                flags |= NUM_APPROX;
            } else {
                break;
            }
            st.prev = TOK_APPROX;
            chars++;
            p = end = q + n;
            continue;
        }
        if (is_approx_suffix(cp) && seq_left == 0 &&
            (st.prev == TOK_UNIT || st.prev == TOK_BIG ||
             (st.prev == TOK_DIGIT && (flags & NUM_ARABIC) &&
              !(flags & NUM_CHINESE)))) {
            /* 余/多 then a big unit (十余万) or the end of the numeral */
            flags |= NUM_APPROX;
            st.prev = TOK_APPROX;
            p = end = q + n;
            continue;
        }
        if (cp == 0x6765 /* 来 */ && seq_left == 0 &&
            (st.prev == TOK_UNIT || st.prev == TOK_BIG) &&
            !(flags & NUM_ARABIC)) {
            /* 十来个, 二十来岁, 百来人: about so many */
            flags |= NUM_ROUGHLY;
            st.prev = TOK_APPROX;
            p = end = q + n;
            continue;
        }
        if (cp == 0x5206 /* 分 */ && st.prev != TOK_NONE && seq_left == 0 &&
            !st.decimal) {
            size_t after = fen_zhi_at(s, len, q);
            if (!after)
                break;
            fig_dec den = current_value(&st);
            fig_num num;
            size_t m;
            int32_t first = fig_cp_at(s, len, after, &m);
            if (!(fig_zh_starts_numeral(first) || fig_is_digit_cp(first)) ||
                depth >= MAX_NESTING ||
                !parse_zh(s, len, after, &num, depth + 1) ||
                (num.flags & (NUM_FRACTION | NUM_PERCENT)))
                break;
            double small = fig_dec_value(st.small);
            bool bare_place = chars == 1 && !(flags & NUM_ARABIC) &&
                              !st.has_pend &&
                              (small == 100 || small == 1000 || small == 1e4);
            if (bare_place) {
                /* 百分之, 千分之, 万分之: percent, per mille, per myriad */
                st.done = num.value;
                flags |= small == 100    ? NUM_PERCENT
                         : small == 1000 ? NUM_PERMILLE
                                         : NUM_PERMYRIAD;
                flags &= ~NUM_SCALED;
            } else if (den.sig != 0) {
                st.done = fig_dec_div(num.value, den);
                /* the 万 of 一万分之三 scaled the denominator only */
                flags = (flags & ~NUM_SCALED) | NUM_FRACTION;
            } else {
                break;
            }
            st.small = (fig_dec){0, 0, 0};
            st.has_pend = false;
            st.pend_trails = false;
            flags |= NUM_CHINESE | (num.flags & NUM_DECIMAL);
            chars += num.chars + 2;
            end = num.end;
            break;
        }
        if (cp == 0x53C8 /* 又 */ && st.prev != TOK_NONE && seq_left == 0) {
            fig_num part;
            size_t m;
            int32_t first = fig_cp_at(s, len, skip_spaces(s, len, q + n), &m);
            if ((fig_zh_starts_numeral(first) || fig_is_digit_cp(first)) &&
                depth < MAX_NESTING &&
                parse_zh(s, len, skip_spaces(s, len, q + n), &part,
                         depth + 1) &&
                (part.flags & NUM_FRACTION)) {
                st.done = fig_dec_add(current_value(&st), part.value);
                st.small = (fig_dec){0, 0, 0};
                st.has_pend = false;
                st.pend_trails = false;
                flags |= NUM_FRACTION;
                end = part.end;
            }
            break;
        }
        break;
    }

    if (chars == 0 && !(flags & NUM_ARABIC))
        return false;
    fig_dec value = (flags & NUM_DIGIT_SEQ) ? seq : current_value(&st);
    if (flags & NUM_DIGIT_SEQ)
        flags |= NUM_CHINESE;
    if (negative) {
        value = fig_dec_neg(value);
        flags |= NUM_NEGATIVE;
    }
    out->end = end;
    out->value = value;
    out->flags = flags;
    out->chars = chars;
    return true;
}
