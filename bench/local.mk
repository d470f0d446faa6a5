# bench/local.mk - `make bench`: the batch benchmarks (bench/run-bench.sh:
# text and HTML corpora at -j1 and -j2, scaling, the 1 GiB memory check),
# the per-stage table and the pathological shapes (bench-shapes.sh).
# The corpus generator bench/gencorpus is built with the tests
# (core/engine.mk).
#
# Each benchmark's output is also kept in bench/results/NAME.txt of the
# build folder (bench/logged.sh); when all have run, scripts/speed-doc.py
# writes them into doc/speed.md, the one place that holds the speed and
# memory figures. A benchmark whose check fails stops `make bench`; `make
# -k bench; make speed-doc` runs the others and writes what was measured.
BENCH_RESULTS = $(abs_top_builddir)/bench/results
BENCH_LOGGED = $(SHELL) $(srcdir)/bench/logged.sh $(BENCH_RESULTS)

bench:
	$(srcdir)/scripts/speed-doc.py $(BENCH_RESULTS) -o $(srcdir)/doc/speed.md

speed-doc:
	$(srcdir)/scripts/speed-doc.py $(BENCH_RESULTS) -o $(srcdir)/doc/speed.md
.PHONY: speed-doc

EXTRA_DIST += bench/logged.sh scripts/speed-doc.py

# bench/cputime: times a command with microseconds (GNU time gives
# hundredths), for the ratios bench-throughput.sh and bench-report.sh hold
# to a limit.
check_PROGRAMS += bench/cputime
bench_cputime_SOURCES = bench/cputime.c

# bench/bench-stages.sh: MB per CPU second of each stage alone and of the
# default pipeline, as a Markdown table.
bench-stages: sluice bench/gencorpus $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) stages $(SHELL) $(srcdir)/bench/bench-stages.sh \
	  $(abs_top_builddir)

bench: bench-stages
.PHONY: bench-stages

EXTRA_DIST += bench/bench-stages.sh

# bench/bench-throughput.sh: the default pipeline against wc -m (CPU and
# wall), -j2 against -j1, the JSONL size against the input, each stage's
# share and the serial share, on the work-report and news corpora.
bench-throughput: sluice bench/gencorpus bench/cputime $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) throughput $(SHELL) $(srcdir)/bench/bench-throughput.sh \
	  $(abs_top_builddir)

bench: bench-throughput
.PHONY: bench-throughput

EXTRA_DIST += bench/bench-throughput.sh

# bench/bench-pages.sh: html + boilerplate on the evaluation sets' real
# pages (MB per CPU second per set and over all), when ../shared is there.
bench-pages: sluice $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) pages $(SHELL) $(srcdir)/bench/bench-pages.sh \
	  $(abs_top_builddir)

bench: bench-pages
.PHONY: bench-pages

EXTRA_DIST += bench/bench-pages.sh

# bench/bench-shapes.sh: each pathological shape of document at two sizes
# (CPU time ratio at most 2.5 per doubling) and the peak memory of one big
# text document and one big HTML page (at most 6 x size + 64 MiB).
noinst_PROGRAMS += bench/genshapes
bench_genshapes_SOURCES = bench/genshapes.c bench/report_paragraphs.h

bench-shapes: sluice bench/genshapes $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) shapes $(SHELL) $(srcdir)/bench/bench-shapes.sh \
	  $(abs_top_builddir)

bench: bench-shapes
.PHONY: bench-shapes

EXTRA_DIST += bench/bench-shapes.sh

# bench/bench-warc.sh: reading a generated ~200 MB .warc.gz with sluice
# (read and export only) against zcat on the same file.
bench-warc: sluice bench/genwarc $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) warc $(SHELL) $(srcdir)/bench/bench-warc.sh \
	  $(abs_top_builddir)

bench: bench-warc
.PHONY: bench-warc

EXTRA_DIST += bench/bench-warc.sh

# bench/bench-report.sh: the CPU cost of gathering the report's counts
# (--stats) on the default pipeline, at most 2% of the run.
bench-report: sluice bench/gencorpus bench/cputime $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) report $(SHELL) $(srcdir)/bench/bench-report.sh \
	  $(abs_top_builddir)

bench: bench-report
.PHONY: bench-report

EXTRA_DIST += bench/bench-report.sh

# bench/bench-dedup.sh: the dedup stage's MB per CPU second, the index's
# bytes per document for 10 million synthetic signatures (bench_dedup), and
# the peak memory of sluice-dedup join, sorted and in memory, over as many
# signatures in shard files (gensig).
noinst_PROGRAMS += bench/bench_dedup
bench_bench_dedup_SOURCES = bench/bench_dedup.c bench/synthetic_signatures.c \
	bench/synthetic_signatures.h plugins/dedup/dedup_index.c \
	plugins/dedup/dedup_index.h plugins/dedup/minhash.c \
	plugins/dedup/minhash.h
bench_bench_dedup_CFLAGS = $(AM_CFLAGS) $(XXHASH_CFLAGS)
bench_bench_dedup_LDADD = $(XXHASH_LIBS)
noinst_PROGRAMS += bench/gensig
bench_gensig_SOURCES = bench/gensig.c bench/synthetic_signatures.c \
	bench/synthetic_signatures.h plugins/dedup/dedup_record.c \
	plugins/dedup/dedup_record.h

bench-dedup: sluice sluice-dedup bench/gencorpus bench/bench_dedup bench/gensig \
		$(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) dedup $(SHELL) $(srcdir)/bench/bench-dedup.sh \
	  $(abs_top_builddir)

bench: bench-dedup
.PHONY: bench-dedup

EXTRA_DIST += bench/bench-dedup.sh

# bench/run-bench.sh, last: the text and HTML corpora at -j1 and -j2 and
# the streaming memory check.
bench-batch: sluice bench/gencorpus $(pkglib_LTLIBRARIES)
	$(BENCH_LOGGED) batch $(SHELL) $(srcdir)/bench/run-bench.sh \
	  $(abs_top_builddir)

bench: bench-batch
.PHONY: bench-batch

EXTRA_DIST += bench/run-bench.sh

# The kept benchmark output goes with the build folder's other products.
clean-local: clean-bench-results
clean-bench-results:
	rm -rf $(BENCH_RESULTS)
.PHONY: clean-bench-results
