/* token.c: sentence -> tokens, with the normalized form every dictionary lookup uses.
 * ASCII goes through a 256-entry class table; other text through utf8proc (NFC, case fold). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Character classes. */
enum {
    C_OTHER = 0, /* other punctuation */
    C_SPACE,
    C_LOWER,
    C_UPPER,
    C_DIGIT,
    C_PERIOD,
    C_HYPHEN,
    C_APOS,   /* ' and U+2018 U+2019 */
    C_DQUOTE, /* " */
    C_OPENQ,  /* U+201C U+201E U+00AB */
    C_CLOSEQ, /* U+201D U+00BB */
    C_DASH,   /* U+2013 U+2014 U+2015 U+2012 */
    C_END,    /* ! ? */
    C_ELLIPSIS,
    C_LETTER, /* a non-ASCII letter, mark or number (case from utf8proc) */
    C_HIGH,   /* table only: decode the code point */
};

static const uint8_t ctab[256] = {
    ['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\v'] = C_SPACE, ['\f'] = C_SPACE, ['\r'] = C_SPACE,
    [' '] = C_SPACE, ['_'] = C_SPACE, /* '_' joins words as a blank does ("Dol_Amroth", as the community dictionaries write names) */
    ['a'] = C_LOWER, ['b'] = C_LOWER, ['c'] = C_LOWER, ['d'] = C_LOWER, ['e'] = C_LOWER,
    ['f'] = C_LOWER, ['g'] = C_LOWER, ['h'] = C_LOWER, ['i'] = C_LOWER, ['j'] = C_LOWER,
    ['k'] = C_LOWER, ['l'] = C_LOWER, ['m'] = C_LOWER, ['n'] = C_LOWER, ['o'] = C_LOWER,
    ['p'] = C_LOWER, ['q'] = C_LOWER, ['r'] = C_LOWER, ['s'] = C_LOWER, ['t'] = C_LOWER,
    ['u'] = C_LOWER, ['v'] = C_LOWER, ['w'] = C_LOWER, ['x'] = C_LOWER, ['y'] = C_LOWER,
    ['z'] = C_LOWER,
    ['A'] = C_UPPER, ['B'] = C_UPPER, ['C'] = C_UPPER, ['D'] = C_UPPER, ['E'] = C_UPPER,
    ['F'] = C_UPPER, ['G'] = C_UPPER, ['H'] = C_UPPER, ['I'] = C_UPPER, ['J'] = C_UPPER,
    ['K'] = C_UPPER, ['L'] = C_UPPER, ['M'] = C_UPPER, ['N'] = C_UPPER, ['O'] = C_UPPER,
    ['P'] = C_UPPER, ['Q'] = C_UPPER, ['R'] = C_UPPER, ['S'] = C_UPPER, ['T'] = C_UPPER,
    ['U'] = C_UPPER, ['V'] = C_UPPER, ['W'] = C_UPPER, ['X'] = C_UPPER, ['Y'] = C_UPPER,
    ['Z'] = C_UPPER,
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
    ['.'] = C_PERIOD, ['-'] = C_HYPHEN, ['\''] = C_APOS, ['"'] = C_DQUOTE,
    ['!'] = C_END, ['?'] = C_END,
    [0x80] = C_HIGH, [0x81] = C_HIGH, [0x82] = C_HIGH, [0x83] = C_HIGH, [0x84] = C_HIGH,
    [0x85] = C_HIGH, [0x86] = C_HIGH, [0x87] = C_HIGH, [0x88] = C_HIGH, [0x89] = C_HIGH,
    [0x8a] = C_HIGH, [0x8b] = C_HIGH, [0x8c] = C_HIGH, [0x8d] = C_HIGH, [0x8e] = C_HIGH,
    [0x8f] = C_HIGH, [0x90] = C_HIGH, [0x91] = C_HIGH, [0x92] = C_HIGH, [0x93] = C_HIGH,
    [0x94] = C_HIGH, [0x95] = C_HIGH, [0x96] = C_HIGH, [0x97] = C_HIGH, [0x98] = C_HIGH,
    [0x99] = C_HIGH, [0x9a] = C_HIGH, [0x9b] = C_HIGH, [0x9c] = C_HIGH, [0x9d] = C_HIGH,
    [0x9e] = C_HIGH, [0x9f] = C_HIGH, [0xa0] = C_HIGH, [0xa1] = C_HIGH, [0xa2] = C_HIGH,
    [0xa3] = C_HIGH, [0xa4] = C_HIGH, [0xa5] = C_HIGH, [0xa6] = C_HIGH, [0xa7] = C_HIGH,
    [0xa8] = C_HIGH, [0xa9] = C_HIGH, [0xaa] = C_HIGH, [0xab] = C_HIGH, [0xac] = C_HIGH,
    [0xad] = C_HIGH, [0xae] = C_HIGH, [0xaf] = C_HIGH, [0xb0] = C_HIGH, [0xb1] = C_HIGH,
    [0xb2] = C_HIGH, [0xb3] = C_HIGH, [0xb4] = C_HIGH, [0xb5] = C_HIGH, [0xb6] = C_HIGH,
    [0xb7] = C_HIGH, [0xb8] = C_HIGH, [0xb9] = C_HIGH, [0xba] = C_HIGH, [0xbb] = C_HIGH,
    [0xbc] = C_HIGH, [0xbd] = C_HIGH, [0xbe] = C_HIGH, [0xbf] = C_HIGH, [0xc0] = C_HIGH,
    [0xc1] = C_HIGH, [0xc2] = C_HIGH, [0xc3] = C_HIGH, [0xc4] = C_HIGH, [0xc5] = C_HIGH,
    [0xc6] = C_HIGH, [0xc7] = C_HIGH, [0xc8] = C_HIGH, [0xc9] = C_HIGH, [0xca] = C_HIGH,
    [0xcb] = C_HIGH, [0xcc] = C_HIGH, [0xcd] = C_HIGH, [0xce] = C_HIGH, [0xcf] = C_HIGH,
    [0xd0] = C_HIGH, [0xd1] = C_HIGH, [0xd2] = C_HIGH, [0xd3] = C_HIGH, [0xd4] = C_HIGH,
    [0xd5] = C_HIGH, [0xd6] = C_HIGH, [0xd7] = C_HIGH, [0xd8] = C_HIGH, [0xd9] = C_HIGH,
    [0xda] = C_HIGH, [0xdb] = C_HIGH, [0xdc] = C_HIGH, [0xdd] = C_HIGH, [0xde] = C_HIGH,
    [0xdf] = C_HIGH, [0xe0] = C_HIGH, [0xe1] = C_HIGH, [0xe2] = C_HIGH, [0xe3] = C_HIGH,
    [0xe4] = C_HIGH, [0xe5] = C_HIGH, [0xe6] = C_HIGH, [0xe7] = C_HIGH, [0xe8] = C_HIGH,
    [0xe9] = C_HIGH, [0xea] = C_HIGH, [0xeb] = C_HIGH, [0xec] = C_HIGH, [0xed] = C_HIGH,
    [0xee] = C_HIGH, [0xef] = C_HIGH, [0xf0] = C_HIGH, [0xf1] = C_HIGH, [0xf2] = C_HIGH,
    [0xf3] = C_HIGH, [0xf4] = C_HIGH, [0xf5] = C_HIGH, [0xf6] = C_HIGH, [0xf7] = C_HIGH,
    [0xf8] = C_HIGH, [0xf9] = C_HIGH, [0xfa] = C_HIGH, [0xfb] = C_HIGH, [0xfc] = C_HIGH,
    [0xfd] = C_HIGH, [0xfe] = C_HIGH, [0xff] = C_HIGH,
};

/* One character: its class, byte length, and (for letters) whether it is uppercase. */
typedef struct ch {
    uint8_t cls;
    uint8_t len;
    uint8_t upper;
} ch;

static ch char_at_high(const char *text, uint32_t p, uint32_t end);

/* The ASCII fast path inline; non-ASCII characters go to char_at_high. */
static inline ch char_at(const char *text, uint32_t p, uint32_t end) {
    unsigned char c = (unsigned char)text[p];
    ch r = {ctab[c], 1, (uint8_t)(ctab[c] == C_UPPER)};
    if (__builtin_expect(r.cls != C_HIGH, 1)) return r;
    return char_at_high(text, p, end);
}

static ch char_at_high(const char *text, uint32_t p, uint32_t end) {
    ch r = {C_HIGH, 1, 0};
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + p, (utf8proc_ssize_t)(end - p), &cp);
    if (n <= 0) { /* invalid byte: treat as punctuation of one byte */
        r.cls = C_OTHER;
        return r;
    }
    r.len = (uint8_t)n;
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: r.cls = C_APOS; return r;
    case 0x201C: case 0x201E: case 0x00AB: r.cls = C_OPENQ; return r;
    case 0x201D: case 0x00BB: case 0x201F: r.cls = C_CLOSEQ; return r;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: r.cls = C_DASH; return r;
    case 0x2010: case 0x2011: r.cls = C_HYPHEN; return r;
    case 0x2026: r.cls = C_ELLIPSIS; return r;
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x200B: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        r.cls = C_SPACE; return r;
    default: break;
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO) {
        r.cls = C_LETTER;
        r.upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    } else if (cat == UTF8PROC_CATEGORY_ZS) {
        r.cls = C_SPACE;
    } else {
        r.cls = C_OTHER;
    }
    return r;
}

static int is_alnum_cls(int c) {
    return c == C_LOWER || c == C_UPPER || c == C_DIGIT || c == C_LETTER;
}
static int is_alpha_cls(int c) { return c == C_LOWER || c == C_UPPER || c == C_LETTER; }

/* An initial or a courtesy title (its normal form so far, nb of len bytes with
 * `letters` letters) that may stand glued to a name by its period: "U.", "Ms.", "Dr.". */
static bool glued_initial(const char *nb, size_t len, unsigned letters) {
    static const char *const titles[] = {"mr", "mrs", "ms", "dr", "prof"};
    if (letters == 1 && len == 1) return true;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (len == strlen(titles[i]) && !memcmp(nb, titles[i], len)) return true;
    return false;
}

/* True when only spaces, quotes and closing brackets follow p up to end. */
static int rest_is_final(const char *text, uint32_t p, uint32_t end) {
    while (p < end) {
        ch c = char_at(text, p, end);
        unsigned char b = (unsigned char)text[p];
        if (!(c.cls == C_SPACE || c.cls == C_DQUOTE || c.cls == C_CLOSEQ || c.cls == C_APOS ||
              b == ')' || b == ']' || b == '}'))
            return 0;
        p += c.len;
    }
    return 1;
}

/* The growing token array (arena-backed), and the pool its normal forms are copied to:
 * one arena block for the sentence's tokens (twice its bytes, which ASCII text seldom
 * outgrows; past it, each norm gets its own arena copy). */
typedef struct toks {
    arena *a;
    tok *v;
    size_t n, cap;
    char *pool;
    size_t pool_left;
} toks;

/* A NUL-terminated copy of s[0, len) from the pool, else from the arena; NULL on OOM. */
static const char *norm_copy(toks *t, const char *s, size_t len) {
    if (len + 1 > t->pool_left) return arena_strndup(t->a, s, len);
    char *p = t->pool;
    memcpy(p, s, len);
    p[len] = '\0';
    t->pool += len + 1;
    t->pool_left -= len + 1;
    return p;
}

static inline tok *push(toks *t) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        if (cap > DYAD_MAX_SENTENCE_TOKENS + 1) cap = DYAD_MAX_SENTENCE_TOKENS + 1;
        if (t->n >= cap) return NULL;
        tok *v = arena_alloc(t->a, cap * sizeof(tok));
        if (!v) return NULL;
        if (t->n) memcpy(v, t->v, t->n * sizeof(tok));
        t->v = v;
        t->cap = cap;
    }
    tok *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    return k;
}

/* Sets a token's norm from raw bytes (ASCII already lowercased unless nonascii). */
static int set_norm(toks *t, tok *k, const char *nb, size_t len, int nonascii) {
    if (!nonascii) {
        k->norm = norm_copy(t, nb, len);
        k->norm_len = (uint16_t)len;
        k->lemma = k->norm;
        return k->norm ? DYAD_OK : DYAD_ENOMEM;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)nb, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) { /* cannot happen for input we validated; keep the bytes */
        k->norm = arena_strndup(t->a, nb, len);
        k->norm_len = (uint16_t)len;
    } else {
        if (n > UINT16_MAX) n = UINT16_MAX;
        k->norm = arena_strndup(t->a, (const char *)out, (size_t)n);
        k->norm_len = (uint16_t)n;
    }
    free(out);
    k->lemma = k->norm;
    return k->norm ? DYAD_OK : DYAD_ENOMEM;
}

#define NB_MAX (DYAD_MAX_SENTENCE_BYTES + 16u)

#ifdef __SSE2__
/* The end of the run of lowercase ASCII letters at text[p], before end: sixteen bytes at
 * a time where sixteen are left (most words end in the first block). */
static uint32_t lower_run_end(const char *text, uint32_t p, uint32_t end) {
    while (end - p >= 16) {
        /* 'a'..'z' moved to signed bytes -128..-103 */
        __m128i t = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(const void *)(text + p)),
                                 _mm_set1_epi8((char)(0x80 - 'a')));
        unsigned other = ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + 26)))) & 0xffffu;
        if (other) return p + (uint32_t)__builtin_ctz(other);
        p += 16;
    }
    while (p < end && ctab[(unsigned char)text[p]] == C_LOWER) p++;
    return p;
}
#endif

static int add_simple(toks *t, uint32_t s, uint32_t e, uint8_t cls, uint8_t flags,
                      const char *norm, size_t len) {
    tok *k = push(t);
    if (!k) return t->n >= DYAD_MAX_SENTENCE_TOKENS ? DYAD_ELIMIT : DYAD_ENOMEM;
    k->start = s;
    k->end = e;
    k->cls = cls;
    k->flags = flags;
    return set_norm(t, k, norm, len, 0);
}

int tok_split(arena *a, const char *text, uint32_t start, uint32_t end, tok **out, size_t *n) {
    *out = NULL;
    *n = 0;
    if (end < start) return DYAD_EINVAL;
    if (end - start > DYAD_MAX_SENTENCE_BYTES) return DYAD_ELIMIT;
    toks t = {a, NULL, 0, 0, NULL, 0};
    size_t pool = 2 * (size_t)(end - start) + 16;
    if ((t.pool = arena_alloc(a, pool)) != NULL) t.pool_left = pool;
    char nb[NB_MAX];
    uint32_t p = start;
    int joined = 0, seen_word = 0, rc;
    while (p < end) {
        ch c = char_at(text, p, end);
        if (c.cls == C_SPACE) {
            p += c.len;
            joined = 0;
            continue;
        }
        if (t.n >= DYAD_MAX_SENTENCE_TOKENS) return DYAD_ELIMIT;
        if (is_alnum_cls(c.cls)) {
            uint32_t s = p;
            size_t len = 0, seg = 0;
            unsigned letters = 0, uppers = 0;
            int nonascii = 0, abbrev = 0, number = c.cls == C_DIGIT, final_period = 0;
            int next_joined = 0;
            uint32_t period_at = 0;
            while (p < end) {
                if (ctab[(unsigned char)text[p]] == C_LOWER) { /* most bytes: a run at once */
                    uint32_t from = p;
#ifdef __SSE2__
                    if (end - p >= 16) {
                        p = lower_run_end(text, p + 1, end);
                        /* a run of one block at most (most words): one block copied, its
                         * bytes past the run written over or never read (len <= from - s,
                         * so len + 16 <= end - start < NB_MAX) */
                        if (p - from <= 16) memcpy(nb + len, text + from, 16);
                        else memcpy(nb + len, text + from, p - from);
                        len += p - from;
                    } else
#endif
                    {
                        do nb[len++] = text[p++];
                        while (p < end && ctab[(unsigned char)text[p]] == C_LOWER);
                    }
                    number = 0;
                    letters += p - from;
                    seg += p - from;
                    continue;
                }
                ch d = char_at(text, p, end);
                if (is_alnum_cls(d.cls)) {
                    if (d.cls != C_DIGIT) {
                        number = 0;
                        letters++;
                        uppers += d.upper;
                    }
                    if (d.cls == C_LETTER) {
                        nonascii = 1;
                        memcpy(nb + len, text + p, d.len);
                        len += d.len;
                    } else {
                        unsigned char b = (unsigned char)text[p];
                        nb[len++] = (char)(d.cls == C_UPPER ? b + 32 : b);
                    }
                    seg++;
                    p += d.len;
                    continue;
                }
                uint32_t q = p + d.len;
                ch e1 = q < end ? char_at(text, q, end) : (ch){C_SPACE, 1, 0};
                if (d.cls == C_APOS && is_alpha_cls(e1.cls) && !abbrev) {
                    unsigned char nx = (unsigned char)text[q];
                    uint32_t r = q + e1.len;
                    ch e2 = r < end ? char_at(text, r, end) : (ch){C_SPACE, 1, 0};
                    if ((nx == 's' || nx == 'S') && !is_alnum_cls(e2.cls)) break; /* 's */
                    if ((nx == 't' || nx == 'T') && len > 1 && nb[len - 1] == 'n' &&
                        !is_alnum_cls(e2.cls)) { /* don't -> do n't */
                        len--;
                        seg--;
                        letters--;
                        p--;
                        uppers -= text[p] == 'N';
                        break;
                    }
                    nb[len++] = '\'';
                    seg = 0;
                    p = q;
                    continue;
                }
                if (d.cls == C_PERIOD) {
                    if (number && e1.cls == C_DIGIT) { /* 3.5 */
                        nb[len++] = '.';
                        p = q;
                        continue;
                    }
                    if (seg == 1 && letters > 0 && is_alpha_cls(e1.cls) &&
                        (abbrev || q + e1.len < end)) {
                        /* U.N.: a single letter, a period, a letter */
                        ch e2 = q + e1.len < end ? char_at(text, q + e1.len, end)
                                                 : (ch){C_SPACE, 1, 0};
                        if (abbrev || e2.cls == C_PERIOD) {
                            abbrev = 1;
                            seg = 0;
                            p = q;
                            continue;
                        }
                    }
                    if (number) break;
                    if (abbrev && seg == 1) { /* the closing period of U.S. */
                        period_at = p;
                        p = q;
                        if (rest_is_final(text, p, end)) final_period = 1;
                        break;
                    }
                    /* "U.Khurelsukh", "Ms.Audrey Azoulay": an initial or a title glued to
                     * the capitalised name after it is an abbreviation of its own, and the
                     * name a word of its own (not "example.com") */
                    if (e1.cls == C_UPPER && uppers == 1 && glued_initial(nb, len, letters)) {
                        abbrev = 2;
                        p = q;
                        break;
                    }
                    if (is_alnum_cls(e1.cls) || e1.cls == C_PERIOD) break; /* example.com, ... */
                    if (rest_is_final(text, q, end)) break; /* sentence end: a TOK_END follows */
                    abbrev = 2; /* Gen. Mr. Inc. mid-sentence */
                    p = q;
                    break;
                }
                if (d.cls == C_HYPHEN && is_alnum_cls(e1.cls)) {
                    next_joined = 1;
                    break;
                }
                if (number && (text[p] == ',' || text[p] == ':') && e1.cls == C_DIGIT) {
                    nb[len++] = text[p];
                    p = q;
                    continue;
                }
                break;
            }
            tok *k = push(&t);
            if (!k) return t.n >= DYAD_MAX_SENTENCE_TOKENS ? DYAD_ELIMIT : DYAD_ENOMEM;
            k->start = s;
            k->end = p;
            k->cls = number ? TOK_NUMBER : TOK_WORD;
            if (letters && uppers) {
                ch f = char_at(text, s, end);
                if (f.upper) k->flags |= TOK_CAP;
                if (uppers == letters && (letters >= 2)) k->flags |= TOK_ALLCAPS;
            }
            if (abbrev) k->flags |= TOK_ABBREV;
            if (joined) k->flags |= TOK_JOINED;
            if (!seen_word) {
                k->flags |= TOK_FIRST;
                seen_word = 1;
            }
            if (!nonascii && len < 16 && t.pool_left >= 16) {
                /* most words: one block of nb copied to the pool, no call (nb holds
                 * len + 16 bytes, see above; the bytes past the NUL are written over by
                 * the next norm or never read) */
                char *q = t.pool;
                memcpy(q, nb, 16);
                q[len] = '\0';
                t.pool += len + 1;
                t.pool_left -= len + 1;
                k->norm = q;
                k->norm_len = (uint16_t)len;
                k->lemma = q;
            } else if ((rc = set_norm(&t, k, nb, len, nonascii)) != DYAD_OK) {
                return rc;
            }
            if (final_period) {
                if ((rc = add_simple(&t, period_at, period_at + 1, TOK_END, 0, ".", 1)) != DYAD_OK)
                    return rc;
            }
            joined = 0;
            if (next_joined) {
                p++; /* the ASCII hyphen */
                joined = 1;
            } else if (p < end && char_at(text, p, end).cls == C_HYPHEN) {
                ch h = char_at(text, p, end);
                if (p + h.len < end && is_alnum_cls(char_at(text, p + h.len, end).cls)) {
                    p += h.len;
                    joined = 1;
                }
            }
            continue;
        }
        joined = 0;
        uint32_t s = p;
        uint32_t q = p + c.len;
        ch e1 = q < end ? char_at(text, q, end) : (ch){C_SPACE, 1, 0};
        int after_word = t.n > 0 && t.v[t.n - 1].end == s &&
                         (t.v[t.n - 1].cls == TOK_WORD || t.v[t.n - 1].cls == TOK_NUMBER);
        switch (c.cls) {
        case C_APOS: {
            unsigned char nx = q < end ? (unsigned char)text[q] : 0;
            ch e2 = q + 1 < end ? char_at(text, q + 1, end) : (ch){C_SPACE, 1, 0};
            if (after_word && (nx == 's' || nx == 'S') && !is_alnum_cls(e2.cls)) {
                rc = add_simple(&t, s, q + 1, TOK_POSS, 0, "'s", 2);
                p = q + 1;
            } else if (after_word && t.v[t.n - 1].norm_len &&
                       t.v[t.n - 1].norm[t.v[t.n - 1].norm_len - 1] == 's' &&
                       !is_alnum_cls(e1.cls)) {
                rc = add_simple(&t, s, q, TOK_POSS, 0, "'", 1);
                p = q;
            } else if (after_word || !is_alnum_cls(e1.cls)) {
                rc = add_simple(&t, s, q, TOK_QUOTE, TOK_CLOSEQ, "'", 1);
                p = q;
            } else {
                rc = add_simple(&t, s, q, TOK_QUOTE, TOK_OPENQ, "'", 1);
                p = q;
            }
            break;
        }
        case C_DQUOTE: {
            int open = 1;
            if (s > start) {
                ch prev = {C_SPACE, 1, 0};
                unsigned char pb = (unsigned char)text[s - 1];
                if (pb < 0x80) prev = char_at(text, s - 1, end);
                else prev.cls = C_OTHER;
                open = prev.cls == C_SPACE || pb == '(' || pb == '[' || prev.cls == C_DASH;
            }
            rc = add_simple(&t, s, q, TOK_QUOTE, open ? TOK_OPENQ : TOK_CLOSEQ, "\"", 1);
            p = q;
            break;
        }
        case C_OPENQ: rc = add_simple(&t, s, q, TOK_QUOTE, TOK_OPENQ, "\"", 1); p = q; break;
        case C_CLOSEQ: rc = add_simple(&t, s, q, TOK_QUOTE, TOK_CLOSEQ, "\"", 1); p = q; break;
        case C_DASH: rc = add_simple(&t, s, q, TOK_DASH, 0, "--", 2); p = q; break;
        case C_HYPHEN:
            if (e1.cls == C_HYPHEN) q += e1.len;
            rc = add_simple(&t, s, q, TOK_DASH, 0, "--", 2);
            p = q;
            break;
        case C_END: rc = add_simple(&t, s, q, TOK_END, 0, text + s, 1); p = q; break;
        case C_ELLIPSIS: rc = add_simple(&t, s, q, TOK_PUNCT, 0, "...", 3); p = q; break;
        case C_PERIOD:
            if (e1.cls == C_PERIOD) {
                while (q < end && text[q] == '.') q++;
                rc = add_simple(&t, s, q, TOK_PUNCT, 0, "...", 3);
            } else if (rest_is_final(text, q, end)) {
                rc = add_simple(&t, s, q, TOK_END, 0, ".", 1);
            } else {
                rc = add_simple(&t, s, q, TOK_PUNCT, 0, ".", 1);
            }
            p = q;
            break;
        default:
            if (c.len == 1) {
                rc = add_simple(&t, s, q, TOK_PUNCT, 0, text + s, 1);
            } else {
                tok *k = push(&t);
                if (!k) return t.n >= DYAD_MAX_SENTENCE_TOKENS ? DYAD_ELIMIT : DYAD_ENOMEM;
                k->start = s;
                k->end = q;
                k->cls = TOK_PUNCT;
                rc = set_norm(&t, k, text + s, c.len, 0);
            }
            p = q;
            break;
        }
        if (rc != DYAD_OK) return rc;
    }
    *out = t.v;
    *n = t.n;
    return DYAD_OK;
}

int tok_normalize_phrase(const char *s, size_t len, dyad_buf *b) {
    if (len > DYAD_MAX_SENTENCE_BYTES) return DYAD_ELIMIT;
    arena a = {NULL, 16u * 1024u};
    tok *v;
    size_t n;
    int rc = tok_split(&a, s, 0, (uint32_t)len, &v, &n);
    size_t written = 0;
    for (size_t i = 0; rc == DYAD_OK && i < n; i++) {
        if (v[i].cls != TOK_WORD && v[i].cls != TOK_NUMBER && v[i].cls != TOK_POSS) continue;
        if (written++ && (rc = dyad_buf_append(b, " ", 1)) != DYAD_OK) break;
        rc = dyad_buf_append(b, v[i].norm, v[i].norm_len);
    }
    arena_free(&a);
    return rc;
}
