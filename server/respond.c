/* respond.c: responses of `dyad serve`: gzip, headers (CORS, caching, Retry-After), the
 * memory budget for request bodies and unread responses, the log line; errors as JSON. */
#include "serve.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static pthread_mutex_t inflight_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t inflight;

int serve_inflight_take(size_t n) {
    int rc = 0;
    pthread_mutex_lock(&inflight_lock);
    if (n > SERVE_MAX_INFLIGHT_BYTES - inflight) rc = -1;
    else inflight += n;
    pthread_mutex_unlock(&inflight_lock);
    return rc;
}

void serve_inflight_give(size_t n) {
    pthread_mutex_lock(&inflight_lock);
    inflight -= n;
    pthread_mutex_unlock(&inflight_lock);
}

/* A counted response body, freed (and given back) when libmicrohttpd is done with it. */
typedef struct held {
    char *data;
    size_t len;
} held;

static void held_free(void *cls) {
    held *h = cls;
    serve_inflight_give(h->len);
    free(h->data);
    free(h);
}

/* Compresses in[0..n) as gzip into out. 0 on success. */
static int gzip_buf(const char *in, size_t n, dyad_buf *out) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    size_t cap = deflateBound(&z, (uLong)n) + 32;
    out->data = malloc(cap);
    if (!out->data) {
        deflateEnd(&z);
        return -1;
    }
    out->cap = cap;
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out->data;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    out->len = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        dyad_buf_free(out);
        return -1;
    }
    return 0;
}

/* True when the client's Accept-Encoding names gzip (and not with q=0). */
static int accepts_gzip(struct MHD_Connection *c) {
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    if (!ae) return 0;
    const char *p = ae;
    while ((p = strstr(p, "gzip")) != NULL) {
        const char *q = p + 4;
        while (*q == ' ') q++;
        if (!strncmp(q, ";q=0", 4) && (q[4] == '\0' || q[4] == ',' || !strncmp(q + 4, ".0", 2) ||
                                       !strncmp(q + 4, ".00", 3)))
            return 0;
        return 1;
    }
    return 0;
}

static int compressible(const char *ctype) {
    return !strncmp(ctype, "text/", 5) || strstr(ctype, "json") || strstr(ctype, "javascript") ||
           strstr(ctype, "svg");
}

enum MHD_Result serve_send(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                           const char *method, const char *url, unsigned status,
                           const char *ctype, dyad_buf *body, const char *cache_control,
                           const char *etag, const char *last_modified) {
    /* The request body has been read: its memory goes back first. */
    serve_inflight_give(r->counted);
    r->counted = 0;
    dyad_buf_free(&r->body);
    int gz = 0;
    dyad_buf z = {0};
    if (body->len >= SERVE_GZIP_MIN_BYTES && compressible(ctype) && accepts_gzip(c) &&
        gzip_buf(body->data, body->len, &z) == 0) {
        dyad_buf_free(body);
        *body = z;
        gz = 1;
    }
    size_t len = body->len;
    struct MHD_Response *resp = NULL;
    if (len > SERVE_SMALL_RESPONSE_BYTES) {
        /* Large responses wait in memory until the client reads them: together they may
         * hold SERVE_MAX_INFLIGHT_BYTES at most, or clients that never read would take
         * the server's memory. */
        held *h = malloc(sizeof *h);
        if (!h || serve_inflight_take(len)) {
            free(h);
            dyad_buf_free(body);
            if (!h) return MHD_NO;
            return serve_error(srv, c, r, method, url, MHD_HTTP_SERVICE_UNAVAILABLE,
                               "the server is busy: too many large responses wait for their "
                               "clients; try again");
        }
        h->data = body->data;
        h->len = len;
        resp = MHD_create_response_from_buffer_with_free_callback_cls(len, h->data, held_free, h);
        if (!resp) {
            held_free(h);
            memset(body, 0, sizeof *body);
            return MHD_NO;
        }
    } else {
        resp = MHD_create_response_from_buffer(len, len ? body->data : (void *)"",
                                               len ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
        if (!resp) {
            dyad_buf_free(body);
            return MHD_NO;
        }
    }
    if (!len) dyad_buf_free(body);
    memset(body, 0, sizeof *body); /* the response owns the bytes now */
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (compressible(ctype)) MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
    if (gz) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    if (cache_control) MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    if (etag) MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    if (last_modified) MHD_add_response_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED, last_modified);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW,
                                !strncmp(url, "/api/code", 9) && url[9] == '\0' ? "POST"
                                                                                  : "GET, HEAD");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    if (srv->cors) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN, srv->cors);
        MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        MHD_add_response_header(resp, "Access-Control-Allow-Headers", "Content-Type");
    }
    enum MHD_Result rc = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    r->responded = 1;
    if (!srv->quiet)
        fprintf(stderr, "%s %s %u %zu %.1fms\n", method, url, status, len,
                (serve_now() - r->t0) * 1000.0);
    return rc;
}

int serve_error_body(dyad_buf *b, const char *message) {
    dyad_buf_puts(b, "{\"error\":");
    dyad_buf_json_string(b, message, strlen(message));
    return dyad_buf_puts(b, "}\n");
}

enum MHD_Result serve_error(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                            const char *method, const char *url, unsigned status,
                            const char *message) {
    dyad_buf b = {0};
    serve_error_body(&b, message);
    return serve_send(srv, c, r, method, url, status, "application/json; charset=utf-8", &b,
                      "no-store", NULL, NULL);
}

