/* tests/plugins/redact.c - a stage built on the editing helpers of
 * sluice/doc.h, for tests/engine/edit.sh. It removes every heading block
 * whose text is `remove_heading` (sl_doc_remove_block: its section goes,
 * its children move up) and every span of type `remove_type`
 * (sl_doc_remove_span: references to it become -1); in each kept block it
 * replaces every run of ASCII digits with "#" (sl_doc_replace_text_copy:
 * the other spans move with their bytes) and marks the "#" with a span of
 * type "redacted" whose attrs hold the digits; last it stores the text
 * the exporter will write in metadata "export_text" (sl_doc_export_text).
 */
#include <string.h>

#include <sluice/sluice.h>

typedef struct redact_state {
    char *remove_heading;
    char *remove_type;
} redact_state;

static const sl_option redact_options[] = {
    SL_OPTION_STRING(redact_state, remove_heading, "\"\"", 0,
                     "remove the heading blocks with this text", NULL),
    SL_OPTION_STRING(redact_state, remove_type, "\"\"", 0,
                     "remove the spans of this type", NULL),
    {0},
};

static void remove_headings(sl_doc *doc, const char *text)
{
    for (size_t i = doc->n_blocks; i-- > 0;)
        if (doc->blocks[i].kind == SL_BLOCK_HEADING &&
            strcmp(doc->blocks[i].text, text) == 0)
            sl_doc_remove_block(doc, i);
}

static void remove_spans(sl_doc *doc, const char *type)
{
    for (size_t i = doc->n_spans; i-- > 0;)
        if (strcmp(doc->spans[i].type, type) == 0)
            sl_doc_remove_span(doc, i);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Replaces the digit runs of block b; -1 when an edit was refused. */
static int redact_block(sl_doc *doc, size_t b)
{
    size_t pos = 0;
    while (pos < doc->blocks[b].len) {
        const char *text = doc->blocks[b].text;
        if (!is_digit(text[pos])) {
            pos++;
            continue;
        }
        size_t end = pos;
        while (end < doc->blocks[b].len && is_digit(text[end]))
            end++;
        json_t *attrs = json_pack("{ss%}", "digits", text + pos, end - pos);
        if (!attrs || sl_doc_replace_text_copy(doc, b, pos, end, "#", 1) < 0) {
            json_decref(attrs);
            return -1;
        }
        sl_span *span = sl_doc_add_span(doc, "redacted", b, pos, pos + 1);
        if (!span) {
            json_decref(attrs);
            return -1;
        }
        span->attrs = attrs;
        pos++;
    }
    return 0;
}

static sl_status redact_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const redact_state *st = state;
    if (*st->remove_heading)
        remove_headings(doc, st->remove_heading);
    if (*st->remove_type)
        remove_spans(doc, st->remove_type);
    for (size_t b = 0; b < doc->n_blocks; b++)
        if (!sl_block_is_dropped(&doc->blocks[b]) && redact_block(doc, b) < 0)
            return sl_fail(ctx, "cannot redact block %zu", b);
    size_t len;
    const char *text = sl_doc_export_text(doc, &len);
    json_t *value = text ? json_stringn(text, len) : NULL;
    if (!value || json_object_set_new(doc->meta, "export_text", value) < 0)
        return sl_fail(ctx, "out of memory");
    return SL_OK;
}

const sl_plugin redact_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "redact",
    .summary = "replace digits with # through the editing helpers",
    .version = "1.0",
    .options = redact_options,
    .state_size = sizeof(redact_state),
    .process = redact_process,
};
