/* test_store.c: the event store: idempotent ingest, near-duplicate groups, every query
 * filter, timelines, top lists, stories, recode and diff, and faults. */
#include "testutil.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* --- building stories by hand ------------------------------------------------------- */

#define MAX_SENT 32

typedef struct tstory {
    dyad_story s;
    dyad_sentence sent[MAX_SENT];
    char text[8192];
} tstory;

/* A story whose text is the headline, a blank line, then the body sentences. */
static void make_story(tstory *t, const char *id, int32_t date, const char *publisher,
                       const char *headline, const char *const *body) {
    memset(t, 0, sizeof *t);
    size_t len = 0, n = 0;
    if (headline) {
        len += (size_t)snprintf(t->text + len, sizeof t->text - len, "%s\n\n", headline);
        t->sent[n] = (dyad_sentence){0, 0, (uint32_t)strlen(headline), headline, strlen(headline),
                                     0, DYAD_SENT_HEADLINE, DYAD_DATE_DAY};
        n++;
    }
    for (size_t i = 0; body[i]; i++) {
        uint32_t start = (uint32_t)len;
        len += (size_t)snprintf(t->text + len, sizeof t->text - len, "%s ", body[i]);
        t->sent[n] = (dyad_sentence){(uint32_t)n, start, start + (uint32_t)strlen(body[i]),
                                     t->text + start, strlen(body[i]), 0, 0, DYAD_DATE_DAY};
        n++;
    }
    t->s.id = id;
    t->s.file = "test";
    t->s.date = date;
    t->s.headline = headline;
    t->s.publisher = publisher;
    t->s.text = t->text;
    t->s.text_len = len;
    t->s.sentences = t->sent;
    t->s.n_sentences = n;
}

/* An event of sentence `sent` whose spans are the first occurrences of the words. */
static dyad_event make_event(const tstory *t, uint32_t sent, const char *src, const char *tgt,
                             const char *code, int quad, double goldstein, const char *sw,
                             const char *vw, const char *tw) {
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.story = t->s.id;
    e.sentence = sent;
    e.date = t->s.date;
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    snprintf(e.code, sizeof e.code, "%s", code);
    e.root = atoi(code) / (strlen(code) == 4 ? 100 : 10);
    if (strlen(code) == 2) e.root = atoi(code);
    e.quad_class = quad;
    e.goldstein = goldstein;
    if (sent >= t->s.n_sentences) return e; /* a deliberately bad event: no text, no spans */
    e.text = t->sent[sent].text;
    const char *base = t->text;
    const char *p;
    if (sw && (p = strstr(t->sent[sent].text, sw)))
        e.source_span = (dyad_span){(uint32_t)(p - base), (uint32_t)(p - base + strlen(sw))};
    if (vw && (p = strstr(t->sent[sent].text, vw)))
        e.verb_span = (dyad_span){(uint32_t)(p - base), (uint32_t)(p - base + strlen(vw))};
    if (tw && (p = strstr(t->sent[sent].text, tw)))
        e.target_span = (dyad_span){(uint32_t)(p - base), (uint32_t)(p - base + strlen(tw))};
    e.source_text = sw;
    e.target_text = tw;
    return e;
}

static const dyad_rule RULES_V1[] = {
    {"actor", "data/actors/korea.txt", 12, "SOUTH_KOREA [KOR]"},
    {"verb", "data/verbs/meet.txt", 40, "MEET + [036]"},
};
static const dyad_rule RULES_V2[] = {
    {"verb", "data/verbs/meet.txt", 41, "HOLD TALKS WITH + [043]"},
};

static char dbdir[] = "/tmp/dyad-test-store-XXXXXX";
static char path_buf[512];

static const char *db_path(const char *name) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", dbdir, name);
    return path_buf;
}

static dyad_store *open_new(const char *name) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dbdir, name);
    unlink(p);
    dyad_store *st = NULL;
    int rc = dyad_store_open(p, DYAD_STORE_CREATE, &st);
    if (rc) fprintf(stderr, "open: %s\n", dyad_store_errmsg(st));
    assert_int_equal(rc, DYAD_OK);
    return st;
}

/* --- an AP-style wire story and its syndicated copies -------------------------------- */

static const char *const WIRE[] = {
    "South Korean President Moon Jae-in met North Korean leader Kim Jong Un on Tuesday in Pyongyang, the first visit by a South Korean leader to the North's capital in more than a decade.",
    "The two leaders embraced on the tarmac of Sunan International Airport before riding together in an open car through streets lined with tens of thousands of cheering residents.",
    "Moon said he hoped the three-day summit would produce concrete steps toward ending the nuclear standoff and would help restart stalled talks between Pyongyang and Washington.",
    "Kim thanked Moon for his efforts to arrange his June meeting with President Donald Trump in Singapore, saying that meeting had brought stability to the region.",
    "Officials in Seoul said the leaders would discuss military tensions along the heavily fortified border, family reunions and economic projects that sanctions now block.",
    "The United States has insisted that sanctions remain in place until the North completes its denuclearization, while Pyongyang has demanded relief in return for the steps it says it has already taken.",
    "Analysts said Moon faces the difficult task of persuading Kim to offer something that would revive the diplomacy without alienating Washington, Seoul's main security ally.",
    "The summit is the third meeting between Moon and Kim this year, after talks in April and May at the border village of Panmunjom.",
    NULL};

/* The same copy as a newspaper ran it: byline, one edit, a footer. */
static const char *const WIRE_COPY1[] = {
    "By Hyung-jin Kim and Foster Klug, The Associated Press",
    "South Korean President Moon Jae-in met North Korean leader Kim Jong Un on Tuesday in Pyongyang, the first visit by a South Korean leader to the North's capital in more than a decade.",
    "The two leaders embraced on the tarmac of Sunan International Airport before riding together in an open car through streets lined with tens of thousands of cheering residents.",
    "Moon said he hoped the three-day summit would produce concrete steps toward ending the nuclear standoff and would help restart stalled talks between Pyongyang and Washington.",
    "Kim thanked Moon for his efforts to arrange his June meeting with President Donald Trump in Singapore, saying that meeting had brought stability to the region.",
    "Officials in Seoul said the leaders would discuss military tensions along the heavily fortified border, family reunions and economic projects that sanctions currently block.",
    "The United States has insisted that sanctions remain in place until the North completes its denuclearization, while Pyongyang has demanded relief in return for the steps it says it has already taken.",
    "Analysts said Moon faces the difficult task of persuading Kim to offer something that would revive the diplomacy without alienating Washington, Seoul's main security ally.",
    "The summit is the third meeting between Moon and Kim this year, after talks in April and May at the border village of Panmunjom.",
    "Copyright 2018 The Associated Press. All rights reserved.",
    NULL};

/* Another paper: a banner line and a follow-us footer, last paragraph trimmed. */
static const char *const WIRE_COPY2[] = {
    "WORLD NEWS | ASIA",
    "South Korean President Moon Jae-in met North Korean leader Kim Jong Un on Tuesday in Pyongyang, the first visit by a South Korean leader to the North's capital in more than a decade.",
    "The two leaders embraced on the tarmac of Sunan International Airport before riding together in an open car through streets lined with tens of thousands of cheering residents.",
    "Moon said he hoped the three-day summit would produce concrete steps toward ending the nuclear standoff and would help restart stalled talks between Pyongyang and Washington.",
    "Kim thanked Moon for his efforts to arrange his June meeting with President Donald Trump in Singapore, saying that meeting had brought stability to the region.",
    "Officials in Seoul said the leaders would discuss military tensions along the heavily fortified border, family reunions and economic projects that sanctions now block.",
    "The United States has insisted that sanctions remain in place until the North completes its denuclearization, while Pyongyang has demanded relief in return for the steps it says it has already taken.",
    "Analysts said Moon faces the difficult task of persuading Kim to offer something that would revive the diplomacy without alienating Washington, Seoul's main security ally.",
    "Follow us on Twitter for more news from Asia.",
    NULL};

/* A genuinely different story on the same summit. */
static const char *const OTHER[] = {
    "North Korea agreed on Wednesday to dismantle its main missile engine test site in the presence of international experts, South Korean President Moon Jae-in said after a second day of talks.",
    "Speaking at a joint news conference in Pyongyang, Kim Jong Un said he would visit Seoul in the near future, which would make him the first North Korean leader to do so.",
    "The two Koreas also signed a military agreement intended to reduce the risk of clashes, including a halt to artillery drills near the border and a no-fly zone.",
    "In Washington, Secretary of State Mike Pompeo welcomed the commitments and said the United States was ready to resume negotiations with North Korea immediately.",
    "Critics in Seoul said the pledges repeated earlier promises and offered no timetable for giving up the weapons the North already has.",
    NULL};

/* --- tests -------------------------------------------------------------------------- */

static void test_open_creates_schema(void **state) {
    (void)state;
    dyad_store *st = open_new("schema.db");
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    assert_int_equal(info.stories, 0);
    assert_string_equal(info.dict_version, "");
    dyad_store_close(st);
    /* Reopening an existing store, read-write and read-only. */
    assert_int_equal(dyad_store_open(db_path("schema.db"), 0, &st), DYAD_OK);
    dyad_store_close(st);
    assert_int_equal(dyad_store_open(db_path("schema.db"), DYAD_STORE_READONLY, &st), DYAD_OK);
    /* Its name for messages: the path as given (a PostgreSQL URL's: test/cli/pg.sh). */
    assert_string_equal(dyad_store_name(st), db_path("schema.db"));
    dyad_store_close(st);
    assert_string_equal(dyad_store_name(NULL), "");
}

static void test_same_id_or_same_body_is_stored_once(void **state) {
    (void)state;
    dyad_store *st = open_new("dup.db");
    tstory a, b, c;
    make_story(&a, "ap-1", 20180918, "AP", "Moon arrives in Pyongyang", WIRE);
    dyad_event ev = make_event(&a, 1, "KORGOV", "PRKGOV", "036", 1, 4.0, "Moon", "met", "Kim");
    dyad_store_result r;
    assert_int_equal(dyad_store_add(st, &a.s, &ev, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    /* The same id and text again (a rerun): a duplicate, under another headline too. */
    make_story(&b, "ap-1", 20180918, "AP", "Moon in Pyongyang", WIRE);
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_DUPLICATE_ID);
    /* The same id with another text: refused, not stored, the message naming where the
     * stored story came from. */
    make_story(&b, "ap-1", 20180918, "AP", NULL, OTHER);
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_CONFLICT_ID);
    assert_non_null(strstr(dyad_store_errmsg(st), "another text"));
    /* Another id, the same cleaned body under another headline: a duplicate. */
    make_story(&c, "nyt-7", 20180918, "NYT", "Leaders embrace in North", WIRE);
    assert_int_equal(dyad_store_add(st, &c.s, &ev, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_DUPLICATE_TEXT);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.stories, 1);
    assert_int_equal(info.events, 1);
    assert_int_equal(info.sentences, 9);
    assert_string_equal(info.dict_version, "v1");
    dyad_store_close(st);
}

static void test_batches_commit_and_roll_back(void **state) {
    (void)state;
    dyad_store *st = open_new("batch.db");
    tstory a, b;
    make_story(&a, "ap-1", 20180918, "AP", NULL, WIRE);
    make_story(&b, "ap-2", 20180919, "AP", NULL, OTHER);
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_rollback(st), DYAD_OK);
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", NULL), DYAD_OK);
    /* A bad story inside a batch fails alone. */
    dyad_event bad = make_event(&b, 99, "KOR", "PRK", "036", 1, 4, NULL, NULL, NULL);
    assert_int_equal(dyad_store_add(st, &a.s, &bad, 1, "v1", NULL), DYAD_EINVAL);
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.stories, 1);
    dyad_store_close(st);
}

static int collect_rows(void *ud, const dyad_store_row *row) {
    dyad_store_row *out = ud;
    size_t i = 0;
    while (out[i].id) i++;
    if (i < 63) {
        out[i] = *row;
        out[i].event.story = NULL; /* borrowed: only valid during the call */
        out[i].event.text = NULL;
        out[i].event.source_text = out[i].event.target_text = NULL;
        out[i].event.location = out[i].event.location_country = NULL;
        out[i].event.rules = NULL;
        out[i].publisher = out[i].url = out[i].dict_version = NULL;
    }
    return DYAD_OK;
}

static size_t n_rows(const dyad_store_row *r) {
    size_t n = 0;
    while (r[n].id) n++;
    return n;
}

/* The rows a query gives; dyad_store_count_events must say as many (limit and offset
 * aside), for every filter the tests use. */
static size_t query_count(dyad_store *st, const dyad_store_query *q) {
    dyad_store_row rows[64];
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_query_events(st, q, collect_rows, rows), DYAD_OK);
    size_t n = n_rows(rows);
    if (q && (q->limit || q->offset)) return n;
    uint64_t total = 99;
    assert_int_equal(dyad_store_count_events(st, q, &total), DYAD_OK);
    assert_int_equal(total, n);
    return n;
}

static void test_syndicated_copies_form_one_group(void **state) {
    (void)state;
    dyad_store *st = open_new("group.db");
    tstory w, c1, c2, o;
    make_story(&w, "ap-wire", 20180918, "AP", "Moon, Kim meet in Pyongyang", WIRE);
    make_story(&c1, "paper-1", 20180918, "Seattle Times", "Koreas' leaders meet", WIRE_COPY1);
    make_story(&c2, "paper-2", 20180918, "Japan Today", "Moon in Pyongyang", WIRE_COPY2);
    make_story(&o, "reuters-9", 20180919, "Reuters", "North Korea to close test site", OTHER);
    dyad_event ew = make_event(&w, 1, "KORGOV", "PRKGOV", "036", 1, 4.0, "Moon", "met", "Kim");
    dyad_event e1 = make_event(&c1, 2, "KORGOV", "PRKGOV", "036", 1, 4.0, "Moon", "met", "Kim");
    dyad_event e2 = make_event(&c2, 2, "KORGOV", "PRKGOV", "036", 1, 4.0, "Moon", "met", "Kim");
    dyad_event eo = make_event(&o, 1, "PRKGOV", "KORGOV", "057", 1, 8.0, "North Korea", "agreed",
                               "Moon");
    dyad_store_result r;
    assert_int_equal(dyad_store_add(st, &w.s, &ew, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_add(st, &c1.s, &e1, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_add(st, &c2.s, &e2, 1, "v1", &r), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &o.s, &eo, 1, "v1", &r), DYAD_OK);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.stories, 4);
    assert_int_equal(info.groups, 2); /* the wire story with its copies, and the other */

    dyad_store_story *s1, *s2, *so;
    assert_int_equal(dyad_store_story_fetch(st, "paper-1", &s1), DYAD_OK);
    assert_int_equal(dyad_store_story_fetch(st, "paper-2", &s2), DYAD_OK);
    assert_int_equal(dyad_store_story_fetch(st, "reuters-9", &so), DYAD_OK);
    assert_int_equal(s1->group, s2->group);
    assert_int_equal(s1->group_size, 3);
    assert_true(so->group != s1->group);
    assert_int_equal(so->group_size, 1);
    dyad_store_story_free(s1);
    dyad_store_story_free(s2);
    dyad_store_story_free(so);

    /* Raw rows: each copy's event carries the group's GDELT counts. */
    dyad_store_row rows[64];
    memset(rows, 0, sizeof rows);
    dyad_store_query q = {.code = "036"};
    assert_int_equal(dyad_store_query_events(st, &q, collect_rows, rows), DYAD_OK);
    assert_int_equal(n_rows(rows), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(rows[i].mentions, 3);
        assert_int_equal(rows[i].articles, 3);
        assert_int_equal(rows[i].sources, 3);
    }
    /* One a day: the three reports are one event. */
    memset(rows, 0, sizeof rows);
    q.one_a_day = 1;
    assert_int_equal(dyad_store_query_events(st, &q, collect_rows, rows), DYAD_OK);
    assert_int_equal(n_rows(rows), 1);
    assert_int_equal(rows[0].mentions, 3);
    assert_int_equal(rows[0].articles, 3);

    /* Columns carry the same counts, read whole (counted from the rows themselves) or
     * filtered (counted by a query over the rows' groups). */
    dyad_store_query filtered = {.code = "036"};
    const dyad_store_query *queries[] = {NULL, &filtered};
    for (size_t k = 0; k < 2; k++) {
        dyad_store_columns *c = NULL;
        assert_int_equal(dyad_store_columns_fetch(st, queries[k], &c), DYAD_OK);
        assert_int_equal(c->n, k ? 3 : 4);
        for (size_t i = 0; i < c->n; i++) {
            dyad_store_strings *code = &c->code;
            int32_t v = code->codes[i];
            int copy = !strncmp(code->bytes + code->offsets[v], "036", 3);
            assert_int_equal(c->mentions[i], copy ? 3 : 1);
            assert_int_equal(c->articles[i], copy ? 3 : 1);
            assert_int_equal(c->sources[i], copy ? 3 : 1);
        }
        dyad_store_columns_free(c);
    }
    dyad_store_close(st);
}

/* A small hand-made archive for the query, timeline and top tests:
 *   d1 2019-09-02 (Mon)  s1: USAGOV->CHNGOV 036 (q1, +4)  CHNGOV->USAGOV 112 (q3, -2)
 *   d2 2019-09-03 (Tue)  s2: USAGOV->CHNGOV 036 (q1, +4)  USAGOV->CHNGOV 036 again (same day)
 *   d3 2019-09-10 (Tue)  s3: USAMIL->CHNMIL 190 (q4, -10)  RUSGOV->UKRGOV 173 (q4, -5)
 *   d4 2019-10-01 (Tue)  s4: CHNGOV->USAGOV 061 (q2, +6.4)  plus s5 without events. */
static dyad_store *archive(const char *name) {
    dyad_store *st = open_new(name);
    static tstory t[5];
    static const char *const b1[] = {"Washington offered to meet Chinese negotiators next week.",
                                     "Beijing criticized the new American tariffs on steel.", NULL};
    static const char *const b2[] = {"U.S. officials said they would meet their Chinese counterparts.",
                                     "American envoys again proposed a meeting with Beijing's trade team.", NULL};
    static const char *const b3[] = {"American sailors fired on a Chinese vessel in the South China Sea.",
                                     "Russian forces arrested Ukrainian officials in Crimea.", NULL};
    static const char *const b4[] = {"China agreed to buy American soybeans worth billions.", NULL};
    static const char *const b5[] = {"Markets rose in Tokyo on Tuesday as exporters gained.", NULL};
    make_story(&t[0], "s1", 20190902, "AP", NULL, b1);
    make_story(&t[1], "s2", 20190903, "Reuters", NULL, b2);
    make_story(&t[2], "s3", 20190910, "AFP", NULL, b3);
    make_story(&t[3], "s4", 20191001, "AP", NULL, b4);
    make_story(&t[4], "s5", 20191001, "AP", NULL, b5);
    dyad_event e1[] = {make_event(&t[0], 0, "USAGOV", "CHNGOV", "036", 1, 4.0, "Washington", "offered", "Chinese"),
                       make_event(&t[0], 1, "CHNGOV", "USAGOV", "112", 3, -2.0, "Beijing", "criticized", "American")};
    dyad_event e2[] = {make_event(&t[1], 0, "USAGOV", "CHNGOV", "036", 1, 4.0, "U.S.", "meet", "Chinese"),
                       make_event(&t[1], 1, "USAGOV", "CHNGOV", "036", 1, 4.0, "American", "proposed", "Beijing")};
    dyad_event e3[] = {make_event(&t[2], 0, "USAMIL", "CHNMIL", "190", 4, -10.0, "American", "fired", "Chinese"),
                       make_event(&t[2], 1, "RUSGOV", "UKRGOV", "173", 4, -5.0, "Russian", "arrested", "Ukrainian")};
    dyad_event e4[] = {make_event(&t[3], 0, "CHNGOV", "USAGOV", "061", 2, 6.4, "China", "agreed", "American")};
    e1[0].rules = RULES_V1;
    e1[0].n_rules = 2;
    e1[0].location = "Washington";
    e1[0].location_country = "USA";
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[0].s, e1, 2, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[1].s, e2, 2, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[2].s, e3, 2, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[3].s, e4, 1, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[4].s, NULL, 0, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    return st;
}

static void test_every_query_filter(void **state) {
    (void)state;
    dyad_store *st = archive("query.db");
    dyad_store_query q = {0};
    assert_int_equal(query_count(st, &q), 7);
    q = (dyad_store_query){.from = 20190903, .to = 20190910};
    assert_int_equal(query_count(st, &q), 4);
    q = (dyad_store_query){.actor = "USA"}; /* a prefix: USAGOV and USAMIL, either side */
    assert_int_equal(query_count(st, &q), 6);
    q = (dyad_store_query){.actor = "USAMIL"};
    assert_int_equal(query_count(st, &q), 1);
    q = (dyad_store_query){.source = "CHN"};
    assert_int_equal(query_count(st, &q), 2);
    q = (dyad_store_query){.target = "UKRGOV"};
    assert_int_equal(query_count(st, &q), 1);
    q = (dyad_store_query){.dyad_a = "USAGOV", .dyad_b = "CHNGOV"}; /* both directions */
    assert_int_equal(query_count(st, &q), 5);
    q = (dyad_store_query){.code = "036"};
    assert_int_equal(query_count(st, &q), 3);
    q = (dyad_store_query){.code = "19"}; /* a root */
    assert_int_equal(query_count(st, &q), 1);
    q = (dyad_store_query){.code = "quad:4"};
    assert_int_equal(query_count(st, &q), 2);
    q = (dyad_store_query){.code = "quad:9"};
    dyad_store_row rows[64];
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_query_events(st, &q, collect_rows, rows), DYAD_EINVAL);
    uint64_t total = 0;
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);
    assert_non_null(strstr(dyad_store_errmsg(st), "quad:9"));
    q = (dyad_store_query){.text = "tariffs steel"};
    assert_int_equal(query_count(st, &q), 1);
    q = (dyad_store_query){.text = "Chinese"};
    assert_int_equal(query_count(st, &q), 3);
    q = (dyad_store_query){.one_a_day = 1};
    assert_int_equal(query_count(st, &q), 6); /* s2's two 036 on one day are one */
    q = (dyad_store_query){.limit = 2, .offset = 1};
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_query_events(st, &q, collect_rows, rows), DYAD_OK);
    assert_int_equal(n_rows(rows), 2);
    assert_int_equal(rows[0].event.date, 20190902); /* (date, id) order: 2nd and 3rd */
    assert_int_equal(rows[1].event.date, 20190903);
    /* Filters combine. */
    q = (dyad_store_query){.source = "USA", .code = "03", .from = 20190903};
    assert_int_equal(query_count(st, &q), 2);
    dyad_store_close(st);
}

static int check_first_row(void *ud, const dyad_store_row *row) {
    int *seen = ud;
    (*seen)++;
    assert_string_equal(row->event.story, "s1");
    assert_string_equal(row->event.text, "Washington offered to meet Chinese negotiators next week.");
    assert_string_equal(row->event.source_text, "Washington");
    assert_string_equal(row->event.location, "Washington");
    assert_string_equal(row->event.location_country, "USA");
    assert_int_equal(row->event.n_rules, 2);
    assert_string_equal(row->event.rules[1].kind, "verb");
    assert_string_equal(row->event.rules[1].file, "data/verbs/meet.txt");
    assert_int_equal(row->event.rules[1].line, 40);
    assert_string_equal(row->event.rules[1].text, "MEET + [036]");
    assert_string_equal(row->publisher, "AP");
    assert_string_equal(row->dict_version, "v1");
    assert_float_equal(row->event.goldstein, 4.0, 1e-9);
    return 1; /* stop: the callback's value comes back */
}

static void test_rows_carry_every_field(void **state) {
    (void)state;
    dyad_store *st = archive("fields.db");
    int seen = 0;
    dyad_store_query q = {0};
    assert_int_equal(dyad_store_query_events(st, &q, check_first_row, &seen), 1);
    assert_int_equal(seen, 1);
    dyad_store_close(st);
}

static void test_user_text_is_never_sql(void **state) {
    (void)state;
    dyad_store *st = archive("inject.db");
    dyad_store_query q = {.text = "\"'; DROP TABLE events; --"};
    assert_int_equal(query_count(st, &q), 0);
    q = (dyad_store_query){.text = "Chinese OR NOT \" NEAR("};
    assert_int_equal(query_count(st, &q), 0); /* OR, NOT, NEAR are words here */
    q = (dyad_store_query){.text = "*"};
    assert_int_equal(query_count(st, &q), 0);
    q = (dyad_store_query){.actor = "USA' OR '1'='1"};
    assert_int_equal(query_count(st, &q), 0);
    q = (dyad_store_query){.source = "%"};
    assert_int_equal(query_count(st, &q), 0);
    q = (dyad_store_query){0};
    assert_int_equal(query_count(st, &q), 7); /* everything still there */
    char big[DYAD_STORE_MAX_TEXT_QUERY + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    q = (dyad_store_query){.text = big};
    dyad_store_row rows[64];
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_query_events(st, &q, collect_rows, rows), DYAD_ELIMIT);
    dyad_store_close(st);
}

static int collect_tl(void *ud, const dyad_store_timeline_row *r) {
    dyad_store_timeline_row *out = ud;
    size_t i = 0;
    while (out[i].period) i++;
    out[i] = *r;
    return DYAD_OK;
}

static void test_timeline_arithmetic(void **state) {
    (void)state;
    dyad_store *st = archive("timeline.db");
    dyad_store_timeline_row rows[16];
    /* USA -> CHN by month, one direction, one a day:
     * September: 036 on 09-02, 036 on 09-03 (twice: one a day), 190 on 09-10 -> 3 events,
     * q1 = 2, q4 = 1, Goldstein 4 + 4 - 10 = -2, mean -2/3; stories s1 s2 s3 = 3;
     * story groups dated in September: s1 s2 s3 = 3. October: nothing USA -> CHN. */
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_timeline(st, "USA", "CHN", DYAD_STORE_BY_MONTH, 0, 0, NULL, collect_tl, rows),
                     DYAD_OK);
    assert_int_equal(rows[0].period, 20190901);
    assert_int_equal(rows[0].events, 3);
    assert_int_equal(rows[0].quad[1], 2);
    assert_int_equal(rows[0].quad[4], 1);
    assert_float_equal(rows[0].goldstein_sum, -2.0, 1e-9);
    assert_float_equal(rows[0].goldstein_mean, -2.0 / 3.0, 1e-9);
    assert_int_equal(rows[0].stories, 3);
    assert_int_equal(rows[0].total_stories, 3);
    assert_int_equal(rows[1].period, 0);
    /* Both directions, raw: September adds 112 (q3, -2) and the repeated 036; October has
     * 061 (q2, +6.4), with s4 and s5 in the denominator. */
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_timeline(st, "USA", "CHN", DYAD_STORE_BY_MONTH, 1, 1, NULL, collect_tl, rows),
                     DYAD_OK);
    assert_int_equal(rows[0].events, 5);
    assert_int_equal(rows[0].quad[1], 3);
    assert_int_equal(rows[0].quad[3], 1);
    assert_int_equal(rows[0].quad[4], 1);
    assert_float_equal(rows[0].goldstein_sum, 4 + 4 + 4 - 2 - 10, 1e-9);
    assert_int_equal(rows[1].period, 20191001);
    assert_int_equal(rows[1].events, 1);
    assert_int_equal(rows[1].quad[2], 1);
    assert_float_equal(rows[1].goldstein_mean, 6.4, 1e-9);
    assert_int_equal(rows[1].stories, 1);
    assert_int_equal(rows[1].total_stories, 2);
    /* By week (Monday first): 09-02 and 09-03 share the week of 09-02; 09-10 is in the week
     * of 09-09; 10-01 in the week of 09-30. */
    memset(rows, 0, sizeof rows);
    assert_int_equal(dyad_store_timeline(st, "USA", "CHN", DYAD_STORE_BY_WEEK, 1, 0, NULL, collect_tl, rows),
                     DYAD_OK);
    assert_int_equal(rows[0].period, 20190902);
    assert_int_equal(rows[0].events, 3); /* 036 09-02, 112 09-02, 036 09-03 */
    assert_int_equal(rows[0].stories, 2);
    assert_int_equal(rows[0].total_stories, 2);
    assert_int_equal(rows[1].period, 20190909);
    assert_int_equal(rows[2].period, 20190930);
    /* By day with a date range. */
    memset(rows, 0, sizeof rows);
    dyad_store_query q = {.from = 20190903, .to = 20190930};
    assert_int_equal(dyad_store_timeline(st, "USA", "CHN", DYAD_STORE_BY_DAY, 0, 0, &q, collect_tl, rows),
                     DYAD_OK);
    assert_int_equal(rows[0].period, 20190903);
    assert_int_equal(rows[0].events, 1);
    assert_int_equal(rows[1].period, 20190910);
    assert_int_equal(rows[2].period, 0);
    dyad_store_close(st);
}

typedef struct topped {
    char key[8][32];
    uint64_t count[8];
    size_t n;
} topped;

static int collect_top(void *ud, const char *key, uint64_t count) {
    topped *t = ud;
    snprintf(t->key[t->n], sizeof t->key[0], "%s", key);
    t->count[t->n++] = count;
    return DYAD_OK;
}

static void test_top_lists(void **state) {
    (void)state;
    dyad_store *st = archive("top.db");
    topped t = {0};
    assert_int_equal(dyad_store_top(st, DYAD_STORE_TOP_CODES, NULL, 2, collect_top, &t), DYAD_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.key[0], "036"); /* 2 one-a-day events */
    assert_int_equal(t.count[0], 2);
    assert_string_equal(t.key[1], "061"); /* ties broken by key */
    memset(&t, 0, sizeof t);
    assert_int_equal(dyad_store_top(st, DYAD_STORE_TOP_ACTORS, NULL, 3, collect_top, &t), DYAD_OK);
    assert_string_equal(t.key[0], "CHNGOV"); /* 036 x2, 112, 061 */
    assert_int_equal(t.count[0], 4);
    assert_string_equal(t.key[1], "USAGOV");
    assert_int_equal(t.count[1], 4);
    memset(&t, 0, sizeof t);
    dyad_store_query q = {.from = 20190910, .to = 20191231};
    assert_int_equal(dyad_store_top(st, DYAD_STORE_TOP_DYADS, &q, 10, collect_top, &t), DYAD_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.key[0], "CHNGOV,USAGOV");
    dyad_store_close(st);
}

static void test_story_fetch_with_spans(void **state) {
    (void)state;
    dyad_store *st = archive("story.db");
    dyad_store_story *s = NULL;
    assert_int_equal(dyad_store_story_fetch(st, "s1", &s), DYAD_OK);
    assert_string_equal(s->story.id, "s1");
    assert_int_equal(s->story.date, 20190902);
    assert_int_equal(s->story.n_sentences, 2);
    assert_int_equal(s->n_events, 2);
    const dyad_event *e = &s->events[0];
    assert_memory_equal(s->story.text + e->source_span.start, "Washington", 10);
    assert_int_equal(e->source_span.end - e->source_span.start, 10);
    assert_memory_equal(s->story.text + e->verb_span.start, "offered", 7);
    assert_memory_equal(s->story.text + e->target_span.start, "Chinese", 7);
    assert_string_equal(e->text, s->story.sentences[0].text);
    assert_string_equal(s->dict_version, "v1");
    dyad_store_story_free(s);
    assert_int_equal(dyad_store_story_fetch(st, "nope", &s), DYAD_ENOTFOUND);
    assert_null(s);
    dyad_store_close(st);
}

/* The "new dictionaries": 036 becomes 043 under rule meet.txt:41, CHNGOV->USAGOV 112 is
 * no longer coded, and a new 051 appears in s4. */
static dyad_event recoded[4];
static int recode_one(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    int *calls = ud;
    (*calls)++;
    *n = 0;
    tstory t;
    memset(&t, 0, sizeof t);
    memcpy(t.sent, s->sentences, s->n_sentences * sizeof *s->sentences);
    if (!strcmp(s->id, "s1") || !strcmp(s->id, "s2")) {
        dyad_event e;
        memset(&e, 0, sizeof e);
        e.story = s->id;
        e.sentence = 0;
        e.date = s->date;
        strcpy(e.source, "USAGOV");
        strcpy(e.target, "CHNGOV");
        strcpy(e.code, "043");
        e.root = 4;
        e.quad_class = 1;
        e.goldstein = 2.8;
        e.rules = RULES_V2;
        e.n_rules = 1;
        recoded[(*n)++] = e;
    } else if (!strcmp(s->id, "s4")) {
        dyad_event e;
        memset(&e, 0, sizeof e);
        e.story = s->id;
        e.sentence = 0;
        e.date = s->date;
        strcpy(e.source, "CHNGOV");
        strcpy(e.target, "USAGOV");
        strcpy(e.code, "061");
        e.root = 6;
        e.quad_class = 2;
        e.goldstein = 6.4;
        recoded[(*n)++] = e;
        strcpy(e.code, "051");
        e.sentence = 0;
        strcpy(e.source, "CHNGOV");
        strcpy(e.target, "USABUS");
        recoded[(*n)++] = e;
    } else if (!strcmp(s->id, "s3")) {
        /* unchanged: the same two events */
        dyad_event e;
        memset(&e, 0, sizeof e);
        e.story = s->id;
        e.date = s->date;
        strcpy(e.source, "USAMIL");
        strcpy(e.target, "CHNMIL");
        strcpy(e.code, "190");
        e.root = 19;
        e.quad_class = 4;
        recoded[(*n)++] = e;
        e.sentence = 1;
        strcpy(e.source, "RUSGOV");
        strcpy(e.target, "UKRGOV");
        strcpy(e.code, "173");
        e.root = 17;
        recoded[(*n)++] = e;
    }
    *ev = recoded;
    return DYAD_OK;
}

typedef struct diffs {
    char line[16][160];
    size_t n;
} diffs;

static int collect_diff(void *ud, const dyad_store_diff_row *r) {
    diffs *d = ud;
    snprintf(d->line[d->n++], sizeof d->line[0], "%s %s>%s %s>%s %llu %s:%u", r->change, r->old_code,
             r->new_code, r->old_rule, r->new_rule, (unsigned long long)r->count, r->example_story,
             r->example_sentence);
    return DYAD_OK;
}

static void test_recode_and_diff(void **state) {
    (void)state;
    dyad_store *st = archive("recode.db");
    int calls = 0;
    uint64_t n = 0;
    assert_int_equal(dyad_store_recode(st, "v2", recode_one, &calls, &n), DYAD_OK);
    assert_int_equal(n, 5);
    assert_int_equal(calls, 5);
    /* Again with the same version: nothing left to do. */
    assert_int_equal(dyad_store_recode(st, "v2", recode_one, &calls, &n), DYAD_OK);
    assert_int_equal(n, 0);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_string_equal(info.dict_version, "v2");
    assert_string_equal(info.previous_dict_version, "v1");
    assert_int_equal(info.events, 6);
    dyad_store_query q = {.code = "036"};
    assert_int_equal(query_count(st, &q), 0);
    q.code = "043";
    assert_int_equal(query_count(st, &q), 2);

    diffs d = {0};
    assert_int_equal(dyad_store_diff(st, DYAD_STORE_DIFF_BY_CODE, collect_diff, &d), DYAD_OK);
    /* added: 051 in s4. removed: 112 in s1 and the second 036 of s2 (sentence 1).
     * recoded: 036 -> 043 in s1 and s2. */
    assert_int_equal(d.n, 4);
    assert_string_equal(d.line[0], "added >051 > 1 s4:0");
    assert_string_equal(d.line[1], "recoded 036>043 > 2 s1:0");
    assert_string_equal(d.line[2], "removed 036> > 1 s2:1");
    assert_string_equal(d.line[3], "removed 112> > 1 s1:1");
    memset(&d, 0, sizeof d);
    assert_int_equal(dyad_store_diff(st, DYAD_STORE_DIFF_BY_RULE, collect_diff, &d), DYAD_OK);
    int found = 0;
    for (size_t i = 0; i < d.n; i++)
        if (strstr(d.line[i], "recoded 036>043 data/verbs/meet.txt:40>data/verbs/meet.txt:41 1 s1:0"))
            found = 1;
    assert_true(found);
    dyad_store_close(st);
}

/* Two recodings whose codes would read alike run together ("031" -> "1123" and
 * "0311" -> "123" both make "0311123"): `--by rule` still tells them apart. */
static dyad_event run_together[1];
static int recode_run_together(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    (void)ud;
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.story = s->id;
    e.date = s->date;
    strcpy(e.source, "USAGOV");
    strcpy(e.target, "CHNGOV");
    strcpy(e.code, !strcmp(s->id, "r1") ? "1123" : "123");
    e.root = !strcmp(s->id, "r1") ? 11 : 12;
    e.quad_class = 3;
    run_together[0] = e;
    *ev = run_together;
    *n = 1;
    return DYAD_OK;
}

static void test_diff_by_rule_keeps_codes_apart(void **state) {
    (void)state;
    dyad_store *st = open_new("runtogether.db");
    static tstory t[2];
    static const char *const b1[] = {"Washington offered trade talks to Beijing.", NULL};
    static const char *const b2[] = {"Washington offered Beijing a trade deal.", NULL};
    make_story(&t[0], "r1", 20190902, "AP", NULL, b1);
    make_story(&t[1], "r2", 20190903, "AP", NULL, b2);
    dyad_event e1 = make_event(&t[0], 0, "USAGOV", "CHNGOV", "031", 1, 4.0, "Washington", "offered", "Beijing");
    dyad_event e2 = make_event(&t[1], 0, "USAGOV", "CHNGOV", "0311", 1, 5.2, "Washington", "offered", "Beijing");
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[0].s, &e1, 1, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[1].s, &e2, 1, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    uint64_t n = 0;
    assert_int_equal(dyad_store_recode(st, "v2", recode_run_together, NULL, &n), DYAD_OK);
    assert_int_equal(n, 2);
    diffs d = {0};
    assert_int_equal(dyad_store_diff(st, DYAD_STORE_DIFF_BY_RULE, collect_diff, &d), DYAD_OK);
    assert_int_equal(d.n, 2);
    int a = !strcmp(d.line[0], "recoded 031>1123 > 1 r1:0") ? 0 : 1;
    assert_string_equal(d.line[a], "recoded 031>1123 > 1 r1:0");
    assert_string_equal(d.line[1 - a], "recoded 0311>123 > 1 r2:0");
    dyad_store_close(st);
}

/* Recodes as recode_one, but discards story s4 whole and sentence 1 of s1, as a coder
 * with another discard list would, recording both from inside the recode. */
typedef struct discarding {
    int calls;
    dyad_store *st;
} discarding;
static int recode_discarding(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    discarding *x = ud;
    int rc = recode_one(&x->calls, s, ev, n);
    int32_t sentence = !strcmp(s->id, "s4") ? -1 : !strcmp(s->id, "s1") ? 1 : -2;
    if (rc || sentence == -2) return rc;
    if (sentence < 0) *n = 0;
    dyad_store_discard d = {s->id, s->file ? s->file : "", s->line, sentence, DYAD_DISCARD_LIST,
                            "sports", s->date, s->headline};
    return dyad_store_discard_add(x->st, &d);
}

static uint64_t discard_total(dyad_store *st) {
    uint64_t total = 99;
    assert_int_equal(dyad_store_discard_counts(st, NULL, NULL, NULL, &total), DYAD_OK);
    return total;
}

/* A recode keeps the discards of its coding, in its own transaction, and drops those of
 * the coding before. */
static void test_recode_keeps_its_discards(void **state) {
    (void)state;
    dyad_store *st = archive("recode-discards.db");
    discarding x = {0, st};
    uint64_t n = 0;
    assert_int_equal(dyad_store_recode(st, "v2", recode_discarding, &x, &n), DYAD_OK);
    assert_int_equal(n, 5);
    assert_int_equal(discard_total(st), 2);
    dyad_store_query q = {.code = "051"}; /* s4's event: discarded with its story */
    assert_int_equal(query_count(st, &q), 0);
    int calls = 0;
    assert_int_equal(dyad_store_recode(st, "v3", recode_one, &calls, &n), DYAD_OK);
    assert_int_equal(discard_total(st), 0);
    assert_int_equal(query_count(st, &q), 1);
    dyad_store_close(st);
}

static int recode_failing_on_s3(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    if (!strcmp(s->id, "s3")) return DYAD_ENOMEM; /* as if the coder ran out of memory */
    return recode_one(ud, s, ev, n);
}

static void test_interrupted_recode_resumes(void **state) {
    (void)state;
    dyad_store *st = archive("resume.db");
    int calls = 0;
    uint64_t n = 0;
    /* The failing batch is rolled back whole: nothing of it is half-recoded. */
    assert_int_equal(dyad_store_recode(st, "v2", recode_failing_on_s3, &calls, &n), DYAD_ENOMEM);
    assert_int_equal(n, 0);
    dyad_store_query q = {.code = "036"};
    assert_int_equal(query_count(st, &q), 3);
    assert_int_equal(dyad_store_recode(st, "v2", recode_one, &calls, &n), DYAD_OK);
    assert_int_equal(n, 5);
    assert_int_equal(query_count(st, &q), 0);
    q.code = "043";
    assert_int_equal(query_count(st, &q), 2);
    dyad_store_close(st);
}

static void test_has_story(void **state) {
    (void)state;
    dyad_store *st = archive("has.db");
    assert_int_equal(dyad_store_has_story(st, "s1"), 1);
    assert_int_equal(dyad_store_has_story(st, "s9"), 0);
    assert_int_equal(dyad_store_has_story(st, "s1' OR '1'='1"), 0);
    dyad_store_close(st);
}

/* --- faults ------------------------------------------------------------------------- */

static void test_missing_database_and_directory(void **state) {
    (void)state;
    dyad_store *st = NULL;
    assert_int_equal(dyad_store_open(db_path("absent.db"), 0, &st), DYAD_ENOTFOUND);
    assert_non_null(strstr(dyad_store_errmsg(st), "no such database"));
    dyad_store_close(st);
    assert_int_equal(dyad_store_open(db_path("absent.db"), DYAD_STORE_READONLY, &st), DYAD_ENOTFOUND);
    dyad_store_close(st);
    int rc = dyad_store_open("/nonexistent-dir/dyad/x.db", DYAD_STORE_CREATE, &st);
    assert_true(rc == DYAD_EIO || rc == DYAD_EDB);
    assert_true(strlen(dyad_store_errmsg(st)) > 0);
    dyad_store_close(st);
}

static void test_corrupt_file_is_refused(void **state) {
    (void)state;
    FILE *f = fopen(db_path("garbage.db"), "wb");
    assert_non_null(f);
    for (int i = 0; i < 8192; i++) fputc((i * 7919) & 0xff, f);
    fclose(f);
    dyad_store *st = NULL;
    assert_int_equal(dyad_store_open(db_path("garbage.db"), 0, &st), DYAD_EDB);
    assert_non_null(strstr(dyad_store_errmsg(st), "not a database"));
    dyad_store_close(st);
    /* A valid SQLite file of another program is not a dyad database either. */
    sqlite3 *db;
    unlink(db_path("other.db"));
    assert_int_equal(sqlite3_open(db_path("other.db"), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(dyad_store_open(db_path("other.db"), DYAD_STORE_CREATE, &st), DYAD_EDB);
    assert_non_null(strstr(dyad_store_errmsg(st), "not a dyad database"));
    dyad_store_close(st);
}

static void set_schema_version(const char *path, const char *v) {
    sqlite3 *db;
    char sql[128];
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%s' WHERE key = 'schema_version'", v);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_schema_version_mismatch(void **state) {
    (void)state;
    dyad_store *st = open_new("future.db");
    dyad_store_close(st);
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("future.db"));
    set_schema_version(p, "99");
    assert_int_equal(dyad_store_open(p, 0, &st), DYAD_EDB);
    assert_non_null(strstr(dyad_store_errmsg(st), "newer"));
    dyad_store_close(st);
    assert_int_equal(dyad_store_open(p, DYAD_STORE_READONLY, &st), DYAD_EDB);
    dyad_store_close(st);
    set_schema_version(p, "0");
    assert_int_equal(dyad_store_open(p, 0, &st), DYAD_EDB);
    assert_non_null(strstr(dyad_store_errmsg(st), "schema version 0"));
    dyad_store_close(st);
    /* Nothing was lost: back at its version, the store opens. */
    char v[16];
    snprintf(v, sizeof v, "%d", DYAD_STORE_SCHEMA_VERSION);
    set_schema_version(p, v);
    assert_int_equal(dyad_store_open(p, 0, &st), DYAD_OK);
    dyad_store_close(st);
}

static void test_read_only(void **state) {
    (void)state;
    dyad_store *st = open_new("ro.db");
    dyad_store_close(st);
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("ro.db"));
    /* Opened read-only: queries work, writes are refused. */
    assert_int_equal(dyad_store_open(p, DYAD_STORE_READONLY, &st), DYAD_OK);
    tstory a;
    make_story(&a, "ap-1", 20180918, "AP", NULL, WIRE);
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", NULL), DYAD_EINVAL);
    assert_non_null(strstr(dyad_store_errmsg(st), "read-only"));
    dyad_store_query q = {0};
    assert_int_equal(query_count(st, &q), 0);
    dyad_store_close(st);
}

/* Opens p read-write (must fail, saying read-only) and read-only (must work). Returns 0
 * when both behave, else the step that did not. No cmocka here: it may run in a child. */
static int read_only_checks(const char *p) {
    dyad_store *st = NULL;
    int rc = dyad_store_open(p, 0, &st);
    int bad = rc != DYAD_EDB || !strstr(dyad_store_errmsg(st), "read-only");
    dyad_store_close(st);
    if (bad) return 1;
    if (dyad_store_open(p, DYAD_STORE_READONLY, &st) != DYAD_OK) {
        fprintf(stderr, "read-only open: %s\n", dyad_store_errmsg(st));
        dyad_store_close(st);
        return 2;
    }
    dyad_store_info info;
    rc = dyad_store_get_info(st, &info);
    dyad_store_close(st);
    return rc == DYAD_OK && info.stories == 1 ? 0 : 3;
}

static void test_read_only_file(void **state) {
    (void)state;
    dyad_store *st = open_new("rofile.db");
    tstory a;
    make_story(&a, "ap-1", 20180918, "AP", NULL, WIRE);
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", NULL), DYAD_OK);
    dyad_store_close(st);
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("rofile.db"));
    assert_int_equal(chmod(p, 0444), 0);
    if (geteuid() != 0) {
        assert_int_equal(read_only_checks(p), 0);
    } else {
        /* root may write anything: check as an unprivileged user, in a child, with the
         * directory unwritable too (so SQLite cannot create its WAL index there). */
        assert_int_equal(chmod(dbdir, 0755), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) || setuid(65534)) _exit(9);
            _exit(read_only_checks(p));
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        chmod(dbdir, 0700);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    chmod(p, 0644);
}

static void test_locked_database(void **state) {
    (void)state;
    dyad_store *st = open_new("locked.db");
    sqlite3 *other;
    assert_int_equal(sqlite3_open(db_path("locked.db"), &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    dyad_store_set_busy_timeout(st, 50);
    tstory a;
    make_story(&a, "ap-1", 20180918, "AP", NULL, WIRE);
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", NULL), DYAD_EDB);
    assert_non_null(strstr(dyad_store_errmsg(st), "lock"));
    /* Reading goes on under WAL while the other connection writes. */
    dyad_store_query q = {0};
    assert_int_equal(query_count(st, &q), 0);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    /* Once the lock is gone the same story goes in: nothing half-written stood in the way. */
    dyad_store_result r;
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    dyad_store_close(st);
}

static void test_disk_full_keeps_what_was_committed(void **state) {
    (void)state;
    /* A file-size limit stands in for a full disk: the write of the second story comes
     * up short, SQLite fails it (SQLITE_FULL or an I/O error) and rolls it back. */
    dyad_store *st = open_new("full.db");
    tstory a, b;
    make_story(&a, "ap-1", 20180918, "AP", NULL, WIRE);
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", NULL), DYAD_OK);
    struct stat sb;
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", db_path("full.db"));
    assert_int_equal(stat(wal, &sb), 0);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = (rlim_t)sb.st_size + 2048;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    static char big[6000];
    memset(big, 'x', sizeof big - 1);
    static const char *body[3];
    body[0] = big;
    body[1] = "The rest of the story.";
    body[2] = NULL;
    make_story(&b, "ap-2", 20180919, "AP", NULL, body);
    int rc = dyad_store_add(st, &b.s, NULL, 0, "v1", NULL);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    assert_int_equal(rc, DYAD_EDB);
    assert_true(strlen(dyad_store_errmsg(st)) > 0);
    dyad_store_close(st);
    /* What was committed is intact, and with room again the story goes in. */
    assert_int_equal(dyad_store_open(db_path("full.db"), 0, &st), DYAD_OK);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.stories, 1);
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", NULL), DYAD_OK);
    dyad_store_close(st);
}

static int setup(void **state) {
    (void)state;
    return mkdtemp(dbdir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
    return system(cmd) == 0 ? 0 : -1;
}


/* --- the timeline aggregate against the scan ------------------------------------------ */

/* Near-duplicates (AGG_W1 and its copy AGG_W2 form one story group), one-a-day collisions
 * (the same dyad, day and code, also with a different Goldstein value), both directions,
 * a dyad of one country with itself, codes too short for a country prefix, an undated
 * event and a week that straddles two months. */
static const char *const AGG_W1[] = {
    "Secretary of State Mike Pompeo met Chinese Foreign Minister Wang Yi in New York on Monday as the two sides sought to calm a dispute over tariffs.",
    "Wang accused Washington of bullying Chinese companies and warned that Beijing would defend its interests, according to a statement from his ministry.",
    "Pompeo told reporters afterwards that the talks had been candid and that both governments wanted trade negotiators to meet again before the end of the month.",
    NULL};
static const char *const AGG_W2[] = {
    "By Matthew Lee, The Associated Press",
    "Secretary of State Mike Pompeo met Chinese Foreign Minister Wang Yi in New York on Monday as the two sides sought to calm a dispute over tariffs.",
    "Wang accused Washington of bullying Chinese companies and warned that Beijing would defend its interests, according to a statement from his ministry.",
    "Pompeo told reporters afterwards that the talks had been candid and that both governments wanted trade negotiators to meet again before the end of the month.",
    NULL};
static const char *const AGG_S3[] = {
    "American and Chinese trade envoys met in Washington on Monday for the first time since July.",
    "Russian troops detained Ukrainian sailors near the Kerch Strait, Kyiv said.", NULL};
static const char *const AGG_S4[] = {
    "China agreed on Tuesday to resume purchases of American pork and soybeans.",
    "The White House praised the Treasury for its handling of the talks.", NULL};

static dyad_event agg_ev(const tstory *t, uint32_t sent, int32_t date, const char *src,
                         const char *tgt, const char *code, int quad, double g) {
    dyad_event e = make_event(t, sent, src, tgt, code, quad, g, NULL, NULL, NULL);
    e.date = date;
    return e;
}

static tstory agg_t[4];

/* The events of story i (0..3) under dictionary version v (1 or 2): version 2 drops
 * a1's first 036 (the one a2 repeats) and turns its 112 into 111, and moves a3's 3.4 036
 * first in scan order and drops its Russian event. */
static size_t agg_events(size_t i, int v, dyad_event *e) {
    const tstory *t = &agg_t[i];
    size_t n = 0;
    switch (i) {
    case 0:
        if (v == 1) e[n++] = agg_ev(t, 0, 20190902, "USAGOV", "CHNGOV", "036", 1, 4.0);
        e[n++] = agg_ev(t, 1, 20190902, "CHNGOV", "USAGOV", v == 1 ? "112" : "111", 3, -2.0);
        e[n++] = agg_ev(t, 2, 20190902, "USA", "CHN", "036", 1, 4.0);
        break;
    case 1:
        e[n++] = agg_ev(t, 1, 20190902, "USAGOV", "CHNGOV", "036", 1, 4.0); /* a1's */
        e[n++] = agg_ev(t, 2, 20190904, "USAGOV", "CHNGOV", "036", 1, 4.0);
        e[n++] = agg_ev(t, 2, 20190904, "CHNGOV", "USAGOV", "036", 1, 4.0);
        e[n++] = agg_ev(t, 1, 20191001, "CHNGOV", "USAMIL", "112", 3, -2.0);
        break;
    case 2:
        e[n++] = agg_ev(t, 0, 20190930, "USAGOV", "CHNGOV", "036", 1, v == 1 ? 4.0 : 3.4);
        e[n++] = agg_ev(t, 0, 20190930, "USAGOV", "CHNGOV", "036", 1, v == 1 ? 3.4 : 2.8);
        if (v == 1) e[n++] = agg_ev(t, 1, 20190930, "RUSMIL", "UKR", "173", 4, -5.0);
        e[n++] = agg_ev(t, 1, 20190930, "US", "CHNGOV", "173", 4, -5.0);
        e[n++] = agg_ev(t, 1, 0, "USAGOV", "CHNGOV", "036", 1, 4.0);
        break;
    default:
        e[n++] = agg_ev(t, 0, 20191001, "CHNGOV", "USAGOV", "061", 2, 6.4);
        e[n++] = agg_ev(t, 1, 20191001, "USAGOV", "USATRS", "051", 1, 3.4);
        e[n++] = agg_ev(t, 1, 20191001, "USAGOV", "USATRS", "051", 1, 3.4);
        break;
    }
    return n;
}

static void agg_build(const char *name) {
    dyad_store *st = open_new(name);
    make_story(&agg_t[0], "a1", 20190902, "AP", NULL, AGG_W1);
    make_story(&agg_t[1], "a2", 20190904, "Star Tribune", NULL, AGG_W2);
    make_story(&agg_t[2], "a3", 20190930, "Reuters", NULL, AGG_S3);
    make_story(&agg_t[3], "a4", 20191001, "AP", NULL, AGG_S4);
    dyad_event e[8];
    dyad_store_result r;
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    for (size_t i = 0; i < 2; i++) {
        size_t n = agg_events(i, 1, e);
        assert_int_equal(dyad_store_add(st, &agg_t[i].s, e, n, "v1", &r), DYAD_OK);
        assert_int_equal(r, DYAD_STORE_ADDED);
    }
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    /* outside a batch: a story is its own transaction */
    for (size_t i = 2; i < 4; i++) {
        size_t n = agg_events(i, 1, e);
        assert_int_equal(dyad_store_add(st, &agg_t[i].s, e, n, "v1", &r), DYAD_OK);
        assert_int_equal(r, DYAD_STORE_ADDED);
    }
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.stories, 4);
    assert_int_equal(info.groups, 3); /* a2 joined a1's group */
    dyad_store_close(st);
}

static int agg_recode(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    static dyad_event out[8];
    (void)ud;
    size_t i = (size_t)(s->id[1] - '1');
    assert_true(i < 4);
    *n = agg_events(i, 2, out);
    *ev = out;
    return DYAD_OK;
}

/* agg_recode, and for the n stories of test_top_lists_follow_store_changes: n1 keeps
 * one event, n2 keeps none, n3 (undated) changes its code, n4 (rolled back) is absent. */
static int top_recode(void *ud, const dyad_story *s, const dyad_event **ev, size_t *n) {
    static dyad_event out[8];
    static tstory t;
    static const char *const body[] = {"Seoul proposed talks with Tokyo on Monday.",
                                       "Tokyo rejected the offer.", NULL};
    if (s->id[0] == 'a') return agg_recode(ud, s, ev, n);
    make_story(&t, s->id, s->date, "AP", NULL, body);
    *n = 0;
    if (!strcmp(s->id, "n1")) out[(*n)++] = agg_ev(&t, 0, 20190915, "KORGOV", "JPNGOV", "036", 1, 4.0);
    if (!strcmp(s->id, "n3")) out[(*n)++] = agg_ev(&t, 0, 0, "KORGOV", "", "0873", 2, 5.0);
    *ev = out;
    return DYAD_OK;
}

/* The timeline as one string per row, every field. */
typedef struct tltext {
    char s[1 << 17];
    size_t len;
} tltext;

static int tl_text(void *ud, const dyad_store_timeline_row *r) {
    tltext *t = ud;
    assert_true(t->len < sizeof t->s - 256);
    t->len += (size_t)snprintf(t->s + t->len, sizeof t->s - t->len,
                               "%d ev=%llu q=%llu/%llu/%llu/%llu g=%a m=%a st=%llu tot=%llu\n",
                               r->period, (unsigned long long)r->events,
                               (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
                               (unsigned long long)r->quad[3], (unsigned long long)r->quad[4],
                               r->goldstein_sum, r->goldstein_mean, (unsigned long long)r->stories,
                               (unsigned long long)r->total_stories);
    return DYAD_OK;
}

/* Fails at the first line where the two listings differ, showing it. */
static void tl_same(const tltext *got, const tltext *want) {
    const char *g = got->s, *w = want->s, *head = got->s;
    while (*g && *g == *w) {
        if (*g == '\n') head = g + 1;
        g++;
        w++;
    }
    if (*g || *w) {
        const char *q = head;
        while (q > got->s + 1 && q[-2] != '\n') q--;
        fprintf(stderr, "timelines differ after:\n%.*s\ngot:  %.80s\nwant: %.80s\n",
                (int)(head - q), q, head, want->s + (head - got->s));
    }
    assert_string_equal(got->s, want->s);
}

/* Every week and month timeline of the prefix pairs, both directions or one, raw or one
 * a day, whole and over aligned date ranges, appended to out. */
static void agg_all_timelines(dyad_store *st, tltext *out) {
    /* "", "": every event (dyad_agg's cells of every event from version 9) */
    static const char *const pairs[][2] = {{"USA", "CHN"}, {"CHN", "USA"}, {"USA", "USA"},
                                           {"RUS", "UKR"}, {"UKR", "RUS"}, {"CHN", "CHN"},
                                           {"", ""}};
    static const dyad_store_query ranges[] = {{0}, {.from = 20190901, .to = 20190930},
                                              {.from = 20190902, .to = 20190929}};
    memset(out, 0, sizeof *out);
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++)
        for (int by = DYAD_STORE_BY_WEEK; by <= DYAD_STORE_BY_MONTH; by++)
            for (int both = 0; both < 2; both++)
                for (int raw = 0; raw < 2; raw++)
                    for (size_t q = 0; q < 3; q++) {
                        assert_true(out->len < sizeof out->s - 256);
                        out->len += (size_t)snprintf(out->s + out->len, sizeof out->s - out->len,
                                                     "%s %s by%d both%d raw%d q%zu\n", pairs[p][0],
                                                     pairs[p][1], by, both, raw, q);
                        assert_int_equal(dyad_store_timeline(st, pairs[p][0], pairs[p][1],
                                                             (dyad_store_period)by, both, raw,
                                                             &ranges[q], tl_text, out),
                                         DYAD_OK);
                    }
    assert_true(out->len < sizeof out->s - 1);
}

/* Takes a store back before schema version 9: no top_codes, top_dyads. */
#define TOP_DROP "DROP TABLE top_codes; DROP TABLE top_dyads;"

static int top_text(void *ud, const char *name, uint64_t count) {
    tltext *t = ud;
    assert_true(t->len < sizeof t->s - 256);
    t->len += (size_t)snprintf(t->s + t->len, sizeof t->s - t->len, "  %s %llu\n", name,
                               (unsigned long long)count);
    return DYAD_OK;
}

/* Every top list of the store (actors, dyads, codes; all, or the first 2) over no dates,
 * whole months, and cut months (which the events answer). */
static void agg_all_tops(dyad_store *st, tltext *out) {
    static const dyad_store_query ranges[] = {{0},
                                              {.from = 20190901, .to = 20190930},
                                              {.from = 20191001},
                                              {.to = 20190930},
                                              {.from = 20190902, .to = 20190929}};
    memset(out, 0, sizeof *out);
    for (int k = DYAD_STORE_TOP_ACTORS; k <= DYAD_STORE_TOP_CODES; k++)
        for (size_t q = 0; q < sizeof ranges / sizeof ranges[0]; q++)
            for (size_t n = 0; n <= 2; n += 2) {
                assert_true(out->len < sizeof out->s - 256);
                out->len += (size_t)snprintf(out->s + out->len, sizeof out->s - out->len,
                                             "top%d q%zu n%zu\n", k, q, n);
                assert_int_equal(dyad_store_top(st, (dyad_store_top_kind)k, &ranges[q], n,
                                                top_text, out),
                                 DYAD_OK);
            }
}

/* Copies the database src to dst as schema version 8 (no top_codes, top_dyads). */
static void v8_downgrade(const char *src, const char *dst) {
    FILE *in = fopen(src, "rb"), *o = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(o);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, o), n);
    fclose(in);
    fclose(o);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dst, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, TOP_DROP " UPDATE meta SET value = '8' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

/* Takes a store back to schema version 3: without the events' places and date
 * precision (version 4), geo_agg by QuadClass and its indexes (version 5), geo_cells
 * (version 7). */
#define V4_DROP                                                                            \
    TOP_DROP " DROP TABLE geo_cells; DROP TRIGGER events_cells_insert; DROP TRIGGER events_cells_delete;" \
    " DROP TRIGGER events_cells_update;" \
    " DROP INDEX events_adm1; DROP INDEX events_grid; DROP TABLE geo_agg;" \
    " DROP TRIGGER events_geo_insert; DROP TRIGGER events_geo_delete;" \
    " DROP TRIGGER events_geo_update;" \
    " DROP INDEX events_country; DROP INDEX events_latlon; DROP VIEW events_raw;" \
    " ALTER TABLE events DROP COLUMN date_precision;" \
    " ALTER TABLE events DROP COLUMN location_precision;" \
    " ALTER TABLE events DROP COLUMN location_country2;" \
    " ALTER TABLE events DROP COLUMN location_adm1;" \
    " ALTER TABLE events DROP COLUMN location_region;" \
    " ALTER TABLE events DROP COLUMN location_name;" \
    " ALTER TABLE events DROP COLUMN location_full_name;" \
    " ALTER TABLE events DROP COLUMN location_lat;" \
    " ALTER TABLE events DROP COLUMN location_lon;" \
    " ALTER TABLE events DROP COLUMN location_feature_id;" \
    " ALTER TABLE events DROP COLUMN location_from;" \
    " ALTER TABLE events DROP COLUMN location_start;" \
    " ALTER TABLE events DROP COLUMN location_end;" \
    " ALTER TABLE events_previous DROP COLUMN date_precision;" \
    " ALTER TABLE events_previous DROP COLUMN location_precision;" \
    " ALTER TABLE events_previous DROP COLUMN location_country2;" \
    " ALTER TABLE events_previous DROP COLUMN location_adm1;" \
    " ALTER TABLE events_previous DROP COLUMN location_region;" \
    " ALTER TABLE events_previous DROP COLUMN location_name;" \
    " ALTER TABLE events_previous DROP COLUMN location_full_name;" \
    " ALTER TABLE events_previous DROP COLUMN location_lat;" \
    " ALTER TABLE events_previous DROP COLUMN location_lon;" \
    " ALTER TABLE events_previous DROP COLUMN location_feature_id;" \
    " ALTER TABLE events_previous DROP COLUMN location_from;" \
    " ALTER TABLE events_previous DROP COLUMN location_start;" \
    " ALTER TABLE events_previous DROP COLUMN location_end;"

/* Copies the database src to dst as schema version 1: no aggregate, each event's rules
 * written inline (a JSON array of objects) and no rules table. */
#define INLINE_RULES(t)                                                                    \
    "(SELECT json_group_array(json_object('kind', x.kind, 'file', x.file, 'line', x.line,"  \
    " 'text', x.text)) FROM (SELECT r.kind, r.file, r.line, r.text FROM json_each(" t ".rules) j" \
    " JOIN rules r ON r.key = j.value ORDER BY j.key) x)"
static void agg_downgrade(const char *src, const char *dst) {
    FILE *in = fopen(src, "rb"), *o = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(o);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, o), n);
    fclose(in);
    fclose(o);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dst, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, V4_DROP, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE dyad_agg;"
                                  " UPDATE events SET rules = " INLINE_RULES("events") ";"
                                  " UPDATE events_previous SET rules = "
                                  INLINE_RULES("events_previous") ";"
                                  " DROP TABLE rules; UPDATE meta SET value = '1'"
                                  " WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

static dyad_store *agg_open(const char *name, unsigned flags) {
    dyad_store *st = NULL;
    int rc = dyad_store_open(db_path(name), flags, &st);
    if (rc) fprintf(stderr, "open: %s\n", dyad_store_errmsg(st));
    assert_int_equal(rc, DYAD_OK);
    return st;
}

/* The rules of an event as "kind file:line text; ..." */
static void rules_text(const dyad_event *e, char *out, size_t cap) {
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < e->n_rules && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s %s:%llu %s; ", e->rules[i].kind,
                              e->rules[i].file, (unsigned long long)e->rules[i].line,
                              e->rules[i].text);
}

static void story_rules(dyad_store *st, const char *id, size_t event, char *out, size_t cap) {
    dyad_store_story *ss = NULL;
    assert_int_equal(dyad_store_story_fetch(st, id, &ss), DYAD_OK);
    assert_true(event < ss->n_events);
    rules_text(&ss->events[event], out, cap);
    dyad_store_story_free(ss);
}

static long long sql_count(const char *db, const char *sql) {
    sqlite3 *h;
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(h);
    return n;
}

/* Each distinct dictionary entry is stored once in `rules` and events refer to it by key;
 * a rolled-back batch leaves no key behind that a later story could be given; a store
 * written with inline rules (schema version 1 or 2) reads the same, before and after its
 * migration. */
static void test_rules_are_stored_once_by_key(void **state) {
    (void)state;
    static const dyad_rule fresh[] = {{"verb", "data/verbs/new.txt", 9, "NEW PATTERN + [042]"}};
    static const dyad_rule later[] = {
        {"verb", "data/verbs/meet.txt", 41, "HOLD TALKS WITH + [043]"},
        {"verb", "data/verbs/new.txt", 9, "NEW PATTERN + [042]"},
    };
    dyad_store *st = archive("rules.db");
    char p[512], v1[512], got[1024];
    snprintf(p, sizeof p, "%s", db_path("rules.db"));
    snprintf(v1, sizeof v1, "%s", db_path("rules-v1.db"));
    /* A batch that stores a new entry is rolled back... */
    tstory a, b, c;
    static const char *const body[] = {"Seoul proposed talks with Tokyo on Monday.", NULL};
    static const char *const body2[] = {"Tokyo agreed to hold talks with Seoul on Friday.", NULL};
    static const char *const body3[] = {"Seoul again proposed talks with Tokyo.", NULL};
    make_story(&a, "r1", 20190905, "AP", NULL, body);
    make_story(&b, "r2", 20190906, "AP", NULL, body2);
    make_story(&c, "r3", 20190907, "AP", NULL, body3);
    dyad_event ea = make_event(&a, 0, "KORGOV", "JPNGOV", "042", 1, 1.9, "Seoul", "proposed", "Tokyo");
    ea.rules = fresh;
    ea.n_rules = 1;
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &a.s, &ea, 1, "v1", NULL), DYAD_OK);
    assert_int_equal(dyad_store_rollback(st), DYAD_OK);
    /* ...then a story names a different new entry first, and the rolled-back one second:
     * each must come back as itself. */
    dyad_event eb = make_event(&b, 0, "JPNGOV", "KORGOV", "043", 1, 2.8, "Tokyo", "agreed", "Seoul");
    eb.rules = later;
    eb.n_rules = 2;
    assert_int_equal(dyad_store_add(st, &b.s, &eb, 1, "v1", NULL), DYAD_OK);
    dyad_event ec = make_event(&c, 0, "KORGOV", "JPNGOV", "036", 1, 4.0, "Seoul", "proposed", "Tokyo");
    ec.rules = RULES_V1;
    ec.n_rules = 2;
    assert_int_equal(dyad_store_add(st, &c.s, &ec, 1, "v1", NULL), DYAD_OK);
    static const char want_b[] = "verb data/verbs/meet.txt:41 HOLD TALKS WITH + [043]; "
                                 "verb data/verbs/new.txt:9 NEW PATTERN + [042]; ";
    static const char want_c[] = "actor data/actors/korea.txt:12 SOUTH_KOREA [KOR]; "
                                 "verb data/verbs/meet.txt:40 MEET + [036]; ";
    story_rules(st, "r2", 0, got, sizeof got);
    assert_string_equal(got, want_b);
    story_rules(st, "r3", 0, got, sizeof got);
    assert_string_equal(got, want_c);
    dyad_store_close(st);
    /* Four distinct entries, each once, however many events name them. */
    assert_int_equal(sql_count(p, "SELECT count(*) FROM rules"), 4);
    assert_int_equal(sql_count(p, "SELECT count(DISTINCT kind || file || line || text) FROM rules"), 4);
    assert_int_equal(sql_count(p, "SELECT count(*) FROM events WHERE rules LIKE '%{%'"), 0);
    /* The same store as version 1 wrote it (rules inline), read-only, then migrated. */
    agg_downgrade(p, v1);
    assert_int_equal(sql_count(v1, "SELECT count(*) FROM events WHERE rules LIKE '[{%'"), 3);
    for (int round = 0; round < 2; round++) {
        st = agg_open("rules-v1.db", round ? 0 : DYAD_STORE_READONLY);
        story_rules(st, "r2", 0, got, sizeof got);
        assert_string_equal(got, want_b);
        story_rules(st, "r3", 0, got, sizeof got);
        assert_string_equal(got, want_c);
        story_rules(st, "s1", 0, got, sizeof got);
        assert_string_equal(got, want_c);
        dyad_store_close(st);
    }
    assert_int_equal(sql_count(v1, "SELECT count(*) FROM rules"), 4);
    assert_int_equal(sql_count(v1, "SELECT count(*) FROM events WHERE rules LIKE '%{%'"), 0);
}

/* The aggregate's timelines equal the scan's (a read-only version-1 copy has no
 * aggregate and scans): after ingest, after a recode, and after a migration. */
static void test_timeline_aggregate_equals_scan(void **state) {
    (void)state;
    static tltext agg, scan;
    char src[512], dst[512];
    agg_build("agg.db");
    snprintf(src, sizeof src, "%s", db_path("agg.db"));
    snprintf(dst, sizeof dst, "%s", db_path("agg-v1.db"));
    for (int round = 0; round < 2; round++) {
        dyad_store *st = agg_open("agg.db", 0);
        if (round == 1) {
            uint64_t n = 0;
            assert_int_equal(dyad_store_recode(st, "v2", agg_recode, NULL, &n), DYAD_OK);
            assert_int_equal(n, 4);
        }
        agg_all_timelines(st, &agg);
        static tltext tops, tops_scan;
        agg_all_tops(st, &tops);
        dyad_store_close(st);
        agg_downgrade(src, dst);
        st = agg_open("agg-v1.db", DYAD_STORE_READONLY);
        dyad_store_info info;
        assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
        assert_int_equal(info.schema_version, 1);
        agg_all_timelines(st, &scan);
        agg_all_tops(st, &tops_scan);
        dyad_store_close(st);
        tl_same(&agg, &scan);
        tl_same(&tops, &tops_scan);
        assert_non_null(strstr(tops.s, "top2 q0 n2\n  ")); /* the lists are not empty */
        /* Opened writable, the copy is migrated: the aggregate is built from its events. */
        st = agg_open("agg-v1.db", 0);
        assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
        assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
        agg_all_timelines(st, &agg);
        dyad_store_close(st);
        tl_same(&agg, &scan);
    }
}

/* The top lists of store p equal those its events give (a copy as schema version 8
 * has no top_codes or top_dyads: its top lists scan the events). */
static void tops_equal_scan(const char *name) {
    static tltext tops, tops_scan;
    char p[512], v8[520];
    snprintf(p, sizeof p, "%s", db_path(name));
    snprintf(v8, sizeof v8, "%s-v8", p);
    dyad_store *st = agg_open(name, DYAD_STORE_READONLY);
    agg_all_tops(st, &tops);
    dyad_store_close(st);
    v8_downgrade(p, v8);
    st = NULL;
    assert_int_equal(dyad_store_open(v8, DYAD_STORE_READONLY, &st), DYAD_OK);
    agg_all_tops(st, &tops_scan);
    dyad_store_close(st);
    tl_same(&tops, &tops_scan);
    assert_non_null(strstr(tops.s, "top2 q0 n2\n  ")); /* the lists are not empty */
}

/* top_codes and top_dyads follow every change written through the store, summed per
 * transaction (agg.c): keys new to the store, to the batch, repeated within a batch, of
 * undated events, a rolled-back batch, a recode that drops and changes keys; no trigger
 * keeps them. */
static void test_top_lists_follow_store_changes(void **state) {
    (void)state;
    agg_build("top-api.db");
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("top-api.db"));
    assert_int_equal(sql_count(p, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name LIKE 'events_top%'"), 0);
    tops_equal_scan("top-api.db");
    static const char *const body[] = {"Seoul proposed talks with Tokyo on Monday.",
                                       "Tokyo rejected the offer.", NULL};
    static const char *const body3[] = {"Seoul proposed talks with Tokyo.", "No date was given.",
                                        NULL};
    static tstory t[4];
    make_story(&t[0], "n1", 20190915, "AP", NULL, body);
    static const char *const body2[] = {"Seoul proposed talks with Tokyo on Monday, Yonhap said.",
                                        "Tokyo rejected the offer.", NULL};
    make_story(&t[1], "n2", 20190915, "Yonhap", "Talks offered", body2);
    make_story(&t[2], "n3", 0, "AFP", NULL, body3);
    make_story(&t[3], "n4", 20191103, "Kyodo", "Talks", body3);
    dyad_store_result r;
    /* a rolled-back batch leaves nothing */
    dyad_store *st = agg_open("top-api.db", 0);
    dyad_event e[3];
    e[0] = agg_ev(&t[3], 0, 20191103, "KORGOV", "JPNGOV", "0874", 2, 5.0);
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &t[3].s, e, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_rollback(st), DYAD_OK);
    dyad_store_close(st);
    tops_equal_scan("top-api.db");
    assert_int_equal(sql_count(p, "SELECT count(*) FROM top_codes WHERE code = '0874'"), 0);
    /* one batch: a new key twice (two stories), a key already stored, an undated event
     * with a code new to the store */
    st = agg_open("top-api.db", 0);
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    e[0] = agg_ev(&t[0], 0, 20190915, "KORGOV", "JPNGOV", "036", 1, 4.0);
    e[1] = agg_ev(&t[0], 1, 20190902, "USAGOV", "CHNGOV", "036", 1, 4.0); /* a1's key */
    assert_int_equal(dyad_store_add(st, &t[0].s, e, 2, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    e[0] = agg_ev(&t[1], 1, 20190915, "KORGOV", "JPNGOV", "036", 1, 4.0);
    e[1] = agg_ev(&t[1], 2, 20190915, "JPNGOV", "KORGOV", "120", 3, -4.0);
    assert_int_equal(dyad_store_add(st, &t[1].s, e, 2, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    e[0] = agg_ev(&t[2], 0, 0, "KORGOV", "", "0874", 2, 5.0);
    assert_int_equal(dyad_store_add(st, &t[2].s, e, 1, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    dyad_store_close(st);
    tops_equal_scan("top-api.db");
    assert_int_equal(sql_count(p, "SELECT n FROM top_codes WHERE month = 0 AND code = '0874'"), 1);
    assert_int_equal(sql_count(p, "SELECT n FROM top_dyads WHERE month = 201909 AND source ="
                                  " 'KORGOV' AND target = 'JPNGOV'"), 1);
    /* a recode: keys dropped, changed and kept */
    st = agg_open("top-api.db", 0);
    uint64_t n = 0;
    assert_int_equal(dyad_store_recode(st, "v2", top_recode, NULL, &n), DYAD_OK);
    assert_int_equal(n, 7);
    dyad_store_close(st);
    tops_equal_scan("top-api.db");
}

/* The triggers that kept top_codes and top_dyads in schema version 9, as it wrote them. */
#define V9_TOP_KEY(r, x)                                                                   \
    "source = " r ".source AND target = " r ".target AND date = " r ".date AND code = "    \
    r ".code" x
#define V9_TOP_ADD(r)                                                                      \
    "INSERT INTO top_codes VALUES(-1, " r ".code, 1), (" r ".date / 100, " r ".code, 1)"    \
    " ON CONFLICT DO UPDATE SET n = n + 1;"                                                \
    " INSERT INTO top_dyads VALUES(-1, " r ".source, " r ".target, 1),"                    \
    " (" r ".date / 100, " r ".source, " r ".target, 1) ON CONFLICT DO UPDATE SET n = n + 1;"
#define V9_TOP_SUB(r)                                                                      \
    "UPDATE top_codes SET n = n - 1 WHERE month IN (-1, " r ".date / 100) AND code = "     \
    r ".code; UPDATE top_dyads SET n = n - 1 WHERE month IN (-1, " r ".date / 100) AND"    \
    " source = " r ".source AND target = " r ".target;"
#define V9_TRIGGERS                                                                        \
    "CREATE TRIGGER events_top_insert AFTER INSERT ON events WHEN NOT EXISTS(SELECT 1"      \
    " FROM events WHERE " V9_TOP_KEY("new", " AND id <> new.id") ") BEGIN "                \
    V9_TOP_ADD("new") " END;"                                                              \
    "CREATE TRIGGER events_top_delete AFTER DELETE ON events WHEN NOT EXISTS(SELECT 1"     \
    " FROM events WHERE " V9_TOP_KEY("old", "") ") BEGIN " V9_TOP_SUB("old") " END;"

/* A store that schema version 9 wrote, with its triggers, is migrated on a writable
 * open: the triggers are dropped (else every new key would count twice) and the top
 * lists stay those of the events. */
static void test_v9_top_triggers_dropped(void **state) {
    (void)state;
    agg_build("top-v9.db");
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("top-v9.db"));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, V9_TRIGGERS " UPDATE meta SET value = '9' WHERE key ="
                                      " 'schema_version'", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sql_count(p, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name LIKE 'events_top%'"), 2);
    dyad_store *st = agg_open("top-v9.db", 0);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    static const char *const body[] = {"Seoul proposed talks with Tokyo on Monday.", NULL};
    static tstory t;
    make_story(&t, "m1", 20190915, "AP", NULL, body);
    dyad_event e[2] = {agg_ev(&t, 0, 20190915, "KORGOV", "JPNGOV", "036", 1, 4.0),
                       agg_ev(&t, 0, 20191001, "CHNGOV", "USAGOV", "061", 2, 6.4)};
    assert_int_equal(dyad_store_add(st, &t.s, e, 2, "v1", NULL), DYAD_OK);
    dyad_store_close(st);
    assert_int_equal(sql_count(p, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                  " AND name LIKE 'events_top%'"), 0);
    assert_int_equal(sql_count(p, "SELECT n FROM top_dyads WHERE month = 201909 AND source ="
                                  " 'KORGOV' AND target = 'JPNGOV'"), 1);
    tops_equal_scan("top-v9.db");
}

/* --- places ----------------------------------------------------------------------------- */

/* Copies the database src to dst as schema version 3. */
static void v3_downgrade(const char *src, const char *dst) {
    FILE *in = fopen(src, "rb"), *o = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(o);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, o), n);
    fclose(in);
    fclose(o);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dst, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, V4_DROP " UPDATE meta SET value = '3' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

/* Sets an event's place from the gazetteer: a city by name (in country cc3), or a
 * country by code when name is NULL. */
static void set_place(dyad_event *e, const char *name, const char *cc3, const char *from) {
    dyad_place p;
    if (name) assert_int_equal(dyad_geo_lookup(name, cc3, &p), DYAD_OK);
    else assert_int_equal(dyad_geo_country(cc3, &p), DYAD_OK);
    p.text = name ? name : cc3;
    p.from = from;
    e->place = p;
    e->location = p.text;
    e->location_country = p.country;
}

/* A store of five located events (Aleppo twice, Damascus, Seoul, Syria the country) and
 * one without a place. */
static dyad_store *placed(const char *name) {
    dyad_store *st = open_new(name);
    static tstory t;
    static const char *const body[] = {
        "Syrian troops shelled rebel positions in Aleppo on Monday.",
        "Rebels fired rockets at army posts in Aleppo, residents said.",
        "The government in Damascus accused Turkey of arming the rebels.",
        "North Korea fired two missiles off its east coast, Seoul said.",
        "Syria rejected the United Nations report.",
        "Officials met without saying where.", NULL};
    make_story(&t, "p1", 20190902, "AP", NULL, body);
    dyad_event e[] = {make_event(&t, 0, "SYRMIL", "SYRREB", "195", 4, -10.0, "Syrian troops", "shelled", "rebel"),
                      make_event(&t, 1, "SYRREB", "SYRMIL", "190", 4, -9.0, "Rebels", "fired", "army"),
                      make_event(&t, 2, "SYRGOV", "TUR", "112", 3, -2.0, "The government", "accused", "Turkey"),
                      make_event(&t, 3, "PRK", "", "190", 4, -10.0, "North Korea", "fired", NULL),
                      make_event(&t, 4, "SYR", "IGOUNO", "120", 3, -4.0, "Syria", "rejected", "United Nations"),
                      make_event(&t, 5, "USAGOV", "CHNGOV", "036", 1, 4.0, "Officials", "met", NULL)};
    set_place(&e[0], "Aleppo", "SYR", "sentence");
    e[0].place.span = (dyad_span){52, 58};
    e[0].date_precision = DYAD_DATE_MONTH;
    set_place(&e[1], "Aleppo", "SYR", "sentence");
    set_place(&e[2], "Damascus", "SYR", "sentence");
    set_place(&e[3], "Seoul", "KOR", "source");
    set_place(&e[4], NULL, "SYR", "actors");
    assert_int_equal(dyad_store_add(st, &t.s, e, 6, "v1", NULL), DYAD_OK);
    return st;
}

typedef struct cells {
    char text[2048];
    size_t n;
} cells;

static int cell_text(void *ud, const dyad_store_geo_cell *c) {
    cells *o = ud;
    o->n += (size_t)snprintf(o->text + o->n, sizeof o->text - o->n, "%s %s %s %.2f,%.2f %llu %.2f; ",
                             c->key, c->country ? c->country : "-", c->name ? c->name : "-", c->lat,
                             c->lon, (unsigned long long)c->count, c->goldstein);
    return DYAD_OK;
}

/* A stored event's place reads back as it was given; the place filters select by
 * country, distance and box; dyad_store_geo counts per country, region and grid cell. */
static void test_places_are_stored_and_queried(void **state) {
    (void)state;
    dyad_store *st = placed("places.db");
    dyad_store_story *ss = NULL;
    assert_int_equal(dyad_store_story_fetch(st, "p1", &ss), DYAD_OK);
    assert_int_equal(ss->n_events, 6);
    const dyad_place *p = &ss->events[0].place;
    assert_int_equal(p->precision, DYAD_GEO_CITY);
    assert_string_equal(p->name, "Aleppo");
    assert_string_equal(p->country, "SYR");
    assert_string_equal(p->country2, "SY");
    assert_string_equal(p->adm1, "SY09");
    assert_string_equal(p->from, "sentence");
    assert_true(p->feature_id > 0);
    assert_float_equal(p->lat, 36.2, 0.1);
    assert_float_equal(p->lon, 37.16, 0.1);
    assert_int_equal(p->span.start, 52);
    assert_int_equal(p->span.end, 58);
    assert_int_equal(ss->events[0].date_precision, DYAD_DATE_MONTH);
    assert_int_equal(ss->events[1].date_precision, DYAD_DATE_DAY);
    assert_int_equal(ss->events[4].place.precision, DYAD_GEO_COUNTRY);
    assert_string_equal(ss->events[4].place.from, "actors");
    assert_int_equal(ss->events[5].place.precision, DYAD_GEO_NONE);
    assert_null(ss->events[5].location);
    /* the JSONL of a stored event writes the place as `dyad code` does */
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_jsonl(&b, &ss->events[0]), DYAD_OK);
    assert_non_null(strstr(b.data, "\"location\":{\"text\":\"Aleppo\",\"country\":\"SYR\","
                                   "\"precision\":\"city\",\"name\":\"Aleppo\""));
    assert_non_null(strstr(b.data, "\"date_precision\":\"month\""));
    dyad_buf_free(&b);
    dyad_store_story_free(ss);

    dyad_store_query q = {.country = "SY"};
    assert_int_equal(query_count(st, &q), 4);
    q = (dyad_store_query){.country = "kor"};
    assert_int_equal(query_count(st, &q), 1);
    q = (dyad_store_query){.country = "XX"};
    uint64_t total = 0;
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);
    assert_non_null(strstr(dyad_store_errmsg(st), "not a country code"));
    /* Aleppo to Damascus is about 310 km; Aleppo to Syria's centroid about 235 km */
    q = (dyad_store_query){.near_lat = 36.2, .near_lon = 37.16, .near_km = 50};
    assert_int_equal(query_count(st, &q), 2);
    q.near_km = 300;
    assert_int_equal(query_count(st, &q), 3); /* + the country's centroid */
    q.near_km = 330;
    assert_int_equal(query_count(st, &q), 4); /* + Damascus */
    q = (dyad_store_query){.near_lat = 36.2, .near_lon = 37.16, .near_km = -1};
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);
    q = (dyad_store_query){.near_lat = 91, .near_lon = 0, .near_km = 10};
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);
    q = (dyad_store_query){.bbox = 1, .west = 35, .south = 32, .east = 42, .north = 37.5};
    assert_int_equal(query_count(st, &q), 4);
    q = (dyad_store_query){.bbox = 1, .west = 120, .south = 30, .east = 130, .north = 40};
    assert_int_equal(query_count(st, &q), 1);
    /* a box across the antimeridian: from 120 E east to 37 E (Seoul, Damascus; not
     * Aleppo at 37.16 E nor Syria's centroid at 38.5 E) */
    q = (dyad_store_query){.bbox = 1, .west = 120, .south = 30, .east = 37, .north = 40};
    assert_int_equal(query_count(st, &q), 2);
    q = (dyad_store_query){.bbox = 1, .west = 35, .south = 40, .east = 42, .north = 30};
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);

    cells c = {{0}, 0};
    uint64_t located = 0;
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, NULL, &total, &located, cell_text, &c),
                     DYAD_OK);
    assert_int_equal(total, 6);
    assert_int_equal(located, 5);
    assert_true(!strncmp(c.text, "SY SY Syria ", 12));
    assert_non_null(strstr(c.text, " 4 -6.25; KR KR South Korea "));
    memset(&c, 0, sizeof c);
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_ADM1, 0, NULL, &total, &located, cell_text, &c),
                     DYAD_OK);
    assert_int_equal(located, 4); /* the country-level place has no region */
    assert_true(!strncmp(c.text, "SY09 SY Aleppo ", 15));
    assert_non_null(strstr(c.text, " 2 -9.50; "));
    memset(&c, 0, sizeof c);
    dyad_store_query f = {.code = "quad:4"};
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_GRID, 1, &f, &total, &located, cell_text, &c),
                     DYAD_OK);
    assert_int_equal(total, 3);
    assert_string_equal(c.text, "36,37 - - 36.50,37.50 2 -9.50; 37,126 - - 37.50,126.50 1 -10.00; ");
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_GRID, 0, NULL, &total, &located, cell_text, &c),
                     DYAD_EINVAL);
    dyad_store_close(st);
}

/* The per-country map of a query of dates only (from geo_agg: whole months, and the
 * events of months cut by from or to) equals the scan over the events, for ranges on and
 * off month boundaries, after events are deleted (a recode), and with undated events;
 * so do the region and whole-degree grid maps (from geo_cells). */
static void test_geo_months_equal_scan(void **state) {
    (void)state;
    dyad_store *st = open_new("geo-months.db");
    static const int32_t dates[] = {20190115, 20190131, 20190201, 20190215, 20190228,
                                    20190301, 20190420, 0};
    static tstory t[8];
    static char id[8][16], text[8][64];
    for (int i = 0; i < 8; i++) {
        snprintf(id[i], sizeof id[i], "m%d", i);
        snprintf(text[i], sizeof text[i], "Troops shelled the town for the %d. time.", i + 1);
        const char *const body[] = {text[i], NULL};
        dyad_store_result added;
        make_story(&t[i], id[i], dates[i], "AP", NULL, body);
        dyad_event e[3] = {make_event(&t[i], 0, "SYRMIL", "SYRREB", "195", 4, -10.0 + i, "Troops", NULL, NULL),
                           make_event(&t[i], 0, "KORGOV", "PRK", "036", 1, 4.0, "Troops", NULL, NULL),
                           make_event(&t[i], 0, "USAGOV", "", "010", 1, 0, "Troops", NULL, NULL)};
        set_place(&e[0], NULL, "SYR", "actors");
        if (i % 2) set_place(&e[0], i % 4 == 1 ? "Aleppo" : "Damascus", "SYR", "sentence");
        if (i % 3) set_place(&e[1], "Seoul", "KOR", "sentence");
        assert_int_equal(dyad_store_add(st, &t[i].s, e, 3, "v1", &added), DYAD_OK);
        assert_int_equal(added, DYAD_STORE_ADDED);
    }
    static const int32_t ranges[][2] = {{0, 0}, {20190101, 20190228}, {20190116, 20190301},
                                        {20190201, 20190214}, {20190131, 20190131}, {0, 20190215},
                                        {20190301, 0}, {20190110, 20190420}, {20190201, 20190331}};
    for (int round = 0; round < 2; round++) {
        for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
            dyad_store_query fast = {.from = ranges[r][0], .to = ranges[r][1]};
            dyad_store_query scan = fast, all = fast;
            scan.bbox = 1, scan.west = -180, scan.south = -90, scan.east = 180, scan.north = 90;
            cells a = {{0}, 0}, b = {{0}, 0};
            uint64_t ta, la, tb, lb;
            assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, &fast, &ta, &la, cell_text, &a), DYAD_OK);
            assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, &scan, &tb, &lb, cell_text, &b), DYAD_OK);
            assert_string_equal(a.text, b.text);
            assert_int_equal(la, lb);
            assert_int_equal(ta, query_count(st, &all));
            fast.country = "KR";
            all.country = "KR";
            memset(&a, 0, sizeof a);
            assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, &fast, &ta, &la, cell_text, &a), DYAD_OK);
            assert_int_equal(la, query_count(st, &all));
            /* by QuadClass (schema version 5: geo_agg by quad) */
            for (int quad = 1; quad <= 4; quad++) {
                static const char *const codes[] = {"", "quad:1", "quad:2", "quad:3", "quad:4"};
                dyad_store_query fq = {.from = ranges[r][0], .to = ranges[r][1], .code = codes[quad]};
                dyad_store_query sq = fq, aq = fq;
                sq.bbox = 1, sq.west = -180, sq.south = -90, sq.east = 180, sq.north = 90;
                memset(&a, 0, sizeof a);
                memset(&b, 0, sizeof b);
                assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, &fq, &ta, &la, cell_text, &a), DYAD_OK);
                assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, &sq, &tb, &lb, cell_text, &b), DYAD_OK);
                assert_string_equal(a.text, b.text);
                assert_int_equal(la, lb);
                assert_int_equal(ta, query_count(st, &aq));
            }
            /* the region map and grid maps of whole degrees (schema version 7:
             * geo_cells), with and without a country and a QuadClass */
            static const struct {
                dyad_store_geo_level level;
                double cell;
                const char *country, *code;
            } maps[] = {{DYAD_STORE_GEO_ADM1, 0, NULL, NULL},   {DYAD_STORE_GEO_ADM1, 0, "SY", NULL},
                        {DYAD_STORE_GEO_ADM1, 0, NULL, "quad:1"}, {DYAD_STORE_GEO_GRID, 1, NULL, NULL},
                        {DYAD_STORE_GEO_GRID, 2, NULL, "quad:4"}, {DYAD_STORE_GEO_GRID, 5, "KR", NULL},
                        {DYAD_STORE_GEO_GRID, 90, NULL, NULL}};
            for (size_t m = 0; m < sizeof maps / sizeof *maps; m++) {
                dyad_store_query fq = {.from = ranges[r][0], .to = ranges[r][1], .country = maps[m].country,
                                       .code = maps[m].code};
                dyad_store_query sq = fq, aq = fq;
                sq.bbox = 1, sq.west = -180, sq.south = -90, sq.east = 180, sq.north = 90;
                memset(&a, 0, sizeof a);
                memset(&b, 0, sizeof b);
                assert_int_equal(dyad_store_geo(st, maps[m].level, maps[m].cell, &fq, &ta, &la, cell_text, &a),
                                 DYAD_OK);
                assert_int_equal(dyad_store_geo(st, maps[m].level, maps[m].cell, &sq, &tb, &lb, cell_text, &b),
                                 DYAD_OK);
                assert_string_equal(a.text, b.text);
                assert_int_equal(la, lb);
                assert_int_equal(ta, query_count(st, &aq));
            }
        }
        /* a recode: the events of two stories deleted (the triggers take them out), and
         * one story's events given another QuadClass by plain SQL */
        if (round == 0) {
            char p[512];
            snprintf(p, sizeof p, "%s", db_path("geo-months.db"));
            sqlite3 *db;
            assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
            assert_int_equal(sqlite3_exec(db, "DELETE FROM events WHERE story_key IN (2, 5)", NULL, NULL, NULL),
                             SQLITE_OK);
            assert_int_equal(sqlite3_exec(db, "UPDATE events SET quad_class = 3 WHERE story_key = 4", NULL, NULL, NULL),
                             SQLITE_OK);
            /* and one event moved to another region and cell */
            assert_int_equal(sqlite3_exec(db,
                                          "UPDATE events SET location_adm1 = 'SY13', location_lat = 33.5,"
                                          " location_lon = 36.3 WHERE id = (SELECT min(id) FROM events"
                                          " WHERE location_adm1 = 'SY09')",
                                          NULL, NULL, NULL),
                             SQLITE_OK);
            sqlite3_close(db);
        }
    }
    dyad_store_close(st);
}

/* A version-3 store (places as text and alpha-3 country only) reads as it is, refuses
 * the filters it cannot answer with a hint, and opened for writing is migrated: nothing
 * lost, alpha-2 countries filled in, places stored from then on. */
static void test_places_migration_from_version_3(void **state) {
    (void)state;
    dyad_store *st = placed("places-v4.db");
    dyad_store_close(st);
    char src[512], dst[512];
    snprintf(src, sizeof src, "%s", db_path("places-v4.db"));
    snprintf(dst, sizeof dst, "%s", db_path("places-v3.db"));
    v3_downgrade(src, dst);
    assert_int_equal(sql_count(dst, "SELECT count(*) FROM events"), 6);
    st = agg_open("places-v3.db", DYAD_STORE_READONLY);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, 3);
    dyad_store_query q = {.country = "SYR"};
    assert_int_equal(query_count(st, &q), 4);
    q = (dyad_store_query){.near_lat = 36.2, .near_lon = 37.16, .near_km = 50};
    uint64_t total;
    assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_EINVAL);
    assert_non_null(strstr(dyad_store_errmsg(st), "migrate"));
    dyad_store_story *ss = NULL;
    assert_int_equal(dyad_store_story_fetch(st, "p1", &ss), DYAD_OK);
    assert_string_equal(ss->events[0].location, "Aleppo");
    assert_int_equal(ss->events[0].place.precision, DYAD_GEO_NONE);
    dyad_store_story_free(ss);
    dyad_store_close(st);
    st = agg_open("places-v3.db", 0);
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    assert_int_equal(info.events, 6);
    q = (dyad_store_query){.country = "SY"};
    assert_int_equal(query_count(st, &q), 4);
    cells c = {{0}, 0};
    uint64_t located;
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_COUNTRY, 0, NULL, &total, &located, cell_text, &c),
                     DYAD_OK);
    assert_int_equal(located, 5);
    /* geo_cells built by the migration: every event, none with a region (version 3
     * kept none) */
    memset(&c, 0, sizeof c);
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_ADM1, 0, NULL, &total, &located, cell_text, &c),
                     DYAD_OK);
    assert_int_equal(total, 6);
    assert_int_equal(located, 0);
    dyad_store_close(st);
    assert_int_equal(sql_count(dst, "SELECT sum(n) FROM geo_cells"), 6);
    assert_int_equal(sql_count(dst, "SELECT count(*) FROM events WHERE location_country2 = 'SY'"), 4);
    assert_int_equal(sql_count(dst, "SELECT count(*) FROM events WHERE location IS NOT NULL"), 5);
}

/* --- an actor's pages by keyset ------------------------------------------------------ */

typedef struct idlist {
    int64_t id[6000];
    int32_t date[6000];
    size_t n;
} idlist;

static int collect_id(void *ud, const dyad_store_row *row) {
    idlist *l = ud;
    if (l->n < 6000) {
        l->id[l->n] = row->id;
        l->date[l->n] = row->event.date;
        l->n++;
    }
    return DYAD_OK;
}

/* Pages of limit rows through the cursor, concatenated, equal the one unlimited answer:
 * for an actor in every other event (found by walking the dates), one in every 50th,
 * and one only at the end (the walk gives up; the usual plan answers). */
static void test_actor_pages_by_keyset(void **state) {
    (void)state;
    dyad_store *st = open_new("actor-pages.db");
    static const char *const ONE[] = {"Officials met.", NULL};
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    for (int i = 0; i < 500; i++) {
        tstory t;
        char id[32];
        snprintf(id, sizeof id, "s-%d", i);
        char body[64];
        snprintf(body, sizeof body, "Officials met in round %d.", i);
        const char *b[] = {body, NULL};
        (void)ONE;
        make_story(&t, id, 20190101 + (i % 28), "AP", NULL, b);
        dyad_event ev[10];
        for (int k = 0; k < 10; k++) {
            int j = i * 10 + k;
            const char *src = j % 2 ? "USAGOV" : j % 50 == 0 ? "CHNGOV" : "FRAGOV";
            /* k == 3: USA on both sides (j is odd), counted once */
            const char *tgt = i == 499 && k == 9 ? "ZWEGOV" : k == 3 ? "USAMIL" : "DEUGOV";
            ev[k] = make_event(&t, 0, src, tgt, "036", 1, 4.0, NULL, NULL, NULL);
        }
        assert_int_equal(dyad_store_add(st, &t.s, ev, 10, "v1", NULL), DYAD_OK);
    }
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    static const char *const ACTORS[] = {"USA", "CHN", "ZWE"};
    static const size_t WANT[] = {2500, 100, 1};
    static idlist all, paged, page;
    for (size_t a = 0; a < 3; a++) {
        dyad_store_query q = {.actor = ACTORS[a]};
        all.n = paged.n = 0;
        assert_int_equal(dyad_store_query_events(st, &q, collect_id, &all), DYAD_OK);
        assert_int_equal(all.n, WANT[a]);
        uint64_t total = 0; /* what the first page of /api/events says */
        assert_int_equal(dyad_store_count_events(st, &q, &total), DYAD_OK);
        assert_int_equal(total, WANT[a]);
        for (size_t i = 1; i < all.n; i++) /* (date, id) order */
            assert_true(all.date[i - 1] < all.date[i] ||
                        (all.date[i - 1] == all.date[i] && all.id[i - 1] < all.id[i]));
        q.limit = 7;
        for (int guard = 0; guard < 1000; guard++) {
            page.n = 0;
            assert_int_equal(dyad_store_query_events(st, &q, collect_id, &page), DYAD_OK);
            for (size_t i = 0; i < page.n; i++) {
                paged.id[paged.n] = page.id[i];
                paged.date[paged.n++] = page.date[i];
            }
            if (page.n < q.limit) break;
            q.after_date = page.date[page.n - 1];
            q.after_id = page.id[page.n - 1];
        }
        assert_int_equal(paged.n, all.n);
        assert_memory_equal(paged.id, all.id, all.n * sizeof all.id[0]);
        /* a first page with from= starts at that date */
        dyad_store_query f = {.actor = ACTORS[a], .from = 20190115, .limit = 5};
        page.n = 0;
        assert_int_equal(dyad_store_query_events(st, &f, collect_id, &page), DYAD_OK);
        size_t k = 0;
        while (k < all.n && all.date[k] < 20190115) k++;
        for (size_t i = 0; i < page.n; i++) assert_true(page.date[i] >= 20190115);
        size_t want = all.n - k;
        if (want > 5) want = 5;
        dyad_store_query f2 = {.actor = ACTORS[a], .from = 20190115};
        static idlist ref;
        ref.n = 0;
        assert_int_equal(dyad_store_query_events(st, &f2, collect_id, &ref), DYAD_OK);
        assert_int_equal(page.n, ref.n < 5 ? ref.n : 5);
        assert_int_equal(dyad_store_count_events(st, &f2, &total), DYAD_OK);
        assert_int_equal(total, ref.n);
        assert_memory_equal(page.id, ref.id, page.n * sizeof page.id[0]);
        dyad_store_query f3 = {.actor = ACTORS[a], .code = "036", .to = 20190110};
        ref.n = 0;
        assert_int_equal(dyad_store_query_events(st, &f3, collect_id, &ref), DYAD_OK);
        assert_int_equal(dyad_store_count_events(st, &f3, &total), DYAD_OK);
        assert_int_equal(total, ref.n);
    }
    dyad_store_close(st);
}

/* A version-6 store (no geo_cells) is migrated by a writable open: geo_cells is built
 * from the events, its triggers keep it, and the region and grid maps from it equal the
 * maps the version-6 store gave by scanning. */
static void test_geo_cells_migration_from_version_6(void **state) {
    (void)state;
    dyad_store *st = placed("cells-v6.db");
    dyad_store_close(st);
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("cells-v6.db"));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "DROP TABLE geo_cells; DROP TRIGGER events_cells_insert;"
                                  " DROP TRIGGER events_cells_delete; DROP TRIGGER events_cells_update;"
                                  " UPDATE meta SET value = '6' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    cells v6[2], v7[2];
    uint64_t total, located[2];
    st = agg_open("cells-v6.db", DYAD_STORE_READONLY); /* read as it is: by scanning */
    memset(v6, 0, sizeof v6);
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_ADM1, 0, NULL, &total, &located[0], cell_text, &v6[0]),
                     DYAD_OK);
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_GRID, 1, NULL, &total, &located[1], cell_text, &v6[1]),
                     DYAD_OK);
    dyad_store_close(st);
    assert_int_equal(located[0], 4);
    assert_int_equal(located[1], 5);
    st = agg_open("cells-v6.db", 0);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    memset(v7, 0, sizeof v7);
    uint64_t l7[2];
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_ADM1, 0, NULL, &total, &l7[0], cell_text, &v7[0]), DYAD_OK);
    assert_int_equal(dyad_store_geo(st, DYAD_STORE_GEO_GRID, 1, NULL, &total, &l7[1], cell_text, &v7[1]), DYAD_OK);
    dyad_store_close(st);
    assert_string_equal(v6[0].text, v7[0].text);
    assert_string_equal(v6[1].text, v7[1].text);
    assert_int_equal(l7[0], 4);
    assert_int_equal(l7[1], 5);
    assert_int_equal(sql_count(p, "SELECT sum(n) FROM geo_cells"), 6);
    assert_int_equal(sql_count(p, "SELECT sum(n) FROM geo_cells WHERE adm1 = 'SY09'"), 2);
}

/* --- actors' places (schema version 8) ------------------------------------------------ */

static void assert_place_equal(const dyad_place *got, const dyad_place *want) {
    assert_int_equal(got->precision, want->precision);
    assert_string_equal(got->country, want->country);
    assert_string_equal(got->country2, want->country2);
    assert_string_equal(got->name, want->name);
    assert_string_equal(got->full_name, want->full_name);
    assert_string_equal(got->adm1 ? got->adm1 : "", want->adm1 ? want->adm1 : "");
    assert_string_equal(got->region ? got->region : "", want->region ? want->region : "");
    assert_true(fabs(got->lat - want->lat) < 1e-9 && fabs(got->lon - want->lon) < 1e-9);
    assert_int_equal(got->feature_id, want->feature_id);
    if (want->text) assert_string_equal(got->text, want->text);
    else assert_null(got->text);
    assert_string_equal(got->from, want->from);
    assert_int_equal(got->span.start, want->span.start);
    assert_int_equal(got->span.end, want->span.end);
}

/* An event's actors' places as dyad_store_query_events and dyad_store_story_fetch read
 * them back, compared with what was stored (strings only valid during the call). */
typedef struct actor_places {
    const dyad_place *source_want, *target_want;
    size_t n, unplaced;
} actor_places;

static int check_actor_places(void *ud, const dyad_store_row *row) {
    actor_places *o = ud;
    o->n++;
    if (!row->event.source_place.precision) {
        assert_int_equal(row->event.target_place.precision, 0);
        o->unplaced++;
        return DYAD_OK;
    }
    assert_place_equal(&row->event.source_place, o->source_want);
    assert_place_equal(&row->event.target_place, o->target_want);
    return DYAD_OK;
}

/* "Lagos police arrested opposition leaders in Abuja.": the source's place is the city
 * named in its phrase, the target's its country. */
static void lagos_event(tstory *t, const char *id, const char *sentence, dyad_event *e) {
    const char *const body[] = {sentence, NULL};
    make_story(t, id, 20190902, "AP", NULL, body);
    *e = make_event(t, 0, "NGACOP", "NGAOPP", "173", 4, -5.0, "Lagos police", "arrested",
                    "opposition leaders");
    assert_int_equal(dyad_geo_lookup("Lagos", "NGA", &e->source_place), DYAD_OK);
    e->source_place.text = "Lagos";
    e->source_place.from = "sentence";
    e->source_place.span = (dyad_span){0, 5};
    assert_int_equal(dyad_geo_country("NGA", &e->target_place), DYAD_OK);
    e->target_place.from = "actors";
    set_place(e, "Abuja", "NGA", "sentence");
}

static void test_actor_places_stored_and_migrated(void **state) {
    (void)state;
    dyad_store *st = open_new("actor-places.db");
    static tstory t1, t2;
    dyad_event e1, e2;
    lagos_event(&t1, "n1", "Lagos police arrested opposition leaders in Abuja.", &e1);
    assert_int_equal(e1.source_place.precision, DYAD_GEO_CITY);
    assert_true(e1.source_place.feature_id > 0);
    assert_int_equal(dyad_store_add(st, &t1.s, &e1, 1, "v1", NULL), DYAD_OK);
    actor_places o = {&e1.source_place, &e1.target_place, 0, 0};
    assert_int_equal(dyad_store_query_events(st, NULL, check_actor_places, &o), DYAD_OK);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.unplaced, 0);
    dyad_store_story *fs = NULL;
    assert_int_equal(dyad_store_story_fetch(st, "n1", &fs), DYAD_OK);
    assert_int_equal(fs->n_events, 1);
    assert_place_equal(&fs->events[0].source_place, &e1.source_place);
    assert_place_equal(&fs->events[0].target_place, &e1.target_place);
    dyad_store_story_free(fs);
    dyad_store_close(st);
    char p[512];
    snprintf(p, sizeof p, "%s", db_path("actor-places.db"));
    assert_int_equal(sql_count(p, "SELECT count(*) FROM events_raw WHERE source_place_name = 'Lagos'"
                                  " AND target_place_country = 'NGA' AND target_place_text IS NULL"),
                     1);

    /* The same store as version 7 wrote it: no actors' places. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    static const char *const cols[] = {"precision", "country", "country2", "adm1", "region", "name",
                                       "full_name", "lat", "lon", "feature_id", "text", "from",
                                       "start", "end"};
    assert_int_equal(sqlite3_exec(db, "DROP VIEW events_raw", NULL, NULL, NULL), SQLITE_OK);
    for (int tb = 0; tb < 2; tb++)
        for (int a = 0; a < 2; a++)
            for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
                char sql[128];
                snprintf(sql, sizeof sql, "ALTER TABLE %s DROP COLUMN %s_place_%s",
                         tb ? "events_previous" : "events", a ? "target" : "source", cols[k]);
                assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
            }
    assert_int_equal(sqlite3_exec(db, "UPDATE meta SET value = '7' WHERE key = 'schema_version'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    /* read as it is: the event, without actors' places */
    st = agg_open("actor-places.db", DYAD_STORE_READONLY);
    o.n = o.unplaced = 0;
    assert_int_equal(dyad_store_query_events(st, NULL, check_actor_places, &o), DYAD_OK);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.unplaced, 1);
    assert_int_equal(dyad_store_story_fetch(st, "n1", &fs), DYAD_OK);
    assert_int_equal(fs->events[0].source_place.precision, 0);
    dyad_store_story_free(fs);
    dyad_store_close(st);
    /* migrated by a writable open: the old event has none, a new one keeps its own */
    st = agg_open("actor-places.db", 0);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    lagos_event(&t2, "n2", "Lagos police arrested opposition leaders in Abuja again.", &e2);
    assert_int_equal(dyad_store_add(st, &t2.s, &e2, 1, "v1", NULL), DYAD_OK);
    o.n = o.unplaced = 0;
    assert_int_equal(dyad_store_query_events(st, NULL, check_actor_places, &o), DYAD_OK);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.unplaced, 1);
    /* a recode copies the events into events_previous column for column */
    int calls = 0;
    uint64_t n = 0;
    assert_int_equal(dyad_store_recode(st, "v2", recode_one, &calls, &n), DYAD_OK);
    assert_int_equal(n, 2);
    dyad_store_close(st);
    assert_int_equal(sql_count(p, "SELECT count(*) FROM events_previous WHERE source_place_name = 'Lagos'"), 1);
}

/* --- discards ------------------------------------------------------------------------ */

typedef struct dlist {
    char text[2048];
    size_t n;
} dlist;

static int discard_line(void *ud, const dyad_store_discard *d) {
    dlist *o = ud;
    size_t len = strlen(o->text);
    snprintf(o->text + len, sizeof o->text - len, "%s %s:%llu %d %s; ", d->story, d->file,
             (unsigned long long)d->line, (int)d->sentence, d->reason);
    o->n++;
    return DYAD_OK;
}

static int count_line(void *ud, const char *reason, uint64_t n) {
    dlist *o = ud;
    size_t len = strlen(o->text);
    snprintf(o->text + len, sizeof o->text - len, "%s=%llu ", reason, (unsigned long long)n);
    return DYAD_OK;
}

static void test_discards_are_kept_with_their_reason(void **state) {
    (void)state;
    dyad_store *st = open_new("discards.db");
    tstory a, b;
    dyad_store_result r;
    /* A stored story with a sentence over the byte limit: the store records it. */
    make_story(&a, "ap-1", 20180918, "AP", "Moon arrives in Pyongyang", WIRE);
    a.s.line = 3;
    a.sent[2].flags |= DYAD_SENT_SKIPPED;
    a.s.skipped_sentences = 1;
    assert_int_equal(dyad_store_add(st, &a.s, NULL, 0, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    /* Another text under the same id: refused, and recorded with the message. */
    make_story(&b, "ap-1", 20180918, "AP", NULL, OTHER);
    b.s.line = 9;
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_CONFLICT_ID);
    assert_non_null(strstr(dyad_store_errmsg(st), "test:3")); /* the error is kept */
    /* A story the discard list dropped, recorded by the caller, twice (a rerun). */
    dyad_store_discard d = {"sport-1", "in.jsonl", 4, -1, DYAD_DISCARD_LIST, "sports", 20180919,
                            "Dodgers win 5-3"};
    assert_int_equal(dyad_store_discard_add(st, &d), DYAD_OK);
    assert_int_equal(dyad_store_begin(st), DYAD_OK);
    assert_int_equal(dyad_store_discard_add(st, &d), DYAD_OK);
    assert_int_equal(dyad_store_add(st, &b.s, NULL, 0, "v1", &r), DYAD_OK); /* rerun */
    assert_int_equal(dyad_store_commit(st), DYAD_OK);
    dlist o = {{0}, 0};
    assert_int_equal(dyad_store_discards(st, NULL, 0, 0, discard_line, &o), DYAD_OK);
    assert_string_equal(o.text, "ap-1 test:3 2 too_long; ap-1 test:9 -1 id_conflict; "
                                "sport-1 in.jsonl:4 -1 discard_list; ");
    o = (dlist){{0}, 0};
    assert_int_equal(dyad_store_discards(st, "ap-1", 1, 1, discard_line, &o), DYAD_OK);
    assert_string_equal(o.text, "ap-1 test:9 -1 id_conflict; ");
    o = (dlist){{0}, 0};
    uint64_t total = 0;
    assert_int_equal(dyad_store_discard_counts(st, NULL, count_line, &o, &total), DYAD_OK);
    assert_string_equal(o.text, "discard_list=1 id_conflict=1 too_long=1 ");
    assert_int_equal(total, 3);
    /* The one JSON writer. */
    dyad_buf j = {0};
    assert_int_equal(dyad_store_discard_write_json(&j, &d), DYAD_OK);
    assert_int_equal(dyad_buf_append(&j, "", 1), DYAD_OK);
    assert_string_equal(j.data, "{\"story\":\"sport-1\",\"file\":\"in.jsonl\",\"line\":4,"
                                "\"sentence\":null,\"reason\":\"discard_list\",\"detail\":\"sports\","
                                "\"date\":\"2018-09-19\",\"headline\":\"Dodgers win 5-3\"}");
    dyad_buf_free(&j);
    /* A detail longer than the limit is cut on a character boundary. */
    char longer[DYAD_STORE_MAX_DISCARD_DETAIL + 8];
    memset(longer, 'x', sizeof longer);
    memcpy(longer + DYAD_STORE_MAX_DISCARD_DETAIL - 1, "\xc3\xa9", 2); /* é across the limit */
    longer[sizeof longer - 1] = '\0';
    dyad_store_discard big = {"big-1", "in.jsonl", 5, -1, DYAD_DISCARD_UNREADABLE, longer, 0, NULL};
    assert_int_equal(dyad_store_discard_add(st, &big), DYAD_OK);
    /* Hostile or missing arguments are refused, never stored. */
    dyad_store_discard bad = {"x", NULL, 1, -1, DYAD_DISCARD_LIST, NULL, 0, NULL};
    assert_int_equal(dyad_store_discard_add(st, &bad), DYAD_EINVAL);
    bad.file = "f";
    bad.reason = "";
    assert_int_equal(dyad_store_discard_add(st, &bad), DYAD_EINVAL);
    assert_int_equal(dyad_store_discard_add(st, NULL), DYAD_EINVAL);
    /* The story stored later (other dictionaries no longer discard it): its discards go. */
    tstory c;
    make_story(&c, "sport-1", 20180919, "AP", NULL, WIRE_COPY2);
    assert_int_equal(dyad_store_add(st, &c.s, NULL, 0, "v2", &r), DYAD_OK);
    assert_int_equal(r, DYAD_STORE_ADDED);
    dyad_store_close(st);
    assert_int_equal(sql_count(db_path("discards.db"), "SELECT count(*) FROM discards WHERE story = 'sport-1'"), 0);
    assert_int_equal(sql_count(db_path("discards.db"),
                               "SELECT length(detail) FROM discards WHERE story = 'big-1'"),
                     DYAD_STORE_MAX_DISCARD_DETAIL - 1);
    /* A version-5 store: read as it is, it has no discards; opened for writing, it is
     * migrated and records them. */
    char src[512], dst[512];
    snprintf(src, sizeof src, "%s", db_path("discards.db"));
    snprintf(dst, sizeof dst, "%s", db_path("discards-v5.db"));
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(dst, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE discards; UPDATE meta SET value = '5'"
                                      " WHERE key = 'schema_version'", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    st = agg_open("discards-v5.db", DYAD_STORE_READONLY);
    o = (dlist){{0}, 0};
    assert_int_equal(dyad_store_discards(st, NULL, 0, 0, discard_line, &o), DYAD_OK);
    assert_int_equal(o.n, 0);
    assert_int_equal(dyad_store_discard_counts(st, NULL, NULL, NULL, &total), DYAD_OK);
    assert_int_equal(total, 0);
    assert_int_equal(dyad_store_discard_add(st, &d), DYAD_EINVAL); /* read-only */
    dyad_store_close(st);
    st = agg_open("discards-v5.db", 0);
    dyad_store_info info;
    assert_int_equal(dyad_store_get_info(st, &info), DYAD_OK);
    assert_int_equal(info.schema_version, DYAD_STORE_SCHEMA_VERSION);
    assert_int_equal(dyad_store_discard_add(st, &d), DYAD_OK);
    assert_int_equal(dyad_store_discard_counts(st, "sport-1", NULL, NULL, &total), DYAD_OK);
    assert_int_equal(total, 1);
    dyad_store_close(st);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_creates_schema),
        cmocka_unit_test(test_same_id_or_same_body_is_stored_once),
        cmocka_unit_test(test_batches_commit_and_roll_back),
        cmocka_unit_test(test_syndicated_copies_form_one_group),
        cmocka_unit_test(test_every_query_filter),
        cmocka_unit_test(test_rows_carry_every_field),
        cmocka_unit_test(test_user_text_is_never_sql),
        cmocka_unit_test(test_timeline_arithmetic),
        cmocka_unit_test(test_top_lists),
        cmocka_unit_test(test_story_fetch_with_spans),
        cmocka_unit_test(test_recode_and_diff),
        cmocka_unit_test(test_diff_by_rule_keeps_codes_apart),
        cmocka_unit_test(test_timeline_aggregate_equals_scan),
        cmocka_unit_test(test_top_lists_follow_store_changes),
        cmocka_unit_test(test_v9_top_triggers_dropped),
        cmocka_unit_test(test_rules_are_stored_once_by_key),
        cmocka_unit_test(test_places_are_stored_and_queried),
        cmocka_unit_test(test_geo_months_equal_scan),
        cmocka_unit_test(test_places_migration_from_version_3),
        cmocka_unit_test(test_geo_cells_migration_from_version_6),
        cmocka_unit_test(test_actor_places_stored_and_migrated),
        cmocka_unit_test(test_interrupted_recode_resumes),
        cmocka_unit_test(test_recode_keeps_its_discards),
        cmocka_unit_test(test_has_story),
        cmocka_unit_test(test_discards_are_kept_with_their_reason),
        cmocka_unit_test(test_actor_pages_by_keyset),
        cmocka_unit_test(test_missing_database_and_directory),
        cmocka_unit_test(test_corrupt_file_is_refused),
        cmocka_unit_test(test_schema_version_mismatch),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_read_only_file),
        cmocka_unit_test(test_locked_database),
        cmocka_unit_test(test_disk_full_keeps_what_was_committed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
