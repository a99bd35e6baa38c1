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

/* Parentheticals: ", who/which ... ," and short comma-delimited appositives after a
 * mention. Skipped when looking for subjects, as TABARI deleted such clauses. */
void clause_mark_parentheticals(syn_sentence *ss) {
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
void clause_mark(syn_sentence *ss) {
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

size_t clause_start(const syn_sentence *ss, size_t v) {
    size_t j = v;
    while (j > 0 && ss->clause[j - 1] == ss->clause[v]) j--;
    return j;
}
