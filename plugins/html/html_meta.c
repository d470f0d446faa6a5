/* plugins/html/html_meta.c - a page's metadata: gathers candidates from
 * the markup as the walker meets the elements (<html lang>, <meta>,
 * <link rel=canonical>, <time>), keeps the most trusted one per source,
 * then chooses author, published, site, url and lang from all sources
 * (JSON-LD and markup first, then what the page writes near the title)
 * and writes them into the document's metadata. A field the page does
 * not give is left as it was.
 */
#include "html_meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { NAME_MAX_BYTES = 64, VALUE_MAX_BYTES = 2048 };

void html_meta_offer(html_meta *m, html_meta_slot slot, int rank, const char *s,
                     size_t n)
{
    while (n > 0 && isspace((unsigned char)*s))
        s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || n > VALUE_MAX_BYTES)
        return;
    if (m->value[slot] && m->rank[slot] <= rank)
        return;
    char *copy = malloc(n + 1);
    if (!copy) {
        m->failed = 1;
        return;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    free(m->value[slot]);
    m->value[slot] = copy;
    m->rank[slot] = rank;
}

static void offer_str(html_meta *m, html_meta_slot slot, int rank,
                      const char *s)
{
    if (s)
        html_meta_offer(m, slot, rank, s, strlen(s));
}

/* key lower-cased and without white space into out. */
static void normal_key(const char *key, char *out)
{
    size_t o = 0;
    for (; *key && o + 1 < NAME_MAX_BYTES; key++) {
        unsigned char c = (unsigned char)*key;
        if (!isspace(c))
            out[o++] = (char)tolower(c);
    }
    out[o] = '\0';
}

typedef struct key_rule {
    const char *key;
    html_meta_slot slot;
    int rank;
} key_rule;

static const key_rule meta_keys[] = {
    {"author", MS_AUTHOR_META, 0},
    {"article:author", MS_AUTHOR_META, 1},
    {"og:article:author", MS_AUTHOR_META, 1},
    {"dc.creator", MS_AUTHOR_META, 2},
    {"dc:creator", MS_AUTHOR_META, 2},
    {"dcterms.creator", MS_AUTHOR_META, 2},
    {"byl", MS_AUTHOR_META, 3},
    {"sailthru.author", MS_AUTHOR_META, 3},
    {"parsely-author", MS_AUTHOR_META, 3},
    {"article:published_time", MS_DATE_META, 0},
    {"og:article:published_time", MS_DATE_META, 0},
    {"og:published_time", MS_DATE_META, 0},
    {"datepublished", MS_DATE_META, 1},
    {"pubdate", MS_DATE_META, 2},
    {"publishdate", MS_DATE_META, 2},
    {"publish_date", MS_DATE_META, 2},
    {"publish-date", MS_DATE_META, 2},
    {"publication_date", MS_DATE_META, 2},
    {"published_time", MS_DATE_META, 2},
    {"publishtime", MS_DATE_META, 2},
    {"publish_time", MS_DATE_META, 2},
    {"citation_publication_date", MS_DATE_META, 3},
    {"dc.date.issued", MS_DATE_META, 3},
    {"dcterms.issued", MS_DATE_META, 3},
    {"dcterms.created", MS_DATE_META, 4},
    {"dc.date", MS_DATE_META, 4},
    {"date", MS_DATE_META, 5},
    {"sailthru.date", MS_DATE_META, 5},
    {"parsely-pub-date", MS_DATE_META, 5},
    {"weibo:article:create_at", MS_DATE_META, 6},
    {"apub:time", MS_DATE_META, 6},
    {"og:time", MS_DATE_META, 7},
    {"og:release_date", MS_DATE_META, 7},
    /* schema.org's Question, Answer and Comment carry dateCreated; the
     * first one met is the question's (a thread's opener) */
    {"datecreated", MS_DATE_CREATED, 0},
    {"og:site_name", MS_SITE_OG, 0},
    {"application-name", MS_SITE_APP, 0},
    {"apple-mobile-web-app-title", MS_SITE_APP, 1},
    {"og:url", MS_URL_OG, 0},
    {"content-language", MS_LANG_META, 0},
    {"og:locale", MS_LANG_META, 1},
    {"dc.language", MS_LANG_META, 2},
    {"language", MS_LANG_META, 2},
};

static void read_meta(html_meta *m, const char **attrs)
{
    const char *content = NULL;
    char keys[4][NAME_MAX_BYTES];
    size_t n_keys = 0;
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = attrs[i], *value = attrs[i + 1];
        if (!value)
            continue;
        if (strcmp(name, "content") == 0) {
            content = value;
        } else if (strcmp(name, "property") == 0) {
            /* property="dc:creator twitter:site_name": each token */
            const char *p = value;
            while (*p && n_keys < 4) {
                while (*p == ' ')
                    p++;
                size_t l = strcspn(p, " ");
                if (l && l < NAME_MAX_BYTES) {
                    char tok[NAME_MAX_BYTES];
                    memcpy(tok, p, l);
                    tok[l] = '\0';
                    normal_key(tok, keys[n_keys++]);
                }
                p += l;
            }
        } else if ((strcmp(name, "name") == 0 ||
                    strcmp(name, "itemprop") == 0 ||
                    strcmp(name, "http-equiv") == 0) &&
                   n_keys < 4) {
            normal_key(value, keys[n_keys++]);
        }
    }
    if (!content || !content[0])
        return;
    for (size_t k = 0; k < n_keys; k++) {
        for (size_t r = 0; r < sizeof meta_keys / sizeof meta_keys[0]; r++) {
            if (strcmp(keys[k], meta_keys[r].key) == 0)
                offer_str(m, meta_keys[r].slot, meta_keys[r].rank, content);
        }
    }
}

static const char *attr(const char **attrs, const char *key)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (strcmp(attrs[i], key) == 0)
            return attrs[i + 1];
    }
    return NULL;
}

static int has_token(const char *value, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = value; p && *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && strncasecmp(p, token, n) == 0)
            return 1;
        p = e;
    }
    return 0;
}

static void read_time(html_meta *m, const char **attrs, size_t block)
{
    const char *dt = attr(attrs, "datetime");
    if (!dt || !dt[0] || m->n_times >= META_TIMES)
        return;
    const char *prop = attr(attrs, "itemprop");
    const char *cls = attr(attrs, "class");
    html_meta_time *t = &m->times[m->n_times];
    size_t n = strlen(dt);
    t->datetime = malloc(n + 1);
    if (!t->datetime) {
        m->failed = 1;
        return;
    }
    memcpy(t->datetime, dt, n + 1);
    t->block = block;
    t->marked = attr(attrs, "pubdate") != NULL ||
                (prop && strcasecmp(prop, "datePublished") == 0) ||
                (cls && (strstr(cls, "publish") || strstr(cls, "pubdate")));
    m->n_times++;
}

void html_meta_element(html_meta *m, const char *name, const char **attrs,
                       size_t block)
{
    if (!attrs)
        return;
    switch (name[0]) {
    case 'h':
        if (strcmp(name, "html") == 0) {
            const char *lang = attr(attrs, "lang");
            offer_str(m, MS_LANG_HTML, 0,
                      lang ? lang : attr(attrs, "xml:lang"));
        }
        return;
    case 'm':
        if (strcmp(name, "meta") == 0)
            read_meta(m, attrs);
        return;
    case 'l':
        if (strcmp(name, "link") == 0 &&
            has_token(attr(attrs, "rel"), "canonical"))
            offer_str(m, MS_URL_CANONICAL, 0, attr(attrs, "href"));
        return;
    case 't':
        if (strcmp(name, "time") == 0)
            read_time(m, attrs, block);
        return;
    default: break;
    }
    /* microdata on any element: <span itemprop="datePublished"
     * content="..."> */
    const char *prop = NULL;
    for (size_t i = 0; attrs[i] && !prop; i += 2) {
        if (attrs[i][0] == 'i' && strcmp(attrs[i], "itemprop") == 0)
            prop = attrs[i + 1];
    }
    if (prop && strcasecmp(prop, "datePublished") == 0) {
        const char *v = attr(attrs, "content");
        offer_str(m, MS_DATE_META, 1, v ? v : attr(attrs, "datetime"));
    } else if (prop && strcasecmp(prop, "dateCreated") == 0) {
        const char *v = attr(attrs, "content");
        offer_str(m, MS_DATE_CREATED, 0, v ? v : attr(attrs, "datetime"));
    }
}

/* ----------------------------------------------------------- choosing */

static int is_cjk_lead(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c >= 0xE3 && c <= 0xE9;
}

/* A name an organisation gives itself rather than a person's: 新京报,
 * 网易新闻, 新浪财经-自媒体综合, or the site's name. */
static int org_like(const char *v, const char *site)
{
    static const char *const suffixes[] = {
        "报",   "网",   "社",   "台",   "新闻", "综合", "财经", "传媒",
        "媒体", "集团", "公司", "中心", "频道", "杂志", "周刊", "编辑部",
        "官方", "网易", "新浪", "腾讯", "搜狐", "凤凰"};
    size_t n = strlen(v);
    if (site && site[0] && (strstr(site, v) || strstr(v, site)))
        return 1;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t l = strlen(suffixes[i]);
        if (n >= l && memcmp(v + n - l, suffixes[i], l) == 0)
            return 1;
    }
    return 0;
}

/* Cleans an author value in place: drops e-mail addresses, a leading
 * "By", surrounding punctuation; returns 0 when nothing name-like is
 * left (placeholders such as "name", "admin", URLs). */
static int clean_author(char *v)
{
    static const char *const placeholders[] = {
        "name",   "author", "admin",     "administrator", "webmaster",
        "editor", "user",   "unknown",   "anonymous",     "null",
        "none",   "未知",   "佚名",      "匿名",          "作者",
        "编辑",   "管理员", "no author", "not available", "n/a"};
    if (strstr(v, "://") || strncasecmp(v, "www.", 4) == 0)
        return 0;
    /* remove e-mail addresses: the run of non-space bytes around '@' */
    char *at;
    while ((at = strchr(v, '@')) != NULL) {
        char *s = at, *e = at;
        while (s > v && s[-1] != ' ' && s[-1] != ',' && s[-1] != '<' &&
               s[-1] != '(')
            s--;
        while (*e && *e != ' ' && *e != ',' && *e != '>' && *e != ')')
            e++;
        if (*e == '>' || *e == ')')
            e++;
        if (s > v && (s[-1] == '<' || s[-1] == '('))
            s--;
        memmove(s, e, strlen(e) + 1);
    }
    char *p = v;
    while (*p && (isspace((unsigned char)*p) || strchr(",;:|-/", *p)))
        p++;
    if (strncasecmp(p, "by ", 3) == 0)
        p += 3;
    size_t n = strlen(p);
    while (n > 0 &&
           (isspace((unsigned char)p[n - 1]) || strchr(",;:|-/", p[n - 1])))
        n--;
    memmove(v, p, n);
    v[n] = '\0';
    if (n == 0 || n > 120)
        return 0;
    for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++) {
        if (strcasecmp(v, placeholders[i]) == 0)
            return 0;
    }
    /* the software that made the page is not its author */
    static const char *const software[] = {"Discuz",  "Comsenz", "WordPress",
                                           "Joomla",  "Drupal",  "phpwind",
                                           "DedeCMS", "PHPCMS",  "EmpireCMS"};
    for (size_t i = 0; i < sizeof software / sizeof software[0]; i++) {
        if (strstr(v, software[i]))
            return 0;
    }
    /* a name is no sentence or slogan */
    static const char *const prose[] = {"，", "。", "！", "？", "——", "；"};
    for (size_t i = 0; i < sizeof prose / sizeof prose[0]; i++) {
        if (strstr(v, prose[i]))
            return 0;
    }
    /* a name holds a letter */
    for (const char *q = v; *q; q++) {
        if (isalpha((unsigned char)*q) || is_cjk_lead(q))
            return 1;
    }
    return 0;
}

static const char *choose_author(html_meta *m, const char *site)
{
    static const html_meta_slot order[] = {
        MS_AUTHOR_LD,     MS_AUTHOR_META, MS_AUTHOR_POST,  MS_AUTHOR_BYLINE,
        MS_AUTHOR_EDITOR, MS_AUTHOR_ORG,  MS_AUTHOR_SOURCE};
    const char *org = NULL;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        html_meta_slot s = order[i];
        char *v = m->value[s];
        /* an editor or a source is no author where the page says it does
         * not know the author */
        if (s == MS_AUTHOR_EDITOR && m->author_unknown)
            return NULL;
        if (s == MS_AUTHOR_ORG && org)
            return org;
        if (!v || !clean_author(v))
            continue;
        if ((s == MS_AUTHOR_LD || s == MS_AUTHOR_META) && org_like(v, site)) {
            if (!org)
                org = v;
            continue;
        }
        return v;
    }
    return org;
}

static int set_string(sl_doc *doc, const char *key, const char *value)
{
    json_t *s = json_string(value);
    if (!s)
        return 0; /* not UTF-8: leave the field alone */
    return json_object_set_new(doc->meta, key, s) == 0 ? 0 : -1;
}

static const char *choose_date(html_meta *m, char *out)
{
    static const html_meta_slot order[] = {MS_DATE_LD,      MS_DATE_META,
                                           MS_DATE_TIME,    MS_DATE_TIME_NEAR,
                                           MS_DATE_VISIBLE, MS_DATE_CREATED};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *v = m->value[order[i]];
        html_date d;
        if (v && html_date_parse(v, strlen(v), &d)) {
            html_date_format(&d, out);
            return out;
        }
    }
    return NULL;
}

/* Whether s[0..n) ends like a site's name: 网, 网站, 报, 新闻, 在线. */
static int site_suffix(const char *s, size_t n)
{
    static const char *const ends[] = {"网", "網",   "网站", "报",
                                       "報", "新闻", "在线"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t l = strlen(ends[i]);
        if (n > l && memcmp(s + n - l, ends[i], l) == 0)
            return 1;
    }
    return 0;
}

/* The part of the <title> the chooser cut off as the site's name:
 * "标题_网易新闻" with title "标题" gives "网易新闻". */
static int site_from_title(const char *full, const char *title, char *out,
                           size_t cap)
{
    static const char *const seps[] = {" - ",  " | ", " – ", " — ", "_", "｜",
                                       " :: ", " » ", " · ", "-",   "|"};
    if (!full || !title || !title[0])
        return 0;
    char folded[512];
    size_t fo = 0;
    for (const char *p = full; *p && fo + 1 < sizeof folded; p++) {
        if (isspace((unsigned char)*p)) {
            if (fo > 0 && folded[fo - 1] != ' ')
                folded[fo++] = ' ';
        } else {
            folded[fo++] = *p;
        }
    }
    while (fo > 0 && folded[fo - 1] == ' ')
        fo--;
    folded[fo] = '\0';
    full = folded;
    const char *at = strstr(full, title);
    if (!at)
        return 0;
    const char *rest = NULL;
    size_t tl = strlen(title);
    const char *after = at + tl;
    while (*after == ' ')
        after++;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !rest; k++) {
        size_t sl = strlen(seps[k]);
        const char *sep = seps[k][0] == ' ' ? seps[k] + 1 : seps[k];
        size_t sn = seps[k][0] == ' ' ? sl - 1 : sl;
        if (strncmp(after, sep, sn) == 0)
            rest = after + sn;
        else if (at > full && at - full >= (long)sl &&
                 strncmp(at - sl, seps[k], sl) == 0 && !after[0])
            rest = full;
    }
    if (!rest)
        return 0;
    size_t n = rest == full ? (size_t)(at - full) : strlen(rest);
    while (n > 0 && (rest[0] == ' ' || rest[0] == '_' || rest[0] == '|'))
        rest++, n--;
    while (n > 0 && strchr(" -_|", rest[n - 1]))
        n--;
    /* several segments: the one named like a site ("辟谣_新浪财经_新浪网",
     * "39健康网_饮食"), else the outer of two ("理論動向 - 理論中国");
     * three or more plain ones are tags, not a name ("中国_法国_全球") */
    enum { MAX_SEGS = 8 };
    const char *seg[MAX_SEGS];
    size_t seg_len[MAX_SEGS], n_segs = 0, start = 0;
    for (size_t i = 0; i <= n && n_segs < MAX_SEGS; i++) {
        size_t sl = 0;
        for (size_t k = 0; i < n && k < sizeof seps / sizeof seps[0] && !sl;
             k++) {
            size_t l = strlen(seps[k]);
            if (i + l <= n && memcmp(rest + i, seps[k], l) == 0)
                sl = l;
        }
        if (i < n && !sl)
            continue;
        const char *a = rest + start;
        size_t an = i - start;
        while (an > 0 && *a == ' ')
            a++, an--;
        while (an > 0 && a[an - 1] == ' ')
            an--;
        if (an > 0) {
            seg[n_segs] = a;
            seg_len[n_segs++] = an;
        }
        start = i + sl;
        if (sl)
            i += sl - 1;
    }
    long pick = -1;
    for (size_t k = 0; k < n_segs; k++) {
        if (site_suffix(seg[k], seg_len[k]) && (pick < 0 || rest != full))
            pick = (long)k;
    }
    if (pick < 0 && n_segs == 1)
        pick = 0;
    else if (pick < 0 && n_segs == 2)
        pick = rest != full ? 1 : 0;
    if (pick < 0)
        return 0;
    rest = seg[pick];
    n = seg_len[pick];
    if (n == 0 || n >= cap || n > 60)
        return 0;
    memcpy(out, rest, n);
    out[n] = '\0';
    return 1;
}

/* url made absolute against base (the input's address) where it is
 * relative; NULL when it cannot be. Returns a malloc'd string. */
static char *absolute_url(const char *url, const char *base)
{
    size_t n = strlen(url);
    if (strstr(url, "://")) {
        char *c = malloc(n + 1);
        if (c)
            memcpy(c, url, n + 1);
        return c;
    }
    if (!base || !strstr(base, "://"))
        return NULL;
    const char *host = strstr(base, "://") + 3;
    const char *path = strchr(host, '/');
    size_t keep;
    if (url[0] == '/' && url[1] == '/')
        keep = (size_t)(strstr(base, "://") - base) + 1; /* "https:" */
    else if (url[0] == '/')
        keep = path ? (size_t)(path - base) : strlen(base);
    else if (path)
        keep = (size_t)(strrchr(path, '/') - base) + 1;
    else
        return NULL;
    char *c = malloc(keep + n + 2);
    if (!c)
        return NULL;
    memcpy(c, base, keep);
    if (!path && url[0] != '/')
        c[keep++] = '/';
    memcpy(c + keep, url, n + 1);
    return c;
}

/* The crawl date the input's metadata gives, for relative dates. */
static int crawl_date(const sl_doc *doc, html_date *now)
{
    static const char *const keys[] = {"crawl_date", "crawled_at",
                                       "crawl_time", "fetch_date",
                                       "fetched_at", "fetch_time"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = sl_doc_meta_string(doc, keys[i]);
        if (v && html_date_parse(v, strlen(v), now))
            return 1;
    }
    return 0;
}

int html_meta_finish(html_meta *m, sl_doc *doc, const char *page_title)
{
    html_date now;
    html_meta_visible(m, doc, crawl_date(doc, &now) ? &now : NULL);
    if (m->failed)
        return -1;
    int rc = 0;
    char site_buf[256];
    const char *site =
        m->value[MS_SITE_OG]    ? m->value[MS_SITE_OG]
        : m->value[MS_SITE_LD]  ? m->value[MS_SITE_LD]
        : m->value[MS_SITE_APP] ? m->value[MS_SITE_APP]
        : site_from_title(page_title, doc->title, site_buf, sizeof site_buf)
            ? site_buf
            : NULL;
    if (site && strstr(site, "://"))
        site = NULL;
    const char *author = choose_author(m, site);
    if (author)
        rc |= set_string(doc, "author", author);
    char date[32];
    if (choose_date(m, date))
        rc |= set_string(doc, "published", date);
    if (site)
        rc |= set_string(doc, "site", site);
    const char *url = m->value[MS_URL_CANONICAL] ? m->value[MS_URL_CANONICAL]
                      : m->value[MS_URL_OG]      ? m->value[MS_URL_OG]
                                                 : m->value[MS_URL_LD];
    if (url) {
        char *abs = absolute_url(url, sl_doc_meta_string(doc, "url"));
        if (abs)
            rc |= set_string(doc, "url", abs);
        free(abs);
    }
    const char *markup = m->value[MS_LANG_HTML] ? m->value[MS_LANG_HTML]
                                                : m->value[MS_LANG_META];
    char lang[16];
    if (html_lang_detect(doc, markup, lang))
        rc |= set_string(doc, "lang", lang);
    return rc ? -1 : 0;
}

void html_meta_release(html_meta *m)
{
    for (size_t i = 0; i < MS_COUNT; i++)
        free(m->value[i]);
    for (size_t i = 0; i < m->n_times; i++)
        free(m->times[i].datetime);
    for (size_t i = 0; i < m->n_marked; i++)
        free(m->marked[i].text);
    memset(m, 0, sizeof *m);
}
