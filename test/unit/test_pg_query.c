/* test_pg_query.c: the library's queries of a PostgreSQL store against the SQLite store of
 * the same input, for what no command asks yet: timelines with place filters, and the
 * totals of dyad_store_count_events (what /api/events's first page says). Run by
 * test/cli/pg.sh, which starts a server and sets DYAD_TEST_PG_URL and DYAD_TEST_SQLITE;
 * skips, saying so, without them (make test on its own). */
#include "testutil.h"

#include <stdio.h>

typedef struct text {
    char s[1 << 16];
    size_t n;
} text;

static int row_text(void *ud, const dyad_store_timeline_row *r) {
    text *t = ud;
    if (t->n < sizeof t->s - 256)
        t->n += (size_t)snprintf(t->s + t->n, sizeof t->s - t->n, "%d %llu %llu/%llu/%llu/%llu %a %llu %llu\n",
                                 r->period, (unsigned long long)r->events,
                                 (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
                                 (unsigned long long)r->quad[3], (unsigned long long)r->quad[4],
                                 r->goldstein_sum, (unsigned long long)r->stories,
                                 (unsigned long long)r->total_stories);
    return DYAD_OK;
}

static void timeline(dyad_store *st, const char *a, const char *b, const dyad_store_query *q, text *t) {
    memset(t, 0, sizeof *t);
    int rc = dyad_store_timeline(st, a, b, DYAD_STORE_BY_MONTH, 1, 0, q, row_text, t);
    if (rc) fprintf(stderr, "timeline: %s\n", dyad_store_errmsg(st));
    assert_int_equal(rc, DYAD_OK);
}

typedef struct places {
    char cc[16][4];
    int n;
} places;

static int place_of(void *ud, const dyad_store_row *r) {
    places *p = ud;
    const char *c = r->event.location_country;
    if (!c || strlen(c) != 3 || p->n == 16) return DYAD_OK;
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->cc[i], c)) return DYAD_OK;
    memcpy(p->cc[p->n++], c, 4);
    return DYAD_OK;
}

/* A timeline of whole months with a place filter is the events', not dyad_agg's (which
 * knows no places): PostgreSQL answers as SQLite. */
static void test_timeline_with_place_filters(void **state) {
    (void)state;
    const char *url = getenv("DYAD_TEST_PG_URL"), *file = getenv("DYAD_TEST_SQLITE");
    if (!url || !file) {
        fprintf(stderr, "# DYAD_TEST_PG_URL and DYAD_TEST_SQLITE unset: run by test/cli/pg.sh\n");
        skip();
    }
    dyad_store *pg = NULL, *lite = NULL;
    assert_int_equal(dyad_store_open(url, DYAD_STORE_READONLY, &pg), DYAD_OK);
    assert_int_equal(dyad_store_open(file, DYAD_STORE_READONLY, &lite), DYAD_OK);
    static const char *const pairs[][2] = {{"KOR", "PRK"}, {"CHN", "JPN"}, {"RUS", "UKR"}, {"FRA", "DEU"}};
    static text all, lt, pt;
    int differed = 0;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        const char *a = pairs[k][0], *b = pairs[k][1];
        dyad_store_query dq = {.dyad_a = a, .dyad_b = b};
        places p = {0};
        assert_int_equal(dyad_store_query_events(lite, &dq, place_of, &p), DYAD_OK);
        timeline(lite, a, b, NULL, &all);
        for (int i = 0; i < p.n; i++) {
            dyad_store_query q = {.country = p.cc[i]};
            timeline(lite, a, b, &q, &lt);
            timeline(pg, a, b, &q, &pt);
            assert_string_equal(pt.s, lt.s);
            differed += strcmp(lt.s, all.s) != 0;
        }
        dyad_store_query box = {.bbox = 1, .west = -30, .south = 30, .east = 60, .north = 75};
        timeline(lite, a, b, &box, &lt);
        timeline(pg, a, b, &box, &pt);
        assert_string_equal(pt.s, lt.s);
    }
    assert_true(differed > 0); /* the filters did cut some timelines */
    dyad_store_close(pg);
    dyad_store_close(lite);
}

static int count_row(void *ud, const dyad_store_row *r) {
    (void)r;
    ++*(uint64_t *)ud;
    return DYAD_OK;
}

/* The total of a query, counted by both stores (an actor as |source| + |target| - |both|;
 * on PostgreSQL an actor of 3 or 6 bytes with no filter but dates from actor_agg's whole
 * months and actor_day's days of the months a range cuts, those days counted from the
 * events on a store of layout 8 read as it is), equals the rows PostgreSQL gives for it. */
static void test_count_events(void **state) {
    (void)state;
    const char *url = getenv("DYAD_TEST_PG_URL"), *file = getenv("DYAD_TEST_SQLITE");
    if (!url || !file) {
        fprintf(stderr, "# DYAD_TEST_PG_URL and DYAD_TEST_SQLITE unset: run by test/cli/pg.sh\n");
        skip();
    }
    dyad_store *pg = NULL, *lite = NULL;
    assert_int_equal(dyad_store_open(url, DYAD_STORE_READONLY, &pg), DYAD_OK);
    assert_int_equal(dyad_store_open(file, DYAD_STORE_READONLY, &lite), DYAD_OK);
    /* 3 and 6 bytes (actor_agg), 2, 4 and 7 (the events), one with no events */
    static const char *const actors[] = {"PRK", "KOR", "CHN", "FRA", "FR", "RUSGOV", "RUSG", "RUSGOVX", "XYZ"};
    /* whole months (June 30 is its month's last day); both ends cut; one month cut at
     * both ends; the end in the next month; from a day on; to a day (the undated count:
     * date 0 is before it); to a month's end (February of a leap year); a month; none (the
     * end before the start); one day; two days across a year's end */
    static const int32_t ranges[][2] = {{20190301, 20200630}, {20190310, 20200615}, {20190305, 20190320},
                                        {20190620, 20190704}, {20190615, 0}, {0, 20190720}, {0, 20200229},
                                        {20191201, 20191231}, {20200701, 20190101}, {20190305, 20190305},
                                        {20191231, 20200101}};
    enum { N_ACTORS = sizeof actors / sizeof actors[0], N_RANGES = sizeof ranges / sizeof ranges[0] };
    dyad_store_query qs[N_ACTORS * (N_RANGES + 3) + 2];
    size_t n = 0;
    for (size_t i = 0; i < N_ACTORS; i++) {
        qs[n++] = (dyad_store_query){.actor = actors[i]};
        for (size_t k = 0; k < N_RANGES; k++)
            qs[n++] = (dyad_store_query){.actor = actors[i], .from = ranges[k][0], .to = ranges[k][1]};
        qs[n++] = (dyad_store_query){.actor = actors[i], .code = "quad:3"};
        qs[n++] = (dyad_store_query){.actor = actors[i], .text = "foreign ministry"};
    }
    qs[n++] = (dyad_store_query){.actor = "KOR", .one_a_day = 1};
    qs[n++] = (dyad_store_query){.actor = "CHN", .target = "JPN"};
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t lt = 0, pt = 0, rows = 0;
        assert_int_equal(dyad_store_count_events(lite, &qs[i], &lt), DYAD_OK);
        assert_int_equal(dyad_store_count_events(pg, &qs[i], &pt), DYAD_OK);
        assert_int_equal(dyad_store_query_events(pg, &qs[i], count_row, &rows), DYAD_OK);
        if (pt != rows || lt != rows)
            fprintf(stderr, "# query %zu (actor %s): PostgreSQL %llu, SQLite %llu, rows %llu\n", i,
                    qs[i].actor, (unsigned long long)pt, (unsigned long long)lt, (unsigned long long)rows);
        assert_true(pt == rows && lt == rows);
        sum += rows;
    }
    assert_true(sum > 0);
    dyad_store_close(pg);
    dyad_store_close(lite);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_timeline_with_place_filters),
                                       cmocka_unit_test(test_count_events)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
