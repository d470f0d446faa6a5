/* plugins/dedup/dedup_sort.c - external merge sort of fixed-size records
 * (see dedup_sort.h).
 */
#include "dedup_sort.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* The largest record sorted (the sort's scratch records live on the
 * stack). */
enum { MAX_RECORD = 64 };

/* Where one sorted run lies in a temporary file. */
typedef struct run_span {
    off_t start, end;
} run_span;

/* Reads one run through its own buffer. */
typedef struct run_reader {
    off_t pos, end;
    unsigned char *buf;
    size_t len, at, cap;
} run_reader;

struct dedup_sort {
    size_t rec, memory;
    dedup_sort_cmp cmp;
    char *temp_dir;
    char error[512];
    /* adding */
    unsigned char *buf;
    size_t n, cap; /* records in buf, room for */
    /* the runs, all in one temporary file */
    FILE *file;
    off_t file_len;
    run_span *runs;
    size_t n_runs, cap_runs, spilled, passes;
    /* reading */
    bool merging; /* false: read buf from mem_at */
    size_t mem_at;
    int read_fd;
    run_reader *readers;
    size_t n_readers, *heap, heap_n;
};

static int fail(dedup_sort *s, const char *what)
{
    snprintf(s->error, sizeof s->error, "%s in %s: %s", what, s->temp_dir,
             strerror(errno ? errno : ENOMEM));
    return -1;
}

/* The number of runs merged at once, and each reader's buffer size. */
static size_t fan_in(const dedup_sort *s)
{
    size_t fan = s->memory / (32 * 1024);
    return fan < 4 ? 4 : fan > 128 ? 128 : fan;
}

static size_t reader_bytes(const dedup_sort *s)
{
    size_t bytes = s->memory / (fan_in(s) + 1);
    size_t records = bytes / s->rec;
    return (records < 16 ? 16 : records) * s->rec;
}

/* The buffer is sorted in place: glibc's qsort may allocate a copy of the
 * whole array, which would double the memory the budget allows. An
 * introsort: quicksort on the median of three, the smaller side first (so
 * the stack stays small), heapsort when the depth runs out, insertion
 * sort for short ranges. */
static void swap_records(unsigned char *a, unsigned char *b, size_t size)
{
    unsigned char t[MAX_RECORD];
    memcpy(t, a, size);
    memcpy(a, b, size);
    memcpy(b, t, size);
}

static void insertion_sort(unsigned char *base, size_t n, size_t size,
                           dedup_sort_cmp cmp)
{
    unsigned char t[MAX_RECORD];
    for (size_t i = 1; i < n; i++) {
        memcpy(t, base + i * size, size);
        size_t j = i;
        while (j > 0 && cmp(base + (j - 1) * size, t) > 0) {
            memcpy(base + j * size, base + (j - 1) * size, size);
            j--;
        }
        memcpy(base + j * size, t, size);
    }
}

static void sift(unsigned char *base, size_t size, dedup_sort_cmp cmp, size_t i,
                 size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && cmp(base + c * size, base + (c + 1) * size) < 0)
            c++;
        if (cmp(base + i * size, base + c * size) >= 0)
            return;
        swap_records(base + i * size, base + c * size, size);
        i = c;
    }
}

static void heap_sort(unsigned char *base, size_t n, size_t size,
                      dedup_sort_cmp cmp)
{
    for (size_t i = n / 2; i-- > 0;)
        sift(base, size, cmp, i, n);
    for (size_t end = n; end-- > 1;) {
        swap_records(base, base + end * size, size);
        sift(base, size, cmp, 0, end);
    }
}

/* Hoare's partition around the median of the first, middle and last
 * records: returns j, with [0, j] <= pivot <= [j + 1, n), both sides
 * non-empty. n >= 3. */
static size_t partition(unsigned char *base, size_t n, size_t size,
                        dedup_sort_cmp cmp)
{
    unsigned char *lo = base, *mid = base + n / 2 * size;
    unsigned char *hi = base + (n - 1) * size;
    if (cmp(mid, lo) < 0)
        swap_records(mid, lo, size);
    if (cmp(hi, mid) < 0) {
        swap_records(hi, mid, size);
        if (cmp(mid, lo) < 0)
            swap_records(mid, lo, size);
    }
    unsigned char pivot[MAX_RECORD];
    memcpy(pivot, mid, size);
    size_t i = 0, j = n - 1;
    for (;;) {
        while (cmp(base + i * size, pivot) < 0)
            i++;
        while (cmp(pivot, base + j * size) < 0)
            j--;
        if (i >= j)
            return j;
        swap_records(base + i * size, base + j * size, size);
        i++;
        j--;
    }
}

static void sort_records(unsigned char *base, size_t n, size_t size,
                         dedup_sort_cmp cmp, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            heap_sort(base, n, size, cmp);
            return;
        }
        size_t left = partition(base, n, size, cmp) + 1;
        if (left < n - left) {
            sort_records(base, left, size, cmp, depth);
            base += left * size;
            n -= left;
        } else {
            sort_records(base + left * size, n - left, size, cmp, depth);
            n = left;
        }
    }
    insertion_sort(base, n, size, cmp);
}

static void sort_buffer(dedup_sort *s)
{
    unsigned depth = 0;
    for (size_t n = s->n; n > 1; n /= 2)
        depth += 2;
    sort_records(s->buf, s->n, s->rec, s->cmp, depth);
}

dedup_sort *dedup_sort_new(size_t record_size, dedup_sort_cmp cmp,
                           size_t memory, const char *temp_dir)
{
    if (record_size == 0 || record_size > MAX_RECORD)
        return NULL;
    dedup_sort *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->rec = record_size;
    s->cmp = cmp;
    s->memory = memory < DEDUP_SORT_MIN_MEMORY ? DEDUP_SORT_MIN_MEMORY : memory;
    s->temp_dir = strdup(temp_dir ? temp_dir : ".");
    s->read_fd = -1;
    if (!s->temp_dir) {
        free(s);
        return NULL;
    }
    return s;
}

static void free_readers(dedup_sort *s)
{
    for (size_t i = 0; i < s->n_readers; i++)
        free(s->readers[i].buf);
    free(s->readers);
    free(s->heap);
    s->readers = NULL;
    s->heap = NULL;
    s->n_readers = s->heap_n = 0;
}

void dedup_sort_free(dedup_sort *s)
{
    if (!s)
        return;
    free_readers(s);
    if (s->file)
        fclose(s->file);
    free(s->runs);
    free(s->buf);
    free(s->temp_dir);
    free(s);
}

FILE *dedup_temp_file(const char *dir)
{
    size_t len = strlen(dir) + 32;
    char *path = malloc(len);
    if (!path)
        return NULL;
    snprintf(path, len, "%s/sluice-dedup-XXXXXX", dir);
    int fd = mkstemp(path);
    FILE *f = NULL;
    if (fd >= 0) {
        unlink(path);
        f = fdopen(fd, "w+b");
        if (!f)
            close(fd);
    }
    free(path);
    return f;
}

static int add_run(dedup_sort *s, off_t start, off_t end)
{
    if (s->n_runs == s->cap_runs) {
        size_t cap = s->cap_runs ? s->cap_runs * 2 : 16;
        run_span *runs = realloc(s->runs, cap * sizeof *runs);
        if (!runs)
            return fail(s, "out of memory sorting");
        s->runs = runs;
        s->cap_runs = cap;
    }
    s->runs[s->n_runs++] = (run_span){start, end};
    return 0;
}

/* Sorts the buffer and appends it to the file as one run. */
static int spill(dedup_sort *s)
{
    if (s->n == 0)
        return 0;
    if (!s->file && !(s->file = dedup_temp_file(s->temp_dir)))
        return fail(s, "cannot create a temporary file");
    sort_buffer(s);
    if (fwrite(s->buf, s->rec, s->n, s->file) != s->n)
        return fail(s, "cannot write a temporary file");
    off_t start = s->file_len;
    s->file_len += (off_t)(s->n * s->rec);
    s->n = 0;
    s->spilled++;
    return add_run(s, start, s->file_len);
}

int dedup_sort_add(dedup_sort *s, const void *record)
{
    if (s->n == s->cap) {
        size_t most = s->memory / s->rec;
        if (s->cap >= most) {
            if (spill(s) < 0)
                return -1;
        } else {
            size_t cap = s->cap ? s->cap * 2 : 1024;
            if (cap > most)
                cap = most;
            unsigned char *buf = realloc(s->buf, cap * s->rec);
            if (!buf)
                return fail(s, "out of memory sorting");
            s->buf = buf;
            s->cap = cap;
        }
    }
    memcpy(s->buf + s->n * s->rec, record, s->rec);
    s->n++;
    return 0;
}

/* Fills a reader's buffer from its run; len 0 when the run is done. */
static int refill(dedup_sort *s, run_reader *r)
{
    off_t left = r->end - r->pos;
    size_t want = (off_t)r->cap < left ? r->cap : (size_t)left;
    size_t got = 0;
    while (got < want) {
        ssize_t k =
            pread(s->read_fd, r->buf + got, want - got, r->pos + (off_t)got);
        if (k <= 0) {
            if (k < 0 && errno == EINTR)
                continue;
            if (k == 0)
                errno = EIO;
            return fail(s, "cannot read a temporary file");
        }
        got += (size_t)k;
    }
    r->pos += (off_t)got;
    r->len = got;
    r->at = 0;
    return 0;
}

static const void *current(const dedup_sort *s, size_t reader)
{
    return s->readers[reader].buf + s->readers[reader].at;
}

static bool before(const dedup_sort *s, size_t a, size_t b)
{
    int c = s->cmp(current(s, a), current(s, b));
    return c < 0 || (c == 0 && a < b);
}

static void sift_down(dedup_sort *s, size_t i)
{
    for (;;) {
        size_t least = i, l = 2 * i + 1, r = l + 1;
        if (l < s->heap_n && before(s, s->heap[l], s->heap[least]))
            least = l;
        if (r < s->heap_n && before(s, s->heap[r], s->heap[least]))
            least = r;
        if (least == i)
            return;
        size_t t = s->heap[i];
        s->heap[i] = s->heap[least];
        s->heap[least] = t;
        i = least;
    }
}

/* Gets ready to merge the k runs of the file at spans. */
static int merge_open(dedup_sort *s, const run_span *spans, size_t k)
{
    free_readers(s);
    s->readers = calloc(k, sizeof *s->readers);
    s->heap = calloc(k, sizeof *s->heap);
    if (!s->readers || !s->heap)
        return fail(s, "out of memory sorting");
    s->read_fd = fileno(s->file);
    size_t bytes = reader_bytes(s);
    for (size_t i = 0; i < k; i++) {
        run_reader *r = &s->readers[s->n_readers++];
        r->pos = spans[i].start;
        r->end = spans[i].end;
        r->cap = bytes;
        r->buf = malloc(bytes);
        if (!r->buf)
            return fail(s, "out of memory sorting");
        if (refill(s, r) < 0)
            return -1;
        if (r->len > 0)
            s->heap[s->heap_n++] = i;
    }
    for (size_t i = s->heap_n; i-- > 0;)
        sift_down(s, i);
    return 0;
}

static int merge_next(dedup_sort *s, void *record)
{
    if (s->heap_n == 0)
        return 0;
    size_t top = s->heap[0];
    run_reader *r = &s->readers[top];
    memcpy(record, r->buf + r->at, s->rec);
    r->at += s->rec;
    if (r->at >= r->len && refill(s, r) < 0)
        return -1;
    if (r->len == 0)
        s->heap[0] = s->heap[--s->heap_n];
    sift_down(s, 0);
    return 1;
}

/* Merges the runs, fan_in at a time, into a new file of fewer runs. */
static int merge_pass(dedup_sort *s)
{
    FILE *out = dedup_temp_file(s->temp_dir);
    if (!out)
        return fail(s, "cannot create a temporary file");
    size_t fan = fan_in(s), n_old = s->n_runs;
    run_span *old = s->runs;
    s->runs = NULL;
    s->n_runs = s->cap_runs = 0;
    off_t len = 0;
    int rc = 0;
    unsigned char *record = malloc(s->rec);
    if (!record)
        rc = fail(s, "out of memory sorting");
    FILE *in = s->file;
    for (size_t first = 0; rc == 0 && first < n_old; first += fan) {
        size_t k = n_old - first < fan ? n_old - first : fan;
        rc = merge_open(s, old + first, k);
        off_t start = len;
        int got = 0;
        while (rc == 0 && (got = merge_next(s, record)) == 1) {
            if (fwrite(record, s->rec, 1, out) != 1)
                rc = fail(s, "cannot write a temporary file");
            len += (off_t)s->rec;
        }
        if (rc == 0 && got < 0)
            rc = -1;
        if (rc == 0)
            rc = add_run(s, start, len);
    }
    free(record);
    free(old);
    free_readers(s);
    fclose(in);
    s->file = out;
    s->file_len = len;
    s->passes++;
    if (rc == 0 && fflush(out) != 0)
        rc = fail(s, "cannot write a temporary file");
    return rc;
}

int dedup_sort_finish(dedup_sort *s)
{
    if (!s->file) { /* it all fits: sort in memory */
        sort_buffer(s);
        s->mem_at = 0;
        s->merging = false;
        return 0;
    }
    if (spill(s) < 0)
        return -1;
    free(s->buf);
    s->buf = NULL;
    s->cap = 0;
    if (fflush(s->file) != 0)
        return fail(s, "cannot write a temporary file");
    while (s->n_runs > fan_in(s))
        if (merge_pass(s) < 0)
            return -1;
    s->merging = true;
    return merge_open(s, s->runs, s->n_runs);
}

int dedup_sort_next(dedup_sort *s, void *record)
{
    if (s->merging)
        return merge_next(s, record);
    if (s->mem_at >= s->n)
        return 0;
    memcpy(record, s->buf + s->mem_at * s->rec, s->rec);
    s->mem_at++;
    return 1;
}

size_t dedup_sort_runs(const dedup_sort *s)
{
    return s->spilled;
}

size_t dedup_sort_passes(const dedup_sort *s)
{
    return s->passes;
}

const char *dedup_sort_error(const dedup_sort *s)
{
    return s->error[0] ? s->error : NULL;
}
