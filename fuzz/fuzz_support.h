/* fuzz/fuzz_support.h - what the fuzz targets share: writing the input to
 * a temporary file, reading a file through the reader to its end, making a
 * valid document out of arbitrary bytes, running one stage's descriptor on
 * it, and checking the invariants every document must keep.
 *
 * A broken invariant stops the fuzzer with a message on standard error
 * (fuzz targets are programs, not library code: they may print and abort).
 */
#ifndef SLUICE_FUZZ_SUPPORT_H
#define SLUICE_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include <sluice/sluice.h>

#include "reader.h"

/* Stops the fuzzer: prints the reason and aborts, so libFuzzer saves the
 * input as a crash. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
__attribute__((noreturn));

/* Writes data to a per-process temporary file whose name ends with suffix
 * (".jsonl", ".txt.gz" ...) and returns its path (static storage, reused by
 * the next call). */
const char *fuzz_write_temp(const uint8_t *data, size_t size,
                            const char *suffix);

/* Reads path through a reader with cfg to the end of the stream and checks
 * every document and every error it gives. Returns the number of documents
 * read. */
size_t fuzz_read_file(const char *path, const sl_input_config *cfg);

/* A document whose raw text is data made valid the way the reader
 * guarantees before any stage runs: every byte that is not valid UTF-8
 * becomes '?', NUL becomes ' '. Plain text is split into line blocks like
 * the engine does; HTML is left for the html stage. */
sl_doc *fuzz_doc_from_bytes(const uint8_t *data, size_t size,
                            sl_content_type type);

/* Binds the plugin's defaults into a fresh state, calls init, process on
 * doc, flush when given, and fini, then checks doc. Returns the status of
 * process. */
sl_status fuzz_run_stage(const sl_plugin *plugin, sl_doc *doc);

/* Checks the invariants of a document with sl_doc_check and stops the
 * fuzzer, naming who broke it, when one does not hold. */
void fuzz_check_doc(const sl_doc *doc, const char *who);

#endif
