/* dict_path.c: where dyad's own dictionaries live. */
#include "internal.h"

#include <stdlib.h>

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "/usr/local/share/dyad"
#endif

const char *dyad_dict_default_dir(void) {
    const char *env = getenv("DYAD_DATA");
    return env && *env ? env : DYAD_DATA_DIR;
}
