/* core/engine_read.c - the reading turn of a run: opens the input (cut to
 * the run's shard) and reads records into the ring's free slots, within
 * the ring's count and byte budget, passing over those the checkpoint
 * already has; a JSONL line is handed out unparsed (engine_work.c parses
 * it). One thread at a time holds the turn (engine_threads.c).
 */
#include "engine_read.h"

#include <stdlib.h>
#include <string.h>

#include "engine_signals.h"
#include "messages.h"

/* Bytes of raw input allowed in flight (at least one record always is). */
#define BYTE_BUDGET ((uint64_t)64 << 20)

static const sl_crash *crash_of(const engine *e, uint64_t record)
{
    for (size_t i = 0; e->iso && i < e->iso->n_crashes; i++)
        if (e->iso->crashes[i].record == record)
            return &e->iso->crashes[i];
    return NULL;
}

/* True when the ring has room for `want` more records within the byte
 * budget (one record always fits in an empty ring). Under the lock. */
static bool room_for(const engine *e, uint64_t want)
{
    uint64_t in_flight = e->n_read - e->n_done;
    if (in_flight == 0)
        return true;
    /* --isolate after a death that blamed no one: one at a time */
    bool serial = e->iso && e->skip + e->n_read < e->iso->serial_until;
    return !serial && in_flight + want <= e->window &&
           e->bytes_in_flight < BYTE_BUDGET;
}

/* Reads the next record into slot s (the ring's next free one), passing
 * over those the checkpoint already has. Returns false when there is none:
 * the input ended, failed (reader_fatal) or a signal came (interrupted).
 * Without the lock; the caller holds the reading turn. */
static bool read_record(engine *e, slot *s, uint64_t rec)
{
    for (;;) {
        if ((e->interrupted = sl_signals_pending()) != 0)
            return false;
        sl_doc *doc = NULL;
        bool deferred = false; /* a line, parsed by the thread that runs
                                  the stages */
        sl_read_error err = {0};
        sl_read_result r = sl_reader_next_deferred_into(
            e->reader, &doc, s->line_store, &deferred, &err);
        sl_deferred_line *line = deferred ? s->line_store : NULL;
        if ((e->interrupted = sl_signals_pending()) != 0) {
            /* the record is read again on --resume; a read the signal
             * cut short (ECANCELED) is no failure */
            sl_doc_free(doc);
            sl_read_error_clear(&err);
            return false;
        }
        if (r == SL_READ_END) {
            if (e->skipped < e->skip)
                e->reader_fatal = sl_text_printf(
                    "the input ended after %llu records, but the checkpoint "
                    "says %llu were done: the inputs changed",
                    (unsigned long long)e->skipped,
                    (unsigned long long)e->skip);
            return false;
        }
        if (r == SL_READ_FATAL) {
            e->reader_fatal = sl_text_printf(
                "%s", err.message ? err.message : "input failed");
            sl_read_error_clear(&err);
            return false;
        }
        if (e->skipped < e->skip) { /* the checkpoint already has it */
            e->skipped++;
            sl_doc_free(doc);
            sl_read_error_clear(&err);
            continue;
        }
        s->bad = r == SL_READ_BAD_DOC;
        if (doc) /* room for one is made with the ring: cannot fail */
            sl_doc_runs_insert(&s->runs, 0, doc, 0);
        s->line = line;
        s->err = err;
        s->bytes = doc    ? doc->raw_len
                   : line ? sl_deferred_line_bytes(line)
                          : err.record_len;
        s->crash = crash_of(e, e->skip + rec);
        s->position = sl_reader_bytes_read(e->reader);
        return true;
    }
}

/* True when reading should go on: the input has not ended, fewer than
 * want_ready records wait to be taken and the ring has room. Under the
 * lock. */
bool sl_engine_read_wanted(const engine *e)
{
    return !e->reader_done && !e->stop &&
           e->n_read - e->n_claimed < e->want_ready && room_for(e, 1) &&
           slot_of(e, e->n_read)->state == SLOT_EMPTY;
}

/* Reads records into the ring for as long as sl_engine_read_wanted holds (with
 * the caller's reading turn), each one handed out as soon as it is read, so a
 * slow input holds back no record already read. Called and returns under
 * the lock, which it lets go while reading. */
void sl_engine_read_records(engine *e)
{
    do {
        uint64_t rec = e->n_read; /* only the reading turn changes it */
        slot *s = slot_of(e, rec);
        pthread_mutex_unlock(&e->lock);
        bool got = read_record(e, s, rec);
        pthread_mutex_lock(&e->lock);
        if (!got) {
            e->reader_done = true;
            break;
        }
        s->state = SLOT_READY;
        e->n_read++;
        e->bytes_in_flight += s->bytes;
        sl_engine_wake_idle(e);
    } while (sl_engine_read_wanted(e));
}

int sl_engine_open_reader(engine *e, const char *const *inputs, size_t n)
{
    sl_read_error err = {0};
    e->reader = sl_reader_open(&e->p->input, inputs, n, &err);
    if (!e->reader) {
        sl_engine_set_fatal(e, sl_text_printf("%s", err.message
                                                        ? err.message
                                                        : "cannot open input"));
        sl_read_error_clear(&err);
        return -1;
    }
    e->input_bytes = sl_reader_bytes_total(e->reader);
    e->input_may_wait = sl_reader_may_wait(e->reader);
    e->range_start = 0;
    e->range_end = e->input_bytes;
    unsigned k = e->o->info.shard, shards = e->o->info.shards;
    if (shards <= 1)
        return 0;
    if (e->input_bytes == 0) {
        sl_engine_set_fatal(e,
                            strdup("--shard needs input files (standard input "
                                   "cannot be cut into shards)"));
        return -1;
    }
    uint64_t total = e->input_bytes;
    uint64_t start = (uint64_t)((unsigned __int128)total * k / shards);
    uint64_t end = (uint64_t)((unsigned __int128)total * (k + 1) / shards);
    if (sl_reader_set_range(e->reader, start, end) < 0) {
        sl_engine_set_fatal(e,
                            strdup("cannot restrict the reader to the shard"));
        return -1;
    }
    e->range_start = start;
    e->range_end = end;
    return 0;
}
