/* include/sluice/invariant.h - SL_INVARIANT(condition): states a fact the
 * code relies on and checks it in the builds made to find bugs.
 *
 * With SLUICE_CHECKED defined (configure --enable-sanitizers or
 * --enable-checks, and the fuzz build of scripts/fuzz.sh) a false
 * condition prints the file, the line and the condition on standard error
 * and aborts, so a sanitizer or fuzzer run stops where the fact first
 * broke, not later where memory shows it. In other builds the condition
 * is compiled (it must stay valid C) but never evaluated, so it costs
 * nothing and may not have side effects.
 *
 * Use it for facts that follow from the code itself (an offset inside its
 * buffer, a count that matches an array), never for checking input: bad
 * input is an error with a message, not an invariant.
 */
#ifndef SLUICE_INVARIANT_H
#define SLUICE_INVARIANT_H

#include <stdio.h>
#include <stdlib.h>

static inline void sl_invariant_failed(const char *condition, const char *file,
                                       int line)
{
    fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
    abort();
}

#ifdef SLUICE_CHECKED
#define SL_INVARIANT(condition)                                                \
    ((condition) ? (void)0                                                     \
                 : sl_invariant_failed(#condition, __FILE__, __LINE__))
#else
#define SL_INVARIANT(condition) ((void)sizeof(!(condition)))
#endif

#endif
