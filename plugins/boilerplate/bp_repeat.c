/* plugins/boilerplate/bp_repeat.c - a heading that the main content of
 * an article prints twice or more, word for word: a promotion the site
 * sets between the article's paragraphs (a newsletter sign-up written as
 * a heading, `Find out what's happening in ... with free, real-time
 * updates`), not a section of the article, whose headings differ. Not on
 * a thread, whose posts may quote each other's headings. The headings are
 * sorted by a hash of their text, so the pass stays n log n in their
 * number.
 */
#include <stdlib.h>
#include <string.h>

#include "bp_internal.h"

typedef struct {
    uint64_t hash;
    size_t block;
} heading_key;

static int by_hash(const void *a, const void *b)
{
    const heading_key *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->block < y->block ? -1 : x->block > y->block;
}

/* A heading of the main content other than the title, written as a
 * sentence (a sentence end in it): a section's name (`Example`,
 * `Setting up`, `1、docker脚本`) may recur in a tutorial or a column, a
 * sentence set as a heading twice is the site's. */
static int is_main_heading(const sl_block *b, const bp_info *in)
{
    const sl_html_features *f = b->html;
    return f && b->kind == SL_BLOCK_HEADING && !(b->flags & SL_BLOCK_TITLE) &&
           (f->hints & SL_HINT_MAIN) && in->sentence_ends > 0;
}

static int same_text(const sl_block *a, const sl_block *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

void bp_repeated_headings(const sl_doc *doc, bp_info *info)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_POST))
            return; /* a thread */
        if (is_main_heading(&doc->blocks[i], &info[i]))
            n++;
    }
    if (n < 2)
        return;
    heading_key *keys = malloc(n * sizeof *keys);
    if (!keys)
        return; /* the rule is a refinement: without memory it does not run */
    size_t k = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (is_main_heading(b, &info[i]))
            keys[k++] = (heading_key){bp_text_hash(b->text, b->len), i};
    }
    qsort(keys, n, sizeof *keys, by_hash);
    for (size_t i = 0; i + 1 < n; i++) {
        const sl_block *a = &doc->blocks[keys[i].block];
        const sl_block *b = &doc->blocks[keys[i + 1].block];
        if (keys[i].hash == keys[i + 1].hash && same_text(a, b)) {
            bp_flag(&info[keys[i].block], BP_REASON_AD);
            bp_flag(&info[keys[i + 1].block], BP_REASON_AD);
        }
    }
    free(keys);
}
