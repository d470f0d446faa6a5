/* plugins/dedup/dedup_record.c - deduplication's binary records (see
 * dedup_record.h).
 */
#include "dedup_record.h"

#include <stdlib.h>
#include <string.h>

size_t dedup_header(const dedup_params *p, char *buf, size_t size)
{
    int n = p->shards
                ? snprintf(buf, size,
                           "SLUICE-DEDUP 1 num_perm=%zu bands=%zu "
                           "shingle=%zu/%zu shard=%u/%u\n",
                           p->num_perm, p->bands, p->shingle, p->word_shingle,
                           p->shard, p->shards)
                : snprintf(buf, size,
                           "SLUICE-DEDUP 1 num_perm=%zu bands=%zu "
                           "shingle=%zu/%zu\n",
                           p->num_perm, p->bands, p->shingle, p->word_shingle);
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

int dedup_read_header(FILE *f, dedup_params *p, const char **why)
{
    char line[256];
    dedup_params got = {0};
    if (!fgets(line, sizeof line, f) ||
        sscanf(line, "SLUICE-DEDUP 1 num_perm=%zu bands=%zu shingle=%zu/%zu",
               &got.num_perm, &got.bands, &got.shingle,
               &got.word_shingle) != 4 ||
        got.num_perm == 0 || got.bands == 0 || got.num_perm % got.bands ||
        got.num_perm > 1024) {
        *why = "not a sluice deduplication file (no SLUICE-DEDUP header)";
        return -1;
    }
    const char *shard = strstr(line, " shard=");
    if (shard && sscanf(shard, " shard=%u/%u", &got.shard, &got.shards) != 2) {
        *why = "a damaged SLUICE-DEDUP header";
        return -1;
    }
    p->shard = got.shard;
    p->shards = got.shards;
    if (p->num_perm == 0) {
        *p = got;
        return 0;
    }
    if (got.num_perm != p->num_perm || got.bands != p->bands ||
        got.shingle != p->shingle || got.word_shingle != p->word_shingle) {
        *why = "written with other num_perm, bands or shingle options";
        return -1;
    }
    return 0;
}

static void put_u64(unsigned char *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_u64(const unsigned char *b)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

size_t dedup_record_encode(const dedup_params *p, const dedup_record *r,
                           unsigned char **buf, size_t *cap)
{
    size_t id_len = strlen(r->id);
    if (id_len > 65535)
        id_len = 65535;
    size_t need = 8 + 8 + 1 + 2 + id_len;
    if (r->has_sig)
        need += p->num_perm * 2 + p->bands * 4;
    if (need > *cap) {
        unsigned char *b = realloc(*buf, need);
        if (!b)
            return 0;
        *buf = b;
        *cap = need;
    }
    unsigned char *w = *buf;
    put_u64(w, r->seq);
    put_u64(w + 8, r->fingerprint);
    w[16] = r->has_sig ? 1 : 0;
    w += 17;
    if (r->has_sig) {
        for (size_t i = 0; i < p->num_perm; i++) {
            *w++ = (unsigned char)(r->sig[i] & 0xFF);
            *w++ = (unsigned char)(r->sig[i] >> 8);
        }
        for (size_t i = 0; i < p->bands; i++)
            for (int k = 0; k < 4; k++)
                *w++ = (unsigned char)(r->band_keys[i] >> (8 * k));
    }
    *w++ = (unsigned char)(id_len & 0xFF);
    *w++ = (unsigned char)(id_len >> 8);
    memcpy(w, r->id, id_len);
    return need;
}

int dedup_record_read(FILE *f, const dedup_params *p, dedup_record *r)
{
    unsigned char head[17];
    size_t got = fread(head, 1, sizeof head, f);
    if (got == 0 && feof(f))
        return 0;
    if (got != sizeof head || head[16] > 1)
        return -1;
    r->seq = get_u64(head);
    r->fingerprint = get_u64(head + 8);
    r->has_sig = head[16] == 1;
    if (r->has_sig) {
        unsigned char b[4];
        for (size_t i = 0; i < p->num_perm; i++) {
            if (fread(b, 1, 2, f) != 2)
                return -1;
            r->sig[i] = (uint16_t)(b[0] | b[1] << 8);
        }
        for (size_t i = 0; i < p->bands; i++) {
            if (fread(b, 1, 4, f) != 4)
                return -1;
            r->band_keys[i] = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
                              (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        }
    }
    unsigned char len[2];
    if (fread(len, 1, 2, f) != 2)
        return -1;
    size_t id_len = (size_t)(len[0] | len[1] << 8);
    if (fread(r->id, 1, id_len, f) != id_len)
        return -1;
    r->id[id_len] = '\0';
    return 1;
}
