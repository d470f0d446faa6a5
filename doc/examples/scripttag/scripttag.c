/* doc/examples/scripttag/scripttag.c - an example stage plugin, built out
 * of tree against an installed sluice: it finds the writing system that
 * dominates a document's kept text (han, kana, hangul, latin, cyrillic,
 * greek, arabic, other, or none), stores it in the document's metadata,
 * and drops documents that are too short or written in a script the user
 * does not want.
 *
 * It shows the whole plugin API in one small file: the state struct and
 * its option table (string, integer and string-list options bound by the
 * core through offsetof), init checking options and preparing read-only
 * state, a process function that runs concurrently and only reads its
 * state, metadata, counters, drops with a reason (sl_drop_with), a
 * warning through sl_log, and the descriptor exported as
 * scripttag_LTX_sluice_plugin. Its test is `make check`: `sluice
 * test-stage` runs it over example.jsonl and compares with expected.jsonl.
 *
 * Build: make (see Makefile; it uses pkg-config --cflags --libs sluice).
 * Use:   SLUICE_PLUGIN_PATH=$PWD sluice run -p scripttag.json INPUT
 */
#include <string.h>

#include <sluice/sluice.h>

/* The scripts told apart. "none" means the text has no letters at all. */
typedef enum script {
    SCRIPT_NONE = 0,
    SCRIPT_HAN,
    SCRIPT_KANA,
    SCRIPT_HANGUL,
    SCRIPT_LATIN,
    SCRIPT_CYRILLIC,
    SCRIPT_GREEK,
    SCRIPT_ARABIC,
    SCRIPT_OTHER,
    SCRIPT_COUNT
} script;

/* Names as written to metadata and accepted in `keep`. */
static const char *const script_names[SCRIPT_COUNT] = {
    "none",     "han",   "kana",   "hangul", "latin",
    "cyrillic", "greek", "arabic", "other"};

/* Counter names: sl_count wants strings that outlive the run. */
static const char *const script_counters[SCRIPT_COUNT] = {
    "script.none",   "script.han",    "script.kana",
    "script.hangul", "script.latin",  "script.cyrillic",
    "script.greek",  "script.arabic", "script.other"};

/* The stage's state. The core fills the option fields before init; init
 * fills the rest. process only reads it. */
typedef struct scripttag_state {
    /* options */
    char *field;     /* metadata key that receives the script name */
    long min_chars;  /* drop documents with fewer letters than this */
    sl_strlist keep; /* scripts to keep; empty keeps every script */
    /* prepared by init */
    bool wanted[SCRIPT_COUNT];
} scripttag_state;

static const sl_option scripttag_options[] = {
    SL_OPTION_STRING(scripttag_state, field, "\"script\"", 0,
                     "metadata key that receives the dominant script", NULL),
    SL_OPTION_INT(
        scripttag_state, min_chars, "0", 0,
        "drop documents whose kept text has fewer letters than this (0 keeps "
        "them all)",
        NULL),
    SL_OPTION_STRLIST(
        scripttag_state, keep, "[]", 0,
        "drop documents whose dominant script is not in this list (han, kana, "
        "hangul, latin, cyrillic, greek, arabic, other, none); empty keeps "
        "all"),
    {0},
};

/* The script of one code point, SCRIPT_NONE for digits, punctuation,
 * symbols and white space. */
static script script_of(int32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
        return SCRIPT_LATIN;
    if (cp < 0x80)
        return SCRIPT_NONE;
    if (sl_is_han(cp))
        return SCRIPT_HAN;
    if (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB && cp != 0x30FC)
        return SCRIPT_KANA; /* hiragana and katakana, not ・ or ー */
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF))
        return SCRIPT_HANGUL;
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x1E00 && cp <= 0x1EFF))
        return SCRIPT_LATIN;
    if (cp >= 0x400 && cp <= 0x52F)
        return SCRIPT_CYRILLIC;
    if (cp >= 0x370 && cp <= 0x3FF)
        return SCRIPT_GREEK;
    if (cp >= 0x600 && cp <= 0x6FF)
        return SCRIPT_ARABIC;
    if (sl_is_space(cp) || sl_is_punct(cp) || sl_is_cjk(cp))
        return SCRIPT_NONE; /* CJK punctuation and full-width forms */
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return SCRIPT_NONE; /* general punctuation, symbols, arrows */
    return SCRIPT_OTHER;
}

static int script_by_name(const char *name)
{
    for (int s = 0; s < SCRIPT_COUNT; s++)
        if (strcmp(script_names[s], name) == 0)
            return s;
    return -1;
}

/* Checks the options once, so process never has to. */
static sl_status scripttag_init(sl_ctx *ctx, void *state)
{
    scripttag_state *st = state;
    if (!st->field || !*st->field)
        return sl_fail(ctx, "option 'field' must not be empty");
    if (st->min_chars < 0)
        return sl_fail(ctx, "option 'min_chars' must be 0 or more, not %ld",
                       st->min_chars);
    for (int s = 0; s < SCRIPT_COUNT; s++)
        st->wanted[s] = st->keep.n == 0;
    for (size_t i = 0; i < st->keep.n; i++) {
        int s = script_by_name(st->keep.items[i]);
        if (s < 0)
            return sl_fail(ctx, "option 'keep': unknown script '%s'",
                           st->keep.items[i]);
        st->wanted[s] = true;
    }
    if (st->wanted[SCRIPT_NONE] && st->min_chars > 0)
        sl_log(ctx, SL_LOG_WARN,
               "'keep' lists \"none\", but min_chars %ld drops every "
               "document without letters",
               st->min_chars);
    return SL_OK;
}

/* Runs on several threads at once: reads st, writes only to doc. */
static sl_status scripttag_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const scripttag_state *st = state;
    size_t letters[SCRIPT_COUNT] = {0};
    size_t total = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const sl_block *b = &doc->blocks[i];
        if (sl_block_is_dropped(b))
            continue; /* boilerplate or merged: not part of the text */
        size_t pos = 0;
        while (pos < b->len) {
            script s = script_of(sl_utf8_next(b->text, b->len, &pos));
            if (s != SCRIPT_NONE) {
                letters[s]++;
                total++;
            }
        }
    }
    script best = SCRIPT_NONE;
    for (int s = SCRIPT_HAN; s < SCRIPT_COUNT; s++)
        if (letters[s] > letters[best])
            best = (script)s;
    /* Japanese mixes kanji with kana: any real share of kana means kana. */
    if (best == SCRIPT_HAN && letters[SCRIPT_KANA] * 5 >= total)
        best = SCRIPT_KANA;

    json_t *name = json_string(script_names[best]);
    if (!name || json_object_set_new(doc->meta, st->field, name) < 0)
        return sl_fail(ctx, "out of memory");
    sl_count(ctx, script_counters[best], 1);

    /* sl_drop records why: --stats counts dropped.short and dropped.script,
     * --rejects and --explain show the reason and the detail */
    if (total < (size_t)st->min_chars)
        return sl_drop_with(ctx, "short",
                            json_pack("{sI}", "letters", (json_int_t)total));
    if (!st->wanted[best])
        return sl_drop_with(ctx, "script",
                            json_pack("{ss}", "script", script_names[best]));
    return SL_OK;
}

const sl_plugin scripttag_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "scripttag",
    .summary = "tag the dominant script into metadata; drop short or "
               "unwanted-script documents",
    .version = "1.0",
    .options = scripttag_options,
    .state_size = sizeof(scripttag_state),
    .init = scripttag_init,
    .process = scripttag_process,
};
