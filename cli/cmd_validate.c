/* cmd_validate.c: `dyad validate`: score the coder on PETRARCH-style gold records. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define VALIDATE_MAX_FILE_BYTES (256u * 1024u * 1024u) /* a validation file */
#define VALIDATE_MAX_GOLD 32u                          /* gold events of one record */
#define VALIDATE_MAX_CATEGORIES 256u
#define VALIDATE_MAX_CONFIGS 256u                       /* <Config> records */
#define VALIDATE_MAX_COMMAS 256u                        /* commas of one record for clause deletion (past it: none) */
#define VALIDATE_MAX_COMMA_WORDS 1000                   /* the largest comma_ limit read */

static const char usage_text[] =
    "Usage: dyad validate [OPTIONS] FILE.xml\n"
    "\n"
    "Codes every <Sentence> record of a PETRARCH validation file (its <Text>; the given\n"
    "<Parse> is ignored) and compares the events with the record's <EventCoding> gold\n"
    "(or noevents). The records' text, id and date are read as `dyad code` reads the\n"
    "file. A record is correct when the set of (source, target, code) equals the gold\n"
    "set. Prints each record, totals by category, and a last line\n"
    "'validate: N of M records correct'.\n"
    "\n"
    "The <Environment> names the dictionaries (<Verbfile>, <Actorfile>, <Agentfile>,\n"
    "<Discardfile>), looked up beside the file, in its dictionaries/ folder, and in\n"
    "../dictionaries/. <Config option= value=> records change options from that point\n"
    "on: require_dyad (any case: False, FALSE) and PETRARCH's comma-clause limits\n"
    "are honoured; the others are listed, each with why it has no meaning for dyad.\n"
    "Before coding, a record's text loses its comma clauses as PETRARCH drops them:\n"
    "one between two commas of comma_min..comma_max words (default 2..8), the one\n"
    "before the first comma of comma_bmin..comma_bmax (default none), the one after\n"
    "the last of comma_emin..comma_emax (default 2..8); a max of 0 keeps that kind; a\n"
    "clause holding 'and' or 'or', or followed by ', and', is a list member and stays.\n"
    "A source or target written '---' is the same as none. Events\n"
    "are also scored one by one: precision and recall, by category and in all.\n"
    "\n"
    "Records whose gold is an error (<EventCoding error=...>): storydiscard is correct\n"
    "when the discard list drops the story, sentencediscard when the sentence codes no\n"
    "event; an error about the <Parse> (bad_input_parse and the like) is not scored,\n"
    "since dyad reads no parse: such records are listed and left out of M.\n"
    "\n"
    "Options:\n"
    "  --dict PATH     use these dictionaries instead of the Environment's (repeatable)\n"
    "  --failures      print only the records that are not correct\n"
    "  --json          print one JSON object instead: file, correct, total, records\n"
    "                  (id, category, scored, correct, expected, actual, error),\n"
    "                  categories, events, not_scored, config_ignored\n"
    "  --quiet         print only the totals\n"
    "  -h, --help      this text\n"
    "\n"
    "Exit status: 0 when every record is correct, 1 otherwise, 2 bad usage, 3 when the\n"
    "file or its dictionaries cannot be read.\n";

typedef struct gold {
    char source[DYAD_MAX_CODE_BYTES], target[DYAD_MAX_CODE_BYTES], code[8];
} gold;

/* Events matched, coded and expected, for precision and recall. */
typedef struct tally {
    unsigned tp, got, want;
} tally;

typedef struct category {
    char name[64];
    unsigned total, correct;
    tally events;
} category;

/* What validate takes from a <Sentence> record besides its text: the gold. */
typedef struct record_meta {
    uint64_t line; /* of the <Sentence> tag, as read.c numbers records */
    char id[128], category[64], error[64];
    gold want[VALIDATE_MAX_GOLD];
    size_t n_want;
} record_meta;

typedef struct config_line {
    uint64_t line;
    char option[64], value[64];
} config_line;

/* The file's gold and <Config> records, in file order. */
typedef struct gold_file {
    record_meta *rec;
    size_t n_rec, cap_rec;
    config_line cfg[VALIDATE_MAX_CONFIGS];
    size_t n_cfg;
} gold_file;

/* Finds attribute `name` in the tag text [p, end); copies its value into out. */
static int attr(const char *p, const char *end, const char *name, char *out, size_t cap) {
    size_t nl = strlen(name);
    for (const char *q = p; q + nl < end; q++) {
        if (strncmp(q, name, nl) != 0 || (q > p && (isalnum((unsigned char)q[-1]) || q[-1] == '_')))
            continue;
        const char *r = q + nl;
        while (r < end && isspace((unsigned char)*r)) r++;
        if (r >= end || *r != '=') continue;
        r++;
        while (r < end && isspace((unsigned char)*r)) r++;
        if (r >= end || (*r != '"' && *r != '\'')) continue;
        char quote = *r++;
        const char *v = r;
        while (r < end && *r != quote) r++;
        size_t n = (size_t)(r - v);
        if (n >= cap) n = cap - 1;
        memcpy(out, v, n);
        out[n] = '\0';
        return 1;
    }
    return 0;
}

/* The content of <tag>...</tag> inside [p, end), or NULL. */
static const char *element(const char *p, const char *end, const char *tag, size_t *len) {
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open);
    for (const char *q = p; q && q < end; q++) {
        q = memchr(q, '<', (size_t)(end - q));
        if (!q) return NULL;
        if (strncmp(q, open, ol) || !(q[ol] == '>' || isspace((unsigned char)q[ol]))) continue;
        const char *gt = memchr(q, '>', (size_t)(end - q));
        if (!gt) return NULL;
        const char *c = strstr(gt, close);
        if (!c || c > end) return NULL;
        *len = (size_t)(c - gt - 1);
        return gt + 1;
    }
    return NULL;
}

static char *trim_copy(const char *s, size_t n) {
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    char *r = malloc(n + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static int exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Resolves a dictionary file named by the Environment. */
static char *resolve(const char *dir, const char *name) {
    static const char *const sub[] = {"", "dictionaries/", "../dictionaries/", "data/dictionaries/"};
    for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
        size_t n = strlen(dir) + strlen(sub[i]) + strlen(name) + 2;
        char *p = malloc(n);
        if (!p) return NULL;
        snprintf(p, n, "%s/%s%s", dir, sub[i], name);
        if (exists(p)) return p;
        free(p);
    }
    return NULL;
}

static int contains(const gold *set, size_t n, const gold *g) {
    for (size_t i = 0; i < n; i++)
        if (!strcmp(set[i].source, g->source) && !strcmp(set[i].target, g->target) &&
            !strcmp(set[i].code, g->code))
            return 1;
    return 0;
}

static int same_set(const gold *a, size_t na, const gold *b, size_t nb) {
    for (size_t i = 0; i < na; i++) if (!contains(b, nb, &a[i])) return 0;
    for (size_t i = 0; i < nb; i++) if (!contains(a, na, &b[i])) return 0;
    return 1;
}

static void print_set(const char *label, const gold *s, size_t n) {
    printf("    %s:", label);
    if (!n) printf(" (no events)");
    for (size_t i = 0; i < n; i++) printf(" %s %s %s%s", s[i].source, s[i].target, s[i].code, i + 1 < n ? ";" : "");
    printf("\n");
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    dyad_buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + n > VALIDATE_MAX_FILE_BYTES || dyad_buf_append(&b, tmp, n) != DYAD_OK) {
            fclose(f);
            dyad_buf_free(&b);
            errno = EFBIG;
            return NULL;
        }
    }
    fclose(f);
    *len = b.len;
    if (!b.data) return calloc(1, 1);
    return b.data;
}

/* PETRARCH writes a missing actor as "---": the same as none. */
static void null_to_empty(gold *g) {
    if (!strcmp(g->source, "---")) g->source[0] = 0;
    if (!strcmp(g->target, "---")) g->target[0] = 0;
}

/* Why a <Config> option has no meaning for dyad; NULL for one it does not know. */
static const char *config_reason(const char *opt) {
    if (!strcmp(opt, "stop_on_error")) return "scoring goes on past a wrong record";
    if (!strcmp(opt, "new_actor_length"))
        return "dyad codes only the actors its dictionaries name";
    return NULL;
}

/* Whether a gold error is about discarding (scored) rather than about the parse. */
static int discard_error(const char *e) {
    return !strcmp(e, "storydiscard") || !strcmp(e, "sentencediscard");
}

static void tally_add(tally *t, const gold *want, size_t nw, const gold *got, size_t ng) {
    for (size_t i = 0; i < ng; i++) t->tp += (unsigned)contains(want, nw, &got[i]);
    t->got += (unsigned)ng;
    t->want += (unsigned)nw;
}

static void tally_print(const tally *t) {
    printf("precision %5.1f%% recall %5.1f%% (%u of %u events coded are gold; %u of %u gold found)",
           t->got ? 100.0 * t->tp / t->got : 100.0, t->want ? 100.0 * t->tp / t->want : 100.0, t->tp,
           t->got, t->tp, t->want);
}

/* Reads the gold of every <Sentence> record and every <Config> record, with their lines. */
static int read_gold(const char *xml, size_t len, gold_file *G) {
    const char *end = xml + len;
    uint64_t line = 1;
    const char *counted = xml; /* line counts the newlines before counted */
    for (const char *p = xml; p && p < end;) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) break;
        for (; counted < lt; counted++) line += *counted == '\n';
        if (!strncmp(lt, "<!--", 4)) {
            const char *e = strstr(lt, "-->");
            p = e ? e + 3 : end;
            continue;
        }
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (!gt) break;
        if (!strncmp(lt, "<Config", 7) && G->n_cfg < VALIDATE_MAX_CONFIGS) {
            config_line *c = &G->cfg[G->n_cfg++];
            c->line = line;
            if (!attr(lt, gt, "option", c->option, sizeof c->option)) c->option[0] = 0;
            if (!attr(lt, gt, "value", c->value, sizeof c->value)) c->value[0] = 0;
            p = gt + 1;
            continue;
        }
        if (strncmp(lt, "<Sentence", 9) || !(lt[9] == ' ' || lt[9] == '>' || lt[9] == '\n' || lt[9] == '\t')) {
            p = gt + 1;
            continue;
        }
        const char *close = strstr(gt, "</Sentence>");
        if (!close) break;
        if (G->n_rec == G->cap_rec) {
            size_t cap = G->cap_rec ? 2 * G->cap_rec : 64;
            record_meta *nr = realloc(G->rec, cap * sizeof *nr);
            if (!nr) return DYAD_ENOMEM;
            G->rec = nr;
            G->cap_rec = cap;
        }
        record_meta *r = &G->rec[G->n_rec++];
        memset(r, 0, sizeof *r);
        r->line = line;
        attr(lt, gt, "id", r->id, sizeof r->id);
        attr(lt, gt, "category", r->category, sizeof r->category);
        for (const char *q = gt; q < close;) {
            const char *ec = strstr(q, "<EventCoding");
            if (!ec || ec > close) break;
            const char *ecg = memchr(ec, '>', (size_t)(close - ec));
            if (!ecg) break;
            char noev[16] = "";
            q = ecg;
            if (attr(ec, ecg, "noevents", noev, sizeof noev)) continue;
            if (attr(ec, ecg, "error", r->error, sizeof r->error)) continue;
            if (r->n_want < VALIDATE_MAX_GOLD) {
                gold *g = &r->want[r->n_want];
                memset(g, 0, sizeof *g);
                attr(ec, ecg, "sourcecode", g->source, sizeof g->source);
                attr(ec, ecg, "targetcode", g->target, sizeof g->target);
                attr(ec, ecg, "eventcode", g->code, sizeof g->code);
                null_to_empty(g);
                if (g->code[0] && !contains(r->want, r->n_want, g)) r->n_want++;
            }
        }
        p = close + 11;
    }
    return DYAD_OK;
}

/* The state of one validation run, fed record by record by dyad_read_path. */
typedef struct run {
    const char *path;
    gold_file *G;
    size_t next_rec, next_cfg;
    const dyad_dict *dict;
    dyad_coder_options co;
    dyad_coder *coder;
    int failures_only, quiet, json;
    category *cats;
    size_t n_cats;
    unsigned total, correct, not_scored;
    tally all;
    char ignored[2048];
    /* PETRARCH's comma-clause limits, in words: internal, beginning, end clauses
     * (comma_min/max, comma_bmin/bmax, comma_emin/emax); a max of 0 deletes none */
    int comma[6];
    dyad_buf out;       /* --json: the records array */
    dyad_buf skipped;   /* the records not scored, for the text report */
    int status;
} run;

static void json_set(dyad_buf *b, const gold *s, size_t n) {
    dyad_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        dyad_buf_puts(b, i ? ",{\"source\":" : "{\"source\":");
        dyad_buf_json_string(b, s[i].source, strlen(s[i].source));
        dyad_buf_puts(b, ",\"target\":");
        dyad_buf_json_string(b, s[i].target, strlen(s[i].target));
        dyad_buf_puts(b, ",\"code\":");
        dyad_buf_json_string(b, s[i].code, strlen(s[i].code));
        dyad_buf_puts(b, "}");
    }
    dyad_buf_puts(b, "]");
}

static void json_tally(dyad_buf *b, const tally *t) {
    char num[256];
    snprintf(num, sizeof num,
             "{\"gold_found\":%u,\"coded\":%u,\"gold\":%u,\"precision\":%.4f,\"recall\":%.4f}", t->tp,
             t->got, t->want, t->got ? (double)t->tp / t->got : 1.0, t->want ? (double)t->tp / t->want : 1.0);
    dyad_buf_puts(b, num);
}

/* The slot of a comma_ option in run.comma, by the name after "comma_"; -1 if none. */
static int comma_index(const char *name) {
    static const char *const names[6] = {"min", "max", "bmin", "bmax", "emin", "emax"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i])) return i;
    return -1;
}

/* The words of text[b, e): runs of non-blanks holding a letter or digit. */
static int clause_words(const char *t, size_t b, size_t e) {
    int n = 0;
    size_t i = b;
    while (i < e) {
        while (i < e && isspace((unsigned char)t[i])) i++;
        int alnum = 0;
        while (i < e && !isspace((unsigned char)t[i])) alnum |= isalnum((unsigned char)t[i++]) != 0;
        n += alnum;
    }
    return n;
}

/* True when text[b, e) holds the word "and" or "or" (any case). */
static int has_conjunction(const char *t, size_t b, size_t e) {
    size_t i = b;
    while (i < e) {
        while (i < e && !isalpha((unsigned char)t[i])) i++;
        size_t w = i;
        while (i < e && isalpha((unsigned char)t[i])) i++;
        if ((i - w == 3 && !strncasecmp(t + w, "and", 3)) || (i - w == 2 && !strncasecmp(t + w, "or", 2)))
            return 1;
    }
    return 0;
}

/* PETRARCH's (and TABARI's) comma-clause deletion, before coding: the clause before the
 * first comma is deleted when it has comma_bmin..comma_bmax words, one between two
 * commas with comma_min..comma_max (with both commas, as PETRARCH drops the phrase), the one after the last comma (up to the closing
 * punctuation) with comma_emin..comma_emax; a max of 0 turns that kind off. A comma
 * counts when a blank or the end follows it ("12,000" has none); a text of more than
 * VALIDATE_MAX_COMMAS commas is coded whole. A clause that holds
 * "and" or "or", or is followed by ", and" or ", or", is a member of a list ("Evil
 * Mordor, the awful Fornost, and good Gondor"; "with Mordor, Rohan, Fornost and Bree"),
 * which PETRARCH's parse keeps in its noun phrase: it stays. Writes the text left
 * into out (room for n + 1) and returns its length. */
static size_t delete_comma_clauses(const char *t, size_t n, const int lim[6], char *out) {
    size_t commas[VALIDATE_MAX_COMMAS];
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != ',' || (i + 1 < n && !isspace((unsigned char)t[i + 1]))) continue;
        if (nc == VALIDATE_MAX_COMMAS) { /* past the limit: the text is coded whole */
            memcpy(out, t, n);
            out[n] = '\0';
            return n;
        }
        commas[nc++] = i;
    }
    /* the end clause stops at the closing punctuation */
    size_t stop = n;
    while (stop > 0 && (isspace((unsigned char)t[stop - 1]) || strchr(".!?\"'", t[stop - 1]))) stop--;
    unsigned char *cut = calloc(n + 1, 1);
    if (!cut) {
        memcpy(out, t, n);
        out[n] = '\0';
        return n;
    }
    if (nc) {
        int w = clause_words(t, 0, commas[0]);
        if (lim[3] && w >= lim[2] && w <= lim[3]) memset(cut, 1, commas[0] + 1);
        for (size_t k = 0; k + 1 < nc; k++) {
            w = clause_words(t, commas[k] + 1, commas[k + 1]);
            if (has_conjunction(t, commas[k] + 1, commas[k + 1]) ||
                has_conjunction(t, commas[k + 1], k + 2 < nc ? commas[k + 2] : n < commas[k + 1] + 6 ? n : commas[k + 1] + 6))
                continue;
            if (lim[1] && w >= lim[0] && w <= lim[1]) memset(cut + commas[k], 1, commas[k + 1] - commas[k] + 1);
        }
        if (commas[nc - 1] < stop && !has_conjunction(t, commas[nc - 1] + 1, stop)) {
            w = clause_words(t, commas[nc - 1] + 1, stop);
            if (lim[5] && w >= lim[4] && w <= lim[5]) memset(cut + commas[nc - 1], 1, stop - commas[nc - 1]);
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if (!cut[i]) out[o++] = t[i];
    out[o] = '\0';
    free(cut);
    return o;
}

/* Applies the <Config> records above line (require_dyad; the others are noted). */
static int apply_configs(run *R, uint64_t line) {
    while (R->next_cfg < R->G->n_cfg && R->G->cfg[R->next_cfg].line < line) {
        const config_line *c = &R->G->cfg[R->next_cfg++];
        if (!strcmp(c->option, "require_dyad")) {
            /* PETRARCH reads the value as Python's configparser does: any case */
            R->co.require_dyad = !(strcasecmp(c->value, "false") == 0 || strcasecmp(c->value, "no") == 0 ||
                                   strcasecmp(c->value, "off") == 0 || strcmp(c->value, "0") == 0);
            dyad_coder_free(R->coder);
            R->coder = NULL;
            if (dyad_coder_new(R->dict, &R->co, &R->coder) != DYAD_OK) return DYAD_ENOMEM;
        } else if (!strncmp(c->option, "comma_", 6) && comma_index(c->option + 6) >= 0) {
            char *end;
            long v = strtol(c->value, &end, 10);
            if (end != c->value && !*end && v >= 0 && v <= VALIDATE_MAX_COMMA_WORDS)
                R->comma[comma_index(c->option + 6)] = (int)v;
        } else if (c->option[0] && !strstr(R->ignored, c->option)) {
            const char *why = config_reason(c->option);
            size_t have = strlen(R->ignored);
            snprintf(R->ignored + have, sizeof R->ignored - have, "\n  %s: %s", c->option,
                     why ? why : "not an option dyad knows");
        }
    }
    return DYAD_OK;
}

/* Scores one record read by read.c: its gold is the record_meta of the same line. */
static int on_record(void *ud, const dyad_record *rec) {
    run *R = ud;
    gold_file *G = R->G;
    while (R->next_rec < G->n_rec && G->rec[R->next_rec].line < rec->line) R->next_rec++;
    if (R->next_rec >= G->n_rec || G->rec[R->next_rec].line != rec->line) return DYAD_OK;
    const record_meta *m = &G->rec[R->next_rec++];
    if (apply_configs(R, rec->line) != DYAD_OK) return DYAD_ENOMEM;
    if (m->error[0] && !discard_error(m->error)) {
        R->not_scored++;
        char line[512];
        snprintf(line, sizeof line, "\n  %s %s: expects the error %s, about the <Parse>, which dyad does not read",
                 m->id, m->category, m->error);
        dyad_buf_puts(&R->skipped, line);
        if (R->json) {
            dyad_buf_puts(&R->out, R->out.len > 1 ? ",{\"id\":" : "{\"id\":");
            dyad_buf_json_string(&R->out, m->id, strlen(m->id));
            dyad_buf_puts(&R->out, ",\"category\":");
            dyad_buf_json_string(&R->out, m->category, strlen(m->category));
            dyad_buf_puts(&R->out, ",\"scored\":false,\"correct\":null,\"expected\":[],\"actual\":[],\"error\":");
            dyad_buf_json_string(&R->out, m->error, strlen(m->error));
            dyad_buf_puts(&R->out, "}");
        }
        return DYAD_OK;
    }
    dyad_story *s = NULL;
    gold got[VALIDATE_MAX_GOLD];
    size_t ng = 0;
    const char *discarded = NULL;
    dyad_record cut = *rec;
    char *left = malloc(rec->text_len + 1);
    if (!left) return DYAD_ENOMEM;
    cut.text = left;
    cut.text_len = delete_comma_clauses(rec->text, rec->text_len, R->comma, left);
    if (dyad_story_parse(&cut, NULL, NULL, &s) == DYAD_OK) {
        const dyad_event *ev;
        size_t n;
        if (dyad_coder_run(R->coder, s, &ev, &n) == DYAD_OK) {
            discarded = dyad_coder_discard_reason(R->coder);
            for (size_t i = 0; i < n && ng < VALIDATE_MAX_GOLD; i++) {
                gold g;
                memset(&g, 0, sizeof g);
                snprintf(g.source, sizeof g.source, "%s", ev[i].source);
                snprintf(g.target, sizeof g.target, "%s", ev[i].target);
                snprintf(g.code, sizeof g.code, "%s", ev[i].code);
                null_to_empty(&g);
                if (!contains(got, ng, &g)) got[ng++] = g;
            }
        }
        dyad_story_free(s);
    }
    free(left);
    /* a story discard is right when the story was discarded; a sentence discard when
     * the sentence coded nothing (dyad reports story discards only) */
    int ok = !strcmp(m->error, "storydiscard")      ? discarded && !ng
             : !strcmp(m->error, "sentencediscard") ? !ng
                                                    : same_set(m->want, m->n_want, got, ng);
    R->total++;
    R->correct += (unsigned)ok;
    size_t ci = 0;
    while (ci < R->n_cats && strcmp(R->cats[ci].name, m->category)) ci++;
    if (ci == R->n_cats && R->n_cats < VALIDATE_MAX_CATEGORIES)
        snprintf(R->cats[R->n_cats++].name, sizeof R->cats[0].name, "%s", m->category);
    if (ci < R->n_cats) {
        R->cats[ci].total++;
        R->cats[ci].correct += (unsigned)ok;
        tally_add(&R->cats[ci].events, m->want, m->n_want, got, ng);
    }
    tally_add(&R->all, m->want, m->n_want, got, ng);
    if (R->json) {
        dyad_buf_puts(&R->out, R->out.len > 1 ? ",{\"id\":" : "{\"id\":");
        dyad_buf_json_string(&R->out, m->id, strlen(m->id));
        dyad_buf_puts(&R->out, ",\"category\":");
        dyad_buf_json_string(&R->out, m->category, strlen(m->category));
        dyad_buf_puts(&R->out, ok ? ",\"scored\":true,\"correct\":true,\"expected\":"
                                  : ",\"scored\":true,\"correct\":false,\"expected\":");
        json_set(&R->out, m->want, m->n_want);
        dyad_buf_puts(&R->out, ",\"actual\":");
        json_set(&R->out, got, ng);
        dyad_buf_puts(&R->out, ",\"error\":");
        if (m->error[0]) dyad_buf_json_string(&R->out, m->error, strlen(m->error));
        else dyad_buf_puts(&R->out, "null");
        dyad_buf_puts(&R->out, "}");
    } else if (!R->quiet && (!R->failures_only || !ok)) {
        printf("%s %s%s%s\n", ok ? "correct  " : "INCORRECT", m->id, m->category[0] ? " " : "", m->category);
        if (!ok) {
            printf("    text: %.*s\n", (int)rec->text_len, rec->text);
            if (m->error[0])
                printf("    expected: %s (no events)\n    actual  : %s%s", m->error,
                       discarded ? "discarded as " : "not discarded", discarded ? discarded : "");
            else
                print_set("expected", m->want, m->n_want);
            if (m->error[0]) printf("%s\n", ng ? ", with events" : "");
            else print_set("actual  ", got, ng);
        }
    }
    return DYAD_OK;
}

static void print_json(run *R) {
    dyad_buf b = {0};
    char num[128];
    dyad_buf_puts(&b, "{\"file\":");
    dyad_buf_json_string(&b, R->path, strlen(R->path));
    snprintf(num, sizeof num, ",\"correct\":%u,\"total\":%u,\"not_scored\":%u,\"records\":", R->correct,
             R->total, R->not_scored);
    dyad_buf_puts(&b, num);
    dyad_buf_append(&b, R->out.data, R->out.len);
    dyad_buf_puts(&b, "],\"categories\":[");
    for (size_t i = 0; i < R->n_cats; i++) {
        dyad_buf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
        dyad_buf_json_string(&b, R->cats[i].name, strlen(R->cats[i].name));
        snprintf(num, sizeof num, ",\"records\":%u,\"correct\":%u,\"events\":", R->cats[i].total,
                 R->cats[i].correct);
        dyad_buf_puts(&b, num);
        json_tally(&b, &R->cats[i].events);
        dyad_buf_puts(&b, "}");
    }
    dyad_buf_puts(&b, "],\"events\":");
    json_tally(&b, &R->all);
    dyad_buf_puts(&b, ",\"config_ignored\":[");
    /* R->ignored holds "\n  option: reason" lines */
    int first = 1;
    for (const char *p = R->ignored; *p;) {
        const char *e = strchr(p + 1, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *opt = p + 3, *colon = memchr(opt, ':', n - 3);
        if (colon) {
            dyad_buf_puts(&b, first ? "{\"option\":" : ",{\"option\":");
            dyad_buf_json_string(&b, opt, (size_t)(colon - opt));
            dyad_buf_puts(&b, ",\"reason\":");
            dyad_buf_json_string(&b, colon + 2, n - (size_t)(colon + 2 - p));
            dyad_buf_puts(&b, "}");
            first = 0;
        }
        p += n;
    }
    dyad_buf_puts(&b, "]}\n");
    fwrite(b.data, 1, b.len, stdout);
    dyad_buf_free(&b);
}

int cmd_validate(int argc, char **argv) {
    static const struct option opts[] = {{"dict", required_argument, 0, 'D'},
                                         {"failures", no_argument, 0, 'F'},
                                         {"json", no_argument, 0, 'J'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char **dicts = calloc((size_t)argc + 8, sizeof *dicts);
    char *owned[8] = {0};
    size_t n_dicts = 0, n_owned = 0;
    run R;
    memset(&R, 0, sizeof R);
    if (!dicts) return CLI_EXIT_FATAL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': dicts[n_dicts++] = optarg; break;
        case 'F': R.failures_only = 1; break;
        case 'J': R.json = 1; break;
        case 'q': R.quiet = 1; break;
        case 'h': fputs(usage_text, stdout); free(dicts); return CLI_EXIT_OK;
        default: fputs(usage_text, stderr); free(dicts); return CLI_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        cli_error("validate", "give one validation file");
        fputs(usage_text, stderr);
        free(dicts);
        return CLI_EXIT_USAGE;
    }
    const char *path = argv[optind];
    size_t len = 0;
    char *xml = slurp(path, &len);
    if (!xml) {
        cli_error("validate", "%s: %s", path, strerror(errno));
        free(dicts);
        return CLI_EXIT_FATAL;
    }
    const char *end = xml + len;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    else snprintf(dir, sizeof dir, ".");

    if (!n_dicts) {
        size_t el;
        const char *env = element(xml, end, "Environment", &el);
        static const char *const tags[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile"};
        for (size_t i = 0; env && i < 4; i++) {
            size_t vl;
            const char *v = element(env, env + el, tags[i], &vl);
            if (!v) continue;
            char *name = trim_copy(v, vl);
            if (!name) continue;
            /* Several files may be named, separated by commas. */
            for (char *tokp = strtok(name, ","); tokp; tokp = strtok(NULL, ",")) {
                while (isspace((unsigned char)*tokp)) tokp++;
                char *r = resolve(dir, tokp);
                if (!r) {
                    cli_error("validate", "%s: <%s> names '%s', which is not beside the file nor in "
                              "dictionaries/", path, tags[i], tokp);
                    continue;
                }
                if (n_owned < 8) owned[n_owned++] = r, dicts[n_dicts++] = r;
                else free(r);
            }
            free(name);
        }
        if (!n_dicts) cli_error("validate", "%s: no dictionaries named; using dyad's own", path);
    }
    gold_file G;
    memset(&G, 0, sizeof G);
    dyad_dict *dict = NULL;
    int status = read_gold(xml, len, &G) == DYAD_OK ? CLI_EXIT_OK : CLI_EXIT_FATAL;
    free(xml);
    xml = NULL;
    if (status == CLI_EXIT_OK) status = cli_load_dict("validate", dicts, n_dicts, 1, &dict);
    if (status != CLI_EXIT_OK) goto out;

    R.path = path;
    R.G = &G;
    R.dict = dict;
    dyad_coder_options_init(&R.co);
    R.co.keep_discarded = 0;
    /* PETRARCH's conventions, until the file's Config says otherwise: an event needs
     * both actors, and reported speech is no event of its own. */
    R.co.require_dyad = 1;
    R.co.code_statements = DYAD_STATEMENTS_NONE;
    /* PETRARCH's defaults: internal and end clauses of 2-8 words, no beginning clause */
    static const int comma_defaults[6] = {2, 8, 0, 0, 2, 8};
    memcpy(R.comma, comma_defaults, sizeof R.comma);
    R.cats = calloc(VALIDATE_MAX_CATEGORIES, sizeof *R.cats);
    if (!R.cats || dyad_coder_new(dict, &R.co, &R.coder) != DYAD_OK) {
        status = CLI_EXIT_FATAL;
        goto out;
    }
    dyad_buf_puts(&R.out, "[");
    /* the records' text, id and date as `dyad code` reads them */
    cli_diag_counts rc_counts = {0, 0, 0, 0};
    dyad_read_options ro = {.format = DYAD_FORMAT_XML, .diag = cli_diag, .diag_ud = &rc_counts};
    int rr = dyad_read_path(path, &ro, on_record, &R, NULL);
    if (rr != DYAD_OK && rr != DYAD_EFORMAT) {
        cli_error("validate", "%s: %s", path, dyad_strerror(rr));
        status = CLI_EXIT_FATAL;
        goto out;
    }
    if (apply_configs(&R, UINT64_MAX) != DYAD_OK) {
        status = CLI_EXIT_FATAL;
        goto out;
    }
    if (R.json) {
        print_json(&R);
    } else {
        if (!R.quiet) printf("\n");
        printf("by category:\n");
        for (size_t i = 0; i < R.n_cats; i++) {
            printf("  %-24s %4u of %4u correct (%5.1f%%); events: ",
                   R.cats[i].name[0] ? R.cats[i].name : "(none)", R.cats[i].correct, R.cats[i].total,
                   R.cats[i].total ? 100.0 * R.cats[i].correct / R.cats[i].total : 0.0);
            tally_print(&R.cats[i].events);
            printf("\n");
        }
        printf("events: ");
        tally_print(&R.all);
        printf("\n");
        if (R.ignored[0]) printf("Config options ignored (require_dyad and comma_* are honoured):%s\n", R.ignored);
        if (R.not_scored)
            printf("not scored (%u):%.*s\n", R.not_scored, (int)R.skipped.len, R.skipped.data);
        printf("validate: %u of %u records correct\n", R.correct, R.total);
    }
    if (R.correct != R.total) status = CLI_EXIT_SKIPPED;
    if (R.total == 0) {
        cli_error("validate", "%s: no <Sentence> records found", path);
        status = CLI_EXIT_SKIPPED;
    }
out:
    free(R.cats);
    dyad_coder_free(R.coder);
    dyad_buf_free(&R.out);
    dyad_buf_free(&R.skipped);
    dyad_dict_free(dict);
    free(G.rec);
    for (size_t i = 0; i < n_owned; i++) free(owned[i]);
    free(dicts);
    free(xml);
    return status;
}
