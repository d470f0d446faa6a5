/* plugins/html/html_walk.c - turns an HTML page into blocks, driven by
 * libxml2's HTML parser in SAX mode (no tree is built, so memory stays
 * flat and deep nesting costs nothing but a counter).
 *
 * Text is gathered into a buffer that belongs to the nearest block-level
 * element; the buffer becomes a block whenever a block-level element
 * starts or ends, or at a <br>. Each block gets sl_html_features, and the
 * walker keeps a table of elements with the text counts of their subtrees
 * for the main-content finder. The cells of a short table row with no
 * block-level content are joined into one TABLE_ROW block when the row
 * ends.
 *
 * Memory on pages of many tiny blocks: a path or class_id string is
 * stored once per page and shared by every block that has it, and a block
 * whose features equal those of the block before it (the lines between
 * <br>s of one element) shares that block's record; the html stage edits
 * a shared record only through html_features_to_edit.
 *
 * On a page of very many <br>s (sl_doc_coalesces_lines on the count of
 * <br> tags and the page's bytes), a <br> ends a line inside the buffer
 * instead of the block, so the lines between the <br>s of one element
 * (of paragraph kind) become SL_BLOCK_LINES blocks of up to about
 * SL_LINES_GROUP_BYTES bytes,
 * their lines trimmed and joined with '\n' and empty lines left out, as
 * one block per line would have been.
 */
#include "html_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "html_classes.h"
#include "html_meta.h"
#include "html_tags.h"

enum {
    PATH_MAX_TAGS = 10,  /* path keeps the innermost tags */
    CLASS_ID_MAX = 240,  /* class_id keeps the innermost tokens */
    ROW_MAX_CHARS = 400, /* a data row's cells are short */
    CLASS_CACHE = 256,   /* remembered judgements of class values */
    TITLE_MAX = 2048     /* bytes of <title> kept */
};

typedef struct frame {
    const html_tag_info *info;
    const char *name; /* element name (the parser's dictionary) */
    uint32_t elem;    /* index in page->elems */
    uint32_t hints;
    size_t class_len; /* class buffer length before this element */
    size_t row_start; /* TR: first block of the row */
    long row;         /* frame index of the enclosing TR, or -1 */
    uint32_t owner;   /* frame index of the nearest block-level frame */
    uint16_t cells;   /* TR: cells seen */
    uint8_t row_ok;   /* TR: no block-level content inside so far */
    uint8_t kind;     /* block kind of text owned here */
    uint8_t level;
    uint8_t in_link;
    uint8_t in_pre;
    uint8_t owns_text; /* a block-level element */
} frame;

typedef struct class_memo {
    uint64_t hash;
    uint32_t len;
    uint32_t hints;
    int weight;
} class_memo;

/* One string of the document's arena that blocks share: a path or a
 * class_id many blocks of a page repeat is stored once. */
typedef struct interned {
    uint64_t hash;
    const char *text;
    size_t len;
} interned;

typedef struct walker {
    sl_doc *doc;
    html_page *page;
    frame *stack;
    size_t depth, cap;
    size_t skip; /* > 0: inside a dropped element, its depth */
    int in_head;
    int in_title;
    char *buf; /* text of the block being gathered */
    size_t len, cap_buf;
    size_t line_start;  /* where the buffer's last coalesced line starts */
    int coalesce;       /* a <br> ends a line, not a block */
    int in_run;         /* the buffer continues, or is continued by, a
                           block of coalesced lines */
    uint32_t buf_links; /* link code points in buf */
    int pending_space;
    int alt_block;    /* the buffer holds an image's alt text */
    int form_option;  /* ... text after an enabled radio button or checkbox */
    size_t buf_owner; /* frame index owning buf (valid when len > 0) */
    char *classes;    /* lower-case class/id tokens of open frames */
    size_t class_len, cap_classes;
    char *title; /* <title> text being gathered */
    size_t title_len, cap_title;
    class_memo memo[CLASS_CACHE];
    interned *strings; /* open addressing, a power of two slots */
    size_t n_strings, cap_strings;
    char *path; /* the path being built */
    size_t cap_path;
    sl_html_features features; /* those of the block being made */
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

/* Appends text, folding runs of white space to one space unless inside
 * <pre>. */
static void add_text(walker *w, const char *text, size_t n)
{
    frame *top = &w->stack[w->depth - 1];
    size_t before = w->len;
    if (w->len == 0)
        w->buf_owner = top->owner;
    if (top->in_pre) {
        buf_put(w, text, n);
    } else {
        const char *p = text, *end = text + n;
        while (p < end) {
            if (is_ascii_space((unsigned char)*p)) {
                while (p < end && is_ascii_space((unsigned char)*p))
                    p++;
                w->pending_space = 1;
                continue;
            }
            const char *start = p;
            while (p < end && !is_ascii_space((unsigned char)*p))
                p++;
            if (w->pending_space && w->len > w->line_start &&
                w->buf[w->len - 1] != '\t')
                buf_put(w, " ", 1);
            w->pending_space = 0;
            buf_put(w, start, (size_t)(p - start));
        }
    }
    if (top->in_link) {
        size_t links = 0;
        for (size_t i = before; i < w->len; i++)
            links +=
                ((unsigned char)w->buf[i] & 0xC0) != 0x80 && w->buf[i] != ' ';
        w->buf_links += (uint32_t)links;
    }
}

/* Commas and sentence ends in s: what the main-content finder counts.
 * CJK punctuation is three bytes starting E3 80 (、。) or EF BC/BD
 * (，！？；...); everything else three-byte is skipped without decoding.
 * Arabic-script punctuation is two bytes starting D8 or DB. */
uint32_t html_count_punct(const char *s, size_t n)
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
        if ((b == 0xE3 || b == 0xEF || b == 0xE2) && pos + 2 < n) {
            size_t at = pos;
            int32_t cp = sl_utf8_next(s, n, &at);
            c += cp == 0xFF0C || cp == 0x3001 || sl_is_sentence_end(cp);
            pos = at;
            continue;
        }
        if ((b == 0xD8 || b == 0xDB) && pos + 1 < n) {
            /* Arabic-script comma, semicolon, question mark (U+060C,
             * U+061B, U+061F) and the Urdu full stop (U+06D4) */
            unsigned char t = (unsigned char)s[pos + 1];
            c += b == 0xD8 ? t == 0x8C || t == 0x9B || t == 0x9F : t == 0x94;
            pos += 2;
            continue;
        }
        pos += b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }
    return c;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Puts a string in the slot where its probe ends. */
static void place_string(interned *slots, size_t cap, interned item)
{
    size_t at = (size_t)item.hash & (cap - 1);
    while (slots[at].text)
        at = (at + 1) & (cap - 1);
    slots[at] = item;
}

/* Doubles the table of shared strings once it is half full. */
static int grow_strings(walker *w)
{
    if ((w->n_strings + 1) * 2 <= w->cap_strings)
        return 0;
    size_t cap = w->cap_strings ? w->cap_strings * 2 : 256;
    interned *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < w->cap_strings; i++)
        if (w->strings[i].text)
            place_string(slots, cap, w->strings[i]);
    free(w->strings);
    w->strings = slots;
    w->cap_strings = cap;
    return 0;
}

/* The arena copy of s[0..len) that earlier blocks of the page share, made
 * on first use: blocks of one element, and of elements alike, repeat the
 * same path and class_id. NULL when out of memory. */
static const char *shared_string(walker *w, const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len);
    if (w->cap_strings) {
        size_t at = (size_t)h & (w->cap_strings - 1);
        for (; w->strings[at].text; at = (at + 1) & (w->cap_strings - 1)) {
            const interned *e = &w->strings[at];
            if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0)
                return e->text;
        }
    }
    if (grow_strings(w) < 0)
        return NULL;
    char *copy = sl_doc_strndup_copy(w->doc, s, len);
    if (!copy)
        return NULL;
    place_string(w->strings, w->cap_strings,
                 (interned){.hash = h, .text = copy, .len = len});
    w->n_strings++;
    return copy;
}

/* "div>article>p" from the frames below the root up to owner. */
static const char *make_path(walker *w, size_t owner)
{
    size_t first = owner + 1 > PATH_MAX_TAGS ? owner + 1 - PATH_MAX_TAGS : 1;
    if (first > owner)
        first = owner;
    size_t n = 0;
    for (size_t i = first; i <= owner; i++)
        n += strlen(w->stack[i].name) + 1;
    if (grow((void **)&w->path, &w->cap_path, n + 1, 1) < 0)
        return NULL;
    char *p = w->path;
    for (size_t i = first; i <= owner; i++) {
        size_t l = strlen(w->stack[i].name);
        memcpy(p, w->stack[i].name, l);
        p += l;
        if (i < owner)
            *p++ = '>';
    }
    return shared_string(w, w->path, (size_t)(p - w->path));
}

static const char *make_class_id(walker *w, size_t owner)
{
    size_t end =
        owner + 1 < w->depth ? w->stack[owner + 1].class_len : w->class_len;
    size_t start = end > CLASS_ID_MAX ? end - CLASS_ID_MAX : 0;
    while (start > 0 && start < end && w->classes[start - 1] != ' ')
        start++;
    while (start < end && w->classes[start] == ' ')
        start++;
    while (end > start && w->classes[end - 1] == ' ')
        end--;
    return shared_string(w, end > start ? w->classes + start : "", end - start);
}

static void reset_buffer(walker *w)
{
    w->len = 0;
    w->line_start = 0;
    w->in_run = 0;
    w->buf_links = 0;
    w->pending_space = 0;
    w->form_option = 0;
}

static int same_features(const sl_html_features *a, const sl_html_features *b)
{
    return a->tag == b->tag && a->path == b->path &&
           a->class_id == b->class_id && a->depth == b->depth &&
           a->text_chars == b->text_chars && a->link_chars == b->link_chars &&
           a->hints == b->hints && a->dom_index == b->dom_index;
}

sl_html_features *html_features_to_edit(sl_doc *doc, size_t block)
{
    sl_html_features *f = doc->blocks[block].html;
    int shared =
        (block > 0 && doc->blocks[block - 1].html == f) ||
        (block + 1 < doc->n_blocks && doc->blocks[block + 1].html == f);
    if (!f || !shared)
        return f;
    sl_html_features *own = sl_doc_alloc(doc, sizeof *own);
    if (!own)
        return NULL;
    *own = *f;
    doc->blocks[block].html = own;
    return own;
}

/* Turns the gathered text into a block owned by frame buf_owner. */
enum {
    TIME_LINE_CHARS = 48,   /* a date or time line of a post */
    HEADER_LINE_CHARS = 120 /* a post's header holding its date and time */
};

/* Whether a block tells when a post was written (or which floor it is):
 * a short date or time line, a header line holding a date with its year
 * and a clock time, or a floor number. */
static int is_post_time(const sl_block *b, const sl_html_features *f)
{
    if (f->text_chars <= TIME_LINE_CHARS &&
        (html_looks_like_time(b->text, b->len) ||
         html_looks_like_floor(b->text, b->len)))
        return 1;
    return f->text_chars <= HEADER_LINE_CHARS &&
           html_looks_like_post_header(b->text, b->len);
}

static void flush(walker *w)
{
    size_t start = 0, end = w->len;
    while (start < end && (is_ascii_space((unsigned char)w->buf[start]) ||
                           w->buf[start] == '\t'))
        start++;
    while (end > start && is_ascii_space((unsigned char)w->buf[end - 1]))
        end--;
    if (start == end || w->failed) {
        reset_buffer(w);
        return;
    }
    frame *owner = &w->stack[w->buf_owner];
    sl_doc *doc = w->doc;
    size_t index = doc->n_blocks;
    sl_block *b = sl_doc_append_block_copy(doc, (sl_block_kind)owner->kind,
                                           w->buf + start, end - start);
    if (b && !w->alt_block &&
        (w->in_run || (w->line_start > 0 && memchr(b->text, '\n', b->len))))
        b->flags |= SL_BLOCK_LINES;
    sl_html_features *f = &w->features;
    if (!b ||
        grow((void **)&w->page->block_owner, &w->page->cap_owner, index + 1,
             sizeof(uint32_t)) < 0 ||
        grow((void **)&w->page->block_punct, &w->page->cap_punct, index + 1,
             sizeof(uint32_t)) < 0) {
        w->failed = 1;
        return;
    }
    b->level = owner->kind == SL_BLOCK_HEADING ? owner->level : 0;
    f->tag = owner->info->name[0]
                 ? owner->info->name
                 : shared_string(w, owner->name, strlen(owner->name));
    f->path = make_path(w, w->buf_owner);
    f->class_id = make_class_id(w, w->buf_owner);
    f->depth = (uint32_t)w->buf_owner;
    f->text_chars = (uint32_t)count_chars(b->text, b->len);
    f->link_chars = w->buf_links < f->text_chars ? w->buf_links : f->text_chars;
    f->hints = owner->hints | (w->alt_block ? SL_HINT_IMAGE_ALT : 0u) |
               (w->form_option ? SL_HINT_FORM_OPTION : 0u);
    f->dom_index = owner->elem;
    if (!f->tag || !f->path || !f->class_id) {
        w->failed = 1;
        return;
    }
    /* the lines of one element alike share one record */
    const sl_html_features *before =
        index > 0 ? doc->blocks[index - 1].html : NULL;
    if (before && same_features(before, f)) {
        b->html = doc->blocks[index - 1].html;
    } else {
        b->html = sl_doc_alloc(doc, sizeof *b->html);
        if (!b->html) {
            w->failed = 1;
            return;
        }
        *b->html = *f;
    }
    f = b->html;
    w->page->block_owner[index] = owner->elem;
    if (w->alt_block) {
        w->page->block_punct[index] = 0;
        reset_buffer(w);
        return;
    }
    html_elem *e = &w->page->elems[owner->elem];
    e->text_chars += f->text_chars;
    e->link_chars += f->link_chars;
    uint32_t punct = html_count_punct(b->text, b->len);
    w->page->block_punct[index] = punct;
    e->punct += punct;
    if (e->times < UINT16_MAX && is_post_time(b, f))
        e->times++;
    e->blocks++;
    if (e->tag == TAG_P && e->blocks == 1)
        e->paragraphs++;
    else if (e->tag == TAG_LI && e->blocks == 1)
        e->items++;
    if (owner->kind == SL_BLOCK_HEADING && owner->level == 1 &&
        w->page->first_h1 < 0)
        w->page->first_h1 = (long)index;
    reset_buffer(w);
}

/* A <br> on a page whose lines are coalesced: in a paragraph, the line
 * ends inside the buffer (trimmed; an empty line is left out), or, once
 * the buffer holds SL_LINES_GROUP_BYTES, the buffer becomes a block; the
 * lines of a heading, a list item or a quote stay blocks of their own. */
static void break_line(walker *w)
{
    if (w->len > 0 && w->stack[w->buf_owner].kind != SL_BLOCK_PARAGRAPH) {
        flush(w);
        return;
    }
    size_t end = w->len;
    while (end > w->line_start &&
           is_ascii_space((unsigned char)w->buf[end - 1]))
        end--;
    w->len = end;
    w->pending_space = 0;
    if (w->len == w->line_start)
        return;
    if (w->len >= SL_LINES_GROUP_BYTES) {
        /* this block and the next are parts of one run of lines */
        w->in_run = 1;
        flush(w);
        w->in_run = 1;
        return;
    }
    if (buf_put(w, "\n", 1) == 0)
        w->line_start = w->len;
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
    if (grow((void **)&w->classes, &w->cap_classes, w->class_len + n + 2, 1) <
        0) {
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
    uint64_t h = hash_bytes(dst + 1, n);
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

/* What the page-type step needs of an element's attributes: a token
 * that siblings of the same kind share, and its microdata type. */
typedef struct elem_mark {
    const char *token;
    size_t token_len;
    int token_from_id;
    uint8_t schema;
    uint8_t article_body; /* itemprop="articleBody" */
} elem_mark;

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
static int read_attributes(walker *w, const xmlChar **attrs, uint32_t *hints,
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

static char *copy_string(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    if (copy)
        memcpy(copy, s, n + 1);
    return copy;
}

/* <meta property="og:title" content="..."> */
static void read_meta(walker *w, const xmlChar **attrs)
{
    const char *content = NULL;
    int og_title = 0;
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *name = (const char *)attrs[i];
        const char *value = attrs[i + 1] ? (const char *)attrs[i + 1] : "";
        if ((strcmp(name, "property") == 0 || strcmp(name, "name") == 0) &&
            strcmp(value, "og:title") == 0)
            og_title = 1;
        else if (strcmp(name, "content") == 0)
            content = value;
    }
    if (og_title && content && !w->page->og_title) {
        w->page->og_title = copy_string(content);
        if (!w->page->og_title)
            w->failed = 1;
    }
}

static const uint32_t chrome_hints =
    SL_HINT_NAV | SL_HINT_FOOTER | SL_HINT_SIDEBAR | SL_HINT_RELATED |
    SL_HINT_COMMENT | SL_HINT_SHARE | SL_HINT_AD | SL_HINT_BREADCRUMB;

/* The element's signature and its "tag.token" label. */
static void mark_elem(walker *w, html_elem *e, const char *name,
                      const elem_mark *m)
{
    size_t nlen = strlen(name);
    if (nlen > 24)
        nlen = 24;
    uint64_t h = hash_bytes(name, nlen);
    if (m->token) {
        h ^= hash_bytes(m->token, m->token_len) * 31u;
    }
    e->sig = (uint32_t)(h ^ (h >> 32));
    e->schema = m->schema;
    if (strcmp(name, "time") == 0)
        e->times = 1;
    if (!m->token)
        return;
    html_page *page = w->page;
    size_t need = page->n_labels + nlen + m->token_len + 3;
    if (grow((void **)&page->labels, &page->cap_labels, need, 1) < 0) {
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
static int add_elem(walker *w, uint32_t parent, const html_tag_info *info,
                    uint32_t hints, uint32_t own_hints, int weight)
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
    e->own_hints =
        own_hints | ((info->flags & TF_CHROME) ? SL_HINT_TAG_CHROME : 0u);
    e->own_unlikely =
        (own_hints & chrome_hints) && !(own_hints & SL_HINT_CONTENT);
    return 0;
}

/* The enclosing row learns that it holds more than short cells. */
static void spoil_row(walker *w, const frame *parent)
{
    if (parent->row >= 0)
        w->stack[parent->row].row_ok = 0;
}

/* An image standing alone whose alt text is written prose (a sentence of
 * several words, as on a page whose only message is an advertisement's
 * picture, ending in a full stop) becomes a block of its own, hinted
 * SL_HINT_IMAGE_ALT, for the boilerplate stage to keep when the page has no
 * other text; a short label ("logo", "photo of the author") does not. The alt
 * text is never counted as link text (a linked picture's words describe the
 * picture), nor in its element's prose, which chooses the main content. */
#define ALT_MIN_WORDS 6

static int alt_is_prose(const char *alt)
{
    size_t words = 0;
    int in_word = 0;
    char last = 0;
    for (const char *p = alt; *p; p++) {
        int space = is_ascii_space((unsigned char)*p);
        if (!space && !in_word)
            words++;
        in_word = !space;
        if (!space)
            last = *p;
    }
    /* a teaser's headline ends in '?' or '!' or not at all */
    return words >= ALT_MIN_WORDS && last == '.';
}

static void add_alt_text(walker *w, const xmlChar **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *value = (const char *)attrs[i + 1];
        if (strcmp((const char *)attrs[i], "alt") != 0 || !value ||
            !alt_is_prose(value))
            continue;
        if (w->len > w->line_start)
            return; /* a picture inside running text: the text speaks */
        if (w->len > 0)
            flush(w); /* the coalesced lines before it */
        frame *top = &w->stack[w->depth - 1];
        uint8_t in_link = top->in_link;
        top->in_link = 0;
        add_text(w, value, strlen(value));
        w->alt_block = 1;
        flush(w);
        w->alt_block = 0;
        top->in_link = in_link;
        return;
    }
}

/* Whether an <input> is a radio button or a checkbox a reader can
 * change: the text after it in its line is a form's option. A rendered
 * task list's checkboxes are disabled, and its items are content. */
static int is_choice_input(const xmlChar **attrs)
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

/* The sectioning element an ARIA landmark role on a div stands for
 * (<div role="navigation"> is a nav, "complementary" an aside): old
 * layouts built of divs say with the role what newer ones say with the
 * tag. info when the element is no div or has no landmark role. */
static const html_tag_info *landmark_info(const char *name,
                                          const xmlChar **attrs,
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

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **attrs)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    const char *name = (const char *)xname;
    if (w->failed)
        return;
    if (w->skip > 0) {
        w->skip++;
        return;
    }
    const html_tag_info *info =
        landmark_info(name, attrs, html_tag_lookup(name));
    if (info->flags & TF_HEAD) {
        w->in_head = 1;
        w->skip = 1;
        return;
    }
    if (info->flags & (TF_DROP | TF_BREAK)) {
        if (strcmp(name, "input") == 0 && is_choice_input(attrs))
            w->form_option = 1; /* until the line ends */
        if (info->flags & TF_BREAK) {
            frame *top = &w->stack[w->depth - 1];
            spoil_row(w, top);
            if (w->coalesce && !top->in_pre && strcmp(name, "br") == 0)
                break_line(w);
            else
                flush(w);
        }
        w->skip = 1;
        return;
    }
    frame *parent;
    size_t class_before = w->class_len;
    uint32_t own = info->hints;
    int weight = 0;
    elem_mark mark = {0};
    if (read_attributes(w, attrs, &own, &weight, &mark)) {
        w->class_len = class_before;
        w->skip = 1;
        return;
    }
    if (grow((void **)&w->stack, &w->cap, w->depth + 1, sizeof *w->stack) < 0) {
        w->failed = 1;
        return;
    }
    parent = &w->stack[w->depth - 1];
    int block = (info->flags & TF_BLOCK) != 0;
    if (info->flags & TF_CELL) {
        if (parent->info->flags & TF_ROW)
            parent->cells++;
    } else if (block) {
        spoil_row(w, parent);
    }
    if (block)
        flush(w);
    frame *f = &w->stack[w->depth];
    memset(f, 0, sizeof *f);
    f->info = info;
    f->name = name;
    f->elem = (uint32_t)w->page->n_elems;
    uint32_t hints = parent->hints | own;
    if (info->flags & TF_CHROME)
        hints |= SL_HINT_TAG_CHROME;
    f->hints = hints;
    f->class_len = class_before;
    f->row = parent->row;
    f->in_link = parent->in_link || (info->flags & TF_LINK);
    f->in_pre = parent->in_pre || (info->flags & TF_PRE);
    f->kind = parent->kind;
    f->level = parent->level;
    if (info->flags & TF_KIND) {
        f->kind = info->kind;
        f->level = info->level;
    }
    if (info->flags & TF_ROW) {
        f->row = (long)w->depth;
        f->row_ok = 1;
        f->row_start = w->doc->n_blocks;
    }
    f->owns_text = (uint8_t)block;
    f->owner = block ? (uint32_t)w->depth : parent->owner;
    if (add_elem(w, parent->elem, info, hints, own, weight) < 0)
        return;
    mark_elem(w, &w->page->elems[f->elem], name, &mark);
    if (mark.article_body) {
        w->page->article_body = f->elem;
        w->page->article_bodies++;
    }
    w->depth++;
    if (strcmp(name, "img") == 0)
        add_alt_text(w, attrs);
}

/* Joins the cell blocks of a finished data row into one TABLE_ROW. */
static void join_row(walker *w, const frame *tr)
{
    sl_doc *doc = w->doc;
    size_t first = tr->row_start, n = doc->n_blocks - first;
    if (!tr->row_ok || tr->cells < 2 || n < 2)
        return;
    size_t bytes = 0, chars = 0, links = 0;
    for (size_t i = first; i < doc->n_blocks; i++) {
        bytes += doc->blocks[i].len + 1;
        chars += doc->blocks[i].html->text_chars;
        links += doc->blocks[i].html->link_chars;
    }
    if (chars > ROW_MAX_CHARS)
        return;
    char *text = sl_doc_alloc(doc, bytes);
    if (!text) {
        w->failed = 1;
        return;
    }
    size_t at = 0;
    for (size_t i = first; i < doc->n_blocks; i++) {
        if (at)
            text[at++] = '\t';
        memcpy(text + at, doc->blocks[i].text, doc->blocks[i].len);
        at += doc->blocks[i].len;
    }
    sl_html_features *f = html_features_to_edit(doc, first);
    if (!f) {
        w->failed = 1;
        return;
    }
    while (doc->n_blocks > first)
        sl_doc_remove_block(doc, doc->n_blocks - 1);
    sl_block *b = sl_doc_append_block_copy(doc, SL_BLOCK_TABLE_ROW, text, at);
    if (!b) {
        w->failed = 1;
        return;
    }
    f->tag = "tr";
    f->text_chars = (uint32_t)chars;
    f->link_chars = (uint32_t)links;
    f->dom_index = tr->elem;
    b->html = f;
    w->page->block_owner[first] = tr->elem;
    w->page->block_punct[first] = html_count_punct(text, at);
}

static void on_end(void *ctx, const xmlChar *xname)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    (void)xname;
    if (w->skip > 0) {
        w->skip--;
        if (w->skip == 0)
            w->in_head = 0;
        return;
    }
    if (w->failed || w->depth <= 1)
        return;
    frame *f = &w->stack[w->depth - 1];
    if (f->owns_text)
        flush(w);
    if (f->info->flags & TF_ROW)
        join_row(w, f);
    html_elem *e = &w->page->elems[f->elem];
    html_elem *p = &w->page->elems[e->parent];
    p->text_chars += e->text_chars;
    p->link_chars += e->link_chars;
    p->punct += e->punct;
    p->blocks += e->blocks;
    p->paragraphs += e->paragraphs;
    p->items += e->items;
    p->times = (uint16_t)(p->times + e->times < UINT16_MAX ? p->times + e->times
                                                           : UINT16_MAX);
    w->class_len = f->class_len;
    w->depth--;
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->in_title) {
        size_t n = (size_t)len;
        if (w->title_len + n > TITLE_MAX) {
            n = TITLE_MAX - w->title_len;
            while (n > 0 && (text[n] & 0xC0) == 0x80)
                n--; /* cut before a character, never inside one */
        }
        if (grow((void **)&w->title, &w->cap_title, w->title_len + n + 1, 1) <
            0) {
            w->failed = 1;
            return;
        }
        memcpy(w->title + w->title_len, text, n);
        w->title_len += n;
        w->title[w->title_len] = '\0';
        return;
    }
    if (w->skip > 0 || w->failed || len <= 0)
        return;
    if (w->page->meta)
        html_meta_text(w->page->meta, (const char *)text, (size_t)len);
    add_text(w, (const char *)text, (size_t)len);
}

/* <title> and <meta> are read even inside <head>, which is otherwise
 * skipped. */
static void on_start_outer(void *ctx, const xmlChar *name,
                           const xmlChar **attrs)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->page->meta)
        html_meta_element(w->page->meta, (const char *)name,
                          (const char **)attrs, w->doc->n_blocks);
    if (w->in_head && w->skip == 1) {
        if (strcmp((const char *)name, "title") == 0 && !w->page->title)
            w->in_title = 1;
        else if (strcmp((const char *)name, "meta") == 0)
            read_meta(w, attrs);
    }
    size_t depth_before = w->depth;
    int skipping = w->skip > 0;
    on_start(ctx, name, attrs);
    if (w->page->meta && !skipping && w->depth > depth_before)
        html_meta_open(w->page->meta, (const char **)attrs,
                       w->stack[w->depth - 1].hints, w->doc->n_blocks);
}

static void on_end_outer(void *ctx, const xmlChar *name)
{
    walker *w = ((htmlParserCtxtPtr)ctx)->_private;
    if (w->in_title && strcmp((const char *)name, "title") == 0) {
        w->in_title = 0;
        w->page->title = w->title ? copy_string(w->title) : NULL;
    }
    if (w->page->meta && w->skip == 0 && !w->failed && w->depth > 1)
        html_meta_close(w->page->meta);
    on_end(ctx, name);
}

static void ignore_error(void *user, const char *msg, ...)
{
    (void)user;
    (void)msg;
}

/* Text outside links in e's subtree. */
static uint64_t prose_of(const html_elem *e)
{
    return e->text_chars > e->link_chars ? e->text_chars - e->link_chars : 0;
}

/* A sidebar's name or a chrome tag on an element that holds most of the
 * page's prose (text outside links) names a layout, not chrome (<body
 * class="content-sidebar"> around the article and its sidebar, <form>
 * around a whole page), and a class saying "hide" or "header" there names
 * a state or a feature (a wiki's <body class="mw-hide-empty-elt">, <html
 * class="...-in-header-enabled">): readers see that text. Those hint
 * bits leave it and its subtree, and the blocks in it. Parents come
 * before children: one pass. */
static void clear_wrapper_hints(sl_doc *doc, html_page *page)
{
    /* a sidebar's name, a chrome tag, a hiding or header class; a
     * wrapper named like a menu or a comment list still says so (a menu
     * drawer around the page, a thread's comment list) */
    const uint32_t chrome =
        SL_HINT_SIDEBAR | SL_HINT_TAG_CHROME | SL_HINT_HIDDEN | SL_HINT_HEADER;
    uint64_t total = page->n_elems ? prose_of(&page->elems[0]) : 0;
    if (total == 0)
        return;
    int cleared = 0;
    for (size_t i = 1; i < page->n_elems; i++) {
        html_elem *e = &page->elems[i];
        uint32_t own = e->own_hints & chrome;
        if (own && prose_of(e) * 2 >= total) {
            own = 0;
            cleared = 1;
        }
        if (cleared)
            e->hints = (e->hints & ~chrome) |
                       (page->elems[e->parent].hints & chrome) | own;
    }
    if (!cleared)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_html_features *f = doc->blocks[i].html;
        if (f)
            f->hints = (f->hints & ~chrome) |
                       (page->elems[page->block_owner[i]].hints & chrome);
    }
}

/* The <br> tags of a page (any case, "<br>", "<br/>", "<br class=..>"):
 * a page's count of lines, for sl_doc_coalesces_lines. */
static size_t count_line_breaks(const char *html, size_t len)
{
    size_t n = 0;
    const char *end = html + len;
    for (const char *p = html; (p = memchr(p, '<', (size_t)(end - p))); p++) {
        if (end - p < 4 || (p[1] | 32) != 'b' || (p[2] | 32) != 'r')
            continue;
        char after = p[3];
        n += after == '>' || after == '/' ||
             is_ascii_space((unsigned char)after);
    }
    return n;
}

int html_walk(sl_doc *doc, const char *html, size_t len, const char *charset,
              html_page *page)
{
    walker *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    w->doc = doc;
    w->page = page;
    w->coalesce = sl_doc_coalesces_lines(count_line_breaks(html, len), len);
    page->first_h1 = -1;
    page->title_block = -1;
    htmlParserCtxtPtr parser = htmlNewParserCtxt();
    if (!parser || grow((void **)&w->stack, &w->cap, 64, sizeof *w->stack) < 0)
        goto fail;
    frame *root = &w->stack[0];
    memset(root, 0, sizeof *root);
    root->info = html_tag_lookup("body");
    root->name = "body";
    root->owns_text = 1;
    root->kind = SL_BLOCK_PARAGRAPH;
    root->row = -1;
    if (add_elem(w, UINT32_MAX, root->info, 0, 0, 0) < 0)
        goto fail;
    w->depth = 1;
    htmlSAXHandler *sax = parser->sax;
    memset(sax, 0, sizeof *sax);
    sax->startElement = on_start_outer;
    sax->endElement = on_end_outer;
    sax->characters = on_text;
    sax->warning = ignore_error;
    sax->error = ignore_error;
    sax->fatalError = ignore_error;
    sax->initialized = 1;
    parser->_private = w;
    htmlDocPtr tree = htmlCtxtReadMemory(
        parser, html, (int)len, NULL, charset,
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
            HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS);
    if (tree)
        xmlFreeDoc(tree);
    flush(w);
    while (w->depth > 1 && !w->failed)
        on_end(parser, (const xmlChar *)"");
    if (w->depth == 1 && !w->failed)
        flush(w);
    if (!w->failed)
        clear_wrapper_hints(doc, page);
fail:;
    int failed = w->failed || !parser;
    if (parser)
        htmlFreeParserCtxt(parser);
    free(w->stack);
    free(w->buf);
    free(w->classes);
    free(w->title);
    free(w->strings);
    free(w->path);
    free(w);
    return failed ? -1 : 0;
}

void html_page_release(html_page *page)
{
    free(page->elems);
    free(page->block_owner);
    free(page->block_punct);
    free(page->og_title);
    free(page->title);
    free(page->labels);
    memset(page, 0, sizeof *page);
}
