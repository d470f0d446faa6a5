/* core/cli_info.c - `sluice plugins`, `sluice describe NAME` and `sluice
 * default`: what is installed and how to use it, read from the plugins'
 * own descriptors and option tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "loader.h"
#include "options.h"
#include "pipeline.h"

typedef struct plugin_listing {
    int loaded;
    int failed;
} plugin_listing;

static void print_plugin_line(const sl_module *m, void *user)
{
    plugin_listing *listing = user;
    const sl_plugin *p = m->plugin;
    printf("%-12s %-8s %s\n             %s (%s)\n", p->name,
           p->version ? p->version : "-", p->summary ? p->summary : "", m->path,
           m->origin);
    listing->loaded++;
}

/* A module that is there but does not load: listed with the loader's
 * reason, which names its file. */
static void print_failed_plugin(const char *name, const char *file,
                                const char *why, void *user)
{
    (void)file;
    plugin_listing *listing = user;
    printf("%-12s %-8s does not load\n             %s\n", name, "FAILED", why);
    listing->failed++;
}

int cli_plugins(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fputs("usage: sluice plugins\n", stderr);
        return SL_EXIT_USAGE;
    }
    plugin_listing listing = {0};
    sl_module_foreach(print_plugin_line, print_failed_plugin, &listing);
    if (listing.loaded == 0 && listing.failed == 0) {
        fprintf(stderr,
                "sluice: no plugins found (searched "
                "SLUICE_PLUGIN_PATH and %s)\n",
                SLUICE_PLUGIN_DIR);
        return SL_EXIT_FATAL;
    }
    if (listing.failed) {
        fprintf(stderr, "sluice: %d of %d plugins do not load\n",
                listing.failed, listing.loaded + listing.failed);
        return SL_EXIT_FATAL;
    }
    return SL_EXIT_OK;
}

int cli_describe(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: sluice describe NAME\n", stderr);
        return SL_EXIT_USAGE;
    }
    char *message = NULL;
    sl_module *m = sl_module_load(argv[1], &message);
    if (!m) {
        fprintf(stderr, "sluice: %s\n", message);
        free(message);
        return SL_EXIT_FATAL;
    }
    const sl_plugin *p = m->plugin;
    printf("%s %s - %s\n%s\n", p->name, p->version ? p->version : "",
           p->summary ? p->summary : "", m->path);
    if (sl_plugin_ordered_on_any_thread(p))
        printf("ordered: sees documents one at a time, in input order, on "
               "any thread\n");
    else if (p->flags & SL_STAGE_ORDERED)
        printf("ordered: sees documents one at a time, in input order\n");
    if (!p->options || !p->options->name) {
        printf("\nno options\n");
    } else {
        printf("\noptions:\n");
        for (const sl_option *o = p->options; o->name; o++) {
            if (o->flags & SL_OPT_REMOVED)
                continue;
            printf("  %s (%s%s)", o->name, sl_option_type_name(o->type),
                   (o->flags & SL_OPT_REQUIRED) ? ", required" : "");
            if (o->def)
                printf(" default %s", o->def);
            printf("\n      %s\n", o->help ? o->help : "");
            if (o->choices && o->type == SL_OPT_STRING)
                printf("      one of: %s\n", o->choices);
            else if (o->choices)
                printf("      range: %s\n", o->choices);
        }
    }
    sl_module_unload(m);
    return SL_EXIT_OK;
}

int cli_default(int argc, char **argv)
{
    bool crawl = argc == 2 && strcmp(argv[1], "--crawl") == 0;
    if (argc > 2 || (argc == 2 && !crawl)) {
        fputs("usage: sluice default [--crawl]\n", stderr);
        return SL_EXIT_USAGE;
    }
    fputs(crawl ? sl_crawl_pipeline_json : sl_default_pipeline_json, stdout);
    return SL_EXIT_OK;
}
