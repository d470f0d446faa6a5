# plugins/html/local.mk - the html stage: libxml2 HTML parsing into blocks.
pkglib_LTLIBRARIES += plugins/html/html.la
plugins_html_html_la_SOURCES = \
	plugins/html/html.c \
	plugins/html/html_internal.h \
	plugins/html/html_strip.c \
	plugins/html/html_tags.h plugins/html/html_tags.c \
	plugins/html/html_classes.h plugins/html/html_classes.c \
	plugins/html/html_walk_internal.h \
	plugins/html/html_walk.c \
	plugins/html/html_walk_text.c \
	plugins/html/html_walk_blocks.c \
	plugins/html/html_walk_element.c \
	plugins/html/html_walk_wrappers.c \
	plugins/html/html_main_internal.h \
	plugins/html/html_main.c \
	plugins/html/html_main_prepare.c \
	plugins/html/html_main_score.c \
	plugins/html/html_main_top.c \
	plugins/html/html_main_bounds.c \
	plugins/html/html_main_parts.c \
	plugins/html/html_main_entries.c \
	plugins/html/html_main_weak.c \
	plugins/html/html_pagetype_internal.h \
	plugins/html/html_pagetype.c \
	plugins/html/html_pagetype_signals.c \
	plugins/html/html_pagetype_groups.c \
	plugins/html/html_pagetype_layout.c \
	plugins/html/html_pagetype_post_lines.c \
	plugins/html/html_pagetype_mark.c \
	plugins/html/html_pagetype_list.c \
	plugins/html/html_pagetype_single.c \
	plugins/html/html_post_text.c \
	plugins/html/html_time.c \
	plugins/html/html_title.c \
	plugins/html/html_meta.h plugins/html/html_meta.c \
	plugins/html/html_jsonld.c \
	plugins/html/html_meta_marked.c \
	plugins/html/html_byline.h plugins/html/html_byline.c \
	plugins/html/html_byline_names.c plugins/html/html_byline_zh.c \
	plugins/html/html_byline_en.c plugins/html/html_byline_dates.c \
	plugins/html/html_byline_lines.c \
	plugins/html/html_date.c \
	plugins/html/html_lang.c
plugins_html_html_la_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
plugins_html_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_html_html_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_html_html_la_LIBADD = $(PLUGIN_LIBADD) $(LIBXML2_LIBS)

if HAVE_CRITERION
check_PROGRAMS += tests/test_html
TESTS += tests/test_html
tests_test_html_SOURCES = tests/test_html.c $(plugins_html_html_la_SOURCES)
tests_test_html_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/html \
	-DTEST_DATA_DIR='"$(top_srcdir)/tests/data"'
tests_test_html_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(LIBXML2_CFLAGS)
tests_test_html_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(LIBXML2_LIBS)
endif
EXTRA_DIST += tests/data/html/gbk-page.html tests/data/html/big5-page.html

if HAVE_CRITERION
check_PROGRAMS += tests/test_html_main
TESTS += tests/test_html_main
tests_test_html_main_SOURCES = tests/test_html_main.c \
	$(plugins_html_html_la_SOURCES)
tests_test_html_main_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/html
tests_test_html_main_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(LIBXML2_CFLAGS)
tests_test_html_main_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(LIBXML2_LIBS)
endif

if HAVE_CRITERION
check_PROGRAMS += tests/test_html_meta
TESTS += tests/test_html_meta
tests_test_html_meta_SOURCES = tests/test_html_meta.c \
	$(plugins_html_html_la_SOURCES)
tests_test_html_meta_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/html
tests_test_html_meta_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(LIBXML2_CFLAGS)
tests_test_html_meta_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(LIBXML2_LIBS)
endif

if HAVE_CRITERION
check_PROGRAMS += tests/test_html_pagetype
TESTS += tests/test_html_pagetype
tests_test_html_pagetype_SOURCES = tests/test_html_pagetype.c \
	$(plugins_html_html_la_SOURCES)
tests_test_html_pagetype_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	$(LIBXML2_CFLAGS)
tests_test_html_pagetype_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) \
	$(JANSSON_LIBS) $(LIBXML2_LIBS)
endif
