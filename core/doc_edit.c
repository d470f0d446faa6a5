/* core/doc_edit.c - removing and rewriting parts of a document: blocks,
 * spans, outline nodes and byte ranges of a block's text. Every index that
 * points at what moves stays right: a span's block and target, a
 * section's heading, range and parent (see sluice/doc.h).
 */
#include "docs.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sluice/text.h>

#include "arena.h"

/* Whether element i of an array (spans or sections) is taken by a
 * removal, judged on the arrays as they were before it. */
typedef bool (*gone_fn)(const sl_doc *doc, size_t i, const void *arg);

/* One removal from an array of n elements: where each one goes. */
typedef struct removal {
    const sl_doc *doc;
    size_t n;
    gone_fn gone;
    const void *arg;
    long *new_index; /* -1 for a removed element; NULL when memory ran out,
                        and new_index_of counts instead */
} removal;

static void removal_plan(removal *r)
{
    r->new_index = malloc((r->n ? r->n : 1) * sizeof *r->new_index);
    if (!r->new_index)
        return;
    long kept = 0;
    for (size_t i = 0; i < r->n; i++)
        r->new_index[i] = r->gone(r->doc, i, r->arg) ? -1 : kept++;
}

/* The index element i takes once the removal is done, or -1 when it is
 * removed or was no element at all. */
static long new_index_of(const removal *r, long i)
{
    if (i < 0 || (size_t)i >= r->n)
        return -1;
    if (r->new_index)
        return r->new_index[i];
    if (r->gone(r->doc, (size_t)i, r->arg))
        return -1;
    long kept = 0;
    for (size_t k = 0; k < (size_t)i; k++)
        kept += !r->gone(r->doc, k, r->arg);
    return kept;
}

/* Removes the spans gone() takes, releasing their attrs. A target that
 * pointed at a removed span becomes -1; the others follow their span.
 * Returns the number removed. */
static size_t remove_spans_where(sl_doc *doc, gone_fn gone, const void *arg)
{
    removal r = {doc, doc->n_spans, gone, arg, NULL};
    bool targets = false;
    for (size_t i = 0; i < r.n && !targets; i++)
        targets = doc->spans[i].target >= 0;
    if (targets) {
        removal_plan(&r);
        for (size_t i = 0; i < r.n; i++)
            if (doc->spans[i].target >= 0 && !gone(doc, i, arg))
                doc->spans[i].target = new_index_of(&r, doc->spans[i].target);
    }
    size_t kept = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (gone(doc, i, arg)) {
            json_decref(doc->spans[i].attrs);
            continue;
        }
        doc->spans[kept++] = doc->spans[i];
    }
    free(r.new_index);
    doc->n_spans = kept;
    return r.n - kept;
}

/* Removes the sections gone() takes. The children of a removed section
 * move up to its nearest ancestor that stays (or to the top); the ranges
 * of the others do not change. */
static void remove_sections_where(sl_doc *doc, gone_fn gone, const void *arg)
{
    removal r = {doc, doc->n_sections, gone, arg, NULL};
    bool any = false;
    for (size_t i = 0; i < r.n && !any; i++)
        any = gone(doc, i, arg);
    if (!any)
        return;
    removal_plan(&r);
    /* parents are set only on sections that stay, so the walk up through
     * removed ones reads their parents as they were */
    for (size_t i = 0; i < r.n; i++) {
        if (gone(doc, i, arg))
            continue;
        long p = doc->sections[i].parent;
        while (p >= 0 && (size_t)p < i && gone(doc, (size_t)p, arg)) {
            long up = doc->sections[p].parent;
            p = up < p ? up : -1; /* parents come first; stop on a loop */
        }
        doc->sections[i].parent = p < (long)i ? new_index_of(&r, p) : -1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < r.n; i++)
        if (!gone(doc, i, arg))
            doc->sections[kept++] = doc->sections[i];
    free(r.new_index);
    doc->n_sections = kept;
}

static bool span_on_block(const sl_doc *doc, size_t i, const void *arg)
{
    return doc->spans[i].block == *(const size_t *)arg;
}

static bool section_headed_by(const sl_doc *doc, size_t i, const void *arg)
{
    return doc->sections[i].heading_block == *(const size_t *)arg;
}

void sl_doc_remove_block(sl_doc *doc, size_t index)
{
    if (index >= doc->n_blocks)
        return;
    remove_spans_where(doc, span_on_block, &index);
    remove_sections_where(doc, section_headed_by, &index);
    memmove(doc->blocks + index, doc->blocks + index + 1,
            (doc->n_blocks - index - 1) * sizeof *doc->blocks);
    doc->n_blocks--;
    for (size_t i = 0; i < doc->n_spans; i++)
        if (doc->spans[i].block > index)
            doc->spans[i].block--;
    for (size_t i = 0; i < doc->n_sections; i++) {
        sl_section *s = &doc->sections[i];
        if (s->heading_block > index)
            s->heading_block--;
        if (s->first_block > index)
            s->first_block--;
        if (s->end_block > index)
            s->end_block--;
    }
}

/* Which blocks sl_doc_remove_empty_blocks takes: kept_before[i] is the
 * number of blocks kept before block i, for i in 0..n. */
typedef struct block_removal {
    const size_t *kept_before;
    size_t n;
} block_removal;

static bool block_is_removed(const block_removal *b, size_t block)
{
    return block < b->n && b->kept_before[block + 1] == b->kept_before[block];
}

static bool span_on_removed_block(const sl_doc *doc, size_t i, const void *arg)
{
    return block_is_removed(arg, doc->spans[i].block);
}

static bool section_on_removed_block(const sl_doc *doc, size_t i,
                                     const void *arg)
{
    return block_is_removed(arg, doc->sections[i].heading_block);
}

/* The index a block index or a section bound takes once the removed
 * blocks are gone; indexes past the last block move up by all of them. */
static size_t index_after_removal(const block_removal *b, size_t index)
{
    return index <= b->n ? b->kept_before[index]
                         : index - (b->n - b->kept_before[b->n]);
}

long sl_doc_remove_empty_blocks(sl_doc *doc)
{
    size_t n = doc->n_blocks;
    size_t *kept_before = malloc((n + 1) * sizeof *kept_before);
    if (!kept_before)
        return -1;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        kept_before[i] = kept;
        if (doc->blocks[i].len > 0)
            doc->blocks[kept++] = doc->blocks[i];
    }
    kept_before[n] = kept;
    const block_removal removed = {kept_before, n};
    remove_spans_where(doc, span_on_removed_block, &removed);
    remove_sections_where(doc, section_on_removed_block, &removed);
    for (size_t i = 0; i < doc->n_spans; i++)
        doc->spans[i].block =
            index_after_removal(&removed, doc->spans[i].block);
    for (size_t i = 0; i < doc->n_sections; i++) {
        sl_section *s = &doc->sections[i];
        s->heading_block = index_after_removal(&removed, s->heading_block);
        s->first_block = index_after_removal(&removed, s->first_block);
        s->end_block = index_after_removal(&removed, s->end_block);
    }
    free(kept_before);
    doc->n_blocks = kept;
    return (long)(n - kept);
}

static bool is_index(const sl_doc *doc, size_t i, const void *arg)
{
    (void)doc;
    return i == *(const size_t *)arg;
}

int sl_doc_remove_span(sl_doc *doc, size_t index)
{
    if (index >= doc->n_spans)
        return -1;
    remove_spans_where(doc, is_index, &index);
    return 0;
}

int sl_doc_remove_section(sl_doc *doc, size_t index)
{
    if (index >= doc->n_sections)
        return -1;
    remove_sections_where(doc, is_index, &index);
    return 0;
}

/* ---- replacing a range of a block's text ------------------------------ */

/* Bytes [start, end) of a block, being replaced by len bytes. */
typedef struct text_edit {
    size_t block, start, end, len;
} text_edit;

/* A span whose every byte lies in a non-empty replaced range goes with
 * it (an empty span strictly inside it too). */
static bool span_within_edit(const sl_doc *doc, size_t i, const void *arg)
{
    const text_edit *e = arg;
    const sl_span *s = &doc->spans[i];
    return s->block == e->block && e->start < e->end && e->start <= s->start &&
           s->end <= e->end && s->end > e->start && s->start < e->end;
}

/* Moves a span that stays to where its bytes are after the edit. */
static void follow_edit(sl_span *s, const text_edit *e)
{
    size_t removed = e->end - e->start;
    if (s->end <= e->start)
        return;               /* wholly before */
    if (s->start >= e->end) { /* wholly after */
        s->start = s->start - removed + e->len;
        s->end = s->end - removed + e->len;
    } else if (s->start <= e->start && e->end <= s->end) {
        s->end = s->end - removed + e->len; /* holds the range: stretches */
    } else if (s->start < e->start) {
        s->end = e->start; /* its tail was replaced */
    } else {
        s->start = e->start + e->len; /* its head was replaced */
        s->end = s->end - removed + e->len;
    }
}

static bool on_char_boundary(const char *text, size_t len, size_t at)
{
    return at == len || ((unsigned char)text[at] & 0xC0) != 0x80;
}

long sl_doc_replace_text_copy(sl_doc *doc, size_t block, size_t start,
                              size_t end, const char *text, size_t len)
{
    if (block >= doc->n_blocks)
        return -1;
    sl_block *b = &doc->blocks[block];
    if (start > end || end > b->len ||
        !on_char_boundary(b->text, b->len, start) ||
        !on_char_boundary(b->text, b->len, end))
        return -1;
    if (len > 0 && (!text || sl_utf8_validate(text, len) != len ||
                    memchr(text, '\0', len)))
        return -1;
    size_t kept = b->len - (end - start);
    if (len > SIZE_MAX - 1 - kept)
        return -1;
    size_t new_len = kept + len;
    char *copy = sl_arena_alloc_bytes(doc->arena, new_len + 1);
    if (!copy)
        return -1;
    memcpy(copy, b->text, start);
    if (len > 0)
        memcpy(copy + start, text, len);
    memcpy(copy + start + len, b->text + end, b->len - end);
    copy[new_len] = '\0';

    const text_edit edit = {block, start, end, len};
    size_t dropped = remove_spans_where(doc, span_within_edit, &edit);
    for (size_t i = 0; i < doc->n_spans; i++)
        if (doc->spans[i].block == block)
            follow_edit(&doc->spans[i], &edit);
    b->text = copy;
    b->len = new_len;
    return (long)dropped;
}
