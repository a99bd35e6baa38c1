/* copy.c: dyad_store_copy, a store's stories, events and discards into another store
 * (`dyad export` / `dyad import`), SQLite or PostgreSQL on either side, through the
 * public store API: the destination adds them as an ingest would (duplicates, refused
 * ids, near-duplicate groups, aggregates). Above store.c, query.c, discard.c and pg.c. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_PAGE 1000       /* story ids read at a time */
#define COPY_BATCH 8000      /* stories a batch by default (dyad ingest's --batch) */

/* The ids of the next page of stories after key *after (key order), strdup'ed into
 * ids[0 .. *n); *after moves to the last. */
static int story_page(dyad_store *st, int64_t *after, char **ids, size_t *n) {
    *n = 0;
    if (st->pg) return pg_story_page(st, after, COPY_PAGE, ids, n);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, "SELECT key, id FROM stories WHERE key > ? ORDER BY key LIMIT ?",
                           -1, &q, NULL) != SQLITE_OK)
        return store_dberr(st, "listing stories");
    sqlite3_bind_int64(q, 1, *after);
    sqlite3_bind_int(q, 2, COPY_PAGE);
    int step, rc = DYAD_OK;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 1);
        if (!(ids[*n] = strdup(id ? id : ""))) {
            rc = DYAD_ENOMEM;
            break;
        }
        (*n)++;
        *after = sqlite3_column_int64(q, 0);
    }
    if (!rc && step != SQLITE_DONE) rc = store_dberr(st, "listing stories");
    sqlite3_finalize(q);
    return rc;
}

typedef struct copy_ctx {
    dyad_store *from, *to;
    dyad_store_copy_stats *stats;
    uint64_t in_batch, batch;
    int rc;
} copy_ctx;

/* Commits the open batch of the destination and opens the next. */
static int next_batch(copy_ctx *c) {
    c->in_batch = 0;
    int rc = dyad_store_commit(c->to);
    return rc ? rc : dyad_store_begin(c->to);
}

static int copy_discard(void *ud, const dyad_store_discard *d) {
    copy_ctx *c = ud;
    int rc = dyad_store_discard_add(c->to, d);
    if (!rc) {
        c->stats->discards++;
        if (++c->in_batch >= c->batch) rc = next_batch(c);
    }
    c->rc = rc; /* a failure of the destination, not of the reading */
    return rc;
}

/* Records the source's message as the destination's error. */
static int from_failed(copy_ctx *c, int rc) {
    return store_fail(c->to, rc, "reading the source: %s", dyad_store_errmsg(c->from));
}

int dyad_store_copy(dyad_store *from, dyad_store *to, uint64_t batch, dyad_store_copy_fn fn,
                    void *ud, dyad_store_copy_stats *stats) {
    dyad_store_copy_stats dummy;
    if (!stats) stats = &dummy;
    memset(stats, 0, sizeof *stats);
    if (!from || !to || from == to) return to ? store_fail(to, DYAD_EINVAL, "copying a store onto itself") : DYAD_EINVAL;
    copy_ctx c = {from, to, stats, 0, batch ? batch : COPY_BATCH, DYAD_OK};
    char **ids = calloc(COPY_PAGE, sizeof *ids);
    if (!ids) return DYAD_ENOMEM;
    int rc = dyad_store_begin(to);
    int64_t after = 0;
    size_t n = 0;
    while (!rc) {
        if ((rc = story_page(from, &after, ids, &n))) {
            rc = from_failed(&c, rc);
            break;
        }
        if (!n) break;
        for (size_t i = 0; i < n && !rc; i++) {
            dyad_store_story *s = NULL;
            if ((rc = dyad_store_story_fetch(from, ids[i], &s))) {
                rc = from_failed(&c, rc);
                break;
            }
            dyad_store_result r = DYAD_STORE_ADDED;
            rc = dyad_store_add(to, &s->story, s->events, s->n_events, s->dict_version, &r);
            if (!rc) {
                stats->stories++;
                if (r == DYAD_STORE_ADDED) {
                    stats->added++;
                    stats->events += s->n_events;
                } else if (r == DYAD_STORE_CONFLICT_ID) {
                    stats->refused++;
                } else {
                    stats->duplicates++;
                }
                if (fn) rc = fn(ud, ids[i], r, r == DYAD_STORE_CONFLICT_ID ? dyad_store_errmsg(to) : "");
            }
            dyad_store_story_free(s);
            if (!rc && ++c.in_batch >= c.batch) rc = next_batch(&c);
        }
        for (size_t i = 0; i < n; i++) {
            free(ids[i]);
            ids[i] = NULL;
        }
    }
    free(ids);
    /* then the discards, in the order the source recorded them */
    for (uint64_t offset = 0; !rc; offset += COPY_PAGE) {
        uint64_t before = stats->discards;
        rc = dyad_store_discards(from, NULL, COPY_PAGE, offset, copy_discard, &c);
        if (rc && !c.rc) rc = from_failed(&c, rc);
        if (rc || stats->discards - before < COPY_PAGE) break;
    }
    if (!rc) return dyad_store_commit(to);
    dyad_store_rollback(to);
    return rc;
}
