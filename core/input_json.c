/* core/input_json.c - the fast JSONL record parser (see input_json.h):
 * the parser's state and its scratch buffer, keys and strings decoded
 * (their bodies by input_json_escape.c), numbers, arrays and objects built
 * as jansson values, and the top-level members, where the text field's
 * string is decoded straight into the document's arena
 * (input_json_text.c) and the id field's string copied there.
 */
#include "input_json_internal.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "docs.h"
#include "input_record.h"

/* Nesting the fast path accepts; deeper records go to jansson. */
#define FAST_MAX_DEPTH 256

typedef struct parser {
    const char *s;
    size_t len, pos;
    int depth;
    bool give_up;
    bool no_memory;
    char *scratch; /* decoded keys and strings: small, or on the heap */
    size_t scratch_cap;
    char small[256]; /* the scratch of most records: no allocation */
} parser;

static void *give_up(parser *p)
{
    p->give_up = true;
    return NULL;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

/* Finds the end of the string whose body starts at p->pos (after the
 * opening quote). Returns the index of the closing quote, or len when the
 * string is malformed; *escaped tells whether it holds escapes. */
static size_t string_end(parser *p, bool *escaped)
{
    size_t i = p->pos;
    *escaped = false;
    for (;;) {
        i = sl_json_scan_plain(p->s, i, p->len);
        if (i >= p->len)
            return p->len;
        char c = p->s[i];
        if (c == '"')
            return i;
        if (c != '\\')
            return p->len; /* a raw control character */
        *escaped = true;
        i += 2;
    }
}

static bool reserve_scratch(parser *p, size_t need)
{
    if (need <= p->scratch_cap)
        return true;
    size_t cap = p->scratch_cap * 2;
    while (cap < need)
        cap *= 2;
    char *grown =
        p->scratch == p->small ? malloc(cap) : realloc(p->scratch, cap);
    if (!grown) {
        p->no_memory = true;
        return false;
    }
    /* the scratch holds nothing to keep between two strings */
    p->scratch = grown;
    p->scratch_cap = cap;
    return true;
}

/* Decodes the string at p->pos (on its opening quote) into the scratch
 * buffer, NUL-terminated. Returns its length, or (size_t)-1 (give_up or
 * no_memory set). */
static size_t decode_string(parser *p)
{
    p->pos++;
    bool escaped;
    size_t end = string_end(p, &escaped);
    if (end >= p->len) {
        p->give_up = true;
        return (size_t)-1;
    }
    size_t raw = end - p->pos;
    if (!sl_json_is_ascii(p->s + p->pos, raw) &&
        sl_input_first_bad_byte(p->s + p->pos, raw) != raw) {
        p->give_up = true; /* the caller's check describes the byte */
        return (size_t)-1;
    }
    if (!reserve_scratch(p, raw + 1))
        return (size_t)-1;
    size_t n = raw;
    if (escaped)
        n = sl_json_decode_escapes(p->s, p->pos, end, p->scratch);
    else
        memcpy(p->scratch, p->s + p->pos, raw);
    if (n == (size_t)-1) {
        p->give_up = true;
        return n;
    }
    p->scratch[n] = '\0';
    p->pos = end + 1;
    return n;
}

static json_t *check_made(parser *p, json_t *value)
{
    if (!value)
        p->no_memory = true;
    return value;
}

static json_t *parse_value(parser *p);

static json_t *parse_string_value(parser *p)
{
    size_t n = decode_string(p);
    if (n == (size_t)-1)
        return NULL;
    return check_made(p, json_stringn_nocheck(p->scratch, n));
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static json_t *parse_number(parser *p)
{
    size_t start = p->pos, i = p->pos;
    bool real = false;
    if (i < p->len && p->s[i] == '-')
        i++;
    if (i >= p->len || !is_digit(p->s[i]))
        return give_up(p);
    if (p->s[i] == '0' && i + 1 < p->len && is_digit(p->s[i + 1]))
        return give_up(p);
    while (i < p->len && is_digit(p->s[i]))
        i++;
    if (i < p->len && p->s[i] == '.') {
        real = true;
        i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return give_up(p);
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        real = true;
        i++;
        if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        if (i >= p->len || !is_digit(p->s[i]))
            return give_up(p);
        while (i < p->len && is_digit(p->s[i]))
            i++;
    }
    char token[64];
    size_t n = i - start;
    if (n >= sizeof token)
        return give_up(p);
    memcpy(token, p->s + start, n);
    token[n] = '\0';
    p->pos = i;
    errno = 0;
    if (!real) {
        long long v = strtoll(token, NULL, 10);
        if (errno == ERANGE)
            return give_up(p);
        return check_made(p, json_integer((json_int_t)v));
    }
    if (localeconv()->decimal_point[0] != '.')
        return give_up(p);
    double d = strtod(token, NULL);
    if (errno == ERANGE)
        return give_up(p);
    return check_made(p, json_real(d));
}

static bool take_word(parser *p, const char *word, size_t n)
{
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return false;
    p->pos += n;
    return true;
}

static json_t *parse_array(parser *p)
{
    p->pos++;
    json_t *array = check_made(p, json_array());
    if (!array)
        return NULL;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return array;
    }
    for (;;) {
        json_t *item = parse_value(p);
        if (!item || json_array_append_new(array, item) < 0) {
            if (item)
                p->no_memory = true;
            json_decref(array);
            return NULL;
        }
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            return array;
        }
        json_decref(array);
        return give_up(p);
    }
}

/* Called for each member of an object; returns false to stop. */
typedef bool (*member_fn)(parser *p, json_t *object, const char *key,
                          size_t key_len, void *user);

/* Puts value (a new reference, or NULL when making it failed) into
 * object as key. Returns false when it is not there. */
static bool put_member(parser *p, json_t *object, const char *key,
                       json_t *value)
{
    if (!value)
        return false;
    if (json_object_set_new_nocheck(object, key, value) < 0) {
        p->no_memory = true;
        return false;
    }
    return true;
}

static bool store_member(parser *p, json_t *object, const char *key,
                         size_t key_len, void *user)
{
    (void)user;
    (void)key_len;
    return put_member(p, object, key, parse_value(p));
}

static json_t *parse_members(parser *p, member_fn member, void *user)
{
    if (p->pos >= p->len || p->s[p->pos] != '{')
        return give_up(p);
    p->pos++;
    json_t *object = check_made(p, json_object());
    if (!object)
        return NULL;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return object;
    }
    for (;;) {
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != '"')
            break;
        size_t key_len = decode_string(p);
        if (key_len == (size_t)-1)
            break;
        if (memchr(p->scratch, '\0', key_len)) {
            p->give_up = true;
            break;
        }
        char key_small[128];
        char *key =
            key_len < sizeof key_small ? key_small : malloc(key_len + 1);
        if (!key) {
            p->no_memory = true;
            break;
        }
        memcpy(key, p->scratch, key_len + 1);
        skip_space(p);
        bool ok = p->pos < p->len && p->s[p->pos] == ':';
        if (ok) {
            p->pos++;
            skip_space(p);
            ok = member(p, object, key, key_len, user);
        } else {
            p->give_up = true;
        }
        if (key != key_small)
            free(key);
        if (!ok)
            break;
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            return object;
        }
        p->give_up = true;
        break;
    }
    if (!p->no_memory)
        p->give_up = true;
    json_decref(object);
    return NULL;
}

static json_t *parse_value(parser *p)
{
    if (++p->depth > FAST_MAX_DEPTH)
        return give_up(p);
    json_t *value = NULL;
    skip_space(p);
    char c = p->pos < p->len ? p->s[p->pos] : '\0';
    if (c == '"')
        value = parse_string_value(p);
    else if (c == '{')
        value = parse_members(p, store_member, NULL);
    else if (c == '[')
        value = parse_array(p);
    else if (c == '-' || is_digit(c))
        value = parse_number(p);
    else if (take_word(p, "true", 4))
        value = check_made(p, json_true());
    else if (take_word(p, "false", 5))
        value = check_made(p, json_false());
    else if (take_word(p, "null", 4))
        value = check_made(p, json_null());
    else
        give_up(p);
    p->depth--;
    return value;
}

typedef struct text_target {
    const char *field;
    sl_doc *doc;
    bool found;
    bool in_object;        /* the field is in the object too: a value of it that
                              was not a string, and no string after it */
    sl_json_chunks chunks; /* the loops that decode the text */
    const char *id_field;  /* NULL: the id is left in the object */
    bool id_seen;          /* the id field came once already */
    bool id_found;         /* its string is the document's id */
} text_target;

/* The id field's member: a string that makes an id (not empty, no NUL)
 * is copied into the arena as the document's id, instead of a jansson
 * string that the reader would copy and delete; any other value goes
 * into the object for the reader to judge. A second id field makes the
 * parser give up (jansson keeps the later one). */
static bool id_member(parser *p, json_t *object, const char *key,
                      size_t key_len, text_target *target)
{
    if (target->id_seen) {
        p->give_up = true;
        return false;
    }
    target->id_seen = true;
    if (p->pos >= p->len || p->s[p->pos] != '"')
        return store_member(p, object, key, key_len, NULL);
    size_t n = decode_string(p);
    if (n == (size_t)-1)
        return false;
    if (n == 0 || memchr(p->scratch, '\0', n)) /* no id: the reader's */
        return put_member(p, object, key,
                          check_made(p, json_stringn_nocheck(p->scratch, n)));
    if (sl_doc_set_id_copy(target->doc, p->scratch, n) < 0) {
        p->no_memory = true;
        return false;
    }
    target->id_found = true;
    return true;
}

/* Top-level members: the text field's string goes into the arena, and
 * so does the id field's (id_member). */
static bool top_member(parser *p, json_t *object, const char *key,
                       size_t key_len, void *user)
{
    text_target *target = user;
    if (target->id_field && strcmp(key, target->id_field) == 0)
        return id_member(p, object, key, key_len, target);
    bool is_field = strcmp(key, target->field) == 0;
    if (!is_field || p->pos >= p->len || p->s[p->pos] != '"') {
        if (is_field)
            target->in_object = true;
        return store_member(p, object, key, key_len, NULL);
    }
    p->pos++;
    /* decoded straight into the arena, in one pass: the text is at most
     * the rest of the line */
    size_t room = p->len - p->pos;
    char *text = sl_arena_alloc_unset(target->doc->arena, room + 1);
    if (!text) {
        p->no_memory = true;
        return false;
    }
    size_t end;
    size_t n =
        sl_json_decode_text(p->s, p->pos, p->len, text, &end, target->chunks);
    if (n == (size_t)-1) {
        p->give_up = true;
        return false;
    }
    text[n] = '\0';
    target->doc->raw = text;
    target->doc->raw_len = n;
    target->found = true;
    p->pos = end + 1;
    if (target->in_object) /* a later duplicate wins, as in jansson */
        json_object_del(object, key);
    target->in_object = false;
    return true;
}

sl_json_fast_result sl_json_fast_record(const char *s, size_t len,
                                        const char *text_field,
                                        const char *id_field, sl_doc *doc,
                                        json_t **record, bool *has_text,
                                        bool *has_id)
{
    parser p = {.s = s, .len = len};
    p.scratch = p.small;
    p.scratch_cap = sizeof p.small;
    text_target target = {.field = text_field,
                          .doc = doc,
                          .chunks = sl_json_has_avx2() ? SL_JSON_CHUNKS_AVX2
                                                       : SL_JSON_CHUNKS_SSE2,
                          .id_field = id_field};
    *record = NULL;
    *has_text = false;
    *has_id = false;
    skip_space(&p);
    json_t *object = parse_members(&p, top_member, &target);
    if (object) {
        skip_space(&p);
        if (p.pos != p.len) {
            json_decref(object);
            object = NULL;
            p.give_up = true;
        }
    }
    if (p.scratch != p.small)
        free(p.scratch);
    if (object && target.in_object) {
        /* the text field came again, not as a string: jansson decides */
        json_decref(object);
        object = NULL;
        p.give_up = true;
    }
    if (!object)
        return p.no_memory ? SL_JSON_FAST_NO_MEMORY : SL_JSON_FAST_GIVE_UP;
    *record = object;
    *has_text = target.found;
    *has_id = target.id_found;
    return SL_JSON_FAST_OK;
}
