/* plugins/html/html_walk_element.c - per-element features of the html
 * walk: an element's class and id tokens (kept for class_id, judged for
 * hints and weight), hidden elements (hidden, aria-hidden, a style that
 * hides), microdata types, the signature and "tag.token" label the
 * page-type step groups siblings by, ARIA landmark roles on divs, form
 * choices, and the element's record in the page's element table.
 */
#include "html_walk_internal.h"

#include <strings.h>

#include "html_classes.h"

static int style_hides(const char *style)
{
    char compact[128];
    size_t n = 0;
    for (const char *p = style; *p && n + 1 < sizeof compact; p++) {
        if (!is_ascii_space((unsigned char)*p))
            compact[n++] = (char)(*p | ((*p >= 'A' && *p <= 'Z') ? 32 : 0));
    }
    compact[n] = '\0';
    return strstr(compact, "display:none") != NULL ||
           strstr(compact, "visibility:hidden") != NULL;
}

/* Appends a lower-cased attribute value to the class buffer and judges it
 * (judgements of recent values are remembered). */
static void add_class_tokens(walker *w, const char *value, uint32_t *hints,
                             int *weight)
{
    size_t n = strlen(value);
    if (n > 200)
        n = 200;
    if (n == 0)
        return;
    if (walk_grow((void **)&w->classes, &w->cap_classes, w->class_len + n + 2,
                  1) < 0) {
        w->failed = 1;
        return;
    }
    char *dst = w->classes + w->class_len;
    dst[0] = ' ';
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        dst[i + 1] = (c >= 'A' && c <= 'Z')             ? (char)(c + 32)
                     : is_ascii_space((unsigned char)c) ? ' '
                                                        : c;
    }
    w->class_len += n + 1;
    uint64_t h = walk_hash_bytes(dst + 1, n);
    class_memo *m = &w->memo[h % CLASS_CACHE];
    if (m->hash != h || m->len != n) {
        m->hash = h;
        m->len = (uint32_t)n;
        m->hints = 0;
        m->weight = 0;
        html_class_judge(dst + 1, n, &m->hints, &m->weight);
    }
    *hints |= m->hints;
    *weight += m->weight;
}

/* The first class token; else an id that ends in a number ("post_123"),
 * without the number. */
static void read_token(elem_mark *m, const char *value, int is_id)
{
    if (m->token && !m->token_from_id)
        return;
    while (is_ascii_space((unsigned char)*value))
        value++;
    size_t n = 0;
    while (value[n] && !is_ascii_space((unsigned char)value[n]) && n < 40)
        n++;
    if (is_id) {
        if (m->token || n == 0 || value[n - 1] < '0' || value[n - 1] > '9')
            return;
        while (n > 0 && ((value[n - 1] >= '0' && value[n - 1] <= '9') ||
                         value[n - 1] == '_' || value[n - 1] == '-'))
            n--;
    }
    if (n == 0)
        return;
    m->token = value;
    m->token_len = n;
    m->token_from_id = is_id;
}

static uint8_t read_itemtype(const char *value)
{
    if (strstr(value, "DiscussionForumPosting") ||
        strstr(value, "SocialMediaPosting"))
        return HTML_SCHEMA_POST;
    if (strstr(value, "/Comment") || strstr(value, "/Review"))
        return HTML_SCHEMA_COMMENT;
    if (strstr(value, "/Answer") || strstr(value, "/Question") ||
        strstr(value, "QAPage"))
        return HTML_SCHEMA_QA;
    return 0;
}

/* Whether the space-separated list value holds word. */
static int has_word(const char *value, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = value; (p = strstr(p, word)) != NULL; p += n) {
        if ((p == value || is_ascii_space((unsigned char)p[-1])) &&
            (p[n] == '\0' || is_ascii_space((unsigned char)p[n])))
            return 1;
    }
    return 0;
}

/* Reads class, id, itemtype and the hiding attributes. Returns 1 when the
 * element is hidden. */
int walk_read_attributes(walker *w, const xmlChar **attrs, uint32_t *hints,
                         int *weight, elem_mark *mark)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = (const char *)attrs[i];
        const char *value = attrs[i + 1] ? (const char *)attrs[i + 1] : "";
        switch (name[0]) {
        case 'c':
            if (strcmp(name, "class") == 0) {
                add_class_tokens(w, value, hints, weight);
                read_token(mark, value, 0);
            }
            break;
        case 'i':
            if (strcmp(name, "id") == 0) {
                add_class_tokens(w, value, hints, weight);
                read_token(mark, value, 1);
            } else if (strcmp(name, "itemtype") == 0) {
                mark->schema |= read_itemtype(value);
            } else if (strcmp(name, "itemprop") == 0) {
                mark->article_body |= (uint8_t)has_word(value, "articleBody");
                if (has_word(value, "text"))
                    mark->schema |= HTML_SCHEMA_TEXT;
            }
            break;
        case 'h':
            if (strcmp(name, "hidden") == 0)
                return 1;
            break;
        case 'a':
            if (strcmp(name, "aria-hidden") == 0 && strcmp(value, "true") == 0)
                return 1;
            break;
        case 's':
            if (strcmp(name, "style") == 0 && style_hides(value))
                return 1;
            break;
        default: break;
        }
    }
    return 0;
}

static const uint32_t chrome_hints =
    SL_HINT_NAV | SL_HINT_FOOTER | SL_HINT_SIDEBAR | SL_HINT_RELATED |
    SL_HINT_COMMENT | SL_HINT_SHARE | SL_HINT_AD | SL_HINT_BREADCRUMB;

/* The element's signature and its "tag.token" label. */
void walk_mark_elem(walker *w, html_elem *e, const char *name,
                    const elem_mark *m)
{
    size_t nlen = strlen(name);
    if (nlen > 24)
        nlen = 24;
    uint64_t h = walk_hash_bytes(name, nlen);
    if (m->token) {
        h ^= walk_hash_bytes(m->token, m->token_len) * 31u;
    }
    e->sig = (uint32_t)(h ^ (h >> 32));
    e->schema = m->schema;
    if (strcmp(name, "time") == 0)
        e->times = 1;
    if (!m->token)
        return;
    html_page *page = w->page;
    size_t need = page->n_labels + nlen + m->token_len + 3;
    if (walk_grow((void **)&page->labels, &page->cap_labels, need, 1) < 0) {
        w->failed = 1;
        return;
    }
    if (page->n_labels == 0)
        page->labels[page->n_labels++] = '\0'; /* offset 0 means none */
    e->label = (uint32_t)page->n_labels;
    char *p = page->labels + page->n_labels;
    memcpy(p, name, nlen);
    p[nlen] = '.';
    memcpy(p + nlen + 1, m->token, m->token_len);
    p[nlen + 1 + m->token_len] = '\0';
    page->n_labels += nlen + m->token_len + 2;
}

/* own_hints: what the element's own tag and names say. */
int walk_add_elem(walker *w, uint32_t parent, const html_tag_info *info,
                  uint32_t hints, uint32_t own_hints, int weight)
{
    html_page *page = w->page;
    if (walk_grow((void **)&page->elems, &page->cap_elems, page->n_elems + 1,
                  sizeof *page->elems) < 0) {
        w->failed = 1;
        return -1;
    }
    html_elem *e = &page->elems[page->n_elems++];
    memset(e, 0, sizeof *e);
    e->parent = parent;
    e->tag = info->id;
    e->class_weight = (int16_t)(weight + info->weight);
    e->hints = hints;
    e->own_hints =
        own_hints | ((info->flags & TF_CHROME) ? SL_HINT_TAG_CHROME : 0u);
    e->own_unlikely =
        (own_hints & chrome_hints) && !(own_hints & SL_HINT_CONTENT);
    return 0;
}

/* Whether an <input> is a radio button or a checkbox a reader can
 * change: the text after it in its line is a form's option. A rendered
 * task list's checkboxes are disabled, and its items are content. */
int walk_is_choice_input(const xmlChar **attrs)
{
    int choice = 0;
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = (const char *)attrs[i];
        const char *value = (const char *)attrs[i + 1];
        if (strcmp(name, "disabled") == 0)
            return 0;
        if (strcmp(name, "type") == 0 && value)
            choice = strcasecmp(value, "radio") == 0 ||
                     strcasecmp(value, "checkbox") == 0;
    }
    return choice;
}

/* Whether a link's rel attribute holds the token "sponsored": a paid or
 * affiliate link. */
int walk_is_sponsored_link(const xmlChar **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *value = (const char *)attrs[i + 1];
        if (strcmp((const char *)attrs[i], "rel") == 0 && value)
            return has_word(value, "sponsored");
    }
    return 0;
}

/* The sectioning element an ARIA landmark role on a div stands for
 * (<div role="navigation"> is a nav, "complementary" an aside): old
 * layouts built of divs say with the role what newer ones say with the
 * tag. info when the element is no div or has no landmark role. */
const html_tag_info *walk_landmark_info(const char *name, const xmlChar **attrs,
                                        const html_tag_info *info)
{
    static const char *const roles[][2] = {
        {"navigation", "nav"},     {"complementary", "aside"},
        {"contentinfo", "footer"}, {"banner", "header"},
        {"main", "main"},          {"article", "article"},
    };
    if (strcmp(name, "div") != 0)
        return info;
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *value = (const char *)attrs[i + 1];
        if (strcmp((const char *)attrs[i], "role") != 0 || !value)
            continue;
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++)
            if (strcasecmp(value, roles[r][0]) == 0)
                return html_tag_lookup(roles[r][1]);
        return info;
    }
    return info;
}
