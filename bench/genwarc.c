/* bench/genwarc.c - a deterministic generator of WARC files for the WARC
 * reader's tests and benchmark.
 *
 *   genwarc cases DIR          the test files (see write_cases below)
 *   genwarc crawl BYTES [SEED] a crawl-like .warc.gz on standard output:
 *                              warcinfo, then request, response and
 *                              metadata records for each page, one gzip
 *                              member per record, as crawlers write
 *
 * Every record of the cases has the id <urn:uuid:N> for a small N, so the
 * tests can name what they expect. The same arguments always give the
 * same bytes. BYTES is approximate (uncompressed); "200M" and "500K" are
 * accepted.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <zstd.h>

/* ---- growing byte strings ---- */

typedef struct bytes {
    char *data;
    size_t len, cap;
} bytes;

static void add(bytes *b, const void *data, size_t len)
{
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + len + 1)
            cap *= 2;
        b->data = realloc(b->data, cap);
        if (!b->data) {
            perror("genwarc");
            exit(1);
        }
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static void adds(bytes *b, const char *s)
{
    add(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void addf(bytes *b,
                                                       const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* ---- compression ---- */

static bytes gzip_bytes(const char *data, size_t len, int level)
{
    bytes out = {0};
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        exit(1);
    size_t cap = deflateBound(&z, (uLong)len) + 64;
    out.data = malloc(cap);
    out.cap = cap;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out.data;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        exit(1);
    out.len = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

static bytes zstd_bytes(const char *data, size_t len)
{
    bytes out = {0};
    size_t cap = ZSTD_compressBound(len);
    out.data = malloc(cap);
    out.cap = cap;
    size_t n = ZSTD_compress(out.data, cap, data, len, 3);
    if (ZSTD_isError(n))
        exit(1);
    out.len = n;
    return out;
}

typedef enum codec { PLAIN, GZIP, ZSTD } codec;

/* Writes one record (one member or frame when compressed). */
static void put_record(FILE *out, codec c, const bytes *rec)
{
    if (c == PLAIN) {
        fwrite(rec->data, 1, rec->len, out);
        return;
    }
    bytes z = c == GZIP ? gzip_bytes(rec->data, rec->len, 6)
                        : zstd_bytes(rec->data, rec->len);
    fwrite(z.data, 1, z.len, out);
    free(z.data);
}

/* ---- records ---- */

/* A WARC record: version line, fields, block, the two line ends. */
static bytes warc_record(const char *type, unsigned id, const char *uri,
                         const char *content_type, const char *block,
                         size_t block_len)
{
    bytes r = {0};
    addf(&r, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
    addf(&r, "WARC-Record-ID: <urn:uuid:%u>\r\n", id);
    addf(&r, "WARC-Date: 2024-03-0%uT12:00:00Z\r\n", id % 9 + 1);
    if (uri)
        addf(&r, "WARC-Target-URI: %s\r\n", uri);
    if (content_type)
        addf(&r, "Content-Type: %s\r\n", content_type);
    addf(&r, "Content-Length: %zu\r\n\r\n", block_len);
    add(&r, block, block_len);
    adds(&r, "\r\n\r\n");
    return r;
}

/* An HTTP response message with the given head lines and body. */
static bytes http_response(int status, const char *headers, const char *body,
                           size_t body_len)
{
    bytes h = {0};
    addf(&h, "HTTP/1.1 %d %s\r\n%s\r\n", status, status == 200 ? "OK" : "X",
         headers);
    add(&h, body, body_len);
    return h;
}

static void put_response(FILE *out, codec c, unsigned id, const char *uri,
                         int status, const char *headers, const char *body,
                         size_t body_len)
{
    bytes http = http_response(status, headers, body, body_len);
    bytes rec =
        warc_record("response", id, uri, "application/http; msgtype=response",
                    http.data, http.len);
    put_record(out, c, &rec);
    free(rec.data);
    free(http.data);
}

static void put_simple(FILE *out, codec c, const char *type, unsigned id,
                       const char *uri, const char *content_type,
                       const char *block)
{
    bytes rec = warc_record(type, id, uri, content_type, block, strlen(block));
    put_record(out, c, &rec);
    free(rec.data);
}

/* body split into chunks of `size` bytes, chunked transfer coding */
static bytes chunked(const char *body, size_t len, size_t size)
{
    bytes out = {0};
    for (size_t at = 0; at < len; at += size) {
        size_t n = len - at < size ? len - at : size;
        addf(&out, "%zx;ext=1\r\n", n);
        add(&out, body + at, n);
        adds(&out, "\r\n");
    }
    adds(&out, "0\r\nX-Trailer: yes\r\n\r\n");
    return out;
}

/* "中文测试" in GBK, and the same in UTF-8 (for the tests to look for) */
static const char gbk_words[] = "\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4";

/* The records of mixed.warc*: ids 1-15; 2, 3, 6, 7, 8, 9, 12 and 15 are
 * documents. */
static void write_mixed(FILE *out, codec c)
{
    put_simple(out, c, "warcinfo", 1, NULL, "application/warc-fields",
               "software: genwarc\r\nformat: WARC File Format 1.1\r\n");
    const char *page = "<!DOCTYPE html><html><head><title>Plain page</title>"
                       "</head><body><p>A plain UTF-8 page.</p></body></html>";
    put_response(out, c, 2, "http://example.com/plain", 200,
                 "Content-Type: text/html; charset=utf-8\r\n", page,
                 strlen(page));
    bytes gbk = {0};
    adds(&gbk, "<html><head><title>GBK</title></head><body><p>");
    for (int i = 0; i < 20; i++)
        add(&gbk, gbk_words, sizeof gbk_words - 1);
    adds(&gbk, "</p></body></html>");
    put_response(out, c, 3, "http://example.cn/gbk", 200,
                 "Content-Type: text/html; charset=GBK\r\n", gbk.data, gbk.len);
    free(gbk.data);
    put_simple(out, c, "request", 4, "http://example.com/plain",
               "application/http; msgtype=request",
               "GET /plain HTTP/1.1\r\nHost: example.com\r\n\r\n");
    put_response(out, c, 5, "http://example.com/missing", 404,
                 "Content-Type: text/html\r\n", "<p>not found</p>", 16);
    const char *chunk_page = "<html><body><p>A page sent in chunks of "
                             "seven bytes, reassembled.</p></body></html>";
    bytes ch = chunked(chunk_page, strlen(chunk_page), 7);
    put_response(out, c, 6, "http://example.com/chunked", 200,
                 "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                 ch.data, ch.len);
    free(ch.data);
    const char *zipped = "<html><body><p>A gzip-encoded page, "
                         "decoded.</p></body></html>";
    bytes gz = gzip_bytes(zipped, strlen(zipped), 9);
    put_response(out, c, 7, "http://example.com/gzip", 200,
                 "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                 gz.data, gz.len);
    bytes both = chunked(gz.data, gz.len, 10);
    free(gz.data);
    put_response(out, c, 8, "<http://example.com/gzip-chunked>", 200,
                 "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"
                 "Transfer-Encoding: chunked\r\n",
                 both.data, both.len);
    free(both.data);
    put_response(out, c, 9, "http://example.fr/latin", 200,
                 "Content-Type: text/plain; charset=ISO-8859-1\r\n",
                 "Un caf\xe9 cr\xe8me.\n", 15);
    put_simple(out, c, "revisit", 10, "http://example.com/plain",
               "application/http; msgtype=response",
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
    put_simple(out, c, "metadata", 11, "http://example.com/plain",
               "application/warc-fields", "fetchTimeMs: 12\r\n");
    put_simple(out, c, "resource", 12, "file:///notes.txt", "text/plain",
               "Notes kept as a resource record.\n");
    const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    put_response(out, c, 13, "http://example.com/logo.png", 200,
                 "Content-Type: image/png\r\n", png, sizeof png - 1);
    put_response(out, c, 14, "http://example.com/old", 301,
                 "Location: http://example.com/new\r\n", "", 0);
    put_response(out, c, 15, "http://example.com/nostatus-type", 200,
                 "Server: x\r\n", "Text without a Content-Type.\n", 29);
}

/* ---- the test cases ---- */

static FILE *create(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

static void truncate_file(const char *dir, const char *name, long cut)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        exit(1);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    if (truncate(path, size - cut) != 0)
        exit(1);
}

/* Three good pages (ids 21, 22, 24), with the record with id 23
 * broken by `how`. */
static void write_broken(FILE *out, codec c, const char *how)
{
    put_response(out, c, 21, "http://example.com/a", 200,
                 "Content-Type: text/html\r\n", "<p>first</p>", 12);
    put_response(out, c, 22, "http://example.com/b", 200,
                 "Content-Type: text/html\r\n", "<p>second</p>", 13);
    if (strcmp(how, "length") == 0) { /* Content-Length 5 bytes too long */
        bytes http = http_response(200, "Content-Type: text/html\r\n",
                                   "<p>wrong length</p>", 19);
        bytes rec = {0};
        addf(&rec,
             "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: "
             "<urn:uuid:23>\r\nContent-Length: %zu\r\n\r\n",
             http.len + 5);
        add(&rec, http.data, http.len);
        adds(&rec, "\r\n\r\n");
        put_record(out, c, &rec);
        free(rec.data);
        free(http.data);
    } else if (strcmp(how, "garbage") == 0) { /* not a record at all */
        bytes junk = {0};
        adds(&junk, "this line is not a WARC record\r\nnor is this\r\n");
        put_record(out, c, &junk);
        free(junk.data);
    } else if (strcmp(how, "corrupt") == 0) { /* a damaged gzip member */
        bytes http = http_response(200, "Content-Type: text/html\r\n",
                                   "<p>damaged</p>", 14);
        bytes rec = warc_record("response", 23, "http://example.com/c",
                                "application/http", http.data, http.len);
        bytes z = gzip_bytes(rec.data, rec.len, 6);
        for (size_t i = 12; i < z.len - 8 && i < 40; i++)
            z.data[i] = (char)0xff; /* the deflate data, after the header */
        fwrite(z.data, 1, z.len, out);
        free(z.data);
        free(rec.data);
        free(http.data);
    }
    put_response(out, c, 24, "http://example.com/d", 200,
                 "Content-Type: text/html\r\n", "<p>fourth</p>", 13);
}

/* WET: conversion records of extracted text, after a warcinfo. */
static void write_wet(FILE *out, codec c)
{
    put_simple(out, c, "warcinfo", 30, NULL, "application/warc-fields",
               "isPartOf: genwarc\r\n");
    put_simple(out, c, "conversion", 31, "http://example.com/one", "text/plain",
               "First converted page.\nSecond line.\n");
    put_simple(out, c, "conversion", 32, "http://example.org/two", "text/plain",
               "Deuxi\xc3\xa8me page convertie.\n");
}

static void write_cases(const char *dir)
{
    mkdir(dir, 0777);
    static const struct {
        const char *name;
        codec c;
    } mixed[] = {{"mixed.warc", PLAIN},
                 {"mixed.warc.gz", GZIP},
                 {"mixed.warc.zst", ZSTD}};
    for (size_t i = 0; i < 3; i++) {
        FILE *f = create(dir, mixed[i].name);
        write_mixed(f, mixed[i].c);
        fclose(f);
    }
    /* the same bytes under a name that says nothing: found by magic */
    FILE *f = create(dir, "mixed.dat");
    write_mixed(f, PLAIN);
    fclose(f);
    /* truncated last records: cut inside the last page */
    f = create(dir, "truncated.warc.gz");
    write_broken(f, GZIP, "none");
    fclose(f);
    truncate_file(dir, "truncated.warc.gz", 20);
    f = create(dir, "truncated.warc");
    write_broken(f, PLAIN, "none");
    fclose(f);
    truncate_file(dir, "truncated.warc", 10);
    /* a bad record in the middle */
    f = create(dir, "badlength.warc");
    write_broken(f, PLAIN, "length");
    fclose(f);
    f = create(dir, "garbage.warc.gz");
    write_broken(f, GZIP, "garbage");
    fclose(f);
    f = create(dir, "corrupt.warc.gz");
    write_broken(f, GZIP, "corrupt");
    fclose(f);
    f = create(dir, "crawl.warc.wet.gz");
    write_wet(f, GZIP);
    fclose(f);
}

/* ---- the crawl-like benchmark file ---- */

static uint64_t rng_state;

static uint32_t next_random(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng_state >> 33);
}

static const char *const words[] = {
    "the",     "of",      "and",     "market",  "city",     "report",
    "growth",  "people",  "company", "said",    "year",     "new",
    "data",    "policy",  "local",   "service", "research", "public",
    "project", "support", "world",   "water",   "school",   "energy",
    "health",  "network", "council", "system",  "family",   "history",
    "经济",    "城市",    "发展",    "数据",    "研究",     "服务"};

static void page_text(bytes *b, size_t target)
{
    size_t n_words = sizeof words / sizeof words[0];
    size_t start = b->len;
    adds(b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
    for (int i = 0; i < 6; i++) {
        adds(b, words[next_random() % n_words]);
        adds(b, " ");
    }
    adds(b, "</title></head><body><nav><a href=\"/\">Home</a> "
            "<a href=\"/news\">News</a></nav><article>");
    while (b->len - start < target) {
        adds(b, "<p>");
        unsigned len = 20 + next_random() % 80;
        for (unsigned i = 0; i < len; i++) {
            adds(b, words[next_random() % n_words]);
            if (next_random() % 13 == 0)
                addf(b, " %u", next_random() % 10000);
            adds(b, i + 1 < len ? " " : ".");
        }
        adds(b, "</p>\n");
    }
    adds(b, "</article><footer>Copyright</footer></body></html>\n");
}

static uint64_t parse_size(const char *s)
{
    char *end;
    double n = strtod(s, &end);
    if (*end == 'K' || *end == 'k')
        n *= 1024;
    else if (*end == 'M' || *end == 'm')
        n *= 1024 * 1024;
    else if (*end == 'G' || *end == 'g')
        n *= 1024.0 * 1024 * 1024;
    return (uint64_t)n;
}

static void write_crawl(uint64_t want, uint64_t seed)
{
    rng_state = seed * 2654435761ULL + 1;
    FILE *out = stdout;
    put_simple(out, GZIP, "warcinfo", 1, NULL, "application/warc-fields",
               "software: genwarc\r\n");
    uint64_t made = 0;
    bytes page = {0};
    for (unsigned n = 0; made < want; n++) {
        char uri[128];
        snprintf(uri, sizeof uri, "http://site%u.example.com/page/%u",
                 next_random() % 500, n);
        char request[256];
        snprintf(request, sizeof request,
                 "GET /page/%u HTTP/1.1\r\nHost: example.com\r\n\r\n", n);
        put_simple(out, GZIP, "request", 3 * n + 2, uri,
                   "application/http; msgtype=request", request);
        page.len = 0;
        page_text(&page, 8000 + next_random() % 40000);
        put_response(out, GZIP, 3 * n + 3, uri, 200,
                     "Content-Type: text/html; charset=UTF-8\r\n"
                     "Server: nginx\r\n",
                     page.data, page.len);
        put_simple(out, GZIP, "metadata", 3 * n + 4, uri,
                   "application/warc-fields", "fetchTimeMs: 120\r\n");
        made += page.len + 600;
    }
    free(page.data);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "cases") == 0) {
        write_cases(argv[2]);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "crawl") == 0) {
        write_crawl(parse_size(argv[2]),
                    argc > 3 ? strtoull(argv[3], NULL, 10) : 1);
        return 0;
    }
    fprintf(stderr, "usage: genwarc cases DIR | genwarc crawl BYTES [SEED]\n");
    return 2;
}
