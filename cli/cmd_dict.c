/* cmd_dict.c: `dyad dict lint|lookup|stats`: check, query and count dictionaries. */
#include "cli.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char dict_help[] =
    "Usage: dyad dict lint [--strict] PATH...\n"
    "       dyad dict lookup [--date DATE] [--dict PATH]... PHRASE\n"
    "       dyad dict stats [--dict PATH]...\n"
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
    cli_error("dict", "unknown subcommand '%s' (lint, lookup, stats)", sub);
    return CLI_EXIT_USAGE;
}
