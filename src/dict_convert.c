/* dict_convert.c: `dyad dict convert`: TABARI/PETRARCH dictionaries written in dyad's format.
 * The community reader (dict_petrarch.c) reads the files as it does for coding and hands
 * each entry, synset and verb pattern to the hooks below as it understood it; they write
 * the same thing in dyad's format under `%rules petrarch` or `%rules tabari`
 * (docs/dictionary-format.md), so that coding with the output gives the same events.
 * What cannot be written (what the reader left out, with its reason, or a name dyad's
 * format cannot hold) becomes a comment and is counted: nothing is dropped silently. */
#include "dict_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct conv_state {
    dict_converted *out; /* one per file read */
    size_t n_out, cap_out;
    dict_converted *cur; /* the file being read; NULL when none */
    dyad_buf syn, body;  /* its synsets, its entries and patterns */
    const char *data;    /* its text (for comments quoting a line) */
    size_t len;
    int kind;            /* DICT_ACTOR, DICT_AGENT, DICT_DISCARD, DICT_CONV_VERBS */
    int sec_kind;        /* the %kind written last (noun files) */
    int rules;           /* the %rules written last: 1 petrarch, 2 tabari */
    int no_plural;       /* the %plurals written last */
    int scope;           /* the %discard-scope written last */
    int noun_rules;      /* the %rules of a noun file: 2 tabari (.actors ...), else 1 */
    char **syn_names;    /* synsets written (names without a trailing '_') */
    size_t n_syn, cap_syn;
    dyad_diag_fn user;
    void *user_ud;
    int oom;
} conv_state;

static conv_state *S_of(dict_loader *L) { return L->conv_state; }

/* Appends to b; an allocation failure is remembered in S->oom (the conversion then fails
 * as a whole: no file is written short). */
static void put(conv_state *S, dyad_buf *b, const char *s, size_t n) {
    if (dyad_buf_append(b, s, n) != DYAD_OK) S->oom = 1;
}
static void puts_(conv_state *S, dyad_buf *b, const char *s) { put(S, b, s, strlen(s)); }
static void putc_(conv_state *S, dyad_buf *b, char c) { put(S, b, &c, 1); }
static void printf_(conv_state *S, dyad_buf *b, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void printf_(conv_state *S, dyad_buf *b, const char *fmt, ...) {
    char tmp[2 * DYAD_MAX_DICT_LINE_BYTES];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) S->oom = 1;
    else put(S, b, tmp, (size_t)n);
}

/* Appends line `line` of the current file (1-based) to b, after "#   ". */
static void quote_line(conv_state *S, dyad_buf *b, uint64_t line) {
    const char *p = S->data, *end = S->data + S->len;
    for (uint64_t l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    if (!n) return;
    printf_(S, b, "#   %.*s\n", (int)n, p);
}

static void comment(conv_state *S, uint64_t line, const char *sev, const char *why) {
    if (!S->cur) return;
    const char *base = strrchr(S->cur->source, '/');
    base = base ? base + 1 : S->cur->source;
    if (line) {
        printf_(S, &S->body, "# %s:%llu: %s: %s\n", base, (unsigned long long)line, sev, why);
        quote_line(S, &S->body, line);
    } else {
        printf_(S, &S->body, "# %s: %s: %s\n", base, sev, why);
    }
    S->cur->comments++;
}

/* The loader's diagnostics about the file being converted become comments in it (and go
 * on to the caller's callback). */
static void conv_diag(void *ud, const dyad_diag *dg) {
    dict_loader *L = ud;
    conv_state *S = S_of(L);
    if (S->cur && dg->file && !strcmp(dg->file, S->cur->source))
        comment(S, dg->line, dg->severity == DYAD_DIAG_ERROR ? "error"
                             : dg->severity == DYAD_DIAG_WARNING ? "warning" : "note",
                dg->message);
    if (S->user) S->user(S->user_ud, dg);
}

static const char *const kind_word[] = {"", "actors", "agents", "discards"};
static const char *const scope_word[] = {"tally", "sentence", "story"};

/* Closes the file being converted: header, synsets, body. */
static void end_file(conv_state *S) {
    dict_converted *c = S->cur;
    if (!c) return;
    S->cur = NULL;
    if (c->why) {
        dyad_buf_free(&S->syn);
        dyad_buf_free(&S->body);
        return;
    }
    dyad_buf t = {0};
    const char *base = strrchr(c->source, '/');
    base = base ? base + 1 : c->source;
    printf_(S, &t, "# %s in dyad's format, written by `dyad dict convert` from %s.\n", base, c->source);
    printf_(S, &t, "# Coding with this file gives the events coding with the original gives;\n"
                   "# what could not be written stands in comments, with the reason.\n");
    puts_(S, &t, "%version ");
    for (const char *p = base; *p; p++) putc_(S, &t, *p == ' ' || *p == '\t' ? '_' : *p);
    putc_(S, &t, '\n');
    if (S->kind == DICT_CONV_VERBS)
        printf_(S, &t, "%%kind verbs\n");
    else if (S->kind == DICT_CONV_LABELS)
        printf_(S, &t, "%%kind event-labels\n");
    else if (!S->sec_kind) /* no entry wrote its %kind */
        printf_(S, &t, "%%kind %s\n%%rules %s\n", kind_word[S->kind], S->noun_rules == 2 ? "tabari" : "petrarch");
    if (S->syn.len) put(S, &t, S->syn.data, S->syn.len);
    if (S->body.len) put(S, &t, S->body.data, S->body.len);
    if (!t.data) S->oom = 1;
    c->text = t.data;
    c->len = t.len;
    dyad_buf_free(&S->syn);
    dyad_buf_free(&S->body);
    for (size_t i = 0; i < S->n_syn; i++) free(S->syn_names[i]);
    S->n_syn = 0;
}

static void conv_begin(dict_loader *L, const char *file, const char *data, size_t len, int kind) {
    conv_state *S = S_of(L);
    end_file(S);
    if (dict_grow((void **)&S->out, &S->cap_out, S->n_out, sizeof *S->out)) {
        S->oom = 1;
        return;
    }
    dict_converted *c = &S->out[S->n_out++];
    memset(c, 0, sizeof *c);
    if (!(c->source = strdup(file))) S->oom = 1;
    S->cur = c;
    S->data = data;
    S->len = len;
    S->kind = kind;
    S->sec_kind = 0;
    S->rules = 0;
    S->no_plural = 0;
    S->scope = 0;
    size_t fl = strlen(file);
    S->noun_rules = 1;
    static const char *const tabari_ext[] = {".actors", ".agents", ".discards", ".verbs"};
    for (size_t i = 0; i < 4; i++) {
        size_t el = strlen(tabari_ext[i]);
        if (fl > el && !strcmp(file + fl - el, tabari_ext[i])) S->noun_rules = 2;
    }
    if (kind == DICT_CONV_OURS) c->why = "already in dyad's format";
    else if (kind == DICT_CONV_SKIPPED)
        c->why = "not a dictionary dyad codes with (issue codings, prepositions, a TABARI "
                 ".project, XML, or empty: see the loader's note)";
}

static void set_rules(conv_state *S, dyad_buf *b, int rules) {
    if (S->rules == rules) return;
    S->rules = rules;
    printf_(S, b, "%%rules %s\n", rules == 1 ? "petrarch" : "tabari");
}

/* Whether text can be one name variant of a dyad entry: dyad's format splits variants at
 * '|', names from codes at "=>", a comment at '#', and reads a leading '~' as a short form. */
static int safe_name(const char *s, size_t n) {
    if (!n || s[0] == '~') return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|' || (s[i] == '=' && i + 1 < n && s[i + 1] == '>')) return 0;
        if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return 0;
    }
    return 1;
}

static void put_date(conv_state *S, dyad_buf *b, int32_t d) {
    if (d) printf_(S, b, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

static void conv_entry(dict_loader *L, const char *file, const dict_conv_entry *e) {
    (void)file;
    conv_state *S = S_of(L);
    if (!S->cur || S->cur->why) return;
    dyad_buf *b = &S->body;
    if (S->sec_kind != e->kind) {
        S->sec_kind = e->kind;
        printf_(S, b, "%%kind %s\n", kind_word[e->kind]);
        if (!S->rules) set_rules(S, b, S->noun_rules);
    }
    if (e->kind == DICT_DISCARD && S->scope != e->discard_scope) {
        S->scope = e->discard_scope;
        printf_(S, b, "%%discard-scope %s\n", scope_word[e->discard_scope]);
    }
    if (e->kind == DICT_AGENT && S->no_plural != e->no_plural) {
        S->no_plural = e->no_plural;
        printf_(S, b, "%%plurals %s\n", e->no_plural ? "off" : "on");
    }
    dyad_buf line = {0};
    size_t written = 0;
    for (size_t i = 0; i < e->n_names; i++) {
        char text[DYAD_MAX_DICT_LINE_BYTES + 1];
        size_t n = dict_community_name_text(e->names[i].s, e->names[i].n, text, DYAD_MAX_DICT_LINE_BYTES);
        while (n && (text[n - 1] == ' ' || text[n - 1] == '\t')) n--;
        size_t st = 0;
        while (st < n && (text[st] == ' ' || text[st] == '\t')) st++;
        uint32_t ids[DICT_MAX_NAME_WORDS], caps;
        if (dict_community_name_words(L->d, text + st, n - st, ids, DICT_MAX_NAME_WORDS, &caps) <= 0)
            continue; /* the reader reported it and left it out: a comment already says so */
        if (!safe_name(text + st, n - st)) {
            comment(S, e->names[i].line, "not converted",
                    "this name holds '|', '=>' or '#', or starts with '~', which dyad's format "
                    "cannot hold in a name");
            continue;
        }
        if (written++) puts_(S, &line, " | ");
        put(S, &line, text + st, n - st);
        S->cur->names++;
    }
    if (!written) {
        dyad_buf_free(&line);
        return;
    }
    puts_(S, &line, " => ");
    if (e->kind == DICT_DISCARD) {
        puts_(S, &line, e->reason && *e->reason ? e->reason : "discard");
    } else {
        for (size_t i = 0; i < e->n_codes; i++) {
            const dict_code *c = &e->codes[i];
            if (i) puts_(S, &line, "; ");
            puts_(S, &line, c->code);
            if (c->also) printf_(S, &line, "/%s", c->also);
            if (c->dated) {
                putc_(S, &line, ' ');
                put_date(S, &line, c->from);
                puts_(S, &line, "..");
                put_date(S, &line, c->to);
            }
            S->cur->codes++;
        }
    }
    putc_(S, &line, '\n');
    if (line.data) put(S, b, line.data, line.len);
    else S->oom = 1;
    dyad_buf_free(&line);
    S->cur->entries++;
}

/* The synset's name without a trailing '_' (the community finds either), for duplicates. */
static int seen_synset(conv_state *S, const char *name) {
    size_t n = strlen(name);
    while (n && name[n - 1] == '_') n--;
    for (size_t i = 0; i < S->n_syn; i++)
        if (strlen(S->syn_names[i]) == n && !strncasecmp(S->syn_names[i], name, n)) return 1;
    if (dict_grow((void **)&S->syn_names, &S->cap_syn, S->n_syn, sizeof *S->syn_names) ||
        !(S->syn_names[S->n_syn] = strndup(name, n))) {
        S->oom = 1;
        return 0;
    }
    S->n_syn++;
    return 0;
}

/* Words written back, joined by sep, tokenize to the same ids (the community way). */
static int words_round_trip(dyad_dict *d, const uint32_t *w, size_t n, const char *text, size_t tn) {
    uint32_t ids[DICT_MAX_PATTERN_ELEMS], caps;
    int k = dict_community_name_words(d, text, tn, ids, DICT_MAX_PATTERN_ELEMS, &caps);
    return k == (int)n && !memcmp(ids, w, n * sizeof *w);
}

static void conv_synset(dict_loader *L, const char *file, uint64_t line, const dict_synset *y) {
    (void)file;
    conv_state *S = S_of(L);
    if (!S->cur || S->cur->why) return;
    if (seen_synset(S, y->name)) {
        comment(S, line, "not converted",
                "a synset of this name is defined above: the community reader uses the first");
        return;
    }
    int ok = y->n > 0 && !strpbrk(y->name, " \t|=#");
    dyad_buf t = {0};
    printf_(S, &t, "&%s =", y->name);
    for (size_t i = 0, off = 0; ok && i < y->n; off += y->lens[i], i++) {
        dyad_buf m = {0};
        for (size_t j = 0; j < y->lens[i]; j++) {
            if (j) putc_(S, &m, ' ');
            puts_(S, &m, L->d->words[y->words[off + j]]);
        }
        ok = m.data && !strpbrk(m.data, "|#") && words_round_trip(L->d, y->words + off, y->lens[i], m.data, m.len);
        puts_(S, &t, i ? " | " : " ");
        if (m.data) put(S, &t, m.data, m.len);
        dyad_buf_free(&m);
    }
    if (!ok) {
        comment(S, line, "not converted",
                y->n ? "a member or the name does not survive writing in dyad's format"
                     : "a synset without members (its patterns match nothing)");
    } else {
        putc_(S, &t, '\n');
        if (t.data) put(S, &S->syn, t.data, t.len);
        S->cur->synsets++;
    }
    dyad_buf_free(&t);
}

static void put_code(conv_state *S, dyad_buf *b, const dict_pattern *p) {
    if (p->flags & DICT_PAT_REVERSED) printf_(S, b, ":%s", p->code);
    else if (p->code2[0]) printf_(S, b, "%s:%s", p->code, p->code2);
    else puts_(S, b, p->code);
}

/* One pattern line: CODE HEAD ITEMS, the items as written (after '-', before '['), with
 * the words of a multi-word verb after the verb (+ASK_FOR's "for") joined to its '*'. */
static void put_pattern(conv_state *S, dict_loader *L, const dict_conv_verb *v, const char *head,
                        const dict_pattern *p, int alone) {
    dyad_buf *b = &S->body;
    put_code(S, b, p);
    printf_(S, b, "  %s", head);
    const char *items = "", *end = items;
    if (!alone && p->text) {
        items = p->text;
        while (*items == ' ' || *items == '\t') items++;
        if (*items == '-') items++;
        end = strchr(items, '[');
        if (!end) end = items + strlen(items);
    }
    while (items < end && (*items == ' ' || *items == '\t')) items++;
    while (end > items && (end[-1] == ' ' || end[-1] == '\t')) end--;
    dyad_buf post = {0};
    for (size_t i = 0; i < v->n_post; i++) printf_(S, &post, "_%s", L->d->words[v->post[i]]);
    const char *star = memchr(items, '*', (size_t)(end - items));
    if (v->n_post && !star) printf_(S, b, "  *%s", post.data);
    if (items < end) {
        puts_(S, b, "  ");
        if (star && v->n_post) {
            put(S, b, items, (size_t)(star - items) + 1);
            puts_(S, b, post.data);
            put(S, b, star + 1, (size_t)(end - star - 1));
        } else {
            put(S, b, items, (size_t)(end - items));
        }
    }
    dyad_buf_free(&post);
    putc_(S, b, '\n');
    S->cur->patterns++;
}

static void conv_verb(dict_loader *L, const dict_conv_verb *v) {
    conv_state *S = S_of(L);
    if (!S->cur || S->cur->why) return;
    dyad_dict *d = L->d;
    /* the head: the words before the verb and the verb, joined by '_'; its forms after '/' */
    dyad_buf h = {0};
    uint32_t ids[DICT_MAX_HEAD_WORDS + 1];
    for (size_t i = 0; i < v->n_head; i++) {
        printf_(S, &h, "%s_", d->words[v->head[i]]);
        ids[i] = v->head[i];
    }
    puts_(S, &h, d->words[v->last]);
    ids[v->n_head] = v->last;
    int ok = h.data && !strpbrk(h.data, "/ \t#") && words_round_trip(d, ids, v->n_head + 1, h.data, h.len);
    for (size_t i = 0; ok && i < v->n_forms; i++) {
        const char *f = d->words[v->forms[i]];
        ok = !strpbrk(f, "/ \t#_") && words_round_trip(d, &v->forms[i], 1, f, strlen(f));
        printf_(S, &h, "/%s", f);
    }
    for (size_t i = 0; ok && i < v->n_post; i++)
        ok = !strpbrk(d->words[v->post[i]], "/ \t#_*");
    const dict_pattern *first = v->alone ? v->alone : v->n_protos ? v->protos[0] : NULL;
    if (!ok) {
        if (first)
            comment(S, first->line, "not converted",
                    "the verb's words do not survive writing in dyad's format: its patterns "
                    "are left out");
        dyad_buf_free(&h);
        return;
    }
    set_rules(S, &S->body, v->as_written ? 1 : 2);
    if (v->alone) put_pattern(S, L, v, h.data, v->alone, 1);
    for (size_t i = 0; i < v->n_protos; i++) {
        /* the expansions of one line (multi-word alternatives) share it: written once */
        if (i && v->protos[i]->line == v->protos[i - 1]->line)
            continue;
        put_pattern(S, L, v, h.data, v->protos[i], 0);
    }
    dyad_buf_free(&h);
}

/* A TABARI .options LABEL of an event code: `CODE NAME` in an `event-labels` file (a name
 * holding " #", which dyad's format would read as a comment, stays a comment). */
static void conv_label(dict_loader *L, const char *code, size_t cn, const char *name, size_t ln) {
    conv_state *S = S_of(L);
    if (!S->cur || S->cur->why) return;
    for (size_t i = 1; i < ln; i++)
        if (name[i] == '#' && (name[i - 1] == ' ' || name[i - 1] == '\t')) {
            printf_(S, &S->body, "# not converted (a '#' after a blank starts a comment): %.*s %.*s\n",
                    (int)cn, code, (int)ln, name);
            S->cur->comments++;
            return;
        }
    printf_(S, &S->body, "%.*s  %.*s\n", (int)cn, code, (int)ln, name);
    S->cur->codes++;
}

static void conv_dropped(dict_loader *L, const char *file, uint64_t line, const char *why) {
    (void)file;
    conv_state *S = S_of(L);
    if (S->cur && !S->cur->why) comment(S, line, "not converted", why);
}

int dict_convert(const char *const *paths, size_t n_paths, dyad_diag_fn diag, void *diag_ud,
                 dict_converted **out, size_t *n_out) {
    *out = NULL;
    *n_out = 0;
    if (!paths || !n_paths) return DYAD_EINVAL;
    conv_state S;
    memset(&S, 0, sizeof S);
    S.user = diag;
    S.user_ud = diag_ud;
    static const dict_conv_hooks hooks = {conv_begin, conv_entry, conv_synset, conv_verb, conv_dropped,
                                          conv_label};
    dict_loader L;
    memset(&L, 0, sizeof L);
    L.diag = conv_diag;
    L.diag_ud = &L;
    L.conv = &hooks;
    L.conv_state = &S;
    dyad_dict *d = NULL;
    int rc = dict_open_loader(&L, paths, n_paths, NULL, &d);
    end_file(&S);
    dyad_dict_free(d);
    free(S.syn_names);
    dyad_buf_free(&S.syn);
    dyad_buf_free(&S.body);
    if (rc == DYAD_OK && S.oom) rc = DYAD_ENOMEM;
    if (rc != DYAD_OK) {
        dict_converted_free(S.out, S.n_out);
        return rc;
    }
    *out = S.out;
    *n_out = S.n_out;
    return DYAD_OK;
}

void dict_converted_free(dict_converted *c, size_t n) {
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].source);
        free(c[i].text);
    }
    free(c);
}
