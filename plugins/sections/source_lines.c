/* plugins/sections/source_lines.c - finds a block's line in the document's
 * raw text. Markdown is a syntax of source lines (indentation, underlines),
 * and a stage before this one may have trimmed or folded a block's white
 * space, so Markdown is read from the raw line the block came from.
 */
#include "sections_internal.h"

#include <string.h>

/* The offset of the first '\n' or '\r' at or after start in s[0..len), or
 * len: memchr finds the line feed, a second memchr looks for a carriage
 * return before it when the text has one (has_cr). */
static size_t line_end(const char *s, size_t start, size_t len, bool has_cr)
{
    const char *nl = memchr(s + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - s) : len;
    if (!has_cr)
        return end;
    const char *cr = memchr(s + start, '\r', end - start);
    return cr ? (size_t)(cr - s) : end;
}

/* Moves the cursor to the start of the next line; false at the end. */
static bool next_line(const sl_doc *doc, sec_source_cursor *c)
{
    const char *s = doc->raw;
    size_t len = doc->raw_len;
    size_t pos = c->end_known ? c->end : line_end(s, c->pos, len, c->has_cr);
    if (pos >= len)
        return false;
    if (s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n')
        pos++;
    c->pos = pos + 1;
    c->line++;
    c->end_known = false;
    return true;
}

bool sec_source_line(const sl_doc *doc, sec_source_cursor *c, uint32_t line,
                     const char **text, size_t *len)
{
    if (line == 0 || !doc->raw || doc->raw_len == 0)
        return false;
    if (c->line == 0) /* most texts have no '\r': one look for all lines */
        c->has_cr = memchr(doc->raw, '\r', doc->raw_len) != NULL;
    if (c->line == 0 || line < c->line) { /* start (again) from the top */
        c->pos = 0;
        c->line = 1;
        c->end_known = false;
    }
    while (c->line < line)
        if (!next_line(doc, c))
            return false;
    const char *s = doc->raw;
    size_t end =
        c->end_known ? c->end : line_end(s, c->pos, doc->raw_len, c->has_cr);
    c->end = end;
    c->end_known = true;
    *text = s + c->pos;
    *len = end - c->pos;
    return true;
}
