/* core/check_warnings.c - the warnings of `sluice check` (see
 * check_warnings.h). */
#include "check_warnings.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool html_input(const sl_pipeline *p, const char *const *inputs,
                       size_t n_inputs)
{
    if (strcmp(p->input.format, "html") == 0 ||
        strcmp(p->input.content_type, "html") == 0)
        return true;
    if (strcmp(p->input.content_type, "text") == 0)
        return false;
    for (size_t i = 0; i < n_inputs; i++)
        if (ends_with(inputs[i], ".html") || ends_with(inputs[i], ".htm"))
            return true;
    return false;
}

static size_t stage_using(const sl_pipeline *p, const char *plugin,
                          size_t before)
{
    for (size_t i = 0; i < before; i++)
        if (strcmp(p->stages[i].plugin->name, plugin) == 0)
            return i;
    return before;
}

/* True when one of the stage's options that name a file it writes is
 * set. */
static bool stage_writes(const sl_stage *stage)
{
    const unsigned writes = SL_OPT_OUTPUT_PATH | SL_OPT_WRITES_FILE;
    for (const sl_option *o = stage->plugin->options; o && o->name; o++) {
        if (!(o->flags & writes) || (o->flags & SL_OPT_REMOVED) ||
            o->type != SL_OPT_STRING)
            continue;
        const char *path;
        memcpy(&path, (const char *)stage->state + o->offset, sizeof path);
        if (path && *path)
            return true;
    }
    return false;
}

/* The plugin's needs, for plugins built for ABI 1.2 or later (older
 * descriptors end before the field). */
static const char *needs_of(const sl_plugin *plugin)
{
    return plugin->abi_minor >= 2 ? plugin->needs : NULL;
}

static size_t warn_html_order(const sl_pipeline *p, sl_check_warn_fn warn,
                              void *user)
{
    size_t html = stage_using(p, "html", p->n_stages);
    char text[512];
    if (html == p->n_stages) {
        warn("the input is HTML but no stage uses the html plugin: every "
             "stage will see the markup as plain text",
             user);
        return 1;
    }
    size_t warnings = 0;
    for (size_t i = 0; i < html; i++) {
        snprintf(text, sizeof text,
                 "stage '%s' stands before the html stage on HTML input: "
                 "it will see the raw markup, not the page's text blocks",
                 p->stages[i].name);
        warn(text, user);
        warnings++;
    }
    return warnings;
}

static size_t warn_needs(const sl_pipeline *p, size_t i, sl_check_warn_fn warn,
                         void *user)
{
    const char *needs = needs_of(p->stages[i].plugin);
    size_t warnings = 0;
    while (needs && *needs) {
        size_t len = strcspn(needs, " ");
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)len, needs);
        if (len && stage_using(p, name, i) == i) {
            char text[512];
            snprintf(text, sizeof text,
                     "stage '%s' needs the %s plugin's work, but no stage "
                     "before it uses %s",
                     p->stages[i].name, name, name);
            warn(text, user);
            warnings++;
        }
        needs += len;
        needs += strspn(needs, " ");
    }
    return warnings;
}

size_t sl_check_warnings(const sl_pipeline *p, const char *const *inputs,
                         size_t n_inputs, sl_check_warn_fn warn, void *user)
{
    size_t warnings = 0;
    if (html_input(p, inputs, n_inputs))
        warnings += warn_html_order(p, warn, user);
    bool writes = false;
    for (size_t i = 0; i < p->n_stages; i++) {
        writes |= stage_writes(&p->stages[i]);
        warnings += warn_needs(p, i, warn, user);
    }
    if (!writes) {
        warn("no stage writes output (no export stage, and no stage has a "
             "file to write set): the run will only count documents",
             user);
        warnings++;
    }
    return warnings;
}
