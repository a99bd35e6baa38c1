/* coder.c: clauses + mentions + verb patterns -> CAMEO events, each carrying its
 * evidence (spans, dictionary entries), and the explanation of how it was found. */
#include "coder_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODER_MAX_TARGETS 8u  /* members of a compound target ("A, B and C") */
#define CODER_MAX_SOURCES 8u
#define CODER_RULE_CACHE 1024u /* dictionary lines whose short text (rule_text) a coder keeps */

struct dyad_coder {
    const dyad_dict *dict;
    dyad_coder_options opt;
    arena story_mem;  /* event strings and rules: live until the next run */
    arena sent_mem;   /* one sentence's analysis */
    dyad_event *ev;
    size_t n_ev, cap_ev;
    const char *discard;
    const char *genre;              /* discard_genre: DISCARD_OPINION, DISCARD_ANALYSIS, NULL */
    char genre_cue[DISCARD_CUE_BYTES]; /* what named the genre */
    discard_tally discards;
    dyad_sentence_discard *sdis; /* the sentences read but not coded */
    size_t n_sdis, cap_sdis;
    syn_coref cr;
    match_ctx mc;
    char loc_text[128];
    char loc_country[4];
    geo_story geo;
    /* rule_text's answers: a dictionary line's text and its short form, kept for the
     * coder's life (rule_mem), a slot per line by the text's address, filled once */
    struct rule_slot {
        const char *text, *rule;
    } rule_cache[CODER_RULE_CACHE];
    arena rule_mem;
};

void dyad_coder_options_init(dyad_coder_options *opt) {
    memset(opt, 0, sizeof *opt);
    opt->code_statements = DYAD_STATEMENTS_FALLBACK;
}

int dyad_coder_new(const dyad_dict *dict, const dyad_coder_options *opt, dyad_coder **out) {
    if (!dict || !out) return DYAD_EINVAL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    c->dict = dict;
    if (opt) c->opt = *opt;
    else dyad_coder_options_init(&c->opt);
    match_ctx_init(&c->mc, dict);
    c->story_mem.chunk_size = 64 * 1024;
    c->sent_mem.chunk_size = 64 * 1024;
    c->rule_mem.chunk_size = 16 * 1024;
    *out = c;
    return DYAD_OK;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    arena_free(&c->story_mem);
    arena_free(&c->sent_mem);
    arena_free(&c->rule_mem);
    free(c->ev);
    free(c->sdis);
    free(c);
}

const char *dyad_coder_discard_reason(const dyad_coder *c) { return c ? c->discard : NULL; }

size_t dyad_coder_sentence_discards(const dyad_coder *c, const dyad_sentence_discard **out) {
    if (out) *out = c ? c->sdis : NULL;
    return c && out ? c->n_sdis : 0;
}

/* Notes sentence i as read but not coded. */
static int sentence_discard(dyad_coder *c, size_t i, const char *reason, const char *detail) {
    if (c->n_sdis == c->cap_sdis) {
        size_t cap = c->cap_sdis ? c->cap_sdis * 2 : 8;
        dyad_sentence_discard *d = realloc(c->sdis, cap * sizeof *d);
        if (!d) return DYAD_ENOMEM;
        c->sdis = d;
        c->cap_sdis = cap;
    }
    c->sdis[c->n_sdis++] = (dyad_sentence_discard){i, reason, detail};
    return DYAD_OK;
}

/* ---------------------------------------------------------------------------
 * Events.
 * ------------------------------------------------------------------------- */
static const char *span_text(dyad_coder *c, const dyad_story *s, uint32_t b, uint32_t e) {
    return arena_strndup(&c->story_mem, s->text + b, e - b);
}

static dyad_span mention_span(const syn_sentence *ss, const syn_mention *m) {
    dyad_span sp = {ss->toks[m->first].start, ss->toks[m->last - 1].end};
    return sp;
}

/* The words that name mention m's actor: a pronoun's antecedent ("he": "Ehud Barak"),
 * where the story named it, else the mention as written. An event's spans keep the
 * words of its sentence; its text says who. */
static const char *mention_name(dyad_coder *c, const dyad_story *s, const syn_sentence *ss, const syn_mention *m) {
    if ((m->flags & SYN_M_PRONOUN) && m->name_end > m->name_start)
        return span_text(c, s, m->name_start, m->name_end);
    dyad_span sp = mention_span(ss, m);
    return span_text(c, s, sp.start, sp.end);
}

/* The entry as written, or, for an entry longer than CODER_MAX_RULE_TEXT (an agent line
 * with fifty variants), its first variants, "| ...", and its codes: the full entry is at
 * file:line. Keeps every event line, and every stored event, small. */
#define CODER_MAX_RULE_TEXT 120u
static const char *short_rule_text(arena *mem, const char *text) {
    size_t n = text ? strlen(text) : 0;
    if (n <= CODER_MAX_RULE_TEXT) return text;
    const char *arrow = strstr(text, "=>");
    if (!arrow) return arena_strndup(mem, text, CODER_MAX_RULE_TEXT);
    size_t keep = 0; /* whole variants within the first 60 bytes */
    for (size_t i = 0; i < 60 && text + i < arrow; i++)
        if (text[i] == '|') keep = i;
    if (!keep) keep = strcspn(text, "|");
    while (keep && text[keep - 1] == ' ') keep--;
    size_t codes = strlen(arrow);
    char *r = arena_alloc(mem, keep + codes + 9);
    if (!r) return text;
    memcpy(r, text, keep);
    memcpy(r + keep, " | ... ", 7);
    memcpy(r + keep + 7, arrow, codes + 1);
    return r;
}

/* short_rule_text of a dictionary line, made once per line and coder (the same lines
 * come back in event after event); a line whose slot another holds is made again into
 * the story's memory. */
static const char *rule_text(dyad_coder *c, const char *text) {
    if (!text) return text;
    struct rule_slot *slot = &c->rule_cache[(((uint64_t)(uintptr_t)text * UINT64_C(0x9E3779B97F4A7C15)) >> 32) % CODER_RULE_CACHE];
    if (slot->text == text) return slot->rule;
    if (slot->text) return short_rule_text(&c->story_mem, text);
    const char *r = short_rule_text(&c->rule_mem, text);
    if (!r) return short_rule_text(&c->story_mem, text);
    slot->text = text;
    slot->rule = r;
    return r;
}

static int add_rule(dyad_coder *c, dyad_rule *rules, size_t *n, const char *kind,
                    const dict_actor *a) {
    if (!a) return DYAD_OK;
    const char *file, *text;
    uint64_t line;
    dict_actor_where(a, &file, &line, &text);
    for (size_t i = 0; i < *n; i++)
        if (rules[i].line == line && rules[i].file == file) return DYAD_OK;
    rules[*n].kind = kind;
    rules[*n].file = file;
    rules[*n].line = line;
    rules[*n].text = rule_text(c, text);
    (*n)++;
    return DYAD_OK;
}

/* Where the event happened, and where its actors are (geo.c). */
static void locate(dyad_coder *c, const syn_sentence *ss, size_t v, const syn_mention *src,
                   const syn_mention *tgt, dyad_event *e, dyad_buf *ex) {
    const dict_actor *who = src && src->actor && dict_actor_is_person(src->actor) ? src->actor : NULL;
    const dict_actor *whom = tgt && tgt->actor && dict_actor_is_person(tgt->actor) ? tgt->actor : NULL;
    geo_event_place(&c->geo, &c->story_mem, c->dict, ss, v, src, who, whom, e->source, e->target, e->code,
                    e->quad_class, e->date, &e->place, ex);
    geo_actor_place(&c->geo, &c->story_mem, c->dict, ss, src, &e->source_place);
    if (tgt) geo_actor_place(&c->geo, &c->story_mem, c->dict, ss, tgt, &e->target_place);
    e->location = e->place.text;
    e->location_country = e->place.precision ? e->place.country : NULL;
}

/* True when mention m is "it" as the empty subject of a statement about things, not an
 * actor: "it is difficult to say", "it was time to rebuild", "it seems", "it turns
 * out"; not right after a verb of saying ("said it was ready to talk"). */
static bool expletive_it(const syn_sentence *ss, const syn_mention *m) {
    static const char *const copula[] = {"is", "was", "'s", "seems", "seemed", "appears", "appeared",
                                         "turns", "turned", "remains", "remained", "becomes", "became"};
    if (!(m->flags & SYN_M_PRONOUN) || m->last != m->first + 1 || !tok_is(&ss->toks[m->first], "it"))
        return false;
    /* "announced that it is prepared to": the one who spoke */
    size_t b = m->first;
    if (b > 0 && tok_is(&ss->toks[b - 1], "that")) b--;
    if (b > 0 && ss->toks[b - 1].cls == TOK_WORD && (ss->toks[b - 1].tags & LEX_SAY)) return false;
    size_t w = m->last;
    while (w < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].pos == LEX_POS_ADV || ss->toks[w].pos == LEX_POS_MODAL ||
                                                      ss->toks[w].pos == LEX_POS_NEG))
        w++;
    if (w < ss->n && tok_is(&ss->toks[w], "be")) return true; /* "it will be hard" */
    for (size_t k = 0; k < sizeof copula / sizeof copula[0]; k++)
        if (w < ss->n && tok_is(&ss->toks[w], copula[k])) return true;
    return false;
}

/* True when an actor coded `code` can make or host an official visit (042, 043): a
 * state, its government, elites, forces, parties, organisations; not civilians,
 * refugees, businesses or an unknown group ("tourists visited areas", "refugees arrived
 * in Germany" are no visits). */
static bool can_visit(const char *code) {
    static const char *const ordinary[] = {"CVL", "REF", "BUS", "EDU", "MED", "LAB", "CRM", "HLH", "AGR"};
    if (!strncmp(code, "---", 3)) return false;
    for (size_t k = 3; k + 3 <= strlen(code); k += 3)
        for (size_t q = 0; q < sizeof ordinary / sizeof ordinary[0]; q++)
            if (!strncmp(code + k, ordinary[q], 3)) return false;
    return true;
}

/* True when actor code `code` holds the three-letter block `b` after its first
 * ("SYRMED" holds MED). */
static bool has_block(const char *code, const char *b) {
    for (size_t k = 3; k + 3 <= strlen(code); k += 3)
        if (!strncmp(code + k, b, 3)) return true;
    return false;
}

/* Who an actor is, for the rules on who can make which event. */
typedef enum {
    STANDING_POLITICAL, /* a state, its government, forces, police, courts, legislature,
                         * parties, opposition, rebels and insurgents, an IGO */
    STANDING_ELITE,     /* elites: former office holders, a person out of office on the
                         * date, notables (ELI and no political role) */
    STANDING_CIVIC,     /* NGOs: rights, environmental, development groups, unions */
    STANDING_PRIVATE    /* private life: civilians and witnesses, scholars, business,
                         * media, health workers, farmers, refugees, criminals */
} standing;

/* The standing of an actor code: political when any of its blocks is a political role
 * (or it is a bare state), else the first of elite, civic, private that one names. */
static standing actor_standing(const char *code) {
    static const char political[][4] = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB",
                                        "INS", "SEP", "SPY", "PKO", "UAF", "RAD", "MOD", "SET",
                                        "IGO", "IMG"};
    static const char civic[][4] = {"NGO", "NGM", "HRI", "ENV", "DEV", "LAB"};
    static const char priv[][4] = {"CVL", "EDU", "BUS", "MNC", "MED", "HLH", "AGR", "REF", "CRM"};
    size_t n = strlen(code);
    bool elite = false, is_civic = false, is_priv = false;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        for (size_t k = 0; k < sizeof political / sizeof *political; k++)
            if (!memcmp(code + i, political[k], 3)) return STANDING_POLITICAL;
        if (!memcmp(code + i, "ELI", 3)) elite = true;
        for (size_t k = 0; k < sizeof civic / sizeof *civic; k++)
            if (!memcmp(code + i, civic[k], 3)) is_civic = true;
        for (size_t k = 0; k < sizeof priv / sizeof *priv; k++)
            if (!memcmp(code + i, priv[k], 3)) is_priv = true;
    }
    return elite ? STANDING_ELITE : is_civic ? STANDING_CIVIC : is_priv ? STANDING_PRIVATE : STANDING_POLITICAL;
}

/* True when mention m names a government body of a private field ("the health
 * ministry", "health officials", "the Centers for Disease Control"): it speaks and acts
 * for its government. */
static bool government_body(const syn_sentence *ss, const syn_mention *m) {
    static const char *const gov_words[] = {"ministry", "minister", "department", "authority",
                                            "authorities", "agency", "official", "officials",
                                            "centers", "centres", "regulator", "commission",
                                            "state", "state-run"};
    for (uint32_t u = m->first; u < m->last && u < ss->n; u++)
        for (size_t k = 0; k < sizeof gov_words / sizeof *gov_words; k++)
            if (tok_is(&ss->toks[u], gov_words[k])) return true;
    return false;
}

/* True when m is a person the dictionary dates in a political office (or a pronoun
 * for a person named before), in a sentence with no date: whether the person holds the
 * office then is unknown, and the undated code (ELI) is only the default. "Former" (an
 * elite agent) settles it. */
static bool undated_office_holder(const syn_sentence *ss, const syn_mention *m) {
    if (ss->date) return false;
    if (m->flags & SYN_M_PRONOUN) return true; /* "he": a person named before, entry unknown */
    if (!m->actor || !dict_actor_is_person(m->actor)) return false;
    if (m->agent && actor_standing(dict_actor_code(m->agent, 0)) == STANDING_ELITE) return false;
    return dict_actor_dated(m->actor);
}

/* True when m is a political speaker: its words (statements, comments, appeals: CAMEO
 * roots 01-02) are political events. A state, a government, forces, police, courts,
 * parties, rebels, an IGO, a person in office on the date; not elites and people out
 * of office ("a former official said"), NGOs, nor the private speakers news quotes as
 * sources ("witnesses said", "economists said", "the company said"). */
static bool political_speaker(const syn_sentence *ss, const syn_mention *m) {
    standing st = actor_standing(m->code);
    if (st == STANDING_ELITE) return undated_office_holder(ss, m);
    return st != STANDING_PRIVATE || government_body(ss, m);
}

/* True when the word of intent why (a token's norm) readies forces for an assault or a
 * fight (roots 18-20): "the army prepared to resume shelling", "troops are preparing to
 * enter the town" is a show of force (150, CAMEO's own example), not a threat; "was
 * prepared to" (ready, willing) states one. */
static bool readying_force(const syn_sentence *ss, const char *why, const char *code) {
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root < 18 || root > 20 || !why) return false;
    for (size_t k = 0; k < ss->n; k++) {
        const tok *t = &ss->toks[k];
        if (t->norm != why) continue;
        if (!tok_lemma_is(t, "prepare")) return false;
        return !(tok_is(t, "prepared") && k > 0 && (tok_is_be(&ss->toks[k - 1]) || tok_lemma_is(&ss->toks[k - 1], "be")));
    }
    return false;
}

/* True when m is a bare country or place after a preposition of place or direction ("to
 * China", "in Kenya", "from Iran"): where something happened or went. */
static bool place_phrase(const syn_sentence *ss, const syn_mention *m) {
    static const char *const preps[] = {"to", "in", "into", "at", "from", "across", "near", "around",
                                        "throughout", "within", "inside", "outside", "through"};
    if (!(m->flags & SYN_M_PLACE) || !(m->flags & SYN_M_AFTER_PREP)) return false;
    size_t u = m->first;
    while (u > 0 && (ss->toks[u - 1].tags & LEX_DET)) u--;
    if (u == 0) return false;
    for (size_t k = 0; k < sizeof preps / sizeof *preps; k++)
        if (tok_is(&ss->toks[u - 1], preps[k])) return true;
    return false;
}

/* A state's own people: an unnamed group of private people with no country of its own
 * ("---CVL": "citizens", "residents", "students", "people"; not visitors, tourists,
 * passengers, foreigners) that a state acts on
 * takes the state's country ("Ireland cautioned citizens against travelling to Italy":
 * IRLCVL), where the sentence named several countries and so left it open. The state
 * is a country, its government or a non-military state body; not in force (roots 15,
 * 18-20), which a state turns on other countries' people as often as on its own. The
 * country written into own (a copy of *tgt) or NULL. */
/* The subject of the first "unless" or "if" clause after verb v, a mention; -1 when none
 * ("threatened to strike unless Israel rescinds", "unless the president steps down"). */
static int32_t condition_subject(const syn_sentence *ss, size_t v) {
    for (size_t j = v + 1; j + 1 < ss->n; j++) {
        const tok *t = &ss->toks[j];
        if (!(tok_is(t, "unless") || (tok_is(t, "if") && !tok_is(&ss->toks[j - 1], "even") &&
                                      !tok_is(&ss->toks[j - 1], "as"))) ||
            ss->clause[j] == ss->clause[v])
            continue;
        size_t k = j + 1;
        while (k < ss->n && ss->toks[k].cls == TOK_WORD && ss->toks[k].pos == LEX_POS_DET) k++;
        int32_t mi = k < ss->n ? ss->mention_at[k] : -1;
        return mi >= 0 && ss->m[mi].first == k ? mi : -1;
    }
    return -1;
}

/* True when mention m names diplomats by its last word ("two Russian diplomats", "the
 * Iranian ambassador"): CAMEO codes their expulsion as reduced relations (161), not as
 * the deportation of individuals (174). */
static bool names_diplomats(const syn_sentence *ss, const syn_mention *m) {
    static const char *const heads[] = {"diplomat", "diplomats", "ambassador", "ambassadors", "envoy",
                                        "envoys", "consul", "consuls", "attache", "attaches"};
    if (m->last <= m->first) return false;
    const tok *h = &ss->toks[m->last - 1];
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
        if (tok_is(h, heads[k])) return true;
    return false;
}

/* True when token t names people by their citizenship alone: "citizens", "nationals",
 * "compatriots". */
static bool citizenship_noun(const tok *t) {
    static const char *const w[] = {"citizen", "citizens", "national", "nationals", "compatriot", "compatriots"};
    return tok_in(t, w, sizeof w / sizeof w[0]);
}

static const syn_mention *own_people(const syn_sentence *ss, const syn_mention *src, const syn_mention *tgt,
                                     int root, syn_mention *own) {
    /* people from elsewhere by what they are called */
    static const char *const foreign[] = {"visitor", "visitors", "tourist", "tourists", "foreigner", "foreigners",
                                          "passenger", "passengers", "traveller", "travellers", "traveler",
                                          "travelers", "pilgrim", "pilgrims"};
    char cc[4];
    if (!tgt || !(tgt->flags & SYN_M_AGENT_ONLY) || strlen(tgt->code) != 6 || !roles_private_people(tgt->code) ||
        root == 15 || root >= 18)
        return NULL;
    /* a group named by its citizenship alone ("citizens", "nationals", "compatriots") is
     * the acting state's even where the story's country filled it in: an embassy in
     * Manila that warns "citizens" warns its own */
    if (strncmp(tgt->code, "---", 3) && !citizenship_noun(&ss->toks[tgt->last - 1])) return NULL;
    for (uint32_t u = tgt->first; u < tgt->last && u < ss->n; u++)
        for (size_t k = 0; k < sizeof foreign / sizeof *foreign; k++)
            if (tok_is(&ss->toks[u], foreign[k])) return NULL;
    size_t sl = strlen(src->code);
    if ((src->flags & SYN_M_AGENT_ONLY) || !coref_code_country(src->code, cc) ||
        !(sl == 3 || (sl == 6 && (!strcmp(src->code + 3, "GOV") || !strcmp(src->code + 3, "COP") ||
                                  !strcmp(src->code + 3, "JUD") || !strcmp(src->code + 3, "LEG")))))
        return NULL;
    *own = *tgt;
    memcpy(own->code, cc, 3);
    return own;
}

/* True when co-subjects of code with no target of their own are each other's partners
 * ("A and B met", "agreed to", "signed a deal", "cooperate": roots 03-06; "agreed on a
 * plan": an accord reached together, 019), not where the act is aimed at a third party:
 * praise, endorsement or welcome, verbal defence, rallying support, recognition,
 * apology, forgiveness (051-056: "Putin and Erdogan welcomed the pullout" is no praise
 * of each other). */
static bool reciprocal_code(const char *code) {
    if (!strcmp(code, "019")) return true;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root < 3 || root > 6) return false;
    return !(root == 5 && code[2] >= '1' && code[2] <= '6');
}

/* True when m is one person: a person the dictionary knows, or a single office holder
 * named by the title ("the president", "the Amir", "the Kuwaiti foreign minister");
 * not a body ("the government", "the cabinet", "authorities"). */
static bool one_person(const syn_sentence *ss, const syn_mention *m) {
    static const char *const titles[] = {"president", "premier", "minister", "secretary", "chancellor",
                                         "king", "queen", "monarch", "amir", "emir", "prince", "princess",
                                         "sultan", "governor", "mayor", "speaker"};
    if (m->flags & SYN_M_PERSON) return true;
    if (!m->agent || m->last == 0 || m->last > ss->n) return false;
    for (size_t k = 0; k < sizeof titles / sizeof *titles; k++)
        if (tok_is(&ss->toks[m->last - 1], titles[k])) return true;
    return false;
}

/* True when src and tgt, of one code, are two people: two the dictionary knows ("Trump
 * rebuffed Mattis"), or a person and an office holder named by the title, or two
 * offices ("He thanked the Amir", "the crown prince received the prime minister":
 * KWTGOV KWTGOV; where the sentence and the story name no other country than theirs).
 * Not a pronoun, a country or a body, which may be the source itself,
 * nor co-subjects; only for political codes (GOV, MIL, LEG, JUD, COP, SPY, PTY, OPP);
 * not in a statement (root 01: what an official says of his own government is no
 * dyad), nor in force (18-20). */
static bool distinct_same_code(const syn_sentence *ss, const syn_coref *cr, const syn_mention *src,
                               const syn_mention *tgt, const char *code) {
    unsigned no = SYN_M_PRONOUN | SYN_M_PLACE | SYN_M_NAMED_BEFORE | SYN_M_UNRESOLVED;
    static const char *const political[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY", "OPP"};
    size_t n = strlen(src->code);
    bool pol = false;
    for (size_t k = 0; n >= 6 && k < sizeof political / sizeof *political; k++)
        pol = pol || !strcmp(src->code + n - 3, political[k]);
    if (!pol || (src->flags & no) || (tgt->flags & no) || src->group == tgt->group ||
        (code[0] == '0' && code[1] == '1') || code[0] == '2' || (code[0] == '1' && code[1] >= '8'))
        return false;
    /* two parties the dictionaries name apart ("a BJP leader accused the Congress
     * party"): a country's parties share its code, PTY, and are rivals, not one actor */
    if (src->actor && tgt->actor && src->actor != tgt->actor && !((src->flags | tgt->flags) & SYN_M_PERSON) &&
        !strcmp(src->code + n - 3, "PTY") && dict_actor_code(src->actor, ss->date) &&
        !strcmp(dict_actor_code(src->actor, ss->date), src->code) && dict_actor_code(tgt->actor, ss->date) &&
        !strcmp(dict_actor_code(tgt->actor, ss->date), tgt->code))
        return true;
    if (!one_person(ss, src) || !one_person(ss, tgt)) return false;
    if ((src->flags & SYN_M_PERSON) && (tgt->flags & SYN_M_PERSON)) return src->actor != tgt->actor;
    /* a title takes its country from the context, which must name no other: "the
     * Uruguayan president met the emir" is no Uruguayan emir */
    char cc[4], oc[4];
    if (!coref_code_country(src->code, cc)) return false;
    for (size_t k = 0; k < ss->nm; k++)
        if (coref_code_country(ss->m[k].code, oc) && strcmp(oc, cc)) return false;
    for (size_t k = 0; k < cr->n_countries; k++)
        if (strcmp(cr->countries[k], cc)) return false;
    if (cr->home[0] && strcmp(cr->home, cc)) return false;
    return (src->flags & SYN_M_PERSON) || (tgt->flags & SYN_M_PERSON) || src->agent != tgt->agent;
}

/* True when tgt is the direct object of verb v, a verb of telling ("told the Pentagon
 * that", "briefed parliament"): the one addressed, not an actor what was said names.
 * Only a body of the state counts as addressed ("told Kenyans" names the country). */
static bool told_addressee(const syn_sentence *ss, size_t v, const syn_mention *tgt) {
    static const char *const tell[] = {"tell", "brief", "inform", "instruct", "order", "assure"};
    if (v >= ss->n || ss->toks[v].pos != LEX_POS_VERB) return false;
    bool telling = false;
    for (size_t k = 0; k < sizeof tell / sizeof tell[0] && !telling; k++) telling = tok_lemma_is(&ss->toks[v], tell[k]);
    if (!telling) return false;
    size_t f = v + 1;
    if (f < ss->n && ss->mention_at[f] < 0 && ss->toks[f].pos == LEX_POS_DET) f++;
    return tgt->first == f;
}

/* True when tgt is the speaker src's own state, or its own government or forces when a
 * government or its forces speak (docs/coding-policy.md, "Statements"). */
static bool speaker_own_state(const syn_mention *src, const syn_mention *tgt) {
    char scc[4];
    return strlen(src->code) > 3 && coref_code_country(src->code, scc) && !strncmp(scc, tgt->code, 3) &&
           (strlen(tgt->code) == 3 ||
            (strlen(src->code) == 6 && strlen(tgt->code) == 6 && !(tgt->flags & SYN_M_AGENT_ONLY) &&
             (!strcmp(src->code + 3, "GOV") || !strcmp(src->code + 3, "MIL")) &&
             (!strcmp(tgt->code + 3, "GOV") || !strcmp(tgt->code + 3, "MIL"))));
}

/* True when a country speaking (src a bare country code) names its own government or
 * forces: "France said French troops would stay" is France speaking of itself. */
static bool country_own_state(const syn_mention *src, const syn_mention *m) {
    size_t n = strlen(m->code);
    return strlen(src->code) == 3 && !strncmp(src->code, m->code, 3) &&
           (n == 3 || (n == 6 && !(m->flags & SYN_M_AGENT_ONLY) &&
                       (!strcmp(m->code + 3, "GOV") || !strcmp(m->code + 3, "MIL"))));
}

/* True when tgt is the news outlet that carried a statement ("told Reuters"). */
static bool news_outlet(const syn_mention *tgt) {
    size_t tl = strlen(tgt->code);
    return tl >= 6 && !strcmp(tgt->code + tl - 3, "MED") && !(tgt->flags & SYN_M_AGENT_ONLY);
}

/* The person entry of a source that names a dictionary person, or of a pronoun that
 * stands for one ("he said"), else NULL. */
static const dict_actor *speaker_entry(const syn_mention *m) {
    const dict_actor *a = (m->flags & SYN_M_PRONOUN) ? m->referent : (m->flags & SYN_M_PERSON) ? m->actor : NULL;
    return a && dict_actor_is_person(a) ? a : NULL;
}

/* A person's saying that its own words do not date ("Bolton said.") is told on the
 * occasion the story dated for that person's last saying ("During a visit to Jerusalem on
 * Sunday, Bolton said ..."): wire copy names the day once and quotes on. It takes that
 * day when it is before the story's date and at most COREF_SPEAKER_DAY_REACH days
 * before; a saying dated by a day of its own becomes the person's day. */
static void speaker_day(dyad_coder *c, const syn_mention *src, dyad_event *e, int saying, dyad_buf *ex) {
    const dict_actor *who = saying == MODALITY_NOT_SAYING || !e->story_date ? NULL : speaker_entry(src);
    if (!who) return;
    syn_coref *cr = &c->cr;
    size_t k = 0;
    while (k < cr->n_speaker_days && cr->speaker_days[k].who != who) k++;
    if (saying == MODALITY_SAYING_DATED) {
        if (e->date_precision != DYAD_DATE_DAY) return;
        if (k == COREF_SPEAKER_DAYS) { /* the oldest is forgotten */
            memmove(cr->speaker_days, cr->speaker_days + 1, (COREF_SPEAKER_DAYS - 1) * sizeof cr->speaker_days[0]);
            k--;
        }
        if (k == cr->n_speaker_days) cr->n_speaker_days++;
        cr->speaker_days[k].who = who;
        cr->speaker_days[k].date = e->date;
        return;
    }
    if (k == cr->n_speaker_days) return;
    int32_t d = cr->speaker_days[k].date;
    if (d >= e->story_date || d < dyad_date_add_days(e->story_date, -COREF_SPEAKER_DAY_REACH)) return;
    char buf[16];
    buf_printf(ex, "    date %s: the day the story gave this speaker's earlier saying\n", dyad_date_format(d, buf));
    e->date = d;
    e->date_precision = DYAD_DATE_DAY;
}

/* True when verb token t gives a distinction (award, honour, decorate, reward, confer):
 * a ceremony when its receiver is private or unnamed; with a receiver named,
 * congratulating is one too. */
static bool ceremony_verb(const tok *t, bool has_target) {
    static const char *const give[] = {"award", "honour", "honor", "decorate", "reward", "confer"};
    return tok_lemma_in(t, give, sizeof give / sizeof *give) || (has_target && tok_lemma_is(t, "congratulate"));
}

/* How many words of its subject may stand between "where" and its verb ("where
 * Kenya's president and his rival meet"). */
#define WHERE_SUBJECT_TOKENS 8u

/* True when verb v closes a clause of "where" whose antecedent is a noun of a matter
 * ("areas", "point", "issue", "ground"), with only its subject between and nothing after
 * it but punctuation: "the few areas where Ruto and Museveni meet". */
static bool where_of_matter(const syn_sentence *ss, size_t v) {
    static const char *const matters[] = {"area", "point", "issue", "ground", "question", "subject", "topic",
                                          "matter", "field", "respect"};
    if (v + 1 < ss->n && ss->toks[v + 1].cls == TOK_WORD) return false; /* "meet in", "meet on Monday" */
    for (size_t k = 1; k <= WHERE_SUBJECT_TOKENS && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (tok_is(t, "where")) {
            if (v - k == 0) return false;
            const tok *a = &ss->toks[v - k - 1];
            return tok_lemma_in(a, matters, sizeof matters / sizeof *matters);
        }
        if (t->cls != TOK_WORD && t->cls != TOK_POSS) return false;
        if (t->pos == LEX_POS_VERB && !(t->tags & LEX_AUX)) return false;
    }
    return false;
}

/* How many words of a speaker's phrase are read for "source" or "sources" ("two
 * sources in the ruling party"). */
#define SOURCE_PHRASE_TOKENS 6u

/* True when the speaker's phrase of a saying verb has "source" or "sources" for its
 * noun: before the verb when at is where the verb group begins ("a senior military
 * source", "sources have"), after it when after is set ("said a source close to"). The
 * walk stops at punctuation, a quotation mark or another verb. */
static bool anonymous_source(const syn_sentence *ss, size_t at, bool after) {
    for (size_t k = 0; k < SOURCE_PHRASE_TOKENS; k++) {
        size_t u;
        if (after) {
            u = at + k;
            if (u >= ss->n) return false;
        } else {
            if (k >= at) return false;
            u = at - 1 - k;
        }
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD) return false;
        if (tok_is(t, "source") || tok_is(t, "sources")) return true;
        if (t->pos == LEX_POS_VERB && !(t->tags & LEX_AUX)) return false;
        if (t->tags & (LEX_CONJ | LEX_SUBCONJ | LEX_REL)) return false;
    }
    return false;
}

/* A state body named without a country ("the government", "the police", "the courts")
 * that a domestic actor of a known country acts on, the opposition, a party, lawmakers,
 * a court or the country's people ("Labour leader Jeremy Corbyn accused the government",
 * "the father of a British-born teenager urged the government"), is that country's
 * own: a copy of tgt with the source's country in own, else NULL. Not the army, which
 * fights abroad as often as at home, nor a body a government or a country acts on
 * (foreign as often as its own). */
static const syn_mention *own_state_body(const syn_mention *src, const syn_mention *tgt, syn_mention *own) {
    static const char *const bodies[] = {"GOV", "LEG", "JUD", "COP"};
    static const char *const domestic[] = {"OPP", "PTY", "LEG", "JUD", "CVL", "LAB", "EDU"};
    char cc[4];
    if (!tgt || !(tgt->flags & SYN_M_AGENT_ONLY) || strncmp(tgt->code, "---", 3) || strlen(tgt->code) != 6 ||
        strlen(src->code) != 6 || !coref_code_country(src->code, cc))
        return NULL;
    bool body = false, home = false;
    for (size_t k = 0; k < sizeof bodies / sizeof *bodies; k++) body |= !strcmp(tgt->code + 3, bodies[k]);
    for (size_t k = 0; k < sizeof domestic / sizeof *domestic; k++) home |= !strcmp(src->code + 3, domestic[k]);
    if (!body || !home) return NULL;
    *own = *tgt;
    memcpy(own->code, cc, 3);
    return own;
}

static int push_event(dyad_coder *c, const syn_sentence *ss, const match_result *mt, size_t v,
                      const syn_mention *src, const syn_mention *tgt, const char *code,
                      dyad_buf *ex) {
    const dyad_story *s = ss->story;
    syn_mention own;
    const syn_mention *ot = own_people(ss, src, tgt, (code[0] - '0') * 10 + (code[1] - '0'), &own);
    if (ot) {
        buf_printf(ex, "    target %s: the state's own people, %s\n", tgt->code, ot->code);
        tgt = ot;
    }
    syn_mention body;
    const syn_mention *ob = own_state_body(src, tgt, &body);
    if (ob) {
        buf_printf(ex, "    target %s: a domestic actor's own state body, %s\n", tgt->code, ob->code);
        tgt = ob;
    }
    if (c->opt.require_dyad && !tgt) {
        buf_printf(ex, "    not emitted: no target (require_dyad is on)\n");
        return DYAD_OK;
    }
    /* A statement is not aimed at the speaker's own state: "Erdogan said Turkey would
     * stall its offensive", "the Kremlin said Russia would keep a force in Syria" are
     * TURGOV and RUSGOV speaking, with no target; nor, for a government or its forces
     * speaking, at that state's government or forces ("Erdogan said two Turkish soldiers
     * were killed", "Trump announced US troops would leave"), nor, for a country
     * speaking, at its own government or forces ("France said French troops would stay")
     * (docs/coding-policy.md, "Statements"). */
    if (tgt && code[0] == '0' && code[1] == '1' && (speaker_own_state(src, tgt) || country_own_state(src, tgt)) &&
        !(strlen(tgt->code) > 3 && strcmp(src->code, tgt->code) && told_addressee(ss, v, tgt))) {
        if (c->opt.require_dyad) {
            buf_printf(ex, "    not emitted: a statement of %s about its own state %s\n", src->code, tgt->code);
            return DYAD_OK;
        }
        buf_printf(ex, "    the target is the speaker's own state (%s): no target\n", tgt->code);
        tgt = NULL;
    }
    /* Nor at the news outlet that carried it: "told Reuters", "said in an interview with
     * Al Jazeera" name where the words were said, not whom they were aimed at. */
    if (tgt && code[0] == '0' && code[1] == '1' && news_outlet(tgt)) {
        if (c->opt.require_dyad) {
            buf_printf(ex, "    not emitted: a statement to the news outlet %s\n", tgt->code);
            return DYAD_OK;
        }
        buf_printf(ex, "    the target is the news outlet that carried it (%s): no target\n", tgt->code);
        tgt = NULL;
    }
    /* "a military source told Reuters", "sources have told the Guardian": a plain
     * statement whose speaker is an anonymous source is the outlet's attribution of its
     * news, no act of the speaker's side (docs/coding-policy.md, "Reported speech") */
    if (!tgt && !strcmp(code, "010") && v < ss->n && (ss->toks[v].tags & LEX_SAY) &&
        (anonymous_source(ss, v, false) || anonymous_source(ss, v + 1, true))) {
        buf_printf(ex, "    not emitted: its speaker is an anonymous source, the outlet's attribution\n");
        return DYAD_OK;
    }
    if (tgt && !strcmp(src->code, tgt->code) && !distinct_same_code(ss, &c->cr, src, tgt, code)) {
        if (c->opt.require_dyad) {
            buf_printf(ex, "    not emitted: source and target are the same actor %s\n", src->code);
            return DYAD_OK;
        }
        buf_printf(ex, "    the target is the source itself (%s): no target\n", src->code);
        tgt = NULL;
    }
    /* Material cooperation and aid (roots 06-07) go from one party to another: with no
     * party named to receive them they are a standing role or a thing done to things
     * ("has invested heavily in the region", "protecting the environment", "the
     * government's role is to provide information"), no event (docs/coding-policy.md,
     * "One-actor events"). */
    if (!tgt && code[0] == '0' && (code[1] == '6' || code[1] == '7')) {
        buf_printf(ex, "    not emitted: %s (material cooperation or aid) names no party it goes to\n", code);
        return DYAD_OK;
    }
    /* An unnamed agent alone ("a senior official said") is no event of dyad's; TABARI
     * and PETRARCH code it as ---GOV, so a community agent keeps it when one-actor
     * events are allowed. */
    if (!tgt && !strncmp(src->code, "---", 3) && strlen(src->code) <= 6 &&
        !(src->agent && !src->actor && dict_actor_is_community(src->agent))) {
        buf_printf(ex, "    not emitted: its only actor is an unknown %s\n", src->code);
        return DYAD_OK;
    }
    if (tgt && !strncmp(src->code, "---", 3) && !strncmp(tgt->code, "---", 3)) {
        buf_printf(ex, "    not emitted: neither actor is known (%s, %s)\n", src->code, tgt->code);
        return DYAD_OK;
    }
    if (tgt && (tgt->flags & SYN_M_AGENT_ONLY) && code[0] == '0' && code[1] == '1') {
        buf_printf(ex, "    not emitted: a statement to an unnamed group (%s)\n", tgt->code);
        return DYAD_OK;
    }
    /* Who can make the event (docs/coding-policy.md, "Who acts"). Words (roots 01-02)
     * are events only from a political speaker, or when aimed at a political actor
     * ("journalists appealed to the government"). The private life of civilians,
     * business and the like is no political event: a private source needs a political
     * target, except in demands (10) and protests (14), and in force (15, 17-20) against
     * private targets ("smugglers kidnapped migrants"). A bare country after a
     * preposition is where a private act went ("halted flights to China"), not whom it
     * was aimed at. */
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root <= 2 && !political_speaker(ss, src) && !(tgt && political_speaker(ss, tgt))) {
        buf_printf(ex, "    not emitted: %s is no political speaker and speaks to no political actor\n",
                   src->code);
        return DYAD_OK;
    }
    /* "Syrian state media reported that a deal was imminent", "..., state news agency
     * KUNA reported": a news medium's plain report or statement (010), state media
     * included, is where the news comes from, not an act of the medium; its appeals,
     * demands and accusations stay. */
    if (!strcmp(code, "010") && has_block(src->code, "MED")) {
        buf_printf(ex, "    not emitted: a news medium's report (%s) is the source of the news, no statement\n",
                   src->code);
        return DYAD_OK;
    }
    bool private_src = actor_standing(src->code) == STANDING_PRIVATE && !government_body(ss, src);
    if (private_src && root > 2 && root != 10 && root != 14) {
        bool place = tgt && place_phrase(ss, tgt);
        bool private_tgt = tgt && actor_standing(tgt->code) == STANDING_PRIVATE && !government_body(ss, tgt);
        if (!tgt || place || (private_tgt && (root <= 13 || root == 16))) {
            buf_printf(ex, "    not emitted: a private actor (%s) and no political target (%s), no political event\n",
                       src->code, !tgt ? "none" : place ? "a place" : tgt->code);
            return DYAD_OK;
        }
    }
    /* An award or honour (051 from a verb of distinction) given to a private person or
     * to no one named ("the president awarded the top students", "the fire chief
     * honoured a passer-by for saving a child", "a medal was awarded by the governor")
     * is a ceremony, for which CAMEO has no code; congratulating a private person on a
     * prize, an exam or a feat is the same. Honours to a state, its leaders or forces
     * stay praise (docs/coding-policy.md, "Who acts"). */
    if (!strcmp(code, "051") && v < ss->n && ceremony_verb(&ss->toks[v], tgt != NULL) &&
        (!tgt || (actor_standing(tgt->code) == STANDING_PRIVATE && !government_body(ss, tgt)))) {
        buf_printf(ex, "    not emitted: an honour from '%s' to %s is a ceremony, no political event\n",
                   ss->toks[v].norm, tgt ? tgt->code : "no one named");
        return DYAD_OK;
    }
    /* A material act with no target (roots 04-09, 12, 14-20), told below the story's
     * first ONE_ACTOR_UNDATED_TOP sentences in a sentence that names no time of the news
     * (no weekday, "today", "yesterday", week or month): a standing policy, a record or
     * the background of the news ("has banned such cash transfers", "border authorities
     * seizing contraband", "Police are investigating suspicions"), not an act of the
     * day; the judged samples found such events right one time in six. Words (01-03,
     * 10, 11, 13) keep one actor. */
    if (!tgt && root >= 4 && root != 10 && root != 11 && root != 13 && ss->index >= ONE_ACTOR_UNDATED_TOP &&
        !modality_names_time(ss)) {
        buf_printf(ex, "    not emitted: a one-actor act (%s) below the story's top that names no time of the news\n",
                   code);
        return DYAD_OK;
    }
    if (!strncmp(code, "042", 3) || !strncmp(code, "043", 3)) {
        const syn_mention *who = !strncmp(code, "042", 3) ? src : tgt;
        if (who && !can_visit(who->code)) {
            buf_printf(ex, "    not emitted: %s makes no official visit (%s)\n", who->code,
                       code[2] == '2' ? "the visitor" : "the host");
            return DYAD_OK;
        }
    }
    const dyad_cameo *cm = dyad_cameo_find(c->dict, code);
    if (!cm) {
        buf_printf(ex, "    not emitted: %s is not in the CAMEO table\n", code);
        return DYAD_OK;
    }
    /* Whatever dates an act (its own words, its saying's: "said last month that Russia
     * would shoot down", a month of another clause), an act dated more than a week before
     * the story is a recap or misdated: no event of the story's days. */
    int date_prec, saying;
    int32_t date = modality_event_date(ss, v, &date_prec, &saying);
    if (s->date && date && date < s->date && modality_older_than_news(date, date_prec, s->date)) {
        buf_printf(ex, "    not emitted: background, dated well before the story (%d)\n", (int)date);
        return DYAD_OK;
    }
    /* A saying dated by its own words in an earlier year than the story's ("The World
     * Bank said in 2012 that", "In 2018, Egypt announced that it will contribute"): a
     * quotation recalled, not the news. */
    int said_in = saying == MODALITY_SAYING_DATED && date_prec == DYAD_DATE_YEAR ? (int)(date / 10000)
                  : saying == MODALITY_SAYING_UNDATED && !s->date     ? modality_saying_year(ss, v)
                                                                      : 0;
    if (said_in && ss->year > 0 && said_in < ss->year) {
        buf_printf(ex, "    not emitted: background, a saying dated in an earlier year (%d)\n", said_in);
        return DYAD_OK;
    }
    /* An act dated after the story has not happened ("are due to meet in Tehran on
     * Friday", "will travel to Paris for talks on Tuesday", "will extend sanctions in
     * May"): what the story reports is the plan or the intent, told on the day of the
     * report, its saying's day when the sentence dates one ("said on Monday it would"). */
    if (s->date && date > s->date) {
        int32_t told = modality_report_date(ss);
        char buf[16];
        buf_printf(ex, "    date %s: the day the plan was told, not the day it looks forward to\n",
                   dyad_date_format(told, buf));
        date = told;
        date_prec = DYAD_DATE_DAY;
    }
    /* One act told by two verbs ("was shot and killed", "stabbed and killed") is one
     * event, the more specific: a killing coded from the verb before "and" (1823, 186,
     * 1831-1833) makes the 190 of "killed" no second event. */
    if (!strcmp(code, "190") && tok_lemma_is(&ss->toks[v], "kill") && v >= 2 && tok_is(&ss->toks[v - 1], "and") &&
        ss->toks[v - 2].pos == LEX_POS_VERB) {
        uint32_t at = ss->toks[v - 2].start;
        for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index;) {
            const dyad_event *p = &c->ev[i];
            bool killing = !strcmp(p->code, "1823") || !strcmp(p->code, "186") || !strncmp(p->code, "183", 3);
            if (killing && p->verb_span.start <= at && at < p->verb_span.end && !strcmp(p->source, src->code) &&
                !strcmp(p->target, tgt ? tgt->code : "")) {
                buf_printf(ex, "    not emitted: the killing is coded from '%s' (%s)\n", ss->toks[v - 2].norm, p->code);
                return DYAD_OK;
            }
        }
    }
    /* The same event twice from one sentence ("met ..., becoming the first to meet") is
     * one event. */
    for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index;)
        if (!strcmp(c->ev[i].source, src->code) && !strcmp(c->ev[i].target, tgt ? tgt->code : "") &&
            !strcmp(c->ev[i].code, code)) {
            buf_printf(ex, "    not emitted: already coded from this sentence\n");
            return DYAD_OK;
        }
    /* ... and so is the same act with its target left out by a second verb ("shut its
     * borders to Iran and cut flights"): the conjoined verb repeats the act, aimed where
     * the first one said */
    if (!tgt)
        for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index;)
            if (!strcmp(c->ev[i].source, src->code) && c->ev[i].target[0] && !strcmp(c->ev[i].code, code)) {
                buf_printf(ex, "    not emitted: coded from this sentence with its target, %s\n", c->ev[i].target);
                return DYAD_OK;
            }
    if (c->opt.one_a_story)
        for (size_t i = 0; i < c->n_ev; i++)
            if (!strcmp(c->ev[i].source, src->code) && !strcmp(c->ev[i].target, tgt ? tgt->code : "") &&
                !strcmp(c->ev[i].code, code)) {
                buf_printf(ex, "    not emitted: one-a-story, same as event of sentence %u\n", c->ev[i].sentence);
                return DYAD_OK;
            }
    if (c->n_ev == c->cap_ev) {
        size_t cap = c->cap_ev ? c->cap_ev * 2 : 16;
        dyad_event *nv = realloc(c->ev, cap * sizeof *nv);
        if (!nv) return DYAD_ENOMEM;
        c->ev = nv;
        c->cap_ev = cap;
    }
    dyad_event *e = &c->ev[c->n_ev];
    memset(e, 0, sizeof *e);
    const dyad_sentence *sent = &s->sentences[ss->index];
    e->story = s->id;
    e->url = s->url;
    e->story_date = s->date;
    e->date_source = s->date ? s->date_source : NULL;
    e->publisher = s->publisher;
    e->sentence = ss->index;
    e->date = date;
    e->date_precision = date_prec;
    speaker_day(c, src, e, saying, ex);
    str_set(e->source, sizeof e->source, src->code);
    str_set(e->target, sizeof e->target, tgt ? tgt->code : "");
    e->source_span = mention_span(ss, src);
    e->source_text = mention_name(c, s, ss, src);
    if (tgt) {
        e->target_span = mention_span(ss, tgt);
        e->target_text = mention_name(c, s, ss, tgt);
    }
    e->verb_span.start = ss->toks[v - mt->p->n_head].start;
    e->verb_span.end = ss->toks[mt->end > v ? mt->end : v].end;
    str_set(e->code, sizeof e->code, cm->code);
    e->root = cm->root;
    e->quad_class = cm->quad_class;
    e->goldstein = cm->goldstein;
    e->text = sent->text;
    locate(c, ss, v, src, tgt, e, ex);
    /* CAMEO 044: a meeting on neither party's territory ("Trump met Kim in Singapore"). */
    if (tgt && !strcmp(e->code, "040") && tok_lemma_is(&ss->toks[v], "meet") && e->location_country &&
        strlen(e->location_country) == 3 && strncmp(e->source, e->location_country, 3) &&
        strncmp(e->target, e->location_country, 3) && strncmp(e->source, "IGO", 3) &&
        strncmp(e->target, "IGO", 3) && strncmp(e->source, "---", 3) && strncmp(e->target, "---", 3)) {
        const dyad_cameo *third = dyad_cameo_find(c->dict, "044");
        if (third) {
            buf_printf(ex, "    met in %s, neither party's country: 040 becomes 044\n", e->location_country);
            str_set(e->code, sizeof e->code, third->code);
            e->root = third->root;
            e->quad_class = third->quad_class;
            e->goldstein = third->goldstein;
            cm = third;
        }
    }
    e->code_name = cm->name;
    dyad_rule *rules = arena_calloc(&c->story_mem, 8, sizeof *rules);
    if (!rules || !e->source_text) return DYAD_ENOMEM;
    size_t nr = 0;
    add_rule(c, rules, &nr, "actor", src->actor);
    add_rule(c, rules, &nr, "agent", src->agent);
    add_rule(c, rules, &nr, "actor", src->extra);
    rules[nr].kind = "verb";
    rules[nr].file = mt->p->file;
    rules[nr].line = mt->p->line;
    rules[nr].text = mt->p->text;
    nr++;
    if (tgt) {
        add_rule(c, rules, &nr, "actor", tgt->actor);
        add_rule(c, rules, &nr, "agent", tgt->agent);
        add_rule(c, rules, &nr, "actor", tgt->extra);
    }
    e->rules = rules;
    e->n_rules = nr;
    c->n_ev++;
    buf_printf(ex, "    EVENT %s -> %s %s (%s, Goldstein %.1f)\n", e->source, e->target[0] ? e->target : "-",
              e->code, cm->name, cm->goldstein);
    return DYAD_OK;
}

/* The first token after verb v past adverbs and dates ("agreed today that",
 * "threatened on Monday to"). */
static size_t after_adverbials(const syn_sentence *ss, size_t v) { return match_past_adverbials(ss, v + 1); }

/* True when a clause follows verb v as its object ("demanded that", "warned:", "threatened
 * to"): the object of a verb of saying, appealing, demanding, accusing or threatening. */
static bool has_clause(const syn_sentence *ss, size_t v) {
    size_t w = after_adverbials(ss, v);
    if (w >= ss->n) return false;
    const tok *t = &ss->toks[w];
    /* "threatened to resume attacks", "demanded to see the minister" */
    if (tok_is(t, "to") && w + 1 < ss->n && ss->toks[w + 1].cls == TOK_WORD && (ss->toks[w + 1].tags & LEX_VERB))
        return true;
    return tok_is(t, "that") || (t->cls != TOK_WORD && t->norm_len == 1 && strchr(":\"", t->norm[0]));
}

/* True when a noun phrase follows verb v (over adverbs): its object, known actor or
 * not ("killed four people", "killed at least 20"). */
/* A verb's particle that may stand before its object ("handed over the hostages"). */
static bool particle(const tok *t) {
    return tok_is(t, "over") || tok_is(t, "back") || tok_is(t, "out") || tok_is(t, "up") ||
           tok_is(t, "off") || tok_is(t, "down") || tok_is(t, "away");
}

/* True when what follows token v (past adverbials) is a noun phrase of things: nouns,
 * adjectives and determiners up to its head, none of them an actor ("documents on the
 * case", "fierce resistance"). */
static bool thing_object(const syn_sentence *ss, size_t v) {
    size_t w = after_adverbials(ss, v);
    bool noun = false;
    for (size_t k = w; k < ss->n && k < w + 6; k++) {
        const tok *t = &ss->toks[k];
        if (ss->mention_at[k] >= 0) return false;
        if (t->cls == TOK_NUMBER) continue;
        if (t->cls != TOK_WORD) break;
        if (t->pos == LEX_POS_NOUN) noun = true;
        else if (t->pos == LEX_POS_DET || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NUM) {
            if (noun) break;
        } else
            break;
    }
    return noun;
}

/* True when the word right after token v is a verb in its bare form that opens its own
 * object ("helped repair the country's fabric", "help raise a border force"): that is no
 * object of v but the act v helps along, whose object is no receiver of v. */
static bool bare_infinitive_after(const syn_sentence *ss, size_t v) {
    size_t w = v + 1;
    if (w + 1 >= ss->n || ss->mention_at[w] >= 0) return false;
    const tok *t = &ss->toks[w];
    if (t->cls != TOK_WORD || !(t->tags & LEX_VERB) ||
        (t->tags & (LEX_PAST | LEX_GERUND | LEX_PLURAL | LEX_PROPER | LEX_ADJ | LEX_SAY)) ||
        (t->pos != LEX_POS_VERB && t->pos != LEX_POS_NOUN) || !t->lemma || strcmp(t->lemma, t->norm) != 0)
        return false;
    const tok *nx = &ss->toks[w + 1];
    return ss->mention_at[w + 1] >= 0 || nx->cls == TOK_POSS ||
           (nx->cls == TOK_WORD && (nx->pos == LEX_POS_DET || nx->pos == LEX_POS_POSSPRON || nx->pos == LEX_POS_PROPER));
}

/* True when token v, an "-ing" form with no subject or auxiliary before it (a
 * determiner, a preposition, an adjective or nothing), stands right before a noun: it
 * describes that noun ("for retreating rebels", "as bargaining tools"), it reports no act. */
static bool ing_modifier(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND) || v + 1 >= ss->n) return false;
    if (v > 0) {
        const tok *b = &ss->toks[v - 1];
        if (b->cls == TOK_POSS) {
        } else if (b->cls != TOK_WORD || ss->mention_at[v - 1] >= 0 ||
                   !(b->pos == LEX_POS_DET || b->pos == LEX_POS_PREP || b->pos == LEX_POS_ADJ ||
                     b->pos == LEX_POS_POSSPRON))
            return false;
    }
    const tok *n = &ss->toks[v + 1];
    return ss->mention_at[v + 1] >= 0 ||
           (n->cls == TOK_WORD && (n->pos == LEX_POS_NOUN || n->pos == LEX_POS_PROPER));
}

/* True when the "-ing" form v is an adjective before its noun whatever the verb's pattern:
 * after a determiner or a possessive ("the surrounding villages", "its ruling party"), or
 * after "and" joining it to a name before ("Jakarta and surrounding areas"), with a noun
 * or an actor right after it. */
static bool ing_adjective(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_GERUND) || v == 0 || v + 1 >= ss->n) return false;
    const tok *b = &ss->toks[v - 1];
    if (b->cls != TOK_WORD || ss->mention_at[v - 1] >= 0) return false;
    bool det = (b->pos == LEX_POS_DET || b->pos == LEX_POS_POSSPRON) && !tok_is(b, "that");
    bool named = (tok_is(b, "and") || tok_is(b, "or")) && v >= 2 &&
                 (ss->mention_at[v - 2] >= 0 || ss->toks[v - 2].pos == LEX_POS_PROPER);
    if (!det && !named) return false;
    const tok *n = &ss->toks[v + 1];
    int32_t mi = ss->mention_at[v + 1];
    if (mi >= 0) return !(ss->m[mi].flags & SYN_M_PRONOUN); /* "and removing our presence" acts */
    return n->cls == TOK_WORD && n->pos == LEX_POS_NOUN;
}

static bool has_object(const syn_sentence *ss, size_t v) {
    size_t w = after_adverbials(ss, v);
    if (w >= ss->n) return false;
    const tok *t = &ss->toks[w];
    if (tok_is(t, "there")) return false; /* "agreed there was a need" */
    if (t->cls == TOK_NUMBER || t->cls == TOK_POSS) return true;
    if (t->cls != TOK_WORD) return false;
    switch (t->pos) {
    case LEX_POS_ADJ: {
        /* "fought hard to keep", "turned nasty": an adjective that heads no noun phrase
         * (nothing nominal follows it) is an adverbial or a complement, no object */
        if (ss->mention_at[w] >= 0 || w + 1 >= ss->n) return true;
        const tok *nx = &ss->toks[w + 1];
        return ss->mention_at[w + 1] >= 0 || nx->cls == TOK_NUMBER || nx->cls == TOK_POSS ||
               (nx->cls == TOK_WORD && (nx->pos == LEX_POS_NOUN || nx->pos == LEX_POS_PROPER ||
                                        nx->pos == LEX_POS_ADJ || nx->pos == LEX_POS_NUM ||
                                        nx->pos == LEX_POS_DET || (nx->tags & LEX_CONJ)));
    }
    case LEX_POS_DET: case LEX_POS_NOUN: case LEX_POS_PROPER:
    case LEX_POS_POSSPRON: case LEX_POS_NUM: case LEX_POS_PRON:
        return true;
    case LEX_POS_PREP: /* "at least 20", "more than 100", "denounced as a crime" */
        if (tok_is(t, "as")) return true;
        for (size_t k = w + 1; k < ss->n && k <= w + 2; k++)
            if (ss->toks[k].cls == TOK_NUMBER || ss->toks[k].pos == LEX_POS_NUM) return true;
        return false;
    default:
        return ss->mention_at[w] >= 0;
    }
}

/* True when verb v is an -ing participle right after a plural common noun that names no
 * actor: "a network of agents working for Israel", "companies selling arms to Iran". The
 * participle describes that noun (a reduced relative clause); its subject is the noun,
 * not the clause's subject ("Iran said its forces had arrested agents working for
 * Israel" is no cooperation of Iran's forces with Israel). Not after a word of time
 * ("on Sunday morning killing"). The caller applies it to acts only: a document's or a
 * crowd's words ("a declaration demanding", "a resolution censuring") are its
 * author's. */
/* The speaker of the words said that hold passive verb v: "Maduro announced that the
 * joint commission would be reactivated", "the minister said cooperation with Algeria
 * will be expanded". The nearest verb of saying before v in the sentence, with no
 * sentence end between, and its subject a named political speaker, with *said set to
 * the verb of saying; else -1. A future passive with no agent, announced, tells what the
 * speaker's side will do. */
static int32_t passive_speaker(const syn_sentence *ss, size_t v, size_t *said) {
    for (size_t u = v; u-- > 0;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_END) return -1;
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[u] || ss->mention_at[u] >= 0) {
            /* only the clause right after the verb of saying: "(that) the commission would
             * be reactivated", its subject's words and the modal (a verb that may be an
             * adjective, "direct flights", is read as one); no other verb, comma or
             * clause word ("as fighters will soon be released", "how the injured would be
             * evacuated", "until elections will be held") */
            if (u + 1 < v && (t->cls != TOK_WORD || (t->pos == LEX_POS_VERB && !(t->tags & (LEX_AUX | LEX_ADJ))) ||
                              (t->tags & LEX_NEG) || tok_is(t, "as") || tok_is(t, "how") || tok_is(t, "until") ||
                              tok_is(t, "if") || tok_is(t, "unless") || tok_is(t, "when") || tok_is(t, "whether") ||
                              tok_is(t, "while") || tok_is(t, "because") || tok_is(t, "before") || tok_is(t, "after") ||
                              tok_is(t, "why") || tok_is(t, "which") || tok_is(t, "who")))
                return -1;
            continue;
        }
        const char *why = NULL;
        if (modality_of_saying(ss, u, &why) != MOD_NONE || modality_background_year(ss, u)) return -1;
        int32_t spk = roles_subject(ss, u);
        if (spk < 0 || (ss->m[spk].flags & (SYN_M_AGENT_ONLY | SYN_M_UNRESOLVED))) return -1;
        *said = u;
        return political_speaker(ss, &ss->m[spk]) ? spk : -1;
    }
    return -1;
}

static int32_t other_actor_said(const syn_sentence *ss, size_t v, const syn_mention *spk, dyad_buf *ex);


/* The court or police that reports the passive legal action at v ("X was sentenced to
 * ten years in prison, the court said"; "..., police said in a statement"): the subject
 * of the first verb of saying after v, when a comma stands before it (the attribution
 * closes the sentence) and it is a judicial or police body of a known country; else -1.
 * A court that tells of a sentence with no agent passed it (sentenced, convicted, jailed,
 * imprisoned); police that tell of an arrest made it (arrested, detained, apprehended,
 * nabbed); either may have charged, indicted or prosecuted. */
static int32_t legal_reporter(const syn_sentence *ss, size_t v) {
    for (size_t u = v + 1; u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_END) return -1;
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[u] || ss->mention_at[u] >= 0) continue;
        int32_t spk = roles_subject(ss, u);
        if (spk < 0) return -1;
        const syn_mention *m = &ss->m[spk];
        if (m->first <= v || m->last > u || strlen(m->code) < 6 || !strncmp(m->code, "---", 3)) return -1;
        /* courts sentence, police arrest; either may charge */
        const tok *a = &ss->toks[v];
        bool court = tok_lemma_is(a, "sentence") || tok_lemma_is(a, "convict") || tok_lemma_is(a, "jail") ||
                     tok_lemma_is(a, "imprison");
        bool police = tok_lemma_is(a, "arrest") || tok_lemma_is(a, "detain") || tok_lemma_is(a, "apprehend") ||
                      tok_lemma_is(a, "nab");
        bool either = tok_lemma_is(a, "charge") || tok_lemma_is(a, "indict") || tok_lemma_is(a, "prosecute");
        if (!((!strncmp(m->code + 3, "JUD", 3) && (court || either)) ||
              (!strncmp(m->code + 3, "COP", 3) && (police || either))))
            return -1;
        size_t c = m->first;
        while (c > v + 1 && ss->toks[c - 1].cls == TOK_WORD && (ss->toks[c - 1].tags & LEX_DET)) c--;
        return c > v + 1 && tok_punct_is(&ss->toks[c - 1], ',') ? spk : -1;
    }
    return -1;
}


/* "a Russian fighter jet was shot down by rebels", "Ankara's demands were rebuffed by
 * Moscow": true when a word of pattern p stands in the passive subject's noun phrase,
 * from mention subj up to the verb v with only nouns, adjectives, numbers and a
 * possessive between: the subject is then the pattern's object and its actor the
 * target. */
static bool passive_object_noun(const syn_sentence *ss, const dict_pattern *p, int32_t subj, size_t v) {
    const syn_mention *m = &ss->m[subj];
    if (m->flags & SYN_M_PLACE) return false; /* "the Geneva agreement was signed by" */
    for (size_t k = m->first; k < v; k++) {
        const tok *t = &ss->toks[k];
        if (k >= m->last && ss->mention_at[k] < 0 && t->cls != TOK_POSS && t->cls != TOK_NUMBER &&
            !(t->cls == TOK_WORD && (t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER || t->pos == LEX_POS_ADJ ||
                                     t->pos == LEX_POS_NUM)))
            return false;
        for (uint16_t e = 0; e < p->n_elem; e++) {
            const dict_elem *el = &p->elem[e];
            if (el->kind != DICT_EL_WORD) continue;
            for (uint16_t a = 0; a < el->n_alts; a++)
                if (t->word && t->word == el->alts[a]) return true;
        }
    }
    return false;
}

static bool participle_of_noun(const syn_sentence *ss, size_t v) {
    static const char *const when[] = {"morning", "afternoon", "evening", "night", "day", "week", "weekend",
                                       "month", "year", "today", "yesterday", "overnight"};
    if (v == 0 || !(ss->toks[v].tags & LEX_GERUND)) return false;
    const tok *n = &ss->toks[v - 1];
    if (n->cls != TOK_WORD || n->pos != LEX_POS_NOUN || !(n->tags & LEX_PLURAL) || ss->mention_at[v - 1] >= 0)
        return false;
    if (n->tags & (LEX_WEEKDAY | LEX_MONTH)) return false;
    for (size_t k = 0; k < sizeof when / sizeof *when; k++)
        if (tok_lemma_is(n, when[k])) return false;
    return true;
}

/* True when verb v is a past participle right after a common noun that names no actor,
 * the object of a verb before it in its clause, and a preposition follows: "according to
 * a special report submitted to the intelligence service", "condemned the aid sent to the
 * rebels": a passive reduced relative that says what was done to the thing, by someone
 * else, not an act of the clause's subject. */
static bool past_participle_of_noun(const syn_sentence *ss, size_t v) {
    const tok *t = ss->toks;
    if (v < 2 || !(t[v].tags & LEX_PAST) || (t[v].tags & LEX_PASSIVE) || v + 1 >= ss->n) return false;
    const tok *n = &t[v - 1];
    if (n->cls != TOK_WORD || n->pos != LEX_POS_NOUN || ss->mention_at[v - 1] >= 0) return false;
    if (n->tags & (LEX_WEEKDAY | LEX_MONTH)) return false;
    if (t[v + 1].cls != TOK_WORD || !(t[v + 1].tags & LEX_PREP) || match_temporal_len(ss, v + 1)) return false;
    /* the noun's phrase opens with a determiner or an adjective ("a special report") */
    size_t p = v - 1;
    /* a count in figures is part of it ("with 28 billion euros invested in") */
    while (p > 0 &&
           (t[p - 1].cls == TOK_NUMBER ||
            (t[p - 1].cls == TOK_WORD &&
             (t[p - 1].pos == LEX_POS_ADJ || t[p - 1].pos == LEX_POS_NUM || t[p - 1].pos == LEX_POS_NOUN))) &&
           ss->mention_at[p - 1] < 0)
        p--;
    if (p == 0 || t[p - 1].cls != TOK_WORD ||
        !(t[p - 1].pos == LEX_POS_DET || t[p - 1].pos == LEX_POS_PREP || t[p - 1].pos == LEX_POS_VERB))
        return false;
    /* ... and the sentence's own verb stands before it, made plain by an auxiliary or a
     * modal ("has been sharing", "are involved in the effort in towns recaptured from")
     * or a verb of saying: otherwise v may itself be the main verb after a subject that
     * a relative or a participle lengthens ("the lawmakers who signed the petition
     * called on", "bombers linked to the group killed") */
    if (tok_is(&t[v + 1], "at") && v + 2 < ss->n && (tok_is(&t[v + 2], "least") || tok_is(&t[v + 2], "most")))
        return false;
    for (size_t u = p; u-- > 0;)
        if (t[u].cls == TOK_WORD && (t[u].pos == LEX_POS_AUX || t[u].pos == LEX_POS_MODAL ||
                                     (t[u].pos == LEX_POS_VERB && (t[u].tags & LEX_SAY))))
            return true;
    return false;
}

/* How many words before an actor's phrase are read for the verb of seeing or the "with"
 * that makes a participle after the actor a report of the act. */
#define PARTICIPLE_LOOKBACK 6u

/* True when verb v is an -ing participle right after an actor named by a noun ("to
 * support rebel forces opposing the regime", "strongholds for rebels fighting the
 * president", "militias fighting against Turkey have ..."): a reduced relative clause
 * that says what the actor is or does in general, not what it did that day. Not after
 * a pronoun, not in a headline, and not where the actor is what someone saw, heard or
 * showed ("witnesses saw police beating protesters") or the subject of a "with" clause
 * ("marched on, with police firing tear gas"): those report the act. Nor after a
 * place ("blocked roads in Algiers demanding"), nor for protest, which the protesters'
 * noun names as it happens ("dispersed demonstrators protesting the results"). */
static bool participle_of_actor(const syn_sentence *ss, size_t v, bool headline) {
    static const char *const shown[] = {
        "see", "sees", "saw", "seen", "seeing", "watch", "watches", "watched", "watching", "hear", "hears",
        "heard", "hearing", "show", "shows", "showed", "shown", "showing", "film", "filmed", "filming",
        "witness", "witnessed", "witnessing", "spot", "spotted", "photograph", "photographed", "depict",
        "depicts", "depicted", "depicting", "catch", "caught", "with", "w/"};
    if (headline || v == 0 || !(ss->toks[v].tags & LEX_GERUND) || ss->toks[v].pos != LEX_POS_VERB) return false;
    int32_t mi = ss->mention_at[v - 1];
    const tok *n = &ss->toks[v - 1];
    if (mi < 0 || ss->m[mi].last != v || n->cls != TOK_WORD ||
        (n->pos != LEX_POS_NOUN && n->pos != LEX_POS_PROPER))
        return false;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    /* "blocked roads in Algiers demanding": after a place the participle is the
     * clause subject's */
    size_t p = ss->m[mi].first;
    while (p > 0 && ss->toks[p - 1].cls == TOK_WORD &&
           (ss->toks[p - 1].pos == LEX_POS_DET || ss->toks[p - 1].pos == LEX_POS_ADJ))
        p--;
    if (p > 0) {
        static const char *const where[] = {"in", "at", "near", "outside", "inside", "across", "around",
                                            "throughout"};
        for (size_t w = 0; w < sizeof where / sizeof *where; w++)
            if (tok_is(&ss->toks[p - 1], where[w])) return false;
    }
    /* the few words before the actor's phrase ("saw black-clad fighters", "with the
     * ruling and opposition parties"), back to a comma or other punctuation */
    size_t first = ss->m[mi].first;
    for (size_t k = first, q = 0; k > 0 && q < PARTICIPLE_LOOKBACK; k--, q++) {
        const tok *b = &ss->toks[k - 1];
        if (b->cls != TOK_WORD) break;
        for (size_t w = 0; w < sizeof shown / sizeof *shown; w++)
            if (tok_is(b, shown[w])) return false;
    }
    return true;
}

/* True when v is an appeal or a demand (roots 02, 10) by the subject of the verb that
 * addresses the actor before it ("wrote to President Moi urging him to"): no reduced
 * relative of that actor. */
static bool participle_of_addresser(const syn_sentence *ss, size_t v, int root) {
    return (root == 2 || root == 10) && roles_addressing_verb(ss, v) != SIZE_MAX;
}

/* True when mention group mi is verb v's direct object: only determiners, adjectives,
 * numbers and adverbs stand between them ("called the two bishops"), and no verb follows
 * it (in "agreed the regime had", the regime is the subject of what was agreed). */
static bool direct_object(const syn_sentence *ss, size_t v, int32_t mi) {
    const syn_mention *m = &ss->m[mi];
    int32_t last = mi;
    while (last + 1 < (int32_t)ss->nm && ss->m[last + 1].group == m->group) last++;
    size_t after = ss->m[last].last;
    while (after < ss->n && ss->toks[after].cls == TOK_WORD && ss->toks[after].pos == LEX_POS_ADV) after++;
    if (after < ss->n && ss->toks[after].cls == TOK_WORD &&
        (ss->toks[after].pos == LEX_POS_VERB || ss->toks[after].pos == LEX_POS_AUX ||
         ss->toks[after].pos == LEX_POS_MODAL))
        return false;
    if (m->first <= v) return false;
    for (size_t k = v + 1; k < m->first; k++) {
        const tok *t = &ss->toks[k];
        if (t->cls == TOK_NUMBER) continue;
        if (t->cls != TOK_WORD) return false;
        if (t->pos != LEX_POS_DET && t->pos != LEX_POS_ADJ && t->pos != LEX_POS_NUM && t->pos != LEX_POS_ADV &&
            t->pos != LEX_POS_POSSPRON)
            return false;
    }
    return true;
}

/* "agreed to restore relations", "refused to meet": when verb v governs the modality of
 * an infinitive ("to" + a verb with a matching pattern, at most one word between), that
 * infinitive is the event (with v's modality) and v is none, unless v's own pattern
 * spans the infinitive ("threaten to attack"). Returns the infinitive's token, or
 * SIZE_MAX. */
static size_t governed_infinitive(const dyad_coder *c, const syn_sentence *ss, size_t v, bool headline) {
    if (!modality_governs(&ss->toks[v])) return SIZE_MAX;
    size_t after = after_adverbials(ss, v); /* "threatened on Monday to secede" */
    size_t at[3] = {v + 1, v + 2, after};
    for (size_t q = 0; q < 3; q++) {
        size_t k = at[q];
        if (k >= ss->n || !tok_is(&ss->toks[k], "to")) continue;
        /* "wants Germany to pay": an actor between is the one asked to act, not the verb's
         * own infinitive */
        if (k > v + 1 && ss->mention_at[k - 1] >= 0)
            continue;
        size_t w = k + 1;
        if (w >= ss->n || !match_verb_candidate(ss, c->dict, w, headline)) return SIZE_MAX;
        size_t np = 0;
        match_result r = match_best(&c->mc, ss, w, roles_is_passive(ss, w), &np);
        return r.p ? w : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The nouns of a request or offer that a rejection names ("rejected calls to release"). */
static bool request_noun(const tok *t) {
    static const char *const w[] = {"offer", "proposal", "request", "demand", "call", "appeal", "plea",
                                    "initiative", "suggestion", "invitation", "overture", "ultimatum"};
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (tok_lemma_is(t, w[k])) return true;
    return false;
}

/* True when mention m is asked to act by a request noun before it: "demands for
 * Iranian militias to leave", "calls for Russia to withdraw" (the noun, "for", the
 * actor, and "to" within a few words after it). */
#define REQUEST_SUBJECT_TAIL 4u /* words of the actor's phrase between it and "to" */
static bool asked_in_request(const syn_sentence *ss, const syn_mention *m) {
    size_t f = m->first;
    while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && (ss->toks[f - 1].tags & LEX_DET)) f--;
    if (f < 2 || !tok_is(&ss->toks[f - 1], "for") || !request_noun(&ss->toks[f - 2])) return false;
    for (size_t u = m->last; u < ss->n && u <= m->last + REQUEST_SUBJECT_TAIL; u++) {
        if (tok_is(&ss->toks[u], "to")) return true;
        if (ss->toks[u].cls != TOK_WORD) return false;
    }
    return false;
}

/* How many words of the rest of a target's noun phrase ("the Maoist rebels in Nepal",
 * "parties to the conflict in Iraq") may stand between the target and the "to" of the
 * act an appeal or demand asks for. */
#define ASKED_NP_TAIL_TOKENS 8u

/* True when token t may continue a noun phrase after its head: a noun, a name, an
 * adjective, a determiner, a number, a possessive or a preposition. */
static bool np_tail_word(const tok *t) {
    if (t->cls == TOK_NUMBER || t->cls == TOK_POSS) return true;
    if (t->cls != TOK_WORD) return false;
    return t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_DET ||
           t->pos == LEX_POS_NUM || t->pos == LEX_POS_POSSPRON || t->pos == LEX_POS_PREP;
}

/* The code an appeal, demand or rejection takes from the act it is about: "urged Uganda
 * to repatriate the suspects" is an appeal for release (0253), "demanded that ..." aside,
 * "rejected calls to lift the sanctions" a refusal to ease sanctions (1244), whether or
 * not that act names an actor of its own. The act is the infinitive after token `from`
 * (the end of the event's target or pattern, over adverbs, dates and a comma right before
 * "to": "urged Iran on Monday to free"); its best pattern's code, mirrored into the appeal (02x) or demand (10x) family,
 * or its explicit refusal (12x) for a generic rejection (120) of a request or offer,
 * replaces `code` when it is a narrower code of the same family (020 by any 02x, 023 by
 * 023x). Returns the new code or NULL. */
static const dyad_cameo *asked_act_code(const dyad_coder *c, const syn_sentence *ss, size_t v, size_t from,
                                        const char *code, bool headline, dyad_buf *ex) {
    int family = code[0] == '0' && code[1] == '2' ? 2 : code[0] == '1' && code[1] == '0' ? 10
               : !strcmp(code, "120") ? 12 : 0;
    if (!family) return NULL;
    /* the act after "to", or after the modal a pattern ends with ("insist that + must") */
    size_t u = after_adverbials(ss, from),
           to = tok_is(&ss->toks[from], "to") || tok_is(&ss->toks[from], "must") || tok_is(&ss->toks[from], "should");
    if (u < ss->n && ss->toks[u].cls == TOK_PUNCT && ss->toks[u].norm_len == 1 && ss->toks[u].norm[0] == ',' &&
        u + 1 < ss->n && tok_is(&ss->toks[u + 1], "to")) u++;
    /* "urged the Maoist rebels in Nepal to honour": the rest of the target's noun phrase
     * stands before the infinitive's "to" */
    if (!to && u < ss->n && !tok_is(&ss->toks[u], "to"))
        for (size_t w = u; w < ss->n && w < u + ASKED_NP_TAIL_TOKENS; w++) {
            if (ss->toks[w].pos == LEX_POS_TO) {
                u = w;
                break;
            }
            if (!np_tail_word(&ss->toks[w])) break;
        }
    while (u < ss->n && tok_is(&ss->toks[u], "to")) u++, to++;
    if (!to || u >= ss->n) return NULL;
    if (ss->toks[u].cls == TOK_WORD && ss->toks[u].pos == LEX_POS_ADV) u++; /* "to urgently reconsider" */
    if (u >= ss->n || !match_verb_candidate(ss, c->dict, u, headline)) return NULL;
    if (family == 12) {
        bool req = false;
        for (size_t k = v + 1; k < u && !req; k++) req = request_noun(&ss->toks[k]);
        if (!req) return NULL;
    }
    size_t np = 0;
    match_result r = match_best(&c->mc, ss, u, false, &np);
    if (!r.p || !strcmp(r.p->code, DICT_NO_EVENT)) return NULL;
    char rc[8];
    const char *mc = family == 12 ? (modality_code(r.p->code, MOD_REFUSED, rc) ? rc : NULL)
                                  : modality_mirror_code(r.p->code, family);
    const dyad_cameo *cm = mc ? dyad_cameo_find(c->dict, mc) : NULL;
    if (!cm || !strcmp(mc, code) || (family == 12 && strncmp(mc, "12", 2))) return NULL;
    size_t n = strlen(code);
    bool narrower = n == 3 && code[2] == '0' ? !strncmp(mc, code, 2) : (strlen(mc) > n && !strncmp(mc, code, n));
    if (!narrower) return NULL;
    buf_printf(ex, "    what it is about, '%s' [%s], makes it %s (%s)\n", ss->toks[u].norm, r.p->code, cm->code,
               cm->name);
    return cm;
}

/* True when an actor code names a government, legislature, court, party or the
 * opposition (or their elites), and no armed, police or private block: a country and
 * then only GOV, LEG, JUD, PTY, OPP or ELI blocks. */
static bool unarmed_political(const char *code) {
    size_t n = strlen(code);
    if (n < 6 || n % 3) return false;
    for (size_t k = 3; k < n; k += 3)
        if (strncmp(code + k, "GOV", 3) && strncmp(code + k, "LEG", 3) && strncmp(code + k, "JUD", 3) &&
            strncmp(code + k, "PTY", 3) && strncmp(code + k, "OPP", 3) && strncmp(code + k, "ELI", 3))
            return false;
    return true;
}

/* How far before a verb of killing or wounding the attack whose toll it tells may stand
 * ("Friday's rocket strike on the port, which left"), and how far before
 * it the verb of killing it is joined to by "and" ("killed 12 people and wounded"). */
#define CASUALTY_CAUSE_REACH 8u


/* The verbs that tell an attack's toll: coded alone, 190 or 182. */
static bool casualty_verb(const tok *t) {
    return t->cls == TOK_WORD && (t->tags & LEX_VERB) &&
           (tok_lemma_is(t, "kill") || tok_lemma_is(t, "wound") || tok_lemma_is(t, "injure") ||
            tok_lemma_is(t, "maim"));
}

/* The CAMEO code of the weapon an attack noun at token h names, with the word or two
 * before it, by the verb files' %weapon lines (data/verbs/19.txt, 20.txt): "chemical
 * attack", "sarin attack", "gas attack" (2041; not "tear gas"), "drone strike", "missile
 * attack" (195), "rocket attack", "mortar fire" (194); or itself, by %weapon-attack:
 * "airstrike" (195), "shelling" (194). NULL when h is no attack noun or names no weapon. */
static const char *attack_weapon_code(const dyad_dict *d, const syn_sentence *ss, size_t h) {
    static const char *const heads[] = {"attack", "attacks", "strike", "strikes", "raid", "raids",
                                        "fire", "barrage", "bombardment", "assault"};
    const tok *t = &ss->toks[h];
    if (t->cls != TOK_WORD) return NULL;
    const char *w = dict_weapon_code(d, ss->toks, h, true);
    if (w) return *w ? w : NULL;
    if (!tok_in(t, heads, sizeof heads / sizeof *heads)) return NULL;
    for (size_t k = h; k-- > 0 && k + 2 >= h;) {
        if (ss->toks[k].cls != TOK_WORD) break;
        if ((w = dict_weapon_code(d, ss->toks, k, false))) return *w ? w : NULL;
    }
    return NULL;
}

/* Whether a CAMEO code is the use of a weapon: small arms (193), artillery and tanks
 * (194), aerial weapons (195, 1951, 1952) or unconventional mass violence (20x). */
static bool weapon_use_code(const char *code) {
    return !strncmp(code, "193", 3) || !strncmp(code, "194", 3) || !strncmp(code, "195", 3) ||
           !strncmp(code, "20", 2);
}

/* The code of the attack whose toll verb of killing or wounding v tells, when it names
 * its weapon: the attack noun that is its subject ("the chemical attack killed"), or the
 * one a relative or participial clause of it follows ("the rocket strike on the port,
 * which killed 12 people and wounded dozens"); a verb joined by "and"
 * to such a verb tells the same toll. NULL otherwise: a killing is 190, a wounding 182. */
static const char *casualty_weapon_code(const dyad_dict *d, const syn_sentence *ss, size_t v) {
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    if (k > 0 && tok_is(&ss->toks[k - 1], "and")) { /* "killed 50 people and injured" */
        size_t j = k - 1;
        while (j > 0 && j + CASUALTY_CAUSE_REACH >= k && !casualty_verb(&ss->toks[j - 1]) &&
               ss->toks[j - 1].cls != TOK_PUNCT && ss->toks[j - 1].pos != LEX_POS_VERB)
            j--;
        if (!(j > 0 && casualty_verb(&ss->toks[j - 1]))) return NULL;
        k = j - 1;
        while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
    }
    if (k > 0 && (tok_is(&ss->toks[k - 1], "which") || tok_is(&ss->toks[k - 1], "that"))) k--;
    if (k > 0 && tok_punct_is(&ss->toks[k - 1], ',')) k--;
    /* the attack noun: the head right before, or before a place or a day after it ("in
     * Damascus", "on Saturday"), in the same phrase */
    for (size_t j = k; j-- > 0 && j + CASUALTY_CAUSE_REACH >= k;) {
        const tok *t = &ss->toks[j];
        if (t->cls == TOK_END || t->cls == TOK_PUNCT || t->pos == LEX_POS_VERB) break;
        const char *w = attack_weapon_code(d, ss, j);
        if (w) return w;
        if (t->pos == LEX_POS_NOUN && ss->mention_at[j] < 0 && !(j > 0 && ss->toks[j - 1].pos == LEX_POS_PREP) &&
            !(t->tags & LEX_PROPER))
            break; /* another head ("a helicopter crash killed") */
    }
    return NULL;
}

/* The kind of a protest (141-145) from what it demands: "marched to demand the
 * president's resignation" demands a change in leadership (1041), so the march is 1411;
 * policy 2, rights 3, institutions or regime 4, as CAMEO numbers the kinds of both. The
 * demand is the first verb of demanding, calling or pressing after token `from` in the
 * verb's clause, its best pattern's code a 104x or 024x. Returns the new code or NULL;
 * *demand_tgt gets the target the demand's pattern names (its `+`: "the resignation of
 * the prime minister"), or -1; *demand_verb the demand's verb, or SIZE_MAX. */
static const dyad_cameo *protest_kind(const dyad_coder *c, const syn_sentence *ss, size_t from,
                                      const char *code, bool headline, int32_t *demand_tgt, size_t *demand_verb,
                                      dyad_buf *ex) {
    *demand_tgt = -1;
    *demand_verb = SIZE_MAX;
    if (strlen(code) != 3 || code[0] != '1' || code[1] != '4' || code[2] < '1' || code[2] > '5') return NULL;
    size_t end = from + 12 < ss->n ? from + 12 : ss->n;
    for (size_t u = from + 1; u < end; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT && t->norm_len == 1 && strchr(";:", t->norm[0])) return NULL;
        if (t->cls != TOK_WORD || !(tok_lemma_is(t, "demand") || tok_lemma_is(t, "call") ||
                                    tok_lemma_is(t, "press") || tok_lemma_is(t, "urge")))
            continue;
        if (!match_verb_candidate(ss, c->dict, u, headline)) return NULL;
        size_t np = 0;
        match_result r = match_best(&c->mc, ss, u, false, &np);
        if (!r.p || strlen(r.p->code) != 4 || r.p->code[3] < '1' || r.p->code[3] > '4' ||
            (strncmp(r.p->code, "104", 3) && strncmp(r.p->code, "024", 3)))
            return NULL;
        char k[8];
        snprintf(k, sizeof k, "%s%c", code, r.p->code[3]);
        const dyad_cameo *cm = dyad_cameo_find(c->dict, k);
        if (cm) *demand_tgt = r.target, *demand_verb = u;
        if (cm) buf_printf(ex, "    what it demands, '%s' [%s], makes it %s (%s)\n", t->norm, r.p->code, cm->code, cm->name);
        return cm;
    }
    return NULL;
}

/* TABARI's and PETRARCH's target for a community pattern that names none: the first
 * actor after the pattern's last word (ending at token end) that is neither a co-subject
 * nor the source again ("its" for the source), whole compound, before a closing reporting
 * clause; -1 when none. */
static int32_t first_actor_after(const syn_sentence *ss, size_t end, int32_t src, dyad_buf *ex) {
    /* the reporting clause that closes a sentence (", a senior official said on
     * Saturday.") is no part of what is reported */
    size_t stop = ss->n;
    for (size_t u = ss->n; u-- > end + 1;) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_PUNCT && t->norm_len == 1 && t->norm[0] == ',') {
            for (size_t k = u + 1; k < ss->n && stop == ss->n; k++)
                if (ss->toks[k].cls == TOK_WORD && (ss->toks[k].tags & LEX_SAY)) stop = u;
            break;
        }
    }
    for (size_t u = end + 1; u < stop; u++) {
        int32_t mi = ss->mention_at[u];
        if (mi < 0 || ss->m[mi].first != u) continue;
        if (src >= 0 && (ss->m[mi].group == ss->m[src].group || !strcmp(ss->m[mi].code, ss->m[src].code)))
            continue;
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        buf_printf(ex, "    target: the first actor after the community pattern, %s\n", ss->m[mi].code);
        return mi;
    }
    return -1;
}

/* How far before "pay the price" or "face consequences" its "will" or "would" may stand
 * ("will have to pay the price"), and how far after "ready to" a word of force may
 * stand ("was ready to launch a new cross-border military operation"). */
#define STATED_ACT_MODAL_REACH 4
#define STATED_ACT_FORCE_SPAN 8
/* How far after a verb of bringing about ("could create new crises", "risks escalating
 * an already devastating conflict") the harm it brings may stand (stated_act_at). */
#define STATED_ACT_HARM_SPAN 5

/* What the words of a statement say it is, where CAMEO has a code more specific than
 * 010 for it (stated_act). */
enum stated_kind { ACT_NONE, ACT_ACCUSE, ACT_THREAT, ACT_APPEAL, ACT_REJECT, ACT_INTENT, ACT_THREAT_FORCE, ACT_INTENT_MEET,
                  ACT_DENY, ACT_PESSIMISM, ACT_REPROACH, ACT_PRAISE, ACT_DEMAND };

typedef struct stated {
    enum stated_kind kind;
    int32_t target; /* the mention the act is aimed at, or -1 for the default */
    size_t cue;     /* the token that shows the act */
} stated;

/* The built-in patterns of the acts stated_act finds, by kind, for the event's rules. */
static const dict_pattern acts[] = {
    [ACT_NONE] = {.code = "010", .file = "(built-in)", .line = 0, .text = "010  say (reported speech)"},
    [ACT_ACCUSE] = {.code = "112", .file = "(built-in)", .line = 0,
                    .text = "112  say + X was behind / responsible for the attack / was staged / fabricated (an accusation)"},
    [ACT_THREAT] = {.code = "130", .file = "(built-in)", .line = 0,
                    .text = "130  say + X will pay the price / face the consequences / will not go unpunished (a threat)"},
    [ACT_APPEAL] = {.code = "020", .file = "(built-in)", .line = 0,
                    .text = "020  say + it is time for X to (an appeal)"},
    [ACT_REJECT] = {.code = "120", .file = "(built-in)", .line = 0,
                    .text = "120  say + X is unacceptable / unrealistic (a rejection)"},
    [ACT_INTENT] = {.code = "030", .file = "(built-in)", .line = 0,
                    .text = "030  say + we are ready / willing / committed to (an intent)"},
    [ACT_THREAT_FORCE] = {.code = "138", .file = "(built-in)", .line = 0,
                          .text = "138  say + we are ready to + force (a threat of force)"},
    [ACT_INTENT_MEET] = {.code = "036", .file = "(built-in)", .line = 0,
                         .text = "036  say + we are ready for talks (an intent to negotiate)"},
    [ACT_DENY] = {.code = "016", .file = "(built-in)", .line = 0,
                  .text = "016  say + X's account did not accurately reflect (a denial)"},
    [ACT_PESSIMISM] = {.code = "012", .file = "(built-in)", .line = 0,
                       .text = "012  say + X could create new crises / risks escalating the conflict (a pessimistic comment)"},
    [ACT_REPROACH] = {.code = "111", .file = "(built-in)", .line = 0,
                      .text = "111  say + X should have / should never have / is reckless (a reproach)"},
    [ACT_PRAISE] = {.code = "051", .file = "(built-in)", .line = 0,
                    .text = "051  say + X is courageous / the brave people of X (praise)"},
    [ACT_DEMAND] = {.code = "100", .file = "(built-in)", .line = 0,
                    .text = "100  say + X owes an explanation / an apology (a demand)"},
};
/* What explain says each kind is. */
static const char *const acts_what[] = {"a statement", "an accusation", "a threat", "an appeal",
                                        "a rejection", "an intent of the speaker's side",
                                        "a threat of force by the speaker's side",
                                        "an intent to negotiate of the speaker's side",
                                        "a denial of another side's account", "a pessimistic comment",
                                        "a reproach", "praise", "a demand"};

static stated stated_act(const syn_sentence *ss, size_t v, const syn_mention *spk);
static const char *said_figure(const syn_sentence *ss, size_t v);

/* True when the sentence already has a verbal act (roots 01-02, 10-13) by the speaker m:
 * "urged China to release the diplomats, telling the General Assembly that the arrests
 * were unacceptable" is the appeal, made by telling; the telling is no second act. */
static bool made_verbal_act(const dyad_coder *c, const syn_sentence *ss, const syn_mention *m) {
    for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index;) {
        const dyad_event *o = &c->ev[i];
        int r = (o->code[0] - '0') * 10 + (o->code[1] - '0');
        if (!strcmp(o->source, m->code) && strcmp(o->code, "010") && (r <= 2 || (r >= 10 && r <= 13))) return true;
    }
    return false;
}

/* The verb of claiming whose perfect infinitive v is ("Turkey claims to have encircled
 * Afrin"), or SIZE_MAX: the act is the claimant's own, told as done (modality.c), and
 * the claimant, beyond the clause the verb of saying opens, is its source. */
static size_t claimed_own_act(const syn_sentence *ss, size_t v) {
    if (v < 3 || !(ss->toks[v].tags & LEX_PAST) || !tok_is(&ss->toks[v - 1], "have") || !tok_is(&ss->toks[v - 2], "to"))
        return SIZE_MAX;
    size_t gi = v - 3; /* "claimed on Tuesday to have encircled": past a date */
    for (size_t st = v - 2 > 4 ? v - 6 : 0; st < v - 2; st++)
        if (match_temporal_len(ss, st) == v - 2 - st) {
            if (st == 0) return SIZE_MAX;
            gi = st - 1;
            break;
        }
    const tok *g = &ss->toks[gi];
    if (g->pos != LEX_POS_VERB || !(tok_is(g, "claims") || tok_is(g, "claimed") || tok_is(g, "claim"))) return SIZE_MAX;
    return gi;
}

#define SAID_FRAME_MAX_WORDS 8u /* "told reporters in Geneva on Monday," */

/* The speaker of a verb of saying whose clause a comma closes right before the -ing verb
 * v, the participle's source: ", X, an adviser to the UN, said on
 * Monday, begging Y to open its border", "the ministry said on Monday, urging Iran
 * to". Between the verb of saying and the comma only a phrase of time, place or audience
 * (words and actors, no other verb, no punctuation); the speaker, the verb's subject, ends
 * right before it ("also said": an adverb between), a political actor named (as a
 * statement's speaker must be), saying it as done. -1 when none. The caller takes it for
 * words only (roots 01-05, 10-13): "a bomb hit the market, police said, killing 12" is
 * the bomb's killing, not the police's. */
static int32_t said_frame_speaker(const syn_sentence *ss, size_t v) {
    const tok *t = ss->toks;
    if (v < 3 || !(t[v].tags & LEX_GERUND) || t[v].pos != LEX_POS_VERB || !tok_punct_is(&t[v - 1], ','))
        return -1;
    size_t u = v - 1, words = 0;
    for (;;) {
        if (u == 0 || words > SAID_FRAME_MAX_WORDS) return -1;
        u--;
        const tok *w = &t[u];
        if (w->cls != TOK_WORD && w->cls != TOK_NUMBER) return -1;
        if (ss->quoted[u]) return -1;
        if (ss->mention_at[u] < 0 && w->cls == TOK_WORD && w->pos == LEX_POS_VERB && (w->tags & LEX_SAY)) break;
        if (ss->mention_at[u] < 0 && w->cls == TOK_WORD &&
            (w->pos == LEX_POS_VERB || w->pos == LEX_POS_AUX || (w->tags & (LEX_REL | LEX_SUBCONJ | LEX_CONJ))))
            return -1;
        words++;
    }
    const char *why = NULL;
    if (modality_of_saying(ss, u, &why) != MOD_NONE || modality_background_year(ss, u)) return -1;
    int32_t spk = roles_subject(ss, u);
    if (spk < 0) return -1;
    const syn_mention *m = &ss->m[spk];
    int32_t last = spk;
    while (last + 1 < (int32_t)ss->nm && ss->m[last + 1].group == m->group) last++;
    size_t k = u;
    while (k > 0 && ss->mention_at[k - 1] < 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV))
        k--;
    if (ss->m[last].last != k) return -1;
    if ((m->flags & (SYN_M_UNRESOLVED | SYN_M_AFTER_PREP)) || expletive_it(ss, m) || mention_is_city(ss, m))
        return -1;
    if ((m->flags & SYN_M_AGENT_ONLY) && !mention_named_body(ss, m)) return -1;
    return political_speaker(ss, m) ? spk : -1;
}

/* Codes one analysed sentence. */
static int code_sentence(dyad_coder *c, syn_sentence *ss, dyad_buf *ex) {
    const dyad_dict *d = c->dict;
    bool headline = (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) != 0;
    size_t emitted = 0;
    int32_t asked_group[16]; /* targets of appeals and demands in this sentence */
    size_t asked_ev[16];     /* ... and the index of the first event each one made */
    size_t n_asked = 0;
    uint8_t *consumed = arena_calloc(&c->sent_mem, ss->n + 1, 1);
    if (!consumed) return DYAD_ENOMEM;
    if (match_prepare(&c->sent_mem, ss) != DYAD_OK) return DYAD_ENOMEM;
    buf_printf(ex, "verbs:\n");
    for (size_t v = 0; v < ss->n; v++) {
        if (consumed[v] || !match_verb_candidate(ss, d, v, headline)) continue;
        if (ss->paren[v] == SYN_PAREN_PARTICIPLE) {
            buf_printf(ex, "  '%s' (token %zu): in a participial modifier (', backed by ...,'): it describes an actor\n",
                       ss->toks[v].norm, v);
            continue;
        }
        /* "Assad wants the committee to meet in Damascus, a venue rejected by the
         * opposition": what a noun is said to have undergone is no act of the
         * sentence's subject (nor news of its own) */
        if (roles_reduced_relative(ss, v)) {
            buf_printf(ex, "  '%s' (token %zu): a participle describing the noun before it, its agent after: no event\n",
                       ss->toks[v].norm, v);
            continue;
        }
        bool passive = roles_is_passive(ss, v);
        size_t np = 0;
        match_result best = match_best(&c->mc, ss, v, passive, &np);
        if (!np) continue;
        size_t inf = governed_infinitive(c, ss, v, headline);
        if (inf != SIZE_MAX && (!best.p || best.end < inf)) {
            buf_printf(ex, "  '%s' (token %zu): its infinitive '%s' carries the event\n", ss->toks[v].norm, v,
                       ss->toks[inf].norm);
            continue;
        }
        uint32_t b = ss->toks[v].start, e = ss->toks[v].end;
        buf_printf(ex, "  '%.*s' (token %zu%s): %zu pattern%s tried", (int)(e - b),
                  ss->story->text + b, v, passive ? ", passive" : "", np, np == 1 ? "" : "s");
        if (!best.p) {
            buf_printf(ex, ", none matched\n");
            continue;
        }
        buf_printf(ex, "; best: %s:%llu [%s] %s\n", best.p->file, (unsigned long long)best.p->line,
                  best.p->code, best.p->text);
        for (size_t u = v; u <= best.end && u < ss->n; u++) consumed[u] = 1;
        if (!strcmp(best.p->code, DICT_NO_EVENT)) {
            buf_printf(ex, "    not emitted: the pattern names a sense of '%s' that is no event\n", ss->toks[v].norm);
            continue;
        }

        /* Roles. */
        int rootp = (best.p->code[0] - '0') * 10 + (best.p->code[1] - '0');
        /* "a rare area where the two leaders meet", "the point where their
         * interests meet": "meet" in a clause of "where" after a noun of a matter, not of
         * a place, is agreement in a view, no meeting */
        if (rootp == 4 && tok_lemma_is(&ss->toks[v], "meet") && where_of_matter(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' after \"where\" and a noun of a matter is agreement in a view, no meeting\n",
                       ss->toks[v].norm);
            continue;
        }
        /* "the snap polls called for 24 June", "a general strike called for next Monday":
         * "call for" whose object is a date sets the day of a vote or an action, no appeal
         * ("called for 24 June elections" keeps its noun, an appeal) */
        if (rootp == 2 && tok_lemma_is(&ss->toks[v], "call") && v + 2 < ss->n && tok_is(&ss->toks[v + 1], "for")) {
            size_t tl = match_temporal_len(ss, v + 2);
            /* a day in figures before its month ("24 June") */
            if (!tl && ss->toks[v + 2].cls == TOK_NUMBER && ss->toks[v + 2].norm_len <= 2 && v + 3 < ss->n &&
                (ss->toks[v + 3].tags & LEX_MONTH))
                tl = 2;
            size_t a = v + 2 + tl;
            if (tl && (a >= ss->n || ss->toks[a].cls != TOK_WORD ||
                       (ss->toks[a].pos != LEX_POS_NOUN && ss->toks[a].pos != LEX_POS_PROPER &&
                        ss->toks[a].pos != LEX_POS_ADJ))) {
                buf_printf(ex, "    not emitted: '%s for' a date sets the day of a vote or an action, no appeal\n",
                           ss->toks[v].norm);
                continue;
            }
        }
        if (!(rootp <= 2 || (rootp >= 9 && rootp <= 13)) && participle_of_noun(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' describes the noun '%s' before it, no actor\n", ss->toks[v].norm,
                       ss->toks[v - 1].norm);
            continue;
        }
        /* "her group wanted Obama to apologize": a wish told in the past is a state of
         * mind, no appeal ("wants Germany to pay" is one) */
        if (rootp == 2 && tok_lemma_is(&ss->toks[v], "want") && (ss->toks[v].tags & LEX_PAST)) {
            buf_printf(ex, "    not emitted: a wish told in the past ('%s'), no appeal\n", ss->toks[v].norm);
            continue;
        }
        if (past_participle_of_noun(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' describes the noun '%s' before it (done to it, a reduced relative)\n",
                       ss->toks[v].norm, ss->toks[v - 1].norm);
            continue;
        }
        if (rootp != 14 && participle_of_actor(ss, v, headline) && !participle_of_addresser(ss, v, rootp)) {
            buf_printf(ex, "    not emitted: '%s' describes the actor '%s' before it (a reduced relative clause)\n",
                       ss->toks[v].norm, ss->toks[v - 1].norm);
            continue;
        }
        int32_t subj = roles_subject(ss, v);
        if (subj < 0) {
            size_t cl = claimed_own_act(ss, v);
            if (cl != SIZE_MAX) {
                subj = roles_subject(ss, cl);
                if (subj >= 0) buf_printf(ex, "    source: the claimant of its own act ('%s'), %s\n", ss->toks[cl].norm, ss->m[subj].code);
            }
        }
        if (subj < 0 && (rootp <= 5 || (rootp >= 10 && rootp <= 13))) {
            subj = said_frame_speaker(ss, v);
            if (subj >= 0) buf_printf(ex, "    source: the speaker of the saying its comma closes, %s\n", ss->m[subj].code);
        }
        int32_t src = subj, tgt = best.target;
        bool loose = (best.p->flags & DICT_PAT_LOOSE) != 0;
        if (passive) {
            int32_t agent = roles_passive_agent(ss, v);
            /* TABARI's passive needs "by" ("was opposed by X"): then the agent is the
             * source (none when no actor follows "by") and the subject the target
             * whatever the pattern; without "by" the clause reads as active */
            bool by = false;
            for (size_t j = v + 1; j < ss->n && ss->clause[j] == ss->clause[v] && !by; j++)
                by = tok_is(&ss->toks[j], "by");
            if (loose && agent < 0 && !by) {
                passive = false;
            } else {
                if (best.target < 0 && (loose || (best.p->n_elem && best.p->elem[0].kind == DICT_EL_TARGET)))
                    tgt = subj;
                else if (best.target < 0 && subj >= 0 && passive_object_noun(ss, best.p, subj, v)) {
                    buf_printf(ex, "    target: the passive subject, which holds the pattern's noun: %s\n",
                               ss->m[subj].code);
                    tgt = subj;
                }
                src = agent;
                if (src >= 0 && tgt == src) tgt = -1;
            }
        }
        if (best.source >= 0) {
            tgt = best.target >= 0 ? best.target : subj;
            src = best.source;
        }
        /* A pattern that named no target: its direct object or the object of a
         * preposition its root licenses ("fired missiles at Turkish positions"), unless
         * it only says where; co-subjects of a reciprocal verb ("A and B met") are each
         * other's partners instead. */
        bool compound_subj = subj >= 0 && ((subj + 1 < (int32_t)ss->nm && ss->m[subj + 1].group == ss->m[subj].group));
        int root0 = (best.p->code[0] - '0') * 10 + (best.p->code[1] - '0');
        /* "the militia, which Washington accuses of ..., attacked": the antecedent's own
         * act in the main clause is no part of what the relative clause says. The
         * relative pronoun is the verb's object, so it fills no target a preposition
         * the sentence lacks would have named ("a proxy force, which it mobilised" is
         * no "mobilise against +") */
        /* ... but a verb's particle the sentence has ("shoot down +") leaves the object
         * to the verb: "the jets, which it vowed to shoot down" */
        bool prep_slot_missing = best.target_missing && best.p->n_elem >= 2 &&
                                 best.p->elem[best.p->n_elem - 2].kind == DICT_EL_WORD &&
                                 !(best.end > v && best.end < ss->n && ss->toks[best.end].cls == TOK_WORD &&
                                   (ss->toks[best.end].tags & LEX_PREP) && ss->toks[best.end].pos == LEX_POS_ADV);
        int32_t antecedent = tgt < 0 && !passive && best.source < 0 && !prep_slot_missing
                                 ? roles_relative_object(ss, subj, ex)
                                 : -1;
        if (antecedent >= 0) tgt = antecedent;
        /* "A and B met" is reciprocal; TABARI's rule (community patterns) looks for a
         * target after the verb first, and makes it reciprocal only when there is none */
        bool reciprocal = compound_subj && reciprocal_code(best.p->code) && !(best.p->flags & DICT_PAT_LOOSE);
        if (tgt < 0 && !passive && best.source < 0 && !reciprocal) {
            const dict_elem *own_prep = NULL; /* the word before the pattern's "+" */
            for (uint16_t k = 1; k < best.p->n_elem; k++)
                if (best.p->elem[k].kind == DICT_EL_TARGET && best.p->elem[k - 1].kind == DICT_EL_WORD)
                    own_prep = &best.p->elem[k - 1];
            tgt = loose ? first_actor_after(ss, v, src, ex)
                        : roles_default_target(ss, v, best.end, src, root0, best.target_missing, own_prep,
                                               consumed, ex);
        }
        /* force used in another state names that state its target: "Israel attacked
         * sites in Gaza" (with the verb's object, or its pattern's frame, present); so
         * do a threat, a show of force, a cut in relations and coercion there ("Hamas
         * threatened to resume attacks in Israel", "suspended aid deliveries in Iraq") */
        if (tgt < 0 && !passive && best.source < 0 && !reciprocal && (root0 >= 15 || root0 == 13) &&
            (!best.target_missing || has_object(ss, v)))
            tgt = roles_struck_state(ss, v, best.end, src, consumed, ex);
        tgt = roles_place_holder(ss, tgt, src, ex);
        /* "sent a letter to the council demanding an inquiry": the one addressed is the
         * target of the demand whose pattern names none ("wrote to the government seeking
         * information about a detained politician": the government) */
        if (best.target < 0 && !passive && best.source < 0 && participle_of_addresser(ss, v, root0)) {
            int32_t ad = ss->mention_at[v - 1];
            while (ad > 0 && ss->m[ad - 1].group == ss->m[ad].group) ad--;
            if (ss->m[ad].group != (src >= 0 ? ss->m[src].group : INT32_MIN)) {
                tgt = ad;
                buf_printf(ex, "    target: the actor addressed before '%s', %s\n", ss->toks[v].norm, ss->m[ad].code);
            }
        }
        /* A pattern that matched on its verb alone, its words and target absent. "V +"
         * ("it sank", "tried to block", "denies being"): with no object the verb is in
         * another sense or intransitive. "V prep +" ("talks about", "works on"): without
         * its preposition a statement or appeal (roots 01-02) holds only without an
         * object ("called the premier a disgrace" is no appeal), other verbal and
         * cooperative roots only with one ("protested the launches"); force (roots 14-20)
         * needs its target: an object that is no actor puts the verb in another sense
         * ("fired the head of the police" is no "fire on"). A verb whose bare use is an
         * event has its own bare pattern ("040 meet", "141 demonstrate"). */
        if (best.target_missing && tgt < 0 && !passive && best.end == v) {
            bool dobj = best.p->n_elem == 1 && best.p->elem[0].kind == DICT_EL_TARGET;
            bool verbal = root0 <= 2 || (root0 >= 9 && root0 <= 13);
            if (dobj && !modality_governs(&ss->toks[v]) && !has_object(ss, v) && !(verbal && has_clause(ss, v))) {
                buf_printf(ex, "    not emitted: '%s' has no object here\n", ss->toks[v].norm);
                continue;
            }
            if (!dobj && (root0 >= 14 || (root0 > 2) != has_object(ss, v))) {
                buf_printf(ex, "    not emitted: only the verb of the pattern is here\n");
                continue;
            }
            if (dobj && (root0 == 18 || root0 == 20) && thing_object(ss, v)) {
                buf_printf(ex, "    not emitted: the object of '%s' is a thing, not the people an assault is done to\n",
                           ss->toks[v].norm);
                continue;
            }
        }
        /* A verb whose pattern takes no object, in an "-ing" form right before a noun with
         * no subject of its own: "a haven for retreating rebels" tells who the rebels are. */
        if (!passive && best.source < 0 && best.end == v && best.p->n_elem == 0 && best.p->n_pre == 0 &&
            ing_modifier(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' describes the noun after it, it reports no act\n",
                       ss->toks[v].norm);
            continue;
        }
        /* "Jakarta and surrounding areas", "the surrounding villages": an "-ing" form
         * used as an adjective reports no act, whatever pattern its verb has */
        if (!passive && ing_adjective(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' is an adjective before the noun after it, no act\n", ss->toks[v].norm);
            continue;
        }
        /* Aid read from a "V +" whose verb is followed by a bare infinitive ("helped
         * repair the country's social fabric"): what follows is the act helped along, and
         * its object no receiver of aid. */
        if (!passive && best.source < 0 && best.end == v && root0 >= 6 && root0 <= 7 && best.p->n_elem == 1 &&
            best.p->elem[0].kind == DICT_EL_TARGET && bare_infinitive_after(ss, v)) {
            buf_printf(ex, "    not emitted: '%s' is followed by the act it helps along, '%s', not by a receiver\n",
                       ss->toks[v].norm, ss->toks[v + 1].norm);
            continue;
        }
        /* ... and so when that object is an actor: "called the bishops traitors" is no
         * "call on +", "appealed the verdict" no "appeal to +" */
        if (best.target_missing && tgt >= 0 && !passive && best.end == v && root0 <= 2 && best.p->n_elem > 1 &&
            best.p->elem[0].kind == DICT_EL_WORD && direct_object(ss, v, tgt)) {
            buf_printf(ex, "    not emitted: only the verb of the pattern is here, with an object of its own\n");
            continue;
        }
        /* A material act on people ("V particle +" of roots 06-08: handing over, giving
         * back, freeing up) whose particle matched but whose "+" found no actor, a thing
         * standing where the pattern wanted the people: "handed over documents to the
         * family" is no release ("hand over +"). Words and force keep their patterns'
         * sense with a thing ("objected to the move", "ordered strikes on the airbase"). */
        if (best.target_missing && !passive && best.end > v && root0 >= 6 && root0 <= 8 &&
            !(best.p->flags & DICT_PAT_LOOSE) && particle(&ss->toks[best.end]) &&
            best.p->n_elem >= 2 && best.p->elem[best.p->n_elem - 1].kind == DICT_EL_TARGET &&
            thing_object(ss, best.end)) {
            buf_printf(ex, "    not emitted: the object after '%s' is a thing, not an actor\n", ss->toks[best.end].norm);
            continue;
        }
        int past = modality_background_year(ss, v);
        /* TABARI and PETRARCH code no act told in a gerund after after/before/since
         * ("celebrated Iftar with Gondor after leaving Eriador"): the frame of the news */
        if (!past && loose && (ss->toks[v].tags & LEX_GERUND) && v > 0 &&
            (tok_is(&ss->toks[v - 1], "after") || tok_is(&ss->toks[v - 1], "before") ||
             tok_is(&ss->toks[v - 1], "since")))
            past = -2;
        if (past) {
            if (past > 0) buf_printf(ex, "    not emitted: background, in %d\n", past);
            else if (past == -2) buf_printf(ex, "    not emitted: background, in an after/since/before clause\n");
            else if (past == -3) buf_printf(ex, "    not emitted: background, a present perfect describing the antecedent of a relative clause\n");
            else if (past == -4) buf_printf(ex, "    not emitted: background, a present perfect that has held for years or months\n");
            else if (past == -11) buf_printf(ex, "    not emitted: background, a present perfect summing up a record to date\n");
            else if (past == -14) buf_printf(ex, "    not emitted: background, a present perfect of a verb of stance below the lead\n");
            else if (past == -12) buf_printf(ex, "    not emitted: background, a present perfect passive naming its agent, outside the news's own places\n");
            else if (past == -13) buf_printf(ex, "    not emitted: background, the start of a state held \"since\" then\n");
            else if (past == -5) buf_printf(ex, "    not emitted: background, last year or years ago\n");
            else if (past == -6) buf_printf(ex, "    not emitted: background, a narrative of a life (an obituary's, or an act at the age of N)\n");
            else if (past == -7) buf_printf(ex, "    not emitted: a present tense describing the antecedent of a relative clause\n");
            else if (past == -8) buf_printf(ex, "    not emitted: background, dated well before the story\n");
            else if (past == -9) buf_printf(ex, "    not emitted: background, the story's time line stands in an earlier year or month\n");
            else if (past == -10) buf_printf(ex, "    not emitted: background, a past of a relative clause in a sentence told in the present\n");
            else buf_printf(ex, "    not emitted: background, a past perfect\n");
            continue;
        }
        /* "Algeria supplies 23% of Spain's gas", "Qatar organizes charity visits": a
         * material act (meetings, cooperation, aid, yielding; protest, force, violence)
         * told in the present simple outside a headline or quotation is a description of
         * what an actor does, not the news of a day (words, denials and accusations in
         * the present, "Sudan denies the allegations", are reported as made) */
        if (!loose && ((root0 >= 4 && root0 <= 9) || root0 >= 14) && modality_present_description(ss, v)) {
            buf_printf(ex, "    not emitted: '%s', a material act in the present simple: a description\n",
                       ss->toks[v].norm);
            continue;
        }
        const char *why = NULL;
        /* a head of several words ("re-establish", "re" before the verb) carries its
         * modality before its first word: "could re-establish ties" */
        enum modality mod = modality_find(ss, v - best.p->n_head, &why);
        /* "Ankara hopes to dislodge the YPG", "wants to oust the regime", "aims to crush
         * the rebels": force or coercion an actor wishes for is its aim, not a threat
         * made (CAMEO 13x); "vows to", "plans to", "threatens to" stay threats */
        if (mod == MOD_INTENT && root0 >= 14 && why && modality_wish_word(why)) {
            buf_printf(ex, "    not emitted: '%s': an aim, not a threat\n", why);
            continue;
        }
        /* "has decided to arrest a former official", "decided to lift the curfew",
         * "decided to expel the ambassador": an authority's decision to yield (08), to
         * reduce relations (16) or to coerce (17) is the act, made known as it is taken,
         * no intent or threat; a decision to talk, aid or fight is still an intent */
        if (mod == MOD_INTENT && why && !strcmp(why, MODALITY_DECIDED) && (root0 == 8 || root0 == 16 || root0 == 17)) {
            buf_printf(ex, "    '%s': a decision taken, the act itself\n", why);
            mod = MOD_NONE;
        }
        /* "failed to comply with its obligations", "fails to meet demand": cooperation or
         * yielding (roots 06-08) that did not come about is a failure told, no refusal
         * ("failed to reach agreement" stays one) */
        if (mod == MOD_REFUSED && root0 >= 6 && root0 <= 8 && why && !strncmp(why, "fail", 4)) {
            buf_printf(ex, "    not emitted: '%s': a failure, not a refusal\n", why);
            continue;
        }
        /* a community pattern with words before its verb ("WILL NOT *", "INDICATED WOULD
         * * NOW") spells out the words that carry the modality: its code already says it */
        bool spelled = false;
        for (uint16_t k = 0; k < best.p->n_pre && !spelled; k++) spelled = best.p->pre[k].kind == DICT_EL_WORD;
        if (mod != MOD_NONE && (spelled || (loose && (mod == MOD_HYPOTHETICAL || mod == MOD_CONDITIONAL)))) {
            buf_printf(ex, "    '%s': %s; its code stands\n", why,
                       spelled ? "the pattern's words before the verb say it"
                               : "TABARI and PETRARCH code a community pattern stated as possible or wanted");
            mod = MOD_NONE;
        }
        /* "The CAAC will also urge other regulators to", "is set to deliver a speech",
         * "would ask the Kurds to withdraw": a statement, appeal, demand, disapproval or
         * rejection (roots 01, 02, 10-12) told as to come has not been made, and CAMEO has
         * no intent form of it; a decision taken ("decided to reject") is the act. A
         * community pattern is coded as written whatever the tense (see below). A demand,
         * disapproval or rejection in reported speech is made as it is said ("said Paris
         * would insist on Maduro's departure", "said it would hold the west responsible") */
        bool said_now = false;
        for (size_t u = 0; u < v && mod == MOD_INTENT && root0 >= 10 && !said_now; u++)
            said_now = (ss->toks[u].tags & LEX_SAY) && ss->toks[u].pos == LEX_POS_VERB;
        if (mod == MOD_INTENT && (root0 == 1 || root0 == 2 || (root0 >= 10 && root0 <= 12)) && why &&
            strcmp(why, MODALITY_DECIDED) && !(best.p->flags & DICT_PAT_LOOSE) && !said_now) {
            buf_printf(ex, "    not emitted: '%s': words to come, not yet said\n", why);
            continue;
        }
        char code[8];
        str_set(code, sizeof code, best.p->code);
        if (!strcmp(code, "174") && tgt >= 0 && names_diplomats(ss, &ss->m[tgt])) {
            buf_printf(ex, "    the expelled are diplomats (%s): 161, reduced relations\n", ss->m[tgt].code);
            snprintf(code, sizeof code, "161");
        }
        bool negated_pattern = (best.p->flags & DICT_PAT_NEGATED) && (mod == MOD_NEGATED || mod == MOD_REFUSED);
        /* a community file's own code (PETR.Validate's 9xx) is not CAMEO's: no intent or
         * threat form of it exists; and TABARI/PETRARCH code a community pattern as
         * written whatever the tense ("Arnor will contribute ... RUPEES [071]" is 071):
         * dyad's intent and threat forms apply to its own patterns only */
        bool own_code = (mod == MOD_INTENT || mod == MOD_THREAT) &&
                        (dict_code_defined(c->dict, code) || (best.p->flags & DICT_PAT_LOOSE));
        if (mod != MOD_NONE && !negated_pattern && !own_code) {
            char ic[8];
            if (!modality_code(code, mod, ic)) {
                buf_printf(ex, "    not emitted: %s ('%s')\n",
                           mod == MOD_HYPOTHETICAL || mod == MOD_CONDITIONAL ? "not stated as fact" : "negated", why);
                continue;
            }
            if (strcmp(ic, code)) buf_printf(ex, "    '%s': %s becomes %s\n", why, code, ic);
            memcpy(code, ic, sizeof code);
            if (mod == MOD_INTENT && readying_force(ss, why, best.p->code)) {
                buf_printf(ex, "    '%s': forces readied for it, a show of force: 150\n", why);
                str_set(code, sizeof code, "150");
            }
        }
        /* a threat with a condition ("unless Israel rescinds the annexation") is aimed at
         * whoever must meet it: the condition's subject is the target */
        if (tgt < 0 && src >= 0 && code[0] == '1' && code[1] == '3') {
            int32_t ct = condition_subject(ss, v);
            if (ct >= 0 && ss->m[ct].group != ss->m[src].group && !(ss->m[ct].flags & SYN_M_PRONOUN)) {
                buf_printf(ex, "    target: the subject of the condition, %s\n", ss->m[ct].code);
                tgt = ct;
            }
        }
        if (src >= 0 && expletive_it(ss, &ss->m[src])) {
            buf_printf(ex, "    not emitted: 'it' is an empty subject here, no actor\n");
            continue;
        }
        /* a paired code ([032:033]): the target's event toward the source */
        char code2[8] = "";
        if (best.p->code2[0]) {
            if (mod == MOD_NONE || negated_pattern || own_code) str_set(code2, sizeof code2, best.p->code2);
            else if (!modality_code(best.p->code2, mod, code2)) code2[0] = 0;
        }
        if (best.compound >= 0 && tgt >= 0) {
            /* `%` before the verb with a target after it: the compound is the source */
            src = best.compound;
        } else if (best.compound >= 0) {
            /* `%` and no target: the members of the compound act on each other */
            int32_t last = best.compound;
            while (last + 1 < (int32_t)ss->nm && ss->m[last + 1].group == ss->m[best.compound].group) last++;
            buf_printf(ex, "    compound actor %s: its members toward each other\n", ss->m[best.compound].code);
            for (int32_t i = best.compound; i <= last; i++)
                for (int32_t j = best.compound; j <= last; j++) {
                    if (i == j || emitted >= DYAD_MAX_EVENTS_PER_SENTENCE) continue;
                    int rc = push_event(c, ss, &best, v, &ss->m[i], &ss->m[j], code, ex);
                    if (rc == DYAD_OK && code2[0]) rc = push_event(c, ss, &best, v, &ss->m[j], &ss->m[i], code2, ex);
                    if (rc) return rc;
                    emitted++;
                }
            continue;
        }
        if (best.p->flags & DICT_PAT_REVERSED) { /* [:CODE]: from the target to the source */
            int32_t t = tgt;
            tgt = src;
            src = t;
        }
        /* "announced that direct flights would soon be launched": an intent to cooperate
         * (03x) in the passive with no agent, in the words of a political speaker, is the
         * speaker's own */
        if (src < 0 && passive && mod == MOD_INTENT && code[0] == '0' && code[1] == '3') {
            size_t said = v;
            int32_t sp = passive_speaker(ss, v, &said);
            if (sp >= 0 && !(tgt >= 0 && ss->m[tgt].group == ss->m[sp].group)) {
                buf_printf(ex, "    source: the speaker of the words said, %s (a future passive with no agent)\n",
                           ss->m[sp].code);
                src = sp;
                /* aimed, as the statement would be, at the first other actor named */
                if (tgt < 0) tgt = other_actor_said(ss, said, &ss->m[sp], ex);
            }
        }
        /* "X was sentenced to ten years in prison, the court said": a legal action
         * (173) in the passive with no agent, reported by a court or the police, is
         * theirs, aimed at whom it names */
        if (src < 0 && tgt >= 0 && passive && code[0] == '1' && code[1] == '7' && code[2] == '3') {
            int32_t sp = legal_reporter(ss, v);
            if (sp >= 0 && !(tgt >= 0 && ss->m[tgt].group == ss->m[sp].group)) {
                buf_printf(ex, "    source: the court or police that report it, %s (a legal action with no agent)\n",
                           ss->m[sp].code);
                src = sp;
            }
        }
        if (src < 0) {
            buf_printf(ex, "    not emitted: no source actor found\n");
            /* "the Pope was met with messages urging him to apologise": an appeal or
             * demand with no author still asks its target; what it asks has not
             * happened (no event of this appeal for a later one to take its kind) */
            if (((code[0] == '0' && code[1] == '2') || (code[0] == '1' && code[1] == '0')) && tgt >= 0 &&
                tgt != antecedent && n_asked < sizeof asked_group / sizeof asked_group[0]) {
                asked_ev[n_asked] = SIZE_MAX;
                asked_group[n_asked++] = ss->m[tgt].group;
            }
            continue;
        }
        /* "Britain demanded that Iran release the sailors", "urged Russia to negotiate":
         * what an appeal or demand asks for has not happened. */
        size_t ak = n_asked;
        for (size_t k = 0; k < n_asked && ak == n_asked; k++)
            if (ss->m[src].group == asked_group[k]) ak = k;
        if (ak < n_asked) {
            buf_printf(ex, "    not emitted: it is what an appeal or demand asked %s to do\n", ss->m[src].code);
            /* ... but it says what kind of appeal or demand it was: "demanded that Iran
             * release the sailors" is a demand for release (1053), not any demand (100). */
            for (size_t i = asked_ev[ak]; i < c->n_ev; i++) {
                dyad_event *ae = &c->ev[i];
                if (ae->sentence != ss->index || (strcmp(ae->code, "020") && strcmp(ae->code, "100"))) continue;
                const char *mc = modality_mirror_code(best.p->code, ae->code[0] == '0' ? 2 : 10);
                const dyad_cameo *cm2 = mc ? dyad_cameo_find(d, mc) : NULL;
                if (!cm2) continue;
                buf_printf(ex, "    the appeal or demand becomes %s (%s)\n", cm2->code, cm2->name);
                str_set(ae->code, sizeof ae->code, cm2->code);
                ae->root = cm2->root;
                ae->quad_class = cm2->quad_class;
                ae->goldstein = cm2->goldstein;
            }
            continue;
        }
        /* "Trump's demand that Britain repatriate its citizens": a subjunctive after a
         * demand whose own event was not coded with that target is still only asked for */
        const tok *mw = modality_mandative(ss, v);
        if (mw) {
            buf_printf(ex, "    not emitted: what '%s' asks for (a subjunctive), not done\n", mw->norm);
            continue;
        }
        /* appeals (02), demands (10), accusations and criticism (11), threats (13): what
         * they say the target should do, did or will suffer is not an event of its own */
        if ((code[0] == '0' && code[1] == '2') || (code[0] == '1' && (code[1] == '0' || code[1] == '1' || code[1] == '3')))
            if (tgt >= 0 && tgt != antecedent && n_asked < sizeof asked_group / sizeof asked_group[0]) {
                asked_ev[n_asked] = c->n_ev;
                asked_group[n_asked++] = ss->m[tgt].group;
            }
        if (mod == MOD_NONE || mod == MOD_INTENT) {
            size_t from = best.end;
            if (tgt >= 0) {
                int32_t last = tgt;
                while (last + 1 < (int32_t)ss->nm && ss->m[last + 1].group == ss->m[tgt].group) last++;
                if (ss->m[last].last - 1 > from) from = ss->m[last].last - 1;
            }
            const dyad_cameo *ac = asked_act_code(c, ss, v, from, code, headline, ex);
            if (ac) str_set(code, sizeof code, ac->code);
            int32_t dt = -1;
            size_t dv = SIZE_MAX;
            const dyad_cameo *pk = protest_kind(c, ss, from, code, headline, &dt, &dv, ex);
            if (pk) str_set(code, sizeof code, pk->code);
            /* "gathered outside the ministry, demanding the minister's resignation": the
             * protesters' demand in a participle is what the protest is for, coded in its
             * kind (1411), not a demand of its own (1041) */
            if (pk && dv != SIZE_MAX && (ss->toks[dv].tags & LEX_GERUND)) {
                buf_printf(ex, "    '%s' is what the protest demands: no event of its own\n", ss->toks[dv].norm);
                consumed[dv] = 1;
            }
            /* "rallied on Sunday, demanding the resignation of the prime minister": a
             * protest that names no target of its own is aimed at the one its demand names */
            if (pk && tgt < 0 && dt >= 0 && (src < 0 || ss->m[dt].group != ss->m[src].group)) {
                while (dt > 0 && ss->m[dt - 1].group == ss->m[dt].group) dt--;
                tgt = dt;
                buf_printf(ex, "    target from what it demands: %s\n", ss->m[tgt].code);
            }
            /* "the chemical attack in Damascus, which killed 50 people": the toll of an
             * attack with a weapon named is coded as the use of that weapon (2041, 195,
             * 194), no plain killing (190) or wounding (182) */
            if ((!strcmp(code, "190") || !strcmp(code, "182") || !strcmp(code, "180")) &&
                casualty_verb(&ss->toks[v])) {
                const char *wc = casualty_weapon_code(c->dict, ss, v);
                /* "shelled an army post, badly wounding three
                 * soldiers": a participle after a comma tells the toll of the act its
                 * source was just coded with, when that act is a use of a weapon (193,
                 * 194, 195, 20x); occupying a town (192), a blockade (191) or a broken
                 * ceasefire (196) kills with no weapon they name, so "occupied the town,
                 * killing 12" stays a killing (190) */
                size_t k = v;
                while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV)) k--;
                if (!wc && src >= 0 && (ss->toks[v].tags & LEX_GERUND) && k > 0 &&
                    tok_punct_is(&ss->toks[k - 1], ','))
                    for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index && !wc;) {
                        const dyad_event *p = &c->ev[i];
                        if (p->verb_span.start < ss->toks[v].start && !strcmp(p->source, ss->m[src].code) &&
                            weapon_use_code(p->code))
                            wc = p->code;
                    }
                if (wc) {
                    buf_printf(ex, "    the toll of an attack whose weapon is named: %s\n", wc);
                    str_set(code, sizeof code, wc);
                }
            }
            /* "the UK ambassador clashed with Trump": a clash between office holders,
             * governments, legislatures or parties, none of them armed, is a quarrel */
            if (!strcmp(code, "190") && tok_lemma_is(&ss->toks[v], "clash") && src >= 0 && tgt >= 0 &&
                unarmed_political(ss->m[src].code) && unarmed_political(ss->m[tgt].code)) {
                buf_printf(ex, "    a clash between %s and %s, neither armed: a quarrel (111)\n", ss->m[src].code,
                           ss->m[tgt].code);
                snprintf(code, sizeof code, "111");
            }
        }
        /* "told the council the attack was staged": what a pattern of saying (010) reports
         * is read as a statement's words are (stated_act); an act aimed at no one named
         * is not aimed at the one told */
        if (!strcmp(code, "010") && mod == MOD_NONE && (ss->toks[v].tags & LEX_SAY) &&
            !made_verbal_act(c, ss, &ss->m[src])) {
            stated act = stated_act(ss, v, &ss->m[src]);
            if (act.kind != ACT_NONE) {
                buf_printf(ex, "    the words said are %s ('%s'): %s\n", acts_what[act.kind], ss->toks[act.cue].norm,
                           acts[act.kind].code);
                str_set(code, sizeof code, acts[act.kind].code);
                if (act.target >= 0) tgt = act.target;
                else if (act.kind != ACT_REJECT && act.kind != ACT_DENY && act.kind != ACT_PESSIMISM &&
                         act.kind != ACT_REPROACH && act.kind != ACT_PRAISE)
                    tgt = -1;
            } else {
                const char *fig = said_figure(ss, v);
                if (fig) {
                    buf_printf(ex, "    not emitted: the words said are %s\n", fig);
                    continue;
                }
            }
        }
        /* Compound sources and targets. */
        int32_t sources[CODER_MAX_SOURCES], targets[CODER_MAX_TARGETS];
        size_t ns = 0, nt = 0;
        for (int32_t k = src; k < (int32_t)ss->nm && ns < CODER_MAX_SOURCES; k++) {
            if (ss->m[k].group != ss->m[src].group) break;
            /* a subject's co-subjects stand before the verb; a passive agent's after "by" */
            if (k != src && ss->m[k].first > v && ss->m[src].first < v) break;
            sources[ns++] = k;
        }
        if (tgt >= 0)
            for (int32_t k = tgt; k < (int32_t)ss->nm && nt < CODER_MAX_TARGETS; k++) {
                if (ss->m[k].group != ss->m[tgt].group) break;
                targets[nt++] = k;
            }
        /* "halted all flights between the sultanate and Iran", by Oman: of the two a
         * relation runs "between", the source's own country is the source's side, and
         * the other is the target */
        size_t bt = nt >= 2 ? ss->m[targets[0]].first : 0;
        while (bt > 0 && ss->toks[bt - 1].pos == LEX_POS_DET) bt--;
        if (nt >= 2 && bt > 0 && tok_is(&ss->toks[bt - 1], "between") && src >= 0 &&
            strncmp(ss->m[src].code, "---", 3) && strlen(ss->m[src].code) >= 3) {
            size_t kept = 0;
            for (size_t i = 0; i < nt; i++)
                if (strncmp(ss->m[targets[i]].code, ss->m[src].code, 3)) targets[kept++] = targets[i];
            if (kept > 0 && kept < nt) {
                buf_printf(ex, "    'between': the source's own country is its side, not a target\n");
                nt = kept;
                tgt = targets[0];
            }
        }
        /* "French and Egyptian warships launched naval exercises": a drill the forces of
         * two countries hold together is military cooperation between them (062), as a
         * joint one is; one country's own drill is a show of force (150) */
        if (!strcmp(code, "150") && ns >= 2 && best.p->text && strstr(best.p->text, "&drill")) {
            bool two = false;
            for (size_t i = 1; i < ns; i++)
                two |= strncmp(ss->m[sources[i]].code, ss->m[sources[0]].code, 3) != 0;
            if (two) {
                buf_printf(ex, "    a drill of two countries' forces together: military cooperation (062)\n");
                snprintf(code, sizeof code, "062");
                tgt = -1;
                nt = 0;
            }
        }
        /* "visited the suspected site of the incident", "visited the King Abdullah II
         * Airbase", "the Pope is visiting us": CAMEO's visit (042) is aimed at its host; one
         * that names no host actor is a tour of a place, no visit between actors */
        if (tgt < 0 && code[0] == '0' && code[1] == '4' && code[2] == '2' && !code[3]) {
            buf_printf(ex, "    not emitted: a visit with no host named, no visit between actors\n");
            continue;
        }
        bool has_plus = false;
        for (uint16_t k = 0; k < best.p->n_elem; k++) has_plus |= best.p->elem[k].kind == DICT_EL_TARGET;
        for (uint16_t k = 0; k < best.p->n_pre; k++) has_plus |= best.p->pre[k].kind == DICT_EL_TARGET;
        if (tgt < 0 && (best.target_missing || !has_plus) && ns >= 2 && reciprocal_code(code)) {
            /* "A and B met": each met the other. */
            buf_printf(ex, "    compound subject without target: reciprocal events\n");
            for (size_t i = 0; i < ns; i++)
                for (size_t j = 0; j < ns; j++) {
                    if (i == j || emitted >= DYAD_MAX_EVENTS_PER_SENTENCE) continue;
                    int rc = push_event(c, ss, &best, v, &ss->m[sources[i]], &ss->m[sources[j]], code, ex);
                    if (rc == DYAD_OK && code2[0])
                        rc = push_event(c, ss, &best, v, &ss->m[sources[j]], &ss->m[sources[i]], code2, ex);
                    if (rc) return rc;
                    emitted++;
                }
            continue;
        }
        for (size_t i = 0; i < ns; i++) {
            if (nt == 0) {
                int rc = push_event(c, ss, &best, v, &ss->m[sources[i]], NULL, code, ex);
                if (rc) return rc;
                continue;
            }
            for (size_t j = 0; j < nt; j++) {
                if (emitted >= DYAD_MAX_EVENTS_PER_SENTENCE) {
                    buf_printf(ex, "    not emitted: over DYAD_MAX_EVENTS_PER_SENTENCE\n");
                    break;
                }
                int rc = push_event(c, ss, &best, v, &ss->m[sources[i]], &ss->m[targets[j]], code, ex);
                if (rc == DYAD_OK && code2[0])
                    rc = push_event(c, ss, &best, v, &ss->m[targets[j]], &ss->m[sources[i]], code2, ex);
                if (rc) return rc;
                emitted++;
            }
        }
    }
    return DYAD_OK;
}

/* A statement (010) of a speaker who makes a more specific verbal act in the same sentence
 * (an appeal, a demand, a comment of 011-019, a rejection, a threat: roots 01-02, 10-13)
 * is how that act was made, no second event: "urged North Korea to take steps, telling
 * world leaders that" is the appeal alone, "will tell Koizumi that Japan needs to enact
 * reforms" the appeal for reform. Under DYAD_STATEMENTS_ALL every statement stays. Drops
 * such 010s among the events from index `before` on. */
static void yield_statements(dyad_coder *c, size_t before, dyad_buf *ex) {
    if (c->opt.code_statements == DYAD_STATEMENTS_ALL) return;
    size_t out = before;
    for (size_t i = before; i < c->n_ev; i++) {
        const dyad_event *e = &c->ev[i];
        bool yields = false;
        if (!strcmp(e->code, "010"))
            for (size_t j = before; j < c->n_ev && !yields; j++) {
                const dyad_event *o = &c->ev[j];
                int r = (o->code[0] - '0') * 10 + (o->code[1] - '0');
                yields = j != i && o->sentence == e->sentence && !strcmp(o->source, e->source) &&
                         strcmp(o->code, "010") && (r <= 2 || (r >= 10 && r <= 13));
            }
        if (yields) {
            buf_printf(ex, "statement %s 010: yields to the same speaker's more specific act\n", e->source);
            continue;
        }
        if (out != i) c->ev[out] = c->ev[i];
        out++;
    }
    c->n_ev = out;
}

/* True when the statements of a sentence are coded: always (DYAD_STATEMENTS_ALL), or as
 * CAMEO's fallback when the sentence made no event since event index `before`. */
static bool wants_statements(const dyad_coder *c, size_t before) {
    return c->opt.code_statements == DYAD_STATEMENTS_ALL ||
           (c->opt.code_statements == DYAD_STATEMENTS_FALLBACK && c->n_ev == before);
}

/* "needs to" before a verb at token u, after a named actor: an obligation stated as a
 * need, which a report reads as advice, as "should" ("told Koizumi that Japan needs to
 * enact reforms"). Not after a pronoun or an unnamed group ("we have to", "families will
 * have to", "refugees need to return"): those describe a situation. */
static bool need_to(const syn_sentence *ss, size_t u) {
    const tok *t = &ss->toks[u];
    if (!(tok_is(t, "needs") || tok_is(t, "need")) || u == 0 || u + 2 >= ss->n || !tok_is(&ss->toks[u + 1], "to") ||
        ss->toks[u + 2].pos != LEX_POS_VERB)
        return false;
    int32_t mi = ss->mention_at[u - 1];
    return mi >= 0 && !(ss->m[mi].flags & (SYN_M_PRONOUN | SYN_M_AGENT_ONLY));
}

/* True when the modal at token u is one of the perfect ("should have done", "ought to
 * have", "should never have been lifted", "must have known"): what was due or is
 * presumed in the past, no obligation now. */
static bool perfect_modal(const syn_sentence *ss, size_t u) {
    size_t k = u + 1;
    if (k < ss->n && tok_is(&ss->toks[k], "to")) k++; /* "ought to have" */
    while (k < ss->n && ss->toks[k].cls == TOK_WORD && (ss->toks[k].tags & LEX_ADV)) k++;
    return k < ss->n && (tok_is(&ss->toks[k], "have") || tok_is(&ss->toks[k], "'ve"));
}

/* The obligation a reported sentence states ("said Iran must release the sailors",
 * "Russia should withdraw, the ministry said"): the token of its "must" / "should" in
 * the words said (after the verb of saying v, else before it), or SIZE_MAX. */
static size_t stated_obligation(const syn_sentence *ss, size_t v) {
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t u = pass ? 0 : v + 1; u < (pass ? v : ss->n); u++) {
            const tok *t = &ss->toks[u];
            if ((tok_is(t, "must") || tok_is(t, "should") || tok_is(t, "ought")) && !perfect_modal(ss, u)) return u;
            if (!pass && need_to(ss, u)) return u;
        }
    return SIZE_MAX;
}

/* How far after a threatening verb a word of force may stand ("would use its air
 * defence systems and other weapons", "will respond militarily"). */
#define STATED_THREAT_SPAN 8

/* The threat a reported sentence states: "will" or "would" (not negated) and, in the
 * words said, a retaliation ("will retaliate", "would hit back", "will strike back"), a
 * military response ("would respond militarily", "with force") or force to be used
 * ("would use its air defence systems and other weapons"). CAMEO's threats (13x): 2 when
 * force is named (138, threaten with military force), 1 for a retaliation alone (130),
 * 0 for none. A plain "would respond" is no threat, nor another's retaliation. */
static int stated_threat(const syn_sentence *ss, size_t v, const syn_mention *spk) {
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t u = pass ? 0 : v + 1; u < (pass ? v : ss->n); u++) {
            if (pass && !ss->quoted[u]) continue; /* before the verb, only a quotation */
            if (!tok_is(&ss->toks[u], "will") && !tok_is(&ss->toks[u], "would")) continue;
            /* the one who will strike is the speaker's side: an actor of the speaker's
             * country, named or a pronoun resolved to it ("said it would retaliate",
             * "Gerasimov said Russia would"), or "we"/"I"; "how China would retaliate"
             * said by a senator, or a "they" no one was found for, threatens nothing */
            if (u == 0 || ss->toks[u - 1].cls != TOK_WORD) continue;
            int32_t sj = ss->mention_at[u - 1];
            if (sj >= 0 ? strncmp(ss->m[sj].code, spk->code, 3) != 0
                        : !tok_is(&ss->toks[u - 1], "we") && !tok_is(&ss->toks[u - 1], "i"))
                continue;
            size_t w = u + 1;
            bool negated = false;
            while (w < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & LEX_ADV)) {
                negated |= tok_is(&ss->toks[w], "not") || tok_is(&ss->toks[w], "never");
                w++;
            }
            if (negated || w >= ss->n || ss->toks[w].cls != TOK_WORD) continue;
            const tok *vb = &ss->toks[w];
            bool back = w + 1 < ss->n && tok_is(&ss->toks[w + 1], "back");
            int kind = -1;
            if (tok_lemma_is(vb, "retaliate") || ((tok_lemma_is(vb, "hit") || tok_lemma_is(vb, "strike")) && back))
                kind = 1;
            else if (tok_lemma_is(vb, "respond") || tok_lemma_is(vb, "use"))
                kind = 0;
            if (kind < 0) continue;
            for (size_t k = w + 1; k < ss->n && k <= w + STATED_THREAT_SPAN; k++) {
                const tok *f = &ss->toks[k];
                if (f->cls != TOK_WORD) break;
                if (tok_is(f, "militarily") || tok_is(f, "force") || tok_is(f, "weapons") ||
                    tok_is(f, "military")) {
                    kind = 2;
                    break;
                }
                if (tok_lemma_is(vb, "respond") || tok_lemma_is(vb, "retaliate")) {
                    /* "respond to the letter": the response's object ends the search */
                    if (tok_is(f, "to") || tok_is(f, "against")) break;
                }
            }
            if (kind > 0) return kind;
        }
    return 0;
}

/* True when a comma stands between tokens a and b ("Russia must withdraw, the ministry
 * said": the words said end there). */
static bool comma_between(const syn_sentence *ss, size_t a, size_t b) {
    for (size_t u = a + 1; u < b; u++)
        if (ss->toks[u].cls == TOK_PUNCT && ss->toks[u].norm_len == 1 && ss->toks[u].norm[0] == ',') return true;
    return false;
}

#define SAID_MAX_FRONTED_CLAUSE 30u /* words of a fronted "if" clause looked across */

/* Where the main clause of what verb of saying v reports begins: past a fronted
 * condition or concession ("said that if Russian citizens had been killed, Putin owed
 * the country an explanation": Putin, not the citizens, is whom the words are about),
 * up to its comma; else right after the verb. */
static size_t said_main_clause(const syn_sentence *ss, size_t v) {
    static const char *const fronted[] = {"if", "unless", "although", "though", "while", "whereas", "when", "once",
                                          "because"};
    size_t u = match_past_adverbials(ss, v + 1); /* "said on Wednesday that if" */
    if (u < ss->n && tok_is(&ss->toks[u], "that")) u++;
    if (u >= ss->n || ss->toks[u].cls != TOK_WORD || ss->toks[u].pos != LEX_POS_SUBCONJ) return v + 1;
    bool opens = false;
    for (size_t k = 0; k < sizeof fronted / sizeof *fronted && !opens; k++) opens = tok_is(&ss->toks[u], fronted[k]);
    if (!opens) return v + 1;
    for (size_t k = u + 1; k < ss->n && k <= u + SAID_MAX_FRONTED_CLAUSE; k++) {
        const tok *t = &ss->toks[k];
        if (t->cls == TOK_QUOTE || t->cls == TOK_END || (t->cls == TOK_PUNCT && t->norm[0] != ',')) break;
        if (t->cls == TOK_PUNCT) return k + 1;
    }
    return v + 1;
}

#define SAID_MAX_SETTING 12u /* words between a verb of saying and the "that" of its words */

/* Where an aside inside the words said by verb of saying v ends, when one opens at
 * token u: a relative clause ("the Kurdish forces that fought Isis", "a fugitive, who
 * lives in Belgium"), a trailing clause of time, cause or concession ("will stay until
 * the withdrawal from Niger is over", "while continuing to fight Isis") or a participle
 * after a comma (", leaving Assad in power", ", jointly hosted with Poland"). An aside
 * runs to the next punctuation, quotation mark, dash or the sentence's end; it describes
 * something the words said name, and an actor in it is only mentioned, never the one
 * the statement is about or addressed to. A clause right after the verb ("never said
 * when an attack on Syria would come") is what was said, a participle of saying (",
 * adding that ...") goes on saying, and a condition ("if the YPG leaves") still names
 * whom the words are aimed at. Returns 0 when no aside opens at u. */
static size_t said_aside_end(const syn_sentence *ss, size_t v, size_t u, bool relatives_only) {
    static const char *const relatives[] = {"who", "whom", "whose", "which", "that", "where"};
    static const char *const adverbial[] = {"when", "whenever", "while", "once", "after", "before", "since",
                                            "until", "till", "because", "although", "though", "whereas"};
    const tok *t = &ss->toks[u];
    if (t->cls != TOK_WORD || u == 0 || u == v + 1) return 0;
    bool opens = false, relative = t->pos == LEX_POS_REL;
    if (relative) {
        for (size_t k = 0; k < sizeof relatives / sizeof *relatives && !opens; k++) opens = tok_is(t, relatives[k]);
        /* "said in a briefing on Wednesday that ...": the first "that", with no verb
         * (nor another "that") since the verb of saying, opens the words said */
        if (opens && tok_is(t, "that") && u > v && u - v <= SAID_MAX_SETTING) {
            bool verb = false;
            for (size_t k = v + 1; k < u && !verb; k++)
                verb = ss->toks[k].cls == TOK_PUNCT || ss->toks[k].cls == TOK_QUOTE ||
                       ss->toks[k].pos == LEX_POS_VERB || ss->toks[k].pos == LEX_POS_AUX ||
                       ss->toks[k].pos == LEX_POS_MODAL || tok_is(&ss->toks[k], "that");
            opens = verb;
        }
    } else if (relatives_only) {
        return 0;
    } else if (t->pos == LEX_POS_SUBCONJ && !(ss->toks[u - 1].tags & LEX_SAY)) { /* "said when" asks */
        for (size_t k = 0; k < sizeof adverbial / sizeof *adverbial && !opens; k++) opens = tok_is(t, adverbial[k]);
    } else if (tok_punct_is(&ss->toks[u - 1], ',')) {
        size_t w = u; /* ", jointly hosted" */
        if ((t->tags & LEX_ADV) && t->pos == LEX_POS_ADV && w + 1 < ss->n) w++;
        const tok *p = &ss->toks[w];
        /* (with words of its own after it: "insecurity, looting and violence" is a list) */
        opens = p->cls == TOK_WORD && p->pos == LEX_POS_VERB && (p->tags & (LEX_GERUND | LEX_PAST)) &&
                !(p->tags & LEX_SAY) && w + 1 < ss->n && ss->toks[w + 1].cls == TOK_WORD &&
                !(ss->toks[w + 1].tags & LEX_CONJ);
    }
    if (!opens) return 0;
    /* a relative clause with no comma ends where the main clause's verb comes back
     * after it: "some countries who have confidence in their power are using Syria" */
    bool verb = false, after_verb = false;
    size_t e = u + 1;
    for (; e < ss->n && ss->toks[e].cls != TOK_PUNCT && ss->toks[e].cls != TOK_QUOTE &&
           ss->toks[e].cls != TOK_DASH && ss->toks[e].cls != TOK_END;
         e++) {
        const tok *x = &ss->toks[e];
        if (x->cls != TOK_WORD) continue;
        if (x->pos == LEX_POS_REL) { /* a clause inside it: "a way that endangers forces that fought" */
            verb = after_verb = false;
            continue;
        }
        bool finite = x->pos == LEX_POS_AUX || x->pos == LEX_POS_MODAL;
        if (relative && finite && after_verb) break;
        if (finite || x->pos == LEX_POS_VERB) verb = true;
        else if (verb) after_verb = true;
    }
    return e;
}

/* True when the first actor m of what was said is the statement's target: not a
 * pronoun ("we will find a way", "said it would"), not a place ("in an interview in
 * Grozny"). */
static bool statement_target(const syn_sentence *ss, const syn_mention *m,
                             dyad_buf *ex) {
    const char *why = NULL;
    if (m->flags & SYN_M_PRONOUN) why = "a pronoun";
    else if ((m->flags & SYN_M_AFTER_PREP) && (m->flags & SYN_M_PLACE)) why = "a place";
    if (why) buf_printf(ex, "  statement: '%.*s' (%s) is %s, not its target\n",
                        (int)(ss->toks[m->last - 1].end - ss->toks[m->first].start),
                        ss->story->text + ss->toks[m->first].start, m->code, why);
    return !why;
}

/* True when m is a bare country after a preposition that says where ("in Manbij", "out
 * of Syria"), not one that says at or about whom ("to Iran", "against Israel", "with
 * France", "on Iran", "by Israel", "for Ukraine", "about China"). */
static bool said_place(const syn_sentence *ss, const syn_mention *m) {
    static const char *const at_whom[] = {"to", "toward", "towards", "against", "with", "on", "upon",
                                          "over", "by", "for", "about", "from"};
    if (!((m->flags & SYN_M_AFTER_PREP) && (m->flags & SYN_M_PLACE))) return false;
    size_t u = m->first;
    while (u > 0 && ss->toks[u - 1].cls == TOK_WORD && (ss->toks[u - 1].tags & LEX_DET)) u--;
    if (u == 0) return true;
    for (size_t k = 0; k < sizeof at_whom / sizeof *at_whom; k++)
        if (tok_is(&ss->toks[u - 1], at_whom[k])) return false;
    return true;
}

/* The first other actor what was said after verb of saying v (or quoted before it)
 * names besides the speaker spk, when its first actor is no target (a pronoun, a place,
 * the speaker's own state): "Erdogan said Turkey would have no business in Manbij if
 * the YPG leaves" is aimed at the YPG. Pronouns, places ("in Manbij"), the speaker's
 * own state, its own bodies (IGOUNO's IGOUNOHCH), news outlets and unnamed groups are
 * passed over; the first member of a compound; -1 when no other actor is named. */
static int32_t other_actor_said(const syn_sentence *ss, size_t v, const syn_mention *spk, dyad_buf *ex) {
    int32_t other = -1;
    for (size_t u = 0; u < ss->n; u++) {
        int32_t mi = ss->mention_at[u];
        if ((u < v && !ss->quoted[u]) || u == v) continue;
        size_t aside = said_aside_end(ss, v, u, false);
        if (aside) {
            u = aside - 1;
            continue;
        }
        if (mi < 0) continue;
        const syn_mention *m = &ss->m[mi];
        u = m->last - 1;
        if (m->group == spk->group || (m->flags & (SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) ||
            said_place(ss, m) || speaker_own_state(spk, m) || country_own_state(spk, m) ||
            news_outlet(m) || !strncmp(m->code, spk->code, strlen(spk->code)))
            continue;
        other = mi;
        break;
    }
    if (other >= 0)
        buf_printf(ex, "  statement: the first other actor of what was said, %s, is its target\n", ss->m[other].code);
    return other;
}

/* True when what verb of saying v reports is that the speaker had no comment ("said
 * it had no immediate comment", "said he would have no further comment"): CAMEO's
 * decline comment (011), not a statement. */
static bool said_no_comment(const syn_sentence *ss, size_t v) {
    size_t u = v + 1; /* past "in an email", "that", "it", "would" */
    while (u < ss->n && u <= v + 8 && !tok_lemma_is(&ss->toks[u], "have")) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || t->pos == LEX_POS_VERB) return false;
        /* "said Ukraine had no comment": another actor's */
        if (ss->mention_at[u] >= 0 && !(ss->m[ss->mention_at[u]].flags & SYN_M_PRONOUN)) return false;
        u++;
    }
    if (!(u < ss->n && tok_lemma_is(&ss->toks[u], "have"))) return false;
    u++;
    if (!(u < ss->n && tok_is(&ss->toks[u], "no"))) return false;
    u++;
    if (u < ss->n && ss->toks[u].cls == TOK_WORD && (ss->toks[u].tags & LEX_ADJ) && !tok_is(&ss->toks[u], "comment")) u++;
    return u < ss->n && (tok_is(&ss->toks[u], "comment") || tok_is(&ss->toks[u], "comments"));
}

/* "The US plan was a blatant attack on Syrian sovereignty, Syria said": when the
 * speaker and the verb of saying close the sentence after a comma ("..., the ministry
 * said on Tuesday.", "..., said Putin."), the words before that comma are what was
 * said, quoted or not. Returns the comma's index, or 0 when the verb has words of its
 * own after it ("said that", "said Iran would") or no comma stands before it. */
static size_t said_before_comma(const syn_sentence *ss, size_t v, const syn_mention *spk, bool inverted) {
    size_t c = inverted ? v : spk->first;
    if (!inverted) {
        if (spk->last > v) return 0;
        for (size_t u = spk->last; u < v; u++) /* "Syria has said" */
            if (!(ss->toks[u].cls == TOK_WORD && (ss->toks[u].tags & (LEX_AUX | LEX_ADV)))) return 0;
        while (c > 0 && ss->toks[c - 1].cls == TOK_WORD && (ss->toks[c - 1].tags & LEX_DET) &&
               !(ss->toks[c - 1].tags & LEX_REL)) /* "Taiwan, which Beijing claims" */
            c--;
    }
    if (c < 2 || !tok_punct_is(&ss->toks[c - 1], ',')) return 0;
    size_t w = match_past_adverbials(ss, inverted ? spk->last : v + 1); /* "on Tuesday", "late on Monday" */
    if (w < ss->n && !(ss->toks[w].cls == TOK_END || tok_punct_is(&ss->toks[w], '.') ||
                       tok_punct_is(&ss->toks[w], ',')))
        return 0;
    return c - 1;
}

/* The target of a statement whose words come before "..., Syria said": the actor the
 * words said open with, the subject of what was said or its possessor or modifier ("The
 * US plan was a blatant attack", "Russia, he said, merely respected", "The Iranian
 * decision was part of"), when it is a named actor other than the speaker and its own
 * state; -1 otherwise (an actor further in, after a preposition or a verb, is only
 * mentioned). */
static int32_t subject_said_before(const syn_sentence *ss, size_t v, const syn_mention *spk, bool inverted) {
    size_t end = said_before_comma(ss, v, spk, inverted);
    if (!end) return -1;
    for (size_t u = 0; u < end; u++) {
        const tok *t = &ss->toks[u];
        int32_t mi = ss->mention_at[u];
        if (mi < 0) {
            if (t->cls == TOK_WORD && (t->pos == LEX_POS_DET || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NOUN ||
                                       t->pos == LEX_POS_PROPER || t->pos == LEX_POS_NUM))
                continue;
            return -1;
        }
        const syn_mention *m = &ss->m[mi];
        if (m->last < ss->n && tok_punct_is(&ss->toks[m->last], ':')) return -1; /* a dateline */
        if ((m->flags & (SYN_M_PRONOUN | SYN_M_AGENT_ONLY | SYN_M_AFTER_PREP | SYN_M_UNRESOLVED)) ||
            m->group == spk->group || speaker_own_state(spk, m) || country_own_state(spk, m) || news_outlet(m))
            return -1;
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        return mi;
    }
    return -1;
}


/* True when t is a word of force ("military operation", "troops"): an intent stated
 * with one is a threat of force. */
static bool force_word(const tok *t) {
    static const char *const w[] = {"military", "militarily", "operation", "offensive", "attack",
                                    "strike", "strikes", "troops", "force", "forces", "incursion"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (tok_is(t, w[i])) return true;
    return false;
}

/* Nouns of an act of force or of a response that, promised in the passive with its doer
 * unsaid ("an offensive would be launched if the groups failed to leave", "a response
 * will be taken at the right moment"), the speaker threatens (stated_act_at): force
 * makes a threat of force (138), a response a threat (130). "strike" and "operation"
 * count only after a word that makes them military ("air strikes", "a military
 * operation"), since a strike may be a labour one and an operation a rescue. */
static const char *const promised_force_nouns[] = {"offensive", "assault", "attack", "attacks", "airstrike",
                                                   "airstrikes", "bombardment", "incursion", "invasion"};
static const char *const military_modifiers[] = {"air", "military", "missile", "drone", "retaliatory", "ground"};
static const char *const promised_response_nouns[] = {"response", "retaliation", "reprisal", "reprisals", "revenge"};
/* The verbs whose participle carries such an act out ("will be launched", "would be
 * carried out", "will be taken"); "the attack will be investigated" promises none. */
static const char *const carry_out_verbs[] = {"launch", "carry", "take", "deliver", "mount", "unleash",
                                              "conduct", "stage", "give", "make"};
/* What an actor is said to owe that is demanded of it ("owed the country an
 * explanation", "owes the families an apology"): a demand (100). */
static const char *const owed_nouns[] = {"explanation", "explanations", "apology", "apologies", "answer", "answers"};
/* How far after "owe" what is owed may stand ("owe the people of this country an
 * explanation"). */
#define STATED_OWED_SPAN 7

/* The nouns of an account of what was said or done ("the White House readout"): one said
 * not to reflect it accurately is denied (016). */
static const char *const account_nouns[] = {"readout", "account", "version", "report", "statement",
                                            "transcript", "summary", "description", "characterization"};

/* Verbs of bringing a harm about, and the harms: a statement that something "could create
 * new crises", "would only lead to further chaos" or "risks escalating the conflict"
 * foresees harm (012). */
static const char *const bring_about_verbs[] = {"lead", "create", "cause", "trigger", "spark", "fuel", "provoke",
                                                "unleash", "plunge", "worsen", "deepen", "escalate", "ignite",
                                                "inflame", "destabilize", "destabilise", "prolong"};
static const char *const harm_nouns[] = {"crisis", "crises", "chaos", "catastrophe", "disaster", "instability",
                                         "bloodshed", "suffering", "war", "conflict", "violence", "escalation",
                                         "famine", "collapse", "tragedy", "turmoil", "unrest"};

/* The deeds an actor said to be "responsible for" them is accused of ("said the Syrian
 * regime was responsible for Saturday's chemical attack"): an accusation (112). A duty
 * ("responsible for security", "for hiring staff") accuses no one. */
static const char *const blamed_deeds[] = {"attack", "attacks", "bombing", "bombings", "killing", "killings",
                                           "death", "deaths", "massacre", "murder", "murders", "shelling",
                                           "airstrike", "airstrikes", "strike", "strikes", "assassination",
                                           "explosion", "blast", "poisoning", "crimes", "atrocities",
                                           "abuses", "violence", "hack", "cyberattack", "coup", "downing"};
/* How far after "responsible for" the deed may stand ("for Saturday's alleged chemical
 * attack in Damascus"). */
#define STATED_DEED_SPAN 5

/* Words that condemn what they are said of, after a copula: "any attack on Syria would
 * be reckless", "the accusation is ludicrous" (a reproach, 111). */
static const char *const reproach_adjs[] = {"reckless", "irresponsible", "ludicrous", "absurd", "outrageous",
                                            "shameful", "disgraceful", "provocative", "hypocritical",
                                            "deplorable", "despicable", "scandalous"};

/* Words that judge what they are said of, strongly enough that a statement using one of
 * them of another actor praises (051) or criticises (111) that actor: "you have done it
 * as a tolerant, great country", "the brave people of Burma", "Moscow's accusation ... is
 * ludicrous", "another reckless move of Washington" (evaluated_actor). Mild words (good,
 * strong, positive, dangerous) say too little of whom they judge to count. */
static const char *const praise_words[] = {"great", "brave", "bravely", "courageous", "courageously", "heroic",
                                           "admirable", "tolerant", "wonderful", "outstanding", "excellent",
                                           "exemplary", "commendable", "magnificent", "visionary"};
static const char *const blame_words[] = {"reckless", "irresponsible", "ludicrous", "absurd", "outrageous",
                                          "shameful", "disgraceful", "hypocritical", "deplorable", "despicable",
                                          "scandalous", "ridiculous", "unjust", "unjustified", "barbaric",
                                          "cowardly", "appalling", "arrogant", "cancerous", "shameless",
                                          "treacherous", "barbarous", "shamefully", "recklessly",
                                          "irresponsibly", "disgracefully", "outrageously", "disgrace",
                                          "travesty", "farce", "tumour", "tumor", "cancer"};
/* The nouns of a person or a state that an evaluative word may judge when the one judged
 * is addressed as "you" ("you have done it as a tolerant country"). */
static const char *const judged_nouns[] = {"country", "nation", "people", "leader", "friend", "partner",
                                           "ally", "statesman", "man", "woman", "president"};
/* How far after an evaluative word the head of the phrase it modifies may stand ("a great,
 * free country", "the aggressive and unjustified invasion of"). */
#define EVAL_PHRASE_SPAN 4

/* True when a "not" or "never" stands among the tokens [a, b). */
static bool negated_between(const syn_sentence *ss, size_t a, size_t b) {
    for (size_t u = a; u < b && u < ss->n; u++)
        if (tok_is(&ss->toks[u], "not") || tok_is(&ss->toks[u], "never") || tok_is(&ss->toks[u], "n't")) return true;
    return false;
}

/* The mention whose last token is u, or whose group starts a list ending at u, when it
 * is an actor other than the speaker's side; else -1. */
static int32_t other_actor_at(const syn_sentence *ss, size_t u, const syn_mention *spk) {
    int32_t mi = ss->mention_at[u];
    if (mi < 0 || (ss->m[mi].flags & SYN_M_UNRESOLVED) || ss->m[mi].group == spk->group ||
        !strncmp(ss->m[mi].code, spk->code, 3))
        return -1;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

/* True when word w is one of the n words of list l. */
/* The nouns of what an actor says or does that "of" or "from" after them names the author
 * of ("another reckless move of Washington", "the unjust report from the ICJ"); after an
 * act ("the invasion of Ukraine", "the bombing of Gaza") "of" names the one it befell. */
static const char *const authored_nouns[] = {"move", "decision", "policy", "policies", "behaviour", "behavior",
                                             "conduct", "report", "accusation", "accusations", "claim", "claims",
                                             "allegation", "allegations", "remarks", "comments", "statement",
                                             "statements", "stance", "position", "ruling", "verdict", "attitude",
                                             "approach", "leadership", "government", "regime"};

/* The mention covering token u when it is an actor other than the speaker, of the
 * speaker's country or not ("Javid behaved shamefully" said by the opposition), else -1. */
static int32_t judged_at(const syn_sentence *ss, size_t u, const syn_mention *spk) {
    int32_t mi = ss->mention_at[u];
    if (mi < 0 || (ss->m[mi].flags & SYN_M_UNRESOLVED) || ss->m[mi].group == spk->group ||
        !strcmp(ss->m[mi].code, spk->code))
        return -1;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    return mi;
}

/* Acts whose possessor is their author ("Russia's aggression"); others ("Syria's war")
 * may be a place's. */
static const char *const possessed_acts[] = {"aggression", "invasion", "occupation", "crackdown", "action",
                                             "actions", "interference", "meddling"};

/* Words that call an accusation untrue ("the accusations are baseless", "the charges
 * were a lie"): a denial (016) of it. */
static const char *const baseless_words[] = {"baseless", "unfounded", "groundless", "untrue", "false",
                                             "fabricated", "lie", "lies", "fabrication", "fabrications"};
static const char *const accusation_nouns[] = {"accusation", "accusations", "allegation", "allegations",
                                               "charge", "charges", "claim", "claims"};

/* True when word u of the words said (from lo) is the predicate, after a copula, of an
 * accusation that opens them ("the accusations are baseless", "Moscow's allegations
 * that ... were a lie"), with *who set to the accuser named with it (its possessor, or
 * the actor after its "by" or "from"), or -1. */
static bool accusation_called_baseless(const syn_sentence *ss, size_t u, size_t lo, const syn_mention *spk,
                                       int32_t *who) {
    *who = -1;
    size_t k = u;
    while (k > lo && (ss->toks[k - 1].cls == TOK_QUOTE ||
                      (ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_DET)) &&
                       !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))))
        k--;
    if (!(k > lo && tok_is_be(&ss->toks[k - 1]))) return false;
    size_t j = match_past_adverbials(ss, lo);
    if (j < k && tok_is(&ss->toks[j], "that")) j++;
    /* the accusation: the first noun of the subject, past an article and its accuser */
    size_t a = j;
    while (a < k && (ss->toks[a].cls == TOK_QUOTE || (ss->toks[a].tags & LEX_DET) || ss->mention_at[a] >= 0 ||
                     ss->toks[a].pos == LEX_POS_POSS || ss->toks[a].pos == LEX_POS_ADJ))
        a++;
    if (!(a < k && tok_in(&ss->toks[a], accusation_nouns, sizeof accusation_nouns / sizeof *accusation_nouns)))
        return false;
    if (a > j && ss->mention_at[a - 1] >= 0) *who = judged_at(ss, a - 1, spk);
    else if (a > j + 1 && ss->toks[a - 1].pos == LEX_POS_POSS && ss->mention_at[a - 2] >= 0) *who = judged_at(ss, a - 2, spk);
    else if (a + 2 < k && (tok_is(&ss->toks[a + 1], "by") || tok_is(&ss->toks[a + 1], "from"))) {
        size_t b = a + 2;
        if (b + 1 < k && (ss->toks[b].tags & LEX_DET)) b++;
        if (ss->mention_at[b] >= 0) *who = judged_at(ss, b, spk);
    }
    return true;
}

/* The actor that evaluative word u of the words said (from lo) judges (praise_words,
 * blame_words): one named in the phrase it modifies ("the brave people of Burma"), the
 * author named after that phrase ("another reckless move of Washington", "an attack by
 * Israel"), the possessor before it ("Washington's reckless move"), or, with the word a
 * predicate after a copula, the actor that opens the words said ("Moscow's accusation
 * that Britain directed the attack is ludicrous", "the regime is a cancerous tumour"; a
 * word of praise after an article only of a person or a state: "is a great leader", not
 * "is a great danger"). True with *who set to it; true with
 * *who -1 when the one judged is addressed ("you") and the word modifies a noun of a
 * person or a state ("you have done it as a tolerant country"); false when no actor other
 * than the speaker's side is judged. */
static bool evaluated_actor(const syn_sentence *ss, size_t u, size_t lo, const syn_mention *spk, bool praise,
                            int32_t *who) {
    *who = -1;
    /* the phrase the word modifies: adjectives, nouns, commas, "and" up to its head */
    size_t h = u + 1, head = SIZE_MAX;
    for (; h < ss->n && h <= u + EVAL_PHRASE_SPAN; h++) {
        const tok *w = &ss->toks[h];
        /* an agent of no known country ("a courageous leader") is the head, no actor */
        int32_t mh = ss->mention_at[h];
        if (mh >= 0 && strncmp(ss->m[mh].code, "---", 3)) {
            /* a definite one: "the brave people of Burma", not "great charities" */
            if (!(u > lo && (ss->toks[u - 1].tags & LEX_DET) && !tok_is(&ss->toks[u - 1], "a") &&
                  !tok_is(&ss->toks[u - 1], "an")))
                return false;
            *who = judged_at(ss, h, spk);
            return *who >= 0;
        }
        if (mh >= 0 || (w->cls == TOK_WORD && w->pos == LEX_POS_NOUN)) head = h;
        else if (!(w->cls == TOK_WORD && (w->pos == LEX_POS_ADJ || tok_is(w, "and"))) && !tok_punct_is(w, ',') &&
                 w->cls != TOK_QUOTE)
            break;
        else if (head != SIZE_MAX)
            break;
    }
    if (head != SIZE_MAX && h + 1 < ss->n) {
        const tok *pr = &ss->toks[h];
        bool by = tok_is(pr, "by");
        bool of = (tok_is(pr, "of") || tok_is(pr, "from")) &&
                  tok_in(&ss->toks[head], authored_nouns, sizeof authored_nouns / sizeof *authored_nouns);
        bool judged = tok_is(pr, "of") && tok_in(&ss->toks[head], judged_nouns, sizeof judged_nouns / sizeof *judged_nouns);
        if (by || of || judged) {
            size_t a = h + 1;
            if (a + 1 < ss->n && (ss->toks[a].tags & LEX_DET)) a++;
            if (ss->mention_at[a] >= 0) {
                *who = judged_at(ss, a, spk);
                return *who >= 0;
            }
        }
    }
    /* the possessor of what it says or does: "Washington's reckless move", "Russia's
     * barbaric aggression"; not of a place's troubles ("Syria's appalling war") */
    if (u >= lo + 2 && ss->toks[u - 1].pos == LEX_POS_POSS && ss->mention_at[u - 2] >= 0 && head != SIZE_MAX &&
        (tok_in(&ss->toks[head], authored_nouns, sizeof authored_nouns / sizeof *authored_nouns) ||
         tok_in(&ss->toks[head], possessed_acts, sizeof possessed_acts / sizeof *possessed_acts))) {
        *who = judged_at(ss, u - 2, spk);
        return *who >= 0;
    }
    /* a predicate after a copula: "is ludicrous", "is a courageous leader" */
    size_t k = u;
    bool det = false;
    while (k > lo && (ss->toks[k - 1].cls == TOK_QUOTE ||
                      (ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & (LEX_ADV | LEX_DET)) &&
                       !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never")))) {
        det = det || (ss->toks[k - 1].tags & LEX_DET);
        k--;
    }
    bool person = head != SIZE_MAX && tok_in(&ss->toks[head], judged_nouns, sizeof judged_nouns / sizeof *judged_nouns);
    /* ... or an adverb of the verb right before it: "he behaved shamefully" */
    bool manner = k == u && k > lo + 1 && ss->toks[u].pos == LEX_POS_ADV && ss->toks[k - 1].pos == LEX_POS_VERB &&
                  !(ss->toks[k - 1].tags & LEX_SAY);
    if (k > lo && (tok_is_be(&ss->toks[k - 1]) || manner) && (!det || person || !praise)) {
        size_t j = match_past_adverbials(ss, lo); /* "said on Friday that ..." */
        while (j < k && (ss->toks[j].cls == TOK_QUOTE || tok_is(&ss->toks[j], "that") ||
                         (ss->toks[j].tags & LEX_DET)))
            j++;
        /* not the empty "it" of "it would be reckless to" */
        if (j < k && ss->mention_at[j] >= 0 && ss->m[ss->mention_at[j]].first == j && !tok_is(&ss->toks[j], "it")) {
            *who = judged_at(ss, j, spk);
            return *who >= 0;
        }
    }
    /* the one addressed: "you have done it as a tolerant country" */
    if (person)
        for (size_t j = lo; j < u; j++)
            if (ss->mention_at[j] < 0 && (tok_is(&ss->toks[j], "you") || tok_is(&ss->toks[j], "your"))) return true;
    return false;
}

/* The subject before token u ("the White Helmets were | behind", "Damascus would |
 * face"): the token before u, past adverbs, quotation marks and the words of a hedge
 * ("was 'highly likely' to have been"). */
static size_t subject_end_before(const syn_sentence *ss, size_t u, size_t lo) {
    while (u > lo) {
        const tok *t = &ss->toks[u - 1];
        if (t->cls == TOK_QUOTE || (t->cls == TOK_WORD && ((t->tags & LEX_ADV) || tok_is_be(t) ||
                                                             tok_is(t, "likely") || tok_is(t, "to") ||
                                                             tok_lemma_is(t, "have") || tok_is(t, "'ll"))))
            u--;
        else
            break;
    }
    return u; /* the subject's last token is u - 1; u == lo when there is none */
}

/* True when the verb of saying at v is a speaker's own (not a quoted or named word). */
static bool saying_verb(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    return (t->tags & LEX_SAY) && t->pos == LEX_POS_VERB && !ss->quoted[v] && ss->mention_at[v] < 0;
}

/* How far a number may stand before what it counts ("two Turkish soldiers were killed"),
 * or after a toll ("the death toll rose to 16"). */
#define FIGURE_REACH 4

static bool figure_number(const tok *t) {
    static const char *const many[] = {"dozens", "scores", "hundreds", "thousands"};
    if (t->cls == TOK_NUMBER) return true;
    if (t->cls != TOK_WORD) return false;
    if (t->tags & LEX_NUM) return true;
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        if (tok_is(t, many[i])) return true;
    return false;
}

/* How far a word of change or measure may stand from a share ("up 17.3%", "a growth rate
 * of 142%", "occupancy rates reached 42 per cent"). */
#define SHARE_REACH 3

/* True when token u ends a share in figures: a number followed by "%", "percent" or "per
 * cent"; the share's first and last tokens in *first and *last. */
static bool share_at(const syn_sentence *ss, size_t u, size_t *first, size_t *last) {
    const tok *t = ss->toks;
    if (u + 1 >= ss->n || !figure_number(&t[u]) || t[u].cls != TOK_NUMBER) return false;
    *first = u;
    if (!strcmp(t[u + 1].norm, "%") || tok_is(&t[u + 1], "percent")) {
        *last = u + 1;
        return true;
    }
    if (u + 2 < ss->n && tok_is(&t[u + 1], "per") && tok_is(&t[u + 2], "cent")) {
        *last = u + 2;
        return true;
    }
    return false;
}

/* True when the words said in [lo, hi) give a statistic: a share in figures with a word
 * of change or measure at most SHARE_REACH words before or after it, or "up" or "down"
 * right before it ("up 17.3% from the week before", "a 9.1% decrease", "an increase of 1511%", "occupancy rates reached 42
 * per cent", "represents 6% of sales"). A share told of a war or a policy ("Isis has
 * lost 90% of its territory", "a 43 per cent reduction target") has no such word and
 * stays a statement. */
static bool said_statistic(const syn_sentence *ss, size_t lo, size_t hi) {
    static const char *const measures[] = {"increase", "decrease", "rise", "fall", "drop", "decline", "growth",
                                           "rate", "soar", "jump", "reach", "represent", "rating", "grow",
                                           "climb", "plunge", "surge"};
    for (size_t u = lo; u < hi; u++) {
        size_t a, b;
        if (!share_at(ss, u, &a, &b) || b >= hi) continue;
        size_t from = a > lo + SHARE_REACH ? a - SHARE_REACH : lo, to = b + SHARE_REACH < hi ? b + SHARE_REACH : hi - 1;
        for (size_t k = from; k <= to; k++) {
            const tok *w = &ss->toks[k];
            if (k >= a && k <= b) continue;
            if (w->cls != TOK_WORD) continue;
            /* "up 17.3%", "down 4%" right before the share; "to drive down the current 6.1
             * per cent inflation figure" is an aim, no statistic */
            if (k + 1 == a && (tok_is(w, "up") || tok_is(w, "down"))) return true;
            for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
                if (tok_lemma_is(w, measures[i]) || tok_is(w, measures[i])) return true;
        }
        u = b;
    }
    return false;
}

/* What the words said by verb of saying v give, when it is a figure and no act: a count
 * of the dead, the hurt or the infected ("at least nine people were killed ..., a police
 * official told Reuters", "Kenya has reported 14 new cases", "the death toll rose to 16,
 * the ministry said") or a statistic (said_statistic: "the number of licensees rose by
 * 1511%, it said"); else NULL. The figure is where the news comes from, not an act of
 * the one who gives it. The words said run from the verb of saying before v to the one
 * after. */
static const char *said_figure(const syn_sentence *ss, size_t v) {
    static const char *const counted[] = {"killed",   "died",       "dead",       "deaths",     "injured",
                                          "wounded",  "hurt",       "infected",   "infections", "cases",
                                          "casualties", "fatalities"};
    static const char *const count_what = "a count of the dead, hurt or infected";
    size_t hi = v + 1, lo = v;
    while (hi < ss->n && !saying_verb(ss, hi)) hi++;
    while (lo > 0 && !saying_verb(ss, lo - 1)) lo--;
    for (size_t u = lo; u < hi; u++) {
        const tok *t = &ss->toks[u];
        bool toll = t->cls == TOK_WORD && tok_is(t, "toll");
        if (!toll && !figure_number(t)) continue;
        for (size_t k = u + 1; k < hi && k <= u + FIGURE_REACH && k != v; k++) {
            const tok *w = &ss->toks[k];
            if (toll ? figure_number(w) : w->cls != TOK_WORD) {
                if (toll) return count_what;
                break;
            }
            if (!toll)
                for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++)
                    if (tok_is(w, counted[i])) return count_what;
        }
    }
    return said_statistic(ss, lo, hi) ? "a statistic (a share in figures that rose, fell or was reached)" : NULL;
}

/* Reads one token u of the words said for a cue of a speech act: an accusation ("said
 * the White Helmets were behind fake reports", "the attack was staged", "lies these
 * countries fabricated"), a threat ("the regime will have to pay the price", "would face
 * consequences", "will suffer as a consequence"), an appeal ("it is time for the
 * opposition to", "it is high time to"), a rejection (what was said is "unacceptable",
 * "unrealistic") or an intent of the speaker's side ("said Beijing was willing to",
 * "Jordan is committed to"; with a word of force after it, a threat of force: "said he
 * was ready to launch a military operation"). lo is where the words said begin. */
/* What a speaker's side "reserves the right to" do that warns of a response. */
static const char *const reserved_responses[] = {"respond", "retaliate", "react", "confront", "defend", "take"};

static stated stated_act_at(const syn_sentence *ss, size_t u, size_t lo, size_t v, const syn_mention *spk) {
    stated r = {ACT_NONE, -1, u};
    const tok *t = &ss->toks[u];
    if (t->cls != TOK_WORD) return r;
    const tok *prev = u > 0 ? &ss->toks[u - 1] : NULL;
    const tok *next = u + 1 < ss->n ? &ss->toks[u + 1] : NULL;
    if (tok_is(t, "behind") && prev && tok_is_be(prev) && next && !tok_is(next, "bars") &&
        !tok_is(next, "closed") && !tok_is(next, "schedule")) {
        size_t e = subject_end_before(ss, u, lo);
        int32_t mi = e > lo ? other_actor_at(ss, e - 1, spk) : -1;
        if (mi >= 0 && !negated_between(ss, e, u)) r.kind = ACT_ACCUSE, r.target = mi;
        return r;
    }
    /* "said Washington was responsible for the attack": the actor said to be to blame for
     * a deed (blamed_deeds) is accused, as "was behind" accuses it; so is one said to be
     * responsible with nothing after it to close the clause ("said the rebels were
     * responsible."): the deed is the one the story tells, no duty of office */
    bool resp = next && u > lo && tok_is(t, "responsible");
    bool bare = resp && (next->cls == TOK_END || tok_punct_is(next, '.') || tok_punct_is(next, ',') ||
                         tok_punct_is(next, ';'));
    if (resp && (bare || tok_is(next, "for"))) {
        bool deed = bare;
        for (size_t j = u + 2; j < ss->n && j <= u + 1 + STATED_DEED_SPAN && !deed; j++) {
            const tok *w = &ss->toks[j];
            if (w->cls == TOK_END || tok_punct_is(w, ',')) break;
            deed = w->cls == TOK_WORD && tok_in(w, blamed_deeds, sizeof blamed_deeds / sizeof *blamed_deeds);
        }
        if (!deed) return r;
        size_t b = u; /* the copula, past adverbs ("was partly responsible") */
        while (b > lo && ss->toks[b - 1].cls == TOK_WORD && (ss->toks[b - 1].tags & LEX_ADV) &&
               !tok_is(&ss->toks[b - 1], "not") && !tok_is(&ss->toks[b - 1], "never"))
            b--;
        if (!(b > lo && tok_is_be(&ss->toks[b - 1]))) return r;
        size_t e = subject_end_before(ss, b, lo);
        int32_t mi = e > lo ? judged_at(ss, e - 1, spk) : -1; /* of the speaker's country too */
        /* a list runs across no "that" opening a clause ("no role in the deaths of
         * villagers and that the rebels were responsible"): the actor before it is not
         * the one accused */
        for (size_t j = mi >= 0 ? ss->m[mi].last : e; j < e; j++)
            if (ss->toks[j].pos == LEX_POS_SUBCONJ) {
                mi = ss->mention_at[e - 1];
                break;
            }
        if (mi >= 0 && !negated_between(ss, e, u)) r.kind = ACT_ACCUSE, r.target = mi;
        return r;
    }
    if ((tok_lemma_is(t, "stage") && prev && tok_is_be(prev)) || tok_lemma_is(t, "fabricate") ||
        tok_is(t, "fabrication") || tok_is(t, "fabrications") ||
        (tok_is(t, "flag") && prev && tok_is(prev, "false"))) {
        if (!(prev && negated_between(ss, u > lo + 2 ? u - 2 : lo, u))) r.kind = ACT_ACCUSE;
        return r;
    }
    bool price = tok_lemma_is(t, "pay"), cons = tok_lemma_is(t, "face") || tok_lemma_is(t, "suffer");
    if (price || cons) {
        size_t w = u + 1;
        if (cons && w + 1 < ss->n && tok_is(&ss->toks[w], "as")) w++; /* "suffer as a consequence" */
        while (w < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & (LEX_DET | LEX_ADJ)) &&
               !tok_is(&ss->toks[w], "price"))
            w++;
        if (!(w < ss->n && (price ? tok_is(&ss->toks[w], "price")
                                  : tok_is(&ss->toks[w], "consequences") || tok_is(&ss->toks[w], "consequence"))))
            return r;
        size_t m = SIZE_MAX; /* the "will" or "would" */
        for (size_t k = u; k-- > lo && k + STATED_ACT_MODAL_REACH >= u;)
            if (tok_is(&ss->toks[k], "will") || tok_is(&ss->toks[k], "would") || tok_is(&ss->toks[k], "shall")) {
                m = k;
                break;
            }
        if (m == SIZE_MAX || negated_between(ss, m, u)) return r;
        size_t e = subject_end_before(ss, m, lo);
        if (e > lo && (tok_is(&ss->toks[e - 1], "we") || tok_is(&ss->toks[e - 1], "i"))) return r;
        int32_t mi = e > lo ? other_actor_at(ss, e - 1, spk) : -1;
        bool anyone = false; /* "any groups that do not attend will suffer" */
        for (size_t k = lo; k < m && !anyone; k++)
            anyone = tok_is(&ss->toks[k], "any") || tok_is(&ss->toks[k], "anyone") ||
                     tok_is(&ss->toks[k], "those") || tok_is(&ss->toks[k], "whoever");
        if (mi >= 0 || anyone) r.kind = ACT_THREAT, r.target = mi;
        return r;
    }
    /* "an offensive would be launched if jihadist groups failed to leave", "a response
     * will be taken at the right moment": force or a response promised in the passive,
     * its doer unsaid, is the speaker's threat, aimed at the actor named after it (the
     * one a condition or "against" names); a subject that names another actor ("Turkey's
     * offensive will be launched") is a forecast of that actor's act */
    if ((tok_is(t, "will") || tok_is(t, "would")) && u > lo) {
        size_t w = u + 1;
        while (w < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & LEX_ADV) && !tok_is(&ss->toks[w], "not") &&
               !tok_is(&ss->toks[w], "never"))
            w++;
        if (!(w + 1 < ss->n && tok_is(&ss->toks[w], "be") && ss->toks[w + 1].cls == TOK_WORD &&
              (ss->toks[w + 1].tags & LEX_PAST) && (ss->toks[w + 1].tags & LEX_VERB)))
            return r;
        bool carried = false;
        for (size_t a = 0; a < sizeof carry_out_verbs / sizeof *carry_out_verbs && !carried; a++)
            carried = tok_lemma_is(&ss->toks[w + 1], carry_out_verbs[a]);
        if (!carried) return r;
        const tok *h = &ss->toks[u - 1];
        bool force = tok_in(h, promised_force_nouns, sizeof promised_force_nouns / sizeof *promised_force_nouns) ||
                     ((tok_is(h, "strike") || tok_is(h, "strikes") || tok_is(h, "operation")) && u >= lo + 2 &&
                      tok_in(&ss->toks[u - 2], military_modifiers, sizeof military_modifiers / sizeof *military_modifiers));
        bool response = !force && tok_in(h, promised_response_nouns,
                                         sizeof promised_response_nouns / sizeof *promised_response_nouns);
        /* "a response will be given to the letter" answers it */
        if (!force && !(response && !(w + 2 < ss->n && tok_is(&ss->toks[w + 2], "to")))) return r;
        for (size_t k = u - 1; k > lo && ss->toks[k - 1].cls != TOK_PUNCT && !tok_is(&ss->toks[k - 1], "that") &&
                               ss->toks[k - 1].pos != LEX_POS_VERB;
             k--) {
            /* "an investigation into the attack will be launched": the word is no subject's head */
            if (ss->toks[k - 1].pos == LEX_POS_PREP) return r;
            int32_t mi = ss->mention_at[k - 1];
            if (mi >= 0 && !(ss->m[mi].flags & SYN_M_UNRESOLVED) && strncmp(ss->m[mi].code, spk->code, 3)) return r;
        }
        r.kind = force ? ACT_THREAT_FORCE : ACT_THREAT;
        for (size_t j = w + 2; j < ss->n && r.target < 0; j++) {
            if (ss->toks[j].cls == TOK_END || saying_verb(ss, j)) break;
            int32_t mi = other_actor_at(ss, j, spk);
            size_t f = mi >= 0 ? ss->m[mi].first : 0;
            if (f > 0 && (ss->toks[f - 1].tags & LEX_DET)) f--;
            if (mi >= 0 && f > 0 && (tok_is(&ss->toks[f - 1], "in") || tok_is(&ss->toks[f - 1], "at") ||
                                     tok_is(&ss->toks[f - 1], "into") || tok_is(&ss->toks[f - 1], "near")))
                continue; /* "in Idlib": where, not on whom */
            r.target = mi;
        }
        return r;
    }
    /* "Putin and other officials owed the country an explanation": what an actor is said
     * to owe (owed_nouns) is demanded of it; "we owe them an apology" admits a debt */
    if (tok_lemma_is(t, "owe") && (t->tags & LEX_VERB)) {
        bool owed = false;
        for (size_t j = u + 1; j < ss->n && j <= u + STATED_OWED_SPAN && !owed; j++) {
            if (ss->toks[j].cls != TOK_WORD) break;
            owed = tok_in(&ss->toks[j], owed_nouns, sizeof owed_nouns / sizeof *owed_nouns);
        }
        if (!owed || negated_between(ss, u > lo + 2 ? u - 2 : lo, u)) return r;
        size_t e = subject_end_before(ss, u, lo);
        int32_t mi = e > lo ? ss->mention_at[e - 1] : -1;
        if (mi < 0 || (ss->m[mi].flags & SYN_M_UNRESOLVED) || ss->m[mi].group == spk->group ||
            !strcmp(ss->m[mi].code, spk->code))
            return r;
        while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
        r.kind = ACT_DEMAND;
        r.target = mi;
        return r;
    }
    /* "the attack cannot go unchallenged", "will not go unpunished": a response
     * promised to what was done, a warning aimed at whoever did it (the actor of the
     * subject, when the words name one) */
    if ((tok_is(t, "unpunished") || tok_is(t, "unanswered") || tok_is(t, "unchallenged")) && prev &&
        tok_lemma_is(prev, "go") && u >= lo + 2) {
        bool neg = false;
        for (size_t k = u - 1; k-- > lo && k + STATED_ACT_MODAL_REACH >= u && !neg;)
            neg = (ss->toks[k].cls == TOK_WORD && (ss->toks[k].tags & LEX_NEG)) != 0;
        if (!neg) return r;
        r.kind = ACT_THREAT;
        for (size_t k = lo; k + 1 < u && r.target < 0; k++) r.target = other_actor_at(ss, k, spk);
        return r;
    }
    /* "said the country reserves the right to answer X's provocations": a response
     * the speaker's side keeps open (its subject no other actor) warns of it: a threat,
     * aimed at the first other actor after it (data/verbs/13.txt codes it where the
     * subject is an actor) */
    if (tok_lemma_is(t, "reserve") && (t->tags & LEX_VERB) && u + 4 < ss->n && tok_is(&ss->toks[u + 1], "the") &&
        tok_is(&ss->toks[u + 2], "right") && tok_is(&ss->toks[u + 3], "to") &&
        tok_in(&ss->toks[u + 4], reserved_responses, sizeof reserved_responses / sizeof *reserved_responses)) {
        if (negated_between(ss, u > lo + 2 ? u - 2 : lo, u)) return r;
        size_t e = subject_end_before(ss, u, lo);
        if (e > lo && other_actor_at(ss, e - 1, spk) >= 0) return r;
        r.kind = ACT_THREAT;
        for (size_t j = u + 5; j < ss->n && r.target < 0; j++) {
            if (ss->toks[j].cls == TOK_END || saying_verb(ss, j)) break;
            r.target = other_actor_at(ss, j, spk);
        }
        return r;
    }
    if (tok_is(t, "time") && next && (tok_is(next, "for") || tok_is(next, "to"))) {
        size_t k = u;
        if (k > lo && (tok_is(&ss->toks[k - 1], "high") || tok_is(&ss->toks[k - 1], "about"))) k--;
        const tok *be = k > lo + 1 ? &ss->toks[k - 1] : NULL; /* "it is", "it's" */
        if (!(be && (tok_is_be(be) || (be->norm_len == 2 && !memcmp(be->norm, "'s", 2))) && tok_is(&ss->toks[k - 2], "it"))) return r;
        r.kind = ACT_APPEAL;
        if (tok_is(next, "for"))
            for (size_t j = u + 2; j < ss->n && !tok_is(&ss->toks[j], "to") && r.target < 0; j++)
                r.target = other_actor_at(ss, j, spk);
        return r;
    }
    if (tok_is(t, "reflect") && prev && tok_is(prev, "accurately") &&
        negated_between(ss, u > lo + 3 ? u - 3 : lo, u)) {
        /* "the White House readout did not accurately reflect the call": an account,
         * denied; aimed at the actor it is of, named before the negation */
        size_t k = u;
        while (k > lo && !negated_between(ss, k - 1, k)) k--;
        bool account = false;
        for (size_t j = lo; j + 1 < k; j++) {
            for (size_t a = 0; a < sizeof account_nouns / sizeof account_nouns[0]; a++)
                if (tok_is(&ss->toks[j], account_nouns[a])) account = true;
            if (r.target < 0) r.target = other_actor_at(ss, j, spk);
        }
        if (account) r.kind = ACT_DENY;
        else r.target = -1;
        return r;
    }
    if ((tok_is(t, "should") || tok_is(t, "ought")) && perfect_modal(ss, u)) {
        /* "sanctions that should never have been lifted", "this nonsense should have
         * ended long ago": what was due and not done, or done and not due, is a reproach
         * (111), aimed at the actor it is said of */
        size_t e = subject_end_before(ss, u, lo);
        r.kind = ACT_REPROACH;
        r.target = e > lo ? other_actor_at(ss, e - 1, spk) : -1;
        return r;
    }
    bool brings = false;
    for (size_t a = 0; a < sizeof bring_about_verbs / sizeof *bring_about_verbs && (t->tags & LEX_VERB); a++)
        brings = brings || tok_lemma_is(t, bring_about_verbs[a]);
    if (brings) {
        /* a harm foreseen: a modal or "risk" before the verb, past adverbs ("would only
         * lead to"), and a harm right after it ("could create new crises") */
        size_t k = u;
        while (k > lo && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
               !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))
            k--;
        if (!(k > lo && (tok_is(&ss->toks[k - 1], "could") || tok_is(&ss->toks[k - 1], "would") ||
                         tok_is(&ss->toks[k - 1], "will") || tok_is(&ss->toks[k - 1], "may") ||
                         tok_is(&ss->toks[k - 1], "might") || tok_is(&ss->toks[k - 1], "risks") ||
                         tok_is(&ss->toks[k - 1], "risk") || tok_is(&ss->toks[k - 1], "risking"))))
            return r;
        for (size_t j = u + 1; j < ss->n && j <= u + STATED_ACT_HARM_SPAN; j++) {
            const tok *h = &ss->toks[j];
            if (h->cls == TOK_END || tok_punct_is(h, ',')) break;
            for (size_t a = 0; a < sizeof harm_nouns / sizeof *harm_nouns; a++)
                if (tok_is(h, harm_nouns[a])) {
                    r.kind = ACT_PESSIMISM;
                    return r;
                }
        }
        return r;
    }
    if (tok_in(t, baseless_words, sizeof baseless_words / sizeof *baseless_words) &&
        !negated_between(ss, u > lo + 3 ? u - 3 : lo, u)) {
        int32_t who = -1;
        if (accusation_called_baseless(ss, u, lo, spk, &who)) {
            r.kind = ACT_DENY;
            r.target = who;
            return r;
        }
    }
    bool praise = tok_in(t, praise_words, sizeof praise_words / sizeof *praise_words);
    if ((praise || tok_in(t, blame_words, sizeof blame_words / sizeof *blame_words)) &&
        !negated_between(ss, u > lo + 3 ? u - 3 : lo, u)) {
        int32_t who = -1;
        if (evaluated_actor(ss, u, lo, spk, praise, &who)) {
            r.kind = praise ? ACT_PRAISE : ACT_REPROACH;
            r.target = who;
            return r;
        }
    }
    bool reproach = false;
    for (size_t a = 0; a < sizeof reproach_adjs / sizeof *reproach_adjs; a++) reproach = reproach || tok_is(t, reproach_adjs[a]);
    if (reproach) { /* only after a copula, past adverbs and quotation marks */
        size_t k = u;
        while (k > lo && (ss->toks[k - 1].cls == TOK_QUOTE ||
                          (ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
                           !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))))
            k--;
        if (!(k > lo && tok_is_be(&ss->toks[k - 1]))) return r;
    }
    /* "removing the sanctions is out of the question": a rejection too */
    bool out_of_question = tok_is(t, "question") && u >= lo + 3 && tok_is(&ss->toks[u - 1], "the") &&
                           tok_is(&ss->toks[u - 2], "of") && tok_is(&ss->toks[u - 3], "out");
    if (tok_is(t, "unacceptable") || tok_is(t, "unrealistic") || reproach || out_of_question) {
        size_t at = out_of_question ? u - 3 : u;
        if (negated_between(ss, at > lo + 3 ? at - 3 : lo, at)) return r;
        /* what was said is what is called so, not a clause further in ("supports efforts to
         * show that the use of chemical weapons is unacceptable"); a gerund that opens the
         * words said is what is called so ("removing the sanctions is out of the question") */
        size_t open = match_past_adverbials(ss, lo);
        if (open < at && tok_is(&ss->toks[open], "that")) open++;
        for (size_t k = lo; k < at; k++) {
            const tok *g = &ss->toks[k];
            if (g->cls == TOK_WORD && g->pos == LEX_POS_VERB && !tok_is_be(g) && !(k > 0 && tok_is(&ss->toks[k - 1], "to")) &&
                k != v && !(k == open && (g->tags & LEX_GERUND)))
                return r;
        }
        r.kind = reproach ? ACT_REPROACH : ACT_REJECT;
        return r;
    }
    /* "Egypt is proud of the long-standing relations with the UAE", "said he was grateful
     * to Japan": pride in or gratitude to another actor, felt by the speaker's side, praises
     * it (051), aimed at the first other actor after the word; none named, no praise */
    /* "it was heartening that ... X has kept its ports open": what
     * another actor did, called heartening, praises it (051), aimed at the first other
     * actor of the clause after "that" not governed by a preposition; none, no praise */
    if ((tok_is(t, "encouraging") || tok_is(t, "heartening") || tok_is(t, "gratifying")) && next &&
        tok_is(next, "that") && u >= lo + 2) {
        size_t k = u; /* past adverbs and the quotation mark that opens the words quoted */
        while (k > lo && (ss->toks[k - 1].cls == TOK_QUOTE ||
                          (ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
                           !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))))
            k--;
        if (!(k > lo + 1 && tok_is_be(&ss->toks[k - 1]) && tok_is(&ss->toks[k - 2], "it"))) return r;
        for (size_t j = u + 2; j < ss->n && r.target < 0; j++) {
            if (ss->toks[j].cls == TOK_END || saying_verb(ss, j)) break;
            int32_t mi = other_actor_at(ss, j, spk);
            if (mi >= 0 && (ss->m[mi].flags & SYN_M_AFTER_PREP)) continue;
            r.target = mi;
        }
        if (r.target >= 0) r.kind = ACT_PRAISE;
        return r;
    }
    /* "glad", "happy", "pleased" or "delighted" that, with or about what another actor
     * did ("glad that X had offered to help") praise it as gratitude does;
     * "happy to be in Amman" is no one's praise */
    bool glad = (tok_is(t, "happy") || tok_is(t, "glad") || tok_is(t, "pleased") || tok_is(t, "delighted")) &&
                next && !tok_is(next, "to");
    if (tok_is(t, "proud") || tok_is(t, "grateful") || tok_is(t, "thankful") || glad) {
        size_t k = u;
        while (k > lo && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
               !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))
            k--;
        if (!(k > lo + 1 && tok_is_be(&ss->toks[k - 1]))) return r;
        int32_t sj = ss->mention_at[k - 2];
        const tok *s = &ss->toks[k - 2]; /* "said he was grateful": the speaker, whoever
                                            * the story's last "he" was */
        bool own = tok_is(s, "he") || tok_is(s, "she") ||
                   (sj >= 0 ? !(ss->m[sj].flags & SYN_M_UNRESOLVED) && !strncmp(ss->m[sj].code, spk->code, 3)
                            : tok_is(s, "we") || tok_is(s, "i"));
        if (!own) return r;
        for (size_t j = u + 1; j < ss->n && r.target < 0; j++) {
            if (ss->toks[j].cls == TOK_END || saying_verb(ss, j)) break;
            r.target = other_actor_at(ss, j, spk);
        }
        if (r.target >= 0) r.kind = ACT_PRAISE;
        return r;
    }
    if ((tok_is(t, "ready") || tok_is(t, "willing") || tok_is(t, "prepared") || tok_is(t, "committed")) && next &&
        (tok_is(next, "to") || (tok_is(next, "for") && !tok_is(t, "committed")))) {
        size_t k = u;
        while (k > lo && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) &&
               !tok_is(&ss->toks[k - 1], "not") && !tok_is(&ss->toks[k - 1], "never"))
            k--;
        if (!(k > lo + 1 && tok_is_be(&ss->toks[k - 1]))) return r;
        const tok *s = &ss->toks[k - 2];
        int32_t sj = ss->mention_at[k - 2];
        bool own = sj >= 0 ? !(ss->m[sj].flags & SYN_M_UNRESOLVED) && !strncmp(ss->m[sj].code, spk->code, 3)
                           : tok_is(s, "we") || tok_is(s, "i");
        if (!own) return r;
        r.kind = ACT_INTENT;
        if (tok_is(next, "for")) { /* "ready for talks": an intent to negotiate */
            size_t w = u + 2;
            while (w < ss->n && ss->toks[w].cls == TOK_WORD && (ss->toks[w].tags & (LEX_DET | LEX_ADJ))) w++;
            if (w < ss->n && (tok_is(&ss->toks[w], "talks") || tok_lemma_is(&ss->toks[w], "negotiation") ||
                              tok_lemma_is(&ss->toks[w], "dialogue") || tok_lemma_is(&ss->toks[w], "discussion") ||
                              tok_lemma_is(&ss->toks[w], "meeting")))
                r.kind = ACT_INTENT_MEET;
        }
        for (size_t j = u + 2; j < ss->n && j <= u + 1 + STATED_ACT_FORCE_SPAN; j++) {
            if (ss->toks[j].cls == TOK_END) break;
            if (force_word(&ss->toks[j])) {
                r.kind = ACT_THREAT_FORCE;
                break;
            }
        }
        for (size_t j = u + 2; j < ss->n && r.target < 0; j++) {
            if (ss->toks[j].cls == TOK_END || (j > u + 2 && saying_verb(ss, j))) break;
            int32_t mi = other_actor_at(ss, j, spk);
            if (mi >= 0 && !strncmp(ss->m[mi].code, "---", 3)) continue; /* "military ones" */
            /* "in Syria", "at the border": where, not with whom */
            size_t f = mi >= 0 ? ss->m[mi].first : 0;
            if (f > 0 && (ss->toks[f - 1].tags & LEX_DET)) f--;
            if (mi >= 0 && f > 0 &&
                (tok_is(&ss->toks[f - 1], "in") || tok_is(&ss->toks[f - 1], "at") ||
                 tok_is(&ss->toks[f - 1], "from") || tok_is(&ss->toks[f - 1], "into") ||
                 tok_is(&ss->toks[f - 1], "inside") || tok_is(&ss->toks[f - 1], "near")))
                continue;
            r.target = mi;
        }
        return r;
    }
    return r;
}

/* The speech act the words said by verb of saying v state (stated_act_at), ACT_NONE when
 * they make a plain statement. The words said run from v to the next verb of saying; before
 * v, they are a quotation or what a comma closes ("the White Helmets were behind the
 * reports, the ambassador said"), back to the verb of saying before. */
static stated stated_act(const syn_sentence *ss, size_t v, const syn_mention *spk) {
    stated none = {ACT_NONE, -1, 0};
    size_t hi = v + 1, lo = v;
    while (hi < ss->n && !saying_verb(ss, hi)) hi++;
    while (lo > 0 && !saying_verb(ss, lo - 1)) lo--;
    size_t wall = v; /* the last comma before v */
    while (wall > lo && !tok_punct_is(&ss->toks[wall - 1], ',')) wall--;
    for (size_t u = v + 1; u < hi; u++) {
        stated r = stated_act_at(ss, u, v + 1, v, spk);
        if (r.kind != ACT_NONE) return r;
    }
    for (size_t u = lo; u < v; u++) {
        if (!ss->quoted[u] && u + 1 >= wall) continue;
        stated r = stated_act_at(ss, u, lo, v, spk);
        if (r.kind != ACT_NONE) return r;
    }
    return none;
}

/* How many words may stand between a verb of reporting and the count it reports ("reported
 * its eleventh death", "confirmed 15 new cases"). */
#define COUNT_REACH 4u

/* True when verb of saying v reports a count of deaths, cases or infections ("South
 * Korea reported its eleventh death from the virus", "Iran confirmed 15 new cases"): a
 * casualty or health statistic, no statement to anyone. */
static bool reports_a_count(const syn_sentence *ss, size_t v) {
    static const char *const reports[] = {"report", "confirm", "record", "register"};
    static const char *const counts[] = {"death", "case", "infection", "fatality", "casualty"};
    const tok *t = &ss->toks[v];
    bool rep = false;
    for (size_t i = 0; i < sizeof reports / sizeof *reports && !rep; i++) rep = tok_lemma_is(t, reports[i]);
    if (!rep) return false;
    for (size_t u = v + 1; u < ss->n && u - v <= COUNT_REACH; u++) {
        const tok *w = &ss->toks[u];
        for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
            if (tok_lemma_is(w, counts[i])) return true;
        if (w->cls != TOK_NUMBER && !(w->cls == TOK_WORD && (w->pos == LEX_POS_DET || w->pos == LEX_POS_POSSPRON ||
                                                            w->pos == LEX_POS_ADJ || w->pos == LEX_POS_NUM)))
            return false;
    }
    return false;
}

/* True when verb of saying v stands in a relative clause between the relative word and
 * the verb whose subject the antecedent is: "the Ababil-2 drone, which Iran says has a
 * range of 200km", "a base that Russia claims is used for training". The speaker tells
 * what the thing is or does, a claim about it, no statement to code. */
static bool relative_claim(const syn_sentence *ss, size_t v) {
    int32_t mi = v > 0 ? ss->mention_at[v - 1] : -1;
    if (mi < 0 || v + 1 >= ss->n) return false;
    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
    size_t f = ss->m[mi].first;
    if (f < 2) return false;
    const tok *r = &ss->toks[f - 1], *a = &ss->toks[f - 2], *n = &ss->toks[v + 1];
    bool rel = tok_is(r, "which") || (tok_is(r, "that") && (a->pos == LEX_POS_NOUN || a->pos == LEX_POS_PROPER));
    return rel && !ss->quoted[v] &&
           (n->pos == LEX_POS_AUX || n->pos == LEX_POS_MODAL || (n->pos == LEX_POS_VERB && !(n->tags & LEX_GERUND)));
}

/* Where the verb of a passive report of saying begins: "was" in "Feng was quoted as
 * saying" ("is quoted", "was cited", "had been quoted"; adverbs between), whose
 * subject is the speaker; v itself for any other verb of saying. */
static size_t quoted_as_saying(const syn_sentence *ss, size_t v) {
    const tok *t = &ss->toks[v];
    if (v < 3 || !(t->tags & LEX_GERUND) || !tok_is(&ss->toks[v - 1], "as") || !(ss->toks[v - 2].tags & LEX_PAST) ||
        !(ss->toks[v - 2].tags & LEX_VERB))
        return v;
    size_t k = v - 2;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) && !tok_is_be(&ss->toks[k - 1]))
        k--;
    if (k == 0 || !tok_is_be(&ss->toks[k - 1])) return v;
    k--;
    /* "had been", "has been" */
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_AUX)) k--;
    return k;
}

/* True when verb of saying v is a past participle after a form of "be", past adverbs
 * ("is said to", "was widely reported to", "were told that"). */
static bool passive_saying(const syn_sentence *ss, size_t v) {
    if (!(ss->toks[v].tags & LEX_PAST)) return false;
    size_t k = v;
    while (k > 0 && ss->toks[k - 1].cls == TOK_WORD && (ss->toks[k - 1].tags & LEX_ADV) && !tok_is_be(&ss->toks[k - 1]))
        k--;
    return k > 0 && tok_is_be(&ss->toks[k - 1]);
}

/* The act of approval, disapproval or rejection (roots 05, 11, 12) the words said after
 * verb of saying v report the speaker as making, told as a fact: "said he welcomed the US
 * keeping troops", "said we were very happy with this", "said he condemned the attack"
 * (not roots 02-04, whose verbs said of oneself shift sense: "said he wanted his
 * country to", "welcomes the instruction to the department"). The subject of
 * the words said is "he", "she", "we", "I" or an actor of the speaker's own country;
 * *tg gets the act's target or -1. NULL when there is none. */
static const dict_pattern *own_act_said(dyad_coder *c, const syn_sentence *ss, size_t v, const syn_mention *spk,
                                        bool headline, int32_t *tg) {
    *tg = -1;
    size_t w = match_past_adverbials(ss, v + 1);
    if (w < ss->n && tok_is(&ss->toks[w], "that")) w++;
    if (w >= ss->n) return NULL;
    int32_t sm = ss->mention_at[w];
    size_t a;
    if (sm >= 0 && ss->m[sm].first == w && !(ss->m[sm].flags & SYN_M_UNRESOLVED) &&
        !strncmp(ss->m[sm].code, spk->code, 3))
        a = ss->m[sm].last;
    else if (tok_is(&ss->toks[w], "he") || tok_is(&ss->toks[w], "she") || tok_is(&ss->toks[w], "we") ||
             tok_is(&ss->toks[w], "i"))
        a = w + 1;
    else
        return NULL;
    while (a < ss->n && (ss->toks[a].cls == TOK_QUOTE ||
                         (ss->toks[a].cls == TOK_WORD && ss->toks[a].pos == LEX_POS_ADV && !tok_is(&ss->toks[a], "not") &&
                          !tok_is(&ss->toks[a], "never"))))
        a++;
    if (a >= ss->n || !match_verb_candidate(ss, c->dict, a, headline)) return NULL;
    const char *why = NULL;
    if (modality_find(ss, a, &why) != MOD_NONE) return NULL;
    size_t np = 0;
    match_result r = match_best(&c->mc, ss, a, roles_is_passive(ss, a), &np);
    if (!r.p || !isdigit((unsigned char)r.p->code[0]) || !strcmp(r.p->code, "010")) return NULL;
    int root = (r.p->code[0] - '0') * 10 + (r.p->code[1] - '0');
    if (!(root == 5 || root == 11 || root == 12)) return NULL;
    /* with no actor after it, the verb needs an object of its own: "welcomed the lifting
     * of the emergency", not "recognised today was a difficult day" */
    if (r.target < 0 && !(a + 1 < ss->n && (ss->toks[a + 1].tags & LEX_DET))) return NULL;
    if (r.target >= 0 && ss->m[r.target].group != spk->group && strcmp(ss->m[r.target].code, spk->code)) *tg = r.target;
    return r.p;
}

/* "X said (that) ...": a statement (010) by the speaker, aimed at the first actor of
 * what was said; when what was said is an obligation of another actor, the speaker's
 * demand (10x, "must") or appeal (02x, "should") to that actor, for what the verb after
 * the modal does when CAMEO mirrors it. A speaker that is only an agent ("officials
 * said") is an attribution, not an event. */
static int code_statements(dyad_coder *c, const syn_sentence *ss, bool obligations_only, dyad_buf *ex) {
    static const dict_pattern demand = {.code = "100", .file = "(built-in)", .line = 0,
                                        .text = "100  say + must (an obligation reported: a demand)"};
    static const dict_pattern appeal = {.code = "020", .file = "(built-in)", .line = 0,
                                        .text = "020  say + should (an obligation reported: an appeal)"};
    static const dict_pattern no_comment = {.code = "011", .file = "(built-in)", .line = 0,
                                            .text = "011  say + had no comment (decline comment)"};
    static const dict_pattern threat = {.code = "130", .file = "(built-in)", .line = 0,
                                        .text = "130  say + will retaliate (a retaliation stated: a threat)"};
    static const dict_pattern threat_force = {.code = "138", .file = "(built-in)", .line = 0,
                                              .text = "138  say + will respond militarily (force stated: a threat)"};
    bool headline = (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) != 0;
    for (size_t v = 0; v < ss->n; v++) {
        const tok *t = &ss->toks[v];
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[v]) continue;
        /* a word of an actor's name ("the state department") is no verb, nor is a noun
         * after a possessive or an article ("have their say", "the statement") */
        if (ss->mention_at[v] >= 0) continue;
        if (v > 0 && ss->toks[v - 1].cls == TOK_WORD &&
            (ss->toks[v - 1].pos == LEX_POS_POSSPRON || tok_is(&ss->toks[v - 1], "the") ||
             tok_is(&ss->toks[v - 1], "a") || tok_is(&ss->toks[v - 1], "an")))
            continue;
        /* beside a sentence's other events only a stated obligation is coded: a demand or
         * appeal is no mere statement ("Russia said Sudan must return the helicopter the
         * Sudanese army captured") */
        if (obligations_only && stated_obligation(ss, v) == SIZE_MAX) continue;
        /* "Trump is reported to have ordered", "Isis is said to have", "Iran was told that":
         * a verb of saying in the passive makes its subject what is said of or the one
         * told, not the speaker */
        if (passive_saying(ss, v)) {
            buf_printf(ex, "  statement '%s': a passive, its subject is no speaker, no event\n", t->norm);
            continue;
        }
        if (reports_a_count(ss, v)) {
            buf_printf(ex, "  statement '%s': a count of deaths or cases reported, a statistic, no event\n", t->norm);
            continue;
        }
        /* "Low prices help explain why X wants to ...": what helps
         * explain is a cause the writer gives, not a speaker */
        {
            size_t h = v;
            if (h > 0 && tok_is(&ss->toks[h - 1], "to")) h--;
            if (h > 0 && tok_lemma_is(&ss->toks[h - 1], "help")) {
                buf_printf(ex, "  statement '%s': after '%s', a cause the writer gives, no speaker, no event\n",
                           t->norm, ss->toks[h - 1].norm);
                continue;
            }
        }
        if (relative_claim(ss, v)) {
            buf_printf(ex, "  statement '%s': a claim about what a relative clause describes, no event\n", t->norm);
            continue;
        }
        int past = modality_background_year(ss, v);
        if (past) {
            buf_printf(ex, "  statement '%s': background, %s\n", t->norm,
                       past > 0 || past == -5 ? "dated in an earlier year"
                       : past == -2           ? "in an after/since/before clause"
                       : past == -1           ? "a past perfect"
                       : past == -6           ? "a narrative of a life (an obituary's, or an act at the age of N)"
                       : past == -8           ? "dated well before the story"
                       : past == -9           ? "the story's time line stands in an earlier year or month"
                       : past == -10          ? "a past of a relative clause in a sentence told in the present"
                                              : "a present perfect of record");
            continue;
        }
        /* "did not respond to a request for comment", "has not said whether", "could
         * say", "will announce": a statement not made (yet) is no event */
        const char *why = NULL;
        enum modality mod = modality_of_saying(ss, v, &why);
        if (mod != MOD_NONE) {
            buf_printf(ex, "  statement '%s': %s ('%s'), no event\n", t->norm,
                       mod == MOD_NEGATED ? "negated" : mod == MOD_REFUSED ? "refused"
                                                        : mod == MOD_HYPOTHETICAL || mod == MOD_CONDITIONAL ? "not stated as fact"
                                                                                  : "not made yet",
                       why);
            continue;
        }
        /* "..., said Moon": where the verb follows the words said (a comma, quote or
         * dash before it), the speaker is the actor right after it, not the subject of
         * what was said ("Russia will respond, said Putin"); elsewhere the speaker is
         * the verb's subject ("economists at the bank said Egypt's ..." has a speaker of
         * its own, who is no actor) */
        size_t after = v + 1; /* "said the Iranian foreign minister" */
        if (after + 1 < ss->n && (ss->toks[after].tags & LEX_DET)) after++;
        bool after_words = v == 0 || ss->toks[v - 1].cls == TOK_PUNCT ||
                           ss->toks[v - 1].cls == TOK_QUOTE || ss->toks[v - 1].cls == TOK_DASH;
        bool inverted = false;
        if (after_words && after < ss->n && ss->mention_at[after] >= 0) {
            /* the speaker closes the clause ("said Putin." / "said Putin, who ..." /
             * "said Putin on Monday"); "X, the minister, said Javid had ..." is an
             * apposition: what follows the verb is what was said */
            const syn_mention *sm = &ss->m[ss->mention_at[after]];
            size_t e = sm->last;
            inverted = !tok_is(t, "told") && !tok_is(t, "tells") && !tok_is(t, "tell") &&
                       (e >= ss->n || ss->toks[e].cls == TOK_END ||
                        (ss->toks[e].cls == TOK_PUNCT && !tok_punct_is(&ss->toks[e], ':')) ||
                        (ss->toks[e].cls == TOK_WORD && (ss->toks[e].tags & LEX_PREP)));
        }
        /* "Feng was quoted as saying", "Zarif was cited as saying": the speaker stands
         * before the passive, as before "said"; vs is where its verb begins */
        size_t vs = quoted_as_saying(ss, v);
        /* ", he said," with a "he" nobody could be found for: the speaker is unknown,
         * not the actor before the pronoun */
        if (!inverted && vs > 0 && ss->mention_at[vs - 1] < 0 && ss->toks[vs - 1].cls == TOK_WORD &&
            (ss->toks[vs - 1].tags & LEX_PRON)) {
            buf_printf(ex, "  statement '%s': the speaker '%s' is unresolved, no event\n", t->norm,
                       ss->toks[vs - 1].norm);
            continue;
        }
        /* "..., Rice said", "Kumar said": a name no dictionary knows right before the verb
         * is the speaker, someone dyad cannot code, not an actor of what was said; but a
         * name after a title, an organisation or a possessive is that office's holder
         * ("Switzerland's regulator FINMA said", "White House counselor Kellyanne Conway
         * said", "Mongolia's National Emergency Commission said") */
        size_t nr = vs;
        while (nr > 0 && ss->mention_at[nr - 1] < 0 && ss->toks[nr - 1].cls == TOK_WORD &&
               ss->toks[nr - 1].pos == LEX_POS_PROPER &&
               !(ss->toks[nr - 1].tags & (LEX_MONTH | LEX_WEEKDAY | LEX_TITLE | LEX_PRON)))
            nr--;
        bool titled = nr > 0 && (ss->mention_at[nr - 1] >= 0 || ss->toks[nr - 1].pos == LEX_POS_NOUN ||
                                 ss->toks[nr - 1].pos == LEX_POS_POSS);
        /* nor the last member of a list ("Al Jama-ah, ANC, AIC, APC and PAC said") */
        if (nr > 1 && ss->mention_at[nr - 2] >= 0 && tok_is(&ss->toks[nr - 1], "and")) titled = true;
        if (!inverted && nr < vs && !titled) {
            buf_printf(ex, "  statement '%s': the speaker '%s' is a name no dictionary knows, no event\n", t->norm,
                       ss->toks[vs - 1].norm);
            continue;
        }
        /* "a military source told Reuters", "two sources in the party said", "sources have
         * told the Guardian", "..., said a source close to the ministry": an anonymous
         * source is where the outlet has its news, no speaker acting */
        if (anonymous_source(ss, inverted ? after : vs, inverted)) {
            buf_printf(ex, "  statement '%s': its speaker is an anonymous source, the outlet's attribution, no event\n",
                       t->norm);
            continue;
        }
        int32_t spk = inverted ? ss->mention_at[after] : roles_subject(ss, v);
        if (spk < 0) continue;
        if (expletive_it(ss, &ss->m[spk])) {
            buf_printf(ex, "  statement '%s': 'it' is an empty subject, no event\n", t->norm);
            continue;
        }
        /* an office with the holder's name right after it ("Planning Minister Tran Van
         * Tuan said") is a named source, though no dictionary knows the name; the
         * office alone ("a senior official said") is not, nor a medium's ("the state
         * news agency SANA reported" is where the news comes from), nor one a possessive gives to
         * another ("its leader Llaitul said": the group's, whatever country the story
         * lends the office) */
        bool holder_named = !inverted && nr < v && ss->mention_at[nr - 1] == spk && strncmp(ss->m[spk].code, "---", 3) &&
                            !(ss->m[spk].first > 0 && ss->toks[ss->m[spk].first - 1].pos == LEX_POS_POSSPRON) &&
                            !has_block(ss->m[spk].code, "MED");
        for (size_t u = nr; holder_named && u < v; u++)
            if (ss->toks[u].flags & TOK_ALLCAPS) holder_named = false; /* "news agency SANA": a name, no holder */
        /* "Diane Abbott, the shadow home secretary, said": an office in an apposition
         * right after a name no dictionary knows, commas around it, is that person's */
        if (!inverted && !holder_named) {
            const syn_mention *sm = &ss->m[spk];
            size_t f = sm->first, l = sm->last;
            while (f > 0 && ss->mention_at[f - 1] < 0 && ss->toks[f - 1].cls == TOK_WORD &&
                   (ss->toks[f - 1].pos == LEX_POS_ADJ || ss->toks[f - 1].pos == LEX_POS_NOUN) &&
                   !(ss->toks[f - 1].flags & TOK_CAP))
                f--; /* "the shadow home secretary" */
            holder_named = f >= 3 && strncmp(sm->code, "---", 3) && (ss->toks[f - 1].tags & LEX_DET) &&
                           ss->toks[f - 2].cls == TOK_PUNCT && ss->toks[f - 2].norm[0] == ',' &&
                           ss->mention_at[f - 3] < 0 && ss->toks[f - 3].cls == TOK_WORD &&
                           ss->toks[f - 3].pos == LEX_POS_PROPER && (ss->toks[f - 3].flags & TOK_CAP) &&
                           !(ss->toks[f - 3].flags & TOK_ALLCAPS) &&
                           !(ss->toks[f - 3].tags & (LEX_MONTH | LEX_WEEKDAY | LEX_TITLE | LEX_PRON)) && l < v &&
                           ss->toks[l].cls == TOK_PUNCT && ss->toks[l].norm[0] == ',' && !has_block(sm->code, "MED");
        }
        if ((ss->m[spk].flags & SYN_M_AGENT_ONLY) && !holder_named && !mention_named_body(ss, &ss->m[spk])) {
            buf_printf(ex, "  statement '%s' by %s: an unnamed source, no event\n", t->norm, ss->m[spk].code);
            continue;
        }
        const syn_mention *sm = &ss->m[spk];
        if ((sm->flags & SYN_M_PLACE) && sm->last < v && ss->toks[sm->last].cls == TOK_WORD &&
            ss->mention_at[sm->last] < 0 &&
            (ss->toks[sm->last].pos == LEX_POS_NOUN || ss->toks[sm->last].pos == LEX_POS_PROPER ||
             (ss->toks[sm->last].pos == LEX_POS_ADJ && (ss->toks[sm->last].tags & LEX_NOUN)))) {
            /* "Iraqi economists said", "Betts, a British national, said", "the Chilean
             * Football Federation claimed": the country names the kind of the speaker,
             * who is no actor the dictionaries know */
            buf_printf(ex, "  statement '%s': '%s' modifies the speaker '%s', no actor, no event\n",
                       t->norm, sm->code, ss->toks[sm->last].norm);
            continue;
        }
        if (mention_is_city(ss, sm)) {
            /* "Bali said", "Lagos wrote": a city or region says nothing; a person of
             * that name does (docs/coding-policy.md, "Actors") */
            buf_printf(ex, "  statement '%s': the speaker '%s' is a city or region's name, no event\n", t->norm,
                       ss->toks[sm->first].norm);
            continue;
        }
        if (!political_speaker(ss, sm)) {
            buf_printf(ex, "  statement '%s' by %s: not a political actor, no event\n", t->norm, ss->m[spk].code);
            continue;
        }
        const dict_pattern *p = &acts[ACT_NONE]; /* the plain statement */
        char code[8] = "010";
        int32_t tg = -1;
        size_t ob = stated_obligation(ss, v);
        if (ob != SIZE_MAX) {
            /* the one obliged: the actor right before the modal */
            for (size_t u = ob; u-- > 0 && tg < 0;) {
                if (u == v) break;
                int32_t mi = ss->mention_at[u];
                if (mi >= 0 && ss->m[mi].group != ss->m[spk].group) {
                    while (mi > 0 && ss->m[mi - 1].group == ss->m[mi].group) mi--;
                    tg = mi;
                }
                if (ss->toks[u].cls == TOK_WORD && ss->toks[u].pos == LEX_POS_VERB) break;
            }
            /* beside other events, only an obligation laid on an actor in the words said:
             * "Trump told the EU it must take back its fighters", not "we must face these
             * realities" nor "that X announced a withdrawal must be taken with salt" */
            if (obligations_only &&
                (tg < 0 || (ob < v && !ss->quoted[ob] && !comma_between(ss, ob, v)) ||
                 ((ss->m[tg].flags & SYN_M_PLACE) && (ss->m[tg].flags & SYN_M_AFTER_PREP)) ||
                 !strcmp(ss->m[tg].code, ss->m[spk].code))) {
                buf_printf(ex, "  statement '%s': no actor obliged in the words said, no event beside the others\n",
                           t->norm);
                continue;
            }
            bool need = need_to(ss, ob);
            /* "we must not let any nation be held back", "we must continue to
             * strengthen Asia's unity": what the speaker's side owes, with others it
             * speaks for, is asked of all of them, an appeal (02x), no demand (10x) of no
             * one; "we must confirm that a soldier was killed" reports, owing nothing */
            size_t sb = ob;
            while (sb > 0 && ss->toks[sb - 1].cls == TOK_WORD && (ss->toks[sb - 1].tags & LEX_ADV)) sb--;
            bool we = sb > 0 && tok_is(&ss->toks[sb - 1], "we");
            bool must = !tok_is(&ss->toks[ob], "should") && !tok_is(&ss->toks[ob], "ought") && !need && !we;
            p = must ? &demand : &appeal;
            str_set(code, sizeof code, p->code);
            size_t w = ob + 1 + (need ? 1u : 0u);
            while (w < ss->n && ss->toks[w].cls == TOK_WORD &&
                   ((ss->toks[w].tags & LEX_ADV) || tok_adverb_conj(ss->toks, ss->n, w)))
                w++;
            static const char *const reported[] = {"confirm", "announce", "inform", "report", "admit",
                                                   "acknowledge", "notify", "say", "tell"};
            bool reports = false;
            for (size_t a = 0; we && w < ss->n && a < sizeof reported / sizeof *reported && !reports; a++)
                reports = tok_lemma_is(&ss->toks[w], reported[a]);
            if (reports) {
                buf_printf(ex, "  statement '%s': 'we' %s '%s' reports, no obligation\n", t->norm,
                           ss->toks[ob].norm, ss->toks[w].norm);
                p = &acts[ACT_NONE];
                str_set(code, sizeof code, p->code);
            } else if (w < ss->n && match_verb_candidate(ss, c->dict, w, headline)) {
                size_t np = 0;
                match_result r = match_best(&c->mc, ss, w, roles_is_passive(ss, w), &np);
                const char *mc = r.p ? modality_mirror_code(r.p->code, must ? 10 : 2) : NULL;
                if (mc && dyad_cameo_find(c->dict, mc)) str_set(code, sizeof code, mc);
            }
        }
        int threat_kind = ob == SIZE_MAX ? stated_threat(ss, v, &ss->m[spk]) : 0;
        if (threat_kind) {
            p = threat_kind == 2 ? &threat_force : &threat;
            str_set(code, sizeof code, p->code);
        }
        int32_t first = -1; /* the first actor of what was said */
        /* (not an apposition, which says what an actor is: "said the Arakan Army (AA), a
         * major ethnic militia in Myanmar") */
        for (size_t u = said_main_clause(ss, v); u < ss->n && tg < 0 && first < 0; u++) {
            size_t aside = said_aside_end(ss, v, u, true);
            if (aside) u = aside - 1;
            else if (ss->mention_at[u] >= 0 && ss->m[ss->mention_at[u]].group != ss->m[spk].group &&
                     ss->paren[u] != SYN_PAREN_APPOSITION)
                first = ss->mention_at[u];
        }
        for (size_t u = 0; u < v && tg < 0 && first < 0; u++) /* a quotation before the verb */
            if (ss->quoted[u] && ss->mention_at[u] >= 0 && ss->m[ss->mention_at[u]].group != ss->m[spk].group)
                first = ss->mention_at[u];
        if (tg < 0 && first < 0) {
            int32_t said_subj = subject_said_before(ss, v, &ss->m[spk], inverted);
            if (said_subj >= 0) {
                buf_printf(ex, "  statement: the subject of the words said before it, %s, is its target\n",
                           ss->m[said_subj].code);
                tg = said_subj;
            }
        }
        if (first >= 0 && statement_target(ss, &ss->m[first], ex)) tg = first;
        if (first >= 0 && (tg < 0 || speaker_own_state(&ss->m[spk], &ss->m[tg]))) {
            int32_t other = other_actor_said(ss, v, &ss->m[spk], ex);
            if (other >= 0) tg = other;
        }
        stated act = {ACT_NONE, -1, 0};
        if (ob == SIZE_MAX && !threat_kind) act = stated_act(ss, v, &ss->m[spk]);
        if (act.kind != ACT_NONE) {
            p = &acts[act.kind];
            str_set(code, sizeof code, p->code);
            /* an accusation, threat or appeal is aimed at the one it names; an intent at
             * the one it is with or against */
            if (act.target >= 0 || (act.kind != ACT_REJECT && act.kind != ACT_ACCUSE && act.kind != ACT_DENY &&
                                    act.kind != ACT_PESSIMISM && act.kind != ACT_REPROACH && act.kind != ACT_PRAISE))
                tg = act.target;
            /* "says demands for Iranian militias to leave Syria are unrealistic": the one a
             * rejected demand asks to act is its subject, not the rejection's target (those
             * who made the demand are) */
            if (tg >= 0 && (act.kind == ACT_REJECT || act.kind == ACT_REPROACH) && asked_in_request(ss, &ss->m[tg])) {
                buf_printf(ex, "  statement: %s is the one a request asks to act, not the target\n", ss->m[tg].code);
                tg = -1;
            }
            buf_printf(ex, "  statement '%s': the words said are %s ('%s')\n", t->norm, acts_what[act.kind],
                       ss->toks[act.cue].norm);
        }
        if (p == &acts[ACT_NONE] && !inverted) {
            int32_t own_tg = -1;
            const dict_pattern *op = own_act_said(c, ss, v, &ss->m[spk], headline, &own_tg);
            if (op) {
                buf_printf(ex, "  statement '%s': the words said report the speaker's own act, %s\n", t->norm, op->code);
                p = op;
                str_set(code, sizeof code, op->code);
                tg = own_tg;
            }
        }
        if (ob == SIZE_MAX && said_no_comment(ss, v)) {
            p = &no_comment;
            str_set(code, sizeof code, p->code);
            tg = -1;
        }
        const char *fig = p == &acts[ACT_NONE] ? said_figure(ss, v) : NULL;
        if (fig) {
            buf_printf(ex, "  statement '%s' by %s: the words said are %s, no event\n", t->norm, ss->m[spk].code, fig);
            continue;
        }
        buf_printf(ex, "  statement '%s' by %s%s\n", t->norm, ss->m[spk].code,
                   ob != SIZE_MAX      ? ", stating an obligation"
                   : p == &no_comment  ? ", that it had no comment"
                   : threat_kind       ? ", stating a threat"
                                       : "");
        match_result mt = {p, 0, tg, -1, v, false, -1};
        int rc = push_event(c, ss, &mt, v, &ss->m[spk], tg >= 0 ? &ss->m[tg] : NULL, code, ex);
        if (rc) return rc;
    }
    return DYAD_OK;
}

static bool genre_is(const dyad_coder *c, const char *genre) {
    return c->genre && !strcmp(c->genre, genre);
}

/* True when sentence i of an analysis, explainer or feature is left uncoded (unless
 * keep_discarded): it names no day of the story (a date of day precision from DISCARD_ANALYSIS_DAYS before
 * the story's date to the day after). Its acts are the background the piece explains. */
static bool analysis_undated(const dyad_coder *c, const dyad_story *s, size_t i) {
    if (!genre_is(c, DISCARD_ANALYSIS)) return false;
    const dyad_sentence *st = &s->sentences[i];
    return !(s->date && st->date && st->date_precision == DYAD_DATE_DAY &&
             st->date >= dyad_date_add_days(s->date, -DISCARD_ANALYSIS_DAYS) &&
             st->date <= dyad_date_add_days(s->date, 1));
}

/* True when sentence i of a story with no date lies below its top DISCARD_UNDATED_TOP
 * sentences and its own words give no full date. News tells the day's acts at the top;
 * what a long undated story tells below them (history, the background of the news,
 * analysts' views, reactions) the rules that measure acts by the story's date cannot
 * sort out: on the judged samples such events were right one time in eight. */
static bool undated_tail(const dyad_story *s, size_t i) {
    if (s->date || i < DISCARD_UNDATED_TOP) return false;
    const dyad_sentence *st = &s->sentences[i];
    return !(st->date && st->date_precision == DYAD_DATE_DAY);
}

static void story_begin(dyad_coder *c, const dyad_story *s) {
    arena_reset(&c->story_mem);
    c->n_ev = 0;
    c->n_sdis = 0;
    c->discard = NULL;
    memset(&c->discards, 0, sizeof c->discards);
    memset(&c->cr, 0, sizeof c->cr);
    c->cr.year = date_story_year(s);
    c->cr.obituary = discard_obituary(s);
    c->genre = discard_genre(s, c->genre_cue, sizeof c->genre_cue);
    /* c->cr.home is set from the dateline below */
    c->loc_text[0] = c->loc_country[0] = '\0';
    if (s->dateline_place) {
        /* "SEOUL, South Korea": the first part names the place. */
        const char *p = s->dateline_place;
        size_t n = strcspn(p, ",");
        snprintf(c->loc_text, sizeof c->loc_text, "%.*s", (int)n, p);
        dyad_actor_match am;
        if (dyad_dict_lookup(c->dict, c->loc_text, s->date, &am) == DYAD_OK && strlen(am.code) >= 3 &&
            strncmp(am.code, "IGO", 3) && strncmp(am.code, "---", 3))
            snprintf(c->loc_country, sizeof c->loc_country, "%.3s", am.code);
        memcpy(c->cr.home, c->loc_country, sizeof c->cr.home);
    }
    geo_story_begin(&c->geo, &c->story_mem, c->dict, s);
}

int dyad_coder_run(dyad_coder *c, const dyad_story *s, const dyad_event **events, size_t *n_events) {
    if (!c || !s || !events || !n_events) return DYAD_EINVAL;
    story_begin(c, s);
    if (genre_is(c, DISCARD_OPINION) && !c->opt.keep_discarded) { /* none of it is coded */
        c->discard = c->genre;
        *events = c->ev;
        *n_events = 0;
        return DYAD_OK;
    }
    for (size_t i = 0; i < s->n_sentences; i++) {
        if (s->sentences[i].flags & DYAD_SENT_SKIPPED) continue;
        arena_reset(&c->sent_mem);
        syn_sentence ss;
        int rc = syn_analyse(&c->sent_mem, c->dict, s, i, &c->cr, &ss, NULL);
        if (rc == DYAD_ELIMIT) {
            if ((rc = sentence_discard(c, i, DYAD_DISCARD_TOO_LONG,
                                       "over a DYAD_MAX_SENTENCE_* limit: not coded")))
                return rc;
            continue;
        }
        if (rc != DYAD_OK) return rc;
        const char *drop = c->opt.keep_discarded ? NULL
                           : discard_note_sentence(&c->discards, c->dict, &ss,
                                                   (s->sentences[i].flags & DYAD_SENT_HEADLINE) != 0);
        if (drop) { /* a PETRARCH sentence discard */
            if ((rc = sentence_discard(c, i, DYAD_DISCARD_LIST, drop))) return rc;
            continue;
        }
        if (!c->opt.keep_discarded && (analysis_undated(c, s, i) || undated_tail(s, i))) {
            modality_timeline_update(&ss, &c->cr);
            continue;
        }
        size_t before = c->n_ev;
        rc = code_sentence(c, &ss, NULL);
        if (rc == DYAD_OK && c->opt.code_statements != DYAD_STATEMENTS_NONE)
            rc = code_statements(c, &ss, !wants_statements(c, before), NULL);
        if (rc != DYAD_OK) return rc;
        yield_statements(c, before, NULL);
        modality_timeline_update(&ss, &c->cr);
    }
    c->discard = discard_verdict(&c->discards);
    if (c->discard) c->n_ev = c->n_sdis = 0;
    *events = c->ev;
    *n_events = c->n_ev;
    return DYAD_OK;
}

/* Ends the "date:" line of an explanation with where the date came from: the sentence
 * (sentence_dated), else the story date, and how the story got it. */
static void explain_story_date(dyad_buf *b, const dyad_story *s, bool sentence_dated) {
    char d[11];
    const char *src = s->date_source ? s->date_source : "input";
    if (!s->date) {
        buf_printf(b, "(none: the story gives no date and its text ties no full date to the day of"
                      " writing; nothing is dated and the background rules that need a date are off)\n");
        return;
    }
    buf_printf(b, " (%s story date %s ", sentence_dated ? "the sentence's; the" : "the",
               dyad_date_format(s->date, d));
    if (!strcmp(src, "text"))
        buf_printf(b, "was read from the text: \"%s\" in sentence %d ties a full date to the day of"
                      " writing)\n", s->date_evidence ? s->date_evidence : "", (int)s->date_sentence);
    else if (!strcmp(src, "dateline"))
        buf_printf(b, "was read from the dateline \"%s\")\n", s->date_evidence ? s->date_evidence : "");
    else if (!strcmp(src, "timestamp"))
        buf_printf(b, "is its timestamp line's)\n");
    else if (!strcmp(src, "url"))
        buf_printf(b, "was read from its URL)\n");
    else
        buf_printf(b, "was given with it)\n");
}

int dyad_coder_explain(dyad_coder *c, const dyad_story *s, size_t index, dyad_buf *b) {
    if (!c || !s || !b) return DYAD_EINVAL;
    if (index >= s->n_sentences) return DYAD_ENOTFOUND;
    story_begin(c, s);
    if (genre_is(c, DISCARD_OPINION))
        buf_printf(b, "story: %s piece, by %s: dyad code discards it%s\n", c->genre, c->genre_cue,
                   c->opt.keep_discarded ? " (kept: --keep-discarded)" : "");
    else if (c->genre)
        buf_printf(b, "story: %s piece, by %s: dyad code codes only its sentences dated to the story's days%s\n",
                   c->genre, c->genre_cue, c->opt.keep_discarded ? " (all kept: --keep-discarded)" : "");
    for (size_t i = 0; i <= index; i++) {
        if (s->sentences[i].flags & DYAD_SENT_SKIPPED) {
            if (i == index) buf_printf(b, "sentence %zu is over a DYAD_MAX_SENTENCE_* limit: not coded\n", i);
            continue;
        }
        arena_reset(&c->sent_mem);
        syn_sentence ss;
        dyad_buf *ex = i == index ? b : NULL;
        if (ex) {
            char d[11];
            buf_printf(ex, "sentence %zu: %s\ndate: %s", i, s->sentences[i].text,
                      dyad_date_format(s->sentences[i].date ? s->sentences[i].date : s->date, d));
            explain_story_date(ex, s, s->sentences[i].date != 0);
        }
        int rc = syn_analyse(&c->sent_mem, c->dict, s, i, &c->cr, &ss, ex);
        if (rc != DYAD_OK) {
            if (ex) buf_printf(ex, "not coded: %s\n", dyad_strerror(rc));
            if (rc == DYAD_ELIMIT) continue;
            return rc;
        }
        if (analysis_undated(c, s, i)) {
            if (ex)
                buf_printf(ex, "dyad code leaves it uncoded: an %s piece, and the sentence names no day of the story%s\n",
                           c->genre, c->opt.keep_discarded ? " (explained as kept: --keep-discarded)" : "");
            if (!c->opt.keep_discarded) {
                modality_timeline_update(&ss, &c->cr);
                continue;
            }
        }
        if (undated_tail(s, i)) {
            if (ex)
                buf_printf(ex, "dyad code leaves it uncoded: the story has no date, and below its first %u"
                               " sentences its acts are background%s\n", DISCARD_UNDATED_TOP,
                           c->opt.keep_discarded ? " (explained as kept: --keep-discarded)" : "");
            if (!c->opt.keep_discarded) {
                modality_timeline_update(&ss, &c->cr);
                continue;
            }
        }
        size_t before = c->n_ev;
        rc = code_sentence(c, &ss, ex);
        if (rc == DYAD_OK && wants_statements(c, before)) rc = code_statements(c, &ss, false, ex);
        else if (rc == DYAD_OK && c->opt.code_statements == DYAD_STATEMENTS_FALLBACK) {
            buf_printf(ex, "statements: none but stated obligations, the sentence has a more specific event\n");
            rc = code_statements(c, &ss, true, ex);
        }
        if (rc != DYAD_OK) return rc;
        yield_statements(c, before, ex);
        modality_timeline_update(&ss, &c->cr);
        if (ex) buf_printf(ex, "events: %zu\n", c->n_ev - before);
    }
    return DYAD_OK;
}

