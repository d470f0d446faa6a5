/* core/run_census.h - what a run saw of its documents, for the stats file
 * and the report: how long documents were before and after cleaning, the
 * sites they came from and how much of each site's text was removed, the
 * languages and page types the stages recorded, and the slowest
 * documents.
 *
 * One census belongs to one run and is fed by the thread that retires
 * documents in input order, so it takes no locks. It is saved in
 * checkpoints and in the stats file as JSON, and sl_census_add_json adds a
 * saved census to a live one: a resumed run, and the shards of an array
 * merged by `sluice report`, count exactly what one run would have.
 */
#ifndef SLUICE_CORE_RUN_CENSUS_H
#define SLUICE_CORE_RUN_CENSUS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include <sluice/doc.h>

/* Length histograms have one bucket per power of two of bytes: bucket 0
 * holds empty texts, bucket k texts of 2^(k-1) to 2^k - 1 bytes. */
#define SL_CENSUS_BUCKETS 40

/* Distinct sites, languages or page types kept by name; the rest are
 * counted under "(other)" so memory stays bounded on any corpus. */
#define SL_CENSUS_MAX_KEYS 20000

/* The slowest documents kept with their ids. */
#define SL_CENSUS_SLOWEST 10

typedef struct sl_census sl_census;

/* How a document left the run. */
typedef enum sl_census_outcome {
    SL_CENSUS_KEPT = 0,
    SL_CENSUS_DROPPED,
    SL_CENSUS_FAILED
} sl_census_outcome;

sl_census *sl_census_new(void);
void sl_census_free(sl_census *census);

/* Counts one document that went through the stages: its text before
 * cleaning (every block) and after (the blocks no stage removed; nothing
 * when it was dropped or failed), its site (the host of metadata.url),
 * metadata.lang and metadata.page_type, and seconds, the CPU time the
 * stages spent on it. Returns 0, or -1 when out of memory. */
int sl_census_add(sl_census *census, const sl_doc *doc,
                  sl_census_outcome outcome, double seconds);

/* The census as JSON (see doc/report.md for its shape), or NULL when out
 * of memory. */
json_t *sl_census_json(const sl_census *census);

/* Adds a census saved by sl_census_json. Returns 0, or -1 with *message
 * (malloc'd) when it is not one. */
int sl_census_add_json(sl_census *census, const json_t *saved, char **message);

/* The site of a URL: its host in lower case without "www." and without a
 * port, written into buf (NUL-terminated). False when url has no host. */
bool sl_census_site_of(const char *url, char *buf, size_t size);

#endif
