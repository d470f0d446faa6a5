# doc/local.mk - the manual pages, the guides and the example plugin.
dist_man_MANS += doc/sluice.1 doc/sluice-pipeline.5 doc/sluice-plugin.7 \
	doc/sluice-dedup.1

# The example plugin is installed with the documentation, ready to copy
# and build with its own Makefile against the installed library.
exampledir = $(docdir)/examples/scripttag
dist_example_DATA = doc/examples/scripttag/scripttag.c \
	doc/examples/scripttag/Makefile \
	doc/examples/scripttag/scripttag.json \
	doc/examples/scripttag/example.jsonl \
	doc/examples/scripttag/expected.jsonl

# The guides: the design, plugin writing, and each stage's and the batch
# engine's own guide (written next to their code's owners).
dist_doc_DATA = doc/architecture.md doc/plugin-guide.md \
	doc/export-formats.md doc/boilerplate.md doc/sections.md \
	doc/figures.md doc/batch.md doc/reliability.md doc/dedup.md doc/quality.md \
	doc/report.md doc/scores.md doc/speed.md \
	doc/report.png

EXTRA_DIST += doc/gen-stage-options.sh doc/gen-boilerplate-reasons.sh \
	doc/splice-generated.sh
