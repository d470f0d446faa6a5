/* plugins/figures/unit_table.h - the tables of units and currencies
 * (unit_table.c), shared with the look-up that indexes them (units.c).
 */
#ifndef SLUICE_FIGURES_UNIT_TABLE_H
#define SLUICE_FIGURES_UNIT_TABLE_H

#include "figures.h"

/* Table entries whose text starts with an ASCII letter are English words:
 * they may follow a space or a hyphen and must end at a word boundary.
 * ATTACHED marks short symbols that must touch the number ("1.8m"). */
typedef struct unit_entry {
    fig_unit u;
    bool attached;
    size_t len; /* bytes of u.text */
} unit_entry;

/* The most entries a table may have: each has a place in the index. */
#define MAX_ENTRIES 1024

/* Units, measure words and percentages after a number; the end is an
 * entry whose text is NULL. */
extern const unit_entry UNITS[];
/* Prefix currencies, longest first where one contains another; the end
 * is an entry whose text is NULL. */
extern const unit_entry CURRENCIES[];

#endif /* SLUICE_FIGURES_UNIT_TABLE_H */
