/* cmd_dict.c: `dyad dict lint|lookup|stats|convert`: check, query, count and convert
 * dictionaries. */
#include "cli.h"
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char dict_help[] =
    "Usage: dyad dict lint [--strict] PATH...\n"
    "       dyad dict lookup [--date DATE] [--dict PATH]... PHRASE\n"
    "       dyad dict stats [--dict PATH]...\n"
    "       dyad dict convert [--force] --out DIR PATH...\n"
    "\n"
    "Checks, queries and counts dictionaries (dyad's format and the TABARI/PETRARCH\n"
    "formats; docs/dictionary-format.md). PATH is a file or a directory (every *.txt\n"
    "below it). Without --dict, dyad's own dictionaries are used ($DYAD_DATA).\n"
    "\n"
    "  lint     reports, as FILE:LINE: severity: message, malformed lines, unknown event\n"
    "           codes, unknown actor code blocks, malformed or overlapping date ranges,\n"
    "           names coded two ways, patterns that can never match, unused synsets and\n"
    "           duplicate lines. Exit 0 only when clean.\n"
    "           --strict  notes (e.g. community patterns dyad cannot use) count too\n"
    "  lookup   resolves PHRASE to an actor code and prints CODE, the entry and FILE:LINE\n"
    "           (tab-separated). Exit 1 when nothing matches.\n"
    "           --date DATE  resolve date-restricted codes as of DATE (YYYY-MM-DD)\n"
    "  stats    entries per kind, and the event codes that no verb pattern codes\n"
    "  convert  writes TABARI/PETRARCH dictionary files (PATH: files or directories,\n"
    "           read as --dict reads them) in dyad's format, one file in DIR per file\n"
    "           read, under the same name, with `%rules petrarch` or `%rules tabari` so\n"
    "           that coding with them gives the same events (docs/dictionary-format.md,\n"
    "           \"Converting\"). What cannot be written (lines the loader left out, with\n"
    "           its reason) stays in the output as comments. Prints per file the\n"
    "           entries, names, codes, synsets, patterns and comments written. Files\n"
    "           already in dyad's format and files that are no dictionary (issue\n"
    "           codings, preposition lists, a TABARI .project) are named and\n"
    "           skipped (exit 1). DIR is created if missing.\n"
    "           --out DIR  where to write (required)\n"
    "           --force    overwrite files that exist in DIR (else refused, exit 3)\n"
    "\n"
    "Options:\n"
    "  --dict PATH  load PATH instead of dyad's own dictionaries (repeatable)\n"
    "  -h, --help   this help\n";

static int parse_date_arg(const char *s, int32_t *out) {
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
        sscanf(s, "%4d%2d%2d%c", &y, &m, &d, &tail) != 3)
        return -1;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

static int open_dicts(const char *cmd, const char **paths, size_t n, cli_diag_counts *cnt,
                      dyad_dict **d) {
    dyad_dict_options opt = {0, cli_diag, cnt};
    int rc = dyad_dict_open(paths, n, &opt, d);
    if (rc != DYAD_OK) {
        cli_error(cmd, "cannot load dictionaries: %s", dyad_strerror(rc));
        return CLI_EXIT_FATAL;
    }
    return CLI_EXIT_OK;
}

static int lint(int argc, char **argv) {
    int strict = 0;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n = 0;
    if (!paths) return CLI_EXIT_FATAL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--strict")) strict = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(dict_help, stdout);
            free(paths);
            return CLI_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("dict lint", "unknown option '%s' (see dyad dict --help)", argv[i]);
            free(paths);
            return CLI_EXIT_USAGE;
        } else paths[n++] = argv[i];
    }
    if (!n) {
        cli_error("dict lint", "no PATH given (see dyad dict --help)");
        free(paths);
        return CLI_EXIT_USAGE;
    }
    cli_diag_counts cnt = {0, 0, 0, 0};
    int rc = dyad_dict_lint(paths, n, cli_diag, &cnt);
    free(paths);
    if (rc < 0) {
        cli_error("dict lint", "%s", dyad_strerror(rc));
        return CLI_EXIT_FATAL;
    }
    unsigned long problems = cnt.errors + cnt.warnings + (strict ? cnt.notes : 0);
    fprintf(stderr, "%lu error(s), %lu warning(s), %lu note(s)\n", cnt.errors, cnt.warnings,
            cnt.notes);
    return problems ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
}

static int lookup_or_stats(int argc, char **argv, int stats) {
    const char *cmd = stats ? "dict stats" : "dict lookup";
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n = 0;
    const char *phrase = NULL;
    int32_t date = 0;
    if (!paths) return CLI_EXIT_FATAL;
    int rc = CLI_EXIT_OK;
    for (int i = 1; i < argc && rc == CLI_EXIT_OK; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(dict_help, stdout);
            free(paths);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--dict") && i + 1 < argc) {
            paths[n++] = argv[++i];
        } else if (!stats && !strcmp(argv[i], "--date") && i + 1 < argc) {
            if (parse_date_arg(argv[++i], &date)) {
                cli_error(cmd, "--date: '%s' is not a date (YYYY-MM-DD)", argv[i]);
                rc = CLI_EXIT_USAGE;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error(cmd, "unknown option or missing value '%s' (see dyad dict --help)", argv[i]);
            rc = CLI_EXIT_USAGE;
        } else if (!stats && !phrase) {
            phrase = argv[i];
        } else {
            cli_error(cmd, "unexpected argument '%s' (see dyad dict --help)", argv[i]);
            rc = CLI_EXIT_USAGE;
        }
    }
    if (rc == CLI_EXIT_OK && !stats && !phrase) {
        cli_error(cmd, "no PHRASE given (see dyad dict --help)");
        rc = CLI_EXIT_USAGE;
    }
    dyad_dict *d = NULL;
    cli_diag_counts cnt = {0, 0, 0, 1};
    if (rc == CLI_EXIT_OK) rc = open_dicts(cmd, paths, n, &cnt, &d);
    free(paths);
    if (rc != CLI_EXIT_OK) return rc;
    if (!stats) {
        dyad_actor_match m;
        int r = dyad_dict_lookup(d, phrase, date, &m);
        if (r == DYAD_OK) {
            printf("%s\t%s\t%s:%llu\n", m.code, m.entry, m.file, (unsigned long long)m.line);
        } else if (r == DYAD_ENOTFOUND) {
            fprintf(stderr, "dyad dict lookup: '%s': not found\n", phrase);
            rc = CLI_EXIT_SKIPPED;
        } else {
            cli_error(cmd, "%s", dyad_strerror(r));
            rc = CLI_EXIT_FATAL;
        }
    } else {
        dyad_dict_stats st;
        dyad_dict_get_stats(d, &st);
        printf("version\t%s\n", dyad_dict_version(d));
        printf("actors\t%zu\nagents\t%zu\nverbs\t%zu\npatterns\t%zu\nsynsets\t%zu\n"
               "discards\t%zu\nevent codes\t%zu\ncodes without patterns\t%zu\n",
               st.actors, st.agents, st.verbs, st.patterns, st.synsets, st.discards, st.codes,
               st.codes_without_patterns);
        size_t nc;
        const dyad_cameo *t = dyad_cameo_table(d, &nc);
        for (size_t i = 0; i < nc; i++)
            if (!dict_code_n_patterns(d, t[i].code)) printf("  %s\t%s\n", t[i].code, t[i].name);
    }
    dyad_dict_free(d);
    return rc;
}

static int convert(int argc, char **argv) {
    const char *cmd = "dict convert", *dir = NULL;
    int force = 0;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t n = 0;
    if (!paths) return CLI_EXIT_FATAL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(dict_help, stdout);
            free(paths);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            dir = argv[++i];
        } else if (!strcmp(argv[i], "--force")) {
            force = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error(cmd, "unknown option or missing value '%s' (see dyad dict --help)", argv[i]);
            free(paths);
            return CLI_EXIT_USAGE;
        } else paths[n++] = argv[i];
    }
    if (!dir || !*dir || !n) {
        cli_error(cmd, "%s (see dyad dict --help)", !n ? "no PATH given" : "--out DIR is required");
        free(paths);
        return CLI_EXIT_USAGE;
    }
    cli_diag_counts cnt = {0, 0, 0, 1};
    dict_converted *c = NULL;
    size_t nc = 0;
    int rc = dict_convert(paths, n, cli_diag, &cnt, &c, &nc);
    free(paths);
    if (rc != DYAD_OK) {
        cli_error(cmd, "cannot read the dictionaries: %s", dyad_strerror(rc));
        return CLI_EXIT_FATAL;
    }
    int status = CLI_EXIT_OK;
    /* every output name once: files of the same name in two places would overwrite */
    for (size_t i = 0; i < nc && status == CLI_EXIT_OK; i++) {
        const char *bi = strrchr(c[i].source, '/');
        bi = bi ? bi + 1 : c[i].source;
        for (size_t j = 0; j < i && c[i].text; j++) {
            const char *bj = strrchr(c[j].source, '/');
            bj = bj ? bj + 1 : c[j].source;
            if (c[j].text && !strcmp(bi, bj)) {
                cli_error(cmd, "%s and %s would both be written as %s/%s: convert them apart",
                          c[j].source, c[i].source, dir, bi);
                status = CLI_EXIT_USAGE;
            }
        }
    }
    struct stat st;
    if (status == CLI_EXIT_OK && stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            cli_error(cmd, "cannot create %s: %s", dir, strerror(errno));
            status = CLI_EXIT_FATAL;
        }
    } else if (status == CLI_EXIT_OK && !S_ISDIR(st.st_mode)) {
        cli_error(cmd, "%s is not a directory", dir);
        status = CLI_EXIT_FATAL;
    }
    dict_converted tot = {0};
    size_t written = 0, skipped = 0;
    for (size_t i = 0; i < nc && status != CLI_EXIT_USAGE && status != CLI_EXIT_FATAL; i++) {
        if (!c[i].text) {
            fprintf(stderr, "dyad dict convert: %s: skipped: %s\n", c[i].source, c[i].why ? c[i].why : "nothing to write");
            skipped++;
            continue;
        }
        const char *b = strrchr(c[i].source, '/');
        b = b ? b + 1 : c[i].source;
        size_t pl = strlen(dir) + strlen(b) + 2;
        char *path = malloc(pl);
        if (!path) {
            status = CLI_EXIT_FATAL;
            break;
        }
        snprintf(path, pl, "%s/%s", dir, b);
        FILE *f = fopen(path, force ? "w" : "wx");
        if (!f) {
            if (errno == EEXIST)
                cli_error(cmd, "%s exists: not overwritten (--force to overwrite)", path);
            else
                cli_error(cmd, "cannot write %s: %s", path, strerror(errno));
            status = CLI_EXIT_FATAL;
        } else {
            int bad = fwrite(c[i].text, 1, c[i].len, f) != c[i].len;
            bad |= fclose(f) != 0;
            if (bad) {
                cli_error(cmd, "cannot write %s: %s", path, strerror(errno));
                status = CLI_EXIT_FATAL;
            } else {
                printf("%s -> %s: %zu entries (%zu names, %zu codes), %zu synsets, %zu patterns, "
                       "%zu comments\n",
                       c[i].source, path, c[i].entries, c[i].names, c[i].codes, c[i].synsets,
                       c[i].patterns, c[i].comments);
                written++;
                tot.entries += c[i].entries, tot.names += c[i].names, tot.codes += c[i].codes;
                tot.synsets += c[i].synsets, tot.patterns += c[i].patterns;
                tot.comments += c[i].comments;
            }
        }
        free(path);
    }
    if (status == CLI_EXIT_OK || status == CLI_EXIT_SKIPPED)
        printf("%zu files written, %zu skipped: %zu entries (%zu names, %zu codes), %zu synsets, "
               "%zu patterns; %zu comments (lines left out or reported, with the reason)\n",
               written, skipped, tot.entries, tot.names, tot.codes, tot.synsets, tot.patterns,
               tot.comments);
    dict_converted_free(c, nc);
    if (status == CLI_EXIT_OK && (skipped || cnt.errors)) status = CLI_EXIT_SKIPPED;
    return status;
}

int cmd_dict(int argc, char **argv) {
    if (argc < 2) {
        fputs(dict_help, stderr);
        return CLI_EXIT_USAGE;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
        fputs(dict_help, stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(sub, "lint")) return lint(argc - 1, argv + 1);
    if (!strcmp(sub, "lookup")) return lookup_or_stats(argc - 1, argv + 1, 0);
    if (!strcmp(sub, "stats")) return lookup_or_stats(argc - 1, argv + 1, 1);
    if (!strcmp(sub, "convert")) return convert(argc - 1, argv + 1);
    cli_error("dict", "unknown subcommand '%s' (lint, lookup, stats, convert)", sub);
    return CLI_EXIT_USAGE;
}
