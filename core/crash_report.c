/* core/crash_report.c - the crash message of a run without --isolate (see
 * crash_report.h). Each thread notes which stage it runs on which
 * document; the handler writes that with write(2) only (async-signal-safe),
 * after the finished documents a stream still holds, then dies of the
 * signal as it would have, so the exit status still says how the process
 * ended.
 */
#include "crash_report.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "crash_notes.h"
#include "engine_outputs.h"

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
enum { N_CRASH_SIGNALS = sizeof crash_signals / sizeof crash_signals[0] };

static struct sigaction saved[N_CRASH_SIGNALS];
static int installed;
static const char *const *names;
static size_t n_names;
static char advice_text[1024];

static _Thread_local size_t current_stage = SIZE_MAX;
static _Thread_local const sl_doc *described_doc;
static _Thread_local uint64_t described_seq;
static _Thread_local char doc_text[512];
/* the longest description (see describe) and its NUL fit */
_Static_assert(sizeof "document '' (, record )" - 1 + 200 + 250 + 20 + 1 <= 512,
               "doc_text holds every description");

/* Appends at most max bytes of the C string s at *at ("(null)" for
 * NULL, as printf writes it). */
static void note_text(char **at, const char *s, size_t max)
{
    if (!s)
        s = "(null)";
    size_t n = strnlen(s, max);
    memcpy(*at, s, n);
    *at += n;
}

static void note_number(char **at, unsigned long long v)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *(*at)++ = digits[--n];
}

/* "document 'ID' (SOURCE:LINE)", or with ", record N" for a document
 * without a line, the id and source cut at 200 and 250 bytes: at most
 * 492 bytes, so it always fits. Written by hand: this runs once a
 * document, and snprintf cost more than the rest of the note. */
static void describe(const sl_doc *doc)
{
    char *at = doc_text;
    note_text(&at, "document '", SIZE_MAX);
    note_text(&at, doc->id, 200);
    note_text(&at, "' (", SIZE_MAX);
    note_text(&at, doc->source, 250);
    if (doc->source_line) {
        *at++ = ':';
        note_number(&at, (unsigned long long)doc->source_line);
    } else {
        note_text(&at, ", record ", SIZE_MAX);
        note_number(&at, (unsigned long long)doc->seq + 1);
    }
    *at++ = ')';
    *at = '\0';
}

void sl_crash_report_note(const sl_doc *doc, size_t stage)
{
    if (!doc) {
        current_stage = SIZE_MAX;
        return;
    }
    if (doc != described_doc || doc->seq != described_seq) {
        describe(doc);
        described_doc = doc;
        described_seq = doc->seq;
    }
    current_stage = stage;
}

static void put(const char *s)
{
    size_t len = 0;
    while (s[len])
        len++;
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, s, len);
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

static void put_number(int n)
{
    char digits[16];
    size_t i = sizeof digits;
    digits[--i] = '\0';
    unsigned value = n < 0 ? 0u : (unsigned)n;
    do {
        digits[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value && i > 0);
    put(digits + i);
}

static void on_crash(int sig)
{
    size_t stage = current_stage;
    /* the finished documents a stream holds go out first */
    sl_outputs_write_finished();
    put("sluice: ");
    if (stage < n_names) {
        put("stage '");
        put(names[stage]);
        put("' crashed with signal ");
    } else {
        put("crashed with signal ");
    }
    put_number(sig);
    put(" (");
    put(sl_signal_name(sig));
    put(")");
    if (stage < n_names) {
        put(" on ");
        put(doc_text);
    }
    put("\n");
    put(advice_text);
    signal(sig, SIG_DFL);
    raise(sig);
}

void sl_crash_report_install(const char *const *stage_names, size_t n,
                             const char *advice)
{
    names = stage_names;
    n_names = n;
    snprintf(advice_text, sizeof advice_text, "%s", advice ? advice : "");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < N_CRASH_SIGNALS; i++)
        sigaction(crash_signals[i], &sa, &saved[i]);
    installed = 1;
}

void sl_crash_report_remove(void)
{
    if (!installed)
        return;
    for (size_t i = 0; i < N_CRASH_SIGNALS; i++)
        sigaction(crash_signals[i], &saved[i], NULL);
    installed = 0;
    names = NULL;
    n_names = 0;
}
