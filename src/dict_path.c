/* dict_path.c: where dyad's own dictionaries live: $DYAD_DATA, else share/dyad/data
 * beside the installed program or library, else the source tree it was built from. */
#define _GNU_SOURCE /* dladdr */
#include "internal.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "/usr/local/share/dyad/data"
#endif

/* From the directory of an installed binary or library (PREFIX/bin, PREFIX/lib). */
#define RELATIVE_DATA "/../share/dyad/data"
/* A file every data directory has: a directory without it is not dyad's data. */
#define DATA_MARKER "/cameo/event-codes.txt"

static const char anchor = 0; /* an address inside this library, for dladdr */
static char installed[PATH_MAX];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The real path of the file this code was loaded from: libdyad.so when the library is
 * shared, else the program it is linked into. "" when unknown. */
static void loaded_from(char *out, size_t size) {
    char tmp[PATH_MAX];
    Dl_info info;
    const char *f = NULL;
    out[0] = '\0';
    if (dladdr(&anchor, &info) && info.dli_fname && strchr(info.dli_fname, '/')) f = info.dli_fname;
    if (!f) {
        ssize_t n = readlink("/proc/self/exe", tmp, sizeof tmp - 1);
        if (n <= 0) return;
        tmp[n] = '\0';
        f = tmp;
    }
    char real[PATH_MAX];
    if (!realpath(f, real) || strlen(real) >= size) return;
    memcpy(out, real, strlen(real) + 1);
}

static void find_installed(void) {
    char self[PATH_MAX], cand[PATH_MAX + sizeof RELATIVE_DATA + sizeof DATA_MARKER];
    loaded_from(self, sizeof self);
    char *slash = strrchr(self, '/');
    if (!slash) return;
    *slash = '\0';
    int n = snprintf(cand, sizeof cand, "%s" RELATIVE_DATA DATA_MARKER, self);
    if (n < 0 || (size_t)n >= sizeof cand || access(cand, R_OK) != 0) return;
    cand[(size_t)n - strlen(DATA_MARKER)] = '\0';
    char real[PATH_MAX];
    if (realpath(cand, real) && strlen(real) < sizeof installed)
        memcpy(installed, real, strlen(real) + 1);
}

const char *dyad_dict_default_dir(void) {
    const char *env = getenv("DYAD_DATA");
    if (env && *env) return env;
    pthread_once(&once, find_installed);
    return installed[0] ? installed : DYAD_DATA_DIR;
}
