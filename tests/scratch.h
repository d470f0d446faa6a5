/* tests/scratch.h - the test programs' scratch folder: one fresh
 * temporary folder per test (made in a suite's .init, removed with all
 * below it in its .fini), paths inside it, and whole files written to
 * and read from it. Failures to do so fail the test at once.
 */
#ifndef SLUICE_TESTS_SCRATCH_H
#define SLUICE_TESTS_SCRATCH_H

#include <stddef.h>

/* Makes /tmp/sluice-TAG-XXXXXX and returns its path. */
const char *scratch_make(const char *tag);

/* Removes the folder made by scratch_make and everything below it. */
void scratch_remove(void);

/* The folder made by scratch_make. */
const char *scratch_dir(void);

/* NAME inside the folder. The result lives in one of eight static
 * buffers used in turn, so up to eight paths can be held at once. */
const char *scratch_path(const char *name);

/* Writes len bytes of data to NAME inside the folder; returns its path. */
const char *scratch_write(const char *name, const void *data, size_t len);

/* Writes the string text to NAME inside the folder; returns its path. */
const char *scratch_write_text(const char *name, const char *text);

/* The whole file at path, NUL-terminated, in a malloc'd buffer (the
 * caller frees it), its length in *len when len is not NULL; NULL when
 * the file cannot be opened. */
char *scratch_try_read(const char *path, size_t *len);

/* scratch_try_read of a file that must be there: fails the test when it
 * cannot be opened. */
char *scratch_read(const char *path, size_t *len);

#endif
