/* testutil.h: what the unit tests share. They use the public header only. */
#ifndef DYAD_TESTUTIL_H
#define DYAD_TESTUTIL_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dyad.h"

/* The directory of the shared evaluation data (../shared/eval beside the checkout), or
 * NULL when it is absent: tests that need it skip(). */
static inline const char *test_shared_eval(void) {
    static char path[4096];
    const char *root = getenv("DYAD_ROOT");
    snprintf(path, sizeof path, "%s/../shared/eval", root ? root : ".");
    FILE *f = NULL;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/SOURCES.md", path);
    f = fopen(probe, "r");
    if (!f) return NULL;
    fclose(f);
    return path;
}
#endif
