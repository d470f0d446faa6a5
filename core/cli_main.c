/* core/cli_main.c - the sluice command: dispatches to a subcommand and
 * prints --help and --version. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT)
#include <malloc.h>
#endif

#include "cli.h"

static const char usage[] =
    "usage: sluice COMMAND [OPTIONS]\n"
    "\n"
    "Stream documents through a pipeline of stage plugins.\n"
    "\n"
    "commands:\n"
    "  run [-p PIPELINE] [-o OUTPUT] [--set KEY=VALUE]... [-q|-v] [INPUT...]\n"
    "                      run a pipeline (the built-in one without -p) over\n"
    "                      files, folders or standard input\n"
    "  check PIPELINE      validate a pipeline file and load its plugins\n"
    "  learn -o MODEL [INPUT...]\n"
    "                      count blocks that repeat across each site's pages\n"
    "                      and write a boilerplate model\n"
    "  plugins             list the plugins found, with where they came from\n"
    "  describe NAME       list a plugin's options\n"
    "  default [--crawl]   print the built-in pipeline (--crawl: the one for\n"
    "                      WARC files, with lang and quality)\n"
    "  test-stage STAGE [--with JSON] INPUT.jsonl EXPECTED.jsonl\n"
    "                      run one stage over a JSONL file and compare the\n"
    "                      result with the expected JSONL\n"
    "  report [-o HTML] [--json FILE] STATS...\n"
    "                      merge the --stats files of a run or of its shards\n"
    "                      and draw them as one HTML page\n"
    "\n"
    "  --help, --version\n"
    "\n"
    "See sluice(1), sluice-pipeline(5) and sluice-plugin(7).\n";

/* Every allocation of 1 MiB or more gets pages of its own that free()
 * gives back to the system. glibc otherwise raises that threshold to the
 * largest block freed so far (up to 32 MiB), and the per-document arrays
 * of a big document (a stage's scratch, a block array) then come from the
 * heap and stay counted in the process's memory after the document is
 * gone: 11 MiB more at the peak of a 63 MB report. */
static void return_big_blocks_to_the_system(void)
{
#if defined(HAVE_MALLOC_H) && defined(HAVE_MALLOPT) && defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

int main(int argc, char **argv)
{
    return_big_blocks_to_the_system();
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
    if (strcmp(cmd, "test-stage") == 0)
        return cli_test_stage(argc - 1, argv + 1);
    if (strcmp(cmd, "default") == 0)
        return cli_default(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cli_report(argc - 1, argv + 1);
    fprintf(stderr, "sluice: unknown command '%s'\n\n%s", cmd, usage);
    return SL_EXIT_USAGE;
}
