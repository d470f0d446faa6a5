# plugins/quality/local.mk - the quality stage.
pkglib_LTLIBRARIES += plugins/quality/quality.la
plugins_quality_quality_la_SOURCES = plugins/quality/quality.c \
	plugins/quality/quality_measure.c plugins/quality/quality_measure.h
plugins_quality_quality_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_quality_quality_la_LIBADD = $(PLUGIN_LIBADD)

# Each rule on a document that trips it and one that does not, and the
# defaults' precision and recall on the labelled set.
TESTS += tests/quality-rules.py tests/quality-set.sh
EXTRA_DIST += tests/quality-rules.py tests/quality-set.sh \
	tests/quality-eval.py tests/make-quality-set.py tests/quality-set.jsonl.gz

# The measures on small texts counted by hand.
if HAVE_CRITERION
check_PROGRAMS += tests/test_quality_measure
TESTS += tests/test_quality_measure
tests_test_quality_measure_SOURCES = tests/test_quality_measure.c \
	plugins/quality/quality_measure.c plugins/quality/quality_measure.h
tests_test_quality_measure_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	-I$(top_srcdir)/plugins/quality
tests_test_quality_measure_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS)
endif
