/* worker.c: what each thread of `dyad serve` owns (its store handles and coder), opened
 * on first use and reopened when the store is replaced; the monotonic clock. */
#include "serve.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static pthread_mutex_t workers_lock = PTHREAD_MUTEX_INITIALIZER;
static serve_worker *workers;
static _Thread_local serve_worker *tl_worker;

double serve_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Closes the worker's store handle (not its coder). */
static void worker_shut(serve_worker *w) {
    if (w->st) dyad_store_close(w->st);
    w->st = NULL;
}

static void worker_close(serve_worker *w) {
    worker_shut(w);
    if (w->coder) dyad_coder_free(w->coder);
    free(w);
}

/* Opens the store handle on the file now at srv->db_path, or a connection to the
 * PostgreSQL store there. 0, or -1 with *why set. */
static int worker_open(const serve_server *srv, serve_worker *w, const char **why) {
    struct stat sb;
    if (!srv->db_is_url) {
        if (stat(srv->db_path, &sb) != 0) {
            *why = "the event store is gone";
            return -1;
        }
        w->dev = (unsigned long long)sb.st_dev;
        w->ino = (unsigned long long)sb.st_ino;
    }
    if (dyad_store_open(srv->db_path, DYAD_STORE_READONLY, &w->st) != DYAD_OK) {
        *why = "the event store cannot be opened";
        worker_shut(w);
        return -1;
    }
    return 0;
}

serve_worker *serve_worker_get(const serve_server *srv, const char **why) {
    serve_worker *w = tl_worker;
    if (w) {
        /* A store replaced by rename: every worker moves to the new file before it
         * answers again. (A file deleted and not replaced: the open handles still read.) */
        struct stat sb;
        if (w->st && !w->reopen && (srv->db_is_url || stat(srv->db_path, &sb) != 0 ||
                      ((unsigned long long)sb.st_dev == w->dev &&
                       (unsigned long long)sb.st_ino == w->ino)))
            return w;
        worker_shut(w);
        w->reopen = 0;
        return worker_open(srv, w, why) ? NULL : w;
    }
    w = calloc(1, sizeof *w);
    if (!w) {
        *why = "out of memory";
        return NULL;
    }
    if (worker_open(srv, w, why)) {
        worker_close(w);
        return NULL;
    }
    dyad_coder_options opt;
    dyad_coder_options_init(&opt);
    if (dyad_coder_new(srv->dict, &opt, &w->coder) != DYAD_OK) {
        *why = "the coder cannot be created";
        worker_close(w);
        return NULL;
    }
    pthread_mutex_lock(&workers_lock);
    w->next = workers;
    workers = w;
    pthread_mutex_unlock(&workers_lock);
    tl_worker = w;
    return w;
}

void serve_workers_free(void) {
    pthread_mutex_lock(&workers_lock);
    while (workers) {
        serve_worker *w = workers;
        workers = w->next;
        worker_close(w);
    }
    pthread_mutex_unlock(&workers_lock);
}
