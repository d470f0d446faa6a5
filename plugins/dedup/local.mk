# plugins/dedup/local.mk - the dedup stage, the sluice-dedup join tool and
# their tests.
DEDUP_CORE = plugins/dedup/dedup_index.h plugins/dedup/dedup_index.c \
	plugins/dedup/minhash.h plugins/dedup/minhash.c \
	plugins/dedup/dedup_record.h plugins/dedup/dedup_record.c

pkglib_LTLIBRARIES += plugins/dedup/dedup.la
plugins_dedup_dedup_la_SOURCES = plugins/dedup/dedup.c \
	plugins/dedup/dedup_text.h plugins/dedup/dedup_text.c \
	plugins/dedup/dedup_decisions.h plugins/dedup/dedup_decisions.c \
	$(DEDUP_CORE)
plugins_dedup_dedup_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS) \
	$(XXHASH_CFLAGS)
plugins_dedup_dedup_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_dedup_dedup_la_LIBADD = $(PLUGIN_LIBADD) $(UTF8PROC_LIBS) \
	$(XXHASH_LIBS)

bin_PROGRAMS += sluice-dedup
sluice_dedup_SOURCES = plugins/dedup/dedup_join.c plugins/dedup/dedup_join.h \
	plugins/dedup/dedup_join_sorted.c plugins/dedup/dedup_sort.h \
	plugins/dedup/dedup_sort.c $(DEDUP_CORE)
sluice_dedup_CFLAGS = $(AM_CFLAGS) $(XXHASH_CFLAGS)
sluice_dedup_LDADD = $(JANSSON_LIBS) $(XXHASH_LIBS)

if HAVE_CRITERION
check_PROGRAMS += tests/test_dedup
TESTS += tests/test_dedup
tests_test_dedup_SOURCES = tests/test_dedup.c plugins/dedup/dedup_text.c \
	plugins/dedup/dedup_decisions.c plugins/dedup/dedup_sort.c $(DEDUP_CORE)
tests_test_dedup_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) \
	$(UTF8PROC_CFLAGS) $(XXHASH_CFLAGS)
tests_test_dedup_LDADD = libsluice.la $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(UTF8PROC_LIBS) $(XXHASH_LIBS)
endif

DEDUP_SHELL_TESTS = tests/dedup/planted.sh tests/dedup/shards.sh
TESTS += $(DEDUP_SHELL_TESTS)
EXTRA_DIST += $(DEDUP_SHELL_TESTS) tests/dedup/plant.py tests/dedup/score.py \
	tests/dedup/make-originals.py tests/dedup/originals.jsonl.gz
