/* emit.c: events -> text: JSONL, TSV, CSV and GDELT 2.0 event rows (docs/json-fields.md).
 * Hand-written and locale-free: every number is formatted here, not by printf. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* An output record under construction: the first error sticks, and on error the buffer
 * is cut back to where the record began, so a failed call leaves b as it was. */
typedef struct out {
    dyad_buf *b;
    size_t mark;
    int err;
} out;

static void put_grow(out *o, const char *s, size_t n) {
    if (o->err == DYAD_OK) o->err = dyad_buf_append(o->b, s, n);
}
/* Inline, so that the field names (literals) are copied without a call: a record has
 * about forty of them, and the calls were a third of writing JSONL. */
static inline void put(out *o, const char *s, size_t n) {
    dyad_buf *b = o->b;
    if (o->err == DYAD_OK && b->len < b->cap && n < b->cap - b->len) { /* room: no call */
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    put_grow(o, s, n);
}
static inline void puts_(out *o, const char *s) { put(o, s, strlen(s)); }
static inline void putc_(out *o, char c) { put(o, &c, 1); }

static int finish(out *o) {
    if (o->err != DYAD_OK) {
        o->b->len = o->mark;
        if (o->b->data) o->b->data[o->mark] = '\0';
    }
    return o->err;
}

/* Room for n more bytes in o's buffer: a pointer to where they go (the caller then moves
 * b->len), or NULL with o->err set when there is none. */
static inline char *room(out *o, size_t n) {
    if (o->err != DYAD_OK) return NULL;
    dyad_buf *b = o->b;
    if (!(b->len < b->cap && n < b->cap - b->len) && (o->err = buf_reserve(b, n)) != DYAD_OK) return NULL;
    return b->data + b->len;
}

/* The two digits of 0..99, "00" to "99": numbers written two digits a division. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                  "8081828384858687888990919293949596979899";

/* Writes the decimal digits of v at w; returns their number (at most 20). */
static size_t put_digits_at(char *w, uint64_t v) {
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && v >= p; p *= 10) n++; /* 10^19 is the last power that fits */
    size_t i = n;
    for (; v >= 100; v /= 100) {
        i -= 2;
        memcpy(w + i, digit_pairs + 2 * (v % 100), 2);
    }
    if (v >= 10) memcpy(w + i - 2, digit_pairs + 2 * v, 2);
    else w[i - 1] = (char)('0' + v);
    return n;
}

/* Ends a record part written directly at w (from room): b->len moves to w. */
static void commit(out *o, char *w) {
    o->b->len = (size_t)(w - o->b->data);
    o->b->data[o->b->len] = '\0';
}

static void put_u64(out *o, uint64_t v) {
    char *w = room(o, 20);
    if (w) commit(o, w + put_digits_at(w, v));
}

static void put_i64(out *o, int64_t v) {
    if (v < 0) {
        putc_(o, '-');
        put_u64(o, (uint64_t)(-(v + 1)) + 1);
    } else {
        put_u64(o, (uint64_t)v);
    }
}

/* Writes v with `decimals` (0 to 6) digits after the point (rounded half away from
 * zero). Returns false, writing nothing, when v is not finite or too large to matter. */
static bool put_fixed(out *o, double v, int decimals) {
    static const int64_t scales[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (!isfinite(v) || fabs(v) > 1e12 || decimals < 0 || decimals > 6) return false;
    int64_t scale = scales[decimals];
    int64_t n = (int64_t)llround(v * (double)scale);
    char *w = room(o, 32); /* sign, 13 digits, point, 6 decimals */
    if (!w) return true;   /* the error is kept in o */
    if (n < 0) {
        *w++ = '-';
        n = -n;
    }
    w += put_digits_at(w, (uint64_t)(n / scale));
    if (decimals > 0) {
        int64_t f = n % scale;
        *w++ = '.';
        int i = decimals;
        for (; i >= 2; i -= 2, f /= 100) memcpy(w + i - 2, digit_pairs + 2 * (f % 100), 2);
        if (i) w[0] = (char)('0' + f % 10);
        w += decimals;
    }
    commit(o, w);
    return true;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd"; /* U+FFFD for bytes that are not UTF-8 */

/* The bytes a JSON string can take as they are: printable ASCII but '"' and '\\'. Strings
 * are scanned JSON_BLOCK bytes at a time for any other. */
#define JSON_BLOCK 16u

/* True when one of the JSON_BLOCK bytes at p is not printable ASCII (a control
 * character, DEL, a byte of a multibyte character) or is '"' or '\\'. */
static bool special_block(const unsigned char *p) {
#ifdef __SSE2__
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* signed: bytes >= 0x80 are negative, so below ' ' too */
    __m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(' ')),
                               _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\\')),
                                                         _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)))));
    return _mm_movemask_epi8(bad) != 0;
#else
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t any = 0;
    for (size_t k = 0; k < JSON_BLOCK; k += 8) {
        uint64_t x;
        memcpy(&x, p + k, 8);
        uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\'), del = x ^ (ones * 0x7f);
        uint64_t zero = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((del - ones) & ~del);
        any |= zero | (x - ones * 0x20) | x;
    }
    return (any & highs) != 0;
#endif
}

/* Writes the byte at p (of the n left) as JSON string content at *w; returns the bytes
 * of input used. A valid UTF-8 sequence is copied whole; a byte that is not UTF-8 becomes
 * U+FFFD; at most 6 bytes are written for each byte used. */
static size_t put_json_char(char **w, const unsigned char *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    unsigned char c = p[0];
    char *d = *w;
    size_t used = 1;
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        *d++ = (char)c;
    } else if (c >= 0x80 && (used = utf8_len(p, n)) > 0) {
        memcpy(d, p, used);
        d += used;
    } else {
        used = 1;
        switch (c) {
        case '"': memcpy(d, "\\\"", 2); d += 2; break;
        case '\\': memcpy(d, "\\\\", 2); d += 2; break;
        case '\n': memcpy(d, "\\n", 2); d += 2; break;
        case '\r': memcpy(d, "\\r", 2); d += 2; break;
        case '\t': memcpy(d, "\\t", 2); d += 2; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                memcpy(d, esc, 6);
                d += 6;
            } else {
                memcpy(d, REPLACEMENT, 3);
                d += 3;
            }
        }
    }
    *w = d;
    return used;
}

/* A JSON string literal, or null for NULL. Control characters are escaped; bytes that are
 * not UTF-8 become U+FFFD, so that the line always parses. The string is scanned and
 * copied JSON_BLOCK bytes at a time, byte by byte only within a block that needs it. */
static void put_json(out *o, const char *s) {
    if (!s) {
        puts_(o, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    /* Room for the string as it is, the quotes, and a whole block written for the tail.
     * Invariant: room stays for the rest of the input as it is, plus those. */
    char *w = n < SIZE_MAX / 8 ? room(o, n + 2 + JSON_BLOCK) : NULL;
    if (!w) {
        if (o->err == DYAD_OK) o->err = DYAD_ENOMEM;
        return;
    }
    char *open = w;
    *w++ = '"';
    while (i < n) {
        size_t len = n - i < JSON_BLOCK ? n - i : JSON_BLOCK;
        if (len == JSON_BLOCK) {
            if (!special_block(p + i)) {
                memcpy(w, p + i, JSON_BLOCK);
                w += JSON_BLOCK;
                i += JSON_BLOCK;
                continue;
            }
        } else if (i >= JSON_BLOCK && (size_t)(w - open) == i + 1) {
            /* the tail, after a copy as it is: the string's last block, written over
             * the copy of its first bytes (the same bytes) */
            if (!special_block(p + n - JSON_BLOCK)) {
                memcpy(w - (JSON_BLOCK - len), p + n - JSON_BLOCK, JSON_BLOCK);
                w += len;
                break;
            }
        } else {
            unsigned char tail[JSON_BLOCK]; /* a short tail, padded with plain bytes */
            memset(tail, ' ', sizeof tail);
            memcpy(tail, p + i, len);
            if (!special_block(tail)) {
                memcpy(w, tail, JSON_BLOCK);
                w += len;
                break;
            }
        }
        /* escapes: room for six bytes out for each byte of the block */
        o->b->len = (size_t)(w - o->b->data);
        size_t at = (size_t)(w - open);
        if (!(w = room(o, 6 * len + (n - i) + 2 + JSON_BLOCK))) return;
        open = w - at;
        for (size_t stop = i + len; i < stop;) i += put_json_char(&w, p + i, n - i);
    }
    *w++ = '"';
    commit(o, w);
}

/* A field of a tab-separated row: tabs, line breaks and other control characters become
 * spaces, bytes that are not UTF-8 become U+FFFD; NULL is the empty field. */
static void put_tsv(out *o, const char *s) {
    if (!s) return;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), run = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7f) { i++; continue; }
        size_t ul = c >= 0x80 ? utf8_len(p + i, n - i) : 0;
        if (ul) { i += ul; continue; }
        put(o, s + run, i - run);
        if (c >= 0x80) put(o, REPLACEMENT, 3);
        else putc_(o, ' ');
        i++;
        run = i;
    }
    put(o, s + run, n - run);
}

/* A CSV field per RFC 4180: quoted (quotes doubled) when it holds a comma, quote, line
 * break or leading/trailing space. Line breaks and tabs are kept (inside the quotes);
 * other control characters become spaces, bytes that are not UTF-8 become U+FFFD. */
static void put_csv(out *o, const char *s) {
    if (!s) return;
    size_t n = strlen(s);
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (quote) putc_(o, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if ((c >= 0x20 && c < 0x7f && c != '"') || c == '\n' || c == '\r' || c == '\t') {
            i++;
            continue;
        }
        size_t ul = c >= 0x80 ? utf8_len(p + i, n - i) : 0;
        if (ul) { i += ul; continue; }
        put(o, s + run, i - run);
        if (c == '"') puts_(o, "\"\"");
        else if (c >= 0x80) put(o, REPLACEMENT, 3);
        else putc_(o, ' ');
        i++;
        run = i;
    }
    put(o, s + run, n - run);
    if (quote) putc_(o, '"');
}

/* Splits YYYYMMDD; false for 0 or anything that is not a plausible calendar date. */
static bool date_parts(int32_t d, int *y, int *m, int *day) {
    if (d <= 0) return false;
    *y = d / 10000;
    *m = d / 100 % 100;
    *day = d % 100;
    return *y >= 1 && *y <= 9999 && *m >= 1 && *m <= 12 && *day >= 1 && *day <= 31;
}

static void put_digits(out *o, int v, int width) {
    char tmp[8];
    for (int i = width - 1; i >= 0; i--) {
        tmp[i] = (char)('0' + v % 10);
        v /= 10;
    }
    put(o, tmp, (size_t)width);
}

/* "YYYY-MM-DD"; false (nothing written) when there is no date. */
static bool put_date_iso(out *o, int32_t date) {
    int y, m, d;
    if (!date_parts(date, &y, &m, &d)) return false;
    put_digits(o, y, 4);
    putc_(o, '-');
    put_digits(o, m, 2);
    putc_(o, '-');
    put_digits(o, d, 2);
    return true;
}

/* A span as [start,end], or null when it is empty (nothing to highlight). */
static void put_json_span(out *o, dyad_span sp) {
    if (sp.end <= sp.start) {
        puts_(o, "null");
        return;
    }
    char *w = room(o, 43);
    if (!w) return;
    *w++ = '[';
    w += put_digits_at(w, sp.start);
    *w++ = ',';
    w += put_digits_at(w, sp.end);
    *w++ = ']';
    commit(o, w);
}

static const char *or_null(const char *s) { return (s && *s) ? s : NULL; }

/* The fixed-size code fields of an event, NUL-terminated even if the arrays are full. */
typedef struct codes {
    char source[DYAD_MAX_CODE_BYTES + 1], target[DYAD_MAX_CODE_BYTES + 1], code[9];
} codes;

static void get_codes(const dyad_event *e, codes *c) {
    memcpy(c->source, e->source, DYAD_MAX_CODE_BYTES);
    c->source[DYAD_MAX_CODE_BYTES] = '\0';
    memcpy(c->target, e->target, DYAD_MAX_CODE_BYTES);
    c->target[DYAD_MAX_CODE_BYTES] = '\0';
    memcpy(c->code, e->code, 8);
    c->code[8] = '\0';
}

static const char *const PRECISION[] = {"", "country", "region", "city"};

static bool place_ok(const dyad_place *p) {
    return p->precision >= DYAD_GEO_COUNTRY && p->precision <= DYAD_GEO_CITY;
}

/* The members of a place object after text and country: precision, name, full_name,
 * adm1, region, lat, lon, feature_id, from, span. */
static void put_json_place(out *o, const dyad_place *p) {
    puts_(o, "\"precision\":");
    put_json(o, PRECISION[p->precision]);
    puts_(o, ",\"name\":");
    put_json(o, p->name);
    puts_(o, ",\"full_name\":");
    put_json(o, p->full_name);
    puts_(o, ",\"adm1\":");
    put_json(o, p->adm1 && p->adm1[0] ? p->adm1 : NULL);
    puts_(o, ",\"region\":");
    put_json(o, p->region && p->region[0] ? p->region : NULL);
    puts_(o, ",\"lat\":");
    if (!put_fixed(o, p->lat, 5)) puts_(o, "null");
    puts_(o, ",\"lon\":");
    if (!put_fixed(o, p->lon, 5)) puts_(o, "null");
    puts_(o, ",\"feature_id\":");
    if (p->feature_id) put_u64(o, p->feature_id);
    else puts_(o, "null");
    puts_(o, ",\"from\":");
    put_json(o, p->from);
    puts_(o, ",\"span\":");
    if (p->span.end > p->span.start) put_json_span(o, p->span);
    else puts_(o, "null");
}

/* An actor's place: {text, country, precision, ...}, or null. */
static void put_json_actor_place(out *o, const dyad_place *p) {
    if (!place_ok(p)) {
        puts_(o, "null");
        return;
    }
    puts_(o, "{\"text\":");
    put_json(o, p->text);
    puts_(o, ",\"country\":");
    put_json(o, p->country);
    putc_(o, ',');
    put_json_place(o, p);
    putc_(o, '}');
}

int dyad_event_write_jsonl(dyad_buf *b, const dyad_event *e) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    codes c;
    get_codes(e, &c);
    puts_(&o, "{\"story\":");
    put_json(&o, e->story);
    puts_(&o, ",\"sentence\":");
    put_u64(&o, e->sentence);
    puts_(&o, ",\"date\":");
    int y, m, d;
    if (date_parts(e->date, &y, &m, &d)) {
        static const char *const precision[] = {"\"day\"", "\"month\"", "\"year\""};
        putc_(&o, '"');
        put_date_iso(&o, e->date);
        puts_(&o, "\",\"date_precision\":");
        puts_(&o, precision[e->date_precision >= 0 && e->date_precision <= 2 ? e->date_precision : 0]);
    } else {
        puts_(&o, "null,\"date_precision\":null");
    }
    puts_(&o, ",\"date_source\":");
    put_json(&o, e->date_source);
    puts_(&o, ",\"source\":");
    put_json(&o, or_null(c.source));
    puts_(&o, ",\"source_text\":");
    put_json(&o, e->source_text);
    puts_(&o, ",\"target\":");
    put_json(&o, or_null(c.target));
    puts_(&o, ",\"target_text\":");
    put_json(&o, e->target_text);
    puts_(&o, ",\"code\":");
    put_json(&o, c.code);
    puts_(&o, ",\"root\":");
    put_i64(&o, e->root);
    puts_(&o, ",\"quad_class\":");
    put_i64(&o, e->quad_class);
    puts_(&o, ",\"goldstein\":");
    if (!put_fixed(&o, e->goldstein, 1)) puts_(&o, "null");
    puts_(&o, ",\"location\":");
    if (e->location || e->location_country || e->place.precision) {
        puts_(&o, "{\"text\":");
        put_json(&o, e->location);
        puts_(&o, ",\"country\":");
        put_json(&o, e->location_country);
        if (e->place.precision) {
            putc_(&o, ',');
            put_json_place(&o, &e->place);
        }
        putc_(&o, '}');
    } else {
        puts_(&o, "null");
    }
    puts_(&o, ",\"source_place\":");
    put_json_actor_place(&o, &e->source_place);
    puts_(&o, ",\"target_place\":");
    put_json_actor_place(&o, &e->target_place);
    puts_(&o, ",\"text\":");
    put_json(&o, e->text);
    puts_(&o, ",\"spans\":{\"source\":");
    put_json_span(&o, e->source_span);
    puts_(&o, ",\"verb\":");
    put_json_span(&o, e->verb_span);
    puts_(&o, ",\"target\":");
    put_json_span(&o, e->target_span);
    puts_(&o, "},\"rules\":[");
    for (size_t i = 0; e->rules && i < e->n_rules; i++) {
        const dyad_rule *r = &e->rules[i];
        if (i) putc_(&o, ',');
        puts_(&o, "{\"kind\":");
        put_json(&o, r->kind);
        puts_(&o, ",\"file\":");
        put_json(&o, r->file);
        puts_(&o, ",\"line\":");
        put_u64(&o, r->line);
        puts_(&o, ",\"text\":");
        put_json(&o, r->text);
        putc_(&o, '}');
    }
    puts_(&o, "]}\n");
    return finish(&o);
}

/* ---------------------------------------------------------------------------
 * TSV and CSV: the same columns, one event a row.
 * ------------------------------------------------------------------------- */
static const char *const TABLE_COLUMNS[] = {
    "story", "sentence", "date", "source", "source_text", "target", "target_text", "code",
    "root", "quad_class", "goldstein", "location", "location_country", "text",
    "source_start", "source_end", "verb_start", "verb_end", "target_start", "target_end",
    "rules",
};
#define N_TABLE_COLUMNS (sizeof TABLE_COLUMNS / sizeof TABLE_COLUMNS[0])

typedef void (*field_fn)(out *, const char *);

static int write_header(dyad_buf *b, char sep) {
    if (!b) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    for (size_t i = 0; i < N_TABLE_COLUMNS; i++) {
        if (i) putc_(&o, sep);
        puts_(&o, TABLE_COLUMNS[i]);
    }
    putc_(&o, '\n');
    return finish(&o);
}

static void put_span_cols(out *o, char sep, dyad_span sp) {
    if (sp.end > sp.start) put_u64(o, sp.start);
    putc_(o, sep);
    if (sp.end > sp.start) put_u64(o, sp.end);
}

/* The rules column: "kind file:line" for each rule, joined with "; ". */
static void put_rules(out *o, const dyad_event *e, field_fn field) {
    dyad_buf tmp = {0};
    out t = {&tmp, 0, DYAD_OK};
    for (size_t i = 0; e->rules && i < e->n_rules; i++) {
        const dyad_rule *r = &e->rules[i];
        if (i) puts_(&t, "; ");
        puts_(&t, r->kind ? r->kind : "?");
        putc_(&t, ' ');
        puts_(&t, r->file ? r->file : "?");
        putc_(&t, ':');
        put_u64(&t, r->line);
    }
    if (t.err != DYAD_OK && o->err == DYAD_OK) o->err = t.err;
    else if (tmp.len) field(o, tmp.data);
    dyad_buf_free(&tmp);
}

static int write_row(dyad_buf *b, const dyad_event *e, char sep, field_fn field) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    codes c;
    get_codes(e, &c);
    field(&o, e->story);
    putc_(&o, sep);
    put_u64(&o, e->sentence);
    putc_(&o, sep);
    put_date_iso(&o, e->date);
    putc_(&o, sep);
    field(&o, c.source);
    putc_(&o, sep);
    field(&o, e->source_text);
    putc_(&o, sep);
    field(&o, c.target);
    putc_(&o, sep);
    field(&o, e->target_text);
    putc_(&o, sep);
    field(&o, c.code);
    putc_(&o, sep);
    put_i64(&o, e->root);
    putc_(&o, sep);
    put_i64(&o, e->quad_class);
    putc_(&o, sep);
    put_fixed(&o, e->goldstein, 1);
    putc_(&o, sep);
    field(&o, e->location);
    putc_(&o, sep);
    field(&o, e->location_country);
    putc_(&o, sep);
    field(&o, e->text);
    putc_(&o, sep);
    put_span_cols(&o, sep, e->source_span);
    putc_(&o, sep);
    put_span_cols(&o, sep, e->verb_span);
    putc_(&o, sep);
    put_span_cols(&o, sep, e->target_span);
    putc_(&o, sep);
    put_rules(&o, e, field);
    putc_(&o, '\n');
    return finish(&o);
}

int dyad_event_write_tsv_header(dyad_buf *b) { return write_header(b, '\t'); }
int dyad_event_write_csv_header(dyad_buf *b) { return write_header(b, ','); }
int dyad_event_write_tsv(dyad_buf *b, const dyad_event *e) { return write_row(b, e, '\t', put_tsv); }
int dyad_event_write_csv(dyad_buf *b, const dyad_event *e) { return write_row(b, e, ',', put_csv); }

/* ---------------------------------------------------------------------------
 * GDELT 2.0 events: 61 tab-separated columns.
 * ------------------------------------------------------------------------- */

/* CAMEO country codes: ISO 3166-1 alpha-3, and CAMEO's own regions and places. Sorted. */
static const char *const COUNTRIES[] = {
    "ABW", "AFG", "AFR", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASA",
    "ASM", "ATA", "ATF", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA",
    "BGD", "BGR", "BHR", "BHS", "BIH", "BLK", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA",
    "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CAS", "CAU", "CCK", "CEU", "CFR",
    "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV", "CRB",
    "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM",
    "DZA", "EAF", "ECU", "EEU", "EGY", "EIN", "ERI", "ESH", "ESP", "EST", "ETH", "EUR",
    "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB",
    "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY",
    "GZS", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND", "IOT", "IRL",
    "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ",
    "KHM", "KIR", "KNA", "KOR", "KSV", "KWT", "LAM", "LAO", "LBN", "LBR", "LBY", "LCA",
    "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG",
    "MDT", "MDV", "MEA", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP",
    "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAF", "NAM", "NCL", "NER",
    "NFK", "NGA", "NIC", "NIU", "NLD", "NMR", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK",
    "PAN", "PCN", "PER", "PGS", "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY",
    "PSE", "PYF", "QAT", "REU", "ROM", "ROU", "RUS", "RWA", "SAF", "SAM", "SAS", "SAU",
    "SCN", "SDN", "SEA", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR",
    "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC",
    "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON", "TTO", "TUN",
    "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT",
    "VEN", "VGB", "VIR", "VNM", "VUT", "WAF", "WLF", "WSB", "WSM", "WST", "YEM", "ZAF",
    "ZMB", "ZWE",
};
/* CAMEO role and sector codes: GDELT's Type1..3Code. Sorted. */
static const char *const TYPES[] = {
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "IGO", "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO",
    "OPP", "PTY", "RAD", "REB", "REF", "SEP", "SET", "SPY", "UAF", "UIS",
};
/* CAMEO religion codes: GDELT's Religion1Code and Religion2Code. Sorted. */
static const char *const RELIGIONS[] = {
    "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CTH", "DOX", "DRZ", "HIN", "ITR", "JAN",
    "JEW", "MOS", "MRM", "ORT", "PRO", "SHI", "SHN", "SIK", "SUN", "TAO", "ZRO",
};

static int cmp_block(const void *key, const void *elem) {
    return memcmp(key, *(const char *const *)elem, 3);
}
static bool in_set(const char *block, const char *const *set, size_t n) {
    return bsearch(block, set, n, sizeof *set, cmp_block) != NULL;
}
#define IN(block, set) in_set(block, set, sizeof set / sizeof set[0])

/* The ten GDELT columns of one actor, from its code's 3-letter blocks: a country first
 * (CountryCode), then religions (Religion1/2Code), roles (Type1..3Code), and the first
 * other block as KnownGroupCode ("IGOUNO": type IGO, known group UNO). EthnicCode is
 * left empty: CAMEO ethnic codes are not distinguishable by form. */
static void put_gdelt_actor(out *o, const char *code, const char *name) {
    char country[4] = "", group[4] = "", rel[2][4] = {"", ""}, type[3][4] = {"", "", ""};
    size_t n = code ? strlen(code) : 0, n_rel = 0, n_type = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        const char *bl = code + i;
        char blk[4] = {bl[0], bl[1], bl[2], '\0'};
        if (i == 0 && IN(blk, COUNTRIES)) memcpy(country, blk, 4);
        else if (i == 0 && memcmp(blk, "---", 3) == 0) continue;
        else if (IN(blk, RELIGIONS)) { if (n_rel < 2) memcpy(rel[n_rel++], blk, 4); }
        else if (IN(blk, TYPES)) { if (n_type < 3) memcpy(type[n_type++], blk, 4); }
        else if (!group[0]) memcpy(group, blk, 4);
    }
    put_tsv(o, code);
    putc_(o, '\t');
    put_tsv(o, code && *code ? name : NULL);
    putc_(o, '\t');
    put_tsv(o, country);
    putc_(o, '\t');
    put_tsv(o, group);
    putc_(o, '\t'); /* EthnicCode */
    putc_(o, '\t');
    put_tsv(o, rel[0]);
    putc_(o, '\t');
    put_tsv(o, rel[1]);
    for (int k = 0; k < 3; k++) {
        putc_(o, '\t');
        put_tsv(o, type[k]);
    }
}

/* The leading digits of a CAMEO code, at most len: EventBaseCode (3), EventRootCode (2). */
static void put_prefix(out *o, const char *code, size_t len) {
    size_t k = 0;
    while (k < len && code[k] >= '0' && code[k] <= '9') k++;
    put(o, code, k);
}

/* A region's GDELT ADM1 code: its FIPS country code and then its GeoNames admin1 code
 * ("DE07" -> "GM07"); "" without a region or a FIPS code. */
static void put_gdelt_adm1(out *o, const char *fips, const char *adm1) {
    if (!fips || !adm1 || strlen(adm1) <= 2) return;
    puts_(o, fips);
    put_tsv(o, adm1 + 2);
}

/* Eight GDELT geography columns, each after a tab: Type (1 country, 2 US state, 3 US
 * city, 4 world city, 5 world state), FullName, CountryCode (FIPS 10-4, as GDELT writes
 * it: "GM" for Germany; data/geo/fips-countries.txt), ADM1Code (FIPS country + GeoNames
 * admin1 code), ADM2Code (empty), Lat, Long, FeatureID (a city's GeoNames id, else the
 * ADM1 or FIPS country code). */
static void put_gdelt_geo(out *o, const dyad_place *p) {
    if (!place_ok(p)) {
        for (int k = 0; k < 8; k++) putc_(o, '\t');
        return;
    }
    bool us = p->country2 && !strcmp(p->country2, "US");
    const char *fips = geo_fips_country(p->country2, p->adm1);
    putc_(o, '\t');
    put_i64(o, p->precision == DYAD_GEO_COUNTRY ? 1 : p->precision == DYAD_GEO_REGION ? (us ? 2 : 5) : (us ? 3 : 4));
    putc_(o, '\t');
    put_tsv(o, p->full_name);
    putc_(o, '\t');
    if (fips) puts_(o, fips);
    putc_(o, '\t');
    put_gdelt_adm1(o, fips, p->adm1);
    puts_(o, "\t\t");
    put_fixed(o, p->lat, 4);
    putc_(o, '\t');
    put_fixed(o, p->lon, 4);
    putc_(o, '\t');
    if (p->feature_id) put_u64(o, p->feature_id);
    else if (p->precision == DYAD_GEO_REGION) put_gdelt_adm1(o, fips, p->adm1);
    else if (fips) puts_(o, fips);
}

int dyad_event_write_gdelt(dyad_buf *b, const dyad_event *e, uint64_t event_id) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    int y = 0, m = 0, d = 0; /* set when dated (gcc cannot see it once put is inline) */
    bool dated = date_parts(e->date, &y, &m, &d);
    codes c;
    get_codes(e, &c);
    /* 1-5: GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate */
    put_u64(&o, event_id);
    putc_(&o, '\t');
    if (dated) { put_digits(&o, y, 4); put_digits(&o, m, 2); put_digits(&o, d, 2); }
    putc_(&o, '\t');
    if (dated) { put_digits(&o, y, 4); put_digits(&o, m, 2); }
    putc_(&o, '\t');
    if (dated) put_digits(&o, y, 4);
    putc_(&o, '\t');
    if (dated) put_fixed(&o, y + (m * 30 + d) / 365.0, 4); /* GDELT's (MONTH*30+DAY)/365 */
    /* 6-15, 16-25: the actors */
    putc_(&o, '\t');
    put_gdelt_actor(&o, c.source, e->source_text);
    putc_(&o, '\t');
    put_gdelt_actor(&o, c.target, e->target_text);
    /* 26-35: IsRootEvent .. AvgTone */
    putc_(&o, '\t');
    puts_(&o, e->sentence <= 1 ? "1" : "0");
    putc_(&o, '\t');
    put_tsv(&o, c.code);
    putc_(&o, '\t');
    put_prefix(&o, c.code, 3);
    putc_(&o, '\t');
    put_prefix(&o, c.code, 2);
    putc_(&o, '\t');
    if (e->quad_class >= 1 && e->quad_class <= 4) put_i64(&o, e->quad_class);
    putc_(&o, '\t');
    put_fixed(&o, e->goldstein, 1);
    puts_(&o, "\t1\t1\t1\t"); /* NumMentions, NumSources, NumArticles; AvgTone unknown */
    /* 36-43 Actor1Geo, 44-51 Actor2Geo, 52-59 ActionGeo */
    put_gdelt_geo(&o, &e->source_place);
    put_gdelt_geo(&o, &e->target_place);
    put_gdelt_geo(&o, &e->place);
    /* 60-61: DATEADDED (the story's date, else the event's, at 000000), SOURCEURL (the
     * story's URL, else its id) */
    putc_(&o, '\t');
    int32_t added = e->story_date ? e->story_date : e->date;
    if (date_parts(added, &y, &m, &d)) {
        put_digits(&o, y, 4);
        put_digits(&o, m, 2);
        put_digits(&o, d, 2);
        puts_(&o, "000000");
    }
    putc_(&o, '\t');
    put_tsv(&o, e->url && e->url[0] ? e->url : e->story);
    putc_(&o, '\n');
    return finish(&o);
}

/* ---------------------------------------------------------------------------
 * GDELT 2.0 mentions, ICEWS and PLOVER/POLECAT layouts (docs/json-fields.md).
 * ------------------------------------------------------------------------- */

/* YYYYMMDD000000, or nothing for date 0. */
static void put_timestamp(out *o, int32_t date) {
    int y, m, d;
    if (!date_parts(date, &y, &m, &d)) return;
    put_digits(o, y, 4);
    put_digits(o, m, 2);
    put_digits(o, d, 2);
    puts_(o, "000000");
}

/* The host of a URL ("https://www.example.com/a" -> "www.example.com"), as GDELT names a
 * web source; nothing when url is not one. */
static void put_host(out *o, const char *url) {
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) return;
    p += 3;
    size_t n = strcspn(p, "/?#:@ \t\r\n");
    put(o, p, n);
}

int dyad_event_write_gdelt_mentions(dyad_buf *b, const dyad_event *e, uint64_t event_id) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    bool web = e->url && strstr(e->url, "://");
    put_u64(&o, event_id);                   /* GLOBALEVENTID */
    putc_(&o, '\t');
    put_timestamp(&o, e->date);              /* EventTimeDate */
    putc_(&o, '\t');
    put_timestamp(&o, e->story_date ? e->story_date : e->date); /* MentionTimeDate */
    putc_(&o, '\t');
    puts_(&o, web ? "1" : "2");              /* MentionType: 1 web, 2 citation only */
    putc_(&o, '\t');
    if (e->publisher && e->publisher[0]) put_tsv(&o, e->publisher); /* MentionSourceName */
    else if (web) put_host(&o, e->url);
    putc_(&o, '\t');
    put_tsv(&o, web ? e->url : e->story);    /* MentionIdentifier */
    putc_(&o, '\t');
    put_u64(&o, (uint64_t)e->sentence + 1);  /* SentenceID, 1-based */
    putc_(&o, '\t');
    if (e->source_span.end > e->source_span.start) put_u64(&o, e->source_span.start);
    else puts_(&o, "-1");                    /* Actor1CharOffset */
    putc_(&o, '\t');
    if (e->target_span.end > e->target_span.start) put_u64(&o, e->target_span.start);
    else puts_(&o, "-1");                    /* Actor2CharOffset */
    putc_(&o, '\t');
    if (e->verb_span.end > e->verb_span.start) put_u64(&o, e->verb_span.start);
    else puts_(&o, "-1");                    /* ActionCharOffset */
    puts_(&o, "\t1");                        /* InRawText: coded from the text as written */
    /* Confidence, MentionDocLen, MentionDocTone, MentionDocTranslationInfo, Extras */
    puts_(&o, "\t\t\t\t\t\n");
    return finish(&o);
}

static const char *const ICEWS_COLUMNS[] = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
};
static const char *const PLOVER_COLUMNS[] = {
    "event_id", "event_date", "event_type", "event_mode", "cameo_code", "source_text",
    "source_code", "source_country", "source_sectors", "target_text", "target_code",
    "target_country", "target_sectors", "story_id", "sentence", "place_name", "place_precision",
    "country", "adm1", "lat", "lon", "geonames_id",
};

static int write_names(dyad_buf *b, const char *const *cols, size_t n) {
    if (!b) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    for (size_t i = 0; i < n; i++) {
        if (i) putc_(&o, '\t');
        puts_(&o, cols[i]);
    }
    putc_(&o, '\n');
    return finish(&o);
}

int dyad_event_write_icews_header(dyad_buf *b) {
    return write_names(b, ICEWS_COLUMNS, sizeof ICEWS_COLUMNS / sizeof ICEWS_COLUMNS[0]);
}
int dyad_event_write_plover_header(dyad_buf *b) {
    return write_names(b, PLOVER_COLUMNS, sizeof PLOVER_COLUMNS / sizeof PLOVER_COLUMNS[0]);
}

/* The role and sector blocks of an actor code after its country ("SYRMILREB" -> "MIL,REB"). */
static void put_sectors(out *o, const char *code) {
    size_t n = code ? strlen(code) : 0;
    bool first = true;
    for (size_t i = 3; i + 3 <= n; i += 3) {
        if (!first) putc_(o, ',');
        put(o, code + i, 3);
        first = false;
    }
}

/* The country of an actor code's first block, when the gazetteer knows it as one: its
 * code in cc, its place in p. */
static bool actor_country(const char *code, char cc[4], dyad_place *p) {
    cc[0] = '\0';
    if (!code || strlen(code) < 3) return false;
    memcpy(cc, code, 3);
    cc[3] = '\0';
    return dyad_geo_country(cc, p) == DYAD_OK;
}

/* An actor's country: the name of the country of its code's first block. */
static void put_country_name(out *o, const char *code) {
    char cc[4];
    dyad_place p;
    if (actor_country(code, cc, &p)) put_tsv(o, p.name);
}

/* ICEWS's three columns of an actor: its text, its sectors, its country's name. */
static void put_icews_actor(out *o, const char *code, const char *text) {
    putc_(o, '\t');
    put_tsv(o, code[0] ? text : NULL);
    putc_(o, '\t');
    put_sectors(o, code);
    putc_(o, '\t');
    put_country_name(o, code);
}

int dyad_event_write_icews(dyad_buf *b, const dyad_event *e, uint64_t event_id) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    codes c;
    get_codes(e, &c);
    const dyad_place *p = &e->place;
    bool placed = place_ok(p);
    put_u64(&o, event_id);
    putc_(&o, '\t');
    put_date_iso(&o, e->date);
    put_icews_actor(&o, c.source, e->source_text);
    putc_(&o, '\t');
    put_tsv(&o, e->code_name);
    putc_(&o, '\t');
    put_tsv(&o, c.code);
    putc_(&o, '\t');
    put_fixed(&o, e->goldstein, 1);
    put_icews_actor(&o, c.target, e->target_text);
    putc_(&o, '\t');
    put_tsv(&o, e->story);
    putc_(&o, '\t');
    put_u64(&o, (uint64_t)e->sentence + 1);
    putc_(&o, '\t');
    put_tsv(&o, e->publisher);
    putc_(&o, '\t');
    if (placed && p->precision == DYAD_GEO_CITY) put_tsv(&o, p->name); /* City */
    putc_(&o, '\t');                                                    /* District: none */
    putc_(&o, '\t');
    if (placed) put_tsv(&o, p->precision == DYAD_GEO_REGION ? p->name : p->region); /* Province */
    putc_(&o, '\t');
    if (placed) put_country_name(&o, p->country);
    putc_(&o, '\t');
    if (placed) put_fixed(&o, p->lat, 5);
    putc_(&o, '\t');
    if (placed) put_fixed(&o, p->lon, 5);
    putc_(&o, '\n');
    return finish(&o);
}

/* PLOVER's sixteen event types for the twenty CAMEO roots (docs/json-fields.md). Root 01
 * (statements) has no PLOVER type: its events are written with an empty event_type. */
static const char *const PLOVER_TYPE[21] = {
    "", "", "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE",
    "ACCUSE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
    "COERCE", "ASSAULT", "ASSAULT", "ASSAULT",
};

int dyad_event_write_plover(dyad_buf *b, const dyad_event *e, uint64_t event_id) {
    if (!b || !e) return DYAD_EINVAL;
    out o = {b, b->len, DYAD_OK};
    codes c;
    get_codes(e, &c);
    const dyad_place *p = &e->place;
    bool placed = place_ok(p);
    put_u64(&o, event_id);
    putc_(&o, '\t');
    put_date_iso(&o, e->date);
    putc_(&o, '\t');
    if (e->root >= 1 && e->root <= 20) puts_(&o, PLOVER_TYPE[e->root]);
    putc_(&o, '\t'); /* event_mode: PLOVER's modes are not derived from CAMEO codes */
    putc_(&o, '\t');
    put_tsv(&o, c.code);
    const char *codes2[2] = {c.source, c.target};
    const char *texts[2] = {e->source_text, e->target_text};
    for (int k = 0; k < 2; k++) {
        putc_(&o, '\t');
        put_tsv(&o, codes2[k][0] ? texts[k] : NULL);
        putc_(&o, '\t');
        put_tsv(&o, codes2[k]);
        putc_(&o, '\t');
        dyad_place cp;
        char cc[4];
        if (actor_country(codes2[k], cc, &cp)) puts_(&o, cc);
        putc_(&o, '\t');
        put_sectors(&o, codes2[k]);
    }
    putc_(&o, '\t');
    put_tsv(&o, e->story);
    putc_(&o, '\t');
    put_u64(&o, e->sentence);
    putc_(&o, '\t');
    if (placed) put_tsv(&o, p->full_name);
    putc_(&o, '\t');
    if (placed) puts_(&o, PRECISION[p->precision]);
    putc_(&o, '\t');
    if (placed) put_tsv(&o, p->country);
    putc_(&o, '\t');
    if (placed) put_tsv(&o, p->adm1);
    putc_(&o, '\t');
    if (placed) put_fixed(&o, p->lat, 5);
    putc_(&o, '\t');
    if (placed) put_fixed(&o, p->lon, 5);
    putc_(&o, '\t');
    if (placed && p->feature_id) put_u64(&o, p->feature_id);
    putc_(&o, '\n');
    return finish(&o);
}
