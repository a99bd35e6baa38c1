/* cmd_validate.c: `dyad validate`: score the coder on PETRARCH-style gold records. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define VALIDATE_MAX_FILE_BYTES (256u * 1024u * 1024u) /* a validation file */
#define VALIDATE_MAX_GOLD 32u                          /* gold events of one record */
#define VALIDATE_MAX_CATEGORIES 256u

static const char usage_text[] =
    "Usage: dyad validate [OPTIONS] FILE.xml\n"
    "\n"
    "Codes every <Sentence> record of a PETRARCH validation file (its <Text>; the given\n"
    "<Parse> is ignored) and compares the events with the record's <EventCoding> gold\n"
    "(or noevents). A record is correct when the set of (source, target, code) equals\n"
    "the gold set. Prints each record, totals by category, and a last line\n"
    "'validate: N of M records correct'.\n"
    "\n"
    "The <Environment> names the dictionaries (<Verbfile>, <Actorfile>, <Agentfile>,\n"
    "<Discardfile>), looked up beside the file, in its dictionaries/ folder, and in\n"
    "../dictionaries/. <Config option= value=> records change options from that point\n"
    "on: require_dyad is honoured; the others are listed, each with why it has no\n"
    "meaning for dyad. A source or target written '---' is the same as none. Events\n"
    "are also scored one by one: precision and recall, by category and in all.\n"
    "\n"
    "Options:\n"
    "  --dict PATH     use these dictionaries instead of the Environment's (repeatable)\n"
    "  --failures      print only the records that are not correct\n"
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

/* Decodes the five XML entities in place. */
static void xml_unescape(char *s) {
    static const struct { const char *e; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *w = s;
    for (char *r = s; *r;) {
        int done = 0;
        if (*r == '&')
            for (size_t i = 0; i < 5; i++) {
                size_t l = strlen(ents[i].e);
                if (!strncmp(r, ents[i].e, l)) {
                    *w++ = ents[i].c;
                    r += l;
                    done = 1;
                    break;
                }
            }
        if (!done) *w++ = *r++;
    }
    *w = '\0';
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
    if (!strncmp(opt, "comma_", 6))
        return "PETRARCH's comma-clause limits tune its parse trees; dyad finds clauses itself";
    return NULL;
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

int cmd_validate(int argc, char **argv) {
    static const struct option opts[] = {{"dict", required_argument, 0, 'D'},
                                         {"failures", no_argument, 0, 'F'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char **dicts = calloc((size_t)argc + 8, sizeof *dicts);
    char *owned[8] = {0};
    size_t n_dicts = 0, n_owned = 0;
    int failures_only = 0, quiet = 0;
    if (!dicts) return CLI_EXIT_FATAL;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': dicts[n_dicts++] = optarg; break;
        case 'F': failures_only = 1; break;
        case 'q': quiet = 1; break;
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
    dyad_dict *dict = NULL;
    int status = cli_load_dict("validate", dicts, n_dicts, 1, &dict);
    if (status != CLI_EXIT_OK) goto out;

    dyad_coder_options co;
    dyad_coder_options_init(&co);
    co.keep_discarded = 0;
    /* PETRARCH's conventions, until the file's Config says otherwise: an event needs
     * both actors, and reported speech is no event of its own. */
    co.require_dyad = 1;
    co.code_statements = DYAD_STATEMENTS_NONE;
    dyad_coder *coder = NULL;
    if (dyad_coder_new(dict, &co, &coder) != DYAD_OK) {
        status = CLI_EXIT_FATAL;
        goto out;
    }
    category *cats = calloc(VALIDATE_MAX_CATEGORIES, sizeof *cats);
    size_t n_cats = 0;
    unsigned total = 0, correct = 0;
    char ignored[2048] = "";
    tally all = {0, 0, 0};
    /* Walk the records and Config lines in file order. */
    for (const char *p = xml; p && p < end;) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) break;
        if (!strncmp(lt, "<!--", 4)) {
            const char *e = strstr(lt, "-->");
            p = e ? e + 3 : end;
            continue;
        }
        const char *gt = memchr(lt, '>', (size_t)(end - lt));
        if (!gt) break;
        if (!strncmp(lt, "<Config", 7)) {
            char opt[64] = "", val[64] = "";
            attr(lt, gt, "option", opt, sizeof opt);
            attr(lt, gt, "value", val, sizeof val);
            if (!strcmp(opt, "require_dyad")) {
                co.require_dyad = !(strcmp(val, "False") == 0 || strcmp(val, "false") == 0 || strcmp(val, "0") == 0);
                dyad_coder_free(coder);
                coder = NULL;
                if (dyad_coder_new(dict, &co, &coder) != DYAD_OK) { status = CLI_EXIT_FATAL; break; }
            } else if (opt[0] && !strstr(ignored, opt)) {
                const char *why = config_reason(opt);
                size_t have = strlen(ignored);
                snprintf(ignored + have, sizeof ignored - have, "\n  %s: %s", opt,
                         why ? why : "not an option dyad knows");
            }
            p = gt + 1;
            continue;
        }
        if (strncmp(lt, "<Sentence", 9) || !(lt[9] == ' ' || lt[9] == '>' || lt[9] == '\n' || lt[9] == '\t')) {
            p = gt + 1;
            continue;
        }
        const char *close = strstr(gt, "</Sentence>");
        if (!close) break;
        char id[128] = "", datestr[32] = "", cat[64] = "";
        attr(lt, gt, "id", id, sizeof id);
        attr(lt, gt, "date", datestr, sizeof datestr);
        attr(lt, gt, "category", cat, sizeof cat);
        gold want[VALIDATE_MAX_GOLD];
        size_t nw = 0;
        for (const char *q = gt; q < close;) {
            const char *ec = strstr(q, "<EventCoding");
            if (!ec || ec > close) break;
            const char *ecg = memchr(ec, '>', (size_t)(close - ec));
            if (!ecg) break;
            char noev[16] = "";
            if (attr(ec, ecg, "noevents", noev, sizeof noev)) { q = ecg; continue; }
            if (nw < VALIDATE_MAX_GOLD) {
                gold *g = &want[nw];
                memset(g, 0, sizeof *g);
                attr(ec, ecg, "sourcecode", g->source, sizeof g->source);
                attr(ec, ecg, "targetcode", g->target, sizeof g->target);
                attr(ec, ecg, "eventcode", g->code, sizeof g->code);
                null_to_empty(g);
                if (g->code[0] && !contains(want, nw, g)) nw++;
            }
            q = ecg;
        }
        size_t tl;
        const char *t = element(gt, close, "Text", &tl);
        char *text = t ? trim_copy(t, tl) : NULL;
        p = close + 11;
        if (!text) continue;
        xml_unescape(text);
        dyad_record rec;
        memset(&rec, 0, sizeof rec);
        rec.file = path;
        rec.id = id;
        rec.text = text;
        rec.text_len = strlen(text);
        rec.format = DYAD_FORMAT_XML;
        if (datestr[0]) dyad_date_parse(datestr, strlen(datestr), &rec.date);
        dyad_story *s = NULL;
        gold got[VALIDATE_MAX_GOLD];
        size_t ng = 0;
        if (dyad_story_parse(&rec, NULL, NULL, &s) == DYAD_OK) {
            const dyad_event *ev;
            size_t n;
            if (dyad_coder_run(coder, s, &ev, &n) == DYAD_OK)
                for (size_t i = 0; i < n && ng < VALIDATE_MAX_GOLD; i++) {
                    gold g;
                    memset(&g, 0, sizeof g);
                    snprintf(g.source, sizeof g.source, "%s", ev[i].source);
                    snprintf(g.target, sizeof g.target, "%s", ev[i].target);
                    snprintf(g.code, sizeof g.code, "%s", ev[i].code);
                    null_to_empty(&g);
                    if (!contains(got, ng, &g)) got[ng++] = g;
                }
            dyad_story_free(s);
        }
        int ok = same_set(want, nw, got, ng);
        total++;
        correct += (unsigned)ok;
        size_t ci = 0;
        while (ci < n_cats && strcmp(cats[ci].name, cat)) ci++;
        if (ci == n_cats && n_cats < VALIDATE_MAX_CATEGORIES) snprintf(cats[n_cats++].name, sizeof cats[0].name, "%s", cat);
        if (ci < n_cats) {
            cats[ci].total++;
            cats[ci].correct += (unsigned)ok;
            tally_add(&cats[ci].events, want, nw, got, ng);
        }
        tally_add(&all, want, nw, got, ng);
        if (!quiet && (!failures_only || !ok)) {
            printf("%s %s%s%s\n", ok ? "correct  " : "INCORRECT", id, cat[0] ? " " : "", cat);
            if (!ok) {
                printf("    text: %s\n", text);
                print_set("expected", want, nw);
                print_set("actual  ", got, ng);
            }
        }
        free(text);
    }
    if (!quiet) printf("\n");
    printf("by category:\n");
    for (size_t i = 0; i < n_cats; i++) {
        printf("  %-24s %4u of %4u correct (%5.1f%%); events: ", cats[i].name[0] ? cats[i].name : "(none)",
               cats[i].correct, cats[i].total, cats[i].total ? 100.0 * cats[i].correct / cats[i].total : 0.0);
        tally_print(&cats[i].events);
        printf("\n");
    }
    printf("events: ");
    tally_print(&all);
    printf("\n");
    if (ignored[0]) printf("Config options ignored (require_dyad is honoured):%s\n", ignored);
    printf("validate: %u of %u records correct\n", correct, total);
    if (status == CLI_EXIT_OK && correct != total) status = CLI_EXIT_SKIPPED;
    if (total == 0) {
        cli_error("validate", "%s: no <Sentence> records found", path);
        status = CLI_EXIT_SKIPPED;
    }
    free(cats);
    dyad_coder_free(coder);
out:
    dyad_dict_free(dict);
    for (size_t i = 0; i < n_owned; i++) free(owned[i]);
    free(dicts);
    free(xml);
    return status;
}
