/* plugins/html/html_title.c - the document title of an HTML page: from
 * og:title, else <title>, else the first h1. A trailing (or leading) site
 * name after " - ", " | ", "_" and the like is cut off when a heading or
 * paragraph of the page confirms the shorter form. And the header around
 * the title block: the article's own heading group, not the site's
 * header.
 */
#include "html_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const separators[] = {
    " - ", " | ", " – ", " — ", "_", "｜", " :: ", " » ", " · ", "-", "|",
};

/* Copies s with white space runs folded to one space and the ends
 * trimmed, into a malloc'd string. */
static char *folded_copy(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return out;
}

/* Whether b is a link and nothing else (four fifths of its characters
 * or more, the spaces between words aside), not a heading: a step of a
 * breadcrumb or an item of a menu, whatever the names around it say. */
static int wholly_linked_line(const sl_block *b)
{
    return b->html && b->kind != SL_BLOCK_HEADING && b->html->text_chars > 0 &&
           (uint64_t)b->html->link_chars * 5 >=
               (uint64_t)b->html->text_chars * 4;
}

/* How well block b would carry the title: outside hidden and chrome
 * elements (and not a mere link) first, then a level-1 heading, then any
 * heading. */
static int title_fitness(const sl_block *b)
{
    static const uint32_t chrome = SL_HINT_HIDDEN | SL_HINT_NAV |
                                   SL_HINT_RELATED | SL_HINT_SIDEBAR |
                                   SL_HINT_FOOTER | SL_HINT_BREADCRUMB;
    int fit = 0;
    if ((!b->html || !(b->html->hints & chrome)) && !wholly_linked_line(b))
        fit += 4;
    if (b->kind == SL_BLOCK_HEADING)
        fit += b->level == 1 ? 3 : 2;
    return fit;
}

/* The fittest of the blocks whose text is exactly s[0..n) (the first of
 * equals), or -1. */
static long block_equal(const sl_doc *doc, const char *s, size_t n)
{
    long best = -1;
    int best_fit = -1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->len == n && memcmp(b->text, s, n) == 0) {
            int fit = title_fitness(b);
            if (fit > best_fit) {
                best = (long)i;
                best_fit = fit;
            }
        }
    }
    return best;
}

static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Whether t[0..tn) occurs in s[0..sn), ASCII letters of either case
 * alike: a <title> set in title case ("How To Use The Forums On ...")
 * over an h1 in sentence case. */
static int contains_folded(const char *s, size_t sn, const char *t, size_t tn)
{
    if (tn == 0 || tn > sn)
        return 0;
    for (size_t i = 0; i + tn <= sn; i++) {
        size_t k = 0;
        while (k < tn && ascii_lower((unsigned char)s[i + k]) ==
                             ascii_lower((unsigned char)t[k]))
            k++;
        if (k == tn)
            return 1;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' '))
        (*s)++, (*n)--;
    while (*n > 0 && (*s)[*n - 1] == ' ')
        (*n)--;
}

/* Cuts a site name off title when a block of the page confirms the rest.
 * Returns the block index that holds the kept part, or -1. */
static long strip_site_name(const sl_doc *doc, const char **title, size_t *len)
{
    long whole = block_equal(doc, *title, *len);
    if (whole >= 0)
        return whole;
    for (size_t k = 0; k < sizeof separators / sizeof separators[0]; k++) {
        const char *sep = separators[k];
        size_t sl = strlen(sep);
        const char *s = *title;
        for (const char *at = s; (at = strstr(at, sep)) && at < s + *len;
             at += sl) {
            const char *left = s, *right = at + sl;
            size_t ln = (size_t)(at - s), rn = *len - (size_t)(right - s);
            trim(&left, &ln);
            trim(&right, &rn);
            long b = ln ? block_equal(doc, left, ln) : -1;
            if (b >= 0) {
                *title = left;
                *len = ln;
                return b;
            }
            b = rn ? block_equal(doc, right, rn) : -1;
            if (b >= 0) {
                *title = right;
                *len = rn;
                return b;
            }
        }
    }
    return -1;
}

/* Whether s[0..n) holds a letter or a digit: an ASCII one, or a character
 * of another script (a lead byte other than those of U+0080 to U+00BF and
 * U+2000 to U+2FFF, the Latin-1 signs and the general punctuation,
 * arrows, shapes and dingbats, nor of the four-byte emoji). An arrow set
 * as a heading (`<h1>⯈</h1>` in each item of a menu) says nothing. */
static int holds_word_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 1;
        if (c >= 0xC3 && c <= 0xEF && c != 0xE2)
            return 1;
    }
    return 0;
}

/* The headline of a page with no title to go by: the first level-1
 * heading holding a word that is more than a link (less than four fifths
 * of its characters in one), else the first h1 holding a word, else the
 * first h1. A site's logo set as an h1 links to the front page and comes
 * before the article's own. */
static long headline_h1(const sl_doc *doc, const html_page *page)
{
    long worded = -1;
    for (size_t i = (size_t)page->first_h1; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->kind != SL_BLOCK_HEADING || b->level != 1 || !b->html ||
            !holds_word_char(b->text, b->len))
            continue;
        if (worded < 0)
            worded = (long)i;
        if (b->html->text_chars > 0 && (uint64_t)b->html->link_chars * 5 <
                                           (uint64_t)b->html->text_chars * 4)
            return (long)i;
    }
    return worded >= 0 ? worded : page->first_h1;
}

int html_choose_title(sl_doc *doc, html_page *page)
{
    const char *source = NULL;
    if (page->og_title && page->og_title[0])
        source = page->og_title;
    else if (page->title && page->title[0])
        source = page->title;
    char *folded = source ? folded_copy(source) : NULL;
    if (source && !folded)
        return -1;
    const char *title = folded;
    size_t len = folded ? strlen(folded) : 0;
    long block = -1;
    if (len > 0) {
        block = strip_site_name(doc, &title, &len);
        /* a copy in a breadcrumb or a menu does not say where the
         * article is */
        if (block >= 0 && title_fitness(&doc->blocks[block]) >= 4)
            page->title_block = block;
        /* a first h1 the title contains still marks where the article
         * starts */
        if (block < 0 && page->first_h1 >= 0) {
            const sl_block *h1 = &doc->blocks[page->first_h1];
            if (h1->len >= 6 && title_fitness(h1) >= 4 &&
                contains_folded(folded, strlen(folded), h1->text, h1->len))
                page->title_block = page->first_h1;
        }
    } else if (page->first_h1 >= 0) {
        block = headline_h1(doc, page);
        if (title_fitness(&doc->blocks[block]) >= 4)
            page->title_block = block;
        title = doc->blocks[block].text;
        len = doc->blocks[block].len;
    }
    int rc = 0;
    if (len > 0)
        rc = sl_doc_set_title_copy(doc, title, len);
    if (block >= 0 && doc->blocks[block].kind == SL_BLOCK_HEADING)
        doc->blocks[block].flags |= SL_BLOCK_TITLE;
    free(folded);
    return rc;
}

void html_clear_title_header(sl_doc *doc, html_page *page)
{
    const uint32_t header = SL_HINT_HEADER | SL_HINT_TAG_CHROME;
    if (page->title_block < 0 || (size_t)page->title_block >= doc->n_blocks)
        return;
    /* the nearest element above the title whose own tag or name says
     * header */
    uint32_t top = page->block_owner[page->title_block];
    while (top != UINT32_MAX && !(page->elems[top].own_hints & SL_HINT_HEADER))
        top = page->elems[top].parent;
    if (top == UINT32_MAX)
        return;
    const html_elem *h = &page->elems[top];
    if (h->link_chars * 2 > h->text_chars)
        return; /* a masthead with the site's menu */
    /* its subtree: the elements after it whose parent is in it (elements
     * come in document order, a parent before its children) */
    size_t end = top + 1;
    uint8_t *inside = calloc(page->n_elems ? page->n_elems : 1, 1);
    if (!inside)
        return; /* the hints stay as they were */
    inside[top] = 1;
    /* nor is it chrome where the lead under the headline is weighed */
    if (page->elems[top].class_weight < 0)
        page->elems[top].class_weight = 0;
    page->elems[top].own_unlikely = 0;
    page->elems[top].hints =
        (page->elems[top].hints & ~header) |
        (h->parent != UINT32_MAX ? page->elems[h->parent].hints & header : 0u);
    for (; end < page->n_elems; end++) {
        html_elem *e = &page->elems[end];
        if (e->parent == UINT32_MAX || !inside[e->parent])
            break;
        inside[end] = 1;
        e->hints = (e->hints & ~header) | (e->own_hints & header) |
                   (page->elems[e->parent].hints & header);
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_html_features *f = doc->blocks[i].html;
        uint32_t owner = page->block_owner[i];
        if (f && owner >= top && owner < end)
            f->hints =
                (f->hints & ~header) | (page->elems[owner].hints & header);
    }
    free(inside);
}
