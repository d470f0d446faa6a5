/* core/engine_docs.h - the documents one input record became on its way
 * through a run: the record's own document first, then those stages
 * emitted (sl_emit), each right after the document it came from, with
 * where it starts in the pipeline and what the stages decided about it.
 */
#ifndef SLUICE_CORE_ENGINE_DOCS_H
#define SLUICE_CORE_ENGINE_DOCS_H

#include <jansson.h>
#include <stddef.h>

#include <sluice/plugin.h>

/* One document and its fate so far. */
typedef struct sl_doc_run {
    sl_doc *doc;
    size_t start;     /* the first stage it goes through */
    sl_status status; /* SL_OK while it goes on */
    size_t stage;     /* the stage that dropped or failed it */
    char *reason;     /* why (malloc'd), or NULL */
    json_t *detail;   /* a drop's detail, or NULL */
    double seconds;   /* CPU time the unordered stages spent on it */
    void **prepared;  /* what the ordered stages' prepare made of it on a
                         worker, one entry per prepared stage, or NULL;
                         the engine frees the entries, runs_clear the
                         array */
} sl_doc_run;

typedef struct sl_doc_runs {
    sl_doc_run *items;
    size_t n, cap;
} sl_doc_runs;

/* Inserts doc (taken over) at index at, starting at stage start. Returns
 * 0, or -1 when out of memory (doc is then freed). */
int sl_doc_runs_insert(sl_doc_runs *runs, size_t at, sl_doc *doc, size_t start);

/* Frees every document and reason; keeps the array for reuse. */
void sl_doc_runs_clear(sl_doc_runs *runs);

/* Frees everything. */
void sl_doc_runs_free(sl_doc_runs *runs);

#endif
