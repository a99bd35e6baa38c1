/* lexicon.c: words -> parts of speech and lemmas. Lookups go to the table tools/lexgen.sh
 * generates from WordNet and data/lexicon/closed-class.txt; lex_tag picks, with a few
 * dozen context rules, the one part of speech each token of a sentence has. */
#include "internal.h"

#include <string.h>

/* The generated table (build/gen/lexicon_data.c). Entry e: its word at
 * lexdata_blob + lexdata_word[e], its verb and noun lemmas likewise, its LEX_* bits, and
 * its prior (0 noun, 1 verb, 2 adjective, 3 adverb: the open class WordNet's tagged
 * corpus counts most often). lexdata_slot is an open-addressing hash table of entry + 1
 * (0 = empty), linear probing, keyed by tok_hash() % lexdata_slots (internal.h). */
extern const uint32_t lexdata_n, lexdata_slots;
extern const char lexdata_blob[];
extern const uint32_t lexdata_word[], lexdata_vlemma[], lexdata_nlemma[], lexdata_tags[];
extern const uint32_t lexdata_slot[];
extern const uint8_t lexdata_prior[];

#define OPEN (LEX_NOUN | LEX_VERB | LEX_ADJ | LEX_ADV)
#define FUNC (LEX_DET | LEX_PREP | LEX_PRON | LEX_POSSPRON | LEX_CONJ | LEX_SUBCONJ | LEX_AUX | \
              LEX_MODAL | LEX_NEG | LEX_REL)
/* While tagging only: the word is not in the lexicon (its open-class bits are guesses). */
#define UNKNOWN 0x80000000u

/* Same function as tools/lexgen.sh's hash(): h = h * 31 + byte, mod 2^32. */
/* The entry of a word whose tok_hash is h, or -1. */
static long find_hashed(const char *s, size_t len, uint32_t h) {
    if (len == 0 || len > LEX_MAX_WORD_BYTES) return -1;
    uint32_t slot = h % lexdata_slots;
    for (;;) {
        uint32_t e = lexdata_slot[slot];
        if (!e) return -1;
        const char *w = lexdata_blob + lexdata_word[e - 1];
        size_t k = 0;
        while (k < len && w[k] && w[k] == s[k]) k++;
        if (k == len && w[len] == '\0') return (long)(e - 1);
        if (++slot == lexdata_slots) slot = 0;
    }
}

/* The entry of a word, or -1. */
static long find(const char *s, size_t len) { return find_hashed(s, len, tok_hash(s, len)); }

/* The entry of a tagged token's word (its hash kept), or -1. */
static long find_tok(const tok *t) { return find_hashed(t->norm, t->norm_len, t->hash); }

/* lex_lookup for entry e (find's answer) */
static uint32_t lookup_entry(long e, const char *norm, size_t len, const char **lemma) {
    if (e < 0) {
        if (lemma) *lemma = NULL;
        return (len && norm[0] >= '0' && norm[0] <= '9') ? LEX_NUM : 0;
    }
    uint32_t t = lexdata_tags[e];
    if (lemma) *lemma = lexdata_blob + ((t & LEX_VERB) ? lexdata_vlemma[e] : lexdata_nlemma[e]);
    return t;
}

uint32_t lex_lookup(const char *norm, size_t len, const char **lemma) {
    return lookup_entry(find(norm, len), norm, len, lemma);
}

const char *lex_pos_name(int pos) {
    static const char *const names[LEX_POS_COUNT] = {
        "NONE", "NOUN", "PROPER", "VERB", "ADJ", "ADV", "DET", "PREP", "PRON", "POSSPRON",
        "CONJ", "SUBCONJ", "AUX", "MODAL", "NEG", "REL", "NUM", "TO", "POSS", "PUNCT",
    };
    return (pos >= 0 && pos < LEX_POS_COUNT) ? names[pos] : "?";
}

/* ---------------------------------------------------------------------------
 * The tagger
 * ------------------------------------------------------------------------- */

static bool is_word(const tok *t) { return t->cls == TOK_WORD; }
static bool is(const tok *t, const char *w) { return strcmp(t->norm, w) == 0; }
static bool capital(const tok *t) { return (t->flags & (TOK_CAP | TOK_ALLCAPS)) != 0; }
static bool acronym(const tok *t) {
    return (t->flags & (TOK_ALLCAPS | TOK_ABBREV)) != 0 && t->norm_len >= 2;
}
/* Only function-word bits, no open-class ones: "the", "of", "they". */
static bool function_only(uint32_t t) { return (t & FUNC) && !(t & OPEN); }
/* The word is the base form of a verb (its verb lemma is the word itself). */
static bool verb_base(const tok *t) {
    return (t->tags & LEX_VERB) && !(t->tags & (LEX_PAST | LEX_GERUND)) && t->lemma &&
           strcmp(t->lemma, t->norm) == 0;
}
/* A verb form that can only be finite or a participle: "fired", "says", "met". */
static bool verb_inflected(const tok *t) {
    return (t->tags & LEX_VERB) && ((t->tags & (LEX_PAST | LEX_GERUND)) ||
                                    (t->lemma && strcmp(t->lemma, t->norm) != 0));
}
/* What may stand at the start of a noun phrase after the current word. */
static bool np_start(const tok *t) {
    if (!t) return false;
    if (t->pos == LEX_POS_PROPER || t->pos == LEX_POS_NUM) return true;
    return is_word(t) && (t->tags & (LEX_DET | LEX_POSSPRON | LEX_PRON | LEX_NUM)) &&
           !(t->tags & (LEX_AUX | LEX_MODAL | LEX_PREP));
}
/* The next token can only be a verb (or auxiliary/modal): "collapsed", "were", "will". */
static bool verb_next(const tok *t) {
    if (!t || !is_word(t) || t->pos == LEX_POS_PROPER) return false;
    if (t->tags & (LEX_AUX | LEX_MODAL)) return true;
    return (t->tags & LEX_VERB) && !(t->tags & (LEX_NOUN | LEX_ADJ | FUNC)) &&
           verb_inflected(t);
}
static bool noun_next(const tok *t) {
    if (!t || !is_word(t)) return false;
    if (t->pos == LEX_POS_PROPER) return true;
    return (t->tags & LEX_NOUN) && !function_only(t->tags);
}

/* Guesses the open classes of a word the lexicon does not know from its ending. */
static uint32_t guess(const tok *t) {
    const char *s = t->norm;
    size_t n = t->norm_len;
    if (n > 4 && memcmp(s + n - 3, "ing", 3) == 0) return LEX_VERB | LEX_GERUND | LEX_NOUN;
    if (n > 3 && memcmp(s + n - 2, "ed", 2) == 0) return LEX_VERB | LEX_PAST | LEX_ADJ;
    if (n > 3 && memcmp(s + n - 2, "ly", 2) == 0) return LEX_ADV;
    if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's') return LEX_NOUN | LEX_PLURAL;
    return LEX_NOUN;
}

/* Pass 1: lexical bits and default lemmas; punctuation, numbers and 's settled. */
static void lookup_all(tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++) {
        tok *t = &toks[i];
        t->pos = LEX_POS_NONE;
        if (!t->norm) { /* defensive: a token without a normal form is punctuation */
            t->norm = "";
            t->norm_len = 0;
            t->cls = TOK_PUNCT;
        }
        t->lemma = t->norm;
        t->hash = tok_hash(t->norm, t->norm_len);
        switch (t->cls) {
        case TOK_WORD: {
            const char *lem = NULL;
            t->tags = lookup_entry(find_tok(t), t->norm, t->norm_len, &lem);
            if (lem) t->lemma = lem;
            if (t->tags == 0) t->tags = guess(t) | UNKNOWN;
            else if (t->tags == LEX_NUM) t->pos = LEX_POS_NUM;
            break;
        }
        case TOK_NUMBER: t->tags = LEX_NUM; t->pos = LEX_POS_NUM; break;
        case TOK_POSS: t->tags = 0; t->pos = LEX_POS_POSS; break;
        default: t->tags = 0; t->pos = LEX_POS_PUNCT; break;
        }
    }
}

/* Whether capital letters say anything in this sentence: not in an all-caps or
 * title-case headline ("North Korea Fires Missiles Into Sea"). */
static bool caps_informative(const tok *toks, size_t n) {
    size_t words = 0, caps = 0, allcaps = 0, func_caps = 0;
    for (size_t i = 0; i < n; i++) {
        const tok *t = &toks[i];
        if (!is_word(t) || (t->flags & TOK_JOINED)) continue;
        words++;
        if (t->flags & TOK_ALLCAPS) allcaps++;
        if (t->flags & TOK_FIRST) continue;
        if (capital(t)) {
            caps++;
            if (function_only(t->tags) && t->norm_len > 1) func_caps++;
        }
    }
    if (words >= 3 && allcaps * 10 >= words * 6) return false;
    if (func_caps >= 2) return false;
    if (words >= 5 && caps * 10 >= (words - 1) * 8) return false;
    return true;
}

/* Pass 2: proper nouns. */
static void mark_proper(tok *toks, size_t n) {
    bool caps = caps_informative(toks, n);
    for (size_t i = 0; i < n; i++) {
        tok *t = &toks[i];
        if (!is_word(t) || t->pos != LEX_POS_NONE) continue;
        const tok *prev = i > 0 ? &toks[i - 1] : NULL;
        const tok *next = i + 1 < n ? &toks[i + 1] : NULL;
        bool proper = false;
        if ((t->flags & TOK_JOINED) && prev && prev->pos == LEX_POS_PROPER) {
            proper = true; /* Moon Jae-in, Kim Jong-un */
        } else if (!capital(t)) {
            proper = false;
        } else if (!caps) {
            proper = (t->tags & UNKNOWN) || ((t->tags & LEX_PROPER) && !(t->tags & FUNC));
        } else if (acronym(t) && !(t->tags & (LEX_AUX | LEX_MODAL | LEX_DET | LEX_CONJ))) {
            proper = true; /* UN, U.S., NATO (but "IS" in a shout stays a verb) */
        } else if (!(t->flags & TOK_FIRST)) {
            proper = !function_only(t->tags) || (t->tags & (LEX_TITLE | LEX_MONTH | LEX_WEEKDAY));
        } else {
            /* The first word: a name when the lexicon says so, or when a name follows. */
            bool next_name = next && is_word(next) && capital(next) &&
                             !(next->flags & TOK_FIRST) && !function_only(next->tags) &&
                             (next->tags & (UNKNOWN | LEX_PROPER | LEX_TITLE) ||
                              !(next->tags & LEX_VERB));
            proper = !(t->tags & FUNC) &&
                     ((t->tags & (UNKNOWN | LEX_PROPER | LEX_TITLE)) || next_name);
        }
        /* a name is no modal: "Theresa May met Macron" */
        if (proper) {
            t->pos = LEX_POS_PROPER;
            t->tags &= ~(uint32_t)LEX_MODAL;
        }
    }
}

/* The nearest earlier token that is not an adverb or a negation ("was also not held"). */
static const tok *core_prev(const tok *toks, size_t i) {
    while (i > 0) {
        const tok *p = &toks[--i];
        if (p->pos != LEX_POS_ADV && p->pos != LEX_POS_NEG) return p;
    }
    return NULL;
}

/* Whether the clause that token i is in already has a verb before i. Clauses are cut at
 * punctuation, conjunctions and relative words. */
static bool clause_has_verb(const tok *toks, size_t i) {
    while (i > 0) {
        int p = toks[--i].pos;
        if (p == LEX_POS_VERB || p == LEX_POS_AUX || p == LEX_POS_MODAL) return true;
        if (p == LEX_POS_PUNCT || p == LEX_POS_CONJ || p == LEX_POS_SUBCONJ || p == LEX_POS_REL)
            return false;
    }
    return false;
}

/* Whether a finite verb stands in the clause from token i on, before punctuation, a
 * conjunction or a relative word: an auxiliary or modal, or a past form that cannot be a
 * noun followed by the start of its object ("officials in Baghdad condemned the attack").
 * Read from the lexicon's tags alone (the words after i are not tagged yet). */
static bool finite_verb_after(const tok *toks, size_t n, size_t i) {
    for (; i < n; i++) {
        const tok *t = &toks[i];
        if (!is_word(t)) {
            if (t->cls == TOK_PUNCT) return false;
            continue;
        }
        if (t->pos == LEX_POS_PROPER) continue; /* "the United States" */
        if (t->tags & (LEX_CONJ | LEX_SUBCONJ | LEX_REL)) return false;
        if (t->tags & (LEX_AUX | LEX_MODAL)) return true;
        if ((t->tags & LEX_VERB) && (t->tags & LEX_PAST) && !(t->tags & LEX_NOUN) && i + 1 < n &&
            np_start(&toks[i + 1]))
            return true;
    }
    return false;
}

/* Whether a phrase of time opens at token i: a preposition before a day or month ("on
 * Tuesday", "in March", "on May 3"). A subject's noun before it is no verb: "Turkish
 * troops on Sunday shelled", "Syrian officers on Tuesday ended". */
static bool time_phrase(const tok *toks, size_t n, size_t i) {
    if (i + 1 >= n || !is_word(&toks[i]) || !(toks[i].tags & LEX_PREP)) return false;
    return is_word(&toks[i + 1]) && (toks[i + 1].tags & (LEX_WEEKDAY | LEX_MONTH));
}

/* Function words: the one role a closed-class word plays here. */
static int choose_function(tok *toks, size_t n, size_t i) {
    const tok *t = &toks[i];
    const tok *prev = i > 0 ? &toks[i - 1] : NULL;
    const tok *next = i + 1 < n ? &toks[i + 1] : NULL;
    uint32_t g = t->tags;
    int pp = prev ? prev->pos : LEX_POS_NONE;

    if (g & LEX_AUX) return LEX_POS_AUX;
    if (g & LEX_MODAL) {
        if ((g & LEX_MONTH) && ((next && next->pos == LEX_POS_NUM) || pp == LEX_POS_PREP ||
                                pp == LEX_POS_NUM))
            return LEX_POS_NOUN;
        return LEX_POS_MODAL;
    }
    if (is(t, "that")) {
        if (pp == LEX_POS_NOUN || pp == LEX_POS_PROPER || pp == LEX_POS_PRON) {
            return np_start(next) ? LEX_POS_SUBCONJ : LEX_POS_REL;
        }
        if (pp == LEX_POS_VERB || pp == LEX_POS_ADJ || pp == LEX_POS_PUNCT || np_start(next))
            return LEX_POS_SUBCONJ;
        return noun_next(next) && !verb_next(next) ? LEX_POS_DET : LEX_POS_SUBCONJ;
    }
    if ((g & LEX_POSSPRON) && (g & LEX_PRON)) { /* her, his */
        /* (a capitalised word after it is a name it owns: "his US counterpart", whose
         * "US" the lexicon also knows as the pronoun "us"; not a weekday: "told her
         * Tuesday") */
        static const char *const weekday[] = {"monday", "tuesday", "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
        bool day = false;
        for (size_t k = 0; next && k < sizeof weekday / sizeof weekday[0] && !day; k++) day = is(next, weekday[k]);
        bool nominal = next && is_word(next) &&
                       ((next->tags & (LEX_NOUN | LEX_ADJ | LEX_NUM)) || (capital(next) && !day)) &&
                       !(next->tags & (LEX_PREP | LEX_AUX | LEX_MODAL));
        return nominal ? LEX_POS_POSSPRON : LEX_POS_PRON;
    }
    if ((g & LEX_PREP) && (g & LEX_VERB)) { /* like, following, including */
        const tok *c = core_prev(toks, i);
        if (c && (c->pos == LEX_POS_PRON || c->pos == LEX_POS_MODAL || c->pos == LEX_POS_AUX ||
                  c->pos == LEX_POS_TO || (c->pos == LEX_POS_PROPER && !(g & LEX_GERUND))))
            return LEX_POS_VERB;
        return LEX_POS_PREP;
    }
    if ((g & LEX_SUBCONJ) && (g & LEX_PREP)) { /* after, before, since, until, as */
        if (next && is_word(next) && (next->tags & LEX_PRON) && !(next->tags & LEX_POSSPRON) &&
            !is(next, "him") && !is(next, "them") && !is(next, "us") && !is(next, "me"))
            return LEX_POS_SUBCONJ; /* after they met; but after him */
        return LEX_POS_PREP;
    }
    if ((g & LEX_PREP) && (g & LEX_ADV)) { /* up, down, out, over: particle or preposition */
        if (next && (is_word(next) || next->pos == LEX_POS_NUM)) return LEX_POS_PREP;
        return LEX_POS_ADV;
    }
    if ((g & LEX_NUM) && (g & LEX_PRON)) /* "one person" or "one of them" */
        return noun_next(next) && !verb_next(next) ? LEX_POS_NUM : LEX_POS_PRON;
    if ((g & LEX_REL) && (g & LEX_PRON)) /* who, whom: relative after a noun or comma */
        return pp == LEX_POS_NOUN || pp == LEX_POS_PROPER || pp == LEX_POS_PUNCT ? LEX_POS_REL
                                                                                : LEX_POS_PRON;
    if (g & LEX_PRON) return LEX_POS_PRON;
    if (g & LEX_POSSPRON) return LEX_POS_POSSPRON;
    if (g & LEX_REL) {
        if (g & LEX_DET) return noun_next(next) && !verb_next(next) ? LEX_POS_DET : LEX_POS_REL;
        return (g & LEX_SUBCONJ) && pp != LEX_POS_NOUN && pp != LEX_POS_PROPER ? LEX_POS_SUBCONJ
                                                                             : LEX_POS_REL;
    }
    if (g & LEX_DET) return LEX_POS_DET;
    if ((g & LEX_CONJ) && (g & LEX_PREP)) return LEX_POS_CONJ; /* but, plus */
    if (g & LEX_NEG) return LEX_POS_NEG;
    /* "has once again rejected", "once more": "once" before "again" or "more" is an
     * adverb, no clause of its own */
    if ((g & LEX_ADV) && is(t, "once") && next && (is(next, "again") || is(next, "more"))) return LEX_POS_ADV;
    if (g & LEX_SUBCONJ) return LEX_POS_SUBCONJ;
    if (g & LEX_PREP) return LEX_POS_PREP;
    if (g & LEX_CONJ) return LEX_POS_CONJ;
    return LEX_POS_NONE;
}

static int pos_of_prior(const tok *t) {
    uint32_t g = t->tags;
    int want = -1;
    if (!(g & UNKNOWN)) {
        long e = find_tok(t);
        if (e >= 0) want = lexdata_prior[e];
    }
    static const uint32_t bit[4] = {LEX_NOUN, LEX_VERB, LEX_ADJ, LEX_ADV};
    static const int pos[4] = {LEX_POS_NOUN, LEX_POS_VERB, LEX_POS_ADJ, LEX_POS_ADV};
    if (want >= 0 && want < 4 && (g & bit[want])) return pos[want];
    for (int k = 0; k < 4; k++)
        if (g & bit[k]) return pos[k];
    return LEX_POS_NOUN;
}

/* Nouns whose "to" opens an infinitive, not a phrase of direction: an accord, a decision
 * or an attempt to do something. */
static bool infinitive_noun(const tok *t) {
    static const char *const w[] = {"consensus", "agreement", "agreements", "deal", "deals", "understanding",
                                    "accord", "pact", "decision", "bid", "effort", "efforts", "attempt", "move"};
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (is(t, w[k])) return true;
    return false;
}

/* Open-class words: noun, verb, adjective or adverb, from the words around them. */
static int choose_open(tok *toks, size_t n, size_t i) {
    tok *t = &toks[i];
    const tok *next = i + 1 < n ? &toks[i + 1] : NULL;
    const tok *c = core_prev(toks, i);
    uint32_t g = t->tags;
    uint32_t cand = g & OPEN;
    int cp = c ? c->pos : LEX_POS_NONE;

    if (cand == LEX_NOUN) return LEX_POS_NOUN;
    if (cand == LEX_ADJ) return LEX_POS_ADJ;
    if (cand == LEX_ADV) return LEX_POS_ADV;
    if (cand == LEX_VERB) {
        if (cp == LEX_POS_AUX && (g & LEX_PAST) && c->lemma && strcmp(c->lemma, "be") == 0)
            t->tags |= LEX_PASSIVE;
        /* A participle between a determiner, possessive or preposition and a noun modifies
         * the noun: "among repatriated citizens", "the retreating rebels", "a seized tanker".
         * A past form there can be no finite verb; an -ing form after a preposition can
         * be a gerund with its object ("by firing rockets"), so only a determiner or a
         * possessive makes it one. A preposition that is also an adverb or conjunction
         * may stand alone ("has since seized", "as agreed"): no noun phrase opens there. */
        bool np_left = cp == LEX_POS_DET || cp == LEX_POS_POSSPRON || cp == LEX_POS_POSS;
        if (cp == LEX_POS_ADJ) { /* "its own negotiating stance", "an intense lobbying
                                  * campaign"; not "are still considering options" */
            const tok *cc = core_prev(toks, (size_t)(c - toks));
            np_left = cc && (cc->pos == LEX_POS_DET || cc->pos == LEX_POS_POSSPRON || cc->pos == LEX_POS_POSS);
        }
        bool prep_left = cp == LEX_POS_PREP && !(c->tags & (LEX_SUBCONJ | LEX_ADV | LEX_CONJ));
        if (noun_next(next) && !(next->tags & (LEX_DET | LEX_PRON | LEX_POSSPRON | LEX_NUM)) &&
            (((g & LEX_PAST) && !(g & LEX_GERUND) && (np_left || prep_left)) ||
             ((g & LEX_GERUND) && np_left)))
            return LEX_POS_ADJ;
        return LEX_POS_VERB;
    }
    if (cand == 0) return pos_of_prior(t);

    bool verb = (g & LEX_VERB) != 0, noun = (g & LEX_NOUN) != 0, adj = (g & LEX_ADJ) != 0;

    /* After a modal, an adverb that can be a verb stands before the verb ("won't even
     * ever clash", "will still fight"): not "will even the score", "will further talks". */
    if (verb && (g & LEX_ADV) && cp == LEX_POS_MODAL && next && is_word(next) &&
        (next->tags & (LEX_VERB | LEX_ADV)) && !(next->tags & (LEX_PLURAL | LEX_DET | LEX_PREP | LEX_PRON)))
        return LEX_POS_ADV;
    /* After a modal, "to", or do-support: a bare verb. */
    if (verb && verb_base(t)) {
        if (cp == LEX_POS_MODAL) return LEX_POS_VERB;
        if (cp == LEX_POS_AUX && c->lemma && strcmp(c->lemma, "do") == 0) return LEX_POS_VERB;
        if (c && is(c, "to") && cp == LEX_POS_PREP) {
            const tok *before = core_prev(toks, (size_t)(c - toks));
            bool governed = before && (before->pos == LEX_POS_VERB || before->pos == LEX_POS_AUX ||
                                       before->pos == LEX_POS_ADJ);
            if (governed || np_start(next) || pos_of_prior(t) == LEX_POS_VERB) return LEX_POS_VERB;
            /* a noun that takes an infinitive: "reached a consensus to exchange information",
             * "a bid to curb inflation" */
            if (before && before->pos == LEX_POS_NOUN && infinitive_noun(before) && noun_next(next))
                return LEX_POS_VERB;
            return noun ? LEX_POS_NOUN : LEX_POS_VERB;
        }
    }
    /* After be / have: participles. */
    if (cp == LEX_POS_AUX && c->lemma) {
        bool be = strcmp(c->lemma, "be") == 0, have = strcmp(c->lemma, "have") == 0;
        if (verb && (g & LEX_PAST) && (be || have)) {
            if (be) t->tags |= LEX_PASSIVE;
            return LEX_POS_VERB;
        }
        if (verb && (g & LEX_GERUND) && be) return LEX_POS_VERB;
        if (be) {
            if (adj && !noun_next(next)) return LEX_POS_ADJ;
            if (adj) return LEX_POS_ADJ;
            if (noun) return LEX_POS_NOUN;
        }
    }
    /* Inside a noun phrase: after a determiner, possessive, number or adjective. */
    if (cp == LEX_POS_PREP && verb && (g & LEX_GERUND)) {
        /* by firing rockets, of violating the ceasefire; but amid rising tensions */
        if (adj && noun_next(next) && !np_start(next)) return LEX_POS_ADJ;
        if (np_start(next) || !noun || !(next && is_word(next))) return LEX_POS_VERB;
        if (!noun_next(next)) return LEX_POS_NOUN;
        return LEX_POS_VERB;
    }
    if (cp == LEX_POS_DET || cp == LEX_POS_POSSPRON || cp == LEX_POS_POSS ||
        cp == LEX_POS_NUM || cp == LEX_POS_ADJ || cp == LEX_POS_PREP) {
        bool modifies = noun_next(next);
        bool joined_next = next && (next->flags & TOK_JOINED);
        if (adj && (modifies || joined_next) && !(g & LEX_PLURAL)) return LEX_POS_ADJ;
        if (noun) return LEX_POS_NOUN;
        if (adj) return LEX_POS_ADJ;
        if (verb && (g & (LEX_PAST | LEX_GERUND)) && modifies) return LEX_POS_ADJ;
    }
    /* After a subject: the verb. */
    if (verb && (cp == LEX_POS_NOUN || cp == LEX_POS_PROPER || cp == LEX_POS_PRON ||
                 cp == LEX_POS_REL)) {
        if (noun && verb_next(next)) return LEX_POS_NOUN;       /* the peace talks collapsed */
        if (cp == LEX_POS_PRON || cp == LEX_POS_REL) return LEX_POS_VERB;
        bool has_verb = clause_has_verb(toks, i);
        bool to_inf = next && is(next, "to") && i + 2 < n && verb_base(&toks[i + 2]);
        /* A past form the lexicon reads mostly as a verb, with no verb before it in the
         * clause, is the clause's verb even before a bare noun phrase: "Khomeini
         * rejected Iraqi proposals", "the court cancelled restrictions". One read
         * mostly as an adjective still modifies the noun, and so does one that a finite
         * verb follows in its clause ("the Egyptian elected parliament met", "Iraqi
         * retired officials in Baghdad condemned the attack"). */
        bool finite_past = (g & LEX_PAST) && !(g & LEX_GERUND) && !has_verb && pos_of_prior(t) == LEX_POS_VERB &&
                           !(i + 2 < n && verb_next(&toks[i + 2])) && !finite_verb_after(toks, n, i + 2);
        /* A noun that could be a verb after it is still the head when a phrase of time
         * or a verb comes right after it and a finite verb follows: "Iraqi armed forces
         * on Monday shelled", not "France on Monday blocked coach passengers coming". */
        if (adj && next && noun_next(next) && !finite_past &&
            (!(next->tags & LEX_VERB) || pos_of_prior(t) == LEX_POS_ADJ ||
             ((g & LEX_PAST) && !has_verb && (time_phrase(toks, n, i + 2) || (i + 2 < n && verb_next(&toks[i + 2]))) &&
              finite_verb_after(toks, n, i + 2))))
            return LEX_POS_ADJ;                                 /* last month, prime minister */
        if (verb_inflected(t) && (g & LEX_PLURAL) && noun) {    /* "talks": plural or 3sg */
            if (has_verb) return LEX_POS_NOUN;
            if (next && is_word(next) && (next->tags & LEX_VERB) && (next->tags & LEX_PAST) &&
                !(next->tags & LEX_NOUN) && next->pos != LEX_POS_PROPER)
                return LEX_POS_NOUN;                            /* autumn leaves covered */
            if (to_inf) return LEX_POS_VERB;                    /* the government plans to */
            if (cp == LEX_POS_PROPER && (np_start(next) || (next && (next->tags & LEX_PREP) && !time_phrase(toks, n, i + 1))))
                return LEX_POS_VERB;
            if (cp == LEX_POS_NOUN && !(c->tags & LEX_PLURAL) &&
                (np_start(next) || pos_of_prior(t) == LEX_POS_VERB))
                return LEX_POS_VERB;                            /* the visit comes amid */
            return LEX_POS_NOUN;                                /* missile launches */
        }
        if (verb_inflected(t)) return LEX_POS_VERB;            /* fired, met, says */
        if (!has_verb) {
            if (np_start(next)) return LEX_POS_VERB;           /* they attack the */
            if (noun_next(next) && !verb_next(next)) return LEX_POS_VERB; /* share intelligence */
            if ((cp == LEX_POS_PROPER || (c->tags & LEX_PLURAL)) && next && is_word(next) &&
                (next->tags & (LEX_PREP | LEX_ADV)) && !(next->tags & LEX_NOUN) && !time_phrase(toks, n, i + 1))
                return LEX_POS_VERB;                           /* protesters clash with */
        }
        if (noun) return LEX_POS_NOUN;                         /* Korea summit */
        return LEX_POS_VERB;
    }
    /* After a verb: its object or complement. */
    if (cp == LEX_POS_VERB) {
        if (adj && noun_next(next) && !(g & LEX_PLURAL)) return LEX_POS_ADJ;
        if (noun && !(g & (LEX_PAST | LEX_GERUND))) return LEX_POS_NOUN;
        if (adj) return LEX_POS_ADJ;
        if ((g & LEX_ADV) && !noun) return LEX_POS_ADV;
        if (verb) return LEX_POS_VERB;
    }
    /* At the start of a clause: a noun before a verb, else the usual reading. */
    if (noun && verb_next(next)) return LEX_POS_NOUN;
    if (adj && noun_next(next) && !(g & LEX_PLURAL) && pos_of_prior(t) != LEX_POS_VERB)
        return LEX_POS_ADJ;
    return pos_of_prior(t);
}

/* The lemma of a word for the chosen part of speech. */
static const char *lemma_for(const tok *t) {
    switch (t->pos) {
    case LEX_POS_VERB:
    case LEX_POS_AUX:
    case LEX_POS_MODAL:
        return t->lemma;
    case LEX_POS_NOUN: {
        if (!(t->tags & LEX_VERB) || (t->tags & UNKNOWN)) return t->lemma;
        long e = find_tok(t);
        return e >= 0 ? lexdata_blob + lexdata_nlemma[e] : t->norm;
    }
    default:
        /* Closed-class entries with a lemma (n't -> not) keep it; the rest are themselves. */
        return (t->tags & FUNC) ? t->lemma : t->norm;
    }
}

/* A past participle (or an -ing form before a noun) joined by a hyphen to a name
 * ("Saudi-led", "Iran-backed") or to a
 * word that starts a noun phrase's modifiers ("a rebel-held suburb", "in
 * government-controlled areas", "Rebel-held Idlib") is an adjective: "North Korea
 * test-fired a missile" keeps its verb, its first part following the subject. */
static bool hyphen_participle(const tok *toks, size_t n, size_t i) {
    const tok *t = &toks[i], *first = &toks[i - 1];
    if (!(t->flags & TOK_JOINED) || !is_word(t) || !(t->tags & LEX_VERB) || !is_word(first) ||
        (first->flags & TOK_JOINED))
        return false;
    /* an -ing form so joined before a noun too: "the ground-penetrating search", "a
     * self-governing statelet" */
    if (!(t->tags & LEX_PAST) && !((t->tags & LEX_GERUND) && i + 1 < n && noun_next(&toks[i + 1]) &&
                                   !(toks[i + 1].tags & (LEX_DET | LEX_PRON | LEX_POSSPRON))))
        return false;
    /* a name, or an acronym the sentence's capitals left a pronoun ("US-backed") */
    if (first->pos == LEX_POS_PROPER || acronym(first)) return true;
    if (i < 2) return true;
    const tok *b = &toks[i - 2];
    if (!is_word(b)) return true;
    return b->pos == LEX_POS_DET || b->pos == LEX_POS_PREP || b->pos == LEX_POS_ADJ ||
           b->pos == LEX_POS_NUM || b->pos == LEX_POS_POSS || b->pos == LEX_POS_POSSPRON ||
           b->pos == LEX_POS_CONJ;
}

void lex_tag(tok *toks, size_t n) {
    if (!toks || n == 0) return;
    lookup_all(toks, n);
    mark_proper(toks, n);
    for (size_t i = 0; i < n; i++) {
        tok *t = &toks[i];
        if (t->pos != LEX_POS_NONE) continue;
        int p = LEX_POS_NONE;
        if (t->tags & FUNC) p = choose_function(toks, n, i);
        if (p == LEX_POS_NONE && (t->tags & LEX_NUM)) p = LEX_POS_NUM;
        if (p == LEX_POS_NONE) p = choose_open(toks, n, i);
        t->pos = (uint8_t)p;
    }
    for (size_t i = 0; i < n; i++) {
        tok *t = &toks[i];
        /* 's after a pronoun is "is" or "has": it's, he's. */
        if (t->pos == LEX_POS_POSS && i > 0 && toks[i - 1].pos == LEX_POS_PRON) {
            t->pos = LEX_POS_AUX;
            t->tags = LEX_AUX | LEX_VERB;
            t->lemma = "be";
            continue;
        }
        /* "to" before a bare verb is the infinitive marker. */
        if (t->pos == LEX_POS_PREP && is(t, "to") && i + 1 < n && toks[i + 1].pos == LEX_POS_VERB &&
            verb_base(&toks[i + 1]))
            t->pos = LEX_POS_TO;
        if (i > 0 && hyphen_participle(toks, n, i)) {
            t->pos = LEX_POS_ADJ;
            t->tags &= ~(uint32_t)LEX_VERB;
        }
        if (t->pos != LEX_POS_VERB) t->tags &= ~LEX_PASSIVE;
        t->lemma = t->cls == TOK_WORD ? lemma_for(t) : t->norm;
        if (t->pos == LEX_POS_PROPER) {
            t->tags |= LEX_PROPER;
            t->lemma = t->norm;
        } else {
            t->tags &= ~LEX_PROPER;
        }
        t->tags &= ~UNKNOWN;
    }
}
