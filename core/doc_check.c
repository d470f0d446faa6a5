/* core/doc_check.c - sl_doc_check: the rules every document keeps between
 * stages (see sluice/doc.h). Used by `sluice run --check-docs`, `sluice
 * test-stage` and the fuzz targets.
 */
#include <sluice/doc.h>
#include <sluice/text.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Writes the broken rule to why and returns -1. */
__attribute__((format(printf, 3, 4))) static int broken(char *why, size_t size,
                                                        const char *fmt, ...)
{
    if (why && size > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, size, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int is_continuation(const char *text, size_t at)
{
    return ((unsigned char)text[at] & 0xC0) == 0x80;
}

static int check_blocks(const sl_doc *doc, char *why, size_t size)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->text)
            return broken(why, size, "block %zu has no text", i);
        size_t len = strlen(b->text);
        if (len != b->len)
            return broken(why, size,
                          "block %zu has len %zu but %zu bytes "
                          "before its NUL",
                          i, b->len, len);
        if (sl_utf8_validate(b->text, b->len) != b->len)
            return broken(why, size, "block %zu is not valid UTF-8", i);
        if (b->score != b->score)
            return broken(why, size, "block %zu has a NaN score", i);
    }
    return 0;
}

static int check_spans(const sl_doc *doc, char *why, size_t size)
{
    for (size_t i = 0; i < doc->n_spans; i++) {
        const sl_span *s = &doc->spans[i];
        if (!s->type)
            return broken(why, size, "span %zu has no type", i);
        if (s->block >= doc->n_blocks)
            return broken(why, size, "span %zu is on block %zu of %zu", i,
                          s->block, doc->n_blocks);
        const sl_block *b = &doc->blocks[s->block];
        if (s->start > s->end || s->end > b->len)
            return broken(why, size,
                          "span %zu [%zu,%zu) outside block %zu of %zu bytes",
                          i, s->start, s->end, s->block, b->len);
        if ((s->start < b->len && is_continuation(b->text, s->start)) ||
            (s->end < b->len && is_continuation(b->text, s->end)))
            return broken(why, size,
                          "span %zu [%zu,%zu) cuts a character of block %zu", i,
                          s->start, s->end, s->block);
        if (s->target < -1 ||
            (s->target >= 0 && (size_t)s->target >= doc->n_spans))
            return broken(why, size, "span %zu targets span %ld of %zu", i,
                          s->target, doc->n_spans);
    }
    return 0;
}

static int check_sections(const sl_doc *doc, char *why, size_t size)
{
    for (size_t i = 0; i < doc->n_sections; i++) {
        const sl_section *s = &doc->sections[i];
        if (s->heading_block >= doc->n_blocks)
            return broken(why, size, "section %zu has heading block %zu of %zu",
                          i, s->heading_block, doc->n_blocks);
        if (s->first_block > s->end_block || s->end_block > doc->n_blocks)
            return broken(why, size,
                          "section %zu covers blocks [%zu,%zu) of %zu", i,
                          s->first_block, s->end_block, doc->n_blocks);
        if (s->parent < -1 || s->parent >= (long)i)
            return broken(why, size, "section %zu has parent %ld", i,
                          s->parent);
        if (s->level < 1)
            return broken(why, size, "section %zu has level %d", i, s->level);
    }
    return 0;
}

int sl_doc_check(const sl_doc *doc, char *why, size_t size)
{
    if (!doc->id)
        return broken(why, size, "the id is NULL");
    if (doc->meta && !json_is_object(doc->meta))
        return broken(why, size, "the metadata is not a JSON object");
    if (doc->title &&
        sl_utf8_validate(doc->title, strlen(doc->title)) != strlen(doc->title))
        return broken(why, size, "the title is not valid UTF-8");
    if (check_blocks(doc, why, size) < 0 || check_spans(doc, why, size) < 0 ||
        check_sections(doc, why, size) < 0)
        return -1;
    if (why && size > 0)
        why[0] = '\0';
    return 0;
}
