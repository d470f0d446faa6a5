/* core/loader.h - finds, loads and checks stage plugins. The only file
 * that calls libltdl (which is not thread-safe): everything here runs on
 * the main thread, before and after the documents flow.
 *
 * Search order: each folder of SLUICE_PLUGIN_PATH (colon separated), the
 * installed plugin folder, and, only when the running program lives in
 * the build tree, the build tree's plugins/NAME/ folders. The current
 * folder is never searched implicitly.
 */
#ifndef SLUICE_CORE_LOADER_H
#define SLUICE_CORE_LOADER_H

#include <stdbool.h>

#include <sluice/plugin.h>

typedef struct sl_module {
    const sl_plugin *plugin; /* the module's descriptor */
    char *path;              /* the file that was loaded */
    const char *origin; /* "SLUICE_PLUGIN_PATH", "installed", "build tree" */
    void *handle;       /* lt_dlhandle */
} sl_module;

/* Loads plugin `name`. On failure returns NULL and sets *message
 * (malloc'd): not found (with the folders searched), not a sluice plugin,
 * or an ABI mismatch naming the module's path and both versions. */
sl_module *sl_module_load(const char *name, char **message);

/* Loads the module at an exact path (tests and `sluice check`). */
sl_module *sl_module_load_path(const char *path, char **message);

void sl_module_unload(sl_module *module);

/* True for an ordered stage that may be called on any thread, one call
 * at a time (SL_STAGE_ANY_THREAD, read only from plugins of ABI 1.5 and
 * later, which know the flag). */
bool sl_plugin_ordered_on_any_thread(const sl_plugin *plugin);

/* Calls fn for every plugin found on the search path, first one of each
 * name only, in search order then name order. A module that is found but
 * does not load goes to failed (when not NULL) with its file and why. */
typedef void (*sl_module_visit_fn)(const sl_module *module, void *user);
typedef void (*sl_module_failed_fn)(const char *name, const char *file,
                                    const char *why, void *user);
void sl_module_foreach(sl_module_visit_fn fn, sl_module_failed_fn failed,
                       void *user);

/* Names of every plugin found, NULL-terminated, malloc'd (free each and
 * the array). For "did you mean" suggestions. */
char **sl_module_names(void);

#endif
