# core/output.mk - atomic, compressed output files for exporters.
OUTPUT_SOURCES = core/output.c core/gzip_blocks.h core/gzip_blocks.c \
	core/write_all.h core/write_all.c \
	core/atomic_write.h core/atomic_write.c \
	core/output_path.h core/output_path.c
