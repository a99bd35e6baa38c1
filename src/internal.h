/* internal.h: what the library's modules share with each other and nobody else.
 * Cross-file names carry a module prefix (arena_, tok_, lex_, dict_, syn_, coder_). */
#ifndef DYAD_INTERNAL_H
#define DYAD_INTERNAL_H

#include "dyad.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DYAD_UNUSED(x) ((void)(x))

/* ---------------------------------------------------------------------------
 * arena.c: a chunked bump allocator. Everything of one story (tokens, sentences,
 * matches) comes from one arena and is released together.
 * ------------------------------------------------------------------------- */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    size_t chunk_size; /* default chunk size; 0 means 64 KiB */
} arena;

void *arena_alloc(arena *a, size_t n);              /* 16-byte aligned; NULL on OOM */
void *arena_calloc(arena *a, size_t n, size_t size); /* zeroed; checks overflow */
char *arena_strndup(arena *a, const char *s, size_t n);
/* Makes room for element n of an arena array of capacity *cap (elements of size bytes):
 * returns arr, or a copy twice as large when it is full (*cap updated); NULL on OOM. */
void *arena_grow(arena *a, void *arr, size_t n, size_t *cap, size_t size);
void arena_reset(arena *a); /* frees all but the first chunk, keeps it for reuse */
void arena_free(arena *a);

/* buf.c: makes room for extra more bytes and the NUL after them in b (b->cap grows);
 * DYAD_OK or DYAD_ENOMEM, b unchanged. */
int buf_reserve(dyad_buf *b, size_t extra);

/* buf.c: writes the decimal digits of v into d (at most 20) and returns their number. */
size_t buf_u64_digits(uint64_t v, char d[20]);

/* buf.c: appends printf-style text to b; a NULL b is a no-op (explanations that are off). */
void buf_printf(dyad_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------------------------
 * diag.c: reporting problems with input.
 * ------------------------------------------------------------------------- */
void diag_report(dyad_diag_fn fn, void *ud, dyad_severity sev, const char *file,
                 uint64_t line, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ---------------------------------------------------------------------------
 * token.c: sentence -> tokens.
 *
 * Tokens are spans into the story text with a normalized form used for every lookup:
 * NFC, case-folded, typographic quotes/dashes/apostrophes mapped to ASCII, and periods
 * dropped from abbreviations ("U.N." -> "un", "Gen." -> "gen"). Hyphenated words are
 * split into their parts ("Jong-un" -> "jong" "un", "test-fire" -> "test" "fire"), the
 * later parts flagged TOK_JOINED, so that "Kim Jong Un" and "Kim Jong-un" are the same
 * three tokens. Possessive "'s" is its own token.
 * ------------------------------------------------------------------------- */
enum tok_class {
    TOK_WORD = 1,  /* letters (and inner apostrophes, periods of abbreviations) */
    TOK_NUMBER,    /* digits, with inner , . : */
    TOK_PUNCT,     /* , ; : ( ) etc. */
    TOK_QUOTE,     /* " “ ” ' ‘ ’ used as quotation marks */
    TOK_END,       /* sentence-final . ! ? */
    TOK_POSS,      /* 's or ' (possessive) */
    TOK_DASH,      /* — – or -- used as punctuation */
};

#define TOK_CAP 0x01u      /* first letter uppercase */
#define TOK_ALLCAPS 0x02u  /* every letter uppercase (and at least 2 letters, or "U.S.") */
#define TOK_JOINED 0x04u   /* joined to the previous token by a hyphen */
#define TOK_ABBREV 0x08u   /* written with periods: "U.N.", "Gen." */
#define TOK_OPENQ 0x10u    /* TOK_QUOTE that opens a quotation */
#define TOK_CLOSEQ 0x20u   /* TOK_QUOTE that closes a quotation */
#define TOK_FIRST 0x40u    /* first word of the sentence */
#define TOK_ORGNAME 0x80u  /* a country's name opening an organisation's name no dictionary
                            * knows ("the Chinese Association of ..."): no actor (mention.c) */

typedef struct tok {
    uint32_t start, end; /* span in the story text */
    const char *norm;    /* normalized form, NUL-terminated (arena) */
    uint16_t norm_len;
    uint8_t cls;         /* enum tok_class */
    uint8_t flags;       /* TOK_* */
    uint8_t pos;         /* the part of speech lex_tag chose (enum lex_pos) */
    uint8_t roots;       /* bit 1 << r when a dictionary name under trie root r may start
                          * with this word (DICT_ROOT_*); set with word by dict_tok_words
                          * only (a sentence's tokens), 0 elsewhere */
    uint32_t tags;       /* lexicon tags (LEX_*), filled by lex_tag */
    const char *lemma;   /* lemma for verbs/nouns when known, else norm */
    uint32_t word;       /* dictionary word id (dict_word_id), 0 = unknown word */
    uint32_t hash;       /* tok_hash of norm, set by lex_tag: the lexicon's and the
                          * dictionary's word tables share it (no second hash a token) */
} tok;

/* The hash of a normal form: h * 31 + byte over its bytes (mod 2^32), the lexicon's
 * (tools/lexgen.sh lays its table out by it) and, mixed, the dictionary word table's. */
static inline uint32_t tok_hash(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    uint32_t h = 0;
    size_t i = 0;
    for (; i + 4 <= len; i += 4) /* four steps at once: 31^4, 31^3, 31^2, 31 */
        h = h * 923521u + p[i] * 29791u + p[i + 1] * 961u + p[i + 2] * 31u + p[i + 3];
    for (; i < len; i++) h = h * 31u + p[i];
    return h;
}

/* True when t is the word w (its normalized form). A literal's length is known when
 * compiling; a word from a list (tok_is(t, list[i]) in a loop) is compared byte by byte
 * as far as the first difference, mostly the first letter, not measured with strlen
 * first: the same answer, w read no further than its NUL. Always inlined: a copy out of
 * line (gcc makes one where a file calls it often) loses the literal's length and
 * compares byte by byte (38 M on the benchmark slice). */
static inline __attribute__((always_inline)) bool tok_is(const tok *t, const char *w) {
    if (__builtin_constant_p(__builtin_strlen(w))) {
        size_t n = __builtin_strlen(w);
        return t->cls == TOK_WORD && t->norm_len == n && (n == 0 || t->norm[0] == w[0]) &&
               !__builtin_memcmp(t->norm, w, n);
    }
    if (t->cls != TOK_WORD) return false;
    for (size_t i = 0; i < t->norm_len; i++)
        if (!w[i] || w[i] != t->norm[i]) return false;
    return !w[t->norm_len];
}

/* snprintf(dst, cap, "%s", src) without the call (cap >= 1): src, cut to cap - 1 bytes,
 * and a NUL. The coder copies codes into events this way several times an event. */
static inline void str_set(char *dst, size_t cap, const char *src) {
    size_t i = 0;
    for (; i + 1 < cap && src[i]; i++) dst[i] = src[i];
    dst[i] = '\0';
}

/* Tokenizes text[start, end) of a story. Tokens come from the arena. Returns DYAD_OK,
 * DYAD_ENOMEM, or DYAD_ELIMIT past DYAD_MAX_SENTENCE_TOKENS. */
int tok_split(arena *a, const char *text, uint32_t start, uint32_t end, tok **out, size_t *n);

/* Normalizes one phrase the way tok_split does and writes the token norms, space
 * separated, to b (used by the dictionaries so that entries and text agree). */
int tok_normalize_phrase(const char *s, size_t len, dyad_buf *b);

/* ---------------------------------------------------------------------------
 * lexicon.c: words -> parts of speech and lemmas. Open-class words come from a table
 * generated at build time from Debian's WordNet; closed-class words from data/.
 * ------------------------------------------------------------------------- */
#define LEX_NOUN 0x0001u
#define LEX_VERB 0x0002u
#define LEX_ADJ 0x0004u
#define LEX_ADV 0x0008u
#define LEX_DET 0x0010u   /* the a an this that these those some any each every no */
#define LEX_PREP 0x0020u
#define LEX_PRON 0x0040u  /* he she it they we i you him her them us */
#define LEX_POSSPRON 0x0080u /* his her its their our my your */
#define LEX_CONJ 0x0100u  /* and or but nor */
#define LEX_SUBCONJ 0x0200u /* that because although while if when after before since */
#define LEX_AUX 0x0400u   /* be have do and their forms */
#define LEX_MODAL 0x0800u /* will would can could may might shall should must */
#define LEX_NEG 0x1000u   /* not n't never no */
#define LEX_REL 0x2000u   /* who whom which whose that (relative) */
#define LEX_NUM 0x4000u
#define LEX_SAY 0x8000u   /* verbs of saying: say tell add state announce ... */
#define LEX_PAST 0x10000u     /* verb form is past tense / past participle */
#define LEX_GERUND 0x20000u   /* -ing form */
#define LEX_PLURAL 0x40000u   /* plural noun form */
#define LEX_MONTH 0x80000u
#define LEX_WEEKDAY 0x100000u
#define LEX_TITLE 0x200000u   /* Mr. Mrs. Dr. Gen. Sen. ... */
#define LEX_PROPER 0x400000u  /* a name. From lex_lookup: WordNet writes the noun
                               * capitalized in at least as many senses as not (Seoul,
                               * China), or closed-class.txt says so (Turkey). On a token
                               * after lex_tag: set exactly when tok.pos is LEX_POS_PROPER. */
#define LEX_PASSIVE 0x800000u /* set by lex_tag on a past participle in a passive
                               * ("were held", "was not seen") */

#define LEX_MAX_WORD_BYTES 64u /* longer words are unknown to the lexicon */

/* The one part of speech lex_tag chooses for a token (tok.pos). tok.tags keeps every
 * lexical possibility; pos says which one the context picked. */
enum lex_pos {
    LEX_POS_NONE = 0, /* not tagged */
    LEX_POS_NOUN,     /* common noun (tags: LEX_PLURAL for plurals) */
    LEX_POS_PROPER,   /* proper noun: a capitalized name, acronym, or title before a name */
    LEX_POS_VERB,     /* a lexical verb (tags: LEX_PAST, LEX_GERUND, LEX_PASSIVE, LEX_SAY) */
    LEX_POS_ADJ,
    LEX_POS_ADV,
    LEX_POS_DET,
    LEX_POS_PREP,
    LEX_POS_PRON,
    LEX_POS_POSSPRON,
    LEX_POS_CONJ,
    LEX_POS_SUBCONJ,
    LEX_POS_AUX,      /* be / have / do used as auxiliaries or copula */
    LEX_POS_MODAL,
    LEX_POS_NEG,
    LEX_POS_REL,      /* relative pronoun: who, which, that introducing a clause */
    LEX_POS_NUM,
    LEX_POS_TO,       /* "to" before an infinitive */
    LEX_POS_POSS,     /* possessive 's */
    LEX_POS_PUNCT,    /* punctuation, quotes, dashes, sentence ends */
    LEX_POS_COUNT
};

/* Looks a normalized word up. Returns its tag bits (0 if unknown) and, when lemma is not
 * NULL, the lemma (a static string; the word itself when it is its own lemma; the verb
 * lemma when the word can be a verb; NULL when the word is unknown). Words that start
 * with a digit are LEX_NUM. */
uint32_t lex_lookup(const char *norm, size_t len, const char **lemma);

/* Tags every token of a sentence, using context to break ties: sets tok.pos, tok.tags
 * (every lexical bit, plus LEX_PROPER / LEX_PASSIVE as decided in context) and tok.lemma
 * (the lemma for the chosen part of speech: "talks" as a noun -> "talk", "leaves" as a
 * noun -> "leaf", as a verb -> "leave"; else norm). Never fails, never allocates. */
void lex_tag(tok *toks, size_t n);

/* A short static name for a part of speech ("NOUN", "VERB", ...), for explanations. */
const char *lex_pos_name(int pos);

/* ---------------------------------------------------------------------------
 * dict*.c: compiled dictionaries and the matcher (see dict.h-like section below).
 * ------------------------------------------------------------------------- */

/* Interned word ids: every word that occurs in some dictionary entry gets an id > 0. */
uint32_t dict_word_id(const dyad_dict *d, const char *norm, size_t len);
/* dict_word_id with the word's tok_hash h already made (a token's hash). */
uint32_t dict_word_id_hashed(const dyad_dict *d, const char *norm, size_t len, uint32_t h);

/* The weapon that toks[k] (a token dict_tok_words filled) names, by the %weapon lines of
 * the verb files (docs/dictionary-format.md): with attack_noun, as an attack noun itself
 * ("airstrike", %weapon-attack), else as a word before one ("rocket" of "rocket attack",
 * %weapon). A phrase of two words ending at toks[k] ("tear gas") is preferred to the
 * word alone. Returns the attack's CAMEO code, "" when the phrase names no weapon (a
 * `---` line), NULL when toks[k] is no weapon word. */
const char *dict_weapon_code(const dyad_dict *d, const tok *toks, size_t k, bool attack_noun);

/* Kinds of actor-dictionary entries. */
enum dict_actor_kind {
    DICT_ACTOR = 1,   /* a named actor: "South Korea", "Moon Jae-in", "NATO" */
    DICT_AGENT = 2,   /* a role noun that gives a sector: "president", "troops" */
};

typedef struct dict_actor dict_actor; /* one entry (opaque to the coder) */

/* The longest actor or agent phrase starting at toks[i] (by normalized words, honouring
 * case rules for acronyms). Returns the number of tokens matched (0 = none) and sets
 * *hit. */
size_t dict_match_actor(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                        const dict_actor **hit);

/* The dictionary's tries (dict_int.h): actors and agents, discards, short forms. */
#define DICT_ROOT_ACTORS 1u
#define DICT_ROOT_DISCARDS 2u
#define DICT_ROOT_SHORT 3u

/* Sets word (dict_word_id, from the hash lex_tag kept: toks lex_tag has tagged) and
 * roots of toks[0, n): whether a name of each trie may
 * start at the token, so that a caller can pass over most tokens of a sentence without
 * a call (dict_match_actor, dict_match_short and dict_discard_match answer 0 at a token
 * whose bit is clear). */
void dict_tok_words(const dyad_dict *d, tok *toks, size_t n);

/* False when no name under trie root r starts at t (a token dict_tok_words filled):
 * the match functions would answer 0 there. */
static inline bool tok_may_start(const tok *t, unsigned r) { return (t->roots >> r) & 1u; }

/* Short forms of people ("~Moon", or the surname of a `people` entry): the longest one
 * starting at toks[i]. Returns the tokens matched (0 = none); hits[] gets up to max FULL
 * entries owning that short form (several people may share one: "~Bush"), the latest
 * definition first, and *n_hits their number. dict_match_actor never returns short
 * forms: the coder accepts one for an entry matched in full earlier in the story, or
 * alone when no other person, word or place shares it (mention.c). */
size_t dict_match_short(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                        const dict_actor **hits, size_t max, size_t *n_hits);

int dict_actor_kind(const dict_actor *a);
/* The code of an entry as of date (date-restricted codes resolved; 0 = undated default).
 * For an agent, the sector code to append ("GOV") or a full code when the agent stands
 * alone ("IGOUNO" for "U.N. envoy" is an actor entry, not an agent). */
const char *dict_actor_code(const dict_actor *a, int32_t date);
/* The code of a person's latest office (an open range first, then the latest end), for a
 * story with no date; the undated default when the entry has no dated codes, or when
 * that default is not an elite (ELI: "out of office") and the latest office has ended. */
const char *dict_actor_code_latest(const dict_actor *a);
/* A community compound code in effect on date ([FRO/BIL/SAM]): the codes after the one
 * dict_actor_code gives, '/'-separated ("BIL/SAM"); NULL for a single code. */
const char *dict_actor_also(const dict_actor *a, int32_t date);
/* Provenance and text for explanations. */
void dict_actor_where(const dict_actor *a, const char **file, uint64_t *line, const char **text);

/* Verb patterns. A pattern is a head verb (lemma; possibly multi-word like "test fire")
 * followed by elements: literal words (with alternatives), the target slot `+`, or the
 * source slot `$`. Community patterns (TABARI/PETRARCH) may also have elements before
 * the verb, skip an actor (`^`) and name a compound actor (`%`). */
enum dict_elem_kind {
    DICT_EL_WORD = 1,
    DICT_EL_TARGET = 2,
    DICT_EL_SOURCE = 3,
    DICT_EL_SKIP = 4,     /* `^`: an actor (a whole compound) passed over, assigned nothing */
    DICT_EL_COMPOUND = 5, /* `%`: a compound actor whose members are source and target */
    DICT_EL_VERB = 6,     /* while loading only: where the verb stands among the elements */
};

typedef struct dict_elem {
    uint8_t kind;        /* enum dict_elem_kind */
    uint8_t tight;       /* written joined by `_`: it stands right after the item before */
    uint16_t n_alts;     /* DICT_EL_WORD: alternative word ids */
    const uint32_t *alts;
} dict_elem;

typedef struct dict_pattern {
    char code[8];          /* CAMEO event code */
    char code2[8];         /* a paired code ([032:033]): target -> source; "" for none */
    uint16_t n_head;       /* words of the head before the inflected verb ("test" of "test fire") */
    const uint32_t *head;  /* their word ids */
    uint16_t n_elem;
    const dict_elem *elem;
    uint16_t n_pre;        /* elements before the verb, in sentence order */
    const dict_elem *pre;
    unsigned flags;        /* DICT_PAT_* */
    const char *file;
    uint64_t line;
    const char *text;      /* the pattern as written */
} dict_pattern;

#define DICT_PAT_NEGATED 0x1u /* the pattern describes a refusal: it fires on negation */
#define DICT_PAT_DEFINED_CODE 0x2u /* a community file's: its code may be one of its own */
/* TABARI's phrase rule (community patterns): a blank between two items lets any words
 * of the clause stand between them, `_` makes them consecutive; the clause ends at a
 * comma or a conjunction outside a compound actor. dyad's own patterns skip modifiers
 * only. */
#define DICT_PAT_LOOSE 0x4u
#define DICT_PAT_VERB_TIGHT 0x8u /* the verb stands right after the last element before it */
#define DICT_PAT_REVERSED 0x10u  /* [:CODE]: the event goes from the target to the source */
/* The code of a pattern of dyad's own that describes a sense of its verb that is no event
 * ("sanctioned the deployment": approved it): when it is the best match, nothing is coded. */
#define DICT_NO_EVENT "---"
/* Whether code is one a community verb file defines for itself (not CAMEO's): such codes
 * are emitted as written, never transformed (intent, threat). */
bool dict_code_defined(const dyad_dict *d, const char *code);

/* The elements of p that must find one of their words in a sentence for p to match:
 * all of them, except a trailing "[prep] +" (the last two when the last is the target),
 * which may be missing. */
static inline uint16_t dict_pattern_n_required(const dict_pattern *p) {
    if (p->n_elem && p->elem[p->n_elem - 1].kind == DICT_EL_TARGET)
        return p->n_elem >= 2 ? (uint16_t)(p->n_elem - 2) : 0;
    return p->n_elem;
}

/* Words one of which a sentence must hold for a pattern to match it (n may be 0: then
 * no sentence does). w points into the dictionary. */
typedef struct dict_word_set {
    const uint32_t *w;
    uint32_t n;
} dict_word_set;

/* The most words of the one required element a loose (community) pattern is checked
 * for before it is read. */
#define DICT_NEED_WORDS 7

/* The patterns of a head verb form, and what each needs in a sentence: pattern k can
 * match only a sentence that holds a word of every set set[need[i]], need_start[k] <= i <
 * need_start[k + 1]. A pattern of dyad's own needs one set per required literal element
 * (dict_pattern_n_required), its element of fewest words first; a loose pattern only the
 * set of its required element of fewest words, when it has one of at most
 * DICT_NEED_WORDS. The n_sets sets are distinct and shared by the verb's patterns, so a
 * sentence is asked about each once however many patterns need it: most patterns are
 * rejected there (37 of 39 million tries over the benchmark corpus) without being read.
 * Everything points into the dictionary. */
typedef struct dict_verb {
    size_t n;
    const dict_pattern *const *pats;
    const uint32_t *need_start; /* n + 1 entries */
    const uint32_t *need;
    const dict_word_set *set;
    size_t n_sets;
    /* the patterns (k, in order) whose first set is set[s]: first[first_start[s] ..
     * first_start[s + 1]); those that need none: free[0 .. n_free) */
    const uint32_t *first_start; /* n_sets + 1 entries */
    const uint32_t *first;
    const uint32_t *free;
    size_t n_free;
    /* the sets by the buckets of their words (id % 1024, as syn_sentence's words): a bit
     * of mask (16 words) for each bucket one of their words is in; the sets with a word
     * in the bucket of the r-th bit (counted from bucket 0; before[q]: the bits of the
     * mask's words before mask[q]) are bucket_set[bucket_start[r] .. bucket_start[r + 1])
     * (a set may stand there twice). NULL when the verb has no sets. A sentence holds a
     * word of set s (by its buckets) when s is listed under a bucket of its words. */
    const uint64_t *mask;
    const uint16_t *before;
    const uint32_t *bucket_start;
    const uint32_t *bucket_set;
} dict_verb;

/* Patterns whose head verb has token t (any inflection) as its last word, in *out (all
 * zero when there are none). Returns their number. */
size_t dict_verb_patterns(const dyad_dict *d, const tok *t, dict_verb *out);

/* The number of verb patterns coding to an event code (for `dyad dict stats`). */
size_t dict_code_n_patterns(const dyad_dict *d, const char *code);

/* True when the normalized word is some inflection of a verb that has patterns. */
bool dict_is_pattern_verb(const dyad_dict *d, const tok *t);

/* How much of a story a discard phrase drops. dyad's own phrases are tallied over the
 * story (two hits discard it); PETRARCH's discard list drops the sentence that holds a
 * phrase, or the whole story for a phrase written with a leading '+'. */
enum dict_discard_scope { DICT_DISCARD_TALLY = 0, DICT_DISCARD_SENTENCE = 1, DICT_DISCARD_STORY = 2 };

/* Discard phrases (sports, entertainment, business results): the reason if the tokens
 * at i match one, else NULL; *scope (if not NULL) gets its enum dict_discard_scope. */
const char *dict_discard_match(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                               size_t *n_matched, int *scope);

/* `dyad dict convert`: community (TABARI/PETRARCH) dictionary files in dyad's format
 * (dict_convert.c). One result per file read, in the order the loader reads them. */
typedef struct dict_converted {
    char *source;    /* the file read */
    char *text;      /* it in dyad's format; NULL when skipped */
    size_t len;
    const char *why; /* skipped: why (a static string) */
    size_t entries, names, codes, synsets, patterns;
    size_t comments; /* diagnostics and lines left out, written as comments */
} dict_converted;
/* Reads paths (files or directories) as the loader does, writing each community file in
 * dyad's format; the loader's diagnostics go to diag too. Free *out with
 * dict_converted_free. */
int dict_convert(const char *const *paths, size_t n_paths, dyad_diag_fn diag, void *diag_ud,
                 dict_converted **out, size_t *n_out);
void dict_converted_free(dict_converted *c, size_t n);

/* Loads one in-memory buffer as a dictionary file (either format; name is used in
 * diagnostics; %include is resolved relative to the working directory). For the fuzzer
 * and tests. No event-code table is added. */
int dict_open_buffer(const char *name, const char *data, size_t len,
                     const dyad_dict_options *opt, dyad_dict **out);

/* Inflections of a verb lemma (regular rules + the irregular table):
 * base, 3rd person -s, past, past participle, -ing. forms[] gets up to 5 strings written
 * into b separated by NULs. */
int dict_inflect(const char *lemma, dyad_buf *b, const char *forms[5]);

/* Match flags reported by dict_match_actor_ex. */
#define DICT_HIT_SHORT 0x1u /* the variant was a people short form (~Moon) */

/* dict_match_actor, also saying how the variant matched (DICT_HIT_*). The coder accepts
 * a short-form hit only after the entry's full name appeared in the same story. */
size_t dict_match_actor_ex(const dyad_dict *d, const tok *toks, size_t n, size_t i,
                           const dict_actor **hit, unsigned *hit_flags);

/* The type of a 3-letter actor-code block in the loaded actor-codes table ("country",
 * "region", "organization", "sector", "religion", "ethnic"), or NULL when unknown. */
const char *dict_block_type(const dyad_dict *d, const char *code);

/* True for entries of a `people` file. */
bool dict_actor_is_person(const dict_actor *a);
/* True when the entry comes from a TABARI/PETRARCH file (agents append to its whole code). */
bool dict_actor_is_community(const dict_actor *a);
/* True when one of the entry's date-restricted codes covers date (a person in office
 * then); false for undated entries and for date 0. */
bool dict_actor_active(const dict_actor *a, int32_t date);
/* True when the entry has a date-restricted code (offices with dates). */
bool dict_actor_dated(const dict_actor *a);

/* Composes a country or organisation code with an agent's sector blocks:
 * ("KOR", "GOV") -> "KORGOV"; ("PRKGOV", "MIL") -> "PRKMIL"; IGO/NGO codes are kept
 * ("IGOUNO", "GOV") -> "IGOUNO"; (NULL or "", "REB") -> "---REB". A prefix agent (a code ending
 * in '~', PETRARCH's "NGO~") goes before the whole actor code: ("FRA", "NGO~") -> "NGOFRA".
 * Returns out. */
const char *dict_compose(const char *actor_code, const char *agent_code,
                         char out[DYAD_MAX_CODE_BYTES]);

/* The coder's stages (syntax.c, clause.c, mention.c, coref.c, match.c, roles.c,
 * modality.c, discard.c, coder.c) share their types in coder_int.h. */

/* ---------------------------------------------------------------------------
 * The reader (read.c, story.c, sentence.c, date.c, utf8.c): what its files share.
 * ------------------------------------------------------------------------- */
/* utf8.c. utf8_seq_len: length of the valid sequence starting s (NUL counts as invalid),
 * 0 if invalid. utf8_repair writes s with each invalid byte (and NUL) replaced by U+FFFD
 * into out (room for 3 * n bytes) and returns the length written. */
size_t utf8_seq_len(const unsigned char *s, size_t n);
size_t utf8_invalid_count(const char *s, size_t n);
size_t utf8_repair(const char *s, size_t n, char *out);
/* utf16_to_utf8 converts UTF-16 p[0..n) into out (room for n / 2 * 3 + 3 bytes), each
 * lone surrogate and NUL as U+FFFD (lone surrogates counted in *lone). Unless final, an
 * incomplete unit or a high surrogate at the end is left for the next call: *consumed
 * says how many bytes were used. Returns the bytes written. */
size_t utf16_to_utf8(const unsigned char *p, size_t n, bool big_endian, bool final, char *out,
                     size_t *consumed, uint64_t *lone);
/* NFC of valid UTF-8, malloc'ed (free()); NULL on error. */
char *utf8_nfc(const char *s, size_t n, size_t *out_len);

/* date.c. Month (1..12) or weekday (1 = Monday .. 7) from an English name or its
 * abbreviation, case-insensitive; 0 if none. */
int date_month_from_name(const char *s, size_t n);
int date_weekday_from_name(const char *s, size_t n);
int32_t date_from_unix(int64_t seconds);
/* The date a relative expression in sentence s refers to, given the story date; 0 if the
 * sentence has none (or story_date is 0). The rules are documented in dyad.h. */
int32_t date_resolve_relative(const char *s, size_t n, int32_t story_date, int *precision);
/* The same for the expressions that begin at or after s[from]; the text before is read
 * as their context ("will meet on Wednesday" looks forward). */
int32_t date_resolve_relative_at(const char *s, size_t n, size_t from, int32_t story_date, int *precision);
/* The same for the words of the verb at s[verb]: a cue of a frame ("which", "after", ...)
 * before the verb, with the verb between it and the expression, opens the verb's own
 * clause, whose date the expression is ("Turkey, which launched an operation last
 * month"); verb 0 reads every cue as a frame, as date_resolve_relative_at does. */
int32_t date_resolve_relative_verb(const char *s, size_t n, size_t from, size_t verb, int32_t story_date,
                                   int *precision);
/* The story's year: its date's; for a story with no date, the latest year from 1900 to
 * 2099 its text names as past ("in 2013", "on July 22, 2022", "since May 2019"; not "by
 * 2030", "until July 2025", "will be held in 2023"); 0 when it names none. It decides
 * which events are background (modality.c) and dates nothing. */
int date_story_year(const dyad_story *s);
/* The day of writing that s[0..n) tells by a full date tied to it: a weekday the date falls
 * on ("said on Monday, July 25, 2022": that day), "today" ("today (July 26, 2022)": that
 * day) or "yesterday" ("yesterday (July 25, 2022)": the day after), in a clause told as
 * past (not "will meet on Monday, July 25, 2022", not "until Friday, July 22, 2022");
 * the latest when there are several, s[*from, *to) the words that tell it; 0 if none. */
int32_t date_told_today(const char *s, size_t n, size_t *from, size_t *to);
/* The date a story's URL plainly carries, or 0: path segments /YYYY/MM/DD/ (or /YYYY/M/D/),
 * a path segment that is YYYY-MM-DD (alone or before "-", "_" or ".") or exactly YYYYMMDD,
 * or such a value of the query keys ud, date or d (there also YYYYMMDD with 4 or 6 more
 * digits, a time or serial: "ud=20220720000323"); a year DATE_URL_MIN_YEAR..
 * DATE_URL_MAX_YEAR and a real day. Never a number inside a longer one, the host, the
 * fragment, a URL over DATE_URL_MAX_BYTES, nor a URL giving two different dates. */
#define DATE_URL_MAX_BYTES 4096u
#define DATE_URL_MIN_YEAR 1990
#define DATE_URL_MAX_YEAR 2100
int32_t date_from_url(const char *url);
/* The latest year from 1900 to 2099 that s[0..n) names as past (see date_story_year), or 0. */
int date_latest_past_year(const char *s, size_t n);

/* story.c. The date of an explicit timestamp line in the story text ("Published: Sept. 24,
 * 2019", "2019-09-24T14:03:00Z"); 0 if none. Never a copyright year. */
int32_t story_find_timestamp(const char *text, size_t len);

/* sentence.c. Calls fn(ud, start, end) for each sentence of text[start, end), one
 * paragraph (newlines inside it are spaces). Stops and returns fn's value if non-zero. */
typedef int (*sent_fn)(void *ud, uint32_t start, uint32_t end);
int sent_split(const char *text, uint32_t start, uint32_t end, sent_fn fn, void *ud);
/* The clean text of text[start, end): whitespace collapsed to single spaces, NFC. Arena
 * string. */
char *sent_clean(arena *a, const char *text, uint32_t start, uint32_t end, size_t *len);
/* An upper bound on the tokens the tokenizer makes of s: runs of letters/digits and
 * single punctuation marks. */
size_t sent_count_tokens(const char *s, size_t n);

/* ---------------------------------------------------------------------------
 * geo.c: the gazetteer and where events happened.
 * ------------------------------------------------------------------------- */
/* One place of the gazetteer (build/gen/gazetteer.c, generated by tools/geogen.mjs):
 * countries sorted by cc3 come first, then regions sorted by adm1, then cities. */
typedef struct geo_place {
    uint32_t name, full;  /* offsets into geodata_str */
    uint32_t feature;     /* GeoNames id of a city; 0 otherwise */
    uint32_t pop;         /* a city's people; a region's or country's: its cities' sum */
    int32_t lat, lon;     /* degrees x 100,000 */
    char cc3[4], cc2[3], adm1[8];
    uint8_t kind;         /* DYAD_GEO_COUNTRY, DYAD_GEO_REGION, DYAD_GEO_CITY */
    uint8_t capital;      /* a national capital */
} geo_place;
typedef struct geo_key {
    uint32_t key;         /* offset of a folded name in geodata_str; sorted by bytes */
    uint32_t place;
} geo_key;
extern const uint32_t geodata_n_countries, geodata_n_regions, geodata_n_places, geodata_n_keys;
extern const geo_place geodata_places[];
extern const geo_key geodata_keys[];
extern const char geodata_str[];
/* FIPS 10-4 country codes (build/gen/fips.c, from data/geo/fips-countries.txt by
 * tools/fipsgen.sh), sorted by key: an ISO alpha-2 code ("DE"), or ISO.ADM1 ("PS.GZ") for
 * a region that FIPS counts as a country. */
typedef struct geo_fips {
    char key[8];
    char fips[3];
} geo_fips;
extern const geo_fips geodata_fips[];
extern const size_t geodata_n_fips;
/* The FIPS 10-4 country code of a place in country cc2 (ISO alpha-2) and region adm1
 * (alpha-2 + GeoNames admin1 code, or "" or NULL): "GM" for DE; NULL if FIPS has none. */
const char *geo_fips_country(const char *cc2, const char *adm1);

#endif /* DYAD_INTERNAL_H */
