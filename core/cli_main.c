/* core/cli_main.c - the sluice command: dispatches to a subcommand and
 * prints --help and --version. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"

static const char usage[] =
    "usage: sluice COMMAND [OPTIONS]\n"
    "\n"
    "Stream documents through a pipeline of stage plugins.\n"
    "\n"
    "commands:\n"
    "  run [-p PIPELINE] [-o OUTPUT] [--set KEY=VALUE]... [INPUT...]\n"
    "                      run a pipeline (the built-in one without -p) over\n"
    "                      files, folders or standard input\n"
    "  check PIPELINE      validate a pipeline file and load its plugins\n"
    "  learn -o MODEL [INPUT...]\n"
    "                      count blocks that repeat across each site's pages\n"
    "                      and write a boilerplate model\n"
    "  plugins             list the plugins found, with where they came from\n"
    "  describe NAME       list a plugin's options\n"
    "  default             print the built-in pipeline\n"
    "\n"
    "  --help, --version\n"
    "\n"
    "See sluice(1), sluice-pipeline(5) and sluice-plugin(7).\n";

void cli_log(sl_log_level level, const char *stage, const char *message,
             void *user)
{
    (void)user;
    static const char *const names[] = {"error", "warning", "info", "debug"};
    if (stage && *stage)
        fprintf(stderr, "sluice: %s: [%s] %s\n", names[level], stage, message);
    else
        fprintf(stderr, "sluice: %s: %s\n", names[level], message);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return SL_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return SL_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("sluice %s\n", PACKAGE_VERSION);
        return SL_EXIT_OK;
    }
    if (strcmp(cmd, "run") == 0)
        return cli_run(argc - 1, argv + 1);
    if (strcmp(cmd, "learn") == 0)
        return cli_learn(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "plugins") == 0)
        return cli_plugins(argc - 1, argv + 1);
    if (strcmp(cmd, "describe") == 0)
        return cli_describe(argc - 1, argv + 1);
    if (strcmp(cmd, "default") == 0)
        return cli_default(argc - 1, argv + 1);
    fprintf(stderr, "sluice: unknown command '%s'\n\n%s", cmd, usage);
    return SL_EXIT_USAGE;
}
