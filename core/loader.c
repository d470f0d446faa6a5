/* core/loader.c - plugin discovery and loading through libltdl, with the
 * ABI check (see loader.h).
 */
#include "loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <ltdl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "messages.h"
#include "options.h"

static int ltdl_ready;

static int ensure_ltdl(void)
{
    if (!ltdl_ready) {
        if (lt_dlinit() != 0)
            return -1;
        ltdl_ready = 1;
    }
    return 0;
}

/* True when this program runs from the build tree (libtool puts the real
 * binary under BUILD/.libs/ or BUILD/tests/.libs/). */
static int running_in_build_tree(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    size_t len = strlen(SLUICE_BUILD_DIR);
    return len > 0 && strncmp(exe, SLUICE_BUILD_DIR, len) == 0 &&
           exe[len] == '/';
}

/* A search folder and where it came from. */
typedef struct search_dir {
    char *dir;
    const char *origin;
    int per_plugin; /* build tree: DIR/NAME/NAME.la */
} search_dir;

typedef struct search_path {
    search_dir dirs[64];
    size_t n;
} search_path;

static void add_dir(search_path *sp, const char *dir, size_t len,
                    const char *origin, int per_plugin)
{
    if (len == 0 || sp->n >= 64)
        return; /* an empty component never means the current folder */
    char *copy = strndup(dir, len);
    if (!copy)
        return;
    sp->dirs[sp->n].dir = copy;
    sp->dirs[sp->n].origin = origin;
    sp->dirs[sp->n].per_plugin = per_plugin;
    sp->n++;
}

static void search_path_build(search_path *sp)
{
    sp->n = 0;
    const char *env = getenv("SLUICE_PLUGIN_PATH");
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t len = colon ? (size_t)(colon - env) : strlen(env);
        add_dir(sp, env, len, "SLUICE_PLUGIN_PATH", 0);
        env = colon ? colon + 1 : NULL;
    }
    add_dir(sp, SLUICE_PLUGIN_DIR, strlen(SLUICE_PLUGIN_DIR), "installed", 0);
    if (running_in_build_tree()) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/plugins", SLUICE_BUILD_DIR);
        add_dir(sp, dir, strlen(dir), "build tree", 1);
    }
}

static void search_path_free(search_path *sp)
{
    for (size_t i = 0; i < sp->n; i++)
        free(sp->dirs[i].dir);
    sp->n = 0;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The module file for base: base itself when it is a file, else base.la,
 * else base.so. Returns 0, or -1 when none of them is a file. */
static int module_file(const char *base, char *file, size_t size)
{
    static const char *const extensions[] = {"", ".la", ".so"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(file, size, "%s%s", base, extensions[i]);
        if (file_exists(file))
            return 0;
    }
    return -1;
}

/* The base path (without extension) of plugin `name` in dir, if its .la
 * or .so is there. */
static int candidate(const search_dir *d, const char *name, char *base,
                     size_t size)
{
    if (d->per_plugin)
        snprintf(base, size, "%s/%s/%s", d->dir, name, name);
    else
        snprintf(base, size, "%s/%s", d->dir, name);
    char file[4200];
    snprintf(file, sizeof file, "%s.la", base);
    if (file_exists(file))
        return 1;
    snprintf(file, sizeof file, "%s.so", base);
    return file_exists(file);
}

/* The shared object a libtool .la file names (its dlname, in the same
 * folder or in .libs/ beside it, as libltdl looks). Returns 0 or -1. */
static int la_shared_object(const char *la, char *so, size_t size)
{
    FILE *f = fopen(la, "r");
    if (!f)
        return -1;
    char line[1024], dlname[256] = "";
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "dlname='%255[^']'", dlname) == 1)
            break;
    fclose(f);
    if (!*dlname)
        return -1;
    const char *slash = strrchr(la, '/');
    int dir_len = slash ? (int)(slash - la) : 1;
    const char *dir = slash ? la : ".";
    snprintf(so, size, "%.*s/%s", dir_len, dir, dlname);
    if (file_exists(so))
        return 0;
    snprintf(so, size, "%.*s/.libs/%s", dir_len, dir, dlname);
    return file_exists(so) ? 0 : -1;
}

/* Why the module file could not be opened, in the dynamic loader's words
 * ("undefined symbol: ..."): libltdl reports most failures as "file not
 * found". malloc'd. */
static char *dlopen_reason(const char *file, const char *ltdl_reason)
{
    char so[4300];
    size_t len = strlen(file);
    if (len > 3 && strcmp(file + len - 3, ".la") == 0) {
        if (la_shared_object(file, so, sizeof so) < 0)
            return sl_text_printf("%s (the .la file names no shared object "
                                  "that exists)",
                                  ltdl_reason);
    } else {
        snprintf(so, sizeof so, "%s", file);
    }
    void *handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (handle) { /* it opens now: keep libltdl's reason */
        dlclose(handle);
        return strdup(ltdl_reason);
    }
    const char *why = dlerror();
    return strdup(why ? why : ltdl_reason);
}

static int valid_plugin_name(const char *name)
{
    if (!*name || strlen(name) > 64)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return 0;
    return 1;
}

/* NULL when the element structs the plugin was compiled with have the
 * core's sizes, else why not (malloc'd). Plugins built for ABI 1.0 and
 * 1.1 do not record sizes; theirs are the frozen 1.x sizes. */
static char *element_size_mismatch(const sl_plugin *plugin)
{
    if (plugin->abi_minor < 2)
        return NULL;
    const struct {
        const char *name;
        size_t core;
        uint32_t recorded;
    } sizes[] = {
        {"sl_block", sizeof(sl_block), plugin->sizeof_block},
        {"sl_span", sizeof(sl_span), plugin->sizeof_span},
        {"sl_section", sizeof(sl_section), plugin->sizeof_section},
        {"sl_option", sizeof(sl_option), plugin->sizeof_option},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint32_t recorded = sizes[i].recorded;
        if (recorded == sizes[i].core)
            continue;
        if (recorded == 0)
            return sl_text_printf("its descriptor records no struct sizes; "
                                  "begin it with SL_PLUGIN_ABI");
        return sl_text_printf("it was compiled with a %s of %u bytes, but "
                              "this sluice's is %zu bytes (the headers it "
                              "was built with differ from this sluice's); "
                              "rebuild it against this sluice's headers",
                              sizes[i].name, (unsigned)recorded, sizes[i].core);
    }
    return NULL;
}

/* NULL when the descriptor can be used, else why not (malloc'd). */
static char *descriptor_problem(const sl_plugin *plugin)
{
    char *why = element_size_mismatch(plugin);
    if (why)
        return why;
    if (plugin->abi_minor >= 4) {
        int given = (plugin->prepare != NULL) +
                    (plugin->process_prepared != NULL) +
                    (plugin->free_prepared != NULL);
        if (given != 0 && given != 3)
            return sl_text_printf("prepare, process_prepared and "
                                  "free_prepared go together: it sets "
                                  "only some of them");
        if (given == 3 && !(plugin->flags & SL_STAGE_ORDERED))
            return sl_text_printf("prepare is for ordered stages, but it "
                                  "does not set SL_STAGE_ORDERED");
    }
    if (sl_options_check_table(plugin, &why) < 0) {
        char *full = sl_text_printf("invalid option table: %s", why);
        free(why);
        return full;
    }
    return NULL;
}

static sl_module *load_file(const char *base, const char *origin,
                            const char *expected_name, char **message)
{
    if (ensure_ltdl() < 0) {
        *message =
            sl_text_printf("cannot initialise libltdl: %s", lt_dlerror());
        return NULL;
    }
    /* The exact file, so that a failure reports the dynamic loader's own
     * reason (an undefined symbol, a missing library) rather than what
     * the last extension tried gave: "file not found". */
    char file[4200];
    if (module_file(base, file, sizeof file) < 0) {
        *message = sl_text_printf("%s: cannot load plugin: no such file "
                                  "(nor %s.la, %s.so)",
                                  base, base, base);
        return NULL;
    }
    lt_dladvise advise;
    lt_dladvise_init(&advise);
    lt_dladvise_local(&advise);
    lt_dlhandle handle = lt_dlopenadvise(file, advise);
    lt_dladvise_destroy(&advise);
    if (!handle) {
        const char *ltdl_reason = lt_dlerror();
        char *why =
            dlopen_reason(file, ltdl_reason ? ltdl_reason : "unknown error");
        /* dlerror() names the shared object itself: do not say it twice */
        const char *reason = why ? why : "out of memory";
        size_t file_len = strlen(file);
        if (strncmp(reason, file, file_len) == 0 &&
            strncmp(reason + file_len, ": ", 2) == 0)
            reason += file_len + 2;
        *message = sl_text_printf("%s: cannot load plugin: %s", file, reason);
        free(why);
        return NULL;
    }
    const lt_dlinfo *info = lt_dlgetinfo(handle);
    const char *path = info && info->filename ? info->filename : base;
    const sl_plugin *plugin = lt_dlsym(handle, "sluice_plugin");
    if (!plugin) {
        *message = sl_text_printf("%s: not a sluice plugin (it exports no "
                                  "NAME_LTX_sluice_plugin descriptor)",
                                  path);
        lt_dlclose(handle);
        return NULL;
    }
    if (plugin->abi_major != SL_ABI_MAJOR || plugin->abi_minor > SL_ABI_MINOR) {
        *message = sl_text_printf(
            "%s: plugin built for sluice plugin ABI %u.%u, but this sluice "
            "provides ABI %d.%d; rebuild the plugin against this sluice's "
            "headers",
            path, plugin->abi_major, plugin->abi_minor, SL_ABI_MAJOR,
            SL_ABI_MINOR);
        lt_dlclose(handle);
        return NULL;
    }
    if (!plugin->name || !plugin->process ||
        (expected_name && strcmp(plugin->name, expected_name) != 0)) {
        *message = sl_text_printf("%s: invalid descriptor (name '%s', %s)",
                                  path, plugin->name ? plugin->name : "(none)",
                                  plugin->process ? "expected name differs"
                                                  : "no process function");
        lt_dlclose(handle);
        return NULL;
    }
    char *problem = descriptor_problem(plugin);
    if (problem) {
        *message = sl_text_printf("%s: plugin '%s' refused: %s", path,
                                  plugin->name, problem);
        free(problem);
        lt_dlclose(handle);
        return NULL;
    }
    sl_module *m = calloc(1, sizeof *m);
    if (!m || !(m->path = strdup(path))) {
        free(m);
        lt_dlclose(handle);
        *message = strdup("out of memory");
        return NULL;
    }
    m->plugin = plugin;
    m->origin = origin;
    m->handle = handle;
    return m;
}

sl_module *sl_module_load(const char *name, char **message)
{
    *message = NULL;
    if (!valid_plugin_name(name)) {
        *message = sl_text_printf("'%s' is not a plugin name (lower-case "
                                  "letters, digits and '_')",
                                  name);
        return NULL;
    }
    search_path sp;
    search_path_build(&sp);
    char searched[2048] = "";
    for (size_t i = 0; i < sp.n; i++) {
        char base[4096];
        if (candidate(&sp.dirs[i], name, base, sizeof base)) {
            sl_module *m = load_file(base, sp.dirs[i].origin, name, message);
            search_path_free(&sp);
            return m;
        }
        size_t used = strlen(searched);
        snprintf(searched + used, sizeof searched - used, "%s%s",
                 used ? ", " : "", sp.dirs[i].dir);
    }
    search_path_free(&sp);
    *message = sl_text_printf("plugin '%s' not found (searched %s); set "
                              "SLUICE_PLUGIN_PATH to the folder that holds "
                              "%s.so",
                              name, searched, name);
    return NULL;
}

sl_module *sl_module_load_path(const char *path, char **message)
{
    *message = NULL;
    char base[4096];
    snprintf(base, sizeof base, "%s", path);
    return load_file(base, "path", NULL, message);
}

bool sl_plugin_ordered_on_any_thread(const sl_plugin *plugin)
{
    return (plugin->flags & SL_STAGE_ORDERED) && plugin->abi_minor >= 5 &&
           (plugin->flags & SL_STAGE_ANY_THREAD);
}

void sl_module_unload(sl_module *module)
{
    if (!module)
        return;
    lt_dlclose((lt_dlhandle)module->handle);
    free(module->path);
    free(module);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Plugin names present in one search folder, sorted. */
static size_t names_in_dir(const search_dir *d, char **names, size_t max)
{
    DIR *dir = opendir(d->dir);
    if (!dir)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < max) {
        char name[256];
        if (d->per_plugin) {
            if (e->d_name[0] == '.')
                continue;
            snprintf(name, sizeof name, "%s", e->d_name);
        } else {
            size_t len = strlen(e->d_name);
            if (len < 4 || (strcmp(e->d_name + len - 3, ".la") != 0 &&
                            strcmp(e->d_name + len - 3, ".so") != 0))
                continue;
            snprintf(name, sizeof name, "%.*s", (int)(len - 3), e->d_name);
        }
        if (!valid_plugin_name(name))
            continue;
        char base[4096];
        if (!candidate(d, name, base, sizeof base))
            continue;
        int dup = 0;
        for (size_t i = 0; i < n; i++)
            dup |= strcmp(names[i], name) == 0;
        if (!dup && (names[n] = strdup(name)))
            n++;
    }
    closedir(dir);
    qsort(names, n, sizeof *names, compare_names);
    return n;
}

void sl_module_foreach(sl_module_visit_fn fn, sl_module_failed_fn failed,
                       void *user)
{
    search_path sp;
    search_path_build(&sp);
    char *seen[512];
    size_t n_seen = 0;
    for (size_t i = 0; i < sp.n; i++) {
        char *names[256];
        size_t n = names_in_dir(&sp.dirs[i], names, 256);
        for (size_t j = 0; j < n; j++) {
            int dup = 0;
            for (size_t k = 0; k < n_seen; k++)
                dup |= strcmp(seen[k], names[j]) == 0;
            if (dup || n_seen >= 512) {
                free(names[j]);
                continue;
            }
            seen[n_seen++] = names[j];
            char base[4096], *message = NULL;
            candidate(&sp.dirs[i], names[j], base, sizeof base);
            sl_module *m =
                load_file(base, sp.dirs[i].origin, names[j], &message);
            if (m) {
                fn(m, user);
                sl_module_unload(m);
            } else if (failed) {
                char file[4200];
                if (module_file(base, file, sizeof file) < 0)
                    snprintf(file, sizeof file, "%s", base);
                failed(names[j], file, message ? message : "out of memory",
                       user);
            }
            free(message);
        }
    }
    for (size_t k = 0; k < n_seen; k++)
        free(seen[k]);
    search_path_free(&sp);
}

typedef struct name_list {
    char **names;
    size_t n, cap;
} name_list;

static void collect_name(const sl_module *m, void *user)
{
    name_list *list = user;
    if (list->n + 1 >= list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        char **bigger = realloc(list->names, cap * sizeof *bigger);
        if (!bigger)
            return;
        list->names = bigger;
        list->cap = cap;
    }
    list->names[list->n] = strdup(m->plugin->name);
    if (list->names[list->n])
        list->n++;
    list->names[list->n] = NULL;
}

char **sl_module_names(void)
{
    name_list list = {0};
    sl_module_foreach(collect_name, NULL, &list);
    if (!list.names)
        list.names = calloc(1, sizeof *list.names);
    return list.names;
}
