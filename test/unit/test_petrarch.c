/* test_petrarch.c: the community formats (TABARI/PETRARCH/Phoenix) read as they are: the
 * small test files under test/data/dict/petrarch/, and the real ones when present. */
#include "testutil.h"
#include "internal.h"

#include <dirent.h>

static char *path_of(const char *rel) {
    static char buf[4][4096];
    static int k;
    const char *root = getenv("DYAD_ROOT");
    char *b = buf[k++ % 4];
    snprintf(b, 4096, "%s/test/data/dict/%s", root ? root : ".", rel);
    return b;
}

typedef struct diags {
    int n, errors;
    uint64_t lines[64];
    char msgs[64][256];
} diags;

static void collect(void *ud, const dyad_diag *dg) {
    diags *c = ud;
    if (dg->severity == DYAD_DIAG_ERROR) c->errors++;
    if (c->n >= 64) return;
    c->lines[c->n] = dg->line;
    snprintf(c->msgs[c->n], sizeof c->msgs[0], "%s", dg->message);
    c->n++;
}

static int has_diag(const diags *c, uint64_t line, const char *word) {
    for (int i = 0; i < c->n; i++)
        if (c->lines[i] == line && strstr(c->msgs[i], word)) return 1;
    return 0;
}

static const char *lookup(const dyad_dict *d, const char *phrase, int32_t date) {
    static dyad_actor_match m;
    return dyad_dict_lookup(d, phrase, date, &m) == DYAD_OK ? m.code : NULL;
}

static dyad_dict *open_petrarch(diags *c) {
    const char *p = path_of("petrarch");
    dyad_dict_options opt = {0, collect, c};
    dyad_dict *d = NULL;
    assert_int_equal(dyad_dict_open(&p, 1, &opt, &d), DYAD_OK);
    return d;
}

static void test_actors(void **state) {
    (void)state;
    diags c = {0};
    dyad_dict *d = open_petrarch(&c);
    assert_string_equal(lookup(d, "South Korea", 0), "KOR");
    assert_string_equal(lookup(d, "the Republic of Korea", 0), "KOR");
    assert_string_equal(lookup(d, "South Korean President", 0), "KORGOV");
    assert_string_equal(lookup(d, "Moon Jae-in", 20190924), "KORGOV");
    assert_string_equal(lookup(d, "Moon Jae In", 20160101), "KORELI");
    assert_string_equal(lookup(d, "Donald Trump", 20160101), "USAELI");
    assert_string_equal(lookup(d, "Donald Trump", 20190101), "USAGOV");
    assert_string_equal(lookup(d, "Donald Trump", 20100101), "USABUS");
    assert_null(lookup(d, "Kim Jong Un", 20100101));
    assert_string_equal(lookup(d, "Kim Jong-un", 20120101), "PRKGOV");
    assert_string_equal(lookup(d, "Pyongyang", 0), "PRKGOV");
    /* short all-caps names keep the acronym rule */
    assert_string_equal(lookup(d, "UN", 0), "IGOUNO");
    assert_null(lookup(d, "un", 0));
    /* <!-- --> comments and malformed lines */
    assert_true(has_diag(&c, 16, "date restriction '2017-05'"));
    assert_true(has_diag(&c, 18, "has no [CODE]"));
    assert_true(has_diag(&c, 22, "malformed code 'K@R'"));
    assert_int_equal(c.errors, 2); /* K@R, and the verb pattern without a code */
    /* file names stand in for versions (dyad's event-code table, read for the CAMEO
     * table when $DYAD_DATA has one, adds its own) */
    assert_non_null(strstr(dyad_dict_version(d),
                           "Test.actors.txt+Test.agents.txt+Test.discards.txt+Test.verbs.txt"));
    dyad_dict_free(d);
}

static void test_agents_and_discards(void **state) {
    (void)state;
    diags c = {0};
    dyad_dict *d = open_petrarch(&c);
    assert_string_equal(lookup(d, "troops", 0), "---MIL");
    assert_string_equal(lookup(d, "soldiers", 0), "---MIL");
    assert_string_equal(lookup(d, "rebels", 0), "---REB");
    assert_string_equal(lookup(d, "heads of state", 0), "---GOV");
    assert_string_equal(lookup(d, "Chinese soldiers", 0), "---MIL"); /* no China here */
    arena a = {0};
    tok *t;
    size_t n, m;
    assert_int_equal(tok_split(&a, "box office", 0, 10, &t, &n), DYAD_OK);
    int scope = -1;
    assert_string_equal(dict_discard_match(d, t, n, 0, &m, &scope), "entertainment");
    assert_int_equal(scope, DICT_DISCARD_SENTENCE); /* PETRARCH's list: the sentence goes */
    arena_free(&a);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 12);
    assert_int_equal(st.agents, 7);
    assert_int_equal(st.discards, 2);
    dyad_dict_free(d);
}

static size_t verb_patterns(const dyad_dict *d, const char *text, size_t i,
                            const dict_pattern *const **p) {
    arena a = {0};
    tok *t;
    size_t n;
    assert_int_equal(tok_split(&a, text, 0, (uint32_t)strlen(text), &t, &n), DYAD_OK);
    dict_verb vb;
    size_t k = dict_verb_patterns(d, &t[i], &vb);
    *p = vb.pats;
    arena_free(&a);
    return k;
}

static void test_verbs(void **state) {
    (void)state;
    diags c = {0};
    dyad_dict *d = open_petrarch(&c);
    const dict_pattern *const *p;
    /* MEET: the block's own code, "* WITH +", "$ * +", "+ * BY $" */
    assert_int_equal(verb_patterns(d, "They met", 1, &p), 4);
    assert_string_equal(p[0]->code, "040");
    assert_int_equal(p[0]->n_elem, 0);
    assert_string_equal(p[1]->code, "036");
    assert_int_equal(p[1]->n_elem, 2);
    assert_int_equal(p[1]->elem[0].kind, DICT_EL_WORD);
    assert_int_equal(p[1]->elem[1].kind, DICT_EL_TARGET);
    assert_int_equal(p[2]->n_elem, 1);
    assert_int_equal(p[2]->elem[0].kind, DICT_EL_TARGET);
    assert_int_equal(p[2]->n_pre, 1); /* `$` before the verb */
    assert_int_equal(p[2]->pre[0].kind, DICT_EL_SOURCE);
    assert_int_equal(p[3]->n_pre, 1); /* `+` before the verb, `BY $` after it */
    assert_int_equal(p[3]->pre[0].kind, DICT_EL_TARGET);
    assert_int_equal(p[3]->n_elem, 2);
    assert_int_equal(p[3]->elem[0].kind, DICT_EL_WORD);
    assert_int_equal(p[3]->elem[1].kind, DICT_EL_SOURCE);
    assert_true((p[3]->flags & DICT_PAT_LOOSE) != 0);
    assert_int_equal(p[1]->line, 16);
    /* HOLD with a synset: talks | negotiations, and PEACE_TALKS as a second pattern */
    assert_int_equal(verb_patterns(d, "They held", 1, &p), 2);
    assert_int_equal(p[0]->n_elem, 3);
    assert_int_equal(p[0]->elem[0].kind, DICT_EL_WORD);
    assert_int_equal(p[0]->elem[0].n_alts, 4); /* each with its other number */
    assert_int_equal(p[0]->elem[2].kind, DICT_EL_TARGET);
    assert_int_equal(p[1]->n_elem, 4);
    assert_int_equal(p[1]->elem[0].alts[0], dict_word_id(d, "peace", 5));
    assert_int_equal(p[1]->elem[1].n_alts, 2); /* talks, talk */
    assert_true(has_diag(&c, 23, "unknown synset"));
    assert_true(has_diag(&c, 28, "without [CODE]"));
    /* TEST_FIRE: a two-word head */
    assert_int_equal(verb_patterns(d, "test-firing", 1, &p), 1);
    assert_int_equal(p[0]->n_head, 1);
    assert_int_equal(p[0]->head[0], dict_word_id(d, "test", 4));
    assert_string_equal(p[0]->code, "150");
    dyad_dict_free(d);
}

/* Phoenix's and PETRARCH's own constructs (see docs/dictionary-format.md). */
static void test_phoenix_constructs(void **state) {
    (void)state;
    diags c = {0};
    dyad_dict *d = open_petrarch(&c);
    /* YYMMDD dates (54 is 1954, 06 is 2006), spaced ranges, indented codes below a run of
     * names without codes, and a lower-case code */
    assert_null(lookup(d, "Shinzo Abe", 19500101));
    assert_string_equal(lookup(d, "Shinzo Abe", 20050101), "JPNELI");
    assert_string_equal(lookup(d, "Abe Shinzo", 20070101), "JPNGOV");
    assert_string_equal(lookup(d, "Shinzo Abe", 20100101), "JPNELI");
    assert_string_equal(lookup(d, "Shinzo Abe", 20150101), "JPNGOV");
    assert_string_equal(lookup(d, "Yoshihide Suga", 20210101), "JPNGOV");
    assert_string_equal(lookup(d, "Prime Minister Suga", 20210101), "JPNGOV");
    assert_string_equal(lookup(d, "Japan", 0), "JPN");
    /* a compound code: the lookup gives its first member (the coder makes one mention
     * per member: test/cli/patterns.sh), no warning; the null code is "---" */
    assert_string_equal(lookup(d, "Trilateral Summit Group", 0), "USA");
    assert_false(has_diag(&c, 34, "compound code"));
    assert_string_equal(lookup(d, "Placeholder Party", 0), "---");
    /* substitution sets, a prefix agent, and {} (no plural) */
    assert_string_equal(lookup(d, "congresswomen", 0), "---LEG");
    assert_string_equal(lookup(d, "congressman", 0), "---LEG");
    assert_string_equal(lookup(d, "Japan watchdog group", 0), "NGOJPN");
    assert_string_equal(lookup(d, "police", 0), "---COP");
    assert_null(lookup(d, "polices", 0));
    assert_true(has_diag(&c, 5, "'!REBEL!' is not defined"));
    /* +ASK_FOR: "ask" indexes a pattern whose first element is "for"; its own code is
     * for that verb only; (WITH &WEAPON_) finds the synset inside the brackets */
    const dict_pattern *const *p;
    size_t k = verb_patterns(d, "They asked for help", 1, &p), n_for = 0;
    for (size_t i = 0; i < k; i++) /* ASK_FOR alone and with "* HELP", both 0233 */
        if (p[i]->n_elem && p[i]->elem[0].alts[0] == dict_word_id(d, "for", 3)) {
            assert_string_equal(p[i]->code, "0233");
            n_for++;
        }
    assert_int_equal(n_for, 2);
    assert_string_equal(p[0]->code, "020"); /* ASK alone: the block's code */
    k = verb_patterns(d, "They shot", 1, &p);
    const dict_pattern *with = NULL;
    for (size_t i = 0; i < k; i++)
        if (!strcmp(p[i]->code, "195")) with = p[i];
    assert_non_null(with);
    assert_int_equal(with->elem[with->n_elem - 1].n_alts, 4); /* missile(s), rocket(s) */
    dyad_dict_free(d);
}

static void test_strict(void **state) {
    (void)state;
    const char *p = path_of("petrarch/Test.actors.txt");
    diags c = {0};
    dyad_dict_options opt = {1, collect, &c};
    dyad_dict *d = NULL;
    assert_int_equal(dyad_dict_open(&p, 1, &opt, &d), DYAD_EFORMAT);
    assert_null(d);
}

static void test_latin1(void **state) {
    (void)state;
    const char text[] = "SAO_TOM\xC9 [STP]\n";
    diags c = {0};
    dyad_dict_options opt = {0, collect, &c};
    dyad_dict *d = NULL;
    assert_int_equal(dict_open_buffer("x.actors", text, sizeof text - 1, &opt, &d), DYAD_OK);
    assert_true(has_diag(&c, 1, "Latin-1"));
    assert_string_equal(lookup(d, "Sao Tom\xC3\xA9", 0), "STP");
    dyad_dict_free(d);
}

/* The real PETRARCH-2 dictionaries, when ../shared/eval holds them. */
static void test_real_dictionaries(void **state) {
    (void)state;
    const char *eval = test_shared_eval();
    if (!eval) {
        print_message("# SKIP ../shared/eval is absent\n");
        skip();
    }
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/petrarch2/dictionaries", eval);
    DIR *dp = opendir(dir);
    if (!dp) {
        print_message("# SKIP %s is absent\n", dir);
        skip();
    }
    closedir(dp);
    const char *p = dir;
    diags c = {0};
    dyad_dict_options opt = {0, collect, &c};
    dyad_dict *d = NULL;
    assert_int_equal(dyad_dict_open(&p, 1, &opt, &d), DYAD_OK);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    print_message("# actors %zu agents %zu verbs %zu patterns %zu synsets %zu, %d errors\n",
                  st.actors, st.agents, st.verbs, st.patterns, st.synsets, c.errors);
    assert_int_equal(c.errors, 0);
    assert_true(st.actors > 20000); /* dated leaders included */
    assert_true(st.patterns > 1000);
    assert_non_null(lookup(d, "South Korea", 20190924));
    dyad_dict_free(d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actors), cmocka_unit_test(test_agents_and_discards),
        cmocka_unit_test(test_verbs),  cmocka_unit_test(test_strict),
        cmocka_unit_test(test_latin1), cmocka_unit_test(test_real_dictionaries),
        cmocka_unit_test(test_phoenix_constructs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
