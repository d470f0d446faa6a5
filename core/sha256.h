/* core/sha256.h - SHA-256 (FIPS 180-4), fed in pieces: the reader hashes
 * an overlong record while it skips it, so the quarantine can name the
 * record it could not keep whole ("record_sha256", the same digest as
 * sha256sum prints). */
#ifndef SLUICE_CORE_SHA256_H
#define SLUICE_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SL_SHA256_BYTES 32
/* Hexadecimal digest with its NUL. */
#define SL_SHA256_HEX_SIZE (2 * SL_SHA256_BYTES + 1)

typedef struct sl_sha256 {
    uint32_t state[8];
    uint64_t bytes;          /* fed so far */
    unsigned char block[64]; /* bytes waiting for a whole block */
    size_t waiting;
} sl_sha256;

void sl_sha256_init(sl_sha256 *h);

void sl_sha256_update(sl_sha256 *h, const void *data, size_t len);

/* Writes the digest of everything fed as 64 lower-case hexadecimal digits
 * and a NUL into hex. h must be initialised again before reuse. */
void sl_sha256_hex(sl_sha256 *h, char hex[SL_SHA256_HEX_SIZE]);

#endif
