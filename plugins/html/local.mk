# plugins/html/local.mk - the html stage: libxml2 HTML parsing into blocks.
pkglib_LTLIBRARIES += plugins/html/html.la
plugins_html_html_la_SOURCES = \
	plugins/html/html.c \
	plugins/html/html_internal.h plugins/html/html_hints.h \
	plugins/html/html_charset.c \
	plugins/html/html_strip.c \
	plugins/html/html_tags.h plugins/html/html_tags.c \
	plugins/html/html_classes.h plugins/html/html_classes.c \
	plugins/html/html_walk.c \
	plugins/html/html_main.c \
	plugins/html/html_title.c
plugins_html_html_la_CFLAGS = $(AM_CFLAGS) $(LIBXML2_CFLAGS)
plugins_html_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_html_html_la_LIBADD = $(PLUGIN_LIBADD) $(LIBXML2_LIBS)
