/* plugins/html/html_tags.c - the table of HTML elements the walker treats
 * specially, sorted by name and searched by bisection.
 */
#include "html_tags.h"

#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

#define BLK TF_BLOCK
#define CHR TF_CHROME

static const html_tag_info tags[] = {
    {"a", TAG_A, TF_LINK, 0, 0, 0, 0},
    {"address", TAG_OTHER, BLK, 0, 0, 0, -3},
    {"applet", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"article", TAG_ARTICLE, BLK, 0, 0, SL_HINT_CONTENT, 10},
    {"aside", TAG_OTHER, BLK | CHR, 0, 0, SL_HINT_SIDEBAR, -10},
    {"audio", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"blockquote", TAG_BLOCKQUOTE, BLK | TF_KIND, SL_BLOCK_QUOTE, 0, 0, 3},
    {"body", TAG_BODY, BLK, 0, 0, 0, 0},
    {"br", TAG_OTHER, TF_BREAK, 0, 0, 0, 0},
    {"button", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"canvas", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"caption", TAG_OTHER, BLK | TF_KIND, SL_BLOCK_CAPTION, 0, 0, 0},
    {"center", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"dd", TAG_OTHER, BLK, 0, 0, 0, -3},
    {"details", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"dialog", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"dir", TAG_UL, BLK, 0, 0, 0, -3},
    {"div", TAG_DIV, BLK, 0, 0, 0, 5},
    {"dl", TAG_UL, BLK, 0, 0, 0, -3},
    {"dt", TAG_OTHER, BLK, 0, 0, 0, -3},
    {"embed", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"fieldset", TAG_OTHER, BLK, 0, 0, 0, -3},
    {"figcaption", TAG_OTHER, BLK | TF_KIND, SL_BLOCK_CAPTION, 0, 0, 0},
    {"figure", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"footer", TAG_OTHER, BLK | CHR, 0, 0, SL_HINT_FOOTER, -10},
    {"form", TAG_FORM, BLK | CHR, 0, 0, 0, -3},
    {"frame", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"frameset", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"h1", TAG_H1, BLK | TF_KIND, SL_BLOCK_HEADING, 1, 0, -5},
    {"h2", TAG_HEADING, BLK | TF_KIND, SL_BLOCK_HEADING, 2, 0, -5},
    {"h3", TAG_HEADING, BLK | TF_KIND, SL_BLOCK_HEADING, 3, 0, -5},
    {"h4", TAG_HEADING, BLK | TF_KIND, SL_BLOCK_HEADING, 4, 0, -5},
    {"h5", TAG_HEADING, BLK | TF_KIND, SL_BLOCK_HEADING, 5, 0, -5},
    {"h6", TAG_HEADING, BLK | TF_KIND, SL_BLOCK_HEADING, 6, 0, -5},
    {"head", TAG_OTHER, TF_HEAD, 0, 0, 0, 0},
    {"header", TAG_OTHER, BLK | CHR, 0, 0, SL_HINT_HEADER, -10},
    {"hr", TAG_OTHER, TF_BREAK, 0, 0, 0, 0},
    {"html", TAG_BODY, BLK, 0, 0, 0, 0},
    {"iframe", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"input", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"label", TAG_OTHER, 0, 0, 0, 0, 0},
    {"legend", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"li", TAG_LI, BLK | TF_KIND, SL_BLOCK_LIST_ITEM, 0, 0, -3},
    {"main", TAG_MAIN, BLK, 0, 0, SL_HINT_CONTENT, 10},
    {"map", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"math", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"menu", TAG_UL, BLK | CHR, 0, 0, SL_HINT_NAV, -10},
    {"nav", TAG_OTHER, BLK | CHR, 0, 0, SL_HINT_NAV, -10},
    {"noembed", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"noframes", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"noscript", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"object", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"ol", TAG_UL, BLK, 0, 0, 0, -3},
    {"optgroup", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"option", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"p", TAG_P, BLK, 0, 0, 0, 0},
    {"picture", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"pre", TAG_PRE, BLK | TF_KIND | TF_PRE, SL_BLOCK_CODE, 0, 0, 3},
    {"script", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"section", TAG_SECTION, BLK, 0, 0, 0, 0},
    {"select", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"style", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"summary", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"svg", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"table", TAG_TABLE, BLK, 0, 0, 0, 0},
    {"tbody", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"td", TAG_TD, BLK | TF_CELL, 0, 0, 0, 3},
    {"template", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"textarea", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"tfoot", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"th", TAG_TD, BLK | TF_CELL, 0, 0, 0, -5},
    {"thead", TAG_OTHER, BLK, 0, 0, 0, 0},
    {"title", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"tr", TAG_TR, BLK | TF_ROW, 0, 0, 0, 0},
    {"ul", TAG_UL, BLK, 0, 0, 0, -3},
    {"video", TAG_OTHER, TF_DROP, 0, 0, 0, 0},
    {"xmp", TAG_PRE, BLK | TF_KIND | TF_PRE, SL_BLOCK_CODE, 0, 0, 0},
};

static const html_tag_info inline_tag = {"", TAG_OTHER, 0, 0, 0, 0, 0};

static int compare_name(const void *key, const void *entry)
{
    return strcmp(key, ((const html_tag_info *)entry)->name);
}

const html_tag_info *html_tag_lookup(const char *name)
{
    const html_tag_info *found = bsearch(
        name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], compare_name);
    return found ? found : &inline_tag;
}
