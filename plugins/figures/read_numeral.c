/* plugins/figures/read_numeral.c - reads the number at a candidate:
 * a template placeholder (20xx, xx人, 10x) or a numeral in any of its
 * forms (Arabic, full-width, Chinese, English words) with a sign.
 */
#include "scan_cand.h"

bool placeholder_at(const char *s, size_t len, size_t pos, cand *c)
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

/* ---- the numeral itself ---- */

/* True when cp may continue a numeral after Arabic digits: 万, 千, 多,
 * 余, 几, 点, 分 (分之), 又, a space. */
static bool continues_numeral(int32_t cp)
{
    return cp == ' ' || fig_zh_after_arabic(cp);
}

/* The end of numeral_at once c->num holds the numeral read at pos:
 * English words that take a number in ("5 out of 10") and English scales
 * after Arabic digits ("3 million", "5G"). */
static inline __attribute__((always_inline)) bool
numeral_tail(const char *s, size_t len, size_t pos, cand *c)
{
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
        size_t send = c->num.end;
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
                c->num.value = fig_dec_mul(c->num.value, fig_dec_whole(scale));
                c->num.end = send;
                c->num.flags |= NUM_SCALED;
            }
        }
    }
    return true;
}

bool numeral_after_digits(const char *s, size_t len, size_t pos, cand *c)
{
    /* most Arabic numbers end in a unit or punctuation: read them
     * without the Chinese numeral machine */
    size_t m;
    int32_t next = fig_cp_at(s, len, c->num.end, &m);
    bool plain = !continues_numeral(next) || fig_scale_digits(s, len, &c->num);
    if (!plain && !fig_parse_zh(s, len, pos, &c->num))
        return false;
    return numeral_tail(s, len, pos, c);
}

/* Reads the numeral at pos into c->num. */
bool numeral_at(const char *s, size_t len, size_t pos, cand *c)
{
    size_t n;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    if (fig_is_digit_cp(cp) || cp == '.')
        return fig_parse_digits(s, len, pos, &c->num) &&
               numeral_after_digits(s, len, pos, c);
    if (fig_zh_starts_numeral(cp) ||
        (is_big_place(cp) && fig_starts(s, len, pos + n, "分")))
        return fig_parse_zh(s, len, pos, &c->num) &&
               numeral_tail(s, len, pos, c);
    if (fig_is_alpha(cp))
        return fig_parse_en(s, len, pos, &c->num);
    return false;
}
