/* core/options.h - stores a stage's options into its state, driven by the
 * plugin's option table: defaults, type checks, choices, required options,
 * unknown names with a "did you mean" suggestion.
 */
#ifndef SLUICE_CORE_OPTIONS_H
#define SLUICE_CORE_OPTIONS_H

#include <jansson.h>
#include <sluice/plugin.h>

/* Stores defaults, then the values of `with` (a JSON object or NULL) into
 * state. On error returns -1 and sets *key to the offending key of `with`
 * (or NULL) and *message to a malloc'd sentence without position. */
int sl_options_bind(const sl_plugin *plugin, void *state, json_t *with,
                    const char **key, char **message);

/* Checks a plugin's option table before any option is stored: every
 * field fits in state_size and is aligned for its type, names are
 * [a-z0-9_]+ and used once, types are known, ranges parse, and defaults
 * parse and satisfy their type, choices and range. Returns 0, or -1 with
 * *message (malloc'd, naming the option). */
int sl_options_check_table(const sl_plugin *plugin, char **message);

/* Frees strings and lists the core stored into state. */
void sl_options_release(const sl_plugin *plugin, void *state);

/* The name of the option table entry `name` or NULL. */
const sl_option *sl_options_find(const sl_plugin *plugin, const char *name);

/* The candidate closest to name by edit distance, when close enough to be
 * a likely typo; else NULL. candidates ends with NULL. */
const char *sl_nearest_name(const char *name, const char *const *candidates);

/* "string", "integer", ... for messages and `sluice describe`. */
const char *sl_option_type_name(sl_opt_type type);

#endif
