/* coder_int.h: what the coder's stages share. A sentence goes through them in this order:
 *   syntax.c    tokens, tags and the analysis below, in order (syn_analyse)
 *   clause.c    quotations, parentheticals, clause numbers
 *   mention.c   actor mentions: dictionary hits glued into noun phrases, codes composed,
 *               governing prepositions, compound groups, countries of unnamed groups
 *   mention_list.c  the mention list in token order (used by mention.c and coref.c)
 *   coref.c     pronouns, "the North", the speaker of a quotation, the story's memory
 *   match.c     verb candidates and verb-pattern matching
 *   roles.c     who did it to whom: subjects, passive agents, default targets
 *   modality.c  negation, intent, threats, and CAMEO's mirrored verbal codes
 *   discard.c   the story-level discard tally (sports, entertainment, ...)
 *   geo.c       where each event happened (the gazetteer is in internal.h)
 *   coder.c     orchestration and event emission (the public dyad_coder_*) */
#ifndef DYAD_CODER_INT_H
#define DYAD_CODER_INT_H

#include "internal.h"

#include <string.h>

/* Copies an actor code, truncated to DYAD_MAX_CODE_BYTES - 1 bytes. */
static inline void syn_copy_code(char dst[DYAD_MAX_CODE_BYTES], const char *src) {
    size_t n = strlen(src);
    if (n >= DYAD_MAX_CODE_BYTES) n = DYAD_MAX_CODE_BYTES - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* True when t is a word whose lemma (or normalized form, when it has none) is w. */
static inline bool tok_lemma_is(const tok *t, const char *w) {
    if (t->cls != TOK_WORD) return false;
    const char *l = t->lemma ? t->lemma : t->norm;
    return l[0] == w[0] && !strcmp(l, w); /* the first letter first: most words differ there */
}

/* True when t is a word whose lemma (or normalized form) is one of the n words of list l:
 * tok_lemma_is's answer, the lemma read once. */
static inline bool tok_lemma_in(const tok *t, const char *const *l, size_t n) {
    if (t->cls != TOK_WORD) return false;
    const char *w = t->lemma ? t->lemma : t->norm;
    for (size_t q = 0; q < n; q++)
        if (w[0] == l[q][0] && !strcmp(w, l[q])) return true;
    return false;
}

/* True when token u of toks[0..n) is "and" or "or" between two adverbs ("should immediately
 * and unconditionally release"): adverbs so joined stand between a modal and its verb as
 * one adverb does. */
static inline bool tok_adverb_conj(const tok *toks, size_t n, size_t u) {
    return u > 0 && u + 1 < n && (tok_is(&toks[u], "and") || tok_is(&toks[u], "or")) &&
           toks[u - 1].cls == TOK_WORD && (toks[u - 1].tags & LEX_ADV) && toks[u + 1].cls == TOK_WORD &&
           (toks[u + 1].tags & LEX_ADV);
}

/* True when t is a form of "be". */
static inline bool tok_is_be(const tok *t) {
    static const char *const be[] = {"be", "is", "are", "was", "were", "been", "being", "am"};
    for (size_t i = 0; i < sizeof be / sizeof be[0]; i++)
        if (tok_is(t, be[i])) return true;
    return false;
}

/* True when t is one of the n words of list l (tok_is). */
static inline bool tok_in(const tok *t, const char *const *l, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (tok_is(t, l[i])) return true;
    return false;
}

/* True when t is the punctuation character ch. */
static inline bool tok_punct_is(const tok *t, char ch) {
    return t->cls == TOK_PUNCT && t->norm_len == 1 && t->norm[0] == ch;
}

/* ---------------------------------------------------------------------------
 * The analysed sentence: tokens, actor mentions (noun phrases holding actors), compound
 * groups, clauses, parentheticals, quotations.
 * ------------------------------------------------------------------------- */
#define SYN_M_PERSON 0x01u     /* a person entry is part of the mention */
#define SYN_M_PLACE 0x02u      /* a bare country or place code (no sector) */
#define SYN_M_PRONOUN 0x04u    /* a pronoun or "the North": resolved by coreference */
#define SYN_M_AFTER_PREP 0x08u /* governed by a preposition ("in Seoul") */
#define SYN_M_UNRESOLVED 0x10u /* a pronoun nobody could be found for */
#define SYN_M_AGENT_ONLY 0x20u /* only an agent: "the president" */
#define SYN_M_NAMED_BEFORE 0x40u /* "the two leaders", "both sides", "Hezbollah's fighters":
                                  * an unnamed group whose country no context supplies */
#define SYN_M_REGION 0x80u     /* a region's code (ASA, MEA, WST): no country of its own */
#define SYN_M_TITLED 0x100u    /* an office right before a person's name ("Crown Prince
                                * Mohammed bin Salman"), or one coreference gave a holder */
#define SYN_M_GLOSSED 0x200u   /* a name composed of words the dictionaries know as an
                                * office, coded as the acronym in brackets after it */

typedef struct syn_mention {
    uint32_t first, last;          /* tokens [first, last) */
    char code[DYAD_MAX_CODE_BYTES];
    const dict_actor *actor;       /* the main entry (country, organisation, person) */
    const dict_actor *agent;       /* the agent entry that gave the sector, if any */
    const dict_actor *extra;       /* a further entry that was composed in (for rules) */
    const dict_actor *referent;    /* a pronoun's: the person entry it stands for, if known */
    unsigned flags;                /* SYN_M_* */
    int32_t group;                 /* mentions joined by and/or share a group id */
    uint32_t prep;                 /* word id of the governing preposition, or 0 */
    uint32_t office_first, office_last; /* the agent's tokens [first, last) when an agent
                                         * is part of the mention, else 0, 0 */
    uint32_t name_start, name_end; /* a pronoun's: the bytes [start, end) of the story text
                                    * that named the actor it stands for ("Ehud Barak" for
                                    * "he"), in this sentence or an earlier one; 0, 0 when
                                    * none is known */
} syn_mention;

/* A "he" or "she" with no person before it in its own sentence means the person named last
 * in the story only when that sentence is at most this many sentences back: wire copy names
 * a speaker again after a paragraph or two, and a pronoun further on is someone dyad does
 * not know (an unnamed official, a witness), not a leader named at the top. */
#define COREF_PERSON_REACH 2u

/* An "it" with no state or organisation before it in its own sentence means the one
 * named last in the story only when that sentence is at most this many sentences back
 * (and no name dyad does not know stood in between): wire copy's "it" follows its
 * antecedent closely, and one further on is often a company or body dyad cannot code. */
#define COREF_THING_REACH 2u

/* The offices a story named with their holder, for coreference (coref_note_titles): at
 * most this many, each at most COREF_TITLE_BYTES of words. */
#define COREF_MAX_TITLES 24u
/* An office alone refers back to its holder only when the story named them together at
 * most this many sentences before (a live blog's "the prime minister" 300 sentences
 * after another country's is its own country's). */
#define COREF_TITLE_REACH 10u
#define COREF_TITLE_BYTES 48u

/* An office the story named with its holder ("Crown Prince Mohammed bin Salman": "crown
 * prince"), or a name no dictionary knows that an office with a country preceded ("U.S.
 * Special Envoy Mike Hammer": "=hammer"), and the code it had. */
typedef struct syn_title {
    char words[COREF_TITLE_BYTES];
    char code[DYAD_MAX_CODE_BYTES];
    bool ambiguous; /* named for two codes: "the president" after two presidents */
    bool guess;     /* only named with a holder dyad could not place ("President Lopez
                     * Obrador", a name no dictionary knows): it only makes others ambiguous */
    bool holderless; /* only named with its country, no holder ("Turkey's foreign minister") */
    uint32_t sentence; /* the sentence that named it last */
} syn_title;

#define COREF_SPEAKER_NAMES 10u /* words of a speaker's name kept to know its surname again */
#define COREF_OTHER_NAMES 16u   /* names of people no dictionary knows, kept per story */
/* The speakers whose saying a story dated with a day of its own ("Bolton said on
 * Sunday"), kept per story for their later undated sayings (coder_speaker_day): at most
 * this many, the oldest forgotten first. */
#define COREF_SPEAKER_DAYS 16u
/* A later "Bolton said" takes the speaker's dated day only when that day is at most this
 * many days before the story's date: wire copy's follow-up quotes come from the occasion
 * the story dated, and a day further back is another story's news. */
#define COREF_SPEAKER_DAY_REACH 7
#define COREF_NAME_BYTES 24u    /* the longest such name word kept */

/* Coreference state that lives for one story. */
typedef struct syn_coref {
    char person[DYAD_MAX_CODE_BYTES];   /* last person mentioned: he/she/him/his */
    uint32_t person_sentence;           /* the index of the sentence that named it */
    uint32_t person_start, person_end;
    char thing[DYAD_MAX_CODE_BYTES];    /* last state/organisation: it/its */
    uint32_t thing_sentence;            /* the index of the sentence that named it */
    uint32_t thing_start, thing_end;
    char plural[2][DYAD_MAX_CODE_BYTES];/* last compound: they/them/their */
    char speaker[DYAD_MAX_CODE_BYTES];  /* who is speaking in quotes: we/I/our */
    uint32_t speaker_start, speaker_end;
    char speaker_names[COREF_SPEAKER_NAMES][24]; /* the speaker's capitalised words */
    size_t n_speaker_names;
    bool korea_story;                   /* "the North"/"the South" mean PRK/KOR */
    struct {
        const dict_actor *who;          /* a dictionary person */
        int32_t date;                   /* the day of the person's last dated saying */
    } speaker_days[COREF_SPEAKER_DAYS];
    size_t n_speaker_days;
    const dict_actor *person_actor;     /* the dictionary entry of `person` */
    char home[4];                       /* the dateline's country: "police" alone -> its COP */
    char countries[32][4];              /* the countries the story named so far */
    size_t n_countries;
    size_t n_seen;                      /* persons named in full so far */
    char other_names[COREF_OTHER_NAMES][COREF_NAME_BYTES]; /* a dictionary person's short
                                         * form or a place, named earlier as part of the
                                         * name of someone no dictionary knows ("Kim
                                         * Kyou-hyun", "Marcelo Arequipa") */
    size_t n_other_names;
    char other_acronyms[COREF_OTHER_NAMES][COREF_NAME_BYTES]; /* acronyms the story glossed
                                         * as another body than the dictionary's ("the
                                         * National Police Agency (NPA)") */
    size_t n_other_acronyms;
    const dict_actor *seen[64];
    int year;                           /* date_story_year: the story's year, else 0 */
    bool obituary;                      /* discard_obituary: the story narrates a life */
    bool past_scene;                    /* the story's time line stands in an earlier
                                         * year or month (modality_timeline_update) */
    syn_title titles[COREF_MAX_TITLES]; /* offices named with their holder so far */
    char business[DYAD_MAX_CODE_BYTES]; /* last named business with its country: "the company" */
    uint32_t business_sentence;         /* the index of the sentence that named it */
    size_t n_titles;
} syn_coref;

#define SYN_PAREN_RELATIVE 1u   /* ", who met Kim ," */
#define SYN_PAREN_PARTICIPLE 2u /* ", backed by Turkey ,": describes a noun; no event */
#define SYN_PAREN_APPOSITION 3u /* ", Russia's foreign minister ," after an actor */

/* The dates modality.c's span_date found in spans of a sentence, kept for the sentence
 * (a verb's questions, its events and the time line ask about the same spans again):
 * SYN_SPAN_DATES spans, the oldest replaced first. A span is its first and last byte
 * offsets in the story text. */
#define SYN_SPAN_DATES 16
typedef struct syn_span_dates {
    struct {
        uint32_t st, en; /* the span's bytes [st, en) in the story text */
        uint32_t verb;   /* where the verb whose words they are begins */
        int32_t date;    /* its first date, 0 if none */
        int prec;        /* the date's precision (DYAD_DATE_*) */
    } span[SYN_SPAN_DATES];
    size_t n; /* spans kept (at most SYN_SPAN_DATES); the next replaced is n % SYN_SPAN_DATES */
} syn_span_dates;

/* The actor dictionary's longest match at a token (dict_match_actor), kept as
 * mention_find found it: the place names of geo.c ask again at capitalized words. */
typedef struct syn_actor_at {
    const dict_actor *hit; /* the entry matched, NULL if none */
    uint8_t len;           /* tokens matched (at most DICT_MAX_NAME_WORDS) */
    bool known;            /* mention_find asked at this token */
} syn_actor_at;

typedef struct syn_sentence {
    const dyad_story *story;
    uint32_t index;     /* sentence index */
    int32_t date;       /* date for date-restricted entries */
    int year;           /* the story's year (date_story_year), 0 if unknown */
    bool obituary;      /* the story is an obituary (discard_obituary) */
    bool past_scene;    /* the sentences before left the time line in the past */
    tok *toks;
    size_t n;
    int32_t *mention_at; /* per token: index of the mention covering it, or -1 */
    syn_mention *m;
    size_t nm;
    uint16_t *clause;    /* per token: clause number */
    uint8_t *paren;      /* per token: inside a parenthetical, SYN_PAREN_* or 0 */
    uint8_t *quoted;     /* per token: 1 inside quotation marks */
    uint8_t *skip_len;   /* per token: length of a phrase starting there that may stand
                          * between pattern elements: time, quantity, place (coder) */
    uint64_t words[16];  /* a 1024-bit set of the sentence's word ids (id % 1024) */
    syn_span_dates *span_dates; /* span_date's answers so far (written through a const
                                 * sentence: a cache); NULL keeps none */
    syn_actor_at *actor_at;     /* per token: mention_find's dictionary matches; NULL: none */
} syn_sentence;

/* Tokenizes, tags and analyses one sentence: mentions (with coreference), groups,
 * clauses. Everything comes from a. When ex is not NULL, appends an explanation. */
int syn_analyse(arena *a, const dyad_dict *d, const dyad_story *s, size_t index,
                syn_coref *cr, syn_sentence *out, dyad_buf *ex);

/* ---------------------------------------------------------------------------
 * clause.c: quotations, parentheticals and clause numbers of an analysed sentence.
 * ------------------------------------------------------------------------- */
/* Marks ss->quoted: tokens between an opening and a closing quote; the whole sentence
 * when the reader flagged it as quoted speech (quoted_sentence) and no mark inside it
 * says otherwise. */
void clause_mark_quotes(syn_sentence *ss, bool quoted_sentence);
/* Marks ss->paren: ", who/which ... ," relative clauses and ", backed by Turkey ,"
 * participial modifiers of a noun, of at most SYN_MAX_PAREN_TOKENS tokens, skipped
 * when looking for subjects (TABARI deleted such clauses). */
void clause_mark_parentheticals(syn_sentence *ss);
/* Marks appositions in ss->paren once mentions are grouped: ", Russia's foreign
 * minister ," right after an actor, a noun phrase holding another actor and no verb.
 * The actor before it stays the subject. */
void clause_mark_appositions(syn_sentence *ss);
/* Numbers ss->clause: a new clause starts after ; : and dashes, at subordinating
 * conjunctions, at quotation marks, and after a verb of saying (its complement). */
void clause_mark(syn_sentence *ss);
/* The first token of the clause of token v. */
size_t clause_start(const syn_sentence *ss, size_t v);

/* "-backed", "-funded", "-armed": a hyphenated participle of sponsorship ("US-backed
 * Kurdish fighters"); the sponsor before it is not an actor of the sentence. */
bool mention_sponsor_participle(const tok *t);

/* "his Jordanian counterpart Ayman Safadi": true when mention m names a counterpart, the
 * other side's holder of the possessor's office. */
bool mention_names_counterpart(const syn_sentence *ss, const syn_mention *m);
/* True when m is a news outlet the dictionary names ("Reuters", "Al Jazeera": an entry
 * coded COUNTRY + MED): where words were carried, which lends no country to others. */
bool mention_is_outlet(const syn_sentence *ss, const syn_mention *m);
/* True when m is a body named by capitalised words that the closing word of an
 * organisation's name ends ("the National Water Resources Committee"): named, though no
 * dictionary knows the name and the context gives its country. */
bool mention_named_body(const syn_sentence *ss, const syn_mention *m);
bool mention_is_city(const syn_sentence *ss, const syn_mention *m);

/* ---------------------------------------------------------------------------
 * mention.c: actor mentions. Fills ss->m, ss->nm and ss->mention_at.
 * ------------------------------------------------------------------------- */
/* Finds the dictionary hits of the sentence (longest first, left to right; a person's
 * short form only when cr saw the full name earlier in the story) and glues them into
 * noun phrases ("South Korea's new president", "police in Karachi"), each composed into
 * one mention with its code. Scratch memory comes from a; DYAD_ENOMEM on failure. */
int mention_find(arena *a, const dyad_dict *d, syn_sentence *ss, syn_coref *cr, dyad_buf *ex);
/* "A U.N. report accused": after "a/an" + an actor, a verb-tagged word that can be a
 * noun is one. Returns true when a tag changed (the clauses must be marked again). */
bool mention_retag_nouns(syn_sentence *ss);
/* Sets each mention's governing preposition (SYN_M_AFTER_PREP, prep) and compound group
 * ("A, B and C" share one). */
void mention_group(syn_sentence *ss);
/* The codes that depend on the sentence around a mention: a capital after a preposition
 * of place is the country ("fired rockets at Seoul"); a bare country in a compound takes
 * its partner's agent ("Israeli and Palestinian negotiators"); when the story has no
 * dateline country (cr->home), an unnamed group without a country of its own takes the
 * sentence's in/at place, else the one state the sentence names (a country, capital or
 * non-military official body; for a state body, any country), else the one country the
 * story named in earlier sentences; an unnamed member of a compound takes the country
 * of the one before it. */
void mention_settle(syn_sentence *ss, const syn_coref *cr);
/* True when a word in tokens [from, to) (or the two before) says that the office after it
 * is no longer held: "former President", "ex-minister", "the late King". */
bool mention_out_of_office(const tok *toks, size_t from, size_t to);

/* ---------------------------------------------------------------------------
 * mention_list.c: the mention list, shared by mention.c and coref.c.
 * ------------------------------------------------------------------------- */
/* Puts the mentions in token order and rebuilds ss->mention_at (the first mention
 * covering a token wins). */
void mention_sort(syn_sentence *ss);

/* ---------------------------------------------------------------------------
 * coref.c: coreference: what pronouns and "the North" refer to, who is speaking, and the
 * story's memory of persons and things named.
 * ------------------------------------------------------------------------- */
bool coref_seen_person(const syn_coref *cr, const dict_actor *a);
void coref_note_person(syn_coref *cr, const dict_actor *a);
/* The country of an actor code (its first three letters), unless it is none ("---",
 * IGO, NGO and the like): cc gets it NUL-terminated. Returns false for none. */
bool coref_code_country(const char *code, char cc[4]);
/* Notes the country of an actor code as one the story names; true when it already was
 * (false too for a code with no country). */
void coref_note_country(syn_coref *cr, const char *code);
bool coref_story_country(const syn_coref *cr, const char *code);
/* Notes a story about the two Koreas (any mention coded KOR... or PRK...). */
void coref_note_korea(syn_coref *cr, const syn_sentence *ss);
/* The speaker of the sentence's quotation: a mention beside a verb of saying outside the
 * quotes ('"...," Moon said.' or 'said Moon'), kept in cr->speaker. */
void coref_find_speaker(const syn_sentence *ss, syn_coref *cr, dyad_buf *ex);
/* Adds mentions for pronouns, "the North"/"the South" and "the two Koreas" (flagged
 * SYN_M_PRONOUN), then puts all mentions in token order. ss->m has room for 2 (n + 1). */
void coref_resolve(syn_sentence *ss, syn_coref *cr);
/* Updates the story's memory (last person, thing, compound) from the sentence. */
void coref_update(const syn_sentence *ss, syn_coref *cr);
/* "the Crown Prince", "Special Envoy Hammer": an office alone, definite, or followed by a
 * name no dictionary knows, that the story named earlier with its holder and one code,
 * takes that code (before the dateline's or the sentence's country would). */
void coref_apply_titles(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex);
/* "Spahn said", "accused Mr Spahn": a one-word name no dictionary knows (honorifics
 * before it), the surname of a holder the story named right after an office of a known
 * country at most COREF_TITLE_REACH sentences before ("German Health Minister Jens
 * Spahn"), is a mention of that holder. */
void coref_apply_surnames(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex);
void coref_apply_business(syn_sentence *ss, const syn_coref *cr, dyad_buf *ex);

/* ---------------------------------------------------------------------------
 * match.c: verb candidates and verb-pattern matching.
 *
 * A verb pattern (dict_pattern) is a head verb and elements after it: literal words
 * (with alternatives), the target slot `+` and the source slot `$`. The matcher walks
 * the elements left to right from the verb; between two elements it may skip up to
 * MATCH_MAX_GAP modifier tokens and whole phrases of time, quantity and place
 * (ss->skip_len). A literal never matches inside a named actor; a slot takes the first
 * mention that starts where the matcher stands (and then the whole compound).
 * ------------------------------------------------------------------------- */
#define MATCH_MAX_GAP 3u  /* modifier tokens allowed between pattern elements */
#define MATCH_N_PREPS 16u /* prepositions that may close a pattern before its target */

/* What the matcher needs from a dictionary, looked up once per coder. */
typedef struct match_ctx {
    const dyad_dict *dict;
    uint32_t prep_ids[MATCH_N_PREPS]; /* word ids of with, to, on, against, ... */
} match_ctx;

void match_ctx_init(match_ctx *mc, const dyad_dict *d);

/* Prepares a sentence for matching: ss->skip_len (from a) and ss->words.
 * DYAD_ENOMEM on failure. */
int match_prepare(arena *a, syn_sentence *ss);
/* The length in tokens of the date phrase starting at token i ("on Tuesday", "last
 * week", "in June", "today"), 0 if none. */
size_t match_temporal_len(const syn_sentence *ss, size_t i);
/* The first token at or after i past adverbs and date phrases ("today", "on Monday",
 * "late on Tuesday"). */
size_t match_past_adverbials(const syn_sentence *ss, size_t i);

/* True when token i may be the verb of a pattern: a word (not inside a mention) that
 * inflects a pattern verb and that the context lets be a verb (a headline may start
 * with one). */
bool match_verb_candidate(const syn_sentence *ss, const dyad_dict *d, size_t i, bool headline);

/* One pattern matched at a verb. */
typedef struct match_result {
    const dict_pattern *p;
    int score;          /* elements matched, weighted; -1 = no match */
    int32_t target;     /* mention index or -1 */
    int32_t source;     /* `$` mention or -1 */
    size_t end;         /* last literal word of the matched pattern (the verb's span ends there) */
    bool target_missing;/* a trailing "[prep] +" was absent (reciprocal use: "A and B met") */
    int32_t compound;   /* `%`: the first member of the compound actor, or -1 */
} match_result;

/* Community patterns (DICT_PAT_LOOSE) follow TABARI's phrase rule: elements before the
 * verb are found walking back from it, elements after it walking on; a blank lets any
 * words of the clause stand between two items, `_` makes them consecutive; the clause
 * ends at a comma, semicolon or colon, or at and/but/or/nor outside a compound actor.
 * `^` passes over one actor (a whole compound), `%` takes a compound actor: before the
 * verb the compound subject (compound), after it a compound target (target). Their
 * score is TABARI's length: the letters of the words matched and one for each actor
 * taken, so longer patterns win. */

/* Matches pattern p at verb token v (passive: the verb is a passive participle, whose
 * subject may fill a leading `+` and whose literals may stand before it). */
match_result match_pattern(const match_ctx *mc, const syn_sentence *ss, const dict_pattern *p,
                           size_t v, bool passive);
/* The best of the patterns of the verb at v: the highest score, a complete match before
 * one whose trailing target is missing. best.p is NULL when none matched; *n_tried gets
 * the number of patterns the verb has. */
match_result match_best(const match_ctx *mc, const syn_sentence *ss, size_t v, bool passive,
                        size_t *n_tried);

/* ---------------------------------------------------------------------------
 * roles.c: who did it to whom.
 * ------------------------------------------------------------------------- */
/* True when the verb at v is a passive participle ("were held", "was not seen"). */
bool roles_is_passive(const syn_sentence *ss, size_t v);
/* True when the participle at v describes the noun before it, its agent after it ("a
 * venue rejected by the opposition", "a deal brokered by Russia"): a reduced relative. */
bool roles_reduced_relative(const syn_sentence *ss, size_t v);
/* The subject of verb v (the first member of a compound): a mention index, or -1. */
int32_t roles_subject(const syn_sentence *ss, size_t v);
/* For an -ing verb v right after an actor who is addressed by the verb before it (the
 * actor follows "to" after a letter or message written or sent, or is told, called,
 * phoned or written: "have written to President Moi urging him to", "sent a letter to
 * the council demanding"): that addressing verb's token, whose subject is v's; else
 * SIZE_MAX. */
size_t roles_addressing_verb(const syn_sentence *ss, size_t v);
/* "by" + mention after the verb, in its clause: the agent of a passive; else the actor
 * of "at the request of", "on behalf of" there; or -1. */
int32_t roles_passive_agent(const syn_sentence *ss, size_t v);
/* "strike Manbij, the SDF stronghold", "shelled Hodeidah, the Houthi-held port": when
 * target tgt is a bare place with an apposition after it, the apposition's first actor
 * (no place, region or pronoun, none a preposition governs, not the source src's group)
 * holds the place and is the target instead. Returns that actor, or tgt. */
int32_t roles_place_holder(const syn_sentence *ss, int32_t tgt, int32_t src, dyad_buf *ex);
/* "the militia, which Washington accuses of ...": the antecedent of an object relative
 * clause whose subject is subj, the target of the clause's verb; -1 when subj does not
 * stand right after such a relative pronoun. */
int32_t roles_relative_object(const syn_sentence *ss, int32_t subj, dyad_buf *ex);
/* True when a verb of CAMEO root `root` may take the object of preposition prep as its
 * target ("met with", "appealed to", "fired at"): any preposition but those of place,
 * time and manner ("in", "during", "at"...), which some roots license ("at" for
 * attacks and criticism). */
bool roles_prep_licensed(int root, const tok *prep);
/* True when token u is a "with" that joins a co-actor to the act ("together with", "along
 * with", "jointly with", "in cooperation / coordination / partnership with"): the actor
 * after it acts beside the subject and is never the target. */
bool roles_comitative(const syn_sentence *ss, size_t u);
/* A preposition p left open before "and"/"or" and a second verb phrase that ends in a
 * preposition of its own ("shut its borders with and cut flights from Iran", "ties with
 * and opened an embassy in Kigali"): the two share that later object. The index where
 * that object is to be sought (the token after the later preposition, or the first of
 * an actor named with its own "in": "an embassy in Kigali"), or SIZE_MAX. */
size_t roles_raised_object(const syn_sentence *ss, size_t p);
/* True for a code whose last block is a sector of private people: civilians, students,
 * health workers, workers ("its citizens" is a state's own people and a target of its
 * acts; "its troops" are not). */
bool roles_private_people(const char *code);
/* The target of an event whose pattern (of CAMEO root `root`) named none: the first
 * actor after the pattern's last word `end` in the verb's clause that is its direct
 * object or the object of a preposition the root licenses, skipping places and times
 * ("in Seoul", "on Monday"), members of the subject's compound (subj, co-subjects are
 * never each other's target) and, as a direct object, unknown groups ("drone attacks");
 * the first member of its compound. It stops at the next verb (consumed[] marks words
 * of patterns already matched), punctuation or a conjunction. With `frame_missing` (the
 * pattern's own "+" or "prep +" was absent: "fire on +" in "fired the head of the
 * police", "return +" in "returned to Kabul") the verb is in a sense the pattern does not
 * describe: for "V +" (`own_prep` NULL) a place or an object after to/into/toward is no
 * target, for "V prep +" an object's "of" complement is none, unless the preposition is
 * the pattern's own (`own_prep`, the word before its "+": "contribute to +" in
 * "contribute up to 4,000 troops to the force") or the root names it ("at" for
 * attacks). -1 when none. */
int32_t roles_default_target(const syn_sentence *ss, size_t v, size_t end, int32_t subj, int root,
                             bool frame_missing, const dict_elem *own_prep, const uint8_t *consumed,
                             dyad_buf *ex);

/* The state an act of force (CAMEO roots 18-20; a threat, 13, posture, 15, a cut in
 * relations, 16, or coercion, 17, too) of verb v, whose pattern ended at token
 * `end`, struck "in": the first bare country after "in" in the verb's phrase ("Israel
 * attacked sites in Gaza and Syria": PSE), when the source subj has none or another
 * country; the first member of its compound. The phrase ends as for
 * roles_default_target. -1 when none. */
int32_t roles_struck_state(const syn_sentence *ss, size_t v, size_t end, int32_t subj, const uint8_t *consumed,
                           dyad_buf *ex);

/* ---------------------------------------------------------------------------
 * modality.c: negation, intent and threats, and the CAMEO codes they lead to.
 * ------------------------------------------------------------------------- */
enum modality {
    MOD_NONE = 0,
    MOD_INTENT,       /* "will", "plans to", "agreed to", "is ready to" */
    MOD_THREAT,       /* "threatened to" */
    MOD_NEGATED,      /* "did not", "never" */
    MOD_REFUSED,      /* "refused to", "declined to", "failed to" */
    MOD_HYPOTHETICAL, /* "should", "could", "may", "must", "has to", "are yet to", "if ..." */
    MOD_CONDITIONAL,  /* "may halt ... if", "could impose ... unless": a threat of a
                         conflictual act (13x), no event for any other */
};

/* The *why of modality_find for an intent stated as a decision taken ("decided to",
 * "has decided to"; not "had decided"): a decision to yield, to cut ties or to coerce is
 * the act itself (coder.c), any other an intent. */
#define MODALITY_DECIDED "decided to"
/* The modality of verb v: its clause a condition ("if", "unless") or what a denial,
 * claim or report says ("denied that"), else the words left of its verb group. *why gets
 * the deciding word (a static or token string). */
enum modality modality_find(const syn_sentence *ss, size_t v, const char **why);
/* The modality of a verb of saying v ("did not say", "could announce", "if he says"),
 * read as modality_find reads it, except that a condition or a "that" of a denial or
 * claim counts only when no punctuation closes it before v, and a report's "that" not
 * at all ("Reuters reports that the minister said" states the words as said). */
/* True when verb v is a present simple of the third person singular ("supplies",
 * "organizes") outside a headline and a quotation. */
bool modality_present_description(const syn_sentence *ss, size_t v);
enum modality modality_of_saying(const syn_sentence *ss, size_t v, const char **why);
/* True when the sentence names a time of the news: a weekday, "today", "tonight",
 * "yesterday", a week ("this week", "last week") or a month. */
bool modality_names_time(const syn_sentence *ss);
/* Background told as news: the year (before the story's, ss->year) of an "in YYYY" in the
 * clause of verb v ("ploughed a truck into a market in 2016", "in the 1990s", "last year");
 * -5 for "last year" or "N years ago" in a story whose year is unknown; -6 for the past
 * narrative of an obituary (discard_obituary) or an act told "at the age of N"; -1 for a past perfect
 * not reporting speech ("police, who had trained in Jordan, ..."); -2 for the first verb
 * of an "after", "since" or "before" clause ("closed the border after troops attacked");
 * -3 for a present perfect right after a relative pronoun ("a group that has fought an
 * insurgency"); -4 for a present perfect held for years ("has supported the Kurds since
 * 2014", "for decades", "for weeks"); -11 for a present perfect summing up a record to
 * date ("has so far stressed", "has detained a total of 900"); -7 for the present of a
 * who/which clause; -8 for an act its own
 * words date well before the story's date ("In June, Turkey arrested" in an August
 * story: BACKGROUND_DAYS, BACKGROUND_MONTHS); -13 for a past act a later perfect holds
 * "since" ("withdrew its ambassador, but the two have mended ties since"); 0 when v is
 * news. */
int modality_background_year(const syn_sentence *ss, size_t v);
/* True when w (a form: "hopes", "wanted") is a verb of wish or aim: want, wish, hope, aim,
 * seek. */
bool modality_wish_word(const char *w);
/* The story's time line after sentence ss (cr->past_scene): a sentence told in the past
 * and dated well before the story ("In 2014, Isis seized Mosul") takes it into the past;
 * one told in the past with no date and no saying keeps it there; anything else (a
 * present, a date of the story's time, a saying, a quotation) brings it back. */
void modality_timeline_update(const syn_sentence *ss, syn_coref *cr);
/* The word of demand ("demanded that", "Trump's demand that") whose "that" clause bare
 * verb v is the subjunctive of, or NULL: the act asked for, not done. */
const tok *modality_mandative(const syn_sentence *ss, size_t v);
/* The date of the event of verb v: the first date in v's own words (its clause, less a
 * clause joined by ", and", another verb's relative clause or participle after v, and a
 * parenthetical v is not in: "accused the EU of breaking a deal struck in March 2016" has
 * none), else the sentence's date if it has a day ("On Monday, Russia said that troops
 * attacked"), else a month or year of another clause, else the story's date. *prec gets
 * its dyad_date_precision. The same own words decide background (a year before the
 * story's). *saying tells how a verb of saying was dated (MODALITY_SAYING_*). */
int32_t modality_event_date(const syn_sentence *ss, size_t v, int *prec, int *saying);
/* The day the sentence reports on: its first finite verb of saying's own day ("said on
 * Monday that ..."), when that is a day no later than the story's, else the story's
 * date. The date of what an act dated after the story stands for: its plan or intent. */
int32_t modality_report_date(const syn_sentence *ss);
/* The year "in YYYY" (or "during YYYY") among the own words of v, a finite verb of saying
 * ("The World Bank said in 2012 that", "In 2019, he admitted"), else 0. */
int modality_saying_year(const syn_sentence *ss, size_t v);
/* *saying of modality_event_date: v is no finite verb of saying outside quotes, or is one
 * dated by a day or time of its own words, or is one its own words do not date (the
 * story's date is returned). */
enum { MODALITY_NOT_SAYING = 0, MODALITY_SAYING_DATED = 1, MODALITY_SAYING_UNDATED = 2 };
/* True when date d of precision prec (a day or a month) lies wholly more than a week
 * (BACKGROUND_DAYS) before the story's date sd: an act so dated is a recap, not the
 * news of the story's days. */
bool modality_older_than_news(int32_t d, int prec, int32_t sd);
/* True when t is a verb that governs an infinitive's modality ("agreed to", "refused
 * to", "threatened to"): the infinitive, not the verb itself, carries the event. */
bool modality_governs(const tok *t);
/* The CAMEO code that promises (family 3), appeals for (2) or demands (10) what `code`
 * does; NULL when CAMEO has none. */
const char *modality_mirror_code(const char *code, int family);
/* The code of an event with modality m into out: intent (03x) or threat (13x) codes for
 * a future or threatened act, a refusal (12x) for a negated or refused cooperative act,
 * code itself when CAMEO has nothing more specific. False when the modality means no
 * event: a hypothetical, or a negated act that is no refusal. */
bool modality_code(const char *code, enum modality m, char out[8]);

/* ---------------------------------------------------------------------------
 * discard.c: the story-level discard decision (sports, entertainment, business...).
 * ------------------------------------------------------------------------- */
#define DISCARD_MAX_REASONS 8u

typedef struct discard_tally {
    const char *reasons[DISCARD_MAX_REASONS]; /* distinct reasons, in order of first hit */
    unsigned hits[DISCARD_MAX_REASONS];
} discard_tally;

/* Adds the sentence's discard hits (a match score, discard phrases; a headline's count
 * twice; a PETRARCH story discard twice) to the tally. Returns the reason of a PETRARCH
 * sentence discard (the sentence is not coded), else NULL. */
const char *discard_note_sentence(discard_tally *t, const dyad_dict *d, const syn_sentence *ss,
                                  bool headline);
/* The reason the story is discarded (the first with two hits or more), or NULL. */
const char *discard_verdict(const discard_tally *t);
/* True when the story is an obituary: its headline or lead tells a death with an age
 * ("died on Tuesday at the age of 95", "who has died aged 83", "dies at 91"). Its past
 * narrative is background (modality_background_year). */
bool discard_obituary(const dyad_story *s);

#define DISCARD_OPINION "opinion"     /* the reason an opinion piece is discarded */
#define DISCARD_ANALYSIS "analysis"   /* the genre of news analysis, explainers, features */
#define DISCARD_ANALYSIS_DAYS 3       /* an analysis codes acts dated this many days before
                                       * its story's date, to the day after */
#define DISCARD_UNDATED_TOP 20u      /* a story with no date codes its first this many
                                       * sentences (headline included): below them, told
                                       * with no date to measure it by, is its background */
#define ONE_ACTOR_UNDATED_TOP 5u    /* below this many sentences, a one-actor material act
                                       * in a sentence naming no time is not coded */
#define DISCARD_SECTION_WORDS 3u      /* a longer hyphenated URL segment is a slug */
#define DISCARD_WRITER_NOTE_TAIL 600u /* bytes at the text's end read for a writer's note */
#define DISCARD_CUE_BYTES 96u         /* the cue named by discard_genre */
#define DISCARD_NEWS_REPORT_BYTES 750u /* news says "said" at least once in this many bytes
                                        * (about 125 words) */
#define DISCARD_FEW_REPORTS_BYTES 900u /* a dated story that names no day and says "said"
                                        * less than once in this many bytes (about 150
                                        * words) is analysis ... */
#define DISCARD_FEW_REPORTS_MIN_BYTES 1800u /* ... when it is at least this long */
#define DISCARD_CUE_QUOTE 40u         /* bytes of a writer's question quoted in the cue */

/* The story's genre when it is not straight news: DISCARD_OPINION for an opinion piece
 * (a column, an editorial, a letters page: dyad code discards it), named by its URL's
 * section ("/opinion/", "/comment/", "/editorials/"), its headline's tag ("Opinion:",
 * "COLUMN-", "Breakingviews -"), a disclaimer ("The views expressed in this article
 * ..."), or a closing note on its writer ("• Jane Doe is a columnist", "The author is
 * ..."); DISCARD_ANALYSIS for news analysis, an explainer or a feature (only its acts
 * dated to the story's days are coded), named by its URL's section ("/explained/",
 * "/features/", a slug "explained-...") or its headline's tag ("Analysis:",
 * "EXPLAINER-", "Insight:"). The cue found is written to cue (cap bytes); NULL when the
 * story is news. */
const char *discard_genre(const dyad_story *s, char *cue, size_t cap);

/* ---------------------------------------------------------------------------
 * geo.c: where events happened.
 * ------------------------------------------------------------------------- */
#define GEO_MAX_CONTEXT 16u /* countries of a story's places kept to resolve names */
#define GEO_MAX_ABROAD 8u   /* actors of a story placed abroad, kept for their later statements */
#define GEO_MAX_PRESENT 16u /* where the story's sentences say people were (a visit, a speech) */
#define GEO_MAX_MEETINGS 8u /* meetings of a story placed in a city, kept for their retellings */

typedef struct geo_sentence geo_sentence; /* geo.c: one sentence's look-ups */

/* What one story tells about places: its dateline's place, and the countries of the
 * places its events took place in so far. */
#define GEO_MAX_PEOPLE_SEEN 4u /* people kept as antecedents of a later "he" or "she" */
typedef struct geo_story {
    dyad_place dateline;
    dyad_place last;              /* the last place found in a sentence */
    dyad_place lead;              /* the place of the headline or lead, when no dateline */
    bool lead_done;               /* lead looked for (only when an event needs it) */
    const dyad_story *story;
    char ctx[GEO_MAX_CONTEXT][4]; /* alpha-3 codes */
    size_t n_ctx;
    char pend[GEO_MAX_CONTEXT][4]; /* the countries of the actors of the sentence being */
    size_t n_pend;                 /* coded, added to ctx when the next one starts */
    uint32_t pend_index;           /* the sentence whose countries pend holds */
    bool pend_set;
    geo_sentence *sent;           /* the names of the sentence last coded, looked up once */
    struct {                      /* people the story placed abroad (a visit paid or hosted, */
        const dict_actor *who;    /* a meeting or words said in a named place): their later */
        const geo_place *where;   /* statements with no place of their own are made there */
        char code[DYAD_MAX_CODE_BYTES]; /* the actor code they had then ("He said" of that code) */
        const geo_place *city;    /* the city of the sentence that placed them, or NULL, */
        int32_t date;             /* and that event's date: their words of that day are said there */
    } abroad[GEO_MAX_ABROAD];
    size_t last_abroad;           /* the entry of abroad set last */
    struct {                      /* the people named last in the sentences coded before */
        const dict_actor *who;    /* the one being coded, newest last, with the actor code */
        char code[DYAD_MAX_CODE_BYTES]; /* they had: the antecedents of a "he" or "she" */
    } people[GEO_MAX_PEOPLE_SEEN]; /* that names no one before it in its own sentence */
    size_t n_people, n_pend_people; /* people[n_people - n_pend_people ...]: the sentence being
                                     * coded's, antecedents from the next sentence on */
    size_t n_abroad;
    struct {                      /* the countries of the places the story's sentences */
        char cc3[4];              /* gave its events, and how many: the most frequent is */
        unsigned n;               /* the story's theatre */
    } seen[GEO_MAX_CONTEXT];
    size_t n_seen;
    struct {                      /* the countries of every place after a preposition in */
        char cc3[4];              /* the story's sentences, and how many: the most frequent */
        unsigned n;               /* is the story's theatre (counted when first asked) */
    } named[GEO_MAX_CONTEXT];
    size_t n_named;
    bool named_done;
    struct {                      /* people the story's sentences place somewhere (a visit, */
        const dict_actor *who;    /* a trip, a speech delivered, "speaking in", "told */
        const geo_place *where;   /* reporters in"), any sentence, found when first asked: */
        uint32_t sentence;        /* their statements with no place are made there */
        uint8_t day;              /* the weekday the sentence names (1 Monday .. 7), or 0 */
    } present[GEO_MAX_PRESENT];
    size_t n_present;
    bool present_done;
    const geo_place *talks;       /* the city the story says talks are held in ("talks in */
    bool talks_done;              /* Geneva", "the Geneva talks"), found when first asked */
    const geo_place *scene;       /* the one city the story sets its scene in ("talks in X", "a
                                   * summit in X", "in the capital, X"), found with talks; NULL
                                   * when none or two */
    const dict_actor *scene_who[8]; /* the people the sentence setting it names */
    size_t n_scene_who;
    uint8_t scene_day;            /* the weekday that sentence names (1 Monday .. 7), or 0 */
    const geo_place *placed;      /* the place the event being placed took from its sentence */
    struct {                      /* meetings (root 04) the story's sentences placed in a */
        char cc3[2][4];           /* city or region: the countries of the two parties, */
        int32_t date;             /* the date, and the place; another report of the meeting */
        const geo_place *where;   /* that names no place of its own is placed there */
    } meet[GEO_MAX_MEETINGS];
    size_t n_meet;
} geo_story;

/* Starts a story: resolves its dateline ("SEOUL, South Korea", "PARIS, Texas"). Strings
 * come from a, which must live as long as the story's events. */
void geo_story_begin(geo_story *g, arena *a, const dyad_dict *d, const dyad_story *s);

/* The place of an event whose verb is token v of ss, with source and target codes
 * (target may be ""), CAMEO code, QuadClass and date (YYYYMMDD, 0: none): see
 * dyad_event.place. sm is the source's mention (NULL when none); who and whom are the
 * source's and target's person entries (NULL when no known person). Appends why to ex
 * (may be NULL). */
void geo_event_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss,
                     size_t v, const syn_mention *sm, const dict_actor *who, const dict_actor *whom, const char *source, const char *target, const char *code,
                     int quad_class, int32_t date, dyad_place *out, dyad_buf *ex);

/* The place of an actor mention: a place named in it ("Lagos police"), else its
 * country (code's first block), else none. */
void geo_actor_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss,
                     const syn_mention *m, dyad_place *out);

#endif /* DYAD_CODER_INT_H */
