/* cmd_copy.c: `dyad export` and `dyad import`: a store's stories, events and discards
 * copied into another store, SQLite or PostgreSQL on either side (dyad_store_copy). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB "dyad.db"

static const char EXPORT_HELP[] =
    "Usage: dyad export [OPTIONS] DEST\n"
    "Copies the store --db (default: ./dyad.db) into the store DEST: a SQLite file (created\n"
    "if missing) or a postgresql:// URL of an existing database (tables created if\n"
    "missing). Both ways work: SQLite into PostgreSQL, PostgreSQL into SQLite, or either\n"
    "into one of its own kind. See also dyad import, the same copy the other way round.\n\n"
    "  --db PATH|URL  the store to read (opened read-only)\n"
    "  --batch N      commit at least every N stories (default 8000): an interrupted copy\n"
    "                 is completed by running it again\n"
    "  -q, --quiet    no summary line\n"
    "  -h, --help     this help\n\n";
static const char IMPORT_HELP[] =
    "Usage: dyad import [OPTIONS] SOURCE\n"
    "Copies the store SOURCE (a SQLite file or a postgresql:// URL, opened read-only) into\n"
    "the store --db (default: ./dyad.db; a SQLite file is created if missing, a PostgreSQL\n"
    "database must exist). See also dyad export, the same copy the other way round.\n\n"
    "  --db PATH|URL  the store to write\n"
    "  --batch N      commit at least every N stories (default 8000): an interrupted copy\n"
    "                 is completed by running it again\n"
    "  -q, --quiet    no summary line\n"
    "  -h, --help     this help\n\n";
static const char COPY_NOTES[] =
    "Every stored story is copied in the order it was stored, with its sentences, its\n"
    "current events (places and dictionary rules included) and the dictionary version\n"
    "that coded it; then every discard (dyad story --discards). The destination adds them\n"
    "as dyad ingest does: a story it holds already is a duplicate, one under a stored id\n"
    "with another text is refused (named on stderr, exit status 1), near-duplicate groups\n"
    "and aggregates are computed there. Events' previous versions (dyad diff) are not\n"
    "copied. The summary line goes to stderr.\n";

enum { OPT_DB = 256, OPT_BATCH };

typedef struct copy_out {
    const char *cmd;
} copy_out;

static int refused(void *ud, const char *id, dyad_store_result r, const char *why) {
    const copy_out *o = ud;
    if (r == DYAD_STORE_CONFLICT_ID) cli_error(o->cmd, "story %s refused: %s", id, why);
    return DYAD_OK;
}

/* export (to_arg 1): --db is read, the argument written; import: the other way. */
static int run_copy(int argc, char **argv, int to_arg) {
    static const struct option opts[] = {{"db", 1, 0, OPT_DB},   {"batch", 1, 0, OPT_BATCH},
                                         {"quiet", 0, 0, 'q'},   {"help", 0, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *cmd = argv[0], *db = DEFAULT_DB;
    unsigned long long batch = 0;
    int c, quiet = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_BATCH: {
            char *end;
            batch = strtoull(optarg, &end, 10);
            if (*end || !*optarg || *optarg == '-' || batch == 0 || batch > 100000000) {
                cli_error(cmd, "--batch: '%s' is not a number of stories from 1 to 100000000", optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case 'q': quiet = 1; break;
        case 'h':
            fputs(to_arg ? EXPORT_HELP : IMPORT_HELP, stdout);
            fputs(COPY_NOTES, stdout);
            return CLI_EXIT_OK;
        default:
            cli_error(cmd, "unknown or incomplete option '%s' (see dyad %s --help)", argv[optind - 1], cmd);
            return CLI_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        cli_error(cmd, "give one %s store (see dyad %s --help)", to_arg ? "destination" : "source", cmd);
        return CLI_EXIT_USAGE;
    }
    const char *src = to_arg ? db : argv[optind], *dst = to_arg ? argv[optind] : db;
    dyad_store *from = NULL, *to = NULL;
    int rc = dyad_store_open(src, DYAD_STORE_READONLY, &from);
    if (rc) {
        cli_error(cmd, "%s: %s", src, from ? dyad_store_errmsg(from) : dyad_strerror(rc));
        dyad_store_close(from);
        return CLI_EXIT_FATAL;
    }
    rc = dyad_store_open(dst, DYAD_STORE_CREATE, &to);
    if (rc) {
        cli_error(cmd, "%s: %s", dst, to ? dyad_store_errmsg(to) : dyad_strerror(rc));
        dyad_store_close(from);
        dyad_store_close(to);
        return CLI_EXIT_FATAL;
    }
    copy_out o = {cmd};
    dyad_store_copy_stats s;
    rc = dyad_store_copy(from, to, batch, refused, &o, &s);
    if (rc)
        cli_error(cmd, "%s: %s (the batches committed before stay: run the same copy again to"
                  " complete it)", dst, dyad_store_errmsg(to));
    else if (!quiet)
        fprintf(stderr, "dyad %s: %llu stories read: %llu added, %llu duplicates, %llu refused;"
                " %llu events, %llu discards\n", cmd, (unsigned long long)s.stories,
                (unsigned long long)s.added, (unsigned long long)s.duplicates,
                (unsigned long long)s.refused, (unsigned long long)s.events,
                (unsigned long long)s.discards);
    dyad_store_close(from);
    dyad_store_close(to);
    return rc ? CLI_EXIT_FATAL : s.refused ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
}

int cmd_export(int argc, char **argv) { return run_copy(argc, argv, 1); }
int cmd_import(int argc, char **argv) { return run_copy(argc, argv, 0); }
