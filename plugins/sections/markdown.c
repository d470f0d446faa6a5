/* plugins/sections/markdown.c - classifies one line of Markdown as the
 * sections stage needs it: ATX headings, Setext underlines, thematic
 * breaks, code fences and indented code, inside block quotes and list
 * items; and turns a heading's inline text into plain text.
 */
#include "sections_internal.h"

#include <string.h>

/* n as a scratch offset: lines are at most SEC_MAX_LINE_BYTES long
 * (sections.c), and columns, which can exceed bytes, saturate. */
static sec_offset narrow(size_t n)
{
    return n > SEC_MAX_LINE_BYTES ? (sec_offset)SEC_MAX_LINE_BYTES
                                  : (sec_offset)n;
}

/* Columns of leading spaces and tabs (a tab moves to the next multiple of
 * four) and the byte where they end. */
static size_t leading_columns(const char *s, size_t len, size_t pos, size_t col,
                              size_t *end)
{
    while (pos < len && (s[pos] == ' ' || s[pos] == '\t')) {
        col = s[pos] == '\t' ? (col / 4 + 1) * 4 : col + 1;
        pos++;
    }
    *end = pos;
    return col;
}

static bool only_trailing_space(const char *s, size_t len, size_t pos)
{
    for (; pos < len; pos++)
        if (s[pos] != ' ' && s[pos] != '\t')
            return false;
    return true;
}

/* Three or more of one of * - _ with only spaces between. */
static bool is_rule(const char *s, size_t len, size_t pos)
{
    char c = s[pos];
    if (c != '*' && c != '-' && c != '_')
        return false;
    size_t n = 0;
    for (; pos < len; pos++) {
        if (s[pos] == c)
            n++;
        else if (s[pos] != ' ' && s[pos] != '\t')
            return false;
    }
    return n >= 3;
}

/* A run of one character then only spaces: === or ---. */
static bool is_underline(const char *s, size_t len, size_t pos, char c)
{
    size_t start = pos;
    while (pos < len && s[pos] == c)
        pos++;
    return pos > start && only_trailing_space(s, len, pos);
}

/* A list marker at pos: - * + followed by a space or the end, or 1-9
 * digits then . or ) and a space. Returns the bytes of the marker (without
 * the space), or 0. */
static size_t list_marker(const char *s, size_t len, size_t pos)
{
    char c = s[pos];
    if (c == '-' || c == '*' || c == '+')
        return pos + 1 == len || s[pos + 1] == ' ' || s[pos + 1] == '\t' ? 1
                                                                         : 0;
    size_t d = pos;
    while (d < len && d - pos < 9 && s[d] >= '0' && s[d] <= '9')
        d++;
    if (d == pos || d >= len || (s[d] != '.' && s[d] != ')'))
        return 0;
    d++;
    return d == len || s[d] == ' ' || s[d] == '\t' ? d - pos : 0;
}

static void trim(const char *s, size_t *start, size_t *end)
{
    while (*start < *end && (s[*start] == ' ' || s[*start] == '\t'))
        (*start)++;
    while (*end > *start && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
        (*end)--;
}

/* ATX content: drops the optional closing run of #. */
static void atx_content(const char *s, size_t *start, size_t *end)
{
    trim(s, start, end);
    size_t e = *end;
    while (e > *start && s[e - 1] == '#')
        e--;
    if (e == *start) { /* only #: the closing run is all there is */
        *end = e;
        return;
    }
    if (e < *end && (s[e - 1] == ' ' || s[e - 1] == '\t')) {
        *end = e;
        trim(s, start, end);
    }
}

/* Classifies the content that starts at pos, inside the containers. */
static void classify_inner(const char *s, size_t len, size_t pos,
                           sec_md_line *out)
{
    size_t p;
    size_t cols = leading_columns(s, len, pos, 0, &p);
    size_t text_start = p, text_end = len;
    trim(s, &text_start, &text_end);
    out->text_start = narrow(text_start);
    out->text_end = narrow(text_end);
    if (cols >= 4) {
        out->kind = SEC_MD_INDENTED;
        return;
    }
    if (p >= len) {
        out->kind = SEC_MD_TEXT;
        return;
    }
    char c = s[p];
    if (c == '#') {
        size_t h = p;
        while (h < len && s[h] == '#')
            h++;
        size_t level = h - p;
        if (level <= 6 && (h == len || s[h] == ' ' || s[h] == '\t')) {
            size_t start = h, end = len;
            atx_content(s, &start, &end);
            out->kind = start < end ? SEC_MD_ATX : SEC_MD_EMPTY_ATX;
            out->level = (uint8_t)level;
            out->text_start = narrow(start);
            out->text_end = narrow(end);
            return;
        }
    }
    if (c == '=' && is_underline(s, len, p, '=')) {
        out->kind = SEC_MD_SETEXT_EQ;
        return;
    }
    if (c == '-' && is_underline(s, len, p, '-')) {
        out->kind = SEC_MD_SETEXT_DASH;
        return;
    }
    if (is_rule(s, len, p)) {
        out->kind = SEC_MD_RULE;
        return;
    }
    if (c == '`' || c == '~') {
        size_t f = p;
        while (f < len && s[f] == c)
            f++;
        if (f - p >= 3 && (c == '~' || !memchr(s + f, '`', len - f))) {
            out->kind = SEC_MD_FENCE;
            out->fence_char = c;
            out->fence_len = narrow(f - p);
            return;
        }
    }
    out->kind = SEC_MD_TEXT;
}

void sec_md_classify(const char *s, size_t len, sec_md_line *out)
{
    if (len > 0 && (unsigned char)s[0] >= 0x80) {
        /* every container and construct starts with an ASCII byte: a
         * line that opens with another character (most Chinese text) is
         * a paragraph line, trimmed at its end */
        memset(out, 0, sizeof *out);
        size_t end = len;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        out->text_end = narrow(end);
        out->kind = SEC_MD_TEXT;
        return;
    }
    sec_md_classify_general(s, len, out);
}

void sec_md_classify_general(const char *s, size_t len, sec_md_line *out)
{
    memset(out, 0, sizeof *out);
    size_t pos;
    size_t col = leading_columns(s, len, 0, 0, &pos);
    out->indent = narrow(col);
    if (col >= 4) {
        out->kind = SEC_MD_INDENTED;
        out->text_start = narrow(pos);
        out->text_end = narrow(len);
        return;
    }
    /* block quote containers: up to three spaces, >, one optional space */
    while (pos < len && s[pos] == '>') {
        out->quote_depth++;
        pos++;
        if (pos < len && s[pos] == ' ')
            pos++;
        size_t p;
        size_t more = leading_columns(s, len, pos, 0, &p);
        if (more < 4 && p < len && s[p] == '>')
            pos = p;
    }
    /* one list item container; a thematic break wins over a list marker */
    size_t p;
    leading_columns(s, len, pos, 0, &p);
    if (p < len && !is_rule(s, len, p)) {
        size_t m = list_marker(s, len, p);
        if (m) {
            out->list_item = true;
            size_t content;
            size_t c = leading_columns(s, len, p + m, p + m, &content);
            out->content_indent =
                narrow((content >= len || c - (p + m) > 4) ? p + m + 1 : c);
            pos = content;
        }
    }
    classify_inner(s, len, pos, out);
}

static bool is_ascii_punct(char c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

static bool is_boundary(const char *s, size_t len, size_t i)
{
    return i >= len || s[i] == ' ' || s[i] == '\t' || is_ascii_punct(s[i]);
}

size_t sec_md_plain(const char *s, size_t len, char *out)
{
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && is_ascii_punct(s[i + 1])) {
            c = s[++i];
        } else if (c == '*') {
            continue;
        } else if (c == '_' && (i == 0 || is_boundary(s, len, i - 1) ||
                                is_boundary(s, len, i + 1))) {
            continue;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = false;
        out[n++] = c;
    }
    return n;
}
