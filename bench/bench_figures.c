/* bench/bench_figures.c - speed of the figures scanner on one core.
 *
 *   bench_figures [FILE] [MEGABYTES]
 *
 * Scans every line of FILE (or, without one, the report paragraphs of
 * bench/report_paragraphs.h repeated) until MEGABYTES (default 200) of text
 * went through the scanner, and prints the throughput in MB/s and the figures
 * found per megabyte. Only the scanner is timed (CPU time of the process, so
 * the figure is per core even on a busy machine): no document model, no output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../plugins/figures/figures.h"
#include "report_paragraphs.h"

/* CPU time of this process: the speed per core, whatever else runs. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count_hit(void *user, const fig_hit *hit)
{
    (void)hit;
    (*(size_t *)user)++;
    return 0;
}

/* Reads a whole file; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

static char *builtin_text(size_t *len)
{
    size_t total = 0, count = sizeof PARAGRAPHS / sizeof PARAGRAPHS[0];
    for (size_t i = 0; i < count; i++)
        total += strlen(PARAGRAPHS[i]) + 1;
    char *buf = malloc(total);
    if (!buf)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(PARAGRAPHS[i]);
        memcpy(buf + n, PARAGRAPHS[i], k);
        n += k;
        buf[n++] = '\n';
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    size_t len = 0;
    char *text = argc > 1 ? read_file(argv[1], &len) : builtin_text(&len);
    if (!text || len == 0) {
        fprintf(stderr, "bench_figures: cannot read %s\n",
                argc > 1 ? argv[1] : "the built-in text");
        free(text);
        return 1;
    }
    double want = (argc > 2 ? atof(argv[2]) : 200) * 1e6;
    size_t figures = 0, scanned = 0;
    double start = now();
    while (scanned < want) {
        size_t p = 0;
        while (p < len) {
            const char *nl = memchr(text + p, '\n', len - p);
            size_t e = nl ? (size_t)(nl - text) : len;
            fig_scan(text + p, e - p, count_hit, &figures, NULL);
            p = e + 1;
        }
        scanned += len;
    }
    double seconds = now() - start;
    printf("bench_figures: %.1f MB in %.3f s: %.1f MB/s, %.0f figures/MB\n",
           scanned / 1e6, seconds, scanned / 1e6 / seconds,
           figures / (scanned / 1e6));
    free(text);
    return 0;
}
