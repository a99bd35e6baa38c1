/* params.h: the API's query parameters, read by one pure function (no I/O, no
 * libmicrohttpd): names and values in, a query or a 400's message out. api.c feeds it a
 * request's parameters; fuzz/fuzz_params.c feeds it anything. */
#ifndef DYAD_SERVE_PARAMS_H
#define DYAD_SERVE_PARAMS_H

#include "dyad.h"

#include <stddef.h>
#include <stdint.h>

#define SERVE_MAX_PARAMS 64u          /* parameters of one request (400 over it) */
#define SERVE_MAX_PARAM_BYTES 1024u   /* one value (400 over it, naming the parameter) */
#define SERVE_DEFAULT_PAGE 100u       /* /api/events, /api/discards default limit */
#define SERVE_MAX_PAGE 1000u          /* their largest limit */
/* /api/events largest offset: a deeper one walks every row before it (2 s at 100,000
 * over a million events); the keyset cursor (after=) seeks at any depth. */
#define SERVE_MAX_OFFSET 10000u
#define SERVE_MAX_TOP 100u            /* /api/top n */
#define SERVE_DEFAULT_TOP 10u
#define SERVE_MAX_ACTORS 20u          /* /api/actors suggestions */
#define SERVE_MAX_ACTOR_QUERY 200u    /* /api/actors q, bytes */

/* One query parameter as the request gives it, unescaped; value NULL for "?name". */
typedef struct serve_param {
    const char *name;
    const char *value;
} serve_param;

/* The endpoints that take parameters. */
typedef enum {
    SERVE_EP_EVENTS, SERVE_EP_GEO, SERVE_EP_TIMELINE, SERVE_EP_TOP, SERVE_EP_STORY,
    SERVE_EP_DISCARDS, SERVE_EP_ACTORS, SERVE_EP_CODE, SERVE_EP_CODES
} serve_endpoint;

/* What the parameters of a request say. q's strings point into this struct or into the
 * parameters' values: both must outlive its use. */
typedef struct serve_params {
    dyad_store_query q;        /* the event filters (events, geo, timeline, top) */
    char actor[DYAD_MAX_CODE_BYTES], source[DYAD_MAX_CODE_BYTES], target[DYAD_MAX_CODE_BYTES];
    char dyad_a[DYAD_MAX_CODE_BYTES], dyad_b[DYAD_MAX_CODE_BYTES];
    char code[16];
    char a[DYAD_MAX_CODE_BYTES], b[DYAD_MAX_CODE_BYTES]; /* timeline; "" when not given */
    uint64_t limit, offset, n; /* page (events, discards), list length (top, actors) */
    int one_a_day, both, raw;
    dyad_store_period by;      /* timeline (default week) */
    dyad_store_geo_level level; /* geo (default country) */
    double cell;               /* geo grid cell, degrees (default 1) */
    const char *level_name;    /* "country", "adm1" or "grid" */
    const char *story;         /* discards: story=; story: id= (or NULL) */
    const char *actors_q;      /* actors: q (required) */
    char actors_code[DYAD_MAX_CODE_BYTES]; /* q as a code prefix, "" when it is not one */
    int32_t date;              /* code: ?date= of a text/plain body; 0 if none */
} serve_params;

/* Reads the n parameters p of a request to endpoint ep into *out. Every parameter must
 * be one the endpoint takes, given once, with a value of at most SERVE_MAX_PARAM_BYTES
 * that reads as its kind (a date, a number in range, an actor code ...); an empty value
 * is an absent one. On a bad one, returns -1 with a message naming the parameter in err
 * (always NUL-terminated); 0 when all are good. Pure: no I/O, no allocation. */
int serve_params_parse(serve_endpoint ep, const serve_param *p, size_t n, serve_params *out,
                       char *err, size_t errcap);

#endif
