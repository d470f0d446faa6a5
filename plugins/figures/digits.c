/* plugins/figures/digits.c - Arabic numbers: ASCII and full-width digits,
 * thousands separators (1,234,567 and 1 234 567), decimals, exponents
 * (1e10, 2^5, 1.3x10^6) and simple fractions (3/4, 1 3/5).
 */
#include "figures.h"

/* Digit value of the character at pos (ASCII or full-width), its length
 * in *n, or -1. */
static int digit_at(const char *s, size_t len, size_t pos, size_t *n)
{
    unsigned char c = (unsigned char)s[pos];
    if (c >= '0' && c <= '9') {
        *n = 1;
        return c - '0';
    }
    if (c == 0xEF && pos + 2 < len && (unsigned char)s[pos + 1] == 0xBC) {
        unsigned char d = (unsigned char)s[pos + 2];
        if (d >= 0x90 && d <= 0x99) {
            *n = 3;
            return d - 0x90;
        }
    }
    return -1;
}

/* True when pos holds '.' or the full-width '．'; its length in *n. */
static bool dot_at(const char *s, size_t len, size_t pos, size_t *n)
{
    if (pos < len && s[pos] == '.') {
        *n = 1;
        return true;
    }
    if (fig_starts(s, len, pos, "\xEF\xBC\x8E")) {
        *n = 3;
        return true;
    }
    return false;
}

/* True when pos holds ',' or the full-width '，'; its length in *n. */
static bool comma_at(const char *s, size_t len, size_t pos, size_t *n)
{
    if (pos < len && s[pos] == ',') {
        *n = 1;
        return true;
    }
    if (fig_starts(s, len, pos, "\xEF\xBC\x8C")) {
        *n = 3;
        return true;
    }
    return false;
}

/* Counts digits from pos; stores the byte end in *end. */
static int count_digits(const char *s, size_t len, size_t pos, size_t *end)
{
    int count = 0;
    size_t n;
    while (pos < len && digit_at(s, len, pos, &n) >= 0) {
        pos += n;
        count++;
    }
    *end = pos;
    return count;
}

/* Reads digits from pos onto *value, in the whole part or after the
 * point; returns the end. */
static size_t read_digits(const char *s, size_t len, size_t pos, fig_dec *value,
                          bool after_point)
{
    size_t n;
    int d;
    while (pos < len && (d = digit_at(s, len, pos, &n)) >= 0) {
        fig_dec_push_digit(value, d, after_point);
        pos += n;
    }
    return pos;
}

/* A small whole number read from digits (an exponent or a power). */
static int small_number(const char *s, size_t len, size_t pos)
{
    size_t n;
    int d, value = 0;
    while (pos < len && (d = digit_at(s, len, pos, &n)) >= 0) {
        if (value < 10000)
            value = value * 10 + d;
        pos += n;
    }
    return value;
}

/* Reads a group separator followed by exactly three digits (not four);
 * returns the end of the group or 0. */
static size_t group_after(const char *s, size_t len, size_t pos, bool space_ok)
{
    size_t n = 0;
    if (comma_at(s, len, pos, &n)) {
    } else if (fig_starts(s, len, pos, " , ") && space_ok) {
        n = 3; /* tokenised text: "80 , 000" */
    } else if (space_ok && pos < len && s[pos] == ' ') {
        n = 1;
    } else if (space_ok && fig_starts(s, len, pos, "\xE2\x80\xAF")) {
        n = 3; /* narrow no-break space */
    } else if (space_ok && fig_starts(s, len, pos, "\xC2\xA0")) {
        n = 2;
    } else {
        return 0;
    }
    size_t end;
    if (count_digits(s, len, pos + n, &end) != 3)
        return 0;
    return end;
}

/* Reads Indian digit grouping after a one- or two-digit head: pairs
 * before a last group of three, with ASCII commas ("12,34,567",
 * "1,00,000").
 * Returns the end of the last group or 0. */
static size_t indian_groups_after(const char *s, size_t len, size_t pos)
{
    size_t p = pos, end;
    int pairs = 0;
    while (p < len && s[p] == ',' && count_digits(s, len, p + 1, &end) == 2) {
        p = end;
        pairs++;
    }
    if (pairs == 0 || p >= len || s[p] != ',' ||
        count_digits(s, len, p + 1, &end) != 3)
        return 0;
    return end;
}

/* Reads European grouping after a head of one to three digits: dots
 * before groups of three, a decimal comma ("1.111,11", "3.500.000,5").
 * Returns the end of the decimals, or 0 when the text is not that shape
 * (1.111 alone stays a decimal; 1.111,11.5 is none). */
static size_t european_groups_after(const char *s, size_t len, size_t pos)
{
    size_t p = pos, end;
    int groups = 0;
    while (p < len && s[p] == '.' && count_digits(s, len, p + 1, &end) == 3) {
        p = end;
        groups++;
    }
    if (groups == 0 || p >= len || s[p] != ',' ||
        count_digits(s, len, p + 1, &end) == 0)
        return 0;
    if (end + 1 < len && (s[end] == '.' || s[end] == ',') &&
        s[end + 1] >= '0' && s[end + 1] <= '9')
        return 0;
    return end;
}

/* Reads an exponent at pos: e5, e-1, E+14, ^5, ^-1, x10^6. Returns the
 * end and sets *exp10 or *power, or 0 when there is none. */
static size_t exponent_after(const char *s, size_t len, size_t pos, int *exp10,
                             int *power, bool *is_power)
{
    size_t p = pos;
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        int sign = 1;
        if (p < len && (s[p] == '+' || s[p] == '-')) {
            sign = s[p] == '-' ? -1 : 1;
            p++;
        } else if (fig_starts(s, len, p, "\xEF\xBC\x8D")) {
            sign = -1;
            p += 3;
        }
        size_t end;
        if (count_digits(s, len, p, &end) == 0)
            return 0;
        if (end < len && fig_is_alpha((unsigned char)s[end]))
            return 0;
        *exp10 = sign * small_number(s, len, p);
        *is_power = false;
        return end;
    }
    if (fig_starts(s, len, p, "x10^")) {
        p += 4;
        int sign = 1;
        if (p < len && (s[p] == '-' || s[p] == '+')) {
            sign = s[p] == '-' ? -1 : 1;
            p++;
        }
        size_t end;
        if (count_digits(s, len, p, &end) == 0)
            return 0;
        *exp10 = sign * small_number(s, len, p);
        *is_power = false;
        return end;
    }
    if (p < len && s[p] == '^') {
        p++;
        int sign = 1;
        while (p < len && (s[p] == '+' || s[p] == '-')) {
            if (s[p] == '-')
                sign = -sign;
            p++;
        }
        if (sign < 0 && p > pos + 2 && s[p - 1] == '-' && s[p - 2] == '-')
            sign = 1; /* "^--23" is read as ^23 */
        size_t end;
        if (count_digits(s, len, p, &end) == 0)
            return 0;
        if (dot_at(s, len, end, &(size_t){0}))
            return 0;
        *power = sign * small_number(s, len, p);
        *is_power = true;
        return end;
    }
    return 0;
}

/* Reads "/b" after a numerator ending at pos; b has one to three digits
 * and is not followed by another '/'. Returns the end or 0. */
static size_t fraction_after(const char *s, size_t len, size_t pos,
                             fig_dec *denominator)
{
    size_t p = pos, n;
    if (p < len && s[p] == '/')
        n = 1;
    else if (fig_starts(s, len, p, "\xEF\xBC\x8F"))
        n = 3;
    else if (fig_starts(s, len, p, " / ") && p + 3 < len && s[p + 3] >= '0' &&
             s[p + 3] <= '9')
        n = 3; /* tokenised text: "1 / 4" */
    else
        return 0;
    p += n;
    size_t end;
    int count = count_digits(s, len, p, &end);
    if (count == 0 || count > 3)
        return 0;
    if (end < len && (s[end] == '/' || s[end] == '.' || s[end] == '-'))
        return 0;
    fig_dec d = {0, 0, 0};
    read_digits(s, len, p, &d, false);
    if (d.sig == 0)
        return 0;
    *denominator = d;
    return end;
}

/* Fills out with an Arabic number read from start to end. */
static void set_arabic(fig_num *out, size_t start, size_t end, fig_dec value,
                       unsigned flags, int digits)
{
    out->start = start;
    out->end = end;
    out->value = value;
    out->flags = flags;
    out->digits = digits;
    out->chars = 0;
}

bool fig_parse_digits_rest(const char *s, size_t len, size_t pos, fig_num *out)
{
    size_t n, dn;
    fig_dec value = {0, 0, 0};
    size_t p = pos;
    unsigned flags = NUM_ARABIC;
    int digits;
    size_t end;

    digits = count_digits(s, len, p, &end);
    if (digits == 0) {
        /* ".5": a decimal point with no integer part */
        if (!dot_at(s, len, p, &dn) || count_digits(s, len, p + dn, &end) == 0)
            return false;
    }
    p = read_digits(s, len, p, &value, false);

    /* Dotted sequences (192.168.1.2, 2011.11.6) are read one part at a
     * time; the caller sees NUM_DOTTED. */
    size_t before = pos;
    int32_t prev = fig_cp_before(s, pos, &before);
    bool after_dot = (prev == '.' && before > 0 &&
                      fig_is_digit_cp(fig_cp_before(s, before, &(size_t){0})));
    if (after_dot) {
        flags |= NUM_DOTTED;
    } else if (digits > 0 && digits <= 3) {
        size_t g;
        bool space_ok = prev == 0 || prev == ' ' || prev == '(' ||
                        prev == '$' || prev == '-';
        size_t indian = digits <= 2 ? indian_groups_after(s, len, p) : 0;
        if (indian) {
            size_t q = p;
            while (q < indian) {
                int d = digit_at(s, len, q, &n);
                if (d >= 0) {
                    fig_dec_push_digit(&value, d, false);
                    digits++;
                    q += n;
                } else {
                    q++;
                }
            }
            p = indian;
            flags |= NUM_GROUPED;
        }
        /* a space-grouped number must be followed by a non-digit */
        while ((g = group_after(s, len, p, space_ok)) != 0) {
            size_t q = p;
            while (q < g) {
                int d = digit_at(s, len, q, &n);
                if (d >= 0) {
                    fig_dec_push_digit(&value, d, false);
                    q += n;
                } else {
                    q++;
                }
            }
            p = g;
            flags |= NUM_GROUPED;
            digits += 3;
        }
    }

    size_t european =
        digits > 0 && digits <= 3 && !(flags & (NUM_DOTTED | NUM_GROUPED))
            ? european_groups_after(s, len, p)
            : 0;
    if (european) {
        while (s[p] == '.') {
            p = read_digits(s, len, p + 1, &value, false);
            digits += 3;
        }
        p = read_digits(s, len, p + 1, &value, true);
        flags |= NUM_GROUPED | NUM_DECIMAL;
    }

    /* decimal part */
    if (!european && dot_at(s, len, p, &dn) &&
        count_digits(s, len, p + dn, &end) > 0) {
        size_t after = end;
        size_t dn2;
        if (dot_at(s, len, after, &dn2) &&
            count_digits(s, len, after + dn2, &(size_t){0}) > 0) {
            if (digits == 0)
                return false;    /* .b.c: no a to read alone */
            flags |= NUM_DOTTED; /* a.b.c: read a alone */
        } else if (!(flags & NUM_DOTTED)) {
            p = read_digits(s, len, p + dn, &value, true);
            flags |= NUM_DECIMAL;
        }
    }

    /* tokenised text writes 6.2% as "6 . 2 %": read it when a percent sign
     * or a scale word follows, or when the whole part is short ("up
     * 0 . 95 ;"): four digits before the dot end a sentence ("in 1990 .") */
    if (!(flags & (NUM_DECIMAL | NUM_DOTTED)) && fig_starts(s, len, p, " . ") &&
        count_digits(s, len, p + 3, &end) > 0) {
        if (digits <= 3 || fig_starts(s, len, end, " %") ||
            fig_starts(s, len, end, "%") ||
            fig_starts(s, len, end, " million") ||
            fig_starts(s, len, end, " billion") ||
            fig_starts(s, len, end, " percent")) {
            read_digits(s, end, p + 3, &value, true);
            p = end;
            flags |= NUM_DECIMAL;
        }
    }

    /* exponent or power */
    int exp10 = 0, power = 1;
    bool is_power = false;
    size_t e = exponent_after(s, len, p, &exp10, &power, &is_power);
    if (e) {
        if (is_power)
            value = fig_dec_pow(value, power);
        else
            value = fig_dec_scale10(value, exp10);
        p = e;
        flags |= NUM_DECIMAL;
    } else if (!(flags & (NUM_DECIMAL | NUM_GROUPED | NUM_DOTTED))) {
        /* fraction a/b, or a mixed number "1 3/5" */
        fig_dec den = {0, 0, 0};
        size_t f = fraction_after(s, len, p, &den);
        if (f && digits <= 3 &&
            !(p < len && s[p] == '/' && f < len &&
              fig_is_alpha((unsigned char)s[f]))) {
            value = fig_dec_div(value, den);
            p = f;
            flags |= NUM_FRACTION;
        } else if (p + 1 < len && s[p] == ' ' && digits <= 3) {
            size_t q = p + 1, qend;
            while (q < len && s[q] == ' ')
                q++;
            int nd = count_digits(s, len, q, &qend);
            if (nd > 0 && nd <= 2) {
                fig_dec num = {0, 0, 0};
                read_digits(s, len, q, &num, false);
                f = fraction_after(s, len, qend, &den);
                if (f) {
                    value = fig_dec_add(value, fig_dec_div(num, den));
                    p = f;
                    flags |= NUM_FRACTION;
                }
            }
        }
    }

    set_arabic(out, pos, p, value, flags, digits);
    return true;
}
