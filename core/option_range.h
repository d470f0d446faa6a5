/* core/option_range.h - the allowed range of a number option, written in
 * its table's `choices` field as "MIN..MAX" (either end may be left out:
 * "1..", "..100", "0..1"; both ends are included).
 */
#ifndef SLUICE_CORE_OPTION_RANGE_H
#define SLUICE_CORE_OPTION_RANGE_H

#include <stdbool.h>

typedef struct sl_option_range {
    bool has_min, has_max;
    double min, max;   /* for number options */
    long long min_int; /* for integer options */
    long long max_int;
} sl_option_range;

/* Reads text ("MIN..MAX") into range; the ends are integers when integer
 * is set, else finite numbers. Returns 0, or -1 when the text is not such
 * a range (a plugin's mistake). A NULL text is the unbounded range. */
int sl_option_range_parse(const char *text, bool integer,
                          sl_option_range *range);

/* True when value lies inside range. */
bool sl_option_range_holds_int(const sl_option_range *range, long long value);
bool sl_option_range_holds_real(const sl_option_range *range, double value);

#endif
