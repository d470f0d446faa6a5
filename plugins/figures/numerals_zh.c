/* plugins/figures/numerals_zh.c - Chinese numerals resolved to numbers:
 * 一万二千三百, 两千四百五 (a trailing digit takes the next lower place),
 * 四万万, 4.78万亿, 5万4千6百, 1.9万, 十几, 三十多, 五百余万, 二〇一一,
 * 二点五, 百分之五十, 五分之一, 三又三分之一, 负三十二, formal digits
 * (壹贰叁, 拾佰仟) and traditional forms (萬, 億, 兩).
 */
#include "figures.h"

/* The table behind fig_zh_digit, fig_zh_unit and the other character
 * tests of figures.h. A slot given twice would draw -Woverride-init. */
#define DIGIT_FLAGS (FIG_ZH_DIGIT | FIG_ZH_STARTS | FIG_ZH_CONTINUES)
/* goes on a numeral, after a space or after Arabic digits */
#define GOES_ON (FIG_ZH_CONTINUES | FIG_ZH_AFTER_ARABIC)
#define SMALL_PLACE (FIG_ZH_STARTS | GOES_ON)
#define ZH(cp, digit, place, flags)                                            \
    [FIG_ZH_SLOT(cp)] = {cp, digit, place, flags}

const double fig_zh_places[7] = {0, 10, 100, 1000, 1e4, 1e8, 1e12};

const fig_zh_char fig_zh_chars[128] = {
    ZH(0x96F6 /* 零 */, 0, 0, DIGIT_FLAGS),
    ZH(0x3007 /* 〇 */, 0, 0, DIGIT_FLAGS),
    ZH(0x4E00 /* 一 */, 1, 0, DIGIT_FLAGS),
    ZH(0x58F9 /* 壹 */, 1, 0, DIGIT_FLAGS),
    ZH(0x4E8C /* 二 */, 2, 0, DIGIT_FLAGS),
    ZH(0x8D30 /* 贰 */, 2, 0, DIGIT_FLAGS),
    ZH(0x8CB3 /* 貳 */, 2, 0, DIGIT_FLAGS),
    ZH(0x4E24 /* 两 */, 2, 0, DIGIT_FLAGS),
    ZH(0x5169 /* 兩 */, 2, 0, DIGIT_FLAGS),
    ZH(0x4FE9 /* 俩 */, 2, 0, DIGIT_FLAGS),
    ZH(0x5006 /* 倆 */, 2, 0, DIGIT_FLAGS),
    ZH(0x4E09 /* 三 */, 3, 0, DIGIT_FLAGS),
    ZH(0x53C1 /* 叁 */, 3, 0, DIGIT_FLAGS),
    ZH(0x53C3 /* 參 */, 3, 0, DIGIT_FLAGS),
    ZH(0x56DB /* 四 */, 4, 0, DIGIT_FLAGS),
    ZH(0x8086 /* 肆 */, 4, 0, DIGIT_FLAGS),
    ZH(0x4E94 /* 五 */, 5, 0, DIGIT_FLAGS),
    ZH(0x4F0D /* 伍 */, 5, 0, DIGIT_FLAGS),
    ZH(0x516D /* 六 */, 6, 0, DIGIT_FLAGS),
    ZH(0x9646 /* 陆 */, 6, 0, DIGIT_FLAGS),
    ZH(0x9678 /* 陸 */, 6, 0, DIGIT_FLAGS),
    ZH(0x4E03 /* 七 */, 7, 0, DIGIT_FLAGS),
    ZH(0x67D2 /* 柒 */, 7, 0, DIGIT_FLAGS),
    ZH(0x516B /* 八 */, 8, 0, DIGIT_FLAGS),
    ZH(0x634C /* 捌 */, 8, 0, DIGIT_FLAGS),
    ZH(0x4E5D /* 九 */, 9, 0, DIGIT_FLAGS),
    ZH(0x7396 /* 玖 */, 9, 0, DIGIT_FLAGS),
    ZH(0x5341 /* 十 */, 0, 1, SMALL_PLACE),
    ZH(0x62FE /* 拾 */, 0, 1, SMALL_PLACE),
    ZH(0x767E /* 百 */, 0, 2, SMALL_PLACE),
    ZH(0x4F70 /* 佰 */, 0, 2, SMALL_PLACE),
    ZH(0x5343 /* 千 */, 0, 3, SMALL_PLACE),
    ZH(0x4EDF /* 仟 */, 0, 3, SMALL_PLACE),
    ZH(0x4E07 /* 万 */, 0, 4, GOES_ON),
    ZH(0x842C /* 萬 */, 0, 4, GOES_ON),
    ZH(0x4EBF /* 亿 */, 0, 5, GOES_ON),
    ZH(0x5104 /* 億 */, 0, 5, GOES_ON),
    ZH(0x5146 /* 兆 */, 0, 6, GOES_ON),
    ZH(0x8D1F /* 负 */, 0, 0, FIG_ZH_STARTS),
    ZH(0x8CA0 /* 負 */, 0, 0, FIG_ZH_STARTS),
    ZH(0x534A /* 半 */, 0, 0, FIG_ZH_STARTS),
    ZH(0x591A /* 多 */, 0, 0, GOES_ON),
    ZH(0x4F59 /* 余 */, 0, 0, GOES_ON),
    ZH(0x9918 /* 餘 */, 0, 0, GOES_ON),
    ZH(0x51E0 /* 几 */, 0, 0, GOES_ON),
    ZH(0x5E7E /* 幾 */, 0, 0, GOES_ON),
    ZH(0x70B9 /* 点 */, 0, 0, GOES_ON),
    ZH(0x9EDE /* 點 */, 0, 0, GOES_ON),
    ZH(0x5206 /* 分 */, 0, 0, GOES_ON),
    ZH(0x53C8 /* 又 */, 0, 0, GOES_ON),
};

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
 * character that cannot continue a numeral, as in 进一步, 一个, 一、 or 一，
 * or by the end of the text. The token readers (read_token) take after a
 * lone digit only a space, Arabic digits, and the characters of
 * fig_zh_continues: before anything else the numeral ends. Gives what
 * parse_zh gives for it; false leaves it to parse_zh. */
static bool lone_digit(const char *s, size_t len, size_t pos, fig_num *out)
{
    size_t n, m;
    int digit = fig_zh_digit(fig_cp_at(s, len, pos, &n));
    if (digit < 0 || n != 3)
        return false;
    int32_t next = fig_cp_at(s, len, pos + n, &m);
    if (next == ' ' || fig_is_digit_cp(next) || fig_zh_continues(next))
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
    if (next == ' ' || fig_is_digit_cp(next) || fig_zh_continues(next))
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
        fig_zh_continues(after))
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

/* ---- reading one numeral, token by token ----
 *
 * A numeral is read in phases: an optional minus (负), then tokens one by
 * one. Before each token a space may be crossed (cross_space); then the
 * token's class picks its reader: Arabic digits, a Chinese digit, a
 * place (十 百 千), a big place (万 亿 兆), a decimal point (点), an
 * approximate digit or suffix (几, 余, 多, 来), and the fraction words
 * 分之 and 又, after which the numeral ends. A reader takes its token and
 * the numeral reads on, or ends the numeral. When the token could have
 * continued a numeral but not this one (三十百, 5千米), the reader names
 * the rule that ended it (fig_rules, phases "numeral" and "numeral-end"
 * in rules.c): a numeral refused at its first token is no figure, and
 * `--explain` says why. The value is then made up (finish). */

typedef struct zh_reader {
    const char *s;
    size_t len;
    size_t pos; /* where the numeral starts */
    int depth;  /* how deep inside another numeral (三又三分之一) */
    zh_state st;
    size_t p;   /* where the next token starts */
    size_t end; /* the end of the text read so far */
    unsigned flags;
    int chars;
    bool negative;
    fig_dec seq;      /* a digit sequence read so far (二〇一一) */
    int seq_left;     /* digits still to read in a digit sequence */
    bool whole;       /* an Arabic number read whole: out is set */
    fig_rule stopped; /* the rule that ended the numeral, if one did */
} zh_reader;

typedef enum { ZH_READ_ON, ZH_END } zh_flow;

static zh_flow end_by(zh_reader *r, fig_rule rule)
{
    r->stopped = rule;
    return ZH_END;
}

/* The token ends at q + n and the numeral reads on after it. */
static zh_flow took(zh_reader *r, size_t end)
{
    r->p = r->end = end;
    return ZH_READ_ON;
}

static bool after_place(const zh_reader *r)
{
    return r->st.prev == TOK_UNIT || r->st.prev == TOK_BIG;
}

/* Phase 1: spaces inside a numeral (5 万, 一 千) are crossed only when
 * what follows continues it. Moves *q past them; false ends the
 * numeral. */
static bool cross_space(const zh_reader *r, size_t *q)
{
    const char *s = r->s;
    if (s[*q] != ' ' || !(r->chars > 0 || (r->flags & NUM_ARABIC)))
        return true;
    size_t at = skip_spaces(s, r->len, *q), n;
    if (at >= r->len)
        return false;
    int32_t next = fig_cp_at(s, r->len, at, &n);
    bool ok = fig_zh_continues(next);
    if (!ok && fig_is_digit_cp(next) && (r->flags & NUM_CHINESE) &&
        after_place(r))
        ok = true; /* 三万 5千 */
    if (!ok || r->seq_left > 0)
        return false;
    if (fig_zh_digit(next) >= 0 && r->st.prev == TOK_DIGIT)
        return false; /* 三 四: two numbers */
    *q = at;
    return true;
}

/* Arabic digits: 5万4千, 1.9万; a fraction or a dotted number read whole
 * when it opens the numeral. */
static zh_flow read_arabic(zh_reader *r, size_t q, fig_num *out)
{
    zh_state *st = &r->st;
    if (st->prev == TOK_DIGIT || st->prev == TOK_APPROX || st->decimal ||
        r->seq_left > 0)
        return ZH_END;
    fig_num d;
    if (!fig_parse_digits(r->s, r->len, q, &d))
        return ZH_END;
    if (st->prev == TOK_NONE &&
        (d.flags & (NUM_FRACTION | NUM_DOTTED | NUM_GROUPED)) &&
        !(d.flags & NUM_GROUPED)) {
        *out = d;
        out->start = r->pos;
        if (r->negative)
            out->value = fig_dec_neg(out->value);
        r->whole = true;
        return ZH_END;
    }
    if (d.flags & (NUM_FRACTION | NUM_DOTTED))
        return ZH_END;
    if (st->prev == TOK_NONE)
        out->digits = d.digits;
    st->pend = d.value;
    st->has_pend = true;
    st->pend_trails = false;
    st->prev = TOK_DIGIT;
    r->flags |= NUM_ARABIC | (d.flags & (NUM_DECIMAL | NUM_GROUPED));
    if (d.flags & NUM_DECIMAL)
        st->decimal = true;
    return took(r, d.end);
}

/* Two Chinese digits in a row: a digit sequence (二〇一一年) when no place
 * was used and the run is a year, long, or holds a zero. */
static zh_flow start_sequence(zh_reader *r, int digit, size_t end)
{
    if ((r->flags & (NUM_POSITIONAL | NUM_SCALED | NUM_ARABIC)) ||
        r->chars != 1)
        return end_by(r, FIG_RULE_DIGIT_AFTER_DIGIT);
    size_t run_end;
    bool has_zero;
    int run = digit_run(r->s, r->len, r->pos + (r->negative ? 3 : 0), &run_end,
                        &has_zero);
    bool year = fig_starts(r->s, r->len, run_end, "年");
    if (!(run >= 4 || (run >= 2 && year) || (run >= 3 && has_zero)))
        return end_by(r, FIG_RULE_DIGITS_NOT_A_SEQUENCE);
    r->flags |= NUM_DIGIT_SEQ;
    r->seq = r->st.pend;
    fig_dec_push_digit(&r->seq, digit, false);
    r->seq_left = run - 2;
    r->chars++;
    return took(r, end);
}

/* A Chinese digit: 三, 两, 零 after a place, or the next of a sequence. */
static zh_flow read_digit(zh_reader *r, int digit, size_t end)
{
    zh_state *st = &r->st;
    if (r->seq_left > 0) {
        fig_dec_push_digit(&r->seq, digit, false);
        r->seq_left--;
        r->chars++;
        return took(r, end);
    }
    if (digit == 0 && after_place(r)) {
        st->zero = true;
        st->prev = TOK_ZERO;
        r->chars++;
        r->p = end; /* a trailing 零 stays out of the text */
        return ZH_READ_ON;
    }
    if (st->prev == TOK_DIGIT)
        return start_sequence(r, digit, end);
    if (st->prev == TOK_APPROX)
        return ZH_END;
    st->pend_trails = after_place(r) && !st->zero;
    st->pend = fig_dec_int(digit);
    st->has_pend = true;
    st->prev = TOK_DIGIT;
    r->flags |= NUM_CHINESE;
    r->chars++;
    return took(r, end);
}

/* A place below 万: 十, 百, 千, multiplying the digit before it. */
static zh_flow read_place(zh_reader *r, double unit, size_t end)
{
    zh_state *st = &r->st;
    if (r->seq_left > 0 || (r->flags & NUM_DIGIT_SEQ))
        return end_by(r, FIG_RULE_PLACE_AFTER_SEQUENCE);
    if (st->prev == TOK_APPROX)
        return end_by(r, FIG_RULE_PLACE_AFTER_APPROXIMATE);
    /* after a decimal only as part of 百万 or 千万: 1.7百万 */
    if (st->decimal &&
        !(unit >= 100 && st->last_unit == 0 &&
          fig_zh_unit(fig_cp_at(r->s, r->len, end, &(size_t){0})) >= 1e4))
        return end_by(r, FIG_RULE_PLACE_AFTER_DECIMAL);
    if (st->last_unit > 0 && unit >= st->last_unit && st->prev != TOK_BIG &&
        st->last_unit < 1e4)
        return end_by(r, FIG_RULE_PLACE_NOT_DESCENDING);
    fig_dec mult = st->has_pend && st->pend.sig > 0 ? st->pend : fig_dec_int(1);
    st->small = fig_dec_add(st->small, fig_dec_mul(mult, fig_dec_whole(unit)));
    st->has_pend = false;
    st->pend_trails = false;
    st->last_unit = unit;
    st->zero = false;
    st->prev = TOK_UNIT;
    r->flags |= NUM_CHINESE | NUM_POSITIONAL;
    r->chars++;
    return took(r, end);
}

/* 万分之三, 亿分之一: a big place opening a fraction's denominator. */
static zh_flow read_big_denominator(zh_reader *r, double unit, size_t end)
{
    r->st.small = fig_dec_whole(unit);
    r->st.last_unit = unit;
    r->st.prev = TOK_UNIT;
    r->flags |= NUM_CHINESE;
    r->chars++;
    return took(r, end);
}

/* A big place: 万, 亿, 兆 multiply the group before them (四万万, 1.9万). */
static zh_flow read_big_place(zh_reader *r, double unit, size_t end)
{
    zh_state *st = &r->st;
    if (st->prev == TOK_NONE)
        return end_by(r, FIG_RULE_BIG_PLACE_FIRST);
    if (r->flags & NUM_DIGIT_SEQ)
        return end_by(r, FIG_RULE_PLACE_AFTER_SEQUENCE);
    fig_dec seg = st->has_pend ? fig_dec_add(st->small, st->pend) : st->small;
    fig_dec big = fig_dec_whole(unit);
    if (st->done.sig == 0 || unit > st->last_big ||
        (unit == st->last_big && seg.sig == 0))
        st->done = fig_dec_mul(fig_dec_add(st->done, seg), big);
    else
        st->done = fig_dec_add(st->done, fig_dec_mul(seg, big));
    st->last_big = unit;
    st->last_unit = unit;
    st->small = (fig_dec){0, 0, 0};
    st->has_pend = false;
    st->pend_trails = false;
    st->zero = false;
    st->decimal = false;
    st->prev = TOK_BIG;
    r->flags |= NUM_CHINESE | NUM_SCALED;
    r->chars++;
    return took(r, end);
}

/* 点 and the digits after it: 二点五, 三点零一. */
static zh_flow read_point(zh_reader *r, size_t end)
{
    zh_state *st = &r->st;
    fig_dec whole = placed_pend(st);
    size_t d_end =
        decimals_at(r->s, r->len, skip_spaces(r->s, r->len, end), &whole);
    if (!d_end)
        return end_by(r, FIG_RULE_POINT_WITHOUT_DECIMALS);
    st->pend = whole;
    st->has_pend = true;
    st->pend_trails = false;
    st->decimal = true;
    st->prev = TOK_DIGIT;
    r->flags |= NUM_DECIMAL;
    r->chars += 2;
    return took(r, d_end);
}

/* 几 (幾): a digit nobody said, as 十几 or 几十. */
static zh_flow read_approx_digit(zh_reader *r, size_t end)
{
    zh_state *st = &r->st;
    if (st->prev == TOK_NONE) {
        /* 几十, 几百: a size with no value */
        size_t m;
        if (!(fig_zh_unit(fig_cp_at(r->s, r->len, end, &m)) > 0))
            return ZH_END;
        r->flags |= NUM_NO_VALUE;
        st->pend = fig_dec_int(1);
        st->has_pend = true;
    } else if (after_place(r) || st->prev == TOK_ZERO) {
        st->has_pend = false;
        r->flags |= NUM_APPROX;
    } else {
        return ZH_END;
    }
    st->prev = TOK_APPROX;
    r->chars++;
    return took(r, end);
}

/* 余 or 多 after a place or Arabic digits (十余万, 30多): more than. */
static zh_flow read_approx_suffix(zh_reader *r, size_t end)
{
    r->flags |= NUM_APPROX;
    r->st.prev = TOK_APPROX;
    return took(r, end);
}

/* 来 after a place: 十来个, 二十来岁, 百来人, about so many. */
static zh_flow read_roughly(zh_reader *r, size_t end)
{
    r->flags |= NUM_ROUGHLY;
    r->st.prev = TOK_APPROX;
    return took(r, end);
}

static bool parse_zh_explained(const char *s, size_t len, size_t pos,
                               fig_num *out, int depth, fig_rule *stopped);

/* 分之 and the numerator after it: 五分之一, 百分之五十 (percent), 千分之五,
 * 万分之三. The numeral ends after it. */
static zh_flow read_fraction(zh_reader *r, size_t q)
{
    zh_state *st = &r->st;
    size_t after = fen_zhi_at(r->s, r->len, q);
    if (!after)
        return end_by(r, FIG_RULE_FEN_NOT_A_FRACTION);
    fig_dec den = current_value(st);
    fig_num num;
    size_t m;
    int32_t first = fig_cp_at(r->s, r->len, after, &m);
    if (!(fig_zh_starts_numeral(first) || fig_is_digit_cp(first)) ||
        r->depth >= MAX_NESTING ||
        !parse_zh_explained(r->s, r->len, after, &num, r->depth + 1, NULL) ||
        (num.flags & (NUM_FRACTION | NUM_PERCENT)))
        return ZH_END;
    double small = fig_dec_value(st->small);
    bool bare_place = r->chars == 1 && !(r->flags & NUM_ARABIC) &&
                      !st->has_pend &&
                      (small == 100 || small == 1000 || small == 1e4);
    if (bare_place) {
        /* 百分之, 千分之, 万分之: percent, per mille, per myriad */
        st->done = num.value;
        r->flags |= small == 100    ? NUM_PERCENT
                    : small == 1000 ? NUM_PERMILLE
                                    : NUM_PERMYRIAD;
        r->flags &= ~NUM_SCALED;
    } else if (den.sig != 0) {
        st->done = fig_dec_div(num.value, den);
        /* the 万 of 一万分之三 scaled the denominator only */
        r->flags = (r->flags & ~NUM_SCALED) | NUM_FRACTION;
    } else {
        return ZH_END;
    }
    st->small = (fig_dec){0, 0, 0};
    st->has_pend = false;
    st->pend_trails = false;
    r->flags |= NUM_CHINESE | (num.flags & NUM_DECIMAL);
    r->chars += num.chars + 2;
    r->end = num.end;
    return ZH_END;
}

/* 又 and a fraction: 三又三分之一. The numeral ends after it. */
static zh_flow read_mixed(zh_reader *r, size_t end)
{
    zh_state *st = &r->st;
    fig_num part;
    size_t m, at = skip_spaces(r->s, r->len, end);
    int32_t first = fig_cp_at(r->s, r->len, at, &m);
    if ((fig_zh_starts_numeral(first) || fig_is_digit_cp(first)) &&
        r->depth < MAX_NESTING &&
        parse_zh_explained(r->s, r->len, at, &part, r->depth + 1, NULL) &&
        (part.flags & NUM_FRACTION)) {
        st->done = fig_dec_add(current_value(st), part.value);
        st->small = (fig_dec){0, 0, 0};
        st->has_pend = false;
        st->pend_trails = false;
        r->flags |= NUM_FRACTION;
        r->end = part.end;
    }
    return ZH_END;
}

/* Phase 2: the token at q (cp, n bytes long) goes to its reader. */
static zh_flow read_token(zh_reader *r, int32_t cp, size_t q, size_t n,
                          fig_num *out)
{
    const zh_state *st = &r->st;
    if (fig_is_digit_cp(cp) || (cp == '.' && st->prev == TOK_NONE))
        return read_arabic(r, q, out);
    int digit = fig_zh_digit(cp);
    if (digit >= 0)
        return read_digit(r, digit, q + n);
    double unit = fig_zh_unit(cp);
    /* 5千米, 3千克, 2兆瓦, 千兆网卡: the place opens a unit word */
    if ((unit == 1e12 || (unit == 1000 && st->last_unit == 0)) &&
        place_opens_unit(r->s, r->len, q))
        return end_by(r, FIG_RULE_PLACE_OPENS_UNIT);
    if (unit > 0 && unit < 1e4)
        return read_place(r, unit, q + n);
    if (unit >= 1e4 && st->prev == TOK_NONE && fen_zhi_at(r->s, r->len, q + n))
        return read_big_denominator(r, unit, q + n);
    if (unit >= 1e4)
        return read_big_place(r, unit, q + n);
    if (is_decimal_point(cp) && !st->decimal && st->prev != TOK_APPROX &&
        st->prev != TOK_NONE && r->seq_left == 0)
        return read_point(r, q + n);
    if (is_approx_digit(cp) && r->seq_left == 0)
        return read_approx_digit(r, q + n);
    if (is_approx_suffix(cp) && r->seq_left == 0 &&
        (after_place(r) || (st->prev == TOK_DIGIT && (r->flags & NUM_ARABIC) &&
                            !(r->flags & NUM_CHINESE))))
        return read_approx_suffix(r, q + n);
    if (cp == 0x6765 /* 来 */ && r->seq_left == 0 && after_place(r) &&
        !(r->flags & NUM_ARABIC))
        return read_roughly(r, q + n);
    if (cp == 0x5206 /* 分 */ && st->prev != TOK_NONE && r->seq_left == 0 &&
        !st->decimal)
        return read_fraction(r, q);
    if (cp == 0x53C8 /* 又 */ && st->prev != TOK_NONE && r->seq_left == 0)
        return read_mixed(r, q + n);
    return ZH_END;
}

/* Phase 3: the value of what was read. */
static bool finish(const zh_reader *r, fig_num *out)
{
    unsigned flags = r->flags;
    if (r->chars == 0 && !(flags & NUM_ARABIC))
        return false;
    fig_dec value = (flags & NUM_DIGIT_SEQ) ? r->seq : current_value(&r->st);
    if (flags & NUM_DIGIT_SEQ)
        flags |= NUM_CHINESE;
    if (r->negative) {
        value = fig_dec_neg(value);
        flags |= NUM_NEGATIVE;
    }
    out->end = r->end;
    out->value = value;
    out->flags = flags;
    out->chars = r->chars;
    return true;
}

static bool parse_zh_explained(const char *s, size_t len, size_t pos,
                               fig_num *out, int depth, fig_rule *stopped)
{
    zh_reader r = {.s = s,
                   .len = len,
                   .pos = pos,
                   .depth = depth,
                   .st = {.has_pend = false, .prev = TOK_NONE},
                   .p = pos,
                   .end = pos};
    size_t n;
    if (is_minus(fig_cp_at(s, len, r.p, &n))) {
        r.negative = true;
        r.p += n;
    }
    *out = (fig_num){.start = pos, .end = pos};
    while (r.p < len) {
        size_t q = r.p;
        if (!cross_space(&r, &q))
            break;
        int32_t cp = fig_cp_at(s, len, q, &n);
        if (read_token(&r, cp, q, n, out) == ZH_END)
            break;
    }
    if (stopped)
        *stopped = r.stopped;
    return r.whole || finish(&r, out);
}

static bool parse_zh(const char *s, size_t len, size_t pos, fig_num *out,
                     int depth)
{
    return parse_zh_explained(s, len, pos, out, depth, NULL);
}

bool fig_parse_zh_general(const char *s, size_t len, size_t pos, fig_num *out)
{
    return parse_zh(s, len, pos, out, 0);
}

bool fig_parse_zh_explained(const char *s, size_t len, size_t pos, fig_num *out,
                            fig_rule *stopped)
{
    *stopped = FIG_RULE_NONE;
    if (lone_digit(s, len, pos, out))
        return true;
    if (approximate_pair(s, len, pos, out))
        return true;
    return parse_zh_explained(s, len, pos, out, 0, stopped);
}

fig_rule fig_zh_refusal_at(const char *s, size_t len, size_t pos)
{
    fig_num num;
    fig_rule why;
    if (fig_parse_zh_explained(s, len, pos, &num, &why))
        return FIG_RULE_NONE;
    return why;
}
