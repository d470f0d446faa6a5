# plugins/export/local.mk - the export stage (one file per format) and its
# tests, with the tests of the output layer (core/output.c).
EXPORT_SOURCES = \
	plugins/export/export.h plugins/export/export.c \
	plugins/export/outbuf.c plugins/export/exact_g.c \
	plugins/export/doc_view.c plugins/export/figure_context.c \
	plugins/export/record_json_internal.h plugins/export/record_json.c \
	plugins/export/record_json_count.c plugins/export/record_json_figures.c \
	plugins/export/record_json_spans.c plugins/export/chunks.c \
	plugins/export/format_jsonl.c plugins/export/format_text.c \
	plugins/export/format_markdown.c plugins/export/format_csv.c \
	plugins/export/format_sqlite.c plugins/export/format_explain.c

pkglib_LTLIBRARIES += plugins/export/export.la
plugins_export_export_la_SOURCES = $(EXPORT_SOURCES)
plugins_export_export_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
plugins_export_export_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_export_export_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
plugins_export_export_la_LIBADD = $(PLUGIN_LIBADD) $(SQLITE_LIBS)
if HAVE_CRITERION
check_PROGRAMS += tests/test_export tests/test_output tests/test_gzip_blocks
TESTS += tests/test_export tests/test_output tests/test_gzip_blocks

tests_test_export_SOURCES = tests/test_export.c tests/scratch.c tests/scratch.h $(EXPORT_SOURCES)
tests_test_export_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(SQLITE_CFLAGS)
tests_test_export_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(SQLITE_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS)

tests_test_output_SOURCES = tests/test_output.c tests/scratch.c tests/scratch.h
tests_test_output_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(ZLIB_CFLAGS) \
	$(ZSTD_CFLAGS)
tests_test_output_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(ZLIB_LIBS) $(ZSTD_LIBS)

tests_test_gzip_blocks_SOURCES = tests/test_gzip_blocks.c
tests_test_gzip_blocks_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(ZLIB_CFLAGS)
tests_test_gzip_blocks_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) \
	$(JANSSON_LIBS) $(ZLIB_LIBS) -lpthread
endif
