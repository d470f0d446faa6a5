# plugins/boilerplate/local.mk - the boilerplate stage: block scoring with
# reasons, plain-text title, context smoothing, corpus learning.
pkglib_LTLIBRARIES += plugins/boilerplate/boilerplate.la
plugins_boilerplate_boilerplate_la_SOURCES = \
	plugins/boilerplate/boilerplate.c \
	plugins/boilerplate/bp_internal.h \
	plugins/boilerplate/bp_measure.c \
	plugins/boilerplate/bp_lexicon.h plugins/boilerplate/bp_lexicon.c \
	plugins/boilerplate/bp_text.c \
	plugins/boilerplate/bp_html.c \
	plugins/boilerplate/bp_context.c \
	plugins/boilerplate/bp_learn.h plugins/boilerplate/bp_learn.c \
	plugins/html/html_hints.h
plugins_boilerplate_boilerplate_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_boilerplate_boilerplate_la_LIBADD = $(PLUGIN_LIBADD) $(PTHREAD_LIBS)
