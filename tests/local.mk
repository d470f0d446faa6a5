# tests/local.mk - Criterion unit tests of the core, and test modules.
if HAVE_CRITERION
CORE_TESTS = tests/test_arena_doc tests/test_text tests/test_pipeline \
	tests/test_loader tests/test_doc_check tests/test_option_table tests/test_abi_layout
check_PROGRAMS += $(CORE_TESTS)
TESTS += $(CORE_TESTS)
CORE_TEST_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
CORE_TEST_LDADD = libsluice.la $(CRITERION_LIBS) $(JANSSON_LIBS)
tests_test_arena_doc_SOURCES = tests/test_arena_doc.c
tests_test_arena_doc_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_arena_doc_LDADD = $(CORE_TEST_LDADD)
tests_test_doc_check_SOURCES = tests/test_doc_check.c
tests_test_doc_check_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_doc_check_LDADD = $(CORE_TEST_LDADD) -lm
tests_test_text_SOURCES = tests/test_text.c
tests_test_text_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_text_LDADD = $(CORE_TEST_LDADD)
tests_test_pipeline_SOURCES = tests/test_pipeline.c
tests_test_pipeline_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_pipeline_LDADD = $(CORE_TEST_LDADD)
tests_test_loader_SOURCES = tests/test_loader.c
tests_test_loader_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_loader_LDADD = $(CORE_TEST_LDADD)
tests_test_option_table_SOURCES = tests/test_option_table.c
tests_test_option_table_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_option_table_LDADD = $(CORE_TEST_LDADD)
tests_test_abi_layout_SOURCES = tests/test_abi_layout.c
tests_test_abi_layout_CFLAGS = $(CORE_TEST_CFLAGS)
tests_test_abi_layout_LDADD = $(CORE_TEST_LDADD)
endif

# A module built for a future ABI, for the loader's refusal test. -rpath
# makes libtool build a real module although it is never installed.
check_LTLIBRARIES += tests/plugins/wrongabi.la
tests_plugins_wrongabi_la_SOURCES = tests/plugins/wrongabi.c
tests_plugins_wrongabi_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere

# Modules the loader must refuse: one records an sl_block size other than
# the core's, one declares an option outside its state.
check_LTLIBRARIES += tests/plugins/wrongsize.la tests/plugins/badoption.la
tests_plugins_wrongsize_la_SOURCES = tests/plugins/wrongsize.c
tests_plugins_wrongsize_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_badoption_la_SOURCES = tests/plugins/badoption.c
tests_plugins_badoption_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere

# A module with an undefined symbol: the loader reports the dynamic
# loader's reason, and `sluice plugins` lists it as failing.
check_LTLIBRARIES += tests/plugins/undefsym.la
tests_plugins_undefsym_la_SOURCES = tests/plugins/undefsym.c
tests_plugins_undefsym_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere

# A stage that logs at every level and needs html (-q, -v, check).
check_LTLIBRARIES += tests/plugins/chatty.la
tests_plugins_chatty_la_SOURCES = tests/plugins/chatty.c
tests_plugins_chatty_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_chatty_la_LIBADD = $(PLUGIN_LIBADD)

# What sluice says when things go wrong (plugins, --set, abort, -q/-v,
# learn --help, a crash without --isolate, check's warnings).
TESTS += tests/engine/messages.sh
EXTRA_DIST += tests/engine/messages.sh
