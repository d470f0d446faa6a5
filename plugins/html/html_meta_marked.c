/* plugins/html/html_meta_marked.c - author names the markup marks inside
 * the text: an element whose class or id names it a byline (author,
 * byline, writer), itemprop="author" or rel="author", inline or not
 * (<span class="author">刘思远</span> inside a line that also holds the
 * date). The walker reports each element it keeps, its text and its end;
 * the text of the outermost marked element is gathered while it is open
 * and kept with the index of its block, so the byline reader can take it
 * when it lies near the title. A link to an author's or a user's page
 * (href="/author/jane", "/user/42", "/@jane") is kept too, marked as
 * such: its address says what it is even where the class names say
 * nothing. Names in navigation, sidebars, comments and footers are not
 * gathered.
 */
#include "html_meta.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { CAPTURE_BYTES = 120 }; /* longer text is no name */

static const uint32_t far_hints = SL_HINT_NAV | SL_HINT_FOOTER |
                                  SL_HINT_SIDEBAR | SL_HINT_RELATED |
                                  SL_HINT_COMMENT | SL_HINT_AD | SL_HINT_HIDDEN;

/* Whether a class or id value names a byline: a token holding author,
 * byline or writer ("author-name", "article_author"), not one about an
 * avatar, a biography or other articles by the author. */
static int byline_class(const char *value)
{
    static const char *const marks[] = {"author", "byline", "writer"};
    static const char *const not_names[] = {"avatar", "bio",  "img",
                                            "photo",  "pic",  "more",
                                            "other",  "list", "posts"};
    char token[64];
    for (const char *p = value; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        size_t n = 0;
        while (p[n] && !isspace((unsigned char)p[n]))
            n++;
        if (n > 0 && n < sizeof token) {
            for (size_t i = 0; i < n; i++)
                token[i] = (char)tolower((unsigned char)p[i]);
            token[n] = '\0';
            int mark = 0, other = 0;
            for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
                mark |= strstr(token, marks[k]) != NULL;
            for (size_t k = 0; k < sizeof not_names / sizeof not_names[0]; k++)
                other |= strstr(token, not_names[k]) != NULL;
            if (mark && !other)
                return 1;
        }
        p += n;
    }
    return 0;
}

static int has_token(const char *value, const char *token)
{
    size_t n = strlen(token);
    for (const char *p = value; *p;) {
        while (*p == ' ')
            p++;
        size_t l = strcspn(p, " ");
        if (l == n && strncasecmp(p, token, n) == 0)
            return 1;
        p += l;
    }
    return 0;
}

static int marks_author(const char **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = attrs[i], *value = attrs[i + 1];
        if (!value)
            continue;
        if ((strcmp(name, "class") == 0 || strcmp(name, "id") == 0) &&
            byline_class(value))
            return 1;
        if ((strcmp(name, "itemprop") == 0 || strcmp(name, "rel") == 0) &&
            has_token(value, "author"))
            return 1;
    }
    return 0;
}

/* Whether an address leads to an author's or a user's page: a path
 * segment author(s), user(s), u, people, profile, member(s), or one
 * starting with '@'; not the site's own sign-in or settings pages. */
static int author_address(const char *href)
{
    static const char *const segments[] = {
        "/author/", "/authors/", "/user/",   "/users/",  "/u/",
        "/people/", "/profile/", "/member/", "/members/"};
    static const char *const own[] = {"login",    "logout",  "signin", "signup",
                                      "register", "setting", "/edit"};
    if (!href)
        return 0;
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++) {
        if (strstr(href, own[k]))
            return 0;
    }
    for (size_t k = 0; k < sizeof segments / sizeof segments[0]; k++) {
        if (strstr(href, segments[k]))
            return 1;
    }
    const char *at = strstr(href, "/@");
    return at && isalnum((unsigned char)at[2]);
}

static const char *href_of(const char **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (strcmp(attrs[i], "href") == 0)
            return attrs[i + 1];
    }
    return NULL;
}

void html_meta_open(html_meta *m, const char **attrs, uint32_t hints,
                    size_t block)
{
    html_meta_capture *c = &m->capture;
    if (c->depth > 0) {
        /* <a href="/author/x"><span itemprop="author">: marked by name */
        if (c->by_link && marks_author(attrs))
            c->by_link = 0;
        c->depth++;
        return;
    }
    if ((hints & far_hints) || m->n_marked >= META_MARKED)
        return;
    if (marks_author(attrs))
        c->by_link = 0;
    else if (m->n_marked_links < META_MARKED_LINKS &&
             author_address(href_of(attrs)))
        c->by_link = 1;
    else
        return;
    c->depth = 1;
    c->len = 0;
    c->overflow = 0;
    c->block = block;
}

void html_meta_text(html_meta *m, const char *text, size_t n)
{
    html_meta_capture *c = &m->capture;
    if (c->depth == 0 || c->overflow)
        return;
    for (size_t i = 0; i < n; i++) {
        char ch = text[i];
        if (isspace((unsigned char)ch)) {
            if (c->len == 0 || c->text[c->len - 1] == ' ')
                continue;
            ch = ' ';
        }
        if (c->len + 1 >= sizeof c->text) {
            c->overflow = 1;
            return;
        }
        c->text[c->len++] = ch;
    }
}

void html_meta_close(html_meta *m)
{
    html_meta_capture *c = &m->capture;
    if (c->depth == 0 || --c->depth > 0)
        return;
    size_t n = c->len;
    while (n > 0 && c->text[n - 1] == ' ')
        n--;
    if (c->overflow || n == 0 || n > CAPTURE_BYTES)
        return;
    html_meta_marked_name *name = &m->marked[m->n_marked];
    name->text = malloc(n + 1);
    if (!name->text) {
        m->failed = 1;
        return;
    }
    memcpy(name->text, c->text, n);
    name->text[n] = '\0';
    name->block = c->block;
    name->by_link = c->by_link;
    m->n_marked_links += c->by_link != 0;
    m->n_marked++;
}
