# core/readers.mk - the input side of libsluice: decompression, formats,
# folders, UTF-8 validation.
READER_SOURCES = core/reader.h core/reader.c core/read_error.h \
	core/input_error.h core/input_error.c \
	core/sha256.h core/sha256.c \
	core/input_walk.h core/input_walk.c \
	core/input_source.h core/input_source.c \
	core/input_wait.h core/input_wait.c \
	core/input_buffer.h core/input_buffer.c \
	core/input_record.h core/input_record.c core/utf8_valid.h \
	core/input_charset.h core/input_charset.c \
	core/input_charset_shape.h core/input_charset_shape.c \
	core/input_json.h core/input_json_internal.h core/input_json.c \
	core/input_json_escape.c core/input_json_text.c \
	core/input_big_numbers.h core/input_big_numbers.c \
	core/input_jsonl.h core/input_jsonl.c \
	core/input_http.h core/input_http.c \
	core/input_warc.h core/input_warc.c \
	core/input_warc_doc.h core/input_warc_doc.c

if HAVE_CRITERION
check_PROGRAMS += tests/test_reader
TESTS += tests/test_reader
tests_test_reader_SOURCES = tests/test_reader.c tests/scratch.c tests/scratch.h
tests_test_reader_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS)
tests_test_reader_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) $(ZLIB_LIBS) $(ZSTD_LIBS)
check_PROGRAMS += tests/test_warc
TESTS += tests/test_warc
tests_test_warc_SOURCES = tests/test_warc.c tests/scratch.c tests/scratch.h
tests_test_warc_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_warc_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
endif

if HAVE_CRITERION
check_PROGRAMS += tests/test_sha256
TESTS += tests/test_sha256
tests_test_sha256_SOURCES = tests/test_sha256.c
tests_test_sha256_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_sha256_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS)
endif

# The WARC generator, shared by the WARC tests and the benchmark.
check_PROGRAMS += bench/genwarc
bench_genwarc_SOURCES = bench/genwarc.c
bench_genwarc_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS) $(ZSTD_CFLAGS)
bench_genwarc_LDADD = $(ZLIB_LIBS) $(ZSTD_LIBS)

WARC_SHELL_TESTS = tests/engine/warc.sh
TESTS += $(WARC_SHELL_TESTS)
EXTRA_DIST += $(WARC_SHELL_TESTS)
