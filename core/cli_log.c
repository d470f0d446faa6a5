/* core/cli_log.c - the sluice command's messages on standard error
 * ("sluice: error: ..."), filtered by -q and -v (see cli.h). Every
 * subcommand logs through it; it calls nothing back.
 */
#include <stdio.h>

#include "cli.h"

static sl_log_level log_level = SL_LOG_INFO;

void cli_set_log_level(sl_log_level most_detailed)
{
    log_level = most_detailed;
}

void cli_log(sl_log_level level, const char *stage, const char *message,
             void *user)
{
    (void)user;
    if (level > log_level)
        return;
    static const char *const names[] = {"error", "warning", "info", "debug"};
    if (stage && *stage)
        fprintf(stderr, "sluice: %s: [%s] %s\n", names[level], stage, message);
    else
        fprintf(stderr, "sluice: %s: %s\n", names[level], message);
}
