/* dict_petrarch.c: reads the community's TABARI/PETRARCH/Phoenix dictionary files (actors,
 * agents, CAMEO.2.0 verbs, discards) as they are, into the same structures as ours. */
#include "dict_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { P_UNKNOWN = 0, P_ACTORS, P_AGENTS, P_VERBS, P_DISCARDS, P_XML, P_EMPTY, P_ISSUES, P_PREPS, P_TABARI_SETUP };

/* Blanks out <!-- ... --> comments, keeping newlines so line numbers stay right. */
static void strip_xml_comments(char *s, size_t n) {
    for (size_t i = 0; i + 3 < n; i++) {
        if (memcmp(s + i, "<!--", 4)) continue;
        size_t j = i;
        for (; j < n; j++) {
            if (j + 2 < n && !memcmp(s + j, "-->", 3)) {
                for (size_t k = 0; k < 3; k++) s[j + k] = ' ';
                break;
            }
            if (s[j] != '\n') s[j] = ' ';
        }
        i = j;
    }
}

static const char *trim(const char *s, size_t *n) {
    while (*n && isspace((unsigned char)*s)) s++, (*n)--;
    while (*n && isspace((unsigned char)s[*n - 1])) (*n)--;
    return s;
}

/* The line without its comment, trimmed: PETRARCH's '#' and TABARI's ';', at the start
 * of the line, after whitespace, or (';') right after a ']'. */
static const char *strip_comment(const char *s, size_t *n) {
    for (size_t i = 0; i < *n; i++) {
        int after_space = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t';
        if ((s[i] == '#' && after_space) || (s[i] == ';' && (after_space || s[i - 1] == ']'))) {
            *n = i;
            break;
        }
    }
    return trim(s, n);
}

/* TABARI's section tags: <NOUN> ... </NOUN> and the like. Returns the section (1 NOUN,
 * 2 ADJECTIVE, 3 SYNSETS, 4 TIME) for an opening tag, its negative for a closing one,
 * 0 for any other line. */
static int tabari_tag(const char *s, size_t n) {
    static const char *const tags[] = {"NOUN", "ADJECTIVE", "SYNSETS", "TIME"};
    if (n < 3 || s[0] != '<' || s[n - 1] != '>') return 0;
    int close = s[1] == '/';
    const char *t = s + 1 + close;
    size_t tn = n - 2 - (size_t)close;
    for (int i = 0; i < 4; i++)
        if (strlen(tags[i]) == tn && !strncmp(tags[i], t, tn)) return close ? -(i + 1) : i + 1;
    return 0;
}

/* Reports a TABARI section dyad does not use, once, at its opening tag; returns whether
 * the line is inside one (or is a tag), *section tracking the current one. */
static int tabari_skip(dict_loader *L, const char *file, uint64_t line, const char *s, size_t n,
                       int *section) {
    int t = tabari_tag(s, n);
    if (t > 0) {
        *section = t;
        if (t == 1 || t == 2)
            dict_diag(L, DYAD_DIAG_NOTE, file, line,
                      "TABARI <%s> list (words for its own parsing): dyad's lexicon tags words "
                      "itself: skipped", t == 1 ? "NOUN" : "ADJECTIVE");
        else if (t == 4)
            dict_diag(L, DYAD_DIAG_WARNING, file, line,
                      "TABARI <TIME> phrases (shifting the event date) are not used by dyad: "
                      "skipped");
        return 1;
    }
    if (t < 0) {
        *section = 0;
        return 1;
    }
    return *section && *section != 3; /* <SYNSETS> lines are ordinary synsets */
}

static int contains_ci(const char *hay, const char *needle) {
    size_t m = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < m && p[i] && tolower((unsigned char)p[i]) == needle[i]) i++;
        if (i == m) return 1;
    }
    return 0;
}

static int detect(const char *file, const char *data, size_t len) {
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (contains_ci(base, "issue")) return P_ISSUES;
    if (contains_ci(base, "preposition")) return P_PREPS;
    if (contains_ci(base, ".options") || contains_ci(base, ".project")) return P_TABARI_SETUP;
    size_t pos = 0, lines = 0;
    int dash = 0, tilde = 0, bracket = 0, first = 1, content = 0;
    while (pos < len && lines < 400) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *s = data + pos;
        pos += n + 1;
        lines++;
        s = strip_comment(s, &n);
        if (!n) continue;
        if (first && s[0] == '<' && !tabari_tag(s, n)) return P_XML;
        first = 0;
        content = 1;
        if (s[0] == '-' && (n == 1 || s[1] == ' ' || s[1] == '-')) dash++;
        if (memchr(s, '[', n)) {
            bracket++;
            const char *b = memchr(s, '[', n);
            if ((size_t)(b - s) + 1 < n && b[1] == '~') tilde++;
        }
    }
    if (!content && pos >= len) return P_EMPTY;
    if (contains_ci(base, "verb") || contains_ci(base, "cameo")) return P_VERBS;
    if (contains_ci(base, "agent")) return P_AGENTS;
    if (contains_ci(base, "discard")) return P_DISCARDS;
    if (contains_ci(base, "actor") || contains_ci(base, "countr")) return P_ACTORS;
    if (dash) return P_VERBS;
    if (tilde) return P_AGENTS;
    if (bracket) return P_ACTORS;
    return P_UNKNOWN;
}

size_t dict_community_name_text(const char *s, size_t n, char *buf, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++) {
        char c = s[i];
        if (c == '_') c = ' ';
        if (c == '!' || c == '{' || c == '}' || c == '(' || c == ')') continue;
        buf[k++] = c;
    }
    return k;
}

int dict_community_name_words(dyad_dict *d, const char *s, size_t n, uint32_t *ids, size_t max,
                              uint32_t *caps) {
    char buf[DYAD_MAX_DICT_LINE_BYTES + 1];
    size_t k = dict_community_name_text(s, n, buf, DYAD_MAX_DICT_LINE_BYTES);
    return dict_name_words(d, buf, k, ids, max, caps, 2);
}

/* A community name (KIM_JONG_UN_, !minist!) as words; returns the count or -1. */
static int name_words(dict_loader *L, const char *s, size_t n, uint32_t *ids, size_t max,
                      uint32_t *caps) {
    return dict_community_name_words(L->d, s, n, ids, max, caps);
}

/* A community date: YYYYMMDD or YYMMDD. Two-digit years are 2000-2030 when at most 30,
 * else 1931-1999 (the Phoenix files write 1932 as 32 and 2007 as 07). */
static int community_date(const char *s, size_t n, int32_t *out) {
    char buf[8];
    if (n != 8 && n != 6) return DYAD_EFORMAT;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return DYAD_EFORMAT;
    if (n == 8) {
        memcpy(buf, s, 8);
    } else {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        memcpy(buf, yy <= 30 ? "20" : "19", 2);
        memcpy(buf + 2, s, 6);
    }
    /* TABARI counts days arithmetically: the files end every month on the 31st
     * (040231, 100631); such a day is the month's last */
    if (dict_parse_date(buf, 8, out) == DYAD_OK) return DYAD_OK;
    int day = (buf[6] - '0') * 10 + (buf[7] - '0');
    if (day < 29 || day > 31) return DYAD_EFORMAT;
    for (int d = day - 1; d >= 28; d--) {
        buf[6] = (char)('0' + d / 10);
        buf[7] = (char)('0' + d % 10);
        if (dict_parse_date(buf, 8, out) == DYAD_OK) return DYAD_OK;
    }
    return DYAD_EFORMAT;
}

/* The date restriction of a [CODE RESTRICTION] group: ">D", "<D", "D-D" (spaces allowed
 * around the operators), into c. */
static int parse_restriction(const char *r, size_t rn, dict_code *c) {
    c->dated = 1;
    if (r[0] == '>' || r[0] == '<') {
        size_t dn = rn - 1;
        const char *ds = trim(r + 1, &dn);
        return community_date(ds, dn, r[0] == '>' ? &c->from : &c->to);
    }
    const char *dash = memchr(r, '-', rn);
    if (!dash) return DYAD_EFORMAT;
    size_t fn = (size_t)(dash - r), tn = rn - fn - 1;
    const char *f = trim(r, &fn), *t = trim(dash + 1, &tn);
    if (community_date(f, fn, &c->from) || community_date(t, tn, &c->to)) return DYAD_EFORMAT;
    if (c->from > c->to && fn == 6 && c->from >= 20000000) /* 270101-730717: 1927 */
        c->from -= 1000000;
    return c->from > c->to ? DYAD_EFORMAT : DYAD_OK;
}

/* Parses every [CODE ...] group on the line into codes (at most max); returns their
 * number or -1 after reporting a malformed group. Codes are upper-cased; a code of
 * '-' or '+' only is PETRARCH's null code (stored as "---": the entry is known and
 * codes no actor of its own); A/B (a compound actor: A and B at once) keeps A as the
 * code and "B" in also; an
 * agent's NGO~ (a prefix agent) keeps its trailing '~', which dict_compose reads. */
static int parse_brackets(dict_loader *L, const char *file, uint64_t line, const char *s,
                          size_t n, dict_code *codes, size_t max, int agent) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '[') continue;
        const char *close = memchr(s + i, ']', n - i);
        if (!close && (close = memchr(s + i, '}', n - i)) != NULL)
            dict_diag(L, DYAD_DIAG_WARNING, file, line, "'[' closed by '}': read as ']'");
        if (!close) {
            dict_bad_line(L, file, line, "'[' without ']'");
            return -1;
        }
        size_t bn = (size_t)(close - (s + i)) - 1;
        const char *b = trim(s + i + 1, &bn);
        i = (size_t)(close - s);
        size_t cl = 0;
        while (cl < bn && !isspace((unsigned char)b[cl]) && b[cl] != '<' && b[cl] != '>') cl++;
        const char *c = b;
        size_t cn = cl;
        while (cn && c[0] == '~') c++, cn--;
        if (!cn) continue;
        if (k >= max) {
            dict_diag(L, DYAD_DIAG_WARNING, file, line,
                      "more than %zu codes for one entry: the rest are ignored", max);
            return (int)k;
        }
        dict_code *dc = &codes[k];
        memset(dc, 0, sizeof *dc);
        const char *slash = memchr(c, '/', cn);
        if (slash) {
            /* a compound actor: each code after the first, checked like it */
            size_t an = cn - (size_t)(slash - c) - 1;
            const char *al = slash + 1;
            char alt[DICT_MAX_ALSO_BYTES];
            size_t o = 0;
            int ok = an > 0 && an < sizeof alt;
            for (size_t q = 0, from = 0; ok && q <= an; q++) {
                if (q < an && al[q] != '/') continue;
                char up1[DYAD_MAX_CODE_BYTES];
                size_t w = q - from;
                ok = w > 0 && w < sizeof up1;
                for (size_t z = 0; ok && z < w; z++) up1[z] = (char)toupper((unsigned char)al[from + z]);
                ok = ok && dict_valid_code(up1, w);
                if (ok) {
                    if (o) alt[o++] = '/';
                    memcpy(alt + o, up1, w);
                    o += w;
                }
                from = q + 1;
            }
            if (!ok) {
                dict_bad_line(L, file, line, "malformed compound code '%.*s' (want CODE/CODE...)", (int)cn, c);
                return -1;
            }
            alt[o] = '\0';
            dc->also = dict_strndup(L->d, alt, o);
            if (!dc->also) return -1;
            cn = (size_t)(slash - c);
        }
        if (cn == 3 && !memcmp(c, "###", 3)) { /* TABARI's discard code */
            memcpy(dc->code, "###", 4);
            k++;
            continue;
        }
        int null_code = cn > 0;
        for (size_t q = 0; q < cn; q++) null_code &= c[q] == '-' || c[q] == '+';
        int prefix = agent && cn > 1 && c[cn - 1] == '~';
        char up[DYAD_MAX_CODE_BYTES];
        size_t un = prefix ? cn - 1 : cn;
        if (null_code) {
            memcpy(up, "---", 3);
            un = 3;
        } else if (un < sizeof up) {
            for (size_t q = 0; q < un; q++) up[q] = (char)toupper((unsigned char)c[q]);
        }
        if (un >= sizeof up - 1 || !dict_valid_code(up, un)) {
            dict_bad_line(L, file, line, "malformed code '%.*s' (want capitals, digits, '-')",
                          (int)cn, c);
            return -1;
        }
        memcpy(dc->code, up, un);
        if (prefix) dc->code[un] = '~';
        size_t rn = bn - cl;
        const char *r = trim(b + cl, &rn);
        if (rn && parse_restriction(r, rn, dc)) {
            /* the community files carry typos here (9008223, an end before the start):
             * the entry's other codes still serve */
            dict_diag(L, DYAD_DIAG_WARNING, file, line,
                      "date restriction '%.*s' is not >DATE, <DATE or DATE-DATE with DATE "
                      "YYYYMMDD or YYMMDD (and in order): code %.*s ignored", (int)rn, r,
                      (int)un, up);
            continue;
        }
        k++;
    }
    return (int)k;
}

/* ---- actors, agents, discards ---- */

typedef struct pending {
    int active;
    uint64_t line;
    const char *text;
    size_t text_n;
    struct {
        const char *s;
        size_t n;
        uint64_t line;
    } names[64];
    size_t n_names;
    dict_code codes[32];
    size_t n_codes;
    const char *reason;
    int discard_scope;   /* a PETRARCH discard: enum dict_discard_scope */
    int no_plural;       /* an agent written with "{}": no regular plural */
    uint64_t last_name;  /* line of its last name line (a codeless run continues below) */
} pending;

static int flush(dict_loader *L, const char *file, pending *P, int kind) {
    dyad_dict *d = L->d;
    if (!P->active) return DYAD_OK;
    P->active = 0;
    if (kind != DICT_DISCARD && !P->n_codes) {
        dict_diag(L, DYAD_DIAG_WARNING, file, P->line,
                  "entry '%.*s' has no [CODE] (PETRARCH's null code): not used", (int)P->text_n,
                  P->text);
        return DYAD_OK;
    }
    for (size_t i = 0; i < P->n_codes && kind != DICT_DISCARD; i++)
        if (!strcmp(P->codes[i].code, "###")) { /* TABARI: a discard among the actors */
            kind = DICT_DISCARD;
            P->n_codes = 0;
            P->reason = "discard";
        }
    if (L->conv) {
        dict_conv_name names[sizeof P->names / sizeof P->names[0]];
        for (size_t i = 0; i < P->n_names; i++)
            names[i] = (dict_conv_name){P->names[i].s, P->names[i].n, P->names[i].line};
        dict_conv_entry ce = {kind, names, P->n_names, P->codes, P->n_codes, P->reason,
                              P->discard_scope, P->no_plural, P->line};
        L->conv->entry(L, file, &ce);
    }
    const char *text = dict_strndup(d, P->text, P->text_n);
    dict_actor *e = text ? dict_new_entry(d, kind, text, file, P->line) : NULL;
    if (!e) return DYAD_ENOMEM;
    e->community = 1;
    if (P->n_codes) {
        e->codes = arena_calloc(&d->mem, P->n_codes, sizeof *e->codes);
        if (!e->codes) return DYAD_ENOMEM;
        memcpy(e->codes, P->codes, P->n_codes * sizeof *P->codes);
        e->n_codes = (uint16_t)P->n_codes;
    }
    e->reason = P->reason;
    e->discard_scope = (uint8_t)P->discard_scope;
    for (size_t i = 0; i < P->n_names; i++) {
        uint32_t ids[DICT_MAX_NAME_WORDS], caps;
        int k = name_words(L, P->names[i].s, P->names[i].n, ids, DICT_MAX_NAME_WORDS, &caps);
        if (k <= 0) {
            dict_bad_line(L, file, P->names[i].line, "unusable name '%.*s'", (int)P->names[i].n,
                          P->names[i].s);
            continue;
        }
        if (L->lint) {
            dyad_buf nb = {0};
            for (int q = 0; q < k; q++) {
                if (q) dyad_buf_puts(&nb, " ");
                dyad_buf_puts(&nb, d->words[ids[q]]);
            }
            lint_name(L, nb.data ? nb.data : "", kind, e);
            dyad_buf_free(&nb);
        }
        if (dict_trie_add(d, kind == DICT_DISCARD ? 2 : 1, ids, (size_t)k, caps, e)) return DYAD_ENOMEM;
        if (kind == DICT_AGENT && !caps && !P->no_plural && dict_add_plural(d, 1, ids, (size_t)k, e))
            return DYAD_ENOMEM;
    }
    if (kind == DICT_ACTOR) d->n_actors++;
    else if (kind == DICT_AGENT) d->n_agents++;
    else d->n_discards++;
    return DYAD_OK;
}

/* PETRARCH's substitution sets: "!PERSON! = MAN, MEN, WOMAN" defines one; a name
 * "CONGRESS!PERSON!" stands for each member in place of the marker (no plurals). */
#define P_MAX_MACROS 64u
typedef struct macro {
    const char *name; /* "!PERSON!" */
    size_t name_n;
    const char *list; /* "MAN, MEN, WOMAN" */
    size_t list_n;
} macro;
typedef struct macros {
    macro m[P_MAX_MACROS];
    size_t n;
} macros;

static int is_macro_def(const char *s, size_t n) {
    const char *eq = memchr(s, '=', n);
    return s[0] == '!' && eq && n > 2 && memchr(s + 1, '!', (size_t)(eq - s) - 1);
}

static void define_macro(dict_loader *L, const char *file, uint64_t line, macros *M, const char *s,
                         size_t n) {
    const char *eq = memchr(s, '=', n);
    size_t nn = (size_t)(eq - s), ln = n - nn - 1;
    const char *nm = trim(s, &nn), *list = trim(eq + 1, &ln);
    if (M->n == P_MAX_MACROS) {
        dict_diag(L, DYAD_DIAG_WARNING, file, line,
                  "more than %u substitution sets: '%.*s' ignored", P_MAX_MACROS, (int)nn, nm);
        return;
    }
    M->m[M->n++] = (macro){nm, nn, list, ln};
}

static void add_one_name(pending *P, const char *s, size_t n, uint64_t line) {
    if (P->n_names < sizeof P->names / sizeof P->names[0]) {
        P->names[P->n_names].s = s;
        P->names[P->n_names].n = n;
        P->names[P->n_names++].line = line;
    }
}

/* Adds a name, each expansion of a !MACRO! in it (one marker per name) when M defines
 * it. Returns DYAD_OK or DYAD_ENOMEM. */
static int add_name_m(dict_loader *L, const char *file, const macros *M, pending *P, const char *s,
                      size_t n, uint64_t line) {
    const char *b = M ? memchr(s, '!', n) : NULL;
    const char *e = b ? memchr(b + 1, '!', n - (size_t)(b - s) - 1) : NULL;
    const macro *m = NULL;
    for (size_t i = 0; e && M && i < M->n && !m; i++)
        if (M->m[i].name_n == (size_t)(e - b) + 1 && !strncasecmp(M->m[i].name, b, M->m[i].name_n))
            m = &M->m[i];
    if (!m) {
        if (e)
            dict_diag(L, DYAD_DIAG_WARNING, file, line,
                      "substitution set '%.*s' is not defined above: read as the word", (int)(e - b + 1), b);
        add_one_name(P, s, n, line);
        return DYAD_OK;
    }
    size_t pre = (size_t)(b - s), post = n - pre - m->name_n;
    for (const char *q = m->list, *end = m->list + m->list_n; q < end;) {
        const char *comma = memchr(q, ',', (size_t)(end - q));
        size_t an = comma ? (size_t)(comma - q) : (size_t)(end - q);
        const char *a = trim(q, &an);
        q = comma ? comma + 1 : end;
        if (!an) continue;
        char *buf = arena_alloc(&L->d->mem, pre + an + post + 1);
        if (!buf) return DYAD_ENOMEM;
        memcpy(buf, s, pre);
        memcpy(buf + pre, a, an);
        memcpy(buf + pre + an, e + 1, post);
        buf[pre + an + post] = 0;
        add_one_name(P, buf, pre + an + post, line);
    }
    return DYAD_OK;
}

static void add_name(pending *P, const char *s, size_t n, uint64_t line) {
    add_one_name(P, s, n, line);
}

static int parse_nouns(dict_loader *L, const char *file, char *data, size_t len, int ptype) {
    int kind = ptype == P_AGENTS ? DICT_AGENT : ptype == P_DISCARDS ? DICT_DISCARD : DICT_ACTOR;
    pending *P = calloc(1, sizeof *P);
    if (!P) return DYAD_ENOMEM;
    macros *M = calloc(1, sizeof *M);
    if (!M) {
        free(P);
        return DYAD_ENOMEM;
    }
    uint64_t line = 0;
    int rc = DYAD_OK, section = 0;
    for (size_t pos = 0; pos < len && rc == DYAD_OK && !L->err;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *s = data + pos;
        pos += n + 1;
        line++;
        s = strip_comment(s, &n);
        if (!n) continue;
        if (tabari_skip(L, file, line, s, n, &section)) continue;
        if (L->lint) lint_line(L, file, line, s, n);
        if (s[0] == '<' && n > 1 && s[1] == '!') { /* "<! -- ... -->", a comment misspelt */
            dict_diag(L, DYAD_DIAG_WARNING, file, line, "'<!' line read as a comment");
            continue;
        }
        if (is_macro_def(s, n)) {
            define_macro(L, file, line, M, s, n);
            continue;
        }
        /* A name line right below an entry that has no code yet is one more name of it
         * (the Phoenix files list a person's forms that way, codes after the last). */
        int more = P->active && !P->n_codes && kind != DICT_DISCARD && P->last_name + 1 == line &&
                   s[0] != '+' && s[0] != '[';
        /* PETRARCH's discard list: '+PHRASE' is a phrase of its own that drops the story */
        int story_discard = kind == DICT_DISCARD && ptype == P_DISCARDS && s[0] == '+';
        if ((s[0] == '+' && !story_discard) || s[0] == '[' || more) {
            if (!P->active) {
                dict_bad_line(L, file, line, "'%c' line without an entry above it", s[0]);
                continue;
            }
            if (s[0] != '[') {
                const char *br = memchr(s, '[', n);
                size_t skip = s[0] == '+';
                size_t nn = br ? (size_t)(br - s) - skip : n - skip;
                const char *brace = memchr(s, '{', br ? (size_t)(br - s) : n);
                if (brace) nn = (size_t)(brace - s) - skip;
                const char *nm = trim(s + skip, &nn);
                if (nn && (rc = add_name_m(L, file, M, P, nm, nn, line)) != DYAD_OK) break;
                P->last_name = line;
                if (!br) continue;
                n -= (size_t)(br - s);
                s = br;
            }
            if (kind == DICT_DISCARD) continue;
            int k = parse_brackets(L, file, line, s, n, P->codes + P->n_codes,
                                   sizeof P->codes / sizeof P->codes[0] - P->n_codes, kind == DICT_AGENT);
            if (k > 0) P->n_codes += (size_t)k;
            continue;
        }
        if ((rc = flush(L, file, P, kind)) != DYAD_OK) break;
        memset(P, 0, sizeof *P);
        P->active = 1;
        if (ptype == P_DISCARDS) P->discard_scope = story_discard ? DICT_DISCARD_STORY : DICT_DISCARD_SENTENCE;
        if (story_discard) s++, n--;
        P->line = line;
        P->last_name = line;
        P->text = s;
        P->text_n = n;
        const char *br = memchr(s, '[', n), *brace = memchr(s, '{', n);
        size_t nn = br ? (size_t)(br - s) : n;
        if (brace && (size_t)(brace - s) < nn) {
            /* {PLURAL FORMS} written out */
            const char *close = memchr(brace, '}', n - (size_t)(brace - s));
            if (close && (!br || close < br)) {
                const char *q = brace + 1;
                size_t inside = (size_t)(close - q);
                trim(q, &inside);
                P->no_plural = inside == 0;
                while (q < close) {
                    while (q < close && isspace((unsigned char)*q)) q++;
                    const char *st = q;
                    while (q < close && !isspace((unsigned char)*q)) q++;
                    if (q > st) add_name(P, st, (size_t)(q - st), line);
                }
            }
            nn = (size_t)(brace - s);
        }
        const char *nm = trim(s, &nn);
        if (!nn) {
            dict_bad_line(L, file, line, "entry without a name");
            P->active = 0;
            continue;
        }
        if ((rc = add_name_m(L, file, M, P, nm, nn, line)) != DYAD_OK) break;
        if (br) {
            if (kind == DICT_DISCARD) {
                const char *close = memchr(br, ']', n - (size_t)(br - s));
                size_t rn = close ? (size_t)(close - br) - 1 : 0;
                const char *r = trim(br + 1, &rn);
                P->reason = rn ? dict_strndup(L->d, r, rn) : "discard";
            } else {
                int k = parse_brackets(L, file, line, br, n - (size_t)(br - s), P->codes,
                                       sizeof P->codes / sizeof P->codes[0], kind == DICT_AGENT);
                if (k < 0) {
                    P->active = 0;
                } else {
                    P->n_codes = (size_t)k;
                }
            }
        } else if (kind == DICT_DISCARD) {
            P->reason = "discard";
        }
    }
    if (rc == DYAD_OK && !L->err) rc = flush(L, file, P, kind);
    free(P);
    free(M);
    return rc;
}

/* ---- verbs (PETRARCH-2 CAMEO.2.0 and TABARI) ---- */

typedef struct pverb {
    uint32_t head[DICT_MAX_HEAD_WORDS];
    size_t n_head;
    uint32_t last;
    uint32_t post[DICT_MAX_HEAD_WORDS]; /* +ASK_FOR: "for", required right after the verb */
    size_t n_post;
    uint32_t forms[16];
    size_t n_forms;
    const dict_pattern *own; /* "VERB [CODE]": the verb alone codes, for this verb only */
} pverb;

typedef struct block {
    pverb verbs[64];
    size_t n_verbs;
    dict_pattern **protos; /* grows: TABARI's SAID has 1,467 patterns */
    size_t n_protos, cap_protos;
    const dict_pattern *block_code; /* "--- NAME [CODE] ---": for verbs without their own */
    int petrarch;                   /* inside a PETRARCH block (TABARI files have none) */
    pverb *last;                    /* the verb line read last */
    size_t dropped_verbs, dropped_patterns;
} block;

static dict_pattern *with_head(dyad_dict *d, const dict_pattern *p, const pverb *v) {
    dict_pattern *q = arena_alloc(&d->mem, sizeof *q);
    uint32_t *h = arena_alloc(&d->mem, (v->n_head ? v->n_head : 1) * sizeof *h);
    if (!q || !h) return NULL;
    *q = *p;
    memcpy(h, v->head, v->n_head * sizeof *h);
    q->head = h;
    q->n_head = (uint16_t)v->n_head;
    return q;
}

/* p with the words of a multi-word verb after the verb (+ASK_FOR's "for") as its first
 * elements; p itself when there are none. NULL on OOM or when too long (counted). */
static const dict_pattern *with_post(dyad_dict *d, block *B, const dict_pattern *p, const pverb *v,
                                     const uint32_t *post) {
    if (!p || !v->n_post) return p;
    size_t n = v->n_post + p->n_elem;
    if (n > DICT_MAX_PATTERN_ELEMS) {
        B->dropped_patterns++;
        return NULL;
    }
    dict_pattern *q = arena_alloc(&d->mem, sizeof *q);
    dict_elem *el = arena_calloc(&d->mem, n, sizeof *el);
    if (!q || !el) return NULL;
    *q = *p;
    for (size_t i = 0; i < v->n_post; i++)
        el[i] = (dict_elem){.kind = DICT_EL_WORD, .tight = 1, .n_alts = 1, .alts = &post[i]};
    memcpy(el + v->n_post, p->elem, p->n_elem * sizeof *el);
    q->elem = el;
    q->n_elem = (uint16_t)n;
    return q;
}

static int flush_block(dict_loader *L, block *B) {
    dyad_dict *d = L->d;
    for (size_t i = 0; i < B->n_verbs; i++) {
        const pverb *v = &B->verbs[i];
        uint32_t *post = NULL; /* the words must outlive the block: into the arena */
        if (v->n_post) {
            if (!(post = arena_alloc(&d->mem, v->n_post * sizeof *post))) return DYAD_ENOMEM;
            memcpy(post, v->post, v->n_post * sizeof *post);
        }
        const dict_pattern *alone = v->own ? v->own : B->block_code;
        size_t first = alone ? 0 : 1; /* the verb alone first, then the block's patterns */
        if (L->conv) {
            dict_conv_verb cv = {v->head, v->n_head, v->last, v->post, v->n_post, v->forms,
                                 v->n_forms, alone, (const dict_pattern *const *)B->protos,
                                 B->n_protos, B->petrarch};
            L->conv->verb(L, &cv);
        }
        for (size_t j = first; j <= B->n_protos; j++) {
            const dict_pattern *proto = j ? B->protos[j - 1] : alone;
            const dict_pattern *p = v->n_head ? with_head(d, proto, v) : proto;
            if (v->n_post) {
                size_t before = B->dropped_patterns;
                p = with_post(d, B, p, v, post);
                if (!p && B->dropped_patterns > before) continue;
            }
            if (!p || dict_add_verb_forms(d, d->words[v->last], p)) return DYAD_ENOMEM;
            for (size_t f = 0; f < v->n_forms; f++)
                if (dict_add_pair(d, v->forms[f], p)) return DYAD_ENOMEM;
        }
        if (dict_grow((void **)&d->verb_lemmas, &d->cap_verb_lemmas, d->n_verb_lemmas,
                      sizeof *d->verb_lemmas))
            return DYAD_ENOMEM;
        d->verb_lemmas[d->n_verb_lemmas++] = v->last;
    }
    B->n_verbs = 0;
    B->n_protos = 0;
    B->block_code = NULL;
    B->last = NULL;
    return DYAD_OK;
}

/* The event code of a "[CODE]" or "[CODE:CODE]" group (c after the '[') into code:
 * two to four digits, and the letters some test dictionaries append (PETR.Validate's
 * 174K, 075A), kept as written; TABARI's subordinate '?' and dominant '!' marks are
 * dropped (read as plain codes). Returns its length; 0 for none ([---], [:190]). */
static size_t pattern_code(const char *c, const char *end, char code[8]) {
    size_t cn = 0;
    while (c + cn < end && cn < 7 && isalnum((unsigned char)c[cn])) cn++;
    size_t digits = 0;
    while (digits < cn && isdigit((unsigned char)c[digits])) digits++;
    size_t k = cn;
    if (c + k < end && (c[k] == '?' || c[k] == '!')) k++;
    if (digits < 2 || digits > 4 || (c + k < end && !isspace((unsigned char)c[k]) && c[k] != ':' &&
                                     c[k] != ']'))
        return 0;
    memcpy(code, c, cn);
    code[cn] = 0;
    return cn;
}

/* The event code of a "[CODE]", "[CODE:CODE]" or "[:CODE]" group (c after the '['): code
 * and the paired code2 (target -> source) as written; *reversed when only the paired
 * code is given. Returns 0 when the group gives no code ([---], [+++]). */
int dict_community_codes(const char *c, const char *end, char code[8], char code2[8], int *reversed) {
    code[0] = code2[0] = 0;
    *reversed = 0;
    size_t n1 = pattern_code(c, end, code);
    const char *colon = memchr(c, ':', (size_t)(end - c));
    if (colon && colon - c <= 7 && pattern_code(colon + 1, end, code2) && !n1) {
        memcpy(code, code2, 8);
        code2[0] = 0;
        *reversed = 1;
    }
    return code[0] != 0;
}

/* "[CODE]" after a verb or a block name: the verb alone codes, as a pattern with no
 * elements, into *out (left alone for [---], no code). c points after the '['. Returns
 * DYAD_OK or DYAD_ENOMEM. */
static int add_code_proto(dict_loader *L, const dict_pattern **out, const char *c, const char *end,
                          const char *file, uint64_t line, const char *raw, size_t raw_n) {
    char code[8], code2[8];
    int reversed;
    if (!dict_community_codes(c, end, code, code2, &reversed)) return DYAD_OK;
    pat_builder *pb = calloc(1, sizeof *pb);
    dict_pattern *pp = pb ? pat_finish(L, pb, code, NULL, 0, file, line, raw, raw_n) : NULL;
    free(pb);
    if (!pp) return DYAD_ENOMEM;
    pp->flags |= DICT_PAT_DEFINED_CODE | DICT_PAT_LOOSE | (reversed ? DICT_PAT_REVERSED : 0u);
    memcpy(pp->code2, code2, sizeof pp->code2);
    *out = pp;
    return DYAD_OK;
}

static int add_verb(dict_loader *L, const char *file, uint64_t line, block *B, const char *s,
                    size_t n) {
    size_t wn = 0;
    while (wn < n && !isspace((unsigned char)s[wn]) && s[wn] != '[' && s[wn] != '{') wn++;
    uint32_t ids[DICT_MAX_HEAD_WORDS + 1], post[DICT_MAX_HEAD_WORDS], caps;
    int n_post = 0;
    /* A multi-word verb marks its verb with '+' (+ASK_FOR, WIRE_+TAP): words before it
     * are the head, words after it must follow the verb. */
    const char *plus = memchr(s, '+', wn);
    size_t vn = wn; /* the head and the verb */
    if (plus) {
        const char *us = memchr(plus, '_', wn - (size_t)(plus - s));
        if (us) {
            vn = (size_t)(us - s);
            n_post = name_words(L, us + 1, wn - vn - 1, post, DICT_MAX_HEAD_WORDS, &caps);
            if (n_post < 0) n_post = 0;
        }
    }
    char vbuf[DYAD_MAX_DICT_LINE_BYTES];
    size_t vk = 0;
    for (size_t i = 0; i < vn && vk < sizeof vbuf; i++)
        if (s[i] != '+') vbuf[vk++] = s[i];
    int k = name_words(L, vbuf, vk, ids, DICT_MAX_HEAD_WORDS + 1, &caps);
    if (k <= 0) {
        dict_bad_line(L, file, line, "unusable verb '%.*s'", (int)wn, s);
        return DYAD_OK;
    }
    pverb *v = NULL;
    for (size_t i = 0; i < B->n_verbs && !v; i++) /* the block header names it again */
        if (B->verbs[i].last == ids[k - 1] && B->verbs[i].n_head == (size_t)k - 1 &&
            !memcmp(B->verbs[i].head, ids, (size_t)(k - 1) * sizeof *ids) &&
            B->verbs[i].n_post == (size_t)n_post &&
            !memcmp(B->verbs[i].post, post, (size_t)n_post * sizeof *post))
            v = &B->verbs[i];
    B->last = NULL;
    if (v) {
        /* forms below are added to the existing verb */
    } else if (B->n_verbs == sizeof B->verbs / sizeof B->verbs[0]) {
        B->dropped_verbs++;
        if (L->conv) L->conv->dropped(L, file, line, "a verb over a block's limit: not used");
        return DYAD_OK;
    } else {
        v = &B->verbs[B->n_verbs++];
        memset(v, 0, sizeof *v);
        memcpy(v->head, ids, (size_t)(k - 1) * sizeof *ids);
        v->n_head = (size_t)k - 1;
        v->last = ids[k - 1];
        memcpy(v->post, post, (size_t)n_post * sizeof *post);
        v->n_post = (size_t)n_post;
    }
    B->last = v;
    const char *brace = memchr(s, '{', n);
    if (brace) {
        const char *close = memchr(brace, '}', n - (size_t)(brace - s));
        const char *q = brace + 1, *end = close ? close : s + n;
        while (q < end) {
            while (q < end && isspace((unsigned char)*q)) q++;
            const char *st = q;
            while (q < end && !isspace((unsigned char)*q)) q++;
            uint32_t f[DICT_MAX_HEAD_WORDS + 1];
            const char *fp = memchr(st, '+', (size_t)(q - st)), *fe = q;
            if (fp) { /* +ASKED_FOR: the inflected verb is the '+' word */
                st = fp + 1;
                fe = memchr(st, '_', (size_t)(q - st));
                if (!fe) fe = q;
            }
            int m = fe > st ? name_words(L, st, (size_t)(fe - st), f, DICT_MAX_HEAD_WORDS + 1, &caps) : 0;
            if (m > 0 && v->n_forms < sizeof v->forms / sizeof v->forms[0])
                v->forms[v->n_forms++] = f[m - 1];
        }
    }
    return DYAD_OK;
}

/* The synset named name (len bytes, without '&'); a trailing '_' (no plurals) is not
 * part of the name on either side: &PREPOSIT1 finds &PREPOSIT1_. */
static const dict_synset *find_psyn(const dict_synset *syn, size_t n, const char *name, size_t len) {
    while (len && name[len - 1] == '_') len--;
    for (size_t i = 0; i < n; i++) {
        size_t sl = strlen(syn[i].name);
        while (sl && syn[i].name[sl - 1] == '_') sl--;
        if (sl == len && !strncasecmp(syn[i].name, name, len)) return &syn[i];
    }
    return NULL;
}

/* Adds the members of synset y as alternatives of the last slot of P. */
static int add_synset_alts(pat_parse *P, const dict_synset *y) {
    for (size_t i = 0, off = 0; i < y->n; off += y->lens[i], i++)
        if (pat_add_alt(P, y->words + off, y->lens[i])) return DYAD_ELIMIT;
    return DYAD_OK;
}

/* The synset that the pieces starting at piece[i] name (&TIETYPES of
 * &TIETYPES_RELATIONS, or &NEG_SYN of a name with '_' inside): the longest run of pieces
 * joined by '_' that names one; *used gets the number of pieces. NULL when none does. */
static const dict_synset *synset_at(const dict_synset *syn, size_t n_syn, const char *const *piece,
                             const size_t *plen, size_t n, size_t i, size_t *used) {
    for (size_t k = n - i; k >= 1; k--) {
        const char *st = piece[i] + 1;
        size_t len = (size_t)(piece[i + k - 1] + plen[i + k - 1] - st);
        const dict_synset *y = find_psyn(syn, n_syn, st, len);
        if (y) {
            *used = k;
            return y;
        }
    }
    return NULL;
}

/* Reads one pattern's items (between '-' and '[') into P, in sentence order, with a
 * DICT_EL_VERB slot where the verb stands ('*'; first when there is none). Items
 * separated by blanks may have words between them; pieces joined by '_' are
 * consecutive (slot.tight); a trailing '_' (no stemming in TABARI) joins nothing.
 * TABARI's "{ A | B_C }" is one slot of alternatives; PETRARCH-2's "(PREP NOUN)" and
 * "{ADJ NOUN}" groups are their words in order. Returns 1 read, 0 not usable (over a
 * limit), -3 an unknown synset (reported). */
static int read_items(dict_loader *L, const char *file, uint64_t line, const dict_synset *syn, size_t n_syn,
                      const char *p, const char *end, pat_parse *P) {
    if (!memchr(p, '*', (size_t)(end - p)) && pat_new_slot(P, DICT_EL_VERB)) return 0;
    int in_alts = 0, tight_next = 0;
    while (p < end) {
        while (p < end && isspace((unsigned char)*p)) p++;
        const char *st = p;
        while (p < end && !isspace((unsigned char)*p)) p++;
        size_t len = (size_t)(p - st);
        if (!len) break;
        /* TABARI alternatives: '{' opens a set when a '|' follows before its '}' */
        if (*st == '{' && !in_alts) {
            const char *close = memchr(st, '}', (size_t)(end - st));
            const char *bar = memchr(st, '|', (size_t)(end - st));
            if (bar && (!close || bar < close)) {
                in_alts = 1;
                if (pat_new_slot(P, DICT_EL_WORD)) return 0;
                P->slot[P->n_slot - 1].tight = (uint8_t)tight_next;
                tight_next = 0;
                st++, len--;
                if (!len) continue;
            }
        }
        if (in_alts) {
            int closes = st[len - 1] == '}' || (len >= 2 && st[len - 2] == '}' && st[len - 1] == '_');
            if (closes) {
                tight_next = st[len - 1] == '_' && p < end && !isspace((unsigned char)*p);
                len -= st[len - 1] == '_' ? 2 : 1;
                in_alts = 0;
            }
            if (len == 1 && *st == '|') continue;
            if (len && *st == '&') {
                const dict_synset *y = find_psyn(syn, n_syn, st + 1, len - 1);
                if (!y) {
                    dict_diag(L, DYAD_DIAG_WARNING, file, line,
                              "unknown synset '%.*s': pattern ignored (as PETRARCH does)", (int)len, st);
                    return -3;
                }
                if (L->lint) lint_synset_used(L, y->name);
                if (add_synset_alts(P, y)) return 0;
            } else if (len) {
                uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
                int m = name_words(L, st, len, w, DICT_MAX_PATTERN_ELEMS, &caps);
                if (m > 0 && pat_add_alt(P, w, (size_t)m)) return 0;
            }
            continue;
        }
        /* the pieces of one blank-separated token, without brackets */
        const char *piece[DICT_MAX_PATTERN_ELEMS];
        size_t plen[DICT_MAX_PATTERN_ELEMS], np = 0;
        for (const char *q = st, *te = st + len; q < te;) {
            const char *u = memchr(q, '_', (size_t)(te - q));
            const char *pe = u ? u : te;
            const char *a = q;
            while (a < pe && (*a == '(' || *a == '{' || *a == ')' || *a == '}')) a++;
            const char *z = pe;
            while (z > a && (z[-1] == ')' || z[-1] == '}' || z[-1] == '(' || z[-1] == '{')) z--;
            if (z > a) {
                if (np == DICT_MAX_PATTERN_ELEMS) return 0;
                piece[np] = a;
                plen[np++] = (size_t)(z - a);
            }
            q = u ? u + 1 : te;
        }
        for (size_t i = 0; i < np;) {
            const char *pc = piece[i];
            size_t pn = plen[i], used = 1;
            int kind = DICT_EL_WORD;
            if (pn == 1 && *pc == '*') kind = DICT_EL_VERB;
            else if (pn == 1 && *pc == '+') kind = DICT_EL_TARGET;
            else if (pn == 1 && *pc == '$') kind = DICT_EL_SOURCE;
            else if (pn == 1 && *pc == '%') kind = DICT_EL_COMPOUND;
            else if (pn == 1 && *pc == '^') kind = DICT_EL_SKIP;
            const dict_synset *y = NULL;
            uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
            int m = 0;
            if (kind == DICT_EL_WORD && *pc == '&') {
                y = synset_at(syn, n_syn, piece, plen, np, i, &used);
                if (!y) {
                    dict_diag(L, DYAD_DIAG_WARNING, file, line,
                              "unknown synset '%.*s': pattern ignored (as PETRARCH does)", (int)pn, pc);
                    return -3;
                }
                if (L->lint) lint_synset_used(L, y->name);
            } else if (kind == DICT_EL_WORD) {
                m = name_words(L, pc, pn, w, DICT_MAX_PATTERN_ELEMS, &caps);
                if (m <= 0) { /* punctuation only: nothing to match */
                    i++;
                    continue;
                }
            }
            if (pat_new_slot(P, kind)) return 0;
            P->slot[P->n_slot - 1].tight = (uint8_t)(i > 0 || tight_next);
            tight_next = 0;
            if (y && add_synset_alts(P, y)) return 0;
            if (m > 0 && pat_add_alt(P, w, (size_t)m)) return 0;
            /* PETRARCH makes plurals for synsets only: its pattern words match as
             * written ("RESOLUTION" is not "resolutions"); TABARI's stems match both */
            if (m > 0 && P->words_as_written) P->slot[P->n_slot - 1].plural = 0;
            i += used;
        }
    }
    return 1;
}

int dict_community_pattern(dict_loader *L, const char *file, uint64_t line, const dict_synset *syn,
                           size_t n_syn, const char *items, const char *end, const char *code,
                           const char *code2, int reversed, int as_written, const uint32_t *head,
                           size_t n_head, const char *raw, size_t raw_n, dict_pattern **out,
                           size_t *n_out) {
    *n_out = 0;
    pat_parse *P = pat_parse_new(); /* not zeroed: tens of kilobytes, once a line */
    pat_builder *b = malloc(sizeof *b); /* pat_expand resets it for each expansion */
    if (!P || !b) {
        free(P);
        free(b);
        return -2;
    }
    P->tight_phrases = 1; /* synset phrases are consecutive words */
    P->words_as_written = as_written;
    int rc = read_items(L, file, line, syn, n_syn, items, end, P);
    size_t n_verb = 0;
    for (size_t i = 0; i < P->n_slot; i++) n_verb += P->slot[i].kind == DICT_EL_VERB;
    if (rc == 1 && n_verb != 1) rc = 0; /* two '*' */
    if (rc == 1) {
        int e = pat_expand(L, P, b, code, head, n_head, file, line, raw, raw_n, out, n_out);
        if (e == DYAD_ENOMEM) rc = -2;
        else if (e != DYAD_OK) rc = 0; /* too large: counted as unusable */
        for (size_t i = 0; rc == 1 && i < *n_out; i++) {
            dict_pattern *q = out[i];
            /* the elements before the verb marker are the pattern's pre-verb part */
            size_t k = 0;
            while (k < q->n_elem && q->elem[k].kind != DICT_EL_VERB) k++;
            q->pre = q->elem;
            q->n_pre = (uint16_t)k;
            if (q->elem[k].tight && k) q->flags |= DICT_PAT_VERB_TIGHT;
            q->elem += k + 1;
            q->n_elem = (uint16_t)(q->n_elem - k - 1);
            q->flags |= DICT_PAT_DEFINED_CODE | DICT_PAT_LOOSE | (reversed ? DICT_PAT_REVERSED : 0u);
            memcpy(q->code2, code2, sizeof q->code2);
        }
        if (rc != 1) *n_out = 0;
    }
    free(P);
    free(b);
    return rc;
}

/* A pattern line "- ITEMS [CODE]": 1 added, 0 not usable by dyad (counted), -1 no code
 * bracket, -2 out of memory, -3 reported, -4 no code ([---]). */
static int add_pattern(dict_loader *L, const char *file, uint64_t line, block *B, const dict_synset *syn,
                       size_t n_syn, const char *s, size_t n, const char *raw, size_t raw_n) {
    const char *br = memchr(s, '[', n);
    if (!br) return -1;
    const char *close = memchr(br, ']', n - (size_t)(br - s));
    if (!close) return -1;
    char code[8], code2[8];
    int reversed;
    if (!dict_community_codes(br + 1, close, code, code2, &reversed)) return -4; /* [---]: no code */
    dict_pattern *out[DICT_MAX_PATTERN_EXPANSIONS];
    size_t n_out = 0;
    int rc = dict_community_pattern(L, file, line, syn, n_syn, s + 1, br, code, code2, reversed,
                                    B->petrarch, NULL, 0, raw, raw_n, out, &n_out);
    for (size_t i = 0; rc == 1 && i < n_out; i++) {
        if (dict_grow((void **)&B->protos, &B->cap_protos, B->n_protos, sizeof *B->protos)) return -2;
        B->protos[B->n_protos++] = out[i];
    }
    return rc;
}

/* Copies a synset's members into the dictionary. */
static int close_synset(dyad_dict *d, dict_synset *y, const uint32_t *w, size_t nw, const uint16_t *lens,
                        size_t n) {
    y->words = arena_calloc(&d->mem, nw ? nw : 1, sizeof *y->words);
    y->lens = arena_calloc(&d->mem, n ? n : 1, sizeof *y->lens);
    if (!y->words || !y->lens) return DYAD_ENOMEM;
    memcpy(y->words, w, nw * sizeof *w);
    memcpy(y->lens, lens, n * sizeof *lens);
    y->n = n;
    return DYAD_OK;
}

static int parse_verbs(dict_loader *L, const char *file, char *data, size_t len) {
    dyad_dict *d = L->d;
    dict_synset *syn = NULL;
    size_t n_syn = 0, cap_syn = 0;
    int rc = DYAD_OK;
    /* pass 1: synsets (&NAME followed by +WORD lines) */
    uint64_t line = 0, syn_line = 0;
    dict_synset *cur = NULL;
    uint32_t tmp[4 * DICT_MAX_ALTS];
    uint16_t tlen[DICT_MAX_ALTS];
    size_t nt = 0, nw = 0, skipped_members = 0;
    int has_blocks = 0; /* PETRARCH's "--- NAME ---" blocks; TABARI has none */
    for (size_t pos = 0; pos < len && rc == DYAD_OK;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *s = data + pos;
        pos += n + 1;
        line++;
        s = strip_comment(s, &n);
        if (!n) continue;
        if (n > 3 && !memcmp(s, "---", 3) && s[3] != ']') has_blocks = 1;
        if (s[0] == '+' && cur) {
            uint32_t w[DICT_MAX_PATTERN_ELEMS], caps;
            int m = name_words(L, s + 1, n - 1, w, DICT_MAX_PATTERN_ELEMS, &caps);
            if (m > 0 && nt < DICT_MAX_ALTS && nw + (size_t)m <= sizeof tmp / sizeof tmp[0]) {
                memcpy(tmp + nw, w, (size_t)m * sizeof *w);
                nw += (size_t)m;
                tlen[nt++] = (uint16_t)m;
            } else {
                skipped_members++;
            }
            continue;
        }
        if (cur) {
            rc = close_synset(d, cur, tmp, nw, tlen, nt);
            if (rc == DYAD_OK && L->conv) L->conv->synset(L, file, syn_line, cur);
            cur = NULL;
        }
        if (s[0] == '&' && rc == DYAD_OK) {
            size_t nn = 1;
            while (nn < n && !isspace((unsigned char)s[nn])) nn++;
            if (nn - 1 == 0 || nn - 1 >= sizeof syn[0].name) {
                dict_bad_line(L, file, line, "malformed synset name");
                continue;
            }
            if (dict_grow((void **)&syn, &cap_syn, n_syn, sizeof *syn)) {
                rc = DYAD_ENOMEM;
                break;
            }
            cur = &syn[n_syn++];
            syn_line = line;
            memset(cur, 0, sizeof *cur);
            memcpy(cur->name, s + 1, nn - 1);
            nt = nw = 0;
            d->n_synsets++;
            if (L->lint) lint_synset_defined(L, cur->name, file, line);
        }
    }
    if (cur && rc == DYAD_OK) {
        rc = close_synset(d, cur, tmp, nw, tlen, nt);
        if (rc == DYAD_OK && L->conv) L->conv->synset(L, file, syn_line, cur);
    }
    /* pass 2: verb blocks and patterns */
    block *B = calloc(1, sizeof *B);
    if (!B) rc = DYAD_ENOMEM;
    size_t unusable = 0;
    int in_synset = 0, section = 0;
    line = 0;
    for (size_t pos = 0; pos < len && rc == DYAD_OK && !L->err;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *raw = data + pos, *s = raw;
        size_t raw_n = n;
        raw = trim(raw, &raw_n);
        pos += n + 1;
        line++;
        s = strip_comment(s, &n);
        if (!n) continue;
        if (tabari_skip(L, file, line, s, n, &section)) continue;
        if (L->lint) lint_line(L, file, line, s, n);
        if (s[0] == '&') {
            in_synset = 1;
            continue;
        }
        if (s[0] == '+' && in_synset) continue; /* read in pass 1 */
        in_synset = 0;
        if (n >= 3 && !memcmp(s, "---", 3)) { /* --- NAME [CODE] --- */
            if ((rc = flush_block(L, B)) != DYAD_OK) break;
            B->petrarch = 1;
            size_t k = 3;
            while (k < n && (s[k] == '-' || isspace((unsigned char)s[k]))) k++;
            size_t e = k;
            while (e < n && !isspace((unsigned char)s[e]) && s[e] != '[') e++;
            if (e == k) continue; /* a bare separator */
            add_verb(L, file, line, B, s + k, n - k);
            const char *br = memchr(s, '[', n);
            if (br) rc = add_code_proto(L, &B->block_code, br + 1, s + n, file, line, raw, raw_n);
            continue;
        }
        if (s[0] == '-') {
            if (!B->n_verbs) {
                dict_bad_line(L, file, line, "pattern without a verb above it");
                continue;
            }
            int r = add_pattern(L, file, line, B, syn, n_syn, s, n, raw, raw_n);
            if (r == -1) dict_bad_line(L, file, line, "pattern without [CODE]");
            else if (r == -2) rc = DYAD_ENOMEM;
            else if (r == 0) unusable++;
            else if (r == -4) {
                unusable++;
                if (L->conv) L->conv->dropped(L, file, line, "no code ([---]): dyad leaves the pattern out");
            }
            if (r == 0 && L->conv)
                L->conv->dropped(L, file, line, "over dyad's limits (elements, expansions) or two '*': not used");
            continue;
        }
        if (s[0] == '~' || s[0] == '=' || s[0] == '<' || s[0] == '{') continue;
        if (isalpha((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80 || s[0] == '+') {
            /* TABARI has no blocks: each verb line starts its own */
            if (!has_blocks && B->n_verbs && (rc = flush_block(L, B)) != DYAD_OK) break;
            rc = add_verb(L, file, line, B, s, n);
            const char *br = memchr(s, '[', n);
            if (rc == DYAD_OK && br && B->last)
                rc = add_code_proto(L, &B->last->own, br + 1, s + n, file, line, raw, raw_n);
            continue;
        }
        dict_bad_line(L, file, line, "line not understood");
    }
    if (rc == DYAD_OK && B) rc = flush_block(L, B);
    if (rc == DYAD_OK && B && (unusable || B->dropped_verbs || B->dropped_patterns || skipped_members))
        dict_diag(L, DYAD_DIAG_NOTE, file, 0,
                  "%zu patterns over dyad's limits (elements, expansions) or with two '*', "
                  "%zu synset members over the limits, %zu verbs/patterns over a block's "
                  "limits: not used",
                  unusable, skipped_members, B->dropped_verbs + B->dropped_patterns);
    if (L->lint && rc == DYAD_OK) lint_end_file(L, file);
    if (B) free(B->protos);
    free(B);
    free(syn);
    return rc;
}

/* A TABARI .options file. What has a meaning for dyad is read: `LABEL: CODE=NAME` names
 * an event code the verb files define for themselves (not in the CAMEO table; the
 * table's own names stand). Every other directive is named in a note with why dyad has
 * no use for it. A .project file (the names of TABARI's input and output files) is
 * skipped with a note. */
static int read_options(dict_loader *L, const char *file, const char *data, size_t len) {
    dyad_dict *d = L->d;
    uint64_t line = 0;
    size_t n_labels = 0, n_actor_labels = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
        const char *s = data + pos;
        pos += n + 1;
        line++;
        s = trim(s, &n);
        if (!n || (n >= 2 && s[0] == '/' && s[1] == '/') || s[0] == '~') continue;
        const char *colon = memchr(s, ':', n);
        size_t kn = colon ? (size_t)(colon - s) : n;
        const char *why = NULL;
        if (kn == 5 && !strncasecmp(s, "LABEL", 5)) {
            size_t vn = n - kn - 1;
            const char *v = trim(colon + 1, &vn);
            const char *eq = memchr(v, '=', vn);
            if (!eq) {
                dict_diag(L, DYAD_DIAG_WARNING, file, line, "LABEL without '=': ignored");
                continue;
            }
            size_t cn = (size_t)(eq - v), ln = vn - cn - 1;
            const char *c = trim(v, &cn), *lab = trim(eq + 1, &ln);
            int digits = cn > 0 && cn < DYAD_MAX_CODE_BYTES;
            for (size_t q = 0; q < cn && digits; q++) digits = isdigit((unsigned char)c[q]) != 0;
            if (!digits) { /* ARN=Arnor: an actor's label */
                n_actor_labels++;
                continue;
            }
            if (!ln) continue;
            if (dict_add_label(d, c, cn, lab, ln) != DYAD_OK) return DYAD_ENOMEM;
            if (L->conv && L->conv->label) L->conv->label(L, c, cn, lab, ln);
            n_labels++;
            continue;
        }
        if (kn == 7 && !strncasecmp(s, "COMPLEX", 7))
            why = "TABARI's complexity filter (sentences with more verbs or conjunctions than "
                  "given are set aside): dyad codes every sentence";
        else if (kn == 6 && !strncasecmp(s, "OUTPUT", 6))
            why = "TABARI's output fields: dyad's are chosen by `dyad code --format`";
        else if (kn == 3 && !strncasecmp(s, "SET", 3))
            why = "a TABARI setting (MATCH, ACTOR USAGE, VERB USAGE, LABEL: what its output and "
                  "usage files show): dyad's events carry their matched text and rules, and "
                  "`dyad explain` shows the rest";
        else
            why = "not a TABARI option dyad knows";
        dict_diag(L, DYAD_DIAG_NOTE, file, line, "'%.*s' not used: %s", (int)(n > 60 ? 60 : n), s, why);
    }
    dict_diag(L, DYAD_DIAG_NOTE, file, 0,
              "%zu event code labels read (they name the codes the verb files define for "
              "themselves; CAMEO's codes keep the table's names); %zu actor labels not used "
              "(dyad names actors by the words matched)",
              n_labels, n_actor_labels);
    return DYAD_OK;
}

int dict_petrarch_parse(dict_loader *L, const char *file, char *data, size_t len) {
    strip_xml_comments(data, len);
    int t = detect(file, data, len);
    if (L->conv)
        L->conv->begin_file(L, file, data, len,
                            t == P_VERBS      ? DICT_CONV_VERBS
                            : t == P_ACTORS   ? DICT_ACTOR
                            : t == P_AGENTS   ? DICT_AGENT
                            : t == P_DISCARDS ? DICT_DISCARD
                            : t == P_TABARI_SETUP && contains_ci(file, ".options") ? DICT_CONV_LABELS
                                              : DICT_CONV_SKIPPED);
    /* community files carry no version: their name stands in */
    if (t == P_ACTORS || t == P_AGENTS || t == P_VERBS || t == P_DISCARDS) {
        const char *base = strrchr(file, '/');
        base = base ? base + 1 : file;
        if (dict_add_version(L->d, base, strlen(base)) != DYAD_OK) return DYAD_ENOMEM;
    }
    switch (t) {
    case P_XML:
        dict_diag(L, DYAD_DIAG_WARNING, file, 0, "XML, not a dictionary: skipped");
        return DYAD_OK;
    case P_EMPTY: return DYAD_OK; /* comments only */
    case P_ISSUES:
        dict_diag(L, DYAD_DIAG_NOTE, file, 0, "issue codings are not used by dyad: skipped");
        return DYAD_OK;
    case P_TABARI_SETUP:
        if (!contains_ci(file, ".options")) {
            dict_diag(L, DYAD_DIAG_NOTE, file, 0,
                      "a TABARI .project file (the names of its input and output files): dyad is "
                      "given its files on the command line: skipped");
            return DYAD_OK;
        }
        return read_options(L, file, data, len);
    case P_PREPS:
        dict_diag(L, DYAD_DIAG_NOTE, file, 0,
                  "a preposition list: dyad's lexicon has its own closed classes: skipped");
        return DYAD_OK;
    case P_UNKNOWN:
        dict_diag(L, DYAD_DIAG_WARNING, file, 0,
                  "neither dyad's format (%%version/%%kind) nor a recognised TABARI/PETRARCH "
                  "dictionary: skipped");
        return DYAD_OK;
    case P_VERBS: return parse_verbs(L, file, data, len);
    default: return parse_nouns(L, file, data, len, t);
    }
}
