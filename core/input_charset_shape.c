/* core/input_charset_shape.c - counts the pairs of high bytes of a page
 * and judges a charset against them (see input_charset_shape.h).
 */
#include "input_charset_shape.h"

#include <string.h>
#include <strings.h>

/* Fewer double-byte pairs than this say too little to overrule a page's
 * declaration. */
#define SHAPE_MIN_PAIRS 8

void sl_charset_shape_of(const char *s, size_t len, sl_charset_shape *shape)
{
    const unsigned char *u = (const unsigned char *)s;
    memset(shape, 0, sizeof *shape);
    for (size_t i = 0; i < len; i++) {
        if (u[i] < 0x80)
            continue;
        unsigned char next = i + 1 < len ? u[i + 1] : 0;
        if (u[i] >= 0x81 && u[i] <= 0xFE && next >= 0xA1 && next <= 0xFE) {
            shape->high_pairs++;
            i++;
        } else if (u[i] >= 0x81 && u[i] <= 0xFE && next >= 0x40 &&
                   next <= 0x7E) {
            shape->low_pairs++;
            i++;
        } else {
            shape->other++;
        }
    }
}

static bool starts_with(const char *name, const char *prefix)
{
    return strncasecmp(name, prefix, strlen(prefix)) == 0;
}

/* Most high bytes pair up, most of them in the 0xA1-0xFE block: the
 * shape of GBK (and of Big5's more common half). */
static bool looks_double_byte(const sl_charset_shape *s)
{
    size_t pairs = s->high_pairs + s->low_pairs;
    return pairs >= SHAPE_MIN_PAIRS && pairs >= 4 * s->other &&
           s->high_pairs >= s->low_pairs;
}

bool sl_charset_shape_fits(const sl_charset_shape *s, const char *name)
{
    size_t pairs = s->high_pairs + s->low_pairs;
    if (starts_with(name, "UTF-16") || starts_with(name, "UTF-32") ||
        starts_with(name, "UCS-"))
        return false;
    if (starts_with(name, "GB")) /* GB18030, GBK, GB2312 */
        return pairs < SHAPE_MIN_PAIRS ||
               (pairs >= 4 * s->other && s->low_pairs * 10 <= pairs);
    if (starts_with(name, "BIG5"))
        return pairs < SHAPE_MIN_PAIRS ||
               (pairs >= 4 * s->other && s->low_pairs * 20 >= pairs &&
                s->high_pairs * 20 >= pairs);
    if (starts_with(name, "WINDOWS-125") || starts_with(name, "ISO-8859") ||
        starts_with(name, "LATIN"))
        return !looks_double_byte(s);
    return true;
}

const char *sl_charset_shape_guess(const sl_charset_shape *s)
{
    /* With no declaration to overrule, a few pairs are enough. */
    size_t pairs = s->high_pairs + s->low_pairs;
    if (pairs == 0 || pairs < 4 * s->other || s->high_pairs < s->low_pairs)
        return "WINDOWS-1252";
    /* Big5 puts about a third of its common characters' second bytes in
     * 0x40-0x7E; GBK almost none. */
    return s->low_pairs * 10 >= s->high_pairs + s->low_pairs ? "BIG5-HKSCS"
                                                             : "GB18030";
}
