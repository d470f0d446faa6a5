# core/readers.mk - the input side of libsluice: decompression, formats,
# folders, UTF-8 validation.
READER_SOURCES = core/reader.h core/reader.c
