/* dict_load.c: reads dictionary files and directories (dyad's format; the community
 * formats are handed to dict_petrarch.c) into the dictionary being built. */
#include "dict_int.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

enum { K_NONE = 0, K_EVENT, K_ACTORCODES, K_ACTORS, K_PEOPLE, K_AGENTS, K_VERBS, K_DISCARDS,
       K_IRREG, K_FIPS, K_CLOSED, K_ALTNAMES, K_LABELS };

static const char *const kind_names[] = {"", "event-codes", "actor-codes", "actors", "people",
                                         "agents", "verbs", "discards", "irregular-verbs",
                                         "fips-countries", "closed-class", "alternate-names",
                                         "event-labels"};

/* ---- small text helpers ---- */

static const char *trim(const char *s, size_t *n) {
    while (*n && (*s == ' ' || *s == '\t')) s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r')) (*n)--;
    return s;
}

/* A list "a | b | c": bar_next gives its next item, trimmed (length in *tn), and moves
 * past it; NULL once the last item is given. A trailing bar leaves one empty item, which
 * the caller reports. */
typedef struct {
    const char *r;
    size_t n;
    int done;
} bar_list;

static const char *bar_next(bar_list *b, size_t *tn) {
    if (b->done) return NULL;
    const char *bar = memchr(b->r, '|', b->n);
    size_t an = bar ? (size_t)(bar - b->r) : b->n;
    *tn = an;
    const char *a = trim(b->r, tn);
    if (bar) {
        b->n -= an + 1;
        b->r = bar + 1;
    } else
        b->done = 1;
    return a;
}

static const char *find2(const char *s, size_t n, const char *pat) {
    size_t m = strlen(pat);
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(s + i, pat, m)) return s + i;
    return NULL;
}

/* ---- dyad's own format ---- */

typedef dict_synset synset;

/* %rules: whose coding rules the entries and patterns below follow */
enum { RULES_DYAD = 0, RULES_PETRARCH, RULES_TABARI };

typedef struct file_ctx {
    dict_loader *L;
    const char *file; /* in the dictionary's arena */
    int kind;
    int seen_version;
    synset *syn;
    size_t n_syn, cap_syn;
    int rules;         /* RULES_*: %rules */
    int no_plural;     /* %plurals off: agents get no generated plural */
    int discard_scope; /* %discard-scope: enum dict_discard_scope */
} file_ctx;

/* Parses "CODE" or "CODE FROM..TO" into c. Under community rules (d not NULL) a code may
 * be a compound ("BEL/NLD/LUX": the codes after the first go to c->also) and an agent's
 * may end in '~' (a prefix agent, "NGO~"). */
static int parse_code(const char *s, size_t n, dict_code *c, const char **why, dyad_dict *d,
                      int agent) {
    s = trim(s, &n);
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t') k++;
    memset(c, 0, sizeof *c);
    size_t cn = k;
    const char *slash = d ? memchr(s, '/', k) : NULL;
    if (slash) {
        cn = (size_t)(slash - s);
        size_t an = k - cn - 1;
        int ok = an > 0 && an < DICT_MAX_ALSO_BYTES;
        for (size_t q = 0, from = 0; ok && q <= an; q++) {
            if (q < an && slash[1 + q] != '/') continue;
            ok = dict_valid_code(slash + 1 + from, q - from);
            from = q + 1;
        }
        if (!ok) {
            *why = "not a compound code (CODE/CODE..., each 3 to 31 capitals, digits or '-')";
            return DYAD_EFORMAT;
        }
        if (!(c->also = dict_strndup(d, slash + 1, an))) {
            *why = "out of memory";
            return DYAD_ENOMEM;
        }
    }
    int prefix = d && agent && cn > 1 && s[cn - 1] == '~';
    if (cn >= DYAD_MAX_CODE_BYTES || !dict_valid_code(s, cn - (size_t)prefix)) {
        *why = "not an actor code (3 to 31 capitals, digits or '-')";
        return DYAD_EFORMAT;
    }
    memcpy(c->code, s, cn);
    size_t rn = n - k;
    const char *r = trim(s + k, &rn);
    if (!rn) return DYAD_OK;
    const char *dots = find2(r, rn, "..");
    if (!dots) {
        *why = "malformed date range (want FROM..TO, YYYY-MM-DD)";
        return DYAD_EFORMAT;
    }
    size_t fl = (size_t)(dots - r), tl = rn - fl - 2;
    c->dated = 1;
    if ((fl && dict_parse_date(r, fl, &c->from)) || (tl && dict_parse_date(dots + 2, tl, &c->to)) ||
        (!fl && !tl)) {
        *why = "malformed date range (want FROM..TO, YYYY-MM-DD)";
        return DYAD_EFORMAT;
    }
    if (c->from && c->to && c->from > c->to) {
        *why = "malformed date range: it ends before it begins";
        return DYAD_EFORMAT;
    }
    return DYAD_OK;
}

/* Adds the variants (split on '|') of an entry. */
/* A person's short form ("Moon" of "Moon Jae-in"): an entry of its own in trie 3, sharing
 * the full entry's codes and resolved only after the full name appears in the story. */
static int add_short_form(dyad_dict *d, dict_actor *e, const uint32_t *ids, size_t k,
                          uint32_t caps) {
    dict_actor *sh = dict_new_entry(d, DICT_ACTOR, e->text, e->file, e->line);
    if (!sh) return DYAD_ENOMEM;
    sh->full = e;
    sh->codes = e->codes;
    sh->n_codes = e->n_codes;
    sh->person = 1;
    return dict_trie_add(d, 3, ids, k, caps, sh) != DYAD_OK ? DYAD_ENOMEM : DYAD_OK;
}

static int add_names(file_ctx *F, uint64_t line, const char *s, size_t n, dict_actor *e,
                     uint32_t root) {
    dyad_dict *d = F->L->d;
    int first = 1, have_short = 0;
    const char *first_v = NULL;
    size_t first_n = 0;
    while (n) {
        const char *bar = memchr(s, '|', n);
        size_t vn = bar ? (size_t)(bar - s) : n;
        size_t tn = vn;
        const char *v = trim(s, &tn);
        int is_short = tn && v[0] == '~';
        if (is_short) v++, tn--;
        uint32_t ids[DICT_MAX_NAME_WORDS], caps;
        int k = tn ? dict_name_words(d, v, tn, ids, DICT_MAX_NAME_WORDS, &caps, F->rules ? 2 : 1) : 0;
        if (k <= 0) {
            dict_bad_line(F->L, F->file, line, "empty or unusable name variant '%.*s'", (int)tn, v);
            return DYAD_EFORMAT;
        }
        if (F->L->lint && !is_short) { /* people may share a short form (~Bush) */
            dyad_buf nb = {0};
            tok_normalize_phrase(v, tn, &nb);
            lint_name(F->L, nb.data ? nb.data : "", e->kind, e);
            dyad_buf_free(&nb);
        }
        if (is_short) {
            if (F->kind != K_PEOPLE)
                dict_diag(F->L, DYAD_DIAG_WARNING, F->file, line,
                          "short form '~%.*s' outside a people file", (int)tn, v);
            if (add_short_form(d, e, ids, (size_t)k, caps)) return DYAD_ENOMEM;
            have_short = 1;
        } else {
            if (dict_trie_add(d, root, ids, (size_t)k, caps, e) != DYAD_OK) return DYAD_ENOMEM;
            if (e->kind == DICT_AGENT && !caps && !F->no_plural && dict_add_plural(d, root, ids, (size_t)k, e))
                return DYAD_ENOMEM;
            if (first) {
                first_v = v;
                first_n = tn;
                first = 0;
            }
        }
        if (!bar) break;
        n -= vn + 1;
        s = bar + 1;
    }
    /* the implicit short form: the last space-separated word of the first variant
     * (hyphenated as a whole: "Jae-in"), unless the variant is one word or it is a word
     * of one or two letters ("Kim Jong Un": no short form) */
    size_t cut = first_n;
    while (cut && first_v[cut - 1] != ' ' && first_v[cut - 1] != '\t') cut--;
    if (F->kind == K_PEOPLE && !have_short && first_v && cut > 0) {
        uint32_t ids[DICT_MAX_NAME_WORDS], caps;
        int k = dict_name_words(d, first_v + cut, first_n - cut, ids, DICT_MAX_NAME_WORDS, &caps, 1);
        if (k > 1 || (k == 1 && d->word_len[ids[0]] > 2)) {
            if (add_short_form(d, e, ids, (size_t)k, caps)) return DYAD_ENOMEM;
        }
    }
    return DYAD_OK;
}

static void lint_overlap(file_ctx *F, uint64_t line, const dict_code *c, size_t n) {
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (!c[i].dated || !c[j].dated) {
                if (!c[i].dated && !c[j].dated)
                    dict_diag(F->L, DYAD_DIAG_WARNING, F->file, line,
                              "more than one undated code (%s, %s): only the first is used",
                              c[i].code, c[j].code);
                continue;
            }
            int32_t a1 = c[i].from ? c[i].from : 0, a2 = c[i].to ? c[i].to : INT32_MAX;
            int32_t b1 = c[j].from ? c[j].from : 0, b2 = c[j].to ? c[j].to : INT32_MAX;
            if (a1 <= b2 && b1 <= a2)
                dict_diag(F->L, DYAD_DIAG_WARNING, F->file, line,
                          "overlapping date ranges for %s and %s", c[i].code, c[j].code);
        }
}

static int parse_entry(file_ctx *F, uint64_t line, const char *s, size_t n, const char *raw,
                       size_t raw_n) {
    dict_loader *L = F->L;
    dyad_dict *d = L->d;
    const char *arrow = find2(s, n, "=>");
    if (!arrow) {
        dict_bad_line(L, F->file, line, "expected 'NAMES => %s'",
                      F->kind == K_DISCARDS ? "REASON" : "CODE");
        return DYAD_OK;
    }
    size_t ln = (size_t)(arrow - s), rn = n - ln - 2;
    const char *left = trim(s, &ln), *right = trim(arrow + 2, &rn);
    if (!ln || !rn) {
        dict_bad_line(L, F->file, line, "empty %s", !ln ? "name list" : "code list");
        return DYAD_OK;
    }
    int kind = F->kind == K_AGENTS ? DICT_AGENT : F->kind == K_DISCARDS ? DICT_DISCARD : DICT_ACTOR;
    dict_code codes[64];
    size_t nc = 0;
    const char *reason = NULL;
    if (kind == DICT_DISCARD) {
        reason = dict_strndup(d, right, rn);
        if (!reason) return DYAD_ENOMEM;
    } else {
        const char *p = right;
        size_t left_n = rn;
        while (left_n) {
            const char *semi = memchr(p, ';', left_n);
            size_t cn = semi ? (size_t)(semi - p) : left_n;
            const char *why = "";
            if (nc >= sizeof codes / sizeof codes[0]) {
                dict_bad_line(L, F->file, line, "too many codes");
                return DYAD_OK;
            }
            size_t tcn = cn;
            const char *cs = trim(p, &tcn);
            if (kind == DICT_AGENT && tcn && cs[0] == '~') cs++, tcn--;
            int pc = parse_code(cs, tcn, &codes[nc], &why, F->rules ? d : NULL, kind == DICT_AGENT);
            if (pc == DYAD_ENOMEM) return pc;
            if (pc != DYAD_OK) {
                dict_bad_line(L, F->file, line, "'%.*s': %s", (int)tcn, cs, why);
                return DYAD_OK;
            }
            nc++;
            if (!semi) break;
            left_n -= cn + 1;
            p = semi + 1;
        }
        if (L->lint) lint_overlap(F, line, codes, nc);
    }
    const char *text = dict_strndup(d, raw, raw_n);
    dict_actor *e = text ? dict_new_entry(d, kind, text, F->file, line) : NULL;
    if (!e) return DYAD_ENOMEM;
    e->reason = reason;
    e->person = F->kind == K_PEOPLE;
    e->community = F->rules != RULES_DYAD;
    if (kind == DICT_DISCARD) e->discard_scope = (uint8_t)F->discard_scope;
    if (nc) {
        e->codes = arena_calloc(&d->mem, nc, sizeof *e->codes);
        if (!e->codes) return DYAD_ENOMEM;
        memcpy(e->codes, codes, nc * sizeof *codes);
        e->n_codes = (uint16_t)nc;
    }
    int rc = add_names(F, line, left, ln, e, kind == DICT_DISCARD ? 2 : 1);
    if (rc == DYAD_ENOMEM) return rc;
    if (rc == DYAD_OK) {
        if (kind == DICT_ACTOR) d->n_actors++;
        else if (kind == DICT_AGENT) d->n_agents++;
        else d->n_discards++;
    }
    return DYAD_OK;
}

static int parse_event_code(file_ctx *F, uint64_t line, const char *s, size_t n) {
    dyad_dict *d = F->L->d;
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9') k++;
    if (k < 2 || k > 4 || (k < n && s[k] != ' ' && s[k] != '\t')) {
        dict_bad_line(F->L, F->file, line, "expected 'CODE GOLDSTEIN NAME' with a 2-4 digit code");
        return DYAD_OK;
    }
    int root = (s[0] - '0') * 10 + (s[1] - '0');
    char num[32];
    size_t rn = n - k;
    const char *r = trim(s + k, &rn);
    size_t gl = 0;
    while (gl < rn && r[gl] != ' ' && r[gl] != '\t') gl++;
    if (!gl || gl >= sizeof num) {
        dict_bad_line(F->L, F->file, line, "missing Goldstein value");
        return DYAD_OK;
    }
    memcpy(num, r, gl);
    num[gl] = 0;
    char *end;
    double g = strtod(num, &end);
    if (*end || g < -10 || g > 10) {
        dict_bad_line(F->L, F->file, line, "Goldstein value '%s' is not a number from -10 to 10", num);
        return DYAD_OK;
    }
    if (root < 1 || root > 20) {
        dict_bad_line(F->L, F->file, line, "event code root %02d is not 01-20", root);
        return DYAD_OK;
    }
    size_t nn = rn - gl;
    const char *name = trim(r + gl, &nn);
    if (dict_grow((void **)&d->cameo, &d->cap_cameo, d->n_cameo, sizeof *d->cameo)) return DYAD_ENOMEM;
    dyad_cameo *c = &d->cameo[d->n_cameo++];
    c->code = dict_strndup(d, s, k);
    c->name = dict_strndup(d, name, nn);
    c->goldstein = g;
    if (!c->code || !c->name) return DYAD_ENOMEM;
    F->L->have_event_codes = 1;
    return DYAD_OK;
}

/* `CODE NAME`: the name of an event code a verb file defines for itself (what `dyad dict
 * convert` writes from a TABARI .options file's LABEL lines). */
static int parse_label(file_ctx *F, uint64_t line, const char *s, size_t n) {
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9') k++;
    if (!k || k >= DYAD_MAX_CODE_BYTES || (k < n && s[k] != ' ' && s[k] != '\t')) {
        dict_bad_line(F->L, F->file, line, "expected 'CODE NAME' with a code of digits");
        return DYAD_OK;
    }
    size_t nn = n - k;
    const char *name = trim(s + k, &nn);
    if (!nn) {
        dict_bad_line(F->L, F->file, line, "expected 'CODE NAME': the name is missing");
        return DYAD_OK;
    }
    return dict_add_label(F->L->d, s, k, name, nn);
}

static int parse_actor_code(file_ctx *F, uint64_t line, const char *s, size_t n) {
    static const char *const types[] = {"country", "region", "organization", "sector",
                                        "religion", "ethnic"};
    dyad_dict *d = F->L->d;
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t') k++;
    size_t rn = n - k;
    const char *r = trim(s + k, &rn);
    size_t tl = 0;
    while (tl < rn && r[tl] != ' ' && r[tl] != '\t') tl++;
    const char *type = NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i]) == tl && !memcmp(types[i], r, tl)) type = types[i];
    if (k != 3 || !dict_valid_code(s, k) || !type) {
        dict_bad_line(F->L, F->file, line,
                      "expected 'CODE TYPE NAME' (a 3-letter code; type country, region, "
                      "organization, sector, religion or ethnic)");
        return DYAD_OK;
    }
    if (dict_grow((void **)&d->acodes, &d->cap_acodes, d->n_acodes, sizeof *d->acodes))
        return DYAD_ENOMEM;
    actor_code_def *a = &d->acodes[d->n_acodes++];
    memcpy(a->code, s, 3);
    a->code[3] = 0;
    a->type = type;
    F->L->have_actor_codes = 1;
    return DYAD_OK;
}

static int parse_irregular(file_ctx *F, uint64_t line, const char *s, size_t n) {
    dyad_dict *d = F->L->d;
    const char *w[6];
    size_t wl[6], k = 0, i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i >= n) break;
        size_t st = i;
        while (i < n && s[i] != ' ' && s[i] != '\t') i++;
        if (k == 6) break;
        w[k] = s + st;
        wl[k++] = i - st;
    }
    if (k != 3 && k != 5) {
        dict_bad_line(F->L, F->file, line, "expected 'LEMMA PAST PARTICIPLE [3RD-PERSON -ING]'");
        return DYAD_OK;
    }
    if (dict_grow((void **)&d->irr, &d->cap_irr, d->n_irr, sizeof *d->irr)) return DYAD_ENOMEM;
    irregular *r = &d->irr[d->n_irr++];
    memset(r, 0, sizeof *r);
    for (size_t j = 0; j < k; j++)
        if (!(r->f[j] = dict_strndup(d, w[j], wl[j]))) return DYAD_ENOMEM;
    return DYAD_OK;
}

static synset *find_synset(file_ctx *F, const char *name, size_t n) {
    for (size_t i = 0; i < F->n_syn; i++)
        if (strlen(F->syn[i].name) == n && !memcmp(F->syn[i].name, name, n)) return &F->syn[i];
    return NULL;
}

/* Adds a literal (one or more words, "sit-in") or a synset's members as alternatives of
 * the last slot. Returns DYAD_OK, DYAD_ELIMIT, or DYAD_EFORMAT (reported). */
static int add_item_alts(file_ctx *F, uint64_t line, pat_parse *P, const char *it, size_t len) {
    if (it[0] == '&') {
        synset *y = find_synset(F, it + 1, len - 1);
        if (!y) {
            dict_bad_line(F->L, F->file, line, "unknown synset '%.*s' (define it above its use)",
                          (int)len, it);
            return DYAD_EFORMAT;
        }
        if (F->L->lint) lint_synset_used(F->L, y->name);
        for (size_t i = 0, off = 0; i < y->n; off += y->lens[i], i++)
            if (pat_add_alt(P, y->words + off, y->lens[i]) != DYAD_OK) return DYAD_ELIMIT;
        return DYAD_OK;
    }
    if ((len == 1 && (it[0] == '+' || it[0] == '$')) || it[0] == '|') {
        dict_bad_line(F->L, F->file, line, "'%.*s' cannot be an alternative", (int)len, it);
        return DYAD_EFORMAT;
    }
    uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
    int m = dict_name_words(F->L->d, it, len, w, DICT_MAX_PATTERN_ELEMS, &caps, 0);
    if (m <= 0) {
        dict_bad_line(F->L, F->file, line, "unusable word '%.*s'", (int)len, it);
        return DYAD_EFORMAT;
    }
    return pat_add_alt(P, w, (size_t)m);
}

/* Splits "a | b c | d-e" into word sequences (members of a synset). */
static int parse_synset(file_ctx *F, uint64_t line, const char *s, size_t n) {
    dyad_dict *d = F->L->d;
    const char *eq = memchr(s, '=', n);
    size_t nn = eq ? (size_t)(eq - s) - 1 : 0;
    const char *nm = trim(s + 1, &nn);
    if (!eq || !nn || nn >= sizeof F->syn[0].name) {
        dict_bad_line(F->L, F->file, line, "expected '&name = word | word ...'");
        return DYAD_OK;
    }
    for (size_t i = 0; i < nn; i++)
        if (nm[i] == ' ' || nm[i] == '\t' || nm[i] == '|') {
            dict_bad_line(F->L, F->file, line, "synset name '%.*s' holds a space", (int)nn, nm);
            return DYAD_OK;
        }
    if (find_synset(F, nm, nn)) {
        dict_bad_line(F->L, F->file, line, "synset &%.*s is defined twice", (int)nn, nm);
        return DYAD_OK;
    }
    pat_parse *P = pat_parse_new();
    if (!P) return DYAD_ENOMEM;
    pat_new_slot(P, DICT_EL_WORD);
    bar_list items = {eq + 1, n - (size_t)(eq + 1 - s), 0};
    int rc = DYAD_OK;
    size_t tn;
    for (const char *a; rc == DYAD_OK && (a = bar_next(&items, &tn));) {
        uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
        int m = tn ? dict_name_words(d, a, tn, w, DICT_MAX_PATTERN_ELEMS, &caps, 0) : 0;
        if (m <= 0) {
            dict_bad_line(F->L, F->file, line, "empty or unusable member '%.*s'", (int)tn, a);
            rc = DYAD_EFORMAT;
        } else if (pat_add_alt(P, w, (size_t)m) != DYAD_OK) {
            dict_bad_line(F->L, F->file, line, "synset has more than %u members", DICT_MAX_ALTS);
            rc = DYAD_EFORMAT;
        }
    }
    if (rc == DYAD_OK) {
        if (dict_grow((void **)&F->syn, &F->cap_syn, F->n_syn, sizeof *F->syn)) rc = DYAD_ENOMEM;
    }
    if (rc == DYAD_OK) {
        synset *y = &F->syn[F->n_syn];
        memset(y, 0, sizeof *y);
        memcpy(y->name, nm, nn);
        y->words = arena_calloc(&d->mem, P->n_words, sizeof *y->words);
        y->lens = arena_calloc(&d->mem, P->n_alt, sizeof *y->lens);
        if (!y->words || !y->lens) rc = DYAD_ENOMEM;
        else {
            memcpy(y->words, P->words, P->n_words * sizeof *y->words);
            for (size_t i = 0; i < P->n_alt; i++) y->lens[i] = P->alt[i].len;
            y->n = P->n_alt;
            F->n_syn++;
            d->n_synsets++;
            if (F->L->lint) lint_synset_defined(F->L, y->name, F->file, line);
        }
    }
    free(P);
    return rc == DYAD_EFORMAT ? DYAD_OK : rc;
}

/* Adds a weapon phrase (words w, m of them) to the table t of one %weapon line, which
 * holds at most cap (<= DICT_MAX_WEAPONS: what the dictionary's table has room for). */
static int weapon_add(file_ctx *F, uint64_t line, dict_weapon *t, size_t *nt, size_t cap, const uint32_t *w,
                      int m, int attack_noun, const char *code) {
    if (m < 1 || m > (int)DICT_MAX_WEAPON_WORDS) {
        dict_bad_line(F->L, F->file, line, "a weapon phrase has 1 to %u words", DICT_MAX_WEAPON_WORDS);
        return DYAD_EFORMAT;
    }
    if (*nt >= cap) {
        dict_bad_line(F->L, F->file, line, "more than %u weapon words in all", DICT_MAX_WEAPONS);
        return DYAD_EFORMAT;
    }
    dict_weapon *x = &t[(*nt)++];
    memset(x, 0, sizeof *x);
    x->last = w[m - 1];
    x->before = m > 1 ? w[0] : 0;
    x->attack_noun = (uint8_t)attack_noun;
    memcpy(x->code, code, strlen(code));
    x->file = F->file;
    x->line = line;
    return DYAD_OK;
}

/* A `%weapon CODE = ITEM | ITEM ...` line (attack_noun: `%weapon-attack`) of a verbs
 * file: the words or two-word phrases (ITEM: a word, two words, or &group of the file)
 * that name the weapon of an attack noun, and the attack's code (`---`: none). Either the
 * whole line is added or, malformed, nothing (reported with file:line). */
static int parse_weapon(file_ctx *F, uint64_t line, const char *s, size_t n, int attack_noun) {
    dyad_dict *d = F->L->d;
    const char *dir = attack_noun ? "%weapon-attack" : "%weapon";
    if (F->kind != K_VERBS || F->rules != RULES_DYAD) {
        dict_bad_line(F->L, F->file, line, "%s belongs in a verbs file of dyad's rules", dir);
        return DYAD_OK;
    }
    const char *eq = memchr(s, '=', n);
    size_t cn = eq ? (size_t)(eq - s) : 0;
    const char *c = trim(s, &cn);
    int digits = cn >= 2 && cn <= 4;
    for (size_t i = 0; digits && i < cn; i++) digits = c[i] >= '0' && c[i] <= '9';
    if (!eq || !(digits || (cn == 3 && !memcmp(c, "---", 3)))) {
        dict_bad_line(F->L, F->file, line, "expected '%s CODE = word | &group ...' (CODE: 2 to 4 digits or ---)",
                      dir);
        return DYAD_OK;
    }
    char code[8] = {0};
    if (digits) memcpy(code, c, cn);
    size_t cap = d->n_weapons < DICT_MAX_WEAPONS ? DICT_MAX_WEAPONS - d->n_weapons : 0, nt = 0;
    dict_weapon *t = calloc(DICT_MAX_WEAPONS, sizeof *t);
    if (!t) return DYAD_ENOMEM;
    bar_list items = {eq + 1, n - (size_t)(eq + 1 - s), 0};
    int rc = DYAD_OK;
    size_t tn;
    for (const char *a; rc == DYAD_OK && (a = bar_next(&items, &tn));) {
        if (tn > 1 && a[0] == '&') {
            synset *y = find_synset(F, a + 1, tn - 1);
            if (!y) {
                dict_bad_line(F->L, F->file, line, "unknown synset '%.*s' (define it above its use)", (int)tn, a);
                rc = DYAD_EFORMAT;
            }
            if (y && F->L->lint) lint_synset_used(F->L, y->name);
            for (size_t i = 0, off = 0; y && rc == DYAD_OK && i < y->n; off += y->lens[i], i++)
                rc = weapon_add(F, line, t, &nt, cap, y->words + off, y->lens[i], attack_noun, code);
        } else {
            uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
            int m = tn ? dict_name_words(d, a, tn, w, DICT_MAX_PATTERN_ELEMS, &caps, 0) : 0;
            if (m <= 0) {
                dict_bad_line(F->L, F->file, line, "empty or unusable weapon word '%.*s'", (int)tn, a);
                rc = DYAD_EFORMAT;
            } else rc = weapon_add(F, line, t, &nt, cap, w, m, attack_noun, code);
        }
    }
    /* a phrase defined again takes the later line's code */
    for (size_t i = 0; rc == DYAD_OK && i < nt; i++) {
        dict_weapon *x = NULL;
        for (size_t j = 0; j < d->n_weapons && !x; j++)
            if (d->weapons[j].last == t[i].last && d->weapons[j].before == t[i].before &&
                d->weapons[j].attack_noun == t[i].attack_noun)
                x = &d->weapons[j];
        if (!x) {
            if (dict_grow((void **)&d->weapons, &d->cap_weapons, d->n_weapons, sizeof *d->weapons)) rc = DYAD_ENOMEM;
            else x = &d->weapons[d->n_weapons++];
        }
        if (x) *x = t[i];
    }
    free(t);
    return rc == DYAD_EFORMAT ? DYAD_OK : rc;
}

static int note_verb(dyad_dict *d, uint32_t lemma) {
    if (dict_grow((void **)&d->verb_lemmas, &d->cap_verb_lemmas, d->n_verb_lemmas,
                  sizeof *d->verb_lemmas))
        return DYAD_ENOMEM;
    d->verb_lemmas[d->n_verb_lemmas++] = lemma;
    return DYAD_OK;
}

/* Spaces separate a pattern's elements, so in "receive envoy | minister | foreign minister
 * of +" the alternatives are envoy, minister and foreign, and a second "minister" must
 * follow: the line matches only "foreign minister of" and silently loses the rest. A
 * word right after alternatives that repeats one of them is that mistake (a sentence
 * never says "received the minister minister"): an error naming the hyphenated form,
 * which is one alternative of several words. A synset's members are not checked: "&attack
 * target" (attack | ... | target) is a verb and its object. Returns DYAD_OK or DYAD_EFORMAT (reported). */
static int split_phrase_check(file_ctx *F, uint64_t line, const pat_parse *P,
                              const bool *from_synset) {
    const dyad_dict *d = F->L->d;
    for (size_t s = 0; s + 1 < P->n_slot; s++) {
        const pat_slot_t *a = &P->slot[s], *w = &P->slot[s + 1];
        if (from_synset[s] || a->kind != DICT_EL_WORD || w->kind != DICT_EL_WORD || a->n < 2 || w->n != 1 ||
            P->alt[w->first].len != 1)
            continue;
        uint32_t word = P->words[P->alt[w->first].off];
        const pat_alt *last = &P->alt[a->first + a->n - 1];
        for (uint32_t i = 0; i + 1 < a->n; i++) {
            const pat_alt *x = &P->alt[a->first + i];
            if (x->len != 1 || P->words[x->off] != word) continue;
            uint32_t lw = P->words[last->off + last->len - 1];
            dict_bad_line(F->L, F->file, line,
                          "'%s' follows alternatives that hold '%s': spaces separate elements, so "
                          "'%s %s' is no alternative; write it '%s-%s'",
                          d->words[word], d->words[word], d->words[lw], d->words[word],
                          d->words[lw], d->words[word]);
            return DYAD_EFORMAT;
        }
    }
    return DYAD_OK;
}

static int parse_pattern(file_ctx *F, uint64_t line, const char *s, size_t n, const char *raw,
                         size_t raw_n) {
    dict_loader *L = F->L;
    dyad_dict *d = L->d;
    /* "!CODE": the act the pattern names stated as a negation ("will no longer tolerate
     * protests" threatens repression): it matches only a negated or refused verb */
    bool negated = n > 0 && s[0] == '!';
    if (negated) {
        s++;
        n--;
    }
    size_t k = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9') k++;
    if (k == 0 && n > 3 && !memcmp(s, DICT_NO_EVENT, 3)) {
        if (negated) {
            dict_bad_line(L, F->file, line, "'!' needs an event code: '---' names no event");
            return DYAD_OK;
        }
        k = 3; /* a sense that is no event */
    }
    if (k < 2 || k > 4 || k == n || (s[k] != ' ' && s[k] != '\t')) {
        dict_bad_line(L, F->file, line,
                      "expected 'CODE PATTERN' (a 2-4 digit CAMEO code, !CODE for the act stated as a "
                      "negation, or ---)");
        return DYAD_OK;
    }
    char code[8];
    memcpy(code, s, k);
    code[k] = 0;
    /* items, whitespace-separated; '|' glues alternatives */
    const char *items[2 * DICT_MAX_PATTERN_ELEMS + DICT_MAX_ALTS];
    size_t il[sizeof items / sizeof items[0]], ni = 0, i = k;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i >= n) break;
        size_t st = i;
        if (s[i] == '|') i++;
        else
            while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '|') i++;
        if (ni == sizeof items / sizeof items[0]) {
            dict_bad_line(L, F->file, line, "pattern too long");
            return DYAD_OK;
        }
        items[ni] = s + st;
        il[ni++] = i - st;
    }
    if (!ni || items[0][0] == '+' || items[0][0] == '$' || items[0][0] == '&' ||
        items[0][0] == '|') {
        dict_bad_line(L, F->file, line, "pattern has no head verb: it can never match");
        return DYAD_OK;
    }
    uint32_t hw[DICT_MAX_HEAD_WORDS + 1], caps;
    int nh = dict_name_words(d, items[0], il[0], hw, DICT_MAX_HEAD_WORDS + 1, &caps, 0);
    if (nh <= 0) {
        dict_bad_line(L, F->file, line, "head verb '%.*s' unusable", (int)il[0], items[0]);
        return DYAD_OK;
    }
    pat_parse *P = pat_parse_new();
    pat_builder *b = malloc(sizeof *b); /* pat_expand resets it for each expansion */
    int rc = P && b ? DYAD_OK : DYAD_ENOMEM;
    bool from_synset[DICT_MAX_PATTERN_ELEMS] = {false}; /* a slot holds a synset's members */
    for (size_t j = 1; j < ni && rc == DYAD_OK; j++) {
        const char *it = items[j];
        size_t len = il[j];
        if (len == 1 && it[0] == '|') {
            if (!P->n_slot || P->slot[P->n_slot - 1].kind != DICT_EL_WORD || j + 1 >= ni) {
                dict_bad_line(L, F->file, line, "'|' must stand between two words");
                rc = DYAD_EFORMAT;
                break;
            }
            j++;
            rc = add_item_alts(F, line, P, items[j], il[j]);
            if (items[j][0] == '&') from_synset[P->n_slot - 1] = true;
        } else if (len == 1 && it[0] == '+') {
            rc = pat_new_slot(P, DICT_EL_TARGET);
        } else if (len == 1 && it[0] == '$') {
            rc = pat_new_slot(P, DICT_EL_SOURCE);
        } else {
            rc = pat_new_slot(P, DICT_EL_WORD);
            if (rc == DYAD_OK) rc = add_item_alts(F, line, P, it, len);
            if (rc == DYAD_OK && it[0] == '&') from_synset[P->n_slot - 1] = true;
        }
    }
    if (rc == DYAD_OK) rc = split_phrase_check(F, line, P, from_synset);
    dict_pattern *out[DICT_MAX_PATTERN_EXPANSIONS];
    size_t n_out = 0;
    if (rc == DYAD_OK)
        rc = pat_expand(L, P, b, code, hw, (size_t)nh - 1, F->file, line, raw, raw_n, out, &n_out);
    for (size_t e = 0; rc == DYAD_OK && e < n_out; e++) {
        if (negated) out[e]->flags |= DICT_PAT_NEGATED;
        if (dict_add_verb_forms(d, d->words[hw[nh - 1]], out[e]) != DYAD_OK) rc = DYAD_ENOMEM;
    }
    if (rc == DYAD_OK) rc = note_verb(d, hw[nh - 1]);
    if (rc == DYAD_ELIMIT) {
        dict_bad_line(L, F->file, line,
                      "pattern too large (over %u elements, %u alternatives or %u expansions "
                      "of multi-word alternatives)",
                      DICT_MAX_PATTERN_ELEMS, DICT_MAX_ALTS, DICT_MAX_PATTERN_EXPANSIONS);
        rc = DYAD_OK;
    }
    if (rc == DYAD_EFORMAT) rc = DYAD_OK; /* reported */
    free(P);
    free(b);
    return rc;
}

/* A pattern line under %rules petrarch|tabari: "CODE HEAD[/FORM...] ITEMS", CODE as the
 * community writes it (A, A:B, :B), HEAD the verb with the words before it joined by '_'
 * (wire_tap), FORMs inflections written out, ITEMS TABARI's phrase syntax
 * (docs/dictionary-format.md). */
static int parse_community_pattern(file_ctx *F, uint64_t line, const char *s, size_t n,
                                   const char *raw, size_t raw_n) {
    dict_loader *L = F->L;
    dyad_dict *d = L->d;
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t') k++;
    char code[8], code2[8];
    int reversed;
    if (!dict_community_codes(s, s + k, code, code2, &reversed) || k == n) {
        dict_bad_line(L, F->file, line,
                      "expected 'CODE HEAD ITEMS' (CODE as A, A:B or :B; 2-4 digits and letters)");
        return DYAD_OK;
    }
    size_t i = k;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t h = i;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    const char *slash = memchr(s + h, '/', i - h);
    size_t hn = slash ? (size_t)(slash - (s + h)) : i - h;
    uint32_t hw[DICT_MAX_HEAD_WORDS + 1], forms[16], caps;
    size_t n_forms = 0;
    int nh = hn ? dict_community_name_words(d, s + h, hn, hw, DICT_MAX_HEAD_WORDS + 1, &caps) : 0;
    if (nh <= 0 || s[h] == '+' || s[h] == '$' || s[h] == '&' || s[h] == '*') {
        dict_bad_line(L, F->file, line, "pattern has no usable head verb: it can never match");
        return DYAD_OK;
    }
    for (const char *q = slash; q && q < s + i;) {
        const char *st = q + 1, *e = memchr(st, '/', (size_t)(s + i - st));
        if (!e) e = s + i;
        uint32_t w[DICT_MAX_HEAD_WORDS + 1];
        int m = e > st ? dict_community_name_words(d, st, (size_t)(e - st), w, DICT_MAX_HEAD_WORDS + 1, &caps) : 0;
        if (m != 1 || n_forms == sizeof forms / sizeof forms[0]) {
            dict_bad_line(L, F->file, line, "verb form '%.*s' is not one word (or over %zu forms)",
                          (int)(e - st), st, sizeof forms / sizeof forms[0]);
            return DYAD_OK;
        }
        forms[n_forms++] = w[0];
        q = e < s + i ? e : NULL;
    }
    dict_pattern *out[DICT_MAX_PATTERN_EXPANSIONS];
    size_t n_out = 0;
    int r = dict_community_pattern(L, F->file, line, F->syn, F->n_syn, s + i, s + n, code, code2,
                                   reversed, F->rules == RULES_PETRARCH, hw, (size_t)nh - 1, raw,
                                   raw_n, out, &n_out);
    if (r == -2) return DYAD_ENOMEM;
    if (r == 0)
        dict_bad_line(L, F->file, line,
                      "pattern too large (over %u elements, %u alternatives or %u expansions) or "
                      "with two '*'",
                      DICT_MAX_PATTERN_ELEMS, DICT_MAX_ALTS, DICT_MAX_PATTERN_EXPANSIONS);
    if (r != 1) return DYAD_OK;
    for (size_t e = 0; e < n_out; e++) {
        if (dict_add_verb_forms(d, d->words[hw[nh - 1]], out[e]) != DYAD_OK) return DYAD_ENOMEM;
        for (size_t f = 0; f < n_forms; f++)
            if (dict_add_pair(d, forms[f], out[e]) != DYAD_OK) return DYAD_ENOMEM;
    }
    return note_verb(d, hw[nh - 1]);
}

static int kind_from_name(const char *s, size_t n) {
    for (int k = 1; k <= K_LABELS; k++)
        if (strlen(kind_names[k]) == n && !memcmp(kind_names[k], s, n)) return k;
    return K_NONE;
}

static int load_file_at(dict_loader *L, const char *path);

static int parse_ours(dict_loader *L, const char *file, char *data, size_t len) {
    file_ctx F = {L, file, K_NONE, 0, NULL, 0, 0, RULES_DYAD, 0, DICT_DISCARD_TALLY};
    uint64_t line = 0;
    int rc = DYAD_OK;
    size_t pos = 0;
    while (pos < len && rc == DYAD_OK && !L->err) {
        char *nl = memchr(data + pos, '\n', len - pos);
        size_t ln = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *raw = data + pos;
        pos += ln + 1;
        line++;
        /* strip a comment: '#' at the start or after whitespace */
        size_t n = ln;
        for (size_t i = 0; i < ln; i++)
            if (raw[i] == '#' && (i == 0 || raw[i - 1] == ' ' || raw[i - 1] == '\t')) {
                n = i;
                break;
            }
        const char *s = trim(raw, &n);
        if (!n) continue;
        size_t rn = n;
        const char *rt = trim(raw, &rn);
        if (L->lint) lint_line(L, file, line, s, n);
        if (s[0] == '%') {
            size_t k = 1;
            while (k < n && s[k] != ' ' && s[k] != '\t') k++;
            size_t an = n - k;
            const char *arg = trim(s + k, &an);
            if (k == 8 && !memcmp(s, "%version", 8)) {
                if (!an) dict_bad_line(L, file, line, "%%version needs a value");
                else if ((rc = dict_add_version(L->d, arg, an)) != DYAD_OK) break;
                F.seen_version = 1;
            } else if (k == 5 && !memcmp(s, "%kind", 5)) {
                F.kind = kind_from_name(arg, an);
                if (!F.kind) {
                    dict_bad_line(L, file, line, "unknown %%kind '%.*s'", (int)an, arg);
                    if (L->strict) break;
                    /* without a kind the rest of the file cannot be read */
                    dict_diag(L, DYAD_DIAG_ERROR, file, line, "rest of the file skipped");
                    break;
                }
                if (F.kind == K_CLOSED || F.kind == K_FIPS || F.kind == K_ALTNAMES) break; /* compiled in at build time */
            } else if (k == 6 && !memcmp(s, "%rules", 6)) {
                if (an == 4 && !memcmp(arg, "dyad", 4)) F.rules = RULES_DYAD;
                else if (an == 8 && !memcmp(arg, "petrarch", 8)) F.rules = RULES_PETRARCH;
                else if (an == 6 && !memcmp(arg, "tabari", 6)) F.rules = RULES_TABARI;
                else dict_bad_line(L, file, line, "%%rules wants dyad, petrarch or tabari");
            } else if (k == 8 && !memcmp(s, "%plurals", 8)) {
                if (an == 2 && !memcmp(arg, "on", 2)) F.no_plural = 0;
                else if (an == 3 && !memcmp(arg, "off", 3)) F.no_plural = 1;
                else dict_bad_line(L, file, line, "%%plurals wants on or off");
            } else if (k == 14 && !memcmp(s, "%discard-scope", 14)) {
                if (an == 5 && !memcmp(arg, "tally", 5)) F.discard_scope = DICT_DISCARD_TALLY;
                else if (an == 8 && !memcmp(arg, "sentence", 8)) F.discard_scope = DICT_DISCARD_SENTENCE;
                else if (an == 5 && !memcmp(arg, "story", 5)) F.discard_scope = DICT_DISCARD_STORY;
                else dict_bad_line(L, file, line, "%%discard-scope wants tally, sentence or story");
            } else if (k == 8 && !memcmp(s, "%include", 8)) {
                if (!an) {
                    dict_bad_line(L, file, line, "%%include needs a path");
                    continue;
                }
                char path[PATH_MAX];
                const char *slash = strrchr(file, '/');
                if (arg[0] == '/' || !slash)
                    snprintf(path, sizeof path, "%.*s", (int)an, arg);
                else
                    snprintf(path, sizeof path, "%.*s/%.*s", (int)(slash - file), file, (int)an, arg);
                if (L->depth >= DYAD_MAX_DICT_INCLUDE_DEPTH) {
                    dict_diag(L, DYAD_DIAG_ERROR, file, line,
                              "includes nest deeper than %u", DYAD_MAX_DICT_INCLUDE_DEPTH);
                    rc = DYAD_ELIMIT;
                    break;
                }
                char *rp = realpath(path, NULL);
                if (!rp) {
                    dict_diag(L, DYAD_DIAG_ERROR, file, line, "cannot include %s: %s", path,
                              strerror(errno));
                    rc = DYAD_EIO;
                    break;
                }
                for (size_t i = 0; i < L->depth; i++)
                    if (!strcmp(L->stack[i], rp)) {
                        dict_diag(L, DYAD_DIAG_ERROR, file, line, "include cycle: %s includes %s",
                                  file, path);
                        rc = DYAD_EFORMAT;
                    }
                if (rc == DYAD_OK) rc = load_file_at(L, path);
                free(rp);
                if (rc != DYAD_OK) break;
            } else if ((k == 7 && !memcmp(s, "%weapon", 7)) || (k == 14 && !memcmp(s, "%weapon-attack", 14))) {
                if ((rc = parse_weapon(&F, line, arg, an, k == 14)) != DYAD_OK) break;
            } else {
                dict_bad_line(L, file, line, "unknown directive '%.*s'", (int)k, s);
            }
            continue;
        }
        if (!F.kind) {
            dict_bad_line(L, file, line, "entry before %%kind");
            continue;
        }
        switch (F.kind) {
        case K_EVENT: rc = parse_event_code(&F, line, s, n); break;
        case K_ACTORCODES: rc = parse_actor_code(&F, line, s, n); break;
        case K_ACTORS: case K_PEOPLE: case K_AGENTS: case K_DISCARDS:
            rc = parse_entry(&F, line, s, n, rt, rn);
            break;
        case K_IRREG: rc = parse_irregular(&F, line, s, n); break;
        case K_LABELS: rc = parse_label(&F, line, s, n); break;
        case K_VERBS:
            if (s[0] == '&') rc = parse_synset(&F, line, s, n);
            else if (F.rules) rc = parse_community_pattern(&F, line, s, n, rt, rn);
            else rc = parse_pattern(&F, line, s, n, rt, rn);
            break;
        default: break;
        }
    }
    if (L->lint && rc == DYAD_OK) lint_end_file(L, file);
    free(F.syn);
    if (rc == DYAD_OK && !F.kind && !L->err) {
        dict_diag(L, DYAD_DIAG_WARNING, file, 0, "no %%kind line: nothing loaded");
    }
    return rc;
}

/* True when the file begins, after comments and blank lines, with a % directive. */
static int is_ours(const char *data, size_t len) {
    size_t pos = 0;
    while (pos < len) {
        while (pos < len && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\r' ||
                             data[pos] == '\n'))
            pos++;
        if (pos >= len) return 0;
        if (data[pos] == '#') {
            const char *nl = memchr(data + pos, '\n', len - pos);
            if (!nl) return 0;
            pos = (size_t)(nl - data) + 1;
            continue;
        }
        return data[pos] == '%';
    }
    return 0;
}

/* Converts Latin-1 bytes to UTF-8 (community files predate UTF-8). */
static char *latin1_to_utf8(const char *s, size_t n, size_t *out_n) {
    char *o = malloc(2 * n + 1), *p = o;
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) *p++ = (char)c;
        else {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = 0;
    *out_n = (size_t)(p - o);
    return o;
}

int dict_load_buffer(dict_loader *L, const char *name, char *data, size_t len) {
    dyad_dict *d = L->d;
    const char *file = dict_strndup(d, name, strlen(name));
    if (!file) return DYAD_ENOMEM;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
        dict_diag(L, DYAD_DIAG_ERROR, file, 0, "UTF-16 text: dictionaries must be UTF-8");
        return DYAD_EENCODING;
    }
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) data += 3, len -= 3;
    if (memchr(data, '\0', len)) {
        /* A community file with a stray NUL or two (TABARI's CountryInfo has one) is text
         * with damaged lines: those lines are blanked. Anything more is binary. */
        size_t nuls = 0;
        for (size_t i = 0; i < len; i++) nuls += !data[i];
        if (is_ours(data, len) || nuls * 4096u > len) {
            dict_diag(L, DYAD_DIAG_ERROR, file, 0, "binary file (NUL bytes), not a dictionary");
            return DYAD_EBINARY;
        }
        uint64_t ln = 1;
        for (size_t i = 0, start = 0; i < len; i++) {
            if (data[i] == '\n') {
                ln++;
                start = i + 1;
            } else if (!data[i]) {
                dict_diag(L, DYAD_DIAG_WARNING, file, ln, "NUL byte in the line: line ignored");
                for (size_t j = start; j < len && data[j] != '\n'; j++) data[j] = ' ';
            }
        }
    }
    /* the line limit */
    uint64_t line = 1;
    for (size_t pos = 0; pos < len; line++) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t ln = nl ? (size_t)(nl - (data + pos)) : len - pos;
        if (ln > DYAD_MAX_DICT_LINE_BYTES) {
            dict_diag(L, DYAD_DIAG_ERROR, file, line, "line of %zu bytes exceeds the limit of %u",
                      ln, DYAD_MAX_DICT_LINE_BYTES);
            return DYAD_ELIMIT;
        }
        pos += ln + 1;
    }
    int ours = is_ours(data, len);
    /* the encoding: our files must be UTF-8; community files may be Latin-1 */
    char *conv = NULL;
    uint64_t bad_line = 0;
    line = 1;
    for (size_t pos = 0; pos < len;) {
        unsigned char c = (unsigned char)data[pos];
        if (c == '\n') line++;
        if (c < 0x80) {
            pos++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)data + pos,
                                              (utf8proc_ssize_t)(len - pos), &cp);
        if (k <= 0) {
            bad_line = line;
            break;
        }
        pos += (size_t)k;
    }
    if (bad_line) {
        if (ours) {
            dict_diag(L, DYAD_DIAG_ERROR, file, bad_line, "invalid UTF-8");
            return DYAD_EENCODING;
        }
        dict_diag(L, DYAD_DIAG_WARNING, file, bad_line, "invalid UTF-8: read as Latin-1");
        size_t cn;
        if (!(conv = latin1_to_utf8(data, len, &cn))) return DYAD_ENOMEM;
        data = conv;
        len = cn;
    }
    L->loaded_files++;
    if (ours && L->conv) L->conv->begin_file(L, file, data, len, DICT_CONV_OURS);
    int rc = ours ? parse_ours(L, file, data, len) : dict_petrarch_parse(L, file, data, len);
    free(conv);
    if (rc == DYAD_OK && L->err) rc = L->err;
    return rc;
}

static int load_file_at(dict_loader *L, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        dict_diag(L, DYAD_DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) { /* /dev/zero, a FIFO */
        dict_diag(L, DYAD_DIAG_ERROR, path, 0, "not a regular file");
        fclose(f);
        return DYAD_EIO;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    int rc = DYAD_OK;
    for (;;) {
        if (len + 65536 > cap) {
            if (cap >= DICT_MAX_FILE_BYTES) {
                dict_diag(L, DYAD_DIAG_ERROR, path, 0, "file larger than %u bytes",
                          DICT_MAX_FILE_BYTES);
                rc = DYAD_ELIMIT;
                break;
            }
            cap = cap ? cap * 2 : 262144;
            char *p = realloc(data, cap + 1);
            if (!p) {
                rc = DYAD_ENOMEM;
                break;
            }
            data = p;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                dict_diag(L, DYAD_DIAG_ERROR, path, 0, "read error: %s", strerror(errno));
                rc = DYAD_EIO;
            }
            break;
        }
    }
    fclose(f);
    if (rc == DYAD_OK) {
        char *rp = realpath(path, NULL);
        if (!rp) rc = DYAD_ENOMEM;
        else {
            L->stack[L->depth++] = rp;
            rc = dict_load_buffer(L, path, data ? data : (char *)"", len);
            L->depth--;
            free(rp);
        }
    }
    free(data);
    return rc;
}

static int dict_ext(const char *name) {
    static const char *const ext[] = {".txt", ".actors", ".verbs", ".agents", ".discards",
                                      ".dict", ".options"};
    size_t n = strlen(name);
    if (name[0] == '.') return 0;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && !strcmp(name + n - e, ext[i])) return 1;
    }
    return 0;
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the dictionary files below dir (sorted, recursively); *found counts them. */
static int load_dir(dict_loader *L, const char *dir, size_t *found, unsigned depth) {
    if (depth > DYAD_MAX_DICT_INCLUDE_DEPTH) {
        dict_diag(L, DYAD_DIAG_WARNING, dir, 0, "directories nest deeper than %u: not read",
                  DYAD_MAX_DICT_INCLUDE_DEPTH);
        return DYAD_OK;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        dict_diag(L, DYAD_DIAG_ERROR, dir, 0, "cannot open directory: %s", strerror(errno));
        return DYAD_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = DYAD_OK;
    for (struct dirent *de; (de = readdir(dp)) != NULL;) {
        if (de->d_name[0] == '.') continue;
        if (dict_grow((void **)&names, &cap, n, sizeof *names) || !(names[n] = strdup(de->d_name))) {
            rc = DYAD_ENOMEM;
            break;
        }
        n++;
    }
    closedir(dp);
    if (n) qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n && rc == DYAD_OK; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) rc = load_dir(L, path, found, depth + 1);
        else if (S_ISREG(st.st_mode) && dict_ext(names[i])) {
            (*found)++;
            rc = load_file_at(L, path);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

int dict_load_path(dict_loader *L, const char *path, int explicit_file) {
    (void)explicit_file;
    struct stat st;
    if (stat(path, &st) != 0) {
        dict_diag(L, DYAD_DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        size_t found = 0;
        int rc = load_dir(L, path, &found, 0);
        if (rc == DYAD_OK && !found) {
            dict_diag(L, DYAD_DIAG_ERROR, path, 0, "no dictionary files (*.txt) in this directory");
            return DYAD_EEMPTY;
        }
        return rc;
    }
    return load_file_at(L, path);
}

static int ucmp(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static dyad_dict *dict_new(void) {
    dyad_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->mem.chunk_size = 256u * 1024u;
    uint32_t node;
    for (int i = 0; i < 4; i++) /* 0 unused; 1 actors/agents; 2 discards; 3 short forms */
        if (dict_grow((void **)&d->node_term, &d->cap_nodes, d->n_nodes, sizeof *d->node_term)) {
            dyad_dict_free(d);
            return NULL;
        } else {
            node = (uint32_t)d->n_nodes;
            d->node_term[d->n_nodes++] = 0;
        }
    (void)node;
    return d;
}

static int finish(dict_loader *L, dyad_dict **out) {
    dyad_dict *d = L->d;
    if (!L->have_event_codes) {
        /* community dictionaries bring no code table: take dyad's own */
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/cameo/event-codes.txt", dyad_dict_default_dir());
        struct stat st;
        if (stat(path, &st) == 0) {
            dict_loader sub = *L;
            sub.lint = NULL;
            sub.conv = NULL;
            sub.strict = 0;
            int rc = load_file_at(&sub, path);
            if (rc != DYAD_OK) return rc;
        }
    }
    if (d->n_verb_lemmas) qsort(d->verb_lemmas, d->n_verb_lemmas, sizeof *d->verb_lemmas, ucmp);
    for (size_t i = 0; i < d->n_verb_lemmas; i++)
        d->n_verbs += !i || d->verb_lemmas[i] != d->verb_lemmas[i - 1];
    free(d->verb_lemmas);
    d->verb_lemmas = NULL;
    int rc = dict_finalize(d);
    if (rc != DYAD_OK) return rc;
    *out = d;
    return DYAD_OK;
}

int dict_open_loader(dict_loader *L, const char *const *paths, size_t n_paths,
                     const dyad_dict_options *opt, dyad_dict **out) {
    *out = NULL;
    L->d = dict_new();
    if (!L->d) return DYAD_ENOMEM;
    L->strict = opt ? opt->strict : 0;
    if (!L->diag && opt) {
        L->diag = opt->diag;
        L->diag_ud = opt->diag_ud;
    }
    const char *def = dyad_dict_default_dir();
    if (!n_paths) {
        paths = &def;
        n_paths = 1;
    }
    int rc = DYAD_OK;
    for (size_t i = 0; i < n_paths && rc == DYAD_OK; i++) {
        if (!paths[i]) rc = DYAD_EINVAL;
        else rc = dict_load_path(L, paths[i], 1);
    }
    if (rc == DYAD_OK && L->err) rc = L->err;
    if (rc == DYAD_OK) rc = finish(L, out);
    if (rc != DYAD_OK) {
        dyad_dict_free(L->d);
        L->d = NULL;
        *out = NULL;
    }
    return rc;
}

int dyad_dict_open(const char *const *paths, size_t n_paths, const dyad_dict_options *opt,
                   dyad_dict **out) {
    if (!out || (n_paths && !paths)) return DYAD_EINVAL;
    dict_loader L;
    memset(&L, 0, sizeof L);
    return dict_open_loader(&L, paths, n_paths, opt, out);
}

int dict_open_buffer(const char *name, const char *data, size_t len,
                     const dyad_dict_options *opt, dyad_dict **out) {
    *out = NULL;
    dict_loader L;
    memset(&L, 0, sizeof L);
    L.d = dict_new();
    if (!L.d) return DYAD_ENOMEM;
    L.strict = opt ? opt->strict : 0;
    if (opt) {
        L.diag = opt->diag;
        L.diag_ud = opt->diag_ud;
    }
    char *copy = malloc(len + 1);
    int rc = copy ? DYAD_OK : DYAD_ENOMEM;
    if (copy) {
        memcpy(copy, data, len);
        copy[len] = 0;
        rc = dict_load_buffer(&L, name, copy, len);
        free(copy);
    }
    if (rc == DYAD_OK) {
        L.have_event_codes = 1; /* a buffer stands alone */
        rc = finish(&L, out);
    }
    if (rc != DYAD_OK) {
        dyad_dict_free(L.d);
        *out = NULL;
    }
    return rc;
}
