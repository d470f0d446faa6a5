/* plugins/html/html_jsonld.c - the page's JSON-LD (<script
 * type="application/ld+json">): author.name, datePublished, publisher.name,
 * url and inLanguage of the article it describes, read before the scripts
 * are stripped. Scripts that are not valid JSON are skipped.
 */
#include "html_meta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

enum {
    MAX_DEPTH = 6,
    MAX_SCRIPTS = 8,
    MAX_AUTHORS = 3,
    MAX_SCRIPT_BYTES = 1 << 20 /* larger scripts are not read twice */
};

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* A name from a string, an object with "name", or an array of those
 * (up to MAX_AUTHORS, joined with ", "). */
static void offer_names(html_meta *m, html_meta_slot slot, json_t *v)
{
    char buf[512];
    size_t n = 0, count = 0;
    json_t *one = v;
    size_t total = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < total && count < MAX_AUTHORS; i++) {
        if (json_is_array(v))
            one = json_array_get(v, i);
        const char *name =
            json_is_string(one) ? json_string_value(one) : str(one, "name");
        if (!name || !name[0])
            continue;
        size_t l = strlen(name);
        if (n + l + 3 >= sizeof buf)
            break;
        if (n) {
            buf[n++] = ',';
            buf[n++] = ' ';
        }
        memcpy(buf + n, name, l + 1);
        n += l;
        count++;
    }
    if (n)
        html_meta_offer(m, slot, 0, buf, n);
}

static int article_type(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    const char *name = json_string_value(t);
    if (json_is_array(t))
        name = json_string_value(json_array_get(t, 0));
    if (!name)
        return 0;
    return strstr(name, "Article") != NULL || strstr(name, "Posting") != NULL ||
           strcmp(name, "WebPage") == 0 || strcmp(name, "Report") == 0;
}

static void read_object(html_meta *m, json_t *o, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    if (json_is_array(o)) {
        for (size_t i = 0; i < json_array_size(o); i++)
            read_object(m, json_array_get(o, i), depth + 1);
        return;
    }
    if (!json_is_object(o))
        return;
    json_t *graph = json_object_get(o, "@graph");
    if (graph)
        read_object(m, graph, depth + 1);
    /* the article itself, or any object that states a publication date
     * (including the "pubDate" of Baidu's cambrian context) */
    const char *date = str(o, "datePublished");
    if (!date)
        date = str(o, "pubDate");
    if (!date && !article_type(o))
        return;
    int rank = article_type(o) ? 0 : 1;
    if (date)
        html_meta_offer(m, MS_DATE_LD, rank, date, strlen(date));
    json_t *author = json_object_get(o, "author");
    if (!author)
        author = json_object_get(o, "creator");
    if (author)
        offer_names(m, MS_AUTHOR_LD, author);
    json_t *publisher = json_object_get(o, "publisher");
    const char *site = json_is_string(publisher) ? json_string_value(publisher)
                                                 : str(publisher, "name");
    if (site)
        html_meta_offer(m, MS_SITE_LD, rank, site, strlen(site));
    const char *url = str(o, "url");
    if (!url)
        url = str(o, "mainEntityOfPage");
    if (!url)
        url = str(json_object_get(o, "mainEntityOfPage"), "@id");
    if (url)
        html_meta_offer(m, MS_URL_LD, rank, url, strlen(url));
    const char *lang = str(o, "inLanguage");
    if (lang)
        html_meta_offer(m, MS_LANG_META, 3, lang, strlen(lang));
}

static const char *find_ci(const char *s, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    for (const char *p = s; p + n <= end; p++) {
        p = memchr(p, lit[0], (size_t)(end - p));
        if (!p || p + n > end)
            return NULL;
        if (strncasecmp(p, lit, n) == 0)
            return p;
    }
    return NULL;
}

/* The script's JSON; many pages put raw line breaks and tabs inside
 * strings, which JSON forbids, so a script that fails is read again with
 * control characters turned into spaces. */
static json_t *load(const char *s, size_t n)
{
    json_error_t err;
    const size_t flags = JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK;
    json_t *root = json_loadb(s, n, flags, &err);
    if (root || n > MAX_SCRIPT_BYTES)
        return root;
    char *copy = malloc(n ? n : 1);
    if (!copy)
        return NULL;
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        changed |= c < 0x20;
        copy[i] = c < 0x20 ? ' ' : (char)c;
    }
    if (changed)
        root = json_loadb(copy, n, flags, &err);
    free(copy);
    return root;
}

void html_meta_jsonld(html_meta *m, const char *raw, size_t len)
{
    const char *end = raw + len, *p = raw;
    for (int k = 0; k < MAX_SCRIPTS; k++) {
        /* '+' is rare in markup: find it, then the name around it */
        const char *hit = NULL;
        for (const char *q = p; q < end && !hit; q++) {
            q = memchr(q, '+', (size_t)(end - q));
            if (!q)
                break;
            if (q - p >= 2 && end - q >= 5 &&
                strncasecmp(q - 2, "ld+json", 7) == 0)
                hit = q - 2;
        }
        if (!hit)
            return;
        const char *gt = memchr(hit, '>', (size_t)(end - hit));
        if (!gt)
            return;
        /* the type must sit inside a <script ...> tag */
        const char *lt = hit;
        while (lt > p && *lt != '<' && *lt != '>')
            lt--;
        p = gt + 1;
        if (*lt != '<' || strncasecmp(lt, "<script", 7) != 0)
            continue;
        const char *close = find_ci(p, end, "</script");
        if (!close)
            return;
        json_t *root = load(p, (size_t)(close - p));
        if (root) {
            read_object(m, root, 0);
            json_decref(root);
        }
        p = close;
    }
}
