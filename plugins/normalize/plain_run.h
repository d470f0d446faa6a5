/* plugins/normalize/plain_run.h - finds where a run of text that needs no
 * normalization ends: printable ASCII and the three-byte characters a
 * table marks plain, which is most of Chinese text.
 */
#ifndef SLUICE_NORMALIZE_PLAIN_RUN_H
#define SLUICE_NORMALIZE_PLAIN_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One bit per three-byte character U+0800..U+FFFF (64 to a row, by its
 * first 10 bits), set when the character needs no work; the ranges of
 * Chinese text found wholly plain in them, which the fast path passes
 * without a look-up; and the bytes the AVX2 scan compares with. */
typedef struct nz_plain_table {
    uint64_t rows[1024];
    /* set by nz_plain_table_finish */
    bool ideographs; /* U+4000..U+4DBF and U+4E00..U+9FFF */
    bool fullwidth;  /* U+FF01..U+FF5E: ，：（）！？... */
    bool cjk_punct;  /* U+3001..U+3035: 、。「」《》... */
    /* each byte value 32 times: the AVX2 scan's constants */
    unsigned char bytes[256][32];
} nz_plain_table;

/* Marks the three-byte character cp (0x800..0xFFFF) plain. */
void nz_plain_table_set(nz_plain_table *t, uint32_t cp);

/* Sets the range flags from the rows, once they are all set. */
void nz_plain_table_finish(nz_plain_table *t);

/* Whether the three-byte character of code point cp (0x800..0xFFFF) is
 * marked plain. */
static inline int nz_plain_cp(const nz_plain_table *t, uint32_t cp)
{
    return (int)((t->rows[cp >> 6] >> (cp & 0x3F)) & 1);
}

/* The end of the run from pos of printable ASCII and of well-formed
 * three-byte characters marked plain in t; s has len bytes. An overlong
 * form or a surrogate decodes to a code point whose bit is clear (below
 * U+0800, or U+D800..U+DFFF, which are never plain), so only valid UTF-8
 * passes. With SSE2, sixteen bytes at a time. */
size_t nz_plain_run_end(const nz_plain_table *t, const char *s, size_t len,
                        size_t pos);

/* nz_plain_run_end with the chunk search chosen: 32 bytes at a time
 * (AVX2) when avx2 is true, which only a processor nz_plain_has_avx2
 * accepts may be asked for, else 16 (SSE2). Exposed for tests. */
size_t nz_plain_run_end_chunks(const nz_plain_table *t, const char *s,
                               size_t len, size_t pos, bool avx2);

/* Whether this processor runs the AVX2 chunk search. */
bool nz_plain_has_avx2(void);

/* The same answer one character at a time: the reference the fast path
 * is tested against. */
size_t nz_plain_run_end_bytewise(const nz_plain_table *t, const char *s,
                                 size_t len, size_t pos);

#endif
