/* main.c: the `dyad` program: dispatches to one subcommand per pipeline stage. */
#include "cli.h"
#include "progress.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int cmd_version(int argc, char **argv);

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"parse", cmd_parse, "split stories into clean, dated sentences (JSON)"},
    {"code", cmd_code, "code stories into CAMEO events (JSONL, TSV, CSV, GDELT)"},
    {"explain", cmd_explain, "show step by step how a sentence is coded"},
    {"validate", cmd_validate, "score the coder against PETRARCH-style gold records"},
    {"dict", cmd_dict, "lint, look up, count and convert dictionaries"},
    {"ingest", cmd_ingest, "code stories and store them in a database (SQLite or PostgreSQL)"},
    {"events", cmd_events, "query stored events"},
    {"timeline", cmd_timeline, "a dyad's events per day, week or month"},
    {"top", cmd_top, "the most frequent actors, dyads or codes"},
    {"story", cmd_story, "a stored story with its events marked"},
    {"recode", cmd_recode, "recode every stored story with other dictionaries"},
    {"diff", cmd_diff, "what the last recode changed"},
    {"export", cmd_export, "copy a database into another (SQLite, PostgreSQL)"},
    {"import", cmd_import, "copy another database into this one (SQLite, PostgreSQL)"},
    {"check", cmd_check, "check a database for damage"},
    {"upgrade", cmd_upgrade, "finish a layout upgrade while the database is in use"},
    {"serve", cmd_serve, "HTTP API and web dashboard over a database"},
    {"version", cmd_version, "print dyad's version (also --version, -V)"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
    fprintf(f,
            "dyad %s: political event data from news text, coded in CAMEO\n\n"
            "Usage: dyad COMMAND [OPTIONS] [ARGS]\n"
            "       dyad COMMAND --help     options of one command\n"
            "       dyad --version, -V      the version\n\n"
            "Commands:\n",
            DYAD_VERSION);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\nExit status (every command):\n"
            "  0  everything was processed\n"
            "  1  done, but some input was skipped or found wanting (reasons on stderr)\n"
            "  2  bad command line\n"
            "  3  nothing useful could be done (e.g. unreadable dictionaries or database)\n\n"
            "Environment:\n"
            "  DYAD_DATA  directory of dyad's own dictionaries; default: PREFIX/share/dyad/data\n"
            "             for a dyad installed in PREFIX, else data/ in its source tree\n"
            "             (this dyad: %s)\n\n"
            "Documentation: man dyad, man dyad-COMMAND; docs/ (dictionary format, JSON fields,\n"
            "database schema, citing).\n",
            dyad_dict_default_dir());
}

void cli_diag(void *ud, const dyad_diag *d) {
    cli_diag_counts *c = ud;
    static const char *sev[] = {"note", "warning", "error"};
    if (c) {
        if (d->severity == DYAD_DIAG_ERROR) c->errors++;
        else if (d->severity == DYAD_DIAG_WARNING) c->warnings++;
        else c->notes++;
        if (c->quiet && d->severity == DYAD_DIAG_NOTE) return;
    }
    cli_progress_clear();
    if (d->line)
        fprintf(stderr, "%s:%llu: %s: %s\n", d->file, (unsigned long long)d->line,
                sev[d->severity], d->message);
    else
        fprintf(stderr, "%s: %s: %s\n", d->file, sev[d->severity], d->message);
}

int cli_flush(dyad_buf *b, FILE *f) {
    if (b->len && fwrite(b->data, 1, b->len, f) != b->len) {
        fprintf(stderr, "dyad: write error: %s\n", strerror(errno));
        dyad_buf_reset(b);
        return -1;
    }
    dyad_buf_reset(b);
    return 0;
}

void cli_error(const char *cmd, const char *fmt, ...) {
    va_list ap;
    cli_progress_clear();
    fprintf(stderr, "dyad %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* `dyad version`: one line, "dyad X.Y.Z" (help2man and scripts read it). */
static int cmd_version(int argc, char **argv) {
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs("Usage: dyad version\n"
              "       dyad --version, dyad -V\n\n"
              "Prints \"dyad X.Y.Z\", the version of the program.\n",
              stdout);
        return CLI_EXIT_OK;
    }
    if (argc > 1) {
        cli_error("version", "unexpected argument '%s' (see dyad version --help)", argv[1]);
        return CLI_EXIT_USAGE;
    }
    printf("dyad %s\n", DYAD_VERSION);
    return CLI_EXIT_OK;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "-V")) return cmd_version(1, argv + 1);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(name, commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s' (see dyad --help)\n", name);
    return CLI_EXIT_USAGE;
}

const char cli_input_help[] =
    "  --input FORMAT     auto (default), text, json, xml, csv or tsv\n"
    "                       auto: by extension (.jsonl .json .ndjson: json; .xml .sgm\n"
    "                       .sgml: xml; .csv: csv; .tsv .tab: tsv; .txt: text), else by\n"
    "                       content ('{' or '[': json; a story tag: xml; else text)\n"
    "                       text: one story per file, as wire copy comes\n"
    "                       json: one object per line, or objects spread over lines,\n"
    "                       concatenated or in an array; keys id, date (or published),\n"
    "                       title (or headline), text (or body, content, article, ...),\n"
    "                       url, source (or publisher)\n"
    "                       xml: many stories a file: Reuters-21578 <REUTERS>, Gigaword\n"
    "                       <DOC>, NewsML <NewsItem>, PETRARCH <Sentence> (SGML too)\n"
    "                       csv, tsv: a header row naming the columns, a story a row\n"
    "  --field NAME=KEY   read a field from another key (repeatable): NAME is text, id,\n"
    "                     date, title, url or source; KEY a JSON key, nested keys joined\n"
    "                     by dots (text=textInfo.textStory; a list of strings is read as\n"
    "                     paragraphs), or a CSV/TSV column name\n";

int cli_parse_input(const char *cmd, const char *val, dyad_format *out) {
    static const struct { const char *name; dyad_format f; } names[] = {
        {"auto", DYAD_FORMAT_AUTO}, {"text", DYAD_FORMAT_TEXT}, {"json", DYAD_FORMAT_JSONL},
        {"jsonl", DYAD_FORMAT_JSONL}, {"xml", DYAD_FORMAT_XML},  {"sgml", DYAD_FORMAT_XML},
        {"csv", DYAD_FORMAT_CSV},   {"tsv", DYAD_FORMAT_TSV},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(val, names[i].name)) {
            *out = names[i].f;
            return 0;
        }
    cli_error(cmd, "--input: '%s' is not one of auto, text, json, xml, csv, tsv", val);
    return -1;
}

int cli_parse_field(const char *cmd, const char *val, const char **fields, size_t *n) {
    static const char *const names[] = {"text", "id",  "date",   "title",     "headline",
                                        "url",  "source", "publisher", NULL};
    const char *eq = strchr(val, '=');
    size_t k = 0;
    while (eq && names[k] && (strlen(names[k]) != (size_t)(eq - val) ||
                              strncmp(names[k], val, (size_t)(eq - val))))
        k++;
    if (!eq || !names[k] || !eq[1]) {
        cli_error(cmd, "--field: '%s' is not NAME=KEY with NAME one of text, id, date, title, "
                       "url, source", val);
        return -1;
    }
    fields[(*n)++] = val;
    return 0;
}

void cli_reasons_add(cli_reasons *r, const char *why) {
    for (size_t i = 0; i < CLI_MAX_REASONS; i++) {
        if (!r->reason[i]) r->reason[i] = why;
        if (!strcmp(r->reason[i], why)) {
            r->count[i]++;
            return;
        }
    }
    r->other++;
}

void cli_sentence_discard_msg(char *out, size_t cap, const char *id, const dyad_sentence_discard *d) {
    if (!strcmp(d->reason, DYAD_DISCARD_LIST))
        snprintf(out, cap, "story %s sentence %zu discarded as %s", id, d->sentence, d->detail);
    else
        snprintf(out, cap, "story %s sentence %zu not coded: %s", id, d->sentence, d->detail);
}

void cli_reasons_format(const cli_reasons *r, char *out, size_t cap) {
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < CLI_MAX_REASONS && r->reason[i] && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s %llu", i ? ", " : " (", r->reason[i],
                              (unsigned long long)r->count[i]);
    if (r->other && n < cap)
        n += (size_t)snprintf(out + n, cap - n, ", other %llu", (unsigned long long)r->other);
    if (n && n < cap) snprintf(out + n, cap - n, ")");
}
