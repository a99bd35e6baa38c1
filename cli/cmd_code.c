/* cmd_code.c: `dyad code`: stories in, CAMEO events out. */
#include "cli.h"
#include "pipeline.h"
#include "progress.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_head[] =
    "Usage: dyad code [OPTIONS] PATH...|-\n"
    "\n"
    "Reads stories (plain text wire copy, JSON, CSV/TSV, multi-story SGML/XML; files,\n"
    "directories or - for stdin) and writes the CAMEO events coded from them, one per line.\n"
    "\n"
    "Options:\n"
    "  --date YYYY-MM-DD    story date for stories whose metadata has none\n"
    "  --no-date-inference  leave a story with no date undated; by default it takes a\n"
    "                       full date its dateline gives, else one its text ties to the\n"
    "                       day of writing (\"on Monday, July 25, 2022\"), else the one\n"
    "                       its URL carries (\".../2022/06/08/...\"); date_source\n"
    "                       in the output tells an inferred date from a given one\n";

static const char usage_text[] =
    "  --dict PATH          dictionaries to use (repeatable; files or directories, dyad's\n"
    "                       format or TABARI/PETRARCH's); default: dyad's own data/\n"
    "  --dict-errors MODE   fail (default: errors in the dictionaries refuse to start)\n"
    "                       or warn (print them and code without those lines)\n"
    "  --format FMT         output: jsonl (default), tsv, csv, gdelt (GDELT 2.0 events),\n"
    "                       gdelt-mentions (GDELT 2.0 mentions, same event ids), icews,\n"
    "                       plover (PLOVER/POLECAT-style); docs/json-fields.md\n"
    "  -j, --jobs N         code stories on N threads; output is identical to -j 1\n"
    "  --one-a-story        keep one event per (source, target, code) per story\n"
    "  --require-dyad       emit only events with both a source and a target\n"
    "  --no-require-dyad    also emit one-actor events, target empty (the default)\n"
    "  --statements         always emit the speaker's statement (010) of reported\n"
    "                       speech (default: only when the sentence has no other event)\n"
    "  --no-statements      never emit statements of reported speech\n"
    "  --keep-discarded     code discarded stories (sports, business, opinion pieces...) and\n"
    "                       every sentence of news analysis, explainers and features\n"
    "                       (default: only their sentences dated to the story's days)\n"
    "  --header             print a header line (tsv, csv, icews, plover)\n"
    "  --stats              print a summary on stderr at the end (stories, sentences,\n"
    "                       events, discarded stories by reason, sentences not coded,\n"
    "                       skipped)\n"
    "  --progress           a progress line on stderr (stories, share of the input, rate,\n"
    "                       ETA), even when stderr is not a terminal (default: only then)\n"
    "  --no-progress        no progress line, even on a terminal\n"
    "  -h, --help           this text\n"
    "\n"
    "Every story skipped or discarded, and every sentence not coded (a PETRARCH sentence\n"
    "discard), is named on stderr with its reason. JSONL fields\n"
    "are documented in docs/json-fields.md, input formats in docs/input-formats.md.\n"
    "Exit status: 0 all stories coded; 1 some input was skipped, or a path yielded no\n"
    "story (reasons on stderr); 2 bad usage; 3 dictionaries could not be loaded or have\n"
    "errors.\n";

static void usage(FILE *f) {
    fputs(usage_head, f);
    fputs(cli_input_help, f);
    fputs(usage_text, f);
}

enum out_format { OUT_JSONL, OUT_TSV, OUT_CSV, OUT_GDELT, OUT_MENTIONS, OUT_ICEWS, OUT_PLOVER };

/* The bytes reserved for an event's line of output: a JSONL event of wire copy is about
 * 1,800 bytes (its sentence, actors, places and rules); the other formats are shorter. */
#define CODE_EVENT_BYTES 2048u

typedef struct code_worker {
    dyad_coder *coder;
    enum out_format fmt;
    dyad_read_options *read;
} code_worker;

typedef struct code_run {
    FILE *out;
    int write_failed;
} code_run;

/* Parses, codes and formats one story on a worker thread. */
static void code_story(void *wctx, pipeline_job *job) {
    code_worker *w = wctx;
    dyad_story *s = NULL;
    int rc = dyad_story_parse(&job->rec, pipeline_job_diag, job, &s);
    if (rc != DYAD_OK) {
        if (rc != DYAD_EEMPTY || !job->diag.len) {
            dyad_diag d = {DYAD_DIAG_ERROR, job->rec.file, job->rec.line, dyad_strerror(rc)};
            pipeline_job_diag(job, &d);
        }
        job->skipped = 1;
        return;
    }
    job->sentences = s->n_sentences;
    const dyad_event *ev = NULL;
    size_t n = 0;
    rc = dyad_coder_run(w->coder, s, &ev, &n);
    if (rc != DYAD_OK) {
        dyad_diag d = {DYAD_DIAG_ERROR, job->rec.file, job->rec.line, dyad_strerror(rc)};
        pipeline_job_diag(job, &d);
        job->skipped = 1;
        dyad_story_free(s);
        return;
    }
    job->discarded = dyad_coder_discard_reason(w->coder);
    job->undated = s->date == 0;
    if (job->discarded) {
        char msg[512];
        snprintf(msg, sizeof msg, "story %s discarded as %s (--keep-discarded codes it)", s->id,
                 job->discarded);
        dyad_diag d = {DYAD_DIAG_NOTE, job->rec.file, job->rec.line, msg};
        pipeline_job_diag(job, &d);
    }
    const dyad_sentence_discard *sd;
    job->sentences_discarded = dyad_coder_sentence_discards(w->coder, &sd);
    for (size_t i = 0; i < job->sentences_discarded; i++) {
        char msg[512];
        cli_sentence_discard_msg(msg, sizeof msg, s->id, &sd[i]);
        dyad_diag d = {DYAD_DIAG_NOTE, job->rec.file, job->rec.line, msg};
        pipeline_job_diag(job, &d);
    }
    job->events = n;
    /* room for the story's events at once: grown from nothing, the buffer was copied
     * several times a story (about 1% of dyad code) */
    if (n) dyad_buf_reserve(&job->out, n * CODE_EVENT_BYTES);
    for (size_t i = 0; i < n; i++) {
        switch (w->fmt) {
        case OUT_JSONL: dyad_event_write_jsonl(&job->out, &ev[i]); break;
        case OUT_TSV: dyad_event_write_tsv(&job->out, &ev[i]); break;
        case OUT_CSV: dyad_event_write_csv(&job->out, &ev[i]); break;
        case OUT_GDELT: dyad_event_write_gdelt(&job->out, &ev[i], (job->seq + 1) * 1000 + i); break;
        case OUT_MENTIONS: dyad_event_write_gdelt_mentions(&job->out, &ev[i], (job->seq + 1) * 1000 + i); break;
        case OUT_ICEWS: dyad_event_write_icews(&job->out, &ev[i], (job->seq + 1) * 1000 + i); break;
        case OUT_PLOVER: dyad_event_write_plover(&job->out, &ev[i], (job->seq + 1) * 1000 + i); break;
        }
    }
    dyad_story_free(s);
}

static int write_out(void *ud, pipeline_job *job) {
    code_run *r = ud;
    if (job->out.len && fwrite(job->out.data, 1, job->out.len, r->out) != job->out.len) {
        r->write_failed = 1;
        return -1;
    }
    return 0;
}

int cli_dict_errors_opt(const char *cmd, const char *mode, int *warn) {
    if (!strcmp(mode, "fail") || !strcmp(mode, "warn")) {
        *warn = mode[0] == 'w';
        return 0;
    }
    cli_error(cmd, "--dict-errors: '%s' is neither fail nor warn", mode);
    return 1;
}

int cli_dict_refuse(const char *cmd, const cli_diag_counts *dc, int warn) {
    if (!dc->errors || warn) return 0;
    cli_error(cmd, "%lu error(s) in the dictionaries (above): not starting; fix them, or "
                   "give --dict-errors=warn to go on without those lines",
              dc->errors);
    return 1;
}

/* Loads the dictionaries named by --dict (or dyad's own); prints problems. */
int cli_load_dict(const char *cmd, const char **paths, size_t n, int errors_warn, dyad_dict **out) {
    cli_diag_counts dc = {0, 0, 0, 1};
    dyad_dict_options o = {0, cli_diag, &dc};
    int rc = dyad_dict_open(paths, n, &o, out);
    if (rc != DYAD_OK) {
        cli_error(cmd, "cannot load dictionaries from %s: %s", n ? paths[0] : dyad_dict_default_dir(),
                  dyad_strerror(rc));
        return CLI_EXIT_FATAL;
    }
    if (cli_dict_refuse(cmd, &dc, errors_warn)) {
        dyad_dict_free(*out);
        *out = NULL;
        return CLI_EXIT_FATAL;
    }
    return CLI_EXIT_OK;
}

int cmd_code(int argc, char **argv) {
    static const struct option opts[] = {
        {"date", required_argument, 0, 'd'},      {"input", required_argument, 0, 'f'},
        {"field", required_argument, 0, 'F'},
        {"dict", required_argument, 0, 'D'},      {"format", required_argument, 0, 'o'},
        {"jobs", required_argument, 0, 'j'},      {"one-a-story", no_argument, 0, '1'},
        {"no-require-dyad", no_argument, 0, 'R'}, {"statements", no_argument, 0, 'S'},
        {"require-dyad", no_argument, 0, 'r'},    {"no-statements", no_argument, 0, 'N'},
        {"keep-discarded", no_argument, 0, 'K'},  {"header", no_argument, 0, 'H'},
        {"stats", no_argument, 0, 's'},           {"no-progress", no_argument, 0, 'P'},
        {"progress", no_argument, 0, 'G'},        {"no-date-inference", no_argument, 0, 'I'},
        {"dict-errors", required_argument, 0, 'E'},
        {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
    dyad_read_options ro = {.format = DYAD_FORMAT_AUTO};
    const char **fields = calloc((size_t)argc + 1, sizeof *fields);
    size_t n_fields = 0;
    dyad_coder_options co;
    dyad_coder_options_init(&co);
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    size_t n_dicts = 0;
    enum out_format fmt = OUT_JSONL;
    long jobs = 1;
    int header = 0, stats = 0, progress = isatty(2), dict_warn = 0;
    if (!dicts || !fields) {
        free(dicts);
        free(fields);
        return CLI_EXIT_FATAL;
    }
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (dyad_date_parse(optarg, strlen(optarg), &ro.date) != DYAD_OK) {
                cli_error("code", "--date: '%s' is not a date (YYYY-MM-DD)", optarg);
                free(dicts);
                free(fields);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'f':
        case 'F':
            if (c == 'f' ? cli_parse_input("code", optarg, &ro.format)
                         : cli_parse_field("code", optarg, fields, &n_fields)) {
                free(dicts);
                free(fields);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'D': dicts[n_dicts++] = optarg; break;
        case 'I': ro.no_date_inference = 1; break;
        case 'E':
            if (cli_dict_errors_opt("code", optarg, &dict_warn)) {
                free(dicts);
                free(fields);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'o':
            if (!strcmp(optarg, "jsonl")) fmt = OUT_JSONL;
            else if (!strcmp(optarg, "tsv")) fmt = OUT_TSV;
            else if (!strcmp(optarg, "csv")) fmt = OUT_CSV;
            else if (!strcmp(optarg, "gdelt")) fmt = OUT_GDELT;
            else if (!strcmp(optarg, "gdelt-mentions")) fmt = OUT_MENTIONS;
            else if (!strcmp(optarg, "icews")) fmt = OUT_ICEWS;
            else if (!strcmp(optarg, "plover")) fmt = OUT_PLOVER;
            else {
                cli_error("code", "--format: unknown output format '%s' (jsonl, tsv, csv, gdelt, gdelt-mentions, icews, plover)", optarg);
                free(dicts);
                free(fields);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*end || jobs < 1 || jobs > 256) {
                cli_error("code", "-j: '%s' is not a number of threads (1-256)", optarg);
                free(dicts);
                free(fields);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case '1': co.one_a_story = 1; break;
        case 'R': co.require_dyad = 0; break;
        case 'r': co.require_dyad = 1; break;
        case 'S': co.code_statements = DYAD_STATEMENTS_ALL; break;
        case 'N': co.code_statements = DYAD_STATEMENTS_NONE; break;
        case 'K': co.keep_discarded = 1; break;
        case 'H': header = 1; break;
        case 's': stats = 1; break;
        case 'P': progress = 0; break;
        case 'G': progress = 1; break;
        case 'h': usage(stdout); free(dicts); free(fields); return CLI_EXIT_OK;
        default: usage(stderr); free(dicts); free(fields); return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("code", "no input: name files, directories or - for stdin");
        usage(stderr);
        free(dicts);
        free(fields);
        return CLI_EXIT_USAGE;
    }
    dyad_dict *dict = NULL;
    int rc = cli_load_dict("code", dicts, n_dicts, dict_warn, &dict);
    free(dicts);
    if (rc != CLI_EXIT_OK) {
        free(fields);
        return rc;
    }

    unsigned nt = (unsigned)jobs;
    code_worker *workers = calloc(nt + 1, sizeof *workers);
    void **ctx = calloc(nt + 1, sizeof *ctx);
    int status = CLI_EXIT_OK;
    if (!workers || !ctx) {
        status = CLI_EXIT_FATAL;
        goto done;
    }
    for (unsigned i = 0; i <= nt; i++) {
        if (dyad_coder_new(dict, &co, &workers[i].coder) != DYAD_OK) {
            status = CLI_EXIT_FATAL;
            goto done;
        }
        workers[i].fmt = fmt;
        ctx[i] = &workers[i];
    }
    cli_diag_counts rdc = {0, 0, 0, 0};
    ro.diag = cli_diag;
    ro.diag_ud = &rdc;
    ro.fields = fields;
    ro.n_fields = n_fields;
    dyad_buf hb = {0};
    if (header && fmt == OUT_TSV) dyad_event_write_tsv_header(&hb);
    if (header && fmt == OUT_CSV) dyad_event_write_csv_header(&hb);
    if (header && fmt == OUT_ICEWS) dyad_event_write_icews_header(&hb);
    if (header && fmt == OUT_PLOVER) dyad_event_write_plover_header(&hb);
    cli_flush(&hb, stdout);
    dyad_buf_free(&hb);
    code_run run = {stdout, 0};
    pipeline p;
    memset(&p, 0, sizeof p);
    p.paths = (const char *const *)(argv + optind);
    p.n_paths = (size_t)(argc - optind);
    p.read = ro;
    p.threads = nt;
    p.worker_ctx = ctx;
    p.work = code_story;
    p.consume = write_out;
    p.ud = &run;
    p.progress = progress;
    p.bytes_total = progress ? cli_progress_input_bytes(argv + optind, argc - optind) : 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int prc = pipeline_run(&p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (fflush(stdout) != 0 || run.write_failed) {
        cli_error("code", "write error on standard output");
        status = CLI_EXIT_FATAL;
    }
    if (stats) {
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        char why[512], sent[64] = "";
        cli_reasons_format(&p.discard_reasons, why, sizeof why);
        if (p.sentences_discarded)
            snprintf(sent, sizeof sent, ", %llu sentence%s not coded",
                     (unsigned long long)p.sentences_discarded, p.sentences_discarded == 1 ? "" : "s");
        fprintf(stderr,
                "code: %llu stories, %llu sentences, %llu events, %llu discarded%s%s, "
                "%llu skipped in %.2f s (%.0f sentences/s)\n",
                (unsigned long long)p.stories, (unsigned long long)p.sentences,
                (unsigned long long)p.events, (unsigned long long)p.discarded, why, sent,
                (unsigned long long)(p.skipped_records + p.skipped_stories), el,
                el > 0 ? (double)p.sentences / el : 0.0);
    }
    if (p.undated)
        fprintf(stderr,
                "dyad code: note: %llu stor%s had no date (none in the metadata or the text): "
                "their events carry none; give --date\n",
                (unsigned long long)p.undated, p.undated == 1 ? "y" : "ies");
    if (status == CLI_EXIT_OK && (prc || p.skipped_records || p.skipped_stories || rdc.errors ||
                                  rdc.warnings || p.story_warnings || p.empty_paths))
        status = CLI_EXIT_SKIPPED;
done:
    for (unsigned i = 0; workers && i <= nt; i++) dyad_coder_free(workers[i].coder);
    free(workers);
    free(ctx);
    free(fields);
    dyad_dict_free(dict);
    return status;
}
