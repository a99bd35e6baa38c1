/* mention.c: actor mentions: dictionary hits glued into noun phrases and composed into
 * one code each ("South Korea's new president" -> KORGOV), their governing prepositions,
 * compound groups, and the codes that depend on the sentence around them. */
#include "coder_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool is_country_code(const char *code) {
    /* Three letters and nothing after: a bare country (or region) code. */
    return strlen(code) == 3 && code[0] >= 'A' && code[0] <= 'Z' && strcmp(code, "---") != 0;
}

/* True when the folded name k (ASCII lower case) is a country, a region or a city of
 * at least MENTION_MIN_PLACE_POP people in the gazetteer: a name readers know as a place
 * ("Lagos", "Austin"), not a village that shares a surname ("Bush"). */
/* True when tokens [first, last) hold "donor" or "donors" ("donors", "donor countries",
 * "the donor group"): givers of aid to another country than their own. */
static bool donor_words(const tok *toks, uint32_t first, uint32_t last) {
    for (uint32_t u = first; u < last; u++)
        if (tok_is(&toks[u], "donor") || tok_is(&toks[u], "donors")) return true;
    return false;
}

#define MENTION_MIN_PLACE_POP 100000u
#define MENTION_MAX_PLACE_KEY 64u /* the longest place name mention_is_city looks up, in bytes */
#define MENTION_MAX_POSSESSED_NOUNS 3u /* "in Kenya's capital city Nairobi": nouns between owner and name */
static bool is_known_place(const char *k) {
    size_t lo = 0, hi = geodata_n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(geodata_str + geodata_keys[mid].key, k) < 0) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < geodata_n_keys && !strcmp(geodata_str + geodata_keys[i].key, k); i++) {
        const geo_place *p = &geodata_places[geodata_keys[i].place];
        if (p->kind != DYAD_GEO_CITY || p->pop >= MENTION_MIN_PLACE_POP) return true;
    }
    return false;
}

/* A short form of a person ("Putin", "Erdogan") that no earlier full name in the story
 * explains, at tokens [i, i + k): the index in sh[0, nh) of the one person it names, or
 * nh with *why set. It names someone when it is capitalised, is no word of the lexicon
 * ("May") nor a known place ("Lagos"), and either one dictionary
 * person alone bears it or exactly one of those who do holds a dated office on the
 * sentence's date. An open-class word ("Trump", "Macron") is a name only where its capital
 * is not the sentence's, the headline's or a quotation's. */
/* True when every person of the nh who share a short form carries one code on the
 * sentence's date (with no date, the code of the latest office): "President Bush" in a
 * story with no date was USAGOV whichever Bush it was, so the name gives that code
 * though it names no one person. */
static bool one_code(const syn_sentence *ss, const dict_actor *const *sh, size_t nh) {
    const char *c0 = NULL;
    for (size_t h = 0; h < nh; h++) {
        const char *c = ss->date ? dict_actor_code(sh[h], ss->date) : dict_actor_code_latest(sh[h]);
        if (!c || (c0 && strcmp(c, c0))) return false;
        c0 = c;
    }
    return c0 != NULL;
}

static size_t bare_surname(const syn_sentence *ss, size_t i, size_t k, const dict_actor *const *sh, size_t nh,
                           const char **why) {
    *why = "no person of that name earlier in the story";
    if (!nh || !(ss->toks[i].flags & TOK_CAP)) return nh;
    bool strict = (ss->toks[i].flags & (TOK_FIRST | TOK_ALLCAPS)) ||
                  (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) || (i > 0 && ss->toks[i - 1].cls == TOK_QUOTE);
    char key[64];
    size_t o = 0;
    for (size_t j = i; j < i + k; j++) {
        const tok *t = &ss->toks[j];
        if (t->cls != TOK_WORD) return nh;
        uint32_t tags = lex_lookup(t->norm, t->norm_len, NULL);
        /* a closed-class word, a month or a day is never a bare name ("May"); an open-
         * class word is one only where its capital says so: inside a sentence, not at
         * its start or in a headline ("Trump", "Macron" in "said Macron") */
        uint32_t open_class = LEX_NOUN | LEX_VERB | LEX_ADJ | LEX_ADV | LEX_PLURAL | LEX_PROPER;
        bool word = (tags & LEX_PROPER) ? (tags & ~(uint32_t)(LEX_PROPER | LEX_NOUN | LEX_PLURAL)) != 0 : tags != 0;
        if (word && ((tags & ~open_class) || strict)) {
            *why = "a word of the lexicon, not only a name";
            return nh;
        }
        for (size_t b = 0; b < t->norm_len; b++) {
            unsigned char ch = (unsigned char)t->norm[b];
            if (ch >= 0x80 || o + 2 >= sizeof key) return nh; /* not ASCII: no guard, no guess */
            key[o++] = (char)ch;
        }
        key[o++] = ' ';
    }
    key[o - 1] = '\0';
    if (is_known_place(key)) {
        *why = "also the name of a place";
        return nh;
    }
    if (nh == 1) return 0;
    size_t one = nh;
    for (size_t h = 0; h < nh; h++) {
        if (!dict_actor_active(sh[h], ss->date)) continue;
        if (one < nh) {
            *why = "several people of that name hold office on the date";
            return one_code(ss, sh, nh) ? 0 : nh;
        }
        one = h;
    }
    if (one == nh) {
        *why = "several people of that name, none in office on the date";
        if (one_code(ss, sh, nh)) return 0;
    }
    return one;
}

/* True when token u is a capitalised name no lexicon knows: not a title, month or
 * weekday, not an acronym, no word of the lexicon ("Yesterday", "Western"). */
static bool unknown_name(const syn_sentence *ss, size_t u) {
    const tok *p = &ss->toks[u];
    if (p->cls != TOK_WORD || !(p->flags & TOK_CAP) || (p->flags & TOK_ALLCAPS)) return false;
    if (p->tags & (LEX_TITLE | LEX_MONTH | LEX_WEEKDAY)) return false;
    uint32_t tags = lex_lookup(p->norm, p->norm_len, NULL);
    return (tags & LEX_PROPER) ? (tags & ~(uint32_t)(LEX_PROPER | LEX_NOUN | LEX_PLURAL)) == 0 : tags == 0;
}

/* The most words a person's name no dictionary knows runs to ("Mohammed Abdul Karim
 * Parvez"); a longer run of capitalised words is an organisation's or a headline's. */
#define MENTION_PERSON_NAME_WORDS 4u

/* True when t is a verb of legal action whose object is the person acted on: arrested,
 * detained, charged, sentenced, jailed, indicted... */
static bool legal_action_verb(const tok *t) {
    static const char *const v[] = {"arrest", "detain", "charge", "sentence", "jail", "imprison",
                                    "indict", "convict", "apprehend", "nab", "prosecute"};
    if (t->cls != TOK_WORD || !(t->tags & LEX_VERB) || !t->lemma) return false;
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) /* the first letter first: most verbs differ there */
        if (t->lemma[0] == v[k][0] && !strcmp(t->lemma, v[k])) return true;
    return false;
}

/* Token u past the words that describe a person before the name in a legal action:
 * an age ("30-year-old Otieno Wafula") or "accused" with "the" and "key", "main",
 * "prime" or "chief" before it ("arrested key accused Otieno Wafula"); u itself when
 * there are none. */
static size_t past_person_description(const syn_sentence *ss, size_t u) {
    const tok *t = ss->toks;
    size_t n = ss->n;
    if (u + 3 < n && t[u].cls == TOK_NUMBER && tok_is(&t[u + 1], "year") && tok_is(&t[u + 2], "old") &&
        (t[u + 1].flags & TOK_JOINED) && (t[u + 2].flags & TOK_JOINED))
        return u + 3;
    size_t v = u;
    if (v < n && tok_is(&t[v], "the")) v++;
    if (v < n && (tok_is(&t[v], "key") || tok_is(&t[v], "main") || tok_is(&t[v], "prime") || tok_is(&t[v], "chief")))
        v++;
    return v + 1 < n && tok_is(&t[v], "accused") ? v + 1 : u;
}

/* True when token u opens a hyphenated given name after a family name: "Sang-hyun" in
 * "Yoon Sang-hyun", "Young-se": a capitalised word joined to a lower-case one that is no
 * participle ("Kremlin-backed", "Saudi-led" are no names). */
static bool hyphenated_given_name(const syn_sentence *ss, size_t u) {
    if (u + 1 >= ss->n) return false;
    const tok *p = &ss->toks[u], *q = &ss->toks[u + 1];
    if (p->cls != TOK_WORD || !(p->flags & TOK_CAP) || (p->flags & TOK_ALLCAPS) || (p->tags & LEX_TITLE)) return false;
    if (q->cls != TOK_WORD || !(q->flags & TOK_JOINED) || (q->flags & (TOK_CAP | TOK_ALLCAPS))) return false;
    return !(q->tags & (LEX_PAST | LEX_GERUND));
}

/* True when the words from token u are an organisation's name that one of its words
 * closes within four capitalized words ("Zihuatanejo Hotel Association", "Chinese
 * Association of Asian Studies", "Rabbinical Council of America"). */
static bool org_name_from(const syn_sentence *ss, size_t u) {
    static const char *const org[] = {"association", "union", "club", "federation", "foundation", "institute",
                                      "university", "college", "society", "league", "chamber", "company",
                                      "corporation", "group", "bank", "board", "network", "organisation",
                                      "organization", "alliance", "movement", "church", "school", "academy",
                                      "centre", "center", "forum", "trust"};
    for (size_t w = u + 1; w < ss->n && w <= u + 4 && ss->toks[w].cls == TOK_WORD && (ss->toks[w].flags & TOK_CAP);
         w++)
        for (size_t k = 0; k < sizeof org / sizeof org[0]; k++)
            if (tok_is(&ss->toks[w], org[k])) return true;
    return false;
}

/* True when the capitalized words right after token `last` (at most three, names all)
 * end in a word that closes the name of a newspaper, news agency or broadcaster: "the
 * Jordan Times", "the New York Times", "Agence France-Presse", "the Saudi Press Agency",
 * "French TV". A place or nationality in such a name is part of it, no actor: a
 * statement told to the paper has no target there, and what the paper reports is the
 * outlet's, not its country's. */
static bool media_name_after(const syn_sentence *ss, size_t last) {
    static const char *const media[] = {"times", "post", "press", "presse", "news", "journal", "gazette",
                                        "herald", "tribune", "telegraph", "observer", "chronicle", "daily",
                                        "tv", "television", "radio", "broadcasting", "broadcaster"};
    size_t end = last;
    while (end < ss->n && end < last + 3 && ss->toks[end].cls == TOK_WORD && (ss->toks[end].flags & TOK_CAP) &&
           ss->toks[end].pos == LEX_POS_PROPER)
        end++;
    if (end == last) return false;
    const tok *w = &ss->toks[end - 1];
    /* "the Saudi Press Agency", "the Kuwait News Agency" */
    if (tok_is(w, "agency") && end - 1 > last) w = &ss->toks[end - 2];
    for (size_t k = 0; k < sizeof media / sizeof media[0]; k++)
        if (tok_is(w, media[k])) return end >= ss->n || !(ss->toks[end].flags & TOK_CAP);
    return false;
}

/* True when the word before token i is a given name ("Shiraz" in "Shiraz Maher",
 * "Asma" in "Asma Assad"): an unknown_name, not the end of an agent (covered_to); a
 * place of that name is a given name here. A short form after a given name names
 * another person than the dictionary's; so does one followed by an unknown_name ("Kim
 * Kang-lip", "Lee Sang-min": family name first). */
static bool first_name_before(const syn_sentence *ss, size_t i, uint32_t covered_to) {
    if (i == 0 || covered_to == i) return false;
    /* "Majed bin Bandar": a name after "bin" is the father's, in another person's name */
    const tok *b = &ss->toks[i - 1];
    if (i >= 2 && (tok_is(b, "bin") || tok_is(b, "ibn") || tok_is(b, "bint")) && unknown_name(ss, i - 2)) return true;
    return unknown_name(ss, i - 1);
}

/* Remembers token t, a short form of a dictionary person or a place, as part of the
 * name of someone no dictionary knows: the same word alone later names that person. */
static void note_other_name(syn_coref *cr, const tok *t) {
    if ((size_t)t->norm_len + 1 > COREF_NAME_BYTES || cr->n_other_names >= COREF_OTHER_NAMES) return;
    for (size_t q = 0; q < cr->n_other_names; q++)
        if (strlen(cr->other_names[q]) == t->norm_len && !memcmp(cr->other_names[q], t->norm, t->norm_len)) return;
    memcpy(cr->other_names[cr->n_other_names], t->norm, t->norm_len);
    cr->other_names[cr->n_other_names++][t->norm_len] = '\0';
}

/* True when token t is a generation after a family name ("Marcos Jr", "Jnr"): the
 * name is the family's, perhaps the dictionary's person. */
static bool generation_suffix(const tok *t) {
    return tok_is(t, "jr") || tok_is(t, "jnr") || tok_is(t, "sr") || tok_is(t, "snr") || tok_is(t, "ii") ||
           tok_is(t, "iii");
}

/* Keeps token t, an acronym the story glossed as another body than the dictionary's. */
static void note_other_acronym(syn_coref *cr, const tok *t) {
    if ((size_t)t->norm_len + 1 > COREF_NAME_BYTES || cr->n_other_acronyms >= COREF_OTHER_NAMES) return;
    memcpy(cr->other_acronyms[cr->n_other_acronyms], t->norm, t->norm_len);
    cr->other_acronyms[cr->n_other_acronyms++][t->norm_len] = '\0';
}

/* True when token t is an acronym note_other_acronym kept. */
static bool other_acronym(const syn_coref *cr, const tok *t) {
    for (size_t q = 0; q < cr->n_other_acronyms; q++)
        if (strlen(cr->other_acronyms[q]) == t->norm_len && !memcmp(cr->other_acronyms[q], t->norm, t->norm_len))
            return true;
    return false;
}

/* True when token t, alone, is a name note_other_name kept. */
static bool other_name(const syn_coref *cr, const tok *t) {
    for (size_t q = 0; q < cr->n_other_names; q++)
        if (strlen(cr->other_names[q]) == t->norm_len && !memcmp(cr->other_names[q], t->norm, t->norm_len)) return true;
    return false;
}

/* True when token t is a country's name in the gazetteer ("China", "Bangladesh"). */
static bool is_country_name(const tok *t) {
    for (uint32_t c = 0; c < geodata_n_countries; c++) {
        const char *name = geodata_str + geodata_places[c].name;
        if (strlen(name) == t->norm_len && !strncasecmp(name, t->norm, t->norm_len)) return true;
    }
    return false;
}

/* A piece: one dictionary hit inside a sentence. */
typedef struct piece {
    uint32_t first, last;
    const dict_actor *a;
    int kind; /* DICT_ACTOR or DICT_AGENT */
    bool bare; /* a bare surname taken without the full name earlier */
} piece;

/* True when piece q is a word of country (an adjective) right before a named group of
 * one plural word ("the Syrian Kurds"): the country only describes the group, and an
 * office "of" them is the group's, not the country's. */
static bool modifies_group(const syn_sentence *ss, const piece *pc, size_t np, size_t q) {
    if (q + 1 >= np || pc[q + 1].first != pc[q].last || pc[q + 1].kind != DICT_ACTOR || pc[q].last != pc[q].first + 1)
        return false;
    const tok *a = &ss->toks[pc[q].first], *g = &ss->toks[pc[q + 1].last - 1];
    return (a->tags & LEX_ADJ) && !(ss->toks[pc[q + 1].first].tags & LEX_ADJ) && pc[q + 1].last == pc[q + 1].first + 1 &&
           (g->tags & LEX_PLURAL);
}

/* True when token t is the one punctuation mark ch. */
static bool punct_is(const tok *t, char ch) {
    return t->cls != TOK_WORD && t->norm_len == 1 && t->norm[0] == ch;
}

/* Words of a bracketed gloss before or after its agent ("(Party of God)"). */
#define SYN_GLOSS_WORDS 4

/* True when agent piece q lies in round brackets that open right after an actor piece:
 * "Hizbollah (Party of God)", "Ansar Allah (Partisans of God)". */
static bool gloss_of_name(const syn_sentence *ss, const piece *pc, size_t q) {
    uint32_t o = pc[q].first;
    while (o > 0 && ss->toks[o - 1].cls == TOK_WORD && o + SYN_GLOSS_WORDS > pc[q].first) o--;
    if (o < 2 || q == 0 || !punct_is(&ss->toks[o - 1], '(')) return false;
    const piece *b = &pc[q - 1];
    if (b->kind != DICT_ACTOR || b->last != o - 1) return false;
    uint32_t c = pc[q].last;
    while (c < ss->n && ss->toks[c].cls == TOK_WORD && c < pc[q].last + SYN_GLOSS_WORDS) c++;
    return c < ss->n && punct_is(&ss->toks[c], ')');
}

/* True when token u is a capitalised word inside a sentence that no piece covers: a word
 * of a name no dictionary knows ("Put", "First"), not a title, month or day. */
static bool bare_capital(const syn_sentence *ss, const piece *pc, size_t np, size_t u) {
    const tok *t = &ss->toks[u];
    if (t->cls != TOK_WORD || t->pos != LEX_POS_PROPER || (t->flags & TOK_ALLCAPS) ||
        (t->tags & (LEX_TITLE | LEX_MONTH | LEX_WEEKDAY)))
        return false;
    for (size_t k = 0; k < np; k++)
        if (pc[k].first <= u && u < pc[k].last) return false;
    return true;
}

/* True when piece q (a country or nationality) stands between two such capitalised words
 * inside a sentence, the first not its opening word: "Members of Put South Africans
 * First marched". */
static bool inside_name(const syn_sentence *ss, const piece *pc, size_t np, size_t q) {
    uint32_t f = pc[q].first, l = pc[q].last;
    if (f < 2 || l >= ss->n) return false;
    const tok *b = &ss->toks[f - 2];
    if (b->cls != TOK_WORD) return false; /* after punctuation or a quote mark: any word has a capital */
    return bare_capital(ss, pc, np, f - 1) && bare_capital(ss, pc, np, l);
}

/* True when t, right after "the West", makes it a place's name or a direction: a
 * capitalised word ("the West Coast", "the West Garo Hills") or a singular common noun
 * ("the west gate", "the west bank of the river"); not a plural or verb ("the west
 * fears", "the west warned") nor a possessive. */
static bool west_of_a_place(const tok *t) {
    if (t->cls != TOK_WORD || (t->flags & TOK_ALLCAPS)) return false;
    if (t->flags & TOK_CAP) /* (not a headline's capitalised "Over", "Of", "Will") */
        return !(t->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_AUX | LEX_MODAL | LEX_DET | LEX_PRON | LEX_REL)) &&
               t->pos != LEX_POS_VERB;
    return t->pos == LEX_POS_NOUN && !(t->tags & LEX_PLURAL);
}

#define MENTION_MAX_PREDICATE_ADVERBS 2u /* "were mostly Venezuelan", "are not all Afghan" */

/* True when piece q, one nationality word ("Venezuelan", "Afghans"), follows a form of
 * "be" (adverbs between) and ends the phrase: "the victims were Venezuelan", "most of the
 * dead are Afghans". Not a country's own name ("the winner was Russia") nor one that
 * opens a noun phrase ("were Venezuelan nationals", "is Russia's ally"). */
static bool nationality_predicate(const syn_sentence *ss, const piece *pc, size_t q) {
    uint32_t f = pc[q].first, l = pc[q].last;
    const tok *t = &ss->toks[f];
    if (l != f + 1 || !(t->tags & (LEX_ADJ | LEX_PLURAL))) return false;
    if (l < ss->n) {
        const tok *a = &ss->toks[l];
        if (a->cls == TOK_POSS) return false;
        if (a->cls == TOK_WORD && (a->tags & (LEX_NOUN | LEX_PROPER)) &&
            !(a->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_ADV)))
            return false;
    }
    uint32_t b = f, adverbs = 0;
    while (b > 0 && adverbs <= MENTION_MAX_PREDICATE_ADVERBS && ss->toks[b - 1].cls == TOK_WORD &&
           (ss->toks[b - 1].tags & (LEX_ADV | LEX_NEG)) && !tok_is_be(&ss->toks[b - 1]))
        b--, adverbs++;
    return b > 0 && adverbs <= MENTION_MAX_PREDICATE_ADVERBS && tok_is_be(&ss->toks[b - 1]);
}

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

static bool company_name_word(const tok *t);

/* True when token t is a word that closes the name of an organisation the dictionaries
 * lack and is an agent only there (data/agents.txt: "the National Water Resources
 * Committee", "the Anti-Corruption Bureau", "Bahri Logistics"): "the committee", "the
 * Commission said" name no body of their own. First letter and length before the
 * compare: this is asked of every agent piece. */
static bool name_head(const tok *t) {
    static const char *const w[] = {"commission", "committee", "bureau", "directorate", "inspectorate",
                                    "logistics", "industries", "enterprises", "shipping"};
    if (t->cls != TOK_WORD || t->norm_len < 6 || t->norm_len > 12) return false;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (t->norm[0] == w[k][0] && tok_is(t, w[k])) return true;
    return false;
}

/* True when agent piece q is a name_head in the name it closes: capitalised, outside a
 * headline (whose words are all capitalised), right after a capitalised word of a name
 * (company_name_word: no title, no function word), no other body's word ("the PTI Core
 * Committee", "House of Representatives Appropriations Committee"). */
static bool closes_name(const syn_sentence *ss, const piece *pc, size_t np, size_t q) {
    size_t f = pc[q].first;
    const tok *t = &ss->toks[f], *b = f > 0 ? &ss->toks[f - 1] : NULL;
    if (!(t->flags & TOK_CAP) || (t->flags & TOK_ALLCAPS) || !b || !company_name_word(b)) return false;
    if (ss->story->sentences[ss->index].flags & DYAD_SENT_HEADLINE) return false;
    /* "the National Security Committee of the parliament": a body of the body after it */
    if (q + 1 < np && pc[q + 1].kind == DICT_AGENT && f + 3 == pc[q + 1].first && tok_is(&ss->toks[f + 1], "of") &&
        tok_is(&ss->toks[f + 2], "the") && !(ss->toks[f + 3].flags & TOK_CAP))
        return false;
    /* an acronym no dictionary knows opening the name: its body's ("the PTI Core
     * Committee", "ASUU officials": office_of_unknown) */
    for (size_t u = f - 1; u + 3 >= f && ss->toks[u].cls == TOK_WORD && (ss->toks[u].flags & TOK_CAP); u--) {
        if ((ss->toks[u].flags & TOK_ALLCAPS) && ss->toks[u].norm_len >= 2 &&
            !(q > 0 && pc[q - 1].first <= u && u < pc[q - 1].last))
            return false;
        if (u == 0) break;
    }
    /* the piece before, with capitalised words at most three between: a body's name
     * closed by its own word ("PTI Core Committee" is the party's, "House of
     * Representatives Appropriations Committee" the house's); only a country or place
     * lends the name its country, and not one of two ("the Algeria-Venezuela Joint
     * Commission" is both states') */
    bool near = q > 0 && pc[q - 1].last + 3 >= f;
    for (size_t u = near ? pc[q - 1].last : f; u < f && near; u++)
        if (!company_name_word(&ss->toks[u])) near = false;
    if (near) {
        if (pc[q - 1].kind != DICT_ACTOR || (ss->toks[pc[q - 1].first].flags & TOK_JOINED)) return false;
        const char *c = dict_actor_code(pc[q - 1].a, ss->date);
        return c && is_country_code(c) && !dict_actor_is_person(pc[q - 1].a);
    }
    /* a committee with neither: a party's, a parliament's, a festival's ("the Core
     * Committee", "the Infrastructure Committee"); "National" makes it the state's */
    if (tok_is(t, "committee")) {
        for (size_t u = f; u-- > 0 && u + 4 >= f && company_name_word(&ss->toks[u]);)
            if (tok_is(&ss->toks[u], "national")) return true;
        return false;
    }
    return true;
}

/* True when piece q, a place or country, opens the name of a body that the name_head
 * piece after it closes, capitalised words between ("the Kenya Capital Markets
 * Commission", "Bahri Logistics"): the name is the body's, not the place's. */
static bool opens_body_name(const syn_sentence *ss, const piece *pc, size_t np, size_t q) {
    if (q + 1 >= np || pc[q].kind != DICT_ACTOR || pc[q + 1].kind != DICT_AGENT ||
        pc[q + 1].last != pc[q + 1].first + 1 || pc[q + 1].first > pc[q].last + 3 ||
        !name_head(&ss->toks[pc[q + 1].first]))
        return false;
    for (size_t t = pc[q].last; t < pc[q + 1].first; t++)
        if (!company_name_word(&ss->toks[t])) return false;
    return true;
}

/* True when piece pc is a business agent written as the last word of a company's name
 * ("Bamboo Airways", "Hyundai Motors", "Hanwha Corp"): capitalised in the sentence. */
static bool company_agent(const syn_sentence *ss, const piece *pc) {
    if (pc->kind != DICT_AGENT || !(ss->toks[pc->first].flags & TOK_CAP) || pc->first == 0) return false;
    /* (so does the closing word of another organisation's name: "China Securities
     * Regulatory Commission", kept by closes_name) */
    if (pc->last == pc->first + 1 && name_head(&ss->toks[pc->first])) return true;
    const char *gc = dict_actor_code(pc->a, ss->date);
    return gc && !strcmp(gc, "BUS");
}

/* True when token t may be a word of a company's name before its closing word: a
 * capitalised word that is no function word ("Vietnam's Bamboo Airways", "Japan's
 * Nippon Steel Corp"); the country before the name is the company's. */
static bool company_name_word(const tok *t) {
    if (t->cls != TOK_WORD || !(t->flags & TOK_CAP)) return false;
    return !(t->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL | LEX_AUX | LEX_MODAL | LEX_PRON | LEX_SAY |
                        LEX_DET | LEX_TITLE | LEX_MONTH | LEX_WEEKDAY));
}

/* True when a word in tokens [from, to) says that the office after it is no longer held:
 * "former President", "ex-minister", "the late King", "ousted President". */
bool mention_out_of_office(const tok *toks, size_t from, size_t to) {
#define W(s) {s, sizeof s - 1}
    /* with their lengths: a token is compared only with the words of its length (this is
     * asked for every office of every mention) */
    static const struct {
        const char *w;
        size_t n;
    } w[] = {W("former"), W("ex"), W("late"), W("ousted"), W("deposed"), W("toppled"), W("exiled"),
             W("then"), W("onetime"), W("one-time"), W("erstwhile"), W("retired"), W("disgraced")};
#undef W
    /* ... and by their first letters (d e f l o r t), a bit each: most tokens start with none */
    const uint32_t first = 1u << ('d' - 'a') | 1u << ('e' - 'a') | 1u << ('f' - 'a') | 1u << ('l' - 'a') |
                           1u << ('o' - 'a') | 1u << ('r' - 'a') | 1u << ('t' - 'a');
    size_t f = from >= 2 ? from - 2 : 0;
    for (size_t u = f; u < to; u++) {
        const tok *t = &toks[u];
        if (t->cls != TOK_WORD) continue;
        unsigned c = (unsigned char)t->norm[0] - 'a';
        if (c >= 26u || !(first >> c & 1u)) continue;
        for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
            if (t->norm_len == w[k].n && !memcmp(t->norm, w[k].w, w[k].n)) return true;
    }
    return false;
}

/* True for the sector of an office a person holds: government, military, legislature,
 * judiciary, police, intelligence. */
static bool office_sector(const char *code) {
    static const char *const w[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (!strcmp(code, w[k])) return true;
    return false;
}

/* A community actor's code with its agents, as TABARI and PETRARCH compose it: a prefix
 * agent (NGO~) before the whole actor code, the others after it ("MSF Arnor diplomat"
 * NGO + ARN + GOV; "West German world government" GMWGOV + WGO), less the blocks the
 * actor's code already has. */
static const char *compose_community(const char *ac, const char *g1, const char *g2,
                                     char out[DYAD_MAX_CODE_BYTES]) {
    char pre[DYAD_MAX_CODE_BYTES] = "", post[DYAD_MAX_CODE_BYTES] = "";
    const char *g[2] = {g1, g2};
    for (int i = 0; i < 2; i++) {
        if (!g[i]) continue;
        const char *a = g[i];
        while (*a == '~') a++;
        size_t al = strlen(a);
        if (al > 1 && a[al - 1] == '~') {
            snprintf(pre + strlen(pre), sizeof pre - strlen(pre), "%.*s", (int)(al - 1), a);
            continue;
        }
        /* a block the actor's code already has is not repeated (USAGOV + GOV is USAGOV) */
        for (size_t b = 0; b + 3 <= al; b += 3) {
            bool have = false;
            for (size_t q = 0; q + 3 <= strlen(ac) && !have; q += 3) have = !strncmp(ac + q, a + b, 3);
            if (!have) snprintf(post + strlen(post), sizeof post - strlen(post), "%.3s", a + b);
        }
    }
    snprintf(out, DYAD_MAX_CODE_BYTES, "%s%s%s", pre, ac, post);
    return out;
}

/* The most capitalised words of an office's name between "shadow" and the office noun
 * ("Shadow International Development Secretary"). */
#define MENTION_MAX_SHADOW_NAME_WORDS 3u

/* True when "shadow" stands before the office whose first token is agent_first, right
 * before it or before capitalised words of the office's name: "the shadow home
 * secretary", "Shadow International Development Secretary", "a shadow cabinet", "a
 * shadow government". In Westminster systems the opposition names one of its own for
 * each office; a shadow government is an opposition's too. Not "in the shadow of the
 * President" ("of" is no word of a name). */
static bool shadow_office(const tok *toks, uint32_t agent_first) {
    for (uint32_t k = 1; k <= MENTION_MAX_SHADOW_NAME_WORDS + 1 && k <= agent_first; k++) {
        const tok *t = &toks[agent_first - k];
        if (t->cls != TOK_WORD) return false;
        if (tok_is(t, "shadow")) return true;
        if (!(t->flags & TOK_CAP) || (t->tags & (LEX_PREP | LEX_CONJ | LEX_DET | LEX_PRON))) return false;
    }
    return false;
}

/* The sector an agent gives, "ELI" for an office no longer held: "a former
 * intelligence chief", "ex-ministers" are elites, as former officials are in CAMEO. */
static const char *agent_sector(const tok *toks, uint32_t from, uint32_t agent_first, const char *gc) {
    static const char *const past[] = {"former", "ex", "retired", "onetime", "one-time", "erstwhile"};
    if (!gc || !office_sector(gc)) return gc;
    if (shadow_office(toks, agent_first)) return "OPP";
    /* not "the then government" (in office then), nor a body: "the former
     * administration" is still a government */
    static const char *const body[] = {"government", "administration", "regime", "cabinet", "authorities",
                                       "ministry", "parliament", "assembly", "council", "army", "forces"};
    for (size_t k = 0; k < sizeof body / sizeof body[0]; k++)
        if (tok_is(&toks[agent_first], body[k])) return gc;
    size_t f = from >= 2 ? from - 2 : 0;
    for (size_t u = f; u < agent_first; u++)
        for (size_t k = 0; k < sizeof past / sizeof past[0]; k++)
            if (tok_is(&toks[u], past[k])) return "ELI";
    return gc;
}

/* True when code is a party's (its last block PTY or OPP: "KORPTY", "GBROPP"). */
static bool party_code(const char *code) {
    size_t l = strlen(code);
    return l >= 6 && (!strcmp(code + l - 3, "PTY") || !strcmp(code + l - 3, "OPP"));
}

/* True when token t, the last word of a government role, names an office a party has
 * too: its leader, officials, president, chief, secretary, chairman ("an ANC official",
 * "a local Awami League leader", "the BJP president"). Not a government's body or
 * minister: "the ANC government", "a BJP minister" are the state's. */
static bool party_office(const tok *t) {
    static const char *const w[] = {"leader", "leadership", "official", "president", "chief", "secretary",
                                    "chairman", "chairwoman", "chairperson", "boss"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_lemma_is(t, w[k]) || tok_is(t, w[k])) return true;
    return false;
}

/* True when token t names a spokesperson ("spokesman", "spokeswomen", "spokesperson"). */
static bool spokesperson(const tok *t) {
    return t->cls == TOK_WORD && t->norm_len >= 9 && !memcmp(t->norm, "spokes", 6);
}

/* True for the code of an armed group outside a state's command: rebels, insurgents,
 * separatists, militias, an international militant group. Its commanders and leaders
 * are the group's, not a state's military or government. */
static bool armed_group(const char *code) {
    static const char *const w[] = {"REB", "INS", "SEP", "UAF"};
    if (!strncmp(code, "IMG", 3)) return true;
    for (size_t i = 3; i + 3 <= strlen(code); i += 3)
        for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
            if (!strncmp(code + i, w[k], 3)) return true;
    return false;
}

/* True for an agent's sector of armed people outside a state's command ("fighters" REB,
 * "militants" INS, "gunmen" UAF, "separatists" SEP). */
static bool armed_sector(const char *gc) {
    return !strcmp(gc, "REB") || !strcmp(gc, "INS") || !strcmp(gc, "SEP") || !strcmp(gc, "UAF");
}

/* True when the agent at token u is "proxy ..." or "proxies": the country before it
 * sponsors the force and is not its country. */
static bool proxy_of(const tok *toks, uint32_t u) {
    return tok_is(&toks[u], "proxy") || tok_is(&toks[u], "proxies");
}

/* Builds the mention for the pieces [p0, p1) with token span [first, last); alt, when
 * not NULL, stands for the code of its (non-person) actor: one member of a community
 * compound code. */
static void compose(const dyad_dict *d, const tok *toks, const piece *pc, size_t p0, size_t p1,
                    int32_t date, const char *alt, syn_coref *cr, syn_mention *m) {
    memset(m, 0, sizeof *m);
    m->first = pc[p0].first;
    m->last = pc[p1 - 1].last;
    const dict_actor *person = NULL, *actor = NULL, *agent = NULL, *agent2 = NULL, *title = NULL;
    bool former = false;
    uint32_t agent_first = 0, agent_last = 0;
    for (size_t k = p0; k < p1; k++) {
        const dict_actor *a = pc[k].a;
        if (pc[k].kind == DICT_AGENT) {
            /* Stacked agents: the first that is not plain government wins
             * ("opposition leader" -> OPP, "government troops" -> MIL). */
            if (!agent) agent = a, agent_first = pc[k].first, agent_last = pc[k].last;
            else if (!strcmp(dict_actor_code(agent, date), "GOV"))
                agent2 = agent, agent = a, agent_first = pc[k].first, agent_last = pc[k].last;
            else agent2 = a;
        } else if (dict_actor_is_person(a)) {
            person = a;
            former = mention_out_of_office(toks, pc[p0].first, pc[k].first);
            /* "Treasurer Jim Chalmers": an office right before the name */
            if (k > p0 && pc[k - 1].kind == DICT_AGENT && pc[k - 1].last == pc[k].first &&
                !mention_out_of_office(toks, pc[p0].first, pc[k - 1].first))
                title = pc[k - 1].a;
        } else if (!actor) {
            actor = a;
        }
    }
    char tmp[DYAD_MAX_CODE_BYTES];
    const char *bt = NULL;
    if (person) {
        /* A story with no date: a person the dictionary dates in offices is taken in the
         * office held most recently (news names people most while in office; the date
         * that would decide is missing), unless the story says the office is past
         * ("former President X", "ex-premier X"). */
        bool past = former || (agent && !strcmp(dict_actor_code(agent, date), "ELI"));
        const char *pc_code = !date && !past ? dict_actor_code_latest(person) : dict_actor_code(person, date);
        syn_copy_code(m->code, pc_code ? pc_code : "");
        /* The story calls the person by an office (not "former"): where the dictionary
         * cannot place the person in office (an undated story, an entry without dated
         * offices), the title does. A minister, general or senator so named is GOV, MIL,
         * LEG..., not an elite (ELI), and a general so named as president is GOV. With a
         * date, the dictionary's dates decide ("Chancellor Angela Merkel" in 2022 is an
         * elite). */
        const char *tc = title ? dict_actor_code(title, date) : NULL;
        size_t cl = strlen(m->code);
        if (tc && office_sector(tc) && cl == 6 && (office_sector(m->code + 3) || !strcmp(m->code + 3, "ELI")) &&
            strcmp(m->code + 3, tc) && (!date || !dict_actor_dated(person))) {
            char cc[4];
            memcpy(cc, m->code, 3);
            cc[3] = '\0';
            syn_copy_code(m->code, dict_compose(cc, tc, tmp));
        }
        /* A name the dictionary gives no country at the date (two kings called
         * Abdullah reigned from 2005 to 2015) takes the country its own phrase names
         * ("Saudi King Abdullah" in 2010 is SAUGOV). */
        const char *own = actor ? dict_actor_code(actor, date) : NULL;
        if (!strncmp(m->code, "---", 3) && own && is_country_code(own)) memcpy(m->code, own, 3);
        m->actor = person;
        m->agent = agent;
        m->extra = actor;
        m->flags |= SYN_M_PERSON;
        if (title) m->flags |= SYN_M_TITLED;
        coref_note_person(cr, person);
        if (!m->code[0] && actor) {
            const char *ac = dict_actor_code(actor, date);
            if (ac && agent) syn_copy_code(m->code, dict_compose(ac, dict_actor_code(agent, date), tmp));
            else if (ac) syn_copy_code(m->code, ac);
        }
    } else if (actor && dict_actor_code(actor, date) &&
               (bt = dict_block_type(d, dict_actor_code(actor, date))) &&
               (!strcmp(bt, "religion") || !strcmp(bt, "ethnic"))) {
        /* "Islamist insurgents", "Rohingya refugees": a religion or ethnic group is no
         * country; the group's country is unknown (the sentence may supply it). */
        const char *ac = dict_actor_code(actor, date);
        const char *gc = agent ? dict_actor_code(agent, date) : NULL;
        snprintf(tmp, sizeof tmp, "---%s%s", gc ? gc : "", ac);
        syn_copy_code(m->code, tmp);
        m->actor = actor;
        m->agent = agent;
        m->flags |= SYN_M_AGENT_ONLY;
    } else if (actor) {
        const char *ac = alt ? alt : dict_actor_code(actor, date);
        m->actor = actor;
        m->agent = agent;
        m->extra = agent2;
        if (ac && agent && dict_actor_is_community(actor) && dict_actor_is_community(agent)) {
            /* TABARI's FORMER: "former security officials" are elites, ELI for the agent */
            bool gone = mention_out_of_office(toks, pc[p0].first, pc[p1 - 1].last);
            syn_copy_code(m->code, compose_community(ac, gone ? "ELI" : dict_actor_code(agent, date),
                                                     agent2 && !gone ? dict_actor_code(agent2, date) : NULL, tmp));
        } else if (ac && agent) {
            const char *gc = agent_sector(toks, pc[p0].first, agent_first, dict_actor_code(agent, date));
            if (gc && !strcmp(gc, "GOV") && party_code(ac) && party_office(&toks[agent_last - 1])) {
                /* "a local Awami League leader", "an ANC official": the party's office
                 * holder (PTY), not the government the party may lead */
                syn_copy_code(m->code, ac);
            } else if (gc && !strcmp(gc, "GOV") && strlen(ac) > 3 && spokesperson(&toks[agent_last - 1])) {
                /* "a Metropolitan Police spokesman", "an IFP spokesperson": a body's
                 * spokesperson speaks for the body (GBRCOP, ZAFPTY), not its government */
                syn_copy_code(m->code, ac);
            } else if (gc && armed_group(ac) && (!strcmp(gc, "GOV") || !strcmp(gc, "MIL") || armed_sector(gc))) {
                /* "YPG commanders", "the Taliban's leader", "Isis fighters", "Taliban
                 * militants": the group's own (not rebels or insurgents of its country) */
                syn_copy_code(m->code, ac);
            } else if (gc && proxy_of(toks, agent_first)) {
                /* "Turkey's proxy forces": a sponsor's, not its forces */
                syn_copy_code(m->code, dict_compose(NULL, gc, tmp));
                m->flags |= SYN_M_AGENT_ONLY;
            } else {
                syn_copy_code(m->code, gc ? dict_compose(ac, gc, tmp) : ac);
            }
        } else if (ac) {
            syn_copy_code(m->code, ac);
            if (is_country_code(ac)) m->flags |= SYN_M_PLACE;
        }
        if (ac && (bt = dict_block_type(d, ac)) != NULL && !strcmp(bt, "region")) m->flags |= SYN_M_REGION;
    } else if (agent) {
        const char *gc = agent_sector(toks, pc[p0].first, agent_first, dict_actor_code(agent, date));
        if (gc && dict_actor_is_community(agent) && mention_out_of_office(toks, pc[p0].first, pc[p1 - 1].last))
            gc = "ELI"; /* TABARI's FORMER, as above */
        m->agent = agent;
        m->flags |= SYN_M_AGENT_ONLY;
        /* the story's home country, but not for "the two leaders", "both sides" (actors
         * named before, of any country) nor "Hezbollah's fighters" (a possessor the
         * dictionaries do not know) */
        bool counted = m->first >= 2 && tok_is(&toks[m->first - 2], "the") &&
                       (toks[m->first - 1].cls == TOK_NUMBER || (toks[m->first - 1].tags & LEX_NUM));
        counted |= m->first >= 1 && tok_is(&toks[m->first - 1], "both");
        counted |= m->first >= 2 && toks[m->first - 1].cls == TOK_POSS && (toks[m->first - 2].flags & TOK_CAP);
        if (counted) m->flags |= SYN_M_NAMED_BEFORE;
        /* donors give to another country than their own: not the dateline's */
        if (gc && donor_words(toks, m->first, m->last)) counted = true;
        if (gc) syn_copy_code(m->code, dict_compose(cr->home[0] && !counted ? cr->home : NULL, gc, tmp));
    }
    if (m->agent == agent && agent) {
        m->office_first = agent_first;
        m->office_last = agent_last;
    }
}

/* "Saudi-led jets", "U.S.-led coalition": the leader's actor and the head noun are one
 * mention (not "-backed": a sponsor does not act with its proxies). */
static bool hyphen_led(const syn_sentence *ss, size_t t) {
    return t > 0 && tok_is(&ss->toks[t], "led") && (ss->toks[t].flags & TOK_JOINED);
}

/* True when piece a is an acronym in brackets that glosses the name right before it,
 * with an office right after the bracket ("the Democratic Party (DP) president", "the
 * Freedom Front (FF) spokesman"): one acronym token of the same code as the name, "("
 * and ")" around it, and an office party_office or spokesperson knows. The bracket then stands in the phrase as if absent, and the office
 * is the named body's, as in "the DP president". */
static bool glossed_before_office(const syn_sentence *ss, const piece *pc, size_t np, size_t a) {
    if (a == 0 || a + 1 >= np || pc[a].kind != DICT_ACTOR || pc[a - 1].kind != DICT_ACTOR ||
        pc[a + 1].kind != DICT_AGENT || pc[a].last != pc[a].first + 1 || pc[a - 1].last + 1 != pc[a].first ||
        pc[a].last + 1 != pc[a + 1].first || !(ss->toks[pc[a].first].flags & TOK_ALLCAPS) ||
        !punct_is(&ss->toks[pc[a - 1].last], '(') || !punct_is(&ss->toks[pc[a].last], ')') ||
        dict_actor_is_person(pc[a - 1].a))
        return false;
    /* an office of one holder or its officials, not a body's members ("(YPG) militia") */
    const tok *o = &ss->toks[pc[a + 1].last - 1];
    if (!party_office(o) && !spokesperson(o)) return false;
    const char *nc = dict_actor_code(pc[a - 1].a, ss->date), *ac = dict_actor_code(pc[a].a, ss->date);
    return nc && ac && !strcmp(nc, ac);
}

static bool outlet_code(const char *c) {
    size_t l = c ? strlen(c) : 0;
    return l == 6 && !strcmp(c + 3, "MED");
}

bool mention_is_outlet(const syn_sentence *ss, const syn_mention *m) {
    return m->actor && outlet_code(dict_actor_code(m->actor, ss->date));
}

bool mention_named_body(const syn_sentence *ss, const syn_mention *m) {
    if (m->last == 0 || m->last > ss->n || (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_PLACE))) return false;
    const tok *t = &ss->toks[m->last - 1];
    return (t->flags & TOK_CAP) && name_head(t) && strncmp(m->code, "---", 3);
}

bool mention_names_counterpart(const syn_sentence *ss, const syn_mention *m) {
    for (uint32_t u = m->first; u < m->last; u++)
        if (tok_is(&ss->toks[u], "counterpart") || tok_is(&ss->toks[u], "counterparts")) return true;
    return false;
}

bool mention_sponsor_participle(const tok *t) {
    static const char *const w[] = {"backed", "sponsored", "funded", "financed", "supported",
                                    "armed", "trained", "equipped", "aligned", "allied"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* "Shia-dominated army", "Russian-made jets", "Israeli-occupied land": who dominates,
 * occupies or made the thing after it, not the thing's owner (but "rebel-held
 * territory" stays the rebels': an attack on it is on them). */
static bool holder_participle(const tok *t) {
    static const char *const w[] = {"dominated", "occupied", "made", "built", "manufactured", "designed",
                                    "supplied"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* A role noun whose "for X" names whom its holder speaks or acts for: "spokesman for",
 * "lawyer for". Not "envoy for" or "minister for": those name a place or a matter. */
static bool speaks_for(const tok *t) {
    static const char *const w[] = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen",
                                    "representative", "representatives", "negotiator", "negotiators",
                                    "adviser", "advisor", "lawyer", "lawyers", "attorney", "delegate",
                                    "delegates", "official", "officials"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* A role noun whose "to X" names whom its holder serves: "an adviser to the Iranian
 * supreme leader", "an aide to the president". Not "envoy to", "ambassador to": those
 * are sent to X. */
static bool advises(const tok *t) {
    static const char *const w[] = {"adviser", "advisers", "advisor", "advisors", "aide", "aides",
                                    "counsellor", "counsellors", "counselor", "counselors"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* A role noun whose "from X" names who sent its holders: "a delegation from the World
 * Bank", "negotiators from the European Union", "officials from the IMF". Not "troops
 * from" or "soldiers from": troops leave from a place. */
static bool sent_from(const tok *t) {
    static const char *const w[] = {"delegation", "delegations", "delegate",     "delegates",
                                    "negotiator", "negotiators", "mediator",     "mediators",
                                    "envoy",      "envoys",      "emissary",     "emissaries",
                                    "official",   "officials",   "representative", "representatives"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

/* True when piece q is the head of its noun phrase: no common noun follows it, unless
 * that noun begins the next piece ("the Chinese foreign ministry"; not "the Kremlin
 * critic"). */
static bool heads_phrase(const syn_sentence *ss, const piece *pc, size_t np, size_t q) {
    size_t e = pc[q].last;
    if (e >= ss->n || ss->toks[e].cls != TOK_WORD) return true;
    if (q + 1 < np && pc[q + 1].first == e) return true;
    const tok *t = &ss->toks[e];
    return !(t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER);
}

static bool is_prep_word(const tok *t) { return t->cls == TOK_WORD && (t->tags & LEX_PREP); }

#define MENTION_MAX_TITLED_NAME_WORDS 3u /* "Foreign Minister Anniken Hovland of Norway" */

/* The tokens [from, to) between a title and an actor are a name no dictionary knows, whose
 * last word is no common word, and "of" (or "of the"): "Foreign Minister Anniken Hovland
 * of Norway", "King Hassan of Morocco", the wire's way of giving an officeholder's
 * country after the name. */
static bool titled_name_of(const syn_sentence *ss, size_t from, size_t to) {
    size_t t = from;
    while (t < to && t - from < MENTION_MAX_TITLED_NAME_WORDS && ss->toks[t].cls == TOK_WORD &&
           ss->toks[t].pos == LEX_POS_PROPER && (ss->toks[t].flags & TOK_CAP) && !(ss->toks[t].flags & TOK_ALLCAPS))
        t++;
    if (t == from || t >= to || !tok_is(&ss->toks[t], "of")) return false;
    /* the surname is no common word ("General Motors of America" is a company) */
    uint32_t tags = lex_lookup(ss->toks[t - 1].norm, ss->toks[t - 1].norm_len, NULL);
    if (tags && !(tags & LEX_PROPER)) return false;
    for (t++; t < to; t++)
        if (!(ss->toks[t].cls == TOK_WORD && (ss->toks[t].tags & LEX_DET))) return false;
    return to - from <= MENTION_MAX_TITLED_NAME_WORDS + 2;
}

/* The countries of a sentence an unnamed group may take (see mention_find): place, the
 * first country named with in/at ("in Mogadishu", "coup leaders in Niamey"); state, the
 * state named (a country, its capital, a non-military official body), with one_state
 * false when two are; any, the country of any actor, with one_any likewise. Only the
 * mentions that begin before token upto count, and for place also one that begins at
 * token own. */
/* Words of a state's own phrase (determiners, adjectives) between it and a participle. */
#define SYN_PARTICIPLE_REACH 3

/* True when m stands in a phrase a participle of relation opens after a noun: "a case
 * involving North Korea", "charges related to Iran", "a dispute concerning Qatar". Such a state is
 * what a noun of the sentence is about, no party to its verb: it lends an unnamed group
 * no country. */
static bool participle_phrase(const syn_sentence *ss, const syn_mention *m) {
    uint32_t u = m->first;
    /* the determiners and adjectives of m's own phrase ("involving the Iranian navy") */
    for (uint32_t k = 0; k < SYN_PARTICIPLE_REACH && u > 0; k++) {
        const tok *t = &ss->toks[u - 1];
        if (t->cls != TOK_WORD || (t->pos != LEX_POS_DET && t->pos != LEX_POS_ADJ)) break;
        u--;
    }
    if (u > 0 && (tok_is(&ss->toks[u - 1], "to") || tok_is(&ss->toks[u - 1], "with"))) u--;
    if (u < 2) return false;
    const tok *p = &ss->toks[u - 1], *h = &ss->toks[u - 2];
    /* participles of relation only: what the noun is about, not what it does ("a
     * bombardment targeting Damascus" still names the state it acts on) */
    static const char *const about[] = {"involving", "concerning", "regarding", "surrounding",
                                        "related", "linked", "tied", "connected"};
    bool relation = false;
    for (size_t k = 0; k < sizeof about / sizeof about[0] && !relation; k++) relation = tok_is(p, about[k]);
    return relation && h->cls == TOK_WORD && h->pos == LEX_POS_NOUN;
}

/* True when tokens [first, last) spell a country's name in the gazetteer ("Russia",
 * "South Korea"): the state named whole, no city, nationality or body of it. */
static bool names_country(const syn_sentence *ss, uint32_t first, uint32_t last) {
    if (first < last && tok_is(&ss->toks[first], "the")) first++;
    if (first >= last) return false;
    for (uint32_t c = 0; c < geodata_n_countries; c++) {
        const char *name = geodata_str + geodata_places[c].name;
        size_t off = 0;
        uint32_t u = first;
        for (; u < last; u++) {
            const tok *t = &ss->toks[u];
            if (u > first && name[off++] != ' ') break;
            if (strncasecmp(name + off, t->norm, t->norm_len)) break;
            off += t->norm_len;
        }
        if (u == last && name[off] == '\0') return true;
    }
    return false;
}

/* The word before "to" that sends someone or something to a state, the other side of
 * the sentence's actors ("the extradition of a teacher to Australia", "deported them to
 * Turkey", "fled to Jordan"): a visit, a handover, a removal, a flight. Not "return":
 * one returns to one's own country. */
static bool sends_to(const tok *h) {
    static const char *const noun[] = {"visit", "trip", "tour", "journey", "extradition", "deportation",
                                       "transfer", "handover", "expulsion", "flight", "export", "shipment"};
    static const char *const verb[] = {"extradite", "deport", "expel", "send", "transfer", "hand", "flee",
                                       "fly", "travel", "export", "ship", "smuggle", "traffic", "defect"};
    const char *const *w = h->pos == LEX_POS_NOUN ? noun : h->pos == LEX_POS_VERB ? verb : NULL;
    size_t nw = h->pos == LEX_POS_NOUN ? sizeof noun / sizeof noun[0] : sizeof verb / sizeof verb[0];
    for (size_t k = 0; w && k < nw; k++)
        if (tok_lemma_is(h, w[k])) return true;
    return false;
}

/* True when m is a bare place that is a city or region, not a state: its words are a
 * place of the gazetteer ("Bali", "Seattle", "Xinjiang", "Dunedin") and no country's
 * name, nationality or capital (a capital is the government, "Moscow" RUSGOV). A city
 * says nothing: "Bali said", "Rhodes said" and "Lagos wrote" are people of those
 * names (the SDF's Mustafa Bali, Ben Rhodes, Ricardo Lagos), not Indonesia, Greece or
 * Nigeria speaking. */
bool mention_is_city(const syn_sentence *ss, const syn_mention *m) {
    if (!(m->flags & SYN_M_PLACE) || (m->flags & (SYN_M_PRONOUN | SYN_M_REGION)) || m->agent ||
        names_country(ss, m->first, m->last))
        return false;
    char key[MENTION_MAX_PLACE_KEY];
    size_t len = 0;
    for (uint32_t u = m->first; u < m->last; u++) {
        const tok *t = &ss->toks[u];
        if (t->cls != TOK_WORD || !(t->flags & TOK_CAP) || t->pos == LEX_POS_ADJ || (t->tags & LEX_PLURAL)) return false;
        if (len + (size_t)t->norm_len + 2 > sizeof key) return false;
        if (len) key[len++] = ' ';
        memcpy(key + len, t->norm, t->norm_len);
        len += t->norm_len;
    }
    if (!len) return false;
    key[len] = '\0';
    return is_known_place(key);
}

/* True when m is a state named whole ("Russia", not "Russian" nor "Russia's army") as the
 * other party of a relation: after "with" or "against" ("rebels negotiated with Russia",
 * "militias fighting against Turkey"), what is visited ("a visit to Greece", "visited
 * Mongolia"), or where someone is sent ("the extradition of a teacher to Australia",
 * "deported to Turkey"; the sending word up to three words back: "handed him over to").
 * One negotiates with, fights, visits or sends people to another state, not one's own:
 * such a state lends an unnamed group no country ("Police are investigating whether the
 * minister blocked the extradition of a teacher to Australia" are no Australian police).
 * (Not "to" or "from" in general: "a dispatch from Togo" is the place.) */
static bool other_party_state(const syn_sentence *ss, const syn_mention *m) {
    if (!is_country_code(m->code) || !names_country(ss, m->first, m->last) || m->first == 0) return false;
    uint32_t u = m->first;
    if (u > 0 && tok_is(&ss->toks[u - 1], "the")) u--;
    if (u == 0) return false;
    const tok *p = &ss->toks[u - 1];
    if (tok_is(p, "with") || tok_is(p, "against")) return true;
    if (p->pos == LEX_POS_VERB && (tok_lemma_is(p, "visit") || tok_lemma_is(p, "tour"))) return true;
    if (!tok_is(p, "to") || u < 2) return false;
    for (uint32_t h = u - 1; h > 0 && h + 4 >= u; h--)
        if (sends_to(&ss->toks[h - 1])) return true;
    return false;
}

static void sentence_countries(const syn_sentence *ss, uint32_t upto, uint32_t own, char place[4], char state[4],
                               bool *one_state, char any[4], bool *one_any) {
    place[0] = state[0] = any[0] = '\0';
    *one_state = *one_any = true;
    for (size_t k = 0; k < ss->nm && !place[0]; k++) {
        const syn_mention *m = &ss->m[k];
        if (m->first >= upto && m->first != own) continue;
        if ((m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY | SYN_M_REGION)) || strlen(m->code) > 6 ||
            mention_is_outlet(ss, m))
            continue;
        /* "in Mogadishu"; or a role glued to its place, "coup leaders in Niamey" */
        bool at_place = m->first == own || (!m->agent && m->first > 0 &&
                        (tok_is(&ss->toks[m->first - 1], "in") || tok_is(&ss->toks[m->first - 1], "at")));
        for (uint32_t u = m->first + 1; u + 1 < m->last && !at_place && m->agent; u++)
            at_place = tok_is(&ss->toks[u], "in") || tok_is(&ss->toks[u], "at");
        if (at_place) coref_code_country(m->code, place);
    }
    for (size_t k = 0; k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        if (m->first >= upto) continue;
        /* "The rebels, backed by Turkey,": a parenthetical's actor is not the
         * sentence's country */
        if (ss->paren[m->first] && ss->paren[m->first] != SYN_PAREN_APPOSITION) continue;
        char cc[4];
        if ((m->flags & (SYN_M_AGENT_ONLY | SYN_M_REGION)) || mention_is_outlet(ss, m) ||
            !coref_code_country(m->code, cc) || participle_phrase(ss, m) || other_party_state(ss, m))
            continue;
        if (!any[0]) memcpy(any, cc, 4);
        else if (strcmp(any, cc)) *one_any = false;
        size_t cl = strlen(m->code);
        if (cl != 3 && !(cl == 6 && office_sector(m->code + 3) && strcmp(m->code + 3, "MIL"))) continue;
        if (!state[0]) memcpy(state, cc, 4);
        else if (strcmp(state, cc)) *one_state = false;
    }
}

/* True when the unnamed actor m is introduced by an indefinite article ("an official",
 * "a Supreme Court justice", "a senior aide"): someone the story has not identified,
 * whose country is only what the words of its own phrase say. */
static bool indefinite(const syn_sentence *ss, const syn_mention *m) {
    for (uint32_t u = m->first, k = 0; u > 0 && k < 4; u--, k++) {
        const tok *t = &ss->toks[u - 1];
        if (t->cls != TOK_WORD) return false;
        if (tok_is(t, "a") || tok_is(t, "an") || tok_is(t, "another")) return true;
        if (t->pos != LEX_POS_ADJ && t->pos != LEX_POS_PROPER && t->pos != LEX_POS_NOUN && t->pos != LEX_POS_ADV)
            return false;
    }
    return false;
}

/* The first token of the place of m's own phrase: "an official in Kabul", "a newspaper
 * based in Beirut", "a village in western Cambodia" (at most two words between the
 * preposition and the place's mention, which must begin there: the caller checks);
 * UINT32_MAX when there is none. */
static uint32_t own_place(const syn_sentence *ss, const syn_mention *m) {
    static const char *const sited[] = {"based", "stationed", "located", "headquartered", "deployed"};
    uint32_t u = m->last;
    if (u < ss->n)
        for (size_t k = 0; k < sizeof sited / sizeof sited[0]; k++)
            if (tok_is(&ss->toks[u], sited[k])) {
                u++;
                break;
            }
    if (u >= ss->n || !(tok_is(&ss->toks[u], "in") || tok_is(&ss->toks[u], "at"))) return UINT32_MAX;
    u++;
    for (uint32_t k = 0; k < 3 && u < ss->n; k++, u++) {
        bool group = false; /* "in Christian east Beirut": a religion or people on the way */
        for (size_t j = 0; j < ss->nm; j++)
            if (ss->m[j].first == u) {
                if (!(ss->m[j].flags & (SYN_M_AGENT_ONLY | SYN_M_PERSON | SYN_M_PRONOUN))) return u;
                group = true;
            }
        if (group) continue;
        if (ss->toks[u].cls != TOK_WORD ||
            (ss->toks[u].pos != LEX_POS_ADJ && ss->toks[u].pos != LEX_POS_DET && !(ss->toks[u].flags & TOK_CAP)))
            return UINT32_MAX;
    }
    return UINT32_MAX;
}

/* "the Royal Air Force of Oman", "the National Guard of Kuwait": a named institution
 * (an entry coded a country and a sector) followed by "of" and another country is that
 * country's institution of the same name: the two are one mention, of the country after
 * "of" ("Royal Air Force" alone is Britain's). Not for persons, agents alone or
 * organisations without a country (IGO, NGO). */
static void institution_of_country(syn_sentence *ss, dyad_buf *ex) {
    for (size_t k = 0; k + 1 < ss->nm; k++) {
        syn_mention *m = &ss->m[k], *c = &ss->m[k + 1];
        if (!m->actor || (m->flags & (SYN_M_PERSON | SYN_M_AGENT_ONLY)) || m->agent || strlen(m->code) != 6 ||
            !strncmp(m->code, "IGO", 3) || !strncmp(m->code, "NGO", 3) || !strncmp(m->code, "---", 3))
            continue;
        /* (the country may carry an office of its own: "of Oman Commander ...") */
        const char *cc = c->actor && !(c->flags & (SYN_M_PERSON | SYN_M_PRONOUN)) ? dict_actor_code(c->actor, ss->date) : NULL;
        if (m->last + 1 != c->first || !tok_is(&ss->toks[m->last], "of") || !cc || !is_country_code(cc) ||
            !strncmp(m->code, cc, 3))
            continue;
        if (c->agent) { /* two actors: only the institution takes the country */
            memcpy(m->code, cc, 3);
            continue;
        }
        if (ex) buf_printf(ex, "  '%s ... of %s': that country's institution\n", ss->toks[m->first].norm,
                           ss->toks[c->first].norm);
        memcpy(m->code, cc, 3);
        m->last = c->last;
        for (size_t j = k + 1; j + 1 < ss->nm; j++) ss->m[j] = ss->m[j + 1];
        ss->nm--;
    }
    mention_sort(ss);
}

/* The most capitalised words a bracketed acronym's gloss is read back over. */
#define MENTION_GLOSS_REACH 8u

/* The most capitalised words of a dictionary name compared with a gloss. */
#define MENTION_ALIAS_WORDS 16u

/* True when the gloss words g[0..ng) are, one for one by their first four letters
 * ("Organization", "Organisation"), at least half of them, a run of the capitalised words
 * of alias [a, e), a dictionary entry's name ("National Unity Government" in "National
 * Unity Government of Myanmar"; "International Labor Office" for the International
 * Labour Organization). */
static bool alias_is_gloss(const char *a, const char *e, const syn_sentence *ss, const uint32_t *g, size_t ng) {
    const char *w[MENTION_ALIAS_WORDS];
    size_t wl[MENTION_ALIAS_WORDS], nw = 0;
    while (a < e && nw < MENTION_ALIAS_WORDS) {
        while (a < e && *a == ' ') a++;
        const char *b = a;
        while (a < e && *a != ' ') a++;
        if (a > b && *b >= 'A' && *b <= 'Z') { /* not "of", "and" */
            w[nw] = b;
            wl[nw++] = (size_t)(a - b);
        }
    }
    for (size_t o = 0; o + ng <= nw; o++) {
        size_t same = 0;
        for (size_t q = 0; q < ng; q++) {
            const tok *t = &ss->toks[g[q]];
            size_t l = wl[o + q] < 4 ? wl[o + q] : 4;
            same += t->norm_len >= l && !strncasecmp(w[o + q], t->norm, l);
        }
        if (2 * same >= ng) return true;
    }
    return false;
}

/* True when the acronym at token i, in brackets right after capitalised words whose
 * initials spell it ("the National Police Agency (NPA)", "Saudi Telecom Company (STC)"),
 * is glossed there as another body than the dictionary's entry hit for it: the words
 * are words of the language (not a name in another one, "Yekineyen Parastina Gel
 * (YPG)"), and no name of the entry of more than one word is those words ("New
 * People's Army"). An entry that has no such name ("FIFA") is not contradicted. */
static bool acronym_of_another(const syn_sentence *ss, size_t i, const dict_actor *hit) {
    const tok *t = &ss->toks[i];
    size_t l = t->norm_len;
    if (!(t->flags & TOK_ALLCAPS) || l < 2 || l > MENTION_GLOSS_REACH || i < 2 || i + 1 >= ss->n ||
        !punct_is(&ss->toks[i - 1], '(') || !punct_is(&ss->toks[i + 1], ')'))
        return false;
    uint32_t g[MENTION_GLOSS_REACH];
    size_t ng = 0, known = 0;
    for (size_t u = i - 1; u > 0 && ng < l; u--) {
        const tok *w = &ss->toks[u - 1];
        if (w->cls != TOK_WORD) return false;
        if (!(w->flags & TOK_CAP)) {
            if (tok_is(w, "of") || tok_is(w, "and") || tok_is(w, "for") || tok_is(w, "the")) continue;
            return false;
        }
        g[ng++] = (uint32_t)(u - 1);
    }
    if (ng != l) return false;
    for (size_t q = 0; q < ng / 2; q++) {
        uint32_t x = g[q];
        g[q] = g[ng - 1 - q];
        g[ng - 1 - q] = x;
    }
    for (size_t q = 0; q < ng; q++) {
        const tok *w = &ss->toks[g[q]];
        if ((w->norm[0] | 0x20) != (t->norm[q] | 0x20)) return false;
        if (lex_lookup(w->norm, w->norm_len, NULL)) known++;
    }
    if (known + 1 < ng) return false;
    const char *text = NULL, *file = NULL;
    uint64_t line = 0;
    dict_actor_where(hit, &file, &line, &text);
    if (!text) return false;
    const char *end = strstr(text, "=>");
    if (!end) end = text + strlen(text);
    bool long_name = false;
    for (const char *a = text; a < end;) {
        const char *e = memchr(a, '|', (size_t)(end - a));
        if (!e) e = end;
        const char *z = e;
        while (a < z && *a == ' ') a++;
        while (z > a && z[-1] == ' ') z--;
        if (memchr(a, ' ', (size_t)(z - a))) { /* a name of more than one word */
            long_name = true;
            if (alias_is_gloss(a, z, ss, g, ng)) return false;
        }
        a = e + 1;
    }
    return long_name;
}

/* True when token t, capitalised, is a noun that names a place or body after the person
 * it honours ("King Abdullah University", "the Nelson Mandela Foundation", "Jomo
 * Kenyatta International Airport"): the words are that body's name, not the person. */
static bool named_after(const tok *t) {
    static const char *const w[] = {"university", "foundation", "hospital", "institute", "airport", "airbase",
                                    "international", "stadium", "mosque", "bridge", "street", "road", "avenue",
                                    "prize", "award", "school", "college", "academy", "library", "museum",
                                    "port", "dam", "trust", "memorial", "specialized", "specialist", "centre",
                                    "center", "highway", "boulevard", "square", "park", "cup", "fund",
                                    "scholarship", "mausoleum", "cathedral", "barracks"};
    if (t->cls != TOK_WORD || !(t->flags & TOK_CAP)) return false;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (tok_is(t, w[k])) return true;
    return false;
}

int mention_find(arena *a, const dyad_dict *d, syn_sentence *ss, syn_coref *cr, dyad_buf *ex) {
    size_t n = ss->n;
    piece *pc = arena_alloc(a, (n + 1) * sizeof(piece));
    if (!pc) return DYAD_ENOMEM;
    /* 1. Dictionary pieces, longest match first, left to right. */
    size_t np = 0;
    for (size_t i = 0; i < n;) {
        const dict_actor *hit = NULL;
        size_t k = 0;
        bool bare_hit = false;
        if (ss->toks[i].cls == TOK_WORD) {
            if (tok_may_start(&ss->toks[i], DICT_ROOT_ACTORS)) k = dict_match_actor(d, ss->toks, n, i, &hit);
            if (ss->actor_at) ss->actor_at[i] = (syn_actor_at){hit, (uint8_t)k, true};
            /* A short form ("Moon") names the person whose full name came earlier in the
             * story; when several share it ("Bush"), the one the story named. */
            const dict_actor *sh[8];
            size_t nh = 0, ks = tok_may_start(&ss->toks[i], DICT_ROOT_SHORT) ? dict_match_short(d, ss->toks, n, i, sh, 8, &nh) : 0;
            if (ks > k && first_name_before(ss, i, np && pc[np - 1].kind == DICT_AGENT ? pc[np - 1].last : 0)) {
                if (ex) buf_printf(ex, "  short form '%s' ignored: '%s' before it is another person's given name\n",
                                   ss->toks[i].norm, ss->toks[i - 1].norm);
                if (ks == 1) note_other_name(cr, &ss->toks[i]);
                /* "Shiraz Maher": the place of that name is the given name */
                if (np && pc[np - 1].last == i && pc[np - 1].first + 1 == i) np--;
            } else if (ks > k && i + ks < n && (unknown_name(ss, i + ks) || hyphenated_given_name(ss, i + ks))) {
                if (ex) buf_printf(ex, "  short form '%s' ignored: '%s' after it is part of another person's name\n",
                                   ss->toks[i].norm, ss->toks[i + ks].norm);
                if (ks == 1 && !generation_suffix(&ss->toks[i + ks])) note_other_name(cr, &ss->toks[i]);
            } else if (ks > k) {
                size_t h = 0;
                while (h < nh && !coref_seen_person(cr, sh[h])) h++;
                const char *why = NULL;
                bool bare = false;
                /* "Kim" after "Kim Kyou-hyun", whom no dictionary knows: that person,
                 * not the dictionary's Kim */
                if (h == nh && ks == 1 && other_name(cr, &ss->toks[i]))
                    why = "another person of that name, whom no dictionary knows, was named earlier";
                else if (h == nh)
                    h = bare_surname(ss, i, ks, sh, nh, &why), bare = true;
                if (h < nh) {
                    hit = sh[h];
                    k = ks;
                    bare_hit = bare;
                } else if (ex) {
                    buf_printf(ex, "  short form '%s' ignored: %s\n", ss->toks[i].norm, why);
                }
            }
        }
        if (k && dict_actor_kind(hit) == DICT_ACTOR && !dict_actor_code(hit, ss->date)) k = 0;
        /* "King Abdullah University", "the Nelson Mandela Foundation": a person's name
         * before the noun of a body or place named after the person is that name's word,
         * no actor (nor is the title in it: "King" is no government here) */
        if (k && dict_actor_is_person(hit) && i + k < n && named_after(&ss->toks[i + k])) {
            if (ex) buf_printf(ex, "  '%s ... %s' names the %s named after the person, no actor\n", ss->toks[i].norm,
                               ss->toks[i + k - 1].norm, ss->toks[i + k].norm);
            i += k;
            continue;
        }
        /* "the West Bank": a match that opens with an article ("the West") gives way to
         * one that starts inside it and runs on past its end, at least as long: that is
         * the name the words make ("West Bank"; "the West" and "Bank" are not) */
        for (size_t j = i + 1; k >= 2 && j < i + k && !bare_hit && (ss->toks[i].tags & LEX_DET); j++) {
            const dict_actor *later = NULL;
            size_t kl = ss->toks[j].cls == TOK_WORD ? dict_match_actor(d, ss->toks, n, j, &later) : 0;
            if (kl && j + kl > i + k && kl >= k && dict_actor_kind(later) == DICT_ACTOR &&
                dict_actor_code(later, ss->date)) {
                if (ex) buf_printf(ex, "  '%s' left for the longer name that starts at '%s'\n", ss->toks[i].norm,
                                   ss->toks[j].norm);
                k = 0;
                break;
            }
        }
        /* "the National Police Agency (NPA)": an acronym glossed as another body than
         * the dictionary's is that body, here and in the rest of the story ("the NPA
         * said"); no actor the dictionary knows */
        if (k == 1 && dict_actor_kind(hit) == DICT_ACTOR && !bare_hit &&
            (ss->toks[i].flags & TOK_ALLCAPS) && other_acronym(cr, &ss->toks[i])) {
            if (ex) buf_printf(ex, "  '%s' is the acronym the story glossed as another body\n", ss->toks[i].norm);
            k = 0;
        }
        if (k == 1 && dict_actor_kind(hit) == DICT_ACTOR && !bare_hit && acronym_of_another(ss, i, hit)) {
            if (ex) buf_printf(ex, "  '%s' is glossed as another body than the dictionary's\n", ss->toks[i].norm);
            note_other_acronym(cr, &ss->toks[i]);
            k = 0;
        }
        /* "US$60 billion", "HK$2": a country's name written onto "$" is a currency */
        if (k && i + k < n && ss->toks[i + k].norm[0] == '$' && ss->toks[i + k].start == ss->toks[i + k - 1].end)
            k = 0;
        /* "Fernando Villavicencio", "Michael Jordan": a one-word place or country right
         * after a given name is that person's surname, not the place (not after a
         * preposition: "in Santa Cruz") */
        if (k == 1 && dict_actor_kind(hit) == DICT_ACTOR && !dict_actor_is_person(hit) && !bare_hit &&
            strlen(dict_actor_code(hit, ss->date)) == 3 && i >= 1 && !(np && pc[np - 1].last == i) &&
            first_name_before(ss, i, np && pc[np - 1].kind == DICT_AGENT ? pc[np - 1].last : 0) &&
            !(i >= 2 && ss->toks[i - 2].cls == TOK_WORD && (ss->toks[i - 2].tags & (LEX_PREP | LEX_DET)))) {
            if (ex) buf_printf(ex, "  '%s' after the given name '%s' is a surname, not the place\n", ss->toks[i].norm,
                               ss->toks[i - 1].norm);
            /* (a country after a word is more often a name of an organisation's:
             * "Islami Andolan Bangladesh", no person to remember) */
            if (!is_country_name(&ss->toks[i])) note_other_name(cr, &ss->toks[i]);
            k = 0;
        }
        /* "Mr Christian Julius Aforlah", "Dr Islam Hossain": a one-word actor (a
         * religion, a nation, a place) after a title such as Mr or Dr and before a
         * capitalised name no lexicon knows is a given name, not that actor */
        if (k == 1 && dict_actor_kind(hit) == DICT_ACTOR && !dict_actor_is_person(hit) && !bare_hit && i >= 1 &&
            ss->toks[i - 1].cls == TOK_WORD && (ss->toks[i - 1].tags & LEX_TITLE) && i + 1 < n &&
            unknown_name(ss, i + 1)) {
            if (ex) buf_printf(ex, "  '%s' after the title '%s' is a given name, not the actor\n", ss->toks[i].norm,
                               ss->toks[i - 1].norm);
            k = 0;
        }
        /* "Arequipa says" after "Marcelo Arequipa": the person named earlier, not the
         * place (not after a preposition: "in Arequipa") */
        if (k == 1 && dict_actor_kind(hit) == DICT_ACTOR && !dict_actor_is_person(hit) && !bare_hit &&
            other_name(cr, &ss->toks[i]) && !(i >= 1 && ss->toks[i - 1].cls == TOK_WORD &&
                                                (ss->toks[i - 1].tags & (LEX_PREP | LEX_DET)))) {
            if (ex) buf_printf(ex, "  '%s' is the surname of the person named earlier, not the place\n",
                               ss->toks[i].norm);
            k = 0;
        }
        /* "told Reuters", "tells Haaretz", "in an interview with Al Jazeera": the outlet
         * the words were said to is where they were carried, no actor of the sentence
         * (neither the speaker nor a target) */
        if (k && dict_actor_kind(hit) == DICT_ACTOR && outlet_code(dict_actor_code(hit, ss->date))) {
            size_t b = i;
            if (b > 0 && tok_is(&ss->toks[b - 1], "the")) b--;
            const tok *pv = b > 0 ? &ss->toks[b - 1] : NULL;
            if (pv && ((pv->lemma && !strcmp(pv->lemma, "tell")) || tok_is(pv, "tell") || tok_is(pv, "told") ||
                       tok_is(pv, "tells") || tok_is(pv, "telling") ||
                       ((tok_is(pv, "with") || tok_is(pv, "to")) && b >= 2 &&
                        (tok_is(&ss->toks[b - 2], "interview") || tok_is(&ss->toks[b - 2], "interviews") ||
                         tok_is(&ss->toks[b - 2], "spoke") || tok_is(&ss->toks[b - 2], "speaking") ||
                         tok_is(&ss->toks[b - 2], "said") || tok_is(&ss->toks[b - 2], "talked"))))) {
                if (ex) buf_printf(ex, "  '%s': the outlet the words were said to, no actor\n", ss->toks[i].norm);
                i += k;
                continue;
            }
        }
        if (k) {
            pc[np].first = (uint32_t)i;
            pc[np].last = (uint32_t)(i + k);
            pc[np].a = hit;
            pc[np].kind = dict_actor_kind(hit);
            pc[np].bare = bare_hit;
            np++;
            i += k;
        } else {
            i++;
        }
    }

    /* "Police arrested Kawsar Ahammed", "Mohammed Parvez was detained": the person a
     * legal action names, whom no dictionary knows, is a private person (CVL), of the
     * country the sentence or story gives; an arrest's target is who was arrested. */
    const dict_actor *private_person = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t f = 0, e = 0;
        if (legal_action_verb(&ss->toks[i])) {
            f = e = past_person_description(ss, i + 1);
            while (e < n && unknown_name(ss, e)) e++;
        } else {
            /* "His driver, Kamau Njoroge, was sentenced": a name in apposition between
             * commas is the subject too */
            size_t w = i + 1 < n && punct_is(&ss->toks[i + 1], ',') ? i + 2 : i + 1;
            if (!(w + 1 < n && (tok_is(&ss->toks[w], "was") || tok_is(&ss->toks[w], "were")) &&
                  legal_action_verb(&ss->toks[w + 1]) && (ss->toks[w + 1].tags & LEX_PAST) && unknown_name(ss, i)))
                continue;
            e = i + 1;
            f = i;
            while (f > 0 && unknown_name(ss, f - 1)) f--;
            /* the whole subject: not the end of a longer phrase ("the Kawsar Ahammed Trust") */
            if (f > 0 && ss->toks[f - 1].cls == TOK_WORD && !(ss->toks[f - 1].tags & (LEX_CONJ | LEX_SUBCONJ)))
                continue;
            if (w == i + 2 && !(f > 0 && punct_is(&ss->toks[f - 1], ','))) continue;
        }
        if (e < f + 2 || e - f > MENTION_PERSON_NAME_WORDS || (e < n && (ss->toks[e].flags & TOK_CAP) &&
                                                        ss->toks[e].cls == TOK_WORD))
            continue;
        bool covered = false;
        for (size_t q = 0; q < np && !covered; q++) covered = pc[q].first < e && pc[q].last > f;
        if (covered) continue;
        if (!private_person) {
            tok pt = {0};
            pt.norm = "person";
            pt.norm_len = 6;
            pt.cls = TOK_WORD;
            pt.word = dict_word_id(d, pt.norm, pt.norm_len);
            if (!pt.word || dict_match_actor(d, &pt, 1, 0, &private_person) != 1 ||
                dict_actor_kind(private_person) != DICT_AGENT)
                break;
        }
        size_t at = np;
        while (at > 0 && pc[at - 1].first >= e) at--;
        memmove(&pc[at + 1], &pc[at], (np - at) * sizeof pc[0]);
        pc[at] = (piece){(uint32_t)f, (uint32_t)e, private_person, DICT_AGENT, false};
        np++;
        if (ex) buf_printf(ex, "  '%s ... %s': a person named in a legal action, whom no dictionary knows\n",
                           ss->toks[f].norm, ss->toks[e - 1].norm);
    }

    /* A bare surname names the dictionary's person only where the person's country is
     * one the story names (the dateline, earlier sentences, this sentence's other
     * actors): "Wong" in a Hong Kong court story is not an Australian minister. */
    for (size_t q = 0; q < np; q++) {
        if (!pc[q].bare) continue;
        const char *pcode = dict_actor_code(pc[q].a, ss->date);
        char cc[4];
        if (!pcode || !coref_code_country(pcode, cc) || coref_story_country(cr, pcode)) continue;
        bool here = false;
        for (size_t r = 0; r < np && !here; r++) {
            if (r == q || pc[r].bare || pc[r].kind != DICT_ACTOR) continue;
            const char *oc = dict_actor_code(pc[r].a, ss->date);
            here = oc && !strncmp(oc, cc, 3);
        }
        /* one who holds office on the story's date ("Putin and Erdogan agreed") is
         * named often enough abroad to stand alone; so is one called by an office
         * right before the name in a story with no date, which cannot tell ("President
         * Bush has threatened Russia") */
        bool titled = !ss->date && q > 0 && pc[q - 1].kind == DICT_AGENT && pc[q - 1].last == pc[q].first;
        /* nor one the dictionary dates in an office, named in a text of one sentence with
         * no date ("Obama ordered an investigation against Iran"): no date says whether
         * the person holds it, and no other sentence could name the country; in a longer
         * story the country goes unnamed because the name is someone else's ("Wong said"
         * in a Hong Kong story) */
        bool office = !ss->date && ss->story->n_sentences == 1 && dict_actor_dated(pc[q].a);
        if (here || titled || office || dict_actor_active(pc[q].a, ss->date)) continue;
        if (ex) buf_printf(ex, "  short form '%s' ignored: %s is of %s, a country the story has not named\n",
                           ss->toks[pc[q].first].norm, pcode, cc);
        pc[q].a = NULL;
    }
    size_t kept = 0;
    for (size_t q = 0; q < np; q++)
        if (pc[q].a) pc[kept++] = pc[q];
    np = kept;

    /* An organisation's closing word ("Commission", "Committee", "Logistics") is an
     * agent only where it closes a capitalised name: closes_name. */
    kept = 0;
    for (size_t q = 0; q < np; q++) {
        if (pc[q].kind == DICT_AGENT && pc[q].last == pc[q].first + 1 && name_head(&ss->toks[pc[q].first]) &&
            !closes_name(ss, pc, np, q)) {
            if (ex) buf_printf(ex, "  '%s': no organisation's name closed by it, not an actor\n",
                               ss->toks[pc[q].first].norm);
            continue;
        }
        pc[kept++] = pc[q];
    }
    np = kept;

    /* "the vice-president of the Chinese Association of Asian Studies", "the president
     * of the Kenya Medical Association": a country that opens the name of an
     * organisation no dictionary knows, after "of (the)", is part of that name, not an
     * actor (the office is the organisation's: office_of_unknown). */
    kept = 0;
    for (size_t q = 0; q < np; q++) {
        size_t f = pc[q].first, b = f;
        if (b > 0 && tok_is(&ss->toks[b - 1], "the")) b--;
        const char *c = pc[q].kind == DICT_ACTOR ? dict_actor_code(pc[q].a, ss->date) : NULL;
        bool opens = c && strlen(c) == 3 && b > 0 && tok_is(&ss->toks[b - 1], "of") && pc[q].last == f + 1 &&
                     (ss->toks[f].flags & TOK_CAP) && (q + 1 >= np || pc[q + 1].first > f + 1) &&
                     org_name_from(ss, f) && !opens_body_name(ss, pc, np, q);
        if (opens) {
            if (ex) buf_printf(ex, "  '%s': part of an organisation's name, not an actor\n", ss->toks[f].norm);
            ss->toks[f].flags |= TOK_ORGNAME;
            continue;
        }
        /* "Put South Africans First", "Save Russia Now": a country or nationality between
         * capitalised words no dictionary knows is a word of a name (an organisation's, a
         * campaign's), no actor */
        if (c && strlen(c) == 3 && inside_name(ss, pc, np, q)) {
            if (ex) buf_printf(ex, "  '%s': inside a name no dictionary knows, not an actor\n", ss->toks[f].norm);
            continue;
        }
        /* "Hizbollah (Party of God)": a bracket right after a name glosses it; an agent
         * inside it (no name of its own) is the gloss's word, no other actor */
        if (pc[q].kind == DICT_AGENT && gloss_of_name(ss, pc, q)) {
            if (ex) buf_printf(ex, "  '%s': a bracketed gloss of the name before it, not an actor\n", ss->toks[f].norm);
            continue;
        }
        if (pc[q].kind == DICT_ACTOR && (ss->toks[f].flags & TOK_CAP) && media_name_after(ss, pc[q].last)) {
            if (ex) buf_printf(ex, "  '%s': part of a news outlet's name, not an actor\n", ss->toks[f].norm);
            continue;
        }
        /* "most of the victims were Venezuelan": a nationality after a form of "be" says
         * what the subject is, no actor, and lends no country to an office in the
         * sentence (the interior minister who said so is not Venezuela's) */
        if (c && strlen(c) == 3 && nationality_predicate(ss, pc, q)) {
            if (ex) buf_printf(ex, "  '%s': a nationality said of the subject, not an actor\n", ss->toks[f].norm);
            continue;
        }
        /* "the West Coast Regional Council", "the West Midlands": "the West" before a
         * capitalised word is part of a place's name; "the west gate", "the west side"
         * (a singular noun after it) a direction: neither is the Western powers */
        if (c && !strcmp(c, "WST") && pc[q].last < ss->n && tok_is(&ss->toks[pc[q].last - 1], "west") &&
            west_of_a_place(&ss->toks[pc[q].last])) {
            if (ex) buf_printf(ex, "  'west %s': a place's name or a direction, not the West\n",
                               ss->toks[pc[q].last].norm);
            continue;
        }
        pc[kept++] = pc[q];
    }
    np = kept;

    /* "the deputy director of the White Helmets", "the deputy commander of the division",
     * "Iran's Deputy Health Minister", "deputy premier": "deputy" before another office
     * is that office's second, not a member of parliament: the office that follows
     * (right after it, or after capitalized words: "Deputy Taliban chief") gives the
     * sector, and a plain noun ("director") none. "Deputy Ivan Petrov", "a deputy from
     * Lyon", "the deputies voted" stay legislators. */
    kept = 0;
    for (size_t q = 0; q < np; q++) {
        size_t f = pc[q].first;
        if (pc[q].kind == DICT_AGENT && pc[q].last == f + 1 && tok_is(&ss->toks[f], "deputy") && f + 1 < ss->n) {
            const tok *t = &ss->toks[f + 1];
            bool office = q + 1 < np && pc[q + 1].kind == DICT_AGENT && pc[q + 1].first <= f + 3;
            for (size_t w = f + 1; office && w < pc[q + 1].first; w++)
                if (ss->toks[w].cls != TOK_WORD || !(ss->toks[w].flags & TOK_CAP)) office = false;
            bool noun = t->cls == TOK_WORD && !(t->flags & TOK_CAP) && (t->tags & LEX_NOUN) &&
                        !(t->tags & (LEX_VERB | LEX_PREP));
            if (office || noun) {
                if (ex) buf_printf(ex, "  'deputy' before '%s': an office's second, not a legislator\n", t->norm);
                if (noun) continue;
                pc[q].a = pc[q + 1].a; /* kept, as the office it seconds: "Iran's Deputy Health Minister" */
            }
        }
        pc[kept++] = pc[q];
    }
    np = kept;

    /* A sponsor ("US-backed Kurdish fighters", "Iran-funded militias") is neither the
     * group it sponsors nor an actor of the sentence: the group is, with the country its
     * own words or the context give. */
    kept = 0;
    for (size_t q = 0; q < np; q++) {
        size_t e = pc[q].last, f = pc[q].first;
        /* "anti-Assad rebels", "anti-government protesters": whom the group opposes */
        if (f > 0 && (ss->toks[f].flags & TOK_JOINED) && tok_is(&ss->toks[f - 1], "anti")) {
            if (ex) buf_printf(ex, "  '%s': opposed by the group after 'anti-', not an actor\n", ss->toks[f].norm);
            continue;
        }
        if (e < n && (ss->toks[e].flags & TOK_JOINED) &&
            (mention_sponsor_participle(&ss->toks[e]) || holder_participle(&ss->toks[e]))) {
            if (ex) buf_printf(ex, "  '%.*s': sponsor of the group after '-%s', not an actor\n",
                               (int)(ss->toks[e - 1].end - ss->toks[pc[q].first].start),
                               ss->story->text + ss->toks[pc[q].first].start, ss->toks[e].norm);
            continue;
        }
        pc[kept++] = pc[q];
    }
    np = kept;

    size_t extra = 0; /* mentions past one a token: compound codes, at most n + 1 */
    /* 2. Pieces glued into noun phrases: adjacent pieces, possessives, "agent of/in
     * PLACE" ("police in Karachi", "the president of South Korea"). */
    size_t p = 0;
    while (p < np) {
        size_t q = p + 1;
        while (q < np) {
            size_t gap_from = pc[q - 1].last, gap_to = pc[q].first;
            bool glue = true, words = false;
            bool company = company_agent(ss, &pc[q]);
            for (size_t t = gap_from; t < gap_to && glue; t++) {
                glue = np_glue(&ss->toks[t]) || hyphen_led(ss, t) || (company && company_name_word(&ss->toks[t]));
                words |= ss->toks[t].cls != TOK_POSS;
            }
            if (gap_to - gap_from > 3) glue = false;
            /* Words between pieces modify a head noun to their right ("North Korean
             * shipping firms", "South Korea's new president"): the right piece must be an
             * agent, the left one not. */
            if (glue && words && (pc[q].kind != DICT_AGENT || pc[q - 1].kind == DICT_AGENT)) glue = false;
            bool has_actor = false;
            for (size_t k = p; k < q; k++) has_actor |= pc[k].kind == DICT_ACTOR;
            /* not after a possessive pronoun: "its forces in Lebanon" are its own */
            bool owned = pc[p].first > 0 && ss->toks[pc[p].first - 1].pos == LEX_POS_POSSPRON;
            /* the title opens its phrase: not an office of an organisation named before it
             * ("the OAS Secretary General Luis Almagro of Uruguay") */
            size_t tf = pc[q - 1].first;
            bool title_opens = tf == 0 || !(ss->toks[tf - 1].cls == TOK_QUOTE || ss->toks[tf - 1].cls == TOK_POSS ||
                                            (ss->toks[tf - 1].flags & (TOK_CAP | TOK_ALLCAPS)));
            if (!glue && !has_actor && !owned && title_opens && pc[q - 1].kind == DICT_AGENT && pc[q].kind == DICT_ACTOR &&
                titled_name_of(ss, gap_from, gap_to) && heads_phrase(ss, pc, np, q))
                glue = true;
            else if (!glue && !has_actor && !owned && gap_to - gap_from <= 2 && pc[q - 1].kind == DICT_AGENT &&
                     pc[q].kind == DICT_ACTOR && !opens_body_name(ss, pc, np, q)) {
                const tok *pt = &ss->toks[gap_from];
                if (tok_is(pt, "of") || tok_is(pt, "in") ||
                    (tok_is(pt, "for") && speaks_for(&ss->toks[pc[q - 1].last - 1]) &&
                     heads_phrase(ss, pc, np, q)) ||
                    (tok_is(pt, "to") && advises(&ss->toks[pc[q - 1].last - 1]) && heads_phrase(ss, pc, np, q)) ||
                    (tok_is(pt, "from") && sent_from(&ss->toks[pc[q - 1].last - 1]) && heads_phrase(ss, pc, np, q)) ||
                    (tok_is(pt, "from") && dict_actor_is_community(pc[q - 1].a) &&
                     dict_actor_is_community(pc[q].a))) {
                    /* not "from": troops leave from (but TABARI and PETRARCH join
                     * "soldiers from Gondor": GONMIL for community entries); "for" only
                     * after one who speaks or acts for another ("a spokesman for the
                     * Chinese foreign ministry") */
                    glue = true;
                    for (size_t t = gap_from + 1; t < gap_to && glue; t++)
                        glue = ss->toks[t].cls == TOK_WORD && (ss->toks[t].tags & LEX_DET);
                }
            }
            /* "the Democratic Party (DP) president": through the bracketed acronym */
            if (!glue && (glossed_before_office(ss, pc, np, q) || (q >= 2 && glossed_before_office(ss, pc, np, q - 1))))
                glue = true;
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
        compose(d, ss->toks, pc, p, q, ss->date, NULL, cr, m);
        /* "the leader of the Syrian Kurds": an office of a group that a word of country
         * describes is the group's (SYRKUR), not that country's government */
        if (m->code[0] && q > p + 1 && pc[q - 2].kind == DICT_AGENT && modifies_group(ss, pc, np, q - 1)) {
            const char *cc = dict_actor_code(pc[q - 1].a, ss->date), *gc = dict_actor_code(pc[q].a, ss->date);
            if (cc && gc && strlen(cc) == 3 && strlen(gc) == 3) {
                char tmp[DYAD_MAX_CODE_BYTES];
                snprintf(tmp, sizeof tmp, "%s%s", cc, gc);
                syn_copy_code(m->code, tmp);
            }
        }
        if (m->code[0]) {
            for (uint32_t t = m->first; t < m->last; t++) ss->mention_at[t] = (int32_t)ss->nm;
            ss->nm++;
            /* A community compound code ([FRO/BIL/SAM]: "the Shire" is three actors):
             * one mention per code over the same span, which mention_group puts in one
             * compound group, as TABARI and PETRARCH code it. */
            const char *also = m->actor && !(m->flags & SYN_M_PERSON) ? dict_actor_also(m->actor, ss->date) : NULL;
            while (also && *also && extra < n + 1) {
                const char *sl = strchr(also, '/');
                size_t al = sl ? (size_t)(sl - also) : strlen(also);
                char code[DYAD_MAX_CODE_BYTES];
                snprintf(code, sizeof code, "%.*s", (int)al, also);
                syn_mention *mm = &ss->m[ss->nm];
                compose(d, ss->toks, pc, p, q, ss->date, code, cr, mm);
                if (mm->code[0]) ss->nm++, extra++;
                also = sl ? sl + 1 : NULL;
            }
        }
        p = q;
    }
    institution_of_country(ss, ex);
    return DYAD_OK;
}

bool mention_retag_nouns(syn_sentence *ss) {
    size_t n = ss->n;
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
    return retag;
}

/* True when "before" at token b governs the noun phrase after it, which ends at token
 * `last`, as a preposition of place: "wept before Magistrates X and Y, pleading", "appeared
 * before the court on Monday". No finite verb follows the phrase in its clause, as one
 * would after the conjunction ("before police arrived", "before Mike Pompeo, the US
 * secretary of state, announced"): the scan goes on past commas and prepositions and
 * stops at the sentence's end, other punctuation or a clause's opening word. */
static bool before_as_place(const syn_sentence *ss, size_t b, size_t last) {
    if (!tok_is(&ss->toks[b], "before")) return false;
    for (size_t u = last; u < ss->n; u++) {
        const tok *w = &ss->toks[u];
        if (w->cls == TOK_PUNCT && w->norm[0] == ',') continue; /* "before Mike Pompeo, the US secretary of state, announced" */
        if (w->cls != TOK_WORD && w->cls != TOK_POSS) return true;
        if (w->tags & (LEX_AUX | LEX_MODAL)) return false;
        if (w->pos == LEX_POS_VERB && !(w->tags & LEX_GERUND)) return false;
        if (w->tags & (LEX_SUBCONJ | LEX_REL)) return true;
    }
    return true;
}

#define MENTION_MAX_POSSESSED_WORDS 6u /* "Mexico's largest fixed-line telephone and internet company" */

/* True when token u is a lower-case word of a possessed noun phrase: a noun or an
 * adjective ("largest", "fixed"), no function word. */
static bool possessed_word(const tok *t) {
    return t->cls == TOK_WORD && !(t->flags & TOK_CAP) && (t->tags & (LEX_NOUN | LEX_ADJ)) &&
           !(t->tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL | LEX_AUX | LEX_MODAL | LEX_PRON |
                        LEX_POSSPRON | LEX_SAY | LEX_DET));
}

/* Where the words a possessor owns begin, for a mention whose phrase opens at token t:
 * "capital" in "in Kenya's capital Nairobi"; the first word after the "'s" in "at
 * Mexico's largest fixed-line telephone and internet company" (an "and" between two such
 * words). A mention with no possessed words before it gives t itself. */
static size_t possessed_start(const syn_sentence *ss, size_t t, size_t first) {
    size_t h = t;
    while (h > 0 && h + MENTION_MAX_POSSESSED_NOUNS > t && ss->toks[h - 1].cls == TOK_WORD &&
           ss->toks[h - 1].pos == LEX_POS_NOUN && !(ss->toks[h - 1].flags & TOK_CAP))
        h--;
    if (h > 0 && ss->toks[h - 1].cls == TOK_POSS) return h;
    /* not across a relative "that" read as a determiner ("the mission that Sweden's
     * ambassador said") */
    for (size_t u = t; u < first; u++)
        if (ss->toks[u].tags & (LEX_REL | LEX_SUBCONJ)) return h;
    /* a longer phrase of nouns and adjectives, "and" between two of them, owned by an "'s" */
    size_t g = t;
    while (g > 0 && g + MENTION_MAX_POSSESSED_WORDS > t) {
        const tok *w = &ss->toks[g - 1];
        if (possessed_word(w)) { g--; continue; }
        if (tok_is(w, "and") && g < t && g > 1 && possessed_word(&ss->toks[g - 2])) { g--; continue; }
        break;
    }
    return g < t && g > 0 && ss->toks[g - 1].cls == TOK_POSS ? g : h;
}

/* True when token t is a noun of place that a name may stand in apposition to ("in the
 * capital, Manila", "in the city, Aleppo"). */
static bool apposed_place_noun(const tok *t) {
    static const char *const w[] = {"capital", "city", "town", "village", "province", "region", "port"};
    return tok_in(t, w, sizeof w / sizeof w[0]);
}

void mention_group(syn_sentence *ss) {
    size_t n = ss->n;
    /* 4. Governing prepositions and compound groups ("A, B and C"). */
    int32_t group = 0;
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        size_t t = m->first;
        /* (an -ing word read as an adjective modifies the noun: "by the ruling junta") */
        while (t > 0 && ss->toks[t - 1].cls == TOK_WORD &&
               (ss->toks[t - 1].tags & (LEX_DET | LEX_ADJ | LEX_NUM)) && !(ss->toks[t - 1].tags & LEX_PREP) &&
               (!(ss->toks[t - 1].tags & LEX_VERB) ||
                (ss->toks[t - 1].pos == LEX_POS_ADJ && (ss->toks[t - 1].tags & LEX_GERUND))))
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
        if (t > 0 && is_prep_word(&ss->toks[t - 1]) &&
            (!(ss->toks[t - 1].tags & LEX_SUBCONJ) || before_as_place(ss, t - 1, m->last)) && !of_quantity)
            m->flags |= SYN_M_AFTER_PREP, m->prep = ss->toks[t - 1].word ? ss->toks[t - 1].word : 1;
        /* "in the capital, Manila,": a name in apposition to a place noun that a
         * preposition governs, closed by a comma or the sentence's end, is that place,
         * governed by the same preposition (not "deployed in the town, Moscow said") */
        if (!(m->flags & SYN_M_AFTER_PREP) && t >= 3 && ss->toks[t - 1].cls == TOK_PUNCT && ss->toks[t - 1].norm[0] == ',' &&
            apposed_place_noun(&ss->toks[t - 2]) &&
            (m->last >= ss->n || (ss->toks[m->last].cls == TOK_PUNCT && strchr(",.;", ss->toks[m->last].norm[0])))) {
            size_t p = t - 3;
            if (p > 0 && (ss->toks[p].tags & LEX_DET)) p--;
            if (is_prep_word(&ss->toks[p]) && !(ss->toks[p].tags & LEX_SUBCONJ))
                m->flags |= SYN_M_AFTER_PREP, m->prep = ss->toks[p].word ? ss->toks[p].word : 1;
        }
        /* "in Kenya's capital Nairobi", "with Russia's Putin": the possessor and what it
         * owns are one phrase, governed by the possessor's preposition */
        size_t h = possessed_start(ss, t, m->first);
        if (k > 0 && h > 0 && ss->toks[h - 1].cls == TOK_POSS && ss->m[k - 1].last + 1 == h &&
            (ss->m[k - 1].flags & SYN_M_AFTER_PREP) && !(m->flags & SYN_M_AFTER_PREP))
            m->flags |= SYN_M_AFTER_PREP, m->prep = ss->m[k - 1].prep;
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
                /* "A and his Jordanian counterpart B" (coreference left the possessive
                 * no mention of its own): the counterparts are co-subjects */
                if (conj && g->pos == LEX_POS_POSSPRON && u + 1 == t && mention_names_counterpart(ss, m)) continue;
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
}

/* True when mention m says "proxy"/"proxies": its possessor or partner ("its proxies",
 * "Turkey and a proxy Arab force") sponsors it and lends it no country. */
static bool names_proxy(const syn_sentence *ss, const syn_mention *m) {
    for (uint32_t u = m->first; u < m->last && u < ss->n; u++)
        if (proxy_of(ss->toks, u)) return true;
    return false;
}

/* True when the office of unnamed mention m (a government title: "president",
 * "officials") belongs to an organisation dyad does not know: an acronym right before it
 * ("ASUU President", "NLCIL officials") or, after "of (the)", a name no lexicon knows that
 * an organisation's word closes within four words ("the president of the Zihuatanejo
 * Hotel Association"; not "the mayor of Kitui", a place). Such an office holder is no
 * official of the country the context names. */
static bool office_of_unknown(const syn_sentence *ss, const syn_mention *m) {
    size_t cl = strlen(m->code);
    if (cl < 6 || strcmp(m->code + cl - 3, "GOV")) return false;
    if (m->first > 0 && ss->mention_at[m->first - 1] < 0 && ss->toks[m->first - 1].cls == TOK_WORD &&
        (ss->toks[m->first - 1].flags & TOK_ALLCAPS) && ss->toks[m->first - 1].norm_len >= 3)
        return true;
    size_t u = m->last;
    if (u >= ss->n || !tok_is(&ss->toks[u], "of")) return false;
    u++;
    if (u < ss->n && tok_is(&ss->toks[u], "the")) u++;
    /* (or a country's name opening it: "the Chinese Association of ...", left out of
     * the actors by mention_find) */
    if (u >= ss->n || ss->mention_at[u] >= 0 ||
        !(unknown_name(ss, u) || (ss->toks[u].flags & TOK_ORGNAME)))
        return false;
    return org_name_from(ss, u);
}

/* True when mention m names a body of civil society with a country: a union, a
 * business, a news outlet, a school or a rights group ("ZAFLAB", "KENBUS"), not a
 * person, a place or a pronoun. */
static bool civil_body(const syn_mention *m) {
    static const char sectors[][4] = {"LAB", "BUS", "MED", "EDU", "HRI"};
    size_t l = strlen(m->code);
    if (l != 6 || (m->flags & (SYN_M_PLACE | SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY))) return false;
    for (size_t k = 0; k < sizeof sectors / sizeof sectors[0]; k++)
        if (!memcmp(m->code + 3, sectors[k], 4)) return true;
    return false;
}

/* True when mention m is a body no dictionary knows, named by the capitalised words
 * that a name_head closes, of no state's sector ("Bahri Logistics", "Kenya Steel
 * Industries"): an office of it is its own. */
static bool unknown_body(const syn_sentence *ss, const syn_mention *m) {
    static const char sectors[][4] = {"BUS", "NGO", "LAB", "EDU", "HLH", "DEV"};
    if (strlen(m->code) != 6 || m->last == 0 || (m->flags & (SYN_M_PLACE | SYN_M_PERSON | SYN_M_PRONOUN)) ||
        !name_head(&ss->toks[m->last - 1]))
        return false;
    for (size_t k = 0; k < sizeof sectors / sizeof sectors[0]; k++)
        if (!memcmp(m->code + 3, sectors[k], 4)) return true;
    return false;
}

/* "Assistant Director-General and Regional Director for Africa of ILO": an office alone
 * whose phrase, through further titles ("and Regional Director") and a region or
 * country after "for", ends in "of" and an international or non-governmental
 * organisation, or a party ("floor leader of the ruling People Power Party"), holds
 * that office in the organisation: the index of the organisation's mention, or -1. At
 * most MENTION_MAX_OFFICE_TAIL tokens between. */
#define MENTION_MAX_OFFICE_TAIL 8u

static int32_t office_of_organisation(const syn_sentence *ss, const syn_mention *m) {
    bool after_for = false;
    for (uint32_t u = m->last; u < ss->n && u < m->last + MENTION_MAX_OFFICE_TAIL; u++) {
        const tok *t = &ss->toks[u];
        int32_t mi = ss->mention_at[u];
        bool at = tok_is(t, "at");
        if (at || tok_is(t, "of")) {
            uint32_t v = u + 1;
            if (v < ss->n && tok_is(&ss->toks[v], "the")) v++;
            /* "President of Bahri Logistics", "a manager at Kenya Steel Industries": an
             * office "of" or "at" a body whose name no dictionary knows, closed by a word
             * that is no state's (name_head), is that body's */
            uint32_t w = v;
            while (w < ss->n && w < v + 3 && ss->mention_at[w] < 0 && ss->toks[w].cls == TOK_WORD &&
                   (ss->toks[w].flags & TOK_CAP))
                w++;
            if (w < ss->n && ss->mention_at[w] >= 0 && unknown_body(ss, &ss->m[ss->mention_at[w]]))
                return ss->mention_at[w];
            if (at) return -1;
            /* "floor leader of the ruling People Power Party": a party's office is the
             * party's, whatever adjective stands before its name */
            w = v;
            while (w < ss->n && w < v + 2 && ss->mention_at[w] < 0 && ss->toks[w].pos == LEX_POS_ADJ) w++;
            if (w < ss->n && ss->mention_at[w] >= 0 && ss->m[ss->mention_at[w]].first == w &&
                party_code(ss->m[ss->mention_at[w]].code))
                return ss->mention_at[w];
            /* "the secretary general of the National Union of Namibian Workers": an
             * office of a union, a firm, a news outlet, a school or a rights group is that
             * body's, capitalised words of its name that no entry holds before it */
            w = v;
            while (w < ss->n && w < v + 2 && ss->mention_at[w] < 0 && ss->toks[w].cls == TOK_WORD &&
                   (ss->toks[w].flags & TOK_CAP))
                w++;
            if (w < ss->n && ss->mention_at[w] >= 0 && ss->m[ss->mention_at[w]].first == w &&
                civil_body(&ss->m[ss->mention_at[w]]))
                return ss->mention_at[w];
            if (v >= ss->n || ss->mention_at[v] < 0) return -1;
            const syn_mention *o = &ss->m[ss->mention_at[v]];
            return (!strncmp(o->code, "IGO", 3) || !strncmp(o->code, "NGO", 3)) && o->first == v ? ss->mention_at[v] : -1;
        }
        if (mi >= 0) {
            /* "for Africa": the region or country the office covers */
            const syn_mention *p = &ss->m[mi];
            if (!after_for || !(p->flags & (SYN_M_PLACE | SYN_M_REGION))) return -1;
            u = p->last - 1;
            after_for = false;
            continue;
        }
        if (tok_is(t, "and")) continue;
        if (tok_is(t, "for")) { after_for = true; continue; }
        if (t->cls == TOK_WORD && (t->flags & TOK_CAP) && !(t->tags & (LEX_PREP | LEX_DET))) continue;
        return -1;
    }
    return -1;
}

/* True when mention m is a country's name in capitals whose words the dictionaries know
 * only as an office or body ("Myanmar's National Unity Government"), and a bracket right
 * after it holds an acronym the dictionaries know as an actor of the same country ("(NUG)"):
 * the acronym names the body; the office words would make it the state's. The acronym's
 * mention, or -1. */
static int32_t acronym_gloss(const syn_sentence *ss, const syn_mention *m) {
    if (!m->agent || !m->actor || m->office_last != m->last || m->last + 2 >= ss->n || (m->flags & SYN_M_PRONOUN))
        return -1;
    const char *ac = dict_actor_code(m->actor, ss->date);
    if (!ac || !is_country_code(ac)) return -1;
    for (uint32_t u = m->office_first; u < m->office_last; u++)
        if (!(ss->toks[u].flags & TOK_CAP)) return -1;
    if (!punct_is(&ss->toks[m->last], '(') || !punct_is(&ss->toks[m->last + 2], ')')) return -1;
    int32_t gi = ss->mention_at[m->last + 1];
    if (gi < 0) return -1;
    const syn_mention *g = &ss->m[gi];
    if (g->first != m->last + 1 || g->last != m->last + 2 || !(ss->toks[g->first].flags & TOK_ALLCAPS) ||
        !g->actor || g->agent || (g->flags & (SYN_M_PLACE | SYN_M_PERSON | SYN_M_PRONOUN)) ||
        !strcmp(g->code, m->code) || strncmp(g->code, ac, 3))
        return -1; /* (an acronym of another country's is another body: "NPA") */
    return gi;
}

#define MENTION_MAX_STATES_ADJECTIVES 2u /* "leaders of Muslim countries", "of the Gulf Arab states" */

/* True when mention m, a role "of" something, is followed by a plural of states: "the
 * leaders of Muslim countries", "ministers of the Gulf states", "representatives of
 * member nations". Such a group holds offices of many states and takes no one country
 * from the sentence or story. */
static bool of_many_states(const syn_sentence *ss, const syn_mention *m) {
    bool of = false;
    for (uint32_t u = m->first; u < m->last && !of; u++) of = tok_is(&ss->toks[u], "of");
    uint32_t u = m->last;
    if (!of && u < ss->n && tok_is(&ss->toks[u], "of")) of = true, u++;
    if (!of) return false;
    /* adjectives, "the", "member", "neighbouring", "Muslim" */
    for (uint32_t k = 0; k < MENTION_MAX_STATES_ADJECTIVES && u < ss->n && ss->toks[u].cls == TOK_WORD &&
                         !(ss->toks[u].tags & (LEX_PREP | LEX_CONJ | LEX_SUBCONJ | LEX_REL | LEX_AUX | LEX_MODAL |
                                               LEX_PRON | LEX_PLURAL));
         k++)
        u++;
    if (u >= ss->n || !(ss->toks[u].tags & LEX_PLURAL)) return false;
    const tok *t = &ss->toks[u];
    return tok_lemma_is(t, "country") || tok_lemma_is(t, "nation") || tok_lemma_is(t, "state");
}

void mention_settle(syn_sentence *ss, const syn_coref *cr) {
    size_t n = ss->n;
    /* "Myanmar's National Unity Government (NUG)": the acronym names the body */
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        int32_t gi = acronym_gloss(ss, m);
        if (gi < 0) continue;
        syn_copy_code(m->code, ss->m[gi].code);
        m->actor = ss->m[gi].actor;
        m->flags = (m->flags & ~(unsigned)SYN_M_AGENT_ONLY) | SYN_M_GLOSSED;
    }
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        if ((m->flags & SYN_M_AGENT_ONLY) && !m->actor && !strncmp(m->code, "---", 3) && office_of_unknown(ss, m))
            m->flags |= SYN_M_NAMED_BEFORE;
        int32_t oi;
        if ((m->flags & SYN_M_AGENT_ONLY) && !m->actor && (oi = office_of_organisation(ss, m)) >= 0) {
            syn_copy_code(m->code, ss->m[oi].code);
            /* (an unknown body with no country takes the context's, and so does its office) */
            if (!(ss->m[oi].flags & SYN_M_AGENT_ONLY)) m->flags &= ~SYN_M_AGENT_ONLY;
        }
    }
    /* "pulled back from positions around Kyiv", "fired rockets at Seoul": after a
     * preposition of place a capital is the place (the country), not the government. */
    for (size_t k = 0; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        /* (not for a community entry: TABARI and PETRARCH code the entry as written) */
        if (!(m->flags & SYN_M_AFTER_PREP) || (m->flags & (SYN_M_PERSON | SYN_M_PRONOUN | SYN_M_AGENT_ONLY)) ||
            m->agent || strlen(m->code) != 6 || strcmp(m->code + 3, "GOV") || m->first == 0 ||
            dict_actor_is_community(m->actor))
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
        if (m->group != nx->group || !(m->flags & SYN_M_PLACE) || !nx->agent || m->agent ||
            dict_actor_is_community(nx->agent) || names_proxy(ss, nx))
            continue;
        if (m->last >= n || ss->toks[m->last].cls != TOK_WORD) continue;
        if (!tok_is(&ss->toks[m->last], "and") && !tok_is(&ss->toks[m->last], "or")) continue;
        /* "Turkey and its Syrian rebel allies": the other member's own, not shared */
        if (m->last + 1 < n && ss->toks[m->last + 1].pos == LEX_POS_POSSPRON) continue;
        const char *gc = dict_actor_code(nx->agent, ss->date);
        char tmp[DYAD_MAX_CODE_BYTES];
        if (!gc) continue;
        syn_copy_code(m->code, dict_compose(m->code, gc, tmp));
        m->agent = nx->agent;
        m->flags &= ~SYN_M_PLACE;
    }

    /* "ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in France and Germany":
     * the agent before "of"/"in" heads the whole list, so the bare countries after the
     * first member take it too. */
    for (size_t k = 0; k + 1 < ss->nm; k++) {
        const syn_mention *h = &ss->m[k];
        if (!h->agent || !h->actor || (h->flags & (SYN_M_PERSON | SYN_M_PRONOUN))) continue;
        bool headed = false;
        for (uint32_t u = h->first; u < h->last && !headed; u++)
            headed = tok_is(&ss->toks[u], "of") || tok_is(&ss->toks[u], "in");
        if (!headed) continue;
        const char *gc = dict_actor_code(h->agent, ss->date);
        for (size_t j = k + 1; gc && j < ss->nm && ss->m[j].group == h->group; j++) {
            syn_mention *m = &ss->m[j];
            if (!(m->flags & SYN_M_PLACE) || m->agent) continue;
            char tmp[DYAD_MAX_CODE_BYTES];
            syn_copy_code(m->code, dict_compose(m->code, gc, tmp));
            m->agent = h->agent;
            m->flags &= ~SYN_M_PLACE;
        }
    }

    /* "Beijing warned its citizens", "ordered his generals": a possessive pronoun gives
     * the unnamed group after it the possessor's country (its own words). */
    for (size_t k = 1; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        const syn_mention *pm = &ss->m[k - 1];
        char cc[4];
        /* not an ethnic or religious group ("its Kurdish proxies" are not American) */
        if (!(m->flags & SYN_M_AGENT_ONLY) || m->actor || strncmp(m->code, "---", 3) || !(pm->flags & SYN_M_PRONOUN) ||
            pm->last != m->first || ss->toks[pm->first].pos != LEX_POS_POSSPRON || !coref_code_country(pm->code, cc) ||
            names_proxy(ss, m))
            continue;
        char tmp[DYAD_MAX_CODE_BYTES];
        snprintf(tmp, sizeof tmp, "%s%s", cc, m->code + 3);
        syn_copy_code(m->code, tmp);
    }

    /* An unnamed group ("rebels", "police", "gunmen") without a country of its own
     * (composed above: "Syrian rebels", or the dateline's, home) takes, in this order:
     * a place the sentence names with in/at ("attacked insurgents in Mogadishu", "coup
     * leaders in Niamey"); the one state the sentence names, as a group's own state acts
     * on it ("Turkish police detained journalists", "demanded the resignation of
     * President Yanukovych"); the one country the story named in earlier sentences.
     * The state is a country, its capital or a non-military official body: nationals
     * name no state ("Gunmen kidnapped a French aid worker": ---UAF), nor does an army,
     * which fights abroad as often as at home ("Syrian troops attacked rebels": ---REB).
     * A state body named without a country ("the president", "the government", "police")
     * takes the one country the sentence names, whoever carries it ("Greek workers
     * protested against the government": GRCGOV). Refugees and migrants take only a
     * place ("Greek border guards fired tear gas at migrants": ---REF). A region ("schools
     * in the Asian financial hub") is no country and lends none. */
    /* "the leaders of neighbouring countries" in a story datelined Cairo: offices of many
     * states are not the dateline's either */
    for (size_t k = 0; k < ss->nm && cr->home[0]; k++) {
        syn_mention *m = &ss->m[k];
        if ((m->flags & SYN_M_AGENT_ONLY) && !(m->flags & SYN_M_NAMED_BEFORE) && strlen(m->code) >= 6 &&
            !memcmp(m->code, cr->home, 3) && of_many_states(ss, m))
            memcpy(m->code, "---", 3);
    }
    if (!cr->home[0]) {
        char place[4], state[4], any[4], story[4] = "";
        bool one_state, one_any;
        sentence_countries(ss, UINT32_MAX, UINT32_MAX, place, state, &one_state, any, &one_any);
        if (cr->n_countries == 1) memcpy(story, cr->countries[0], sizeof story);
        for (size_t k = 0; k < ss->nm; k++) {
            syn_mention *m = &ss->m[k];
            if (!(m->flags & SYN_M_AGENT_ONLY) || (m->flags & SYN_M_NAMED_BEFORE) || strncmp(m->code, "---", 3) ||
                dict_actor_is_community(m->agent))
                continue;
            /* "the leaders of Muslim countries": offices of many states, of none; donors
             * ("donors froze their aid to Malawi") give to another state than their own,
             * which only a word of their own names ("Western donors") */
            if (of_many_states(ss, m) || donor_words(ss->toks, m->first, m->last)) continue;
            bool body = strlen(m->code) == 6 && office_sector(m->code + 3);
            /* refugees and migrants come from elsewhere: only a place gives theirs */
            bool displaced = strlen(m->code) == 6 && !strcmp(m->code + 3, "REF");
            /* "an official", "a Supreme Court justice": someone unidentified is of no
             * country another phrase of the sentence names; only the place of its own
             * phrase ("an official in Kabul"), else the story's country */
            if (indefinite(ss, m)) {
                /* "an official", "a Supreme Court justice": someone the story has not
                 * identified is of no country named after it, which is what it speaks
                 * of or acts on ("a federal judge found Sudan liable" is no Sudanese
                 * judge); the place of its own phrase ("an official in Kabul") and a
                 * state named before it, which acts on it ("Honduras arrested a
                 * suspect"), still count; the story's one country only when the
                 * sentence names none */
                char pb[4], sb[4], ab[4];
                bool osb, oab;
                sentence_countries(ss, m->first, own_place(ss, m), pb, sb, &osb, ab, &oab);
                const char *cb = pb[0]                  ? pb
                                 : displaced            ? ""
                                 : body && oab && ab[0] ? ab
                                 : !body && osb && sb[0] ? sb
                                 : any[0]               ? "" /* not the story's against the sentence's */
                                                        : story;
                if (!cb[0]) continue;
                char tmp[DYAD_MAX_CODE_BYTES];
                snprintf(tmp, sizeof tmp, "%s%s", cb, m->code + 3);
                syn_copy_code(m->code, tmp);
                continue;
            }
            const char *cc = place[0]                     ? place
                             : displaced                    ? ""
                             : body && one_any && any[0]    ? any
                             : !body && one_state && state[0] ? state
                                                            : story;
            if (!cc[0]) continue;
            char tmp[DYAD_MAX_CODE_BYTES];
            snprintf(tmp, sizeof tmp, "%s%s", cc, m->code + 3);
            syn_copy_code(m->code, tmp);
        }
    }

    /* "British sailors and marines": an unnamed member of a compound shares the country
     * of the member before it. */
    for (size_t k = 1; k < ss->nm; k++) {
        syn_mention *m = &ss->m[k];
        const syn_mention *pm = &ss->m[k - 1];
        /* (not a community agent: TABARI and PETRARCH leave it ---) */
        if (m->group != pm->group || !(m->flags & SYN_M_AGENT_ONLY) || strncmp(m->code, "---", 3) ||
            !strncmp(pm->code, "---", 3) || strlen(pm->code) < 3 || !strncmp(pm->code, "IGO", 3) ||
            dict_actor_is_community(m->agent))
            continue;
        char tmp[DYAD_MAX_CODE_BYTES];
        snprintf(tmp, sizeof tmp, "%.3s%s", pm->code, m->code + 3);
        syn_copy_code(m->code, tmp);
    }
}
