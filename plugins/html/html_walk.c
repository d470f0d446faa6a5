/* plugins/html/html_walk.c - turns a parsed page into blocks.
 *
 * The tree is walked without recursion (pages may nest deeply). Text is
 * gathered into a buffer that belongs to the nearest block-level element;
 * the buffer becomes a block whenever a block-level element starts or
 * ends, or at a <br>. Each block gets sl_html_features, and the walker
 * keeps a table of elements with the text counts of their subtrees for the
 * main-content finder.
 */
#include "html_internal.h"

#include <stdlib.h>
#include <string.h>

#include "html_classes.h"
#include "html_tags.h"

enum {
    PATH_MAX_TAGS = 10,   /* path keeps the innermost tags */
    CLASS_ID_MAX = 240,   /* class_id keeps the innermost tokens */
    ROW_LOOKAHEAD = 400,  /* nodes looked at to tell data rows from layout */
    ROW_MAX_CHARS = 400   /* a data row's cells are short */
};

typedef struct frame {
    const html_tag_info *info;
    const char *name;     /* element name (owned by the tree) */
    uint32_t elem;        /* index in page->elems */
    uint32_t hints;
    size_t class_len;     /* class buffer length before this element */
    uint8_t kind;         /* block kind of text owned here */
    uint8_t level;
    uint8_t in_link;
    uint8_t in_pre;
    uint8_t row_mode;     /* inside a data row: cells are joined by tabs */
    uint8_t owns_text;    /* a block-level element */
    uint32_t owner;       /* frame index of the nearest block-level frame */
} frame;

typedef struct walker {
    sl_doc *doc;
    html_page *page;
    frame *stack;
    size_t depth, cap;
    char *buf;            /* text of the block being gathered */
    size_t len, cap_buf;
    uint32_t buf_links;   /* link code points in buf */
    int pending_space;
    size_t buf_owner;     /* frame index owning buf (valid when len > 0) */
    int cells_in_row;     /* cells started in the current data row */
    char *classes;        /* lower-case class/id tokens of open frames */
    size_t class_len, cap_classes;
    int failed;
} walker;

static int grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*ptr, n * elem);
    if (!p)
        return -1;
    *ptr = p;
    *cap = n;
    return 0;
}

static int buf_put(walker *w, const char *s, size_t n)
{
    if (grow((void **)&w->buf, &w->cap_buf, w->len + n + 1, 1) < 0) {
        w->failed = 1;
        return -1;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    return 0;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Appends the text of a text node, folding runs of white space to one
 * space unless inside <pre>. */
static void add_text(walker *w, const char *text)
{
    frame *top = &w->stack[w->depth - 1];
    size_t before = w->len;
    if (w->len == 0)
        w->buf_owner = top->owner;
    if (top->in_pre) {
        buf_put(w, text, strlen(text));
    } else {
        const char *p = text;
        while (*p) {
            if (is_ascii_space((unsigned char)*p)) {
                while (*p && is_ascii_space((unsigned char)*p))
                    p++;
                w->pending_space = 1;
                continue;
            }
            const char *start = p;
            while (*p && !is_ascii_space((unsigned char)*p))
                p++;
            if (w->pending_space && w->len > 0 && w->buf[w->len - 1] != '\t')
                buf_put(w, " ", 1);
            w->pending_space = 0;
            buf_put(w, start, (size_t)(p - start));
        }
    }
    if (top->in_link)
        w->buf_links += (uint32_t)count_chars(w->buf + before, w->len - before);
}

static uint32_t count_punct(const char *s, size_t n)
{
    uint32_t c = 0;
    size_t pos = 0;
    while (pos < n) {
        unsigned char b = (unsigned char)s[pos];
        if (b < 0x80) {
            c += b == ',' || b == '.' || b == '!' || b == '?' || b == ';';
            pos++;
            continue;
        }
        int32_t cp = sl_utf8_next(s, n, &pos);
        c += cp == 0xFF0C || cp == 0x3001 || sl_is_sentence_end(cp);
    }
    return c;
}

/* "div>article>p" from the frames up to and including owner. */
static const char *make_path(walker *w, size_t owner)
{
    size_t first = owner + 1 > PATH_MAX_TAGS ? owner + 1 - PATH_MAX_TAGS : 0;
    if (first == 0 && w->depth > 1)
        first = 1; /* from below <body> or the root */
    size_t n = 0;
    for (size_t i = first; i <= owner; i++)
        n += strlen(w->stack[i].name) + 1;
    char *path = sl_doc_alloc(w->doc, n + 1);
    if (!path)
        return NULL;
    char *p = path;
    for (size_t i = first; i <= owner; i++) {
        size_t l = strlen(w->stack[i].name);
        memcpy(p, w->stack[i].name, l);
        p += l;
        if (i < owner)
            *p++ = '>';
    }
    *p = '\0';
    return path;
}

static const char *make_class_id(walker *w)
{
    size_t start = w->class_len > CLASS_ID_MAX ? w->class_len - CLASS_ID_MAX : 0;
    while (start > 0 && start < w->class_len && w->classes[start - 1] != ' ')
        start++;
    size_t n = w->class_len - start;
    while (n > 0 && w->classes[start] == ' ') {
        start++;
        n--;
    }
    while (n > 0 && w->classes[start + n - 1] == ' ')
        n--;
    return sl_doc_strndup_copy(w->doc, n ? w->classes + start : "", n);
}

/* Turns the gathered text into a block owned by frame buf_owner. */
static void flush(walker *w)
{
    w->pending_space = 0;
    size_t start = 0, end = w->len;
    while (start < end && (is_ascii_space((unsigned char)w->buf[start]) ||
                           w->buf[start] == '\t'))
        start++;
    while (end > start && is_ascii_space((unsigned char)w->buf[end - 1]))
        end--;
    if (start == end || w->failed) {
        w->len = 0;
        w->buf_links = 0;
        return;
    }
    frame *owner = &w->stack[w->buf_owner];
    sl_doc *doc = w->doc;
    size_t index = doc->n_blocks;
    sl_block *b = sl_doc_append_block_copy(doc, (sl_block_kind)owner->kind,
                                           w->buf + start, end - start);
    sl_html_features *f = sl_doc_alloc(doc, sizeof *f);
    if (!b || !f ||
        grow((void **)&w->page->block_owner, &w->page->cap_owner, index + 1,
             sizeof(uint32_t)) < 0) {
        w->failed = 1;
        return;
    }
    b->level = owner->kind == SL_BLOCK_HEADING ? owner->level : 0;
    f->tag = owner->info->name[0] ? owner->info->name
                                  : sl_doc_strndup_copy(doc, owner->name,
                                                        strlen(owner->name));
    f->path = make_path(w, w->buf_owner);
    f->class_id = make_class_id(w);
    f->depth = (uint32_t)w->buf_owner;
    f->text_chars = (uint32_t)count_chars(b->text, b->len);
    f->link_chars = w->buf_links < f->text_chars ? w->buf_links : f->text_chars;
    f->hints = owner->hints;
    f->dom_index = owner->elem;
    if (!f->tag || !f->path || !f->class_id) {
        w->failed = 1;
        return;
    }
    b->html = f;
    w->page->block_owner[index] = owner->elem;
    html_elem *e = &w->page->elems[owner->elem];
    e->text_chars += f->text_chars;
    e->link_chars += f->link_chars;
    e->punct += count_punct(b->text, b->len);
    e->blocks++;
    if (e->tag == TAG_P && e->blocks == 1)
        e->paragraphs++;
    else if (e->tag == TAG_LI && e->blocks == 1)
        e->items++;
    if (owner->kind == SL_BLOCK_HEADING && owner->level == 1 &&
        w->page->first_h1 < 0)
        w->page->first_h1 = (long)index;
    w->len = 0;
    w->buf_links = 0;
}

static const char *attr_value(xmlAttrPtr a)
{
    if (a->children && a->children->type == XML_TEXT_NODE &&
        a->children->content)
        return (const char *)a->children->content;
    return "";
}

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

/* Appends a lower-cased attribute value to the class buffer and judges it. */
static void add_class_tokens(walker *w, const char *value, uint32_t *hints,
                             int *weight)
{
    size_t n = strlen(value);
    if (n > 200)
        n = 200;
    if (grow((void **)&w->classes, &w->cap_classes, w->class_len + n + 2, 1) < 0) {
        w->failed = 1;
        return;
    }
    char *dst = w->classes + w->class_len;
    dst[0] = ' ';
    for (size_t i = 0; i < n; i++) {
        char c = value[i];
        dst[i + 1] = (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                     : is_ascii_space((unsigned char)c) ? ' ' : c;
    }
    html_class_judge(dst + 1, n, hints, weight);
    w->class_len += n + 1;
}

/* Reads class, id and the hiding attributes. Returns 1 when the element
 * is hidden. */
static int read_attributes(walker *w, xmlNodePtr node, uint32_t *hints,
                           int *weight)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        switch (name[0]) {
        case 'c':
            if (strcmp(name, "class") == 0)
                add_class_tokens(w, attr_value(a), hints, weight);
            break;
        case 'i':
            if (strcmp(name, "id") == 0)
                add_class_tokens(w, attr_value(a), hints, weight);
            break;
        case 'h':
            if (strcmp(name, "hidden") == 0)
                return 1;
            break;
        case 'a':
            if (strcmp(name, "aria-hidden") == 0 &&
                strcmp(attr_value(a), "true") == 0)
                return 1;
            break;
        case 's':
            if (strcmp(name, "style") == 0 && style_hides(attr_value(a)))
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* True when a <tr> holds short cells with no block-level content: a row of
 * data rather than page layout. */
static int is_data_row(xmlNodePtr tr)
{
    int cells = 0, seen = 0;
    size_t chars = 0;
    xmlNodePtr n = tr->children;
    while (n && n != tr) {
        if (++seen > ROW_LOOKAHEAD)
            return 0;
        if (n->type == XML_ELEMENT_NODE) {
            const html_tag_info *t = html_tag_lookup((const char *)n->name);
            if (t->flags & TF_CELL) {
                if (n->parent == tr)
                    cells++;
            } else if (t->flags & (TF_BLOCK | TF_BREAK)) {
                return 0;
            }
        } else if (n->type == XML_TEXT_NODE && n->content) {
            chars += strlen((const char *)n->content);
            if (chars > ROW_MAX_CHARS * 3)
                return 0;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != tr && !n->next)
            n = n->parent;
        if (n && n != tr)
            n = n->next;
    }
    return cells >= 2;
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (copy)
        memcpy(copy, s, n + 1);
    return copy;
}

static char *text_of(xmlNodePtr node)
{
    xmlChar *t = xmlNodeGetContent(node);
    if (!t)
        return NULL;
    char *copy = copy_string((const char *)t);
    xmlFree(t);
    return copy;
}

/* Reads <title> and <meta property="og:title"> from <head>. */
static void read_head(walker *w, xmlNodePtr head)
{
    for (xmlNodePtr n = head->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "title") == 0 && !w->page->title) {
            w->page->title = text_of(n);
        } else if (strcmp((const char *)n->name, "meta") == 0 &&
                   !w->page->og_title) {
            xmlChar *prop = xmlGetProp(n, (const xmlChar *)"property");
            if (!prop)
                prop = xmlGetProp(n, (const xmlChar *)"name");
            if (prop && strcmp((const char *)prop, "og:title") == 0) {
                xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
                if (content) {
                    w->page->og_title = copy_string((const char *)content);
                    xmlFree(content);
                }
            }
            xmlFree(prop);
        }
    }
}

static int add_elem(walker *w, uint32_t parent, const html_tag_info *info,
                    uint32_t hints, int weight)
{
    html_page *page = w->page;
    if (grow((void **)&page->elems, &page->cap_elems, page->n_elems + 1,
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
    return 0;
}

/* Opens an element: pushes a frame. Returns 0 when the walker should go
 * into its children, 1 when the element is skipped, -1 on failure. */
static int enter(walker *w, xmlNodePtr node)
{
    const html_tag_info *info = html_tag_lookup((const char *)node->name);
    if (info->flags & TF_DROP)
        return 1;
    if (info->flags & TF_HEAD) {
        read_head(w, node);
        return 1;
    }
    if (info->flags & TF_BREAK) {
        frame *top = &w->stack[w->depth - 1];
        if (top->row_mode)
            w->pending_space = 1;
        else
            flush(w);
        return 1;
    }
    frame *parent = &w->stack[w->depth - 1];
    size_t class_before = w->class_len;
    uint32_t hints = parent->hints | info->hints;
    int weight = 0;
    if (info->flags & TF_CHROME)
        hints |= SL_HINT_TAG_CHROME;
    if (read_attributes(w, node, &hints, &weight)) {
        w->class_len = class_before;
        return 1;
    }
    if (grow((void **)&w->stack, &w->cap, w->depth + 1, sizeof *w->stack) < 0) {
        w->failed = 1;
        return -1;
    }
    parent = &w->stack[w->depth - 1];
    int block = (info->flags & TF_BLOCK) != 0;
    if ((info->flags & TF_CELL) && parent->row_mode) {
        block = 0;
        if (w->cells_in_row++ > 0 && buf_put(w, "\t", 1) == 0) {
            if (w->len == 1)
                w->buf_owner = parent->owner;
        }
        w->pending_space = 0;
    }
    if (block)
        flush(w);
    frame *f = &w->stack[w->depth];
    memset(f, 0, sizeof *f);
    f->info = info;
    f->name = (const char *)node->name;
    f->elem = (uint32_t)w->page->n_elems;
    f->hints = hints;
    f->class_len = class_before;
    f->in_link = parent->in_link || (info->flags & TF_LINK);
    f->in_pre = parent->in_pre || (info->flags & TF_PRE);
    f->row_mode = parent->row_mode && !(info->flags & TF_ROW);
    f->kind = parent->kind;
    f->level = parent->level;
    if (info->flags & TF_KIND) {
        f->kind = info->kind;
        f->level = info->level;
    }
    if (info->flags & TF_ROW) {
        f->row_mode = (uint8_t)is_data_row(node);
        if (f->row_mode) {
            f->kind = SL_BLOCK_TABLE_ROW;
            w->cells_in_row = 0;
        }
    }
    f->owns_text = (uint8_t)block;
    f->owner = block ? (uint32_t)w->depth : parent->owner;
    if (add_elem(w, parent->elem, info, hints, weight) < 0)
        return -1;
    w->depth++;
    return 0;
}

/* Closes the top element: its gathered text becomes a block and its
 * counts go to its parent. */
static void leave(walker *w)
{
    frame *f = &w->stack[w->depth - 1];
    if (f->owns_text)
        flush(w);
    html_elem *e = &w->page->elems[f->elem];
    if (e->parent != UINT32_MAX) {
        html_elem *p = &w->page->elems[e->parent];
        p->text_chars += e->text_chars;
        p->link_chars += e->link_chars;
        p->punct += e->punct;
        p->blocks += e->blocks;
        p->paragraphs += e->paragraphs;
        p->items += e->items;
    }
    w->class_len = f->class_len;
    w->depth--;
}

/* The element to start from: the root (<html>), so that content a broken
 * page puts after </body> is kept; <head> is read for the title. */
static xmlNodePtr find_start(xmlDocPtr tree, walker *w)
{
    (void)w;
    return xmlDocGetRootElement(tree);
}

int html_walk(sl_doc *doc, xmlDocPtr tree, html_page *page)
{
    walker w = {0};
    w.doc = doc;
    w.page = page;
    page->first_h1 = -1;
    xmlNodePtr start = find_start(tree, &w);
    if (!start)
        return 0;
    if (grow((void **)&w.stack, &w.cap, 64, sizeof *w.stack) < 0)
        return -1;
    frame *root = &w.stack[0];
    memset(root, 0, sizeof *root);
    root->info = html_tag_lookup("body");
    root->name = "body";
    root->owns_text = 1;
    root->kind = SL_BLOCK_PARAGRAPH;
    if (add_elem(&w, UINT32_MAX, root->info, 0, 0) < 0)
        goto done;
    w.depth = 1;
    xmlNodePtr n = start->children;
    while (!w.failed) {
        if (n && (n->type == XML_TEXT_NODE ||
                  n->type == XML_CDATA_SECTION_NODE)) {
            if (n->content)
                add_text(&w, (const char *)n->content);
        } else if (n && n->type == XML_ELEMENT_NODE) {
            int r = enter(&w, n);
            if (r < 0)
                break;
            if (r == 0 && n->children) {
                n = n->children;
                continue;
            }
            if (r == 0)
                leave(&w);
        }
        /* next: a sibling, or the sibling of the nearest ancestor that has
         * one, closing the ancestors' frames on the way up */
        while (n && !n->next) {
            n = n->parent;
            if (!n || n == start) {
                n = NULL;
                break;
            }
            leave(&w);
        }
        if (!n)
            break;
        n = n->next;
    }
    while (w.depth > 0)
        leave(&w);
done:
    free(w.stack);
    free(w.buf);
    free(w.classes);
    return w.failed ? -1 : 0;
}

void html_page_release(html_page *page)
{
    free(page->elems);
    free(page->block_owner);
    free(page->og_title);
    free(page->title);
    memset(page, 0, sizeof *page);
}
