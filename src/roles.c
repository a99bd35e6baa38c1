/* roles.c: who did it to whom: the subject of a verb, the agent of a passive, and the
 * default target of a pattern without slots. */
#include "coder_int.h"

#include <string.h>

/* A participle of state and the preposition that follows it: the subject is the one
 * engaged, opposed or committed ("Serb forces were engaged in ethnic cleansing", "Israel
 * is opposed to French mediation"), not the one acted on. */
static const struct {
    const char *lemma, *prep;
} stative_participles[] = {{"engage", "in"}, {"oppose", "to"}};

/* A past participle after a form of "be" (adverbs and negation between). Not a
 * participle of state before its preposition (stative_participles): "were engaged in
 * ethnic cleansing" says what the subject did. */
static bool passive_after_be(const syn_sentence *ss, size_t v) {
    for (size_t i = 0; i < sizeof stative_participles / sizeof stative_participles[0]; i++)
        if (tok_lemma_is(&ss->toks[v], stative_participles[i].lemma) && v + 1 < ss->n &&
            tok_is(&ss->toks[v + 1], stative_participles[i].prep))
            return false;
    if (ss->toks[v].tags & LEX_PASSIVE) return true;
    if (!(ss->toks[v].tags & LEX_PAST)) return false;
    for (size_t k = 1; k <= 3 && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (tok_is_be(t)) return true;
        if (!(t->cls == TOK_WORD && (t->tags & (LEX_ADV | LEX_NEG)))) return false;
    }
    return false;
}

/* A past participle joined by "and"/"or" to a passive one shares its "be": "was shot and
 * killed by two gunmen", "were arrested and beaten by police" (both participles passive,
 * the agent after the last). Not a verb with an object of its own right after it ("was
 * sacked and named his deputy" is active), nor a verb whose "and" follows an object
 * ("was arrested in Cairo and killed": only the word right before "and" counts). */
bool roles_reduced_relative(const syn_sentence *ss, size_t v) {
    return v >= 2 && v + 1 < ss->n && (ss->toks[v].tags & LEX_PAST) && ss->toks[v].pos == LEX_POS_VERB &&
           tok_is(&ss->toks[v + 1], "by") && ss->mention_at[v - 1] < 0 && ss->toks[v - 1].cls == TOK_WORD &&
           ss->toks[v - 1].pos == LEX_POS_NOUN && !passive_after_be(ss, v);
}

#define ROLES_MAX_PASSIVE_REACH 10u /* words between a passive and "and" + participle */

/* "was found guilty of rape and sentenced to life", "was arrested in Cairo on Monday and
 * charged with spying": a participle after "and" with no object of its own (a
 * preposition or the end follows it) shares the passive "be" of the verb before the
 * "and", across that verb's complements (words, names, places; no other verb, no
 * punctuation). */
static bool passive_across_complement(const syn_sentence *ss, size_t v) {
    if (v + 1 < ss->n) {
        const tok *nx = &ss->toks[v + 1];
        if (ss->mention_at[v + 1] >= 0 ||
            (nx->cls == TOK_WORD && !(nx->pos == LEX_POS_PREP || nx->pos == LEX_POS_TO || nx->pos == LEX_POS_ADV)))
            return false;
    }
    for (size_t k = v - 1; k-- > 0 && k + ROLES_MAX_PASSIVE_REACH >= v;) {
        const tok *t = &ss->toks[k];
        if (t->cls != TOK_WORD || ss->clause[k] != ss->clause[v]) return false;
        if (t->pos == LEX_POS_VERB) return passive_after_be(ss, k);
        if (t->pos == LEX_POS_CONJ || t->pos == LEX_POS_SUBCONJ || t->pos == LEX_POS_REL || t->pos == LEX_POS_AUX)
            return false;
    }
    return false;
}

bool roles_is_passive(const syn_sentence *ss, size_t v) {
    if (passive_after_be(ss, v)) return true;
    if (!(ss->toks[v].tags & LEX_PAST) || ss->toks[v].pos != LEX_POS_VERB || v < 2) return false;
    const tok *c = &ss->toks[v - 1], *p = &ss->toks[v - 2];
    if (!(tok_is(c, "and") || tok_is(c, "or"))) return false;
    if (p->pos != LEX_POS_VERB) return passive_across_complement(ss, v);
    if (!passive_after_be(ss, v - 2)) return false;
    if (v + 1 < ss->n) {
        const tok *nx = &ss->toks[v + 1];
        if (ss->mention_at[v + 1] >= 0 || nx->pos == LEX_POS_DET || nx->pos == LEX_POS_POSSPRON) return false;
    }
    return true;
}

/* True when mention m is the object of "on behalf of", "at the request of" or "at the
 * behest of": the one an act is done for, its source. */
static bool for_whom(const syn_sentence *ss, const syn_mention *m) {
    size_t f = m->first;
    while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && (ss->toks[f - 1].tags & LEX_DET)) f--;
    if (f < 2 || !tok_is(&ss->toks[f - 1], "of")) return false;
    const tok *h = &ss->toks[f - 2];
    return tok_is(h, "behalf") || tok_is(h, "request") || tok_is(h, "behest");
}

/* True when mention m follows "member of" or "members of" (a determiner between): "a
 * member of the Syrian parliament started a hunger strike" is the parliament's member,
 * the subject. */
static bool member_of(const syn_sentence *ss, const syn_mention *m) {
    size_t f = m->first;
    while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && (ss->toks[f - 1].tags & LEX_DET)) f--;
    if (f < 2 || !tok_is(&ss->toks[f - 1], "of")) return false;
    return tok_is(&ss->toks[f - 2], "member") || tok_is(&ss->toks[f - 2], "members");
}

#define ROLES_MAX_FRONTED_TOKENS 40u /* a fronted phrase longer than this is not looked for */

/* A fronted phrase: the sentence opens with a preposition ("In a statement issued on
 * Tuesday, ..."), a subordinating conjunction ("After Iran seized the tanker, ...") or a
 * participle ("Asked about the attack, ...", "Speaking in Ankara, ...") and goes up to
 * its first comma, or past a relative clause that comma opens ("In Japan, which has
 * reported four deaths, ..."). The index of the comma that ends it, or 0. */
static size_t fronted_end(const syn_sentence *ss) {
    if (ss->n < 3 || ss->toks[0].cls != TOK_WORD) return 0;
    const tok *t0 = &ss->toks[0];
    bool opener = (t0->pos == LEX_POS_PREP && !tok_is(t0, "of")) || t0->pos == LEX_POS_SUBCONJ ||
                  (t0->pos == LEX_POS_VERB && (t0->tags & (LEX_GERUND | LEX_PAST)));
    if (!opener) return 0;
    for (size_t u = 1; u < ss->n && u <= ROLES_MAX_FRONTED_TOKENS; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_QUOTE || t->cls == TOK_END || t->cls == TOK_DASH) return 0;
        if (t->cls != TOK_PUNCT) continue;
        if (t->norm[0] == ';' || t->norm[0] == ':') return 0;
        if (t->norm[0] != ',') continue;
        if (ss->paren[u] != SYN_PAREN_RELATIVE) return u;
        while (u + 1 < ss->n && ss->paren[u + 1] == SYN_PAREN_RELATIVE) u++;
        return u;
    }
    return 0;
}

/* The subject of verb v: a mention index, or -1. */
size_t roles_addressing_verb(const syn_sentence *ss, size_t v) {
    static const char *const address[] = {"tell", "call", "phone", "telephone", "ring", "write", "brief"};
    static const char *const sent[] = {"write", "letter", "message", "note", "petition", "appeal", "email"};
    const tok *t = ss->toks;
    if (v == 0 || !(t[v].tags & LEX_GERUND) || t[v].pos != LEX_POS_VERB) return SIZE_MAX;
    int32_t mi = ss->mention_at[v - 1];
    if (mi < 0 || ss->m[mi].last != v) return SIZE_MAX;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    size_t p = ss->m[mi].first;
    while (p > 0 && t[p - 1].cls == TOK_WORD && (t[p - 1].pos == LEX_POS_DET || t[p - 1].pos == LEX_POS_ADJ)) p--;
    if (p == 0 || t[p - 1].cls != TOK_WORD) return SIZE_MAX;
    const tok *b = &t[p - 1];
    if (tok_is(b, "to")) { /* a letter or a message written or sent to the actor */
        if (p < 2 || t[p - 2].cls != TOK_WORD) return SIZE_MAX;
        bool ok = false;
        for (size_t w = 0; w < sizeof sent / sizeof *sent; w++) ok |= tok_lemma_is(&t[p - 2], sent[w]);
        if (!ok) return SIZE_MAX;
        /* the verb that wrote or sent it, a few words back ("sent a letter to") */
        for (size_t u = p - 1, q = 0; u-- > 0 && q < 4; q++)
            if (t[u].cls == TOK_WORD && t[u].pos == LEX_POS_VERB) return u;
        return SIZE_MAX;
    }
    if (b->pos != LEX_POS_VERB) return SIZE_MAX;
    for (size_t w = 0; w < sizeof address / sizeof *address; w++)
        if (tok_lemma_is(b, address[w])) return p - 1;
    return SIZE_MAX;
}

/* "welcomed Trump's move to reimpose", "Ankara's plans to launch": an infinitive that a
 * possessed noun governs is the possessor's act (or plan), never the sentence subject's.
 * u is the infinitive's "to". Returns the possessor's mention, -1 when the possessor is
 * no actor dyad knows, or NO_POSSESSOR when no "'s" noun stands right before the "to".
 * A possessive pronoun ("announced its decision to") is left to the subject. */
#define NO_POSSESSOR (-2)
#define POSSESSED_NOUN_MAX_WORDS 3 /* "Mbonisi's failed bid", "the King's ongoing efforts" */
static int32_t possessed_noun_owner(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || t[u - 1].cls != TOK_WORD || t[u - 1].pos != LEX_POS_NOUN || ss->mention_at[u - 1] >= 0)
        return NO_POSSESSOR;
    size_t k = u - 1, words = 0;
    while (k > 0 && words < POSSESSED_NOUN_MAX_WORDS && t[k].cls == TOK_WORD && ss->mention_at[k] < 0 &&
           (t[k].pos == LEX_POS_NOUN || t[k].pos == LEX_POS_ADJ || (t[k].tags & LEX_PAST)))
        k--, words++;
    if (t[k].cls != TOK_POSS || k == 0) return NO_POSSESSOR;
    int32_t mi = ss->mention_at[k - 1];
    if (mi < 0 || ss->m[mi].last != k) return -1;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

#define ROLES_MAX_MESSAGE_WORDS 3u /* "was met with angry messages urging", "faced fresh calls demanding" */

/* True when the -ing verb v modifies a plain noun ("messages", "calls", "letters") that
 * the verb before it receives: a passive ("the Pope was met with messages urging him to
 * rescind", "was flooded with letters demanding") or face/receive ("faced calls
 * demanding"). The subject of that verb is whom the messages reach, not their author. */
static bool received_message(const syn_sentence *ss, size_t v) {
    const tok *t = ss->toks;
    if (v < 2 || t[v].pos != LEX_POS_VERB || !(t[v].tags & LEX_GERUND)) return false;
    size_t u = v;
    while (u > 0 && v - u < ROLES_MAX_MESSAGE_WORDS && t[u - 1].cls == TOK_WORD && ss->mention_at[u - 1] < 0 &&
           !(t[u - 1].flags & TOK_CAP) && (t[u - 1].tags & (LEX_NOUN | LEX_ADJ | LEX_DET)) &&
           !(t[u - 1].tags & (LEX_PREP | LEX_PRON | LEX_AUX | LEX_MODAL | LEX_CONJ | LEX_REL)))
        u--;
    if (u == v || t[v - 1].pos != LEX_POS_NOUN || u == 0) return false;
    if (t[u - 1].cls == TOK_WORD && (tok_is(&t[u - 1], "with") || tok_is(&t[u - 1], "by"))) u--;
    if (u == 0 || t[u - 1].cls != TOK_WORD || t[u - 1].pos != LEX_POS_VERB) return false;
    const tok *r = &t[u - 1];
    if (tok_lemma_is(r, "face") || tok_lemma_is(r, "receive")) return true;
    return roles_is_passive(ss, u - 1);
}

/* The actor that modifies the common noun ending right before token u, with only nouns
 * and adjectives that name no actor between (at most POSSESSED_NOUN_MAX_WORDS): "a US
 * statement", "Washington's joint statement". The first member of its compound, or -1.
 * Not a person ("a Putin aide") nor a noun of time ("on Sunday morning"). */
static int32_t modified_noun_owner(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || t[u - 1].cls != TOK_WORD || t[u - 1].pos != LEX_POS_NOUN || ss->mention_at[u - 1] >= 0 ||
        (t[u - 1].tags & (LEX_WEEKDAY | LEX_MONTH)))
        return -1;
    int32_t owner = possessed_noun_owner(ss, u);
    if (owner != NO_POSSESSOR) return owner;
    size_t k = u - 1, words = 0;
    while (k > 0 && words < POSSESSED_NOUN_MAX_WORDS && t[k].cls == TOK_WORD && ss->mention_at[k] < 0 &&
           (t[k].pos == LEX_POS_NOUN || t[k].pos == LEX_POS_ADJ))
        k--, words++;
    int32_t mi = ss->mention_at[k];
    if (mi < 0 || ss->m[mi].last != k + 1 || (ss->m[mi].flags & (SYN_M_PERSON | SYN_M_PRONOUN)) ||
        mention_is_outlet(ss, &ss->m[mi]))
        return -1;
    /* the actor opens the noun phrase after an article ("a US statement"), no object of
     * a verb before it ("gave Russia advance warning"); and a document the clause's
     * subject makes or issues is its own ("made a Commons statement saying",
     * "issued a media statement recommending": the venue or the medium, no author) */
    size_t d = ss->m[mi].first;
    if (d == 0 || !(t[d - 1].tags & LEX_DET) || t[d - 1].cls != TOK_WORD) return -1;
    if (d >= 2 && t[d - 2].cls == TOK_WORD && t[d - 2].pos == LEX_POS_VERB) {
        static const char *const issue[] = {"make", "issue", "release", "deliver", "publish", "give", "send", "read"};
        for (size_t i = 0; i < sizeof issue / sizeof issue[0]; i++)
            if (tok_lemma_is(&t[d - 2], issue[i])) return -1;
    }
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

/* Mention mi itself, or, when it is an office or group with no name standing in an
 * indefinite apposition right after a named actor and its comma ("the NUG, a shadow
 * administration outlawed by the junta, called", "Hamas, an Islamist group, said"), that
 * named actor: the apposition only says what it is. */
static int32_t apposition_head(const syn_sentence *ss, int32_t mi) {
    const tok *t = ss->toks;
    const syn_mention *m = &ss->m[mi];
    if (!(m->flags & SYN_M_AGENT_ONLY)) return mi;
    size_t u = m->first;
    while (u > 0 && t[u - 1].cls == TOK_WORD && ss->mention_at[u - 1] < 0 &&
           (t[u - 1].pos == LEX_POS_ADJ || t[u - 1].pos == LEX_POS_NOUN))
        u--;
    if (u < 3 || !(tok_is(&t[u - 1], "a") || tok_is(&t[u - 1], "an")) || t[u - 2].cls != TOK_PUNCT ||
        t[u - 2].norm[0] != ',')
        return mi;
    size_t k = u - 3;
    if (t[k].cls == TOK_PUNCT && t[k].norm[0] == ')' && k > 0) k--; /* "the National Unity Government (NUG)," */
    int32_t h = ss->mention_at[k];
    if (h < 0 || (ss->m[h].flags & (SYN_M_AGENT_ONLY | SYN_M_PRONOUN | SYN_M_AFTER_PREP))) return mi;
    while (h > 0 && ss->m[h - 1].group == ss->m[h].group) h--;
    return h;
}

static int32_t subject_of(const syn_sentence *ss, size_t v, int depth) {
    if (depth > 4) return -1;
    const tok *t = ss->toks;
    size_t j = v;
    /* Skip the verb group leftwards: auxiliaries, modals, negation, adverbs, "to". */
    while (j > 0 && t[j - 1].cls == TOK_WORD && !(t[j - 1].tags & (LEX_CONJ | LEX_REL)) &&
           ss->mention_at[j - 1] < 0 &&
           (t[j - 1].tags & (LEX_AUX | LEX_MODAL | LEX_NEG | LEX_ADV) || tok_is(&t[j - 1], "to")))
        j--;
    /* "..., and we are confident": a personal pronoun no one could be found for is the
     * subject, someone dyad does not know, not an actor named before it */
    if (j > 0 && j < v + 1 && ss->mention_at[j - 1] < 0 && t[j - 1].cls == TOK_WORD &&
        (tok_is(&t[j - 1], "we") || tok_is(&t[j - 1], "i") || tok_is(&t[j - 1], "he") ||
         tok_is(&t[j - 1], "she") || tok_is(&t[j - 1], "they") || tok_is(&t[j - 1], "you")))
        return -1;
    /* "urged Russia on Tuesday to withdraw": the object before "to" is the subject of
     * the infinitive. */
    bool infinitive = false;
    for (size_t k = j; k < v; k++) infinitive |= tok_is(&t[k], "to");
    if (infinitive && j > 0) {
        size_t u = j;
        for (size_t k = 0; k < j; k++) /* a temporal phrase ending right before "to" */
            if (ss->skip_len[k] && k + ss->skip_len[k] == j) { u = k; break; }
        if (u > 0 && ss->mention_at[u - 1] >= 0) {
            int32_t mi = ss->mention_at[u - 1];
            if (!(ss->m[mi].flags & SYN_M_AFTER_PREP)) {
                while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
                return mi;
            }
        }
        int32_t owner = possessed_noun_owner(ss, u);
        if (owner != NO_POSSESSOR) return owner;
    }
    /* "criticized the United States for selling", "accused Iran of attacking": after a
     * preposition, a gerund's subject is the object of the verb before it. */
    if (j == v && v > 0 && (t[v].tags & LEX_GERUND) && t[v - 1].pos == LEX_POS_PREP) {
        for (size_t u = v - 1; u-- > 0;) {
            if (ss->clause[u] != ss->clause[v]) break;
            int32_t mi = ss->mention_at[u];
            if (mi < 0) continue;
            if (ss->m[mi].flags & SYN_M_AFTER_PREP) { u = ss->m[mi].first; continue; }
            while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
            return mi;
        }
    }
    if (j == v && received_message(ss, v)) return -1;
    /* "rejected a US statement urging restraint", "Washington's statement calling for":
     * an -ing participle right after a noun describes it, and the actor that modifies
     * that noun (its author, its owner) is the participle's subject, not the clause's */
    if (j == v && v > 0 && (t[v].tags & LEX_GERUND) && t[v].pos == LEX_POS_VERB) {
        int32_t owner = modified_noun_owner(ss, v);
        if (owner >= 0) return owner;
    }
    /* "have written to President Moi urging him to": the writer urges */
    if (j == v) {
        size_t w = roles_addressing_verb(ss, v);
        if (w != SIZE_MAX) return subject_of(ss, w, depth + 1);
    }
    /* "... and then signed": the subject of the verb before the conjunction. */
    if (j > 0 && (tok_is(&t[j - 1], "and") || tok_is(&t[j - 1], "but") || tok_is(&t[j - 1], "or"))) {
        /* a finite verb after ", and" is not joined to a participle that describes a
         * noun ("rebels backed by Y, and urged", "an operation involving the
         * army"); past them, and past the words a verb of saying reports, it is joined to
         * that verb ("X said the mission would involve its army and
         * rebels backed by Y, and urged Z": X urges) */
        bool finite = !(t[v].tags & LEX_GERUND) && j >= 2 && t[j - 2].cls == TOK_PUNCT && t[j - 2].norm[0] == ',';
        bool skipped = false;
        for (size_t u = j - 1; u-- > 0;) {
            if (ss->clause[u] != ss->clause[v]) {
                if (!skipped) break;
                if (ss->mention_at[u] < 0 && t[u].cls == TOK_WORD && t[u].pos == LEX_POS_VERB) {
                    if ((t[u].tags & LEX_SAY) && !(t[u].tags & LEX_GERUND)) return subject_of(ss, u, depth + 1);
                    break;
                }
                continue;
            }
            if (ss->mention_at[u] < 0 && t[u].cls == TOK_WORD && t[u].pos == LEX_POS_VERB) {
                bool describes = (t[u].tags & LEX_PAST) && u > 0 && u + 1 < ss->n && tok_is(&t[u + 1], "by") &&
                                 (ss->mention_at[u - 1] >= 0 || t[u - 1].pos == LEX_POS_NOUN) &&
                                 !passive_after_be(ss, u);
                if (finite && ((t[u].tags & LEX_GERUND) || describes)) {
                    skipped = true;
                    continue;
                }
                return subject_of(ss, u, depth + 1);
            }
        }
        if (skipped) return -1;
    }
    /* "Moon, who met Kim": the antecedent of the relative pronoun. */
    if (j > 0 && t[j - 1].cls == TOK_WORD && (tok_is(&t[j - 1], "who") || tok_is(&t[j - 1], "which") ||
                                             tok_is(&t[j - 1], "that"))) {
        size_t u = j - 1;
        if (u > 0 && t[u - 1].cls == TOK_PUNCT) u--;
        if (u > 0 && ss->mention_at[u - 1] >= 0) return ss->mention_at[u - 1];
        /* "the armistice that ended the war": an antecedent that is no actor */
        if (u > 0 && (t[u - 1].pos == LEX_POS_NOUN || t[u - 1].pos == LEX_POS_PROPER)) return -1;
    }
    /* Participles after a comma ("..., calling for") and ordinary subjects: scan left,
     * but not into a fronted phrase when a noun stands between its comma and the verb:
     * that noun is the subject, an unknown one ("Asked about the Douma attack,
     * Yakovenko denied ...": no source, not Douma). */
    size_t fronted = v > 2 ? fronted_end(ss) : 0;
    bool noun_between = false;
    /* "Police officers work at the scene after a car ploughed into a parade injuring
     * several people": a participle after a clause that a conjunction opens ("after",
     * "when", "as", "that") with a finite verb of its own belongs to that clause, whose
     * subject (no actor here: the car) is the participle's, not the main clause's */
    bool participle = j == v && (t[v].tags & LEX_GERUND) && t[v].pos == LEX_POS_VERB, finite_between = false;
    for (size_t u = j; u-- > 0;) {
        if (fronted && u == fronted && noun_between) return -1;
        if (participle && ss->mention_at[u] < 0 && t[u].cls == TOK_WORD) {
            if (t[u].pos == LEX_POS_VERB && !(t[u].tags & LEX_GERUND)) finite_between = true;
            else if (finite_between && (t[u].tags & LEX_SUBCONJ) && noun_between) return -1;
        }
        if (u > fronted && !ss->paren[u] && ss->mention_at[u] < 0 &&
            (t[u].pos == LEX_POS_NOUN || t[u].pos == LEX_POS_PROPER))
            noun_between = true;
        if (ss->clause[u] != ss->clause[v] && !ss->paren[u]) {
            /* a participial clause may take the subject of the clause before a comma,
             * but never across quotes or a verb of saying */
            break;
        }
        if (ss->paren[u] && u + 1 != j) continue;
        int32_t mi = ss->mention_at[u];
        if (mi < 0) continue;
        const syn_mention *m = &ss->m[mi];
        u = m->first;
        /* "in Seoul" is never the subject; "a statement on behalf of the government" has
         * the government for its source */
        if ((m->flags & SYN_M_AFTER_PREP) && !for_whom(ss, m) && !member_of(ss, m)) continue;
        /* The object of another verb is not a subject ("met Kim, praising"); after a verb
         * of saying it is the inverted speaker ("said Putin, urging"), but the one told is
         * the addressee ("told reporters, accusing": the teller accuses) */
        size_t g = m->first;
        while (g > 0 && t[g - 1].cls == TOK_WORD && (t[g - 1].pos == LEX_POS_DET || t[g - 1].pos == LEX_POS_ADJ))
            g--;
        if (g > 0 && t[g - 1].cls == TOK_WORD && t[g - 1].pos == LEX_POS_VERB &&
            (!(t[g - 1].tags & LEX_SAY) || tok_lemma_is(&t[g - 1], "tell")) && g - 1 != v)
            continue;
        /* Nor the predicate of a copula ("Graham, a senator who is a Trump loyalist,
         * denounced": not Trump). */
        if (g > 0 && g - 1 != v && tok_is_be(&t[g - 1])) continue;
        /* The first member of a compound subject. */
        while (mi > 0 && ss->m[mi - 1].group == m->group) mi--;
        return apposition_head(ss, mi);
    }
    return -1;
}

/* Nouns of an armed attack: the actor that modifies one is its author ("in Israeli tank
 * shelling", "in a Russian missile strike", "in a police raid"). */
static bool attack_noun(const tok *t) {
    static const char *const nouns[] = {"strike",  "strikes",  "airstrike",   "airstrikes",   "attack",
                                        "attacks", "raid",     "raids",       "shelling",     "bombardment",
                                        "bombing", "bombings", "barrage",     "ambush",       "assault",
                                        "offensive"};
    if (t->cls != TOK_WORD) return false;
    for (size_t i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
        if (tok_is(t, nouns[i])) return true;
    return false;
}

/* The most nouns between an attack's author and the attack noun ("Israeli [tank]
 * shelling", "a Russian [cruise missile] strike"). */
#define ROLES_ATTACK_MODIFIERS 2u

/* The author of the attack a passive verb's victims fell "in" ("were killed in Israeli
 * tank shelling", "died in a Russian missile strike"): the actor right after "in" (and
 * an article) that modifies an attack noun, or -1. */
static int32_t attack_author(const syn_sentence *ss, size_t in) {
    size_t k = in + 1;
    if (k < ss->n && ss->toks[k].cls == TOK_WORD && (ss->toks[k].tags & LEX_DET) && !tok_is(&ss->toks[k], "that")) k++;
    if (k >= ss->n || ss->mention_at[k] < 0) return -1;
    const syn_mention *m = &ss->m[ss->mention_at[k]];
    if (m->first != k || (m->flags & SYN_M_PRONOUN)) return -1;
    for (size_t u = m->last; u < ss->n && u <= m->last + ROLES_ATTACK_MODIFIERS; u++) {
        const tok *t = &ss->toks[u];
        if (attack_noun(t)) return ss->mention_at[k];
        if (t->cls != TOK_WORD || !(t->tags & LEX_NOUN) || (t->flags & TOK_CAP) || ss->mention_at[u] >= 0) return -1;
    }
    return -1;
}

/* True when token k is a capitalised adjective (one or two) that opens the name of the
 * actor right after it, a word no dictionary entry of that name holds: "International" in "by the
 * International War Crimes Tribunal", "Federal" in "by the Federal Supreme Court". */
static bool cap_adjective(const tok *t) {
    return t->cls == TOK_WORD && (t->flags & TOK_CAP) && !(t->flags & TOK_ALLCAPS) && (t->tags & LEX_ADJ) &&
           !(t->tags & LEX_DET);
}
static bool by_name_modifier(const syn_sentence *ss, size_t k) {
    if (!cap_adjective(&ss->toks[k]) || k + 1 >= ss->n) return false;
    if (ss->mention_at[k + 1] >= 0) return true;
    return k + 2 < ss->n && cap_adjective(&ss->toks[k + 1]) && ss->mention_at[k + 2] >= 0;
}

int32_t roles_passive_agent(const syn_sentence *ss, size_t v) {
    int32_t behalf = -1;
    for (size_t j = v + 1; j + 1 < ss->n && ss->clause[j] == ss->clause[v]; j++) {
        /* a "by" after another participle is that one's agent ("are abused in detention,
         * a comment echoed by other refugees"), unless "and"/"or" joins the two ("was
         * shot and killed by") */
        const tok *pj = &ss->toks[j];
        if (pj->pos == LEX_POS_VERB && (pj->tags & LEX_PAST)) {
            size_t c = j - 1; /* "detained and forcibly disappeared by" */
            while (c > v && ss->toks[c].pos == LEX_POS_ADV) c--;
            if (!(tok_is(&ss->toks[c], "and") || tok_is(&ss->toks[c], "or"))) break;
        }
        if (tok_is(&ss->toks[j], "by")) {
            size_t k = j + 1;
            /* "by the", and a hyphenated modifier that is no actor ("by US-backed
             * Kurdish fighters": the sponsor is not the agent) */
            while (k < ss->n && k < j + 6 && ss->toks[k].cls == TOK_WORD && ss->mention_at[k] < 0 &&
                   ((ss->toks[k].tags & LEX_DET) || ss->toks[k].pos == LEX_POS_NUM || /* "by two gunmen" */
                    by_name_modifier(ss, k) || /* "by the International War Crimes Tribunal" */
                    ((ss->toks[k].flags & TOK_JOINED) && mention_sponsor_participle(&ss->toks[k])) ||
                    (k + 1 < ss->n && (ss->toks[k + 1].flags & TOK_JOINED) &&
                     mention_sponsor_participle(&ss->toks[k + 1]))))
                k++;
            if (k < ss->n && ss->mention_at[k] >= 0) return ss->mention_at[k];
        }
        if (j == v + 1 && tok_is(&ss->toks[j], "in")) {
            int32_t au = attack_author(ss, j);
            if (au >= 0) return au;
        }
        int32_t mi = ss->mention_at[j];
        if (mi >= 0 && behalf < 0 && ss->m[mi].first == j && for_whom(ss, &ss->m[mi])) behalf = mi;
    }
    return behalf; /* "talks were held at the request of Iran" */
}

int32_t roles_subject(const syn_sentence *ss, size_t v) { return subject_of(ss, v, 0); }

/* Prepositions that say where, when or how, not to whom: their object is no target
 * ("met in Seoul", "attacked during talks with Kim"), unless the verb's root licenses
 * the preposition below. A clause after "until" or "before" names the other party
 * ("will not ease sanctions until North Korea disarms"). */
static const char *const place_time_preps[] = {
    "in", "at", "near", "during", "around", "outside", "inside", "amid", "amidst", "despite",
    "under", "across", "throughout", "within",
    "beside", "behind", "beyond", "like", "as", "than", "per", "via", "through", "along",
    "alongside", "off", "onto", "above", "below", "besides", "except", "including",
};

/* What a verb of each CAMEO root may aim at with a preposition of place: "fired
 * missiles at Turkish positions", "lashed out at Washington". The table is per root,
 * not per verb: a verb's own patterns in data/verbs name a preposition when it means
 * something else there. */
#define ROLES_MAX_PREPS 4u /* place prepositions licensed per root */
/* Threats, posture and force (18, 19) also aim "into" and "towards" a place:
 * "threatened to extend its operation towards Manbij", "fired rockets into Israel". */
static const char *const licensed_preps[21][ROLES_MAX_PREPS] = {
    [11] = {"at"}, [13] = {"at", "into", "towards", "toward"}, [15] = {"at", "into", "towards", "toward"},
    [17] = {"at"}, [18] = {"at", "into", "towards", "toward"}, [19] = {"at", "into", "towards", "toward"},
    [20] = {"at"}, /* "Syrians displaced into Lebanon": where people went, no target */
};

/* True when the root's own row of the table names the preposition. */
static bool root_names_prep(int root, const tok *prep) {
    if (root >= 1 && root <= 20)
        for (size_t k = 0; k < ROLES_MAX_PREPS && licensed_preps[root][k]; k++)
            if (tok_is(prep, licensed_preps[root][k])) return true;
    return false;
}

bool roles_comitative(const syn_sentence *ss, size_t u) {
    static const char *const joint[] = {"cooperation", "coordination", "conjunction", "partnership",
                                        "tandem", "concert", "collaboration", "league", "alliance"};
    if (u == 0 || !tok_is(&ss->toks[u], "with")) return false;
    const tok *b = &ss->toks[u - 1];
    if (tok_is(b, "together") || tok_is(b, "along") || tok_is(b, "jointly")) return true;
    if (u < 2 || !tok_is(&ss->toks[u - 2], "in")) return false;
    for (size_t k = 0; k < sizeof joint / sizeof *joint; k++)
        if (tok_is(b, joint[k])) return true;
    return false;
}

bool roles_prep_licensed(int root, const tok *prep) {
    if (root_names_prep(root, prep)) return true;
    for (size_t k = 0; k < sizeof place_time_preps / sizeof place_time_preps[0]; k++)
        if (tok_is(prep, place_time_preps[k])) return false;
    return true;
}

/* True when "and"/"or" at u joins two modifiers of one noun or two words of one name
 * that no dictionary knows: "political and territorial autonomy from Serbian
 * authorities", "a meeting of the National Security and Foreign Policy Committee of the
 * parliament". The phrase goes on past it. */
static bool modifiers_joined(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || u + 1 >= ss->n || !(tok_is(&t[u], "and") || tok_is(&t[u], "or"))) return false;
    const tok *a = &t[u - 1], *b = &t[u + 1];
    if (a->cls != TOK_WORD || b->cls != TOK_WORD || ss->mention_at[u - 1] >= 0 || ss->mention_at[u + 1] >= 0)
        return false;
    if (a->pos == LEX_POS_ADJ && b->pos == LEX_POS_ADJ && !(a->tags & LEX_VERB) && !(b->tags & LEX_VERB)) return true;
    bool name_a = (a->flags & TOK_CAP) && (a->pos == LEX_POS_PROPER || a->pos == LEX_POS_NOUN || a->pos == LEX_POS_ADJ);
    bool name_b = (b->flags & TOK_CAP) && (b->pos == LEX_POS_PROPER || b->pos == LEX_POS_NOUN || b->pos == LEX_POS_ADJ);
    return name_a && name_b;
}

#define ROLES_MAX_JOINED_OBJECT_WORDS 3u /* "humanitarian aid workers" */

/* True when "and"/"or" at u joins two objects that no actor names, both plain nouns, and
 * the second runs up to a preposition: "withdraw weapons inspectors and technicians from
 * Iraq", "allow shipments of oil and gas to Afghanistan". The preposition after them
 * belongs to both, so the phrase goes on past the conjunction. */
static bool objects_joined(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || !(tok_is(&t[u], "and") || tok_is(&t[u], "or")) || t[u - 1].cls != TOK_WORD ||
        t[u - 1].pos != LEX_POS_NOUN || ss->mention_at[u - 1] >= 0)
        return false;
    size_t k = u + 1, nouns = 0;
    for (; k < ss->n && k <= u + ROLES_MAX_JOINED_OBJECT_WORDS; k++) {
        const tok *tk = &t[k];
        if (tk->cls != TOK_WORD || ss->mention_at[k] >= 0) return false;
        if (tk->pos == LEX_POS_NOUN) nouns++;
        else if (tk->pos == LEX_POS_PREP) break;
        else if (!(tk->pos == LEX_POS_ADJ || tk->pos == LEX_POS_DET) || nouns) return false;
    }
    if (!nouns || k + 1 >= ss->n || t[k].cls != TOK_WORD || t[k].pos != LEX_POS_PREP || tok_is(&t[k], "of"))
        return false;
    /* "denied wrongdoing and claims to be": a "to" before a verb opens an infinitive */
    return !(tok_is_be(&t[k + 1]) || t[k + 1].pos == LEX_POS_VERB);
}

/* True when "and"/"or" at u joins two prepositions of one object: "flights to and from
 * Iran", "trade into and out of Gaza". The phrase goes on to the object they share. */
static bool preps_joined(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || u + 1 >= ss->n || !(tok_is(&t[u], "and") || tok_is(&t[u], "or"))) return false;
    return t[u - 1].cls == TOK_WORD && t[u - 1].pos == LEX_POS_PREP && t[u + 1].cls == TOK_WORD &&
           t[u + 1].pos == LEX_POS_PREP;
}

/* True when token u ends the phrase a verb's target may stand in: punctuation, a
 * conjunction, a new clause, or another verb (one the tagger may have misread as a verb
 * while a determiner, an adjective or an actor stands before it, as in "at Turkish
 * positions", is a noun). */
static bool ends_phrase(const syn_sentence *ss, size_t u, const uint8_t *consumed) {
    const tok *tu = &ss->toks[u];
    if (modifiers_joined(ss, u) || objects_joined(ss, u) || preps_joined(ss, u)) return false;
    if (tu->cls == TOK_PUNCT || tu->cls == TOK_DASH || tu->cls == TOK_QUOTE || tu->cls == TOK_END ||
        tu->pos == LEX_POS_CONJ || tu->pos == LEX_POS_SUBCONJ || tu->pos == LEX_POS_REL || tu->pos == LEX_POS_TO)
        return true;
    /* a participle after a noun opens a reduced relative: "a resolution condemning Syria" */
    bool participle = tu->pos == LEX_POS_ADJ && (tu->tags & LEX_VERB) && (tu->tags & (LEX_GERUND | LEX_PAST));
    if ((tu->pos != LEX_POS_VERB && !participle) || consumed[u]) return false;
    if ((participle || (tu->tags & LEX_NOUN)) && u > 0) {
        const tok *pv = &ss->toks[u - 1];
        /* "to deliver devastating blows to": right after an infinitive and before a
         * noun, the participle describes the infinitive's object ("discussed imposing
         * sanctions on" is a gerund with its own object) */
        if (participle && u >= 2 && pv->cls == TOK_WORD && pv->pos == LEX_POS_VERB &&
            !(pv->tags & (LEX_PAST | LEX_GERUND)) && ss->toks[u - 2].pos == LEX_POS_TO && u + 1 < ss->n &&
            ss->toks[u + 1].cls == TOK_WORD && ss->toks[u + 1].pos == LEX_POS_NOUN)
            return false;
        if (ss->mention_at[u - 1] >= 0 || pv->pos == LEX_POS_DET || pv->pos == LEX_POS_ADJ ||
            pv->pos == LEX_POS_POSSPRON || pv->cls == TOK_POSS)
            return false;
        /* "claimed responsibility for attacks on Israeli troops": after a preposition a
         * word that may be a noun is one */
        if (!participle && pv->cls == TOK_WORD && pv->pos == LEX_POS_PREP) return false;
    }
    return true;
}

/* The actor after "by" when token u is a past participle that opens a reduced relative
 * on the noun before it ("the role played by Saudi Arabia", "the measures adopted by
 * Hungary"): the first member of its compound, or -1. */
static int32_t reduced_passive_agent(const syn_sentence *ss, size_t u) {
    const tok *t = &ss->toks[u];
    bool participle = (t->tags & LEX_PAST) && (t->tags & LEX_VERB) &&
                      (t->pos == LEX_POS_VERB || t->pos == LEX_POS_ADJ);
    if (!participle || u == 0 || u + 2 >= ss->n || ss->toks[u - 1].pos != LEX_POS_NOUN ||
        ss->mention_at[u - 1] >= 0 || !tok_is(&ss->toks[u + 1], "by"))
        return -1;
    size_t w = u + 2;
    while (w + 1 < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & LEX_DET)) w++;
    int32_t mi = ss->mention_at[w];
    if (mi < 0 || ss->clause[w] != ss->clause[u]) return -1;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

#define ROLES_MAX_RAISED_GAP 6u /* words of the second verb phrase before its preposition */

size_t roles_raised_object(const syn_sentence *ss, size_t p) {
    const tok *t = ss->toks;
    if (p + 3 >= ss->n || t[p].cls != TOK_WORD || t[p].pos != LEX_POS_PREP ||
        !(tok_is(&t[p + 1], "and") || tok_is(&t[p + 1], "or")) || t[p + 2].cls != TOK_WORD ||
        t[p + 2].pos != LEX_POS_VERB || ss->mention_at[p + 2] >= 0 || ss->clause[p + 2] != ss->clause[p])
        return SIZE_MAX;
    for (size_t k = p + 3; k < ss->n && k <= p + 3 + ROLES_MAX_RAISED_GAP && ss->clause[k] == ss->clause[p]; k++) {
        const tok *tk = &t[k];
        if (tk->cls != TOK_WORD) return SIZE_MAX;
        int32_t mi = ss->mention_at[k];
        if (mi >= 0) { /* "opened its embassy in", or an actor named with its own "in" */
            const syn_mention *m = &ss->m[mi];
            for (size_t q = m->first + 1; q + 1 < m->last; q++)
                if (t[q].pos == LEX_POS_PREP && !tok_is(&t[q], "of")) return m->first;
            k = m->last - 1;
            continue;
        }
        if (tk->pos == LEX_POS_CONJ || tk->pos == LEX_POS_SUBCONJ || tk->pos == LEX_POS_REL ||
            tk->pos == LEX_POS_TO || tk->pos == LEX_POS_VERB)
            return SIZE_MAX;
        if (tk->pos == LEX_POS_PREP && !tok_is(tk, "of")) return match_temporal_len(ss, k) ? SIZE_MAX : k + 1;
    }
    return SIZE_MAX;
}

bool roles_private_people(const char *code) {
    static const char *const w[] = {"CVL", "EDU", "HLH", "LAB"};
    size_t n = strlen(code);
    if (n < 6) return false;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (!strcmp(code + n - 3, w[k])) return true;
    return false;
}

/* True when mention m only modifies the word after it or is hyphened to a word: "an
 * Egypt-like revolt", "pro-Israel moves", "US dollars" (but a "-led" coalition is its
 * leader's). */
static bool modifier_mention(const syn_sentence *ss, const syn_mention *m) {
    if (ss->toks[m->first].flags & TOK_JOINED) return true;
    if (m->last >= ss->n) return false;
    const tok *nx = &ss->toks[m->last];
    return ((nx->flags & TOK_JOINED) && !tok_is(nx, "led")) || /* "the Saudi-led coalition" */
           (nx->cls == TOK_WORD && ss->mention_at[m->last] < 0 && (nx->pos == LEX_POS_NOUN || nx->pos == LEX_POS_PROPER));
}

#define ROLES_MAX_APPOSITIVE_WORDS 3u /* words before the role: "a former deputy", "a list" */

/* "met Pichai Rattanakorn, a senator for the ruling party": an object that is a name no
 * dictionary knows (capitalised words, no actor), right at the object's place (from, or
 * after a preposition), with its role in an apposition after the comma at index comma
 * (an age may come first: "Sami, 29, a former ..."). The role's actor, or -1: a place, a
 * pronoun or an actor after a preposition in the apposition ("a town in western
 * Uganda") is none, nor is a hyphened modifier ("a rebel-held town"). */
static int32_t appositive_role(const syn_sentence *ss, size_t comma, size_t from) {
    const tok *t = ss->toks;
    size_t s = comma;
    while (s > from && t[s - 1].cls == TOK_WORD && (t[s - 1].flags & TOK_CAP) && ss->mention_at[s - 1] < 0 &&
           (t[s - 1].pos == LEX_POS_PROPER || t[s - 1].pos == LEX_POS_NOUN))
        s--;
    if (s == comma || (s != from && !(t[s - 1].cls == TOK_WORD && t[s - 1].pos == LEX_POS_PREP))) return -1;
    size_t k = comma + 1;
    if (k + 1 < ss->n && t[k].pos == LEX_POS_NUM && t[k + 1].cls == TOK_PUNCT && t[k + 1].norm[0] == ',') k += 2;
    if (k >= ss->n || t[k].cls != TOK_WORD || !(t[k].tags & LEX_DET) || ss->mention_at[k] >= 0) return -1;
    for (size_t q = k + 1; q < ss->n && q <= k + 1 + ROLES_MAX_APPOSITIVE_WORDS; q++) {
        int32_t mi = ss->mention_at[q];
        if (mi >= 0) {
            const syn_mention *m = &ss->m[mi];
            if (m->flags & (SYN_M_PLACE | SYN_M_PRONOUN | SYN_M_AFTER_PREP | SYN_M_REGION)) return -1;
            if (m->last < ss->n && (t[m->last].flags & TOK_JOINED)) return -1;
            return mi;
        }
        if (t[q].cls != TOK_WORD || (t[q].flags & TOK_CAP) ||
            !(t[q].pos == LEX_POS_ADJ || t[q].pos == LEX_POS_NOUN))
            return -1;
    }
    return -1;
}

/* "arrested a network of agents working for Israel", "killed fighters fighting for
 * Islamic State": people that a noun names (no actor) and that "working", "spying" or
 * "fighting" for an actor (gerund u) serve that actor, who is the act's target. The
 * actor after "for" (an article between), or -1. */
static int32_t served_actor(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    if (u == 0 || u + 2 >= ss->n || !(t[u].tags & LEX_GERUND) || !tok_is(&t[u + 1], "for") ||
        ss->mention_at[u - 1] >= 0 || t[u - 1].cls != TOK_WORD || t[u - 1].pos != LEX_POS_NOUN ||
        !(tok_lemma_is(&t[u], "work") || tok_lemma_is(&t[u], "spy") || tok_lemma_is(&t[u], "fight")))
        return -1;
    size_t k = u + 2;
    if (k + 1 < ss->n && t[k].cls == TOK_WORD && (t[k].tags & LEX_DET) && ss->mention_at[k] < 0) k++;
    int32_t mi = ss->mention_at[k];
    if (mi < 0 || ss->m[mi].first != k || (ss->m[mi].flags & (SYN_M_PRONOUN | SYN_M_REGION))) return -1;
    return mi;
}

/* The actor right after "meeting with", "talks with", "met with", "call with" or
 * "conversation with" anywhere in the sentence, not of the subject's group and no
 * place, or -1 */
static int32_t met_actor(const syn_sentence *ss, int32_t subj_group) {
    for (size_t u = 1; u + 1 < ss->n; u++) {
        if (!tok_is(&ss->toks[u], "with")) continue;
        const tok *h = &ss->toks[u - 1];
        if (!tok_is(h, "meeting") && !tok_is(h, "meetings") && !tok_is(h, "talks") && !tok_is(h, "met") &&
            !tok_is(h, "call") && !tok_is(h, "conversation"))
            continue;
        int32_t mi = ss->mention_at[u + 1];
        if (mi < 0 || ss->m[mi].group == subj_group) continue;
        if (ss->m[mi].flags & (SYN_M_PRONOUN | SYN_M_PLACE)) continue;
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        return mi;
    }
    return -1;
}

/* Roots whose verb may govern an infinitive that names the act aimed at another: intent
 * (03: "agreed to send troops to"), refusal (12: "refused to hand over the suspects to")
 * and threat (13: "threatened to impose sanctions on"). */
static bool infinitive_aims(int root) { return root == 3 || root == 12 || root == 13; }

int32_t roles_default_target(const syn_sentence *ss, size_t v, size_t end, int32_t subj, int root,
                             bool frame_missing, const dict_elem *own_prep, const uint8_t *consumed,
                             dyad_buf *ex) {
    /* the preposition of the phrase the scan is in, or NULL: the pattern's own last
     * word ("withdraw from" + "positions around Kyiv") */
    const tok *prep = NULL;
    bool licensed = false;
    if (ss->toks[end].cls == TOK_WORD && (ss->toks[end].tags & LEX_PREP) && end > v) {
        prep = &ss->toks[end];
        licensed = roles_prep_licensed(root, prep);
    }
    int32_t subj_group = subj >= 0 ? ss->m[subj].group : INT32_MIN;
    const tok *last_prep = prep; /* the nearest preposition, inherited or not */
    /* "threatened to deliver blows to the United States", "refused on Monday to commit
     * troops to the coalition": an infinitive the verb governs (one with no event of its
     * own, or it would carry the event) names what is threatened, refused or promised,
     * and its object is the one that act is aimed at */
    size_t from = end + 1;
    bool own_to = end > v && ss->toks[end].pos == LEX_POS_TO; /* "agree in principle to" */
    if ((!prep || own_to) && infinitive_aims(root)) {
        size_t w = own_to ? end : match_past_adverbials(ss, end + 1);
        if (w + 1 < ss->n && ss->toks[w].pos == LEX_POS_TO && ss->toks[w + 1].pos == LEX_POS_VERB &&
            !(ss->toks[w + 1].tags & (LEX_PAST | LEX_GERUND)) && ss->mention_at[w + 1] < 0 &&
            ss->clause[w + 1] == ss->clause[end]) {
            buf_printf(ex, "    through the infinitive '%s': its object may be the target\n", ss->toks[w + 1].norm);
            from = w + 2;
            prep = last_prep = NULL;
            frame_missing = false; /* the infinitive's objects are no frame of the verb's */
        }
    }
    /* the clause the pattern ends in: a verb of saying opens a clause after it, but
     * words its pattern takes there ("announced further funding for") are its object */
    uint16_t cl = ss->clause[end];
    for (size_t u = from; u < ss->n && u <= from + 11 && ss->clause[u] == cl; u++) {
        const tok *tu = &ss->toks[u];
        int32_t mi = ss->mention_at[u];
        if (mi < 0) {
            /* "praised the role played by Saudi Arabia", "criticized the measures
             * adopted by Hungary", "hit back at comments made by Trump": praise,
             * criticism and rejection of what an actor did or said are aimed at that
             * actor (after a preposition the root licenses, too) */
            if ((!prep || licensed) && (root == 5 || root == 11 || root == 12)) {
                int32_t ag = reduced_passive_agent(ss, u);
                if (ag >= 0 && ss->m[ag].group != subj_group) {
                    buf_printf(ex, "    target: the one who did what the object names, after '%s by', %s\n",
                               tu->norm, ss->m[ag].code);
                    return ag;
                }
            }
            /* "ties with and opened an embassy in Kigali": the open preposition takes
             * the later object, and its licence with it */
            size_t raised = prep && u > 0 && prep == &ss->toks[u - 1] ? roles_raised_object(ss, u - 1) : SIZE_MAX;
            if (raised != SIZE_MAX) {
                buf_printf(ex, "    '%s and %s': the open '%s' shares the later object at '%s'\n", prep->norm,
                           ss->toks[u + 1].norm, prep->norm, ss->toks[raised].norm);
                u = raised - 1;
                continue;
            }
            if (tu->cls == TOK_PUNCT && tu->norm[0] == ',' && (!prep || licensed)) {
                int32_t ap = appositive_role(ss, u, from);
                if (ap >= 0 && ss->m[ap].group != subj_group) {
                    buf_printf(ex, "    target: the role of the name before ',' in its apposition, %s\n",
                               ss->m[ap].code);
                    return ap;
                }
            }
            int32_t served = !prep || licensed ? served_actor(ss, u) : -1;
            if (served >= 0 && ss->m[served].group != subj_group) {
                buf_printf(ex, "    target: the one the people before '%s for' serve, %s\n", tu->norm,
                           ss->m[served].code);
                return served;
            }
            if (ends_phrase(ss, u, consumed)) break;
            bool is_prep = tu->cls == TOK_WORD && (tu->tags & LEX_PREP);
            /* "backed by Turkey": "by" right after the verb names its agent */
            if (is_prep && u == v + 1 && tok_is(tu, "by")) break;
            /* "pulled back from positions around Kyiv", "fired at positions near
             * Aleppo": the place of a licensed object stays licensed */
            bool inherit = prep && licensed && u > 0 && ss->toks[u - 1].pos == LEX_POS_NOUN;
            if (is_prep) last_prep = tu;
            if (is_prep && !inherit) licensed = roles_prep_licensed(root, tu) && !roles_comitative(ss, u);
            if (ss->skip_len[u] && !(is_prep && licensed)) {
                u += ss->skip_len[u] - 1u; /* "on Monday", "in Idlib", "thousands of" */
                continue;
            }
            if (is_prep && !inherit) prep = tu;
            continue;
        }
        const syn_mention *m = &ss->m[mi];
        u = m->last - 1;
        /* "its European Union partners": a possessive pronoun before an actor is that
         * actor's determiner; "his commitment to the Zambian people": the source's own
         * thing is no target (but "evacuate its observers" has the UN for target), nor
         * are its own forces and officials ("pulled back its ground forces"); its own
         * private people are ("warned its citizens", "evacuated its students") */
        if ((m->flags & SYN_M_PRONOUN) && m->last == m->first + 1 && m->last < ss->n &&
            ss->toks[m->first].pos == LEX_POS_POSSPRON) {
            bool own = subj >= 0 && !strcmp(ss->m[subj].code, m->code);
            int32_t nx = ss->mention_at[m->last];
            if (own && nx >= 0 && !strncmp(ss->m[nx].code, m->code, 3)) {
                if ((ss->m[nx].flags & SYN_M_AGENT_ONLY) && roles_private_people(ss->m[nx].code)) {
                    buf_printf(ex, "    target: the source's own people after '%s', %s\n", ss->toks[m->first].norm,
                               ss->m[nx].code);
                    return nx;
                }
                u = ss->m[nx].last - 1;
                continue;
            }
            if (own || nx >= 0) continue;
        }
        /* co-subjects share the event: they are never each other's target */
        if (m->group == subj_group) continue;
        /* in the infinitive's object, an actor that only modifies a word ("an
         * Egypt-like revolt", "pro-Israel moves", "US dollars") is what the thing is
         * like, not whom the act is aimed at */
        if (from > end + 1 && modifier_mention(ss, m)) continue;
        if (prep && !licensed) continue; /* "in Seoul", "during talks with Kim" */
        /* the pattern's own preposition, out of its reach ("contribute up to 4,000
         * troops to the force"), or for a direct object the complement of its noun
         * ("condemned the killing of the activists") */
        bool own = last_prep && !own_prep && tok_is(last_prep, "of");
        for (uint16_t k = 0; own_prep && k < own_prep->n_alts && !own; k++)
            own = (last_prep && last_prep->word == own_prep->alts[k]) || (prep && prep->word == own_prep->alts[k]);
        /* what the absent frame rules out: for "V +", a place after a preposition
         * ("returned to Kabul"); for "V prep +", the complement of another object
         * ("fired the head of the national police") */
        bool motion = last_prep && (tok_is(last_prep, "to") || tok_is(last_prep, "into") ||
                                    tok_is(last_prep, "toward") || tok_is(last_prep, "towards"));
        bool other_sense = own_prep ? (last_prep && tok_is(last_prep, "of"))
                                    : ((m->flags & SYN_M_PLACE) != 0 || motion);
        if (prep && frame_missing && other_sense && !own && !root_names_prep(root, prep)) {
            buf_printf(ex, "    '%s' %s: the pattern's own object is absent, no target from '%s'\n", prep->norm,
                       m->code, prep->norm);
            continue;
        }
        /* an unknown group that modifies a noun names a weapon or a kind: "drone
         * attacks on Saudi Arabia"; as a direct object it is no target either */
        if (!strncmp(m->code, "---", 3)) {
            const tok *nx = m->last < ss->n ? &ss->toks[m->last] : NULL;
            if (!prep || (nx && nx->cls == TOK_WORD && (nx->tags & LEX_NOUN) && !(nx->tags & LEX_PREP)))
                continue;
        }
        if (prep)
            buf_printf(ex, "    target from the preposition '%s' (licensed for root %02d): %s\n", prep->norm,
                       root, m->code);
        else
            buf_printf(ex, "    target by default: the first actor after the verb, %s\n", m->code);
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        return mi;
    }
    /* "During his meeting with Kuwait's foreign minister, Aoun praised the ties between
     * the two countries": praise that names no one after its verb is addressed to the
     * one met in the same sentence */
    if (root == 5) {
        int32_t met = met_actor(ss, subj_group);
        if (met >= 0) {
            buf_printf(ex, "    target: the one met in the same sentence, %s\n", ss->m[met].code);
            return met;
        }
    }
    return -1;
}

int32_t roles_struck_state(const syn_sentence *ss, size_t v, size_t end, int32_t subj, const uint8_t *consumed,
                           dyad_buf *ex) {
    if (subj < 0) return -1;
    char own[4] = "";
    if (!coref_code_country(ss->m[subj].code, own)) own[0] = '\0';
    for (size_t u = end + 1; u + 1 < ss->n && u <= end + 12 && ss->clause[u] == ss->clause[v]; u++) {
        int32_t mi = ss->mention_at[u];
        if (mi >= 0) {
            u = ss->m[mi].last - 1;
            continue;
        }
        if (ends_phrase(ss, u, consumed)) break;
        if (!tok_is(&ss->toks[u], "in")) continue;
        size_t w = u + 1;
        while (w + 1 < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & LEX_DET)) w++;
        mi = ss->mention_at[w];
        if (mi < 0 || !(ss->m[mi].flags & SYN_M_PLACE) || strlen(ss->m[mi].code) != 3) continue;
        if (own[0] && !strncmp(own, ss->m[mi].code, 3)) {
            buf_printf(ex, "    'in' %s: the source's own country is where it acted, no target\n", ss->m[mi].code);
            return -1;
        }
        buf_printf(ex, "    target: the state force struck, after 'in', %s\n", ss->m[mi].code);
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        return mi;
    }
    return -1;
}

int32_t roles_relative_object(const syn_sentence *ss, int32_t subj, dyad_buf *ex) {
    if (subj < 0) return -1;
    size_t f = ss->m[subj].first;
    while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && ss->toks[f - 1].pos == LEX_POS_DET &&
           !(ss->toks[f - 1].tags & LEX_REL))
        f--;
    if (f < 2) return -1;
    const tok *r = &ss->toks[f - 1];
    if (!(tok_is(r, "which") || tok_is(r, "whom") || tok_is(r, "that") || tok_is(r, "who"))) return -1;
    size_t a = f - 1;
    if (ss->toks[a - 1].cls == TOK_PUNCT && ss->toks[a - 1].norm[0] == ',') a--;
    if (a == 0) return -1;
    int32_t mi = ss->mention_at[a - 1];
    /* "the incoming US missiles, which the army vowed to shoot down": a common noun
     * that no actor heads, right after the actor that modifies it, stands for that
     * actor's force or goods; only after "which", as "that" also opens the content of
     * a noun ("the US demand that Germany repatriate ...") */
    if (mi < 0 && a >= 2 && tok_is(r, "which") && ss->toks[a - 1].cls == TOK_WORD && ss->toks[a - 1].pos == LEX_POS_NOUN) {
        int32_t mod = ss->mention_at[a - 2];
        if (mod >= 0 && ss->m[mod].last == a - 1 && !(ss->m[mod].flags & SYN_M_PRONOUN)) mi = mod;
        /* ... and so does the owner before "'s": "Iran's reply, which Washington rejected" */
        if (mod < 0 && a >= 3 && ss->toks[a - 2].cls == TOK_POSS) {
            int32_t own = ss->mention_at[a - 3];
            if (own >= 0 && ss->m[own].last == a - 2 && !(ss->m[own].flags & SYN_M_PRONOUN)) mi = own;
        }
    }
    if (mi < 0) return -1;
    if (ss->m[mi].group == ss->m[subj].group) return -1;
    buf_printf(ex, "    target: the antecedent of the relative clause, %s\n", ss->m[mi].code);
    return mi;
}

int32_t roles_place_holder(const syn_sentence *ss, int32_t tgt, int32_t src, dyad_buf *ex) {
    if (tgt < 0) return tgt;
    const syn_mention *m = &ss->m[tgt];
    if (!(m->flags & SYN_M_PLACE) || m->last >= ss->n || ss->paren[m->last] != SYN_PAREN_APPOSITION) return tgt;
    for (size_t k = m->last + 1; k < ss->n && ss->paren[k] == SYN_PAREN_APPOSITION; k++) {
        int32_t mi = ss->mention_at[k];
        if (mi < 0) continue;
        const syn_mention *a = &ss->m[mi];
        if ((a->flags & (SYN_M_PLACE | SYN_M_PRONOUN | SYN_M_AFTER_PREP | SYN_M_REGION)) ||
            (src >= 0 && a->group == ss->m[src].group))
            return tgt;
        buf_printf(ex, "    target: who holds the place %s, named in its apposition, %s\n", m->code, a->code);
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        return mi;
    }
    return tgt;
}
