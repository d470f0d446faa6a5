# plugins/exec/local.mk - the exec stage (a user's command in any language,
# spoken to in JSON lines), its examples and its tests.
pkglib_LTLIBRARIES += plugins/exec/exec.la
plugins_exec_exec_la_SOURCES = plugins/exec/exec.c plugins/exec/child.h \
	plugins/exec/child.c
plugins_exec_exec_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_exec_exec_la_LIBADD = $(PLUGIN_LIBADD)

EXEC_SHELL_TESTS = tests/exec/examples.sh tests/exec/failures.sh
TESTS += $(EXEC_SHELL_TESTS)
EXTRA_DIST += $(EXEC_SHELL_TESTS) tests/exec/corpus.jsonl \
	tests/exec/misbehave.py doc/examples/exec/langfilter.py \
	doc/examples/exec/mentions.sh
