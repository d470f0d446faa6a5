/* plugins/dedup/dedup_join.c - `sluice-dedup join`: the middle step of
 * deduplication over shards. It reads the signature files that the dedup
 * stage wrote in mode signatures, one per shard, in shard order (which is
 * input order), decides what one run over them would drop, and writes one
 * decision per document to drop, for the dedup stage in mode apply, then
 * a summary (counts and the largest clusters) on standard error and, with
 * --stats, as JSON.
 *
 * By default the files are joined by sorted merge in bounded memory
 * (dedup_join_sorted.c); --in-memory runs them through the one-run index
 * instead (this file), which holds every document's signature.
 *
 *   sluice-dedup join [--threshold T] [--memory SIZE] [--temp DIR]
 *                     [--in-memory] [--stats FILE] -o decisions.jsonl
 *                     sig-0.bin ...
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dedup_index.h"
#include "dedup_join.h"
#include "dedup_record.h"
#include "dedup_sort.h"

static const char usage[] =
    "usage: sluice-dedup join [OPTIONS] -o DECISIONS SIGNATURES...\n"
    "  -o FILE          the decisions (JSONL), for the dedup stage's mode "
    "apply\n"
    "  --threshold T    near-copy similarity, 0.05 to 1 (default 0.8; the "
    "same as\n"
    "                   the one-run stage's threshold for the same result)\n"
    "  --memory SIZE    memory for sorting, e.g. 512M or 4G (default 1G);\n"
    "                   beyond it sorted runs go to temporary files\n"
    "  --temp DIR       where the temporary files go (default $TMPDIR or "
    "/tmp)\n"
    "  --in-memory      hold every signature in memory instead of sorting\n"
    "                   (about 530 bytes per document)\n"
    "  --stats FILE     the summary as JSON: counts, the largest clusters\n"
    "SIGNATURES are the files of every shard, written by the dedup stage in\n"
    "mode signatures; they are read in shard order whatever order they are\n"
    "given in.\n";

static int by_shard(const void *a, const void *b)
{
    const dedup_shard_file *x = a, *y = b;
    return x->params.shard < y->params.shard   ? -1
           : x->params.shard > y->params.shard ? 1
                                               : 0;
}

/* Opens every file and checks they are the shards 0..N-1 of one run with
 * the same parameters. */
static int open_shards(dedup_shard_file *files, int n, dedup_params *p)
{
    p->num_perm = 0;
    for (int i = 0; i < n; i++) {
        files[i].f = fopen(files[i].path, "rb");
        if (!files[i].f) {
            fprintf(stderr, "sluice-dedup: %s: %s\n", files[i].path,
                    strerror(errno));
            return -1;
        }
        const char *why = NULL;
        dedup_params q = *p;
        if (dedup_read_header(files[i].f, &q, &why) < 0) {
            fprintf(stderr, "sluice-dedup: %s: %s\n", files[i].path, why);
            return -1;
        }
        if (i == 0)
            *p = q;
        files[i].params = q;
        if (q.shards == 0) {
            fprintf(stderr,
                    "sluice-dedup: %s: not a signature file (it has "
                    "no shard)\n",
                    files[i].path);
            return -1;
        }
    }
    qsort(files, (size_t)n, sizeof *files, by_shard);
    for (int i = 0; i < n; i++) {
        if (files[i].params.shards != (unsigned)n ||
            files[i].params.shard != (unsigned)i) {
            fprintf(stderr,
                    "sluice-dedup: %s is shard %u of %u, but %d files were "
                    "given: give one signature file for every shard\n",
                    files[i].path, files[i].params.shard,
                    files[i].params.shards, n);
            return -1;
        }
    }
    return 0;
}

static int write_decision(const dedup_drop *d, void *user)
{
    FILE *out = user;
    json_t *detail = json_pack("{ss sI}", "kept", d->kept, "cluster_removed",
                               (json_int_t)d->removed);
    if (detail && d->kind == DEDUP_NEAR)
        json_object_set_new(
            detail, "similarity",
            json_real((double)(int)(d->similarity * 1000) / 1000));
    json_t *line =
        json_pack("{sI sI ss ss so}", "shard", (json_int_t)d->shard, "seq",
                  (json_int_t)d->seq, "id", d->id, "reason",
                  d->kind == DEDUP_EXACT ? "duplicate.exact" : "duplicate.near",
                  "detail", detail);
    int rc = line && json_dumpf(line, out, JSON_COMPACT) == 0 &&
                     fputc('\n', out) != EOF
                 ? 0
                 : -1;
    json_decref(line);
    if (rc < 0)
        fprintf(stderr, "sluice-dedup: cannot write the decisions: %s\n",
                strerror(errno));
    return rc;
}

int dedup_join_in_memory(dedup_shard_file *files, int n, const dedup_params *p,
                         double threshold, dedup_drop_fn emit, void *user,
                         dedup_join_summary *summary)
{
    dedup_index *ix = dedup_index_new(p->num_perm, p->bands, threshold);
    dedup_record r = {0};
    r.sig = calloc(p->num_perm, sizeof *r.sig);
    r.band_keys = calloc(p->bands, sizeof *r.band_keys);
    int rc = ix && r.sig && r.band_keys ? 0 : -1;
    for (int i = 0; rc == 0 && i < n; i++) {
        int got = 0;
        while (rc == 0 && (got = dedup_record_read(files[i].f, p, &r)) == 1) {
            dedup_verdict v;
            if (dedup_index_add(ix, r.id, r.fingerprint,
                                r.has_sig ? r.sig : NULL,
                                r.has_sig ? r.band_keys : NULL, &v) < 0) {
                fprintf(stderr, "sluice-dedup: out of memory\n");
                rc = -1;
            } else if (v.kind != DEDUP_UNIQUE) {
                summary->exact += v.kind == DEDUP_EXACT;
                summary->near += v.kind == DEDUP_NEAR;
                dedup_drop d = {(unsigned)i,
                                r.seq,
                                r.id,
                                v.kind,
                                dedup_index_id(ix, v.kept),
                                v.similarity,
                                v.removed};
                rc = emit(&d, user);
            }
        }
        if (rc == 0 && got < 0) {
            fprintf(stderr,
                    "sluice-dedup: %s: a cut or damaged record at "
                    "byte %ld\n",
                    files[i].path, ftell(files[i].f));
            rc = -1;
        }
    }
    if (rc == 0) {
        uint32_t kept[DEDUP_JOIN_TOP], removed[DEDUP_JOIN_TOP];
        size_t k = dedup_index_largest(ix, kept, removed, DEDUP_JOIN_TOP);
        summary->documents = dedup_index_count(ix);
        summary->held_bytes = dedup_index_bytes(ix);
        for (size_t i = 0; rc == 0 && i < k; i++) {
            summary->largest_kept[i] = strdup(dedup_index_id(ix, kept[i]));
            summary->largest_removed[i] = removed[i];
            summary->n_largest = i + 1;
            if (!summary->largest_kept[i])
                rc = -1;
        }
    }
    free(r.sig);
    free(r.band_keys);
    dedup_index_free(ix);
    return rc;
}

void dedup_join_summary_free(dedup_join_summary *summary)
{
    for (size_t i = 0; i < summary->n_largest; i++)
        free(summary->largest_kept[i]);
    summary->n_largest = 0;
}

static void print_summary(const dedup_join_summary *s, bool in_memory)
{
    fprintf(stderr,
            "sluice-dedup: %llu documents, %llu exact and %llu near copies "
            "to drop",
            (unsigned long long)s->documents, (unsigned long long)s->exact,
            (unsigned long long)s->near);
    if (in_memory)
        fprintf(stderr, "; index %.1f MB\n", (double)s->held_bytes / 1e6);
    else
        fprintf(stderr,
                "; %zu sorted runs on disk, %zu extra merge pass%s, "
                "%.1f MB held for the documents\n",
                s->runs, s->passes, s->passes == 1 ? "" : "es",
                (double)s->held_bytes / 1e6);
    for (size_t i = 0; i < s->n_largest; i++)
        fprintf(stderr, "sluice-dedup: cluster of '%s' removes %u%s\n",
                s->largest_kept[i], s->largest_removed[i],
                i == 0 ? " (the largest)" : "");
}

static int write_stats(const char *path, const dedup_join_summary *s)
{
    json_t *largest = json_array();
    for (size_t i = 0; largest && i < s->n_largest; i++)
        json_array_append_new(
            largest, json_pack("{ss sI}", "kept", s->largest_kept[i], "removed",
                               (json_int_t)s->largest_removed[i]));
    json_t *root =
        json_pack("{sI sI sI so}", "documents", (json_int_t)s->documents,
                  "duplicate.exact", (json_int_t)s->exact, "duplicate.near",
                  (json_int_t)s->near, "largest_clusters", largest);
    int rc = root && json_dump_file(root, path,
                                    JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0
                 ? 0
                 : -1;
    json_decref(root);
    if (rc < 0)
        fprintf(stderr, "sluice-dedup: %s: cannot write the stats: %s\n", path,
                strerror(errno));
    return rc;
}

/* "512M", "4G", "65536" in bytes; 0 when not a size. */
static size_t parse_size(const char *text)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    if (errno || end == text || text[0] == '-')
        return 0;
    unsigned shift = 0;
    switch (*end) {
    case 'k':
    case 'K':
        shift = 10;
        end++;
        break;
    case 'm':
    case 'M':
        shift = 20;
        end++;
        break;
    case 'g':
    case 'G':
        shift = 30;
        end++;
        break;
    default: break;
    }
    if (*end || n > (SIZE_MAX >> shift))
        return 0;
    return (size_t)(n << shift);
}

static int cmd_join(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"threshold", required_argument, NULL, 't'},
        {"memory", required_argument, NULL, 'm'},
        {"temp", required_argument, NULL, 'T'},
        {"in-memory", no_argument, NULL, 'i'},
        {"stats", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL, *stats = NULL;
    const char *temp_dir = getenv("TMPDIR");
    double threshold = 0.8;
    size_t memory = (size_t)1 << 30;
    bool in_memory = false;
    int c;
    if (!temp_dir || !*temp_dir)
        temp_dir = "/tmp";
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'o': output = optarg; break;
        case 't':
            threshold = strtod(optarg, &end);
            if (*end || threshold < 0.05 || threshold > 1) {
                fprintf(stderr, "sluice-dedup: --threshold expects a number "
                                "from 0.05 to 1\n");
                return 64;
            }
            break;
        case 'm':
            memory = parse_size(optarg);
            if (memory < 64 * 1024) {
                fprintf(stderr, "sluice-dedup: --memory expects a size of "
                                "at least 64K (e.g. 512M, 4G)\n");
                return 64;
            }
            break;
        case 'T': temp_dir = optarg; break;
        case 'i': in_memory = true; break;
        case 's': stats = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 64;
        }
    }
    int n = argc - optind;
    if (!output || n < 1) {
        fputs(usage, stderr);
        return 64;
    }
    dedup_shard_file *files = calloc((size_t)n, sizeof *files);
    if (!files)
        return 2;
    for (int i = 0; i < n; i++) {
        files[i].path = argv[optind + i];
        if (strcmp(files[i].path, output) == 0) {
            fprintf(stderr, "sluice-dedup: -o %s is also a signature file\n",
                    output);
            free(files);
            return 2;
        }
    }
    dedup_params p;
    char *tmp = NULL;
    FILE *out = NULL;
    int rc = open_shards(files, n, &p);
    if (rc == 0) {
        size_t len = strlen(output) + 16;
        tmp = malloc(len);
        if (tmp)
            snprintf(tmp, len, "%s.part", output);
        out = tmp ? fopen(tmp, "w") : NULL;
        if (!out) {
            fprintf(stderr, "sluice-dedup: %s: %s\n", tmp ? tmp : output,
                    strerror(errno));
            rc = -1;
        }
    }
    dedup_join_summary summary = {0};
    if (rc == 0)
        rc = in_memory
                 ? dedup_join_in_memory(files, n, &p, threshold, write_decision,
                                        out, &summary)
                 : dedup_join_sorted(files, n, &p, threshold, memory, temp_dir,
                                     write_decision, out, &summary);
    if (rc == 0)
        print_summary(&summary, in_memory);
    if (rc == 0 && stats)
        rc = write_stats(stats, &summary);
    dedup_join_summary_free(&summary);
    if (out) {
        if (fflush(out) != 0 || fsync(fileno(out)) != 0)
            rc = -1;
        if (fclose(out) != 0)
            rc = -1;
        if (rc == 0 && rename(tmp, output) != 0) {
            fprintf(stderr, "sluice-dedup: %s: %s\n", output, strerror(errno));
            rc = -1;
        }
        if (rc != 0)
            unlink(tmp);
    }
    for (int i = 0; i < n; i++)
        if (files[i].f)
            fclose(files[i].f);
    free(files);
    free(tmp);
    return rc == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "join") == 0)
        return cmd_join(argc - 1, argv + 1);
    if (argc >= 2 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 64;
}
