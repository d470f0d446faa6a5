/* plugins/lang/lang.c - the lang stage: names each document's language
 * from its text with the Compact Language Detector 2 and stores it in
 * metadata.lang (a BCP 47 tag: "en", "zh", "zh-Hant", "ja", or "und"), its
 * confidence in metadata.lang_score, and drops documents whose language is
 * not wanted or not certain enough.
 *
 * The text read is the document's kept blocks (the page's main content
 * first when the html stage found one), up to max_bytes. A language
 * already in metadata.lang (the html stage's reading of the page, or the
 * input's own field) is passed to CLD2 as a hint only. The score is the
 * share of the text's letters CLD2 gives the language, halved when CLD2
 * does not call its answer reliable (CLD2 is asked for its best effort, so
 * short texts get a guess). A text with no letters keeps the hint, or
 * "und", with score 0.
 */
#include <string.h>
#include <strings.h>

#include <sluice/sluice.h>

#include "cld2_shim.h"

typedef struct lang_state {
    sl_strlist keep;  /* languages to keep; empty keeps all */
    double min_score; /* drop below this confidence */
    long max_bytes;   /* text handed to CLD2 */
} lang_state;

static const sl_option lang_options[] = {
    SL_OPTION_STRLIST(
        lang_state, keep, "[]", 0,
        "languages to keep (\"en\", \"zh\", \"zh-Hant\", \"und\"...); "
        "\"zh\" keeps Traditional Chinese too; others are dropped with "
        "reason lang; empty keeps every language"),
    SL_OPTION_DOUBLE(
        lang_state, min_score, "0", 0,
        "drop documents whose language score is below this, with reason lang",
        "0..1"),
    SL_OPTION_INT(lang_state, max_bytes, "32768", 0,
                  "bytes of text read from each document", "256.."),
    {0},
};

/* True when tag is wanted: it equals an entry, or its primary subtag
 * does ("zh" keeps "zh-Hant"). */
static bool is_kept(const lang_state *st, const char *tag)
{
    if (st->keep.n == 0)
        return true;
    size_t primary = strcspn(tag, "-_");
    for (size_t i = 0; i < st->keep.n; i++) {
        const char *want = st->keep.items[i];
        if (strcasecmp(want, tag) == 0 ||
            (strlen(want) == primary && strncasecmp(want, tag, primary) == 0))
            return true;
    }
    return false;
}

/* Length of the longest prefix of s[0..len) that is at most cap bytes and
 * ends on a character boundary. */
static size_t utf8_prefix(const char *s, size_t len, size_t cap)
{
    if (len <= cap)
        return len;
    size_t n = cap;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* True when the block is read: kept, and inside the main content when the
 * page has one and only_main is asked for. */
static bool block_is_read(const sl_block *b, bool only_main)
{
    if (sl_block_is_dropped(b) || b->len == 0)
        return false;
    return !only_main || (b->html && (b->html->hints & SL_HINT_MAIN));
}

/* Joins the blocks read into buf (room for cap bytes plus a NUL), one
 * line each; returns the bytes written. */
static size_t gather(const sl_doc *doc, bool only_main, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks && n < cap; i++) {
        const sl_block *b = &doc->blocks[i];
        if (!block_is_read(b, only_main))
            continue;
        size_t take = utf8_prefix(b->text, b->len, cap - n);
        memcpy(buf + n, b->text, take);
        n += take;
        if (n < cap)
            buf[n++] = '\n';
    }
    buf[n] = '\0';
    return n;
}

/* True when the html stage found the page's main content. */
static bool has_main(const sl_doc *doc)
{
    return doc->n_blocks > 0 && doc->blocks[0].html &&
           (doc->blocks[0].html->hints & SL_HINT_MAIN_FOUND);
}

enum { MIN_MAIN_BYTES = 200 }; /* less main text: read the whole page */

static int set_meta(sl_doc *doc, const char *tag, double score)
{
    if (json_object_set_new(doc->meta, "lang", json_string(tag)) != 0 ||
        json_object_set_new(doc->meta, "lang_score", json_real(score)) != 0)
        return -1;
    return 0;
}

static sl_status lang_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const lang_state *st = state;
    size_t cap = (size_t)st->max_bytes;
    char *buf = sl_doc_alloc(doc, cap + 1);
    if (!buf)
        return sl_fail(ctx, "out of memory");
    size_t n = 0;
    if (has_main(doc))
        n = gather(doc, true, buf, cap);
    if (n < MIN_MAIN_BYTES)
        n = gather(doc, false, buf, cap);
    if (n == 0 && doc->n_blocks == 0 && doc->raw)
        n = utf8_prefix(doc->raw, doc->raw_len, cap);

    const char *hint = sl_doc_meta_string(doc, "lang");
    lang_guess guess;
    lang_cld2_detect(n > 0 && doc->n_blocks == 0 ? doc->raw : buf, n, hint,
                     &guess);
    const char *tag = guess.code;
    double score = guess.percent / 100.0;
    if (!guess.reliable)
        score /= 2;
    if (strcmp(tag, "und") == 0) {
        /* Too little text to tell: the hint stands, unconfirmed. */
        score = 0;
        if (hint && *hint)
            tag = sl_doc_strndup_copy(doc, hint, strlen(hint));
        if (!tag)
            return sl_fail(ctx, "out of memory");
        sl_count(ctx, "undetermined", 1);
    }
    if (set_meta(doc, tag, score) != 0)
        return sl_fail(ctx, "out of memory");
    if (!is_kept(st, tag) || score < st->min_score)
        return sl_drop_with(
            ctx, "lang", json_pack("{s:s, s:f}", "lang", tag, "score", score));
    return SL_OK;
}

const sl_plugin lang_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "lang",
    .summary = "language of each document (CLD2) into metadata.lang and "
               "lang_score; drops unwanted languages",
    .version = "1.0",
    .options = lang_options,
    .state_size = sizeof(lang_state),
    .process = lang_process,
};
