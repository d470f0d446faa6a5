# bench/local.mk - `make bench`: the batch benchmarks (bench/run-bench.sh:
# text and HTML corpora at -j1 and -j2, scaling, the 1 GiB memory check).
# The corpus generator bench/gencorpus is built with the tests
# (core/engine.mk).
bench: sluice bench/gencorpus $(pkglib_LTLIBRARIES)
	$(SHELL) $(srcdir)/bench/run-bench.sh $(abs_top_builddir)

EXTRA_DIST += bench/run-bench.sh

# bench/bench-stages.sh: MB per CPU second of each stage alone and of the
# default pipeline, as a Markdown table.
bench-stages: sluice bench/gencorpus $(pkglib_LTLIBRARIES)
	$(SHELL) $(srcdir)/bench/bench-stages.sh $(abs_top_builddir)

bench: bench-stages
.PHONY: bench-stages

EXTRA_DIST += bench/bench-stages.sh
