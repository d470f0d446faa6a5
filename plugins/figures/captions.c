/* plugins/figures/captions.c - caption blocks and references to them.
 * A short block that opens with 图N, 表N-M, Figure N, Fig. N or Table N
 * followed by a separator or the caption text becomes SL_BLOCK_CAPTION
 * with a "caption" span over the label; 如图1所示, 见表2, see Figure 4 in
 * the other blocks become "caption_ref" spans pointing at it, found
 * through a hash table of the captions' labels.
 */
#include <stdint.h>
#include <stdlib.h>
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

/* Grouped by first byte, longest first within a group (first_label). */
static const label_word LABELS[] = {
    {"图表", 1, false},  {"图", 0, false},    {"表", 1, false},
    {"Figure", 0, true}, {"FIGURE", 0, true}, {"Fig.", 0, true},
    {"Table", 1, true},  {"TABLE", 1, true},  {"figure", 0, true},
    {"table", 1, true},  {NULL, 0, false}};

/* The first of the label words that open with byte c, or NULL: the words
 * of one first byte follow it in LABELS. */
static const label_word *first_label(unsigned char c)
{
    switch (c) {
    case 0xE5: return &LABELS[0]; /* 图表, 图 */
    case 0xE8: return &LABELS[2]; /* 表 */
    case 'F': return &LABELS[3];
    case 'T': return &LABELS[6];
    case 'f': return &LABELS[8];
    case 't': return &LABELS[9];
    default: return NULL;
    }
}

/* A label found in a text: 图 + 2-3. */
typedef struct label {
    size_t start, end; /* the whole label */
    size_t num_start;  /* the number part */
    int family;
    double value;
} label;

/* Reads a label at pos: the word, optional spaces, a number (1, 2-3,
 * 2.3, 一). Returns true and fills lab. */
static bool label_at(const char *s, size_t len, size_t pos, label *lab)
{
    const label_word *w = first_label((unsigned char)s[pos]);
    for (; w && w->text && w->text[0] == s[pos]; w++) {
        if (!fig_starts(s, len, pos, w->text))
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
    return fig_is_han(cp) && !fig_starts(s, len, end, "所") &&
           !fig_starts(s, len, end, "中") && !fig_starts(s, len, end, "和");
}

static bool same_label(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* The slot of a label's family and number in a table of n_slots (a power
 * of two): FNV-1a over the family and the number's bytes. */
static size_t label_slot(int family, const char *num, size_t len,
                         size_t n_slots)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)family;
    h *= 1099511628211ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)num[i];
        h *= 1099511628211ull;
    }
    return (size_t)h & (n_slots - 1);
}

/* True when caption span cap has the label of family and number num. */
static bool caption_has_label(const sl_doc *doc, const sl_span *cap, int family,
                              const char *num, size_t len)
{
    const sl_block *block = &doc->blocks[cap->block];
    label lab;
    return label_at(block->text, block->len, cap->start, &lab) &&
           lab.family == family &&
           same_label(block->text + lab.num_start, lab.end - lab.num_start, num,
                      len);
}

/* The first caption span with the family and number of the label, found
 * in the table, or -1. */
static long caption_for(const sl_doc *doc, const fig_captions *caps, int family,
                        const char *num, size_t len)
{
    if (!caps->n_slots)
        return -1;
    for (size_t k = label_slot(family, num, len, caps->n_slots);;
         k = (k + 1) & (caps->n_slots - 1)) {
        long i = caps->slots[k];
        if (i < 0)
            return -1;
        if (caption_has_label(doc, &doc->spans[i], family, num, len))
            return i;
    }
}

/* Builds the table of the caption spans' labels; a label already in it
 * keeps its first caption. Returns 0 or -1 (out of memory). */
static int index_captions(const sl_doc *doc, fig_captions *caps)
{
    if (caps->count == 0)
        return 0;
    size_t n = 16;
    while (n < 2 * caps->count)
        n *= 2;
    caps->slots = malloc(n * sizeof *caps->slots);
    if (!caps->slots)
        return -1;
    caps->n_slots = n;
    for (size_t k = 0; k < n; k++)
        caps->slots[k] = -1;
    for (size_t i = caps->first; i < caps->first + caps->count; i++) {
        const sl_span *cap = &doc->spans[i];
        const sl_block *block = &doc->blocks[cap->block];
        label lab;
        if (!label_at(block->text, block->len, cap->start, &lab))
            continue;
        const char *num = block->text + lab.num_start;
        size_t len = lab.end - lab.num_start;
        if (caption_for(doc, caps, lab.family, num, len) >= 0)
            continue; /* the first caption with this label answers */
        size_t k = label_slot(lab.family, num, len, n);
        while (caps->slots[k] >= 0)
            k = (k + 1) & (n - 1);
        caps->slots[k] = (long)i;
    }
    return 0;
}

void fig_captions_free(fig_captions *caps)
{
    free(caps->slots);
    caps->slots = NULL;
    caps->n_slots = 0;
}

int fig_mark_caption_blocks(sl_doc *doc, fig_captions *caps)
{
    caps->first = doc->n_spans;
    caps->count = 0;
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
        caps->count++;
    }
    return index_captions(doc, caps);
}

int fig_link_references(sl_doc *doc, size_t b, const fig_captions *caps,
                        size_t *n_refs)
{
    if (sl_block_is_dropped(&doc->blocks[b]) ||
        doc->blocks[b].kind == SL_BLOCK_CAPTION)
        return 0;
    const char *s = doc->blocks[b].text;
    size_t len = doc->blocks[b].len;
    for (size_t p = fig_label_start(s, len, 0); p < len;) {
        label lab;
        if (!label_at(s, len, p, &lab) ||
            ((unsigned char)s[p] >= 0x80 && !fig_figure_word_ok(s, p))) {
            p = fig_label_start(s, len, p + 1);
            continue;
        }
        long target = caption_for(doc, caps, lab.family, s + lab.num_start,
                                  lab.end - lab.num_start);
        const char *name =
            target >= 0
                ? doc->spans[target].label
                : sl_doc_strndup_copy(doc, s + lab.start, lab.end - lab.start);
        if (!name)
            return -1;
        sl_span *ref =
            sl_doc_add_span(doc, "caption_ref", b, lab.start, lab.end);
        if (!ref)
            return -1;
        ref->label = name;
        ref->target = target;
        ref->value = lab.value;
        ref->flags = SL_SPAN_HAS_VALUE;
        (*n_refs)++;
        p = fig_label_start(s, len, lab.end);
    }
    return 0;
}
