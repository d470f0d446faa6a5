/* plugins/html/html_hints.h - hint bits the html stage sets beyond the
 * public SL_HINT_* ones, read by the boilerplate stage. They live in the
 * unused high bits of sl_html_features.hints.
 */
#ifndef SLUICE_HTML_HINTS_H
#define SLUICE_HTML_HINTS_H

enum {
    /* The block lies inside the page's main content, as found by scoring
     * containers on their text, punctuation and link density. */
    SL_HINT_MAIN = 1u << 16,
    /* The html stage found a main-content container at all (set on every
     * block of a page where it did). */
    SL_HINT_MAIN_FOUND = 1u << 17,
    /* Inside a <form>, <header> element, <nav> element, <footer> element or
     * <aside> element (the tag, not a class name). */
    SL_HINT_TAG_CHROME = 1u << 18,
    /* Inside a container of the main content that holds little prose: a
     * list of links, a box of short items, a block of chrome class names
     * (readability's "clean conditionally"). */
    SL_HINT_WEAK_CONTAINER = 1u << 19
};

#endif
