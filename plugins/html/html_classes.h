/* plugins/html/html_classes.h - hints and weights from class and id
 * attribute values.
 */
#ifndef SLUICE_HTML_CLASSES_H
#define SLUICE_HTML_CLASSES_H

#include <stddef.h>
#include <stdint.h>

/* Looks at one lower-cased class or id value of len bytes: ORs the hints
 * it gives into *hints and adds its weight (the strongest positive word
 * plus the strongest negative word) to *weight. */
void html_class_judge(const char *lower, size_t len, uint32_t *hints,
                      int *weight);

#endif
