/* plugins/html/html_charset.c - which charset a raw HTML page is written
 * in: byte order mark, valid UTF-8, the declaration in a meta element, or
 * a sniff of the bytes.
 */
#include "html_internal.h"

#include <string.h>
#include <strings.h>

/* Charsets we name ourselves; a declared name is mapped onto one of them
 * so the returned string is always static. */
typedef struct charset_alias {
    const char *declared;
    const char *name;
} charset_alias;

static const charset_alias aliases[] = {
    {"utf-8", "UTF-8"},          {"utf8", "UTF-8"},
    {"gb2312", "GB18030"},       {"gbk", "GB18030"},
    {"gb18030", "GB18030"},      {"x-gbk", "GB18030"},
    {"cp936", "GB18030"},        {"euc-cn", "GB18030"},
    {"hz-gb-2312", "GB18030"},   {"big5", "BIG5"},
    {"big5-hkscs", "BIG5-HKSCS"}, {"x-big5", "BIG5"},
    {"shift_jis", "SHIFT_JIS"},  {"shift-jis", "SHIFT_JIS"},
    {"sjis", "SHIFT_JIS"},       {"euc-jp", "EUC-JP"},
    {"euc-kr", "EUC-KR"},        {"iso-8859-1", "windows-1252"},
    {"latin1", "windows-1252"},  {"us-ascii", "windows-1252"},
    {"windows-1252", "windows-1252"}, {"iso-8859-2", "ISO-8859-2"},
    {"iso-8859-15", "ISO-8859-15"}, {"windows-1251", "windows-1251"},
    {"koi8-r", "KOI8-R"},        {"windows-1250", "windows-1250"},
};

static const char *alias_of(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strlen(aliases[i].declared) == len &&
            strncasecmp(aliases[i].declared, name, len) == 0)
            return aliases[i].name;
    }
    return NULL;
}

/* Case-insensitive search for needle in s[0..len). */
static const char *find_nocase(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        if (strncasecmp(s + i, needle, n) == 0)
            return s + i;
    }
    return NULL;
}

/* The charset named after "charset=" in the first 4 KiB of the page (meta
 * charset or http-equiv content), or NULL. */
static const char *declared_charset(const char *raw, size_t len)
{
    size_t head = len < 4096 ? len : 4096;
    const char *at = raw, *end = raw + head;
    while ((at = find_nocase(at, (size_t)(end - at), "charset"))) {
        const char *p = at + 7;
        while (p < end && (*p == ' ' || *p == '='))
            p++;
        while (p < end && (*p == '"' || *p == '\''))
            p++;
        const char *name = p;
        while (p < end && (((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
                           (*p >= '0' && *p <= '9') || *p == '-' ||
                           *p == '_'))
            p++;
        const char *found = alias_of(name, (size_t)(p - name));
        if (found)
            return found;
        at = at + 7;
    }
    return NULL;
}

/* True when most high bytes form GBK-shaped pairs (lead 0x81-0xFE, trail
 * 0x40-0xFE). */
static int looks_double_byte(const unsigned char *s, size_t len)
{
    size_t pairs = 0, singles = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 0x80)
            continue;
        if (s[i] >= 0x81 && s[i] <= 0xFE && i + 1 < len && s[i + 1] >= 0x40 &&
            s[i + 1] <= 0xFE && s[i + 1] != 0x7F) {
            pairs++;
            i++;
        } else {
            singles++;
        }
    }
    return pairs > 0 && pairs >= 4 * singles;
}

const char *html_detect_charset(const char *raw, size_t len)
{
    const unsigned char *u = (const unsigned char *)raw;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return "UTF-8";
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "UTF-16LE";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "UTF-16BE";
    if (sl_utf8_validate(raw, len) == len)
        return "UTF-8";
    const char *declared = declared_charset(raw, len);
    if (declared && strcmp(declared, "UTF-8") != 0)
        return declared;
    return looks_double_byte(u, len) ? "GB18030" : "windows-1252";
}
