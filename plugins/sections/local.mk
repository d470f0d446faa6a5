# plugins/sections/local.mk - the sections stage (headings, outline,
# paragraph repair, noise removal) and its unit tests.
SECTIONS_SOURCES = \
	plugins/sections/sections_internal.h \
	plugins/sections/sections.c \
	plugins/sections/markers.c \
	plugins/sections/markdown.c \
	plugins/sections/source_lines.c \
	plugins/sections/noise.c \
	plugins/sections/repair.c \
	plugins/sections/headings.c \
	plugins/sections/outline.c

pkglib_LTLIBRARIES += plugins/sections/sections.la
plugins_sections_sections_la_SOURCES = $(SECTIONS_SOURCES)
plugins_sections_sections_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_sections_sections_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_sections_sections_la_LIBADD = $(PLUGIN_LIBADD)

EXTRA_DIST += doc/sections.md tests/data/sections

if HAVE_CRITERION
check_PROGRAMS += tests/test_sections tests/test_repair
TESTS += tests/test_sections tests/test_repair
tests_test_sections_SOURCES = tests/test_sections.c $(SECTIONS_SOURCES)
tests_test_sections_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSECTIONS_TEST_DATA='"$(abs_top_srcdir)/tests/data/sections"'
tests_test_sections_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_sections_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
tests_test_repair_SOURCES = tests/test_repair.c $(SECTIONS_SOURCES)
tests_test_repair_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_repair_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
endif
