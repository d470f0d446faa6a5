# plugins/boilerplate/local.mk - the boilerplate stage: block scoring with
# reasons, plain-text title, context smoothing, corpus learning.
pkglib_LTLIBRARIES += plugins/boilerplate/boilerplate.la
plugins_boilerplate_boilerplate_la_SOURCES = \
	plugins/boilerplate/boilerplate.c \
	plugins/boilerplate/bp_internal.h \
	plugins/boilerplate/bp_reasons.h plugins/boilerplate/bp_reasons.c \
	plugins/boilerplate/bp_measure.c \
	plugins/boilerplate/bp_lexicon.h plugins/boilerplate/bp_lexicon.c \
	plugins/boilerplate/bp_text.c \
	plugins/boilerplate/bp_html.c \
	plugins/boilerplate/bp_refs.c \
	plugins/boilerplate/bp_tail.c \
	plugins/boilerplate/bp_signature.c \
	plugins/boilerplate/bp_credit.c \
	plugins/boilerplate/bp_follow.c \
	plugins/boilerplate/bp_contributor.c \
	plugins/boilerplate/bp_section_head.c \
	plugins/boilerplate/bp_repeat.c \
	plugins/boilerplate/bp_context.c \
	plugins/boilerplate/bp_learn.h plugins/boilerplate/bp_learn.c
plugins_boilerplate_boilerplate_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_boilerplate_boilerplate_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_boilerplate_boilerplate_la_LIBADD = $(PLUGIN_LIBADD) $(PTHREAD_LIBS)

if HAVE_CRITERION
check_PROGRAMS += tests/test_boilerplate
TESTS += tests/test_boilerplate
tests_test_boilerplate_SOURCES = tests/test_boilerplate.c \
	$(plugins_boilerplate_boilerplate_la_SOURCES)
tests_test_boilerplate_CPPFLAGS = $(AM_CPPFLAGS) \
	-DTEST_DATA_DIR='"$(top_srcdir)/tests/data"' \
	-DDOC_DIR='"$(top_srcdir)/doc"'
tests_test_boilerplate_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_boilerplate_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) \
	$(JANSSON_LIBS) $(PTHREAD_LIBS)
endif
EXTRA_DIST += tests/data/boilerplate/template-site.txt

# The reason table of doc/boilerplate.md, printed from bp_reasons.c for
# doc/gen-boilerplate-reasons.sh (test_boilerplate checks the doc agrees).
noinst_PROGRAMS += plugins/boilerplate/bp-reasons
plugins_boilerplate_bp_reasons_SOURCES = plugins/boilerplate/bp_reasons_md.c \
	plugins/boilerplate/bp_reasons.h plugins/boilerplate/bp_reasons.c

# The stages' benchmark: bench/bench_boilerplate [MEGABYTES] FILE...
noinst_PROGRAMS += bench/bench_boilerplate
bench_bench_boilerplate_SOURCES = bench/bench_boilerplate.c \
	$(plugins_html_html_la_SOURCES) \
	$(plugins_boilerplate_boilerplate_la_SOURCES)
bench_bench_boilerplate_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS) -O2
bench_bench_boilerplate_LDADD = $(SLUICE_CORE_LIBS) $(JANSSON_LIBS) $(LIBXML2_LIBS) \
	$(PTHREAD_LIBS)
