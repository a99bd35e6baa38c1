/* story.c: a record -> a story: valid UTF-8 text, headline, dateline, boilerplate removed
 * (each removal with its reason), sentences with spans, clean text and resolved dates. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct story_impl {
    dyad_story pub;
    arena a;
    dyad_sentence *sent;
    size_t n_sent, cap_sent;
    dyad_removal *rem;
    size_t n_rem, cap_rem;
} story_impl;

/* A line or paragraph: [start, end) with surrounding whitespace trimmed. */
typedef struct span {
    uint32_t start, end;
} span;

typedef struct parse_ctx {
    story_impl *st;
    const char *t;
    size_t len;
    dyad_diag_fn diag;
    void *diag_ud;
    int err;
    int quote; /* inside a quotation, while splitting one paragraph */
} parse_ctx;

static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hspace(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static bool starts_with(const char *p, size_t n, const char *pre) {
    if (pre[0] && (!n || p[0] != pre[0])) return false; /* the first byte first: most lines differ there */
    size_t k = strlen(pre);
    return n >= k && !memcmp(p, pre, k);
}

static bool contains(const char *p, size_t n, const char *needle) {
    size_t k = strlen(needle);
    const char *end = p + n;
    while (k <= (size_t)(end - p)) {
        const char *q = memchr(p, needle[0], (size_t)(end - p) - k + 1);
        if (!q) return false;
        if (!memcmp(q, needle, k)) return true;
        p = q + 1;
    }
    return false;
}

static span trim(const char *t, uint32_t s, uint32_t e) {
    while (s < e && ((unsigned char)t[s] <= ' ' ||
                     ((unsigned char)t[s] == 0xC2 && s + 1 < e && (unsigned char)t[s + 1] == 0xA0)))
        s += (unsigned char)t[s] == 0xC2 ? 2 : 1;
    while (e > s && (unsigned char)t[e - 1] <= ' ') e--;
    return (span){s, e};
}

/* ---- growing arrays ---- */

static int add_removal(parse_ctx *c, uint32_t s, uint32_t e, const char *reason) {
    story_impl *st = c->st;
    span sp = trim(c->t, s, e);
    if (sp.end <= sp.start) return DYAD_OK;
    if (st->n_rem == st->cap_rem) {
        size_t cap = st->cap_rem ? st->cap_rem * 2 : 8;
        dyad_removal *p = realloc(st->rem, cap * sizeof *p);
        if (!p) return DYAD_ENOMEM;
        st->rem = p;
        st->cap_rem = cap;
    }
    dyad_removal *r = &st->rem[st->n_rem];
    r->start = sp.start;
    r->end = sp.end;
    size_t n;
    r->text = sent_clean(&st->a, c->t, sp.start, sp.end, &n);
    if (!r->text) return DYAD_ENOMEM;
    r->reason = reason;
    st->n_rem++;
    return DYAD_OK;
}

/* Fraction of sentence bytes inside quotation marks, tracking c->quote. The bytes
 * between marks are counted as a run: memchr finds the next '"' and the next 0xE2 (the
 * first byte of U+201C and U+201D), each again only once it is passed. */
static bool mostly_quoted(parse_ctx *c, uint32_t s, uint32_t e) {
    const unsigned char *t = (const unsigned char *)c->t;
    size_t inside = 0;
    const unsigned char *dq = memchr(t + s, '"', e - s), *e2 = memchr(t + s, 0xE2, e - s);
    uint32_t i = s;
    while (i < e) {
        uint32_t j = e; /* the next candidate mark */
        if (dq && (uint32_t)(dq - t) < j) j = (uint32_t)(dq - t);
        if (e2 && (uint32_t)(e2 - t) < j) j = (uint32_t)(e2 - t);
        if (c->quote) inside += j - i;
        if (j == e) break;
        i = j;
        if (t[i] == '"') { /* quotation marks count as quoted text */
            c->quote = !c->quote;
            inside++;
            i++;
            dq = memchr(t + i, '"', e - i);
            continue;
        }
        if (i + 2 < e && t[i + 1] == 0x80 && (t[i + 2] == 0x9C || t[i + 2] == 0x9D)) {
            c->quote = t[i + 2] == 0x9C;
            inside += 3;
            i += 3;
        } else {
            if (c->quote) inside++;
            i++;
        }
        e2 = memchr(t + i, 0xE2, e - i);
    }
    return inside * 2 > (size_t)(e - s);
}

static int add_sentence(void *ud, uint32_t s, uint32_t e) {
    parse_ctx *c = ud;
    story_impl *st = c->st;
    if (st->n_sent >= DYAD_MAX_SENTENCES) {
        diag_report(c->diag, c->diag_ud, DYAD_DIAG_ERROR, st->pub.file, st->pub.line,
                    "story %s has more than DYAD_MAX_SENTENCES (%u) sentences: skipped",
                    st->pub.id, DYAD_MAX_SENTENCES);
        return DYAD_ELIMIT;
    }
    if (st->n_sent == st->cap_sent) {
        size_t cap = st->cap_sent ? st->cap_sent * 2 : 32;
        dyad_sentence *p = realloc(st->sent, cap * sizeof *p);
        if (!p) return DYAD_ENOMEM;
        st->sent = p;
        st->cap_sent = cap;
    }
    dyad_sentence *x = &st->sent[st->n_sent];
    memset(x, 0, sizeof *x);
    x->index = (uint32_t)st->n_sent;
    x->start = s;
    x->end = e;
    x->text = sent_clean(&st->a, c->t, s, e, &x->text_len);
    if (!x->text) return DYAD_ENOMEM;
    if (mostly_quoted(c, s, e)) x->flags |= DYAD_SENT_QUOTE;
    size_t ntok = 0;
    if (e - s > DYAD_MAX_SENTENCE_BYTES) {
        x->flags |= DYAD_SENT_SKIPPED;
        diag_report(c->diag, c->diag_ud, DYAD_DIAG_WARNING, st->pub.file, st->pub.line,
                    "story %s: sentence %zu is %u bytes, over DYAD_MAX_SENTENCE_BYTES (%u): "
                    "kept but not coded", st->pub.id, st->n_sent, e - s, DYAD_MAX_SENTENCE_BYTES);
    } else if (x->text_len > DYAD_MAX_SENTENCE_TOKENS && /* fewer bytes, fewer tokens */
               (ntok = sent_count_tokens(x->text, x->text_len)) > DYAD_MAX_SENTENCE_TOKENS) {
        x->flags |= DYAD_SENT_SKIPPED;
        diag_report(c->diag, c->diag_ud, DYAD_DIAG_WARNING, st->pub.file, st->pub.line,
                    "story %s: sentence %zu has about %zu tokens, over DYAD_MAX_SENTENCE_TOKENS "
                    "(%u): kept but not coded", st->pub.id, st->n_sent, ntok,
                    DYAD_MAX_SENTENCE_TOKENS);
    }
    if (x->flags & DYAD_SENT_SKIPPED) st->pub.skipped_sentences++;
    st->n_sent++;
    return DYAD_OK;
}

/* ---- recognizers ---- */

/* A line that only draws a rule: "___", "---", "***", "===". */
static bool is_separator(const char *p, size_t n) {
    if (n < 3) return false;
    for (size_t i = 0; i < n; i++)
        if (p[i] != '_' && p[i] != '-' && p[i] != '*' && p[i] != '=' && p[i] != ' ') return false;
    return true;
}

static int32_t timestamp_line(const char *p, size_t n) {
    static const char *const labels[] = {"Published", "Updated", "Posted", "Date", "Dated",
                                         "First published", "Last updated", NULL};
    if (n == 0 || n > 100) return 0;
    size_t i = 0;
    for (size_t k = 0; labels[k]; k++) {
        size_t l = strlen(labels[k]);
        if (n > l && !strncasecmp(p, labels[k], l) && (p[l] == ':' || p[l] == ' ')) {
            i = l;
            while (i < n && (p[i] == ':' || p[i] == ' ' || p[i] == '\t')) i++;
            if (i + 3 < n && !strncasecmp(p + i, "on ", 3)) i += 3;
            break;
        }
    }
    /* A line without a label must be short: a date, perhaps with a time. */
    if (i == 0 && (n > 40 || (!is_digit((unsigned char)p[0]) && !is_upper((unsigned char)p[0]))))
        return 0;
    int32_t d = 0;
    if (dyad_date_parse(p + i, n - i, &d) != DYAD_OK) return 0;
    /* The line is a date (and a time), not prose that opens with one ("June 12, 2018
     * summit recalled"): no lowercase word of three letters or more. */
    for (size_t k = i; k < n;) {
        if (!is_lower((unsigned char)p[k]) || (k > 0 && (is_lower((unsigned char)p[k - 1]) ||
                                                        is_upper((unsigned char)p[k - 1])))) {
            k++;
            continue;
        }
        size_t e = k;
        while (e < n && is_lower((unsigned char)p[e])) e++;
        if (e - k >= 3) return 0;
        k = e;
    }
    return d;
}

static bool is_banner(const char *p, size_t n) {
    return starts_with(p, n, "This is an archived article") ||
           starts_with(p, n, "This article is more than") ||
           starts_with(p, n, "This story has been corrected");
}

static bool year_within(const char *p, size_t n, size_t from, size_t to) {
    for (size_t i = from; i + 4 <= n && i < to; i++)
        if ((p[i] == '1' || p[i] == '2') && is_digit((unsigned char)p[i + 1]) &&
            is_digit((unsigned char)p[i + 2]) && is_digit((unsigned char)p[i + 3]))
            return true;
    return false;
}

/* Copyright notices: "Copyright 2019 The Associated Press. All rights reserved. ...". */
static bool is_copyright(const char *p, size_t n) {
    if (starts_with(p, n, "All rights reserved") || starts_with(p, n, "ALL RIGHTS RESERVED") ||
        starts_with(p, n, "This material may not be published"))
        return true;
    if (starts_with(p, n, "Copyright") || starts_with(p, n, "COPYRIGHT") ||
        starts_with(p, n, "\xC2\xA9") || starts_with(p, n, "(c)") || starts_with(p, n, "(C)"))
        return year_within(p, n, 2, 40) || contains(p, n < 200 ? n : 200, "ights reserved");
    return false;
}

static bool is_contributor(const char *p, size_t n) {
    if (n > 600) return false;
    return contains(p, n, "contributed to this report") ||
           contains(p, n, "contributed to this story") ||
           contains(p, n, "contributed reporting") || contains(p, n, "contributed to the report") ||
           (starts_with(p, n, "Associated Press writer") && n > 13 &&
            !memcmp(p + n - 13, " contributed.", 13)) ||
           starts_with(p, n, "Reporting by ") || starts_with(p, n, "Additional reporting by ") ||
           starts_with(p, n, "Editing by ") || starts_with(p, n, "Writing by ");
}

static bool is_follow(const char *p, size_t n) {
    if (n > 400 || !starts_with(p, n, "Follow ")) return false;
    return contains(p, n, "Twitter") || contains(p, n, "twitter") || contains(p, n, "http") ||
           contains(p, n, "@") || contains(p, n, "Facebook") || contains(p, n, "Instagram") ||
           contains(p, n, "coverage") || contains(p, n, " on X") || starts_with(p, n, "Follow us");
}

static bool is_related(const char *p, size_t n) {
    static const char *const pre[] = {"Related:", "RELATED:", "Related coverage", "RELATED COVERAGE",
                                      "Read more:", "READ MORE:", "See also:", "Related stories",
                                      "Related Stories", "Related news", NULL};
    for (size_t k = 0; pre[k]; k++)
        if (starts_with(p, n, pre[k])) return true;
    return n < 400 && starts_with(p, n, "More ") && contains(p, n, "http");
}

/* "By JANE DOE, Associated Press", "By Hyonhee Shin and Josh Smith": short, every word
 * capitalized or a connective. */
static bool is_byline(const char *p, size_t n) {
    if (n > 160 || n < 5 || !(starts_with(p, n, "By ") || starts_with(p, n, "BY ")) ||
        !is_upper((unsigned char)p[3]))
        return false;
    if (p[n - 1] == '.' && !(n >= 3 && is_upper((unsigned char)p[n - 2]))) return false;
    size_t words = 0, i = 3;
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == ',')) i++;
        if (i >= n) break;
        size_t w = i;
        while (i < n && p[i] != ' ' && p[i] != ',') i++;
        words++;
        unsigned char c = (unsigned char)p[w];
        if (!is_upper(c) && c < 0x80 && !(i - w == 3 && !memcmp(p + w, "and", 3)) &&
            !(i - w == 2 && (!memcmp(p + w, "of", 2) || !memcmp(p + w, "de", 2))) &&
            !(i - w == 3 && !memcmp(p + w, "the", 3)) && !(i - w == 3 && !memcmp(p + w, "van", 3)))
            return false;
    }
    return words >= 1 && words <= 12;
}

/* Dash after a dateline: — – -- or a spaced hyphen. Returns its length at p[i], else 0. */
static size_t dash_len(const char *p, size_t n, size_t i) {
    if (i + 2 < n + 0 && (unsigned char)p[i] == 0xE2 && (unsigned char)p[i + 1] == 0x80 &&
        ((unsigned char)p[i + 2] == 0x94 || (unsigned char)p[i + 2] == 0x93))
        return 3;
    if (i + 1 < n && p[i] == '-' && p[i + 1] == '-') return 2;
    if (i < n && p[i] == '-' && i + 1 < n && p[i + 1] == ' ') return 1;
    return 0;
}

/* A full date and a colon right after a dateline's dash, the date of writing ("CAIRO –
 * 26 July 2022: Minister ..."): the offset past the colon and its spaces, the date in
 * *date; 0 if none. DATELINE_DATE_BYTES bounds the date's words. */
#define DATELINE_DATE_BYTES 32
static size_t dated_after_dash(const char *p, size_t n, size_t i, int32_t *date) {
    if (i >= n || !(is_digit((unsigned char)p[i]) || is_upper((unsigned char)p[i]))) return 0;
    size_t e = i;
    while (e < n && e - i < DATELINE_DATE_BYTES && p[e] != ':' && p[e] != '\n') e++;
    if (e >= n || p[e] != ':' || e == i || !is_digit((unsigned char)p[e - 1])) return 0;
    if (dyad_date_parse(p + i, e - i, date) != DYAD_OK || *date == 0) return 0;
    e++;
    while (e < n && (p[e] == ' ' || p[e] == '\t')) e++;
    return e < n ? e : 0;
}

typedef struct dateline {
    size_t len;              /* bytes of the paragraph it covers, spaces after the dash included */
    size_t place_len;        /* the place: p[0, place_len) */
    size_t agency_off, agency_len;
    int32_t date;            /* a full date in it ("KIGALI, Jun 15 2022 (IPS) -"), else 0 */
} dateline;

/* "SEOUL, South Korea (AP) —", "BEIRUT, Sept 3 (Reuters) -", "MOSCOW —". */
static bool find_dateline(const char *p, size_t n, dateline *dl) {
    size_t i = 0, letters = 0, words = 0;
    memset(dl, 0, sizeof *dl);
    if (n > 200) n = 200;
    /* Place words in capitals: "UNITED NATIONS", "ST. LOUIS", "SÃO PAULO". */
    while (i < n && words < 6) {
        unsigned char c = (unsigned char)p[i];
        if (!is_upper(c) && !(c >= 0xC3 && c < 0xE0)) break;
        size_t w = i;
        while (i < n) {
            c = (unsigned char)p[i];
            if (is_upper(c)) letters++;
            else if (is_lower(c)) return false;
            else if (!((c >= 0x80 && c < 0xE0) || c == '.' || c == '\'' || c == '-' || c == '&'))
                break; /* letters beyond ASCII are taken as capitals; U+2000.. is punctuation */
            i++;
        }
        if (i == w) break;
        words++;
        if (i < n && p[i] == ' ' && i + 1 < n &&
            (is_upper((unsigned char)p[i + 1]) ||
             ((unsigned char)p[i + 1] >= 0xC3 && (unsigned char)p[i + 1] < 0xE0)) &&
            !(i + 2 < n && is_lower((unsigned char)p[i + 2])))
            i++;
        else
            break;
    }
    if (letters < 2 || words == 0) return false;
    size_t place_end = i, date_at = 0;
    /* "CAIRO- 24 July 2022:": a hyphen glued to the place is the dash when a full date
     * and a colon follow it (dated_after_dash) */
    size_t glued = i >= 2 && p[i - 1] == '-' && p[i - 2] != '-' && i < n && p[i] == ' ' ? i : 0;
    if (glued) {
        while (glued < n && p[glued] == ' ') glued++;
        size_t after = dated_after_dash(p, n, glued, &dl->date);
        if (!after) return false;
        dl->len = after;
        dl->place_len = i - 1;
        return true;
    }
    bool region_open = true;
    /* ", South Korea", ", Calif.", ", Sept 3" */
    for (int seg = 0; seg < 3 && i < n && p[i] == ','; seg++) {
        size_t s = i + 1;
        while (s < n && p[s] == ' ') s++;
        size_t e = s;
        while (e < n && p[e] != ',' && p[e] != '(' && !dash_len(p, n, e) &&
               !((unsigned char)p[e] == 0xE2)) e++;
        size_t se = e;
        while (se > s && p[se - 1] == ' ') se--;
        bool year = !region_open && se - s == 4 && is_digit((unsigned char)p[s]) &&
                    is_digit((unsigned char)p[s + 3]); /* "BEIRUT, Aug 1, 2008 (AFP) -" */
        if (se == s || se - s > 40 || (!is_upper((unsigned char)p[s]) && !year)) return false;
        if (year) {
            if (date_at && dyad_date_parse(p + date_at, se - date_at, &dl->date) != DYAD_OK) dl->date = 0;
            i = e;
            continue;
        }
        size_t ws = s;
        while (ws < se && p[ws] != ' ' && p[ws] != '.') ws++;
        bool is_date = date_month_from_name(p + s, ws - s) != 0 && ws < se &&
                       (is_digit((unsigned char)p[se - 1]));
        if (is_date) {
            region_open = false;
            date_at = s;
            if (dyad_date_parse(p + s, se - s, &dl->date) != DYAD_OK) dl->date = 0; /* "Jun 15 2022" */
        } else if (region_open) place_end = se;
        else return false;
        i = e;
    }
    while (i < n && p[i] == ' ') i++;
    if (i < n && p[i] == '(') {
        size_t e = i + 1;
        while (e < n && p[e] != ')' && e - i < 40) e++;
        if (e >= n || p[e] != ')' || e == i + 1 || !is_upper((unsigned char)p[i + 1])) return false;
        dl->agency_off = i + 1;
        dl->agency_len = e - i - 1;
        i = e + 1;
        while (i < n && p[i] == ' ') i++;
    } else if (i == place_end && (i == 0 || p[i - 1] != ' ')) {
        /* "MOSCOW —" needs the space before the dash */
        if (!(i < n && p[i] == ' ')) return false;
    }
    size_t d = dash_len(p, n, i);
    if (!d) return false;
    i += d;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
    if (i >= n) return false;
    int32_t after_date;
    size_t after = dl->date ? 0 : dated_after_dash(p, n, i, &after_date);
    if (after) {
        dl->date = after_date;
        i = after;
    }
    dl->len = i;
    dl->place_len = place_end;
    return true;
}

/* ---- paragraphs ---- */

typedef struct para {
    span sp;
    uint8_t kind; /* see enum below */
    uint8_t one_line;
} para;

enum { P_TEXT = 0, P_REMOVED };

static int32_t find_timestamp_in(const char *t, size_t len, size_t max_lines) {
    size_t i = 0, lines = 0;
    while (i < len && lines < max_lines) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        span sp = trim(t, (uint32_t)i, (uint32_t)e);
        if (sp.end > sp.start) {
            int32_t d = timestamp_line(t + sp.start, sp.end - sp.start);
            if (d) return d;
            lines++;
        }
        i = e + 1;
    }
    return 0;
}

int32_t story_find_timestamp(const char *text, size_t len) {
    if (len > DYAD_MAX_STORY_BYTES) len = DYAD_MAX_STORY_BYTES;
    return find_timestamp_in(text, len, 400);
}

/* ---- news database exports (Factiva, LexisNexis) ---- */

/* Short words that headlines leave in lowercase ("Iran Seizes Tanker in Strait of Hormuz")
 * and that a line of running text may end with before it wraps ("talks with"). */
static bool function_word(const char *w, size_t n) {
    static const char *const words[] = {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "nor", "but", "by",
        "with", "from", "as", "vs", "via", "into", "onto", "over", "per", "than", "that", "its",
        "his", "her", "their", "our", "is", "are", "was", "were", "be", "has", "have", "had",
        "will", "would", "after", "amid", "about", "against", "who", "which", NULL};
    if (n == 0 || n > 7) return false;
    for (size_t k = 0; words[k]; k++)
        if (!strncmp(words[k], w, n) && words[k][n] == '\0') return true;
    return false;
}

/* The last word of a line, when it is a lowercase function word: the line goes on in the
 * next ("... a British-flagged tanker in the"). */
static bool ends_in_function_word(const char *p, size_t n) {
    size_t e = n;
    while (e > 0 && is_lower((unsigned char)p[e - 1])) e--;
    return (e == 0 || p[e - 1] == ' ' || p[e - 1] == '\t') && function_word(p + e, n - e);
}

/* A title-case line: a headline or subhead ("Iran Seizes British Tanker in Strait of
 * Hormuz", "UK SUMMONS IRANIAN ENVOY"): at least three capitalized words, every word
 * that is not a short function word capitalized (or a number), the first one too, and
 * no final . , ; : or function word. Such a line is a paragraph of its own. */
static bool title_line(const char *p, size_t n) {
    if (n == 0 || n > 200) return false;
    char last = p[n - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || ends_in_function_word(p, n))
        return false;
    size_t caps = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (p[i] == ' ' || p[i] == '\t')) i++;
        size_t w = i;
        while (i < n && p[i] != ' ' && p[i] != '\t') i++;
        /* the word's first letter, past quotes and brackets */
        size_t k = w;
        while (k < i && !is_upper((unsigned char)p[k]) && !is_lower((unsigned char)p[k]) &&
               !is_digit((unsigned char)p[k]) && (unsigned char)p[k] < 0xC3)
            k++;
        if (k >= i || is_digit((unsigned char)p[k])) continue; /* "-", "2019", "$2.5" */
        unsigned char c = (unsigned char)p[k];
        if (is_upper(c) || c >= 0xC3) caps++; /* non-ASCII letters count as capitals */
        else if (w == 0 || !function_word(p + k, i - k)) return false;
        else if (caps == 0) return false; /* the first word is capitalized */
    }
    return caps >= 3;
}

/* "HEADLINE: ...", "HD ...": the length of a headline label opening the line, else 0. */
static size_t headline_label(const char *p, size_t n) {
    static const char *const labels[] = {"HEADLINE:", "Headline:", "TITLE:", "Title:", NULL};
    for (size_t k = 0; labels[k]; k++)
        if (starts_with(p, n, labels[k])) {
            size_t i = strlen(labels[k]);
            while (i < n && is_hspace((unsigned char)p[i])) i++;
            return i < n ? i : 0;
        }
    return 0;
}

/* The line that opens the body of an export: "Text:", "BODY:". Returns the length of the
 * label (text may follow it on the line), else 0. */
static size_t body_label(const char *p, size_t n) {
    static const char *const labels[] = {"Text:", "TEXT:", "BODY:", "Body:", NULL};
    for (size_t k = 0; labels[k]; k++)
        if (starts_with(p, n, labels[k])) {
            size_t i = strlen(labels[k]);
            while (i < n && is_hspace((unsigned char)p[i])) i++;
            return i;
        }
    return 0;
}

/* A metadata line of an export: "LOAD-DATE: March 3, 2015", "LENGTH: 523 words",
 * "Document AFPR000020150203eb23000xd" (Factiva's document id). */
static bool is_export_meta(const char *p, size_t n) {
    static const char *const labels[] = {
        "LOAD-DATE:", "LANGUAGE:", "PUBLICATION-TYPE:", "LENGTH:", "SECTION:", "BYLINE:",
        "GRAPHIC:", "DOCUMENT-TYPE:", "JOURNAL-CODE:", "CORRECTION-DATE:", "SUBJECT:",
        "GEOGRAPHIC:", "ORGANIZATION:", "PERSON:", "INDUSTRY:", "COUNTRY:", "CITY:", "STATE:",
        "TICKER:", "NOTES:", "URL:", "DISTRIBUTION:", "HIGHLIGHT:", NULL};
    for (size_t k = 0; labels[k]; k++)
        if (starts_with(p, n, labels[k])) return true;
    if (starts_with(p, n, "Document ") && n >= 9 + 16 && n <= 9 + 40) {
        for (size_t i = 9; i < n; i++)
            if (!is_upper((unsigned char)p[i]) && !is_lower((unsigned char)p[i]) &&
                !is_digit((unsigned char)p[i]))
                return false;
        return true;
    }
    return false;
}

/* A line that is only a web address. */
static bool is_url_line(const char *p, size_t n) {
    if (!(starts_with(p, n, "http://") || starts_with(p, n, "https://") ||
          (starts_with(p, n, "www.") && n > 8)) || n > 2000)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] <= ' ') return false;
    return true;
}

/* Where the header of an export ends: the end of its "Text:" line, when the text opens
 * with a headline label and such a line follows within 20 lines; else 0. */
static size_t export_header_end(const char *t, size_t len) {
    size_t i = 0, lines = 0;
    bool labelled = false;
    while (i < len && lines < 20) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        span sp = trim(t, (uint32_t)i, (uint32_t)e);
        if (sp.end > sp.start) {
            const char *p = t + sp.start;
            size_t n = sp.end - sp.start;
            if (lines++ == 0) {
                if (!headline_label(p, n)) return 0;
                labelled = true;
            } else if (labelled && body_label(p, n)) {
                return sp.start + body_label(p, n);
            }
        }
        i = e + 1;
    }
    return 0;
}

/* Splits the text into lines, classifies the line-level boilerplate (banner, timestamp,
 * separator, byline), and groups the rest into paragraphs. */
static int build_paragraphs(parse_ctx *c, para **out, size_t *n_out, int32_t *ts_date) {
    const char *t = c->t;
    size_t len = c->len;
    /* Style: paragraphs separated by blank lines when the text has a blank line between
     * two lines of text; else one paragraph per line. */
    bool blank_style = false, seen = false, blank_after = false;
    for (size_t i = 0; i < len && !blank_style;) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;
        size_t k = i;
        while (k < e && (unsigned char)t[k] <= ' ') k++;
        if (k < e) {
            blank_style = seen && blank_after;
            seen = true;
            blank_after = false;
        } else if (seen) {
            blank_after = true;
        }
        i = e + 1;
    }
    size_t header_end = export_header_end(t, len);
    size_t cap = 16, n = 0;
    para *ps = malloc(cap * sizeof *ps);
    if (!ps) return DYAD_ENOMEM;
    size_t i = 0, content_lines = 0, text_lines = 0;
    para cur_p = {{0, 0}, P_TEXT, 0};
    bool open = false;
    while (i <= len) {
        const char *nl = i < len ? memchr(t + i, '\n', len - i) : NULL;
        size_t e = nl ? (size_t)(nl - t) : len;
        span sp = trim(t, (uint32_t)i, (uint32_t)e);
        size_t ln = sp.end - sp.start;
        const char *lp = t + sp.start;
        const char *reason = NULL;
        if (ln) {
            content_lines++;
            size_t label = content_lines == 1 ? headline_label(lp, ln) : 0;
            if (!label && sp.start < header_end && content_lines > 1 && !timestamp_line(lp, ln)) {
                /* the header of an export: publisher, source, document id, copyright */
                size_t body = body_label(lp, ln);
                if (body && sp.start + body == header_end && body < ln) label = body;
                else reason = is_copyright(lp, ln) ? "copyright" : "export header";
            }
            if (label) {
                /* "HEADLINE: Seven killed ...": the label goes, the headline stays */
                int r = add_removal(c, sp.start, sp.start + (uint32_t)label, "export header");
                if (r) { free(ps); return r; }
                sp.start += (uint32_t)label;
                lp += label;
                ln -= label;
            }
        }
        if (ln && !reason) {
            if (is_export_meta(lp, ln)) reason = "export header";
            else if (content_lines <= 3 && is_url_line(lp, ln)) {
                reason = "url";
                if (!c->st->pub.url && !(c->st->pub.url = arena_strndup(&c->st->a, lp, ln))) {
                    free(ps);
                    return DYAD_ENOMEM;
                }
            } else if (is_separator(lp, ln)) reason = "separator";
            else if ((ln == 6 && (!memcmp(lp, "Reuter", 6) || !memcmp(lp, "REUTER", 6))) ||
                     (ln == 7 && !memcmp(lp, "Reuters", 7)))
                reason = "signoff";
            else if (content_lines <= 3 && is_banner(lp, ln)) reason = "banner";
            else if (timestamp_line(lp, ln) && !is_copyright(lp, ln)) {
                reason = "timestamp";
                if (!*ts_date) *ts_date = timestamp_line(lp, ln);
            } else if (is_byline(lp, ln) && (!open || !blank_style)) {
                /* a byline is a line of its own */
                const char *nx = e < len ? t + e + 1 : NULL;
                size_t rest = nx ? len - e - 1 : 0;
                size_t k = 0;
                while (k < rest && is_hspace((unsigned char)nx[k])) k++;
                if (!blank_style || !nx || k >= rest || nx[k] == '\n') reason = "byline";
            }
        }
        dateline dl;
        if (ln && !reason && open && find_dateline(lp, ln, &dl)) {
            /* "SEOUL (AP) — ..." right under the headline starts a paragraph */
            if (n == cap) {
                cap *= 2;
                para *np = realloc(ps, cap * sizeof *ps);
                if (!np) { free(ps); return DYAD_ENOMEM; }
                ps = np;
            }
            ps[n++] = cur_p;
            open = false;
        }
        if (ln && !reason) text_lines++;
        bool close = !ln || reason || !blank_style;
        if (!close && text_lines == 1 && e < len && title_line(lp, ln)) {
            /* a title-case first line is the headline, even with no blank line under it */
            close = true;
        } else if (close && ln && !reason && !blank_style && e < len) {
            /* One paragraph per line, but a hard-wrapped line continues when it does not
             * end a sentence and the next line starts in lowercase, or is a line of a
             * wrapped paragraph before a capital: "talks with\nNorth Korea". A line of a
             * wrapped paragraph is long and not the first line of text (the headline's
             * place), or ends in a comma or a function word, which no headline does; and
             * neither it nor the next line is a title-case headline, a dateline, a byline
             * or a timestamp. */
            size_t k = e + 1;
            while (k < len && is_hspace((unsigned char)t[k])) k++;
            unsigned char last = (unsigned char)t[sp.end - 1];
            bool open_end = last != '.' && last != '?' && last != '!' && last != '"' &&
                            last != ':' && last != ';' && !(last >= 0x80 && sp.end - sp.start >= 3 &&
                                                             (unsigned char)t[sp.end - 3] == 0xE2);
            bool goes_on = last == ',' || ends_in_function_word(lp, ln);
            bool wrapped = (goes_on || (ln >= 48 && text_lines > 1 &&
                                        (is_lower(last) || is_digit(last)))) &&
                           k < len && (is_upper((unsigned char)t[k]) || is_digit((unsigned char)t[k])) &&
                           !title_line(lp, ln);
            if (wrapped) {
                const char *nl2 = memchr(t + k, '\n', len - k);
                span nx = trim(t, (uint32_t)k, (uint32_t)(nl2 ? (size_t)(nl2 - t) : len));
                const char *np = t + nx.start;
                size_t nn = nx.end - nx.start;
                dateline dl2;
                wrapped = !find_dateline(np, nn, &dl2) && !is_byline(np, nn) &&
                          !timestamp_line(np, nn) && (goes_on || !title_line(np, nn));
            }
            if (open_end && k < len && (is_lower((unsigned char)t[k]) || wrapped)) close = false;
        }
        if (ln && !reason && !open) {
            cur_p.sp = sp;
            cur_p.kind = P_TEXT;
            cur_p.one_line = 1;
            open = true;
        } else if (ln && !reason && open) {
            cur_p.sp.end = sp.end;
            cur_p.one_line = 0;
        }
        if ((close || e >= len) && open) {
            if (n == cap) {
                cap *= 2;
                para *np = realloc(ps, cap * sizeof *ps);
                if (!np) { free(ps); return DYAD_ENOMEM; }
                ps = np;
            }
            ps[n++] = cur_p;
            open = false;
        }
        if (reason) {
            int r = add_removal(c, sp.start, sp.end, reason);
            if (r) { free(ps); return r; }
        }
        if (e >= len) break;
        i = e + 1;
    }
    *out = ps;
    *n_out = n;
    return DYAD_OK;
}

static bool looks_like_headline(const char *p, size_t n) {
    if (n == 0 || n > 300) return false;
    size_t e = n;
    while (e > 0) {
        unsigned char ch = (unsigned char)p[e - 1];
        if (ch == '"' || ch == '\'' || ch == ')') e--;
        else if (e >= 3 && (unsigned char)p[e - 3] == 0xE2 && (unsigned char)p[e - 2] == 0x80 &&
                 ((unsigned char)p[e - 1] == 0x9D || (unsigned char)p[e - 1] == 0x99))
            e -= 3;
        else break;
    }
    if (e == 0) return false;
    char last = p[e - 1];
    bool ellipsis = e >= 3 && !memcmp(p + e - 3, "...", 3); /* "Rivals of the Mac..." */
    if ((last == '.' && !ellipsis) || last == ',' || last == ';' || last == ':') return false;
    dateline dl;
    return !find_dateline(p, n, &dl);
}

/* A paragraph with a copyright notice after its last sentence: the offset where the
 * notice starts, or 0. */
static size_t inline_copyright(const char *p, size_t n) {
    if (n <= 11) return 0;
    size_t lim = n - 9; /* a notice starts at 2 <= i < lim */
    /* the candidates, found with memchr: "Copyright " and U+00A9 (0xC2 0xA9) */
    const char *cr = memchr(p + 2, 'C', lim - 2), *sign = memchr(p + 2, 0xC2, lim - 2);
    while (cr || sign) {
        bool word = cr && (!sign || cr < sign);
        size_t i = (size_t)((word ? cr : sign) - p);
        if (word ? !memcmp(p + i, "Copyright ", 10) : (unsigned char)p[i + 1] == 0xA9) {
            size_t b = i;
            while (b > 0 && p[b - 1] == ' ') b--;
            if (b < i && b > 0 && (p[b - 1] == '.' || p[b - 1] == '"') && is_copyright(p + i, n - i))
                return i;
        }
        if (word) cr = memchr(p + i + 1, 'C', lim - i - 1);
        else sign = memchr(p + i + 1, 0xC2, lim - i - 1);
    }
    return 0;
}

/* A sent_fn that stops at the second sentence: a headline is one sentence ("Is a deal
 * near? Analysts doubt it" is a standfirst, to split). */
static int count_sentence(void *ud, uint32_t s, uint32_t e) {
    (void)s;
    (void)e;
    return ++*(size_t *)ud > 1;
}

static int split_paragraph(parse_ctx *c, uint32_t s, uint32_t e) {
    c->quote = 0;
    return sent_split(c->t, s, e, add_sentence, c);
}

/* ---- the story ---- */

static const char *dup_or_null(arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Whitespace-insensitive comparison of a line with a headline. */
static bool same_text(const char *a, size_t an, const char *b, size_t bn) {
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && (unsigned char)a[i] <= ' ') i++;
        while (j < bn && (unsigned char)b[j] <= ' ') j++;
        if (i >= an || j >= bn) return i >= an && j >= bn;
        if (a[i] != b[j]) return false;
        i++;
        j++;
    }
}

static int build_text(parse_ctx *c, const dyad_record *rec, const char *hl, size_t hl_len,
                      bool prefix) {
    story_impl *st = c->st;
    const char *src = rec->text ? rec->text : "";
    size_t n = rec->text ? rec->text_len : 0;
    if (n >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
        src += 3;
        n -= 3;
    }
    size_t bad = utf8_invalid_count(src, n);
    size_t pre = prefix ? hl_len + 2 : 0;
    size_t total = pre + n + 2 * bad;
    char *t = arena_alloc(&st->a, total + 1);
    if (!t) return DYAD_ENOMEM;
    size_t o = 0;
    if (prefix) {
        /* the headline was already repaired */
        memcpy(t, hl, hl_len);
        t[hl_len] = '\n';
        t[hl_len + 1] = '\n';
        o = pre;
    }
    if (bad) o += utf8_repair(src, n, t + o);
    else {
        memcpy(t + o, src, n);
        o += n;
    }
    t[o] = '\0';
    st->pub.invalid_bytes = bad;
    if (bad)
        diag_report(c->diag, c->diag_ud, DYAD_DIAG_WARNING, st->pub.file, st->pub.line,
                    "story %s: %zu invalid UTF-8 byte%s replaced by U+FFFD", st->pub.id, bad,
                    bad == 1 ? "" : "s");
    st->pub.text = t;
    st->pub.text_len = o;
    c->t = t;
    c->len = o;
    return DYAD_OK;
}

/* The date of a story given none, from its own text (see dyad_story_parse): a full date in
 * the dateline, else the latest day of writing a sentence ties a full date to. */
static int infer_date(parse_ctx *c, int32_t dl_date, uint32_t dl_start, uint32_t dl_end) {
    story_impl *st = c->st;
    size_t len;
    if (dl_date) {
        st->pub.date = dl_date;
        st->pub.date_source = "dateline";
        st->pub.date_evidence = sent_clean(&st->a, c->t, dl_start, dl_end, &len);
        return st->pub.date_evidence ? DYAD_OK : DYAD_ENOMEM;
    }
    size_t best_k = 0, from = 0, to = 0;
    int32_t best = 0;
    int past_year = 0;
    for (size_t k = 0; k < st->n_sent; k++) {
        const dyad_sentence *x = &st->sent[k];
        size_t f, t;
        if (x->flags & DYAD_SENT_SKIPPED) continue;
        int y = date_latest_past_year(x->text, x->text_len);
        if (y > past_year) past_year = y;
        int32_t d = date_told_today(x->text, x->text_len, &f, &t);
        if (d > best) {
            best = d;
            best_k = k;
            from = f;
            to = t;
        }
    }
    /* A story is written after what it tells: a year it tells as past that comes later
     * than the date shows the date is a scene from before ("It was a sunny morning on
     * Saturday 31 August 2013" opening a feature that goes on to 2017). */
    if (!best || past_year > best / 10000) return DYAD_OK;
    st->pub.date = best;
    st->pub.date_source = "text";
    st->pub.date_sentence = (int32_t)best_k;
    char *ev = arena_alloc(&st->a, to - from + 1);
    if (!ev) return DYAD_ENOMEM;
    memcpy(ev, st->sent[best_k].text + from, to - from);
    ev[to - from] = '\0';
    st->pub.date_evidence = ev;
    return DYAD_OK;
}

static int parse_story(parse_ctx *c, const dyad_record *rec) {
    story_impl *st = c->st;
    arena *a = &st->a;
    /* A headline from metadata, repaired and collapsed. */
    char *hl = NULL;
    size_t hl_len = 0;
    if (rec->headline && rec->headline[0]) {
        size_t n = strlen(rec->headline);
        if (n > 4096) n = 4096;
        char *tmp = arena_alloc(a, 3 * n + 1);
        if (!tmp) return DYAD_ENOMEM;
        size_t m = utf8_repair(rec->headline, n, tmp);
        hl = sent_clean(a, tmp, 0, (uint32_t)m, &hl_len);
        if (!hl) return DYAD_ENOMEM;
    }
    bool prefix = false;
    if (hl && hl_len) {
        /* Prefix the headline unless the text already opens with it. */
        const char *t = rec->text ? rec->text : "";
        size_t n = rec->text ? rec->text_len : 0, i = 0, lines = 0;
        prefix = true;
        while (i < n && lines < 3) {
            const char *nl = memchr(t + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - t) : n;
            span sp = trim(t, (uint32_t)i, (uint32_t)e);
            if (sp.end > sp.start) {
                lines++;
                if (same_text(t + sp.start, sp.end - sp.start, hl, hl_len)) {
                    prefix = false;
                    break;
                }
            }
            i = e + 1;
        }
    }
    int r = build_text(c, rec, hl, hl_len, prefix);
    if (r) return r;

    para *ps = NULL;
    size_t np = 0;
    int32_t ts = 0;
    r = build_paragraphs(c, &ps, &np, &ts);
    if (r) return r;
    if (!st->pub.date && ts) {
        st->pub.date = ts;
        st->pub.date_source = "timestamp";
    }

    /* Paragraph-level boilerplate. */
    for (size_t k = 0; k < np && !r; k++) {
        const char *p = c->t + ps[k].sp.start;
        size_t n = ps[k].sp.end - ps[k].sp.start;
        const char *reason = NULL;
        if (is_copyright(p, n)) reason = "copyright";
        else if (is_contributor(p, n)) reason = "contributor line";
        else if (is_follow(p, n)) reason = "follow us";
        else if (is_related(p, n)) reason = "related links";
        else if (k == 0 && is_banner(p, n)) reason = "banner";
        if (reason) {
            ps[k].kind = P_REMOVED;
            r = add_removal(c, ps[k].sp.start, ps[k].sp.end, reason);
        } else {
            size_t at = inline_copyright(p, n);
            if (at) {
                r = add_removal(c, ps[k].sp.start + (uint32_t)at, ps[k].sp.end, "copyright");
                ps[k].sp.end = trim(c->t, ps[k].sp.start, ps[k].sp.start + (uint32_t)at).end;
            }
        }
    }
    /* Headline: the first text paragraph, when it is one short line without a final period
     * and more text follows; always the metadata headline. */
    size_t first = 0;
    while (first < np && ps[first].kind != P_TEXT) first++;
    bool have_headline = false;
    if (!r && first < np && (hl || rec->format != DYAD_FORMAT_XML)) {
        size_t more = first + 1;
        while (more < np && ps[more].kind != P_TEXT) more++;
        const char *p = c->t + ps[first].sp.start;
        size_t n = ps[first].sp.end - ps[first].sp.start;
        if ((hl && same_text(p, n, hl, hl_len)) ||
            (!hl && ps[first].one_line && more < np && looks_like_headline(p, n) &&
             sent_split(c->t, ps[first].sp.start, ps[first].sp.end, count_sentence, &(size_t){0}) == 0))
            have_headline = true;
    }
    if (!r && have_headline) {
        r = add_sentence(c, ps[first].sp.start, ps[first].sp.end);
        if (!r) {
            st->sent[0].flags |= DYAD_SENT_HEADLINE;
            st->sent[0].flags &= ~(unsigned)DYAD_SENT_QUOTE;
            st->pub.headline = st->sent[0].text;
        }
        ps[first].kind = P_REMOVED; /* consumed */
    }
    /* Dateline: at the start of the first body paragraph. */
    bool dl_done = false;
    int32_t dl_date = 0;
    uint32_t dl_start = 0, dl_end = 0;
    for (size_t k = 0; k < np && !r; k++) {
        if (ps[k].kind != P_TEXT) continue;
        uint32_t s = ps[k].sp.start;
        if (!dl_done) {
            dl_done = true;
            dateline dl;
            const char *p = c->t + s;
            if (find_dateline(p, ps[k].sp.end - s, &dl)) {
                size_t pl;
                st->pub.dateline_place = sent_clean(a, c->t, s, s + (uint32_t)dl.place_len, &pl);
                if (dl.agency_len)
                    st->pub.dateline_agency =
                        sent_clean(a, c->t, s + (uint32_t)dl.agency_off,
                                   s + (uint32_t)(dl.agency_off + dl.agency_len), &pl);
                r = add_removal(c, s, s + (uint32_t)dl.len, "dateline");
                dl_date = dl.date;
                dl_start = s;
                dl_end = s + (uint32_t)dl.len;
                s += (uint32_t)dl.len;
                if (r) break;
            }
        }
        r = split_paragraph(c, s, ps[k].sp.end);
    }
    free(ps);
    if (r) return r;
    if (st->n_sent == 0) {
        diag_report(c->diag, c->diag_ud, DYAD_DIAG_WARNING, st->pub.file, st->pub.line,
                    "story %s has no text left after cleaning: skipped", st->pub.id);
        return DYAD_EEMPTY;
    }
    if (!st->pub.date && !rec->no_date_inference) {
        r = infer_date(c, dl_date, dl_start, dl_end);
        if (r) return r;
        /* Last, the date the story's URL plainly carries (".../2022/06/08/..."). */
        if (!st->pub.date && (st->pub.date = date_from_url(st->pub.url))) st->pub.date_source = "url";
    }
    /* Sentence dates; in a story with no date, only a full date ("on 26 July 2022"), and
     * none when asked to infer no date from the text (--no-date-inference) */
    if (st->pub.date || !rec->no_date_inference)
        for (size_t k = 0; k < st->n_sent; k++)
            if (!(st->sent[k].flags & DYAD_SENT_SKIPPED))
                st->sent[k].date = date_resolve_relative(st->sent[k].text, st->sent[k].text_len,
                                                         st->pub.date, &st->sent[k].date_precision);
    /* Removals in text order. */
    for (size_t k = 1; k < st->n_rem; k++) {
        dyad_removal x = st->rem[k];
        size_t j = k;
        while (j > 0 && st->rem[j - 1].start > x.start) {
            st->rem[j] = st->rem[j - 1];
            j--;
        }
        st->rem[j] = x;
    }
    st->pub.sentences = st->sent;
    st->pub.n_sentences = st->n_sent;
    st->pub.removed = st->rem;
    st->pub.n_removed = st->n_rem;
    return DYAD_OK;
}

int dyad_story_parse(const dyad_record *rec, dyad_diag_fn diag, void *diag_ud, dyad_story **out) {
    if (!rec || !out || (!rec->text && rec->text_len)) return DYAD_EINVAL;
    *out = NULL;
    story_impl *st = calloc(1, sizeof *st);
    if (!st) return DYAD_ENOMEM;
    arena *a = &st->a;
    char idbuf[64];
    const char *file = rec->file ? rec->file : "-";
    const char *id = rec->id;
    if (!id || !id[0]) {
        snprintf(idbuf, sizeof idbuf, "%.40s:%llu", file, (unsigned long long)rec->line);
        id = idbuf;
    }
    st->pub.id = dup_or_null(a, id);
    st->pub.file = dup_or_null(a, file);
    st->pub.line = rec->line;
    st->pub.url = dup_or_null(a, rec->url);
    st->pub.publisher = dup_or_null(a, rec->publisher);
    st->pub.date = rec->date;
    st->pub.date_sentence = -1;
    if (rec->date)
        st->pub.date_source = rec->date_source && !strcmp(rec->date_source, "timestamp") ? "timestamp" : "input";
    if (!st->pub.id || !st->pub.file || (rec->url && !st->pub.url) ||
        (rec->publisher && !st->pub.publisher)) {
        dyad_story_free(&st->pub);
        return DYAD_ENOMEM;
    }
    if (rec->text_len > DYAD_MAX_STORY_BYTES) {
        diag_report(diag, diag_ud, DYAD_DIAG_ERROR, st->pub.file, st->pub.line,
                    "story %s is %zu bytes, over DYAD_MAX_STORY_BYTES (%u): skipped", st->pub.id,
                    rec->text_len, DYAD_MAX_STORY_BYTES);
        dyad_story_free(&st->pub);
        return DYAD_ELIMIT;
    }
    parse_ctx c = {st, NULL, 0, diag, diag_ud, 0, 0};
    int r = parse_story(&c, rec);
    if (r) {
        if (r == DYAD_ENOMEM)
            diag_report(diag, diag_ud, DYAD_DIAG_ERROR, st->pub.file, st->pub.line,
                        "story %s: out of memory", st->pub.id);
        dyad_story_free(&st->pub);
        return r;
    }
    *out = &st->pub;
    return DYAD_OK;
}

void dyad_story_free(dyad_story *s) {
    if (!s) return;
    story_impl *st = (story_impl *)s;
    free(st->sent);
    free(st->rem);
    arena_free(&st->a);
    free(st);
}
