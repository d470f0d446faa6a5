/* core/doc.c - the document model: blocks, spans and sections in growable
 * arrays, strings in the document's arena (see sluice/doc.h, docs.h).
 */
#include "docs.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "arena.h"
#include "spares.h"

sl_doc *sl_doc_new_for_record(void)
{
    sl_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->arena = sl_arena_new();
    if (!doc->arena) {
        sl_doc_free(doc);
        return NULL;
    }
    doc->id = "";
    doc->source = "";
    doc->raw = "";
    return doc;
}

sl_doc *sl_doc_new(void)
{
    sl_doc *doc = sl_doc_new_for_record();
    if (doc && !(doc->meta = json_object())) {
        sl_doc_free(doc);
        return NULL;
    }
    return doc;
}

static void release_span_attrs(sl_doc *doc)
{
    for (size_t i = 0; i < doc->n_spans; i++)
        json_decref(doc->spans[i].attrs);
}

void sl_doc_free(sl_doc *doc)
{
    if (!doc)
        return;
    release_span_attrs(doc);
    sl_spare_give(SL_SPARE_ARRAYS, doc->blocks,
                  doc->cap_blocks * sizeof *doc->blocks);
    sl_spare_give(SL_SPARE_ARRAYS, doc->spans,
                  doc->cap_spans * sizeof *doc->spans);
    sl_spare_give(SL_SPARE_ARRAYS, doc->sections,
                  doc->cap_sections * sizeof *doc->sections);
    json_decref(doc->meta);
    sl_arena_free(doc->arena);
    free(doc);
}

void *sl_doc_alloc(sl_doc *doc, size_t size)
{
    return sl_arena_alloc(doc->arena, size);
}

char *sl_doc_strndup_copy(sl_doc *doc, const char *s, size_t len)
{
    if (len + 1 == 0)
        return NULL;
    char *copy = sl_arena_alloc_unset(doc->arena, len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

int sl_doc_set_id_copy(sl_doc *doc, const char *id, size_t len)
{
    char *copy = sl_doc_strndup_copy(doc, id, len);
    if (!copy)
        return -1;
    doc->id = copy;
    return 0;
}

int sl_doc_set_source_copy(sl_doc *doc, const char *source)
{
    char *copy = sl_doc_strndup_copy(doc, source, strlen(source));
    if (!copy)
        return -1;
    doc->source = copy;
    return 0;
}

int sl_doc_set_raw_copy(sl_doc *doc, const char *text, size_t len)
{
    char *copy = sl_doc_strndup_copy(doc, text, len);
    if (!copy)
        return -1;
    doc->raw = copy;
    doc->raw_len = len;
    return 0;
}

int sl_doc_set_title_copy(sl_doc *doc, const char *text, size_t len)
{
    char *copy = sl_doc_strndup_copy(doc, text, len);
    if (!copy)
        return -1;
    doc->title = copy;
    return 0;
}

/* Makes room for one more element in a growable array: a new one is a
 * spare of the thread's (spares.h) when it keeps one of room for 16. */
static int grow(void **items, size_t *cap, size_t count, size_t item_size)
{
    if (count < *cap)
        return 0;
    size_t bytes;
    void *spare =
        *items ? NULL : sl_spare_take(SL_SPARE_ARRAYS, 16 * item_size, &bytes);
    if (spare) {
        *items = spare;
        *cap = bytes / item_size;
        return 0;
    }
    size_t new_cap = *cap ? *cap * 2 : 16;
    if (new_cap > SIZE_MAX / item_size)
        return -1;
    void *bigger = realloc(*items, new_cap * item_size);
    if (!bigger)
        return -1;
    *items = bigger;
    *cap = new_cap;
    return 0;
}

/* Inserts a block whose text, text[0..len) and a NUL, is already the
 * document's (in its arena). */
static sl_block *insert_block(sl_doc *doc, size_t index, sl_block_kind kind,
                              char *text, size_t len)
{
    if (index > doc->n_blocks)
        index = doc->n_blocks;
    if (grow((void **)&doc->blocks, &doc->cap_blocks, doc->n_blocks,
             sizeof *doc->blocks) < 0)
        return NULL;
    if (index < doc->n_blocks) /* else appended: nothing to move */
        memmove(doc->blocks + index + 1, doc->blocks + index,
                (doc->n_blocks - index) * sizeof *doc->blocks);
    doc->n_blocks++;
    sl_block *b = &doc->blocks[index];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text;
    b->len = len;
    if (index + 1 < doc->n_blocks) {
        for (size_t i = 0; i < doc->n_spans; i++)
            if (doc->spans[i].block >= index)
                doc->spans[i].block++;
        for (size_t i = 0; i < doc->n_sections; i++) {
            sl_section *s = &doc->sections[i];
            if (s->heading_block >= index)
                s->heading_block++;
            if (s->first_block >= index)
                s->first_block++;
            if (s->end_block > index)
                s->end_block++;
        }
    }
    return b;
}

sl_block *sl_doc_insert_block_copy(sl_doc *doc, size_t index,
                                   sl_block_kind kind, const char *text,
                                   size_t len)
{
    char *copy = sl_doc_strndup_copy(doc, text, len);
    if (!copy)
        return NULL;
    return insert_block(doc, index, kind, copy, len);
}

sl_block *sl_doc_append_block_copy(sl_doc *doc, sl_block_kind kind,
                                   const char *text, size_t len)
{
    return sl_doc_insert_block_copy(doc, doc->n_blocks, kind, text, len);
}

void sl_doc_clear_blocks(sl_doc *doc)
{
    release_span_attrs(doc);
    doc->n_blocks = 0;
    doc->n_spans = 0;
    doc->n_sections = 0;
}

int sl_block_set_text_copy(sl_doc *doc, sl_block *block, const char *text,
                           size_t len)
{
    char *copy = sl_doc_strndup_copy(doc, text, len);
    if (!copy)
        return -1;
    block->text = copy;
    block->len = len;
    return 0;
}

/* Sets every field of a new span, each by name: cheaper than clearing
 * the whole and setting four (a figure's span is added some 40 times a
 * document). A field added to sl_span must be set here too. */
static sl_span *fill_span(sl_span *span, const char *type, size_t block,
                          size_t start, size_t end)
{
    span->type = type;
    span->block = block;
    span->start = start;
    span->end = end;
    span->kind = NULL;
    span->unit = NULL;
    span->qualifier = NULL;
    span->value = 0;
    span->low = 0;
    span->high = 0;
    span->flags = 0;
    span->label = NULL;
    span->target = -1;
    span->attrs = NULL;
    return span;
}

/* sl_doc_add_span when the array is full: kept apart so that the common
 * path makes no call and needs no frame. */
__attribute__((noinline)) static sl_span *
add_span_grown(sl_doc *doc, const char *type, size_t block, size_t start,
               size_t end)
{
    if (grow((void **)&doc->spans, &doc->cap_spans, doc->n_spans,
             sizeof *doc->spans) < 0)
        return NULL;
    return fill_span(&doc->spans[doc->n_spans++], type, block, start, end);
}

sl_span *sl_doc_add_span(sl_doc *doc, const char *type, size_t block,
                         size_t start, size_t end)
{
    if (doc->n_spans >= doc->cap_spans)
        return add_span_grown(doc, type, block, start, end);
    return fill_span(&doc->spans[doc->n_spans++], type, block, start, end);
}

sl_section *sl_doc_add_section(sl_doc *doc, size_t heading_block, int level,
                               long parent)
{
    if (grow((void **)&doc->sections, &doc->cap_sections, doc->n_sections,
             sizeof *doc->sections) < 0)
        return NULL;
    sl_section *s = &doc->sections[doc->n_sections++];
    s->heading_block = heading_block;
    s->level = level;
    s->parent = parent;
    s->first_block = heading_block;
    s->end_block = heading_block + 1;
    return s;
}

const char *sl_doc_meta_string(const sl_doc *doc, const char *key)
{
    return json_string_value(json_object_get(doc->meta, key));
}

int sl_block_is_dropped(const sl_block *block)
{
    return (block->flags & (SL_BLOCK_BOILERPLATE | SL_BLOCK_MERGED)) != 0;
}

/* True when line[0..len) holds only ASCII white space. */
static int is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f' &&
            line[i] != '\v')
            return 0;
    return 1;
}

/* The offset of the first '\n' or '\r' at or after start in s[0..len), or
 * len: one pass looking for both, 16 bytes a compare with SSE2 (lines are
 * short: two memchr calls a line cost more than the scan). */
static size_t line_end_cr_lf(const char *s, size_t start, size_t len)
{
    size_t i = start;
#ifdef __SSE2__
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    for (; len - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        int mask = _mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
    }
#endif
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

/* The line end at or after start, as line_end_cr_lf; has_cr tells whether
 * s[0..len) holds a '\r' at all. Most texts hold none, and then libc's
 * memchr, which takes wider steps than the loop above, finds the '\n'. */
static size_t line_end(const char *s, size_t start, size_t len, int has_cr)
{
    if (has_cr)
        return line_end_cr_lf(s, start, len);
    const char *nl = memchr(s + start, '\n', len - start);
    return nl ? (size_t)(nl - s) : len;
}

int sl_doc_coalesces_lines(size_t lines, size_t bytes)
{
    return lines > SL_LINES_DENSE_MIN &&
           bytes / lines < (size_t)SL_LINES_DENSE_BYTES;
}

/* The offset where the line after the one ending at end starts: past a
 * CR, an LF or a CRLF. */
static size_t next_line_start(const char *s, size_t end, size_t len)
{
    size_t pos = end;
    if (pos < len && s[pos] == '\r')
        pos++;
    if (pos < len && s[pos] == '\n' && (pos == end || s[pos - 1] == '\r'))
        pos++;
    return pos;
}

static size_t count_lines(const char *s, size_t len, int has_cr)
{
    size_t lines = 0;
    for (size_t pos = 0; pos < len; lines++)
        pos = next_line_start(s, line_end(s, pos, len, has_cr), len);
    return lines;
}

/* The block being gathered by sl_doc_split_lines: its first line points
 * into the raw text; once a second line joins, the lines are copied into
 * buf, joined with '\n'. A run of lines longer than one block is cut
 * into blocks that are all SL_BLOCK_LINES, even one of a single line. */
typedef struct line_group {
    const char *text;
    size_t len;
    size_t lines;
    int in_run; /* a part of a run of lines cut into blocks */
    uint32_t line, blank_before;
    char *buf;
    size_t cap;
} line_group;

static int group_join(line_group *g, const char *line, size_t len)
{
    size_t need = g->len + 1 + len;
    int joined = g->lines > 1; /* its text is in buf already */
    if (need > g->cap) {
        size_t cap = g->cap ? g->cap : 2 * SL_LINES_GROUP_BYTES;
        while (cap < need)
            cap *= 2;
        char *bigger = realloc(g->buf, cap);
        if (!bigger)
            return -1;
        g->buf = bigger;
        g->cap = cap;
    }
    if (!joined)
        memcpy(g->buf, g->text, g->len);
    g->buf[g->len] = '\n';
    memcpy(g->buf + g->len + 1, line, len);
    g->text = g->buf;
    g->len = need;
    g->lines++;
    return 0;
}

/* Appends the gathered block, if any, to the document. A single line
 * becomes its place in `lines`, the copy of the raw text (raw) whose line
 * ends are made NULs one by one: one copy of the whole text instead of an
 * allocation and a copy a line. Joined lines are copied from buf. */
static int group_close(sl_doc *doc, line_group *g, const char *raw, char *lines)
{
    if (g->lines == 0)
        return 0;
    sl_block *b;
    if (g->lines == 1) {
        char *text = lines + (g->text - raw);
        text[g->len] = '\0'; /* the line's CR or LF, or the end */
        b = insert_block(doc, doc->n_blocks, SL_BLOCK_PARAGRAPH, text, g->len);
    } else {
        b = sl_doc_append_block_copy(doc, SL_BLOCK_PARAGRAPH, g->text, g->len);
    }
    if (!b)
        return -1;
    b->line = g->line;
    b->blank_before = g->blank_before;
    if (g->lines > 1 || g->in_run)
        b->flags |= SL_BLOCK_LINES;
    g->lines = 0;
    return 0;
}

int sl_doc_split_lines(sl_doc *doc)
{
    const char *s = doc->raw;
    size_t len = doc->raw_len, pos = 0;
    int has_cr = len > 0 && memchr(s, '\r', len) != NULL;
    /* every line takes at least one byte: a text of at most
     * SL_LINES_DENSE_MIN bytes has too few lines to coalesce */
    int coalesce = len > SL_LINES_DENSE_MIN &&
                   sl_doc_coalesces_lines(count_lines(s, len, has_cr), len);
    uint32_t line = 0, blanks = 0;
    line_group group = {0};
    int rc = 0;
    char *lines = sl_arena_alloc_unset(doc->arena, len + 1);
    if (!lines)
        return -1;
    if (len)
        memcpy(lines, s, len);
    lines[len] = '\0';
    while (pos < len && rc == 0) {
        size_t start = pos;
        size_t end = line_end(s, start, len, has_cr);
        pos = next_line_start(s, end, len);
        line++;
        if (is_blank(s + start, end - start)) {
            blanks++;
            continue;
        }
        int run_goes_on = coalesce && group.lines > 0 && blanks == 0;
        if (run_goes_on && group.len < SL_LINES_GROUP_BYTES) {
            rc = group_join(&group, s + start, end - start);
            continue;
        }
        group.in_run = group.in_run || run_goes_on;
        rc = group_close(doc, &group, s, lines);
        group.in_run = run_goes_on;
        group.text = s + start;
        group.len = end - start;
        group.lines = 1;
        group.line = line;
        group.blank_before = blanks;
        blanks = 0;
    }
    if (rc == 0)
        rc = group_close(doc, &group, s, lines);
    free(group.buf);
    return rc;
}

size_t sl_doc_footprint(const sl_doc *doc)
{
    return sizeof *doc + sl_arena_footprint(doc->arena) +
           doc->cap_blocks * sizeof *doc->blocks +
           doc->cap_spans * sizeof *doc->spans +
           doc->cap_sections * sizeof *doc->sections;
}
