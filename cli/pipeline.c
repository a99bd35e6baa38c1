/* pipeline.c: the reading thread fills batches of stories while worker threads process
 * the previous batch; results are consumed in input order, so output is identical for
 * any number of threads. */
#include "pipeline.h"
#include "cli.h"
#include "progress.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct batch {
    pipeline_job jobs[PIPELINE_BATCH];
    size_t n;
} batch;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    batch *cur;
    size_t next, done;
    int quit;
} pool;

typedef struct worker_arg {
    pool *pl;
    pipeline *p;
    void *ctx;
} worker_arg;

typedef struct run_state {
    pipeline *p;
    pool pl;
    batch *b[2];
    int fi;       /* the batch being filled; the other may be in flight */
    int inflight;
    uint64_t seq;
    int stop;
    cli_progress prog;
    uint64_t bytes_done; /* of story text: the progress line's estimate of input read */
} run_state;

void pipeline_job_diag(void *ud, const dyad_diag *d) {
    pipeline_job *j = ud;
    static const char *sev[] = {"note", "warning", "error"};
    char tmp[1400];
    int n;
    if (d->line)
        n = snprintf(tmp, sizeof tmp, "%s:%llu: %s: %s\n", d->file, (unsigned long long)d->line,
                     sev[d->severity], d->message);
    else
        n = snprintf(tmp, sizeof tmp, "%s: %s: %s\n", d->file, sev[d->severity], d->message);
    if (n > 0) dyad_buf_append(&j->diag, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    if (d->severity != DYAD_DIAG_NOTE) j->warnings++;
}

static void *worker_main(void *arg) {
    worker_arg *wa = arg;
    pool *pl = wa->pl;
    for (;;) {
        pthread_mutex_lock(&pl->mu);
        while (!pl->quit && (!pl->cur || pl->next >= pl->cur->n)) pthread_cond_wait(&pl->work_cv, &pl->mu);
        if (pl->quit) {
            pthread_mutex_unlock(&pl->mu);
            return NULL;
        }
        batch *b = pl->cur;
        size_t i = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        wa->p->work(wa->ctx, &b->jobs[i]);
        pthread_mutex_lock(&pl->mu);
        if (++pl->done == b->n) pthread_cond_signal(&pl->done_cv);
        pthread_mutex_unlock(&pl->mu);
    }
}

static void submit(pool *pl, batch *b) {
    pthread_mutex_lock(&pl->mu);
    pl->cur = b;
    pl->next = 0;
    pl->done = 0;
    pthread_cond_broadcast(&pl->work_cv);
    pthread_mutex_unlock(&pl->mu);
}

/* Waits for the batch in flight; the main thread works on it too (with ctx) rather
 * than sit idle. */
static void wait_done(pool *pl, pipeline *p, void *ctx) {
    pthread_mutex_lock(&pl->mu);
    while (ctx && pl->cur && pl->next < pl->cur->n) {
        batch *b = pl->cur;
        size_t i = pl->next++;
        pthread_mutex_unlock(&pl->mu);
        p->work(ctx, &b->jobs[i]);
        pthread_mutex_lock(&pl->mu);
        if (++pl->done == b->n) pthread_cond_signal(&pl->done_cv);
    }
    while (pl->cur && pl->done < pl->cur->n) pthread_cond_wait(&pl->done_cv, &pl->mu);
    pl->cur = NULL;
    pthread_mutex_unlock(&pl->mu);
}

static void progress(run_state *rs, int final) {
    /* at the end the whole input has been read, whatever the estimate says */
    uint64_t done = final && rs->prog.total ? rs->prog.total : rs->bytes_done;
    cli_progress_show(&rs->prog, rs->p->stories, done, rs->p->events, final);
    if (final) cli_progress_end(&rs->prog, 1);
}

static void clear_batch(batch *b) {
    for (size_t i = 0; i < b->n; i++) {
        pipeline_job *j = &b->jobs[i];
        free((void *)j->rec.text);
        dyad_buf_free(&j->out);
        dyad_buf_free(&j->diag);
    }
    b->n = 0;
}

static int consume(run_state *rs, batch *b) {
    pipeline *p = rs->p;
    int rc = 0;
    for (size_t i = 0; i < b->n; i++) {
        pipeline_job *j = &b->jobs[i];
        if (j->diag.len) {
            cli_progress_clear();
            fwrite(j->diag.data, 1, j->diag.len, stderr);
        }
        p->stories++;
        rs->bytes_done += j->rec.text_len;
        p->sentences += j->sentences;
        p->events += j->events;
        if (j->skipped) p->skipped_stories++;
        if (j->warnings) p->story_warnings++;
        if (j->undated && !j->skipped) p->undated++;
        p->sentences_discarded += j->sentences_discarded;
        if (j->discarded) {
            p->discarded++;
            cli_reasons_add(&p->discard_reasons, j->discarded);
        }
        if (!rc && p->consume(p->ud, j)) rc = -1;
    }
    clear_batch(b);
    progress(rs, 0);
    return rc;
}

/* Copies a borrowed record into one allocation owned by the job. */
static int copy_record(pipeline_job *j, const dyad_record *r) {
    const char *strs[] = {r->file, r->id, r->headline, r->url, r->publisher};
    size_t total = r->text_len + 1;
    for (size_t i = 0; i < 5; i++) total += strs[i] ? strlen(strs[i]) + 1 : 0;
    char *blob = malloc(total);
    if (!blob) return DYAD_ENOMEM;
    memset(j, 0, sizeof *j);
    j->rec = *r;
    memcpy(blob, r->text, r->text_len);
    blob[r->text_len] = '\0';
    j->rec.text = blob;
    char *w = blob + r->text_len + 1;
    const char **dst[] = {&j->rec.file, &j->rec.id, &j->rec.headline, &j->rec.url, &j->rec.publisher};
    for (size_t i = 0; i < 5; i++) {
        if (!strs[i]) { *dst[i] = NULL; continue; }
        size_t n = strlen(strs[i]) + 1;
        memcpy(w, strs[i], n);
        *dst[i] = w;
        w += n;
    }
    return DYAD_OK;
}

static int on_record(void *ud, const dyad_record *r) {
    run_state *rs = ud;
    pipeline *p = rs->p;
    batch *b = rs->b[rs->fi];
    pipeline_job *j = &b->jobs[b->n];
    if (copy_record(j, r) != DYAD_OK) return DYAD_ENOMEM;
    j->seq = rs->seq++;
    b->n++;
    if (p->threads <= 1) {
        p->work(p->worker_ctx[0], j);
        if (consume(rs, b)) return rs->stop = 1, DYAD_EINVAL;
        return DYAD_OK;
    }
    if (b->n < PIPELINE_BATCH) return DYAD_OK;
    if (rs->inflight) {
        wait_done(&rs->pl, p, p->worker_ctx[p->threads]);
        rs->inflight = 0;
        if (consume(rs, rs->b[1 - rs->fi])) rs->stop = 1;
    }
    submit(&rs->pl, b);
    rs->inflight = 1;
    rs->fi = 1 - rs->fi;
    return rs->stop ? DYAD_EINVAL : DYAD_OK;
}

int pipeline_run(pipeline *p) {
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.p = p;
    cli_progress_start(&rs.prog, p->progress, p->bytes_total, 0);
    rs.b[0] = calloc(1, sizeof(batch));
    rs.b[1] = calloc(1, sizeof(batch));
    unsigned nt = p->threads ? p->threads : 1;
    pthread_t *th = calloc(nt, sizeof *th);
    worker_arg *wa = calloc(nt, sizeof *wa);
    if (!rs.b[0] || !rs.b[1] || !th || !wa) {
        free(rs.b[0]); free(rs.b[1]); free(th); free(wa);
        cli_error("pipeline", "out of memory");
        return -1;
    }
    if (nt > 1) {
        pthread_mutex_init(&rs.pl.mu, NULL);
        pthread_cond_init(&rs.pl.work_cv, NULL);
        pthread_cond_init(&rs.pl.done_cv, NULL);
        for (unsigned i = 0; i < nt; i++) {
            wa[i].pl = &rs.pl;
            wa[i].p = p;
            wa[i].ctx = p->worker_ctx[i];
            pthread_create(&th[i], NULL, worker_main, &wa[i]);
        }
    }
    for (size_t i = 0; i < p->n_paths && !rs.stop; i++) {
        uint64_t skipped = 0, before = rs.seq;
        int rc = dyad_read_path(p->paths[i], &p->read, on_record, &rs, &skipped);
        p->skipped_records += skipped;
        /* The reader names and counts every input it refuses; an error it did not
         * report (out of memory) is counted here, once. */
        if (rc != DYAD_OK && !rs.stop && !skipped) {
            cli_error("read", "%s: %s", p->paths[i], dyad_strerror(rc));
            p->skipped_records++;
        }
        if (rs.seq == before && !rs.stop) {
            if (rc == DYAD_OK) cli_error("read", "%s: no story read from this path", p->paths[i]);
            p->empty_paths++;
        }
    }
    if (nt > 1) {
        if (rs.inflight) {
            wait_done(&rs.pl, p, p->worker_ctx[nt]);
            rs.inflight = 0;
            if (!rs.stop && consume(&rs, rs.b[1 - rs.fi])) rs.stop = 1;
        }
        batch *f = rs.b[rs.fi];
        if (f->n && !rs.stop) {
            submit(&rs.pl, f);
            wait_done(&rs.pl, p, p->worker_ctx[nt]);
            if (consume(&rs, f)) rs.stop = 1;
        }
        pthread_mutex_lock(&rs.pl.mu);
        rs.pl.quit = 1;
        pthread_cond_broadcast(&rs.pl.work_cv);
        pthread_mutex_unlock(&rs.pl.mu);
        for (unsigned i = 0; i < nt; i++) pthread_join(th[i], NULL);
        pthread_mutex_destroy(&rs.pl.mu);
        pthread_cond_destroy(&rs.pl.work_cv);
        pthread_cond_destroy(&rs.pl.done_cv);
    }
    progress(&rs, 1);
    clear_batch(rs.b[0]);
    clear_batch(rs.b[1]);
    free(rs.b[0]);
    free(rs.b[1]);
    free(th);
    free(wa);
    return rs.stop ? -1 : 0;
}
