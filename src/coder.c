/* coder.c: clauses + mentions + verb patterns -> CAMEO events, each carrying its
 * evidence (spans, dictionary entries), and the explanation of how it was found. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODER_MAX_GAP 3u      /* modifier tokens allowed between pattern elements */
#define CODER_MAX_TARGETS 8u  /* members of a compound target ("A, B and C") */
#define CODER_MAX_SOURCES 8u

/* The prepositions that may close a pattern before its target; their word ids depend on
 * the dictionary and are looked up when a coder is made. */
#define N_PREPS 16u
static const char *const prep_words[N_PREPS] = {"with", "to", "on", "against", "for", "from", "at",
                                                 "in", "into", "toward", "towards", "over", "about",
                                                 "between", "among", "upon"};

struct dyad_coder {
    const dyad_dict *dict;
    dyad_coder_options opt;
    arena story_mem;  /* event strings and rules: live until the next run */
    arena sent_mem;   /* one sentence's analysis */
    dyad_event *ev;
    size_t n_ev, cap_ev;
    const char *discard;
    unsigned discard_hits[8];
    const char *discard_reasons[8];
    syn_coref cr;
    uint32_t prep_ids[N_PREPS];
    char loc_text[128];
    char loc_country[4];
};

void dyad_coder_options_init(dyad_coder_options *opt) {
    memset(opt, 0, sizeof *opt);
    opt->require_dyad = 1;
}

int dyad_coder_new(const dyad_dict *dict, const dyad_coder_options *opt, dyad_coder **out) {
    if (!dict || !out) return DYAD_EINVAL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return DYAD_ENOMEM;
    c->dict = dict;
    if (opt) c->opt = *opt;
    else dyad_coder_options_init(&c->opt);
    for (size_t i = 0; i < N_PREPS; i++) c->prep_ids[i] = dict_word_id(dict, prep_words[i], strlen(prep_words[i]));
    c->story_mem.chunk_size = 64 * 1024;
    c->sent_mem.chunk_size = 64 * 1024;
    *out = c;
    return DYAD_OK;
}

void dyad_coder_free(dyad_coder *c) {
    if (!c) return;
    arena_free(&c->story_mem);
    arena_free(&c->sent_mem);
    free(c->ev);
    free(c);
}

const char *dyad_coder_discard_reason(const dyad_coder *c) { return c ? c->discard : NULL; }

static bool lemma_is(const tok *t, const char *w) {
    const char *l = t->lemma ? t->lemma : t->norm;
    return t->cls == TOK_WORD && !strcmp(l, w);
}

static bool is_be(const tok *t) {
    static const char *const be[] = {"be", "is", "are", "was", "were", "been", "being", "am"};
    for (size_t i = 0; i < sizeof be / sizeof be[0]; i++)
        if (tok_is(t, be[i])) return true;
    return false;
}

/* ---------------------------------------------------------------------------
 * Gaps: what may stand between the elements of a pattern.
 * ------------------------------------------------------------------------- */

/* A temporal phrase starting at i ("on Tuesday", "last week", "in June", "on Sept. 3",
 * "in 2018"): returns its length in tokens, 0 if none. */
static size_t temporal_len(const syn_sentence *ss, size_t i) {
    const tok *t = ss->toks;
    size_t n = ss->n;
    if (i >= n || t[i].cls != TOK_WORD) return 0;
    size_t j = i;
    if (tok_is(&t[j], "on") || tok_is(&t[j], "in") || tok_is(&t[j], "during") ||
        tok_is(&t[j], "last") || tok_is(&t[j], "this") || tok_is(&t[j], "next") ||
        tok_is(&t[j], "earlier") || tok_is(&t[j], "late") || tok_is(&t[j], "early"))
        j++;
    if (j < n && tok_is(&t[j], "the")) j++;
    size_t k = j;
    while (k < n && ((t[k].tags & (LEX_WEEKDAY | LEX_MONTH)) || t[k].cls == TOK_NUMBER ||
                     tok_is(&t[k], "week") || tok_is(&t[k], "month") || tok_is(&t[k], "year") ||
                     tok_is(&t[k], "weekend") || tok_is(&t[k], "morning") ||
                     tok_is(&t[k], "afternoon") || tok_is(&t[k], "evening") ||
                     tok_is(&t[k], "night") || tok_is(&t[k], "today") ||
                     tok_is(&t[k], "yesterday") || tok_is(&t[k], "tomorrow")))
        k++;
    if (k == j) return 0;
    return k - i;
}

/* A quantity phrase starting at i that may stand before a pattern's noun ("$500 million
 * in aid", "a series of agreements", "thousands of troops"): its length, 0 if none. */
static size_t quantity_len(const syn_sentence *ss, size_t i) {
    static const char *const quant[] = {"series", "number", "package", "raft", "set", "range",
                                        "host", "pair", "couple", "wave", "batch", "dozens",
                                        "hundreds", "thousands", "millions", "tons", "tonnes",
                                        "shipment", "consignment", "round", "string"};
    static const char *const units[] = {"million", "billion", "trillion", "thousand", "dollars",
                                        "euros", "yuan", "pounds", "rubles", "yen", "worth"};
    const tok *t = ss->toks;
    size_t n = ss->n, j = i;
    if (j < n && t[j].cls != TOK_WORD && t[j].norm_len == 1 && strchr("$", t[j].norm[0])) j++;
    if (j < n && t[j].cls == TOK_NUMBER) {
        j++;
        while (j < n && t[j].cls == TOK_WORD) {
            bool u = false;
            for (size_t k = 0; k < sizeof units / sizeof units[0] && !u; k++) u = tok_is(&t[j], units[k]);
            if (!u) break;
            j++;
        }
        if (j > i + 1 && j < n && (tok_is(&t[j], "in") || tok_is(&t[j], "of"))) j++;
        return j - i > 1 ? j - i : 0;
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

static bool skippable(const syn_sentence *ss, size_t i) {
    const tok *t = &ss->toks[i];
    /* a possessive pronoun stands between a verb and its noun ("withdrew its troops") */
    if (ss->mention_at[i] >= 0) return t->pos == LEX_POS_POSSPRON;
    if (t->cls == TOK_NUMBER || t->cls == TOK_POSS) return true;
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

/* Advances from pos over at most CODER_MAX_GAP modifier tokens and temporal phrases,
 * stopping where pred(j) holds. Returns the index or SIZE_MAX. */
static size_t seek(const syn_sentence *ss, size_t pos, const dict_elem *el, const dyad_dict *d,
                   bool want_mention) {
    size_t gap = 0;
    for (size_t j = pos; j < ss->n;) {
        if (want_mention) {
            if (ss->mention_at[j] >= 0 && ss->m[ss->mention_at[j]].first == j) return j;
        } else if (ss->toks[j].cls == TOK_WORD &&
                   (ss->mention_at[j] < 0 || (ss->m[ss->mention_at[j]].flags & SYN_M_AGENT_ONLY))) {
            /* a literal never matches inside a named actor, but may name an unnamed
             * group ("drone" in "drone strike", "police" in "clash with police") */
            for (uint16_t k = 0; k < el->n_alts; k++)
                if (ss->toks[j].word && ss->toks[j].word == el->alts[k]) return j;
        }
        size_t tl = ss->skip_len[j];
        if (tl) {
            j += tl;
            continue;
        }
        if (!skippable(ss, j) || ++gap > CODER_MAX_GAP) return SIZE_MAX;
        j++;
    }
    (void)d;
    return SIZE_MAX;
}

/* ---------------------------------------------------------------------------
 * Pattern matching.
 * ------------------------------------------------------------------------- */
typedef struct match {
    const dict_pattern *p;
    int score;          /* elements matched; -1 = no match */
    int32_t target;     /* mention index or -1 */
    int32_t source;     /* `$` mention or -1 */
    size_t end;         /* last literal word of the matched pattern (the verb's span ends there) */
    bool target_missing;/* a trailing "[prep] +" was absent (reciprocal use: "A and B met") */
} match;

static bool word_before(const syn_sentence *ss, size_t from, size_t to, const dict_elem *el) {
    for (size_t j = from; j < to; j++)
        for (uint16_t k = 0; k < el->n_alts; k++)
            if (ss->toks[j].word && ss->toks[j].word == el->alts[k]) return true;
    return false;
}

static size_t clause_start(const syn_sentence *ss, size_t v) {
    size_t j = v;
    while (j > 0 && ss->clause[j - 1] == ss->clause[v]) j--;
    return j;
}

static inline bool word_in_sentence(const syn_sentence *ss, uint32_t w) {
    return (ss->words[(w & 1023u) >> 6] >> (w & 63u)) & 1u;
}

/* True when a literal element is a preposition ("with", "to", "on"...). */
static bool is_prep_elem(const uint32_t *prep_ids, const dict_elem *el) {
    for (uint16_t k = 0; k < el->n_alts; k++)
        for (size_t i = 0; i < N_PREPS; i++)
            if (el->alts[k] && el->alts[k] == prep_ids[i]) return true;
    return false;
}

static match match_pattern(const syn_sentence *ss, const dyad_dict *d, const uint32_t *prep_ids,
                           const dict_pattern *p, size_t v, bool passive) {
    match r = {p, -1, -1, -1, v, false};
    /* Quick rejection: every required literal element needs one of its words in the
     * sentence. */
    for (uint16_t e = 0, n_req = dict_pattern_n_required(p); e < n_req; e++) {
        const dict_elem *el = &p->elem[e];
        if (el->kind != DICT_EL_WORD) continue;
        bool any = false;
        for (uint16_t k = 0; k < el->n_alts && !any; k++) any = word_in_sentence(ss, el->alts[k]);
        if (!any) return r;
    }
    /* Earlier words of a multi-word head ("test" of "test-fire"). */
    if (p->n_head) {
        if (v < p->n_head) return r;
        for (uint16_t k = 0; k < p->n_head; k++)
            if (ss->toks[v - p->n_head + k].word != p->head[k]) return r;
    }
    size_t pos = v + 1;
    int score = 1 + p->n_head;
    size_t cs = clause_start(ss, v);
    for (uint16_t e = 0; e < p->n_elem; e++) {
        const dict_elem *el = &p->elem[e];
        if (el->kind == DICT_EL_WORD) {
            size_t j = seek(ss, pos, el, d, false);
            if (j == SIZE_MAX) {
                if (passive && word_before(ss, cs, v, el)) {
                    score++;
                    continue;
                }
                /* "A and B held talks": a trailing "with +" may be missing. */
                if (e + 2 == p->n_elem && p->elem[e + 1].kind == DICT_EL_TARGET && is_prep_elem(prep_ids, el)) {
                    r.target_missing = true;
                    break;
                }
                return r;
            }
            score += el->n_alts <= 2 ? 3 : 2; /* one word (and its plural) is more specific than a choice */
            pos = j + 1;
            r.end = j;
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
        }
    }
    r.score = score;
    return r;
}

/* ---------------------------------------------------------------------------
 * Verbs, subjects, negation, modality.
 * ------------------------------------------------------------------------- */
static bool verb_candidate(const syn_sentence *ss, const dyad_dict *d, size_t i, bool headline) {
    const tok *t = &ss->toks[i];
    if (t->cls != TOK_WORD || ss->mention_at[i] >= 0) return false;
    if (!dict_is_pattern_verb(d, t)) return false;
    /* "the detained reporter", "its planned visit": after an article or a possessive a
     * participle modifies a noun */
    if (i > 0 && (ss->toks[i - 1].pos == LEX_POS_DET || ss->toks[i - 1].pos == LEX_POS_POSSPRON ||
                  ss->toks[i - 1].cls == TOK_POSS))
        return false;
    if (t->pos == LEX_POS_VERB) return true;
    if (t->pos != LEX_POS_NOUN && t->pos != LEX_POS_PROPER && t->pos != LEX_POS_NONE &&
        !(t->pos == LEX_POS_ADJ && (t->tags & LEX_PAST)))
        return false;
    if (!(t->tags & LEX_VERB) && t->tags) return false;
    if (t->pos == LEX_POS_PROPER && !headline) return false;
    /* The tagger chose a noun; a verb reading still wins right after a subject
     * ("North Korea fires missiles") or after a modal or infinitive "to". */
    if (i == 0) return headline;
    const tok *pv = &ss->toks[i - 1];
    if (ss->mention_at[i - 1] >= 0) return true;
    if (pv->pos == LEX_POS_MODAL || pv->pos == LEX_POS_TO || pv->pos == LEX_POS_PRON) return true;
    return false;
}

static bool is_passive(const syn_sentence *ss, size_t v) {
    if (ss->toks[v].tags & LEX_PASSIVE) return true;
    if (!(ss->toks[v].tags & LEX_PAST)) return false;
    for (size_t k = 1; k <= 3 && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (is_be(t)) return true;
        if (!(t->cls == TOK_WORD && (t->tags & (LEX_ADV | LEX_NEG)))) return false;
    }
    return false;
}

enum modality { MOD_NONE = 0, MOD_INTENT, MOD_THREAT, MOD_NEGATED };

/* Looks left of the verb group for negation ("did not", "never", "refused to") and
 * intent ("will", "plans to", "agreed to", "threatened to"). */
static enum modality modality_of(const syn_sentence *ss, size_t v, const char **why) {
    enum modality m = MOD_NONE;
    for (size_t k = 1; k <= 5 && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (t->cls != TOK_WORD) break;
        if (t->tags & LEX_NEG) {
            *why = t->norm;
            return MOD_NEGATED;
        }
        if (t->tags & LEX_MODAL) {
            if (m == MOD_NONE) m = MOD_INTENT, *why = t->norm;
            continue;
        }
        if (tok_is(t, "to") && k < v) {
            const tok *g = &ss->toks[v - k - 1];
            static const char *const refuse[] = {"refuse", "decline", "fail", "reject"};
            static const char *const intent[] = {"plan", "intend", "want", "seek", "hope",
                                                 "expect", "aim", "vow", "pledge", "promise",
                                                 "agree", "offer", "propose", "prepare"};
            for (size_t q = 0; q < sizeof refuse / sizeof refuse[0]; q++)
                if (lemma_is(g, refuse[q])) { *why = g->norm; return MOD_NEGATED; }
            if (lemma_is(g, "threaten")) { *why = g->norm; return MOD_THREAT; }
            for (size_t q = 0; q < sizeof intent / sizeof intent[0]; q++)
                if (lemma_is(g, intent[q])) { *why = g->norm; m = MOD_INTENT; }
            /* "is to meet", "are going to" */
            if (is_be(g) || tok_is(g, "going")) { *why = "to"; m = MOD_INTENT; }
            break;
        }
        if (t->tags & (LEX_ADV | LEX_AUX)) continue;
        break;
    }
    return m;
}

/* CAMEO's intent and threat codes for an event stated as future or threatened. */
/* The CAMEO code that asks for, promises or demands what `code` does. CAMEO mirrors its
 * material codes in three verbal families: express intent (03x), appeal (02x) and demand
 * (10x): economic/military/judicial/intelligence cooperation 061-064 -> 0311-0314,
 * 0211-0214, 1011-1014; aid 071-074 -> 0331-0334, 0231-0234, 1031-1034; yielding 081,
 * 082, 084, 085, 086, 087 -> 0351-0356, 0251-0256, 1051-1056; political reform 083 ->
 * 034, 024, 104; meeting 04x -> 036, 026, 106; diplomatic cooperation 05x -> 032, 022,
 * 102. family is 3, 2 or 10. Returns NULL when CAMEO has no such code. */
static const char *mirror_code(const char *code, int family) {
    static const struct { const char *from, *intent, *appeal, *demand; } tab[] = {
        {"061", "0311", "0211", "1011"}, {"062", "0312", "0212", "1012"},
        {"063", "0313", "0213", "1013"}, {"064", "0314", "0214", "1014"},
        {"06", "031", "021", "101"},
        {"071", "0331", "0231", "1031"}, {"072", "0332", "0232", "1032"},
        {"073", "0333", "0233", "1033"}, {"074", "0334", "0234", "1034"},
        {"07", "033", "023", "103"},
        {"081", "0351", "0251", "1051"}, {"082", "0352", "0252", "1052"},
        {"083", "034", "024", "104"},    {"084", "0353", "0253", "1053"},
        {"085", "0354", "0254", "1054"}, {"086", "0355", "0255", "1055"},
        {"087", "0356", "0256", "1056"}, {"08", "035", "025", "105"},
        {"04", "036", "026", "106"},     {"05", "032", "022", "102"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strncmp(code, tab[i].from, strlen(tab[i].from)))
            return family == 3 ? tab[i].intent : family == 2 ? tab[i].appeal : tab[i].demand;
    return NULL;
}

/* CAMEO's intent and threat codes for an event stated as future or threatened. */
static void intent_code(const char *code, enum modality m, char out[8]) {
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *r = NULL;
    if (m == MOD_THREAT) {
        if (root == 16) r = !strncmp(code, "163", 3) ? "1312" : "131";
        else if (root == 17) r = "137";
        else if (root >= 18) r = "138";
        else if (root >= 14) r = "130";
    } else if (m == MOD_INTENT) {
        r = mirror_code(code, 3);
        if (!r) switch (root) {
            case 16: r = !strncmp(code, "163", 3) ? "1312" : "131"; break;
            case 17: r = "137"; break;
            case 18: case 19: case 20: r = "138"; break;
            default: break;
            }
    }
    snprintf(out, 8, "%s", r ? r : code);
}

/* The subject of verb v: a mention index, or -1. */
static int32_t find_subject(const syn_sentence *ss, size_t v, int depth) {
    if (depth > 4) return -1;
    const tok *t = ss->toks;
    size_t j = v;
    /* Skip the verb group leftwards: auxiliaries, modals, negation, adverbs, "to". */
    while (j > 0 && t[j - 1].cls == TOK_WORD && !(t[j - 1].tags & (LEX_CONJ | LEX_REL)) &&
           ss->mention_at[j - 1] < 0 &&
           (t[j - 1].tags & (LEX_AUX | LEX_MODAL | LEX_NEG | LEX_ADV) || tok_is(&t[j - 1], "to")))
        j--;
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
    /* "... and then signed": the subject of the verb before the conjunction. */
    if (j > 0 && (tok_is(&t[j - 1], "and") || tok_is(&t[j - 1], "but") || tok_is(&t[j - 1], "or"))) {
        for (size_t u = j - 1; u-- > 0;) {
            if (ss->clause[u] != ss->clause[v]) break;
            if (ss->mention_at[u] < 0 && t[u].cls == TOK_WORD && t[u].pos == LEX_POS_VERB)
                return find_subject(ss, u, depth + 1);
        }
    }
    /* "Moon, who met Kim": the antecedent of the relative pronoun. */
    if (j > 0 && t[j - 1].cls == TOK_WORD && (tok_is(&t[j - 1], "who") || tok_is(&t[j - 1], "which") ||
                                             tok_is(&t[j - 1], "that"))) {
        size_t u = j - 1;
        if (u > 0 && t[u - 1].cls == TOK_PUNCT) u--;
        if (u > 0 && ss->mention_at[u - 1] >= 0) return ss->mention_at[u - 1];
    }
    /* Participles after a comma ("..., calling for") and ordinary subjects: scan left. */
    for (size_t u = j; u-- > 0;) {
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
        if (m->flags & SYN_M_AFTER_PREP) continue; /* "in Seoul" is never the subject */
        /* The object of another verb is not a subject ("met Kim, praising"). */
        size_t g = m->first;
        while (g > 0 && t[g - 1].cls == TOK_WORD && (t[g - 1].pos == LEX_POS_DET || t[g - 1].pos == LEX_POS_ADJ))
            g--;
        if (g > 0 && t[g - 1].cls == TOK_WORD && t[g - 1].pos == LEX_POS_VERB &&
            !(t[g - 1].tags & LEX_SAY) && g - 1 != v)
            continue;
        /* The first member of a compound subject. */
        while (mi > 0 && ss->m[mi - 1].group == m->group) mi--;
        return mi;
    }
    return -1;
}

/* "by" + mention after the verb, in the same clause: the agent of a passive. */
static int32_t passive_agent(const syn_sentence *ss, size_t v) {
    for (size_t j = v + 1; j + 1 < ss->n && ss->clause[j] == ss->clause[v]; j++)
        if (tok_is(&ss->toks[j], "by")) {
            size_t k = j + 1;
            while (k < ss->n && ss->toks[k].cls == TOK_WORD && (ss->toks[k].tags & LEX_DET) &&
                   ss->mention_at[k] < 0)
                k++;
            if (k < ss->n && ss->mention_at[k] >= 0) return ss->mention_at[k];
        }
    return -1;
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

/* The entry as written, or, for an entry longer than CODER_MAX_RULE_TEXT (an agent line
 * with fifty variants), its first variants, "| ...", and its codes: the full entry is at
 * file:line. Keeps every event line, and every stored event, small. */
#define CODER_MAX_RULE_TEXT 120u
static const char *rule_text(dyad_coder *c, const char *text) {
    size_t n = text ? strlen(text) : 0;
    if (n <= CODER_MAX_RULE_TEXT) return text;
    const char *arrow = strstr(text, "=>");
    if (!arrow) return arena_strndup(&c->story_mem, text, CODER_MAX_RULE_TEXT);
    size_t keep = 0; /* whole variants within the first 60 bytes */
    for (size_t i = 0; i < 60 && text + i < arrow; i++)
        if (text[i] == '|') keep = i;
    if (!keep) keep = strcspn(text, "|");
    while (keep && text[keep - 1] == ' ') keep--;
    size_t codes = strlen(arrow);
    char *r = arena_alloc(&c->story_mem, keep + codes + 9);
    if (!r) return text;
    memcpy(r, text, keep);
    memcpy(r + keep, " | ... ", 7);
    memcpy(r + keep + 7, arrow, codes + 1);
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

static void location_for(dyad_coder *c, const syn_sentence *ss, const char **text,
                         const char **country) {
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        /* "in Seoul", "at the Kremlin": after in/at a country, city or capital is a place. */
        bool place = (m->flags & SYN_M_PLACE) ||
                     (!(m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) && !m->agent &&
                      strncmp(m->code, "IGO", 3) && strncmp(m->code, "NGO", 3) &&
                      strncmp(m->code, "---", 3) && strlen(m->code) <= 6);
        if (place && (m->flags & SYN_M_AFTER_PREP) && m->first > 0 &&
            (tok_is(&ss->toks[m->first - 1], "in") || tok_is(&ss->toks[m->first - 1], "at"))) {
            dyad_span sp = mention_span(ss, m);
            *text = span_text(c, ss->story, sp.start, sp.end);
            char *cc = arena_strndup(&c->story_mem, m->code, 3);
            *country = cc;
            return;
        }
    }
    if (c->loc_text[0]) {
        *text = c->loc_text;
        *country = c->loc_country[0] ? c->loc_country : NULL;
    }
}

static int push_event(dyad_coder *c, const syn_sentence *ss, const match *mt, size_t v,
                      const syn_mention *src, const syn_mention *tgt, const char *code,
                      dyad_buf *ex) {
    const dyad_story *s = ss->story;
    if (c->opt.require_dyad && !tgt) {
        buf_printf(ex, "    not emitted: no target (require_dyad is on)\n");
        return DYAD_OK;
    }
    if (tgt && !strncmp(src->code, "---", 3) && !strncmp(tgt->code, "---", 3)) {
        buf_printf(ex, "    not emitted: neither actor is known (%s, %s)\n", src->code, tgt->code);
        return DYAD_OK;
    }
    if (tgt && !strcmp(src->code, tgt->code)) {
        buf_printf(ex, "    not emitted: source and target are the same actor %s\n", src->code);
        return DYAD_OK;
    }
    if (tgt && (tgt->flags & SYN_M_AGENT_ONLY) && code[0] == '0' && code[1] == '1') {
        buf_printf(ex, "    not emitted: a statement to an unnamed group (%s)\n", tgt->code);
        return DYAD_OK;
    }
    const dyad_cameo *cm = dyad_cameo_find(c->dict, code);
    if (!cm) {
        buf_printf(ex, "    not emitted: %s is not in the CAMEO table\n", code);
        return DYAD_OK;
    }
    /* The same event twice from one sentence ("met ..., becoming the first to meet") is
     * one event. */
    for (size_t i = c->n_ev; i-- > 0 && c->ev[i].sentence == ss->index;)
        if (!strcmp(c->ev[i].source, src->code) && !strcmp(c->ev[i].target, tgt ? tgt->code : "") &&
            !strcmp(c->ev[i].code, code)) {
            buf_printf(ex, "    not emitted: already coded from this sentence\n");
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
    e->sentence = ss->index;
    e->date = sent->date ? sent->date : s->date;
    snprintf(e->source, sizeof e->source, "%s", src->code);
    snprintf(e->target, sizeof e->target, "%s", tgt ? tgt->code : "");
    e->source_span = mention_span(ss, src);
    e->source_text = span_text(c, s, e->source_span.start, e->source_span.end);
    if (tgt) {
        e->target_span = mention_span(ss, tgt);
        e->target_text = span_text(c, s, e->target_span.start, e->target_span.end);
    }
    e->verb_span.start = ss->toks[v - mt->p->n_head].start;
    e->verb_span.end = ss->toks[mt->end > v ? mt->end : v].end;
    snprintf(e->code, sizeof e->code, "%s", cm->code);
    e->root = cm->root;
    e->quad_class = cm->quad_class;
    e->goldstein = cm->goldstein;
    e->text = sent->text;
    location_for(c, ss, &e->location, &e->location_country);
    /* CAMEO 044: a meeting on neither party's territory ("Trump met Kim in Singapore"). */
    if (tgt && !strcmp(e->code, "040") && lemma_is(&ss->toks[v], "meet") && e->location_country &&
        strlen(e->location_country) == 3 && strncmp(e->source, e->location_country, 3) &&
        strncmp(e->target, e->location_country, 3) && strncmp(e->source, "IGO", 3) &&
        strncmp(e->target, "IGO", 3) && strncmp(e->source, "---", 3) && strncmp(e->target, "---", 3)) {
        const dyad_cameo *third = dyad_cameo_find(c->dict, "044");
        if (third) {
            buf_printf(ex, "    met in %s, neither party's country: 040 becomes 044\n", e->location_country);
            snprintf(e->code, sizeof e->code, "%s", third->code);
            e->root = third->root;
            e->quad_class = third->quad_class;
            e->goldstein = third->goldstein;
            cm = third;
        }
    }
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

/* Codes one analysed sentence. */
static int code_sentence(dyad_coder *c, syn_sentence *ss, dyad_buf *ex) {
    const dyad_dict *d = c->dict;
    bool headline = (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) != 0;
    size_t emitted = 0;
    int32_t asked_group[16]; /* targets of appeals and demands in this sentence */
    size_t asked_ev[16];     /* ... and the index of the first event each one made */
    size_t n_asked = 0;
    uint8_t *consumed = arena_calloc(&c->sent_mem, ss->n + 1, 1);
    ss->skip_len = arena_calloc(&c->sent_mem, ss->n + 1, 1);
    if (!consumed || !ss->skip_len) return DYAD_ENOMEM;
    memset(ss->words, 0, sizeof ss->words);
    for (size_t i = 0; i < ss->n; i++) {
        size_t tl = temporal_len(ss, i);
        if (!tl) tl = quantity_len(ss, i);
        if (!tl) tl = locative_len(ss, i);
        ss->skip_len[i] = (uint8_t)(tl > 255 ? 255 : tl);
        uint32_t w = ss->toks[i].word;
        if (w) ss->words[(w & 1023u) >> 6] |= 1ull << (w & 63u);
    }
    buf_printf(ex, "verbs:\n");
    for (size_t v = 0; v < ss->n; v++) {
        if (consumed[v] || !verb_candidate(ss, d, v, headline)) continue;
        const dict_pattern *const *pats = NULL;
        const dict_need *need = NULL;
        size_t np = dict_verb_patterns(d, &ss->toks[v], &pats, &need);
        if (!np) continue;
        bool passive = is_passive(ss, v);
        match best = {NULL, -1000, -1, -1, v, false};
        for (size_t k = 0; k < np; k++) {
            if (need[k].n) { /* match_pattern would reject it; seen without reading it */
                bool any = false;
                for (uint32_t j = 0; j < need[k].n && !any; j++)
                    any = word_in_sentence(ss, need[k].w[j]);
                if (!any) continue;
            }
            match r = match_pattern(ss, d, c->prep_ids, pats[k], v, passive);
            if (r.score < 0) continue;
            if (r.target_missing) r.score -= 100; /* only when nothing complete matches */
            if (r.score > best.score || (r.score == best.score && best.target_missing && !r.target_missing))
                best = r;
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

        /* Roles. */
        int32_t subj = find_subject(ss, v, 0);
        int32_t src = subj, tgt = best.target;
        if (passive) {
            int32_t agent = passive_agent(ss, v);
            if (best.target < 0 && best.p->n_elem && best.p->elem[0].kind == DICT_EL_TARGET) tgt = subj;
            src = agent;
            if (src >= 0 && tgt == src) tgt = -1;
        }
        if (best.source >= 0) {
            tgt = subj;
            src = best.source;
        }
        /* A pattern without a `+`: the first actor after the verb in its clause is the
         * target ("denied responsibility for the attacks on Saudi Arabia"), unless it
         * only says where. */
        bool has_slot = false;
        for (uint16_t k = 0; k < best.p->n_elem; k++) has_slot |= best.p->elem[k].kind != DICT_EL_WORD;
        bool compound_subj = subj >= 0 && ((subj + 1 < (int32_t)ss->nm && ss->m[subj + 1].group == ss->m[subj].group));
        int root0 = (best.p->code[0] - '0') * 10 + (best.p->code[1] - '0');
        if (!has_slot && tgt < 0 && !passive && !(compound_subj && root0 >= 3 && root0 <= 6)) {
            for (size_t u = best.end + 1; u < ss->n && u <= best.end + 12 && ss->clause[u] == ss->clause[v]; u++) {
                const tok *tu = &ss->toks[u];
                if (tu->pos == LEX_POS_VERB && !consumed[u]) break;
                if (tu->cls == TOK_PUNCT || tu->cls == TOK_DASH || tu->cls == TOK_QUOTE ||
                    tu->pos == LEX_POS_CONJ || tu->pos == LEX_POS_SUBCONJ || tu->pos == LEX_POS_REL)
                    break;
                int32_t mi = ss->mention_at[u];
                if (mi < 0 || mi == subj) continue;
                const syn_mention *m = &ss->m[mi];
                if (!strncmp(m->code, "---", 3)) { /* "drone attacks on Saudi Arabia" */
                    u = m->last - 1;
                    continue;
                }
                if (m->first > 0 && (tok_is(&ss->toks[m->first - 1], "in") || tok_is(&ss->toks[m->first - 1], "at") ||
                                     tok_is(&ss->toks[m->first - 1], "near") ||
                                     tok_is(&ss->toks[m->first - 1], "during"))) {
                    u = m->last - 1;
                    continue;
                }
                tgt = mi;
                buf_printf(ex, "    target by default: the first actor after the verb, %s\n", m->code);
                break;
            }
        }
        const char *why = NULL;
        enum modality mod = modality_of(ss, v, &why);
        char code[8];
        snprintf(code, sizeof code, "%s", best.p->code);
        if (mod == MOD_NEGATED && !(best.p->flags & DICT_PAT_NEGATED)) {
            buf_printf(ex, "    not emitted: negated ('%s')\n", why);
            continue;
        }
        if (mod == MOD_INTENT || mod == MOD_THREAT) {
            char ic[8];
            intent_code(code, mod, ic);
            if (strcmp(ic, code)) buf_printf(ex, "    '%s': %s becomes %s\n", why, code, ic);
            memcpy(code, ic, sizeof code);
        }
        if (src < 0) {
            buf_printf(ex, "    not emitted: no source actor found\n");
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
                const char *mc = mirror_code(best.p->code, ae->code[0] == '0' ? 2 : 10);
                const dyad_cameo *cm2 = mc ? dyad_cameo_find(d, mc) : NULL;
                if (!cm2) continue;
                buf_printf(ex, "    the appeal or demand becomes %s (%s)\n", cm2->code, cm2->name);
                snprintf(ae->code, sizeof ae->code, "%s", cm2->code);
                ae->root = cm2->root;
                ae->quad_class = cm2->quad_class;
                ae->goldstein = cm2->goldstein;
            }
            continue;
        }
        /* appeals (02), demands (10), accusations and criticism (11), threats (13): what
         * they say the target should do, did or will suffer is not an event of its own */
        if ((code[0] == '0' && code[1] == '2') || (code[0] == '1' && (code[1] == '0' || code[1] == '1' || code[1] == '3')))
            if (tgt >= 0 && n_asked < sizeof asked_group / sizeof asked_group[0]) {
                asked_ev[n_asked] = c->n_ev;
                asked_group[n_asked++] = ss->m[tgt].group;
            }
        /* Compound sources and targets. */
        int32_t sources[CODER_MAX_SOURCES], targets[CODER_MAX_TARGETS];
        size_t ns = 0, nt = 0;
        for (int32_t k = src; k < (int32_t)ss->nm && ns < CODER_MAX_SOURCES; k++) {
            if (ss->m[k].group != ss->m[src].group) break;
            if (k != src && ss->m[k].first > v) break;
            sources[ns++] = k;
        }
        if (tgt >= 0)
            for (int32_t k = tgt; k < (int32_t)ss->nm && nt < CODER_MAX_TARGETS; k++) {
                if (ss->m[k].group != ss->m[tgt].group) break;
                targets[nt++] = k;
            }
        int root = (code[0] - '0') * 10 + (code[1] - '0');
        bool has_plus = false;
        for (uint16_t k = 0; k < best.p->n_elem; k++) has_plus |= best.p->elem[k].kind == DICT_EL_TARGET;
        if (tgt < 0 && (best.target_missing || !has_plus) && ns >= 2 && root >= 3 && root <= 6) {
            /* "A and B met": each met the other. */
            buf_printf(ex, "    compound subject without target: reciprocal events\n");
            for (size_t i = 0; i < ns; i++)
                for (size_t j = 0; j < ns; j++) {
                    if (i == j || emitted >= DYAD_MAX_EVENTS_PER_SENTENCE) continue;
                    int rc = push_event(c, ss, &best, v, &ss->m[sources[i]], &ss->m[sources[j]], code, ex);
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
                if (rc) return rc;
                emitted++;
            }
        }
    }
    return DYAD_OK;
}

/* With code_statements: "X said (that) ..." is also a statement (010) by the speaker,
 * aimed at the first actor of what was said. */
static int code_statements(dyad_coder *c, const syn_sentence *ss, dyad_buf *ex) {
    static const dict_pattern say = {.code = "010", .file = "(built-in)", .line = 0,
                                     .text = "010  say (reported speech, --statements)"};
    for (size_t v = 0; v < ss->n; v++) {
        const tok *t = &ss->toks[v];
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[v]) continue;
        int32_t spk = find_subject(ss, v, 0);
        if (spk < 0 && v + 1 < ss->n) spk = ss->mention_at[v + 1]; /* "..., said Moon" */
        if (spk < 0) continue;
        int32_t tg = -1;
        for (size_t u = v + 1; u < ss->n && tg < 0; u++)
            if (ss->mention_at[u] >= 0 && ss->m[ss->mention_at[u]].group != ss->m[spk].group)
                tg = ss->mention_at[u];
        for (size_t u = 0; u < v && tg < 0; u++) /* a quotation before the verb */
            if (ss->quoted[u] && ss->mention_at[u] >= 0 && ss->m[ss->mention_at[u]].group != ss->m[spk].group)
                tg = ss->mention_at[u];
        buf_printf(ex, "  statement '%s' by %s\n", t->norm, ss->m[spk].code);
        match mt = {&say, 0, tg, -1, v, false};
        int rc = push_event(c, ss, &mt, v, &ss->m[spk], tg >= 0 ? &ss->m[tg] : NULL, "010", ex);
        if (rc) return rc;
    }
    return DYAD_OK;
}

/* A match score: "X beat Y 2-1" (two small numbers joined by a hyphen after a verb of
 * winning or losing) counts as two sports hits; a score alone as one. */
static unsigned score_hits(const syn_sentence *ss) {
    static const char *const win[] = {"beat", "defeat", "draw", "thrash", "trounce", "edge",
                                      "rout", "win", "lose", "tie"};
    bool score = false, verb = false;
    for (size_t i = 0; i + 1 < ss->n; i++) {
        const tok *a = &ss->toks[i], *b = &ss->toks[i + 1];
        if (a->cls == TOK_NUMBER && b->cls == TOK_NUMBER && (b->flags & TOK_JOINED) &&
            a->norm_len <= 2 && b->norm_len <= 2)
            score = true;
    }
    for (size_t i = 0; i < ss->n && score && !verb; i++)
        for (size_t k = 0; k < sizeof win / sizeof win[0] && !verb; k++)
            verb = ss->toks[i].pos == LEX_POS_VERB && lemma_is(&ss->toks[i], win[k]);
    return score ? (verb ? 2u : 1u) : 0u;
}

static void note_discard(dyad_coder *c, const char *why, unsigned hits) {
    size_t r = 0;
    while (r < 8 && c->discard_reasons[r] && strcmp(c->discard_reasons[r], why)) r++;
    if (r == 8) return;
    c->discard_reasons[r] = why;
    c->discard_hits[r] += hits;
}

static void note_discards(dyad_coder *c, const syn_sentence *ss, bool headline) {
    unsigned sh = score_hits(ss);
    if (sh) note_discard(c, "sports", headline ? 2 * sh : sh);
    for (size_t i = 0; i < ss->n; i++) {
        size_t k = 0;
        const char *why = dict_discard_match(c->dict, ss->toks, ss->n, i, &k);
        if (!why) continue;
        note_discard(c, why, headline ? 2 : 1);
        if (k > 1) i += k - 1;
    }
}

static void story_begin(dyad_coder *c, const dyad_story *s) {
    arena_reset(&c->story_mem);
    c->n_ev = 0;
    c->discard = NULL;
    memset(c->discard_hits, 0, sizeof c->discard_hits);
    memset(c->discard_reasons, 0, sizeof c->discard_reasons);
    memset(&c->cr, 0, sizeof c->cr);
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
        snprintf(c->loc_text, sizeof c->loc_text, "%s", p);
    }
}

int dyad_coder_run(dyad_coder *c, const dyad_story *s, const dyad_event **events, size_t *n_events) {
    if (!c || !s || !events || !n_events) return DYAD_EINVAL;
    story_begin(c, s);
    for (size_t i = 0; i < s->n_sentences; i++) {
        if (s->sentences[i].flags & DYAD_SENT_SKIPPED) continue;
        arena_reset(&c->sent_mem);
        syn_sentence ss;
        int rc = syn_analyse(&c->sent_mem, c->dict, s, i, &c->cr, &ss, NULL);
        if (rc == DYAD_ELIMIT) continue;
        if (rc != DYAD_OK) return rc;
        if (!c->opt.keep_discarded) note_discards(c, &ss, (s->sentences[i].flags & DYAD_SENT_HEADLINE) != 0);
        rc = code_sentence(c, &ss, NULL);
        if (rc == DYAD_OK && c->opt.code_statements) rc = code_statements(c, &ss, NULL);
        if (rc != DYAD_OK) return rc;
    }
    for (size_t r = 0; r < 8 && c->discard_reasons[r]; r++)
        if (c->discard_hits[r] >= 2) {
            c->discard = c->discard_reasons[r];
            c->n_ev = 0;
            break;
        }
    *events = c->ev;
    *n_events = c->n_ev;
    return DYAD_OK;
}

int dyad_coder_explain(dyad_coder *c, const dyad_story *s, size_t index, dyad_buf *b) {
    if (!c || !s || !b) return DYAD_EINVAL;
    if (index >= s->n_sentences) return DYAD_ENOTFOUND;
    story_begin(c, s);
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
            buf_printf(ex, "sentence %zu: %s\ndate: %s\n", i, s->sentences[i].text,
                      dyad_date_format(s->sentences[i].date ? s->sentences[i].date : s->date, d));
        }
        int rc = syn_analyse(&c->sent_mem, c->dict, s, i, &c->cr, &ss, ex);
        if (rc != DYAD_OK) {
            if (ex) buf_printf(ex, "not coded: %s\n", dyad_strerror(rc));
            if (rc == DYAD_ELIMIT) continue;
            return rc;
        }
        size_t before = c->n_ev;
        rc = code_sentence(c, &ss, ex);
        if (rc == DYAD_OK && c->opt.code_statements) rc = code_statements(c, &ss, ex);
        if (rc != DYAD_OK) return rc;
        if (ex) buf_printf(ex, "events: %zu\n", c->n_ev - before);
    }
    return DYAD_OK;
}
