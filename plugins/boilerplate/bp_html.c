/* plugins/boilerplate/bp_html.c - rules for blocks built by the html
 * stage: outside the main content, link density, chrome class names inside
 * the main content, the author and time lines of posts, stop phrases,
 * blurbs and stray counters.
 */
#include <stdlib.h>
#include <string.h>

#include "bp_internal.h"

static const uint32_t chrome_hints =
    SL_HINT_NAV | SL_HINT_FOOTER | SL_HINT_HEADER | SL_HINT_SIDEBAR |
    SL_HINT_RELATED | SL_HINT_COMMENT | SL_HINT_SHARE | SL_HINT_AD |
    SL_HINT_BREADCRUMB | SL_HINT_HIDDEN;

/* The reason a block's class hints give, or BP_REASON_NONE. */
static bp_reason hint_reason(uint32_t hints)
{
    if (hints & (SL_HINT_NAV | SL_HINT_BREADCRUMB))
        return BP_REASON_NAV;
    if (hints & SL_HINT_FOOTER)
        return BP_REASON_FOOTER;
    if (hints & SL_HINT_RELATED)
        return BP_REASON_RELATED;
    if (hints & SL_HINT_COMMENT)
        return BP_REASON_COMMENT;
    if (hints & SL_HINT_SHARE)
        return BP_REASON_SHARE;
    if (hints & SL_HINT_AD)
        return BP_REASON_AD;
    if (hints & SL_HINT_SIDEBAR)
        return BP_REASON_SIDEBAR;
    if (hints & SL_HINT_HEADER)
        return BP_REASON_HEADER;
    if (hints & SL_HINT_HIDDEN)
        return BP_REASON_HIDDEN;
    return BP_REASON_NONE;
}

/* Whether a class or id token names an author's biography: its last
 * word (after '-' or '_') is "bio", "biography" or "authorbox", or it
 * speaks "about" an "author" ("about-authors"). A token that merely says
 * "author" ("topic-author", a forum's post by the thread's author) is no
 * biography. */
static int names_author_bio(const char *class_id)
{
    static const char *const words[] = {"bio", "biography", "authorbox"};
    const char *s = class_id;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *end = s;
        while (*end && *end != ' ')
            end++;
        const char *word = end;
        while (word > s && word[-1] != '-' && word[-1] != '_')
            word--;
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
            size_t n = strlen(words[k]);
            if ((size_t)(end - word) == n && memcmp(word, words[k], n) == 0)
                return 1;
        }
        size_t len = (size_t)(end - s);
        char tok[64];
        if (len < sizeof tok) {
            memcpy(tok, s, len);
            tok[len] = '\0';
            if (strstr(tok, "about") && strstr(tok, "author"))
                return 1;
        }
        s = end;
    }
    return 0;
}

/* The block that carries the page's title, or -1. */
static long title_block(const sl_doc *doc)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (doc->blocks[i].flags & SL_BLOCK_TITLE)
            return (long)i;
    }
    return -1;
}

/* The first block a date line above the headline may be: the blocks
 * before the title up to the BP_DATELINE_BEFORE-th one of text that is
 * not mostly links (a share bar's links between them do not count). */
static long dateline_start(const sl_doc *doc, long title)
{
    long reach = BP_DATELINE_BEFORE;
    long i = title;
    while (i > 0 && reach > 0) {
        i--;
        const sl_html_features *f = doc->blocks[i].html;
        if (!f || f->link_chars * 2 < f->text_chars)
            reach--;
    }
    return i;
}

/* The last block a byline under the headline may be: the blocks after
 * the title up to the BP_DATELINE_REACH-th one of text that is not mostly
 * links (the links of a contents box or a share bar between them do not
 * count), as dateline_start reaches above it. */
static long byline_end(const sl_doc *doc, long title)
{
    long reach = BP_DATELINE_REACH;
    long i = title;
    while (i + 1 < (long)doc->n_blocks && reach > 0) {
        i++;
        const sl_html_features *f = doc->blocks[i].html;
        if (!f || f->link_chars * 2 < f->text_chars)
            reach--;
    }
    return i;
}

/* Full stops after an initial in s: a capital letter standing alone
 * before it ("John W. Miller", "J.R.R. Tolkien"), the stops that
 * bp_measure counts as sentence ends although they end none. */
static size_t initials(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i] != '.' || (i + 1 < n && s[i + 1] != ' '))
            continue;
        if (s[i - 1] >= 'A' && s[i - 1] <= 'Z' &&
            (i == 1 || s[i - 2] == ' ' || s[i - 2] == '.'))
            count++;
    }
    return count;
}

/* "By Jane Doe", "BY JOHN SMITH, Reuters": a short line without a
 * sentence (an initial's full stop ends none) that opens with "By" and a
 * capital (some sites make it a heading); with posted, "Posted by" and
 * "Written by" (a colon after them allowed: "Posted by: Tim at Nov 24,
 * 2004 4:33:46 AM") open one too. */
static int is_english_byline(const sl_block *b, const bp_info *in, int posted)
{
    static const char *const openers[] = {
        "By ",         "BY ",         "Posted by ",
        "Posted by: ", "Written by ", "Written by: "};
    size_t n_openers = posted ? sizeof openers / sizeof openers[0] : 2;
    if (in->chars > BP_DATELINE_MAX_CHARS ||
        in->sentence_ends > initials(b->text, b->len))
        return 0;
    for (size_t k = 0; k < n_openers; k++) {
        size_t n = strlen(openers[k]);
        if (b->len > n + 1 && memcmp(b->text, openers[k], n) == 0 &&
            b->text[n] >= 'A' && b->text[n] <= 'Z')
            return 1;
    }
    return 0;
}

/* A short line without a sentence that opens with a dash (U+2014 or
 * U+2015, or "--"), as an attribution does. */
static int is_dated_attribution(const sl_block *b, const bp_info *in)
{
    if (in->chars > BP_DATELINE_MAX_CHARS || in->sentence_ends > 0)
        return 0;
    return (b->len > 3 && (memcmp(b->text, "\xe2\x80\x94", 3) == 0 ||
                           memcmp(b->text, "\xe2\x80\x95", 3) == 0)) ||
           (b->len > 2 && memcmp(b->text, "--", 2) == 0);
}

enum {
    LABEL_MAX_CHARS = 16,       /* "Related:", "Read more:" */
    AD_LINK_MAX_CHARS = 60,     /* a native ad's line: its label and a slogan */
    CREDIT_MAX_CHARS = 30,      /* "审核：钱七 校对：孙八" */
    RECURRING_LINKS = 3,        /* equal links this often are buttons */
    COMMENTS_AFTER_PROSE = 500, /* an article's text before its comments */
    COMMENTS_HEADER_CHARS = 20 /* "Comments", "Leave a reply", "网友评论" */
};

/* A link-dense block inside the main content, outside its weak
 * containers: a list of links the article gives, which stays. */
static int is_article_link(const sl_block *b, int main_content)
{
    const sl_html_features *f = b->html;
    return main_content && f && (f->hints & SL_HINT_MAIN_FOUND) &&
           (f->hints & SL_HINT_MAIN) && !(f->hints & SL_HINT_WEAK_CONTAINER) &&
           f->link_chars * 2 >= f->text_chars && b->kind != SL_BLOCK_HEADING;
}

/* Code points of s other than spaces: the html stage counts a link's
 * characters so. */
static uint32_t count_non_space(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80 && s[i] != ' ';
    return c;
}

/* The characters of list numbers ("1.", "2)") in s: a label may head
 * several numbered links ("Czytaj także: 1. ... 2. ..."). */
static uint32_t count_list_numbers(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++) {
        if ((i > 0 && s[i - 1] != ' ') || s[i] < '0' || s[i] > '9')
            continue;
        size_t k = i;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k < n && (s[k] == '.' || s[k] == ')') &&
            (k + 1 == n || s[k + 1] == ' '))
            c += (uint32_t)(k + 1 - i);
        i = k;
    }
    return c;
}

/* Whether the text at s (n bytes) opens with a web address. */
static int opens_with_address(const char *s, size_t n)
{
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    return (n >= 7 && memcmp(s, "http://", 7) == 0) ||
           (n >= 8 && memcmp(s, "https://", 8) == 0) ||
           (n >= 4 && memcmp(s, "www.", 4) == 0);
}

/* "Related: ...", "Read: ...", "Also: ...": a short label before a link is
 * a teaser's. The label is what stands before the first colon, unlinked,
 * and the block holds nothing but the label and the link (link characters
 * leave out spaces). A block linked whole ("Fever: The New Lycos 50",
 * "Coordinates: 42°S") is a headline or a list's item. A link that shows its
 * own address ("参考：https://...") is a source, not a teaser. */
static int has_label(const sl_block *b)
{
    const sl_html_features *f = b->html;
    const char *colon = memchr(b->text, ':', b->len);
    if (!colon || (size_t)(colon - b->text) > 4 * LABEL_MAX_CHARS)
        return 0;
    size_t label_len = (size_t)(colon - b->text) + 1;
    uint32_t label = count_non_space(b->text, label_len);
    if (label == 0 || sl_utf8_count(b->text, label_len) > LABEL_MAX_CHARS ||
        (label_len < b->len && b->text[label_len] != ' ') ||
        opens_with_address(colon + 1, b->len - label_len))
        return 0;
    uint32_t solid = count_non_space(b->text, b->len);
    uint32_t unlinked = solid > f->link_chars ? solid - f->link_chars : 0;
    uint32_t numbers =
        count_list_numbers(b->text + label_len, b->len - label_len);
    return unlinked > 0 && unlinked <= label + numbers;
}

/* A native ad set in the article's text: one link whose words open with
 * the site's ad label (<a><i>广告</i><span>英国的大学排名全知晓</span></a>),
 * a short line, nearly all of it linked. A sentence about advertising
 * (广告法规定...) is no link. */
static int is_labelled_ad(const sl_block *b, const bp_info *in)
{
    static const char *const labels[] = {"广告", "推广"};
    const sl_html_features *f = b->html;
    if (in->chars > AD_LINK_MAX_CHARS || f->link_chars * 10 < f->text_chars * 9)
        return 0;
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t n = strlen(labels[k]);
        if (b->len > n && memcmp(b->text, labels[k], n) == 0)
            return 1;
    }
    return 0;
}

/* A sentence a poster wrote in a forum post's body: a contact phrase
 * there is what the reply talks about ("打客服电话报修就好了", "call
 * their customer service"), not the site's service line. */
static int posters_sentence(const sl_html_features *f, const bp_info *in)
{
    return (f->hints & SL_HINT_POST) && in->sentence_ends > 0 &&
           in->lex.reason == BP_REASON_CONTACT;
}

/* An editorial credit under a Chinese article: a short line, no sentence,
 * naming who checked or laid out the text ("审核：钱七", "（校对：孙八）",
 * "值班编辑：周九"), the roles the lexicon's 责任编辑 and 编辑 do not
 * cover. */
static int is_credit_line(const sl_block *b, const bp_info *in)
{
    static const char *const roles[] = {
        "审核", "校对", "审校", "排版", "美编", "监制",     "终审",    "初审",
        "复审", "一审", "二审", "三审", "编审", "值班编辑", "实习编辑"};
    if (in->chars > CREDIT_MAX_CHARS || in->sentence_ends > 0)
        return 0;
    const char *s = b->text, *end = b->text + b->len;
    /* an opening bracket or space before the role */
    while (s < end && (*s == ' ' || *s == '(' || *s == '['))
        s++;
    if (end - s >= 3 && (memcmp(s, "（", 3) == 0 || memcmp(s, "【", 3) == 0))
        s += 3;
    for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
        size_t n = strlen(roles[k]);
        if ((size_t)(end - s) <= n || memcmp(s, roles[k], n) != 0)
            continue;
        const char *after = s + n;
        while (after < end && *after == ' ')
            after++;
        if (after < end && *after == ':')
            after++;
        else if (end - after >= 3 && memcmp(after, "：", 3) == 0)
            after += 3;
        else
            return 0;
        while (after < end && *after == ' ')
            after++;
        return after < end; /* a name follows */
    }
    return 0;
}

static uint64_t text_hash(const sl_block *b)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < b->len; i++) {
        h ^= (unsigned char)b->text[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Per block, 1 when it is a link the article gives: link-dense inside the
 * main content, neither labelled like a teaser nor one of three or more
 * equal links (a "Run example" button under each code sample). NULL when
 * there is none or memory runs out (the links are then judged as any). */
static uint8_t *article_links(const sl_doc *doc, const bp_state *st)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        n += is_article_link(&doc->blocks[i], st->main_content);
    if (n == 0)
        return NULL;
    uint8_t *linked = calloc(doc->n_blocks, 1);
    uint64_t *hashes = malloc(n * sizeof *hashes);
    if (!linked || !hashes) {
        free(linked);
        free(hashes);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (is_article_link(&doc->blocks[i], st->main_content))
            hashes[k++] = text_hash(&doc->blocks[i]);
    }
    qsort(hashes, n, sizeof *hashes, compare_u64);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!is_article_link(b, st->main_content) || has_label(b))
            continue;
        uint64_t h = text_hash(b);
        size_t lo = 0, hi = n;
        while (lo < hi) { /* the first hash not below h */
            size_t mid = lo + (hi - lo) / 2;
            if (hashes[mid] < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t equal = 0;
        while (lo + equal < n && hashes[lo + equal] == h)
            equal++;
        linked[i] = equal < RECURRING_LINKS;
    }
    free(hashes);
    return linked;
}

/* After an article's text (COMMENTS_AFTER_PROSE characters of prose in
 * the main content), an unlinked short line saying the comments start
 * (`Comments`, `评论`, `Leave a reply`) under the title heads the comment
 * section, whatever its elements are named: the blocks after it are the
 * comments'. Not on a thread, whose posts are the page. */
static void comment_section(const sl_doc *doc, bp_info *info, long title)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_POST))
            return; /* a thread: its posts are the page */
    }
    uint32_t prose = 0;
    size_t i = title >= 0 ? (size_t)title + 1 : 0;
    for (; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (!f)
            continue;
        if (prose >= COMMENTS_AFTER_PROSE &&
            info[i].lex.reason == BP_REASON_COMMENT &&
            info[i].chars <= COMMENTS_HEADER_CHARS && f->link_chars == 0 &&
            info[i].sentence_ends == 0 && (f->hints & SL_HINT_MAIN) &&
            !(f->hints & SL_HINT_POST))
            break;
        if (f->hints & SL_HINT_MAIN)
            prose += f->text_chars - f->link_chars;
    }
    for (; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && !(f->hints & SL_HINT_POST))
            bp_flag(&info[i], BP_REASON_COMMENT);
    }
}

void bp_rules_html(sl_doc *doc, bp_info *info, const bp_state *st)
{
    long title = title_block(doc);
    long dateline_from = dateline_start(doc, title);
    long byline_to = title >= 0 ? byline_end(doc, title) : -1;
    uint8_t *linked = article_links(doc, st);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        bp_info *in = &info[i];
        const sl_html_features *f = b->html;
        if (!f)
            continue;
        float ld =
            f->text_chars ? (float)f->link_chars / (float)f->text_chars : 0.0f;
        int main_found = st->main_content && (f->hints & SL_HINT_MAIN_FOUND);
        if (main_found && !(f->hints & SL_HINT_MAIN)) {
            /* named chrome there scores outside-main's second score */
            bp_reason why = hint_reason(f->hints);
            if (why != BP_REASON_NONE)
                bp_flag_score(in, why,
                              bp_reason_other_score(BP_REASON_OUTSIDE_MAIN));
            else
                bp_flag(in, BP_REASON_OUTSIDE_MAIN);
        } else if (!main_found) {
            bp_reason why = hint_reason(f->hints & chrome_hints);
            if (why != BP_REASON_NONE)
                bp_flag(in, why);
            else if (f->hints & SL_HINT_TAG_CHROME)
                bp_flag(in, BP_REASON_NAV);
        }
        /* a picture's alt text is kept only on a page with no other
         * text (see bp_keep_image_alt) */
        if (f->hints & SL_HINT_IMAGE_ALT)
            bp_flag(in, BP_REASON_IMAGE_ALT);
        if (f->hints & SL_HINT_FORM_OPTION)
            bp_flag(in, BP_REASON_FORM_OPTION);
        /* a line that is a paid or affiliate link, wherever it lies */
        if (f->hints & SL_HINT_SPONSORED)
            bp_flag(in, BP_REASON_AD);
        if (main_found && (f->hints & SL_HINT_WEAK_CONTAINER))
            bp_flag(in, BP_REASON_WEAK_CONTAINER);
        /* a post of a forum-like page: its author and time lines go, a
         * reply that is mostly a link stays */
        if (f->hints & SL_HINT_POST_META)
            bp_flag(in, BP_REASON_POST_META);
        if (ld >= 0.5f && b->kind != SL_BLOCK_HEADING &&
            (!(f->hints & SL_HINT_POST) || ld >= 0.8f) &&
            !(linked && linked[i]))
            bp_flag_score(in, BP_REASON_LINK_DENSITY,
                          bp_reason_score(BP_REASON_LINK_DENSITY) + 0.25f * ld);
        /* a trail of links ending in the page's name: a breadcrumb,
         * whatever its class says */
        if (f->link_chars > 0 && b->kind != SL_BLOCK_HEADING &&
            bp_looks_like_breadcrumb(b, in))
            bp_flag(in, BP_REASON_NAV);
        if (is_labelled_ad(b, in))
            bp_flag(in, BP_REASON_AD);
        if (is_credit_line(b, in))
            bp_flag(in, BP_REASON_BYLINE);
        if (!(f->hints & SL_HINT_POST) && bp_is_signature_line(b, in))
            bp_flag(in, BP_REASON_BYLINE);
        if (bp_is_picture_credit(b, in))
            bp_flag(in, BP_REASON_BYLINE);
        if (!(f->hints & SL_HINT_POST) && bp_is_follow_line(b, in))
            bp_flag(in, BP_REASON_SHARE);
        if (!(f->hints & SL_HINT_POST) && bp_is_visit_line(b, in))
            bp_flag(in, BP_REASON_RELATED);
        if (in->lex.reason != BP_REASON_NONE && in->lex.strength >= 0.7f &&
            !posters_sentence(f, in))
            bp_flag_score(in, in->lex.reason, bp_lexicon_score(in));
        if (bp_is_seo_blurb(&in->lex))
            bp_flag(in, BP_REASON_SEO_BLURB);
        /* inside the main content a bare number is usually a section
         * number or a figure; outside it, a counter */
        if (in->stray && !(f->hints & SL_HINT_MAIN))
            bp_flag_score(in, BP_REASON_STRAY_NUMBER,
                          bp_reason_other_score(BP_REASON_STRAY_NUMBER));
        if (in->date_only)
            bp_flag(in, BP_REASON_DATE);
        /* written sentences in an author box are the author's biography
         * (a byline there is short); a forum's post may sit in an
         * element named for its author */
        if (in->chars >= BP_BIO_MIN_CHARS && in->sentence_ends > 0 &&
            !(f->hints & SL_HINT_POST) && f->class_id &&
            names_author_bio(f->class_id))
            bp_flag_score(in, BP_REASON_BYLINE,
                          bp_reason_other_score(BP_REASON_BYLINE));
        /* by the headline (under it, or above it with at most a share
         * bar between), a short line with a dated year and no sentence
         * is the date line ("2024-05-18 16:56 发布于北京", "原创 GameForce
         * 2019-09-04 22:18", "Posted at 02:30 PM ET, 08/15/2012") */
        int near_title = title >= 0 && (long)i != title &&
                         ((long)i > title ? (long)i - title <= BP_DATELINE_REACH
                                          : (long)i >= dateline_from);
        if (in->dated && near_title && in->sentence_ends == 0 &&
            b->kind != SL_BLOCK_HEADING) {
            bp_flag(in, BP_REASON_DATE);
            in->dateline = 1;
        }
        /* by the headline, "By Jane Doe, Reuters": the byline; with a
         * date, anywhere ("By Post editors | 10:58 AM ET, 09/16/2011") */
        int near_byline = near_title || (title >= 0 && (long)i > title &&
                                         (long)i <= byline_to);
        if ((near_byline || in->dated) && is_english_byline(b, in, in->dated))
            bp_flag(in, BP_REASON_BYLINE);
        /* "— Jane Doe (@janedoe) April 2, 2013": a dated attribution
         * line, the signature under an embedded post */
        if (in->dated && is_dated_attribution(b, in))
            bp_flag(in, BP_REASON_BYLINE);
    }
    comment_section(doc, info, title);
    bp_contributor_notes(doc, info);
    bp_section_heads(doc, info, title);
    free(linked);
}

void bp_keep_image_alt(const sl_doc *doc, bp_info *info, float min_score)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        int alt = f && (f->hints & SL_HINT_IMAGE_ALT);
        if (!alt && info[i].score < min_score &&
            !(doc->blocks[i].flags & SL_BLOCK_TITLE))
            return; /* the page has text of its own */
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_html_features *f = doc->blocks[i].html;
        if (f && (f->hints & SL_HINT_IMAGE_ALT)) {
            info[i].score = 0.0f;
            info[i].reason = BP_REASON_NONE;
        }
    }
}
