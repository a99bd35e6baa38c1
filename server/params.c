/* params.c: the API's query parameters to a query: each endpoint's names, their kinds and
 * ranges, and a 400's message naming the parameter at fault. Pure: no I/O. */
#include "params.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The parameters being read, and where a complaint goes. */
typedef struct in {
    const serve_param *p;
    size_t n;
    char *err;
    size_t cap;
} in;

static int bad(in *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(in *x, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->cap, fmt, ap);
    va_end(ap);
    return -1;
}

/* The value of parameter name, NULL when absent or empty. */
static const char *arg(const in *x, const char *name) {
    for (size_t i = 0; i < x->n; i++)
        if (x->p[i].name && !strcmp(x->p[i].name, name))
            return x->p[i].value && *x->p[i].value ? x->p[i].value : NULL;
    return NULL;
}

/* A value quoted in a message: at most 40 bytes of it, printable ASCII, others as '?'. */
static const char *quote(const char *v, char out[48]) {
    size_t i = 0;
    for (; v && v[i] && i < 40; i++) out[i] = isprint((unsigned char)v[i]) ? v[i] : '?';
    if (v && v[i]) out[i - 1] = out[i - 2] = out[i - 3] = '.';
    out[i] = '\0';
    return out;
}

static int get_date(in *x, const char *name, int32_t *out) {
    const char *v = arg(x, name);
    char q[48];
    *out = 0;
    if (!v) return 0;
    if (dyad_date_parse(v, strlen(v), out) != DYAD_OK)
        return bad(x, "%s: '%s' is not a date (YYYY-MM-DD)", name, quote(v, q));
    return 0;
}

static int get_uint(in *x, const char *name, uint64_t dflt, uint64_t lo, uint64_t hi,
                    uint64_t *out) {
    const char *v = arg(x, name);
    *out = dflt;
    if (!v) return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (!isdigit((unsigned char)*v) || errno || *end || n < lo || n > hi)
        return bad(x, "%s must be a whole number from %" PRIu64 " to %" PRIu64, name, lo, hi);
    *out = n;
    return 0;
}

static int get_flag(in *x, const char *name, int *out) {
    uint64_t v;
    if (get_uint(x, name, 0, 0, 1, &v)) return -1;
    *out = (int)v;
    return 0;
}

/* An actor code (prefix): letters, digits and '-', upper-cased into out. */
static int get_code(in *x, const char *name, const char *v, char out[DYAD_MAX_CODE_BYTES]) {
    char q[48];
    out[0] = '\0';
    if (!v) return 0;
    size_t n = strlen(v);
    if (n >= DYAD_MAX_CODE_BYTES) goto fail;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)v[i];
        if (!isalnum(ch) && ch != '-') goto fail;
        out[i] = (char)toupper(ch);
    }
    out[n] = '\0';
    return 0;
fail:
    out[0] = '\0';
    return bad(x, "%s: '%s' is not an actor code", name, quote(v, q));
}

/* A keyset cursor: "DATE:ID", the (date, id) of the last row of the previous page, as
 * the "next" field of a page gives it (DATE 0 for undated events). */
static int get_cursor(in *x, int32_t *date, int64_t *id) {
    const char *v = arg(x, "after");
    char q[48];
    *date = 0;
    *id = 0;
    if (!v) return 0;
    char *end;
    errno = 0;
    long long d = strtoll(v, &end, 10);
    if (!errno && *end == ':' && isdigit((unsigned char)*v) && d <= 99991231 &&
        isdigit((unsigned char)end[1])) {
        long long i = strtoll(end + 1, &end, 10);
        if (!errno && !*end && i > 0) {
            *date = (int32_t)d;
            *id = i;
            return 0;
        }
    }
    return bad(x, "after: '%s' is not a cursor (the \"next\" of a page)", quote(v, q));
}

/* Numbers separated by commas ("36.2,37.16"), n of them, into out. */
static int get_numbers(in *x, const char *name, int n, double *out, const char *want) {
    const char *v = arg(x, name), *p = v;
    char q[48];
    for (int i = 0; p && i < n; i++) {
        char *end;
        errno = 0;
        out[i] = strtod(p, &end);
        if (end == p || errno || out[i] != out[i] || (i + 1 < n ? *end != ',' : *end != '\0'))
            return bad(x, "%s: '%s' is not %s", name, quote(v, q), want);
        p = end + 1;
    }
    return 0;
}

/* The event filters: from, to, actor, source, target, dyad=A,B, code (036, a root 03,
 * quad:N) or root=N or quad=N, text (or q), country, near=LAT,LON with km=N,
 * bbox=W,S,E,N. */
static int get_filters(in *x, serve_params *o) {
    dyad_store_query *q = &o->q;
    char qt[48];
    if (get_date(x, "from", &q->from) || get_date(x, "to", &q->to) ||
        get_code(x, "actor", arg(x, "actor"), o->actor) ||
        get_code(x, "source", arg(x, "source"), o->source) ||
        get_code(x, "target", arg(x, "target"), o->target))
        return -1;
    const char *dy = arg(x, "dyad");
    if (dy) {
        const char *comma = strchr(dy, ',');
        char a[64];
        if (!comma || (size_t)(comma - dy) >= sizeof a) return bad(x, "dyad wants A,B");
        memcpy(a, dy, (size_t)(comma - dy));
        a[comma - dy] = '\0';
        if (get_code(x, "dyad", a, o->dyad_a) || get_code(x, "dyad", comma + 1, o->dyad_b))
            return -1;
        if (!o->dyad_a[0] || !o->dyad_b[0]) return bad(x, "dyad wants A,B");
        q->dyad_a = o->dyad_a;
        q->dyad_b = o->dyad_b;
    }
    q->actor = o->actor[0] ? o->actor : NULL;
    q->source = o->source[0] ? o->source : NULL;
    q->target = o->target[0] ? o->target : NULL;
    const char *code = arg(x, "code"), *root = arg(x, "root"), *quad = arg(x, "quad");
    if ((code != NULL) + (root != NULL) + (quad != NULL) > 1)
        return bad(x, "give one of code, root and quad");
    if (root) {
        if (!isdigit((unsigned char)root[0]) || (root[1] && !isdigit((unsigned char)root[1])) ||
            (root[1] && root[2]) || atoi(root) < 1 || atoi(root) > 20)
            return bad(x, "root: '%s' is not a CAMEO root (1 .. 20)", quote(root, qt));
        snprintf(o->code, sizeof o->code, "%02d", atoi(root));
        code = o->code;
    } else if (quad) {
        if (quad[0] < '1' || quad[0] > '4' || quad[1])
            return bad(x, "quad: '%s' is not a QuadClass (1 .. 4)", quote(quad, qt));
        snprintf(o->code, sizeof o->code, "quad:%c", quad[0]);
        code = o->code;
    }
    q->code = code;
    if (arg(x, "text") && arg(x, "q")) return bad(x, "give text or q, not both");
    q->text = arg(x, "text") ? arg(x, "text") : arg(x, "q");
    q->country = arg(x, "country");
    double v[4];
    if (arg(x, "near") || arg(x, "km")) {
        if (!arg(x, "near") || !arg(x, "km")) return bad(x, "near=LAT,LON and km=N go together");
        if (get_numbers(x, "near", 2, v, "a point LAT,LON (36.2,37.16)")) return -1;
        q->near_lat = v[0];
        q->near_lon = v[1];
        if (get_numbers(x, "km", 1, &q->near_km, "a distance in km")) return -1;
        if (!(q->near_km > 0)) return bad(x, "km must be above 0");
    }
    if (arg(x, "bbox")) {
        if (get_numbers(x, "bbox", 4, v, "a box W,S,E,N (35,32,42,37.5)")) return -1;
        q->bbox = 1;
        q->west = v[0], q->south = v[1], q->east = v[2], q->north = v[3];
    }
    return 0;
}

#define FILTERS "from", "to", "actor", "source", "target", "dyad", "code", "root", "quad", \
    "text", "q", "country", "near", "km", "bbox"

/* The names each endpoint takes, NULL-terminated. */
static const char *const *names_of(serve_endpoint ep) {
    static const char *const events[] = {FILTERS, "limit", "offset", "one_a_day", "after", NULL};
    static const char *const geo[] = {FILTERS, "level", "cell", NULL};
    static const char *const timeline[] = {FILTERS, "a", "b", "by", "both", "raw", NULL};
    static const char *const top[] = {FILTERS, "n", NULL};
    static const char *const story[] = {"id", NULL};
    static const char *const discards[] = {"story", "limit", "offset", NULL};
    static const char *const actors[] = {"q", "n", NULL};
    static const char *const code[] = {"date", NULL};
    static const char *const none[] = {NULL};
    switch (ep) {
    case SERVE_EP_EVENTS: return events;
    case SERVE_EP_GEO: return geo;
    case SERVE_EP_TIMELINE: return timeline;
    case SERVE_EP_TOP: return top;
    case SERVE_EP_STORY: return story;
    case SERVE_EP_DISCARDS: return discards;
    case SERVE_EP_ACTORS: return actors;
    case SERVE_EP_CODE: return code;
    case SERVE_EP_CODES: return none;
    }
    return none;
}

/* Every parameter known to the endpoint, given once, not too long. */
static int check_names(in *x, serve_endpoint ep) {
    char q[48];
    if (x->n > SERVE_MAX_PARAMS) return bad(x, "more than %u parameters", SERVE_MAX_PARAMS);
    const char *const *names = names_of(ep);
    for (size_t i = 0; i < x->n; i++) {
        const char *name = x->p[i].name ? x->p[i].name : "";
        size_t k = 0;
        while (names[k] && strcmp(names[k], name)) k++;
        if (!names[k]) {
            if (!names[0]) return bad(x, "unknown parameter '%s': this endpoint takes none", quote(name, q));
            char list[400];
            size_t len = 0;
            for (k = 0; names[k] && len < sizeof list; k++)
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", names[k]);
            return bad(x, "unknown parameter '%s' (this endpoint takes %s)", quote(name, q), list);
        }
        for (size_t j = 0; j < i; j++)
            if (x->p[j].name && !strcmp(x->p[j].name, name))
                return bad(x, "%s is given twice", name);
        if (x->p[i].value && strlen(x->p[i].value) > SERVE_MAX_PARAM_BYTES)
            return bad(x, "%s is longer than %u bytes", name, SERVE_MAX_PARAM_BYTES);
    }
    return 0;
}

int serve_params_parse(serve_endpoint ep, const serve_param *p, size_t n, serve_params *out,
                       char *err, size_t errcap) {
    char fallback[1];
    if (!err || !errcap) err = fallback, errcap = sizeof fallback;
    err[0] = '\0';
    memset(out, 0, sizeof *out);
    out->by = DYAD_STORE_BY_WEEK;
    out->level = DYAD_STORE_GEO_COUNTRY;
    out->level_name = "country";
    out->cell = 1;
    in x = {p, p ? n : 0, err, errcap};
    if (check_names(&x, ep)) return -1;
    switch (ep) {
    case SERVE_EP_EVENTS:
        if (get_filters(&x, out) ||
            get_uint(&x, "limit", SERVE_DEFAULT_PAGE, 1, SERVE_MAX_PAGE, &out->limit) ||
            get_uint(&x, "offset", 0, 0, INT64_MAX, &out->offset) ||
            get_flag(&x, "one_a_day", &out->one_a_day) ||
            get_cursor(&x, &out->q.after_date, &out->q.after_id))
            return -1;
        if (out->offset > SERVE_MAX_OFFSET)
            return bad(&x,
                       "offset %" PRIu64 " is past %u: a deep offset walks every row before it; "
                       "page with after=NEXT (the \"next\" cursor each page gives), which seeks "
                       "at any depth",
                       out->offset, SERVE_MAX_OFFSET);
        out->q.one_a_day = out->one_a_day;
        out->q.limit = out->limit;
        out->q.offset = out->offset;
        return 0;
    case SERVE_EP_GEO: {
        if (get_filters(&x, out)) return -1;
        const char *lv = arg(&x, "level");
        if (!lv || !strcmp(lv, "country")) out->level = DYAD_STORE_GEO_COUNTRY, out->level_name = "country";
        else if (!strcmp(lv, "adm1")) out->level = DYAD_STORE_GEO_ADM1, out->level_name = "adm1";
        else if (!strcmp(lv, "grid")) out->level = DYAD_STORE_GEO_GRID, out->level_name = "grid";
        else return bad(&x, "level must be country, adm1 or grid");
        if (arg(&x, "cell")) {
            if (out->level != DYAD_STORE_GEO_GRID) return bad(&x, "cell goes with level=grid");
            if (get_numbers(&x, "cell", 1, &out->cell, "a cell size in degrees")) return -1;
            if (!(out->cell >= 0.01 && out->cell <= 90))
                return bad(&x, "cell must be from 0.01 to 90 degrees");
        }
        return 0;
    }
    case SERVE_EP_TIMELINE: {
        if (get_filters(&x, out) || get_code(&x, "a", arg(&x, "a"), out->a) ||
            get_code(&x, "b", arg(&x, "b"), out->b) || get_flag(&x, "both", &out->both) ||
            get_flag(&x, "raw", &out->raw))
            return -1;
        if (out->q.dyad_a && (out->a[0] || out->b[0]))
            return bad(&x, "give the dyad as a and b, or as dyad=A,B, not both");
        const char *by = arg(&x, "by");
        if (!by || !strcmp(by, "week")) out->by = DYAD_STORE_BY_WEEK;
        else if (!strcmp(by, "day")) out->by = DYAD_STORE_BY_DAY;
        else if (!strcmp(by, "month")) out->by = DYAD_STORE_BY_MONTH;
        else return bad(&x, "by must be day, week or month");
        return 0;
    }
    case SERVE_EP_TOP:
        return get_filters(&x, out) ||
                       get_uint(&x, "n", SERVE_DEFAULT_TOP, 1, SERVE_MAX_TOP, &out->n)
                   ? -1
                   : 0;
    case SERVE_EP_STORY: out->story = arg(&x, "id"); return 0;
    case SERVE_EP_DISCARDS:
        out->story = arg(&x, "story");
        return get_uint(&x, "limit", SERVE_DEFAULT_PAGE, 1, SERVE_MAX_PAGE, &out->limit) ||
                       get_uint(&x, "offset", 0, 0, SERVE_MAX_OFFSET, &out->offset)
                   ? -1
                   : 0;
    case SERVE_EP_ACTORS:
        if (get_uint(&x, "n", 10, 1, SERVE_MAX_ACTORS, &out->n)) return -1;
        out->actors_q = arg(&x, "q");
        if (!out->actors_q) return bad(&x, "q (a code prefix or a name) is required");
        if (strlen(out->actors_q) > SERVE_MAX_ACTOR_QUERY)
            return bad(&x, "q is longer than %u bytes", SERVE_MAX_ACTOR_QUERY);
        if (get_code(&x, "q", out->actors_q, out->actors_code)) err[0] = '\0'; /* a name */
        return 0;
    case SERVE_EP_CODE: return get_date(&x, "date", &out->date);
    case SERVE_EP_CODES: return 0;
    }
    return bad(&x, "no such endpoint");
}
