/* date.c: calendar dates as YYYYMMDD integers: parsing the forms news carries, formatting,
 * arithmetic, and resolving relative expressions in a sentence ("on Tuesday", "last week"). */
#include "internal.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m) {
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dim[m - 1];
}

static int32_t make_date(int64_t y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    return (int32_t)(y * 10000 + m * 100 + d);
}

static bool date_valid(int32_t date) {
    return date > 0 && make_date(date / 10000, date / 100 % 100, date % 100) == date;
}

char *dyad_date_format(int32_t date, char buf[11]) {
    if (!date_valid(date)) {
        buf[0] = '\0';
        return buf;
    }
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return buf;
}

int32_t dyad_date_add_days(int32_t date, int32_t days) {
    if (!date_valid(date)) return 0;
    int64_t z = days_from_civil(date / 10000, date / 100 % 100, date % 100) + days;
    int64_t y;
    int m, d;
    civil_from_days(z, &y, &m, &d);
    return make_date(y, m, d);
}

int dyad_date_weekday(int32_t date) {
    if (!date_valid(date)) return -1;
    int64_t z = days_from_civil(date / 10000, date / 100 % 100, date % 100);
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((z + 3) % 7 + 7) % 7);
}

int32_t date_from_unix(int64_t seconds) {
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    return make_date(y, m, d);
}

/* ---- names ---- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
/* ASCII letters: setting bit 0x20 maps 'A'..'Z' onto 'a'..'z' and nothing else there. */
static bool is_alpha(int c) { return (unsigned)((c | 0x20) - 'a') < 26u; }
static bool is_digit(int c) { return (unsigned)(c - '0') < 10u; }

/* s[0..n) equals the lowercase word w, ignoring case. */
static bool word_eq(const char *s, size_t n, const char *w) {
    for (size_t i = 0; i < n; i++)
        if (!w[i] || lower((unsigned char)s[i]) != w[i]) return false;
    return w[n] == '\0';
}

/* word_eq for a string literal: the lengths compared first, which settles most words
 * (the dates read every word of a sentence, and most differ in length from the word
 * asked about). n is read twice: no side effects. */
#define WORD_IS(s, n, lit) ((n) == sizeof "" lit - 1 && word_eq((s), (n), lit))

int date_month_from_name(const char *s, size_t n) {
    static const char *const names[12][3] = {
        {"jan", "january", NULL}, {"feb", "february", NULL}, {"mar", "march", NULL},
        {"apr", "april", NULL},   {"may", NULL, NULL},       {"jun", "june", NULL},
        {"jul", "july", NULL},    {"aug", "august", NULL},   {"sep", "sept", "september"},
        {"oct", "october", NULL}, {"nov", "november", NULL}, {"dec", "december", NULL},
    };
    /* compared in place, ignoring case (word_eq): a name is 3 to 9 letters */
    if (n < 3 || n > 9) return 0;
    int first = lower((unsigned char)s[0]);
    int lo, hi; /* the months that start with first */
    switch (first) {
    case 'j': lo = 0; hi = 6; break;   /* jan, jun, jul (feb..may skipped below) */
    case 'f': lo = 1; hi = 1; break;
    case 'm': lo = 2; hi = 4; break;
    case 'a': lo = 3; hi = 7; break;
    case 's': lo = 8; hi = 8; break;
    case 'o': lo = 9; hi = 9; break;
    case 'n': lo = 10; hi = 10; break;
    case 'd': lo = 11; hi = 11; break;
    default: return 0;
    }
    /* each name of a month has the first two letters of its first name: most capitalized
     * words fail on the second ("Minister", "Syria") */
    switch (first << 8 | lower((unsigned char)s[1])) {
    case 'j' << 8 | 'a': case 'f' << 8 | 'e': case 'm' << 8 | 'a': case 'a' << 8 | 'p': case 'j' << 8 | 'u':
    case 'a' << 8 | 'u': case 's' << 8 | 'e': case 'o' << 8 | 'c': case 'n' << 8 | 'o': case 'd' << 8 | 'e':
        break;
    default: return 0;
    }
    for (int m = lo; m <= hi; m++) {
        if (names[m][0][0] != first) continue;
        for (int k = 0; k < 3 && names[m][k]; k++)
            if (word_eq(s, n, names[m][k])) return m + 1;
    }
    return 0;
}

int date_weekday_from_name(const char *s, size_t n) {
    static const char *const names[7][3] = {
        {"monday", "mon", NULL},    {"tuesday", "tue", "tues"}, {"wednesday", "wed", NULL},
        {"thursday", "thu", "thurs"}, {"friday", "fri", NULL},  {"saturday", "sat", NULL},
        {"sunday", "sun", NULL},
    };
    if (n < 3 || n > 9) return 0;
    int first = lower((unsigned char)s[0]);
    for (int d = 0; d < 7; d++) {
        if (names[d][0][0] != first) continue;
        for (int k = 0; k < 3 && names[d][k]; k++)
            if (word_eq(s, n, names[d][k])) return d + 1;
    }
    return 0;
}

/* ---- parsing ---- */

typedef struct cur {
    const char *s;
    size_t i, n;
} cur;

static void skip_space(cur *c) {
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t')) c->i++;
}

/* Reads 1..maxd digits; returns the number of digits read. */
static int read_num(cur *c, int maxd, int *val) {
    int k = 0, v = 0;
    while (c->i < c->n && k < maxd && is_digit((unsigned char)c->s[c->i])) {
        v = v * 10 + (c->s[c->i] - '0');
        c->i++;
        k++;
    }
    if (k && c->i < c->n && is_digit((unsigned char)c->s[c->i])) return 0; /* too many */
    *val = v;
    return k;
}

static size_t read_word(cur *c) {
    size_t st = c->i;
    while (c->i < c->n && is_alpha((unsigned char)c->s[c->i])) c->i++;
    return c->i - st;
}

/* After a complete date, what follows must not continue a word or a number. */
static bool clean_end(const cur *c) {
    if (c->i >= c->n) return true;
    unsigned char ch = (unsigned char)c->s[c->i];
    return !is_alpha(ch) && !is_digit(ch);
}

static int parse_numeric(cur *c, int32_t *out) {
    size_t st = c->i;
    int y, m, d;
    /* YYYYMMDD */
    int k = read_num(c, 8, &y);
    if (k == 8) {
        if (c->i < c->n && c->s[c->i] == 'T') c->i++; /* basic ISO 8601 */
        else if (!clean_end(c)) return DYAD_EFORMAT;
        int32_t v = make_date(y / 10000, y / 100 % 100, y % 100);
        if (!v) return DYAD_EFORMAT;
        *out = v;
        return DYAD_OK;
    }
    c->i = st;
    if (read_num(c, 4, &y) != 4 || c->i >= c->n) return DYAD_EFORMAT;
    char sep = c->s[c->i];
    if (sep != '-' && sep != '/' && sep != '.') return DYAD_EFORMAT;
    c->i++;
    if (read_num(c, 2, &m) < 1 || c->i >= c->n || c->s[c->i] != sep) return DYAD_EFORMAT;
    c->i++;
    if (read_num(c, 2, &d) < 1) return DYAD_EFORMAT;
    if (c->i < c->n && (c->s[c->i] == 'T' || c->s[c->i] == 't')) c->i++;
    else if (!clean_end(c)) return DYAD_EFORMAT;
    int32_t v = make_date(y, m, d);
    if (!v) return DYAD_EFORMAT;
    *out = v;
    return DYAD_OK;
}

int dyad_date_parse(const char *s, size_t len, int32_t *out) {
    if (!s || !out) return DYAD_EINVAL;
    cur c = {s, 0, len};
    while (c.i < c.n && (s[c.i] == ' ' || s[c.i] == '\t' || s[c.i] == '\n' || s[c.i] == '\r'))
        c.i++;
    if (c.i >= c.n) return DYAD_EFORMAT;
    if (is_digit((unsigned char)s[c.i])) {
        size_t st = c.i;
        if (parse_numeric(&c, out) == DYAD_OK) return DYAD_OK;
        c.i = st;
    }
    /* Optional weekday: "Tue, ", "Tuesday, " */
    size_t st = c.i;
    size_t wl = read_word(&c);
    if (wl && date_weekday_from_name(s + st, wl)) {
        if (c.i < c.n && s[c.i] == '.') c.i++;
        if (c.i < c.n && s[c.i] == ',') c.i++;
        skip_space(&c);
        st = c.i;
        wl = read_word(&c);
    }
    int y, m, d;
    if (wl) {
        /* "Sept. 24, 2019", "September 24 2019", "Sep 24th, 2019" */
        m = date_month_from_name(s + st, wl);
        if (!m) return DYAD_EFORMAT;
        if (c.i < c.n && s[c.i] == '.') c.i++;
        skip_space(&c);
        if (read_num(&c, 2, &d) < 1) return DYAD_EFORMAT;
        size_t sfx = c.i;
        if (read_word(&c) != 2 && c.i != sfx) return DYAD_EFORMAT; /* 24th */
        if (c.i < c.n && s[c.i] == ',') c.i++;
        skip_space(&c);
        if (read_num(&c, 4, &y) != 4) return DYAD_EFORMAT;
    } else {
        /* "24 September 2019", "24 Sep 2019" (RFC 2822), "24-Sep-2019" */
        c.i = st;
        if (read_num(&c, 2, &d) < 1) return DYAD_EFORMAT;
        if (c.i < c.n && (s[c.i] == '-' || s[c.i] == ' ')) c.i++;
        skip_space(&c);
        st = c.i;
        wl = read_word(&c);
        m = date_month_from_name(s + st, wl);
        if (!m) return DYAD_EFORMAT;
        if (c.i < c.n && s[c.i] == '.') c.i++;
        if (c.i < c.n && (s[c.i] == '-' || s[c.i] == ',')) c.i++;
        skip_space(&c);
        if (read_num(&c, 4, &y) != 4) return DYAD_EFORMAT;
    }
    if (!clean_end(&c)) return DYAD_EFORMAT;
    int32_t v = make_date(y, m, d);
    if (!v) return DYAD_EFORMAT;
    *out = v;
    return DYAD_OK;
}

/* ---- relative expressions ---- */

/* A word of the sentence: letters only, its original case kept. */
typedef struct word {
    const char *p;
    size_t n;
    bool cap;   /* starts with an uppercase letter */
    bool dot;   /* followed directly by '.' */
    bool digit; /* a number */
    int num;
} word;

/* The end of the run of ASCII letters at s[i], before n: sixteen bytes at a time where
 * sixteen are left (most words end in the first block). */
static size_t letters_end(const char *s, size_t n, size_t i) {
#ifdef __SSE2__
    while (n - i >= 16) {
        /* a letter: (c | 0x20) - 'a' < 26; moved to signed bytes, 'a'..'z' -> -128..-103 */
        __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), _mm_set1_epi8(0x20));
        __m128i t = _mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - 'a')));
        unsigned other = ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(t, _mm_set1_epi8((char)(0x80 + 26)))) & 0xffffu;
        if (other) return i + (size_t)__builtin_ctz(other);
        i += 16;
    }
#endif
    while (i < n && is_alpha((unsigned char)s[i])) i++;
    return i;
}

/* The end of the word of letters at s[i], as next_word reads it: letters, and an
 * apostrophe between letters ("we'll"). */
static size_t word_end(const char *s, size_t n, size_t i) {
    for (i = letters_end(s, n, i); i + 1 < n && s[i] == '\'' && is_alpha((unsigned char)s[i + 1]);)
        i = letters_end(s, n, i + 1);
    return i;
}

static size_t next_word(const char *s, size_t n, size_t i, word *w) {
    while (i < n && !is_alpha((unsigned char)s[i]) && !is_digit((unsigned char)s[i])) i++;
    if (i >= n) return n + 1;
    size_t st = i;
    w->digit = is_digit((unsigned char)s[i]);
    w->num = 0;
    if (w->digit) {
        while (i < n && is_digit((unsigned char)s[i])) {
            if (w->num < 100000) w->num = w->num * 10 + (s[i] - '0');
            i++;
        }
        /* "3rd", "24th" */
        size_t j = i;
        while (j < n && is_alpha((unsigned char)s[j])) j++;
        if (j - i == 2) i = j;
    } else {
        i = word_end(s, n, i);
    }
    w->p = s + st;
    w->n = i - st;
    w->cap = s[st] >= 'A' && s[st] <= 'Z';
    w->dot = i < n && s[i] == '.';
    return i;
}

static bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

static bool month_context(const word *prev) {
    /* Words that place an event in the month. */
    static const char *const preps[] = {"in",   "last", "early", "late", "mid",
                                        "during", "of", "this",  "next", NULL};
    if (!prev) return false;
    for (int k = 0; preps[k]; k++)
        if (word_eq(prev->p, prev->n, preps[k])) return true;
    return false;
}

/* Words that make what follows the edge of a span, not when the event was: "halt
 * flights until March 9", "has met Kim three times since April 2018". They date nothing. */
static bool span_edge(const word *prev) {
    static const char *const edges[] = {"until", "till", "through", "by", "before", "after",
                                        "since", "from", "ahead", "beyond", "to", "between",
                                        NULL};
    for (int k = 0; edges[k]; k++)
        if (word_eq(prev->p, prev->n, edges[k])) return true;
    return false;
}

/* Month and day without a year: the occurrence in the story's year, unless that lies more
 * than 60 days after the story date; then the year before. Looking forward: the first
 * occurrence on or after the story date. */
static int32_t month_day(int32_t story, int m, int d, bool forward) {
    int y = story / 10000;
    int32_t v = make_date(y, m, d);
    if (!v) return 0;
    if (forward) return v < story ? make_date(y + 1, m, d) : v;
    int32_t limit = dyad_date_add_days(story, 60);
    if (v > limit) v = make_date(y - 1, m, d);
    return v;
}

/* Month without a day: the first day of the most recent such month that began on or
 * before the story date; looking forward, of the first one that has not ended. */
static int32_t month_only(int32_t story, int m, bool forward) {
    int y = story / 10000, sm = story / 100 % 100;
    if (forward) return make_date(m < sm ? y + 1 : y, m, 1);
    if (m > sm) y--;
    return make_date(y, m, 1);
}

/* The word that ends before s[at] (skipping spaces and punctuation), or false. */
static bool word_before(const char *s, size_t at, word *w) {
    size_t e = at;
    while (e > 0 && !is_alpha((unsigned char)s[e - 1]) && !is_digit((unsigned char)s[e - 1])) e--;
    if (e == 0) return false;
    size_t st = e;
    while (st > 0 && is_alpha((unsigned char)s[st - 1])) st--;
    if (st == e) return false; /* a number: not a context word */
    w->p = s + st;
    w->n = e - st;
    w->cap = is_upper_ascii(s[st]);
    w->dot = e < at && s[e] == '.';
    w->digit = false;
    w->num = 0;
    return true;
}

/* Verbs of saying in the past tense: a weekday right after one ("said Monday") or after
 * one and "on" ("said on Monday") dates the saying, which is told as past. */
static const char *const said_words[] = {"said", "told", "announced", "added", "stated", "confirmed",
                                         "declared", "warned", "wrote", "tweeted"};

static bool said_word(const word *w) {
    if (w->n < 4 || w->n > 9) return false; /* "said", "told" ... "announced", "confirmed" */
    int first = lower((unsigned char)w->p[0]); /* the first letter first: most words differ there */
    for (size_t k = 0; k < sizeof said_words / sizeof said_words[0]; k++)
        if (said_words[k][0] == first && word_eq(w->p, w->n, said_words[k])) return true;
    return false;
}

/* Words that open or carry a clause of their own: a stretch with one between a verb of
 * saying and a weekday holds the words said ("told reporters the troops would leave on
 * Monday", "told them to leave on Monday"), not the saying's audience or setting. */
static const char *const clause_words[] = {"that", "will", "would", "shall", "should", "could", "can",
                                           "may", "might", "must", "to", "is", "are", "was", "were", "be",
                                           "been", "has", "have", "had", "who", "which", "he", "she",
                                           "it", "they", "we", "i", "if", "when", "and", "or", "but", NULL};

/* Words that open the setting of a saying: "said in a statement", "said at a news
 * conference". */
static const char *const setting_words[] = {"in", "at", "during", "before", NULL};

static bool word_in(const word *w, const char *const *list) {
    for (int k = 0; list[k]; k++)
        if (word_eq(w->p, w->n, list[k])) return true;
    return false;
}

#define MAX_SAYING_OBJECT 6 /* words between a verb of saying and its weekday */

/* True when prev, the word before a weekday, is a past verb of saying, or ends a short
 * stretch after one with no punctuation or clause between: its audience ("told reporters
 * on Monday", "told the BBC Monday") or, after any such verb, its setting ("said in a
 * statement on Monday", "said at a news conference in Ankara Monday"). */
static bool said_on(const char *s, const word *prev) {
    if (said_word(prev)) return true;
    /* The verb is looked for first, the clause words only in a stretch that ends at one:
     * most weekdays have no verb of saying within reach, and the list is long. */
    word at = *prev, w = {0}, stretch[MAX_SAYING_OBJECT];
    for (int k = 0; k < MAX_SAYING_OBJECT; k++) {
        stretch[k] = at;
        /* the word before at, with only spaces between (punctuation: another stretch; a
         * number, or the text's start: no word to read), as word_before reads it */
        size_t e = (size_t)(at.p - s);
        while (e > 0 && s[e - 1] == ' ') e--;
        if (e == 0 || !is_alpha((unsigned char)s[e - 1])) return false;
        size_t st = e - 1;
        while (st > 0 && is_alpha((unsigned char)s[st - 1])) st--;
        w.p = s + st;
        w.n = e - st;
        if (said_word(&w)) {
            for (int j = 0; j <= k; j++)
                if (word_in(&stretch[j], clause_words)) return false;
            return WORD_IS(w.p, w.n, "told") || WORD_IS(at.p, at.n, "on") || word_in(&at, setting_words);
        }
        at = w;
    }
    return false;
}


/* Is the expression at s[at] the edge of a span ("until Monday", "by March 9")? Words
 * that only qualify the edge stand between: "until at least April 20", "until early
 * July", "by the end of March". */
static bool after_edge(const char *s, size_t at) {
    word prev, pp;
    if (!word_before(s, at, &prev)) return false;
    for (int hops = 0; hops < 4; hops++) {
        if (span_edge(&prev)) return true;
        /* "between Jan. 23 and Feb. 2": the second end of the span too */
        if (WORD_IS(prev.p, prev.n, "and")) {
            size_t e = (size_t)(prev.p - s), b = e > 32 ? e - 32 : 0;
            for (size_t i = e; i-- > b;) {
                if (s[i] == ',' || s[i] == ';') break;
                if (i + 7 <= e && WORD_IS(s + i, 7, "between") && (i == 0 || !is_alpha((unsigned char)s[i - 1])))
                    return true;
            }
            return false;
        }
        bool skip = WORD_IS(prev.p, prev.n, "least") || WORD_IS(prev.p, prev.n, "earliest") ||
                    WORD_IS(prev.p, prev.n, "latest") || WORD_IS(prev.p, prev.n, "early") ||
                    WORD_IS(prev.p, prev.n, "late") || WORD_IS(prev.p, prev.n, "mid") ||
                    WORD_IS(prev.p, prev.n, "the") || WORD_IS(prev.p, prev.n, "end") ||
                    WORD_IS(prev.p, prev.n, "of") || WORD_IS(prev.p, prev.n, "at") ||
                    WORD_IS(prev.p, prev.n, "beginning") || WORD_IS(prev.p, prev.n, "middle");
        if (!skip || !word_before(s, (size_t)(prev.p - s), &pp)) return false;
        prev = pp;
    }
    return false;
}

/* The count written right before s[at]: digits ("3 weeks ago") or a number word ("two
 * weeks ago", "a year ago"), 1 to 99; 0 when there is none. */
static int count_before(const char *s, size_t at) {
    static const char *const words[] = {"a", "one", "two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve", NULL};
    size_t e = at;
    while (e > 0 && s[e - 1] == ' ') e--;
    if (e > 0 && is_digit((unsigned char)s[e - 1])) {
        size_t st = e;
        while (st > 0 && is_digit((unsigned char)s[st - 1])) st--;
        if (e - st > 2 || (st > 0 && (is_alpha((unsigned char)s[st - 1]) || s[st - 1] == '.' || s[st - 1] == ',')))
            return 0;
        int v = 0;
        for (size_t i = st; i < e; i++) v = v * 10 + (s[i] - '0');
        return v;
    }
    word w;
    if (!word_before(s, at, &w)) return 0;
    if (WORD_IS(w.p, w.n, "an")) return 1;
    for (int k = 0; words[k]; k++)
        if (word_eq(w.p, w.n, words[k])) return k ? k : 1;
    return 0;
}

/* True when the stretch of s before at (back to the last comma, semicolon, colon,
 * parenthesis or dash) opens a frame or a description: "since the war began six years
 * ago", "who moved to Britain 22 years ago", "a deal that was signed last year", "when
 * Isis seized Mosul four years ago". A relative expression there dates that, not the
 * sentence's news. */
static bool in_frame(const char *s, size_t verb, size_t at) {
    static const char *const cues[] = {"since", "who", "which", "whose", "whom", "that", "when", "while",
                                       "after", "before", "until", NULL};
    size_t b = at;
    while (b > 0 && !strchr(",;:()\xe2", s[b - 1])) b--;
    word w;
    size_t i = b;
    while ((i = next_word(s, at, i, &w)) <= at) {
        /* a cue before the verb asked about, the verb between it and the expression,
         * opens that verb's own clause ("which launched an operation last month") */
        if (w.digit || ((size_t)(w.p - s) < verb && verb < at)) continue;
        for (int k = 0; cues[k]; k++)
            if (word_eq(w.p, w.n, cues[k])) return true;
    }
    return false;
}

/* The unit of "days", "weeks", "months", "years" in days (1, 7), or -1 for months, -2
 * for years; 0 for any other word. */
static int span_unit(const word *w) {
    if (WORD_IS(w->p, w->n, "day") || WORD_IS(w->p, w->n, "days")) return 1;
    if (WORD_IS(w->p, w->n, "week") || WORD_IS(w->p, w->n, "weeks")) return 7;
    if (WORD_IS(w->p, w->n, "month") || WORD_IS(w->p, w->n, "months")) return -1;
    if (WORD_IS(w->p, w->n, "year") || WORD_IS(w->p, w->n, "years")) return -2;
    return 0;
}

/* The first day of the month k months before the story's, or of the year k years
 * before it (unit -1 or -2, as span_unit gives). */
static int32_t months_or_years_back(int32_t story, int unit, int k, int *prec) {
    int64_t y = story / 10000;
    int m = story / 100 % 100;
    if (unit == -2) {
        *prec = DYAD_DATE_YEAR;
        return make_date(y - k, 1, 1);
    }
    int64_t idx = y * 12 + (m - 1) - k;
    *prec = DYAD_DATE_MONTH;
    return make_date(idx / 12, (int)(idx % 12) + 1, 1);
}

/* Whether w is a cue of the future: 1 alone ("will", "shall", "scheduled", "upcoming"),
 * 2 when "to" follows ("set", "due", "plans", "planned", "expected", "going"), else 0.
 * By length first: most words are none of them. */
static int future_cue(const word *w) {
    switch (w->n) {
    case 3: return WORD_IS(w->p, 3, "set") || WORD_IS(w->p, 3, "due") ? 2 : 0;
    case 4: return WORD_IS(w->p, 4, "will") ? 1 : 0;
    case 5:
        if (WORD_IS(w->p, 5, "shall")) return 1;
        return WORD_IS(w->p, 5, "plans") || WORD_IS(w->p, 5, "going") ? 2 : 0;
    case 7: return WORD_IS(w->p, 7, "planned") ? 2 : 0;
    case 8:
        if (WORD_IS(w->p, 8, "upcoming")) return 1;
        return WORD_IS(w->p, 8, "expected") ? 2 : 0;
    case 9: return WORD_IS(w->p, 9, "scheduled") ? 1 : 0;
    default: return 0;
    }
}

/* Whether w is a weaker cue of what may come, which holds only in its own stretch of
 * the sentence (see weak_future_before): 1 alone, a modal ("could", "might", "should",
 * "must", "may" in lower case, not the month), 2 when "to" follows, a present of wanting
 * or aiming ("wants", "hopes", "aims", "intends", "seeks"); else 0. "Would" is no cue:
 * it is the future of a past ("said it would"). */
static int weak_future_cue(const word *w) {
    switch (w->n) {
    case 3: return w->p[0] == 'm' && WORD_IS(w->p, 3, "may") ? 1 : 0;
    case 4: return WORD_IS(w->p, 4, "must") ? 1 : WORD_IS(w->p, 4, "aims") ? 2 : 0;
    case 5:
        if (WORD_IS(w->p, 5, "could") || WORD_IS(w->p, 5, "might")) return 1;
        return WORD_IS(w->p, 5, "wants") || WORD_IS(w->p, 5, "hopes") || WORD_IS(w->p, 5, "seeks") ? 2 : 0;
    case 6: return WORD_IS(w->p, 6, "should") ? 1 : 0;
    case 7: return WORD_IS(w->p, 7, "intends") ? 2 : 0;
    default: return 0;
    }
}

/* Whether c ends a stretch of the sentence for a weak cue: a comma, semicolon, colon,
 * parenthesis, a dash's first byte (UTF-8 0xE2), or NUL. */
static bool stretch_mark(unsigned char c) {
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == 0xe2 || c == 0;
}

static bool mark_in(const char *s, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (stretch_mark((unsigned char)s[i])) return true;
    return false;
}

/* True when the stretch of s before at (back to the last comma, semicolon, colon,
 * parenthesis or dash) holds a weak cue of the future: "wants to reconvene talks in
 * Geneva in October", "the virus could fade in April". Past the stretch the cue no
 * longer holds: "which could herald another phase of the pullout, announced by Trump in
 * December"; "wants Ghani to defer ..., two sources said on Monday". This reads the
 * stretch again; future_before answers the same once per sentence where no word
 * straddles at. */
static bool weak_future_before(const char *s, size_t at) {
    size_t b = at;
    while (b > 0 && !stretch_mark((unsigned char)s[b - 1])) b--;
    word w, nx;
    size_t i = b;
    while ((i = next_word(s, at, i, &w)) <= at) {
        if (w.digit) continue;
        int cue = weak_future_cue(&w);
        if (cue == 1) return true;
        if (cue == 2 && next_word(s, at, i, &nx) <= at && WORD_IS(nx.p, nx.n, "to")) return true;
    }
    return false;
}

/* Where the sentence first speaks of the future ("will", "set to", "is due to", "plans
 * to", "scheduled"), and where its current stretch holds a weak cue (weak_future_before),
 * scanned only as far as asked: an expression at s[at] looks forward when a cue starts
 * before it, so the words from at on are read only for a later expression (most
 * sentences ask once, about an expression before their verbs). Expressions are asked
 * about in the order of the text. */
/* The first letters of the cues of future_cue and weak_future_cue by the cue's length
 * (3 to 9 letters), a bit per letter from 'a': a word passes on to the two switches
 * only when a cue has its length and first letter (a third of the words had one of the
 * twelve first letters alone). */
#define CUE_LETTER(c) (1u << ((c) - 'a'))
static const uint32_t future_cue_first[10] = {
    0,
    0,
    0,
    CUE_LETTER('s') | CUE_LETTER('d') | CUE_LETTER('m'), /* set, due; may */
    CUE_LETTER('w') | CUE_LETTER('m') | CUE_LETTER('a'), /* will; must, aims */
    CUE_LETTER('s') | CUE_LETTER('p') | CUE_LETTER('g') | CUE_LETTER('c') | CUE_LETTER('m') | CUE_LETTER('w') |
        CUE_LETTER('h'), /* shall, plans, going; could, might, wants, hopes, seeks */
    CUE_LETTER('s'),                   /* should */
    CUE_LETTER('p') | CUE_LETTER('i'), /* planned; intends */
    CUE_LETTER('u') | CUE_LETTER('e'), /* upcoming, expected */
    CUE_LETTER('s'),                   /* scheduled */
};
#undef CUE_LETTER

typedef struct future_scan {
    size_t i;    /* where the next word to read starts (next_word's i) */
    size_t cue;  /* the first strong cue's offset; SIZE_MAX: none read yet */
    size_t weak; /* where the first weak cue of the current stretch holds from (its
                  * offset, or the offset of the "to" it needs); SIZE_MAX: none */
} future_scan;

/* The next word of s from i as next_word reads it (what next_word returns, n + 1 when
 * there is none; the word's start in *p, whether it is a number in *digit), and in *mark
 * whether the bytes passed over before it hold a stretch mark (mark_in): future_before's
 * reading, with no word filled in and the bytes between words read once. */
static size_t future_word(const char *s, size_t n, size_t i, size_t *p, bool *digit, bool *mark) {
    bool m = false;
    for (; i < n && !is_alpha((unsigned char)s[i]) && !is_digit((unsigned char)s[i]); i++)
        m |= stretch_mark((unsigned char)s[i]);
    *mark = m;
    if (i >= n) return n + 1;
    *p = i;
    *digit = is_digit((unsigned char)s[i]);
    if (!*digit) return word_end(s, n, i);
    while (i < n && is_digit((unsigned char)s[i])) i++;
    size_t j = i; /* "3rd", "24th" */
    while (j < n && is_alpha((unsigned char)s[j])) j++;
    return j - i == 2 ? j : i;
}

static bool future_before(const char *s, size_t n, future_scan *f, size_t at) {
    word w;
    size_t i;
    while (f->cue == SIZE_MAX) {
        size_t p = 0;
        bool digit = false, mark = false;
        if ((i = future_word(s, n, f->i, &p, &digit, &mark)) > n) break;
        if (p >= at) break; /* read again when a later expression asks */
        if (mark) f->weak = SIZE_MAX; /* a new stretch */
        f->i = i;
        if (digit) continue;
        w.p = s + p;
        w.n = i - p;
        /* "we'll" (a cue has no apostrophe, so no word is both) */
        bool ll = w.n > 3 && !memcmp(w.p + w.n - 3, "'ll", 3);
        unsigned first = (unsigned)lower((unsigned char)w.p[0]) - 'a';
        if (!ll && (w.n >= sizeof future_cue_first / sizeof future_cue_first[0] || first >= 26u ||
                    !((future_cue_first[w.n] >> first) & 1u)))
            continue; /* most words */
        int cue = ll ? 1 : future_cue(&w);
        if (cue == 2) { /* "set to", "due to", "plans to", "expected to", "going to" */
            word nx;
            size_t j = next_word(s, n, i, &nx);
            cue = j <= n && WORD_IS(nx.p, nx.n, "to");
        }
        if (cue) {
            f->cue = p;
            break;
        }
        int weak = weak_future_cue(&w);
        if (weak == 1 && p < f->weak) f->weak = p;
        if (weak == 2 && f->weak == SIZE_MAX) { /* "wants to", within the stretch */
            word nx;
            size_t j = next_word(s, n, i, &nx);
            size_t q = (size_t)(nx.p - s);
            if (j <= n && WORD_IS(nx.p, nx.n, "to") && !mark_in(s, i, q)) f->weak = q;
        }
    }
    if (f->cue < at) return true;
    /* a word that straddles at reads otherwise when cut at at */
    if (at > 0 && (is_alpha((unsigned char)s[at - 1]) || is_digit((unsigned char)s[at - 1]) || s[at - 1] == '\''))
        return weak_future_before(s, at);
    return f->weak < at && !mark_in(s, f->i, at);
}

/* Resolves a month name at w (with its next word, when it has one). */
static int32_t resolve_month(const char *s, size_t n, size_t after, const word *w, int m,
                             int32_t story, bool forward, int *prec) {
    word next_w, yw, prev_w;
    size_t j = next_word(s, n, after, &next_w);
    bool has_next = j <= n;
    if (after_edge(s, (size_t)(w->p - s))) return 0;
    /* the end of a range: "Feb. 9-March 29" (not "mid-October") */
    if (w->p > s + 1 && w->p[-1] == '-' && is_digit((unsigned char)w->p[-2])) return 0;
    if (has_next && next_w.digit && next_w.num >= 1 && next_w.num <= 31 && next_w.n <= 4) {
        /* "Sept. 3", "June 3, 2019" */
        size_t k = next_word(s, n, j, &yw);
        const char *between = next_w.p + next_w.n;
        *prec = DYAD_DATE_DAY;
        if (k <= n && yw.digit && yw.n == 4 && (size_t)(yw.p - between) <= 2)
            return make_date(yw.num, m, next_w.num);
        return month_day(story, m, next_w.num, forward);
    }
    *prec = DYAD_DATE_MONTH;
    if (has_next && next_w.digit && next_w.n == 4 && next_w.num > 1000 &&
        (size_t)(next_w.p - (w->p + w->n)) <= 2)
        return make_date(next_w.num, m, 1); /* "March 1975", "in June 2018" */
    if (word_before(s, (size_t)(w->p - s), &prev_w) && month_context(&prev_w))
        return month_only(story, m, forward || WORD_IS(prev_w.p, prev_w.n, "next")); /* "next October" */
    return 0;
}

/* "in 2016", "during 2016", "in early 2016": a year no later than the story's. */
static int32_t resolve_year(const char *s, const word *w, int32_t story) {
    if (w->n != 4 || w->num < 1900 || w->num > story / 10000) return 0;
    const char *after = w->p + w->n;
    if (*after == '-' || *after == '%' || *after == '/' || *after == '.' ) {
        if (*after != '.' || is_digit((unsigned char)after[1])) return 0; /* 2016-17, 2016.5 */
    }
    word prev;
    if (!word_before(s, (size_t)(w->p - s), &prev)) return 0;
    if (WORD_IS(prev.p, prev.n, "early") || WORD_IS(prev.p, prev.n, "late") ||
        WORD_IS(prev.p, prev.n, "mid")) {
        word pp;
        if (!word_before(s, (size_t)(prev.p - s), &pp)) return 0;
        prev = pp;
    }
    if (!WORD_IS(prev.p, prev.n, "in") && !WORD_IS(prev.p, prev.n, "during") &&
        !WORD_IS(prev.p, prev.n, "throughout"))
        return 0;
    return make_date(w->num, 1, 1);
}

int32_t date_resolve_relative(const char *s, size_t n, int32_t story, int *precision) {
    return date_resolve_relative_at(s, n, 0, story, precision);
}

static size_t next_year_digits(const char *s, size_t n, size_t *i);
static int32_t full_date_at(const char *s, size_t y, size_t *start);

/* Words before a date that make it the edge of a span or another thing's date, not the
 * day of an act: "since June 2, 2021", "from ... to October 8 2023", "as of January 28",
 * "a resolution of June 28, 2022", "a release dated July 26, 2022". */
static const char *const span_edge_words[] = {"since", "until", "till", "between", "from", "to",
                                              "through", "by", "of", "dated", NULL};

/* The first full date of s from `from` on, a day with its month and year ("on 3 September
 * 2019", "Tuesday 26 July 2022", "June 3, 2019", "22nd July, 2022"), not the edge of a
 * span (span_edge_words) nor one the sentence looks forward to ("will be held on ...");
 * 0 if none. All that dates a sentence of a story with no date: the rest needs the day
 * of writing. */
static int32_t first_full_date(const char *s, size_t n, size_t from, int *prec) {
    future_scan future = {0, SIZE_MAX, SIZE_MAX};
    size_t i = from, y, start;
    *prec = DYAD_DATE_DAY;
    while ((y = next_year_digits(s, n, &i)) < n) {
        int32_t d = full_date_at(s, y, &start);
        if (!d || start < from) continue;
        word b;
        size_t at = start;
        if (word_before(s, at, &b) && date_weekday_from_name(b.p, b.n)) at = (size_t)(b.p - s);
        if (word_before(s, at, &b) && word_in(&b, span_edge_words)) continue;
        if (future_before(s, n, &future, start)) continue;
        return d;
    }
    /* "In 2013, Morales filed a lawsuit": a year that opens the sentence sets the scene
     * of all of it, a past the year rule measures against the story's year */
    if (from == 0 && n > 8 && (s[0] == 'I' || s[0] == 'i') && s[1] == 'n' && s[2] == ' ' && is_digit((unsigned char)s[3])) {
        size_t k = 3;
        y = next_year_digits(s, n, &k);
        /* the comma may be missing, or come after the event the year names ("In 2018
         * Chile filed a complaint", "In 2018 qualifications for the World Cup, Chile
         * filed ...") */
        if (y == 3 && k + 1 < n && (s[k] == ',' || (s[k] == ' ' && is_alpha((unsigned char)s[k + 1])))) {
            *prec = DYAD_DATE_YEAR;
            return make_date((s[3] - '0') * 1000 + (s[4] - '0') * 100 + (s[5] - '0') * 10 + (s[6] - '0'), 1, 1);
        }
    }
    return 0;
}

int32_t date_resolve_relative_at(const char *s, size_t n, size_t from, int32_t story, int *precision) {
    return date_resolve_relative_verb(s, n, from, 0, story, precision);
}

int32_t date_resolve_relative_verb(const char *s, size_t n, size_t from, size_t verb, int32_t story,
                                   int *precision) {
    int prec_local;
    int *prec = precision ? precision : &prec_local;
    *prec = DYAD_DATE_DAY;
    if (!date_valid(story)) return first_full_date(s, n, from, prec);
    /* where the future begins is read only when an expression needs it, and only as far
     * as the expression (future_before): most sentences hold none, and the whole scan was
     * a third of this function's cost */
    future_scan future = {0, SIZE_MAX, SIZE_MAX};
#define FORWARD(at) future_before(s, n, &future, (at))
    int32_t year_date = 0; /* "in 2016", "last month": used when nothing more precise is found */
    int year_prec = DYAD_DATE_YEAR;
    size_t i = from;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (!is_alpha(c) && !is_digit(c)) {
            i++;
            continue;
        }
        /* a word in lower case with neither the first letter nor the length of a word
         * asked about below ("yesterday", "today", "tonight", "tomorrow", "week", "ago",
         * "month", "year"; most words of a sentence) dates nothing: passed over as
         * next_word reads it, with the precision the words of y, t and w set */
        if (c >= 'a' && c <= 'z') {
            size_t e = word_end(s, n, i), len = e - i;
            bool asked = c == 'y'   ? len == 9 || len == 4 || len == 5
                         : c == 'm' ? len == 4 || len == 5
                         : c == 't' ? len == 5 || len == 7 || len == 8
                         : c == 'w' ? len == 4
                         : c == 'a' && len == 3;
            if (!asked) {
                if (c == 'y' || c == 't' || c == 'w') *prec = DYAD_DATE_DAY;
                i = e;
                continue;
            }
        }
        word w;
        size_t st = i;
        i = next_word(s, n, st, &w);
        if (w.digit) {
            /* "3 September"; a range "25-26 January" is dated by its first day */
            if (w.num >= 1 && w.num <= 31 && w.n <= 4) {
                word nx;
                size_t j = next_word(s, n, i, &nx);
                const char *day_end = w.p + w.n;
                if (j <= n && nx.digit && nx.num >= 1 && nx.num <= 31 && i < n && s[i] == '-' &&
                    nx.p == s + i + 1 && nx.n <= 2) {
                    word mo;
                    size_t k = next_word(s, n, j, &mo);
                    if (k <= n && mo.cap && !mo.digit && date_month_from_name(mo.p, mo.n)) {
                        day_end = nx.p + nx.n;
                        nx = mo;
                        j = k;
                    }
                }
                /* "3 September"; not "Feb. 9-March 29", a range whose "9-March" is no date */
                if (j <= n && nx.cap && !nx.digit && (size_t)(nx.p - day_end) == 1 && *day_end != '-') {
                    int m = date_month_from_name(nx.p, nx.n);
                    if (m && (nx.n > 4 || nx.dot || m == 6 || m == 7) && !after_edge(s, st)) {
                        word yw;
                        size_t k = next_word(s, n, j, &yw);
                        *prec = DYAD_DATE_DAY;
                        if (k <= n && yw.digit && yw.n == 4 && (size_t)(yw.p - (nx.p + nx.n)) <= 2)
                            return make_date(yw.num, m, w.num); /* "3 September 2019" */
                        return month_day(story, m, w.num, FORWARD(st));
                    }
                }
            }
            if (!year_date) year_date = resolve_year(s, &w, story), year_prec = DYAD_DATE_YEAR;
            continue;
        }
        int first = lower(c);
        word prev;
        if (first == 'y' || first == 't' || first == 'w') {
            *prec = DYAD_DATE_DAY;
            if (WORD_IS(w.p, w.n, "yesterday")) return dyad_date_add_days(story, -1);
            if (WORD_IS(w.p, w.n, "today") || WORD_IS(w.p, w.n, "tonight")) return story;
            if (WORD_IS(w.p, w.n, "tomorrow")) return dyad_date_add_days(story, 1);
            if (WORD_IS(w.p, w.n, "week") && word_before(s, st, &prev) &&
                WORD_IS(prev.p, prev.n, "last"))
                return dyad_date_add_days(story, -7);
        }
        /* "two weeks ago", "10 days ago": that day; "three months ago", "a year ago",
         * "last month", "last year": that month or year, when nothing more precise is
         * in the sentence */
        if (first == 'a' && WORD_IS(w.p, w.n, "ago") && word_before(s, st, &prev)) {
            int unit = span_unit(&prev);
            int k = unit ? count_before(s, (size_t)(prev.p - s)) : 0;
            if (k > 0 && in_frame(s, verb, st)) continue;
            if (k > 0 && unit > 0) {
                *prec = DYAD_DATE_DAY;
                return dyad_date_add_days(story, -k * unit);
            }
            if (k > 0 && !year_date) year_date = months_or_years_back(story, unit, k, &year_prec);
            continue;
        }
        if ((first == 'm' || first == 'y') && !year_date && word_before(s, st, &prev) &&
            WORD_IS(prev.p, prev.n, "last")) {
            int unit = span_unit(&w);
            word pp; /* "in the last month" is the month up to the story date */
            bool the = word_before(s, (size_t)(prev.p - s), &pp) && WORD_IS(pp.p, pp.n, "the");
            if (unit < 0 && (w.n == 4 || w.n == 5) && !the && !in_frame(s, verb, st)) /* not "months" */
                year_date = months_or_years_back(story, unit, 1, &year_prec);
        }
        if (!w.cap || w.n < 3 || w.n > 9) continue;
        if (w.n >= 6 && lower((unsigned char)w.p[w.n - 3]) == 'd' &&
            lower((unsigned char)w.p[w.n - 1]) == 'y') {
            int wd = date_weekday_from_name(w.p, w.n);
            if (wd) {
                if (after_edge(s, st)) continue; /* "until Monday" */
                int back = (dyad_date_weekday(story) - (wd - 1) + 7) % 7;
                bool has_prev = word_before(s, st, &prev);
                *prec = DYAD_DATE_DAY;
                if (has_prev && WORD_IS(prev.p, prev.n, "next"))
                    return dyad_date_add_days(story, back ? 7 - back : 7);
                /* "last Friday", "the previous Friday": the one before the story's day */
                bool last = has_prev && (WORD_IS(prev.p, prev.n, "last") || WORD_IS(prev.p, prev.n, "previous"));
                if (last && back == 0) back = 7;
                /* "said on Monday", "told reporters Monday": the day of a saying in the
                 * past tense is behind, whatever the words said look forward to */
                if (has_prev && said_on(s, &prev)) return dyad_date_add_days(story, -back);
                if (FORWARD(st) && !last)
                    return dyad_date_add_days(story, back ? 7 - back : 0); /* "will meet on Wednesday" */
                return dyad_date_add_days(story, -back);
            }
        }
        if (c != 'J' && c != 'F' && c != 'M' && c != 'A' && c != 'S' && c != 'O' && c != 'N' && c != 'D')
            continue; /* no month's first letter */
        int m = date_month_from_name(w.p, w.n);
        /* An abbreviation must carry its period ("Sept."); "May" needs context. */
        if (m && w.n <= 4 && !w.dot && !(w.n == 3 && m == 5) && !WORD_IS(w.p, w.n, "june") &&
            !WORD_IS(w.p, w.n, "july"))
            m = 0;
        if (m) {
            int32_t v = resolve_month(s, n, i, &w, m, story, FORWARD(st), prec);
            if (v) return v;
        }
    }
    *prec = year_date ? year_prec : DYAD_DATE_DAY;
    return year_date;
#undef FORWARD
}

/* ---- the year of an undated story ---- */

/* The word that ends before s[at], digits included ("22" in "July 22, 2022"); *stop is set
 * when a clause mark (; : ! ?) stands between. False at the text's start. */
static bool any_word_before(const char *s, size_t at, word *w, bool *stop) {
    size_t e = at;
    while (e > 0 && !is_alpha((unsigned char)s[e - 1]) && !is_digit((unsigned char)s[e - 1])) {
        if (s[e - 1] == ';' || s[e - 1] == '!' || s[e - 1] == '?' ||
            (s[e - 1] == ':' && !(e >= 2 && is_digit((unsigned char)s[e]) &&
                                  is_digit((unsigned char)s[e - 2])))) /* not "5:50 a.m." */
            *stop = true;
        e--;
    }
    if (e == 0) return false;
    size_t st = e;
    bool digit = is_digit((unsigned char)s[e - 1]);
    while (st > 0 && (digit ? is_digit((unsigned char)s[st - 1]) : is_alpha((unsigned char)s[st - 1]))) st--;
    w->p = s + st;
    w->n = e - st;
    w->cap = is_upper_ascii(s[st]);
    w->dot = e < at && s[e] == '.';
    w->digit = digit;
    w->num = 0;
    for (size_t k = 0; digit && k < w->n && k < 6; k++) w->num = w->num * 10 + (s[st + k] - '0');
    return true;
}

/* A month's name as dates write it: capitalized; an abbreviation with its period
 * ("Sept."), "May", "June" and "July" as they are. */
static bool month_word(const word *w) {
    if (w->digit || !w->cap) return false;
    int m = date_month_from_name(w->p, w->n);
    return m && (w->n > 4 || w->dot || m == 5 || m == 6 || m == 7);
}

/* True when what starts at s[from] is told as past: it is not the edge of a span ("until
 * July 31, 2025", "by Oct. 2021") and no word of the future, plan or modality stands before
 * it in its clause ("will be held in 2023", "expects production to start in 2024"). For a
 * day of writing (today), "by" and "until" count only as the edge, right before it ("a
 * statement issued by the minister on Tuesday, 26 July 2022" is that day), and "since"
 * anywhere in the clause makes it the start of a span that runs to the day of writing
 * ("in custody since Friday 22nd July, 2022"), not that day. */
static bool told_as_past(const char *s, size_t from, bool today) {
    static const char *const edges[] = {"until", "till", "through", "by", "before", "after", "from",
                                        "ahead", "beyond", "to", "between", "and", "than", NULL};
    static const char *const future[] = {"will", "would", "shall", "expect", "expects", "expected",
                                         "plan", "plans", "planned", "due", "next", "scheduled",
                                         "hope", "hopes", "aim", "aims", "target", "targets", "until",
                                         "by", "could", "may", "might", "should", "must", NULL};
    word w;
    bool stop = false;
    if (any_word_before(s, from, &w, &stop) && !stop && !w.digit && word_in(&w, edges)) return false;
    stop = false;
    for (int k = 0; k < 40 && any_word_before(s, from, &w, &stop) && !stop; k++) {
        if (!w.digit && word_in(&w, future) && !month_word(&w) && /* not "May" */
            !(today && (WORD_IS(w.p, w.n, "by") || WORD_IS(w.p, w.n, "until"))))
            return false;
        if (today && WORD_IS(w.p, w.n, "since")) return false;
        from = (size_t)(w.p - s);
    }
    return true;
}

/* True when the year at s[at] dates something told as past: it follows "in", "during",
 * "throughout", "since" (also "in early") or a month ("July 22, 2022", "22 July 2022",
 * "May 2013"), that is not the edge of a span ("until July 31, 2025", "by Oct. 2021"),
 * and no word of the future, plan or modality stands before it in its clause ("will be
 * held in 2023", "expects production to start in 2024"). */
static bool past_year_at(const char *s, size_t at) {
    static const char *const opens[] = {"in", "during", "throughout", "since", NULL};
    static const char *const parts[] = {"early", "late", "mid", NULL};
    word w;
    bool stop = false;
    if (!any_word_before(s, at, &w, &stop) || stop) return false;
    size_t from;
    if (w.digit && w.num >= 1 && w.num <= 31 && w.n <= 2) { /* "July 22, 2022" */
        if (!any_word_before(s, (size_t)(w.p - s), &w, &stop) || stop || !month_word(&w)) return false;
        from = (size_t)(w.p - s);
    } else if (month_word(&w)) { /* "May 2013", "22 July 2022" */
        from = (size_t)(w.p - s);
        word d;
        bool st2 = false;
        if (any_word_before(s, from, &d, &st2) && !st2 && d.digit && d.num >= 1 && d.num <= 31 && d.n <= 2)
            from = (size_t)(d.p - s);
    } else if (word_in(&w, opens)) {
        from = (size_t)(w.p - s);
    } else if (word_in(&w, parts)) { /* "in early 2016" */
        if (!any_word_before(s, (size_t)(w.p - s), &w, &stop) || stop || !word_in(&w, opens)) return false;
        from = (size_t)(w.p - s);
    } else {
        return false;
    }
    return told_as_past(s, from, false);
}

/* The latest year from 1900 to 2099 that s[0..n) names as past (past_year_at), or 0.
 * A year must stand alone: not in "$2019", "2,019", "2016-17", "2019/20", "2019%". */
/* The next run of exactly four digits from s[*i] on that may be a year: it opens with 1
 * or 2 and is not followed by a letter, "%" or a joined number ("2022-23", "2019/20",
 * "2019.5"); *i moves past it. Its start, or n when there is none. */
static size_t next_year_digits(const char *s, size_t n, size_t *i) {
    while (*i < n) {
        if (!is_digit((unsigned char)s[*i])) {
            (*i)++;
            continue;
        }
        size_t st = *i;
        while (*i < n && is_digit((unsigned char)s[*i])) (*i)++;
        if (*i - st != 4 || (s[st] != '1' && s[st] != '2')) continue;
        size_t e = *i;
        if (e < n && (is_alpha((unsigned char)s[e]) || s[e] == '%' ||
                      ((s[e] == '-' || s[e] == '/' || s[e] == '.' || s[e] == ',') && e + 1 < n &&
                       is_digit((unsigned char)s[e + 1]))))
            continue;
        return st;
    }
    return n;
}

static int latest_past_year(const char *s, size_t n) {
    int best = 0;
    size_t i = 0, st;
    while ((st = next_year_digits(s, n, &i)) < n) {
        if (st > 0 && (is_alpha((unsigned char)s[st - 1]) || s[st - 1] == '$' || s[st - 1] == '/' ||
                       s[st - 1] == '-' || (unsigned char)s[st - 1] >= 0x80 ||
                       ((s[st - 1] == ',' || s[st - 1] == '.') && st > 1 && is_digit((unsigned char)s[st - 2]))))
            continue;
        int year = (s[st] - '0') * 1000 + (s[st + 1] - '0') * 100 + (s[st + 2] - '0') * 10 + (s[st + 3] - '0');
        if (year < 1900 || year > 2099 || year <= best) continue;
        if (past_year_at(s, st)) best = year;
    }
    return best;
}

/* ---- the date of an undated story ---- */

/* The day of the month that ends before s[at]: one or two digits, 1 to 31, perhaps with an
 * ordinal suffix ("22", "22nd"); *start is set where it begins. */
static bool day_before(const char *s, size_t at, int *day, size_t *start) {
    static const char *const ordinals[] = {"st", "nd", "rd", "th", NULL};
    word w;
    bool stop = false;
    if (!any_word_before(s, at, &w, &stop) || stop) return false;
    if (!w.digit && word_in(&w, ordinals) && w.p > s && is_digit((unsigned char)w.p[-1]))
        if (!any_word_before(s, (size_t)(w.p - s), &w, &stop)) return false;
    if (!w.digit || w.n > 2 || w.num < 1 || w.num > 31) return false;
    *day = w.num;
    *start = (size_t)(w.p - s);
    return true;
}

/* The full date (day, month, year) whose year is the four digits at s[y]: "July 25, 2022",
 * "25 July 2022", "22nd July, 2022"; *start is set where it begins. 0 when there is none. */
static int32_t full_date_at(const char *s, size_t y, size_t *start) {
    int year = (s[y] - '0') * 1000 + (s[y + 1] - '0') * 100 + (s[y + 2] - '0') * 10 + (s[y + 3] - '0');
    word w;
    bool stop = false;
    int d = 0;
    if (!any_word_before(s, y, &w, &stop) || stop) return 0;
    if (month_word(&w)) { /* "25 July 2022" */
        if (!day_before(s, (size_t)(w.p - s), &d, start)) return 0;
    } else if (day_before(s, y, &d, start)) { /* "July 25, 2022" */
        if (!any_word_before(s, *start, &w, &stop) || stop || !month_word(&w)) return 0;
        *start = (size_t)(w.p - s);
    } else {
        return 0;
    }
    return make_date(year, date_month_from_name(w.p, w.n), d);
}

int32_t date_told_today(const char *s, size_t n, size_t *from, size_t *to) {
    int32_t best = 0;
    size_t i = 0, st;
    while ((st = next_year_digits(s, n, &i)) < n) {
        size_t start;
        int32_t date = full_date_at(s, st, &start);
        if (!date) continue;
        /* The word that anchors it to the day of writing. */
        word a;
        bool stop = false;
        if (!any_word_before(s, start, &a, &stop) || stop || a.digit) continue;
        int32_t told;
        int wd = date_weekday_from_name(a.p, a.n);
        if (wd && a.cap) {
            if (wd - 1 != dyad_date_weekday(date)) continue; /* the text is wrong somewhere */
            told = date;
        } else if (WORD_IS(a.p, a.n, "today") || WORD_IS(a.p, a.n, "tonight")) {
            told = date;
        } else if (WORD_IS(a.p, a.n, "yesterday")) {
            told = dyad_date_add_days(date, 1);
        } else {
            continue;
        }
        if (told <= best || !told_as_past(s, (size_t)(a.p - s), true)) continue;
        best = told;
        *from = (size_t)(a.p - s);
        *to = i < n && s[i] == ')' ? i + 1 : i; /* "today (July 26, 2022)" */
    }
    return best;
}

int date_latest_past_year(const char *s, size_t n) { return latest_past_year(s, n); }

/* ---- the date a story's URL carries ---- */

/* A number of exactly n digits at s[0..n), or -1. */
static int url_number(const char *s, size_t n) {
    int v = 0;
    if (n == 0) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* A date of a URL: year DATE_URL_MIN_YEAR..DATE_URL_MAX_YEAR, a real day of the month. */
static int32_t url_date(int y, int m, int d) {
    if (y < DATE_URL_MIN_YEAR || y > DATE_URL_MAX_YEAR) return 0;
    return make_date(y, m, d);
}

/* s[0..n) read as YYYY-MM-DD (month and day of one or two digits), the whole of it or
 * followed by a separator ("2022-06-08-talks-resume"); with compact, also exactly
 * YYYYMMDD and nothing else. 0 if neither. */
static int32_t url_piece_date(const char *s, size_t n, bool compact) {
    if (compact && n == 8) {
        int v = url_number(s, 8);
        if (v >= 0) return url_date(v / 10000, v / 100 % 100, v % 100);
    }
    if (n < 8) return 0;
    cur c = {s, 0, n};
    int y, m, d;
    if (read_num(&c, 4, &y) != 4 || c.i >= n || s[c.i++] != '-') return 0;
    if (read_num(&c, 2, &m) < 1 || c.i >= n || s[c.i++] != '-') return 0;
    if (read_num(&c, 2, &d) < 1) return 0;
    if (c.i < n && s[c.i] != '-' && s[c.i] != '_' && s[c.i] != '.') return 0;
    return url_date(y, m, d);
}

/* The query keys whose value may be a date. */
static bool url_date_key(const char *s, size_t n) {
    return WORD_IS(s, n, "ud") || WORD_IS(s, n, "date") || WORD_IS(s, n, "d");
}

int32_t date_from_url(const char *url) {
    if (!url) return 0;
    size_t n = strnlen(url, DATE_URL_MAX_BYTES + 1);
    if (n > DATE_URL_MAX_BYTES) return 0;
    /* The path starts after "scheme://host" (the host is never a date). */
    const char *sch = memchr(url, ':', n);
    size_t i = 0;
    if (sch && (size_t)(sch - url) + 2 < n && sch[1] == '/' && sch[2] == '/') {
        const char *slash = memchr(sch + 3, '/', n - (size_t)(sch + 3 - url));
        if (!slash) return 0;
        i = (size_t)(slash - url);
    } else {
        while (i < n && url[i] != '/' && url[i] != '?') i++;
    }
    int32_t found = 0;
    /* The last three path segments, numbers or -1 (Y/M/D in a row). */
    int seg[3] = {-1, -1, -1};
    size_t seg_len[3] = {0, 0, 0};
    bool query = false;
    while (i < n && url[i] != '#') {
        char sep = url[i];
        size_t a = ++i;
        while (i < n && url[i] != '/' && url[i] != '?' && url[i] != '&' && url[i] != ';' &&
               url[i] != '#')
            i++;
        if (sep == '?') query = true;
        if (!query && sep != '/') continue;
        const char *p = url + a;
        size_t len = i - a;
        int32_t d = 0;
        if (!query) {
            d = url_piece_date(p, len, true);
            seg[0] = seg[1];
            seg[1] = seg[2];
            seg_len[0] = seg_len[1];
            seg_len[1] = seg_len[2];
            seg_len[2] = len;
            seg[2] = len <= 4 ? url_number(p, len) : -1;
            if (!d && seg_len[0] == 4 && seg_len[1] <= 2 && seg_len[2] <= 2 && seg[0] >= 0 &&
                seg[1] >= 0 && seg[2] >= 0)
                d = url_date(seg[0], seg[1], seg[2]);
        } else {
            const char *eq = memchr(p, '=', len);
            if (eq && url_date_key(p, (size_t)(eq - p))) {
                const char *v = eq + 1;
                size_t vn = len - (size_t)(v - p);
                /* a date key's value may carry the time, or a serial, on the date:
                 * YYYYMMDDhhmm, YYYYMMDDhhmmss */
                if ((vn == 12 || vn == 14) && url_number(v + 8, vn - 8) >= 0) vn = 8;
                d = url_piece_date(v, vn, true);
            }
        }
        if (!d) continue;
        if (found && found != d) return 0; /* two dates: none is plain */
        found = d;
    }
    return found;
}

int date_story_year(const dyad_story *s) {
    if (s->date > 0) return s->date / 10000;
    int best = 0;
    for (size_t i = 0; i < s->n_sentences; i++) {
        const dyad_sentence *st = &s->sentences[i];
        if (st->flags & DYAD_SENT_SKIPPED) continue;
        int y = latest_past_year(st->text, st->text_len);
        if (y > best) best = y;
    }
    return best;
}
