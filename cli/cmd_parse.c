/* cmd_parse.c: `dyad parse`: stories in, one JSON object per story out (clean, dated
 * sentences with their spans, headline, dateline, removed boilerplate). */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char usage_head[] =
    "Usage: dyad parse [OPTIONS] PATH...\n"
    "       dyad parse [OPTIONS] -\n"
    "\n"
    "Reads news stories and prints each as one JSON object per line (JSONL): its id, date,\n"
    "headline, dateline {place, agency}, sentences [{index, text, start, end, date,\n"
    "date_precision (month or year; absent for a day), headline, quote, skipped}], the\n"
    "boilerplate removed [{text, reason, start, end}], and invalid_bytes when the input\n"
    "held invalid UTF-8. start and end are byte offsets into the story's text.\n"
    "\n"
    "PATH is a file, a directory (read recursively, in sorted order, hidden files\n"
    "skipped) or - for standard input.\n"
    "\n"
    "Options:\n";

static const char usage_text[] =
    "  --date YYYY-MM-DD  the date of stories that carry none of their own (in metadata\n"
    "                     or as a timestamp line in the text); relative expressions such\n"
    "                     as \"on Tuesday\" are resolved against the story date\n"
    "  --no-date-inference  leave a story with no date undated; by default it takes a\n"
    "                     full date its dateline gives, else one its text ties to the\n"
    "                     day of writing (\"on Monday, July 25, 2022\"): date_source\n"
    "                     says which (input, timestamp, dateline, text)\n";

static const char usage_tail[] =
    "  --format FORMAT    the same as --input\n"
    "  --pretty           indent the JSON (one object over several lines)\n"
    "  -q, --quiet        do not print notes (warnings and errors are still printed)\n"
    "  -h, --help         show this help\n"
    "  --                 end of options: what follows are paths\n"
    "\n"
    "Problems with the input (binary or empty files, malformed JSON records, records\n"
    "without text, records over the record limit, unreadable paths) are reported on\n"
    "stderr as FILE:LINE: severity: message; the rest of the input is still read.\n"
    "Input formats: docs/input-formats.md.\n"
    "\n"
    "Exit status:\n"
    "  0  every story was parsed cleanly\n"
    "  1  done, but some input was skipped or found wanting: a file or record refused,\n"
    "     a path that yielded no story, a story with nothing left, invalid UTF-8\n"
    "     replaced, a sentence over a limit\n"
    "  2  bad command line\n"
    "  3  output could not be written\n";

static void usage(FILE *f) {
    fputs(usage_head, f);
    fputs(usage_text, f);
    fputs(cli_input_help, f);
    fputs(usage_tail, f);
}

enum { MAX_FIELD_OPTIONS = 32 };

typedef struct parse_run {
    dyad_buf out;
    cli_diag_counts diag;
    int pretty;
    int write_failed;
    unsigned long stories, failed;
} parse_run;

static int write_pretty(parse_run *pr, size_t from) {
    json_error_t err;
    json_t *j = json_loadb(pr->out.data + from, pr->out.len - from, 0, &err);
    if (!j) return 0; /* keep the compact form */
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    if (!s) return -1;
    pr->out.len = from;
    int r = dyad_buf_puts(&pr->out, s);
    free(s);
    return r;
}

static int on_record(void *ud, const dyad_record *rec) {
    parse_run *pr = ud;
    dyad_story *s = NULL;
    int r = dyad_story_parse(rec, cli_diag, &pr->diag, &s);
    if (r != DYAD_OK) {
        pr->failed++;
        return DYAD_OK; /* the library reported why */
    }
    size_t from = pr->out.len;
    r = dyad_story_write_json(&pr->out, s);
    if (r == DYAD_OK && pr->pretty) r = write_pretty(pr, from);
    if (r == DYAD_OK) r = dyad_buf_append(&pr->out, "\n", 1);
    dyad_story_free(s);
    if (r != DYAD_OK) {
        pr->failed++;
        return DYAD_OK;
    }
    pr->stories++;
    if (pr->out.len >= 1u << 16 && cli_flush(&pr->out, stdout) != 0) {
        pr->write_failed = 1;
        return 1; /* stop */
    }
    return DYAD_OK;
}

int cmd_parse(int argc, char **argv) {
    dyad_read_options opt = {0};
    parse_run pr = {0};
    int first_path = argc, i;
    const char *fields[MAX_FIELD_OPTIONS];
    size_t n_fields = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (!strcmp(a, "--")) {
            first_path = i + 1;
            break;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if (!strcmp(a, "--pretty")) {
            pr.pretty = 1;
            continue;
        }
        if (!strcmp(a, "--no-date-inference")) {
            opt.no_date_inference = 1;
            continue;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            pr.diag.quiet = 1;
            continue;
        }
        if (!strcmp(a, "--date") || !strcmp(a, "--input") || !strcmp(a, "--format") ||
            !strcmp(a, "--field")) {
            if (i + 1 >= argc) {
                cli_error(argv[0], "%s needs a value (see dyad parse --help)", a);
                return CLI_EXIT_USAGE;
            }
            val = argv[++i];
        } else if (!strncmp(a, "--date=", 7) || !strncmp(a, "--input=", 8) ||
                   !strncmp(a, "--format=", 9) || !strncmp(a, "--field=", 8)) {
            val = strchr(a, '=') + 1;
        }
        if (val && !strncmp(a, "--date", 6)) {
            if (dyad_date_parse(val, strlen(val), &opt.date) != DYAD_OK) {
                cli_error(argv[0], "--date: '%s' is not a date (use YYYY-MM-DD)", val);
                return CLI_EXIT_USAGE;
            }
            continue;
        }
        if (val && !strncmp(a, "--field", 7)) {
            if (n_fields == MAX_FIELD_OPTIONS) {
                cli_error(argv[0], "--field: more than %d mappings", MAX_FIELD_OPTIONS);
                return CLI_EXIT_USAGE;
            }
            if (cli_parse_field(argv[0], val, fields, &n_fields)) return CLI_EXIT_USAGE;
            continue;
        }
        if (val) {
            if (cli_parse_input(argv[0], val, &opt.format)) return CLI_EXIT_USAGE;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            cli_error(argv[0], "unknown option '%s' (see dyad parse --help)", a);
            return CLI_EXIT_USAGE;
        }
        first_path = i;
        break;
    }
    if (first_path >= argc) {
        cli_error(argv[0], "no input: give one or more paths, or - for stdin (see --help)");
        return CLI_EXIT_USAGE;
    }
    /* Options after the first path are not options: paths may start with '-'. */
    opt.diag = cli_diag;
    opt.diag_ud = &pr.diag;
    opt.fields = fields;
    opt.n_fields = n_fields;
    uint64_t skipped = 0;
    unsigned long empty_paths = 0;
    for (i = first_path; i < argc && !pr.write_failed; i++) {
        unsigned long before = pr.stories;
        int rc = dyad_read_path(argv[i], &opt, on_record, &pr, &skipped);
        if (pr.stories == before && !pr.write_failed) {
            if (rc == DYAD_OK) cli_error(argv[0], "%s: no story read from this path", argv[i]);
            empty_paths++;
        }
    }
    if (!pr.write_failed && cli_flush(&pr.out, stdout) != 0) pr.write_failed = 1;
    if (!pr.write_failed && fflush(stdout) != 0) {
        cli_error(argv[0], "write error on standard output");
        pr.write_failed = 1;
    }
    dyad_buf_free(&pr.out);
    if (pr.write_failed) return CLI_EXIT_FATAL;
    if (skipped || pr.failed || empty_paths || pr.diag.errors || pr.diag.warnings)
        return CLI_EXIT_SKIPPED;
    return CLI_EXIT_OK;
}
