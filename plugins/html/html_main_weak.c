/* plugins/html/html_main_weak.c - weak containers inside the main
 * content, whose blocks get SL_HINT_WEAK_CONTAINER: readability's "clean
 * conditionally" (negative names, list items over paragraphs, many
 * links), a box of bare labels (a gallery's controls), a chart's labels,
 * and the per-element counts of structured and numbered blocks and of
 * the characters in lists they are judged by; an element that holds the text
 * itself is never weak.
 */
#include "html_main_internal.h"

#include <stdlib.h>

enum {
    BOX_LINE_CHARS = 20,   /* a written box's lines are this long */
    CHART_MIN_LABELS = 8,  /* lines of a chart's labels */
    CHART_LABEL_CHARS = 10 /* ... at most this long on average */
};

/* A box of written items (a factbox, a list of questions): a comma or
 * sentence end per item, few links, and lines of text rather than a
 * column of short labels (a post's tool bar, a menu). */
static int is_written_box(const html_elem *e, float ld)
{
    if (ld > WRITTEN_BOX_MAX_LINKS)
        return 0;
    if (e->punct >= e->items && e->text_chars >= BOX_LINE_CHARS * e->blocks)
        return 1;
    return e->punct * 2 >= e->items &&
           e->text_chars >= 2 * BOX_LINE_CHARS * e->blocks;
}

/* The link density of a table's text outside its outermost lists
 * (listed: their text and link characters). */
static float density_outside_lists(const html_elem *e, const uint32_t *listed)
{
    uint32_t text =
        e->text_chars - (listed[0] < e->text_chars ? listed[0] : e->text_chars);
    uint32_t links =
        e->link_chars - (listed[1] < e->link_chars ? listed[1] : e->link_chars);
    return text ? (float)links / (float)text : 0.0f;
}

/* Readability's "clean conditionally", for a container inside the main
 * content: negative names, or little prose (few commas) with more list
 * items than paragraphs (unless the items are written), hardly any text,
 * or many links (unless it is a written list). listed, when not NULL,
 * holds the text and link characters of e's outermost lists. */
int html_main_is_weak_container(const html_elem *e, const uint32_t *listed)
{
    if (e->tag != TAG_DIV && e->tag != TAG_UL && e->tag != TAG_TABLE &&
        e->tag != TAG_SECTION && e->tag != TAG_FORM && e->tag != TAG_OTHER)
        return 0;
    if (e->text_chars == 0)
        return 0;
    /* a form to write a message in (readability: more inputs than a
     * third of the paragraphs): its prompts, labels and terms */
    if (e->tag == TAG_FORM && e->text_entry)
        return 1;
    int weight = e->class_weight;
    if (weight + (e->candidate ? (int)e->score : 0) < -5)
        return 1;
    if (e->punct >= 10)
        return 0;
    float ld = link_density(e);
    /* a table's items lie in its cells' lists (a layout table's menu
     * beside the article's cell), which are judged on their own; so do
     * the links of those lists: the table's own link density is that of
     * its text outside them (the article's paragraph in the other cell) */
    if (e->tag == TAG_TABLE && listed)
        ld = density_outside_lists(e, listed);
    if (e->tag != TAG_UL && e->tag != TAG_TABLE &&
        e->items > e->paragraphs + 1 && !is_written_box(e, ld))
        return 1;
    /* readability spares lists: a written one (a comma or sentence end
     * per three items), at most half links, is the article's */
    int written_list =
        e->tag == TAG_UL && e->punct * 3 >= e->items && ld <= 0.5f;
    if (!written_list && e->text_chars < 25 && e->blocks > 0 && ld > 0.0f)
        return 1;
    if (!written_list && weight < 25 && ld > 0.3f)
        return 1;
    if (weight >= 25 && ld > 0.5f)
        return 1;
    return 0;
}

/* Per element, the text and link characters of the outermost <ul>
 * lists in its subtree, at [2 * i] and [2 * i + 1]: one pass down the
 * elements (parents come first), one back up. NULL when out of memory. */
uint32_t *html_main_listed_chars(const html_page *page)
{
    size_t n = page->n_elems ? page->n_elems : 1;
    uint32_t *listed = calloc(2 * n, sizeof *listed);
    uint8_t *in_list = calloc(n, 1);
    if (!listed || !in_list) {
        free(listed);
        free(in_list);
        return NULL;
    }
    for (size_t i = 0; i < page->n_elems; i++) {
        const html_elem *e = &page->elems[i];
        if (e->parent != UINT32_MAX)
            in_list[i] =
                in_list[e->parent] || page->elems[e->parent].tag == TAG_UL;
        if (e->tag == TAG_UL && !in_list[i]) {
            listed[2 * i] = e->text_chars;
            listed[2 * i + 1] = e->link_chars;
        }
    }
    for (size_t i = page->n_elems; i-- > 1;) {
        uint32_t parent = page->elems[i].parent;
        if (parent != UINT32_MAX) {
            listed[2 * parent] += listed[2 * i];
            listed[2 * parent + 1] += listed[2 * i + 1];
        }
    }
    free(in_list);
    return listed;
}

/* Per element, its blocks that are more than a line of text: table
 * rows, list items, code, quotes, captions. NULL when out of memory. */
uint32_t *html_main_structured_blocks(const sl_doc *doc, const html_page *page)
{
    uint32_t *n = calloc(page->n_elems ? page->n_elems : 1, sizeof *n);
    if (!n)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block_kind k = doc->blocks[i].kind;
        if (doc->blocks[i].html && k != SL_BLOCK_PARAGRAPH &&
            k != SL_BLOCK_HEADING)
            n[page->block_owner[i]]++;
    }
    html_main_add_to_ancestors(page, n);
    return n;
}

/* A box of bare lines embedded in an article written in paragraphs: no
 * <p>, no table row, list item or other structured block, four lines or
 * more and fewer commas and sentence ends than lines, in a parent that
 * holds no <p> either (a gallery's or a player's controls and labels:
 * "1 of 24", "Full Screen", "Autoplay"). Lines among the text's own
 * paragraphs are a passage written a phrase per line. */
int html_main_is_box_of_labels(const html_elem *e, const html_elem *parent,
                               uint32_t structured, const html_elem *top)
{
    return top->paragraphs * 2 >= top->blocks && e->paragraphs == 0 &&
           parent->paragraphs == 0 && structured == 0 && e->blocks >= 4 &&
           e->punct < e->blocks;
}

/* A chart's labels embedded in an article written in paragraphs: eight
 * lines or more, no table row, list item or other structured block,
 * under CHART_LABEL_CHARS characters a line on average and hardly a
 * comma or sentence end (one per four lines): axis ticks, values and
 * years set as paragraphs at absolute positions ("$915", "billion",
 * "'17"). A poem's or a lyric's lines are longer. */
int html_main_is_chart_labels(const html_elem *e, uint32_t structured,
                              uint32_t numbered, const html_elem *top)
{
    return top->paragraphs * 2 >= top->blocks && structured == 0 &&
           e->blocks >= CHART_MIN_LABELS && numbered * 2 >= e->blocks &&
           e->text_chars < CHART_LABEL_CHARS * e->blocks &&
           e->punct * 4 < e->blocks;
}

/* Whether a block's text holds an ASCII digit. */
static int has_digit(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (text[i] >= '0' && text[i] <= '9')
            return 1;
    }
    return 0;
}

/* Per element, its blocks whose text holds a digit (subtree counts).
 * NULL when out of memory. */
uint32_t *html_main_numbered_blocks(const sl_doc *doc, const html_page *page)
{
    uint32_t *n = calloc(page->n_elems ? page->n_elems : 1, sizeof *n);
    if (!n)
        return NULL;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->html && has_digit(b->text, b->len))
            n[page->block_owner[i]]++;
    }
    html_main_add_to_ancestors(page, n);
    return n;
}

/* Whether e holds most of the main content's prose, written (commas
 * and sentence ends): the text itself, whatever its name says (a post's
 * body in a "topic-base-header"). */
int html_main_holds_the_text(const html_elem *e, const html_elem *top)
{
    uint32_t prose = e->text_chars - e->link_chars;
    uint32_t all = top->text_chars - top->link_chars;
    return prose * 2 > all && e->punct >= 3;
}
