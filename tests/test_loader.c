/* tests/test_loader.c - plugin loading: the search path, the ABI check
 * with a deliberately wrong-ABI module, and plugin listing. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

static void use_test_plugins(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/plugins", SLUICE_BUILD_DIR);
    setenv("SLUICE_PLUGIN_PATH", path, 1);
}

Test(loader, refuses_a_module_of_another_abi_naming_path_and_versions)
{
    use_test_plugins();
    char *msg = NULL;
    sl_module *m = sl_module_load("wrongabi", &msg);
    cr_assert_null(m);
    cr_assert_not_null(msg);
    cr_assert(strstr(msg, "tests/plugins"), "no path in: %s", msg);
    cr_assert(strstr(msg, "wrongabi"), "%s", msg);
    cr_assert(strstr(msg, "ABI 99.0"), "module's version missing: %s", msg);
    char ours[32];
    snprintf(ours, sizeof ours, "ABI %d.%d", SL_ABI_MAJOR, SL_ABI_MINOR);
    cr_assert(strstr(msg, ours), "our version missing: %s", msg);
    free(msg);
}

Test(loader, loads_a_module_built_for_an_older_minor)
{
    use_test_plugins();
    char *msg = NULL;
    sl_module *m = sl_module_load("oldminor", &msg);
    cr_assert_not_null(m, "%s", msg ? msg : "");
    cr_assert_lt(m->plugin->abi_minor, SL_ABI_MINOR);
    sl_module_unload(m);
    free(msg);
}

Test(loader, refuses_a_module_compiled_with_other_element_sizes)
{
    use_test_plugins();
    char *msg = NULL;
    sl_module *m = sl_module_load("wrongsize", &msg);
    cr_assert_null(m);
    cr_assert_not_null(msg);
    cr_assert(strstr(msg, "wrongsize"), "%s", msg);
    char sizes[128];
    snprintf(sizes, sizeof sizes,
             "sl_block of %zu bytes, but this sluice's "
             "is %zu bytes",
             sizeof(sl_block) + 8, sizeof(sl_block));
    cr_assert(strstr(msg, sizes), "sizes missing: %s", msg);
    free(msg);
}

Test(loader, refuses_a_module_whose_option_field_is_outside_its_state)
{
    use_test_plugins();
    char *msg = NULL;
    sl_module *m = sl_module_load("badoption", &msg);
    cr_assert_null(m);
    cr_assert_not_null(msg);
    cr_assert(strstr(msg, "badoption"), "%s", msg);
    cr_assert(strstr(msg, "invalid option table: option 'limit'"), "%s", msg);
    cr_assert(strstr(msg, "does not fit in the stage's state"), "%s", msg);
    free(msg);
}

Test(loader, reports_the_dynamic_loaders_reason_for_an_undefined_symbol)
{
    use_test_plugins();
    char *msg = NULL;
    sl_module *m = sl_module_load("undefsym", &msg);
    cr_assert_null(m);
    cr_assert_not_null(msg);
    cr_assert(strstr(msg, "undefsym"), "%s", msg);
    cr_assert(strstr(msg, "undefined symbol: sl_test_symbol_nobody_defines"),
              "the loader's reason is missing: %s", msg);
    cr_assert_null(strstr(msg, "file not found"), "%s", msg);
    free(msg);
}

typedef struct failures {
    int undefsym, wrongabi, crashy_loaded;
} failures;

static void note_loaded(const sl_module *m, void *user)
{
    if (strcmp(m->plugin->name, "crashy") == 0)
        ((failures *)user)->crashy_loaded++;
}

static void note_failed(const char *name, const char *file, const char *why,
                        void *user)
{
    failures *f = user;
    cr_assert(strstr(file, name), "%s is not %s's file", file, name);
    if (strcmp(name, "undefsym") == 0) {
        cr_assert(strstr(why, "undefined symbol"), "%s", why);
        f->undefsym++;
    } else if (strcmp(name, "wrongabi") == 0) {
        cr_assert(strstr(why, "ABI 99.0"), "%s", why);
        f->wrongabi++;
    }
}

Test(loader, listing_reports_modules_that_do_not_load)
{
    use_test_plugins();
    failures f = {0};
    sl_module_foreach(note_loaded, note_failed, &f);
    cr_assert_eq(f.undefsym, 1);
    cr_assert_eq(f.wrongabi, 1);
    cr_assert_eq(f.crashy_loaded, 1, "crashy loads and is listed");
}

Test(loader, loads_a_stage_from_the_build_tree)
{
    unsetenv("SLUICE_PLUGIN_PATH");
    char *msg = NULL;
    sl_module *m = sl_module_load("normalize", &msg);
    cr_assert_not_null(m, "%s", msg);
    cr_assert_str_eq(m->plugin->name, "normalize");
    cr_assert_str_eq(m->origin, "build tree");
    cr_assert_not_null(m->plugin->process);
    sl_module_unload(m);
}

Test(loader, rejects_names_that_could_escape_the_search_path)
{
    char *msg = NULL;
    cr_assert_null(sl_module_load("../normalize", &msg));
    cr_assert(strstr(msg, "not a plugin name"), "%s", msg);
    free(msg);
}

Test(loader, not_found_lists_the_folders_searched)
{
    use_test_plugins();
    char *msg = NULL;
    cr_assert_null(sl_module_load("nosuchstage", &msg));
    cr_assert(strstr(msg, "not found"), "%s", msg);
    cr_assert(strstr(msg, "tests/plugins"), "%s", msg);
    free(msg);
}

static void count_plugin(const sl_module *m, void *user)
{
    if (strcmp(m->plugin->name, "normalize") == 0)
        (*(int *)user)++;
}

Test(loader, listing_finds_each_plugin_once)
{
    unsetenv("SLUICE_PLUGIN_PATH");
    int seen = 0;
    sl_module_foreach(count_plugin, NULL, &seen);
    cr_assert_eq(seen, 1);
}
