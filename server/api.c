/* api.c: the JSON endpoints of `dyad serve`: request parameters in, store queries and
 * the coder, JSON out (written by hand; jansson only reads POST bodies). */
#include "serve.h"
#include "params.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <strings.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_CT "application/json; charset=utf-8"

/* One request, as the endpoints see it. */
typedef struct call {
    const serve_server *srv;
    struct MHD_Connection *c;
    serve_req *r;
    const char *method, *url;
    serve_worker *w;
    const char *cache_key; /* a cacheable GET: its 200 response is kept under this key */
    uint64_t cache_gen;    /* the cache's generation when the request began */
    char err[512];         /* a 400's message */
    serve_params P;        /* the request's parameters, read */
} call;

static enum MHD_Result ok(call *k, dyad_buf *b) {
    if (k->cache_key) serve_cache_put(k->srv->db_path, k->cache_gen, k->cache_key, b->data, b->len);
    return serve_send(k->srv, k->c, k->r, k->method, k->url, MHD_HTTP_OK, JSON_CT, b, "no-store",
                      NULL, NULL);
}
static enum MHD_Result fail(call *k, unsigned status, const char *msg) {
    return serve_error(k->srv, k->c, k->r, k->method, k->url, status, msg);
}
static enum MHD_Result fail_store(call *k, int rc, dyad_buf *b) {
    dyad_buf_free(b);
    /* a database error on PostgreSQL: the next request of this worker reconnects. (The
     * store reconnects and runs a read again itself where the connection was lost; this
     * is for a reconnection that failed too: the server not yet accepting connections.) */
    if (rc == DYAD_EDB && k->srv->db_is_url) k->w->reopen = 1;
    if (rc == DYAD_EINVAL || rc == DYAD_ELIMIT)
        return fail(k, MHD_HTTP_BAD_REQUEST, dyad_store_errmsg(k->w->st));
    if (rc == DYAD_ENOMEM) return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, dyad_store_errmsg(k->w->st));
}

static void put_str(dyad_buf *b, const char *s) {
    if (s) dyad_buf_json_string(b, s, strlen(s));
    else dyad_buf_puts(b, "null");
}
static void put_fmt(dyad_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put_fmt(dyad_buf *b, const char *fmt, ...) {
    char t[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t, sizeof t, fmt, ap);
    va_end(ap);
    if (n > 0) dyad_buf_append(b, t, (size_t)n < sizeof t ? (size_t)n : sizeof t - 1);
}
static void put_date(dyad_buf *b, int32_t date) {
    char d[11];
    if (date) put_str(b, dyad_date_format(date, d));
    else dyad_buf_puts(b, "null");
}

/* An event as `dyad code` writes it (dyad_event_write_jsonl), with extra fields (a JSON
 * fragment beginning with a comma, or NULL) spliced in before the closing brace. */
static int put_event(dyad_buf *b, const dyad_event *e, const char *extra) {
    size_t at = b->len;
    int rc = dyad_event_write_jsonl(b, e);
    if (rc) return rc;
    while (b->len > at && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\r')) b->len--;
    if (b->len > at && b->data[b->len - 1] == '}' && extra) {
        b->len--;
        dyad_buf_puts(b, extra);
        dyad_buf_append(b, "}", 1);
    }
    return DYAD_OK;
}

/* --- /api/events --------------------------------------------------------------------- */

/* A JSON array being written: its buffer and the number of elements written so far. */
typedef struct list_out {
    dyad_buf *b;
    size_t n;
} list_out;

typedef struct rows {
    dyad_buf *b;
    size_t n;
    int32_t last_date; /* the last row's keyset position */
    int64_t last_id;
} rows;

static int row_cb(void *ud, const dyad_store_row *row) {
    rows *o = ud;
    o->last_date = row->event.date;
    o->last_id = row->id;
    char extra[512];
    if (o->n++) dyad_buf_append(o->b, ",", 1);
    int n = snprintf(extra, sizeof extra,
                     ",\"id\":%" PRId64 ",\"mentions\":%" PRIu64 ",\"sources\":%" PRIu64
                     ",\"articles\":%" PRIu64 ",\"group\":%" PRId64,
                     row->id, row->mentions, row->sources, row->articles, row->group);
    dyad_buf x = {0};
    dyad_buf_append(&x, extra, (size_t)n);
    dyad_buf_puts(&x, ",\"publisher\":");
    put_str(&x, row->publisher);
    dyad_buf_puts(&x, ",\"url\":");
    put_str(&x, row->url);
    dyad_buf_append(&x, "", 1);
    int rc = x.data ? put_event(o->b, &row->event, x.data) : DYAD_ENOMEM;
    dyad_buf_free(&x);
    return rc;
}

static enum MHD_Result api_events(call *k) {
    dyad_store_query q = k->P.q;
    uint64_t limit = k->P.limit, offset = k->P.offset;
    /* A page after a cursor skips the count: the first page said the total. */
    uint64_t total = 0;
    int rc = q.after_id ? DYAD_OK : dyad_store_count_events(k->w->st, &q, &total);
    if (rc) {
        dyad_buf none = {0};
        return fail_store(k, rc, &none);
    }
    dyad_buf b = {0};
    if (q.after_id) put_fmt(&b, "{\"total\":null,\"offset\":null");
    else put_fmt(&b, "{\"total\":%" PRIu64 ",\"offset\":%" PRIu64, total, offset);
    put_fmt(&b, ",\"limit\":%" PRIu64 ",\"events\":[", limit);
    rows o = {&b, 0, 0, 0};
    if (q.after_id || offset < total) {
        rc = dyad_store_query_events(k->w->st, &q, row_cb, &o);
        if (rc) return fail_store(k, rc, &b);
    }
    dyad_buf_puts(&b, "],\"next\":");
    if (o.n == limit) put_fmt(&b, "\"%" PRId32 ":%" PRId64 "\"", o.last_date, o.last_id);
    else dyad_buf_puts(&b, "null");
    dyad_buf_puts(&b, "}\n");
    return ok(k, &b);
}

/* --- /api/geo ------------------------------------------------------------------------ */

static int geo_cb(void *ud, const dyad_store_geo_cell *c) {
    list_out *o = ud;
    dyad_buf *b = o->b;
    if (o->n++) dyad_buf_append(b, ",", 1);
    dyad_buf_puts(b, "{\"key\":");
    put_str(b, c->key);
    dyad_buf_puts(b, ",\"country\":");
    put_str(b, c->country);
    dyad_buf_puts(b, ",\"name\":");
    put_str(b, c->name);
    put_fmt(b, ",\"lat\":%.5f,\"lon\":%.5f,\"count\":%" PRIu64 ",\"goldstein\":%.3f}", c->lat,
            c->lon, c->count, c->goldstein);
    return DYAD_OK;
}

static enum MHD_Result api_geo(call *k) {
    dyad_store_query q = k->P.q;
    dyad_store_geo_level level = k->P.level;
    const char *lv = k->P.level_name;
    double cell = k->P.cell;
    dyad_buf cells = {0};
    list_out o = {&cells, 0};
    uint64_t total = 0, located = 0;
    int rc = dyad_store_geo(k->w->st, level, cell, &q, &total, &located, geo_cb, &o);
    if (rc) return fail_store(k, rc, &cells);
    dyad_buf b = {0};
    put_fmt(&b, "{\"level\":\"%s\"", lv);
    if (level == DYAD_STORE_GEO_GRID) put_fmt(&b, ",\"cell\":%g", cell);
    dyad_buf_puts(&b, ",\"from\":");
    put_date(&b, q.from);
    dyad_buf_puts(&b, ",\"to\":");
    put_date(&b, q.to);
    put_fmt(&b, ",\"total\":%" PRIu64 ",\"located\":%" PRIu64 ",\"cells\":[", total, located);
    if (cells.len) dyad_buf_append(&b, cells.data, cells.len);
    dyad_buf_free(&cells);
    dyad_buf_puts(&b, "]}\n");
    return ok(k, &b);
}

/* --- /api/timeline ------------------------------------------------------------------- */

static int tl_cb(void *ud, const dyad_store_timeline_row *t) {
    list_out *o = ud;
    dyad_buf *b = o->b;
    if (o->n++) dyad_buf_append(b, ",", 1);
    dyad_buf_puts(b, "{\"period\":");
    put_date(b, t->period);
    put_fmt(b, ",\"quad\":[%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "],\"events\":%" PRIu64,
            t->quad[1], t->quad[2], t->quad[3], t->quad[4], t->events);
    put_fmt(b, ",\"goldstein_mean\":%.3f,\"stories\":%" PRIu64 ",\"total_stories\":%" PRIu64 "}",
            t->goldstein_mean, t->stories, t->total_stories);
    return DYAD_OK;
}

static enum MHD_Result api_timeline(call *k) {
    const char *a = k->P.a, *bb = k->P.b;
    dyad_store_query q = k->P.q;
    uint64_t both = (uint64_t)k->P.both, raw = (uint64_t)k->P.raw;
    dyad_store_period p = k->P.by;
    dyad_buf b = {0};
    dyad_buf_puts(&b, "{\"a\":");
    put_str(&b, a[0] ? a : NULL);
    dyad_buf_puts(&b, ",\"b\":");
    put_str(&b, bb[0] ? bb : NULL);
    put_fmt(&b, ",\"by\":\"%s\",\"both\":%s,\"periods\":[",
            p == DYAD_STORE_BY_DAY ? "day" : p == DYAD_STORE_BY_WEEK ? "week" : "month",
            both ? "true" : "false");
    list_out o = {&b, 0};
    int rc = dyad_store_timeline(k->w->st, a, bb, p, (int)both, (int)raw, &q, tl_cb, &o);
    if (rc) return fail_store(k, rc, &b);
    dyad_buf_puts(&b, "]}\n");
    return ok(k, &b);
}

/* --- /api/top/... -------------------------------------------------------------------- */

typedef struct top_out {
    dyad_buf *b;
    size_t n;
    dyad_store_top_kind kind;
    const dyad_dict *dict;
} top_out;

static int top_cb(void *ud, const char *key, uint64_t count) {
    top_out *o = ud;
    dyad_buf *b = o->b;
    if (o->n++) dyad_buf_append(b, ",", 1);
    dyad_buf_puts(b, "{\"key\":");
    put_str(b, key);
    if (o->kind == DYAD_STORE_TOP_DYADS) {
        const char *comma = strchr(key, ',');
        if (comma) {
            dyad_buf_puts(b, ",\"source\":");
            dyad_buf_json_string(b, key, (size_t)(comma - key));
            dyad_buf_puts(b, ",\"target\":");
            put_str(b, comma + 1);
        }
    } else if (o->kind == DYAD_STORE_TOP_CODES) {
        const dyad_cameo *cm = dyad_cameo_find(o->dict, key);
        dyad_buf_puts(b, ",\"name\":");
        put_str(b, cm ? cm->name : NULL);
        if (cm) put_fmt(b, ",\"quad_class\":%d,\"goldstein\":%.1f", cm->quad_class, cm->goldstein);
    }
    put_fmt(b, ",\"count\":%" PRIu64 "}", count);
    return DYAD_OK;
}

static enum MHD_Result api_top(call *k, const char *what) {
    dyad_store_top_kind kind;
    if (!strcmp(what, "actors")) kind = DYAD_STORE_TOP_ACTORS;
    else if (!strcmp(what, "dyads")) kind = DYAD_STORE_TOP_DYADS;
    else if (!strcmp(what, "codes")) kind = DYAD_STORE_TOP_CODES;
    else return fail(k, MHD_HTTP_NOT_FOUND, "no such endpoint: try /api/top/actors, dyads or codes");
    dyad_store_query q = k->P.q;
    uint64_t n = k->P.n;
    dyad_buf b = {0};
    put_fmt(&b, "{\"kind\":\"%s\",\"items\":[", what);
    top_out o = {&b, 0, kind, k->srv->dict};
    int rc = dyad_store_top(k->w->st, kind, &q, (size_t)n, top_cb, &o);
    if (rc) return fail_store(k, rc, &b);
    dyad_buf_puts(&b, "]}\n");
    return ok(k, &b);
}

/* --- stories: stored (/api/story/ID) and posted (/api/code) -------------------------- */

/* The story's fields, text and sentence spans, then its events. */
static int put_story(dyad_buf *b, const dyad_story *s, const dyad_event *ev, size_t n) {
    dyad_buf_puts(b, "{\"id\":");
    put_str(b, s->id);
    dyad_buf_puts(b, ",\"date\":");
    put_date(b, s->date);
    dyad_buf_puts(b, ",\"date_source\":"); /* null for a stored story: the store keeps no source */
    put_str(b, s->date ? s->date_source : NULL);
    dyad_buf_puts(b, ",\"headline\":");
    put_str(b, s->headline);
    dyad_buf_puts(b, ",\"dateline\":{\"place\":");
    put_str(b, s->dateline_place);
    dyad_buf_puts(b, ",\"agency\":");
    put_str(b, s->dateline_agency);
    dyad_buf_puts(b, "},\"url\":");
    put_str(b, s->url);
    dyad_buf_puts(b, ",\"publisher\":");
    put_str(b, s->publisher);
    dyad_buf_puts(b, ",\"text\":");
    dyad_buf_json_string(b, s->text ? s->text : "", s->text ? s->text_len : 0);
    dyad_buf_puts(b, ",\"sentences\":[");
    for (size_t i = 0; i < s->n_sentences; i++) {
        const dyad_sentence *sn = &s->sentences[i];
        put_fmt(b, "%s{\"index\":%u,\"start\":%u,\"end\":%u,\"flags\":%u}", i ? "," : "",
                sn->index, sn->start, sn->end, sn->flags);
    }
    dyad_buf_puts(b, "],\"events\":[");
    for (size_t i = 0; i < n; i++) {
        if (i) dyad_buf_append(b, ",", 1);
        int rc = put_event(b, &ev[i], NULL);
        if (rc) return rc;
    }
    dyad_buf_puts(b, "]");
    return DYAD_OK;
}

static int discard_cb(void *ud, const dyad_store_discard *d) {
    list_out *o = ud;
    if (o->n++) dyad_buf_append(o->b, ",", 1);
    return dyad_store_discard_write_json(o->b, d);
}

static int discard_count_cb(void *ud, const char *reason, uint64_t n) {
    list_out *o = ud;
    if (o->n++) dyad_buf_append(o->b, ",", 1);
    put_str(o->b, reason);
    put_fmt(o->b, ":%" PRIu64, n);
    return DYAD_OK;
}

static enum MHD_Result api_story(call *k, const char *id) {
    if (!id || !*id) return fail(k, MHD_HTTP_BAD_REQUEST, "which story? /api/story/ID");
    dyad_store_story *s = NULL;
    int rc = dyad_store_story_fetch(k->w->st, id, &s);
    if (rc == DYAD_ENOTFOUND) {
        uint64_t n = 0;
        if (dyad_store_discard_counts(k->w->st, id, NULL, NULL, &n) == DYAD_OK && n)
            return fail(k, MHD_HTTP_NOT_FOUND,
                        "no such story stored: it was read but not coded (its discards: "
                        "/api/discards?story=ID)");
        return fail(k, MHD_HTTP_NOT_FOUND, "no such story");
    }
    dyad_buf b = {0};
    if (rc) return fail_store(k, rc, &b);
    rc = put_story(&b, &s->story, s->events, s->n_events);
    dyad_buf_puts(&b, ",\"dict_version\":");
    put_str(&b, s->dict_version);
    put_fmt(&b, ",\"group\":%" PRId64 ",\"group_size\":%" PRIu64 ",\"discards\":[", s->group,
            s->group_size);
    list_out o = {&b, 0};
    if (!rc) rc = dyad_store_discards(k->w->st, s->story.id, 0, 0, discard_cb, &o);
    dyad_buf_puts(&b, "]}\n");
    dyad_store_story_free(s);
    if (rc) {
        dyad_buf_free(&b);
        if (rc == DYAD_EDB && k->srv->db_is_url) k->w->reopen = 1; /* as fail_store */
        return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, dyad_strerror(rc));
    }
    return ok(k, &b);
}

/* --- /api/discards: what was read but not coded, with its reason -------------------- */

static enum MHD_Result api_discards(call *k) {
    uint64_t limit = k->P.limit, offset = k->P.offset;
    const char *story = k->P.story;
    dyad_buf b = {0};
    dyad_buf_puts(&b, "{\"story\":");
    put_str(&b, story);
    dyad_buf_puts(&b, ",\"counts\":{");
    list_out o = {&b, 0};
    uint64_t total = 0;
    int rc = dyad_store_discard_counts(k->w->st, story, discard_count_cb, &o, &total);
    if (rc) return fail_store(k, rc, &b);
    put_fmt(&b, "},\"total\":%" PRIu64 ",\"offset\":%" PRIu64 ",\"limit\":%" PRIu64
            ",\"discards\":[", total, offset, limit);
    o.n = 0;
    rc = dyad_store_discards(k->w->st, story, limit, offset, discard_cb, &o);
    if (rc) return fail_store(k, rc, &b);
    dyad_buf_puts(&b, "]}\n");
    return ok(k, &b);
}

/* Collects the story parser's complaints for a 400. */
static void diag_cb(void *ud, const dyad_diag *d) {
    call *k = ud;
    if (d->severity == DYAD_DIAG_ERROR && !k->err[0])
        snprintf(k->err, sizeof k->err, "%s", d->message);
}

/* The body types POST /api/code takes. */
enum { BODY_OTHER, BODY_JSON, BODY_TEXT };

/* Reads a Content-Type: exactly "application/json" or "text/plain" (any case), then
 * parameters of which only charset counts and must be UTF-8 (or its subset US-ASCII).
 * Anything else, or no header, is BODY_OTHER. */
static int body_type(const char *ct) {
    if (!ct) return BODY_OTHER;
    while (*ct == ' ' || *ct == '\t') ct++;
    size_t n = strcspn(ct, "; \t");
    int t = n == 16 && !strncasecmp(ct, "application/json", 16) ? BODY_JSON
            : n == 10 && !strncasecmp(ct, "text/plain", 10)     ? BODY_TEXT
                                                               : BODY_OTHER;
    const char *p = ct + n;
    while (t != BODY_OTHER && *p) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        if (*p++ != ';') return BODY_OTHER;
        while (*p == ' ' || *p == '\t') p++;
        size_t m = strcspn(p, ";");
        if (m >= 8 && !strncasecmp(p, "charset=", 8)) {
            const char *v = p + 8;
            size_t vl = m - 8;
            while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t')) vl--;
            if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') v++, vl -= 2;
            if (!(vl == 5 && !strncasecmp(v, "utf-8", 5)) && !(vl == 4 && !strncasecmp(v, "utf8", 4)) &&
                !(vl == 8 && !strncasecmp(v, "us-ascii", 8)))
                return BODY_OTHER;
        } else if (!m || !memchr(p, '=', m)) {
            return BODY_OTHER; /* a parameter is name=value */
        }
        p += m;
    }
    return t;
}

static enum MHD_Result api_code(call *k) {
    const char *ct = MHD_lookup_connection_value(k->c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    int type = body_type(ct);
    if (type == BODY_OTHER)
        return fail(k, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                    ct ? "send Content-Type: application/json {\"text\": ...} or text/plain (UTF-8)"
                       : "no Content-Type: send application/json {\"text\": ...} or text/plain");
    dyad_buf *body = &k->r->body;
    const char *text = body->data ? body->data : "";
    size_t text_len = body->len;
    int32_t date = 0;
    const char *headline = NULL, *id = "posted";
    json_t *root = NULL;
    if (type == BODY_JSON) {
        json_error_t je;
        root = json_loadb(body->data ? body->data : "", body->len, JSON_REJECT_DUPLICATES, &je);
        if (!root || !json_is_object(root)) {
            json_decref(root);
            snprintf(k->err, sizeof k->err, "the body is not a JSON object: %s", root ? "" : je.text);
            return fail(k, MHD_HTTP_BAD_REQUEST, k->err);
        }
        json_t *jt = json_object_get(root, "text"), *jd = json_object_get(root, "date"),
               *jh = json_object_get(root, "headline"), *ji = json_object_get(root, "id");
        if (!json_is_string(jt) || (jd && !json_is_string(jd) && !json_is_null(jd)) ||
            (jh && !json_is_string(jh) && !json_is_null(jh)) ||
            (ji && !json_is_string(ji) && !json_is_null(ji))) {
            json_decref(root);
            return fail(k, MHD_HTTP_BAD_REQUEST,
                        "want {\"text\": string, \"date\"?: \"YYYY-MM-DD\", \"headline\"?: string}");
        }
        text = json_string_value(jt);
        text_len = json_string_length(jt);
        if (json_is_string(jd) && json_string_length(jd) &&
            dyad_date_parse(json_string_value(jd), json_string_length(jd), &date) != DYAD_OK) {
            json_decref(root);
            return fail(k, MHD_HTTP_BAD_REQUEST, "date: not a date (YYYY-MM-DD)");
        }
        if (json_is_string(jh) && json_string_length(jh)) headline = json_string_value(jh);
        if (json_is_string(ji) && json_string_length(ji)) id = json_string_value(ji);
    } else {
        date = k->P.date;
    }
    if (memchr(text, '\0', text_len)) {
        json_decref(root);
        return fail(k, MHD_HTTP_BAD_REQUEST, "the text holds a NUL byte");
    }
    dyad_record rec;
    memset(&rec, 0, sizeof rec);
    rec.file = "request";
    rec.id = id;
    rec.date = date;
    rec.headline = headline;
    rec.text = text;
    rec.text_len = text_len;
    rec.format = DYAD_FORMAT_TEXT;
    dyad_story *s = NULL;
    int rc = dyad_story_parse(&rec, diag_cb, k, &s);
    if (rc) {
        json_decref(root);
        if (rc == DYAD_EEMPTY) return fail(k, MHD_HTTP_BAD_REQUEST, "the story holds no text");
        if (rc == DYAD_ELIMIT) return fail(k, MHD_HTTP_CONTENT_TOO_LARGE, "the story is too long");
        if (rc == DYAD_EENCODING || rc == DYAD_EBINARY || rc == DYAD_EFORMAT)
            return fail(k, MHD_HTTP_BAD_REQUEST, k->err[0] ? k->err : dyad_strerror(rc));
        return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, dyad_strerror(rc));
    }
    const dyad_event *ev = NULL;
    size_t n = 0;
    rc = dyad_coder_run(k->w->coder, s, &ev, &n);
    dyad_buf b = {0};
    if (!rc) rc = put_story(&b, s, ev, n);
    if (!rc) {
        const char *why = dyad_coder_discard_reason(k->w->coder);
        dyad_buf_puts(&b, ",\"discarded\":");
        put_str(&b, why);
        dyad_buf_puts(&b, ",\"dict_version\":");
        put_str(&b, dyad_dict_version(k->srv->dict));
        dyad_buf_puts(&b, "}\n");
    }
    dyad_story_free(s);
    json_decref(root);
    if (rc) {
        dyad_buf_free(&b);
        return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, dyad_strerror(rc));
    }
    if (b.len > SERVE_MAX_RESPONSE_BYTES) {
        snprintf(k->err, sizeof k->err,
                 "the story's coding would take %zu bytes of JSON, more than the %u a response "
                 "may hold: send a shorter story",
                 b.len, SERVE_MAX_RESPONSE_BYTES);
        dyad_buf_free(&b);
        return fail(k, MHD_HTTP_CONTENT_TOO_LARGE, k->err);
    }
    return ok(k, &b);
}

/* --- /api/actors, /api/codes, /healthz ----------------------------------------------- */

static int code_cb(void *ud, const char *code, uint64_t events) {
    list_out *o = ud;
    dyad_buf_puts(o->b, o->n++ ? ",{\"code\":" : "{\"code\":");
    put_str(o->b, code);
    put_fmt(o->b, ",\"events\":%" PRIu64 "}", events);
    return DYAD_OK;
}

static enum MHD_Result api_actors(call *k) {
    const char *q = k->P.actors_q;
    dyad_buf b = {0};
    dyad_buf_puts(&b, "{\"q\":");
    put_str(&b, q);
    dyad_buf_puts(&b, ",\"codes\":[");
    list_out o = {&b, 0};
    if (k->P.actors_code[0]) {
        int rc = dyad_store_actor_codes(k->w->st, k->P.actors_code, (size_t)k->P.n, code_cb, &o);
        if (rc) return fail_store(k, rc, &b);
    }
    dyad_buf_puts(&b, "],\"dictionary\":");
    dyad_actor_match m;
    if (dyad_dict_lookup(k->srv->dict, q, 0, &m) == DYAD_OK) {
        dyad_buf_puts(&b, "{\"code\":");
        put_str(&b, m.code);
        dyad_buf_puts(&b, ",\"entry\":");
        put_str(&b, m.entry);
        dyad_buf_puts(&b, "}");
    } else {
        dyad_buf_puts(&b, "null");
    }
    dyad_buf_puts(&b, "}\n");
    return ok(k, &b);
}

int serve_codes_json(const dyad_dict *d, dyad_buf *b) {
    size_t n = 0;
    const dyad_cameo *t = dyad_cameo_table(d, &n);
    dyad_buf_puts(b, "{\"codes\":[");
    for (size_t i = 0; i < n; i++) {
        dyad_buf_puts(b, i ? ",{\"code\":" : "{\"code\":");
        put_str(b, t[i].code);
        dyad_buf_puts(b, ",\"name\":");
        put_str(b, t[i].name);
        put_fmt(b, ",\"goldstein\":%.1f,\"quad_class\":%d,\"root\":%d}", t[i].goldstein,
                t[i].quad_class, t[i].root);
    }
    return dyad_buf_puts(b, "]}\n");
}

static enum MHD_Result api_codes(call *k) {
    dyad_buf b = {0};
    if (dyad_buf_append(&b, k->srv->codes_json.data, k->srv->codes_json.len))
        return fail(k, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return serve_send(k->srv, k->c, k->r, k->method, k->url, MHD_HTTP_OK, JSON_CT, &b,
                      "public, max-age=300", NULL, NULL);
}

static enum MHD_Result api_health(call *k) {
    dyad_buf b = {0};
    put_fmt(&b, "{\"status\":\"ok\",\"version\":\"%s\"}\n", DYAD_VERSION);
    return ok(k, &b);
}

enum { E_EVENTS, E_GEO, E_TIMELINE, E_TOP, E_STORY, E_DISCARDS, E_CODES, E_ACTORS, E_CODE,
       E_HEALTH };
static void key_part(dyad_buf *b, const char *s);
static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                               const char *value);
static enum MHD_Result route(call *k, int which, const char *rest);

/* A request's query parameters, as params.c reads them (one past the limit is kept, so
 * that it can say the limit was passed). */
typedef struct params_in {
    serve_param p[SERVE_MAX_PARAMS + 1];
    size_t n;
} params_in;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                                   const char *value) {
    (void)kind;
    params_in *in = cls;
    if (in->n <= SERVE_MAX_PARAMS) in->p[in->n] = (serve_param){name, value};
    in->n++;
    return MHD_YES;
}

enum MHD_Result serve_api(const serve_server *srv, struct MHD_Connection *c, serve_req *r,
                          const char *method, const char *url) {
    call k;
    memset(&k, 0, sizeof k);
    k.srv = srv;
    k.c = c;
    k.r = r;
    k.method = method;
    k.url = url;
    int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    int is_code = !strcmp(url, "/api/code");
    int which;
    const char *rest = NULL;
    if (!strcmp(url, "/api/events")) which = E_EVENTS;
    else if (!strcmp(url, "/api/geo")) which = E_GEO;
    else if (!strcmp(url, "/api/timeline")) which = E_TIMELINE;
    else if (!strncmp(url, "/api/top/", 9)) which = E_TOP, rest = url + 9;
    else if (!strncmp(url, "/api/story/", 11)) which = E_STORY, rest = url + 11;
    else if (!strcmp(url, "/api/story")) which = E_STORY;
    else if (!strcmp(url, "/api/discards")) which = E_DISCARDS;
    else if (!strcmp(url, "/api/codes")) which = E_CODES;
    else if (!strcmp(url, "/api/actors")) which = E_ACTORS;
    else if (is_code) which = E_CODE;
    else if (!strcmp(url, "/healthz")) which = E_HEALTH;
    else return fail(&k, MHD_HTTP_NOT_FOUND, "no such endpoint");
    if (is_code ? strcmp(method, "POST") != 0 : !get)
        return fail(&k, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
    if (which == E_HEALTH) return api_health(&k);
    /* The parameters, read by params.c: a 400 names the one at fault. */
    params_in pin = {{{0}}, 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &pin);
    static const serve_endpoint EP[] = {
        [E_EVENTS] = SERVE_EP_EVENTS, [E_GEO] = SERVE_EP_GEO, [E_TIMELINE] = SERVE_EP_TIMELINE,
        [E_TOP] = SERVE_EP_TOP, [E_STORY] = SERVE_EP_STORY, [E_DISCARDS] = SERVE_EP_DISCARDS,
        [E_CODES] = SERVE_EP_CODES, [E_ACTORS] = SERVE_EP_ACTORS, [E_CODE] = SERVE_EP_CODE};
    if (serve_params_parse(EP[which], pin.p, pin.n <= SERVE_MAX_PARAMS ? pin.n : SERVE_MAX_PARAMS + 1,
                           &k.P, k.err, sizeof k.err))
        return fail(&k, MHD_HTTP_BAD_REQUEST, k.err);
    if (which == E_CODES) return api_codes(&k);
    dyad_buf key = {0};
    if (!srv->no_cache && which != E_CODE) {
        key_part(&key, url);
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_arg, &key);
        k.cache_gen = serve_cache_check(srv->db_path);
        dyad_buf hit = {0};
        if (key.data && serve_cache_get(key.data, &hit)) {
            dyad_buf_free(&key);
            return serve_send(srv, c, r, method, url, MHD_HTTP_OK, JSON_CT, &hit, "no-store", NULL,
                              NULL);
        }
        k.cache_key = key.data;
    }
    enum MHD_Result rc = route(&k, which, rest);
    dyad_buf_free(&key);
    return rc;
}

/* Appends s to a cache key as "<length>:<bytes>": the path and each argument's name
 * and value so prefixed, no two requests make the same key whatever bytes their values
 * hold. An argument without a value ("?x") is "-" where the value would be. */
static void key_part(dyad_buf *b, const char *s) {
    put_fmt(b, "%zu:", strlen(s));
    dyad_buf_puts(b, s);
}

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                               const char *value) {
    (void)kind;
    dyad_buf *b = cls;
    key_part(b, name);
    if (value) key_part(b, value);
    else dyad_buf_append(b, "-", 1);
    return MHD_YES;
}

static enum MHD_Result route(call *k, int which, const char *rest) {
    const char *why = NULL;
    k->w = serve_worker_get(k->srv, &why);
    if (!k->w) return fail(k, MHD_HTTP_SERVICE_UNAVAILABLE, why);
    switch (which) {
    case E_EVENTS: return api_events(k);
    case E_GEO: return api_geo(k);
    case E_TIMELINE: return api_timeline(k);
    case E_TOP: return api_top(k, rest);
    case E_STORY: return api_story(k, rest ? rest : k->P.story);
    case E_DISCARDS: return api_discards(k);
    case E_ACTORS: return api_actors(k);
    case E_CODE: return api_code(k);
    default: return fail(k, MHD_HTTP_NOT_FOUND, "no such endpoint");
    }
}
