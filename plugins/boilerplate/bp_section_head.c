/* plugins/boilerplate/bp_section_head.c - a site section's heading above
 * a page's breadcrumb trail: a heading that names one of the trail's
 * steps before its last (`Forums` over `Home › Forums › CSS › .last-child
 * or???`) heads the section the page lies in, not the page, and it and
 * the section's blurb between it and the trail (`The forums ran from
 * 2008-2020 and are now closed...`) are the site's, flagged `nav` like the
 * trail. The page's own name is the trail's last step, so an article's
 * headline above its trail is no section's. One pass over the blocks,
 * each trail compared with the few blocks before it.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    SECTION_REACH = 3,        /* blocks between the heading and the trail */
    SECTION_BLURB_CHARS = 200 /* a section's blurb is short */
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Whether the trail's separator (one of the arrows bp_looks_like_breadcrumb
 * knows) starts at s; its length in bytes, else 0. */
static size_t arrow_at(const char *s, size_t n)
{
    static const char *const arrows[] = {">", "»", "›", "→", "＞"};
    for (size_t k = 0; k < sizeof arrows / sizeof arrows[0]; k++) {
        size_t m = strlen(arrows[k]);
        if (n >= m && memcmp(s, arrows[k], m) == 0)
            return m;
    }
    return 0;
}

/* Whether name is one of the trail's steps before its last, spaces
 * around the steps aside. */
static int names_a_step(const char *trail, size_t n, const char *name,
                        size_t name_len)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        size_t sep = arrow_at(trail + i, n - i);
        if (!sep)
            continue;
        size_t a = start, b = i;
        while (a < b && is_space(trail[a]))
            a++;
        while (b > a && is_space(trail[b - 1]))
            b--;
        if (b - a == name_len && name_len > 0 &&
            memcmp(trail + a, name, name_len) == 0)
            return 1;
        start = i + sep;
        i += sep - 1;
    }
    return 0; /* the last step, after the last arrow, is the page's */
}

void bp_section_heads(const sl_doc *doc, bp_info *info, long title)
{
    for (size_t j = 1; j < doc->n_blocks; j++) {
        const sl_block *trail = &doc->blocks[j];
        if (!trail->html || trail->html->link_chars == 0 ||
            trail->kind == SL_BLOCK_HEADING ||
            !bp_looks_like_breadcrumb(trail, &info[j]))
            continue;
        size_t from = j > SECTION_REACH + 1 ? j - SECTION_REACH - 1 : 0;
        for (size_t i = j; i-- > from;) {
            const sl_block *h = &doc->blocks[i];
            if (!h->html || (h->kind != SL_BLOCK_HEADING &&
                             info[i].chars > SECTION_BLURB_CHARS))
                break;
            if (h->kind != SL_BLOCK_HEADING || (long)i == title)
                continue;
            size_t n = h->len;
            while (n > 0 && is_space(h->text[n - 1]))
                n--;
            if (!names_a_step(trail->text, trail->len, h->text, n))
                continue;
            for (size_t k = i; k < j; k++)
                bp_flag(&info[k], BP_REASON_NAV);
            break;
        }
    }
}
