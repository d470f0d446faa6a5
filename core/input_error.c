/* core/input_error.c - building the reader's error reports (see
 * input_error.h).
 */
#include "input_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *format_message(const char *source, uint64_t line, uint64_t column,
                            const char *fmt, va_list ap)
{
    char *body = NULL;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    body = malloc((size_t)n + 1);
    if (!body)
        return NULL;
    vsnprintf(body, (size_t)n + 1, fmt, ap);

    char prefix[64];
    if (line > 0 && column > 0)
        snprintf(prefix, sizeof prefix,
                 ":%llu:%llu: ", (unsigned long long)line,
                 (unsigned long long)column);
    else if (line > 0)
        snprintf(prefix, sizeof prefix, ":%llu: ", (unsigned long long)line);
    else
        snprintf(prefix, sizeof prefix, ": ");
    size_t total = strlen(source) + strlen(prefix) + (size_t)n + 1;
    char *message = malloc(total);
    if (message)
        snprintf(message, total, "%s%s%s", source, prefix, body);
    free(body);
    return message;
}

static void set_error(sl_read_error *err, const char *reader,
                      const char *source, uint64_t line, uint64_t column,
                      uint64_t offset, const char *fmt, va_list ap)
{
    sl_read_error_clear(err);
    if (!source)
        source = "-";
    err->message = format_message(source, line, column, fmt, ap);
    err->source = strdup(source);
    err->line = line;
    err->offset = offset;
    err->reader = reader;
}

void sl_input_error_set(sl_read_error *err, const char *reader,
                        const char *source, uint64_t line, uint64_t offset,
                        const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_error(err, reader, source, line, 0, offset, fmt, ap);
    va_end(ap);
}

void sl_input_error_set_column(sl_read_error *err, const char *reader,
                               const char *source, uint64_t line,
                               uint64_t column, uint64_t offset,
                               const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_error(err, reader, source, line, column, offset, fmt, ap);
    va_end(ap);
}

void sl_input_error_set_record(sl_read_error *err, const char *record,
                               size_t len)
{
    if (!err)
        return;
    free(err->record);
    err->record = NULL;
    err->record_len = 0;
    err->record_cut = false;
    err->record_full_len = 0;
    err->record_sha256[0] = '\0';
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    if (len)
        memcpy(copy, record, len);
    copy[len] = '\0';
    err->record = copy;
    err->record_len = len;
}

void sl_input_error_set_cut_record(sl_read_error *err, const char *start,
                                   size_t len, uint64_t full_len,
                                   const char *sha256)
{
    sl_input_error_set_record(err, start, len);
    if (err && err->record) {
        err->record_cut = true;
        err->record_full_len = full_len;
        if (sha256 && strlen(sha256) == SL_SHA256_HEX_SIZE - 1)
            memcpy(err->record_sha256, sha256, SL_SHA256_HEX_SIZE);
    }
}

void sl_read_error_clear(sl_read_error *err)
{
    if (!err)
        return;
    free(err->message);
    free(err->source);
    free(err->record);
    memset(err, 0, sizeof *err);
}
