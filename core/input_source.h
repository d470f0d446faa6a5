/* core/input_source.h - the byte source layer: one input file (or standard
 * input) read as a stream of bytes, decompressed on the fly.
 *
 * Compression is recognised by magic bytes (gzip 1f 8b, zstd 28 b5 2f fd),
 * so a compressed standard input works too; a file named .gz or .zst whose
 * bytes say otherwise is refused. gzip streams may hold several members
 * (as `cat a.gz b.gz` makes); zstd streams several frames. A stream that
 * ends in the middle of a member or frame is an error naming the file and
 * the offsets reached.
 *
 * For formats whose records line up with members or frames (WARC files
 * are written one gzip member per record), the source remembers where
 * each member or frame started, in compressed and decompressed bytes, and
 * can pick up reading at the next member or frame after corrupt data.
 */
#ifndef SLUICE_CORE_INPUT_SOURCE_H
#define SLUICE_CORE_INPUT_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "read_error.h"

typedef enum sl_codec {
    SL_CODEC_PLAIN = 0,
    SL_CODEC_GZIP,
    SL_CODEC_ZSTD
} sl_codec;

typedef struct sl_source sl_source;

/* Opens path ("-" for standard input) and looks at its first bytes to pick
 * the decompressor. Returns NULL with err filled (reader "fs", "gzip" or
 * "zstd") when the file cannot be opened, read, or is misnamed. */
sl_source *sl_source_open(const char *path, sl_read_error *err);

/* Reads up to cap decompressed bytes into buf. Returns the count, 0 at the
 * end of the stream, or -1 with err filled (a read error, corrupt or
 * truncated data). After an error the source returns 0. */
ssize_t sl_source_read(sl_source *src, char *buf, size_t cap,
                       sl_read_error *err);

/* Bytes taken from the file so far (compressed bytes when compressed). */
uint64_t sl_source_consumed(const sl_source *src);

/* Which decompressor the source uses. */
sl_codec sl_source_codec(const sl_source *src);

/* The path as given ("-" for standard input). */
const char *sl_source_path(const sl_source *src);

/* The compressed offset in the file where the gzip member or zstd frame
 * holding decompressed offset `at` starts; `at` itself for a plain file.
 * Members before that one are forgotten, so ask in increasing order of
 * `at` (a record's first byte, one record after another). */
uint64_t sl_source_unit_start(sl_source *src, uint64_t at);

/* After sl_source_read failed on corrupt compressed data (not a read
 * error), looks for the next gzip member or zstd frame header after the
 * place it failed and reads on from there: the decompressed stream goes
 * on with the bytes of that member (the broken part is left out).
 * Returns 1 when reading can go on, 0 when nothing more can be read (a
 * read error, a plain file, the end of the file). */
int sl_source_resync(sl_source *src);

/* Closes the file (not standard input) and frees the source. NULL is
 * ignored. */
void sl_source_close(sl_source *src);

#endif
