/* test_token.c: the tokenizer: spans, normal forms, classes and flags. */
#include "testutil.h"
#include "internal.h"

typedef struct split {
    arena a;
    tok *t;
    size_t n;
} split;

static void do_split(split *s, const char *text) {
    memset(s, 0, sizeof *s);
    assert_int_equal(tok_split(&s->a, text, 0, (uint32_t)strlen(text), &s->t, &s->n), DYAD_OK);
}

/* The norms joined by spaces, for compact assertions. */
static const char *norms(const split *s) {
    static char buf[4096];
    size_t k = 0;
    buf[0] = 0;
    for (size_t i = 0; i < s->n && k + 1 < sizeof buf; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? " " : "", s->t[i].norm);
    return buf;
}

static void test_words_and_end(void **state) {
    (void)state;
    split s;
    do_split(&s, "South Korean President Moon Jae-in met Kim Jong Un.");
    assert_string_equal(norms(&s), "south korean president moon jae in met kim jong un .");
    assert_int_equal(s.t[0].flags & TOK_FIRST, TOK_FIRST);
    assert_int_equal(s.t[0].flags & TOK_CAP, TOK_CAP);
    assert_int_equal(s.t[5].flags & TOK_JOINED, TOK_JOINED); /* "in" of Jae-in */
    assert_int_equal(s.t[s.n - 1].cls, TOK_END);
    assert_int_equal(s.t[3].start, 23);
    assert_int_equal(s.t[3].end, 27);
    assert_ptr_equal(s.t[3].lemma, s.t[3].norm);
    arena_free(&s.a);
}

static void test_abbreviations(void **state) {
    (void)state;
    split s;
    do_split(&s, "The U.N. envoy and Gen. Smith met U.S. officials.");
    assert_string_equal(norms(&s), "the un envoy and gen smith met us officials .");
    assert_true(s.t[1].flags & TOK_ABBREV);
    assert_true(s.t[1].flags & TOK_ALLCAPS);
    assert_true(s.t[4].flags & TOK_ABBREV); /* Gen. */
    assert_false(s.t[4].flags & TOK_ALLCAPS);
    arena_free(&s.a);
    /* the period of "U.S." at the end of a sentence also ends it */
    do_split(&s, "Sanctions were imposed by the U.S.");
    assert_string_equal(norms(&s), "sanctions were imposed by the us .");
    assert_int_equal(s.t[5].cls, TOK_WORD);
    assert_int_equal(s.t[6].cls, TOK_END);
    arena_free(&s.a);
    /* "us" the pronoun is not capitalised */
    do_split(&s, "He told us that the US would act.");
    assert_false(s.t[2].flags & (TOK_ALLCAPS | TOK_ABBREV));
    assert_true(s.t[5].flags & TOK_ALLCAPS);
    arena_free(&s.a);
}

static void test_possessive_and_quotes(void **state) {
    (void)state;
    split s;
    do_split(&s, "\xE2\x80\x9CWe will not back down,\xE2\x80\x9D North Korea\xE2\x80\x99s leader said of the allies' drills.");
    assert_string_equal(norms(&s), "\" we will not back down , \" north korea 's leader said of the allies ' drills .");
    assert_int_equal(s.t[0].cls, TOK_QUOTE);
    assert_true(s.t[0].flags & TOK_OPENQ);
    assert_int_equal(s.t[7].cls, TOK_QUOTE);
    assert_true(s.t[7].flags & TOK_CLOSEQ);
    assert_int_equal(s.t[10].cls, TOK_POSS);
    assert_int_equal(s.t[16].cls, TOK_POSS);
    assert_true(s.t[1].flags & TOK_FIRST);
    arena_free(&s.a);
    do_split(&s, "They met... and talked.");
    assert_string_equal(norms(&s), "they met ... and talked .");
    assert_false(s.t[1].flags & TOK_ABBREV);
    arena_free(&s.a);
    do_split(&s, "\"They don't know,\" he said.");
    assert_string_equal(norms(&s), "\" they do n't know , \" he said .");
    assert_true(s.t[0].flags & TOK_OPENQ);
    assert_true(s.t[6].flags & TOK_CLOSEQ);
    arena_free(&s.a);
}

static void test_numbers_and_dashes(void **state) {
    (void)state;
    split s;
    do_split(&s, "Some 1,000 troops \xE2\x80\x94 3.5 percent -- test-fired missiles at 10:30 a.m.");
    assert_string_equal(norms(&s), "some 1,000 troops -- 3.5 percent -- test fired missiles at 10:30 am .");
    assert_int_equal(s.t[1].cls, TOK_NUMBER);
    assert_int_equal(s.t[3].cls, TOK_DASH);
    assert_int_equal(s.t[4].cls, TOK_NUMBER);
    assert_int_equal(s.t[6].cls, TOK_DASH);
    assert_true(s.t[8].flags & TOK_JOINED);
    arena_free(&s.a);
}

static void test_unicode(void **state) {
    (void)state;
    split s;
    /* NFD "e" + combining acute composes; case folds */
    do_split(&s, "C\xC3\xB4te d\xE2\x80\x99Ivoire and Re\xCC\x81union \xC3\x9C" "BER");
    assert_string_equal(norms(&s), "c\xC3\xB4te d'ivoire and r\xC3\xA9union \xC3\xBC" "ber");
    assert_true(s.t[4].flags & TOK_ALLCAPS);
    arena_free(&s.a);
}

static void test_normalize_phrase(void **state) {
    (void)state;
    dyad_buf b = {0};
    assert_int_equal(tok_normalize_phrase("Kim Jong-un", 11, &b), DYAD_OK);
    assert_string_equal(b.data, "kim jong un");
    dyad_buf_reset(&b);
    assert_int_equal(tok_normalize_phrase("U.N. \xE2\x80\x9CGen.\xE2\x80\x9D", 14, &b), DYAD_OK);
    assert_string_equal(b.data, "un gen");
    dyad_buf_free(&b);
}

static void test_limits(void **state) {
    (void)state;
    char *big = malloc(DYAD_MAX_SENTENCE_BYTES + 2);
    memset(big, 'a', DYAD_MAX_SENTENCE_BYTES + 1);
    big[DYAD_MAX_SENTENCE_BYTES + 1] = 0;
    arena a = {0};
    tok *t;
    size_t n;
    assert_int_equal(tok_split(&a, big, 0, DYAD_MAX_SENTENCE_BYTES + 1, &t, &n), DYAD_ELIMIT);
    /* more tokens than allowed */
    for (size_t i = 0; i < DYAD_MAX_SENTENCE_BYTES; i += 2) big[i] = 'a', big[i + 1] = ' ';
    assert_int_equal(tok_split(&a, big, 0, DYAD_MAX_SENTENCE_BYTES, &t, &n), DYAD_ELIMIT);
    /* invalid UTF-8 is punctuation, not a crash */
    assert_int_equal(tok_split(&a, "a\xFF\xFE b", 0, 6, &t, &n), DYAD_OK);
    arena_free(&a);
    free(big);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_end),      cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_possessive_and_quotes), cmocka_unit_test(test_numbers_and_dashes),
        cmocka_unit_test(test_unicode),            cmocka_unit_test(test_normalize_phrase),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
