# core/engine.mk - the batch engine: threads, progress, stats,
# quarantine, checkpoints, shards.
ENGINE_SOURCES =
