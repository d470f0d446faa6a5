/* plugins/html/html_walk_text.c - text collection of the html walk: the
 * text of a page's elements is appended to the buffer of the block being
 * gathered, white space folded outside <pre>, link text counted; on a page
 * whose lines are coalesced a <br> ends a line inside the buffer. Also
 * the count of commas and sentence ends the main-content finder uses.
 */
#include "html_walk_internal.h"

static int buf_put(walker *w, const char *s, size_t n)
{
    if (walk_grow((void **)&w->buf, &w->cap_buf, w->len + n + 1, 1) < 0) {
        w->failed = 1;
        return -1;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    return 0;
}

/* Appends text, folding runs of white space to one space unless inside
 * <pre>. */
void walk_add_text(walker *w, const char *text, size_t n)
{
    frame *top = &w->stack[w->depth - 1];
    size_t before = w->len;
    if (w->len == 0)
        w->buf_owner = top->owner;
    if (top->in_pre) {
        buf_put(w, text, n);
    } else {
        const char *p = text, *end = text + n;
        while (p < end) {
            if (is_ascii_space((unsigned char)*p)) {
                while (p < end && is_ascii_space((unsigned char)*p))
                    p++;
                w->pending_space = 1;
                continue;
            }
            const char *start = p;
            while (p < end && !is_ascii_space((unsigned char)*p))
                p++;
            if (w->pending_space && w->len > w->line_start &&
                w->buf[w->len - 1] != '\t')
                buf_put(w, " ", 1);
            w->pending_space = 0;
            buf_put(w, start, (size_t)(p - start));
        }
    }
    if (top->in_link) {
        size_t links = 0;
        for (size_t i = before; i < w->len; i++)
            links +=
                ((unsigned char)w->buf[i] & 0xC0) != 0x80 && w->buf[i] != ' ';
        w->buf_links += (uint32_t)links;
        if (top->in_sponsored)
            w->buf_sponsored += (uint32_t)links;
    }
}

/* Commas and sentence ends in s: what the main-content finder counts.
 * CJK punctuation is three bytes starting E3 80 (、。) or EF BC/BD
 * (，！？；...); everything else three-byte is skipped without decoding.
 * Arabic-script punctuation is two bytes starting D8 or DB. */
uint32_t html_count_punct(const char *s, size_t n)
{
    uint32_t c = 0;
    size_t pos = 0;
    while (pos < n) {
        unsigned char b = (unsigned char)s[pos];
        if (b < 0x80) {
            c += b == ',' || b == '.' || b == '!' || b == '?' || b == ';';
            pos++;
            continue;
        }
        if ((b == 0xE3 || b == 0xEF || b == 0xE2) && pos + 2 < n) {
            size_t at = pos;
            int32_t cp = sl_utf8_next(s, n, &at);
            c += cp == 0xFF0C || cp == 0x3001 || sl_is_sentence_end(cp);
            pos = at;
            continue;
        }
        if ((b == 0xD8 || b == 0xDB) && pos + 1 < n) {
            /* Arabic-script comma, semicolon, question mark (U+060C,
             * U+061B, U+061F) and the Urdu full stop (U+06D4) */
            unsigned char t = (unsigned char)s[pos + 1];
            c += b == 0xD8 ? t == 0x8C || t == 0x9B || t == 0x9F : t == 0x94;
            pos += 2;
            continue;
        }
        pos += b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    return c;
}

/* A <br> on a page whose lines are coalesced: in a paragraph, the line
 * ends inside the buffer (trimmed; an empty line is left out), or, once
 * the buffer holds SL_LINES_GROUP_BYTES, the buffer becomes a block; the
 * lines of a heading, a list item or a quote stay blocks of their own. */
void walk_break_line(walker *w)
{
    if (w->len > 0 && w->stack[w->buf_owner].kind != SL_BLOCK_PARAGRAPH) {
        walk_flush_block(w);
        return;
    }
    size_t end = w->len;
    while (end > w->line_start &&
           is_ascii_space((unsigned char)w->buf[end - 1]))
        end--;
    w->len = end;
    w->pending_space = 0;
    if (w->len == w->line_start)
        return;
    if (w->len >= SL_LINES_GROUP_BYTES) {
        /* this block and the next are parts of one run of lines */
        w->in_run = 1;
        walk_flush_block(w);
        w->in_run = 1;
        return;
    }
    if (buf_put(w, "\n", 1) == 0)
        w->line_start = w->len;
}
