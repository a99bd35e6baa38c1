/* cmd_ingest.c: the commands that code stories into the store: `dyad ingest` (read,
 * parse, code, store; optionally coding in worker threads with one writer) and
 * `dyad recode` (recode every stored story with other dictionaries). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "cli.h"
#include "progress.h"

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_DB "dyad.db"
#define INGEST_BATCH 8000    /* default --batch: stories per transaction at most */
#define INGEST_MAX_BATCH 1000000
#define INGEST_COMMIT_S 5.0  /* default --commit-every: seconds between commits at most */
#define INGEST_MAX_COMMIT_S 86400.0
#define INGEST_TICK_MS 100   /* how often the time-based commit looks at the clock */
#define INGEST_GRACE_S 2.0   /* after SIGINT/SIGTERM, how long the reader may take to stop */
#define INGEST_STOPPED 1     /* on_record's "stop reading" (a signal came) */
#define INGEST_MAX_JOBS 64   /* -j limit */
#define INGEST_MAX_DICTS 64  /* --dict limit */
#define INGEST_QUEUE 256     /* records waiting for a worker */
#define INGEST_MAX_FIELDS 16 /* --field limit */

static const char INGEST_HELP[] =
    "Usage: dyad ingest [OPTIONS] PATH...\n"
    "Read stories (files, directories, or - for stdin), code them and store stories,\n"
    "sentences and events in a database. Stories already stored (the same cleaned text)\n"
    "are skipped as duplicates, so rerunning an interrupted ingest completes it; a story\n"
    "under a stored id with another text is skipped, naming both (file:line). Syndicated\n"
    "copies are grouped (see docs/database.md).\n\n"
    "  --db PATH|URL  the database: a SQLite file, created if missing (default:\n"
    "                 ./dyad.db), or a postgresql:// URL of an existing PostgreSQL\n"
    "                 database, where the tables are created if missing and several\n"
    "                 ingests may write at once\n"
    "  --dict PATH    dictionaries (file or directory; repeatable; default: dyad's own)\n"
    "  --dict-errors MODE  fail (default: errors in the dictionaries refuse to start) or\n"
    "                 warn (print them and go on without those lines)\n"
    "  --date DATE    date for stories that carry none (YYYY-MM-DD)\n"
    "  --no-date-inference  leave a story with no date undated (by default it takes a\n"
    "                 full date its dateline or text gives for the day of writing,\n"
    "                 else the one its URL carries)\n"
    "%s"
    "  -j N           code in N worker threads (one writer, stories stored in input\n"
    "                 order: the same store as -j 1; default 1)\n"
    "  --commit-every S  commit at least every S seconds (default 5; 0: by --batch only),\n"
    "                 so that a live feed on stdin shows as it comes\n"
    "  --batch N      commit at least every N stories (default 8000)\n"
    "  --progress     a progress line (stories, share of the input, rate, ETA) on stderr\n"
    "                 even when it is not a terminal (default: only on a terminal)\n"
    "  -q, --quiet    no progress line\n"
    "  -h, --help     this help\n\n"
    "A progress line goes to stderr on a terminal; a one-line summary at the end. Skipped\n"
    "inputs are listed on stderr with their reasons (exit status 1), and so are stories\n"
    "the discard list drops (sports, business ...), sentences it drops by themselves\n"
    "(PETRARCH discard phrases) and sentences over a length limit;\n"
    "the store keeps each with its reason (dyad story ID, dyad story --discards).\n"
    "Ingesting nothing (dyad ingest /dev/null) creates an empty database.\n\n"
    "SIGINT or SIGTERM stop the ingest cleanly: the stories read so far are stored and\n"
    "committed, the rest of the input is left unread (exit status 1). A kill -9 loses at\n"
    "most the stories since the last commit (--commit-every, --batch); rerun a file\n"
    "ingest to complete it.\n";

static const char RECODE_HELP[] =
    "Usage: dyad recode [OPTIONS]\n"
    "Recode every stored story with other dictionaries. The previous events are kept, so\n"
    "`dyad diff` shows what changed. Stories already coded with these dictionaries are\n"
    "skipped, so an interrupted recode resumes where it stopped. Stories and sentences\n"
    "the new dictionaries discard are named on stderr and kept with their reason (dyad\n"
    "story --discards) in place of those the old ones discarded.\n\n"
    "  --dict PATH    dictionaries (file or directory; repeatable; default: dyad's own)\n"
    "  --dict-errors MODE  fail (default: errors in the dictionaries refuse to start) or\n"
    "                 warn (print them and go on without those lines)\n"
    "  --db PATH      the database (default: ./dyad.db)\n"
    "  --progress     a progress line (stories of the stored ones, rate, ETA) on stderr\n"
    "                 even when it is not a terminal (default: only on a terminal)\n"
    "  -q, --quiet    no progress line\n"
    "  -h, --help     this help\n";

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A record copied out of the reader's callback for a worker. */
typedef struct job {
    dyad_record rec;
    char *buf; /* every string of rec, one allocation */
    uint64_t seq;
} job;

typedef struct ingest {
    const char *cmd;
    dyad_store *st;
    const dyad_dict *dict;
    const char *dict_version;
    cli_diag_counts diag;
    pthread_mutex_t lock;      /* the store, the counters and stderr */
    uint64_t read, added, dup_id, dup_text, discarded, skipped, events, in_batch;
    uint64_t sentences_discarded; /* sentences of stored stories not coded */
    int discards_off;          /* the store cannot keep discards (said once) */
    cli_reasons discard_reasons; /* the discarded stories by reason */
    uint64_t bytes_done, bytes_total;
    double t0;
    cli_progress progress;
    int fatal;
    /* commits: at most batch stories or commit_every seconds (0: no limit) apart */
    uint64_t batch;
    double commit_every, last_commit;
    /* stories are stored in input order: seq numbers the records, turn is the next to
     * be stored (-j N gives the store -j 1 gives) */
    uint64_t next_seq, turn;
    pthread_cond_t turn_cv;
    int stop;                  /* the signal that asked to stop, or 0 */
    int reading_done;          /* the reader and the workers are through */
    pthread_cond_t done_cv;
    /* worker queue (-j > 1) */
    pthread_cond_t not_empty, not_full;
    job *queue[INGEST_QUEUE];
    size_t q_head, q_len;
    int closing;
} ingest;

static void diag_locked(void *ud, const dyad_diag *d) {
    ingest *g = ud;
    pthread_mutex_lock(&g->lock);
    cli_diag(&g->diag, d);
    pthread_mutex_unlock(&g->lock);
}

/* Called with the lock held. */
static void show_progress(ingest *g, int force) {
    cli_progress_show(&g->progress, g->read, g->bytes_done, g->events, force);
}

/* Called with the lock held. */
static void skip_story(ingest *g, const dyad_record *rec, const char *why) {
    g->skipped++;
    cli_progress_clear();
    if (rec->line)
        fprintf(stderr, "%s:%llu: skipped: story %s: %s\n", rec->file, (unsigned long long)rec->line,
                rec->id ? rec->id : "?", why);
    else
        fprintf(stderr, "%s: skipped: story %s: %s\n", rec->file, rec->id ? rec->id : "?", why);
}

/* Says why the store failed; a damaged store is not one a rerun completes. Called with
 * the lock held. */
static void store_failed(ingest *g, const char *id) {
    const char *msg = dyad_store_errmsg(g->st);
    cli_progress_clear();
    if (strstr(msg, "dyad check"))
        cli_error(g->cmd, "%s%s%s", id ? id : "", id ? ": " : "", msg);
    else
        cli_error(g->cmd, "%s%s%s (the stories since the last commit were not stored: run the same"
                  " ingest again to complete it)", id ? id : "", id ? ": " : "", msg);
    g->fatal = 1;
}

/* Keeps a discard in the store's discards table. A store that refuses one (DYAD_EINVAL)
 * says so once; a failing store stops the ingest. Called with the lock held, in the
 * record's turn. */
static void record_discard_at(ingest *g, const char *story, const char *file, uint64_t line,
                              int32_t sentence, const char *reason, const char *detail,
                              int32_t date, const char *headline) {
    if (g->fatal || g->discards_off) return;
    dyad_store_discard d = {story ? story : "", file ? file : "", line, sentence, reason, detail,
                            date, headline};
    int rc = dyad_store_discard_add(g->st, &d);
    if (rc == DYAD_EINVAL) {
        g->discards_off = 1;
        cli_progress_clear();
        cli_error(g->cmd, "%s (discards are listed on stderr only)", dyad_store_errmsg(g->st));
    } else if (rc) {
        store_failed(g, story);
    }
}

/* A whole story's discard. */
static void record_discard(ingest *g, const char *story, const char *file, uint64_t line,
                           const char *reason, const char *detail, int32_t date,
                           const char *headline) {
    record_discard_at(g, story, file, line, -1, reason, detail, date, headline);
}

/* Names and keeps the sentences of a stored story that the coder did not code. Called
 * with the lock held, in the story's turn. */
static void sentence_discards(ingest *g, dyad_coder *coder, const dyad_record *rec,
                              const dyad_story *s) {
    const dyad_sentence_discard *sd;
    size_t n = dyad_coder_sentence_discards(coder, &sd);
    for (size_t i = 0; i < n; i++) {
        char msg[512];
        cli_sentence_discard_msg(msg, sizeof msg, s->id, &sd[i]);
        cli_progress_clear();
        if (rec->line) fprintf(stderr, "%s:%llu: %s\n", rec->file, (unsigned long long)rec->line, msg);
        else fprintf(stderr, "%s: %s\n", rec->file, msg);
        g->sentences_discarded++;
        record_discard_at(g, s->id, rec->file, rec->line, (int32_t)sd[i].sentence, sd[i].reason,
                          sd[i].detail, s->date, s->headline);
    }
}

/* Commits the open batch and opens the next. Called with the lock held. */
static void commit_batch(ingest *g) {
    g->last_commit = now_s();
    if (g->fatal || !g->in_batch) return;
    g->in_batch = 0;
    if (dyad_store_commit(g->st) || dyad_store_begin(g->st)) store_failed(g, NULL);
}

/* Stores a parsed and coded story. Called with the lock held, in the story's turn. */
static void store_story(ingest *g, dyad_coder *coder, const dyad_record *rec, const dyad_story *s,
                        const dyad_event *ev, size_t n) {
    g->read++;
    g->bytes_done += rec->text_len;
    const char *why = dyad_coder_discard_reason(coder);
    if (why) {
        g->discarded++;
        cli_reasons_add(&g->discard_reasons, why);
        cli_progress_clear();
        if (rec->line)
            fprintf(stderr, "%s:%llu: discarded: story %s as %s\n", rec->file,
                    (unsigned long long)rec->line, s->id, why);
        else
            fprintf(stderr, "%s: discarded: story %s as %s\n", rec->file, s->id, why);
        record_discard(g, s->id, rec->file, rec->line, DYAD_DISCARD_LIST, why, s->date, s->headline);
        return;
    }
    if (g->fatal) return;
    dyad_store_result r;
    if (dyad_store_add(g->st, s, ev, n, g->dict_version, &r)) {
        store_failed(g, rec->id ? rec->id : "?");
    } else if (r == DYAD_STORE_CONFLICT_ID) {
        g->read--; /* refused: counted as skipped, not read */
        skip_story(g, rec, dyad_store_errmsg(g->st));
    } else if (r == DYAD_STORE_DUPLICATE_ID) {
        g->dup_id++;
    } else if (r == DYAD_STORE_DUPLICATE_TEXT) {
        g->dup_text++;
    } else {
        g->added++;
        g->events += n;
        sentence_discards(g, coder, rec, s);
        if (++g->in_batch >= g->batch ||
            (g->commit_every > 0 && now_s() - g->last_commit >= g->commit_every))
            commit_batch(g);
    }
}

/* A parsed story whose id is stored: a duplicate, or refused when its text differs.
 * Called with the lock held, in the story's turn. */
static void store_known(ingest *g, const dyad_record *rec, const dyad_story *s) {
    g->bytes_done += rec->text_len;
    if (g->fatal) return;
    dyad_store_result r;
    if (dyad_store_add(g->st, s, NULL, 0, g->dict_version, &r)) {
        g->read++;
        store_failed(g, rec->id);
    } else if (r == DYAD_STORE_CONFLICT_ID) {
        skip_story(g, rec, dyad_store_errmsg(g->st));
    } else {
        g->read++;
        g->dup_id++;
    }
}

/* Parses, codes and stores record number seq with the given coder. Parsing and coding
 * run in parallel; storing waits for the record's turn, so that stories are stored in
 * input order whatever the number of threads (ids, near-duplicate groups and their
 * first stories are then those of a single-threaded run). */
static void process(ingest *g, dyad_coder *coder, const dyad_record *rec, uint64_t seq) {
    int known = 0;
    if (rec->id) { /* a story stored before (a rerun): no need to parse and code it */
        pthread_mutex_lock(&g->lock);
        known = !g->fatal && dyad_store_has_story(g->st, rec->id) == 1;
        pthread_mutex_unlock(&g->lock);
    }
    dyad_story *s = NULL;
    const dyad_event *ev = NULL;
    size_t n = 0;
    int rc = DYAD_OK;
    /* A stored id is parsed but not coded: the store tells a rerun (the same text) from
     * another story under the same id (refused, naming both). */
    rc = dyad_story_parse(rec, diag_locked, g, &s);
    if (!rc && !known) rc = dyad_coder_run(coder, s, &ev, &n);
    pthread_mutex_lock(&g->lock);
    while (g->turn != seq && !g->fatal) pthread_cond_wait(&g->turn_cv, &g->lock);
    if (rc) {
        skip_story(g, rec, dyad_strerror(rc));
        record_discard(g, rec->id, rec->file, rec->line, DYAD_DISCARD_UNREADABLE, dyad_strerror(rc),
                       rec->date, rec->headline);
    } else if (known) {
        store_known(g, rec, s);
    } else {
        store_story(g, coder, rec, s, ev, n);
    }
    show_progress(g, 0);
    g->turn++;
    pthread_cond_broadcast(&g->turn_cv);
    pthread_mutex_unlock(&g->lock);
    dyad_story_free(s);
}

static void summary(ingest *g, uint64_t read_skipped) {
    double el = now_s() - g->t0;
    if (el < 1e-6) el = 1e-6;
    cli_progress_end(&g->progress, 0);
    if (g->stop)
        fprintf(stderr, "dyad ingest: %s: stopped; the stories read so far are stored, the rest of"
                " the input was not read\n", strsignal(g->stop));
    char why[512], sent[64] = "";
    cli_reasons_format(&g->discard_reasons, why, sizeof why);
    if (g->sentences_discarded)
        snprintf(sent, sizeof sent, ", %llu sentence%s not coded",
                 (unsigned long long)g->sentences_discarded, g->sentences_discarded == 1 ? "" : "s");
    fprintf(stderr,
            "dyad ingest: %llu stories read: %llu added, %llu duplicates (%llu same id, %llu same "
            "text), %llu discarded%s%s, %llu skipped; %llu events; %.1f s (%.0f stories/s, %.0f "
            "events/s)\n",
            (unsigned long long)g->read, (unsigned long long)g->added,
            (unsigned long long)(g->dup_id + g->dup_text), (unsigned long long)g->dup_id,
            (unsigned long long)g->dup_text, (unsigned long long)g->discarded, why, sent,
            (unsigned long long)(g->skipped + read_skipped), (unsigned long long)g->events, el,
            (double)g->read / el, (double)g->events / el);
    fflush(stderr);
}

/* The commit thread: commits every commit_every seconds while the input is quiet (a
 * feed on a pipe), and takes SIGINT and SIGTERM (blocked in every other thread): it
 * commits what is stored, asks the reader to stop, and waits INGEST_GRACE_S for it;
 * a reader blocked on its input is not waited for: the process ends here. */
static void *committer_main(void *arg) {
    ingest *g = arg;
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    for (;;) {
        struct timespec tick = {0, INGEST_TICK_MS * 1000000L};
        int sig = sigtimedwait(&sigs, NULL, &tick);
        pthread_mutex_lock(&g->lock);
        if (g->reading_done) break;
        if (sig > 0 && !g->stop) {
            g->stop = sig;
            commit_batch(g);
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += (time_t)INGEST_GRACE_S;
            while (!g->reading_done)
                if (pthread_cond_timedwait(&g->done_cv, &g->lock, &until) == ETIMEDOUT) break;
            if (g->reading_done) break;
            commit_batch(g);
            summary(g, 0);
            _exit(g->fatal ? CLI_EXIT_FATAL : CLI_EXIT_SKIPPED);
        }
        if (g->in_batch && g->commit_every > 0 && now_s() - g->last_commit >= g->commit_every)
            commit_batch(g);
        pthread_mutex_unlock(&g->lock);
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

typedef struct worker {
    ingest *g;
    dyad_coder *coder;
    pthread_t thread;
} worker;

static void job_free(job *j) {
    if (!j) return;
    free(j->buf);
    free(j);
}

static void *worker_main(void *arg) {
    worker *w = arg;
    ingest *g = w->g;
    for (;;) {
        pthread_mutex_lock(&g->lock);
        while (!g->q_len && !g->closing) pthread_cond_wait(&g->not_empty, &g->lock);
        if (!g->q_len) {
            pthread_mutex_unlock(&g->lock);
            return NULL;
        }
        job *j = g->queue[g->q_head];
        g->q_head = (g->q_head + 1) % INGEST_QUEUE;
        g->q_len--;
        pthread_cond_signal(&g->not_full);
        pthread_mutex_unlock(&g->lock);
        process(g, w->coder, &j->rec, j->seq);
        job_free(j);
    }
}

/* Copies every string of rec into one allocation. */
static job *job_copy(const dyad_record *rec) {
    const char *str[5] = {rec->file, rec->id, rec->headline, rec->url, rec->publisher};
    size_t len[5], total = rec->text_len + 1;
    for (int i = 0; i < 5; i++) total += (len[i] = str[i] ? strlen(str[i]) + 1 : 0);
    job *j = calloc(1, sizeof *j);
    if (!j || !(j->buf = malloc(total))) {
        free(j);
        return NULL;
    }
    j->rec = *rec;
    char *p = j->buf;
    const char **dst[5] = {&j->rec.file, &j->rec.id, &j->rec.headline, &j->rec.url, &j->rec.publisher};
    for (int i = 0; i < 5; i++) {
        if (!str[i]) continue;
        memcpy(p, str[i], len[i]);
        *dst[i] = p;
        p += len[i];
    }
    if (rec->text_len) memcpy(p, rec->text, rec->text_len);
    p[rec->text_len] = '\0';
    j->rec.text = p;
    return j;
}

/* Keeps an input that gave no story (a malformed record, a file refused) among the
 * discards, in input order: it waits for the records read before it to be stored, so
 * that -j N keeps the store -j 1 gives. Called by the reading thread, without the lock. */
static void record_unread(ingest *g, const char *file, uint64_t line, const char *why) {
    uint64_t seq = g->next_seq++;
    pthread_mutex_lock(&g->lock);
    while (g->turn != seq && !g->fatal) pthread_cond_wait(&g->turn_cv, &g->lock);
    record_discard(g, NULL, file, line, DYAD_DISCARD_UNREADABLE, why, 0, NULL);
    g->turn++;
    pthread_cond_broadcast(&g->turn_cv);
    pthread_mutex_unlock(&g->lock);
}

/* The reader's diagnostics: printed and counted; an error is also kept as a discard. */
static void read_diag(void *ud, const dyad_diag *d) {
    ingest *g = ud;
    diag_locked(g, d);
    if (d->severity == DYAD_DIAG_ERROR) record_unread(g, d->file, d->line, d->message);
}

typedef struct reading {
    ingest *g;
    dyad_coder *coder; /* single-threaded: the coder; else NULL */
} reading;

static int on_record(void *ud, const dyad_record *rec) {
    reading *r = ud;
    ingest *g = r->g;
    pthread_mutex_lock(&g->lock);
    int stop = g->stop;
    pthread_mutex_unlock(&g->lock);
    if (stop) return INGEST_STOPPED;
    uint64_t seq = g->next_seq++;
    if (r->coder) {
        process(g, r->coder, rec, seq);
        return g->fatal ? DYAD_EDB : DYAD_OK;
    }
    job *j = job_copy(rec);
    if (!j) return DYAD_ENOMEM;
    j->seq = seq;
    pthread_mutex_lock(&g->lock);
    while (g->q_len == INGEST_QUEUE && !g->fatal) pthread_cond_wait(&g->not_full, &g->lock);
    int fatal = g->fatal;
    if (!fatal) {
        g->queue[(g->q_head + g->q_len) % INGEST_QUEUE] = j;
        g->q_len++;
        pthread_cond_signal(&g->not_empty);
    }
    pthread_mutex_unlock(&g->lock);
    if (fatal) {
        job_free(j);
        return DYAD_EDB;
    }
    return DYAD_OK;
}

/* Loads dictionaries; prints and returns NULL on failure, and on errors in them unless
 * errors_warn (--dict-errors=warn). */
static dyad_dict *load_dicts(const char *cmd, const char *const *paths, size_t n, cli_diag_counts *dc,
                             int errors_warn) {
    dyad_dict_options dopt = {0};
    dopt.diag = cli_diag;
    dopt.diag_ud = dc;
    dyad_dict *dict = NULL;
    int rc = dyad_dict_open(paths, n, &dopt, &dict);
    if (rc) {
        cli_error(cmd, "cannot load the dictionaries: %s", dyad_strerror(rc));
        dyad_dict_free(dict);
        return NULL;
    }
    if (cli_dict_refuse(cmd, dc, errors_warn)) {
        dyad_dict_free(dict);
        return NULL;
    }
    return dict;
}

/* One --dict PATH (optarg) of ingest or recode; nonzero, reported, past the limit. */
static int add_dict(const char *cmd, const char **dicts, size_t *n) {
    if (*n == INGEST_MAX_DICTS) {
        cli_error(cmd, "at most %d --dict options", INGEST_MAX_DICTS);
        return 1;
    }
    dicts[(*n)++] = optarg;
    return 0;
}

int cmd_ingest(int argc, char **argv) {
    enum { OPT_DB = 256, OPT_DICT, OPT_DATE, OPT_DICT_ERRORS, OPT_COMMIT_EVERY, OPT_BATCH,
           OPT_INPUT, OPT_FIELD, OPT_NO_DATE_INFERENCE };
    static const struct option opts[] = {{"db", 1, 0, OPT_DB}, {"dict", 1, 0, OPT_DICT},
                                         {"input", 1, 0, OPT_INPUT}, {"field", 1, 0, OPT_FIELD},
                                         {"dict-errors", 1, 0, OPT_DICT_ERRORS},
                                         {"date", 1, 0, OPT_DATE}, {"quiet", 0, 0, 'q'},
                                         {"progress", 0, 0, 'G'},
                                         {"commit-every", 1, 0, OPT_COMMIT_EVERY},
                                         {"batch", 1, 0, OPT_BATCH},
                                         {"no-date-inference", 0, 0, OPT_NO_DATE_INFERENCE},
                                         {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    const char *dicts[INGEST_MAX_DICTS];
    size_t n_dicts = 0;
    int32_t date = 0;
    int no_inference = 0;
    dyad_format format = DYAD_FORMAT_AUTO;
    const char *fields[INGEST_MAX_FIELDS];
    size_t n_fields = 0;
    int progress = isatty(STDERR_FILENO);
    unsigned long jobs = 1;
    unsigned long long batch = INGEST_BATCH;
    double commit_every = INGEST_COMMIT_S;
    int quiet = 0, c, dict_warn = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hqj:", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_DICT:
            if (add_dict(cmd, dicts, &n_dicts)) return CLI_EXIT_USAGE;
            break;
        case OPT_DICT_ERRORS:
            if (cli_dict_errors_opt(cmd, optarg, &dict_warn)) return CLI_EXIT_USAGE;
            break;
        case OPT_INPUT:
            if (cli_parse_input(cmd, optarg, &format)) return CLI_EXIT_USAGE;
            break;
        case OPT_FIELD:
            if (n_fields == INGEST_MAX_FIELDS) {
                cli_error(cmd, "at most %d --field options", INGEST_MAX_FIELDS);
                return CLI_EXIT_USAGE;
            }
            if (cli_parse_field(cmd, optarg, fields, &n_fields)) return CLI_EXIT_USAGE;
            break;
        case OPT_NO_DATE_INFERENCE: no_inference = 1; break;
        case OPT_DATE:
            if (dyad_date_parse(optarg, strlen(optarg), &date) != DYAD_OK) {
                cli_error(cmd, "--date: '%s' is not a date (use YYYY-MM-DD)", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end;
            jobs = strtoul(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > INGEST_MAX_JOBS) {
                cli_error(cmd, "-j: give a number of threads from 1 to %d", INGEST_MAX_JOBS);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case OPT_COMMIT_EVERY: {
            char *end;
            errno = 0;
            commit_every = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(commit_every >= 0) ||
                commit_every > INGEST_MAX_COMMIT_S) {
                cli_error(cmd, "--commit-every: give seconds from 0 to %.0f", INGEST_MAX_COMMIT_S);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case OPT_BATCH: {
            char *end;
            errno = 0;
            batch = strtoull(optarg, &end, 10);
            if (errno || *end || *optarg == '-' || batch < 1 || batch > INGEST_MAX_BATCH) {
                cli_error(cmd, "--batch: give a number of stories from 1 to %d", INGEST_MAX_BATCH);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case 'q': quiet = 1; break;
        case 'G': progress = 1; break;
        case 'h': printf(INGEST_HELP, cli_input_help); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad ingest --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(cmd, "give at least one PATH (a file, a directory, or - for stdin)");
        return CLI_EXIT_USAGE;
    }
    ingest g;
    memset(&g, 0, sizeof g);
    g.cmd = cmd;
    g.batch = batch;
    g.commit_every = commit_every;
    pthread_mutex_init(&g.lock, NULL);
    pthread_cond_init(&g.not_empty, NULL);
    pthread_cond_init(&g.not_full, NULL);
    pthread_cond_init(&g.turn_cv, NULL);
    pthread_cond_init(&g.done_cv, NULL);
    int status = CLI_EXIT_OK;
    /* Dictionaries with errors refuse before the database is touched. */
    dyad_dict *dict = load_dicts(cmd, dicts, n_dicts, &g.diag, dict_warn);
    if (!dict) return CLI_EXIT_FATAL;
    /* The store before the inputs: ingesting nothing creates an empty database. */
    int rc = dyad_store_open(db, DYAD_STORE_CREATE, &g.st);
    if (rc) {
        cli_error(cmd, "%s", dyad_store_errmsg(g.st));
        dyad_store_close(g.st);
        dyad_dict_free(dict);
        return CLI_EXIT_FATAL;
    }
    g.dict = dict;
    g.dict_version = dyad_dict_version(dict);
    dyad_coder_options copt;
    dyad_coder_options_init(&copt);
    worker workers[INGEST_MAX_JOBS];
    size_t n_workers = 0;
    dyad_coder *coder = NULL;
    if ((rc = dyad_coder_new(dict, &copt, &coder))) {
        cli_error(cmd, "cannot start the coder: %s", dyad_strerror(rc));
        status = CLI_EXIT_FATAL;
        goto done;
    }
    progress = progress && !quiet;
    g.bytes_total = progress ? cli_progress_input_bytes(argv + optind, argc - optind) : 0;
    cli_progress_start(&g.progress, progress, g.bytes_total, 0);
    g.t0 = g.last_commit = now_s();
    if (dyad_store_begin(g.st)) {
        cli_error(cmd, "%s", dyad_store_errmsg(g.st));
        status = CLI_EXIT_FATAL;
        goto done;
    }
    /* SIGINT and SIGTERM go to the commit thread alone. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    pthread_t committer;
    if (pthread_create(&committer, NULL, committer_main, &g)) {
        cli_error(cmd, "cannot start the commit thread");
        status = CLI_EXIT_FATAL;
        goto done;
    }
    reading r = {&g, jobs > 1 ? NULL : coder};
    for (size_t i = 0; jobs > 1 && i < jobs; i++) {
        workers[i].g = &g;
        workers[i].coder = NULL;
        if (i == 0) workers[i].coder = coder, coder = NULL;
        else if (dyad_coder_new(dict, &copt, &workers[i].coder)) break;
        if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i])) {
            dyad_coder_free(workers[i].coder);
            break;
        }
        n_workers++;
    }
    if (jobs > 1 && !n_workers) {
        cli_error(cmd, "cannot start worker threads");
        pthread_mutex_lock(&g.lock);
        g.reading_done = 1;
        pthread_mutex_unlock(&g.lock);
        pthread_join(committer, NULL);
        status = CLI_EXIT_FATAL;
        goto done;
    }
    dyad_read_options ropt = {0};
    ropt.date = date;
    ropt.no_date_inference = no_inference;
    ropt.format = format;
    ropt.fields = fields;
    ropt.n_fields = n_fields;
    ropt.diag = read_diag;
    ropt.diag_ud = &g;
    uint64_t read_skipped = 0;
    for (int i = optind; i < argc && !g.fatal && !g.stop; i++) {
        uint64_t skipped_before = read_skipped;
        rc = dyad_read_path(argv[i], &ropt, on_record, &r, &read_skipped);
        /* The reader names, counts and (read_diag) keeps every input it refuses; an error
         * it did not report (out of memory) is counted and kept here, once. */
        if (rc && rc != INGEST_STOPPED && !g.fatal && read_skipped == skipped_before) {
            pthread_mutex_lock(&g.lock);
            cli_error(cmd, "%s: skipped: %s", argv[i], dyad_strerror(rc));
            read_skipped++;
            pthread_mutex_unlock(&g.lock);
            record_unread(&g, argv[i], 0, dyad_strerror(rc));
        }
    }
    pthread_mutex_lock(&g.lock);
    g.closing = 1;
    pthread_cond_broadcast(&g.not_empty);
    pthread_mutex_unlock(&g.lock);
    for (size_t i = 0; i < n_workers; i++) {
        pthread_join(workers[i].thread, NULL);
        dyad_coder_free(workers[i].coder);
    }
    pthread_mutex_lock(&g.lock);
    g.reading_done = 1;
    pthread_cond_broadcast(&g.done_cv);
    pthread_mutex_unlock(&g.lock);
    pthread_join(committer, NULL);
    /* What was stored is kept; after a database failure the open batch was rolled back
     * by the store (a rerun completes it). */
    if (!g.fatal && dyad_store_commit(g.st)) store_failed(&g, NULL);
    summary(&g, read_skipped);
    g.skipped += read_skipped;
    status = g.fatal                                       ? CLI_EXIT_FATAL
             : g.stop || g.skipped || g.diag.errors ? CLI_EXIT_SKIPPED
                                                           : CLI_EXIT_OK;
done:
    dyad_coder_free(coder);
    dyad_store_close(g.st);
    dyad_dict_free(dict);
    pthread_cond_destroy(&g.not_empty);
    pthread_cond_destroy(&g.not_full);
    pthread_cond_destroy(&g.turn_cv);
    pthread_cond_destroy(&g.done_cv);
    pthread_mutex_destroy(&g.lock);
    return status;
}

typedef struct recoding {
    const char *cmd;
    dyad_coder *coder;
    dyad_store *st;
    uint64_t stories, events, discarded, sentences_discarded;
    cli_reasons discard_reasons;
    int discards_off; /* the store cannot keep discards (said once) */
    cli_progress progress;
} recoding;

/* Names a discard of the story being recoded on stderr and keeps it (in the recode's
 * transaction). */
static int recode_discard(recoding *r, const dyad_story *s, int32_t sentence, const char *reason,
                          const char *detail, const char *msg) {
    cli_progress_clear();
    if (s->line) fprintf(stderr, "%s:%llu: %s\n", s->file ? s->file : "", (unsigned long long)s->line, msg);
    else fprintf(stderr, "%s: %s\n", s->file ? s->file : "", msg);
    if (r->discards_off) return DYAD_OK;
    dyad_store_discard d = {s->id, s->file ? s->file : "", s->line, sentence, reason, detail,
                            s->date, s->headline};
    int rc = dyad_store_discard_add(r->st, &d);
    if (rc == DYAD_EINVAL) { /* a store that keeps none */
        r->discards_off = 1;
        cli_error(r->cmd, "%s (discards are listed on stderr only)", dyad_store_errmsg(r->st));
        return DYAD_OK;
    }
    return rc;
}

static int recode_story(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    recoding *r = ud;
    int rc = dyad_coder_run(r->coder, s, ev, n);
    const char *why = rc ? NULL : dyad_coder_discard_reason(r->coder);
    char msg[512];
    if (why) { /* stored, now discarded: its events go, the discard says why */
        *n = 0;
        r->discarded++;
        cli_reasons_add(&r->discard_reasons, why);
        snprintf(msg, sizeof msg, "discarded: story %s as %s", s->id, why);
        rc = recode_discard(r, s, -1, DYAD_DISCARD_LIST, why, msg);
    }
    const dyad_sentence_discard *sd;
    size_t nsd = rc ? 0 : dyad_coder_sentence_discards(r->coder, &sd);
    for (size_t i = 0; i < nsd && !rc; i++) {
        cli_sentence_discard_msg(msg, sizeof msg, s->id, &sd[i]);
        r->sentences_discarded++;
        rc = recode_discard(r, s, (int32_t)sd[i].sentence, sd[i].reason, sd[i].detail, msg);
    }
    if (!rc) r->events += *n;
    r->stories++;
    cli_progress_show(&r->progress, r->stories, r->stories, r->events, 0);
    return rc;
}

int cmd_recode(int argc, char **argv) {
    enum { OPT_DB = 256, OPT_DICT, OPT_DICT_ERRORS };
    static const struct option opts[] = {{"db", 1, 0, OPT_DB}, {"dict", 1, 0, OPT_DICT},
                                         {"dict-errors", 1, 0, OPT_DICT_ERRORS},
                                         {"progress", 0, 0, 'G'}, {"quiet", 0, 0, 'q'},
                                         {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    const char *dicts[INGEST_MAX_DICTS];
    size_t n_dicts = 0;
    int c, dict_warn = 0, progress = isatty(STDERR_FILENO), quiet = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_DICT:
            if (add_dict(cmd, dicts, &n_dicts)) return CLI_EXIT_USAGE;
            break;
        case OPT_DICT_ERRORS:
            if (cli_dict_errors_opt(cmd, optarg, &dict_warn)) return CLI_EXIT_USAGE;
            break;
        case 'G': progress = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(RECODE_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad recode --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error(cmd, "unexpected argument '%s' (see dyad recode --help)", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    cli_diag_counts dc = {0};
    dyad_dict *dict = load_dicts(cmd, dicts, n_dicts, &dc, dict_warn);
    if (!dict) return CLI_EXIT_FATAL;
    dyad_store *st = NULL;
    int rc = dyad_store_open(db, 0, &st);
    if (rc) {
        cli_error(cmd, "%s", dyad_store_errmsg(st));
        dyad_store_close(st);
        dyad_dict_free(dict);
        return CLI_EXIT_FATAL;
    }
    dyad_coder_options copt;
    dyad_coder_options_init(&copt);
    recoding r = {0};
    r.cmd = cmd;
    r.st = st;
    int status = CLI_EXIT_OK;
    if ((rc = dyad_coder_new(dict, &copt, &r.coder))) {
        cli_error(cmd, "cannot start the coder: %s", dyad_strerror(rc));
        status = CLI_EXIT_FATAL;
    } else {
        uint64_t n = 0;
        double t0 = now_s();
        dyad_store_info before;
        int known = dyad_store_get_info(st, &before) == DYAD_OK;
        cli_progress_start(&r.progress, progress && !quiet, known ? before.stories : 0, 1);
        rc = dyad_store_recode(st, dyad_dict_version(dict), recode_story, &r, &n);
        cli_progress_end(&r.progress, 0);
        if (rc) {
            cli_error(cmd, "%s", *dyad_store_errmsg(st) ? dyad_store_errmsg(st) : dyad_strerror(rc));
            status = CLI_EXIT_FATAL;
        }
        dyad_store_info info;
        dyad_store_get_info(st, &info);
        char why[512], sent[64] = "";
        cli_reasons_format(&r.discard_reasons, why, sizeof why);
        if (r.sentences_discarded)
            snprintf(sent, sizeof sent, ", %llu sentence%s not coded",
                     (unsigned long long)r.sentences_discarded, r.sentences_discarded == 1 ? "" : "s");
        fprintf(stderr, "dyad recode: %llu stories recoded, %llu discarded%s%s; %llu events,"
                " dictionaries %s -> %s; %.1f s%s\n",
                (unsigned long long)n, (unsigned long long)r.discarded, why, sent,
                (unsigned long long)r.events,
                *info.previous_dict_version ? info.previous_dict_version : "(none)",
                info.dict_version, now_s() - t0, n ? "; see dyad diff" : "");
    }
    dyad_coder_free(r.coder);
    dyad_store_close(st);
    dyad_dict_free(dict);
    return status;
}
