/* store_gen.c: builds a store of synthetic events through the library and times the
 * store's queries on it (bench/store.sh drives it).
 *   store_gen build DB N_EVENTS     stories of 5 events each, 2015-2024, skewed actors;
 *                                   9 events in 10 placed (a city of the source's or the
 *                                   target's country, or the country)
 *   store_gen time DB               times timelines, queries and top lists
 *   store_gen page DB ACTOR DATE:ID a page of an actor's events (for callgrind)
 *   store_gen count DB ACTOR [FROM TO]  the count of an actor's events (for callgrind;
 *                                   FROM and TO yyyymmdd dates, 0 open)
 *   store_gen landing DB [0|1|2]    the dashboard's landing view's store calls (callgrind):
 *                                   all, or only the timeline, top dyads or top codes */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) { /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

/* Skewed actors: the first few are far more frequent, as in real news. */
static const char *const COUNTRY[] = {"USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK",
                                      "IRN", "ISR", "PSE", "SYR", "UKR", "IND", "PAK", "AFG", "IRQ",
                                      "TUR", "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "VEN", "COL",
                                      "CAN", "AUS", "IDN"};
static const char *const SECTOR[] = {"GOV", "MIL", "", "COP", "OPP", "REB", "BUS", "MED"};
static const char *const CODES[] = {"010", "020", "036", "040", "042", "043", "051", "057", "061",
                                    "071", "111", "112", "120", "130", "138", "173", "180", "190",
                                    "193", "195"};
static const int QUAD[] = {1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4};
static const double GOLD[] = {0, 3, 4, 1, 1.9, 2.8, 3.4, 5.2, 6.4, 7.4, -2, -2, -4, -4.4, -7, -5, -9, -10, -10, -10};

static void actor(char *out) {
    size_t n = sizeof COUNTRY / sizeof *COUNTRY;
    uint64_t r = next() % 1000;
    size_t c = r < 250 ? 0 : r < 400 ? 1 : r < 500 ? 2 : (size_t)(next() % n);
    snprintf(out, DYAD_MAX_CODE_BYTES, "%s%s", COUNTRY[c], SECTOR[next() % 8]);
}

/* A city of each country (the capital), looked up in the gazetteer once. */
static const char *const CAPITAL[] = {"Washington", "Beijing", "Moscow", "London", "Paris", "Berlin",
                                      "Tokyo", "Seoul", "Pyongyang", "Tehran", "Jerusalem", "Ramallah",
                                      "Damascus", "Kyiv", "New Delhi", "Islamabad", "Kabul", "Baghdad",
                                      "Ankara", "Riyadh", "Cairo", "Abuja", "Pretoria", "Brasilia",
                                      "Mexico City", "Caracas", "Bogota", "Ottawa", "Canberra", "Jakarta"};
static dyad_place city_of[30], country_of[30];

static void places_init(void) {
    for (size_t i = 0; i < 30; i++) {
        if (dyad_geo_country(COUNTRY[i], &country_of[i]) != DYAD_OK) {
            fprintf(stderr, "store_gen: no country %s in the gazetteer\n", COUNTRY[i]);
            exit(1);
        }
        if (dyad_geo_lookup(CAPITAL[i], COUNTRY[i], &city_of[i]) != DYAD_OK) city_of[i] = country_of[i];
        country_of[i].from = city_of[i].from = "sentence";
    }
}

/* The event's place: mostly a city of the source's country, else of the target's, else
 * the country; none for one event in ten. */
static void random_place(dyad_event *e) {
    uint64_t r = next() % 10;
    if (r == 9) return;
    const char *cc = r < 6 ? e->source : e->target;
    for (size_t i = 0; i < 30; i++)
        if (!strncmp(cc, COUNTRY[i], 3)) {
            e->place = r < 8 ? city_of[i] : country_of[i];
            e->place.text = e->place.name;
            e->location = e->place.name;
            e->location_country = e->place.country;
        }
}

static int32_t random_date(void) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2015 + (int)(next() % 10), m = 1 + (int)(next() % 12);
    int d = 1 + (int)(next() % (uint64_t)mdays[m - 1]);
    return y * 10000 + m * 100 + d;
}

static int build(const char *path, long n_events) {
    static const char *const WORDS[] = {"officials", "said", "talks", "minister", "border", "troops",
                                        "agreement", "sanctions", "meeting", "capital", "president",
                                        "statement", "forces", "government", "visit", "trade"};
    dyad_store *st = NULL;
    if (dyad_store_open(path, DYAD_STORE_CREATE, &st)) {
        fprintf(stderr, "store_gen: %s\n", dyad_store_errmsg(st));
        dyad_store_close(st);
        return 1;
    }
    enum { PER = 5 };
    places_init();
    long n_stories = (n_events + PER - 1) / PER;
    double t0 = now_s();
    dyad_store_begin(st);
    for (long i = 0; i < n_stories; i++) {
        char text[2048], id[32];
        size_t len = 0;
        dyad_sentence sent[PER];
        dyad_event ev[PER];
        snprintf(id, sizeof id, "bench-%ld", i);
        for (int k = 0; k < PER; k++) {
            uint32_t start = (uint32_t)len;
            len += (size_t)snprintf(text + len, sizeof text - len, "Story %ld sentence %d:", i, k);
            for (int w = 0; w < 12; w++)
                len += (size_t)snprintf(text + len, sizeof text - len, " %s%llu", WORDS[next() % 16],
                                        (unsigned long long)(next() % 500));
            len += (size_t)snprintf(text + len, sizeof text - len, ". ");
            sent[k] = (dyad_sentence){(uint32_t)k, start, (uint32_t)len - 1, text + start,
                                      len - 1 - start, 0, 0, DYAD_DATE_DAY};
        }
        int32_t date = random_date();
        for (int k = 0; k < PER; k++) {
            dyad_event *e = &ev[k];
            memset(e, 0, sizeof *e);
            e->story = id;
            e->sentence = (uint32_t)k;
            e->date = date;
            actor(e->source);
            do actor(e->target); while (!strncmp(e->source, e->target, 3));
            size_t c = (size_t)(next() % 20);
            snprintf(e->code, sizeof e->code, "%s", CODES[c]);
            e->root = atoi(CODES[c]) / 10;
            e->quad_class = QUAD[c];
            e->goldstein = GOLD[c];
            e->source_span = (dyad_span){sent[k].start, sent[k].start + 5};
            e->verb_span = (dyad_span){sent[k].start + 6, sent[k].start + 10};
            e->target_span = (dyad_span){sent[k].start + 11, sent[k].start + 19};
            random_place(e);
        }
        dyad_story s = {0};
        s.id = id;
        s.file = "bench";
        s.date = date;
        s.publisher = "Bench Wire";
        s.text = text;
        s.text_len = len;
        s.sentences = sent;
        s.n_sentences = PER;
        if (dyad_store_add(st, &s, ev, PER, "bench-1", NULL)) {
            fprintf(stderr, "store_gen: %s\n", dyad_store_errmsg(st));
            return 1;
        }
        if (i % 2000 == 1999) {
            dyad_store_commit(st);
            dyad_store_begin(st);
        }
    }
    dyad_store_commit(st);
    double el = now_s() - t0;
    printf("built %ld stories, %ld events in %.1f s (%.0f stories/s, %.0f events/s through "
           "dyad_store_add)\n",
           n_stories, n_stories * PER, el, (double)n_stories / el, (double)(n_stories * PER) / el);
    dyad_store_close(st);
    return 0;
}

static int count_tl(void *ud, const dyad_store_timeline_row *r) {
    (*(uint64_t *)ud) += r->events;
    return DYAD_OK;
}
static int count_row(void *ud, const dyad_store_row *r) {
    (void)r;
    (*(uint64_t *)ud)++;
    return DYAD_OK;
}
static int count_cell(void *ud, const dyad_store_geo_cell *c) {
    (void)c;
    (*(uint64_t *)ud)++;
    return DYAD_OK;
}
static int count_top(void *ud, const char *k, uint64_t n) {
    (void)k;
    (void)n;
    (*(uint64_t *)ud)++;
    return DYAD_OK;
}

#define REPS 5

static int timing(const char *path) {
    dyad_store *st = NULL;
    if (dyad_store_open(path, DYAD_STORE_READONLY, &st)) {
        fprintf(stderr, "store_gen: %s\n", dyad_store_errmsg(st));
        dyad_store_close(st);
        return 1;
    }
    dyad_store_info info;
    dyad_store_get_info(st, &info);
    printf("store: %llu stories, %llu events\n", (unsigned long long)info.stories,
           (unsigned long long)info.events);
    static const struct {
        const char *name, *a, *b;
        dyad_store_period by;
        int both, raw;
    } TL[] = {
        {"timeline USA CHN by month, one direction, one a day", "USA", "CHN", DYAD_STORE_BY_MONTH, 0, 0},
        {"timeline USA CHN by month, both directions, one a day", "USA", "CHN", DYAD_STORE_BY_MONTH, 1, 0},
        {"timeline USAGOV CHNGOV by month, both directions, raw", "USAGOV", "CHNGOV", DYAD_STORE_BY_MONTH, 1, 1},
        {"timeline RUS UKR by week, both directions", "RUS", "UKR", DYAD_STORE_BY_WEEK, 1, 0},
        {"timeline USA CHN by day, both directions", "USA", "CHN", DYAD_STORE_BY_DAY, 1, 0},
    };
    for (size_t i = 0; i < sizeof TL / sizeof *TL; i++) {
        double best = 1e9;
        uint64_t n = 0;
        for (int r = 0; r < REPS; r++) {
            n = 0;
            double t0 = now_s();
            dyad_store_timeline(st, TL[i].a, TL[i].b, TL[i].by, TL[i].both, TL[i].raw, NULL, count_tl, &n);
            double el = now_s() - t0;
            if (el < best) best = el;
        }
        printf("%-58s %8.1f ms  (%llu events)\n", TL[i].name, best * 1000, (unsigned long long)n);
    }
    dyad_store_query q[] = {
        {.actor = "IRN", .from = 20190101, .to = 20191231, .limit = 100},
        {.dyad_a = "USA", .dyad_b = "CHN", .code = "quad:4", .limit = 100},
        {.text = "sanctions17", .limit = 100},
        {.code = "190", .one_a_day = 1, .limit = 100, .offset = 1000},
        {.actor = "USA", .limit = 100},
        {.actor = "SYR", .limit = 100},
        {.actor = "ZWE", .limit = 100},
    };
    const char *qn[] = {"events --actor IRN --from/--to 2019 --limit 100",
                        "events --dyad USA,CHN --code quad:4 --limit 100",
                        "events --text \"sanctions17\" --limit 100",
                        "events --code 190 --one-a-day --limit 100 --offset 1000",
                        "events --actor USA --limit 100 (walks the dates)",
                        "events --actor SYR --limit 100 (walks the dates)",
                        "events --actor ZWE --limit 100 (no events: walk, then indexes)"};
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        double best = 1e9;
        uint64_t n = 0;
        for (int r = 0; r < REPS; r++) {
            n = 0;
            double t0 = now_s();
            dyad_store_query_events(st, &q[i], count_row, &n);
            double el = now_s() - t0;
            if (el < best) best = el;
        }
        printf("%-58s %8.1f ms  (%llu rows)\n", qn[i], best * 1000, (unsigned long long)n);
    }
    static const struct {
        const char *name;
        dyad_store_geo_level level;
        dyad_store_query q;
    } GEO[] = {
        {"geo by country, every event", DYAD_STORE_GEO_COUNTRY, {0}},
        {"geo by country, one year", DYAD_STORE_GEO_COUNTRY, {.from = 20190101, .to = 20191231}},
        {"geo by country, --actor IRN", DYAD_STORE_GEO_COUNTRY, {.actor = "IRN"}},
        {"geo by ADM1, every event", DYAD_STORE_GEO_ADM1, {0}},
        {"geo by 1-degree grid, every event", DYAD_STORE_GEO_GRID, {0}},
        {"events --near Damascus --km 100 --limit 100", (dyad_store_geo_level)-1,
         {.near_lat = 33.51, .near_lon = 36.29, .near_km = 100, .limit = 100}},
    };
    for (size_t i = 0; i < sizeof GEO / sizeof *GEO; i++) {
        double best = 1e9;
        uint64_t n = 0, total = 0, located = 0;
        for (int r = 0; r < REPS; r++) {
            n = 0;
            double t0 = now_s();
            if ((int)GEO[i].level < 0) dyad_store_query_events(st, &GEO[i].q, count_row, &n);
            else dyad_store_geo(st, GEO[i].level, 1, &GEO[i].q, &total, &located, count_cell, &n);
            double el = now_s() - t0;
            if (el < best) best = el;
        }
        printf("%-58s %8.1f ms  (%llu cells or rows, %llu of %llu events located)\n", GEO[i].name,
               best * 1000, (unsigned long long)n, (unsigned long long)located,
               (unsigned long long)total);
    }
    dyad_store_query year = {.from = 20190101, .to = 20191231};
    for (int k = 0; k < 3; k++) {
        double t0 = now_s();
        uint64_t n = 0;
        dyad_store_top(st, (dyad_store_top_kind)k, &year, 20, count_top, &n);
        printf("top %-6s -n 20 over one year %36.1f ms\n", k == 0 ? "actors" : k == 1 ? "dyads" : "codes",
               (now_s() - t0) * 1000);
    }
    dyad_store_close(st);
    return 0;
}

/* The last row of a page: the keyset cursor of the next. */
typedef struct last_row {
    uint64_t n;
    int32_t date;
    int64_t id;
} last_row;

static int keep_last(void *ud, const dyad_store_row *row) {
    last_row *l = ud;
    l->n++;
    l->date = row->event.date;
    l->id = row->id;
    return DYAD_OK;
}

/* store_gen page DB ACTOR DATE:ID: the page of 100 events of ACTOR after the keyset
 * cursor DATE:ID ("0:0": the first page), as /api/events?actor=ACTOR&after=DATE:ID reads
 * it; count its instructions with callgrind --toggle-collect=page_at. */
__attribute__((noinline)) int page_at(dyad_store *st, const dyad_store_query *q, last_row *out);
int page_at(dyad_store *st, const dyad_store_query *q, last_row *out) {
    return dyad_store_query_events(st, q, keep_last, out);
}

static int page(const char *path, const char *actor, const char *cursor) {
    dyad_store *st = NULL;
    if (dyad_store_open(path, DYAD_STORE_READONLY, &st)) {
        fprintf(stderr, "%s\n", dyad_store_errmsg(st));
        return 1;
    }
    long long d = 0, id = 0;
    if (sscanf(cursor, "%lld:%lld", &d, &id) != 2) return 2;
    dyad_store_query q = {.actor = actor, .limit = 100, .after_date = (int32_t)d, .after_id = id};
    last_row l = {0, 0, 0};
    double t0 = now_s();
    int rc = page_at(st, &q, &l);
    printf("events --actor %s, a page of 100 after %s: %llu rows, last %d:%lld, %.1f ms (rc %d)\n",
           actor, cursor, (unsigned long long)l.n, (int)l.date, (long long)l.id,
           (now_s() - t0) * 1000, rc);
    dyad_store_close(st);
    return rc != 0;
}

/* store_gen count DB ACTOR: the total of /api/events?actor=ACTOR (its first page counts
 * every match); count its instructions with callgrind --toggle-collect=count_at. */
__attribute__((noinline)) int count_at(dyad_store *st, const dyad_store_query *q, uint64_t *n);
int count_at(dyad_store *st, const dyad_store_query *q, uint64_t *n) {
    return dyad_store_count_events(st, q, n);
}

static int count(const char *path, const char *actor, int32_t from, int32_t to) {
    dyad_store *st = NULL;
    if (dyad_store_open(path, DYAD_STORE_READONLY, &st)) {
        fprintf(stderr, "%s\n", dyad_store_errmsg(st));
        return 1;
    }
    dyad_store_query q = {.actor = actor, .from = from, .to = to};
    uint64_t n = 0;
    double t0 = now_s();
    int rc = count_at(st, &q, &n);
    char range[64] = "";
    if (from || to) snprintf(range, sizeof range, " --from %d --to %d", (int)from, (int)to);
    printf("events --actor %s%s, counted: %llu, %.1f ms (rc %d)\n", actor, range, (unsigned long long)n,
           (now_s() - t0) * 1000, rc);
    dyad_store_close(st);
    return rc != 0;
}

/* store_gen landing DB: what the dashboard's landing view asks the store for (the week
 * timeline of every event, raw; the top 40 dyads; the top 10 codes), as /api/timeline?
 * by=week&raw=1, /api/top/dyads?n=40 and /api/top/codes?n=10 read them; count their
 * instructions with callgrind --toggle-collect=landing_at. */
__attribute__((noinline)) int landing_at(dyad_store *st, int what, uint64_t *n);
int landing_at(dyad_store *st, int what, uint64_t *n) {
    if (what == 0) return dyad_store_timeline(st, "", "", DYAD_STORE_BY_WEEK, 0, 1, NULL, count_tl, n);
    return dyad_store_top(st, what == 1 ? DYAD_STORE_TOP_DYADS : DYAD_STORE_TOP_CODES, NULL,
                          what == 1 ? 40 : 10, count_top, n);
}

static int landing(const char *path, int only) {
    dyad_store *st = NULL;
    if (dyad_store_open(path, DYAD_STORE_READONLY, &st)) {
        fprintf(stderr, "%s\n", dyad_store_errmsg(st));
        return 1;
    }
    static const char *const what[] = {"timeline by week, raw, every event", "top dyads -n 40",
                                       "top codes -n 10"};
    int rc = 0;
    for (int i = 0; i < 3 && !rc; i++) {
        if (only >= 0 && i != only) continue;
        uint64_t n = 0;
        double t0 = now_s();
        rc = landing_at(st, i, &n);
        printf("%s: %llu %s, %.1f ms (rc %d)\n", what[i], (unsigned long long)n,
               i ? "rows" : "events", (now_s() - t0) * 1000, rc);
    }
    dyad_store_close(st);
    return rc != 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && !strcmp(argv[1], "build")) return build(argv[2], atol(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "time")) return timing(argv[2]);
    if (argc == 5 && !strcmp(argv[1], "page")) return page(argv[2], argv[3], argv[4]);
    if (argc == 4 && !strcmp(argv[1], "count")) return count(argv[2], argv[3], 0, 0);
    if (argc == 6 && !strcmp(argv[1], "count"))
        return count(argv[2], argv[3], (int32_t)atoi(argv[4]), (int32_t)atoi(argv[5]));
    if ((argc == 3 || argc == 4) && !strcmp(argv[1], "landing"))
        return landing(argv[2], argc == 4 ? atoi(argv[3]) : -1);
    fprintf(stderr, "usage: store_gen build DB N_EVENTS | store_gen time DB | store_gen page DB ACTOR DATE:ID"
                    " | store_gen count DB ACTOR | store_gen landing DB [0|1|2]\n");
    return 2;
}
