/* plugins/sections/source_lines.c - finds a block's line in the document's
 * raw text. Markdown is a syntax of source lines (indentation, underlines),
 * and a stage before this one may have trimmed or folded a block's white
 * space, so Markdown is read from the raw line the block came from.
 */
#include "sections_internal.h"

/* Moves the cursor to the start of the next line; false at the end. */
static bool next_line(const sl_doc *doc, sec_source_cursor *c)
{
    const char *s = doc->raw;
    size_t len = doc->raw_len, pos = c->pos;
    while (pos < len && s[pos] != '\n' && s[pos] != '\r')
        pos++;
    if (pos >= len)
        return false;
    if (s[pos] == '\r' && pos + 1 < len && s[pos + 1] == '\n')
        pos++;
    c->pos = pos + 1;
    c->line++;
    return true;
}

bool sec_source_line(const sl_doc *doc, sec_source_cursor *c, uint32_t line,
                     const char **text, size_t *len)
{
    if (line == 0 || !doc->raw || doc->raw_len == 0)
        return false;
    if (c->line == 0 || line < c->line) { /* start (again) from the top */
        c->pos = 0;
        c->line = 1;
    }
    while (c->line < line)
        if (!next_line(doc, c))
            return false;
    const char *s = doc->raw;
    size_t end = c->pos;
    while (end < doc->raw_len && s[end] != '\n' && s[end] != '\r')
        end++;
    *text = s + c->pos;
    *len = end - c->pos;
    return true;
}
