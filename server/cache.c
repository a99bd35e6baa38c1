/* cache.c: recent API responses, keyed by path and query, shared by the worker threads
 * and dropped whole whenever the store's files change (another process ingesting). */
#include "serve.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct slot {
    uint64_t hash;
    char *key;
    char *body;
    size_t len;
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SERVE_CACHE_SLOTS];
static size_t bytes;
static char token[512]; /* identity and version of the database and its WAL */
static uint64_t generation; /* incremented whenever the token changes */

static uint64_t fnv1a(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void drop(slot *s) {
    bytes -= s->len + (s->key ? strlen(s->key) : 0);
    free(s->key);
    free(s->body);
    memset(s, 0, sizeof *s);
}

/* Bytes of the WAL index header (SQLite's WalIndexHdr, at the start of the -shm file):
 * it holds a counter that every committed transaction increments, so it tells commits
 * apart that the files' sizes and (coarse) change times would not. */
#define SHM_HEADER_BYTES 48
/* -shm files kept open (one per store file seen: a replaced store adds one). */
#define SHM_MAX_FILES 64

/* The -shm files are read through descriptors that stay open for the life of the
 * server: closing any descriptor of a file drops every POSIX lock this process holds on
 * it, SQLite's included, and another process would then take the store for unused and
 * rebuild the -shm under our readers (SIGBUS). */
static pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    dev_t dev;
    ino_t ino;
    int fd;
} shm_files[SHM_MAX_FILES];
static size_t n_shm_files;

static ssize_t shm_header(const char *path, unsigned char *hdr, size_t cap) {
    struct stat sb;
    if (stat(path, &sb)) return 0;
    ssize_t got = 0;
    pthread_mutex_lock(&shm_lock);
    size_t i = 0;
    while (i < n_shm_files && !(shm_files[i].dev == sb.st_dev && shm_files[i].ino == sb.st_ino)) i++;
    if (i == n_shm_files && n_shm_files < SHM_MAX_FILES) {
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        struct stat fb;
        if (fd >= 0 && fstat(fd, &fb) == 0 && fb.st_dev == sb.st_dev && fb.st_ino == sb.st_ino) {
            shm_files[n_shm_files].dev = sb.st_dev;
            shm_files[n_shm_files].ino = sb.st_ino;
            shm_files[n_shm_files].fd = fd;
            n_shm_files++;
        } else {
            i = SHM_MAX_FILES; /* replaced meanwhile: next time (fd is leaked, not closed) */
        }
    }
    if (i < n_shm_files) got = pread(shm_files[i].fd, hdr, cap, 0);
    pthread_mutex_unlock(&shm_lock);
    return got < 0 ? 0 : got;
}

/* The files' identity and change times, and the WAL index header: a commit by any
 * writer changes them (without a WAL, the database file's). */
static void current_token(const char *db, char *out, size_t cap) {
    char side[4096];
    struct stat a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    stat(db, &a);
    snprintf(side, sizeof side, "%s-wal", db);
    stat(side, &b);
    int n = snprintf(out, cap, "%llu:%llu:%lld.%ld:%lld|%llu:%lld.%ld:%lld|",
                     (unsigned long long)a.st_dev, (unsigned long long)a.st_ino,
                     (long long)a.st_mtim.tv_sec, a.st_mtim.tv_nsec, (long long)a.st_size,
                     (unsigned long long)b.st_ino, (long long)b.st_mtim.tv_sec, b.st_mtim.tv_nsec,
                     (long long)b.st_size);
    snprintf(side, sizeof side, "%s-shm", db);
    unsigned char hdr[SHM_HEADER_BYTES];
    ssize_t got = shm_header(side, hdr, sizeof hdr);
    for (ssize_t i = 0; i < got && n > 0 && (size_t)n + 3 < cap; i++)
        n += snprintf(out + n, cap - (size_t)n, "%02x", hdr[i]);
}

uint64_t serve_cache_check(const char *db_path) {
    char now[sizeof token];
    current_token(db_path, now, sizeof now);
    pthread_mutex_lock(&lock);
    if (strcmp(now, token)) {
        for (size_t i = 0; i < SERVE_CACHE_SLOTS; i++)
            if (slots[i].key) drop(&slots[i]);
        memcpy(token, now, sizeof token);
        generation++;
    }
    uint64_t gen = generation;
    pthread_mutex_unlock(&lock);
    return gen;
}

int serve_cache_get(const char *key, dyad_buf *out) {
    uint64_t h = fnv1a(key);
    int hit = 0;
    pthread_mutex_lock(&lock);
    slot *s = &slots[h % SERVE_CACHE_SLOTS];
    if (s->key && s->hash == h && !strcmp(s->key, key)) {
        dyad_buf_reset(out);
        hit = dyad_buf_append(out, s->body, s->len) == DYAD_OK;
    }
    pthread_mutex_unlock(&lock);
    return hit;
}

void serve_cache_put(const char *db_path, uint64_t gen, const char *key, const char *body,
                     size_t len) {
    size_t klen = strlen(key);
    if (len > SERVE_CACHE_MAX_ENTRY_BYTES) return;
    char *k = malloc(klen + 1), *b = malloc(len ? len : 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(k, key, klen + 1);
    memcpy(b, body, len);
    uint64_t h = fnv1a(key);
    char now[sizeof token];
    current_token(db_path, now, sizeof now);
    pthread_mutex_lock(&lock);
    if (gen != generation || strcmp(now, token)) { /* the store changed meanwhile */
        pthread_mutex_unlock(&lock);
        free(k);
        free(b);
        return;
    }
    slot *s = &slots[h % SERVE_CACHE_SLOTS];
    if (s->key) drop(s);
    if (bytes + len + klen > SERVE_CACHE_MAX_BYTES) {
        pthread_mutex_unlock(&lock);
        free(k);
        free(b);
        return;
    }
    s->hash = h;
    s->key = k;
    s->body = b;
    s->len = len;
    bytes += len + klen;
    pthread_mutex_unlock(&lock);
}

void serve_cache_free(void) {
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < SERVE_CACHE_SLOTS; i++)
        if (slots[i].key) drop(&slots[i]);
    token[0] = '\0';
    pthread_mutex_unlock(&lock);
}
