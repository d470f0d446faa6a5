/* plugins/export/exact_g.c - what snprintf(out, size, "%.*g", precision, v)
 * writes (with a '.' for the point) and whether strtod reads it back as v,
 * worked out with 128-bit integers instead: the shortest-number search of
 * format_number calls it up to three times a number, where printf and
 * strtod cost thousands of instructions each. Without 128-bit integers, or
 * for a v too large or too small for them, it says it cannot and the
 * caller uses printf.
 */
#include "export.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

/* Bits a product or quotient below may use: one is kept free so that
 * twice a remainder still fits. */
enum { MAX_BITS = 127 };

/* 10^n for n <= 38. */
static u128 power_of_ten(int n)
{
    static const uint64_t small[20] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull,
                                       10000000000000000ull,
                                       100000000000000000ull,
                                       1000000000000000000ull,
                                       10000000000000000000ull};
    if (n < 20)
        return small[n];
    return (u128)small[19] * small[n - 19];
}

/* An upper bound of the bits of 2^twos * 10^tens * (a number below
 * 2^bits), for twos and tens >= 0 (10 < 2^4). */
static int bits_of(int bits, int twos, int tens)
{
    return bits + twos + 4 * tens;
}

/* m * 2^e2 * 10^k cut to an integer, into *whole, and whether printf
 * rounds it up (the rest above a half, or a half and *whole odd). False
 * when the numbers would not fit in 127 bits. */
static bool scaled_whole(uint64_t m, int e2, int k, u128 *whole, bool *up)
{
    int up2 = e2 > 0 ? e2 : 0, down2 = e2 < 0 ? -e2 : 0;
    int up10 = k > 0 ? k : 0, down10 = k < 0 ? -k : 0;
    if (bits_of(53, up2, up10) > MAX_BITS ||
        bits_of(1, down2, down10) > MAX_BITS)
        return false;
    u128 num = ((u128)m << up2) * power_of_ten(up10);
    u128 den = ((u128)1 << down2) * power_of_ten(down10);
    u128 q = num / den, r = num % den;
    *whole = q;
    *up = 2 * r > den || (2 * r == den && (q & 1));
    return true;
}

/* The `precision` significant digits (an integer of that many digits) and
 * the decimal exponent of m * 2^e2 rounded like printf's %e; false when
 * out of range. */
static bool round_to_digits(uint64_t m, int e2, int precision, uint64_t *digits,
                            int *exponent)
{
    u128 low = power_of_ten(precision - 1), high = power_of_ten(precision);
    /* the exponent is about log10(2^(e2 + 52)), two off at most; the
     * right one leaves `precision` digits before the cut */
    int x = (e2 + 52) * 30103 / 100000;
    for (int tries = 0; tries < 6; tries++) {
        u128 whole;
        bool up;
        if (!scaled_whole(m, e2, precision - 1 - x, &whole, &up))
            return false;
        if (whole >= high) {
            x++;
        } else if (whole < low) {
            x--;
        } else {
            if (up)
                whole++;
            if (whole == high) { /* 9.99... rounded to 10.0... */
                whole = low;
                x++;
            }
            *digits = (uint64_t)whole;
            *exponent = x;
            return true;
        }
    }
    return false;
}

/* Whether digits * 10^t reads back as m * 2^e2 (m of 53 bits): whether it
 * lies within half a step of the neighbouring doubles, a tie counting
 * when m is even (strtod rounds a tie to the even one). The step below is
 * half as large when m is a power of two. 1 or 0, or -1 when out of
 * range. */
static int reads_back_exactly(uint64_t digits, int t, uint64_t m, int e2)
{
    /* compare digits * 10^t with (4m + delta) * 2^(e2 - 2), both scaled
     * to integers */
    int up2 = 2 - e2 > 0 ? 2 - e2 : 0, up10 = t > 0 ? t : 0;
    int other2 = e2 - 2 > 0 ? e2 - 2 : 0, other10 = t < 0 ? -t : 0;
    if (bits_of(57, up2, up10) > MAX_BITS ||
        bits_of(56, other2, other10) > MAX_BITS)
        return -1;
    u128 value = ((u128)digits << up2) * power_of_ten(up10);
    u128 scale = ((u128)1 << other2) * power_of_ten(other10);
    int below =
        m == (1ull << 52) ? 1 : 2; /* half the step below, in 2^(e2-2) */
    u128 high = (u128)(4 * m + 2) * scale, low = (u128)(4 * m - below) * scale;
    if (m % 2 == 0)
        return value >= low && value <= high;
    return value > low && value < high;
}

/* Writes "%.*g" of the number digits * 10^(exponent - precision + 1)
 * (digits of `precision` digits) at out, as printf does: style f when
 * -4 <= exponent < precision, else style e with two exponent digits at
 * least; trailing zeros of the fraction dropped, and the point with
 * them. */
static void write_g(char *out, bool negative, uint64_t digits, int precision,
                    int exponent)
{
    char text[24];
    int n = (int)(put_digits(text, digits) - text);
    while (n > 1 && text[n - 1] == '0')
        n--; /* trailing zeros of the fraction go */
    char *p = out;
    if (negative)
        *p++ = '-';
    if (exponent < -4 || exponent >= precision) {
        *p++ = text[0];
        if (n > 1) {
            *p++ = '.';
            for (int i = 1; i < n; i++)
                *p++ = text[i];
        }
        *p++ = 'e';
        *p++ = exponent < 0 ? '-' : '+';
        int magnitude = exponent < 0 ? -exponent : exponent;
        if (magnitude < 10)
            *p++ = '0';
        p = put_digits(p, (uint64_t)magnitude);
    } else if (exponent >= 0) {
        for (int i = 0; i <= exponent; i++)
            *p++ = i < n ? text[i] : '0';
        if (n > exponent + 1) {
            *p++ = '.';
            for (int i = exponent + 1; i < n; i++)
                *p++ = text[i];
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = 0; i < -exponent - 1; i++)
            *p++ = '0';
        for (int i = 0; i < n; i++)
            *p++ = text[i];
    }
    *p = '\0';
}

bool exact_g(double v, int precision, char *out, size_t size, bool *reads_back)
{
    double a = fabs(v);
    if (!isfinite(v) || a < DBL_MIN || precision < 1 || precision > 17 ||
        size < 32)
        return false;
    /* a = m * 2^e2 with m of 53 bits: the fields of the normal double */
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    uint64_t m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    int e2 = (int)(bits >> 52) - 1075;
    uint64_t digits;
    int exponent;
    if (!round_to_digits(m, e2, precision, &digits, &exponent))
        return false;
    int back = reads_back_exactly(digits, exponent - precision + 1, m, e2);
    if (back < 0)
        return false;
    write_g(out, v < 0, digits, precision, exponent);
    *reads_back = back == 1;
    return true;
}

#else

bool exact_g(double v, int precision, char *out, size_t size, bool *reads_back)
{
    (void)v;
    (void)precision;
    (void)out;
    (void)size;
    (void)reads_back;
    return false;
}

#endif
