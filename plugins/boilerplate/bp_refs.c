/* plugins/boilerplate/bp_refs.c - a page's reference apparatus: the
 * blocks under a heading named like a list of references, notes or
 * external links (参考文献, 参考资料, 注释, 外部链接, References, External
 * links...) up to the next heading of the same or a higher level are
 * removed as `references`: citations, not the article's text.
 */
#include <string.h>

#include "bp_internal.h"

/* Heading words, compared with the heading's text once an edit marker
 * ("[编辑]", "[edit]") and white space are dropped. */
static const char *const names[] = {
    "参考文献", "参考资料", "参考来源", "注释", "脚注", "外部链接", "外部连接",
};

/* Whether the heading's text, without a trailing "[...]" and white
 * space, is one of the names (ASCII compared without case). */
static int names_references(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len > 0 && s[len - 1] == ']') {
        size_t open = len;
        while (open > 0 && s[open - 1] != '[')
            open--;
        if (open > 0 && len - open <= 16)
            len = open - 1;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
        s++;
        len--;
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t n = strlen(names[k]);
        if (n != len)
            continue;
        size_t i = 0;
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (c != (unsigned char)names[k][i])
                break;
            i++;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

void bp_references(sl_doc *doc, bp_info *info)
{
    int level = 0; /* inside a references section of this level, or 0 */
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (b->kind == SL_BLOCK_HEADING) {
            int lv = b->level > 0 ? b->level : 1;
            if (level && lv > level) {
                bp_flag(&info[i], BP_REASON_REFERENCES);
                continue;
            }
            level = 0;
            if (names_references(b->text, b->len)) {
                level = lv;
                bp_flag(&info[i], BP_REASON_REFERENCES);
            }
            continue;
        }
        if (level)
            bp_flag(&info[i], BP_REASON_REFERENCES);
    }
}
