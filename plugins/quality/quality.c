/* plugins/quality/quality.c - the quality stage: the published heuristic
 * filters for web text, each a named rule with its threshold as an
 * option, and a drop whose reason is the rule's name.
 *
 * Documents in Chinese (metadata.lang zh or zh-Hant, or, without a lang,
 * mostly Han text) get the Chinese rules (zh_*); others get the Gopher
 * and C4 rules, and English alone the stop-word rule. The FineWeb line
 * rules judge both. Japanese
 * and Korean are passed untouched (counted as skipped). The sources of
 * each default are in doc/quality.md. The first rule that fails drops
 * the document; its measured value goes into --rejects as detail.
 */
#include <stdlib.h>
#include <string.h>

#include <sluice/sluice.h>

#include "quality_measure.h"

typedef struct quality_state {
    sl_strlist rules_off, rules_only;
    double gopher_min_words, gopher_max_words;
    double gopher_min_mean_word_length, gopher_max_mean_word_length;
    double gopher_max_symbol_word_ratio, gopher_max_bullet_lines;
    double gopher_max_ellipsis_lines, gopher_min_alpha_words;
    double gopher_min_stop_words;
    double gopher_max_dup_lines, gopher_max_dup_paragraphs;
    double gopher_max_dup_line_chars, gopher_max_dup_paragraph_chars;
    double gopher_max_top_2gram, gopher_max_top_3gram, gopher_max_top_4gram;
    double gopher_max_dup_5gram, gopher_max_dup_6gram, gopher_max_dup_7gram;
    double gopher_max_dup_8gram, gopher_max_dup_9gram, gopher_max_dup_10gram;
    double c4_min_sentences, c4_max_lorem_ipsum, c4_max_curly_braces;
    double fineweb_min_punct_lines, fineweb_max_dup_line_chars;
    double fineweb_max_short_lines;
    double zh_min_chars, zh_min_cjk_share, zh_max_punct_ratio;
    double zh_max_special_ratio, zh_min_sentence_end_ratio;
    double zh_min_mean_sentence_length, zh_max_mean_sentence_length;
    double zh_max_dup_char_10gram, zh_max_dup_lines, zh_max_flagged_per_line;
    long max_bytes;
} quality_state;

#define RULE(field, def, help, range)                                          \
    SL_OPTION_DOUBLE(quality_state, field, def, 0, help, range)

static const sl_option quality_options[] = {
    SL_OPTION_STRLIST(quality_state, rules_off, "[]", 0,
                      "names of rules not to apply"),
    SL_OPTION_STRLIST(quality_state, rules_only, "[]", 0,
                      "apply only these rules (empty: every rule)"),
    RULE(gopher_min_words, "50", "Gopher: fewer words drops", "0.."),
    RULE(gopher_max_words, "100000", "Gopher: more words drops", "0.."),
    RULE(gopher_min_mean_word_length, "3",
         "Gopher: a shorter mean word length (characters) drops", "0.."),
    RULE(gopher_max_mean_word_length, "10",
         "Gopher: a longer mean word length drops", "0.."),
    RULE(gopher_max_symbol_word_ratio, "0.1",
         "Gopher: more hash signs and ellipses per word drops", "0.."),
    RULE(gopher_max_bullet_lines, "0.9",
         "Gopher: a larger share of lines starting with a bullet drops",
         "0..1"),
    RULE(gopher_max_ellipsis_lines, "0.3",
         "Gopher: a larger share of lines ending in an ellipsis drops", "0..1"),
    RULE(gopher_min_alpha_words, "0.8",
         "Gopher: a smaller share of words with a letter drops", "0..1"),
    RULE(gopher_min_stop_words, "2",
         "Gopher (English only): fewer of the, be, to, of, and, that, have, "
         "with drops",
         "0.."),
    RULE(gopher_max_dup_lines, "0.3",
         "Gopher: a larger share of repeated lines drops", "0..1"),
    RULE(gopher_max_dup_paragraphs, "0.3",
         "Gopher: a larger share of repeated paragraphs drops", "0..1"),
    RULE(gopher_max_dup_line_chars, "0.2",
         "Gopher: a larger share of characters in repeated lines drops",
         "0..1"),
    RULE(gopher_max_dup_paragraph_chars, "0.2",
         "Gopher: a larger share of characters in repeated paragraphs drops",
         "0..1"),
    RULE(gopher_max_top_2gram, "0.2",
         "Gopher: a larger share of characters in the most frequent word "
         "2-gram drops",
         "0..1"),
    RULE(gopher_max_top_3gram, "0.18", "Gopher: the same for 3-grams", "0..1"),
    RULE(gopher_max_top_4gram, "0.16", "Gopher: the same for 4-grams", "0..1"),
    RULE(gopher_max_dup_5gram, "0.15",
         "Gopher: a larger share of characters in repeated word 5-grams drops",
         "0..1"),
    RULE(gopher_max_dup_6gram, "0.14", "Gopher: the same for 6-grams", "0..1"),
    RULE(gopher_max_dup_7gram, "0.13", "Gopher: the same for 7-grams", "0..1"),
    RULE(gopher_max_dup_8gram, "0.12", "Gopher: the same for 8-grams", "0..1"),
    RULE(gopher_max_dup_9gram, "0.11", "Gopher: the same for 9-grams", "0..1"),
    RULE(gopher_max_dup_10gram, "0.1", "Gopher: the same for 10-grams", "0..1"),
    RULE(c4_min_sentences, "5",
         "C4: fewer sentences in lines that end in terminal punctuation, "
         "have three words or more and do not mention javascript drops",
         "0.."),
    RULE(c4_max_lorem_ipsum, "0", "C4: more occurrences of lorem ipsum drops",
         "0.."),
    RULE(c4_max_curly_braces, "0",
         "C4: a curly brace anywhere drops (1 or more lets them pass)", "0.."),
    RULE(fineweb_min_punct_lines, "0.12",
         "FineWeb: a smaller share of lines ending in punctuation drops",
         "0..1"),
    RULE(fineweb_max_dup_line_chars, "0.1",
         "FineWeb: a larger share of characters in repeated lines drops",
         "0..1"),
    RULE(fineweb_max_short_lines, "0.67",
         "FineWeb: a larger share of lines of 30 characters or fewer drops",
         "0..1"),
    RULE(zh_min_chars, "200", "Chinese: fewer non-space characters drops",
         "0.."),
    RULE(zh_min_cjk_share, "0.3",
         "Chinese: a smaller share of Han characters drops", "0..1"),
    RULE(zh_max_punct_ratio, "0.25",
         "Chinese: a larger share of punctuation drops", "0..1"),
    RULE(zh_max_special_ratio, "0.1",
         "Chinese: a larger share of symbols and mojibake drops", "0..1"),
    RULE(zh_min_sentence_end_ratio, "0.005",
         "Chinese: fewer sentence ends per character drops", "0..1"),
    RULE(zh_min_mean_sentence_length, "6",
         "Chinese: shorter sentences on average (characters) drops", "0.."),
    RULE(zh_max_mean_sentence_length, "300",
         "Chinese: longer sentences on average drops", "0.."),
    RULE(zh_max_dup_char_10gram, "0.5",
         "Chinese: a larger share of characters in repeated character "
         "10-grams drops",
         "0..1"),
    RULE(zh_max_dup_lines, "0.3",
         "Chinese: a larger share of repeated lines drops", "0..1"),
    RULE(zh_max_flagged_per_line, "0.5",
         "Chinese: more flagged words (gambling, porn, spam) per line drops",
         "0.."),
    SL_OPTION_INT(quality_state, max_bytes, "1048576", 0,
                  "bytes of text measured per document", "1024.."),
    {0},
};

typedef enum profile { PROFILE_LATIN, PROFILE_EN, PROFILE_ZH } profile;

/* Which documents a rule judges. */
enum { SCOPE_LATIN, SCOPE_ZH, SCOPE_ALL };

/* One rule: applies to zh or to the Latin profiles; min or max. */
typedef struct rule {
    const char *name;
    int scope;     /* SCOPE_* */
    bool en_only;  /* English only (stop words) */
    bool is_min;   /* drop when the value is below the threshold */
    size_t offset; /* of the threshold in quality_state */
    double (*value)(const quality_measure *m);
} rule;

static double ratio(double a, double b)
{
    return b > 0 ? a / b : 0;
}

#define VALUE(fn, expr)                                                        \
    static double fn(const quality_measure *m)                                 \
    {                                                                          \
        return (expr);                                                         \
    }

VALUE(v_words, (double)m->words)
VALUE(v_mean_word, ratio(m->word_chars, m->words))
VALUE(v_symbols, ratio(m->symbols, m->words))
VALUE(v_bullets, ratio(m->bullet_lines, m->lines))
VALUE(v_ellipsis, ratio(m->ellipsis_lines, m->lines))
VALUE(v_alpha, ratio(m->alpha_words, m->words))
VALUE(v_stop, (double)m->stop_words)
VALUE(v_dup_lines, ratio(m->dup_lines, m->lines))
VALUE(v_dup_paras, ratio(m->dup_paragraphs, m->paragraphs))
VALUE(v_dup_line_chars, ratio(m->dup_line_chars, m->line_chars))
VALUE(v_dup_para_chars, ratio(m->dup_paragraph_chars, m->para_chars))
VALUE(v_top2, m->top_ngram[2])
VALUE(v_top3, m->top_ngram[3])
VALUE(v_top4, m->top_ngram[4])
VALUE(v_dup5, m->dup_ngram[5])
VALUE(v_dup6, m->dup_ngram[6])
VALUE(v_dup7, m->dup_ngram[7])
VALUE(v_dup8, m->dup_ngram[8])
VALUE(v_dup9, m->dup_ngram[9])
VALUE(v_dup10, m->dup_ngram[10])
VALUE(v_c4_sentences, (double)m->c4_sentences)
VALUE(v_lorem, m->lorem_ipsum ? 1.0 : 0.0)
VALUE(v_curly, m->curly_brace ? 1.0 : 0.0)
VALUE(v_punct_lines, ratio(m->punct_end_lines, m->lines))
VALUE(v_short_lines, ratio(m->short_lines, m->lines))
VALUE(v_chars, (double)m->chars)
VALUE(v_cjk, ratio(m->cjk, m->chars))
VALUE(v_punct, ratio(m->punct, m->chars))
VALUE(v_special, ratio(m->special, m->chars))
VALUE(v_sentence_ends, ratio(m->sentence_ends, m->chars))
VALUE(v_sentence_len, ratio(m->chars, m->sentence_ends ? m->sentence_ends : 1))
VALUE(v_dup_char10, m->dup_char_ngram)
VALUE(v_flagged, ratio(m->flagged, m->lines))

#define R(name, scope, en_only, is_min, fn)                                    \
    {                                                                          \
#name, scope, en_only, is_min, offsetof(quality_state, name), fn       \
    }

/* In the order they are tried: cheap length rules first. */
static const rule rules[] = {
    R(gopher_min_words, SCOPE_LATIN, false, true, v_words),
    R(gopher_max_words, SCOPE_LATIN, false, false, v_words),
    R(gopher_min_mean_word_length, SCOPE_LATIN, false, true, v_mean_word),
    R(gopher_max_mean_word_length, SCOPE_LATIN, false, false, v_mean_word),
    R(gopher_max_symbol_word_ratio, SCOPE_LATIN, false, false, v_symbols),
    R(gopher_max_bullet_lines, SCOPE_LATIN, false, false, v_bullets),
    R(gopher_max_ellipsis_lines, SCOPE_LATIN, false, false, v_ellipsis),
    R(gopher_min_alpha_words, SCOPE_LATIN, false, true, v_alpha),
    R(gopher_min_stop_words, SCOPE_LATIN, true, true, v_stop),
    R(gopher_max_dup_lines, SCOPE_LATIN, false, false, v_dup_lines),
    R(gopher_max_dup_paragraphs, SCOPE_LATIN, false, false, v_dup_paras),
    R(gopher_max_dup_line_chars, SCOPE_LATIN, false, false, v_dup_line_chars),
    R(gopher_max_dup_paragraph_chars, SCOPE_LATIN, false, false,
      v_dup_para_chars),
    R(gopher_max_top_2gram, SCOPE_LATIN, false, false, v_top2),
    R(gopher_max_top_3gram, SCOPE_LATIN, false, false, v_top3),
    R(gopher_max_top_4gram, SCOPE_LATIN, false, false, v_top4),
    R(gopher_max_dup_5gram, SCOPE_LATIN, false, false, v_dup5),
    R(gopher_max_dup_6gram, SCOPE_LATIN, false, false, v_dup6),
    R(gopher_max_dup_7gram, SCOPE_LATIN, false, false, v_dup7),
    R(gopher_max_dup_8gram, SCOPE_LATIN, false, false, v_dup8),
    R(gopher_max_dup_9gram, SCOPE_LATIN, false, false, v_dup9),
    R(gopher_max_dup_10gram, SCOPE_LATIN, false, false, v_dup10),
    R(c4_max_lorem_ipsum, SCOPE_LATIN, false, false, v_lorem),
    R(c4_max_curly_braces, SCOPE_LATIN, false, false, v_curly),
    R(c4_min_sentences, SCOPE_LATIN, false, true, v_c4_sentences),
    R(fineweb_min_punct_lines, SCOPE_ALL, false, true, v_punct_lines),
    R(fineweb_max_dup_line_chars, SCOPE_ALL, false, false, v_dup_line_chars),
    R(fineweb_max_short_lines, SCOPE_ALL, false, false, v_short_lines),
    R(zh_min_chars, SCOPE_ZH, false, true, v_chars),
    R(zh_min_cjk_share, SCOPE_ZH, false, true, v_cjk),
    R(zh_max_punct_ratio, SCOPE_ZH, false, false, v_punct),
    R(zh_max_special_ratio, SCOPE_ZH, false, false, v_special),
    R(zh_min_sentence_end_ratio, SCOPE_ZH, false, true, v_sentence_ends),
    R(zh_min_mean_sentence_length, SCOPE_ZH, false, true, v_sentence_len),
    R(zh_max_mean_sentence_length, SCOPE_ZH, false, false, v_sentence_len),
    R(zh_max_dup_char_10gram, SCOPE_ZH, false, false, v_dup_char10),
    R(zh_max_dup_lines, SCOPE_ZH, false, false, v_dup_lines),
    R(zh_max_flagged_per_line, SCOPE_ZH, false, false, v_flagged),
};

static bool listed(const sl_strlist *list, const char *name)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i], name) == 0)
            return true;
    return false;
}

static bool rule_is_off(const quality_state *st, const char *name)
{
    return listed(&st->rules_off, name) ||
           (st->rules_only.n > 0 && !listed(&st->rules_only, name));
}

/* Fails init when a list names no rule. */
static sl_status check_names(sl_ctx *ctx, const char *option,
                             const sl_strlist *list)
{
    for (size_t i = 0; i < list->n; i++) {
        bool known = false;
        for (size_t r = 0; r < sizeof rules / sizeof *rules; r++)
            known |= strcmp(rules[r].name, list->items[i]) == 0;
        if (!known)
            return sl_fail(ctx, "%s: no rule named '%s'", option,
                           list->items[i]);
    }
    return SL_OK;
}

static sl_status quality_init(sl_ctx *ctx, void *state)
{
    const quality_state *st = state;
    if (check_names(ctx, "rules_off", &st->rules_off) != SL_OK ||
        check_names(ctx, "rules_only", &st->rules_only) != SL_OK)
        return SL_ERROR;
    return SL_OK;
}

/* Joins the kept blocks, one per line and a blank line between blocks
 * (paragraphs), up to cap bytes on a character boundary. */
static char *kept_text(sl_doc *doc, size_t cap, size_t *len)
{
    size_t need = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (!sl_block_is_dropped(&doc->blocks[i]))
            need += doc->blocks[i].len + 2;
    if (need > cap)
        need = cap;
    char *buf = malloc(need + 1);
    if (!buf)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b))
            continue;
        if (n + b->len + 2 > need)
            break;
        memcpy(buf + n, b->text, b->len);
        n += b->len;
        buf[n++] = '\n';
        buf[n++] = '\n';
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static profile profile_of(const sl_doc *doc, const quality_measure *m,
                          bool *skip)
{
    const char *lang = sl_doc_meta_string(doc, "lang");
    *skip = false;
    if (lang && strncmp(lang, "zh", 2) == 0)
        return PROFILE_ZH;
    if (lang && (strncmp(lang, "ja", 2) == 0 || strncmp(lang, "ko", 2) == 0)) {
        *skip = true;
        return PROFILE_LATIN;
    }
    if (lang && strncmp(lang, "en", 2) == 0)
        return PROFILE_EN;
    if (!lang && m->chars > 0 && m->cjk * 2 > m->chars)
        return PROFILE_ZH;
    return lang ? PROFILE_LATIN : PROFILE_EN;
}

static sl_status quality_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const quality_state *st = state;
    size_t len = 0;
    char *text = kept_text(doc, (size_t)st->max_bytes, &len);
    if (!text)
        return sl_fail(ctx, "out of memory");
    quality_measure m;
    int rc = quality_measure_text(text, len, &m);
    free(text);
    if (rc != 0)
        return sl_fail(ctx, "out of memory");
    bool skip;
    profile p = profile_of(doc, &m, &skip);
    if (skip) {
        sl_count(ctx, "skipped.lang", 1);
        return SL_OK;
    }
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        const rule *r = &rules[i];
        bool zh = p == PROFILE_ZH;
        if ((r->scope == SCOPE_ZH && !zh) || (r->scope == SCOPE_LATIN && zh) ||
            (r->en_only && p != PROFILE_EN) || rule_is_off(st, r->name))
            continue;
        double limit;
        memcpy(&limit, (const char *)st + r->offset, sizeof limit);
        double v = r->value(&m);
        if (r->is_min ? v < limit : v > limit)
            return sl_drop_with(
                ctx, r->name,
                json_pack("{s:f, s:f}", "value", v, "threshold", limit));
    }
    return SL_OK;
}

const sl_plugin quality_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "quality",
    .summary = "Gopher, C4, FineWeb and Chinese heuristic filters; each drop "
               "named by its rule",
    .version = "1.0",
    .options = quality_options,
    .state_size = sizeof(quality_state),
    .init = quality_init,
    .process = quality_process,
};
