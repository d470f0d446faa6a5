# core/local.mk - libsluice (the document model, contexts, options, plugin
# loading, pipeline files, readers, the engine) and the sluice command.
include core/readers.mk
include core/output.mk
include core/engine.mk

lib_LTLIBRARIES += libsluice.la
libsluice_la_SOURCES = \
	core/arena.h core/arena.c \
	core/docs.h core/doc.c core/doc_check.c \
	core/text.c \
	core/messages.h core/messages.c \
	core/ctx.h core/ctx.c \
	core/options.h core/options.c \
	core/option_range.h core/option_range.c \
	core/loader.h core/loader.c \
	core/json_pos.h core/json_pos.c \
	core/pipeline.h core/pipeline.c \
	core/default_pipeline.c \
	core/engine.h core/engine.c \
	$(READER_SOURCES) $(OUTPUT_SOURCES) $(ENGINE_SOURCES)
libsluice_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS) $(UTF8PROC_CFLAGS)
libsluice_la_LIBADD = $(LTDL_LIBS) $(JANSSON_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS) $(UTF8PROC_LIBS) $(PTHREAD_LIBS)
libsluice_la_LDFLAGS = -version-info 0:0:0 -no-undefined

pkginclude_HEADERS += include/sluice/sluice.h include/sluice/doc.h \
	include/sluice/plugin.h include/sluice/output.h include/sluice/text.h

bin_PROGRAMS += sluice
sluice_SOURCES = core/cli.h core/cli_main.c core/cli_run.c core/cli_info.c \
	core/cli_test_stage.c core/check_warnings.h core/check_warnings.c \
	core/cli_report.c
sluice_LDADD = libsluice.la $(JANSSON_LIBS) $(LTDL_LIBS) $(PTHREAD_LIBS)
