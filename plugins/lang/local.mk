# plugins/lang/local.mk - the lang stage: CLD2 through a small C++ shim.
pkglib_LTLIBRARIES += plugins/lang/lang.la
plugins_lang_lang_la_SOURCES = plugins/lang/lang.c plugins/lang/cld2_shim.cc \
	plugins/lang/cld2_shim.h
plugins_lang_lang_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_lang_lang_la_LIBADD = $(PLUGIN_LIBADD) $(CLD2_LIBS)
