/* static.c: the dashboard's files, served from one folder that no request path may
 * leave, with content types and caching headers (ETag, Last-Modified, Cache-Control). */
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const struct {
    const char *ext, *type;
} TYPES[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
    {".png", "image/png"}, {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"}, {".woff2", "font/woff2"},
};

static const char *type_of(const char *path) {
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
            if (!strcmp(dot, TYPES[i].ext)) return TYPES[i].type;
    return "application/octet-stream";
}

/* A request path is acceptable when every segment is a plain name: no "..", no ".",
 * no empty segment, no backslash, no control byte. (MHD has already decoded %XX, so
 * %2e%2e arrives here as "..".) */
static int path_ok(const char *p) {
    if (*p != '/') return 0;
    p++;
    while (*p) {
        const char *seg = p;
        while (*p && *p != '/') {
            unsigned char c = (unsigned char)*p;
            if (c < 0x20 || c == 0x7f || c == '\\') return 0;
            p++;
        }
        size_t n = (size_t)(p - seg);
        if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        if (*p == '/') {
            p++;
            if (!*p) return 0; /* trailing slash: directories are not listed */
        }
    }
    return 1;
}

enum MHD_Result serve_static(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                             const char *method, const char *url) {
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return serve_error(srv, c, r, method, url, MHD_HTTP_METHOD_NOT_ALLOWED,
                           "method not allowed");
    if (!srv->web_root)
        return serve_error(srv, c, r, method, url, MHD_HTTP_NOT_FOUND, "not found");
    const char *rel = strcmp(url, "/") ? url : "/index.html";
    if (strlen(rel) > SERVE_MAX_PATH_BYTES || !path_ok(rel))
        return serve_error(srv, c, r, method, url, MHD_HTTP_FORBIDDEN, "forbidden path");
    char joined[PATH_MAX], real[PATH_MAX];
    size_t rootlen = strlen(srv->web_root);
    if ((size_t)snprintf(joined, sizeof joined, "%s%s", srv->web_root, rel) >= sizeof joined)
        return serve_error(srv, c, r, method, url, MHD_HTTP_FORBIDDEN, "forbidden path");
    if (!realpath(joined, real))
        return serve_error(srv, c, r, method, url, MHD_HTTP_NOT_FOUND, "not found");
    /* Symlinks are resolved: the file itself must still lie below the root. */
    if (strncmp(real, srv->web_root, rootlen) || real[rootlen] != '/')
        return serve_error(srv, c, r, method, url, MHD_HTTP_FORBIDDEN, "forbidden path");
    /* Only regular files: a FIFO or a device would block the worker in open() or read().
     * Checked before the open, and opened without blocking in case it changed since. */
    struct stat sb;
    if (stat(real, &sb) || !S_ISREG(sb.st_mode))
        return serve_error(srv, c, r, method, url, MHD_HTTP_NOT_FOUND, "not found");
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        if (fd >= 0) close(fd);
        return serve_error(srv, c, r, method, url, MHD_HTTP_NOT_FOUND, "not found");
    }
    if ((uint64_t)sb.st_size > SERVE_MAX_STATIC_BYTES) {
        close(fd);
        return serve_error(srv, c, r, method, url, MHD_HTTP_FORBIDDEN, "file too large");
    }
    char etag[64], lastmod[64];
    snprintf(etag, sizeof etag, "\"%" PRIx64 "-%" PRIx64 "\"", (uint64_t)sb.st_size,
             (uint64_t)sb.st_mtime);
    struct tm tm;
    gmtime_r(&sb.st_mtime, &tm);
    strftime(lastmod, sizeof lastmod, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    /* Files under assets/ carry a content hash in their names: cache them for a year. */
    const char *cache = !strncmp(rel, "/assets/", 8) ? "public, max-age=31536000, immutable"
                                                     : "no-cache";
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    const char *ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
    dyad_buf b = {0};
    if ((inm && strstr(inm, etag)) || (!inm && ims && !strcmp(ims, lastmod))) {
        close(fd);
        return serve_send(srv, c, r, method, url, MHD_HTTP_NOT_MODIFIED, type_of(real), &b,
                          cache, etag, lastmod);
    }
    b.data = malloc((size_t)sb.st_size + 1);
    if (!b.data) {
        close(fd);
        return serve_error(srv, c, r, method, url, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    }
    b.cap = (size_t)sb.st_size + 1;
    while (b.len < (size_t)sb.st_size) {
        ssize_t got = read(fd, b.data + b.len, (size_t)sb.st_size - b.len);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        b.len += (size_t)got;
    }
    close(fd);
    return serve_send(srv, c, r, method, url, MHD_HTTP_OK, type_of(real), &b, cache, etag, lastmod);
}
