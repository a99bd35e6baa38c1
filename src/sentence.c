/* sentence.c: one paragraph of news prose -> sentences (abbreviations, initials, numbers,
 * ellipses, quotes), and the clean text of a sentence (whitespace collapsed, NFC). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* Length of whitespace at text[i] (ASCII space, tab, CR, LF, FF, VT, or U+00A0 NBSP). */
static size_t space_len(const char *t, size_t i, size_t end) {
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xA0) return 2;
    return 0;
}

/* Closing quote or bracket at t[i]: its length, else 0. */
static size_t closer_len(const char *t, size_t i, size_t end) {
    unsigned char c = (unsigned char)t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9D || (unsigned char)t[i + 2] == 0x99))
        return 3; /* ” ’ */
    return 0;
}

/* Can a sentence start at t[i]? An uppercase letter, a digit, an opening quote or
 * bracket, or a non-ASCII letter (taken as capitalized). */
static bool starts_sentence(const char *t, size_t i, size_t end) {
    unsigned char c = (unsigned char)t[i];
    if (is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c == '(' || c == '[') return true;
    if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0x9C || (unsigned char)t[i + 2] == 0x98))
        return true; /* “ ‘ */
    if (c >= 0xC3 && c < 0xE0) return true; /* Latin letters with accents and beyond */
    return false;
}

static bool in_list(const char *w, size_t n, const char *const *list) {
    if (n == 0) return false;
    for (size_t k = 0; list[k]; k++)
        if (list[k][0] == w[0] && !strncmp(list[k], w, n) && list[k][n] == '\0') return true;
    return false;
}

/* Abbreviations that are never the end of a sentence: titles before a name. */
static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Maj", "Capt", "Sgt",
    "Cpl", "Pvt", "Adm", "Cmdr", "Brig", "Prof", "Rev", "Hon", "Pres", "Supt", "Insp", "Amb",
    "Sens", "Reps", "Msgr", "Fr", "St", "Mt", "Ft", "Gens", "Lt.Gen", "vs", "Vs", "v", "cf",
    "approx", "Nos", "Vol", "Art", "Sec", NULL};

/* Abbreviations that may end a sentence; they do only when a typical sentence opener
 * follows ("... in the U.S. The ..."). */
static const char *const soft[] = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "etc", "Ave", "Blvd", "Calif", "Fla",
    "Mass", "Ill", "Pa", "Va", "Wash", "Tex", "Ariz", "Conn", "Ga", "Md", "Mich", "Minn",
    "Ky", "La", "Mo", "Nev", "Okla", "Ore", "Tenn", "Wis", "Colo", "Ala", "Ark", "Del",
    "Ind", "Kan", "Neb", "Miss", "Mont", "Wyo", "am", "pm", "a.m", "p.m", "Govt", "Dept",
    "Univ", "al", NULL};

static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On",
    "At", "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our",
    "Mr", "Mrs", "Ms", "After", "As", "If", "When", "While", "Some", "Many", "No", "Yet",
    "Still", "However", "Meanwhile", "Earlier", "Later", "Officials", "Police", NULL};

/* The word that ends just before the period at t[dot]: letters and inner periods. */
static size_t word_before(const char *t, size_t start, size_t dot) {
    size_t i = dot;
    while (i > start && (is_alpha((unsigned char)t[i - 1]) || t[i - 1] == '.')) i--;
    return i;
}

static bool period_ends_sentence(const char *t, size_t start, size_t dot, size_t next,
                                 size_t end) {
    size_t w = word_before(t, start, dot);
    size_t n = dot - w;
    if (n == 0) return true; /* "2019.", "said)." */
    const char *p = t + w;
    if (n == 1 && is_upper((unsigned char)p[0])) return false; /* initial: "John F. Kennedy" */
    if (in_list(p, n, titles)) return false;
    if (n == 2 && !memcmp(p, "No", 2) && is_digit((unsigned char)t[next])) return false;
    bool dotted = memchr(p, '.', n) != NULL; /* "U.S", "U.N", "a.m" */
    if (dotted || in_list(p, n, soft)) {
        size_t e = next;
        while (e < end && is_alpha((unsigned char)t[e])) e++;
        return in_list(t + next, e - next, openers) && (e >= end || !is_alpha((unsigned char)t[e]));
    }
    return true;
}

/* Quotation marks up to a point: q->inside says whether t[q->pos] lies inside one. */
typedef struct quotes {
    size_t pos;
    bool inside;
} quotes;

static void quotes_to(quotes *q, const char *t, size_t to) {
    while (q->pos < to) { /* from mark to mark: '"' and 0xE2, the first byte of U+201C/D */
        const char *dq = memchr(t + q->pos, '"', to - q->pos), *e2 = memchr(t + q->pos, 0xE2, to - q->pos);
        if (!dq && !e2) {
            q->pos = to;
            return;
        }
        q->pos = (size_t)((!e2 || (dq && dq < e2) ? dq : e2) - t);
        unsigned char c = (unsigned char)t[q->pos];
        if (c == '"') q->inside = !q->inside;
        else if (t[q->pos + 1] == '\x80' && t[q->pos + 2] == '\x9C') q->inside = true;
        else if (t[q->pos + 1] == '\x80' && t[q->pos + 2] == '\x9D') q->inside = false;
        q->pos++;
    }
}

/* Inside a quotation at t[j], is its speaker named right after it closes, within the
 * paragraph and at most SENT_MAX_QUOTE_JOIN bytes on: does it close with a comma (""We
 * will not back down. We will fight," he said.") or before a lowercase word (""What is
 * our guilt? What is our crime?" he said.")? Then it is one reported sentence. */
#define SENT_MAX_QUOTE_JOIN 600u
static bool quote_goes_on(const char *t, size_t j, size_t end) {
    size_t lim = end - j > SENT_MAX_QUOTE_JOIN ? j + SENT_MAX_QUOTE_JOIN : end;
    for (size_t i = j; i < lim; i++) {
        unsigned char c = (unsigned char)t[i];
        size_t cl = c == '"' ? 1
                    : (c == 0xE2 && i + 2 < end && t[i + 1] == '\x80' && (unsigned char)t[i + 2] == 0x9D) ? 3
                                                                                                           : 0;
        if (cl) {
            size_t b = i;
            if (cl == 3) /* a curly quote closes even after a stray space: ", ”he said" */
                while (b > j && t[b - 1] == ' ') b--;
            unsigned char before = b > j ? (unsigned char)t[b - 1] : 0;
            if (before == ',') return true;
            size_t k = i + cl;
            if (cl == 1) {
                /* a straight quote after a space opens a quotation (this one was never
                 * closed, or the count of quotation marks is off); one that closes
                 * ends a sentence before a space */
                if (before != '.' && before != '?' && before != '!' && before != 0xA6) return false;
                if (k >= end || t[k] != ' ') return false;
            }
            while (k < end && t[k] == ' ') k++;
            return k < end && is_lower((unsigned char)t[k]);
        }
        if (c == 0xE2 && i + 2 < end && t[i + 1] == '\x80' && (unsigned char)t[i + 2] == 0x9C)
            return false; /* another quotation opens: this one was never closed */
    }
    return false;
}

int sent_split(const char *t, uint32_t start, uint32_t end, sent_fn fn, void *ud) {
    size_t i = start, k;
    while (i < end && (k = space_len(t, i, end))) i += k;
    size_t s = i;
    quotes q = {start, false};
    while (i < end) {
        unsigned char c = (unsigned char)t[i];
        size_t term = 0; /* length of the terminal punctuation at i */
        if (c == '.' || c == '?' || c == '!') {
            term = 1; /* "...", "?!" */
            while (i + term < end && (t[i + term] == '.' || t[i + term] == '?' || t[i + term] == '!'))
                term++;
        } else if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0xA6) {
            term = 3; /* … */
        }
        if (!term) {
            i++;
            continue;
        }
        size_t j = i + term;
        while (j < end && (k = closer_len(t, j, end))) j += k;
        if (j >= end) break;
        if (!space_len(t, j, end)) {
            i = j > i + term ? j : i + term;
            continue;
        }
        size_t nx = j;
        while (nx < end && (k = space_len(t, nx, end))) nx += k;
        if (nx >= end) break;
        if (!starts_sentence(t, nx, end) ||
            (c == '.' && term == 1 && !period_ends_sentence(t, s, i, nx, end))) {
            i = j;
            continue;
        }
        quotes_to(&q, t, j);
        if (q.inside && quote_goes_on(t, j, end)) {
            i = j;
            continue;
        }
        int r = fn(ud, (uint32_t)s, (uint32_t)j);
        if (r) return r;
        s = i = nx;
    }
    size_t e = end;
    while (e > s) {
        if ((unsigned char)t[e - 1] <= ' ') e--;
        else if (e - s >= 2 && (unsigned char)t[e - 2] == 0xC2 && (unsigned char)t[e - 1] == 0xA0) e -= 2;
        else break;
    }
    if (e > s) return fn(ud, (uint32_t)s, (uint32_t)e);
    return 0;
}

char *sent_clean(arena *a, const char *t, uint32_t start, uint32_t end, size_t *len) {
    size_t n = end - start;
    char *out = arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0, i = start, k;
    bool ascii = true, pending = false;
    while (i < end) {
#ifdef __SSE2__
        /* Sixteen bytes copied as they are: printable ASCII whose spaces are single, the
         * last not a space, a first one only after text (a leading space is dropped). */
        if (!pending && end - i >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
            unsigned text = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1f)));
            unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
            if (text == 0xffffu && !(sp & (sp >> 1)) && !(sp & 0x8000u) && (o > 0 || !(sp & 1u))) {
                memcpy(out + o, t + i, 16);
                o += 16;
                i += 16;
                continue;
            }
        }
#endif
        unsigned char c = (unsigned char)t[i];
        if (c > ' ' && c < 0x80) { /* the common case */
            if (pending) {
                out[o++] = ' ';
                pending = false;
            }
            out[o++] = (char)c;
            i++;
            continue;
        }
        if ((k = space_len(t, i, end))) {
            pending = o > 0;
            i += k;
            continue;
        }
        if (pending) {
            out[o++] = ' ';
            pending = false;
        }
        if (c >= 0x80) ascii = false;
        out[o++] = (char)(c < 0x20 ? ' ' : c);
        i++;
    }
    out[o] = '\0';
    if (!ascii) {
        size_t nl;
        char *nfc = utf8_nfc(out, o, &nl);
        if (nfc) {
            char *p = arena_strndup(a, nfc, nl);
            free(nfc);
            if (!p) return NULL;
            out = p;
            o = nl;
        }
    }
    *len = o;
    return out;
}

size_t sent_count_tokens(const char *s, size_t n) {
    size_t count = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') {
            i++;
        } else if (is_alpha(c) || is_digit(c) || c >= 0x80) {
            count++;
            while (i < n && (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
                             (unsigned char)s[i] >= 0x80))
                i++;
        } else {
            count++;
            i++;
        }
    }
    return count;
}
