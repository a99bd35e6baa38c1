/* serve.h: what the files of `dyad serve` share: the server's settings and limits, the
 * per-thread resources (worker.c), and the request/response helpers (respond.c). */
#ifndef DYAD_SERVE_H
#define DYAD_SERVE_H

#include "dyad.h"

#include <microhttpd.h>
#include <stdint.h>

/* Limits. Each can be exceeded by a hostile client; each is tested in test/cli/serve.sh. */
#define SERVE_MAX_BODY_BYTES (1u * 1024u * 1024u) /* default --max-body: POST bodies (413) */
#define SERVE_MAX_URL_BYTES 8192u            /* path + query string (414) */
#define SERVE_CONN_MEMORY_BYTES (64u * 1024u) /* MHD's per-connection pool: request headers */
#define SERVE_TIMEOUT_S 10u                  /* default --timeout: a request's whole life */
#define SERVE_MAX_CONNECTIONS 1024u          /* default --max-connections (503 over it) */
#define SERVE_MAX_RESPONSE_BYTES (8u * 1024u * 1024u) /* one response (POST /api/code: 413) */
#define SERVE_MAX_INFLIGHT_BYTES (128u * 1024u * 1024u) /* request bodies and unsent
                                                          * responses together (503 over it) */
#define SERVE_SMALL_RESPONSE_BYTES (64u * 1024u) /* always sent, whatever is in flight */
#define SERVE_MAX_THREADS 64u                /* --threads */
/* The limits of query parameters are in params.h. */
#define SERVE_MAX_STATIC_BYTES (16u * 1024u * 1024u) /* a static file served from --web */
#define SERVE_GZIP_MIN_BYTES 256u            /* smaller responses are not compressed */
#define SERVE_MAX_PATH_BYTES 1024u           /* a static file's path below --web */
#define SERVE_CACHE_SLOTS 4096u              /* cached API responses (direct-mapped) */
#define SERVE_CACHE_MAX_BYTES (64u * 1024u * 1024u) /* all cached responses together */
#define SERVE_CACHE_MAX_ENTRY_BYTES (1024u * 1024u) /* larger responses are not cached */

/* The server's settings, fixed after start-up and shared read-only by every thread. */
typedef struct serve_server {
    const char *db_path;       /* a SQLite file or a postgresql:// URL */
    int db_is_url;             /* a PostgreSQL store: no file to watch, no response cache */
    const char *web_root;      /* realpath of --web, or NULL when there is none */
    const char *cors;          /* --cors ORIGIN or NULL */
    size_t max_body;
    int quiet;
    int no_cache;              /* --no-cache: every request queries the store */
    unsigned timeout;          /* --timeout: seconds a request may take, first byte to last */
    dyad_dict *dict;           /* shared, immutable */
    dyad_buf codes_json;       /* /api/codes, built once */
} serve_server;

/* What one worker thread owns: its store handle (every query goes through the store API,
 * whichever the backend: a SQLite file or a PostgreSQL connection) and its coder. Opened
 * on first use. */
typedef struct serve_worker {
    dyad_store *st;
    dyad_coder *coder;
    unsigned long long dev, ino; /* the file the handle reads: reopened when the store is
                                  * replaced (renamed over); 0 for PostgreSQL */
    int reopen;                  /* a PostgreSQL store's query failed (the connection may
                                  * be lost: a server restarted): reconnect before the next */
    struct serve_worker *next;
} serve_worker;

/* worker.c: the calling thread's worker, opened on first use and reopened when the file
 * at srv->db_path is no longer the one it reads (a SQLite store); NULL (with *why set) on
 * failure.
 * serve_workers_free closes every worker (at shutdown, the threads stopped). */
serve_worker *serve_worker_get(const serve_server *srv, const char **why);
void serve_workers_free(void);

/* One request in progress: its body as it arrives, and when it began. */
typedef struct serve_req {
    dyad_buf body;
    size_t counted;            /* bytes of body counted in flight (serve_inflight_*) */
    int body_too_big, busy;
    double t0;
    int responded;
} serve_req;

/* respond.c: sends body (taken over and emptied) with status and content type, gzip-compressed
 * when the client accepts it, with CORS and caching headers. cache_control, etag and
 * last_modified may be NULL. */
enum MHD_Result serve_send(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                           const char *method, const char *url, unsigned status,
                           const char *ctype, dyad_buf *body, const char *cache_control,
                           const char *etag, const char *last_modified);

/* Memory held by request bodies and unsent responses, all connections together:
 * serve_inflight_take reserves n bytes (0) or refuses past SERVE_MAX_INFLIGHT_BYTES (-1,
 * nothing reserved); serve_inflight_give returns them. */
int serve_inflight_take(size_t n);
void serve_inflight_give(size_t n);

/* Appends the body of every error answer, {"error": message} and a newline, to b: the
 * one writer of it (serve_error, and the refusal past --max-connections). */
int serve_error_body(dyad_buf *b, const char *message);
/* Sends {"error": message} with status. */
enum MHD_Result serve_error(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                            const char *method, const char *url, unsigned status,
                            const char *message);

/* api.c: the JSON endpoints. Dispatches url (under /api/ or /healthz) and sends the
 * response; 404 for unknown endpoints, 405 for a wrong method. */
enum MHD_Result serve_api(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                          const char *method, const char *url);

/* Builds the CAMEO table as JSON (for /api/codes). */
int serve_codes_json(const dyad_dict *d, dyad_buf *b);

/* static.c: a file below srv->web_root ("/" is index.html). Never leaves the folder:
 * "..", absolute paths and symlinks pointing outside answer 403 or 404. */
enum MHD_Result serve_static(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                             const char *method, const char *url);

/* cache.c: GET responses of the API by path and query. serve_cache_check drops every
 * entry when the store's files changed since the last check (a commit, a replacement)
 * and returns the generation of the cache now. get copies a hit into out (1) or
 * returns 0. put keeps a copy of a response computed after the check that returned gen,
 * and only while gen is current and the files are still those gen saw, so that a
 * response read across a commit is never kept (nothing over the limits either). */
uint64_t serve_cache_check(const char *db_path);
int serve_cache_get(const char *key, dyad_buf *out);
void serve_cache_put(const char *db_path, uint64_t gen, const char *key, const char *body,
                     size_t len);
void serve_cache_free(void);

/* worker.c: seconds since an arbitrary start (monotonic). */
double serve_now(void);

#endif
