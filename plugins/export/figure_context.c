/* plugins/export/figure_context.c - the text written beside a figure (and
 * beside a reference to a caption) to show where it stands: with context
 * "window", its clause, cut to at most context_chars characters on each
 * side of it; with context "sentence", its sentence, cut to at most
 * sentence_chars characters on each side. Both are found by walking out
 * from the figure a bounded number of characters, so the text written per
 * figure is bounded and a record grows linearly with its document, however
 * long its sentences are (a table flattened into one line, a run of
 * numerals).
 */
#include "export.h"

/* The most closing quotes and brackets looked through after a sentence
 * end at the start of a context cut short. */
enum { MAX_CLOSERS = 16 };

/* A clause mark inside a sentence: ，；、：, ASCII , ; : (not between two
 * digits: 1,234 and 8:30 stay whole) and the tab between table cells.
 * The character is cp, at text[at, next). */
static bool is_clause_mark(const char *text, size_t len, int32_t cp, size_t at,
                           size_t next)
{
    switch (cp) {
    case 0xFF0C: /* ， */
    case 0xFF1B: /* ； */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case ';':
    case '\t': return true;
    case ',':
    case ':':
        return !(at > 0 && text[at - 1] >= '0' && text[at - 1] <= '9' &&
                 next < len && text[next] >= '0' && text[next] <= '9');
    default: return false;
    }
}

/* True for the characters that may end a sentence (sentence_end_after
 * decides whether they do). */
static bool may_end_sentence(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '\n' ||
           cp == '!' || cp == '?' || cp == '.';
}

/* Where the context before `start` begins: after the nearest sentence end
 * (or clause mark, with clauses) at most max_chars characters back; when
 * there is none in reach, max_chars characters back, moved forward past a
 * word cut in two when a space follows it before the figure. */
static size_t context_begin(const char *text, size_t len, size_t start,
                            bool clauses, size_t max_chars)
{
    size_t p = start;
    for (size_t n = 0; n < max_chars; n++) {
        if (p == 0)
            return 0;
        size_t at = p;
        int32_t cp = sl_utf8_prev(text, &at);
        if (may_end_sentence(cp)) {
            size_t after = sentence_end_after(text, len, cp, p);
            if (after && after <= start)
                return after;
        }
        if (clauses && is_clause_mark(text, len, cp, at, p))
            return p;
        p = at;
    }
    /* cut inside the closing quotes of the sentence before: start after
     * them (a longer run than MAX_CLOSERS is text of its own) */
    size_t q = p;
    for (size_t n = 0; n < MAX_CLOSERS && q > 0; n++) {
        size_t at = q;
        int32_t cp = sl_utf8_prev(text, &at);
        if (may_end_sentence(cp)) {
            size_t after = sentence_end_after(text, len, cp, q);
            if (after && after <= start)
                return after;
        }
        if (!is_closing_mark(cp))
            break;
        q = at;
    }
    if (p > 0 && text[p - 1] != ' ') {
        q = p;
        while (q < start && text[q] != ' ')
            q++;
        if (q < start)
            p = q + 1;
    }
    return p;
}

/* Where the context after `end` ends: after the next sentence end (with
 * its closing quotes), or before the next clause mark with clauses, at
 * most max_chars characters on; when there is none in reach, max_chars
 * characters on, moved back before a word cut in two when a space comes
 * before it after the figure. */
static size_t context_end(const char *text, size_t len, size_t end,
                          bool clauses, size_t max_chars)
{
    size_t q = end;
    for (size_t n = 0; n < max_chars; n++) {
        if (q >= len)
            return len;
        size_t next = q;
        int32_t cp = sl_utf8_next(text, len, &next);
        if (may_end_sentence(cp)) {
            size_t after = sentence_end_after(text, len, cp, next);
            if (after)
                return after;
        }
        if (clauses && is_clause_mark(text, len, cp, q, next))
            return q;
        q = next;
    }
    if (q < len && text[q] != ' ') {
        size_t p = q;
        while (p > end && text[p - 1] != ' ')
            p--;
        if (p > end)
            q = p - 1;
    }
    return q;
}

void find_context(const char *text, size_t len, size_t start, size_t end,
                  bool clauses, size_t max_chars, size_t *from, size_t *to)
{
    clamp_span(text, len, &start, &end);
    size_t begin = context_begin(text, len, start, clauses, max_chars);
    size_t finish = context_end(text, len, end, clauses, max_chars);
    while (begin < finish) {
        size_t next = begin;
        if (!sl_is_space(sl_utf8_next(text, len, &next)))
            break;
        begin = next;
    }
    while (finish > begin) {
        size_t prev = finish;
        if (!sl_is_space(sl_utf8_prev(text, &prev)))
            break;
        finish = prev;
    }
    *from = begin;
    *to = finish;
}

void export_figure_context(const export_state *st, const sl_block *blk,
                           size_t start, size_t end, size_t *from, size_t *to)
{
    if (st->context_sentences)
        find_context(blk->text, blk->len, start, end, false,
                     (size_t)st->sentence_chars, from, to);
    else
        find_context(blk->text, blk->len, start, end, true,
                     (size_t)st->context_chars, from, to);
}
