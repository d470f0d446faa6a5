# core/engine.mk - the batch engine: threads, progress, stats,
# quarantine, checkpoints, shards, crash isolation.
ENGINE_SOURCES = \
	core/engine_outputs.h core/engine_outputs.c \
	core/engine_quarantine.h core/engine_quarantine.c \
	core/engine_stats.h core/engine_stats.c \
	core/engine_checkpoint.h core/engine_checkpoint.c \
	core/engine_signals.h core/engine_signals.c \
	core/engine_isolate.h core/engine_isolate.c
