/* plugins/figures/captions.c - caption blocks and references to them.
 * A short block that opens with 图N, 表N-M, Figure N, Fig. N or Table N
 * followed by a separator or the caption text becomes SL_BLOCK_CAPTION
 * with a "caption" span over the label; 如图1所示, 见表2, see Figure 4 in
 * the other blocks become "caption_ref" spans pointing at it.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <sluice/sluice.h>

#include "captions.h"
#include "figures.h"

/* Longest caption, in bytes: captions are short. */
#define MAX_CAPTION_BYTES 400

typedef struct label_word {
    const char *text;
    int family; /* 0 figure, 1 table */
    bool word;  /* English: needs a space or not before the number */
} label_word;

static const label_word LABELS[] = {
    {"图表", 1, false},  {"图", 0, false},    {"表", 1, false},
    {"Figure", 0, true}, {"FIGURE", 0, true}, {"Fig.", 0, true},
    {"Table", 1, true},  {"TABLE", 1, true},  {"figure", 0, true},
    {"table", 1, true},  {NULL, 0, false}};

/* A label found in a text: 图 + 2-3. */
typedef struct label {
    size_t start, end; /* the whole label */
    size_t num_start;  /* the number part */
    int family;
    double value;
} label;

/* A cheap test before label_at: the first bytes of 图 (E5 9B BE), 表
 * (E8 A1 A8) or of an English label word. Most CJK text starts with E5 or
 * E8, so one byte alone would let a fifth of all characters through. */
static bool may_start_label(const char *s, size_t len, size_t pos)
{
    unsigned char c = (unsigned char)s[pos];
    if (c == 'F' || c == 'T' || c == 'f' || c == 't')
        return true;
    if (pos + 1 >= len)
        return false;
    unsigned char next = (unsigned char)s[pos + 1];
    return (c == 0xE5 && next == 0x9B) || (c == 0xE8 && next == 0xA1);
}

/* True when a label word occurs anywhere in the text: most blocks hold
 * none, and memmem over the block is far cheaper than testing each byte. */
static bool may_hold_label(const char *s, size_t len)
{
    static const char *const words[] = {"\xE5\x9B\xBE" /* 图 */,
                                        "\xE8\xA1\xA8" /* 表 */,
                                        "Fig", "fig", "FIG", "Table",
                                        "table", "TABLE"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (memmem(s, len, words[i], strlen(words[i])))
            return true;
    return false;
}

/* Reads a label at pos: the word, optional spaces, a number (1, 2-3,
 * 2.3, 一). Returns true and fills lab. */
static bool label_at(const char *s, size_t len, size_t pos, label *lab)
{
    for (const label_word *w = LABELS; w->text; w++) {
        if (s[pos] != w->text[0] || !fig_starts(s, len, pos, w->text))
            continue;
        if (w->word && pos > 0 && fig_is_alpha((unsigned char)s[pos - 1]))
            continue;
        size_t p = pos + strlen(w->text);
        while (p < len && s[p] == ' ')
            p++;
        size_t n;
        if (p >= len)
            return false;
        int32_t cp = fig_cp_at(s, len, p, &n);
        double value;
        size_t q;
        if (fig_is_digit_cp(cp)) {
            value = 0;
            q = p;
            while (q < len) {
                int32_t d = fig_cp_at(s, len, q, &n);
                if (!fig_is_digit_cp(d))
                    break;
                value = value * 10 + (d < 0x80 ? d - '0' : d - 0xFF10);
                q += n;
            }
            /* 2-3, 2.3, 2-1-1 */
            while (q + 1 < len && (s[q] == '-' || s[q] == '.') &&
                   s[q + 1] >= '0' && s[q + 1] <= '9') {
                q++;
                while (q < len && s[q] >= '0' && s[q] <= '9')
                    q++;
            }
        } else if (!w->word && fig_zh_digit(cp) > 0 &&
                   fig_zh_unit(fig_cp_at(s, len, p + n, &(size_t){0})) == 0) {
            value = fig_zh_digit(cp);
            q = p + n;
        } else {
            return false;
        }
        if (q < len && fig_is_alpha((unsigned char)s[q]))
            return false;
        lab->start = pos;
        lab->end = q;
        lab->num_start = p;
        lab->family = w->family;
        lab->value = value;
        return true;
    }
    return false;
}

/* True when the text after a label at the start of a block reads as a
 * caption: the end, a separator, or the caption's words. */
static bool caption_follows(const char *s, size_t len, size_t end)
{
    if (end >= len)
        return true;
    size_t n;
    int32_t cp = fig_cp_at(s, len, end, &n);
    if (cp == ' ' || cp == ':' || cp == 0xFF1A || cp == '.' || cp == 0x3001 ||
        cp == 0x3000 || cp == '\t')
        return true;
    /* 图1各区县 ... : CJK text straight after the number */
    return sl_is_han(cp) && !fig_starts(s, len, end, "所") &&
           !fig_starts(s, len, end, "中") && !fig_starts(s, len, end, "和");
}

static bool same_label(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

int fig_mark_captions(sl_doc *doc, size_t *n_captions, size_t *n_refs)
{
    *n_captions = 0;
    *n_refs = 0;
    size_t first_caption = doc->n_spans;
    for (size_t b = 0; b < doc->n_blocks; b++) {
        sl_block *block = &doc->blocks[b];
        if (sl_block_is_dropped(block) || block->len > MAX_CAPTION_BYTES ||
            (block->kind != SL_BLOCK_PARAGRAPH &&
             block->kind != SL_BLOCK_CAPTION))
            continue;
        size_t p = 0;
        while (p < block->len && block->text[p] == ' ')
            p++;
        label lab;
        if (!label_at(block->text, block->len, p, &lab) ||
            !caption_follows(block->text, block->len, lab.end))
            continue;
        char *text = sl_doc_strndup_copy(doc, block->text + lab.start,
                                         lab.end - lab.start);
        if (!text)
            return -1;
        sl_span *span = sl_doc_add_span(doc, "caption", b, lab.start, lab.end);
        if (!span)
            return -1;
        block->kind = SL_BLOCK_CAPTION;
        span->label = text;
        span->value = lab.value;
        span->flags = SL_SPAN_HAS_VALUE;
        span->kind = lab.family == 0 ? "figure" : "table";
        (*n_captions)++;
    }
    size_t end_caption = doc->n_spans;

    for (size_t b = 0; b < doc->n_blocks; b++) {
        const sl_block *block = &doc->blocks[b];
        if (sl_block_is_dropped(block) || block->kind == SL_BLOCK_CAPTION)
            continue;
        const char *s = block->text;
        size_t len = block->len, p = 0;
        if (!may_hold_label(s, len))
            continue;
        while (p < len) {
            unsigned char c = (unsigned char)s[p];
            label lab;
            if (may_start_label(s, len, p) && label_at(s, len, p, &lab) &&
                (c < 0x80 || fig_figure_word_ok(s, p))) {
                long target = -1;
                const char *name = NULL;
                for (size_t i = first_caption; i < end_caption; i++) {
                    const sl_span *cap = &doc->spans[i];
                    const char *ct = doc->blocks[cap->block].text;
                    size_t cn = strlen(cap->label);
                    size_t num_off = cap->start;
                    /* compare the number parts and the family */
                    label clab;
                    if (!label_at(ct, doc->blocks[cap->block].len, num_off,
                                  &clab))
                        continue;
                    if (clab.family == lab.family &&
                        same_label(ct + clab.num_start,
                                   clab.end - clab.num_start, s + lab.num_start,
                                   lab.end - lab.num_start)) {
                        target = (long)i;
                        name = cap->label;
                        break;
                    }
                    (void)cn;
                }
                if (!name) {
                    name = sl_doc_strndup_copy(doc, s + lab.start,
                                               lab.end - lab.start);
                    if (!name)
                        return -1;
                }
                sl_span *ref =
                    sl_doc_add_span(doc, "caption_ref", b, lab.start, lab.end);
                if (!ref)
                    return -1;
                ref->label = name;
                ref->target = target;
                ref->value = lab.value;
                ref->flags = SL_SPAN_HAS_VALUE;
                (*n_refs)++;
                s = doc->blocks[b].text;
                p = lab.end;
                continue;
            }
            p++;
        }
    }
    return 0;
}
