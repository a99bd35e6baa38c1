/* match.c: verb candidates and verb-pattern matching: the phrases a pattern may skip,
 * and the walk of a pattern's elements from its verb. */
#include "coder_int.h"

#include <string.h>

/* The prepositions that may close a pattern before its target. */
static const char *const prep_words[MATCH_N_PREPS] = {"with", "to", "on", "against", "for", "from", "at",
                                                       "in", "into", "toward", "towards", "over", "about",
                                                       "between", "among", "upon"};

void match_ctx_init(match_ctx *mc, const dyad_dict *d) {
    mc->dict = d;
    for (size_t i = 0; i < MATCH_N_PREPS; i++) mc->prep_ids[i] = dict_word_id(d, prep_words[i], strlen(prep_words[i]));
}

/* ---------------------------------------------------------------------------
 * Gaps: what may stand between the elements of a pattern.
 * ------------------------------------------------------------------------- */

/* A temporal phrase starting at i ("on Tuesday", "last week", "in June", "on Sept. 3",
 * "in 2018"): returns its length in tokens, 0 if none. */
/* The words that open a temporal phrase ("on", "in", "during", "last", "this", "next",
 * "earlier", "late", "early"), by length first: the phrase is asked about at every token
 * of every sentence, and most words have none of these lengths and letters. */
static bool temporal_opener(const tok *t) {
    switch (t->norm_len) {
    case 2: return tok_is(t, "on") || tok_is(t, "in");
    case 4: return tok_is(t, "last") || tok_is(t, "this") || tok_is(t, "next") || tok_is(t, "late");
    case 5: return tok_is(t, "early");
    case 6: return tok_is(t, "during");
    case 7: return tok_is(t, "earlier");
    default: return false;
    }
}

/* The words of a time ("week", "month", "year", "weekend", "morning", "afternoon",
 * "evening", "night", "today", "yesterday", "tomorrow"), by length first. */
static bool temporal_word(const tok *t) {
    switch (t->norm_len) {
    case 4: return tok_is(t, "week") || tok_is(t, "year");
    case 5: return tok_is(t, "month") || tok_is(t, "night") || tok_is(t, "today");
    case 7: return tok_is(t, "weekend") || tok_is(t, "morning") || tok_is(t, "evening");
    case 8: return tok_is(t, "tomorrow");
    case 9: return tok_is(t, "afternoon") || tok_is(t, "yesterday");
    default: return false;
    }
}

size_t match_temporal_len(const syn_sentence *ss, size_t i) {
    const tok *t = ss->toks;
    size_t n = ss->n;
    if (i >= n || t[i].cls != TOK_WORD) return 0;
    size_t j = i;
    if (temporal_opener(&t[j])) j++;
    if (j < n && tok_is(&t[j], "the")) j++;
    size_t k = j;
    while (k < n && ((t[k].tags & (LEX_WEEKDAY | LEX_MONTH)) || t[k].cls == TOK_NUMBER || temporal_word(&t[k])))
        k++;
    if (k == j) return 0;
    return k - i;
}

size_t match_past_adverbials(const syn_sentence *ss, size_t i) {
    while (i < ss->n) {
        size_t tl = ss->toks[i].cls == TOK_WORD && ss->toks[i].pos == LEX_POS_ADV ? 1 : match_temporal_len(ss, i);
        if (!tl) break;
        i += tl;
    }
    return i;
}

/* The sign before a sum ("$500 million"). */
static bool dollar_sign(const tok *t) {
    return t->cls != TOK_WORD && t->norm_len == 1 && t->norm[0] == '$';
}

/* A quantity phrase starting at i that may stand before a pattern's noun ("$500 million
 * in aid", "700 kg of medicine", "a series of agreements", "thousands of troops", "part
 * of its aid"), or a duration or count ("10 days of war games", "three rounds of talks"):
 * its length, 0 if none. */
static size_t quantity_len(const syn_sentence *ss, size_t i) {
    static const char *const quant[] = {"series", "number", "package", "raft", "set", "range",
                                        "host", "pair", "couple", "wave", "batch", "dozens",
                                        "hundreds", "thousands", "millions", "tons", "tonnes",
                                        "shipment", "consignment", "round", "string", "part", "portion",
                                        "half", "most", "bulk", "much"};
    static const char *const units[] = {"million", "billion", "trillion", "thousand", "dollars",
                                        "euros", "yuan", "pounds", "rubles", "yen", "worth",
                                        "kg", "kilograms", "kilos", "tons", "tonnes", "metric",
                                        "litres", "liters", "barrels", "doses", "hours", "days",
                                        "weeks", "months", "rounds"};
    const tok *t = ss->toks;
    size_t n = ss->n, j = i;
    /* "more than 1,000 refugees", "at least 50", "up to 200", "more than $3 billion": the
     * bound before a number or a sum */
    bool number_next = i + 2 < n && (t[i + 2].cls == TOK_NUMBER ||
                                     (dollar_sign(&t[i + 2]) && i + 3 < n && t[i + 3].cls == TOK_NUMBER));
    if (number_next &&
        (((tok_is(&t[i], "more") || tok_is(&t[i], "fewer") || tok_is(&t[i], "less")) && tok_is(&t[i + 1], "than")) ||
         (tok_is(&t[i], "at") && (tok_is(&t[i + 1], "least") || tok_is(&t[i + 1], "most"))) ||
         (tok_is(&t[i], "up") && tok_is(&t[i + 1], "to"))))
        return 2;
    if (j < n && dollar_sign(&t[j])) j++;
    if (j < n && (t[j].cls == TOK_NUMBER || (t[j].cls == TOK_WORD && t[j].pos == LEX_POS_NUM))) {
        j++;
        while (j < n && t[j].cls == TOK_WORD) {
            bool u = false;
            for (size_t k = 0; k < sizeof units / sizeof units[0] && !u; k++) u = tok_is(&t[j], units[k]);
            if (!u) break;
            j++;
        }
        if (j > i + 1 && j < n && (tok_is(&t[j], "in") || tok_is(&t[j], "of"))) j++;
        /* a number word with no unit may head a quantity itself ("thousands of") */
        if (j - i > 1 || t[i].cls == TOK_NUMBER) return j - i > 1 ? j - i : 0;
    }
    j = i;
    if (j < n && (tok_is(&t[j], "a") || tok_is(&t[j], "an") || tok_is(&t[j], "the"))) j++;
    if (j + 1 < n && tok_is(&t[j + 1], "of"))
        for (size_t k = 0; k < sizeof quant / sizeof quant[0]; k++)
            if (tok_is(&t[j], quant[k])) return j + 2 - i;
    return 0;
}

/* A place phrase at i ("in Caracas", "near the border town of Kobani" no; "at the
 * Kremlin"): a preposition of place, an optional determiner and a place mention. Its
 * length, 0 if none. */
static size_t locative_len(const syn_sentence *ss, size_t i) {
    const tok *t = ss->toks;
    if (i + 1 >= ss->n || !(tok_is(&t[i], "in") || tok_is(&t[i], "at") || tok_is(&t[i], "near") ||
                            tok_is(&t[i], "outside") || tok_is(&t[i], "inside")))
        return 0;
    size_t j = i + 1;
    if (tok_is(&t[j], "the")) j++;
    if (j >= ss->n || ss->mention_at[j] < 0) return 0;
    const syn_mention *m = &ss->m[ss->mention_at[j]];
    if (m->first != j || (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) || m->agent)
        return 0;
    if (!(m->flags & SYN_M_PLACE) && strlen(m->code) > 6) return 0;
    return m->last - i;
}

/* A place named after a word for a place, ahead of the side it was taken from ("captured
 * the town of Marib from government troops", "the district of X from the Taliban"): the
 * "of" and the place, passed over like a modifier, so that the object of "from" is the
 * target; not where "from" opens another place ("shelled the city of X from Gaza"). Its
 * length from the "of" at i, 0 if none. */
static size_t place_of_at(const syn_sentence *ss, size_t i);

/* The "of" first, without a call: place_of_len is asked at every token. */
static inline size_t place_of_len(const syn_sentence *ss, size_t i) {
    if (i == 0 || i + 3 >= ss->n || !tok_is(&ss->toks[i], "of")) return 0;
    return place_of_at(ss, i);
}

/* place_of_len at an "of" (i > 0, i + 3 < ss->n). */
static size_t place_of_at(const syn_sentence *ss, size_t i) {
    static const char *const place_nouns[] = {"town", "city", "village", "district", "province",
                                              "region", "county", "governorate"};
    const tok *t = ss->toks;
    bool noun = false;
    for (size_t k = 0; k < sizeof place_nouns / sizeof *place_nouns && !noun; k++)
        noun = tok_is(&t[i - 1], place_nouns[k]);
    if (!noun || ss->mention_at[i + 1] < 0) return 0;
    const syn_mention *m = &ss->m[ss->mention_at[i + 1]];
    if (m->first != i + 1 || !(m->flags & SYN_M_PLACE) || m->agent ||
        (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)))
        return 0;
    size_t f = m->last;
    if (f + 1 >= ss->n || !tok_is(&t[f], "from")) return 0;
    size_t o = f + 1;
    if (tok_is(&t[o], "the") && o + 1 < ss->n) o++;
    if (ss->mention_at[o] < 0) return 0;
    const syn_mention *from = &ss->m[ss->mention_at[o]];
    if (from->first != o || ((from->flags & SYN_M_PLACE) && !from->agent)) return 0;
    return f - i;
}

static bool skippable(const syn_sentence *ss, size_t i) {
    const tok *t = &ss->toks[i];
    /* a possessive pronoun stands between a verb and its noun ("withdrew its troops") */
    if (ss->mention_at[i] >= 0) return t->pos == LEX_POS_POSSPRON;
    if (t->cls == TOK_NUMBER || t->cls == TOK_POSS) return true;
    /* a quotation mark: "called the bishops \"terrorists\"", "dubbed it a \"farce\"" */
    if (t->cls == TOK_QUOTE) return true;
    if (t->cls != TOK_WORD) return false;
    switch (t->pos) {
    case LEX_POS_PREP: case LEX_POS_CONJ: case LEX_POS_SUBCONJ: case LEX_POS_REL:
    case LEX_POS_AUX: case LEX_POS_MODAL: case LEX_POS_PRON: case LEX_POS_NEG: case LEX_POS_TO:
        return false;
    case LEX_POS_VERB:
        return !(t->tags & LEX_SAY);
    case LEX_POS_NONE:
        return !(t->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL | LEX_AUX | LEX_MODAL |
                            LEX_PRON | LEX_NEG));
    default:
        return true;
    }
}

/* Advances from pos over at most MATCH_MAX_GAP modifier tokens and temporal phrases,
 * stopping where pred(j) holds. Returns the index or SIZE_MAX. */
static size_t seek(const syn_sentence *ss, size_t pos, const dict_elem *el, const dyad_dict *d,
                   bool want_mention) {
    size_t gap = 0;
    for (size_t j = pos; j < ss->n;) {
        if (want_mention) {
            /* "criticized its European Union partners": a possessive pronoun before an
             * actor of another country is that actor's determiner; the actor fills the
             * slot ("put its troops on alert" keeps "its": the owner's own forces); so
             * do the owner's own private people ("warned its citizens") */
            int32_t mi = ss->mention_at[j];
            if (mi >= 0 && ss->m[mi].first == j && (ss->m[mi].flags & SYN_M_PRONOUN) &&
                ss->toks[j].pos == LEX_POS_POSSPRON && j + 1 < ss->n && ss->mention_at[j + 1] >= 0 &&
                ss->m[ss->mention_at[j + 1]].first == j + 1) {
                const syn_mention *nx = &ss->m[ss->mention_at[j + 1]];
                if (strncmp(ss->m[mi].code, nx->code, 3) ||
                    ((nx->flags & SYN_M_AGENT_ONLY) && roles_private_people(nx->code)))
                    return j + 1;
            }
            if (mi >= 0 && ss->m[mi].first == j) return j;
        } else if (ss->toks[j].cls == TOK_WORD &&
                   (ss->mention_at[j] < 0 || (ss->m[ss->mention_at[j]].flags & SYN_M_AGENT_ONLY))) {
            /* a literal never matches inside a named actor, but may name an unnamed
             * group ("drone" in "drone strike", "police" in "clash with police"); a
             * preposition that opens a date is no object's ("agreed on Wednesday" is no
             * "agree on"), nor the "of" of a place taken from a side ("captured the town
             * of Marib from government troops" is no "capture &territory of +") */
            for (uint16_t k = 0; k < el->n_alts; k++)
                if (ss->toks[j].word && ss->toks[j].word == el->alts[k] &&
                    !(ss->toks[j].pos == LEX_POS_PREP && (match_temporal_len(ss, j) || place_of_len(ss, j))))
                    return j;
        }
        size_t tl = ss->skip_len[j];
        if (tl) {
            j += tl;
            continue;
        }
        if (!skippable(ss, j) || ++gap > MATCH_MAX_GAP) return SIZE_MAX;
        j++;
    }
    (void)d;
    return SIZE_MAX;
}

static bool word_before(const syn_sentence *ss, size_t from, size_t to, const dict_elem *el) {
    for (size_t j = from; j < to; j++)
        for (uint16_t k = 0; k < el->n_alts; k++)
            if (ss->toks[j].word && ss->toks[j].word == el->alts[k]) return true;
    return false;
}

/* The most tokens a passive relative clause's antecedent may span before its pronoun. */
#define MATCH_ANTECEDENT_SPAN 12u

/* Where the words a passive verb's subject may hold begin: the start of its clause, or,
 * when that clause is a relative one ("..., which was released by") whose pronoun follows
 * only punctuation, the start of the noun phrase its pronoun stands for, back over a
 * quoted gloss and commas ("a collection of digital stamps, "the Series", which was
 * released by"): quotation marks open clauses, and would otherwise leave the antecedent
 * out. */
static size_t passive_words_start(const syn_sentence *ss, size_t cs, size_t v) {
    size_t k = cs;
    while (k < v && (ss->toks[k].cls == TOK_PUNCT || ss->toks[k].cls == TOK_QUOTE)) k++;
    if (k == cs || k >= v || ss->toks[k].pos != LEX_POS_REL) return cs;
    size_t j = cs;
    for (size_t n = 0; j > 0 && n < MATCH_ANTECEDENT_SPAN; n++) {
        const tok *t = &ss->toks[j - 1];
        bool np = t->cls == TOK_PUNCT || t->cls == TOK_QUOTE || t->cls == TOK_POSS || t->cls == TOK_NUMBER ||
                  (t->cls == TOK_WORD && (t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER ||
                                          t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NUM || t->pos == LEX_POS_ADV ||
                                          t->pos == LEX_POS_DET || tok_is(t, "of")));
        if (!np) break;
        j--;
    }
    return j;
}

static inline bool word_in_sentence(const syn_sentence *ss, uint32_t w) {
    return (ss->words[(w & 1023u) >> 6] >> (w & 63u)) & 1u;
}

/* True when a literal element is a preposition ("with", "to", "on"...). */
static bool is_prep_elem(const uint32_t *prep_ids, const dict_elem *el) {
    for (uint16_t k = 0; k < el->n_alts; k++)
        for (size_t i = 0; i < MATCH_N_PREPS; i++)
            if (el->alts[k] && el->alts[k] == prep_ids[i]) return true;
    return false;
}

/* True when token t, a literal a pattern matched, is a preposition or an adverb
 * particle ("in" of "drop in on", "up" of "make up with", "away" of "break away from"). */
static bool particle_tok(const tok *t) {
    return (t->tags & LEX_PREP) || t->pos == LEX_POS_PREP || tok_is(t, "away") || tok_is(t, "back");
}

/* ---------------------------------------------------------------------------
 * Community patterns: TABARI's phrase rule.
 * ------------------------------------------------------------------------- */

/* The mention group's last member starting at mention mi. */
static int32_t group_last(const syn_sentence *ss, int32_t mi) {
    while (mi + 1 < (int32_t)ss->nm && ss->m[mi + 1].group == ss->m[mi].group) mi++;
    return mi;
}

static int32_t group_first(const syn_sentence *ss, int32_t mi) {
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

/* True when token j ends a clause for TABARI's phrase rule: a comma, semicolon or colon,
 * or and/but/or/nor, unless it joins the members of a compound actor or two common
 * nouns. */
static bool loose_boundary(const syn_sentence *ss, size_t j) {
    const tok *t = &ss->toks[j];
    bool punct = t->cls == TOK_PUNCT && t->norm_len == 1 && strchr(",;:", t->norm[0]);
    bool conj = tok_is(t, "and") || tok_is(t, "but") || tok_is(t, "or") || tok_is(t, "nor");
    if (!punct && !conj) return false;
    /* two common nouns joined inside a noun phrase ("death and injury toll") */
    if (conj && !tok_is(t, "but") && j > 0 && j + 1 < ss->n && ss->toks[j - 1].pos == LEX_POS_NOUN &&
        ss->toks[j + 1].pos == LEX_POS_NOUN && ss->mention_at[j - 1] < 0 && ss->mention_at[j + 1] < 0)
        return false;
    /* inside a compound: the mentions on both sides share a group */
    int32_t before = -1, after = -1;
    for (size_t k = j; k-- > 0 && before < 0;) {
        if (ss->mention_at[k] >= 0) before = ss->mention_at[k];
        else break;
    }
    for (size_t k = j + 1; k < ss->n && k <= j + 2 && after < 0; k++) {
        if (ss->mention_at[k] >= 0) after = ss->mention_at[k];
        else if (!(tok_is(&ss->toks[k], "and") || tok_is(&ss->toks[k], "or") || tok_is(&ss->toks[k], "the")))
            break;
    }
    return !(before >= 0 && after >= 0 && ss->m[before].group == ss->m[after].group);
}

static bool word_matches(const syn_sentence *ss, size_t j, const dict_elem *el) {
    if (ss->toks[j].cls != TOK_WORD || !ss->toks[j].word) return false;
    /* a literal never matches inside a named actor */
    if (ss->mention_at[j] >= 0 && !(ss->m[ss->mention_at[j]].flags & SYN_M_AGENT_ONLY)) return false;
    for (uint16_t k = 0; k < el->n_alts; k++)
        if (ss->toks[j].word == el->alts[k]) return true;
    return false;
}

/* A slot element (`+`, `$`, `^`, `%`) takes mention group gi: records it in r. */
static void take_slot(const syn_sentence *ss, const dict_elem *el, int32_t mi, match_result *r) {
    if (el->kind == DICT_EL_TARGET) r->target = mi;
    else if (el->kind == DICT_EL_SOURCE) r->source = mi;
    else if (el->kind == DICT_EL_COMPOUND) r->compound = mi;
    (void)ss;
}

static bool slot_fits(const syn_sentence *ss, const dict_elem *el, int32_t first) {
    return el->kind != DICT_EL_COMPOUND || group_last(ss, first) > first;
}

/* A word of a noun phrase that `^` may pass over when no actor stands there. */
static bool skip_noun(const tok *t) {
    return t->cls == TOK_WORD &&
           (t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NUM);
}

/* The clause of the verb at v for community patterns: tokens lo..hi-1, lo found walking
 * back from v, hi walking on from v + 1. The same for every pattern of the verb: found
 * once (clause_of) and passed along. */
typedef struct loose_clause {
    size_t lo, hi;
} loose_clause;

static size_t clause_lo(const syn_sentence *ss, size_t from) {
    size_t lo = from;
    while (lo > 0 && !loose_boundary(ss, lo - 1)) lo--;
    return lo;
}

static loose_clause clause_of(const syn_sentence *ss, size_t v) {
    loose_clause c = {clause_lo(ss, v), v + 1};
    while (c.hi < ss->n && !loose_boundary(ss, c.hi)) c.hi++;
    return c;
}

static match_result match_loose(const syn_sentence *ss, const dict_pattern *p, size_t v,
                                const loose_clause *cl) {
    match_result r = {p, -1, -1, -1, v, false, -1};
    /* earlier words of a multi-word head ("wire" of WIRE_+TAP), right before the verb */
    if (v < p->n_head) return r;
    /* every literal element needs one of its words in the sentence (the sentence's word
     * set, a bitmap: most of a verb's patterns end here) */
    for (int side = 0; side < 2; side++) {
        const dict_elem *els = side ? p->pre : p->elem;
        for (uint16_t e = 0, n = side ? p->n_pre : p->n_elem; e < n; e++) {
            if (els[e].kind != DICT_EL_WORD) continue;
            bool any = false;
            for (uint16_t k = 0; k < els[e].n_alts && !any; k++) any = word_in_sentence(ss, els[e].alts[k]);
            if (!any) return r;
        }
    }
    for (uint16_t k = 0; k < p->n_head; k++)
        if (ss->toks[v - p->n_head + k].word != p->head[k]) return r;
    int score = 1 + p->n_head;
    /* the elements after the verb */
    size_t hi = cl->hi;
    size_t pos = v + 1;
    for (uint16_t e = 0; e < p->n_elem; e++) {
        const dict_elem *el = &p->elem[e];
        size_t j = pos;
        if (el->kind == DICT_EL_WORD) {
            while (j < hi && !word_matches(ss, j, el) && !el->tight) j++;
            if (j >= hi || !word_matches(ss, j, el)) return r;
            score += (int)ss->toks[j].norm_len;
            pos = j + 1;
            r.end = j;
            continue;
        }
        if (el->kind == DICT_EL_SKIP) {
            /* `^` before a noun phrase that names no actor passes over it ("warned
             * their Ent populations about +") */
            size_t u = pos;
            while (u < hi && ss->toks[u].cls == TOK_WORD && ss->mention_at[u] < 0 &&
                   (ss->toks[u].pos == LEX_POS_DET || ss->toks[u].pos == LEX_POS_POSSPRON))
                u++;
            if (u < hi && ss->mention_at[u] < 0 && skip_noun(&ss->toks[u])) {
                while (u < hi && ss->mention_at[u] < 0 && skip_noun(&ss->toks[u])) u++;
                score++;
                pos = u;
                continue;
            }
        }
        while (j < hi && !(ss->mention_at[j] >= 0 && ss->m[ss->mention_at[j]].first == j &&
                           slot_fits(ss, el, group_first(ss, ss->mention_at[j]))) &&
               !el->tight)
            j++;
        if (j >= hi || ss->mention_at[j] < 0 || ss->m[ss->mention_at[j]].first != j) return r;
        int32_t mi = group_first(ss, ss->mention_at[j]);
        if (!slot_fits(ss, el, mi)) return r;
        /* `%` after the verb: a compound target ("agrees with A and B") */
        if (el->kind == DICT_EL_COMPOUND) r.target = mi;
        else take_slot(ss, el, ss->mention_at[j], &r);
        score++;
        pos = ss->m[group_last(ss, ss->mention_at[j])].last;
    }
    /* the elements before the verb, walking back from it */
    if (p->n_pre) {
        size_t vs = v - p->n_head;
        /* the head's words before the verb hold no boundary in practice; if one does,
         * the clause is found from the head's first word */
        size_t lo = cl->lo <= vs ? cl->lo : clause_lo(ss, vs);
        pos = vs; /* items found so far start at pos */
        for (uint16_t e = p->n_pre; e-- > 0;) {
            const dict_elem *el = &p->pre[e];
            bool adjacent = e + 1 == p->n_pre ? (p->flags & DICT_PAT_VERB_TIGHT) != 0 : p->pre[e + 1].tight != 0;
            if (el->kind == DICT_EL_WORD) {
                size_t j = pos;
                while (j > lo && !word_matches(ss, j - 1, el) && !adjacent) j--;
                if (j <= lo || !word_matches(ss, j - 1, el)) return r;
                score += (int)ss->toks[j - 1].norm_len;
                pos = j - 1;
                continue;
            }
            /* the nearest actor ending before pos (a whole compound) */
            size_t j = pos;
            while (j > lo && ss->mention_at[j - 1] < 0 && !adjacent) j--;
            if (j <= lo || ss->mention_at[j - 1] < 0) return r;
            int32_t mi = group_first(ss, ss->mention_at[j - 1]);
            if (ss->m[mi].first < lo || !slot_fits(ss, el, mi)) return r;
            take_slot(ss, el, mi, &r);
            score++;
            pos = ss->m[mi].first;
        }
    }
    r.score = score;
    return r;
}

/* Quick rejection of a pattern of dyad's own: every required literal element needs one of
 * its words in the sentence (the sentence's word set). match_best asks the same of the
 * verb's sets (dict_verb) before the call. */
static inline bool required_words_in(const syn_sentence *ss, const dict_pattern *p) {
    for (uint16_t e = 0, n_req = dict_pattern_n_required(p); e < n_req; e++) {
        const dict_elem *el = &p->elem[e];
        if (el->kind != DICT_EL_WORD) continue;
        bool any = false;
        for (uint16_t k = 0; k < el->n_alts && !any; k++) any = word_in_sentence(ss, el->alts[k]);
        if (!any) return false;
    }
    return true;
}

/* match_pattern for a pattern of dyad's own whose required words are in the sentence. */
static match_result match_own(const match_ctx *mc, const syn_sentence *ss, const dict_pattern *p, size_t v,
                              bool passive) {
    const dyad_dict *d = mc->dict;
    const uint32_t *prep_ids = mc->prep_ids;
    match_result r = {p, -1, -1, -1, v, false, -1};
    /* Earlier words of a multi-word head ("test" of "test-fire"). */
    if (p->n_head) {
        if (v < p->n_head) return r;
        for (uint16_t k = 0; k < p->n_head; k++)
            if (ss->toks[v - p->n_head + k].word != p->head[k]) return r;
    }
    size_t pos = v + 1;
    size_t target_end = SIZE_MAX; /* the token after the last actor matched */
    int score = 1 + p->n_head;
    size_t cs = clause_start(ss, v);
    for (uint16_t e = 0; e < p->n_elem; e++) {
        const dict_elem *el = &p->elem[e];
        if (el->kind == DICT_EL_WORD) {
            size_t j = seek(ss, pos, el, d, false);
            /* the "to" of an infinitive is no preposition before a target: "opened up
             * talks to form a government" is no "open up to +", "rallied to say" no
             * "rally to +" (the verb takes another construction: no match) */
            if (j != SIZE_MAX && e + 1 < p->n_elem && p->elem[e + 1].kind == DICT_EL_TARGET &&
                ss->toks[j].pos == LEX_POS_TO)
                return r;
            /* a target that only owns the noun after it ("welcomed Trump's move to
             * reimpose sanctions") leaves that noun's infinitive to the noun: no "welcome
             * + to" (the target's own words end where its "'s" begins) */
            if (j != SIZE_MAX && e > 0 && p->elem[e - 1].kind == DICT_EL_TARGET && r.target >= 0 &&
                ss->toks[j].pos == LEX_POS_TO && target_end < ss->n && ss->toks[target_end].cls == TOK_POSS)
                return r;
            if (j == SIZE_MAX) {
                if (passive && word_before(ss, passive_words_start(ss, cs, v), v, el)) {
                    score++;
                    continue;
                }
                /* "A and B held talks": a trailing "with +" may be missing, but not
                 * after a particle of the pattern: "drop in on +" is no "dropped in"
                 * ("prices dropped in Asia"), "make up with +" no "making up for" */
                if (e + 2 == p->n_elem && p->elem[e + 1].kind == DICT_EL_TARGET && is_prep_elem(prep_ids, el) &&
                    !(e > 0 && p->elem[e - 1].kind == DICT_EL_WORD && r.end > v && particle_tok(&ss->toks[r.end]))) {
                    r.target_missing = true;
                    break;
                }
                return r;
            }
            score += el->n_alts <= 2 ? 3 : 2; /* one word (and its plural) is more specific than a choice */
            pos = j + 1;
            r.end = j;
            /* "purchase more oil and gas from Iran": a common noun joined to the
             * pattern's noun shares its place before the next element (not where the
             * pattern spells the "and" itself: "express shock and sorrow") */
            if (ss->toks[j].pos == LEX_POS_NOUN && j + 2 < ss->n &&
                !(e + 1 < p->n_elem && p->elem[e + 1].kind == DICT_EL_WORD && word_matches(ss, j + 1, &p->elem[e + 1])) &&
                (tok_is(&ss->toks[j + 1], "and") || tok_is(&ss->toks[j + 1], "or")) &&
                ss->toks[j + 2].cls == TOK_WORD && ss->toks[j + 2].pos == LEX_POS_NOUN && ss->mention_at[j + 2] < 0)
                pos = j + 3;
            /* "suspended flights to and from Iran": a second preposition joined to the
             * pattern's own shares its object */
            if (e + 1 < p->n_elem && p->elem[e + 1].kind == DICT_EL_TARGET &&
                j + 2 < ss->n && (tok_is(&ss->toks[j + 1], "and") || tok_is(&ss->toks[j + 1], "or")) &&
                ss->toks[j + 2].cls == TOK_WORD && ss->toks[j + 2].pos == LEX_POS_PREP &&
                ss->mention_at[j + 2] < 0)
                pos = j + 3;
            /* "shut its borders with and cut flights from Iran": an open preposition
             * before "and" and a second verb phrase shares that phrase's object */
            if (e + 1 < p->n_elem && p->elem[e + 1].kind == DICT_EL_TARGET) {
                size_t raised = roles_raised_object(ss, j);
                if (raised != SIZE_MAX) pos = raised;
            }
        } else {
            size_t j = seek(ss, pos, NULL, d, true);
            if (j == SIZE_MAX) {
                if (el->kind == DICT_EL_TARGET && passive && e == 0) {
                    score++; /* the subject of a passive is the target */
                    continue;
                }
                if (el->kind == DICT_EL_TARGET && e + 1 == p->n_elem) {
                    r.target_missing = true;
                    break;
                }
                return r;
            }
            int32_t mi = ss->mention_at[j];
            if (el->kind == DICT_EL_TARGET) r.target = mi;
            else r.source = mi;
            score += 2;
            /* past the whole compound ("urged Russia and Ukraine to ..."); r.end stays on
             * the verb's words: the span of the verb */
            int32_t last = mi;
            while (last + 1 < (int32_t)ss->nm && ss->m[last + 1].group == ss->m[mi].group) last++;
            pos = ss->m[last].last;
            target_end = pos;
            /* "called the bishops terrorists": bare nouns glued into one unnamed group; the
             * pattern's next word may be the group's later noun ("call + terrorist") */
            if (e + 1 < p->n_elem && p->elem[e + 1].kind == DICT_EL_WORD && (ss->m[last].flags & SYN_M_AGENT_ONLY))
                for (size_t q = ss->m[last].first + 1; q < ss->m[last].last; q++)
                    if (word_matches(ss, q, &p->elem[e + 1])) {
                        pos = q;
                        break;
                    }
        }
    }
    r.score = score;
    return r;
}

match_result match_pattern(const match_ctx *mc, const syn_sentence *ss, const dict_pattern *p,
                           size_t v, bool passive) {
    if (p->flags & DICT_PAT_LOOSE) {
        loose_clause cl = clause_of(ss, v);
        return match_loose(ss, p, v, &cl);
    }
    if (!required_words_in(ss, p)) {
        match_result r = {p, -1, -1, -1, v, false, -1};
        return r;
    }
    return match_own(mc, ss, p, v, passive);
}

/* Verbs whose object noun names the act: "pay a visit", "launch an attack". */
static bool light_verb(const tok *t) {
    static const char *const w[] = {"pay", "make", "receive", "launch", "carry", "conduct", "stage", "mount",
                                    "hold", "begin", "start", "resume", "intensify", "deliver", "issue",
                                    "give", "offer", "extend", "host", "undertake", "unleash", "step", "lodge",
                                    "file", "register", "voice", "express", "raise", "wage"};
    if (t->cls != TOK_WORD) return false;
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (tok_lemma_is(t, w[k])) return true;
    return false;
}

/* True when token i is the head noun of a noun phrase an article or a possessive
 * opens: "a government assault on Idlib", "the artillery shelling of Dohuk", "Russia's
 * bombing of Aleppo". A bare form after a singular noun cannot be that noun's verb ("a
 * government assault", not "assaults"), and an -ing form followed by "of" is a noun
 * ("the shelling of"); the words between are nouns, adjectives and names. Not after a
 * light verb ("paid an official visit"). */
static bool noun_phrase_head(const syn_sentence *ss, size_t i) {
    const tok *t = &ss->toks[i];
    bool ing = (t->tags & LEX_GERUND) != 0;
    /* a word the lexicon knows only as a verb heads no noun phrase ("the Central African
     * Republic agree") */
    if (!ing && t->tags && !(t->tags & LEX_NOUN)) return false;
    if (ing ? !(i + 1 < ss->n && tok_is(&ss->toks[i + 1], "of"))
            : ((t->tags & LEX_PAST) || !t->lemma || strcmp(t->lemma, t->norm)))
        return false;
    size_t j = i;
    while (j > 0 && i - j < 5) {
        const tok *p = &ss->toks[j - 1];
        if (p->cls == TOK_POSS || (p->cls == TOK_WORD && (p->pos == LEX_POS_DET || p->pos == LEX_POS_POSSPRON))) {
            if (j == i || (p->cls != TOK_POSS && tok_is(p, "that"))) return false;
            /* "paid an official visit", "launched an attack on": a light verb makes the
             * noun its event (the patterns read it there) */
            size_t b = j - 1;
            while (b > 0 && ss->toks[b - 1].cls == TOK_WORD && (ss->toks[b - 1].tags & LEX_ADV)) b--;
            if (b > 0 && light_verb(&ss->toks[b - 1])) return false;
            /* "demanded that the government end curbs": a subjunctive after "that" */
            size_t o = p->cls == TOK_POSS && j > 1 ? j - 2 : j - 1; /* "that Burundi's government grant" */
            while (o > 0 && ss->mention_at[o - 1] >= 0 && ss->mention_at[o] == ss->mention_at[o - 1]) o--;
            return !(o > 0 && tok_is(&ss->toks[o - 1], "that"));
        }
        if (p->cls != TOK_WORD && p->cls != TOK_NUMBER && p->cls != TOK_DASH) return false;
        if (p->cls == TOK_WORD && !(p->pos == LEX_POS_NOUN || p->pos == LEX_POS_PROPER || p->pos == LEX_POS_ADJ ||
                                    ss->mention_at[j - 1] >= 0))
            return false;
        if (j == i && !ing && (p->tags & LEX_PLURAL)) return false; /* "the rebels attack" */
        j--;
    }
    return false;
}

bool match_verb_candidate(const syn_sentence *ss, const dyad_dict *d, size_t i, bool headline) {
    const tok *t = &ss->toks[i];
    if (t->cls != TOK_WORD || ss->mention_at[i] >= 0) return false;
    if (!dict_is_pattern_verb(d, t)) return false;
    /* "the detained reporter", "its planned visit": after an article or a possessive a
     * participle modifies a noun */
    if (i > 0 && (ss->toks[i - 1].pos == LEX_POS_DET || ss->toks[i - 1].pos == LEX_POS_POSSPRON ||
                  ss->toks[i - 1].cls == TOK_POSS))
        return false;
    if (noun_phrase_head(ss, i)) return false;
    if (t->pos == LEX_POS_VERB) return true;
    /* "was pessimistic about", "is ready to": a copula before an adjective is the verb
     * of the patterns written with "be" */
    if (t->pos == LEX_POS_AUX) {
        size_t j = i + 1;
        while (j < ss->n && ss->toks[j].cls == TOK_WORD && ss->toks[j].pos == LEX_POS_ADV) j++;
        return tok_lemma_is(t, "be") && j < ss->n && ss->toks[j].pos == LEX_POS_ADJ;
    }
    if (t->pos != LEX_POS_NOUN && t->pos != LEX_POS_PROPER && t->pos != LEX_POS_NONE &&
        !(t->pos == LEX_POS_ADJ && (t->tags & LEX_PAST)))
        return false;
    if (!(t->tags & LEX_VERB) && t->tags) return false;
    if (t->pos == LEX_POS_PROPER && !headline) return false;
    /* The tagger chose a noun; a verb reading still wins right after a subject
     * ("North Korea fires missiles") or after a modal or infinitive "to". */
    if (i == 0) return headline;
    const tok *pv = &ss->toks[i - 1];
    if (ss->mention_at[i - 1] >= 0) /* ... but not after "the drone" of "for the drone attacks" */
        return !(ss->m[ss->mention_at[i - 1]].flags & SYN_M_AFTER_PREP);
    if (pv->pos == LEX_POS_MODAL || pv->pos == LEX_POS_TO || pv->pos == LEX_POS_PRON) return true;
    return false;
}

int match_prepare(arena *a, syn_sentence *ss) {
    ss->skip_len = arena_calloc(a, ss->n + 1, 1);
    if (!ss->skip_len) return DYAD_ENOMEM;
    memset(ss->words, 0, sizeof ss->words);
    for (size_t i = 0; i < ss->n; i++) {
        size_t tl = match_temporal_len(ss, i);
        if (!tl) tl = quantity_len(ss, i);
        if (!tl) tl = locative_len(ss, i);
        if (!tl) tl = place_of_len(ss, i);
        ss->skip_len[i] = (uint8_t)(tl > 255 ? 255 : tl);
        uint32_t w = ss->toks[i].word;
        if (w) ss->words[(w & 1023u) >> 6] |= 1ull << (w & 63u);
    }
    return DYAD_OK;
}

/* A pattern of the verb alone that names no event ("---  turn"). */
static bool p_bare_no_event(const dict_pattern *p) {
    return p->n_elem == 0 && p->n_pre == 0 && !strcmp(p->code, DICT_NO_EVENT);
}

/* The most distinct word sets of one verb (dict_verb) whose answers match_best keeps
 * while it tries the verb's patterns; a verb with more has each looked up per pattern. */
#define MATCH_MAX_VERB_SETS 4096u

static bool set_in_sentence(const syn_sentence *ss, const dict_word_set *s) {
    for (uint32_t j = 0; j < s->n; j++)
        if (word_in_sentence(ss, s->w[j])) return true;
    return false;
}

/* The bits set in x (gcc's __builtin_popcountll is a call to libgcc without -mpopcnt). */
static inline uint32_t bits_set(uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

/* The most patterns of one verb that match_best picks by their first set (dict_verb)
 * before it reads them; a verb with more has each pattern's sets looked up in turn. */
#define MATCH_MAX_VERB_PATTERNS 8192u

match_result match_best(const match_ctx *mc, const syn_sentence *ss, size_t v, bool passive,
                        size_t *n_tried) {
    dict_verb vb;
    size_t np = dict_verb_patterns(mc->dict, &ss->toks[v], &vb);
    const dict_pattern *const *pats = vb.pats;
    match_result best = {NULL, -1000, -1, -1, v, false, -1};
    loose_clause cl = {0, 0};
    bool have_clause = false;
    uint8_t seen[MATCH_MAX_VERB_SETS]; /* per set of the verb: 1 in the sentence, 2 not */
    bool keep = vb.n_sets <= MATCH_MAX_VERB_SETS;
    /* the patterns whose first set is in the sentence (and those that need none), in
     * order: most patterns are passed over here, a set at a time */
    uint64_t alive[MATCH_MAX_VERB_PATTERNS / 64];
    bool pick = keep && np <= MATCH_MAX_VERB_PATTERNS;
    if (pick) {
        memset(alive, 0, (np + 63) / 64 * sizeof *alive);
        for (size_t j = 0; j < vb.n_free; j++) alive[vb.free[j] >> 6] |= 1ull << (vb.free[j] & 63u);
    }
    if (keep && vb.mask) {
        /* every set asked at once (set_in_sentence's answers), by the buckets of words
         * the sentence and the verb's sets share (a few a verb), not each set word by
         * word: 85 sets a verb on average, most of them not in the sentence */
        memset(seen, 2, vb.n_sets);
        for (uint32_t q = 0; q < 16; q++) {
            for (uint64_t hit = vb.mask[q] & ss->words[q]; hit; hit &= hit - 1) {
                uint32_t b = vb.before[q] + bits_set(vb.mask[q] & ((hit & -hit) - 1)); /* its number */
                for (uint32_t j = vb.bucket_start[b]; j < vb.bucket_start[b + 1]; j++) {
                    uint32_t s = vb.bucket_set[j];
                    seen[s] = 1;
                    if (pick)
                        for (uint32_t f = vb.first_start[s]; f < vb.first_start[s + 1]; f++)
                            alive[vb.first[f] >> 6] |= 1ull << (vb.first[f] & 63u);
                }
            }
        }
    } /* (no mask: the verb has no sets, and no pattern needs one) */
    for (size_t k = 0; k < np; k++) {
        if (pick) {
            uint64_t rest = alive[k >> 6] >> (k & 63u);
            if (!rest) { /* none left in this word */
                k |= 63u;
                continue;
            }
            k += (size_t)__builtin_ctzll(rest);
        }
        /* the sets it needs: match_pattern would reject it without them; seen without
         * reading the pattern */
        uint32_t i = vb.need_start[k], e = vb.need_start[k + 1];
        if (keep) {
            while (i < e && seen[vb.need[i]] == 1) i++;
        } else {
            while (i < e && set_in_sentence(ss, &vb.set[vb.need[i]])) i++;
        }
        if (i < e) continue;
        if (pats[k]->flags & DICT_PAT_NEGATED) { /* "!CODE": only a negated or refused verb */
            const char *why;
            enum modality m = modality_find(ss, v - pats[k]->n_head, &why);
            if (m != MOD_NEGATED && m != MOD_REFUSED) continue;
        }
        match_result r;
        if (pats[k]->flags & DICT_PAT_LOOSE) {
            if (!have_clause) {
                cl = clause_of(ss, v);
                have_clause = true;
            }
            r = match_loose(ss, pats[k], v, &cl);
        } else {
            r = match_own(mc, ss, pats[k], v, passive);
        }
        if (r.score < 0) continue;
        if (r.target_missing) r.score -= 100; /* only when nothing complete matches */
        /* a bare "---  V" (the verb alone is another sense: "turned to", "ruled Egypt")
         * outranks only what matched on the verb alone, a "V prep +" without its
         * preposition; "V words prep +" whose words matched still wins ("spoke on the
         * phone" without "with +") */
        else if (p_bare_no_event(pats[k]))
            r.score -= 99;
        if (r.score > best.score || (r.score == best.score && best.target_missing && !r.target_missing))
            best = r;
    }
    *n_tried = np;
    return best;
}
