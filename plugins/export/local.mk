# plugins/export/local.mk - the export stage (one file per format) and its
# tests, with the tests of the output layer (core/output.c).
EXPORT_SOURCES = \
	plugins/export/export.h plugins/export/export.c \
	plugins/export/outbuf.c plugins/export/doc_view.c \
	plugins/export/record_json.c plugins/export/chunks.c \
	plugins/export/format_jsonl.c plugins/export/format_text.c \
	plugins/export/format_markdown.c plugins/export/format_csv.c \
	plugins/export/format_sqlite.c plugins/export/format_explain.c

pkglib_LTLIBRARIES += plugins/export/export.la
plugins_export_export_la_SOURCES = $(EXPORT_SOURCES)
plugins_export_export_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
plugins_export_export_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_export_export_la_LIBADD = $(PLUGIN_LIBADD) $(SQLITE_LIBS)
