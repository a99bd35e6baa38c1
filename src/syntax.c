/* syntax.c: one sentence's analysis, stage by stage: tokens and tags, quotations and
 * clauses (clause.c), actor mentions (mention.c), coreference (coref.c); and its
 * explanation. */
#include "coder_int.h"

#include <string.h>

int syn_analyse(arena *a, const dyad_dict *d, const dyad_story *s, size_t index,
                syn_coref *cr, syn_sentence *ss, dyad_buf *ex) {
    memset(ss, 0, sizeof *ss);
    const dyad_sentence *sent = &s->sentences[index];
    ss->story = s;
    ss->index = (uint32_t)index;
    ss->date = sent->date ? sent->date : s->date;
    ss->year = cr->year;
    ss->obituary = cr->obituary;
    ss->past_scene = cr->past_scene;
    int rc = tok_split(a, s->text, sent->start, sent->end, &ss->toks, &ss->n);
    if (rc != DYAD_OK) return rc;
    lex_tag(ss->toks, ss->n);
    size_t n = ss->n;
    dict_tok_words(d, ss->toks, n);
    ss->mention_at = arena_alloc(a, (n + 1) * sizeof(int32_t));
    ss->clause = arena_calloc(a, n + 1, sizeof(uint16_t));
    ss->paren = arena_calloc(a, n + 1, 1);
    ss->quoted = arena_calloc(a, n + 1, 1);
    /* one mention a token (pronouns included), and up to n + 1 more for community
     * compound codes (mention_find) */
    ss->m = arena_alloc(a, 2 * (n + 1) * sizeof(syn_mention));
    ss->span_dates = arena_calloc(a, 1, sizeof *ss->span_dates);
    ss->actor_at = arena_calloc(a, n + 1, sizeof *ss->actor_at);
    if (!ss->mention_at || !ss->clause || !ss->paren || !ss->quoted || !ss->m || !ss->span_dates || !ss->actor_at)
        return DYAD_ENOMEM;
    for (size_t i = 0; i < n; i++) ss->mention_at[i] = -1;
    clause_mark_quotes(ss, (sent->flags & DYAD_SENT_QUOTE) != 0);
    clause_mark_parentheticals(ss);
    clause_mark(ss);

    if (ex) {
        buf_printf(ex, "tokens:\n");
        for (size_t i = 0; i < n; i++) {
            const tok *t = &ss->toks[i];
            buf_printf(ex, "  %2zu %-16.*s %-8s", i, (int)(t->end - t->start), s->text + t->start,
                      lex_pos_name(t->pos));
            static const struct { uint32_t bit; const char *name; } names[] = {
                {LEX_NOUN, "noun"}, {LEX_VERB, "verb"}, {LEX_ADJ, "adj"}, {LEX_ADV, "adv"},
                {LEX_DET, "det"}, {LEX_PREP, "prep"}, {LEX_PRON, "pron"},
                {LEX_POSSPRON, "posspron"}, {LEX_CONJ, "conj"}, {LEX_SUBCONJ, "subconj"},
                {LEX_AUX, "aux"}, {LEX_MODAL, "modal"}, {LEX_NEG, "neg"}, {LEX_REL, "rel"},
                {LEX_NUM, "num"}, {LEX_SAY, "say"}, {LEX_PAST, "past"}, {LEX_GERUND, "ing"},
                {LEX_PLURAL, "plural"}};
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
                if (t->tags & names[k].bit) buf_printf(ex, " %s", names[k].name);
            if (t->lemma && strcmp(t->lemma, t->norm)) buf_printf(ex, " lemma=%s", t->lemma);
            buf_printf(ex, "%s%s clause=%u\n", ss->quoted[i] ? " quoted" : "",
                      ss->paren[i] ? " parenthetical" : "", ss->clause[i]);
        }
    }

    rc = mention_find(a, d, ss, cr, ex);
    if (rc != DYAD_OK) return rc;
    coref_apply_titles(ss, cr, ex);
    coref_apply_surnames(ss, cr, ex);
    coref_apply_business(ss, cr, ex);
    coref_note_korea(cr, ss);
    if (mention_retag_nouns(ss)) clause_mark(ss);
    coref_find_speaker(ss, cr, ex);
    coref_resolve(ss, cr);
    mention_group(ss);
    clause_mark_appositions(ss);
    mention_settle(ss, cr);
    coref_update(ss, cr);

    if (ex) {
        buf_printf(ex, "actors:\n");
        for (size_t k = 0; k < ss->nm; k++) {
            const syn_mention *m = &ss->m[k];
            uint32_t b = ss->toks[m->first].start, e = ss->toks[m->last - 1].end;
            buf_printf(ex, "  [%u-%u) \"%.*s\" -> %s", m->first, m->last, (int)(e - b), s->text + b, m->code);
            if (m->flags & SYN_M_PRONOUN) buf_printf(ex, " (coreference)");
            if (m->flags & SYN_M_AFTER_PREP) buf_printf(ex, " (after preposition)");
            if (m->flags & SYN_M_GLOSSED) buf_printf(ex, " (named by the acronym in brackets after it)");
            if (ss->paren[m->first] == SYN_PAREN_APPOSITION) buf_printf(ex, " (apposition)");
            if (ss->paren[m->first] == SYN_PAREN_PARTICIPLE) buf_printf(ex, " (in a participial modifier)");
            buf_printf(ex, " group=%d\n", m->group);
            const dict_actor *ents[3] = {m->actor, m->agent, m->extra};
            for (int k2 = 0; k2 < 3; k2++) {
                if (!ents[k2]) continue;
                const char *file, *text;
                uint64_t line;
                dict_actor_where(ents[k2], &file, &line, &text);
                buf_printf(ex, "      %s entry %s:%llu: %s\n",
                          dict_actor_kind(ents[k2]) == DICT_AGENT ? "agent" : "actor", file,
                          (unsigned long long)line, text);
            }
        }
    }
    return DYAD_OK;
}

