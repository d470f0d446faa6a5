# fuzz/local.mk - hardening: `make fuzz` (scripts/fuzz.sh builds the
# libFuzzer targets of fuzz/ with clang outside automake and runs each for
# FUZZ_SECONDS), the hostile-input tests run by `make check`
# (tests/hostile/run.sh), and the memcheck and sanitizer runs of the whole
# suite (`make check-valgrind`, `make check-sanitizers`).
FUZZ_SECONDS = 60

.PHONY: fuzz-run check-valgrind check-sanitizers
fuzz-run:
	FUZZ_BUILD=$(abs_top_builddir)/fuzz-build \
	  $(top_srcdir)/scripts/fuzz.sh $(FUZZ_SECONDS)

check-valgrind: all
	$(top_srcdir)/scripts/valgrind-check.sh $(abs_top_builddir)

check-sanitizers:
	$(top_srcdir)/scripts/sanitizers-check.sh

TESTS += tests/hostile/run.sh

EXTRA_DIST += tests/hostile/run.sh tests/hostile/regressions \
	fuzz/fuzz_support.h fuzz/fuzz_support.c \
	fuzz/fuzz_reader_text.c fuzz/fuzz_reader_jsonl.c fuzz/fuzz_json_fast.c \
	fuzz/fuzz_reader_compressed.c fuzz/fuzz_reader_warc.c \
	fuzz/fuzz_pipeline_file.c \
	fuzz/fuzz_stage_html.c fuzz/fuzz_stage_normalize.c \
	fuzz/fuzz_stage_boilerplate.c fuzz/fuzz_stage_sections.c \
	fuzz/fuzz_stage_figures.c fuzz/fuzz_stage_chain.c \
	fuzz/fuzz_export_jsonl.c fuzz/seeds doc/reliability.md

.PHONY: clean-fuzz
clean-fuzz:
	rm -rf $(abs_top_builddir)/fuzz-build
