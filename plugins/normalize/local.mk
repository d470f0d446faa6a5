# plugins/normalize/local.mk - the normalize stage.
pkglib_LTLIBRARIES += plugins/normalize/normalize.la
plugins_normalize_normalize_la_SOURCES = plugins/normalize/normalize.c
plugins_normalize_normalize_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_normalize_normalize_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_normalize_normalize_la_LIBADD = $(PLUGIN_LIBADD) $(UTF8PROC_LIBS)
