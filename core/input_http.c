/* core/input_http.c - HTTP response heads and bodies inside WARC response
 * records (see input_http.h).
 */
#include "input_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Copies s[0..len) lower-cased into out (cut to cap - 1 bytes). */
static void copy_lower(char *out, size_t cap, const char *s, size_t len)
{
    size_t n = 0;
    for (; n < len && n + 1 < cap; n++)
        out[n] = lower(s[n]);
    out[n] = '\0';
}

/* Trims spaces and tabs around s[0..*len). */
static const char *trim(const char *s, size_t *len)
{
    while (*len > 0 && is_space(s[0])) {
        s++;
        (*len)--;
    }
    while (*len > 0 && is_space(s[*len - 1]))
        (*len)--;
    return s;
}

void sl_http_content_type(const char *value, size_t len, char *mime,
                          size_t mime_cap, char *charset, size_t charset_cap)
{
    const char *semi = memchr(value, ';', len);
    size_t type_len = semi ? (size_t)(semi - value) : len;
    const char *type = trim(value, &type_len);
    copy_lower(mime, mime_cap, type, type_len);
    charset[0] = '\0';
    while (semi) {
        const char *param = semi + 1;
        size_t left = len - (size_t)(param - value);
        semi = memchr(param, ';', left);
        size_t plen = semi ? (size_t)(semi - param) : left;
        param = trim(param, &plen);
        if (plen < 8 || strncasecmp(param, "charset", 7) != 0)
            continue;
        size_t i = 7;
        while (i < plen && is_space(param[i]))
            i++;
        if (i >= plen || param[i] != '=')
            continue;
        i++;
        while (i < plen &&
               (is_space(param[i]) || param[i] == '"' || param[i] == '\''))
            i++;
        size_t end = i;
        while (end < plen && param[end] != '"' && param[end] != '\'' &&
               !is_space(param[end]))
            end++;
        copy_lower(charset, charset_cap, param + i, end - i);
        return;
    }
}

/* Reads the status line "HTTP/1.1 200 Reason". Returns the offset after
 * it, or 0 when it is not one. */
static size_t status_line(const char *msg, size_t len, int *status)
{
    const char *nl = memchr(msg, '\n', len);
    size_t line = nl ? (size_t)(nl - msg) : len;
    if (line < 8 || strncasecmp(msg, "HTTP/", 5) != 0)
        return 0;
    size_t i = 5;
    while (i < line && !is_space(msg[i]))
        i++;
    while (i < line && is_space(msg[i]))
        i++;
    if (i + 3 > line)
        return 0;
    int code = 0;
    for (size_t k = 0; k < 3; k++) {
        char c = msg[i + k];
        if (c < '0' || c > '9')
            return 0;
        code = code * 10 + (c - '0');
    }
    if (i + 3 < line && !is_space(msg[i + 3]) && msg[i + 3] != '\r')
        return 0;
    *status = code;
    return nl ? line + 1 : line;
}

static bool name_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && strncasecmp(name, want, len) == 0;
}

/* True when the comma-separated list value[0..len) holds token. */
static bool list_has(const char *value, size_t len, const char *token)
{
    size_t n = strlen(token);
    for (size_t i = 0; i + n <= len; i++)
        if (strncasecmp(value + i, token, n) == 0)
            return true;
    return false;
}

static void header(sl_http_head *head, const char *name, size_t name_len,
                   const char *value, size_t value_len)
{
    if (name_is(name, name_len, "content-type")) {
        sl_http_content_type(value, value_len, head->mime, sizeof head->mime,
                             head->charset, sizeof head->charset);
    } else if (name_is(name, name_len, "transfer-encoding")) {
        head->chunked = list_has(value, value_len, "chunked");
    } else if (name_is(name, name_len, "content-encoding")) {
        const char *comma = memchr(value, ',', value_len);
        size_t n = comma ? (size_t)(comma - value) : value_len;
        value = trim(value, &n);
        copy_lower(head->encoding, sizeof head->encoding, value, n);
    }
}

int sl_http_parse_head(const char *msg, size_t len, sl_http_head *head,
                       char *why, size_t why_cap)
{
    memset(head, 0, sizeof *head);
    size_t at = status_line(msg, len, &head->status);
    if (at == 0) {
        snprintf(why, why_cap,
                 "the record does not hold an HTTP response "
                 "(no \"HTTP/1.x NNN\" status line)");
        return -1;
    }
    while (at < len) {
        const char *line = msg + at;
        const char *nl = memchr(line, '\n', len - at);
        size_t line_len = nl ? (size_t)(nl - line) : len - at;
        at += nl ? line_len + 1 : line_len;
        if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
        if (line_len == 0) {
            head->body_at = at;
            return 0;
        }
        if (is_space(line[0]))
            continue; /* a folded continuation of the header before */
        const char *colon = memchr(line, ':', line_len);
        if (!colon)
            continue;
        size_t name_len = (size_t)(colon - line);
        size_t value_len = line_len - name_len - 1;
        const char *value = trim(colon + 1, &value_len);
        header(head, line, name_len, value, value_len);
    }
    head->body_at = len; /* headers without a body: nothing follows */
    return 0;
}

bool sl_http_mime_is_html(const char *mime)
{
    return strcmp(mime, "text/html") == 0 ||
           strcmp(mime, "application/xhtml+xml") == 0;
}

bool sl_http_mime_is_text(const char *mime)
{
    if (mime[0] == '\0' || sl_http_mime_is_html(mime))
        return true;
    if (strncmp(mime, "text/", 5) != 0)
        return false;
    return strcmp(mime, "text/css") != 0 && strcmp(mime, "text/dns") != 0 &&
           strcmp(mime, "text/javascript") != 0 &&
           strcmp(mime, "text/ecmascript") != 0;
}

/* Parses a chunk size line at s[*at..len): hex digits, an optional
 * extension, a line end. Returns false when it is not one. */
static bool chunk_size(const char *s, size_t len, size_t *at, uint64_t *size)
{
    size_t i = *at;
    uint64_t n = 0;
    size_t digits = 0;
    for (; i < len; i++, digits++) {
        char c = lower(s[i]);
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (v < 0)
            break;
        if (n > (UINT64_MAX >> 4))
            return false;
        n = n << 4 | (uint64_t)v;
    }
    if (digits == 0)
        return false;
    const char *nl = memchr(s + i, '\n', len - i);
    if (!nl)
        return false;
    *at = (size_t)(nl - s) + 1;
    *size = n;
    return true;
}

/* Undoes chunked transfer coding. Returns a malloc'd buffer (*out_len
 * set), or NULL when the body is not well-formed chunks (or memory runs
 * out): the caller keeps it as it is. */
static char *dechunk(const char *s, size_t len, size_t *out_len)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t at = 0, used = 0;
    for (;;) {
        uint64_t size;
        if (!chunk_size(s, len, &at, &size))
            break;
        if (size == 0) {
            *out_len = used;
            return out; /* trailers after the last chunk are dropped */
        }
        if (size > len - at)
            break;
        memcpy(out + used, s + at, (size_t)size);
        used += (size_t)size;
        at += (size_t)size;
        if (at < len && s[at] == '\r')
            at++;
        if (at < len && s[at] == '\n')
            at++;
        if (at == len) { /* the last chunk's "0" line is missing */
            *out_len = used;
            return out;
        }
    }
    free(out);
    return NULL;
}

/* Inflates s[0..len) with zlib windowBits `bits`. Returns 0 with *out
 * (malloc'd) and *out_len, 1 when the data is corrupt, -1 when it grows
 * past max or memory runs out. Data that ends early gives what it held
 * (crawlers cut long payloads). */
static int inflate_all(const char *s, size_t len, int bits, uint64_t max,
                       char **out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, bits) != Z_OK)
        return -1;
    size_t cap = len * 4 + 4096, used = 0;
    char *buf = malloc(cap);
    int rc = buf ? 0 : -1;
    z.next_in = (Bytef *)s;
    z.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
    while (rc == 0) {
        if (used == cap) {
            char *grown = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!grown) {
                rc = -1;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        size_t room = cap - used > UINT32_MAX ? UINT32_MAX : cap - used;
        z.next_out = (Bytef *)buf + used;
        z.avail_out = (uInt)room;
        int ret = inflate(&z, Z_NO_FLUSH);
        used += room - z.avail_out;
        if (max > 0 && used > max)
            rc = -1;
        else if (ret == Z_STREAM_END || (ret == Z_BUF_ERROR && z.avail_in == 0))
            break;
        else if (ret != Z_OK && ret != Z_BUF_ERROR)
            rc = 1;
    }
    inflateEnd(&z);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    *out = buf;
    *out_len = used;
    return 0;
}

static int undo_content_coding(const char *encoding, uint64_t max,
                               const char **body, size_t *body_len,
                               char **owned, char *why, size_t why_cap)
{
    bool gzip =
        strcmp(encoding, "gzip") == 0 || strcmp(encoding, "x-gzip") == 0;
    bool deflate = strcmp(encoding, "deflate") == 0;
    if (!gzip && !deflate) {
        snprintf(why, why_cap,
                 "Content-Encoding \"%s\" is not supported (gzip, deflate)",
                 encoding);
        return -1;
    }
    const unsigned char *b = (const unsigned char *)*body;
    if (gzip && (*body_len < 2 || b[0] != 0x1f || b[1] != 0x8b))
        return 0; /* the crawler decoded it already */
    char *out = NULL;
    size_t out_len = 0;
    int rc =
        inflate_all(*body, *body_len, gzip ? 15 + 16 : 15, max, &out, &out_len);
    if (rc == 1 && deflate) /* deflate without its zlib wrapper */
        rc = inflate_all(*body, *body_len, -15, max, &out, &out_len);
    if (rc != 0) {
        snprintf(why, why_cap,
                 rc == 1 ? "corrupt %s body (Content-Encoding)"
                         : "the %s body decodes to more than max_doc_bytes "
                           "(or memory ran out)",
                 encoding);
        return -1;
    }
    free(*owned);
    *owned = out;
    *body = out;
    *body_len = out_len;
    return 0;
}

int sl_http_body(const char *msg, size_t len, const sl_http_head *head,
                 uint64_t max, const char **body, size_t *body_len,
                 char **owned, char *why, size_t why_cap)
{
    *owned = NULL;
    *body = msg + head->body_at;
    *body_len = len - head->body_at;
    if (head->chunked) {
        size_t n;
        char *plain = dechunk(*body, *body_len, &n);
        if (plain) {
            *owned = plain;
            *body = plain;
            *body_len = n;
        }
    }
    if (head->encoding[0] && strcmp(head->encoding, "identity") != 0 &&
        *body_len > 0 &&
        undo_content_coding(head->encoding, max, body, body_len, owned, why,
                            why_cap) < 0) {
        free(*owned);
        *owned = NULL;
        return -1;
    }
    return 0;
}
