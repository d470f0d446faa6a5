/* plugins/dedup/dedup_record.h - the binary records deduplication writes:
 * one per document, in input order, in the stage's state file (so
 * --resume can rebuild the index) and in the signature files of a sharded
 * run (which `sluice-dedup join` reads). A file starts with a header line
 * naming the format and the parameters that must agree between files:
 *
 *   SLUICE-DEDUP 1 num_perm=112 bands=14 shingle=5/3 shard=0/4\n
 *
 * (the shard only in signature files) *
 * then records, little-endian:
 *
 *   u64 seq          the document's position in its shard's input
 *   u64 fingerprint
 *   u8  has_sig      0: too short to compare, no signature follows
 *   u16 sig[num_perm], u32 band_keys[bands]   when has_sig
 *   u16 id_len, id bytes
 */
#ifndef SLUICE_DEDUP_RECORD_H
#define SLUICE_DEDUP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct dedup_params {
    size_t num_perm, bands, shingle, word_shingle;
    unsigned shard, shards; /* a signature file's shard; shards 0: none */
} dedup_params;

typedef struct dedup_record {
    uint64_t seq, fingerprint;
    bool has_sig;
    uint16_t *sig;       /* num_perm */
    uint32_t *band_keys; /* bands */
    char id[65536];
} dedup_record;

/* The header line into buf (at least 128 bytes); returns its length. */
size_t dedup_header(const dedup_params *p, char *buf, size_t size);

/* Reads and checks the header of f against p (p->num_perm 0: take the
 * file's). Returns 0, or -1 with *why (static text). */
int dedup_read_header(FILE *f, dedup_params *p, const char **why);

/* Encodes a record into buf (grown with realloc); returns its length, or
 * 0 when out of memory. */
size_t dedup_record_encode(const dedup_params *p, const dedup_record *r,
                           unsigned char **buf, size_t *cap);

/* Reads the next record. Returns 1, 0 at a clean end of file, or -1 for a
 * cut or damaged record. r->sig and r->band_keys must have room. */
int dedup_record_read(FILE *f, const dedup_params *p, dedup_record *r);

#endif
