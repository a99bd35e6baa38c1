/* dict_lint.c: `dyad dict lint`: the checks beyond syntax (unknown codes, overlapping
 * ranges, names coded two ways, unused synsets, duplicate lines). */
#include "dict_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct name_rec {
    char *key;
    int kind;
    const dict_actor *e;
} name_rec;

typedef struct line_rec {
    const char *file;
    uint64_t line;
    char *text;
} line_rec;

typedef struct syn_rec {
    char name[64];
    const char *file;
    uint64_t line;
    int used;
} syn_rec;

struct lint_state {
    name_rec *names;
    size_t n_names, cap_names;
    line_rec *lines;
    size_t n_lines, cap_lines;
    syn_rec *syn;
    size_t n_syn, cap_syn;
    int oom;
    dyad_diag_fn user;
    void *user_ud;
    int count;
};

static void rec_line(dict_loader *L, const char *file, uint64_t line, const char *text, size_t n) {
    struct lint_state *S = L->lint_state;
    if (dict_grow((void **)&S->lines, &S->cap_lines, S->n_lines, sizeof *S->lines)) {
        S->oom = 1;
        return;
    }
    char *t = strndup(text, n);
    if (!t) {
        S->oom = 1;
        return;
    }
    S->lines[S->n_lines++] = (line_rec){file, line, t};
}

static void rec_name(dict_loader *L, const char *norm, int kind, const dict_actor *e) {
    struct lint_state *S = L->lint_state;
    if (dict_grow((void **)&S->names, &S->cap_names, S->n_names, sizeof *S->names)) {
        S->oom = 1;
        return;
    }
    char *k = strdup(norm);
    if (!k) {
        S->oom = 1;
        return;
    }
    S->names[S->n_names++] = (name_rec){k, kind, e};
}

static void rec_synset_defined(dict_loader *L, const char *name, const char *file, uint64_t line) {
    struct lint_state *S = L->lint_state;
    if (dict_grow((void **)&S->syn, &S->cap_syn, S->n_syn, sizeof *S->syn)) {
        S->oom = 1;
        return;
    }
    syn_rec *r = &S->syn[S->n_syn++];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->file = file;
    r->line = line;
    r->used = 0;
}

static void rec_synset_used(dict_loader *L, const char *name) {
    struct lint_state *S = L->lint_state;
    for (size_t i = S->n_syn; i-- > 0;)
        if (!strcmp(S->syn[i].name, name)) {
            S->syn[i].used = 1;
            return;
        }
}

static void rec_end_file(dict_loader *L, const char *file) {
    struct lint_state *S = L->lint_state;
    for (size_t i = 0; i < S->n_syn; i++)
        if (S->syn[i].file == file && !S->syn[i].used)
            dict_diag(L, DYAD_DIAG_WARNING, file, S->syn[i].line, "synset &%s is never used",
                      S->syn[i].name);
    S->n_syn = 0;
}

static int line_cmp(const void *a, const void *b) {
    const line_rec *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c) return c;
    c = strcmp(x->text, y->text);
    if (c) return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int name_cmp(const void *a, const void *b) {
    const name_rec *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->kind != y->kind) return x->kind - y->kind;
    if (x->e->file != y->e->file) return strcmp(x->e->file, y->e->file);
    return x->e->line < y->e->line ? -1 : x->e->line > y->e->line;
}

static void codes_str(const dict_actor *e, char *out, size_t cap) {
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < e->n_codes && k + 1 < cap; i++)
        k += (size_t)snprintf(out + k, cap - k, "%s%s%s", i ? ";" : "", e->codes[i].code,
                              e->codes[i].dated ? "(dated)" : "");
    if (e->kind == DICT_DISCARD && e->reason) snprintf(out, cap, "%s", e->reason);
}

static int known_block(const dyad_dict *d, const char *b) {
    if (!memcmp(b, "---", 3)) return 1;
    for (size_t i = 0; i < d->n_acodes; i++)
        if (!memcmp(d->acodes[i].code, b, 3)) return 1;
    return 0;
}

static void lint_finish(dict_loader *L) {
    struct lint_state *S = L->lint_state;
    dyad_dict *d = L->d;
    /* duplicate lines */
    if (S->n_lines) qsort(S->lines, S->n_lines, sizeof *S->lines, line_cmp);
    for (size_t i = 1; i < S->n_lines; i++)
        if (S->lines[i].file == S->lines[i - 1].file && !strcmp(S->lines[i].text, S->lines[i - 1].text))
            dict_diag(L, DYAD_DIAG_WARNING, S->lines[i].file, S->lines[i].line,
                      "duplicate of line %llu", (unsigned long long)S->lines[i - 1].line);
    /* a name coded two ways */
    if (S->n_names) qsort(S->names, S->n_names, sizeof *S->names, name_cmp);
    for (size_t i = 1; i < S->n_names; i++) {
        const name_rec *a = &S->names[i - 1], *b = &S->names[i];
        if (strcmp(a->key, b->key) || a->kind != b->kind || a->e == b->e) continue;
        char ca[256], cb[256];
        codes_str(a->e, ca, sizeof ca);
        codes_str(b->e, cb, sizeof cb);
        if (strcmp(ca, cb))
            dict_diag(L, DYAD_DIAG_WARNING, b->e->file, b->e->line,
                      "'%s' is coded %s here and %s at %s:%llu", b->key, cb, ca, a->e->file,
                      (unsigned long long)a->e->line);
        else
            dict_diag(L, DYAD_DIAG_WARNING, b->e->file, b->e->line,
                      "'%s' is defined again (first at %s:%llu)", b->key, a->e->file,
                      (unsigned long long)a->e->line);
    }
    /* unknown event codes */
    if (d->n_cameo)
        for (size_t i = 0; i < d->n_patterns; i++)
            if (strcmp(d->patterns[i]->code, DICT_NO_EVENT) && !dyad_cameo_find(d, d->patterns[i]->code))
                dict_diag(L, DYAD_DIAG_ERROR, d->patterns[i]->file, d->patterns[i]->line,
                          "unknown event code %s", d->patterns[i]->code);
    if (d->n_cameo)
        for (size_t i = 0; i < d->n_weapons; i++) /* once a line: its phrases are in a row */
            if (d->weapons[i].code[0] && !dyad_cameo_find(d, d->weapons[i].code) &&
                !(i > 0 && d->weapons[i - 1].line == d->weapons[i].line &&
                  d->weapons[i - 1].file == d->weapons[i].file))
                dict_diag(L, DYAD_DIAG_ERROR, d->weapons[i].file, d->weapons[i].line,
                          "unknown event code %s of a weapon", d->weapons[i].code);
    /* unknown actor code blocks */
    if (!L->have_actor_codes) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/cameo/actor-codes.txt", dyad_dict_default_dir());
        struct stat st;
        if (stat(path, &st) == 0) {
            dict_loader sub = *L;
            sub.lint = NULL;
            dict_load_path(&sub, path, 1);
        }
    }
    if (d->n_acodes)
        for (size_t i = 0; i < d->n_entries; i++) {
            const dict_actor *e = d->entries[i];
            if (e->full || e->kind == DICT_DISCARD) continue;
            for (size_t c = 0; c < e->n_codes; c++) {
                const char *code = e->codes[c].code;
                size_t n = strlen(code);
                if (n && code[n - 1] == '~') n--; /* a prefix agent (NGO~) */
                if (n % 3) {
                    dict_diag(L, DYAD_DIAG_WARNING, e->file, e->line,
                              "actor code %s is not made of 3-letter blocks", code);
                    continue;
                }
                for (size_t k = 0; k < n; k += 3)
                    if (!known_block(d, code + k)) {
                        /* a community dictionary names actors with codes of its own
                         * (Phoenix's REL, JMA, KAS ...): known to its coder, not to
                         * CAMEO's table; a warning there, an error in dyad's own */
                        if (e->community)
                            dict_diag(L, DYAD_DIAG_WARNING, e->file, e->line,
                                      "actor code block %.3s in %s is not in CAMEO's actor-code "
                                      "table (a code of the community dictionary's own)",
                                      code + k, code);
                        else
                            dict_diag(L, DYAD_DIAG_ERROR, e->file, e->line,
                                      "unknown actor code block %.3s in %s", code + k, code);
                        break;
                    }
            }
        }
}

static void count_diag(void *ud, const dyad_diag *dg) {
    struct lint_state *S = ud;
    if (dg->severity != DYAD_DIAG_NOTE) S->count++;
    if (S->user) S->user(S->user_ud, dg);
}

int dyad_dict_lint(const char *const *paths, size_t n_paths, dyad_diag_fn diag, void *diag_ud) {
    if (n_paths && !paths) return DYAD_EINVAL;
    struct lint_state S;
    memset(&S, 0, sizeof S);
    S.user = diag;
    S.user_ud = diag_ud;
    dict_loader L;
    memset(&L, 0, sizeof L);
    L.diag = count_diag;
    L.diag_ud = &S;
    static const dict_lint_hooks hooks = {rec_line, rec_name, rec_synset_defined, rec_synset_used,
                                           rec_end_file};
    L.lint = &hooks;
    L.lint_state = &S;
    dyad_dict *d = NULL;
    int rc = dict_open_loader(&L, paths, n_paths, NULL, &d);
    if (rc == DYAD_OK) {
        L.d = d;
        lint_finish(&L);
        if (S.oom) rc = DYAD_ENOMEM;
    }
    dyad_dict_free(d);
    for (size_t i = 0; i < S.n_lines; i++) free(S.lines[i].text);
    for (size_t i = 0; i < S.n_names; i++) free(S.names[i].key);
    free(S.lines);
    free(S.names);
    free(S.syn);
    return rc == DYAD_OK ? S.count : rc;
}
