/* core/engine_signals.h - SIGINT and SIGTERM during a run: the handler
 * only notes the signal; the reader stops taking new documents, the
 * documents in hand are finished, a checkpoint is written and the run
 * returns with result.interrupted set.
 */
#ifndef SLUICE_CORE_ENGINE_SIGNALS_H
#define SLUICE_CORE_ENGINE_SIGNALS_H

/* Installs the handlers (saving the previous ones) / puts them back. */
void sl_signals_install(void);
void sl_signals_restore(void);

/* A descriptor that becomes readable when a signal is noted (for a
 * thread waiting in poll), or -1. Valid after install. */
int sl_signals_wake_fd(void);

/* The first signal received since install, or 0. Async-signal-safe. */
int sl_signals_pending(void);

/* Notes sig as if it had been received (used by the supervisor of
 * --isolate to pass a stop on, and by tests). */
void sl_signals_raise(int sig);

#endif
