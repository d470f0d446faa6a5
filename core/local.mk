# core/local.mk - libsluice (the document model, contexts, options, plugin
# loading, pipeline files, readers, the engine) and the sluice command.
include core/readers.mk
include core/output.mk
include core/engine.mk

noinst_LTLIBRARIES += libsluice_core.la
libsluice_core_la_SOURCES = \
	core/arena.h core/arena.c core/spares.h core/spares.c \
	core/docs.h core/doc.c core/doc_check.c core/doc_edit.c core/doc_text.c \
	core/text.c core/text_count.h \
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
libsluice_core_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS) $(UTF8PROC_CFLAGS)
libsluice_core_la_LIBADD = $(LTDL_LIBS) $(JANSSON_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS) $(UTF8PROC_LIBS) $(PTHREAD_LIBS)

# The plugin kit's library: the core, exporting only what
# include/sluice/*.h declares (tests/exports.sh checks both lists agree).
lib_LTLIBRARIES += libsluice.la
libsluice_la_SOURCES =
libsluice_la_LIBADD = libsluice_core.la
libsluice_la_LDFLAGS = -version-info 0:0:0 -no-undefined \
	-export-symbols $(srcdir)/core/libsluice.sym
EXTRA_libsluice_la_DEPENDENCIES = core/libsluice.sym
EXTRA_DIST += core/libsluice.sym

# The same list for programs that host plugins (SLUICE_HOST_EXPORTS).
core/libsluice.dynlist: core/libsluice.sym
	$(AM_V_GEN)$(MKDIR_P) core && { echo '{'; \
	  sed 's/.*/  &;/' $(srcdir)/core/libsluice.sym; echo '};'; } > $@
BUILT_SOURCES += core/libsluice.dynlist
CLEANFILES += core/libsluice.dynlist
# ... with each of them named undefined (options for ld, read with
# -Wl,@FILE), so the link takes the core's file that defines a function
# even when the program itself never calls it.
core/libsluice.undefined: core/libsluice.sym
	$(AM_V_GEN)$(MKDIR_P) core && \
	  sed 's/.*/--undefined=&/' $(srcdir)/core/libsluice.sym > $@
BUILT_SOURCES += core/libsluice.undefined
CLEANFILES += core/libsluice.undefined

pkginclude_HEADERS += include/sluice/sluice.h include/sluice/doc.h \
	include/sluice/plugin.h include/sluice/output.h include/sluice/text.h \
	include/sluice/invariant.h

bin_PROGRAMS += sluice
sluice_SOURCES = core/cli.h core/cli_main.c core/cli_log.c core/cli_run.c core/cli_info.c \
	core/cli_test_stage.c core/check_warnings.h core/check_warnings.c \
	core/cli_report.c
# The program also needs libsluice.so itself, unused: a plugin built out
# of tree names it (-lsluice) without knowing where it is installed, and
# finds it already loaded. --no-as-needed keeps the dependency although
# no symbol comes from it.
sluice_LDADD = $(SLUICE_CORE_LIBS) libsluice.la $(JANSSON_LIBS) $(LTDL_LIBS) \
	$(PTHREAD_LIBS)
sluice_LDFLAGS = $(SLUICE_HOST_EXPORTS) -Wl,--no-as-needed
EXTRA_sluice_DEPENDENCIES = core/libsluice.dynlist core/libsluice.undefined
