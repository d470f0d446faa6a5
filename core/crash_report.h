/* core/crash_report.h - what a run without --isolate says when a stage
 * crashes: which stage, on which document, and how to go on. The message
 * is written by a signal handler, from text prepared before the crash.
 */
#ifndef SLUICE_CORE_CRASH_REPORT_H
#define SLUICE_CORE_CRASH_REPORT_H

#include <stddef.h>

#include <sluice/doc.h>

/* Installs the handler on SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT.
 * stage_names[i] (n of them) must stay valid until sl_crash_report_remove;
 * advice (copied) is printed after the crash line. */
void sl_crash_report_install(const char *const *stage_names, size_t n,
                             const char *advice);

/* Restores the handlers there were before. */
void sl_crash_report_remove(void);

/* The calling thread is about to run stage `stage` on doc; doc NULL: it
 * runs no stage now. Formats the document's description once per
 * document. */
void sl_crash_report_note(const sl_doc *doc, size_t stage);

#endif
