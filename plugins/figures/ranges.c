/* plugins/figures/ranges.c - a range after a number: 3-5, 3至5万,
 * 3 to 5, between 3 and 5, 三到五, with the connector, the scale of the
 * low end and the unit shared by both ends.
 */
#include "ranges.h"

/* ---- ranges: 5-10%, 5至10万, 20~100个, between 3 and 5 ---- */

static size_t range_connector(const char *s, size_t len, size_t pos,
                              bool english_and)
{
    size_t p = pos;
    while (p < len && s[p] == ' ')
        p++;
    if (p >= len)
        return 0;
    size_t n = 0;
    switch ((unsigned char)s[p]) {
    case '-':
    case '~': n = 1; break;
    case 0xEF: /* ～ － */
        if (fig_starts(s, len, p, "～") || fig_starts(s, len, p, "－"))
            n = 3;
        break;
    case 0xE2: /* – — */
        if (fig_starts(s, len, p, "–") || fig_starts(s, len, p, "—"))
            n = 3;
        break;
    case 0xE8:
    case 0xE5:
        if (fig_starts(s, len, p, "至") || fig_starts(s, len, p, "到"))
            n = 3;
        break;
    case 't':
        if (p > pos && fig_starts(s, len, p, "to "))
            return p + 3;
        if (p > pos && fig_starts(s, len, p, "through "))
            return p + 8;
        return 0;
    case 'a':
        if (english_and && p > pos && fig_starts(s, len, p, "and "))
            return p + 4;
        return 0;
    default: return 0;
    }
    if (n == 0)
        return 0;
    p += n;
    while (p < len && s[p] == ' ')
        p++;
    return p;
}

/* The power of ten a range's low end shares with its scaled high end
 * (5至10万: 4), or 0. */
static int range_scale(double low, double high)
{
    static const int SCALES[] = {12, 8, 6, 4, 3};
    for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++) {
        double scale = fig_dec_value(fig_dec_of(1, SCALES[i]));
        if (high / scale >= low && high >= scale)
            return SCALES[i];
    }
    return 0;
}

/* The number written in Arabic digits at pos, before any scale word
 * ("6.1 million": 6.1), or -1 when none starts there. */
static double written_arabic(const char *s, size_t len, size_t pos)
{
    if (pos >= len || s[pos] < '0' || s[pos] > '9')
        return -1.0;
    double v = 0.0, place = 0.0;
    for (; pos < len; pos++) {
        char ch = s[pos];
        if (ch >= '0' && ch <= '9') {
            if (place > 0.0) {
                v += (ch - '0') * place;
                place /= 10.0;
            } else {
                v = v * 10.0 + (ch - '0');
            }
        } else if (ch == '.' && place == 0.0 && pos + 1 < len &&
                   s[pos + 1] >= '0' && s[pos + 1] <= '9') {
            place = 0.1;
        } else if (ch != ',') {
            break;
        }
    }
    return v;
}

/* The end of 之间 or 间 at pos (after spaces), or 0. */
static size_t between_word_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && s[pos] == ' ')
        pos++;
    if (fig_starts(s, len, pos, "之间"))
        return pos + 6;
    if (fig_starts(s, len, pos, "间"))
        return pos + 3;
    return 0;
}

bool range_after(const char *s, size_t len, cand *c)
{
    if (!c->has_value || c->kind == fig_year || c->kind == fig_date)
        return false;
    size_t before;
    int32_t prev = fig_cp_before(s, c->start, &before);
    bool between = false;
    size_t p = before;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    if (fig_ends(s, c->start, "between ") || fig_ends(s, c->start, "from "))
        between = true;
    (void)prev;
    size_t q = range_connector(s, len, c->end, between);
    /* 10与20之间, 20和30之间: "and" joins a range only before 之间 */
    bool needs_between = false;
    if (!q && (fig_starts(s, len, c->end, "与") ||
               fig_starts(s, len, c->end, "和"))) {
        q = c->end + 3;
        needs_between = true;
    }
    if (!q || q >= len)
        return false;
    bool dash = s[c->end] == '-' || fig_starts(s, len, c->end, "－");
    cand h = NO_CAND;
    h.start = q;
    if (!numeral_at(s, len, q, &h))
        return false;
    if (dash && h.num.end < len &&
        ((s[h.num.end] >= '0' && s[h.num.end] <= '9') || s[h.num.end] == '-' ||
         s[h.num.end] == '/'))
        return false; /* 1-222-2222-2222 */
    if (dash && !((c->num.flags & NUM_ARABIC) && (h.num.flags & NUM_ARABIC)))
        return false;
    if (dash && c->num.digits == 4 && h.num.digits == 2 && s[q] == '0')
        return false; /* 1995-01 */
    classify(s, len, &h);
    noun_unit_when_kept(s, len, &h);
    if (needs_between) {
        /* "10000与20000间" but not "三间和五间" (间 a classifier) */
        size_t after = between_word_end(s, len, h.num.end);
        if (after && c->unit && !fig_starts(s, len, h.num.end, "之间"))
            after = 0;
        if (after) {
            h.kind = c->kind; /* 间 read as a unit was the between word */
            h.unit = c->unit;
        } else {
            after = between_word_end(s, len, h.end);
        }
        if (!after || !h.has_value)
            return false;
        h.end = after;
    }
    if (h.kind == fig_date && c->unit == NULL && h.unit != NULL &&
        strcmp(h.unit, "month") == 0) {
        c->kind = fig_date;
        c->unit = "month-range";
        c->end = h.end;
        c->has_value = false;
        return true;
    }
    if (!h.has_value)
        return false;
    fig_dec low = c->value, high = h.value;
    /* 5至10万, $30-35 million: the low end shares the high end's scale
     * unless a unit of its own follows it (30元至35万元) */
    if (!(c->num.flags & NUM_SCALED) && (h.num.flags & NUM_SCALED) &&
        c->end == c->num.end) {
        /* 9.2 to 6.1 million: written numbers that fall make no range
         * (the search for a shared scale would read 92,000) */
        double written = written_arabic(s, len, h.num.start);
        if (written >= 0 && fig_dec_value(low) > written)
            return false;
        low = fig_dec_scale10(
            low, range_scale(fig_dec_value(low), fig_dec_value(high)));
    }
    if (!(fig_dec_value(low) < fig_dec_value(high)))
        return false;
    if (c->unit && h.unit && strcmp(c->unit, h.unit) != 0)
        return false;
    if (!c->unit) {
        c->kind = h.kind;
        c->unit = h.unit;
    }
    c->low = low;
    c->high = high;
    c->end = h.end;
    c->has_value = false;
    return true;
}
