/* core/input_big_numbers.c - turns numbers jansson cannot hold exactly into
 * strings of their literal text (see input_big_numbers.h).
 */
#include "input_big_numbers.h"

#include <errno.h>
#include <float.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The length of the number token at s[0..len): sign, digits, fraction,
 * exponent, as far as they go. */
static size_t number_length(const char *s, size_t len, bool *real)
{
    size_t i = 0;
    *real = false;
    if (i < len && s[i] == '-')
        i++;
    while (i < len && is_digit(s[i]))
        i++;
    if (i < len && s[i] == '.') {
        *real = true;
        i++;
        while (i < len && is_digit(s[i]))
            i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        *real = true;
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        while (i < len && is_digit(s[i]))
            i++;
    }
    return i;
}

/* True when the number token s[0..n) is one jansson refuses: an integer
 * outside long long, or a number beyond the largest double. */
static bool too_big(const char *s, size_t n, bool real)
{
    char *token = malloc(n + 1);
    if (!token)
        return false;
    memcpy(token, s, n);
    token[n] = '\0';
    errno = 0;
    bool big;
    if (real) {
        double d = strtod(token, NULL);
        big = errno == ERANGE && (d > DBL_MAX || d < -DBL_MAX);
    } else {
        (void)strtoll(token, NULL, 10);
        big = errno == ERANGE;
    }
    free(token);
    return big;
}

/* Grows the list of quote offsets by one. Returns 0 or -1. */
static int note_start(size_t **starts, size_t *quoted, size_t *cap, size_t at)
{
    if (*quoted == *cap) {
        size_t bigger = *cap ? *cap * 2 : 8;
        size_t *grown = realloc(*starts, bigger * sizeof *grown);
        if (!grown)
            return -1;
        *starts = grown;
        *cap = bigger;
    }
    (*starts)[(*quoted)++] = at;
    return 0;
}

char *sl_json_quote_big_numbers(const char *s, size_t len, size_t *out_len,
                                size_t **starts, size_t *quoted)
{
    *starts = NULL;
    *quoted = 0;
    size_t cap = 0;
    /* Each quoted token is at least one digit, so the copy is at most
     * three times the text. */
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool in_string = false;
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (in_string) {
            out[o++] = c;
            if (c == '\\' && i + 1 < len)
                out[o++] = s[++i];
            else if (c == '"')
                in_string = false;
            i++;
            continue;
        }
        if (c == '"') {
            in_string = true;
            out[o++] = s[i++];
            continue;
        }
        if (c != '-' && !is_digit(c)) {
            out[o++] = s[i++];
            continue;
        }
        bool real;
        size_t n = number_length(s + i, len - i, &real);
        if (n == 0)
            n = 1; /* a lone '-': left for the parser to refuse */
        bool big = too_big(s + i, n, real);
        if (big && note_start(starts, quoted, &cap, o) < 0) {
            free(out);
            free(*starts);
            *starts = NULL;
            return NULL;
        }
        if (big)
            out[o++] = '"';
        memcpy(out + o, s + i, n);
        o += n;
        if (big)
            out[o++] = '"';
        i += n;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

size_t sl_json_unquoted_offset(const size_t *starts, size_t quoted, size_t at)
{
    size_t shift = 0;
    for (size_t k = 0; k < quoted && starts[k] < at; k++)
        shift += 2; /* the opening quote, and the closing one before at */
    return at >= shift ? at - shift : 0;
}
