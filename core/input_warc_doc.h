/* core/input_warc_doc.h - which WARC records become documents, and how.
 *
 * - response: an HTTP response. A 2xx status whose Content-Type is a
 *   document (HTML, XHTML, any text/... type but stylesheets and scripts, or
 * none) becomes a document of the payload, with the chunked transfer coding and
 * gzip or deflate content coding undone and the Content-Type's charset handed
 * to the charset owner (input_charset.h). Other statuses and media types are
 * skipped and counted.
 * - resource and conversion (WET text): the block is the document; the
 *   record's own Content-Type decides HTML or text.
 * - warcinfo, request, metadata, revisit, continuation and unknown types
 *   are skipped and counted.
 *
 * A document's id is its WARC-Record-ID, or the value of the header
 * named by input.id_field (any WARC header, such as WARC-Target-URI) when
 * that is set to something other than "id"; a record without that header
 * falls back to its WARC-Record-ID, then to "FILE@OFFSET". metadata
 * holds url (WARC-Target-URI), crawl_date (WARC-Date), warc_record_id,
 * warc_type, and http_status for responses.
 */
#ifndef SLUICE_CORE_INPUT_WARC_DOC_H
#define SLUICE_CORE_INPUT_WARC_DOC_H

#include <sluice/doc.h>

#include "input_warc.h"
#include "reader.h"

/* The counters of skipped records, by reason. */
typedef enum sl_warc_skip {
    SL_WARC_SKIP_WARCINFO = 0,
    SL_WARC_SKIP_REQUEST,
    SL_WARC_SKIP_METADATA,
    SL_WARC_SKIP_REVISIT,
    SL_WARC_SKIP_CONTINUATION,
    SL_WARC_SKIP_OTHER_TYPE, /* a WARC-Type this reader does not know */
    SL_WARC_SKIP_HTTP_1XX,
    SL_WARC_SKIP_HTTP_3XX,
    SL_WARC_SKIP_HTTP_4XX,
    SL_WARC_SKIP_HTTP_5XX,
    SL_WARC_SKIP_NOT_TEXT, /* a media type that is not a document */
    SL_WARC_SKIP_COUNT
} sl_warc_skip;

/* The counter's name in --stats ("request", "http_4xx", "not_text"). */
const char *sl_warc_skip_name(sl_warc_skip reason);

/* Makes a document from rec. Returns 1 with doc filled, 0 when the record
 * is skipped (*skipped says why), or -1 with err filled (the record
 * cannot be read: not HTTP, a coding that cannot be undone, invalid text,
 * over max_doc_bytes). */
int sl_warc_doc(sl_doc *doc, const sl_input_config *cfg, const char *path,
                const sl_warc_record *rec, sl_warc_skip *skipped,
                sl_read_error *err);

#endif
