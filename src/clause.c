/* clause.c: the sentence's quotations, parentheticals and clause numbers. */
#include "coder_int.h"

#define SYN_MAX_PAREN_TOKENS 12u /* a ", who ... ," parenthetical longer than this is kept */

/* Marks quotation spans: tokens between an opening and a closing quote. */
void clause_mark_quotes(syn_sentence *ss, bool quoted_sentence) {
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
    if (quoted_sentence) {
        bool anyq = false;
        for (size_t i = 0; i < ss->n; i++) anyq |= ss->toks[i].cls == TOK_QUOTE;
        if (!anyq) memset(ss->quoted, 1, ss->n);
    }
}

/* The end of a comma-delimited span that starts with the comma at i: the index of its
 * closing comma, at most SYN_MAX_PAREN_TOKENS on, or 0 when it has none. */
static size_t closing_comma(const syn_sentence *ss, size_t i) {
    size_t j = i + 1;
    while (j < ss->n && j - i <= SYN_MAX_PAREN_TOKENS &&
           !(ss->toks[j].cls == TOK_PUNCT && (ss->toks[j].norm[0] == ',' || ss->toks[j].norm[0] == ';')) &&
           ss->toks[j].cls != TOK_END && ss->toks[j].cls != TOK_DASH && ss->toks[j].cls != TOK_QUOTE)
        j++;
    if (j < ss->n && j - i <= SYN_MAX_PAREN_TOKENS && ss->toks[j].cls == TOK_PUNCT && ss->toks[j].norm[0] == ',')
        return j;
    return 0;
}

/* Parentheticals: ", who/which ... ," relative clauses (SYN_PAREN_RELATIVE) and ",
 * backed by Turkey ," participial modifiers of a noun (SYN_PAREN_PARTICIPLE). Skipped
 * when looking for subjects, as TABARI deleted such clauses. */
void clause_mark_parentheticals(syn_sentence *ss) {
    for (size_t i = 0; i + 1 < ss->n; i++) {
        if (!(ss->toks[i].cls == TOK_PUNCT && ss->toks[i].norm[0] == ',')) continue;
        const tok *nx = &ss->toks[i + 1];
        bool rel = nx->cls == TOK_WORD && (tok_is(nx, "who") || tok_is(nx, "which") ||
                                           tok_is(nx, "whose") || tok_is(nx, "whom"));
        /* "The rebels, backed by Turkey, attacked": a past participle after a noun and a
         * comma describes the noun; "..., said Moon" is no such participle */
        const tok *pv = i > 0 ? &ss->toks[i - 1] : NULL;
        bool part = !rel && pv && (pv->pos == LEX_POS_NOUN || pv->pos == LEX_POS_PROPER) && nx->cls == TOK_WORD &&
                    (nx->tags & LEX_VERB) && (nx->tags & LEX_PAST) && !(nx->tags & LEX_SAY) &&
                    (nx->pos == LEX_POS_VERB || nx->pos == LEX_POS_ADJ) && i + 2 < ss->n &&
                    ss->toks[i + 2].cls == TOK_WORD && (ss->toks[i + 2].tags & LEX_PREP);
        if (!rel && !part) continue;
        size_t j = closing_comma(ss, i);
        if (j) {
            for (size_t k = i; k <= j; k++) ss->paren[k] = rel ? SYN_PAREN_RELATIVE : SYN_PAREN_PARTICIPLE;
            i = j - 1;
        }
    }
}

/* The end of an apposition that closes its sentence after an indefinite article
 * ("said the Arakan Army (AA), a major ethnic militia in Rakhine State."): the index of
 * the sentence's last token, or 0 (another mark before it, or too long). */
static size_t closing_end(const syn_sentence *ss, size_t i) {
    if (i + 1 >= ss->n || !(tok_is(&ss->toks[i + 1], "a") || tok_is(&ss->toks[i + 1], "an"))) return 0;
    size_t j = i + 1;
    while (j < ss->n && j - i <= SYN_MAX_PAREN_TOKENS && (ss->toks[j].cls == TOK_WORD || ss->toks[j].cls == TOK_POSS))
        j++;
    if (j - i > SYN_MAX_PAREN_TOKENS) return 0;
    if (j == ss->n) return j - 1;
    const tok *e = &ss->toks[j];
    return j + 1 == ss->n && (e->cls == TOK_END || (e->cls == TOK_PUNCT && e->norm[0] == '.')) ? j : 0;
}

void clause_mark_appositions(syn_sentence *ss) {
    for (size_t i = 1; i + 2 < ss->n; i++) {
        if (!(ss->toks[i].cls == TOK_PUNCT && ss->toks[i].norm[0] == ',') || ss->paren[i]) continue;
        int32_t head = ss->mention_at[i - 1];
        /* an actor and its acronym in brackets: "the Arakan Army (AA), a ..." */
        if (head < 0 && i >= 4 && ss->toks[i - 1].norm[0] == ')' && ss->toks[i - 3].norm[0] == '(' &&
            ss->toks[i - 1].cls != TOK_WORD && (ss->toks[i - 2].flags & TOK_ALLCAPS))
            head = ss->mention_at[i - 4];
        /* (not after a body named by its closing word, whose apposition says what it is:
         * "The Syrian Negotiations Commission (SNC), Syria's umbrella opposition group,
         * voted" is the opposition) */
        if (head < 0 || (ss->m[head].flags & SYN_M_PRONOUN) || mention_named_body(ss, &ss->m[head])) continue;
        size_t j = closing_comma(ss, i);
        if (!j) j = closing_end(ss, i);
        if (!j || j == i + 1) continue;
        /* the span is one noun phrase holding an actor: determiners, adjectives, nouns,
         * a possessive and mentions, and no verb ("Sergei Lavrov, Russia's foreign
         * minister, met"); a list ("Russia, Turkey and Iran") is a compound instead */
        bool np = true, actor = false;
        for (size_t k = i + 1; k < j && np; k++) {
            const tok *t = &ss->toks[k];
            if (ss->mention_at[k] >= 0) {
                actor |= ss->m[ss->mention_at[k]].group != ss->m[head].group;
                np = ss->m[ss->mention_at[k]].group != ss->m[head].group;
                continue;
            }
            np = t->cls == TOK_POSS || t->cls == TOK_NUMBER ||
                 (t->cls == TOK_WORD && (t->pos == LEX_POS_DET || t->pos == LEX_POS_ADJ ||
                                         t->pos == LEX_POS_NOUN || t->pos == LEX_POS_PROPER ||
                                         t->pos == LEX_POS_NUM || tok_is(t, "of")));
        }
        if (!np || !actor) continue;
        for (size_t k = i; k <= j; k++) ss->paren[k] = SYN_PAREN_APPOSITION;
        i = j - 1;
    }
}

/* Clause numbers: a new clause starts after ; and : , at subordinating conjunctions,
 * at quotation boundaries, and after a verb of saying (its complement). */
void clause_mark(syn_sentence *ss) {
    uint16_t c = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const tok *t = &ss->toks[i];
        bool starts = false;
        if (t->cls == TOK_QUOTE) starts = true;
        else if (t->cls == TOK_PUNCT && (t->norm[0] == ';' || t->norm[0] == ':')) starts = true;
        else if (t->cls == TOK_DASH) starts = true;
        else if (t->cls == TOK_WORD && (t->tags & LEX_SUBCONJ) && !(t->tags & LEX_PREP) &&
                 !tok_is(t, "that") && !(tok_is(t, "once") && t->pos == LEX_POS_ADV)) /* "once again" */
            starts = true;
        else if (i > 0 && (ss->toks[i - 1].tags & LEX_SAY) && ss->toks[i - 1].pos == LEX_POS_VERB)
            starts = true;
        if (starts && c < UINT16_MAX) c++;
        ss->clause[i] = c;
    }
}

size_t clause_start(const syn_sentence *ss, size_t v) {
    size_t j = v;
    while (j > 0 && ss->clause[j - 1] == ss->clause[v]) j--;
    return j;
}
