/* plugins/dedup/dedup_join.c - `sluice-dedup join`: the middle step of
 * deduplication over shards. It reads the signature files that the dedup
 * stage wrote in mode signatures, one per shard, in shard order (which is
 * input order), runs them through the same index as a single run, and
 * writes one decision per document to drop, for the dedup stage in mode
 * apply. The files are streamed; what stays in memory is the index
 * (dedup_index.h states its bytes per document).
 *
 *   sluice-dedup join [--threshold T] -o decisions.jsonl sig-0.bin ...
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "dedup_index.h"
#include "dedup_record.h"

static const char usage[] =
    "usage: sluice-dedup join [--threshold T] -o DECISIONS SIGNATURES...\n"
    "  -o FILE          the decisions (JSONL), for the dedup stage's mode "
    "apply\n"
    "  --threshold T    near-copy similarity, 0.05 to 1 (default 0.8; the "
    "same as\n"
    "                   the one-run stage's threshold for the same result)\n"
    "SIGNATURES are the files of every shard, written by the dedup stage in\n"
    "mode signatures; they are read in shard order whatever order they are\n"
    "given in.\n";

typedef struct shard_file {
    const char *path;
    FILE *f;
    dedup_params params;
} shard_file;

static int by_shard(const void *a, const void *b)
{
    const shard_file *x = a, *y = b;
    return x->params.shard < y->params.shard   ? -1
           : x->params.shard > y->params.shard ? 1
                                               : 0;
}

/* Opens every file and checks they are the shards 0..N-1 of one run with
 * the same parameters. */
static int open_shards(shard_file *files, int n, dedup_params *p)
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

static int write_decision(FILE *out, unsigned shard, const dedup_record *r,
                          const dedup_index *ix, const dedup_verdict *v)
{
    json_t *detail = json_pack("{ss sI}", "kept", dedup_index_id(ix, v->kept),
                               "cluster_removed", (json_int_t)v->removed);
    if (detail && v->kind == DEDUP_NEAR)
        json_object_set_new(
            detail, "similarity",
            json_real((double)(int)(v->similarity * 1000) / 1000));
    json_t *line =
        json_pack("{sI sI ss ss so}", "shard", (json_int_t)shard, "seq",
                  (json_int_t)r->seq, "id", r->id, "reason",
                  v->kind == DEDUP_EXACT ? "duplicate.exact" : "duplicate.near",
                  "detail", detail);
    int rc = line && json_dumpf(line, out, JSON_COMPACT) == 0 &&
                     fputc('\n', out) != EOF
                 ? 0
                 : -1;
    json_decref(line);
    return rc;
}

static int join(shard_file *files, int n, const dedup_params *p,
                double threshold, FILE *out)
{
    dedup_index *ix = dedup_index_new(p->num_perm, p->bands, threshold);
    dedup_record r = {0};
    r.sig = calloc(p->num_perm, sizeof *r.sig);
    r.band_keys = calloc(p->bands, sizeof *r.band_keys);
    int rc = ix && r.sig && r.band_keys ? 0 : -1;
    unsigned long long exact = 0, near = 0;
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
                exact += v.kind == DEDUP_EXACT;
                near += v.kind == DEDUP_NEAR;
                rc = write_decision(out, (unsigned)i, &r, ix, &v);
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
    if (rc == 0 && ix) {
        uint32_t kept[1], removed[1];
        size_t k = dedup_index_largest(ix, kept, removed, 1);
        fprintf(stderr,
                "sluice-dedup: %zu documents, %llu exact and %llu near "
                "copies to drop",
                dedup_index_count(ix), exact, near);
        if (k)
            fprintf(stderr, "; the largest cluster, of '%s', removes %u",
                    dedup_index_id(ix, kept[0]), removed[0]);
        fprintf(stderr, "; index %.1f MB\n",
                (double)dedup_index_bytes(ix) / 1e6);
    }
    free(r.sig);
    free(r.band_keys);
    dedup_index_free(ix);
    return rc;
}

static int cmd_join(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"threshold", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *output = NULL;
    double threshold = 0.8;
    int c;
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
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 64;
        }
    }
    int n = argc - optind;
    if (!output || n < 1) {
        fputs(usage, stderr);
        return 64;
    }
    shard_file *files = calloc((size_t)n, sizeof *files);
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
    if (rc == 0)
        rc = join(files, n, &p, threshold, out);
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
