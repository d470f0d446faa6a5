/* plugins/figures/money_zh.c - spoken Chinese amounts of money: the 角 and
 * 分 parts after 元 or 块 (一元五角, 五块三毛, 3元5角, 一元零五分), the
 * lone digit that means 角 (两块五, 5块8) and amounts in 角 or 毛 alone
 * (五毛钱, 三毛五, 三角五分). Amounts are counted in 分 (hundredths of a
 * 元) so that 0.35 comes out as 0.35.
 */
#include "figures.h"

/* One digit at pos: a Chinese digit (一 ... 九, 两) or an ASCII one. Returns
 * it and sets *end, or returns -1. */
static int small_digit_at(const char *s, size_t len, size_t pos, size_t *end)
{
    if (pos >= len)
        return -1;
    if (s[pos] >= '0' && s[pos] <= '9') {
        *end = pos + 1;
        return s[pos] - '0';
    }
    size_t n;
    int digit = fig_zh_digit(fig_cp_at(s, len, pos, &n));
    if (digit <= 0)
        return -1;
    *end = pos + n;
    return digit;
}

/* True when what follows a trailing digit at pos lets it stand alone as
 * 角 or 分: no place (五十), no more digits, no decimal point, no letter
 * (千元5G手机), no unit (100元5次 is no 100.5元). */
static bool digit_stands_alone(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return true;
    size_t n, uend;
    int32_t cp = fig_cp_at(s, len, pos, &n);
    if (fig_zh_unit(cp) > 0 || fig_is_digit_cp(cp) || fig_is_alpha(cp) ||
        cp == '.' || cp == 0x70B9 /* 点 */)
        return false;
    return fig_unit_after(s, len, pos, true, &uend) == NULL;
}

/* True when 角 or 毛 is at pos. */
static bool jiao_word_at(const char *s, size_t len, size_t pos)
{
    return fig_starts(s, len, pos, "角") || fig_starts(s, len, pos, "毛");
}

int fig_yuan_parts_after(const char *s, size_t len, size_t pos, size_t *end)
{
    size_t p = pos, q;
    bool zero = fig_starts(s, len, p, "零"); /* 一元零五分 */
    if (zero)
        p += 3;
    int digit = small_digit_at(s, len, p, &q);
    if (digit < 0)
        return -1;
    if (fig_starts(s, len, q, "分")) {
        *end = q + 3;
        return digit;
    }
    if (zero)
        return -1;
    if (jiao_word_at(s, len, q)) {
        int fen = digit * 10;
        p = q + 3;
        int more = small_digit_at(s, len, p, &q);
        if (more >= 0 && fig_starts(s, len, q, "分")) {
            fen += more;
            p = q + 3;
        } else if (more >= 0 && digit_stands_alone(s, len, q)) {
            fen += more; /* 五块三毛五 */
            p = q;
        }
        *end = p;
        return fen;
    }
    if (!digit_stands_alone(s, len, q))
        return -1;
    *end = q; /* 两块五 */
    return digit * 10;
}

int fig_jiao_at(const char *s, size_t len, size_t pos, size_t *end)
{
    if (!jiao_word_at(s, len, pos))
        return -1;
    size_t p = pos + 3, q;
    if (fig_starts(s, len, p, "钱")) {
        *end = p + 3;
        return 0;
    }
    int digit = small_digit_at(s, len, p, &q);
    if (digit < 0)
        return -1;
    if (fig_starts(s, len, q, "分")) {
        *end = q + 3;
        return digit;
    }
    if (!digit_stands_alone(s, len, q))
        return -1;
    *end = q; /* 三毛五 */
    return digit;
}
