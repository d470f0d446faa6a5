# plugins/figures/local.mk - the figures stage: quantities, years, dates
# and placeholders as "figure" spans; captions and references to them.
pkglib_LTLIBRARIES += plugins/figures/figures.la
# The scanner: the stage's sources less its captions and entry point
# (bench/bench_figures runs the scanner alone).
figures_scanner_sources = \
	plugins/figures/figures.h \
	plugins/figures/chars.c \
	plugins/figures/decimal.c \
	plugins/figures/digits.c \
	plugins/figures/numerals_zh.c \
	plugins/figures/numerals_en.c \
	plugins/figures/unit_table.h \
	plugins/figures/unit_table.c \
	plugins/figures/units.c \
	plugins/figures/money_zh.c \
	plugins/figures/discount.c \
	plugins/figures/context.c \
	plugins/figures/relation.c \
	plugins/figures/rules.c \
	plugins/figures/scan_cand.h \
	plugins/figures/scan_rules.h \
	plugins/figures/rules_shape.h \
	plugins/figures/rules_context.h \
	plugins/figures/rules_suffix.h \
	plugins/figures/rules_use.h \
	plugins/figures/rules_rough.h \
	plugins/figures/rule_phases.h \
	plugins/figures/money_after.h \
	plugins/figures/ranges.h \
	plugins/figures/bounds.h \
	plugins/figures/read_numeral.c \
	plugins/figures/classify.c \
	plugins/figures/money_after.c \
	plugins/figures/ranges.c \
	plugins/figures/half_and_temperature.c \
	plugins/figures/candidate.c \
	plugins/figures/scan.c
plugins_figures_figures_la_SOURCES = $(figures_scanner_sources) \
	plugins/figures/captions.h \
	plugins/figures/captions.c \
	plugins/figures/label_find.c \
	plugins/figures/figures.c
plugins_figures_figures_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_figures_figures_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_figures_figures_la_LIBADD = $(PLUGIN_LIBADD) -lm $(PTHREAD_LIBS)

EXTRA_DIST += doc/figures.md

if HAVE_CRITERION
check_PROGRAMS += tests/test_figures
TESTS += tests/test_figures
tests_test_figures_SOURCES = tests/test_figures.c \
	$(plugins_figures_figures_la_SOURCES)
tests_test_figures_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_figures_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif

# Ranges and conditions, codes and addresses (tests/test_figure_conditions.c).
if HAVE_CRITERION
check_PROGRAMS += tests/test_figure_conditions
TESTS += tests/test_figure_conditions
tests_test_figure_conditions_SOURCES = tests/test_figure_conditions.c \
	$(plugins_figures_figures_la_SOURCES)
tests_test_figure_conditions_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_figure_conditions_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif

# Figures in sentences, one case a line (tests/data/figures/cases.jsonl).
if HAVE_CRITERION
check_PROGRAMS += tests/test_figure_cases
TESTS += tests/test_figure_cases
tests_test_figure_cases_SOURCES = tests/test_figure_cases.c \
	$(plugins_figures_figures_la_SOURCES)
tests_test_figure_cases_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	-DFIGURES_TEST_DATA='"$(abs_top_srcdir)/tests/data/figures"'
tests_test_figure_cases_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif

# The rules that set numbers aside, each on its example.
if HAVE_CRITERION
check_PROGRAMS += tests/test_figure_rules
TESTS += tests/test_figure_rules
tests_test_figure_rules_SOURCES = tests/test_figure_rules.c \
	$(plugins_figures_figures_la_SOURCES)
tests_test_figure_rules_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_figure_rules_LDADD = libsluice.la $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif

# The scanner's benchmark: bench/bench_figures [FILE] [MEGABYTES].
noinst_PROGRAMS += bench/bench_figures
bench_bench_figures_SOURCES = bench/bench_figures.c bench/report_paragraphs.h \
	$(figures_scanner_sources)
bench_bench_figures_CFLAGS = $(AM_CFLAGS) -O2
bench_bench_figures_LDADD = $(SLUICE_CORE_LIBS) -lm $(PTHREAD_LIBS)

# The values of figures as the exporter writes them (tests/data/figures).
if HAVE_CRITERION
check_PROGRAMS += tests/test_figure_values
TESTS += tests/test_figure_values
tests_test_figure_values_SOURCES = tests/test_figure_values.c \
	$(plugins_figures_figures_la_SOURCES) \
	plugins/export/export.h plugins/export/outbuf.c plugins/export/exact_g.c
tests_test_figure_values_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	-DFIGURES_TEST_DATA='"$(abs_top_srcdir)/tests/data/figures"'
tests_test_figure_values_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif
EXTRA_DIST += tests/data/figures

# The fast paths against their one-at-a-time versions.
if HAVE_CRITERION
check_PROGRAMS += tests/test_figure_fastpaths
TESTS += tests/test_figure_fastpaths
tests_test_figure_fastpaths_SOURCES = tests/test_figure_fastpaths.c \
	$(plugins_figures_figures_la_SOURCES)
tests_test_figure_fastpaths_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_figure_fastpaths_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) -lm $(PTHREAD_LIBS)
endif
