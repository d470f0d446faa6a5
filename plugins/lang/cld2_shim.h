/* plugins/lang/cld2_shim.h - a C face on the Compact Language Detector 2
 * (libcld2, a C++ library): one function that names the language of a
 * UTF-8 text, so the stage itself stays C. */
#ifndef SLUICE_LANG_CLD2_SHIM_H
#define SLUICE_LANG_CLD2_SHIM_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What CLD2 says about a text. */
typedef struct lang_guess {
    char code[16];  /* BCP 47 tag: "en", "zh", "zh-Hant", "ja"; "und" when
                       CLD2 cannot tell */
    int percent;    /* share of the text's letters in that language, 0..100 */
    bool reliable;  /* CLD2's own verdict: clearly ahead of the runner-up */
    int text_bytes; /* letter bytes CLD2 scored */
} lang_guess;

/* Detects the language of text[0..len) (valid UTF-8, plain text). hint is
 * a language code from elsewhere (the markup's lang attribute) or NULL; it
 * nudges CLD2 towards that language on short or mixed text. Never fails:
 * an empty or undecidable text gives "und". Thread-safe. */
void lang_cld2_detect(const char *text, size_t len, const char *hint,
                      lang_guess *out);

#ifdef __cplusplus
}
#endif
#endif
