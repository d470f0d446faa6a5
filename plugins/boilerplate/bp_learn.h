/* plugins/boilerplate/bp_learn.h - learning boilerplate from a corpus:
 * blocks whose normalised text repeats in many documents of one site.
 *
 * A learner counts, per site, in how many documents each normalised block
 * occurs, in a fixed-size table (memory stays bounded whatever the corpus
 * size: when the table fills up, the rarest entries are pruned), and writes
 * a model file. A model answers "in how many documents of this site did
 * this block occur, out of how many documents of the site".
 *
 * Model file (text, one record a line, hexadecimal keys):
 *   # sluice boilerplate model 1
 *   S <site key> <documents of the site>
 *   B <block key> <documents holding the block>
 */
#ifndef SLUICE_BP_LEARN_H
#define SLUICE_BP_LEARN_H

#include <stddef.h>
#include <stdint.h>

#include <sluice/doc.h>

typedef struct bp_model bp_model;
typedef struct bp_learner bp_learner;

/* The key of a document's site: the host of metadata "url" (or "source",
 * "link", "site"), else the folder of the input file. */
uint64_t bp_site_key(const sl_doc *doc);

/* The key of a block of a site: a hash of the text with white space
 * removed and ASCII lower-cased, mixed with the site. */
uint64_t bp_block_key(uint64_t site, const char *text, size_t len);

/* Loads a model file. NULL on failure, with a message in err. */
bp_model *bp_model_load(const char *path, char *err, size_t err_len);
void bp_model_free(bp_model *model);

/* Documents of the site in the model (0 when unknown). */
uint32_t bp_model_site_docs(const bp_model *model, uint64_t site);

/* Documents of the block's site that held the block (0 when unknown). */
uint32_t bp_model_block_docs(const bp_model *model, uint64_t key);

/* A learner holding at most max_entries keys. NULL when out of memory. */
bp_learner *bp_learner_new(size_t max_entries);
void bp_learner_free(bp_learner *learner);

/* Counts one document of site with its n block keys (duplicates within
 * the document count once). Safe to call from several threads. Returns 0
 * or -1 when out of memory. */
int bp_learner_add(bp_learner *learner, uint64_t site, uint64_t *keys,
                   size_t n);

/* Writes the model (blocks seen in at least two documents) to path,
 * through a temporary file renamed into place. Returns 0, or -1 with a
 * message in err. */
int bp_learner_write(bp_learner *learner, const char *path, char *err,
                     size_t err_len);

/* A 64-bit FNV-1a hash of the n bytes at s. */
uint64_t bp_text_hash(const char *s, size_t n);

#endif
