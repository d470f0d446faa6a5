/* core/report_svg.h - the pieces the run report is drawn with: escaped
 * text, numbers for people, and two charts as inline SVG (bars with
 * labels, and a histogram of two series). Everything writes to a stdio
 * stream; nothing is fetched, nothing is scripted.
 */
#ifndef SLUICE_CORE_REPORT_SVG_H
#define SLUICE_CORE_REPORT_SVG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes s with &, <, >, " and ' escaped for HTML text and attributes. */
void sl_html_escape(FILE *out, const char *s);

/* 1234567 as "1,234,567". */
void sl_format_count(char *buf, size_t size, uint64_t n);

/* 1536 as "1.5 KB"; powers of 1000 (kB, MB, GB) as sluice's rates are. */
void sl_format_bytes(char *buf, size_t size, double bytes);

/* 75.3 seconds as "1 min 15 s", 7260 as "2 h 01 min", 4.25 as "4.2 s". */
void sl_format_duration(char *buf, size_t size, double seconds);

/* One bar of a bar chart: its label, its value, and the text written at
 * its end (e.g. "1,234 (12%)"); NULL text writes the value. */
typedef struct sl_bar {
    const char *label;
    double value;
    const char *text;
} sl_bar;

/* A horizontal bar chart of n bars, longest first as given, scaled to the
 * largest value; css_class colours the bars ("bars-removed"). Writes
 * nothing but a note when n is 0. */
void sl_svg_bars(FILE *out, const char *title, const sl_bar *bars, size_t n,
                 const char *css_class);

/* A histogram of two series over the same n buckets, side by side:
 * labels[i] names bucket i, a[i] and b[i] are the counts, named by
 * a_name and b_name in the legend. The bars have the classes
 * "bar series-a" and "bar series-b", the legend's swatches "swatch
 * series-a" and "swatch series-b". */
void sl_svg_histogram(FILE *out, const char *title, const char *const *labels,
                      const uint64_t *a, const uint64_t *b, size_t n,
                      const char *a_name, const char *b_name);

#endif
