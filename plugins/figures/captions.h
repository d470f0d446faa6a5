/* plugins/figures/captions.h - caption blocks (图1, 表2-3, Figure 4:,
 * Table 1.) and the references to them in the text (如图1所示,
 * see Figure 4).
 */
#ifndef SLUICE_FIGURES_CAPTIONS_H
#define SLUICE_FIGURES_CAPTIONS_H

#include <sluice/doc.h>

/* The caption spans of a document: spans [first, first + count), and a
 * hash table of them by label (family and number), so that each reference
 * finds its caption in one look-up, however many captions there are. */
typedef struct fig_captions {
    size_t first, count;
    long *slots;    /* span index, or -1 for an empty slot */
    size_t n_slots; /* a power of two, at least twice count; 0: no table */
} fig_captions;

/* Marks caption blocks: short paragraphs that open with a label followed
 * by a separator or the caption's words become SL_BLOCK_CAPTION with a
 * "caption" span (label and value), and builds the table of their labels.
 * Returns 0, or -1 when out of memory. */
int fig_mark_caption_blocks(sl_doc *doc, fig_captions *caps);

/* Frees the table of labels. */
void fig_captions_free(fig_captions *caps);

/* Adds a "caption_ref" span for each reference in block b (如图1所示, see
 * Table 2), its target the caption span's index, or -1 when the caption
 * is not in the document. Dropped and caption blocks are left alone.
 * Adds the references made to *n_refs. Returns 0, or -1 when out of
 * memory. */
int fig_link_references(sl_doc *doc, size_t b, const fig_captions *caps,
                        size_t *n_refs);

/* The first place from `from` on where a label word opens (图, 表, or Fig
 * or Tab in any case), or len: where label_at may find a label
 * (label_find.c). fig_label_start compares sixteen places at a time;
 * fig_label_start_slow, one at a time, gives the same answer. */
size_t fig_label_start(const char *s, size_t len, size_t from);
size_t fig_label_start_slow(const char *s, size_t len, size_t from);

#endif
