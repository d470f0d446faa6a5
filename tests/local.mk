# tests/local.mk - Criterion unit tests of the core, and test modules.
if HAVE_CRITERION
CORE_TESTS = tests/test_arena_doc tests/test_text tests/test_pipeline \
	tests/test_loader tests/test_doc_check tests/test_option_table tests/test_abi_layout \
	tests/test_doc_edit
check_PROGRAMS += $(CORE_TESTS)
TESTS += $(CORE_TESTS)
CORE_TEST_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
CORE_TEST_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
tests_test_arena_doc_SOURCES = tests/test_arena_doc.c
tests_test_arena_doc_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_arena_doc_LDADD = $(CORE_TEST_LDADD)
tests_test_arena_doc_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_doc_edit_SOURCES = tests/test_doc_edit.c
tests_test_doc_edit_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_doc_edit_LDADD = $(CORE_TEST_LDADD)
tests_test_doc_edit_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_doc_check_SOURCES = tests/test_doc_check.c
tests_test_doc_check_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_doc_check_LDADD = $(CORE_TEST_LDADD) -lm
tests_test_text_SOURCES = tests/test_text.c
tests_test_text_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_text_LDADD = $(CORE_TEST_LDADD)
tests_test_text_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_pipeline_SOURCES = tests/test_pipeline.c
tests_test_pipeline_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_pipeline_LDADD = $(CORE_TEST_LDADD)
tests_test_pipeline_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_loader_SOURCES = tests/test_loader.c
tests_test_loader_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_loader_LDADD = $(CORE_TEST_LDADD)
tests_test_loader_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_option_table_SOURCES = tests/test_option_table.c
tests_test_option_table_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_option_table_LDADD = $(CORE_TEST_LDADD)
tests_test_option_table_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_abi_layout_SOURCES = tests/test_abi_layout.c
tests_test_abi_layout_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_abi_layout_LDADD = $(CORE_TEST_LDADD)
tests_test_abi_layout_LDFLAGS = $(SLUICE_HOST_EXPORTS)
endif

# A module built for a future ABI, for the loader's refusal test. -rpath
# makes libtool build a real module although it is never installed.
check_LTLIBRARIES += tests/plugins/wrongabi.la
tests_plugins_wrongabi_la_SOURCES = tests/plugins/wrongabi.c
tests_plugins_wrongabi_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_wrongabi_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)

# A module built for the previous ABI minor, which the loader takes.
check_LTLIBRARIES += tests/plugins/oldminor.la
tests_plugins_oldminor_la_SOURCES = tests/plugins/oldminor.c
tests_plugins_oldminor_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_oldminor_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)

# Modules the loader must refuse: one records an sl_block size other than
# the core's, one declares an option outside its state.
check_LTLIBRARIES += tests/plugins/wrongsize.la tests/plugins/badoption.la
tests_plugins_wrongsize_la_SOURCES = tests/plugins/wrongsize.c
tests_plugins_wrongsize_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_wrongsize_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_badoption_la_SOURCES = tests/plugins/badoption.c
tests_plugins_badoption_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_badoption_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)

# A module with an undefined symbol: the loader reports the dynamic
# loader's reason, and `sluice plugins` lists it as failing.
check_LTLIBRARIES += tests/plugins/undefsym.la
tests_plugins_undefsym_la_SOURCES = tests/plugins/undefsym.c
tests_plugins_undefsym_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_undefsym_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)

# A stage that logs at every level and needs html (-q, -v, check).
check_LTLIBRARIES += tests/plugins/chatty.la
tests_plugins_chatty_la_SOURCES = tests/plugins/chatty.c
tests_plugins_chatty_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_chatty_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_chatty_la_LIBADD = $(PLUGIN_LIBADD)

# What sluice says when things go wrong (plugins, --set, abort, -q/-v,
# learn --help, a crash without --isolate, check's warnings).
TESTS += tests/engine/messages.sh
EXTRA_DIST += tests/engine/messages.sh

# Standard output writes finished records 64 KB at a time and loses none:
# a crash writes the finished ones out, whole and once; a slow producer's
# records go out before the reader waits.
TESTS += tests/engine/streams.sh
EXTRA_DIST += tests/engine/streams.sh

# The SL_OPTION_* macros refuse, when compiling, a field whose C type is
# not its option's.
TESTS += tests/option-types.sh
EXTRA_DIST += tests/option-types.sh

# libsluice.so exports exactly the public API, and so does the sluice
# program to its plugins.
TESTS += tests/exports.sh
EXTRA_DIST += tests/exports.sh

# scripts/speed-doc.py writes doc/speed.md from make bench's kept output,
# and stops, naming it, when a figure or a benchmark is missing.
TESTS += tests/speed-doc.sh
EXTRA_DIST += tests/speed-doc.sh tests/data/speed-doc/batch.txt \
	tests/data/speed-doc/dedup.txt tests/data/speed-doc/report.txt \
	tests/data/speed-doc/shapes.txt tests/data/speed-doc/stages.txt \
	tests/data/speed-doc/throughput.txt tests/data/speed-doc/warc.txt \
	tests/data/speed-doc/pages.txt
AM_TESTS_ENVIRONMENT += CPP='$(CPP)'; export CPP; CC='$(CC)'; export CC; \
	JANSSON_CFLAGS='$(JANSSON_CFLAGS)'; export JANSSON_CFLAGS;

# Hand-checked page metadata of the development data, scored by
# scripts/metadata-check.py (scripts/eval.sh).
EXTRA_DIST += tests/data/README.md tests/data/metadata-handchecked.jsonl
