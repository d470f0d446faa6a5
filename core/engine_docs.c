/* core/engine_docs.c - the list of documents one record became (see
 * engine_docs.h).
 */
#include "engine_docs.h"

#include <stdlib.h>
#include <string.h>

int sl_doc_runs_insert(sl_doc_runs *runs, size_t at, sl_doc *doc, size_t start)
{
    if (runs->n == runs->cap) {
        size_t cap = runs->cap ? runs->cap * 2 : 4;
        sl_doc_run *bigger = realloc(runs->items, cap * sizeof *bigger);
        if (!bigger) {
            sl_doc_free(doc);
            return -1;
        }
        runs->items = bigger;
        runs->cap = cap;
    }
    if (at > runs->n)
        at = runs->n;
    memmove(&runs->items[at + 1], &runs->items[at],
            (runs->n - at) * sizeof *runs->items);
    runs->items[at] = (sl_doc_run){.doc = doc, .start = start, .status = SL_OK};
    runs->n++;
    return 0;
}

void sl_doc_runs_clear(sl_doc_runs *runs)
{
    for (size_t i = 0; i < runs->n; i++) {
        sl_doc_free(runs->items[i].doc);
        free(runs->items[i].reason);
        json_decref(runs->items[i].detail);
        free(runs->items[i].prepared);
    }
    runs->n = 0;
}

void sl_doc_runs_free(sl_doc_runs *runs)
{
    sl_doc_runs_clear(runs);
    free(runs->items);
    runs->items = NULL;
    runs->cap = 0;
}
