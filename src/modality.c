/* modality.c: negation, intent and threats read from the words before a verb, and the
 * CAMEO codes they lead to (refusals, 03x intents, 13x threats, mirrored 02x/10x). */
#include "coder_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const refuse_verbs[] = {"refuse", "decline", "fail", "reject"};
static const char *const intent_verbs[] = {"plan", "intend", "want", "seek", "hope", "expect",
                                           "aim", "vow", "swear", "pledge", "promise", "agree", "offer",
                                           "propose", "prepare", "commit", "decide"};

/* Adjectives before "to" that state an intent: "is ready to talk". */
static const char *const intent_adjs[] = {"ready", "willing", "prepared", "determined", "committed",
                                          "eager", "scheduled", "set", "due"};

/* True when a form of "be" stands right before token i, past adverbs ("is widely
 * expected", "can be expected"). */
static bool be_before(const syn_sentence *ss, size_t i) {
    size_t q = i;
    while (q > 0 && ss->toks[q - 1].cls == TOK_WORD && (ss->toks[q - 1].tags & LEX_ADV) &&
           !tok_is_be(&ss->toks[q - 1]))
        q--;
    return q > 0 && tok_is_be(&ss->toks[q - 1]);
}

/* The largest number a token's digits are read as: a longer digit string is clamped to
 * it, so that no count, year or product of them overflows. */
#define MODALITY_NUMBER_MAX 1000000L

/* The value of the digits token t begins with (strtol), clamped to 0..MODALITY_NUMBER_MAX. */
static int number_value(const tok *t) {
    long v = strtol(t->norm, NULL, 10);
    return v < 0 ? 0 : v > MODALITY_NUMBER_MAX ? (int)MODALITY_NUMBER_MAX : (int)v;
}


/* How many determiners and adjectives may stand between a verb of reaching an accord and
 * its noun ("reached a broad consensus to"). */
#define ACCORD_NOUN_GAP 3u

/* True when token gi is the noun of an accord reached, struck or signed, right before an
 * infinitive: "reached a consensus to exchange information", "struck a deal to free the
 * hostages", "signed an agreement to build a pipeline". The parties state what they will
 * do: an intent, as "agreed to" is. */
static bool accord_reached(const syn_sentence *ss, size_t gi) {
    static const char *const nouns[] = {"consensus", "agreement", "deal", "understanding", "accord", "pact"};
    static const char *const verbs[] = {"reach", "strike", "sign", "conclude", "seal", "clinch"};
    const tok *g = &ss->toks[gi];
    if (g->pos != LEX_POS_NOUN || !tok_lemma_in(g, nouns, sizeof nouns / sizeof nouns[0])) return false;
    for (size_t q = gi, k = 0; q-- > 0 && k <= ACCORD_NOUN_GAP; k++) {
        const tok *b = &ss->toks[q];
        if (b->cls != TOK_WORD) return false;
        if (b->pos == LEX_POS_DET || b->pos == LEX_POS_ADJ || b->pos == LEX_POS_POSSPRON) continue;
        return b->pos == LEX_POS_VERB && tok_lemma_in(b, verbs, sizeof verbs / sizeof verbs[0]);
    }
    return false;
}

bool modality_governs(const tok *t) {
    return tok_lemma_in(t, refuse_verbs, sizeof refuse_verbs / sizeof refuse_verbs[0]) ||
           tok_lemma_in(t, intent_verbs, sizeof intent_verbs / sizeof intent_verbs[0]) ||
           tok_lemma_is(t, "threaten");
}

/* True when a comma, semicolon or colon stands between tokens a and b (a < b). */
static bool punct_between(const syn_sentence *ss, size_t a, size_t b) {
    for (size_t u = a + 1; u < b; u++)
        if (ss->toks[u].cls == TOK_PUNCT) return true;
    return false;
}

/* True when the clause of verb v is a condition ("if", "unless", "whether"). With
 * `near`, only when no punctuation closes the condition before v: in "When asked if he
 * would apologise, the Pope said yes" the verb of saying is the main clause's. */
static bool in_condition(const syn_sentence *ss, size_t v, bool near) {
    size_t cs = clause_start(ss, v);
    if (cs >= ss->n) return false;
    const tok *t = &ss->toks[cs];
    if (near && punct_between(ss, cs, v)) return false;
    return tok_is(t, "if") || tok_is(t, "unless") || tok_is(t, "whether");
}

/* True when a condition ("if", "unless") opens a clause after verb v in its sentence:
 * "may halt its mediation if the fighting goes on" ("even if", "as if" set none). */
static bool condition_follows(const syn_sentence *ss, size_t v) {
    for (size_t j = v + 1; j < ss->n; j++)
        if ((tok_is(&ss->toks[j], "if") || tok_is(&ss->toks[j], "unless")) && ss->clause[j] != ss->clause[v] &&
            !(tok_is(&ss->toks[j], "if") && (tok_is(&ss->toks[j - 1], "even") || tok_is(&ss->toks[j - 1], "as"))))
            return true; /* not "even if", "as if": no condition */
    return false;
}

/* The modal verbs that state what might, could or should happen, not what did. */
static bool is_hypothetical_modal(const tok *t) {
    return tok_is(t, "should") || tok_is(t, "could") || tok_is(t, "might") || tok_is(t, "may") ||
           tok_is(t, "must") || tok_is(t, "can") || tok_is(t, "ought");
}

/* Verbs after which an infinitive states what was done: "began to withdraw", "went on
 * to win", "moved to expel". */
static const char *const aspect_verbs[] = {"begin", "start", "continue", "resume", "manage", "move",
                                           "proceed", "go", "help", "rush", "hasten", "act",
                                           "come", "dare", "choose", "opt", "get", "resort",
                                           "vote" /* "voted 12-3 to condemn" */, "about" /* "is about to sign" */};

/* Verbs that ask an actor to act: "urged Iran to free the sailors" is read by the rules
 * of appeals and demands, which code the kind of appeal from the infinitive. */
static const char *const ask_verbs[] = {"urge", "ask", "call", "press", "demand", "tell", "order",
                                        "invite", "encourage", "appeal", "request", "push",
                                        "instruct", "direct", "advise", "warn", "force"};

/* The verb that asks or forces the actor ending at token g to act ("to force Russia to
 * negotiate", "will urge Iran to free"), or SIZE_MAX: the word right before the actor's
 * phrase, when it is one of ask_verbs. */
static size_t asking_verb(const syn_sentence *ss, size_t g) {
    int32_t mi = ss->mention_at[g];
    if (mi < 0) return SIZE_MAX;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--; /* "force Russia or Syria to", "urged A and B to" */
    size_t f = ss->m[mi].first;
    return f > 0 && tok_lemma_in(&ss->toks[f - 1], ask_verbs, sizeof ask_verbs / sizeof ask_verbs[0]) ? f - 1
                                                                                                    : SIZE_MAX;
}

/* True when the word g before "to" leaves its infinitive to the other rules: an aspect
 * verb ("began to withdraw"), the actor of a headline ("Iran to free sailors") or the
 * actor asked to act ("urged Iran to free"). Else the infinitive is one of purpose
 * ("sent troops to attack"), of attempt ("tried to block") or of a wish: no act. */
static bool purpose_neutral(const syn_sentence *ss, size_t g) {
    const tok *t = &ss->toks[g];
    if (tok_lemma_in(t, aspect_verbs, sizeof aspect_verbs / sizeof aspect_verbs[0])) return true;
    if ((t->cls == TOK_WORD && (t->tags & LEX_ADV) && t->pos == LEX_POS_ADV) || t->cls == TOK_NUMBER)
        return g > 0 && purpose_neutral(ss, g - 1);
    int32_t mi = ss->mention_at[g];
    if (mi < 0) return false;
    if (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) return true;
    return asking_verb(ss, g) != SIZE_MAX; /* "urged A and B to" */
}

/* True when token g, right before an infinitive's "to", ends an actor that is a
 * headline's subject: no verb but one of saying stands before it in the headline
 * ("Malaysian king to meet", "Iran says Turkey to send troops"; not "UN calls on Iran
 * to free", "Russia sends troops to Syria to fight"). */
static bool headline_subject(const syn_sentence *ss, size_t g) {
    if (!(ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) || ss->mention_at[g] < 0 ||
        asking_verb(ss, g) != SIZE_MAX)
        return false;
    for (size_t u = 0; u < g; u++) /* "Iran says Turkey to send troops": a saying leaves it the subject */
        if (ss->toks[u].pos == LEX_POS_VERB && !(ss->toks[u].tags & LEX_SAY)) return false;
    return true;
}

/* Verbs whose gerund is an option weighed or put forward, not an act: "is considering
 * asking lawmakers for funding", "discussed sending troops", "a committee recommended
 * banning motorcycles", "proposed lifting the sanctions". */
static const char *const weigh_verbs[] = {"consider", "contemplate", "weigh", "mull", "discuss", "debate",
                                          "recommend", "propose", "suggest", "advocate", "urge"};

/* The verb of weighing or proposing (weigh_verbs) right before gerund v, past its
 * adverbs, or NULL. */
static const tok *weighed_gerund(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND)) return NULL;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k == 0) return NULL;
    const tok *g = &ss->toks[k - 1];
    return g->cls == TOK_WORD && g->pos == LEX_POS_VERB && tok_lemma_in(g, weigh_verbs, sizeof weigh_verbs / sizeof *weigh_verbs)
               ? g
               : NULL;
}

/* The "against" or "from" right before gerund v, past its adverbs, or NULL: an act
 * opposed ("ruled against forcing Chile to negotiate", "voted against sending troops",
 * "argued against lifting the sanctions") or kept from ("refrained from attacking") is
 * one nobody did. */
static const tok *opposed_gerund(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND) || ss->toks[v].pos != LEX_POS_VERB) return NULL;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k > 0 && tok_is(&ss->toks[k - 1], "against")) return &ss->toks[k - 1];
    /* "refrained from attacking", "barred from entering", "shifted its focus from
     * fighting Isis to ...": what one is kept or turns from is not done (not "apart from
     * meeting", "aside from visiting": besides) */
    if (k > 0 && tok_is(&ss->toks[k - 1], "from") &&
        !(k > 1 && (tok_is(&ss->toks[k - 2], "apart") || tok_is(&ss->toks[k - 2], "aside"))))
        return &ss->toks[k - 1];
    return NULL;
}

/* The "for" before gerund v, past adverbs, or NULL: "deserved praise for inspecting the
 * city's drains", "applauded the ministry for recognizing", "appropriate for conducting
 * an investigation", "lay the ground for occupying the city", "the need for expanding
 * relations": the gerund is the reason for praise or blame, or a purpose, no act told
 * as done (a verb before "for" whose pattern spans the gerund, "called for holding
 * talks", is coded by that pattern). Not after "responsibility" ("claimed
 * responsibility for attacking the convoy" tells the attack as done). */
static const tok *reason_gerund(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND) || ss->toks[v].pos != LEX_POS_VERB) return NULL;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k == 0 || !tok_is(&ss->toks[k - 1], "for")) return NULL;
    if (k >= 2 && tok_is(&ss->toks[k - 2], "responsibility")) return NULL;
    return &ss->toks[k - 1];
}

/* The word before verb v, past adverbs and a passive's "been", that tells an act not
 * told as the news, or NULL: a perfect participle ("the PKK having said it no longer
 * aspires to a state", "accused his predecessors of having signed", "having given $20
 * million since 2018") tells an act done before another, the background of the clause;
 * "almost" or "nearly" right before the verb ("Duque almost killed the party", "nearly
 * came to blows") tells an act that did not happen, or a figure of speech. */
static const tok *perfect_or_almost(const syn_sentence *ss, size_t v) {
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD) {
        const tok *t = &ss->toks[k - 1];
        if (t->norm_len >= 6 && (tok_is(t, "having") || tok_is(t, "almost") || tok_is(t, "nearly"))) return t;
        if (!(t->tags & LEX_ADV) && !tok_is(t, "been")) return NULL;
        k--;
    }
    return NULL;
}

/* Words before "that" whose clause is said, not stated as fact: a denial ("denied that
 * it supplied weapons"), a claim, an allegation, a report or a rumour. */
static const char *const unreal_that[] = {"deny", "denial", "claim", "claims", "allegation", "allegations",
                                          "allege", "accusation", "accusations", "charge", "charges",
                                          "report", "reports", "rumour", "rumours", "rumor", "rumors",
                                          "suspicion", "suspicions"};

/* How many tokens a date phrase between a claim and its "that" may take ("on Monday",
 * "late last week"). */
#define UNREAL_DATE_REACH 4

/* The token before "that" at u that may be one of unreal_that's words: the word right
 * before it, past a date phrase, or, when an actor introduced by "by" or "from" stands
 * between, the word before that phrase ("charges by Ivory Coast that Monrovia is arming
 * rebels", "accusations from Riyadh that"): the accuser names whose claim the clause is. */
static size_t unreal_that_word(const syn_sentence *ss, size_t u) {
    /* a date phrase between a claim or a denial and its "that": "claimed on Monday that",
     * "denied last week that" (not a report's: "the agency reported on Tuesday that the
     * airport had suspended flights" reports them) */
    for (size_t st = u > UNREAL_DATE_REACH ? u - UNREAL_DATE_REACH : 2; st < u; st++)
        if (match_temporal_len(ss, st) == u - st) {
            const tok *w = &ss->toks[st - 1];
            if (tok_lemma_is(w, "claim") || tok_lemma_is(w, "allege") || tok_lemma_is(w, "deny") || tok_is(w, "claims") ||
                tok_is(w, "allegation") || tok_is(w, "allegations") || tok_is(w, "accusation") || tok_is(w, "accusations") ||
                tok_is(w, "denial"))
                u = st;
            break;
        }
    int32_t mi = ss->mention_at[u - 1];
    if (mi < 0) return u - 1;
    const syn_mention *m = &ss->m[mi];
    if (m->last != u || m->first < 2) return u - 1;
    const tok *p = &ss->toks[m->first - 1];
    return (tok_is(p, "by") || tok_is(p, "from")) ? m->first - 2 : u - 1;
}

/* How many tokens may stand between a claim or a denial whose "that" is left out and
 * the verb of its clause ("denied Russian jets bombed", "claimed U.S. President Joe
 * Biden ordered"). */
#define CLAIM_CLAUSE_REACH 8

/* A verb of claim or denial whose clause drops its "that": "denied Russian jets bombed
 * the market", "a post that claimed X told Y to pay", "alleges the
 * army detained ...". The claim verb stands within CLAIM_CLAUSE_REACH tokens before v,
 * with only the words of the clause's subject between (no punctuation, no "that", no
 * other verb or auxiliary): what is claimed or denied is not stated as fact. Not a
 * participle after a determiner ("the alleged attackers fled"). */
static const tok *claim_without_that(const syn_sentence *ss, size_t v) {
    static const char *const claims[] = {"claim", "allege", "deny"};
    size_t lo = v > CLAIM_CLAUSE_REACH ? v - CLAIM_CLAUSE_REACH : 0;
    for (size_t u = v; u-- > lo;) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || ss->quoted[u] != ss->quoted[v]) return NULL;
        if (t->pos == LEX_POS_VERB && tok_lemma_in(t, claims, sizeof claims / sizeof *claims)) {
            if (u + 1 == v || (t->tags & LEX_GERUND) || (u > 0 && ss->toks[u - 1].pos == LEX_POS_DET)) return NULL;
            return t;
        }
        /* only the words of the clause's subject between: "Russian jets", "U.S. President
         * Joe Biden", "the army's commanders" (not "the claims and accused", "denied
         * involvement in attacks") */
        if (ss->mention_at[u] >= 0) continue;
        if (!(t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_DET ||
              t->pos == LEX_POS_PRON || t->pos == LEX_POS_POSSPRON || t->pos == LEX_POS_POSS || t->pos == LEX_POS_NUM) ||
            tok_is(t, "that"))
            return NULL;
    }
    return NULL;
}

/* The word that makes the clause of verb v unreal ("denied that ..."), or NULL. With
 * `said` (v a verb of saying), only a "that" with no punctuation between it and v counts
 * ("After alleging that X shelled a border town, the government announced" is an
 * announcement), and a report is not one: "Reuters reports that the ambassador said" is
 * how news attributes a statement it reports as made. */
static const tok *unreal_clause(const syn_sentence *ss, size_t v, bool said) {
    for (size_t u = 1; u < v; u++) {
        if (!tok_is(&ss->toks[u], "that")) continue;
        if (said && punct_between(ss, u, v)) continue;
        size_t w = unreal_that_word(ss, u);
        for (size_t k = 0; k <= 1 && k <= w; k++) {
            const tok *g = &ss->toks[w - k];
            if (said && (tok_lemma_is(g, "report") || tok_is(g, "reports"))) break;
            if (tok_lemma_in(g, unreal_that, sizeof unreal_that / sizeof unreal_that[0])) {
                /* an -ing form that opens the sentence or follows its preposition is a
                 * fronted phrase the comma closes ("After denying that its jets struck
                 * the camp, the army recalled its envoy"): the main clause is fact */
                size_t gi = w - k;
                bool fronted = (g->tags & LEX_GERUND) &&
                               (gi == 0 || (gi == 1 && (ss->toks[0].tags & LEX_PREP)));
                if (fronted && punct_between(ss, u, v)) break;
                return g;
            }
            if (g->cls != TOK_WORD || !(g->tags & LEX_ADV)) break; /* "denied again that" */
        }
    }
    return claim_without_that(ss, v);
}

/* Adverbs of habit: "usually", "often" make a description of what an actor does, not
 * an act on the story's date. Not "routinely" or "regularly": "soldiers routinely beat
 * detainees" reports ongoing abuse, which CAMEO codes. */
static const char *const habit_advs[] = {"usually", "often", "typically", "generally", "normally",
                                         "traditionally", "habitually", "customarily", "always"};

/* Adverbs of a guess or a claim: "presumably", "apparently decided to retaliate",
 * "allegedly used chemical weapons" say what the writer supposes or someone claims, not
 * what happened. Not "reportedly": news attributes what it reports that way. */
static const char *const hedge_advs[] = {"presumably", "apparently", "probably", "perhaps", "possibly",
                                         "maybe", "allegedly", "supposedly", "purportedly", "seemingly"};

/* True when the clause of verb v opens with a hedge ("Presumably Damascus will
 * remain ...", "Perhaps Turkey hoped ..."), its first word or the first after a quotation
 * mark. */
static const tok *hedged_clause(const syn_sentence *ss, size_t v) {
    size_t cs = clause_start(ss, v);
    while (cs < v && ss->toks[cs].cls == TOK_QUOTE) cs++;
    if (cs >= v) return NULL;
    const tok *t = &ss->toks[cs];
    return tok_lemma_in(t, hedge_advs, sizeof hedge_advs / sizeof hedge_advs[0]) ? t : NULL;
}

/* Words of fear or supposition that a "that" clause completes: "concerns that the Kurds
 * will release Isis fighters", "speculation that he was forced to end his show", "the
 * risk that it lets Daesh off the hook", "afraid that", "feared that": what is feared or
 * supposed, not what happened. */
static const char *const fear_words[] = {"fear",     "fears",     "feared",     "concern",   "concerns",
                                         "concerned", "worry",    "worries",    "worried",   "risk",
                                         "risks",    "danger",    "dangers",    "possibility", "prospect",
                                         "prospects", "speculation", "suspicion", "suspicions", "afraid",
                                         "likelihood", "chance",  "chances"};

/* The word of fear before a "that" whose clause holds verb v ("concerns that the Kurds
 * abandoned by the west will release"), or NULL: the "that" stands before v within
 * FEAR_REACH words, with no punctuation and no verb of saying between. */
#define FEAR_REACH 15
static const tok *feared_clause(const syn_sentence *ss, size_t v) {
    for (size_t u = v; u-- > 1 && v - u <= FEAR_REACH;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT || t->cls == TOK_END || ss->quoted[u] != ss->quoted[v] ||
            (t->pos == LEX_POS_VERB && (t->tags & LEX_SAY)))
            return NULL;
        if (!tok_is(t, "that")) continue;
        const tok *w = &ss->toks[u - 1];
        for (size_t i = 0; w->cls == TOK_WORD && i < sizeof fear_words / sizeof fear_words[0]; i++)
            if (tok_is(w, fear_words[i])) return w;
        return NULL;
    }
    return NULL;
}

/* True when verb v stands in a question ("Will Russia attack?") or in either branch of
 * an "either ... or" alternative (on the same side of a quotation mark as v): neither
 * says what happened. */
static bool question_or_alternative(const syn_sentence *ss, size_t v, const char **why) {
    size_t e = ss->n;
    while (e > 0 && (ss->toks[e - 1].cls == TOK_QUOTE || ss->toks[e - 1].cls == TOK_PUNCT)) e--;
    if (e > 0 && ss->toks[e - 1].cls == TOK_END && ss->toks[e - 1].norm_len == 1 &&
        ss->toks[e - 1].norm[0] == '?') {
        *why = "a question";
        return true;
    }
    for (size_t u = 0; u < v; u++)
        if (tok_is(&ss->toks[u], "either") && ss->quoted[u] == ss->quoted[v]) {
            /* a quoted "either you lose or I win" is what was said, not an
             * alternative of the verb of saying outside the quotation */
            for (size_t w = u + 1; w < ss->n; w++)
                if (tok_is(&ss->toks[w], "or")) {
                    *why = "either ... or";
                    return true;
                }
            break;
        }
    return false;
}

/* True when a verb of saying stands before token v in the sentence: "said it had
 * halted flights" reports a recent past in the past perfect. A word that only could be
 * one is not ("The United States", "in a statement"). */
static bool said_before(const syn_sentence *ss, size_t v) {
    for (size_t u = 0; u < v; u++)
        if (ss->toks[u].cls == TOK_WORD && (ss->toks[u].tags & LEX_SAY) && ss->toks[u].pos == LEX_POS_VERB)
            return true;
    return false;
}

/* True when a verb of belief governs the clause of "would" at token w: one of the few
 * words before it, back to punctuation ("does not believe strikes would meet the tests",
 * "feared they would not be allowed"): a belief about what may happen, no intent. */
static bool believed_before(const syn_sentence *ss, size_t w) {
    static const char *const believe[] = {"believe", "think", "fear", "doubt", "hope", "expect",
                                          "predict", "suspect", "feel", "worry", "reckon"};
    for (size_t u = w, q = 0; u > 0 && q < 6; u--, q++) {
        const tok *t = &ss->toks[u - 1];
        if (t->cls != TOK_WORD) break;
        if (t->pos == LEX_POS_VERB && tok_lemma_in(t, believe, sizeof believe / sizeof believe[0])) return true;
    }
    return false;
}

/* True when a verb of saying, or of a commitment made in words ("confirmed it would",
 * "pledged that it would", "decided it would"), stands anywhere in the sentence but at
 * verb v. */
static bool said_anywhere(const syn_sentence *ss, size_t v) {
    static const char *const told[] = {"confirm", "announce", "pledge", "promise", "vow", "warn", "threaten",
                                       "insist", "reveal", "indicate", "signal", "declare", "state",
                                       "reiterate", "decide", "agree", "vote", "tweet", "write", "assure"};
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || u == v) continue; /* "Israel would warn": the verb itself */
        if ((t->tags & LEX_SAY) || (t->pos == LEX_POS_VERB && tok_lemma_in(t, told, sizeof told / sizeof told[0])))
            return true;
    }
    return false;
}

/* True when t is one of the adjectives of intent as written (their lemmas are the verbs
 * they come from, or none: "willing" is read as a form of "will"). Those of a state of
 * mind (the list's first six) state an intent only where someone says it ("Syria says
 * it is willing to withdraw"); the writer's own "no sign Russia was willing to" is no
 * act. A schedule ("is due to meet") is one as the writer states it. */
static bool intent_adj(const syn_sentence *ss, const tok *t, size_t v) {
    for (size_t q = 0; q < sizeof intent_adjs / sizeof intent_adjs[0]; q++)
        if (tok_is(t, intent_adjs[q])) return q >= 6 || said_anywhere(ss, v);
    return false;
}

/* Words before "of", "for" or "with" + a gerund that make the gerund a charge, a
 * suspicion or a sentence, not an act stated as fact: "a man suspected of funding
 * militants", "accused of killing", "jailed for insulting the king", "charged with
 * spying". */
static const char *const charge_words[] = {"suspect", "suspected", "accuse", "accused", "charge", "charged",
                                           "convict", "convicted", "allege", "alleged", "arrest",
                                           "arrested", "detain", "detained", "jail", "jailed", "imprison",
                                           "imprisoned", "sentence", "sentenced", "indict", "indicted",
                                           "blame", "blamed", "acquit", "acquitted", "prosecute",
                                           "prosecuted", "suspicion", "accusation",
                                           "allegation", "conviction", "punish", "punished", "fine", "fined",
                                           "dismiss", "dismissed", "sack", "sacked", "terminate", "terminated",
                                           "expel", "expelled", "suspend", "suspended", "deport", "deported"};

#define EXAMPLE_REACH 16u /* tokens back from "and" to the first example's gerund */

/* Words before "from" + a gerund that make the gerund an act kept from happening:
 * "prevented the opposition from holding a rally", "barred him from leaving". */
static const char *const prevent_words[] = {"prevent", "stop", "bar", "ban", "block", "keep", "prohibit",
                                            "deter", "restrain", "forbid", "refrain", "discourage", "dissuade"};

/* The charge word that makes gerund v a charge ("suspected of funding") or the word
 * that kept it from happening ("prevented ... from holding"), or NULL. */
static const tok *charged_gerund(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND)) return NULL;
    /* "terminated for staging a protest and going on strike": a gerund joined by "and"
     * or "or" to a charged one, no punctuation between, is part of the charge */
    if (v >= 2 && (tok_is(&ss->toks[v - 1], "and") || tok_is(&ss->toks[v - 1], "or")))
        for (size_t u = v - 1; u-- > 0 && v - u <= EXAMPLE_REACH;) {
            const tok *t = &ss->toks[u];
            if (t->cls != TOK_WORD || ss->clause[u] != ss->clause[v]) break;
            if ((t->tags & LEX_GERUND) && t->pos == LEX_POS_VERB) {
                const tok *c = charged_gerund(ss, u);
                if (c) return c;
                break;
            }
        }
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && ss->toks[k - 1].pos == LEX_POS_ADV) k--;
    bool from = k >= 2 && tok_is(&ss->toks[k - 1], "from");
    if (k < 2 || !(tok_is(&ss->toks[k - 1], "of") || tok_is(&ss->toks[k - 1], "for") ||
                   tok_is(&ss->toks[k - 1], "with") || from))
        return NULL;
    /* the charge word, or the actor it names: "accused Iran of supplying", "jailed two
     * activists for insulting" */
    size_t g = k - 2;
    int32_t mi = ss->mention_at[g];
    if (mi >= 0) {
        g = ss->m[mi].first;
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--, g = ss->m[mi].first;
        if (g == 0) return NULL;
        g--;
        while (g > 0 && ss->toks[g].cls == TOK_WORD && (ss->toks[g].pos == LEX_POS_DET || ss->toks[g].pos == LEX_POS_NUM))
            g--;
    }
    /* "workers terminated by the Delhi government for staging a protest": the charge
     * word is the participle before the agent's "by" */
    if (!from && g > 0 && tok_is(&ss->toks[g], "by") && mi >= 0) g--;
    const tok *t = &ss->toks[g];
    if (from) return tok_lemma_in(t, prevent_words, sizeof prevent_words / sizeof prevent_words[0]) ? t : NULL;
    return tok_lemma_in(t, charge_words, sizeof charge_words / sizeof charge_words[0]) ? t : NULL;
}

/* The "such" of "such as" before the gerund whose words start at k, or NULL: "functions
 * such as recommending candidates", "measures, such as taking employees' temperatures"
 * name an example of a kind, no act anyone did (the sentence's own verb stays: "imposed
 * sanctions, such as freezing assets" is 163). A gerund joined by "and" or "or" to such
 * a gerund, with no punctuation between ("such as recommending candidates and demanding
 * disciplinary measures"), is another example. */

static const tok *example_gerund(const syn_sentence *ss, size_t k) {
    if (k >= 2 && tok_is(&ss->toks[k - 1], "as") && tok_is(&ss->toks[k - 2], "such")) return &ss->toks[k - 2];
    if (k < 4 || !(tok_is(&ss->toks[k - 1], "and") || tok_is(&ss->toks[k - 1], "or"))) return NULL;
    for (size_t u = k - 1; u-- > 2 && k - u <= EXAMPLE_REACH;) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || ss->clause[u] != ss->clause[k]) return NULL;
        if ((t->tags & LEX_GERUND) && t->pos == LEX_POS_VERB)
            return tok_is(&ss->toks[u - 1], "as") && tok_is(&ss->toks[u - 2], "such") ? &ss->toks[u - 2] : NULL;
    }
    return NULL;
}

/* The common noun that gerund v completes after "of" ("the cost of rebuilding Syria",
 * "the possibility of meeting US officials", "prospects of resuming talks"), "at" or
 * "towards" ("attempts at destroying a people", "a step towards normalising ties"), or
 * NULL: what the noun names (a cost, a chance, an aim), not an act anyone did. An actor
 * before "of" is no such noun ("accused Iran of supplying": a charge, charged_gerund),
 * nor is "process" or "course", which tell the act under way. A gerund after "such as"
 * is an example of a kind and returns "such". */
static const tok *noun_of_gerund(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND)) return NULL;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && ss->toks[k - 1].pos == LEX_POS_ADV) k--;
    const tok *p = k >= 2 ? &ss->toks[k - 1] : NULL;
    const tok *ex = example_gerund(ss, k);
    if (ex) return ex;
    if (!p || !(tok_is(p, "of") || tok_is(p, "at") || tok_is(p, "towards") || tok_is(p, "toward"))) return NULL;
    const tok *n = &ss->toks[k - 2];
    if (ss->mention_at[k - 2] >= 0 || n->cls != TOK_WORD || n->pos != LEX_POS_NOUN) return NULL;
    /* a noun of aspect carries the act under way: "began the process of returning the
     * gorillas", "in the course of negotiating" */
    if (tok_lemma_is(n, "process") || tok_lemma_is(n, "course")) return NULL;
    return n;
}

/* Words before a gerund that open a clause whose subject the gerund may be: "as
 * rendering a person stateless is illegal", "convinced that strengthening the alliance
 * is the priority", "because recapturing the town would be costly". After "while",
 * "when" or "since" a gerund opens an adverbial phrase whose clause has a subject of
 * its own ("while visiting Paris he was told"). */
static const char *const gerund_subject_openers[] = {"that", "as", "because", "so", "but", "whether"};

/* The copula of which gerund v is the subject, or NULL: "rendering a person stateless
 * is illegal", "strengthening its alliance with the US is the priority", "recapturing
 * it would be costly". What the copula says of the gerund (a right, a priority, a
 * risk) is said of an act in general, not of one anyone did. The gerund opens its
 * sentence or follows a word of gerund_subject_openers, and the first finite verb
 * after it, with no comma, quotation, relative or subject pronoun between, is a form
 * of "be" (after a modal or not); a gerund set off by a comma ("attacking from the
 * north, the rebels were") opens an adverbial phrase and keeps its act. */
static const tok *subject_gerund(const syn_sentence *ss, size_t v) {
    const tok *g = &ss->toks[v];
    if (!(g->tags & LEX_GERUND) || g->pos != LEX_POS_VERB) return NULL;
    if (v > 0) {
        const tok *p = &ss->toks[v - 1];
        bool opens = p->cls == TOK_QUOTE && (p->flags & TOK_OPENQ);
        for (size_t q = 0; q < sizeof gerund_subject_openers / sizeof gerund_subject_openers[0] && !opens; q++)
            opens = tok_is(p, gerund_subject_openers[q]);
        if (!opens) return NULL;
    }
    for (size_t u = v + 1; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || ss->clause[u] != ss->clause[v]) return NULL;
        if (tok_is(t, "that") || tok_is(t, "which") || tok_is(t, "who") || tok_is(t, "he") || tok_is(t, "she") ||
            tok_is(t, "we") || tok_is(t, "they") || tok_is(t, "i"))
            return NULL;
        if (t->pos != LEX_POS_VERB && t->pos != LEX_POS_AUX && t->pos != LEX_POS_MODAL) continue;
        if (t->tags & LEX_GERUND) continue; /* "repulsing Iran and crushing al-Qaida are" */
        if (tok_is_be(t)) return t;
        if (t->pos == LEX_POS_MODAL && u + 1 < ss->n && tok_is_be(&ss->toks[u + 1])) return &ss->toks[u + 1];
        return NULL;
    }
    return NULL;
}

/* True when t is a verb's bare form ("visit", "talk"): its lemma, not past, -ing or -s. */
static bool bare_verb(const tok *t) {
    return t->cls == TOK_WORD && t->pos == LEX_POS_VERB && !(t->tags & (LEX_PAST | LEX_GERUND)) &&
           t->lemma && !strcmp(t->lemma, t->norm);
}

/* How far back from a bare verb the "help", "let" or "make" that governs it may stand,
 * its object between ("to help farmers share information"). */
#define CAUSATIVE_OBJECT_TOKENS 5u

/* The "help", "let" or "make" whose bare infinitive v is ("to help farmers share
 * information", "will let the rebels leave", "helped repair"), past an object of nouns,
 * adjectives, determiners and pronouns in v's clause with no punctuation between; SIZE_MAX
 * when none. The infinitive is done only as its governor is: "to help farmers share" is a
 * purpose, and so is the sharing. */
static size_t causative_of(const syn_sentence *ss, size_t v) {
    const tok *b = &ss->toks[v]; /* a bare form, whatever part of speech the tagger chose
                                  * ("help farmers share": "share" read as a noun) */
    if (b->cls != TOK_WORD || !(b->tags & LEX_VERB) || (b->tags & (LEX_PAST | LEX_GERUND)) ||
        (b->lemma && strcmp(b->lemma, b->norm)))
        return SIZE_MAX;
    for (size_t u = v; u-- > 0 && v - u <= CAUSATIVE_OBJECT_TOKENS;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_POSS) continue; /* "to help the country's farmers share" */
        if (t->cls != TOK_WORD || ss->clause[u] != ss->clause[v]) return SIZE_MAX;
        if ((tok_lemma_is(t, "help") || tok_lemma_is(t, "let") || tok_lemma_is(t, "make")) &&
            t->pos == LEX_POS_VERB)
            return u;
        if (!(t->pos == LEX_POS_NOUN || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_DET ||
              t->pos == LEX_POS_PRON || t->pos == LEX_POS_POSSPRON || t->pos == LEX_POS_PROPER ||
              t->pos == LEX_POS_NUM))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Words of demand before "that" after which a bare verb is a subjunctive: "demanded that
 * Russia explain its position", "Trump's demand that Britain repatriate its citizens",
 * "asked that the rector resign". */
static const char *const mandative_words[] = {"demand", "insist", "insistence", "urge", "ask", "request",
                                              "recommend", "recommendation", "propose", "proposal",
                                              "suggest", "suggestion", "require", "requirement", "order"};

/* How far back from a verb the "that" of a demand may stand ("demanded that Germany,
 * France and Britain repatriate"). */
#define MANDATIVE_THAT_TOKENS 12u

/* The word of demand whose "that" clause bare verb v is the subjunctive of, or NULL: what
 * was demanded, not done (the demand is its own verb's event, and takes its kind from
 * v: coder.c). */
const tok *modality_mandative(const syn_sentence *ss, size_t v) {
    if (!bare_verb(&ss->toks[v])) return NULL;
    for (size_t u = v; u-- > 0 && v - u <= MANDATIVE_THAT_TOKENS;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT && !(t->norm_len == 1 && t->norm[0] == ',')) return NULL;
        /* a modal or "to" makes the verb no subjunctive ("insist that we will continue
         * to defend") */
        if (t->cls == TOK_WORD && ((t->tags & (LEX_MODAL | LEX_AUX)) || t->pos == LEX_POS_TO || tok_is(t, "to")))
            return NULL;
        /* another verb ends the clause, but not a bare one joined by "and" ("repatriate
         * and prosecute") */
        if (t->cls == TOK_WORD && t->pos == LEX_POS_VERB && !(t->tags & LEX_AUX) && !bare_verb(t)) return NULL;
        if (!tok_is(t, "that")) continue;
        for (size_t w = u; w-- > 0 && u - w <= 2;) {
            const tok *g = &ss->toks[w];
            if (tok_lemma_in(g, mandative_words, sizeof mandative_words / sizeof mandative_words[0])) return g;
            if (g->cls != TOK_WORD || !(g->tags & LEX_ADV)) break; /* "insisted again that" */
        }
        return NULL;
    }
    return NULL;
}

/* The verb that bare verb v is coordinated with ("used to visit the president and talk
 * business", "will meet Putin and sign the deal"): the nearest bare verb before an "and"
 * or "or" right before v, in v's clause with no punctuation between; SIZE_MAX when
 * none. The two share what governs the first ("used to", "will"). */
static size_t coordinated_with(const syn_sentence *ss, size_t v) {
    size_t c = v; /* "will work on ... and also help" */
    while (c > 1 && ss->toks[c - 1].cls == TOK_WORD && ss->toks[c - 1].pos == LEX_POS_ADV) c--;
    if (c < 2 || !bare_verb(&ss->toks[v]) || !(ss->toks[c - 1].tags & LEX_CONJ)) return SIZE_MAX;
    for (size_t u = c - 1; u-- > 0 && v - u <= 12;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT || t->cls == TOK_END || ss->clause[u] != ss->clause[v]) return SIZE_MAX;
        if (t->cls == TOK_WORD && t->pos == LEX_POS_VERB) return bare_verb(t) ? u : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* True when the subject of verb v opens with "no" or "none"/"nobody"/"neither" ("No
 * Iraqi party dared to voice support", "Nobody attacked"): the act is denied of all.
 * The word must open its clause or follow punctuation or a conjunction ("With no
 * warning, Russia attacked" has a subject of its own). */
static const tok *negative_subject(const syn_sentence *ss, size_t v) {
    for (size_t u = v; u-- > 0;) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD && t->cls != TOK_POSS && t->cls != TOK_NUMBER) return NULL;
        if (ss->clause[u] != ss->clause[v]) return NULL;
        /* a verb that governs v's infinitive shares its subject ("dared to voice") */
        if (t->cls == TOK_WORD && t->pos == LEX_POS_VERB && !(t->tags & LEX_AUX) &&
            !(u + 1 < v && tok_is(&ss->toks[u + 1], "to")))
            return NULL;
        bool neg = tok_is(t, "no") || tok_is(t, "none") || tok_is(t, "nobody") || tok_is(t, "neither");
        if (!neg) continue;
        if (tok_is(t, "no") && (u + 1 >= v || ss->toks[u + 1].cls != TOK_WORD || tok_is(&ss->toks[u + 1], "longer") ||
                                tok_is(&ss->toks[u + 1], "sooner")))
            return NULL;
        const tok *p = u > 0 ? &ss->toks[u - 1] : NULL;
        if (!p || u == clause_start(ss, v) || p->cls == TOK_PUNCT || p->cls == TOK_QUOTE || p->cls == TOK_DASH ||
            (p->cls == TOK_WORD && (p->tags & (LEX_CONJ | LEX_SUBCONJ))) || tok_is(p, "that"))
            return t;
        return NULL;
    }
    return NULL;
}

/* True when a present tense at verb v stands outside the news's own places: not in the
 * lead, a bullet, a headline or a quotation. */
static bool present_outside_news(const syn_sentence *ss, size_t v) {
    const dyad_sentence *st = &ss->story->sentences[ss->index];
    /* the lead, the first sentence after any headline, tells the news of the day in
     * the present in many outlets ("South Korea's shipbuilder joins forces with ...") */
    size_t first = ss->story->n_sentences > 0 && (ss->story->sentences[0].flags & DYAD_SENT_HEADLINE) ? 1 : 0;
    if (ss->index <= first) return false;
    /* a bullet ("** Bahrain suspends all its flights") is a headline of its own */
    if (st->text_len > 0 && strchr("*-\xe2", st->text[0])) return false;
    return !ss->quoted[v] && !(st->flags & DYAD_SENT_HEADLINE);
}

/* True when token t is a present third-person form ending in -s ("supports"). */
static bool present_s_form(const tok *t) {
    if (t->cls != TOK_WORD || !(t->tags & LEX_VERB) || (t->tags & (LEX_PAST | LEX_GERUND | LEX_AUX))) return false;
    return t->lemma && strcmp(t->lemma, t->norm) && t->norm_len >= 3 && t->norm[t->norm_len - 1] == 's';
}

bool modality_present_description(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    /* the matcher took it as a verb, whatever part of speech the lexicon chose:
     * "charity visits to Oman" */
    if (t->cls != TOK_WORD || !(t->tags & LEX_VERB) || (t->tags & (LEX_GERUND | LEX_AUX))) return false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (t->tags & LEX_PAST) {
        /* "These groups are backed by Turkey", "the town is controlled by the YPG": a
         * present passive naming its agent tells a standing state, as the active
         * "Turkey backs these groups" does */
        return k > 0 && (tok_is(&ss->toks[k - 1], "is") || tok_is(&ss->toks[k - 1], "are")) && v + 1 < ss->n &&
               tok_is(&ss->toks[v + 1], "by") && present_outside_news(ss, v);
    }
    /* "Turkey continues to support the rebel army": the infinitive of "continues" in
     * the present tells the same standing state as "Turkey supports" */
    if (t->lemma && !strcmp(t->lemma, t->norm) && k >= 2 && tok_is(&ss->toks[k - 1], "to") &&
        tok_lemma_is(&ss->toks[k - 2], "continue"))
        return present_s_form(&ss->toks[k - 2]) && present_outside_news(ss, k - 2);
    return present_s_form(t) && present_outside_news(ss, v);
}

/* How far back from a verb the "why" or "how" of its clause may stand. */
#define WH_CLAUSE_TOKENS 12u

/* The "why" or "how" opening the clause of verb v when v is not told in the past, or
 * NULL: "Asked why Russia is backing a suspected war criminal", "no matter how
 * persuasively the PYD's leaders claim", "the latest example of how authorities keep
 * pushing the line back", "shows how Namibia continues to gain ground" tell a reason or
 * a manner of a state of affairs, not an act of the day. A past is told as fact ("no
 * reason for why it stopped the funding"). */
static const tok *wh_clause(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    if (t->tags & LEX_PAST) return NULL;
    for (size_t u = v; u-- > 0 && v - u <= WH_CLAUSE_TOKENS;) {
        const tok *w = &ss->toks[u];
        if (w->cls == TOK_PUNCT || w->cls == TOK_QUOTE || w->cls == TOK_DASH) return NULL;
        if (w->cls != TOK_WORD) continue;
        /* a perfect or a past before it: "how Russia has attacked", "why it did" */
        if (tok_is(w, "has") || tok_is(w, "have") || tok_is(w, "had") || tok_is(w, "did") || tok_is(w, "was") ||
            tok_is(w, "were") || (w->pos == LEX_POS_VERB && (w->tags & LEX_PAST)))
            return NULL;
        if (tok_is(w, "why")) return w;
        if (tok_is(w, "how")) {
            const tok *n = u + 1 < ss->n ? &ss->toks[u + 1] : NULL;
            if (n && (tok_is(n, "many") || tok_is(n, "much") || tok_is(n, "long") || tok_is(n, "often") ||
                      tok_is(n, "far") || tok_is(n, "soon")))
                return NULL;
            return w;
        }
    }
    return NULL;
}

/* How many tokens back from "by" the verb a gerund of means serves may stand. */
#define MEANS_REACH 12u

/* The verb that gerund v, after "by", tells the means of ("retaliated by expelling"):
 * the nearest verb before "by" in v's clause, not a gerund itself; SIZE_MAX if none. */
static size_t means_of(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND) || ss->toks[v].pos != LEX_POS_VERB) return SIZE_MAX;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && ss->toks[k - 1].pos == LEX_POS_ADV) k--;
    if (k < 2 || !tok_is(&ss->toks[k - 1], "by")) return SIZE_MAX;
    for (size_t u = k - 1; u-- > 0 && k - u <= MEANS_REACH;) {
        const tok *t = &ss->toks[u];
        if (ss->clause[u] != ss->clause[v] || t->cls == TOK_PUNCT) return SIZE_MAX;
        if (t->pos == LEX_POS_VERB && !(t->tags & LEX_GERUND)) return u;
    }
    return SIZE_MAX;
}

/* The verb of state before past participle v, past adverbs, or NULL: "Moscow feels
 * especially threatened by", "felt betrayed", "seemed surprised", "remains detained". The
 * participle is an adjective telling how someone is, no act anyone did. */
static const tok *state_participle(const syn_sentence *ss, size_t v) {
    static const char *const state_verbs[] = {"feel", "seem", "appear", "look", "sound", "remain", "become", "grow"};
    if (!(ss->toks[v].tags & LEX_PAST) || (ss->toks[v].tags & LEX_GERUND)) return NULL;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && ss->toks[k - 1].pos == LEX_POS_ADV) k--;
    if (k == 0) return NULL;
    const tok *t = &ss->toks[k - 1];
    /* the tagger may read "feels" as a plural noun: a verb reading will do */
    return (t->tags & LEX_VERB) && tok_lemma_in(t, state_verbs, sizeof state_verbs / sizeof *state_verbs) ? t : NULL;
}

/* How far from its verb a phrase of yearly habit may stand in the verb's clause. */
#define HABIT_REACH 16u

/* The word of a yearly habit in the clause of verb v, within HABIT_REACH tokens of it:
 * "every year", "each year", "every spring", "annually" ("lays a wreath at the memorial
 * every year", "the two navies hold drills annually"). A custom repeated each year is
 * no single act on the story's day; NULL when there is none. Not "every day" or "each
 * week": "shells the town every day" reports an ongoing campaign. */
static const tok *yearly_habit(const syn_sentence *ss, size_t v) {
    static const char *const spans[] = {"year", "spring", "summer", "autumn", "winter"};
    size_t lo = v > HABIT_REACH ? v - HABIT_REACH : 0, hi = v + HABIT_REACH < ss->n ? v + HABIT_REACH + 1 : ss->n;
    for (size_t u = lo; u < hi; u++) {
        const tok *t = &ss->toks[u];
        if (ss->clause[u] != ss->clause[v] || t->cls != TOK_WORD) continue;
        if (tok_is(t, "annually")) return t;
        if (u + 1 < hi && (tok_is(t, "every") || tok_is(t, "each")) &&
            tok_in(&ss->toks[u + 1], spans, sizeof spans / sizeof *spans))
            return &ss->toks[u + 1];
    }
    return NULL;
}

static enum modality find(const syn_sentence *ss, size_t v, bool said, const char **why) {
    enum modality m = MOD_NONE;
    const tok *hy = yearly_habit(ss, v);
    if (hy) {
        *why = hy->norm; /* a yearly custom: "pays homage every year" */
        return MOD_HYPOTHETICAL;
    }
    const tok *sv = state_participle(ss, v);
    if (sv) {
        *why = sv->norm;
        return MOD_HYPOTHETICAL;
    }
    /* "will help bolster the municipality's role by supporting it", "threatened to
     * retaliate by expelling diplomats": a gerund of means is done only as the verb it
     * serves is */
    size_t bv = means_of(ss, v);
    if (bv != SIZE_MAX) {
        enum modality bm = find(ss, bv, said, why);
        if (bm != MOD_NONE) return bm == MOD_NEGATED ? MOD_HYPOTHETICAL : bm;
    }
    /* an act denied of every actor is no act, and no refusal by anyone in particular */
    const tok *ns = negative_subject(ss, v);
    if (ns) {
        *why = ns->norm;
        return MOD_HYPOTHETICAL;
    }
    /* a negation may be the first verb's alone ("must respect the deal, not provoke
     * bloodshed and allow access"): a shared one leaves the second verb uncoded */
    size_t co = coordinated_with(ss, v);
    if (co != SIZE_MAX) {
        enum modality cm = find(ss, co, said, why);
        if (cm == MOD_NEGATED) return MOD_HYPOTHETICAL;
        if (cm != MOD_NONE) return cm;
    }
    /* "to help farmers share information": the infinitive a causative governs is done
     * only as the causative is */
    size_t cv = causative_of(ss, v);
    if (cv != SIZE_MAX) {
        enum modality cm = find(ss, cv, said, why);
        if (cm == MOD_NEGATED) return MOD_HYPOTHETICAL;
        if (cm != MOD_NONE) return cm;
    }
    const tok *cw = charged_gerund(ss, v);
    if (!cw) cw = noun_of_gerund(ss, v);
    if (!cw) cw = wh_clause(ss, v);
    if (!cw) cw = weighed_gerund(ss, v);
    if (!cw) cw = opposed_gerund(ss, v);
    if (!cw) cw = reason_gerund(ss, v);
    if (!cw) cw = perfect_or_almost(ss, v);
    if (!cw) cw = subject_gerund(ss, v);
    if (cw) {
        *why = cw->norm;
        return MOD_HYPOTHETICAL;
    }
    if (in_condition(ss, v, said)) {
        *why = ss->toks[clause_start(ss, v)].norm;
        return MOD_HYPOTHETICAL;
    }
    if (question_or_alternative(ss, v, why)) return MOD_HYPOTHETICAL;
    const tok *h = hedged_clause(ss, v);
    if (!h) h = feared_clause(ss, v);
    if (h) {
        *why = h->norm;
        return MOD_HYPOTHETICAL;
    }
    const tok *u = unreal_clause(ss, v, said);
    if (u) {
        *why = u->norm;
        return MOD_HYPOTHETICAL;
    }
    bool perfect = false; /* a "have" of the perfect stands between the verb and its modal */
    for (size_t k = 1; k <= 5 && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (t->cls != TOK_WORD) break;
        if (t->tags & LEX_NEG) {
            *why = t->norm;
            return MOD_NEGATED;
        }
        if ((tok_is(t, "have") || tok_is(t, "'ve")) && (ss->toks[v].tags & LEX_PAST)) perfect = true;
        /* "would have complained", "could have been forced to the table", "will already
         * have shared": a modal of the perfect tells what might have been or is presumed
         * done, neither an act reported nor an intent */
        if ((t->tags & LEX_MODAL) && perfect) {
            *why = t->norm;
            return MOD_HYPOTHETICAL;
        }
        if (t->tags & LEX_MODAL) {
            if (is_hypothetical_modal(t)) {
                *why = t->norm;
                /* "may halt mediation if cooperation founders": a condition set on a
                 * possible act is a threat of it (CAMEO 13x) */
                if ((tok_is(t, "may") || tok_is(t, "might") || tok_is(t, "could")) && condition_follows(ss, v))
                    return MOD_CONDITIONAL;
                return MOD_HYPOTHETICAL;
            }
            /* "The draft would ask the council", "Singapore would ban visitors": with no
             * verb of saying in the sentence, "would" is a condition's consequence or a
             * text's content, not an intent anyone stated ("said it would" is one) */
            if (tok_is(t, "would") && (!said_anywhere(ss, v) || believed_before(ss, v - k))) {
                *why = t->norm;
                return condition_follows(ss, v) && !believed_before(ss, v - k) ? MOD_CONDITIONAL : MOD_HYPOTHETICAL;
            }
            if (m == MOD_NONE) m = MOD_INTENT, *why = t->norm;
            continue;
        }
        if (tok_is(t, "to") && k < v) {
            /* "threatened on Monday to secede": the word before a date that stands
             * before "to" */
            size_t gi = v - k - 1;
            for (size_t st = gi >= 4 ? gi - 4 : 0; st <= gi; st++)
                if (match_temporal_len(ss, st) == gi - st + 1) {
                    if (st > 0) gi = st - 1;
                    break;
                }
            const tok *g = &ss->toks[gi];
            if (tok_lemma_in(g, refuse_verbs, sizeof refuse_verbs / sizeof refuse_verbs[0])) {
                *why = g->norm;
                return MOD_REFUSED;
            }
            if (tok_lemma_is(g, "threaten")) { *why = g->norm; return MOD_THREAT; }
            /* "The Syrians wanted to give up": a wish told in the past is a state of
             * mind, not an intent anyone stated ("said it wanted to talk" is one) */
            if ((tok_lemma_is(g, "want") || tok_lemma_is(g, "wish") || tok_lemma_is(g, "hope")) &&
                (g->tags & LEX_PAST) && !said_before(ss, v)) {
                *why = g->norm;
                return MOD_HYPOTHETICAL;
            }
            /* "halted the government's plans to send", "working on plans to send troops",
             * "activists who were planning to rally": a plan named as a noun after a
             * determiner, a possessive, an adjective, a preposition or an actor, or one told
             * in the past progressive, is what someone had in mind, not an intent the actor
             * stated ("said it plans to send", "flagged plans to advance" are) */
            if ((tok_is(g, "plans") || tok_is(g, "plan")) && g->pos == LEX_POS_NOUN && gi > 0 &&
                (ss->toks[gi - 1].cls == TOK_POSS || ss->toks[gi - 1].pos == LEX_POS_DET ||
                 ss->toks[gi - 1].pos == LEX_POS_ADJ || ss->toks[gi - 1].pos == LEX_POS_PREP ||
                 ss->toks[gi - 1].pos == LEX_POS_PRON)) {
                *why = g->norm;
                return MOD_HYPOTHETICAL;
            }
            if (tok_is(g, "planning") && gi > 0 && (tok_is(&ss->toks[gi - 1], "was") || tok_is(&ss->toks[gi - 1], "were")) &&
                !said_before(ss, v)) {
                *why = g->norm;
                return MOD_HYPOTHETICAL;
            }
            /* "is expected to meet", "are widely expected to sign": a forecast, the
             * writer's or someone else's, not an intent the actor stated ("Iran expects
             * to sign" is one) */
            if (tok_lemma_is(g, "expect") && !tok_is(g, "expect") && !tok_is(g, "expects") &&
                be_before(ss, gi)) {
                *why = g->norm;
                return MOD_HYPOTHETICAL;
            }
            /* "the prime minister decided to resign", "has decided to arrest": a decision
             * told as news; the coder makes it the act itself where taking the decision
             * is doing it (MODALITY_DECIDED); not "had decided", a past perfect */
            if (tok_is(g, "decided") && !(gi > 0 && tok_is(&ss->toks[gi - 1], "had"))) {
                *why = MODALITY_DECIDED;
                m = MOD_INTENT;
                break;
            }
            if (tok_lemma_in(g, intent_verbs, sizeof intent_verbs / sizeof intent_verbs[0]) ||
                intent_adj(ss, g, v) || accord_reached(ss, gi)) {
                *why = g->norm;
                m = MOD_INTENT;
                /* "is not prepared to back", "did not plan to attend": an intent denied */
                for (size_t q = gi; q-- > 0 && gi - q <= 3;) {
                    const tok *n = &ss->toks[q];
                    if (n->cls != TOK_WORD) break;
                    if (n->tags & LEX_NEG) {
                        *why = n->norm;
                        /* "Isis members, who do not intend to surrender": an intent denied
                         * with no one saying it describes a state of mind, no refusal */
                        return said_before(ss, v) ? MOD_NEGATED : MOD_HYPOTHETICAL;
                    }
                    if (!(n->tags & (LEX_ADV | LEX_AUX))) break;
                }
            }
            /* "is to meet", "are going to"; "are yet to sign" has not happened */
            if (tok_is(g, "yet")) { *why = "yet to"; return MOD_HYPOTHETICAL; }
            /* "going" after a preposition is a gerund of going somewhere, not the future:
             * "blamed for going to fight", "arrested after going to fight for Isis" tell
             * a journey, not a threat or an intent */
            if (tok_is(g, "going") && gi > 0 && ss->toks[gi - 1].pos == LEX_POS_PREP) {
                *why = g->norm;
                return MOD_HYPOTHETICAL;
            }
            if (tok_is_be(g) || tok_is(g, "going")) { *why = "to"; m = MOD_INTENT; }
            /* "Malaysian king to meet lawmakers", "Iran to free sailors": a headline's
             * subject before "to" tells what it is to do, the wire's "will": an intent
             * (036, 0353), not the act; not the actor a verb asks ("UN calls on Iran to") */
            if (m == MOD_NONE && headline_subject(ss, gi)) { *why = "to"; m = MOD_INTENT; }
            /* "Turkey claims to have encircled Afrin", "the YPG claims to have launched
             * counter-attacks": an act the claimant says it has done itself is coded as
             * done, as CAMEO codes a side's claim of its own military act (the claim of an
             * act by another actor is an accusation or a statement: coder.c) */
            if (k == 2 && perfect && (tok_is(g, "claims") || tok_is(g, "claimed") || tok_is(g, "claim")) &&
                g->pos == LEX_POS_VERB && tok_is(&ss->toks[v - 1], "have"))
                break;
            /* "has to", "needs to": an obligation, not an act */
            if (tok_lemma_is(g, "have") || tok_lemma_is(g, "need")) { *why = g->norm; return MOD_HYPOTHETICAL; }
            if (m == MOD_NONE && !purpose_neutral(ss, gi)) { *why = "to"; return MOD_HYPOTHETICAL; }
            /* "sufficient to force Russia to negotiate", "will urge Iran to free the
             * sailors": an act asked or forced of an actor by a verb not itself told as
             * done has not happened either ("forced the rebels to withdraw" has) */
            if (m == MOD_NONE) {
                size_t av = asking_verb(ss, gi);
                if (av != SIZE_MAX && find(ss, av, said, why) != MOD_NONE) return MOD_HYPOTHETICAL;
            }
            /* "would not dare to shell", "did not begin to withdraw", "will start to pull
             * out": a verb of aspect passes on its own modality */
            if (m == MOD_NONE && tok_lemma_in(g, aspect_verbs, sizeof aspect_verbs / sizeof aspect_verbs[0])) {
                enum modality gm = find(ss, gi, said, why);
                if (gm != MOD_NONE) return gm;
            }
            break;
        }
        if (tok_lemma_in(t, habit_advs, sizeof habit_advs / sizeof habit_advs[0])) {
            *why = t->norm; /* a habit: "Russia usually vetoes" */
            return MOD_HYPOTHETICAL;
        }
        if (tok_lemma_in(t, hedge_advs, sizeof hedge_advs / sizeof hedge_advs[0])) {
            *why = t->norm; /* a guess or a claim: "Assad allegedly used", "will probably" */
            return MOD_HYPOTHETICAL;
        }
        if ((t->tags & (LEX_ADV | LEX_AUX)) || tok_adverb_conj(ss->toks, ss->n, v - k)) continue;
        break;
    }
    return m;
}

enum modality modality_find(const syn_sentence *ss, size_t v, const char **why) {
    return find(ss, v, false, why);
}

enum modality modality_of_saying(const syn_sentence *ss, size_t v, const char **why) {
    return find(ss, v, true, why);
}

/* The first year of a decade written "1990s" (token t), or 0. */
static int decade_of(const tok *t) {
    if (t->norm_len != 5 || t->norm[4] != 's') return 0;
    for (size_t k = 0; k < 4; k++)
        if (t->norm[k] < '0' || t->norm[k] > '9') return 0;
    return number_value(t);
}

/* True when verb v is a present perfect ("has supported", "have long backed", "has been
 * fighting"). */
static bool present_perfect(const syn_sentence *ss, size_t v) {
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_NEG))) k--;
    if (k > 1 && tok_is(&ss->toks[k - 1], "been")) k--;
    return k > 0 && (tok_is(&ss->toks[k - 1], "has") || tok_is(&ss->toks[k - 1], "have"));
}

/* How far after a past verb a span of years ("in the past two years") is still read as
 * the verb's own. */
#define SPAN_AFTER_VERB_TOKENS 6u

/* True when a relative pronoun stands strictly between tokens a and b. */
static bool opens_between(const syn_sentence *ss, size_t a, size_t b) {
    for (size_t k = a + 1; k < b; k++)
        if (ss->toks[k].pos == LEX_POS_REL || tok_is(&ss->toks[k], "that") || tok_is(&ss->toks[k], "which") ||
            tok_is(&ss->toks[k], "who") || tok_is(&ss->toks[k], "whose") || tok_is(&ss->toks[k], "where"))
            return true;
    return false;
}

/* True when the clause of verb v says that a present perfect has held for years: "since
 * 2014" (a year before the story's year), "since April 2018", "since the failed 2016
 * coup" (an event of that year), "for decades", "for
 * years", "for more than 40 years", "over the past two decades", "in the last ten
 * years", "in recent years". With spans_only, only the last three forms; with months,
 * spans of months and weeks too ("for weeks", "over the past three months"; not "in
 * recent weeks", the time of the news). */
/* How many words may stand between "since the" and the year of an event it names. */
#define SINCE_EVENT_WORDS 2u

static bool held_for_years(const syn_sentence *ss, size_t v, int story_year, bool spans_only, bool months) {
    /* "jailed a student for two years", "extended the ban for five years": a term the act
     * sets, not how long it has been going on */
    static const char *const term_verbs[] = {"jail", "imprison", "sentence", "ban", "bar", "suspend", "detain",
                                             "exile", "extend", "renew", "sign", "lease", "freeze", "postpone"};
    if (tok_lemma_in(&ss->toks[v], term_verbs, sizeof term_verbs / sizeof term_verbs[0])) return false;
    for (size_t u = 0; u + 1 < ss->n; u++) {
        if (ss->clause[u] != ss->clause[v]) continue;
        const tok *t = &ss->toks[u];
        /* only "since", "for", "over" and "in" open such a span (the word first, the walk
         * of opens_between after) */
        bool opens = tok_is(t, "since") || tok_is(t, "for") || tok_is(t, "over") || tok_is(t, "in");
        if (!opens) continue;
        /* a span after a past verb is its own only close to it, with no other verb's
         * words between ("ties that have worsened over the past five years") */
        if (spans_only && u > v && (u - v > SPAN_AFTER_VERB_TOKENS || opens_between(ss, v, u))) continue;
        if (tok_is(t, "since") && !spans_only) {
            size_t y = u + 1;
            if (y < ss->n && (ss->toks[y].tags & LEX_MONTH)) y++;
            /* "since the 2016 coup", "since the disputed 2015 election": an event named by
             * its year, with at most SINCE_EVENT_WORDS words before the year */
            if (y + 1 < ss->n && tok_is(&ss->toks[y], "the")) {
                size_t q = y + 1;
                while (q < ss->n && q <= y + SINCE_EVENT_WORDS && ss->toks[q].cls == TOK_WORD) q++;
                y = q;
            }
            if (y < ss->n && ss->toks[y].cls == TOK_NUMBER && ss->toks[y].norm_len == 4) {
                int year = number_value(&ss->toks[y]);
                if (year >= 1900 && year < story_year) return true;
            }
        } else if ((tok_is(t, "for") && !spans_only) || ((tok_is(t, "over") || tok_is(t, "in")) && u + 1 < ss->n &&
                                          (tok_is(&ss->toks[u + 1], "the") || tok_is(&ss->toks[u + 1], "recent")))) {
            /* "for decades", "over the past two decades", "in the last 10 years", "in
             * recent years" */
            for (size_t y = u + 1; y < ss->n && y <= u + 5; y++) {
                const tok *w = &ss->toks[y];
                if (tok_is(w, "years") || tok_is(w, "decades") || tok_is(w, "generations")) return true;
                /* "in recent weeks" is the news's own time, "for weeks" a state's */
                if (months && (tok_is(w, "months") || tok_is(w, "weeks")) && !tok_is(&ss->toks[u + 1], "recent"))
                    return true;
                if (tok_is(w, "next") || tok_is(w, "coming")) break; /* "over the next five years" */
                if (w->cls != TOK_NUMBER && !(w->tags & (LEX_NUM | LEX_ADV | LEX_ADJ)) && !tok_is(w, "than") &&
                    !tok_is(w, "more") && !tok_is(w, "many") && !tok_is(w, "several") &&
                    !(y == u + 1 && tok_is(w, "the")) && !tok_is(w, "past") && !tok_is(w, "last") &&
                    !tok_is(w, "recent"))
                    break;
            }
        }
    }
    return false;
}

/* True when "long" stands among the adverbs between a present perfect's "has" or "have"
 * and verb v: "The US has long backed the Kurds", "Turkey has long accused". */
static bool long_held(const syn_sentence *ss, size_t v) {
    for (size_t k = v; k > 0 && ss->toks[k - 1].cls == TOK_WORD && !tok_is(&ss->toks[k - 1], "has") &&
                       !tok_is(&ss->toks[k - 1], "have");
         k--)
        if (tok_is(&ss->toks[k - 1], "long")) return true;
    return false;
}

/* How far after a present perfect a count of times ("11 times") is still its own. */
#define TIMES_AFTER_VERB_TOKENS 12u

/* True when the clause of verb v names a day, a week or hours ("since Monday", "this
 * week", "yesterday"): what it counts or repeats is recent news. */
static bool names_recent_day(const syn_sentence *ss, size_t v) {
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (ss->clause[u] != ss->clause[v]) continue;
        if ((t->tags & LEX_WEEKDAY) || tok_is(t, "today") || tok_is(t, "yesterday") || tok_lemma_is(t, "week") ||
            tok_lemma_is(t, "day") || tok_lemma_is(t, "hour"))
            return true;
    }
    return false;
}

/* True when the clause of verb v counts how often the act has happened ("has vetoed UN
 * resolutions 11 times", "has used chemical weapons more than 100 times", "dozens of
 * times") and names no recent day or span ("three times since Monday", "twice this
 * week" are news). */
static bool counted_times(const syn_sentence *ss, size_t v) {
    bool counted = false;
    if (names_recent_day(ss, v)) return false;
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (ss->clause[u] != ss->clause[v]) continue;
        if (u > v + 1 && u <= v + TIMES_AFTER_VERB_TOKENS && tok_is(t, "times")) {
            size_t q = u - 1;
            if (tok_is(&ss->toks[q], "of") && q > 0) q--; /* "dozens of times" */
            const tok *n = &ss->toks[q];
            counted |= n->cls == TOK_NUMBER || n->pos == LEX_POS_NUM || tok_is(n, "several") || tok_is(n, "many") ||
                       tok_is(n, "multiple") || tok_is(n, "numerous") || tok_is(n, "countless") ||
                       tok_is(n, "dozens") || tok_is(n, "hundreds");
        }
    }
    return counted;
}

/* How far after "throughout" or "course of" the war it spans may stand ("throughout the
 * seven-year civil war"). */
#define RECORD_SPAN_TOKENS 7u

/* True when the clause of verb v sums up a record to date: "so far", "thus far", "to
 * date", "a total of", "in total", "throughout the war" (or "conflict", "crisis"), "over
 * the course of the war", and names no recent day ("has detained a total of 900 foreign
 * fighters", "Ankara has so far stressed"; "has so far arrested 12 people since Monday"
 * is news). */
static bool record_to_date(const syn_sentence *ss, size_t v) {
    static const char *const spans[] = {"war", "conflict", "crisis", "pandemic", "insurgency", "occupation"};
    if (names_recent_day(ss, v)) return false;
    for (size_t u = 0; u + 1 < ss->n; u++) {
        if (ss->clause[u] != ss->clause[v]) continue;
        const tok *t = &ss->toks[u], *t1 = &ss->toks[u + 1];
        if ((tok_is(t, "so") || tok_is(t, "thus")) && tok_is(t1, "far")) return true;
        if (tok_is(t, "to") && tok_is(t1, "date") && !(u > 0 && ss->toks[u - 1].pos == LEX_POS_VERB)) return true;
        if (tok_is(t, "a") && tok_is(t1, "total") && u + 2 < ss->n && tok_is(&ss->toks[u + 2], "of")) return true;
        if (tok_is(t, "in") && tok_is(t1, "total")) return true;
        if (tok_is(t, "throughout") || (tok_is(t, "course") && tok_is(t1, "of"))) {
            for (size_t y = u + 1; y < ss->n && y <= u + RECORD_SPAN_TOKENS; y++)
                if (tok_lemma_in(&ss->toks[y], spans, sizeof spans / sizeof *spans)) return true;
        }
    }
    return false;
}

/* True when verb v is a present perfect passive followed by its agent: "have been
 * committed by the Turks", "has been backed by Indonesia". */
static bool perfect_passive_by(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_PAST)) return false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k < 2 || !tok_is(&ss->toks[k - 1], "been")) return false;
    k--;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k == 0 || !(tok_is(&ss->toks[k - 1], "has") || tok_is(&ss->toks[k - 1], "have"))) return false;
    size_t b = v + 1;
    while (b < ss->n && ss->toks[b].cls == TOK_WORD && (ss->toks[b].tags & LEX_ADV)) b++;
    return b < ss->n && tok_is(&ss->toks[b], "by");
}

/* From this sentence of a story on (0 the first), a present perfect of a verb of stance
 * (stance_verbs) tells a position held, not the news (modality_past). */
#define PERFECT_STANCE_SENTENCE 5u

/* True when the sentence names a weekday, "today" or "yesterday" anywhere: "has claimed
 * on Thursday that" (the day may open the clause of what was said). */
static bool names_day_in_sentence(const syn_sentence *ss) {
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if ((t->tags & LEX_WEEKDAY) || tok_is(t, "today") || tok_is(t, "yesterday")) return true;
    }
    return false;
}

/* Verbs of saying that state a position: in a present perfect below the lead, the
 * actor's standing line ("has claimed", "has insisted", "has argued"). */
static const char *const stance_verbs[] = {"claim", "insist", "argue", "maintain", "allege", "assert", "contend"};

/* Adverbs that make a perfect a record of repeated acts: "had repeatedly asked Russia",
 * "has consistently backed the Kurds". */
static const char *const record_advs[] = {"repeatedly", "consistently", "persistently", "twice",
                                          "previously", "frequently", "regularly"};

/* True when one of record_advs stands among the adverbs between verb v and its "has",
 * "have" or "had" (through "been"), and the clause names no recent day ("has repeatedly
 * shelled the town since Monday" is news). */
static bool repeated_record(const syn_sentence *ss, size_t v) {
    bool rec = false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_NEG))) {
        rec |= tok_lemma_in(&ss->toks[k - 1], record_advs, sizeof record_advs / sizeof *record_advs);
        k--;
    }
    if (k > 1 && tok_is(&ss->toks[k - 1], "been")) {
        k--;
        while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_NEG))) {
            rec |= tok_lemma_in(&ss->toks[k - 1], record_advs, sizeof record_advs / sizeof *record_advs);
            k--;
        }
    }
    if (!rec || k == 0) return false;
    const tok *h = &ss->toks[k - 1];
    return (tok_is(h, "has") || tok_is(h, "have") || tok_is(h, "had")) && !names_recent_day(ss, v);
}

/* True when token w opens another verb's words: a relative pronoun ("which", "an
 * appeal that the lawyer filed") or a participle after a common noun ("a deal struck in
 * 2016", "a body established in 2014"; after a name, a past verb is the name's own act:
 * "Zuma resigned"). */
static bool opens_another_verb(const syn_sentence *ss, size_t w) {
    const tok *t = &ss->toks[w];
    const tok *p = w > 0 ? &ss->toks[w - 1] : NULL;
    return t->pos == LEX_POS_REL ||
           (p && (t->tags & LEX_REL) && (p->pos == LEX_POS_NOUN || p->pos == LEX_POS_PROPER)) ||
           (p && t->pos == LEX_POS_VERB && (t->tags & LEX_PAST) && p->pos == LEX_POS_NOUN);
}

/* True when token u is "and", "but" or "or" after a comma, and the words from it to the
 * verb w after it are a clause's start with a subject of its own and no punctuation:
 * "Turkey shelled the villages in 2015, and on Monday Russia criticized Turkey"; not
 * "..., and also repaired relations" (the same subject), nor "..., and Samira al-Khalil,
 * an activist imprisoned by ..." (a list). */
static bool joins_clause(const syn_sentence *ss, size_t u, size_t w) {
    if (u == 0 || ss->toks[u].pos != LEX_POS_CONJ || ss->toks[u - 1].cls != TOK_PUNCT ||
        ss->toks[u - 1].norm_len != 1 || ss->toks[u - 1].norm[0] != ',')
        return false;
    bool subject = false;
    for (size_t k = u + 1; k < w; k++) {
        const tok *t = &ss->toks[k];
        if (t->cls != TOK_WORD && t->cls != TOK_NUMBER && t->cls != TOK_POSS) return false;
        if ((t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER || t->pos == LEX_POS_PRON) &&
            ss->toks[k - 1].pos != LEX_POS_PREP)
            subject = true;
    }
    return subject;
}

/* True when the tokens [a, b] name a day, month or year of their own. */
static bool has_date_word(const syn_sentence *ss, size_t a, size_t b) {
    for (size_t u = a; u <= b; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_NUMBER || (t->tags & (LEX_MONTH | LEX_WEEKDAY)) || tok_is(t, "yesterday") ||
            tok_is(t, "today") || tok_is(t, "ago") || tok_is(t, "last"))
            return true;
    }
    return false;
}

/* v's own words: tokens [lo, hi], its clause less a clause joined to it by ", and" or
 * ", but" (joins_clause) and, after v, another verb's relative clause or participle
 * after a noun ("accused the EU of breaking a deal struck in March 2016"); with the
 * fronted phrase [clause start, front] of the first clause when v's clause is joined to
 * it and names no date (front is SIZE_MAX otherwise). A date there dates v's event. */
typedef struct own_words {
    size_t lo, hi, front;
    size_t cs; /* v's clause start (clause_start) */
    /* read once here, not again for each word asked about: own_word_near holds for
     * own words from near_from on (the last verb of another clause between an own word
     * and v's verb group, 0 when none stands after the first own word); own_word_close,
     * after v, for words before close_to (the first verb, auxiliary, punctuation or
     * quoted word after v, or ss->n) */
    size_t near_from, close_to;
} own_words;

/* A verb, auxiliary or modal at k (k > 0) that is another clause's, not a participle
 * after a noun ("bombers linked to the group") unless an auxiliary comes before it ("is
 * now seeing"): no own word before it is near v (own_word_near). */
static bool near_blocker(const syn_sentence *ss, size_t k) {
    const tok *t = &ss->toks[k], *p = &ss->toks[k - 1];
    if (t->pos != LEX_POS_VERB && t->pos != LEX_POS_AUX && t->pos != LEX_POS_MODAL) return false;
    return !((t->tags & (LEX_PAST | LEX_GERUND)) && (p->pos == LEX_POS_NOUN || p->pos == LEX_POS_PROPER) &&
             !(k >= 2 && (ss->toks[k - 2].tags & LEX_AUX)));
}

static own_words own_words_of(const syn_sentence *ss, size_t v) {
    own_words o;
    size_t cs = clause_start(ss, v), a = v, b = v;
    while (a > cs && !joins_clause(ss, a - 1, v)) a--;
    while (b + 1 < ss->n && ss->clause[b + 1] == ss->clause[v] && !opens_another_verb(ss, b + 1)) {
        if (ss->toks[b + 1].pos == LEX_POS_CONJ) {
            size_t w = b + 2;
            while (w < ss->n && ss->clause[w] == ss->clause[v] && ss->toks[w].pos != LEX_POS_VERB) w++;
            if (w < ss->n && ss->clause[w] == ss->clause[v] && joins_clause(ss, b + 1, w)) break;
        }
        b++;
    }
    /* "In November last year, the family won a lawsuit, and the court ordered ...": a
     * phrase fronted before the first clause's comma dates a joined clause that names no
     * date of its own */
    o.front = SIZE_MAX;
    size_t fs = cs;
    while (fs < a && ss->toks[fs].cls == TOK_QUOTE) fs++;
    if (a > fs && ss->toks[fs].pos == LEX_POS_PREP && !has_date_word(ss, a, b)) {
        size_t f = fs;
        while (f < a && ss->toks[f].cls != TOK_PUNCT && ss->toks[f].pos != LEX_POS_VERB) f++;
        if (f < a && ss->toks[f].cls == TOK_PUNCT && f > fs) o.front = f - 1;
    }
    o.lo = a;
    o.hi = b;
    o.cs = cs;
    /* v's verb group: "has", "was", "will" right before it are its own */
    size_t g = v;
    while (g > 0 && ss->toks[g - 1].cls == TOK_WORD && (ss->toks[g - 1].tags & (LEX_AUX | LEX_MODAL | LEX_ADV | LEX_NEG)))
        g--;
    size_t first = o.front != SIZE_MAX ? cs : a; /* no own word before it */
    o.near_from = 0;
    for (size_t k = g; k-- > first + 1;)
        if (near_blocker(ss, k)) {
            o.near_from = k;
            break;
        }
    size_t c = v + 1;
    while (c < ss->n && ss->toks[c].pos != LEX_POS_VERB && ss->toks[c].pos != LEX_POS_AUX &&
           ss->toks[c].pos != LEX_POS_MODAL && ss->toks[c].cls != TOK_PUNCT && !ss->quoted[c])
        c++;
    o.close_to = c;
    return o;
}

/* True when token u is in v's own words, outside a parenthetical v is not in ("Israel,
 * which captured the Golan in 1967, placed ..."). */
static bool own_word(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    bool in = (u >= o->lo && u <= o->hi) || (o->front != SIZE_MAX && u >= o->cs && u <= o->front);
    return in && !(ss->paren[u] && !ss->paren[v]);
}

/* An own word of v with no other verb, auxiliary or modal between it and v after v,
 * or between the start of v's words and it before v: "On July 14, 2022, the Assembly
 * ratified", "met the envoy on July 25, 2022"; not "troops who were deployed on March 3,
 * 2019 attacked" nor "criticized the minister who signed the accord on March 3, 2019". */
static bool own_word_unshared(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    if (!own_word(ss, v, o, u) || u == v) return false;
    size_t a = u > v ? v + 1 : u >= o->lo ? o->lo : clause_start(ss, v);
    for (size_t k = a; k < u; k++) {
        const tok *t = &ss->toks[k];
        if (t->pos == LEX_POS_VERB || t->pos == LEX_POS_AUX || t->pos == LEX_POS_MODAL) return false;
    }
    return true;
}

/* True when the clause of verb v says "last year" or "N years ago" ("a year ago"). */
static bool last_year_or_ago(const syn_sentence *ss, size_t v, const own_words *o) {
    for (size_t u = 1; u < ss->n; u++) {
        if (!own_word(ss, v, o, u)) continue;
        const tok *t = &ss->toks[u];
        if (tok_is(t, "year") && tok_is(&ss->toks[u - 1], "last") && !(u > 1 && tok_is(&ss->toks[u - 2], "the")))
            return true;
        if (tok_is(t, "ago") && (tok_is(&ss->toks[u - 1], "year") || tok_is(&ss->toks[u - 1], "years")))
            return true;
    }
    return false;
}

/* True when the clause of verb v is told in the past: its first verb or auxiliary up to
 * v is a past form ("led", "was", "had", "did"), not a present or present perfect ("has
 * cracked down", "remains", "will"). */
static bool told_in_past(const syn_sentence *ss, size_t v) {
    for (size_t u = clause_start(ss, v); u <= v; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || (t->pos != LEX_POS_VERB && t->pos != LEX_POS_AUX && t->pos != LEX_POS_MODAL)) continue;
        if (ss->paren[u] && !ss->paren[v]) continue;
        return (t->tags & LEX_PAST) && !tok_is(t, "has") && !tok_is(t, "have");
    }
    return false;
}

/* True when verb v tells an obituary's past narrative: the story narrates a life
 * (discard_obituary), v is past, outside the headline, the lead and any quotation, and
 * its own words name no day of the news ("on Tuesday", "yesterday"): "He nurtured ties
 * with the CIA", "In 1995, Mubarak survived an assassination attempt". Reactions
 * ("Putin sent condolences on Tuesday", "has declared three days of mourning") stay. */
static bool obituary_past(const syn_sentence *ss, size_t v, const own_words *o) {
    if (!ss->obituary || ss->quoted[v]) return false;
    const dyad_story *s = ss->story;
    size_t lead = s->n_sentences > 0 && (s->sentences[0].flags & DYAD_SENT_HEADLINE) ? 1 : 0;
    if (ss->index <= lead || !told_in_past(ss, v)) return false;
    for (size_t u = 0; u < ss->n; u++) {
        if (!own_word(ss, v, o, u)) continue;
        const tok *t = &ss->toks[u];
        if ((t->tags & LEX_WEEKDAY) || tok_is(t, "yesterday") || tok_is(t, "today") || tok_is(t, "tonight"))
            return false;
    }
    return true;
}

/* True when verb v is the present (simple or progressive) of a subject relative
 * clause: "Hezbollah, which is fighting alongside government forces", "al-Bashir, who
 * refuses any cooperation", "the Russians who target civilians", "the armed men who are
 * controlling the city": what the antecedent is or does, told to describe it, not the
 * news of the day. "That" is left out: it opens reported words too ("said that Iran is
 * attacking"). */
static bool relative_present(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    if (t->cls != TOK_WORD || !t->lemma || (t->tags & (LEX_PAST | LEX_AUX))) return false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
           !(ss->toks[k - 1].tags & LEX_REL))
        k--;
    bool progressive = false;
    if (k > 0 && (tok_is(&ss->toks[k - 1], "is") || tok_is(&ss->toks[k - 1], "are"))) {
        progressive = true;
        k--;
        while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
               !(ss->toks[k - 1].tags & LEX_REL))
            k--;
    }
    if (progressive ? !(t->tags & LEX_GERUND) : (t->tags & LEX_GERUND) != 0) return false;
    /* "that" too, right after a noun ("the communities that support them") */
    bool that = k >= 2 && tok_is(&ss->toks[k - 1], "that");
    if (k < 2 || !(tok_is(&ss->toks[k - 1], "who") || tok_is(&ss->toks[k - 1], "which") || that) ||
        ss->mention_at[k - 1] >= 0) /* "WHO warns countries": the organisation */
        return false;
    const tok *a = &ss->toks[k - 2];
    if (that && !(a->pos == LEX_POS_NOUN || a->pos == LEX_POS_PROPER || ss->mention_at[k - 2] >= 0)) return false;
    /* a bare form is present only after a plural ("fighters who target"); after a
     * singular it is a past ("the secretary who quit last week") */
    const tok *ant = a->cls == TOK_PUNCT && k >= 3 ? &ss->toks[k - 3] : a; /* "SDF forces, who" */
    if (!progressive && !strcmp(t->lemma, t->norm) && !(ant->tags & LEX_PLURAL)) return false;
    /* an antecedent: a noun or a name, or a comma after one ("Hezbollah, which") */
    return a->pos == LEX_POS_NOUN || a->pos == LEX_POS_PROPER || ss->mention_at[k - 2] >= 0 ||
           (a->cls == TOK_PUNCT && a->norm_len == 1 && a->norm[0] == ',');
}

/* The first date of the expressions that begin in tokens [a, b] of the sentence (the
 * words before them its context) as the words of verb v (date_resolve_relative_verb),
 * its precision in *prec; 0 if none. A span asked about
 * before in the sentence is answered from ss->span_dates: a third of the asks repeat one. */
static int32_t span_date(const syn_sentence *ss, size_t v, size_t a, size_t b, int *prec) {
    uint32_t base = ss->toks[0].start, st = ss->toks[a].start, en = ss->toks[b].end, at = ss->toks[v].start;
    if (en <= st) {
        *prec = DYAD_DATE_DAY;
        return 0;
    }
    syn_span_dates *kept = ss->span_dates;
    size_t n_kept = kept ? (kept->n < SYN_SPAN_DATES ? kept->n : SYN_SPAN_DATES) : 0;
    for (size_t k = 0; k < n_kept; k++)
        if (kept->span[k].st == st && kept->span[k].en == en && kept->span[k].verb == at) {
            *prec = kept->span[k].prec;
            return kept->span[k].date;
        }
    int32_t d = date_resolve_relative_verb(ss->story->text + base, en - base, st - base, at - base, ss->story->date,
                                           prec);
    if (kept) {
        size_t k = kept->n++ % SYN_SPAN_DATES;
        kept->span[k].st = st;
        kept->span[k].en = en;
        kept->span[k].verb = at;
        kept->span[k].date = d;
        kept->span[k].prec = *prec;
    }
    return d;
}

/* The first date of the expressions in the tokens u of [a, b] for which keep(u) holds:
 * the first with a day, else the first with a month or year. */
static int32_t date_where(const syn_sentence *ss, size_t v, const own_words *o, size_t a, size_t b,
                          bool (*keep)(const syn_sentence *, size_t, const own_words *, size_t), int *prec) {
    int32_t best = 0;
    int best_prec = DYAD_DATE_DAY;
    for (size_t u = a; u <= b;) {
        if (!keep(ss, v, o, u)) {
            u++;
            continue;
        }
        size_t e = u;
        while (e < b && keep(ss, v, o, e + 1)) e++;
        int p;
        int32_t d = span_date(ss, v, u, e, &p);
        if (d && (!best || p < best_prec)) best = d, best_prec = p;
        if (best && best_prec == DYAD_DATE_DAY) break;
        u = e + 1;
    }
    *prec = best_prec;
    return best;
}

/* An act whose own words date it well before the story's date is background, told
 * to recall it, not the news of the day: a day more than BACKGROUND_DAYS before the
 * story's ("- Nepal on Feb. 16 evacuated 175 nationals" in a factbox of Feb. 25; "Then,
 * on 20 January, rebels attacked Afrin" in an April story; "two weeks ago"), or a month
 * before the story's own ("In June, Turkey arrested eight people" in an August story;
 * "said last month", even in the story's first week). Wire copy tells the acts of the last days by weekday; the week before the
 * story ("last week", "last Tuesday") stays news. A year alone is the year rule's (an
 * earlier year). Only the verb's own words count: "reiterated that services were
 * suspended in 2012" is the reiteration's news. */
#define BACKGROUND_DAYS 7

bool modality_older_than_news(int32_t d, int prec, int32_t sd) {
    int32_t edge = dyad_date_add_days(sd, -BACKGROUND_DAYS);
    if (prec == DYAD_DATE_DAY) return d < edge;
    if (prec != DYAD_DATE_MONTH) return false;
    /* a month named alone before the story's own month recalls an older act, even
     * early in the story's month ("In December, Washington announced" in a story of
     * January 3): wire copy names the days of the last week */
    if (d / 100 < sd / 100) return true;
    int32_t y = d / 10000, m = d / 100 % 100; /* the month's last day: the day before the next one's first */
    int32_t next = m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1;
    return dyad_date_add_days(next, -1) < edge;
}

/* An own word of v with no other verb or auxiliary between it and v's verb group: "The
 * region, where a deal was agreed in July, is now calm, he said" (July is the deal's); a
 * participle after a noun ("bombers linked to the group") is no verb of a clause. */
static bool own_word_near(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    return u >= o->near_from && own_word(ss, v, o, u);
}

/* A word of v's: an own word before it with no other verb between (own_word_near), or
 * one after it with no verb, auxiliary or punctuation between, even past the end of its
 * clause ("announced the formation of Isis on 8 April 2013"; not "told the Times her
 * son died three months ago": the months are the death's). */
static bool own_word_close(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    if (u < v) return own_word_near(ss, v, o, u);
    return u > v && u < o->close_to;
}

/* True when v is told in the present, present perfect or future: the nearest
 * auxiliary, modal or finite verb at or before v in its own words (an infinitive, a
 * gerund or a noun such as "made an official visit" passed over) is no past form, or is
 * "has" or "have" ("says", "is seeking", "will", "wants to reconvene talks in October",
 * "has denied involvement in March's attack"): a month there dates no past act. */
static bool told_in_present(const syn_sentence *ss, size_t v, const own_words *o) {
    for (size_t u = v + 1; u-- > o->lo;) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || (ss->paren[u] && !ss->paren[v])) continue;
        bool aux = t->pos == LEX_POS_AUX || t->pos == LEX_POS_MODAL;
        bool finite = t->pos == LEX_POS_VERB && !(t->tags & LEX_GERUND) && !(u > 0 && tok_is(&ss->toks[u - 1], "to"));
        if (!aux && !finite) continue;
        size_t h = u; /* "has vehemently denied", "has been shelled" */
        while (h > 0 && ss->toks[h - 1].cls == TOK_WORD &&
               ((ss->toks[h - 1].tags & (LEX_ADV | LEX_NEG)) || tok_is(&ss->toks[h - 1], "been")))
            h--;
        if (h > 0 && (tok_is(&ss->toks[h - 1], "has") || tok_is(&ss->toks[h - 1], "have"))) return true;
        return !(t->tags & LEX_PAST) || tok_is(t, "has") || tok_is(t, "have");
    }
    return false;
}

/* True when v's own words place it in an earlier part of the story's year, a span no
 * news of the story's days is told in: "earlier this year", "earlier in the year", "at
 * the start (beginning) of this year", "last spring" (summer, autumn, fall, winter), "the
 * previous month" or "year"; and, in a story with no date, where the week's window
 * (modality_older_than_news) cannot measure them, "last month", "a month ago", "N months
 * ago" and "N weeks ago". "In the last month" is the span up to the story's date. The
 * words are v's with no other verb between (own_word_close): "threatened a new incursion
 * in recent days, similar to the one launched in Afrin earlier this year" is news. */
/* True when month u is named alone, as the time of an act: after "in", "early", "late",
 * "mid" or "during" ("In February,", "in early March"), with no day or year after it
 * ("in May 2013" is the year rule's; "since April", "until June", "the elections of May"
 * are no act's time). Not "last November": the CAMEO codebook's own example of 035 ("A
 * Soviet official offered concessions last November ..."), which every public benchmark
 * repeats, codes it, and the three precision corpora hold one such act. */
static bool month_alone(const syn_sentence *ss, size_t u) {
    static const char *const before[] = {"in", "early", "late", "mid", "during"};
    if (!tok_lemma_in(&ss->toks[u - 1], before, sizeof before / sizeof *before)) return false;
    return !(u + 1 < ss->n && ss->toks[u + 1].cls == TOK_NUMBER);
}

/* True when the sentence names a day of the news: a weekday, "today", "tonight",
 * "yesterday" ("eased measures on Wednesday in the province, the scene of violence last
 * March, as authorities cracked down": the month is the scene's). */
static bool names_news_day(const syn_sentence *ss) {
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        /* a weekday written out: "Sun, 53," is a name */
        if (t->cls == TOK_WORD && (((t->tags & LEX_WEEKDAY) && t->norm_len > 4) || tok_is(t, "today") || tok_is(t, "tonight") ||
                                   tok_is(t, "yesterday")))
            return true;
    }
    return false;
}

bool modality_names_time(const syn_sentence *ss) {
    if (names_news_day(ss)) return true;
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_WORD && ((t->tags & LEX_MONTH) || tok_lemma_is(t, "week"))) return true;
    }
    return false;
}

/* The count written right before token u: digits ("11 months", number_value) or a number
 * word, "a" or "one" to "twelve" ("a year", "two weeks"); -1 when there is none. */
static int count_before(const syn_sentence *ss, size_t u) {
    static const char *const words[] = {"a", "one", "two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve"};
    if (u == 0) return -1;
    const tok *n = &ss->toks[u - 1];
    if (n->cls == TOK_NUMBER) return number_value(n);
    for (size_t q = 0; q < sizeof words / sizeof *words; q++)
        if (tok_is(n, words[q])) return q < 2 ? 1 : (int)q;
    return -1;
}

/* Whether "earlier this month" or "earlier in the month" ends at token u, in a story with
 * no date or whose month began more than BACKGROUND_DAYS before its date: wire copy names
 * the week's acts by weekday, so such a phrase recalls older ones. */
static bool earlier_this_month(const syn_sentence *ss, size_t u) {
    if (u < 2 || !tok_is(&ss->toks[u], "month") || (ss->story->date && ss->story->date % 100 <= BACKGROUND_DAYS))
        return false;
    const tok *p = &ss->toks[u - 1];
    return (tok_is(p, "this") && tok_is(&ss->toks[u - 2], "earlier")) ||
           (tok_is(p, "the") && tok_is(&ss->toks[u - 2], "in") && u > 2 && tok_is(&ss->toks[u - 3], "earlier"));
}

static bool earlier_in_year(const syn_sentence *ss, size_t v, const own_words *o) {
    static const char *const seasons[] = {"spring", "summer", "autumn", "fall", "winter"};
    bool undated = !ss->story->date;
    /* own_word_close's reach: v's own words before it, and after it up to the next verb,
     * auxiliary, punctuation or quotation */
    size_t lo = o->front != SIZE_MAX ? o->cs : o->lo, hi = o->close_to;
    /* a month alone dates only a finite past ("In February, Iran pledged"; not "planned to
     * visit the island in August", the plan's month, nor "will meet in August") */
    bool past = undated && (ss->toks[v].tags & LEX_PAST) && !(v > 0 && tok_is(&ss->toks[v - 1], "to")) &&
                !told_in_present(ss, v, o);
    for (size_t u = lo > 1 ? lo : 1; u < hi; u++) {
        const tok *t = &ss->toks[u], *p = &ss->toks[u - 1];
        if (past && (t->tags & LEX_MONTH) && t->cls == TOK_WORD && p->cls == TOK_WORD && month_alone(ss, u) &&
            own_word_close(ss, v, o, u) && !names_news_day(ss))
            return true;
        if (t->cls != TOK_WORD || p->cls != TOK_WORD || t->norm_len < 3 || t->norm_len > 6) continue;
        /* the cheap test before the words: year, month, ago, a season by first and last letter */
        char f = t->norm[0], l = t->norm[t->norm_len - 1];
        if (!((f == 'y' && l == 'r') || (f == 'm' && l == 'h') || (f == 'a' && (l == 'o' || l == 'n')) ||
              (f == 's' && (l == 'g' || l == 'r')) || (f == 'f' && l == 'l') || (f == 'w' && l == 'r')))
            continue;
        bool the_before = u > 1 && tok_is(&ss->toks[u - 2], "the");
        bool hit = (tok_is(t, "year") && u > 1 &&
                    ((tok_is(p, "this") && tok_is(&ss->toks[u - 2], "earlier")) ||
                     (tok_is(p, "the") && tok_is(&ss->toks[u - 2], "in") && u > 2 &&
                      tok_is(&ss->toks[u - 3], "earlier")))) ||
                   (tok_is(t, "year") && u > 2 && (tok_is(p, "this") || tok_is(p, "the")) &&
                    tok_is(&ss->toks[u - 2], "of") &&
                    (tok_is(&ss->toks[u - 3], "start") || tok_is(&ss->toks[u - 3], "beginning"))) ||
                   (tok_is(p, "last") && !the_before && tok_lemma_in(t, seasons, sizeof seasons / sizeof *seasons)) ||
                   (tok_is(p, "previous") && the_before && (tok_is(t, "month") || tok_is(t, "year"))) ||
                   earlier_this_month(ss, u) ||
                   (undated && tok_is(t, "month") && tok_is(p, "last") && !the_before) ||
                   (undated && tok_is(t, "ago") && (tok_is(p, "month") || tok_is(p, "months") || tok_is(p, "weeks")));
        if (hit && own_word_close(ss, v, o, u)) return true;
    }
    return false;
}

/* The month and day a date of tokens at i names ("Jan. 30", "30 January", "March", or,
 * with month m0 given, a bare day "12" of that month): the count of tokens read, 0 when
 * none. *day is 0 for a month alone. */
static size_t month_day_at(const syn_sentence *ss, size_t i, int m0, int *m, int *day) {
    if (i >= ss->n) return 0;
    const tok *a = &ss->toks[i], *b = i + 1 < ss->n ? &ss->toks[i + 1] : NULL;
    const tok *mt = (a->tags & LEX_MONTH) ? a : b && a->cls == TOK_NUMBER && (b->tags & LEX_MONTH) ? b : NULL;
    if (!mt) {
        if (!m0 || a->cls != TOK_NUMBER || a->norm_len > 2) return 0;
        *m = m0, *day = number_value(a);
        return *day >= 1 && *day <= 31 ? 1 : 0;
    }
    const tok *dt = mt == a ? (b && b->cls == TOK_NUMBER ? b : NULL) : a;
    size_t mn = mt->norm_len - (mt->norm_len > 0 && mt->norm[mt->norm_len - 1] == '.'); /* "Jan." */
    *m = date_month_from_name(mt->norm, mn);
    *day = dt ? number_value(dt) : 0;
    if (!*m || *day < 0 || *day > 31 || (dt && dt->norm_len > 2)) return 0;
    return dt ? 2 : 1;
}

/* True when a finite past v starts "from" a day or month well before the story's date
 * sd: "suspended flights to Beijing from Jan. 30 to March 25" in a factbox of Feb. 25
 * was done by Jan. 30, a recap as "on Jan. 30" is. The edge of a span dates nothing
 * (date.c span_edge), so the day after "from" is read here: month and day, day and
 * month, or a month alone, in the story's year and not after its date ("from March 1"
 * is ahead). A span that ended by the story's date is measured by its end: "shelled
 * Turkish troops from Feb. 9-March 29" in a story of April 1 went on into the news's
 * week; one that ends later is the term the act set ("to March 25"). */
static bool started_before_story(const syn_sentence *ss, size_t v, const own_words *o, int32_t sd) {
    if (!(ss->toks[v].tags & LEX_PAST) || (v > 0 && tok_is(&ss->toks[v - 1], "to"))) return false;
    for (size_t u = v + 1; u + 1 < o->close_to; u++) {
        if (!tok_is(&ss->toks[u], "from")) continue;
        int m, day;
        size_t k = month_day_at(ss, u + 1, 0, &m, &day);
        if (!k) continue;
        int32_t y = sd / 10000 * 10000, d = y + m * 100 + (day ? day : 1);
        if (d > sd) continue;
        int prec = day ? DYAD_DATE_DAY : DYAD_DATE_MONTH;
        size_t e = u + 1 + k; /* the span's end: "to March 25", "-March 29", "until April" */
        if (e < ss->n && (tok_is(&ss->toks[e], "to") || tok_is(&ss->toks[e], "until") ||
                          tok_is(&ss->toks[e], "through") || tok_is(&ss->toks[e], "till") ||
                          ss->toks[e].cls == TOK_DASH || (ss->toks[e].cls == TOK_PUNCT && ss->toks[e].norm[0] == '-')))
            e++;
        int m2, day2;
        if (month_day_at(ss, e, m, &m2, &day2)) {
            int32_t end = y + m2 * 100 + (day2 ? day2 : 1);
            if (end <= sd) d = end, prec = day2 ? DYAD_DATE_DAY : DYAD_DATE_MONTH;
        }
        return modality_older_than_news(d, prec, sd);
    }
    return false;
}

static bool dated_before_story(const syn_sentence *ss, size_t v, const own_words *o) {
    int32_t sd = ss->story->date;
    if (!sd || ss->n == 0 || told_in_present(ss, v, o)) return false;
    int prec;
    int32_t d = date_where(ss, v, o, 0, ss->n - 1, own_word_near, &prec);
    return (d && d < sd && modality_older_than_news(d, prec, sd)) || (!d && started_before_story(ss, v, o, sd));
}

/* The tense the sentence is told in: its first auxiliary, modal or finite verb outside
 * quotation marks and parentheticals (a gerund, an infinitive, a participle after a
 * noun with its "by", "forces backed by Turkey", and one that opens the sentence,
 * "Sentenced to death in January, ...", passed over): 1 the simple past ("seized", "was"), 3 the past perfect ("had"), 2 anything
 * else ("is", "has", "will", "says"), 0 none. */
static int sentence_tense(const syn_sentence *ss) {
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || ss->quoted[u] || ss->paren[u] || ss->mention_at[u] >= 0) continue;
        bool aux = t->pos == LEX_POS_AUX || t->pos == LEX_POS_MODAL;
        bool finite = t->pos == LEX_POS_VERB && !(t->tags & LEX_GERUND) && !(u > 0 && tok_is(&ss->toks[u - 1], "to")) &&
                      !((t->tags & LEX_PAST) && (u == 0 || (ss->toks[u - 1].pos == LEX_POS_NOUN && u + 1 < ss->n &&
                                                             tok_is(&ss->toks[u + 1], "by"))));
        if (!aux && !finite) continue;
        if (tok_is(t, "had")) return 3;
        return (t->tags & LEX_PAST) && !tok_is(t, "has") && !tok_is(t, "have") ? 1 : 2;
    }
    return 0;
}

/* The sentence's first main verb outside quotation marks and parentheticals: the first
 * finite verb, or the verb an auxiliary that comes first governs within
 * MAIN_VERB_AFTER_AUX_MAX tokens ("was threatened", "were firmly fought back"); ss->n
 * when none. */
#define MAIN_VERB_AFTER_AUX_MAX 4
static size_t first_main_verb(const syn_sentence *ss) {
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || ss->quoted[u] || ss->paren[u] || ss->mention_at[u] >= 0) continue;
        if (t->pos == LEX_POS_AUX || t->pos == LEX_POS_MODAL) {
            for (size_t k = u + 1; k < ss->n && k <= u + MAIN_VERB_AFTER_AUX_MAX; k++)
                if (ss->toks[k].pos == LEX_POS_VERB) return k;
            return ss->n;
        }
        if (t->pos == LEX_POS_VERB && !(t->tags & LEX_GERUND) && !(u > 0 && tok_is(&ss->toks[u - 1], "to")) &&
            !((t->tags & LEX_PAST) && (u == 0 || (ss->toks[u - 1].pos == LEX_POS_NOUN && u + 1 < ss->n &&
                                                   tok_is(&ss->toks[u + 1], "by")))))
            return u;
    }
    return ss->n;
}

/* True when the sentence speaks of the story's own time: a verb of saying outside
 * quotation marks ("..., the minister said": what it reports is the news of the day),
 * or a word of the present outside round brackets ("recently", "now", "today",
 * "yesterday", "this week", "this anniversary"). */
static bool sentence_says(const syn_sentence *ss) {
    static const char *const now_words[] = {"recently", "now", "currently", "today", "tonight", "yesterday"};
    static const char *const this_words[] = {"week", "weekend", "month", "year", "morning", "afternoon", "evening",
                                             "spring", "summer", "autumn", "winter", "anniversary"};
    bool bracket = false;
    for (size_t u = 0; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (!ss->quoted[u] && t->pos == LEX_POS_VERB && (t->tags & LEX_SAY)) return true;
        /* a word of the present in round brackets is an aside ("their sons were 3
         * and 5 then (9 and 11 now)"), not the sentence's time */
        if (t->cls == TOK_PUNCT && t->norm_len == 1 && (t->norm[0] == '(' || t->norm[0] == ')'))
            bracket = t->norm[0] == '(';
        if (t->cls != TOK_WORD || ss->quoted[u] || bracket) continue;
        if (t->tags & LEX_WEEKDAY) return true;
        /* the first letters of now_words before the list: most words have none of them */
        char f = (t->lemma ? t->lemma : t->norm)[0];
        if ((f == 'r' || f == 'n' || f == 'c' || f == 't' || f == 'y') &&
            tok_lemma_in(t, now_words, sizeof now_words / sizeof *now_words))
            return true;
        if (tok_is(t, "this") && u + 1 < ss->n && tok_lemma_in(&ss->toks[u + 1], this_words, sizeof this_words / sizeof *this_words))
            return true;
    }
    return false;
}

/* True when date d of precision prec is well before the story: a day or a whole month
 * more than BACKGROUND_DAYS before the story's date (modality_older_than_news); a year alone, or any date in a
 * story with no date, when its year is earlier than the story's. */
static bool well_before_story(const syn_sentence *ss, int32_t d, int prec) {
    int32_t sd = ss->story->date;
    if (!sd || prec == DYAD_DATE_YEAR) return ss->year > 0 && d / 10000 < ss->year;
    return d < sd && modality_older_than_news(d, prec, sd);
}

/* True when the sentence opens with "At the time," or "At that time,": it tells the time
 * the story named last, not a time of its own ("In May, police threatened to arrest X.
 * At the time, her lawyer told the court that she was ill"). */
static bool opens_at_that_time(const syn_sentence *ss) {
    const tok *t = ss->toks;
    return ss->n > 4 && tok_is(&t[0], "at") && (tok_is(&t[1], "the") || tok_is(&t[1], "that")) &&
           tok_is(&t[2], "time") && t[3].cls == TOK_PUNCT && t[3].norm_len == 1 && t[3].norm[0] == ',';
}

/* True when the sentence is a quotation attributed by a bare pronoun and a verb of saying
 * outside the marks, with no date of its own ("“The thing is ...,” he said."): wire copy
 * quoting on from the sentence before, whose time it keeps. */
static bool quote_said_by_pronoun(const syn_sentence *ss) {
    const dyad_sentence *sent = &ss->story->sentences[ss->index];
    if (!(sent->flags & DYAD_SENT_QUOTE) || sent->date) return false;
    for (size_t v = 1; v < ss->n; v++) {
        const tok *t = &ss->toks[v];
        if (ss->quoted[v] || t->pos != LEX_POS_VERB || !(t->tags & LEX_SAY)) continue;
        const tok *a = &ss->toks[v - 1], *b = v + 1 < ss->n ? &ss->toks[v + 1] : NULL;
        return tok_is(a, "he") || tok_is(a, "she") || (b && (tok_is(b, "he") || tok_is(b, "she")));
    }
    return false;
}

void modality_timeline_update(const syn_sentence *ss, syn_coref *cr) {
    const dyad_sentence *sent = &ss->story->sentences[ss->index];
    if (sent->flags & DYAD_SENT_HEADLINE) return;
    int tense = sentence_tense(ss);
    bool quote = (sent->flags & DYAD_SENT_QUOTE) != 0;
    /* "At the time, ..." told in the past stays in the past the time line stands in; so
     * does a quotation that quotes on, "he said" */
    if (cr->past_scene && tense == 1 && !quote && !sent->date && opens_at_that_time(ss)) return;
    if (cr->past_scene && quote_said_by_pronoun(ss)) return;
    /* a simple past with a date: the date decides, even of a saying ("From the moment
     * Baghdadi announced the formation of Isis on 8 April 2013, ...") */
    bool says = sentence_says(ss);
    if (tense == 1 && sent->date && !quote) {
        if (!says) {
            cr->past_scene = well_before_story(ss, sent->date, sent->date_precision);
            return;
        }
        /* with a saying, only a date of the saying's own ("announced ... on 8 April
         * 2013"), not one of what it reports ("told the Times her son died three months
         * ago") */
        for (size_t v = 0; v < ss->n; v++) {
            if (ss->quoted[v] || ss->toks[v].pos != LEX_POS_VERB || !(ss->toks[v].tags & LEX_SAY)) continue;
            own_words o = own_words_of(ss, v);
            int prec;
            int32_t d = date_where(ss, v, &o, 0, ss->n - 1, own_word_close, &prec);
            if (d && !told_in_present(ss, v, &o) && well_before_story(ss, d, prec)) {
                cr->past_scene = true;
                return;
            }
            break;
        }
    }
    /* a simple past with no date of its own that earlier_in_year places in an earlier
     * month of the story's year, by words before its first main verb ("In May, police
     * threatened to arrest X." in a story with no date; "Earlier this year, police
     * arrested ..."): the time line stands there as after a dated past */
    if (tense == 1 && !quote && !says && !sent->date) {
        size_t v = first_main_verb(ss), u = 0;
        /* only a time told before the verb, as the scene the sentence opens on: "was
         * suspended in March pending an inquiry" recalls a past without moving the story
         * there (the next sentence "McLean apologized to ..." is news) */
        while (u < v && u < ss->n && !(ss->toks[u].cls == TOK_WORD && ((ss->toks[u].tags & LEX_MONTH) ||
                                                                      tok_is(&ss->toks[u], "earlier") ||
                                                                      tok_is(&ss->toks[u], "last") ||
                                                                      tok_is(&ss->toks[u], "ago"))))
            u++;
        if (u < v && v < ss->n) {
            own_words o = own_words_of(ss, v);
            if (earlier_in_year(ss, v, &o)) {
                cr->past_scene = true;
                return;
            }
        }
    }
    /* a past perfect keeps the time line where it was: the history behind the news, or
     * behind the past the story tells ("The group had seized power through ...") */
    if (tense == 3 && !quote && !says) return;
    if (tense != 1 || quote || says) cr->past_scene = false;
    /* told in the simple past with no date and no saying: the time line stays */
}

/* True when verb v tells, in the past, what the antecedent of a subject relative clause
 * did, in a sentence told in the present: "the 2015 nuclear deal that was abandoned by
 * the US", "Kurdish forces, who captured the town, say ...". Its own words name no
 * date ("the deal, which was signed on Monday, is ..." is news), and v is no verb of
 * saying ("activists who commented on the conference said ..." report the news). */
static bool relative_past_in_present(const syn_sentence *ss, size_t v, const own_words *o) {
    const tok *t = &ss->toks[v];
    if (t->pos != LEX_POS_VERB || !(t->tags & LEX_PAST) || (t->tags & LEX_SAY) || ss->quoted[v]) return false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k > 0 && (tok_is(&ss->toks[k - 1], "was") || tok_is(&ss->toks[k - 1], "were"))) k--;
    if (k < 2 || !(tok_is(&ss->toks[k - 1], "who") || tok_is(&ss->toks[k - 1], "which") ||
                   tok_is(&ss->toks[k - 1], "that")))
        return false;
    const tok *a = &ss->toks[k - 2];
    if (!(a->pos == LEX_POS_NOUN || a->pos == LEX_POS_PROPER || ss->mention_at[k - 2] >= 0 ||
          (a->cls == TOK_PUNCT && a->norm_len == 1 && a->norm[0] == ',')))
        return false;
    if (a->cls == TOK_WORD && (a->tags & (LEX_WEEKDAY | LEX_MONTH))) return false;
    int prec;
    if (date_where(ss, v, o, 0, ss->n - 1, own_word, &prec)) return false;
    for (size_t u = k; u < ss->n; u++) /* "who resigned yesterday" in a story with no date */
        if (own_word(ss, v, o, u) && has_date_word(ss, u, u)) return false;
    return sentence_tense(ss) == 2;
}

/* True when verb v continues a past the story's time line stands in (past_scene): "In
 * 2014, Isis seized Mosul. It declared a caliphate weeks later." v is told in the
 * simple past (its clause and its own verb group: "..., but France has ruled out an
 * apology" is not), outside quotation marks, in a sentence told in the past that
 * names no date, no saying and no word of the present. */
static bool timeline_past(const syn_sentence *ss, size_t v, const own_words *o) {
    const dyad_sentence *sent = &ss->story->sentences[ss->index];
    /* "At the time, her lawyer told the court": a saying too is that time's; and "“...,” he
     * said" quoting on from a sentence in that past ("In 2019, he admitted ...") */
    if (ss->past_scene && !ss->quoted[v] && (ss->toks[v].tags & LEX_SAY) && (ss->toks[v].tags & LEX_PAST) &&
        quote_said_by_pronoun(ss))
        return true;
    return ss->past_scene && !sent->date && !(sent->flags & DYAD_SENT_QUOTE) && !ss->quoted[v] &&
           told_in_past(ss, v) && !told_in_present(ss, v, o) && sentence_tense(ss) == 1 &&
           (!sentence_says(ss) || opens_at_that_time(ss));
}

bool modality_wish_word(const char *w) {
    static const char *const forms[] = {"want", "wants", "wanted", "wanting", "wish", "wishes", "wished",
                                        "wishing", "hope", "hopes", "hoped", "hoping", "aim", "aims",
                                        "aimed", "aiming", "seek", "seeks", "sought", "seeking"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (!strcmp(w, forms[i])) return true;
    return false;
}

/* How many months back "N years" or "N months" (token u, the unit, before "ago")
 * reaches: "a year" 12, "four years" 48, "11 months" 11; 0 when u is no such unit. */
static int months_back(const syn_sentence *ss, size_t u) {
    const tok *t = &ss->toks[u];
    int unit = tok_is(t, "year") || tok_is(t, "years") ? 12 : tok_is(t, "month") || tok_is(t, "months") ? 1 : 0;
    int count = unit ? count_before(ss, u) : -1;
    return count > 0 ? count * unit : 0;
}

/* True when a finite past v (no saying, outside quotation marks) is the start of a state
 * a later perfect holds "since" then, the adverb closing its clause: "Algeria withdrew
 * its ambassador in response, but the two sides appear to have mended ties since", "was
 * killed in a raid by US commandos, who took Bahar to Erbil, where she has been held ever
 * since": the act lies a span back, told as the history behind the state. A day, a week
 * or hours named in the sentence ("seized the town on Monday and has held it since")
 * keep the act news. */
static bool start_of_state_since(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    if (t->pos != LEX_POS_VERB || !(t->tags & LEX_PAST) || (t->tags & LEX_SAY) || ss->quoted[v] ||
        (v > 0 && tok_is(&ss->toks[v - 1], "to")) || !told_in_past(ss, v))
        return false;
    bool perfect = false, since = false;
    for (size_t u = v + 1; u < ss->n && !since; u++) {
        const tok *w = &ss->toks[u];
        if (tok_is(w, "has") || tok_is(w, "have")) perfect = true;
        since = perfect && tok_is(w, "since") && !ss->quoted[u] && (u + 1 == ss->n || (ss->toks[u + 1].cls != TOK_WORD && ss->toks[u + 1].cls != TOK_NUMBER));
    }
    if (!since) return false;
    for (size_t u = 0; u < ss->n; u++) {
        const tok *w = &ss->toks[u];
        if ((w->tags & LEX_WEEKDAY) || tok_is(w, "today") || tok_is(w, "yesterday") || tok_lemma_is(w, "week") ||
            tok_lemma_is(w, "day") || tok_lemma_is(w, "hour"))
            return false;
    }
    return true;
}

/* True when v stands in a trailing clause opened by a span of weeks, months or years and
 * "after", its main clause before it: "has killed four Americans in Syria, just weeks
 * after Donald Trump said the group had been defeated and announced he was withdrawing",
 * "comes just weeks after the UN's human rights chief, Michelle Bachelet, travelled to
 * Xinjiang". The span puts the clause's acts that far behind the news, whatever stands
 * between "after" and v (an apposition, "and"); not "a week after" (the week stays
 * news), "in years after", a fronted "Weeks after the vote, the army seized ...", whose
 * main clause follows, nor a saying past a comma that attributes the sentence ("...,
 * five years after crowds trashed its embassy, a senior official said"). */
static bool after_span_clause(const syn_sentence *ss, size_t v) {
    static const char *const quant[] = {"a", "few", "several", "many", "some", "just", "only", "mere"};
    bool main_verb = false;
    for (size_t u = 2; u < v; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT && t->norm_len == 1 && t->norm[0] == ';') return false;
        if (t->pos == LEX_POS_VERB && !ss->quoted[u] && !(t->tags & LEX_GERUND)) main_verb = true;
        if (!tok_is(t, "after") || !main_verb) continue;
        const tok *unit = &ss->toks[u - 1], *q = &ss->toks[u - 2];
        bool plural = tok_is(unit, "weeks") || tok_is(unit, "months") || tok_is(unit, "years") || tok_is(unit, "decades");
        bool one = tok_is(unit, "month") || tok_is(unit, "year") || tok_is(unit, "decade");
        if (!plural && !one) continue;
        if (!(one ? tok_is(q, "a") : (q->cls == TOK_NUMBER || q->pos == LEX_POS_NUM || tok_lemma_in(q, quant, sizeof quant / sizeof *quant))))
            continue;
        /* "..., five years after crowds trashed its embassy, a senior official said on
         * Saturday": the saying past a comma attributes the whole sentence */
        if (ss->toks[v].tags & LEX_SAY) {
            bool attributes = false; /* past the last comma, with no relative word ("a tour that critics said") */
            for (size_t k = u + 1; k < v; k++) {
                const tok *w = &ss->toks[k];
                if (w->cls == TOK_PUNCT && w->norm_len == 1 && w->norm[0] == ',') attributes = true;
                else if (tok_is(w, "that") || tok_is(w, "which") || tok_is(w, "who")) attributes = false;
            }
            if (attributes) return false;
        }
        return !ss->quoted[v];
    }
    return false;
}

/* True when a finite past v's own words give the age its actor or object had then ("who
 * was abused by a nun at the age of 11", "joined the army at age 17"): a life's story
 * told as the background of the news, not an act of its days. A death keeps its age
 * ("died on Tuesday at the age of 95" is the news). */
static bool told_at_age(const syn_sentence *ss, size_t v, const own_words *o) {
    const tok *t = &ss->toks[v];
    if (!(t->tags & LEX_PAST) || tok_lemma_is(t, "die") || ss->quoted[v]) return false;
    for (size_t u = v + 1; u + 2 < o->close_to; u++) {
        if (!tok_is(&ss->toks[u], "at")) continue;
        const tok *a = &ss->toks[u + 1], *b = &ss->toks[u + 2];
        if (tok_is(a, "age") && b->cls == TOK_NUMBER) return true;
        if (tok_is(a, "the") && tok_is(b, "age") && u + 4 < ss->n && tok_is(&ss->toks[u + 3], "of") &&
            (ss->toks[u + 4].cls == TOK_NUMBER || ss->toks[u + 4].pos == LEX_POS_NUM))
            return true;
    }
    return false;
}

/* How many words "throughout" or "all" may stand before the noun of a life ("throughout
 * his long life"). */
#define LIFE_NOUN_GAP 3u

/* True when the sentence of a past v tells a life's time, not a day: "when he was 12, a
 * rabbi abused him", "as a child she was beaten by guards", "He called for peace
 * throughout his life", "fought apartheid all his life". The act belongs to the
 * biography the news recalls (an age: told_at_age). Quoted words count: a tribute quotes
 * the life. */
static bool told_of_a_life(const syn_sentence *ss, size_t v) {
    static const char *const young[] = {"child", "boy", "girl", "teenager", "youngster", "schoolboy", "schoolgirl"};
    static const char *const life[] = {"life", "lifetime", "career"};
    if (!(ss->toks[v].tags & LEX_PAST) || tok_lemma_is(&ss->toks[v], "die") || present_perfect(ss, v)) return false;
    for (size_t u = 0; u + 2 < ss->n; u++) {
        const tok *t = &ss->toks[u], *a = &ss->toks[u + 1], *b = &ss->toks[u + 2];
        /* "when he was 12", "when they were 10 years old" */
        if (tok_is(t, "when") && a->pos == LEX_POS_PRON && (tok_is(b, "was") || tok_is(b, "were")) && u + 3 < ss->n &&
            ss->toks[u + 3].cls == TOK_NUMBER)
            return true;
        /* "as a child", "as a teenager" */
        if (tok_is(t, "as") && (tok_is(a, "a") || tok_is(a, "an")) && tok_lemma_in(b, young, sizeof young / sizeof *young))
            return true;
        /* "throughout his life", "all her life", "throughout his long career" */
        if (tok_is(t, "throughout") || (tok_is(t, "all") && a->pos == LEX_POS_POSSPRON))
            for (size_t q = u + 1; q < ss->n && q - u <= LIFE_NOUN_GAP; q++) {
                const tok *w = &ss->toks[q];
                if (tok_lemma_in(w, life, sizeof life / sizeof *life)) return true;
                if (w->cls != TOK_WORD || !(w->pos == LEX_POS_POSSPRON || w->pos == LEX_POS_ADJ || w->pos == LEX_POS_DET))
                    break;
            }
    }
    return false;
}

/* How many words may stand between "of" and the comma in "At the outset of the
 * military operation,". */
#define OUTSET_REACH 6u

/* True when a sentence told in the past opens with the start of a war, an operation or
 * a crisis as its time ("At the outset of the military operation, Erdogan said", "At the
 * start of the war, Russia promised"), naming no day: the frame recalls that start, not
 * the news of the day ("At the start of talks on Tuesday" names one). */
static bool opens_at_outset(const syn_sentence *ss) {
    static const char *const starts[] = {"outset", "start", "beginning", "onset"};
    static const char *const spans[] = {"war", "conflict", "operation", "offensive", "campaign", "crisis",
                                        "pandemic", "invasion", "uprising", "revolution", "occupation",
                                        "siege", "outbreak", "insurgency"};
    const tok *t = ss->toks;
    if (ss->n < 6 || !tok_is(&t[0], "at") || !tok_is(&t[1], "the") || !tok_lemma_in(&t[2], starts, 4) ||
        !tok_is(&t[3], "of"))
        return false;
    bool span = false;
    size_t u = 4;
    for (; u < ss->n && u - 4 <= OUTSET_REACH && t[u].cls != TOK_PUNCT; u++) {
        if (t[u].tags & (LEX_WEEKDAY | LEX_MONTH)) return false;
        span = span || tok_lemma_in(&t[u], spans, sizeof spans / sizeof *spans);
    }
    if (!span || u >= ss->n || t[u].norm_len != 1 || t[u].norm[0] != ',') return false;
    for (; u < ss->n; u++)
        if ((t[u].tags & LEX_WEEKDAY) || tok_is(&t[u], "today") || tok_is(&t[u], "yesterday")) return false;
    int tense = sentence_tense(ss);
    return tense == 1 || tense == 3;
}

/* How far after v a span of years may open and still be v's ("ruled the country from"). */
#define SPAN_REACH 4u

/* The first year of a span of years v's own words name, "from 1861 to 1883" or
 * "between 2019 and 2021", else 0: a past told over years is history or a record, not
 * the act of a day ("In campaigns from 1861 to 1883, the army expropriated the
 * Mapuche"), whether or not the story has a date. */
static int years_span(const syn_sentence *ss, size_t v, const own_words *o) {
    for (size_t u = 0; u + 3 < ss->n; u++) {
        const tok *t = &ss->toks[u], *y0 = &ss->toks[u + 1], *j = &ss->toks[u + 2], *y1 = &ss->toks[u + 3];
        if (!((tok_is(t, "from") && tok_is(j, "to")) || (tok_is(t, "between") && tok_is(j, "and")))) continue;
        if (y0->cls != TOK_NUMBER || y0->norm_len != 4 || y1->cls != TOK_NUMBER || y1->norm_len != 4) continue;
        /* after v only close, among the words it governs ("ruled the country from 1990 to
         * 2000"), not another noun's ("agreed on the vote following a dispute over pay
         * from 2021 to 2023") */
        if (!own_word(ss, v, o, u + 1) || (u > v && (u - v > SPAN_REACH || u + 3 >= o->close_to))) continue;
        int a = number_value(y0), b = number_value(y1);
        if (a >= 1000 && a < b) return a;
    }
    return 0;
}

int modality_background_year(const syn_sentence *ss, size_t v) {
    /* "Iraqi police, who had trained in Jordan, arrested...", "In the 1990s, Argentina
     * had overhauled its constitution": a past perfect is the history behind the news,
     * unless it reports what someone said ("said it had halted flights") or is quoted */
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_NEG)))
        k--;
    bool told = ss->paren[v] || (!said_before(ss, v) && !ss->quoted[v]);
    /* "said Washington had repeatedly asked Russia": a record, even in reported words */
    if (k > 0 && tok_is(&ss->toks[k - 1], "had") && (told || repeated_record(ss, v))) return -1;
    /* "a sanctions programme that had been lifted by Obama", "had been fighting": the
     * past perfect passive and progressive are a past perfect too */
    if (k > 1 && told && tok_is(&ss->toks[k - 1], "been")) {
        size_t h = k - 1;
        while (h > 0 && ss->toks[h - 1].cls == TOK_WORD && (ss->toks[h - 1].tags & (LEX_ADV | LEX_NEG))) h--;
        if (h > 0 && tok_is(&ss->toks[h - 1], "had")) return -1;
    }
    /* "had visited Qatar and met the emir": a verb joined by "and" / "or" to a past
     * perfect shares it */
    if (k > 1 && told && (tok_is(&ss->toks[k - 1], "and") || tok_is(&ss->toks[k - 1], "or")))
        for (size_t u = k - 1; u-- > 0 && k - u <= 12;) {
            const tok *t = &ss->toks[u];
            if (t->cls != TOK_WORD && t->cls != TOK_NUMBER && t->cls != TOK_POSS) break;
            if (ss->clause[u] != ss->clause[v] || (t->tags & LEX_CONJ)) break;
            if (t->pos != LEX_POS_VERB || !(t->tags & LEX_PAST)) continue;
            size_t h = u;
            while (h > 0 && ss->toks[h - 1].cls == TOK_WORD && (ss->toks[h - 1].tags & (LEX_ADV | LEX_NEG))) h--;
            if (h > 0 && tok_is(&ss->toks[h - 1], "had")) {
                /* not when the past perfect is a clause of its own ("felt that Zikalala
                 * had overstayed and accused him": the accusation is the main verb's) */
                bool sub = false;
                for (size_t q = clause_start(ss, v); q + 1 < h; q++)
                    if (tok_is(&ss->toks[q], "that") || (ss->toks[q].tags & (LEX_SUBCONJ | LEX_REL))) sub = true;
                if (!sub) return -1;
            } else if (modality_background_year(ss, u) == -3) {
                return -3; /* "the US, which has armed the YPG and provided air cover" */
            }
            break;
        }
    /* "had agreed to pay": an infinitive governed by a past perfect */
    if (k > 2 && told && tok_is(&ss->toks[k - 1], "to") && ss->toks[k - 2].pos == LEX_POS_VERB) {
        size_t h = k - 2;
        while (h > 0 && ss->toks[h - 1].cls == TOK_WORD && (ss->toks[h - 1].tags & (LEX_ADV | LEX_NEG))) h--;
        if (h > 0 && tok_is(&ss->toks[h - 1], "had")) return -1;
    }
    /* "a designated terrorist group that has fought a decades-long insurgency", "the
     * regime, which has used chlorine", "the PKK, with whom it has fought", "mothers who
     * have been handed death sentences": a present perfect in a relative clause is the
     * antecedent's record, told to describe it, not the news */
    size_t kb = k;
    if (kb > 1 && tok_is(&ss->toks[kb - 1], "been")) kb--;
    if (kb > 1 && (tok_is(&ss->toks[kb - 1], "has") || tok_is(&ss->toks[kb - 1], "have"))) {
        size_t r = kb - 1;
        while (r > 0 && ss->toks[r - 1].cls == TOK_WORD && (ss->toks[r - 1].tags & LEX_ADV)) r--;
        /* its own subject may stand between: "which Turkey has used", "whom it has" */
        size_t s0 = r;
        while (s0 > 0 && r - s0 < 4 && ss->toks[s0 - 1].cls == TOK_WORD &&
               (ss->toks[s0 - 1].pos == LEX_POS_PRON || ss->toks[s0 - 1].pos == LEX_POS_PROPER ||
                ss->toks[s0 - 1].pos == LEX_POS_NOUN || ss->toks[s0 - 1].pos == LEX_POS_DET ||
                ss->toks[s0 - 1].pos == LEX_POS_ADJ) &&
               !tok_is(&ss->toks[s0 - 1], "that") && !tok_is(&ss->toks[s0 - 1], "which") &&
               !tok_is(&ss->toks[s0 - 1], "whom") && !tok_is(&ss->toks[s0 - 1], "who"))
            s0--;
        for (size_t rr = r;; rr = s0) {
            if (rr > 1 && (tok_is(&ss->toks[rr - 1], "who") || tok_is(&ss->toks[rr - 1], "which") ||
                           tok_is(&ss->toks[rr - 1], "whom") || tok_is(&ss->toks[rr - 1], "that")) &&
                (ss->toks[rr - 2].cls != TOK_WORD || !(ss->toks[rr - 2].tags & LEX_SAY)) &&
                /* with a subject between, "that" is relative only after a noun ("the
                 * war that Turkey has fought", not "believes that Turkey has") */
                (rr == r || !tok_is(&ss->toks[rr - 1], "that") ||
                 (ss->toks[rr - 2].pos == LEX_POS_NOUN && !(ss->toks[rr - 2].tags & (LEX_WEEKDAY | LEX_MONTH)))))
                return -3;
            if (rr == s0) break;
        }
    }
    /* "Turkey closed the border after Syrian troops attacked Idlib", "a day after Russia
     * expelled", "since Iran seized": the clause of "after", "since" or "before" tells
     * an earlier (or later) event as the frame of the news; its verb is the first after
     * the conjunction, with no punctuation between ("After the talks, Russia expelled"
     * is the main clause) */
    static const char *const aspect[] = {"begin", "start", "continue", "resume", "keep", "stop"};
    bool subject = false; /* "has since accused": an adverb, not a clause */
    for (size_t u = v; u-- > 0;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_NUMBER || t->cls == TOK_POSS) continue;
        if (t->cls != TOK_WORD) break;
        if (tok_is(t, "after") || tok_is(t, "since") || tok_is(t, "before")) {
            if (subject) return -2;
            break;
        }
        /* "After Tehran began violating the accord": a verb of beginning or going on
         * before v's gerund is v's own verb group */
        if (u + 1 == v && (ss->toks[v].tags & LEX_GERUND) && t->pos == LEX_POS_VERB && tok_lemma_in(t, aspect, sizeof aspect / sizeof *aspect))
            continue;
        if (!(t->tags & (LEX_AUX | LEX_ADV | LEX_NEG | LEX_MODAL))) subject = true;
        /* "days after Presidents Biden and Al-Sisi met": a subject of two names */
        if ((t->tags & LEX_CONJ) && u > 0 && u + 1 < v && ss->toks[u - 1].pos == LEX_POS_PROPER &&
            ss->toks[u + 1].pos == LEX_POS_PROPER)
            continue;
        if ((t->pos == LEX_POS_VERB && !(t->tags & LEX_AUX)) || (t->tags & (LEX_CONJ | LEX_SUBCONJ | LEX_REL)))
            break;
    }
    if (relative_present(ss, v)) return -7;
    if (start_of_state_since(ss, v)) return -13;
    if (after_span_clause(ss, v)) return -2;
    /* the story's year, not the sentence's: "on Sept. 11, 2001" dates its sentence 2001;
     * in a story with no date, the latest past year its text names (date_story_year) */
    int story_year = ss->year;
    /* "The US has supported the Kurds since 2014", "has fought the Turkish state for
     * decades": a state of affairs for years, not the news of the day ("has bombed Idlib
     * since Monday" is) */
    if (present_perfect(ss, v) && (held_for_years(ss, v, story_year, false, true) || long_held(ss, v) ||
                                   counted_times(ss, v) || repeated_record(ss, v)))
        return -4;
    /* "The SDF has detained a total of 900 foreign fighters", "Ankara has so far
     * stressed": a record to date, a standing count or stance, not the day's act */
    if (present_perfect(ss, v) && record_to_date(ss, v)) return -11;
    /* "Huge massacres have been committed by the Turks", "attempts to refer Syria to the
     * court have been blocked by Russia": a present perfect passive naming its agent,
     * outside the news's own places (lead, headline, bullet, quotation) and reported
     * speech, with no day named, is the record the story recalls */
    if (perfect_passive_by(ss, v) && present_outside_news(ss, v) && !said_anywhere(ss, v) &&
        !names_recent_day(ss, v))
        return -12;
    /* "Trump has claimed that Mexico would pay", "Macron has insisted that": a present
     * perfect of a verb of stance, low in the story (PERFECT_STANCE_SENTENCE on), outside
     * the news's own places, with no day named, is a position held, not the day's words */
    if (present_perfect(ss, v) && tok_lemma_in(&ss->toks[v], stance_verbs, sizeof stance_verbs / sizeof *stance_verbs) &&
        ss->index >= PERFECT_STANCE_SENTENCE && present_outside_news(ss, v) && !names_day_in_sentence(ss))
        return -14;
    /* "Over the past two decades, China moved into the region", "in recent years Japan
     * expanded its ties": a past told over a span of years is history too (not "since"
     * or "for", which a past act may name: "met for the first time since 2014") */
    if ((ss->toks[v].tags & LEX_PAST) && held_for_years(ss, v, story_year, true, false)) return -4;
    own_words ow = own_words_of(ss, v);
    const own_words *o = &ow;
    if (obituary_past(ss, v, o) || told_at_age(ss, v, o) || told_of_a_life(ss, v)) return -6;
    if (opens_at_outset(ss)) return -8;
    if (ss->toks[v].tags & LEX_PAST) {
        int span = years_span(ss, v, o);
        if (span) return span;
    }
    if (timeline_past(ss, v, o)) return -9;
    if (relative_past_in_present(ss, v, o)) return -10;
    if (dated_before_story(ss, v, o) || earlier_in_year(ss, v, o)) return -8;
    if (story_year <= 0) return last_year_or_ago(ss, v, o) ? -5 : 0;
    /* "The dispute began in 1879, when Chile invaded": a when-clause right after an
     * earlier year is that year's */
    size_t cs = clause_start(ss, v);
    if (cs < ss->n && tok_is(&ss->toks[cs], "when")) {
        size_t y = cs;
        if (y > 0 && ss->toks[y - 1].cls == TOK_PUNCT) y--;
        if (y > 0 && ss->toks[y - 1].cls == TOK_NUMBER && ss->toks[y - 1].norm_len == 4) {
            int year = number_value(&ss->toks[y - 1]);
            if (year >= 1000 && year < story_year) return year;
        }
        /* "a situation like the 1995-96 Taiwan Strait crisis, when the PLA fired missiles":
         * a year inside the noun phrase the when-clause follows (a few names and nouns,
         * no verb between) names that time too */
        for (size_t q = y; q-- > 0 && y - q <= 5;) {
            const tok *w = &ss->toks[q];
            if (w->cls == TOK_NUMBER && w->norm_len == 4) {
                int year = number_value(w);
                if (year >= 1000 && year < story_year && q > 0 && tok_is(&ss->toks[q - 1], "the")) return year;
                continue;
            }
            if (w->cls != TOK_NUMBER && !(w->cls == TOK_WORD && (w->pos == LEX_POS_PROPER || w->pos == LEX_POS_NOUN ||
                                                                 w->pos == LEX_POS_ADJ)))
                break;
        }
        /* "a year ago, when Trump ordered a missile strike", "11 months ago, when the
         * military invaded": the when-clause is the time the phrase names */
        int back = y > 1 && tok_is(&ss->toks[y - 1], "ago") ? months_back(ss, y - 2) : 0;
        if (back >= 12) return story_year - back / 12;
        if (back >= 2) return -8;
        /* "was triggered two weeks ago when X said": more than the week's window back */
        if (y > 2 && tok_is(&ss->toks[y - 1], "ago") && tok_is(&ss->toks[y - 2], "weeks")) {
            const tok *n = &ss->toks[y - 3];
            if (count_before(ss, y - 2) >= 2 || tok_is(n, "several") || tok_is(n, "few")) return -8;
        }
        /* "was reopened earlier this month when X said": as earlier_in_year reads
         * "earlier this month" */
        if (y > 2 && earlier_this_month(ss, y - 1)) return -8;
    }
    for (size_t u = 1; u < ss->n; u++) {
        /* "last year", "two years ago", "a year ago": a year before the story's */
        if (!own_word(ss, v, o, u)) continue;
        const tok *t = &ss->toks[u];
        if (tok_is(t, "year") && tok_is(&ss->toks[u - 1], "last") && !(u > 1 && tok_is(&ss->toks[u - 2], "the")))
            return story_year - 1;
        if (tok_is(t, "ago") && (tok_is(&ss->toks[u - 1], "year") || tok_is(&ss->toks[u - 1], "years"))) {
            int count = count_before(ss, u - 1), back = count >= 0 ? count : 1; /* "a year ago" */
            if (back >= 1 && back < 200) return story_year - back;
        }
    }
    for (size_t u = 0; u + 1 < ss->n; u++) {
        /* "in the 1990s", "during the 1980s": a decade over before the story's year */
        int dec = decade_of(&ss->toks[u + 1]);
        if (dec >= 1900 && dec + 9 < story_year && own_word(ss, v, o, u + 1) && tok_is(&ss->toks[u], "the"))
            return dec;
        /* "in 2016", and a full date: "on Sept. 11, 2001", "in May 2013"; not "since
         * April 2018", an ongoing situation as "since 2018" is */
        const tok *pre = &ss->toks[u];
        /* "in late 2016", "in mid-2016", "in the summer of 2016", "at the end of 2016";
         * not after "since" ("since late 2011" is ongoing, as "since 2011" is) */
        const tok *pp = u > 0 ? &ss->toks[u - 1] : NULL;
        bool part = tok_is(pre, "late") || tok_is(pre, "early") || tok_is(pre, "mid") ||
                    (pre->cls == TOK_PUNCT && pp && tok_is(pp, "mid")) ||
                    (tok_is(pre, "of") && pp &&
                     (tok_is(pp, "spring") || tok_is(pp, "summer") || tok_is(pp, "autumn") || tok_is(pp, "fall") ||
                      tok_is(pp, "winter") || tok_is(pp, "end") || tok_is(pp, "beginning") || tok_is(pp, "start") ||
                      tok_is(pp, "middle") || tok_is(pp, "half")));
        for (size_t q = u; part && q-- > 0 && u - q <= 4;)
            if (tok_is(&ss->toks[q], "since")) part = false;
        bool dated = tok_is(pre, "in") || part ||
                     ((pre->tags & LEX_MONTH) && !(u > 0 && tok_is(&ss->toks[u - 1], "since"))) ||
                     (pre->cls == TOK_PUNCT && u > 0 && ss->toks[u - 1].cls == TOK_NUMBER && u > 1 &&
                      (ss->toks[u - 2].tags & LEX_MONTH));
        if (!dated || !own_word(ss, v, o, u + 1)) continue;
        const tok *y = &ss->toks[u + 1];
        if (y->cls != TOK_NUMBER || y->norm_len != 4) continue;
        int year = number_value(y);
        /* ss->date is the sentence's: "in 2016" itself dates it 2016-01-01 */
        if (year >= 1900 && (year < story_year || ss->date == year * 10000 + 101)) return year;
    }
    return 0;
}

/* Outside v's clause (a clause before it: "On Monday, Russia said that troops attacked")
 * and not in a parenthetical v is not in. */
static bool other_clause(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    (void)o;
    return ss->clause[u] != ss->clause[v] && !(ss->paren[u] && !ss->paren[v]);
}

/* True when v is a verb of saying told as a finite verb, outside quotation marks ("said",
 * "announced"; not "by saying"). */
static bool saying_finite(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    return t->pos == LEX_POS_VERB && (t->tags & LEX_SAY) && !(t->tags & LEX_GERUND) && !ss->quoted[v];
}

/* A word of a saying v: one after it with no verb or punctuation between (own_word_close:
 * "said last month"), or an own word before it with no finite verb or auxiliary between
 * ("In August, the Pentagon announced"; "In formally designating them last year, the
 * department said": a gerund is no clause's verb; not "..., where troops were deployed
 * in April, is now calm, he said"). */
static bool own_word_saying(const syn_sentence *ss, size_t v, const own_words *o, size_t u) {
    if (u > v) return own_word_close(ss, v, o, u);
    if (u == v || !own_word(ss, v, o, u)) return false;
    for (size_t k = u + 1; k < v; k++) {
        const tok *t = &ss->toks[k];
        if (t->pos == LEX_POS_AUX || t->pos == LEX_POS_MODAL) return false;
        if (t->pos != LEX_POS_VERB || (t->tags & LEX_GERUND)) continue;
        const tok *p = &ss->toks[k - 1]; /* a participle after a noun or as a modifier ("the two captured men") */
        if ((t->tags & LEX_PAST) && (p->pos == LEX_POS_NOUN || p->pos == LEX_POS_PROPER || p->pos == LEX_POS_DET ||
                                     p->pos == LEX_POS_ADJ || p->pos == LEX_POS_NUM || p->cls == TOK_NUMBER))
            continue;
        return false;
    }
    return true;
}

int modality_saying_year(const syn_sentence *ss, size_t v) {
    if (!saying_finite(ss, v)) return 0;
    own_words o = own_words_of(ss, v);
    for (size_t u = 0; u + 1 < ss->n; u++) {
        const tok *y = &ss->toks[u + 1];
        if (y->cls != TOK_NUMBER || y->norm_len != 4 || !(tok_is(&ss->toks[u], "in") || tok_is(&ss->toks[u], "during")))
            continue;
        if (!own_word_saying(ss, v, &o, u) || !own_word_saying(ss, v, &o, u + 1)) continue;
        int year = number_value(y);
        if (year >= 1900) return year;
    }
    return 0;
}

int32_t modality_report_date(const syn_sentence *ss) {
    int32_t sd = ss->story->date;
    for (size_t v = 0; v < ss->n; v++) {
        if (!saying_finite(ss, v)) continue;
        own_words o = own_words_of(ss, v);
        int prec;
        int32_t d = date_where(ss, v, &o, 0, ss->n - 1, own_word_saying, &prec);
        return d && prec == DYAD_DATE_DAY && d <= sd ? d : sd;
    }
    return sd;
}

int32_t modality_event_date(const syn_sentence *ss, size_t v, int *prec, int *saying) {
    const dyad_sentence *sent = &ss->story->sentences[ss->index];
    *prec = DYAD_DATE_DAY;
    *saying = MODALITY_NOT_SAYING;
    if (ss->n == 0) return ss->story->date;
    if (!sent->date) { /* no date words in the sentence */
        if (saying_finite(ss, v)) *saying = MODALITY_SAYING_UNDATED;
        return ss->story->date;
    }
    own_words o = own_words_of(ss, v);
    int32_t d;
    /* a saying is dated by a date of its own ("said last month", "said on Tuesday", "told
     * Reuters in December", "In August, the Pentagon announced", "In designating them
     * last year, the department said"), else it is the story's news, not dated by what
     * another clause tells: "The region, where troops were deployed in April, is now
     * calm, the minister said". A gerund ("by saying") takes its time from its clause. */
    if (saying_finite(ss, v)) {
        d = date_where(ss, v, &o, 0, ss->n - 1, own_word_saying, prec);
        *saying = d ? MODALITY_SAYING_DATED : MODALITY_SAYING_UNDATED;
        if (d) return d;
        *prec = DYAD_DATE_DAY;
        return ss->story->date;
    }
    /* in a story with no date only a full date of v's own words that no other verb
     * governs dates it: another clause's ("the anniversary of the death of a king, who
     * was assassinated on July 20, 1951", "troops who were deployed on March 3, 2019
     * attacked") tells nothing of v's day, which no story date can place */
    if (!ss->story->date) return date_where(ss, v, &o, 0, ss->n - 1, own_word_unshared, prec);
    d = date_where(ss, v, &o, 0, ss->n - 1, own_word, prec);
    if (d) return d;
    /* a day elsewhere in the sentence: "On Monday, Russia said that troops attacked",
     * "..., the army said on Tuesday" */
    if (sent->date_precision == DYAD_DATE_DAY) {
        *prec = DYAD_DATE_DAY;
        return sent->date;
    }
    /* a month or year of another clause, not one of v's clause outside its own words
     * ("accused the EU of breaking a deal struck in March 2016" is dated by the story) */
    d = date_where(ss, v, &o, 0, ss->n - 1, other_clause, prec);
    if (d) return d;
    *prec = DYAD_DATE_DAY;
    return ss->story->date;
}

/* The CAMEO code that asks for, promises or demands what `code` does. CAMEO mirrors its
 * material codes in three verbal families: express intent (03x), appeal (02x) and demand
 * (10x): economic/military/judicial/intelligence cooperation 061-064 -> 0311-0314,
 * 0211-0214, 1011-1014; aid 071-074 -> 0331-0334, 0231-0234, 1031-1034; yielding 081,
 * 082, 084, 085, 086, 087 -> 0351-0356, 0251-0256, 1051-1056; political reform 083 ->
 * 034, 024, 104 (its kinds 0831-0834 -> 0341-0344, 0241-0244, 1041-1044); mediation 045
 * -> 039, 028, 108; other meeting 04x -> 036, 026, 106; an agreement 057 asked
 * for -> 027, 107 (settling a dispute: "urged both sides to reach an agreement"), promised
 * -> 032 as other diplomatic cooperation 05x -> 032, 022, 102. family is 3, 2 or 10. Returns NULL when CAMEO has no such code. */
const char *modality_mirror_code(const char *code, int family) {
    static const struct { const char *from, *intent, *appeal, *demand; } tab[] = {
        {"061", "0311", "0211", "1011"}, {"062", "0312", "0212", "1012"},
        {"063", "0313", "0213", "1013"}, {"064", "0314", "0214", "1014"},
        {"06", "031", "021", "101"},
        {"071", "0331", "0231", "1031"}, {"072", "0332", "0232", "1032"},
        {"073", "0333", "0233", "1033"}, {"074", "0334", "0234", "1034"},
        {"07", "033", "023", "103"},
        {"081", "0351", "0251", "1051"}, {"082", "0352", "0252", "1052"},
        {"0831", "0341", "0241", "1041"}, {"0832", "0342", "0242", "1042"},
        {"0833", "0343", "0243", "1043"}, {"0834", "0344", "0244", "1044"},
        {"083", "034", "024", "104"},    {"084", "0353", "0253", "1053"},
        {"085", "0354", "0254", "1054"}, {"086", "0355", "0255", "1055"},
        {"087", "0356", "0256", "1056"}, {"08", "035", "025", "105"},
        {"045", "039", "028", "108"},    {"04", "036", "026", "106"},
        {"057", "032", "027", "107"},
        {"05", "032", "022", "102"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strncmp(code, tab[i].from, strlen(tab[i].from)))
            return family == 3 ? tab[i].intent : family == 2 ? tab[i].appeal : tab[i].demand;
    return NULL;
}

/* CAMEO's threat (13x) of a conflictual act (roots 14-20), by what is threatened: protest
 * 14x -> 133; cutting relations 161 -> 1313, aid 162 -> 1311, sanctions 163 -> 1312,
 * talks 164 -> 134, mediation 165 -> 135, international involvement 166 -> 136, other
 * 16x -> 131; administrative sanctions 172x -> 132x, other repression 17x -> 137;
 * unconventional violence 18x -> 1383; blockade 191 -> 1381, occupation 192 -> 1382,
 * other force 19x -> 1384; weapons of mass destruction 204 -> 1385, other mass
 * violence 20x -> 138; a show of force 15x -> 130. NULL below root 14. */
static const char *threat_code(const char *code) {
    static const struct { const char *from, *to; } tab[] = {
        {"14", "133"},   {"15", "130"},   {"161", "1313"}, {"162", "1311"}, {"163", "1312"},
        {"164", "134"},  {"165", "135"},  {"166", "136"},  {"16", "131"},   {"1721", "1321"},
        {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"}, {"172", "132"}, {"17", "137"},
        {"18", "1383"},  {"191", "1381"}, {"192", "1382"}, {"19", "1384"},  {"204", "1385"},
        {"20", "138"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strncmp(code, tab[i].from, strlen(tab[i].from))) return tab[i].to;
    return NULL;
}

/* CAMEO's intent and threat codes for an event stated as future or threatened. */
/* CAMEO's refusal (12x) of a cooperative act: material cooperation 06x -> 121x, aid 07x
 * -> 122x, yielding 08x -> 124x (political reform 083 -> 123, its kinds 0831-0834 ->
 * 1231-1234); with an explicit refusal ("refused to") also mediation 045 -> 126, other
 * meetings 04x -> 125 and agreements 057 -> 127, other 03x/05x -> 120.
 * NULL when the act has no refusal (a negated statement or attack is no event). */
static const char *refusal_code(const char *code, bool explicit_refusal) {
    static const struct { const char *from, *to; } tab[] = {
        {"061", "1211"}, {"062", "1212"}, {"063", "1213"}, {"064", "1214"}, {"06", "121"},
        {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"}, {"07", "122"},
        {"081", "1241"}, {"082", "1242"}, {"0831", "1231"}, {"0832", "1232"}, {"0833", "1233"},
        {"0834", "1234"}, {"083", "123"},  {"084", "1243"}, {"085", "1244"},
        {"086", "1245"}, {"087", "1246"}, {"08", "124"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strncmp(code, tab[i].from, strlen(tab[i].from))) return tab[i].to;
    if (!explicit_refusal) return NULL;
    if (!strncmp(code, "045", 3)) return "126";
    if (!strncmp(code, "04", 2)) return "125";
    if (!strncmp(code, "057", 3)) return "127";
    if (!strncmp(code, "03", 2) || !strncmp(code, "05", 2)) return "120";
    return NULL;
}

bool modality_code(const char *code, enum modality m, char out[8]) {
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *r = NULL;
    if (m == MOD_HYPOTHETICAL) return false;
    if (m == MOD_CONDITIONAL) { /* a threat of a conflictual act; nothing for the others */
        r = root >= 14 ? threat_code(code) : NULL;
        if (!r) return false;
        snprintf(out, 8, "%s", r);
        return true;
    }
    if (m == MOD_NEGATED || m == MOD_REFUSED) {
        r = refusal_code(code, m == MOD_REFUSED);
        if (!r) return false;
    } else if (m == MOD_THREAT) {
        r = threat_code(code);
        if (!r) r = "130"; /* "threatened to secede", "to veto": a threat, not the act */
    } else if (m == MOD_INTENT) {
        r = modality_mirror_code(code, 3);
        if (!r && root >= 14) r = threat_code(code); /* "will attack": a threat (CAMEO 130) */
    }
    str_set(out, 8, r ? r : code);
    return true;
}

