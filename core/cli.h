/* core/cli.h - the sluice command's subcommands and shared helpers. */
#ifndef SLUICE_CORE_CLI_H
#define SLUICE_CORE_CLI_H

#include "ctx.h"

/* Exit statuses, documented in sluice(1). */
enum {
    SL_EXIT_OK = 0,         /* every document went through */
    SL_EXIT_DOC_FAILED = 1, /* the run finished; some documents failed */
    SL_EXIT_FATAL = 2,      /* the run could not start, or stopped */
    SL_EXIT_USAGE = 64      /* the command line is wrong */
};

int cli_run(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_learn(int argc, char **argv);
int cli_plugins(int argc, char **argv);
int cli_describe(int argc, char **argv);
int cli_default(int argc, char **argv);
int cli_test_stage(int argc, char **argv);
int cli_report(int argc, char **argv);

/* The most detailed level cli_log prints: SL_LOG_INFO unless -q
 * (SL_LOG_WARN) or -v (SL_LOG_DEBUG) says otherwise. */
void cli_set_log_level(sl_log_level most_detailed);

/* Prints library messages on standard error as "sluice: [stage] msg". */
void cli_log(sl_log_level level, const char *stage, const char *message,
             void *user);

#endif
