/* test_lexicon.c: the lexicon (lex_lookup) and the part-of-speech tagger (lex_tag).
 * Internal module: it includes internal.h. Sentences are split by a small splitter local
 * to this file (the real one is tok_split), setting norm, cls and flags as it does. */
#include "testutil.h"

#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <time.h>

#define MAX_TOKS 128

typedef struct sentence {
    tok toks[MAX_TOKS];
    char norms[MAX_TOKS][64];
    size_t n;
} sentence;

/* Splits ASCII text into words, numbers, 's, hyphen-joined parts and punctuation. */
static void split(sentence *s, const char *text) {
    s->n = 0;
    size_t i = 0, len = strlen(text);
    bool joined = false;
    while (i < len && s->n < MAX_TOKS) {
        unsigned char c = (unsigned char)text[i];
        if (isspace(c)) { i++; joined = false; continue; }
        tok *t = &s->toks[s->n];
        memset(t, 0, sizeof *t);
        size_t j = i;
        if (c == '\'' && i + 1 < len && text[i + 1] == 's' &&
            (i + 2 == len || !isalpha((unsigned char)text[i + 2]))) {
            j = i + 2;
            t->cls = TOK_POSS;
        } else if (isalpha(c)) {
            while (j < len && (isalpha((unsigned char)text[j]) || text[j] == '.' ||
                               (text[j] == '\'' && j + 1 < len && text[j + 1] == 't')))
                j++;
            if (j > i && text[j - 1] == '.' && memchr(text + i, '.', j - i - 1) == NULL &&
                (j - i > 4 || j == len))
                j--; /* a sentence-final period, not an abbreviation */
            t->cls = TOK_WORD;
        } else if (isdigit(c)) {
            while (j < len && (isdigit((unsigned char)text[j]) || text[j] == ',')) j++;
            t->cls = TOK_NUMBER;
        } else if (c == '-' && s->n > 0 && i > 0 && isalnum((unsigned char)text[i - 1])) {
            i++;
            joined = true;
            continue;
        } else {
            j = i + 1;
            t->cls = (c == '.' || c == '!' || c == '?') ? TOK_END : c == '"' ? TOK_QUOTE : TOK_PUNCT;
        }
        size_t k = 0, letters = 0, upper = 0;
        for (size_t p = i; p < j && k < 63; p++) {
            unsigned char ch = (unsigned char)text[p];
            if (ch == '.' && t->cls == TOK_WORD) { t->flags |= TOK_ABBREV; continue; }
            if (isalpha(ch)) { letters++; if (isupper(ch)) upper++; }
            s->norms[s->n][k++] = (char)tolower(ch);
        }
        s->norms[s->n][k] = '\0';
        t->norm = s->norms[s->n];
        t->norm_len = (uint16_t)k;
        t->start = (uint32_t)i;
        t->end = (uint32_t)j;
        if (t->cls == TOK_WORD) {
            if (isupper((unsigned char)text[i])) t->flags |= TOK_CAP;
            if (upper == letters && letters >= 2) t->flags |= TOK_ALLCAPS;
            if (joined) t->flags |= TOK_JOINED;
        }
        joined = false;
        s->n++;
        i = j;
    }
    for (size_t k = 0; k < s->n; k++)
        if (s->toks[k].cls == TOK_WORD || s->toks[k].cls == TOK_NUMBER) {
            s->toks[k].flags |= TOK_FIRST;
            break;
        }
}

static sentence *tag(const char *text) {
    static sentence s;
    split(&s, text);
    lex_tag(s.toks, s.n);
    return &s;
}

/* The token whose normalized form is w (the first one). */
static const tok *word(const sentence *s, const char *w) {
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->toks[i].norm, w) == 0) return &s->toks[i];
    fail_msg("no token \"%s\"", w);
    return NULL;
}

/* Fails with the whole tagging when a token has not the expected part of speech. */
static void expect_pos(const sentence *s, const char *w, int pos) {
    const tok *t = word(s, w);
    if (t->pos == pos) return;
    char line[2048];
    size_t off = 0;
    for (size_t i = 0; i < s->n && off < sizeof line - 64; i++)
        off += (size_t)snprintf(line + off, sizeof line - off, "%s/%s ", s->toks[i].norm,
                                lex_pos_name(s->toks[i].pos));
    fail_msg("\"%s\" is %s, expected %s in: %s", w, lex_pos_name(t->pos), lex_pos_name(pos), line);
}

static void lookup_irregular_past(void **state) {
    (void)state;
    const char *lemma = NULL;
    uint32_t t = lex_lookup("met", 3, &lemma);
    assert_true(t & LEX_VERB);
    assert_true(t & LEX_PAST);
    assert_string_equal(lemma, "meet");
    t = lex_lookup("held", 4, &lemma);
    assert_true((t & (LEX_VERB | LEX_PAST)) == (LEX_VERB | LEX_PAST));
    assert_string_equal(lemma, "hold");
    t = lex_lookup("went", 4, &lemma);
    assert_string_equal(lemma, "go");
}

static void lookup_regular_inflections(void **state) {
    (void)state;
    const char *lemma = NULL;
    uint32_t t = lex_lookup("talks", 5, &lemma);
    assert_true(t & LEX_NOUN);
    assert_true(t & LEX_PLURAL);
    assert_true(t & LEX_VERB);
    assert_string_equal(lemma, "talk");
    /* Spelling rules: silent e, y -> ied, doubled consonant, -es. */
    struct { const char *form, *lemma; uint32_t bits; } cases[] = {
        {"fired", "fire", LEX_VERB | LEX_PAST},       {"firing", "fire", LEX_VERB | LEX_GERUND},
        {"denied", "deny", LEX_VERB | LEX_PAST},      {"denies", "deny", LEX_VERB},
        {"stopped", "stop", LEX_VERB | LEX_PAST},     {"planning", "plan", LEX_VERB | LEX_GERUND},
        {"visited", "visit", LEX_VERB | LEX_PAST},    {"missiles", "missile", LEX_NOUN | LEX_PLURAL},
        {"crashes", "crash", LEX_NOUN | LEX_PLURAL},  {"agencies", "agency", LEX_NOUN | LEX_PLURAL},
        {"dying", "die", LEX_VERB | LEX_GERUND},      {"admitted", "admit", LEX_VERB | LEX_PAST},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        t = lex_lookup(cases[i].form, strlen(cases[i].form), &lemma);
        if ((t & cases[i].bits) != cases[i].bits)
            fail_msg("%s: tags %#x lack %#x", cases[i].form, t, cases[i].bits);
        assert_non_null(lemma);
        if (strcmp(lemma, cases[i].lemma) != 0)
            fail_msg("%s: lemma %s, expected %s", cases[i].form, lemma, cases[i].lemma);
    }
    /* Irregular plurals come from noun.exc. */
    t = lex_lookup("children", 8, &lemma);
    assert_true(t & LEX_PLURAL);
    assert_string_equal(lemma, "child");
}

static void lookup_closed_class(void **state) {
    (void)state;
    const char *lemma = NULL;
    assert_int_equal(lex_lookup("the", 3, &lemma), LEX_DET);
    assert_string_equal(lemma, "the");
    uint32_t t = lex_lookup("said", 4, &lemma);
    assert_true(t & LEX_SAY);
    assert_true(t & LEX_PAST);
    assert_string_equal(lemma, "say");
    assert_true(lex_lookup("will", 4, NULL) & LEX_MODAL);
    assert_false(lex_lookup("will", 4, NULL) & LEX_NOUN); /* closed class overrides WordNet */
    t = lex_lookup("were", 4, &lemma);
    assert_true(t & LEX_AUX);
    assert_string_equal(lemma, "be");
    assert_true(lex_lookup("tuesday", 7, NULL) & LEX_WEEKDAY);
    assert_true(lex_lookup("september", 9, NULL) & LEX_MONTH);
    t = lex_lookup("march", 5, NULL); /* the month, and still WordNet's noun and verb */
    assert_true(t & LEX_MONTH);
    assert_true(t & LEX_VERB);
    assert_true(lex_lookup("gen", 3, NULL) & LEX_TITLE);
    assert_true(lex_lookup("n't", 3, NULL) & LEX_NEG);
    assert_true(lex_lookup("never", 5, NULL) & LEX_NEG);
    assert_true(lex_lookup("his", 3, NULL) & LEX_POSSPRON);
    assert_true(lex_lookup("because", 7, NULL) & LEX_SUBCONJ);
    t = lex_lookup("reported", 8, &lemma);
    assert_true(t & LEX_SAY);
    assert_string_equal(lemma, "report");
    assert_false(lex_lookup("warned", 6, NULL) & LEX_SAY);
}

/* Every line of data/lexicon/closed-class.txt made it into the table: the word is found
 * with every tag the line gives, and with its lemma. */
static void lookup_every_closed_class_line(void **state) {
    (void)state;
    static const struct { const char *name; uint32_t bit; } names[] = {
        {"NOUN", LEX_NOUN}, {"VERB", LEX_VERB}, {"ADJ", LEX_ADJ}, {"ADV", LEX_ADV},
        {"DET", LEX_DET}, {"PREP", LEX_PREP}, {"PRON", LEX_PRON}, {"POSSPRON", LEX_POSSPRON},
        {"CONJ", LEX_CONJ}, {"SUBCONJ", LEX_SUBCONJ}, {"AUX", LEX_AUX}, {"MODAL", LEX_MODAL},
        {"NEG", LEX_NEG}, {"REL", LEX_REL}, {"NUM", LEX_NUM}, {"SAY", LEX_SAY},
        {"PAST", LEX_PAST}, {"GERUND", LEX_GERUND}, {"PLURAL", LEX_PLURAL},
        {"MONTH", LEX_MONTH}, {"WEEKDAY", LEX_WEEKDAY}, {"TITLE", LEX_TITLE},
        {"PROPER", LEX_PROPER},
    };
    const char *root = getenv("DYAD_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/lexicon/closed-class.txt", root ? root : ".");
    FILE *f = fopen(path, "r");
    if (!f) fail_msg("cannot open %s (set DYAD_ROOT)", path);
    char line[512];
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        if (line[0] == '%') continue;
        char *save = NULL, *w = strtok_r(line, " \t\r\n", &save);
        if (!w) continue;
        const char *lemma = NULL;
        uint32_t got = lex_lookup(w, strlen(w), &lemma), want = 0;
        const char *want_lemma = NULL;
        bool keep_wordnet = false;
        for (char *t = strtok_r(NULL, " \t\r\n", &save); t; t = strtok_r(NULL, " \t\r\n", &save)) {
            if (strncmp(t, "lemma=", 6) == 0) { want_lemma = t + 6; continue; }
            if (strcmp(t, "WN") == 0) { keep_wordnet = true; continue; }
            size_t k = 0;
            while (k < sizeof names / sizeof names[0] && strcmp(names[k].name, t) != 0) k++;
            if (k == sizeof names / sizeof names[0]) fail_msg("%s: unknown tag %s", w, t);
            want |= names[k].bit;
        }
        if ((got & want) != want) fail_msg("%s: tags %#x lack %#x", w, got, want);
        if (want_lemma && (!keep_wordnet || (got & LEX_VERB)) &&
            (!lemma || strcmp(lemma, want_lemma) != 0))
            fail_msg("%s: lemma %s, expected %s", w, lemma ? lemma : "(null)", want_lemma);
        lines++;
    }
    fclose(f);
    assert_true(lines > 300);
}

static void lookup_names_numbers_unknowns(void **state) {
    (void)state;
    const char *lemma = "x";
    assert_true(lex_lookup("seoul", 5, NULL) & LEX_PROPER);
    assert_false(lex_lookup("missile", 7, NULL) & LEX_PROPER);
    assert_int_equal(lex_lookup("1953", 4, &lemma), LEX_NUM);
    assert_true(lex_lookup("two", 3, NULL) & LEX_NUM);
    assert_int_equal(lex_lookup("pyongyangx", 10, &lemma), 0);
    assert_null(lemma);
    assert_int_equal(lex_lookup("", 0, NULL), 0);
    /* Hostile keys: over-long, binary, non-ASCII. */
    char longw[LEX_MAX_WORD_BYTES + 10];
    memset(longw, 'a', sizeof longw);
    assert_int_equal(lex_lookup(longw, sizeof longw, NULL), 0);
    assert_int_equal(lex_lookup("\xff\xfe\x01", 3, NULL), 0);
    assert_int_equal(lex_lookup("caf\xc3\xa9", 5, NULL), 0);
}

static void tag_missile_launch(void **state) {
    (void)state;
    sentence *s = tag("North Korea fired two short-range missiles into the sea on Tuesday.");
    expect_pos(s, "north", LEX_POS_PROPER);
    expect_pos(s, "korea", LEX_POS_PROPER);
    expect_pos(s, "fired", LEX_POS_VERB);
    assert_string_equal(word(s, "fired")->lemma, "fire");
    assert_true(word(s, "fired")->tags & LEX_PAST);
    expect_pos(s, "two", LEX_POS_NUM);
    expect_pos(s, "missiles", LEX_POS_NOUN);
    assert_string_equal(word(s, "missiles")->lemma, "missile");
    expect_pos(s, "into", LEX_POS_PREP);
    expect_pos(s, "the", LEX_POS_DET);
    expect_pos(s, "sea", LEX_POS_NOUN);
    expect_pos(s, "tuesday", LEX_POS_PROPER);
    assert_true(word(s, "tuesday")->tags & LEX_WEEKDAY);
}

static void tag_passive(void **state) {
    (void)state;
    sentence *s = tag("The talks were held in Seoul.");
    expect_pos(s, "talks", LEX_POS_NOUN);
    assert_string_equal(word(s, "talks")->lemma, "talk");
    expect_pos(s, "were", LEX_POS_AUX);
    expect_pos(s, "held", LEX_POS_VERB);
    assert_true(word(s, "held")->tags & LEX_PASSIVE);
    assert_true(word(s, "held")->tags & LEX_PAST);
    assert_string_equal(word(s, "held")->lemma, "hold");
    expect_pos(s, "seoul", LEX_POS_PROPER);
    assert_true(word(s, "seoul")->tags & LEX_PROPER);

    s = tag("Two protesters were also killed by police on Sunday, officials said.");
    expect_pos(s, "killed", LEX_POS_VERB);
    assert_true(word(s, "killed")->tags & LEX_PASSIVE);
    expect_pos(s, "said", LEX_POS_VERB);
    assert_true(word(s, "said")->tags & LEX_SAY);
    assert_false(word(s, "said")->tags & LEX_PASSIVE);
}

static void tag_subject_verb_object(void **state) {
    (void)state;
    sentence *s = tag("South Korean President Moon Jae-in met Kim Jong Un at the border village of Panmunjom.");
    expect_pos(s, "south", LEX_POS_PROPER);
    expect_pos(s, "president", LEX_POS_PROPER);
    expect_pos(s, "in", LEX_POS_PROPER); /* Jae-in: part of the name, not a preposition */
    expect_pos(s, "met", LEX_POS_VERB);
    assert_string_equal(word(s, "met")->lemma, "meet");
    expect_pos(s, "kim", LEX_POS_PROPER);
    expect_pos(s, "at", LEX_POS_PREP);
    expect_pos(s, "border", LEX_POS_NOUN);

    s = tag("Russia says it will hold talks with Ukraine next week.");
    expect_pos(s, "says", LEX_POS_VERB);
    expect_pos(s, "it", LEX_POS_PRON);
    expect_pos(s, "will", LEX_POS_MODAL);
    expect_pos(s, "hold", LEX_POS_VERB);
    expect_pos(s, "talks", LEX_POS_NOUN);

    s = tag("The peace talks collapsed after rebels attacked a convoy.");
    expect_pos(s, "peace", LEX_POS_NOUN);
    expect_pos(s, "talks", LEX_POS_NOUN);
    expect_pos(s, "collapsed", LEX_POS_VERB);
    expect_pos(s, "attacked", LEX_POS_VERB);
    expect_pos(s, "convoy", LEX_POS_NOUN);
}

static void tag_infinitive_and_negation(void **state) {
    (void)state;
    sentence *s = tag("Iran agreed to resume talks but did not sign the deal.");
    expect_pos(s, "agreed", LEX_POS_VERB);
    expect_pos(s, "to", LEX_POS_TO);
    expect_pos(s, "resume", LEX_POS_VERB);
    expect_pos(s, "talks", LEX_POS_NOUN);
    expect_pos(s, "did", LEX_POS_AUX);
    expect_pos(s, "not", LEX_POS_NEG);
    expect_pos(s, "sign", LEX_POS_VERB);
    expect_pos(s, "deal", LEX_POS_NOUN);

    s = tag("Troops returned to the capital.");
    expect_pos(s, "to", LEX_POS_PREP);
    expect_pos(s, "capital", LEX_POS_NOUN);
}

static void tag_headline_case(void **state) {
    (void)state;
    /* Title case: capitals say nothing; known words keep their classes. */
    sentence *s = tag("North Korea Fires Two Missiles Into The Sea");
    expect_pos(s, "fires", LEX_POS_VERB);
    expect_pos(s, "missiles", LEX_POS_NOUN);
    expect_pos(s, "the", LEX_POS_DET);
    /* All caps likewise. */
    s = tag("PROTESTERS CLASH WITH POLICE IN HONG KONG");
    expect_pos(s, "with", LEX_POS_PREP);
    expect_pos(s, "police", LEX_POS_NOUN);
}

static void tag_acronyms_and_lemmas(void **state) {
    (void)state;
    sentence *s = tag("U.N. inspectors are visiting the site, the agency's spokesman said.");
    expect_pos(s, "un", LEX_POS_PROPER);
    expect_pos(s, "are", LEX_POS_AUX);
    expect_pos(s, "visiting", LEX_POS_VERB);
    assert_string_equal(word(s, "visiting")->lemma, "visit");
    expect_pos(s, "'s", LEX_POS_POSS);
    expect_pos(s, "spokesman", LEX_POS_NOUN);
    expect_pos(s, ",", LEX_POS_PUNCT);

    s = tag("The storm leaves thousands without power.");
    expect_pos(s, "leaves", LEX_POS_VERB);
    assert_string_equal(word(s, "leaves")->lemma, "leave");
    s = tag("Autumn leaves covered the square.");
    expect_pos(s, "leaves", LEX_POS_NOUN);
    assert_string_equal(word(s, "leaves")->lemma, "leaf");
    expect_pos(s, "covered", LEX_POS_VERB);
}

/* Wire sentences, and the word in each that is easy to get wrong. */
static void tag_wire_sentences(void **state) {
    (void)state;
    static const struct { const char *text, *word; int pos; } cases[] = {
        {"Gunmen opened fire on a bus carrying pilgrims.", "gunmen", LEX_POS_NOUN},
        {"Gunmen opened fire on a bus carrying pilgrims.", "opened", LEX_POS_VERB},
        {"China warns the United States against arms sales to Taiwan.", "china", LEX_POS_PROPER},
        {"Turkey has threatened to launch a military operation.", "turkey", LEX_POS_PROPER},
        {"Turkey has threatened to launch a military operation.", "launch", LEX_POS_VERB},
        {"Japan and South Korea share intelligence on missile launches.", "share", LEX_POS_VERB},
        {"Japan and South Korea share intelligence on missile launches.", "launches", LEX_POS_NOUN},
        {"Police arrested three men suspected of planning an attack.", "planning", LEX_POS_VERB},
        {"The president's visit comes amid rising tensions.", "comes", LEX_POS_VERB},
        {"The president's visit comes amid rising tensions.", "rising", LEX_POS_ADJ},
        {"The government plans to hold elections in March.", "plans", LEX_POS_VERB},
        {"The government plans to hold elections in March.", "march", LEX_POS_PROPER},
        {"Demonstrators set fire to tires and blocked roads.", "set", LEX_POS_VERB},
        {"Demonstrators set fire to tires and blocked roads.", "blocked", LEX_POS_VERB},
        {"The bill was passed by parliament last month.", "last", LEX_POS_ADJ},
        {"Ukraine says Russian forces shelled the city overnight.", "forces", LEX_POS_NOUN},
        {"Ukraine says Russian forces shelled the city overnight.", "shelled", LEX_POS_VERB},
        {"He warned that any attack would be met with a strong response.", "that", LEX_POS_SUBCONJ},
        {"He warned that any attack would be met with a strong response.", "met", LEX_POS_VERB},
        {"The minister denied that the government had ordered the raids.", "ordered", LEX_POS_VERB},
        {"Officials who attended the meeting said it was tense.", "who", LEX_POS_REL},
        {"Officials who attended the meeting said it was tense.", "meeting", LEX_POS_NOUN},
        {"Venezuela expelled the German ambassador, accusing him of meddling.", "accusing", LEX_POS_VERB},
        {"Her husband was detained on Friday, police said.", "her", LEX_POS_POSSPRON},
        {"Police detained her on Friday.", "her", LEX_POS_PRON},
        {"Talks will resume in May.", "may", LEX_POS_PROPER},
        {"Talks may resume next week.", "may", LEX_POS_MODAL},
        {"One soldier was killed, the army said.", "one", LEX_POS_NUM},
        {"One of the soldiers was killed.", "one", LEX_POS_PRON},
        {"He says it's too early to talk about a deal.", "'s", LEX_POS_AUX},
        {"The army has been accused of abuses.", "accused", LEX_POS_VERB},
        {"Kim Jong Un's sister warned Seoul.", "'s", LEX_POS_POSS},
        {"Kim Jong Un's sister warned Seoul.", "warned", LEX_POS_VERB},
        {"The ministry didn't comment.", "comment", LEX_POS_VERB},
        /* can't, won't as dyad's tokenizer splits them (tok_split: "ca n't", "wo n't") */
        {"The rebels ca n't ever clash with troops.", "ca", LEX_POS_MODAL},
        {"The rebels ca n't ever clash with troops.", "clash", LEX_POS_VERB},
        {"Iran wo n't attack ships.", "wo", LEX_POS_MODAL},
        /* an adverb that can be a verb, between a modal and its verb */
        {"The rebels wo n't even ever clash with troops.", "even", LEX_POS_ADV},
        {"The rebels wo n't even ever clash with troops.", "clash", LEX_POS_VERB},
        {"The army will still fight.", "still", LEX_POS_ADV},
        {"The army will still fight.", "fight", LEX_POS_VERB},
        {"The deal will even the score.", "even", LEX_POS_VERB},
        {"The visit will further talks.", "further", LEX_POS_VERB},
        {"Lebanon's caretaker prime minister urged restraint.", "prime", LEX_POS_ADJ},
        {"Lebanon's caretaker prime minister urged restraint.", "urged", LEX_POS_VERB},
        {"Negotiators made progress but no deal was reached.", "but", LEX_POS_CONJ},
        {"Israel Strikes Gaza After Rocket Fire", "strikes", LEX_POS_VERB},
        {"RUSSIA, UKRAINE TRADE ACCUSATIONS OVER DAM BREACH", "trade", LEX_POS_VERB},
        {"RUSSIA, UKRAINE TRADE ACCUSATIONS OVER DAM BREACH", "ukraine", LEX_POS_PROPER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_pos(tag(cases[i].text), cases[i].word, cases[i].pos);
    const tok *t = word(tag("The talks were held in May."), "may");
    assert_true(t->tags & LEX_MONTH);
    t = word(tag("Gunmen opened fire."), "gunmen");
    assert_string_equal(t->lemma, "gunman");
    t = word(tag("The army has been accused of abuses."), "accused");
    assert_true(t->tags & LEX_PASSIVE);
    t = word(tag("The army has accused rebels of abuses."), "accused");
    assert_false(t->tags & LEX_PASSIVE);
    t = word(tag("The ministry didn't comment."), "didn't");
    assert_int_equal(t->pos, LEX_POS_AUX);
    assert_true(t->tags & LEX_NEG);
    assert_string_equal(t->lemma, "do");
}

static void tag_degenerate_input(void **state) {
    (void)state;
    lex_tag(NULL, 0);
    sentence *s = tag("");
    assert_int_equal(s->n, 0);
    s = tag("Zxqv");
    expect_pos(s, "zxqv", LEX_POS_PROPER);
    assert_string_equal(s->toks[0].lemma, "zxqv");
    s = tag(", , . ' ?");
    for (size_t i = 0; i < s->n; i++) assert_int_equal(s->toks[i].pos, LEX_POS_PUNCT);
    /* Every token gets a part of speech and a lemma, whatever the words. */
    s = tag("the the the of of and 5 glorpified snarfing quickly Blah-blah 's");
    for (size_t i = 0; i < s->n; i++) {
        assert_int_not_equal(s->toks[i].pos, LEX_POS_NONE);
        assert_non_null(s->toks[i].lemma);
    }
    assert_string_equal(lex_pos_name(LEX_POS_VERB), "VERB");
    assert_string_equal(lex_pos_name(999), "?");
}

/* Not a pass/fail test: prints lookups and tagged tokens per second for the record. */
static void tag_speed(void **state) {
    (void)state;
    static const char *const text[] = {
        "North Korea fired two short-range missiles into the sea on Tuesday.",
        "The talks were held in Seoul, the ministry said in a statement.",
        "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi.",
        "Israeli troops killed three Palestinians during clashes in the West Bank, officials said.",
    };
    sentence s[4];
    for (int k = 0; k < 4; k++) split(&s[k], text[k]);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    size_t toks = 0;
    int rounds = 50000;
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < 4; k++) {
            lex_tag(s[k].toks, s[k].n);
            toks += s[k].n;
        }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double sec = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    print_message("# lex_tag: %.0f sentences/s, %.0f tokens/s\n", rounds * 4 / sec, (double)toks / sec);
    assert_true(toks > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookup_irregular_past),
        cmocka_unit_test(lookup_regular_inflections),
        cmocka_unit_test(lookup_closed_class),
        cmocka_unit_test(lookup_every_closed_class_line),
        cmocka_unit_test(lookup_names_numbers_unknowns),
        cmocka_unit_test(tag_missile_launch),
        cmocka_unit_test(tag_passive),
        cmocka_unit_test(tag_subject_verb_object),
        cmocka_unit_test(tag_infinitive_and_negation),
        cmocka_unit_test(tag_headline_case),
        cmocka_unit_test(tag_acronyms_and_lemmas),
        cmocka_unit_test(tag_wire_sentences),
        cmocka_unit_test(tag_degenerate_input),
        cmocka_unit_test(tag_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
