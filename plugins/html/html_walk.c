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
 *
 * This file owns the walk itself: the SAX callbacks that open and close
 * elements and take their text, <title> and <meta> in <head>, and
 * html_walk; text collection, block building, per-element features and
 * the wrappers' hints are in html_walk_text.c, html_walk_blocks.c,
 * html_walk_element.c and html_walk_wrappers.c, which share
 * html_walk_internal.h.
 */
#include "html_walk_internal.h"

#include "html_meta.h"

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

/* The enclosing row learns that it holds more than short cells. */
static void spoil_row(walker *w, const frame *parent)
{
    if (parent->row >= 0)
        w->stack[parent->row].row_ok = 0;
}

/* The enclosing <form> holds a <textarea>: a form to write a message in
 * (a comment's, a mail's or a reader's story), not the article. */
static void mark_text_entry(walker *w)
{
    uint32_t form = w->stack[w->depth - 1].form;
    if (form != UINT32_MAX)
        w->page->elems[form].text_entry = 1;
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
        walk_landmark_info(name, attrs, html_tag_lookup(name));
    if (info->flags & TF_HEAD) {
        w->in_head = 1;
        w->skip = 1;
        return;
    }
    if (info->flags & (TF_DROP | TF_BREAK)) {
        if (strcmp(name, "input") == 0 && walk_is_choice_input(attrs))
            w->form_option = 1; /* until the line ends */
        if (strcmp(name, "textarea") == 0)
            mark_text_entry(w);
        if (info->flags & TF_BREAK) {
            frame *top = &w->stack[w->depth - 1];
            spoil_row(w, top);
            if (w->coalesce && !top->in_pre && strcmp(name, "br") == 0)
                walk_break_line(w);
            else
                walk_flush_block(w);
        }
        w->skip = 1;
        return;
    }
    frame *parent;
    size_t class_before = w->class_len;
    uint32_t own = info->hints;
    int weight = 0;
    elem_mark mark = {0};
    if (walk_read_attributes(w, attrs, &own, &weight, &mark)) {
        w->class_len = class_before;
        w->skip = 1;
        return;
    }
    if (walk_grow((void **)&w->stack, &w->cap, w->depth + 1, sizeof *w->stack) <
        0) {
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
        walk_flush_block(w);
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
    f->in_sponsored = parent->in_sponsored || ((info->flags & TF_LINK) &&
                                               walk_is_sponsored_link(attrs));
    f->in_pre = parent->in_pre || (info->flags & TF_PRE);
    f->form = info->id == TAG_FORM ? f->elem : parent->form;
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
    if (walk_add_elem(w, parent->elem, info, hints, own, weight) < 0)
        return;
    walk_mark_elem(w, &w->page->elems[f->elem], name, &mark);
    if (mark.article_body) {
        w->page->article_body = f->elem;
        w->page->article_bodies++;
    }
    w->depth++;
    if (strcmp(name, "img") == 0)
        walk_add_alt_text(w, attrs);
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
        walk_flush_block(w);
    if (f->info->flags & TF_ROW)
        walk_join_row(w, f);
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
        if (walk_grow((void **)&w->title, &w->cap_title, w->title_len + n + 1,
                      1) < 0) {
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
    walk_add_text(w, (const char *)text, (size_t)len);
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
    if (!parser ||
        walk_grow((void **)&w->stack, &w->cap, 64, sizeof *w->stack) < 0)
        goto fail;
    frame *root = &w->stack[0];
    memset(root, 0, sizeof *root);
    root->info = html_tag_lookup("body");
    root->name = "body";
    root->owns_text = 1;
    root->kind = SL_BLOCK_PARAGRAPH;
    root->row = -1;
    root->form = UINT32_MAX;
    if (walk_add_elem(w, UINT32_MAX, root->info, 0, 0, 0) < 0)
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
    walk_flush_block(w);
    while (w->depth > 1 && !w->failed)
        on_end(parser, (const xmlChar *)"");
    if (w->depth == 1 && !w->failed)
        walk_flush_block(w);
    if (!w->failed)
        walk_clear_wrapper_hints(doc, page);
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
