/* core/gzip_blocks.c - a gzip output compressed in blocks by whichever
 * thread takes them (see gzip_blocks.h): the writer's blocks in order,
 * the process-wide queue of blocks waiting for a thread, the compression
 * of one block, and the member's header and trailer.
 */
#include "gzip_blocks.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef enum block_state {
    BLOCK_FILLING = 0, /* the writer is adding bytes */
    BLOCK_WAITING,     /* in the queue, for any thread */
    BLOCK_TAKEN,       /* a thread is compressing it */
    BLOCK_DONE,        /* compressed: out holds it */
    BLOCK_FAILED       /* out of memory while compressing */
} block_state;

typedef struct gz_block {
    struct gz_block *next;         /* the writer's next block */
    struct gz_block *next_waiting; /* the next one in the queue */
    block_state state;             /* under queue_lock once queued */
    bool last;                     /* ends the member's deflate stream */
    int level;
    unsigned char *in; /* the uncompressed bytes, freed once compressed */
    size_t in_len;
    unsigned char *out; /* the compressed bytes */
    size_t out_len;
    unsigned long crc; /* CRC-32 of the uncompressed bytes */
    size_t dict_len;
    unsigned char dict[SL_GZIP_DICT_BYTES]; /* the member's bytes before */
} gz_block;

struct sl_gzip_blocks {
    int level;
    size_t max_waiting;
    gz_block *filling;       /* the block bytes go to, or NULL */
    gz_block *first, *final; /* queued and not written yet, in order */
    size_t queued;
    bool member_open;    /* bytes written since the last member ended */
    bool header_written; /* the open member's header went to the sink */
    bool ended_before;   /* a member ended already */
    unsigned long crc;   /* of the member's bytes written out so far */
    unsigned long long member_len;
    size_t tail_len;
    unsigned char tail[SL_GZIP_DICT_BYTES]; /* the member's last bytes */
};

/* The blocks waiting for a thread, oldest first, from every writer. */
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t block_finished = PTHREAD_COND_INITIALIZER;
static gz_block *queue_head, *queue_tail;
static atomic_size_t queue_length;

/* Each thread's deflate state, made once and reset for every block: a
 * new one per block would take fresh memory (page faults, cold caches)
 * for its 300 KB of tables each time, 15 per cent more time in zlib. A
 * thread of the run frees its own when it ends (the key's destructor);
 * the thread that writes frees its own when the last writer is freed. */
typedef struct thread_deflate {
    z_stream z;
    int level;
} thread_deflate;

static pthread_key_t deflate_key;
static pthread_once_t deflate_key_once = PTHREAD_ONCE_INIT;
static bool deflate_key_made;
static _Thread_local thread_deflate *thread_state;
static atomic_size_t open_writers;

static void drop_thread_deflate(void *state)
{
    thread_deflate *t = state;
    deflateEnd(&t->z);
    free(t);
}

static void make_deflate_key(void)
{
    deflate_key_made =
        pthread_key_create(&deflate_key, drop_thread_deflate) == 0;
}

/* Frees the calling thread's deflate state, if it has one. */
static void drop_own_deflate(void)
{
    if (!thread_state)
        return;
    if (deflate_key_made)
        pthread_setspecific(deflate_key, NULL);
    drop_thread_deflate(thread_state);
    thread_state = NULL;
}

/* The calling thread's deflate state for raw deflate at level, reset;
 * NULL when out of memory. */
static z_stream *thread_deflate_at(int level)
{
    if (thread_state && thread_state->level == level)
        return deflateReset(&thread_state->z) == Z_OK ? &thread_state->z : NULL;
    drop_own_deflate();
    pthread_once(&deflate_key_once, make_deflate_key);
    thread_deflate *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (deflateInit2(&t->z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        free(t);
        return NULL;
    }
    t->level = level;
    thread_state = t;
    if (deflate_key_made)
        pthread_setspecific(deflate_key, t);
    return &t->z;
}

/* Compresses the block into b->out as raw deflate with its dictionary,
 * ending on a byte boundary (a sync flush) or, for the last block, ending
 * the stream; notes its CRC-32 and frees its input. Returns false when
 * out of memory. */
static bool compress_block(gz_block *b)
{
    z_stream *z = thread_deflate_at(b->level);
    if (!z)
        return false;
    bool ok = b->dict_len == 0 ||
              deflateSetDictionary(z, b->dict, (uInt)b->dict_len) == Z_OK;
    size_t cap = deflateBound(z, (uLong)b->in_len) + 64;
    b->out = ok ? malloc(cap) : NULL;
    ok = ok && b->out;
    z->next_in = b->in;
    z->avail_in = (uInt)b->in_len; /* at most SL_GZIP_BLOCK_BYTES */
    int flush = b->last ? Z_FINISH : Z_SYNC_FLUSH;
    while (ok) {
        z->next_out = b->out + b->out_len;
        z->avail_out = (uInt)(cap - b->out_len);
        int rc = deflate(z, flush);
        b->out_len = cap - z->avail_out;
        if (rc == Z_STREAM_END ||
            (flush == Z_SYNC_FLUSH && z->avail_in == 0 && z->avail_out > 0))
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            ok = false;
            break;
        }
        if (z->avail_out == 0) { /* never with deflateBound's room */
            unsigned char *bigger = realloc(b->out, cap * 2);
            ok = bigger != NULL;
            if (ok) {
                b->out = bigger;
                cap *= 2;
            }
        }
    }
    b->crc = crc32(0L, b->in, (uInt)b->in_len);
    free(b->in);
    b->in = NULL;
    return ok;
}

static void free_block(gz_block *b)
{
    if (!b)
        return;
    free(b->in);
    free(b->out);
    free(b);
}

static gz_block *new_block(const sl_gzip_blocks *g)
{
    gz_block *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->in = malloc(SL_GZIP_BLOCK_BYTES);
    if (!b->in) {
        free(b);
        return NULL;
    }
    b->level = g->level;
    return b;
}

/* Keeps the last SL_GZIP_DICT_BYTES of the member, the dictionary of the
 * next block, after len more bytes. */
static void keep_tail(sl_gzip_blocks *g, const unsigned char *data, size_t len)
{
    if (len >= SL_GZIP_DICT_BYTES) {
        memcpy(g->tail, data + len - SL_GZIP_DICT_BYTES, SL_GZIP_DICT_BYTES);
        g->tail_len = SL_GZIP_DICT_BYTES;
        return;
    }
    size_t keep = SL_GZIP_DICT_BYTES - len;
    if (g->tail_len > keep) {
        memmove(g->tail, g->tail + g->tail_len - keep, keep);
        g->tail_len = keep;
    }
    memcpy(g->tail + g->tail_len, data, len);
    g->tail_len += len;
}

/* Takes b off the queue. Under queue_lock. */
static void unqueue(gz_block *b)
{
    gz_block **at = &queue_head, *before = NULL;
    while (*at && *at != b) {
        before = *at;
        at = &(*at)->next_waiting;
    }
    if (!*at)
        return;
    *at = b->next_waiting;
    if (queue_tail == b)
        queue_tail = before;
    b->next_waiting = NULL;
    atomic_fetch_sub(&queue_length, 1);
}

/* Ends the filling block (`last`: it ends the member), gives it its
 * dictionary and queues it, or compresses it at once for a writer of one
 * thread. */
static void queue_filling(sl_gzip_blocks *g, bool last)
{
    gz_block *b = g->filling;
    g->filling = NULL;
    b->last = last;
    memcpy(b->dict, g->tail, g->tail_len);
    b->dict_len = g->tail_len;
    keep_tail(g, b->in, b->in_len);
    if (g->final)
        g->final->next = b;
    else
        g->first = b;
    g->final = b;
    g->queued++;
    if (g->max_waiting == 0) {
        b->state = compress_block(b) ? BLOCK_DONE : BLOCK_FAILED;
        return;
    }
    pthread_mutex_lock(&queue_lock);
    b->state = BLOCK_WAITING;
    if (queue_tail)
        queue_tail->next_waiting = b;
    else
        queue_head = b;
    queue_tail = b;
    atomic_fetch_add(&queue_length, 1);
    pthread_mutex_unlock(&queue_lock);
}

/* Takes b, waiting in the queue, and compresses it on the calling thread;
 * wakes whoever waits for a block. Called and returns with queue_lock
 * held, which it lets go while compressing. */
static void compress_taken(gz_block *b)
{
    unqueue(b);
    b->state = BLOCK_TAKEN;
    pthread_mutex_unlock(&queue_lock);
    bool ok = compress_block(b);
    pthread_mutex_lock(&queue_lock);
    b->state = ok ? BLOCK_DONE : BLOCK_FAILED;
    pthread_cond_broadcast(&block_finished);
}

/* The writer's oldest block still waiting for a thread, or NULL. Under
 * queue_lock. */
static gz_block *oldest_waiting(const sl_gzip_blocks *g)
{
    for (gz_block *b = g->first; b; b = b->next)
        if (b->state == BLOCK_WAITING)
            return b;
    return NULL;
}

/* Makes the first block ready when it must be (all, or too many wait):
 * while it is not, the writer compresses its oldest block no thread took
 * (the first, or one after it while a thread has the first), and waits
 * only when threads have them all. Returns the first block's state. */
static block_state settle_first(sl_gzip_blocks *g, bool all)
{
    gz_block *first = g->first;
    bool must = all || g->queued > g->max_waiting;
    pthread_mutex_lock(&queue_lock);
    while (must &&
           (first->state == BLOCK_WAITING || first->state == BLOCK_TAKEN)) {
        gz_block *b = oldest_waiting(g);
        if (b)
            compress_taken(b);
        else
            pthread_cond_wait(&block_finished, &queue_lock);
    }
    block_state state = first->state;
    pthread_mutex_unlock(&queue_lock);
    return state;
}

/* The member's header, as zlib writes it: no name, no time stamp, the
 * level's flag, Unix. */
static int put_header(sl_gzip_blocks *g, sl_gzip_sink sink, void *user)
{
    unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    header[8] = g->level == 9 ? 2 : g->level < 2 ? 4 : 0;
    g->header_written = true;
    return sink(user, header, sizeof header);
}

/* Gives the sink the compressed blocks at the front, in order, for as
 * long as they are ready; with all, every queued block. */
static int write_ready(sl_gzip_blocks *g, sl_gzip_sink sink, void *user,
                       bool all)
{
    while (g->first) {
        block_state state = settle_first(g, all);
        if (state == BLOCK_FAILED)
            return -1;
        if (state != BLOCK_DONE)
            return 0; /* a thread has it, and there is room to wait */
        gz_block *b = g->first;
        if (!g->header_written && put_header(g, sink, user) != 0)
            return -1;
        if (sink(user, b->out, b->out_len) != 0)
            return -1;
        g->crc = crc32_combine(g->crc, b->crc, (z_off_t)b->in_len);
        g->member_len += b->in_len;
        g->first = b->next;
        if (!g->first)
            g->final = NULL;
        g->queued--;
        free_block(b);
    }
    return 0;
}

sl_gzip_blocks *sl_gzip_blocks_new(int level, size_t max_waiting)
{
    sl_gzip_blocks *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->level = level;
    g->max_waiting = max_waiting;
    g->crc = crc32(0L, Z_NULL, 0);
    atomic_fetch_add(&open_writers, 1);
    return g;
}

void sl_gzip_blocks_free(sl_gzip_blocks *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&queue_lock);
    for (gz_block *b = g->first; b; b = b->next) {
        if (b->state == BLOCK_WAITING) {
            unqueue(b);
            b->state = BLOCK_FAILED; /* dropped */
        }
        while (b->state == BLOCK_TAKEN)
            pthread_cond_wait(&block_finished, &queue_lock);
    }
    pthread_mutex_unlock(&queue_lock);
    while (g->first) {
        gz_block *next = g->first->next;
        free_block(g->first);
        g->first = next;
    }
    free_block(g->filling);
    free(g);
    if (atomic_fetch_sub(&open_writers, 1) == 1)
        drop_own_deflate();
}

int sl_gzip_blocks_write(sl_gzip_blocks *g, const void *data, size_t len,
                         sl_gzip_sink sink, void *user)
{
    const unsigned char *from = data;
    while (len > 0) {
        if (!g->filling && !(g->filling = new_block(g)))
            return -1;
        gz_block *b = g->filling;
        size_t n = SL_GZIP_BLOCK_BYTES - b->in_len;
        if (n > len)
            n = len;
        memcpy(b->in + b->in_len, from, n);
        b->in_len += n;
        from += n;
        len -= n;
        g->member_open = true;
        if (b->in_len == SL_GZIP_BLOCK_BYTES)
            queue_filling(g, false);
    }
    return write_ready(g, sink, user, false);
}

int sl_gzip_blocks_end_member(sl_gzip_blocks *g, sl_gzip_sink sink, void *user)
{
    if (!g->member_open && g->ended_before)
        return 0;
    if (!g->filling && !(g->filling = new_block(g)))
        return -1;
    queue_filling(g, true);
    if (write_ready(g, sink, user, true) != 0)
        return -1;
    unsigned char trailer[8];
    for (int i = 0; i < 4; i++) {
        trailer[i] = (unsigned char)(g->crc >> (8 * i));
        trailer[4 + i] = (unsigned char)(g->member_len >> (8 * i));
    }
    if (sink(user, trailer, sizeof trailer) != 0)
        return -1;
    g->ended_before = true;
    g->member_open = false;
    g->header_written = false;
    g->crc = crc32(0L, Z_NULL, 0);
    g->member_len = 0;
    g->tail_len = 0;
    return 0;
}

bool sl_gzip_blocks_member_open(const sl_gzip_blocks *g)
{
    return g->member_open;
}

bool sl_gzip_blocks_waiting(void)
{
    return atomic_load_explicit(&queue_length, memory_order_relaxed) > 0;
}

bool sl_gzip_blocks_work_one(void)
{
    if (!sl_gzip_blocks_waiting())
        return false;
    pthread_mutex_lock(&queue_lock);
    gz_block *b = queue_head;
    if (b)
        compress_taken(b);
    pthread_mutex_unlock(&queue_lock);
    return b != NULL;
}
