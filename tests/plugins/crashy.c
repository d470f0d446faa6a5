/* tests/plugins/crashy.c - a stage that misbehaves on purpose, for the
 * engine's tests: it crashes with a real SIGSEGV on documents whose text
 * holds `crash_marker`, fails (sl_fail) on those holding `fail_marker`,
 * drops those holding `drop_marker`, hangs for a minute on `hang_marker`
 * (after writing its process id to the file $CRASHY_HANG_NOTE, if set),
 * ends the process with status 3 on `exit_marker`, takes 1 GiB on
 * `hog_marker` (both then fail, if nothing stopped them), and counts every
 * document it keeps.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sluice/sluice.h>

typedef struct crashy_state {
    char *crash_marker;
    char *fail_marker;
    char *drop_marker;
    char *hang_marker;
    char *exit_marker;
    char *hog_marker;
} crashy_state;

static const sl_option crashy_options[] = {
    SL_OPTION_STRING(crashy_state, crash_marker, "\"CRASH-ME\"", 0,
                     "crash (SIGSEGV) on documents containing this", NULL),
    SL_OPTION_STRING(crashy_state, fail_marker, "\"FAIL-ME\"", 0,
                     "fail on documents containing this", NULL),
    SL_OPTION_STRING(crashy_state, drop_marker, "\"DROP-ME\"", 0,
                     "drop documents containing this", NULL),
    SL_OPTION_STRING(crashy_state, hang_marker, "\"HANG-ME\"", 0,
                     "never return on documents containing this", NULL),
    SL_OPTION_STRING(crashy_state, exit_marker, "\"EXIT-ME\"", 0,
                     "end the process (status 3) on documents containing this",
                     NULL),
    SL_OPTION_STRING(crashy_state, hog_marker, "\"HOG-ME\"", 0,
                     "take memory without end on documents containing this",
                     NULL),
    {0},
};

/* A write through a null pointer the compiler cannot see through; kept
 * out of UBSan's sight so a sanitizer build crashes the same way. */
__attribute__((no_sanitize("undefined"))) static void crash_now(void)
{
    volatile int *volatile nowhere = NULL;
    *nowhere = 42;
}

/* Tells a waiting test which process hangs, and that it does. */
static void note_hang(void)
{
    const char *note = getenv("CRASHY_HANG_NOTE");
    if (!note || !*note)
        return;
    char temp[4096];
    snprintf(temp, sizeof temp, "%s.tmp", note);
    FILE *f = fopen(temp, "w");
    if (!f)
        return;
    fprintf(f, "%ld\n", (long)getpid());
    if (fclose(f) == 0)
        rename(temp, note);
}

/* Sleeps for a minute: whatever watches the stage has long stopped it by
 * then; if not, the stage fails instead of hanging the test. */
static void sleep_a_minute(void)
{
    for (int i = 0; i < 60; i++) {
        struct timespec ts = {1, 0};
        nanosleep(&ts, NULL);
    }
}

/* The blocks hog_memory takes, kept where the compiler cannot see them
 * unused (it would drop a malloc and memset whose result goes nowhere). */
static char *volatile hogged[64];

/* Touches 16 MiB more every few milliseconds, up to 1 GiB, then waits:
 * whatever watches memory has time to see it grow. */
static void hog_memory(void)
{
    for (int i = 0; i < 64; i++) {
        char *block = malloc((size_t)16 << 20);
        if (block)
            memset(block, i + 1, (size_t)16 << 20);
        hogged[i] = block;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    sleep_a_minute();
}

static bool has(const char *text, const char *marker)
{
    return marker && *marker && strstr(text, marker);
}

static sl_status crashy_process(sl_ctx *ctx, void *state, sl_doc *doc)
{
    const crashy_state *st = state;
    const char *text = doc->raw ? doc->raw : "";
    if (has(text, st->crash_marker))
        crash_now();
    if (has(text, st->hang_marker)) {
        note_hang();
        sleep_a_minute();
        return sl_fail(ctx, "hung for a minute and was not stopped");
    }
    if (has(text, st->exit_marker))
        _exit(3);
    if (has(text, st->hog_marker)) {
        hog_memory();
        return sl_fail(ctx, "took 1 GiB and was not stopped");
    }
    if (st->fail_marker && *st->fail_marker && strstr(text, st->fail_marker))
        return sl_fail(ctx, "found the fail marker");
    if (st->drop_marker && *st->drop_marker && strstr(text, st->drop_marker))
        return SL_DROP;
    sl_count(ctx, "kept", 1);
    sl_count(ctx, "blocks", doc->n_blocks);
    return SL_OK;
}

const sl_plugin crashy_LTX_sluice_plugin = {
    SL_PLUGIN_ABI,
    .name = "crashy",
    .summary = "test stage: crashes, fails or drops on marked documents",
    .version = "1.0",
    .options = crashy_options,
    .state_size = sizeof(crashy_state),
    .process = crashy_process,
};
