/* coref.c: coreference: what pronouns and "the North" refer to, who is speaking in a
 * quotation, and the story's memory of the persons and things it named. */
#include "coder_int.h"

#include <string.h>

bool coref_seen_person(const syn_coref *cr, const dict_actor *a) {
    for (size_t i = 0; i < cr->n_seen; i++)
        if (cr->seen[i] == a) return true;
    return false;
}

void coref_note_person(syn_coref *cr, const dict_actor *a) {
    if (coref_seen_person(cr, a)) return;
    if (cr->n_seen < sizeof cr->seen / sizeof cr->seen[0]) cr->seen[cr->n_seen++] = a;
}

bool coref_code_country(const char *code, char cc[4]) {
    static const char none[][4] = {"---", "IGO", "NGO", "IMG", "NGM", "MNC"};
    if (!code || strlen(code) < 3) return false;
    for (size_t k = 0; k < sizeof none / sizeof *none; k++)
        if (!memcmp(code, none[k], 3)) return false;
    memcpy(cc, code, 3);
    cc[3] = '\0';
    return true;
}

bool coref_story_country(const syn_coref *cr, const char *code) {
    char cc[4];
    if (!coref_code_country(code, cc)) return false;
    if (!memcmp(cr->home, cc, 4)) return true;
    for (size_t i = 0; i < cr->n_countries; i++)
        if (!memcmp(cr->countries[i], cc, 4)) return true;
    return false;
}

void coref_note_country(syn_coref *cr, const char *code) {
    char cc[4];
    if (!coref_code_country(code, cc) || coref_story_country(cr, code)) return;
    if (cr->n_countries < sizeof cr->countries / sizeof cr->countries[0])
        memcpy(cr->countries[cr->n_countries++], cc, 4);
}

/* The bytes of the story text that mention m spans. */
static dyad_span mention_bytes(const syn_sentence *ss, const syn_mention *m) {
    dyad_span sp = {ss->toks[m->first].start, ss->toks[m->last - 1].end};
    return sp;
}

/* The code of a mention ending before token i in this sentence: the first (first = true)
 * or the most recent one with all of the flags `want` and none of `reject`; else the
 * story's `fallback` (may be ""). Returns false when there is neither. */
static bool mention_before(const syn_sentence *ss, size_t i, unsigned want, unsigned reject,
                           bool first, const char *fallback, dyad_span fallback_name,
                           char code[DYAD_MAX_CODE_BYTES], dyad_span *name) {
    for (size_t j = 0; j < ss->nm; j++) {
        size_t k = first ? j : ss->nm - 1 - j;
        const syn_mention *m = &ss->m[k];
        if ((m->flags & want) == want && !(m->flags & reject) && m->last <= i) {
            syn_copy_code(code, m->code);
            *name = mention_bytes(ss, m);
            return true;
        }
    }
    if (!fallback[0]) return false;
    syn_copy_code(code, fallback);
    *name = fallback_name;
    return true;
}

/* True when a name no dictionary knows stands in tokens [from, to): a proper noun
 * outside every mention, not an acronym, a month, a weekday, a title or a word after a
 * preposition (a place: "in Kitui") ("Kumar", "Sharon Robinson"). Such a person may be
 * the one "he" or "she" means. */
static bool unknown_name_in(const syn_sentence *ss, size_t from, size_t to) {
    for (size_t u = from; u < to && u < ss->n; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls == TOK_WORD && t->pos == LEX_POS_PROPER && ss->mention_at[u] < 0 &&
            !(t->flags & TOK_ALLCAPS) && !(t->tags & (LEX_MONTH | LEX_WEEKDAY | LEX_TITLE)) &&
            !(u > 0 && ss->toks[u - 1].cls == TOK_WORD && (ss->toks[u - 1].tags & LEX_PREP)))
            return true; /* not "on Monday", not a place "in Kitui" */
    }
    return false;
}

#define COREF_SUBJECT_ADVERBS 2u /* adverbs between a name and its verb: "Valayden also adds" */

#define COREF_APPOSITION_WORDS 12u /* words of a description between commas after a name */

/* The token after the description set off by commas at token e, right after a name
 * ("Li Wei, a law professor at a university in Beijing, said"):
 * a noun phrase of at most COREF_APPOSITION_WORDS words that holds no verb, relative
 * word or conjunction of a clause, nor a person a dictionary knows (the office the
 * description names is then the name's own); e itself where there is none. */
static size_t past_apposition(const syn_sentence *ss, size_t e) {
    if (e + 2 >= ss->n || !tok_punct_is(&ss->toks[e], ',')) return e;
    for (size_t a = e + 1; a < ss->n && a <= e + COREF_APPOSITION_WORDS; a++) {
        const tok *t = &ss->toks[a];
        if (tok_punct_is(t, ',')) return a > e + 1 ? a + 1 : e;
        /* "Nabil Abu Rudeina, a spokesman for President Mahmoud Abbas,": the person the
         * description names is the name's own office, no one else */
        if (ss->mention_at[a] >= 0 && (ss->m[ss->mention_at[a]].flags & SYN_M_PERSON)) return e;
        if (t->cls != TOK_WORD || ss->quoted[a] || t->pos == LEX_POS_VERB ||
            (t->tags & (LEX_AUX | LEX_MODAL | LEX_REL | LEX_SUBCONJ | LEX_PRON)))
            return e;
    }
    return e;
}

/* True when a name no dictionary knows stands in tokens [from, to) as the subject of a
 * verb right after it, or after a description of it set off by commas ("Mpofu argued", "Giuliani has said", "Nabil Abu Rudeina called",
 * "Valayden also adds"): the names unknown_name_in finds, followed by a verb, an
 * auxiliary or a modal, with at most COREF_SUBJECT_ADVERBS adverbs between. */
static bool unknown_subject_in(const syn_sentence *ss, size_t from, size_t to) {
    for (size_t u = from; u < to && u < ss->n; u++) {
        /* not a common word capitalised ("Here are", "Casting Iran as") nor a name after
         * "the" ("the National Liberation Front have", "The Mirror Line will"), and only
         * from the first word of a name */
        if (!unknown_name_in(ss, u, u + 1) ||
            (ss->toks[u].tags & (LEX_VERB | LEX_ADJ | LEX_ADV | LEX_PREP | LEX_PRON | LEX_DET)) ||
            (u > 0 && ss->toks[u - 1].cls == TOK_WORD &&
             ((ss->toks[u - 1].tags & LEX_DET) || ss->toks[u - 1].pos == LEX_POS_PROPER)))
            continue;
        size_t e = u + 1;
        while (e < ss->n && ss->toks[e].cls == TOK_WORD && ss->toks[e].pos == LEX_POS_PROPER &&
               ss->mention_at[e] < 0)
            e++;
        e = past_apposition(ss, e);
        size_t v = e;
        while (v < ss->n && v < e + COREF_SUBJECT_ADVERBS && ss->toks[v].cls == TOK_WORD &&
               ss->toks[v].pos == LEX_POS_ADV && ss->mention_at[v] < 0)
            v++;
        const tok *t = v < ss->n ? &ss->toks[v] : NULL;
        if (t && t->cls == TOK_WORD && ss->mention_at[v] < 0 &&
            (t->pos == LEX_POS_VERB || (t->tags & (LEX_AUX | LEX_MODAL))) && !(t->tags & LEX_GERUND))
            return true;
        u = e - 1;
    }
    return false;
}

/* The person of the story's memory, or "" once it was named more than
 * COREF_PERSON_REACH sentences back. */
static const char *story_person(const syn_sentence *ss, const syn_coref *cr) {
    return ss->index - cr->person_sentence > COREF_PERSON_REACH ? "" : cr->person;
}

/* True when pronoun i is the subject of a verb of saying right after it, a comma or dash
 * before it, and no quotation before it: the words said, told without quotes, are the
 * sentence before the pronoun ("..., he said"). (Quoted words are the quotation's
 * business: a speaker may be named before them, 'Parly said: "...," she said'.) */
static bool speaks_after_words(const syn_sentence *ss, size_t i) {
    if (i == 0 || i + 1 >= ss->n || (ss->toks[i - 1].cls != TOK_PUNCT && ss->toks[i - 1].cls != TOK_DASH) ||
        !(ss->toks[i + 1].tags & LEX_SAY) || ss->toks[i + 1].pos != LEX_POS_VERB)
        return false;
    for (size_t u = 0; u <= i; u++)
        if (ss->quoted[u] || ss->toks[u].cls == TOK_QUOTE) return false;
    return true;
}

/* True when "he" or "she" at token i, the subject of the sentence's main clause (only
 * conjunctions and adverbs before it), names person a again later in the sentence: a
 * subject pronoun is never the person its own clause names by name ("He accused Gen
 * Prayut of mishandling the economy": the accuser is someone else; the same person
 * would be "himself"). */
static bool names_again(const syn_sentence *ss, size_t i, const dict_actor *a) {
    if (!a || !(tok_is(&ss->toks[i], "he") || tok_is(&ss->toks[i], "she"))) return false;
    for (size_t u = 0; u < i; u++)
        if (ss->toks[u].cls != TOK_WORD || !(ss->toks[u].tags & (LEX_CONJ | LEX_ADV))) return false;
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        if (m->first > i && m->actor == a && (m->flags & SYN_M_PERSON) && !(m->flags & SYN_M_PRONOUN)) return true;
    }
    return false;
}

/* "he", "she": the first person named earlier in this sentence (TABARI's rule), else
 * the story's person (story_person); none where a name no dictionary knows stands
 * between that person and the pronoun ("Kumar said he ...": Kumar, whom dyad cannot
 * code, not the last dictionary person). */
static bool resolve_person(const syn_sentence *ss, size_t i, const syn_coref *cr,
                           char code[DYAD_MAX_CODE_BYTES], const dict_actor **who, dyad_span *name) {
    /* "Trump will visit India next week, he said": "he" says the words before it, which
     * name someone else (the same person would be "he will visit ..., he said"); only
     * the story's person, and not where the words name that person too */
    bool after_words = speaks_after_words(ss, i);
    for (size_t k = 0; k < ss->nm && !after_words; k++) {
        const syn_mention *m = &ss->m[k];
        if (!(m->flags & SYN_M_PERSON) || m->last > i) continue;
        /* a person the words quoted name is not who says them ('"France is not
         * responding to [Trump's] demands," she said') */
        if (ss->quoted[m->first] && !ss->quoted[i]) continue;
        if (unknown_name_in(ss, m->last, i)) return false;
        syn_copy_code(code, m->code);
        *who = m->actor;
        *name = mention_bytes(ss, m);
        return true;
    }
    const char *person = story_person(ss, cr);
    if (!person[0] || unknown_name_in(ss, 0, i) || names_again(ss, i, cr->person_actor)) return false;
    /* nor is the story's person "he" where the words "he" says name that person:
     * '"If Gen Prayut were a brand of product, ...," he said' is not Prayut's */
    bool after_quote = !after_words && !ss->quoted[i] && i > 0 && i + 1 < ss->n &&
                       (ss->toks[i - 1].cls == TOK_PUNCT || ss->toks[i - 1].cls == TOK_QUOTE) &&
                       (ss->toks[i + 1].tags & LEX_SAY) && ss->toks[i + 1].pos == LEX_POS_VERB;
    for (size_t k = 0; k < ss->nm && (after_words || after_quote); k++) {
        const syn_mention *m = &ss->m[k];
        if (m->last <= i && m->actor == cr->person_actor && !(m->flags & SYN_M_PRONOUN) &&
            (after_words || ss->quoted[m->first]))
            return false;
    }
    syn_copy_code(code, person);
    *who = cr->person_actor;
    name->start = cr->person_start;
    name->end = cr->person_end;
    return true;
}

/* True when a preposition governs mention m ("in northeast Syria", "with Iran"); the
 * same test as mention_group's, which runs after coreference. */
static bool governed(const syn_sentence *ss, const syn_mention *m) {
    size_t t = m->first;
    while (t > 0 && ss->toks[t - 1].cls == TOK_WORD && (ss->toks[t - 1].tags & (LEX_DET | LEX_ADJ | LEX_NUM)) &&
           !(ss->toks[t - 1].tags & (LEX_PREP | LEX_VERB)))
        t--;
    return t > 0 && ss->toks[t - 1].cls == TOK_WORD && ss->toks[t - 1].pos == LEX_POS_PREP &&
           !(ss->toks[t - 1].tags & LEX_SUBCONJ);
}

/* True when mention m stands alone in an apposition (", a Nato member,", ", its
 * ally,"): it describes the actor before it and speaks for nobody. */
static bool in_apposition(const syn_sentence *ss, const syn_mention *m) {
    size_t t = m->first;
    while (t > 0 && ss->toks[t - 1].cls == TOK_WORD && (ss->toks[t - 1].tags & (LEX_DET | LEX_ADJ | LEX_POSSPRON)))
        t--;
    if (t == 0 || !tok_punct_is(&ss->toks[t - 1], ',')) return false;
    size_t e = m->last;
    for (size_t k = 0; k < 2 && e < ss->n && ss->toks[e].pos == LEX_POS_NOUN; k++) e++;
    return e < ss->n && tok_punct_is(&ss->toks[e], ',');
}

/* True when mention m ends in a plural common noun ("Kurdish fighters") or modifies
 * one ("French Isis members"): "it" does not mean it. */
static bool plural_head(const syn_sentence *ss, const syn_mention *m) {
    for (uint32_t u = m->last - 1; u <= m->last && u < ss->n; u++) {
        const tok *h = &ss->toks[u];
        if (h->pos == LEX_POS_NOUN && (h->tags & LEX_PLURAL)) return true;
    }
    return false;
}

/* True when mention m is only a word of country or group before a common noun outside
 * every mention ("the European response", "a Russian request"): an adjective, no noun
 * phrase a later "it" can stand for. */
static bool modifier_only(const syn_sentence *ss, const syn_mention *m) {
    if (m->last != m->first + 1 || m->last >= ss->n || ss->mention_at[m->last] >= 0) return false;
    const tok *a = &ss->toks[m->first], *h = &ss->toks[m->last];
    return (a->tags & LEX_ADJ) && h->cls == TOK_WORD && h->pos == LEX_POS_NOUN;
}

/* "it", "its": the state or organisation named last before it in this sentence, else
 * the story's (named at most COREF_THING_REACH sentences back); none where a name no
 * dictionary knows stands between them ("Russia's Aeroflot said it", "Amazon will close
 * the Seattle store, it said": a company dyad cannot code, not the country). */
/* The verb of saying right before pronoun i ("said it", "said on Monday that they"):
 * its index + 1, or 0 when there is none. */
static size_t saying_before(const syn_sentence *ss, size_t i) {
    size_t v = i;
    for (size_t k = 0; k < 4 && v > 0; k++, v--) { /* "said on Monday that it" */
        const tok *w = &ss->toks[v - 1];
        if (!(tok_is(w, "that") || tok_is(w, "on") || tok_is(w, "earlier") || tok_is(w, "later") ||
              (w->cls == TOK_WORD && (w->tags & (LEX_WEEKDAY | LEX_MONTH))) || w->cls == TOK_NUMBER))
            break;
    }
    return v > 0 && (ss->toks[v - 1].tags & LEX_SAY) && ss->toks[v - 1].pos == LEX_POS_VERB ? v : 0;
}

/* True when tokens [from, to] all stand inside one quotation (a quotation mark is never
 * quoted itself: a closing and an opening one between break it). */
static bool same_quotation(const syn_sentence *ss, size_t from, size_t to) {
    for (size_t u = from; u <= to && u < ss->n; u++)
        if (!ss->quoted[u]) return false;
    return true;
}

/* True when an acronym no dictionary knows stands in tokens [from, to) as the subject of
 * a verb right after it, first in its clause or after "the" ("the EAAT stressed", ",
 * KCDC said"): a body dyad cannot code, which a later "it" may mean. */
static bool unknown_acronym_subject_in(const syn_sentence *ss, size_t from, size_t to) {
    for (size_t u = from; u + 1 < to && u + 1 < ss->n; u++) {
        const tok *t = &ss->toks[u], *v = &ss->toks[u + 1];
        if (t->cls != TOK_WORD || !(t->flags & TOK_ALLCAPS) || t->norm_len < 2 || ss->mention_at[u] >= 0) continue;
        if (u > 0 && !tok_is(&ss->toks[u - 1], "the") && ss->toks[u - 1].cls != TOK_PUNCT) continue;
        if (v->cls == TOK_WORD && ss->mention_at[u + 1] < 0 && !(v->tags & LEX_GERUND) &&
            (v->pos == LEX_POS_VERB || v->pos == LEX_POS_AUX || v->pos == LEX_POS_MODAL))
            return true;
    }
    return false;
}

static bool resolve_thing(const syn_sentence *ss, size_t i, const syn_coref *cr, char code[DYAD_MAX_CODE_BYTES],
                          dyad_span *name) {
    unsigned reject = SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY;
    /* "France ... said it was planning", "said that it would": the subject of what a
     * verb of saying reports is its speaker, never an actor named after a preposition
     * ("camps in northeast Syria", "talks with Iran") */
    bool said = tok_is(&ss->toks[i], "it") && saying_before(ss, i) > 0;
    /* Inside a quotation, "it" is what the speaker speaks of: an actor named earlier in
     * the same quotation, never one outside the quotes nor the story's ('The embassy
     * said "It will accept ..."', '"I strongly disagree. It has morphed ...," Ellwood
     * said') */
    bool quoted = ss->quoted[i] != 0;
    /* '"...," it said', "..., it added": the words said stand before "it", and an actor
     * they name is what was spoken of, not the speaker ('"Islamic State has not been
     * defeated," it said'): the story's state or organisation of the sentences before */
    bool speaker = !quoted && i > 0 && i + 1 < ss->n && tok_is(&ss->toks[i], "it") &&
                   (ss->toks[i - 1].cls == TOK_PUNCT || ss->toks[i - 1].cls == TOK_QUOTE ||
                    ss->toks[i - 1].cls == TOK_DASH) &&
                   (ss->toks[i + 1].tags & LEX_SAY) && ss->toks[i + 1].pos == LEX_POS_VERB;
    for (size_t j = ss->nm; j-- > 0 && !speaker;) {
        const syn_mention *m = &ss->m[j];
        if ((m->flags & reject) || m->last > i || (said && (governed(ss, m) || plural_head(ss, m) || in_apposition(ss, m))))
            continue;
        if (quoted && !same_quotation(ss, m->first, i)) return false;
        if (unknown_name_in(ss, m->last, i) || unknown_acronym_subject_in(ss, m->last, i)) return false;
        if ((m->flags & SYN_M_PLACE) && (m->flags & SYN_M_AFTER_PREP) && unknown_name_in(ss, 0, m->first))
            return false;
        syn_copy_code(code, m->code);
        *name = mention_bytes(ss, m);
        return true;
    }
    if (quoted || !cr->thing[0] || ss->index - cr->thing_sentence > COREF_THING_REACH || unknown_name_in(ss, 0, i) ||
        unknown_acronym_subject_in(ss, 0, i))
        return false;
    syn_copy_code(code, cr->thing);
    name->start = cr->thing_start;
    name->end = cr->thing_end;
    return true;
}

/* "they" right after a verb of saying ("the ministry said they would", "Iranian officials
 * said on Friday that they"): the speaker, the actor just before the verb that no
 * preposition governs and that stands in no apposition, when it can be "they": a group
 * named in the plural ("Iranian officials", "the rebels") or a state or organisation
 * ("the foreign ministry", "France"), not one person ("Putin said they": someone else)
 * nor an unnamed agent with no country, nor a list (whose members the pronoun may or may
 * not all mean). Elsewhere "they" is left alone. */
static bool resolve_they(const syn_sentence *ss, size_t i, char code[DYAD_MAX_CODE_BYTES], dyad_span *name) {
    size_t v = saying_before(ss, i);
    if (!v) return false;
    size_t verb = v - 1;
    for (size_t j = ss->nm; j-- > 0;) {
        const syn_mention *m = &ss->m[j];
        if ((m->flags & SYN_M_PRONOUN) || m->last > verb || governed(ss, m) || in_apposition(ss, m)) continue;
        if ((m->flags & SYN_M_AGENT_ONLY) || ((m->flags & SYN_M_PERSON) && !plural_head(ss, m))) return false;
        /* the verb's subject: only auxiliaries, adverbs and a closing bracket between
         * ("have also frequently stated", "(SDF) said"), not the object of another verb
         * ("to escape the Syrian state, few of the displaced say they") */
        for (size_t u = m->last; u < verb; u++) {
            const tok *b = &ss->toks[u];
            if (!((b->cls == TOK_WORD && (b->pos == LEX_POS_AUX || b->pos == LEX_POS_ADV || b->pos == LEX_POS_MODAL)) ||
                  (b->cls == TOK_PUNCT && b->norm[0] == ')') || ss->mention_at[u] >= 0))
                return false;
        }
        /* (groups are set after coreference: a list is "A and B", "A and the B", "A, B") */
        size_t f = m->first;
        while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && (ss->toks[f - 1].tags & LEX_DET)) f--;
        if (f >= 2 && ss->mention_at[f - 2] >= 0 &&
            (tok_is(&ss->toks[f - 1], "and") || tok_is(&ss->toks[f - 1], "or") ||
             tok_punct_is(&ss->toks[f - 1], ',')))
            return false;
        syn_copy_code(code, m->code);
        *name = mention_bytes(ss, m);
        return true;
    }
    return false;
}

#define COREF_THEY_MAX 4u /* members of a list one "they" may name */

/* "they" right after a verb of saying whose subject is a list ("Turkey and Russia said
 * they would", "The US, UK and France say they carried out"): every member, in the
 * order named, when each is a state, an organisation, a group or a person the
 * dictionary knows (not an unnamed agent, not the object of a preposition). The number
 * of codes written to codes, or 0 where the subject is no such list. */
static size_t resolve_they_list(const syn_sentence *ss, size_t i,
                                char codes[COREF_THEY_MAX][DYAD_MAX_CODE_BYTES], dyad_span names[COREF_THEY_MAX]) {
    size_t v = saying_before(ss, i);
    if (!v) return 0;
    size_t verb = v - 1;
    const syn_mention *m = NULL;
    for (size_t j = ss->nm; j-- > 0;) {
        const syn_mention *c = &ss->m[j];
        if ((c->flags & SYN_M_PRONOUN) || c->last > verb || governed(ss, c) || in_apposition(ss, c)) continue;
        m = c;
        break;
    }
    if (!m) return 0;
    for (size_t u = m->last; u < verb; u++) { /* the verb's subject, as resolve_they */
        const tok *b = &ss->toks[u];
        if (!((b->cls == TOK_WORD && (b->pos == LEX_POS_AUX || b->pos == LEX_POS_ADV || b->pos == LEX_POS_MODAL)) ||
              (b->cls == TOK_PUNCT && b->norm[0] == ')')))
            return 0;
    }
    const syn_mention *members[COREF_THEY_MAX];
    size_t k = 0;
    for (;;) {
        if ((m->flags & (SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) || governed(ss, m) || k == COREF_THEY_MAX) return 0;
        members[k++] = m;
        size_t f = m->first;
        while (f > 0 && ss->toks[f - 1].cls == TOK_WORD && (ss->toks[f - 1].tags & LEX_DET)) f--;
        if (f < 2 || ss->mention_at[f - 2] < 0) break;
        const tok *c = &ss->toks[f - 1];
        if (!(tok_is(c, "and") || tok_punct_is(c, ','))) break;
        const syn_mention *p = &ss->m[ss->mention_at[f - 2]];
        if (p->last != f - 1) break;
        m = p;
    }
    if (k < 2) return 0;
    for (size_t q = 0; q < k; q++) {
        syn_copy_code(codes[q], members[k - 1 - q]->code);
        names[q] = mention_bytes(ss, members[k - 1 - q]);
    }
    return k;
}

static bool resolve_pronoun(const syn_sentence *ss, size_t i, const syn_coref *cr,
                            char code[DYAD_MAX_CODE_BYTES], const dict_actor **who, dyad_span *name) {
    const tok *t = &ss->toks[i];
    const char *w = t->norm;
    bool quoted = ss->quoted[i] != 0;
    /* An object pronoun: the person named most recently ("met Kim and praised him"). */
    if (!strcmp(w, "him") || (!strcmp(w, "her") && !quoted && i > 0 &&
                               (ss->toks[i - 1].pos == LEX_POS_VERB || ss->toks[i - 1].pos == LEX_POS_PREP))) {
        dyad_span person = {cr->person_start, cr->person_end};
        return mention_before(ss, i, SYN_M_PERSON, 0, false, story_person(ss, cr), person, code, name);
    }
    /* TABARI's rule: the first person named earlier in this sentence, else the first
     * person of the last sentence that named one. */
    if (!strcmp(w, "he") || !strcmp(w, "his") || !strcmp(w, "she") || (!strcmp(w, "her") && !quoted))
        return resolve_person(ss, i, cr, code, who, name);
    /* The state or organisation named most recently. */
    if (!strcmp(w, "it") || !strcmp(w, "its")) return resolve_thing(ss, i, cr, code, name);
    if (!strcmp(w, "they") && !quoted) return resolve_they(ss, i, code, name);
    /* Inside a quotation, the speaker. */
    if ((!strcmp(w, "we") || !strcmp(w, "our") || !strcmp(w, "i") || !strcmp(w, "my") ||
         !strcmp(w, "me")) && quoted && cr->speaker[0]) {
        syn_copy_code(code, cr->speaker);
        name->start = cr->speaker_start;
        name->end = cr->speaker_end;
        return true;
    }
    return false;
}

void coref_note_korea(syn_coref *cr, const syn_sentence *ss) {
    for (size_t k = 0; k < ss->nm; k++)
        if (!strncmp(ss->m[k].code, "KOR", 3) || !strncmp(ss->m[k].code, "PRK", 3)) cr->korea_story = true;
}

/* A capitalised name that may be a speaker no dictionary knows ("Nie", "Faivre"): not a
 * pronoun ('"...," he said' is still the speaker quoted before), nor a function word. */
static bool unknown_speaker_word(const tok *t) {
    return t->cls == TOK_WORD && (t->flags & TOK_CAP) &&
           !(t->tags & (LEX_PRON | LEX_POSSPRON | LEX_DET | LEX_PREP | LEX_CONJ | LEX_SUBCONJ));
}

/* The unknown name beside verb of saying v that no mention holds ('"...," Nie said',
 * 'said Nie Xiaoyong'); -1 where there is none. In a sentence without quotes, only a
 * proper name right before the verb ("Hassan said she had"): a capitalised common word
 * ("Critics said") names no one who could speak in a later quotation. */
static int64_t unknown_speaker_at(const syn_sentence *ss, size_t v) {
    bool quotes = false;
    for (size_t i = 0; i < ss->n && !quotes; i++) quotes = ss->quoted[i] != 0;
    if (!quotes)
        return v > 0 && ss->mention_at[v - 1] < 0 && unknown_speaker_word(&ss->toks[v - 1]) &&
                       ss->toks[v - 1].pos == LEX_POS_PROPER
                   ? (int64_t)(v - 1)
                   : -1;
    if (v > 0 && ss->mention_at[v - 1] < 0 && !ss->quoted[v - 1] && unknown_speaker_word(&ss->toks[v - 1]))
        return (int64_t)(v - 1);
    if (v + 1 < ss->n && ss->mention_at[v + 1] < 0 && !ss->quoted[v + 1] && unknown_speaker_word(&ss->toks[v + 1]) &&
        v > 0 && (ss->quoted[v - 1] || ss->toks[v - 1].cls != TOK_WORD))
        return (int64_t)(v + 1);
    return -1;
}

/* Notes the capitalised words that run on from speaker mention m ("French Ambassador
 * Jean-Baptiste Faivre", "Chief Executive John Lee"), so that the surname alone later
 * ('said Faivre') is still that speaker. */
static void note_speaker_name(const syn_sentence *ss, const syn_mention *m, syn_coref *cr) {
    cr->n_speaker_names = 0;
    for (size_t u = m->first; u < ss->n && cr->n_speaker_names < COREF_SPEAKER_NAMES; u++) {
        const tok *t = &ss->toks[u];
        /* "Ambassador to Qatar H E Jean-Baptiste Faivre": through a place the title names */
        bool of = (tok_is(t, "to") || tok_is(t, "of")) && u + 1 < ss->n && (ss->toks[u + 1].flags & TOK_CAP);
        if (u >= m->last && !(t->cls == TOK_WORD && (t->flags & TOK_CAP)) && !of) break;
        if (t->cls != TOK_WORD || !(t->flags & TOK_CAP) || t->norm_len < 3 || t->norm_len >= sizeof cr->speaker_names[0])
            continue;
        memcpy(cr->speaker_names[cr->n_speaker_names++], t->norm, t->norm_len + 1);
    }
}

/* True when a finite verb, an auxiliary or a modal, outside quotes, follows mention m
 * right after a verb of saying: m is the subject of the words reported, not the one
 * who says them ("said the Foreign Office had not", but "said the ministry, adding"). */
static bool subject_of_words(const syn_sentence *ss, const syn_mention *m) {
    if (m->last >= ss->n || ss->quoted[m->last]) return false;
    const tok *t = &ss->toks[m->last];
    return t->cls == TOK_WORD && (t->pos == LEX_POS_VERB || (t->tags & (LEX_AUX | LEX_MODAL))) &&
           !(t->tags & LEX_GERUND);
}

void coref_find_speaker(const syn_sentence *ss, syn_coref *cr, dyad_buf *ex) {
    size_t n = ss->n;
    int64_t unknown = -1;
    /* 3a. The speaker of this sentence's quotation: a mention beside a verb of saying
     * outside the quotes ('"...," Moon said.' or 'said Moon'). */
    for (size_t i = 0; i < n; i++) {
        const tok *t = &ss->toks[i];
        if (!(t->tags & LEX_SAY) || t->pos != LEX_POS_VERB || ss->quoted[i]) continue;
        int32_t mi = -1;
        size_t b = i; /* "spokesman Nuri Mahmud said": the title is the speaker */
        while (b > 0 && i - b < 4 && ss->mention_at[b - 1] < 0 && !ss->quoted[b - 1] &&
               unknown_speaker_word(&ss->toks[b - 1]))
            b--;
        if (b < i && b > 0 && ss->mention_at[b - 1] >= 0 && ss->m[ss->mention_at[b - 1]].agent &&
            !(ss->m[ss->mention_at[b - 1]].flags & SYN_M_PRONOUN) && strncmp(ss->m[ss->mention_at[b - 1]].code, "---", 3))
            mi = ss->mention_at[b - 1];
        else if (i > 0 && ss->mention_at[i - 1] >= 0) mi = ss->mention_at[i - 1];
        /* An actor after the verb speaks only where the verb follows the quotation or a
         * comma ('," said the ministry'); after a word or first in the sentence, it is
         * what was said or noted ("insisted the government should", "Noting Obama left
         * office, Mori added") */
        else if (!(i > 0 && (ss->quoted[i - 1] || ss->toks[i - 1].cls != TOK_WORD))) {
            if (ex && i + 1 < n && ss->mention_at[i + 1] >= 0)
                buf_printf(ex, "speaker: not %s, named after '%s' where no quotation or comma stands before it\n",
                           ss->m[ss->mention_at[i + 1]].code, t->norm);
        } else {
            if (i + 1 < n && ss->mention_at[i + 1] >= 0) mi = ss->mention_at[i + 1];
            else if (i + 2 < n && ss->toks[i + 1].cls == TOK_WORD && (ss->toks[i + 1].tags & LEX_DET) &&
                     !tok_is(&ss->toks[i + 1], "that") && ss->mention_at[i + 2] >= 0)
                mi = ss->mention_at[i + 2]; /* "said the ministry", not "noted that China ..." */
            /* nor where a verb follows the actor: it is the subject of what was said
             * ("Robinson's mother, Sharon, said the Foreign Office had not visited him") */
            if (mi >= 0 && subject_of_words(ss, &ss->m[mi])) {
                if (ex) buf_printf(ex, "speaker: not %s, the subject of what '%s' reports\n", ss->m[mi].code, t->norm);
                mi = -1;
            }
        }
        if (mi >= 0) {
            const syn_mention *m = &ss->m[mi];
            syn_copy_code(cr->speaker, m->code);
            cr->speaker_start = ss->toks[m->first].start;
            cr->speaker_end = ss->toks[m->last - 1].end;
            note_speaker_name(ss, m, cr);
            if (ex) buf_printf(ex, "speaker: %s\n", m->code);
            return;
        }
        int64_t u = unknown_speaker_at(ss, i);
        if (u < 0) continue;
        /* "said Erika Guevara-Rosas, Amnesty's Americas director": the apposition after
         * the name says whose words they are */
        size_t e = (size_t)u;
        while (e < n && e - (size_t)u < 4 && ss->mention_at[e] < 0 && unknown_speaker_word(&ss->toks[e])) e++;
        if (e > i && e + 1 < n && tok_punct_is(&ss->toks[e], ',')) {
            size_t f = e + 1;
            while (f < n && f < e + 6 && ss->mention_at[f] < 0 && ss->toks[f].cls == TOK_WORD &&
                   (!(ss->toks[f].tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL)) || tok_is(&ss->toks[f], "at") ||
                    tok_is(&ss->toks[f], "of")))
                f++; /* ", a top PYD official", ", Americas director at Amnesty" */
            if (f < n && ss->mention_at[f] >= 0 && strncmp(ss->m[ss->mention_at[f]].code, "---", 3) &&
                !(ss->m[ss->mention_at[f]].flags & SYN_M_PRONOUN)) {
                const syn_mention *m = &ss->m[ss->mention_at[f]];
                syn_copy_code(cr->speaker, m->code);
                cr->speaker_start = ss->toks[m->first].start;
                cr->speaker_end = ss->toks[m->last - 1].end;
                note_speaker_name(ss, m, cr);
                if (ex) buf_printf(ex, "speaker: %s (the apposition after '%s')\n", m->code, ss->toks[u].norm);
                return;
            }
        }
        if (unknown < 0) unknown = u;
    }
    if (unknown < 0 || !cr->speaker[0]) return;
    /* '"... we are confident," Nie said': someone no dictionary knows is speaking now,
     * not the speaker of an earlier quotation, unless the name is that speaker's own */
    for (size_t k = 0; k < cr->n_speaker_names; k++)
        if (!strcmp(cr->speaker_names[k], ss->toks[unknown].norm)) return;
    cr->speaker[0] = 0;
    cr->n_speaker_names = 0;
    if (ex) buf_printf(ex, "speaker: '%s', whom no dictionary knows\n", ss->toks[unknown].norm);
}

/* The countries a description of a state may name, by the facts it states: island
 * states (wholly or for the most part on islands), kingdoms, emirates, sultanates, the
 * states of the Gulf Cooperation Council, the Himalayan states, the city-states. Codes
 * three letters each, one space between. */
#define COREF_ISLANDS                                                                                          \
    "TWN CUB JPN LKA CYP MLT ISL PHL IDN MDG MUS SGP BHR JAM TTO BHS BRB MDV SYC CPV COM STP FJI NZL HTI DOM " \
    "KIR TON WSM TUV VUT SLB MHL FSM PLW NRU GRD LCA VCT DMA ATG KNA"
#define COREF_KINGDOMS "SAU JOR MAR BHR THA KHM BTN SWZ LSO TON GBR NLD BEL ESP SWE NOR DNK"
#define COREF_GULF "SAU ARE QAT KWT BHR OMN"
static const struct {
    const char *head;     /* the noun after "the" */
    const char *modifier; /* a word that must stand between, or NULL */
    const char *codes;
} descriptions[] = {
    {"island", NULL, COREF_ISLANDS},       {"archipelago", NULL, COREF_ISLANDS},
    {"nation", "island", COREF_ISLANDS},   {"state", "island", COREF_ISLANDS},
    {"country", "island", COREF_ISLANDS},  {"kingdom", NULL, COREF_KINGDOMS},
    {"emirate", NULL, "ARE QAT KWT"},      {"sultanate", NULL, "OMN BRN"},
    {"state", "gulf", COREF_GULF},         {"nation", "gulf", COREF_GULF},
    {"country", "gulf", COREF_GULF},       {"monarchy", "gulf", COREF_GULF},
    {"nation", "himalayan", "NPL BTN"},    {"country", "himalayan", "NPL BTN"},
    {"state", "city", "SGP MCO VAT"},
};

/* True when token t is a noun a description of a state ends in (descriptions[]): a
 * switch on its first letter, as every noun of every sentence is asked. */
static bool description_head(const tok *t) {
    switch (t->norm[0]) {
    case 'a': return tok_is(t, "archipelago");
    case 'c': return tok_is(t, "country");
    case 'e': return tok_is(t, "emirate");
    case 'i': return tok_is(t, "island");
    case 'k': return tok_is(t, "kingdom");
    case 'm': return tok_is(t, "monarchy");
    case 'n': return tok_is(t, "nation");
    case 's': return tok_is(t, "state") || tok_is(t, "sultanate");
    default: return false;
    }
}

#define COREF_MAX_DESCRIPTION_WORDS 4u /* "the oil-rich Gulf state": words between "the" and the noun */

/* "visit the self-ruled island", "the role played by the Kingdom", "the Gulf state": a
 * description of a state after "the" names the one country the story has named so far
 * (this sentence before it included) that fits it. Not when none or two fit ("the
 * kingdom" in a story of Jordan and Saudi Arabia), nor a name ("the Kingdom Tower": a
 * capitalised word after it) or a description with its own complement ("the island of
 * Lesbos"). The index of its first word after "the", with the country in cc; or
 * SIZE_MAX. */
static size_t resolve_description(const syn_sentence *ss, size_t i, const syn_coref *cr, char cc[4]) {
    const tok *t = &ss->toks[i];
    size_t d = 0;
    for (; d < sizeof descriptions / sizeof descriptions[0]; d++)
        if (tok_is(t, descriptions[d].head)) break;
    if (d == sizeof descriptions / sizeof descriptions[0] || i == 0) return SIZE_MAX;
    if (i + 1 < ss->n && ((ss->toks[i + 1].cls == TOK_WORD && (ss->toks[i + 1].flags & TOK_CAP)) ||
                          tok_is(&ss->toks[i + 1], "of")))
        return SIZE_MAX;
    size_t the = i;
    while (the > 0 && i - the <= COREF_MAX_DESCRIPTION_WORDS && !tok_is(&ss->toks[the - 1], "the")) {
        const tok *w = &ss->toks[the - 1];
        if (w->cls != TOK_WORD || ss->mention_at[the - 1] >= 0 ||
            !(w->pos == LEX_POS_ADJ || w->pos == LEX_POS_NOUN || w->pos == LEX_POS_PROPER))
            return SIZE_MAX;
        the--;
    }
    if (the == 0 || !tok_is(&ss->toks[the - 1], "the") || i - the > COREF_MAX_DESCRIPTION_WORDS) return SIZE_MAX;
    /* the entry whose modifier stands between (the same noun may have several) */
    for (;; d++) {
        if (d == sizeof descriptions / sizeof descriptions[0]) return SIZE_MAX;
        if (!tok_is(t, descriptions[d].head)) continue;
        if (!descriptions[d].modifier) break;
        bool has = false;
        for (size_t u = the; u < i && !has; u++) has = tok_is(&ss->toks[u], descriptions[d].modifier);
        if (has) break;
    }
    const char *codes = descriptions[d].codes;
    char found[4] = "";
    char c[4];
    for (size_t k = 0; k <= cr->n_countries + ss->nm; k++) {
        if (k == 0) {
            if (!cr->home[0]) continue;
            memcpy(c, cr->home, 4);
        } else if (k <= cr->n_countries) {
            memcpy(c, cr->countries[k - 1], 4);
        } else {
            const syn_mention *m = &ss->m[k - 1 - cr->n_countries];
            if (m->last > the || (m->flags & SYN_M_PRONOUN) || !coref_code_country(m->code, c)) continue;
        }
        if (!strstr(codes, c) || !strcmp(found, c)) continue;
        if (found[0]) return SIZE_MAX; /* two fit: which one is meant is not said */
        memcpy(found, c, 4);
    }
    if (!found[0]) return SIZE_MAX;
    memcpy(cc, found, 4);
    return the;
}

void coref_resolve(syn_sentence *ss, syn_coref *cr) {
    size_t n = ss->n;
    /* 3. Pronouns and "the North"/"the South"/"the two Koreas". */
    for (size_t i = 0; i < n; i++) {
        if (ss->mention_at[i] >= 0) continue;
        tok *t = &ss->toks[i];
        if (t->cls != TOK_WORD) continue;
        char code[DYAD_MAX_CODE_BYTES] = "";
        char list[COREF_THEY_MAX][DYAD_MAX_CODE_BYTES];
        dyad_span names[COREF_THEY_MAX], name = {0, 0};
        const dict_actor *who = NULL;
        size_t len = 1, nl = 0, d0;
        char cc[4];
        if ((tok_is(t, "north") || tok_is(t, "south")) && (t->flags & TOK_CAP) && i > 0 &&
            tok_is(&ss->toks[i - 1], "the") && cr->korea_story &&
            !(i + 1 < n && ss->toks[i + 1].cls == TOK_WORD && (ss->toks[i + 1].flags & TOK_CAP))) {
            syn_copy_code(code, tok_is(t, "north") ? "PRK" : "KOR");
        } else if (tok_is(t, "they") && !ss->quoted[i] && resolve_they_list(ss, i, list, names) >= 2 &&
                   (nl = resolve_they_list(ss, i, list, names)) + ss->nm <= n + 1) {
            /* a list's "they": each member, as a compound (one span, one group) */
            for (size_t q = 0; q < nl; q++) {
                syn_mention *lm = &ss->m[ss->nm + q];
                memset(lm, 0, sizeof *lm);
                lm->first = (uint32_t)i;
                lm->last = (uint32_t)(i + 1);
                syn_copy_code(lm->code, list[q]);
                lm->flags = SYN_M_PRONOUN;
                lm->name_start = names[q].start;
                lm->name_end = names[q].end;
            }
            ss->mention_at[i] = (int32_t)ss->nm;
            ss->nm += nl;
            continue;
        } else if ((t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER) && description_head(t) &&
                   (d0 = resolve_description(ss, i, cr, cc)) != SIZE_MAX) {
            /* a description of a state the story named: one mention over its words */
            syn_mention *m = &ss->m[ss->nm];
            memset(m, 0, sizeof *m);
            m->first = (uint32_t)d0;
            m->last = (uint32_t)(i + 1);
            syn_copy_code(m->code, cc);
            m->flags = SYN_M_PRONOUN;
            for (size_t u = d0; u <= i; u++) ss->mention_at[u] = (int32_t)ss->nm;
            ss->nm++;
            continue;
        } else if (t->tags & (LEX_PRON | LEX_POSSPRON)) {
            /* "Shoukry and his Jordanian counterpart Ayman Safadi met": a possessive
             * after "and" before a counterpart is its determiner, no member of the
             * compound of its own (as a mention it would split the compound in two) */
            if (t->pos == LEX_POS_POSSPRON && i > 0 && i + 1 < n && ss->mention_at[i + 1] >= 0 &&
                (tok_is(&ss->toks[i - 1], "and") || tok_is(&ss->toks[i - 1], "or")) &&
                mention_names_counterpart(ss, &ss->m[ss->mention_at[i + 1]]))
                continue;
            if (!resolve_pronoun(ss, i, cr, code, &who, &name)) continue;
        } else {
            continue;
        }
        syn_mention *m = &ss->m[ss->nm];
        memset(m, 0, sizeof *m);
        m->first = (uint32_t)i;
        m->last = (uint32_t)(i + len);
        syn_copy_code(m->code, code);
        m->flags = SYN_M_PRONOUN;
        m->referent = who;
        m->name_start = name.start;
        m->name_end = name.end;
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
            syn_copy_code(m->code, both[k]);
            m->flags = SYN_M_PRONOUN;
            ss->nm++;
        }
        ss->mention_at[i] = ss->mention_at[i + 1] = (int32_t)(ss->nm - 2);
        cr->korea_story = true;
    }
    mention_sort(ss);
}

static void coref_note_titles(const syn_sentence *ss, syn_coref *cr);

/* True when mention m names a business with its country ("British Airways", "Vietnam's
 * Bamboo Airways", "a Thai company"): BUS after a country, not a pronoun. */
static bool named_business(const syn_mention *m) {
    return !(m->flags & (SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) && strlen(m->code) == 6 && !strcmp(m->code + 3, "BUS") &&
           strncmp(m->code, "---", 3) != 0;
}

/* True when token t is a noun that names a firm as a whole ("the company", "the airline"),
 * not a place or person of business ("the factory", "the investor"). */
static bool firm_noun(const tok *t) {
    static const char *const firm[] = {"company",   "firm",         "airline",  "carrier",  "bank",
                                       "lender",    "insurer",      "operator", "exchange", "conglomerate",
                                       "corporation", "manufacturer", "automaker", "carmaker", "retailer"};
    for (size_t k = 0; k < sizeof firm / sizeof firm[0]; k++)
        if (tok_is(t, firm[k])) return true;
    return false;
}

/* "British Airways ... the airline said", "Dunamu's exchange ... The company added": a
 * definite business noun alone ("the company", "the airline", "the bank"), singular and
 * heading its phrase, is the business named last before it, in this sentence or within
 * COREF_TITLE_REACH sentences before; not the dateline's nor the sentence's other
 * country ("the airline" in a Bangkok story about British Airways is no Thai firm). */
void coref_apply_business(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex) {
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        if (!(m->flags & SYN_M_AGENT_ONLY) || m->actor || !m->agent || m->first == 0 || m->office_first != m->first ||
            m->office_last != m->last || strlen(m->code) != 6 || strcmp(m->code + 3, "BUS") ||
            !tok_is(&ss->toks[m->first - 1], "the") || (ss->toks[m->last - 1].tags & LEX_PLURAL))
            continue;
        if (m->last < ss->n && ss->toks[m->last].cls == TOK_WORD && ss->toks[m->last].pos == LEX_POS_NOUN) continue;
        if (!firm_noun(&ss->toks[m->last - 1])) continue; /* not "the factory", "the investor" */
        const char *code = NULL;
        for (size_t j = 0; j < k; j++)
            if (named_business(&ss->m[j])) code = ss->m[j].code;
        if (!code && cr->business[0] && ss->index >= cr->business_sentence &&
            ss->index - cr->business_sentence <= COREF_TITLE_REACH)
            code = cr->business;
        if (!code) continue;
        if (ex) buf_printf(ex, "  'the %s': the business named before: %s\n", ss->toks[m->last - 1].norm, code);
        syn_copy_code(m->code, code);
        m->flags &= ~SYN_M_AGENT_ONLY;
    }
}

/* True when pronoun mention m is "he" or "she" outside quotes: a subject that stands for
 * a person. */
static bool person_pronoun(const syn_sentence *ss, const syn_mention *m) {
    const tok *t = &ss->toks[m->first];
    return m->last == m->first + 1 && !ss->quoted[m->first] && (tok_is(t, "he") || tok_is(t, "she"));
}

void coref_update(const syn_sentence *ss, syn_coref *cr) {
    /* 5. Coreference state for later sentences. */
    bool person_set = false;
    /* A name no dictionary knows after the last person named: a later "he" may be that
     * one, so the story's person is forgotten. */
    uint32_t last_person = 0, first_person = UINT32_MAX;
    for (size_t k = 0; k < ss->nm; k++)
        if ((ss->m[k].flags & SYN_M_PERSON) && !(ss->m[k].flags & SYN_M_PRONOUN)) {
            last_person = ss->m[k].last;
            if (first_person == UINT32_MAX) first_person = ss->m[k].first;
        }
    /* Nor is the story's person the first one named where a name no dictionary knows is
     * the subject of a verb before it ("Mpofu argued that the Speaker had no authority to
     * write to Ramaphosa": a later "he" is Mpofu, not Ramaphosa). */
    bool stale = unknown_name_in(ss, last_person, ss->n) ||
                 (first_person != UINT32_MAX && unknown_subject_in(ss, 0, first_person));
    uint32_t last_thing = 0;
    bool free_thing = false; /* this sentence named a state or organisation after no preposition */
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        if (!strncmp(m->code, "KOR", 3) || !strncmp(m->code, "PRK", 3)) cr->korea_story = true;
        /* "he" or "she" that stands for the story's person, first and outside quotes:
         * that person is still the first the sentence names ('"...," she said after
         * meeting the Dutch prime minister. "...," she added': the speaker,
         * not the Dutchman) */
        if ((m->flags & SYN_M_PRONOUN) && !person_set && person_pronoun(ss, m) && cr->person[0] &&
            m->name_start == cr->person_start && m->name_end == cr->person_end)
            person_set = true;
        if (m->flags & SYN_M_PRONOUN) continue;
        if (!mention_is_outlet(ss, m)) coref_note_country(cr, m->code);
        if (m->flags & SYN_M_PERSON) {
            /* a person the words quoted name is not the story's person: '"Assad must go,"
             * he said. He added ...' */
            if (ss->quoted[m->first]) continue;
            if (!person_set) {
                syn_copy_code(cr->person, m->code);
                cr->person_actor = m->actor;
                cr->person_sentence = ss->index;
                cr->person_start = ss->toks[m->first].start;
                cr->person_end = ss->toks[m->last - 1].end;
            }
            person_set = true;
        } else if (!(m->flags & SYN_M_AGENT_ONLY) &&
                   (m->flags & (SYN_M_PLACE | SYN_M_AFTER_PREP)) != (SYN_M_PLACE | SYN_M_AFTER_PREP) &&
                   !(free_thing && (m->flags & SYN_M_AFTER_PREP)) && !plural_head(ss, m) && !modifier_only(ss, m)) {
            /* not a place after a preposition ("flights to Cyprus"): a later sentence's
             * "it" is its subject; nor an actor after a preposition where the sentence
             * named one outside any ("Turkey said ... that the PKK was responsible. It has
             * stated": Turkey, not the PKK it spoke of) */
            free_thing |= !(m->flags & SYN_M_AFTER_PREP);
            syn_copy_code(cr->thing, m->code);
            cr->thing_sentence = ss->index;
            cr->thing_start = ss->toks[m->first].start;
            cr->thing_end = ss->toks[m->last - 1].end;
            last_thing = m->last;
        }
        if (k > 0 && ss->m[k - 1].group == m->group) {
            syn_copy_code(cr->plural[0], ss->m[k - 1].code);
            syn_copy_code(cr->plural[1], m->code);
        }
    }
    if (stale) cr->person[0] = '\0';
    for (size_t k = 0; k < ss->nm; k++)
        if (named_business(&ss->m[k])) {
            syn_copy_code(cr->business, ss->m[k].code);
            cr->business_sentence = ss->index;
        }
    coref_note_titles(ss, cr);
    /* likewise a name no dictionary knows after the last state or organisation */
    if (cr->thing[0] && unknown_name_in(ss, last_thing, ss->n)) cr->thing[0] = '\0';
}

/* True when token u is a name no dictionary knows: a proper noun outside every mention,
 * capitalized, no acronym, title, month or weekday ("Mike", "Harlan"). */
static bool unknown_name_at(const syn_sentence *ss, size_t u) {
    if (u >= ss->n || ss->mention_at[u] >= 0) return false;
    const tok *p = &ss->toks[u];
    if (p->cls != TOK_WORD || !(p->flags & TOK_CAP) || (p->flags & TOK_ALLCAPS)) return false;
    return p->pos == LEX_POS_PROPER && !(p->tags & (LEX_TITLE | LEX_MONTH | LEX_WEEKDAY));
}

#define COREF_NAME_WORDS 5u /* words of a name no dictionary knows: "Abdul Sattar Hadi Al-Janabi" */
#define COREF_HONORIFICS 2u /* honorifics between an office and a name: "Ambassador Dr. ..." */
#define COREF_PORTFOLIO_WORDS 6u /* words of an office's portfolio: "of Interior and Municipalities" */

/* The last word of the name no dictionary knows that starts at token u (at most
 * COREF_NAME_WORDS words: "Mike Hammer" -> Hammer), or SIZE_MAX when none starts there. */
static size_t unknown_surname(const syn_sentence *ss, size_t u) {
    size_t e = u;
    while (e < ss->n && e < u + COREF_NAME_WORDS && unknown_name_at(ss, e)) e++;
    return e > u ? e - 1 : SIZE_MAX;
}

/* Token u past the portfolio an office names with "of" or "for" before its holder's
 * name ("Minister of Interior and Municipalities Bassam Mawlawi"): where a name of at
 * least two words no dictionary knows starts after capitalised words, "and" and "&"
 * (at most COREF_PORTFOLIO_WORDS); u itself when there is none. */
static size_t past_portfolio(const syn_sentence *ss, size_t u) {
    if (u >= ss->n || !(tok_is(&ss->toks[u], "of") || tok_is(&ss->toks[u], "for"))) return u;
    for (size_t v = u + 1; v < ss->n && v <= u + COREF_PORTFOLIO_WORDS; v++) {
        if (v > u + 1 && unknown_name_at(ss, v) && !unknown_name_at(ss, v - 1)) {
            /* the whole name, two words or more, and nothing capitalised after it */
            size_t e = unknown_surname(ss, v);
            if (e != SIZE_MAX && e > v && (e + 1 >= ss->n || !(ss->toks[e + 1].flags & TOK_CAP))) return v;
        }
        const tok *p = &ss->toks[v];
        if (!tok_is(p, "&") && (p->cls != TOK_WORD || !((p->flags & TOK_CAP) || tok_is(p, "and")))) return u;
    }
    return u;
}

/* Token u past the honorifics that stand there ("Dr.", "Mr", "Prof"), at most
 * COREF_HONORIFICS of them and none part of a mention: where a name starts. */
static size_t past_honorifics(const syn_sentence *ss, size_t u) {
    for (size_t k = 0; k < COREF_HONORIFICS && u < ss->n && ss->mention_at[u] < 0 &&
                       ss->toks[u].cls == TOK_WORD && (ss->toks[u].tags & LEX_TITLE);
         k++)
        u++;
    return u;
}

/* True when mention m's words after its office only name the office's country with "of"
 * ("Ambassador of Iraq", "Minister of Foreign Affairs of Oman"): the name that follows is
 * the holder's as it is after "Iraqi Ambassador". */
static bool office_of_country(const syn_sentence *ss, const syn_mention *m) {
    return m->office_last < m->last && tok_is(&ss->toks[m->office_last], "of") &&
           strncmp(m->code, "---", 3) != 0;
}

/* The office of mention m as words ("crown prince"), or "=" and the surname of token u
 * ("=hammer"); false when it does not fit. */
static bool title_key(const syn_sentence *ss, const syn_mention *m, size_t u, char key[COREF_TITLE_BYTES]) {
    size_t len = 0;
    if (u != SIZE_MAX) {
        const tok *t = &ss->toks[u];
        if ((size_t)t->norm_len + 2 > COREF_TITLE_BYTES) return false;
        key[0] = '=';
        memcpy(key + 1, t->norm, (size_t)t->norm_len);
        key[t->norm_len + 1] = '\0';
        return true;
    }
    for (uint32_t k = m->office_first; k < m->office_last; k++) {
        const tok *t = &ss->toks[k];
        if (t->cls != TOK_WORD) continue;
        if (len + (size_t)t->norm_len + 2 > COREF_TITLE_BYTES) return false;
        if (len) key[len++] = ' ';
        memcpy(key + len, t->norm, t->norm_len);
        len += t->norm_len;
    }
    key[len] = '\0';
    return len > 0;
}

/* True when the office of mention m names one holder now in office: an office of state
 * (GOV, MIL, LEG, JUD, COP, SPY), singular, not "a"/"an" ("an envoy" is anyone), not
 * "former". */
static bool one_holder(const syn_sentence *ss, const syn_mention *m) {
    static const char *const office[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"};
    if (m->office_last <= m->office_first || m->office_last > ss->n || !m->agent) return false;
    const char *gc = dict_actor_code(m->agent, ss->date);
    bool held = false;
    for (size_t k = 0; gc && !held && k < sizeof office / sizeof office[0]; k++)
        held = gc[0] == office[k][0] && !strcmp(gc, office[k]); /* the first letter first: most differ there */
    if (!held) return false; /* "the company", "the party": no office of one holder */
    if (ss->toks[m->office_last - 1].tags & LEX_PLURAL) return false;
    if (m->first > 0) {
        const tok *b = &ss->toks[m->first - 1];
        if (tok_is(b, "a") || tok_is(b, "an") || tok_is(b, "another")) return false;
    }
    return !mention_out_of_office(ss->toks, m->first, m->office_last);
}

static void note_title(syn_coref *cr, const char *key, const char *code, bool guess, bool holderless,
                       uint32_t sentence) {
    for (size_t i = 0; i < cr->n_titles; i++) {
        syn_title *t = &cr->titles[i];
        if (t->words[0] != key[0] || strcmp(t->words, key)) continue;
        if (strcmp(t->code, code)) {
            t->ambiguous = true;
        } else if (!guess) {
            t->guess = false;
        }
        if (!holderless) t->holderless = false;
        t->sentence = sentence;
        return;
    }
    syn_title *t = NULL;
    if (cr->n_titles < COREF_MAX_TITLES) {
        t = &cr->titles[cr->n_titles++];
    } else {
        /* full (a long live blog): an office out of reach is found no more, its slot is free */
        for (size_t i = 0; i < cr->n_titles && !t; i++)
            if (sentence - cr->titles[i].sentence > COREF_TITLE_REACH) t = &cr->titles[i];
        if (!t) return;
    }
    memset(t, 0, sizeof *t);
    memcpy(t->words, key, strlen(key) + 1);
    syn_copy_code(t->code, code);
    t->guess = guess;
    t->holderless = holderless;
    t->sentence = sentence;
}

/* The code of the office key names, NULL when none fits; *holderless (when not NULL)
 * says the story named the office only with its country. */
static const char *find_title(const syn_coref *cr, const char *key, uint32_t sentence, bool *holderless) {
    for (size_t i = 0; i < cr->n_titles; i++) {
        const syn_title *t = &cr->titles[i];
        if (t->words[0] != key[0] || strcmp(t->words, key)) continue;
        if (t->ambiguous || t->guess || sentence - t->sentence > COREF_TITLE_REACH || !strncmp(t->code, "---", 3))
            return NULL;
        if (holderless) *holderless = t->holderless;
        return t->code;
    }
    return NULL;
}

/* A monarch's title the dictionaries write as part of the name ("King Abdullah", "Emir
 * Tamim", "Sultan Haitham"): no agent of its own in the mention, but the office alone
 * later in the story ("the King") is that monarch. */
static bool monarch_title(const tok *t) {
    static const char *const w[] = {"king", "queen", "emir", "amir", "sultan"};
    if (t->cls != TOK_WORD || !(t->flags & TOK_CAP)) return false;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* True when the words from token u go on with a name: "on", "for" or "against" and a
 * capitalised word ("Congress on National Dialogue", "Council for Peace"). */
static bool name_goes_on(const syn_sentence *ss, size_t u) {
    if (u + 1 >= ss->n) return false;
    const tok *p = &ss->toks[u], *w = &ss->toks[u + 1];
    return (tok_is(p, "on") || tok_is(p, "for") || tok_is(p, "against")) && w->cls == TOK_WORD &&
           (w->flags & TOK_CAP) && !(w->tags & LEX_DET);
}

/* The surname of a name no dictionary knows, of two words or more, that office mention
 * m stands after as an apposition closed by a comma or the sentence's end ("Kwame
 * Mensah, Ghana's deputy finance minister, said", "..., said Kwame Mensah, the
 * Ghanaian finance minister."); SIZE_MAX when there is none. */
static size_t apposed_surname(const syn_sentence *ss, const syn_mention *m) {
    size_t f = m->first;
    if (f > 0 && tok_is(&ss->toks[f - 1], "the")) f--;
    if (f < 3 || !tok_punct_is(&ss->toks[f - 1], ',') || !unknown_name_at(ss, f - 2) || !unknown_name_at(ss, f - 3))
        return SIZE_MAX;
    size_t e = past_portfolio(ss, m->last);
    if (e < ss->n && !tok_punct_is(&ss->toks[e], ',') && !tok_punct_is(&ss->toks[e], '.')) return SIZE_MAX;
    return f - 2;
}

/* Remembers the offices this sentence names with their holder: an office right before a
 * person the dictionaries know ("Crown Prince Mohammed bin Salman", "President Tsai"), or
 * an office with its country right before a name they do not ("German Health Minister
 * Jens Spahn": the office, and the surname, "=spahn"). An office alone before a name no
 * dictionary knows ("President Lopez Obrador" where the name is not found) is someone
 * else of that office: it makes the office ambiguous, and codes nobody. */
static void coref_note_titles(const syn_sentence *ss, syn_coref *cr) {
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        /* "King Abdullah" (a monarch's entry, its title part of the name): "king", when
         * the dictionary places the monarch on the throne (GOV) at the story's date */
        if ((m->flags & SYN_M_PERSON) && !(m->flags & SYN_M_PRONOUN) && !m->agent && strlen(m->code) == 6 &&
            !strcmp(m->code + 3, "GOV") && strncmp(m->code, "---", 3)) {
            for (uint32_t u = m->first; u + 1 < m->last; u++) {
                const tok *t = &ss->toks[u];
                if (!monarch_title(t) || (size_t)t->norm_len + 1 > COREF_TITLE_BYTES) continue;
                char key[COREF_TITLE_BYTES];
                memcpy(key, t->norm, t->norm_len);
                key[t->norm_len] = '\0';
                note_title(cr, key, m->code, false, false, ss->index);
                break;
            }
        }
        if ((m->flags & SYN_M_PRONOUN) || !m->agent || !m->code[0] || !one_holder(ss, m)) continue;
        char key[COREF_TITLE_BYTES];
        bool known = strncmp(m->code, "---", 3) != 0;
        if (m->flags & SYN_M_TITLED) {
            if (!known) continue;
            if (title_key(ss, m, SIZE_MAX, key)) note_title(cr, key, m->code, false, false, ss->index);
            /* the name's last word, for "President Tshisekedi" after "President Felix
             * Tshisekedi" (a surname the dictionary gives no short form) */
            if (m->office_last < m->last && title_key(ss, m, m->last - 1, key))
                note_title(cr, key, m->code, false, false, ss->index);
            continue;
        }
        if (m->flags & SYN_M_PERSON || (m->office_last != m->last && !office_of_country(ss, m))) continue;
        size_t u = unknown_surname(ss, past_honorifics(ss, past_portfolio(ss, m->last)));
        if (u == SIZE_MAX) u = apposed_surname(ss, m);
        if (u == SIZE_MAX) {
            /* an office its own words give a country, with no name after it ("Turkey's
             * foreign minister", "Saudi Arabia's embassy"): the office alone later ("the
             * foreign minister", "the embassy") is that one; not a body whose name goes
             * on ("a Syrian Congress on National Dialogue" is a conference), nor the
             * police: "the police" alone are the scene's, not the last foreign force named */
            if (known && !(m->flags & SYN_M_AGENT_ONLY) && m->office_last == m->last && !name_goes_on(ss, m->last) &&
                strcmp(dict_actor_code(m->agent, ss->date), "COP") && title_key(ss, m, SIZE_MAX, key))
                note_title(cr, key, m->code, false, true, ss->index);
            continue;
        }
        if (!title_key(ss, m, SIZE_MAX, key)) continue;
        bool guess = !known || (m->flags & SYN_M_AGENT_ONLY);
        note_title(cr, key, m->code, guess, false, ss->index);
        if (!guess && title_key(ss, m, u, key)) note_title(cr, key, m->code, false, false, ss->index);
    }
}

void coref_apply_surnames(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex) {
    /* only in a story that remembers a surname (the few titles, not the tokens, first) */
    bool any = false;
    for (size_t k = 0; k < cr->n_titles && !any; k++) {
        const syn_title *t = &cr->titles[k];
        any = t->words[0] == '=' && !t->guess && !t->ambiguous && ss->index - t->sentence <= COREF_TITLE_REACH;
    }
    if (!any) return;
    size_t cap = 2 * (ss->n + 1); /* the mentions syntax.c allots */
    for (size_t i = 0; i < ss->n && ss->nm < cap; i++) {
        if (!unknown_name_at(ss, i)) continue;
        /* a name of several words is someone's full name, not the surname alone */
        if (i + 1 < ss->n && unknown_name_at(ss, i + 1)) {
            while (i + 1 < ss->n && unknown_name_at(ss, i + 1)) i++;
            continue;
        }
        size_t f = i;
        while (f > 0 && i - f < COREF_HONORIFICS && ss->mention_at[f - 1] < 0 && ss->toks[f - 1].cls == TOK_WORD &&
               (ss->toks[f - 1].tags & LEX_TITLE) && (ss->toks[f - 1].flags & TOK_CAP))
            f--;
        if (f > 0 && unknown_name_at(ss, f - 1)) continue;
        const tok *t = &ss->toks[i];
        if ((size_t)t->norm_len + 2 > COREF_TITLE_BYTES) continue;
        char key[COREF_TITLE_BYTES];
        key[0] = '=';
        memcpy(key + 1, t->norm, (size_t)t->norm_len);
        key[t->norm_len + 1] = '\0';
        const char *code = find_title(cr, key, ss->index, NULL);
        if (!code) continue;
        size_t k = 0;
        while (k < ss->nm && ss->m[k].first < f) k++;
        memmove(&ss->m[k + 1], &ss->m[k], (ss->nm - k) * sizeof ss->m[0]);
        ss->nm++;
        for (size_t u = 0; u < ss->n; u++)
            if (ss->mention_at[u] >= (int32_t)k) ss->mention_at[u]++;
        syn_mention *m = &ss->m[k];
        memset(m, 0, sizeof *m);
        m->first = (uint32_t)f;
        m->last = (uint32_t)(i + 1);
        syn_copy_code(m->code, code);
        m->flags = SYN_M_PERSON | SYN_M_TITLED;
        for (size_t u = f; u <= i; u++) ss->mention_at[u] = (int32_t)k;
        if (ex) buf_printf(ex, "  '%s': the surname of the office holder the story named earlier: %s\n", t->norm, code);
    }
}

void coref_apply_titles(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex) {
    if (!cr->n_titles) return;
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        if (!(m->flags & SYN_M_AGENT_ONLY) || m->actor || (m->flags & SYN_M_NAMED_BEFORE) || !one_holder(ss, m) ||
            m->office_last != m->last)
            continue;
        /* the office must head its phrase: not "the official stance" */
        if (m->last < ss->n && ss->toks[m->last].cls == TOK_WORD && ss->toks[m->last].pos == LEX_POS_NOUN) continue;
        char key[COREF_TITLE_BYTES];
        const char *code = NULL;
        bool holderless = false;
        size_t u = unknown_surname(ss, m->last);
        if (u != SIZE_MAX) {
            /* "Special Envoy Hammer": the holder named earlier with that name (not the
             * office's holder: "President Castillo" after another country's president) */
            if (title_key(ss, m, u, key)) code = find_title(cr, key, ss->index, NULL);
        } else if (m->first > 0 && tok_is(&ss->toks[m->first - 1], "the") && m->office_first == m->first) {
            /* "the Crown Prince": the office alone, definite */
            if (title_key(ss, m, SIZE_MAX, key)) code = find_title(cr, key, ss->index, &holderless);
        }
        if (!code) continue;
        if (holderless) {
            /* "the embassy" after "Saudi Arabia's embassy": that country's body, no person */
            if (ex) buf_printf(ex, "  '%s': the office the story named with its country earlier: %s\n", key, code);
            syn_copy_code(m->code, code);
            m->flags &= ~SYN_M_AGENT_ONLY;
            continue;
        }
        if (ex) buf_printf(ex, "  '%s': the office the story named with its holder earlier: %s\n", key, code);
        syn_copy_code(m->code, code);
        m->flags &= ~SYN_M_AGENT_ONLY;
        m->flags |= SYN_M_PERSON | SYN_M_TITLED;
    }
}
