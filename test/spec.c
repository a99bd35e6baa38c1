/* spec.c: the spec runner. Reads Markdown files of cases (the .md files in test/spec), runs each
 * case's story through the library and checks the case's expectation blocks; prints TAP.
 *
 * A case starts at a "## Title" line. Fenced blocks ("~~~ KIND attr=value ...", closed by
 * "~~~") carry its input and expectations; other prose is commentary.
 *
 *   ~~~ story [format=text|jsonl|xml|csv|tsv|auto] [date=YYYY-MM-DD] [id=ID] [name=FILE]
 *             [escapes=1] [crlf=1] [encoding=utf-16le|utf-16be] [field=NAME=KEY ...]
 *     The story, verbatim (every line ends with \n). escapes=1 decodes \xHH \r \n \t \\ ;
 *     crlf=1 ends lines with \r\n; encoding= re-encodes the bytes (with a BOM).
 *   ~~~ parse [story=N] [stories=N]
 *     One assertion per line on the dyad_story_write_json object of story N (1-based,
 *     default 1): PATH = JSON | PATH != JSON | PATH ~ "substring" | PATH absent |
 *     PATH present. PATH: a.b[2].c; ".length" of an array is its size. stories=N checks
 *     how many stories the input gave.
 *   ~~~ diagnostics
 *     One substring per line that some diagnostic ("file:line: severity: message") must
 *     contain; the line "none" means there must be no diagnostics at all.
 *
 * New block kinds: add a handler to the `handlers` table. An unknown kind fails the case.
 */
#include "dyad.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STORIES 64
#define MAX_ATTRS 16

typedef struct attr {
    char key[32];
    char val[256];
} attr;

typedef struct block {
    char kind[32];
    attr attrs[MAX_ATTRS];
    int n_attrs;
    dyad_buf body; /* the lines between the fences, each ending with \n */
    int line;      /* of the opening fence */
} block;

/* Everything a case has produced so far; block handlers read and extend it. */
typedef struct spec_case {
    const char *file;
    char title[256];
    bool have_story;
    dyad_story *stories[MAX_STORIES];
    size_t n_stories;
    dyad_buf diags;      /* every diagnostic, one per line */
    size_t n_diags;
    dyad_buf failures;   /* "# ..." lines explaining a failure */
    bool failed;
} spec_case;

static const char *attr_get(const block *b, const char *key) {
    for (int i = 0; i < b->n_attrs; i++)
        if (!strcmp(b->attrs[i].key, key)) return b->attrs[i].val;
    return NULL;
}

static void failf(spec_case *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void failf(spec_case *c, int line, const char *fmt, ...) {
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char head[64];
    snprintf(head, sizeof head, "#   line %d: ", line);
    dyad_buf_puts(&c->failures, head);
    for (char *p = msg; *p; p++)
        if (*p == '\n') *p = ' ';
    dyad_buf_puts(&c->failures, msg);
    dyad_buf_puts(&c->failures, "\n");
    c->failed = true;
}

/* ---- story blocks ---- */

static void collect_diag(void *ud, const dyad_diag *d) {
    spec_case *c = ud;
    static const char *sev[] = {"note", "warning", "error"};
    char line[1400];
    /* the CLI's form: file:line: severity: message, without ":0" for whole files */
    if (d->line)
        snprintf(line, sizeof line, "%s:%llu: %s: %s\n", d->file, (unsigned long long)d->line,
                 sev[d->severity], d->message);
    else
        snprintf(line, sizeof line, "%s: %s: %s\n", d->file, sev[d->severity], d->message);
    dyad_buf_puts(&c->diags, line);
    c->n_diags++;
}

static int on_record(void *ud, const dyad_record *rec) {
    spec_case *c = ud;
    dyad_story *s = NULL;
    if (dyad_story_parse(rec, collect_diag, c, &s) != DYAD_OK) return DYAD_OK;
    if (c->n_stories < MAX_STORIES) c->stories[c->n_stories++] = s;
    else dyad_story_free(s);
    return DYAD_OK;
}

static int hexval(int ch) {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static void run_story(spec_case *c, const block *b) {
    if (c->have_story) {
        failf(c, b->line, "a case holds one story block");
        return;
    }
    c->have_story = true;
    dyad_read_options opt = {0};
    const char *fmt = attr_get(b, "format");
    if (!fmt || !strcmp(fmt, "text")) opt.format = DYAD_FORMAT_TEXT;
    else if (!strcmp(fmt, "jsonl")) opt.format = DYAD_FORMAT_JSONL;
    else if (!strcmp(fmt, "xml")) opt.format = DYAD_FORMAT_XML;
    else if (!strcmp(fmt, "csv")) opt.format = DYAD_FORMAT_CSV;
    else if (!strcmp(fmt, "tsv")) opt.format = DYAD_FORMAT_TSV;
    else if (!strcmp(fmt, "auto")) opt.format = DYAD_FORMAT_AUTO;
    else {
        failf(c, b->line, "unknown format '%s'", fmt);
        return;
    }
    const char *fields[MAX_ATTRS];
    for (int i = 0; i < b->n_attrs; i++)
        if (!strcmp(b->attrs[i].key, "field")) fields[opt.n_fields++] = b->attrs[i].val;
    opt.fields = fields;
    const char *date = attr_get(b, "date");
    if (date && dyad_date_parse(date, strlen(date), &opt.date) != DYAD_OK) {
        failf(c, b->line, "bad date '%s'", date);
        return;
    }
    opt.diag = collect_diag;
    opt.diag_ud = c;
    /* Build the input bytes. */
    dyad_buf in = {0};
    const char *src = b->body.data ? b->body.data : "";
    size_t n = b->body.len;
    bool esc = attr_get(b, "escapes") != NULL, crlf = attr_get(b, "crlf") != NULL;
    for (size_t i = 0; i < n; i++) {
        char ch = src[i];
        if (ch == '\n' && crlf) {
            dyad_buf_append(&in, "\r\n", 2);
            continue;
        }
        if (esc && ch == '\\' && i + 1 < n) {
            char e = src[i + 1];
            if (e == 'x' && i + 3 < n && hexval(src[i + 2]) >= 0 && hexval(src[i + 3]) >= 0) {
                char v = (char)(hexval(src[i + 2]) * 16 + hexval(src[i + 3]));
                dyad_buf_append(&in, &v, 1);
                i += 3;
                continue;
            }
            const char *rep = e == 'r' ? "\r" : e == 'n' ? "\n" : e == 't' ? "\t" : e == '\\' ? "\\" : NULL;
            if (rep) {
                dyad_buf_append(&in, rep, 1);
                i++;
                continue;
            }
        }
        dyad_buf_append(&in, &ch, 1);
    }
    const char *enc = attr_get(b, "encoding");
    if (enc) {
        bool be = !strcmp(enc, "utf-16be");
        if (!be && strcmp(enc, "utf-16le")) {
            failf(c, b->line, "unknown encoding '%s'", enc);
            dyad_buf_free(&in);
            return;
        }
        /* UTF-8 -> UTF-16 with a BOM (BMP characters only; enough for tests). */
        dyad_buf out = {0};
        dyad_buf_append(&out, be ? "\xFE\xFF" : "\xFF\xFE", 2);
        const unsigned char *p = (const unsigned char *)(in.data ? in.data : "");
        for (size_t i = 0; i < in.len;) {
            unsigned cp = p[i];
            size_t k = 1;
            if (cp >= 0xE0 && i + 2 < in.len) { cp = (cp & 0x0F) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu); k = 3; }
            else if (cp >= 0xC0 && i + 1 < in.len) { cp = (cp & 0x1F) << 6 | (p[i + 1] & 0x3Fu); k = 2; }
            char u[2] = {(char)(be ? cp >> 8 : cp & 0xFF), (char)(be ? cp & 0xFF : cp >> 8)};
            dyad_buf_append(&out, u, 2);
            i += k;
        }
        dyad_buf_free(&in);
        in = out;
    }
    const char *name = attr_get(b, "name");
    const char *id = attr_get(b, "id");
    char defname[300];
    snprintf(defname, sizeof defname, "%s", id ? id : "story");
    uint64_t skipped = 0;
    dyad_read_buffer(name ? name : defname, in.data ? in.data : "", in.len, &opt, on_record, c,
                     &skipped);
    dyad_buf_free(&in);
}

/* ---- parse blocks ---- */

/* Resolves a path like sentences[2].text or removed.length against root. *owned gets a
 * new reference to free when the result was made up (a length). */
static json_t *resolve(json_t *root, const char *path, json_t **owned) {
    json_t *cur = root;
    const char *p = path;
    *owned = NULL;
    while (*p && cur) {
        if (*p == '.') p++;
        if (*p == '[') {
            char *end;
            long idx = strtol(p + 1, &end, 10);
            if (*end != ']' || !json_is_array(cur)) return NULL;
            cur = json_array_get(cur, (size_t)idx);
            p = end + 1;
            continue;
        }
        size_t k = strcspn(p, ".[");
        char key[128];
        if (k >= sizeof key) return NULL;
        memcpy(key, p, k);
        key[k] = '\0';
        p += k;
        if (!strcmp(key, "length") && !*p && (json_is_array(cur) || json_is_string(cur))) {
            *owned = json_integer(json_is_array(cur) ? (json_int_t)json_array_size(cur)
                                                     : (json_int_t)json_string_length(cur));
            return *owned;
        }
        if (!json_is_object(cur)) return NULL;
        cur = json_object_get(cur, key);
    }
    return cur;
}

static void run_parse(spec_case *c, const block *b) {
    if (!c->have_story) {
        failf(c, b->line, "parse block before any story block");
        return;
    }
    const char *want_n = attr_get(b, "stories");
    if (want_n && (size_t)atol(want_n) != c->n_stories)
        failf(c, b->line, "expected %s stories, got %zu", want_n, c->n_stories);
    const char *sn = attr_get(b, "story");
    size_t which = sn ? (size_t)atol(sn) : 1;
    const char *body = b->body.data ? b->body.data : "";
    bool any = false;
    for (const char *q = body; *q; q++)
        if (*q > ' ') any = true;
    if (!any) return;
    if (which < 1 || which > c->n_stories) {
        failf(c, b->line, "no story %zu (the input gave %zu)", which, c->n_stories);
        return;
    }
    dyad_buf js = {0};
    dyad_story_write_json(&js, c->stories[which - 1]);
    json_error_t err;
    json_t *root = json_loadb(js.data, js.len, 0, &err);
    if (!root) {
        failf(c, b->line, "dyad_story_write_json wrote invalid JSON: %s", err.text);
        dyad_buf_free(&js);
        return;
    }
    int ln = b->line;
    for (const char *p = body; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[4096];
        ln++;
        if (len >= sizeof line) len = sizeof line - 1;
        memcpy(line, p, len);
        line[len] = '\0';
        p = nl ? nl + 1 : p + len;
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (!*s || *s == '#') continue;
        char *sp = strchr(s, ' ');
        if (!sp) {
            failf(c, ln, "malformed assertion '%s'", s);
            continue;
        }
        *sp = '\0';
        const char *path = s, *rest = sp + 1;
        while (*rest == ' ') rest++;
        json_t *owned = NULL;
        json_t *v = resolve(root, path, &owned);
        if (!strcmp(rest, "absent")) {
            if (v && !json_is_null(v)) {
                char *d = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
                failf(c, ln, "%s: expected absent, got %s", path, d ? d : "?");
                free(d);
            }
        } else if (!strcmp(rest, "present")) {
            if (!v || json_is_null(v)) failf(c, ln, "%s: expected present, is absent", path);
        } else {
            bool neg = !strncmp(rest, "!= ", 3), sub = !strncmp(rest, "~ ", 2);
            if (!neg && !sub && strncmp(rest, "= ", 2)) {
                failf(c, ln, "malformed assertion: '%s %s'", path, rest);
                json_decref(owned);
                continue;
            }
            const char *val = rest + (neg ? 3 : 2);
            json_t *want = json_loads(val, JSON_DECODE_ANY, &err);
            if (!want) {
                failf(c, ln, "%s: expected value is not JSON: %s", path, val);
            } else if (sub) {
                if (!json_is_string(want)) failf(c, ln, "%s: ~ needs a string", path);
                else if (!v || !json_is_string(v) || !strstr(json_string_value(v), json_string_value(want))) {
                    char *d = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
                    failf(c, ln, "%s: expected to contain %s, got %s", path, val, d ? d : "(absent)");
                    free(d);
                }
            } else {
                bool eq = v && json_equal(v, want);
                if (eq == neg) {
                    char *d = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
                    failf(c, ln, "%s: expected %s%s, got %s", path, neg ? "not " : "", val,
                          d ? d : "(absent)");
                    free(d);
                }
            }
            json_decref(want);
        }
        json_decref(owned);
    }
    json_decref(root);
    dyad_buf_free(&js);
}

/* ---- diagnostics blocks ---- */

static void run_diagnostics(spec_case *c, const block *b) {
    const char *all = c->diags.data ? c->diags.data : "";
    int ln = b->line;
    const char *body = b->body.data ? b->body.data : "";
    for (const char *p = body; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char want[1024];
        ln++;
        if (len >= sizeof want) len = sizeof want - 1;
        memcpy(want, p, len);
        want[len] = '\0';
        p = nl ? nl + 1 : p + len;
        char *s = want;
        while (*s == ' ') s++;
        if (!*s) continue;
        if (!strcmp(s, "none")) {
            if (c->n_diags) failf(c, ln, "expected no diagnostics, got: %s", all);
        } else if (!strstr(all, s)) {
            failf(c, ln, "no diagnostic contains \"%s\"; got: %s", s, c->n_diags ? all : "(none)");
        }
    }
}


/* ~~~ events: the set of events dyad codes from the case's story (story=N, default 1),
 * with dyad's own dictionaries (or dict=PATH). One line per expected event:
 * "SOURCE TARGET CODE" optionally followed by sentence=N and date=YYYY-MM-DD; a target
 * of "-" means none. "none" alone: no events at all. Attributes one-a-story=1,
 * require-dyad=0, statements=1 and keep-discarded=1 set the coder's options. The sets
 * must be equal.
 * An expected event may also name its place: place=PRECISION/COUNTRY/NAME ("city/SYR/Aleppo",
 * "country/GRC/Greece", spaces in NAME written '_') or place=none, and from=sentence|
 * dateline|story|actors (dyad_event.place.from), and its words: source_text=WORDS and
 * target_text=WORDS (dyad_event.source_text, target_text; spaces written '_'). */
static dyad_dict *spec_dict(const char *path, spec_case *c, int line) {
    static dyad_dict *cache[8];
    static char names[8][256];
    const char *key = path ? path : "";
    for (int i = 0; i < 8; i++)
        if (cache[i] && !strcmp(names[i], key)) return cache[i];
    dyad_dict_options o = {0, NULL, NULL};
    dyad_dict *d = NULL;
    int rc = path ? dyad_dict_open(&path, 1, &o, &d) : dyad_dict_open(NULL, 0, &o, &d);
    if (rc != DYAD_OK) {
        failf(c, line, "cannot load dictionaries %s: %s", key, dyad_strerror(rc));
        return NULL;
    }
    for (int i = 0; i < 8; i++)
        if (!cache[i]) {
            cache[i] = d;
            snprintf(names[i], sizeof names[i], "%s", key);
            return d;
        }
    return d;
}

typedef struct want_event {
    char source[DYAD_MAX_CODE_BYTES], target[DYAD_MAX_CODE_BYTES], code[8];
    long sentence;
    int32_t date;
    char place[96], from[16];
    char source_text[96], target_text[96];
    int line;
    bool seen;
} want_event;

/* The event's place as a spec writes it: "city/SYR/Aleppo", "none". */
static void place_key(const dyad_event *e, char *out, size_t cap) {
    static const char *const prec[] = {"none", "country", "region", "city"};
    const dyad_place *p = &e->place;
    if (p->precision < DYAD_GEO_COUNTRY || p->precision > DYAD_GEO_CITY) {
        snprintf(out, cap, "none");
        return;
    }
    snprintf(out, cap, "%s/%s/%s", prec[p->precision], p->country, p->name);
    for (char *q = out; *q; q++)
        if (*q == ' ') *q = '_';
}

/* An expected event's words as the spec writes them, '_' for a space. */
static void underscored(char *out, size_t cap, const char *in) {
    snprintf(out, cap, "%s", in);
    for (char *q = out; *q; q++)
        if (*q == '_') *q = ' ';
}

static void run_events(spec_case *c, const block *b) {
    if (!c->have_story) {
        failf(c, b->line, "events block before any story block");
        return;
    }
    const char *sn = attr_get(b, "story");
    size_t which = sn ? (size_t)atol(sn) : 1;
    if (which < 1 || which > c->n_stories) {
        failf(c, b->line, "no story %zu (the input gave %zu)", which, c->n_stories);
        return;
    }
    dyad_dict *d = spec_dict(attr_get(b, "dict"), c, b->line);
    if (!d) return;
    dyad_coder_options co;
    dyad_coder_options_init(&co);
    const char *o1 = attr_get(b, "one-a-story"), *rd = attr_get(b, "require-dyad");
    if (o1) co.one_a_story = atoi(o1);
    if (rd) co.require_dyad = atoi(rd);
    const char *st = attr_get(b, "statements");
    if (st) co.code_statements = atoi(st);
    const char *kd = attr_get(b, "keep-discarded");
    if (kd) co.keep_discarded = atoi(kd);
    dyad_coder *coder = NULL;
    if (dyad_coder_new(d, &co, &coder) != DYAD_OK) {
        failf(c, b->line, "cannot make a coder");
        return;
    }
    const dyad_event *ev = NULL;
    size_t n = 0;
    int rc = dyad_coder_run(coder, c->stories[which - 1], &ev, &n);
    if (rc != DYAD_OK) {
        failf(c, b->line, "dyad_coder_run: %s", dyad_strerror(rc));
        dyad_coder_free(coder);
        return;
    }
    want_event want[128];
    size_t nw = 0;
    bool none = false;
    const char *body = b->body.data ? b->body.data : "";
    int ln = b->line;
    for (const char *p = body; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        p = e ? e + 1 : p + len;
        ln++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *f[8];
        int nf = 0;
        for (char *t = strtok(line, " \t"); t && nf < 8; t = strtok(NULL, " \t")) f[nf++] = t;
        if (!nf) continue;
        if (nf == 1 && !strcmp(f[0], "none")) {
            none = true;
            continue;
        }
        if (nf < 3 || nw == 128) {
            failf(c, ln, "an expected event is 'SOURCE TARGET CODE [sentence=N] [date=D]'");
            continue;
        }
        want_event *w = &want[nw++];
        memset(w, 0, sizeof *w);
        w->sentence = -1;
        w->line = ln;
        snprintf(w->source, sizeof w->source, "%s", f[0]);
        snprintf(w->target, sizeof w->target, "%s", strcmp(f[1], "-") ? f[1] : "");
        snprintf(w->code, sizeof w->code, "%s", f[2]);
        for (int k = 3; k < nf; k++) {
            if (!strncmp(f[k], "sentence=", 9)) w->sentence = atol(f[k] + 9);
            else if (!strncmp(f[k], "date=", 5)) dyad_date_parse(f[k] + 5, strlen(f[k] + 5), &w->date);
            else if (!strncmp(f[k], "place=", 6)) snprintf(w->place, sizeof w->place, "%s", f[k] + 6);
            else if (!strncmp(f[k], "from=", 5)) snprintf(w->from, sizeof w->from, "%s", f[k] + 5);
            else if (!strncmp(f[k], "source_text=", 12)) underscored(w->source_text, sizeof w->source_text, f[k] + 12);
            else if (!strncmp(f[k], "target_text=", 12)) underscored(w->target_text, sizeof w->target_text, f[k] + 12);
            else failf(c, ln, "unknown event attribute '%s'", f[k]);
        }
    }
    if (none && nw) failf(c, b->line, "'none' and expected events in one block");
    for (size_t i = 0; i < n; i++) {
        bool matched = false;
        char pk[96];
        place_key(&ev[i], pk, sizeof pk);
        const char *from = ev[i].place.from ? ev[i].place.from : "";
        for (size_t k = 0; k < nw; k++) {
            want_event *w = &want[k];
            if (strcmp(w->source, ev[i].source) || strcmp(w->target, ev[i].target) ||
                strcmp(w->code, ev[i].code))
                continue;
            if (w->sentence >= 0 && (uint32_t)w->sentence != ev[i].sentence) continue;
            if (w->date && w->date != ev[i].date) continue;
            if (w->place[0] && strcmp(w->place, pk)) continue;
            if (w->from[0] && strcmp(w->from, from)) continue;
            if (w->source_text[0] && strcmp(w->source_text, ev[i].source_text ? ev[i].source_text : "")) continue;
            if (w->target_text[0] && strcmp(w->target_text, ev[i].target_text ? ev[i].target_text : "")) continue;
            w->seen = matched = true;
        }
        if (!matched) {
            char dd[11];
            failf(c, b->line,
                  "unexpected event %s %s %s (sentence %u, date %s, place=%s from=%s, source_text \"%s\", "
                  "target_text \"%s\"): \"%s\"",
                  ev[i].source, ev[i].target[0] ? ev[i].target : "-", ev[i].code, ev[i].sentence,
                  dyad_date_format(ev[i].date, dd), pk, from, ev[i].source_text ? ev[i].source_text : "",
                  ev[i].target_text ? ev[i].target_text : "", ev[i].text ? ev[i].text : "");
        }
    }
    for (size_t k = 0; k < nw; k++)
        if (!want[k].seen)
            failf(c, want[k].line, "missing event %s %s %s", want[k].source,
                  want[k].target[0] ? want[k].target : "-", want[k].code);
    dyad_coder_free(coder);
}

static const struct handler {
    const char *kind;
    void (*run)(spec_case *c, const block *b);
} handlers[] = {
    {"story", run_story},
    {"parse", run_parse},
    {"diagnostics", run_diagnostics},
    {"events", run_events},
};

static void run_block(spec_case *c, const block *b) {
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
        if (!strcmp(handlers[i].kind, b->kind)) {
            handlers[i].run(c, b);
            return;
        }
    failf(c, b->line, "unknown block kind '%s'", b->kind);
}

/* ---- the file ---- */

static int n_tests = 0, n_failed = 0;

static void case_begin(spec_case *c, const char *file, const char *title) {
    memset(c, 0, sizeof *c);
    c->file = file;
    snprintf(c->title, sizeof c->title, "%s", title);
}

static void case_end(spec_case *c, bool had_blocks) {
    n_tests++;
    if (!had_blocks) failf(c, 0, "case has no blocks");
    if (c->failed) {
        n_failed++;
        printf("not ok %d - %s\n%s", n_tests, c->title, c->failures.data ? c->failures.data : "");
    } else {
        printf("ok %d - %s\n", n_tests, c->title);
    }
    for (size_t i = 0; i < c->n_stories; i++) dyad_story_free(c->stories[i]);
    dyad_buf_free(&c->diags);
    dyad_buf_free(&c->failures);
}

static void parse_fence(block *b, const char *s, int line) {
    memset(b, 0, sizeof *b);
    b->line = line;
    while (*s == ' ') s++;
    size_t k = strcspn(s, " \t\r\n");
    snprintf(b->kind, sizeof b->kind, "%.*s", (int)(k < 31 ? k : 31), s);
    s += k;
    while (*s) {
        while (*s == ' ' || *s == '\t') s++;
        if (!*s || *s == '\n' || *s == '\r') break;
        size_t w = strcspn(s, " \t\r\n");
        const char *eq = memchr(s, '=', w);
        if (b->n_attrs < MAX_ATTRS) {
            attr *a = &b->attrs[b->n_attrs++];
            if (eq) {
                snprintf(a->key, sizeof a->key, "%.*s", (int)(eq - s), s);
                snprintf(a->val, sizeof a->val, "%.*s", (int)(w - (size_t)(eq - s) - 1), eq + 1);
            } else {
                snprintf(a->key, sizeof a->key, "%.*s", (int)w, s);
                a->val[0] = '\0';
            }
        }
        s += w;
    }
}

static int run_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("Bail out! cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int ln = 0;
    spec_case c;
    bool in_case = false, in_block = false, had_blocks = false;
    block b;
    memset(&b, 0, sizeof b);
    while ((got = getline(&line, &cap, f)) != -1) {
        ln++;
        if (in_block) {
            if (!strncmp(line, "~~~", 3) && strspn(line + 3, " \t\r\n") == strlen(line + 3)) {
                in_block = false;
                if (in_case) run_block(&c, &b);
                dyad_buf_free(&b.body);
                continue;
            }
            dyad_buf_append(&b.body, line, (size_t)got);
            continue;
        }
        if (!strncmp(line, "## ", 3)) {
            if (in_case) case_end(&c, had_blocks);
            line[strcspn(line, "\r\n")] = '\0';
            case_begin(&c, path, line + 3);
            in_case = true;
            had_blocks = false;
            continue;
        }
        if (!strncmp(line, "~~~", 3)) {
            parse_fence(&b, line + 3, ln);
            in_block = true;
            had_blocks = true;
            if (!in_case) {
                case_begin(&c, path, "(blocks before the first case)");
                in_case = true;
            }
        }
    }
    if (in_block && in_case) failf(&c, b.line, "unclosed ~~~ block");
    dyad_buf_free(&b.body);
    if (in_case) case_end(&c, had_blocks);
    free(line);
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: spec FILE.md...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (run_file(argv[i])) return 1;
    printf("1..%d\n", n_tests);
    return n_failed ? 1 : 0;
}
