/* geo.c: where events happened. Looks place names up in the gazetteer built into the
 * library (build/gen/gazetteer.c) and chooses each event's place (docs/geography.md): the
 * sentence's, else the dateline's, else a statement's source's country, else the story's,
 * else the country both actors share. */
#include "coder_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define GEO_MAX_NAME_BYTES 256u /* a longer phrase is not looked up */
#define GEO_MAX_PHRASE 6u       /* tokens in one place name */
#define GEO_WINDOW 7u           /* tokens between a preposition and its place */
#define GEO_MAX_CANDS 64u       /* places sharing one name that are weighed */

/* ---------------------------------------------------------------------------
 * The gazetteer.
 * ------------------------------------------------------------------------- */

static void put_utf8(char *out, size_t cap, size_t *o, utf8proc_int32_t cp, bool *space) {
    uint8_t u[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, u);
    if (*o + (size_t)n + 2 > cap) {
        *o = cap; /* too long: the caller sees a full buffer */
        return;
    }
    if (*space && *o) out[(*o)++] = ' ';
    *space = false;
    memcpy(out + *o, u, (size_t)n);
    *o += (size_t)n;
}

/* Folds s[0, len) as tools/geogen.mjs folds names: decomposed, marks stripped, case
 * folded, every run of characters other than letters and digits one space. Returns the
 * length written to out (NUL-terminated), or 0 when empty or longer than cap - 1. */
static size_t fold(const char *s, size_t len, char *out, size_t cap) {
    size_t o = 0;
    if (len + 2 <= cap) { /* folded already, a lowercase word: copied as it is read */
        while (o < len && ((s[o] >= 'a' && s[o] <= 'z') || (s[o] >= '0' && s[o] <= '9'))) {
            out[o] = s[o];
            o++;
        }
        if (o == len) {
            out[len] = '\0';
            return len;
        }
    }
    o = 0;
    bool space = false;
    for (size_t i = 0; i < len && o < cap;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) { /* put_utf8's work, inline for ASCII */
            i++;
            if (ch >= 'A' && ch <= 'Z') ch += 32;
            else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
                space = true;
                continue;
            }
            if (o + 3 > cap) {
                o = cap;
                continue;
            }
            if (space && o) out[o++] = ' ';
            space = false;
            out[o++] = (char)ch;
            continue;
        }
        utf8proc_int32_t cp, dec[8];
        utf8proc_ssize_t n = utf8proc_iterate((const uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            space = true;
            continue;
        }
        i += (size_t)n;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, NULL);
        if (m < 0 || m > 8) {
            space = true;
            continue;
        }
        for (utf8proc_ssize_t k = 0; k < m; k++) {
            utf8proc_category_t c = utf8proc_category(dec[k]);
            if (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) continue;
            if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
                put_utf8(out, cap, &o, dec[k], &space);
            else
                space = true;
        }
    }
    if (o >= cap) return 0;
    out[o] = '\0';
    return o;
}

static const char *gstr(uint32_t off) { return geodata_str + off; }

/* A Bloom filter of the gazetteer's keys, built once per process: most capitalized
 * words and runs of them name no place, and it says so without a binary search. */
#define GEO_BLOOM_BITS (1u << 19)
static uint64_t bloom[GEO_BLOOM_BITS / 64];
static pthread_once_t bloom_once = PTHREAD_ONCE_INIT;

/* FNV-1a over bytes, continuing from h (start with GEO_FNV_BASIS). */
#define GEO_FNV_BASIS 14695981039346656037ull
static uint64_t fnv(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* The Bloom filter's hash of a key: polynomial, so that the hash of a run of words follows
 * from each word's (a word is folded and hashed once a sentence, however many runs of names
 * it is in): key_hash(h, s + t) = key_hash(h, s) * GEO_KEY_MUL^|t| + key_hash(0, t). */
#define GEO_KEY_MUL 1099511628211ull
static uint64_t key_hash(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) h = h * GEO_KEY_MUL + (unsigned char)s[i];
    return h;
}

/* Mixes a key's hash (murmur3's finalizer) before the filter takes its bits. */
static uint64_t key_mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static void bloom_set(uint64_t h) {
    h = key_mix(h);
    uint32_t a = (uint32_t)h % GEO_BLOOM_BITS, b = (uint32_t)(h >> 32) % GEO_BLOOM_BITS;
    bloom[a / 64] |= 1ull << (a % 64);
    bloom[b / 64] |= 1ull << (b % 64);
}

/* False when no key of the gazetteer has hash h. */
static bool bloom_may_hold(uint64_t h) {
    h = key_mix(h);
    uint32_t a = (uint32_t)h % GEO_BLOOM_BITS, b = (uint32_t)(h >> 32) % GEO_BLOOM_BITS;
    return (bloom[a / 64] >> (a % 64) & 1) && (bloom[b / 64] >> (b % 64) & 1);
}

static void bloom_build(void) {
    for (size_t i = 0; i < geodata_n_keys; i++) {
        const char *k = gstr(geodata_keys[i].key);
        bloom_set(key_hash(0, k, strlen(k)));
    }
}

/* Index of the first key >= k. */
static size_t key_lower(const char *k) {
    size_t lo = 0, hi = geodata_n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(gstr(geodata_keys[mid].key), k) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The places named k (folded), at most max, into out; returns their number. */
static size_t places_named(const char *k, const geo_place **out, size_t max) {
    size_t n = 0;
    for (size_t i = key_lower(k); i < geodata_n_keys && n < max && !strcmp(gstr(geodata_keys[i].key), k); i++) {
        const geo_place *p = &geodata_places[geodata_keys[i].place];
        bool dup = false;
        for (size_t j = 0; j < n; j++) dup |= out[j] == p;
        if (!dup) out[n++] = p;
    }
    return n;
}

/* The countries by their code's three capital letters, built once per process: an
 * actor's country is asked for several times an event and mention (the binary search
 * below was 2% of coding). A slot holds the country's index + 1; 0 none;
 * COUNTRY_SLOT_ANY when two countries share a code (the binary search answers then). */
#define COUNTRY_SLOTS (26u * 26u * 26u)
#define COUNTRY_SLOT_ANY UINT16_MAX
static uint16_t country_slot[COUNTRY_SLOTS];
static bool country_odd; /* a country's code is not three capitals: the search finds it */
static pthread_once_t country_once = PTHREAD_ONCE_INIT;

/* The slot of code c (its first three bytes), or COUNTRY_SLOTS when they are not three
 * capital letters A to Z. */
static size_t country_slot_of(const char *c) {
    unsigned a = (unsigned char)c[0] - 'A', b = (unsigned char)c[1] - 'A', d = (unsigned char)c[2] - 'A';
    return a < 26u && b < 26u && d < 26u ? (a * 26u + b) * 26u + d : COUNTRY_SLOTS;
}

static void country_build(void) {
    for (uint32_t i = 0; i < geodata_n_countries; i++) {
        size_t k = country_slot_of(geodata_places[i].cc3);
        if (k == COUNTRY_SLOTS) country_odd = true;
        else country_slot[k] = country_slot[k] ? COUNTRY_SLOT_ANY : (uint16_t)(i + 1);
    }
}

/* The country of code cc3 (its first three bytes). */
static const geo_place *country_place(const char *cc3) {
    if (!cc3 || !cc3[0] || !cc3[1] || !cc3[2]) return NULL; /* shorter than three bytes */
    pthread_once(&country_once, country_build);
    size_t k = country_slot_of(cc3);
    if (k < COUNTRY_SLOTS && country_slot[k] != COUNTRY_SLOT_ANY)
        return country_slot[k] ? &geodata_places[country_slot[k] - 1] : NULL;
    if (k == COUNTRY_SLOTS && !country_odd) return NULL;
    size_t lo = 0, hi = geodata_n_countries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *a = (const unsigned char *)geodata_places[mid].cc3,
                            *b = (const unsigned char *)cc3; /* strncmp(a, b, 3), inline */
        int c = a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1] : a[2] - b[2];
        if (!c) return &geodata_places[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* The national capital of the country of code cc3 (of two, the more populous), or NULL.
 * A scan of the cities: asked only where a text names "the Turkish capital". */
static const geo_place *capital_of(const char *cc3) {
    const geo_place *best = NULL;
    for (size_t i = geodata_n_countries + geodata_n_regions; i < geodata_n_places; i++) {
        const geo_place *p = &geodata_places[i];
        if (p->capital && p->kind == DYAD_GEO_CITY && !memcmp(p->cc3, cc3, 3) && (!best || p->pop > best->pop))
            best = p;
    }
    return best;
}

/* The region with ADM1 code adm1, or NULL. */
static const geo_place *region_place(const char *adm1) {
    if (!adm1 || !adm1[0]) return NULL;
    size_t lo = geodata_n_countries, hi = geodata_n_countries + geodata_n_regions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(geodata_places[mid].adm1, adm1);
        if (!c) return &geodata_places[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static void fill(dyad_place *out, const geo_place *p) {
    memset(out, 0, sizeof *out);
    const geo_place *r = region_place(p->adm1);
    out->region = r ? gstr(r->name) : "";
    out->precision = p->kind;
    out->name = gstr(p->name);
    out->full_name = gstr(p->full);
    out->country = p->cc3;
    out->country2 = p->cc2;
    out->adm1 = p->adm1;
    out->lat = p->lat / 1e5;
    out->lon = p->lon / 1e5;
    out->feature_id = p->feature;
}

/* How important a place is when nothing in the story tells its namesakes apart. */
static double importance(const geo_place *p) {
    if (p->kind == DYAD_GEO_COUNTRY) return 3.0;
    if (p->kind == DYAD_GEO_REGION) return 1.8;
    if (p->capital) return 3.0;
    if (p->pop >= 1000000u) return 2.6;
    if (p->pop >= 100000u) return 2.2;
    return 1.0 + p->pop / 200000.0;
}

static int fips_cmp(const void *k, const void *e) {
    return strcmp(k, ((const geo_fips *)e)->key);
}

const char *geo_fips_country(const char *cc2, const char *adm1) {
    if (!cc2 || strlen(cc2) != 2) return NULL;
    char key[sizeof geodata_fips[0].key];
    const geo_fips *f = NULL;
    /* a region FIPS counts as a country: "PS.GZ" from cc2 "PS", adm1 "PSGZ" */
    if (adm1 && strlen(adm1) > 2 && strlen(adm1) - 2 + 3 < sizeof key && !memcmp(adm1, cc2, 2)) {
        snprintf(key, sizeof key, "%s.%s", cc2, adm1 + 2);
        f = bsearch(key, geodata_fips, geodata_n_fips, sizeof *f, fips_cmp);
    }
    if (!f) f = bsearch(cc2, geodata_fips, geodata_n_fips, sizeof *f, fips_cmp);
    return f ? f->fips : NULL;
}

int dyad_geo_country(const char *cc, dyad_place *out) {
    if (!cc || !out) return DYAD_EINVAL;
    size_t n = strlen(cc);
    char up[4] = {0};
    for (size_t i = 0; i < n && i < 3; i++)
        up[i] = (char)(cc[i] >= 'a' && cc[i] <= 'z' ? cc[i] - 32 : cc[i]);
    const geo_place *p = NULL;
    if (n == 3) p = country_place(up);
    for (uint32_t i = 0; n == 2 && !p && i < geodata_n_countries; i++)
        if (!strcmp(geodata_places[i].cc2, up)) p = &geodata_places[i];
    if (!p) return DYAD_ENOTFOUND;
    fill(out, p);
    return DYAD_OK;
}

int dyad_geo_region(const char *adm1, dyad_place *out) {
    if (!adm1 || !out) return DYAD_EINVAL;
    const geo_place *p = region_place(adm1);
    if (!p) return DYAD_ENOTFOUND;
    fill(out, p);
    return DYAD_OK;
}

int dyad_geo_lookup(const char *name, const char *country, dyad_place *out) {
    if (!name || !out) return DYAD_EINVAL;
    char k[GEO_MAX_NAME_BYTES];
    size_t len = strlen(name);
    if (len >= GEO_MAX_NAME_BYTES || !fold(name, len, k, sizeof k)) return DYAD_ENOTFOUND;
    const geo_place *c[GEO_MAX_CANDS];
    size_t n = places_named(k, c, GEO_MAX_CANDS);
    const geo_place *best = NULL;
    double best_score = 0;
    size_t cl = country ? strlen(country) : 0;
    for (size_t i = 0; i < n; i++) {
        if (cl == 3 && strcmp(c[i]->cc3, country)) continue;
        if (cl == 2 && strcmp(c[i]->cc2, country)) continue;
        double s = importance(c[i]) + c[i]->pop / 1e9;
        if (!best || s > best_score) best = c[i], best_score = s;
    }
    if (!best) return DYAD_ENOTFOUND;
    fill(out, best);
    return DYAD_OK;
}

/* ---------------------------------------------------------------------------
 * Place names in text.
 * ------------------------------------------------------------------------- */

/* What the story says around a name, to tell its namesakes apart. */
typedef struct context {
    const geo_story *g;
    const char *actors[2];  /* the event's source and target codes, or NULL */
    const geo_place *qual;  /* "Paris, Texas": the region or country after the comma */
    char hint[4];           /* the actor dictionary's country for the name ("Aleppo => SYR") */
    int want_kind;          /* "Idlib province": DYAD_GEO_REGION; "the city of": CITY */
    bool city_first;        /* a name of a city and its region is the city: a dateline, words
                             * said or talks held there ("a forum in Krasnoyarsk") */
} context;

/* A place found in text: tokens [first, last), the place, and why it won. */
typedef struct found {
    size_t first, last;
    const geo_place *p;
    double score;
    size_t n_cands;
    const char *why;
    bool rejected; /* a name whose every place was set aside (told_apart): no place */
    bool gathering; /* a city naming a gathering ("the Munich security conference") */
} found;

/* !strncmp(a, b, 3) without the call: the place rules compare country codes at every
 * name and event. */
static bool cc3_eq(const char *a, const char *b) {
    for (int k = 0; k < 3; k++) {
        if (a[k] != b[k]) return false;
        if (!a[k]) return true;
    }
    return true;
}

static bool in_country(const geo_place *p, const char *cc3) { return cc3 && cc3_eq(p->cc3, cc3); }

static double weigh(const geo_place *p, const context *cx, const char **why) {
    double s = importance(p) + p->pop / 1e9;
    *why = "the most important place of the name";
    if (cx->qual && (cx->qual->kind == DYAD_GEO_COUNTRY ? in_country(p, cx->qual->cc3)
                                                        : !strcmp(p->adm1, cx->qual->adm1))) {
        s += 10;
        *why = "the region or country named after it";
        return s;
    }
    if (cx->want_kind && p->kind == cx->want_kind) s += 3;
    if (cx->hint[0] && in_country(p, cx->hint)) {
        s += 5;
        *why = "the actor dictionary's country for the name";
    } else if ((cx->actors[0] && in_country(p, cx->actors[0])) || (cx->actors[1] && in_country(p, cx->actors[1]))) {
        s += 4;
        *why = "an actor's country";
    } else if (cx->g && cx->g->dateline.precision && in_country(p, cx->g->dateline.country)) {
        s += 3;
        *why = "the dateline's country";
    } else if (cx->g) {
        for (size_t i = 0; i < cx->g->n_ctx; i++)
            if (in_country(p, cx->g->ctx[i])) {
                s += 2;
                *why = "the story's other places";
                break;
            }
    }
    return s;
}

/* The kinds of words the place rules ask about, a W_* bit each. */
enum { W_MONTH = 1, W_LINK = 2, W_PLACE = 4, W_PREP = 8, W_VENUE = 32, W_TIME = 64, W_WHEN = 128 };

/* Months, days and feasts: a capitalized word that names no place. */
static const char *const MONTH_WORDS[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter"};

/* Lowercase words inside a place name ("Rio de Janeiro", "Deir ez-Zor"). */
static const char *const LINK_WORDS[] = {
    "de", "del", "da", "do", "dos", "das", "al", "el", "la", "le", "les", "of", "upon", "on", "sur",
    "am", "an", "der", "ez", "es", "ad", "ash", "as", "ar", "az", "bin", "bani", "ibn", "y"};

/* Words that may stand between a preposition and the place it introduces: "in the
 * northern city of Mosul", "near the Greek border", "in Syria's Idlib province". */
static const char *const PLACE_WORDS[] = {
    "the", "a", "an", "of", "northern", "southern", "eastern", "western", "central",
    "northeastern", "northwestern", "southeastern", "southwestern", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "capital", "city", "town",
    "village", "province", "region", "state", "port", "border", "area", "district", "outskirts",
    "suburb", "suburbs", "coastal", "besieged", "disputed", "occupied", "breakaway", "restive",
    "neighbouring", "neighboring", "nearby", "downtown", "rebel", "held", "government",
    "controlled", "oil", "frontier", "island", "islands", "southernmost", "northernmost",
    "mountainous", "remote", "strategic", "key", "embattled", "seaside", "holy", "ancient",
    "cities", "towns", "villages", "provinces", "regions", "territory", "territories", "waters",
    "airspace", "soil", "side", "coast", "countryside", "governorate", "oblast", "county",
    "prefecture", "department", "far", "skies", "sky", "resort", "enclave", "areas", "part", "parts"};

/* Where words are said: a place after one of these is where a statement was made
 * ("told reporters in Ankara", "at a news conference in Brussels", "speaking in Geneva"). */
static const char *const VENUE_WORDS[] = {
    "reporters", "journalists", "correspondents", "conference", "briefing", "meeting", "summit",
    "rally", "speech", "interview", "statement", "session", "parliament", "assembly", "ceremony",
    "forum", "audience", "crowd", "supporters", "gathering", "visit", "trip", "tour", "talks",
    "hearing", "remarks", "appearance", "sidelines", "headquarters", "congress", "convention",
    "speaking", "addressing", "visiting", "touring", "meeting", "arriving", "arrived", "stopover"};

/* Facilities that act where they are: "Dubai airport suspended flights", "Basra
 * refinery halted output". */
static const char *const FACILITY_WORDS[] = {"airport", "port", "refinery", "prison", "hospital", "university"};

/* Capitalized words that make a place's name a building's or street's. */
static const char *const LANDMARK_WORDS[] = {"house", "street", "road", "avenue", "lane", "square", "hall"};

/* Spans of time: "months into the war" is no place. */
static const char *const TIME_WORDS[] = {"hours", "days", "weeks", "months", "years", "decades"};

/* Words that open a phrase of time after a place ("in eastern Syria last week", "in
 * Idlib early on Monday"): the place is not modifying a noun. */
static const char *const WHEN_WORDS[] = {"last", "next", "this", "early", "earlier", "late", "later",
                                         "overnight", "yesterday", "today", "tonight", "ago", "since"};

/* Prepositions that put an event at a place. */
static const char *const PREP_WORDS[] = {"in", "at", "near", "outside", "inside", "across",
                                         "throughout", "around", "into"};

/* The four lists in one open-addressing hash table, built once per process: a word's
 * kinds in one probe. GEO_WORD_SLOTS is a power of two over twice the words. */
#define GEO_WORD_SLOTS 512u
static struct geo_word {
    const char *w;
    size_t len;
    unsigned kinds;
} geo_words[GEO_WORD_SLOTS];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void words_add(const char *const *w, size_t n, unsigned kind) {
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(w[i]), s = (size_t)fnv(GEO_FNV_BASIS, w[i], len) % GEO_WORD_SLOTS;
        while (geo_words[s].w && strcmp(geo_words[s].w, w[i])) s = (s + 1) % GEO_WORD_SLOTS;
        geo_words[s] = (struct geo_word){w[i], len, geo_words[s].kinds | kind};
    }
}

static void words_build(void) {
    words_add(MONTH_WORDS, sizeof MONTH_WORDS / sizeof MONTH_WORDS[0], W_MONTH);
    words_add(LINK_WORDS, sizeof LINK_WORDS / sizeof LINK_WORDS[0], W_LINK);
    words_add(PLACE_WORDS, sizeof PLACE_WORDS / sizeof PLACE_WORDS[0], W_PLACE);
    words_add(PREP_WORDS, sizeof PREP_WORDS / sizeof PREP_WORDS[0], W_PREP);
    words_add(VENUE_WORDS, sizeof VENUE_WORDS / sizeof VENUE_WORDS[0], W_VENUE);
    words_add(TIME_WORDS, sizeof TIME_WORDS / sizeof TIME_WORDS[0], W_TIME);
    words_add(WHEN_WORDS, sizeof WHEN_WORDS / sizeof WHEN_WORDS[0], W_WHEN);
}

/* The kinds (W_* bits) of token t: the lists it is in; a possessive ('s) may stand
 * before a place too. */
static unsigned word_kinds(const tok *t) {
    if (t->cls == TOK_POSS) return W_PLACE;
    if (t->cls != TOK_WORD || !t->norm_len) return 0;
    pthread_once(&words_once, words_build);
    size_t len = t->norm_len, s = (size_t)fnv(GEO_FNV_BASIS, t->norm, len) % GEO_WORD_SLOTS;
    for (; geo_words[s].w; s = (s + 1) % GEO_WORD_SLOTS)
        if (geo_words[s].len == len && !memcmp(geo_words[s].w, t->norm, len)) return geo_words[s].kinds;
    return 0;
}

static bool is_cap_word(const tok *t) { return t->cls == TOK_WORD && (t->flags & TOK_CAP); }

/* Whether token t has the length and first letter of one of PREP_WORDS ("in", "at",
 * "near", "into", "inside", "across", "around", "outside", "throughout"): a test before
 * word_is for the loops that ask it of every token of a sentence, most of which are no
 * preposition (the look-up hashes the word). */
static bool prep_shape(const tok *t) {
    if (t->cls != TOK_WORD) return false;
    char c = t->norm[0];
    switch (t->norm_len) {
    case 2: return c == 'i' || c == 'a';
    case 4: return c == 'n' || c == 'i';
    case 6: return c == 'i' || c == 'a';
    case 7: return c == 'o';
    case 10: return c == 't';
    default: return false;
    }
}

/* The country of an actor code, when its first block is one the gazetteer knows. */
static const geo_place *code_country(const char *code) {
    return country_place(code);
}

/* What the gazetteer and the actor dictionary say of the name starting at a token,
 * whatever the event. It is the same for every event of a sentence, so each sentence
 * looks its names up once (geo_sentence_begin); only the weighing is per event. */
typedef struct name_look {
    bool done;                 /* looked up */
    bool ok;                   /* a place name starts here */
    bool qual_done;            /* qual looked for */
    bool own_name;             /* the dictionary's country, named by its own name */
    size_t len, dlen;          /* tokens of the gazetteer's and of the dictionary's name */
    const char *dcode;         /* the actor dictionary's code for the name, or NULL */
    const geo_place *dcountry; /* ... its country, unless it is a person */
    const geo_place **c;       /* the gazetteer's places of the name */
    size_t nc;
    const geo_place *qual;     /* "Paris, Texas": the region or country after the comma */
    bool common;               /* one word that is also an ordinary word ("Union", "Western") */
} name_look;

/* The tokens being searched for names, and their look-ups: one per token, from the
 * sentence's arena (names NULL: nothing kept, each name looked up when asked). */
typedef struct name_cache {
    const tok *toks;
    size_t n;
    name_look *names;
    uint8_t *cls; /* per token: its W_* bits, and W_KNOWN once they are found */
    arena *a;
    int8_t caps;  /* 1: every word is in capitals (a dateline, a shouted headline); 0: not
                   * known yet; -1: running text */
    const syn_actor_at *actor_at; /* the sentence's dictionary matches (mention_find), or NULL */
    struct tok_fold *fold; /* per token: its folded form's length and hash; NULL: none kept */
} name_cache;

/* A token's folded form (fold, with a whole key's room), as the name look-ups need it
 * without the text: a run of k names is looked up at each of its words. */
typedef struct tok_fold {
    uint64_t h, pw; /* key_hash(0, form, len), and GEO_KEY_MUL to the power len */
    uint32_t len;   /* 0: it folds to nothing, or is too long */
    bool done;
} tok_fold;

/* The folded form of token i: found once a sentence where nc keeps them. */
static tok_fold folded(name_cache *nc, size_t i) {
    if (nc->fold && nc->fold[i].done) return nc->fold[i];
    const char *s = nc->toks[i].norm;
    size_t len = nc->toks[i].norm_len, j = 0;
    tok_fold f = {0, 1, 0, true};
    if (len + 2 <= GEO_MAX_NAME_BYTES - 1) /* a lowercase word folds to itself (fold) */
        for (; j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9')); j++) {
            f.h = f.h * GEO_KEY_MUL + (unsigned char)s[j];
            f.pw *= GEO_KEY_MUL;
        }
    if (j == len)
        f.len = (uint32_t)len;
    else {
        char b[GEO_MAX_NAME_BYTES];
        f = (tok_fold){0, 1, (uint32_t)fold(s, len, b, sizeof b - 1), true};
        for (j = 0; j < f.len; j++) {
            f.h = f.h * GEO_KEY_MUL + (unsigned char)b[j];
            f.pw *= GEO_KEY_MUL;
        }
    }
    if (nc->fold) nc->fold[i] = f;
    return f;
}

/* Words from, ..., to - 1 of the run of words at toks[i] folded into k (cap bytes) after
 * the key's first end[from] bytes, one space between words; end[j + 1]: the key's length
 * after word j. Returns to. */
static size_t fold_run(const tok *toks, size_t i, size_t from, size_t to, char *k, size_t cap, size_t *end) {
    size_t o = end[from];
    for (size_t j = from; j < to; j++) {
        size_t m = o + 1 < cap ? fold(toks[i + j].norm, toks[i + j].norm_len, k + o + (o ? 1 : 0), cap - o - 1) : 0;
        if (m) {
            if (o) k[o++] = ' ';
            o += m;
        }
        end[j + 1] = o;
    }
    return to;
}

#define W_KNOWN 16u /* in name_cache.cls: the token's kinds are known (W_VENUE is 32, W_TIME 64, W_WHEN 128) */

/* Whether token i is a word of the kind what (one W_*), its kinds found once per
 * sentence. */
static bool word_is(name_cache *nc, size_t i, unsigned what) {
    uint8_t *c = nc->cls ? &nc->cls[i] : NULL;
    if (c && (*c & W_KNOWN)) return *c & what;
    unsigned kinds = word_kinds(&nc->toks[i]);
    if (c) *c = (uint8_t)(kinds | W_KNOWN);
    return kinds & what;
}

/* Whether the lowercase noun or adjective at toks[i] makes the name before it a modifier
 * ("at South Korean warships": no place), not a word of place ("Idlib province") or one
 * opening a phrase of time ("in eastern Syria last week"). */
static bool modified_at(name_cache *nc, size_t i) {
    const tok *after = i < nc->n ? &nc->toks[i] : NULL;
    return after && after->cls == TOK_WORD && !(after->flags & TOK_CAP) &&
           (after->pos == LEX_POS_NOUN || after->pos == LEX_POS_ADJ) && !word_is(nc, i, W_PLACE) &&
           !word_is(nc, i, W_WHEN);
}

/* True when the words of nc are all in capitals: a dateline ("BEIRUT"), where a short
 * word in capitals is a name, not an acronym. */
static bool caps_text(name_cache *nc) {
    if (!nc->caps) {
        nc->caps = 1;
        for (size_t i = 0; i < nc->n && nc->caps > 0; i++)
            if (nc->toks[i].cls == TOK_WORD && !(nc->toks[i].flags & TOK_ALLCAPS) && nc->toks[i].norm_len > 1)
                nc->caps = -1;
    }
    return nc->caps > 0;
}

/* Looks up the name starting at toks[i] (a capitalized word): the longest run of words
 * the gazetteer or the actor dictionary knows as a place. The gazetteer's candidates go
 * to cand (GEO_MAX_CANDS of them at most). False when no place name starts there. */
static bool look_up(const dyad_dict *d, name_cache *nc, size_t i, name_look *lk, const geo_place **cand) {
    const tok *toks = nc->toks;
    size_t n = nc->n;
    memset(lk, 0, sizeof *lk);
    lk->done = true;
    lk->c = cand;
    if (i >= n || !is_cap_word(&toks[i]) || word_is(nc, i, W_MONTH)) return false;
    size_t run = 1;
    while (i + run < n && run < GEO_MAX_PHRASE) {
        const tok *t = &toks[i + run];
        if (t->cls != TOK_WORD) break;
        if (is_cap_word(t) || (t->flags & TOK_JOINED)) run++;
        else if (word_is(nc, i + run, W_LINK) && i + run + 1 < n && is_cap_word(&toks[i + run + 1])) run++;
        else break;
    }
    /* The actor dictionary: a country ("Greek", "Syria"), a city it knows ("Aleppo =>
     * SYR"), a capital standing for its government ("Moscow => RUSGOV"), or a person or
     * organisation, which is no place. */
    const dict_actor *hit = NULL;
    size_t dlen = 0;
    if (nc->actor_at && nc->actor_at[i].known) /* mention_find asked already */
        hit = nc->actor_at[i].hit, dlen = nc->actor_at[i].len;
    else if (d)
        dlen = dict_match_actor(d, toks, n, i, &hit);
    const char *dcode = dlen && dict_actor_kind(hit) == DICT_ACTOR ? dict_actor_code(hit, 0) : NULL;
    if (!dcode) dlen = 0;
    const geo_place *dcountry = dcode && !dict_actor_is_person(hit) ? code_country(dcode) : NULL;

    /* The folded run's length after each word (the key of a shorter name is a prefix of
     * the longer one's) and the hash of that prefix, from each word's folded form; the key
     * itself (fold_run) only when the filter lets a prefix through. A word folds with less
     * room (cap) as with the whole key's, or, near the end of the room, to nothing. */
    char k[GEO_MAX_NAME_BYTES];
    size_t end[GEO_MAX_PHRASE + 1], o = 0;
    uint64_t hash[GEO_MAX_PHRASE + 1];
    hash[0] = 0;
    end[0] = 0;
    for (size_t j = 0; j < run; j++) {
        size_t cap = sizeof k - o - 1;
        tok_fold f = o + 1 < sizeof k ? folded(nc, i + j) : (tok_fold){0};
        if (f.len && f.len + 2 > cap && !fold(toks[i + j].norm, toks[i + j].norm_len, k, cap)) f.len = 0;
        uint64_t h = hash[j];
        if (f.len) {
            if (o) {
                o++;
                h = h * GEO_KEY_MUL + ' ';
            }
            o += f.len;
            h = h * f.pw + f.h;
        }
        end[j + 1] = o;
        hash[j + 1] = h;
    }
    pthread_once(&bloom_once, bloom_build);
    size_t n_cand = 0, len = run;
    size_t in_k = 0; /* words folded into k */
    for (; len > 0; len--) {
        if (!end[len] || !bloom_may_hold(hash[len])) continue;
        if (in_k < len) in_k = fold_run(toks, i, in_k, len, k, sizeof k, end);
        k[end[len]] = '\0';
        if ((n_cand = places_named(k, cand, GEO_MAX_CANDS)) > 0) break;
    }
    size_t key_words = len ? len : 1; /* k's name: the one found, else the first word */
    /* "UN", "EU", "ICC": an acronym in running text is no gazetteer city ("UN" is not Un,
     * India); the dictionary's countries ("US", "UAE") are still found below. */
    if (n_cand && len == 1 && (toks[i].flags & (TOK_ALLCAPS | TOK_ABBREV)) && toks[i].norm_len <= 3 &&
        !caps_text(nc))
        n_cand = 0;
    if (n_cand && len == 1 && !(toks[i].flags & TOK_ALLCAPS)) {
        uint32_t t = lex_lookup(toks[i].norm, toks[i].norm_len, NULL);
        lk->common = (t & (LEX_ADJ | LEX_ADV | LEX_VERB | LEX_DET | LEX_PREP)) || ((t & LEX_NOUN) && !(t & LEX_PROPER));
    }
    if (dlen > len) { /* the dictionary knows a longer name */
        if (!dcountry || strlen(dcode) != 3) return false; /* a person, an organisation */
        n_cand = 0;
        len = dlen;
    }
    if (!n_cand && !dcountry) return false;
    if (dcountry && strlen(dcode) == 3) {
        if (in_k < key_words) in_k = fold_run(toks, i, in_k, key_words, k, sizeof k, end);
        k[end[key_words]] = '\0';
        char cn[GEO_MAX_NAME_BYTES];
        lk->own_name = fold(gstr(dcountry->name), strlen(gstr(dcountry->name)), cn, sizeof cn) && !strcmp(cn, k);
    }
    lk->ok = true;
    lk->len = len;
    lk->dlen = dlen;
    lk->dcode = dcode;
    lk->dcountry = dcountry;
    lk->nc = n_cand;
    return true;
}

/* The look-up of the name at toks[i]: kept in nc when it keeps them, else made into
 * *tmp with its candidates in cand. */
static name_look *look(const dyad_dict *d, name_cache *nc, size_t i, name_look *tmp, const geo_place **cand) {
    if (nc->names && i < nc->n) {
        name_look *lk = &nc->names[i];
        if (lk->done) return lk;
        if (!look_up(d, nc, i, lk, cand) || !lk->nc) return lk;
        const geo_place **keep = arena_alloc(nc->a, lk->nc * sizeof *keep);
        if (keep) {
            memcpy(keep, cand, lk->nc * sizeof *keep);
            lk->c = keep;
            return lk;
        }
        lk->done = false; /* out of memory: not kept */
    }
    look_up(d, nc, i, tmp, cand);
    return tmp;
}

static bool name_at(const dyad_dict *d, name_cache *nc, size_t i, context cx, bool qualify, found *f);

/* "Paris, Texas": the region or country named after the comma that follows lk's name at
 * toks[i], when one of the name's places is in it; else NULL. */
static const geo_place *qualifier(const dyad_dict *d, name_cache *nc, size_t i, const name_look *lk) {
    const tok *toks = nc->toks;
    size_t n = nc->n, len = lk->len;
    if (!(i + len + 1 < n && toks[i + len].cls == TOK_PUNCT && toks[i + len].norm_len == 1 &&
          toks[i + len].norm[0] == ','))
        return NULL;
    found q;
    context qc = {0};
    if (!name_at(d, nc, i + len + 1, qc, false, &q) || q.p->kind == DYAD_GEO_CITY) return NULL;
    /* "peace in Palestine, US policy has ...": a name modifying the noun after it opens
     * another phrase; it qualifies nothing */
    const tok *after = q.last < n ? &toks[q.last] : NULL;
    if (after && after->cls == TOK_WORD && !(after->flags & TOK_CAP) && after->pos == LEX_POS_NOUN &&
        !word_is(nc, q.last, W_PLACE))
        return NULL;
    for (size_t j = 0; j < lk->nc; j++)
        if (q.p->kind == DYAD_GEO_COUNTRY ? in_country(lk->c[j], q.p->cc3) : !strcmp(lk->c[j]->adm1, q.p->adm1))
            return q.p;
    return NULL;
}

/* Whether the event's or the story's countries (actors, dictionary, dateline, earlier
 * places) include p's. */
static bool country_in_context(const geo_place *p, const context *cx) {
    if ((cx->actors[0] && in_country(p, cx->actors[0])) || (cx->actors[1] && in_country(p, cx->actors[1])) ||
        (cx->hint[0] && in_country(p, cx->hint)))
        return true;
    if (!cx->g) return false;
    if (cx->g->dateline.precision && in_country(p, cx->g->dateline.country)) return true;
    for (size_t i = 0; i < cx->g->n_ctx; i++)
        if (in_country(p, cx->g->ctx[i])) return true;
    return false;
}

static bool has_context(const context *cx) {
    return cx->actors[0] || cx->actors[1] || cx->hint[0] ||
           (cx->g && (cx->g->dateline.precision || cx->g->n_ctx));
}

/* Whether candidate p of lk's name may stand for it without a qualifier ("Paris, Texas")
 * or a kind ("the city of ..."). A name that is also an ordinary word ("Union", "Summit",
 * "Western") is a place only in a country the event or story names; so is a town of
 * under GEO_MINOR_POP people named by one word, not a capital, when the story names
 * countries and its country is none of them: "outside Westminster magistrates court" in a British story
 * is not Westminster, Colorado. */
#define GEO_MINOR_POP 150000u
#define GEO_MAJOR_POP 1000000u /* a city this big is meant by its name more than its region */
static bool told_apart(const name_look *lk, const geo_place *p, const context *cx) {
    bool minor = p->kind == DYAD_GEO_CITY && !p->capital && p->pop < GEO_MINOR_POP;
    if (lk->own_name && minor) return false; /* "peace in Palestine": not Palestine, Texas */
    if (lk->common) return country_in_context(p, cx);
    if (lk->len == 1 && minor && has_context(cx))
        return country_in_context(p, cx);
    return true;
}

/* Resolves the place name starting at nc->toks[i] (a capitalized word) in the context
 * of an event: the look-up's places weighed by what the story and the event say. With
 * qualify, a region or country after a comma ("Paris, Texas") narrows the choice. */
static bool name_at(const dyad_dict *d, name_cache *nc, size_t i, context cx, bool qualify, found *f) {
    name_look tmp;
    const geo_place *cand[GEO_MAX_CANDS];
    name_look *lk = look(d, nc, i, &tmp, cand);
    f->rejected = false;
    f->gathering = false;
    if (!lk->ok) return false;
    /* "Hyderabad House", "Washington Square", "Baker Street", "Jericho Social Hall": a
     * building or street named after a place, not the place (the name's capitalized words
     * end in the landmark word, GEO_MAX_PHRASE of them at most). */
    size_t end = i + (lk->len > lk->dlen ? lk->len : lk->dlen);
    while (end + 1 < nc->n && end + 1 - i < GEO_MAX_PHRASE && is_cap_word(&nc->toks[end]) &&
           is_cap_word(&nc->toks[end + 1]))
        end++;
    if (end < nc->n && is_cap_word(&nc->toks[end]))
        for (size_t k = 0; k < sizeof LANDMARK_WORDS / sizeof *LANDMARK_WORDS; k++)
            if (tok_is(&nc->toks[end], LANDMARK_WORDS[k])) return false;
    if (qualify) {
        if (lk == &tmp) tmp.qual = qualifier(d, nc, i, lk);
        else if (!lk->qual_done) {
            lk->qual = qualifier(d, nc, i, lk);
            lk->qual_done = true;
        }
        cx.qual = lk->qual;
    }
    const char *dcode = lk->dcode;
    const geo_place *dcountry = lk->dcountry;
    size_t len = lk->len, dlen = lk->dlen;
    if (dcountry) {
        size_t h = strnlen(dcode, sizeof cx.hint - 1);
        memcpy(cx.hint, dcode, h);
        cx.hint[h] = '\0';
    }
    f->first = i;
    f->last = i + len;
    f->p = NULL;
    f->n_cands = lk->nc;
    f->why = "the only place of the name";
    f->rejected = false;
    /* A country the dictionary names as such ("Mexico", "Greek", "Ivory Coast") is the
     * place, unless a qualifier points elsewhere ("Georgia, United States"); a name the
     * dictionary files under a country without being its name ("Aleppo => SYR") is one
     * of the gazetteer's places of that country when it has one. */
    if (dcountry && strlen(dcode) == 3) {
        bool namesake = false;
        for (size_t j = 0; j < lk->nc; j++) namesake |= in_country(lk->c[j], dcountry->cc3);
        if (lk->own_name || !namesake) {
            const char *why;
            context own = cx; /* the dictionary's word counts once, in importance */
            own.hint[0] = '\0';
            f->p = dcountry;
            f->score = weigh(dcountry, &own, &why) + (lk->own_name ? 1 : 0);
            f->why = "a country named by the actor dictionary";
        }
    }
    bool person_like = dcode && !dcountry; /* a person, an organisation of no country */
    for (size_t j = 0; j < lk->nc && !person_like; j++) {
        if (!cx.qual && !cx.want_kind && !told_apart(lk, lk->c[j], &cx)) continue;
        const char *why;
        double s = weigh(lk->c[j], &cx, &why);
        if (!f->p || s > f->score) {
            f->p = lk->c[j];
            f->score = s;
            f->why = lk->nc + (dcountry != NULL) > 1 ? why : "the only place of the name";
        }
    }
    /* "Idlib", "Homs", "Kandahar": a name shared by a city and the region it lies in is the
     * region (which holds the event either way) unless the text asks for a city ("the city
     * of ...") or the city is a capital or has 1,000,000 people or more ("Aleppo"). A
     * dateline, words said and talks held are in the city ("GENEVA (Reuters)", "told
     * reporters in Geneva", "a forum in Krasnoyarsk"): only force ranges over a province. */
    if (f->p && f->p->kind == DYAD_GEO_CITY && !f->p->capital && f->p->pop < GEO_MAJOR_POP &&
        cx.want_kind != DYAD_GEO_CITY && !cx.city_first && f->p->adm1[0])
        for (size_t j = 0; j < lk->nc; j++)
            if (lk->c[j]->kind == DYAD_GEO_REGION && !strcmp(lk->c[j]->adm1, f->p->adm1)) {
                f->p = lk->c[j];
                f->why = "the region of the name, which holds its city of that name";
                break;
            }
    if (!f->p && dcountry) { /* a place the dictionary puts in a country ("Ghouta => SYR") */
        f->p = dcountry;
        f->score = 0;
        f->why = "the actor dictionary's country for the name";
    }
    if (f->p && f->p->kind != DYAD_GEO_COUNTRY && dlen > len) f->last = i + dlen;
    /* "the Turkish capital", "Syria's capital" (not "Turkish capital markets"): the
     * country's capital city */
    size_t cap = f->last < nc->n && nc->toks[f->last].cls == TOK_POSS ? f->last + 1 : f->last;
    if (f->p && f->p->kind == DYAD_GEO_COUNTRY && cap < nc->n && tok_is(&nc->toks[cap], "capital") &&
        !(cap + 1 < nc->n && nc->toks[cap + 1].cls == TOK_WORD && nc->toks[cap + 1].pos == LEX_POS_NOUN)) {
        const geo_place *c = capital_of(f->p->cc3);
        if (c) {
            f->p = c;
            f->last = cap + 1;
            f->why = "the capital of the country named before \"capital\"";
        }
    }
    f->rejected = !f->p && !person_like && lk->nc;
    return f->p != NULL;
}

/* The word after a name that asks for a region ("Idlib province") or a city. */
static int kind_after(const tok *toks, size_t n, size_t i, size_t first) {
    static const char *const region[] = {"province", "region", "state", "governorate", "oblast",
                                         "county", "prefecture", "department"};
    if (i < n)
        for (size_t k = 0; k < sizeof region / sizeof region[0]; k++)
            if (tok_is(&toks[i], region[k])) return DYAD_GEO_REGION;
    if (first >= 2 && tok_is(&toks[first - 1], "of") &&
        (tok_is(&toks[first - 2], "city") || tok_is(&toks[first - 2], "town") || tok_is(&toks[first - 2], "village")))
        return DYAD_GEO_CITY;
    return 0;
}

static bool better(const found *a, const found *b) { return !b->p || a->p->kind > b->p->kind; }

/* The event a sentence's places are weighed for: its verb, the sentence's clauses, and
 * whether it is a statement (only where its words were said counts). */
typedef struct verb_at {
    size_t v;                 /* the event's verb token (>= n: none) */
    const uint16_t *clause;   /* per token: clause number, or NULL */
    const uint8_t *paren;     /* per token: inside a parenthetical, or NULL */
    const int32_t *mention_at; /* per token: the actor mention covering it (-1: none), or NULL */
    bool statement;
    bool topical;             /* words or a cut in relations: "war in Yemen" is their topic */
    bool diplomatic;          /* QuadClass 1 or 3, meetings included: "disputes over X in Syria" */
    bool symbolic;            /* a symbolic act (017): "marks the anniversary of the king, who was killed in ..." */
    const char *source, *target; /* the event's actor codes, or NULL */
    const syn_mention *m;     /* the sentence's mentions (mention_at indexes them), or NULL */
} verb_at;

/* A venue named by a proper name after "at" ("at Chatham House in London", "at the
 * thinktank Chatham House in London"): the index of the "in" that says where the venue
 * is, when toks[at] is "at" and such a name follows (GEO_VENUE_NOUNS lowercase nouns at
 * most before it); else 0. */
#define GEO_VENUE_NOUNS 2u
static size_t venue_in(name_cache *nc, size_t at) {
    const tok *toks = nc->toks;
    size_t n = nc->n, j = at + 1;
    if (!tok_is(&toks[at], "at")) return 0;
    if (j < n && tok_is(&toks[j], "the")) j++;
    for (size_t k = 0; k < GEO_VENUE_NOUNS && j < n && toks[j].cls == TOK_WORD && !(toks[j].flags & TOK_CAP) &&
                       toks[j].pos == LEX_POS_NOUN;
         k++)
        j++;
    size_t name = j;
    while (j < n && j - name < GEO_MAX_PHRASE && (is_cap_word(&toks[j]) || (toks[j].flags & TOK_JOINED))) j++;
    if (j == name) return 0;
    /* "at the Atlantic Council thinktank in Washington": the kind of venue after its name */
    for (size_t k = 0; k < GEO_VENUE_NOUNS && j < n && toks[j].cls == TOK_WORD && !(toks[j].flags & TOK_CAP) &&
                       toks[j].pos == LEX_POS_NOUN;
         k++)
        j++;
    return j + 1 < n && tok_is(&toks[j], "in") ? j : 0;
}

/* The "at" opening the venue named before the "in" at toks[i] (venue_in), or 0. */
static size_t venue_at(name_cache *nc, size_t i) {
    for (size_t j = i, k = 0; j > 0 && k < GEO_VENUE_NOUNS + GEO_MAX_PHRASE + 2; k++)
        if (tok_is(&nc->toks[--j], "at")) return venue_in(nc, j) == i ? j : 0;
    return 0;
}

/* For a statement, whether the place after the preposition at toks[i] (ending before
 * toks[last]) says where its
 * words were said: 1 after the verb of saying ("the envoy said in Geneva", "said on
 * Tuesday in Geneva"), 2 after the event's verb, a venue ("told reporters in Ankara",
 * "at a news conference in Brussels", "speaking in Geneva"), in the speaker's phrase
 * right before the verb or a verb of saying ("officials in Kabul said") or the
 * addressee's right after the verb ("lobbied
 * officials in Baghdad"), or opening the sentence ("In Geneva, the envoy said"); 0 otherwise: the place is what the words are about ("warned of war in
 * Syria", "accused Iran of building bases in Syria"). */
/* Whether the venue at toks[j] is the object of a verb that arranges or attends a
 * gathering ("postponed a Syrian dialogue conference in Sochi", "has not ruled out
 * attending a peace conference in Sochi"): the gathering is what the words are about,
 * not where they were said. The verb stands at most GEO_ARRANGED_SPAN words before. */
#define GEO_ARRANGED_SPAN 5u
static bool gathering_arranged(name_cache *nc, size_t j) {
    static const char *const arrange[] = {"postpone", "delay", "cancel", "call", "boycott", "attend", "host",
                                          "organise", "organize", "plan", "propose", "convene", "reject",
                                          "skip", "suspend", "schedule", "announce", "join"};
    for (size_t k = j, s = 0; k > 0 && s < GEO_ARRANGED_SPAN; s++) {
        const tok *t = &nc->toks[--k];
        if (t->cls == TOK_POSS) continue;
        if (t->cls != TOK_WORD) return false;
        if (t->pos == LEX_POS_VERB) {
            const char *lemma = t->lemma ? t->lemma : t->norm;
            for (size_t a = 0; a < sizeof arrange / sizeof *arrange; a++)
                if (!strcmp(lemma, arrange[a])) return true;
            return false;
        }
        if (word_is(nc, k, W_PREP) || tok_is(t, "to") || tok_is(t, "during")) return false;
    }
    return false;
}

/* Whether the venue at toks[j] is told by its day ("Monday's rally in Ahmedabad", "last
 * week's summit in Sochi"): a gathering spoken of, not the one the words are said at. */
static bool venue_dated(name_cache *nc, size_t j) {
    if (j < 2 || nc->toks[j - 1].cls != TOK_POSS) return false;
    const tok *t = &nc->toks[j - 2];
    return word_is(nc, j - 2, W_MONTH) || tok_is(t, "week") || tok_is(t, "weekend") || tok_is(t, "month") ||
           tok_is(t, "year") || tok_is(t, "yesterday");
}

/* Whether the event's verb at toks[v] stands in a clause of time or cause ("after",
 * "before", "since", "until", "when", "while", "because") that follows a verb of its own
 * after the place ending before toks[last]: "The Arab League meeting in Cairo adopted a
 * position after being urged by Trump" puts the meeting, not Trump's appeal, in Cairo. */
static bool later_clause(const tok *toks, size_t last, size_t v) {
    static const char *const conj[] = {"after", "before", "since", "until", "when", "while", "because"};
    bool verb = false;
    for (size_t k = last; k < v; k++) {
        if (toks[k].pos == LEX_POS_VERB && !(toks[k].tags & LEX_GERUND) && !(toks[k].flags & TOK_CAP)) verb = true;
        else if (verb && (toks[k].tags & LEX_SUBCONJ))
            for (size_t c = 0; c < sizeof conj / sizeof *conj; c++)
                if (tok_is(&toks[k], conj[c])) return true;
    }
    return false;
}

/* Whether toks[j] is an "event" told to or addressed by the event's verb or a verb of
 * saying at most GEO_EVENT_SPAN words before it ("told a campaign event in Derby",
 * "addressed a campaign event in Ohio"): a venue then, not the topic it is elsewhere ("the
 * event in Salisbury"). */
#define GEO_EVENT_SPAN 4u
static bool told_event(const tok *toks, size_t j, size_t v) {
    if (!tok_is(&toks[j], "event")) return false;
    for (size_t k = j, s = 0; k > 0 && s < GEO_EVENT_SPAN; s++) {
        const tok *t = &toks[--k];
        if (k == v || (t->pos == LEX_POS_VERB && ((t->tags & LEX_SAY) || tok_is(t, "addressed")))) return true;
        if (t->cls != TOK_WORD || t->pos == LEX_POS_VERB || t->pos == LEX_POS_PREP) return false;
    }
    return false;
}

/* The nouns of a visit whose place "to" (or "of" after "tour") names: "her visit to
 * the capital", "trips to the region" (visit_under_way, presence_cue). */
static const char *const visit_words[] = {"visit", "visits", "trip", "trips", "tour", "journey", "stopover"};
/* A state's missions abroad: an act on one, or words of one, is where the mission is. */
static const char *const mission_words[] = {"embassy", "embassies", "consulate", "consulates"};

/* The gerunds of a meeting whose object a place after it does not locate: "after hosting
 * the envoy in the capital" (said_at, met_after). */
static const char *const met_gerunds[] = {"meeting", "hosting", "visiting"};

static int said_at(name_cache *nc, size_t i, size_t last, const verb_at *w);
static int said_there(name_cache *nc, size_t i, size_t last, const verb_at *w) {
    int r = said_at(nc, i, last, w);
    /* "spoke at Chatham House in London", "criticised Europe at Chatham House in London":
     * a venue's place, when the venue is where the verb or its object puts the words */
    size_t at = r ? 0 : venue_at(nc, i);
    if (!at) return r;
    /* "speaking on Monday at the Atlantic Council ... in Washington": past the day */
    size_t b = at;
    if (b > 3 && word_is(nc, b - 1, W_MONTH) && tok_is(&nc->toks[b - 2], "on")) b -= 2;
    size_t obj = b - 1; /* the first token of the object before "at", if one is there */
    while (w->mention_at && w->mention_at[b - 1] >= 0 && obj > 0 && w->mention_at[obj - 1] == w->mention_at[b - 1])
        obj--;
    if (b - 1 == w->v || nc->toks[b - 1].pos == LEX_POS_VERB ||
        (w->mention_at && w->mention_at[b - 1] >= 0 && obj > w->v && obj <= w->v + 2))
        r = said_at(nc, at, last, w);
    return r;
}

static int said_at(name_cache *nc, size_t i, size_t last, const verb_at *w) {
    const tok *toks = nc->toks;
    size_t j = i;
    /* "said on Tuesday in Geneva", "working closely together in Syria" */
    while (j > 0 && (word_is(nc, j - 1, W_MONTH) || tok_is(&toks[j - 1], "on") ||
                     (toks[j - 1].cls == TOK_WORD && (toks[j - 1].pos == LEX_POS_ADV || (toks[j - 1].tags & LEX_ADV)) &&
                      !(toks[j - 1].flags & TOK_CAP)) ||
                     (toks[j - 1].cls == TOK_PUNCT && toks[j - 1].norm_len == 1 && toks[j - 1].norm[0] == ',')))
        j--;
    if (j == 0) return 2;
    const tok *t = &toks[--j];
    if (t->pos == LEX_POS_VERB && (t->tags & LEX_SAY)) return 1;
    /* "reopened its embassy in Damascus", "closed the consulate in Basra": an act on a
     * mission, the verb's object, is where the mission is */
    if (tok_in(t, mission_words, sizeof mission_words / sizeof *mission_words) &&
        w->v < j && j - w->v <= 3)
        return 2;
    if (j == w->v || ((word_is(nc, j, W_VENUE) || told_event(toks, j, w->v)) && !gathering_arranged(nc, j) &&
                      !venue_dated(nc, j) &&
                      !(last < w->v && w->v < nc->n && later_clause(toks, last, w->v))))
        return 2;
    /* a venue, then a participle: "a keynote speech delivered in Cairo", "a news
     * conference held in Moscow", "remarks made in Riyadh" */
    if (j > 0 && t->cls == TOK_WORD && (t->tags & LEX_PAST) && !(t->flags & TOK_CAP) && word_is(nc, j - 1, W_VENUE))
        return 2;
    if (w->mention_at && w->mention_at[j] >= 0) {
        size_t first = j, v = w->v;
        while (first > 0 && w->mention_at[first - 1] == w->mention_at[j]) first--;
        /* a venue's: "after a meeting with Theresa May in London" */
        if (first >= 2 && (tok_is(&toks[first - 1], "with") || tok_is(&toks[first - 1], "of")) &&
            word_is(nc, first - 2, W_VENUE))
            return 2;
        /* the object of a meeting just over: "she said after meeting the Danish prime
         * minister in Berlin" (a gerund of meeting right after "after") */
        if (first >= 2 && tok_is(&toks[first - 2], "after") && (toks[first - 1].tags & LEX_GERUND) &&
            tok_in(&toks[first - 1], met_gerunds, sizeof met_gerunds / sizeof *met_gerunds))
            return 2;
        /* the speaker's, a verb next: "officials in Kabul (have) condemned", "Hifi
         * Mustapha, an official in Afrin, said", "the embassy in London continues to ..." */
        size_t k = last;
        while (k < nc->n && (toks[k].pos == LEX_POS_AUX || toks[k].pos == LEX_POS_MODAL ||
                             toks[k].pos == LEX_POS_ADV || toks[k].pos == LEX_POS_NEG ||
                             (toks[k].cls == TOK_PUNCT && toks[k].norm_len == 1 && toks[k].norm[0] == ',')))
            k++;
        if (k == v) return 2;
        /* not a passive ("its personnel in Syria had been told to evacuate"): who is told
         * does not speak */
        if (k < nc->n && toks[k].pos == LEX_POS_VERB && (toks[k].tags & LEX_SAY) &&
            !(k > last && (tok_is(&toks[k - 1], "been") || tok_is(&toks[k - 1], "was") ||
                           tok_is(&toks[k - 1], "were") || tok_is(&toks[k - 1], "being"))))
            return 1;
        if (k < nc->n && k < v && toks[k].pos == LEX_POS_VERB && !(toks[k].tags & LEX_GERUND) &&
            (!w->clause || w->clause[k] == w->clause[v]))
            return 2;
        /* the addressee's, right after the verb: "lobbied Iraqi officials in Baghdad",
         * "complained to counterparts in Ankara" */
        if (first == v + 1 || (first == v + 2 && (tok_is(&toks[v + 1], "to") || tok_is(&toks[v + 1], "with"))))
            return 2;
    }
    return 0;
}

/* Whether a gathering (conference, summit, talks, forum, congress, convention) is named
 * at toks[i], or after one or two more words ("security conference", "peace talks"). */
static bool gathering_after(name_cache *nc, size_t i) {
    static const char *const what[] = {"conference", "summit", "talks", "forum", "congress", "convention"};
    for (size_t j = i; j < nc->n && j < i + 3; j++) {
        const tok *t = &nc->toks[j];
        if (t->cls != TOK_WORD || (t->flags & TOK_CAP)) return false;
        for (size_t k = 0; k < sizeof what / sizeof *what; k++)
            if (tok_is(t, what[k])) return true;
    }
    return false;
}

/* Whether the actor dictionary knows the capitalized words at nc->toks[i] as a name
 * (a person, an organisation): "in Erdogan, Turkey has ..." names no place. */
static bool dict_name_at(const dyad_dict *d, name_cache *nc, size_t i) {
    const dict_actor *hit = NULL;
    return d && dict_match_actor(d, nc->toks, nc->n, i, &hit) > 0;
}

/* The first token of the name after "the Black Sea resort of" when toks[e] begins the
 * lowercase words of a kind of place ending in "of" ("resort of", "port city of") and a
 * capitalized word follows; else 0. */
#define GEO_KIND_SPAN 3u
static size_t kind_of_after(name_cache *nc, size_t e) {
    size_t q = e;
    while (q < nc->n && q < e + GEO_KIND_SPAN && nc->toks[q].cls == TOK_WORD && !(nc->toks[q].flags & TOK_CAP) &&
           !tok_is(&nc->toks[q], "of") && word_is(nc, q, W_PLACE))
        q++;
    if (q == e || q + 1 >= nc->n || !tok_is(&nc->toks[q], "of") || !is_cap_word(&nc->toks[q + 1])) return 0;
    return q + 1;
}

/* The place after the preposition at nc->toks[i] ("in the northern city of Mosul", "near
 * the Greek border"), into *in_window (its p NULL when there is none): of several names
 * there, the most precise. */
static void place_after(const dyad_dict *d, name_cache *nc, size_t i, context cx, bool owners, found *in_window) {
    const tok *toks = nc->toks;
    size_t n = nc->n;
    in_window->p = NULL;
    size_t limit = i + GEO_WINDOW;
    bool described = false;
    for (size_t k = i + 1; k < n && k <= limit;) {
        const tok *t = &toks[k];
        if (is_cap_word(t)) {
            found f;
            context c2 = cx;
            if (!name_at(d, nc, k, c2, true, &f)) {
                if (f.rejected && f.last > k) {
                    k = f.last; /* "in Central Havana": "Central" is no place, "Havana" is */
                    continue;
                }
                size_t e = k;
                while (e < n && (is_cap_word(&toks[e]) || (toks[e].flags & TOK_JOINED))) e++;
                /* "in the Black Sea resort of Sochi", "the Red Sea port of Hodeidah": a
                 * name that is no place describes the place named after "of" */
                size_t of = kind_of_after(nc, e);
                if (of && !word_is(nc, k, W_MONTH)) {
                    k = of;
                    if (limit < k) limit = k;
                    continue;
                }
                /* "in Baghuz, eastern Syria": a place the gazetteer does not know, put in a
                 * region or country it knows by the words after the comma */
                if (e == k || word_is(nc, k, W_MONTH) || dict_name_at(d, nc, k) || e + 1 >= n || toks[e].cls != TOK_PUNCT ||
                    toks[e].norm_len != 1 || toks[e].norm[0] != ',')
                    break;
                size_t q = e + 1;
                while (q < n && !is_cap_word(&toks[q]) && word_is(nc, q, W_PLACE) && toks[q].cls == TOK_WORD) q++;
                found r;
                context rc = cx;
                if (q < n && is_cap_word(&toks[q]) && name_at(d, nc, q, rc, false, &r) &&
                    r.p->kind != DYAD_GEO_CITY && !modified_at(nc, r.last)) {
                    r.first = k;
                    r.why = "the region or country named after the comma (the place itself is not in the gazetteer)";
                    *in_window = r;
                }
                break;
            }
            /* "at South Korean warships": a name modifying a noun is no place; nor is the
             * possessor before it ("in Turkey's Afrin operation"). */
            if (modified_at(nc, f.last)) {
                /* "at the Munich security conference", "the Sochi summit": a city naming a
                 * gathering is where it is held */
                if (f.p->kind == DYAD_GEO_CITY && gathering_after(nc, f.last)) {
                    f.gathering = true;
                    if (better(&f, in_window)) *in_window = f;
                    break;
                }
                if (!owners && k > 0 && toks[k - 1].cls == TOK_POSS) in_window->p = NULL;
                break;
            }
            c2.want_kind = kind_after(toks, n, f.last, f.first);
            if (c2.want_kind) name_at(d, nc, k, c2, true, &f);
            /* "in the Red Sea port of Hodeidah": the place after "of" is the one described,
             * at least as precise as the name describing it */
            if (better(&f, in_window) || (described && f.p->kind >= in_window->p->kind)) *in_window = f;
            described = false;
            k = f.last;
            size_t of = kind_of_after(nc, k);
            if (of) {
                described = in_window->p != NULL;
                k = of;
                if (limit < k) limit = k;
            }
            continue;
        }
        if (!word_is(nc, k, W_PLACE) && !(t->flags & TOK_JOINED)) {
            /* "at Russia's use of its veto": the name owns what follows, it is no place */
            if (!owners && k > 0 && toks[k - 1].cls == TOK_POSS && t->cls == TOK_WORD && t->pos == LEX_POS_NOUN)
                in_window->p = NULL;
            break;
        }
        k++;
    }
}

/* Nouns of a war or a force abroad: "Riyadh's war in Yemen", "US forces in Syria". A
 * place after one is where the war is, the topic of a statement, an order or a cut in
 * relations about it (QuadClass 1 and 3 but meetings and protests, roots 04 and 14; root
 * 16), not where that was done; for what is done on the ground (meetings, visits,
 * protests, cooperation, withdrawals, force) it is the place ("visited U.S. troops in
 * Iraq", "withdrew its troops in Syria"). */
static const char *const TOPIC_WORDS[] = {"war", "wars", "conflict", "conflicts", "crisis", "fighting",
                                          "violence", "campaign", "operation", "operations", "offensive",
                                          "intervention", "involvement", "presence", "forces", "troops",
                                          "deployment", "mission"};
static bool topic_word(const tok *t) {
    if (t->cls != TOK_WORD) return false;
    for (size_t k = 0; k < sizeof TOPIC_WORDS / sizeof *TOPIC_WORDS; k++)
        if (tok_is(t, TOPIC_WORDS[k])) return true;
    return false;
}

/* Whether the preposition at toks[i] is in a phrase opened by "amid" after the event's
 * verb v ("released accounts of a call amid a military campaign inside Syria"): the
 * circumstances of the event, not its place. The phrase is the words back to "amid"
 * with no verb, punctuation or other preposition between (GEO_AMID_SPAN words at most). */
#define GEO_AMID_SPAN 8u
static bool amid_before(name_cache *nc, size_t i, size_t v) {
    for (size_t j = i, k = 0; j > v + 1 && k < GEO_AMID_SPAN; k++) {
        const tok *t = &nc->toks[--j];
        if (tok_is(t, "amid") || tok_is(t, "amidst")) return true;
        if (t->cls != TOK_WORD || t->pos == LEX_POS_VERB || word_is(nc, j, W_PREP)) return false;
    }
    return false;
}

/* Whether the preposition at toks[i] is inside a phrase of what a diplomatic act is
 * about, opened by "over", "about", "regarding" or "concerning" after the event's verb v
 * ("engaged in disputes with the US over its support for Kurdish forces in Syria",
 * "talks about the fighting in Idlib"), or by an infinitive of discussing ("met to discuss
 * the attack in Syria"): the topic, not where the act happened. The phrase
 * is the words back to its opener with no verb or punctuation between (GEO_TOPIC_SPAN
 * words at most). */
#define GEO_TOPIC_SPAN 10u
static bool topic_before(name_cache *nc, size_t i, size_t v) {
    for (size_t j = i, k = 0; j > v + 1 && k < GEO_TOPIC_SPAN; k++) {
        const tok *t = &nc->toks[--j];
        if (tok_is(t, "over") || tok_is(t, "about") || tok_is(t, "regarding") || tok_is(t, "concerning"))
            return true;
        /* "agreed to work closely on their response to the attack in the Syrian capital" */
        if ((tok_is(t, "response") || tok_is(t, "reaction")) && j + 1 < i && tok_is(&nc->toks[j + 1], "to"))
            return true;
        /* "met to discuss the attack in Syria" */
        if (t->pos == LEX_POS_VERB && j > 0 && tok_is(&nc->toks[j - 1], "to") &&
            (tok_is(t, "discuss") || tok_is(t, "debate") || tok_is(t, "consider") || tok_is(t, "review")))
            return true;
        if ((t->cls != TOK_WORD && t->cls != TOK_POSS) || t->pos == LEX_POS_VERB) return false;
    }
    /* "discussed developments in Syria with Erdogan", "discussed the situation in Idlib":
     * the object of the event's verb of discussing, a place after a noun of what goes on
     * there (not "discussed trade in Beijing", where they talked) */
    if (i > v + 1 && i - v - 1 <= GEO_TOPIC_SPAN) {
        static const char *const what[] = {"developments", "situation", "events", "crisis", "conflict",
                                           "war", "fighting", "violence", "tensions", "unrest", "escalation"};
        const tok *verb = &nc->toks[v], *noun = &nc->toks[i - 1];
        const char *lemma = verb->lemma ? verb->lemma : verb->norm;
        if (lemma && (!strcmp(lemma, "discuss") || !strcmp(lemma, "debate") || !strcmp(lemma, "review")))
            for (size_t k = 0; k < sizeof what / sizeof *what; k++)
                if (tok_is(noun, what[k])) return true;
    }
    return false;
}

/* Whether toks[i] opens a phrase of place after a verb of speaking: "speaking from
 * Sunamganj", "talking from his home in Kent". */
static bool speaking_from(const tok *toks, size_t i) {
    return i > 0 && tok_is(&toks[i], "from") &&
           (tok_is(&toks[i - 1], "speaking") || tok_is(&toks[i - 1], "talking") ||
            tok_is(&toks[i - 1], "writing") || tok_is(&toks[i - 1], "phoning"));
}

/* "travelled on to Cairo, where he met Sisi": an event whose verb is in a clause opened
 * by "where" right after a place (GEO_WHERE_SPAN tokens at most from "where" to the verb,
 * no punctuation between) happens at that place, into *f. */
#define GEO_WHERE_SPAN 6u
#define GEO_WHERE_NAME 4u /* words of the place's name before ", where" */
static bool where_clause(const dyad_dict *d, name_cache *nc, size_t v, context cx, found *f) {
    const tok *toks = nc->toks;
    for (size_t k = v, s = 0; k > 2 && s < GEO_WHERE_SPAN; s++) {
        const tok *t = &toks[--k];
        if (tok_is(t, "where")) {
            size_t e = k;
            if (toks[e - 1].cls == TOK_PUNCT && toks[e - 1].norm_len == 1 && toks[e - 1].norm[0] == ',') e--;
            size_t b = e;
            while (b > 0 && e - b < GEO_WHERE_NAME && (is_cap_word(&toks[b - 1]) || (toks[b - 1].flags & TOK_JOINED)))
                b--;
            for (size_t st = b; st < e; st++)
                if (is_cap_word(&toks[st]) && name_at(d, nc, st, cx, true, f) && f->last == e) return true;
            return false;
        }
        if (t->cls != TOK_WORD) return false;
    }
    return false;
}

/* The places the sentence puts event w at: after a preposition ("in Aleppo", "near the
 * Greek border"), or naming an actor's place ("Lagos police"). The one nearest the verb
 * wins; a place after a preposition beats a place in a name. A place in another clause
 * than the verb's is not the event's, nor, for a statement, one that is not where it was
 * said (said_there). */
/* Whether toks[i] is "on" or "of" opening the place an attack or a seizure is on, for a
 * material event: "air strikes on Idlib", "the assault on Raqqa", "an attack by
 * government forces on Douma", "took control of Raqqa", "the siege of Aleppo". The noun
 * stands right before, or before a "by" phrase of at most GEO_AGENT_SPAN words. */
#define GEO_AGENT_SPAN 4u
static bool attack_object(const tok *toks, size_t i) {
    static const char *const on[] = {"attack", "attacks", "assault", "strike", "strikes", "airstrike",
                                     "airstrikes", "raid", "raids", "offensive", "bombardment", "advance"};
    static const char *const of[] = {"control", "capture", "siege", "recapture", "bombardment", "shelling",
                                     "bombing", "encirclement"};
    bool is_on = tok_is(&toks[i], "on");
    if (i == 0 || (!is_on && !tok_is(&toks[i], "of"))) return false;
    size_t j = i - 1;
    /* "an attack by government forces on Douma": past the "by" phrase */
    for (size_t k = 0; is_on && k <= GEO_AGENT_SPAN && k + 1 < i; k++)
        if (tok_is(&toks[i - 2 - k], "by")) {
            j = i - 3 - k;
            break;
        }
    if (toks[j].cls != TOK_WORD) return false;
    const char *const *list = is_on ? on : of;
    size_t nl = is_on ? sizeof on / sizeof *on : sizeof of / sizeof *of;
    for (size_t k = 0; k < nl; k++)
        if (tok_is(&toks[j], list[k])) return true;
    return false;
}

/* Whether the "to" at toks[i] (or "of" after "tour") names the place of a visit under
 * way: "during his visit to Singapore", "on a three-day trip to Jordan", "during Modi's
 * tour of the Gulf": "during" or "on" at most GEO_VISIT_SPAN words before the visit
 * word (not "after his visit to", "ahead of a visit to"). */
#define GEO_VISIT_SPAN 4u
static bool visit_under_way(const tok *toks, size_t i) {
    if (i < 3 || (!tok_is(&toks[i], "to") && !(tok_is(&toks[i], "of") && tok_is(&toks[i - 1], "tour")))) return false;
    if (!tok_in(&toks[i - 1], visit_words, sizeof visit_words / sizeof *visit_words)) return false;
    for (size_t j = i - 1, s = 0; j > 0 && s < GEO_VISIT_SPAN; s++) {
        const tok *t = &toks[--j];
        if (tok_is(t, "during") || tok_is(t, "on")) return true;
        if (t->cls != TOK_POSS && t->cls != TOK_WORD && t->cls != TOK_NUMBER && !(t->flags & TOK_JOINED)) return false;
        if (t->pos == LEX_POS_VERB || t->pos == LEX_POS_PREP) return false;
    }
    return false;
}

/* "shelled the Turkish province of Kilis", "seized the strategic town of Afrin": the
 * object of the event's verb at v is a determiner, up to GEO_OBJECT_SPAN words that
 * describe a place (PLACE_WORDS, or names: "Turkish", "Black Sea"), a noun of a kind of
 * place and "of", then the place, a city or region of that kind, into *f. */
#define GEO_OBJECT_SPAN 5u
static bool described_object(const dyad_dict *d, name_cache *nc, size_t v, context cx, found *f) {
    static const char *const city[] = {"city", "town", "village", "port", "resort"};
    static const char *const region[] = {"province", "region", "governorate", "district", "enclave"};
    const tok *toks = nc->toks;
    size_t n = nc->n;
    if (!(tok_is(&toks[v + 1], "the") || tok_is(&toks[v + 1], "a"))) return false;
    for (size_t j = v + 2; j + 2 < n && j <= v + 1 + GEO_OBJECT_SPAN; j++) {
        const tok *t = &toks[j];
        if (t->cls != TOK_WORD) return false;
        if (tok_is(&toks[j + 1], "of") && !is_cap_word(t)) {
            int kind = 0;
            for (size_t k = 0; k < sizeof city / sizeof *city && !kind; k++)
                if (tok_is(t, city[k])) kind = DYAD_GEO_CITY;
            for (size_t k = 0; k < sizeof region / sizeof *region && !kind; k++)
                if (tok_is(t, region[k])) kind = DYAD_GEO_REGION;
            if (!kind || !is_cap_word(&toks[j + 2])) return false;
            cx.want_kind = kind;
            return name_at(d, nc, j + 2, cx, true, f) && f->p->kind != DYAD_GEO_COUNTRY && !modified_at(nc, f->last);
        }
        if (!is_cap_word(t) && !word_is(nc, j, W_PLACE)) return false;
    }
    return false;
}

/* Whether the actor naming place p at tokens [first, last] ("Lagos police", "Aleppo
 * residents said") may say where the event happened: not when the actor dictionary gives
 * the actor another country than p's ("Turkey's Sabah newspaper" is no place in Malaysia,
 * "the east London schoolgirl", of South Africa's East London, none in England), nor, for
 * a statement, when the actor is not its speaker ("Macau residents should be vigilant,
 * the director of the Hong Kong and Macau Affairs Office said": not said in Macau). True
 * when the sentence's mentions are not known. */
static bool naming_actor_fits(const verb_at *w, const geo_place *p, size_t first, size_t last) {
    if (!w->mention_at || !w->m) return true;
    for (size_t k = first; k <= last; k++) {
        int32_t mi = w->mention_at[k];
        if (mi < 0) continue;
        const char *code = w->m[mi].code;
        const geo_place *c = code_country(code);
        if (c && !in_country(p, c->cc3)) return false;
        return !w->statement || (w->source && !strcmp(code, w->source));
    }
    return true;
}

/* Whether the capitalized name going on at toks[from] (words, hyphens and "'s" between)
 * ends in "Court" or "Tribunal", GEO_MAX_PHRASE tokens at most: "the Ningbo Intermediate
 * People's Court", "the Moscow City Court". */
static bool court_named(const tok *toks, size_t n, size_t from) {
    size_t j = from;
    while (j < n && j - from < GEO_MAX_PHRASE &&
           (is_cap_word(&toks[j]) || (toks[j].flags & TOK_JOINED) || toks[j].cls == TOK_POSS))
        j++;
    return j > from && is_cap_word(&toks[j - 1]) && (tok_is(&toks[j - 1], "court") || tok_is(&toks[j - 1], "tribunal"));
}

/* Whether an actor code is a judiciary's ("CHNJUD"): its role after the country. */
static bool judiciary(const char *code) { return code && strlen(code) >= 6 && !memcmp(code + 3, "JUD", 3); }

/* Whether a clause opens between tokens v and e: a subordinating conjunction ("as he was
 * entering the mosque in Jerusalem") or a relative pronoun after a comma ("the king, who
 * was killed in Jerusalem"), which the clause marks may miss. Asked for a symbolic act
 * (017), whose object is so often a past event told in such a clause ("marks the
 * anniversary of the death of King Abdullah, who was assassinated as he was entering Al
 * Aqsa Mosque in Jerusalem"): what happened there is not where the act is. */
static bool clause_between(const tok *toks, size_t v, size_t e) {
    for (size_t k = v + 1; k < e; k++)
        if (toks[k].pos == LEX_POS_SUBCONJ ||
            (toks[k].pos == LEX_POS_REL && toks[k - 1].cls == TOK_PUNCT && toks[k - 1].norm_len == 1 &&
             toks[k - 1].norm[0] == ','))
            return true;
    return false;
}

/* Whether a noun of intention governs an infinitive between tokens v and e ("stepped back
 * from his promise to fire missiles at Syria", "dropped its plan to build a base in
 * Iraq"): a place there is where the intended act would be, not where the act of the verb
 * at v is. */
static const char *const INTENT_NOUNS[] = {"promise", "pledge", "plan", "plans", "threat", "threats", "vow",
                                           "decision", "bid", "attempt", "proposal", "offer", "intention"};
static bool intent_between(const tok *toks, size_t v, size_t e) {
    for (size_t k = v + 2; k + 1 < e; k++) {
        if (toks[k].norm_len != 2 || !tok_is(&toks[k], "to") || toks[k - 1].pos != LEX_POS_NOUN ||
            toks[k + 1].pos != LEX_POS_VERB || (toks[k + 1].tags & (LEX_PAST | LEX_GERUND)))
            continue;
        for (size_t j = 0; j < sizeof INTENT_NOUNS / sizeof *INTENT_NOUNS; j++)
            if (tok_is(&toks[k - 1], INTENT_NOUNS[j])) return true;
    }
    return false;
}

static bool sentence_place(const dyad_dict *d, name_cache *nc, const verb_at *w, context cx, found *best,
                           int *from_prep) {
    const tok *toks = nc->toks;
    size_t n = nc->n, v = w->v;
    const uint16_t *clause = w->clause;
    const uint8_t *paren = w->paren;
    bool have = false;
    size_t best_dist = 0;
    /* "evacuated 10 students from Wuhan": an evacuation happens where people are taken
     * from */
    bool evacuation = v < n && toks[v].cls == TOK_WORD && toks[v].norm_len >= 7 && !memcmp(toks[v].norm, "evacuat", 7);
    /* "With coronavirus cases rising in Italy, markets fell, even as China eased curbs":
     * an opening "With ..." clause, up to its comma, says what goes on around the event,
     * not where the event after it happened. */
    size_t opening = 0;
    if (n > 2 && toks[0].norm_len == 4 && tok_is(&toks[0], "with"))
        for (size_t i = 1; i < n && i < v; i++)
            if (toks[i].cls == TOK_PUNCT && toks[i].norm_len == 1 && toks[i].norm[0] == ',') {
                opening = i;
                break;
            }
    for (size_t i = 0; i < n; i++) {
        if (!(prep_shape(&toks[i]) && word_is(nc, i, W_PREP)) && !(evacuation && i > v && tok_is(&toks[i], "from")) &&
            !(i > 0 && tok_is(&toks[i], "of") && (tok_is(&toks[i - 1], "sidelines") || tok_is(&toks[i - 1], "out"))) &&
            !speaking_from(toks, i) && (w->statement || !attack_object(toks, i)) &&
            (w->statement || !visit_under_way(toks, i)))
            continue;
        /* "18 months into Russia's intervention": time, not a place */
        if (i > 0 && tok_is(&toks[i], "into") &&
            (toks[i - 1].tags & LEX_PLURAL) && word_is(nc, i - 1, W_TIME))
            continue;
        found in_window = {0};
        place_after(d, nc, i, cx, false, &in_window);
        if (!in_window.p) continue;
        if ((v < n && amid_before(nc, i, v)) || /* "amid a campaign inside Syria": the circumstances */
            in_window.first < opening ||
            (w->topical && i > 0 && topic_word(&toks[i - 1])) ||
            (w->diplomatic && v < n && i > v && topic_before(nc, i, v)) ||
            /* "In Syria, Erdogan has backed Moscow": a country opening the sentence is what
             * a statement is about; a city there is where it was made ("In Geneva, the
             * envoy said") */
            (w->statement && i == 0 && in_window.p->kind == DYAD_GEO_COUNTRY)) {
            i = in_window.last - 1;
            continue;
        }
        /* "Trump said Europe should take back fighters captured in Syria": a place in
         * another clause than the verb's is not where the event happened; a statement's
         * is where said_there finds it said, in whichever clause ("told a news conference
         * in Washington 13 cases had been confirmed"). */
        /* words said at a gathering are said where it is held ("criticised ... at the
         * Munich security conference") */
        int said = !w->statement || in_window.gathering ? 2 : said_there(nc, i, in_window.last, w);
        if (!said || (!w->statement && clause && v < n && clause[in_window.first] != clause[v]) ||
            (w->symbolic && v < n && in_window.first > v && clause_between(toks, v, in_window.first)) ||
            /* an event's (not the lead's, which has no actors) */
            (!w->statement && w->source && v < n && in_window.first > v + 3 &&
             intent_between(toks, v, in_window.first)) ||
            (paren && v < n && paren[in_window.first] && !paren[v])) {
            i = in_window.last - 1;
            continue;
        }
        size_t dist = in_window.first > v ? in_window.first - v : v - in_window.first;
        if (!have || !*from_prep || dist < best_dist) {
            *best = in_window;
            best_dist = dist;
            have = true;
            *from_prep = 1;
        }
        i = in_window.last - 1;
    }
    if (have) return true;
    /* "travelled on to Cairo, where he met Sisi" */
    if (v < n && where_clause(d, nc, v, cx, best)) {
        *from_prep = 1;
        return true;
    }
    /* "shelled the Turkish province of Kilis", "captured the northern town of Afrin": the
     * place a material event's object describes by its kind */
    if (!w->statement && v + 1 < n && described_object(d, nc, v, cx, best)) {
        *from_prep = 2;
        return true;
    }
    /* "troops entered Afrin", "jets bombed Idlib": a city or region right after the verb
     * of a material event is where it happened (a country there is the target). */
    if (!w->statement && v + 1 < n && is_cap_word(&toks[v + 1]) && name_at(d, nc, v + 1, cx, true, best) &&
        best->p->kind != DYAD_GEO_COUNTRY && (!paren || !paren[v + 1] || paren[v])) {
        if (!modified_at(nc, best->last)) {
            context c2 = cx; /* "bombed Idlib province": the region */
            c2.want_kind = kind_after(toks, n, best->last, best->first);
            if (c2.want_kind) name_at(d, nc, v + 1, c2, true, best);
            /* "touring Washington, Paris and London": the one in the target's country */
            const char *tc = cx.actors[1];
            for (size_t k = best->last; tc && !in_country(best->p, tc) && k + 1 < n;) {
                if (!(tok_is(&toks[k], "and") ||
                      (toks[k].cls == TOK_PUNCT && toks[k].norm_len == 1 && toks[k].norm[0] == ',')))
                    break;
                found f;
                if (!is_cap_word(&toks[k + 1]) || !name_at(d, nc, k + 1, cx, true, &f)) break;
                if (in_country(f.p, tc)) *best = f;
                k = f.last;
            }
            *from_prep = 2;
            return true;
        }
    }
    /* "Lagos police", "Aleppo residents": a place naming an actor; a name, not a word
     * that opens the sentence ("Most people"), and a whole one ("Democratic Union party"). */
    for (size_t i = 0; i < n; i++) {
        if (!is_cap_word(&toks[i])) continue;
        /* "pro-Damascus forces", "anti-Kremlin protesters": a name joined to a word before
         * it says whom the actor sides with, not where it is */
        if ((toks[i].flags & TOK_JOINED) && i > 0 && toks[i - 1].cls == TOK_WORD && !(toks[i - 1].flags & TOK_CAP)) {
            while (i + 1 < n && (is_cap_word(&toks[i + 1]) || (toks[i + 1].flags & TOK_JOINED))) i++;
            continue;
        }
        size_t run = i + 1;
        while (run < n && (is_cap_word(&toks[run]) || (toks[run].flags & TOK_JOINED))) run++;
        found f;
        if (toks[i].pos != LEX_POS_PROPER || !name_at(d, nc, i, cx, false, &f)) {
            i = run - 1;
            continue;
        }
        if (f.last < run) {
            /* "a Chinese court sentenced him ..., the Ningbo Intermediate People's Court
             * said": a court named after its city sits there, and a court's act is there */
            if (judiciary(w->source) && f.p->kind != DYAD_GEO_COUNTRY && court_named(toks, n, f.last) &&
                naming_actor_fits(w, f.p, f.first, f.last)) {
                size_t dist = f.first > v ? f.first - v : v - f.first;
                if (!have || dist < best_dist) {
                    *best = f;
                    best_dist = dist;
                    have = true;
                }
            }
            i = run - 1;
            continue;
        }
        const dict_actor *hit = NULL;
        /* "Dubai airport suspended flights": a place naming a facility that acts is where
         * the facility is */
        bool facility = false;
        for (size_t k = 0; f.last < n && k < sizeof FACILITY_WORDS / sizeof *FACILITY_WORDS && !facility; k++)
            facility = tok_is(&toks[f.last], FACILITY_WORDS[k]) && f.first < v;
        if (f.last < n && !(toks[f.last].flags & TOK_CAP) && d &&
            (facility || (dict_match_actor(d, toks, n, f.last, &hit) && dict_actor_kind(hit) == DICT_AGENT)) &&
            f.p->kind != DYAD_GEO_COUNTRY && (!clause || v >= n || clause[f.first] == clause[v]) &&
            (!w->statement || f.first < v) && naming_actor_fits(w, f.p, f.first, f.last)) { /* a statement's: its speaker's ("Aleppo residents said") */
            size_t dist = f.first > v ? f.first - v : v - f.first;
            if (!have || dist < best_dist) {
                *best = f;
                best_dist = dist;
                have = true;
            }
        }
        i = f.last - 1;
    }
    *from_prep = 0;
    return have;
}

/* ---------------------------------------------------------------------------
 * Stories and events.
 * ------------------------------------------------------------------------- */

/* Copies the first three bytes of code (fewer when it is shorter) to out, a string. */
static void copy_cc3(char out[4], const char *code) {
    size_t k = 0;
    for (; k < 3 && code[k]; k++) out[k] = code[k];
    out[k] = '\0';
}

static void remember(geo_story *g, const char *cc3) {
    if (!cc3 || !cc3[0]) return;
    for (size_t i = 0; i < g->n_ctx; i++)
        if (cc3_eq(g->ctx[i], cc3)) return;
    if (g->n_ctx == GEO_MAX_CONTEXT) return;
    copy_cc3(g->ctx[g->n_ctx++], cc3);
}

/* Tokens of text[start, end) with their dictionary word ids, as syn_analyse makes them. */
static bool tokens(arena *a, const dyad_dict *d, const char *text, uint32_t start, uint32_t end, tok **toks,
                   size_t *n) {
    if (tok_split(a, text, start, end, toks, n) != DYAD_OK || !*n) return false;
    lex_tag(*toks, *n);
    for (size_t i = 0; i < *n; i++) (*toks)[i].word = dict_word_id(d, (*toks)[i].norm, (*toks)[i].norm_len);
    return true;
}

/* The story's lead place: the first place after a preposition in the headline or the
 * first two sentences of the body ("... clashed in Idlib on Monday"). */
static void lead_place(geo_story *g, arena *a, const dyad_dict *d, const dyad_story *s) {
    size_t body = 0;
    for (size_t i = 0; i < s->n_sentences && i < 3; i++) {
        const dyad_sentence *st = &s->sentences[i];
        if (st->flags & DYAD_SENT_SKIPPED) continue;
        if (!(st->flags & DYAD_SENT_HEADLINE) && body++ >= 2) break;
        tok *toks;
        size_t n;
        if (!tokens(a, d, s->text, st->start, st->end, &toks, &n)) continue;
        found f;
        int prep = 0;
        context cx = {0};
        cx.g = g;
        name_cache nc = {toks, n, NULL, NULL, NULL, 0, NULL, NULL};
        verb_at w = {0};
        if (!sentence_place(d, &nc, &w, cx, &f, &prep)) continue;
        fill(&g->lead, f.p);
        uint32_t b = toks[f.first].start, e = toks[f.last - 1].end;
        g->lead.text = arena_strndup(a, s->text + b, e - b);
        g->lead.from = "story";
        g->lead.span.start = b;
        g->lead.span.end = e;
        return;
    }
}

void geo_story_begin(geo_story *g, arena *a, const dyad_dict *d, const dyad_story *s) {
    memset(g, 0, sizeof *g);
    g->story = s;
    if (!s->dateline_place) return; /* the lead's place is found when an event needs it */
    const char *p = s->dateline_place;
    size_t len = strlen(p);
    tok *toks;
    size_t n;
    if (len > GEO_MAX_NAME_BYTES || !tokens(a, d, p, 0, (uint32_t)len, &toks, &n)) return;
    found f;
    context cx = {0};
    cx.city_first = true; /* a dateline names a city ("GENEVA"), not its region */
    name_cache nc = {toks, n, NULL, NULL, NULL, 0, NULL, NULL};
    if (!name_at(d, &nc, 0, cx, true, &f)) return;
    fill(&g->dateline, f.p);
    g->dateline.text = p;
    g->dateline.from = "dateline";
    for (size_t i = 0; i < s->n_removed; i++)
        if (!strcmp(s->removed[i].reason, "dateline")) {
            uint32_t st = s->removed[i].start;
            g->dateline.span.start = st;
            g->dateline.span.end = st + len <= s->removed[i].end && !memcmp(s->text + st, p, len)
                                       ? st + (uint32_t)len : s->removed[i].end;
            break;
        }
    remember(g, f.p->cc3);
}

/* out: place p, named by tokens [first, last) of the sentence (its text and span), found
 * by rule `from` ("sentence", "source"). */
static void fill_named(dyad_place *out, const geo_place *p, arena *a, const syn_sentence *ss, size_t first,
                       size_t last, const char *from) {
    fill(out, p);
    uint32_t b = ss->toks[first].start, e = ss->toks[last - 1].end;
    out->text = arena_strndup(a, ss->story->text + b, e - b);
    out->from = from;
    out->span.start = b;
    out->span.end = e;
}

static void explain_place(dyad_buf *ex, const char *what, const dyad_place *p, const char *why) {
    if (!ex) return;
    if (!p->precision) {
        buf_printf(ex, "    %s: none (%s)\n", what, why);
        return;
    }
    static const char *const prec[] = {"", "country", "region", "city"};
    buf_printf(ex, "    %s: %s (%s; %s %s; %.4f, %.4f", what, p->full_name, prec[p->precision],
               p->country, p->adm1[0] ? p->adm1 : "-", p->lat, p->lon);
    if (p->feature_id) buf_printf(ex, "; GeoNames %u", (unsigned)p->feature_id);
    buf_printf(ex, ") from the %s \"%s\": %s\n", p->from, p->text ? p->text : "", why);
}

/* out at place p, found by way of from ("source", "story"), and why, for explain */
static void settle(dyad_place *out, const geo_place *p, const char *from, dyad_buf *ex, const char *why) {
    fill(out, p);
    out->from = from;
    explain_place(ex, "place", out, why);
}

/* What is looked up once per sentence: the names at its tokens, and the place of each
 * actor mention (valid while the story's places are those it was found with). */
typedef struct mention_place {
    bool done;
    size_t n_ctx; /* g->n_ctx when it was found */
    dyad_place p;
} mention_place;

struct geo_sentence {
    const dyad_story *story;
    uint32_t index;
    const tok *toks;
    name_cache names;
    mention_place *mp; /* one per mention */
};

/* The look-ups of sentence ss, kept in the story's arena a until the next sentence;
 * NULL when out of memory (everything is then looked up when asked). */
static geo_sentence *sentence_state(geo_story *g, arena *a, const syn_sentence *ss) {
    geo_sentence *s = g->sent;
    if (s && s->story == ss->story && s->index == ss->index && s->toks == ss->toks) return s;
    g->sent = NULL;
    if (!s) s = arena_alloc(a, sizeof *s);
    if (!s) return NULL;
    s->names.toks = ss->toks;
    s->names.n = ss->n;
    s->names.names = arena_calloc(a, ss->n + 1, sizeof *s->names.names);
    s->names.cls = arena_calloc(a, ss->n + 1, 1);
    s->names.a = a;
    s->names.caps = 0;
    s->names.actor_at = ss->actor_at;
    s->names.fold = arena_calloc(a, ss->n + 1, sizeof *s->names.fold);
    s->mp = arena_calloc(a, ss->nm + 1, sizeof *s->mp);
    if (!s->names.names || !s->names.cls || !s->names.fold || !s->mp) return NULL;
    s->story = ss->story;
    s->index = ss->index;
    s->toks = ss->toks;
    g->sent = s;
    return s;
}

/* The name cache of ss: the sentence's, or *local, which keeps nothing. */
static name_cache *names_of(geo_story *g, arena *a, const syn_sentence *ss, name_cache *local) {
    geo_sentence *s = sentence_state(g, a, ss);
    if (s) return &s->names;
    *local = (name_cache){ss->toks, ss->n, NULL, NULL, NULL, 0, NULL, NULL};
    return local;
}

/* Counts a place in country cc3 in the table t of *n countries (the first
 * GEO_MAX_CONTEXT countries are counted). */
#define COUNT_PLACE(t, nt, cc)                                                   \
    do {                                                                         \
        size_t i_ = 0;                                                           \
        while (i_ < (nt) && !cc3_eq((t)[i_].cc3, (cc))) i_++;                 \
        if (i_ == (nt)) {                                                        \
            if ((nt) == GEO_MAX_CONTEXT) break;                                  \
            copy_cc3((t)[(nt)++].cc3, (cc));                                     \
        }                                                                        \
        (t)[i_].n++;                                                             \
    } while (0)

/* Counts a place of the story's sentences' events in country cc3. */
static void seen(geo_story *g, const char *cc3) { COUNT_PLACE(g->seen, g->n_seen, cc3); }

/* Whether the story's sentences placed an event in country cc3. */
static bool seen_in(const geo_story *g, const char *cc3) {
    for (size_t i = 0; i < g->n_seen; i++)
        if (cc3_eq(g->seen[i].cc3, cc3)) return true;
    return false;
}

/* Counts the places after a preposition in every sentence of the story (its headline
 * included; "months into" is time), once. */
static void story_named(geo_story *g, arena *a, const dyad_dict *d) {
    g->named_done = true;
    const dyad_story *s = g->story;
    for (size_t k = 0; s && k < s->n_sentences; k++) {
        const dyad_sentence *st = &s->sentences[k];
        tok *toks;
        size_t n;
        if ((st->flags & DYAD_SENT_SKIPPED) || !tokens(a, d, s->text, st->start, st->end, &toks, &n)) continue;
        name_cache nc = {toks, n, NULL, NULL, NULL, 0, NULL, NULL};
        context cx = {0};
        cx.g = g;
        for (size_t i = 0; i < n; i++) {
            if (!(prep_shape(&toks[i]) && word_is(&nc, i, W_PREP)) ||
                (i > 0 && tok_is(&toks[i], "into") && (toks[i - 1].tags & LEX_PLURAL) && word_is(&nc, i - 1, W_TIME)))
                continue;
            found f = {0};
            place_after(d, &nc, i, cx, true, &f); /* "in Syria's war" names Syria */
            if (!f.p) continue;
            COUNT_PLACE(g->named, g->n_named, f.p->cc3);
            i = f.last - 1;
        }
    }
}

/* How many places in country cc3 the story's sentences name after a preposition
 * (story_named has counted them). */
static unsigned named_in(const geo_story *g, const char *cc3) {
    for (size_t i = 0; i < g->n_named; i++)
        if (cc3_eq(g->named[i].cc3, cc3)) return g->named[i].n;
    return 0;
}

/* The story's theatre: the country of the places its sentences name after a preposition
 * most often, at least GEO_THEATRE_MIN times (of equals, the first); NULL when none. */
#define GEO_THEATRE_MIN 3u
static const geo_place *theatre_of(geo_story *g, arena *a, const dyad_dict *d) {
    if (!g->named_done) story_named(g, a, d);
    size_t best = g->n_named;
    for (size_t i = 0; i < g->n_named; i++)
        if (g->named[i].n >= GEO_THEATRE_MIN && (best == g->n_named || g->named[i].n > g->named[best].n)) best = i;
    return best < g->n_named ? country_place(g->named[best].cc3) : NULL;
}

/* Whether CAMEO code is the use of force (roots 18-20). */
static bool force(const char *code) {
    return code && (!strncmp(code, "18", 2) || !strncmp(code, "19", 2) || !strncmp(code, "20", 2));
}

/* Whether actor code names an armed group of no country: "---REB", "---INS", "---UAF",
 * "---MIL" (rebels, insurgents, unidentified armed forces, a military of no state). */
static bool armed_group(const char *code) {
    if (!code || strncmp(code, "---", 3)) return false;
    return !strncmp(code + 3, "REB", 3) || !strncmp(code + 3, "INS", 3) || !strncmp(code + 3, "UAF", 3) ||
           !strncmp(code + 3, "MIL", 3);
}

/* Whether CAMEO code is a military retreat or surrender (0874). */
static bool retreat(const char *code) { return code && !strcmp(code, "0874"); }

/* Where force (code) between parties of countries sc and tc (either may be NULL) foreign
 * to the story's place is fought: the story's theatre, unless the parties are of one
 * country, the theatre is one of theirs, or the story placed an event in one of their
 * countries or named it half as often as the theatre. NULL otherwise. */
static const geo_place *third_ground(geo_story *g, arena *a, const dyad_dict *d, const char *code,
                                     const geo_place *sc, const geo_place *tc) {
    if (!force(code) || (sc && sc == tc)) return NULL;
    const geo_place *theatre = theatre_of(g, a, d);
    if (theatre && (in_country(theatre, sc ? sc->cc3 : NULL) || in_country(theatre, tc ? tc->cc3 : NULL) ||
                    (sc && (seen_in(g, sc->cc3) || 2 * named_in(g, sc->cc3) >= named_in(g, theatre->cc3))) ||
                    (tc && (seen_in(g, tc->cc3) || 2 * named_in(g, tc->cc3) >= named_in(g, theatre->cc3)))))
        return NULL;
    return theatre;
}

/* Whether mention m names a person the dictionary knows (not by a pronoun). */
static bool person_named(const syn_mention *m) {
    return m->actor && !(m->flags & SYN_M_PRONOUN) && dict_actor_is_person(m->actor);
}

/* Keeps the people sentence ss names as the latest antecedents (GEO_MAX_PEOPLE_SEEN),
 * pending until the next sentence is coded. */
static void people_seen(geo_story *g, const syn_sentence *ss) {
    g->n_pend_people = 0;
    for (size_t i = 0; i < ss->nm; i++) {
        if (!person_named(&ss->m[i])) continue;
        if (g->n_people == GEO_MAX_PEOPLE_SEEN) {
            memmove(&g->people[0], &g->people[1], (GEO_MAX_PEOPLE_SEEN - 1) * sizeof g->people[0]);
            g->n_people--;
        }
        g->people[g->n_people].who = ss->m[i].actor;
        str_set(g->people[g->n_people++].code, sizeof g->people[0].code, ss->m[i].code);
        if (g->n_pend_people < GEO_MAX_PEOPLE_SEEN) g->n_pend_people++;
    }
}

/* The person a resolved "he" or "she" (mention sm, given actor code source) stands for:
 * of the people with that code, the one named last before it in its own sentence, else
 * in the story's sentences coded before (people_seen); else NULL. */
static const dict_actor *antecedent(const geo_story *g, const syn_sentence *ss, const syn_mention *sm,
                                    const char *source) {
    if (!sm || !(sm->flags & SYN_M_PRONOUN) || (sm->flags & SYN_M_UNRESOLVED) || !source || sm->first >= ss->n)
        return NULL;
    const tok *t = &ss->toks[sm->first]; /* "it", "they": a state or a body, no person */
    if (!tok_is(t, "he") && !tok_is(t, "she") && !tok_is(t, "his") && !tok_is(t, "her")) return NULL;
    const dict_actor *who = NULL;
    for (size_t i = 0; i < ss->nm && ss->m[i].first < sm->first; i++)
        if (person_named(&ss->m[i]) && !strcmp(ss->m[i].code, source)) who = ss->m[i].actor;
    for (size_t i = g->n_people - g->n_pend_people; !who && i > 0; i--)
        if (!strcmp(g->people[i - 1].code, source)) who = g->people[i - 1].who;
    return who;
}

/* The country an earlier visit of the story placed person who in, away from the source's
 * own, or NULL. */
static const geo_place *abroad_of(const geo_story *g, const dict_actor *who, size_t *at) {
    for (size_t i = 0; who && i < g->n_abroad; i++)
        if (g->abroad[i].who == who) {
            *at = i;
            return g->abroad[i].where;
        }
    return NULL;
}

/* For a pronoun ("He said") that coreference gave actor code code: the place of the person
 * the story placed abroad last, when that person had this code; else NULL. */
static const geo_place *abroad_of_code(const geo_story *g, const char *code, size_t *at) {
    if (!code || !g->n_abroad || g->last_abroad >= g->n_abroad) return NULL;
    if (strcmp(g->abroad[g->last_abroad].code, code)) return NULL;
    *at = g->last_abroad;
    return g->abroad[g->last_abroad].where;
}

/* Remembers that person who was in country where (the latest visit wins), in city (or
 * NULL) on date; people past GEO_MAX_ABROAD are not kept. */
static void abroad_set(geo_story *g, const dict_actor *who, const char *code, const geo_place *where,
                       const geo_place *city, int32_t date) {
    if (!who || !where) return;
    size_t i = 0;
    while (i < g->n_abroad && g->abroad[i].who != who) i++;
    if (i == g->n_abroad) {
        if (g->n_abroad == GEO_MAX_ABROAD) return;
        g->n_abroad++;
        g->abroad[i].who = who;
    }
    g->abroad[i].where = where;
    g->abroad[i].city = city;
    g->abroad[i].date = date;
    str_set(g->abroad[i].code, sizeof g->abroad[i].code, code ? code : "");
    g->last_abroad = i;
}

/* Whether toks[i] opens a phrase saying where someone is: a preposition after a word of
 * a person's own appearance ("told reporters in Ankara", "a speech delivered in Cairo",
 * "speaking from Sunamganj", "arrived in Riyadh", "told the rally in Ahmedabad"), or "to",
 * "of" or "in" after a visit or trip ("his visit to India", "a tour of the Gulf"); not
 * a gathering many attend ("the Arab League meeting in Saudi Arabia", "a summit in
 * Tehran"), nor one still to come ("before departing on a trip to Azerbaijan", "is due
 * to begin a tour of"). */
#define GEO_FUTURE_SPAN 5u
/* The token of "after" when the preposition at toks[i] follows the object of a meeting
 * just over ("she said after meeting the Dutch prime minister in
 * Berlin"): the object's words (capitalized, or a determiner, adjective or noun of a
 * title), GEO_MET_SPAN at most, stand between the gerund and the preposition; 0 if not. */
#define GEO_MET_SPAN 7u
static size_t met_after(const tok *toks, size_t i) {
    if (!tok_is(&toks[i], "in") && !tok_is(&toks[i], "at")) return 0;
    for (size_t j = i, k = 0; j > 2 && k < GEO_MET_SPAN; k++) {
        const tok *t = &toks[--j];
        if ((t->tags & LEX_GERUND) && tok_in(t, met_gerunds, sizeof met_gerunds / sizeof *met_gerunds))
            return j + 1 < i && tok_is(&toks[j - 1], "after") ? j - 1 : 0;
        if (t->cls != TOK_WORD ||
            !((t->flags & TOK_CAP) || t->pos == LEX_POS_DET || t->pos == LEX_POS_ADJ || t->pos == LEX_POS_NOUN))
            return 0;
    }
    return 0;
}

static bool presence_cue(name_cache *nc, size_t i) {
    static const char *const own[] = {"speech", "remarks", "address", "interview", "conference", "briefing",
                                      "reporters", "journalists", "rally", "forum", "speaking", "addressing",
                                      "visiting", "touring", "arriving", "arrived"};
    static const char *const future[] = {"before", "ahead", "due", "will", "plans", "planned", "upcoming",
                                         "next", "expected", "scheduled", "would",
                                         "from"}; /* "fresh from his visit to": over */
    const tok *toks = nc->toks;
    if (i < 2) return false;
    size_t w = i - 1; /* the word of appearance */
    bool prep = word_is(nc, i, W_PREP) || speaking_from(toks, i);
    if (prep && (tok_is(&toks[i], "into") || tok_is(&toks[i], "across") || tok_is(&toks[i], "throughout")))
        return false;
    /* "Hariri, who is in London, said": where the person is now */
    if ((tok_is(&toks[i], "in") || tok_is(&toks[i], "at")) && tok_is(&toks[i - 2], "who") &&
        (tok_is(&toks[w], "is") || tok_is(&toks[w], "are")))
        return true;
    if (prep && (toks[w].tags & LEX_PAST) && !(toks[w].flags & TOK_CAP) && !tok_is(&toks[w], "arrived"))
        w--; /* "a speech delivered in" */
    bool cue = false;
    if (prep || tok_is(&toks[i], "to") || tok_is(&toks[i], "of"))
        cue = tok_in(&toks[w], visit_words, sizeof visit_words / sizeof *visit_words);
    for (size_t k = 0; prep && k < sizeof own / sizeof *own && !cue; k++) cue = tok_is(&toks[w], own[k]);
    if (!cue && met_after(toks, i)) return true;
    if (!cue) return false;
    for (size_t j = w, k = 0; j > 0 && k < GEO_FUTURE_SPAN; k++) {
        --j;
        for (size_t f = 0; f < sizeof future / sizeof *future; f++)
            if (tok_is(&toks[j], future[f])) return false;
    }
    return true;
}

/* Whether a sentence tells of the past beyond the story's day ("last year", "a decade
 * ago", "in 2016", "former", "previously"): where its people were then is not where they
 * speak now. */
static bool background_sentence(const tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++) {
        const tok *t = &toks[i];
        if (tok_is(t, "ago") || tok_is(t, "previously") || tok_is(t, "former") || tok_is(t, "once") ||
            tok_is(t, "earlier") || tok_is(t, "then"))
            return true;
        if (i + 1 < n && tok_is(t, "last") && (tok_is(&toks[i + 1], "year") || tok_is(&toks[i + 1], "month")))
            return true;
        if (t->norm_len == 4 && (!memcmp(t->norm, "19", 2) || !memcmp(t->norm, "20", 2)) &&
            t->norm[2] >= '0' && t->norm[2] <= '9' && t->norm[3] >= '0' && t->norm[3] <= '9')
            return true;
    }
    return false;
}

/* The people of a sentence the dictionary knows (in full, or by a short form that one
 * person owns or that names one already met in the story), with their tokens. */
#define GEO_MAX_PEOPLE 8u
typedef struct person_at {
    const dict_actor *who;
    size_t first;
} person_at;

static size_t people_of(const dyad_dict *d, const tok *toks, size_t n, const geo_story *g, person_at *out) {
    size_t k = 0;
    for (size_t i = 0; i < n && k < GEO_MAX_PEOPLE; i++) {
        if (!is_cap_word(&toks[i])) continue;
        const dict_actor *hit = NULL;
        size_t len = dict_match_actor(d, toks, n, i, &hit);
        if (len && hit && dict_actor_is_person(hit)) {
            out[k++] = (person_at){hit, i};
            i += len - 1;
            continue;
        }
        if (len) {
            i += len - 1;
            continue;
        }
        const dict_actor *hits[4];
        size_t nh = 0;
        len = dict_match_short(d, toks, n, i, hits, 4, &nh);
        if (!len || !nh) continue;
        const dict_actor *who = nh == 1 ? hits[0] : NULL;
        for (size_t h = 0; h < nh && !who; h++)
            for (size_t q = 0; q < g->n_present; q++)
                if (g->present[q].who == hits[h]) who = hits[h];
        if (who && dict_actor_is_person(who)) out[k++] = (person_at){who, i};
        i += len - 1;
    }
    return k;
}

/* Whether text[start, end) may hold a cue of presence (presence_cue): a cheap look at
 * the start of each word for the cue words, so that only those sentences are tokenized. */
#define CUE_WORD(w) (end - i >= sizeof(w) - 1 && !memcmp(p + 1, (w) + 1, sizeof(w) - 2))
static bool may_cue(const char *text, uint32_t start, uint32_t end) {
    for (uint32_t i = start; i < end; i++) {
        const char *p = text + i;
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'w' || (i > start && ((text[i - 1] | 0x20) >= 'a' && (text[i - 1] | 0x20) <= 'z')))
            continue;
        switch (c) {
        case 'v': if (CUE_WORD("visit")) return true; break;
        case 't': if (CUE_WORD("trip") || CUE_WORD("tour")) return true; break;
        case 'j': if (CUE_WORD("journey") || CUE_WORD("journalists")) return true; break;
        case 's': if (CUE_WORD("stopover") || CUE_WORD("speech") || CUE_WORD("speaking")) return true; break;
        case 'r': if (CUE_WORD("remarks") || CUE_WORD("reporters") || CUE_WORD("rally")) return true; break;
        case 'a': if (CUE_WORD("address") || CUE_WORD("arriv")) return true; break;
        case 'i': if (CUE_WORD("interview")) return true; break;
        case 'f': if (CUE_WORD("forum")) return true; break;
        case 'm': if (CUE_WORD("meeting ")) return true; break;
        case 'h': if (CUE_WORD("hosting ")) return true; break;
        case 'c': if (CUE_WORD("conference")) return true; break;
        case 'b': if (CUE_WORD("briefing")) return true; break;
        case 'w': if (CUE_WORD("who is ") || CUE_WORD("who are ")) return true; break;
        default: break;
        }
    }
    return false;
}
#undef CUE_WORD

/* The weekday the first of n tokens that names one names (1 Monday .. 7 Sunday), or 0. */
static uint8_t weekday_of(const tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (toks[i].cls == TOK_WORD && (toks[i].flags & TOK_CAP) && toks[i].norm_len >= 6 &&
            !memcmp(toks[i].norm + toks[i].norm_len - 3, "day", 3)) {
            int d = date_weekday_from_name(toks[i].norm, toks[i].norm_len); /* a full name: "Monday" */
            if (d) return (uint8_t)d;
        }
    return 0;
}

/* The person a "he" or "she" of sentence k stands for, when that sentence names none the
 * dictionary knows: the person named last in the nearest of the GEO_PRONOUN_BACK sentences
 * before it that names one ("Erdogan warned Russia ... 'No one has the right,' he said at a
 * speech in Ankara": Erdogan); NULL when none does. */
#define GEO_PRONOUN_BACK 2u
static const dict_actor *pronoun_person(geo_story *g, arena *a, const dyad_dict *d, size_t k) {
    const dyad_story *s = g->story;
    for (size_t b = 0; b < GEO_PRONOUN_BACK && k > 0; b++) {
        const dyad_sentence *st = &s->sentences[--k];
        tok *toks;
        size_t n;
        if ((st->flags & DYAD_SENT_SKIPPED) || st->end <= st->start ||
            !tokens(a, d, s->text, st->start, st->end, &toks, &n))
            continue;
        person_at people[GEO_MAX_PEOPLE];
        size_t np = people_of(d, toks, n, g, people);
        if (np) return people[np - 1].who;
    }
    return NULL;
}

/* Whether text[start, end) ends as a photo caption does, in a full date ("..., February
 * 25, 2020."): a cheap look so that only such sentences are tokenized. */
static bool caption_text(const char *text, uint32_t start, uint32_t end) {
    while (end > start && (text[end - 1] == '.' || text[end - 1] == ' ')) end--;
    if (end < start + 7) return false;
    for (uint32_t k = end - 4; k < end; k++)
        if (text[k] < '0' || text[k] > '9') return false;
    return text[end - 5] == ' ' && text[end - 6] == ',';
}

static bool comma(const tok *t) { return t->cls == TOK_PUNCT && t->norm_len == 1 && t->norm[0] == ','; }

/* Whether the place ending before toks[last] is a photo caption's ("... greets X
 * in Lima, Peru, March 3, 2021."): a comma, then at most GEO_MAX_PHRASE
 * capitalized words of its country and a comma, then a month (not a weekday), its day, a
 * comma and its year, closing the sentence; *date is that date. */
static bool caption_place(name_cache *nc, size_t last, int32_t *date) {
    const tok *toks = nc->toks;
    *date = 0;
    size_t n = nc->n, k = last;
    while (n > k && toks[n - 1].cls == TOK_END) n--;
    if (n < k + 5 || toks[n - 1].cls != TOK_NUMBER || toks[n - 1].norm_len != 4 || !comma(&toks[n - 2]) ||
        toks[n - 3].cls != TOK_NUMBER || !word_is(nc, n - 4, W_MONTH) ||
        (toks[n - 4].norm_len >= 6 && !memcmp(toks[n - 4].norm + toks[n - 4].norm_len - 3, "day", 3)) ||
        !comma(&toks[n - 5]))
        return false;
    char buf[32];
    int len = snprintf(buf, sizeof buf, "%.*s %.*s, %.*s", (int)toks[n - 4].norm_len, toks[n - 4].norm,
                       (int)toks[n - 3].norm_len, toks[n - 3].norm, (int)toks[n - 1].norm_len, toks[n - 1].norm);
    if (len <= 0 || (size_t)len >= sizeof buf || dyad_date_parse(buf, (size_t)len, date) != DYAD_OK) return false;
    if (k == n - 5) return true;
    if (!comma(&toks[k])) return false;
    for (k++; k < n - 5; k++)
        if (!is_cap_word(&toks[k]) || k - last > GEO_MAX_PHRASE) return false;
    return true;
}

/* Finds, once per story, where its sentences say people were: the person the dictionary
 * knows nearest a cue of presence (presence_cue) in the same sentence; not in sentences
 * of the past (background_sentence). Places in the person's own country are kept too:
 * the nearest sentence says where the person was. */
static void story_present(geo_story *g, arena *a, const dyad_dict *d) {
    g->present_done = true;
    const dyad_story *s = g->story;
    for (size_t k = 0; s && d && k < s->n_sentences; k++) {
        const dyad_sentence *st = &s->sentences[k];
        tok *toks;
        size_t n;
        if ((st->flags & DYAD_SENT_SKIPPED) || st->end <= st->start) continue;
        bool caption = caption_text(s->text, st->start, st->end);
        if ((!caption && !may_cue(s->text, st->start, st->end)) || !tokens(a, d, s->text, st->start, st->end, &toks, &n))
            continue;
        name_cache nc = {toks, n, NULL, NULL, NULL, 0, NULL, NULL};
        person_at people[GEO_MAX_PEOPLE];
        size_t np = people_of(d, toks, n, g, people);
        /* a caption's own date ("..., February 25, 2020.") is no year of the past */
        size_t told = n;
        while (caption && told > 0 && toks[told - 1].cls == TOK_END) told--;
        if (caption && told >= 4) told -= 4;
        if (background_sentence(toks, told)) continue;
        /* the first "he" or "she" of the sentence, and the person it stands for
         * (pronoun_person), looked up once per sentence and again only when a presence
         * found since may settle a short name (people_of) */
        size_t first_pronoun = n;
        for (size_t t = 0; t < n && first_pronoun == n; t++)
            if (tok_is(&toks[t], "he") || tok_is(&toks[t], "she")) first_pronoun = t;
        const dict_actor *pronoun_who = NULL;
        size_t pronoun_at = SIZE_MAX; /* g->n_present when pronoun_who was looked up */
        for (size_t i = 1; i < n; i++) {
            bool cue = presence_cue(&nc, i);
            if (!cue && !(caption && (tok_is(&toks[i], "in") || tok_is(&toks[i], "at")))) continue;
            found f = {0};
            context cx = {0};
            cx.g = g;
            cx.city_first = true; /* where a person spoke or stayed: the city */
            place_after(d, &nc, i, cx, false, &f);
            /* a photo caption of the story's day: everyone it names was there, that day */
            if (!cue) {
                int32_t day = 0;
                if (!f.p || f.p->kind == DYAD_GEO_COUNTRY || !caption_place(&nc, f.last, &day) || !s->date ||
                    day != s->date)
                    continue;
                for (size_t q = 0; q < np && g->n_present < GEO_MAX_PRESENT; q++) {
                    g->present[g->n_present].who = people[q].who;
                    g->present[g->n_present].where = f.p;
                    g->present[g->n_present].day = (uint8_t)(dyad_date_weekday(day) + 1);
                    g->present[g->n_present++].sentence = st->index;
                }
                break;
            }
            /* "speaking at the thinktank Chatham House in London": the person's own
             * words (not "a conference at the Police Institute in Asan", someone's) */
            bool own = tok_is(&toks[i - 1], "speaking") || tok_is(&toks[i - 1], "addressing") ||
                       tok_is(&toks[i - 1], "speech") || tok_is(&toks[i - 1], "remarks");
            size_t in = f.p || !own ? 0 : venue_in(&nc, i);
            if (in) place_after(d, &nc, in, cx, false, &f);
            if (!f.p) continue;
            const dict_actor *who = NULL;
            size_t best = SIZE_MAX;
            /* "she said after meeting X in Berlin": the one who met X, not X */
            size_t met = met_after(toks, i), nearer = 0;
            for (size_t q = 0; q < np; q++) {
                if (met && people[q].first > met) continue;
                nearer++;
                /* "In his first speech in Manchester, he went further than Theresa May":
                 * a "he" or "she" after the cue is who was there, not a person after it */
                bool pronoun = false;
                for (size_t t = i; t < people[q].first && !pronoun; t++)
                    pronoun = tok_is(&toks[t], "he") || tok_is(&toks[t], "she");
                if (pronoun) continue;
                size_t dist = people[q].first > i ? people[q].first - i : i - people[q].first;
                if (dist < best) {
                    best = dist;
                    who = people[q].who;
                }
            }
            /* "'...,' he said at a speech in Ankara": a "he" or "she" before the cue, in a
             * sentence that names no person, is the person named last before it */
            if (!nearer && !who && first_pronoun < (met ? met : i)) {
                if (pronoun_at != g->n_present) {
                    pronoun_who = pronoun_person(g, a, d, k);
                    pronoun_at = g->n_present;
                }
                who = pronoun_who;
            }
            if (who && g->n_present < GEO_MAX_PRESENT) {
                /* the day of the appearance, not of what was said there: "At a news
                 * conference in Ankara, Erdogan said that a delegation would come on
                 * Wednesday" names no day of the conference */
                size_t said = f.last;
                while (said < n && !tok_is(&toks[said], "that") && !tok_is(&toks[said], "said") &&
                       !tok_is(&toks[said], "says") && !tok_is(&toks[said], "told") && toks[said].cls != TOK_QUOTE)
                    said++;
                g->present[g->n_present].who = who;
                g->present[g->n_present].where = f.p; /* the city, not just its country */
                g->present[g->n_present].day = weekday_of(toks, said);
                g->present[g->n_present++].sentence = st->index;
            }
            i = f.last - 1;
        }
    }
}

/* Where the story's sentences say person who was, nearest sentence index (the one before
 * of two as near; of one sentence, its first): the city or region they name ("in a speech
 * in Ankara": Ankara, at home as abroad), or a country outside country cc3 (the person's
 * own); NULL when nowhere or at home with no finer place. Of the sentences that name no
 * weekday or weekday `here` (1 Monday .. 7 Sunday; 0 unknown), the nearest wins over a
 * nearer one of another weekday ("recalled Monday's rally in Ahmedabad" for words of
 * Tuesday, said in New Delhi). */
static const geo_place *present_of(geo_story *g, arena *a, const dyad_dict *d, const dict_actor *who,
                                   uint32_t index, const char *cc3, uint8_t here, uint8_t *day) {
    *day = 0;
    if (!who) return NULL;
    if (!g->present_done) story_present(g, a, d);
    const geo_place *where = NULL;
    uint32_t best = UINT32_MAX;
    bool same = false; /* where is of no weekday, or of weekday here */
    for (size_t i = 0; i < g->n_present; i++) {
        if (g->present[i].who != who || !g->present[i].where) continue;
        uint32_t s = g->present[i].sentence;
        uint32_t dist = s > index ? 2 * (s - index) : 2 * (index - s) - (index > s);
        bool fits = !here || !g->present[i].day || g->present[i].day == here;
        if ((fits && !same) || (fits == same && dist < best)) {
            best = dist;
            same = fits;
            where = g->present[i].where;
            *day = g->present[i].day;
        }
    }
    return where && (where->kind != DYAD_GEO_COUNTRY || !in_country(where, cc3)) ? where : NULL;
}

/* Whether text[start, end) may name talks ("talks", "negotiations"): a cheap look so that
 * only those sentences are tokenized. */
static bool may_talk(const char *text, uint32_t start, uint32_t end) {
    for (uint32_t i = start; i + 5 <= end; i++)
        if ((text[i] == 't' && !memcmp(text + i, "talks", 5)) ||
            (text[i] == 'n' && end - i >= 12 && !memcmp(text + i, "negotiations", 12)) ||
            (text[i] == 's' && end - i >= 6 && !memcmp(text + i, "summit", 6)) ||
            (text[i] == 'c' && end - i >= 7 && !memcmp(text + i, "capital", 7)))
            return true;
    return false;
}

/* Whether toks[i] is a noun of talks between delegations: "talks", "negotiations", and
 * after a city "process" ("the Geneva process"). */
static bool talks_word(const tok *t, bool process) {
    return tok_is(t, "talks") || tok_is(t, "negotiations") || (process && tok_is(t, "process"));
}

/* Whether a sentence tells of leaders gathered: talks, a summit, a meeting, a news
 * conference ("rallies in the capital La Paz" are not the leaders'). */
static bool leaders_gathered(const tok *toks, size_t n) {
    static const char *const words[] = {"talks", "negotiations", "summit", "meeting", "met", "meets", "conference"};
    for (size_t i = 0; i < n; i++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (tok_is(&toks[i], words[w])) return true;
    return false;
}

/* Finds, once per story, the city its first sentence naming talks holds them in: "talks
 * in Geneva", "talks at Geneva", "peace talks held in Astana", "the Geneva talks", "the
 * Geneva process" (a city before the noun). A country ("talks in Turkey") says no city.
 * With it, the city the story sets its scene in (g->scene): the city of talks, "a summit
 * in Sochi", "in the capital, New Delhi", "in capital New Delhi"; none when the story
 * names two such cities. */
static void story_talks(geo_story *g, arena *a, const dyad_dict *d) {
    g->talks_done = true;
    const dyad_story *s = g->story;
    bool two = false;
    for (size_t k = 0; s && d && k < s->n_sentences && !(two && g->talks); k++) {
        const dyad_sentence *st = &s->sentences[k];
        tok *toks;
        size_t n;
        if ((st->flags & DYAD_SENT_SKIPPED) || st->end <= st->start || !may_talk(s->text, st->start, st->end) ||
            !tokens(a, d, s->text, st->start, st->end, &toks, &n))
            continue;
        name_cache nc = {toks, n, NULL, NULL, NULL, 0, NULL, NULL};
        context cx = {0};
        cx.g = g;
        cx.city_first = true; /* talks are held in the city */
        for (size_t i = 1; i < n && !(two && g->talks); i++) {
            found f = {0};
            bool talks = talks_word(&toks[i], false);
            if (talks || tok_is(&toks[i], "summit")) {
                size_t p = i + 1;
                if (p < n && tok_is(&toks[p], "held")) p++;
                if (p < n && (tok_is(&toks[p], "in") || tok_is(&toks[p], "at"))) place_after(d, &nc, p, cx, false, &f);
            }
            /* "the Geneva talks": the city naming them, a whole name right before */
            if (!f.p && talks_word(&toks[i], true) && is_cap_word(&toks[i - 1])) {
                talks = true;
                size_t b = i - 1;
                while (b > 0 && is_cap_word(&toks[b - 1])) b--;
                if (name_at(d, &nc, b, cx, true, &f) && f.last != i) f.p = NULL;
            }
            /* "in the capital, New Delhi", "in capital New Delhi": the city named right after */
            if (!f.p && tok_is(&toks[i], "capital") && (tok_is(&toks[i - 1], "in") || tok_is(&toks[i - 1], "the")) &&
                i + 1 < n) {
                size_t p = i + 1 < n && toks[i + 1].cls == TOK_PUNCT && toks[i + 1].norm_len == 1 &&
                                   toks[i + 1].norm[0] == ','
                               ? i + 1 : i;
                if (p + 1 < n && is_cap_word(&toks[p + 1]) && name_at(d, &nc, p + 1, cx, true, &f) &&
                    f.p->kind != DYAD_GEO_CITY)
                    f.p = NULL;
            }
            if (!f.p || f.p->kind != DYAD_GEO_CITY) continue;
            if (talks && !g->talks) g->talks = f.p;
            if (two || g->scene == f.p || !leaders_gathered(toks, n)) continue;
            if (g->scene) {
                g->scene = NULL;
                two = true;
                continue;
            }
            g->scene = f.p;
            g->scene_day = weekday_of(toks, n);
            person_at people[GEO_MAX_PEOPLE];
            size_t np = people_of(d, toks, n, g, people);
            for (size_t q = 0; q < np && g->n_scene_who < sizeof g->scene_who / sizeof *g->scene_who; q++)
                g->scene_who[g->n_scene_who++] = people[q].who;
        }
    }
}

/* The city the story sets its scene in, for an act of person who, one of the people the
 * sentence setting it names, on date (0: any; a weekday the sentence names must be the
 * date's), when it is in the country of place p (the act's place that would be only a
 * country); else NULL. */
static const geo_place *scene_in(geo_story *g, arena *a, const dyad_dict *d, const dict_actor *who,
                                 int32_t date, const geo_place *p) {
    if (!who || !p || p->kind != DYAD_GEO_COUNTRY) return NULL;
    if (!g->talks_done) story_talks(g, a, d);
    if (!g->scene || !in_country(g->scene, p->cc3)) return NULL;
    /* on the day of the scene, when both days are known */
    int wd = date ? dyad_date_weekday(date) : -1;
    if (g->scene_day && wd >= 0 && (uint8_t)(wd + 1) != g->scene_day) return NULL;
    for (size_t i = 0; i < g->n_scene_who; i++)
        if (g->scene_who[i] == who) return g->scene;
    return NULL;
}

/* The city the story sets its scene in (story_talks), for an accord (019, 057) of two
 * states sc and tc on date (a weekday the scene's sentence names must be the date's),
 * when the city is in one of them and that sentence names a person of each: "Putin and
 * Erdogan agreed on Monday at a summit in Sochi ... Russia and Turkey agree on a plan"
 * is agreed in Sochi, not in the source's country. */
static const geo_place *scene_accord(geo_story *g, arena *a, const dyad_dict *d, const char *code,
                                     const geo_place *sc, const geo_place *tc, int32_t date) {
    if (!code || (strcmp(code, "019") && strcmp(code, "057")) || !sc || !tc || sc == tc) return NULL;
    if (!g->talks_done) story_talks(g, a, d);
    if (!g->scene || (!in_country(g->scene, sc->cc3) && !in_country(g->scene, tc->cc3))) return NULL;
    int wd = date ? dyad_date_weekday(date) : -1;
    if (g->scene_day && wd >= 0 && (uint8_t)(wd + 1) != g->scene_day) return NULL;
    bool of_s = false, of_t = false;
    for (size_t i = 0; i < g->n_scene_who; i++) {
        const geo_place *c = code_country(dict_actor_code(g->scene_who[i], date));
        of_s = of_s || c == sc;
        of_t = of_t || c == tc;
    }
    return of_s && of_t ? g->scene : NULL;
}

/* Whether mention m names a delegation at talks: "the Syrian government delegation",
 * "opposition negotiators", "the government negotiating team". */
static bool delegation_mention(const syn_sentence *ss, const syn_mention *m) {
    for (size_t k = m->first; k < m->last && k < ss->n; k++) {
        const tok *t = &ss->toks[k];
        if (tok_is(t, "delegation") || tok_is(t, "delegations") || tok_is(t, "negotiator") ||
            tok_is(t, "negotiators") || (tok_is(t, "negotiating") && k + 1 < m->last && tok_is(&ss->toks[k + 1], "team")))
            return true;
    }
    return false;
}

/* Whether toks[i] begins "UN", "U.N." or "United Nations"; *len gets its tokens. */
static bool un_at(const tok *toks, size_t n, size_t i, size_t *len) {
    *len = 1;
    if (i >= n) return false;
    if (tok_is(&toks[i], "un") || tok_is(&toks[i], "u.n.") || tok_is(&toks[i], "u.n")) return true;
    *len = 2;
    return i + 1 < n && tok_is(&toks[i], "united") && tok_is(&toks[i + 1], "nations");
}

/* The seat of the United Nations (New York City). */
static const geo_place *un_seat(void) {
    const geo_place *c[8];
    size_t n = places_named("new york city", c, 8);
    for (size_t i = 0; i < n; i++)
        if (c[i]->kind == DYAD_GEO_CITY && in_country(c[i], "USA")) return c[i];
    return NULL;
}

/* Whether toks[i] begins a body of the United Nations that sits at its seat, "the UN
 * Security Council", "the General Assembly" ("the" and "UN" may be left out); *end gets
 * the token after it. */
static bool un_body_at(const tok *toks, size_t n, size_t i, size_t *end) {
    size_t len;
    if (i < n && tok_is(&toks[i], "the")) i++;
    if (un_at(toks, n, i, &len)) i += len;
    if (i + 1 >= n) return false;
    /* "the national security council", "Iran's Supreme National Security Council": a
     * state's own */
    if (i > 0 && toks[i - 1].cls == TOK_WORD && !tok_is(&toks[i - 1], "the") && !un_at(toks, n, i - 1, &len) &&
        !tok_is(&toks[i - 1], "nations"))
        return false;
    if (i > 0 && toks[i - 1].cls == TOK_POSS) return false;
    if ((tok_is(&toks[i], "security") && tok_is(&toks[i + 1], "council")) ||
        (tok_is(&toks[i], "general") && tok_is(&toks[i + 1], "assembly"))) {
        *end = i + 2;
        return true;
    }
    return false;
}

/* Where the words of a sentence put an event at the seat of the United Nations (tokens
 * [*first, *last) name it): an act of the Security Council or the General Assembly (the
 * source's words, m); a veto, which is cast in the Security Council, in a sentence that
 * names the UN; words said to or at a UN body ("told the Security Council", "said at the
 * General Assembly"). False otherwise. */
#define GEO_UN_SPAN 4u /* words from the verb to "at the UN", and from it to an "in" */
static bool at_un(const tok *toks, size_t n, size_t v, const syn_mention *m, const char *code, bool statement,
                  size_t *first, size_t *last) {
    for (size_t i = m ? m->first : n; m && i < m->last && i < n; i++)
        if (un_body_at(toks, m->last, i, last)) {
            *first = i;
            return true;
        }
    if (code && !strcmp(code, "129")) {
        size_t len;
        for (size_t i = 0; i < n; i++) {
            if (un_body_at(toks, n, i, last)) {
                *first = i;
                return true;
            }
            if (un_at(toks, n, i, &len)) {
                *first = i;
                *last = i + len;
                return true;
            }
        }
    }
    /* "said at the UN on Monday", "criticised Britain at the United Nations": words said
     * at the UN itself, after the verb and its object, are said at its seat; not "at the
     * UN Human Rights Council" (a body of its own) nor "at the UN office in Geneva" */
    for (size_t j = v + 1; statement && j < n && j <= v + GEO_UN_SPAN; j++) {
        size_t k = j + 1, len;
        if (!tok_is(&toks[j], "at")) {
            if (toks[j].cls != TOK_WORD || toks[j].pos == LEX_POS_VERB) break;
            continue;
        }
        if (k < n && tok_is(&toks[k], "the")) k++;
        if (!un_at(toks, n, k, &len)) break;
        size_t e = k + len;
        if (e < n && ((toks[e].cls == TOK_WORD && (toks[e].flags & TOK_CAP)) || toks[e].cls == TOK_POSS)) break;
        for (size_t q = e; q < n && q < e + GEO_UN_SPAN; q++)
            if (tok_is(&toks[q], "in")) return false;
        *first = k;
        *last = e;
        return true;
    }
    if (statement && v + 1 < n) {
        /* "told the Security Council", "addressed the General Assembly", "said at the
         * Security Council", "spoke before the General Assembly"; not "condemned the
         * Security Council's failure", which may be said anywhere */
        size_t j = v + 1;
        const char *lemma = toks[v].lemma ? toks[v].lemma : toks[v].norm;
        bool telling = !strcmp(lemma, "tell") || !strcmp(lemma, "address") || !strcmp(lemma, "brief");
        if (tok_is(&toks[j], "at") || tok_is(&toks[j], "before") || (telling && tok_is(&toks[j], "to")))
            j++;
        else if (!telling)
            return false;
        if (un_body_at(toks, n, j, last)) {
            *first = j;
            return true;
        }
    }
    return false;
}

/* Whether an intent to meet (036) is a meeting the sentence sets, not words about one:
 * "Trump and Modi are set to meet for talks on Tuesday", "the leaders will meet" (asked
 * where both parties have a country: a body's council meeting stays at its seat). Its
 * event's verb v is "meet" and no verb of saying or wish stands in the sentence ("said
 * it was ready to meet", "hoped to meet"): it is placed as the meeting is, where the
 * sentence, the dateline or the story puts it, not in its source's country. */
static bool meeting_set(const tok *toks, size_t n, size_t v, const char *code) {
    static const char *const words[] = {"said", "says", "say", "told", "tells", "ready", "willing", "want",
                                        "wants", "hope", "hoped", "hopes", "offered", "proposed", "asked",
                                        "invited", "called", "urged", "refused", "rejected", "would"};
    if (!code || strcmp(code, "036") || v >= n) return false;
    const char *lemma = toks[v].lemma ? toks[v].lemma : toks[v].norm;
    if (!lemma || strcmp(lemma, "meet")) return false;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (tok_is(&toks[i], words[k])) return false;
    return true;
}

/* Whether the sentence tells of a call, not a meeting face to face: a phone or video call
 * ("spoke by telephone", "in a phone call", "phoned", "held a video conference"), or the
 * event's verb v is speaking or talking to or with someone ("The prime minister spoke to
 * President Trump this evening") where no word of a gathering says they met. Asked only
 * for a meeting (root 04) that no place of its sentence or dateline placed. */
static bool call_told(const tok *toks, size_t n, size_t v) {
    static const char *const call[] = {"phone", "telephone", "phoned", "telephoned", "videoconference",
                                       "videoconferencing", "videocall"};
    static const char *const met[] = {"met", "meet", "meeting", "meetings", "summit", "sidelines", "visit",
                                      "visited", "visiting", "talks", "hosted", "dinner", "lunch"};
    bool gathering = false;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof call / sizeof *call; k++)
            if (tok_is(&toks[i], call[k])) return true;
        if (tok_is(&toks[i], "video") && i + 1 < n &&
            (tok_is(&toks[i + 1], "call") || tok_is(&toks[i + 1], "link") || tok_is(&toks[i + 1], "conference")))
            return true;
        for (size_t k = 0; k < sizeof met / sizeof *met && !gathering; k++) gathering = tok_is(&toks[i], met[k]);
    }
    if (gathering || v >= n || v + 1 >= n) return false;
    const char *lemma = toks[v].lemma ? toks[v].lemma : toks[v].norm;
    return lemma && (!strcmp(lemma, "speak") || !strcmp(lemma, "talk")) &&
           (tok_is(&toks[v + 1], "to") || tok_is(&toks[v + 1], "with"));
}

/* The seats of international bodies (facts): an organisation's statements that no place,
 * dateline or person says the place of are made at its seat, as a state's are made in its
 * country. A body is named by its actor code, or, where the dictionary gives it none of its
 * own (the OPCW, "IGO"; the UN Human Rights Council, "IGOUNO"), by a word of the source's
 * phrase. The seat is a gazetteer name (folded) in a country (ISO alpha-3). */
static const struct body_seat {
    const char *code; /* the source's code, exactly */
    const char *word; /* a word of the source's phrase, or NULL */
    const char *word2; /* and the word after it, or NULL */
    const char *seat, *cc3;
} BODY_SEATS[] = {
    {"IGO", "opcw", NULL, "the hague", "NLD"},
    {"IGO", "chemical", "weapons", "the hague", "NLD"},
    {"IGOUNO", "rights", "council", "geneve", "CHE"},
    {"IGOUNOICJ", NULL, NULL, "the hague", "NLD"},
    {"IGOICC", NULL, NULL, "the hague", "NLD"},
    {"IGOUNOWHO", NULL, NULL, "geneve", "CHE"},
    {"IGOUNOHCR", NULL, NULL, "geneve", "CHE"},
    {"IGOUNOHCH", NULL, NULL, "geneve", "CHE"},
    {"IGOWTO", NULL, NULL, "geneve", "CHE"},
    {"IGOUNOIAE", NULL, NULL, "vienna", "AUT"},
    {"IGOOPC", NULL, NULL, "vienna", "AUT"},
    {"IGOWSTNAT", NULL, NULL, "brussels", "BEL"},
    {"IGOARL", NULL, NULL, "cairo", "EGY"},
    {"IGOAFRAFU", NULL, NULL, "addis ababa", "ETH"},
};

/* Words of a source's phrase that put the body's people away from its seat: "the World
 * Health Organization representative in Thailand", "a UN refugee agency mission". */
static const char *const POSTED_WORDS[] = {"representative", "envoy", "mission", "delegation", "team",
                                           "inspectors", "monitors", "officer", "office"};

#define GEO_SEAT_NAMESAKES 8u /* places of a seat's name looked at for the one in its country */

/* The seat of the body the source is (code, its phrase m, named: not a pronoun, nor one of
 * the body's people posted elsewhere), or NULL. */
static const geo_place *body_seat(const tok *toks, size_t n, const syn_mention *m, const char *code) {
    if (!code || strncmp(code, "IGO", 3) || !m || (m->flags & SYN_M_PRONOUN)) return NULL;
    for (size_t i = m->first; i < m->last && i < n; i++)
        for (size_t k = 0; k < sizeof POSTED_WORDS / sizeof *POSTED_WORDS; k++)
            if (tok_is(&toks[i], POSTED_WORDS[k])) return NULL;
    for (size_t k = 0; k < sizeof BODY_SEATS / sizeof *BODY_SEATS; k++) {
        const struct body_seat *b = &BODY_SEATS[k];
        if (strcmp(code, b->code)) continue;
        bool named = !b->word;
        for (size_t i = m->first; !named && i < m->last && i < n; i++)
            named = tok_is(&toks[i], b->word) && (!b->word2 || (i + 1 < m->last && i + 1 < n && tok_is(&toks[i + 1], b->word2)));
        if (!named) continue;
        const geo_place *c[GEO_SEAT_NAMESAKES];
        size_t np = places_named(b->seat, c, GEO_SEAT_NAMESAKES);
        for (size_t i = 0; i < np; i++)
            if (c[i]->kind == DYAD_GEO_CITY && in_country(c[i], b->cc3)) return c[i];
        return NULL;
    }
    return NULL;
}

/* "Turkey sealed its borders", "Jordan closed its own border with Syria": the verb's
 * object is the source's own borders or ground, so the act happens in its country. */
static bool own_ground(const tok *toks, size_t n, size_t v, size_t *first, size_t *last) {
    static const char *const ground[] = {"border", "borders", "frontier", "frontiers", "territory",
                                         "airspace", "soil", "waters", "coast", "coastline"};
    /* acts an owner does to its own borders ("an Iranian drone penetrated its airspace":
     * someone else's) */
    static const char *const acts[] = {"seal", "close", "shut", "open", "reopen", "secure", "tighten",
                                       "fortify", "protect", "guard", "patrol", "defend", "militarise",
                                       "militarize", "strengthen", "reinforce"};
    const char *lemma = toks[v].lemma ? toks[v].lemma : toks[v].norm;
    size_t a = 0;
    while (a < sizeof acts / sizeof *acts && strcmp(lemma, acts[a])) a++;
    if (a == sizeof acts / sizeof *acts) return false;
    size_t j = v + 1;
    while (j < n && toks[j].pos == LEX_POS_ADV) j++;
    if (j >= n || !(tok_is(&toks[j], "its") || tok_is(&toks[j], "their"))) return false;
    *first = j;
    if (++j < n && tok_is(&toks[j], "own")) j++;
    for (size_t k = 0; j < n && k < sizeof ground / sizeof *ground; k++)
        if (tok_is(&toks[j], ground[k])) {
            *last = j + 1;
            return true;
        }
    return false;
}

/* Where an ambassador (or a permanent representative) who is the source m is posted:
 * "Russia's UN ambassador", "the U.S. ambassador to the United Nations", "the UK's
 * permanent representative at the UN" at the UN's seat; "Britain's ambassador to Lebanon"
 * in the place named after "to" or "at". NULL when m is no ambassador or names no post. */
static const geo_place *posted_to(const dyad_dict *d, name_cache *nc, const syn_mention *m, context cx,
                                  size_t *first, size_t *last) {
    const tok *t = nc->toks;
    size_t n = nc->n, len;
    for (size_t i = m->first; i < m->last && i < n; i++) {
        /* "the UK's permanent representative at the UN" is its ambassador there */
        bool envoy = tok_is(&t[i], "ambassador") ||
                     (tok_is(&t[i], "representative") && i > 0 && tok_is(&t[i - 1], "permanent"));
        if (!envoy) continue;
        if (i > m->first && (un_at(t, n, i - 1, &len) || (i >= 2 && un_at(t, n, i - 2, &len) && len == 2))) {
            *first = i - len;
            *last = i + 1;
            return un_seat();
        }
        size_t j = i + 1;
        if (j >= n || !(tok_is(&t[j], "to") || tok_is(&t[j], "at"))) return NULL;
        if (++j < n && tok_is(&t[j], "the")) j++;
        *first = i;
        if (un_at(t, n, j, &len)) {
            *last = j + len;
            return un_seat();
        }
        found f;
        if (j < n && is_cap_word(&t[j]) && name_at(d, nc, j, cx, false, &f)) {
            *last = f.last;
            return f.p;
        }
        return NULL;
    }
    return NULL;
}

/* Where a mission of the source (a mention coded source, ending in "embassy" or
 * "consulate") is, when the sentence names it: "the Japanese Embassy in Kenya said
 * that the ambassador had met ..." in Kenya; its tokens in [*first, *last); else NULL. */
static const geo_place *mission_in(const dyad_dict *d, name_cache *nc, const syn_sentence *ss, const char *source,
                                   context cx, size_t *first, size_t *last) {
    for (size_t k = 0; source && k < ss->nm; k++) {
        const syn_mention *m = &ss->m[k];
        size_t e = m->last;
        if (strcmp(m->code, source) || e < 1 || e + 1 >= nc->n ||
            !tok_in(&nc->toks[e - 1], mission_words, sizeof mission_words / sizeof *mission_words) || !tok_is(&nc->toks[e], "in") ||
            !is_cap_word(&nc->toks[e + 1]))
            continue;
        found f;
        if (name_at(d, nc, e + 1, cx, false, &f)) {
            *first = e + 1;
            *last = f.last;
            return f.p;
        }
    }
    return NULL;
}

/* The national capital that the words of mention m name ("Moscow", "the Kremlin",
 * "Downing Street": data/geo/alternate-names.txt), with its tokens in [*first, *last);
 * NULL when they name none. */
static const geo_place *seat_named(const dyad_dict *d, name_cache *nc, const syn_mention *m, context cx,
                                   size_t *first, size_t *last) {
    for (size_t i = m->first; i < m->last && i < nc->n; i++) {
        found f;
        if (!is_cap_word(&nc->toks[i]) || !name_at(d, nc, i, cx, false, &f)) continue;
        if (f.p->kind == DYAD_GEO_CITY && f.p->capital && f.last <= m->last) {
            *first = f.first;
            *last = f.last;
            return f.p;
        }
        i = f.last - 1;
    }
    return NULL;
}

/* The place of an "X-based" before or in mention m ("The Turkey-based Syrian National
 * Coalition", "the London-based monitor"): "based" joined by a hyphen to a place name
 * that ends right before it, within GEO_BASED_GAP tokens before the mention; its
 * tokens in [*first, *last). NULL when there is none. */
#define GEO_BASED_GAP 4u
static const geo_place *based_in(const dyad_dict *d, name_cache *nc, const syn_mention *m, context cx,
                                 size_t *first, size_t *last) {
    const tok *t = nc->toks;
    size_t from = m->first > GEO_BASED_GAP ? m->first - GEO_BASED_GAP : 0;
    for (size_t i = from + 1; i < m->last && i < nc->n; i++) {
        if (!(t[i].flags & TOK_JOINED) || t[i].norm_len != 5 || !tok_is(&t[i], "based")) continue;
        /* the name that ends at "based": its first word up to three before; not a body
         * whose people speak elsewhere ("observers from the Washington-based OAS",
         * "members of the New York-based Human Rights Watch") */
        for (size_t k = i > 3 ? i - 3 : 0; k < i; k++) {
            found f;
            if (!is_cap_word(&t[k]) || !name_at(d, nc, k, cx, false, &f) || f.last != i) continue;
            size_t b = k > 0 && t[k - 1].pos == LEX_POS_DET ? k - 1 : k;
            if (b > 0 && (tok_is(&t[b - 1], "from") || tok_is(&t[b - 1], "of"))) return NULL;
            *first = f.first;
            *last = i + 1;
            return f.p;
        }
        return NULL;
    }
    return NULL;
}

static void event_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss, size_t v,
                        const syn_mention *sm, const dict_actor *who, const char *source, const char *target, const char *code, int quad_class,
                        int32_t date, dyad_place *out, dyad_buf *ex) {
    memset(out, 0, sizeof *out);
    context cx = {0};
    cx.g = g;
    cx.actors[0] = code_country(source) ? source : NULL;
    cx.actors[1] = code_country(target) ? target : NULL;
    /* all but force (QuadClass 4) happen in the city a name of a city and its region names */
    cx.city_first = quad_class != 4;
    found f;
    int prep = 0;
    name_cache local;
    /* A statement, an appeal, an accusation (QuadClass 1, 3), but not a meeting or a visit
     * (root 04), which happens where the sentence says. */
    /* a symbolic act (017: a handshake, a wreath laid) is an act, not words: where the
     * sentence says it happened */
    bool statement = (quad_class == 1 || quad_class == 3) && !(code && code[0] == '0' && code[1] == '4') &&
                     !(code && !strcmp(code, "017")) &&
                     !(code_country(source) && code_country(target) && meeting_set(ss->toks, ss->n, v, code));
    bool topical = (statement && !(code && !strncmp(code, "14", 2))) || (code && !strncmp(code, "16", 2));
    verb_at w = {v, ss->clause, ss->paren, ss->mention_at, statement, topical, quad_class == 1 || quad_class == 3,
                 code && !strcmp(code, "017"), source, target, ss->m};
    g->placed = NULL;
    if (sentence_place(d, names_of(g, a, ss, &local), &w, cx, &f, &prep)) {
        g->placed = f.p;
        fill_named(out, f.p, a, ss, f.first, f.last, "sentence");
        g->last = *out;
        remember(g, f.p->cc3);
        seen(g, f.p->cc3);
        char why[200];
        snprintf(why, sizeof why, "%s%s; %zu place%s of the name, chosen by %s",
                 prep == 1 ? "after a preposition" : prep == 2 ? "the object of the event's verb" : "naming an actor", statement ? ", where the statement was made" : "",
                 f.n_cands, f.n_cands == 1 ? "" : "s", f.why);
        explain_place(ex, "place", out, why);
        return;
    }
    size_t uf = 0, ul = 0;
    const geo_place *sc = code_country(source), *tc = code_country(target);
    if (at_un(ss->toks, ss->n, v, sm, code, statement, &uf, &ul) && un_seat() && ul > uf && ul <= ss->n) {
        fill_named(out, un_seat(), a, ss, uf, ul, "sentence");
        explain_place(ex, "place", out,
                      "an act of the UN Security Council or General Assembly, a veto, or words said to them or at the UN: the UN's seat");
        return;
    }
    if (!statement && sc && v < ss->n && own_ground(ss->toks, ss->n, v, &uf, &ul)) {
        fill_named(out, sc, a, ss, uf, ul, "sentence");
        explain_place(ex, "place", out, "an act on the source's own borders or ground: the source's country");
        return;
    }
    /* "The Syrian government delegation refused to discuss ...": a delegation acts at the
     * talks the story says where they are held ("talks in Geneva"), not at home nor at
     * the dateline; a visit (042, 043) is still the host's */
    if (sm && delegation_mention(ss, sm) && !(code && (!strcmp(code, "042") || !strcmp(code, "043")))) {
        if (!g->talks_done) story_talks(g, a, d);
        if (g->talks) {
            settle(out, g->talks, "story", ex,
                   "a delegation's act with no place in the sentence: where the story says the talks are held");
            return;
        }
    }
    /* a meeting of an envoy or a mission: at the post, not at the dateline ("TOKYO - The
     * Japanese Embassy in Kenya said the ambassador met ...": Kenya) */
    if (code && code[0] == '0' && code[1] == '4' && strcmp(code, "042") && strcmp(code, "043") && sc && sm) {
        size_t mf = 0, ml = 0;
        const geo_place *post = posted_to(d, names_of(g, a, ss, &local), sm, cx, &mf, &ml);
        if (!post) post = mission_in(d, names_of(g, a, ss, &local), ss, source, cx, &mf, &ml);
        if (post && !in_country(post, sc->cc3) && ml > mf && ml <= ss->n) {
            fill_named(out, post, a, ss, mf, ml, "source");
            explain_place(ex, "place", out,
                          "a meeting of an envoy or a mission, no place of its own in the sentence: where the envoy or the mission is posted");
            return;
        }
    }
    if (g->dateline.precision) {
        *out = g->dateline;
        explain_place(ex, "place", out, "the sentence names no place");
        return;
    }
    const geo_place *accord = scene_accord(g, a, d, code, sc, tc, date);
    if (accord) {
        settle(out, accord, "story", ex,
               "an accord of two states, no place in the sentence: the city the story sets its scene in, where "
               "leaders of both met");
        return;
    }
    /* A call ("spoke by telephone", "The prime minister spoke to President Trump") is made
     * where the caller is: a person placed abroad earlier in the story is there, else in
     * the source's country; with no country, nowhere the text says (not the target's
     * country, nor the story's place, which is what they spoke about). */
    if (code && code[0] == '0' && code[1] == '4' && strcmp(code, "042") && strcmp(code, "043") &&
        call_told(ss->toks, ss->n, v)) {
        size_t at_call = SIZE_MAX;
        const geo_place *caller = sc && who ? abroad_of(g, who, &at_call) : NULL;
        if (!caller) caller = sc;
        if (caller) {
            settle(out, caller, "source", ex,
                   caller == sc ? "a call: no place in the sentence or dateline; the caller's (source's) country"
                                : "a call: no place in the sentence or dateline; where the story placed the caller");
        } else {
            explain_place(ex, "place", out, "a call whose caller has no country: no place in the sentence or dateline says where");
        }
        return;
    }
    /* A statement, an appeal, an accusation is made where its source is: "Erdogan said
     * ..." in Turkey, not in the Syria the story is about. */
    size_t pf = 0, pl = 0;
    const geo_place *post = statement && sm ? posted_to(d, names_of(g, a, ss, &local), sm, cx, &pf, &pl) : NULL;
    if (post && pl > pf && pl <= ss->n) {
        fill_named(out, post, a, ss, pf, pl, "source");
        explain_place(ex, "place", out,
                      "a statement of an ambassador: no place in the sentence says where it was made; where the ambassador is posted");
        /* "Russia's ambassador to the UK, Alexander Yakovenko, said": his later words
         * ("Yakovenko added") are said there too, at the post itself ("Syria's UN
         * ambassador ... Ja'afari said": New York City, not just the United States) */
        if (!in_country(post, sc ? sc->cc3 : NULL)) abroad_set(g, who, source, post, NULL, 0);
        return;
    }
    /* "The Turkey-based Syrian National Coalition said", "the London-based Syrian
     * Observatory said": an organisation speaks at its seat. */
    const geo_place *base = statement && sm ? based_in(d, names_of(g, a, ss, &local), sm, cx, &pf, &pl) : NULL;
    if (base && pl > pf && pl <= ss->n) {
        fill_named(out, base, a, ss, pf, pl, "source");
        explain_place(ex, "place", out,
                      "a statement: no place in the sentence says where it was made; its source is based here (\"X-based\")");
        return;
    }
    /* "He said": the person named last before the pronoun, when coreference gave it
     * that person's code ("Zakharova criticised ... She said": Zakharova, not an
     * ambassador of the same code placed abroad earlier) */
    if (statement && sc && !who && sm) {
        who = antecedent(g, ss, sm, source);
        if (who && ex) buf_printf(ex, "    the pronoun stands for the person named last before it\n");
    }
    size_t at = SIZE_MAX;
    const geo_place *there = statement && sc ? abroad_of(g, who, &at) : NULL;
    /* a pronoun whose person is not known: the person placed abroad last, when
     * coreference gave the pronoun that person's code */
    if (!there && statement && sc && !who && sm && (sm->flags & SYN_M_PRONOUN) && !(sm->flags & SYN_M_UNRESOLVED))
        there = abroad_of_code(g, source, &at);
    /* where a sentence of the story, before or after, says the person was: "on his visit
     * to India", "in a speech delivered in Cairo"; its city also where an earlier act put
     * the person in that country ("Erdogan met Putin in Russia ... speaking at a summit in
     * Sochi": Sochi) */
    uint8_t day = 0;
    uint8_t here = 0; /* the event's weekday */
    const geo_place *seen_at = NULL;
    if (statement && sc && who) {
        int wd = date ? dyad_date_weekday(date) : -1;
        here = wd >= 0 ? (uint8_t)(wd + 1) : weekday_of(ss->toks, ss->n);
        seen_at = present_of(g, a, d, who, ss->index, sc->cc3, here, &day);
    }
    /* a city on another weekday than the event's ("told a rally in Ahmedabad on Monday
     * ... praised Modi on Tuesday"): the visit's country still holds, not its city */
    if (seen_at && seen_at->kind != DYAD_GEO_COUNTRY && day && here && here != day)
        seen_at = in_country(seen_at, sc->cc3) ? NULL : country_place(seen_at->cc3);
    bool finer = seen_at && (!there || (in_country(there, seen_at->cc3) && seen_at->kind > there->kind));
    if (finer) there = seen_at;
    /* the city of the event that placed the person abroad, for words of its day
     * ("Erdogan met Putin in Sochi on Monday ... Erdogan said on Monday": Sochi) */
    else if (there && at < g->n_abroad && g->abroad[at].city && date && g->abroad[at].date == date &&
             in_country(g->abroad[at].city, there->cc3)) {
        there = g->abroad[at].city;
        finer = true;
    }
    /* a person placed at home (in a city on a day): only that day's words are placed by
     * it; the rest are the source's country's, below */
    else if (there && in_country(there, sc->cc3))
        there = NULL;
    if (there) {
        settle(out, there, "story", ex,
               finer ? "a statement: no place in the sentence says where it was made; a sentence of the "
                       "story says its source, a person, was here (a visit, a speech, words said here)"
                     : "a statement: no place in the sentence says where it was made; its source, a person, "
                       "was in this country earlier in the story (a visit, a meeting or words said there)");
        return;
    }
    /* "The Kremlin said", "Moscow said", "Downing Street said": a statement of a
     * government named by its capital or its seat is made in the capital. */
    const geo_place *seat = statement && sc && sm ? seat_named(d, names_of(g, a, ss, &local), sm, cx, &pf, &pl) : NULL;
    if (seat && in_country(seat, sc->cc3) && pl > pf && pl <= ss->n) {
        fill_named(out, seat, a, ss, pf, pl, "source");
        explain_place(ex, "place", out,
                      "a statement: no place in the sentence says where it was made; its source is named by its capital or seat of government");
        return;
    }
    const geo_place *scene = statement && sc ? scene_in(g, a, d, who, date, sc) : NULL;
    if (scene) {
        settle(out, scene, "story", ex,
               "a statement: no place in the sentence says where it was made; the city the story sets its scene "
               "in (\"talks in\", \"a summit in\", \"in the capital\"), in its source's country");
        return;
    }
    if (statement && sc) {
        settle(out, sc, "source", ex,
               "a statement: no place in the sentence says where it was made; its source's country");
        return;
    }
    /* A statement of an international body with a seat ("the OPCW said", "the World
     * Health Organization said"): at its seat, as a state's words are in its country. */
    const geo_place *body = statement && !sc ? body_seat(ss->toks, ss->n, sm, source) : NULL;
    if (body) {
        settle(out, body, "source", ex,
               "a statement of an international body: no place in the sentence or dateline says where it was made; the body's seat");
        return;
    }
    /* A statement of a source of no country (the UN, an NGO, "Western leaders") was made
     * where nothing says: neither the story's place (what it is about) nor the target's
     * country is where it was said. */
    if (statement) {
        explain_place(ex, "place", out,
                      "a statement whose source has no country, and no place in the sentence or dateline says where it was made");
        return;
    }
    if (!g->last.precision && !g->lead_done && g->story) {
        lead_place(g, a, d, g->story);
        g->lead_done = true;
    }
    /* The story's place, when it is in an actor's country or the actors have none: a
     * story about Syria also reports what happened in Washington. */
    const dyad_place *sp = g->last.precision ? &g->last : g->lead.precision ? &g->lead : NULL;
    /* A visit (042) is to the host's country, hosting one (043) in the source's, whatever
     * the story is about. */
    const geo_place *host = code && !strcmp(code, "042") ? tc : code && !strcmp(code, "043") ? sc : NULL;
    /* A visit (042) to no host of a country ("Russian experts visited the site of the
     * attack") is made away from home: where the story's war is, when that is not the
     * visitor's country. */
    if (code && !strcmp(code, "042") && !tc && sc) {
        const geo_place *war = theatre_of(g, a, d);
        if (war && !in_country(war, sc->cc3)) {
            settle(out, war, "story", ex, "a visit to no host of a country: the story's theatre, not the visitor's home");
            return;
        }
    }
    /* Force between parties of no country ("Isis members fired a missile at a Kurdish
     * position") is fought in the story's theatre, not in the country of the story's place
     * when that is another (a story told from Ankara about Syria). */
    const geo_place *fought = sp && !sc && !tc && force(code) ? theatre_of(g, a, d) : NULL;
    if (fought && !in_country(fought, sp->country)) {
        settle(out, fought, "story", ex, "force between parties of no country: the story's theatre, where it is fought");
        return;
    }
    if (sp && host && !in_country(host, sp->country)) {
        if (ex) buf_printf(ex, "    a visit: the story's place %s is not in the host's country\n", sp->full_name);
        sp = NULL;
    } else if (sp && (sc || tc) && !(sc && in_country(sc, sp->country)) && !(tc && in_country(tc, sp->country))) {
        /* Force (roots 18-20) of parties foreign to the story's country is fought there, on
         * third ground: US troops and Russian contractors in a story about Syria. */
        const geo_place *theatre = third_ground(g, a, d, code, sc, tc);
        if (theatre) {
            settle(out, theatre, "story", ex,
                   "force between parties foreign to the story's place: the story's country, where it is fought");
            return;
        }
        /* A military retreat (0874) of a party's own forces is from where they are: "Trump
         * announced he was withdrawing American forces" in a story about Syria, not in the
         * United States. */
        const geo_place *from = retreat(code) && sc && (!tc || tc == sc) ? country_place(sp->country) : NULL;
        if (from) {
            settle(out, from, "story", ex,
                   "a military retreat by parties foreign to the story's place: where the forces are, the story's country");
            return;
        }
        if (ex) buf_printf(ex, "    the story's place %s is in neither actor's country\n", sp->full_name);
        sp = NULL;
    }
    /* The story's place stands for its country: an earlier event's city or the lead's is
     * where the story is, not where this event happened ("Gunmen attacked a hall in Kabul.
     * Afghan troops arrested 10 fighters": in Afghanistan). */
    const geo_place *spc = sp ? country_place(sp->country) : NULL;
    /* No place in the story before: force is still fought in the story's theatre ("Huge
     * massacres have been committed by the Turks", "U.S. troops exchanged fire with Russian
     * contractors" in a story about Syria), but force on a country itself is where the
     * country is ("Russia invaded Ukraine"). */
    const geo_place *theatre = !sp && sc && (!tc || (target && strlen(target) > 3))
                                   ? third_ground(g, a, d, code, sc, tc) : NULL;
    /* a retreat with no place in the story before: from the story's theatre, when that is
     * neither actor's country */
    if (!theatre && !sp && retreat(code) && sc && (!tc || tc == sc)) {
        theatre = theatre_of(g, a, d);
        if (theatre && (in_country(theatre, sc ? sc->cc3 : NULL) || in_country(theatre, tc ? tc->cc3 : NULL)))
            theatre = NULL;
    }
    if (theatre) {
        settle(out, theatre, "story", ex,
               "force between parties foreign to the story's theatre, where it is fought");
        return;
    }
    /* a visit (042, 043) is to the host's country, not to the city of its talks */
    bool visit = code && (!strcmp(code, "042") || !strcmp(code, "043"));
    /* "Trump said he discussed with Modi": the person a "he" stands for */
    const dict_actor *actor = who || quad_class == 4 || visit ? who : antecedent(g, ss, sm, source);
    const geo_place *scene_c = spc && quad_class != 4 && !visit ? scene_in(g, a, d, actor, date, spc) : NULL;
    if (scene_c) {
        settle(out, scene_c, "story", ex,
               "the sentence names no place and the story has no dateline: the city the story sets its scene in, "
               "in the country of the story's place");
        return;
    }
    if (spc) {
        const char *text = sp->text;
        dyad_span span = sp->span;
        fill(out, spc);
        out->text = text;
        out->span = span;
        out->from = "story";
        explain_place(ex, "place", out, g->last.precision
                          ? "the sentence names no place and the story has no dateline: the country of an earlier event's place"
                          : "the sentence names no place and the story has no dateline: the country of the lead's place");
        return;
    }
    /* An armed group of no country (rebels, insurgents, militias, unidentified forces)
     * acts where the story's war is, not in its counterpart's country: "rebel officials
     * held meetings with Russia" in a story about southern Syria is in Syria. */
    if (!sc && tc && armed_group(source) && !(code && !strcmp(code, "042"))) {
        const geo_place *war = theatre_of(g, a, d);
        if (war && !in_country(war, tc->cc3)) {
            settle(out, war, "story", ex,
                   "an armed group of no country: the story's theatre, not its counterpart's country");
            return;
        }
    }
    /* The actors' country: the one they share ("Syrian troops attacked rebels"); for a
     * visit (042) or the use of force (18-20), the target's, where it takes place; else the
     * source's ("the United States imposed sanctions on Iran"). */
    bool at_target = tc && (!sc || (code && !strcmp(code, "042")) || force(code));
    const geo_place *p = at_target ? tc : sc;
    const geo_place *scene_p = quad_class != 4 && !visit ? scene_in(g, a, d, actor, date, p) : NULL;
    if (scene_p) {
        settle(out, scene_p, "story", ex, "no place named: the city the story sets its scene in, in the actors' country");
        return;
    }
    if (p) {
        fill(out, p);
        out->text = NULL;
        out->from = "actors";
        explain_place(ex, "place", out, sc == tc ? "no place named: the country both actors share"
                                                 : p == tc ? "no place named: the target's country"
                                                           : "no place named: the source's country");
        return;
    }
    explain_place(ex, "place", out, "no place in the sentence, no dateline, no actor's country");
}

/* The person named in apposition right after mention m (", Hulusi Akar,"; "Russia's
 * ambassador to Britain, Alexander Yakovenko,"), within GEO_APPOSITION_GAP tokens; or NULL. */
#define GEO_APPOSITION_GAP 4u
static const dict_actor *apposed_person(const syn_sentence *ss, const syn_mention *m) {
    if (!ss->paren || m < ss->m || m >= ss->m + ss->nm) return NULL;
    for (const syn_mention *x = m + 1; x < ss->m + ss->nm && x->first <= m->last + GEO_APPOSITION_GAP; x++)
        if (x->first < ss->n && ss->paren[x->first] == SYN_PAREN_APPOSITION && x->actor &&
            dict_actor_is_person(x->actor))
            return x->actor;
    return NULL;
}

void geo_event_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss, size_t v,
                     const syn_mention *sm, const dict_actor *who, const dict_actor *whom, const char *source, const char *target, const char *code, int quad_class,
                     int32_t date, dyad_place *out, dyad_buf *ex) {
    /* The countries of a sentence's actors tell the namesakes of later sentences apart,
     * not of this one ("police in Georgia" would make Georgia its own evidence). */
    if (!g->pend_set || g->pend_index != ss->index) {
        for (size_t i = 0; i < g->n_pend; i++) remember(g, g->pend[i]);
        g->n_pend = 0;
        for (size_t i = 0; i < ss->nm && g->n_pend < GEO_MAX_CONTEXT; i++)
            if (code_country(ss->m[i].code)) copy_cc3(g->pend[g->n_pend++], ss->m[i].code);
        people_seen(g, ss);
        g->pend_index = ss->index;
        g->pend_set = true;
    }
    /* "The Turkish defence minister, Hulusi Akar, met ...": the person in apposition */
    if (!who && sm) who = apposed_person(ss, sm);
    event_place(g, a, d, ss, v, sm, who, source, target, code, quad_class, date, out, ex);
    /* A person seen abroad: paying a visit (042) or hosted by another country (043), at a
     * meeting (root 04; not as its host) or making a statement the sentence places in a city of another
     * country than the person's ("told a rally in Ahmedabad"; a country named in the
     * sentence is more often what is talked about). Their later statements with no place
     * of their own are made there. */
    if (!out->precision) return;
    const geo_place *where = country_place(out->country);
    bool from_sentence = out->from && !strcmp(out->from, "sentence") && out->precision == DYAD_GEO_CITY;
    bool meeting = code && code[0] == '0' && code[1] == '4';
    const geo_place *sc = code_country(source), *tc = code_country(target);
    /* the city, with the event's date when its sentence names that day ("on Monday"): a
     * date the sentence does not name may be the story's, not the day the person was there
     * ("Trump described Monday's rally in Ahmedabad", dated Tuesday) */
    bool dated = date && (from_sentence || meeting) && /* read only where a city or a meeting asks */
                 weekday_of(ss->toks, ss->n) == dyad_date_weekday(date) + 1;
    const geo_place *city = from_sentence && dated ? g->placed : NULL;
    if (who && sc && !in_country(sc, out->country) &&
        ((code && !strcmp(code, "042")) ||
         (from_sentence && !(code && !strcmp(code, "043")) && (meeting || quad_class == 1 || quad_class == 3))))
        abroad_set(g, who, source, where, city, date);
    if (whom && tc && !in_country(tc, out->country) && ((code && !strcmp(code, "043")) || (from_sentence && meeting)))
        abroad_set(g, whom, target, where, city, date);
    /* At home, in a city the sentence names on the event's day ("Putin met Erdogan in
     * Sochi on Monday"): the person's words of that day are said there, as the guest's
     * are (event_place asks only for that day's city of such an entry). */
    if (who && sc && city && in_country(sc, out->country) && (meeting || quad_class == 1 || quad_class == 3)) {
        /* a later "he" is still the person placed abroad last, if any */
        size_t last = g->n_abroad ? g->last_abroad : GEO_MAX_ABROAD;
        abroad_set(g, who, source, where, city, date);
        g->last_abroad = last;
    }
    /* A meeting retold ("met the Syrian president in Damascus on Thursday ... Velayati met
     * Assad in a show of defiance"): one of the same two countries' parties on the same
     * date that names no place of its own was where the story placed the first. */
    if (!meeting || !sc || !tc || !date) return;
    if (out->from && !strcmp(out->from, "sentence") && g->placed && g->placed->kind != DYAD_GEO_COUNTRY) {
        if (!dated) return;
        if (g->n_meet < GEO_MAX_MEETINGS) {
            copy_cc3(g->meet[g->n_meet].cc3[0], source);
            copy_cc3(g->meet[g->n_meet].cc3[1], target);
            g->meet[g->n_meet].date = date;
            g->meet[g->n_meet++].where = g->placed;
        }
        return;
    }
    if (out->precision != DYAD_GEO_COUNTRY || !out->from || (strcmp(out->from, "story") && strcmp(out->from, "actors")))
        return;
    for (size_t i = g->n_meet; i > 0; i--) {
        const char *m0 = g->meet[i - 1].cc3[0], *m1 = g->meet[i - 1].cc3[1];
        if (g->meet[i - 1].date != date || !((in_country(sc, m0) && in_country(tc, m1)) || (in_country(sc, m1) && in_country(tc, m0))))
            continue;
        settle(out, g->meet[i - 1].where, "story", ex,
               "a meeting of the same two countries' parties on the same date, which an earlier sentence placed here");
        return;
    }
}

/* The place of mention m as geo_actor_place defines it, looked up now. */
static void actor_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss, name_cache *nc,
                        const syn_mention *m, dyad_place *out) {
    memset(out, 0, sizeof *out);
    context cx = {0};
    cx.g = g;
    cx.actors[0] = code_country(m->code) ? m->code : NULL;
    for (uint32_t i = m->first; i < m->last && i < ss->n; i++) {
        if (!is_cap_word(&ss->toks[i])) continue;
        found f;
        if (!name_at(d, nc, i, cx, false, &f)) continue;
        if (f.p->kind != DYAD_GEO_COUNTRY && f.last <= m->last) {
            fill_named(out, f.p, a, ss, f.first, f.last, "sentence");
            return;
        }
        i = (uint32_t)f.last - 1;
    }
    const geo_place *p = code_country(m->code);
    if (!p) return;
    fill(out, p);
    out->from = "actors";
}

void geo_actor_place(geo_story *g, arena *a, const dyad_dict *d, const syn_sentence *ss,
                     const syn_mention *m, dyad_place *out) {
    geo_sentence *s = sentence_state(g, a, ss);
    if (!s) {
        name_cache local = {ss->toks, ss->n, NULL, NULL, NULL, 0, NULL, NULL};
        actor_place(g, a, d, ss, &local, m, out);
        return;
    }
    mention_place *mp = m >= ss->m && m < ss->m + ss->nm ? &s->mp[m - ss->m] : NULL;
    if (mp && mp->done && mp->n_ctx == g->n_ctx) {
        *out = mp->p;
        return;
    }
    actor_place(g, a, d, ss, &s->names, m, out);
    if (mp) {
        mp->done = true;
        mp->n_ctx = g->n_ctx;
        mp->p = *out;
    }
}
