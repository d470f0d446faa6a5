# core/engine.mk - the batch engine: threads, progress, stats,
# quarantine, checkpoints, shards, crash isolation; and its tests.
ENGINE_SOURCES = \
	core/engine_state.h core/engine_state.c \
	core/engine_clock.h core/engine_clock.c \
	core/engine_ring.h core/engine_ring.c \
	core/engine_read.h core/engine_read.c \
	core/engine_work.h core/engine_work.c \
	core/engine_threads.h core/engine_threads.c \
	core/engine_retire.h core/engine_retire.c \
	core/engine_ordered.h core/engine_ordered.c \
	core/engine_fates.h core/engine_fates.c \
	core/engine_stages.h core/engine_stages.c \
	core/engine_resumable.h core/engine_resumable.c \
	core/engine_summary.h core/engine_summary.c \
	core/engine_docs.h core/engine_docs.c \
	core/engine_outputs.h core/engine_outputs.c \
	core/engine_quarantine.h core/engine_quarantine.c \
	core/engine_stats.h core/engine_stats.c \
	core/progress_line.h core/progress_line.c \
	core/engine_checkpoint.h core/engine_checkpoint.c \
	core/engine_signals.h core/engine_signals.c \
	core/engine_isolate.h core/engine_isolate.c core/engine_run.c \
	core/crash_notes.h core/crash_notes.c \
	core/crash_report.h core/crash_report.c \
	core/run_plan.h core/run_plan.c \
	core/run_census.h core/run_census.c \
	core/report_svg.h core/report_svg.c \
	core/report_html.h core/report_html.c \
	core/stats_merge.h core/stats_merge.c \
	core/pipeline_effective.h core/pipeline_effective.c \
	core/run_lock.h core/run_lock.c \
	core/path_identity.h core/path_identity.c

# A stage that crashes, fails or drops on marked documents (--isolate and
# quarantine tests). -rpath makes libtool build a real module.
check_LTLIBRARIES += tests/plugins/crashy.la
tests_plugins_crashy_la_SOURCES = tests/plugins/crashy.c
tests_plugins_crashy_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_crashy_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_crashy_la_LIBADD = $(PLUGIN_LIBADD)

# A stage that drops marked documents with reasons (sl_drop, --rejects,
# --explain), built unordered and ordered.
check_LTLIBRARIES += tests/plugins/dropper.la \
	tests/plugins/dropper_ordered.la
tests_plugins_dropper_la_SOURCES = tests/plugins/dropper.c
tests_plugins_dropper_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_dropper_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_dropper_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_dropper_ordered_la_SOURCES = tests/plugins/dropper.c
tests_plugins_dropper_ordered_la_CFLAGS = $(AM_CFLAGS) -DDROPPER_ORDERED
tests_plugins_dropper_ordered_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_dropper_ordered_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_dropper_ordered_la_LIBADD = $(PLUGIN_LIBADD)

# An ordered stage with the prepare step (ABI 1.4), and one that sets only
# part of it, which the loader refuses.
check_LTLIBRARIES += tests/plugins/prepared.la \
	tests/plugins/prepared_half.la
tests_plugins_prepared_la_SOURCES = tests/plugins/prepared.c
tests_plugins_prepared_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_prepared_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_prepared_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_prepared_half_la_SOURCES = tests/plugins/prepared.c
tests_plugins_prepared_half_la_CFLAGS = $(AM_CFLAGS) -DPREPARED_HALF
tests_plugins_prepared_half_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_prepared_half_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_prepared_half_la_LIBADD = $(PLUGIN_LIBADD)

# An ordered stage that counts how the core calls it, built without and
# with SL_STAGE_ANY_THREAD (ABI 1.5).
check_LTLIBRARIES += tests/plugins/threadwatch.la \
	tests/plugins/threadwatch_any.la
tests_plugins_threadwatch_la_SOURCES = tests/plugins/threadwatch.c
tests_plugins_threadwatch_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_threadwatch_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_threadwatch_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_threadwatch_any_la_SOURCES = tests/plugins/threadwatch.c
tests_plugins_threadwatch_any_la_CFLAGS = $(AM_CFLAGS) -DTHREADWATCH_ANY
tests_plugins_threadwatch_any_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_threadwatch_any_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_threadwatch_any_la_LIBADD = $(PLUGIN_LIBADD)

# The example plugin of doc/examples, built in tree so make check runs its
# own test (sluice test-stage against doc/examples/scripttag/expected.jsonl).
check_LTLIBRARIES += tests/plugins/scripttag.la
tests_plugins_scripttag_la_SOURCES = doc/examples/scripttag/scripttag.c
tests_plugins_scripttag_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_scripttag_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_scripttag_la_LIBADD = $(PLUGIN_LIBADD)

# A stage that emits documents (sl_emit), built unordered and ordered.
check_LTLIBRARIES += tests/plugins/splitter.la \
	tests/plugins/splitter_ordered.la
tests_plugins_splitter_la_SOURCES = tests/plugins/splitter.c
tests_plugins_splitter_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_splitter_la_LIBADD = $(PLUGIN_LIBADD)
tests_plugins_splitter_ordered_la_SOURCES = tests/plugins/splitter.c
tests_plugins_splitter_ordered_la_CFLAGS = $(AM_CFLAGS) -DSPLITTER_ORDERED
tests_plugins_splitter_ordered_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_splitter_ordered_la_LIBADD = $(PLUGIN_LIBADD)

# The whole-corpus stage pattern: exact dedup with its state in a file.
check_LTLIBRARIES += tests/plugins/seen.la
tests_plugins_seen_la_SOURCES = tests/plugins/seen.c
tests_plugins_seen_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_seen_la_LIBADD = $(PLUGIN_LIBADD)

# A stage built on the editing helpers (tests/engine/edit.sh).
check_LTLIBRARIES += tests/plugins/redact.la
tests_plugins_redact_la_SOURCES = tests/plugins/redact.c
tests_plugins_redact_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_redact_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_redact_la_LIBADD = $(PLUGIN_LIBADD)

# A stage that leaves marked documents broken (--check-docs).
check_LTLIBRARIES += tests/plugins/breaker.la
tests_plugins_breaker_la_SOURCES = tests/plugins/breaker.c
tests_plugins_breaker_la_LDFLAGS = $(PLUGIN_LDFLAGS) -rpath /nowhere
tests_plugins_breaker_la_CPPFLAGS = $(PLUGIN_CPPFLAGS)
tests_plugins_breaker_la_LIBADD = $(PLUGIN_LIBADD)

# A write() shim preloaded by the disk-full tests (LD_PRELOAD): not a
# stage, so it exports write() itself.
check_LTLIBRARIES += tests/plugins/diskfull.la
tests_plugins_diskfull_la_SOURCES = tests/plugins/diskfull.c
tests_plugins_diskfull_la_LDFLAGS = -module -avoid-version -shared \
	-rpath /nowhere
tests_plugins_diskfull_la_LIBADD = -ldl

# The corpus generator, shared by the shell tests and the benchmarks.
check_PROGRAMS += bench/gencorpus
bench_gencorpus_SOURCES = bench/gencorpus.c bench/report_paragraphs.h

if HAVE_CRITERION
check_PROGRAMS += tests/test_engine
TESTS += tests/test_engine
tests_test_engine_SOURCES = tests/test_engine.c tests/scratch.c tests/scratch.h
tests_test_engine_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_engine_LDFLAGS = $(SLUICE_HOST_EXPORTS)
tests_test_engine_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS) \
	$(PTHREAD_LIBS)
check_PROGRAMS += tests/test_run_plan
TESTS += tests/test_run_plan
tests_test_run_plan_SOURCES = tests/test_run_plan.c
tests_test_run_plan_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_run_plan_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
check_PROGRAMS += tests/test_report
TESTS += tests/test_report
tests_test_report_SOURCES = tests/test_report.c
tests_test_report_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_report_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
check_PROGRAMS += tests/test_progress
TESTS += tests/test_progress
tests_test_progress_SOURCES = tests/test_progress.c
tests_test_progress_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_test_progress_LDADD = $(SLUICE_CORE_LIBS) $(CRITERION_LIBS) $(JANSSON_LIBS)
endif

ENGINE_SHELL_TESTS = tests/engine/threads.sh tests/engine/errors.sh \
	tests/engine/resume.sh tests/engine/shards.sh tests/engine/isolate.sh \
	tests/engine/diskfull.sh tests/engine/sidefiles.sh \
	tests/engine/paths.sh tests/engine/stdin-signal.sh \
	tests/engine/isolate-limits.sh tests/engine/resume_pipeline.sh \
	tests/engine/sqlite-resume.sh tests/engine/drops.sh \
	tests/engine/test-stage.sh tests/engine/report.sh \
	tests/engine/report-browser.sh tests/engine/emit.sh \
	tests/engine/edit.sh tests/engine/coalesce.sh \
	tests/engine/prepared.sh tests/engine/ordered-threads.sh \
	tests/engine/progress.sh tests/engine/one-thread.sh
TESTS += $(ENGINE_SHELL_TESTS)
EXTRA_DIST += $(ENGINE_SHELL_TESTS) tests/engine/common.sh doc/batch.md
