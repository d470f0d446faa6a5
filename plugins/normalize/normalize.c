/* plugins/normalize/normalize.c - the normalize stage: Unicode
 * normalization (NFC or NFKC through utf8proc), white-space folding and
 * removal of control and invisible characters, block by block.
 *
 * A block of coalesced lines (SL_BLOCK_LINES) keeps its '\n's: each of
 * its lines is folded and trimmed as a block of its own would be, and a
 * line left empty goes, as an empty block would.
 *
 * Most scraped text is already clean, so each block is first scanned for
 * anything that needs work; a block that passes is left untouched without
 * copying. Only blocks that need it are rewritten into the document's
 * arena.
 */
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>
#include <utf8proc.h>

#include "plain_run.h"

typedef struct normalize_state {
    char *form;        /* "NFC", "NFKC" or "none" */
    bool fold_space;   /* runs of white space become one space, trimmed */
    bool drop_control; /* control and invisible characters are removed */
    /* Set by init from form. */
    bool compat;  /* NFKC */
    bool unicode; /* NFC or NFKC: utf8proc runs on blocks that need it */
    /* The three-byte characters that need no work whatever the options:
     * stable under the form, neither white space nor invisible. Set by
     * init from the predicates below, for the scan (plain_run.c). */
    nz_plain_table plain_three_byte;
    bool avx2; /* the scan's 32-byte loop runs here (asked once, by init) */
} normalize_state;

static const sl_option normalize_options[] = {
    SL_OPTION_STRING(
        normalize_state, form, "\"NFC\"", 0,
        "Unicode normalization form; NFKC also folds full-width letters and "
        "digits, compatibility ligatures and the ideographic space",
        "NFC|NFKC|none"),
    SL_OPTION_BOOL(
        normalize_state, fold_space, "true", 0,
        "fold runs of white space (including U+00A0 and U+3000) into one "
        "space and trim both ends of each block"),
    SL_OPTION_BOOL(
        normalize_state, drop_control, "true", 0,
        "remove control characters, zero-width spaces, soft hyphens and byte "
        "order marks"),
    {0},
};

/* Characters removed by drop_control. Tabs count as white space. */
static bool is_invisible(int32_t cp)
{
    return (cp < 0x20 && cp != '\t') || cp == 0x7F ||
           (cp >= 0x80 && cp <= 0x9F) || cp == 0x00AD || cp == 0x200B ||
           cp == 0x2060 || cp == 0xFEFF || cp == 0xFFFE;
}

/* Code points known to be unchanged by the form and unable to combine
 * with what precedes them, so a block made only of these (and ASCII) is
 * already normalized. Anything else takes the utf8proc path. */
static bool is_stable(int32_t cp, bool compat)
{
    if (cp < 0x80)
        return true;
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
        return true; /* CJK ideographs */
    if ((cp >= 0x3001 && cp <= 0x3035) || (cp >= 0x303B && cp <= 0x303F))
        return true; /* CJK punctuation, 。、「」《》 ... */
    if (cp >= 0x2010 && cp <= 0x2023) /* dashes, quotes, bullets */
        return !compat || (cp != 0x2011 && cp != 0x2017); /* NFKC: - and _ */
    if (compat)
        return false;
    return (cp >= 0xA0 && cp <= 0x2FF) || cp == 0x3000 ||
           (cp >= 0x2024 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
           (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

static bool is_plain(int32_t cp, bool compat)
{
    return !sl_is_space(cp) && !is_invisible(cp) && is_stable(cp, compat);
}

static sl_status normalize_init(sl_ctx *ctx, void *state)
{
    (void)ctx;
    normalize_state *st = state;
    st->compat = strcmp(st->form, "NFKC") == 0;
    st->unicode = st->compat || strcmp(st->form, "NFC") == 0;
    for (int32_t cp = 0x800; cp <= 0xFFFF; cp++)
        if (is_plain(cp, st->compat))
            nz_plain_table_set(&st->plain_three_byte, (uint32_t)cp);
    nz_plain_table_finish(&st->plain_three_byte);
    st->avx2 = nz_plain_has_avx2();
    return SL_OK;
}

typedef struct scan_result {
    bool needs_filter;    /* controls or foldable white space present */
    bool needs_normalize; /* a code point outside the stable set */
} scan_result;

/* Table rows keep the tabs that separate their cells. */
static bool is_foldable_space(const sl_block *b, int32_t cp)
{
    return sl_is_space(cp) && !(cp == '\t' && b->kind == SL_BLOCK_TABLE_ROW);
}

/* The '\n' between two coalesced lines: neither space nor control. */
static bool is_line_break(const sl_block *b, int32_t cp)
{
    return cp == '\n' && (b->flags & SL_BLOCK_LINES);
}

static scan_result scan_block(const normalize_state *st, const sl_block *b,
                              bool compat)
{
    scan_result r = {false, false};
    const char *s = b->text;
    size_t len = b->len, pos = 0;
    bool prev_space = true; /* a leading space needs trimming */
    while (pos < len) {
        size_t end = /* most of the text */
            nz_plain_run_end_chunks(&st->plain_three_byte, s, len, pos,
                                    st->avx2);
        if (end > pos) {
            prev_space = false;
            pos = end;
            if (pos >= len)
                break;
        }
        int32_t cp = sl_utf8_next(s, len, &pos);
        if (is_line_break(b, cp)) {
            if (prev_space) /* a line ends in space, or an empty line */
                r.needs_filter = true;
            prev_space = true;
            continue;
        }
        if (is_foldable_space(b, cp)) {
            if (st->fold_space && (prev_space || cp != ' '))
                r.needs_filter = true;
            prev_space = true;
            continue;
        }
        prev_space = false;
        if (st->drop_control && is_invisible(cp))
            r.needs_filter = true;
        else if (!is_stable(cp, compat))
            r.needs_normalize = true;
    }
    if (st->fold_space && prev_space && len > 0)
        r.needs_filter = true; /* trailing space */
    return r;
}

/* Copies the block's text into out without invisible characters and with
 * white space folded; returns the new length. out has room for len. */
static size_t filter_block(const normalize_state *st, const sl_block *b,
                           char *out, uint64_t *dropped)
{
    const char *s = b->text;
    size_t len = b->len, pos = 0, n = 0;
    bool pending_space = false;
    while (pos < len) {
        size_t start = pos;
        int32_t cp = sl_utf8_next(s, len, &pos);
        if (is_line_break(b, cp)) {
            /* the line's trailing space goes; an empty line goes */
            if (n > 0 && out[n - 1] != '\n')
                out[n++] = '\n';
            pending_space = false;
            continue;
        }
        if (st->fold_space && is_foldable_space(b, cp)) {
            pending_space = n > 0 && out[n - 1] != '\n';
            continue;
        }
        if (st->drop_control && is_invisible(cp)) {
            (*dropped)++;
            continue;
        }
        if (pending_space) {
            out[n++] = ' ';
            pending_space = false;
        }
        memcpy(out + n, s + start, pos - start);
        n += pos - start;
    }
    if (n > 0 && is_line_break(b, (unsigned char)out[n - 1]))
        n--; /* the last line was empty */
    out[n] = '\0';
    return n;
}

static sl_status normalize_block(sl_ctx *ctx, const normalize_state *st,
                                 sl_doc *doc, sl_block *b)
{
    if (b->kind == SL_BLOCK_CODE)
        return SL_OK; /* preformatted: kept verbatim */
    bool compat = st->compat, unicode = st->unicode;
    scan_result need = scan_block(st, b, compat);
    if (!need.needs_filter && !(unicode && need.needs_normalize))
        return SL_OK;
    if (need.needs_filter) {
        char *out = sl_doc_alloc(doc, b->len + 1);
        if (!out)
            return sl_fail(ctx, "out of memory");
        uint64_t dropped = 0;
        b->len = filter_block(st, b, out, &dropped);
        b->text = out;
        if (dropped)
            sl_count(ctx, "removed.invisible", dropped);
    }
    if (unicode && need.needs_normalize) {
        utf8proc_uint8_t *mapped = NULL;
        int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
        if (compat)
            options |= UTF8PROC_COMPAT;
        utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)b->text,
                                          (utf8proc_ssize_t)b->len, &mapped,
                                          (utf8proc_option_t)options);
        if (n < 0)
            return sl_fail(ctx, "block %zu: %s", (size_t)(b - doc->blocks),
                           utf8proc_errmsg(n));
        bool changed = (size_t)n != b->len || memcmp(mapped, b->text, b->len);
        int rc = changed ? sl_block_set_text_copy(doc, b, (const char *)mapped,
                                                  (size_t)n)
                         : 0;
        free(mapped);
        if (rc < 0)
            return sl_fail(ctx, "out of memory");
        if (changed)
            sl_count(ctx, "normalized.blocks", 1);
    }
    return SL_OK;
}

static sl_status normalize_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const normalize_state *st = state;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (normalize_block(ctx, st, doc, &doc->blocks[i]) != SL_OK)
            return SL_ERROR;
    /* Folding can empty a block made only of invisible characters. */
    if (sl_doc_remove_empty_blocks(doc) < 0)
        return sl_fail(ctx, "out of memory");
    return SL_OK;
}

const sl_plugin normalize_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "normalize",
    .summary = "Unicode NFC/NFKC, white-space folding, control characters "
               "removed",
    .version = "1.0",
    .options = normalize_options,
    .state_size = sizeof(normalize_state),
    .init = normalize_init,
    .process = normalize_process,
};
