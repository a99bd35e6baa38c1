/* read.c: bytes -> story records. Files, directories and stdin; plain text, JSONL and
 * PETRARCH XML containers; encoding sniffing (BOM, UTF-16) and refusal of binary input. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNIFF_BYTES 8192u          /* binary and encoding checks look this far */
#define BLOCK_BYTES (1u << 20)     /* read size, and the first size of the line buffer */
#define MAX_DIR_DEPTH 64           /* directory recursion */

typedef struct rd {
    const dyad_read_options *opt;
    dyad_format format;
    dyad_record_fn fn;
    void *ud;
    uint64_t *skipped;
    dyad_buf scratch; /* decoded XML text, repaired JSON lines */
    dyad_buf strs;    /* strings decoded from a JSON line */
} rd;

#define DIAG(r, sev, file, line, ...)                                                              \
    diag_report((r)->opt->diag, (r)->opt->diag_ud, sev, file, line, __VA_ARGS__)

static void skip(rd *r) {
    if (r->skipped) (*r->skipped)++;
}

/* Fills in the date (the record's own, else an explicit timestamp in its text, else
 * --date) and hands the record over. */
static int emit(rd *r, dyad_record *rec) {
    if (!rec->date) rec->date = story_find_timestamp(rec->text, rec->text_len);
    if (!rec->date) rec->date = r->opt->date;
    return r->fn(r->ud, rec);
}

/* ---- sniffing ---- */

static bool has_suffix(const char *name, const char *sfx) {
    size_t n = strlen(name), k = strlen(sfx);
    return n > k && !strcasecmp(name + n - k, sfx);
}

static dyad_format format_from_name(const char *name) {
    if (has_suffix(name, ".jsonl") || has_suffix(name, ".json") || has_suffix(name, ".ndjson"))
        return DYAD_FORMAT_JSONL;
    if (has_suffix(name, ".xml")) return DYAD_FORMAT_XML;
    if (has_suffix(name, ".txt") || has_suffix(name, ".text")) return DYAD_FORMAT_TEXT;
    return DYAD_FORMAT_AUTO;
}

static const char *find_bytes(const char *h, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        const char *p = memchr(h + i, needle[0], n - i - k + 1);
        if (!p) return NULL;
        if (!memcmp(p, needle, k)) return p;
        i = (size_t)(p - h);
    }
    return NULL;
}

static dyad_format format_from_content(const char *d, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && (unsigned char)d[i] <= ' ') i++;
    if (i < n && d[i] == '{') return DYAD_FORMAT_JSONL;
    size_t look = n - i < 65536 ? n - i : 65536;
    if (i < n && d[i] == '<' && find_bytes(d + i, look, "<Sentence")) return DYAD_FORMAT_XML;
    return DYAD_FORMAT_TEXT;
}

/* 0: UTF-16 not detected; 1: little endian; 2: big endian. *bom: bytes of BOM. */
static int utf16_kind(const char *d, size_t n, size_t *bom) {
    const unsigned char *p = (const unsigned char *)d;
    *bom = 0;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) { *bom = 2; return 1; }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) { *bom = 2; return 2; }
    /* Without a BOM: ASCII text in UTF-16 has a zero in every other byte. */
    size_t pairs = n < 512 ? n / 2 : 256, le = 0, be = 0;
    if (pairs < 4) return 0;
    for (size_t i = 0; i < pairs; i++) {
        if (p[2 * i] && !p[2 * i + 1]) le++;
        if (!p[2 * i] && p[2 * i + 1]) be++;
    }
    if (le * 10 >= pairs * 9) return 1;
    if (be * 10 >= pairs * 9) return 2;
    return 0;
}

/* Why the bytes look binary, or NULL when they look like text. */
static const char *binary_reason(const char *d, size_t n, char *why, size_t why_len) {
    static const struct { const char *magic; size_t len; const char *name; } magics[] = {
        {"\x1F\x8B", 2, "gzip"}, {"PK\x03\x04", 4, "zip"}, {"%PDF-", 5, "PDF"},
        {"\x89PNG", 4, "PNG"}, {"\x7F" "ELF", 4, "ELF"}, {"\xFF\xD8\xFF", 3, "JPEG"},
        {"GIF8", 4, "GIF"}, {"BZh", 3, "bzip2"}, {"\xFD" "7zXZ", 5, "xz"},
        {"SQLite format 3", 15, "SQLite"}, {"\x28\xB5\x2F\xFD", 4, "zstd"},
    };
    for (size_t k = 0; k < sizeof magics / sizeof magics[0]; k++)
        if (n >= magics[k].len && !memcmp(d, magics[k].magic, magics[k].len)) {
            snprintf(why, why_len, "%s data", magics[k].name);
            return why;
        }
    size_t look = n < SNIFF_BYTES ? n : SNIFF_BYTES, ctrl = 0;
    const char *nul = memchr(d, 0, look);
    if (nul) {
        snprintf(why, why_len, "NUL byte at offset %zu", (size_t)(nul - d));
        return why;
    }
    for (size_t i = 0; i < look; i++) {
        unsigned char c = (unsigned char)d[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1B)
            ctrl++;
    }
    if (look && ctrl * 10 > look) {
        snprintf(why, why_len, "%zu control characters in the first %zu bytes", ctrl, look);
        return why;
    }
    return NULL;
}

static bool all_space(const char *d, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) i = 3;
    for (; i < n; i++)
        if (d[i] != ' ' && d[i] != '\n' && d[i] != '\r' && d[i] != '\t' && d[i] != '\f' && d[i] != '\v')
            return false;
    return true;
}

/* ---- JSONL ---- */

/* The record fields dyad reads from a JSONL object; for each, the accepted keys in order of
 * preference. Unknown keys are ignored. */
enum { F_TEXT, F_ID, F_DATE, F_TITLE, F_URL, F_PUB, N_FIELDS };
static const char *const field_keys[N_FIELDS][6] = {
    {"text", "body", "content", NULL},
    {"id", "story_id", "aid", NULL},
    {"date", "published", "publish_date", "published_at", "pubdate", NULL},
    {"title", "headline", NULL},
    {"url", "link", NULL},
    {"source", "publisher", NULL},
};

/* A field's value: a string (s, n; NUL-terminated), an integer (iv), or another kind. */
typedef struct jval {
    char kind; /* 0 absent or null, 's' string, 'i' integer, 'o' anything else */
    int rank;  /* which of the field's keys it came from */
    const char *s;
    size_t n, off; /* off: offset in the decode buffer while scanning */
    long long iv;
} jval;

/* ---- a fast scanner for the common record; anything unusual falls back to jansson ---- */

typedef struct jscan {
    const char *p, *end;
    dyad_buf *out; /* decoded strings, NUL-separated */
    int depth;
} jscan;

static void jskip_ws(jscan *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

static int hex4(const char *p) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
        int c = (unsigned char)p[k], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *o, uint32_t cp);

/* Scans a string at j->p (on the opening quote). When keep, decodes it into j->out (NUL
 * terminated) and sets *off, *len. Returns false on anything jansson would refuse. */
static bool jstring(jscan *j, bool keep, size_t *off, size_t *len) {
    const char *p = j->p + 1;
    if (keep) *off = j->out->len;
    for (;;) {
        const char *q = p;
        while (q < j->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
        if (q >= j->end || (unsigned char)*q < 0x20) return false;
        if (keep && q > p && dyad_buf_append(j->out, p, (size_t)(q - p))) return false;
        if (*q == '"') {
            j->p = q + 1;
            if (keep) {
                *len = j->out->len - *off;
                if (dyad_buf_append(j->out, "", 1)) return false;
            }
            return true;
        }
        if (q + 1 >= j->end) return false;
        char c = q[1], e[4];
        size_t el = 1;
        p = q + 2;
        switch (c) {
        case '"': e[0] = '"'; break;
        case '\\': e[0] = '\\'; break;
        case '/': e[0] = '/'; break;
        case 'b': e[0] = '\b'; break;
        case 'f': e[0] = '\f'; break;
        case 'n': e[0] = '\n'; break;
        case 'r': e[0] = '\r'; break;
        case 't': e[0] = '\t'; break;
        case 'u': {
            if (j->end - p < 4) return false;
            int u = hex4(p);
            if (u < 0) return false;
            p += 4;
            uint32_t cp = (uint32_t)u;
            if (u >= 0xDC00 && u <= 0xDFFF) return false;
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (j->end - p < 6 || p[0] != '\\' || p[1] != 'u') return false;
                int v = hex4(p + 2);
                if (v < 0xDC00 || v > 0xDFFF) return false;
                cp = 0x10000 + (((uint32_t)u - 0xD800) << 10) + ((uint32_t)v - 0xDC00);
                p += 6;
            }
            if (cp == 0) { e[0] = '\0'; el = 1; } /* JSON_ALLOW_NUL */
            else el = put_utf8(e, cp);
            break;
        }
        default: return false;
        }
        if (keep && dyad_buf_append(j->out, e, el)) return false;
    }
}

/* A JSON number; *is_int and *iv when it is an integer that fits. */
static bool jnumber(jscan *j, bool *is_int, long long *iv) {
    const char *p = j->p, *st = p;
    bool frac = false;
    if (p < j->end && *p == '-') p++;
    if (p >= j->end) return false;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (p < j->end && *p >= '0' && *p <= '9') p++;
    else return false;
    if (p < j->end && *p == '.') {
        frac = true;
        p++;
        if (p >= j->end || *p < '0' || *p > '9') return false;
        while (p < j->end && *p >= '0' && *p <= '9') p++;
    }
    if (p < j->end && (*p == 'e' || *p == 'E')) return false; /* jansson judges overflow */
    if (frac && p - st > 20) return false;
    j->p = p;
    *is_int = !frac;
    if (!frac) {
        size_t digits = (size_t)(p - st) - (*st == '-');
        if (digits > 18) return false; /* let jansson judge overflow */
        long long v = 0;
        for (const char *d = st + (*st == '-'); d < p; d++) v = v * 10 + (*d - '0');
        *iv = *st == '-' ? -v : v;
    }
    return true;
}

static bool jvalue(jscan *j, jval *slot);

static bool jliteral(jscan *j, const char *lit) {
    size_t k = strlen(lit);
    if ((size_t)(j->end - j->p) < k || memcmp(j->p, lit, k)) return false;
    j->p += k;
    return true;
}

/* Skips (validating) an object or array. */
static bool jcontainer(jscan *j) {
    if (++j->depth > 64) return false;
    char close = *j->p == '{' ? '}' : ']';
    bool obj = close == '}';
    j->p++;
    jskip_ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        j->depth--;
        return true;
    }
    for (;;) {
        if (obj) {
            if (j->p >= j->end || *j->p != '"' || !jstring(j, false, NULL, NULL)) return false;
            jskip_ws(j);
            if (j->p >= j->end || *j->p != ':') return false;
            j->p++;
            jskip_ws(j);
        }
        if (!jvalue(j, NULL)) return false;
        jskip_ws(j);
        if (j->p >= j->end) return false;
        if (*j->p == ',') {
            j->p++;
            jskip_ws(j);
            continue;
        }
        if (*j->p != close) return false;
        j->p++;
        j->depth--;
        return true;
    }
}

/* Scans one value; fills slot (when not NULL) with what it is. */
static bool jvalue(jscan *j, jval *slot) {
    if (j->p >= j->end) return false;
    char c = *j->p;
    jval v = {0};
    if (c == '"') {
        if (!jstring(j, slot != NULL, &v.off, &v.n)) return false;
        v.kind = 's';
    } else if (c == '{' || c == '[') {
        if (!jcontainer(j)) return false;
        v.kind = 'o';
    } else if (c == 't' || c == 'f') {
        if (!jliteral(j, c == 't' ? "true" : "false")) return false;
        v.kind = 'o';
    } else if (c == 'n') {
        if (!jliteral(j, "null")) return false;
        v.kind = 0;
    } else {
        bool is_int = false;
        if (!jnumber(j, &is_int, &v.iv)) return false;
        v.kind = is_int ? 'i' : 'o';
    }
    if (slot) {
        v.rank = slot->rank;
        *slot = v;
    }
    return true;
}

/* Fills f from the object in p[0..n). False when the line needs jansson (to decode
 * something unusual, or to say what is wrong with it). */
static bool scan_record(const char *p, size_t n, dyad_buf *strs, jval f[N_FIELDS]) {
    jscan j = {p, p + n, strs, 1};
    jval slots[N_FIELDS][6];
    char seen[N_FIELDS][6];
    memset(seen, 0, sizeof seen);
    dyad_buf_reset(strs);
    jskip_ws(&j);
    if (j.p >= j.end || *j.p != '{') return false;
    j.p++;
    jskip_ws(&j);
    bool first = true;
    while (j.p < j.end && !(first && *j.p == '}')) {
        first = false;
        if (*j.p != '"') return false;
        /* keys: plain ones are compared in place */
        const char *k0 = j.p + 1, *k1 = memchr(k0, '"', (size_t)(j.end - k0));
        if (!k1 || memchr(k0, '\\', (size_t)(k1 - k0))) return false;
        for (const char *q = k0; q < k1; q++)
            if ((unsigned char)*q < 0x20) return false;
        j.p = k1 + 1;
        jskip_ws(&j);
        if (j.p >= j.end || *j.p != ':') return false;
        j.p++;
        jskip_ws(&j);
        size_t kl = (size_t)(k1 - k0);
        int fi = -1, rank = 0;
        for (int x = 0; x < N_FIELDS && fi < 0; x++)
            for (int y = 0; field_keys[x][y]; y++)
                if (strlen(field_keys[x][y]) == kl && !memcmp(field_keys[x][y], k0, kl)) {
                    fi = x;
                    rank = y;
                    break;
                }
        jval tmp = {0};
        if (!jvalue(&j, fi >= 0 ? &tmp : NULL)) return false;
        if (fi >= 0) { /* the last occurrence of a key wins, as in jansson */
            tmp.rank = rank;
            seen[fi][rank] = 1;
            slots[fi][rank] = tmp;
        }
        jskip_ws(&j);
        if (j.p < j.end && *j.p == ',') {
            j.p++;
            jskip_ws(&j);
            if (j.p < j.end && *j.p == '}') return false; /* trailing comma */
            continue;
        }
        break;
    }
    if (j.p >= j.end || *j.p != '}') return false;
    j.p++;
    jskip_ws(&j);
    if (j.p != j.end) return false;
    /* For each field, the first of its keys with a value other than null. */
    for (int x = 0; x < N_FIELDS; x++)
        for (int y = 0; field_keys[x][y]; y++)
            if (seen[x][y] && slots[x][y].kind) {
                f[x] = slots[x][y];
                if (f[x].kind == 's') f[x].s = strs->data + f[x].off;
                break;
            }
    return true;
}

/* The same fields from a jansson object. */
static void fields_from_json(json_t *o, jval f[N_FIELDS]) {
    for (int x = 0; x < N_FIELDS; x++) {
        for (int y = 0; field_keys[x][y]; y++) {
            json_t *v = json_object_get(o, field_keys[x][y]);
            if (!v || json_is_null(v)) continue;
            f[x].rank = y;
            if (json_is_string(v)) {
                f[x].kind = 's';
                f[x].s = json_string_value(v);
                f[x].n = json_string_length(v);
            } else if (json_is_integer(v)) {
                f[x].kind = 'i';
                f[x].iv = (long long)json_integer_value(v);
            } else {
                f[x].kind = 'o';
            }
            break;
        }
    }
}

static int32_t field_date(rd *r, const char *name, uint64_t line, const jval *v) {
    int32_t d = 0;
    if (v->kind == 's') {
        if (dyad_date_parse(v->s, v->n, &d) == DYAD_OK) return d;
        DIAG(r, DYAD_DIAG_WARNING, name, line, "unrecognized date \"%.60s\": ignored", v->s);
        return 0;
    }
    if (v->kind == 'i') {
        long long x = v->iv;
        char tmp[24];
        int len = snprintf(tmp, sizeof tmp, "%lld", x);
        if (len == 8 && dyad_date_parse(tmp, 8, &d) == DYAD_OK) return d;
        if (x > 100000000000LL) x /= 1000; /* milliseconds */
        if (x > 0 && x < 253402300800LL) return date_from_unix(x);
    }
    DIAG(r, DYAD_DIAG_WARNING, name, line, "unrecognized date value: ignored");
    return 0;
}

static int json_line(rd *r, const char *name, uint64_t line, const char *p, size_t n) {
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    if (line == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        p += 3;
        n -= 3;
    }
    if (all_space(p, n)) return DYAD_OK;
    size_t bad = utf8_invalid_count(p, n);
    if (bad) {
        /* Invalid UTF-8 is repaired first, as the story would be; NUL may only come
         * escaped. */
        if (n > (SIZE_MAX - 1) / 3) return DYAD_ENOMEM;
        dyad_buf_reset(&r->scratch);
        if (r->scratch.cap < 3 * n + 1) {
            char *np = realloc(r->scratch.data, 3 * n + 1);
            if (!np) return DYAD_ENOMEM;
            r->scratch.data = np;
            r->scratch.cap = 3 * n + 1;
        }
        r->scratch.len = utf8_repair(p, n, r->scratch.data);
        p = r->scratch.data;
        n = r->scratch.len;
        DIAG(r, DYAD_DIAG_WARNING, name, line, "%zu invalid UTF-8 byte%s replaced by U+FFFD", bad,
             bad == 1 ? "" : "s");
    }
    jval f[N_FIELDS];
    memset(f, 0, sizeof f);
    json_t *o = NULL;
    if (!scan_record(p, n, &r->strs, f)) {
        memset(f, 0, sizeof f);
        json_error_t err;
        o = json_loadb(p, n, JSON_ALLOW_NUL, &err);
        if (!o) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "malformed JSON (column %d): %s: record skipped",
                 err.column, err.text);
            skip(r);
            return DYAD_OK;
        }
        if (!json_is_object(o)) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "not a JSON object: record skipped");
            json_decref(o);
            skip(r);
            return DYAD_OK;
        }
        fields_from_json(o, f);
    }
    const char *why = NULL;
    if (f[F_TEXT].kind != 's')
        why = "record has no text (a \"text\", \"body\" or \"content\" string): skipped";
    else if (f[F_TEXT].n > DYAD_MAX_STORY_BYTES)
        why = "story text is over DYAD_MAX_STORY_BYTES: skipped";
    else if (all_space(f[F_TEXT].s, f[F_TEXT].n))
        why = "record's text is empty: skipped";
    if (why) {
        DIAG(r, DYAD_DIAG_ERROR, name, line, "%s", why);
        json_decref(o);
        skip(r);
        return DYAD_OK;
    }
    dyad_record rec = {0};
    char idbuf[48], derived[4200];
    if (f[F_ID].kind == 'i') {
        snprintf(idbuf, sizeof idbuf, "%lld", f[F_ID].iv);
        rec.id = idbuf;
    } else if (f[F_ID].kind == 's' && f[F_ID].s[0]) {
        rec.id = f[F_ID].s;
    } else {
        snprintf(derived, sizeof derived, "%s:%llu", name, (unsigned long long)line);
        rec.id = derived;
    }
    if (f[F_DATE].kind) rec.date = field_date(r, name, line, &f[F_DATE]);
    rec.file = name;
    rec.line = line;
    rec.headline = f[F_TITLE].kind == 's' ? f[F_TITLE].s : NULL;
    rec.url = f[F_URL].kind == 's' ? f[F_URL].s : NULL;
    rec.publisher = f[F_PUB].kind == 's' ? f[F_PUB].s : NULL;
    rec.text = f[F_TEXT].s;
    rec.text_len = f[F_TEXT].n;
    rec.format = DYAD_FORMAT_JSONL;
    int rc = emit(r, &rec);
    json_decref(o);
    return rc;
}

static void record_too_long(rd *r, const char *name, uint64_t line) {
    DIAG(r, DYAD_DIAG_ERROR, name, line,
         "line is longer than DYAD_MAX_RECORD_BYTES (%u bytes): record skipped",
         DYAD_MAX_RECORD_BYTES);
    skip(r);
}

static int jsonl_buffer(rd *r, const char *name, const char *d, size_t n) {
    uint64_t line = 1;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(d + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - d) : n;
        int rc = DYAD_OK;
        if (e - i > DYAD_MAX_RECORD_BYTES) record_too_long(r, name, line);
        else rc = json_line(r, name, line, d + i, e - i);
        if (rc) return rc;
        i = e + 1;
        line++;
    }
    return DYAD_OK;
}

/* Streams JSONL from fd; buf already holds the first len bytes (capacity cap). Lines over
 * DYAD_MAX_RECORD_BYTES are skipped without being held in memory. */
static int jsonl_stream(rd *r, const char *name, int fd, char **bufp, size_t cap, size_t len) {
    char *buf = *bufp;
    size_t start = 0, scan = 0, end = len;
    uint64_t line = 1;
    bool eof = false;
    for (;;) {
        char *nl = scan < end ? memchr(buf + scan, '\n', end - scan) : NULL;
        if (nl) {
            size_t e = (size_t)(nl - buf);
            int rc = json_line(r, name, line, buf + start, e - start);
            if (rc) return rc;
            start = scan = e + 1;
            line++;
            continue;
        }
        if (eof) {
            if (start < end) return json_line(r, name, line, buf + start, end - start);
            return DYAD_OK;
        }
        if (end - start > DYAD_MAX_RECORD_BYTES) {
            record_too_long(r, name, line);
            /* Discard up to the next newline. */
            for (;;) {
                ssize_t got = read(fd, buf, cap);
                if (got < 0 && errno == EINTR) continue;
                if (got <= 0) return got < 0 ? DYAD_EIO : DYAD_OK;
                char *q = memchr(buf, '\n', (size_t)got);
                if (q) {
                    start = scan = (size_t)(q - buf) + 1;
                    end = (size_t)got;
                    break;
                }
            }
            line++;
            continue;
        }
        if (start > 0) {
            memmove(buf, buf + start, end - start);
            end -= start;
            start = 0;
        }
        scan = end;
        if (end == cap) {
            size_t ncap = cap * 2;
            if (ncap > DYAD_MAX_RECORD_BYTES + (size_t)BLOCK_BYTES)
                ncap = DYAD_MAX_RECORD_BYTES + (size_t)BLOCK_BYTES;
            char *nb = realloc(buf, ncap);
            if (!nb) return DYAD_ENOMEM;
            buf = *bufp = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + end, cap - end);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "read error: %s", strerror(errno));
            skip(r);
            return DYAD_EIO;
        }
        if (got == 0) eof = true;
        end += (size_t)got;
    }
}

/* ---- PETRARCH XML ---- */

static size_t put_utf8(char *o, uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes XML character data (entities, CDATA sections) into out (room for n bytes: no
 * entity grows). Returns the length. */
static size_t xml_decode(const char *s, size_t n, char *out) {
    size_t o = 0, i = 0;
    while (i < n) {
        if (s[i] == '<' && n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
            const char *e = find_bytes(s + i + 9, n - i - 9, "]]>");
            size_t stop = e ? (size_t)(e - s) : n;
            memcpy(out + o, s + i + 9, stop - i - 9);
            o += stop - i - 9;
            i = e ? stop + 3 : n;
            continue;
        }
        if (s[i] != '&') {
            out[o++] = s[i++];
            continue;
        }
        const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
        if (!semi) {
            out[o++] = s[i++];
            continue;
        }
        size_t k = (size_t)(semi - s) - i - 1; /* entity name length */
        const char *e = s + i + 1;
        char c = 0;
        if (k == 3 && !memcmp(e, "amp", 3)) c = '&';
        else if (k == 2 && !memcmp(e, "lt", 2)) c = '<';
        else if (k == 2 && !memcmp(e, "gt", 2)) c = '>';
        else if (k == 4 && !memcmp(e, "quot", 4)) c = '"';
        else if (k == 4 && !memcmp(e, "apos", 4)) c = '\'';
        if (c) {
            out[o++] = c;
            i += k + 2;
            continue;
        }
        if (k >= 2 && e[0] == '#') {
            uint32_t cp = 0;
            bool hex = e[1] == 'x' || e[1] == 'X', okd = true;
            for (size_t j = hex ? 2 : 1; j < k; j++) {
                int ch = (unsigned char)e[j], v;
                if (ch >= '0' && ch <= '9') v = ch - '0';
                else if (hex && ch >= 'a' && ch <= 'f') v = ch - 'a' + 10;
                else if (hex && ch >= 'A' && ch <= 'F') v = ch - 'A' + 10;
                else { okd = false; break; }
                cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
                if (cp > 0x10FFFF) cp = 0x110000;
            }
            if (okd && k > (hex ? 2u : 1u)) {
                o += put_utf8(out + o, cp); /* at most 4 bytes for >= 4 source bytes */
                i += k + 2;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    return o;
}

/* Value of attribute name inside an open tag: <Sentence date = "20150806" id="x">. */
static bool xml_attr(const char *tag, size_t n, const char *name, const char **v, size_t *vl) {
    size_t k = strlen(name);
    for (size_t i = 0; i + k < n; i++) {
        if (memcmp(tag + i, name, k) || (i && tag[i - 1] != ' ' && tag[i - 1] != '\t' &&
                                         tag[i - 1] != '\n' && tag[i - 1] != '\r'))
            continue;
        size_t j = i + k;
        while (j < n && (tag[j] == ' ' || tag[j] == '\t')) j++;
        if (j >= n || tag[j] != '=') continue;
        j++;
        while (j < n && (tag[j] == ' ' || tag[j] == '\t')) j++;
        if (j >= n || (tag[j] != '"' && tag[j] != '\'')) continue;
        char q = tag[j++];
        const char *e = memchr(tag + j, q, n - j);
        if (!e) return false;
        *v = tag + j;
        *vl = (size_t)(e - tag) - j;
        return true;
    }
    return false;
}

static int xml_buffer(rd *r, const char *name, const char *d, size_t n) {
    size_t i = 0, counted = 0, records = 0;
    uint64_t line = 1;
    for (;;) {
        const char *p = find_bytes(d + i, n - i, "<Sentence");
        if (!p) break;
        size_t at = (size_t)(p - d);
        i = at + 9;
        if (i < n && d[i] != ' ' && d[i] != '>' && d[i] != '\t' && d[i] != '\n' && d[i] != '\r' &&
            d[i] != '/')
            continue; /* <Sentences> */
        for (; counted < at; counted++)
            if (d[counted] == '\n') line++;
        const char *gt = memchr(d + i, '>', n - i);
        if (!gt) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "unterminated <Sentence> tag: rest of file skipped");
            skip(r);
            break;
        }
        size_t tag_end = (size_t)(gt - d);
        records++;
        if (gt[-1] == '/') {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "empty <Sentence/> record: skipped");
            skip(r);
            i = tag_end + 1;
            continue;
        }
        const char *close = find_bytes(d + tag_end, n - tag_end, "</Sentence>");
        if (!close) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "<Sentence> record is never closed: skipped");
            skip(r);
            break;
        }
        size_t rec_end = (size_t)(close - d);
        i = rec_end + 11;
        if (rec_end - at > DYAD_MAX_RECORD_BYTES) {
            DIAG(r, DYAD_DIAG_ERROR, name, line,
                 "record is longer than DYAD_MAX_RECORD_BYTES (%u bytes): skipped",
                 DYAD_MAX_RECORD_BYTES);
            skip(r);
            continue;
        }
        const char *body = d + tag_end + 1;
        size_t blen = rec_end - tag_end - 1;
        const char *t0 = find_bytes(body, blen, "<Text>");
        const char *t1 = t0 ? find_bytes(t0 + 6, blen - (size_t)(t0 + 6 - body), "</Text>") : NULL;
        if (!t0 || !t1) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "<Sentence> record has no <Text>: skipped");
            skip(r);
            continue;
        }
        size_t tl = (size_t)(t1 - t0) - 6;
        dyad_buf_reset(&r->scratch);
        if (dyad_buf_append(&r->scratch, NULL, 0) != DYAD_OK) return DYAD_ENOMEM;
        if (r->scratch.cap < tl + 1) {
            char *np = realloc(r->scratch.data, tl + 1);
            if (!np) return DYAD_ENOMEM;
            r->scratch.data = np;
            r->scratch.cap = tl + 1;
        }
        size_t dl = xml_decode(t0 + 6, tl, r->scratch.data);
        char *txt = r->scratch.data;
        size_t s0 = 0;
        while (s0 < dl && (unsigned char)txt[s0] <= ' ') s0++;
        while (dl > s0 && (unsigned char)txt[dl - 1] <= ' ') dl--;
        txt[dl] = '\0';
        if (dl == s0) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "<Sentence> record has empty <Text>: skipped");
            skip(r);
            continue;
        }
        dyad_record rec = {0};
        const char *v;
        size_t vl;
        char idbuf[256], derived[4200];
        if (xml_attr(d + at, tag_end - at, "id", &v, &vl) && vl) {
            size_t m = xml_decode(v, vl < sizeof idbuf - 1 ? vl : sizeof idbuf - 1, idbuf);
            idbuf[m] = '\0';
            rec.id = idbuf;
        } else {
            snprintf(derived, sizeof derived, "%s:%llu", name, (unsigned long long)line);
            rec.id = derived;
        }
        if (xml_attr(d + at, tag_end - at, "date", &v, &vl) &&
            dyad_date_parse(v, vl, &rec.date) != DYAD_OK) {
            DIAG(r, DYAD_DIAG_WARNING, name, line, "unrecognized date \"%.*s\": ignored",
                 (int)(vl < 40 ? vl : 40), v);
            rec.date = 0;
        }
        char src[256];
        if (xml_attr(d + at, tag_end - at, "source", &v, &vl) && vl) {
            size_t m = xml_decode(v, vl < sizeof src - 1 ? vl : sizeof src - 1, src);
            src[m] = '\0';
            rec.publisher = src;
        }
        rec.file = name;
        rec.line = line;
        rec.text = txt + s0;
        rec.text_len = dl - s0;
        rec.format = DYAD_FORMAT_XML;
        int rc = emit(r, &rec);
        if (rc) return rc;
    }
    if (!records) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "no <Sentence> records in this XML file: skipped");
        skip(r);
        return DYAD_EEMPTY;
    }
    return DYAD_OK;
}

/* ---- whole buffers ---- */

static int text_buffer(rd *r, const char *name, const char *d, size_t n) {
    if (n > DYAD_MAX_STORY_BYTES) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0,
             "file is over DYAD_MAX_STORY_BYTES (%u bytes) for one story: skipped",
             DYAD_MAX_STORY_BYTES);
        skip(r);
        return DYAD_ELIMIT;
    }
    dyad_record rec = {0};
    rec.file = name;
    rec.line = 0;
    rec.id = name;
    rec.text = d;
    rec.text_len = n;
    rec.format = DYAD_FORMAT_TEXT;
    return emit(r, &rec);
}

static int check_text(rd *r, const char *name, const char *d, size_t n) {
    char why[96];
    if (n == 0 || all_space(d, n)) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "empty file: skipped");
        skip(r);
        return DYAD_EEMPTY;
    }
    if (binary_reason(d, n, why, sizeof why)) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "binary file (%s), not text: skipped", why);
        skip(r);
        return DYAD_EBINARY;
    }
    return DYAD_OK;
}

static dyad_format choose_format(rd *r, const char *name, const char *d, size_t n) {
    if (r->format != DYAD_FORMAT_AUTO) return r->format;
    dyad_format f = format_from_name(name);
    return f != DYAD_FORMAT_AUTO ? f : format_from_content(d, n);
}

static int dispatch(rd *r, const char *name, const char *d, size_t n, dyad_format f) {
    if (f == DYAD_FORMAT_JSONL) return jsonl_buffer(r, name, d, n);
    if (f == DYAD_FORMAT_XML) return xml_buffer(r, name, d, n);
    return text_buffer(r, name, d, n);
}

static int process_buffer(rd *r, const char *name, const char *d, size_t n) {
    size_t bom;
    int u16 = n ? utf16_kind(d, n, &bom) : 0;
    if (u16) {
        size_t ul;
        char *u = utf8_from_utf16(d + bom, n - bom, u16 == 2, &ul);
        if (!u) return DYAD_ENOMEM;
        DIAG(r, DYAD_DIAG_NOTE, name, 0, "UTF-16%s text converted to UTF-8", u16 == 2 ? "BE" : "LE");
        int rc = check_text(r, name, u, ul);
        if (rc == DYAD_OK) rc = dispatch(r, name, u, ul, choose_format(r, name, u, ul));
        free(u);
        return rc;
    }
    int rc = check_text(r, name, d, n);
    if (rc) return rc;
    return dispatch(r, name, d, n, choose_format(r, name, d, n));
}

/* Reads until buf holds want bytes or the input ends. */
static ssize_t read_full(int fd, char *buf, size_t want) {
    size_t got = 0;
    while (got < want) {
        ssize_t k = read(fd, buf + got, want - got);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return -1;
        if (k == 0) break;
        got += (size_t)k;
    }
    return (ssize_t)got;
}

static int process_fd(rd *r, const char *name, int fd) {
    size_t cap = BLOCK_BYTES;
    char *buf = malloc(cap);
    if (!buf) return DYAD_ENOMEM;
    ssize_t got = read_full(fd, buf, cap);
    if (got < 0) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "cannot read: %s: skipped", strerror(errno));
        skip(r);
        free(buf);
        return DYAD_EIO;
    }
    size_t len = (size_t)got, bom;
    int rc;
    bool utf16 = len && utf16_kind(buf, len, &bom);
    if (!utf16 && (rc = check_text(r, name, buf, len)) != DYAD_OK) {
        free(buf); /* empty or binary: refused on the first block */
        return rc;
    }
    if ((size_t)got == cap && !utf16 && choose_format(r, name, buf, len) == DYAD_FORMAT_JSONL) {
        rc = jsonl_stream(r, name, fd, &buf, cap, len);
        free(buf);
        return rc;
    }
    /* Everything else is read whole (a text file only up to one story's limit). */
    bool text = choose_format(r, name, buf, len) == DYAD_FORMAT_TEXT;
    size_t limit = text ? (size_t)DYAD_MAX_STORY_BYTES * 2 + 16 : SIZE_MAX / 2;
    while ((size_t)got == cap - (len - (size_t)got) && len < limit) {
        if (len == cap) {
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return DYAD_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        got = read_full(fd, buf + len, cap - len);
        if (got < 0) {
            DIAG(r, DYAD_DIAG_ERROR, name, 0, "cannot read: %s: skipped", strerror(errno));
            skip(r);
            free(buf);
            return DYAD_EIO;
        }
        len += (size_t)got;
        if (len < cap) break;
    }
    rc = process_buffer(r, name, buf, len);
    free(buf);
    return rc;
}

static int process_file(rd *r, const char *path) {
    if (!strcmp(path, "-")) return process_fd(r, "-", 0);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        DIAG(r, DYAD_DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        skip(r);
        return DYAD_EIO;
    }
    int rc = process_fd(r, path, fd);
    close(fd);
    return rc;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int walk(rd *r, const char *path, int depth);

static int walk_dir(rd *r, const char *path, int depth) {
    if (depth > MAX_DIR_DEPTH) {
        DIAG(r, DYAD_DIAG_ERROR, path, 0, "directories nested deeper than %d: skipped",
             MAX_DIR_DEPTH);
        skip(r);
        return DYAD_OK;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        DIAG(r, DYAD_DIAG_ERROR, path, 0, "cannot open directory: %s", strerror(errno));
        skip(r);
        return DYAD_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = DYAD_OK;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.') continue; /* ., .., hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) { rc = DYAD_ENOMEM; break; }
            names = nn;
        }
        size_t pl = strlen(path), nl = strlen(de->d_name);
        char *full = malloc(pl + nl + 2);
        if (!full) { rc = DYAD_ENOMEM; break; }
        memcpy(full, path, pl);
        size_t o = pl;
        if (pl && path[pl - 1] != '/') full[o++] = '/';
        memcpy(full + o, de->d_name, nl + 1);
        names[n++] = full;
    }
    closedir(dir);
    if (names) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == DYAD_OK; i++) {
        int x = walk(r, names[i], depth + 1);
        if (x == DYAD_ENOMEM || x > 0) rc = x; /* out of memory or the callback stopped */
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

static int walk(rd *r, const char *path, int depth) {
    struct stat sb;
    if (!strcmp(path, "-")) return process_file(r, path);
    if (depth > 0) {
        /* Inside a directory: regular files and directories only; a symbolic link to a
         * directory is not followed (it could loop or read stories twice). */
        if (lstat(path, &sb) != 0) return process_file(r, path); /* reports why */
        if (S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIAG(r, DYAD_DIAG_NOTE, path, 0, "symbolic link to a directory: not followed");
            return DYAD_OK;
        }
        if (S_ISDIR(sb.st_mode)) return walk_dir(r, path, depth);
        if (!S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) return DYAD_OK; /* fifos, sockets */
        return process_file(r, path);
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) return walk_dir(r, path, depth);
    return process_file(r, path);
}

int dyad_read_path(const char *path, const dyad_read_options *opt, dyad_record_fn fn, void *ud,
                   uint64_t *skipped) {
    if (!path || !fn) return DYAD_EINVAL;
    dyad_read_options defaults = {0};
    rd r = {opt ? opt : &defaults, opt ? opt->format : DYAD_FORMAT_AUTO, fn, ud, skipped, {0}, {0}};
    int rc = walk(&r, path, 0);
    dyad_buf_free(&r.scratch);
    dyad_buf_free(&r.strs);
    return rc;
}

int dyad_read_buffer(const char *name, const char *data, size_t len, const dyad_read_options *opt,
                     dyad_record_fn fn, void *ud, uint64_t *skipped) {
    if (!fn || (!data && len)) return DYAD_EINVAL;
    dyad_read_options defaults = {0};
    rd r = {opt ? opt : &defaults, opt ? opt->format : DYAD_FORMAT_AUTO, fn, ud, skipped, {0}, {0}};
    int rc = process_buffer(&r, name ? name : "-", data ? data : "", len);
    dyad_buf_free(&r.scratch);
    dyad_buf_free(&r.strs);
    return rc;
}
