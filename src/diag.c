/* diag.c: error names and the diagnostics callback. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

const char *dyad_strerror(int err) {
    switch (err) {
    case DYAD_OK: return "success";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EIO: return "input/output error";
    case DYAD_EINVAL: return "invalid argument";
    case DYAD_EFORMAT: return "malformed input";
    case DYAD_ELIMIT: return "input exceeds a limit";
    case DYAD_EENCODING: return "unsupported text encoding";
    case DYAD_EEMPTY: return "empty input";
    case DYAD_EDB: return "database error";
    case DYAD_ENOTFOUND: return "not found";
    case DYAD_EBINARY: return "binary input, not text";
    default: return "unknown error";
    }
}

void diag_report(dyad_diag_fn fn, void *ud, dyad_severity sev, const char *file,
                 uint64_t line, const char *fmt, ...) {
    if (!fn) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad_diag d = {sev, file ? file : "-", line, msg};
    fn(ud, &d);
}
