/* core/doc_text.c - a document's clean text as the exporters write it:
 * where its title line goes (sl_doc_title_line, the one place that decides
 * it), then the text itself: the title line, then every kept block, joined
 * by line feeds (sl_doc_export_text_with in sluice/doc.h). The export
 * stage's document view (plugins/export/doc_view.c) places the title with
 * the same function; tests/test_export.c checks that the two texts agree.
 */
#include "docs.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

int sl_doc_text_has_title(const sl_doc *doc, sl_title_in_text mode)
{
    if (mode == SL_TITLE_IN_TEXT_ALWAYS)
        return 1;
    if (mode == SL_TITLE_IN_TEXT_NEVER)
        return 0;
    const char *type = sl_doc_meta_string(doc, "page_type");
    return !type || strcmp(type, "article") != 0;
}

sl_title_line sl_doc_title_line(const sl_doc *doc, sl_title_in_text mode)
{
    sl_title_line line = {NULL, 0, -1};
    long title = -1, first_kept = -1;
    for (size_t i = 0; i < doc->n_blocks && (title < 0 || first_kept < 0);
         i++) {
        const sl_block *b = &doc->blocks[i];
        if (title < 0 && (b->flags & SL_BLOCK_TITLE))
            title = (long)i;
        if (first_kept < 0 && !sl_block_is_dropped(b))
            first_kept = (long)i;
    }
    if (title < 0)
        return line;
    if (!sl_doc_text_has_title(doc, mode)) {
        if (!sl_block_is_dropped(&doc->blocks[title]) && doc->title &&
            strcmp(doc->blocks[title].text, doc->title) == 0)
            line.block = title;
        return line;
    }
    if (title == first_kept)
        return line;
    if (sl_block_is_dropped(&doc->blocks[title])) {
        if (doc->title && *doc->title) {
            line.text = doc->title;
            line.len = strlen(doc->title);
        }
    } else {
        line.text = doc->blocks[title].text;
        line.len = doc->blocks[title].len;
        line.block = title;
    }
    return line;
}

const char *sl_doc_export_text(sl_doc *doc, size_t *len)
{
    return sl_doc_export_text_with(doc, SL_TITLE_IN_TEXT_AUTO, len);
}

const char *sl_doc_export_text_with(sl_doc *doc, sl_title_in_text mode,
                                    size_t *len)
{
    sl_title_line title = sl_doc_title_line(doc, mode);
    size_t total = 0, lines = 0;
    if (title.text) {
        total += title.len;
        lines++;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b) || (long)i == title.block)
            continue;
        if (b->len > SIZE_MAX / 2 - total)
            return NULL;
        total += b->len;
        lines++;
    }
    total += lines > 0 ? lines - 1 : 0; /* the line feeds between lines */
    char *out = sl_arena_alloc_bytes(doc->arena, total + 1);
    if (!out)
        return NULL;
    size_t at = 0;
    bool first = true;
    if (title.text) {
        memcpy(out, title.text, title.len);
        at = title.len;
        first = false;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b) || (long)i == title.block)
            continue;
        if (!first)
            out[at++] = '\n';
        first = false;
        memcpy(out + at, b->text, b->len);
        at += b->len;
    }
    out[at] = '\0';
    if (len)
        *len = at;
    return out;
}
