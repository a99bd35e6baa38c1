/* fuzz_params.c: libFuzzer target for the API's parameter parsing (server/params.c): any
 * bytes, the first choosing the endpoint, the rest a query string split at '&' and '=',
 * read by serve_params_parse. Checks what it promises: an answer or a 400 whose message
 * is said (NUL-terminated, within its buffer); on an answer, every limit holds and every
 * string of the query points into the parsed struct or the request's values.
 * fuzz-link: server/params.c */
#include "../server/params.h"

#include <stdlib.h>
#include <string.h>

#define MAX_IN 4096

/* Whether s points into [lo, lo + n) . */
static int inside(const void *s, const void *lo, size_t n) {
    const char *p = s, *b = lo;
    return p >= b && p < b + n;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (size < 1 || size > MAX_IN) return 0;
    serve_endpoint ep = (serve_endpoint)(data[0] % (SERVE_EP_CODES + 1));
    static char buf[MAX_IN + 1];
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    serve_param p[SERVE_MAX_PARAMS + 1];
    size_t n = 0;
    for (char *s = buf, *next; s && n <= SERVE_MAX_PARAMS; s = next) {
        next = strchr(s, '&');
        if (next) *next++ = '\0';
        char *eq = strchr(s, '=');
        if (eq) *eq++ = '\0';
        p[n++] = (serve_param){s, eq}; /* "?name" without '=': value NULL */
    }
    serve_params out;
    char err[256];
    memset(err, 'x', sizeof err);
    int rc = serve_params_parse(ep, p, n, &out, err, sizeof err);
    if (!memchr(err, '\0', sizeof err)) abort();
    if (rc) {
        if (rc != -1 || !err[0]) abort();
        return 0;
    }
    if (err[0]) abort();
    const dyad_store_query *q = &out.q;
    const char *strs[] = {q->actor, q->source, q->target, q->dyad_a, q->dyad_b, q->code,
                          q->text, q->country, out.story, out.actors_q};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (strs[i] && !inside(strs[i], &out, sizeof out) && !inside(strs[i], buf, size))
            abort();
    if (ep == SERVE_EP_EVENTS &&
        (out.limit < 1 || out.limit > SERVE_MAX_PAGE || out.offset > SERVE_MAX_OFFSET))
        abort();
    if (ep == SERVE_EP_TOP && (out.n < 1 || out.n > SERVE_MAX_TOP)) abort();
    if (ep == SERVE_EP_ACTORS && (!out.actors_q || strlen(out.actors_q) > SERVE_MAX_ACTOR_QUERY))
        abort();
    if (ep == SERVE_EP_GEO && !(out.cell >= 0.01 && out.cell <= 90)) abort();
    if (q->near_km && !(q->near_km > 0)) abort();
    for (size_t i = 0; i < n; i++)
        if (p[i].value && strlen(p[i].value) > SERVE_MAX_PARAM_BYTES) abort();
    return 0;
}
