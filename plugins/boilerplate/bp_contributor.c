/* plugins/boilerplate/bp_contributor.c - the notes on who wrote and who
 * helped that close an article, outside its text:
 *
 * - the contributor note, the article's last paragraph, one sentence
 *   naming the writer and their newsroom job ("Julia Beizer is The
 *   Post's mobile projects editor.", "Sal Gentile is a senior producer
 *   for Up w/ Steve Kornacki."): two to four capitalised words, "is", and
 *   within the next eight words a newsroom role. Only at the end of the
 *   main content: amid the article the same sentence is the story's
 *   ("Mr Danielevsky is the editor of a local independent newspaper.").
 *   An author's note naming a book ("Sarah Archer is the author of ...")
 *   holds no newsroom role and stays, and so does a note of two sentences
 *   ("Jane Roe is an associate editor with Example News. Story ideas can
 *   be sent to ..."): the one sentence is the whole line.
 * - the reporting credit, anywhere ("With reporting from Kelly
 *   O'Donnell.", "Additional reporting by Jane Roe").
 *
 * Both are flagged `byline`.
 */
#include <string.h>

#include "bp_internal.h"

enum {
    NOTE_MAX_CHARS = 120,
    NAME_MIN_WORDS = 2,
    NAME_MAX_WORDS = 4,
    ROLE_REACH = 8,
    CREDIT_MAX_CHARS = 100
};

static const char *const roles[] = {
    "editor",      "editors",      "producer",      "producers",
    "reporter",    "reporters",    "correspondent", "correspondents",
    "writer",      "writers",      "columnist",     "columnists",
    "contributor", "contributors", "journalist",    "journalists"};

static const char *const credit_openers[] = {
    "with reporting from ", "with reporting by ", "with additional reporting ",
    "additional reporting by ", "additional reporting from "};

typedef struct word {
    const char *s;
    size_t n;
} word;

/* Whether the n bytes at s are the lower-case word w, ASCII capitals
 * folded. */
static int equal_folded(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && bp_starts_folded(s, n, w);
}

/* The word without the punctuation that may close it ("editor." ->
 * "editor"). */
static size_t bare_length(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ';' ||
                     s[n - 1] == ':'))
        n--;
    return n;
}

/* Splits s at spaces into at most max words; returns how many. */
static size_t split_words(const char *s, size_t n, word *out, size_t max)
{
    size_t count = 0, i = 0;
    while (i < n && count < max) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
            i++;
        if (i == n)
            break;
        size_t start = i;
        while (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            i++;
        out[count].s = s + start;
        out[count].n = i - start;
        count++;
    }
    return count;
}

static int is_role(const word *w)
{
    size_t n = bare_length(w->s, w->n);
    for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
        if (equal_folded(w->s, n, roles[r]))
            return 1;
    return 0;
}

static int is_capitalised(const word *w)
{
    unsigned char c = (unsigned char)w->s[0];
    return (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

/* "Julia Beizer is The Post's mobile projects editor." */
static int is_contributor_sentence(const sl_block *b, const bp_info *in)
{
    if (in->chars > NOTE_MAX_CHARS ||
        in->sentence_ends > (in->ends_sentence ? 1u : 0u) ||
        b->kind == SL_BLOCK_HEADING || b->kind == SL_BLOCK_LIST_ITEM ||
        b->kind == SL_BLOCK_TABLE_ROW)
        return 0;
    word w[NAME_MAX_WORDS + 1 + ROLE_REACH];
    size_t count = split_words(b->text, b->len, w, sizeof w / sizeof *w);
    size_t is = 0;
    while (is < count && is <= NAME_MAX_WORDS && is_capitalised(&w[is]))
        is++;
    if (is < NAME_MIN_WORDS || is > NAME_MAX_WORDS || is >= count ||
        !equal_folded(w[is].s, w[is].n, "is"))
        return 0;
    for (size_t k = is + 1; k < count; k++)
        if (is_role(&w[k]))
            return 1;
    return 0;
}

static int is_reporting_credit(const sl_block *b, const bp_info *in)
{
    if (in->chars > CREDIT_MAX_CHARS || b->kind == SL_BLOCK_HEADING)
        return 0;
    for (size_t k = 0; k < sizeof credit_openers / sizeof *credit_openers; k++)
        if (bp_starts_folded(b->text, b->len, credit_openers[k]))
            return 1;
    return 0;
}

/* Whether the main content ends after block i: the next block lies
 * outside it, is flagged already, or there is none. */
static int ends_main_content(const sl_doc *doc, const bp_info *info, size_t i)
{
    if (i + 1 == doc->n_blocks)
        return 1;
    const sl_html_features *next = doc->blocks[i + 1].html;
    if (!next)
        return 0;
    if ((next->hints & SL_HINT_MAIN_FOUND) && !(next->hints & SL_HINT_MAIN))
        return 1;
    return info[i + 1].reason != BP_REASON_NONE;
}

void bp_contributor_notes(const sl_doc *doc, bp_info *info)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!b->html || (b->html->hints & SL_HINT_POST) ||
            info[i].reason != BP_REASON_NONE)
            continue;
        if (is_reporting_credit(b, &info[i]) ||
            (is_contributor_sentence(b, &info[i]) &&
             ends_main_content(doc, info, i)))
            bp_flag(&info[i], BP_REASON_BYLINE);
    }
}
