/* core/messages.h - formatted messages for the core's error reports. */
#ifndef SLUICE_CORE_MESSAGES_H
#define SLUICE_CORE_MESSAGES_H

#include <stdarg.h>

/* A malloc'd string formatted like printf, of any length; NULL when out
 * of memory. */
char *sl_text_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* The same with a va_list (which it leaves untouched for the caller). */
char *sl_text_vprintf(const char *fmt, va_list ap);

#endif
