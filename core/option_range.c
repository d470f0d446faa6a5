/* core/option_range.c - parses and checks the "MIN..MAX" range of a
 * number option (see option_range.h).
 */
#include "option_range.h"

#include <errno.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

/* Reads one end of the range, s[0..len), as an integer for integer
 * options, else as a finite number. An empty end is no bound. */
static int parse_end(const char *s, size_t len, bool integer, bool *has,
                     double *real, long long *whole)
{
    *has = len > 0;
    if (!*has)
        return 0;
    char buf[64];
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end = NULL;
    errno = 0;
    if (integer) {
        *whole = strtoll(buf, &end, 10);
        *real = (double)*whole;
    } else {
        *real = strtod(buf, &end);
        if (!(*real >= -DBL_MAX && *real <= DBL_MAX))
            return -1; /* infinite or not a number */
    }
    return errno || *end ? -1 : 0;
}

int sl_option_range_parse(const char *text, bool integer,
                          sl_option_range *range)
{
    memset(range, 0, sizeof *range);
    if (!text)
        return 0;
    const char *dots = strstr(text, "..");
    if (!dots)
        return -1;
    if (parse_end(text, (size_t)(dots - text), integer, &range->has_min,
                  &range->min, &range->min_int) < 0 ||
        parse_end(dots + 2, strlen(dots + 2), integer, &range->has_max,
                  &range->max, &range->max_int) < 0)
        return -1;
    if (range->has_min && range->has_max && range->min > range->max)
        return -1;
    return 0;
}

bool sl_option_range_holds_int(const sl_option_range *range, long long value)
{
    return (!range->has_min || value >= range->min_int) &&
           (!range->has_max || value <= range->max_int);
}

bool sl_option_range_holds_real(const sl_option_range *range, double value)
{
    return (!range->has_min || value >= range->min) &&
           (!range->has_max || value <= range->max);
}
