/* sluice/sluice.h - everything a stage plugin needs, in one include.
 *
 *   doc.h     the document model: blocks, spans, sections, arena
 *   plugin.h  the plugin descriptor, options, status, logging, counters
 *   output.h  compressed, atomic output files for exporters
 *   text.h    UTF-8 and script helpers
 *
 * Start with doc/examples/ (a complete out-of-tree plugin) and
 * sluice-plugin(7).
 */
#ifndef SLUICE_SLUICE_H
#define SLUICE_SLUICE_H

#include <sluice/doc.h>
#include <sluice/output.h>
#include <sluice/plugin.h>
#include <sluice/text.h>

#endif
