/* core/json_pos.c - a small JSON walker that follows a path of keys and
 * indexes through source text and reports line and column (see
 * json_pos.h). It trusts the text to be valid JSON: jansson has already
 * parsed it.
 */
#include "json_pos.h"

#include <string.h>

typedef struct cursor {
    const char *s;
    size_t len, pos;
    int line, col;
} cursor;

static void advance(cursor *c)
{
    if (c->pos >= c->len)
        return;
    if (c->s[c->pos] == '\n') {
        c->line++;
        c->col = 1;
    } else if (((unsigned char)c->s[c->pos] & 0xC0) != 0x80) {
        c->col++;
    }
    c->pos++;
}

static void skip_space(cursor *c)
{
    while (c->pos < c->len && strchr(" \t\r\n", c->s[c->pos]))
        advance(c);
}

/* Skips a string starting at '"'; copies up to size-1 bytes of its raw
 * content into out when out is not NULL. */
static void skip_string(cursor *c, char *out, size_t size)
{
    size_t n = 0;
    advance(c); /* opening quote */
    while (c->pos < c->len && c->s[c->pos] != '"') {
        if (c->s[c->pos] == '\\') {
            if (out && n + 1 < size)
                out[n++] = c->s[c->pos];
            advance(c);
        }
        if (out && n + 1 < size && c->pos < c->len)
            out[n++] = c->s[c->pos];
        advance(c);
    }
    advance(c); /* closing quote */
    if (out)
        out[n] = '\0';
}

static void skip_value(cursor *c)
{
    skip_space(c);
    if (c->pos >= c->len)
        return;
    char ch = c->s[c->pos];
    if (ch == '"') {
        skip_string(c, NULL, 0);
        return;
    }
    if (ch == '{' || ch == '[') {
        int depth = 0;
        while (c->pos < c->len) {
            ch = c->s[c->pos];
            if (ch == '"') {
                skip_string(c, NULL, 0);
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if (ch == '}' || ch == ']')
                depth--;
            advance(c);
            if (depth == 0)
                return;
        }
        return;
    }
    while (c->pos < c->len && !strchr(",}] \t\r\n", c->s[c->pos]))
        advance(c);
}

int sl_json_locate(const char *text, size_t len, const sl_json_step *path,
                   size_t depth, int want_key, int *line, int *column)
{
    cursor c = {text, len, 0, 1, 1};
    skip_space(&c);
    *line = c.line;
    *column = c.col;
    for (size_t d = 0; d < depth; d++) {
        skip_space(&c);
        if (c.pos >= c.len)
            return -1;
        char open = c.s[c.pos];
        if ((path[d].key && open != '{') || (!path[d].key && open != '['))
            return -1;
        advance(&c);
        int found = 0;
        size_t index = 0;
        for (;;) {
            skip_space(&c);
            if (c.pos >= c.len || c.s[c.pos] == '}' || c.s[c.pos] == ']')
                return -1;
            if (path[d].key) {
                int key_line = c.line, key_col = c.col;
                char key[256];
                skip_string(&c, key, sizeof key);
                skip_space(&c);
                advance(&c); /* ':' */
                skip_space(&c);
                if (strcmp(key, path[d].key) == 0) {
                    if (want_key && d + 1 == depth) {
                        *line = key_line;
                        *column = key_col;
                        return 0;
                    }
                    found = 1;
                }
            } else if (index == path[d].index) {
                found = 1;
            }
            if (found) {
                *line = c.line;
                *column = c.col;
                break;
            }
            skip_value(&c);
            skip_space(&c);
            if (c.pos < c.len && c.s[c.pos] == ',')
                advance(&c);
            index++;
        }
    }
    return 0;
}
