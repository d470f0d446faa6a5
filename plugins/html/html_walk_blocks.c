/* plugins/html/html_walk_blocks.c - block building of the html walk: the
 * gathered text becomes a block with its sl_html_features (tag, path,
 * class_id, counts, hints), and its counts are added to its element.
 * Paths and class_ids are stored once per page in a table of shared
 * strings, and a block whose features equal those of the block before it
 * shares that block's record (html_features_to_edit copies it before an
 * edit). Also the blocks of an image's alt text written as prose, and the
 * join of a short data row's cells into one TABLE_ROW block.
 */
#include "html_walk_internal.h"

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
    uint64_t h = walk_hash_bytes(s, len);
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
    if (walk_grow((void **)&w->path, &w->cap_path, n + 1, 1) < 0)
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

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Whether a block of text_chars code points, sponsored of them (spaces
 * aside) in links marked rel="sponsored", is a sponsored line: three
 * quarters of it or more. */
static int is_sponsored(uint32_t sponsored, uint32_t text_chars)
{
    return text_chars > 0 &&
           (uint64_t)sponsored * 4 >= (uint64_t)text_chars * 3;
}

static void reset_buffer(walker *w)
{
    w->len = 0;
    w->line_start = 0;
    w->in_run = 0;
    w->buf_links = 0;
    w->buf_sponsored = 0;
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

/* How long a post's date or time line can be. */
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

/* Turns the gathered text into a block owned by frame buf_owner. */
void walk_flush_block(walker *w)
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
        walk_grow((void **)&w->page->block_owner, &w->page->cap_owner,
                  index + 1, sizeof(uint32_t)) < 0 ||
        walk_grow((void **)&w->page->block_punct, &w->page->cap_punct,
                  index + 1, sizeof(uint32_t)) < 0) {
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
    f->hints =
        owner->hints | (w->alt_block ? SL_HINT_IMAGE_ALT : 0u) |
        (w->form_option ? SL_HINT_FORM_OPTION : 0u) |
        (is_sponsored(w->buf_sponsored, f->text_chars) ? SL_HINT_SPONSORED
                                                       : 0u);
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

void walk_add_alt_text(walker *w, const xmlChar **attrs)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        const char *value = (const char *)attrs[i + 1];
        if (strcmp((const char *)attrs[i], "alt") != 0 || !value ||
            !alt_is_prose(value))
            continue;
        if (w->len > w->line_start)
            return; /* a picture inside running text: the text speaks */
        if (w->len > 0)
            walk_flush_block(w); /* the coalesced lines before it */
        frame *top = &w->stack[w->depth - 1];
        uint8_t in_link = top->in_link;
        top->in_link = 0;
        walk_add_text(w, value, strlen(value));
        w->alt_block = 1;
        walk_flush_block(w);
        w->alt_block = 0;
        top->in_link = in_link;
        return;
    }
}

/* Joins the cell blocks of a finished data row into one TABLE_ROW. */
void walk_join_row(walker *w, const frame *tr)
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
