/* discard.c: the story-level discard tally: match scores and discard phrases (sports,
 * entertainment, business results) counted over the story's sentences. */
#include "coder_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word beside two joined numbers that makes them a range, not a score: a month
 * ("25-26 January", "January 25-26") or a unit ("3-4 days", "10-12 percent"). */
static bool range_word(const tok *t) {
    static const char *const units[] = {
        "day",     "days",  "week",   "weeks",  "month",   "months",  "year",  "years",
        "hour",    "hours", "minute", "minutes", "percent", "pct",    "per",   "km",
        "miles",   "mile",  "metres", "meters", "people",  "million", "billion", "degrees",
        "am",      "pm",    "times",  "centimetres", "inches", "kg",  "tonnes", "votes",
        NULL};
    if (t->cls != TOK_WORD) return false;
    if (date_month_from_name(t->norm, t->norm_len)) return true;
    for (size_t k = 0; units[k]; k++)
        if (tok_is(t, units[k])) return true;
    return false;
}

/* A match score: "X beat Y 2-1" (two small numbers joined by a hyphen after a verb of
 * winning or losing) counts as two sports hits; a score alone as one. A date range, a
 * range of measures or a vote tally is no score. */
static unsigned score_hits(const syn_sentence *ss) {
    static const char *const win[] = {"beat", "defeat", "draw", "thrash", "trounce", "edge",
                                      "rout", "win", "lose", "tie"};
    bool score = false, verb = false;
    for (size_t i = 0; i < ss->n; i++) /* "a 12-3 vote", "voted 9-4 in favour" */
        if (tok_is(&ss->toks[i], "vote") || tok_is(&ss->toks[i], "votes") ||
            tok_is(&ss->toks[i], "voted") || tok_is(&ss->toks[i], "favour") ||
            tok_is(&ss->toks[i], "favor") || tok_is(&ss->toks[i], "ballot"))
            return 0;
    for (size_t i = 0; i + 1 < ss->n; i++) {
        const tok *a = &ss->toks[i], *b = &ss->toks[i + 1];
        if (a->cls == TOK_NUMBER && b->cls == TOK_NUMBER && (b->flags & TOK_JOINED) &&
            a->norm_len <= 2 && b->norm_len <= 2 && !(i > 0 && range_word(&ss->toks[i - 1])) &&
            !(i + 2 < ss->n && range_word(&ss->toks[i + 2])))
            score = true;
    }
    for (size_t i = 0; i < ss->n && score && !verb; i++)
        for (size_t k = 0; k < sizeof win / sizeof win[0] && !verb; k++)
            verb = ss->toks[i].pos == LEX_POS_VERB && tok_lemma_is(&ss->toks[i], win[k]);
    return score ? (verb ? 2u : 1u) : 0u;
}

static void note_discard(discard_tally *t, const char *why, unsigned hits) {
    size_t r = 0;
    while (r < DISCARD_MAX_REASONS && t->reasons[r] && strcmp(t->reasons[r], why)) r++;
    if (r == DISCARD_MAX_REASONS) return;
    t->reasons[r] = why;
    t->hits[r] += hits;
}

const char *discard_note_sentence(discard_tally *t, const dyad_dict *d, const syn_sentence *ss,
                                  bool headline) {
    unsigned sh = score_hits(ss);
    const char *drop = NULL;
    if (sh) note_discard(t, "sports", headline ? 2 * sh : sh);
    for (size_t i = 0; i < ss->n; i++) {
        if (!tok_may_start(&ss->toks[i], DICT_ROOT_DISCARDS)) continue; /* most tokens */
        size_t k = 0;
        int scope = DICT_DISCARD_TALLY;
        const char *why = dict_discard_match(d, ss->toks, ss->n, i, &k, &scope);
        if (!why) continue;
        /* PETRARCH's list: one phrase drops the story ('+') or the sentence */
        note_discard(t, why, scope == DICT_DISCARD_STORY ? 2 : headline ? 2 : 1);
        if (scope == DICT_DISCARD_SENTENCE && !drop) drop = why;
        if (k > 1) i += k - 1;
    }
    return drop;
}

const char *discard_verdict(const discard_tally *t) {
    for (size_t r = 0; r < DISCARD_MAX_REASONS && t->reasons[r]; r++)
        if (t->hits[r] >= 2) return t->reasons[r];
    return NULL;
}

/* The next word of s[i..n) (letters, or digits), its start in *st and length in *len;
 * the index after it, or n when there is none. */
static size_t next_word(const char *s, size_t n, size_t i, size_t *st, size_t *len) {
    while (i < n && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && !(s[i] >= '0' && s[i] <= '9')) i++;
    *st = i;
    bool digit = i < n && s[i] >= '0' && s[i] <= '9';
    while (i < n && (digit ? (s[i] >= '0' && s[i] <= '9') : ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))) i++;
    *len = i - *st;
    return i;
}

static bool word_is(const char *p, size_t n, const char *w) {
    size_t k = 0;
    for (; k < n && w[k]; k++)
        if ((char)(p[k] | 0x20) != w[k]) return false;
    return k == n && !w[k];
}

/* True when s[0..n) tells a death with an age: "died on Tuesday at the age of 95", "who
 * has died aged 83", "dies at 91": a death verb, then within eight words "aged N", "at
 * the age of N" or "at N" (N from 18 to 120). "Two men, aged 50 and 46, died" has the
 * age before the verb. */
static bool death_with_age(const char *s, size_t n) {
    size_t i = 0, st, len;
    while ((i = next_word(s, n, i, &st, &len)) <= n && len) {
        if (!word_is(s + st, len, "died") && !word_is(s + st, len, "dies")) continue;
        size_t j = i, prev_st = st, prev_len = len;
        for (int k = 0; k < 8; k++) {
            size_t ws, wl;
            j = next_word(s, n, j, &ws, &wl);
            if (!wl) break;
            if (s[ws] >= '0' && s[ws] <= '9') {
                int age = wl <= 3 ? atoi(s + ws) : 0;
                if (age >= 18 && age <= 120 &&
                    (word_is(s + prev_st, prev_len, "aged") || word_is(s + prev_st, prev_len, "of") ||
                     word_is(s + prev_st, prev_len, "at")))
                    return true;
                break;
            }
            prev_st = ws, prev_len = wl;
        }
    }
    return false;
}

bool discard_obituary(const dyad_story *s) {
    /* the headline and the lead */
    for (size_t i = 0; i < s->n_sentences && i < 2; i++)
        if (death_with_age(s->sentences[i].text, s->sentences[i].text_len)) return true;
    return false;
}

/* ---- genre: opinion pieces, analysis ---- */

/* Words that, as a URL path segment (or a word of a short hyphenated one:
 * "opinion-and-analysis", "blogs-opinion"), file a story under comment. */
static const char *const opinion_sections[] = {
    "opinion", "opinions",  "comment",  "commentisfree", "commentary", "editorial",
    "editorials", "oped",   "op-ed",    "op-eds",        "column",     "columns",
    "columnist",  "columnists", "letters", NULL};
/* ... under analysis, explainers and features. */
static const char *const analysis_sections[] = {
    "analysis", "analyses", "explained", "explainer", "explainers", "feature", "features",
    "insight",  "insights", "longread",  "longreads", "longform",   NULL};
/* The first word of a slug that names an explainer: "/explained-delhis-liquor-policy". */
static const char *const analysis_slug_words[] = {"explained", "explainer", "analysis", NULL};
/* Headline tags: "Opinion:", "COLUMN-", "Breakingviews - "; "Analysis:", "EXPLAINER-". */
static const char *const opinion_tags[] = {"opinion", "column", "commentary", "comment", "editorial",
                                           "breakingviews", "op-ed", "oped", NULL};
static const char *const analysis_tags[] = {"analysis", "news analysis", "explainer", "explained",
                                            "insight", "feature", NULL};

static bool in_list(const char *p, size_t n, const char *const *list) {
    for (size_t k = 0; list[k]; k++)
        if (word_is(p, n, list[k])) return true;
    return false;
}

/* True when the path segment p[0..n), of at most DISCARD_SECTION_WORDS hyphenated words,
 * names a section of list: one of its words whole ("op-ed"), or a word of it in list
 * ("opinion-and-analysis"). */
static bool section_segment(const char *p, size_t n, const char *const *list) {
    if (in_list(p, n, list)) return true;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j] != '-') j++;
        if (in_list(p + i, j - i, list)) return true;
        i = j + 1;
    }
    return false;
}

/* The first segment of the URL's path that names a section of list, or NULL; its length
 * in *len. The host and the query are not read, nor a slug (the last segment, or one of
 * more than DISCARD_SECTION_WORDS hyphenated words, which may say anything), unless
 * slug_words names its first word. */
static const char *url_section(const char *url, const char *const *list, const char *const *slug_words,
                               size_t *len) {
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    p += strcspn(p, "/?#"); /* past the host */
    size_t path = strcspn(p, "?#");
    const char *end = p + path;
    while (p < end) {
        if (*p == '/') { p++; continue; }
        size_t n = strcspn(p, "/?#"), words = 1;
        for (size_t i = 0; i < n; i++) words += p[i] == '-';
        if (p + n >= end || words > DISCARD_SECTION_WORDS) { /* a slug */
            size_t w = strcspn(p, "-_./?#");
            if (slug_words && w < n && in_list(p, w, slug_words)) {
                *len = w;
                return p;
            }
            if (p + n >= end) break;
        } else if (section_segment(p, n, list)) {
            *len = n;
            return p;
        }
        p += n;
    }
    return NULL;
}

/* True when the headline opens with one of tags, then ':', '|', '-' or a dash:
 * "Opinion: ...", "COLUMN-Europe's ...", "Breakingviews - ...". */
static bool headline_tag(const char *h, const char *const *tags, size_t *len) {
    for (size_t t = 0; tags[t]; t++) {
        size_t n = strlen(tags[t]);
        if (!word_is(h, strnlen(h, n), tags[t])) continue;
        size_t k = n;
        while (h[k] == ' ') k++;
        if (h[k] == ':' || h[k] == '|' || h[k] == '-' || !strncmp(h + k, "\xe2\x80\x93", 3) ||
            !strncmp(h + k, "\xe2\x80\x94", 3)) {
            *len = n;
            return true;
        }
    }
    return false;
}

/* Whether s[0..n) holds needle (lowercase ASCII), ignoring the case of ASCII letters. */
static bool has_ci(const char *s, size_t n, const char *needle) {
    size_t m = strlen(needle);
    if (m > n) return false;
    /* looked for from a rare byte of the needle (memchr), in both cases if a letter */
    size_t a = strcspn(needle, "@xzqjkv");
    if (a == m) a = 0;
    char lo = needle[a], up = lo >= 'a' && lo <= 'z' ? (char)(lo - 32) : lo;
    for (int pass = 0; pass < (up != lo ? 2 : 1); pass++) {
        /* the rare byte at h, the needle from h - a: a <= h <= n - m + a */
        for (size_t h = a, end = n - m + a + 1; h < end; h++) {
            const char *p = memchr(s + h, pass ? up : lo, end - h);
            if (!p) break;
            h = (size_t)(p - s);
            size_t k = 0, st = h - a;
            while (k < m && (s[st + k] >= 'A' && s[st + k] <= 'Z' ? s[st + k] | 0x20 : s[st + k]) == needle[k]) k++;
            if (k == m) return true;
        }
    }
    return false;
}

/* True when a bullet paragraph near the end of the text introduces its writer:
 * "• Jane Doe is a foreign affairs commentator" (two to four capitalized names, "is",
 * then an article or a title: "is professor of ..."). */
static bool closing_writer_note(const char *s, size_t n) {
    static const char *const writer_titles[] = {"a", "an", "the", "professor", "co", "author",
                                                "director", "editor", "chair", "founder", NULL};
    size_t from = n > DISCARD_WRITER_NOTE_TAIL ? n - DISCARD_WRITER_NOTE_TAIL : 0;
    for (size_t i = from; i + 3 <= n; i++) {
        const char *b = memchr(s + i, '\xe2', n - 2 - i);
        if (!b) break;
        i = (size_t)(b - s);
        if (memcmp(s + i, "\xe2\x80\xa2", 3)) continue; /* U+2022 BULLET */
        size_t j = i + 3, names = 0;
        while (j < n && s[j] == ' ') j++;
        while (j < n && s[j] >= 'A' && s[j] <= 'Z' && names < 4) {
            while (j < n && s[j] != ' ' && s[j] != '\n') j++;
            names++;
            while (j < n && s[j] == ' ') j++;
        }
        if (names < 2 || j + 3 > n || memcmp(s + j, "is ", 3)) continue;
        size_t ws, wl;
        next_word(s, n, j + 3, &ws, &wl);
        if (wl && in_list(s + ws, wl, writer_titles)) return true;
    }
    return false;
}

/* True when the tail of the text names its writer or its letters page: a paragraph (or a
 * bracket, or a dash) that opens "The author is" or "The writer is", or an editor's
 * "letters@" address. */
static bool closing_author_line(const char *s, size_t n) {
    static const char *const opens[] = {"The author is ", "The writer is ", NULL};
    size_t from = n > DISCARD_WRITER_NOTE_TAIL ? n - DISCARD_WRITER_NOTE_TAIL : 0;
    if (has_ci(s + from, n - from, "letters@")) return true;
    /* both open with a 'T': the text is read at memchr's pace from one to the next */
    for (const char *t = s + from; (t = memchr(t, 'T', (size_t)(s + n - t))) != NULL; t++)
        for (size_t k = 0, i = (size_t)(t - s); opens[k]; k++) {
            if (s[i] != opens[k][0]) continue;
            size_t m = strlen(opens[k]);
            if (i + m > n || memcmp(s + i, opens[k], m)) continue;
            size_t j = i;
            while (j > 0 && s[j - 1] == ' ') j--;
            if (j == 0 || s[j - 1] == '\n' || s[j - 1] == '(' || s[j - 1] == '-' ||
                (j >= 3 && (!memcmp(s + j - 3, "\xe2\x80\x94", 3) || !memcmp(s + j - 3, "\xe2\x80\x93", 3))))
                return true;
        }
    return false;
}

/* Whether p[i] opens (+1) or closes (-1) a quotation, or neither (0); its length in *len.
 * A straight double quote, which opens and closes alike, is 2. */
static int quote_mark(const char *p, size_t i, size_t n, size_t *len) {
    *len = 1;
    if (p[i] == '"') return 2;
    if (i + 2 < n && (unsigned char)p[i] == 0xe2 && (unsigned char)p[i + 1] == 0x80) {
        *len = 3;
        if ((unsigned char)p[i + 2] == 0x9c) return 1;  /* U+201C */
        if ((unsigned char)p[i + 2] == 0x9d) return -1; /* U+201D */
    }
    if (i + 1 < n && (unsigned char)p[i] == 0xc2) {
        *len = 2;
        if ((unsigned char)p[i + 1] == 0xab) return 1;  /* U+00AB */
        if ((unsigned char)p[i + 1] == 0xbb) return -1; /* U+00BB */
    }
    *len = 1;
    return 0;
}

static bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* True when the text attributes what it tells at least once in every `per` of its n bytes:
 * "said", "says" or "told" as whole words, counted only until there are enough. */
static bool attributes_often(const char *s, size_t n, size_t per) {
    static const char *const verbs[] = {"said", "says", "told", NULL};
    size_t need = (n + per - 1) / per, found = 0;
    for (size_t k = 0; verbs[k] && found < need; k++)
        for (const char *p = s; found < need && (p = strstr(p, verbs[k])) != NULL; p += 4)
            if ((p == s || !ascii_letter(p[-1])) && !ascii_letter(p[4])) found++;
    return found >= need;
}

/* True when the question mark at s[q] ends a question in the writer's own voice: a word
 * right before it, a space or the paragraph's end after it, outside any quotation of its
 * paragraph, and not in a bulleted line (a callout to readers: "• Do you have a photo you'd
 * like to share?"). */
static bool writer_question(const char *s, size_t n, size_t q) {
    if (q == 0 || !((s[q - 1] >= 'a' && s[q - 1] <= 'z') || (s[q - 1] >= 'A' && s[q - 1] <= 'Z') ||
                    (s[q - 1] >= '0' && s[q - 1] <= '9')))
        return false;
    if (q + 1 < n && s[q + 1] != ' ' && s[q + 1] != '\n' && s[q + 1] != '\r') return false;
    size_t from = q;
    while (from > 0 && s[from - 1] != '\n') from--;
    bool quoted = false;
    for (size_t i = from; i < q;) {
        size_t len;
        int m = quote_mark(s, i, n, &len);
        if (m == 2) quoted = !quoted;
        else if (m) quoted = m > 0;
        if (n - i >= 3 && !memcmp(s + i, "\xe2\x80\xa2", 3)) return false; /* U+2022 BULLET */
        i += len;
    }
    return !quoted;
}

/* True when the text names a day anywhere: a day of the week, "today", "yesterday" or
 * "tonight". News dates the acts it reports; an essay on them need not. */
static bool names_day(const char *s, size_t n) {
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", "today",   "yesterday", "tonight",  NULL};
    for (size_t k = 0; days[k]; k++)
        if (has_ci(s, n, days[k])) return true;
    return false;
}

/* True when a line of the text opens with an asterisk: a factbox's list of the day's acts. */
static bool bullet_list(const char *s, size_t n) {
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))) != NULL;) {
        p++;
        while (p < s + n && *p == ' ') p++;
        if (p < s + n && *p == '*') return true;
    }
    return false;
}

/* The explainer's formula that s[0..n) holds, or NULL: "Here are the key players",
 * "Here are some facts about", "Here's what to know about", "Here is what you need to
 * know" (the apostrophe straight or curly). An explainer tells the background of the
 * news in the writer's voice; "Here's what we know so far" and "Below are details" (a
 * live blog's, a factbox's lists of the day's acts) are not in the list. */
static const char *explainer_formula(const char *s, size_t n) {
    static const char *const opens[] = {"Here are", "Here is", "Here's", "Here\xe2\x80\x99s", NULL};
    static const char *const formulas[] = {" the key ", " some key ", " some facts", " key facts", " what to know",
                                           " what you need to know", " a look at", " a guide to", NULL};
    for (const char *p = s; (p = memchr(p, 'H', (size_t)(s + n - p))) != NULL; p++) {
        size_t left = (size_t)(s + n - p);
        for (size_t k = 0; opens[k]; k++) {
            size_t m = strlen(opens[k]);
            if (left < m || memcmp(p, opens[k], m)) continue;
            for (size_t f = 0; formulas[f]; f++) {
                size_t fl = strlen(formulas[f]);
                if (left - m >= fl && !memcmp(p + m, formulas[f], fl)) return formulas[f] + 1;
            }
        }
    }
    return NULL;
}

const char *discard_genre(const dyad_story *s, char *cue, size_t cap) {
    size_t n = 0;
    const char *p;
    if (s->url && (p = url_section(s->url, opinion_sections, NULL, &n))) {
        snprintf(cue, cap, "the URL's section '%.*s'", (int)n, p);
        return DISCARD_OPINION;
    }
    if (s->headline && headline_tag(s->headline, opinion_tags, &n)) {
        snprintf(cue, cap, "the headline's tag '%.*s'", (int)n, s->headline);
        return DISCARD_OPINION;
    }
    static const char *const disclaimers[] = {
        "views expressed in this", "opinions expressed in this", "views expressed are",
        "opinions expressed are", "views expressed by the author", NULL};
    for (size_t k = 0; disclaimers[k]; k++)
        if (has_ci(s->text, s->text_len, disclaimers[k])) {
            snprintf(cue, cap, "the disclaimer '%s'", disclaimers[k]);
            return DISCARD_OPINION;
        }
    if (closing_writer_note(s->text, s->text_len)) {
        snprintf(cue, cap, "a closing note on the writer ('\xe2\x80\xa2 NAME is ...')");
        return DISCARD_OPINION;
    }
    if (closing_author_line(s->text, s->text_len)) {
        snprintf(cue, cap, "a closing line on the writer ('The author is ...') or a letters page");
        return DISCARD_OPINION;
    }
    if (s->url && (p = url_section(s->url, analysis_sections, analysis_slug_words, &n))) {
        snprintf(cue, cap, "the URL's section '%.*s'", (int)n, p);
        return DISCARD_ANALYSIS;
    }
    if (s->headline && headline_tag(s->headline, analysis_tags, &n)) {
        snprintf(cue, cap, "the headline's tag '%.*s'", (int)n, s->headline);
        return DISCARD_ANALYSIS;
    }
    /* A question the writer asks ("But can it succeed now?") argues or explains: news
     * reports answers, and asks only inside quotations. A story that attributes what it
     * tells at least once in DISCARD_NEWS_REPORT_BYTES ("said", "told") is news whatever
     * it asks: a live blog, a report with a reader's question. */
    for (const char *q = s->text; (q = memchr(q, '?', (size_t)(s->text + s->text_len - q))) != NULL; q++)
        if (writer_question(s->text, s->text_len, (size_t)(q - s->text))) {
            if (attributes_often(s->text, s->text_len, DISCARD_NEWS_REPORT_BYTES)) break;
            size_t at = (size_t)(q - s->text), from = at > DISCARD_CUE_QUOTE ? at - DISCARD_CUE_QUOTE : 0;
            for (size_t i = from; i < at; i++)
                if (s->text[i] == '\n') from = i + 1;
            while (from < at && (s->text[from] & 0xc0) == 0x80) from++;
            snprintf(cue, cap, "a question in the writer's voice ('...%.*s')", (int)(q + 1 - s->text - from),
                     s->text + from);
            return DISCARD_ANALYSIS;
        }
    /* An explainer's formula ("Here are the key players", "Here's what to know about")
     * opens the writer's account of the background; a story that attributes as often as
     * news does stays news, as with a question. An undated story is not judged by this
     * cue, since it would lose all its events, the day's with the background's. */
    const char *ef = s->date ? explainer_formula(s->text, s->text_len) : NULL;
    if (ef && !attributes_often(s->text, s->text_len, DISCARD_NEWS_REPORT_BYTES)) {
        snprintf(cue, cap, "an explainer's formula ('Here ... %s')", ef);
        return DISCARD_ANALYSIS;
    }
    /* A dated story that attributes little (fewer than one "said" in
     * DISCARD_FEW_REPORTS_BYTES, over DISCARD_FEW_REPORTS_MIN_BYTES) and names no day at
     * all is the writer's account: an editorial, an analysis, a review of the year. A
     * factbox (lines opening with '*') lists the day's acts and stays news. */
    if (s->date && s->text_len >= DISCARD_FEW_REPORTS_MIN_BYTES &&
        !attributes_often(s->text, s->text_len, DISCARD_FEW_REPORTS_BYTES) && !names_day(s->text, s->text_len) &&
        !bullet_list(s->text, s->text_len)) {
        snprintf(cue, cap, "no day named, and under one \"said\" in %u bytes", DISCARD_FEW_REPORTS_BYTES);
        return DISCARD_ANALYSIS;
    }
    return NULL;
}
