/* read.c: bytes -> story records. Files, directories and stdin; plain text, JSON (lines,
 * concatenated objects, arrays), CSV/TSV, multi-story SGML/XML; encoding sniffing (BOM,
 * UTF-16) and refusal of binary input. Every input is read through a bounded window. */
#include "internal.h"

#include <csv.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#define SNIFF_BYTES 8192u          /* binary and encoding checks look this far */
#define BLOCK_BYTES (1u << 20)     /* read size, and the first size of the line buffer */
#define MAX_DIR_DEPTH 64           /* directory recursion */

enum { F_TEXT, F_ID, F_DATE, F_TITLE, F_URL, F_PUB, N_FIELDS };

typedef struct rd {
    const dyad_read_options *opt;
    dyad_format format;
    dyad_record_fn fn;
    void *ud;
    uint64_t *skipped;
    dyad_buf scratch;           /* decoded XML text, repaired JSON lines */
    dyad_buf strs;              /* strings decoded from a JSON record */
    const char *map[N_FIELDS];  /* --field: the key or column of each field, or NULL */
    bool hinted;                /* this file's keys were listed once */
} rd;

#define DIAG(r, sev, file, line, ...)                                                              \
    diag_report((r)->opt->diag, (r)->opt->diag_ud, sev, file, line, __VA_ARGS__)

static void skip(rd *r) {
    if (r->skipped) (*r->skipped)++;
}

/* Fills in the date (the record's own, else an explicit timestamp in its text, else
 * --date) and hands the record over. */
static int emit(rd *r, dyad_record *rec) {
    rec->date_source = rec->date ? "input" : NULL;
    if (!rec->date && (rec->date = story_find_timestamp(rec->text, rec->text_len))) rec->date_source = "timestamp";
    if (!rec->date && (rec->date = r->opt->date)) rec->date_source = "input";
    rec->no_date_inference = r->opt->no_date_inference;
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
    if (has_suffix(name, ".xml") || has_suffix(name, ".sgm") || has_suffix(name, ".sgml"))
        return DYAD_FORMAT_XML;
    if (has_suffix(name, ".csv")) return DYAD_FORMAT_CSV;
    if (has_suffix(name, ".tsv") || has_suffix(name, ".tab")) return DYAD_FORMAT_TSV;
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

static const char *find_record_tag(const char *d, size_t n);

static dyad_format format_from_content(const char *d, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && (unsigned char)d[i] <= ' ') i++;
    if (i < n && (d[i] == '{' || d[i] == '[')) return DYAD_FORMAT_JSONL;
    size_t look = n - i < 65536 ? n - i : 65536;
    if (i < n && d[i] == '<' && find_record_tag(d + i, look)) return DYAD_FORMAT_XML;
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

/* The record fields dyad reads from a JSON object or a CSV header; for each, the accepted
 * keys in order of preference. Unknown keys are ignored. */
#define MAX_ALIASES 10
static const char *const field_keys[N_FIELDS][MAX_ALIASES] = {
    {"text", "body", "content", "article", "story", "full_text", "doc_text", "description", NULL},
    {"id", "story_id", "aid", "doc_id", "docid", NULL},
    {"date", "published", "publish_date", "published_at", "pubdate", "publication_date", NULL},
    {"title", "headline", NULL},
    {"url", "link", NULL},
    {"source", "publisher", NULL},
};

/* A field's value: a string (s, n; NUL-terminated), an integer (iv), or another kind. */
typedef struct jval {
    char kind; /* 0 absent or null, 's' string, 'i' integer, 'o' anything else ('a' while
                * a joined list waits for its pointer) */
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
/* The first byte from q on (before end) that ends a JSON string's plain run: '"', '\\'
 * or a control character; end when there is none. Sixteen bytes at a time where SSE2
 * is there. */
static const char *plain_end(const char *q, const char *end) {
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), ctl = _mm_set1_epi8(0x1f);
    while (end - q >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, slash)),
                                    _mm_cmpeq_epi8(_mm_max_epu8(x, ctl), ctl)); /* x <= 0x1f */
        int m = _mm_movemask_epi8(stop);
        if (m) return q + __builtin_ctz((unsigned)m);
        q += 16;
    }
#endif
    while (q < end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) q++;
    return q;
}

static bool jstring(jscan *j, bool keep, size_t *off, size_t *len) {
    const char *p = j->p + 1;
    if (keep) *off = j->out->len;
    for (;;) {
        const char *q = plain_end(p, j->end);
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
    jval slots[N_FIELDS][MAX_ALIASES];
    char seen[N_FIELDS][MAX_ALIASES];
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

/* ---- which key or column a field comes from ---- */

/* The field a --field name sets ("text", "headline" ...), or -1. */
static int field_from_name(const char *s, size_t n) {
    static const struct { const char *name; int field; } names[] = {
        {"text", F_TEXT},   {"id", F_ID},          {"date", F_DATE},      {"title", F_TITLE},
        {"headline", F_TITLE}, {"url", F_URL},     {"source", F_PUB},     {"publisher", F_PUB},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strlen(names[k].name) == n && !memcmp(names[k].name, s, n)) return names[k].field;
    return -1;
}

/* Reads opt->fields ("text=textInfo.textStory") into r->map. DYAD_EINVAL, with a
 * diagnostic, for a malformed one. */
static int parse_field_map(rd *r, const char *name) {
    for (size_t k = 0; k < r->opt->n_fields; k++) {
        const char *spec = r->opt->fields[k];
        const char *eq = spec ? strchr(spec, '=') : NULL;
        int x = eq ? field_from_name(spec, (size_t)(eq - spec)) : -1;
        if (x < 0 || !eq[1]) {
            DIAG(r, DYAD_DIAG_ERROR, name, 0,
                 "field mapping \"%s\" is not NAME=KEY with NAME one of text, id, date, title, "
                 "url, source", spec ? spec : "(null)");
            return DYAD_EINVAL;
        }
        r->map[x] = eq + 1;
    }
    return DYAD_OK;
}

static bool has_map(const rd *r) {
    for (int x = 0; x < N_FIELDS; x++)
        if (r->map[x]) return true;
    return false;
}

/* ---- a window over the input: bounded memory, whatever the size of the input ---- */

/* The live bytes are buf[start, end); a reader moves start past what it no longer needs,
 * and src_more moves the live bytes to the front before reading more. UTF-16 input is
 * converted to UTF-8 as it is read. */
typedef struct window {
    int fd;        /* -1: the whole input is in buf already (not owned, never written) */
    char *buf;
    size_t cap, start, end;
    bool eof;
    int u16;       /* 0, else 1 (little endian) or 2 (big endian): buf holds the UTF-8 */
    unsigned char carry[4];
    size_t ncarry; /* raw UTF-16 bytes left over from the last read */
    uint64_t lone; /* lone surrogates replaced */
    int err;       /* errno of a failed read */
} window;

static ssize_t read_some(int fd, char *p, size_t n) {
    for (;;) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        return k;
    }
}

/* Reads more input after end; the window may grow to limit bytes. Returns the number of
 * bytes added: 0 at the end of the input (eof set) or when the window is full; -1 on a
 * read error (err set) or when out of memory. */
static ssize_t src_more(window *s, size_t limit) {
    if (s->fd < 0 || s->eof) {
        s->eof = true;
        return 0;
    }
    if (s->start > 0) {
        memmove(s->buf, s->buf + s->start, s->end - s->start);
        s->end -= s->start;
        s->start = 0;
    }
    if (s->cap - s->end < BLOCK_BYTES / 2 && s->cap < limit) {
        size_t ncap = s->cap * 2 < limit ? s->cap * 2 : limit;
        char *nb = realloc(s->buf, ncap);
        if (!nb) {
            s->err = ENOMEM;
            return -1;
        }
        s->buf = nb;
        s->cap = ncap;
    }
    size_t room = s->cap - s->end;
    if (room < 64) return 0; /* full */
    if (!s->u16) {
        ssize_t k = read_some(s->fd, s->buf + s->end, room);
        if (k < 0) {
            s->err = errno;
            return -1;
        }
        if (k == 0) s->eof = true;
        s->end += (size_t)k;
        return k;
    }
    /* UTF-16: raw bytes (after the carry) are read into the tail of the window's free
     * room, then converted into its head; 2 raw bytes never make more than 3. */
    size_t want = (room - 4) / 5 * 2;
    if (want < 2) return 0;
    char *raw = s->buf + s->cap - want - s->ncarry;
    memcpy(raw, s->carry, s->ncarry);
    ssize_t k = read_some(s->fd, raw + s->ncarry, want);
    if (k < 0) {
        s->err = errno;
        return -1;
    }
    if (k == 0) s->eof = true;
    size_t n = s->ncarry + (size_t)k, used = 0;
    size_t o = utf16_to_utf8((const unsigned char *)raw, n, s->u16 == 2, s->eof, s->buf + s->end,
                             &used, &s->lone);
    s->ncarry = n - used;
    memcpy(s->carry, raw + used, s->ncarry);
    s->end += o;
    return o ? (ssize_t)o : (s->eof ? 0 : src_more(s, limit));
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static uint64_t count_lines(const char *p, size_t n) {
    uint64_t k = 0;
    for (const char *q = p, *e = p + n; (q = memchr(q, '\n', (size_t)(e - q))); q++) k++;
    return k;
}

static int read_failed(rd *r, const char *name, const window *s, uint64_t line) {
    if (s->err == ENOMEM) return DYAD_ENOMEM;
    DIAG(r, DYAD_DIAG_ERROR, name, line, "read error: %s: rest of the file skipped",
         strerror(s->err));
    skip(r);
    return DYAD_EIO;
}

/* ---- JSON fields ---- */

/* The value at a dotted path ("textInfo.textStory", "items.0.text"), or NULL. */
static json_t *json_at(json_t *o, const char *path) {
    char key[256];
    while (o && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (n >= sizeof key) return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        if (json_is_object(o)) {
            o = json_object_get(o, key);
        } else if (json_is_array(o) && n && strspn(key, "0123456789") == n) {
            o = json_array_get(o, strtoul(key, NULL, 10));
        } else {
            return NULL;
        }
        path = dot ? dot + 1 : path + n;
    }
    return o;
}

/* A field's value from a JSON value: a string, an integer, or an array of strings (the
 * paragraphs of a story), joined with blank lines into r->strs at *off. */
static void jval_from_json(rd *r, json_t *v, jval *f) {
    if (json_is_string(v)) {
        f->kind = 's';
        f->s = json_string_value(v);
        f->n = json_string_length(v);
    } else if (json_is_integer(v)) {
        f->kind = 'i';
        f->iv = (long long)json_integer_value(v);
    } else if (json_is_array(v) && json_array_size(v)) {
        size_t k;
        json_t *e;
        f->kind = 'o';
        json_array_foreach(v, k, e) if (!json_is_string(e)) return;
        f->off = r->strs.len;
        json_array_foreach(v, k, e) {
            if (k && dyad_buf_append(&r->strs, "\n\n", 2)) return;
            if (dyad_buf_append(&r->strs, json_string_value(e), json_string_length(e))) return;
        }
        if (dyad_buf_append(&r->strs, "", 1)) return;
        f->kind = 'a'; /* s set once every field is read: strs may move */
        f->n = r->strs.len - 1 - f->off;
    } else if (!json_is_null(v)) {
        f->kind = 'o';
    }
}

/* The fields of a JSON object: the --field mapping, else the first alias present. */
static void fields_from_json(rd *r, json_t *o, jval f[N_FIELDS]) {
    dyad_buf_reset(&r->strs);
    for (int x = 0; x < N_FIELDS; x++) {
        if (r->map[x]) {
            json_t *v = json_at(o, r->map[x]);
            if (v) jval_from_json(r, v, &f[x]);
            continue;
        }
        for (int y = 0; field_keys[x][y]; y++) {
            json_t *v = json_object_get(o, field_keys[x][y]);
            if (!v || json_is_null(v)) continue;
            f[x].rank = y;
            jval_from_json(r, v, &f[x]);
            break;
        }
    }
    for (int x = 0; x < N_FIELDS; x++)
        if (f[x].kind == 'a') {
            f[x].kind = 's';
            f[x].s = r->strs.data + f[x].off;
        }
}

/* Appends the paths of o's lists of strings (lists) or strings (!lists), to depth 3, to
 * b: what a --field mapping could name. */
static void text_paths(json_t *o, bool lists, dyad_buf *path, dyad_buf *b, int depth, int *count) {
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        size_t mark = path->len;
        if (mark) dyad_buf_append(path, ".", 1);
        dyad_buf_puts(path, key);
        bool strings = json_is_array(v) && json_array_size(v) && json_is_string(json_array_get(v, 0));
        if ((lists ? strings : json_is_string(v)) && *count < 16) {
            dyad_buf_puts(b, *count ? ", " : "");
            dyad_buf_append(b, path->data, path->len);
            if (strings) dyad_buf_puts(b, " (list)");
            (*count)++;
        } else if (json_is_object(v) && depth < 3) {
            text_paths(v, lists, path, b, depth + 1, count);
        }
        path->len = mark;
    }
}


/* What a JSON value is, for a message. */
static const char *json_what(const json_t *v) {
    if (!v) return "missing";
    if (json_is_object(v)) return "an object";
    if (json_is_array(v)) return json_array_size(v) ? "a list holding more than strings" : "an empty list";
    if (json_is_boolean(v)) return "true or false";
    if (json_is_real(v)) return "a number with a fraction";
    if (json_is_integer(v)) return "a number";
    if (json_is_null(v)) return "null";
    return "not a string";
}

/* The JSON value a field came from in o (NULL when unknown). */
static json_t *field_json(const rd *r, json_t *o, int x, const jval *f) {
    if (!o) return NULL;
    return r->map[x] ? json_at(o, r->map[x]) : json_object_get(o, field_keys[x][f->rank]);
}

/* The fields besides the text that a record gives but that cannot be used (an object
 * where a string belongs), and the id or date a --field mapping names that the record
 * lacks: each said with file and line, never passed over in silence (a title, URL or
 * publisher may be absent). */
static void check_fields(rd *r, const char *name, uint64_t line, const jval f[N_FIELDS],
                         json_t *o) {
    static const char *const field[N_FIELDS] = {"text", "id", "date", "title", "url", "source"};
    static const char *const then[N_FIELDS] = {
        "", "its id is made from file and line", "the story is undated", "no headline from it",
        "no URL", "no publisher"};
    for (int x = F_ID; x < N_FIELDS; x++) {
        const char *key = r->map[x] ? r->map[x] : field_keys[x][f[x].rank];
        if (f[x].kind == 'o' && x != F_DATE) /* a date that cannot be read: field_date */
            DIAG(r, DYAD_DIAG_WARNING, name, line, "\"%.200s\" (the story's %s) is %s, not a %s: %s",
                 key, field[x], json_what(field_json(r, o, x, &f[x])),
                 x == F_ID ? "string or a whole number" : "string", then[x]);
        else if (!f[x].kind && r->map[x] && (x == F_ID || x == F_DATE)) /* metadata may be absent */
            DIAG(r, DYAD_DIAG_WARNING, name, line, "record has no \"%.200s\" (--field %s): %s",
                 key, field[x], then[x]);
    }
}

/* Makes a record of fields read from JSON (or a CSV row) and hands it over; a record
 * without text is reported, with what the object holds when o is given (once a file). */
static int field_record(rd *r, const char *name, uint64_t line, jval f[N_FIELDS], json_t *o,
                        dyad_format format) {
    const char *why = NULL;
    char whybuf[320];
    if (f[F_TEXT].kind == 'o' || (f[F_TEXT].kind != 's' && r->map[F_TEXT] && o)) {
        const char *key = r->map[F_TEXT] ? r->map[F_TEXT] : field_keys[F_TEXT][f[F_TEXT].rank];
        json_t *v = field_json(r, o, F_TEXT, &f[F_TEXT]);
        if (v && !json_is_null(v))
            snprintf(whybuf, sizeof whybuf,
                     "record's text \"%.200s\" is %s, not a string or a list of strings: skipped",
                     key, json_what(v));
        else
            snprintf(whybuf, sizeof whybuf, "record has no \"%.200s\" (--field text): skipped", key);
        why = whybuf;
    } else if (f[F_TEXT].kind != 's') {
        if (r->map[F_TEXT]) why = "record has no text at the --field text key: skipped";
        else why = "record has no text (a \"text\", \"body\", \"content\" ... field): skipped";
    } else if (f[F_TEXT].n > DYAD_MAX_STORY_BYTES) {
        why = "story text is over DYAD_MAX_STORY_BYTES: skipped";
    } else if (all_space(f[F_TEXT].s, f[F_TEXT].n)) {
        why = "record's text is empty: skipped";
    }
    if (why) {
        DIAG(r, DYAD_DIAG_ERROR, name, line, "%s", why);
        if (o && f[F_TEXT].kind != 's' && !r->hinted) {
            dyad_buf path = {0}, b = {0};
            int count = 0;
            text_paths(o, true, &path, &b, 0, &count); /* paragraphs first */
            text_paths(o, false, &path, &b, 0, &count);
            if (count)
                DIAG(r, DYAD_DIAG_NOTE, name, line,
                     "its string fields are %.*s: name the story text with --field text=KEY "
                     "(nested keys joined by dots; a list of strings is read as paragraphs)",
                     (int)(b.len < 900 ? b.len : 900), b.data ? b.data : "");
            dyad_buf_free(&path);
            dyad_buf_free(&b);
            r->hinted = true;
        }
        skip(r);
        return DYAD_OK;
    }
    check_fields(r, name, line, f, o);
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
    rec.format = format;
    return emit(r, &rec);
}

/* Replaces invalid UTF-8 in p[0..*n) (into r->scratch) with a warning; *p, *n then
 * describe the repaired copy. */
static int repair_utf8(rd *r, const char *name, uint64_t line, const char **p, size_t *n) {
    size_t bad = utf8_invalid_count(*p, *n);
    if (!bad) return DYAD_OK;
    if (*n > (SIZE_MAX - 1) / 3) return DYAD_ENOMEM;
    dyad_buf_reset(&r->scratch);
    if (r->scratch.cap < 3 * *n + 1) {
        char *np = realloc(r->scratch.data, 3 * *n + 1);
        if (!np) return DYAD_ENOMEM;
        r->scratch.data = np;
        r->scratch.cap = 3 * *n + 1;
    }
    r->scratch.len = utf8_repair(*p, *n, r->scratch.data);
    *p = r->scratch.data;
    *n = r->scratch.len;
    DIAG(r, DYAD_DIAG_WARNING, name, line, "%zu invalid UTF-8 byte%s replaced by U+FFFD", bad,
         bad == 1 ? "" : "s");
    return DYAD_OK;
}

/* Whether a field holds something other than a string or a whole number. */
static bool any_other(const jval f[N_FIELDS]) {
    for (int x = 0; x < N_FIELDS; x++)
        if (f[x].kind == 'o') return true;
    return false;
}

/* One JSON object p[0..n) (a JSONL line, or an object of a concatenated stream). */
static int json_object_record(rd *r, const char *name, uint64_t line, const char *p, size_t n) {
    int rc = repair_utf8(r, name, line, &p, &n);
    if (rc) return rc;
    jval f[N_FIELDS];
    memset(f, 0, sizeof f);
    json_t *o = NULL;
    if (has_map(r) || !scan_record(p, n, &r->strs, f) || any_other(f) ||
        (!f[F_TEXT].kind && !r->hinted)) {
        /* jansson: for mapped fields, lists of paragraphs, and to say what is wrong */
        memset(f, 0, sizeof f);
        json_error_t err;
        o = json_loadb(p, n, JSON_ALLOW_NUL, &err);
        if (!o) {
            DIAG(r, DYAD_DIAG_ERROR, name, line + (uint64_t)(err.line > 1 ? err.line - 1 : 0),
                 "malformed JSON (column %d): %s: record skipped", err.column, err.text);
            skip(r);
            return DYAD_OK;
        }
        if (!json_is_object(o)) {
            DIAG(r, DYAD_DIAG_ERROR, name, line, "not a JSON object: record skipped");
            json_decref(o);
            skip(r);
            return DYAD_OK;
        }
        fields_from_json(r, o, f);
    }
    rc = field_record(r, name, line, f, o, DYAD_FORMAT_JSONL);
    json_decref(o);
    return rc;
}

static int json_line(rd *r, const char *name, uint64_t line, const char *p, size_t n) {
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    if (line == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        p += 3;
        n -= 3;
    }
    if (all_space(p, n)) return DYAD_OK;
    return json_object_record(r, name, line, p, n);
}

static void record_too_long(rd *r, const char *name, uint64_t line) {
    DIAG(r, DYAD_DIAG_ERROR, name, line,
         "line is longer than DYAD_MAX_RECORD_BYTES (%u bytes): record skipped",
         DYAD_MAX_RECORD_BYTES);
    skip(r);
}

#define WINDOW_LIMIT ((size_t)DYAD_MAX_RECORD_BYTES + 2 * BLOCK_BYTES)

/* JSONL: one object per line. A line over DYAD_MAX_RECORD_BYTES is skipped without
 * being held in memory. */
static int read_json_lines(rd *r, const char *name, window *s) {
    uint64_t line = 1;
    size_t scan = s->start;
    bool skipping = false;
    for (;;) {
        char *nl = scan < s->end ? memchr(s->buf + scan, '\n', s->end - scan) : NULL;
        if (nl || s->eof) {
            size_t e = nl ? (size_t)(nl - s->buf) : s->end;
            int rc = DYAD_OK;
            if (skipping) skipping = false;
            else if (e - s->start > DYAD_MAX_RECORD_BYTES) record_too_long(r, name, line);
            else rc = json_line(r, name, line, s->buf + s->start, e - s->start);
            if (rc) return rc;
            if (!nl) return DYAD_OK;
            s->start = scan = e + 1;
            line++;
            continue;
        }
        if (!skipping && s->end - s->start > DYAD_MAX_RECORD_BYTES) {
            record_too_long(r, name, line);
            skipping = true;
        }
        if (skipping) s->start = s->end;
        size_t rel = s->end - s->start;
        if (src_more(s, WINDOW_LIMIT) < 0) return read_failed(r, name, s, line);
        scan = s->start + rel;
    }
}

/* Concatenated JSON objects, pretty-printed or not, or an array of them: each object,
 * found by its braces, is one record. An object over DYAD_MAX_RECORD_BYTES is skipped
 * without being held in memory. */
static int read_json_values(rd *r, const char *name, window *s) {
    uint64_t line = 1, obj_line = 0;
    size_t i = s->start, obj = 0;
    int depth = 0;
    bool in_str = false, esc = false, in_array = false, too_long = false;
    if (s->end - i >= 3 && !memcmp(s->buf + i, "\xEF\xBB\xBF", 3)) i += 3;
    for (;;) {
        if (i >= s->end) {
            if (s->eof) break;
            bool keep = depth > 0 && !too_long;
            if (keep && i - obj > DYAD_MAX_RECORD_BYTES) {
                DIAG(r, DYAD_DIAG_ERROR, name, obj_line,
                     "JSON object is longer than DYAD_MAX_RECORD_BYTES (%u bytes): skipped",
                     DYAD_MAX_RECORD_BYTES);
                skip(r);
                too_long = true;
                keep = false;
            }
            s->start = keep ? obj : i;
            size_t rel = i - s->start;
            if (src_more(s, WINDOW_LIMIT) < 0) return read_failed(r, name, s, line);
            i = s->start + rel;
            obj = s->start;
            continue;
        }
        char c = s->buf[i];
        if (c == '\n') line++;
        if (depth > 0) {
            if (in_str) {
                if (esc) esc = false;
                else if (c == '\\') esc = true;
                else if (c == '"') in_str = false;
            } else if (c == '"') {
                in_str = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                if (!too_long) {
                    int rc = json_object_record(r, name, obj_line, s->buf + obj, i + 1 - obj);
                    if (rc) return rc;
                }
                too_long = false;
                s->start = i + 1;
            }
            i++;
            continue;
        }
        i++;
        if (is_ws(c) || (in_array && c == ',')) continue;
        if (c == '{') {
            depth = 1;
            obj = i - 1;
            obj_line = line;
            continue;
        }
        if (c == '[' && !in_array) {
            in_array = true;
            continue;
        }
        if (c == ']' && in_array) {
            in_array = false;
            continue;
        }
        DIAG(r, DYAD_DIAG_ERROR, name, line,
             "expected a JSON object ('{'), found '%c'%s: rest of the file skipped", c,
             in_array ? " in the array" : "");
        skip(r);
        return DYAD_EFORMAT;
    }
    if (depth > 0) {
        DIAG(r, DYAD_DIAG_ERROR, name, obj_line, "JSON object is never closed: skipped");
        skip(r);
    }
    return DYAD_OK;
}

/* JSON objects one a line, or spread over lines? The second when the input opens an
 * array, or when its first object holds a line break. */
static bool json_spread(const char *d, size_t n) {
    size_t i = 0;
    if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && is_ws(d[i])) i++;
    if (i < n && d[i] == '[') return true;
    bool in_str = false, esc = false;
    int depth = 0;
    for (; i < n; i++) {
        char c = d[i];
        if (in_str) {
            if (esc) esc = false;
            else if (c == '\\') esc = true;
            else if (c == '"') in_str = false;
        } else if (c == '"') {
            in_str = true;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0) return false;
        } else if (c == '\n') {
            return depth > 0;
        }
    }
    return false;
}

/* ---- multi-story SGML and XML ----
 * Reuters-21578 (<REUTERS NEWID=..>), LDC Gigaword and TREC (<DOC id=..>), NewsML
 * (<NewsItem>, <newsItem>) and PETRARCH (<Sentence>) files hold many stories, one
 * element each. Most of them are SGML, not XML (no root element, control characters as
 * character references, undeclared entities), which XML parsers refuse; so records are
 * found by their tags, one at a time, and only the elements below are read. */

static const char *const record_tags[] = {"Sentence", "REUTERS", "DOC", "NewsItem", "newsItem",
                                          NULL};

static bool name_end(char c) { return c == '>' || c == '/' || is_ws(c); }

/* The record tag of a file, found in its first bytes, or NULL. */
static const char *find_record_tag(const char *d, size_t n) {
    const char *best = NULL, *at = NULL;
    for (size_t k = 0; record_tags[k]; k++) {
        char open[16];
        snprintf(open, sizeof open, "<%s", record_tags[k]);
        size_t l = strlen(open);
        for (const char *p = d; (p = find_bytes(p, (size_t)(d + n - p), open)); p += l)
            if (p + l < d + n && name_end(p[l])) {
                if (!at || p < at) at = p, best = record_tags[k];
                break;
            }
    }
    return best;
}

static bool name_eq(const char *p, size_t n, const char *name) {
    return strlen(name) == n && !strncasecmp(p, name, n);
}

/* The content of the first element named one of names (case-insensitive) in
 * rec[0..n): *a, *b bound it. The element's open tag is returned in *tag, *tag_len. */
static bool find_element(const char *rec, size_t n, const char *const *names, size_t *a,
                         size_t *b, const char **tag, size_t *tag_len) {
    for (size_t i = 0; i + 1 < n; i++) {
        const char *lt = memchr(rec + i, '<', n - i - 1);
        if (!lt) return false;
        i = (size_t)(lt - rec);
        size_t s = i + 1, e = s;
        while (e < n && !name_end(rec[e])) e++;
        if (e >= n || e == s) continue;
        size_t k = 0;
        while (names[k] && !name_eq(rec + s, e - s, names[k])) k++;
        if (!names[k]) continue;
        const char *gt = memchr(rec + e, '>', n - e);
        if (!gt) return false;
        *tag = rec + i;
        *tag_len = (size_t)(gt - rec) - i + 1;
        size_t open_end = (size_t)(gt - rec) + 1;
        if (gt[-1] == '/') { /* <TITLE/> */
            *a = *b = open_end;
            return true;
        }
        /* the matching close tag, </NAME> in any case */
        for (size_t j = open_end; j + 2 + (e - s) < n; j++) {
            const char *cl = find_bytes(rec + j, n - j, "</");
            if (!cl) break;
            j = (size_t)(cl - rec);
            if (j + 2 + (e - s) < n && !strncasecmp(cl + 2, rec + s, e - s) &&
                (cl[2 + e - s] == '>' || is_ws(cl[2 + e - s]))) {
                *a = open_end;
                *b = j;
                return true;
            }
        }
        *a = open_end; /* never closed: up to the end of the record */
        *b = n;
        return true;
    }
    return false;
}

/* Elements whose content is metadata, not story text, when they sit inside it. */
static const char *const meta_elements[] = {"TITLE", "HEADLINE", "DATELINE", "Parse",
                                            "EventCoding", "AUTHOR", "BYLINE", NULL};

/* Decodes the character data of s[0..n) into out: entities, CDATA; tags dropped, <p>
 * and a line that opens indented start a paragraph (a blank line), other line breaks
 * join lines; metadata elements skipped; control characters dropped. */
static int tagged_text(const char *s, size_t n, dyad_buf *out) {
    /* The text never grows: an entity or a tag is longer than what it becomes. */
    dyad_buf_reset(out);
    if (out->cap < n + 8) {
        char *np = realloc(out->data, n + 8);
        if (!np) return DYAD_ENOMEM;
        out->data = np;
        out->cap = n + 8;
    }
    char *o = out->data;
    size_t k = 0, i = 0;
    bool para = false; /* a paragraph break is due before the next text */
    while (i < n) {
        char c = s[i];
        if (c == '<') {
            if (n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) {
                const char *e = find_bytes(s + i + 9, n - i - 9, "]]>");
                size_t stop = e ? (size_t)(e - s) : n;
                if (para && k) o[k++] = '\n', o[k++] = '\n';
                para = false;
                for (size_t j = i + 9; j < stop; j++)
                    if ((unsigned char)s[j] >= 0x20 || s[j] == '\n' || s[j] == '\t') o[k++] = s[j];
                i = e ? stop + 3 : n;
                continue;
            }
            const char *close = n - i >= 4 && !memcmp(s + i, "<!--", 4)
                                    ? find_bytes(s + i + 4, n - i - 4, "-->")
                                    : memchr(s + i, '>', n - i);
            size_t stop = close ? (size_t)(close - s) + (s[i + 1] == '!' && s[i + 2] == '-' ? 3 : 1) : n;
            size_t ns = i + 1 + (i + 1 < n && s[i + 1] == '/'), ne = ns;
            while (ne < n && !name_end(s[ne])) ne++;
            if (name_eq(s + ns, ne - ns, "p") || name_eq(s + ns, ne - ns, "br") ||
                name_eq(s + ns, ne - ns, "div") || name_eq(s + ns, ne - ns, "hl2")) {
                para = true;
            } else if (s[i + 1] != '/') {
                size_t m = 0;
                while (meta_elements[m] && !name_eq(s + ns, ne - ns, meta_elements[m])) m++;
                size_t a, b, tl;
                const char *t;
                if (meta_elements[m] && find_element(s + i, n - i, meta_elements + m, &a, &b, &t, &tl)) {
                    const char *gt = memchr(s + i + b, '>', n - i - b);
                    stop = gt ? (size_t)(gt - s) + 1 : n;
                    para = true;
                }
            }
            i = stop;
            continue;
        }
        if (c == '\n' || c == '\r') {
            size_t j = i + 1;
            while (j < n && (s[j] == '\r' || s[j] == ' ' || s[j] == '\t')) j++;
            if (j - i >= 2 || (j < n && s[j] == '\n')) para = true; /* indented, or blank */
            else if (k && o[k - 1] != ' ') o[k++] = ' ';
            i = j;
            continue;
        }
        if ((unsigned char)c < 0x20 && c != '\t') {
            i++;
            continue;
        }
        if (para && k) {
            while (k && o[k - 1] == ' ') k--;
            o[k++] = '\n';
            o[k++] = '\n';
        }
        para = false;
        if (c == '&') {
            const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
            if (semi) {
                size_t el = (size_t)(semi - s) - i + 1;
                size_t m = xml_decode(s + i, el, o + k);
                if (m == 1 && (unsigned char)o[k] < 0x20) m = 0; /* &#3; */
                k += m;
                i += el;
                continue;
            }
        }
        o[k++] = c;
        i++;
    }
    while (k && (unsigned char)o[k - 1] <= ' ') k--;
    size_t st = 0;
    while (st < k && (unsigned char)o[st] <= ' ') st++;
    memmove(o, o + st, k - st);
    out->len = k - st;
    o[out->len] = '\0';
    return DYAD_OK;
}

/* A short field (id, date, title) from an element's decoded text, into buf. */
static void short_field(const char *s, size_t n, dyad_buf *tmp, char *buf, size_t cap) {
    buf[0] = '\0';
    if (n > 8192) n = 8192;
    if (tagged_text(s, n, tmp) != DYAD_OK) return;
    size_t m = tmp->len < cap - 1 ? tmp->len : cap - 1;
    for (size_t j = 0; j < m; j++) buf[j] = tmp->data[j] == '\n' ? ' ' : tmp->data[j];
    buf[m] = '\0';
}

static bool attr_value(const char *tag, size_t tl, const char *const *names, char *buf, size_t cap) {
    const char *v;
    size_t vl;
    for (size_t k = 0; names[k]; k++)
        if (xml_attr(tag, tl, names[k], &v, &vl) && vl) {
            size_t m = xml_decode(v, vl < cap - 1 ? vl : cap - 1, buf);
            buf[m] = '\0';
            return true;
        }
    return false;
}

/* A date inside an id: "AFP_ENG_20080801.0001" -> 20080801. */
static int32_t date_in_id(const char *id) {
    for (const char *p = id; *p; p++) {
        if ((p == id || !isdigit((unsigned char)p[-1])) && strspn(p, "0123456789") == 8) {
            int32_t d;
            if (dyad_date_parse(p, 8, &d) == DYAD_OK && d > 19000000) return d;
        }
    }
    return 0;
}

/* One record: rec[0..n) from its open tag to its close tag. */
static int tagged_record(rd *r, const char *name, uint64_t line, const char *tagname,
                         const char *rec, size_t n) {
    static const char *const id_attrs[] = {"NEWID", "id", "guid", "Duid", NULL};
    static const char *const id_elems[] = {"DOCNO", "DOCID", "NewsItemId", NULL};
    static const char *const date_elems[] = {"DATE", "DateId", "firstCreated", "versionCreated",
                                             "contentCreated", "DATE_TIME", NULL};
    static const char *const title_elems[] = {"TITLE", "HEADLINE", "HeadLine", NULL};
    static const char *const dateline_elems[] = {"DATELINE", NULL};
    static const char *const text_elems[] = {"BODY", "body.content", "TEXT", NULL};
    const char *gt = memchr(rec, '>', n);
    if (!gt) gt = rec + n - 1;
    size_t open_len = (size_t)(gt - rec) + 1;
    const char *body = rec + open_len;
    size_t blen = n - open_len, a, b, tl;
    const char *t;
    dyad_buf tmp = {0};
    char id[256], datebuf[128], title[4096];
    dyad_record out = {0};
    int rc = DYAD_OK;
    /* the id */
    if (attr_value(rec, open_len, id_attrs, id, sizeof id)) out.id = id;
    else if (find_element(body, blen, id_elems, &a, &b, &t, &tl)) {
        short_field(body + a, b - a, &tmp, id, sizeof id);
        if (id[0]) out.id = id;
    }
    char derived[4200];
    if (!out.id) {
        snprintf(derived, sizeof derived, "%s:%llu", name, (unsigned long long)line);
        out.id = derived;
    }
    /* the date */
    static const char *const date_attrs[] = {"date", NULL};
    bool have_date = attr_value(rec, open_len, date_attrs, datebuf, sizeof datebuf);
    if (!have_date && find_element(body, blen, date_elems, &a, &b, &t, &tl)) {
        short_field(body + a, b - a, &tmp, datebuf, sizeof datebuf);
        have_date = datebuf[0] != '\0';
    }
    if (have_date && dyad_date_parse(datebuf, strlen(datebuf), &out.date) != DYAD_OK) {
        DIAG(r, DYAD_DIAG_WARNING, name, line, "unrecognized date \"%.40s\": ignored", datebuf);
        out.date = 0;
    }
    if (!out.date && out.id != derived) out.date = date_in_id(out.id);
    /* the headline, the dateline, the text */
    title[0] = '\0';
    if (strcmp(tagname, "Sentence") && find_element(body, blen, title_elems, &a, &b, &t, &tl))
        short_field(body + a, b - a, &tmp, title, sizeof title);
    char dateline[256];
    dateline[0] = '\0';
    if (find_element(body, blen, dateline_elems, &a, &b, &t, &tl))
        short_field(body + a, b - a, &tmp, dateline, sizeof dateline);
    char src[256];
    static const char *const source_attrs[] = {"source", NULL};
    if (attr_value(rec, open_len, source_attrs, src, sizeof src) && src[0]) out.publisher = src;
    bool has_text = find_element(body, blen, text_elems, &a, &b, &t, &tl);
    if (has_text && b - a > DYAD_MAX_STORY_BYTES) {
        DIAG(r, DYAD_DIAG_ERROR, name, line, "story text is over DYAD_MAX_STORY_BYTES: skipped");
        skip(r);
        goto done;
    }
    if (has_text && (rc = tagged_text(body + a, b - a, &r->scratch)) != DYAD_OK) goto done;
    if (!has_text) dyad_buf_reset(&r->scratch);
    if (r->scratch.len == 0 && title[0]) {
        /* a brief: its title is all the story there is */
        dyad_buf_reset(&r->scratch);
        if ((rc = dyad_buf_puts(&r->scratch, title)) != DYAD_OK) goto done;
        title[0] = '\0';
    } else if (dateline[0] && r->scratch.len) {
        /* "SALVADOR, Feb 26 -" opens the body, as in wire copy (with its dash) */
        size_t dl = strlen(dateline);
        while (dl && dateline[dl - 1] == ' ') dl--;
        if (dl && dateline[dl - 1] != '-' && dl + 2 < sizeof dateline) {
            dateline[dl++] = ' ';
            dateline[dl++] = '-';
        }
        dateline[dl++] = ' ';
        dateline[dl] = '\0';
        dyad_buf tmp2 = {0};
        if (dyad_buf_append(&tmp2, dateline, dl) || dyad_buf_append(&tmp2, r->scratch.data, r->scratch.len + 1)) {
            dyad_buf_free(&tmp2);
            rc = DYAD_ENOMEM;
            goto done;
        }
        dyad_buf_free(&r->scratch);
        r->scratch = tmp2;
        r->scratch.len--;
    }
    if (r->scratch.len == 0) {
        DIAG(r, DYAD_DIAG_ERROR, name, line, "<%s> record has no text: skipped", tagname);
        skip(r);
        goto done;
    }
    out.file = name;
    out.line = line;
    out.headline = title[0] ? title : NULL;
    out.text = r->scratch.data;
    out.text_len = r->scratch.len;
    out.format = DYAD_FORMAT_XML;
    rc = emit(r, &out);
done:
    dyad_buf_free(&tmp);
    return rc;
}

/* Every record of a multi-story SGML or XML file, one at a time. */
static int read_tagged(rd *r, const char *name, window *s) {
    const char *tag = find_record_tag(s->buf + s->start, s->end - s->start);
    if (!tag) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0,
             "no story records in this XML file (<Sentence>, <REUTERS>, <DOC>, <NewsItem>): "
             "skipped");
        skip(r);
        return DYAD_EEMPTY;
    }
    char open[16], close[20];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open), cl = strlen(close), records = 0;
    uint64_t line = 1;
    size_t counted = s->start; /* lines are counted up to here */
    for (;;) {
        const char *p = find_bytes(s->buf + s->start, s->end - s->start, open);
        while (p && (size_t)(s->buf + s->end - p) > ol && !name_end(p[ol]))
            p = find_bytes(p + 1, (size_t)(s->buf + s->end - p - 1), open);
        if (!p || (size_t)(s->buf + s->end - p) <= ol) {
            if (s->eof) break;
            size_t keep = s->end - s->start > ol ? ol : s->end - s->start;
            line += count_lines(s->buf + counted, s->end - keep - counted);
            s->start = counted = s->end - keep;
            if (src_more(s, WINDOW_LIMIT) < 0) return read_failed(r, name, s, line);
            counted = s->start;
            continue;
        }
        size_t at = (size_t)(p - s->buf);
        line += count_lines(s->buf + counted, at - counted);
        counted = s->start = at;
        const char *gt0 = memchr(p, '>', s->end - at);
        if (gt0 && gt0[-1] == '/') {
            records++;
            DIAG(r, DYAD_DIAG_ERROR, name, line, "empty <%s/> record: skipped", tag);
            skip(r);
            s->start = (size_t)(gt0 - s->buf) + 1;
            line += count_lines(s->buf + counted, s->start - counted);
            counted = s->start;
            continue;
        }
        /* the whole record in the window */
        size_t scan = at + ol;
        const char *e = NULL;
        bool too_long = false;
        for (;;) {
            e = find_bytes(s->buf + scan, s->end - scan, close);
            if (e || s->eof) break;
            if (s->end - s->start > DYAD_MAX_RECORD_BYTES) {
                if (!too_long) {
                    DIAG(r, DYAD_DIAG_ERROR, name, line,
                         "record is longer than DYAD_MAX_RECORD_BYTES (%u bytes): skipped",
                         DYAD_MAX_RECORD_BYTES);
                    skip(r);
                }
                too_long = true;
                size_t keep = cl;
                line += count_lines(s->buf + counted, s->end - keep - counted);
                s->start = counted = s->end - keep;
            }
            size_t rel = s->end - s->start > cl ? s->end - s->start - cl : 0;
            if (src_more(s, WINDOW_LIMIT) < 0) return read_failed(r, name, s, line);
            counted = s->start;
            scan = s->start + rel;
        }
        records++;
        if (!e) {
            if (!too_long) {
                DIAG(r, DYAD_DIAG_ERROR, name, line, "<%s> record is never closed: skipped", tag);
                skip(r);
            }
            break;
        }
        at = s->start; /* the window may have moved */
        size_t end = (size_t)(e - s->buf) + cl;
        if (!too_long) {
            int rc = tagged_record(r, name, line, tag, s->buf + at, end - at);
            if (rc) return rc;
        }
        line += count_lines(s->buf + counted, end - counted);
        counted = s->start = end;
    }
    if (!records) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "no <%s> records in this file: skipped", tag);
        skip(r);
        return DYAD_EEMPTY;
    }
    return DYAD_OK;
}

/* ---- CSV and TSV with a header row (libcsv) ---- */

enum { MAX_COLUMNS = 1024 };

typedef struct csv_state {
    rd *r;
    const char *name;
    dyad_format format;
    dyad_buf row;             /* the fields of the current row, each NUL-terminated */
    size_t off[MAX_COLUMNS];  /* where each field starts in row */
    size_t nf;
    bool too_long, header_done;
    int col[N_FIELDS];        /* the column of each field, or -1 */
    size_t ncols;
    uint64_t row_line;        /* the line the current row began on; 0 between rows */
    int rc;
} csv_state;

static void csv_field(void *p, size_t n, void *ud) {
    csv_state *c = ud;
    if (c->too_long || c->rc) return;
    if (c->nf == MAX_COLUMNS || c->row.len + n + 1 > DYAD_MAX_RECORD_BYTES) {
        c->too_long = true;
        return;
    }
    c->off[c->nf++] = c->row.len;
    if (dyad_buf_append(&c->row, p, n) || dyad_buf_append(&c->row, "", 1)) c->rc = DYAD_ENOMEM;
}

static const char *csv_col(csv_state *c, size_t k) { return c->row.data + c->off[k]; }

/* The header row: which column holds each field. */
static void csv_header(csv_state *c) {
    rd *r = c->r;
    c->ncols = c->nf;
    for (int x = 0; x < N_FIELDS; x++) {
        c->col[x] = -1;
        if (r->map[x]) {
            for (size_t k = 0; k < c->nf; k++)
                if (!strcasecmp(csv_col(c, k), r->map[x])) c->col[x] = (int)k;
            if (c->col[x] < 0) {
                DIAG(r, DYAD_DIAG_ERROR, c->name, c->row_line,
                     "the header has no column \"%s\" (named by --field): file skipped", r->map[x]);
                c->rc = DYAD_EFORMAT;
            }
            continue;
        }
        for (int y = 0; field_keys[x][y] && c->col[x] < 0; y++)
            for (size_t k = 0; k < c->nf; k++)
                if (!strcasecmp(csv_col(c, k), field_keys[x][y])) {
                    c->col[x] = (int)k;
                    break;
                }
    }
    if (!c->rc && c->col[F_TEXT] < 0) {
        dyad_buf b = {0};
        for (size_t k = 0; k < c->nf && b.len < 600; k++) {
            dyad_buf_puts(&b, k ? ", \"" : "\"");
            dyad_buf_puts(&b, csv_col(c, k));
            dyad_buf_puts(&b, "\"");
        }
        DIAG(r, DYAD_DIAG_ERROR, c->name, c->row_line,
             "the header names no text column (text, body, content, ...); its columns are %.*s: "
             "name the story text with --field text=COLUMN: file skipped",
             (int)b.len, b.data ? b.data : "");
        dyad_buf_free(&b);
        c->rc = DYAD_EFORMAT;
    }
    c->header_done = true;
}

static void csv_row(int term, void *ud) {
    csv_state *c = ud;
    rd *r = c->r;
    (void)term;
    if (c->rc) return;
    if (c->too_long) {
        DIAG(r, DYAD_DIAG_ERROR, c->name, c->row_line,
             "row is longer than DYAD_MAX_RECORD_BYTES (%u bytes) or %d columns: skipped",
             DYAD_MAX_RECORD_BYTES, MAX_COLUMNS);
        skip(r);
    } else if (!c->header_done) {
        csv_header(c);
    } else if (c->nf == 1 && !csv_col(c, 0)[0]) {
        /* a blank line */
    } else if ((size_t)c->col[F_TEXT] >= c->nf) {
        DIAG(r, DYAD_DIAG_ERROR, c->name, c->row_line,
             "row has %zu fields, the header %zu: skipped", c->nf, c->ncols);
        skip(r);
    } else {
        jval f[N_FIELDS];
        memset(f, 0, sizeof f);
        for (int x = 0; x < N_FIELDS; x++)
            if (c->col[x] >= 0 && (size_t)c->col[x] < c->nf) {
                const char *v = csv_col(c, (size_t)c->col[x]);
                if (!v[0] && x != F_TEXT) continue;
                f[x].kind = 's';
                f[x].s = v;
                f[x].n = strlen(v);
            }
        /* a NUL inside a field ends it: binary input was refused before */
        int rc = field_record(r, c->name, c->row_line, f, NULL, c->format);
        if (rc) c->rc = rc;
    }
    c->nf = 0;
    c->too_long = false;
    dyad_buf_reset(&c->row);
    c->row_line = 0;
}

/* libcsv's field buffer may not grow past the record limit (an unclosed quote would
 * otherwise swallow the whole input). */
static void *csv_realloc(void *p, size_t n) {
    return n > (size_t)DYAD_MAX_RECORD_BYTES + 1024 ? NULL : realloc(p, n);
}

/* Quotation marks on a line: an odd count leaves a quoted field open. */
static size_t count_quotes(const char *p, size_t n) {
    size_t k = 0;
    for (const char *q = p, *e = p + n; (q = memchr(q, '"', (size_t)(e - q))); q++) k++;
    return k;
}

static int read_csv(rd *r, const char *name, window *s, dyad_format format) {
    struct csv_parser p;
    if (csv_init(&p, 0) != 0) return DYAD_ENOMEM;
    csv_set_realloc_func(&p, csv_realloc);
    bool tsv = format == DYAD_FORMAT_TSV;
    if (tsv) {
        csv_set_delim(&p, '\t');
        csv_set_quote(&p, '\0'); /* TSV has no quoting */
    }
    csv_state c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.name = name;
    c.format = format;
    size_t quotes = 0; /* in the current row */
    int rc = DYAD_OK;
    if (s->end - s->start >= 3 && !memcmp(s->buf + s->start, "\xEF\xBB\xBF", 3)) s->start += 3;
    uint64_t line = 1;
    while (!c.rc) {
        char *nl = memchr(s->buf + s->start, '\n', s->end - s->start);
        if (!nl && !s->eof && s->end - s->start < BLOCK_BYTES) {
            if (src_more(s, WINDOW_LIMIT) < 0) {
                rc = read_failed(r, name, s, line);
                break;
            }
            continue;
        }
        /* a line, or a part of a long one */
        size_t n = nl ? (size_t)(nl - (s->buf + s->start)) + 1 : s->end - s->start;
        if (n == 0) break; /* the end */
        const char *piece = s->buf + s->start;
        bool blank = n <= 2 && (piece[0] == '\n' || piece[0] == '\r');
        if (!c.row_line && !blank) c.row_line = line;
        if (!tsv) quotes += count_quotes(piece, n);
        if (csv_parse(&p, piece, n, csv_field, csv_row, &c) != n) {
            DIAG(r, DYAD_DIAG_ERROR, name, c.row_line,
                 "a field is longer than DYAD_MAX_RECORD_BYTES (%u bytes; an unclosed quote?): "
                 "rest of the file skipped", DYAD_MAX_RECORD_BYTES);
            skip(r);
            c.rc = DYAD_ELIMIT;
            break;
        }
        if (!c.row_line) quotes = 0; /* the row ended on this line */
        s->start += n;
        if (nl) line++;
    }
    if (!c.rc && c.row_line && quotes % 2) {
        DIAG(r, DYAD_DIAG_ERROR, name, c.row_line,
             "a quoted field opened on this line is never closed: the rest of the file skipped");
        skip(r);
    } else if (!c.rc) {
        csv_fini(&p, csv_field, csv_row, &c);
    }
    if (!c.rc && !c.header_done) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "no header row: skipped");
        skip(r);
        c.rc = DYAD_EEMPTY;
    }
    csv_free(&p);
    dyad_buf_free(&c.row);
    if (rc) return rc;
    return c.rc == DYAD_EFORMAT ? (skip(r), DYAD_EFORMAT) : c.rc;
}

/* ---- plain text ---- */

static int read_text(rd *r, const char *name, window *s) {
    while (!s->eof && s->end - s->start <= DYAD_MAX_STORY_BYTES)
        if (src_more(s, (size_t)DYAD_MAX_STORY_BYTES + 2 * BLOCK_BYTES) < 0)
            return read_failed(r, name, s, 0);
    if (s->end - s->start > DYAD_MAX_STORY_BYTES) {
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
    rec.text = s->buf + s->start;
    rec.text_len = s->end - s->start;
    rec.format = DYAD_FORMAT_TEXT;
    return emit(r, &rec);
}

/* ---- one input ---- */

static int check_text(rd *r, const char *name, const window *s) {
    char why[96];
    const char *d = s->buf + s->start;
    size_t n = s->end - s->start;
    if (s->eof && (n == 0 || all_space(d, n))) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "empty file: skipped");
        skip(r);
        return DYAD_EEMPTY;
    }
    if (n >= 5 && !memcmp(d, "{\\rtf", 5)) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0,
             "an RTF document, not plain text: convert it first (unrtf --text): skipped");
        skip(r);
        return DYAD_EFORMAT;
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

/* Reads one input through its window: s holds the first block. */
static int process(rd *r, const char *name, window *s) {
    size_t bom = 0;
    int u16 = s->end ? utf16_kind(s->buf, s->end, &bom) : 0;
    if (u16) {
        /* convert what was read; the rest is converted as it comes */
        size_t raw = s->end - bom, used = 0;
        char *u = malloc(raw / 2 * 3 + 8 > BLOCK_BYTES * 2 ? raw / 2 * 3 + 8 : BLOCK_BYTES * 2);
        if (!u) return DYAD_ENOMEM;
        size_t cap = raw / 2 * 3 + 8 > BLOCK_BYTES * 2 ? raw / 2 * 3 + 8 : BLOCK_BYTES * 2;
        size_t o = utf16_to_utf8((const unsigned char *)s->buf + bom, raw, u16 == 2, s->eof, u,
                                 &used, &s->lone);
        s->ncarry = raw - used;
        memcpy(s->carry, s->buf + bom + used, s->ncarry);
        if (s->fd >= 0) free(s->buf);
        s->buf = u;
        s->cap = cap;
        s->start = 0;
        s->end = o;
        s->u16 = u16;
        if (s->fd < 0) s->fd = -2; /* owned now, still nothing more to read */
        DIAG(r, DYAD_DIAG_NOTE, name, 0, "UTF-16%s text converted to UTF-8", u16 == 2 ? "BE" : "LE");
    }
    int rc = check_text(r, name, s);
    if (rc) return rc;
    dyad_format f = choose_format(r, name, s->buf + s->start, s->end - s->start);
    switch (f) {
    case DYAD_FORMAT_JSONL:
        rc = json_spread(s->buf + s->start, s->end - s->start) ? read_json_values(r, name, s)
                                                               : read_json_lines(r, name, s);
        break;
    case DYAD_FORMAT_XML: rc = read_tagged(r, name, s); break;
    case DYAD_FORMAT_CSV:
    case DYAD_FORMAT_TSV: rc = read_csv(r, name, s, f); break;
    default: rc = read_text(r, name, s); break;
    }
    if (s->lone)
        DIAG(r, DYAD_DIAG_WARNING, name, 0, "%llu lone UTF-16 surrogate%s replaced by U+FFFD",
             (unsigned long long)s->lone, s->lone == 1 ? "" : "s");
    return rc;
}

static int process_fd(rd *r, const char *name, int fd) {
    window s = {fd, malloc(BLOCK_BYTES * 2), BLOCK_BYTES * 2, 0, 0, false, 0, {0}, 0, 0, 0};
    if (!s.buf) return DYAD_ENOMEM;
    int rc = DYAD_OK;
    /* The first block, to sniff; from a pipe or terminal (a live feed) only up to its
     * first whole line, so that records are read as they come, not when a block is full. */
    struct stat sb;
    bool live = fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode);
    while (!s.eof && s.end < BLOCK_BYTES && !(live && memchr(s.buf, '\n', s.end)))
        if (src_more(&s, BLOCK_BYTES * 2) < 0) {
            rc = DYAD_EIO;
            break;
        }
    if (rc) {
        DIAG(r, DYAD_DIAG_ERROR, name, 0, "cannot read: %s: skipped", strerror(s.err));
        skip(r);
    } else {
        rc = process(r, name, &s);
    }
    free(s.buf);
    return rc;
}

static int process_buffer(rd *r, const char *name, const char *d, size_t n) {
    window s = {-1, (char *)d, n, 0, n, true, 0, {0}, 0, 0, 0};
    int rc = process(r, name, &s);
    if (s.fd == -2) free(s.buf);
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
    r->hinted = false;
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
    rd r = {.opt = opt ? opt : &defaults, .format = opt ? opt->format : DYAD_FORMAT_AUTO,
            .fn = fn, .ud = ud, .skipped = skipped};
    int rc = parse_field_map(&r, path);
    if (rc == DYAD_OK) rc = walk(&r, path, 0);
    dyad_buf_free(&r.scratch);
    dyad_buf_free(&r.strs);
    return rc;
}

int dyad_read_buffer(const char *name, const char *data, size_t len, const dyad_read_options *opt,
                     dyad_record_fn fn, void *ud, uint64_t *skipped) {
    if (!fn || (!data && len)) return DYAD_EINVAL;
    dyad_read_options defaults = {0};
    rd r = {.opt = opt ? opt : &defaults, .format = opt ? opt->format : DYAD_FORMAT_AUTO,
            .fn = fn, .ud = ud, .skipped = skipped};
    int rc = parse_field_map(&r, name ? name : "-");
    if (rc == DYAD_OK) rc = process_buffer(&r, name ? name : "-", data ? data : "", len);
    dyad_buf_free(&r.scratch);
    dyad_buf_free(&r.strs);
    return rc;
}
