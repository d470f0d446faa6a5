/* plugins/figures/decimal.c - the exact values of figures: a number held
 * as an integer significand and a power of ten (and, for the few that
 * have no finite decimal such as 1/3, a whole denominator), built from
 * the digits as written and turned into a double once, at the end, to
 * the double nearest to it. A figure written 4.35亿 is 435 × 10^6, never
 * 4.35 × 1e8 worked out in binary.
 */
#include <float.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "figures.h"

/* The largest significand kept; one more digit could overflow. */
static const int64_t SIG_LIMIT = INT64_MAX / 10;

static int64_t magnitude(int64_t v)
{
    return v < 0 ? -v : v;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t den_of(fig_dec d)
{
    return d.den ? d.den : 1;
}

/* Drops the last digit of d's significand: exactly when it is a zero,
 * else rounding half away from zero (the precision a double would lose
 * anyway). */
static void drop_digit(fig_dec *d)
{
    int64_t rest = d->sig % 10;
    d->sig /= 10;
    if (rest >= 5)
        d->sig++;
    else if (rest <= -5)
        d->sig--;
    d->exp++;
}

/* Removes the trailing zeros of d's significand, exactly. */
static void trim_zeros(fig_dec *d)
{
    while (d->sig != 0 && d->sig % 10 == 0) {
        d->sig /= 10;
        d->exp++;
    }
}

/* Puts a fraction in its simplest form: a denominator with no factor in
 * common with the significand, and its factors 2 and 5 moved into the
 * power of ten (1/4 = 25 × 10^-2). A decimal with no denominator is left
 * as it is: trailing zeros are removed only when a significand would
 * overflow. */
static fig_dec settle(fig_dec d)
{
    if (d.den <= 1 || d.sig == 0) {
        d.den = 0;
        return d;
    }
    uint64_t den = d.den;
    uint64_t g = gcd((uint64_t)magnitude(d.sig), den);
    if (g > 1) {
        d.sig /= (int64_t)g;
        den /= g;
    }
    while (den % 2 == 0 && magnitude(d.sig) <= INT64_MAX / 5) {
        den /= 2;
        d.sig *= 5;
        d.exp--;
    }
    while (den % 5 == 0 && magnitude(d.sig) <= INT64_MAX / 2) {
        den /= 5;
        d.sig *= 2;
        d.exp--;
    }
    d.den = den == 1 ? 0 : (uint32_t)den;
    return d;
}

fig_dec fig_dec_int(int64_t n)
{
    return (fig_dec){n, 0, 0};
}

fig_dec fig_dec_of(int64_t sig, int exp)
{
    return (fig_dec){sig, exp, 0};
}

void fig_dec_push_digit_slow(fig_dec *d, int digit, bool after_point)
{
    /* the units place comes back to the significand: 10 is 1 × 10^1,
     * and 10 then 5 reads 105 */
    while (d->exp > 0 && magnitude(d->sig) <= SIG_LIMIT) {
        d->sig *= 10;
        d->exp--;
    }
    /* sig × 10 + digit must fit: at SIG_LIMIT itself an 8 or a 9 would
     * not */
    if (magnitude(d->sig) > (INT64_MAX - digit) / 10 || d->exp > 0) {
        if (!after_point)
            d->exp++; /* a digit beyond a double's precision */
        return;
    }
    d->sig = d->sig * 10 + (d->sig < 0 ? -digit : digit);
    if (after_point)
        d->exp--;
}

fig_dec fig_dec_scale10(fig_dec d, int k)
{
    if (d.sig != 0)
        d.exp += k;
    return d;
}

fig_dec fig_dec_neg(fig_dec d)
{
    d.sig = -d.sig;
    return d;
}

/* a × b for significands: shortens either until the product fits. */
static int64_t product(fig_dec *a, fig_dec *b)
{
    int64_t r;
    if (!__builtin_mul_overflow(a->sig, b->sig, &r))
        return r;
    trim_zeros(a);
    trim_zeros(b);
    while (__builtin_mul_overflow(a->sig, b->sig, &r)) {
        if (magnitude(a->sig) >= magnitude(b->sig))
            drop_digit(a);
        else
            drop_digit(b);
    }
    return r;
}

/* Multiplies a whole denominator by another; a product past 32 bits
 * leaves the value to the double (return false). */
static bool den_product(uint64_t a, uint64_t b, uint64_t *out)
{
    return !__builtin_mul_overflow(a, b, out) && *out <= UINT32_MAX;
}

/* The approximation of a value too intricate for the exact form. */
static fig_dec from_double(double v)
{
    if (v != v)
        return (fig_dec){0, 0, 0};
    if (v > DBL_MAX || v < -DBL_MAX) /* beyond any double: stays so */
        return (fig_dec){v < 0 ? -1 : 1, 99999, 0};
    char text[40];
    snprintf(text, sizeof text, "%.16e", v);
    /* d.dddddddddddddddde±x: 17 significant digits */
    int64_t sig = 0;
    const char *p = text;
    bool negative = *p == '-';
    if (negative)
        p++;
    int digits = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') {
            sig = sig * 10 + (*p - '0');
            digits++;
        }
    int exp = *p == 'e' ? atoi(p + 1) : 0;
    return settle((fig_dec){negative ? -sig : sig, exp - (digits - 1), 0});
}

fig_dec fig_dec_mul_slow(fig_dec a, fig_dec b)
{
    int64_t sig;
    if (a.sig == 0 || b.sig == 0)
        return (fig_dec){0, 0, 0};
    uint64_t den;
    if (!den_product(den_of(a), den_of(b), &den))
        return from_double(fig_dec_value(a) * fig_dec_value(b));
    trim_zeros(&a);
    trim_zeros(&b);
    if (__builtin_mul_overflow(a.sig, b.sig, &sig))
        /* past 18 digits a double's 17 are the better approximation
         * than shortened significands */
        return from_double(fig_dec_value(a) * fig_dec_value(b));
    return settle((fig_dec){sig, a.exp + b.exp, (uint32_t)den});
}

/* Brings the significands of a and b to the same power of ten (the
 * smaller one), shortening one when the other cannot grow. */
static void align(fig_dec *a, fig_dec *b)
{
    while (a->exp != b->exp) {
        fig_dec *high = a->exp > b->exp ? a : b;
        fig_dec *low = high == a ? b : a;
        if (magnitude(high->sig) <= SIG_LIMIT) {
            high->sig *= 10;
            high->exp--;
        } else {
            drop_digit(low); /* exact when it ends in a zero */
        }
    }
}

fig_dec fig_dec_add_slow(fig_dec a, fig_dec b)
{
    if (a.sig == 0)
        return b;
    if (b.sig == 0)
        return a;
    int64_t sum;
    uint64_t da = den_of(a), db = den_of(b), den;
    if (!den_product(da, db, &den))
        return from_double(fig_dec_value(a) + fig_dec_value(b));
    if (da != db) {
        /* a/da + b/db = (a·db + b·da) / (da·db) */
        fig_dec ma = {(int64_t)db, 0, 0}, mb = {(int64_t)da, 0, 0};
        a.sig = product(&a, &ma);
        a.exp += ma.exp;
        b.sig = product(&b, &mb);
        b.exp += mb.exp;
    } else {
        den = da;
    }
    align(&a, &b);
    while (__builtin_add_overflow(a.sig, b.sig, &sum)) {
        drop_digit(&a);
        drop_digit(&b);
    }
    return settle((fig_dec){sum, a.exp, (uint32_t)den});
}

fig_dec fig_dec_div(fig_dec a, fig_dec b)
{
    if (b.sig == 0 || a.sig == 0)
        return (fig_dec){0, 0, 0};
    /* a / b = a·den(b) / (sig(b) · den(a)) × 10^(exp(a) - exp(b)) */
    int64_t divisor = magnitude(b.sig);
    while (divisor % 10 == 0) {
        divisor /= 10;
        b.exp++;
    }
    uint64_t den;
    if (divisor > UINT32_MAX ||
        !den_product(den_of(a), (uint64_t)divisor, &den))
        return from_double(fig_dec_value(a) / fig_dec_value(b));
    fig_dec bden = {(int64_t)den_of(b), 0, 0};
    int64_t sig = product(&a, &bden);
    if (b.sig < 0)
        sig = -sig;
    return settle((fig_dec){sig, a.exp + bden.exp - b.exp, (uint32_t)den});
}

fig_dec fig_dec_pow(fig_dec base, int n)
{
    /* by squaring: a product per bit of n, each rounded to the
     * significand's 18 digits at most */
    fig_dec r = fig_dec_int(1), square = base;
    for (unsigned k = n < 0 ? 0u - (unsigned)n : (unsigned)n; k; k >>= 1) {
        if (k & 1)
            r = fig_dec_mul(r, square);
        if (k > 1)
            square = fig_dec_mul(square, square);
    }
    return n < 0 ? fig_dec_div(fig_dec_int(1), r) : r;
}

fig_dec fig_dec_whole(double v)
{
    if (v > -9.2e18 && v < 9.2e18 && v == (double)(int64_t)v)
        return fig_dec_int((int64_t)v);
    return from_double(v);
}

const double fig_exact_powers_of_ten[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* sig × 10^exp, the double nearest to it. A significand of at most 53
 * bits and a power of ten of at most 22 are both exact doubles, and one
 * product or quotient of exact doubles is rounded once, correctly; other
 * values go through strtod, which rounds correctly too. */
static double decimal_value(int64_t sig, int exp)
{
    if (sig == 0)
        return 0;
    if (magnitude(sig) <= (INT64_C(1) << 53)) {
        if (exp >= 0 && exp <= 22)
            return (double)sig * fig_exact_powers_of_ten[exp];
        if (exp < 0 && exp >= -22)
            return (double)sig / fig_exact_powers_of_ten[-exp];
    }
    char text[48];
    snprintf(text, sizeof text, "%" PRId64 "e%d", sig, exp);
    return strtod(text, NULL);
}

double fig_dec_value_slow(fig_dec d)
{
    double v = decimal_value(d.sig, d.exp);
    return d.den > 1 ? v / d.den : v;
}

bool fig_dec_is_whole_slow(fig_dec d)
{
    if (d.den > 1)
        return false; /* a settled fraction is never whole */
    trim_zeros(&d);
    return d.sig == 0 || d.exp >= 0;
}
