/* plugins/html/html_post_text.c - a post's own words where the page marks
 * them: schema.org's itemprop="text" on the element holding what a
 * poster or answerer wrote (a DiscussionForumPosting's, a Comment's, an
 * Answer's text). In a post holding such an element, what lies outside
 * it (a signature under the text, the post's tags, its header) is not
 * what the poster wrote in that post. Two passes over the elements,
 * linear.
 */
#include "html_internal.h"

#include <stdlib.h>

int html_mark_outside_text(const html_page *page, const uint32_t *item_of,
                           uint8_t *flags, uint8_t outside)
{
    size_t n = page->n_elems;
    /* per element: 1 it lies in a marked text, 2 it holds one below it */
    uint8_t *mark = calloc(n ? n : 1, 1);
    if (!mark)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t p = page->elems[i].parent;
        int in_text = (page->elems[i].schema & HTML_SCHEMA_TEXT) ||
                      (p != UINT32_MAX && (mark[p] & 1));
        mark[i] = (uint8_t)in_text;
    }
    /* children come after their parent: a backward pass tells each
     * element whether a marked text lies below it */
    for (size_t i = n; i-- > 1;) {
        uint32_t p = page->elems[i].parent;
        if (p != UINT32_MAX && (page->elems[i].schema & HTML_SCHEMA_TEXT))
            mark[p] |= 2;
        if (p != UINT32_MAX && (mark[i] & 2))
            mark[p] |= 2;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t it = item_of[i];
        if (it != UINT32_MAX && (mark[it] & 2) && !(mark[i] & 1))
            flags[i] |= outside;
    }
    free(mark);
    return 0;
}
