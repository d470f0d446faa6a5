/* plugins/figures/captions.h - caption blocks (图1, 表2-3, Figure 4:,
 * Table 1.) and the references to them in the text (如图1所示,
 * see Figure 4).
 */
#ifndef SLUICE_FIGURES_CAPTIONS_H
#define SLUICE_FIGURES_CAPTIONS_H

#include <sluice/doc.h>

/* Marks caption blocks (kind SL_BLOCK_CAPTION, a "caption" span with
 * label and value), then links references in other blocks with
 * "caption_ref" spans whose target is the caption span's index (-1 when
 * the caption is not in the document). Returns 0, or -1 when out of
 * memory. */
int fig_mark_captions(sl_doc *doc, size_t *n_captions, size_t *n_refs);

#endif
