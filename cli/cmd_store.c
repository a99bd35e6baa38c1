/* cmd_store.c: the commands that read the event store: `dyad events`, `dyad timeline`,
 * `dyad top`, `dyad story`, `dyad diff` and `dyad check`; and `dyad upgrade`, which finishes
 * the work a newer layout leaves to do while the store is in use. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DB "dyad.db"

/* Parses a --from/--to date; prints and returns -1 on error. */
static int parse_date_opt(const char *cmd, const char *opt, const char *s, int32_t *out) {
    if (dyad_date_parse(s, strlen(s), out) != DYAD_OK) {
        cli_error(cmd, "%s: '%s' is not a date (use YYYY-MM-DD)", opt, s);
        return -1;
    }
    return 0;
}

/* Parses n comma-separated decimal numbers ("36.2,37.1"); prints and returns -1 on error. */
static int parse_numbers(const char *cmd, const char *opt, const char *s, double *out, int n,
                         const char *want) {
    const char *p = s;
    for (int i = 0; i < n; i++) {
        char *end;
        out[i] = strtod(p, &end);
        if (end == p || (i + 1 < n ? *end != ',' : *end != '\0') || out[i] != out[i]) {
            cli_error(cmd, "%s: '%s' is not %s", opt, s, want);
            return -1;
        }
        p = end + 1;
    }
    return 0;
}

static int parse_count(const char *cmd, const char *opt, const char *s, uint64_t *out) {
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-') {
        cli_error(cmd, "%s: '%s' is not a number", opt, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* Opens the store read-only; prints the reason and returns NULL on failure. */
static dyad_store *open_ro(const char *cmd, const char *db) {
    dyad_store *st = NULL;
    int rc = dyad_store_open(db, DYAD_STORE_READONLY, &st);
    if (rc) {
        cli_error(cmd, "%s%s", dyad_store_errmsg(st),
                  rc == DYAD_ENOTFOUND ? " (create one with dyad ingest, or give --db PATH|URL)" : "");
        dyad_store_close(st);
        return NULL;
    }
    return st;
}

static int db_failed(const char *cmd, dyad_store *st, int rc) {
    cli_error(cmd, "%s", *dyad_store_errmsg(st) ? dyad_store_errmsg(st) : dyad_strerror(rc));
    dyad_store_close(st);
    return rc == DYAD_EINVAL || rc == DYAD_ELIMIT ? CLI_EXIT_USAGE : CLI_EXIT_FATAL;
}

/* --- dyad events ------------------------------------------------------------------------ */

static const char EVENTS_HELP[] =
    "Usage: dyad events [OPTIONS]\n"
    "Query the events stored in a database (newest dictionaries' coding), in date order.\n\n"
    "Filters (all given must hold):\n"
    "  --from DATE, --to DATE   event dates, inclusive (YYYY-MM-DD)\n"
    "  --actor CODE             source or target code begins with CODE (USA: USAGOV, USAMIL...)\n"
    "  --source CODE            source code begins with CODE\n"
    "  --target CODE            target code begins with CODE\n"
    "  --dyad A,B               source A and target B, in either direction\n"
    "  --code CODE              036 (exact CAMEO code), 03 (a root), quad:1 .. quad:4\n"
    "  --text \"WORDS\"           every word occurs in the event's sentence (full-text search)\n"
    "  --country CC             the event's place is in country CC (ISO alpha-2 or -3: SY, SYR)\n"
    "  --near LAT,LON --km N    the event's place is within N km (great-circle) of LAT,LON\n"
    "  --bbox W,S,E,N           the event's place lies in the box (degrees: west, south, east,\n"
    "                           north; W > E crosses the antimeridian)\n"
    "  --one-a-day              one event per (date, source, target, code), as Phoenix/ICEWS\n"
    "Output:\n"
    "  --limit N, --offset N    page through the results\n"
    "  --format FMT             table (default), jsonl, csv or gdelt\n"
    "  --db PATH|URL            the database: a SQLite file (default: ./dyad.db) or a\n"
    "                           postgresql:// URL (docs/database.md)\n"
    "  -h, --help               this help\n\n"
    "Counts (table: N = mentions/articles/sources) are GDELT's: over the story's group of\n"
    "syndicated copies, or over the day with --one-a-day.\n";

typedef struct events_out {
    const char *format;
    dyad_buf b;
    int failed;
    uint64_t n;
} events_out;

static void table_text(dyad_buf *b, const char *t, size_t max) {
    if (!t) return;
    size_t n = strlen(t);
    if (n > max) { /* cut on a UTF-8 boundary */
        n = max;
        while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80) n--;
    }
    dyad_buf_append(b, t, n);
    if (n < strlen(t)) dyad_buf_puts(b, "...");
}

static int events_row(void *ud, const dyad_store_row *row) {
    events_out *o = ud;
    const dyad_event *e = &row->event;
    int rc = DYAD_OK;
    if (!strcmp(o->format, "jsonl")) rc = dyad_event_write_jsonl(&o->b, e);
    else if (!strcmp(o->format, "csv")) rc = dyad_event_write_csv(&o->b, e);
    else if (!strcmp(o->format, "gdelt")) rc = dyad_event_write_gdelt(&o->b, e, (uint64_t)row->id);
    else {
        char d[11], line[256];
        snprintf(line, sizeof line, "%-10s  %-12s %-12s %-5s %d %+5.1f  %llu/%llu/%llu  %s:%u  ",
                 e->date ? dyad_date_format(e->date, d) : "-", e->source, *e->target ? e->target : "-",
                 e->code, e->quad_class, e->goldstein, (unsigned long long)row->mentions,
                 (unsigned long long)row->articles, (unsigned long long)row->sources, e->story,
                 e->sentence);
        dyad_buf_puts(&o->b, line);
        table_text(&o->b, e->text, 100);
        dyad_buf_puts(&o->b, "\n");
    }
    o->n++;
    if (rc) return rc;
    if (o->b.len > 65536 && cli_flush(&o->b, stdout)) {
        o->failed = 1;
        return DYAD_EIO;
    }
    return DYAD_OK;
}

enum { OPT_FROM = 256, OPT_TO, OPT_ACTOR, OPT_SOURCE, OPT_TARGET, OPT_DYAD, OPT_CODE, OPT_TEXT,
       OPT_ONE_A_DAY, OPT_LIMIT, OPT_OFFSET, OPT_FORMAT, OPT_DB, OPT_BY, OPT_BOTH, OPT_RAW,
       OPT_COLOR, OPT_COUNTRY, OPT_NEAR, OPT_KM, OPT_BBOX, OPT_DISCARDS };

int cmd_events(int argc, char **argv) {
    static const struct option opts[] = {
        {"from", 1, 0, OPT_FROM}, {"to", 1, 0, OPT_TO}, {"actor", 1, 0, OPT_ACTOR},
        {"source", 1, 0, OPT_SOURCE}, {"target", 1, 0, OPT_TARGET}, {"dyad", 1, 0, OPT_DYAD},
        {"code", 1, 0, OPT_CODE}, {"text", 1, 0, OPT_TEXT}, {"one-a-day", 0, 0, OPT_ONE_A_DAY},
        {"limit", 1, 0, OPT_LIMIT}, {"offset", 1, 0, OPT_OFFSET}, {"format", 1, 0, OPT_FORMAT},
        {"db", 1, 0, OPT_DB}, {"country", 1, 0, OPT_COUNTRY}, {"near", 1, 0, OPT_NEAR},
        {"km", 1, 0, OPT_KM}, {"bbox", 1, 0, OPT_BBOX}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    dyad_store_query q = {0};
    events_out o = {.format = "table"};
    double near[2] = {0, 0}, km = 0, box[4] = {0, 0, 0, 0};
    int has_near = 0;
    char *dyad = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FROM: if (parse_date_opt(cmd, "--from", optarg, &q.from)) return CLI_EXIT_USAGE; break;
        case OPT_TO: if (parse_date_opt(cmd, "--to", optarg, &q.to)) return CLI_EXIT_USAGE; break;
        case OPT_ACTOR: q.actor = optarg; break;
        case OPT_SOURCE: q.source = optarg; break;
        case OPT_TARGET: q.target = optarg; break;
        case OPT_DYAD: dyad = optarg; break;
        case OPT_CODE: q.code = optarg; break;
        case OPT_TEXT: q.text = optarg; break;
        case OPT_ONE_A_DAY: q.one_a_day = 1; break;
        case OPT_LIMIT: if (parse_count(cmd, "--limit", optarg, &q.limit)) return CLI_EXIT_USAGE; break;
        case OPT_OFFSET: if (parse_count(cmd, "--offset", optarg, &q.offset)) return CLI_EXIT_USAGE; break;
        case OPT_FORMAT: o.format = optarg; break;
        case OPT_DB: db = optarg; break;
        case OPT_COUNTRY: q.country = optarg; break;
        case OPT_NEAR:
            if (parse_numbers(cmd, "--near", optarg, near, 2, "a point LAT,LON (36.2,37.16)"))
                return CLI_EXIT_USAGE;
            has_near = 1;
            break;
        case OPT_KM:
            if (parse_numbers(cmd, "--km", optarg, &km, 1, "a distance in km")) return CLI_EXIT_USAGE;
            break;
        case OPT_BBOX:
            if (parse_numbers(cmd, "--bbox", optarg, box, 4, "a box W,S,E,N (35,32,42,37.5)"))
                return CLI_EXIT_USAGE;
            q.bbox = 1;
            q.west = box[0], q.south = box[1], q.east = box[2], q.north = box[3];
            break;
        case 'h': fputs(EVENTS_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad events --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error(cmd, "unexpected argument '%s' (see dyad events --help)", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if (has_near != (km != 0)) {
        cli_error(cmd, has_near ? "--near needs --km N (the distance)" : "--km needs --near LAT,LON");
        return CLI_EXIT_USAGE;
    }
    if (has_near) {
        if (!(km > 0)) {
            cli_error(cmd, "--km: give a distance above 0");
            return CLI_EXIT_USAGE;
        }
        q.near_lat = near[0];
        q.near_lon = near[1];
        q.near_km = km;
    }
    if (strcmp(o.format, "table") && strcmp(o.format, "jsonl") && strcmp(o.format, "csv") &&
        strcmp(o.format, "gdelt")) {
        cli_error(cmd, "--format: '%s' is not one of table, jsonl, csv, gdelt", o.format);
        return CLI_EXIT_USAGE;
    }
    char a[64], b[64];
    if (dyad) {
        const char *comma = strchr(dyad, ',');
        if (!comma || comma == dyad || !comma[1] || (size_t)(comma - dyad) >= sizeof a ||
            strlen(comma + 1) >= sizeof b) {
            cli_error(cmd, "--dyad: give two actor codes as A,B (e.g. USA,CHN)");
            return CLI_EXIT_USAGE;
        }
        snprintf(a, sizeof a, "%.*s", (int)(comma - dyad), dyad);
        snprintf(b, sizeof b, "%s", comma + 1);
        q.dyad_a = a;
        q.dyad_b = b;
    }
    dyad_store *st = open_ro(cmd, db);
    if (!st) return CLI_EXIT_FATAL;
    if (!strcmp(o.format, "csv")) dyad_event_write_csv_header(&o.b);
    else if (!strcmp(o.format, "table"))
        dyad_buf_puts(&o.b, "DATE        SOURCE       TARGET       CODE  Q  GOLD  M/A/S  STORY:SENTENCE  TEXT\n");
    int rc = dyad_store_query_events(st, &q, events_row, &o);
    if (!rc && !o.failed && cli_flush(&o.b, stdout)) o.failed = 1;
    dyad_buf_free(&o.b);
    if (o.failed) {
        dyad_store_close(st);
        return CLI_EXIT_FATAL;
    }
    if (rc) return db_failed(cmd, st, rc);
    dyad_store_close(st);
    return CLI_EXIT_OK;
}

/* --- dyad timeline ---------------------------------------------------------------------- */

static const char TIMELINE_HELP[] =
    "Usage: dyad timeline A B [OPTIONS]\n"
    "Events from actor A to actor B per period (codes match by prefix: USA matches USAGOV).\n\n"
    "  --by day|week|month      period (default month; weeks begin on Monday)\n"
    "  --both-directions        count B to A as well\n"
    "  --raw                    count every stored event (default: one a day per\n"
    "                           date, source, target, code)\n"
    "  --from DATE, --to DATE   dates, inclusive (YYYY-MM-DD)\n"
    "  --format table|csv|jsonl output (default table)\n"
    "  --db PATH|URL            the database: a SQLite file (default: ./dyad.db) or a\n"
    "                           postgresql:// URL (docs/database.md)\n"
    "  -h, --help               this help\n\n"
    "Columns: period (its first day), events per QuadClass q1..q4 (verbal cooperation,\n"
    "material cooperation, verbal conflict, material conflict), events, Goldstein sum and\n"
    "mean, stories (story groups with an event of the dyad), total_stories (story groups\n"
    "dated in the period: the denominator), share = stories / total_stories.\n";

typedef struct tl_out {
    const char *format;
    dyad_buf b;
} tl_out;

static int timeline_row(void *ud, const dyad_store_timeline_row *r) {
    tl_out *o = ud;
    char d[11], line[512];
    double share = r->total_stories ? (double)r->stories / (double)r->total_stories : 0;
    dyad_date_format(r->period, d);
    const char *fmt =
        !strcmp(o->format, "csv")
            ? "%s,%llu,%llu,%llu,%llu,%llu,%.2f,%.3f,%llu,%llu,%.4f\n"
        : !strcmp(o->format, "jsonl")
            ? "{\"period\":\"%s\",\"q1\":%llu,\"q2\":%llu,\"q3\":%llu,\"q4\":%llu,\"events\":%llu,"
              "\"goldstein_sum\":%.2f,\"goldstein_mean\":%.3f,\"stories\":%llu,"
              "\"total_stories\":%llu,\"share\":%.4f}\n"
            : "%-10s  %5llu %5llu %5llu %5llu  %6llu  %9.2f  %7.3f  %7llu  %7llu  %6.4f\n";
    snprintf(line, sizeof line, fmt, d, (unsigned long long)r->quad[1],
             (unsigned long long)r->quad[2], (unsigned long long)r->quad[3],
             (unsigned long long)r->quad[4], (unsigned long long)r->events, r->goldstein_sum,
             r->goldstein_mean, (unsigned long long)r->stories, (unsigned long long)r->total_stories,
             share);
    return dyad_buf_puts(&o->b, line);
}

int cmd_timeline(int argc, char **argv) {
    static const struct option opts[] = {
        {"by", 1, 0, OPT_BY}, {"both-directions", 0, 0, OPT_BOTH}, {"raw", 0, 0, OPT_RAW},
        {"from", 1, 0, OPT_FROM}, {"to", 1, 0, OPT_TO}, {"format", 1, 0, OPT_FORMAT},
        {"db", 1, 0, OPT_DB}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    dyad_store_query q = {0};
    dyad_store_period by = DYAD_STORE_BY_MONTH;
    int both = 0, raw = 0, c;
    tl_out o = {.format = "table"};
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_BY:
            if (!strcmp(optarg, "day")) by = DYAD_STORE_BY_DAY;
            else if (!strcmp(optarg, "week")) by = DYAD_STORE_BY_WEEK;
            else if (!strcmp(optarg, "month")) by = DYAD_STORE_BY_MONTH;
            else {
                cli_error(cmd, "--by: '%s' is not one of day, week, month", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case OPT_BOTH: both = 1; break;
        case OPT_RAW: raw = 1; break;
        case OPT_FROM: if (parse_date_opt(cmd, "--from", optarg, &q.from)) return CLI_EXIT_USAGE; break;
        case OPT_TO: if (parse_date_opt(cmd, "--to", optarg, &q.to)) return CLI_EXIT_USAGE; break;
        case OPT_FORMAT: o.format = optarg; break;
        case OPT_DB: db = optarg; break;
        case 'h': fputs(TIMELINE_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad timeline --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        cli_error(cmd, "give two actor codes: dyad timeline A B (see dyad timeline --help)");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(o.format, "table") && strcmp(o.format, "csv") && strcmp(o.format, "jsonl")) {
        cli_error(cmd, "--format: '%s' is not one of table, csv, jsonl", o.format);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = open_ro(cmd, db);
    if (!st) return CLI_EXIT_FATAL;
    if (!strcmp(o.format, "csv"))
        dyad_buf_puts(&o.b, "period,q1,q2,q3,q4,events,goldstein_sum,goldstein_mean,stories,total_stories,share\n");
    else if (!strcmp(o.format, "table"))
        dyad_buf_puts(&o.b, "PERIOD         Q1    Q2    Q3    Q4  EVENTS   GOLD_SUM  GOLD_MEAN  STORIES  TOTAL    SHARE\n");
    int rc = dyad_store_timeline(st, argv[optind], argv[optind + 1], by, both, raw, &q, timeline_row, &o);
    int wf = cli_flush(&o.b, stdout);
    dyad_buf_free(&o.b);
    if (rc) return db_failed(cmd, st, rc);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_OK;
}

/* --- dyad top --------------------------------------------------------------------------- */

static const char TOP_HELP[] =
    "Usage: dyad top actors|dyads|codes [OPTIONS]\n"
    "The most frequent actors (as source or target), dyads (SOURCE,TARGET) or event codes,\n"
    "counting events one a day (date, source, target, code).\n\n"
    "  -n N                     how many (default 20)\n"
    "  --from DATE, --to DATE   dates, inclusive (YYYY-MM-DD)\n"
    "  --format table|csv       output (default table)\n"
    "  --db PATH|URL            the database: a SQLite file (default: ./dyad.db) or a\n"
    "                           postgresql:// URL (docs/database.md)\n"
    "  -h, --help               this help\n";

typedef struct top_out {
    int csv;
    dyad_buf b;
} top_out;

static int top_row(void *ud, const char *key, uint64_t count) {
    top_out *o = ud;
    char line[160];
    snprintf(line, sizeof line, o->csv ? "%s,%llu\n" : "%-24s %10llu\n", key, (unsigned long long)count);
    return dyad_buf_puts(&o->b, line);
}

int cmd_top(int argc, char **argv) {
    static const struct option opts[] = {
        {"from", 1, 0, OPT_FROM}, {"to", 1, 0, OPT_TO}, {"format", 1, 0, OPT_FORMAT},
        {"db", 1, 0, OPT_DB}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB, *format = "table";
    dyad_store_query q = {0};
    uint64_t n = 20;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        switch (c) {
        case 'n': if (parse_count(cmd, "-n", optarg, &n)) return CLI_EXIT_USAGE; break;
        case OPT_FROM: if (parse_date_opt(cmd, "--from", optarg, &q.from)) return CLI_EXIT_USAGE; break;
        case OPT_TO: if (parse_date_opt(cmd, "--to", optarg, &q.to)) return CLI_EXIT_USAGE; break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_DB: db = optarg; break;
        case 'h': fputs(TOP_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad top --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    dyad_store_top_kind kind;
    const char *what = optind < argc ? argv[optind] : "";
    if (!strcmp(what, "actors")) kind = DYAD_STORE_TOP_ACTORS;
    else if (!strcmp(what, "dyads")) kind = DYAD_STORE_TOP_DYADS;
    else if (!strcmp(what, "codes")) kind = DYAD_STORE_TOP_CODES;
    else {
        cli_error(cmd, "say what to rank: actors, dyads or codes (see dyad top --help)");
        return CLI_EXIT_USAGE;
    }
    if (argc - optind != 1) {
        cli_error(cmd, "unexpected argument '%s'", argv[optind + 1]);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(format, "table") && strcmp(format, "csv")) {
        cli_error(cmd, "--format: '%s' is not one of table, csv", format);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = open_ro(cmd, db);
    if (!st) return CLI_EXIT_FATAL;
    top_out o = {.csv = !strcmp(format, "csv")};
    dyad_buf_puts(&o.b, o.csv ? (kind == DYAD_STORE_TOP_DYADS ? "source,target,events\n"
                                 : kind == DYAD_STORE_TOP_CODES ? "code,events\n" : "actor,events\n")
                              : "");
    int rc = dyad_store_top(st, kind, &q, (size_t)n, top_row, &o);
    int wf = cli_flush(&o.b, stdout);
    dyad_buf_free(&o.b);
    if (rc) return db_failed(cmd, st, rc);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_OK;
}

/* --- dyad story ------------------------------------------------------------------------- */

static const char STORY_HELP[] =
    "Usage: dyad story ID [OPTIONS]\n"
    "       dyad story --discards [OPTIONS]\n"
    "A stored story with its events' spans marked: [[source]] {{verb}} <<target>>\n"
    "(colours instead on a terminal), then its events, then what of it was not coded\n"
    "(its discards: sentences over a length limit, another text refused under its id).\n"
    "A story that was read but not stored (the discard list dropped it, it could not be\n"
    "read) shows its discards and why (exit status 1).\n\n"
    "  --discards               every discard in the store, then their count by reason\n"
    "                           (discard_list, too_long, unreadable, id_conflict)\n"
    "  --format text|json       output (default text; JSON: one object, with a\n"
    "                           \"discards\" array)\n"
    "  --color auto|always|never  ANSI colours (default auto: on a terminal)\n"
    "  --db PATH|URL            the database: a SQLite file (default: ./dyad.db) or a\n"
    "                           postgresql:// URL (docs/database.md)\n"
    "  -h, --help               this help\n";

typedef struct mark {
    uint32_t at;
    int open;  /* 1 opens, 0 closes */
    int kind;  /* 0 source, 1 verb, 2 target */
} mark;

static int mark_cmp(const void *a, const void *b) {
    const mark *x = a, *y = b;
    if (x->at != y->at) return x->at < y->at ? -1 : 1;
    return x->open - y->open; /* closes before opens at one offset */
}

static void write_story_text(dyad_buf *b, const dyad_store_story *s, int color) {
    static const char *const open_txt[] = {"[[", "{{", "<<"}, *const close_txt[] = {"]]", "}}", ">>"};
    static const char *const open_ansi[] = {"\033[1;34m", "\033[1;31m", "\033[1;32m"};
    size_t n = 0;
    mark *m = calloc(s->n_events * 6 + 1, sizeof *m);
    if (!m) return;
    for (size_t i = 0; i < s->n_events; i++) {
        const dyad_span *sp[3] = {&s->events[i].source_span, &s->events[i].verb_span,
                                  &s->events[i].target_span};
        for (int k = 0; k < 3; k++)
            if (sp[k]->end > sp[k]->start && sp[k]->end <= s->story.text_len) {
                m[n++] = (mark){sp[k]->start, 1, k};
                m[n++] = (mark){sp[k]->end, 0, k};
            }
    }
    qsort(m, n, sizeof *m, mark_cmp);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && m[i].at == m[i - 1].at && m[i].open == m[i - 1].open && m[i].kind == m[i - 1].kind)
            continue; /* the same span of two events */
        dyad_buf_append(b, s->story.text + pos, m[i].at - pos);
        pos = m[i].at;
        dyad_buf_puts(b, color ? (m[i].open ? open_ansi[m[i].kind] : "\033[0m")
                               : (m[i].open ? open_txt[m[i].kind] : close_txt[m[i].kind]));
    }
    dyad_buf_append(b, s->story.text + pos, s->story.text_len - pos);
    dyad_buf_puts(b, "\n");
    free(m);
}

static void json_str(dyad_buf *b, const char *s) {
    if (s) dyad_buf_json_string(b, s, strlen(s));
    else dyad_buf_puts(b, "null");
}

static void write_story_json(dyad_buf *b, const dyad_store_story *s) {
    char d[11], num[160];
    dyad_buf_puts(b, "{\"id\":");
    json_str(b, s->story.id);
    dyad_buf_puts(b, ",\"date\":");
    if (s->story.date) json_str(b, dyad_date_format(s->story.date, d));
    else dyad_buf_puts(b, "null");
    dyad_buf_puts(b, ",\"headline\":");
    json_str(b, s->story.headline);
    dyad_buf_puts(b, ",\"publisher\":");
    json_str(b, s->story.publisher);
    dyad_buf_puts(b, ",\"url\":");
    json_str(b, s->story.url);
    dyad_buf_puts(b, ",\"dict_version\":");
    json_str(b, s->dict_version);
    snprintf(num, sizeof num, ",\"group\":%lld,\"group_size\":%llu,\"text\":", (long long)s->group,
             (unsigned long long)s->group_size);
    dyad_buf_puts(b, num);
    dyad_buf_json_string(b, s->story.text, s->story.text_len);
    dyad_buf_puts(b, ",\"events\":[");
    for (size_t i = 0; i < s->n_events; i++) {
        const dyad_event *e = &s->events[i];
        dyad_buf_puts(b, i ? ",{\"sentence\":" : "{\"sentence\":");
        snprintf(num, sizeof num, "%u,\"source\":", e->sentence);
        dyad_buf_puts(b, num);
        json_str(b, e->source);
        dyad_buf_puts(b, ",\"target\":");
        json_str(b, e->target);
        dyad_buf_puts(b, ",\"code\":");
        json_str(b, e->code);
        snprintf(num, sizeof num,
                 ",\"quad_class\":%d,\"goldstein\":%.1f,\"source_span\":[%u,%u],"
                 "\"verb_span\":[%u,%u],\"target_span\":[%u,%u],\"rules\":[",
                 e->quad_class, e->goldstein, e->source_span.start, e->source_span.end,
                 e->verb_span.start, e->verb_span.end, e->target_span.start, e->target_span.end);
        dyad_buf_puts(b, num);
        for (size_t r = 0; r < e->n_rules; r++) {
            dyad_buf_puts(b, r ? ",{\"kind\":" : "{\"kind\":");
            json_str(b, e->rules[r].kind);
            dyad_buf_puts(b, ",\"file\":");
            json_str(b, e->rules[r].file);
            snprintf(num, sizeof num, ",\"line\":%llu,\"text\":", (unsigned long long)e->rules[r].line);
            dyad_buf_puts(b, num);
            json_str(b, e->rules[r].text);
            dyad_buf_puts(b, "}");
        }
        dyad_buf_puts(b, "]}");
    }
    dyad_buf_puts(b, "]}\n");
}

/* Discards as text lines or JSON array elements, for dyad story. */
typedef struct discards_out {
    dyad_buf *b;
    int json, all;
    size_t n;
} discards_out;

static int discard_out(void *ud, const dyad_store_discard *d) {
    discards_out *o = ud;
    if (o->json) {
        if (o->n++) dyad_buf_puts(o->b, ",");
        return dyad_store_discard_write_json(o->b, d);
    }
    char line[256];
    if (o->all) {
        dyad_buf_puts(o->b, *d->story ? d->story : "(no id)");
        dyad_buf_puts(o->b, "  ");
    } else {
        dyad_buf_puts(o->b, "  ");
    }
    if (d->sentence >= 0) snprintf(line, sizeof line, "sentence %d: ", (int)d->sentence);
    else snprintf(line, sizeof line, "story: ");
    dyad_buf_puts(o->b, line);
    dyad_buf_puts(o->b, d->reason);
    if (d->detail) {
        dyad_buf_puts(o->b, ": ");
        dyad_buf_puts(o->b, d->detail);
    }
    snprintf(line, sizeof line, " (%s:%llu)\n", d->file, (unsigned long long)d->line);
    dyad_buf_puts(o->b, line);
    o->n++;
    return DYAD_OK;
}

static int discard_count_out(void *ud, const char *reason, uint64_t n) {
    discards_out *o = ud;
    char line[160];
    if (o->json) snprintf(line, sizeof line, "%s\"%s\":%llu", o->n++ ? "," : "", reason,
                          (unsigned long long)n);
    else snprintf(line, sizeof line, "  %-14s %llu\n", reason, (unsigned long long)n);
    dyad_buf_puts(o->b, line);
    return DYAD_OK;
}

/* dyad story --discards: every discard in the store, then the counts by reason. */
static int story_discards(const char *cmd, dyad_store *st, int json) {
    dyad_buf b = {0};
    discards_out o = {&b, json, 1, 0};
    if (json) dyad_buf_puts(&b, "{\"discards\":[");
    int rc = dyad_store_discards(st, NULL, 0, 0, discard_out, &o);
    uint64_t total = 0;
    if (!rc) {
        if (json) dyad_buf_puts(&b, "],\"counts\":{");
        else dyad_buf_puts(&b, o.n ? "\n" : "no discards\n");
        o.n = 0;
        rc = dyad_store_discard_counts(st, NULL, discard_count_out, &o, &total);
    }
    if (rc) {
        dyad_buf_free(&b);
        return db_failed(cmd, st, rc);
    }
    char line[64] = "";
    if (json) snprintf(line, sizeof line, "},\"total\":%llu}\n", (unsigned long long)total);
    else if (total) snprintf(line, sizeof line, "  %-14s %llu\n", "total", (unsigned long long)total);
    dyad_buf_puts(&b, line);
    int wf = cli_flush(&b, stdout);
    dyad_buf_free(&b);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_OK;
}

/* dyad story ID of a story not stored: its discards say why (exit 1), or it is unknown. */
static int story_not_stored(const char *cmd, dyad_store *st, const char *id, int json) {
    dyad_buf b = {0};
    discards_out o = {&b, json, 0, 0};
    if (json) {
        dyad_buf_puts(&b, "{\"id\":");
        json_str(&b, id);
        dyad_buf_puts(&b, ",\"stored\":false,\"discards\":[");
    } else {
        dyad_buf_puts(&b, id);
        dyad_buf_puts(&b, "  not stored: read, but not coded\n");
    }
    int rc = dyad_store_discards(st, id, 0, 0, discard_out, &o);
    if (rc) {
        dyad_buf_free(&b);
        return db_failed(cmd, st, rc);
    }
    if (!o.n) {
        dyad_buf_free(&b);
        cli_error(cmd, "no story with id '%s' (stored or discarded)", id);
        dyad_store_close(st);
        return CLI_EXIT_FATAL;
    }
    if (json) dyad_buf_puts(&b, "]}\n");
    int wf = cli_flush(&b, stdout);
    dyad_buf_free(&b);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_SKIPPED;
}

int cmd_story(int argc, char **argv) {
    static const struct option opts[] = {{"format", 1, 0, OPT_FORMAT}, {"color", 1, 0, OPT_COLOR},
                                         {"db", 1, 0, OPT_DB}, {"discards", 0, 0, OPT_DISCARDS},
                                         {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB, *format = "text", *color = "auto";
    int c, all_discards = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT: format = optarg; break;
        case OPT_COLOR: color = optarg; break;
        case OPT_DB: db = optarg; break;
        case OPT_DISCARDS: all_discards = 1; break;
        case 'h': fputs(STORY_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad story --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (argc - optind != !all_discards) {
        cli_error(cmd, all_discards ? "--discards lists every story's: give no id"
                                    : "give one story id (see dyad story --help)");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        cli_error(cmd, "--format: '%s' is not one of text, json", format);
        return CLI_EXIT_USAGE;
    }
    int use_color;
    if (!strcmp(color, "always")) use_color = 1;
    else if (!strcmp(color, "never")) use_color = 0;
    else if (!strcmp(color, "auto")) use_color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    else {
        cli_error(cmd, "--color: '%s' is not one of auto, always, never", color);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = open_ro(cmd, db);
    if (!st) return CLI_EXIT_FATAL;
    int json = !strcmp(format, "json");
    if (all_discards) return story_discards(cmd, st, json);
    dyad_store_story *s = NULL;
    int rc = dyad_store_story_fetch(st, argv[optind], &s);
    if (rc == DYAD_ENOTFOUND) return story_not_stored(cmd, st, argv[optind], json);
    if (rc) return db_failed(cmd, st, rc);
    dyad_buf b = {0};
    discards_out o = {&b, json, 0, 0};
    if (json) {
        write_story_json(&b, s);
        /* the story's object, then its discards before the closing brace */
        if (b.len >= 2) b.len -= 2;
        dyad_buf_puts(&b, ",\"discards\":[");
        rc = dyad_store_discards(st, s->story.id, 0, 0, discard_out, &o);
        dyad_buf_puts(&b, "]}\n");
    } else {
        char d[11], line[256];
        snprintf(line, sizeof line, "%s  %s  %s  (group of %llu; dictionaries %s)\n", s->story.id,
                 s->story.date ? dyad_date_format(s->story.date, d) : "undated",
                 s->story.publisher ? s->story.publisher : "", (unsigned long long)s->group_size,
                 s->dict_version ? s->dict_version : "?");
        dyad_buf_puts(&b, line);
        if (s->story.headline) {
            dyad_buf_puts(&b, s->story.headline);
            dyad_buf_puts(&b, "\n");
        }
        dyad_buf_puts(&b, "\n");
        write_story_text(&b, s, use_color);
        snprintf(line, sizeof line, "\n%zu event%s\n", s->n_events, s->n_events == 1 ? "" : "s");
        dyad_buf_puts(&b, line);
        for (size_t i = 0; i < s->n_events; i++) {
            const dyad_event *e = &s->events[i];
            snprintf(line, sizeof line, "  %zu. sentence %u: %s -> %s  %s  (quad %d, %+.1f)\n", i + 1,
                     e->sentence, e->source, *e->target ? e->target : "-", e->code, e->quad_class,
                     e->goldstein);
            dyad_buf_puts(&b, line);
            for (size_t r = 0; r < e->n_rules; r++) {
                snprintf(line, sizeof line, "       %s %s:%llu  ", e->rules[r].kind, e->rules[r].file,
                         (unsigned long long)e->rules[r].line);
                dyad_buf_puts(&b, line);
                dyad_buf_puts(&b, e->rules[r].text);
                dyad_buf_puts(&b, "\n");
            }
        }
        size_t at = b.len;
        rc = dyad_store_discards(st, s->story.id, 0, 0, discard_out, &o);
        if (!rc && o.n) {
            /* the heading goes before the lines just written */
            char head[64];
            int hn = snprintf(head, sizeof head, "\n%zu discard%s (not coded)\n", o.n,
                              o.n == 1 ? "" : "s");
            dyad_buf tail = {0};
            dyad_buf_append(&tail, b.data + at, b.len - at);
            b.len = at;
            dyad_buf_append(&b, head, (size_t)hn);
            if (tail.len) dyad_buf_append(&b, tail.data, tail.len);
            dyad_buf_free(&tail);
        }
    }
    if (rc) {
        dyad_buf_free(&b);
        dyad_store_story_free(s);
        return db_failed(cmd, st, rc);
    }
    int wf = cli_flush(&b, stdout);
    dyad_buf_free(&b);
    dyad_store_story_free(s);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_OK;
}

/* --- dyad diff -------------------------------------------------------------------------- */

static const char DIFF_HELP[] =
    "Usage: dyad diff [OPTIONS]\n"
    "What the last `dyad recode` changed, over the stories it recoded: events added,\n"
    "removed, or recoded (same story, sentence, source and target; another code), with the\n"
    "number of events and one example each.\n\n"
    "  --by code|rule           group by CAMEO code (default) or by the verb entry\n"
    "                           (dictionary file:line) that coded the event\n"
    "  --format table|jsonl     output (default table)\n"
    "  --db PATH                the database (default: ./dyad.db)\n"
    "  -h, --help               this help\n";

typedef struct diff_out {
    int jsonl;
    dyad_buf b;
    uint64_t rows;
} diff_out;

static int diff_row(void *ud, const dyad_store_diff_row *r) {
    diff_out *o = ud;
    char line[512];
    o->rows++;
    if (o->jsonl) {
        dyad_buf_puts(&o->b, "{\"change\":");
        json_str(&o->b, r->change);
        dyad_buf_puts(&o->b, ",\"old_code\":");
        json_str(&o->b, r->old_code);
        dyad_buf_puts(&o->b, ",\"new_code\":");
        json_str(&o->b, r->new_code);
        dyad_buf_puts(&o->b, ",\"old_rule\":");
        json_str(&o->b, r->old_rule);
        dyad_buf_puts(&o->b, ",\"new_rule\":");
        json_str(&o->b, r->new_rule);
        snprintf(line, sizeof line, ",\"count\":%llu,\"example\":{\"story\":", (unsigned long long)r->count);
        dyad_buf_puts(&o->b, line);
        json_str(&o->b, r->example_story);
        snprintf(line, sizeof line, ",\"sentence\":%u,\"text\":", r->example_sentence);
        dyad_buf_puts(&o->b, line);
        json_str(&o->b, r->example_text);
        return dyad_buf_puts(&o->b, "}}\n");
    }
    char what[200];
    if (!strcmp(r->change, "recoded")) snprintf(what, sizeof what, "%s -> %s", r->old_code, r->new_code);
    else snprintf(what, sizeof what, "%s", *r->old_code ? r->old_code : r->new_code);
    if (*r->old_rule || *r->new_rule) {
        size_t l = strlen(what);
        snprintf(what + l, sizeof what - l, "%s%s%s%s", l ? "  " : "", r->old_rule,
                 *r->old_rule && *r->new_rule ? " -> " : "", r->new_rule);
    }
    snprintf(line, sizeof line, "%-8s %8llu  %-40s  e.g. %s:%u  ", r->change, (unsigned long long)r->count,
             what, r->example_story, r->example_sentence);
    dyad_buf_puts(&o->b, line);
    table_text(&o->b, r->example_text, 100);
    return dyad_buf_puts(&o->b, "\n");
}

int cmd_diff(int argc, char **argv) {
    static const struct option opts[] = {{"by", 1, 0, OPT_BY}, {"format", 1, 0, OPT_FORMAT},
                                         {"db", 1, 0, OPT_DB}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB, *format = "table";
    dyad_store_diff_by by = DYAD_STORE_DIFF_BY_CODE;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_BY:
            if (!strcmp(optarg, "code")) by = DYAD_STORE_DIFF_BY_CODE;
            else if (!strcmp(optarg, "rule")) by = DYAD_STORE_DIFF_BY_RULE;
            else {
                cli_error(cmd, "--by: '%s' is not one of code, rule", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case OPT_FORMAT: format = optarg; break;
        case OPT_DB: db = optarg; break;
        case 'h': fputs(DIFF_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad diff --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error(cmd, "unexpected argument '%s' (see dyad diff --help)", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(format, "table") && strcmp(format, "jsonl")) {
        cli_error(cmd, "--format: '%s' is not one of table, jsonl", format);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = open_ro(cmd, db);
    if (!st) return CLI_EXIT_FATAL;
    diff_out o = {.jsonl = !strcmp(format, "jsonl")};
    dyad_store_info info;
    int rc = dyad_store_get_info(st, &info);
    if (rc) return db_failed(cmd, st, rc);
    if (!o.jsonl) {
        char line[600];
        snprintf(line, sizeof line, "dictionaries %s -> %s\n", *info.previous_dict_version ? info.previous_dict_version : "(none)",
                 *info.dict_version ? info.dict_version : "(none)");
        dyad_buf_puts(&o.b, line);
    }
    rc = dyad_store_diff(st, by, diff_row, &o);
    if (!rc && !o.jsonl && !o.rows) dyad_buf_puts(&o.b, "no differences\n");
    int wf = cli_flush(&o.b, stdout);
    dyad_buf_free(&o.b);
    if (rc) return db_failed(cmd, st, rc);
    dyad_store_close(st);
    return wf ? CLI_EXIT_FATAL : CLI_EXIT_OK;
}

/* --- dyad check ------------------------------------------------------------------------- */

static const char CHECK_HELP[] =
    "Usage: dyad check [--db PATH|URL]\n"
    "Check the event store: SQLite's integrity check (every page, every index against its\n"
    "table), the full-text index against the sentences, every story's content hash against\n"
    "its sentences, and the links between the tables. Prints each problem found (the first\n"
    "100) and a summary. On PostgreSQL: the search vectors against the sentences, the\n"
    "links and the content hashes (the server's own pages and indexes: pg_amcheck).\n\n"
    "  --db PATH|URL  the database (default: ./dyad.db); a SQLite file is opened for\n"
    "                 writing when it is writable (the full-text index is checked only\n"
    "                 then; nothing is changed, but an older store is brought to the\n"
    "                 current schema first); a postgresql:// URL is only read\n"
    "  -h, --help     this help\n\n"
    "Exit status: 0 the store is sound; 1 problems were found (rebuild the store from its\n"
    "sources with dyad ingest into a new file); 3 the store is missing or unreadable.\n";

typedef struct check_out {
    const char *db;
    uint64_t shown;
} check_out;

static void check_problem(void *ud, const char *problem) {
    check_out *o = ud;
    printf("%s: %s\n", o->db, problem);
    o->shown++;
}

int cmd_check(int argc, char **argv) {
    static const struct option opts[] = {{"db", 1, 0, OPT_DB}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'h': fputs(CHECK_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad check --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error(cmd, "unexpected argument '%s' (see dyad check --help)", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = NULL;
    int url = !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
    int writable = url || access(db, W_OK) == 0;
    int rc = dyad_store_open(db, url || !writable ? DYAD_STORE_READONLY : 0, &st);
    if (rc) {
        cli_error(cmd, "%s", dyad_store_errmsg(st));
        if (rc != DYAD_ENOTFOUND && rc != DYAD_EIO && !url)
            printf("%s: damaged: it cannot be opened as a dyad store\n", db);
        dyad_store_close(st);
        if (rc == DYAD_ENOTFOUND || rc == DYAD_EIO || url) return CLI_EXIT_FATAL;
        return CLI_EXIT_SKIPPED;
    }
    const char *name = dyad_store_name(st); /* a URL without its password */
    check_out o = {name, 0};
    uint64_t problems = 0;
    rc = dyad_store_check(st, check_problem, &o, &problems);
    if (rc) return db_failed(cmd, st, rc);
    dyad_store_info info;
    int irc = dyad_store_get_info(st, &info);
    if (!problems) {
        if (!irc)
            printf("%s: ok: %llu stories, %llu sentences, %llu events (schema version %d)%s\n", name,
                   (unsigned long long)info.stories, (unsigned long long)info.sentences,
                   (unsigned long long)info.events, info.schema_version,
                   writable ? "" : "; the full-text index was not checked (the file is read-only)");
        else
            printf("%s: ok\n", name);
    } else {
        printf("%s: %llu problem%s%s: the store is damaged; rebuild it from its sources (dyad ingest"
               " into a new file)\n",
               name, (unsigned long long)problems, problems == 1 ? "" : "s",
               problems > o.shown ? " (the first shown)" : "");
    }
    dyad_store_close(st);
    return problems ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
}

/* --- dyad upgrade ----------------------------------------------------------------------- */

static const char UPGRADE_HELP[] =
    "Usage: dyad upgrade [--db PATH|URL] [--batch N] [--quiet]\n"
    "Finish bringing a store to the current layout while it stays in use. Opening a store\n"
    "of an older layout for writing (dyad ingest) changes its tables at once; what would\n"
    "take long on a big store is left to this command. On PostgreSQL with PostGIS: the\n"
    "points (events.geom) of the events stored before layout 10, N rows a transaction\n"
    "(ingest goes on between them; --near and --bbox answer rightly all along), then the\n"
    "GiST index of each year's partition, built without locking writers out. Interrupted,\n"
    "it resumes where it stopped when run again. Progress on stderr.\n\n"
    "  --db PATH|URL  the database (default: ./dyad.db; a SQLite store needs nothing)\n"
    "  --batch N      rows a transaction (default 50000)\n"
    "  -q, --quiet    no progress lines\n"
    "  -h, --help     this help\n\n"
    "Exit status: 0 the store is up to date; 2 bad options; 3 the store could not be\n"
    "opened or upgraded (run it again: it resumes).\n";

typedef struct upgrade_out {
    const char *cmd;
    int quiet;
    double last; /* when a line was last printed */
    char step[64];
} upgrade_out;

static double upgrade_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A line every 5 seconds, at a step's first call and at its end. */
static void upgrade_progress(void *ud, const char *step, uint64_t done, uint64_t total) {
    upgrade_out *o = ud;
    double t = upgrade_now();
    int first = strcmp(o->step, step) != 0;
    if (o->quiet || (!first && done < total && t - o->last < 5)) return;
    snprintf(o->step, sizeof o->step, "%s", step);
    o->last = t;
    fprintf(stderr, "dyad %s: %s: %llu of %llu (%.0f%%)\n", o->cmd, step, (unsigned long long)done,
            (unsigned long long)total, total ? 100.0 * (double)done / (double)total : 100.0);
}

int cmd_upgrade(int argc, char **argv) {
    enum { OPT_BATCH = 300 };
    static const struct option opts[] = {{"db", 1, 0, OPT_DB},
                                         {"batch", 1, 0, OPT_BATCH},
                                         {"quiet", 0, 0, 'q'},
                                         {"help", 0, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    uint64_t batch = DYAD_STORE_UPGRADE_BATCH;
    int c, quiet = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_BATCH:
            if (parse_count(cmd, "--batch", optarg, &batch)) return CLI_EXIT_USAGE;
            if (batch == 0 || batch > DYAD_STORE_MAX_UPGRADE_BATCH) {
                cli_error(cmd, "--batch: '%s' is not 1 to %u rows", optarg, DYAD_STORE_MAX_UPGRADE_BATCH);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(UPGRADE_HELP, stdout); return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad upgrade --help)", argv[optind - 1]);
            return CLI_EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error(cmd, "unexpected argument '%s' (see dyad upgrade --help)", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    dyad_store *st = NULL;
    int rc = dyad_store_open(db, 0, &st);
    if (rc) {
        cli_error(cmd, "%s", dyad_store_errmsg(st));
        dyad_store_close(st);
        return CLI_EXIT_FATAL;
    }
    upgrade_out o = {cmd, quiet, 0, ""};
    rc = dyad_store_upgrade(st, batch, upgrade_progress, &o);
    if (rc) {
        cli_error(cmd, "%s", *dyad_store_errmsg(st) ? dyad_store_errmsg(st) : dyad_strerror(rc));
        dyad_store_close(st);
        return rc == DYAD_EINVAL ? CLI_EXIT_USAGE : CLI_EXIT_FATAL;
    }
    if (!quiet) fprintf(stderr, "dyad %s: %s: up to date\n", cmd, dyad_store_name(st));
    dyad_store_close(st);
    return CLI_EXIT_OK;
}

