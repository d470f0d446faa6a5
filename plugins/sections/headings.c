/* plugins/sections/headings.c - decides which blocks are headings.
 *
 * A marker line (一、 (一) 1、 1. 第一章 ...) is a heading when what follows
 * the marker is a short phrase, either alone on the line (a terminal 。 is
 * dropped) or ended by 。！？ and followed by body text on the same line (a
 * lead-in, split later). It is a list item when the phrase ends with ；, or
 * when it belongs to a run of items introduced by a line ending with ：
 * (unless it is a bare phrase followed by body text). 第X条 opens an
 * article of body text and is a heading only when it stands alone.
 * Markdown ATX and Setext headings, and headings the html stage found, are
 * kept with their levels. A short title-like line (no sentence
 * punctuation) is a heading when body text follows it, or when it is the
 * first line of a Chinese document that has no title yet. Enumerators
 * inside paragraphs (一是, 首先) never make a heading.
 */
#include "sections_internal.h"

#include <string.h>

typedef enum shape {
    SHAPE_BODY,
    SHAPE_HEADING,
    SHAPE_LEADIN,
    SHAPE_LIST
} shape;

/* A colon lead-in ("指导思想：...") is a heading only this short, and at
 * least this long ("时间：" and "地点：" label facts). */
#define MAX_COLON_PHRASE 12
#define MIN_COLON_PHRASE 3
/* Title-like lines without a marker, in characters. */
#define MAX_TITLE_CHARS 30
#define MAX_LATIN_TITLE_CHARS 60
/* Body text after a heading: at least this many characters. */
#define MIN_BODY_CHARS 20
/* A short sentence of body text (after a bare item of a colon's list). */
#define MIN_SENTENCE_CHARS 8
/* A document's title line may be this many times as long as a title-like
 * heading. */
#define TITLE_LINE_SCALE 2

static bool is_stop(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
           cp == '?'; /* 。！？!? */
}

static bool is_colon(int32_t cp)
{
    return cp == ':' || cp == 0xFF1A;
}

static bool is_semicolon(int32_t cp)
{
    return cp == ';' || cp == 0xFF1B;
}

static size_t skip_spaces(const char *s, size_t len, size_t pos)
{
    while (pos < len) {
        size_t at = pos;
        if (!sec_is_space(sl_utf8_next_inline(s, len, &pos)))
            return at;
    }
    return pos;
}

/* End of s without trailing white space. */
static size_t trimmed_end(const char *s, size_t len)
{
    size_t end = len;
    while (end > 0) {
        size_t at = end;
        if (!sec_is_space(sl_utf8_prev_inline(s, &at)))
            break;
        end = at;
    }
    return end;
}

/* End of s without trailing white space and one terminal 。 or . */
static size_t without_full_stop(const char *s, size_t len)
{
    size_t end = trimmed_end(s, len);
    size_t at = end;
    if (end == 0)
        return 0;
    int32_t last = sl_utf8_prev_inline(s, &at);
    if (last != 0x3002 && last != '.')
        return end;
    size_t before = at;
    if (before > 0 && is_stop(sl_utf8_prev_inline(s, &before)))
        return end; /* "。。" or "?." : not a single full stop */
    return at;
}

/* The shape of the phrase that starts at `from`: a heading alone, a
 * heading followed by body text, a list item, or body text. */
static shape phrase_shape(const char *s, size_t len, size_t from,
                          size_t max_chars, size_t *head_len,
                          size_t *body_start)
{
    size_t pos = from, chars = 0;
    bool comma = false;
    while (pos < len) {
        /* Han characters only count (chars stays at most max_chars) */
        chars += sec_skip_ideographs(s, len, &pos, max_chars + 1 - chars);
        if (chars > max_chars)
            return SHAPE_BODY;
        if (pos >= len)
            break;
        size_t at = pos;
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        comma = comma || cp == ',' || cp == 0xFF0C;
        bool latin_stop =
            cp == '.' && chars > 0 && (pos >= len || s[pos] == ' ');
        if (is_semicolon(cp))
            return SHAPE_LIST;
        if (is_stop(cp) || latin_stop || is_colon(cp)) {
            size_t stops_end = pos; /* a run: ！！ ?? 。” */
            while (stops_end < len) {
                size_t p = stops_end;
                int32_t more = sl_utf8_next_inline(s, len, &p);
                if (!is_stop(more) && more != 0x201D && more != 0x300D)
                    break;
                stops_end = p;
            }
            size_t rest = skip_spaces(s, len, stops_end);
            bool short_label = chars >= MIN_COLON_PHRASE &&
                               chars <= MAX_COLON_PHRASE && !comma;
            if (rest >= len) { /* the phrase ends the line */
                if (is_colon(cp)) {
                    /* "一、工作目标：" heads what follows; a longer line
                     * ending in ： introduces a list */
                    *head_len = at;
                    return short_label ? SHAPE_HEADING : SHAPE_BODY;
                }
                /* a single terminal 。 or . is dropped; ?? ！ are kept */
                bool drop = stops_end == pos && (cp == 0x3002 || cp == '.');
                *head_len = drop ? at : trimmed_end(s, len);
                return chars <= max_chars ? SHAPE_HEADING : SHAPE_BODY;
            }
            pos = stops_end;
            if (is_colon(cp) && !short_label)
                return SHAPE_BODY;
            if (chars == 0) /* chars stays at most max_chars above */
                return SHAPE_BODY;
            *head_len = at;
            *body_start = rest;
            return SHAPE_LEADIN;
        }
        if (!sec_is_space(cp) && ++chars > max_chars)
            return SHAPE_BODY;
    }
    *head_len = trimmed_end(s, len);
    return SHAPE_HEADING;
}

/* Kept blocks the stage looks at. */
static bool is_live(const sl_block *b, const sec_line *l)
{
    return l->role != SEC_ROLE_SKIP && !sec_block_is_dropped(b) &&
           (!(b->flags & SL_BLOCK_TITLE) || l->title_heading);
}

static size_t next_live(const sl_doc *doc, const sec_line *lines, size_t i)
{
    for (size_t j = i + 1; j < doc->n_blocks; j++)
        if (is_live(&doc->blocks[j], &lines[j]))
            return j;
    return doc->n_blocks;
}

/* A paragraph of plain text: no heading marker, no Markdown heading or
 * list item; false past the last block. */
static bool is_plain_paragraph(const sl_doc *doc, const sec_line *lines,
                               size_t j)
{
    if (j >= doc->n_blocks)
        return false;
    const sec_line *l = &lines[j];
    return doc->blocks[j].kind == SL_BLOCK_PARAGRAPH &&
           l->marker.family == SEC_FAM_NONE && l->md.kind == SEC_MD_TEXT &&
           !l->md.list_item;
}

/* Body text: a paragraph without a marker, long enough, ending a
 * sentence (or long). */
static bool is_body(const sl_doc *doc, sec_line *lines, size_t j)
{
    if (!is_plain_paragraph(doc, lines, j))
        return false;
    const sl_block *b = &doc->blocks[j];
    int32_t last = sec_line_last_char(&lines[j], b);
    bool ends_sentence = sl_is_sentence_end(last) || last == 0x201D ||
                         last == ')' || last == 0xFF09;
    /* counting stops at the length the ending asks for */
    size_t need = ends_sentence ? MIN_BODY_CHARS : 3 * MIN_BODY_CHARS;
    return sec_has_visible_chars(b->text, b->len, need);
}

/* A short paragraph of body text: no marker, a whole sentence of at
 * least MIN_SENTENCE_CHARS ("总经理一人，副总经理不超过四人。"). */
static bool is_sentence(const sl_doc *doc, sec_line *lines, size_t j)
{
    if (!is_plain_paragraph(doc, lines, j))
        return false;
    const sl_block *b = &doc->blocks[j];
    int32_t last = sec_line_last_char(&lines[j], b);
    return (last == 0x3002 || last == 0xFF01 || last == 0xFF1F) &&
           sec_has_visible_chars(b->text, b->len, MIN_SENTENCE_CHARS);
}

static bool is_title_reject(int32_t cp)
{
    switch (cp) {
    case 0x3002:
    case 0xFF01:
    case 0xFF1F:
    case 0xFF1B:
    case 0xFF1A:
    case 0xFF0C:
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '>':
    case '<':
    case '|':
    case 0xBB:
    case '/':
    case '\\':
    case '_':
    case '=':
    case '#':
    case '@':
    case '~':
    case '*':
    case '[':
    case ']':
    case '{':
    case '}':
    case 0x2026:
    case 0xFF1D: /* ＝: a formula */
    case 0x2192: return true;
    default: return false;
    }
}

/* A short line that reads like a title: no sentence punctuation, no
 * separators of navigation, not a number, not an enumerator. The
 * document's title line (title_line) may be TITLE_LINE_SCALE times as long
 * and may start with a digit (2024年工作总结). last is the line's last
 * visible character (sec_last_char). */
static bool is_title_like(const char *s, size_t len, bool cjk, bool title_line,
                          int32_t last)
{
    int32_t first = sec_first_char(s, len);
    bool digit = first >= '0' && first <= '9';
    if (digit && !title_line)
        return false;
    if (!cjk && !digit && !(first >= 'A' && first <= 'Z'))
        return false;
    size_t scale = title_line ? TITLE_LINE_SCALE : 1;
    size_t max_chars = scale * (cjk ? MAX_TITLE_CHARS : MAX_LATIN_TITLE_CHARS);
    /* too long for a title, counted cheaply from below first */
    if (sec_solid_chars(s, len) > max_chars)
        return false;
    size_t chars = 0, words = 1, pos = 0;
    while (pos < len) {
        /* Han characters only count (chars stays at most max_chars) */
        chars += sec_skip_ideographs(s, len, &pos, max_chars + 1 - chars);
        if (chars > max_chars)
            return false; /* too long for a title, whatever follows */
        if (pos >= len)
            break;
        int32_t cp = sl_utf8_next_inline(s, len, &pos);
        if (is_title_reject(cp))
            return false;
        if (sec_is_space(cp)) {
            words++;
            continue;
        }
        if (++chars > max_chars)
            return false; /* too long for a title, whatever follows */
    }
    if (last == '.')
        return false;
    if (chars < 2 || (!cjk && words > 10 * scale))
        return false;
    /* the enumerator test last: it costs the most */
    return !sec_starts_enumerator(s, len);
}

static bool is_structural(sec_family f)
{
    return f == SEC_FAM_BIAN || f == SEC_FAM_BUFEN || f == SEC_FAM_ZHANG ||
           f == SEC_FAM_JIE || f == SEC_FAM_TIAO || f == SEC_FAM_PIAN;
}

/* Characters after a number that make it a quantity: 1.5万元, 2.3%. */
static bool is_quantity_unit(int32_t cp)
{
    switch (cp) {
    case 0x4E07:
    case 0x4EBF:
    case 0x5143:
    case '%':
    case 0x4E2A:
    case 0x4EBA:
    case 0x5E74:
    case 0x6708:
    case 0x65E5:
    case 0x500D:
    case 0x7C73:
    case 0x5428:
    case 0x4EA9:
    case 0x5C81:
    case 0x53F7:
        /* 万亿元%个人年月日倍米吨亩岁号 */
        return true;
    default: return false;
    }
}

/* Markdown state carried from line to line. */
typedef struct md_state {
    bool in_fence;
    char fence_char;
    size_t fence_len;
    size_t para_start; /* first line of the open paragraph, or SIZE_MAX */
    uint32_t para_quote;
    size_t para_list_indent;
    size_t prev_live; /* the previous live line, or SIZE_MAX */
} md_state;

/* A line that joined its paragraph through repair: part of it. */
static bool is_joined(const sl_block *b)
{
    return (b->flags & SL_BLOCK_MERGED) && !(b->flags & SL_BLOCK_BOILERPLATE);
}

/* Joins the inner text of the source lines start..end (kept or joined
 * ones) into the plain text of a Setext heading. */
static int setext_text(sl_doc *doc, sec_line *lines, size_t start, size_t end)
{
    size_t total = 1;
    for (size_t j = start; j < end; j++)
        total += lines[j].md.text_end - lines[j].md.text_start + 1;
    char *joined = sl_doc_alloc(doc, total);
    char *plain = sl_doc_alloc(doc, total);
    if (!joined || !plain)
        return -1;
    size_t n = 0;
    for (size_t j = start; j < end; j++) {
        if (!is_live(&doc->blocks[j], &lines[j]) && !is_joined(&doc->blocks[j]))
            continue;
        const sec_md_line *md = &lines[j].md;
        if (n)
            joined[n++] = ' ';
        memcpy(joined + n, lines[j].md_text + md->text_start,
               md->text_end - md->text_start);
        n += md->text_end - md->text_start;
    }
    size_t len = sec_md_plain(joined, n, plain);
    plain[len] = '\0';
    lines[start].heading_text = plain;
    lines[start].heading_text_len = (sec_offset)len;
    return 0;
}

static void merge_into_heading(sl_block *b, sec_line *l, const char *why)
{
    b->flags |= SL_BLOCK_MERGED;
    b->reason = why;
    l->role = SEC_ROLE_SKIP;
}

/* Line i underlines the open paragraph: the paragraph becomes a Setext
 * heading. Returns 1 when it did, 0 when the line does not belong to the
 * paragraph, -1 on out of memory. */
static int setext_heading(sl_doc *doc, sec_line *lines, size_t i, md_state *md)
{
    const sec_md_line *m = &lines[i].md;
    size_t p = md->para_start;
    bool belongs =
        p != SIZE_MAX && m->quote_depth == md->para_quote && !m->list_item &&
        (md->para_list_indent == 0 || m->indent >= md->para_list_indent);
    md->para_start = SIZE_MAX;
    if (!belongs)
        return 0;
    if (setext_text(doc, lines, p, i) < 0)
        return -1;
    lines[p].role = SEC_ROLE_HEADING;
    lines[p].marker.family = SEC_FAM_EXPLICIT;
    lines[p].explicit_level = m->kind == SEC_MD_SETEXT_EQ ? 1 : 2;
    for (size_t j = p + 1; j < i; j++)
        if (is_live(&doc->blocks[j], &lines[j]))
            merge_into_heading(&doc->blocks[j], &lines[j],
                               "part of a Markdown heading");
    if (is_live(&doc->blocks[i], &lines[i]))
        merge_into_heading(&doc->blocks[i], &lines[i],
                           "Markdown heading underline");
    return 1;
}

/* Markdown constructs of one plain-text line. Returns 1 when the line was
 * decided here, 0 when the marker rules should look at it, -1 on out of
 * memory. */
static int markdown_line(sl_doc *doc, sec_line *lines, size_t i, md_state *md)
{
    sl_block *b = &doc->blocks[i];
    sec_line *l = &lines[i];
    const sec_md_line *m = &l->md;
    if (md->in_fence) {
        if (m->kind == SEC_MD_FENCE && m->fence_char == md->fence_char &&
            m->fence_len >= md->fence_len)
            md->in_fence = false;
        l->role = SEC_ROLE_MARKUP;
        return 1;
    }
    bool breaks = b->blank_before > 0 || md->prev_live != i - 1;
    if (breaks)
        md->para_start = SIZE_MAX;
    switch (m->kind) {
    case SEC_MD_FENCE:
        md->in_fence = true;
        md->fence_char = m->fence_char;
        md->fence_len = m->fence_len;
        md->para_start = SIZE_MAX;
        l->role = SEC_ROLE_MARKUP;
        return 1;
    case SEC_MD_ATX: {
        size_t n = m->text_end - m->text_start;
        char *plain = sl_doc_alloc(doc, n + 1);
        if (!plain)
            return -1;
        l->heading_text_len =
            (sec_offset)sec_md_plain(l->md_text + m->text_start, n, plain);
        l->heading_text = plain;
        l->role = SEC_ROLE_HEADING;
        l->marker.family = SEC_FAM_EXPLICIT;
        l->explicit_level = m->level;
        md->para_start = SIZE_MAX;
        return 1;
    }
    case SEC_MD_EMPTY_ATX:
    case SEC_MD_RULE:
        md->para_start = SIZE_MAX;
        l->role = SEC_ROLE_MARKUP;
        return 1;
    case SEC_MD_SETEXT_EQ:
    case SEC_MD_SETEXT_DASH: {
        int made = setext_heading(doc, lines, i, md);
        if (made != 0)
            return made;
        if (m->kind == SEC_MD_SETEXT_EQ)
            return 0; /* plain text "===" */
        l->role = SEC_ROLE_MARKUP;
        return 1;
    }
    case SEC_MD_INDENTED:
        if (md->para_start == SIZE_MAX) {
            l->role = SEC_ROLE_MARKUP; /* indented code */
            return 1;
        }
        return 1; /* a continuation line of the open paragraph */
    case SEC_MD_TEXT:
        /* a line with fewer > than its paragraph continues it lazily */
        if (m->list_item || md->para_start == SIZE_MAX ||
            m->quote_depth > md->para_quote) {
            md->para_start = i;
            md->para_quote = m->quote_depth;
            md->para_list_indent = m->list_item ? m->content_indent : 0;
        }
        return 0;
    }
    return 0;
}

/* Where a marker line stands. */
typedef struct marker_context {
    bool after_colon; /* in the run of items after a line ending in ： */
    bool in_article;  /* inside an article (第X条) */
    bool in_articles; /* the document is written in articles */
    sec_family after_sentence_item; /* the family of the previous kept
                                       line when it is a list item, else
                                       SEC_FAM_NONE */
} marker_context;

/* Families that number the items of an article in legal drafting: 项
 * (（一）) and 目 (1. 1、 (1) ①); 一、 and the structural ones are not. */
static bool is_item_family(sec_family f)
{
    switch (f) {
    case SEC_FAM_CN_PAREN:
    case SEC_FAM_AR_DUN:
    case SEC_FAM_AR_DOT:
    case SEC_FAM_AR_PAREN:
    case SEC_FAM_AR_RPAREN:
    case SEC_FAM_CIRCLED:
    case SEC_FAM_DOTTED2:
    case SEC_FAM_DOTTED3:
    case SEC_FAM_DOTTED4: return true;
    default: return false;
    }
}

/* Decides a line that starts with a marker. */
static void marker_line(const sections_state *st, const sl_doc *doc,
                        sec_line *lines, size_t i, const marker_context *at)
{
    const sl_block *b = &doc->blocks[i];
    sec_line *l = &lines[i];
    sec_family fam = l->marker.family;
    bool cjk = sec_line_is_mostly_cjk(l, b);
    size_t max_chars =
        st->max_heading_chars > 0 ? (size_t)st->max_heading_chars : 40;
    l->role = SEC_ROLE_BODY;
    if (fam == SEC_FAM_BULLET) {
        l->role = SEC_ROLE_LIST;
        return;
    }
    if (fam == SEC_FAM_TIAO) { /* an article: a heading only alone */
        if (skip_spaces(b->text, b->len, l->marker.body) >= b->len) {
            l->role = SEC_ROLE_HEADING;
            l->head_len = (sec_offset)trimmed_end(b->text, b->len);
        }
        return;
    }
    if (fam == SEC_FAM_PIAN && l->marker.body == l->marker.start) {
        /* "...篇1": the whole line, short and without punctuation */
        if (is_title_like(b->text, b->len, true, false,
                          sec_last_char(b->text, b->len)) ||
            !sec_has_visible_chars(b->text, b->len, max_chars + 1)) {
            size_t hl, bs;
            if (phrase_shape(b->text, b->len, 0, max_chars, &hl, &bs) ==
                SHAPE_HEADING) {
                l->role = SEC_ROLE_HEADING;
                l->head_len = (sec_offset)hl;
            }
        }
        return;
    }
    if ((fam == SEC_FAM_DOTTED2 || fam == SEC_FAM_DOTTED3 ||
         fam == SEC_FAM_AR_DOT || fam == SEC_FAM_AR_SPACE) &&
        is_quantity_unit(
            sec_first_char(b->text + l->marker.body, b->len - l->marker.body)))
        return;
    size_t head_len = 0, body_start = 0;
    shape sh =
        phrase_shape(b->text, b->len, l->marker.body,
                     cjk ? max_chars : 2 * max_chars, &head_len, &body_start);
    if (sh == SHAPE_HEADING &&
        skip_spaces(b->text, b->len, l->marker.body) >= b->len &&
        !is_structural(fam))
        sh = SHAPE_BODY; /* a bare "一、" */
    if (sh == SHAPE_LIST) {
        l->role = is_structural(fam) ? SEC_ROLE_BODY : SEC_ROLE_LIST;
        return;
    }
    if (sh == SHAPE_BODY)
        return;
    bool bare = sh == SHAPE_HEADING && head_len == trimmed_end(b->text, b->len);
    size_t next = next_live(doc, lines, i);
    bool body_next = is_body(doc, lines, next);
    if (!is_structural(fam)) {
        if (!cjk) {
            /* numbered Latin lines are list items unless a bare title-like
             * phrase opens body text */
            const char *phrase = b->text + l->marker.body;
            int32_t first = sec_first_char(phrase, b->len - l->marker.body);
            if (!(bare && body_next && first >= 'A' && first <= 'Z')) {
                l->role = SEC_ROLE_LIST;
                return;
            }
        } else if (at->in_article || (at->in_articles && is_item_family(fam)) ||
                   (at->after_colon &&
                    !(bare && (body_next || is_sentence(doc, lines, next))))) {
            l->role = SEC_ROLE_LIST;
            return;
        }
        /* a whole sentence ("1．热爱祖国，遵守宪法和法律。") followed
         * by the next item of its list is an item, not a heading, and so
         * is the last of such a list when no text follows it */
        if (sh == SHAPE_HEADING && !bare &&
            ((next < doc->n_blocks && lines[next].marker.family == fam) ||
             (!body_next && at->after_sentence_item == fam))) {
            l->role = SEC_ROLE_LIST;
            return;
        }
    }
    if (sh == SHAPE_LEADIN && !st->split_leadins) {
        sh = SHAPE_HEADING;
        head_len = without_full_stop(b->text, b->len);
    }
    l->role = sh == SHAPE_LEADIN ? SEC_ROLE_LEADIN : SEC_ROLE_HEADING;
    l->head_len = (sec_offset)head_len;
    l->body_start = (sec_offset)body_start;
}

/* Decides a line without a marker (last: its last visible character): a
 * title-like heading or body. The document's title line (flagged by
 * boilerplate, or the first line of a Chinese document that has no title)
 * becomes a title heading, which settle_title confirms once every line is
 * decided. */
static void plain_line(const sections_state *st, const sl_doc *doc,
                       sec_line *lines, size_t i, bool first_live, int32_t last)
{
    const sl_block *b = &doc->blocks[i];
    sec_line *l = &lines[i];
    bool title_block = (b->flags & SL_BLOCK_TITLE) != 0;
    l->role = SEC_ROLE_BODY;
    if (!(st->title_lines || (title_block && st->title_heading)) ||
        doc->content_type != SL_CONTENT_TEXT || b->kind != SL_BLOCK_PARAGRAPH ||
        l->md.kind != SEC_MD_TEXT || l->md.quote_depth || l->md.list_item)
        return;
    if (b->len > 8 * MAX_LATIN_TITLE_CHARS || is_title_reject(last))
        return; /* long, or ends like a sentence */
    bool cjk = sec_line_is_mostly_cjk(l, b);
    if (title_block) {
        if (is_title_like(b->text, b->len, cjk, true, last)) {
            l->role = SEC_ROLE_HEADING;
            l->marker.family = SEC_FAM_TITLE;
            l->head_len = (sec_offset)trimmed_end(b->text, b->len);
        }
        return;
    }
    if (b->len > 4 * MAX_LATIN_TITLE_CHARS ||
        !is_title_like(b->text, b->len, cjk, false, last))
        return;
    size_t next = next_live(doc, lines, i);
    bool opens_body = is_body(doc, lines, next);
    bool untitled_start =
        first_live && cjk && !doc->title && next < doc->n_blocks;
    if (!opens_body && !untitled_start)
        return;
    l->role = SEC_ROLE_HEADING;
    l->marker.family =
        untitled_start && st->title_heading ? SEC_FAM_TITLE : SEC_FAM_PLAIN;
    l->head_len = (sec_offset)trimmed_end(b->text, b->len);
}

/* A block of body text after a title: a paragraph of at least
 * MIN_BODY_CHARS ending a sentence, or a long one, marker or not (第一条
 * 为了……). */
static bool is_text_after_title(const sl_doc *doc, const sec_line *l, size_t j)
{
    const sl_block *b = &doc->blocks[j];
    if (l->role != SEC_ROLE_BODY || b->kind != SL_BLOCK_PARAGRAPH)
        return false;
    int32_t last = sec_last_char(b->text, b->len);
    size_t need =
        sl_is_sentence_end(last) ? MIN_BODY_CHARS : 3 * MIN_BODY_CHARS;
    return sec_has_visible_chars(b->text, b->len, need);
}

/* Whether the title heading at line t heads what follows it: the text it
 * names follows (body text or a heading, after any short lines such as a
 * regulation's dates), and Markdown does not give the document's levels.
 * It does not when the next heading is a part's title (篇N) or an
 * unnumbered title-like line with no text between (the title names a
 * collection of parts), nor when every heading after it is unnumbered
 * and title-like (the line is the first of them, not the document's
 * name). */
static bool title_heads_document(const sl_doc *doc, const sec_line *lines,
                                 size_t t)
{
    bool text = false, any_heading = false, numbered = false;
    for (size_t j = t + 1; j < doc->n_blocks; j++) {
        const sec_line *l = &lines[j];
        if (l->role != SEC_ROLE_HEADING && l->role != SEC_ROLE_LEADIN) {
            text = text || is_text_after_title(doc, l, j);
            continue;
        }
        sec_family fam = (sec_family)l->marker.family;
        if (fam == SEC_FAM_EXPLICIT)
            return false;
        if (!any_heading &&
            (fam == SEC_FAM_PIAN || (fam == SEC_FAM_PLAIN && !text)))
            return false;
        any_heading = true;
        numbered = numbered || fam != SEC_FAM_PLAIN;
    }
    return any_heading ? numbered : text;
}

/* Confirms the title heading, if there is one, or takes it back: a
 * flagged title line then stays out of the outline, the first line of an
 * untitled document is an ordinary title-like heading. */
static void settle_title(const sl_doc *doc, sec_line *lines)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sec_line *l = &lines[i];
        if (l->role != SEC_ROLE_HEADING || l->marker.family != SEC_FAM_TITLE)
            continue;
        if (title_heads_document(doc, lines, i))
            return;
        if (doc->blocks[i].flags & SL_BLOCK_TITLE)
            l->role = SEC_ROLE_BODY; /* taken out below */
        else
            l->marker.family = SEC_FAM_PLAIN;
        return;
    }
}

/* 附件 附录 附表 附：: an appendix starts. */
static bool starts_appendix(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
        pos++;
    if (len - pos < 4 || memcmp(s + pos, "\xe9\x99\x84", 3) != 0) /* 附 */
        return false;
    pos += 3;
    int32_t second = sl_utf8_next_inline(s, len, &pos);
    return second == 0x4EF6 || second == 0x5F55 || second == 0x8868 ||
           is_colon(second);
}

/* A document written in articles: at least two kept lines open one
 * (第X条 followed by its text). */
static bool has_articles(const sl_doc *doc, const sec_line *lines)
{
    size_t articles = 0;
    for (size_t i = 0; i < doc->n_blocks && articles < 2; i++) {
        const sl_block *b = &doc->blocks[i];
        const sec_line *l = &lines[i];
        if (l->marker.family == SEC_FAM_TIAO && is_live(b, l) &&
            skip_spaces(b->text, b->len, l->marker.body) < b->len)
            articles++;
    }
    return articles >= 2;
}

int sec_decide_roles(const sections_state *st, sl_doc *doc, sec_line *lines)
{
    /* in a document written in articles, numbered items (（一）, 1.) are
     * an article's 项 and 目, wherever they stand (an appendix too) */
    bool in_articles = has_articles(doc, lines);
    md_state md = {.para_start = SIZE_MAX, .prev_live = SIZE_MAX};
    bool prev_ends_colon = false, in_colon_run = false, first_live = true;
    /* inside an article (第X条) numbered lines enumerate, they do not
     * head anything */
    bool in_article = false;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        sl_block *b = &doc->blocks[i];
        sec_line *l = &lines[i];
        if (!is_live(b, l)) {
            l->role = SEC_ROLE_SKIP;
            if (is_joined(b)) {
                md.prev_live = i; /* joined text stays in its paragraph */
            } else if (doc->content_type == SL_CONTENT_TEXT &&
                       (l->md.kind == SEC_MD_SETEXT_EQ ||
                        l->md.kind == SEC_MD_SETEXT_DASH) &&
                       b->blank_before == 0 && md.prev_live + 1 == i) {
                /* an underline judged boilerplate still underlines */
                if (setext_heading(doc, lines, i, &md) < 0)
                    return -1;
            }
            continue;
        }
        if (b->kind == SL_BLOCK_HEADING && b->level > 0) {
            l->role = SEC_ROLE_HEADING;
            l->marker.family = SEC_FAM_EXPLICIT;
            l->explicit_level = b->level;
            l->head_len = (sec_offset)b->len;
            md.para_start = SIZE_MAX;
            md.prev_live = i;
            prev_ends_colon = in_colon_run = first_live = false;
            continue;
        }
        if (b->flags & SL_BLOCK_LINES) {
            /* coalesced short lines: body text, which no Markdown
             * underline after it makes a heading */
            l->role = SEC_ROLE_BODY;
            md.para_start = SIZE_MAX;
            md.prev_live = i;
            prev_ends_colon = in_colon_run = first_live = false;
            continue;
        }
        if (b->kind != SL_BLOCK_PARAGRAPH) {
            l->role = SEC_ROLE_BODY;
            md.prev_live = i;
            prev_ends_colon = in_colon_run = first_live = false;
            continue;
        }
        int decided = 0;
        if (doc->content_type == SL_CONTENT_TEXT) {
            decided = markdown_line(doc, lines, i, &md);
            if (decided < 0)
                return -1;
        }
        /* the list item just before, for a run of sentence items */
        sec_family prev_item = SEC_FAM_NONE;
        if (md.prev_live != SIZE_MAX &&
            lines[md.prev_live].role == SEC_ROLE_LIST)
            prev_item = (sec_family)lines[md.prev_live].marker.family;
        md.prev_live = i;
        /* the line's text stays as it is until the next line */
        int32_t last = sec_line_last_char(l, b);
        if (!decided) {
            sec_family fam = l->marker.family;
            if (fam == SEC_FAM_NONE) {
                in_colon_run = false;
                plain_line(st, doc, lines, i, first_live, last);
                l->appendix = starts_appendix(b->text, b->len);
                if (l->role == SEC_ROLE_HEADING || l->appendix)
                    in_article = false;
            } else {
                if (is_structural(fam))
                    in_colon_run = false;
                else
                    in_colon_run = in_colon_run || prev_ends_colon;
                if (fam == SEC_FAM_TIAO)
                    in_article = true;
                else if (is_structural(fam))
                    in_article = false;
                marker_context at = {.after_colon = in_colon_run,
                                     .in_article = in_article,
                                     .in_articles = in_articles,
                                     .after_sentence_item = prev_item};
                marker_line(st, doc, lines, i, &at);
            }
        }
        prev_ends_colon = is_colon(last);
        first_live = false;
    }
    settle_title(doc, lines);
    /* a title line that did not turn out a heading stays out */
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (lines[i].title_heading && lines[i].role != SEC_ROLE_HEADING &&
            lines[i].role != SEC_ROLE_LEADIN)
            lines[i].role = SEC_ROLE_SKIP;
    return 0;
}
