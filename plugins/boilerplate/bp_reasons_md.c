/* plugins/boilerplate/bp_reasons_md.c - prints the boilerplate stage's
 * reason table as Markdown, for doc/gen-boilerplate-reasons.sh.
 */
#include <stdio.h>

#include "bp_reasons.h"

int main(void)
{
    if (bp_reasons_write_markdown(stdout) < 0 || fflush(stdout) != 0) {
        perror("bp-reasons");
        return 1;
    }
    return 0;
}
