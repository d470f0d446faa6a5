# plugins/normalize/local.mk - the normalize stage.
pkglib_LTLIBRARIES += plugins/normalize/normalize.la
plugins_normalize_normalize_la_SOURCES = plugins/normalize/normalize.c \
	plugins/normalize/plain_run.h plugins/normalize/plain_run.c
plugins_normalize_normalize_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_normalize_normalize_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_normalize_normalize_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_normalize_normalize_la_LIBADD = $(PLUGIN_LIBADD) $(UTF8PROC_LIBS)

if HAVE_CRITERION
check_PROGRAMS += tests/test_normalize
TESTS += tests/test_normalize
tests_test_normalize_SOURCES = tests/test_normalize.c \
	$(plugins_normalize_normalize_la_SOURCES)
tests_test_normalize_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	$(UTF8PROC_CFLAGS)
tests_test_normalize_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(UTF8PROC_LIBS)
endif
