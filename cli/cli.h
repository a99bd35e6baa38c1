/* cli.h: what the subcommands of the `dyad` program share. The CLI is a thin layer:
 * it parses options, calls the library, prints, and chooses the exit status. */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"

#include <stdint.h>
#include <stdio.h>

/* Exit statuses, the same for every subcommand (documented in `dyad --help`). */
enum {
    CLI_EXIT_OK = 0,      /* everything was processed */
    CLI_EXIT_SKIPPED = 1, /* done, but some input was skipped or found wanting (see stderr) */
    CLI_EXIT_USAGE = 2,   /* bad command line */
    CLI_EXIT_FATAL = 3,   /* nothing useful could be done (unreadable dictionary, database) */
};

/* Counts what cli_diag printed, so a command can choose its exit status. */
typedef struct cli_diag_counts {
    unsigned long notes, warnings, errors;
    int quiet; /* when set, notes are not printed */
} cli_diag_counts;

/* A dyad_diag_fn printing "file:line: severity: message" to stderr; ud is a
 * cli_diag_counts (may be NULL). */
void cli_diag(void *ud, const dyad_diag *d);

/* Writes b to f and empties b. Returns 0, or -1 on a write error (reported). */
int cli_flush(dyad_buf *b, FILE *f);

/* Prints "dyad CMD: message" to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --dict-errors=MODE: "fail" (the default: a dictionary with errors refuses the command)
 * or "warn" (errors are printed and the command goes on without the lines in error).
 * Sets *warn; returns 0, or nonzero after printing why MODE is wrong. */
int cli_dict_errors_opt(const char *cmd, const char *mode, int *warn);

/* Whether a command must refuse to start: dictionary errors were printed (dc) and
 * --dict-errors=warn was not given. Prints why when it returns 1. */
int cli_dict_refuse(const char *cmd, const cli_diag_counts *dc, int warn);

/* --input VALUE: auto, text, json (or jsonl), xml (or sgml), csv, tsv. Returns 0, or -1
 * after printing why. */
int cli_parse_input(const char *cmd, const char *val, dyad_format *out);
/* --field NAME=KEY, checked (NAME one of text, id, date, title, headline, url, source,
 * publisher) and kept in fields (room for argc entries). Returns 0, or -1 after printing
 * why. */
int cli_parse_field(const char *cmd, const char *val, const char **fields, size_t *n);
/* The --input and --field lines of the commands that read stories. */
extern const char cli_input_help[];

/* Discarded stories counted by reason (the discard list's categories: "sports" ...). */
#define CLI_MAX_REASONS 16 /* more distinct reasons are counted as "other" */
typedef struct cli_reasons {
    const char *reason[CLI_MAX_REASONS];
    uint64_t count[CLI_MAX_REASONS];
    uint64_t other;
} cli_reasons;
/* Counts one story discarded for why (a string that outlives r). */
void cli_reasons_add(cli_reasons *r, const char *why);
/* Writes " (sports 3, business 1)" into out (empty when nothing was counted). */
void cli_reasons_format(const cli_reasons *r, char *out, size_t cap);
/* Writes the message naming a sentence the coder did not code: "story ID sentence N
 * discarded as sports" (the discard list), "story ID sentence N not coded: WHY" (a limit). */
void cli_sentence_discard_msg(char *out, size_t cap, const char *id, const dyad_sentence_discard *d);

/* Loads the dictionaries named by --dict (n == 0: dyad's own), printing problems on
 * stderr; errors in them refuse the load unless errors_warn. Returns CLI_EXIT_OK or
 * CLI_EXIT_FATAL (after printing why). */
int cli_load_dict(const char *cmd, const char **paths, size_t n, int errors_warn, dyad_dict **out);

/* One function per subcommand; argv[0] is the subcommand's name. */
int cmd_parse(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_recode(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
