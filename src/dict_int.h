/* dict_int.h: what the dictionary module's files (dict.c, dict_base.c, dict_load.c,
 * dict_petrarch.c, dict_lint.c, infl.c) share: the compiled dictionary, its builders and the loader. */
#ifndef DYAD_DICT_INT_H
#define DYAD_DICT_INT_H

#include "internal.h"

#define DICT_MAX_PATTERN_ELEMS 32u /* elements of one verb pattern after the verb */
#define DICT_MAX_ALTS 256u         /* alternatives of one pattern element (synsets too) */
#define DICT_MAX_PATTERN_EXPANSIONS 64u /* patterns one line of multi-word alternatives makes */
#define DICT_MAX_HEAD_WORDS 7u     /* words of a multi-word head verb before the last */
#define DICT_MAX_NAME_WORDS 32u    /* words of one actor/agent/discard name variant */
#define DICT_MAX_ALSO_BYTES 128u /* the codes after the first of a compound code, with '/' */
#define DICT_MAX_FILE_BYTES (256u * 1024u * 1024u) /* one dictionary file */
#define DICT_MAX_WEAPONS 256u      /* weapon words and phrases of the %weapon lines, in all */
#define DICT_MAX_WEAPON_WORDS 2u   /* words of one weapon phrase ("tear gas") */

#define DICT_DISCARD 3 /* internal entry kind beside DICT_ACTOR and DICT_AGENT */

/* A code of an entry: undated (the default) or restricted to [from, to], inclusive. */
typedef struct dict_code {
    char code[DYAD_MAX_CODE_BYTES];
    int32_t from, to; /* 0 = open end */
    uint8_t dated;
    const char *also; /* a community compound code ([FRO/BIL/SAM]): the codes after the
                       * first, '/'-separated ("BIL/SAM"); else NULL */
} dict_code;

struct dict_actor {
    uint8_t kind;   /* DICT_ACTOR, DICT_AGENT, DICT_DISCARD */
    uint8_t person; /* from a `people` file */
    uint8_t community; /* from a TABARI/PETRARCH file */
    uint16_t n_codes;
    dict_code *codes;
    const char *reason;     /* DICT_DISCARD: the reason */
    uint8_t discard_scope;  /* DICT_DISCARD: enum dict_discard_scope */
    const char *text;       /* the entry as written */
    const char *file;
    uint64_t line;
    const dict_actor *full; /* a short form (~Moon): the full entry; else NULL */
    uint32_t index;         /* in dyad_dict.entries */
};

/* An (inflected word, pattern) pair, before the verb index is built. */
typedef struct verb_pair {
    uint32_t word;
    uint32_t order;
    const dict_pattern *p;
    uint8_t derived; /* an inflection dyad made, not a form the dictionary wrote */
} verb_pair;

typedef struct trie_term {
    uint32_t entry; /* index into entries */
    uint32_t caps;  /* bit k: word k must be written in capitals or with periods */
    uint32_t next;  /* next terminal of the same node (index + 1; 0 = none) */
} trie_term;

typedef struct irregular {
    const char *f[5]; /* lemma past participle [3rd -ing] */
} irregular;

/* A weapon word or phrase of a %weapon or %weapon-attack line of a verbs file: the
 * words of the phrase (word ids; before[0] the word before the last, 0 for one word),
 * whether it is an attack noun itself ("airstrike") or a word before one ("rocket" of
 * "rocket attack"), and the code of the attack it names ("" when it names none: "tear gas"). */
typedef struct dict_weapon {
    uint32_t last, before;
    uint8_t attack_noun;
    char code[8];
    const char *file; /* where the line is (the dictionary's arena), for the lint */
    uint64_t line;
} dict_weapon;

typedef struct actor_code_def {
    char code[8];
    const char *type;
} actor_code_def;

/* Growable array helper: ensures room for one more element of size sz. */
int dict_grow(void **v, size_t *cap, size_t n, size_t sz);

struct dyad_dict {
    arena mem; /* every string and entry */
    arena scratch; /* a name's tokens while dict_name_words reads it */
    /* interned words: ids 1..n_words */
    char **words;
    uint32_t *word_len;
    size_t n_words, cap_words;
    uint32_t *wtab; /* open addressing: word ids, 0 = empty */
    size_t wtab_size;
    /* entries */
    dict_actor **entries;
    size_t n_entries, cap_entries;
    /* trie: node 1 = actors/agents root, 2 = discards root, 3 = short forms root */
    uint32_t *node_term; /* per node: first terminal (index + 1) */
    size_t n_nodes, cap_nodes;
    trie_term *terms;
    size_t n_terms, cap_terms;
    uint64_t *etab_key; /* edges: (parent << 32 | word) -> child */
    uint32_t *etab_val;
    size_t etab_size, n_edges;
    uint8_t *word_roots;  /* per word id: bit 1 << root when a name under root (1, 2, 3)
                           * starts with the word; NULL until dict_finalize */
    size_t n_word_roots;  /* word ids it covers */
    /* verbs */
    dict_pattern **patterns;
    size_t n_patterns, cap_patterns;
    verb_pair *pairs;
    size_t n_pairs, cap_pairs;
    uint32_t *vidx_start; /* per word id: first pattern in vlist; vidx_start[id+1] ends it */
    const dict_pattern **vlist;
    uint32_t *vneed_start; /* per vlist entry: its sets in vneed[vneed_start[i] .. vneed_start[i+1]) */
    uint32_t *vneed;       /* indices from the verb's first set in vset (dict_verb) */
    uint32_t *vset_start;  /* per word id, as vidx_start: the verb's distinct sets in vset */
    dict_word_set *vset;
    uint32_t *vfirst_start; /* per vset entry (and one more): its patterns in vfirst (dict_verb) */
    uint32_t *vfirst;
    uint32_t *vfree_start;  /* per word id, as vidx_start: the verb's patterns in vfree */
    uint32_t *vfree;
    /* the sets of a verb by the buckets of their words (id % 1024, the buckets of
     * syn_sentence's words), for dict_verb's mask: per word id the verb's index k in
     * vmask (16 words from 16 * k; in vbefore, the bits of those before each), UINT32_MAX
     * for none; per verb, from vbucket_at[k], the starts in vbset of the sets of each
     * bucket of its mask, in order, and one more */
    uint32_t *vmask_at;
    uint64_t *vmask;
    uint16_t *vbefore;
    uint32_t *vbucket_at;
    uint32_t *vbucket;
    uint32_t *vbset;
    size_t n_vidx;
    size_t n_verbs, n_synsets;
    uint32_t *verb_lemmas; /* word ids of head verbs, for counting distinct verbs */
    size_t n_verb_lemmas, cap_verb_lemmas;
    irregular *irr;
    size_t n_irr, cap_irr;
    dict_weapon *weapons; /* the %weapon lines' words, in file order */
    size_t n_weapons, cap_weapons;
    /* tables */
    dyad_cameo *cameo;
    size_t *cameo_npat; /* patterns per code of cameo[] */
    size_t n_cameo, cap_cameo;
    const char **defined;  /* codes only community verb files define (sorted) */
    struct {
        const char *code, *name;
    } *labels;             /* TABARI .options LABEL lines: names of such codes */
    size_t n_labels_all, cap_labels;
    size_t n_defined;
    actor_code_def *acodes;
    size_t n_acodes, cap_acodes;
    struct acode_key { char code[3]; uint32_t index; } *acode_order; /* acodes by code,
                           * then file order (dict_finalize) */
    char *version;
    char **versions;
    size_t n_versions, cap_versions;
    size_t n_actors, n_agents, n_discards;
};

/* dict.c: building */
uint32_t dict_intern(dyad_dict *d, const char *norm, size_t len); /* 0 on OOM */
dict_actor *dict_new_entry(dyad_dict *d, int kind, const char *text, const char *file,
                           uint64_t line);
/* Adds a name variant (already tokenized: word ids and caps mask) for entry e under
 * root (1 actors/agents, 2 discards, 3 short forms). Later variants replace earlier
 * ones of the same kind at the same node. */
int dict_trie_add(dyad_dict *d, uint32_t root, const uint32_t *ids, size_t n, uint32_t caps,
                  const dict_actor *e);
int dict_add_pattern(dyad_dict *d, dict_pattern *p);
int dict_add_pair(dyad_dict *d, uint32_t word, const dict_pattern *p);
/* Adds (form, p) for every inflection of lemma (the dictionary's irregular verbs first). */
int dict_add_verb_forms(dyad_dict *d, const char *lemma, const dict_pattern *p);
int dict_finalize(dyad_dict *d);
const dict_actor *dict_entry(const dyad_dict *d, uint32_t i);
const char *dict_plural(const char *w, char *out, size_t cap); /* regular noun plural */
/* Adds the regular plural of a name variant ("soldier" -> "soldiers", "head of state" ->
 * "heads of state") for e. */
int dict_add_plural(dyad_dict *d, uint32_t root, uint32_t *ids, size_t n, const dict_actor *e);
int dict_valid_code(const char *s, size_t n);

/* A verb pattern under construction (dict_load.c), shared by both formats. */
typedef struct pat_builder {
    dict_elem el[DICT_MAX_PATTERN_ELEMS];
    uint32_t off[DICT_MAX_PATTERN_ELEMS];
    size_t n_el;
    uint32_t pool[4 * DICT_MAX_ALTS];
    size_t n_pool;
} pat_builder;
struct dict_loader;
/* Appends a literal element with alternatives ids (plurals added when plural != 0). */
int pat_word(struct dict_loader *L, pat_builder *b, const uint32_t *ids, size_t n, int plural);
int pat_slot(pat_builder *b, int kind);
/* Copies the pattern into the dictionary and registers it; NULL on OOM. */
dict_pattern *pat_finish(struct dict_loader *L, pat_builder *b, const char *code,
                         const uint32_t *head, size_t n_head, const char *file, uint64_t line,
                         const char *text, size_t text_len);

/* A pattern being parsed: slots (elements) whose alternatives are word sequences
 * ("sit-in" is two words); pat_expand turns it into one pattern per choice of a
 * multi-word alternative. */
typedef struct pat_alt {
    uint32_t off; /* into words */
    uint16_t len;
} pat_alt;
typedef struct pat_slot_t {
    uint8_t kind;      /* enum dict_elem_kind */
    uint8_t tight;     /* joined by `_` to the item before (community patterns) */
    uint8_t plural;    /* the last word of each alternative also in its other number */
    uint32_t first, n; /* alternatives */
} pat_slot_t;
typedef struct pat_parse {
    pat_slot_t slot[DICT_MAX_PATTERN_ELEMS];
    size_t n_slot;
    int tight_phrases; /* the words of a multi-word alternative are consecutive */
    int words_as_written; /* a literal word matches only as written (PETRARCH), not also
                           * in its other number */
    pat_alt alt[4 * DICT_MAX_ALTS];
    size_t n_alt;
    uint32_t words[8 * DICT_MAX_ALTS];
    size_t n_words;
} pat_parse;
pat_parse *pat_parse_new(void); /* malloc'd, empty; free() it */
int pat_new_slot(pat_parse *P, int kind);                     /* DYAD_ELIMIT when full */
int pat_add_alt(pat_parse *P, const uint32_t *w, size_t k);  /* to the last slot */
/* Registers the patterns of P (at most DICT_MAX_PATTERN_EXPANSIONS, else DYAD_ELIMIT)
 * and lists them in out; b is scratch space. */
int pat_expand(struct dict_loader *L, const pat_parse *P, pat_builder *b, const char *code,
               const uint32_t *head, size_t n_head, const char *file, uint64_t line,
               const char *text, size_t text_len, dict_pattern **out, size_t *n_out);

/* infl.c */
const char *const *infl_find_irregular(const char *lemma);
int infl_forms(const char *lemma, const char *const *irr, dyad_buf *b, const char *forms[5]);

/* dict_base.c (diagnostics, names, dates, pattern building) and dict_load.c (the loader).
 * The files depend one way: dict_lint.c -> dict_load.c -> dict_petrarch.c -> dict_base.c
 * -> dict.c. */
typedef struct dict_loader dict_loader;

/* What `dyad dict lint` records while dictionaries load. The readers call these hooks
 * (through the lint_* functions below) when L->lint is set; dict_lint.c provides them,
 * so that the loader does not depend on the lint. */
/* A synset of a verbs file (either format): its members' words, one after the other. */
typedef struct dict_synset {
    char name[64];
    uint32_t *words; /* the members' words, one after the other */
    uint16_t *lens;  /* words per member */
    size_t n;        /* members */
} dict_synset;

/* What `dyad dict convert` records while a community file loads (dict_convert.c provides
 * the hooks; the reader calls them when L->conv is set): the entries and verb patterns as
 * the reader understood them, so the converter writes them in dyad's format without a
 * reader of its own. */
typedef struct dict_conv_name {
    const char *s; /* the name as written, before '_' becomes a blank */
    size_t n;
    uint64_t line;
} dict_conv_name;
typedef struct dict_conv_entry {
    int kind;                     /* DICT_ACTOR, DICT_AGENT, DICT_DISCARD */
    const dict_conv_name *names;  /* every variant, substitution sets expanded */
    size_t n_names;
    const dict_code *codes;
    size_t n_codes;
    const char *reason;           /* DICT_DISCARD */
    int discard_scope;            /* DICT_DISCARD: enum dict_discard_scope */
    int no_plural;                /* an agent written with "{}" */
    uint64_t line;
} dict_conv_entry;
typedef struct dict_conv_verb {
    const uint32_t *head;        /* words before the inflected verb */
    size_t n_head;
    uint32_t last;               /* the inflected verb */
    const uint32_t *post;        /* +ASK_FOR: words required right after the verb */
    size_t n_post;
    const uint32_t *forms;       /* {FORMS} written out */
    size_t n_forms;
    const dict_pattern *alone;   /* "VERB [CODE]": the verb alone codes; NULL if not */
    const dict_pattern *const *protos; /* the block's patterns (expansions of a line share its line) */
    size_t n_protos;
    int as_written;              /* PETRARCH block: pattern words match as written */
} dict_conv_verb;
typedef struct dict_conv_hooks {
    void (*begin_file)(dict_loader *L, const char *file, const char *data, size_t len, int kind);
    void (*entry)(dict_loader *L, const char *file, const dict_conv_entry *e);
    void (*synset)(dict_loader *L, const char *file, uint64_t line, const dict_synset *y);
    void (*verb)(dict_loader *L, const dict_conv_verb *v); /* of the file begun last */
    /* a line the reader leaves out without a diagnostic of its own ([---] patterns) */
    void (*dropped)(dict_loader *L, const char *file, uint64_t line, const char *why);
    /* an event code's label of a TABARI .options file */
    void (*label)(dict_loader *L, const char *code, size_t cn, const char *name, size_t ln);
} dict_conv_hooks;
/* begin_file's kind: what the reader took the file for: DICT_ACTOR, DICT_AGENT,
 * DICT_DISCARD (a community noun file), or one of these */
enum { DICT_CONV_SKIPPED = 0, DICT_CONV_VERBS = 8, DICT_CONV_OURS = 9, DICT_CONV_LABELS = 10 };

typedef struct dict_lint_hooks {
    void (*line)(dict_loader *L, const char *file, uint64_t line, const char *text, size_t n);
    void (*name)(dict_loader *L, const char *norm, int kind, const dict_actor *e);
    void (*synset_defined)(dict_loader *L, const char *name, const char *file, uint64_t line);
    void (*synset_used)(dict_loader *L, const char *name);
    void (*end_file)(dict_loader *L, const char *file);
} dict_lint_hooks;
struct dict_loader {
    dyad_dict *d;
    int strict;
    dyad_diag_fn diag;
    void *diag_ud;
    const dict_lint_hooks *lint; /* non-NULL when linting */
    void *lint_state;            /* the lint's own records */
    const dict_conv_hooks *conv; /* non-NULL when converting (dict_convert.c) */
    void *conv_state;
    int err;                 /* first error that stops the load */
    size_t n_bad;            /* malformed lines */
    size_t loaded_files;
    int have_event_codes;
    int have_actor_codes;
    const char *stack[DYAD_MAX_DICT_INCLUDE_DEPTH + 1];
    size_t depth;
};

void dict_diag(dict_loader *L, dyad_severity sev, const char *file, uint64_t line,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A malformed line: reported; in strict mode the load stops with DYAD_EFORMAT. */
void dict_bad_line(dict_loader *L, const char *file, uint64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int dict_load_path(dict_loader *L, const char *path, int explicit_file);
int dict_load_buffer(dict_loader *L, const char *name, char *data, size_t len);
/* dyad_dict_open with a prepared loader (the lint sets L->lint and L->diag first). On
 * success *out is the dictionary (also in L->d). */
int dict_open_loader(dict_loader *L, const char *const *paths, size_t n_paths,
                     const dyad_dict_options *opt, dyad_dict **out);
int dict_parse_date(const char *s, size_t n, int32_t *out);
/* Tokenizes a name the way text is tokenized: word ids into ids (at most max), the caps
 * mask, and the number of words; acronym_rule 0 = none, 1 = per all-caps word, 2 =
 * community rule (single words of at most 3 letters). Returns words or -1 on error. */
int dict_name_words(dyad_dict *d, const char *s, size_t n, uint32_t *ids, size_t max,
                    uint32_t *caps, int acronym_rule);
char *dict_strndup(dyad_dict *d, const char *s, size_t n);
/* Adds a label (a TABARI .options `LABEL: CODE=NAME`, or an `event-labels` line): the name
 * of an event code that verb files define for themselves. */
int dict_add_label(dyad_dict *d, const char *code, size_t cn, const char *name, size_t ln);
/* Records a file's version for dyad_dict_version(). */
int dict_add_version(dyad_dict *d, const char *v, size_t n);

/* dict_petrarch.c: the TABARI/PETRARCH formats; kind is detected from name and content. */
int dict_petrarch_parse(dict_loader *L, const char *file, char *data, size_t len);
/* The event code of a community "CODE", "CODE:CODE" or ":CODE" (c to end): code and the
 * paired code2 as written, *reversed when only the paired code is given. Returns 0 when
 * there is no code ([---]). */
int dict_community_codes(const char *c, const char *end, char code[8], char code2[8], int *reversed);
/* Reads the items of a community pattern (TABARI's phrase syntax: `*`, `_`, `+ $ ^ %`,
 * `&SYNSET`, `{ A | B }`; syn are the file's synsets) between items and end, and registers
 * the patterns it stands for with the given code(s) and head, into out (at most
 * DICT_MAX_PATTERN_EXPANSIONS). as_written: literal words match only as written
 * (PETRARCH). Returns 1 added, 0 not usable (over a limit, two '*'), -2 out of memory,
 * -3 an unknown synset (reported). */
int dict_community_pattern(dict_loader *L, const char *file, uint64_t line, const dict_synset *syn,
                           size_t n_syn, const char *items, const char *end, const char *code,
                           const char *code2, int reversed, int as_written, const uint32_t *head,
                           size_t n_head, const char *raw, size_t raw_n, dict_pattern **out,
                           size_t *n_out);
/* A community name (KIM_JONG_UN_, !minist!, (PREP)) as words, the way the community reader
 * reads names: '_' is a blank, "!{}()" are dropped, TABARI's acronym rule. */
int dict_community_name_words(dyad_dict *d, const char *s, size_t n, uint32_t *ids, size_t max,
                              uint32_t *caps);
/* The text dict_community_name_words tokenizes: '_' a blank, "!{}()" dropped (into buf,
 * cap bytes; returns its length). */
size_t dict_community_name_text(const char *s, size_t n, char *buf, size_t cap);

/* The lint's hooks, for the readers: call them only when L->lint is set. */
static inline void lint_line(dict_loader *L, const char *file, uint64_t line, const char *text, size_t n) {
    L->lint->line(L, file, line, text, n);
}
static inline void lint_name(dict_loader *L, const char *norm, int kind, const dict_actor *e) {
    L->lint->name(L, norm, kind, e);
}
static inline void lint_synset_defined(dict_loader *L, const char *name, const char *file, uint64_t line) {
    L->lint->synset_defined(L, name, file, line);
}
static inline void lint_synset_used(dict_loader *L, const char *name) { L->lint->synset_used(L, name); }
static inline void lint_end_file(dict_loader *L, const char *file) { L->lint->end_file(L, file); }

#endif
