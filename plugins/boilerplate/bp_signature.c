/* plugins/boilerplate/bp_signature.c - a writer's signature line: a
 * name, a separator and a job title that holds a newsroom role
 * ("Raju Narisetti, Managing Editor", "Sezer Yavuz Haber7.com - Spor
 * Editörü", "Nick Marsh,Business reporter, Singapore"), the author card
 * a site sets under or above an article. The line is short and holds no
 * sentence; the name is two to five capitalised words, the title at
 * most five words of letters, one of them a role in one of several
 * languages, and a place may follow it after a comma. A name holding a
 * role is a list of tools ("Web Audio Editor, Style Editor"). A line that opens
 * with "By" is left to the byline rules, and list items and table rows
 * to their list (a panel's speakers with their jobs are the article's); a role
 * without a name before it ("Digital business correspondent"), a sentence
 * ("Julia Beizer is The Post's mobile projects editor.") and a role before a
 * name ("Page editor: Jonathan Corbet") are no signature.
 *
 * The author card goes on under a signature: a short heading right after
 * it ("Editör Hakkında", "About the editor") and the written paragraphs
 * under that heading are the writer's biography. Without the signature
 * before it such a heading says nothing: an article may close with its
 * author's note under "About the Author".
 */
#include <string.h>

#include "bp_internal.h"

enum {
    SIGNATURE_MAX_CHARS = 60,
    NAME_MIN_WORDS = 2,
    NAME_MAX_WORDS = 5,
    TITLE_MAX_WORDS = 5,
    PLACE_MAX_WORDS = 3,
    CARD_HEADING_MAX_CHARS = 30,
    BIO_MAX_BLOCKS = 3
};

/* Roles, lower case (ASCII letters folded when compared). */
static const char *const roles[] = {
    "editor",      "editora",     "editörü",      "reporter",   "correspondent",
    "columnist",   "journalist",  "journalistin", "muhabiri",   "redakteur",
    "redakteurin", "rédacteur",   "rédactrice",   "redattore",  "redattrice",
    "redactor",    "redactora",   "redaktor",     "redaktorka", "periodista",
    "jornalista",  "giornalista", "wartawan"};

typedef struct span {
    const char *s;
    size_t n;
} span;

static int is_ascii_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A letter of a Latin, Greek or Cyrillic script and the like, past
 * ASCII: U+00C0 up to the general punctuation block (U+2000). */
static int is_other_letter(int32_t cp)
{
    return cp >= 0xC0 && cp < 0x2000;
}

/* Splits s at spaces into at most max words; returns how many, or
 * max + 1 when there are more. */
static size_t split_words(const char *s, size_t n, span *out, size_t max)
{
    size_t count = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i == n)
            break;
        size_t start = i;
        while (i < n && s[i] != ' ')
            i++;
        if (count == max)
            return max + 1;
        out[count].s = s + start;
        out[count].n = i - start;
        count++;
    }
    return count;
}

/* A word of a name: it opens with a capital (or a letter of a script
 * past ASCII) and holds letters, digits, '.', '-' and apostrophes
 * ("Haber7.com", "O'Brien", "Jean-Luc"). */
static int is_name_word(span w)
{
    size_t pos = 0;
    int32_t first = sl_utf8_next(w.s, w.n, &pos);
    if (!(first < 0x80 ? is_ascii_upper((unsigned char)first)
                       : is_other_letter(first)))
        return 0;
    while (pos < w.n) {
        int32_t cp = sl_utf8_next(w.s, w.n, &pos);
        if (cp < 0x80 && !is_ascii_alpha((unsigned char)cp) &&
            !(cp >= '0' && cp <= '9') && cp != '.' && cp != '-' && cp != '\'')
            return 0;
        if (cp >= 0x80 && !is_other_letter(cp) && cp != 0x2019)
            return 0;
    }
    return 1;
}

/* A word of a job title: letters and hyphens only. */
static int is_title_word(span w)
{
    size_t pos = 0;
    while (pos < w.n) {
        int32_t cp = sl_utf8_next(w.s, w.n, &pos);
        if (cp < 0x80 ? !is_ascii_alpha((unsigned char)cp) && cp != '-'
                      : !is_other_letter(cp))
            return 0;
    }
    return w.n > 0;
}

static int is_role(span w)
{
    for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
        size_t n = strlen(roles[k]);
        if (n != w.n)
            continue;
        size_t i = 0;
        while (i < n && ((unsigned char)w.s[i] < 0x80
                             ? (char)(w.s[i] | 0x20) == roles[k][i]
                             : w.s[i] == roles[k][i]))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* The first separator of a signature in s: ",", " - ", " – ", " — " or
 * " | ". Its start and length, or 0 when there is none. */
static size_t find_separator(const char *s, size_t n, size_t *len)
{
    static const char *const seps[] = {" - ", " \xe2\x80\x93 ",
                                       " \xe2\x80\x94 ", " | "};
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',') {
            *len = 1;
            return i;
        }
        if (s[i] != ' ')
            continue;
        for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
            size_t m = strlen(seps[k]);
            if (n - i >= m && memcmp(s + i, seps[k], m) == 0) {
                *len = m;
                return i;
            }
        }
    }
    return 0;
}

/* Words of a name or a place: capitalised, and no role among them (a
 * list of tools, "Web Audio Editor, Style Editor", is no signature). */
static int all_name_words(const span *w, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (!is_name_word(w[k]) || is_role(w[k]))
            return 0;
    return 1;
}

/* The job title after the separator, and the place that may follow it
 * after a comma ("Business reporter, Singapore"). */
static int is_job_title(const char *s, size_t n)
{
    const char *comma = memchr(s, ',', n);
    size_t title_len = comma ? (size_t)(comma - s) : n;
    span w[TITLE_MAX_WORDS + 1];
    size_t count = split_words(s, title_len, w, TITLE_MAX_WORDS);
    if (count == 0 || count > TITLE_MAX_WORDS)
        return 0;
    int role = 0;
    for (size_t k = 0; k < count; k++) {
        if (!is_title_word(w[k]))
            return 0;
        role |= is_role(w[k]);
    }
    if (!role)
        return 0;
    if (!comma)
        return 1;
    span place[PLACE_MAX_WORDS + 1];
    size_t rest = n - title_len - 1;
    size_t pc = split_words(comma + 1, rest, place, PLACE_MAX_WORDS);
    return pc >= 1 && pc <= PLACE_MAX_WORDS && all_name_words(place, pc);
}

int bp_is_signature_line(const sl_block *b, const bp_info *in)
{
    if (in->chars > SIGNATURE_MAX_CHARS || in->sentence_ends > 0 ||
        b->kind == SL_BLOCK_HEADING || b->kind == SL_BLOCK_LIST_ITEM ||
        b->kind == SL_BLOCK_TABLE_ROW)
        return 0;
    size_t sep_len = 0;
    size_t sep = find_separator(b->text, b->len, &sep_len);
    if (sep == 0)
        return 0;
    span name[NAME_MAX_WORDS + 1];
    size_t count = split_words(b->text, sep, name, NAME_MAX_WORDS);
    if (count < NAME_MIN_WORDS || count > NAME_MAX_WORDS ||
        !all_name_words(name, count) ||
        (name[0].n == 2 && memcmp(name[0].s, "By", 2) == 0))
        return 0;
    return is_job_title(b->text + sep + sep_len, b->len - sep - sep_len);
}

static int is_card_heading(const sl_block *b, const bp_info *in)
{
    return b->kind == SL_BLOCK_HEADING && in->chars <= CARD_HEADING_MAX_CHARS &&
           in->sentence_ends == 0;
}

void bp_author_cards(const sl_doc *doc, bp_info *info)
{
    size_t n = doc->n_blocks;
    for (size_t i = 0; i + 2 < n; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || info[i].reason != BP_REASON_BYLINE ||
            !bp_is_signature_line(b, &info[i]) ||
            !is_card_heading(&doc->blocks[i + 1], &info[i + 1]))
            continue;
        size_t k = i + 2;
        while (k < n && k - (i + 2) < BIO_MAX_BLOCKS &&
               doc->blocks[k].kind != SL_BLOCK_HEADING &&
               info[k].sentence_ends > 0)
            k++;
        if (k == i + 2)
            continue; /* a heading with no biography under it */
        for (size_t j = i + 1; j < k; j++)
            bp_flag_score(&info[j], BP_REASON_BYLINE,
                          bp_reason_other_score(BP_REASON_BYLINE));
        i = k - 1;
    }
}
