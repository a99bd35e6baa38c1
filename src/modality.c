/* modality.c: negation, intent and threats read from the words before a verb, and the
 * CAMEO codes they lead to (refusals, 03x intents, 13x threats, mirrored 02x/10x). */
#include "coder_int.h"

#include <stdio.h>
#include <string.h>

/* Looks left of the verb group for negation ("did not", "never", "refused to") and
 * intent ("will", "plans to", "agreed to", "threatened to"). */
enum modality modality_find(const syn_sentence *ss, size_t v, const char **why) {
    enum modality m = MOD_NONE;
    for (size_t k = 1; k <= 5 && k <= v; k++) {
        const tok *t = &ss->toks[v - k];
        if (t->cls != TOK_WORD) break;
        if (t->tags & LEX_NEG) {
            *why = t->norm;
            return MOD_NEGATED;
        }
        if (t->tags & LEX_MODAL) {
            if (m == MOD_NONE) m = MOD_INTENT, *why = t->norm;
            continue;
        }
        if (tok_is(t, "to") && k < v) {
            const tok *g = &ss->toks[v - k - 1];
            static const char *const refuse[] = {"refuse", "decline", "fail", "reject"};
            static const char *const intent[] = {"plan", "intend", "want", "seek", "hope",
                                                 "expect", "aim", "vow", "pledge", "promise",
                                                 "agree", "offer", "propose", "prepare"};
            for (size_t q = 0; q < sizeof refuse / sizeof refuse[0]; q++)
                if (tok_lemma_is(g, refuse[q])) { *why = g->norm; return MOD_NEGATED; }
            if (tok_lemma_is(g, "threaten")) { *why = g->norm; return MOD_THREAT; }
            for (size_t q = 0; q < sizeof intent / sizeof intent[0]; q++)
                if (tok_lemma_is(g, intent[q])) { *why = g->norm; m = MOD_INTENT; }
            /* "is to meet", "are going to" */
            if (tok_is_be(g) || tok_is(g, "going")) { *why = "to"; m = MOD_INTENT; }
            break;
        }
        if (t->tags & (LEX_ADV | LEX_AUX)) continue;
        break;
    }
    return m;
}

/* The CAMEO code that asks for, promises or demands what `code` does. CAMEO mirrors its
 * material codes in three verbal families: express intent (03x), appeal (02x) and demand
 * (10x): economic/military/judicial/intelligence cooperation 061-064 -> 0311-0314,
 * 0211-0214, 1011-1014; aid 071-074 -> 0331-0334, 0231-0234, 1031-1034; yielding 081,
 * 082, 084, 085, 086, 087 -> 0351-0356, 0251-0256, 1051-1056; political reform 083 ->
 * 034, 024, 104; meeting 04x -> 036, 026, 106; diplomatic cooperation 05x -> 032, 022,
 * 102. family is 3, 2 or 10. Returns NULL when CAMEO has no such code. */
const char *modality_mirror_code(const char *code, int family) {
    static const struct { const char *from, *intent, *appeal, *demand; } tab[] = {
        {"061", "0311", "0211", "1011"}, {"062", "0312", "0212", "1012"},
        {"063", "0313", "0213", "1013"}, {"064", "0314", "0214", "1014"},
        {"06", "031", "021", "101"},
        {"071", "0331", "0231", "1031"}, {"072", "0332", "0232", "1032"},
        {"073", "0333", "0233", "1033"}, {"074", "0334", "0234", "1034"},
        {"07", "033", "023", "103"},
        {"081", "0351", "0251", "1051"}, {"082", "0352", "0252", "1052"},
        {"083", "034", "024", "104"},    {"084", "0353", "0253", "1053"},
        {"085", "0354", "0254", "1054"}, {"086", "0355", "0255", "1055"},
        {"087", "0356", "0256", "1056"}, {"08", "035", "025", "105"},
        {"04", "036", "026", "106"},     {"05", "032", "022", "102"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (!strncmp(code, tab[i].from, strlen(tab[i].from)))
            return family == 3 ? tab[i].intent : family == 2 ? tab[i].appeal : tab[i].demand;
    return NULL;
}

/* CAMEO's intent and threat codes for an event stated as future or threatened. */
void modality_code(const char *code, enum modality m, char out[8]) {
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *r = NULL;
    if (m == MOD_THREAT) {
        if (root == 16) r = !strncmp(code, "163", 3) ? "1312" : "131";
        else if (root == 17) r = "137";
        else if (root >= 18) r = "138";
        else if (root >= 14) r = "130";
    } else if (m == MOD_INTENT) {
        r = modality_mirror_code(code, 3);
        if (!r) switch (root) {
            case 16: r = !strncmp(code, "163", 3) ? "1312" : "131"; break;
            case 17: r = "137"; break;
            case 18: case 19: case 20: r = "138"; break;
            default: break;
            }
    }
    snprintf(out, 8, "%s", r ? r : code);
}

