/* plugins/figures/ranges.h - the quick test whether a range may follow
 * a number (static inline, made on every figure) and range_after
 * (ranges.c), which reads the range.
 */
#ifndef SLUICE_FIGURES_RANGES_H
#define SLUICE_FIGURES_RANGES_H

#include "scan_cand.h"

/* The bytes that may open a range after a figure (range_connector's
 * connectors and 与, 和): 1, a connector's first byte (-, ~, "to", "and",
 * the lead byte of ～ － – —) or a space before one; 2, the lead byte of
 * a three-byte character that may be 至, 到, 与 or 和, whose last byte
 * tells more. */
static const unsigned char RANGE_OPENERS[256] = {
    [' '] = 1,  ['-'] = 1,  ['~'] = 1,  ['t'] = 1,  ['a'] = 1,
    [0xE2] = 1, [0xEF] = 1, [0xE4] = 2, [0xE5] = 2, [0xE8] = 2,
};

/* True when a range may follow the figure c: it has a value, is no year
 * nor date, and the byte after it may open a range (for a lead byte, the
 * character's last byte is that of 至 B3, 到 B0, 与 8E or 和 8C). Most
 * figures in Chinese text are followed by none, and are settled here
 * without a call to range_after. */
static inline bool range_may_follow(const char *s, size_t len, const cand *c)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date ||
        c->end >= len)
        return false;
    unsigned opener = RANGE_OPENERS[(unsigned char)s[c->end]];
    if (opener != 2)
        return opener != 0;
    static const uint64_t LAST_BYTES =
        (1ULL << 0x33) | (1ULL << 0x30) | (1ULL << 0x0E) | (1ULL << 0x0C);
    return len - c->end > 2 &&
           (LAST_BYTES >> ((unsigned char)s[c->end + 2] & 0x3F) & 1);
}

bool range_after(const char *s, size_t len, cand *c);

#endif /* SLUICE_FIGURES_RANGES_H */
