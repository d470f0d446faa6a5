/* core/messages.c - formatted messages for the core (see messages.h). */
#include "messages.h"

#include <stdio.h>
#include <stdlib.h>

char *sl_text_vprintf(const char *fmt, va_list ap)
{
    va_list measure;
    va_copy(measure, ap);
    int n = vsnprintf(NULL, 0, fmt, measure);
    va_end(measure);
    if (n < 0)
        return NULL;
    char *text = malloc((size_t)n + 1);
    if (!text)
        return NULL;
    va_list write;
    va_copy(write, ap);
    vsnprintf(text, (size_t)n + 1, fmt, write);
    va_end(write);
    return text;
}

char *sl_text_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = sl_text_vprintf(fmt, ap);
    va_end(ap);
    return text;
}
