# plugins/figures/local.mk - the figures stage: quantities, years, dates
# and placeholders as "figure" spans; captions and references to them.
pkglib_LTLIBRARIES += plugins/figures/figures.la
plugins_figures_figures_la_SOURCES = \
	plugins/figures/figures.h \
	plugins/figures/chars.c \
	plugins/figures/digits.c \
	plugins/figures/numerals_zh.c \
	plugins/figures/numerals_en.c \
	plugins/figures/units.c \
	plugins/figures/context.c \
	plugins/figures/scan.c \
	plugins/figures/captions.h \
	plugins/figures/captions.c \
	plugins/figures/figures.c
plugins_figures_figures_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_figures_figures_la_LIBADD = $(PLUGIN_LIBADD) -lm
