/* cmd_explain.c: `dyad explain`: how a sentence is coded, step by step. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "Usage: dyad explain [OPTIONS] \"SENTENCE\"\n"
    "       dyad explain [OPTIONS] --story PATH [--sentence N]\n"
    "\n"
    "Shows each step of coding: tokens with their tags and clauses, the actors found\n"
    "and the dictionary entries (file:line) that named them, the verb patterns tried\n"
    "and matched, and why each candidate event was or was not emitted. A story that\n"
    "dyad code would discard (the discard list: sports, ...) is said to be so first,\n"
    "then explained as if kept.\n"
    "\n"
    "Options:\n"
    "  --date YYYY-MM-DD  the date to resolve date-restricted actors (default: the\n"
    "                     story's date; none for a bare sentence)\n"
    "  --dict PATH        dictionaries (repeatable); default: dyad's own data/\n"
    "  --story PATH       explain sentences of the first story in PATH (any input format)\n"
    "  --sentence N       only sentence N of that story (default: every sentence)\n"
    "  -h, --help         this text\n";

typedef struct explain_ctx {
    dyad_coder *coder;
    dyad_coder *judge; /* default options: says whether `dyad code` would discard the story */
    long sentence;
    int done;
    int status;
} explain_ctx;

static void explain_story(explain_ctx *x, const dyad_story *s) {
    dyad_buf b = {0};
    /* What `dyad code` does with the story first: the discard list may drop all of it. */
    const dyad_event *ev = NULL;
    size_t n_ev = 0;
    if (dyad_coder_run(x->judge, s, &ev, &n_ev) == DYAD_OK && dyad_coder_discard_reason(x->judge))
        printf("story: discarded as %s: dyad code codes none of it (--keep-discarded codes it);"
               " explained below as if kept\n\n",
               dyad_coder_discard_reason(x->judge));
    size_t from = 0, to = s->n_sentences;
    if (x->sentence >= 0) {
        if ((size_t)x->sentence >= s->n_sentences) {
            cli_error("explain", "the story has %zu sentences; there is no sentence %ld",
                      s->n_sentences, x->sentence);
            x->status = CLI_EXIT_USAGE;
            return;
        }
        from = (size_t)x->sentence;
        to = from + 1;
    }
    for (size_t i = from; i < to; i++) {
        dyad_buf_reset(&b);
        int rc = dyad_coder_explain(x->coder, s, i, &b);
        if (rc != DYAD_OK) {
            cli_error("explain", "sentence %zu: %s", i, dyad_strerror(rc));
            x->status = CLI_EXIT_FATAL;
            break;
        }
        fwrite(b.data, 1, b.len, stdout);
        if (i + 1 < to) fputc('\n', stdout);
    }
    dyad_buf_free(&b);
}

static int on_record(void *ud, const dyad_record *rec) {
    explain_ctx *x = ud;
    dyad_story *s = NULL;
    cli_diag_counts dc = {0, 0, 0, 0};
    int rc = dyad_story_parse(rec, cli_diag, &dc, &s);
    if (rc != DYAD_OK) {
        cli_error("explain", "%s: %s", rec->file, dyad_strerror(rc));
        x->status = CLI_EXIT_SKIPPED;
        return 1;
    }
    explain_story(x, s);
    dyad_story_free(s);
    x->done = 1;
    return 1; /* the first story only */
}

int cmd_explain(int argc, char **argv) {
    static const struct option opts[] = {{"date", required_argument, 0, 'd'},
                                         {"dict", required_argument, 0, 'D'},
                                         {"story", required_argument, 0, 's'},
                                         {"sentence", required_argument, 0, 'n'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    size_t n_dicts = 0;
    const char *story = NULL;
    int32_t date = 0;
    long sentence = -1;
    if (!dicts) return CLI_EXIT_FATAL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (dyad_date_parse(optarg, strlen(optarg), &date) != DYAD_OK) {
                cli_error("explain", "--date: '%s' is not a date (YYYY-MM-DD)", optarg);
                free(dicts);
                return CLI_EXIT_USAGE;
            }
            break;
        case 'D': dicts[n_dicts++] = optarg; break;
        case 's': story = optarg; break;
        case 'n': {
            char *end;
            sentence = strtol(optarg, &end, 10);
            if (*end || sentence < 0) {
                cli_error("explain", "--sentence: '%s' is not a sentence index", optarg);
                free(dicts);
                return CLI_EXIT_USAGE;
            }
            break;
        }
        case 'h': fputs(usage_text, stdout); free(dicts); return CLI_EXIT_OK;
        default: fputs(usage_text, stderr); free(dicts); return CLI_EXIT_USAGE;
        }
    }
    if (!story && optind + 1 != argc) {
        cli_error("explain", "give one sentence (quoted) or --story PATH");
        fputs(usage_text, stderr);
        free(dicts);
        return CLI_EXIT_USAGE;
    }
    dyad_dict *dict = NULL;
    int rc = cli_load_dict("explain", dicts, n_dicts, 1, &dict);
    free(dicts);
    if (rc != CLI_EXIT_OK) return rc;
    explain_ctx x = {NULL, NULL, sentence, 0, CLI_EXIT_OK};
    dyad_coder_options co;
    dyad_coder_options_init(&co);
    if (dyad_coder_new(dict, &co, &x.judge) != DYAD_OK) {
        dyad_dict_free(dict);
        return CLI_EXIT_FATAL;
    }
    co.keep_discarded = 1;
    if (dyad_coder_new(dict, &co, &x.coder) != DYAD_OK) {
        dyad_coder_free(x.judge);
        dyad_dict_free(dict);
        return CLI_EXIT_FATAL;
    }
    if (story) {
        dyad_read_options ro = {.format = DYAD_FORMAT_AUTO, .date = date, .diag = cli_diag};
        rc = dyad_read_path(story, &ro, on_record, &x, NULL);
        if (!x.done && x.status == CLI_EXIT_OK) {
            cli_error("explain", "%s: no story found (%s)", story, dyad_strerror(rc));
            x.status = CLI_EXIT_SKIPPED;
        }
    } else {
        /* A bare sentence is a one-sentence story, as in PETRARCH's records. */
        const char *text = argv[optind];
        dyad_record rec = {"<argument>", 0, "sentence", date, NULL, NULL, NULL,
                           text, strlen(text), DYAD_FORMAT_XML, date ? "input" : NULL, 0};
        dyad_story *s = NULL;
        cli_diag_counts dc = {0, 0, 0, 0};
        rc = dyad_story_parse(&rec, cli_diag, &dc, &s);
        if (rc != DYAD_OK) {
            cli_error("explain", "cannot read the sentence: %s", dyad_strerror(rc));
            x.status = CLI_EXIT_USAGE;
        } else {
            explain_story(&x, s);
            dyad_story_free(s);
        }
    }
    dyad_coder_free(x.coder);
    dyad_coder_free(x.judge);
    dyad_dict_free(dict);
    return x.status;
}
