/* version.c: the version of the library that is loaded (dyad.h: dyad_version). */
#include "internal.h"

const char *dyad_version(void) { return DYAD_VERSION; }
