/* core/input_wait.h - reading input that may make the reader wait (a
 * pipe, a FIFO, a terminal, standard input) so that a stop request ends
 * the wait: the engine hands over a descriptor that becomes readable when
 * SIGINT or SIGTERM arrives, and a read waiting for input gives up with
 * ECANCELED instead of blocking until the writer closes. A hook learns
 * when a read is about to wait.
 */
#ifndef SLUICE_CORE_INPUT_WAIT_H
#define SLUICE_CORE_INPUT_WAIT_H

#include <sys/types.h>

/* The descriptor whose readability means "stop reading"; -1 for none
 * (the default). Process-wide. */
void sl_input_set_stop_fd(int fd);

/* A function the reader calls when a read is about to wait for input
 * (none is ready on the descriptor), before it waits; NULL for none (the
 * default). The engine writes out finished records there. Process-wide;
 * the hook runs on the reading thread. */
void sl_input_set_wait_hook(void (*hook)(void));

/* read(2), except that while the stop descriptor is readable (or becomes
 * readable before fd has data) it returns -1 with errno ECANCELED. */
ssize_t sl_input_read(int fd, void *buf, size_t cap);

#endif
