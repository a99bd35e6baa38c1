/* discard.c: the story-level discard tally: match scores and discard phrases (sports,
 * entertainment, business results) counted over the story's sentences. */
#include "coder_int.h"

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
