/* syntax.c: tokens -> phrases and clauses: actor mentions (with country + agent
 * composition and coreference), compound groups, clauses, parentheticals, quotes. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define SYN_MAX_PAREN_TOKENS 12u /* a ", who ... ," parenthetical longer than this is kept */

static bool is_country_code(const char *code) {
    /* Three letters and nothing after: a bare country (or region) code. */
    return strlen(code) == 3 && code[0] >= 'A' && code[0] <= 'Z' && strcmp(code, "---") != 0;
}

static void copy_code(char dst[DYAD_MAX_CODE_BYTES], const char *src) {
    size_t n = strlen(src);
    if (n >= DYAD_MAX_CODE_BYTES) n = DYAD_MAX_CODE_BYTES - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* A piece: one dictionary hit inside a sentence. */
typedef struct piece {
    uint32_t first, last;
    const dict_actor *a;
    int kind; /* DICT_ACTOR or DICT_AGENT */
} piece;

/* Tokens that may sit between two pieces of one noun phrase ("South Korea's new
 * president"): the possessive, adjectives, determiners after a possessive. */
static bool np_glue(const tok *t) {
    if (t->cls == TOK_POSS) return true;
    if (t->cls == TOK_NUMBER) return true;
    if (t->cls != TOK_WORD) return false;
    if (t->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL | LEX_AUX | LEX_MODAL | LEX_PRON |
                   LEX_SAY | LEX_DET))
        return false;
    if ((t->tags & LEX_VERB) && (t->tags & LEX_PAST)) return false; /* "warplanes struck Hamas" */
    if (t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NUM || t->pos == LEX_POS_NOUN) return true;
    if (t->pos == LEX_POS_NONE) return (t->tags & (LEX_ADJ | LEX_NUM)) != 0;
    /* "North Korean shipping firms": an -ing noun modifier */
    return t->pos == LEX_POS_VERB && (t->tags & LEX_GERUND) && (t->tags & LEX_NOUN);
}

static bool seen_person(const syn_coref *cr, const dict_actor *a) {
    for (size_t i = 0; i < cr->n_seen; i++)
        if (cr->seen[i] == a) return true;
    return false;
}

static void note_person(syn_coref *cr, const dict_actor *a) {
    if (seen_person(cr, a)) return;
    if (cr->n_seen < sizeof cr->seen / sizeof cr->seen[0]) cr->seen[cr->n_seen++] = a;
}

/* Resolves a pronoun-like token to a code from the story's coreference state. */
/* The code of a mention ending before token i in this sentence: the first (first = true)
 * or the most recent one with all of the flags `want` and none of `reject`; else the
 * story's `fallback` (may be ""). Returns false when there is neither. */
static bool mention_before(const syn_sentence *ss, size_t i, unsigned want, unsigned reject,
                           bool first, const char *fallback, char code[DYAD_MAX_CODE_BYTES]) {
    for (size_t j = 0; j < ss->nm; j++) {
        size_t k = first ? j : ss->nm - 1 - j;
        const syn_mention *m = &ss->m[k];
        if ((m->flags & want) == want && !(m->flags & reject) && m->last <= i) {
            copy_code(code, m->code);
            return true;
        }
    }
    if (!fallback[0]) return false;
    copy_code(code, fallback);
    return true;
}

static bool resolve_pronoun(const syn_sentence *ss, size_t i, const syn_coref *cr,
                            char code[DYAD_MAX_CODE_BYTES]) {
    const tok *t = &ss->toks[i];
    const char *w = t->norm;
    bool quoted = ss->quoted[i] != 0;
    /* An object pronoun: the person named most recently ("met Kim and praised him"). */
    if (!strcmp(w, "him") || (!strcmp(w, "her") && !quoted && i > 0 &&
                               (ss->toks[i - 1].pos == LEX_POS_VERB || ss->toks[i - 1].pos == LEX_POS_PREP)))
        return mention_before(ss, i, SYN_M_PERSON, 0, false, cr->person, code);
    /* TABARI's rule: the first person named earlier in this sentence, else the first
     * person of the last sentence that named one. */
    if (!strcmp(w, "he") || !strcmp(w, "his") || !strcmp(w, "she") || (!strcmp(w, "her") && !quoted))
        return mention_before(ss, i, SYN_M_PERSON, 0, true, cr->person, code);
    /* The state or organisation named most recently. */
    if (!strcmp(w, "it") || !strcmp(w, "its"))
        return mention_before(ss, i, 0, SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY, false, cr->thing,
                              code);
    /* Inside a quotation, the speaker. */
    if ((!strcmp(w, "we") || !strcmp(w, "our") || !strcmp(w, "i") || !strcmp(w, "my") ||
         !strcmp(w, "me")) && quoted && cr->speaker[0]) {
        copy_code(code, cr->speaker);
        return true;
    }
    return false;
}

/* Marks quotation spans: tokens between an opening and a closing quote. */
static void mark_quotes(syn_sentence *ss) {
    int open = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const tok *t = &ss->toks[i];
        if (t->cls == TOK_QUOTE) {
            if (t->flags & TOK_OPENQ) open = 1;
            else if (t->flags & TOK_CLOSEQ) open = 0;
            else open = !open;
            ss->quoted[i] = 0;
            continue;
        }
        ss->quoted[i] = (uint8_t)open;
    }
    /* A sentence the reader flagged as quoted speech is quoted throughout when no mark
     * inside it says otherwise. */
}

/* Parentheticals: ", who/which ... ," and short comma-delimited appositives after a
 * mention. Skipped when looking for subjects, as TABARI deleted such clauses. */
static void mark_parentheticals(syn_sentence *ss) {
    for (size_t i = 0; i + 1 < ss->n; i++) {
        if (!(ss->toks[i].cls == TOK_PUNCT && ss->toks[i].norm[0] == ',')) continue;
        const tok *nx = &ss->toks[i + 1];
        bool rel = nx->cls == TOK_WORD && (tok_is(nx, "who") || tok_is(nx, "which") ||
                                           tok_is(nx, "whose") || tok_is(nx, "whom"));
        if (!rel) continue;
        size_t j = i + 1;
        while (j < ss->n && j - i <= SYN_MAX_PAREN_TOKENS &&
               !(ss->toks[j].cls == TOK_PUNCT && (ss->toks[j].norm[0] == ',' ||
                                                  ss->toks[j].norm[0] == ';')) &&
               ss->toks[j].cls != TOK_END && ss->toks[j].cls != TOK_DASH)
            j++;
        if (j < ss->n && j - i <= SYN_MAX_PAREN_TOKENS && ss->toks[j].cls == TOK_PUNCT &&
            ss->toks[j].norm[0] == ',') {
            for (size_t k = i; k <= j; k++) ss->paren[k] = 1;
            i = j - 1;
        }
    }
}

/* Clause numbers: a new clause starts after ; and : , at subordinating conjunctions,
 * at quotation boundaries, and after a verb of saying (its complement). */
static void mark_clauses(syn_sentence *ss) {
    uint16_t c = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const tok *t = &ss->toks[i];
        bool starts = false;
        if (t->cls == TOK_QUOTE) starts = true;
        else if (t->cls == TOK_PUNCT && (t->norm[0] == ';' || t->norm[0] == ':')) starts = true;
        else if (t->cls == TOK_DASH) starts = true;
        else if (t->cls == TOK_WORD && (t->tags & LEX_SUBCONJ) && !(t->tags & LEX_PREP) &&
                 !tok_is(t, "that"))
            starts = true;
        else if (i > 0 && (ss->toks[i - 1].tags & LEX_SAY) && ss->toks[i - 1].pos == LEX_POS_VERB)
            starts = true;
        if (starts && c < UINT16_MAX) c++;
        ss->clause[i] = c;
    }
}

/* Builds the mention for the pieces [p0, p1) with token span [first, last). */
static void compose(const dyad_dict *d, const piece *pc, size_t p0, size_t p1, int32_t date,
                    syn_coref *cr, syn_mention *m) {
    memset(m, 0, sizeof *m);
    m->first = pc[p0].first;
    m->last = pc[p1 - 1].last;
    const dict_actor *person = NULL, *actor = NULL, *agent = NULL, *agent2 = NULL;
    for (size_t k = p0; k < p1; k++) {
        const dict_actor *a = pc[k].a;
        if (pc[k].kind == DICT_AGENT) {
            /* Stacked agents: the first that is not plain government wins
             * ("opposition leader" -> OPP, "government troops" -> MIL). */
            if (!agent) agent = a;
            else if (!strcmp(dict_actor_code(agent, date), "GOV")) agent2 = agent, agent = a;
            else agent2 = a;
        } else if (dict_actor_is_person(a)) {
            person = a;
        } else if (!actor) {
            actor = a;
        }
    }
    char tmp[DYAD_MAX_CODE_BYTES];
    const char *bt = NULL;
    if (person) {
        const char *pc_code = dict_actor_code(person, date);
        copy_code(m->code, pc_code ? pc_code : "");
        m->actor = person;
        m->agent = agent;
        m->extra = actor;
        m->flags |= SYN_M_PERSON;
        note_person(cr, person);
        if (!m->code[0] && actor) {
            const char *ac = dict_actor_code(actor, date);
            if (ac && agent) copy_code(m->code, dict_compose(ac, dict_actor_code(agent, date), tmp));
            else if (ac) copy_code(m->code, ac);
        }
    } else if (actor && dict_actor_code(actor, date) &&
               (bt = dict_block_type(d, dict_actor_code(actor, date))) &&
               (!strcmp(bt, "religion") || !strcmp(bt, "ethnic"))) {
        /* "Islamist insurgents", "Rohingya refugees": a religion or ethnic group is no
         * country; the group's country is unknown (the sentence may supply it). */
        const char *ac = dict_actor_code(actor, date);
        const char *gc = agent ? dict_actor_code(agent, date) : NULL;
        snprintf(tmp, sizeof tmp, "---%s%s", gc ? gc : "", ac);
        copy_code(m->code, tmp);
        m->actor = actor;
        m->agent = agent;
        m->flags |= SYN_M_AGENT_ONLY;
    } else if (actor) {
        const char *ac = dict_actor_code(actor, date);
        m->actor = actor;
        m->agent = agent;
        m->extra = agent2;
        if (ac && agent) {
            const char *gc = dict_actor_code(agent, date);
            copy_code(m->code, gc ? dict_compose(ac, gc, tmp) : ac);
        } else if (ac) {
            copy_code(m->code, ac);
            if (is_country_code(ac)) m->flags |= SYN_M_PLACE;
        }
    } else if (agent) {
        const char *gc = dict_actor_code(agent, date);
        m->agent = agent;
        m->flags |= SYN_M_AGENT_ONLY;
        if (gc) copy_code(m->code, dict_compose(cr->home[0] ? cr->home : NULL, gc, tmp));
    }
}

static bool is_prep_word(const tok *t) { return t->cls == TOK_WORD && (t->tags & LEX_PREP); }

int syn_analyse(arena *a, const dyad_dict *d, const dyad_story *s, size_t index,
                syn_coref *cr, syn_sentence *ss, dyad_buf *ex) {
    memset(ss, 0, sizeof *ss);
    const dyad_sentence *sent = &s->sentences[index];
    ss->story = s;
    ss->index = (uint32_t)index;
    ss->date = sent->date ? sent->date : s->date;
    int rc = tok_split(a, s->text, sent->start, sent->end, &ss->toks, &ss->n);
    if (rc != DYAD_OK) return rc;
    lex_tag(ss->toks, ss->n);
    size_t n = ss->n;
    for (size_t i = 0; i < n; i++) ss->toks[i].word = dict_word_id(d, ss->toks[i].norm, ss->toks[i].norm_len);
    ss->mention_at = arena_alloc(a, (n + 1) * sizeof(int32_t));
    ss->clause = arena_calloc(a, n + 1, sizeof(uint16_t));
    ss->paren = arena_calloc(a, n + 1, 1);
    ss->quoted = arena_calloc(a, n + 1, 1);
    piece *pc = arena_alloc(a, (n + 1) * sizeof(piece));
    ss->m = arena_alloc(a, (n + 1) * sizeof(syn_mention));
    if (!ss->mention_at || !ss->clause || !ss->paren || !ss->quoted || !pc || !ss->m)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++) ss->mention_at[i] = -1;
    mark_quotes(ss);
    if (sent->flags & DYAD_SENT_QUOTE) {
        bool anyq = false;
        for (size_t i = 0; i < n; i++) anyq |= ss->toks[i].cls == TOK_QUOTE;
        if (!anyq) memset(ss->quoted, 1, n);
    }
    mark_parentheticals(ss);
    mark_clauses(ss);

    if (ex) {
        buf_printf(ex, "tokens:\n");
        for (size_t i = 0; i < n; i++) {
            const tok *t = &ss->toks[i];
            buf_printf(ex, "  %2zu %-16.*s %-8s", i, (int)(t->end - t->start), s->text + t->start,
                      lex_pos_name(t->pos));
            static const struct { uint32_t bit; const char *name; } names[] = {
                {LEX_NOUN, "noun"}, {LEX_VERB, "verb"}, {LEX_ADJ, "adj"}, {LEX_ADV, "adv"},
                {LEX_DET, "det"}, {LEX_PREP, "prep"}, {LEX_PRON, "pron"},
                {LEX_POSSPRON, "posspron"}, {LEX_CONJ, "conj"}, {LEX_SUBCONJ, "subconj"},
                {LEX_AUX, "aux"}, {LEX_MODAL, "modal"}, {LEX_NEG, "neg"}, {LEX_REL, "rel"},
                {LEX_NUM, "num"}, {LEX_SAY, "say"}, {LEX_PAST, "past"}, {LEX_GERUND, "ing"},
                {LEX_PLURAL, "plural"}};
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
                if (t->tags & names[k].bit) buf_printf(ex, " %s", names[k].name);
            if (t->lemma && strcmp(t->lemma, t->norm)) buf_printf(ex, " lemma=%s", t->lemma);
            buf_printf(ex, "%s%s clause=%u\n", ss->quoted[i] ? " quoted" : "",
                      ss->paren[i] ? " parenthetical" : "", ss->clause[i]);
        }
    }

    /* 1. Dictionary pieces, longest match first, left to right. */
    size_t np = 0;
    for (size_t i = 0; i < n;) {
        const dict_actor *hit = NULL;
        size_t k = 0;
        if (ss->toks[i].cls == TOK_WORD) {
            k = dict_match_actor(d, ss->toks, n, i, &hit);
            /* A short form ("Moon") names the person whose full name came earlier in the
             * story; when several share it ("Bush"), the one the story named. */
            const dict_actor *sh[8];
            size_t nh = 0, ks = dict_match_short(d, ss->toks, n, i, sh, 8, &nh);
            if (ks > k) {
                size_t h = 0;
                while (h < nh && !seen_person(cr, sh[h])) h++;
                if (h < nh) {
                    hit = sh[h];
                    k = ks;
                } else if (ex) {
                    buf_printf(ex, "  short form '%s' ignored: no person of that name earlier in the story\n",
                              ss->toks[i].norm);
                }
            }
        }
        if (k && dict_actor_kind(hit) == DICT_ACTOR && !dict_actor_code(hit, ss->date)) k = 0;
        if (k) {
            pc[np].first = (uint32_t)i;
            pc[np].last = (uint32_t)(i + k);
            pc[np].a = hit;
            pc[np].kind = dict_actor_kind(hit);
            np++;
            i += k;
        } else {
            i++;
        }
    }

    /* 2. Pieces glued into noun phrases: adjacent pieces, possessives, "agent of/in
     * PLACE" ("police in Karachi", "the president of South Korea"). */
    size_t p = 0;
    while (p < np) {
        size_t q = p + 1;
        while (q < np) {
            size_t gap_from = pc[q - 1].last, gap_to = pc[q].first;
            bool glue = true, words = false;
            for (size_t t = gap_from; t < gap_to && glue; t++) {
                glue = np_glue(&ss->toks[t]);
                words |= ss->toks[t].cls != TOK_POSS;
            }
            if (gap_to - gap_from > 3) glue = false;
            /* Words between pieces modify a head noun to their right ("North Korean
             * shipping firms", "South Korea's new president"): the right piece must be an
             * agent, the left one not. */
            if (glue && words && (pc[q].kind != DICT_AGENT || pc[q - 1].kind == DICT_AGENT)) glue = false;
            bool has_actor = false;
            for (size_t k = p; k < q; k++) has_actor |= pc[k].kind == DICT_ACTOR;
            if (!glue && !has_actor && gap_to - gap_from <= 2 && pc[q - 1].kind == DICT_AGENT &&
                pc[q].kind == DICT_ACTOR) {
                const tok *pt = &ss->toks[gap_from];
                if (tok_is(pt, "of") || tok_is(pt, "in")) { /* not "from": troops leave from */
                    glue = true;
                    for (size_t t = gap_from + 1; t < gap_to && glue; t++)
                        glue = ss->toks[t].cls == TOK_WORD && (ss->toks[t].tags & LEX_DET);
                }
            }
            /* Two named actors side by side ("Seoul Tokyo") are two mentions unless one
             * is a person ("U.S. President Donald Trump"). */
            if (glue && pc[q - 1].kind == DICT_ACTOR && pc[q].kind == DICT_ACTOR &&
                !dict_actor_is_person(pc[q].a) && !dict_actor_is_person(pc[q - 1].a) &&
                gap_to == gap_from)
                glue = false;
            if (!glue) break;
            q++;
        }
        syn_mention *m = &ss->m[ss->nm];
        compose(d, pc, p, q, ss->date, cr, m);
        if (m->code[0]) {
            for (uint32_t t = m->first; t < m->last; t++) ss->mention_at[t] = (int32_t)ss->nm;
            ss->nm++;
        }
        p = q;
    }

    for (size_t k = 0; k < ss->nm; k++)
        if (!strncmp(ss->m[k].code, "KOR", 3) || !strncmp(ss->m[k].code, "PRK", 3)) cr->korea_story = true;

    /* "A U.N. report accused": after "a/an" + an actor, a word that can be a noun is
     * one (the tagger saw "U.N." as a subject and "report" as its verb). */
    bool retag = false;
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        if (m->first == 0 || m->last >= n) continue;
        const tok *art = &ss->toks[m->first - 1];
        tok *nx = &ss->toks[m->last];
        if ((tok_is(art, "a") || tok_is(art, "an")) && nx->pos == LEX_POS_VERB && (nx->tags & LEX_NOUN)) {
            nx->pos = LEX_POS_NOUN;
            retag = true;
        }
    }
    if (retag) mark_clauses(ss);

    /* 3a. The speaker of this sentence's quotation: a mention beside a verb of saying
     * outside the quotes ('"...," Moon said.' or 'said Moon'). */
    for (size_t i = 0; i < n; i++) {
        const tok *t = &ss->toks[i];
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[i]) continue;
        int32_t mi = -1;
        if (i > 0 && ss->mention_at[i - 1] >= 0) mi = ss->mention_at[i - 1];
        else if (i + 1 < n && ss->mention_at[i + 1] >= 0) mi = ss->mention_at[i + 1];
        else if (i + 2 < n && ss->toks[i + 1].cls == TOK_WORD && (ss->toks[i + 1].tags & LEX_DET) &&
                 ss->mention_at[i + 2] >= 0)
            mi = ss->mention_at[i + 2];
        if (mi >= 0) {
            const syn_mention *m = &ss->m[mi];
            copy_code(cr->speaker, m->code);
            cr->speaker_start = ss->toks[m->first].start;
            cr->speaker_end = ss->toks[m->last - 1].end;
            if (ex) buf_printf(ex, "speaker: %s\n", m->code);
            break;
        }
    }

    /* 3. Pronouns and "the North"/"the South"/"the two Koreas". */
    for (size_t i = 0; i < n; i++) {
        if (ss->mention_at[i] >= 0) continue;
        tok *t = &ss->toks[i];
        if (t->cls != TOK_WORD) continue;
        char code[DYAD_MAX_CODE_BYTES] = "";
        size_t len = 1;
        if ((tok_is(t, "north") || tok_is(t, "south")) && (t->flags & TOK_CAP) && i > 0 &&
            tok_is(&ss->toks[i - 1], "the") && cr->korea_story &&
            !(i + 1 < n && ss->toks[i + 1].cls == TOK_WORD && (ss->toks[i + 1].flags & TOK_CAP))) {
            copy_code(code, tok_is(t, "north") ? "PRK" : "KOR");
        } else if (t->tags & (LEX_PRON | LEX_POSSPRON)) {
            if (!resolve_pronoun(ss, i, cr, code)) continue;
        } else {
            continue;
        }
        syn_mention *m = &ss->m[ss->nm];
        memset(m, 0, sizeof *m);
        m->first = (uint32_t)i;
        m->last = (uint32_t)(i + len);
        copy_code(m->code, code);
        m->flags = SYN_M_PRONOUN;
        ss->mention_at[i] = (int32_t)ss->nm;
        ss->nm++;
    }
    /* "the two Koreas": both, as a compound (two mentions over one span, one group). */
    for (size_t i = 0; i + 1 < n; i++) {
        if (!tok_is(&ss->toks[i], "two") || !tok_is(&ss->toks[i + 1], "koreas") ||
            ss->mention_at[i] >= 0 || ss->mention_at[i + 1] >= 0 || ss->nm + 2 > n + 1)
            continue;
        static const char *const both[2] = {"KOR", "PRK"};
        for (int k = 0; k < 2; k++) {
            syn_mention *m = &ss->m[ss->nm];
            memset(m, 0, sizeof *m);
            m->first = (uint32_t)i;
            m->last = (uint32_t)(i + 2);
            copy_code(m->code, both[k]);
            m->flags = SYN_M_PRONOUN;
            ss->nm++;
        }
        ss->mention_at[i] = ss->mention_at[i + 1] = (int32_t)(ss->nm - 2);
        cr->korea_story = true;
    }
    /* Mentions in token order (pronouns were appended). */
    for (size_t i = 1; i < ss->nm; i++) {
        syn_mention tmp = ss->m[i];
        size_t j = i;
        while (j > 0 && ss->m[j - 1].first > tmp.first) {
            ss->m[j] = ss->m[j - 1];
            j--;
        }
        ss->m[j] = tmp;
    }
    for (size_t i = 0; i < n; i++) ss->mention_at[i] = -1;
    for (size_t k = 0; k < ss->nm; k++)
        for (uint32_t t = ss->m[k].first; t < ss->m[k].last; t++)
            if (ss->mention_at[t] < 0) ss->mention_at[t] = (int32_t)k;

    /* 4. Governing prepositions and compound groups ("A, B and C"). */
    int32_t group = 0;
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        size_t t = m->first;
        while (t > 0 && ss->toks[t - 1].cls == TOK_WORD &&
               (ss->toks[t - 1].tags & (LEX_DET | LEX_ADJ | LEX_NUM)) &&
               !(ss->toks[t - 1].tags & (LEX_PREP | LEX_VERB)))
            t--;
        /* "of" after a quantity is transparent: "Thousands of opposition supporters
         * protested" has the supporters as its subject. */
        bool of_quantity = false;
        if (t > 1 && tok_is(&ss->toks[t - 1], "of")) {
            static const char *const quant[] = {"thousands", "hundreds", "dozens", "millions",
                                                "scores", "tens", "group", "crowd", "crowds",
                                                "number", "some", "many", "most", "all", "both",
                                                "several", "one", "two", "three", "members",
                                                "hundred", "thousand", "majority", "bands"};
            const tok *q = &ss->toks[t - 2];
            of_quantity = q->cls == TOK_NUMBER;
            for (size_t k2 = 0; k2 < sizeof quant / sizeof quant[0] && !of_quantity; k2++)
                of_quantity = tok_is(q, quant[k2]);
        }
        if (t > 0 && is_prep_word(&ss->toks[t - 1]) && !(ss->toks[t - 1].tags & LEX_SUBCONJ) &&
            !of_quantity)
            m->flags |= SYN_M_AFTER_PREP, m->prep = ss->toks[t - 1].word ? ss->toks[t - 1].word : 1;
        if (k > 0 && ss->m[k - 1].first == m->first) { /* one span, two actors */
            m->group = ss->m[k - 1].group;
            m->flags |= ss->m[k - 1].flags & SYN_M_AFTER_PREP;
            m->prep = ss->m[k - 1].prep;
            continue;
        }
        if (k > 0) {
            syn_mention *pm = &ss->m[k - 1];
            bool joined = true;
            size_t conj = 0;
            for (size_t u = pm->last; u < t && joined; u++) {
                const tok *g = &ss->toks[u];
                if (g->cls == TOK_PUNCT && g->norm[0] == ',') continue;
                if (tok_is(g, "and") || tok_is(g, "or") || tok_is(g, "nor")) { conj++; continue; }
                if (tok_is(g, "both") || tok_is(g, "either")) continue;
                joined = false;
            }
            bool comma_only = joined && conj == 0 && t > pm->last;
            if (joined && (conj || comma_only) && t > pm->last &&
                !(m->flags & SYN_M_AFTER_PREP && !(pm->flags & SYN_M_AFTER_PREP))) {
                /* A comma alone joins only when a later "and" closes the list. */
                if (comma_only) {
                    /* ... as long as the list goes on in actors, commas and articles up to
                     * its "and": "Saudi Arabia, Egypt, the UAE and Bahrain" */
                    bool closes = false;
                    for (size_t u = m->last; u < n && !closes; u++) {
                        const tok *g = &ss->toks[u];
                        if (tok_is(g, "and") || tok_is(g, "or")) closes = true;
                        else if (!(ss->mention_at[u] >= 0 || (g->cls == TOK_PUNCT && g->norm[0] == ',') ||
                                   tok_is(g, "the")))
                            break;
                    }
                    if (!closes) { m->group = ++group; continue; }
                }
                m->group = pm->group;
                m->flags |= (pm->flags & SYN_M_AFTER_PREP);
                if (!m->prep) m->prep = pm->prep;
                continue;
            }
        }
        m->group = ++group;
    }

    /* "pulled back from positions around Kyiv", "fired rockets at Seoul": after a
     * preposition of place a capital is the place (the country), not the government. */
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        if (!(m->flags & SYN_M_AFTER_PREP) || (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) ||
            m->agent || strlen(m->code) != 6 || strcmp(m->code + 3, "GOV") || m->first == 0)
            continue;
        size_t pp = m->first;
        while (pp > 0 && ss->toks[pp - 1].pos == LEX_POS_DET) pp--;
        if (pp == 0) continue;
        const tok *pt = &ss->toks[pp - 1];
        if (!(tok_is(pt, "in") || tok_is(pt, "near") || tok_is(pt, "around") || tok_is(pt, "outside") ||
              tok_is(pt, "into") || tok_is(pt, "toward") || tok_is(pt, "towards") || tok_is(pt, "at")))
            continue;
        if (ss->toks[m->first].flags & TOK_CAP && tok_is(&ss->toks[m->first], "the")) continue;
        m->code[3] = '\0';
        m->flags |= SYN_M_PLACE;
    }

    /* "Israeli and Palestinian negotiators": a bare country in a compound takes the
     * agent of the member that has one. */
    for (size_t k = 0; k + 1 < ss->nm; k++) {
        syn_mention *m = &ss->m[k], *nx = &ss->m[k + 1];
        if (m->group != nx->group || !(m->flags & SYN_M_PLACE) || !nx->agent || m->agent) continue;
        if (m->last >= n || ss->toks[m->last].cls != TOK_WORD) continue;
        if (!tok_is(&ss->toks[m->last], "and") && !tok_is(&ss->toks[m->last], "or")) continue;
        const char *gc = dict_actor_code(nx->agent, ss->date);
        char tmp[DYAD_MAX_CODE_BYTES];
        if (!gc) continue;
        copy_code(m->code, dict_compose(m->code, gc, tmp));
        m->agent = nx->agent;
        m->flags &= ~SYN_M_PLACE;
    }

    /* An unnamed group ("rebels", "police") takes the country of the sentence when the
     * sentence names exactly one ("Syrian government troops clashed with rebels"). */
    if (!cr->home[0]) {
        char only[4] = "";
        bool one = true;
        /* a place named with in/at wins: "attacked insurgents in Mogadishu" */
        for (size_t k = 0; k < ss->nm && !only[0]; k++) {
            const syn_mention *m = &ss->m[k];
            if (m->first == 0 || (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) || m->agent ||
                !(tok_is(&ss->toks[m->first - 1], "in") || tok_is(&ss->toks[m->first - 1], "at")) ||
                strlen(m->code) > 6 || !strncmp(m->code, "IGO", 3) || !strncmp(m->code, "NGO", 3) ||
                !strncmp(m->code, "---", 3))
                continue;
            memcpy(only, m->code, 3);
            only[3] = '\0';
        }
        if (only[0]) goto fill;
        for (size_t k = 0; k < ss->nm && one; k++) {
            const syn_mention *m = &ss->m[k];
            if ((m->flags & SYN_M_AGENT_ONLY) || !strncmp(m->code, "---", 3) ||
                !strncmp(m->code, "IGO", 3) || !strncmp(m->code, "NGO", 3) ||
                !strncmp(m->code, "IMG", 3) || !strncmp(m->code, "MNC", 3) || strlen(m->code) < 3)
                continue;
            if (!only[0]) memcpy(only, m->code, 3), only[3] = '\0';
            else if (strncmp(only, m->code, 3)) one = false;
        }
    fill:
        for (size_t k = 0; k < ss->nm && one && only[0]; k++) {
            syn_mention *m = &ss->m[k];
            if (!(m->flags & SYN_M_AGENT_ONLY) || strncmp(m->code, "---", 3)) continue;
            char tmp[DYAD_MAX_CODE_BYTES];
            snprintf(tmp, sizeof tmp, "%s%s", only, m->code + 3);
            copy_code(m->code, tmp);
        }
    }

    /* "British sailors and marines": an unnamed member of a compound shares the country
     * of the member before it. */
    for (size_t k = 1; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        const syn_mention *pm = &ss->m[k - 1];
        if (m->group != pm->group || !(m->flags & SYN_M_AGENT_ONLY) || strncmp(m->code, "---", 3) ||
            !strncmp(pm->code, "---", 3) || strlen(pm->code) < 3 || !strncmp(pm->code, "IGO", 3))
            continue;
        char tmp[DYAD_MAX_CODE_BYTES];
        snprintf(tmp, sizeof tmp, "%.3s%s", pm->code, m->code + 3);
        copy_code(m->code, tmp);
    }

    /* 5. Coreference state for later sentences. */
    bool person_set = false;
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        if (!strncmp(m->code, "KOR", 3) || !strncmp(m->code, "PRK", 3)) cr->korea_story = true;
        if (m->flags & SYN_M_PRONOUN) continue;
        if (m->flags & SYN_M_PERSON) {
            if (!person_set) copy_code(cr->person, m->code);
            person_set = true;
        } else if (!(m->flags & SYN_M_AGENT_ONLY)) {
            copy_code(cr->thing, m->code);
        }
        if (k > 0 && ss->m[k - 1].group == m->group) {
            copy_code(cr->plural[0], ss->m[k - 1].code);
            copy_code(cr->plural[1], m->code);
        }
    }

    if (ex) {
        buf_printf(ex, "actors:\n");
        for (size_t k = 0; k < ss->nm; k++) {
            const syn_mention *m = &ss->m[k];
            uint32_t b = ss->toks[m->first].start, e = ss->toks[m->last - 1].end;
            buf_printf(ex, "  [%u-%u) \"%.*s\" -> %s", m->first, m->last, (int)(e - b), s->text + b, m->code);
            if (m->flags & SYN_M_PRONOUN) buf_printf(ex, " (coreference)");
            if (m->flags & SYN_M_AFTER_PREP) buf_printf(ex, " (after preposition)");
            buf_printf(ex, " group=%d\n", m->group);
            const dict_actor *ents[3] = {m->actor, m->agent, m->extra};
            for (int k2 = 0; k2 < 3; k2++) {
                if (!ents[k2]) continue;
                const char *file, *text;
                uint64_t line;
                dict_actor_where(ents[k2], &file, &line, &text);
                buf_printf(ex, "      %s entry %s:%llu: %s\n",
                          dict_actor_kind(ents[k2]) == DICT_AGENT ? "agent" : "actor", file,
                          (unsigned long long)line, text);
            }
        }
    }
    return DYAD_OK;
}
