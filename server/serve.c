/* serve.c: `dyad serve`: options, the libmicrohttpd daemon, request intake (limits,
 * strict parsing, bodies), connections (the cap, deadlines) and clean shutdown. Above
 * api.c and static.c, which it dispatches to; all stand on respond.c and worker.c. */
#include "serve.h"
#include "../cli/cli.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What intake learns of the query arguments and headers. */
typedef struct intake {
    size_t url_bytes;
    int control;           /* an argument holds a control byte (%00-%1F, %7F) */
    const char *length;    /* the first Content-Length */
    int lengths_differ;    /* a second Content-Length with another value */
    int chunked;           /* Transfer-Encoding present */
} intake;

static int has_control(const char *s) {
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

static enum MHD_Result look_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value) {
    (void)kind;
    intake *in = cls;
    in->url_bytes += strlen(key) + 2 + (value ? strlen(value) : 0);
    if (has_control(key) || has_control(value)) in->control = 1;
    return MHD_YES;
}

static enum MHD_Result look_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value) {
    (void)kind;
    intake *in = cls;
    if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
        if (!in->length) in->length = value ? value : "";
        else if (strcmp(in->length, value ? value : "")) in->lengths_differ = 1;
    } else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
        in->chunked = 1;
    }
    return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
    const serve_server *srv = cls;
    serve_req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        r->t0 = serve_now();
        *con_cls = r;
        intake in;
        memset(&in, 0, sizeof in);
        in.url_bytes = strlen(url);
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, look_arg, &in);
        MHD_get_connection_values(c, MHD_HEADER_KIND, look_header, &in);
        if (in.url_bytes > SERVE_MAX_URL_BYTES)
            return serve_error(srv, c, r, method, "(long URL)", MHD_HTTP_URI_TOO_LONG,
                               "the URL is too long");
        if (!strcmp(version, MHD_HTTP_VERSION_1_1) &&
            !MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST))
            return serve_error(srv, c, r, method, url, MHD_HTTP_BAD_REQUEST,
                               "an HTTP/1.1 request needs a Host header");
        if (in.lengths_differ || (in.length && in.chunked))
            return serve_error(srv, c, r, method, url, MHD_HTTP_BAD_REQUEST,
                               in.lengths_differ ? "two different Content-Length headers"
                                                 : "both Content-Length and Transfer-Encoding");
        if (in.control)
            return serve_error(srv, c, r, method, url, MHD_HTTP_BAD_REQUEST,
                               "a query parameter holds a control character (%00-%1F or %7F)");
        if (!strcmp(method, "POST") || !strcmp(method, "PUT")) {
            const char *cl = in.length;
            if (cl) {
                char *end;
                errno = 0;
                unsigned long long v = strtoull(cl, &end, 10);
                if (errno || *end || !isdigit((unsigned char)*cl) || v > srv->max_body)
                    return serve_error(srv, c, r, method, url, MHD_HTTP_CONTENT_TOO_LARGE,
                                       "the request body is too large");
            }
        }
        return MHD_YES;
    }
    if (r->responded) {
        *upload_data_size = 0; /* a response is queued: drop the rest of the body */
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!r->body_too_big && !r->busy) {
            if (r->body.len + *upload_data_size > srv->max_body) {
                r->body_too_big = 1;
            } else if (serve_inflight_take(*upload_data_size)) {
                r->busy = 1;
            } else {
                r->counted += *upload_data_size;
                if (dyad_buf_append(&r->body, upload_data, *upload_data_size)) return MHD_NO;
            }
            if (r->body_too_big || r->busy) {
                serve_inflight_give(r->counted);
                r->counted = 0;
                dyad_buf_free(&r->body);
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->body_too_big)
        return serve_error(srv, c, r, method, url, MHD_HTTP_CONTENT_TOO_LARGE,
                           "the request body is too large");
    if (r->busy)
        return serve_error(srv, c, r, method, url, MHD_HTTP_SERVICE_UNAVAILABLE,
                           "the server is busy: too many request bodies in flight; try again");
    if (srv->cors && !strcmp(method, "OPTIONS")) {
        dyad_buf b = {0};
        return serve_send(srv, c, r, method, url, MHD_HTTP_NO_CONTENT, "text/plain", &b, NULL,
                          NULL, NULL);
    }
    if (!strncmp(url, "/api/", 5) || !strcmp(url, "/api") || !strcmp(url, "/healthz"))
        return serve_api(srv, c, r, method, url);
    return serve_static(srv, c, r, method, url);
}

/* Decodes %XX in place as MHD does, except that %00 becomes 0x01 instead of
 * cutting the string short: "/index.html%00.js" must not pass for "/index.html", and
 * 0x01 is refused by every parameter check and by the static file path check. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *val) {
    (void)cls;
    (void)c;
    char *w = val;
    for (const char *r = val; *r; r++) {
        if (*r == '%' && isxdigit((unsigned char)r[1]) && isxdigit((unsigned char)r[2])) {
            char hex[3] = {r[1], r[2], '\0'};
            long v = strtol(hex, NULL, 16);
            *w++ = v ? (char)v : '\x01';
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return (size_t)(w - val);
}

/* --- connections: a cap with fast refusal, and a deadline for each request ---------- */

/* A connection being served: its socket, and when its current request began (its first
 * byte may come later: the deadline runs from the connection's start or the end of its
 * previous request). */
typedef struct conn {
    int fd;
    double since;
    int cut;
    struct conn *prev, *next;
} conn;

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static conn *conns;
static size_t n_conns, conns_cap;

/* The whole answer to a connection past --max-connections, written before libmicrohttpd
 * reads its request: a 503 whose body serve_error_body writes (made once, at start). */
static char refusal[512];
static size_t refusal_len;

static int make_refusal(void) {
    dyad_buf body = {0};
    if (serve_error_body(&body, "too many connections: try again in a moment")) return -1;
    int n = snprintf(refusal, sizeof refusal,
                     "HTTP/1.1 503 Service Unavailable\r\n"
                     "Content-Type: application/json; charset=utf-8\r\n"
                     "Content-Length: %zu\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%.*s",
                     body.len, (int)body.len, body.data);
    dyad_buf_free(&body);
    if (n < 0 || (size_t)n >= sizeof refusal) return -1;
    refusal_len = (size_t)n;
    return 0;
}

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode code) {
    (void)cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = NULL;
        if (!ci) return;
        int fd = ci->connect_fd;
        conn *x = NULL;
        pthread_mutex_lock(&conns_lock);
        if (n_conns < conns_cap && (x = calloc(1, sizeof *x)) != NULL) {
            x->fd = fd;
            x->since = serve_now();
            x->next = conns;
            if (conns) conns->prev = x;
            conns = x;
            n_conns++;
        }
        pthread_mutex_unlock(&conns_lock);
        if (!x) {
            /* Over --max-connections: a 503 at once rather than a wait for a free slot. */
            ssize_t sent = send(fd, refusal, refusal_len, MSG_DONTWAIT | MSG_NOSIGNAL);
            (void)sent;
            shutdown(fd, SHUT_RDWR);
        }
        *socket_context = x;
        return;
    }
    conn *x = *socket_context;
    if (!x) return;
    pthread_mutex_lock(&conns_lock);
    if (x->prev) x->prev->next = x->next;
    else conns = x->next;
    if (x->next) x->next->prev = x->prev;
    n_conns--;
    pthread_mutex_unlock(&conns_lock);
    free(x);
    *socket_context = NULL;
}

/* Cuts off connections whose request has taken longer than timeout seconds (slow
 * senders, clients that never read their response). The socket stays open until
 * libmicrohttpd closes it (the CLOSED notice comes first, under conns_lock). */
static void reap_connections(double timeout) {
    double now = serve_now();
    pthread_mutex_lock(&conns_lock);
    for (conn *x = conns; x; x = x->next)
        if (!x->cut && now - x->since > timeout) {
            shutdown(x->fd, SHUT_RDWR);
            x->cut = 1;
        }
    pthread_mutex_unlock(&conns_lock);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)toe;
    serve_req *r = *con_cls;
    if (r) {
        serve_inflight_give(r->counted);
        dyad_buf_free(&r->body);
        free(r);
        *con_cls = NULL;
    }
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn *x = ci ? ci->socket_context : NULL;
    if (x) {
        pthread_mutex_lock(&conns_lock);
        x->since = serve_now(); /* the next request's deadline runs from here */
        pthread_mutex_unlock(&conns_lock);
    }
}

/* Raises the open-file limit to what want connections need; returns how many the
 * limit allows. */
static unsigned long long fit_files(unsigned long long want, unsigned long long threads) {
    unsigned long long need = 2 * want + 64 + 8 * threads; /* MHD's slack, stores, logs */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl)) return want;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need) return want;
    unsigned long long spare = rl.rlim_cur > 64 + 8 * threads ? rl.rlim_cur - 64 - 8 * threads : 2;
    return spare / 2 ? spare / 2 : 1;
}

/* Parses "HOST:PORT", "[V6]:PORT" or ":PORT" (host 127.0.0.1) into addr. 0 or -1. */
static int parse_listen(const char *s, struct sockaddr_storage *addr, socklen_t *alen) {
    char host[128];
    const char *port;
    memset(addr, 0, sizeof *addr);
    if (s[0] == '[') {
        const char *e = strchr(s, ']');
        if (!e || e[1] != ':' || (size_t)(e - s - 1) >= sizeof host) return -1;
        memcpy(host, s + 1, (size_t)(e - s - 1));
        host[e - s - 1] = '\0';
        port = e + 2;
    } else {
        const char *e = strrchr(s, ':');
        if (!e || (size_t)(e - s) >= sizeof host) return -1;
        memcpy(host, s, (size_t)(e - s));
        host[e - s] = '\0';
        if (!host[0]) strcpy(host, "127.0.0.1");
        port = e + 1;
    }
    char *end;
    errno = 0;
    long p = strtol(port, &end, 10);
    if (!*port || *end || errno || p < 0 || p > 65535) return -1;
    struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)p);
        *alen = sizeof *v4;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)p);
        *alen = sizeof *v6;
        return 0;
    }
    return -1;
}

static const char USAGE[] =
    "Usage: dyad serve [OPTIONS]\n"
    "\n"
    "Serves the event store read-only over HTTP: a JSON API under /api/ and the web\n"
    "dashboard. Stops cleanly on SIGINT or SIGTERM.\n"
    "\n"
    "Options:\n"
    "  --db PATH|URL         the event store: a SQLite file (default: dyad.db) or a\n"
    "                        postgresql:// URL\n"
    "  --listen ADDR:PORT    address to listen on (default: 127.0.0.1:8080; port 0 picks\n"
    "                        a free port; the address in use is printed on stderr)\n"
    "  --dict PATH           dictionaries for /api/code and /api/actors (repeatable;\n"
    "                        default: dyad's own data/)\n"
    "  --web DIR             the dashboard's files (default: web/dist beside data/)\n"
    "  --threads N           worker threads (default: the number of CPUs, at least 2)\n"
    "  --max-body BYTES      largest POST body (default: 1 MiB); larger ones get 413\n"
    "  --max-connections N   concurrent connections (default: 1024); more are refused\n"
    "                        at once with 503\n"
    "  --timeout S           a request must arrive and its response be read within S\n"
    "                        seconds, and an idle connection is closed after S seconds\n"
    "                        (default: 10)\n"
    "  --cors ORIGIN         allow cross-origin requests from ORIGIN (default: none)\n"
    "  --no-cache            query the store for every request (by default API responses\n"
    "                        are kept until the database changes)\n"
    "  --quiet               no request log on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "Endpoints: GET /api/events /api/timeline /api/top/{actors,dyads,codes} /api/story/ID\n"
    "/api/codes /api/actors /healthz; POST /api/code.\n";

/* Parses a decimal option value within [lo, hi]. 0 or -1. */
static int parse_num(const char *s, unsigned long long lo, unsigned long long hi,
                     unsigned long long *out) {
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int cmd_serve(int argc, char **argv) {
    const char *cmd = argv[0];
    const char *db = "dyad.db", *listen_at = "127.0.0.1:8080", *web = NULL;
    const char *dicts[16];
    size_t n_dicts = 0;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned long long threads = ncpu < 2 ? 2 : (unsigned long long)ncpu;
    unsigned long long max_body = SERVE_MAX_BODY_BYTES, max_conn = SERVE_MAX_CONNECTIONS,
                       timeout = SERVE_TIMEOUT_S;
    serve_server srv;
    memset(&srv, 0, sizeof srv);
    if (threads > SERVE_MAX_THREADS) threads = SERVE_MAX_THREADS;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--quiet")) {
            srv.quiet = 1;
            continue;
        } else if (!strcmp(a, "--no-cache")) {
            srv.no_cache = 1;
            continue;
        }
        if (!v) {
            cli_error(cmd, "unknown option or missing value: %s (see dyad serve --help)", a);
            return CLI_EXIT_USAGE;
        }
        if (!strcmp(a, "--db")) db = v;
        else if (!strcmp(a, "--listen")) listen_at = v;
        else if (!strcmp(a, "--web")) web = v;
        else if (!strcmp(a, "--cors")) srv.cors = v;
        else if (!strcmp(a, "--dict")) {
            if (n_dicts == sizeof dicts / sizeof *dicts) {
                cli_error(cmd, "too many --dict options");
                return CLI_EXIT_USAGE;
            }
            dicts[n_dicts++] = v;
        } else if (!strcmp(a, "--threads")) bad = parse_num(v, 1, SERVE_MAX_THREADS, &threads);
        else if (!strcmp(a, "--max-body")) bad = parse_num(v, 1, DYAD_MAX_STORY_BYTES, &max_body);
        else if (!strcmp(a, "--max-connections")) bad = parse_num(v, 1, 100000, &max_conn);
        else if (!strcmp(a, "--timeout")) bad = parse_num(v, 1, 3600, &timeout);
        else {
            cli_error(cmd, "unknown option: %s (see dyad serve --help)", a);
            return CLI_EXIT_USAGE;
        }
        if (bad) {
            cli_error(cmd, "bad value for %s: %s", a, v);
            return CLI_EXIT_USAGE;
        }
        i++;
    }
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    if (parse_listen(listen_at, &addr, &alen)) {
        cli_error(cmd, "--listen wants ADDR:PORT with a numeric address, e.g. 127.0.0.1:8080");
        return CLI_EXIT_USAGE;
    }
    srv.db_path = db;
    srv.max_body = (size_t)max_body;
    srv.timeout = (unsigned)timeout;
    unsigned long long fit = fit_files(max_conn, threads);
    if (fit < max_conn) {
        cli_error(cmd, "the open-file limit (ulimit -n) allows %llu connections, not %llu", fit,
                  max_conn);
        max_conn = fit;
    }
    conns_cap = (size_t)max_conn;
    if (make_refusal()) {
        cli_error(cmd, "out of memory");
        return CLI_EXIT_FATAL;
    }

    /* A PostgreSQL store: each worker thread holds a connection; no response cache (the
     * cache knows a SQLite store changed by its files, and a server's tables have none). */
    srv.db_is_url = !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
    if (srv.db_is_url) srv.no_cache = 1;
    /* Fail early: the store must open read-only here before any thread uses it. Messages
     * name it as the store does (a URL without its user or password). */
    dyad_store *probe = NULL;
    int rc = dyad_store_open(db, DYAD_STORE_READONLY, &probe);
    if (rc != DYAD_OK) {
        if (srv.db_is_url) /* the store's message names it */
            cli_error(cmd, "%s", probe ? dyad_store_errmsg(probe) : dyad_strerror(rc));
        else
            cli_error(cmd, "%s: %s", db, probe ? dyad_store_errmsg(probe) : dyad_strerror(rc));
        dyad_store_close(probe);
        return CLI_EXIT_FATAL;
    }
    char db_name[512];
    snprintf(db_name, sizeof db_name, "%s", dyad_store_name(probe));
    dyad_store_close(probe);

    char webbuf[PATH_MAX], real[PATH_MAX];
    if (!web) {
        snprintf(webbuf, sizeof webbuf, "%s/../web/dist", dyad_dict_default_dir());
        web = webbuf;
    }
    if (realpath(web, real)) srv.web_root = real;
    else if (!srv.quiet) cli_error(cmd, "no dashboard files at %s: serving the API only", web);

    if (cli_load_dict(cmd, dicts, n_dicts, 0, &srv.dict) != CLI_EXIT_OK) return CLI_EXIT_FATAL;
    if (serve_codes_json(srv.dict, &srv.codes_json)) {
        cli_error(cmd, "out of memory");
        dyad_dict_free(srv.dict);
        return CLI_EXIT_FATAL;
    }

    /* SIGINT/SIGTERM are taken by sigwait below; the worker threads inherit the mask. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    if (addr.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)(2 * max_conn + 64), /* room to refuse with a 503 past max_conn */
        MHD_OPTION_NOTIFY_CONNECTION, notify_connection, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_CONN_MEMORY_BYTES,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape,
        NULL, MHD_OPTION_END);
    if (!d) {
        cli_error(cmd, "cannot listen on %s: %s", listen_at, strerror(errno));
        dyad_buf_free(&srv.codes_json);
        dyad_dict_free(srv.dict);
        return CLI_EXIT_FATAL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET6_ADDRSTRLEN] = "";
    if (addr.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof host);
    else
        inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
    fprintf(stderr, "dyad serve: listening on http://%s%s%s:%u/ (%s, %llu threads)\n",
            addr.ss_family == AF_INET6 ? "[" : "", host, addr.ss_family == AF_INET6 ? "]" : "",
            info ? (unsigned)info->port : 0u, db_name, threads);
    fflush(stderr);

    /* Wait for a signal, cutting off overdue connections four times a second. */
    int sig;
    for (;;) {
        struct timespec tick = {0, 250 * 1000 * 1000};
        sig = sigtimedwait(&sigs, NULL, &tick);
        if (sig > 0) break;
        reap_connections((double)timeout);
    }
    if (!srv.quiet) fprintf(stderr, "dyad serve: %s: shutting down\n", strsignal(sig));
    MHD_stop_daemon(d);
    serve_workers_free();
    serve_cache_free();
    dyad_buf_free(&srv.codes_json);
    dyad_dict_free(srv.dict);
    return CLI_EXIT_OK;
}
