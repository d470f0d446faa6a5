/* tests/plugins/crashy.c - a stage that misbehaves on purpose, for the
 * engine's tests: it crashes with a real SIGSEGV on documents whose text
 * holds `crash_marker`, fails (sl_fail) on those holding `fail_marker`,
 * drops those holding `drop_marker`, and counts every document it keeps.
 */
#include <stddef.h>
#include <string.h>

#include <sluice/sluice.h>

typedef struct crashy_state {
    char *crash_marker;
    char *fail_marker;
    char *drop_marker;
} crashy_state;

static const sl_option crashy_options[] = {
    {"crash_marker", SL_OPT_STRING, "\"CRASH-ME\"",
     offsetof(crashy_state, crash_marker), 0,
     "crash (SIGSEGV) on documents containing this", NULL},
    {"fail_marker", SL_OPT_STRING, "\"FAIL-ME\"",
     offsetof(crashy_state, fail_marker), 0,
     "fail on documents containing this", NULL},
    {"drop_marker", SL_OPT_STRING, "\"DROP-ME\"",
     offsetof(crashy_state, drop_marker), 0,
     "drop documents containing this", NULL},
    {0},
};

/* A write through a null pointer the compiler cannot see through; kept
 * out of UBSan's sight so a sanitizer build crashes the same way. */
__attribute__((no_sanitize("undefined"))) static void crash_now(void)
{
    volatile int *volatile nowhere = NULL;
    *nowhere = 42;
}

static sl_status crashy_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const crashy_state *st = state;
    const char *text = doc->raw ? doc->raw : "";
    if (st->crash_marker && *st->crash_marker &&
        strstr(text, st->crash_marker))
        crash_now();
    if (st->fail_marker && *st->fail_marker && strstr(text, st->fail_marker))
        return sl_fail(ctx, "found the fail marker");
    if (st->drop_marker && *st->drop_marker && strstr(text, st->drop_marker))
        return SL_DROP;
    sl_count(ctx, "kept", 1);
    sl_count(ctx, "blocks", doc->n_blocks);
    return SL_OK;
}

const sl_plugin crashy_LTX_sluice_plugin = {
    .abi_major = SL_ABI_MAJOR,
    .abi_minor = SL_ABI_MINOR,
    .name = "crashy",
    .summary = "test stage: crashes, fails or drops on marked documents",
    .version = "1.0",
    .options = crashy_options,
    .state_size = sizeof(crashy_state),
    .process = crashy_process,
};
