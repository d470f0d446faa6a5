/* core/report_html.h - the run report: one self-contained HTML page drawn
 * from a stats object (one run's, or the merge of every shard's), with
 * its charts inline as SVG. No script, no font and no image is fetched:
 * the file reads offline and can be mailed.
 */
#ifndef SLUICE_CORE_REPORT_HTML_H
#define SLUICE_CORE_REPORT_HTML_H

#include <jansson.h>
#include <stdio.h>

/* Writes the page for stats to out. Returns 0, or -1 when a write
 * failed. */
int sl_report_render(FILE *out, const json_t *stats);

/* Renders the page and writes it to path whole or not at all. Returns 0,
 * or -1 with *message (malloc'd). */
int sl_report_write(const char *path, const json_t *stats, char **message);

#endif
