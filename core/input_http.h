/* core/input_http.h - the HTTP side of a WARC response record: the status
 * line, the headers a reader needs (Content-Type and its charset,
 * Transfer-Encoding, Content-Encoding), and the payload with chunked
 * transfer coding and gzip or deflate content coding undone.
 *
 * Crawlers store what the server sent. Some undo the codings before
 * writing and keep the headers; so a body that does not parse as chunks
 * is taken as it is (as warcio does), and a body declared gzip that does
 * not start with the gzip magic is taken as already decoded.
 */
#ifndef SLUICE_CORE_INPUT_HTTP_H
#define SLUICE_CORE_INPUT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An HTTP response's head. */
typedef struct sl_http_head {
    int status;        /* 200 */
    size_t body_at;    /* offset of the body in the message */
    char mime[96];     /* Content-Type's media type, lower case; "" */
    char charset[64];  /* Content-Type's charset parameter; "" */
    bool chunked;      /* Transfer-Encoding: chunked */
    char encoding[32]; /* Content-Encoding, lower case; "" or identity */
} sl_http_head;

/* Parses the status line and headers of msg[0..len). Returns 0, or -1
 * with why[0..why_cap) saying what is wrong (not an HTTP response, the
 * headers do not end). */
int sl_http_parse_head(const char *msg, size_t len, sl_http_head *head,
                       char *why, size_t why_cap);

/* Splits a Content-Type value into its media type and charset parameter
 * (both lower case, "" when absent). */
void sl_http_content_type(const char *value, size_t len, char *mime,
                          size_t mime_cap, char *charset, size_t charset_cap);

/* The body with the transfer and content codings undone. Points *body at
 * the bytes: into msg when nothing had to be undone, else into a malloc'd
 * buffer returned in *owned (free it). A decoded body over max bytes (0:
 * no limit) is refused. Returns 0, or -1 with why filled (a coding this
 * reader cannot undo, corrupt compressed data, too long, out of memory). */
int sl_http_body(const char *msg, size_t len, const sl_http_head *head,
                 uint64_t max, const char **body, size_t *body_len,
                 char **owned, char *why, size_t why_cap);

/* True when the media type holds a document to read: text/... (but not
 * stylesheets or scripts), XHTML, or unknown (""). */
bool sl_http_mime_is_text(const char *mime);

/* True for text/html and application/xhtml+xml. */
bool sl_http_mime_is_html(const char *mime);

#endif
