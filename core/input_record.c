/* core/input_record.c - checks shared by every format, and documents made
 * from whole files (see input_record.h).
 */
#include "input_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "docs.h"
#include "input_charset.h"
#include "input_error.h"
#include "utf8_valid.h"

/* Why the sequence at s[0..len) (len >= 1, s[0] not valid there) is not
 * UTF-8. */
static const char *describe_invalid(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (sl_utf8_is_continuation(c))
        return "stray continuation byte";
    if (c == 0xC0 || c == 0xC1)
        return "overlong encoding";
    if (c >= 0xF5)
        return "invalid byte";
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (len >= 2 && sl_utf8_is_continuation(s[1])) {
        if (c == 0xE0 && s[1] < 0xA0)
            return "overlong encoding";
        if (c == 0xF0 && s[1] < 0x90)
            return "overlong encoding";
        if (c == 0xED && s[1] >= 0xA0)
            return "UTF-16 surrogate";
        if (c == 0xF4 && s[1] >= 0x90)
            return "code point above U+10FFFF";
    }
    for (size_t i = 1; i < need; i++)
        if (i >= len || !sl_utf8_is_continuation(s[i]))
            return "truncated sequence";
    return "invalid byte";
}

static void describe_bytes(sl_bad_byte *bad, const char *s, size_t len)
{
    size_t n = len - bad->at < 4 ? len - bad->at : 4;
    size_t used = 0;
    bad->bytes[0] = '\0';
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(bad->bytes + used, sizeof bad->bytes - used,
                                 i ? " %02x" : "%02x",
                                 (unsigned char)s[bad->at + i]);
}

/* True for a three-byte sequence whose lead byte (0xE1..0xEC, 0xEE,
 * 0xEF) accepts any two continuation bytes: valid without the range
 * checks of sl_utf8_sequence_length (CJK ideographs and punctuation). */
static bool is_plain_three_byte(const unsigned char *u, size_t len)
{
    if (len < 3) /* u may be the end of the text: nothing to read */
        return false;
    unsigned char c = u[0];
    return c >= 0xE1 && c <= 0xEF && c != 0xED &&
           sl_utf8_is_continuation(u[1]) && sl_utf8_is_continuation(u[2]);
}

#ifdef __SSE2__
/* Moves i (a character boundary, i >= 2) past the 16-byte chunks that
 * hold only ASCII without NUL and the three-byte sequences of
 * is_plain_three_byte: every byte is ASCII, such a lead, or a
 * continuation byte, and a byte is a continuation exactly when one of
 * the two before it is such a lead. Returns the new i, which may fall
 * inside a character whose lead is in the last two bytes of the last
 * chunk, its continuation bytes not checked. */
static size_t skip_plain_chunks(const unsigned char *u, size_t len, size_t i)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i first_lead = _mm_set1_epi8((char)0xC0);
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i back1 =
            _mm_loadu_si128((const __m128i *)(const void *)(u + i - 1));
        __m128i back2 =
            _mm_loadu_si128((const __m128i *)(const void *)(u + i - 2));
        __m128i ascii = _mm_cmpgt_epi8(v, zero);              /* 0x01..0x7F */
        __m128i continuation = _mm_cmplt_epi8(v, first_lead); /* 0x80..0xBF */
        __m128i after_lead =
            _mm_or_si128(sl_utf8_plain_three_byte_leads(back1),
                         sl_utf8_plain_three_byte_leads(back2));
        __m128i known = _mm_or_si128(_mm_or_si128(ascii, continuation),
                                     sl_utf8_plain_three_byte_leads(v));
        __m128i misplaced = _mm_xor_si128(continuation, after_lead);
        if (_mm_movemask_epi8(known) != 0xFFFF ||
            _mm_movemask_epi8(misplaced) != 0)
            break;
        i += 16;
    }
    return i;
}
#endif

/* Offset of the first byte that is NUL or not valid UTF-8, or len. With
 * SSE2, text of ASCII and three-byte characters (Chinese) is checked 16
 * bytes at a time, and the rest, from the first chunk that is neither,
 * a character at a time for at least 16 bytes before trying again.
 * Without it, ASCII is checked eight bytes at a time. */
size_t sl_input_first_bad_byte(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t highs = 0x8080808080808080ULL;
    size_t i = 0;
#ifdef __SSE2__
    size_t next_chunks = 2; /* where skip_plain_chunks is tried next */
#endif
    while (i < len) {
#ifdef __SSE2__
        if (i >= next_chunks) {
            size_t start = i;
            i = skip_plain_chunks(u, len, i);
            /* the last chunk's last character may go on past it (or past
             * the end): back to its lead, checked again below */
            if (i > start && u[i - 1] >= 0xE0)
                i -= 1;
            else if (i > start && u[i - 2] >= 0xE0)
                i -= 2;
            next_chunks = i + 16;
        }
#endif
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if ((w & highs) || ((w - ones) & ~w & highs))
                break; /* a non-ASCII or a zero byte */
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = u[i];
        if (c == 0)
            return i;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (is_plain_three_byte(u + i, len - i)) { /* most Han text */
            /* a run of them, without trying eight ASCII bytes between */
            do
                i += 3;
            while (is_plain_three_byte(u + i, len - i));
            continue;
        }
        size_t n = sl_utf8_sequence_length(u + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

bool sl_input_text_ok(const char *s, size_t len, sl_bad_byte *bad)
{
    size_t at = sl_input_first_bad_byte(s, len);
    if (at == len)
        return true;
    bad->at = at;
    if (s[at] == '\0')
        bad->what = "NUL byte";
    else
        bad->what = describe_invalid((const unsigned char *)s + at, len - at);
    describe_bytes(bad, s, len);
    return false;
}

size_t sl_input_skip_bom(const char **s, size_t *len)
{
    if (*len >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0) {
        *s += 3;
        *len -= 3;
        return 3;
    }
    return 0;
}

static size_t skip_html_space(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                       s[i] == '\r' || s[i] == '\f'))
        i++;
    return i;
}

/* The first occurrence of needle (n bytes, n > 0) in s[0..len), or
 * NULL. */
static const char *find_bytes(const char *s, size_t len, const char *needle,
                              size_t n)
{
    const char *end = s + len;
    while ((size_t)(end - s) >= n) {
        const char *hit = memchr(s, needle[0], (size_t)(end - s) - n + 1);
        if (!hit)
            return NULL;
        if (memcmp(hit, needle, n) == 0)
            return hit;
        s = hit + 1;
    }
    return NULL;
}

/* Moves past "<!--...-->" or "<?...?>" at s[i], if there is one. Returns
 * the new position, or i when none is there or it does not end. */
static size_t skip_comment(const char *s, size_t len, size_t i)
{
    const char *end;
    if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
        end = find_bytes(s + i + 4, len - i - 4, "-->", 3);
        return end ? (size_t)(end - s) + 3 : i;
    }
    if (len - i >= 2 && memcmp(s + i, "<?", 2) == 0) {
        end = find_bytes(s + i + 2, len - i - 2, "?>", 2);
        return end ? (size_t)(end - s) + 2 : i;
    }
    return i;
}

bool sl_input_looks_like_html(const char *s, size_t len)
{
    sl_input_skip_bom(&s, &len);
    size_t i = skip_html_space(s, len, 0);
    for (;;) { /* comments and an XML declaration may come first */
        size_t next = skip_comment(s, len, i);
        if (next == i)
            break;
        i = skip_html_space(s, len, next);
    }
    s += i;
    len -= i;
    return (len >= 9 && strncasecmp(s, "<!DOCTYPE", 9) == 0) ||
           (len >= 5 && strncasecmp(s, "<html", 5) == 0);
}

uint64_t sl_input_count_lines(const char *s, size_t len)
{
    uint64_t n = 0;
    const char *end = s + len;
    while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        n++;
        s++;
    }
    return n;
}

sl_content_type sl_input_content_type(const sl_input_config *cfg,
                                      bool html_by_name, const char *text,
                                      size_t len)
{
    const char *want = cfg->content_type;
    if (want && strcmp(want, "text") == 0)
        return SL_CONTENT_TEXT;
    if (want && strcmp(want, "html") == 0)
        return SL_CONTENT_HTML;
    if (html_by_name || sl_input_looks_like_html(text, len))
        return SL_CONTENT_HTML;
    return SL_CONTENT_TEXT;
}

/* The page converted from the configured charset, else the charset its
 * transport declared (transport, or NULL), else its own declared or
 * guessed one, when that gives valid UTF-8 without NUL bytes; else NULL.
 * charset gets the name used, ignored a declaration the bytes belied. */
static char *utf8_from_declared(const sl_input_config *cfg,
                                const char *transport, const char *text,
                                size_t len, char *charset, size_t cap,
                                char *ignored, size_t ignored_cap)
{
    size_t out_len;
    char *out = NULL;
    ignored[0] = '\0';
    if (cfg->charset && cfg->charset[0]) {
        out = sl_input_html_from_charset(text, len, cfg->charset, &out_len);
        snprintf(charset, cap, "%s", cfg->charset);
    } else {
        if (transport && transport[0]) {
            out = sl_input_transport_to_utf8(text, len, transport, &out_len);
            snprintf(charset, cap, "%s", transport);
        }
        if (!out) {
            out = sl_input_html_to_utf8(text, len, &out_len, charset, cap,
                                        ignored, ignored_cap);
            if (transport && transport[0] && !ignored[0])
                snprintf(ignored, ignored_cap, "%s", transport);
        }
    }
    sl_bad_byte bad;
    if (out && !sl_input_text_ok(out, out_len, &bad)) {
        free(out);
        out = NULL;
    }
    return out;
}

static void report_bad_byte(sl_read_error *err, const char *reader,
                            const char *path, const sl_input_record *rec,
                            const char *text, size_t bom,
                            const sl_bad_byte *bad, const char *charset)
{
    uint64_t offset = rec->offset + bom + bad->at;
    uint64_t line = 1 + sl_input_count_lines(text, bad->at);
    if (strcmp(bad->what, "NUL byte") == 0)
        sl_input_error_set(err, reader, path, line, offset,
                           "NUL byte at byte offset %llu",
                           (unsigned long long)offset);
    else if (charset)
        sl_input_error_set(err, reader, path, line, offset,
                           "invalid UTF-8 at byte offset %llu (%s: %s), and "
                           "the page does not convert from its declared or "
                           "guessed charset",
                           (unsigned long long)offset, bad->what, bad->bytes);
    else
        sl_input_error_set(err, reader, path, line, offset,
                           "invalid UTF-8 at byte offset %llu (%s: %s)",
                           (unsigned long long)offset, bad->what, bad->bytes);
    sl_input_error_set_record(err, rec->text, rec->len);
}

int sl_input_file_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                      const char *reader, bool html_by_name,
                      const sl_input_record *rec, sl_read_error *err)
{
    return sl_input_page_doc(doc, cfg, path, reader, html_by_name, NULL, rec,
                             err);
}

int sl_input_page_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                      const char *reader, bool html_by_name,
                      const char *transport_charset, const sl_input_record *rec,
                      sl_read_error *err)
{
    if (rec->too_long) {
        sl_input_error_set(err, reader, path, 0, rec->offset,
                           "file holds more than max_doc_bytes (%llu) bytes; "
                           "refused",
                           (unsigned long long)cfg->max_doc_bytes);
        sl_input_error_set_cut_record(err, rec->text, rec->len, 0, NULL);
        return -1;
    }
    const char *text = rec->text;
    size_t len = rec->len;
    size_t bom = sl_input_skip_bom(&text, &len);
    char charset[64] = "", ignored[64] = "";
    char *converted = NULL;
    const char *wide = bom ? NULL : sl_input_unicode_bom(text, len, &bom);
    if (wide) {
        size_t wide_len;
        converted =
            sl_input_html_from_charset(text + bom, len - bom, wide, &wide_len);
        if (!converted) {
            sl_input_error_set(err, reader, path, 0, rec->offset,
                               "starts with a %s byte order mark but does "
                               "not decode as %s",
                               wide, wide);
            sl_input_error_set_record(err, rec->text, rec->len);
            return -1;
        }
        snprintf(charset, sizeof charset, "%s", wide);
        text = converted;
        len = wide_len;
    }
    sl_content_type type = sl_input_content_type(cfg, html_by_name, text, len);
    sl_bad_byte bad;
    if (!sl_input_text_ok(text, len, &bad)) {
        bool decodable = type == SL_CONTENT_HTML || transport_charset;
        if (!wide && decodable && strcmp(bad.what, "NUL byte") != 0)
            converted =
                utf8_from_declared(cfg, transport_charset, text, len, charset,
                                   sizeof charset, ignored, sizeof ignored);
        if (!converted || wide) {
            report_bad_byte(err, reader, path, rec, text, bom, &bad,
                            decodable ? "page" : NULL);
            free(converted);
            return -1;
        }
        text = converted;
        len = strlen(converted);
    }
    int failed =
        sl_doc_set_raw_copy(doc, text, len) < 0 ||
        sl_doc_set_id_copy(doc, path, strlen(path)) < 0 ||
        sl_doc_set_source_copy(doc, path) < 0 ||
        (converted &&
         json_object_set_new(doc->meta, "charset", json_string(charset)) < 0) ||
        (ignored[0] && json_object_set_new(doc->meta, "charset_declared",
                                           json_string(ignored)) < 0);
    free(converted);
    if (failed) {
        sl_input_error_set(err, reader, path, 0, rec->offset, "out of memory");
        return -1;
    }
    doc->content_type = type;
    doc->source_line = 0;
    doc->source_offset = rec->offset;
    return 0;
}
